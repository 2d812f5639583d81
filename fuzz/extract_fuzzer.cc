// Fuzz target: the whole pipeline behind gazette::Extractor::extract(): decode, parse,
// metadata, main-content extraction, rendering and JSON records.
//
// Two control bytes end the input (see fuzz.h); the first one taken (the last byte):
//   bit  0    InputFormat::kText (a scraped text) instead of kHtml
//   bits 1-2  3: the gumbo backend (--parser gumbo), else ours
//   bits 3-4  transport charset: none, UTF-8, windows-1252, Shift_JIS
//   bit  5    a reference time (relative dates resolve)
//   bit  6    a page URL
//   bit  7    a tiny max_input_bytes (4 KiB), to reach kTooLarge
// the second one:
//   bit  0    history check: after the page, extract its first half with the same Extractor,
//             then the page again; the second record must equal the first (the arena and
//             buffers an Extractor reuses leak nothing from one page into the next)
// Checks (article_check.h): strings are valid UTF-8, dates are ISO 8601, records are valid JSON
// holding the article's values; errors give a valid error record.
#include <string>

#include "article_check.h"
#include "fuzz.h"
#include "gazette/gazette.h"

namespace gazette_fuzz::extract {

std::string record_of(gazette::Extractor& ex, std::string_view page, const gazette::Options& o) {
  auto r = ex.extract(page, o);
  if (!r) {
    check_error("page", r.error());
    return gazette::error_json("page", r.error());
  }
  r->source = "page";
  check_article(*r);
  return gazette::to_json(*r, gazette::Format::kText);
}

}  // namespace gazette_fuzz::extract

#ifndef GAZETTE_FUZZ_REPLAY
// Title casing's word lists load before the first input, not during it (fuzz.h).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  gazette_fuzz::warm_up_word_lists();
  return 0;
}
#endif

GAZETTE_FUZZ_TARGET(extract) {
  using namespace gazette_fuzz;
  using namespace gazette_fuzz::extract;
  Input input(data, size);
  uint8_t control = input.take_control();
  uint8_t control2 = input.take_control();
  std::string_view page = input.bytes();

  gazette::Options options;
  if (control & 1) options.input_format = gazette::InputFormat::kText;
  if (((control >> 1) & 3) == 3) options.parser = gazette::Parser::kGumbo;
  static const char* const kCharsets[] = {"", "utf-8", "windows-1252", "Shift_JIS"};
  options.charset = kCharsets[(control >> 3) & 3];
  if (control & 0x20) options.reference_time = "2023-08-31T16:12:00+02:00";
  if (control & 0x40) options.url = "https://www.example.com/news/2023/08/31/story-12345.html";
  if (control & 0x80) options.max_input_bytes = 4096;

  gazette::Extractor ex;
  std::string first = record_of(ex, page, options);
  if (control2 & 1) {
    record_of(ex, page.substr(0, page.size() / 2), options);
    std::string again = record_of(ex, page, options);
    GAZETTE_FUZZ_CHECK_MSG(again == first, "the same page gave another record after a second page");
  }
  return 0;
}
