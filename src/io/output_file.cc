#include "io/output_file.h"

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace gazette::io {

namespace {
constexpr size_t kOutChunk = 1 << 16;
constexpr int kGzipLevel = 6;  // zlib's and gzip's default
constexpr int kZstdLevel = 3;  // zstd's default
}  // namespace

// One of the two streaming compressors, with its output buffer.
struct OutputFile::Compressor {
  Compression kind = Compression::kNone;
  z_stream gz{};
  ZSTD_CStream* zs = nullptr;
  std::vector<unsigned char> out = std::vector<unsigned char>(kOutChunk);

  ~Compressor() {
    if (kind == Compression::kGzip) deflateEnd(&gz);
    if (zs) ZSTD_freeCStream(zs);
  }
};

OutputFile::Compression OutputFile::compression_for(std::string_view path) {
  if (path.ends_with(".gz")) return Compression::kGzip;
  if (path.ends_with(".zst")) return Compression::kZstd;
  return Compression::kNone;
}

Result<std::unique_ptr<OutputFile>> OutputFile::open(const std::string& path) {
  if (path.empty() || path == "-")
    return std::unique_ptr<OutputFile>(new OutputFile(stdout, false, Compression::kNone));
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Error{ErrorCode::kIo, std::strerror(errno)};
  auto out = std::unique_ptr<OutputFile>(new OutputFile(f, true, compression_for(path)));
  if (out->z_ == nullptr && compression_for(path) != Compression::kNone)
    return Error{ErrorCode::kIo, "cannot start the compressor"};
  return out;
}

OutputFile::OutputFile(FILE* f, bool owned, Compression c) : f_(f), owned_(owned) {
  if (c == Compression::kNone) return;
  auto z = std::make_unique<Compressor>();
  if (c == Compression::kGzip) {
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&z->gz, kGzipLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      return;
    z->kind = Compression::kGzip;
  } else {
    z->zs = ZSTD_createCStream();
    if (z->zs == nullptr || ZSTD_isError(ZSTD_initCStream(z->zs, kZstdLevel))) return;
    z->kind = Compression::kZstd;
  }
  z_ = std::move(z);
}

OutputFile::~OutputFile() { close(); }

bool OutputFile::put(const void* data, size_t n) {
  if (broken_) return false;
  if (n > 0 && std::fwrite(data, 1, n, f_) != n) broken_ = true;
  return !broken_;
}

bool OutputFile::write(std::string_view data) {
  if (broken_ || closed_) return false;
  if (z_ == nullptr) return put(data.data(), data.size());
  if (z_->kind == Compression::kGzip) {
    z_->gz.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z_->gz.avail_in = static_cast<uInt>(data.size());
    while (z_->gz.avail_in > 0) {
      z_->gz.next_out = z_->out.data();
      z_->gz.avail_out = static_cast<uInt>(z_->out.size());
      if (deflate(&z_->gz, Z_NO_FLUSH) == Z_STREAM_ERROR) return !(broken_ = true);
      if (!put(z_->out.data(), z_->out.size() - z_->gz.avail_out)) return false;
    }
    return true;
  }
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  while (in.pos < in.size) {
    ZSTD_outBuffer o{z_->out.data(), z_->out.size(), 0};
    if (ZSTD_isError(ZSTD_compressStream(z_->zs, &o, &in))) return !(broken_ = true);
    if (!put(z_->out.data(), o.pos)) return false;
  }
  return true;
}

bool OutputFile::close() {
  if (closed_) return !broken_;
  closed_ = true;
  if (z_ != nullptr && !broken_) {
    if (z_->kind == Compression::kGzip) {
      int rc;
      do {
        z_->gz.next_out = z_->out.data();
        z_->gz.avail_out = static_cast<uInt>(z_->out.size());
        rc = deflate(&z_->gz, Z_FINISH);
        if (rc == Z_STREAM_ERROR || !put(z_->out.data(), z_->out.size() - z_->gz.avail_out)) break;
      } while (rc != Z_STREAM_END);
      if (rc != Z_STREAM_END) broken_ = true;
    } else {
      size_t left;
      do {
        ZSTD_outBuffer o{z_->out.data(), z_->out.size(), 0};
        left = ZSTD_endStream(z_->zs, &o);
        if (ZSTD_isError(left) || !put(z_->out.data(), o.pos)) {
          broken_ = true;
          break;
        }
      } while (left > 0);
    }
  }
  bool ok = std::fflush(f_) == 0 && !broken_;
  if (owned_) ok = std::fclose(f_) == 0 && ok;
  if (!ok) broken_ = true;
  return ok;
}

}  // namespace gazette::io
