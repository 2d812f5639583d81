// What an element's class and id say, judged once per element for metadata and extraction.
//
//   extract::Names names = extract::names_of(element);
//   if (names.words & extract::kBylineWord) ...       // metadata: a byline's container?
//   if ((names.cls | names.id) & extract::kNameStrong) ...  // extraction: boilerplate?
//
// Both passes read the class and id of every element of every page; each used to keep its
// own vocabulary and its own per-thread caches, so every element was looked up twice and the
// caches crowded each other out of the CPU's cache. One vocabulary now carries every word of
// both (one pass over each token), and the judgement is kept on the node (dom::Node::names).
//
// Invariant: the judgement is a pure function of the element's class and id attribute values;
// nothing changes those after parsing, so the kept value stays right for the page's lifetime.
#pragma once

#include <cstdint>
#include <string_view>

#include "parse/dom.h"

namespace gazette::extract {

// What a class or id value says to extraction (extract/boilerplate.h combines them with the
// element's tag and role).
enum NameFlag : uint32_t {
  kNameNegative = 1u << 0,       // Readability's negative class weight
  kNamePositive = 1u << 1,       // Readability's positive class weight
  kNameStrong = 1u << 2,         // boilerplate whatever else it says ("related-articles")
  kNameComments = 1u << 3,       // readers' comments
  kNameBad = 1u << 4,            // weak boilerplate ("sidebar", "menu"), unless ...
  kNameMaybeContent = 1u << 5,   // ... the value also says content ("main-column")
  kNameContentClass = 1u << 6,   // a known article-body class ("entry-content")
  kNameMetadata = 1u << 7,       // byline, dateline, date
  kNameConsent = 1u << 8,        // a cookie or privacy-consent dialog
};
inline constexpr uint32_t kNameFlagBits = 9;

// What the class and id say to metadata: where bylines, datelines and paywall markers are.
enum MetaWord : uint32_t {
  kBylineWord = 1u << 0,
  kNotBylineWord = 1u << 1,   // an avatar, a share bar, a label next to the byline
  kDatelineWord = 1u << 2,
  kNotDatelineWord = 1u << 3,  // an update or a comment's date
  kPaywallHint = 1u << 4,      // access::paywall_token may find a marker
};
inline constexpr uint32_t kMetaWordBits = 5;

struct Names {
  uint32_t cls = 0;    // NameFlag bits of the class value
  uint32_t id = 0;     // NameFlag bits of the id value
  uint32_t words = 0;  // MetaWord bits of the class and the id (no word runs from one to the other)
  // "comment" in the class or the id, or "related" or "sidebar" in the class, as written:
  // metadata takes what is inside for readers' comments or other stories.
  bool marks_comments = false;
};

// The judgement of `element`'s class and id; every test is within one whitespace-separated
// token. Computed on the first call for an element and kept on the node.
Names names_of(const dom::Node* element);

// The NameFlag bits (0 to 15), MetaWord bits (16 to 23), and bit 24 for "comment" and bit 25
// for "related" or "sidebar" (as written) of one class or id value, without any cache: for
// tests, and the reference the cached path must agree with.
uint32_t judge_value(std::string_view value);

}  // namespace gazette::extract
