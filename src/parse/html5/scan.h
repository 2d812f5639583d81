// Fast scanning for the next byte that a tokenizer state must look at.
//
// Most of a page is text, attribute values and comments in which the tokenizer has nothing to do
// but copy; these helpers find the next of up to four "special" bytes 16 bytes at a time with
// SSE2 (the x86-64 baseline), or 8 bytes at a time with the portable word-at-a-time (SWAR) test
// elsewhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gazette::html5 {

// Portable version of find_any_of() (also tested on x86-64).
template <char A, char B, char C, char D>
inline const char* find_any_of_swar(const char* p, const char* end) {
  // has_zero(x) is non-zero iff a byte of x is zero (exact as a yes/no answer; which byte is left
  // to the scalar loop below).
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  while (end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    uint64_t z = has_zero(w ^ (kOnes * static_cast<unsigned char>(A))) |
                 has_zero(w ^ (kOnes * static_cast<unsigned char>(B))) |
                 has_zero(w ^ (kOnes * static_cast<unsigned char>(C))) |
                 has_zero(w ^ (kOnes * static_cast<unsigned char>(D)));
    if (z != 0) break;
    p += 8;
  }
  for (; p < end; ++p) {
    char ch = *p;
    if (ch == A || ch == B || ch == C || ch == D) return p;
  }
  return end;
}

// The first p in [begin, end) with *p in {A, B, C, D}, or end. Repeat a byte to look for fewer.
template <char A, char B, char C, char D>
inline const char* find_any_of(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i a = _mm_set1_epi8(A), b = _mm_set1_epi8(B);
  const __m128i c = _mm_set1_epi8(C), d = _mm_set1_epi8(D);
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
                             _mm_or_si128(_mm_cmpeq_epi8(v, c), _mm_cmpeq_epi8(v, d)));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(m));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
  for (; p < end; ++p) {
    char ch = *p;
    if (ch == A || ch == B || ch == C || ch == D) return p;
  }
  return end;
#else
  return find_any_of_swar<A, B, C, D>(p, end);
#endif
}

}  // namespace gazette::html5
