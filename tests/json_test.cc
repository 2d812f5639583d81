#include <gtest/gtest.h>

#include "gazette/gazette.h"
#include "output/json.h"

namespace {

std::string esc(std::string_view s) {
  std::string out;
  gazette::output::append_json_string(out, s);
  return out;
}

TEST(JsonEscape, QuotesAndBackslashes) {
  EXPECT_EQ(esc(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
}

TEST(JsonEscape, ControlCharacters) {
  EXPECT_EQ(esc("a\nb\tc\rd"), R"("a\nb\tc\rd")");
  EXPECT_EQ(esc(std::string("x\0y", 3)), R"("x\u0000y")");
  EXPECT_EQ(esc("\x1f\b\f"), R"("\u001f\b\f")");
}

TEST(JsonEscape, Utf8PassesThroughExceptLineSeparators) {
  EXPECT_EQ(esc("été €"), "\"été €\"");
  EXPECT_EQ(esc("a\u2028b\u2029c"), R"("a\u2028b\u2029c")");
}

// Each escape at every offset of a long string: the 16-byte scan and its scalar tail find it
// wherever it falls.
TEST(JsonEscape, EscapesAtEveryOffsetOfLongText) {
  const std::pair<std::string, std::string> kEscapes[] = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {std::string(1, '\x01'), "\\u0001"},
      {"\u2028", "\\u2028"}, {"\u2029", "\\u2029"}, {"\u2026", "\u2026"}, {"\x7f", "\x7f"}};
  for (const auto& [raw, escaped] : kEscapes) {
    for (size_t at = 0; at < 40; ++at) {
      const std::string text = std::string(at, 'a') + raw + std::string(37 - at % 7, 'b');
      const std::string want =
          "\"" + std::string(at, 'a') + escaped + std::string(37 - at % 7, 'b') + "\"";
      EXPECT_EQ(esc(text), want) << "escape of byte " << int(static_cast<unsigned char>(raw[0]))
                                 << " at " << at;
    }
  }
}

TEST(JsonRecord, NullsForMissingFieldsAndAuthorList) {
  gazette::Article a;
  a.source = "p.html";
  a.title = "T";
  a.authors = {"Ann", "Bob \"B\""};
  a.body = "x";
  std::string j = gazette::to_json(a, gazette::Format::kText);
  EXPECT_EQ(j,
            R"({"source": "p.html", "url": null, "title": "T", "title_display": null, )"
            R"("authors": ["Ann", "Bob \"B\""], "date_published": null, "date_published_raw": null, )"
            R"("date_modified": null, "dateline": null, "site_name": null, "language": null, )"
            R"("description": null, "image": null, "access": null, "body": "x"})");
  a.dateline = {"PARIS", "AFP"};
  EXPECT_NE(gazette::to_json(a, gazette::Format::kText)
                .find(R"("dateline": {"place": "PARIS", "agency": "AFP"})"),
            std::string::npos);
}

TEST(JsonRecord, ErrorRecord) {
  gazette::Error e{gazette::ErrorCode::kIo, "no such file"};
  EXPECT_EQ(gazette::error_json("a\"b", e), R"({"source": "a\"b", "error": "no such file"})");
}

}  // namespace
