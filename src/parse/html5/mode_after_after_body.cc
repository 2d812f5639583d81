// 13.2.6.4.22 The "after after body" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::after_after_body(Tk& t) {
  switch (t.type) {
    case TokenType::kComment:
      insert_comment_at({doc_->root(), nullptr}, t.data);
      return true;
    case TokenType::kDoctype:
      return in_body(t);
    case TokenType::kCharacters: {
      size_t n = leading_ws(t.data);
      if (n) {
        Tk ws = t;
        ws.data = t.data.substr(0, n);
        in_body(ws);
      }
      if (n == t.data.size()) return true;
      t.data.remove_prefix(n);
      break;
    }
    case TokenType::kStartTag:
      if (t.id == el::Html) return in_body(t);
      break;
    case TokenType::kEndOfFile:
      done_ = true;
      return true;
    default:
      break;
  }
  // Anything else: parse error; switch to "in body"; reprocess.
  error();
  mode_ = Mode::kInBody;
  return false;
}

}  // namespace gazette::html5::detail
