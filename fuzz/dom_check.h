// Tree checks shared by the parser fuzz targets: the links of a dom::Document are consistent,
// and (for trees our HTML5 parser built) the promises of dom.h and tree_builder.h hold.
// Both walks are iterative: hostile input builds trees far deeper than a thread's stack allows
// recursion.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz.h"
#include "parse/dom.h"

namespace gazette_fuzz {

// Strict checks apply to trees our parser built; gumbo's (the reference) get the structural
// checks only (links), since its conversion to our DOM keeps some of gumbo's own conventions.
// (gumbo's text is not always valid UTF-8 either: see tests/fixtures/regressions/extract/
// gumbo-numeric-reference-overflow-invalid-utf8; the extract target catches that where it
// matters, in the records.)
enum class Strictness { kStructure, kOurParser };

inline bool has_ascii_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Checks `doc` and returns the number of nodes reachable from the root.
inline size_t check_tree(const gazette::dom::Document& doc, Strictness strictness) {
  using gazette::dom::Namespace;
  using gazette::dom::Node;
  using gazette::dom::NodeType;
  const Node* root = doc.root();
  GAZETTE_FUZZ_CHECK(root != nullptr);
  GAZETTE_FUZZ_CHECK(root->type == NodeType::kDocument);
  GAZETTE_FUZZ_CHECK(root->parent == nullptr && root->next == nullptr && root->prev == nullptr);

  size_t seen = 0;
  std::vector<std::string_view> names;
  std::vector<const Node*> stack{root};
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    ++seen;
    // Every node reachable is a node the document created: more means a cycle.
    GAZETTE_FUZZ_CHECK(seen <= doc.node_count() + 1);

    // The children list: parent, prev and next agree, and last_child is the last one.
    const Node* prev = nullptr;
    for (const Node* c = n->first_child; c; c = c->next) {
      GAZETTE_FUZZ_CHECK(c->parent == n);
      GAZETTE_FUZZ_CHECK(c->prev == prev);
      GAZETTE_FUZZ_CHECK(c->type != NodeType::kDocument);
      prev = c;
      stack.push_back(c);
    }
    GAZETTE_FUZZ_CHECK(n->last_child == prev);

    if (n->type == NodeType::kText || n->type == NodeType::kComment) {
      GAZETTE_FUZZ_CHECK(n->first_child == nullptr);
      GAZETTE_FUZZ_CHECK(n->attr_count == 0);
      if (strictness == Strictness::kOurParser) GAZETTE_FUZZ_CHECK(is_valid_utf8(n->text));
    }
    if (n->type != NodeType::kElement) continue;
    GAZETTE_FUZZ_CHECK(n->text.empty());
    GAZETTE_FUZZ_CHECK(n->attr_count == 0 || n->attrs != nullptr);
    if (strictness == Strictness::kStructure) continue;

    // dom.h: an element has its lowercase name and the Tag of that name; strings are UTF-8.
    GAZETTE_FUZZ_CHECK(!n->name.empty());
    GAZETTE_FUZZ_CHECK(is_valid_utf8(n->name));
    GAZETTE_FUZZ_CHECK_MSG(!has_ascii_upper(n->name), n->name);
    GAZETTE_FUZZ_CHECK_MSG(gazette::dom::tag_from_name(n->name) == n->tag, n->name);
    names.clear();
    for (uint32_t i = 0; i < n->attr_count; ++i) {
      const auto& a = n->attrs[i];
      GAZETTE_FUZZ_CHECK(!a.name.empty());
      GAZETTE_FUZZ_CHECK(is_valid_utf8(a.name) && is_valid_utf8(a.value));
      // HTML attribute names are lowercased; foreign ones are adjusted ("viewBox").
      if (n->ns == Namespace::kHtml) GAZETTE_FUZZ_CHECK_MSG(!has_ascii_upper(a.name), a.name);
      names.push_back(a.name);
    }
    // The tokenizer drops duplicate attributes, and merging <html>/<body> attributes adds only
    // absent ones.
    std::sort(names.begin(), names.end());
    GAZETTE_FUZZ_CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  }
  return seen;
}

// The tree as text, for comparing two parses of one input: one line per node, indented by
// depth, with the namespace, name, attributes and text (escaped so lines stay lines).
inline std::string serialize_tree(const gazette::dom::Document& doc) {
  using gazette::dom::Node;
  using gazette::dom::NodeType;
  std::string out;
  auto put_escaped = [&](std::string_view s) {
    for (char c : s) {
      if (c == '\n') out += "\\n";
      else if (c == '\\') out += "\\\\";
      else out += c;
    }
  };
  std::vector<std::pair<const Node*, size_t>> stack{{doc.root(), 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    out.append(std::min<size_t>(depth, 64), ' ');
    out += std::to_string(depth);
    switch (n->type) {
      case NodeType::kDocument: out += " #document"; break;
      case NodeType::kText: out += " \""; put_escaped(n->text); out += '"'; break;
      case NodeType::kComment: out += " <!--"; put_escaped(n->text); out += "-->"; break;
      case NodeType::kElement:
        out += " <" + std::to_string(static_cast<int>(n->ns)) + ":";
        put_escaped(n->name);
        for (uint32_t i = 0; i < n->attr_count; ++i) {
          out += ' ';
          put_escaped(n->attrs[i].name);
          out += "=\"";
          put_escaped(n->attrs[i].value);
          out += '"';
        }
        out += '>';
        break;
    }
    out += '\n';
    // Children pushed last-first so that they come out in document order.
    for (const Node* c = n->last_child; c; c = c->prev) stack.push_back({c, depth + 1});
  }
  return out;
}

}  // namespace gazette_fuzz
