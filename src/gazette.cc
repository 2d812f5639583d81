// The pipeline behind the public API: decode -> parse -> metadata -> extract -> finish.
#include "gazette/gazette.h"

#include <chrono>
#include <sstream>

#include <time.h>

#include "decode/decode.h"
#include "extract/extract.h"
#include "metadata/dateline.h"
#include "metadata/metadata.h"
#include "parse/dom.h"
#include "parse/parser.h"
#include "parse/streamed.h"
#include "text/scraped_text.h"
#include "util/cpu_time.h"
#include "util/word_list.h"

namespace gazette {

struct Extractor::Impl {
  dom::Document doc;       // reused: its arena keeps the memory of the largest page so far
  decode::Decoded decoded;
};

Extractor::Extractor() : impl_(new Impl) {}
Extractor::~Extractor() { delete impl_; }

namespace {
// Stage times: lap() gives the CPU time since the previous lap, so that one clock read
// stands between two stages (reading a thread's CPU clock is a system call, about 0.5 us, and
// a page has a dozen stage boundaries).
class Laps {
 public:
  uint64_t lap() {
    const uint64_t now = util::thread_cpu_ns();
    const uint64_t d = now - last_;
    last_ = now;
    return d;
  }

 private:
  uint64_t last_ = util::thread_cpu_ns();
};
// Forum and Q&A software puts threads under recognisable hosts and paths.
bool looks_like_discussion_url(std::string_view url) {
  static const util::WordList kMarks = {
      "://forum.", "://forums.", "://community.", "://discuss.", "://discussion.",
      "://answers.", "://boards.", "/forum/", "/forums/", "/threads/", "/thread/", "/t/",
      "/topic/", "/topics/", "/discussion/", "/questions/", "/showthread", "/viewtopic"};
  std::string lower(url);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return kMarks.in(lower);
}

}  // namespace

Result<Article> Extractor::extract(std::string_view page, const Options& options) {
  if (page.size() > options.max_input_bytes)
    return Error{ErrorCode::kTooLarge,
                 "page exceeds " + std::to_string(options.max_input_bytes >> 20) + " MiB"};
  // Explanations and a source order, per page (an unknown source name fails every page).
  Result<metadata::Policy> policy = metadata::Policy::from(options);
  if (!policy) return policy.error();
  ++times_.pages;
  times_.bytes += page.size();

  Laps clock;
  // The page outlives this call's use of the decoded text, so valid UTF-8 is not copied.
  impl_->decoded.borrow = true;
  decode::to_utf8(page, options.charset, impl_->decoded);
  times_.decode_ns += clock.lap();

  std::optional<metadata::ParsedDate> reference;
  if (!options.reference_time.empty()) reference = metadata::parse_date(options.reference_time);

  if (options.input_format == InputFormat::kText) {
    text::ScrapedTextOptions text_options;
    text_options.reference_time = reference;
    auto scraped = text::read_scraped_text(impl_->decoded.text(), options, text_options);
    times_.extract_ns += clock.lap();
    if (!scraped) return scraped.error();
    Article article = std::move(scraped->article);
    const text::ScrapedExtras& extras = scraped->extras;
    article.title_display = extras.title_display;
    article.date_published_raw = extras.date_published_raw;
    article.date_modified_raw = extras.date_modified_raw;
    if (extras.dateline) article.dateline = *extras.dateline;
    return article;
  }

  // The parser's deadline is on the steady clock; the page's budget counts from here.
  html5::ParseLimits limits;
  limits.max_nodes = options.max_nodes;
  auto started = std::chrono::steady_clock::now();
  if (options.max_page_seconds > 0)
    limits.deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double>(options.max_page_seconds));
  auto over_time = [&] {
    return options.max_page_seconds > 0 && std::chrono::steady_clock::now() > limits.deadline;
  };
  auto time_error = [&] {
    std::ostringstream limit;
    limit << options.max_page_seconds;
    return Error{ErrorCode::kTooLarge, "page exceeds the time limit of " + limit.str() + " s"};
  };
  // The tree borrows the decoded page (views, not copies): the decoded text is in impl_ until
  // the next page, or is `page` itself; the tree is not used after this call returns.
  html5::ParseStop stop = parse::parse_html(
      impl_->decoded.text(), impl_->doc,
      options.parser == Parser::kGumbo ? parse::Backend::kGumbo : parse::Backend::kGazette,
      /*borrow_input=*/true, limits);
  if (stop != html5::ParseStop::kNone || over_time()) {
    times_.parse_ns += clock.lap();  // a page stopped by a limit still counts its parse
    if (stop == html5::ParseStop::kNodeLimit)
      return Error{ErrorCode::kTooLarge,
                   "page exceeds " + std::to_string(options.max_nodes) + " DOM nodes"};
    return time_error();
  }
  // Parts of a streamed React page wait hidden at the end of <body>; their scripts would move
  // them into place (parse/streamed.h).
  if (impl_->doc.has_template() && parse::may_have_streamed_parts(impl_->decoded.text()))
    parse::inline_streamed_parts(impl_->doc);
  times_.parse_ns += clock.lap();

  Article article;
  metadata::Selection selection(*policy);
  std::string json_ld_body;
  metadata::extract(impl_->doc, options.url, article, selection, reference, &json_ld_body);
  times_.metadata_ns += clock.lap();
  if (over_time()) return time_error();

  extract::Hints hints;
  hints.title = article.title;
  hints.discussion = looks_like_discussion_url(article.url.empty() ? options.url : article.url);
  hints.article = !article.date_published.empty() || !article.authors.empty();
  hints.json_ld_body = json_ld_body;
  size_t chars = extract::extract_body(impl_->doc, hints, article.blocks);
  // A dateline on a line of its own leaves the body; one that opens the first sentence stays.
  std::string written;
  if (auto dateline = metadata::take_dateline(article.blocks,
                                              options.explain ? &written : nullptr)) {
    article.dateline = *dateline;
    selection[metadata::FieldId::kDateline].offer(metadata::Source::kText, "first paragraph",
                                                  std::move(written));
  }
  article.body = render_body(article, Format::kText);
  times_.extract_ns += clock.lap();
  if (over_time()) return time_error();

  metadata::finish(article, selection);
  times_.metadata_ns += clock.lap();

  if (chars == 0) return Error{ErrorCode::kNoContent, "no article text found"};
  return article;
}

}  // namespace gazette
