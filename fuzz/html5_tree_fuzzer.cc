// Fuzz target: our HTML5 tree builder (src/parse/html5), whole-document, streamed and fragment.
//
// Control byte (the input's last byte, see fuzz.h):
//   bits 0-2  chunk sizes of the streamed parse (fuzz.h chunks_of)
//   bit  3    also parse the input as a fragment, in a context element chosen by bits 4-7
// Checks:
//  * the tree is well formed (dom_check.h: links, names, tags, UTF-8, no duplicate attributes);
//  * Html5StreamParser over chunks gives exactly the tree and result of parse_html5() over the
//    whole input, as tree_builder.h promises, whatever the split;
//  * a second parse into the same Document (whose arena is then reused) gives the same tree.
#include <string>

#include "dom_check.h"
#include "fuzz.h"
#include "parse/dom.h"
#include "parse/html5/tree_builder.h"

namespace gazette_fuzz::html5_tree {

struct Context {
  const char* name;
  gazette::dom::Namespace ns;
};
// The contexts whose fragment parsing differs: tokenizer states, table and select modes,
// template, and foreign content integration points.
constexpr Context kContexts[] = {
    {"body", gazette::dom::Namespace::kHtml},     {"td", gazette::dom::Namespace::kHtml},
    {"tr", gazette::dom::Namespace::kHtml},       {"table", gazette::dom::Namespace::kHtml},
    {"select", gazette::dom::Namespace::kHtml},   {"template", gazette::dom::Namespace::kHtml},
    {"title", gazette::dom::Namespace::kHtml},    {"textarea", gazette::dom::Namespace::kHtml},
    {"style", gazette::dom::Namespace::kHtml},    {"script", gazette::dom::Namespace::kHtml},
    {"plaintext", gazette::dom::Namespace::kHtml}, {"html", gazette::dom::Namespace::kHtml},
    {"svg", gazette::dom::Namespace::kSvg},       {"foreignObject", gazette::dom::Namespace::kSvg},
    {"math", gazette::dom::Namespace::kMathMl},   {"annotation-xml", gazette::dom::Namespace::kMathMl},
};

bool same_result(const gazette::html5::Html5Result& a, const gazette::html5::Html5Result& b) {
  return a.quirks_mode == b.quirks_mode && a.parse_errors == b.parse_errors &&
         a.doctype.present == b.doctype.present && a.doctype.name == b.doctype.name &&
         a.doctype.public_id == b.doctype.public_id && a.doctype.system_id == b.doctype.system_id &&
         a.doctype.has_public_id == b.doctype.has_public_id &&
         a.doctype.has_system_id == b.doctype.has_system_id &&
         a.doctype.position == b.doctype.position;
}

}  // namespace gazette_fuzz::html5_tree

GAZETTE_FUZZ_TARGET(html5_tree) {
  using namespace gazette_fuzz;
  using namespace gazette_fuzz::html5_tree;
  Input input(data, size);
  uint8_t control = input.take_control();
  std::string html = valid_utf8(input.bytes());

  gazette::dom::Document whole;
  gazette::html5::Html5Result r1 = gazette::html5::parse_html5(html, whole);
  check_tree(whole, Strictness::kOurParser);
  std::string tree1 = serialize_tree(whole);

  {
    gazette::dom::Document streamed;
    gazette::html5::Html5StreamParser parser(streamed);
    for (std::string_view chunk : chunks_of(html, control)) parser.feed(chunk);
    gazette::html5::Html5Result r2 = parser.finish();
    check_tree(streamed, Strictness::kOurParser);
    GAZETTE_FUZZ_CHECK(same_result(r1, r2));
    GAZETTE_FUZZ_CHECK_MSG(serialize_tree(streamed) == tree1, "streamed tree differs");
  }

  // The same Document again: clear() keeps the arena, which the new tree reuses.
  gazette::html5::Html5Result r3 = gazette::html5::parse_html5(html, whole);
  GAZETTE_FUZZ_CHECK(same_result(r1, r3));
  GAZETTE_FUZZ_CHECK_MSG(serialize_tree(whole) == tree1, "reparse differs");

  if (control & 8) {
    const Context& ctx = kContexts[(control >> 4) % std::size(kContexts)];
    gazette::dom::Document fragment;
    gazette::html5::parse_html5_fragment(html, ctx.name, ctx.ns, fragment);
    check_tree(fragment, Strictness::kOurParser);
  }
  return 0;
}
