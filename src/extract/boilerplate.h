// Vocabularies that tell boilerplate from content: class/id words and short boilerplate lines.
#pragma once

#include <string_view>

#include "parse/dom.h"

namespace gazette::extract {

// +kClassWeight per positive and -kClassWeight per negative signal in the class and id
// (Readability's getClassWeight, extended with trafilatura's vocabulary).
float class_weight(const dom::Node* element);

// True when the class, id or role says navigation, comments, share bars, related links,
// newsletter or cookie boxes, ads, ..., and nothing says content. Readability's
// "unlikely candidates", widened.
bool is_boilerplate_container(const dom::Node* element);

// True when the class or id says the element carries article metadata shown on the page
// (byline, dateline, publication date, author box); the extractor drops such elements when
// they are short, since the record has these as fields.
bool is_metadata_container(const dom::Node* element);

// True for elements that never hold article text (script, style, forms controls, hidden nodes,
// foreign content).
bool is_never_content(const dom::Node* element);

// True for a short line that is boilerplate on its own ("Loading...", "Read more", "Voir plus",
// "Share on Facebook", "Subscribe to our newsletter"), in en, fr, de, es, it, pt.
bool is_boilerplate_line(std::string_view normalised_text);

}  // namespace gazette::extract
