#include "metadata/dateline.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "metadata/date.h"
#include "metadata/text.h"

namespace gazette::metadata {
namespace {

// Bounds that keep a sentence from being read as a dateline: a place has at most this many
// words (before its comma parts), an agency at most this many words and bytes.
constexpr size_t kMaxPlaceWords = 5;
constexpr size_t kMaxAgencyWords = 6;
constexpr size_t kMaxAgencyBytes = 48;
constexpr size_t kMaxCommaParts = 2;
constexpr size_t kMaxLowercaseAgencyBytes = 4;

// Lowercase words that may sit inside a place name: "Rio de Janeiro", "Frankfurt am Main",
// "Châlons-en-Champagne", "Stratford-upon-Avon", "Saint-Pierre-et-Miquelon".
constexpr std::string_view kPlaceParticles[] = {"de", "du", "des", "del", "della", "da", "do",
                                                "dos", "das", "di", "am", "an", "der", "la",
                                                "le", "les", "el", "upon", "on", "sur", "en",
                                                "y", "of", "au", "aux", "et", "im", "bei"};

// Separators after a dateline: "-", "--", "–", "—", "―", ".-" (EFE). A colon is not one:
// "DISCLAIMER:", "TLDR:" open notes, not stories.
constexpr std::string_view kSeparators[] = {"--", ".-", "—", "–", "―", "-"};

// Parts of photo credits, which look like datelines: "Jane Doe (Getty Images)",
// "(Kevin Voigt/GettyImages)"; and "via" as a word ("Anadolu Agency via Getty Images").
constexpr std::string_view kCreditWords[] = {"photo", "foto", "image", "getty", "picture",
                                             "imago", "shutterstock", "istock", "alamy",
                                             "credit"};

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Skips ASCII spaces and U+00A0 / U+202F.
size_t skip_spaces(std::string_view s, size_t p) {
  while (p < s.size()) {
    if (is_space_byte(s[p])) {
      ++p;
    } else if (s.substr(p, 2) == "\xC2\xA0") {
      p += 2;
    } else if (s.substr(p, 3) == "\xE2\x80\xAF") {
      p += 3;
    } else {
      break;
    }
  }
  return p;
}

std::string_view trim(std::string_view s) {
  size_t b = skip_spaces(s, 0);
  size_t e = s.size();
  while (e > b && is_space_byte(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool in_particles(std::string_view w) {
  for (auto x : kPlaceParticles)
    if (x == w) return true;
  return false;
}

bool capitalised(std::string_view w) {
  return !w.empty() && text::capital_at(w, 0, text::cp_len(static_cast<unsigned char>(w[0])));
}

// Has a capital and no lowercase letter: "NEW YORK", "SAINT-ÉTIENNE".
bool all_capitals(std::string_view s) {
  bool capital = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = text::cp_len(static_cast<unsigned char>(s[i]));
    if (text::lowercase_at(s, i, len)) return false;
    if (text::capital_at(s, i, len)) capital = true;
    i += len;
  }
  return capital;
}

bool has_capital(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = text::cp_len(static_cast<unsigned char>(s[i]));
    if (text::capital_at(s, i, len)) return true;
    i += len;
  }
  return false;
}

// A word that can be part of a place: a capitalised word ("Kyiv", "D.C.", "St.", "Saint-Denis",
// "N'Djamena") or a particle.
bool place_word(std::string_view w, bool first) {
  if (w.empty()) return false;
  std::string lower = text::to_lower(w);
  if (in_particles(lower)) return true;
  if (!capitalised(w)) return false;
  // "Mittwoch, 3. März –", "June 12 -": a date, not a place (but "Rio de Janeiro" is one).
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (first && (is_weekday_name(lower) || month_number(lower))) return false;
  for (char c : w)
    if ((c >= '0' && c <= '9') || c == '(' || c == ')' || c == ',' || c == ';' || c == '"')
      return false;
  return true;
}

// "NEW YORK" -> "New York", "RIO DE JANEIRO" -> "Rio de Janeiro", "SAINT-DENIS" ->
// "Saint-Denis"; text with lowercase letters is returned as it is.
std::string usual_case(std::string_view place) {
  if (!all_capitals(place)) return std::string(place);
  std::string out;
  bool word_start = true;
  size_t word_begin = 0;
  for (size_t i = 0; i < place.size();) {
    auto c = static_cast<unsigned char>(place[i]);
    size_t len = text::cp_len(c);
    bool separator = c == ' ' || c == '-' || c == '\'' || c == '/' || c == '.';
    if (separator) {
      out += place[i];
      word_start = true;
      ++i;
      continue;
    }
    if (word_start) {
      word_begin = i;
      size_t end = i;
      while (end < place.size() && place[end] != ' ' && place[end] != '-' &&
             place[end] != '\'' && place[end] != '/')
        ++end;
      std::string lw = text::to_lower(place.substr(word_begin, end - word_begin));
      bool first_word = word_begin == 0;
      if (!first_word && in_particles(lw)) {
        out += lw;
        i = end;
        word_start = false;
        continue;
      }
      out.append(place.substr(i, len));  // the capital as written
      i += len;
      word_start = false;
      continue;
    }
    // Lowercase the rest of the word: map this code point through to_lower.
    out += text::to_lower(place.substr(i, len));
    i += len;
  }
  return out;
}

// Reads words of a place from p; stops before '(' ',' '/' or a separator. Returns the end.
size_t read_place(std::string_view s, size_t p, size_t& words) {
  words = 0;
  size_t last_end = p;
  while (p < s.size()) {
    p = skip_spaces(s, p);
    if (p >= s.size()) break;
    char c = s[p];
    if (c == '(' || c == ',' || c == '/' || c == '[') break;
    size_t e = p;
    while (e < s.size() && !is_space_byte(s[e]) && s[e] != ',' && s[e] != '(' && s[e] != '/')
      ++e;
    std::string_view w = s.substr(p, e - p);
    bool separator = false;
    for (auto sep : kSeparators)
      if (w == sep) separator = true;
    if (separator) break;
    // "MADRID.-": the word carries the separator.
    std::string_view core = w;
    bool carries = false;
    if (core.size() > 2 && core.substr(core.size() - 2) == ".-") {
      core.remove_suffix(2);
      carries = true;
    }
    if (!place_word(core, words == 0)) return words == 0 ? p : last_end == p ? p : last_end;
    ++words;
    if (words > kMaxPlaceWords) return last_end;
    last_end = p + core.size();
    p = e;
    if (carries) break;
  }
  return last_end;
}

// A comma part that is a date: "12 juin", "June 12", "3. März", "le 12 juin 2023", "Jan. 5".
bool date_part(std::string_view part) {
  bool number = false, month = false;
  size_t words = 0;
  for (auto w : text::split_ws(part)) {
    ++words;
    std::string lw = text::to_lower(w);
    while (!lw.empty() && (lw.back() == '.' || lw.back() == ',')) lw.pop_back();
    if (lw.empty()) continue;
    if (lw[0] >= '0' && lw[0] <= '9') {
      number = true;
      continue;
    }
    if (month_number(lw)) month = true;
  }
  return words <= 5 && number && month;
}

// "(AFP)" at p: returns the content and sets `end` after ')'; "" when there is none.
std::string_view read_agency(std::string_view s, size_t p, size_t& end) {
  if (p >= s.size() || (s[p] != '(' && s[p] != '[')) return {};
  char close = s[p] == '(' ? ')' : ']';
  size_t q = s.find(close, p + 1);
  if (q == std::string_view::npos || q - p - 1 > kMaxAgencyBytes) return {};
  std::string_view a = trim(s.substr(p + 1, q - p - 1));
  if (a.empty() || text::split_ws(a).size() > kMaxAgencyWords) return {};
  // An agency is a name: it starts with a letter and is not a year or a sentence.
  auto c0 = static_cast<unsigned char>(a[0]);
  if (!((c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z') || c0 >= 0xC0)) return {};
  if (a.find(". ") != std::string_view::npos || a.find(':') != std::string_view::npos) return {};
  std::string lower = text::to_lower(a);
  for (auto c : kCreditWords)
    if (lower.find(c) != std::string::npos) return {};
  for (auto w : text::split_ws(lower))
    if (w == "via") return {};
  // Lowercase words in agencies are short acronyms ("dpa", "sda", "dpa/lno") or particles ("La
  // Presse", "Agence France-Presse"); a longer lowercase word is a remark ("(experimental)",
  // "(Electronics and gadgets)"). Digits make it a date or a count.
  for (size_t b = 0; b < a.size();) {
    size_t e = a.find_first_of("/- ", b);
    if (e == std::string_view::npos) e = a.size();
    std::string_view w = a.substr(b, e - b);
    if (!w.empty() && !has_capital(w) && w.size() > kMaxLowercaseAgencyBytes &&
        !in_particles(w))
      return {};
    b = e + 1;
  }
  if (a.find_first_of("0123456789") != std::string_view::npos) return {};
  end = q + 1;
  return a;
}

// A separator at p: returns the position after it and the spaces that follow, or p.
size_t read_separator(std::string_view s, size_t p) {
  size_t q = skip_spaces(s, p);
  for (auto sep : kSeparators) {
    if (s.substr(q, sep.size()) == sep) {
      size_t after = q + sep.size();
      // "-" must stand alone ("BERLIN - Die"), not start a word ("-5 degrees").
      if (after < s.size() && !is_space_byte(s[after]) && sep != "—" && sep != "–" &&
          sep != "―" && sep != ".-" && sep != "--")
        return p;
      return skip_spaces(s, after);
    }
  }
  return p;
}

}  // namespace

std::optional<Dateline> parse_dateline(std::string_view paragraph, size_t* consumed) {
  std::string_view s = paragraph;
  size_t p = skip_spaces(s, 0);
  if (p >= s.size()) return std::nullopt;
  Dateline d;

  // "(AP) — ..."
  if (s[p] == '(') {
    size_t end = 0;
    std::string_view agency = read_agency(s, p, end);
    if (agency.empty()) return std::nullopt;
    size_t after = read_separator(s, end);
    bool whole = skip_spaces(s, end) == s.size();
    if (after == end && !whole) return std::nullopt;
    d.agency = std::string(agency);
    if (consumed) *consumed = whole ? s.size() : after;
    return d;
  }

  size_t words = 0;
  size_t place_end = read_place(s, p, words);
  if (words == 0) return std::nullopt;
  std::string_view written_place = trim(s.substr(p, place_end - p));
  std::string place = usual_case(written_place);
  size_t q = place_end;
  // "MADRID.-": the separator is glued to the place.
  bool glued_separator = false;
  if (s.substr(q, 2) == ".-") {
    q += 2;
    glued_separator = true;
  }
  bool had_date = false;
  bool region_in_capitals = false;  // a comma part written in capitals ("SELECT, TABLE")

  // "Paris / La Gazette" on a line of its own: place and source.
  size_t r = skip_spaces(s, q);
  if (!glued_separator && r < s.size() && s[r] == '/') {
    std::string_view rest = trim(s.substr(r + 1));
    size_t agency_words = text::split_ws(rest).size();
    if (rest.empty() || agency_words > kMaxAgencyWords || rest.size() > kMaxAgencyBytes ||
        rest.find_first_of(".!?:;,") != std::string_view::npos || !capitalised(rest) ||
        words > 3)
      return std::nullopt;
    d.place = place;
    d.agency = std::string(rest);
    if (consumed) *consumed = s.size();
    return d;
  }

  // ", Ukraine", ", June 12", ", 3. März", ", le 12 juin 2023"
  for (size_t parts = 0; !glued_separator && parts < kMaxCommaParts; ++parts) {
    r = skip_spaces(s, q);
    if (r >= s.size() || s[r] != ',') break;
    size_t e = r + 1;
    while (e < s.size() && s[e] != ',' && s[e] != '(' && s[e] != '\n') {
      if (read_separator(s, e) != e && (e == 0 || is_space_byte(s[e - 1]) || s[e] != '-')) break;
      ++e;
    }
    std::string_view part = trim(s.substr(r + 1, e - r - 1));
    if (part.empty()) return std::nullopt;
    if (date_part(part)) {
      had_date = true;
    } else {
      region_in_capitals = region_in_capitals || all_capitals(part);
      size_t pw = 0;
      size_t pe = read_place(part, 0, pw);
      if (pw == 0 || pw > 3 || trim(part.substr(pe)).size() != 0) return std::nullopt;
      place += ", ";
      place += usual_case(part);
    }
    q = e;
  }

  size_t agency_end = 0;
  r = skip_spaces(s, q);
  std::string_view agency = glued_separator ? std::string_view{} : read_agency(s, r, agency_end);
  if (!agency.empty()) q = agency_end;
  size_t after = glued_separator ? skip_spaces(s, q) : read_separator(s, q);
  bool separated = glued_separator || after != q;
  bool whole = skip_spaces(s, q) == s.size();

  if (agency.empty()) {
    // Without an agency only a place in capitals ("WASHINGTON —") or a place with its date
    // ("Berlin, 3. März –") followed by a separator is a dateline: a capitalised word and a
    // dash is too often a headline kicker ("Exclusive – ...").
    if (!separated || whole) return std::nullopt;
    if (!all_capitals(written_place) && !had_date)
      return std::nullopt;
    // "NAIROBI, Kenya —" names a region in usual case; "SELECT, TABLE, WITH —" is a heading.
    if (!had_date && region_in_capitals) return std::nullopt;
  } else if (!separated && !whole) {
    // "PARIS (AFP) La France..." without a dash: the story must go on with a capital.
    size_t t = skip_spaces(s, q);
    if (!capitalised(s.substr(t, 4))) return std::nullopt;
    after = t;
  }
  d.place = place;
  d.agency = std::string(agency);
  if (consumed) *consumed = whole ? s.size() : after;
  return d;
}

std::optional<Dateline> take_dateline(std::vector<Block>& blocks, std::string* written) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kind != Block::Kind::kParagraph) continue;
    const std::string& t = blocks[i].text;
    // In a page, "Name / Agency" alone on a line is most often a photo credit, not a source
    // line: only the parenthesised and dashed forms count there.
    size_t slash = t.find(" / ");
    if (slash != std::string::npos && t.find('(') > slash) return std::nullopt;
    size_t consumed = 0;
    auto d = parse_dateline(t, &consumed);
    if (!d) return std::nullopt;
    if (written) *written = written_dateline(t, consumed);
    if (consumed >= t.size()) blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i));
    return d;
  }
  return std::nullopt;
}

std::string written_dateline(std::string_view paragraph, size_t consumed) {
  std::string_view d = paragraph.substr(0, std::min(consumed, paragraph.size()));
  // Drop the separator and spaces that end it: "PARIS (AFP) - " -> "PARIS (AFP)".
  for (bool changed = true; changed && !d.empty();) {
    changed = false;
    for (std::string_view sep : {" ", "-", "—", "–", ":", ",", "|"})
      if (d.size() >= sep.size() && d.substr(d.size() - sep.size()) == sep) {
        d.remove_suffix(sep.size());
        changed = true;
      }
  }
  return std::string(d);
}

}  // namespace gazette::metadata
