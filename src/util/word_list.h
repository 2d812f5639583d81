// WordList: finding any of a fixed set of words in short strings (class names, ids) in one
// pass. Class and id vocabularies are tested on every element of every page, so this is on the
// hot path of extraction and metadata.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "util/ascii.h"

namespace gazette::util {

// A fixed list of lowercase words, bucketed by first byte: a search is one pass over the
// string, comparing only the words that start with each byte.
class WordList {
 public:
  WordList(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) add(w);
  }
  // From a vector of words (which must outlive the list).
  explicit WordList(const std::vector<std::string_view>& words) {
    for (std::string_view w : words) add(w);
  }
  // From one or more arrays of words.
  template <size_t... N>
  explicit WordList(const std::string_view (&... lists)[N]) {
    (add_all(lists), ...);
  }
  // True when one of the words occurs in `s`.
  bool in(std::string_view s) const { return find(s, false); }
  // True when one of the words occurs in `s` as a whole token: bounded by anything that is not
  // a letter or digit ("ad" matches "ad", "top-ad", "ad_slot", but not "header" or "load").
  bool token_in(std::string_view s) const { return find(s, true); }
  // True when `s` starts with one of the words (compared as written: case matters).
  bool starts(std::string_view s) const { return longest_at(s, 0) != 0; }
  // The length of the longest word that `s` holds at byte `at`; 0 when none does.
  size_t longest_at(std::string_view s, size_t at) const {
    if (at >= s.size()) return 0;
    size_t longest = 0;
    for (std::string_view w : buckets_[static_cast<unsigned char>(s[at])])
      if (w.size() > longest && s.size() - at >= w.size() && same(s.data() + at, w))
        longest = w.size();
    return longest;
  }

 private:
  void add(std::string_view w) {
    if (!w.empty()) buckets_[static_cast<unsigned char>(w[0])].push_back(w);
  }
  template <size_t N>
  void add_all(const std::string_view (&list)[N]) {
    for (std::string_view w : list) add(w);
  }
  static bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
  // An inline comparison: the words are short, and most candidates differ in the second byte,
  // where a call to memcmp would cost more than the comparison.
  static bool same(const char* p, std::string_view w) {
    for (size_t k = 1; k < w.size(); ++k)
      if (p[k] != w[k]) return false;
    return true;
  }

  bool find(std::string_view s, bool whole) const {
    for (size_t i = 0; i < s.size(); ++i) {
      // A whole word starts after a byte that is not a letter or digit.
      if (whole && i > 0 && is_alnum(s[i - 1])) continue;
      for (std::string_view w : buckets_[static_cast<unsigned char>(s[i])]) {
        if (s.size() - i < w.size() || !same(s.data() + i, w)) continue;
        if (!whole) return true;
        size_t end = i + w.size();
        if ((i == 0 || !is_alnum(s[i - 1])) && (end == s.size() || !is_alnum(s[end])))
          return true;
      }
    }
    return false;
  }

  std::array<std::vector<std::string_view>, 256> buckets_;
};

// A bit for each pair of bytes that starts a word of a list (any second byte for a one-byte
// word). Most positions of a class name start no word of a vocabulary, so a search tests this
// bit first and compares words only where it is set.
class PairFilter {
 public:
  void add(std::string_view word) {
    if (word.empty()) return;
    const unsigned c0 = static_cast<unsigned char>(word[0]);
    if (word.size() == 1) {
      for (unsigned c1 = 0; c1 < 256; ++c1) mark(c0 << 8 | c1);
    } else {
      mark(c0 << 8 | static_cast<unsigned char>(word[1]));
    }
  }
  // False when no word starts with byte c0 followed by byte c1 (0 past the end).
  bool may_start(unsigned c0, unsigned c1) const {
    const unsigned pair = c0 << 8 | c1;
    return (bits_[pair >> 6] >> (pair & 63)) & 1;
  }

 private:
  void mark(unsigned pair) { bits_[pair >> 6] |= uint64_t{1} << (pair & 63); }
  std::array<uint64_t, 65536 / 64> bits_{};
};

// Several word lists matched in one pass: match() returns the union of the bits of the lists
// with a word in the string (anywhere, as in WordList::in). ASCII letters of the string are
// compared without case, so class and id values are matched as written, without a lowercase
// copy. Words must be lowercase.
class WordSets {
 public:
  struct Set {
    std::initializer_list<std::string_view> words;
    uint32_t bits;
  };
  WordSets(std::initializer_list<Set> sets) {
    for (const Set& set : sets)
      for (std::string_view w : set.words) {
        if (w.empty()) continue;
        auto& bucket = buckets_[static_cast<unsigned char>(w[0])];
        auto it = std::find_if(bucket.begin(), bucket.end(),
                               [&](const Entry& e) { return e.word == w; });
        if (it == bucket.end()) it = bucket.insert(bucket.end(), Entry{w, 0});
        it->bits |= set.bits;
        starts_.add(w);
      }
  }

  uint32_t match(std::string_view s) const {
    uint32_t bits = 0;
    // Most positions start no word's first two bytes: one bit test skips them.
    unsigned next = s.empty() ? 0 : static_cast<unsigned char>(ascii_lower(s[0]));
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned c0 = next;
      next = i + 1 < s.size() ? static_cast<unsigned char>(ascii_lower(s[i + 1])) : 0;
      if (!starts_.may_start(c0, next)) continue;
      for (const Entry& e : buckets_[c0]) {
        if (s.size() - i < e.word.size()) continue;
        size_t k = 1;
        while (k < e.word.size() && ascii_lower(s[i + k]) == e.word[k]) ++k;
        if (k == e.word.size()) bits |= e.bits;
      }
    }
    return bits;
  }

 private:
  struct Entry {
    std::string_view word;
    uint32_t bits;
  };
  std::array<std::vector<Entry>, 256> buckets_;
  PairFilter starts_;
};

}  // namespace gazette::util
