// Main-content extraction: from a parsed page to the article body as structured blocks.
//
// The algorithm, in passes:
//  1. Precise pass. Elements that never hold content (scripts, forms, hidden nodes, consent
//     dialogs) and boilerplate containers (navigation, share bars, comments, related links,
//     newsletter boxes, by tag, role and class/id vocabulary) are excluded. Text blocks score
//     their ancestors from their length and commas (Readability's scoring); the best-scoring
//     container, scaled by its link density, wins. It is then moved to the story under the
//     page's headline when the page scrolls on into other stories, or widened: to the whole
//     thread of a discussion, to all sections of an article written as sibling sections, to the
//     page's region (<main>, or <body> on a page of sections without an article's metadata).
//     Siblings that look like part of the same article join it. Inside it, containers that look
//     like boilerplate by their make-up (link density, images per paragraph, form inputs) are
//     dropped (Readability's conditional cleaning), then short boilerplate lines and the
//     repeated headline.
//  2. Recall passes, when the precise pass finds less than k::kRecallCheckChars: the same with
//     only strong exclusions, then with none but never-content, then every paragraph of the
//     page, then JSON-LD articleBody.
// Before all this, parse/streamed.h puts a streamed React page's hidden parts in their place.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "gazette/gazette.h"
#include "parse/dom.h"

namespace gazette::extract {

struct Hints {
  std::string_view title;             // the article's headline, to drop its repetition
  std::string_view json_ld_body;      // JSON-LD articleBody, a fallback and cross-check
  // The page is a discussion (a forum thread, a Q&A page): its comments and replies are the
  // content. Extraction also finds this itself from schema.org types in the page.
  bool discussion = false;
  // The page has an article's metadata (a publication date or an author): one story, not a
  // landing page of sections.
  bool article = false;
};

// Extracts the body of `doc` into `blocks` (cleared first). Uses the nodes' scratch fields.
// Returns the number of characters of text extracted (0: no article found).
size_t extract_body(dom::Document& doc, const Hints& hints, std::vector<Block>& blocks);

// Exposed for tests: the characters (UTF-8 code points other than whitespace and U+00A0) and
// commas (',', U+FF0C, U+3001) of `text`, added to the counters.
void count_text_for_test(std::string_view text, uint32_t& chars, uint32_t& commas);

}  // namespace gazette::extract
