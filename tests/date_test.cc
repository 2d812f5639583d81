#include <gtest/gtest.h>

#include <string>

#include "metadata/date.h"

namespace gazette::metadata {
namespace {

std::string iso(std::string_view text) {
  auto d = parse_date(text);
  return d ? d->iso() : "none";
}

TEST(Date, IsoDateOnly) {
  EXPECT_EQ(iso("2019-10-16"), "2019-10-16");
  EXPECT_EQ(iso("  2019-10-16  "), "2019-10-16");
  EXPECT_EQ(iso("2019/10/16"), "2019-10-16");
  EXPECT_EQ(iso("20191016"), "2019-10-16");
}

TEST(Date, IsoWithTimeKeepsWhatIsStated) {
  EXPECT_EQ(iso("2019-10-16T08:30"), "2019-10-16T08:30");
  EXPECT_EQ(iso("2019-10-16T08:30:00"), "2019-10-16T08:30:00");
  EXPECT_EQ(iso("2019-10-16 08:30:05"), "2019-10-16T08:30:05");
  EXPECT_EQ(iso("2019-10-16T08:30:00.123"), "2019-10-16T08:30:00.123");
}

TEST(Date, IsoOffsetsAndZ) {
  EXPECT_EQ(iso("2019-10-16T08:30:00+02:00"), "2019-10-16T08:30:00+02:00");
  EXPECT_EQ(iso("2019-10-16T08:30:00-0500"), "2019-10-16T08:30:00-05:00");
  EXPECT_EQ(iso("2019-10-16 08:30:00 +0200"), "2019-10-16T08:30:00+02:00");
  EXPECT_EQ(iso("2019-10-16T08:30:00.000Z"), "2019-10-16T08:30:00.000Z");
  EXPECT_EQ(iso("2019-10-16T08:30:00Z"), "2019-10-16T08:30:00Z");
  // A stated +00:00 stays an offset; UTC/GMT words are written Z.
  EXPECT_EQ(iso("2019-10-16T08:30:00+00:00"), "2019-10-16T08:30:00+00:00");
  EXPECT_EQ(iso("16 Oct 2019 08:30 GMT"), "2019-10-16T08:30Z");
}

TEST(Date, NumericDayFirst) {
  EXPECT_EQ(iso("16.10.2019"), "2019-10-16");
  EXPECT_EQ(iso("16/10/2019"), "2019-10-16");
  EXPECT_EQ(iso("1.2.2019"), "2019-02-01");
  EXPECT_EQ(iso("23.09.22"), "2022-09-23");
  // Month first when the second number cannot be a month, or when asked to.
  EXPECT_EQ(iso("10/16/2019"), "2019-10-16");
  DateOptions us;
  us.month_first = true;
  EXPECT_EQ(parse_date("02/03/2019", us)->iso(), "2019-02-03");
  EXPECT_EQ(iso("02/03/2019"), "2019-03-02");
}

TEST(Date, TextualEnglish) {
  EXPECT_EQ(iso("October 16, 2019"), "2019-10-16");
  EXPECT_EQ(iso("Oct. 16th, 2019"), "2019-10-16");
  EXPECT_EQ(iso("16 October 2019"), "2019-10-16");
  EXPECT_EQ(iso("the 16th of October, 2019"), "2019-10-16");
  EXPECT_EQ(iso("Published: Wednesday, October 16, 2019 at 8:30 pm"), "2019-10-16T20:30");
  EXPECT_EQ(iso("Wed, 16 Oct 2019 08:30:00 +0200"), "2019-10-16T08:30:00+02:00");
  EXPECT_EQ(iso("Sept 3, 2020 12:05 a.m."), "2020-09-03T00:05");
}

TEST(Date, TextualGerman) {
  EXPECT_EQ(iso("16. Oktober 2019"), "2019-10-16");
  EXPECT_EQ(iso("Mittwoch, 16. Oktober 2019, 08:30 Uhr"), "2019-10-16T08:30");
  EXPECT_EQ(iso("3. März 2021"), "2021-03-03");
  EXPECT_EQ(iso("1. Jänner 2020"), "2020-01-01");
  EXPECT_EQ(iso("01. Dez. 2017, 12:01 Uhr"), "2017-12-01T12:01");
  EXPECT_EQ(iso("am 29.12.2010, 13:36 Uhr"), "2010-12-29T13:36");
  EXPECT_EQ(iso("12.05.2020 10.30 Uhr"), "2020-05-12T10:30");
}

TEST(Date, TextualFrenchSpanishItalianPortuguese) {
  EXPECT_EQ(iso("le 31 août 2023 à 16h12"), "2023-08-31T16:12");
  EXPECT_EQ(iso("1er janvier 2020"), "2020-01-01");
  EXPECT_EQ(iso("16 de octubre de 2019"), "2019-10-16");
  EXPECT_EQ(iso("3 de mayo de 2022 a las 10:15"), "2022-05-03T10:15");
  EXPECT_EQ(iso("16 ottobre 2019"), "2019-10-16");
  EXPECT_EQ(iso("16 de outubro de 2019 às 10h30"), "2019-10-16T10:30");
  EXPECT_EQ(iso("4 março 2021"), "2021-03-04");
}

TEST(Date, TextualDutchPolishCjk) {
  EXPECT_EQ(iso("16 oktober 2019"), "2019-10-16");
  EXPECT_EQ(iso("3 mrt 2021"), "2021-03-03");
  EXPECT_EQ(iso("16 października 2019"), "2019-10-16");
  EXPECT_EQ(iso("5 maja 2020 o godz. 12:00"), "2020-05-05T12:00");
  EXPECT_EQ(iso("2019年10月16日"), "2019-10-16");
}

TEST(Date, RejectsNonDates) {
  EXPECT_EQ(iso(""), "none");
  EXPECT_EQ(iso("version 1.2.3"), "none");
  EXPECT_EQ(iso("3/4 cup flour"), "none");
  EXPECT_EQ(iso("2019-13-01"), "none");
  EXPECT_EQ(iso("31.02.2019"), "none");
  EXPECT_EQ(iso("October 2019"), "none");  // no day: never invented
  EXPECT_EQ(iso("1.2.3.2019"), "none");
  EXPECT_EQ(iso("16. Oktober"), "none");
}

TEST(Date, FindsFirstDateInText) {
  auto m = find_date("John Doe, 16. Oktober 2019");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->begin, 10u);
  EXPECT_EQ(m->date.iso(), "2019-10-16");
}

TEST(Date, YearRange) {
  DateOptions o;
  o.min_year = 1995;
  o.max_year = 2035;
  EXPECT_FALSE(parse_date("1.1.1900", o));
  EXPECT_TRUE(parse_date("1.1.2000", o));
}

TEST(Date, FromUrl) {
  auto d = [](std::string_view u) {
    auto r = parse_url_date(u);
    return r ? r->iso() : "none";
  };
  EXPECT_EQ(d("https://ex.com/2019/10/16/story.html"), "2019-10-16");
  EXPECT_EQ(d("https://ex.com/news/2019-10-16-story"), "2019-10-16");
  EXPECT_EQ(d("https://ex.com/a/20191016/story"), "2019-10-16");
  EXPECT_EQ(d("https://ex.com/2017/7/12/unter-uns"), "2017-07-12");
  EXPECT_EQ(d("https://ex.com/2019/10/story"), "none");
  EXPECT_EQ(d("https://2019.ex.com/10/16"), "none");
  EXPECT_EQ(d("https://ex.com/item?id=2019/10/16"), "none");
  EXPECT_EQ(d("https://ex.com/meldungen/29-10-2021"), "2021-10-29");
  EXPECT_EQ(d("https://ex.com/news/story_05_11_2021.html"), "2021-11-05");
  EXPECT_EQ(d("https://ex.com/news/10-31-2021"), "2021-10-31");
  EXPECT_EQ(d("https://ex.com/p/123-45-678901"), "none");
}

}  // namespace
}  // namespace gazette::metadata
