#include "io/http.h"

#include <algorithm>
#include <vector>

#include "io/inflate.h"
#include "util/ascii.h"

#if defined(GAZETTE_HAVE_BROTLI) && __has_include(<brotli/decode.h>)
#include <brotli/decode.h>
#define GAZETTE_USE_BROTLI 1
#else
#define GAZETTE_USE_BROTLI 0
#endif

namespace gazette::io {

namespace {

#if GAZETTE_USE_BROTLI
InflateOutcome unbrotli(std::string_view in, size_t max_out, std::string& out) {
  BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!st) return InflateOutcome::kCorrupt;
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(in.data());
  size_t avail_in = in.size();
  InflateOutcome result = InflateOutcome::kCorrupt;
  while (true) {
    uint8_t buf[1 << 16];
    uint8_t* next_out = buf;
    size_t avail_out = sizeof buf;
    BrotliDecoderResult r =
        BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    size_t made = sizeof buf - avail_out;
    if (out.size() + made > max_out) {
      result = InflateOutcome::kTooLarge;
      break;
    }
    out.append(reinterpret_cast<char*>(buf), made);
    if (r == BROTLI_DECODER_RESULT_SUCCESS) {
      result = InflateOutcome::kOk;
      break;
    }
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      result = InflateOutcome::kTruncated;
      break;
    }
    if (r == BROTLI_DECODER_RESULT_ERROR) break;
  }
  BrotliDecoderDestroyInstance(st);
  return result;
}
#endif

}  // namespace

void parse_media_type(std::string_view value, std::string& type, std::string& charset) {
  size_t semi = value.find(';');
  type = util::ascii_lowercase(util::trim_header_space(value.substr(0, semi)));
  charset.clear();
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    std::string_view param = util::trim_header_space(value.substr(0, semi));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos || !util::ascii_iequals(util::trim_header_space(param.substr(0, eq)), "charset")) continue;
    std::string_view v = util::trim_header_space(param.substr(eq + 1));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
      v = v.substr(1, v.size() - 2);
    charset = std::string(util::trim_header_space(v));
    break;
  }
}

Result<HttpHead> parse_http_head(std::string_view block) {
  if (block.substr(0, 5) != "HTTP/") return Error{ErrorCode::kBadInput, "no HTTP status line"};
  HttpHead head;
  // Find the end of the header block: the first empty line.
  size_t pos = 0;
  std::vector<std::string_view> lines;
  while (true) {
    size_t nl = block.find('\n', pos);
    if (nl == std::string_view::npos) {
      if (pos < block.size()) lines.push_back(block.substr(pos));
      head.size = block.size();
      break;
    }
    std::string_view line = block.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (line.empty()) {
      head.size = pos;
      break;
    }
    lines.push_back(line);
  }
  // Status line: HTTP/1.1 200 OK (the reason may be missing).
  std::string_view status = lines.empty() ? std::string_view() : lines[0];
  size_t sp = status.find(' ');
  if (sp != std::string_view::npos) {
    int code = 0, digits = 0;
    for (size_t i = sp + 1; i < status.size() && status[i] >= '0' && status[i] <= '9' && digits < 3;
         ++i, ++digits)
      code = code * 10 + (status[i] - '0');
    if (digits == 3) head.status = code;
  }
  // Headers, with obs-fold continuation lines joined to the one before.
  std::string name, value;
  auto flush = [&] {
    if (name.empty()) return;
    std::string_view v = util::trim_header_space(value);
    if (util::ascii_iequals(name, "content-type")) {
      if (head.content_type.empty()) parse_media_type(v, head.content_type, head.charset);
    } else if (util::ascii_iequals(name, "content-encoding")) {
      std::string coding = util::ascii_lowercase(v);
      if (!coding.empty())
        head.content_encoding += (head.content_encoding.empty() ? "" : ", ") + coding;
    } else if (util::ascii_iequals(name, "transfer-encoding")) {
      std::string te = util::ascii_lowercase(v);
      std::string_view t = util::trim_header_space(te);
      head.chunked = t.size() >= 7 && t.substr(t.size() - 7) == "chunked";
    }
    name.clear();
    value.clear();
  };
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.front() == ' ' || line.front() == '\t') {
      value += ' ';
      value += util::trim_header_space(line);
      continue;
    }
    flush();
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a header: ignored, as browsers do
    name = std::string(util::trim_header_space(line.substr(0, colon)));
    value = std::string(line.substr(colon + 1));
  }
  flush();
  return head;
}

std::string decode_chunked(std::string_view in) {
  std::string out;
  size_t pos = 0;
  bool first = true;
  while (pos < in.size()) {
    size_t nl = in.find('\n', pos);
    std::string_view line = in.substr(pos, nl == std::string_view::npos ? in.size() - pos : nl - pos);
    // chunk-size [; extensions]
    uint64_t size = 0;
    size_t i = 0, digits = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    for (; i < line.size(); ++i, ++digits) {
      char c = line[i];
      int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) break;
      if (size >> 60) return first ? std::string(in) : out;  // absurd size
      size = size * 16 + static_cast<uint64_t>(d);
    }
    std::string_view rest = util::trim_header_space(line.substr(i));
    bool size_line = digits > 0 && (rest.empty() || rest.front() == ';');
    if (!size_line) return first ? std::string(in) : out;
    first = false;
    if (size == 0 || nl == std::string_view::npos) break;  // last chunk (trailer ignored)
    pos = nl + 1;
    size_t take = static_cast<size_t>(std::min<uint64_t>(size, in.size() - pos));
    out.append(in.substr(pos, take));
    pos += take;
    // CRLF after the chunk data.
    if (pos < in.size() && in[pos] == '\r') ++pos;
    if (pos < in.size() && in[pos] == '\n') ++pos;
  }
  return out;
}

Result<std::string> decode_content(std::string payload, std::string_view content_encoding,
                                   size_t max_bytes) {
  // Codings are listed in the order applied: undo them last to first.
  std::vector<std::string> codings;
  size_t start = 0;
  while (start <= content_encoding.size()) {
    size_t comma = content_encoding.find(',', start);
    if (comma == std::string_view::npos) comma = content_encoding.size();
    std::string c = util::ascii_lowercase(util::trim_header_space(content_encoding.substr(start, comma - start)));
    if (!c.empty() && c != "identity") codings.push_back(std::move(c));
    start = comma + 1;
  }
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    const std::string& c = *it;
    std::string out, message;
    InflateOutcome r;
    if (c == "gzip" || c == "x-gzip") {
      if (payload.size() < 2 || static_cast<uint8_t>(payload[0]) != 0x1f ||
          static_cast<uint8_t>(payload[1]) != 0x8b)
        continue;  // not gzip: already decoded by the archiver
      r = inflate_buffer(payload, Wrapper::kGzip, max_bytes, out, &message);
    } else if (c == "deflate") {
      // RFC 9110 means zlib, but many servers send raw deflate.
      bool zlib = payload.size() >= 2 && (static_cast<uint8_t>(payload[0]) & 0x0f) == 8 &&
                  ((static_cast<uint8_t>(payload[0]) << 8) | static_cast<uint8_t>(payload[1])) % 31 == 0;
      r = inflate_buffer(payload, zlib ? Wrapper::kZlib : Wrapper::kRaw, max_bytes, out, &message);
#if GAZETTE_USE_BROTLI
    } else if (c == "br") {
      r = unbrotli(payload, max_bytes, out);
#endif
    } else {
      return Error{ErrorCode::kBadInput, "unsupported content-encoding " + c};
    }
    if (r == InflateOutcome::kTooLarge)
      return Error{ErrorCode::kTooLarge, "content-encoding " + c + ": payload exceeds " + util::size_text(max_bytes)};
    if (r == InflateOutcome::kCorrupt)
      return Error{ErrorCode::kBadInput,
                   "content-encoding " + c + ": corrupt data" + (message.empty() ? "" : ": " + message)};
    payload = std::move(out);
  }
  return payload;
}

}  // namespace gazette::io
