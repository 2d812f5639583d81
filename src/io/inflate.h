// Streaming DEFLATE decompression (gzip, zlib or raw wrappers) behind one interface.
//
// The backend is ISA-L's igzip when the build defines GAZETTE_HAVE_ISAL (Debian: libisal-dev;
// about 2.5x zlib's speed on the bench WARC), else zlib. Both verify the gzip CRC and length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gazette::io {

enum class Wrapper { kGzip, kZlib, kRaw };

class Inflater {
 public:
  explicit Inflater(Wrapper wrapper);
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Forgets the current stream: the next call starts a new one (e.g. the next gzip member).
  void reset();

  enum class Status {
    kOk,     // made what progress it could: needs more input or more output space
    kEnd,    // the stream (one gzip member) is complete; `in` points just past it
    kError,  // corrupt data, see message()
  };
  // Decompresses from [in, in + in_len) into [out, out + out_len), advancing both pointers and
  // decreasing both lengths by what was consumed and produced.
  Status run(const uint8_t*& in, size_t& in_len, uint8_t*& out, size_t& out_len);
  const std::string& message() const { return message_; }

  // "isa-l" or "zlib".
  static const char* backend();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string message_;
};

enum class InflateOutcome { kOk, kTruncated, kCorrupt, kTooLarge };

// Decompresses a whole buffer and appends the result to `out` (at most `max_out` bytes are
// appended). For kGzip, concatenated members are all decompressed. kTruncated keeps what was
// decompressed; `message` (optional) receives the reason for kCorrupt.
InflateOutcome inflate_buffer(std::string_view in, Wrapper wrapper, size_t max_out,
                              std::string& out, std::string* message = nullptr);

}  // namespace gazette::io
