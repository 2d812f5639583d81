// Reading pages from the file system: whole files, gzip-compressed files, directory walks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gazette/gazette.h"

namespace gazette::io {

// Reads a file whole; a name ending in ".gz" is decompressed. Fails with kIo (cannot open or
// read), kBadInput (corrupt gzip) or kTooLarge (more than `max_bytes` after decompression).
Result<std::string> read_page(const std::string& path, size_t max_bytes);

// Decompresses gzip (one or more members) or zlib data. Fails with kBadInput or kTooLarge.
Result<std::string> gunzip(std::string_view data, size_t max_bytes);

// True for the page file names Gazette picks up in a directory: .html, .htm, .xhtml, .txt
// (scraped text), and each of them followed by .gz.
bool is_page_name(std::string_view name);

// Lists page files under `dir` recursively in a stable (sorted) order. Symbolic links to
// directories are not followed, so loops cannot occur. Unreadable entries are reported
// through `errors` as (path, reason) and skipped.
std::vector<std::string> list_pages(const std::string& dir,
                                    std::vector<std::pair<std::string, std::string>>& errors);

}  // namespace gazette::io
