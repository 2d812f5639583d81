// metadata::text::normalize_space against a plain byte-at-a-time statement of what it does, on
// generated text: its 16-byte scan for runs of ASCII must stop at every space, control space
// and non-ASCII byte wherever it falls.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "metadata/text.h"

namespace {

using gazette::metadata::text::normalize_space;

TEST(NormalizeSpace, CollapsesAndTrims) {
  EXPECT_EQ(normalize_space("  a \t\n b\r\n"), "a b");
  EXPECT_EQ(normalize_space("\xC2\xA0" "x\xC2\xA0\xC2\xA0y\xE2\x80\x83"), "x y");  // NBSP, em sp.
  EXPECT_EQ(normalize_space("soft\xC2\xADhyphen"), "softhyphen");  // U+00AD is invisible
  EXPECT_EQ(normalize_space(""), "");
  EXPECT_EQ(normalize_space(" \v\f "), "");
}

// What normalize_space does for the pieces used below: ASCII space (' ', \t to \r), U+00A0 and
// U+2003 are space; U+00AD is dropped; anything else is kept.
std::string reference(const std::vector<std::string>& pieces) {
  std::string out;
  bool pending = false;
  for (const std::string& p : pieces) {
    const bool space = p == " " || (p.size() == 1 && p[0] >= '\t' && p[0] <= '\r') ||
                       p == "\xC2\xA0" || p == "\xE2\x80\x83";
    if (space) {
      pending = !out.empty();
    } else if (p != "\xC2\xAD") {
      if (pending) out += ' ';
      pending = false;
      out += p;
    }
  }
  return out;
}

TEST(NormalizeSpace, MatchesByteAtATimeOnGeneratedText) {
  const std::string kPieces[] = {"a", "Z", "7", ".", "-", " ", "\t", "\n", "\v", "\f", "\r",
                                 "\xC3\xA9" /* é */, "\xC2\xA0", "\xE2\x80\x83", "\xC2\xAD",
                                 "\xE2\x80\xA6" /* … */, "\x7F"};
  std::mt19937 rng(20261127);
  for (int round = 0; round < 2000; ++round) {
    // Long runs of one kind (words, spaces) and short mixes, 0 to 80 pieces.
    std::vector<std::string> pieces;
    const size_t n = rng() % 81;
    const bool mostly_letters = rng() % 2 == 0;
    for (size_t i = 0; i < n; ++i)
      pieces.push_back(mostly_letters && rng() % 8 != 0 ? std::string(1, 'a' + rng() % 26)
                                                        : kPieces[rng() % std::size(kPieces)]);
    std::string text;
    for (const std::string& p : pieces) text += p;
    ASSERT_EQ(normalize_space(text), reference(pieces)) << "input: " << text;
  }
}

}  // namespace
