#include "parse/parser.h"

#include "parse/html5/tree_builder.h"

namespace gazette::parse {

html5::ParseStop parse_html(std::string_view utf8, dom::Document& doc, Backend backend,
                            bool borrow_input, const html5::ParseLimits& limits) {
  if (backend == Backend::kGumbo) {
    parse_with_gumbo(utf8, doc);
    return html5::ParseStop::kNone;
  }
  return html5::parse_html5(utf8, doc, borrow_input, limits).stopped;
}

}  // namespace gazette::parse
