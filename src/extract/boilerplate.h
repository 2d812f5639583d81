// Vocabularies that tell boilerplate from content: class/id words and short boilerplate lines.
#pragma once

#include <string_view>

#include "parse/dom.h"

namespace gazette::extract {

// +kClassWeight per positive and -kClassWeight per negative signal in the class and id
// (Readability's getClassWeight, extended with trafilatura's vocabulary).
float class_weight(const dom::Node* element);

enum class Boilerplate {
  kNo,
  kWeak,    // by a class word that page layouts also use for wrappers ("sidebar", "menu", "ad")
  kStrong,  // by tag, role or an unambiguous class word ("share", "related", "newsletter")
  kComments,  // readers' comments and replies: boilerplate, except on discussion pages
};

// Whether the tag, role, class or id says navigation, comments, share bars, related links,
// newsletter or cookie boxes, ads, ..., and nothing says content. Readability's "unlikely
// candidates", widened.
Boilerplate boilerplate_kind(const dom::Node* element);
inline bool is_boilerplate_container(const dom::Node* element) {
  return boilerplate_kind(element) != Boilerplate::kNo;
}

// All class/id-derived judgements of one element, computing its lowercased class and id once.
struct Classification {
  float weight = 0;
  Boilerplate boilerplate = Boilerplate::kNo;
  int hint_rank = -1;
  bool metadata = false;
  bool consent = false;  // a cookie or privacy-consent dialog ("cookie-banner", "sp-dsgvo")
};
Classification classify(const dom::Node* element);

// True when the class or id says the element carries article metadata shown on the page
// (byline, dateline, publication date, author box); the extractor drops such elements when
// they are short, since the record has these as fields.
bool is_metadata_container(const dom::Node* element);

// True for elements that never hold article text (script, style, form controls, foreign
// content) and, when `check_hidden`, for <noscript> and nodes hidden by the `hidden` attribute,
// aria-hidden or an inline display:none. Pages hide real content too (React streams server-rendered content
// into `<div hidden>` and moves it with script), so the recall pass does not check hiding.
bool is_never_content(const dom::Node* element, bool check_hidden = true);

// How strongly the element marks itself as the article body: 0 for itemprop=articleBody, 1
// for a well-known content class or id ("entry-content", "article-body", ...), 2 for
// <article>, 3 for <main> or role=main; -1 for none.
int content_hint_rank(const dom::Node* element);

// True for a short line that is boilerplate on its own ("Loading...", "Read more", "Voir plus",
// "Share on Facebook", "Subscribe to our newsletter"), in en, fr, de, es, it, pt.
bool is_boilerplate_line(std::string_view normalised_text);

}  // namespace gazette::extract
