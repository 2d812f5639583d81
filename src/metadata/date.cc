#include "metadata/date.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "metadata/text.h"

namespace gazette::metadata {
namespace {

// ---------------------------------------------------------------------------------------------
// Tables. To support a new language, add its month names (lowercase, as UTF-8; abbreviations
// without their trailing period) and its connector words.
// ---------------------------------------------------------------------------------------------

struct MonthName {
  std::string_view name;
  int month;
};

constexpr MonthName kMonths[] = {
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    // German (and Austrian)
    {"januar", 1}, {"jänner", 1}, {"jaenner", 1}, {"februar", 2}, {"feber", 2}, {"märz", 3},
    {"maerz", 3}, {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
    {"jän", 1}, {"mär", 3}, {"mrz", 3}, {"okt", 10}, {"dez", 12},
    // French
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"janv", 1}, {"févr", 2},
    {"fév", 2}, {"fevr", 2}, {"avr", 4}, {"juil", 7}, {"déc", 12},
    // Spanish
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
    // Italian
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
    {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12}, {"gen", 1},
    {"mag", 5}, {"giu", 6}, {"lug", 7}, {"set", 9}, {"ott", 10},
    // Portuguese
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    {"fev", 2}, {"out", 10},
    // Dutch
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8}, {"mrt", 3},
    // Polish: nominative and genitive ("16 października 2019")
    {"styczeń", 1}, {"luty", 2}, {"marzec", 3}, {"kwiecień", 4}, {"maj", 5}, {"czerwiec", 6},
    {"lipiec", 7}, {"sierpień", 8}, {"wrzesień", 9}, {"październik", 10}, {"listopad", 11},
    {"grudzień", 12}, {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4},
    {"maja", 5}, {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"września", 9},
    {"października", 10}, {"listopada", 11}, {"grudnia", 12}, {"sty", 1}, {"lut", 2},
    {"kwi", 4}, {"cze", 6}, {"lip", 7}, {"sie", 8}, {"wrz", 9}, {"paź", 10}, {"lis", 11},
    {"gru", 12},
};

// Words that may sit between the parts of a textual date: "16 de octubre de 2019",
// "the 16th of October".
constexpr std::string_view kDateFillers[] = {"de", "del", "of", "the"};

// Ordinal suffixes after a day number: 1st, 2nd, 1er, 1º, 1ª, 1e.
constexpr std::string_view kOrdinals[] = {"st", "nd", "rd", "th", "er", "re", "e", "º", "ª", "o"};

// Words between a date and its time: "at 8:30", "um 08:30", "à 16h12", "a las 10:00",
// "alle 10:00", "às 10h", "om 10:00", "o godz. 10:00", "kl. 10.00".
constexpr std::string_view kTimeConnectors[] = {"at", "um", "à", "a", "las", "la", "alle",
                                                "ore", "às", "as", "om", "o", "godz", "kl",
                                                "klo", "t"};

// Words after a time that mean nothing for the value: "08:30 Uhr", "16h", "10 hs".
constexpr std::string_view kTimeSuffixes[] = {"uhr", "h", "hs", "hrs", "horas", "heures"};

// ---------------------------------------------------------------------------------------------

struct Tok {
  enum Kind : uint8_t { kNum, kWord, kPunct } kind;
  std::string_view raw;
  std::string word;  // lowercase, for kWord
  int value = 0;     // for kNum (saturates)
  int digits = 0;    // for kNum
  size_t begin = 0, end = 0;
};

bool is_letter_cp(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
         (cp >= 0x370 && cp <= 0x52F) || cp == 0xBA || cp == 0xAA;
}

uint32_t cp_at(std::string_view s, size_t i, size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + n > s.size()) n = 1;
  len = n;
  if (n == 1) return c;
  uint32_t cp = c & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

bool is_space_cp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 ||
         cp == 0xFEFF;
}

std::vector<Tok> tokenize(std::string_view s) {
  std::vector<Tok> toks;
  size_t i = 0;
  while (i < s.size()) {
    size_t len;
    uint32_t cp = cp_at(s, i, len);
    if (is_space_cp(cp)) {
      i += len;
      continue;
    }
    Tok t;
    t.begin = i;
    if (cp >= '0' && cp <= '9') {
      t.kind = Tok::kNum;
      size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
        if (t.value < 100000000) t.value = t.value * 10 + (s[j] - '0');
        ++t.digits;
        ++j;
      }
      t.end = j;
    } else if (is_letter_cp(cp)) {
      t.kind = Tok::kWord;
      size_t j = i;
      while (j < s.size()) {
        size_t l;
        uint32_t c = cp_at(s, j, l);
        if (!is_letter_cp(c)) break;
        j += l;
      }
      t.end = j;
      t.word = text::to_lower(s.substr(i, j - i));
    } else {
      t.kind = Tok::kPunct;
      t.end = i + len;
    }
    t.raw = s.substr(t.begin, t.end - t.begin);
    i = t.end;
    toks.push_back(std::move(t));
  }
  return toks;
}

template <size_t N>
bool in(const std::string_view (&table)[N], std::string_view w) {
  for (auto x : table)
    if (x == w) return true;
  return false;
}

int month_of(const Tok& t) {
  if (t.kind != Tok::kWord) return 0;
  for (const auto& m : kMonths)
    if (m.name == t.word) return m.month;
  return 0;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool valid_ymd(int y, int m, int d, const DateOptions& o) {
  return y >= o.min_year && y <= o.max_year && m >= 1 && m <= 12 && d >= 1 &&
         d <= days_in_month(y, m);
}

class Parser {
 public:
  Parser(std::string_view s, const DateOptions& o) : s_(s), o_(o), t_(tokenize(s)) {}

  std::optional<DateMatch> run() {
    for (size_t i = 0; i < t_.size(); ++i) {
      DateMatch m;
      ParsedDate& d = m.date;
      size_t end = 0;
      if (try_numeric_ymd(i, d, end) || try_numeric_dmy(i, d, end) ||
          try_day_month_year(i, d, end) || try_month_day_year(i, d, end) ||
          try_cjk(i, d, end) || try_compact(i, d, end) || try_short_year(i, d, end)) {
        end = parse_time(end, d);
        m.begin = t_[i].begin;
        m.end = t_[end - 1].end;
        return m;
      }
    }
    return std::nullopt;
  }

 private:
  bool num(size_t i, int min_digits, int max_digits) const {
    return i < t_.size() && t_[i].kind == Tok::kNum && t_[i].digits >= min_digits &&
           t_[i].digits <= max_digits;
  }
  bool punct(size_t i, std::string_view p) const {
    return i < t_.size() && t_[i].kind == Tok::kPunct && t_[i].raw == p;
  }
  bool word(size_t i) const { return i < t_.size() && t_[i].kind == Tok::kWord; }
  bool adjacent(size_t i) const { return i > 0 && i < t_.size() && t_[i].begin == t_[i - 1].end; }
  // A number that continues a longer numeric run ("1.2.3.2019", "v2019-10-16") is not a date.
  bool glued_before(size_t i) const {
    return i > 0 && adjacent(i) &&
           (t_[i - 1].kind != Tok::kPunct ||
            (i > 1 && adjacent(i - 1) && t_[i - 2].kind == Tok::kNum &&
             (t_[i - 1].raw == "." || t_[i - 1].raw == "/" || t_[i - 1].raw == "-")));
  }
  bool glued_after(size_t next) const {
    if (next >= t_.size() || !adjacent(next)) return false;
    if (t_[next].kind == Tok::kNum) return true;
    if (t_[next].kind == Tok::kPunct && (t_[next].raw == "." || t_[next].raw == "/") &&
        next + 1 < t_.size() && adjacent(next + 1) && t_[next + 1].kind == Tok::kNum)
      return true;
    return false;
  }

  bool set(ParsedDate& d, int y, int m, int day) const {
    if (!valid_ymd(y, m, day, o_)) return false;
    d.year = y;
    d.month = m;
    d.day = day;
    return true;
  }

  // 2019-10-16, 2019/10/16, 2019.10.16
  bool try_numeric_ymd(size_t i, ParsedDate& d, size_t& end) const {
    if (!num(i, 4, 4) || glued_before(i)) return false;
    if (!(punct(i + 1, "-") || punct(i + 1, "/") || punct(i + 1, "."))) return false;
    std::string_view sep = t_[i + 1].raw;
    if (!num(i + 2, 1, 2) || !punct(i + 3, sep) || !num(i + 4, 1, 2)) return false;
    if (glued_after(i + 5) && !(i + 5 < t_.size() && t_[i + 5].kind == Tok::kWord)) return false;
    if (!set(d, t_[i].value, t_[i + 2].value, t_[i + 4].value)) return false;
    end = i + 5;
    return true;
  }

  // 16.10.2019, 16/10/2019, 10/16/2019, 16-10-2019
  bool try_numeric_dmy(size_t i, ParsedDate& d, size_t& end) const {
    if (!num(i, 1, 2) || glued_before(i)) return false;
    if (!(punct(i + 1, "-") || punct(i + 1, "/") || punct(i + 1, "."))) return false;
    std::string_view sep = t_[i + 1].raw;
    if (!num(i + 2, 1, 2) || !punct(i + 3, sep) || !num(i + 4, 4, 4)) return false;
    if (glued_after(i + 5)) return false;
    int a = t_[i].value, b = t_[i + 2].value;
    int day = a, month = b;
    if (sep != ".") {
      if (b > 12 && a <= 12) std::swap(day, month);
      else if (o_.month_first && a <= 12 && b <= 12) std::swap(day, month);
    }
    if (!set(d, t_[i + 4].value, month, day)) return false;
    end = i + 5;
    return true;
  }

  // 16.10.19 (day.month.two-digit year, dots only)
  bool try_short_year(size_t i, ParsedDate& d, size_t& end) const {
    if (!num(i, 1, 2) || glued_before(i) || !punct(i + 1, ".") || !adjacent(i + 1) ||
        !num(i + 2, 1, 2) || !adjacent(i + 2) || !punct(i + 3, ".") || !adjacent(i + 3) ||
        !num(i + 4, 2, 2) || !adjacent(i + 4))
      return false;
    if (glued_after(i + 5) || (i + 5 < t_.size() && adjacent(i + 5) && word(i + 5))) return false;
    int yy = t_[i + 4].value;
    int y = 2000 + yy <= o_.max_year ? 2000 + yy : 1900 + yy;
    if (!set(d, y, t_[i + 2].value, t_[i].value)) return false;
    end = i + 5;
    return true;
  }

  // Skips an ordinal suffix glued to the day number ("16th", "1er", "1º").
  size_t skip_ordinal(size_t j) const {
    if (word(j) && adjacent(j) && in(kOrdinals, t_[j].word)) return j + 1;
    if (j < t_.size() && t_[j].kind == Tok::kPunct && adjacent(j) &&
        (t_[j].raw == "º" || t_[j].raw == "ª"))
      return j + 1;
    return j;
  }

  // 16. Oktober 2019, 16 October 2019, 16th of October, 2019, 16 de octubre de 2019, 16-Oct-2019
  bool try_day_month_year(size_t i, ParsedDate& d, size_t& end) const {
    if (!num(i, 1, 2) || glued_before(i)) return false;
    size_t j = i + 1;
    j = skip_ordinal(j);
    if (punct(j, ".") || punct(j, "-")) ++j;
    while (word(j) && in(kDateFillers, t_[j].word)) ++j;
    int m = j < t_.size() ? month_of(t_[j]) : 0;
    if (!m) return false;
    ++j;
    if (punct(j, ".")) ++j;
    if (punct(j, ",") || punct(j, "-")) ++j;
    while (word(j) && in(kDateFillers, t_[j].word)) ++j;
    if (!num(j, 4, 4) || glued_after(j + 1)) return false;
    if (!set(d, t_[j].value, m, t_[i].value)) return false;
    end = j + 1;
    return true;
  }

  // October 16, 2019, Oct. 16th 2019, Wed Oct 16 2019
  bool try_month_day_year(size_t i, ParsedDate& d, size_t& end) const {
    int m = month_of(t_[i]);
    if (!m) return false;
    size_t j = i + 1;
    if (punct(j, ".")) ++j;
    if (!num(j, 1, 2)) return false;
    int day = t_[j].value;
    ++j;
    j = skip_ordinal(j);
    if (punct(j, ",") || punct(j, ".")) ++j;
    if (!num(j, 4, 4) || glued_after(j + 1)) return false;
    if (!set(d, t_[j].value, m, day)) return false;
    end = j + 1;
    return true;
  }

  // 2019年10月16日
  bool try_cjk(size_t i, ParsedDate& d, size_t& end) const {
    if (!num(i, 4, 4) || !punct(i + 1, "年") || !num(i + 2, 1, 2) || !punct(i + 3, "月") ||
        !num(i + 4, 1, 2) || !punct(i + 5, "日"))
      return false;
    if (!set(d, t_[i].value, t_[i + 2].value, t_[i + 4].value)) return false;
    end = i + 6;
    return true;
  }

  // 20191016 when it is the whole text, or followed by a time ("20191016T083000Z" is rare and
  // not supported).
  bool try_compact(size_t i, ParsedDate& d, size_t& end) const {
    if (t_.size() != 1 || !num(i, 8, 8)) return false;
    int v = t_[i].value;
    if (!set(d, v / 10000, v / 100 % 100, v % 100)) return false;
    end = i + 1;
    return true;
  }

  // Parses a time (and zone) following the date that ends before token `j`; returns the index
  // after the last token used.
  size_t parse_time(size_t j, ParsedDate& d) const {
    const size_t date_end = j;
    size_t skipped = 0;
    while (j < t_.size() && skipped < 4) {
      const Tok& t = t_[j];
      if (t.kind == Tok::kPunct &&
          (t.raw == "," || t.raw == "-" || t.raw == "|" || t.raw == "/" || t.raw == "@" ||
           t.raw == "·" || t.raw == "–" || t.raw == "—" || t.raw == "(" || t.raw == "." ||
           t.raw == "•")) {
        ++j, ++skipped;
        continue;
      }
      if (t.kind == Tok::kWord && in(kTimeConnectors, t.word)) {
        // "T" only glued between date and time (ISO 8601).
        if (t.word == "t" && !(adjacent(j) && adjacent(j + 1))) break;
        ++j, ++skipped;
        continue;
      }
      break;
    }
    if (!num(j, 1, 2) || t_[j].value > 23) return date_end;
    int hour = t_[j].value;
    size_t k = j + 1;
    bool dot_sep = false;
    if (punct(k, ":") && adjacent(k)) {
    } else if (word(k) && t_[k].word == "h" && adjacent(k)) {
    } else if (punct(k, ".") && adjacent(k)) {
      dot_sep = true;  // "10.30 Uhr": only with a following Uhr/h
    } else {
      return date_end;
    }
    if (!num(k + 1, 2, 2) || !adjacent(k + 1) || t_[k + 1].value > 59) return date_end;
    int minute = t_[k + 1].value;
    k += 2;
    int second = -1;
    std::string fraction;
    if (punct(k, ":") && adjacent(k) && num(k + 1, 2, 2) && adjacent(k + 1) &&
        t_[k + 1].value <= 60) {
      second = t_[k + 1].value;
      k += 2;
      if ((punct(k, ".") || punct(k, ",")) && adjacent(k) && num(k + 1, 1, 9) &&
          adjacent(k + 1)) {
        fraction = std::string(t_[k + 1].raw);
        k += 2;
      }
    }
    // am / pm / a.m. / p.m.
    bool pm = false, am = false;
    if (word(k) && (t_[k].word == "pm" || t_[k].word == "am")) {
      (t_[k].word == "pm" ? pm : am) = true;
      ++k;
    } else if (word(k) && (t_[k].word == "p" || t_[k].word == "a") && punct(k + 1, ".") &&
               word(k + 2) && t_[k + 2].word == "m") {
      (t_[k].word == "p" ? pm : am) = true;
      k += 3;
      if (punct(k, ".")) ++k;
    }
    if (am || pm) {
      if (hour < 1 || hour > 12) return date_end;
      if (pm && hour != 12) hour += 12;
      if (am && hour == 12) hour = 0;
    }
    bool suffix = false;
    if (word(k) && in(kTimeSuffixes, t_[k].word)) {
      suffix = true;
      ++k;
    }
    if (dot_sep && !suffix) return date_end;
    d.has_time = true;
    d.hour = hour;
    d.minute = minute;
    d.second = second;
    d.fraction = std::move(fraction);
    // Zone
    if (word(k) && t_[k].word == "z" && adjacent(k)) {
      d.zone = ParsedDate::Zone::kUtc;
      return k + 1;
    }
    bool utc_word = false;
    if (word(k) && (t_[k].word == "utc" || t_[k].word == "gmt")) {
      utc_word = true;
      d.zone = ParsedDate::Zone::kUtc;
      ++k;
    }
    if ((punct(k, "+") || punct(k, "-") || punct(k, "−")) && num(k + 1, 1, 4) &&
        adjacent(k + 1) && (utc_word || adjacent(k) || t_[k + 1].digits == 4 ||
                            (punct(k + 2, ":") && num(k + 3, 2, 2)))) {
      int sign = t_[k].raw == "+" ? 1 : -1;
      int h = -1, m = 0;
      size_t after = k + 2;
      const Tok& n = t_[k + 1];
      if (n.digits == 4) {
        h = n.value / 100;
        m = n.value % 100;
      } else if (n.digits <= 2) {
        h = n.value;
        if (punct(k + 2, ":") && num(k + 3, 2, 2)) {
          m = t_[k + 3].value;
          after = k + 4;
        }
      }
      if (h < 0 || h > 14 || m > 59) return k;
      int off = sign * (h * 60 + m);
      if (off == 0 && utc_word) return after;  // "UTC+0"
      d.zone = ParsedDate::Zone::kOffset;
      d.offset_minutes = off;
      return after;
    }
    return k;
  }

  std::string_view s_;
  const DateOptions& o_;
  std::vector<Tok> t_;
};

}  // namespace

std::string ParsedDate::date_iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string ParsedDate::iso() const {
  std::string out = date_iso();
  if (!has_time) return out;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", hour, minute);
  out += buf;
  if (second >= 0) {
    std::snprintf(buf, sizeof buf, ":%02d", second);
    out += buf;
    if (!fraction.empty()) out += "." + fraction;
  }
  if (zone == Zone::kUtc) {
    out += 'Z';
  } else if (zone == Zone::kOffset) {
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', off / 60,
                  off % 60);
    out += buf;
  }
  return out;
}

std::optional<ParsedDate> parse_date(std::string_view text) {
  return parse_date(text, DateOptions{});
}

std::optional<ParsedDate> parse_date(std::string_view text, const DateOptions& options) {
  auto m = find_date(text, options);
  if (!m) return std::nullopt;
  return std::move(m->date);
}

std::optional<DateMatch> find_date(std::string_view text, const DateOptions& options) {
  if (text.empty() || text.size() > 8192) return std::nullopt;
  return Parser(text, options).run();
}

std::optional<ParsedDate> parse_url_date(std::string_view url, const DateOptions& options) {
  // Only the path: skip "scheme://host".
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(start);
  size_t q = path.find_first_of("?#");
  path = path.substr(0, q);
  auto digits = [&](size_t i, size_t n) {
    if (i + n > path.size()) return -1;
    int v = 0;
    for (size_t k = i; k < i + n; ++k) {
      if (path[k] < '0' || path[k] > '9') return -1;
      v = v * 10 + (path[k] - '0');
    }
    return v;
  };
  auto is_sep = [](char c) { return c == '/' || c == '-' || c == '_' || c == '.'; };
  for (size_t i = 0; i + 4 <= path.size(); ++i) {
    if (i > 0 && path[i - 1] >= '0' && path[i - 1] <= '9') continue;
    if (i == 0 || !is_sep(path[i - 1])) continue;
    int y = digits(i, 4);
    if (y < options.min_year || y > options.max_year) continue;
    size_t j = i + 4;
    // /2019/10/16/, /2019-10-16, _2019_10_16
    if (j < path.size() && is_sep(path[j])) {
      char sep = path[j];
      size_t mlen = (j + 2 < path.size() && path[j + 2] >= '0' && path[j + 2] <= '9') ? 2 : 1;
      int m = digits(j + 1, mlen);
      size_t k = j + 1 + mlen;
      if (m < 1 || k >= path.size() || path[k] != sep) continue;
      size_t dlen = (k + 2 < path.size() && path[k + 2] >= '0' && path[k + 2] <= '9') ? 2 : 1;
      int d = digits(k + 1, dlen);
      size_t e = k + 1 + dlen;
      if (d < 1 || (e < path.size() && path[e] >= '0' && path[e] <= '9')) continue;
      if (valid_ymd(y, m, d, options)) {
        ParsedDate pd;
        pd.year = y, pd.month = m, pd.day = d;
        return pd;
      }
    } else {
      // /20191016/ or -20191016-
      int m = digits(j, 2), d = digits(j + 2, 2);
      size_t e = j + 4;
      if (m < 0 || d < 0) continue;
      if (e < path.size() && !is_sep(path[e])) continue;
      if (valid_ymd(y, m, d, options)) {
        ParsedDate pd;
        pd.year = y, pd.month = m, pd.day = d;
        return pd;
      }
    }
  }
  return std::nullopt;
}

}  // namespace gazette::metadata
