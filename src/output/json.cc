#include "output/json.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace gazette::output {
namespace {

// The first byte at or after `i` that may need escaping: '"', '\\', a control character, or
// 0xE2 (which starts U+2028 and U+2029). Bodies are long runs of plain text, so 16 bytes are
// tested at a time with SSE2 (the x86-64 baseline).
size_t next_special(std::string_view s, size_t i) {
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2)), c1f = _mm_set1_epi8(0x1F);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v);  // v <= 0x1F
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, e2), control));
    if (const int mask = _mm_movemask_epi8(hit))
      return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\' || c < 0x20 || c == 0xE2) return i;
  }
  return s.size();
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = next_special(s, 0); i < s.size(); i = next_special(s, i + 1)) {
    auto c = static_cast<unsigned char>(s[i]);
    const char* esc = nullptr;
    char buf[7];
    if (c == '"') {
      esc = "\\\"";
    } else if (c == '\\') {
      esc = "\\\\";
    } else if (c < 0x20) {
      switch (c) {
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case '\r': esc = "\\r"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
          buf[0] = '\\'; buf[1] = 'u'; buf[2] = '0'; buf[3] = '0';
          buf[4] = kHex[c >> 4]; buf[5] = kHex[c & 15]; buf[6] = 0;
          esc = buf;
      }
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out.append(s.data() + run, i - run);
      out.append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
      i += 2;
      run = i + 1;
      continue;
    } else {
      continue;
    }
    out.append(s.data() + run, i - run);
    out.append(esc);
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void ObjectWriter::key(std::string_view k) {
  if (!first_) out_.append(", ");
  first_ = false;
  append_json_string(out_, k);
  out_.append(": ");
}

void ObjectWriter::string(std::string_view k, std::string_view v) {
  key(k);
  append_json_string(out_, v);
}

void ObjectWriter::string_or_null(std::string_view k, std::string_view v) {
  if (v.empty()) {
    key(k);
    out_.append("null");
  } else {
    string(k, v);
  }
}

void ObjectWriter::raw(std::string_view k, std::string_view json) {
  key(k);
  out_.append(json);
}

}  // namespace gazette::output
