// Fuzz target: the date parser (src/metadata/date.h), in all its entry points.
//
// Control byte (the input's last byte, see fuzz.h):
//   bit  0    DateOptions::month_first
//   bits 1-2  the reference time: none, or one of three (with offset, UTC, a date alone)
//   bit  3    narrow year range (2000-2030), as pages use
// Checks:
//  * every date found has a month 1-12, a day 1-31 valid for its month, a year within the
//    options' range, a time 00:00-23:59 with seconds -1..60, an offset within +-24 h, and a
//    fraction of digits only;
//  * matches lie within the text, in order (find_dates may give two overlapping matches when a
//    time between two dates is read with both: "31 aug 2023 16:12 2019-10-16");
//  * iso() of a parsed date is a date parse_date() reads back to the same iso() (the records
//    Gazette writes are themselves readable dates);
//  * a text without digits in which find_date finds a date passes may_hold_relative_date (the
//    prefilter must never hide a date).
#include <string>

#include "fuzz.h"
#include "metadata/date.h"

namespace gazette_fuzz::date {

using gazette::metadata::DateMatch;
using gazette::metadata::DateOptions;
using gazette::metadata::ParsedDate;

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

void check_date(const ParsedDate& d, const DateOptions& o) {
  std::string iso = d.iso();
  GAZETTE_FUZZ_CHECK_MSG(d.month >= 1 && d.month <= 12, iso);
  GAZETTE_FUZZ_CHECK_MSG(d.day >= 1 && d.day <= days_in_month(d.year, d.month), iso);
  GAZETTE_FUZZ_CHECK_MSG(d.year >= o.min_year && d.year <= o.max_year, iso);
  if (d.has_time) {
    GAZETTE_FUZZ_CHECK_MSG(d.hour >= 0 && d.hour <= 23 && d.minute >= 0 && d.minute <= 59, iso);
    GAZETTE_FUZZ_CHECK_MSG(d.second >= -1 && d.second <= 60, iso);
  }
  for (char c : d.fraction) GAZETTE_FUZZ_CHECK_MSG(c >= '0' && c <= '9', iso);
  GAZETTE_FUZZ_CHECK_MSG(d.offset_minutes > -24 * 60 && d.offset_minutes < 24 * 60, iso);
  GAZETTE_FUZZ_CHECK(is_valid_utf8(iso) && is_valid_utf8(d.rfc3339()) && !d.date_iso().empty());

  // Round trip, with the widest year range so that only the text decides.
  auto again = gazette::metadata::parse_date(iso);
  GAZETTE_FUZZ_CHECK_MSG(again.has_value(), "iso() not readable: " + iso);
  GAZETTE_FUZZ_CHECK_MSG(again->iso() == iso, iso + " reads back as " + again->iso());
}

void check_match(const DateMatch& m, std::string_view text, const DateOptions& o) {
  GAZETTE_FUZZ_CHECK(m.begin <= m.end && m.end <= text.size());
  check_date(m.date, o);
}

}  // namespace gazette_fuzz::date

GAZETTE_FUZZ_TARGET(date) {
  using namespace gazette_fuzz;
  using namespace gazette_fuzz::date;
  Input input(data, size);
  uint8_t control = input.take_control();
  std::string text = valid_utf8(input.bytes());

  DateOptions options;
  options.month_first = control & 1;
  static const char* const kReferences[] = {nullptr, "2023-08-31T16:12:00+02:00",
                                            "2024-02-29T23:59:59Z", "2021-01-01"};
  if (const char* ref = kReferences[(control >> 1) & 3]) options.reference = gazette::metadata::parse_date(ref);
  if (control & 8) {
    options.min_year = 2000;
    options.max_year = 2030;
  }

  if (auto d = gazette::metadata::parse_date(text, options)) check_date(*d, options);
  if (auto m = gazette::metadata::find_date(text, options)) {
    check_match(*m, text, options);
    // A text without digits that holds a date passes the prefilter that skips the parse.
    bool digit = false;
    for (char c : text) digit = digit || (c >= '0' && c <= '9');
    if (!digit)
      GAZETTE_FUZZ_CHECK_MSG(gazette::metadata::may_hold_relative_date(text),
                             "may_hold_relative_date is false for a date: " + text);
  }
  size_t last_begin = 0;
  for (const DateMatch& m : gazette::metadata::find_dates(text, options)) {
    check_match(m, text, options);
    GAZETTE_FUZZ_CHECK_MSG(m.begin >= last_begin, "find_dates: out of order");
    last_begin = m.begin;
  }
  auto pu = gazette::metadata::find_published_updated(text, options);
  if (pu.published) check_match(*pu.published, text, options);
  if (pu.updated) check_match(*pu.updated, text, options);
  if (auto d = gazette::metadata::parse_url_date(text, options)) check_date(*d, options);

  // The word tables, on the text's first word.
  std::string word = text.substr(0, text.find(' '));
  int month = gazette::metadata::month_number(word);
  GAZETTE_FUZZ_CHECK(month >= 0 && month <= 12);
  (void)gazette::metadata::is_weekday_name(word);
  return 0;
}
