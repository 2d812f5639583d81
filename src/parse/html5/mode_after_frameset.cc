// 13.2.6.4.21 The "after frameset" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::after_frameset(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters: {
      std::string ws;
      for (char c : t.data)
        if (is_ws(c)) ws.push_back(c);
      if (ws.size() != t.data.size()) error();
      if (!ws.empty()) insert_characters(ws);
      return true;
    }
    case TokenType::kComment:
      insert_comment(t.data);
      return true;
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kStartTag:
      if (t.id == el::Html) return in_body(t);
      if (t.id == el::Noframes) return in_head(t);
      error();
      return true;
    case TokenType::kEndTag:
      if (t.id == el::Html) {
        mode_ = Mode::kAfterAfterFrameset;
        return true;
      }
      error();
      return true;
    case TokenType::kEndOfFile:
      done_ = true;
      return true;
  }
  return true;
}

}  // namespace gazette::html5::detail
