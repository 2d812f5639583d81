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
//   times             16:12, 4:12 pm, 4 p.m., 16h12, 16h, 16.12 Uhr, before or after the date
//                     ("Updated 10:02 AM EDT, Thu August 31, 2023", "14:30, 3. März 2021")
//   zones             Z, UTC, GMT, +02:00, (UTC+01:00), GMT+2, abbreviations with one offset
//                     (CET, CEST, MEZ, EDT, PST, BST, ...), US "ET"/"PT"/"CT"/"MT" and IANA names
//                     ("Europe/Paris") resolved for that date with the system tz database (cctz)
//   relative          il y a 3 heures, 2 hours ago, vor 2 Tagen, hace 3 horas, 3 ore fa,
//                     há 2 dias, 3 uur geleden, 3 godziny temu, yesterday/hier/gestern/ayer/
//                     ieri/ontem/gisteren/wczoraj, today/aujourd'hui/heute/... (only with
//                     DateOptions::reference)
//   roles             "Published"/"Publié le"/"Veröffentlicht am" vs "Updated"/"Mis à jour le"/
//                     "Aktualisiert am"/"Actualizado"/"Aggiornato"/"Atualizado"/"Bijgewerkt"/
//                     "Zaktualizowano" before a date (find_dates, find_published_updated)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // RFC 3339 when the zone is known: like iso() but a time with a zone always has its seconds
  // ("2023-08-31T16:12:00+01:00": minute precision stated, so ":00" adds nothing new). A time
  // without zone, or a date alone, is written as iso() writes it.
  std::string rfc3339() const;
  // "2019-10-16"
  std::string date_iso() const;
};

// What a label before the date says it is: "Published", "Publié le", "Veröffentlicht am" versus
// "Updated", "Mis à jour le", "Aktualisiert am".
enum class DateRole : unsigned char { kUnknown, kPublished, kUpdated };

struct DateOptions {
  // Read ambiguous numeric dates (both parts <= 12) as month/day/year instead of day/month/year.
  bool month_first = false;
  // Years outside this range are rejected (see thresholds.h for the values used on pages).
  int min_year = 1900;
  int max_year = 2100;
  // The instant relative forms are resolved against ("il y a 3 heures", "2 hours ago", "vor 2
  // Tagen", "gestern, 14:30"); must have a date, and a time for hour/minute forms. Without it
  // relative forms are not dates. Hours and minutes ago keep the reference's zone; days ago and
  // "yesterday" give a date alone (plus the time the text states, without zone unless stated).
  std::optional<ParsedDate> reference;
};

std::optional<ParsedDate> parse_date(std::string_view text);
std::optional<ParsedDate> parse_date(std::string_view text, const DateOptions& options);

// Like parse_date, and tells where the date (with its time, when any) is in `text`.
struct DateMatch {
  ParsedDate date;
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
  DateRole role = DateRole::kUnknown;  // from a label between the previous date and this one
  // The date as `text` (the text searched) writes it.
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};
std::optional<DateMatch> find_date(std::string_view text, const DateOptions& options = {});

// The role that labels at the end of `text_before` ("Updated: ", "Publié le ") give the date that
// follows it; kUnknown when none does. (find_dates uses it for each date it finds.)
DateRole role_before(std::string_view text_before);

// True when a label at the end of `text_before` says the date that follows is not about the
// article: the current time of the page's rendering (a forum's "It is currently", "Aktuelle
// Zeit:", "Nous sommes le", phpBB's wording in each language; a masthead's "Today is") or a
// member's registration ("Registriert:", "Joined:", "Member since").
bool labels_unrelated_date(std::string_view text_before);

// False when `text`, which has no digit, cannot hold a relative date ("gestern", "an hour ago"):
// the parse of a text without digits can then be skipped even with a reference time.
bool may_hold_relative_date(std::string_view text);

// Every date of the text, in order, each with the role its label gives it.
std::vector<DateMatch> find_dates(std::string_view text, const DateOptions& options = {});

// The published and updated dates of a date line ("Publié le 31/08/2023 à 16h12, mis à jour le
// 01/09/2023 à 08h00", "Updated 10:02 AM EDT, Thu August 31, 2023"): an unlabelled date is the
// published one when no labelled one is; an updated date alone leaves `published` empty.
struct PublishedUpdated {
  std::optional<DateMatch> published;
  std::optional<DateMatch> updated;
};
PublishedUpdated find_published_updated(std::string_view text, const DateOptions& options = {});

// The month (1..12) a lowercase month name or abbreviation names in one of the eight languages
// ("août", "märz", "sept", "października"), else 0.
int month_number(std::string_view lowercase_word);

// True for a lowercase weekday name or abbreviation in one of the eight languages ("mittwoch",
// "jeudi", "wed").
bool is_weekday_name(std::string_view lowercase_word);

// Finds a date in the path of a URL: /2019/10/16/, /2019-10-16/, /20191016/, _2019_10_16,
// and day first /16-10-2019, _16_10_2019 (month first /10-16-2019 only when the day is > 12).
std::optional<ParsedDate> parse_url_date(std::string_view url, const DateOptions& options = {});

}  // namespace gazette::metadata
