#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "metadata/dateline.h"

namespace gazette::metadata {
namespace {

struct Case {
  std::string_view text;
  std::string_view place;   // expected; "-" = no dateline
  std::string_view agency;
  std::string_view rest;    // text after the dateline ("" = the whole line is the dateline)
};

// Datelines as wire services and newspapers write them, in eight languages.
constexpr Case kCases[] = {
    // The forms
    {"PARIS (AFP) - Le gouvernement a annoncé", "Paris", "AFP", "Le gouvernement a annoncé"},
    {"WASHINGTON (Reuters) — The White House said", "Washington", "Reuters", "The White House said"},
    {"Paris / La Gazette", "Paris", "La Gazette", ""},
    {"BERLIN, 3. März (dpa) - Die Bundesregierung", "Berlin", "dpa", "Die Bundesregierung"},
    {"LONDRES, 12 juin (Reuters) - La livre sterling", "Londres", "Reuters", "La livre sterling"},
    {"MOSCOW, June 12 (Reuters) - Russia said", "Moscow", "Reuters", "Russia said"},
    {"(AP) — A powerful storm", "", "AP", "A powerful storm"},
    // English wires
    {"NEW YORK (AP) — Stocks rose", "New York", "AP", "Stocks rose"},
    {"LOS ANGELES (AP) — The city", "Los Angeles", "AP", "The city"},
    {"KYIV, Ukraine (AP) — Russian forces", "Kyiv, Ukraine", "AP", "Russian forces"},
    {"GAZA CITY, Gaza Strip (AP) — Israeli", "Gaza City, Gaza Strip", "AP", "Israeli"},
    {"WASHINGTON — The Senate voted", "Washington", "", "The Senate voted"},
    {"SAN FRANCISCO -- Tech shares", "San Francisco", "", "Tech shares"},
    {"LONDON, June 12 (Reuters) - British", "London", "Reuters", "British"},
    {"TOKYO, Jan. 5 (Reuters) - Japan's", "Tokyo", "Reuters", "Japan's"},
    {"NEW DELHI, Sept 3 (Reuters) - India", "New Delhi", "Reuters", "India"},
    {"WASHINGTON, June 12 (Reuters) -", "Washington", "Reuters", ""},
    {"(Reuters) - Apple Inc said", "", "Reuters", "Apple Inc said"},
    {"(CNN) — A judge", "", "CNN", "A judge"},
    {"(AFP) - Le président", "", "AFP", "Le président"},
    {"BEIJING (Reuters) - China's", "Beijing", "Reuters", "China's"},
    {"SYDNEY (AP) — Australia", "Sydney", "AP", "Australia"},
    {"WASHINGTON, D.C. (AP) — Lawmakers", "Washington, D.C.", "AP", "Lawmakers"},
    {"SACRAMENTO, Calif. (AP) — California", "Sacramento, Calif.", "AP", "California"},
    {"LONDON (Bloomberg) -- The pound", "London", "Bloomberg", "The pound"},
    {"NAIROBI, Kenya — Kenya's", "Nairobi, Kenya", "", "Kenya's"},
    {"WASHINGTON (AP)", "Washington", "AP", ""},
    // French
    {"PARIS, 12 juin (AFP) - Le Premier ministre", "Paris", "AFP", "Le Premier ministre"},
    {"BRUXELLES (AFP) - La Commission", "Bruxelles", "AFP", "La Commission"},
    {"SAINT-DENIS (AFP) - Le stade", "Saint-Denis", "AFP", "Le stade"},
    {"Paris (AFP) - Le gouvernement", "Paris", "AFP", "Le gouvernement"},
    {"MONTRÉAL (La Presse Canadienne) - Le", "Montréal", "La Presse Canadienne", "Le"},
    {"Lyon / Le Progrès", "Lyon", "Le Progrès", ""},
    {"PARIS, le 12 juin 2023 (AFP) - Le", "Paris", "AFP", "Le"},
    {"GENÈVE (ATS) - Le Conseil", "Genève", "ATS", "Le Conseil"},
    {"ÉVREUX (AFP) – La préfecture", "Évreux", "AFP", "La préfecture"},
    {"Marseille (AFP) La ville", "Marseille", "AFP", "La ville"},
    // German
    {"Berlin (dpa) - Die Koalition", "Berlin", "dpa", "Die Koalition"},
    {"Berlin (dpa/AFP) - Die Regierung", "Berlin", "dpa/AFP", "Die Regierung"},
    {"FRANKFURT AM MAIN (dpa-AFX) - Der Dax", "Frankfurt am Main", "dpa-AFX", "Der Dax"},
    {"Wien (APA) - Die Regierung", "Wien", "APA", "Die Regierung"},
    {"Zürich (sda) - Der Bundesrat", "Zürich", "sda", "Der Bundesrat"},
    {"MÜNCHEN, 5. Mai (Reuters) - Siemens", "München", "Reuters", "Siemens"},
    {"Hamburg (dpa/lno) – Ein Feuer", "Hamburg", "dpa/lno", "Ein Feuer"},
    {"Berlin, 3. März – Die Regierung", "Berlin", "", "Die Regierung"},
    // Spanish
    {"MADRID (EFE) - El Gobierno", "Madrid", "EFE", "El Gobierno"},
    {"Madrid, 12 jun (EFE).- El Gobierno", "Madrid", "EFE", "El Gobierno"},
    {"MADRID.- El Gobierno", "Madrid", "", "El Gobierno"},
    {"BUENOS AIRES (AFP) - La inflación", "Buenos Aires", "AFP", "La inflación"},
    {"CIUDAD DE MÉXICO (AP) — El presidente", "Ciudad de México", "AP", "El presidente"},
    {"BOGOTÁ, 12 de junio (Reuters) - Colombia", "Bogotá", "Reuters", "Colombia"},
    // Italian
    {"ROMA (ANSA) - Il governo", "Roma", "ANSA", "Il governo"},
    {"MILANO, 12 GIU - La Borsa", "Milano", "", "La Borsa"},
    {"Roma, 12 giugno (Adnkronos) - Il premier", "Roma", "Adnkronos", "Il premier"},
    {"NAPOLI (ANSA) – Un incendio", "Napoli", "ANSA", "Un incendio"},
    // Portuguese
    {"SÃO PAULO (Reuters) - O Ibovespa", "São Paulo", "Reuters", "O Ibovespa"},
    {"LISBOA (Lusa) - O Governo", "Lisboa", "Lusa", "O Governo"},
    {"RIO DE JANEIRO (AFP) - A polícia", "Rio de Janeiro", "AFP", "A polícia"},
    {"Brasília, 12 de junho (Agência Brasil) - O", "Brasília", "Agência Brasil", "O"},
    // Dutch
    {"AMSTERDAM (ANP) - Het kabinet", "Amsterdam", "ANP", "Het kabinet"},
    {"DEN HAAG (ANP) - De Tweede Kamer", "Den Haag", "ANP", "De Tweede Kamer"},
    {"BRUSSEL (Belga) - De regering", "Brussel", "Belga", "De regering"},
    // Polish
    {"WARSZAWA (PAP) - Rząd", "Warszawa", "PAP", "Rząd"},
    {"KRAKÓW (PAP) – Policja", "Kraków", "PAP", "Policja"},
    {"Warszawa, 12 czerwca (PAP) - Sejm", "Warszawa", "PAP", "Sejm"},
    // Not datelines
    {"The president said on Monday that", "-", "", ""},
    {"Exclusive – Trump says", "-", "", ""},
    {"Le gouvernement (qui était réuni) - a décidé", "-", "", ""},
    {"Paris, the capital of France, is", "-", "", ""},
    {"In 2023 (a record year) - sales", "-", "", ""},
    {"La Maison Blanche a mis en garde la Corée du Nord", "-", "", ""},
    {"Update - the figures were revised", "-", "", ""},
    {"", "-", "", ""},
    {"(Photo: Reuters/John Doe)", "-", "", ""},
    {"Paris / Berlin / Rome : trois capitales", "-", "", ""},
    {"BREAKING NEWS", "-", "", ""},
    // Photo credits, notes and headings seen on real pages
    {"Deniz Aytekin (Kevin Voigt/GettyImages)", "-", "", ""},
    {"Murat Kula (Anadolu Agency via Getty Images)", "-", "", ""},
    {"TLDR: the short version", "-", "", ""},
    {"DISCLAIMER: this is not advice", "-", "", ""},
    {"VIEW PDF HTML (experimental)", "-", "", ""},
    {"SELECT, TABLE, WITH - SQL keywords", "-", "", ""},
    {"Mittwoch – Die Sitzung", "-", "", ""},
    {"Home (Electronics and gadgets) - Deals", "-", "", ""},
    {"Parco (Pescasseroli, 14 Gennaio 20) - Il", "-", "", ""},
};

TEST(Dateline, Table) {
  EXPECT_GE(std::size(kCases), 60u);
  for (const Case& c : kCases) {
    size_t consumed = 12345;
    auto d = parse_dateline(c.text, &consumed);
    if (c.place == "-") {
      EXPECT_FALSE(d) << "'" << c.text << "' gave place '" << (d ? d->place : "") << "' agency '"
                      << (d ? d->agency : "") << "'";
      continue;
    }
    ASSERT_TRUE(d) << "no dateline in '" << c.text << "'";
    EXPECT_EQ(d->place, c.place) << c.text;
    EXPECT_EQ(d->agency, c.agency) << c.text;
    ASSERT_LE(consumed, c.text.size()) << c.text;
    EXPECT_EQ(c.text.substr(consumed), c.rest) << c.text;
  }
}

TEST(Dateline, ConsumedMayBeNull) {
  auto d = parse_dateline("PARIS (AFP) - Texte", nullptr);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->place, "Paris");
}

Block paragraph(std::string text) {
  Block b;
  b.text = std::move(text);
  return b;
}

TEST(Dateline, OwnLineLeavesTheBodyFirstSentenceStays) {
  std::vector<Block> own = {paragraph("WASHINGTON (Reuters)"), paragraph("The White House said.")};
  auto d = take_dateline(own);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->place, "Washington");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].text, "The White House said.");

  std::vector<Block> opening = {paragraph("PARIS (AFP) - Le gouvernement a annoncé."),
                                paragraph("Suite.")};
  d = take_dateline(opening);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->agency, "AFP");
  ASSERT_EQ(opening.size(), 2u);
  EXPECT_EQ(opening[0].text, "PARIS (AFP) - Le gouvernement a annoncé.");

  // A photo credit line in a page is not a source line.
  std::vector<Block> credit = {paragraph("Olena Shmahalo / Quanta Magazine"), paragraph("Text.")};
  EXPECT_FALSE(take_dateline(credit));
  EXPECT_EQ(credit.size(), 2u);

  std::vector<Block> none = {paragraph("Nothing here."), paragraph("Nor here.")};
  EXPECT_FALSE(take_dateline(none));
  EXPECT_EQ(none.size(), 2u);
}

}  // namespace
}  // namespace gazette::metadata
