// 13.2.6.4.15 The "in cell" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_cell(Tk& t) {
  if (t.type == TokenType::kEndTag) {
    switch (t.id) {
      case el::Td: case el::Th:
        if (!in_scope(t.id, Scope::kTable)) {
          error();
          return true;
        }
        generate_implied_end_tags();
        if (!current_is(t.id)) error();
        pop_until(t.id);
        clear_formatting_to_last_marker();
        mode_ = Mode::kInRow;
        return true;
      case el::Body: case el::Caption: case el::Col: case el::Colgroup: case el::Html:
        error();
        return true;
      case el::Table: case el::Tbody: case el::Tfoot: case el::Thead: case el::Tr:
        if (!in_scope(t.id, Scope::kTable)) {
          error();
          return true;
        }
        close_cell();
        return false;
      default:
        break;
    }
  } else if (t.type == TokenType::kStartTag) {
    switch (t.id) {
      case el::Caption: case el::Col: case el::Colgroup: case el::Tbody: case el::Td:
      case el::Tfoot: case el::Th: case el::Thead: case el::Tr:
        if (!in_scope(el::Td, Scope::kTable) && !in_scope(el::Th, Scope::kTable)) {
          error();
          return true;
        }
        close_cell();
        return false;
      default:
        break;
    }
  }
  return in_body(t);  // anything else
}

}  // namespace gazette::html5::detail
