// Gazette: clean, structured articles from news pages.
//
//   #include <gazette/gazette.h>
//   #include <iostream>
//
//   int main() {
//     gazette::Extractor extractor;               // reuse one per thread
//     gazette::Options options;
//     options.url = "https://example.com/news/1.html";
//     gazette::Result<gazette::Article> r = extractor.extract(
//         "<html><head><title>Hello - Example</title></head><body><article><h1>Hello</h1>"
//         "<p>The first paragraph of a story, long enough to count as an article.</p>"
//         "</article></body></html>", options);
//     if (!r) {
//       std::cerr << "gazette: " << r.error().message << "\n";
//       return 1;
//     }
//     std::cout << r->title << "\n\n" << gazette::render_body(*r, gazette::Format::kText) << "\n";
//   }
//
// Everything in this header is the public API; the rest of libgazette is internal.
// Thread safety: an Extractor is not thread-safe; use one per thread. Free functions are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gazette {

// Error codes, stable: they are part of the output contract.
enum class ErrorCode {
  kIo = 1,          // the input could not be read (missing file, permission, read error)
  kTooLarge = 2,    // the input exceeds Options::max_input_bytes
  kNoContent = 3,   // the page was read but holds no article text
  kBadInput = 4,    // the input is not something Gazette can read (e.g. a corrupt .gz)
};

struct Error {
  ErrorCode code;
  std::string message;  // human-readable, lowercase, no trailing period
};

// Either a value or an Error, in the manner of absl::StatusOr / simdjson's simdjson_result.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}       // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// One structural unit of the article body, in reading order.
struct Block {
  enum class Kind : uint8_t {
    kParagraph,
    kHeading,    // level 1..6
    kListItem,   // level = nesting depth (1 = top); ordered tells "1." from "-"
    kQuote,      // a paragraph inside a blockquote
    kTableRow,   // cells separated by '\t'
    kCode,       // preformatted text, kept verbatim
  };
  Kind kind = Kind::kParagraph;
  uint8_t level = 0;
  bool ordered = false;
  std::string text;  // whitespace-normalised except for kCode; may contain '\n' from <br>
};

struct Dateline {
  std::string place;
  std::string agency;
};

// An extracted article. Empty strings mean "not found".
struct Article {
  std::string source;        // the path or URL as given
  std::string url;           // canonical URL, og:url, else the given URL
  std::string title;
  std::string title_display;   // an all-capitals headline in sentence case, proper nouns kept
  std::vector<std::string> authors;
  std::string date_published;  // ISO 8601; date only, or with time and offset when stated
  std::string date_published_raw;  // the published date as the source writes it (scraped text)
  std::string date_modified;
  std::string date_modified_raw;
  Dateline dateline;          // "PARIS (AFP) -": place and agency; both empty when none
  std::string site_name;
  std::string language;      // BCP 47 tag as the page states it, else detected ("en")
  std::string description;
  std::string image;
  std::string warc_record_id;  // for a page read from a WARC archive: WARC-Record-ID
  std::string warc_date;       // and WARC-Date
  std::vector<Block> blocks;  // the body
  std::string body;           // blocks rendered as text (render_body(kText))
};

enum class Format { kText, kMarkdown };

// What the input bytes are.
enum class InputFormat {
  kHtml,  // a web page
  kText,  // a scraper's plain-text dump of a page: site line, headline, date, body
};

// Which HTML parser to use.
enum class Parser {
  kGazette,  // Gazette's own HTML5 parser (the default)
  kGumbo,    // gumbo, the reference implementation
};

struct Options {
  std::string url;               // the page's URL, when known (fills Article::url, resolves links)
  std::string charset;           // transport charset (HTTP Content-Type), when known
  Parser parser = Parser::kGazette;
  InputFormat input_format = InputFormat::kHtml;
  // The instant relative dates ("2 hours ago", "il y a 3 heures", "gestern") are resolved
  // against, ISO 8601 with time and offset (a WARC-Date, an HTTP Date). Empty: relative dates
  // are not dates, so that saved pages give the same record whenever they are read.
  std::string reference_time;
  size_t max_input_bytes = 64u << 20;
};

// Time spent per stage, accumulated over all calls of one Extractor: the calling thread's CPU
// time, i.e. the cost on one core whatever else runs on the machine.
struct StageTimes {
  uint64_t decode_ns = 0, parse_ns = 0, extract_ns = 0, metadata_ns = 0;
  uint64_t pages = 0, bytes = 0;
};

class Extractor {
 public:
  Extractor();
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Extracts the article from raw page bytes in any encoding. Errors: kTooLarge, kNoContent.
  Result<Article> extract(std::string_view page_bytes, const Options& options = {});

  const StageTimes& times() const { return times_; }

 private:
  struct Impl;
  Impl* impl_;
  StageTimes times_;
};

// The body as plain text (blocks separated by a blank line, list items and table rows by a
// newline) or as Markdown.
std::string render_body(const Article& article, Format format);

// The article as one line of JSON (no trailing newline), body rendered in `format`.
// Field names are documented in README.md and stable.
std::string to_json(const Article& article, Format format);
// {"source": ..., "error": ...} for a page that gave no article.
std::string error_json(std::string_view source, const Error& error);

}  // namespace gazette
