// 13.2.6.4.19 The "after body" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::after_body(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters: {
      size_t n = leading_ws(t.data);
      if (n) {
        Tk ws = t;
        ws.data = t.data.substr(0, n);
        in_body(ws);  // whitespace: as in body
      }
      if (n == t.data.size()) return true;
      t.data.remove_prefix(n);
      break;
    }
    case TokenType::kComment:
      // As the last child of the first element in the stack (the html element).
      insert_comment_at({stack_[0].node, nullptr}, t.data);
      return true;
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kStartTag:
      if (t.id == el::Html) return in_body(t);
      break;
    case TokenType::kEndTag:
      if (t.id == el::Html) {
        if (fragment_) {
          error();
          return true;
        }
        mode_ = Mode::kAfterAfterBody;
        return true;
      }
      break;
    case TokenType::kEndOfFile:
      done_ = true;
      return true;
  }
  // Anything else: parse error; switch to "in body"; reprocess.
  error();
  mode_ = Mode::kInBody;
  return false;
}

}  // namespace gazette::html5::detail
