#include "parse/html5/char_ref.h"
#include "util/utf8.h"

#include <algorithm>
#include <array>

namespace gazette::html5 {
namespace {

struct Entry {
  std::string_view name;
  std::string_view replacement;
};

// Sizes without the terminating NUL of the literals.
#define GZ_ENTITY(name, utf8) Entry{std::string_view(name, sizeof(name) - 1), \
                                    std::string_view(utf8, sizeof(utf8) - 1)},
constexpr Entry kEntries[] = {
#include "parse/html5/entities.inc"
};
#undef GZ_ENTITY

constexpr size_t kEntryCount = sizeof(kEntries) / sizeof(kEntries[0]);

static_assert(kEntryCount == 2231, "the HTML Standard has 2,231 named character references");

// For each first byte, the [begin, end) range of entries starting with it: the first step of the
// search is then a table look-up.
struct FirstByteIndex {
  uint16_t begin[256];
  uint16_t end[256];
};

constexpr FirstByteIndex make_index() {
  FirstByteIndex ix{};
  for (size_t i = 0; i < kEntryCount; ++i) {
    auto b = static_cast<unsigned char>(kEntries[i].name[0]);
    if (ix.end[b] == 0) ix.begin[b] = static_cast<uint16_t>(i);
    ix.end[b] = static_cast<uint16_t>(i + 1);
  }
  return ix;
}

constexpr FirstByteIndex kIndex = make_index();

// Byte `k` of an entry's name, or -1 past its end (so that shorter names sort first, as they do
// in the table's byte order).
inline int byte_at(const Entry& e, size_t k) {
  return k < e.name.size() ? static_cast<unsigned char>(e.name[k]) : -1;
}

constexpr uint16_t kWindows1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88-8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98-9F
};

}  // namespace

size_t named_reference_count() { return kEntryCount; }

namespace {

NamedReferenceMatch search_table(std::string_view s) {
  NamedReferenceMatch best;
  if (s.empty()) return best;
  auto first = static_cast<unsigned char>(s[0]);
  size_t lo = kIndex.begin[first], hi = kIndex.end[first];
  if (lo >= hi) return best;
  if (kEntries[lo].name.size() == 1) best = {1, kEntries[lo].replacement};
  size_t n = std::min(s.size(), kMaxNamedReferenceLength);
  // Invariant: the entries in [lo, hi) are exactly those whose name starts with s[0, k).
  for (size_t k = 1; k < n && lo < hi; ++k) {
    int c = static_cast<unsigned char>(s[k]);
    const Entry* b = kEntries + lo;
    const Entry* e = kEntries + hi;
    b = std::lower_bound(b, e, c, [k](const Entry& x, int v) { return byte_at(x, k) < v; });
    e = std::upper_bound(b, e, c, [k](int v, const Entry& x) { return v < byte_at(x, k); });
    lo = static_cast<size_t>(b - kEntries);
    hi = static_cast<size_t>(e - kEntries);
    // The entry equal to s[0, k] itself, if any, sorts first in the range.
    if (lo < hi && kEntries[lo].name.size() == k + 1) best = {k + 1, kEntries[lo].replacement};
  }
  return best;
}

// The references that make up most of those on real pages (URLs in attributes are full of
// "&amp;"). A name that ends with ';' is the longest match of any text it starts, since no
// name goes on past a ';', so these need no search; their replacements come from the table.
struct CommonReference {
  std::string_view name;
  NamedReferenceMatch match;
};
constexpr std::string_view kCommonNames[] = {"amp;", "nbsp;", "quot;", "lt;", "gt;"};

constexpr size_t kCommonCount = sizeof(kCommonNames) / sizeof(kCommonNames[0]);

const std::array<CommonReference, kCommonCount>& common_references() {
  static const std::array<CommonReference, kCommonCount> table = [] {
    std::array<CommonReference, kCommonCount> t;
    for (size_t i = 0; i < t.size(); ++i) t[i] = {kCommonNames[i], search_table(kCommonNames[i])};
    return t;
  }();
  return table;
}

}  // namespace

NamedReferenceMatch match_named_reference(std::string_view s) {
  for (const CommonReference& c : common_references())
    if (s.size() >= c.name.size() && s[0] == c.name[0] &&
        s.compare(0, c.name.size(), c.name) == 0)
      return c.match;
  return search_table(s);
}

uint32_t numeric_reference_replacement(uint32_t code) {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0xFFFD;
  if (code >= 0x80 && code <= 0x9F) return kWindows1252[code - 0x80];
  return code;
}

size_t encode_utf8(uint32_t cp, char* out) { return util::encode_utf8(cp, out); }

}  // namespace gazette::html5
