// 13.2.6.4.5 The "in head noscript" insertion mode (scripting flag off).
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_head_noscript(Tk& t) {
  switch (t.type) {
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kCharacters: {
      size_t n = leading_ws(t.data);
      if (n) {
        Tk ws = t;
        ws.data = t.data.substr(0, n);
        in_head(ws);  // whitespace: as in head
      }
      if (n == t.data.size()) return true;
      t.data.remove_prefix(n);
      break;
    }
    case TokenType::kComment:
      return in_head(t);
    case TokenType::kStartTag:
      switch (t.id) {
        case el::Html:
          return in_body(t);
        case el::Basefont: case el::Bgsound: case el::Link: case el::Meta:
        case el::Noframes: case el::Style:
          return in_head(t);
        case el::Head: case el::Noscript:
          error();
          return true;
        default:
          break;
      }
      break;
    case TokenType::kEndTag:
      if (t.id == el::Noscript) {
        pop();
        mode_ = Mode::kInHead;
        return true;
      }
      if (t.id != el::Br) {
        error();
        return true;
      }
      break;
    default:
      break;
  }
  // Anything else: parse error; pop the noscript; reprocess in "in head".
  error();
  pop();
  mode_ = Mode::kInHead;
  return false;
}

}  // namespace gazette::html5::detail
