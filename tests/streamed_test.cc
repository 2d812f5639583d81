// Streamed React parts moved into place (src/parse/streamed.h).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "gazette/gazette.h"
#include "parse/dom.h"
#include "parse/parser.h"
#include "parse/streamed.h"

namespace gazette::parse {
namespace {

// The text of <body> with each element's tag name in brackets, so that tests see both the
// order of the text and where it sits.
std::string outline(const dom::Node* n) {
  std::string out;
  for (const dom::Node* c = n->first_child; c; c = c->next) {
    if (c->is_text()) out += c->text;
    if (c->type == dom::NodeType::kComment) out += "<!--" + std::string(c->text) + "-->";
    if (!c->is_element()) continue;
    out += "[" + std::string(c->name);
    if (c->has_attr("id")) out += "#" + std::string(c->attr("id"));
    out += " " + outline(c) + "]";
  }
  return out;
}

std::string inlined(const std::string& html, size_t expected_moves) {
  dom::Document doc;
  parse_html(html, doc);
  EXPECT_TRUE(may_have_streamed_parts(html));
  EXPECT_EQ(doc.has_template(), html.find("<template") != std::string::npos);
  EXPECT_EQ(inline_streamed_parts(doc), expected_moves) << html;
  return outline(doc.body());
}

TEST(Streamed, BoundaryFallbackIsReplacedByItsPart) {
  EXPECT_EQ(inlined("<p>Head</p><!--$?--><template id=\"B:0\"></template><p>Loading...</p>"
                    "<!--/$--><p>Tail</p><div hidden id=\"S:0\"><p>Body</p><p>More</p></div>"
                    "<script>$RC(\"B:0\",\"S:0\")</script>",
                    1),
            "[p Head]<!--$?-->[p Body][p More]<!--/$-->[p Tail][script $RC(\"B:0\",\"S:0\")]");
}

TEST(Streamed, NestedBoundaryInTheFallbackIsRemovedWithIt) {
  EXPECT_EQ(inlined("<body><!--$?--><template id=\"B:1\"></template><!--$--><p>a</p><!--/$--><p>b</p>"
                    "<!--/$--><p>Tail</p><div hidden id=\"S:1\"><p>Body</p></div>",
                    1),
            "<!--$?-->[p Body]<!--/$-->[p Tail]");
}

TEST(Streamed, SegmentReplacesItsPlaceholderHexIds) {
  EXPECT_EQ(inlined("<main><h1>Title</h1><template id=\"P:1f\"></template><p>End</p></main>"
                    "<div hidden id=\"S:1f\"><p>Streamed</p></div>",
                    1),
            "[main [h1 Title][p Streamed][p End]]");
}

TEST(Streamed, PartsInsidePartsEndUpInPlace) {
  // S:2 holds the placeholder of S:3, which comes later in the page.
  EXPECT_EQ(inlined("<article><template id=\"P:2\"></template></article>"
                    "<div hidden id=\"S:2\"><p>One</p><template id=\"P:3\"></template></div>"
                    "<div hidden id=\"S:3\"><p>Two</p></div>",
                    2),
            "[article [p One][p Two]]");
}

TEST(Streamed, PartWithoutTemplateOrInsideItselfStaysHidden) {
  // No template; a template inside its own part (moving would make a cycle); a fallback with
  // no closing comment is not removed.
  EXPECT_EQ(inlined("<div hidden id=\"S:4\"><p>Orphan</p></div>"
                    "<div hidden id=\"S:5\"><template id=\"P:5\"></template><p>Self</p></div>",
                    0),
            "[div#S:4 [p Orphan]][div#S:5 [template#P:5 ][p Self]]");
  EXPECT_EQ(inlined("<body><template id=\"B:6\"></template><p>Kept</p><div hidden id=\"S:6\">x</div>", 1),
            "x[p Kept]");
}

TEST(Streamed, OnlyHiddenDivsAndTemplatesPair) {
  EXPECT_EQ(inlined("<span id=\"P:7\"></span><div id=\"S:7\">shown</div>", 0),
            "[span#P:7 ][div#S:7 shown]");
  EXPECT_FALSE(may_have_streamed_parts("<div hidden id=\"main\">"));
}

TEST(Streamed, DocumentKnowsWhetherItHasATemplate) {
  // Extraction looks for streamed parts only in a page with a <template> (their placeholder):
  // the flag must follow each parse of a reused document, whichever backend built it.
  dom::Document doc;
  for (Backend b : {Backend::kGazette, Backend::kGumbo}) {
    parse_html("<body><div hidden id=\"S:0\"><p>part</p></div></body>", doc, b);
    EXPECT_FALSE(doc.has_template());
    parse_html("<body><p>x</p><template id=\"B:0\"></template></body>", doc, b);
    EXPECT_TRUE(doc.has_template());
    parse_html("<head><template></template></head><body></body>", doc, b);
    EXPECT_TRUE(doc.has_template());
    parse_html("<body><p>no template</p></body>", doc, b);
    EXPECT_FALSE(doc.has_template());
  }
}

TEST(Streamed, ExtractionReadsTheStreamedArticle) {
  // The article's body arrives as a streamed part after the page's footer; hidden, it was
  // left out, and the record had only the teaser.
  std::string html =
      "<html><head><title>Index funds explained</title></head><body><main><article>"
      "<h1>Index funds explained</h1><p>A short teaser about funds.</p>"
      "<template id=\"P:20\"></template></article></main><footer>Contact us</footer>"
      "<div hidden id=\"S:20\"><div>";
  for (int i = 0; i < 6; ++i)
    html += "<p>Index funds track a market index, so that an investor owns a small part of every "
            "company in it, with low costs and without picking single stocks, paragraph " +
            std::to_string(i) + ".</p>";
  html += "</div></div></body></html>";
  Extractor x;
  Result<Article> r = x.extract(html, Options());
  ASSERT_TRUE(r.ok());
  std::string body = render_body(*r, Format::kText);
  EXPECT_NE(body.find("A short teaser about funds."), std::string::npos) << body;
  EXPECT_NE(body.find("paragraph 5."), std::string::npos) << body;
  EXPECT_LT(body.find("teaser"), body.find("paragraph 0")) << body;
}

TEST(Streamed, FixturePageReadsInOrderWithoutLoadingNoteOrConsentBox) {
  std::ifstream f(std::string(GAZETTE_FIXTURES) + "/extract/streamed-parts.html");
  std::stringstream ss;
  ss << f.rdbuf();
  Extractor x;
  Result<Article> r = x.extract(ss.str(), Options());
  ASSERT_TRUE(r.ok());
  std::string body = render_body(*r, Format::kText);
  size_t intro = body.find("An index fund tracks"), work = body.find("How do index funds work?"),
         invest = body.find("How to invest in index funds");
  ASSERT_NE(intro, std::string::npos) << body;
  ASSERT_NE(work, std::string::npos) << body;
  ASSERT_NE(invest, std::string::npos) << body;
  EXPECT_LT(intro, work);
  EXPECT_LT(work, invest);
  EXPECT_EQ(body.find("Loading"), std::string::npos) << body;
  EXPECT_EQ(body.find("cookies"), std::string::npos) << body;
  EXPECT_EQ(body.find("All rights reserved"), std::string::npos) << body;
}

// Not streamed, but the same kind of page: the HTML shows a teaser, a script fills in the rest,
// and the full text is in the JSON-LD articleBody.
TEST(Streamed, JsonLdArticleBodyReplacesAShortTeaser) {
  std::string body_text;
  for (int i = 0; i < 5; ++i)
    body_text += "Paragraph " + std::to_string(i) + " of the story, on the harbour works and the "
                 "council's vote, told at length for the readers of the paper.\\n";
  auto page = [&](const std::string& ld_body) {
    return "<html><head><title>Harbour works</title><script type='application/ld+json'>"
           "{\"@type\": \"NewsArticle\", \"headline\": \"Harbour works\", \"articleBody\": \"" +
           ld_body + "\"}</script></head><body><article><h1>Harbour works</h1><p>The council "
           "voted on Tuesday.</p></article></body></html>";
  };
  Extractor x;
  Result<Article> r = x.extract(page(body_text), Options());
  ASSERT_TRUE(r.ok());
  std::string body = render_body(*r, Format::kText);
  EXPECT_NE(body.find("Paragraph 4 of the story"), std::string::npos) << body;
  EXPECT_NE(body.find("Paragraph 0 of the story"), std::string::npos) << body;
  // An articleBody with markup would come out as tags: the page's own text stays.
  r = x.extract(page("<p>" + body_text + "</p>"), Options());
  ASSERT_TRUE(r.ok());
  body = render_body(*r, Format::kText);
  EXPECT_EQ(body.find("Paragraph 4 of the story"), std::string::npos) << body;
}

}  // namespace
}  // namespace gazette::parse
