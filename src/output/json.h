// Minimal, fast JSON writing for Gazette's records. Input strings are valid UTF-8 (the decoder's
// invariant), so escaping only has to handle quotes, backslashes and control characters.
#pragma once

#include <string>
#include <string_view>

namespace gazette::output {

// Appends `s` as a JSON string literal, quotes included. Control characters become \n, \t, ...
// or \u00XX; U+2028 and U+2029 are escaped too so that a record can be pasted into JavaScript.
void append_json_string(std::string& out, std::string_view s);

// Helper for writing one flat object: {"k": v, ...}.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }
  void key(std::string_view k);
  void string(std::string_view k, std::string_view v);
  // Writes null when `v` is empty.
  void string_or_null(std::string_view k, std::string_view v);
  void raw(std::string_view k, std::string_view json);
  void finish() { out_.push_back('}'); }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace gazette::output
