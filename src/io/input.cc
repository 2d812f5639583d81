#include "io/input.h"
#include "util/ascii.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

namespace gazette::io {
namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char a, char b) {
           return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
         });
}

}  // namespace

Result<std::string> gunzip(std::string_view data, size_t max_bytes) {
  std::string out;
  z_stream zs{};
  // 15 + 32: accept both gzip and zlib headers.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Error{ErrorCode::kBadInput, "cannot start inflate"};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&zs);
      return Error{ErrorCode::kTooLarge, "page exceeds " + util::size_text(max_bytes)};
    }
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members: go on with the next one.
      if (zs.avail_in > 0 && inflateReset(&zs) == Z_OK) continue;
      break;
    }
    if (rc != Z_OK) {
      inflateEnd(&zs);
      return Error{ErrorCode::kBadInput,
                   std::string("corrupt gzip data") + (zs.msg ? std::string(": ") + zs.msg : "")};
    }
    if (zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Error{ErrorCode::kBadInput, "truncated gzip data"};
    }
  }
  inflateEnd(&zs);
  return out;
}

Result<std::string> read_page(const std::string& path, size_t max_bytes) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return Error{ErrorCode::kIo, std::strerror(errno)};
  bool gz = ends_with(path, ".gz");
  // The compressed size is bounded by the same limit: gzip never expands data.
  size_t limit = max_bytes;
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    data.append(buf, n);
    if (data.size() > limit) return Error{ErrorCode::kTooLarge, "page exceeds " + util::size_text(max_bytes)};
  }
  if (std::ferror(f.get())) return Error{ErrorCode::kIo, std::strerror(errno ? errno : EIO)};
  if (std::fclose(f.release()) != 0) return Error{ErrorCode::kIo, std::strerror(errno)};
  if (gz) return gunzip(data, max_bytes);
  return data;
}

bool is_page_name(std::string_view name) {
  if (ends_with(name, ".gz")) name.remove_suffix(3);
  return ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml") ||
         ends_with(name, ".txt");
}

std::vector<std::string> list_pages(const std::string& dir,
                                    std::vector<std::pair<std::string, std::string>>& errors) {
  std::vector<std::string> pages;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    errors.emplace_back(dir, ec.message());
    return pages;
  }
  for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      // The iterator is at its end after an error it cannot step over.
      errors.emplace_back(dir, ec.message());
      break;
    }
    std::error_code sec;
    // is_regular_file follows symlinks to files; directory symlinks are not descended into.
    if (it->is_regular_file(sec) && is_page_name(it->path().filename().string()))
      pages.push_back(it->path().string());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

}  // namespace gazette::io
