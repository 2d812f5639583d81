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

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one (overlong forms,
// surrogates and code points past U+10FFFF are not).
size_t utf8_sequence(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
  if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogate
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
  if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // past U+10FFFF
  return n;
}

// gumbo 0.10.1 writes invalid UTF-8 for a numeric character reference past 2^31 (an integer
// overflow in its reference parser: "&#11111111111;"), and our DOM promises valid UTF-8. Every
// string from gumbo passes here; a bad byte becomes U+FFFD, as the decoder does. Found by the
// extract fuzzer (tests/fixtures/regressions/extract/gumbo-numeric-reference-overflow-...).
std::string_view valid_utf8(const char* text, std::string& scratch) {
  std::string_view s = text ? std::string_view(text) : std::string_view();
  size_t i = 0;
  while (i < s.size()) {
    size_t n = utf8_sequence(s, i);
    if (n == 0) break;
    i += n;
  }
  if (i == s.size()) return s;
  scratch.assign(s.substr(0, i));
  while (i < s.size()) {
    size_t n = utf8_sequence(s, i);
    if (n == 0) {
      scratch += "\xEF\xBF\xBD";
      ++i;
    } else {
      scratch.append(s.substr(i, n));
      i += n;
    }
  }
  return scratch;
}

Node* convert_element(const GumboElement& el, Document& doc, std::vector<Attribute>& attrs,
                      std::vector<std::string>& scratch) {
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
    if (scratch.size() < 2 * el.attributes.length) scratch.resize(2 * el.attributes.length);
    for (unsigned i = 0; i < el.attributes.length; ++i) {
      auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
      attrs.push_back({valid_utf8(a->name, scratch[2 * i]), valid_utf8(a->value, scratch[2 * i + 1])});
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
  std::vector<std::string> scratch(2);  // repaired strings (valid_utf8), reused
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
        Node* n = convert_element(g->v.element, doc, attrs, scratch);
        Document::append_child(parent, n);
        stack.push_back({&g->v.element.children, 0, n});
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        Document::append_child(parent, doc.create_text(valid_utf8(g->v.text.text, scratch[0])));
        break;
      case GUMBO_NODE_COMMENT:
        Document::append_child(parent, doc.create_comment(valid_utf8(g->v.text.text, scratch[0])));
        break;
      case GUMBO_NODE_DOCUMENT:
        break;
    }
  }
  gumbo_destroy_output(&options, out);
}

}  // namespace gazette::parse
