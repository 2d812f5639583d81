// 13.2.6.4.10 The "in table text" insertion mode.
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::in_table_text(Tk& t) {
  if (t.type == TokenType::kCharacters) {
    // U+0000 NULL: parse error, ignore. Any other character: append to the pending table
    // character tokens.
    if (t.data.size() == 1 && t.data[0] == '\0') {
      error();
      return true;
    }
    if (!table_text_dirty_ && leading_ws(t.data) != t.data.size()) table_text_dirty_ = true;
    table_text_.append(t.data);
    return true;
  }
  // Anything else: flush the pending characters, then reprocess in the original mode.
  if (!table_text_.empty()) {
    if (table_text_dirty_) {
      // Parse error: process them with the "anything else" entry of "in table" (foster
      // parenting).
      Tk chars;
      chars.type = TokenType::kCharacters;
      chars.data = table_text_;
      in_table_anything_else(chars);
    } else {
      insert_characters(table_text_);
    }
  }
  table_text_.clear();
  table_text_dirty_ = false;
  mode_ = original_mode_;
  return false;
}

}  // namespace gazette::html5::detail
