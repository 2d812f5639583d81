// util/utf8.h: cutting UTF-8 at a byte budget.
#include <gtest/gtest.h>

#include <string>

#include "metadata/metadata.h"
#include "util/utf8.h"

namespace gazette::util {
namespace {

TEST(Utf8Prefix, NeverEndsInsideACharacter) {
  EXPECT_EQ(utf8_prefix("abc", 10), 3u);
  EXPECT_EQ(utf8_prefix("abc", 2), 2u);
  EXPECT_EQ(utf8_prefix("abc", 0), 0u);
  const std::string e = "a\xC3\xA9z";  // a é z
  EXPECT_EQ(utf8_prefix(e, 1), 1u);  // before é
  EXPECT_EQ(utf8_prefix(e, 2), 1u);  // only é's lead byte fits: left out, not kept alone
  EXPECT_EQ(utf8_prefix(e, 3), 3u);
  const std::string euro = "\xE2\x82\xAC!";  // € !
  EXPECT_EQ(utf8_prefix(euro, 1), 0u);
  EXPECT_EQ(utf8_prefix(euro, 2), 0u);
  EXPECT_EQ(utf8_prefix(euro, 3), 3u);
  const std::string emoji = "x\xF0\x9F\x98\x80";  // x 😀
  for (size_t k = 1; k < 5; ++k) EXPECT_EQ(utf8_prefix(emoji, k), 1u) << k;
  EXPECT_EQ(utf8_prefix(emoji, 5), 5u);
}

// The crash this fixes: the language detector's 20,000-byte budget cut the body right after a
// lead byte (a body decoded from random bytes, WorstCase.RandomBytes, 1 run in 40 with -j 2),
// and CLD2 read past the end of its buffer into an unmapped page.
TEST(Utf8Prefix, LanguageSampleEndsOnACharacter) {
  for (size_t shift = 0; shift < 4; ++shift) {
    Article a;
    a.title = "Headline";
    a.body = std::string(19999 - shift, 'a');
    for (int i = 0; i < 10; ++i) a.body += "\xC2\xAF";  // ¯
    std::string sample = metadata::language_sample(a);
    ASSERT_GT(sample.size(), 20000u - 4);
    unsigned char last = static_cast<unsigned char>(sample.back());
    EXPECT_TRUE(last == 'a' || last == 0xAF) << "shift " << shift << ": ends on byte " << int(last);
  }
}

}  // namespace
}  // namespace gazette::util
