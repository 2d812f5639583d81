// The HTML Standard's tree construction (13.2.6), building Gazette's arena DOM directly.
//
// Entry points: parse_html5() for a document, Html5StreamParser for a document that arrives in
// chunks, parse_html5_fragment() for the fragment parsing algorithm (13.4, used by the tests).
// The scripting flag is off: <noscript> is parsed as markup, scripts never run, nothing is
// re-entrant.
//
// The implementation is spread over one file per insertion mode (mode_*.cc, named after the
// Standard's modes) around a core (tree_builder.cc: the stack of open elements and its scopes,
// the list of active formatting elements, the adoption agency algorithm, foster parenting,
// "reset the insertion mode appropriately", the tree construction dispatcher) and the rules for
// foreign content (foreign_content.cc, with the SVG and MathML name fix-ups).
//
// What the DOM keeps (dom.h has no DOCTYPE node, no template contents, no attribute namespaces):
//  * The DOCTYPE is returned in Html5Result, not stored in the tree.
//  * A <template>'s contents are simply its children.
//  * Elements keep their namespace in Node::ns and, as dom.h promises, a lowercase Node::name:
//    the SVG tag name fix-up ("foreignobject" -> "foreignObject") is svg_tag_name(), for
//    serialisers. Foreign elements get the Tag of their name (<svg><title> is Tag::Title with
//    ns kSvg: check ns before trusting the tag of a foreign element).
//  * Attributes of foreign elements have the Standard's adjusted names ("viewBox",
//    "definitionURL"); namespaced ones keep their qualified name ("xlink:href", "xml:lang");
//    foreign_attribute_namespace() recovers the namespace for serialisers.
//
// Limits on hostile input, where the Standard's algorithms would be quadratic (documented in
// detail in tree_builder.cc next to the code that enforces them):
//  * The stack of open elements holds at most kMaxStackDepth elements. When an element is to be
//    pushed onto a full stack, the current node is popped first, as if closed by an implied end
//    tag (the insertion mode does not change): the new element becomes the next sibling of the
//    element it would have been nested in, so nesting deeper than kMaxStackDepth flattens into
//    siblings at that depth. Void elements (pushed and popped at once) are exempt.
//    Reconstructed formatting elements count as pushes; the adoption agency algorithm never
//    grows the stack (it can still deepen the DOM below the stack's depth, as the Standard's).
//  * The list of active formatting elements holds at most kMaxFormattingRun entries after the
//    last marker; pushing one more first drops the earliest of them (as the Noah's Ark clause
//    drops the earliest of four identical ones). Scans of the list stop at the last marker.
//  * Customizable select: "maybe clone an option into selectedcontent" looks for the select's
//    first option and first <selectedcontent> among its first 4096 descendants only; past them
//    nothing is cloned.
//  Within these caps every step of the algorithm is bounded, so parsing is linear in the input
//  (tests/html5_tree_test.cc times the hostile cases at n and n/4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "parse/dom.h"

namespace gazette::html5 {

inline constexpr size_t kMaxStackDepth = 512;
inline constexpr size_t kMaxFormattingRun = 64;

enum class QuirksMode : uint8_t { kNoQuirks, kLimitedQuirks, kQuirks };

struct DoctypeInfo {
  bool present = false;
  std::string name;
  std::string public_id;
  std::string system_id;
  bool has_public_id = false;
  bool has_system_id = false;
  size_t position = 0;  // the number of Document children (comments) that precede it
};

// Limits on one parse (hostile input; docs/robustness.md). When one is hit, tree construction
// stops there: the tree holds what was built so far (every open element closed) and
// Html5Result::stopped says which limit it was.
struct ParseLimits {
  size_t max_nodes = 0;  // 0: none. Checked before each token: the tree may exceed it by the
                         // nodes one token creates (at most the 64 formatting clones + 1)
  std::chrono::steady_clock::time_point deadline{};  // epoch (the default): none
};

enum class ParseStop { kNone, kNodeLimit, kDeadline };

struct Html5Result {
  DoctypeInfo doctype;  // the DOCTYPE token the initial insertion mode accepted, if any
  QuirksMode quirks_mode = QuirksMode::kNoQuirks;
  size_t parse_errors = 0;  // tokenizer and tree construction parse errors
  ParseStop stopped = ParseStop::kNone;
};

// Parses a whole document into `doc` (cleared first). `utf8` must be valid UTF-8. With
// `borrow_input`, the tree keeps views into `utf8` instead of copies of the text and attribute
// values it did not have to change (Document::borrow): `utf8` must then outlive the tree's use.
// One parser is kept per thread and reused (its buffers keep their capacity).
Html5Result parse_html5(std::string_view utf8, dom::Document& doc, bool borrow_input = false,
                        const ParseLimits& limits = {});

namespace detail {
class TreeBuilder;
}

// Streaming: the same parse as parse_html5(), with the input given in pieces as it arrives
// (network bodies, WARC records). feed() takes any split of the UTF-8 input (even inside a
// UTF-8 sequence, a tag, a character reference or a CR LF) and copies what it still needs, so a
// chunk may be freed once feed() returns. The tree grows as the input comes (a text node that
// more characters were appended to is brought up to date at finish()). finish() ends the input
// and returns what parse_html5(concatenation of the chunks) returns; `doc` then holds the same
// tree. Only a small carry-over (a few bytes of look-ahead or look-behind at the chunk's
// end) and the open token (a text run, tag, comment) are kept between chunks.
class Html5StreamParser {
 public:
  explicit Html5StreamParser(dom::Document& doc);  // `doc` is cleared
  ~Html5StreamParser();
  Html5StreamParser(const Html5StreamParser&) = delete;
  Html5StreamParser& operator=(const Html5StreamParser&) = delete;

  void feed(std::string_view utf8_chunk);  // ignored after finish()
  Html5Result finish();                    // once

 private:
  std::unique_ptr<detail::TreeBuilder> builder_;
};

// The HTML fragment parsing algorithm with a context element named `context_name` (its local
// name, e.g. "td", "foreignObject") in namespace `context_ns`. `doc` is cleared first; the
// resulting nodes are the children of doc.root().
Html5Result parse_html5_fragment(std::string_view utf8, std::string_view context_name,
                                 dom::Namespace context_ns, dom::Document& doc);

// For serialisers: the namespace prefix ("xlink", "xml", "xmlns") of an attribute of a foreign
// element whose qualified name `name` the Standard's "adjust foreign attributes" namespaces,
// with its local name; {"", name} for the others.
// For serialisers: the Standard's name of an SVG element whose lowercase name is `lowercase`
// ("clippath" -> "clipPath"); other names unchanged.
std::string_view svg_tag_name(std::string_view lowercase);

struct QualifiedName {
  std::string_view prefix;
  std::string_view local;
};
QualifiedName foreign_attribute_namespace(std::string_view name);

}  // namespace gazette::html5
