// Internal: the tree builder's state and algorithms, shared by tree_builder.cc, the per-mode
// files mode_*.cc and foreign_content.cc. Not part of the parser's interface (tree_builder.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dom.h"
#include "parse/html5/tokenizer.h"
#include "parse/html5/tree_builder.h"

namespace gazette::html5::detail {

// Element ids: dom::Tag's ids first (same values), then the names the tree construction rules
// mention that dom::Tag does not know, then the foreign (MathML, SVG) names they mention.
namespace el {
enum Id : uint16_t {
  kOther = 0,  // any other name: compare Node::name
#define GZ_TAG(id, name) id,
#include "parse/tags.inc"
#undef GZ_TAG
  kFirstExtra,
  Applet = kFirstExtra,
  Basefont,
  Bgsound,
  Big,
  Dir,
  Image,
  Keygen,
  Listing,
  Marquee,
  Menuitem,
  Nobr,
  Noembed,
  Noframes,
  Plaintext,
  Rb,
  Rtc,
  Search,
  Selectedcontent,
  Xmp,
  // Foreign elements the rules name.
  Mi,
  Mo,
  Mn,
  Ms,
  Mtext,
  AnnotationXml,
  Mglyph,
  Malignmark,
  ForeignObject,
  Desc,
  kCount
};
}  // namespace el

// The id of a lowercase element name.
el::Id element_id(std::string_view lowercase_name);

enum class Mode : uint8_t {
  kInitial,
  kBeforeHtml,
  kBeforeHead,
  kInHead,
  kInHeadNoscript,
  kAfterHead,
  kInBody,
  kText,
  kInTable,
  kInTableText,
  kInCaption,
  kInColumnGroup,
  kInTableBody,
  kInRow,
  kInCell,
  kInTemplate,
  kAfterBody,
  kInFrameset,
  kAfterFrameset,
  kAfterAfterBody,
  kAfterAfterFrameset,
};

// A token as the tree builder sees it: the tokenizer's, plus the element id of its tag name.
struct Tk : Token {
  el::Id id = el::kOther;
};

// An entry of the stack of open elements.
struct Open {
  dom::Node* node;
  el::Id id;
  dom::Namespace ns;
};

// An entry of the list of active formatting elements; node == nullptr is a marker.
struct Fmt {
  dom::Node* node;
  el::Id id;
};

// "The appropriate place for inserting a node": inside `parent`, before `before` (null: last).
struct Place {
  dom::Node* parent;
  dom::Node* before;
};

enum class Scope : uint8_t { kDefault, kListItem, kButton, kTable };

class TreeBuilder final : public TokenSink {
 public:
  explicit TreeBuilder(dom::Document& doc);
  // Makes the builder parse into `doc` next, as if newly constructed (buffers keep their
  // capacity).
  void rebind(dom::Document& doc);

  Html5Result parse(std::string_view utf8, bool borrow_input = false,
                    const ParseLimits& limits = {});
  // Streaming (Html5StreamParser).
  void begin_stream();
  void feed(std::string_view chunk) { tokenizer_.feed(chunk); }
  Html5Result finish_stream();
  Html5Result parse_fragment(std::string_view utf8, std::string_view context_name,
                             dom::Namespace context_ns);

  // TokenSink.
  void token(const Token& token) override;
  void parse_error(ParseError, size_t) override { ++errors_; }
  bool cdata_allowed() override;
  Token* token_storage() override { return &cur_; }

 private:
  // ----- dispatch (13.2.6) -----
  void dispatch(Tk& t);               // the tree construction dispatcher
  bool process_in(Mode m, Tk& t);     // one step; false: reprocess in mode_
  void error() { ++errors_; }
  Html5Result end();  // after the end-of-file token: pops everything, returns the result

  // ----- insertion modes (13.2.6.4), one file each; false = reprocess the token -----
  bool initial(Tk& t);
  bool before_html(Tk& t);
  bool before_head(Tk& t);
  bool in_head(Tk& t);
  bool in_head_noscript(Tk& t);
  bool after_head(Tk& t);
  bool in_body(Tk& t);
  bool text(Tk& t);
  bool in_table(Tk& t);
  bool in_table_text(Tk& t);
  bool in_caption(Tk& t);
  bool in_column_group(Tk& t);
  bool in_table_body(Tk& t);
  bool in_row(Tk& t);
  bool in_cell(Tk& t);
  bool in_template(Tk& t);
  bool after_body(Tk& t);
  bool in_frameset(Tk& t);
  bool after_frameset(Tk& t);
  bool after_after_body(Tk& t);
  bool after_after_frameset(Tk& t);
  // 13.2.6.5 The rules for parsing tokens in foreign content.
  bool foreign_content(Tk& t);

  // Pieces of in body shared with other modes.
  void in_body_characters(std::string_view data);
  void in_body_end_tag_other(Tk& t);  // "any other end tag"
  bool adoption_agency(Tk& t);        // false: act as "any other end tag"
  bool in_table_anything_else(Tk& t);
  void in_body_start_foreign(Tk& t, dom::Namespace ns);

  // ----- the stack of open elements (13.2.4.3) -----
  dom::Node* current() const { return stack_.back().node; }
  const Open& current_open() const { return stack_.back(); }
  bool current_is(el::Id id) const {
    return stack_.back().id == id && stack_.back().ns == dom::Namespace::kHtml;
  }
  const Open& adjusted_current() const {
    return (fragment_ && stack_.size() == 1) ? context_ : stack_.back();
  }
  void push(dom::Node* node, el::Id id, dom::Namespace ns);
  void pop();
  void pop_until(el::Id id);                   // pops until an HTML `id` has been popped
  void pop_until_one_of(el::Id a, el::Id b);
  void remove_from_stack(size_t index);
  void insert_into_stack(size_t index, const Open& entry);
  bool in_stack(const dom::Node* n) const { return n->mark != 0; }
  size_t stack_index(const dom::Node* n) const { return n->mark - 1; }
  bool open(el::Id id) const { return count_[id] != 0; }  // an HTML `id` on the stack
  bool in_scope(el::Id id, Scope scope) const;
  bool node_in_scope(const dom::Node* node, Scope scope) const;
  void cap_depth();
  void maybe_clone_option(dom::Node* option);  // customizable select: into <selectedcontent>

  // ----- creating and inserting nodes (13.2.6.1) -----
  Place appropriate_place(dom::Node* override_target = nullptr);
  void insert_at(const Place& p, dom::Node* node);
  dom::Node* create_element(const Tk& t, dom::Namespace ns);
  dom::Node* insert_element(const Tk& t, dom::Namespace ns = dom::Namespace::kHtml,
                            bool popped_at_once = false);
  dom::Node* insert_html(el::Id id, std::string_view name);  // a start tag with no attributes
  void insert_foreign(Tk& t, dom::Namespace ns);
  void insert_characters(std::string_view data);
  void insert_characters_at(const Place& p, std::string_view data);
  void insert_comment(std::string_view data);
  void insert_comment_at(const Place& p, std::string_view data);
  void add_missing_attributes(dom::Node* element, const Tk& t);
  void flush_text();
  void generic_text_element(Tk& t, Tokenizer::State state);  // raw text and RCDATA

  // ----- implied end tags, closing (13.2.6.3, in body, in cell) -----
  void generate_implied_end_tags(el::Id except = el::kOther);
  void generate_implied_end_tags_thoroughly();
  void close_p_element();
  void close_cell();
  void clear_stack_back_to(uint32_t stop_mask);
  void reset_insertion_mode();

  // ----- the list of active formatting elements (13.2.4.3) -----
  void push_formatting(dom::Node* node, el::Id id);
  void insert_marker() { formatting_.push_back({nullptr, el::kOther}); }
  void clear_formatting_to_last_marker();
  void reconstruct_formatting();
  int formatting_index(const dom::Node* node) const;  // -1 when absent (searched to last marker)
  void remove_formatting(size_t index);

  // ----- state -----
  dom::Document* doc_;  // never null
  Tokenizer tokenizer_;
  Tk cur_;  // the token being processed; the tokenizer writes it (token_storage())
  Mode mode_ = Mode::kInitial;
  Mode original_mode_ = Mode::kInitial;
  std::vector<Open> stack_;
  std::array<uint32_t, el::kCount> count_{};  // HTML elements on the stack, per id
  std::vector<Fmt> formatting_;
  std::vector<Mode> template_modes_;
  dom::Node* head_ = nullptr;
  dom::Node* form_ = nullptr;
  bool frameset_ok_ = true;
  bool foster_parenting_ = false;
  bool fragment_ = false;
  bool skip_newline_ = false;  // after <pre>, <listing>, <textarea>: drop one leading LF
  bool done_ = false;
  bool selectedcontent_seen_ = false;  // a <selectedcontent> was inserted: options clone
  Open context_{nullptr, el::kOther, dom::Namespace::kHtml};
  QuirksMode quirks_ = QuirksMode::kNoQuirks;
  DoctypeInfo doctype_;
  size_t errors_ = 0;
  ParseLimits limits_;
  bool has_deadline_ = false;
  uint32_t tokens_ = 0;  // since the last deadline check
  ParseStop stopped_ = ParseStop::kNone;
  // Pending table character tokens (in table text).
  std::string table_text_;
  bool table_text_dirty_ = false;  // contains a character that is not whitespace
  // A text node being appended to: its data lives in pending_text_ until flush_text().
  dom::Node* text_node_ = nullptr;
  std::string pending_text_;
  std::vector<dom::Attribute> attr_buf_;
};

// ASCII whitespace as the tree builder means it: TAB, LF, FF, CR, SPACE.
inline bool is_ws(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
}
inline size_t leading_ws(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_ws(s[i])) ++i;
  return i;
}
bool equals_ascii_ci(std::string_view a, std::string_view b);

// Properties of HTML elements, by id.
enum Prop : uint32_t {
  kSpecial = 1u << 0,
  kFormatting = 1u << 1,
  kScopeDefault = 1u << 2,  // boundary of "in scope" (and of the list item and button scopes)
  kScopeTable = 1u << 3,    // boundary of "in table scope"
  kImpliedEnd = 1u << 4,    // generate implied end tags
  kImpliedEndThorough = 1u << 5,
  kTableContext = 1u << 6,       // clear the stack back to a table context
  kTableBodyContext = 1u << 7,   // ... to a table body context
  kTableRowContext = 1u << 8,    // ... to a table row context
  kFosterTarget = 1u << 9,       // table, tbody, tfoot, thead, tr
  kHeading = 1u << 10,
  kVoid = 1u << 11,
};
extern const std::array<uint32_t, el::kCount> kHtmlProps;
inline bool has_prop(const Open& e, uint32_t p) {
  return e.ns == dom::Namespace::kHtml && (kHtmlProps[e.id] & p) != 0;
}
bool is_special(const Open& e);
bool is_default_scope_boundary(const Open& e);
bool is_mathml_text_integration_point(const Open& e);
bool is_html_integration_point(const Open& e);

// Foreign content name fix-ups (foreign_content.cc).
std::string_view adjust_svg_attribute_name(std::string_view lowercase);

}  // namespace gazette::html5::detail
