// The pipeline behind the public API: decode -> parse -> metadata -> extract -> finish.
#include "gazette/gazette.h"

#include <chrono>

#include "decode/decode.h"
#include "extract/extract.h"
#include "metadata/metadata.h"
#include "parse/dom.h"
#include "parse/parser.h"
#include "util/word_list.h"

namespace gazette {

struct Extractor::Impl {
  dom::Document doc;       // reused: its arena keeps the memory of the largest page so far
  decode::Decoded decoded;
};

Extractor::Extractor() : impl_(new Impl) {}
Extractor::~Extractor() { delete impl_; }

namespace {
using Clock = std::chrono::steady_clock;
uint64_t ns_since(Clock::time_point t) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t).count());
}
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
  ++times_.pages;
  times_.bytes += page.size();

  auto t = Clock::now();
  decode::to_utf8(page, options.charset, impl_->decoded);
  times_.decode_ns += ns_since(t);

  t = Clock::now();
  parse::parse_html(impl_->decoded.utf8, impl_->doc,
                    options.parser == Parser::kGumbo ? parse::Backend::kGumbo
                                                     : parse::Backend::kGazette);
  times_.parse_ns += ns_since(t);

  Article article;
  t = Clock::now();
  metadata::extract(impl_->doc, options.url, article);
  times_.metadata_ns += ns_since(t);

  t = Clock::now();
  extract::Hints hints;
  hints.title = article.title;
  hints.discussion = looks_like_discussion_url(article.url.empty() ? options.url : article.url);
  size_t chars = extract::extract_body(impl_->doc, hints, article.blocks);
  article.body = render_body(article, Format::kText);
  times_.extract_ns += ns_since(t);

  t = Clock::now();
  metadata::finish(article);
  times_.metadata_ns += ns_since(t);

  if (chars == 0) return Error{ErrorCode::kNoContent, "no article text found"};
  return article;
}

}  // namespace gazette
