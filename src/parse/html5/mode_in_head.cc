// 13.2.6.4.4 The "in head" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_head(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters: {
      // Whitespace: insert it.
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
        case el::Base: case el::Basefont: case el::Bgsound: case el::Link:
        case el::Meta:
          // Insert, pop at once, acknowledge the self-closing flag. (meta: no encoding change;
          // the decoder has already decided.)
          insert_element(t, dom::Namespace::kHtml, true);
          pop();
          return true;
        case el::Title:
          generic_text_element(t, Tokenizer::State::kRcdata);
          return true;
        case el::Noframes: case el::Style:
          generic_text_element(t, Tokenizer::State::kRawtext);
          return true;
        case el::Noscript:
          // Scripting flag off.
          insert_element(t);
          mode_ = Mode::kInHeadNoscript;
          return true;
        case el::Script:
          // 1-9. Insert at the appropriate place, switch the tokenizer to script data.
          generic_text_element(t, Tokenizer::State::kScriptData);
          return true;
        case el::Template:
          insert_element(t);
          insert_marker();
          frameset_ok_ = false;
          mode_ = Mode::kInTemplate;
          template_modes_.push_back(Mode::kInTemplate);
          return true;
        case el::Head:
          error();
          return true;
        default:
          break;
      }
      break;
    case TokenType::kEndTag:
      switch (t.id) {
        case el::Head:
          pop();  // the head element
          mode_ = Mode::kAfterHead;
          return true;
        case el::Body: case el::Html: case el::Br:
          break;  // anything else
        case el::Template:
          if (!open(el::Template)) {
            error();
            return true;
          }
          generate_implied_end_tags_thoroughly();
          if (!current_is(el::Template)) error();
          pop_until(el::Template);
          clear_formatting_to_last_marker();
          if (!template_modes_.empty()) template_modes_.pop_back();
          reset_insertion_mode();
          return true;
        default:
          error();
          return true;
      }
      break;
    default:
      break;
  }
  // Anything else: pop the head element, switch to "after head", reprocess.
  pop();
  mode_ = Mode::kAfterHead;
  return false;
}

}  // namespace gazette::html5::detail
