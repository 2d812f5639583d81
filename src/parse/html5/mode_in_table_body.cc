// 13.2.6.4.13 The "in table body" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_table_body(Tk& t) {
  if (t.type == TokenType::kStartTag) {
    switch (t.id) {
      case el::Tr:
        clear_stack_back_to(kTableBodyContext);
        insert_element(t);
        mode_ = Mode::kInRow;
        return true;
      case el::Th: case el::Td:
        error();
        clear_stack_back_to(kTableBodyContext);
        insert_html(el::Tr, "tr");
        mode_ = Mode::kInRow;
        return false;
      case el::Caption: case el::Col: case el::Colgroup: case el::Tbody: case el::Tfoot:
      case el::Thead:
        goto close_section;
      default:
        break;
    }
  } else if (t.type == TokenType::kEndTag) {
    switch (t.id) {
      case el::Tbody: case el::Tfoot: case el::Thead:
        if (!in_scope(t.id, Scope::kTable)) {
          error();
          return true;
        }
        clear_stack_back_to(kTableBodyContext);
        pop();
        mode_ = Mode::kInTable;
        return true;
      case el::Table:
        goto close_section;
      case el::Body: case el::Caption: case el::Col: case el::Colgroup: case el::Html:
      case el::Td: case el::Th: case el::Tr:
        error();
        return true;
      default:
        break;
    }
  }
  // Anything else: as in table.
  return in_table(t);

close_section:
  // If no tbody, thead or tfoot in table scope, parse error, ignore (fragment case); else clear
  // the stack back to a table body context, pop, switch to "in table", reprocess.
  if (!in_scope(el::Tbody, Scope::kTable) && !in_scope(el::Thead, Scope::kTable) &&
      !in_scope(el::Tfoot, Scope::kTable)) {
    error();
    return true;
  }
  clear_stack_back_to(kTableBodyContext);
  pop();
  mode_ = Mode::kInTable;
  return false;
}

}  // namespace gazette::html5::detail
