#include "io/inflate.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

#if defined(GAZETTE_HAVE_ISAL) && __has_include(<isa-l/igzip_lib.h>)
#include <isa-l/igzip_lib.h>
#define GAZETTE_USE_ISAL 1
#else
#define GAZETTE_USE_ISAL 0
#endif

namespace gazette::io {

// Both libraries count in 32 bits: feed them at most this much per call.
constexpr size_t kMaxStep = size_t{1} << 30;

#if GAZETTE_USE_ISAL

struct Inflater::Impl {
  Wrapper wrapper;
  inflate_state st;
  void start() {
    isal_inflate_init(&st);
    st.crc_flag = wrapper == Wrapper::kGzip   ? ISAL_GZIP
                  : wrapper == Wrapper::kZlib ? ISAL_ZLIB
                                              : ISAL_DEFLATE;
  }
};

Inflater::Inflater(Wrapper wrapper) : impl_(new Impl) {
  impl_->wrapper = wrapper;
  impl_->start();
}
Inflater::~Inflater() = default;
void Inflater::reset() { impl_->start(); }
const char* Inflater::backend() { return "isa-l"; }

Inflater::Status Inflater::run(const uint8_t*& in, size_t& in_len, uint8_t*& out, size_t& out_len) {
  inflate_state& st = impl_->st;
  if (st.block_state == ISAL_BLOCK_FINISH) return Status::kEnd;
  while (true) {
    uint32_t in_step = static_cast<uint32_t>(std::min(in_len, kMaxStep));
    uint32_t out_step = static_cast<uint32_t>(std::min(out_len, kMaxStep));
    st.next_in = const_cast<uint8_t*>(in);
    st.avail_in = in_step;
    st.next_out = out;
    st.avail_out = out_step;
    int rc = isal_inflate(&st);
    size_t used = in_step - st.avail_in, made = out_step - st.avail_out;
    in += used;
    in_len -= used;
    out += made;
    out_len -= made;
    if (rc < 0) {
      switch (rc) {
        case ISAL_INCORRECT_CHECKSUM: message_ = "incorrect data check"; break;
        case ISAL_INVALID_WRAPPER: message_ = "incorrect header"; break;
        case ISAL_UNSUPPORTED_METHOD: message_ = "unknown compression method"; break;
        case ISAL_INVALID_LOOKBACK: message_ = "invalid distance too far back"; break;
        default: message_ = "invalid deflate data"; break;
      }
      return Status::kError;
    }
    if (st.block_state == ISAL_BLOCK_FINISH) return Status::kEnd;
    // Go on while a 1 GiB step left input and output to spare.
    if (in_len == 0 || out_len == 0 || (used == 0 && made == 0)) return Status::kOk;
  }
}

#else  // zlib

struct Inflater::Impl {
  Wrapper wrapper;
  z_stream zs{};
  bool ended = false;
};

Inflater::Inflater(Wrapper wrapper) : impl_(new Impl) {
  impl_->wrapper = wrapper;
  int bits = wrapper == Wrapper::kGzip ? 16 + 15 : wrapper == Wrapper::kZlib ? 15 : -15;
  if (inflateInit2(&impl_->zs, bits) != Z_OK) impl_->ended = true;
}
Inflater::~Inflater() {
  if (!impl_->ended) inflateEnd(&impl_->zs);
}
void Inflater::reset() { inflateReset(&impl_->zs); }
const char* Inflater::backend() { return "zlib"; }

Inflater::Status Inflater::run(const uint8_t*& in, size_t& in_len, uint8_t*& out, size_t& out_len) {
  if (impl_->ended) {
    message_ = "cannot start inflate";
    return Status::kError;
  }
  z_stream& zs = impl_->zs;
  while (true) {
    uInt in_step = static_cast<uInt>(std::min(in_len, kMaxStep));
    uInt out_step = static_cast<uInt>(std::min(out_len, kMaxStep));
    zs.next_in = const_cast<Bytef*>(in);
    zs.avail_in = in_step;
    zs.next_out = out;
    zs.avail_out = out_step;
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t used = in_step - zs.avail_in, made = out_step - zs.avail_out;
    in += used;
    in_len -= used;
    out += made;
    out_len -= made;
    if (rc == Z_STREAM_END) return Status::kEnd;
    if (rc == Z_BUF_ERROR) return Status::kOk;  // no progress possible: needs input or space
    if (rc != Z_OK) {
      message_ = zs.msg ? zs.msg : (rc == Z_NEED_DICT ? "needs a preset dictionary" : "invalid data");
      return Status::kError;
    }
    if (in_len == 0 || out_len == 0) return Status::kOk;
  }
}

#endif

InflateOutcome inflate_buffer(std::string_view in, Wrapper wrapper, size_t max_out,
                              std::string& out, std::string* message) {
  Inflater inf(wrapper);
  const uint8_t* p = reinterpret_cast<const uint8_t*>(in.data());
  size_t left = in.size();
  const size_t start = out.size();
  // Output space grows geometrically from a guess of 4x the input, up to max_out.
  size_t cap = std::min(max_out, std::max<size_t>(in.size() * 4, 1 << 16));
  auto more_members = [&] {
    return wrapper == Wrapper::kGzip && left >= 2 && p[0] == 0x1f && p[1] == 0x8b;
  };
  while (true) {
    Inflater::Status s;
    if (out.size() - start >= cap && cap == max_out) {
      // Full: is there more to come? Ask for one byte more than allowed.
      uint8_t probe;
      uint8_t* q = &probe;
      size_t one = 1;
      s = inf.run(p, left, q, one);
      if (one == 0) return InflateOutcome::kTooLarge;
      if (s == Inflater::Status::kOk) return InflateOutcome::kTruncated;  // wants more input
    } else {
      if (out.size() - start >= cap) cap = std::min(max_out, cap * 2);
      size_t cur = out.size();
      out.resize(start + cap);
      uint8_t* o = reinterpret_cast<uint8_t*>(out.data()) + cur;
      size_t space = out.size() - cur;
      s = inf.run(p, left, o, space);
      out.resize(out.size() - space);
      if (s == Inflater::Status::kOk && left == 0 && space > 0) return InflateOutcome::kTruncated;
    }
    if (s == Inflater::Status::kError) {
      if (message) *message = inf.message();
      return InflateOutcome::kCorrupt;
    }
    if (s == Inflater::Status::kEnd) {
      // Concatenated gzip members; anything else after the end is ignored, as browsers do.
      if (!more_members()) return InflateOutcome::kOk;
      inf.reset();
    }
  }
}

}  // namespace gazette::io
