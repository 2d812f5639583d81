// 13.2.6.4.18 The "in template" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_template(Tk& t) {
  auto switch_to = [&](Mode m) {
    if (!template_modes_.empty()) template_modes_.pop_back();
    template_modes_.push_back(m);
    mode_ = m;
    return false;  // reprocess
  };
  switch (t.type) {
    case TokenType::kCharacters: case TokenType::kComment: case TokenType::kDoctype:
      return in_body(t);
    case TokenType::kStartTag:
      switch (t.id) {
        case el::Base: case el::Basefont: case el::Bgsound: case el::Link: case el::Meta:
        case el::Noframes: case el::Script: case el::Style: case el::Template: case el::Title:
          return in_head(t);
        case el::Caption: case el::Colgroup: case el::Tbody: case el::Tfoot: case el::Thead:
          return switch_to(Mode::kInTable);
        case el::Col:
          return switch_to(Mode::kInColumnGroup);
        case el::Tr:
          return switch_to(Mode::kInTableBody);
        case el::Td: case el::Th:
          return switch_to(Mode::kInRow);
        default:
          return switch_to(Mode::kInBody);
      }
    case TokenType::kEndTag:
      if (t.id == el::Template) return in_head(t);
      error();
      return true;
    case TokenType::kEndOfFile:
      // No template on the stack: stop parsing (fragment case). Otherwise parse error; pop
      // until a template has been popped; clear to the last marker; pop the template mode;
      // reset the insertion mode; reprocess.
      if (!open(el::Template)) {
        done_ = true;
        return true;
      }
      error();
      pop_until(el::Template);
      clear_formatting_to_last_marker();
      if (!template_modes_.empty()) template_modes_.pop_back();
      reset_insertion_mode();
      return false;
  }
  return true;
}

}  // namespace gazette::html5::detail
