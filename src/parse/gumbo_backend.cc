// Backend over gumbo: parse with gumbo, then copy its tree into our arena DOM.
// The copy is iterative so that pathologically deep pages cannot overflow the stack.
#include <gumbo.h>

#include <array>
#include <string>
#include <vector>

#include "parse/parser.h"

namespace gazette::parse {
namespace {

using dom::Attribute;
using dom::Document;
using dom::Node;
using dom::Tag;

// GumboTag -> Tag, by name, built once.
const std::array<Tag, GUMBO_TAG_LAST + 1>& tag_map() {
  static const auto map = [] {
    std::array<Tag, GUMBO_TAG_LAST + 1> m{};
    for (int t = 0; t < GUMBO_TAG_LAST; ++t)
      m[t] = dom::tag_from_name(gumbo_normalized_tagname(static_cast<GumboTag>(t)));
    m[GUMBO_TAG_LAST] = Tag::kUnknown;
    return m;
  }();
  return map;
}

std::string lowercase_name_of_unknown(const GumboElement& el) {
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.data ? piece.length : 0);
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return name;
}

dom::Namespace ns_of(GumboNamespaceEnum ns) {
  switch (ns) {
    case GUMBO_NAMESPACE_SVG: return dom::Namespace::kSvg;
    case GUMBO_NAMESPACE_MATHML: return dom::Namespace::kMathMl;
    default: return dom::Namespace::kHtml;
  }
}

Node* convert_element(const GumboElement& el, Document& doc, std::vector<Attribute>& attrs) {
  Tag tag = el.tag < GUMBO_TAG_LAST ? tag_map()[el.tag] : Tag::kUnknown;
  Node* n;
  if (tag == Tag::kUnknown) {
    // Names gumbo knows but we do not come from its table; custom elements from the source.
    std::string name = el.tag < GUMBO_TAG_UNKNOWN ? gumbo_normalized_tagname(el.tag)
                                                  : lowercase_name_of_unknown(el);
    n = doc.create_element(Tag::kUnknown, name, ns_of(el.tag_namespace));
  } else {
    n = doc.create_element(tag, {}, ns_of(el.tag_namespace));
  }
  if (el.attributes.length) {
    attrs.clear();
    for (unsigned i = 0; i < el.attributes.length; ++i) {
      auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
      attrs.push_back({a->name, a->value});
    }
    doc.set_attributes(n, attrs.data(), attrs.size());
  }
  return n;
}

}  // namespace

void parse_with_gumbo(std::string_view utf8, Document& doc) {
  doc.clear();
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we never read parse errors; recording them costs time and memory
  GumboOutput* out = gumbo_parse_with_options(&options, utf8.data(), utf8.size());

  std::vector<Attribute> attrs;
  struct Frame {
    const GumboVector* children;
    unsigned index;
    Node* parent;
  };
  std::vector<Frame> stack;
  stack.push_back({&out->document->v.document.children, 0, doc.root()});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.index >= f.children->length) {
      stack.pop_back();
      continue;
    }
    auto* g = static_cast<const GumboNode*>(f.children->data[f.index++]);
    Node* parent = f.parent;
    switch (g->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        Node* n = convert_element(g->v.element, doc, attrs);
        Document::append_child(parent, n);
        stack.push_back({&g->v.element.children, 0, n});
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        Document::append_child(parent, doc.create_text(g->v.text.text));
        break;
      case GUMBO_NODE_COMMENT:
        Document::append_child(parent, doc.create_comment(g->v.text.text));
        break;
      case GUMBO_NODE_DOCUMENT:
        break;
    }
  }
  gumbo_destroy_output(&options, out);
}

}  // namespace gazette::parse
