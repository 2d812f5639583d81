// 13.2.6.4.2 The "before html" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::before_html(Tk& t) {
  switch (t.type) {
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kComment:
      insert_comment_at({doc_->root(), nullptr}, t.data);
      return true;
    case TokenType::kCharacters: {
      size_t n = leading_ws(t.data);
      if (n == t.data.size()) return true;  // whitespace: ignore
      t.data.remove_prefix(n);
      break;
    }
    case TokenType::kStartTag:
      if (t.id == el::Html) {
        // Create an element for the token, append it to the Document, push it.
        dom::Node* html = create_element(t, dom::Namespace::kHtml);
        dom::Document::append_child(doc_->root(), html);
        push(html, el::Html, dom::Namespace::kHtml);
        mode_ = Mode::kBeforeHead;
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
  // Anything else: an html element, appended to the Document; reprocess.
  dom::Node* html = doc_->create_element(dom::Tag::Html, {});
  dom::Document::append_child(doc_->root(), html);
  push(html, el::Html, dom::Namespace::kHtml);
  mode_ = Mode::kBeforeHead;
  return false;
}

}  // namespace gazette::html5::detail
