// 13.2.6.4.8 The "text" insertion mode (contents of script, style, title, textarea, ...).
#include "parse/html5/builder.h"

namespace gazette::html5::detail {

bool TreeBuilder::text(Tk& t) {
  switch (t.type) {
    case TokenType::kCharacters:
      insert_characters(t.data);
      return true;
    case TokenType::kEndOfFile:
      // Parse error; (a script is marked "already started"); pop; back to the original mode;
      // reprocess.
      error();
      pop();
      mode_ = original_mode_;
      return false;
    case TokenType::kEndTag:
      // </script> (the scripting flag is off: nothing runs) and any other end tag.
      pop();
      mode_ = original_mode_;
      return true;
    default:
      return true;  // cannot happen: the tokenizer emits only text and an end tag here
  }
}

}  // namespace gazette::html5::detail
