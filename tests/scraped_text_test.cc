#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "metadata/titlecase.h"
#include "text/scraped_text.h"

namespace gazette::text {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kSeedDir = std::string(GAZETTE_SHARED) + "/seed/";
const std::string kSeed = "000_3d75517a3287376c";

// The seed: every field of the expected record but quotes and entities, the body byte for byte.
TEST(ScrapedText, SeedMatchesExpectedRecord) {
  std::string input = slurp(kSeedDir + kSeed + ".txt");
  std::string expected_json = slurp(kSeedDir + kSeed + ".expected.json");
  if (input.empty() || expected_json.empty()) GTEST_SKIP() << "no seed in " << kSeedDir;
  auto expected = nlohmann::json::parse(expected_json);
  auto r = read_scraped_text(input, Options{});
  ASSERT_TRUE(r) << r.error().message;
  const Article& a = r->article;
  EXPECT_EQ(a.site_name, expected["site_name"]);
  EXPECT_EQ(a.title, expected["title"]);
  EXPECT_EQ(r->extras.title_display, expected["title_display"]);
  EXPECT_EQ(a.date_published, expected["date_published"]);
  EXPECT_EQ(r->extras.date_published_raw, expected["date_published_raw"]);
  ASSERT_TRUE(r->extras.dateline);
  EXPECT_EQ(r->extras.dateline->place, expected["dateline"]["place"]);
  EXPECT_EQ(r->extras.dateline->agency, expected["dateline"]["agency"]);
  EXPECT_EQ(a.language, expected["language"]);
  EXPECT_EQ(a.body, expected["body"].get<std::string>());
}

TEST(ScrapedText, PublicShapeGivesTheSameArticle) {
  std::string input = slurp(kSeedDir + kSeed + ".txt");
  if (input.empty()) GTEST_SKIP();
  auto r = extract_scraped_text(input, Options{});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->date_published, "2023-08-31T16:12:00+01:00");
  EXPECT_EQ(r->blocks.size(), 11u);
}

TEST(ScrapedText, EnglishWithUpdatedDatelineInFirstSentence) {
  std::string input =
      "The Daily Courier\n\n"
      "Storm hits the east coast overnight\n\n"
      "Published June 12, 2023 at 8:15 a.m. EDT | Updated June 12, 2023 at 10:02 a.m. EDT\n\n"
      "By Jane Doe\n\n"
      "BOSTON (AP) — A powerful storm hit the east coast overnight, cutting power to thousands.\n\n"
      "Officials said crews would work through the day.\n\n"
      "Share this article\n"
      "Read more\n";
  auto r = read_scraped_text(input, Options{});
  ASSERT_TRUE(r) << r.error().message;
  const Article& a = r->article;
  EXPECT_EQ(a.site_name, "The Daily Courier");
  EXPECT_EQ(a.title, "Storm hits the east coast overnight");
  EXPECT_EQ(r->extras.title_display, "");  // not in capitals
  EXPECT_EQ(a.date_published, "2023-06-12T08:15:00-04:00");
  EXPECT_EQ(a.date_modified, "2023-06-12T10:02:00-04:00");
  ASSERT_EQ(a.authors.size(), 1u);
  EXPECT_EQ(a.authors[0], "Jane Doe");
  ASSERT_TRUE(r->extras.dateline);
  EXPECT_EQ(r->extras.dateline->place, "Boston");
  EXPECT_EQ(r->extras.dateline->agency, "AP");
  // The dateline opens the first sentence: it stays in the body.
  EXPECT_EQ(a.body,
            "BOSTON (AP) — A powerful storm hit the east coast overnight, cutting power to "
            "thousands.\n\nOfficials said crews would work through the day.");
}

TEST(ScrapedText, DatelineOnItsOwnLineLeavesTheBody) {
  std::string input =
      "Nachrichten\n\nRegierung beschließt neues Klimapaket\n\nAktualisiert am 3. März 2021, "
      "14:30 Uhr\n\nBERLIN (dpa)\n\nDie Bundesregierung hat am Mittwoch ein neues Klimapaket "
      "beschlossen.\n\nWeiterlesen\n";
  auto r = read_scraped_text(input, Options{});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->article.date_published, "");  // only an update is stated
  EXPECT_EQ(r->article.date_modified, "2021-03-03T14:30");
  EXPECT_EQ(r->extras.date_modified_raw, "3. März 2021, 14:30 Uhr");
  ASSERT_TRUE(r->extras.dateline);
  EXPECT_EQ(r->extras.dateline->place, "Berlin");
  EXPECT_EQ(r->extras.dateline->agency, "dpa");
  EXPECT_EQ(r->article.body, "Die Bundesregierung hat am Mittwoch ein neues Klimapaket beschlossen.");
}

TEST(ScrapedText, WrappedParagraphLinesAreJoined) {
  std::string input =
      "Site\n\nA headline of several words\n\nThis is a paragraph that a scraper wrapped at a fixed width of\n"
      "fixed width, so its lines must be joined again.\n\nSecond paragraph.\n";
  auto r = read_scraped_text(input, Options{});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->article.body,
            "This is a paragraph that a scraper wrapped at a fixed width of fixed width, so its "
            "lines must be joined again.\n\nSecond paragraph.");
}

TEST(ScrapedText, RelativeDateWithReference) {
  metadata::ParsedDate ref;
  ref.year = 2023, ref.month = 8, ref.day = 31, ref.has_time = true, ref.hour = 16,
  ref.minute = 12, ref.second = 0, ref.zone = metadata::ParsedDate::Zone::kOffset,
  ref.offset_minutes = 120;
  ScrapedTextOptions o;
  o.reference_time = ref;
  auto r = read_scraped_text("Le Site\n\nUn titre de plusieurs mots\n\nil y a 3 heures\n\nLe texte.\n",
                             Options{}, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->article.date_published, "2023-08-31T13:12:00+02:00");
  EXPECT_EQ(r->extras.date_published_raw, "il y a 3 heures");
}

TEST(ScrapedText, Errors) {
  EXPECT_EQ(read_scraped_text("", Options{}).error().code, ErrorCode::kNoContent);
  Options small;
  small.max_input_bytes = 4;
  EXPECT_EQ(read_scraped_text("hello world", small).error().code, ErrorCode::kTooLarge);
}

TEST(ScrapedText, FurnitureLines) {
  for (std::string_view f :
       {"Loading...", "L'info de A à Z Voir Plus", "Lire aussi : Le Mali et la France",
        "Read more", "Share this article", "Subscribe now!", "Weiterlesen", "Artikel teilen",
        "Mehr zum Thema: Klima", "Leer más", "Suscríbete", "Leggi anche: la crisi", "Condividi",
        "Leia mais", "Compartilhar", "Lees meer", "Delen", "Czytaj więcej", "Udostępnij",
        "Chargement…", "Share on Facebook", "Voir plus →"})
    EXPECT_TRUE(is_furniture_line(f)) << f;
  for (std::string_view p :
       {"He told reporters to read more about the plan before voting on it, which they did.",
        "La Maison Blanche a mis en garde la Corée du Nord.", "Partagez votre avis sur le sujet dans les commentaires ci-dessous s'il vous plaît."})
    EXPECT_FALSE(is_furniture_line(p)) << p;
}

TEST(TitleCase, SeedHeadline) {
  std::string t = metadata::sentence_case(
      "LES ÉTATS-UNIS METTENT EN GARDE LA CORÉE DU NORD CONTRE LA VENTE D'ARMES À LA RUSSIE "
      "POUR SA GUERRE EN UKRAINE",
      "fr");
  if (t.empty()) GTEST_SKIP() << "no French word list installed";
  EXPECT_EQ(t,
            "Les États-Unis mettent en garde la Corée du Nord contre la vente d'armes à la "
            "Russie pour sa guerre en Ukraine");
}

TEST(TitleCase, OtherLanguages) {
  std::string en = metadata::sentence_case("OBAMA VISITS PARIS AND MEETS EUROPEAN LEADERS", "en");
  if (!en.empty()) {
    EXPECT_EQ(en, "Obama visits Paris and meets European leaders");
  }
  std::string de = metadata::sentence_case("DIE REGIERUNG IN BERLIN PLANT EIN NEUES GESETZ", "de");
  if (!de.empty()) {
    EXPECT_EQ(de, "Die Regierung in Berlin plant ein neues Gesetz");
  }
  std::string it = metadata::sentence_case("IL GOVERNO DI ROMA APPROVA LA NUOVA LEGGE", "it");
  if (!it.empty()) {
    EXPECT_EQ(it, "Il governo di Roma approva la nuova legge");
  }
}

TEST(TitleCase, NotCapitalsOrNoList) {
  EXPECT_EQ(metadata::sentence_case("Already in sentence case", "en"), "");
  EXPECT_EQ(metadata::sentence_case("UN TITRE EN MAJUSCULES", "xx"), "");
  EXPECT_TRUE(metadata::is_all_capitals("LES ÉTATS-UNIS"));
  EXPECT_FALSE(metadata::is_all_capitals("Les États-Unis"));
  EXPECT_FALSE(metadata::is_all_capitals("NASA"));
}

}  // namespace
}  // namespace gazette::text
