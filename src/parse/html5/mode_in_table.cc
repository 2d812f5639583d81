// 13.2.6.4.9 The "in table" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

// "Anything else": parse error; process in "in body" with foster parenting enabled.
bool TreeBuilder::in_table_anything_else(Tk& t) {
  error();
  foster_parenting_ = true;
  bool r = in_body(t);
  foster_parenting_ = false;
  return r;
}

bool TreeBuilder::in_table(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters:
      // In table, tbody, template, tfoot, thead or tr: collect the characters in "in table
      // text".
      if (has_prop(current_open(), kFosterTarget) || current_is(el::Template)) {
        table_text_.clear();
        table_text_dirty_ = false;
        original_mode_ = mode_;
        mode_ = Mode::kInTableText;
        return false;
      }
      return in_table_anything_else(t);
    case TokenType::kComment:
      insert_comment(t.data);
      return true;
    case TokenType::kDoctype:
      error();
      return true;
    case TokenType::kEndOfFile:
      return in_body(t);
    case TokenType::kStartTag:
      switch (t.id) {
        case el::Caption:
          clear_stack_back_to(kTableContext);
          insert_marker();
          insert_element(t);
          mode_ = Mode::kInCaption;
          return true;
        case el::Colgroup:
          clear_stack_back_to(kTableContext);
          insert_element(t);
          mode_ = Mode::kInColumnGroup;
          return true;
        case el::Col:
          clear_stack_back_to(kTableContext);
          insert_html(el::Colgroup, "colgroup");
          mode_ = Mode::kInColumnGroup;
          return false;
        case el::Tbody: case el::Tfoot: case el::Thead:
          clear_stack_back_to(kTableContext);
          insert_element(t);
          mode_ = Mode::kInTableBody;
          return true;
        case el::Td: case el::Th: case el::Tr:
          clear_stack_back_to(kTableContext);
          insert_html(el::Tbody, "tbody");
          mode_ = Mode::kInTableBody;
          return false;
        case el::Table:
          error();
          if (!in_scope(el::Table, Scope::kTable)) return true;
          pop_until(el::Table);
          reset_insertion_mode();
          return false;
        case el::Style: case el::Script: case el::Template:
          return in_head(t);
        case el::Input: {
          bool hidden = false;
          for (const dom::Attribute& a : t.attributes)
            if (a.name == "type") hidden = equals_ascii_ci(a.value, "hidden");
          if (!hidden) return in_table_anything_else(t);
          error();
          insert_element(t, dom::Namespace::kHtml, true);
          pop();
          return true;
        }
        case el::Form:
          error();
          if (open(el::Template) || form_) return true;
          form_ = insert_element(t, dom::Namespace::kHtml, true);
          pop();
          return true;
        default:
          return in_table_anything_else(t);
      }
    case TokenType::kEndTag:
      switch (t.id) {
        case el::Table:
          if (!in_scope(el::Table, Scope::kTable)) {
            error();
            return true;
          }
          pop_until(el::Table);
          reset_insertion_mode();
          return true;
        case el::Body: case el::Caption: case el::Col: case el::Colgroup: case el::Html:
        case el::Tbody: case el::Td: case el::Tfoot: case el::Th: case el::Thead: case el::Tr:
          error();
          return true;
        case el::Template:
          return in_head(t);
        default:
          return in_table_anything_else(t);
      }
  }
  return true;
}

}  // namespace gazette::html5::detail
