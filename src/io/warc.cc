#include "io/warc.h"
#include "util/ascii.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include "io/http.h"
#include "util/cpu_time.h"
#include "io/inflate.h"

#include <time.h>

namespace gazette::io {

namespace {

using util::thread_cpu_ns;

constexpr size_t kReadChunk = 1 << 20;  // compressed bytes per read()
// Decompressed bytes per buffer fill. Small: a fill holds the WARC header and the HTTP head
// (1 to 3 KB in Common Crawl), the payload is inflated straight into the record's body, and
// whatever a fill takes beyond the head is copied there. Every return from the inflater also
// copies up to 32 KB of history; at 64 KB a fill, the copies moved about half as many bytes as
// the inflater wrote (callgrind on every 8th record of the bench WARC: 64 KB 3.211 G
// instructions, 16 KB 3.151 G, 8 KB 3.122 G, 4 KB 3.115 G).
constexpr size_t kFillChunk = 1 << 13;

// Does `s` start a WARC record ("WARC/1.x" and the end of the line)? 1 yes, 0 no, -1 too short
// to tell.
int record_start(std::string_view s) {
  constexpr std::string_view kMagic = "WARC/1.";
  size_t n = std::min(s.size(), kMagic.size());
  if (s.substr(0, n) != kMagic.substr(0, n)) return 0;
  if (s.size() < kMagic.size() + 2) return -1;
  char digit = s[kMagic.size()], end = s[kMagic.size() + 1];
  return digit >= '0' && digit <= '9' && (end == '\r' || end == '\n') ? 1 : 0;
}

// The position of the first record start ("WARC/1.x" and a line end) in `s`, or npos. Not
// only after a line end: after a truncated record, the next one follows any byte.
size_t find_record_start(std::string_view s) {
  for (size_t k = s.find("WARC/1."); k != std::string_view::npos; k = s.find("WARC/1.", k + 1))
    if (record_start(s.substr(k)) == 1) return k;
  return std::string_view::npos;
}

// Does `s` hold an empty line (the end of an HTTP head)?
bool has_empty_line(std::string_view s) {
  return s.find("\n\r\n") != std::string_view::npos || s.find("\n\n") != std::string_view::npos;
}

// zstd's frame magic (little-endian 0xFD2FB528), and skippable frames (0x184D2A50..5F): the
// WARC zstd convention puts a dictionary in a first skippable frame with magic 0x184D2A5D.
bool zstd_magic(const uint8_t* p) {
  return p[0] == 0x28 && p[1] == 0xB5 && p[2] == 0x2F && p[3] == 0xFD;
}
bool zstd_skippable(const uint8_t* p) {
  return (p[0] & 0xF0) == 0x50 && p[1] == 0x2A && p[2] == 0x4D && p[3] == 0x18;
}
uint32_t le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

// The decompressed WARC data, member by member: a gzip file is a sequence of members, a
// .warc.zst a sequence of zstd frames (one per record, after an optional dictionary), an
// uncompressed file is one "member".
class Stream {
 public:
  enum class State { kData, kMemberEnd, kEof, kError };
  enum class Codec { kNone, kGzip, kZstd };

  ~Stream() {
    if (fd_ >= 0) ::close(fd_);
    if (zstd_) ZSTD_freeDCtx(zstd_);
  }

  std::optional<Error> open(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return Error{ErrorCode::kIo, std::strerror(errno)};
    in_.resize(kReadChunk);
    while (in_len_ < 2 && refill()) {
    }
    if (io_error_) return Error{ErrorCode::kIo, message_};
    while (in_len_ < 4 && refill()) {
    }
    if (io_error_) return Error{ErrorCode::kIo, message_};
    // By the magic bytes; a .gz or .zst name too, so that a damaged first member is skipped, not
    // taken for uncompressed data.
    auto ends_with = [&](std::string_view suffix) {
      return path.size() > suffix.size() &&
             path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if ((in_len_ >= 2 && in_[0] == 0x1f && in_[1] == 0x8b) || (ends_with(".gz") && in_len_ > 0))
      codec_ = Codec::kGzip;
    else if ((in_len_ >= 4 && (zstd_magic(in_.data()) || zstd_skippable(in_.data()))) ||
             (ends_with(".zst") && in_len_ > 0))
      codec_ = Codec::kZstd;
    state_ = State::kData;
    if (codec_ == Codec::kZstd) {
      zstd_ = ZSTD_createDCtx();
      if (!zstd_) return Error{ErrorCode::kIo, "out of memory"};
      if (auto e = load_dictionary()) return e;
      if (!skip_skippable_frames()) return Error{ErrorCode::kBadInput, message_};
      member_offset_ = in_offset();  // the first frame's, after the dictionary
      if (in_pos_ == in_len_) state_ = State::kEof;
    }
    return std::nullopt;
  }

  // Compressed in members (gzip members, zstd frames) that records may align with.
  bool gzip() const { return codec_ != Codec::kNone; }
  // What a member is called in messages.
  const char* unit() const { return codec_ == Codec::kZstd ? "zstd frame" : "gzip member"; }
  State state() const { return state_; }
  bool io_error() const { return io_error_; }
  const std::string& message() const { return message_; }
  uint64_t member_offset() const { return member_offset_; }
  uint64_t member_out() const { return member_out_; }  // bytes delivered from this member
  uint64_t position() const { return position_; }      // bytes delivered in all
  uint64_t in_offset() const { return in_base_ + in_pos_; }
  uint64_t inflate_ns() const { return inflate_ns_; }

  // Up to n bytes of the current member; fewer only when the state leaves kData.
  size_t read(char* dst, size_t n) {
    size_t got = 0;
    if (codec_ == Codec::kNone) {
      while (got < n && state_ == State::kData) {
        if (in_pos_ == in_len_) {
          if (n - got >= kReadChunk) {
            // Large reads go straight to the destination.
            ssize_t r;
            do r = ::read(fd_, dst + got, n - got);
            while (r < 0 && errno == EINTR);
            if (r > 0) {
              got += static_cast<size_t>(r);
              in_base_ += static_cast<uint64_t>(r);
              continue;
            }
            if (r < 0) set_io_error();
            else state_ = State::kMemberEnd;
            break;
          }
          if (!refill()) {
            if (state_ == State::kData) state_ = State::kMemberEnd;
            break;
          }
        }
        size_t take = std::min(n - got, in_len_ - in_pos_);
        std::memcpy(dst + got, in_.data() + in_pos_, take);
        in_pos_ += take;
        got += take;
      }
    } else if (codec_ == Codec::kZstd) {
      while (got < n && state_ == State::kData) {
        if (in_pos_ == in_len_ && !refill_member()) break;
        ZSTD_inBuffer in{in_.data() + in_pos_, in_len_ - in_pos_, 0};
        ZSTD_outBuffer out{dst + got, n - got, 0};
        uint64_t t0 = thread_cpu_ns();
        size_t r = ZSTD_decompressStream(zstd_, &out, &in);
        inflate_ns_ += thread_cpu_ns() - t0;
        in_pos_ += in.pos;
        got += out.pos;
        if (ZSTD_isError(r)) {
          state_ = State::kError;
          message_ = std::string("corrupt zstd data: ") + ZSTD_getErrorName(r);
        } else if (r == 0) {
          state_ = State::kMemberEnd;  // the frame is decoded and flushed
        } else if (in.pos == 0 && out.pos == 0 && in.size > 0) {
          state_ = State::kError;
          message_ = "corrupt zstd data: no progress";
        }
      }
    } else {
      while (got < n && state_ == State::kData) {
        if (in_pos_ == in_len_ && !refill_member()) break;
        const uint8_t* p = in_.data() + in_pos_;
        size_t avail = in_len_ - in_pos_;
        uint8_t* o = reinterpret_cast<uint8_t*>(dst) + got;
        size_t space = n - got;
        uint64_t t0 = thread_cpu_ns();
        Inflater::Status s = inf_.run(p, avail, o, space);
        inflate_ns_ += thread_cpu_ns() - t0;
        size_t used = static_cast<size_t>(p - (in_.data() + in_pos_));
        size_t made = static_cast<size_t>(o - reinterpret_cast<uint8_t*>(dst)) - got;
        in_pos_ += used;
        got += made;
        if (s == Inflater::Status::kEnd) {
          state_ = State::kMemberEnd;
        } else if (s == Inflater::Status::kError) {
          state_ = State::kError;
          message_ = "corrupt gzip data: " + inf_.message();
        } else if (used == 0 && made == 0 && avail > 0) {
          state_ = State::kError;
          message_ = "corrupt gzip data: no progress";
        }
      }
    }
    member_out_ += got;
    position_ += got;
    return got;
  }

  // At kMemberEnd: begins the next member. False at the end of the file (kEof), or when what
  // follows is not a gzip member (kError; member_offset() tells where).
  bool next_member() {
    if (codec_ == Codec::kNone) {
      state_ = State::kEof;
      return false;
    }
    if (codec_ == Codec::kZstd && !skip_skippable_frames()) return false;
    if (in_len_ - in_pos_ < 4) refill();
    if (io_error_) return false;
    if (in_pos_ == in_len_) {
      state_ = State::kEof;
      return false;
    }
    member_offset_ = in_offset();
    if (codec_ == Codec::kZstd) {
      if (in_len_ - in_pos_ < 4 || !zstd_magic(in_.data() + in_pos_)) {
        state_ = State::kError;
        message_ = "bytes after a zstd frame are not a zstd frame";
        return false;
      }
      start_member();
      return true;
    }
    if (in_len_ - in_pos_ < 2 || in_[in_pos_] != 0x1f || in_[in_pos_ + 1] != 0x8b) {
      state_ = State::kError;
      message_ = "bytes after a gzip member are not a gzip member";
      return false;
    }
    start_member();
    return true;
  }

  // Scans the compressed file from offset `from` for the next gzip header and begins a member
  // there. False at the end of the file (kEof) or on a read error.
  bool resync(uint64_t from) {
    uint64_t end = in_base_ + in_len_;
    if (from >= in_base_ && from <= end) {
      in_pos_ = static_cast<size_t>(from - in_base_);
    } else if (::lseek(fd_, static_cast<off_t>(from), SEEK_SET) >= 0) {
      in_base_ = from;
      in_pos_ = in_len_ = 0;
    }  // else: not seekable; go on from where we are
    const uint8_t first = codec_ == Codec::kZstd ? 0x28 : 0x1f;
    while (true) {
      const uint8_t* b = in_.data();
      for (size_t k = in_pos_; k + 4 <= in_len_; ++k) {
        const void* hit = std::memchr(b + k, first, in_len_ - k - 3);
        if (!hit) break;
        k = static_cast<size_t>(static_cast<const uint8_t*>(hit) - b);
        if (codec_ == Codec::kZstd ? zstd_magic(b + k) : (b[k + 1] == 0x8b && b[k + 2] == 0x08)) {
          in_pos_ = k;
          member_offset_ = in_offset();
          start_member();
          return true;
        }
      }
      in_pos_ = std::max(in_pos_, in_len_ >= 3 ? in_len_ - 3 : 0);
      if (!refill()) {
        if (!io_error_) state_ = State::kEof;
        return false;
      }
    }
  }

 private:
  void start_member() {
    if (codec_ == Codec::kZstd)
      ZSTD_DCtx_reset(zstd_, ZSTD_reset_session_only);  // keeps the dictionary
    else
      inf_.reset();
    state_ = State::kData;
    member_out_ = 0;
  }

  // Makes sure `n` bytes from in_pos_ are buffered (false at the end of the file).
  bool have(size_t n) {
    while (in_len_ - in_pos_ < n) {
      if (in_len_ == in_.size() && in_pos_ == 0) in_.resize(in_.size() * 2);
      if (!refill()) return false;
    }
    return true;
  }

  // A .warc.zst may start with a skippable frame (magic 0x184D2A5D) that holds the dictionary of
  // every record's frame, itself zstd-compressed or raw.
  std::optional<Error> load_dictionary() {
    if (!have(8) || le32(in_.data() + in_pos_) != 0x184D2A5D) return std::nullopt;
    uint32_t size = le32(in_.data() + in_pos_ + 4);
    if (size > kMaxDictionary) return Error{ErrorCode::kBadInput, "zstd dictionary too large"};
    if (!have(8 + size)) {
      if (io_error_) return Error{ErrorCode::kIo, message_};
      return Error{ErrorCode::kBadInput, "truncated zstd dictionary"};
    }
    const uint8_t* d = in_.data() + in_pos_ + 8;
    std::string dict;
    if (size >= 4 && zstd_magic(d)) {
      unsigned long long n = ZSTD_getFrameContentSize(d, size);
      if (n == ZSTD_CONTENTSIZE_ERROR || n == ZSTD_CONTENTSIZE_UNKNOWN || n > kMaxDictionary)
        return Error{ErrorCode::kBadInput, "corrupt zstd dictionary"};
      dict.resize(static_cast<size_t>(n));
      size_t r = ZSTD_decompress(dict.data(), dict.size(), d, size);
      if (ZSTD_isError(r)) return Error{ErrorCode::kBadInput, "corrupt zstd dictionary"};
      dict.resize(r);
    } else {
      dict.assign(reinterpret_cast<const char*>(d), size);
    }
    size_t r = ZSTD_DCtx_loadDictionary(zstd_, dict.data(), dict.size());
    if (ZSTD_isError(r)) return Error{ErrorCode::kBadInput, "unusable zstd dictionary"};
    in_pos_ += 8 + size;
    return std::nullopt;
  }

  // Skips skippable frames (metadata that is not WARC data). False on a truncated one.
  bool skip_skippable_frames() {
    while (have(8) && zstd_skippable(in_.data() + in_pos_)) {
      uint64_t size = le32(in_.data() + in_pos_ + 4);
      uint64_t skip = 8 + size;
      while (skip > 0) {
        if (in_pos_ == in_len_ && !refill()) {
          state_ = State::kError;
          message_ = "truncated zstd skippable frame";
          return false;
        }
        size_t take = static_cast<size_t>(std::min<uint64_t>(skip, in_len_ - in_pos_));
        in_pos_ += take;
        skip -= take;
      }
    }
    return !io_error_;
  }

  // More compressed bytes of the current member; at the end of the file the member is cut short
  // (kError "truncated gzip member" / "truncated zstd frame").
  bool refill_member() {
    if (refill()) return true;
    if (state_ == State::kData) {
      state_ = State::kError;
      message_ = std::string("truncated ") + unit();
    }
    return false;
  }

  void set_io_error() {
    io_error_ = true;
    state_ = State::kError;
    message_ = std::string("read error: ") + std::strerror(errno ? errno : EIO);
  }

  // Reads more compressed bytes, keeping the unconsumed ones. False when none came.
  bool refill() {
    if (in_pos_ > 0) {
      std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
      in_base_ += in_pos_;
      in_len_ -= in_pos_;
      in_pos_ = 0;
    }
    if (in_len_ == in_.size()) return true;
    ssize_t r;
    do r = ::read(fd_, in_.data() + in_len_, in_.size() - in_len_);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
      set_io_error();
      return false;
    }
    in_len_ += static_cast<size_t>(r);
    return r > 0;
  }

  int fd_ = -1;
  uint64_t inflate_ns_ = 0;
  std::vector<uint8_t> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t in_base_ = 0;  // file offset of in_[0]
  static constexpr uint32_t kMaxDictionary = 64u << 20;
  Codec codec_ = Codec::kNone;
  bool io_error_ = false;
  Inflater inf_{Wrapper::kGzip};
  ZSTD_DCtx* zstd_ = nullptr;
  State state_ = State::kEof;
  uint64_t member_offset_ = 0, member_out_ = 0, position_ = 0;
  std::string message_;
};

}  // namespace

struct WarcReader::Impl {
  Stream s;
  WarcLimits limits;
  std::string buf;  // decompressed bytes of the current member; buf[pos..] not consumed yet
  size_t pos = 0;
  // Do gzip members hold one record each? Learnt from the first complete record.
  enum class Align { kUnknown, kYes, kNo } align = Align::kUnknown;
  bool scan = false;    // looking for the next "WARC/1.x" line in the data
  bool probe = false;   // after a gzip resync: the member must start a record, else try the next
  bool ended = false;   // after a read error
  bool junk = false;    // the last record's gzip member holds more data after it

  size_t avail() const { return buf.size() - pos; }
  uint64_t stream_pos() const { return s.position() - avail(); }
  bool at_member_start() const { return s.member_out() == avail(); }
  std::string_view rest() const { return std::string_view(buf).substr(pos); }

  // Makes at least `want` bytes available when the member has them. False when fewer are.
  // With `cross`, goes on into the next gzip members unless one starts a record (records split
  // across members); buf then ends with the newest member's data.
  bool fill(size_t want, bool cross = false) {
    while (avail() < want) {
      if (cross && s.state() == Stream::State::kMemberEnd && s.gzip()) {
        if (!s.next_member()) return false;
        fill(16);
        if (record_start(std::string_view(buf).substr(buf.size() - s.member_out())) == 1) return false;
        continue;
      }
      if (s.state() != Stream::State::kData) return false;
      if (pos > 0 && (pos >= buf.size() / 2 || buf.size() + kFillChunk > buf.capacity())) {
        buf.erase(0, pos);
        pos = 0;
      }
      size_t old = buf.size();
      size_t chunk = std::max(kFillChunk, want - avail());
      buf.resize(old + chunk);
      size_t got = s.read(buf.data() + old, chunk);
      buf.resize(old + got);
    }
    return true;
  }

  void drop_buffer() {
    buf.clear();
    pos = 0;
  }

  std::string where(const WarcRecord& r) const {
    std::string w = "record at offset " + std::to_string(r.offset);
    if (s.gzip() && r.stream_offset != 0 && !record_at_member_start)
      w += " (uncompressed offset " + std::to_string(r.stream_offset) + ")";
    return w;
  }
  bool record_at_member_start = true;

  // Skips to the next record after a damaged one.
  void resync_after_record() {
    if (s.gzip() && s.state() == Stream::State::kError && !s.io_error()) {
      drop_buffer();
      probe = s.resync(s.member_offset() + 1);
      return;
    }
    if (s.gzip() && align == Align::kYes && record_at_member_start) {
      // One record per member: the next member is the next record, found without inflating
      // the rest of this one. A member that does not start a record is skipped (probe).
      uint64_t from = s.member_offset() + 1;
      drop_buffer();
      if (s.state() == Stream::State::kMemberEnd) return;  // next() goes on with the next one
      probe = s.resync(from);
      return;
    }
    scan = true;
    // Scanning a gzip member whose first record was bad is capped (scan_for_record).
    scan_limit = s.gzip() && record_at_member_start ? limits.max_record_bytes : 0;
  }
  uint64_t scan_limit = 0;  // 0: none

  // Finds the next record start in the data: "WARC/1.x" and a line end. False at the end of
  // the file or on a stream error.
  bool scan_for_record() {
    uint64_t scanned = 0;
    while (true) {
      fill(kFillChunk);
      size_t k = find_record_start(rest());
      if (k != std::string_view::npos) {
        pos += k;
        return true;
      }
      if (s.state() == Stream::State::kData) {
        // Keep a tail that may hold the start of a match.
        if (avail() > 16) {
          scanned += avail() - 16;
          pos = buf.size() - 16;
        }
        if (scan_limit != 0 && scanned > scan_limit) {
          // A bad record at the start of a gzip member that goes on and on (a gzip bomb
          // behind a huge Content-Length): inflating all of it to look for the next record
          // would cost time in proportion to what it inflates to. Past the record size limit,
          // go on at the next gzip member (which must start a record: probe).
          drop_buffer();
          probe = s.resync(s.member_offset() + 1);
          return true;
        }
        continue;
      }
      drop_buffer();
      if (s.state() != Stream::State::kMemberEnd || !s.next_member()) return false;
    }
  }

  bool next(WarcRecord& out, std::optional<Error>& error);
  bool stream_failure(WarcRecord& out, std::optional<Error>& error, bool in_record);
  bool finish_record(WarcRecord& out, std::optional<Error>& error, std::optional<HttpHead> head,
                     std::string_view ctype_header);
};

// The stream hit a gzip or read error. Reports it (unless probing) and resyncs. The return
// value is what next() returns.
bool WarcReader::Impl::stream_failure(WarcRecord& out, std::optional<Error>& error, bool in_record) {
  if (s.io_error()) {
    ended = true;
    error = Error{ErrorCode::kIo, s.message()};
    return true;
  }
  bool report = !probe;
  std::string msg =
      s.message() + " (" + s.unit() + " at offset " + std::to_string(s.member_offset()) + ")";
  if (report) {
    if (!in_record) {
      out = WarcRecord{};
      out.offset = s.member_offset();
      out.stream_offset = stream_pos();
      record_at_member_start = true;
    }
    error = Error{ErrorCode::kBadInput, where(out) + ": " + msg};
  }
  drop_buffer();
  scan = false;
  probe = s.resync(s.member_offset() + 1);
  return report;
}

bool WarcReader::Impl::next(WarcRecord& out, std::optional<Error>& error) {
  error.reset();
  while (true) {
    if (ended) return false;
    if (junk) {
      // A record, then data that is no record in the same member: skip the rest of the member.
      junk = false;
      out = WarcRecord{};
      out.offset = s.member_offset();
      out.stream_offset = stream_pos();
      error = Error{ErrorCode::kBadInput, std::string(s.unit()) + " at offset " +
                                              std::to_string(out.offset) + ": data after the record"};
      drop_buffer();
      if (s.state() != Stream::State::kMemberEnd && !s.io_error())
        probe = s.resync(s.member_offset() + 1);
      return true;
    }
    // 1. Get to the start of a record.
    if (scan) {
      if (!scan_for_record()) {
        if (s.state() == Stream::State::kError) {
          if (stream_failure(out, error, false)) return true;
          continue;
        }
        return false;
      }
      scan = false;
    }
    // Blank lines between records are tolerated.
    while (true) {
      while (avail() > 0 && (buf[pos] == '\r' || buf[pos] == '\n')) ++pos;
      if (avail() > 0 || !fill(1)) break;
    }
    if (avail() == 0) {
      if (s.state() == Stream::State::kMemberEnd) {
        if (probe) {
          // An empty member after a resync: try further on.
          drop_buffer();
          probe = s.resync(s.member_offset() + 1);
          continue;
        }
        if (s.next_member()) continue;
      }
      if (s.state() == Stream::State::kEof) return false;
      if (stream_failure(out, error, false)) return true;
      continue;
    }
    fill(16, !probe);
    if (probe) {
      if (!at_member_start() || record_start(rest()) != 1) {
        drop_buffer();
        probe = s.resync(s.member_offset() + 1);
        if (!probe && s.io_error()) return stream_failure(out, error, false);
        continue;
      }
      probe = false;
    }
    out.type.clear();
    out.record_id.clear();
    out.target_uri.clear();
    out.date.clear();
    out.truncated.clear();
    out.http_status = 0;
    out.content_type.clear();
    out.charset.clear();
    out.body.clear();
    record_at_member_start = at_member_start();
    out.offset = s.gzip() ? s.member_offset() : stream_pos();
    out.stream_offset = stream_pos();
    if (s.state() == Stream::State::kError && avail() < 16) {
      if (stream_failure(out, error, true)) return true;
      continue;
    }
    if (record_start(rest()) != 1) {
      std::string_view head = rest().substr(0, std::min<size_t>(avail(), 16));
      std::string shown;
      for (char c : head) shown += (c >= 0x20 && c < 0x7f) ? c : '.';
      error = Error{ErrorCode::kBadInput, where(out) + ": not a WARC record (starts with \"" + shown + "\")"};
      ++pos;  // so that the scan does not stop at this same spot
      resync_after_record();
      return true;
    }

    // 2. The header block, up to the first empty line.
    size_t header_end = std::string_view::npos, searched = 0;
    while (true) {
      std::string_view r = rest();
      size_t from = searched >= 2 ? searched - 2 : 0;
      size_t a = r.find("\n\r\n", from), b = r.find("\n\n", from);
      size_t hit = std::min(a, b);
      if (hit != std::string_view::npos) {
        header_end = hit + (hit == a ? 3 : 2);
        break;
      }
      searched = r.size();
      if (searched > limits.max_header_bytes || !fill(avail() + 1, true)) break;
    }
    if (header_end == std::string_view::npos || header_end > limits.max_header_bytes) {
      if (s.state() == Stream::State::kError) {
        if (stream_failure(out, error, true)) return true;
        continue;
      }
      bool too_big = avail() > limits.max_header_bytes;
      error = Error{too_big ? ErrorCode::kTooLarge : ErrorCode::kBadInput,
                    where(out) + (too_big ? ": header block exceeds " + util::size_text(limits.max_header_bytes)
                                          : ": truncated header block")};
      ++pos;
      resync_after_record();
      return true;
    }

    // 3. Header fields.
    std::string_view header = rest().substr(0, header_end);
    std::optional<uint64_t> length;
    bool bad_length = false;
    std::string_view ctype;
    size_t line_start = header.find('\n') + 1;  // skip the version line
    while (line_start < header.size()) {
      size_t nl = header.find('\n', line_start);
      std::string_view line = header.substr(line_start, nl - line_start);
      line_start = nl + 1;
      line = util::trim_header_space(line);
      if (line.empty()) break;
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view name = util::trim_header_space(line.substr(0, colon)), value = util::trim_header_space(line.substr(colon + 1));
      if (util::ascii_iequals(name, "WARC-Type")) out.type = value;
      else if (util::ascii_iequals(name, "WARC-Record-ID")) out.record_id = value;
      else if (util::ascii_iequals(name, "WARC-Target-URI")) {
        // WARC/1.0 examples put the URI in angle brackets.
        if (value.size() >= 2 && value.front() == '<' && value.back() == '>') value = value.substr(1, value.size() - 2);
        out.target_uri = value;
      } else if (util::ascii_iequals(name, "WARC-Date")) out.date = value;
      else if (util::ascii_iequals(name, "WARC-Truncated")) out.truncated = value;
      else if (util::ascii_iequals(name, "Content-Type")) ctype = value;
      else if (util::ascii_iequals(name, "Content-Length")) {
        uint64_t v = 0;
        bool ok = !value.empty() && value.size() <= 20;
        for (char c : value) {
          uint64_t d = static_cast<uint64_t>(c - '0');
          if (c < '0' || c > '9' || v > (UINT64_MAX - d) / 10) {
            ok = false;
            break;
          }
          v = v * 10 + d;
        }
        if (ok) length = v;
        else bad_length = true;
      }
    }
    if (!length) {
      error = Error{ErrorCode::kBadInput, where(out) + (bad_length ? ": invalid Content-Length" : ": no Content-Length")};
      pos += header_end;
      resync_after_record();
      return true;
    }
    if (*length > limits.max_record_bytes) {
      error = Error{ErrorCode::kTooLarge, where(out) + ": Content-Length " + std::to_string(*length) +
                                               " exceeds the limit of " + util::size_text(limits.max_record_bytes)};
      pos += header_end;
      resync_after_record();
      return true;
    }
    std::string ctype_copy(ctype);  // `header` points into buf, which the block reads reuse
    pos += header_end;

    // 4. The block: Content-Length bytes. The HTTP head of a response is parsed from the buffer
    // when it is there, so that the payload goes to the body without being moved again.
    const size_t total = static_cast<size_t>(*length);
    std::optional<HttpHead> http_head;
    std::string head_text;  // kept to look for the next record in, should the block be bad
    if ((util::ascii_iequals(out.type, "response") || util::ascii_iequals(out.type, "revisit")) && rest().substr(0, 5) == "HTTP/") {
      fill(std::min<size_t>(total, kFillChunk));
      // A head longer than a fill (long Set-Cookie or Content-Security-Policy headers) is read
      // on to its empty line, doubling, so that it is still parsed here.
      while (avail() < total && avail() < limits.max_header_bytes &&
             !has_empty_line(rest().substr(0, std::min(total, avail()))) &&
             fill(std::min(total, 2 * avail()))) {
      }
      std::string_view window = rest().substr(0, std::min(total, avail()));
      Result<HttpHead> h = parse_http_head(window);
      if (h && h->size < window.size()) {
        http_head = std::move(*h);
        head_text = window.substr(0, http_head->size);
        pos += http_head->size;
      } else if (h && h->size == total && (window.ends_with("\n\n") || window.ends_with("\n\r\n"))) {
        http_head = std::move(*h);  // a head and no payload (e.g. a revisit)
        head_text = window;
        pos += http_head->size;
      }
    }
    const size_t head_bytes = http_head ? http_head->size : 0;
    const size_t n = total - head_bytes;
    out.body.resize(n);
    size_t got = std::min(n, avail());
    std::memcpy(out.body.data(), buf.data() + pos, got);
    pos += got;
    bool crossed = false;   // the block spans gzip members
    bool advanced = false;  // a new gzip member was begun while reading the block
    while (got < n) {
      if (avail() == 0 && s.state() == Stream::State::kData) {
        drop_buffer();
        got += s.read(out.body.data() + got, n - got);
        continue;
      }
      if (avail() > 0) {
        size_t take = std::min(n - got, avail());
        std::memcpy(out.body.data() + got, buf.data() + pos, take);
        pos += take;
        got += take;
        continue;
      }
      if (s.state() == Stream::State::kError) {
        out.body.clear();
        if (stream_failure(out, error, true)) return true;
        break;
      }
      // The member (or file) ended inside the block.
      bool next_is_record = true;
      if (s.state() == Stream::State::kMemberEnd && s.next_member()) {
        advanced = true;
        fill(16);
        next_is_record = record_start(rest()) == 1;
        if (!next_is_record) {
          crossed = true;
          continue;
        }
      } else if (s.state() == Stream::State::kError) {
        out.body.clear();
        if (stream_failure(out, error, true)) return true;
        break;
      }
      // Content-Length is longer than the record: the record stops at the member end, or the
      // file end. The data read past the record may hold the next records.
      error = Error{ErrorCode::kBadInput,
                    where(out) + ": truncated record (Content-Length " + std::to_string(total) + ", " +
                        (s.gzip() && record_at_member_start ? s.unit() : "file") + " ends after " +
                        std::to_string(got + head_bytes) + " bytes)"};
      out.body.resize(got);
      if (!crossed && !advanced) {
        std::string joined = head_text + out.body;
        size_t k = find_record_start(joined);
        if (k != std::string::npos) {
          buf = joined.substr(k) + std::string(rest());
          pos = 0;
        }
      }
      out.body.clear();
      return true;
    }
    if (got < n) {
      if (error) return true;
      continue;
    }

    // 5. The record ends with CRLF CRLF. Tolerated: other line ends before the next record or
    // the end of the member.
    fill(16);
    size_t ends = 0;
    while (ends < avail() && (buf[pos + ends] == '\r' || buf[pos + ends] == '\n')) ++ends;
    bool member_over = avail() == ends && s.state() != Stream::State::kData;
    bool crlf2 = rest().substr(0, 4) == "\r\n\r\n";
    if (!crlf2 && !member_over && !(ends > 0 && record_start(rest().substr(ends)) == 1)) {
      error = Error{ErrorCode::kBadInput, where(out) + ": Content-Length " + std::to_string(total) +
                                               " does not end the record (no CRLF CRLF after the block)"};
      bool look_back = !crossed && !advanced && !(s.gzip() && align == Align::kYes);
      // Content-Length may be too long, the block holding the start of the next record.
      std::string joined = look_back ? head_text + out.body + std::string(rest()) : std::string();
      size_t k = look_back ? find_record_start(joined) : std::string::npos;
      if (k != std::string::npos) {
        buf = joined.substr(k);
        pos = 0;
      } else {
        resync_after_record();
      }
      out.body.clear();
      return true;
    }
    if (member_over && s.state() == Stream::State::kError) {
      // The gzip member that holds the record fails its check (CRC or length).
      out.body.clear();
      if (stream_failure(out, error, true)) return true;
      continue;
    }
    pos += crlf2 ? 4 : ends;
    if (s.gzip() && record_at_member_start && !crossed && !advanced && align != Align::kNo) {
      // What follows the record in its member tells how the file is laid out.
      while (avail() > 0 && (buf[pos] == '\r' || buf[pos] == '\n')) ++pos;
      fill(16);
      if (avail() == 0 && s.state() == Stream::State::kMemberEnd) align = Align::kYes;
      else if (record_start(rest()) == 1) align = Align::kNo;  // several records per member
      else if (avail() > 0) junk = true;  // reported by the next call
    }
    return finish_record(out, error, std::move(http_head), ctype_copy);
  }
}

// The block is in out.body: parses the HTTP response of response and revisit records.
bool WarcReader::Impl::finish_record(WarcRecord& out, std::optional<Error>& error,
                                     std::optional<HttpHead> head, std::string_view ctype) {
  if (!head) {
    bool http_type = util::ascii_iequals(ctype.substr(0, 16), "application/http");
    bool http = (util::ascii_iequals(out.type, "response") || util::ascii_iequals(out.type, "revisit")) &&
                (out.body.compare(0, 5, "HTTP/") == 0 || (http_type && !out.body.empty()));
    if (!http) {
      parse_media_type(ctype, out.content_type, out.charset);
      return true;
    }
    Result<HttpHead> parsed = parse_http_head(out.body);
    if (!parsed) {
      error = Error{ErrorCode::kBadInput, where(out) + ": " + parsed.error().message};
      out.body.clear();
      return true;
    }
    head = std::move(*parsed);
    out.body.erase(0, head->size);
  }
  out.http_status = head->status;
  out.content_type = std::move(head->content_type);
  out.charset = std::move(head->charset);
  if (head->chunked) out.body = decode_chunked(out.body);
  if (!head->content_encoding.empty()) {
    Result<std::string> decoded =
        decode_content(std::move(out.body), head->content_encoding, limits.max_record_bytes);
    if (!decoded) {
      error = Error{decoded.error().code, where(out) + ": " + decoded.error().message};
      out.body.clear();
      return true;
    }
    out.body = std::move(*decoded);
  }
  return true;
}

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcReader::~WarcReader() = default;

Result<std::unique_ptr<WarcReader>> WarcReader::open(const std::string& path, const WarcLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  if (auto e = impl->s.open(path)) return *e;
  return std::unique_ptr<WarcReader>(new WarcReader(std::move(impl)));
}

bool WarcReader::next(WarcRecord& out, std::optional<Error>& error) { return impl_->next(out, error); }

bool WarcReader::compressed() const { return impl_->s.gzip(); }
uint64_t WarcReader::inflate_ns() const { return impl_->s.inflate_ns(); }
uint64_t WarcReader::bytes_read() const { return impl_->s.in_offset(); }

}  // namespace gazette::io
