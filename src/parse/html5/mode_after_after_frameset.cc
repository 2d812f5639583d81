// 13.2.6.4.23 The "after after frameset" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::after_after_frameset(Tk& t) {
  switch (t.type) {
    case TokenType::kComment:
      insert_comment_at({doc_->root(), nullptr}, t.data);
      return true;
    case TokenType::kDoctype:
      return in_body(t);
    case TokenType::kCharacters: {
      // Whitespace: as in body; anything else: parse error, ignore.
      std::string ws;
      for (char c : t.data)
        if (is_ws(c)) ws.push_back(c);
      if (ws.size() != t.data.size()) error();
      if (!ws.empty()) {
        Tk w = t;
        w.data = ws;
        in_body(w);
      }
      return true;
    }
    case TokenType::kStartTag:
      if (t.id == el::Html) return in_body(t);
      if (t.id == el::Noframes) return in_head(t);
      error();
      return true;
    case TokenType::kEndOfFile:
      done_ = true;
      return true;
    default:
      error();
      return true;
  }
}

}  // namespace gazette::html5::detail
