#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parse/dom.h"
#include "parse/parser.h"

namespace gazette::dom {
namespace {

TEST(Dom, TagIdsRoundTrip) {
  EXPECT_EQ(tag_from_name("div"), Tag::Div);
  EXPECT_EQ(tag_from_name("blockquote"), Tag::Blockquote);
  EXPECT_EQ(tag_from_name("no-such-tag"), Tag::kUnknown);
  EXPECT_EQ(tag_name(Tag::Article), "article");
  for (int t = 1; t < static_cast<int>(Tag::kCount); ++t)
    EXPECT_EQ(tag_from_name(tag_name(static_cast<Tag>(t))), static_cast<Tag>(t));
}

TEST(Dom, NamesThatAreNoTagAreUnknown) {
  // Names of up to 7 bytes are looked up as one integer, longer ones as strings: the
  // neighbours of every tag name (a byte more, a byte less, a byte changed, a NUL inside or
  // after it) are no tag unless they are another tag's name.
  for (int t = 1; t < static_cast<int>(Tag::kCount); ++t) {
    const std::string name(tag_name(static_cast<Tag>(t)));
    std::vector<std::string> near = {name + "x", name.substr(0, name.size() - 1), name + '\0',
                                     std::string(1, '\0') + name};
    std::string changed = name;
    changed.back() = changed.back() == 'q' ? 'z' : 'q';
    near.push_back(changed);
    if (name.size() > 1) near.push_back(name.substr(0, 1) + '\0' + name.substr(2));
    for (const std::string& n : near) {
      const Tag got = tag_from_name(n);
      if (got != Tag::kUnknown) {
        EXPECT_EQ(tag_name(got), n) << name;
      }
    }
  }
  EXPECT_EQ(tag_from_name(""), Tag::kUnknown);
  EXPECT_EQ(tag_from_name(std::string(100, 'a')), Tag::kUnknown);
}

TEST(Dom, ArenaReuseKeepsCapacity) {
  Document doc;
  for (int i = 0; i < 10000; ++i) Document::append_child(doc.root(), doc.create_text("hello"));
  size_t cap = doc.arena().capacity();
  EXPECT_EQ(doc.node_count(), 10000u);
  doc.clear();
  EXPECT_EQ(doc.node_count(), 0u);
  EXPECT_EQ(doc.root()->first_child, nullptr);
  for (int i = 0; i < 10000; ++i) Document::append_child(doc.root(), doc.create_text("hello"));
  EXPECT_EQ(doc.arena().capacity(), cap);
}

TEST(Dom, GumboBuildsTreeWithAttributesAndUnknownTags) {
  Document doc;
  parse::parse_html("<p class=a id=b>Hi <b>there</b><my-widget x='1'>w</my-widget>", doc);
  ASSERT_NE(doc.body(), nullptr);
  Node* p = doc.body()->first_child;
  ASSERT_TRUE(p->is(Tag::P));
  EXPECT_EQ(p->attr("class"), "a");
  EXPECT_EQ(p->attr("id"), "b");
  EXPECT_FALSE(p->has_attr("style"));
  Node* w = p->last_child;
  EXPECT_EQ(w->tag, Tag::kUnknown);
  EXPECT_EQ(w->name, "my-widget");
  EXPECT_EQ(w->attr("x"), "1");
  std::string text;
  append_text(p, text);
  EXPECT_EQ(text, "Hi therew");
}

TEST(Dom, DeepNestingDoesNotRecurse) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "x";
  Document doc;
  parse::parse_html(html, doc);
  size_t elements = 0;
  walk(doc.root(), [&](Node* n) {
    elements += n->is_element();
    return true;
  });
  EXPECT_GE(elements, 5000u);
}

TEST(Dom, NulBytesDoNotTruncate) {
  std::string html("<p>a\0b</p><p>after</p>", 22);
  Document doc;
  parse::parse_html(html, doc);
  std::string text;
  append_text(doc.body(), text);
  EXPECT_NE(text.find("after"), std::string::npos);
}

}  // namespace
}  // namespace gazette::dom
