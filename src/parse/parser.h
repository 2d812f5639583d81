// The narrow interface between Gazette and an HTML parser backend.
//
// A backend turns a UTF-8 byte string into a dom::Document. It never fails: HTML has a parse for
// every input, and the standard's error recovery decides it. Backends differ only in speed; the
// trees they build are compared by the differential test.
#pragma once

#include <string_view>

#include "parse/dom.h"
#include "parse/html5/tree_builder.h"

namespace gazette::parse {

enum class Backend {
  kGazette,  // Gazette's own HTML5 parser (src/parse/html5): the default
  kGumbo,    // Google's gumbo 0.10.1 (Debian libgumbo-dev): HTML5 as of 2016, the reference of
             // the differential test
};

// Parses `utf8` (must be valid UTF-8: the decoder's output) into `doc`, which is cleared first.
// With `borrow_input` the tree may keep views into `utf8` instead of copies (the Gazette
// backend does; gumbo's tree is always copied): `utf8` must then stay alive and unchanged for
// as long as `doc` is used, until doc.clear() or the next parse into it.
// `limits` (node count, deadline) apply to the Gazette backend; the result says whether one
// stopped the parse (gumbo always parses everything).
html5::ParseStop parse_html(std::string_view utf8, dom::Document& doc,
                            Backend backend = Backend::kGazette, bool borrow_input = false,
                            const html5::ParseLimits& limits = {});

// The gumbo backend alone (gumbo_backend.cc).
void parse_with_gumbo(std::string_view utf8, dom::Document& doc);

}  // namespace gazette::parse
