#include "decode/decode.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace gazette::decode {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

Decoded decode(std::string_view bytes, std::string_view transport = {}) {
  Decoded d;
  to_utf8(bytes, transport, d);
  return d;
}

size_t count(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// ----- borrowing -----

TEST(DecodeBorrow, ValidUtf8IsTheInputItselfAndAnythingElseIsDecoded) {
  const std::string utf8 = "<meta charset=utf-8><p>caf\xC3\xA9</p>";
  Decoded d;
  d.borrow = true;
  to_utf8(utf8, "", d);
  EXPECT_TRUE(d.borrowed);
  EXPECT_EQ(d.text().data(), utf8.data());  // no copy
  EXPECT_EQ(d.text(), utf8);
  EXPECT_TRUE(d.utf8.empty());
  // With a BOM the text starts after it, still without a copy.
  const std::string bom = "\xEF\xBB\xBFhello";
  to_utf8(bom, "", d);
  EXPECT_EQ(d.text().data(), bom.data() + 3);
  // Invalid UTF-8 and other encodings are decoded into utf8, whatever `borrow` says.
  const std::string latin = "caf\xE9";
  to_utf8(latin, "iso-8859-1", d);
  EXPECT_FALSE(d.borrowed);
  EXPECT_EQ(d.text(), "caf\xC3\xA9");
  EXPECT_EQ(d.text().data(), d.utf8.data());
  const std::string broken = "ab\xFF";
  to_utf8(broken, "utf-8", d);
  EXPECT_EQ(d.text(), std::string("ab") + std::string(kFffd));
  // Without borrow, valid UTF-8 is copied, as before.
  Decoded copy;
  to_utf8(utf8, "", copy);
  EXPECT_FALSE(copy.borrowed);
  EXPECT_EQ(copy.utf8, utf8);
  EXPECT_NE(copy.text().data(), utf8.data());
}

// ----- BOM -----

TEST(DecodeBom, Utf8BomIsStrippedAndBeatsTransportAndMeta) {
  Decoded d = decode("\xEF\xBB\xBF<meta charset=gbk>caf\xC3\xA9", "iso-8859-1");
  EXPECT_EQ(d.utf8, "<meta charset=gbk>caf\xC3\xA9");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kBom);
}

TEST(DecodeBom, Utf16Le) {
  // "a€" then U+1F600 as a surrogate pair.
  Decoded d = decode("\xFF\xFE" "a\0\xAC\x20\x3D\xD8\x00\xDE"sv);
  EXPECT_EQ(d.utf8, "a\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.source, Source::kBom);
}

TEST(DecodeBom, Utf16Be) {
  Decoded d = decode("\xFE\xFF\0h\0i\x20\xAC"sv);
  EXPECT_EQ(d.utf8, "hi\xE2\x82\xAC");
  EXPECT_EQ(d.encoding, "UTF-16BE");
  EXPECT_EQ(d.source, Source::kBom);
}

TEST(DecodeBom, Utf16ErrorsBecomeReplacement) {
  // A lone trail surrogate, a lead surrogate followed by a letter, then an odd trailing byte.
  Decoded d = decode("\xFF\xFE\x00\xDC" "\x00\xD8" "b\0" "c"sv);
  EXPECT_EQ(d.utf8, std::string(kFffd) + std::string(kFffd) + "b" + std::string(kFffd));
}

// ----- Transport -----

TEST(DecodeTransport, BeatsMeta) {
  Decoded d = decode("<meta charset=utf-8><p>caf\xE9", "windows-1252");
  EXPECT_EQ(d.utf8, "<meta charset=utf-8><p>caf\xC3\xA9");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, Source::kTransport);

  d = decode("<meta charset=windows-1252><p>caf\xC3\xA9", "UTF-8");
  EXPECT_EQ(d.utf8, "<meta charset=windows-1252><p>caf\xC3\xA9");
  EXPECT_EQ(d.source, Source::kTransport);
}

TEST(DecodeTransport, UnknownLabelFallsThroughToMeta) {
  Decoded d = decode("<meta charset=windows-1251>\xCF\xF0\xE8", "no-such-charset");
  EXPECT_EQ(d.utf8, "<meta charset=windows-1251>\xD0\x9F\xD1\x80\xD0\xB8");  // "При"
  EXPECT_EQ(d.encoding, "windows-1251");
  EXPECT_EQ(d.source, Source::kMeta);
}

TEST(DecodeTransport, QuotedAndPaddedLabel) {
  Decoded d = decode("caf\xE9", " \"ISO-8859-1\" ");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.utf8, "caf\xC3\xA9");
}

TEST(DecodeTransport, ReplacementEncodingRefusesTheDocument) {
  Decoded d = decode("\x1B$)C\x0E!!\x0F", "iso-2022-kr");
  EXPECT_EQ(d.encoding, "replacement");
  EXPECT_EQ(d.utf8, kFffd);
}

// ----- Meta prescan -----

TEST(DecodeMeta, Charset) {
  Decoded d = decode("<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><p>\x80 5");
  EXPECT_EQ(d.utf8, "<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><p>\xE2\x82\xAC 5");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, Source::kMeta);
}

TEST(DecodeMeta, HttpEquivContentType) {
  EXPECT_EQ(prescan_meta_charset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\">"),
            "ISO-8859-2");
  // Attribute order does not matter, nor quoting inside the content value.
  EXPECT_EQ(prescan_meta_charset("<META CONTENT='text/html;charset=\"koi8-r\"' "
                                 "HTTP-EQUIV='content-type'>"),
            "KOI8-R");
  Decoded d = decode(
      "<meta http-equiv=content-type content=\"text/html; charset=iso-8859-1\"><p>\xE9t\xE9");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, Source::kMeta);
}

TEST(DecodeMeta, ContentWithoutHttpEquivIsIgnored) {
  EXPECT_EQ(prescan_meta_charset("<meta name=x content=\"text/html; charset=koi8-r\">"), "");
  EXPECT_EQ(prescan_meta_charset("<meta http-equiv=refresh content=\"charset=koi8-r\">"), "");
}

TEST(DecodeMeta, CharsetAttributeNeedsNoPragmaAndWinsOverContent) {
  EXPECT_EQ(prescan_meta_charset("<meta content=\"charset=koi8-r\" charset=gbk>"), "GBK");
  // The first of two attributes with the same name counts.
  EXPECT_EQ(prescan_meta_charset("<meta charset=gbk charset=big5>"), "GBK");
  // An unknown charset does not end the prescan: the next meta is examined.
  EXPECT_EQ(prescan_meta_charset("<meta charset=bogus><meta charset=big5>"), "Big5");
}

TEST(DecodePrescan, SkipsCommentsAndAttributeValues) {
  EXPECT_EQ(prescan_meta_charset("<!-- <meta charset=gbk> --><meta charset=big5>"), "Big5");
  EXPECT_EQ(prescan_meta_charset("<!--><meta charset=big5>"), "Big5");  // "<!-->" is a comment
  EXPECT_EQ(prescan_meta_charset("<div title='<meta charset=gbk>'><meta charset=euc-jp>"),
            "EUC-JP");
  EXPECT_EQ(prescan_meta_charset("<!doctype html><?php echo 1 ?></p><meta charset=euc-kr>"),
            "EUC-KR");
  EXPECT_EQ(prescan_meta_charset("<metadata charset=gbk><meta/charset=big5>"), "Big5");
}

TEST(DecodePrescan, RemapsUtf16AndUserDefined) {
  EXPECT_EQ(prescan_meta_charset("<meta charset=utf-16>"), "UTF-8");
  EXPECT_EQ(prescan_meta_charset("<meta charset=utf-16be>"), "UTF-8");
  EXPECT_EQ(prescan_meta_charset("<meta charset=x-user-defined>"), "windows-1252");
}

TEST(DecodePrescan, StopsAfter1024BytesAndAtUnfinishedTags) {
  std::string padding(1024, ' ');
  EXPECT_EQ(prescan_meta_charset(padding + "<meta charset=gbk>"), "");
  EXPECT_EQ(prescan_meta_charset(padding.substr(0, 1000) + "<meta charset=gbk>"), "GBK");
  EXPECT_EQ(prescan_meta_charset("<meta charset=\"gbk"), "");
  EXPECT_EQ(prescan_meta_charset("<!-- <meta charset=gbk>"), "");
  EXPECT_EQ(prescan_meta_charset(""), "");
}

TEST(DecodeXml, DeclarationWhenNothingElseDeclared) {
  Decoded d = decode("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><p>\xE9");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, Source::kMeta);
  EXPECT_EQ(d.utf8.substr(d.utf8.size() - 2), "\xC3\xA9");

  d = decode("<?xml version='1.0' encoding='windows-1251'?><meta charset=koi8-r><p>\xF0");
  EXPECT_EQ(d.encoding, "KOI8-R");  // the prescan comes first

  d = decode(" <?xml version='1.0' encoding='windows-1251'?><p>\xF0");  // not at the very start
  EXPECT_NE(d.source, Source::kMeta);
}

TEST(DecodeXml, BomlessUtf16Declaration) {
  Decoded d = decode("<\0?\0x\0m\0l\0 \0?\0>\0\xAC\x20"sv);
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.utf8, "<?xml ?>\xE2\x82\xAC");
}

// ----- Labels -----

TEST(DecodeLabels, Aliases) {
  EXPECT_EQ(canonical_encoding("iso-8859-1"), "windows-1252");
  EXPECT_EQ(canonical_encoding("ISO_8859-1:1987"), "windows-1252");
  EXPECT_EQ(canonical_encoding("latin1"), "windows-1252");
  EXPECT_EQ(canonical_encoding("ascii"), "windows-1252");
  EXPECT_EQ(canonical_encoding("US-ASCII"), "windows-1252");
  EXPECT_EQ(canonical_encoding("gb2312"), "GBK");
  EXPECT_EQ(canonical_encoding("x-gbk"), "GBK");
  EXPECT_EQ(canonical_encoding("GB18030"), "gb18030");
  EXPECT_EQ(canonical_encoding("utf8"), "UTF-8");
  EXPECT_EQ(canonical_encoding("unicode-1-1-utf-8"), "UTF-8");
  EXPECT_EQ(canonical_encoding("iso-8859-9"), "windows-1254");
  EXPECT_EQ(canonical_encoding("tis-620"), "windows-874");
  EXPECT_EQ(canonical_encoding("sjis"), "Shift_JIS");
  EXPECT_EQ(canonical_encoding("ks_c_5601-1987"), "EUC-KR");
  EXPECT_EQ(canonical_encoding("big5-hkscs"), "Big5");
  EXPECT_EQ(canonical_encoding("koi8-ru"), "KOI8-U");
  EXPECT_EQ(canonical_encoding("utf-16"), "UTF-16LE");
  EXPECT_EQ(canonical_encoding("hz-gb-2312"), "replacement");
  EXPECT_EQ(canonical_encoding("cseucpkdfmtjapanese"), "EUC-JP");
}

TEST(DecodeLabels, CaseAndWhitespaceButNothingElse) {
  EXPECT_EQ(canonical_encoding(" \t\n\f\rUtF-8\r\n"), "UTF-8");
  EXPECT_EQ(canonical_encoding("\"utf-8\""), "");
  EXPECT_EQ(canonical_encoding("utf-8;"), "");
  EXPECT_EQ(canonical_encoding("utf 8"), "");
  EXPECT_EQ(canonical_encoding(""), "");
  EXPECT_EQ(canonical_encoding("   "), "");
  EXPECT_EQ(canonical_encoding("iso-8859-1-and-a-very-long-suffix"), "");
  EXPECT_EQ(canonical_encoding("utf-7"), "");
}

// ----- Legacy decoders -----

TEST(DecodeWindows1252, C1RangePerWhatwg) {
  Decoded d = decode("\x80\x81\x8D\x8F\x90\x9D\x9F\x93q\x94\xE9\xFF", "latin1");
  EXPECT_EQ(d.utf8,
            "\xE2\x82\xAC"          // € (0x80)
            "\xC2\x81\xC2\x8D"      // the five bytes glibc rejects map to C1 controls
            "\xC2\x8F\xC2\x90\xC2\x9D"
            "\xC5\xB8"              // Ÿ
            "\xE2\x80\x9Cq\xE2\x80\x9D"  // “q”
            "\xC3\xA9\xC3\xBF");    // éÿ
  EXPECT_EQ(d.encoding, "windows-1252");
}

TEST(DecodeSingleByte, IconvTablesFollowWhatwg) {
  EXPECT_EQ(decode("\xCF\xF0\xE8\xE2\xE5\xF2", "windows-1251").utf8,
            "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");  // Привет
  EXPECT_EQ(decode("\x81\x8A\xB9", "windows-1250").utf8, "\xC2\x81\xC5\xA0\xC4\x85");  // U+0081 Š ą
  EXPECT_EQ(decode("\xAE\xBE", "koi8-u").utf8, "\xD1\x9E\xD0\x8E");                    // ў Ў
  EXPECT_EQ(decode("\xCA", "windows-1255").utf8, "\xD6\xBA");                          // U+05BA
  EXPECT_EQ(decode("\xA1", "iso-8859-8").utf8, kFffd);  // unassigned in the index
  EXPECT_EQ(decode("\x80\xFF", "x-user-defined").utf8, "\xEF\x9E\x80\xEF\x9F\xBF");
}

TEST(DecodeGbk, Text) {
  Decoded d = decode("<meta charset=gb2312><p>\xD6\xD0\xCE\xC4 abc</p>");
  EXPECT_EQ(d.utf8, "<meta charset=gb2312><p>\xE4\xB8\xAD\xE6\x96\x87 abc</p>");  // 中文
  EXPECT_EQ(d.encoding, "GBK");
  EXPECT_EQ(d.source, Source::kMeta);
}

TEST(DecodeGbk, EuroInvalidAndTruncatedBytes) {
  // A lone 0x80 is the euro in the Standard's gb18030 decoder; 0xFF is never valid; a lead byte
  // at the end of input is one error.
  Decoded d = decode("\x80\xFF" "a\xD6", "gbk");
  EXPECT_EQ(d.utf8, "\xE2\x82\xAC" + std::string(kFffd) + "a" + std::string(kFffd));
}

TEST(DecodeCjk, MultiByteViaIconv) {
  EXPECT_EQ(decode("\x93\xFA\x96\x7B\\", "shift_jis").utf8, "\xE6\x97\xA5\xE6\x9C\xAC\\");  // 日本
  EXPECT_EQ(decode("\xC7\xD1\xB1\xB9", "euc-kr").utf8, "\xED\x95\x9C\xEA\xB5\xAD");  // 한국
  EXPECT_EQ(decode("\xA4\xA4\xA4\xE5", "big5").utf8, "\xE4\xB8\xAD\xE6\x96\x87");    // 中文
  EXPECT_EQ(decode("\xC6\xFC\xCB\xDC", "euc-jp").utf8, "\xE6\x97\xA5\xE6\x9C\xAC");
  EXPECT_EQ(decode("\x1B$BF|K\\\x1B(Ba", "iso-2022-jp").utf8, "\xE6\x97\xA5\xE6\x9C\xAC" "a");
}

// ----- UTF-8 -----

TEST(DecodeUtf8, InvalidSequencesBecomeOneReplacementPerMaximalSubpart) {
  struct Case {
    std::string_view bytes;
    size_t replacements;
    std::string_view valid_rest;  // what remains besides the U+FFFDs
  };
  const Case cases[] = {
      {"\x80", 1, ""},                         // a lone continuation byte
      {"\xC0\xAF", 2, ""},                     // overlong: C0 is never a lead byte
      {"\xE0\x80\xAF", 3, ""},                 // overlong: 80 is below E0's lower boundary
      {"\xED\xA0\x80", 3, ""},                 // a surrogate
      {"\xF4\x90\x80\x80", 4, ""},             // above U+10FFFF
      {"\xE2\x82", 1, ""},                     // truncated at the end: one maximal subpart
      {"\xF0\x9F\x98", 1, ""},                 // a truncated 4-byte sequence
      {"\xE2\x82" "a", 1, "a"},                // truncated before ASCII
      {"\xF0\x9F\x98\xF0\x9F\x98\x80", 1, "\xF0\x9F\x98\x80"},
      {"\xFD\xFE\xFF", 3, ""},
  };
  for (const Case& c : cases) {
    Decoded d = decode(c.bytes, "utf-8");
    EXPECT_EQ(count(d.utf8, kFffd), c.replacements) << testing::PrintToString(c.bytes);
    EXPECT_EQ(d.utf8.size(), c.replacements * kFffd.size() + c.valid_rest.size());
    EXPECT_NE(d.utf8.find(c.valid_rest), std::string::npos);
  }
  EXPECT_EQ(decode("a\xE2\x82" "b\xC3\xA9", "utf-8").utf8, "a" + std::string(kFffd) + "b\xC3\xA9");
}

TEST(DecodeUtf8, LongValidInputIsCopiedUnchanged) {
  std::string page = "<!doctype html><title>x</title>";
  for (int i = 0; i < 200; ++i) {
    page += "Gr\xC3\xBC\xC3\x9F" "e \xE4\xB8\xAD\xF0\x9F\x98\x80 plain ascii text ";
  }
  Decoded d = decode(page);
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kDefault);
  page += "\xC3";  // one bad byte at the very end of a long run
  d = decode(page, "utf-8");
  EXPECT_EQ(d.utf8, page.substr(0, page.size() - 1) + std::string(kFffd));
}

// ----- NUL, empty, detection, defaults -----

TEST(DecodeNul, KeptInTheMiddle) {
  EXPECT_EQ(decode("a\0b"sv).utf8, "a\0b"sv);
  EXPECT_EQ(decode("a\0\xE9"sv, "latin1").utf8, "a\0\xC3\xA9"sv);
  EXPECT_EQ(decode("a\0\xD6\xD0"sv, "gbk").utf8, "a\0\xE4\xB8\xAD"sv);
  Decoded detected = decode("a\0\xE9"sv);  // undeclared: whatever the guess, the NUL stays
  ASSERT_GE(detected.utf8.size(), 3u);
  EXPECT_EQ(detected.utf8.substr(0, 2), "a\0"sv);
}

TEST(DecodeEmpty, Input) {
  Decoded d = decode("");
  EXPECT_EQ(d.utf8, "");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kDefault);
  d = decode("", "gbk");
  EXPECT_EQ(d.utf8, "");
  EXPECT_EQ(d.source, Source::kTransport);
  Decoded reused = decode("previous content");
  to_utf8("", "", reused);
  EXPECT_EQ(reused.utf8, "");
}

TEST(DecodeDetect, UndeclaredWindows1252) {
  Decoded d = decode(
      "<html><body><p>Die Stra\xDF" "e war nass, und die B\xE4ume vor dem Haus sch\xFCtteten das "
      "Wasser \xFC" "ber die G\xE4rten. \x84Gr\xF6\xDF" "er als erwartet\x93, sagte der "
      "B\xFCrgermeister \x96 und l\xE4" "chelte.</p></body></html>");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, Source::kDetected);
  EXPECT_NE(d.utf8.find("Stra\xC3\x9F" "e"), std::string::npos);
  EXPECT_NE(d.utf8.find("\xE2\x80\x9EGr\xC3\xB6\xC3\x9F" "er als erwartet\xE2\x80\x9C"),
            std::string::npos);
}

TEST(DecodeDetect, LateMetaBeatsDetection) {
  std::string page = "<html><head>" + std::string(1100, ' ') +
                     "<meta charset=windows-1250></head><p>\xB9\x9C\xE6";  // ąść
  Decoded d = decode(page);
  EXPECT_EQ(d.encoding, "windows-1250");
  EXPECT_EQ(d.source, Source::kMeta);
  EXPECT_EQ(d.utf8.substr(d.utf8.size() - 6), "\xC4\x85\xC5\x9B\xC4\x87");
}

TEST(DecodeDefault, UndeclaredValidUtf8StaysUtf8) {
  Decoded d = decode("<p>na\xC3\xAFve caf\xC3\xA9 \xE2\x82\xAC</p>");
  EXPECT_EQ(d.utf8, "<p>na\xC3\xAFve caf\xC3\xA9 \xE2\x82\xAC</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kDefault);
}

TEST(DecodeReencoded, DeclaredLegacyButValidUtf8StaysUtf8) {
  const std::string page = "<meta charset=iso-8859-1><p>caf\xC3\xA9 na\xC3\xAFve</p>";
  Decoded d = decode(page);
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kDetected);

  d = decode("<p>\xE4\xB8\xAD\xE6\x96\x87</p>", "gb2312");
  EXPECT_EQ(d.utf8, "<p>\xE4\xB8\xAD\xE6\x96\x87</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(DecodeReencoded, AsciiOnlyKeepsTheDeclaration) {
  Decoded d = decode("<meta charset=iso-8859-1><p>plain</p>");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, Source::kMeta);
}

}  // namespace
}  // namespace gazette::decode
