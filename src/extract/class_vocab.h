// Internal to extract/class_names.cc: its vocabulary matcher (ClassVocabulary), exposed for
// tests/class_vocab_test.cc, which checks it against a plain statement of the rule.
//
//   for (const vocab::Word& w : vocab::words()) ...   // every word once, with its bits
//   uint32_t bits = vocab::match("article__body");    // what ClassVocabulary::match returns
//
// The rule: match(t) is the union, over every word that occurs in t (anywhere, as a substring),
// of its in_bits, and of its token_bits when that occurrence is bounded on both sides by a byte
// outside a-z and 0-9 or by an end of t ("ad" as a token: "top-ad", "ad_slot", not "header").
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gazette::extract::vocab {

struct Word {
  std::string_view word;  // lowercase: 'a' to 'z' and '-'
  uint32_t in_bits = 0;     // when the word occurs anywhere
  uint32_t token_bits = 0;  // when an occurrence is bounded
};

// The vocabulary of class and id tokens, each word once.
const std::vector<Word>& words();

// The bits of the words found in `t` (a lowercase token: class_names.cc lowercases ASCII
// before matching; any byte may occur).
uint32_t match(std::string_view t);

}  // namespace gazette::extract::vocab
