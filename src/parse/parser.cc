#include "parse/parser.h"

#include "parse/html5/tree_builder.h"

namespace gazette::parse {

void parse_html(std::string_view utf8, dom::Document& doc, Backend backend, bool borrow_input) {
  if (backend == Backend::kGumbo)
    parse_with_gumbo(utf8, doc);
  else
    html5::parse_html5(utf8, doc, borrow_input);
}

}  // namespace gazette::parse
