// Streamed server rendering put back in place, as the page's own script would.
//
// React's streaming renderer (Next.js app router, Remix, ...) sends the page's shell first, with
// a <template> where a part is not ready, and each part later at the end of <body> in a hidden
// <div>, followed by a small script that moves it into place:
//
//   <!--$?--><template id="B:0"></template><p>Loading...</p><!--/$-->   a boundary, its fallback
//   <template id="P:1"></template>                                      a segment's placeholder
//   ...
//   <div hidden id="S:0"><p>The article...</p></div><script>$RC("B:0","S:0")</script>
//   <div hidden id="S:1">...</div><script>$RS("S:1","P:1")</script>
//
// Without scripts the parts stay hidden at the end of the page, away from the headline, and
// extraction skips hidden elements. This does what $RC and $RS do (react-dom's
// ReactDOMFizzInstructionSetInlineCodeStrings): the children of each S:<id> div move to where
// the template B:<id> or P:<id> is, a boundary's fallback (from its template to the matching
// <!--/$-->) is removed, and the div and the template go. It does not need the scripts: the ids
// pair the parts (crawls and saved pages often drop the scripts, and the ids are all that is
// left).
#pragma once

#include <cstddef>
#include <string_view>

#include "parse/dom.h"

namespace gazette::parse {

// True when `html` may hold streamed parts (an id="S:... attribute): a cheap test on the input
// before the tree walk of inline_streamed_parts.
bool may_have_streamed_parts(std::string_view html);

// Moves every streamed part of `doc` into its place; returns the number moved. A part without
// its template stays where it is (hidden); nothing else changes.
size_t inline_streamed_parts(dom::Document& doc);

}  // namespace gazette::parse
