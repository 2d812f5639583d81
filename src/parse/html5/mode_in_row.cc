// 13.2.6.4.14 The "in row" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_row(Tk& t) {
  if (t.type == TokenType::kStartTag) {
    switch (t.id) {
      case el::Th: case el::Td:
        clear_stack_back_to(kTableRowContext);
        insert_element(t);
        mode_ = Mode::kInCell;
        insert_marker();
        return true;
      case el::Caption: case el::Col: case el::Colgroup: case el::Tbody: case el::Tfoot:
      case el::Thead: case el::Tr:
        goto close_row_reprocess;
      default:
        break;
    }
  } else if (t.type == TokenType::kEndTag) {
    switch (t.id) {
      case el::Tr:
        if (!in_scope(el::Tr, Scope::kTable)) {
          error();
          return true;
        }
        clear_stack_back_to(kTableRowContext);
        pop();
        mode_ = Mode::kInTableBody;
        return true;
      case el::Table:
        goto close_row_reprocess;
      case el::Tbody: case el::Tfoot: case el::Thead:
        if (!in_scope(t.id, Scope::kTable)) {
          error();
          return true;
        }
        if (!in_scope(el::Tr, Scope::kTable)) return true;
        clear_stack_back_to(kTableRowContext);
        pop();
        mode_ = Mode::kInTableBody;
        return false;
      case el::Body: case el::Caption: case el::Col: case el::Colgroup: case el::Html:
      case el::Td: case el::Th:
        error();
        return true;
      default:
        break;
    }
  }
  return in_table(t);  // anything else

close_row_reprocess:
  if (!in_scope(el::Tr, Scope::kTable)) {
    error();
    return true;
  }
  clear_stack_back_to(kTableRowContext);
  pop();
  mode_ = Mode::kInTableBody;
  return false;
}

}  // namespace gazette::html5::detail
