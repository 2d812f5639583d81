// Sentence case for headlines written in capitals, with proper nouns kept.
//
//   "LES ÉTATS-UNIS METTENT EN GARDE LA CORÉE DU NORD CONTRE LA VENTE D'ARMES À LA RUSSIE"
//   -> "Les États-Unis mettent en garde la Corée du Nord contre la vente d'armes à la Russie"
//
// Which words are proper nouns comes from the system's word lists, never from a list in the
// code: a word that the dictionaries of the language list only capitalised ("Russie",
// "États-Unis", "OTAN") keeps that form; a word they list in lowercase is lowercased; a word
// they do not know at all (most often a name: "Kirby", "Shoïgou") keeps its initial capital.
// A word after a proper noun and a linking word ("Corée du Nord", "Rhénanie-du-Nord") is
// capitalised when the dictionary has that linking word and that word capitalised inside a
// hyphenated proper noun ("Côtes-du-Nord").
//
// Word lists read (the first that exist, per language), from Debian packages:
//   fr  /usr/share/hunspell/fr.dic (hunspell-fr-*), /usr/share/dict/french (wfrench)
//   en  /usr/share/dict/american-english (wamerican), british-english (wbritish),
//       /usr/share/hunspell/en_US.dic (hunspell-en-us)
//   de  /usr/share/dict/ngerman (wngerman), /usr/share/hunspell/de_DE.dic
//   es  /usr/share/dict/spanish (wspanish), /usr/share/hunspell/es_ES.dic
//   it  /usr/share/dict/italian (witalian), /usr/share/hunspell/it_IT.dic
//   pt  /usr/share/dict/portuguese (wportuguese), /usr/share/hunspell/pt_PT.dic, pt_BR.dic
//   nl  /usr/share/dict/dutch (wdutch), /usr/share/hunspell/nl.dic
//   pl  /usr/share/dict/polish (wpolish), /usr/share/hunspell/pl_PL.dic
// The directory can be moved with the GAZETTE_DICT_ROOT environment variable (a prefix put in
// front of "/usr/share"), which the tests use to run on their own small lists.
#pragma once

#include <string>
#include <string_view>

namespace gazette::metadata {

// True when the text has at least two words of letters and no lowercase letter.
bool is_all_capitals(std::string_view text);

// The sentence-case form of an all-capitals headline in `language` (ISO 639-1, "fr"); "" when
// the text is not in capitals or no word list for the language is installed (nothing is then
// guessed).
std::string sentence_case(std::string_view headline, std::string_view language);

}  // namespace gazette::metadata
