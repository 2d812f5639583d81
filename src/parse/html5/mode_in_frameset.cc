// 13.2.6.4.20 The "in frameset" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

// Inserts the whitespace characters of `data` (the others are parse errors, ignored).
static std::string_view only_whitespace(std::string_view data, std::string& buf) {
  buf.clear();
  for (char c : data)
    if (is_ws(c)) buf.push_back(c);
  return buf;
}

bool TreeBuilder::in_frameset(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters: {
      std::string buf;
      std::string_view ws = only_whitespace(t.data, buf);
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
      switch (t.id) {
        case el::Html:
          return in_body(t);
        case el::Frameset:
          insert_element(t);
          return true;
        case el::Frame:
          insert_element(t, dom::Namespace::kHtml, true);
          pop();
          return true;
        case el::Noframes:
          return in_head(t);
        default:
          error();
          return true;
      }
    case TokenType::kEndTag:
      if (t.id == el::Frameset) {
        if (stack_.size() == 1) {  // the current node is the root html element
          error();
          return true;
        }
        pop();
        if (!fragment_ && !current_is(el::Frameset)) mode_ = Mode::kAfterFrameset;
        return true;
      }
      error();
      return true;
    case TokenType::kEndOfFile:
      if (stack_.size() != 1) error();
      done_ = true;
      return true;
  }
  return true;
}

}  // namespace gazette::html5::detail
