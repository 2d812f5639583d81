#include "metadata/titlecase.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
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

// What the word lists of one language say, as a compact index over the lists' own bytes.
//
// The Polish list alone is 60 MB and 4.3 million words; node-based sets of std::string took
// 7.5 s and 420 MB to build (docs/robustness.md, findings). Here every listed word is a view into
// one buffer that holds the files as read, and an open-addressing table of 8-byte slots maps a
// word's lowercase form to its entry: per distinct lowercase word, whether some list has it in
// lowercase, and the first capitalised form a list gives.
// Invariant: `slots_.size()` is a power of two and at most 70% full, so probing ends soon.
class Lexicon {
 public:
  // Adds one word-list file (plain: a word per line; hunspell .dic: "word/FLAGS", a count first).
  void add_file(const std::string& path);
  // Builds the table; no add_file after this.
  void index();

  bool empty() const { return words_ == 0; }
  // A list has `lower` in lowercase.
  bool common(std::string_view lower) const {
    const Slot* s = find(lower);
    return s && (s->flags & kCommon);
  }
  // The only form the lists give `lower` in, when they give it only capitalised ("Russie").
  std::optional<std::string_view> proper(std::string_view lower) const {
    const Slot* s = find(lower);
    if (!s || (s->flags & kCommon) || !(s->flags & kCapitalised)) return std::nullopt;
    return std::string_view(buffer_).substr(s->offset, s->length);
  }
  // "du nord" -> "Nord": a linking word inside a hyphenated proper noun, and the part after it.
  const std::string* linked(const std::string& key) const {
    auto it = linked_.find(key);
    return it == linked_.end() ? nullptr : &it->second;
  }

 private:
  static constexpr uint8_t kCommon = 1, kCapitalised = 2, kUsed = 4;
  struct Slot {
    uint32_t offset = 0;   // the stored form in buffer_: the first capitalised one, if any
    uint16_t length = 0;
    uint8_t flags = 0;
    uint8_t tag = 0;       // 8 more bits of the hash: most wrong slots fail without a compare
  };
  static uint64_t hash(std::string_view lower) { return std::hash<std::string_view>{}(lower); }
  static uint8_t tag_of(uint64_t h) { return static_cast<uint8_t>(h >> 56); }
  // The slot of `lower` (hash `h`), or the empty slot where it would go.
  size_t probe(std::string_view lower, uint64_t h) const;
  const Slot* find(std::string_view lower) const;
  void insert(std::string_view word, size_t offset, const std::string& lower, uint64_t h);
  template <typename F>
  void for_each_word(F&& f) const;

  std::string buffer_;                                  // the files, one after the other
  std::vector<std::pair<size_t, size_t>> files_;        // [begin, end) of each in buffer_
  std::vector<Slot> slots_;
  size_t words_ = 0;
  std::unordered_map<std::string, std::string> linked_;
};

// Words longer than a slot can say, or files past 4 GiB of buffer, are skipped (none in Debian's
// lists comes near either).
constexpr size_t kMaxWordBytes = UINT16_MAX;

template <typename F>
void Lexicon::for_each_word(F&& f) const {
  for (auto [begin, end] : files_) {
    bool first = true;
    for (size_t b = begin; b < end;) {
      const char* nl = static_cast<const char*>(std::memchr(buffer_.data() + b, '\n', end - b));
      size_t e = nl ? static_cast<size_t>(nl - buffer_.data()) : end;
      std::string_view line(buffer_.data() + b, e - b);
      size_t line_begin = b;
      b = e + 1;
      // Hunspell .dic: "word/FLAGS morphology", and a word count on the first line.
      for (size_t k = 0; k < line.size(); ++k) {
        if (line[k] == '/' || line[k] == '\t' || line[k] == ' ') {
          line = line.substr(0, k);
          break;
        }
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      if (first) {
        first = false;
        if (line.find_first_not_of("0123456789") == std::string_view::npos) continue;
      }
      if (line.size() > kMaxWordBytes) continue;
      f(line, line_begin);
    }
  }
}

void Lexicon::add_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0);
  if (size <= 0 || buffer_.size() + static_cast<size_t>(size) > UINT32_MAX) return;
  size_t begin = buffer_.size();
  buffer_.resize(begin + static_cast<size_t>(size));
  in.read(buffer_.data() + begin, size);
  buffer_.resize(begin + static_cast<size_t>(in.gcount()));
  files_.emplace_back(begin, buffer_.size());
}

size_t Lexicon::probe(std::string_view lower, uint64_t h) const {
  uint8_t tag = tag_of(h);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while ((slots_[i].flags & kUsed) &&
         !(slots_[i].tag == tag &&
           text::to_lower(std::string_view(buffer_).substr(slots_[i].offset, slots_[i].length)) ==
               lower))
    i = (i + 1) & mask;
  return i;
}

const Lexicon::Slot* Lexicon::find(std::string_view lower) const {
  if (slots_.empty()) return nullptr;
  const Slot& s = slots_[probe(lower, hash(lower))];
  return (s.flags & kUsed) ? &s : nullptr;
}

void Lexicon::index() {
  size_t lines = 0;
  for_each_word([&](std::string_view, size_t) { ++lines; });
  size_t capacity = 16;
  while (capacity * 7 < lines * 10) capacity *= 2;
  slots_.assign(capacity, Slot{});
  // The table is larger than the caches and a word's slot is random: each insert waits on a
  // miss. Words are hashed kAhead words before they are inserted, and their slots prefetched,
  // so that the misses overlap (in list order still: the first capitalised form wins).
  constexpr size_t kAhead = 16;
  struct Pending {
    std::string_view word;
    size_t offset = 0;
    std::string lower;
    uint64_t hash = 0;
  };
  std::array<Pending, kAhead> ring;
  size_t pending = 0;
  for_each_word([&](std::string_view word, size_t offset) {
    Pending& p = ring[pending % kAhead];
    if (pending >= kAhead) insert(p.word, p.offset, p.lower, p.hash);
    p.word = word;
    p.offset = offset;
    p.lower = text::to_lower(word);
    p.hash = hash(p.lower);
    __builtin_prefetch(&slots_[p.hash & (capacity - 1)]);
    ++pending;
  });
  for (size_t k = pending > kAhead ? pending - kAhead : 0; k < pending; ++k) {
    const Pending& p = ring[k % kAhead];
    insert(p.word, p.offset, p.lower, p.hash);
  }
}

void Lexicon::insert(std::string_view word, size_t offset, const std::string& lower, uint64_t h) {
  Slot& s = slots_[probe(lower, h)];
  if (!(s.flags & kUsed)) {
    s = Slot{static_cast<uint32_t>(offset), static_cast<uint16_t>(word.size()), kUsed,
             tag_of(h)};
    ++words_;
  }
  if (!has_capital(word)) {
    s.flags |= kCommon;
    return;
  }
  if (!(s.flags & kCapitalised)) {  // the first capitalised form a list gives is kept
    s.offset = static_cast<uint32_t>(offset);
    s.length = static_cast<uint16_t>(word.size());
    s.flags |= kCapitalised;
  }
  // "Côtes-du-Nord": a linking word followed by a capitalised part.
  if (word.find('-') == std::string_view::npos) return;
  std::vector<std::string_view> parts;
  for (size_t b = 0; b <= word.size();) {
    size_t e = word.find('-', b);
    if (e == std::string_view::npos) e = word.size();
    parts.push_back(word.substr(b, e - b));
    b = e + 1;
  }
  for (size_t k = 1; k + 1 < parts.size(); ++k) {
    if (!parts[k].empty() && !has_capital(parts[k]) && has_capital(parts[k + 1]))
      linked_.emplace(std::string(parts[k]) + " " + text::to_lower(parts[k + 1]),
                      std::string(parts[k + 1]));
  }
}

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

std::unique_ptr<Lexicon> load_lexicon(std::string_view language) {
  auto lex = std::make_unique<Lexicon>();
  auto it = list_files().find(language);
  if (it == list_files().end()) return lex;
  const char* root_env = std::getenv("GAZETTE_DICT_ROOT");
  std::string root = root_env && *root_env ? root_env : "";
  root += "/usr/share";
  for (const auto& f : it->second) lex->add_file(root + f);
  lex->index();
  return lex;
}

// Loaded once per language and kept: indexing the lists takes up to ~1 s (Polish).
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
    if (auto p = lex.proper(lower)) {
      cased = *p;
      proper = true;
    } else if (lex.common(lower)) {
      const std::string* l = prev_proper && !link.empty() ? lex.linked(link + " " + lower) : nullptr;
      if (l) {
        cased = *l;  // "Corée du Nord"
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
        if (auto p = lex.proper(lp)) cased += *p;
        else if (lex.common(lp)) cased += lp;
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
    } else if (prev_proper && link.empty() && prefix.empty() && lex.common(lower)) {
      link = lower;
    } else {
      prev_proper = false;
      link.clear();
    }
  }
  return out;
}

}  // namespace gazette::metadata
