// Just enough HTTP/1.x to read archived responses: the status line, the headers that matter for
// the payload, and undoing Transfer-Encoding: chunked and Content-Encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gazette/gazette.h"

namespace gazette::io {

struct HttpHead {
  int status = 0;                 // 0 when the status line has no number
  std::string content_type;       // media type, lowercase, without parameters
  std::string charset;            // charset parameter of Content-Type, as given (unquoted)
  std::string content_encoding;   // lowercase, e.g. "gzip" or "gzip, br"
  bool chunked = false;           // Transfer-Encoding ends in chunked
  size_t size = 0;                // bytes of the status line and headers, blank line included
};

// Parses "HTTP/x.y NNN reason" and the header lines up to the blank line. Lines may end in CRLF
// or LF; folded (obs-fold) lines are joined. When the block ends before the blank line, every
// byte is header (size = block size). Fails (kBadInput) unless the block starts with "HTTP/".
Result<HttpHead> parse_http_head(std::string_view block);

// Splits a Content-Type value into its lowercase media type and its charset parameter.
void parse_media_type(std::string_view value, std::string& type, std::string& charset);

// Undoes Transfer-Encoding: chunked. Lenient like browsers: a missing last chunk or trailer
// keeps what came; a payload that does not start with a chunk-size line is returned unchanged
// (archives where the crawler already de-chunked it but kept the header).
std::string decode_chunked(std::string_view payload);

// Undoes the Content-Encoding codings in the order they were applied: gzip / x-gzip, deflate
// (zlib or raw), br (when built with GAZETTE_HAVE_BROTLI) and identity. A payload that plainly
// is not in the stated coding (no gzip magic) is taken as already decoded. A truncated stream
// keeps what was decoded. Errors: kBadInput (corrupt data, unsupported coding), kTooLarge (more
// than max_bytes decoded).
Result<std::string> decode_content(std::string payload, std::string_view content_encoding,
                                   size_t max_bytes);

}  // namespace gazette::io
