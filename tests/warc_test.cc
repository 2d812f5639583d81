// WARC and HTTP reading. The WARC files are made by the tests themselves, in a temporary folder.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "io/http.h"
#include "io/inflate.h"
#include "io/warc.h"

namespace {

namespace fs = std::filesystem;
using gazette::ErrorCode;
using gazette::io::WarcLimits;
using gazette::io::WarcReader;
using gazette::io::WarcRecord;

// zlib-compressed `data`; gzip when `gzip`, raw deflate when `raw`.
std::string compress(std::string_view data, bool gzip = true, bool raw = false, int level = 6) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, raw ? -15 : gzip ? 16 + 15 : 15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string gz(std::string_view data) { return compress(data); }

// A WARC record; Content-Length is the block's size unless `length` is given.
std::string record(const std::string& type, const std::string& block,
                   const std::vector<std::string>& extra = {}, std::optional<std::string> length = {},
                   const std::string& version = "WARC/1.0") {
  static int n = 0;
  std::string r = version + "\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" +
                  std::to_string(++n) + ">\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n";
  for (const auto& h : extra) r += h + "\r\n";
  r += "Content-Length: " + (length ? *length : std::to_string(block.size())) + "\r\n\r\n";
  return r + block + "\r\n\r\n";
}

std::string http_response(const std::string& payload, const std::string& ctype = "text/html; charset=UTF-8",
                          const std::string& status = "200 OK", const std::string& extra = "") {
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + ctype + "\r\n" + extra +
         "Content-Length: " + std::to_string(payload.size()) + "\r\n\r\n" + payload;
}

std::string response(const std::string& uri, const std::string& payload,
                     const std::string& ctype = "text/html; charset=UTF-8") {
  return record("response", http_response(payload, ctype),
                {"WARC-Target-URI: " + uri, "Content-Type: application/http; msgtype=response"});
}

class TempFile {
 public:
  explicit TempFile(const std::string& data, const std::string& suffix = ".warc") {
    static int n = 0;
    path_ = (fs::temp_directory_path() /
             ("gazette_warc_test_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + suffix))
                .string();
    std::ofstream(path_, std::ios::binary) << data;
  }
  ~TempFile() { fs::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Item {
  std::optional<WarcRecord> rec;
  std::optional<gazette::Error> err;
};

std::vector<Item> read_all(const std::string& data, WarcLimits limits = {}) {
  TempFile f(data);
  auto r = WarcReader::open(f.path(), limits);
  EXPECT_TRUE(r.ok());
  std::vector<Item> items;
  if (!r) return items;
  WarcRecord rec;
  std::optional<gazette::Error> err;
  while ((*r)->next(rec, err)) {
    if (err) items.push_back({std::nullopt, err});
    else items.push_back({rec, std::nullopt});
    if (items.size() > 1000) break;  // a reader that loops
  }
  EXPECT_FALSE(err.has_value());
  return items;
}

// "type" per record, "!code" per error, e.g. "warcinfo response !4 response".
std::string summary(const std::vector<Item>& items) {
  std::string s;
  for (const auto& it : items) {
    if (!s.empty()) s += ' ';
    if (it.err) s += "!" + std::to_string(static_cast<int>(it.err->code));
    else s += it.rec->type;
  }
  return s;
}

std::string each_gzipped(const std::vector<std::string>& records) {
  std::string out;
  for (const auto& r : records) out += gz(r);
  return out;
}

std::string joined(const std::vector<std::string>& records) {
  std::string out;
  for (const auto& r : records) out += r;
  return out;
}

const std::string kPage = "<html><head><title>T</title></head><body><p>caf\xc3\xa9</p></body></html>";

std::vector<std::string> sample_records() {
  return {
      record("warcinfo", "software: test\r\nformat: WARC File Format 1.0\r\n",
             {"Content-Type: application/warc-fields"}),
      record("request", "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
             {"WARC-Target-URI: http://example.com/", "Content-Type: application/http; msgtype=request"}),
      response("http://example.com/", kPage),
      record("metadata", "via: http://example.com/\r\n",
             {"WARC-Target-URI: http://example.com/", "Content-Type: application/warc-fields"}),
      record("revisit", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
             {"WARC-Target-URI: http://example.com/again", "Content-Type: application/http; msgtype=response",
              "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"}),
      record("resource", "plain text", {"WARC-Target-URI: file:///a.txt", "Content-Type: text/plain; charset=latin1"}),
      response("http://example.com/b", "<p>second</p>", "text/html"),
  };
}

void expect_sample(const std::vector<Item>& items) {
  ASSERT_EQ(summary(items), "warcinfo request response metadata revisit resource response");
  const WarcRecord& info = *items[0].rec;
  EXPECT_EQ(info.content_type, "application/warc-fields");
  EXPECT_EQ(info.body, "software: test\r\nformat: WARC File Format 1.0\r\n");
  EXPECT_EQ(info.date, "2024-01-02T03:04:05Z");
  EXPECT_EQ(info.offset, 0u);
  EXPECT_EQ(info.stream_offset, 0u);
  const WarcRecord& resp = *items[2].rec;
  EXPECT_EQ(resp.target_uri, "http://example.com/");
  EXPECT_EQ(resp.http_status, 200);
  EXPECT_EQ(resp.content_type, "text/html");
  EXPECT_EQ(resp.charset, "UTF-8");
  EXPECT_EQ(resp.body, kPage);
  EXPECT_EQ(resp.record_id.rfind("<urn:uuid:", 0), 0u);
  EXPECT_GT(resp.stream_offset, items[1].rec->stream_offset);
  const WarcRecord& revisit = *items[4].rec;
  EXPECT_EQ(revisit.http_status, 200);
  EXPECT_EQ(revisit.content_type, "text/html");
  EXPECT_EQ(revisit.body, "");
  const WarcRecord& res = *items[5].rec;
  EXPECT_EQ(res.content_type, "text/plain");
  EXPECT_EQ(res.charset, "latin1");
  EXPECT_EQ(res.body, "plain text");
  EXPECT_EQ(items[6].rec->charset, "");
  EXPECT_EQ(items[6].rec->body, "<p>second</p>");
}

// One zstd frame of `data`, with `dict` as its dictionary when given.
std::string zst(std::string_view data, std::string_view dict = {}) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  ZSTD_CCtx* c = ZSTD_createCCtx();
  size_t n = ZSTD_compress_usingDict(c, out.data(), out.size(), data.data(), data.size(),
                                     dict.data(), dict.size(), 3);
  ZSTD_freeCCtx(c);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A skippable frame with `magic` (0x184D2A50..5F) holding `content`.
std::string skippable(uint32_t magic, std::string_view content) {
  std::string out;
  for (uint32_t v : {magic, static_cast<uint32_t>(content.size())})
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(content);
  return out;
}

// A raw-content dictionary: zstd accepts any bytes as one, and frames made with it need it.
const std::string kDictionary = [] {
  std::string d;
  for (int i = 0; i < 40; ++i)
    d += "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
         "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n<html><head><title>";
  return d;
}();

TEST(Warc, ReadsPlainFile) {
  auto recs = sample_records();
  auto items = read_all(joined(recs));
  expect_sample(items);
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[1].rec->offset, recs[0].size());
  EXPECT_EQ(items[1].rec->stream_offset, recs[0].size());
}

TEST(Warc, ReadsPerRecordGzip) {
  auto recs = sample_records();
  auto items = read_all(each_gzipped(recs));
  expect_sample(items);
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[1].rec->offset, gz(recs[0]).size());  // the offset of its gzip member
  EXPECT_EQ(items[1].rec->stream_offset, recs[0].size());
}

TEST(Warc, ReadsWholeFileGzip) {
  auto items = read_all(gz(joined(sample_records())));
  expect_sample(items);
}

TEST(Warc, ReadsMembersThatSplitRecords) {
  // Gzip members cut at arbitrary points, records spanning several members.
  std::string plain = joined(sample_records());
  std::string data;
  for (size_t i = 0; i < plain.size(); i += 37) data += gz(plain.substr(i, 37));
  expect_sample(read_all(data));
}

TEST(Warc, ReadsPerRecordZstd) {
  auto recs = sample_records();
  std::string data;
  for (const auto& r : recs) data += zst(r);
  auto items = read_all(data);
  expect_sample(items);
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[1].rec->offset, zst(recs[0]).size());  // the offset of its frame
  EXPECT_EQ(items[1].rec->stream_offset, recs[0].size());
  // A whole-file zstd stream, and skippable frames between records.
  expect_sample(read_all(zst(joined(recs))));
  std::string with_skips;
  for (const auto& r : recs) with_skips += zst(r) + skippable(0x184D2A51, "x");
  expect_sample(read_all(with_skips));
  items = read_all(skippable(0x184D2A50, "note") + with_skips);
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[0].rec->offset, 12u);  // after the 8-byte header and 4 bytes of the note
}

TEST(Warc, ReadsZstdWithDictionary) {
  auto recs = sample_records();
  // The IIPC convention: a first skippable frame 0x184D2A5D holds the dictionary, raw or itself
  // zstd-compressed; every record's frame needs it.
  for (bool compressed_dict : {false, true}) {
    std::string data =
        skippable(0x184D2A5D, compressed_dict ? zst(kDictionary) : kDictionary);
    size_t first = data.size();
    for (const auto& r : recs) data += zst(r, kDictionary);
    auto items = read_all(data);
    ASSERT_EQ(summary(items), "warcinfo request response metadata revisit resource response");
    EXPECT_EQ(items[0].rec->offset, first);  // the first frame's offset, after the dictionary
    EXPECT_EQ(items[2].rec->body, kPage);
    EXPECT_EQ(items[6].rec->body, "<p>second</p>");
  }
  // Without the dictionary the frames do not decode: an error per record, no crash.
  std::string no_dict;
  for (const auto& r : recs) no_dict += zst(r, kDictionary);
  TempFile f(no_dict, ".warc.zst");
  auto r = WarcReader::open(f.path(), {});
  ASSERT_TRUE(r.ok());
  WarcRecord rec;
  std::optional<gazette::Error> err;
  size_t errors = 0, records = 0;
  while ((*r)->next(rec, err) && errors + records < 100) (err ? errors : records)++;
  EXPECT_GT(errors, 0u);
  EXPECT_EQ(records, 0u);
}

TEST(Warc, CorruptOrCutZstdFrameThenGoodOne) {
  std::string good = zst(response("http://good.test/", "<p>good</p>"));
  std::string bad = zst(response("http://bad.test/", std::string(4000, 'b') + "<p>lorem ipsum</p>"));
  std::string corrupt = bad;
  for (size_t i = 12; i < 30 && i < corrupt.size(); ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  auto items = read_all(good + corrupt + good);
  ASSERT_EQ(summary(items), "response !4 response");
  EXPECT_NE(items[1].err->message.find("zstd frame at offset " + std::to_string(good.size())),
            std::string::npos)
      << items[1].err->message;
  std::string cut = bad.substr(0, bad.size() / 2);
  items = read_all(good + cut + good + good);
  ASSERT_GE(items.size(), 3u);
  EXPECT_EQ(items.front().rec->body, "<p>good</p>");
  EXPECT_TRUE(items.back().rec.has_value());
  EXPECT_EQ(items.back().rec->body, "<p>good</p>");
  EXPECT_EQ(summary(read_all(good + cut)), "response !4");
  EXPECT_EQ(summary(read_all(good + "garbage!" + good)), "response !4 response");
  // A truncated dictionary frame: the file cannot be read.
  TempFile f(skippable(0x184D2A5D, kDictionary).substr(0, 100), ".warc.zst");
  EXPECT_FALSE(WarcReader::open(f.path(), {}).ok());
}

TEST(Warc, ReadsWarc11AndLfLineEnds) {
  std::string r11 = record("response", http_response("<p>x</p>"), {"WARC-Target-URI: <http://a.test/>"}, {},
                           "WARC/1.1");
  std::string lf = "WARC/1.0\nWARC-Type: warcinfo\nContent-Length: 3\n\nabc\n\n";
  auto items = read_all(r11 + lf + "\r\n" + r11);
  ASSERT_EQ(summary(items), "response warcinfo response");
  EXPECT_EQ(items[0].rec->target_uri, "http://a.test/");
  EXPECT_EQ(items[0].rec->body, "<p>x</p>");
  EXPECT_EQ(items[1].rec->body, "abc");
}

TEST(Warc, UndoesChunkedAndGzipContentEncoding) {
  std::string page = "<html><body>" + std::string(5000, 'x') + "</body></html>";
  std::string coded = gz(page);
  std::string chunked;
  for (size_t i = 0; i < coded.size(); i += 1000) {
    std::string part = coded.substr(i, 1000);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", part.size());
    chunked += std::string(size) + (i == 0 ? ";ext=1" : "") + "\r\n" + part + "\r\n";
  }
  chunked += "0\r\nX-Trailer: 1\r\n\r\n";
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html;charset=\"windows-1252\"\r\n"
                     "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked;
  auto items = read_all(each_gzipped({record("response", http, {"WARC-Target-URI: http://a.test/"})}));
  ASSERT_EQ(summary(items), "response");
  EXPECT_EQ(items[0].rec->body, page);
  EXPECT_EQ(items[0].rec->charset, "windows-1252");
}

TEST(Warc, ReportsStatusAndNonHtmlTypes) {
  auto items = read_all(joined({
      record("response", http_response("not here", "text/html", "404 Not Found")),
      record("response", http_response("\x89PNG", "IMAGE/PNG")),
      record("response", http_response("{}", "application/json; charset=utf-8", "301 Moved Permanently")),
      record("response", "HTTP/1.0 500\r\n\r\n"),
  }));
  ASSERT_EQ(summary(items), "response response response response");
  EXPECT_EQ(items[0].rec->http_status, 404);
  EXPECT_EQ(items[1].rec->http_status, 200);
  EXPECT_EQ(items[1].rec->content_type, "image/png");
  EXPECT_EQ(items[1].rec->body, "\x89PNG");
  EXPECT_EQ(items[2].rec->http_status, 301);
  EXPECT_EQ(items[2].rec->content_type, "application/json");
  EXPECT_EQ(items[2].rec->charset, "utf-8");
  EXPECT_EQ(items[3].rec->http_status, 500);
  EXPECT_EQ(items[3].rec->content_type, "");
  EXPECT_EQ(items[3].rec->body, "");
}

TEST(Warc, EmptyFileHasNoRecords) {
  EXPECT_EQ(summary(read_all("")), "");
  EXPECT_EQ(summary(read_all(gz(""))), "");
}

TEST(Warc, MissingFileFailsToOpen) {
  auto r = WarcReader::open("/nonexistent/dir/x.warc.gz", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
}

TEST(Warc, NotAWarcGivesOneError) {
  auto items = read_all("<html>hello</html>\n");
  EXPECT_EQ(summary(items), "!4");
  EXPECT_NE(items[0].err->message.find("not a WARC record"), std::string::npos);
  // Junk before a good record: one error, then the record.
  EXPECT_EQ(summary(read_all("junk\r\n" + response("http://a.test/", "<p>a</p>"))), "!4 response");
}

TEST(Warc, TruncatedRecordThenGoodOne) {
  std::string good = response("http://good.test/", "<p>good</p>");
  std::string bad = response("http://bad.test/", std::string(500, 'b'));
  std::string cut = bad.substr(0, 300);
  // Plain: the cut record's Content-Length runs into the good one.
  auto items = read_all(cut + good);
  ASSERT_EQ(summary(items), "!4 response");
  EXPECT_NE(items[0].err->message.find("record at offset 0"), std::string::npos) << items[0].err->message;
  EXPECT_EQ(items[1].rec->target_uri, "http://good.test/");
  EXPECT_EQ(items[1].rec->body, "<p>good</p>");
  // Per-record gzip: the member holds a cut record.
  items = read_all(gz(cut) + gz(good));
  ASSERT_EQ(summary(items), "!4 response");
  EXPECT_EQ(items[1].rec->body, "<p>good</p>");
  // Whole-file gzip.
  EXPECT_EQ(summary(read_all(gz(cut + good))), "!4 response");
  // Truncated at the end of the file.
  EXPECT_EQ(summary(read_all(good + cut)), "response !4");
  EXPECT_EQ(summary(read_all(gz(good) + gz(cut))), "response !4");
  // A cut header block.
  EXPECT_EQ(summary(read_all(good + "WARC/1.0\r\nWARC-Type: respo")), "response !4");
}

TEST(Warc, CorruptGzipMemberThenGoodOne) {
  std::string good = gz(response("http://good.test/", "<p>good</p>"));
  std::string bad = gz(response("http://bad.test/", std::string(4000, 'b') + "<p>lorem ipsum</p>"));
  std::string corrupt = bad;
  for (size_t i = 20; i < 40; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  auto items = read_all(good + corrupt + good);
  ASSERT_EQ(summary(items), "response !4 response");
  EXPECT_NE(items[1].err->message.find("offset " + std::to_string(good.size())), std::string::npos)
      << items[1].err->message;
  // A bad CRC.
  std::string crc = bad;
  crc[crc.size() - 6] = static_cast<char>(crc[crc.size() - 6] ^ 1);
  EXPECT_EQ(summary(read_all(crc + good)), "!4 response");
  // A gzip member cut short: the inflater runs into the next member.
  std::string cut = bad.substr(0, bad.size() / 2);
  items = read_all(good + cut + good + good);
  ASSERT_EQ(summary(items), "response !4 response response");
  EXPECT_EQ(items[2].rec->body, "<p>good</p>");
  // Cut short at the end of the file.
  EXPECT_EQ(summary(read_all(good + cut)), "response !4");
  // Garbage between members.
  EXPECT_EQ(summary(read_all(good + "garbage!" + good)), "response !4 response");
}

TEST(Warc, DamagedFirstGzipHeaderInGzName) {
  std::string good = gz(response("http://good.test/", "<p>good</p>"));
  TempFile f("XX" + good.substr(2) + good, ".warc.gz");
  auto r = WarcReader::open(f.path(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE((*r)->compressed());
  WarcRecord rec;
  std::optional<gazette::Error> err;
  ASSERT_TRUE((*r)->next(rec, err));
  ASSERT_TRUE(err.has_value());
  ASSERT_TRUE((*r)->next(rec, err));
  ASSERT_FALSE(err.has_value());
  EXPECT_EQ(rec.body, "<p>good</p>");
  EXPECT_EQ(rec.offset, good.size());
  EXPECT_FALSE((*r)->next(rec, err));
}

TEST(Warc, ContentLengthTooShort) {
  std::string good = response("http://good.test/", "<p>good</p>");
  std::string block = http_response(std::string(300, 's'));
  std::string shorter = record("response", block, {}, std::to_string(block.size() - 100));
  auto items = read_all(shorter + good);
  ASSERT_EQ(summary(items), "!4 response");
  EXPECT_NE(items[0].err->message.find("Content-Length"), std::string::npos);
  EXPECT_EQ(items[1].rec->body, "<p>good</p>");
  EXPECT_EQ(summary(read_all(gz(shorter) + gz(good))), "!4 response");
  EXPECT_EQ(summary(read_all(gz(good) + gz(shorter) + gz(good))), "response !4 response");
  EXPECT_EQ(summary(read_all(gz(shorter + good))), "!4 response");
}

TEST(Warc, ContentLengthTooLong) {
  std::string good = response("http://good.test/", "<p>good</p>");
  std::string block = http_response(std::string(300, 'l'));
  std::string longer = record("response", block, {}, std::to_string(block.size() + 100));
  auto items = read_all(longer + good + good);
  ASSERT_EQ(summary(items), "!4 response response");
  EXPECT_EQ(items[1].rec->body, "<p>good</p>");
  EXPECT_EQ(summary(read_all(gz(longer) + gz(good))), "!4 response");
  EXPECT_EQ(summary(read_all(gz(good) + gz(longer) + gz(good))), "response !4 response");
  EXPECT_EQ(summary(read_all(gz(longer + good + good))), "!4 response response");
  // Longer than the rest of the file.
  std::string much = record("response", block, {}, "100000");
  EXPECT_EQ(summary(read_all(good + much + good)), "response !4 response");
  EXPECT_EQ(summary(read_all(gz(good) + gz(much) + gz(good))), "response !4 response");
}

TEST(Warc, ContentLengthHugeOrInvalid) {
  std::string good = response("http://good.test/", "<p>good</p>");
  std::string block = http_response("<p>huge</p>");
  for (std::string len : {"9223372036854775808", "18446744073709551615"}) {
    std::string huge = record("response", block, {}, len);
    auto items = read_all(good + huge + good);
    ASSERT_EQ(summary(items), "response !2 response") << len;
    EXPECT_NE(items[1].err->message.find("exceeds the limit of 64 MiB"), std::string::npos);
    EXPECT_EQ(items[2].rec->body, "<p>good</p>");
    EXPECT_EQ(summary(read_all(each_gzipped({good, huge, good}))), "response !2 response") << len;
    EXPECT_EQ(summary(read_all(gz(good + huge + good))), "response !2 response") << len;
  }
  for (std::string len : {"99999999999999999999999", "-1", "12abc", ""}) {
    std::string bad = record("response", block, {}, len);
    EXPECT_EQ(summary(read_all(good + bad + good)), "response !4 response") << len;
    EXPECT_EQ(summary(read_all(each_gzipped({good, bad, good}))), "response !4 response") << len;
  }
  std::string none = "WARC/1.0\r\nWARC-Type: response\r\n\r\n" + block + "\r\n\r\n";
  EXPECT_EQ(summary(read_all(good + none + good)), "response !4 response");
}

TEST(Warc, GzipBombBeyondLimit) {
  WarcLimits limits;
  limits.max_record_bytes = 1 << 20;
  std::string good = response("http://good.test/", "<p>good</p>");
  // A record of 8 MiB of zeros compresses to a few kB.
  std::string block = http_response(std::string(8 << 20, '\0'));
  std::string bomb = gz(record("response", block));
  ASSERT_LT(bomb.size(), 20000u);
  auto items = read_all(gz(good) + bomb + gz(good), limits);
  ASSERT_EQ(summary(items), "response !2 response");
  EXPECT_NE(items[1].err->message.find("exceeds the limit of 1 MiB"), std::string::npos);
  // A good record, then megabytes of zeros in its member: the record, then an error.
  std::string liar = gz(record("response", http_response("<p>x</p>"), {}, {}) + std::string(8 << 20, '\0'));
  EXPECT_EQ(summary(read_all(gz(good) + liar + gz(good), limits)), "response response !4 response");
  EXPECT_EQ(summary(read_all(liar + gz(good), limits)), "response !4 response");
  // Content-Encoding: gzip that inflates past the limit.
  std::string coded = gz(std::string(8 << 20, 'a'));
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + coded;
  items = read_all(each_gzipped({good, record("response", http), good}), limits);
  ASSERT_EQ(summary(items), "response !2 response");
  EXPECT_NE(items[1].err->message.find("content-encoding gzip"), std::string::npos);
}

TEST(Warc, LargeRecordsAndTinyReads) {
  // Records larger than the reader's buffers, plain and gzipped.
  std::string big(3 << 20, 'x');
  for (size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  std::vector<std::string> recs = {response("http://a.test/", big), response("http://b.test/", "<p>b</p>"),
                                   response("http://c.test/", big)};
  for (const std::string& data : {joined(recs), each_gzipped(recs), gz(joined(recs))}) {
    auto items = read_all(data);
    ASSERT_EQ(summary(items), "response response response");
    EXPECT_EQ(items[0].rec->body, big);
    EXPECT_EQ(items[1].rec->body, "<p>b</p>");
    EXPECT_EQ(items[2].rec->body, big);
  }
}

TEST(Warc, HttpHeadsLongerThanTheReadBuffer) {
  // Heads of 20 KB and 300 KB (cookies, content security policies) before the payload, plain
  // and gzipped; and a block that is only a long head, without its empty line.
  std::string cookies, csp;
  for (int i = 0; i < 200; ++i) cookies += "Set-Cookie: c" + std::to_string(i) + "=" + std::string(90, 'v') + "\r\n";
  csp = "Content-Security-Policy: " + std::string(300 << 10, 's') + "\r\n";
  std::string payload = "<html><p>after a long head</p></html>";
  std::string no_end = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + cookies;
  std::vector<std::string> recs = {
      record("response", http_response(payload, "text/html; charset=ISO-8859-1", "200 OK", cookies)),
      record("response", http_response(payload, "text/html", "404 Not Found", csp)),
      record("response", no_end),
      response("http://d.test/", "<p>d</p>")};
  for (const std::string& data : {joined(recs), each_gzipped(recs), gz(joined(recs))}) {
    auto items = read_all(data);
    ASSERT_EQ(summary(items), "response response response response");
    EXPECT_EQ(items[0].rec->body, payload);
    EXPECT_EQ(items[0].rec->charset, "ISO-8859-1");
    EXPECT_EQ(items[0].rec->http_status, 200);
    EXPECT_EQ(items[1].rec->body, payload);
    EXPECT_EQ(items[1].rec->http_status, 404);
    EXPECT_EQ(items[2].rec->content_type, "text/plain");
    EXPECT_EQ(items[2].rec->body, "");
    EXPECT_EQ(items[3].rec->body, "<p>d</p>");
  }
}

TEST(Http, ParsesHead) {
  auto h = gazette::io::parse_http_head(
      "HTTP/1.1 203 Non-Authoritative\r\nContent-Type: Text/HTML ; Charset = 'ISO-8859-1' ; x=y\r\n"
      "X-Folded: a\r\n  b\r\nContent-Encoding: gzip\r\nTransfer-Encoding: gzip, chunked\r\n\r\nbody");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->status, 203);
  EXPECT_EQ(h->content_type, "text/html");
  EXPECT_EQ(h->charset, "ISO-8859-1");
  EXPECT_EQ(h->content_encoding, "gzip");
  EXPECT_TRUE(h->chunked);
  EXPECT_EQ(h->size, std::string_view(
      "HTTP/1.1 203 Non-Authoritative\r\nContent-Type: Text/HTML ; Charset = 'ISO-8859-1' ; x=y\r\n"
      "X-Folded: a\r\n  b\r\nContent-Encoding: gzip\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").size());
  auto lf = gazette::io::parse_http_head("HTTP/2 404\nContent-Type: text/plain\n\nx");
  ASSERT_TRUE(lf.ok());
  EXPECT_EQ(lf->status, 404);
  EXPECT_EQ(lf->size, std::string_view("HTTP/2 404\nContent-Type: text/plain\n\n").size());
  EXPECT_FALSE(gazette::io::parse_http_head("GET / HTTP/1.1\r\n\r\n").ok());
}

TEST(Http, DecodesChunked) {
  EXPECT_EQ(gazette::io::decode_chunked("5\r\nhello\r\n1;x=y\r\n \r\n6\r\nworld!\r\n0\r\n\r\n"), "hello world!");
  EXPECT_EQ(gazette::io::decode_chunked("A\r\n0123456789\r\n"), "0123456789");          // no last chunk
  EXPECT_EQ(gazette::io::decode_chunked("5\r\nhel"), "hel");                            // truncated
  EXPECT_EQ(gazette::io::decode_chunked("<html>not chunked"), "<html>not chunked");    // de-chunked already
  EXPECT_EQ(gazette::io::decode_chunked(""), "");
}

TEST(Http, DecodesContentEncodings) {
  std::string text = "Some text, some text, some text.";
  for (auto [coded, name] : std::vector<std::pair<std::string, std::string>>{
           {compress(text, true), "gzip"},
           {compress(text, true), "x-gzip"},
           {compress(text, false), "deflate"},
           {compress(text, false, true), "deflate"},
           {text, "identity"},
           {text, "gzip"},  // says gzip, is not: taken as decoded
       }) {
    auto r = gazette::io::decode_content(coded, name, 1 << 20);
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().message;
    EXPECT_EQ(*r, text) << name;
  }
  auto twice = gazette::io::decode_content(compress(compress(text, false), true), "deflate, gzip", 1 << 20);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(*twice, text);
  auto truncated = gazette::io::decode_content(compress(std::string(100000, 'q')).substr(0, 60), "gzip", 1 << 20);
  ASSERT_TRUE(truncated.ok());
  EXPECT_EQ(truncated->find_first_not_of('q'), std::string::npos);
  auto unknown = gazette::io::decode_content(text, "compress", 1 << 20);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kBadInput);
  std::string corrupt = compress(text + text + text);
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0xff);
  EXPECT_FALSE(gazette::io::decode_content(corrupt, "gzip", 1 << 20).ok());
  auto bomb = gazette::io::decode_content(compress(std::string(4 << 20, 'z')), "gzip", 1 << 20);
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.error().code, ErrorCode::kTooLarge);
  // Exactly at the limit is fine.
  auto exact = gazette::io::decode_content(compress(std::string(1 << 20, 'z')), "gzip", 1 << 20);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->size(), 1u << 20);
}

TEST(Http, InflaterHandlesConcatenatedMembers) {
  std::string out;
  auto r = gazette::io::inflate_buffer(gz("ab") + gz("") + gz("cd"), gazette::io::Wrapper::kGzip, 100, out);
  EXPECT_EQ(r, gazette::io::InflateOutcome::kOk);
  EXPECT_EQ(out, "abcd");
}

}  // namespace
