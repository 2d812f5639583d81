// Datelines: the place and agency that open a news story.
//
//   "PARIS (AFP) - ..."                      place "Paris",      agency "AFP"
//   "WASHINGTON (Reuters) — ..."             place "Washington", agency "Reuters"
//   "BERLIN, 3. März (dpa) - ..."            place "Berlin",     agency "dpa"
//   "LONDRES, 12 juin (Reuters) - ..."       place "Londres",    agency "Reuters"
//   "MOSCOW, June 12 (Reuters) - ..."        place "Moscow",     agency "Reuters"
//   "KYIV, Ukraine (AP) — ..."               place "Kyiv, Ukraine", agency "AP"
//   "(AP) — ..."                             place "",           agency "AP"
//   "WASHINGTON — ..."                       place "Washington", agency ""
//   "Paris / La Gazette" (a line alone)      place "Paris",      agency "La Gazette"
//
// Places written in capitals are given in their usual case ("NEW YORK" -> "New York",
// "RIO DE JANEIRO" -> "Rio de Janeiro"); the date inside a dateline is not part of the place.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/gazette.h"

namespace gazette::metadata {

// Recognises a dateline at the start of `paragraph`. On success `*consumed` (when not null) is
// the number of bytes it takes, separator and following spaces included, so that
// paragraph.substr(*consumed) is where the story's text starts; it equals paragraph.size() when
// the paragraph is only a dateline (a line of its own).
std::optional<Dateline> parse_dateline(std::string_view paragraph, size_t* consumed);

// Applies the dateline rule to the first paragraph of a page's body: a dateline on its own line
// is removed from the body, one that opens the first sentence stays in it. The "Place / Source"
// line form is not taken from pages (there it is most often a photo credit). Returns the
// dateline found, if any, and (when `written` is not null) stores it as the text writes it.
std::optional<Dateline> take_dateline(std::vector<Block>& blocks, std::string* written = nullptr);

// The dateline as the paragraph writes it, without the separator that ends it: the first
// `consumed` bytes (parse_dateline's) less trailing dashes, colons and spaces.
std::string written_dateline(std::string_view paragraph, size_t consumed);

}  // namespace gazette::metadata
