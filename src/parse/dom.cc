#include "parse/dom.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace gazette::dom {
namespace {

constexpr std::string_view kTagNames[] = {
    "",
#define GZ_TAG(id, name) name,
#include "parse/tags.inc"
#undef GZ_TAG
};
constexpr size_t kTagCount = static_cast<size_t>(Tag::kCount);
static_assert(std::size(kTagNames) == kTagCount);

// Open-addressing tables from name to Tag, built once. Sized to a power of two over 4x the
// number of tags so probes stay short. Every start and end tag of every page is looked up, and
// most names fit in 7 bytes: those are compared as one integer (their bytes and their length),
// the rest by a string table.
struct TagTable {
  static constexpr size_t kSlots = 1024;
  // Names of 1 to 7 bytes.
  std::array<uint64_t, kSlots> short_key{};  // 0 = empty
  std::array<uint16_t, kSlots> short_tag{};
  // Longer names.
  std::array<uint16_t, kSlots> slot{};  // 0 = empty, else tag id

  // The bytes, and the length in the top byte (so that a name with a NUL at its end is not
  // the name without it).
  // Two loads that may overlap instead of a loop over the bytes (a byte the two loads share
  // is ORed with itself): a loop cost some 35 instructions a tag.
  static constexpr bool pack(std::string_view s, uint64_t& key) {
    const size_t n = s.size();
    if (n == 0 || n > 7) return false;
    uint64_t bytes = 0;
    if (std::is_constant_evaluated() || std::endian::native != std::endian::little) {
      for (size_t i = 0; i < n; ++i) bytes |= uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
      key = uint64_t{n} << 56 | bytes;
      return true;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      bytes = uint64_t{lo} | uint64_t{hi} << (8 * (n - 4));
    } else {
      bytes = uint64_t{p[0]} | uint64_t{p[n / 2]} << (8 * (n / 2)) | uint64_t{p[n - 1]} << (8 * (n - 1));
    }
    key = uint64_t{n} << 56 | bytes;
    return true;
  }
  static constexpr size_t key_slot(uint64_t key) { return (key * 0x9E3779B97F4A7C15ull) >> 54; }  // 10 bits
  static constexpr size_t hash(std::string_view s) {
    size_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
  }
  constexpr TagTable() {
    static_assert(kSlots >= 4 * kTagCount);
    static_assert(kSlots == size_t{1} << 10);
    for (size_t t = 1; t < kTagCount; ++t) {
      uint64_t key;
      if (pack(kTagNames[t], key)) {
        size_t i = key_slot(key);
        while (short_key[i]) i = (i + 1) & (kSlots - 1);
        short_key[i] = key;
        short_tag[i] = static_cast<uint16_t>(t);
        continue;
      }
      size_t i = hash(kTagNames[t]) & (kSlots - 1);
      while (slot[i]) i = (i + 1) & (kSlots - 1);
      slot[i] = static_cast<uint16_t>(t);
    }
  }
  constexpr Tag find(std::string_view s) const {
    uint64_t key;
    if (pack(s, key)) {
      for (size_t i = key_slot(key); short_key[i]; i = (i + 1) & (kSlots - 1))
        if (short_key[i] == key) return static_cast<Tag>(short_tag[i]);
      return Tag::kUnknown;
    }
    return find_long(s);
  }
  // Out of line: its string comparison made the common path save and restore six registers.
  [[gnu::noinline]] constexpr Tag find_long(std::string_view s) const {
    size_t i = hash(s) & (kSlots - 1);
    while (slot[i]) {
      if (kTagNames[slot[i]] == s) return static_cast<Tag>(slot[i]);
      i = (i + 1) & (kSlots - 1);
    }
    return Tag::kUnknown;
  }
};

// Built by the compiler: a function-local static's guard and a frame for its constructor made
// the lookup's entry and exit a third of its cost.
constexpr TagTable kTagTable;

// The smallest block. Small because a Document allocates its root at construction: a page of
// a few hundred bytes should not cost 64 KiB. Parsers call reserve() with an estimate from the
// input size, so real pages rarely grow block by block.
constexpr size_t kMinBlock = 4 * 1024;

}  // namespace

Tag tag_from_name(std::string_view lowercase_name) { return kTagTable.find(lowercase_name); }

std::string_view tag_name(Tag tag) {
  auto i = static_cast<size_t>(tag);
  return i < kTagCount ? kTagNames[i] : std::string_view();
}

void Arena::grow(size_t at_least) {
  // Reuse the next kept block when it is big enough; otherwise insert a new one, doubling.
  if (cur_ != nullptr) ++block_index_;
  while (block_index_ < blocks_.size() && blocks_[block_index_].size < at_least) ++block_index_;
  if (block_index_ >= blocks_.size()) {
    // Grow by a quarter of what is already held: the slack stays under 25% of the need
    // (doubling would allow 100%) and the number of blocks stays logarithmic.
    size_t size = std::max({kMinBlock, capacity() / 4, at_least});
    blocks_.push_back({std::unique_ptr<char[]>(new char[size]), size});
    block_index_ = blocks_.size() - 1;
  }
  cur_ = blocks_[block_index_].data.get();
  cur_size_ = blocks_[block_index_].size;
  pos_ = 0;
}

void Arena::reset() {
  block_index_ = 0;
  cur_ = nullptr;
  cur_size_ = 0;
  pos_ = 0;
}

void Arena::release() {
  blocks_.clear();
  reset();
}

size_t Arena::used() const {
  size_t total = pos_;
  for (size_t i = 0; i < block_index_ && i < blocks_.size(); ++i) total += blocks_[i].size;
  return cur_ == nullptr ? 0 : total;
}

void Arena::reserve(size_t bytes) {
  if (cur_ != nullptr || capacity() >= bytes) return;
  blocks_.clear();
  size_t size = std::max(kMinBlock, bytes);
  blocks_.push_back({std::unique_ptr<char[]>(new char[size]), size});
}

size_t Arena::capacity() const {
  size_t total = 0;
  for (const auto& b : blocks_) total += b.size;
  return total;
}

Document::Document() { clear(); }

// What a tree takes in the arena per byte of input, over the bench pages (tools/parse_bench,
// fresh Document per page): nodes 1.0, attribute arrays 0.3, copies of text and attribute values
// 0.9 (all but about 0.1 of it unchanged input, kept as views when the input is borrowed).
// Reserving about the median puts most pages in one block; a page that needs more grows by a
// quarter of what it holds, so the slack stays under 25%.
constexpr double kArenaBytesPerInputByte = 2.5;
constexpr double kArenaBytesPerBorrowedInputByte = 2.0;

void Document::clear_for_input(size_t input_bytes, std::string_view borrowed) {
  arena_.reset();
  double factor = borrowed.empty() ? kArenaBytesPerInputByte : kArenaBytesPerBorrowedInputByte;
  arena_.reserve(static_cast<size_t>(static_cast<double>(input_bytes) * factor));
  node_count_ = 0;
  has_template_ = false;
  root_ = arena_.make<Node>();
  root_->type = NodeType::kDocument;
  borrowed_ = borrowed;
}

void Document::clear() {
  arena_.reset();
  borrowed_ = {};
  node_count_ = 0;
  has_template_ = false;
  root_ = arena_.make<Node>();
  root_->type = NodeType::kDocument;
}

static Node* child_element(Node* parent, Tag tag) {
  if (!parent) return nullptr;
  for (Node* c = parent->first_child; c; c = c->next)
    if (c->is(tag)) return c;
  return nullptr;
}

Node* Document::html() const { return child_element(root_, Tag::Html); }
Node* Document::head() const { return child_element(html(), Tag::Head); }
Node* Document::body() const { return child_element(html(), Tag::Body); }

Node* Document::create_element(Tag tag, std::string_view lowercase_name, Namespace ns) {
  Node* n = arena_.make<Node>();
  n->type = NodeType::kElement;
  n->tag = tag;
  n->ns = ns;
  n->name = tag != Tag::kUnknown ? tag_name(tag) : keep(lowercase_name);
  has_template_ |= tag == Tag::Template;
  ++node_count_;
  return n;
}

Node* Document::create_text(std::string_view text) {
  Node* n = arena_.make<Node>();
  n->type = NodeType::kText;
  n->text = keep(text);
  ++node_count_;
  return n;
}

Node* Document::create_comment(std::string_view text) {
  Node* n = create_text(text);
  n->type = NodeType::kComment;
  return n;
}

void Document::set_attributes(Node* element, const Attribute* attrs, size_t count) {
  Attribute* a = arena_.make_array<Attribute>(count);
  for (size_t i = 0; i < count; ++i) {
    a[i].name = keep(attrs[i].name);
    a[i].value = keep(attrs[i].value);
  }
  element->attrs = a;
  element->attr_count = static_cast<uint32_t>(count);
}

void Document::append_child(Node* parent, Node* child) {
  child->parent = parent;
  child->prev = parent->last_child;
  child->next = nullptr;
  if (parent->last_child)
    parent->last_child->next = child;
  else
    parent->first_child = child;
  parent->last_child = child;
}

void Document::insert_before(Node* reference, Node* child) {
  Node* parent = reference->parent;
  child->parent = parent;
  child->next = reference;
  child->prev = reference->prev;
  if (reference->prev)
    reference->prev->next = child;
  else
    parent->first_child = child;
  reference->prev = child;
}

void Document::remove(Node* node) {
  Node* p = node->parent;
  if (!p) return;
  if (node->prev) node->prev->next = node->next; else p->first_child = node->next;
  if (node->next) node->next->prev = node->prev; else p->last_child = node->prev;
  node->parent = node->prev = node->next = nullptr;
}

void append_text(const Node* node, std::string& out) {
  walk(const_cast<Node*>(node), [&](Node* n) {
    if (n->type == NodeType::kText) out.append(n->text);
    return true;
  });
}

bool is_block(Tag tag) {
  switch (tag) {
    case Tag::Address: case Tag::Article: case Tag::Aside: case Tag::Blockquote:
    case Tag::Body: case Tag::Caption: case Tag::Center: case Tag::Dd: case Tag::Details:
    case Tag::Dialog: case Tag::Div: case Tag::Dl: case Tag::Dt: case Tag::Fieldset:
    case Tag::Figcaption: case Tag::Figure: case Tag::Footer: case Tag::Form: case Tag::H1:
    case Tag::H2: case Tag::H3: case Tag::H4: case Tag::H5: case Tag::H6: case Tag::Header:
    case Tag::Hgroup: case Tag::Hr: case Tag::Html: case Tag::Legend: case Tag::Li:
    case Tag::Main: case Tag::Menu: case Tag::Nav: case Tag::Ol: case Tag::P: case Tag::Pre:
    case Tag::Section: case Tag::Summary: case Tag::Table: case Tag::Tbody: case Tag::Td:
    case Tag::Tfoot: case Tag::Th: case Tag::Thead: case Tag::Tr: case Tag::Ul: case Tag::Br:
    case Tag::Option: case Tag::Textarea: case Tag::Select:
      return true;
    default:
      return false;
  }
}

}  // namespace gazette::dom
