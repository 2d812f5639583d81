// Substring search for long haystacks (inline scripts, whole pages) and short needles.
//
//   size_t at = util::find_bytes(script_text, "ubli");  // npos when absent
//
// std::string_view::find stops at every occurrence of the needle's first byte (memchr, then a
// comparison); in JavaScript and JSON a letter like 'u' is every thirtieth byte. This tests 16
// candidate positions at a time for the needle's first and last bytes together (SSE2, the
// x86-64 baseline) and compares the middle only where both match. Elsewhere it is
// std::string_view::find.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gazette::util {

// The first position >= from where `needle` starts in `hay`, or std::string_view::npos.
inline size_t find_bytes(std::string_view hay, std::string_view needle, size_t from = 0) {
  const size_t n = needle.size();
  if (n < 2 || hay.size() < n || from > hay.size() - n) return hay.find(needle, from);
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(needle[0]);
  const __m128i last = _mm_set1_epi8(needle[n - 1]);
  const char* p = hay.data() + from;
  const char* end = hay.data() + (hay.size() - n + 1);  // candidate starts are below end
  // The last load reads p + n - 1 + 15 <= end + n - 2 < hay.data() + hay.size().
  while (end - p >= 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 1));
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    while (mask != 0) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (std::memcmp(p + bit + 1, needle.data() + 1, n - 2) == 0)
        return static_cast<size_t>(p - hay.data()) + bit;
      mask &= mask - 1;
    }
    p += 16;
  }
  return hay.find(needle, static_cast<size_t>(p - hay.data()));
#else
  return hay.find(needle, from);
#endif
}

// The last position where `needle` (not empty) starts in `hay`, or std::string_view::npos:
// std::string_view::rfind, without its call to memcmp at every position of the haystack (it
// compares only where the needle's first byte is).
inline size_t rfind_bytes(std::string_view hay, std::string_view needle) {
  if (needle.empty() || needle.size() > hay.size()) return hay.rfind(needle);
  for (size_t p = hay.size() - needle.size() + 1; p-- > 0;)
    if (hay[p] == needle[0] && hay.compare(p, needle.size(), needle) == 0) return p;
  return std::string_view::npos;
}

}  // namespace gazette::util
