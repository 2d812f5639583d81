// Encoding one code point as UTF-8, for the decoder and the tokenizer's character references;
// cutting valid UTF-8 at a byte budget without splitting a character.
#pragma once

#include <cstddef>
#include <string_view>

namespace gazette::util {

// Writes `cp` (a scalar value, at most U+10FFFF) as UTF-8 to `out`, which has room for 4
// bytes, and returns the number of bytes written.
constexpr size_t encode_utf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// The longest prefix of `s` (valid UTF-8) of at most `max_bytes` that does not end inside a
// character: what a byte budget may keep. A budget cut can leave a lead byte without its
// continuation bytes, and a reader that trusts the lead byte reads past the end (CLD2 did:
// docs/robustness.md, findings).
constexpr size_t utf8_prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  size_t n = max_bytes;
  // s[n] is the first byte left out; while it continues a character, that character is cut.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace gazette::util
