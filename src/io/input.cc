#include "io/input.h"

#include "io/inflate.h"
#include "util/ascii.h"


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
  // ISA-L when built with it (io/inflate.h): page files of the bench inflate 2-3x faster than
  // with zlib. A zlib header instead of gzip's is accepted too, as zlib's auto-detection did.
  bool gzip = data.size() >= 2 && static_cast<uint8_t>(data[0]) == 0x1f &&
              static_cast<uint8_t>(data[1]) == 0x8b;
  std::string out, message;
  switch (inflate_buffer(data, gzip ? Wrapper::kGzip : Wrapper::kZlib, max_bytes, out, &message)) {
    case InflateOutcome::kOk:
      return out;
    case InflateOutcome::kTooLarge:
      return Error{ErrorCode::kTooLarge, "page exceeds " + util::size_text(max_bytes)};
    case InflateOutcome::kTruncated:
      return Error{ErrorCode::kBadInput, "truncated gzip data"};
    case InflateOutcome::kCorrupt:
      break;
  }
  return Error{ErrorCode::kBadInput,
               "corrupt gzip data" + (message.empty() ? std::string() : ": " + message)};
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
    if (!is_page_name(it->path().filename().string())) continue;
    std::error_code sec;
    // is_regular_file follows symlinks to files; directory symlinks are not descended into. A
    // page name whose target cannot be reached (a dangling link, a link loop) is reported, not
    // skipped silently.
    if (it->is_regular_file(sec))
      pages.push_back(it->path().string());
    else if (sec)
      errors.emplace_back(it->path().string(), sec.message());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

}  // namespace gazette::io
