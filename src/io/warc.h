// Streaming WARC reader (WARC/1.0 and 1.1; ISO 28500).
//
//   auto r = gazette::io::WarcReader::open("crawl.warc.gz", {});
//   if (!r) fail(r.error());
//   gazette::io::WarcRecord rec;
//   std::optional<gazette::Error> err;
//   while ((*r)->next(rec, err)) {
//     if (err) { warn(err->message); continue; }       // a skipped record; reading goes on
//     if (rec.type == "response" && rec.http_status == 200 && rec.content_type == "text/html")
//       extract(rec.body, rec.charset, rec.target_uri);
//   }
//
// Input: an uncompressed .warc, a .warc.gz with one gzip member per record (the usual layout),
// or a whole-file gzip (one member, or members that split records anywhere); a .warc.zst, one
// zstd frame per record as the IIPC WARC-zstd convention has it, with the shared dictionary of
// its first skippable frame (magic 0x184D2A5D, raw or zstd-compressed) when there is one, or
// a whole-file zstd stream. The format is told by the first bytes (and a ".gz" or ".zst" name,
// in case the first member is damaged). Memory is bounded by the largest record: the file is
// read in 1 MiB chunks and each record's block is held once (twice while a Content-Encoding is
// undone). gzip is inflated with ISA-L when built with GAZETTE_HAVE_ISAL, else zlib (see
// io/inflate.h); zstd with libzstd.
//
// Every record is returned with its type, including request, metadata, revisit, warcinfo,
// resource and conversion records, so the caller counts and skips what it does not want.
// - response and revisit records whose block is an HTTP response ("HTTP/..."): http_status,
//   content_type, charset come from the HTTP headers; body is the HTTP payload with
//   Transfer-Encoding: chunked and Content-Encoding (gzip, x-gzip, deflate; br when built with
//   GAZETTE_HAVE_BROTLI) undone. A revisit usually has an empty body.
// - every other record (and a response that is not HTTP, e.g. dns:): content_type and charset
//   come from the WARC Content-Type header, body is the raw block.
//
// Errors. One call of next() returns one record or one error: when `error` is set, the record
// was skipped and `out` holds what was known of it (offset, and the WARC headers read so far;
// body empty). Reading goes on after:
// - a truncated record, a record whose Content-Length is too short, too long or absurd, a
//   header block over WarcLimits::max_header_bytes, bytes that do not start a record;
// - a corrupt or truncated gzip member: the reader scans the compressed file for the next gzip
//   member that starts a WARC record (in a whole-file gzip, nothing after the damage can be read);
// - a Content-Length or a decoded payload over WarcLimits::max_record_bytes (kTooLarge): the
//   record is skipped without being held, and in a one-member-per-record file without being
//   decompressed either (so a gzip bomb costs little).
// Resynchronisation: in a one-member-per-record .warc.gz, at the next gzip member; otherwise at
// the next line "WARC/1.x" (a payload that itself embeds "\nWARC/1.0\r\n" may then give a
// spurious error). Error codes: kBadInput (damaged data), kTooLarge (limits), kIo (read error:
// reading stops after it).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "gazette/gazette.h"

namespace gazette::io {

struct WarcLimits {
  uint64_t max_record_bytes = 64u << 20;  // a record's block (Content-Length) and decoded payload
  size_t max_header_bytes = 1u << 20;     // a record's WARC header block
};

struct WarcRecord {
  std::string type;          // WARC-Type, as written (e.g. "response", "warcinfo")
  std::string record_id;     // WARC-Record-ID
  std::string target_uri;    // WARC-Target-URI
  std::string date;          // WARC-Date
  std::string truncated;     // WARC-Truncated ("length", "time", ...): the archiver cut the block
  // For response records: the parsed HTTP response (see above for the other records).
  int http_status = 0;
  std::string content_type;  // media type, lowercase, without parameters
  std::string charset;       // charset parameter of Content-Type, if any
  std::string body;          // HTTP payload, transfer and content codings undone
  // Where the record starts, for messages: in a .warc.gz the offset of the gzip member it starts
  // in; in an uncompressed file the byte offset. stream_offset is the offset in the
  // uncompressed WARC data (the same for an uncompressed file).
  uint64_t offset = 0;
  uint64_t stream_offset = 0;
};

class WarcReader {
 public:
  // Fails with kIo when the file cannot be opened.
  static Result<std::unique_ptr<WarcReader>> open(const std::string& path, const WarcLimits& limits);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record, or an error about a skipped one (see above). False at the end of the file,
  // with `error` empty.
  bool next(WarcRecord& out, std::optional<Error>& error);

  // True when the file is gzip-compressed.
  bool compressed() const;
  // CPU time this thread spent in the gzip inflater so far (for per-stage figures).
  uint64_t inflate_ns() const;
  // Bytes of the file consumed so far (compressed bytes for a .warc.gz): progress against the
  // file's size.
  uint64_t bytes_read() const;

 private:
  struct Impl;
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette::io
