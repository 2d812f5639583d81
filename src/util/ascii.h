// Small ASCII helpers shared across the pipeline. HTML, HTTP and WARC keywords are ASCII and
// case-insensitive; these never consult the C locale.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

// HTML's ASCII whitespace: space, tab, LF, FF, CR (not VT).
inline bool is_html_space(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

#ifdef __SSE2__
// is_html_space on 16 bytes: 0xFF in the lanes that hold HTML whitespace.
inline __m128i html_space_lanes(__m128i v) {
  return _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\f')))));
}
#endif

// The position of the first HTML whitespace byte of `s` at or after `i`, or s.size(); 16
// bytes at a time (SSE2): class values and text are split at whitespace on every element.
inline size_t find_html_space(std::string_view s, size_t i) {
#ifdef __SSE2__
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const int mask = _mm_movemask_epi8(html_space_lanes(v));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < s.size() && !is_html_space(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// A size for error messages: "64 MiB" when it is a whole number of MiB, else "N bytes".
inline std::string size_text(uint64_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace gazette::util
