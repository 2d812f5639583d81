// parser_diff: differential test of Gazette's HTML5 parser against gumbo 0.10.1.
//
//   parser_diff [--verbose] [--quiet] PATH...
//
// Every PATH is a page file (.html, .htm, .xhtml, optionally .gz) or a directory searched
// recursively for them. Each page is decoded as Gazette decodes it (decode::to_utf8, no
// transport charset), parsed by both backends, and the two trees are compared.
//
// Normalisations (representation differences of the two backends' DOMs, not tree differences):
//  * Adjacent text nodes are merged (gumbo splits text at CDATA sections and at
//    whitespace/non-whitespace boundaries of its token stream; our builder may also split).
//  * Attributes of foreign (SVG/MathML) elements that the Standard's "adjust foreign attributes"
//    step puts in a namespace (xlink:href, xml:lang, xmlns:xlink) are compared by local name:
//    gumbo keeps the namespace in GumboAttribute::attr_namespace, which the gumbo backend drops,
//    and stores only the local name; our DOM keeps the qualified name.
//
// The comparison walks both trees in step. Where two children lists differ, the common prefix
// and suffix are compared recursively and the first differing pair is classified; a difference
// in one node's attributes or text is classified and the walk goes on. Each page prints one line
// per difference class found:  <page>: <class> <path-to-node>
// and a summary counts pages per class. Exit status: 0 when every difference belongs to a
// documented class (docs/parser.md), 1 when one is "unexplained", 2 on a usage or read error.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decode.h"
#include "io/input.h"
#include "parse/dom.h"
#include "parse/html5/tree_builder.h"
#include "parse/parser.h"

namespace {

using gazette::dom::Namespace;
using gazette::dom::Node;
using gazette::dom::NodeType;

constexpr std::string_view kUnexplained = "unexplained";

// A child after normalisation: a node, or a run of adjacent text nodes merged.
struct Item {
  const Node* node = nullptr;  // element or comment; for text the first node of the run
  std::string text;            // text: merged data; comment: the data
  NodeType type = NodeType::kElement;
};

std::vector<Item> children_of(const Node* parent) {
  std::vector<Item> out;
  for (const Node* c = parent->first_child; c; c = c->next) {
    if (c->type == NodeType::kText) {
      if (!out.empty() && out.back().type == NodeType::kText) {
        out.back().text += c->text;
        continue;
      }
      out.push_back({c, std::string(c->text), NodeType::kText});
    } else {
      out.push_back({c, c->type == NodeType::kComment ? std::string(c->text) : std::string(),
                     c->type});
    }
  }
  return out;
}

bool is_ws(std::string_view s) {
  return s.find_first_not_of(" \t\n\r\f") == std::string_view::npos;
}

std::string_view ns_prefix(Namespace ns) {
  switch (ns) {
    case Namespace::kSvg: return "svg:";
    case Namespace::kMathMl: return "math:";
    default: return "";
  }
}

std::string label(const Item& it) {
  switch (it.type) {
    case NodeType::kText: return "#text";
    case NodeType::kComment: return "#comment";
    default: return std::string(ns_prefix(it.node->ns)) + std::string(it.node->name);
  }
}

// Attribute name as compared: foreign attributes by local name (see the header).
std::string_view attr_key(const Node* n, std::string_view name) {
  if (n->ns == Namespace::kHtml) return name;
  auto q = gazette::html5::foreign_attribute_namespace(name);
  return q.prefix.empty() ? name : q.local;
}

// Header equality: same kind, name, namespace; attributes and text are compared separately.
bool same_kind(const Item& a, const Item& b) {
  if (a.type != b.type) return false;
  if (a.type != NodeType::kElement) return true;
  return a.node->ns == b.node->ns && a.node->name == b.node->name;
}

bool same_attrs(const Node* a, const Node* b) {
  if (a->attr_count != b->attr_count) return false;
  for (uint32_t i = 0; i < a->attr_count; ++i)
    if (attr_key(a, a->attrs[i].name) != attr_key(b, b->attrs[i].name) ||
        a->attrs[i].value != b->attrs[i].value)
      return false;
  return true;
}

bool is_html(const Node* n, std::string_view name) {
  return n && n->type == NodeType::kElement && n->ns == Namespace::kHtml && n->name == name;
}

int depth_of(const Node* n) {
  int d = 0;
  for (; n && n->parent; n = n->parent) ++d;
  return d;
}

bool has_ancestor(const Node* n, std::string_view name) {
  for (; n; n = n->parent)
    if (n->type == NodeType::kElement && n->ns == Namespace::kHtml && n->name == name) return true;
  return false;
}

// Decodes the UTF-8 sequence at s[i] (valid UTF-8: the decoder's invariant); advances i.
char32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

// The code points gumbo's utf8.c replaces by U+FFFD although the Standard keeps them ("control
// characters" other than ASCII whitespace and NUL, and noncharacters: 13.2.3.5 "Preprocessing
// the input stream" only reports control-character-in-input-stream / noncharacter-in-input-stream
// parse errors).
bool gumbo_replaces(char32_t c) {
  return (c >= 0x01 && c <= 0x08) || c == 0x0B || (c >= 0x0E && c <= 0x1F) ||
         (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

// `ours` equals `gumbo` once gumbo_replaces() code points of ours are read as U+FFFD.
bool equal_but_fffd(std::string_view ours, std::string_view gumbo) {
  size_t i = 0, j = 0;
  bool any = false;
  while (i < ours.size() && j < gumbo.size()) {
    char32_t x = next_code_point(ours, i), y = next_code_point(gumbo, j);
    if (x == y) continue;
    if (y == 0xFFFD && gumbo_replaces(x)) {
      any = true;
      continue;
    }
    return false;
  }
  return any && i == ours.size() && j == gumbo.size();
}

bool attrs_equal_but_fffd(const Node* a, const Node* b) {
  if (a->attr_count != b->attr_count) return false;
  for (uint32_t i = 0; i < a->attr_count; ++i) {
    std::string_view na = attr_key(a, a->attrs[i].name), nb = attr_key(b, b->attrs[i].name);
    if (na != nb && !equal_but_fffd(na, nb)) return false;
    if (a->attrs[i].value != b->attrs[i].value &&
        !equal_but_fffd(a->attrs[i].value, b->attrs[i].value))
      return false;
  }
  return true;
}

// gumbo bug (tokenizer.c, 0.10.1): on a duplicate attribute, gumbo drops the attribute but does
// not clear its attribute-name buffer, so the next attribute's name is appended to the
// duplicate's: <a x y x z> gives gumbo {x, y, xz} where the Standard (13.2.5.33) gives
// {x, y, z}. Checks that every gumbo attribute absent from ours is named prefix + suffix with
// `prefix` an attribute name of ours, and every attribute of ours absent from gumbo is such a
// suffix.
bool duplicate_attribute_concat(const Node* a, const Node* b) {
  auto find = [](const Node* n, std::string_view name, std::string_view value) {
    for (uint32_t i = 0; i < n->attr_count; ++i)
      if (n->attrs[i].name == name && n->attrs[i].value == value) return true;
    return false;
  };
  std::vector<std::string_view> suffixes;
  bool any = false;
  for (uint32_t j = 0; j < b->attr_count; ++j) {
    const auto& g = b->attrs[j];
    if (find(a, g.name, g.value)) continue;
    // The name may chain several duplicates ("and" + "platform" + "ecosystem" when "and" and
    // "platform" were both repeated): it must split into two or more of our names; the last
    // part is the attribute gumbo swallowed.
    bool ok = false;
    std::vector<size_t> last_start(g.name.size() + 1, std::string_view::npos);
    last_start[0] = 0;
    for (size_t end = 1; end <= g.name.size(); ++end)
      for (uint32_t i = 0; i < a->attr_count; ++i) {
        std::string_view part = a->attrs[i].name;
        if (part.empty() || part.size() > end) continue;
        size_t start = end - part.size();
        if (last_start[start] != std::string_view::npos &&
            g.name.compare(start, part.size(), part) == 0) {
          last_start[end] = start;
          break;
        }
      }
    size_t last = last_start[g.name.size()];
    if (last != std::string_view::npos && last > 0) {
      ok = true;
      suffixes.push_back(g.name.substr(last));
    }
    if (!ok) return false;
    any = true;
  }
  for (uint32_t i = 0; i < a->attr_count; ++i) {
    const auto& o = a->attrs[i];
    if (find(b, o.name, o.value)) continue;
    if (std::find(suffixes.begin(), suffixes.end(), o.name) == suffixes.end()) return false;
  }
  return any;
}

// A difference found by the walk: the node pair (either side may be absent) and its context.
struct Diff {
  const Node* parent_a;  // gazette
  const Node* parent_b;  // gumbo
  const std::vector<Item>* kids_a;
  const std::vector<Item>* kids_b;
  size_t ia, ib;  // first differing index in each children list
  enum Kind { kChildren, kAttributes, kText } kind;
};

const Item* item_at(const std::vector<Item>* v, size_t i) {
  return i < v->size() ? &(*v)[i] : nullptr;
}

// Classification of a difference. Each class is documented in docs/parser.md with the spec
// change or gumbo bug behind it. Order matters: the most specific test comes first.
std::string_view classify(const Diff& d) {
  const Item* a = item_at(d.kids_a, d.ia);
  const Item* b = item_at(d.kids_b, d.ib);
  const Node* pa = d.parent_a;
  const Node* pb = d.parent_b;

  if (d.kind == Diff::kAttributes) {
    if (attrs_equal_but_fffd(a->node, b->node)) return "gumbo-control-char-U+FFFD";
    if (duplicate_attribute_concat(a->node, b->node)) return "gumbo-duplicate-attribute-name";
    return kUnexplained;
  }
  if (d.kind == Diff::kText && equal_but_fffd(a->text, b->text)) return "gumbo-control-char-U+FFFD";

  // The 2025 customizable <select> (13.2.6.4.7 "in body", select rules; the "in select" and "in
  // select in table" insertion modes were removed): any markup is kept inside select, option and
  // optgroup. gumbo implements the 2016 "in select" mode, which ignores every start tag other
  // than option, optgroup, select, input, keygen, textarea, script and template, keeping only
  // their text.
  if (has_ancestor(pa, "select") || (a && is_html(a->node, "select")))
    return "customizable-select (2025 spec)";

  // gumbo bug: gumbo represents every element name outside its tag table as GUMBO_TAG_UNKNOWN and
  // compares end tags by tag enum only, so "</x-b>" (or "</g>" in HTML content) closes the
  // innermost open element of *any* unknown name; the Standard ("any other end tag", 13.2.6.4.7)
  // matches the name. Text and elements that follow then land in a different unknown element.
  // The same holds in foreign content ("</g>" closes the innermost unknown SVG element).
  auto unknown = [](const Node* n) {
    return n && n->type == NodeType::kElement && n->tag == gazette::dom::Tag::kUnknown;
  };
  if (d.kind != Diff::kAttributes) {
    const Node* prev_a = d.ia > 0 ? (*d.kids_a)[d.ia - 1].node : nullptr;
    const Node* prev_b = d.ib > 0 ? (*d.kids_b)[d.ib - 1].node : nullptr;
    if (unknown(pa) || unknown(prev_a) || unknown(prev_b) || (a && unknown(a->node)) ||
        (b && unknown(b->node)))
      return "gumbo-unknown-end-tag";
  }

  // gumbo bug: gumbo's "before head" insertion mode lacks the Standard's rule for an "html"
  // start tag (13.2.6.4.3: process it using the rules for "in body", i.e. merge its attributes);
  // it takes the "anything else" branch, inserts an implied <head> and reprocesses the tag. A
  // page that repeats <html> (IE conditional comments around <html class="ie7">) gets its head
  // early in gumbo: the comments that follow go into head instead of html.
  if (d.kind == Diff::kChildren && is_html(pa, "html") && a && a->type == NodeType::kComment &&
      b && is_html(b->node, "head")) {
    for (const Node* c = b->node->first_child; c; c = c->next)
      if (c->type == NodeType::kComment) {
        if (c->text == a->text) return "gumbo-html-tag-before-head";
        break;
      }
  }
  // ... and the whitespace that follows such a repeated <html> tag, which gumbo's early head
  // keeps as its first text (the Standard ignores whitespace in "before head").
  if (d.kind == Diff::kText && is_html(pa, "head") && d.ia == 0 && d.ib == 0 &&
      std::string_view(b->text).ends_with(a->text) &&
      is_ws(std::string_view(b->text).substr(0, b->text.size() - a->text.size())))
    return "gumbo-html-tag-before-head";
  // ... and text that gumbo keeps inside an <svg> whose unknown child an end tag closed early,
  // seen from the svg's parent.
  if (d.kind != Diff::kAttributes && d.ia > 0 && d.ib > 0) {
    const Node* prev_a = (*d.kids_a)[d.ia - 1].node;
    if (prev_a && prev_a->type == NodeType::kElement && prev_a->ns != Namespace::kHtml) {
      bool has_unknown = false;
      gazette::dom::walk(const_cast<Node*>(prev_a), [&](Node* n) {
        if (n->type == NodeType::kElement && n->tag == gazette::dom::Tag::kUnknown) has_unknown = true;
        return !has_unknown;
      });
      if (has_unknown) return "gumbo-unknown-end-tag";
    }
  }

  // gumbo deviation: for an <a> start tag while an earlier <a> is still in the list of active
  // formatting elements, the Standard (13.2.6.4.7) runs the adoption agency algorithm and then
  // removes "that element" (the <a> found before) if the algorithm did not. When the algorithm
  // stops at its 8 outer iterations (a's left open across 8 or more nested special elements),
  // it leaves a clone of the <a> open, and the Standard keeps it open: what follows nests in it.
  // gumbo searches the list again after the algorithm and removes the clone it finds, closing
  // it: gumbo's <a> ends where ours goes on, and its next sibling is what ours holds next.
  if (d.kind == Diff::kChildren && is_html(pa, "a") && is_html(pb, "a") && a &&
      d.ib == d.kids_b->size() && pb->next) {
    const Node* next = pb->next;
    bool same = a->type == NodeType::kText
                    ? next->type == NodeType::kText && std::string_view(next->text).starts_with(a->text)
                    : next->type == a->type && next->name == a->node->name;
    if (same) return "gumbo-a-clone-closed";
  }
  // ... and the same difference seen from the <a>'s parent: gumbo has, after its <a>, the nodes
  // that ours holds at the end of the <a>.
  if (d.kind == Diff::kChildren && b && d.ia == d.kids_a->size() && d.ia > 0 && d.ib > 0 &&
      is_html((*d.kids_a)[d.ia - 1].node, "a") && is_html((*d.kids_b)[d.ib - 1].node, "a")) {
    const Node* ours = (*d.kids_a)[d.ia - 1].node->first_child;
    for (const Node* c = (*d.kids_b)[d.ib - 1].node->first_child; c && ours; c = c->next)
      ours = ours->next;
    bool same = ours && (b->type == NodeType::kText
                             ? ours->type == NodeType::kText &&
                                   std::string_view(b->text).starts_with(ours->text)
                             : ours->type == b->type && ours->name == b->node->name);
    if (same) return "gumbo-a-clone-closed";
  }
  // gumbo bug: the in-body "</form>" handler removes the form from the stack of open elements
  // with gumbo_vector_remove_at(), without flushing gumbo's pending text buffer first (every
  // other pop goes through pop_current_node(), which flushes it). The text that ended the form
  // is inserted later, wherever the next node goes: after the form instead of inside it.
  if (d.kind == Diff::kChildren && is_html(pa, "form") && a && a->type == NodeType::kText &&
      d.ia + 1 == d.kids_a->size() && d.ib == d.kids_b->size()) {
    const Node* after = pb->next;
    if (after && after->type == NodeType::kText && after->text.starts_with(a->text))
      return "gumbo-form-end-text";
    if (!after) return "gumbo-form-end-text";
  }
  // ... and the same difference seen from the form's parent: gumbo has that text after the form,
  // merged with the text that follows it in both trees, if any.
  if (b && b->type == NodeType::kText && d.ia > 0 && d.ib > 0 &&
      is_html((*d.kids_a)[d.ia - 1].node, "form") && is_html((*d.kids_b)[d.ib - 1].node, "form")) {
    const Node* last = (*d.kids_a)[d.ia - 1].node->last_child;
    std::string moved;
    for (const Node* t = last; t && t->type == NodeType::kText; t = t->prev)
      moved.insert(0, t->text);
    if (!moved.empty() && std::string_view(b->text).starts_with(moved)) {
      std::string_view rest = std::string_view(b->text).substr(moved.size());
      if (a && a->type == NodeType::kText ? rest == a->text : rest.empty())
        return "gumbo-form-end-text";
    }
  }
  return kUnexplained;
}

// An <a> element at the difference on our side: the differing child, the one before it, or an
// ancestor.
bool involves_a(const Diff& d) {
  const Item* a = item_at(d.kids_a, d.ia);
  if (a && is_html(a->node, "a")) return true;
  if (d.ia > 0 && is_html((*d.kids_a)[d.ia - 1].node, "a")) return true;
  return is_html(d.parent_a, "a") || has_ancestor(d.parent_a, "a");
}

struct Report {
  std::string page;
  std::vector<std::pair<std::string, std::string>> found;  // (class, path)
};

class Comparer {
 public:
  Comparer(bool verbose) : verbose_(verbose) {}
  std::vector<std::pair<std::string, std::string>> found;

  void compare(const Node* a, const Node* b, const std::string& path, int depth) {
    std::vector<Item> ka = children_of(a), kb = children_of(b);
    size_t na = ka.size(), nb = kb.size();
    size_t pre = 0;
    while (pre < na && pre < nb && same_kind(ka[pre], kb[pre])) ++pre;
    size_t suf = 0;
    if (pre < na || pre < nb)
      while (suf < na - pre && suf < nb - pre && same_kind(ka[na - 1 - suf], kb[nb - 1 - suf]))
        ++suf;
    auto visit = [&](size_t i, size_t j) {
      std::string p = path + "/" + label(ka[i]) + "[" + std::to_string(i) + "]";
      const Item &x = ka[i], &y = kb[j];
      if (x.type == NodeType::kElement) {
        if (!same_attrs(x.node, y.node))
          report({a, b, &ka, &kb, i, j, Diff::kAttributes}, p);
        if (depth < 4096) compare(x.node, y.node, p, depth + 1);
      } else if (x.text != y.text) {
        report({a, b, &ka, &kb, i, j, Diff::kText}, p);
      }
    };
    for (size_t i = 0; i < pre; ++i) visit(i, i);
    if (pre < na || pre < nb) {
      const Item* first = pre < na ? &ka[pre] : &kb[pre];
      report({a, b, &ka, &kb, pre, pre, Diff::kChildren},
             path + "/" + label(*first) + "[" + std::to_string(pre) + "]");
      for (size_t k = 0; k < suf; ++k) visit(na - 1 - k, nb - 1 - k);
    }
  }

 private:
  void report(const Diff& d, const std::string& path) {
    std::string cls(classify(d));
    // Differences inside <head> after gumbo's early head are consequences of that class.
    if (cls == kUnexplained && has_ancestor(d.parent_a, "head"))
      for (auto& f : found)
        if (f.first == "gumbo-html-tag-before-head") cls = f.first;
    // After gumbo closed an <a> clone that the Standard keeps open, our tree reconstructs that
    // <a> after every later end tag that pops it: extra <a> elements (and the nodes inside or
    // after them) further on are consequences of the first difference, found earlier in
    // document order.
    if (cls == kUnexplained && involves_a(d))
      for (auto& f : found)
        if (f.first == "gumbo-a-clone-closed") cls = f.first;
    for (auto& f : found)
      if (f.first == cls) return;  // one line per class and page
    found.push_back({cls, path});
    if (verbose_ && cls == kUnexplained) dump(d);
  }

  static void dump_items(const char* who, const std::vector<Item>& v, size_t from) {
    std::printf("  -- %s (children %zu.. of %zu)\n", who, from, v.size());
    for (size_t i = from; i < v.size() && i < from + 6; ++i) {
      const Item& it = v[i];
      std::string s = label(it);
      if (it.type == NodeType::kElement) {
        for (uint32_t k = 0; k < it.node->attr_count; ++k) {
          s += ' ';
          s += it.node->attrs[k].name;
          s += "=\"";
          s += std::string(it.node->attrs[k].value.substr(0, 60));
          s += '"';
        }
        std::string kids;
        for (const Node* c = it.node->first_child; c && kids.size() < 120; c = c->next)
          kids += (c->type == NodeType::kText ? "\"" + std::string(c->text.substr(0, 30)) + "\""
                                              : std::string(c->name)) + " ";
        s += "  { " + kids + "}";
      } else {
        s += " \"" + it.text.substr(0, 160) + "\"";
      }
      for (char& c : s)
        if (c == '\n') c = '|';
      std::printf("     %zu: %s\n", i, s.c_str());
    }
  }
  void dump(const Diff& d) {
    const char* kinds[] = {"children", "attributes", "text"};
    const Item* a = item_at(d.kids_a, d.ia);
    const Item* b = item_at(d.kids_b, d.ib);
    std::printf("  SIG [%s] parent=%s a=%s b=%s depth %d\n", kinds[d.kind],
                std::string(d.parent_a->name).c_str(), a ? label(*a).c_str() : "-",
                b ? label(*b).c_str() : "-", depth_of(d.parent_a));
    if (d.kind == Diff::kAttributes) {
      for (const Node* n : {a->node, b->node}) {
        std::printf("  %s attrs:", n == a->node ? "gazette" : "gumbo");
        for (uint32_t k = 0; k < n->attr_count; ++k)
          std::printf(" [%.*s]=[%.*s]", int(n->attrs[k].name.size()), n->attrs[k].name.data(),
                      int(std::min<size_t>(n->attrs[k].value.size(), 40)), n->attrs[k].value.data());
        std::printf("\n");
      }
      return;
    }
    dump_items("gazette", *d.kids_a, d.ia > 1 ? d.ia - 1 : 0);
    dump_items("gumbo", *d.kids_b, d.ib > 1 ? d.ib - 1 : 0);
  }
  bool verbose_;
};

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false, quiet = false;
  std::vector<std::string> pages;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--verbose" || arg == "-v") {
      verbose = true;
    } else if (arg == "--quiet" || arg == "-q") {
      quiet = true;
    } else if (arg == "--help" || arg == "-h" || arg.starts_with("-")) {
      std::fprintf(stderr, "usage: parser_diff [--verbose] [--quiet] PAGE-OR-DIR...\n");
      return 2;
    } else {
      std::error_code ec;
      if (!std::filesystem::is_directory(arg, ec)) {
        pages.push_back(arg);
        continue;
      }
      std::vector<std::pair<std::string, std::string>> errors;
      auto listed = gazette::io::list_pages(arg, errors);
      for (auto& e : errors) std::fprintf(stderr, "%s: %s\n", e.first.c_str(), e.second.c_str());
      pages.insert(pages.end(), listed.begin(), listed.end());
    }
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: parser_diff [--verbose] [--quiet] PAGE-OR-DIR...\n");
    return 2;
  }

  std::map<std::string, size_t> per_class;  // pages per class
  size_t identical = 0, differing = 0, read_errors = 0;
  gazette::decode::Decoded decoded;
  gazette::dom::Document ours, theirs;
  for (const std::string& page : pages) {
    auto bytes = gazette::io::read_page(page, size_t{1} << 30);
    if (!bytes) {
      std::fprintf(stderr, "%s: %s\n", page.c_str(), bytes.error().message.c_str());
      ++read_errors;
      continue;
    }
    gazette::decode::to_utf8(*bytes, "", decoded);
    gazette::parse::parse_html(decoded.utf8, ours, gazette::parse::Backend::kGazette);
    gazette::parse::parse_html(decoded.utf8, theirs, gazette::parse::Backend::kGumbo);
    Comparer cmp(verbose);
    if (verbose) std::printf("== %s\n", page.c_str());
    cmp.compare(ours.root(), theirs.root(), "", 0);
    if (cmp.found.empty()) {
      ++identical;
      continue;
    }
    ++differing;
    for (auto& [cls, path] : cmp.found) {
      ++per_class[cls];
      if (!quiet || cls == kUnexplained)
        std::printf("%s: %s %s\n", page.c_str(), cls.c_str(), path.c_str());
    }
  }

  std::printf("\n%zu pages: %zu identical, %zu differing, %zu unreadable\n", pages.size(),
              identical, differing, read_errors);
  std::vector<std::pair<size_t, std::string>> sorted;
  for (auto& [cls, n] : per_class) sorted.push_back({n, cls});
  std::sort(sorted.rbegin(), sorted.rend());
  for (auto& [n, cls] : sorted) std::printf("%6zu  %s\n", n, cls.c_str());
  if (read_errors) return 2;
  return per_class.count(std::string(kUnexplained)) ? 1 : 0;
}
