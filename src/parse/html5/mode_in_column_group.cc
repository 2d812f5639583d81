// 13.2.6.4.12 The "in column group" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_column_group(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters: {
      size_t n = leading_ws(t.data);
      if (n) insert_characters(t.data.substr(0, n));
      if (n == t.data.size()) return true;
      t.data.remove_prefix(n);
      break;
    }
    case TokenType::kComment:
      insert_comment(t.data);
      return true;
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kStartTag:
      if (t.id == el::Html) return in_body(t);
      if (t.id == el::Col) {
        insert_element(t, dom::Namespace::kHtml, true);
        pop();
        return true;
      }
      if (t.id == el::Template) return in_head(t);
      break;
    case TokenType::kEndTag:
      if (t.id == el::Colgroup) {
        if (!current_is(el::Colgroup)) {
          error();
          return true;
        }
        pop();
        mode_ = Mode::kInTable;
        return true;
      }
      if (t.id == el::Col) {
        error();
        return true;
      }
      if (t.id == el::Template) return in_head(t);
      break;
    case TokenType::kEndOfFile:
      return in_body(t);
  }
  // Anything else: if the current node is not a colgroup, parse error, ignore; otherwise pop
  // it, switch to "in table", reprocess.
  if (!current_is(el::Colgroup)) {
    error();
    return true;
  }
  pop();
  mode_ = Mode::kInTable;
  return false;
}

}  // namespace gazette::html5::detail
