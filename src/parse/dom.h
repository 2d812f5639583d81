// The DOM Gazette extracts from.
//
// Designed for one job: read a page once, walk it a few times, throw it away.
//  * Every node, attribute array and string lives in the Document's Arena; nothing is freed
//    one by one. Document::clear() releases a whole page at once and keeps the memory for the
//    next page parsed on the same thread.
//  * Element names are small integers (Tag); unknown elements keep their lowercased name.
//  * Strings are std::string_view into arena storage, always valid UTF-8 (the decoder's
//    invariant), never NUL-terminated.
//
// Invariant: a Node pointer, and every view it hands out, stays valid until the owning
// Document is cleared or destroyed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace gazette::dom {

enum class Tag : uint16_t {
  kUnknown = 0,
#define GZ_TAG(id, name) id,
#include "parse/tags.inc"
#undef GZ_TAG
  kCount
};

// Maps a lowercase ASCII element name to its Tag; kUnknown when the name is not in tags.inc.
Tag tag_from_name(std::string_view lowercase_name);
// The canonical lowercase name of a known tag ("" for kUnknown).
std::string_view tag_name(Tag tag);

enum class NodeType : uint8_t { kDocument, kElement, kText, kComment };

// Namespace of an element; foreign content (SVG, MathML) is skipped by extraction.
enum class Namespace : uint8_t { kHtml, kSvg, kMathMl };

struct Attribute {
  std::string_view name;   // lowercase for HTML elements
  std::string_view value;  // entity-decoded
};

struct Node {
  NodeType type = NodeType::kElement;
  Namespace ns = Namespace::kHtml;
  Tag tag = Tag::kUnknown;
  uint32_t attr_count = 0;
  const Attribute* attrs = nullptr;
  std::string_view name;  // element: lowercase name; text/comment: empty
  std::string_view text;  // text and comment: the data; element: empty
  Node* parent = nullptr;
  Node* first_child = nullptr;
  Node* last_child = nullptr;
  Node* next = nullptr;  // next sibling
  Node* prev = nullptr;  // previous sibling
  // Scratch space for algorithms that annotate the tree (extraction scores, flags).
  // Zero after parsing; each pass that uses it documents its meaning.
  uint32_t mark = 0;
  float score = 0;
  // What the element's class and id say, kept by extract::names_of (extract/class_names.h) on
  // its first call for the element; 0 until then. A cache of a pure function of those two
  // attributes, hence mutable.
  mutable uint32_t names = 0;

  bool is_element() const { return type == NodeType::kElement; }
  bool is_text() const { return type == NodeType::kText; }
  bool is(Tag t) const { return type == NodeType::kElement && tag == t; }

  // The value of attribute `name` (lowercase, not empty), or an empty view when absent.
  std::string_view attr(std::string_view attr_name) const {
    const Attribute* a = find_attr(attr_name);
    return a ? a->value : std::string_view();
  }
  bool has_attr(std::string_view attr_name) const { return find_attr(attr_name) != nullptr; }
  const Attribute* find_attr(std::string_view attr_name) const {
    // Length and first byte rule out almost every other attribute before a full comparison;
    // extraction and metadata look attributes up on every element.
    for (uint32_t i = 0; i < attr_count; ++i) {
      std::string_view n = attrs[i].name;
      if (n.size() == attr_name.size() && !n.empty() && n[0] == attr_name[0] &&
          std::memcmp(n.data(), attr_name.data(), n.size()) == 0)
        return &attrs[i];
    }
    return nullptr;
  }
};

// A bump allocator made of growing blocks. Allocation is a pointer increment; reset() makes all
// memory reusable at once without returning it to the system (so a thread's parser settles at
// its largest page); release() returns it.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* allocate(size_t size, size_t align) {
    size_t p = (pos_ + align - 1) & ~(align - 1);
    if (cur_ == nullptr || p + size > cur_size_) {
      grow(size + align);
      p = (pos_ + align - 1) & ~(align - 1);
    }
    pos_ = p + size;
    return cur_ + p;
  }
  template <class T>
  T* make() {
    return new (allocate(sizeof(T), alignof(T))) T();
  }
  template <class T>
  T* make_array(size_t n) {
    T* a = static_cast<T*>(allocate(sizeof(T) * n, alignof(T)));
    for (size_t i = 0; i < n; ++i) new (a + i) T();
    return a;
  }
  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* d = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(d, s.data(), s.size());
    return {d, s.size()};
  }
  // Everything allocated so far becomes invalid; the blocks are kept for reuse.
  void reset();
  // Returns all blocks to the system.
  void release();
  // Bytes currently reserved from the system.
  size_t capacity() const;
  // Bytes handed out since the last reset() (plus the unused tails of the blocks passed).
  size_t used() const;
  // Right after reset(): when the kept blocks hold less than `bytes`, replaces them by one
  // block of `bytes`, so that a parser that knows its input size sizes the arena once instead
  // of growing it block by block (and a reused arena does not keep a chain of small blocks).
  void reserve(size_t bytes);

 private:
  void grow(size_t at_least);
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  std::vector<Block> blocks_;
  size_t block_index_ = 0;
  char* cur_ = nullptr;
  size_t cur_size_ = 0;
  size_t pos_ = 0;
};

// A parsed page. Build it through a parser backend (parse/parser.h) or by hand in tests.
class Document {
 public:
  Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  Node* root() const { return root_; }
  Arena& arena() { return arena_; }

  // The <html>, <head> and <body> elements, or null.
  Node* html() const;
  Node* head() const;
  Node* body() const;

  Node* create_element(Tag tag, std::string_view lowercase_name,
                       Namespace ns = Namespace::kHtml);
  Node* create_text(std::string_view text);
  Node* create_comment(std::string_view text);
  // Copies `attrs` into the arena and attaches them to `element`.
  void set_attributes(Node* element, const Attribute* attrs, size_t count);
  static void append_child(Node* parent, Node* child);
  // Puts `child` (not in a tree) right before `reference`, which has a parent.
  static void insert_before(Node* reference, Node* child);
  static void remove(Node* node);

  // Drops the whole tree in O(1) and keeps the memory for the next page.
  void clear();
  // clear(), with the arena sized for a page of `input_bytes` of UTF-8, and, when `borrowed`
  // is not empty, borrow(borrowed) (parsers call this).
  void clear_for_input(size_t input_bytes, std::string_view borrowed = {});

  // Strings that lie inside `input` are kept as views into it instead of being copied into the
  // arena (text, attribute values and names that the parser did not have to change). `input`
  // must stay alive and unchanged for as long as the tree is used, until the next clear().
  void borrow(std::string_view input) { borrowed_ = input; }
  // `s` as the tree keeps it: a view when it lies in the borrowed input, else an arena copy.
  std::string_view keep(std::string_view s) {
    if (!borrowed_.empty() && s.data() >= borrowed_.data() &&
        s.data() + s.size() <= borrowed_.data() + borrowed_.size())
      return s;
    return arena_.copy(s);
  }
  size_t node_count() const { return node_count_; }
  // Whether a <template> element was created since the last clear(): streamed React pages
  // need one (parse/streamed.h), and 93% of the bench WARC's pages have none, so they skip
  // that search of their text.
  bool has_template() const { return has_template_; }

 private:
  Arena arena_;
  Node* root_ = nullptr;
  size_t node_count_ = 0;
  bool has_template_ = false;
  std::string_view borrowed_;
};

// Depth-first pre-order traversal of the subtree under `root` (root included). `f(Node*)`
// returns false to skip the children of that node.
template <class F>
void walk(Node* root, F&& f) {
  Node* n = root;
  while (n) {
    bool descend = f(n);
    if (descend && n->first_child) {
      n = n->first_child;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (!n || n == root) break;
    n = n->next;
  }
}

// Appends the text of all descendant text nodes to `out` (no separators, no normalisation).
void append_text(const Node* node, std::string& out);

// True for the elements that start a new line when rendered (p, div, li, h1-h6, ...).
bool is_block(Tag tag);

}  // namespace gazette::dom
