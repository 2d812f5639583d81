#include "metadata/titlecase.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "metadata/text.h"

namespace gazette::metadata {
namespace {

bool has_capital(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = text::cp_len(static_cast<unsigned char>(s[i]));
    if (text::capital_at(s, i, len)) return true;
    i += len;
  }
  return false;
}

// The word with its first letter as in `capital_source` (the all-capitals original) and the
// rest as in `lower`: "Kirby" from "KIRBY".
std::string initial_capital(std::string_view capital_source, std::string_view lower) {
  if (capital_source.empty()) return std::string(lower);
  size_t a = text::cp_len(static_cast<unsigned char>(capital_source[0]));
  size_t b = lower.empty() ? 0 : text::cp_len(static_cast<unsigned char>(lower[0]));
  return std::string(capital_source.substr(0, a)) + std::string(lower.substr(b));
}

// What the word lists of one language say.
struct Lexicon {
  std::unordered_set<std::string> common;                 // lowercase words
  std::unordered_map<std::string, std::string> proper;    // lowercase -> only listed form
  std::unordered_map<std::string, std::string> linked;    // "du nord" -> "Nord"
  bool empty() const { return common.empty() && proper.empty(); }
};

// Word-list files per language, relative to the data root ("/usr/share").
const std::map<std::string, std::vector<std::string>, std::less<>>& list_files() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kFiles = {
      {"fr", {"/hunspell/fr.dic", "/hunspell/fr_FR.dic", "/dict/french"}},
      {"en", {"/dict/american-english", "/dict/british-english", "/hunspell/en_US.dic"}},
      {"de", {"/dict/ngerman", "/dict/ogerman", "/hunspell/de_DE.dic"}},
      {"es", {"/dict/spanish", "/hunspell/es_ES.dic", "/hunspell/es.dic"}},
      {"it", {"/dict/italian", "/hunspell/it_IT.dic"}},
      {"pt", {"/dict/portuguese", "/dict/brazilian", "/hunspell/pt_PT.dic",
              "/hunspell/pt_BR.dic"}},
      {"nl", {"/dict/dutch", "/hunspell/nl.dic", "/hunspell/nl_NL.dic"}},
      {"pl", {"/dict/polish", "/hunspell/pl_PL.dic"}},
  };
  return kFiles;
}

void read_list(const std::string& path, std::unordered_set<std::string>& common,
               std::unordered_map<std::string, std::string>& capitalised,
               std::unordered_map<std::string, std::string>& linked) {
  std::ifstream in(path);
  if (!in) return;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    // Hunspell .dic: "word/FLAGS morphology", and a word count on the first line.
    size_t cut = line.find_first_of("/\t ");
    if (cut != std::string::npos) line.resize(cut);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (first) {
      first = false;
      if (line.find_first_not_of("0123456789") == std::string::npos) continue;
    }
    std::string lower = text::to_lower(line);
    if (!has_capital(line)) {
      common.insert(std::move(lower));
      continue;
    }
    capitalised.emplace(lower, line);
    // "Côtes-du-Nord": a linking word followed by a capitalised part.
    if (line.find('-') == std::string::npos) continue;
    std::vector<std::string_view> parts;
    std::string_view l(line);
    for (size_t b = 0; b <= l.size();) {
      size_t e = l.find('-', b);
      if (e == std::string_view::npos) e = l.size();
      parts.push_back(l.substr(b, e - b));
      b = e + 1;
    }
    for (size_t k = 1; k + 1 < parts.size(); ++k) {
      if (!parts[k].empty() && !has_capital(parts[k]) && has_capital(parts[k + 1]))
        linked.emplace(std::string(parts[k]) + " " + text::to_lower(parts[k + 1]),
                       std::string(parts[k + 1]));
    }
  }
}

std::unique_ptr<Lexicon> load_lexicon(std::string_view language) {
  auto lex = std::make_unique<Lexicon>();
  auto it = list_files().find(language);
  if (it == list_files().end()) return lex;
  const char* root_env = std::getenv("GAZETTE_DICT_ROOT");
  std::string root = root_env && *root_env ? root_env : "";
  root += "/usr/share";
  std::unordered_map<std::string, std::string> capitalised;
  for (const auto& f : it->second) read_list(root + f, lex->common, capitalised, lex->linked);
  for (auto& [lower, form] : capitalised)
    if (!lex->common.count(lower)) lex->proper.emplace(lower, std::move(form));
  return lex;
}

// Loaded once per language and kept: the lists take ~0.2 s to read.
const Lexicon& lexicon(std::string_view language) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Lexicon>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(language);
  if (it == cache.end()) it = cache.emplace(std::string(language), load_lexicon(language)).first;
  return *it->second;
}

// Elided articles and prepositions glued to the next word: "D'ARMES", "L'UKRAINE",
// "QU'IL", "DELL'ITALIA", "ALL'ONU".
constexpr std::string_view kElisions[] = {"jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "d",
                                          "l", "j", "n", "s", "c", "m", "t", "dell", "dall",
                                          "nell", "sull", "all", "coll", "un", "quell"};

bool is_letter_or_digit_at(std::string_view s, size_t i, size_t len) {
  uint32_t cp = text::cp_value(s, i, len);
  return (cp >= '0' && cp <= '9') || text::capital_at(s, i, len) || text::lowercase_at(s, i, len) ||
         cp >= 0x370;
}

}  // namespace

bool is_all_capitals(std::string_view s) {
  size_t capitals = 0, words = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = text::cp_len(static_cast<unsigned char>(s[i]));
    if (text::lowercase_at(s, i, len)) return false;
    bool cap = text::capital_at(s, i, len);
    if (cap) ++capitals;
    if (cap && !in_word) ++words;
    in_word = cap || (in_word && s[i] != ' ');
    i += len;
  }
  return words >= 2 && capitals >= 4;
}

std::string sentence_case(std::string_view headline, std::string_view language) {
  if (!is_all_capitals(headline)) return "";
  const Lexicon& lex = lexicon(language);
  if (lex.empty()) return "";

  std::string out;
  bool first_word = true;
  bool prev_proper = false;       // the previous word is a proper noun
  std::string link;               // a linking word right after a proper noun ("du")
  for (size_t i = 0; i < headline.size();) {
    size_t len = text::cp_len(static_cast<unsigned char>(headline[i]));
    if (!is_letter_or_digit_at(headline, i, len)) {
      out.append(headline.substr(i, len));
      i += len;
      continue;
    }
    // A word: letters, digits, inner hyphens and apostrophes.
    size_t e = i;
    while (e < headline.size()) {
      size_t l = text::cp_len(static_cast<unsigned char>(headline[e]));
      if (is_letter_or_digit_at(headline, e, l)) {
        e += l;
        continue;
      }
      std::string_view sep = headline.substr(e, l);
      size_t next = e + l;
      if ((sep == "-" || sep == "'" || sep == "’") && next < headline.size() &&
          is_letter_or_digit_at(headline, next, text::cp_len(static_cast<unsigned char>(headline[next])))) {
        e = next;
        continue;
      }
      break;
    }
    std::string_view word = headline.substr(i, e - i);
    i = e;

    // Split off an elided article: "D'ARMES" -> "d'" + "ARMES".
    std::string prefix;
    for (auto el : kElisions) {
      std::string lw = text::to_lower(word.substr(0, std::min(word.size(), el.size() + 3)));
      if (lw.size() > el.size() && lw.compare(0, el.size(), el) == 0) {
        std::string_view apos = word.substr(el.size(), 1) == "'" ? word.substr(el.size(), 1)
                                : word.substr(el.size(), 3) == "’" ? word.substr(el.size(), 3)
                                                                        : std::string_view{};
        if (!apos.empty() && word.size() > el.size() + apos.size()) {
          prefix = std::string(el) + std::string(apos);
          word.remove_prefix(el.size() + apos.size());
          break;
        }
      }
    }

    std::string lower = text::to_lower(word);
    std::string cased;
    bool proper = false;
    if (auto p = lex.proper.find(lower); p != lex.proper.end()) {
      cased = p->second;
      proper = true;
    } else if (lex.common.count(lower)) {
      auto l = lex.linked.find(link + " " + lower);
      if (prev_proper && !link.empty() && l != lex.linked.end()) {
        cased = l->second;  // "Corée du Nord"
        proper = true;
      } else {
        cased = lower;
      }
    } else if (lower.find('-') != std::string::npos) {
      // A compound the lists lack: case each part on its own ("NORD-CORÉENS").
      size_t b = 0;
      while (b <= word.size()) {
        size_t h = word.find('-', b);
        if (h == std::string_view::npos) h = word.size();
        std::string_view part = word.substr(b, h - b);
        std::string lp = text::to_lower(part);
        if (auto p = lex.proper.find(lp); p != lex.proper.end()) cased += p->second;
        else if (lex.common.count(lp)) cased += lp;
        else cased += initial_capital(part, lp);
        if (h < word.size()) cased += '-';
        b = h + 1;
      }
      proper = has_capital(cased);
    } else {
      // Unknown to the lists: most often a name ("KIRBY"); numbers stay as they are.
      cased = initial_capital(word, lower);
      proper = has_capital(cased);
    }
    if (first_word) {
      if (!prefix.empty()) prefix = initial_capital(headline.substr(e - word.size() - prefix.size()), prefix);
      else cased = initial_capital(word, cased);
      first_word = false;
    }
    out += prefix;
    out += cased;

    // A linking word keeps the chain open: "Corée" + "du" + "Nord".
    if (proper) {
      prev_proper = true;
      link.clear();
    } else if (prev_proper && link.empty() && prefix.empty() && lex.common.count(lower)) {
      link = lower;
    } else {
      prev_proper = false;
      link.clear();
    }
  }
  return out;
}

}  // namespace gazette::metadata
