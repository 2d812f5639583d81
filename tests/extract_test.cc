// Main-content extraction on small hand-written pages: structure kept, boilerplate left out.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/boilerplate.h"
#include "extract/class_names.h"
#include "extract/extract.h"
#include "parse/parser.h"
#include "util/word_list.h"

namespace gazette::extract {
namespace {

const char* kLorem =
    "The council met on Tuesday evening to debate the new budget, which has been criticised "
    "by residents, local businesses and the opposition for months.";

std::string page(const std::string& body) {
  return "<html><head><title>Budget vote - Town News</title></head><body>" + body +
         "</body></html>";
}

std::string para(int i) {
  return "<p>Paragraph " + std::to_string(i) + ". " + kLorem + "</p>";
}

std::vector<Block> run(const std::string& html, std::string_view title = "Budget vote") {
  dom::Document doc;
  parse::parse_html(html, doc);
  std::vector<Block> blocks;
  Hints hints;
  hints.title = title;
  extract_body(doc, hints, blocks);
  return blocks;
}

std::string joined(const std::vector<Block>& blocks) {
  std::string s;
  for (auto& b : blocks) s += b.text + "\n";
  return s;
}

TEST(Extract, KeepsArticleParagraphsAndDropsNavigationAndFooter) {
  std::string body = "<nav><ul><li><a href=/>Home</a></li><li><a href=/n>News</a></li></ul></nav>"
                     "<article><h1>Budget vote</h1>" + para(1) + para(2) + para(3) + "</article>"
                     "<footer><p>Copyright Town News, all rights reserved, since 1900.</p></footer>";
  auto blocks = run(page(body));
  std::string text = joined(blocks);
  EXPECT_NE(text.find("Paragraph 1."), std::string::npos);
  EXPECT_NE(text.find("Paragraph 3."), std::string::npos);
  EXPECT_EQ(text.find("Home"), std::string::npos);
  EXPECT_EQ(text.find("Copyright"), std::string::npos);
  // The repeated headline is left out.
  EXPECT_EQ(text.find("Budget vote"), std::string::npos);
  EXPECT_EQ(blocks.size(), 3u);
}

TEST(Extract, BoilerplateClassesAreLeftOut) {
  const char* boxes[] = {"share-buttons", "related-articles", "newsletter-signup", "cookie-notice",
                         "comments", "sidebar"};
  for (const char* cls : boxes) {
    std::string body = "<div class=story>" + para(1) + para(2) + "<div class='" + cls +
                       "'><p>Boilerplate box text that is long enough to be scored, really, "
                       "with commas, many, of them.</p></div>" + para(3) + "</div>";
    std::string text = joined(run(page(body)));
    EXPECT_EQ(text.find("Boilerplate box"), std::string::npos) << cls;
    EXPECT_NE(text.find("Paragraph 3."), std::string::npos) << cls;
  }
}

TEST(Extract, StructureIsKept) {
  std::string body = "<article>" + para(1) +
                     "<h2>Reactions</h2><ul><li>First point made here</li><li>Second point</li></ul>"
                     "<ol><li>One</li></ol>"
                     "<blockquote><p>We will not accept this budget as it stands, said the mayor.</p></blockquote>"
                     "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Roads</td><td>5m</td></tr></table>"
                     "<pre>  code   kept\n  verbatim</pre>" + para(2) + "</article>";
  auto blocks = run(page(body));
  ASSERT_GE(blocks.size(), 9u);
  EXPECT_EQ(blocks[1].kind, Block::Kind::kHeading);
  EXPECT_EQ(blocks[1].level, 2);
  EXPECT_EQ(blocks[2].kind, Block::Kind::kListItem);
  EXPECT_FALSE(blocks[2].ordered);
  EXPECT_EQ(blocks[4].kind, Block::Kind::kListItem);
  EXPECT_TRUE(blocks[4].ordered);
  EXPECT_EQ(blocks[5].kind, Block::Kind::kQuote);
  EXPECT_EQ(blocks[6].kind, Block::Kind::kTableRow);
  EXPECT_EQ(blocks[6].text, "Item\tCost");
  EXPECT_EQ(blocks[7].text, "Roads\t5m");
  EXPECT_EQ(blocks[8].kind, Block::Kind::kCode);
  EXPECT_EQ(blocks[8].text, "  code   kept\n  verbatim");
}

TEST(Extract, WhitespaceIsNormalisedAndBrBreaksLines) {
  std::string body = "<article><p>  Line   one,\n  still one<br>line two  </p>" + para(1) + para(2) +
                     "</article>";
  auto blocks = run(page(body));
  ASSERT_FALSE(blocks.empty());
  EXPECT_EQ(blocks[0].text, "Line one, still one\nline two");
}

TEST(Extract, WhitespaceRunsOfEveryLengthAndPlace) {
  // Text with words of every length and runs of each kind of whitespace at every offset (the
  // block writer appends runs of single-spaced words whole, found 16 bytes at a time): each
  // run becomes one space, as a byte-by-byte statement of the rule says.
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(state >> 33);
  };
  const char kSpaces[] = {' ', '\n', '\t', '\f'};
  for (int round = 0; round < 60; ++round) {
    std::string text, expected;
    for (int w = 0; w < 40; ++w) {
      const unsigned len = 1 + next() % 24;
      std::string word;
      for (unsigned k = 0; k < len; ++k) word += static_cast<char>('a' + next() % 26);
      // Mostly one space, sometimes a run of any whitespace.
      std::string gap = next() % 4 != 0 ? " " : "";
      for (unsigned k = next() % 3; gap.empty() || k > 0; --k) {
        gap += kSpaces[next() % 4];
        if (k == 0) break;
      }
      text += word + gap;
      expected += (expected.empty() ? "" : " ") + word;
    }
    auto blocks = run(page("<article><p>" + text + "</p>" + para(1) + para(2) + "</article>"));
    ASSERT_FALSE(blocks.empty());
    EXPECT_EQ(blocks[0].text, expected) << text;
  }
}

TEST(Extract, EveryPostOfAThread) {
  // A forum thread whose posts schema.org microdata marks: the long first post scores best,
  // the short replies sit in cards with more links and labels than text, so that only the
  // markup says they belong to the thread.
  auto card = [](int i) {
    std::string c = "<div class=message-user><a href=/u" + std::to_string(i) + ">member" +
                    std::to_string(i) + "</a><dl><dt>Joined</dt><dd>Jan 2020</dd><dt>Messages"
                    "</dt><dd>1,234</dd><dt>Reaction score</dt><dd>567</dd></dl>";
    for (int k = 0; k < 6; ++k)
      c += "<a href=/badge" + std::to_string(k) + ">Badge " + std::to_string(k) + "</a> ";
    return c + "</div>";
  };
  std::string first;
  for (int i = 0; i < 8; ++i) first += para(i);
  // Posts as <div>s (Readability's cleaning would drop a reply for its card's links) and as
  // <article>s (each would be an article hint).
  std::string posts =
      "<article class=message itemscope itemtype=\"https://schema.org/Comment\">" + card(0) +
      "<div class=message-body>" + first + "</div></article>";
  for (int i = 1; i <= 3; ++i)
    posts += std::string(i == 2 ? "<article" : "<div") +
             " class=message itemscope itemtype=\"https://schema.org/Comment\">" + card(i) +
             "<div class=message-body><p>Reply " + std::to_string(i) +
             ": same here: I upgraded the firmware last week and the laptop has run without a "
             "crash since then.</p></div>" + (i == 2 ? "</article>" : "</div>");
  std::string html =
      "<html><head><title>Budget vote - Forum</title><script type=\"application/ld+json\">"
      "{\"@type\": \"DiscussionForumPosting\", \"headline\": \"Budget vote\"}</script>"
      "</head><body><nav><a href=/>Forums</a></nav><h1>Budget vote</h1><div class=thread>" +
      posts + "</div><footer><p>Forum software by Example.</p></footer></body></html>";
  std::string text = joined(run(html));
  EXPECT_NE(text.find("Paragraph 7."), std::string::npos) << text;
  EXPECT_NE(text.find("Reply 1:"), std::string::npos) << text;
  EXPECT_NE(text.find("Reply 3:"), std::string::npos) << text;
  EXPECT_EQ(text.find("Forum software"), std::string::npos) << text;
}

// A service page: sections of similar weight, each with a list of links under its text (which
// stops the climb from one section to the next), the first a little longer.
std::string sections(bool in_main, bool wrapped = true) {
  const char* kSections[] = {
      "We build data platforms for retailers, banks and hospitals, from the first audit of what "
      "they hold to the dashboards their teams open every morning.",
      "Our engineers move warehouses to the cloud without a day of downtime, and train the "
      "people who will run them after we leave.",
      "Dashboards show what happened; our forecasting models show what is likely to happen "
      "next quarter, with the uncertainty spelled out.",
      "Every project starts with a two-week assessment, priced in advance, after which you own "
      "the findings whether you continue with us or not."};
  auto links = [](int i) {
    std::string l = "<ul class=cta>";
    for (const char* w : {"Learn more about this service", "Book a call with our team",
                          "Read the case studies", "See pricing and plans"})
      l += "<li><a href=/s" + std::to_string(i) + ">" + w + "</a></li>";
    return l + "</ul>";
  };
  std::string s = "<header><nav><a href=/>Home</a> <a href=/services>Services</a> "
                  "<a href=/about>About</a></nav></header>";
  if (in_main || wrapped) s += in_main ? "<main>" : "<div class=page>";
  // Long enough (over extract's kRecallCheckChars) that no recall pass looks further.
  // The first section scores best; the others, at 40% of it, are not near-best candidates
  // whose common ancestor would win anyway, but hold more text together.
  auto text = [&](int i, int times) {
    std::string p;
    for (int k = 0; k < times; ++k)
      p += "<p>" + std::string(kSections[i]) + " " + kSections[i] + "</p>";
    return p;
  };
  s += "<section class=hero><h1>Data analytics services</h1><div class=text>" + text(0, 5) +
       "</div>" + links(0) + "</section>";
  for (int i = 1; i < 4; ++i)
    s += "<section class=feature" + std::to_string(i) + "><h2>Feature " + std::to_string(i) +
         "</h2><div class=text>" + text(i, 2) + "</div>" + links(i) + "</section>";
  if (in_main || wrapped) s += in_main ? "</main>" : "</div>";
  s += "<footer><p>Copyright 2025 Example Analytics. All rights reserved.</p></footer>";
  return s;
}

std::vector<Block> run_with(const std::string& html, bool article) {
  dom::Document doc;
  parse::parse_html(html, doc);
  std::vector<Block> blocks;
  Hints hints;
  hints.title = "Data analytics services";
  hints.article = article;
  extract_body(doc, hints, blocks);
  return blocks;
}

TEST(Extract, EverySectionOfASectionedPage) {
  // The region is the <main>; without one, on a page without an article's metadata, the
  // top-level block of <body>, or <body> when that block holds less than half of its text.
  for (bool in_main : {true, false}) {
    std::string text = joined(run_with(page(sections(in_main)), false));
    EXPECT_NE(text.find("build data platforms"), std::string::npos) << text;
    EXPECT_NE(text.find("move warehouses"), std::string::npos) << text;
    EXPECT_NE(text.find("forecasting models"), std::string::npos) << text;
    EXPECT_NE(text.find("two-week assessment"), std::string::npos) << text;
    EXPECT_EQ(text.find("Copyright"), std::string::npos) << text;
  }
  // Without a wrapper, the sections are <body>'s own children: the region is <body>.
  {
    std::string text = joined(run_with(page(sections(false, false)), false));
    EXPECT_NE(text.find("build data platforms"), std::string::npos) << text;
    EXPECT_NE(text.find("two-week assessment"), std::string::npos) << text;
    EXPECT_EQ(text.find("Copyright"), std::string::npos) << text;
  }
  // An article (it has a date or an author) is not widened to its page's wrapper.
  std::string text = joined(run_with(page(sections(false)), true));
  EXPECT_NE(text.find("build data platforms"), std::string::npos) << text;
  EXPECT_EQ(text.find("move warehouses"), std::string::npos) << text;
}

// A list of links to related stories: text that is not paragraph text.
std::string links(int n) {
  std::string ul = "<ul>";
  for (int i = 0; i < 20; ++i)
    ul += "<li><a href='/r" + std::to_string(n * 100 + i) + "'>Related story number " +
          std::to_string(i) + " about the council budget</a></li>";
  return ul + "</ul>";
}

TEST(Extract, EverySectionOfAnArticleWrittenAsSections) {
  // One <section> per heading, all of one class, the text six levels down (too deep for the
  // sections to be scored): the top candidate is one section's text; the article is all of them. Not a page builder's sections, where
  // the article's own section holds most of the text.
  std::string body = "<div class='ArticlePage_content'>";
  for (int s = 0; s < 4; ++s)
    body += "<section class='BlogSection_blogSection' id='section_" + std::to_string(s) +
            "'><div class='container'><div class='wrapper'><div class='RichText'><div><div><h2>Part " +
            std::to_string(s) + "</h2>" + para(10 * s) + para(10 * s + 1) + (s == 2 ? para(99) : "") +
            links(s) + "</div></div></div></div></div></section>";
  body += "</div><footer><p>Copyright Example Corp, all rights reserved, since 1999.</p></footer>";
  std::string text = joined(run_with(page(body), true));
  for (int p : {0, 11, 20, 99, 31}) EXPECT_NE(text.find("Paragraph " + std::to_string(p) + "."), std::string::npos) << text;
  EXPECT_EQ(text.find("Copyright"), std::string::npos) << text;

  std::string builder =
      "<main><section class='brxe-section'><div class='brxe-container'><div class='brxe-block'>"
      "<div><div><div><h1>Budget vote</h1>";
  for (int i = 0; i < 8; ++i) builder += para(i);
  builder += "</div></div></div></div></div></section><section class='brxe-section'>"
             "<div class='brxe-container'><div class='brxe-block'><div><div><div><h2>Questions?</h2>";
  for (int i = 50; i < 54; ++i) builder += para(i);
  builder += links(9) + "</div></div></div></div></div></section></main>";
  text = joined(run_with(page(builder), true));
  EXPECT_NE(text.find("Paragraph 7."), std::string::npos) << text;
  EXPECT_EQ(text.find("Paragraph 50."), std::string::npos) << text;
}

TEST(Extract, SyntaxHighlighterClassesAreNotBoilerplate) {
  // highlight.js marks a code comment "hljs-comment": inside <pre>, that is not readers'
  // comments.
  std::string body = "<article>" + para(1) +
                     "<pre><code class='language-bash'><span class='hljs-comment'># stage every "
                     "modified file</span>\ngit add -A</code></pre>" + para(2) + "</article>";
  std::string text = joined(run(page(body)));
  EXPECT_NE(text.find("# stage every modified file"), std::string::npos) << text;
  EXPECT_NE(text.find("git add -A"), std::string::npos) << text;
}

TEST(Extract, ConsentDialogIsNeverContentEvenInTheRecallPasses) {
  // A short article (under the recall check, so the relaxed and lenient passes run) and a
  // consent dialog listing its services at length: the dialog must not win.
  std::string body = "<article><h1>Budget vote</h1>" + para(1) + para(2) + para(3) + "</article>"
                     "<div class='sp-dsgvo sp-dsgvo-popup-overlay not-accepted'><div>";
  for (int i = 0; i < 40; ++i)
    body += "<p>Service " + std::to_string(i) + ": purpose, statistics of our website; processing, "
            "collection of connection data and browser data; storage up to two years.</p>";
  body += "</div></div>";
  std::string text = joined(run(page(body)));
  EXPECT_NE(text.find("Paragraph 3."), std::string::npos) << text;
  EXPECT_EQ(text.find("Service 7:"), std::string::npos) << text;
}

TEST(Boilerplate, DrupalLabelHiddenIsNotAHiddenElement) {
  // "field--label-hidden" hides a Drupal field's label, not the field: the body field weighs
  // as content ("body"), not as hidden content.
  dom::Document doc;
  parse::parse_html("<div class='field field--name-body field--label-hidden field__item'></div>"
                    "<div class='visually-hidden'></div>", doc);
  EXPECT_GT(class_weight(doc.body()->first_child), 0.f);
  EXPECT_LT(class_weight(doc.body()->last_child), 0.f);
}

TEST(ClassNames, KeptJudgementAgreesWithTheUncachedOne) {
  // names_of caches per token, per class value and on the node; judge_value does none of it.
  // Values repeat (cache hits), differ in case, and hold several tokens.
  const char* values[] = {"post-author", "Post-Author", "entry-content main", "sidebar widget",
                          "has-sidebar", "field--label-hidden byline", "related-articles",
                          "entry-meta posted-on", "cookie-banner", "paywall-subscriber",
                          "commentary", "", "x", "Comments", "comments-area"};
  std::string html;
  for (int round = 0; round < 3; ++round)
    for (const char* v : values)
      html += std::string("<div class='") + v + "' id='" + values[(round + 3) % 15] + "'></div>";
  dom::Document doc;
  parse::parse_html(html, doc);
  int checked = 0;
  for (dom::Node* n = doc.body()->first_child; n; n = n->next, ++checked) {
    const uint32_t cls = judge_value(n->attr("class")), id = judge_value(n->attr("id"));
    for (int twice = 0; twice < 2; ++twice) {
      const Names names = names_of(n);
      EXPECT_EQ(names.cls, cls & 0xffff) << n->attr("class");
      EXPECT_EQ(names.id, id & 0xffff) << n->attr("id");
      EXPECT_EQ(names.words, (cls | id) >> 16 & 0xff) << n->attr("class") << " / " << n->attr("id");
      EXPECT_EQ(names.marks_comments, ((cls & (3u << 24)) || (id & (1u << 24))))
          << n->attr("class") << " / " << n->attr("id");
    }
  }
  EXPECT_EQ(checked, 45);
}

TEST(ClassNames, ContextWordsAreComparedAsWritten) {
  // Metadata's context test (readers' comments, related stories, sidebars) has always been
  // case-sensitive; the case-blind vocabulary finds the candidates, the raw token decides.
  EXPECT_NE(judge_value("comments-area") & (1u << 24), 0u);
  EXPECT_EQ(judge_value("Comments") & (1u << 24), 0u);
  EXPECT_NE(judge_value("widget has-sidebar") & (1u << 25), 0u);
  EXPECT_EQ(judge_value("SideBar Related") & (1u << 25), 0u);
  EXPECT_NE(judge_value("x Related-related") & (1u << 25), 0u);
}

TEST(ClassNames, MetadataWordsCountInTokensExtractionSetsAside) {
  // A layout token ("has-...") and Drupal's "label-hidden" say nothing about boilerplate, but
  // the byline and dateline searches still read their words; case does not matter.
  EXPECT_EQ(judge_value("has-byline") >> 16, uint32_t{kBylineWord});
  EXPECT_EQ(judge_value("has-byline") & kNameStrong, 0u);
  EXPECT_EQ(judge_value("field--label-hidden-date") >> 16,
            uint32_t{kDatelineWord | kNotBylineWord});  // "label"
  EXPECT_EQ(judge_value("field--label-hidden-date") & 0xffff, 0u);
  EXPECT_EQ(judge_value("Article-AUTHOR") >> 16, uint32_t{kBylineWord});
  EXPECT_EQ(judge_value("author-avatar") >> 16, uint32_t{kBylineWord | kNotBylineWord});
  EXPECT_NE(judge_value("related-articles") & kNameStrong, 0u);
  EXPECT_EQ(judge_value("has-related") & kNameStrong, 0u);  // a layout token
  EXPECT_NE(judge_value("has-related") & kNameNegative, 0u);  // but still Readability's weight
}

TEST(Extract, TheStoryUnderTheHeadlineOfAPageThatScrollsIntoOthers) {
  // Infinite scroll: the page's story, then the next ones, each an <article> of one class with
  // its own <h1>; a later story is longer. The record is the story under the page's title.
  auto story = [](int id, const std::string& h1, int paragraphs) {
    std::string a = "<article id='article-" + std::to_string(id) + "' class='entry-main-content'>"
                    "<header><h1>" + h1 + "</h1></header><div class='entry-text'>";
    for (int i = 0; i < paragraphs; ++i) a += para(id * 100 + i);
    return a + "</div></article>";
  };
  std::string body = "<main><div class='scrollblock'>" + story(0, "Budget vote", 3) +
                     story(1, "Harbour works delayed", 8) + story(2, "Storm warning", 3) +
                     "</div></main>";
  std::string text = joined(run(page(body), "Budget vote"));
  EXPECT_NE(text.find("Paragraph 2."), std::string::npos) << text;
  EXPECT_EQ(text.find("Paragraph 105."), std::string::npos) << text;
  EXPECT_EQ(text.find("Paragraph 201."), std::string::npos) << text;
}

TEST(Extract, IngredientListBesideAServingsFieldStays) {
  // Readability's input rule dropped the whole ingredients section for its servings field.
  std::string body = "<article class='recipe'><h1>Budget vote</h1>" + para(1) +
                     "<section class='ingredients'><h2>Zutaten</h2><form>Für <input type=hidden "
                     "value=15><input type=text name=portions value=15> Stücke</form><ul>";
  for (const char* item : {"1 Pck. Vanillepuddingpulver", "350 g Zucker", "500 ml Milch",
                           "250 g weiche Butter", "4 Eier (Gr. M)", "350 g Mehl",
                           "1 Pck. Backpulver", "1 Glas Schattenmorellen (720 ml)",
                           "2 EL Kakaopulver", "200 g Schlagsahne", "150 g Zartbitterkuvertüre",
                           "50 g Mini-Marshmallows", "Fett und Mehl für die Form",
                           "Frischhaltefolie"})
    body += std::string("<li><span>") + item + "</span></li>";
  body += "</ul></section>" + para(2) + para(3) + "</article>";
  std::string text = joined(run(page(body)));
  EXPECT_NE(text.find("Vanillepuddingpulver"), std::string::npos) << text;
  EXPECT_NE(text.find("Frischhaltefolie"), std::string::npos) << text;
  // A form is still a form: a search box with little text goes.
  std::string form = "<article>" + para(1) + para(2) + "<div class='box'><input type=text name=q>"
                     "<input type=text name=email><p>Search</p></div>" + para(3) + "</article>";
  text = joined(run(page(form)));
  EXPECT_EQ(text.find("Search"), std::string::npos) << text;
}

TEST(Extract, RubyAnnotationsAreLeftOut) {
  std::string body = "<article>" + para(1) +
                     "<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい"
                     "</rt></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p>" +
                     para(2) + "</article>";
  std::string text = joined(run(page(body)));
  EXPECT_NE(text.find("子どもへの虐待をなくすための法律ができました。"), std::string::npos) << text;
}

TEST(Extract, HiddenAndScriptContentIsLeftOut) {
  std::string body = "<article>" + para(1) + "<p style='display: none'>Hidden text here</p>"
                     "<p hidden>Also hidden</p><script>var x = 'script text';</script>" + para(2) +
                     "</article>";
  std::string text = joined(run(page(body)));
  EXPECT_EQ(text.find("Hidden"), std::string::npos);
  EXPECT_EQ(text.find("Also hidden"), std::string::npos);
  EXPECT_EQ(text.find("script text"), std::string::npos);
}

TEST(Extract, FallsBackWhenEverythingLooksLikeBoilerplate) {
  // The only text sits in a container whose class reads like a sidebar: the lenient pass finds it.
  std::string body = "<div class='sidebar-layout'>" + para(1) + para(2) + para(3) + "</div>";
  std::string text = joined(run(page(body)));
  EXPECT_NE(text.find("Paragraph 2."), std::string::npos);
}

TEST(Extract, EmptyPageGivesNothing) {
  EXPECT_TRUE(run(page("")).empty());
  EXPECT_TRUE(run("").empty());
}

TEST(Boilerplate, Lines) {
  for (const char* s : {"Loading...", "Voir plus", "Voir Plus", "Read more »", "Lire aussi",
                        "Share on Facebook", "Weiterlesen", "Leer más", "Leia mais",
                        "You need to enable JavaScript to run this app.",
                        "Bitte aktivieren Sie JavaScript in Ihrem Browser.", "Gefällt mir Wird geladen...",
                        "Ähnliche Beiträge", "Kommentieren", "Skip to main content",
                        "Privacy Policy", "Terms & Conditions", "Impressum",
                        "© 2026 Workforce.com. All rights reserved.", "Copyright (c) 2019 Example",
                        "Alle Rechte vorbehalten.", "© Reuters", "Sign in", "Filter & Sort",
                        "Be the first to comment", "Customers Also Bought", "Zobacz również",
                        "Temas Relacionados", "Dans la même rubrique", "Zum Weiterlesen:",
                        "Crédits photos : Bestimage", "VEA TAMBIÉN: Entre heces y guaricha",
                        "Foto 1 de 1", "Bild 3 von 12", "11 min read", "Etiquetas:"})
    EXPECT_TRUE(is_boilerplate_line(s)) << s;
  for (const char* s : {"Read more about the budget in our dossier on the council's finances and plans",
                        "The mayor said more.", "Voir", "(c) the third option on the ballot",
                        "Our privacy policy changed in May, and readers asked why it took so long.",
                        "Learn more", "Sign in to the council's portal to vote on the budget.",
                        "Foto 1 de 1 del concurso", "11 min"})
    EXPECT_FALSE(is_boilerplate_line(s)) << s;
}

TEST(WordList, StartsAndLongestAt) {
  static constexpr std::string_view kA[] = {"credit: ", "(credit: "};
  static constexpr std::string_view kB[] = {"foto: "};
  const util::WordList words(kA, kB);
  EXPECT_TRUE(words.starts("foto: dpa"));
  EXPECT_FALSE(words.starts("das foto: dpa"));
  EXPECT_FALSE(words.starts("fot"));
  EXPECT_EQ(words.longest_at("x (credit: y", 2), 9u);
  EXPECT_EQ(words.longest_at("x (credit: y", 3), 8u);
  EXPECT_EQ(words.longest_at("x (credit: y", 1), 0u);
  EXPECT_EQ(words.longest_at("credit", 0), 0u);  // the word runs past the end
  EXPECT_EQ(words.longest_at("credit: ", 99), 0u);
}

TEST(Boilerplate, CallsToActionLongerThanALabel) {
  // Prompts past a label's length, up to a headline's: sign-up and follow widgets, app and
  // subscription offers, disclosures, a blog's filing line, the neighbouring posts' links.
  for (const char* s :
       {"Never miss the latest news by signing up to our newsletter today!",
        "Kostenlos zum Newsletter anmelden und GRATIS-Jahresabo abstauben",
        "Receive our monthly newsletter to stay on top of the latest articles and announcements.",
        "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen und per E-Mail Benachrichtigungen "
        "über neue Beiträge zu erhalten.",
        "Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.",
        "Subscribe now to our eNATION edition for the full story.",
        "We want to hear what you think about this article. Submit a letter to the editor.",
        "Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler.",
        "Dieser Eintrag wurde veröffentlicht in Podcast und verschlagwortet mit berlin von Simon.",
        "Previous articleTransforming Mount Trashmore: Plans to turn eyesore into beauty spot",
        "PUEDES VER: ¿Qué es la Sunedu, cómo está conformada y para qué sirve?",
        "Verfasst von: mitundvoneinander | 31. Dezember 2008", "Źródło: Statista.com",
        "Ten tekst przeczytasz w mniej niż minutę", "Aktualisiert am 17.01.2021.", "Von:",
        "Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)",
        "Do you want to be informed of DiEM25's actions? Sign up here",
        "Mit unserem Newsletter bleiben Sie informiert", "Je fais un don à Attac",
        "This work is licensed under a Creative Commons Attribution 4.0 International License.",
        "Praca w magazynie, zdjęcie ilustracyjne / Źródło: Pixabay"})
    EXPECT_TRUE(is_boilerplate_line(s)) << s;
  for (const char* s :
       {// A tutorial's step, and sentences about newsletters.
        "Sign up for Twilio. When prompted to select a plan, click Continue with trial.",
        "For a newsletter with 1,193 subscribers and an annual sales revenue over $20k, these "
        "are strong numbers.",
        "I also identified 28 newsletters, a small subset of the newsletters I subscribe to.",
        "The council last updated its budget in May, after the mayor asked for a new plan.",
        "Keine"})
    EXPECT_FALSE(is_boilerplate_line(s)) << s;
}

TEST(Boilerplate, CaptionEndingWithItsPictureCredit) {
  for (const char* s :
       {"GdP-Vize und Tarifexperte René Klemmer. Foto: GdP/Hagen Immel",
        "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
        "Das Hermelin ist im Winter mit seinem weißen Fell gut getarnt. (mlharing / iStock.com)",
        "Dmitry Muratov, periodista ruso y Premio Nobel de la Paz (REUTERS/Denis Balibouse)",
        "Saksan liittokansleri Angela Merkel keskusteli keskiviikkona Berliinissä Suomen "
        "pääministerin Sanna Marinin (sd) kanssa. Kuva: ALEXANDER BECHER",
        "(Credit: Clayton Aldern / Grist)"})
    EXPECT_TRUE(is_boilerplate_line(s)) << s;
  for (const char* s :
       {// A marker inside a sentence, and a credit that goes on as a sentence.
        "Auf dem Foto: ein Hermelin im Winterfell, das sich im Schnee versteckt hält.",
        "The minister spoke at length. Photo: the minister was seen leaving. He said nothing.",
        // One line of several: the block's other lines are text.
        "linux usability\n...or, why do I bother.\n© 2002, 2003 Jane Doe",
        // Longer than a caption.
        "A very long paragraph that goes on and on about many things in the article, and is not a "
        "caption at all, since it has several sentences. It mentions the weather. It mentions the "
        "council. It mentions the budget and the mayor and the plans for the year to come in the "
        "town, and about the schools and the roads and the new bridge over the river. Foto: dpa"})
    EXPECT_FALSE(is_boilerplate_line(s)) << s;
}

TEST(Extract, BoilerplateLinesInsideABlockOfSeveralLines) {
  std::string body = "<article>" + para(1) + para(2) +
                     "<p><strong>War der Artikel nützlich?</strong><br>4,5 von 5 Sternen</p>" +
                     "</article>";
  std::string text = joined(run(page(body)));
  EXPECT_EQ(text.find("War der Artikel"), std::string::npos) << text;
  EXPECT_NE(text.find("4,5 von 5 Sternen"), std::string::npos) << text;
}

TEST(Boilerplate, ContainersByTagRoleAndClass) {
  dom::Document doc;
  parse::parse_html(
      "<nav id=a></nav><div role=navigation id=b></div><div class='post-content' id=c></div>"
      "<div class='social-share' id=d></div><div class='header' id=e></div>"
      "<div class='article-header' id=f></div><div class='loaded' id=g></div>",
      doc);
  std::vector<bool> got;
  for (dom::Node* n = doc.body()->first_child; n; n = n->next) got.push_back(is_boilerplate_container(n));
  EXPECT_EQ(got, (std::vector<bool>{true, true, false, true, true, false, false}));
}

}  // namespace
}  // namespace gazette::extract

namespace gazette::extract {
namespace {

// The vectorised character count agrees with a plain loop on text with every kind of byte it
// treats specially, at every alignment.
TEST(Extract, CharacterCountMatchesScalarDefinition) {
  std::string unit = "Ab, c\u00a0d\te\n\u00e9\u3001x\uff0cy  \r\f,z";
  std::vector<std::string> texts;
  for (int reps : {1, 2, 3, 7}) {
    for (size_t offset = 0; offset < 17; ++offset) {
      std::string s = std::string(offset, 'q');
      for (int r = 0; r < reps; ++r) s += unit;
      texts.push_back(s);
    }
  }
  // Every length from 0 to three units, so that each special byte (and each cut sequence)
  // falls at every place of the last 16 bytes, which are counted on a copy.
  std::string three = unit + unit + unit;
  for (size_t len = 0; len <= three.size(); ++len) texts.push_back(three.substr(0, len));
  {
    for (const std::string& s : texts) {
      const size_t reps = s.size(), offset = 0;
      uint32_t expect_chars = 0, expect_commas = 0;
      for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
        if (!space && (c & 0xC0) != 0x80 && !nbsp) ++expect_chars;
        if (c == ',' || s.compare(i, 3, "\u3001") == 0 || s.compare(i, 3, "\uff0c") == 0)
          ++expect_commas;
      }
      uint32_t chars = 0, commas = 0;
      count_text_for_test(s, chars, commas);
      EXPECT_EQ(chars, expect_chars) << reps << " " << offset;
      EXPECT_EQ(commas, expect_commas) << reps << " " << offset;
    }
  }
}

}  // namespace
}  // namespace gazette::extract
