#include "metadata/text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace gazette::metadata::text {

uint32_t decode_cp(std::string_view s, size_t i, size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) {
    len = 1;
    return 0xFFFD;
  }
  uint32_t cp = c & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  len = n;
  return cp;
}

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space_cp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_invisible_cp(uint32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
         cp == 0xAD || cp == 0x200E || cp == 0x200F;
}

struct NamedEntity {
  std::string_view name;
  uint32_t cp;
};
constexpr NamedEntity kEntities[] = {
    {"amp", '&'},        {"lt", '<'},         {"gt", '>'},         {"quot", '"'},
    {"apos", '\''},      {"nbsp", 0xA0},      {"ndash", 0x2013},   {"mdash", 0x2014},
    {"lsquo", 0x2018},   {"rsquo", 0x2019},   {"sbquo", 0x201A},   {"ldquo", 0x201C},
    {"rdquo", 0x201D},   {"bdquo", 0x201E},   {"hellip", 0x2026},  {"laquo", 0xAB},
    {"raquo", 0xBB},     {"copy", 0xA9},      {"reg", 0xAE},       {"trade", 0x2122},
    {"middot", 0xB7},    {"bull", 0x2022},    {"auml", 0xE4},      {"ouml", 0xF6},
    {"uuml", 0xFC},      {"Auml", 0xC4},      {"Ouml", 0xD6},      {"Uuml", 0xDC},
    {"szlig", 0xDF},     {"eacute", 0xE9},    {"egrave", 0xE8},    {"ecirc", 0xEA},
    {"Eacute", 0xC9},    {"aacute", 0xE1},    {"agrave", 0xE0},    {"acirc", 0xE2},
    {"iacute", 0xED},    {"oacute", 0xF3},    {"uacute", 0xFA},    {"ntilde", 0xF1},
    {"ccedil", 0xE7},    {"ocirc", 0xF4},     {"icirc", 0xEE},     {"ucirc", 0xFB},
    {"atilde", 0xE3},    {"otilde", 0xF5},    {"thinsp", 0x2009},  {"ensp", 0x2002},
    {"emsp", 0x2003},    {"shy", 0xAD},       {"euro", 0x20AC},    {"pound", 0xA3},
};

// The end of the run of ASCII that is not space starting at `i`: the first byte at or after
// `i` that is ASCII space (' ', '\t' to '\r') or not ASCII. Text nodes are mostly such runs (a
// word and its punctuation), so 16 bytes are tested at a time with SSE2 (the x86-64 baseline).
size_t ascii_word_end(std::string_view s, size_t i) {
#ifdef __SSE2__
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), four = _mm_set1_epi8(4);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i from_tab = _mm_sub_epi8(v, tab);  // '\t'..'\r' become 0..4
    const __m128i control_space = _mm_cmpeq_epi8(_mm_min_epu8(from_tab, four), from_tab);
    const int stop = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, space), control_space)) |
                     _mm_movemask_epi8(v);  // the high bit: not ASCII
    if (stop != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(stop)));
  }
#endif
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80 && s[i] != ' ' &&
         !(s[i] >= '\t' && s[i] <= '\r'))
    ++i;
  return i;
}

}  // namespace

std::string normalize_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  auto ascii_space = [](unsigned char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');  // \t \n \v \f \r
  };
  for (size_t i = 0; i < s.size();) {
    // A run of ASCII that is not space is copied at once (no ASCII code point is invisible).
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      if (ascii_space(static_cast<unsigned char>(s[i]))) {
        pending_space = !out.empty();
        ++i;
        continue;
      }
      size_t j = ascii_word_end(s, i + 1);
      // ASCII words with single spaces between them, most of a text, are copied as one run.
      while (j + 1 < s.size() && s[j] == ' ' && static_cast<unsigned char>(s[j + 1]) < 0x80 &&
             !ascii_space(static_cast<unsigned char>(s[j + 1])))
        j = ascii_word_end(s, j + 2);
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    size_t len;
    uint32_t cp = decode_cp(s, i, len);
    if (is_space_cp(cp)) {
      pending_space = !out.empty();
    } else if (!is_invisible_cp(cp)) {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string decode_entities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += '&';
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    bool ok = false;
    if (ref.size() >= 2 && ref[0] == '#') {
      bool hex = ref[1] == 'x' || ref[1] == 'X';
      std::string_view digits = ref.substr(hex ? 2 : 1);
      ok = !digits.empty();
      for (char c : digits) {
        int v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else { ok = false; break; }
        cp = cp * (hex ? 16 : 10) + v;
        if (cp > 0x10FFFF) { ok = false; break; }
      }
      if (ok && (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))) cp = 0xFFFD;
    } else {
      for (const auto& e : kEntities)
        if (e.name == ref) {
          cp = e.cp;
          ok = true;
          break;
        }
    }
    if (!ok) {
      out += '&';
      continue;
    }
    append_utf8(out, cp);
    i = semi;
  }
  return out;
}

std::string clean_value(std::string_view s) {
  std::string decoded = decode_entities(s);
  // Strip tags only when the value plainly contains markup ("<b>", "</p>", "<br/>").
  if (decoded.find('<') != std::string::npos) {
    std::string stripped;
    stripped.reserve(decoded.size());
    for (size_t i = 0; i < decoded.size(); ++i) {
      if (decoded[i] == '<' && i + 1 < decoded.size() &&
          (std::isalpha(static_cast<unsigned char>(decoded[i + 1])) || decoded[i + 1] == '/' ||
           decoded[i + 1] == '!')) {
        size_t end = decoded.find('>', i);
        if (end != std::string::npos) {
          stripped += ' ';
          i = end;
          continue;
        }
      }
      stripped += decoded[i];
    }
    decoded.swap(stripped);
  }
  return normalize_space(decoded);
}

std::string to_lower(std::string_view s) {
  std::string out;
  // ASCII (most class names, labels and dates) needs no decoding.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    out.assign(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len;
    uint32_t cp = decode_cp(s, i, len);
    if (cp >= 'A' && cp <= 'Z') {
      cp += 32;
    } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
      cp += 32;
    } else if (cp >= 0x100 && cp <= 0x17F) {
      // Latin Extended-A: pairs are mostly (even upper, odd lower), except 0x139..0x148 and
      // 0x179..0x17E where the upper case is odd.
      bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
      if (odd_upper ? (cp % 2 == 1) : (cp % 2 == 0 && cp != 0x138)) cp += 1;
    }
    if (len == 1 || cp != 0xFFFD) append_utf8(out, cp);
    else out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool icontains(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i)
    if (iequals(haystack.substr(i, needle.size()), needle)) return true;
  return false;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  any_word(s, [&](std::string_view w) {
    out.push_back(w);
    return false;
  });
  return out;
}

bool looks_like_url(std::string_view s) {
  return istarts_with(s, "http://") || istarts_with(s, "https://") || istarts_with(s, "//") ||
         istarts_with(s, "www.") ||
         (s.find('/') != std::string_view::npos && s.find(' ') == std::string_view::npos &&
          s.find('.') != std::string_view::npos);
}

bool looks_like_email(std::string_view s) {
  size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.find(' ') == std::string_view::npos;
}

std::string resolve_url(std::string_view base, std::string_view ref) {
  auto scheme_end = [](std::string_view u) -> size_t {
    size_t c = u.find(':');
    if (c == std::string_view::npos || c == 0) return std::string_view::npos;
    for (size_t i = 0; i < c; ++i) {
      char ch = u[i];
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '+' && ch != '-' && ch != '.')
        return std::string_view::npos;
    }
    return c;
  };
  if (ref.empty()) return std::string(base);
  if (scheme_end(ref) != std::string_view::npos) return std::string(ref);
  size_t bs = scheme_end(base);
  if (bs == std::string_view::npos || base.substr(bs, 3) != "://") return std::string(ref);
  std::string_view scheme = base.substr(0, bs);
  if (ref.substr(0, 2) == "//") return std::string(scheme) + ":" + std::string(ref);
  size_t auth_start = bs + 3;
  size_t path_start = base.find_first_of("/?#", auth_start);
  if (path_start == std::string_view::npos) path_start = base.size();
  std::string origin(base.substr(0, path_start));
  std::string_view path = base.substr(path_start);
  size_t q = path.find_first_of("?#");
  std::string_view base_path = path.substr(0, q);
  std::string_view base_query = q == std::string_view::npos ? std::string_view{} : path.substr(q);
  if (ref[0] == '#') {
    size_t h = base.find('#');
    return std::string(base.substr(0, h)) + std::string(ref);
  }
  if (ref[0] == '?') return origin + std::string(base_path) + std::string(ref);
  (void)base_query;
  std::string merged;
  if (ref[0] == '/') {
    merged = std::string(ref);
  } else {
    size_t slash = base_path.rfind('/');
    merged = (slash == std::string_view::npos ? std::string("/")
                                              : std::string(base_path.substr(0, slash + 1))) +
             std::string(ref);
  }
  // Remove dot segments from the path part.
  size_t qpos = merged.find_first_of("?#");
  std::string tail = qpos == std::string::npos ? "" : merged.substr(qpos);
  std::string p = merged.substr(0, qpos);
  std::vector<std::string> segs;
  size_t i = 1;
  bool trailing = false;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string seg = p.substr(i, j - i);
    trailing = false;
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
      trailing = true;
    } else if (seg == ".") {
      trailing = true;
    } else {
      segs.push_back(seg);
    }
    i = j + 1;
  }
  std::string out = origin;
  for (const auto& s : segs) out += "/" + s;
  if (trailing || segs.empty()) out += "/";
  return out + tail;
}

size_t cp_len(unsigned char c) {
  return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

uint32_t cp_value(std::string_view s, size_t i, size_t len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (len == 1 || i + len > s.size()) return c;
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

bool capital_at(std::string_view s, size_t i, size_t len) {
  std::string_view cp = s.substr(i, len);
  return to_lower(cp) != cp;
}

bool lowercase_at(std::string_view s, size_t i, size_t len) {
  uint32_t cp = cp_value(s, i, len);
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  return cp >= 0x100 && cp <= 0x17F && !capital_at(s, i, len);
}

}  // namespace gazette::metadata::text
