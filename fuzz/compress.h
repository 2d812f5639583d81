// zlib compression for the fuzz targets of compressed inputs (WARC, HTTP Content-Encoding).
//
// Mutating compressed bytes mostly breaks a checksum, so the fuzzer would rarely get past the
// inflater. These targets therefore mutate plain data and compress it themselves (level 1: speed
// matters more than size), and damage the compressed result on purpose in some modes.
#pragma once

#include <zlib.h>

#include <string>
#include <string_view>

namespace gazette_fuzz {

enum class ZWrapper { kGzip, kZlib, kRaw };

inline std::string zcompress(std::string_view data, ZWrapper wrapper, int level = 1) {
  z_stream zs{};
  int bits = wrapper == ZWrapper::kGzip ? 16 + 15 : wrapper == ZWrapper::kZlib ? 15 : -15;
  if (deflateInit2(&zs, level, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace gazette_fuzz
