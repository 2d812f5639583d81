// Tree construction core (13.2.4 - 13.2.6.3): the stack of open elements, the list of active
// formatting elements, node insertion with foster parenting, the adoption agency algorithm, the
// tree construction dispatcher and the entry points. The insertion modes are in mode_*.cc.
#include <algorithm>
#include <cstring>

#include "parse/html5/builder.h"

namespace gazette::html5 {
namespace detail {

using dom::Document;
using dom::Namespace;
using dom::Node;

// ---------------------------------------------------------------------------------------------
// Element ids and properties.

namespace {

struct ExtraName {
  std::string_view name;
  el::Id id;
};
constexpr ExtraName kExtraNames[] = {
    {"applet", el::Applet},   {"basefont", el::Basefont},
    {"bgsound", el::Bgsound}, {"big", el::Big},
    {"dir", el::Dir},         {"image", el::Image},
    {"keygen", el::Keygen},   {"listing", el::Listing},
    {"marquee", el::Marquee}, {"menuitem", el::Menuitem},
    {"nobr", el::Nobr},       {"noembed", el::Noembed},
    {"noframes", el::Noframes}, {"plaintext", el::Plaintext},
    {"rb", el::Rb},           {"rtc", el::Rtc},
    {"search", el::Search},   {"selectedcontent", el::Selectedcontent},
    {"xmp", el::Xmp},         {"mi", el::Mi},
    {"mo", el::Mo},           {"mn", el::Mn},
    {"ms", el::Ms},           {"mtext", el::Mtext},
    {"annotation-xml", el::AnnotationXml}, {"mglyph", el::Mglyph},
    {"malignmark", el::Malignmark}, {"foreignobject", el::ForeignObject},
    {"desc", el::Desc},
};

constexpr std::array<uint32_t, el::kCount> make_props() {
  std::array<uint32_t, el::kCount> p{};
  using namespace el;
  for (Id i : {Address, Applet, Area, Article, Aside, Base, Basefont, Bgsound, Blockquote, Body,
               Br, Button, Caption, Center, Col, Colgroup, Dd, Details, Dir, Div, Dl, Dt, Embed,
               Fieldset, Figcaption, Figure, Footer, Form, Frame, Frameset, H1, H2, H3, H4, H5,
               H6, Head, Header, Hgroup, Hr, Html, Iframe, Img, Input, Keygen, Li, Link, Listing,
               Main, Marquee, Menu, Meta, Nav, Noembed, Noframes, Noscript, Object, Ol, P, Param,
               Plaintext, Pre, Script, Search, Section, Select, Source, Style, Summary, Table,
               Tbody, Td, Template, Textarea, Tfoot, Th, Thead, Title, Tr, Track, Ul, Wbr, Xmp})
    p[i] |= kSpecial;
  for (Id i : {A, B, Big, Code, Em, Font, I, Nobr, S, Small, Strike, Strong, Tt, U})
    p[i] |= kFormatting;
  // select: the customizable-select parser makes it a scope boundary, so that a formatting end
  // tag does not reach across it (webkit02.dat: <font><select><option>a</option></font>).
  for (Id i : {Applet, Caption, Html, Table, Td, Th, Marquee, Object, Template, Select})
    p[i] |= kScopeDefault;
  for (Id i : {Html, Table, Template}) p[i] |= kScopeTable | kTableContext;
  for (Id i : {Tbody, Tfoot, Thead, Template, Html}) p[i] |= kTableBodyContext;
  for (Id i : {Tr, Template, Html}) p[i] |= kTableRowContext;
  for (Id i : {Dd, Dt, Li, Optgroup, Option, P, Rb, Rp, Rt, Rtc})
    p[i] |= kImpliedEnd | kImpliedEndThorough;
  for (Id i : {Caption, Colgroup, Tbody, Td, Tfoot, Th, Thead, Tr}) p[i] |= kImpliedEndThorough;
  for (Id i : {Table, Tbody, Tfoot, Thead, Tr}) p[i] |= kFosterTarget;
  for (Id i : {H1, H2, H3, H4, H5, H6}) p[i] |= kHeading;
  for (Id i : {Area, Base, Basefont, Bgsound, Br, Col, Embed, Frame, Hr, Img, Input, Keygen,
               Link, Meta, Param, Source, Track, Wbr})
    p[i] |= kVoid;
  return p;
}

}  // namespace

const std::array<uint32_t, el::kCount> kHtmlProps = make_props();

// The names the tree builder knows beyond dom::Tag's; out of line, so that the common case
// (a dom::Tag) does not pay for this loop's register saves.
[[gnu::noinline]] static el::Id extra_element_id(std::string_view name) {
  if (name.size() < 2 || name.size() > 15) return el::kOther;
  for (const ExtraName& e : kExtraNames)
    if (e.name.size() == name.size() && e.name[0] == name[0] && e.name == name) return e.id;
  return el::kOther;
}

el::Id element_id(std::string_view name) {
  dom::Tag tag = dom::tag_from_name(name);
  if (tag != dom::Tag::kUnknown) return static_cast<el::Id>(tag);
  return extra_element_id(name);
}

bool equals_ascii_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

static bool foreign_boundary(const Open& e) {
  if (e.ns == Namespace::kMathMl)
    return e.id == el::Mi || e.id == el::Mo || e.id == el::Mn || e.id == el::Ms ||
           e.id == el::Mtext || e.id == el::AnnotationXml;
  return e.id == el::ForeignObject || e.id == el::Desc || e.id == el::Title;  // SVG
}

bool is_special(const Open& e) {
  return e.ns == Namespace::kHtml ? (kHtmlProps[e.id] & kSpecial) != 0 : foreign_boundary(e);
}

bool is_default_scope_boundary(const Open& e) {
  return e.ns == Namespace::kHtml ? (kHtmlProps[e.id] & kScopeDefault) != 0
                                  : foreign_boundary(e);
}

bool is_mathml_text_integration_point(const Open& e) {
  return e.ns == Namespace::kMathMl && (e.id == el::Mi || e.id == el::Mo || e.id == el::Mn ||
                                        e.id == el::Ms || e.id == el::Mtext);
}

bool is_html_integration_point(const Open& e) {
  if (e.ns == Namespace::kMathMl) {
    if (e.id != el::AnnotationXml) return false;
    std::string_view enc = e.node->attr("encoding");
    return equals_ascii_ci(enc, "text/html") || equals_ascii_ci(enc, "application/xhtml+xml");
  }
  if (e.ns == Namespace::kSvg)
    return e.id == el::ForeignObject || e.id == el::Desc || e.id == el::Title;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Construction, entry points, dispatch.

TreeBuilder::TreeBuilder(Document& doc) : doc_(&doc), tokenizer_(*this) {
  stack_.reserve(kMaxStackDepth + 2);
}

void TreeBuilder::rebind(Document& doc) {
  // Everything a parse leaves behind goes back to its initial value; the vectors and strings
  // keep their capacity, which is the point of reusing one builder per thread.
  doc_ = &doc;
  tokenizer_.reset(std::string_view());
  mode_ = original_mode_ = Mode::kInitial;
  stack_.clear();
  count_.fill(0);
  formatting_.clear();
  template_modes_.clear();
  head_ = form_ = nullptr;
  frameset_ok_ = true;
  foster_parenting_ = fragment_ = skip_newline_ = done_ = selectedcontent_seen_ = false;
  context_ = Open{nullptr, el::kOther, Namespace::kHtml};
  quirks_ = QuirksMode::kNoQuirks;
  doctype_ = DoctypeInfo();
  errors_ = 0;
  limits_ = ParseLimits();
  has_deadline_ = false;
  tokens_ = 0;
  stopped_ = ParseStop::kNone;
  table_text_.clear();
  table_text_dirty_ = false;
  text_node_ = nullptr;
  pending_text_.clear();
  attr_buf_.clear();
}

Html5Result TreeBuilder::parse(std::string_view utf8, bool borrow_input,
                               const ParseLimits& limits) {
  limits_ = limits;
  has_deadline_ = limits.deadline != std::chrono::steady_clock::time_point{};
  doc_->clear_for_input(utf8.size(), borrow_input ? utf8 : std::string_view());
  tokenizer_.reset(utf8);
  tokenizer_.run();
  return end();
}

Html5Result TreeBuilder::end() {
  while (!stack_.empty()) pop();
  flush_text();
  Html5Result r;
  r.doctype = std::move(doctype_);
  r.quirks_mode = quirks_;
  r.parse_errors = errors_;
  r.stopped = stopped_;
  return r;
}

void TreeBuilder::begin_stream() {
  doc_->clear();
  tokenizer_.begin_stream();
}

Html5Result TreeBuilder::finish_stream() {
  tokenizer_.finish();
  return end();
}

Html5Result TreeBuilder::parse_fragment(std::string_view utf8, std::string_view context_name,
                                        Namespace context_ns) {
  doc_->clear();
  fragment_ = true;
  // 13.4 "parsing HTML fragments".
  std::string lower(context_name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  el::Id cid = element_id(lower);
  dom::Tag ctag = cid < el::kFirstExtra ? static_cast<dom::Tag>(cid) : dom::Tag::kUnknown;
  Node* ctx = doc_->create_element(ctag, lower, context_ns);
  context_ = {ctx, cid, context_ns};
  // 4. The tokenizer's state from the context element.
  tokenizer_.reset(utf8);
  if (context_ns == Namespace::kHtml) {
    switch (cid) {
      case el::Title: case el::Textarea:
        tokenizer_.set_state(Tokenizer::State::kRcdata);
        break;
      case el::Style: case el::Xmp: case el::Iframe: case el::Noembed: case el::Noframes:
        tokenizer_.set_state(Tokenizer::State::kRawtext);
        break;
      case el::Script:
        tokenizer_.set_state(Tokenizer::State::kScriptData);
        break;
      case el::Plaintext:
        tokenizer_.set_state(Tokenizer::State::kPlaintext);
        break;
      default:  // noscript too: the scripting flag is off
        break;
    }
  }
  // 5-7. The root html element, the stack.
  Node* root = doc_->create_element(dom::Tag::Html, {});
  Document::append_child(doc_->root(), root);
  push(root, el::Html, Namespace::kHtml);
  // 8. A template context starts in "in template".
  if (context_ns == Namespace::kHtml && cid == el::Template)
    template_modes_.push_back(Mode::kInTemplate);
  // 10. Reset the insertion mode appropriately. (11: the context has no form ancestor.)
  reset_insertion_mode();
  tokenizer_.run();
  while (!stack_.empty()) pop();
  flush_text();
  // 14. The root's children are the result: move them to the document.
  while (Node* c = root->first_child) {
    Document::remove(c);
    Document::append_child(doc_->root(), c);
  }
  Document::remove(root);
  Html5Result r;
  r.quirks_mode = quirks_;
  r.parse_errors = errors_;
  return r;
}

bool TreeBuilder::cdata_allowed() {
  return !stack_.empty() && adjusted_current().ns != Namespace::kHtml;
}

void TreeBuilder::token(const Token& token) {
  if (done_) return;
  // Limits: checked per token, the clock only every 4096 tokens (a clock read costs about as
  // much as a small token).
  if (limits_.max_nodes != 0 && doc_->node_count() > limits_.max_nodes) {
    stopped_ = ParseStop::kNodeLimit;
  } else if (has_deadline_ && ++tokens_ == 4096) {
    tokens_ = 0;
    if (std::chrono::steady_clock::now() > limits_.deadline) stopped_ = ParseStop::kDeadline;
  }
  if (stopped_ != ParseStop::kNone) {
    done_ = true;
    tokenizer_.stop();
    return;
  }
  // The tokenizer builds its tokens in cur_ (token_storage()); another caller's token is
  // copied there.
  Tk& t = cur_;
  if (&token != static_cast<const Token*>(&cur_)) static_cast<Token&>(t) = token;
  t.id = t.type == TokenType::kStartTag || t.type == TokenType::kEndTag ? element_id(t.name)
                                                                          : el::kOther;
  if (skip_newline_) {
    // "If the next token is a U+000A LINE FEED (LF) character token, ignore that token."
    skip_newline_ = false;
    if (t.type == TokenType::kCharacters && !t.data.empty() && t.data[0] == '\n') {
      t.data.remove_prefix(1);
      if (t.data.empty()) return;
    }
  }
  dispatch(t);
}

// 13.2.6 The tree construction dispatcher.
void TreeBuilder::dispatch(Tk& t) {
  for (;;) {
    bool html = true;
    if (!stack_.empty()) {
      const Open& a = adjusted_current();
      if (a.ns != Namespace::kHtml) {
        bool start = t.type == TokenType::kStartTag;
        bool chars = t.type == TokenType::kCharacters;
        html = (is_mathml_text_integration_point(a) &&
                ((start && t.id != el::Mglyph && t.id != el::Malignmark) || chars)) ||
               (a.ns == Namespace::kMathMl && a.id == el::AnnotationXml && start &&
                t.id == el::Svg) ||
               (is_html_integration_point(a) && (start || chars)) ||
               t.type == TokenType::kEndOfFile;
      }
    }
    bool handled = html ? process_in(mode_, t) : foreign_content(t);
    if (handled || done_) return;
  }
}

bool TreeBuilder::process_in(Mode m, Tk& t) {
  switch (m) {
    case Mode::kInitial: return initial(t);
    case Mode::kBeforeHtml: return before_html(t);
    case Mode::kBeforeHead: return before_head(t);
    case Mode::kInHead: return in_head(t);
    case Mode::kInHeadNoscript: return in_head_noscript(t);
    case Mode::kAfterHead: return after_head(t);
    case Mode::kInBody: return in_body(t);
    case Mode::kText: return text(t);
    case Mode::kInTable: return in_table(t);
    case Mode::kInTableText: return in_table_text(t);
    case Mode::kInCaption: return in_caption(t);
    case Mode::kInColumnGroup: return in_column_group(t);
    case Mode::kInTableBody: return in_table_body(t);
    case Mode::kInRow: return in_row(t);
    case Mode::kInCell: return in_cell(t);
    case Mode::kInTemplate: return in_template(t);
    case Mode::kAfterBody: return after_body(t);
    case Mode::kInFrameset: return in_frameset(t);
    case Mode::kAfterFrameset: return after_frameset(t);
    case Mode::kAfterAfterBody: return after_after_body(t);
    case Mode::kAfterAfterFrameset: return after_after_frameset(t);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The stack of open elements.
//
// Node::mark holds 1 + the element's index in the stack while it is on the stack, 0 otherwise
// (so "is in the stack" and "its position" are O(1)); count_ holds how many HTML elements of
// each id are on it, which answers most scope checks without walking the stack.

void TreeBuilder::push(Node* node, el::Id id, Namespace ns) {
  node->mark = static_cast<uint32_t>(stack_.size() + 1);
  stack_.push_back({node, id, ns});
  if (ns == Namespace::kHtml) ++count_[id];
}

void TreeBuilder::pop() {
  const Open& e = stack_.back();
  e.node->mark = 0;
  if (e.ns == Namespace::kHtml) --count_[e.id];
  Node* popped = e.node;
  bool option = e.id == el::Option && e.ns == Namespace::kHtml;
  stack_.pop_back();
  if (option && selectedcontent_seen_) maybe_clone_option(popped);
}

// Customizable select (4.10.7, 13.2.6.4.7): "when an option element is popped off the stack of
// open elements", "maybe clone an option into selectedcontent". The option's selectedness at
// that moment: its selected attribute, or being the select's first option (no later option
// exists yet). The select's enabled selectedcontent: its first selectedcontent descendant, none
// when it has a multiple attribute. Searches visit at most kCloneSearchLimit nodes (a cap for
// hostile input: beyond it nothing is cloned).
constexpr size_t kCloneSearchLimit = 4096;

static bool html_is(const Node* n, dom::Tag tag, std::string_view name = {}) {
  if (!n->is_element() || n->ns != Namespace::kHtml) return false;
  return tag != dom::Tag::kUnknown ? n->tag == tag : n->name == name;
}

void TreeBuilder::maybe_clone_option(Node* option) {
  // The option element nearest ancestor select.
  Node* select = nullptr;
  bool optgroup = false;
  for (Node* a = option->parent; a && a->is_element(); a = a->parent) {
    if (html_is(a, dom::Tag::Datalist) || html_is(a, dom::Tag::Hr) ||
        html_is(a, dom::Tag::Option))
      return;
    if (html_is(a, dom::Tag::Optgroup)) {
      if (optgroup) return;
      optgroup = true;
      continue;
    }
    if (html_is(a, dom::Tag::Select)) {
      select = a;
      break;
    }
  }
  if (!select || select->has_attr("multiple")) return;
  // Selectedness, and the first selectedcontent descendant, in one bounded walk.
  Node* selectedcontent = nullptr;
  Node* first_option = nullptr;
  size_t visited = 0;
  for (Node* n = select->first_child; n && visited < kCloneSearchLimit; ++visited) {
    if (!selectedcontent && html_is(n, dom::Tag::kUnknown, "selectedcontent")) selectedcontent = n;
    if (!first_option && html_is(n, dom::Tag::Option)) first_option = n;
    if (selectedcontent && first_option) break;
    // Pre-order successor within the select.
    if (n->first_child) {
      n = n->first_child;
      continue;
    }
    while (n != select && !n->next) n = n->parent;
    n = n == select ? nullptr : n->next;
  }
  if (!selectedcontent || !(option->has_attr("selected") || first_option == option)) return;
  // A selectedcontent inside the option itself: the Standard clones the option's children (a
  // snapshot holding the selectedcontent and what it holds) into it, so every such option
  // doubles what the selectedcontent holds, and copying while walking the live subtree never
  // ends. Found by the html5_tree fuzzer (a 158-byte page that never finished); we leave such
  // a selectedcontent as it is (docs/parser.md, caps).
  for (const Node* a = selectedcontent->parent; a && a != select; a = a->parent)
    if (a == option) return;
  // Clone the option's children into the selectedcontent, replacing its children.
  flush_text();
  while (Node* c = selectedcontent->first_child) Document::remove(c);
  std::vector<std::pair<const Node*, Node*>> todo;  // (source, parent of its copy)
  for (const Node* c = option->last_child; c; c = c->prev) todo.push_back({c, selectedcontent});
  while (!todo.empty()) {
    auto [src, parent] = todo.back();
    todo.pop_back();
    Node* copy;
    if (src->is_element()) {
      copy = doc_->create_element(src->tag, src->name, src->ns);
      copy->attrs = src->attrs;
      copy->attr_count = src->attr_count;
      for (const Node* c = src->last_child; c; c = c->prev) todo.push_back({c, copy});
    } else {
      copy = src->type == dom::NodeType::kText ? doc_->create_text({}) : doc_->create_comment({});
      copy->text = src->text;  // arena-owned: shared
    }
    Document::append_child(parent, copy);
  }
}

void TreeBuilder::pop_until(el::Id id) {
  while (stack_.size() > 1) {
    bool hit = current_is(id);
    pop();
    if (hit) return;
  }
}

void TreeBuilder::pop_until_one_of(el::Id a, el::Id b) {
  while (stack_.size() > 1) {
    bool hit = current_is(a) || current_is(b);
    pop();
    if (hit) return;
  }
}

void TreeBuilder::remove_from_stack(size_t index) {
  const Open& e = stack_[index];
  e.node->mark = 0;
  if (e.ns == Namespace::kHtml) --count_[e.id];
  stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(index));
  for (size_t i = index; i < stack_.size(); ++i) stack_[i].node->mark = static_cast<uint32_t>(i + 1);
}

void TreeBuilder::insert_into_stack(size_t index, const Open& entry) {
  stack_.insert(stack_.begin() + static_cast<std::ptrdiff_t>(index), entry);
  if (entry.ns == Namespace::kHtml) ++count_[entry.id];
  for (size_t i = index; i < stack_.size(); ++i) stack_[i].node->mark = static_cast<uint32_t>(i + 1);
}

// The depth cap (see tree_builder.h): before pushing onto a full stack, pop the current node.
// Popping a template also pops its template insertion mode, so that the two stacks stay paired.
void TreeBuilder::cap_depth() {
  if (stack_.size() < kMaxStackDepth) return;
  if (current_is(el::Template) && !template_modes_.empty()) template_modes_.pop_back();
  pop();
}

static bool scope_boundary(const Open& e, Scope scope) {
  switch (scope) {
    case Scope::kDefault:
      return is_default_scope_boundary(e);
    case Scope::kListItem:
      return is_default_scope_boundary(e) ||
             (e.ns == Namespace::kHtml && (e.id == el::Ol || e.id == el::Ul));
    case Scope::kButton:
      return is_default_scope_boundary(e) || (e.ns == Namespace::kHtml && e.id == el::Button);
    case Scope::kTable:
      return has_prop(e, kScopeTable);
  }
  return true;
}

// "Has an element in the specific scope": walks down from the current node to the target or a
// boundary. The walk is bounded by kMaxStackDepth; count_ skips it when no such element is open.
bool TreeBuilder::in_scope(el::Id id, Scope scope) const {
  if (count_[id] == 0) return false;
  for (size_t i = stack_.size(); i-- > 0;) {
    const Open& e = stack_[i];
    if (e.id == id && e.ns == Namespace::kHtml) return true;
    if (scope_boundary(e, scope)) return false;
  }
  return false;
}

bool TreeBuilder::node_in_scope(const Node* node, Scope scope) const {
  for (size_t i = stack_.size(); i-- > 0;) {
    const Open& e = stack_[i];
    if (e.node == node) return true;
    if (scope_boundary(e, scope)) return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Creating and inserting nodes (13.2.6.1).

// "The appropriate place for inserting a node", with foster parenting.
Place TreeBuilder::appropriate_place(Node* override_target) {
  // 1. The target: the override target or the current node.
  const Open* target = &stack_.back();
  Open ov{};
  if (override_target) {
    ov = in_stack(override_target) ? stack_[stack_index(override_target)]
                                   : Open{override_target, el::kOther, override_target->ns};
    target = &ov;
  }
  // 2. Foster parenting.
  if (foster_parenting_ && has_prop(*target, kFosterTarget)) {
    // 2.1-2.2 The last template and the last table in the stack.
    ptrdiff_t last_template = -1, last_table = -1;
    for (size_t i = stack_.size(); i-- > 0;) {
      const Open& e = stack_[i];
      if (e.ns != Namespace::kHtml) continue;
      if (e.id == el::Template && last_template < 0) last_template = static_cast<ptrdiff_t>(i);
      if (e.id == el::Table && last_table < 0) last_table = static_cast<ptrdiff_t>(i);
      if (last_table >= 0 && (last_template >= 0 || count_[el::Template] == 0)) break;
    }
    // 2.3 Inside the last template's contents (for us: the template element itself).
    if (last_template >= 0 && (last_table < 0 || last_template > last_table))
      return {stack_[static_cast<size_t>(last_template)].node, nullptr};
    // 2.4 No table: inside the html element (fragment case).
    if (last_table < 0) return {stack_[0].node, nullptr};
    // 2.5 Before the table, in its parent.
    Node* table = stack_[static_cast<size_t>(last_table)].node;
    if (table->parent) return {table->parent, table};
    // 2.6-2.7 Inside the element above the table in the stack.
    return {stack_[static_cast<size_t>(last_table) - 1].node, nullptr};
  }
  return {target->node, nullptr};
}

void TreeBuilder::insert_at(const Place& p, Node* node) {
  if (p.before)
    Document::insert_before(p.before, node);
  else
    Document::append_child(p.parent, node);
}

// "Create an element for the token" in `ns`. The element's Tag comes from the token's id (the
// lowercase name); its name is the token's name (already adjusted for SVG by the caller).
Node* TreeBuilder::create_element(const Tk& t, Namespace ns) {
  dom::Tag tag = (t.id != el::kOther && t.id < el::kFirstExtra) ? static_cast<dom::Tag>(t.id)
                                                                 : dom::Tag::kUnknown;
  Node* n = doc_->create_element(tag, t.name, ns);
  if (!t.attributes.empty()) doc_->set_attributes(n, t.attributes.data(), t.attributes.size());
  return n;
}

// "Insert a foreign element" / "insert an HTML element" for the token: at the appropriate place,
// then pushed. `popped_at_once`: the caller pops it right away (void elements), so the depth cap
// does not apply.
Node* TreeBuilder::insert_element(const Tk& t, Namespace ns, bool popped_at_once) {
  if (!popped_at_once) cap_depth();
  Place p = appropriate_place();
  Node* n = create_element(t, ns);
  insert_at(p, n);
  push(n, t.id, ns);
  return n;
}

Node* TreeBuilder::insert_html(el::Id id, std::string_view name) {
  Tk t;
  t.type = TokenType::kStartTag;
  t.name = name;
  t.id = id;
  return insert_element(t);
}

void TreeBuilder::insert_characters(std::string_view data) {
  insert_characters_at(appropriate_place(), data);
}

// "Insert a character": appends to the Text node just before the insertion point if there is
// one. Appending goes to pending_text_ (amortised O(1) per byte), copied to the arena once by
// flush_text() when another text node starts growing or at the end of parsing.
void TreeBuilder::insert_characters_at(const Place& p, std::string_view data) {
  if (p.parent->type == dom::NodeType::kDocument) return;
  Node* prev = p.before ? p.before->prev : p.parent->last_child;
  if (prev && prev->type == dom::NodeType::kText) {
    if (prev != text_node_) {
      flush_text();
      text_node_ = prev;
      pending_text_.assign(prev->text);
    }
    pending_text_.append(data);
    return;
  }
  insert_at(p, doc_->create_text(data));
}

void TreeBuilder::flush_text() {
  if (!text_node_) return;
  text_node_->text = doc_->arena().copy(pending_text_);
  text_node_ = nullptr;
}

void TreeBuilder::insert_comment(std::string_view data) {
  insert_comment_at(appropriate_place(), data);
}

void TreeBuilder::insert_comment_at(const Place& p, std::string_view data) {
  insert_at(p, doc_->create_comment(data));
}

void TreeBuilder::add_missing_attributes(Node* element, const Tk& t) {
  attr_buf_.assign(element->attrs, element->attrs + element->attr_count);
  for (const dom::Attribute& a : t.attributes)
    if (!element->has_attr(a.name)) attr_buf_.push_back(a);
  if (attr_buf_.size() != element->attr_count)
    doc_->set_attributes(element, attr_buf_.data(), attr_buf_.size());
}

// 13.2.6.2 The generic raw text and generic RCDATA element parsing algorithms.
void TreeBuilder::generic_text_element(Tk& t, Tokenizer::State state) {
  insert_element(t);
  tokenizer_.set_state(state);
  original_mode_ = mode_;
  mode_ = Mode::kText;
}

// ---------------------------------------------------------------------------------------------
// 13.2.6.3 Closing elements that have implied end tags.

void TreeBuilder::generate_implied_end_tags(el::Id except) {
  while (has_prop(stack_.back(), kImpliedEnd) && !(except != el::kOther && current_is(except)))
    pop();
}

void TreeBuilder::generate_implied_end_tags_thoroughly() {
  while (has_prop(stack_.back(), kImpliedEndThorough)) pop();
}

// In body: "close a p element".
void TreeBuilder::close_p_element() {
  generate_implied_end_tags(el::P);
  if (!current_is(el::P)) error();
  pop_until(el::P);
}

// In cell: "close the cell".
void TreeBuilder::close_cell() {
  generate_implied_end_tags();
  if (!current_is(el::Td) && !current_is(el::Th)) error();
  pop_until_one_of(el::Td, el::Th);
  clear_formatting_to_last_marker();
  mode_ = Mode::kInRow;
}

// "Clear the stack back to a table / table body / table row context".
void TreeBuilder::clear_stack_back_to(uint32_t stop_mask) {
  while (stack_.size() > 1 && !has_prop(stack_.back(), stop_mask)) pop();
}

// 13.2.4.1 "Reset the insertion mode appropriately".
void TreeBuilder::reset_insertion_mode() {
  for (size_t i = stack_.size(); i-- > 0;) {
    // 1-3. last; in the fragment case the first node stands for the context element.
    bool last = i == 0;
    Open node = stack_[i];
    if (last && fragment_) node = context_;
    if (node.ns == Namespace::kHtml) {
      switch (node.id) {
        case el::Td: case el::Th:
          if (!last) { mode_ = Mode::kInCell; return; }
          break;
        case el::Tr: mode_ = Mode::kInRow; return;
        case el::Tbody: case el::Thead: case el::Tfoot: mode_ = Mode::kInTableBody; return;
        case el::Caption: mode_ = Mode::kInCaption; return;
        case el::Colgroup: mode_ = Mode::kInColumnGroup; return;
        case el::Table: mode_ = Mode::kInTable; return;
        case el::Template:
          mode_ = template_modes_.empty() ? Mode::kInBody : template_modes_.back();
          return;
        case el::Head:
          if (!last) { mode_ = Mode::kInHead; return; }
          break;
        case el::Body: mode_ = Mode::kInBody; return;
        case el::Frameset: mode_ = Mode::kInFrameset; return;
        case el::Html:
          mode_ = head_ ? Mode::kAfterHead : Mode::kBeforeHead;
          return;
        default: break;
      }
    }
    if (last) {
      mode_ = Mode::kInBody;
      return;
    }
  }
  mode_ = Mode::kInBody;
}

// ---------------------------------------------------------------------------------------------
// The list of active formatting elements (13.2.4.3).

static bool same_attributes(const Node* a, const Node* b) {
  if (a->attr_count != b->attr_count) return false;
  for (uint32_t i = 0; i < a->attr_count; ++i) {
    bool found = false;
    for (uint32_t j = 0; j < b->attr_count; ++j)
      if (a->attrs[i].name == b->attrs[j].name) {
        found = a->attrs[i].value == b->attrs[j].value;
        break;
      }
    if (!found) return false;
  }
  return true;
}

// "Push onto the list of active formatting elements", with the Noah's Ark clause (at most three
// identical elements after the last marker) and Gazette's cap: at most kMaxFormattingRun
// entries after the last marker, the earliest dropped first. The cap keeps this scan, the
// reconstruction and the adoption agency's searches bounded.
void TreeBuilder::push_formatting(Node* node, el::Id id) {
  size_t start = formatting_.size();
  while (start > 0 && formatting_[start - 1].node) --start;
  int same = 0;
  size_t earliest = 0;
  for (size_t i = formatting_.size(); i-- > start;) {
    const Fmt& f = formatting_[i];
    if (f.id == id && f.node->ns == node->ns && f.node->name == node->name &&
        same_attributes(f.node, node)) {
      ++same;
      earliest = i;
    }
  }
  if (same >= 3)
    remove_formatting(earliest);
  else if (formatting_.size() - start >= kMaxFormattingRun)
    remove_formatting(start);
  formatting_.push_back({node, id});
}

void TreeBuilder::remove_formatting(size_t index) {
  formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(index));
}

void TreeBuilder::clear_formatting_to_last_marker() {
  while (!formatting_.empty()) {
    bool marker = formatting_.back().node == nullptr;
    formatting_.pop_back();
    if (marker) return;
  }
}

int TreeBuilder::formatting_index(const Node* node) const {
  for (size_t i = formatting_.size(); i-- > 0;) {
    if (!formatting_[i].node) return -1;
    if (formatting_[i].node == node) return static_cast<int>(i);
  }
  return -1;
}

static Node* clone_element(Document& doc, const Node* n) {
  Node* c = doc.create_element(n->tag, n->name, n->ns);
  c->attrs = n->attrs;  // arena-owned and never modified: shared
  c->attr_count = n->attr_count;
  return c;
}

// "Reconstruct the active formatting elements".
void TreeBuilder::reconstruct_formatting() {
  // 1-2.
  if (formatting_.empty()) return;
  const Fmt& lastf = formatting_.back();
  if (!lastf.node || in_stack(lastf.node)) return;
  // 3-6. Rewind.
  size_t i = formatting_.size() - 1;
  while (i > 0 && formatting_[i - 1].node && !in_stack(formatting_[i - 1].node)) --i;
  // 7-10. Advance and create.
  for (; i < formatting_.size(); ++i) {
    Fmt& f = formatting_[i];
    cap_depth();
    Place p = appropriate_place();
    Node* n = clone_element(*doc_, f.node);
    insert_at(p, n);
    push(n, f.id, Namespace::kHtml);
    f.node = n;
  }
}

// 13.2.6.4.7 In body: the adoption agency algorithm. Returns false when the caller must act as
// for "any other end tag" instead.
bool TreeBuilder::adoption_agency(Tk& t) {
  // 1-2.
  el::Id subject = t.id;
  if (current_is(subject) && formatting_index(current()) < 0) {
    pop();
    return true;
  }
  // 3-4. The outer loop.
  for (int outer = 1; outer <= 8; ++outer) {
    // 4.3 The formatting element: the last one with the subject's name after the last marker.
    int fi = -1;
    for (size_t i = formatting_.size(); i-- > 0;) {
      if (!formatting_[i].node) break;
      if (formatting_[i].id == subject) {
        fi = static_cast<int>(i);
        break;
      }
    }
    if (fi < 0) return false;
    Node* fe = formatting_[static_cast<size_t>(fi)].node;
    // 4.4
    if (!in_stack(fe)) {
      error();
      remove_formatting(static_cast<size_t>(fi));
      return true;
    }
    // 4.5
    if (!node_in_scope(fe, Scope::kDefault)) {
      error();
      return true;
    }
    // 4.6
    if (fe != current()) error();
    // 4.7 The furthest block.
    size_t fe_index = stack_index(fe);
    size_t fb = 0;
    for (size_t i = fe_index + 1; i < stack_.size(); ++i)
      if (is_special(stack_[i])) {
        fb = i;
        break;
      }
    // 4.8 No furthest block.
    if (fb == 0) {
      while (stack_.size() > fe_index) pop();
      remove_formatting(static_cast<size_t>(fi));
      return true;
    }
    // 4.9-4.10
    Node* common_ancestor = stack_[fe_index - 1].node;
    size_t bookmark = static_cast<size_t>(fi);
    Node* furthest = stack_[fb].node;
    // 4.11-4.13 The inner loop.
    Node* last = furthest;
    size_t idx = fb;
    for (int inner = 1;; ++inner) {
      // 4.13.2
      --idx;
      Node* node = stack_[idx].node;
      // 4.13.3
      if (node == fe) break;
      // 4.13.4
      int ni = formatting_index(node);
      if (inner > 3 && ni >= 0) {
        remove_formatting(static_cast<size_t>(ni));
        if (static_cast<size_t>(ni) < bookmark) --bookmark;
        ni = -1;
      }
      // 4.13.5
      if (ni < 0) {
        remove_from_stack(idx);
        continue;
      }
      // 4.13.6 Replace node by a new element in the list and the stack.
      Node* clone = clone_element(*doc_, node);
      formatting_[static_cast<size_t>(ni)].node = clone;
      stack_[idx].node = clone;
      clone->mark = static_cast<uint32_t>(idx + 1);
      node->mark = 0;
      // 4.13.7
      if (last == furthest) bookmark = static_cast<size_t>(ni) + 1;
      // 4.13.8-9
      Document::remove(last);
      Document::append_child(clone, last);
      last = clone;
    }
    // 4.14 Insert last node at the appropriate place for common ancestor.
    Document::remove(last);
    insert_at(appropriate_place(common_ancestor), last);
    // 4.15-4.17 A new element for the formatting element takes the furthest block's children.
    Node* ne = clone_element(*doc_, fe);
    Node* c = furthest->first_child;
    ne->first_child = c;
    ne->last_child = furthest->last_child;
    for (; c; c = c->next) c->parent = ne;
    furthest->first_child = furthest->last_child = nullptr;
    Document::append_child(furthest, ne);
    // 4.18 The list: the new element replaces the formatting element, at the bookmark.
    int fe_pos = -1;
    for (size_t i = formatting_.size(); i-- > 0;)
      if (formatting_[i].node == fe) {
        fe_pos = static_cast<int>(i);
        break;
      }
    if (fe_pos >= 0) {
      remove_formatting(static_cast<size_t>(fe_pos));
      if (static_cast<size_t>(fe_pos) < bookmark) --bookmark;
    }
    formatting_.insert(formatting_.begin() + static_cast<std::ptrdiff_t>(bookmark),
                       Fmt{ne, subject});
    // 4.19 The stack: remove the formatting element, insert the new one below the furthest
    // block.
    remove_from_stack(stack_index(fe));
    insert_into_stack(stack_index(furthest) + 1, Open{ne, subject, Namespace::kHtml});
  }
  return true;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Entry points.

Html5Result parse_html5(std::string_view utf8, dom::Document& doc, bool borrow_input,
                        const ParseLimits& limits) {
  // One builder per thread, reused page after page: its stack, lists and the tokenizer's
  // buffers settle at the sizes the largest page needed and are not allocated again.
  thread_local detail::TreeBuilder builder(doc);
  builder.rebind(doc);
  Html5Result r = builder.parse(utf8, borrow_input, limits);
  builder.rebind(doc);  // holds no pointer into `doc` or `utf8` between calls
  return r;
}

Html5StreamParser::Html5StreamParser(dom::Document& doc)
    : builder_(std::make_unique<detail::TreeBuilder>(doc)) {
  builder_->begin_stream();
}

Html5StreamParser::~Html5StreamParser() = default;

void Html5StreamParser::feed(std::string_view utf8_chunk) { builder_->feed(utf8_chunk); }

Html5Result Html5StreamParser::finish() { return builder_->finish_stream(); }

Html5Result parse_html5_fragment(std::string_view utf8, std::string_view context_name,
                                 dom::Namespace context_ns, dom::Document& doc) {
  detail::TreeBuilder b(doc);
  return b.parse_fragment(utf8, context_name, context_ns);
}

QualifiedName foreign_attribute_namespace(std::string_view name) {
  static constexpr std::string_view kNamespaced[] = {
      "xlink:actuate", "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show",
      "xlink:title",   "xlink:type",    "xml:lang",   "xml:space",  "xmlns:xlink"};
  if (name == "xmlns") return {"xmlns", "xmlns"};
  for (std::string_view n : kNamespaced)
    if (n == name) {
      size_t colon = n.find(':');
      return {name.substr(0, colon), name.substr(colon + 1)};
    }
  return {"", name};
}

}  // namespace gazette::html5
