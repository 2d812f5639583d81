// Fuzz target: scraped text as input (src/text/scraped_text.h): site line, headline, date line,
// dateline, paragraphs, furniture.
//
// Control byte (the input's last byte, see fuzz.h):
//   bit  0    a reference time (relative dates resolve)
//   bit  1    a page URL
// The text is made valid UTF-8, as the decoder gives it. Checks (article_check.h): strings
// are valid UTF-8, dates are ISO 8601, records are valid JSON; the public wrapper
// extract_scraped_text() agrees with read_scraped_text(); is_furniture_line() holds on each line.
#include <string>

#include "article_check.h"
#include "fuzz.h"
#include "text/scraped_text.h"

#ifndef GAZETTE_FUZZ_REPLAY
// Title casing's word lists load before the first input, not during it (fuzz.h).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  gazette_fuzz::warm_up_word_lists();
  return 0;
}
#endif

GAZETTE_FUZZ_TARGET(scraped_text) {
  using namespace gazette_fuzz;
  Input input(data, size);
  uint8_t control = input.take_control();
  std::string text = valid_utf8(input.bytes());

  gazette::Options options;
  gazette::text::ScrapedTextOptions text_options;
  if (control & 1) text_options.reference_time = gazette::metadata::parse_date("2023-08-31T16:12:00+02:00");
  if (control & 2) options.url = "https://www.example.com/news/2023/08/31/story-12345.html";

  auto r = gazette::text::read_scraped_text(text, options, text_options);
  if (r) {
    r->article.source = "text";
    r->article.title_display = r->extras.title_display;
    r->article.date_published_raw = r->extras.date_published_raw;
    r->article.date_modified_raw = r->extras.date_modified_raw;
    if (r->extras.dateline) r->article.dateline = *r->extras.dateline;
    check_article(r->article);
  } else {
    check_error("text", r.error());
  }
  if (!text_options.reference_time) {
    auto plain = gazette::text::extract_scraped_text(text, options);
    GAZETTE_FUZZ_CHECK(plain.ok() == r.ok());
    if (plain) GAZETTE_FUZZ_CHECK(plain->body == r->article.body);
  }

  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    (void)gazette::text::is_furniture_line(std::string_view(text).substr(start, nl - start));
    start = nl + 1;
  }
  return 0;
}
