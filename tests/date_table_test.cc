// The date table: tests/fixtures/dates/dates.tsv holds date strings in the forms news sites use in
// eight languages, each with the value the parser must give (see the file's header).
#include <gtest/gtest.h>

#include <algorithm>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "metadata/date.h"

namespace gazette::metadata {
namespace {

struct Row {
  int line;
  std::string language, text, expected;
};

std::vector<Row> read_table() {
  std::ifstream in(std::string(GAZETTE_FIXTURES) + "/dates/dates.tsv");
  std::vector<Row> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    size_t a = line.find('\t');
    size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) {
      ADD_FAILURE() << "dates.tsv:" << n << ": expected 3 columns";
      continue;
    }
    rows.push_back({n, line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return rows;
}

// 2023-08-31T16:12:00+02:00, a Thursday.
ParsedDate reference() {
  ParsedDate r;
  r.year = 2023, r.month = 8, r.day = 31;
  r.has_time = true, r.hour = 16, r.minute = 12, r.second = 0;
  r.zone = ParsedDate::Zone::kOffset, r.offset_minutes = 120;
  return r;
}

std::string describe(const PublishedUpdated& pu) {
  std::string out;
  if (pu.published) out = pu.published->date.iso();
  if (pu.updated) out += (out.empty() ? "updated " : " | updated ") + pu.updated->date.iso();
  return out.empty() ? "none" : out;
}

TEST(DateTable, EveryRowGivesItsValue) {
  auto rows = read_table();
  ASSERT_GE(rows.size(), 300u);
  DateOptions options;
  options.reference = reference();
  std::map<std::string, int> per_language;
  for (const Row& r : rows) {
    ++per_language[r.language];
    EXPECT_EQ(describe(find_published_updated(r.text, options)), r.expected)
        << "dates.tsv:" << r.line << " [" << r.language << "] " << r.text;
  }
  for (const char* lang : {"en", "fr", "de", "es", "it", "pt", "nl", "pl"})
    EXPECT_GE(per_language[lang], 25) << lang;
}

// Every row without digits that holds a date passes the prefilter that lets a page skip the
// parse of its texts without digits; ordinary text does not.
TEST(DateTable, TextsWithoutDigitsThatHoldADateMayHoldARelativeDate) {
  DateOptions options;
  options.reference = reference();
  int checked = 0;
  for (const Row& r : read_table()) {
    if (std::any_of(r.text.begin(), r.text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    if (!find_date(r.text, options)) continue;
    ++checked;
    EXPECT_TRUE(may_hold_relative_date(r.text)) << "dates.tsv:" << r.line << " " << r.text;
  }
  EXPECT_GT(checked, 10);
  for (std::string_view s : {"AN HOUR AGO", "Il y a une heure", "DZIŚ", "Aujourd’hui",
                             "avant-hier", "l'altro ieri", "vor einer Stunde"})
    EXPECT_TRUE(may_hold_relative_date(s)) << s;
  for (std::string_view s : {"The council met to discuss the budget.", "Weitere Artikel",
                             "Lire la suite", "Chicago hierarchy"})
    EXPECT_FALSE(may_hold_relative_date(s)) << s;
  // Words whose ASCII stem ends at an accented letter ("día", "sekundę"), capitals before and
  // after accents, and malformed UTF-8 that lowercasing reads as ASCII (an overlong 'A'). Words
  // are bounded by any byte that is no ASCII letter or digit: "éhieréx" holds "hier", and "día"
  // the amount "a" (a false "yes" only costs a parse).
  for (std::string_view s : {"hace un DÍA", "Hace una hora", "jedną sekundę temu", "HIER",
                             "ayer\xC2\xA0por", "«ieri»", "une\xE2\x80\xAFheure",
                             "vor\xC3\xA9 einer Stunde\xC3\xA9", "\xC1\x81n hour", "día",
                             "\xC3\xA9hier\xC3\xA9x", "une\xC3\xA9heure"})
    EXPECT_TRUE(may_hold_relative_date(s)) << s;
  for (std::string_view s :
       {"Diana y Ana", "hierbas", "dí", "minuté", "\xE2\x80", "stunde\xC3", "DÍAS"})
    EXPECT_FALSE(may_hold_relative_date(s)) << s;
}

// Without a reference, relative forms are not dates: nothing is resolved against "now".
TEST(DateTable, RelativeFormsNeedAReference) {
  for (std::string_view s : {"il y a 3 heures", "2 hours ago", "gestern", "vor 2 Tagen",
                             "hace 3 horas", "3 ore fa", "há 2 dias", "3 uur geleden",
                             "3 godziny temu", "yesterday at 4:12 pm"})
    EXPECT_FALSE(parse_date(s)) << s;
}

// A reference without a time resolves day forms only.
TEST(DateTable, HoursAgoNeedTheReferenceTime) {
  DateOptions o;
  ParsedDate day;
  day.year = 2023, day.month = 8, day.day = 31;
  o.reference = day;
  EXPECT_FALSE(parse_date("2 hours ago", o));
  ASSERT_TRUE(parse_date("2 days ago", o));
  EXPECT_EQ(parse_date("2 days ago", o)->iso(), "2023-08-29");
}

TEST(DateTable, Rfc3339AddsSecondsOnlyWithAZone) {
  EXPECT_EQ(parse_date("31 Août 2023 16:12 (UTC+01:00)")->rfc3339(), "2023-08-31T16:12:00+01:00");
  EXPECT_EQ(parse_date("31 août 2023 16:12")->rfc3339(), "2023-08-31T16:12");
  EXPECT_EQ(parse_date("31 août 2023")->rfc3339(), "2023-08-31");
  EXPECT_EQ(parse_date("2023-08-31T16:12:05Z")->rfc3339(), "2023-08-31T16:12:05Z");
}

TEST(DateTable, MatchSpansAndRoles) {
  auto all = find_dates("Publié le 31/08/2023 à 16h12, mis à jour le 01/09/2023 à 08h05");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].role, DateRole::kPublished);
  EXPECT_EQ(all[1].role, DateRole::kUpdated);
  std::string_view s = "Updated 10:02 AM EDT, Thu August 31, 2023";
  auto m = find_date(s);
  ASSERT_TRUE(m);
  EXPECT_EQ(s.substr(m->begin, m->end - m->begin), "10:02 AM EDT, Thu August 31, 2023");
}

TEST(DateTable, MonthNumber) {
  EXPECT_EQ(month_number("août"), 8);
  EXPECT_EQ(month_number("märz"), 3);
  EXPECT_EQ(month_number("października"), 10);
  EXPECT_EQ(month_number("sept"), 9);
  EXPECT_EQ(month_number("monday"), 0);
}

}  // namespace
}  // namespace gazette::metadata
