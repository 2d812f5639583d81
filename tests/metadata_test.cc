#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "metadata/jsonld.h"
#include "metadata/metadata.h"
#include "parse/parser.h"

namespace gazette::metadata {
namespace {

Article meta(const std::string& head, const std::string& body = "",
             std::string_view url = "", const std::string& html_attrs = "") {
  dom::Document doc;
  parse::parse_html("<!DOCTYPE html><html" + html_attrs + "><head>" + head + "</head><body>" +
                        body + "</body></html>",
                    doc);
  Article a;
  extract(doc, url, a);
  return a;
}

std::string ld(const std::string& json) {
  return "<script type=\"application/ld+json\">" + json + "</script>";
}

using Names = std::vector<std::string>;

// ---- title -----------------------------------------------------------------------------------

TEST(MetadataTitle, FromJsonLdHeadline) {
  auto a = meta(ld(R"({"@context":"https://schema.org","@type":"NewsArticle","headline":"Big News"})"));
  EXPECT_EQ(a.title, "Big News");
}

TEST(MetadataTitle, UnnamedSiteAfterADashInTheOnlyTitle) {
  EXPECT_EQ(meta("<title>Lorem ipsum dolor sit amet – My website</title>").title,
            "Lorem ipsum dolor sit amet");
  EXPECT_EQ(meta("<title>Was ist Freie Software - MyOOS Community Forum</title>").title,
            "Was ist Freie Software");
  // What stays must be a headline's length, and the segment a name's.
  EXPECT_EQ(meta("<title>Budget - Council approves the new plan</title>").title,
            "Budget - Council approves the new plan");
  EXPECT_EQ(meta("<title>Why the council approved it - a look at the five big changes in "
                 "the plan</title>")
                .title,
            "Why the council approved it - a look at the five big changes in the plan");
}

TEST(MetadataTitle, FromOpenGraph) {
  EXPECT_EQ(meta(R"(<meta property="og:title" content="OG Title">)").title, "OG Title");
}

TEST(MetadataTitle, FromTwitter) {
  EXPECT_EQ(meta(R"(<meta name="twitter:title" content="Tweet Title">)").title, "Tweet Title");
}

TEST(MetadataTitle, FromSingleH1) {
  EXPECT_EQ(meta("", "<h1>The Only Headline</h1><p>text</p>").title, "The Only Headline");
}

TEST(MetadataTitle, FromTitleElementWithoutSiteSuffix) {
  auto a = meta(R"(<title>A Story About Things | Example News</title>
                   <meta property="og:site_name" content="Example News">)");
  EXPECT_EQ(a.title, "A Story About Things");
}

TEST(MetadataTitle, H1ConfirmedByTitleBeatsMetaWithKicker) {
  auto a = meta(R"(<title>Klimaschutz: Bohren, bis es heiß wird | ZEIT ONLINE</title>
                   <meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird">)",
                "<article><h1>Bohren, bis es heiß wird</h1></article>");
  EXPECT_EQ(a.title, "Bohren, bis es heiß wird");
}

TEST(MetadataTitle, MetaPreferredWhenH1Unconfirmed) {
  auto a = meta(R"(<title>Real Headline - Site</title>
                   <meta property="og:title" content="Real Headline">)",
                "<h1>Navigation</h1>");
  EXPECT_EQ(a.title, "Real Headline");
}

TEST(MetadataTitle, SiteLogoH1IsSkipped) {
  auto a = meta("<title>Silicon Blog: Open flow for programmable logic devices</title>",
                "<h1>Silicon Blog</h1><h3>Open flow for programmable logic devices</h3>");
  EXPECT_EQ(a.title, "Open flow for programmable logic devices");
}

TEST(MetadataTitle, EntitiesAndWhitespace) {
  auto a = meta(R"(<meta property="og:title" content="  Tom &amp;amp; Jerry&#39;s
                   day  ">)");
  EXPECT_EQ(a.title, "Tom & Jerry's day");
}

TEST(MetadataTitle, StripSiteSuffixes) {
  std::vector<std::string> sites{"Example"};
  EXPECT_EQ(strip_title_site("Headline - Example", sites), "Headline");
  EXPECT_EQ(strip_title_site("Headline | Example", sites), "Headline");
  EXPECT_EQ(strip_title_site("Headline – Example", sites), "Headline");
  EXPECT_EQ(strip_title_site("Headline :: Example", sites), "Headline");
  EXPECT_EQ(strip_title_site("Example: Headline", sites), "Headline");
  EXPECT_EQ(strip_title_site("Headline - Section | Example.com", {"example.com"}),
            "Headline - Section");
  // Unknown site: left alone.
  EXPECT_EQ(strip_title_site("Headline - Other", sites), "Headline - Other");
  // A prefix that only contains the site name is part of the headline.
  EXPECT_EQ(strip_title_site("How Example built it - a story", sites),
            "How Example built it - a story");
}

// ---- authors ---------------------------------------------------------------------------------

TEST(MetadataAuthor, FromJsonLdStringObjectArray) {
  EXPECT_EQ(meta(ld(R"({"@type":"Article","author":"Jane Doe"})")).authors, Names{"Jane Doe"});
  EXPECT_EQ(meta(ld(R"({"@type":"Article","author":{"@type":"Person","name":"Jane Doe"}})")).authors,
            Names{"Jane Doe"});
  EXPECT_EQ(meta(ld(R"({"@type":"BlogPosting","author":[{"name":"Jane Doe"},{"name":"John Roe"}]})"))
                .authors,
            (Names{"Jane Doe", "John Roe"}));
}

TEST(MetadataAuthor, FromJsonLdGraphReference) {
  auto a = meta(ld(R"({"@context":"https://schema.org","@graph":[
      {"@type":"Article","@id":"#a","headline":"H","author":{"@id":"#p1"}},
      {"@type":"Person","@id":"#p1","name":"Ada Lovelace"}]})"));
  EXPECT_EQ(a.authors, Names{"Ada Lovelace"});
}

TEST(MetadataAuthor, FromMetaTags) {
  EXPECT_EQ(meta(R"(<meta name="author" content="Jane Doe">)").authors, Names{"Jane Doe"});
  EXPECT_EQ(meta(R"(<meta name="sailthru.author" content="Jane Doe">)").authors,
            Names{"Jane Doe"});
  EXPECT_EQ(meta(R"(<meta name="parsely-author" content="Jane Doe">)").authors,
            Names{"Jane Doe"});
  EXPECT_EQ(meta(R"(<meta name="DC.creator" content="Jane Doe">)").authors, Names{"Jane Doe"});
  // article:author is often a profile URL: skipped.
  EXPECT_EQ(meta(R"(<meta property="article:author" content="https://facebook.com/jd">
                    <meta name="author" content="Jane Doe">)")
                .authors,
            Names{"Jane Doe"});
}

TEST(MetadataAuthor, FromRelAuthorLink) {
  EXPECT_EQ(meta("", R"(<p>By <a rel="author" href="/u/jd">Jane Doe</a></p>)").authors,
            Names{"Jane Doe"});
}

TEST(MetadataAuthor, FromItempropAuthor) {
  auto a = meta("", R"(<div itemprop="author" itemscope><img alt=""><span itemprop="name">Jane Doe</span>
                       <span itemprop="jobTitle">Reporter</span></div>)");
  EXPECT_EQ(a.authors, Names{"Jane Doe"});
}

TEST(MetadataAuthor, FromBylineClass) {
  auto a = meta("", R"(<article><h1>Headline here</h1><div class="byline">Von Jane Doe und John Roe,
                       16. Oktober 2019</div></article>)");
  EXPECT_EQ(a.authors, (Names{"Jane Doe", "John Roe"}));
}

TEST(MetadataAuthor, FromTextUnderHeadline) {
  auto a = meta("", "<h1>Headline here</h1><p><i>von Daniela Obers</i></p><p>Body.</p>");
  EXPECT_EQ(a.authors, Names{"Daniela Obers"});
}

TEST(MetadataAuthor, SiteNameIsOnlyAFallback) {
  auto a = meta(R"(<meta property="og:site_name" content="Daily Paper">)" +
                    ld(R"({"@type":"NewsArticle","author":{"@type":"Organization","name":"Daily Paper"}})"),
                R"(<span class="author-name">Jane Doe</span>)");
  EXPECT_EQ(a.authors, Names{"Jane Doe"});
  a = meta(R"(<meta property="og:site_name" content="Daily Paper">)" +
           ld(R"({"@type":"NewsArticle","author":{"@type":"Organization","name":"Daily Paper"}})"));
  EXPECT_EQ(a.authors, Names{"Daily Paper"});
}

TEST(MetadataAuthor, Cleanup) {
  EXPECT_EQ(clean_authors("By Jane Doe"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("Von Jane Doe"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("Par Jeanne Dupont et Jean Martin"), (Names{"Jeanne Dupont", "Jean Martin"}));
  EXPECT_EQ(clean_authors("Por Juan Pérez y Ana García"), (Names{"Juan Pérez", "Ana García"}));
  EXPECT_EQ(clean_authors("Di Mario Rossi"), Names{"Mario Rossi"});
  EXPECT_EQ(clean_authors("Jane Doe and John Roe"), (Names{"Jane Doe", "John Roe"}));
  EXPECT_EQ(clean_authors("Jane Doe, John Roe; Max Mustermann"),
            (Names{"Jane Doe", "John Roe", "Max Mustermann"}));
  EXPECT_EQ(clean_authors("Jane Doe | October 16, 2019"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("Jane Doe am 16.10.2019, 08:30 Uhr"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("Ein Beitrag von Jane Doe"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("Jane Doe, Senior Editor"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("Jane Doe, PhD"), Names{"Jane Doe, PhD"});
  EXPECT_EQ(clean_authors("| Autor: jdoe"), Names{"jdoe"});
  EXPECT_EQ(clean_authors("Jane Doe @janedoe"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("https://example.com/authors/jane"), Names{});
  EXPECT_EQ(clean_authors("jane@example.com"), Names{});
  EXPECT_EQ(clean_authors("example.com"), Names{});
  EXPECT_EQ(clean_authors("This is a long sentence that is certainly not the name of anyone"),
            Names{});
  EXPECT_EQ(clean_authors("Jane Doe; jane doe"), Names{"Jane Doe"});
  EXPECT_EQ(clean_authors("Podium Staff"), Names{"Podium Staff"});
}

// ---- dates -----------------------------------------------------------------------------------

TEST(MetadataDate, FromJsonLd) {
  auto a = meta(ld(R"({"@type":"NewsArticle","datePublished":"2019-10-16T08:30:00+02:00",
                       "dateModified":"2019-10-17T09:00:00Z"})"));
  EXPECT_EQ(a.date_published, "2019-10-16T08:30:00+02:00");
  EXPECT_EQ(a.date_modified, "2019-10-17T09:00:00Z");
}

TEST(MetadataDate, FromArticlePublishedTime) {
  auto a = meta(R"(<meta property="article:published_time" content="2019-10-16T08:30:00+02:00">
                   <meta property="article:modified_time" content="2019-10-18">)");
  EXPECT_EQ(a.date_published, "2019-10-16T08:30:00+02:00");
  EXPECT_EQ(a.date_modified, "2019-10-18");
}

TEST(MetadataDate, FromOtherMetaNames) {
  for (const char* name : {"date", "pubdate", "publishdate", "DC.date.issued", "dcterms.created",
                           "sailthru.date", "parsely-pub-date"}) {
    auto a = meta(std::string("<meta name=\"") + name + "\" content=\"2019-10-16\">");
    EXPECT_EQ(a.date_published, "2019-10-16") << name;
  }
  EXPECT_EQ(meta(R"(<meta property="og:published_time" content="2019-10-16">)").date_published,
            "2019-10-16");
}

TEST(MetadataDate, FromItemprop) {
  EXPECT_EQ(meta("", R"(<time itemprop="datePublished" datetime="2019-10-16T08:30">x</time>)")
                .date_published,
            "2019-10-16T08:30");
  EXPECT_EQ(meta("", R"(<meta itemprop="datePublished" content="2019-10-16">)").date_published,
            "2019-10-16");
}

TEST(MetadataDate, TimeElementPrefersPubdateAndHeader) {
  auto a = meta("", R"(<aside><time datetime="2018-01-01">old</time></aside>
                       <article><header><h1>Headline</h1><time datetime="2019-10-16">Oct 16</time>
                       </header><p>text <time datetime="2019-12-24">xmas</time></p></article>)");
  EXPECT_EQ(a.date_published, "2019-10-16");
  a = meta("", R"(<time datetime="2018-01-01">x</time><time pubdate datetime="2019-10-16">y</time>)");
  EXPECT_EQ(a.date_published, "2019-10-16");
}

TEST(MetadataDate, FromUrl) {
  EXPECT_EQ(meta("", "", "https://ex.com/2019/10/16/story/").date_published, "2019-10-16");
  EXPECT_EQ(meta(R"(<link rel="canonical" href="https://ex.com/news/2019-10-16-story">)")
                .date_published,
            "2019-10-16");
}

TEST(MetadataDate, FromVisibleTextNearHeadline) {
  EXPECT_EQ(meta("", "<h1>Headline</h1><p>Veröffentlicht am 16. Oktober 2019</p><p>Text.</p>")
                .date_published,
            "2019-10-16");
  EXPECT_EQ(meta("", "<p class=x>October 16, 2019</p><h1>Headline</h1><p>Text.</p>")
                .date_published,
            "2019-10-16");
  EXPECT_EQ(meta("", "<h1>Headline</h1><p>Posted 16/10/2019</p>").date_published, "2019-10-16");
}

TEST(MetadataDate, PrecedenceJsonLdOverMetaOverUrl) {
  auto a = meta(ld(R"({"@type":"Article","datePublished":"2019-10-16"})") +
                    R"(<meta property="article:published_time" content="2019-10-17">)",
                "", "https://ex.com/2019/10/18/x");
  EXPECT_EQ(a.date_published, "2019-10-16");
  a = meta(R"(<meta property="article:published_time" content="2019-10-17">)", "",
           "https://ex.com/2019/10/18/x");
  EXPECT_EQ(a.date_published, "2019-10-17");
}

TEST(MetadataDate, VideoUploadDateAfterArticleMeta) {
  auto a = meta(ld(R"({"@type":"VideoObject","uploadDate":"2015-01-16"})") +
                R"(<meta property="article:published_time" content="2017-12-01T12:01:11+01:00">)");
  EXPECT_EQ(a.date_published, "2017-12-01T12:01:11+01:00");
}

TEST(MetadataDate, LocalFormOfUtcTimestampWins) {
  // The same moment, stated in UTC by the metadata and in local time on the page.
  auto a = meta(R"(<meta property="article:published_time" content="2023-11-09T05:30:59Z">)",
                R"(<h1>Headline</h1><time datetime="2023-11-08 23:30:59">November 8, 2023</time>)");
  EXPECT_EQ(a.date_published, "2023-11-08T23:30:59");
}

TEST(MetadataDate, LocalFormOnTheSameDaySettlesAUtcTimestamp) {
  // The page states the UTC moment at +02:00 on the same day; a teaser's time on the day before
  // lies a whole number of hours away but is another moment.
  auto a = meta(ld(R"({"@type":"NewsArticle","datePublished":"2019-10-19T03:00:00.000Z"})"),
                R"(<h1>Mit allen Wassern gewaschen</h1><p class="date">19.10.2019, 05:00 Uhr</p>)"
                R"(<p>Text.</p><aside><p class="date">18.10.2019, 20:00 Uhr</p></aside>)");
  EXPECT_EQ(a.date_published, "2019-10-19T03:00:00.000Z");
}

TEST(MetadataDate, DateElementLabelledInTheElementBefore) {
  // "Zuletzt geändert am" stands in its own heading before the date list: that date is the
  // update, and the generic date meta (the same day) yields to the published date.
  auto a = meta(R"(<meta name="date" content="2021-10-15">)",
                R"(<h1>Präsidentin gewählt</h1><span>Erschienen am:</span><h2>13.10.2021</h2>)"
                R"(<p>Text of the article.</p><div class="timestamp"><h4>Zuletzt geändert am:</h4>)"
                R"(<ul><li class="timestamp-list__item">15.10.2021</li></ul></div>)");
  EXPECT_EQ(a.date_published, "2021-10-13");
}

TEST(MetadataDate, DateInsideTheHeadlineUnderItsTitle) {
  auto a = meta("", R"(<h1>Zuschauerrückkehr bei den Proficlubs<br><small>02.02.2022 • Handball</small></h1>)"
                    R"(<p>Laut der am 28.01.2022 in Kraft getretenen Verordnung dürfen wieder mehr Zuschauer kommen.</p>)");
  EXPECT_EQ(a.date_published, "2022-02-02");
}

TEST(MetadataDate, DescriptionDatesAPageNothingElseDates) {
  auto a = meta(R"x(<meta name="description" content="ORSO MARSICANO: 2019 UN ANNO DA RECORD (Notizia del 14 Gennaio 2020)">)x",
                "<h1>ORSO MARSICANO</h1><p>Il 2019 è stato un anno da record.</p>");
  EXPECT_EQ(a.date_published, "2020-01-14");
  // A month or a year there is not a date.
  a = meta(R"(<meta name="description" content="Unsere Tipps für Januar 2020">)",
           "<h1>Tipps</h1><p>Text.</p>");
  EXPECT_EQ(a.date_published, "");
}

TEST(MetadataDate, DateElementsOfSeveralDaysDoNotOverruleTheDateMeta) {
  // An events column: each date element is an event's, none the page's.
  const std::string article = "<h1>Rioja</h1><p>" + std::string(1200, 'x') + "</p>";
  auto a = meta(R"(<meta name="date" content="2020-02-11">)",
                article + R"(<div class="events"><div class="event-date">29.02.2020 18:00</div>)"
                          R"(<div class="event-date">04.04.2020 18:00</div></div>)");
  EXPECT_EQ(a.date_published, "2020-02-11");
  // One date element, another day than the meta's: the printed date.
  a = meta(R"(<meta name="date" content="2020-02-11">)",
           R"(<h1>Rioja</h1><p class="date">05.02.2020</p><p>Text of the article about wine.</p>)");
  EXPECT_EQ(a.date_published, "2020-02-05");
}

TEST(MetadataDate, CurrentTimeOfAForumIsNotTheDate) {
  // phpBB prints the time of the page's rendering between its menu and the thread.
  auto a = meta("", "<h1>Was ist Freie Software?</h1><p>" + std::string(1200, 'x') + "</p>" +
                        R"(<p class="time">Aktuelle Zeit: 14.10.2020, 12:18</p>)"
                        R"(<p class="author">von r23 » 21.01.2009, 05:42</p><p>Text of the post.</p>)");
  EXPECT_EQ(a.date_published, "2009-01-21T05:42");
}

TEST(MetadataDate, PublicationLabelledInTheTextOverrulesTheDateMeta) {
  // An ASP.NET page writes its date meta month first; the article ends with its own date.
  auto a = meta(R"(<meta name="date" content="11/01/2023 12:43:42">)",
                "<h1>Trinkwasser belastet</h1><p>" + std::string(1200, 'x') +
                    "</p><p>Erstellt am: 01.11.2023</p>");
  EXPECT_EQ(a.date_published, "2023-11-01");
  // Unlabelled, the date in the text does not.
  a = meta(R"(<meta name="date" content="11/01/2023 12:43:42">)",
           "<h1>Trinkwasser belastet</h1><p>" + std::string(1200, 'x') + "</p><p>01.11.2023</p>");
  EXPECT_EQ(a.date_published, "2023-01-11T12:43:42");
}

TEST(MetadataDate, MembersRegistrationDateIsNotTheDate) {
  // The first post's author box comes before its date in phpBB's markup.
  auto a = meta("<title>Was ist Freie Software</title>",
                R"(<h2>Was ist Freie Software</h2><dl><dt>r23</dt><dd>)"
                R"(<strong>Registriert:</strong> 18.09.2008, 05:56</dd></dl>)"
                R"(<p class="author">von r23 » 21.01.2009, 05:42</p><p>Text of the post.</p>)");
  EXPECT_EQ(a.date_published, "2009-01-21T05:42");
}

TEST(MetadataDate, TodaysDateInTheBannerIsNotTheDate) {
  // A newspaper's banner holds its logo (an <h1>) and today's date; the article's date is in
  // its breadcrumb and its date meta.
  auto a = meta(R"(<meta name="date" content="2017-05-01T17:05:00+02:00">)",
                R"(<header><h1><a href="/">Deutschlandfunk</a></h1><span class="dlf-date">)"
                R"(<span>Mittwoch, </span>26.02.2020</span></header><div class="breadcrumb">)"
                R"(<span>Kulturfragen</span><span class="current">01.05.2017</span></div><article>)"
                R"(<h1><span>Die Zukunft der Arbeit</span> Wir dekorieren die Liegestühle um</h1>)"
                R"(<p>Text of the interview.</p></article>)");
  EXPECT_EQ(a.date_published, "2017-05-01T17:05:00+02:00");
}

TEST(MetadataDate, ForumTimestampsDoNotPairWithinATolerance) {
  // Two posts 8 h 01 min apart are not one moment in two zones.
  auto a = meta(R"(<meta property="article:published_time" content="2024-09-11T16:36:25Z">)",
                R"(<h1>Thread title here</h1><p class="post-date">2024-09-12 00:37</p>)");
  EXPECT_EQ(a.date_published, "2024-09-11T16:36:25Z");
}

TEST(MetadataDate, UpdatedDateUnderHeadlineIsTheModification) {
  // "Updated X, originally Y": Y is the publication, X the modification.
  auto a = meta("", "<h1>Faster Docker builds</h1><p>Last updated 04 Jun 2020, originally created "
                    "17 Jun 2019</p><p>Text.</p>");
  EXPECT_EQ(a.date_published, "2019-06-17");
  EXPECT_EQ(a.date_modified, "2020-06-04");
  // A <time datetime> and its text are one date, not an update and a publication.
  a = meta(ld(R"({"@type":"Article","datePublished":"2017-04-03",
                  "dateModified":"2026-02-12T12:07:55-05:00"})"),
           R"(<h1>The Best Wireless Earbuds</h1><p>Updated <time datetime="2026-02-12T12:07:55-05:00">)"
           R"(February 12, 2026</time></p><p>Text.</p>)");
  EXPECT_EQ(a.date_published, "2017-04-03");
}

TEST(MetadataDate, PrintedModificationDateIsThePagesDate) {
  // The page prints, unlabelled, the date its metadata calls the last modification.
  auto a = meta(ld(R"({"@type":"Article","datePublished":"2021-11-29T14:13:37+00:00",
                       "dateModified":"2022-01-12T14:27:30+00:00"})"),
                "<h1>Können Fische Schmerzen spüren?</h1><p>Christoph Hein · 12.01.2022</p>");
  EXPECT_EQ(a.date_published, "2022-01-12");
  // Labelled "Updated", it stays the modification (with the JSON-LD confirmed by a meta; alone,
  // a JSON-LD date yields to any printed one, see MetadataProvenance).
  a = meta(ld(R"({"@type":"Article","datePublished":"2021-11-29T14:13:37+00:00",
                  "dateModified":"2022-01-12T14:27:30+00:00"})") +
               R"(<meta property="article:published_time" content="2021-11-29T14:13:37+00:00">)",
           "<h1>Können Fische Schmerzen spüren?</h1><p>Aktualisiert am 12.01.2022</p>");
  EXPECT_EQ(a.date_published, "2021-11-29T14:13:37+00:00");
  EXPECT_EQ(a.date_modified, "2022-01-12T14:27:30+00:00");
}

TEST(MetadataDate, GenericDateMetasDoNotConfirmEachOther) {
  // "date" and "dcterms.date" are one CMS field; the date the page prints wins.
  auto a = meta(R"(<meta name="date" content="2022-01-21T15:38:44+01:00">)"
                R"(<meta name="dcterms.date" content="2022-01-21T15:38:44+01:00">)",
                R"(<h1>Mit Hund im Winter</h1><p class="date">27.01.2022</p>)");
  EXPECT_EQ(a.date_published, "2022-01-27");
  // A printed date that is the meta's keeps the meta.
  a = meta(R"(<meta name="date" content="2020-04-20T14:57:27+02:00">)",
           R"(<h1>Autohäuser dürfen öffnen</h1><p class="date">20.04.2020, 14:57 Uhr</p>)"
           R"(<p class="date">01.05.2020</p>)");
  EXPECT_EQ(a.date_published, "2020-04-20T14:57:27+02:00");
}

TEST(MetadataDate, PrintedDateWithTwoSourcesOutvotesALoneOne) {
  // JSON-LD alone says 2024; the printed date, a generic meta and a date element say 2025.
  auto a = meta(ld(R"({"@type":"Article","datePublished":"2024-08-29T10:00:00+00:00"})") +
                    R"(<meta name="date" content="2025-11-25">)",
                R"(<h1>Best streaming service</h1><p class="date">Nov 25, 2025 5:00 am PST</p>)");
  EXPECT_EQ(a.date_published, "2025-11-25T05:00-08:00");
  // The URL's local date and the printed one against a UTC timestamp a day later.
  a = meta(R"(<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">)",
           "<h1>The December Comfort Watches</h1><p>December 18, 2025</p>",
           "https://whatever.example/2025/12/18/the-december-comfort-watches/");
  EXPECT_EQ(a.date_published, "2025-12-18");
  // A <time datetime> and its value read as text are one witness, not two.
  a = meta(R"(<meta property="article:published_time" content="2015-09-17T16:57:43+01:00">)",
           R"(<h1>Seven secrets of hotels</h1><time datetime="2015-12-24T17:00">Friday 25 )"
           R"(December 2015</time>)");
  EXPECT_EQ(a.date_published, "2015-09-17T16:57:43+01:00");
}

TEST(MetadataDate, DigitsOfTwoElementsAreTwoNumbers) {
  auto a = meta("", R"(<div class="datum"><span>Feb</span> <span>18</span><span>2009</span></div>)"
                    "<h2>Post</h2><p>Text.</p>");
  EXPECT_EQ(a.date_published, "2009-02-18");
}

// ---- JSON-LD ---------------------------------------------------------------------------------

TEST(MetadataJsonLd, ArrayOfObjects) {
  auto a = meta(ld(R"([{"@type":"WebSite","name":"The Site"},
                       {"@type":"NewsArticle","headline":"In Array","author":"Jane Doe"}])"));
  EXPECT_EQ(a.title, "In Array");
  EXPECT_EQ(a.authors, Names{"Jane Doe"});
  EXPECT_EQ(a.site_name, "The Site");
}

TEST(MetadataJsonLd, GraphWithTypesArrayAndPublisher) {
  auto a = meta(ld(R"({"@graph":[{"@type":["Article","NewsArticle"],"headline":"In Graph",
      "publisher":{"@id":"#org"},"image":{"@type":"ImageObject","url":"https://ex.com/i.jpg"}},
      {"@type":"Organization","@id":"#org","name":"Org Name"}]})"));
  EXPECT_EQ(a.title, "In Graph");
  EXPECT_EQ(a.site_name, "Org Name");
  EXPECT_EQ(a.image, "https://ex.com/i.jpg");
}

TEST(MetadataJsonLd, ArticleWinsOverWebPage) {
  auto a = meta(ld(R"([{"@type":"WebPage","name":"Page name - Site","datePublished":"2018-01-01"},
                       {"@type":"BlogPosting","headline":"Post","datePublished":"2019-10-16"}])"));
  EXPECT_EQ(a.title, "Post");
  EXPECT_EQ(a.date_published, "2019-10-16");
}

TEST(MetadataJsonLd, BrokenJsonIsRepaired) {
  // Trailing commas, a raw newline and a tab inside a string, an invalid \' escape, a CDATA
  // wrapper.
  auto a = meta(ld("//<![CDATA[\n{\"@type\":\"NewsArticle\",\"headline\":\"Line one\nline\ttwo\","
                   "\"author\":{\"name\":\"Jane O\\'Doe\",},\"keywords\":[\"a\",\"b\",],}\n//]]>"));
  EXPECT_EQ(a.title, "Line one line two");
  EXPECT_EQ(a.authors, Names{"Jane O'Doe"});
}

TEST(MetadataJsonLd, ConcatenatedObjects) {
  auto a = meta(ld(R"({"@type":"Organization","name":"Org"}{"@type":"Article","headline":"Second"})"));
  EXPECT_EQ(a.title, "Second");
}

TEST(MetadataJsonLd, UnrepairableJsonIsSalvaged) {
  auto a = meta(ld(R"({"@type":"NewsArticle","headline":"Salvaged","author":{"@type":"Person",
      "name":"Barbara Stiegler"},"image":{"url":"<img src="x.jpg">"},"datePublished":"2019-12-09"})"));
  EXPECT_EQ(a.title, "Salvaged");
  EXPECT_EQ(a.authors, Names{"Barbara Stiegler"});
  EXPECT_EQ(a.date_published, "2019-12-09");
}

TEST(MetadataJsonLd, DoubleEscapedEntitiesAreDecoded) {
  auto a = meta(ld(R"({"@type":"Article","headline":"Tom &amp; Jerry&#39;s &quot;day&quot;"})"));
  EXPECT_EQ(a.title, "Tom & Jerry's \"day\"");
}

TEST(MetadataJsonLd, RepairFunction) {
  EXPECT_EQ(jsonld::repair("{\"a\":1,}"), "{\"a\":1}");
  EXPECT_EQ(jsonld::repair("[1,2,]"), "[1,2]");
  EXPECT_EQ(jsonld::repair("{\"a\":\"x\ny\"}"), "{\"a\":\"x\\ny\"}");
  EXPECT_EQ(jsonld::repair("{\"a\":1}{\"b\":2};"), "[{\"a\":1},{\"b\":2}]");
}

// ---- other fields ----------------------------------------------------------------------------

TEST(MetadataSiteName, Sources) {
  EXPECT_EQ(meta(R"(<meta property="og:site_name" content="OG Site">)").site_name, "OG Site");
  EXPECT_EQ(meta(ld(R"({"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Pub"}})"))
                .site_name,
            "Pub");
  EXPECT_EQ(meta(R"(<meta name="application-name" content="App Site">)").site_name, "App Site");
  EXPECT_EQ(meta("<title>Some Headline | Suffix Site</title>", "<h1>Some Headline</h1>").site_name,
            "Suffix Site");
}

TEST(MetadataLanguage, Sources) {
  EXPECT_EQ(meta("", "", "", " lang=\"de\"").language, "de");
  EXPECT_EQ(meta("", "", "", " lang=\"en-us\"").language, "en-US");
  EXPECT_EQ(meta(R"(<meta http-equiv="content-language" content="fr-FR">)").language, "fr-FR");
  EXPECT_EQ(meta(R"(<meta property="og:locale" content="en_GB">)").language, "en-GB");
  EXPECT_EQ(meta("", "", "", " lang=\"de\"").language, "de");
  EXPECT_EQ(meta("").language, "");
}

TEST(MetadataLanguage, Normalization) {
  EXPECT_EQ(normalize_language_tag("en_US"), "en-US");
  EXPECT_EQ(normalize_language_tag("EN"), "en");
  EXPECT_EQ(normalize_language_tag("zh-hant-tw"), "zh-Hant-TW");
  EXPECT_EQ(normalize_language_tag("de-DE, en;q=0.5"), "de-DE");
  EXPECT_EQ(normalize_language_tag("{{lang}}"), "");
  EXPECT_EQ(normalize_language_tag(""), "");
}

TEST(MetadataLanguage, DetectedWhenNotDeclared) {
  Article a;
  a.title = "Die Bundesregierung hat neue Regeln beschlossen";
  a.body = "Die Bundesregierung hat am Mittwoch neue Regeln für den Ausbau der erneuerbaren "
           "Energien beschlossen. Damit sollen Windräder und Solaranlagen schneller gebaut werden "
           "können, teilte das Wirtschaftsministerium in Berlin mit.";
  finish(a);
  EXPECT_EQ(a.language, "de");
  Article b;
  b.title = "The government adopted new rules";
  b.body = "The government on Wednesday adopted new rules for the expansion of renewable energy, "
           "so that wind turbines and solar farms can be built faster, the ministry said.";
  finish(b);
  EXPECT_EQ(b.language, "en");
  Article c;
  c.language = "fr";
  c.body = b.body;
  finish(c);
  EXPECT_EQ(c.language, "fr");  // declared wins
  Article d;
  finish(d);
  EXPECT_EQ(d.language, "");
}

TEST(MetadataDescription, SourcesInOrder) {
  EXPECT_EQ(meta(R"(<meta name="description" content="Plain">
                    <meta property="og:description" content="OG">)")
                .description,
            "Plain");
  EXPECT_EQ(meta(R"(<meta property="og:description" content="OG">)").description, "OG");
  EXPECT_EQ(meta(R"(<meta name="twitter:description" content="TW">)").description, "TW");
  EXPECT_EQ(meta(ld(R"({"@type":"Article","description":"LD"})")).description, "LD");
}

TEST(MetadataUrl, CanonicalOgUrlAndPageUrl) {
  EXPECT_EQ(meta(R"(<link rel="canonical" href="https://ex.com/a">)", "", "https://ex.com/a?x=1").url,
            "https://ex.com/a");
  EXPECT_EQ(meta(R"(<link rel="canonical" href="/news/a.html">)", "", "https://ex.com/x/y").url,
            "https://ex.com/news/a.html");
  EXPECT_EQ(meta(R"(<meta property="og:url" content="https://ex.com/og">)").url,
            "https://ex.com/og");
  EXPECT_EQ(meta("", "", "https://ex.com/given").url, "https://ex.com/given");
}

TEST(MetadataImage, Sources) {
  EXPECT_EQ(meta(R"(<meta property="og:image" content="/img/a.jpg">)", "", "https://ex.com/p/q")
                .image,
            "https://ex.com/img/a.jpg");
  EXPECT_EQ(meta(R"(<meta name="twitter:image" content="https://ex.com/t.jpg">)").image,
            "https://ex.com/t.jpg");
  EXPECT_EQ(meta(ld(R"({"@type":"Article","image":["https://ex.com/1.jpg","https://ex.com/2.jpg"]})"))
                .image,
            "https://ex.com/1.jpg");
}

TEST(MetadataRobustness, EmptyAndHostilePages) {
  Article a = meta("");
  EXPECT_EQ(a.title, "");
  EXPECT_TRUE(a.authors.empty());
  a = meta(ld("not json at all") + ld("") + ld("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[") +
           ld(R"({"@type":"Article","author":{"@id":"#self","author":{"@id":"#self"}}})"));
  EXPECT_TRUE(a.authors.empty());
}


// ---- provenance of the selection rules ------------------------------------------------------

// The article and its provenance, with explain on (and a source order when given).
Article explained(const std::string& head, const std::string& body = "",
                  std::vector<std::string> prefer = {}) {
  dom::Document doc;
  parse::parse_html("<!DOCTYPE html><html><head>" + head + "</head><body>" + body +
                        "</body></html>",
                    doc);
  Options o;
  o.explain = true;
  o.prefer_sources = std::move(prefer);
  Selection sel(*Policy::from(o));
  Article a;
  extract(doc, "", a, sel);
  finish(a, sel);
  return a;
}

const FieldProvenance& prov(const Article& a, std::string_view field) {
  for (const auto& f : a.provenance)
    if (f.field == field) return f;
  static const FieldProvenance kNone;
  ADD_FAILURE() << field;
  return kNone;
}

TEST(MetadataProvenance, UnconfirmedH1LosesToMetaThenIsTheFallback) {
  auto a = explained(R"(<meta property="og:title" content="Council votes the budget">)",
                     "<article><h1>A headline nobody repeats</h1></article>");
  EXPECT_EQ(a.title, "Council votes the budget");
  const auto& t = prov(a, "title");
  EXPECT_EQ(t.winner.source, "opengraph");
  ASSERT_EQ(t.losers.size(), 1u);
  EXPECT_EQ(t.losers[0].source, "h1");
  EXPECT_EQ(t.losers[0].reason, "not confirmed by <title> or a meta title");
  // Nothing else: the same h1 is the fallback, and wins.
  a = explained("", "<article><h1>A headline nobody repeats</h1></article>");
  EXPECT_EQ(a.title, "A headline nobody repeats");
  EXPECT_EQ(prov(a, "title").winner.source, "h1");
  EXPECT_TRUE(prov(a, "title").losers.empty());
}

TEST(MetadataProvenance, SiteLogoH1) {
  auto a = explained("<title>Daily Paper | Storm closes the harbour</title>",
                     "<h1>Daily Paper</h1><h2>Storm closes the harbour</h2>");
  EXPECT_EQ(a.title, "Storm closes the harbour");
  const auto& t = prov(a, "title");
  EXPECT_EQ(t.winner.source, "heading");
  EXPECT_EQ(t.winner.key, "h2");
  ASSERT_FALSE(t.losers.empty());
  EXPECT_EQ(t.losers[0].source, "h1");
  EXPECT_EQ(t.losers[0].reason, "the site's logo: <title> pairs it with another heading");
}

TEST(MetadataProvenance, WeakAuthorIsTheFallbackTier) {
  auto a = explained(R"(<meta property="og:site_name" content="Daily Paper">)" +
                         ld(R"({"@type":"NewsArticle","author":{"name":"Daily Paper"}})"),
                     R"(<span class="author-name">Jane Doe</span>)");
  EXPECT_EQ(a.authors, Names{"Jane Doe"});
  const auto& au = prov(a, "authors");
  EXPECT_EQ(au.winner.source, "text");
  EXPECT_EQ(au.winner.key, "byline element");
  ASSERT_EQ(au.losers.size(), 1u);
  EXPECT_EQ(au.losers[0].source, "json-ld");
  EXPECT_EQ(au.losers[0].reason, "only the site's name or a user handle");
}

TEST(MetadataProvenance, HandlesAndUrlsAreRejected) {
  auto a = explained(R"(<meta name="twitter:site" content="@dailypaper">
                        <meta name="application-name" content="Daily Paper">
                        <meta name="author" content="https://ex.com/staff/jane">)");
  EXPECT_EQ(a.site_name, "Daily Paper");
  const auto& site = prov(a, "site_name");
  EXPECT_EQ(site.winner.source, "meta");
  ASSERT_EQ(site.losers.size(), 1u);
  EXPECT_EQ(site.losers[0].reason, "a social media handle");
  const auto& au = prov(a, "authors");
  EXPECT_EQ(au.winner.source, "");
  ASSERT_EQ(au.losers.size(), 1u);
  EXPECT_EQ(au.losers[0].reason, "a URL");
}

TEST(MetadataProvenance, PrintedDateOverrulesUncorroboratedJsonLd) {
  auto a = explained(ld(R"({"@type":"NewsArticle","datePublished":"2019-10-20"})"),
                     "<h1>Headline of the story</h1><p>Published 16 October 2019</p>");
  EXPECT_EQ(a.date_published, "2019-10-16");
  const auto& d = prov(a, "date_published");
  EXPECT_EQ(d.winner.source, "text");
  EXPECT_EQ(d.winner.key, "near the headline");
  ASSERT_FALSE(d.losers.empty());
  EXPECT_EQ(d.losers[0].source, "json-ld");
  EXPECT_EQ(d.losers[0].reason, "uncorroborated, and the date printed near the headline differs");
  // A source order overrules the rule.
  a = explained(ld(R"({"@type":"NewsArticle","datePublished":"2019-10-20"})"),
                "<h1>Headline of the story</h1><p>Published 16 October 2019</p>", {"json-ld"});
  EXPECT_EQ(a.date_published, "2019-10-20");
}

TEST(MetadataProvenance, LanguageTagsAreValidated) {
  auto a = explained(R"(<meta http-equiv="content-language" content="english!">
                        <meta property="og:locale" content="de_DE">)");
  EXPECT_EQ(a.language, "de-DE");
  const auto& l = prov(a, "language");
  EXPECT_EQ(l.winner.source, "opengraph");
  ASSERT_EQ(l.losers.size(), 1u);
  EXPECT_EQ(l.losers[0].key, "content-language");
  EXPECT_EQ(l.losers[0].reason, "not a language tag");
}

}  // namespace
}  // namespace gazette::metadata
