// Fuzz target: the streaming WARC reader (src/io/warc.h), with the HTTP parsing and
// content decoding of response records behind it.
//
// WarcReader reads from a path, so the input is written to a memfd and opened through
// /proc/self/fd (no disk I/O per run); a symbolic link with a ".warc.gz" name to that memfd
// covers the reader's name-based gzip guess.
//
// Control byte (the input's last byte, see fuzz.h):
//   bits 0-1  layout: 0 the payload as is; 1 one gzip member for the whole payload; 2 one gzip
//             member per record (the payload cut before each "WARC/1."); 3 as 2, then damaged
//             (a byte flipped, or the file cut short), where bits 4-7 choose the damage
//   bit  2    open it under a name ending in ".warc.gz"
//   bit  3    tiny limits (record 4 KiB, header 256 bytes), to reach the limit paths
//   bit  5    layouts 1-3 in zstd frames instead of gzip members (a .warc.zst)
// Checks:
//  * next() terminates: each call consumes input, so there are at most as many calls as bytes
//    the file can inflate to (deflate expands at most 1032-fold);
//  * a record returned without error has a body within WarcLimits::max_record_bytes;
//  * a kIo error ends the reading.
#include <sys/mman.h>
#include <unistd.h>

#include <zstd.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "compress.h"
#include "fuzz.h"
#include "io/warc.h"

namespace gazette_fuzz::warc {

// The memfd the input goes to, and its two names; made once per process.
struct Backing {
  int fd = -1;
  std::string path, gz_path;
  Backing() {
    fd = ::memfd_create("gazette-warc-fuzz", MFD_CLOEXEC);
    GAZETTE_FUZZ_CHECK(fd >= 0);
    path = "/proc/self/fd/" + std::to_string(fd);
    const char* tmp = std::getenv("TMPDIR");
    gz_path = std::string(tmp && *tmp ? tmp : "/tmp") + "/gazette-warc-fuzz-" +
              std::to_string(::getpid()) + ".warc.gz";
    ::unlink(gz_path.c_str());
    if (::symlink(("/proc/" + std::to_string(::getpid()) + "/fd/" + std::to_string(fd)).c_str(),
                  gz_path.c_str()) != 0)
      gz_path = path;  // no writable temp dir: the name case is simply not covered
  }
  ~Backing() {
    if (gz_path != path) ::unlink(gz_path.c_str());
  }
  void write(std::string_view bytes) const {
    GAZETTE_FUZZ_CHECK(::ftruncate(fd, 0) == 0);
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      GAZETTE_FUZZ_CHECK(n > 0);
      done += static_cast<size_t>(n);
    }
  }
};

std::string zstd_frame(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1);
  out.resize(ZSTD_isError(n) ? 0 : n);
  return out;
}

std::string compress(std::string_view data, bool zstd) {
  return zstd ? zstd_frame(data) : zcompress(data, ZWrapper::kGzip);
}

// One gzip member (zstd frame) per record: the payload cut before every "WARC/1." after its
// start.
std::string per_record(std::string_view payload, bool zstd) {
  std::string out;
  size_t start = 0;
  while (start < payload.size()) {
    size_t next = payload.find("WARC/1.", start + 1);
    if (next == std::string_view::npos) next = payload.size();
    out += compress(payload.substr(start, next - start), zstd);
    start = next;
  }
  return out;
}

}  // namespace gazette_fuzz::warc

GAZETTE_FUZZ_TARGET(warc) {
  using namespace gazette_fuzz;
  using namespace gazette_fuzz::warc;
  static const Backing backing;
  Input input(data, size);
  uint8_t control = input.take_control();
  std::string_view payload = input.bytes();

  std::string file;
  const bool zstd = control & 0x20;
  switch (control & 3) {
    case 0: file = payload; break;
    case 1: file = compress(payload, zstd); break;
    default: file = per_record(payload, zstd); break;
  }
  if ((control & 3) == 3 && !file.empty()) {
    Rng rng(hash_bytes(payload) ^ control);
    size_t at = rng.below(file.size());
    if (control & 0x10) file.resize(at);
    else file[at] = static_cast<char>(file[at] ^ (1 + rng.below(255)));
  }
  backing.write(file);

  gazette::io::WarcLimits limits;
  limits.max_record_bytes = 1u << 20;
  limits.max_header_bytes = 64u << 10;
  if (control & 8) {
    limits.max_record_bytes = 4096;
    limits.max_header_bytes = 256;
  }
  auto reader = gazette::io::WarcReader::open((control & 4) ? backing.gz_path : backing.path, limits);
  GAZETTE_FUZZ_CHECK_MSG(reader.ok(), reader.ok() ? "" : reader.error().message);

  gazette::io::WarcRecord rec;
  std::optional<gazette::Error> error;
  // Each call consumes input. A damaged file inflates to at most 1032 times its size with
  // deflate; zstd blocks can expand further (an RLE block of 4 bytes gives 128 KiB).
  const size_t max_calls = (zstd ? 33000 : 1100) * file.size() + payload.size() + 8;
  size_t calls = 0;
  while ((*reader)->next(rec, error)) {
    GAZETTE_FUZZ_CHECK_MSG(++calls <= max_calls, "WarcReader::next() makes no progress");
    if (error) {
      GAZETTE_FUZZ_CHECK(!error->message.empty());
      if (error->code == gazette::ErrorCode::kIo) {
        GAZETTE_FUZZ_CHECK_MSG(!(*reader)->next(rec, error), "reading went on after kIo");
        break;
      }
      continue;
    }
    GAZETTE_FUZZ_CHECK(rec.body.size() <= limits.max_record_bytes);
  }
  GAZETTE_FUZZ_CHECK(!error);
  return 0;
}
