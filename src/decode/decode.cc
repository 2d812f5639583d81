// Encoding sniffing (HTML Standard, "Determining the character encoding") and decoding (Encoding
// Standard, "Encodings") to UTF-8. Decoders use the Standard's error mode "replacement": every
// error becomes U+FFFD and decoding continues, so to_utf8 never fails.
#include "decode/decode.h"
#include "util/utf8.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

#include "decode/sniff.h"

namespace gazette::decode {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

using util::encode_utf8;

void append_code_point(std::string& out, char32_t cp) {
  char buffer[4];
  out.append(buffer, encode_utf8(cp, buffer));
}

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// ----- UTF-8 (Encoding Standard, "UTF-8 decoder") ------------------------------------------------

// Length of the run of ASCII bytes at the start of [p, p + n), eight bytes at a time: HTML markup
// is ASCII even in non-Latin pages, so this loop carries most of the input.
size_t ascii_run(const unsigned char* p, size_t n) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    uint64_t a;
    uint64_t b;
    std::memcpy(&a, p + i, 8);
    std::memcpy(&b, p + i + 8, 8);
    if ((a | b) & kHighBits) break;
  }
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & kHighBits) break;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

// The UTF-8 decoder's view of a lead byte: the sequence length and the bounds of the second byte
// ("UTF-8 lower boundary" / "UTF-8 upper boundary"), which exclude overlongs and surrogates.
struct LeadByte {
  uint8_t length = 0;  // 0: not a lead byte
  uint8_t lower = 0;
  uint8_t upper = 0;
};

constexpr auto kLeadBytes = [] {
  std::array<LeadByte, 256> t{};
  for (int b = 0xC2; b <= 0xDF; ++b) t[b] = {2, 0x80, 0xBF};
  for (int b = 0xE0; b <= 0xEF; ++b) t[b] = {3, 0x80, 0xBF};
  t[0xE0].lower = 0xA0;
  t[0xED].upper = 0x9F;
  for (int b = 0xF0; b <= 0xF4; ++b) t[b] = {4, 0x80, 0xBF};
  t[0xF0].lower = 0x90;
  t[0xF4].upper = 0x8F;
  return t;
}();

// Examines the non-ASCII sequence at p[i]. Returns its length when well-formed; otherwise the
// length of its "maximal subpart" (at least 1), which the decoder replaces with one U+FFFD.
size_t utf8_sequence(const unsigned char* p, size_t n, size_t i, bool& well_formed) {
  const LeadByte& lead = kLeadBytes[p[i]];
  size_t k = 1;
  if (lead.length != 0 && i + 1 < n && p[i + 1] >= lead.lower && p[i + 1] <= lead.upper) {
    k = 2;
    while (k < lead.length && i + k < n && (p[i + k] & 0xC0) == 0x80) ++k;
  }
  well_formed = lead.length != 0 && k == lead.length;
  return k;
}

struct Utf8Scan {
  size_t valid_prefix = 0;  // length of the longest well-formed prefix
  bool non_ascii = false;   // a byte >= 0x80 was seen
};

Utf8Scan scan_utf8(std::string_view s, size_t from = 0) {
  const unsigned char* p = bytes_of(s);
  const size_t n = s.size();
  Utf8Scan scan;
  size_t i = from;
  for (;;) {
    i += ascii_run(p + i, n - i);
    if (i == n) break;
    scan.non_ascii = true;
    bool well_formed = false;
    size_t length = utf8_sequence(p, n, i, well_formed);
    if (!well_formed) break;
    i += length;
  }
  scan.valid_prefix = i;
  return scan;
}

// `valid_prefix` is what scan_utf8 reported for `s`: valid input is copied as is.
void decode_utf8(std::string_view s, size_t valid_prefix, std::string& out) {
  if (valid_prefix == s.size()) {
    out.assign(s);
    return;
  }
  const unsigned char* p = bytes_of(s);
  out.clear();
  out.reserve(s.size() + 16);
  size_t i = 0;
  size_t valid_end = valid_prefix;
  for (;;) {
    out.append(s.data() + i, valid_end - i);
    i = valid_end;
    if (i == s.size()) break;
    bool well_formed = false;
    i += utf8_sequence(p, s.size(), i, well_formed);
    out += kReplacementCharacter;
    valid_end = scan_utf8(s, i).valid_prefix;
  }
}

// ----- UTF-16 (Encoding Standard, "shared UTF-16 decoder") ---------------------------------------

void decode_utf16(std::string_view s, bool big_endian, std::string& out) {
  const unsigned char* p = bytes_of(s);
  const size_t n = s.size();
  out.clear();
  out.reserve(n + n / 2);
  char32_t lead_surrogate = 0;
  size_t i = 0;
  for (; i + 1 < n; i += 2) {
    char32_t unit =
        big_endian ? (char32_t{p[i]} << 8 | p[i + 1]) : (char32_t{p[i + 1]} << 8 | p[i]);
    if (lead_surrogate != 0) {
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        append_code_point(out, 0x10000 + ((lead_surrogate - 0xD800) << 10) + (unit - 0xDC00));
        lead_surrogate = 0;
        continue;
      }
      // An unpaired lead surrogate is an error; the unit after it is decoded afresh.
      out += kReplacementCharacter;
      lead_surrogate = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      lead_surrogate = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      out += kReplacementCharacter;
    } else {
      append_code_point(out, unit);
    }
  }
  // End of input with a dangling lead byte and/or lead surrogate: one error.
  if (lead_surrogate != 0 || i < n) out += kReplacementCharacter;
}

// ----- Single-byte encodings (Encoding Standard, "single-byte decoder") --------------------------

// The UTF-8 for one byte in 0x80-0xFF; every single-byte encoding is ASCII below that.
struct HighByte {
  char utf8[4] = {};
  uint8_t length = 0;
};
using HighTable = std::array<HighByte, 128>;

constexpr HighByte high_byte(char32_t cp) {
  HighByte h;
  h.length = static_cast<uint8_t>(encode_utf8(cp, h.utf8));
  return h;
}

// index-windows-1252 for 0x80-0x9F; 0xA0-0xFF are Latin-1. Unlike glibc's CP1252, the five bytes
// Microsoft leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) decode to the C1 control of the same value.
constexpr char32_t kWindows1252C1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 0x88
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 0x98
};

constexpr HighTable kWindows1252 = [] {
  HighTable t{};
  for (int i = 0; i < 32; ++i) t[i] = high_byte(kWindows1252C1[i]);
  for (int i = 32; i < 128; ++i) t[i] = high_byte(0x80 + i);
  return t;
}();

// x-user-defined: 0x80-0xFF map to U+F780-U+F7FF.
constexpr HighTable kUserDefined = [] {
  HighTable t{};
  for (int i = 0; i < 128; ++i) t[i] = high_byte(0xF780 + i);
  return t;
}();

void decode_single_byte(std::string_view s, const HighTable& table, std::string& out) {
  const unsigned char* p = bytes_of(s);
  const size_t n = s.size();
  size_t size = n;
  for (size_t i = 0; i < n; ++i) {
    if (p[i] >= 0x80) size += table[p[i] - 0x80].length - 1;
  }
  out.resize(size);
  char* o = out.data();
  size_t i = 0;
  while (i < n) {
    size_t run = ascii_run(p + i, n - i);
    std::memcpy(o, p + i, run);
    o += run;
    i += run;
    if (i == n) break;
    const HighByte& h = table[p[i] - 0x80];
    std::memcpy(o, h.utf8, h.length);
    o += h.length;
    ++i;
  }
}

// ----- The encodings -----------------------------------------------------------------------------

enum class Kind {
  kUtf8,
  kUtf16Le,
  kUtf16Be,
  kBuiltinTable,  // single-byte, table compiled in
  kIconvTable,    // single-byte, table built once from glibc iconv
  kIconv,         // multi-byte, streamed through glibc iconv
  kReplacement,   // Encoding Standard "replacement": the whole input is one error
};

struct Encoding {
  std::string_view name;
  Kind kind;
  // glibc names, the second tried if the first is missing. Chosen to match the Standard's
  // indexes: KOI8-RU is WHATWG's KOI8-U, CP932 is its Shift_JIS, CP949 its EUC-KR.
  const char* iconv_name = nullptr;
  const char* iconv_fallback = nullptr;
  // The windows-* indexes decode the bytes of 0x80-0x9F that Microsoft left undefined to the C1
  // control of the same value; glibc rejects them.
  bool c1_fill = false;
  // One byte on which glibc disagrees with the Standard: for a table, an index entry; for iconv,
  // a lone byte that the Standard's decoder maps instead of rejecting.
  unsigned char patch_byte = 0;
  char32_t patch_code_point = 0;
  const HighTable* builtin = nullptr;
};

constexpr Encoding table(std::string_view name, const char* iconv_name, bool c1_fill = false,
                         unsigned char patch_byte = 0, char32_t patch_code_point = 0) {
  return {name, Kind::kIconvTable, iconv_name, nullptr, c1_fill, patch_byte, patch_code_point,
          nullptr};
}

constexpr Encoding multi_byte(std::string_view name, const char* iconv_name,
                              const char* iconv_fallback, unsigned char patch_byte = 0,
                              char32_t patch_code_point = 0) {
  return {name,  Kind::kIconv, iconv_name, iconv_fallback, false, patch_byte, patch_code_point,
          nullptr};
}

constexpr Encoding kEncodings[] = {
    {"UTF-8", Kind::kUtf8},
    {"windows-1252", Kind::kBuiltinTable, nullptr, nullptr, false, 0, 0, &kWindows1252},
    table("IBM866", "IBM866"),
    table("ISO-8859-2", "ISO-8859-2"),
    table("ISO-8859-3", "ISO-8859-3"),
    table("ISO-8859-4", "ISO-8859-4"),
    table("ISO-8859-5", "ISO-8859-5"),
    table("ISO-8859-6", "ISO-8859-6"),
    table("ISO-8859-7", "ISO-8859-7"),
    table("ISO-8859-8", "ISO-8859-8"),
    table("ISO-8859-8-I", "ISO-8859-8"),  // same bytes; only the display order differs
    table("ISO-8859-10", "ISO-8859-10"),
    table("ISO-8859-13", "ISO-8859-13"),
    table("ISO-8859-14", "ISO-8859-14"),
    table("ISO-8859-15", "ISO-8859-15"),
    table("ISO-8859-16", "ISO-8859-16"),
    table("KOI8-R", "KOI8-R"),
    table("KOI8-U", "KOI8-RU"),
    table("macintosh", "MACINTOSH"),
    table("windows-874", "CP874", true),
    table("windows-1250", "CP1250", true),
    table("windows-1251", "CP1251", true),
    table("windows-1253", "CP1253", true),
    table("windows-1254", "CP1254", true),
    table("windows-1255", "CP1255", true, 0xCA, 0x05BA),  // HEBREW POINT HOLAM HASER FOR VAV
    table("windows-1256", "CP1256", true),
    table("windows-1257", "CP1257", true),
    table("windows-1258", "CP1258", true),
    table("x-mac-cyrillic", "MAC-CYRILLIC", false, 0xFF, 0x20AC),  // Mac OS 9 put the euro there
    // The Standard's GBK decoder is its gb18030 decoder, which also maps a lone 0x80 to the euro.
    multi_byte("GBK", "GB18030", nullptr, 0x80, 0x20AC),
    multi_byte("gb18030", "GB18030", nullptr, 0x80, 0x20AC),
    multi_byte("Big5", "BIG5-HKSCS", "BIG5"),
    multi_byte("EUC-JP", "EUC-JP-MS", "EUC-JP"),
    multi_byte("ISO-2022-JP", "ISO-2022-JP", nullptr),
    multi_byte("Shift_JIS", "CP932", "SHIFT_JIS", 0x80, 0x0080),
    multi_byte("EUC-KR", "CP949", "EUC-KR"),
    {"replacement", Kind::kReplacement},
    {"UTF-16BE", Kind::kUtf16Be},
    {"UTF-16LE", Kind::kUtf16Le},
    {"x-user-defined", Kind::kBuiltinTable, nullptr, nullptr, false, 0, 0, &kUserDefined},
};
constexpr size_t kEncodingCount = std::size(kEncodings);

const Encoding* find_encoding(std::string_view name) {
  for (const Encoding& e : kEncodings) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

const iconv_t kNoIconv = reinterpret_cast<iconv_t>(static_cast<intptr_t>(-1));
constexpr size_t kIconvError = static_cast<size_t>(-1);

iconv_t open_iconv(const Encoding& e) {
  iconv_t cd = iconv_open("UTF-8", e.iconv_name);
  if (cd == kNoIconv && e.iconv_fallback != nullptr) cd = iconv_open("UTF-8", e.iconv_fallback);
  return cd;
}

// Builds a single-byte table from glibc, byte by byte, then applies the Standard's differences.
bool build_table(const Encoding& e, HighTable& t) {
  iconv_t cd = open_iconv(e);
  if (cd == kNoIconv) return false;
  for (int b = 0x80; b <= 0xFF; ++b) {
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    char in = static_cast<char>(b);
    char decoded[8];
    char* in_ptr = &in;
    size_t in_left = 1;
    char* out_ptr = decoded;
    size_t out_left = sizeof decoded;
    size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    size_t length = static_cast<size_t>(out_ptr - decoded);
    HighByte& h = t[b - 0x80];
    if (r != kIconvError && in_left == 0 && length >= 1 && length <= 3) {
      std::memcpy(h.utf8, decoded, length);
      h.length = static_cast<uint8_t>(length);
    } else if (e.c1_fill && b < 0xA0) {
      h = high_byte(static_cast<char32_t>(b));
    } else {
      h = high_byte(0xFFFD);
    }
  }
  iconv_close(cd);
  if (e.patch_byte >= 0x80) t[e.patch_byte - 0x80] = high_byte(e.patch_code_point);
  return true;
}

// Tables are built on first use, once per process.
const HighTable* iconv_table(const Encoding& e) {
  static std::array<std::once_flag, kEncodingCount> once;
  static std::array<HighTable, kEncodingCount> tables;
  static std::array<bool, kEncodingCount> built;
  size_t index = static_cast<size_t>(&e - kEncodings);
  std::call_once(once[index], [&] { built[index] = build_table(e, tables[index]); });
  return built[index] ? &tables[index] : nullptr;
}

// iconv_open loads a gconv module and allocates state: keep the handles per thread.
class IconvHandles {
 public:
  IconvHandles() = default;
  IconvHandles(const IconvHandles&) = delete;
  IconvHandles& operator=(const IconvHandles&) = delete;
  ~IconvHandles() {
    for (const Handle& h : handles_) {
      if (h.cd != kNoIconv) iconv_close(h.cd);
    }
  }

  // A handle in its initial shift state, or kNoIconv. Failures are remembered too, so a missing
  // gconv module costs one iconv_open per thread rather than one per page.
  iconv_t get(const Encoding& e) {
    for (const Handle& h : handles_) {
      if (h.encoding == &e) {
        if (h.cd != kNoIconv) iconv(h.cd, nullptr, nullptr, nullptr, nullptr);
        return h.cd;
      }
    }
    handles_.push_back({&e, open_iconv(e)});
    return handles_.back().cd;
  }

 private:
  struct Handle {
    const Encoding* encoding;
    iconv_t cd;
  };
  std::vector<Handle> handles_;
};

// Streams `s` through iconv. Each byte iconv rejects (EILSEQ: invalid; EINVAL: cut short by the
// end of input) becomes one U+FFFD and decoding resumes at the next byte, approximating the
// Standard's multi-byte decoders, which drop the lead byte and re-examine an ASCII trail byte.
bool decode_iconv(std::string_view s, const Encoding& e, std::string& out) {
  thread_local IconvHandles handles;
  iconv_t cd = handles.get(e);
  if (cd == kNoIconv) return false;

  out.resize(s.size() + s.size() / 2 + 16);
  char* in_ptr = const_cast<char*>(s.data());  // iconv's prototype predates const; it only reads
  size_t in_left = s.size();
  size_t written = 0;
  bool flushing = false;
  for (;;) {
    char* out_ptr = out.data() + written;
    size_t out_left = out.size() - written;
    size_t r = flushing ? iconv(cd, nullptr, nullptr, &out_ptr, &out_left)
                        : iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    int error = errno;
    written = static_cast<size_t>(out_ptr - out.data());
    if (r != kIconvError) {
      if (flushing) break;
      flushing = true;  // all input consumed; let a stateful decoder emit what it holds
      continue;
    }
    if (error == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    if (flushing || in_left == 0) break;
    auto byte = static_cast<unsigned char>(*in_ptr);
    ++in_ptr;
    --in_left;
    char32_t cp = (e.patch_byte != 0 && byte == e.patch_byte) ? e.patch_code_point : 0xFFFD;
    if (out.size() - written < 4) out.resize(out.size() * 2 + 4);
    written += encode_utf8(cp, out.data() + written);
  }
  out.resize(written);
  return true;
}

// Decodes `s` as the encoding named `name` (a canonical name) into out.utf8 and sets
// out.encoding to the encoding actually used. `scan`, if given, is scan_utf8(s).
void decode_as(std::string_view s, std::string_view name, Decoded& out,
               const Utf8Scan* scan = nullptr) {
  const Encoding* e = find_encoding(name);
  if (e != nullptr) {
    out.encoding.assign(e->name);
    switch (e->kind) {
      case Kind::kUtf8: {
        const size_t valid = scan != nullptr ? scan->valid_prefix : scan_utf8(s).valid_prefix;
        if (out.borrow && valid == s.size()) {
          out.utf8.clear();
          out.borrowed = true;
          out.input = s;
          return;
        }
        decode_utf8(s, valid, out.utf8);
        return;
      }
      case Kind::kUtf16Le:
      case Kind::kUtf16Be:
        decode_utf16(s, e->kind == Kind::kUtf16Be, out.utf8);
        return;
      case Kind::kReplacement:
        out.utf8.assign(s.empty() ? std::string_view() : kReplacementCharacter);
        return;
      case Kind::kBuiltinTable:
        decode_single_byte(s, *e->builtin, out.utf8);
        return;
      case Kind::kIconvTable:
        if (const HighTable* t = iconv_table(*e)) {
          decode_single_byte(s, *t, out.utf8);
          return;
        }
        break;
      case Kind::kIconv:
        if (decode_iconv(s, *e, out.utf8)) {
          // glibc emits valid UTF-8; the check is cheap insurance for the parser's precondition.
          Utf8Scan check = scan_utf8(out.utf8);
          if (check.valid_prefix != out.utf8.size()) {
            std::string repaired;
            decode_utf8(out.utf8, check.valid_prefix, repaired);
            out.utf8.swap(repaired);
          }
          return;
        }
        break;
    }
  }
  // Unknown name, or glibc lacks the converter: windows-1252, the Standard's fallback encoding,
  // still gives valid UTF-8 and keeps ASCII text intact.
  out.encoding.assign("windows-1252");
  decode_single_byte(s, kWindows1252, out.utf8);
}

// Whether a page declared in `encoding` may actually be UTF-8 re-encoded by a CMS or proxy that
// kept the old declaration (see decode.h). Not for UTF-16, which the bytes are not compatible
// with, nor "replacement", which exists to refuse a document outright.
bool may_be_reencoded_utf8(std::string_view encoding) {
  return encoding != "UTF-8" && encoding != "UTF-16LE" && encoding != "UTF-16BE" &&
         encoding != "replacement";
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// uchardet reads about 2.3 MB/s of binary or random bytes (the fuzz-found worst case: a 64 MiB
// binary file named .html took 30 s), and reaches its verdict on a page's first part: it sees at
// most this much.
constexpr size_t kDetectBytes = 1 << 20;

// uchardet's guess, as a canonical name, or "" when it has none we can use.
std::string_view detect(std::string_view s) {
  s = s.substr(0, kDetectBytes);
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, decltype(&uchardet_delete)> detector(
      uchardet_new(), &uchardet_delete);
  if (!detector) return {};
  if (uchardet_handle_data(detector.get(), s.data(), s.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* charset = uchardet_get_charset(detector.get());
  if (charset == nullptr) return {};
  std::string_view label(charset);
  // uchardet's name for the encoding the Standard calls x-mac-cyrillic is not one of its labels.
  if (equals_ignoring_case(label, "MAC-CYRILLIC")) return "x-mac-cyrillic";
  std::string_view encoding = canonical_encoding(label);
  // UTF-16 is only reported for BOM'd input, handled before; the "replacement" labels
  // (HZ-GB-2312, ISO-2022-KR/CN) would throw the document away: neither is a usable guess.
  if (encoding == "replacement" || encoding == "UTF-16LE" || encoding == "UTF-16BE") return {};
  return encoding;
}

// Content-Type parsers do not always remove the quotes of charset="utf-8".
std::string_view unquote(std::string_view label) {
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t')) label.remove_prefix(1);
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) label.remove_suffix(1);
  if (label.size() >= 2 && (label.front() == '"' || label.front() == '\'') &&
      label.back() == label.front()) {
    label = label.substr(1, label.size() - 2);
  }
  return label;
}

}  // namespace

void to_utf8(std::string_view bytes, std::string_view transport_charset, Decoded& out) {
  out.borrowed = false;  // until decode_as borrows the input
  out.input = {};
  // 1. BOM sniffing: a byte order mark overrides every declaration, and is not content.
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    out.source = Source::kBom;
    decode_as(bytes.substr(3), "UTF-8", out);
    return;
  }
  if (bytes.starts_with("\xFE\xFF") || bytes.starts_with("\xFF\xFE")) {
    out.source = Source::kBom;
    decode_as(bytes.substr(2), bytes[0] == '\xFE' ? "UTF-16BE" : "UTF-16LE", out);
    return;
  }

  // 2-3. A declaration: the transport layer's, else the document's own.
  std::string_view declared = canonical_encoding(unquote(transport_charset));
  Source source = Source::kTransport;
  if (declared.empty()) {
    source = Source::kMeta;
    declared = sniff::utf16_xml_declaration(bytes);
    if (declared.empty()) declared = prescan_meta_charset(bytes);
    // "Get an XML encoding" applies only when the prescan found nothing.
    if (declared.empty()) declared = sniff::xml_declaration_encoding(bytes);
  }
  if (!declared.empty()) {
    // Deliberate deviation (see decode.h): a legacy declaration over bytes that are valid UTF-8
    // with non-ASCII content is a stale declaration on a re-encoded page.
    if (may_be_reencoded_utf8(declared)) {
      Utf8Scan scan = scan_utf8(bytes);
      if (scan.valid_prefix == bytes.size() && scan.non_ascii) {
        out.source = Source::kDetected;
        decode_as(bytes, "UTF-8", out, &scan);
        return;
      }
    }
    out.source = source;
    decode_as(bytes, declared, out);
    return;
  }

  // 4. Nothing declared in the prescan window.
  Utf8Scan scan = scan_utf8(bytes);
  if (scan.valid_prefix == bytes.size()) {
    out.source = Source::kDefault;
    decode_as(bytes, "UTF-8", out, &scan);
    return;
  }
  // A <meta> past the first 1024 bytes: the tree builder's "change the encoding" would switch to
  // it, and a declaration beats a statistical guess. A late "UTF-8" is ignored because the bytes
  // have just been shown not to be UTF-8 (it is usually a string in a script), and so is a late
  // "replacement": this far into heuristics, discarding the whole document is never the answer.
  std::string_view late = sniff::prescan(bytes);
  if (!late.empty() && late != "UTF-8" && late != "replacement") {
    out.source = Source::kMeta;
    decode_as(bytes, late, out);
    return;
  }
  std::string_view detected = detect(bytes);
  if (!detected.empty()) {
    out.source = Source::kDetected;
    decode_as(bytes, detected, out, detected == "UTF-8" ? &scan : nullptr);
    return;
  }
  out.source = Source::kDefault;
  decode_as(bytes, "windows-1252", out);
}

}  // namespace gazette::decode
