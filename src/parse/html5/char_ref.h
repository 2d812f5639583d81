// Character references (HTML Standard 13.5, "Named character references", and the numeric
// character reference end state's replacement table).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gazette::html5 {

// The longest name in the table ("CounterClockwiseContourIntegral;").
inline constexpr size_t kMaxNamedReferenceLength = 32;

struct NamedReferenceMatch {
  size_t length = 0;            // characters of the name matched (0: no match); includes ';'
  std::string_view replacement;  // UTF-8
};

// The spec's "consume the maximum number of characters possible, where the consumed characters
// are one of the identifiers in the named character references table": finds the longest table
// name that is a prefix of `s` (the text right after '&'). Looks at no more than
// kMaxNamedReferenceLength bytes of `s`; O(length * log(table size)).
NamedReferenceMatch match_named_reference(std::string_view s);

// Number of entries in the generated table (2,231).
size_t named_reference_count();

// The replacement for a numeric reference to `code` after the checks of 13.2.5.80 (NUL,
// out-of-range and surrogates become U+FFFD; 0x80..0x9F map through the windows-1252 table).
uint32_t numeric_reference_replacement(uint32_t code);

// Appends `cp` (a Unicode scalar value) as UTF-8 to `out`; returns the number of bytes written
// (1..4). `out` must have room for 4 bytes.
size_t encode_utf8(uint32_t cp, char* out);

}  // namespace gazette::html5
