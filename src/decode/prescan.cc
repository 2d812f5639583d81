// The HTML Standard's "prescan a byte stream to determine its encoding" (in "Determining the
// character encoding"), with its helpers "get an attribute", "get an XML encoding" and the
// "algorithm for extracting a character encoding from a meta element".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decode.h"
#include "decode/sniff.h"

namespace gazette::decode {
namespace {

// The prescan's notion of whitespace: 0x09, 0x0A, 0x0C, 0x0D, 0x20 (the same set as ASCII
// whitespace).
constexpr bool is_space(char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (to_lower(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

size_t find_ci(std::string_view s, std::string_view lower_needle, size_t from) {
  for (size_t i = from; i + lower_needle.size() <= s.size(); ++i) {
    if (starts_with_ci(s.substr(i), lower_needle)) return i;
  }
  return std::string_view::npos;
}

// "Get an encoding", plus the prescan's remapping: a byte stream that the prescan can read as
// ASCII is not UTF-16, and x-user-defined is only meaningful when declared by the transport.
std::string_view remap_for_ascii_compatible(std::string_view encoding) {
  if (encoding == "UTF-16LE" || encoding == "UTF-16BE") return "UTF-8";
  if (encoding == "x-user-defined") return "windows-1252";
  return encoding;
}

// "Algorithm for extracting a character encoding from a meta element", applied to the value of a
// content attribute such as "text/html; charset=iso-8859-1". Canonical name or "".
std::string_view encoding_from_content(std::string_view s) {
  size_t pos = 0;
  for (;;) {
    // Loop: find the first seven characters that are a case-insensitive "charset".
    size_t found = find_ci(s, "charset", pos);
    if (found == std::string_view::npos) return {};
    pos = found + 7;
    while (pos < s.size() && is_space(s[pos])) ++pos;
    // Not followed by "=": resume the loop just before that character.
    if (pos >= s.size() || s[pos] != '=') continue;
    ++pos;
    while (pos < s.size() && is_space(s[pos])) ++pos;
    if (pos >= s.size()) return {};
    char c = s[pos];
    if (c == '"' || c == '\'') {
      size_t close = s.find(c, pos + 1);
      if (close == std::string_view::npos) return {};  // an unmatched quote yields nothing
      return canonical_encoding(s.substr(pos + 1, close - pos - 1));
    }
    size_t end = pos;
    while (end < s.size() && !is_space(s[end]) && s[end] != ';') ++end;
    return canonical_encoding(s.substr(pos, end - pos));
  }
}

struct Attribute {
  std::string name;
  std::string value;
};

class Prescanner {
 public:
  explicit Prescanner(std::string_view bytes) : b_(bytes) {}

  std::string_view run();

 private:
  // "Get an attribute": true with `attr` filled, or false when there is no further attribute
  // (position at '>') or the input ran out (`eof_` set: the prescan then gives up, since the
  // spec's end condition is reached inside a tag).
  bool get_attribute(Attribute& attr);
  // The "<meta" branch of the loop, entered with the position on the byte after "<meta".
  std::string_view meta();

  bool at_end() const { return pos_ >= b_.size(); }
  bool hit_end() {
    eof_ = true;
    return false;
  }

  std::string_view b_;
  size_t pos_ = 0;
  bool eof_ = false;
  Attribute attr_;
  std::vector<std::string> seen_;
};

bool Prescanner::get_attribute(Attribute& attr) {
  attr.name.clear();
  attr.value.clear();
  // Step 1: skip whitespace and '/'.
  while (!at_end() && (is_space(b_[pos_]) || b_[pos_] == '/')) ++pos_;
  if (at_end()) return hit_end();
  // Step 2: '>' means there is no attribute.
  if (b_[pos_] == '>') return false;

  // Steps 4-5: the attribute name.
  bool has_value = false;
  for (;; ++pos_) {
    if (at_end()) return hit_end();
    char c = b_[pos_];
    if (c == '=' && !attr.name.empty()) {
      ++pos_;
      has_value = true;
      break;
    }
    if (is_space(c)) break;
    if (c == '/' || c == '>') return true;
    attr.name += to_lower(c);
  }
  if (!has_value) {
    // Steps 6-8 ("spaces"): the name may be followed by whitespace and then "=".
    while (!at_end() && is_space(b_[pos_])) ++pos_;
    if (at_end()) return hit_end();
    if (b_[pos_] != '=') return true;
    ++pos_;
  }

  // Step 9 ("value"): skip whitespace.
  while (!at_end() && is_space(b_[pos_])) ++pos_;
  if (at_end()) return hit_end();
  // Step 10: a quoted value, '>', or the first byte of an unquoted value.
  char c = b_[pos_];
  if (c == '"' || c == '\'') {
    for (;;) {
      ++pos_;
      if (at_end()) return hit_end();
      if (b_[pos_] == c) {
        ++pos_;
        return true;
      }
      attr.value += to_lower(b_[pos_]);
    }
  }
  if (c == '>') return true;
  attr.value += to_lower(c);
  // Steps 11-12: the rest of an unquoted value.
  for (++pos_;; ++pos_) {
    if (at_end()) return hit_end();
    c = b_[pos_];
    if (is_space(c) || c == '>') return true;
    attr.value += to_lower(c);
  }
}

std::string_view Prescanner::meta() {
  enum class NeedPragma { kNull, kTrue, kFalse };
  seen_.clear();
  bool got_pragma = false;
  NeedPragma need_pragma = NeedPragma::kNull;
  // nullopt is the spec's "null"; an empty view is "failure" (a charset attribute with an
  // unknown label), which a later content attribute must not overwrite.
  std::optional<std::string_view> charset;

  while (get_attribute(attr_)) {
    bool duplicate = false;
    for (const std::string& name : seen_) duplicate = duplicate || name == attr_.name;
    if (duplicate) continue;
    seen_.push_back(attr_.name);
    if (attr_.name == "http-equiv") {
      if (attr_.value == "content-type") got_pragma = true;
    } else if (attr_.name == "content") {
      std::string_view encoding = encoding_from_content(attr_.value);
      if (!encoding.empty() && !charset) {
        charset = encoding;
        need_pragma = NeedPragma::kTrue;
      }
    } else if (attr_.name == "charset") {
      charset = canonical_encoding(attr_.value);
      need_pragma = NeedPragma::kFalse;
    }
  }
  if (eof_) return {};

  // "Processing".
  if (need_pragma == NeedPragma::kNull) return {};
  if (need_pragma == NeedPragma::kTrue && !got_pragma) return {};
  if (!charset || charset->empty()) return {};
  return remap_for_ascii_compatible(*charset);
}

std::string_view Prescanner::run() {
  constexpr auto npos = std::string_view::npos;
  for (; !at_end(); ++pos_) {  // ++pos_ is the spec's "next byte"
    std::string_view rest = b_.substr(pos_);
    if (rest.substr(0, 4) == "<!--") {
      // A comment: on to the '>' of the first "-->" (whose dashes may be those of "<!--").
      size_t close = b_.find("-->", pos_ + 2);
      if (close == npos) return {};
      pos_ = close + 2;
    } else if (rest.size() >= 6 && starts_with_ci(rest, "<meta") &&
               (is_space(rest[5]) || rest[5] == '/')) {
      pos_ += 5;
      std::string_view encoding = meta();
      if (!encoding.empty()) return encoding;
      if (eof_) return {};
    } else if (rest.size() >= 2 && rest[0] == '<' &&
               (is_alpha(rest[1]) || (rest[1] == '/' && rest.size() >= 3 && is_alpha(rest[2])))) {
      // Any other start or end tag: skip its name and attributes so that a "<meta" inside an
      // attribute value is not mistaken for a tag.
      size_t name_end = b_.find_first_of("\t\n\f\r >", pos_);
      if (name_end == npos) return {};
      pos_ = name_end;
      while (get_attribute(attr_)) {
      }
      if (eof_) return {};
    } else if (rest.size() >= 2 && rest[0] == '<' &&
               (rest[1] == '!' || rest[1] == '/' || rest[1] == '?')) {
      // <!DOCTYPE>, </ not followed by a letter, <?xml ...>: on to the next '>'.
      size_t close = b_.find('>', pos_ + 1);
      if (close == npos) return {};
      pos_ = close;
    }
  }
  return {};
}

}  // namespace

namespace sniff {

std::string_view prescan(std::string_view bytes) { return Prescanner(bytes).run(); }

std::string_view xml_declaration_encoding(std::string_view bytes) {
  bytes = bytes.substr(0, kPrescanBytes);
  if (bytes.substr(0, 5) != "<?xml") return {};
  size_t decl_end = bytes.find('>');
  if (decl_end == std::string_view::npos) return {};
  std::string_view decl = bytes.substr(0, decl_end);

  size_t pos = find_ci(decl, "encoding", 0);
  if (pos == std::string_view::npos) return {};
  pos += 8;
  auto skip_controls_and_space = [&] {
    while (pos < decl.size() && static_cast<unsigned char>(decl[pos]) <= 0x20) ++pos;
  };
  skip_controls_and_space();
  if (pos >= decl.size() || decl[pos] != '=') return {};
  ++pos;
  skip_controls_and_space();
  if (pos >= decl.size()) return {};
  char quote = decl[pos];
  if (quote != '"' && quote != '\'') return {};
  ++pos;
  size_t close = decl.find(quote, pos);
  if (close == std::string_view::npos) return {};
  std::string_view label = decl.substr(pos, close - pos);
  for (char c : label) {
    if (static_cast<unsigned char>(c) <= 0x20) return {};
  }
  std::string_view encoding = canonical_encoding(label);
  if (encoding == "UTF-16LE" || encoding == "UTF-16BE") return "UTF-8";
  return encoding;
}

std::string_view utf16_xml_declaration(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.substr(0, 6) == "<\0?\0x\0"sv) return "UTF-16LE";
  if (bytes.substr(0, 6) == "\0<\0?\0x"sv) return "UTF-16BE";
  return {};
}

}  // namespace sniff

std::string_view prescan_meta_charset(std::string_view bytes) {
  return sniff::prescan(bytes.substr(0, sniff::kPrescanBytes));
}

}  // namespace gazette::decode
