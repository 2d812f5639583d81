// 13.2.6.4.6 The "after head" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::after_head(Tk& t) {
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
      switch (t.id) {
        case el::Html:
          return in_body(t);
        case el::Body:
          insert_element(t);
          frameset_ok_ = false;
          mode_ = Mode::kInBody;
          return true;
        case el::Frameset:
          insert_element(t);
          mode_ = Mode::kInFrameset;
          return true;
        case el::Base: case el::Basefont: case el::Bgsound: case el::Link: case el::Meta:
        case el::Noframes: case el::Script: case el::Style: case el::Template: case el::Title: {
          // Parse error; push the head element, process in head, remove it from the stack.
          error();
          if (!head_) return in_head(t);
          push(head_, el::Head, dom::Namespace::kHtml);
          bool r = in_head(t);
          if (in_stack(head_)) remove_from_stack(stack_index(head_));
          return r;
        }
        case el::Head:
          error();
          return true;
        default:
          break;
      }
      break;
    case TokenType::kEndTag:
      if (t.id == el::Template) return in_head(t);
      if (t.id != el::Body && t.id != el::Html && t.id != el::Br) {
        error();
        return true;
      }
      break;
    default:
      break;
  }
  // Anything else: insert a body element for a "body" start tag with no attributes; reprocess.
  insert_html(el::Body, "body");
  mode_ = Mode::kInBody;
  return false;
}

}  // namespace gazette::html5::detail
