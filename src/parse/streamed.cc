#include "parse/streamed.h"

#include <cstddef>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace gazette::parse {
namespace {

using dom::Node;
using dom::NodeType;
using dom::Tag;

bool is_comment(const Node* n, std::string_view text) {
  return n->type == NodeType::kComment && n->text == text;
}

// react-dom's boundary comments: "$" (done), "$?" (pending), "$!" (client-rendered) open one,
// "/$" closes it.
bool opens_boundary(const Node* n) {
  return n->type == NodeType::kComment && !n->text.empty() && n->text[0] == '$' &&
         n->text.size() <= 2;
}

// Removes a boundary's fallback: the siblings after its template up to the matching "/$"
// comment (nested boundaries counted), which stays. Nothing is removed when there is no such
// comment: the template was not in a boundary after all.
void remove_fallback(Node* boundary_template) {
  size_t depth = 0;
  Node* end = nullptr;
  for (Node* n = boundary_template->next; n; n = n->next) {
    if (opens_boundary(n)) {
      ++depth;
    } else if (is_comment(n, "/$")) {
      if (depth == 0) {
        end = n;
        break;
      }
      --depth;
    }
  }
  if (!end) return;
  while (boundary_template->next != end) dom::Document::remove(boundary_template->next);
}

}  // namespace

bool may_have_streamed_parts(std::string_view html) {
  // memchr for the capital S, then a look around it: 'S' is rare in markup, and memchr is the
  // fastest scan there is (string_view::find stops at every 'i' of the page, and glibc's memmem
  // cost 2% of the whole pipeline on the bench WARC).
  static constexpr std::string_view kBefore = "id=\"";
  const char* p = html.data();
  const char* end = p + html.size();
  while (p < end) {
    const char* s = static_cast<const char*>(std::memchr(p, 'S', static_cast<size_t>(end - p)));
    if (!s) return false;
    if (s + 1 < end && s[1] == ':' && s - html.data() >= static_cast<ptrdiff_t>(kBefore.size()) &&
        std::string_view(s - kBefore.size(), kBefore.size()) == kBefore)
      return true;
    p = s + 1;
  }
  return false;
}

size_t inline_streamed_parts(dom::Document& doc) {
  std::unordered_map<std::string, Node*> templates;  // "B:0", "P:1f" -> the template
  std::vector<Node*> parts;                          // the hidden S:<id> divs, in page order
  size_t nodes = 0;
  dom::walk(doc.root(), [&](Node* n) {
    ++nodes;
    if (!n->is_element()) return true;
    std::string_view id = n->attr("id");
    if (id.size() < 3 || id[1] != ':') return true;
    if (n->is(Tag::Template) && (id[0] == 'B' || id[0] == 'P'))
      templates.emplace(std::string(id), n);
    else if (n->is(Tag::Div) && id[0] == 'S' && n->has_attr("hidden"))
      parts.push_back(n);
    return true;
  });
  if (parts.empty() || templates.empty()) return 0;

  // A part must not move into itself: its template is not one of its own descendants. The
  // test walks up from the template; hostile pages (deep nesting, thousands of parts) could
  // make that quadratic, so all the walks together get a budget linear in the page, past
  // which the remaining parts stay where they are.
  size_t budget = 4 * nodes + 1024;
  size_t moved = 0;
  for (Node* part : parts) {
    std::string suffix(part->attr("id").substr(1));  // ":<id>"
    Node* place = nullptr;
    bool boundary = false;
    if (auto it = templates.find("B" + suffix); it != templates.end()) {
      place = it->second;
      boundary = true;
    } else if (auto it2 = templates.find("P" + suffix); it2 != templates.end()) {
      place = it2->second;
    }
    if (!place || !place->parent) continue;
    bool inside = false;
    for (Node* a = place->parent; a; a = a->parent) {
      if (budget == 0) return moved;
      --budget;
      if (a == part) {
        inside = true;
        break;
      }
    }
    if (inside) continue;
    if (boundary) remove_fallback(place);
    while (Node* c = part->first_child) {
      dom::Document::remove(c);
      dom::Document::insert_before(place, c);
    }
    dom::Document::remove(place);
    dom::Document::remove(part);
    templates.erase(boundary ? "B" + suffix : "P" + suffix);
    ++moved;
  }
  return moved;
}

}  // namespace gazette::parse
