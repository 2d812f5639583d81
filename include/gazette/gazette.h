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
  kTooLarge = 2,    // the input exceeds Options::max_input_bytes, max_nodes or max_page_seconds
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

// Provenance (Options::explain): where a field's value came from, and what else was offered.
//
// Sources, by the exact names used in SourceCandidate::source and Options::prefer_sources:
//   json-ld           schema.org JSON-LD; key: the object's @type and property
//                     ("NewsArticle.headline", "NewsArticle.hasPart")
//   opengraph         Open Graph <meta property> (og:*, and its article:* namespace); key: the
//                     property
//   meta              other <meta> tags (description, twitter:*, dc.*, parsely-*, sailthru.*,
//                     content-language, ...); key: the name
//   microdata         itemprop attributes; key: the itemprop
//   time element      <time datetime>; key: where it stands ("pubdate", "in header", ...)
//   url               the page's URL as given (Options::url, a WARC record's target URI), and
//                     the date in its path
//   text              the visible text: byline and date elements, the text next to the
//                     headline, the body's opening dateline, a subscription notice ending the
//                     body; key: which
//   scraped-text line a line of a scraped-text input; key: which ("site line", "date line", ...)
//   rel=author        <a rel=author>
//   rel=canonical     <link rel=canonical>
//   title element     <title>: the headline without the site's name, the site name its suffix
//   h1, heading       the headline element (<h1>; another heading when the h1 is the site logo)
//   html lang         <html lang> (or xml:lang)
//   cld2              the language detected from the title and body
//   class name        a class or id that marks paywalled content ("paywall", "subscriber-only")
inline constexpr std::string_view kSourceNames[] = {
    "json-ld", "opengraph", "meta", "microdata", "time element", "url", "text",
    "scraped-text line", "rel=author", "rel=canonical", "title element", "h1", "heading",
    "html lang", "cld2", "class name"};

struct SourceCandidate {
  std::string source;  // one of kSourceNames
  std::string key;     // where in the source (see kSourceNames); may be empty
  // The value as the field would hold it (a date in ISO 8601, a URL made absolute). For
  // authors: the names joined by "; " (a name never contains ';'). A rejected candidate keeps
  // the text as the source writes it. For dateline: the dateline as the text writes it.
  std::string value;
  // Why it lost; empty for the winner. A valid candidate: "same value", "lower priority than
  // json-ld" (Gazette's order), "after opengraph in the preferred order" (Options::
  // prefer_sources), or the rule that passed it over ("only the site's name or a user handle",
  // "uncorroborated, and the date printed near the headline differs", ...). A rejected one:
  // what is wrong with it ("not a date", "not a language tag", "the site's name", "too short
  // for a headline", "not confirmed by <title> or a meta title", "a URL", "no name", ...).
  std::string reason;
};

struct FieldProvenance {
  std::string field;        // the record's field name: "title", "authors", "access", ...
  SourceCandidate winner;   // source empty when no source gave a value
  std::vector<SourceCandidate> losers;  // in the order they were considered
};

// An extracted article. Empty strings mean "not found".
struct Article {
  std::string source;        // the path or URL as given
  std::string url;           // canonical URL, og:url, else the given URL
  std::string title;
  std::string title_display;   // an all-capitals headline in sentence case, proper nouns kept
  std::vector<std::string> authors;
  std::string date_published;  // ISO 8601; date only, or with time and offset when stated
  std::string date_published_raw;  // the published date as its source writes it
  std::string date_modified;
  std::string date_modified_raw;
  Dateline dateline;          // "PARIS (AFP) -": place and agency; both empty when none
  std::string site_name;
  std::string language;      // BCP 47 tag as the page states it, else detected ("en")
  std::string description;
  std::string image;
  // "free", "paywalled" or "unknown": from JSON-LD isAccessibleForFree (on the article or on a
  // hasPart), the article:content_tier meta, paywall class names, and a subscription notice
  // ending the body. "unknown" when no signal; never "paywalled" without one.
  std::string access;
  std::string warc_record_id;  // for a page read from a WARC archive: WARC-Record-ID
  std::string warc_date;       // and WARC-Date
  std::vector<Block> blocks;  // the body
  std::string body;           // blocks rendered as text (render_body(kText))
  // With Options::explain: one entry per field, in record order (url, title, authors,
  // date_published, date_modified, dateline, site_name, language, description, image, access).
  std::vector<FieldProvenance> provenance;
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
  // Limits on one page (hostile input; docs/robustness.md). Past one, extract() fails with
  // kTooLarge ("page exceeds 4000000 DOM nodes", "page exceeds the time limit of 10 s"):
  //  - max_nodes: DOM nodes built by the parser (the Gazette parser); the 2,478 bench pages
  //    have at most 34,448, and the limit bounds extraction's work and memory whatever the
  //    markup. 0: none.
  //  - max_page_seconds: wall-clock time for one page from the start of parsing, checked
  //    while parsing (every 4096 tokens) and after metadata and extraction (both linear in
  //    the nodes); the slowest bench page takes 14 ms. 0: none.
  size_t max_nodes = 4'000'000;
  double max_page_seconds = 10;
  // Records, for each field, the source that supplied it and the candidates that lost, with a
  // reason (Article::provenance; to_json adds an "explain" object). Costs time: off by default.
  bool explain = false;
  // Source names (kSourceNames), most preferred first: a field takes its value from the first
  // of these sources that offers a valid one; sources not listed, and fields none of them
  // serves, keep Gazette's own choice. Empty: Gazette's own order. An unknown name makes
  // extract() fail with kBadInput; parse_source_order() validates a user's list.
  std::vector<std::string> prefer_sources;
};

// Parses a comma-separated list of source names ("json-ld, opengraph,meta") for
// Options::prefer_sources. Error kBadInput, naming the known sources, for an unknown or empty
// name; a name listed twice counts once, at its first place.
Result<std::vector<std::string>> parse_source_order(std::string_view list);

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
