// 13.2.6.4.3 The "before head" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::before_head(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters: {
      size_t n = leading_ws(t.data);
      if (n == t.data.size()) return true;  // whitespace: ignore
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
      if (t.id == el::Head) {
        head_ = insert_element(t);
        mode_ = Mode::kInHead;
        return true;
      }
      break;
    case TokenType::kEndTag:
      if (t.id != el::Head && t.id != el::Body && t.id != el::Html && t.id != el::Br) {
        error();
        return true;
      }
      break;
    default:
      break;
  }
  // Anything else: insert a head element for a "head" start tag with no attributes; reprocess.
  head_ = insert_html(el::Head, "head");
  mode_ = Mode::kInHead;
  return false;
}

}  // namespace gazette::html5::detail
