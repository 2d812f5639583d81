// Access: "free", "paywalled" or "unknown", from JSON-LD isAccessibleForFree (on the article or
// a hasPart), the article:content_tier meta, microdata, paywall class names, and a
// subscription notice closing the body.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gazette/gazette.h"
#include "metadata/access.h"
#include "metadata/jsonld.h"
#include "metadata/metadata.h"
#include "parse/parser.h"

namespace gazette::metadata {
namespace {

// The access of a page from its markup and, when given, the closing paragraphs of its body.
Article with_access(const std::string& head, const std::string& body = "",
                    const std::vector<std::string>& closing = {}, bool explain = false) {
  dom::Document doc;
  parse::parse_html("<!DOCTYPE html><html><head>" + head + "</head><body>" + body +
                        "</body></html>",
                    doc);
  Options o;
  o.explain = explain;
  Selection selection(*Policy::from(o));
  Article a;
  extract(doc, "", a, selection);
  for (const auto& p : closing) {
    Block b;
    b.text = p;
    a.blocks.push_back(b);
  }
  finish(a, selection);
  return a;
}

std::string access(const std::string& head, const std::string& body = "",
                   const std::vector<std::string>& closing = {}) {
  return with_access(head, body, closing).access;
}

std::string ld(const std::string& json) {
  return "<script type=\"application/ld+json\">" + json + "</script>";
}

TEST(Access, UnknownWithoutSignal) {
  EXPECT_EQ(access("<title>A story</title>", "<article><p>Text.</p></article>"), "unknown");
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","headline":"H"})")), "unknown");
}

TEST(Access, JsonLdIsAccessibleForFree) {
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":false})")), "paywalled");
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":true})")), "free");
  // Strings, as many sites write it.
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":"False"})")), "paywalled");
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":"false"})")), "paywalled");
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":"True"})")), "free");
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":"http://schema.org/True"})")),
            "free");
  // Neither true nor false: no signal.
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":"maybe"})")), "unknown");
  // On the page object, in a @graph.
  EXPECT_EQ(access(ld(R"({"@graph":[{"@type":"WebPage","isAccessibleForFree":"false"}]})")),
            "paywalled");
}

TEST(Access, JsonLdHasPart) {
  // Google's paywalled-content markup: the article free as a whole is not, its part is.
  Article a = with_access(
      ld(R"({"@type":"NewsArticle","isAccessibleForFree":"False","hasPart":
            {"@type":"WebPageElement","isAccessibleForFree":"False","cssSelector":".paywall"}})"),
      "", {}, true);
  EXPECT_EQ(a.access, "paywalled");
  const FieldProvenance& p = a.provenance.back();
  ASSERT_EQ(p.field, "access");
  EXPECT_EQ(p.winner.source, "json-ld");
  EXPECT_EQ(p.winner.key, "NewsArticle.hasPart .paywall");
  ASSERT_EQ(p.losers.size(), 1u);
  EXPECT_EQ(p.losers[0].key, "NewsArticle.isAccessibleForFree");
  EXPECT_EQ(p.losers[0].reason, "same value");
  // A paywalled part wins over the article's own "true", and an array of parts counts.
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":true,"hasPart":[
                 {"@type":"WebPageElement","isAccessibleForFree":true,"cssSelector":".intro"},
                 {"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".rest"}]})")),
            "paywalled");
  // Parts referenced by @id.
  EXPECT_EQ(access(ld(R"({"@graph":[{"@type":"NewsArticle","hasPart":{"@id":"#p"}},
                 {"@id":"#p","@type":"WebPageElement","isAccessibleForFree":"false"}]})")),
            "paywalled");
  // Free parts only: free.
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","hasPart":{"@type":"WebPageElement",
                 "isAccessibleForFree":"true","cssSelector":".article"}})")),
            "free");
}

TEST(Access, BrokenJsonLdIsSalvaged) {
  // Unescaped quotes: the script does not parse; its flags are read textually.
  EXPECT_EQ(access(ld(R"({"@type":"NewsArticle","headline":"A "quoted" word",
                 "isAccessibleForFree": false})")),
            "paywalled");
}

TEST(Access, ContentTierMeta) {
  EXPECT_EQ(access(R"(<meta property="article:content_tier" content="locked">)"), "paywalled");
  EXPECT_EQ(access(R"(<meta property="article:content_tier" content="metered">)"), "paywalled");
  EXPECT_EQ(access(R"(<meta name="article:content_tier" content="free">)"), "free");
  EXPECT_EQ(access(R"(<meta property="article:content_tier" content="archive">)"), "unknown");
}

TEST(Access, Microdata) {
  EXPECT_EQ(access(R"(<meta itemprop="isAccessibleForFree" content="false">)"), "paywalled");
  EXPECT_EQ(access("", R"(<div itemscope itemtype="https://schema.org/NewsArticle">
                          <meta itemprop="isAccessibleForFree" content="True"></div>)"),
            "free");
}

TEST(Access, PaywallClassNames) {
  EXPECT_EQ(access("", R"(<article><p>Start.</p><div class="paywall">Subscribe</div></article>)"),
            "paywalled");
  EXPECT_EQ(access("", R"(<article class="story paywalled"><p>Start.</p></article>)"),
            "paywalled");
  EXPECT_EQ(access("", R"(<div id="subscriber-only"><p>Rest.</p></div>)"), "paywalled");
  // Whole tokens only: free posts of blogs using Steady, and vendors' script slots.
  EXPECT_EQ(access("", R"(<div class="post steady-paywall-container"><p>Text.</p></div>)"),
            "unknown");
  EXPECT_EQ(access("", R"(<div id="piano-script"></div><div class="paywall-promo"></div>)"),
            "unknown");
  // In a script's string it is not markup.
  EXPECT_EQ(access("", R"(<script>var t = '<div class="paywall"></div>';</script>)"), "unknown");
}

TEST(Access, JsonLdOutranksMarkup) {
  // A metered site's paywall template on a page the publisher states is free.
  Article a = with_access(ld(R"({"@type":"NewsArticle","isAccessibleForFree":true})"),
                          R"(<section class="paywall"></section>)", {}, true);
  EXPECT_EQ(a.access, "free");
  const FieldProvenance& p = a.provenance.back();
  EXPECT_EQ(p.winner.source, "json-ld");
  ASSERT_EQ(p.losers.size(), 1u);
  EXPECT_EQ(p.losers[0].source, "class name");
  EXPECT_EQ(p.losers[0].key, "paywall");
  EXPECT_EQ(p.losers[0].reason, "lower priority than json-ld");
}

TEST(Access, SubscriptionNoticeClosingTheBody) {
  std::string story(200, 'x');
  EXPECT_EQ(access("", "", {story, "Subscribe to continue reading."}), "paywalled");
  EXPECT_EQ(access("", "", {story, "Il vous reste 62% de cet article à lire.",
                            "Déjà abonné ? Se connecter"}),
            "paywalled");
  EXPECT_EQ(access("", "", {story, "Abonnez-vous pour lire la suite"}), "paywalled");
  EXPECT_EQ(access("", "", {story, "Dieser Artikel ist nur für Abonnenten verfügbar."}),
            "paywalled");
  EXPECT_EQ(access("", "", {story, "Jetzt Abo abschließen und weiterlesen"}), "paywalled");
  EXPECT_EQ(access("", "", {story, "Suscríbete para seguir leyendo"}), "paywalled");
  EXPECT_EQ(access("", "", {story, "Questo articolo è riservato agli abbonati"}), "paywalled");
  EXPECT_EQ(access("", "", {story, "Conteúdo exclusivo para assinantes"}), "paywalled");
  EXPECT_EQ(access("", "", {story, "Dit artikel is alleen voor abonnees"}), "paywalled");
  EXPECT_EQ(access("", "", {story, "Ten artykuł jest dostępny tylko dla subskrybentów"}),
            "paywalled");
  // What free articles end with.
  EXPECT_EQ(access("", "", {story, "Subscribe to our newsletter for more stories."}), "unknown");
  EXPECT_EQ(access("", "", {story, "Continue reading the main story"}), "unknown");
  EXPECT_EQ(access("", "", {story, "Abonnieren Sie jetzt den Newsletter!"}), "unknown");
  EXPECT_EQ(access("", "", {story, "Assine o 247, apoie por Pix, inscreva-se na TV 247"}),
            "unknown");
  // Only the closing paragraphs: a notice quoted early in the story is not one.
  EXPECT_EQ(access("", "", {"Subscribe to continue reading.", story, story, story}), "unknown");
  // A long paragraph is the story, whatever it says.
  EXPECT_EQ(access("", "", {story + " subscribe to continue reading " + story}), "unknown");
}

TEST(Access, NoticeHelpers) {
  EXPECT_TRUE(access::is_subscription_notice("Already a subscriber? Log in"));
  EXPECT_FALSE(access::is_subscription_notice("Continue reading about the passing of a legend"));
  EXPECT_EQ(access::content_tier("LOCKED"), access::kPaywalled);
  EXPECT_EQ(access::content_tier("free"), access::kFree);
  EXPECT_FALSE(access::content_tier("archive"));
  EXPECT_EQ(access::paywall_token("story paywall"), "paywall");
  EXPECT_EQ(access::paywall_token("steady-paywall-container"), "");
  EXPECT_EQ(jsonld::truth_value("schema:False"), false);
  EXPECT_EQ(jsonld::truth_value(" TRUE "), true);
  EXPECT_FALSE(jsonld::truth_value("yes"));
}

// End to end through the public API, and in the JSON record.
TEST(Access, InTheRecord) {
  std::string page =
      "<html><head>" + ld(R"({"@type":"NewsArticle","headline":"Port closed",
                              "isAccessibleForFree":"False"})") +
      "</head><body><article><h1>Port closed</h1><p>The harbour authority closed the port on "
      "Friday evening as the storm reached the coast, with gusts of more than a hundred "
      "kilometres an hour recorded on the breakwater.</p></article></body></html>";
  Extractor extractor;
  auto r = extractor.extract(page);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->access, "paywalled");
  std::string json = to_json(*r, Format::kText);
  EXPECT_NE(json.find(R"("image": null, "access": "paywalled", "body": )"), std::string::npos)
      << json;
}

TEST(Access, ScrapedTextNotice) {
  std::string dump =
      "Le Quotidien\n\n"
      "Le conseil municipal vote le budget de la ville\n\n"
      "Le conseil municipal a voté mardi soir le nouveau budget, critiqué depuis des mois par "
      "les habitants, les commerçants et l'opposition.\n\n"
      "Abonnez-vous pour lire la suite\n\n"
      "Loading...\n";
  Options o;
  o.input_format = InputFormat::kText;
  o.explain = true;
  Extractor extractor;
  auto r = extractor.extract(dump, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->access, "paywalled");
  EXPECT_EQ(r->provenance.back().winner.source, "scraped-text line");
  // The notice is furniture: it stays out of the body.
  EXPECT_EQ(r->body.find("Abonnez-vous"), std::string::npos);
  o.explain = false;
  auto free = extractor.extract(
      "Le Quotidien\n\nLe conseil municipal vote le budget de la ville\n\nLe conseil municipal a "
      "voté mardi soir le nouveau budget, critiqué depuis des mois par les habitants.\n",
      o);
  ASSERT_TRUE(free.ok());
  EXPECT_EQ(free->access, "unknown");
}

}  // namespace
}  // namespace gazette::metadata
