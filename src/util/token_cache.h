// A fixed-size cache from short tokens (class names, ids) to what a classifier made of them.
//
//   static thread_local util::TokenCache<uint32_t, 1024> cache;
//   uint32_t bits = cache.get(token, [](std::string_view t) { return classify(t); });
//
// Pages repeat the same class tokens on hundreds of elements (utility-class frameworks put
// dozens on each), and a site repeats them across pages, so the pipeline's classifiers keep
// recent answers here. Direct-mapped: a slot per hash, and a new token takes over its slot,
// so memory is fixed (kEntries * 64 bytes) and a lookup is one hash and one comparison.
//
// Invariants: `compute` is a pure function of the token's bytes (the cache is exact: a slot
// keeps its token and a hit compares it whole); tokens longer than kTokenBytes are computed
// every time. Not thread-safe: give each thread its own (thread_local).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "util/ascii.h"

namespace gazette::util {

namespace detail {
// Unaligned loads of 8 and 4 bytes, for reading short strings in a few steps.
inline uint64_t load8(const char* q) {
  uint64_t v;
  std::memcpy(&v, q, 8);
  return v;
}
inline uint32_t load4(const char* q) {
  uint32_t v;
  std::memcpy(&v, q, 4);
  return v;
}
}  // namespace detail

// A hash of a short string, 8 bytes per multiply (FNV-1a takes a multiply's latency per byte,
// and this runs on every class token of every element). The length seeds it, so the
// overlapping loads of the tail are harmless.
inline uint64_t short_hash(std::string_view s) {
  using detail::load4;
  using detail::load8;
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t h = (n + 1) * 0x9E3779B97F4A7C15ull;
  auto mix = [&h](uint64_t v) {
    h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  };
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) mix(load8(p + i));
    mix(load8(p + n - 8));
  } else if (n >= 4) {
    mix(static_cast<uint64_t>(load4(p)) << 32 | load4(p + n - 4));
  } else if (n > 0) {
    mix(static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
        static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
        static_cast<unsigned char>(p[n - 1]));
  }
  return h;
}

// Whether the n bytes at `a` and `b` are the same (n >= 1), by loads that may overlap, as
// short_hash reads them: a hit's comparison without a call to memcmp, whose call and setup
// cost more than the comparison of a class token.
inline bool same_short(const char* a, const char* b, size_t n) {
  using detail::load4;
  using detail::load8;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8)
      if (load8(a + i) != load8(b + i)) return false;
    return load8(a + n - 8) == load8(b + n - 8);
  }
  if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

template <typename Value, size_t kEntries>
class TokenCache {
  static_assert((kEntries & (kEntries - 1)) == 0, "kEntries must be a power of two");

 public:
  // One cache line per slot, the token inline: a lookup touches one line.
  static constexpr size_t kTokenBytes = 64 - sizeof(uint64_t) - sizeof(Value) - 1;

  TokenCache() : slots_(kEntries) {}

  template <typename Compute>
  Value get(std::string_view token, Compute&& compute) {
    if (token.empty() || token.size() > kTokenBytes) return compute(token);
    const uint64_t h = short_hash(token);
    Slot& slot = slots_[(h ^ (h >> 29)) & (kEntries - 1)];
    if (slot.hash == h && slot.size == token.size() &&
        same_short(slot.token, token.data(), token.size()))
      return slot.value;
    slot.value = compute(token);
    slot.hash = h;
    slot.size = static_cast<uint8_t>(token.size());
    std::memcpy(slot.token, token.data(), token.size());
    return slot.value;
  }

 private:
  struct alignas(64) Slot {
    uint64_t hash = 0;
    Value value{};
    uint8_t size = 0;  // 0: empty
    char token[kTokenBytes];
  };
  static_assert(sizeof(Slot) == 64, "a slot is one cache line");
  std::vector<Slot> slots_;
};

// Calls `f` on each token of an HTML class or id value (split at ASCII whitespace).
template <typename F>
void for_each_token(std::string_view value, F&& f) {
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && is_html_space(static_cast<unsigned char>(value[i]))) ++i;
    const size_t j = find_html_space(value, i);
    if (j > i) f(value.substr(i, j - i));
    i = j;
  }
}

}  // namespace gazette::util
