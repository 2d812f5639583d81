// Fuzz target, differential: our HTML5 parser against gumbo 0.10.1 (the reference backend).
//
// Both backends parse the input (made valid UTF-8, as the decoder gives it). Always checked:
//  * neither crashes, and both trees are well formed (dom_check.h; ours strictly);
// and the trees are compared with tools/parser_diff.cc itself (included below, its main renamed),
// so the fuzzer and `make`'s parser_diff_fixtures test share one set of normalisations and one
// classification of the known difference classes (docs/parser.md: gumbo bugs, the 2025
// customizable <select>, control characters gumbo replaces by U+FFFD).
//
// An "unexplained" difference is not an error by default: gumbo implements the HTML Standard of
// 2016 and has bugs parser_diff does not classify yet, so random markup yields some on most runs
// (see docs/robustness.md for the rate). With GAZETTE_FUZZ_DIFF_STRICT=1 in the environment the
// target aborts on one, printing the path of the first differing node, which is how a new class
// is found and documented; the count is printed at exit in both modes.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "dom_check.h"
#include "fuzz.h"
#include "parse/parser.h"

#define main gazette_parser_diff_main
#include "../tools/parser_diff.cc"
#undef main

namespace gazette_fuzz::parser_diff {

struct Counts {
  size_t runs = 0, identical = 0, explained = 0, unexplained = 0;
  ~Counts() {
    if (runs)
      std::fprintf(stderr,
                   "parser_diff_fuzzer: %zu inputs: %zu identical trees, %zu with known "
                   "differences only, %zu with unexplained differences\n",
                   runs, identical, explained, unexplained);
  }
};

bool strict() {
  static const bool on = [] {
    const char* v = std::getenv("GAZETTE_FUZZ_DIFF_STRICT");
    return v && *v && *v != '0';
  }();
  return on;
}

}  // namespace gazette_fuzz::parser_diff

GAZETTE_FUZZ_TARGET(parser_diff) {
  using namespace gazette_fuzz;
  using namespace gazette_fuzz::parser_diff;
  static Counts counts;
  Input input(data, size);
  std::string html = valid_utf8(input.bytes());

  gazette::dom::Document ours, theirs;
  gazette::parse::parse_html(html, ours, gazette::parse::Backend::kGazette);
  gazette::parse::parse_html(html, theirs, gazette::parse::Backend::kGumbo);
  check_tree(ours, Strictness::kOurParser);
  check_tree(theirs, Strictness::kStructure);

  Comparer cmp(false);
  cmp.compare(ours.root(), theirs.root(), "", 0);
  ++counts.runs;
  bool unexplained = false;
  for (const auto& [cls, path] : cmp.found)
    if (cls == kUnexplained) {
      unexplained = true;
      GAZETTE_FUZZ_CHECK_MSG(!strict(), "unexplained difference at " + path);
    }
  if (cmp.found.empty()) ++counts.identical;
  else if (unexplained) ++counts.unexplained;
  else ++counts.explained;
  return 0;
}
