// util/find.h, util/token_cache.h and util/word_list.h: the search, the cache and the word
// matching the classifiers use.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/ascii.h"
#include "util/find.h"
#include "util/splitmix.h"
#include "util/token_cache.h"
#include "util/word_list.h"

namespace gazette::util {
namespace {

TEST(FindBytes, AgreesWithStringViewFindOnRandomText) {
  // A small alphabet, so that needles occur often, at every offset of the 16-byte blocks and in
  // the scalar tail; needles of 2 to 7 bytes, from every start position.
  SplitMix64 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string hay(rng.below(90), ' ');
    for (char& c : hay) c = "abcu"[rng.below(4)];
    std::string needle(2 + rng.below(6), ' ');
    for (char& c : needle) c = "abcu"[rng.below(4)];
    for (size_t from = 0; from <= hay.size() + 1; ++from)
      ASSERT_EQ(find_bytes(hay, needle, from), std::string_view(hay).find(needle, from))
          << "hay " << hay << " needle " << needle << " from " << from;
  }
}

TEST(FindBytes, EdgeCases) {
  EXPECT_EQ(find_bytes("", "ab"), std::string_view::npos);
  EXPECT_EQ(find_bytes("ab", ""), 0u);
  EXPECT_EQ(find_bytes("xyz", "y"), 1u);
  EXPECT_EQ(find_bytes("a", "ab"), std::string_view::npos);
  // A match that ends on the haystack's last byte, past the last whole block.
  std::string hay(40, '.');
  hay += "publish";
  EXPECT_EQ(find_bytes(hay, "ubli"), 41u);
  EXPECT_EQ(find_bytes(hay, "publish"), 40u);
  EXPECT_EQ(find_bytes(hay, "ublisher"), std::string_view::npos);
  // First and last bytes match, the middle does not, then a real match.
  EXPECT_EQ(find_bytes("uxxi ubli", "ubli"), 5u);
}

TEST(TokenCache, ReturnsWhatTheClassifierSaysForEveryToken) {
  int calls = 0;
  auto length = [&calls](std::string_view t) {
    ++calls;
    return static_cast<uint32_t>(t.size() * 3 + static_cast<unsigned char>(t[0]));
  };
  TokenCache<uint32_t, 16> cache;  // 16 slots for 200 tokens: slots are taken over all the time
  std::vector<std::string> tokens;
  for (int i = 0; i < 200; ++i) tokens.push_back("tok-" + std::to_string(i * 7919));
  for (int pass = 0; pass < 3; ++pass)
    for (const std::string& t : tokens) ASSERT_EQ(cache.get(t, length), t.size() * 3 + 't');
  EXPECT_GT(calls, 0);

  // A repeated token is computed once.
  calls = 0;
  for (int i = 0; i < 10; ++i) cache.get("article-body", length);
  EXPECT_EQ(calls, 1);

  // Tokens of the same length and hash prefix are not confused: "ab" and "ba".
  TokenCache<uint32_t, 1> one;  // a single slot: every token collides
  auto first_byte = [](std::string_view t) { return static_cast<uint32_t>(t[0]); };
  EXPECT_EQ(one.get("ab", first_byte), uint32_t{'a'});
  EXPECT_EQ(one.get("ba", first_byte), uint32_t{'b'});
  EXPECT_EQ(one.get("ab", first_byte), uint32_t{'a'});

  // Tokens longer than a slot holds are computed every time.
  calls = 0;
  const std::string long_token(TokenCache<uint32_t, 16>::kTokenBytes + 1, 'x');
  cache.get(long_token, length);
  cache.get(long_token, length);
  EXPECT_EQ(calls, 2);
}

TEST(ShortHash, DiffersOnEveryLengthAndByte) {
  // Not a quality test of the hash: a check that no byte of a short token is ignored (a
  // dropped byte would make every token that differs there share a slot).
  const std::string base = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (size_t n = 1; n <= base.size(); ++n) {
    const std::string s = base.substr(0, n);
    const uint64_t h = short_hash(s);
    EXPECT_NE(h, short_hash(base.substr(0, n - 1))) << n;
    for (size_t k = 0; k < n; ++k) {
      std::string t = s;
      t[k] = '_';
      EXPECT_NE(h, short_hash(t)) << s << " byte " << k;
    }
  }
}

TEST(SameShort, SeesEveryByteOfEveryLength) {
  // The cache's hit test: equal strings are the same, and a difference at any byte of any
  // length up to a slot's is seen (the loads overlap; none may skip a byte).
  const std::string base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (size_t n = 1; n <= TokenCache<uint32_t, 2>::kTokenBytes; ++n) {
    const std::string s = base.substr(0, n);
    std::string same = s;
    EXPECT_TRUE(same_short(s.data(), same.data(), n)) << n;
    for (size_t k = 0; k < n; ++k) {
      std::string t = s;
      t[k] = '_';
      EXPECT_FALSE(same_short(s.data(), t.data(), n)) << n << " byte " << k;
    }
  }
}

TEST(FindHtmlSpace, FindsEachKindAtEveryPlace) {
  // Each whitespace byte (and \v, which is not one) at every position of texts up to 40 bytes,
  // searched from every start: the SIMD steps and the byte tail agree with the definition.
  for (char c : {' ', '\t', '\n', '\f', '\r', '\v'}) {
    for (size_t n = 1; n <= 40; ++n) {
      for (size_t at = 0; at < n; ++at) {
        std::string s(n, 'x');
        s[at] = c;
        for (size_t from = 0; from <= n; ++from) {
          size_t expect = from;
          while (expect < n && !is_html_space(static_cast<unsigned char>(s[expect]))) ++expect;
          ASSERT_EQ(find_html_space(s, from), expect) << int(c) << " " << n << " " << at;
        }
      }
    }
  }
  EXPECT_FALSE(is_html_space('\v'));
}

TEST(RfindBytes, AgreesWithRfind) {
  // Random texts over a small alphabet (many partial matches) and needles of 1 to 6 bytes,
  // longer than the text included.
  uint64_t state = 7;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(state >> 33);
  };
  for (int round = 0; round < 20000; ++round) {
    std::string hay(next() % 24, ' '), needle(1 + next() % 6, ' ');
    for (char& c : hay) c = "ab |"[next() % 4];
    for (char& c : needle) c = "ab |"[next() % 4];
    ASSERT_EQ(rfind_bytes(hay, needle), std::string_view(hay).rfind(needle))
        << "'" << hay << "' '" << needle << "'";
  }
}

TEST(ForEachToken, SplitsAtHtmlWhitespace) {
  std::vector<std::string> got;
  for_each_token(" a\tbb\n\fccc\r  d ", [&](std::string_view t) { got.emplace_back(t); });
  EXPECT_EQ(got, (std::vector<std::string>{"a", "bb", "ccc", "d"}));
  got.clear();
  for_each_token("   ", [&](std::string_view t) { got.emplace_back(t); });
  EXPECT_TRUE(got.empty());
}

TEST(PairFilter, SetForTheFirstTwoBytesOfEachWordOnly) {
  PairFilter f;
  f.add("date");
  f.add("x");  // one byte: any second byte, and the end of the string (0)
  f.add("");   // ignored
  EXPECT_TRUE(f.may_start('d', 'a'));
  EXPECT_FALSE(f.may_start('d', 'b'));
  EXPECT_FALSE(f.may_start('a', 't'));
  for (unsigned c1 = 0; c1 < 256; ++c1) EXPECT_TRUE(f.may_start('x', c1)) << c1;
  size_t set = 0;
  for (unsigned c0 = 0; c0 < 256; ++c0)
    for (unsigned c1 = 0; c1 < 256; ++c1) set += f.may_start(c0, c1);
  EXPECT_EQ(set, 257u);
}

TEST(WordSets, FindsEveryWordAnywhereWithoutCase) {
  const WordSets sets = {{{"date", "x"}, 1}, {{"author", "byline"}, 2}, {{"by"}, 4}};
  EXPECT_EQ(sets.match("post-DATE"), 1u);
  EXPECT_EQ(sets.match("AuthorByline"), 2u | 4u);
  EXPECT_EQ(sets.match("box"), 1u);   // "x" at the end
  EXPECT_EQ(sets.match("dat"), 0u);   // a word cut by the end of the string
  EXPECT_EQ(sets.match(""), 0u);
}

}  // namespace
}  // namespace gazette::util
