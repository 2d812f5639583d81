#include "output/json.h"

namespace gazette::output {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
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
