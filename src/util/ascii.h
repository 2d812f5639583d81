// Small ASCII helpers shared across the pipeline. HTML, HTTP and WARC keywords are ASCII and
// case-insensitive; these never consult the C locale.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace gazette::util {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

inline bool ascii_iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

// Strips the spaces, tabs and carriage returns that surround HTTP and WARC header values.
inline std::string_view trim_header_space(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// A size for error messages: "64 MiB" when it is a whole number of MiB, else "N bytes".
inline std::string size_text(uint64_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace gazette::util
