// Where records go: standard output or a file, compressed by the file name's suffix.
//
//   auto out = gazette::io::OutputFile::open("articles.jsonl.zst");  // .gz, .zst, or plain
//   if (!out) fail(out.error());
//   (*out)->write(record_line);
//   if (!(*out)->close()) fail("write failed");
//
// ".gz" writes one gzip member (zlib, level 6); ".zst" one zstd frame (level 3, the zstd
// command's default). Both stream: memory stays at the compressor's window whatever is written.
// A write error (a full disk, a reader that closed the pipe) makes write() and close() return
// false and every later write a no-op.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "gazette/gazette.h"

namespace gazette::io {

class OutputFile {
 public:
  enum class Compression { kNone, kGzip, kZstd };

  // "" or "-" is standard output (never compressed). Fails with kIo when the file cannot be
  // created.
  static Result<std::unique_ptr<OutputFile>> open(const std::string& path);
  // The compression a file name asks for.
  static Compression compression_for(std::string_view path);

  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool write(std::string_view data);
  // Ends the compressed stream, flushes and closes (standard output is flushed, not closed).
  bool close();
  bool broken() const { return broken_; }

 private:
  struct Compressor;
  OutputFile(FILE* f, bool owned, Compression c);
  bool put(const void* data, size_t n);

  FILE* f_;
  bool owned_;
  bool broken_ = false;
  bool closed_ = false;
  std::unique_ptr<Compressor> z_;
};

}  // namespace gazette::io
