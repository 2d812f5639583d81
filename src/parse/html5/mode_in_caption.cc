// 13.2.6.4.11 The "in caption" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_caption(Tk& t) {
  bool closes = false, reprocess = false;
  if (t.type == TokenType::kEndTag) {
    switch (t.id) {
      case el::Caption:
        closes = true;
        break;
      case el::Table:
        closes = reprocess = true;
        break;
      case el::Body: case el::Col: case el::Colgroup: case el::Html: case el::Tbody:
      case el::Td: case el::Tfoot: case el::Th: case el::Thead: case el::Tr:
        error();
        return true;
      default:
        break;
    }
  } else if (t.type == TokenType::kStartTag) {
    switch (t.id) {
      case el::Caption: case el::Col: case el::Colgroup: case el::Tbody: case el::Td:
      case el::Tfoot: case el::Th: case el::Thead: case el::Tr:
        closes = reprocess = true;
        break;
      default:
        break;
    }
  }
  if (!closes) return in_body(t);  // anything else
  // Close the caption: if none in table scope, parse error, ignore (fragment case).
  if (!in_scope(el::Caption, Scope::kTable)) {
    error();
    return true;
  }
  generate_implied_end_tags();
  if (!current_is(el::Caption)) error();
  pop_until(el::Caption);
  clear_formatting_to_last_marker();
  mode_ = Mode::kInTable;
  return !reprocess;
}

}  // namespace gazette::html5::detail
