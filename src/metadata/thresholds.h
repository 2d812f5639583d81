// Calibrated thresholds of the metadata module, in one place.
//
// "Calibrated on" names the bench datasets (/work/shared/bench/datasets: trafilatura-eval,
// readability, wceb-dev) whose scores were compared while varying the value; the chosen value is
// the one at (or near) the plateau, not a per-page fit.
#pragma once

#include <cstddef>

namespace gazette::metadata::thresholds {

// Dates: years accepted from page sources. Below 1995 almost no web article exists and
// numbers like "1900" in text are often not dates; the upper bound leaves room for pages from
// the near future (tests, time zones). Calibrated on all three datasets (their truths span
// 2001-2025).
inline constexpr int kMinYear = 1995;
inline constexpr int kMaxYear = 2035;

// Author names longer than this (in code points) or with more words are sentences, not names.
// The longest true single names on the bench are ~40 code points / 5 words
// ("Bruno (Henrique Zecchin) Rodrigues", "Doris Munoz-Mantilla, MD, FOMA, DABOM" with credentials).
inline constexpr size_t kMaxAuthorChars = 60;
inline constexpr size_t kMaxAuthorWords = 6;

// Byline elements (class/id contains "author"/"byline") whose text is longer than this are
// containers (author boxes with bios), not bylines. Calibrated on trafilatura-eval and wceb-dev.
inline constexpr size_t kMaxBylineChars = 120;

// Title suffix stripping without a known site name: the removed segment must be at most this
// many words, and the kept part at least kMinTitleKeepChars long. Calibrated on
// trafilatura-eval and wceb-dev titles.
inline constexpr size_t kMaxSiteSegmentWords = 4;
inline constexpr size_t kMinTitleKeepChars = 15;

// An <h1> is taken as the headline only when at least this long (shorter ones are logos,
// section names). Calibrated on trafilatura-eval and wceb-dev.
inline constexpr size_t kMinHeadlineChars = 8;

// Visible-text date search: how many characters of (non-blank) text after the headline, and
// before it, are scanned for a textual date. Calibrated on trafilatura-eval and wceb-dev: date
// accuracy is flat from 300 to 3000 characters after; 1000 sits in the middle of the plateau.
inline constexpr size_t kDateTextAfterHeadline = 1000;
inline constexpr size_t kDateTextBeforeHeadline = 300;

// After an "Updated ..." date near the headline, how many characters are searched for the
// published date that pages print behind it ("Updated 04 Jun 2020, originally created 17 Jun
// 2019", "Aktualisiert: 26.01.2022 | Erstellt: 25.01.2022"). The pair sits within one line;
// further on, dates belong to the article.
inline constexpr size_t kDateAfterUpdatedChars = 80;

// A printed date at most this many characters of text from the headline is the headline's and
// is preferred to dates in elements classed "date" elsewhere on the page (sidebars, teasers).
// Calibrated on the bench's date accuracy: 200 and 300 give the same; 100 trades one
// wceb-dev page for one trafilatura-eval page; 1000 (the whole search window) takes body dates
// over date elements and loses two trafilatura-eval pages.
inline constexpr size_t kDateRightAtHeadline = 200;

// A <title> that is the only title source loses a last segment after " | ", " – ", " — " or
// " - " of at most this many words (an unnamed site: "Lorem ipsum dolor sit amet – My website")
// when at least kTitleHeadMinWords words stay. Calibrated on the bench's title accuracy
// (trafilatura-eval / readability / wceb-dev): without the rule 0.7905 / 0.7559 / 0.7150;
// 2 and 4 words: 0.7905 / 0.7717 / 0.7180; 3 and 4: 0.7929 / 0.7717 / 0.7202; 4 and 3:
// 0.7953 / 0.7717 / 0.7216; 5 and 3: 0.7953 / 0.7717 / 0.7224 (a longer segment is more often
// a subtitle, so 4).
inline constexpr size_t kTitleSiteSegmentMaxWords = 4;
inline constexpr size_t kTitleHeadMinWords = 3;

// Date elements (class "date", "datum", ...) that state this many different days are a list of
// events or teasers, or a published/updated pair: none of them alone can overrule a generic
// "date" meta (the date printed under the headline still can). Calibrated on trafilatura-eval's
// date accuracy: 2 gives 671/728, 3 gives 670 (an events column at 18:00 on three days is fixed
// by both; 2 also fixes a page whose two date elements are neither the meta's day nor the
// headline's), 4 gives 669; readability and wceb-dev do not move.
inline constexpr size_t kDateElementListDays = 2;

// "By Jane Doe" lines are looked for in this many characters of text after the headline.
// Calibrated on trafilatura-eval (German pages often put "von Jane Doe" under the teaser).
inline constexpr size_t kBylineTextAfterHeadline = 600;

// Elements whose text is scanned for a date when their class/id mentions date/time/publish;
// longer text is a container, not a dateline.
inline constexpr size_t kMaxDatelineChars = 160;


// CLD2 on title + body: bytes of text fed to the detector.
inline constexpr size_t kLangDetectBytes = 20000;

}  // namespace gazette::metadata::thresholds
