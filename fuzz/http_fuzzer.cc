// Fuzz target: the HTTP response reading of archived responses (src/io/http.h): the head,
// Transfer-Encoding: chunked and Content-Encoding, and the inflater behind it.
//
// Control byte (the input's last byte, see fuzz.h):
//   bits 0-1  how the payload after the head is encoded before decoding: 0 as given, with the
//             head's own Content-Encoding; 1 gzip, 2 zlib, 3 raw deflate, each compressed here
//             (compress.h) and decoded as "gzip" / "deflate"
//   bit  2    the encoded payload is cut short (a truncated stream keeps what was decoded)
//   bit  3    a tiny decoding limit (1 KiB), to reach kTooLarge
// Checks: the head's size is within the block; the media type is lowercase; decoding never
// returns more than its limit (or the payload it was given, when that was not encoded).
#include <string>

#include "compress.h"
#include "dom_check.h"
#include "fuzz.h"
#include "io/http.h"

GAZETTE_FUZZ_TARGET(http) {
  using namespace gazette_fuzz;
  Input input(data, size);
  uint8_t control = input.take_control();
  std::string_view block = input.bytes();

  auto head = gazette::io::parse_http_head(block);
  std::string_view payload = block;
  std::string encoding;
  if (head) {
    GAZETTE_FUZZ_CHECK(head->size <= block.size());
    GAZETTE_FUZZ_CHECK(!has_ascii_upper(head->content_type));
    payload = block.substr(head->size);
    encoding = head->content_encoding;
  }
  std::string body = head && head->chunked ? gazette::io::decode_chunked(payload)
                                           : std::string(payload);
  switch (control & 3) {
    case 1: body = zcompress(body, ZWrapper::kGzip); encoding = "gzip"; break;
    case 2: body = zcompress(body, ZWrapper::kZlib); encoding = "deflate"; break;
    case 3: body = zcompress(body, ZWrapper::kRaw); encoding = "deflate"; break;
    default: break;
  }
  if ((control & 4) && !body.empty()) body.resize(hash_bytes(body) % body.size());
  size_t limit = (control & 8) ? 1024 : size_t{1} << 20;
  // A payload that is plainly not in its stated coding is returned as it is, whatever its size.
  size_t given = body.size();
  auto decoded = gazette::io::decode_content(std::move(body), encoding, limit);
  if (decoded) GAZETTE_FUZZ_CHECK(decoded->size() <= std::max(limit, given));

  // The Content-Type splitter alone, on the input's first line.
  std::string type, charset;
  gazette::io::parse_media_type(block.substr(0, block.find('\n')), type, charset);
  GAZETTE_FUZZ_CHECK(!has_ascii_upper(type));
  return 0;
}
