// extract/class_vocab.h: the class and id vocabulary's matcher (an Aho-Corasick automaton in
// class_names.cc) against a plain statement of its rule, on the words themselves, words glued
// together and overlapping, pieces of words, short and long tokens, bytes outside the
// vocabulary's alphabet, and random tokens.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/class_vocab.h"
#include "util/splitmix.h"

namespace gazette::extract {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// The rule, word by word and occurrence by occurrence.
uint32_t reference(std::string_view t) {
  uint32_t bits = 0;
  for (const vocab::Word& w : vocab::words()) {
    for (size_t at = t.find(w.word); at != std::string_view::npos; at = t.find(w.word, at + 1)) {
      bits |= w.in_bits;
      const size_t end = at + w.word.size();
      if ((at == 0 || !is_alnum(t[at - 1])) && (end == t.size() || !is_alnum(t[end])))
        bits |= w.token_bits;
    }
  }
  return bits;
}

// Compares the matcher with the reference on every token; reports the first few differences.
void expect_same(const std::vector<std::string>& tokens) {
  int failures = 0;
  for (const std::string& t : tokens) {
    const uint32_t want = reference(t), got = vocab::match(t);
    if (want != got && ++failures <= 10)
      ADD_FAILURE() << "token \"" << t << "\": matcher " << std::hex << got << ", rule " << want;
  }
  EXPECT_EQ(failures, 0) << "of " << tokens.size() << " tokens";
}

std::vector<std::string_view> word_list() {
  std::vector<std::string_view> out;
  for (const vocab::Word& w : vocab::words()) out.push_back(w.word);
  return out;
}

uint32_t token_bits_of(std::string_view word) {
  for (const vocab::Word& w : vocab::words())
    if (w.word == word) return w.token_bits;
  return 0;
}

TEST(ClassVocab, WordsAreUniqueLowercaseAndCarryBits) {
  std::set<std::string_view> seen;
  size_t bounded = 0;
  for (const vocab::Word& w : vocab::words()) {
    EXPECT_TRUE(seen.insert(w.word).second) << w.word;
    ASSERT_FALSE(w.word.empty());
    for (char c : w.word) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << w.word;
    EXPECT_NE(w.in_bits | w.token_bits, 0u) << w.word;
    if (w.token_bits != 0) ++bounded;
  }
  EXPECT_GT(seen.size(), 100u);
  EXPECT_GT(bounded, 5u);
}

TEST(ClassVocab, TokenBitsOnlyWhenBounded) {
  const uint32_t ad = token_bits_of("ad");
  ASSERT_NE(ad, 0u);
  for (std::string_view t : {"ad", "top-ad", "ad_slot", "x ad", "ad-", "9-ad-9", "\xff" "ad"})
    EXPECT_EQ(vocab::match(t) & ad, ad) << t;
  // (Other bounded words share ad's bits: "header" and "masthead" have them as tokens.)
  for (std::string_view t : {"load", "loader", "ad9", "9ad", "adsidebar", "headerad", "a-d",
                             "mastheads", "shadow"})
    EXPECT_EQ(vocab::match(t) & ad, 0u) << t;
  // "entry-meta" ends with a shorter bounded word, found through its suffix link.
  const uint32_t meta = token_bits_of("meta");
  ASSERT_NE(meta, 0u);
  EXPECT_EQ(vocab::match("entry-meta") & meta, meta);
  EXPECT_EQ(vocab::match("xentry-meta") & meta, meta);
  EXPECT_EQ(vocab::match("entry-metax") & meta, 0u);
}

TEST(ClassVocab, NamedCases) {
  expect_same({"", "a", "-", "_", "ad", "adsidebar", "headerad", "commentary", "comments",
               "label-hidden", "field--label-hidden", "article__body",
               "c-fixed-sidebar-layout--300", "has-sidebar", "entry-meta", "post-date",
               "mostpopular", "most-popular", "subscriber", "paywall", "autorenew",
               "cookie-banner", "cookiebannerad", "sign-up", "signup", "navbar-nav", "nav_",
               "tags-tag-tags", "datum-time", "loginlogin", "login-login", "metameta"});
}

TEST(ClassVocab, AllTokensOfOneAndTwoBytes) {
  std::vector<std::string> tokens;
  for (unsigned a = 0; a < 256; ++a) {
    tokens.push_back(std::string(1, static_cast<char>(a)));
    for (unsigned b = 0; b < 256; ++b)
      tokens.push_back(std::string{static_cast<char>(a), static_cast<char>(b)});
  }
  expect_same(tokens);
}

TEST(ClassVocab, WordsAloneAndPiecesOfWords) {
  std::vector<std::string> tokens;
  for (std::string_view w : word_list()) {
    tokens.emplace_back(w);
    // Every piece: prefixes, suffixes, middles (a word that is cut must not match).
    for (size_t from = 0; from < w.size(); ++from)
      for (size_t to = from + 1; to <= w.size(); ++to)
        tokens.emplace_back(w.substr(from, to - from));
    // With a byte before and after it: letters and digits unbound it, the others do not.
    for (std::string_view side : {"-", "_", "0", "9", "x", "a", " ", "\x80", "\xff", "A", "."}) {
      tokens.push_back(std::string(side) + std::string(w));
      tokens.push_back(std::string(w) + std::string(side));
      tokens.push_back(std::string(side) + std::string(w) + std::string(side));
    }
  }
  expect_same(tokens);
}

TEST(ClassVocab, WordsGluedAndOverlapping) {
  const std::vector<std::string_view> words = word_list();
  std::vector<std::string> tokens;
  for (std::string_view a : words)
    for (std::string_view b : words) {
      for (std::string_view glue : {"", "-", "_", "1", "q", "--"})
        tokens.push_back(std::string(a) + std::string(glue) + std::string(b));
      // Overlaps: b's first bytes are a's last ("commentary" = "comment" + "entry" less "ent").
      for (size_t k = 1; k < a.size() && k < b.size(); ++k)
        if (a.substr(a.size() - k) == b.substr(0, k))
          tokens.push_back(std::string(a) + std::string(b.substr(k)));
    }
  expect_same(tokens);
}

TEST(ClassVocab, LongTokens) {
  // Longer than judge_raw_token's 64-byte buffer, and than any word many times over.
  util::SplitMix64 rng(11);
  const std::vector<std::string_view> words = word_list();
  std::vector<std::string> tokens;
  for (int i = 0; i < 3000; ++i) {
    std::string t;
    const size_t size = 65 + rng.below(300);
    while (t.size() < size) {
      t += words[rng.below(words.size())];
      t += "-_0x"[rng.below(4)];
    }
    tokens.push_back(t);
  }
  tokens.push_back(std::string(1000, 'a'));
  tokens.push_back(std::string(1000, '-'));
  expect_same(tokens);
}

TEST(ClassVocab, RandomTokens) {
  // The vocabulary's alphabet and the bytes that bound words, and pieces of words, so that
  // words, near-words and overlaps are frequent.
  util::SplitMix64 rng(5);
  const std::vector<std::string_view> words = word_list();
  const std::string_view bytes = "abcdefghijklmnopqrstuvwxyz--__09 \x80\xff";
  std::vector<std::string> tokens;
  for (int i = 0; i < 300000; ++i) {
    std::string t;
    const size_t size = rng.below(rng.below(4) == 0 ? 80 : 24);
    while (t.size() < size) {
      const uint64_t pick = rng.below(8);
      if (pick < 5) {
        t += bytes[rng.below(bytes.size())];
      } else {
        const std::string_view w = words[rng.below(words.size())];
        const size_t from = pick == 5 ? rng.below(w.size()) : 0;
        t += w.substr(from, pick == 7 ? 1 + rng.below(w.size() - from) : std::string_view::npos);
      }
    }
    tokens.push_back(t);
  }
  expect_same(tokens);
}

}  // namespace
}  // namespace gazette::extract
