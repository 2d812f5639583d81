// Dates on the real pages of ../shared/bench (skipped when that folder is absent): wherever the
// source of a page's published date states a time and an offset or zone, the record keeps both.
//
// BenchDates.ListedPagesKeepTimeAndOffset names pages, one per way of writing a zoned time that
// the bench holds (JSON-LD/meta ISO forms with and without colon, fractions up to nanoseconds,
// "UTC"/"GMT"/"PST" names, RFC 2822, "(UTC)" in text), each with the record's expected value.
// BenchDates.EveryPageKeepsTheTimeAndOffsetItsSourceStates checks the property on every page:
// when `date_published_raw` (what the winning source wrote) has a time followed by a zone,
// `date_published` has that time and, for a numeric offset, the same offset.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "gazette/gazette.h"

namespace fs = std::filesystem;

namespace {

const fs::path kDatasets = fs::path(GAZETTE_SHARED) / "bench" / "datasets";

std::optional<std::string> read_gz(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  if (n < 0) return std::nullopt;
  return out;
}

gazette::Result<gazette::Article> extract_page(gazette::Extractor& x, const std::string& dataset,
                                              const std::string& id) {
  auto bytes = read_gz(kDatasets / dataset / "pages" / (id + ".html.gz"));
  if (!bytes) return gazette::Error{gazette::ErrorCode::kIo, "cannot read " + id};
  return x.extract(*bytes);
}

struct Listed {
  const char* dataset;
  const char* id;
  const char* raw;       // date_published_raw
  const char* expected;  // date_published
};

constexpr Listed kListed[] = {
    {"trafilatura-eval", "0a12df42d1764095989ab078ee0f940b", "2019-10-19T19:08:22+02:00",
     "2019-10-19T19:08:22+02:00"},
    {"trafilatura-eval", "0a6291ebbce449b3b04256b43c73e39d", "2019-10-19T10:09:10.128Z",
     "2019-10-19T10:09:10.128Z"},
    {"trafilatura-eval", "biobiochile.cl-gremios", "2022-05-04T01:10:21-04:00",
     "2022-05-04T01:10:21-04:00"},
    {"trafilatura-eval", "24horas.cl-segundo", "2022-05-04T08:27:49-0400",
     "2022-05-04T08:27:49-04:00"},
    {"trafilatura-eval", "d76cf81a74fa4633bd19d7060f5c05ee", "2019-10-19T14:34+0200",
     "2019-10-19T14:34+02:00"},
    {"trafilatura-eval", "royalroad.com.melas", "2020-08-06T09:09:24.0000000Z",
     "2020-08-06T09:09:24.0000000Z"},
    {"trafilatura-eval", "phillyvoice.com-Sixers", "2023-11-08T21:24:10.336533-05:00",
     "2023-11-08T21:24:10.336533-05:00"},
    {"trafilatura-eval", "gala.fr.surnom", "2019-12-09 09:08:21+01:00",
     "2019-12-09T09:08:21+01:00"},
    {"trafilatura-eval", "ambito.com-paritarias", "2022-05-04T03:00:00 UTC",
     "2022-05-04T03:00:00Z"},
    {"trafilatura-eval", "politico.com.retirement", "2019-12-30T05:03-0500",
     "2019-12-30T05:03-05:00"},
    {"trafilatura-eval", "sportnews.bz-peking", "02 Feb 2022 09:12:22 +0100",
     "2022-02-02T09:12:22+01:00"},
    {"trafilatura-eval", "Jest_zgoda_PE_na_umowe_handlowa_miedzy_UE_a_Londynem",
     "2021-04-29 17:13:04.031886+02:00", "2021-04-29T17:13:04.031886+02:00"},
    {"readability", "dropbox-blog", "2020-11-11 12:00:00.000-0600",
     "2020-11-11T12:00:00.000-06:00"},
    {"readability", "simplyfound-1", "February 29, 2016 @ 11:10 PM UTC", "2016-02-29T23:10Z"},
    {"wceb-dev", "0014", "2023-10-17T14:24:34.612134874-07:00",
     "2023-10-17T14:24:34.612134874-07:00"},
    {"wceb-dev", "0070", "2013-08-22 21:43:53 UTC", "2013-08-22T21:43:53Z"},
    {"wceb-dev", "0212", "Nov 25, 2025 5:00 am PST", "2025-11-25T05:00-08:00"},
    {"wceb-dev", "0435", "1 Feb 2002 13:07:39 -0500", "2002-02-01T13:07:39-05:00"},
    {"wceb-dev", "0663", "13 Jun 2012 01:33:50 GMT", "2012-06-13T01:33:50Z"},
    {"wceb-dev", "0700", "2026-02-12T12:38:24.662-0800", "2026-02-12T12:38:24.662-08:00"},
    {"wceb-dev", "3010", "8 November 2025, at 17:53 (UTC)", "2025-11-08T17:53Z"},
    {"wceb-dev", "3031", "Mar 6, 2026 17:33 UTC", "2026-03-06T17:33Z"},
    {"wceb-dev", "0140", "2025-12-02 08:30:10 -0600", "2025-12-02T08:30:10-06:00"},
    {"wceb-dev", "1222", "2024-05-27 09:00:00 +0700", "2024-05-27T09:00:00+07:00"},
};

TEST(BenchDates, ListedPagesKeepTimeAndOffset) {
  if (!fs::exists(kDatasets)) GTEST_SKIP() << kDatasets << " not found";
  gazette::Extractor x;
  for (const auto& p : kListed) {
    SCOPED_TRACE(std::string(p.dataset) + "/" + p.id);
    auto r = extract_page(x, p.dataset, p.id);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->date_published_raw, p.raw);
    EXPECT_EQ(r->date_published, p.expected);
  }
}

// "+0200", "+02:00", "-05" as minutes east of UTC; nullopt for a zone name.
std::optional<int> offset_minutes(const std::string& zone) {
  static const std::regex kNumeric(R"(([+-])(\d{2}):?(\d{2})?)");
  std::smatch m;
  if (zone == "Z") return 0;
  if (!std::regex_match(zone, m, kNumeric)) return std::nullopt;
  int v = std::stoi(m[2]) * 60 + (m[3].matched ? std::stoi(m[3]) : 0);
  return m[1] == "-" ? -v : v;
}

TEST(BenchDates, EveryPageKeepsTheTimeAndOffsetItsSourceStates) {
  if (!fs::exists(kDatasets)) GTEST_SKIP() << kDatasets << " not found";
  // A time, optional seconds and fraction, optional am/pm, then a zone: Z, UTC, GMT, an offset,
  // or an abbreviation (PST, CEST).
  static const std::regex kZonedTime(
      R"((\d{1,2})[:h](\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?\s?m\.?)?\s*\(?)"
      R"((Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Z]{2,5})\b)",
      std::regex::icase);
  static const std::regex kIsoZoned(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*(Z|[+-]\d{2}:\d{2})$)");
  gazette::Extractor x;
  size_t pages = 0, zoned = 0;
  for (const char* dataset : {"trafilatura-eval", "readability", "wceb-dev"}) {
    for (const auto& e : fs::directory_iterator(kDatasets / dataset / "pages")) {
      std::string name = e.path().filename().string();
      if (!name.ends_with(".html.gz")) continue;
      ++pages;
      auto r = extract_page(x, dataset, name.substr(0, name.size() - 8));
      if (!r.ok()) continue;
      std::smatch m;
      const std::string& raw = r->date_published_raw;
      // A zone name must be written in capitals ("PST", not the "at" of "at 17:53").
      if (!std::regex_search(raw, m, kZonedTime)) continue;
      std::string zone = m[3];
      std::string upper = zone;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (zone != "Z" && !offset_minutes(zone) &&
          (upper == "AM" || upper == "PM" ||
           std::any_of(zone.begin(), zone.end(), [](char c) { return c >= 'a' && c <= 'z'; })))
        continue;
      ++zoned;
      SCOPED_TRACE(std::string(dataset) + "/" + name + ": " + raw);
      std::smatch iso;
      if (!std::regex_match(r->date_published, iso, kIsoZoned)) {
        ADD_FAILURE() << "no time and offset: " << r->date_published;
        continue;
      }
      if (auto want = offset_minutes(zone)) {
        EXPECT_EQ(offset_minutes(iso[1]), want);
      }
    }
  }
  // The bench's three datasets: 2478 pages, over a thousand of them dated with a zone.
  EXPECT_GT(pages, 2000u);
  EXPECT_GT(zoned, 1000u);
}

}  // namespace
