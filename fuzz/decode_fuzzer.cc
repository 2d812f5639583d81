// Fuzz target: encoding sniffing and conversion to UTF-8 (src/decode).
//
// Control byte (the input's last byte, see fuzz.h): the transport charset, one of kLabels
// (which covers every decoder kind: UTF-8, single-byte tables, iconv multi-byte, UTF-16,
// x-user-defined, replacement); from 0xF0 up the input's first line is the label instead, so
// that label parsing is fuzzed too.
// Checks:
//  * the output is valid UTF-8 (decode.h: "valid UTF-8, always");
//  * the encoding reported is a canonical name: canonical_encoding() maps it to itself;
//  * decoding that output again as UTF-8 changes nothing (a leading U+FEFF aside, which is then
//    read as a byte order mark);
//  * prescan_meta_charset() and canonical_encoding() give canonical names or nothing.
#include <string>

#include "decode/decode.h"
#include "fuzz.h"

namespace gazette_fuzz::decode {

constexpr std::string_view kLabels[] = {
    "",           "utf-8",      "windows-1252", "iso-8859-2",   "koi8-r",     "GBK",
    "gb18030",    "big5",       "euc-jp",       "iso-2022-jp",  "shift_jis",  "euc-kr",
    "utf-16le",   "utf-16be",   "x-user-defined", "replacement", "\"UTF-8\"",  "bogus",
    "macintosh",  "x-mac-cyrillic", "windows-1255", "ibm866",   "iso-8859-8-i", "latin1",
    " UTF8 ",     "'koi8-u'",   "windows-874",  "csiso2022kr",
};

void check_canonical(std::string_view name) {
  if (name.empty()) return;
  GAZETTE_FUZZ_CHECK_MSG(gazette::decode::canonical_encoding(name) == name, name);
}

}  // namespace gazette_fuzz::decode

GAZETTE_FUZZ_TARGET(decode) {
  using namespace gazette_fuzz;
  using namespace gazette_fuzz::decode;
  Input input(data, size);
  uint8_t control = input.take_control();
  std::string_view bytes = input.bytes();
  std::string_view label;
  if (control >= 0xF0) {
    size_t eol = bytes.find('\n');
    label = bytes.substr(0, eol == std::string_view::npos ? 0 : std::min<size_t>(eol, 64));
    bytes.remove_prefix(eol == std::string_view::npos ? 0 : eol + 1);
  } else {
    label = kLabels[control % std::size(kLabels)];
  }

  gazette::decode::Decoded out;
  gazette::decode::to_utf8(bytes, label, out);
  GAZETTE_FUZZ_CHECK_MSG(is_valid_utf8(out.utf8), out.encoding);
  GAZETTE_FUZZ_CHECK(!out.encoding.empty());
  check_canonical(out.encoding);

  gazette::decode::Decoded again;
  gazette::decode::to_utf8(out.utf8, "utf-8", again);
  std::string_view expected = out.utf8;
  if (expected.starts_with("\xEF\xBB\xBF")) expected.remove_prefix(3);
  GAZETTE_FUZZ_CHECK_MSG(again.utf8 == expected, "UTF-8 output does not decode to itself");

  check_canonical(gazette::decode::prescan_meta_charset(bytes));
  check_canonical(gazette::decode::canonical_encoding(label));
  return 0;
}
