// Date parsing for article metadata.
//
// parse_date() finds the first date in a (short) text and returns its parts, keeping exactly what
// the text states: a date alone stays a date; a time is kept with its seconds and fraction only
// when stated; a zone only when stated. Nothing is invented.
//
// Recognised forms (see the tables in date.cc to extend them):
//   ISO 8601 / RFC 3339  2019-10-16, 2019-10-16T08:30, 2019-10-16T08:30:00.123+02:00,
//                        2019-10-16 08:30:00 +0200, 2019-10-16T08:30:00Z, 20191016 (8 digits alone)
//   numeric              2019/10/16, 16.10.2019, 16.10.19, 16/10/2019, 10/16/2019 (month first only when
//                        the day is > 12 or DateOptions::month_first)
//   textual              16. Oktober 2019, 16 October 2019, October 16th, 2019, Oct. 16, 2019,
//                        16 de octubre de 2019, le 31 août 2023 à 16h12, 16 października 2019,
//                        Mittwoch, 16. Oktober 2019, 08:30 Uhr, 2019年10月16日
//   with month names in en, de, fr, es, it, pt, nl, pl (full names, abbreviations, Polish
//   genitive forms), optional weekday, ordinal suffixes, and a following time
//   ("at 8:30 am", "um 08:30 Uhr", "à 16h12", "08:30 UTC", "08:30 +01:00").
//   RFC 2822 ("Wed, 16 Oct 2019 08:30:00 +0200") is the textual form plus a time and offset.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gazette::metadata {

struct ParsedDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = -1;       // -1 when the source gives no seconds
  std::string fraction;  // digits after the seconds' decimal point, as stated ("" when none)
  enum class Zone : unsigned char { kNone, kUtc, kOffset };
  Zone zone = Zone::kNone;
  int offset_minutes = 0;  // for kOffset: east of UTC is positive

  // ISO 8601: "2019-10-16", "2019-10-16T08:30", "2019-10-16T08:30:00.5+02:00". UTC stated as
  // "Z" (or "UTC"/"GMT"/"+00:00") is written "Z"; a "+0000"-style offset stays "+00:00".
  std::string iso() const;
  // "2019-10-16"
  std::string date_iso() const;
};

struct DateOptions {
  // Read ambiguous numeric dates (both parts <= 12) as month/day/year instead of day/month/year.
  bool month_first = false;
  // Years outside this range are rejected (see thresholds.h for the values used on pages).
  int min_year = 1900;
  int max_year = 2100;
};

std::optional<ParsedDate> parse_date(std::string_view text);
std::optional<ParsedDate> parse_date(std::string_view text, const DateOptions& options);

// Like parse_date, and tells where the date (with its time, when any) is in `text`.
struct DateMatch {
  ParsedDate date;
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
};
std::optional<DateMatch> find_date(std::string_view text, const DateOptions& options = {});

// Finds a date in the path of a URL: /2019/10/16/, /2019-10-16/, /20191016/, _2019_10_16.
std::optional<ParsedDate> parse_url_date(std::string_view url, const DateOptions& options = {});

}  // namespace gazette::metadata
