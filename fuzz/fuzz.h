// Shared pieces of Gazette's fuzz targets (fuzz/*_fuzzer.cc).
//
// A target is written once and built two ways:
//  * by fuzz/CMakeLists.txt with clang's libFuzzer: GAZETTE_FUZZ_TARGET defines
//    LLVMFuzzerTestOneInput;
//  * inside the normal test binary (tests/worst_case_test.cc includes the targets with
//    GAZETTE_FUZZ_REPLAY defined): GAZETTE_FUZZ_TARGET registers the body under the target's
//    name, and the test replays every file of tests/fixtures/regressions/<target>/ through it,
//    so that each crash the fuzzers found stays a regression test of the ordinary build.
// Each target therefore keeps its helpers in its own namespace (gazette_fuzz::<target>), never
// in an anonymous one: several targets share one translation unit in the replay build.
//
// Invariant violations call GAZETTE_FUZZ_CHECK, which prints the condition and aborts: libFuzzer
// reports an abort as a crash and saves the input, and the replay test dies visibly.
//
// Inputs: libFuzzer hands arbitrary bytes. Parsers that require valid UTF-8 (the decoder's
// output invariant) get valid_utf8() of the input, which replaces each byte that does not start
// a well-formed sequence by U+FFFD; mutations therefore stay local, unlike a pass through the
// decoder, which could reinterpret the whole input in another encoding. Options a target varies
// (a charset, a mode) come from a control byte at the end of the input (Input::take_control()),
// so that seed files are the plain fixture plus one byte.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>
#include "metadata/titlecase.h"
#include "util/splitmix.h"

namespace gazette_fuzz {

// Loads the word lists of title casing (metadata/titlecase.h) for every language they cover.
// They load on first use, once per process: the Polish one takes 1.5 s, over 10 s under ASan,
// which libFuzzer's -timeout charged to whichever input came first (docs/robustness.md,
// findings). Targets that reach title casing call this from LLVMFuzzerInitialize.
inline void warm_up_word_lists() {
  for (const char* language : {"fr", "en", "de", "es", "it", "pt", "nl", "pl"})
    gazette::metadata::sentence_case("WARM UP", language);
}

[[noreturn]] inline void check_failed(const char* expr, const char* file, int line,
                                      std::string_view detail) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %s%s%.*s\n", file, line, expr,
               detail.empty() ? "" : ": ", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

#define GAZETTE_FUZZ_CHECK(cond)                                              \
  do {                                                                        \
    if (!(cond)) ::gazette_fuzz::check_failed(#cond, __FILE__, __LINE__, {}); \
  } while (0)
#define GAZETTE_FUZZ_CHECK_MSG(cond, detail)                                       \
  do {                                                                             \
    if (!(cond)) ::gazette_fuzz::check_failed(#cond, __FILE__, __LINE__, (detail)); \
  } while (0)

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), or 0 when the byte there does not start one.
inline size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

inline bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// `s` with every byte that does not start a well-formed sequence replaced by U+FFFD.
inline std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  return out;
}

// The fuzz input: the payload, and control bytes taken from its end.
class Input {
 public:
  Input(const uint8_t* data, size_t size)
      : bytes_(reinterpret_cast<const char*>(data), size) {}
  // The last byte (0 when empty), removed from the payload.
  uint8_t take_control() {
    if (bytes_.empty()) return 0;
    uint8_t c = static_cast<uint8_t>(bytes_.back());
    bytes_.remove_suffix(1);
    return c;
  }
  std::string_view bytes() const { return bytes_; }

 private:
  std::string_view bytes_;
};

using Rng = gazette::util::SplitMix64;  // util/splitmix.h

// FNV-1a: a seed for Rng from the input itself.
inline uint64_t hash_bytes(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ull;
  return h;
}

// Cuts `s` into chunks whose sizes follow `control`: a mix of tiny chunks (1-3 bytes, the sizes
// that split tags, references and UTF-8 sequences) and larger ones.
inline std::vector<std::string_view> chunks_of(std::string_view s, uint8_t control) {
  Rng rng(hash_bytes(s) ^ control);
  std::vector<std::string_view> out;
  size_t big = size_t{1} << (control & 7);  // 1 .. 128
  for (size_t i = 0; i < s.size();) {
    size_t n = rng.below(4) == 0 ? 1 + rng.below(3) : 1 + rng.below(big * 4);
    n = std::min(n, s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// Replay registry (see the header comment).
using TargetFn = int (*)(const uint8_t*, size_t);
struct RegisteredTarget {
  const char* name;
  TargetFn fn;
};
inline std::vector<RegisteredTarget>& registered_targets() {
  static std::vector<RegisteredTarget> targets;
  return targets;
}
inline bool register_target(const char* name, TargetFn fn) {
  registered_targets().push_back({name, fn});
  return true;
}

}  // namespace gazette_fuzz

// GAZETTE_FUZZ_TARGET(name) { body using `data` and `size` }
#ifdef GAZETTE_FUZZ_REPLAY
#define GAZETTE_FUZZ_TARGET(name)                                                        \
  namespace gazette_fuzz::name {                                                        \
  int one_input(const uint8_t* data, size_t size);                                      \
  [[maybe_unused]] inline const bool registered = register_target(#name, &one_input);   \
  }                                                                                     \
  int gazette_fuzz::name::one_input(const uint8_t* data, size_t size)
#else
#define GAZETTE_FUZZ_TARGET(name)                                                        \
  namespace gazette_fuzz::name {                                                        \
  int one_input(const uint8_t* data, size_t size);                                      \
  }                                                                                     \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {             \
    return gazette_fuzz::name::one_input(data, size);                                   \
  }                                                                                     \
  int gazette_fuzz::name::one_input(const uint8_t* data, size_t size)
#endif
