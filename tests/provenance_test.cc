// Provenance (Options::explain) and source preference (Options::prefer_sources): which source
// supplied each field, what lost and why, and how a preferred order changes the winner.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "gazette/gazette.h"

namespace gazette {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A page with JSON-LD, Open Graph, other metas, a <time> element and a canonical link.
const std::string kPage = slurp(std::string(GAZETTE_FIXTURES) + "/metadata/provenance.html");

Article extract(const std::string& page, Options options) {
  Extractor extractor;
  auto r = extractor.extract(page, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : Article{};
}

Article explained(const std::string& page, std::vector<std::string> prefer = {}) {
  Options o;
  o.explain = true;
  o.prefer_sources = std::move(prefer);
  return extract(page, o);
}

const FieldProvenance& field(const Article& a, std::string_view name) {
  for (const auto& f : a.provenance)
    if (f.field == name) return f;
  static const FieldProvenance kNone;
  ADD_FAILURE() << "no provenance for " << name;
  return kNone;
}

// The loser from `source` with `key` (the first one), or null.
const SourceCandidate* loser(const FieldProvenance& f, std::string_view source,
                             std::string_view key) {
  for (const auto& l : f.losers)
    if (l.source == source && l.key == key) return &l;
  return nullptr;
}

TEST(Provenance, EveryFieldInRecordOrder) {
  ASSERT_FALSE(kPage.empty());
  Article a = explained(kPage);
  std::vector<std::string> names;
  for (const auto& f : a.provenance) names.push_back(f.field);
  EXPECT_EQ(names, (std::vector<std::string>{"url", "title", "authors", "date_published",
                                             "date_modified", "dateline", "site_name",
                                             "language", "description", "image", "access"}));
}

TEST(Provenance, TitleWinnerAndLosersWithReasons) {
  Article a = explained(kPage);
  const auto& t = field(a, "title");
  EXPECT_EQ(t.winner.source, "json-ld");
  EXPECT_EQ(t.winner.key, "NewsArticle.headline");
  EXPECT_EQ(t.winner.value, a.title);
  EXPECT_EQ(a.title, "Storm closes the harbour for two days");
  const SourceCandidate* og = loser(t, "opengraph", "og:title");
  ASSERT_TRUE(og);
  EXPECT_EQ(og->value, "Storm closes the harbour");
  EXPECT_EQ(og->reason, "lower priority than json-ld");
  const SourceCandidate* twitter = loser(t, "meta", "twitter:title");
  ASSERT_TRUE(twitter);
  EXPECT_EQ(twitter->reason, "lower priority than json-ld");
  // <title> without " | Harbour Times" says the same as the JSON-LD.
  const SourceCandidate* title = loser(t, "title element", "");
  ASSERT_TRUE(title);
  EXPECT_EQ(title->value, "Storm closes the harbour for two days");
  EXPECT_EQ(title->reason, "same value");
}

TEST(Provenance, DateWinnerAndLosersWithReasons) {
  Article a = explained(kPage);
  const auto& d = field(a, "date_published");
  EXPECT_EQ(d.winner.source, "json-ld");
  EXPECT_EQ(d.winner.value, "2024-03-01T18:30:00+01:00");
  EXPECT_EQ(a.date_published, d.winner.value);
  const SourceCandidate* og = loser(d, "opengraph", "article:published_time");
  ASSERT_TRUE(og);
  EXPECT_EQ(og->value, "2024-03-01T17:30:00Z");
  EXPECT_EQ(og->reason, "lower priority than json-ld");
  const SourceCandidate* bad = loser(d, "meta", "pubdate");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->value, "soon");
  EXPECT_EQ(bad->reason, "not a date");
  const SourceCandidate* time = loser(d, "time element", "in header");
  ASSERT_TRUE(time);
  EXPECT_EQ(time->value, "2024-03-01");
  EXPECT_EQ(time->reason, "lower priority than json-ld");
}

TEST(Provenance, OtherFields) {
  Article a = explained(kPage);
  EXPECT_EQ(field(a, "url").winner.source, "rel=canonical");
  ASSERT_TRUE(loser(field(a, "url"), "opengraph", "og:url"));
  EXPECT_EQ(loser(field(a, "url"), "opengraph", "og:url")->reason,
            "lower priority than rel=canonical");
  const auto& authors = field(a, "authors");
  EXPECT_EQ(authors.winner.source, "json-ld");
  EXPECT_EQ(authors.winner.value, "Jane Roe");
  ASSERT_TRUE(loser(authors, "meta", "author"));
  EXPECT_EQ(loser(authors, "meta", "author")->reason, "same value");
  const auto& site = field(a, "site_name");
  EXPECT_EQ(site.winner.source, "opengraph");
  ASSERT_TRUE(loser(site, "title element", "suffix"));
  EXPECT_EQ(loser(site, "title element", "suffix")->reason, "same value");
  EXPECT_EQ(field(a, "language").winner.source, "html lang");
  EXPECT_EQ(field(a, "description").winner.key, "description");
  EXPECT_EQ(loser(field(a, "description"), "opengraph", "og:description")->reason,
            "lower priority than meta");
  EXPECT_EQ(field(a, "image").winner.value, "https://harbour.example/img/storm.jpg");
  const auto& access = field(a, "access");
  EXPECT_EQ(access.winner.source, "");
  EXPECT_EQ(access.winner.value, "unknown");
  EXPECT_EQ(field(a, "date_modified").winner.source, "");
}

TEST(Provenance, DatelineFromTheFirstParagraph) {
  std::string page =
      "<html><head><title>Talks resume in Geneva</title></head><body><article>"
      "<h1>Talks resume in Geneva</h1><p>GENEVA (Reuters) - Negotiators met again on Monday "
      "after a week of silence, both delegations said, and agreed on a calendar for the "
      "coming month of talks about the border and the water of the river.</p><p>The next "
      "round is to start on Thursday, a spokesman said, without giving further details about "
      "the people who would attend or the place where they would meet.</p></article></body></html>";
  Article a = explained(page);
  EXPECT_EQ(a.dateline.agency, "Reuters");
  const auto& d = field(a, "dateline");
  EXPECT_EQ(d.winner.source, "text");
  EXPECT_EQ(d.winner.key, "first paragraph");
  EXPECT_EQ(d.winner.value, "GENEVA (Reuters)");
}

TEST(Provenance, PreferenceOrderChangesTheWinner) {
  Article a = explained(kPage, {"opengraph"});
  EXPECT_EQ(a.title, "Storm closes the harbour");
  EXPECT_EQ(field(a, "title").winner.source, "opengraph");
  const SourceCandidate* ld = loser(field(a, "title"), "json-ld", "NewsArticle.headline");
  ASSERT_TRUE(ld);
  EXPECT_EQ(ld->reason, "after opengraph in the preferred order");
  EXPECT_EQ(a.date_published, "2024-03-01T17:30:00Z");
  EXPECT_EQ(a.url, "https://harbour.example/news/storm-closes-harbour?ref=og");
  EXPECT_EQ(a.description, "Harbour closed until Sunday.");

  // The first listed source that has a valid candidate wins: microdata has none here, and
  // "soon" (meta pubdate) is not a date, so the date comes from the <time> element.
  Options o;
  o.prefer_sources = {"microdata", "time element", "meta"};
  Article b = extract(kPage, o);
  EXPECT_EQ(b.date_published, "2024-03-01");
  EXPECT_EQ(b.title, "Storm shuts harbour");  // twitter:title is "meta"
  EXPECT_TRUE(b.provenance.empty());           // a source order alone explains nothing

  // Fields none of the listed sources serve keep Gazette's own choice.
  Article c = explained(kPage, {"title element"});
  EXPECT_EQ(c.title, "Storm closes the harbour for two days");
  EXPECT_EQ(field(c, "title").winner.source, "title element");
  EXPECT_EQ(c.date_published, "2024-03-01T18:30:00+01:00");
  EXPECT_EQ(field(c, "date_published").winner.source, "json-ld");
  EXPECT_EQ(c.site_name, "Harbour Times");
  EXPECT_EQ(field(c, "site_name").winner.source, "title element");
}

TEST(Provenance, DefaultOrderIsGazettesOwn) {
  Options plain;
  Article a = extract(kPage, plain);
  Article b = explained(kPage);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.date_published, b.date_published);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.site_name, b.site_name);
  EXPECT_EQ(a.authors, b.authors);
}

TEST(Provenance, PreferredCld2OverDeclaredLanguage) {
  // Declared English, written in French.
  std::string page =
      "<html lang=en><head><title>Le conseil vote le budget</title></head><body><article>"
      "<h1>Le conseil vote le budget</h1><p>Le conseil municipal a voté mardi soir le nouveau "
      "budget, critiqué depuis des mois par les habitants, les commerçants et l'opposition, qui "
      "réclamaient des moyens pour les écoles.</p><p>Le maire a défendu un budget responsable, "
      "tout en promettant une concertation sur les investissements des prochaines années, pour "
      "les transports et la voirie.</p></article></body></html>";
  EXPECT_EQ(extract(page, {}).language, "en");
  Article a = explained(page, {"cld2"});
  EXPECT_EQ(a.language, "fr");
  const auto& l = field(a, "language");
  EXPECT_EQ(l.winner.source, "cld2");
  ASSERT_TRUE(loser(l, "html lang", ""));
  EXPECT_EQ(loser(l, "html lang", "")->reason, "after cld2 in the preferred order");
}

TEST(Provenance, ExplainOffLeavesNoExplainObject) {
  Options plain;
  Article a = extract(kPage, plain);
  EXPECT_TRUE(a.provenance.empty());
  std::string off = to_json(a, Format::kText);
  EXPECT_EQ(off.find("\"explain\""), std::string::npos);
  auto j = nlohmann::json::parse(off);
  EXPECT_FALSE(j.contains("explain"));
  EXPECT_EQ(j["access"], "unknown");

  // With explain the record is the same but for the explain object at its end.
  Article b = explained(kPage);
  std::string on = to_json(b, Format::kText);
  size_t at = on.find(", \"explain\": {");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(on.substr(0, at) + "}", off);
  auto e = nlohmann::json::parse(on)["explain"];
  EXPECT_EQ(e["title"]["source"], "json-ld");
  EXPECT_EQ(e["authors"]["value"], nlohmann::json::array({"Jane Roe"}));
  EXPECT_EQ(e["date_published"]["losers"][1]["reason"], "not a date");
  EXPECT_TRUE(e["dateline"]["source"].is_null());
  EXPECT_EQ(e["access"]["value"], "unknown");
}

TEST(Provenance, ScrapedTextSaysScrapedTextLine) {
  std::string dump =
      "Lagazette\n\n"
      "LES ÉTATS-UNIS METTENT EN GARDE LA CORÉE DU NORD CONTRE LA VENTE D'ARMES\n\n"
      "31 Août 2023 16:12 (UTC+01:00)\n\n"
      "Paris / La Gazette\n\n"
      "La Maison Blanche a mis en garde la Corée du Nord contre la vente de munitions à la "
      "Russie pour sa guerre en Ukraine, alors que les tensions ne cessent de croître.\n\n"
      "Le porte-parole de la Maison Blanche chargé de la sécurité nationale, John Kirby, a "
      "déclaré mercredi que les États-Unis étaient préoccupés.\n";
  Options o;
  o.explain = true;
  o.input_format = InputFormat::kText;
  o.url = "https://lagazette.example/a";
  Article a = extract(dump, o);
  EXPECT_EQ(field(a, "title").winner.source, "scraped-text line");
  EXPECT_EQ(field(a, "title").winner.key, "headline line");
  EXPECT_EQ(field(a, "date_published").winner.source, "scraped-text line");
  EXPECT_EQ(field(a, "date_published").winner.value, "2023-08-31T16:12:00+01:00");
  EXPECT_EQ(field(a, "dateline").winner.source, "scraped-text line");
  EXPECT_EQ(field(a, "dateline").winner.value, "Paris / La Gazette");
  const auto& site = field(a, "site_name");
  EXPECT_EQ(site.winner.source, "scraped-text line");
  EXPECT_EQ(site.winner.value, "La Gazette");
  ASSERT_EQ(site.losers.size(), 1u);
  EXPECT_EQ(site.losers[0].value, "Lagazette");
  EXPECT_EQ(site.losers[0].key, "site line");
  EXPECT_EQ(field(a, "language").winner.source, "cld2");
  EXPECT_EQ(field(a, "url").winner.source, "url");
  EXPECT_EQ(a.access, "unknown");

  o.explain = false;
  EXPECT_TRUE(extract(dump, o).provenance.empty());
}

TEST(SourceOrder, ParsesAndValidates) {
  auto r = parse_source_order("json-ld, opengraph,meta ,time element");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<std::string>{"json-ld", "opengraph", "meta", "time element"}));
  auto dup = parse_source_order("meta,json-ld,meta");
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(*dup, (std::vector<std::string>{"meta", "json-ld"}));
  auto bad = parse_source_order("json-ld,jsonld");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kBadInput);
  EXPECT_NE(bad.error().message.find("\"jsonld\""), std::string::npos);
  EXPECT_NE(bad.error().message.find("known: json-ld, opengraph"), std::string::npos);
  EXPECT_FALSE(parse_source_order("").ok());
  EXPECT_FALSE(parse_source_order("json-ld,,meta").ok());
  for (auto name : kSourceNames) EXPECT_TRUE(parse_source_order(name).ok()) << name;
}

TEST(SourceOrder, UnknownNameFailsExtraction) {
  Options o;
  o.prefer_sources = {"json-ld", "bogus"};
  Extractor extractor;
  auto r = extractor.extract(kPage, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kBadInput);
  o.input_format = InputFormat::kText;
  EXPECT_FALSE(extractor.extract("Site\n\nA headline of some words\n\nBody text.", o).ok());
}

}  // namespace
}  // namespace gazette
