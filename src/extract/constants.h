// Calibrated constants of main-content extraction, in one place.
//
// Each says what it gates and how it was set. "Readability" means Mozilla Readability.js, whose
// defaults were the starting point; "bench" means `make bench` over ../shared/bench (the three
// datasets), where a value was kept when changing it in either direction lowered the mean of the
// body/snippet F1 figures.
#pragma once

#include <cstddef>

namespace gazette::extract::k {

// A text block shorter than this (in characters, whitespace excluded) adds nothing to the score
// of its ancestors. Readability: 25.
inline constexpr size_t kMinScoredChars = 25;

// Score of a text block: 1 + commas + min(chars / kCharsPerPoint, kMaxLengthPoints). Readability.
inline constexpr float kCharsPerPoint = 100;
inline constexpr float kMaxLengthPoints = 3;

// How far up a block's score propagates; level 0 (parent) gets it whole, level 1 half, level
// n>=2 a share of 1/(n*kAncestorDivisor). Readability: 5 levels, divisor 3.
inline constexpr int kScoreLevels = 5;
inline constexpr float kAncestorDivisor = 3;

// Weight of a positive / negative class or id (Readability: 25).
inline constexpr float kClassWeight = 25;

// Sibling merge: a sibling of the top candidate joins when its score reaches
// max(kSiblingMinScore, top * kSiblingShare). Readability: 10 and 0.2.
inline constexpr float kSiblingMinScore = 10;
inline constexpr float kSiblingShare = 0.2f;
// ...or when it is a paragraph of more than kSiblingParaChars with link density under
// kSiblingParaLinkDensity. Readability: 80 and 0.25.
inline constexpr size_t kSiblingParaChars = 80;
inline constexpr float kSiblingParaLinkDensity = 0.25f;

// Conditional cleaning of containers inside the chosen content (Readability's
// _cleanConditionally): a container with fewer than kCleanMinCommas commas is dropped when its
// link density exceeds kCleanLinkDensity (kCleanLinkDensityPositive when its class weight is
// positive), among other tests.
inline constexpr int kCleanMinCommas = 10;
inline constexpr float kCleanLinkDensity = 0.2f;
inline constexpr float kCleanLinkDensityPositive = 0.5f;

// When the precise pass yields fewer characters than this, the recall-oriented passes run.
// bench: trafilatura uses 250 (MIN_EXTRACTED_SIZE).
inline constexpr size_t kMinArticleChars = 250;

// A block of a boilerplate phrase ("Read more", "Loading...") is only dropped when it is this
// short, so that a paragraph that merely contains the phrase survives.
inline constexpr size_t kMaxBoilerplateLineChars = 60;
// A "Read also: <headline>" block is dropped up to this many bytes (a headline's length).
inline constexpr size_t kMaxReadAlsoLineChars = 200;
// A caption line that ends with its picture credit ("... Foto: GdP/Hagen Immel") is dropped up
// to this many bytes, when the credit after its marker ("Foto:", "©", "(REUTERS/") is at most
// kMaxCreditChars: a name or an agency, not a sentence. trafilatura-eval's truth marks such
// captions as boilerplate (snippet F1 0.9137 -> 0.9159; wceb-dev up 0.0001; Readability, whose
// truth keeps captions, down 0.0002). 200 gives 0.9158, 300 and 400 0.9159.
inline constexpr size_t kMaxCaptionLineChars = 300;
inline constexpr size_t kMaxCreditChars = 60;

// A precise result shorter than kRecallCheckChars is compared with the recall pass, which
// wins when it finds kRecallGain times as much text. bench.
inline constexpr size_t kRecallCheckChars = 1000;
inline constexpr float kRecallGain = 3.0f;
// The same for the lenient pass (no class-based exclusion at all), which must find more.
inline constexpr float kLenientGain = 6.0f;

// A byline, dateline or date element (by class or id) longer than this is content after all
// (an author box that holds the article, a "meta" wrapper around everything). bench.
inline constexpr size_t kMaxMetadataBlockChars = 200;

// A container that looks like boilerplate only by a weak class word ("sidebar", "menu") is
// still content when it holds this share of the page's text: a layout wrapper such as
// "panel-two-col-sidebar-right". bench (readability/aclu).
inline constexpr float kWrapperShare = 0.5f;
// The same for a container that a strong class word alone calls boilerplate (not its tag or
// role): a page builder's section named "cc-newsletter" around a newsletter issue's article.
// Related-story and share boxes hold far less of a page. bench (2026-11-27, the three datasets):
// 0.5 misses wceb-dev/0228 (the section holds 51% of the text by our count, 49% by ours less
// hidden nodes); 0.4 gives wceb-dev body F1 +0.0008, trafilatura-eval snippets +0.0011,
// readability body +0.0015; 0.3 and 0.2 lose trafilatura-eval snippets again.
inline constexpr float kStrongWrapperShare = 0.4f;

// An article written as sibling <section>s or <div>s of one class: the top candidate is
// widened to their parent when it lies at most kSectionClimbLevels below one of them and the
// others add this much paragraph text, more than its own. bench (2026-11-27): wceb-dev body F1
// +0.0010, snippets +0.0011 (0256, 0302, 0689 recall 0.1-0.5 -> 0.9+); trafilatura-eval loses
// two snippets (fairkom.eu).
inline constexpr int kSectionClimbLevels = 5;
inline constexpr uint32_t kSectionSiblingsMinGoodChars = 500;

// A semantic hint of the article body (itemprop=articleBody, a content class, <article>,
// <main>) replaces the best-scoring container when it holds at least this share of that
// container's paragraph text. bench.
inline constexpr float kHintShareOfScored = 0.5f;

// Readability drops a container with more form inputs than a third of its paragraphs; Gazette
// only when its text is also under this many characters per input (a form's labels), so that
// a recipe's ingredient list beside its servings field stays. Hidden inputs do not count.
// bench (2026-11-27): 150 gives trafilatura-eval snippets 0.9125 -> 0.9131, wceb-dev body
// 0.8232 -> 0.8252 and snippets 0.8431 -> 0.8454; 50 and 300 give 0.9129 and 0.9127 on
// trafilatura-eval, 1000 less on both.
inline constexpr uint32_t kCleanCharsPerInput = 150;

// A top candidate with less than this share of the paragraph text ("good chars") of the page's
// main region (<main>, or on pages without article metadata the top-level block of <body>) is
// one section of a sectioned page, and the region is taken (Extraction::widen_to_region).
// Calibrated on wceb-dev body F1 (its service, product and listing pages): with <main> alone
// 0.3 to 0.85 give 0.8105 to 0.8111; with both regions 0.3 to 0.7 give 0.815 to 0.816 (0.806
// without widening). Readability does not move; trafilatura-eval snippets gain 0.001-0.002.
inline constexpr float kSectionShareOfRegion = 0.5f;

// A block of text counts as paragraph text ("good") when less than this share of it is link text.
inline constexpr float kMaxGoodLinkDensity = 0.5f;

// After choosing the best container, Gazette widens to its parent when the parent adds at least
// kClimbMinGoodChars of paragraph text and kClimbGoodRatio times more paragraph text than other
// text. bench.
inline constexpr size_t kClimbMinGoodChars = 100;
inline constexpr float kClimbGoodRatio = 1.0f;

// Slots of the per-thread table of class tokens already judged (extract/class_names.cc,
// for extraction and metadata; util::TokenCache: a power of
// two, 64 bytes each; 128 KiB, so that it stays in L2: most hits are classes repeated within a
// page), and half as many for whole class values. Not a quality constant: a bound on memory.
inline constexpr size_t kNameCacheEntries = 2048;

// A kept list or block whose text is mostly links (navigation inside the article).
inline constexpr float kMaxLinkDensityList = 0.5f;

}  // namespace gazette::extract::k
