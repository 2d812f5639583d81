// Article metadata: title, authors, dates, site name, language, description, URL and image.
//
// Each field comes from its best source, roughly: schema.org JSON-LD, then <meta> tags (Open
// Graph, Twitter, Dublin Core, Parse.ly, Sailthru, ...), then microdata and markup conventions
// (itemprop, rel=author, <time>, byline classes), then the URL and the visible text near the
// headline. Values are entity-decoded and whitespace-normalised.
//
// Dates are ISO 8601 as stated by the source: "2019-10-16" for a date alone,
// "2019-10-16T08:30:00+02:00" with time and offset. A UTC designator ("Z", "UTC", "GMT") is
// written "Z"; a numeric offset is written as given ("+00:00" stays "+00:00"). No time or zone is
// ever invented: a time without zone is written without one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gazette/gazette.h"
#include "metadata/date.h"
#include "metadata/provenance.h"
#include "parse/dom.h"

namespace gazette::metadata {

// Fills title, authors, date_published, date_modified, site_name, language (as declared),
// description, url, image and access (from the markup) of `article` from the parsed page.
// `page_url` is the URL given by the user ("" if none).
// `reference` resolves relative dates ("2 hours ago"); without it they are ignored.
// `selection` holds the candidates of each field (provenance.h): the policy (explain, source
// order) decides how many are kept and which wins; finish() completes it.
// `json_ld_body`, when given, receives the JSON-LD articleBody of the page's article (plain
// text, line breaks kept; "" when there is none): extraction's fallback.
void extract(const dom::Document& doc, std::string_view page_url, Article& article,
             Selection& selection, const std::optional<ParsedDate>& reference = std::nullopt,
             std::string* json_ld_body = nullptr);
// The same with Gazette's own order and no explanation.
void extract(const dom::Document& doc, std::string_view page_url, Article& article,
             const std::optional<ParsedDate>& reference = std::nullopt);

// After the body is known: the language detected from title + body with CLD2 (an ISO 639-1
// code, "en", "de") when the page declares none, or when the source order prefers "cld2"; and
// the access signal of the body's closing paragraphs (access.h) when the markup gave none.
// Then article.provenance when explaining.
void finish(Article& article, Selection& selection);
// Language detection alone: when article.language is empty, stores CLD2's code; leaves it
// empty when CLD2 is unsure.
void finish(Article& article);

// CLD2's language for title + body, "" when unsure.
std::string detect_language(const Article& article);
// The text detect_language gives CLD2: the title and the start of the body, within
// thresholds::kLangDetectBytes each, never ending inside a character.
std::string language_sample(const Article& article);

// Exposed for tests. ---------------------------------------------------------------------------

// Splits and cleans a byline into names: drops "By"/"Von"/"Par"/... prefixes, dates, job titles,
// URLs and e-mails; splits "A and B", "A und B", "A, B", "A; B". Credentials ("PhD", "MD, RD")
// stay with the name they follow.
std::vector<std::string> clean_authors(std::string_view byline);

// Removes a site-name suffix or prefix (" - Site", " | Site", " – Site", " :: Site", "Site: ")
// from a page title. `site_names` are the known names of the site (og:site_name, ...); without
// a match, a trailing segment is removed only when it looks like a site name (short, and the
// rest is long enough).
std::string strip_title_site(std::string_view title, const std::vector<std::string>& site_names);

// "en_us" -> "en-US", "DE" -> "de", "zh-hant-tw" -> "zh-Hant-TW"; "" for values that are not
// language tags.
std::string normalize_language_tag(std::string_view tag);

}  // namespace gazette::metadata
