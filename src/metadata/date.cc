#include "metadata/date.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <unordered_map>
#include <vector>

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include "metadata/text.h"
#include "util/find.h"
#include "util/word_list.h"

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
    // Russian and Ukrainian, genitive as dates use them ("15 августа 2016"), and nominative
    {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4}, {"мая", 5}, {"июня", 6},
    {"июля", 7}, {"августа", 8}, {"сентября", 9}, {"октября", 10}, {"ноября", 11},
    {"декабря", 12}, {"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4}, {"май", 5},
    {"июнь", 6}, {"июль", 7}, {"август", 8}, {"сентябрь", 9}, {"октябрь", 10},
    {"ноябрь", 11}, {"декабрь", 12}, {"янв", 1}, {"фев", 2}, {"мар", 3}, {"апр", 4},
    {"авг", 8}, {"сен", 9}, {"сент", 9}, {"окт", 10}, {"ноя", 11}, {"дек", 12},
    {"січня", 1}, {"лютого", 2}, {"березня", 3}, {"квітня", 4}, {"травня", 5},
    {"червня", 6}, {"липня", 7}, {"серпня", 8}, {"вересня", 9}, {"жовтня", 10},
    {"листопада", 11}, {"грудня", 12},
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
constexpr std::string_view kTimeSuffixes[] = {"uhr", "h", "hs", "hrs", "horas", "heures", "uur"};
// Weekday names and abbreviations, skipped between a time and the date that follows it
// ("10:02 AM EDT, Thu August 31, 2023").
constexpr std::string_view kWeekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lun", "mer", "jeu",
    "ven", "sam", "dim",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "mo", "di", "mi", "do", "fr", "sa", "so",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo", "mié", "jue", "vie", "sáb", "dom",
    "lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi",
    "venerdì", "venerdi", "sabato", "domenica",
    "segunda", "terça", "terca", "quarta", "quinta", "sexta", "feira",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "ma", "wo",
    "vr", "za", "zo",
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela", "pon", "wt",
    "śr", "czw", "pt", "sob", "niedz"};

// Words that may stand between a time and the date after it: "16h12 le 31 août", "14:30 am
// 3. März", "10:00 on Thursday".
constexpr std::string_view kDateLeadWords[] = {"on", "le", "am", "el", "il", "de", "du",
                                               "op", "dnia", "em", "the"};

// Words before a day word that keep it a date: "Publié hier", "Updated yesterday".
constexpr std::string_view kRoleLeadWords[] = {
    "published", "posted", "updated", "publié", "publiée", "modifié", "jour", "veröffentlicht",
    "aktualisiert", "publicado", "actualizado", "pubblicato", "aggiornato", "atualizado",
    "gepubliceerd", "bijgewerkt", "opublikowano", "zaktualizowano", "le", "am"};

// Zone abbreviations that name one offset all year. Matched in capitals only.
struct ZoneAbbrev {
  std::string_view name;
  int offset_minutes;
};
constexpr ZoneAbbrev kZoneAbbrevs[] = {
    {"CET", 60},     {"CEST", 120},   {"MEZ", 60},    {"MESZ", 120},  {"WET", 0},
    {"WEST", 60},    {"WEZ", 0},      {"WESZ", 60},   {"EET", 120},   {"EEST", 180},
    {"OEZ", 120},    {"OESZ", 180},   {"BST", 60},    {"MSK", 180},   {"EST", -300},
    {"EDT", -240},   {"CST", -360},   {"CDT", -300},  {"MST", -420},  {"MDT", -360},
    {"PST", -480},   {"PDT", -420},   {"AKST", -540}, {"AKDT", -480}, {"HST", -600},
    {"AEST", 600},   {"AEDT", 660},   {"ACST", 570},  {"ACDT", 630},  {"AWST", 480},
    {"JST", 540},    {"KST", 540},    {"HKT", 480},   {"SGT", 480},   {"NZST", 720},
    {"NZDT", 780},   {"BRT", -180},   {"ART", -180},  {"WIB", 420},   {"PHT", 480}};

// Zone names whose offset depends on the date (standard or daylight time): resolved with the
// tz database for the date they follow.
struct ZoneAlias {
  std::string_view name;
  std::string_view iana;
};
constexpr ZoneAlias kZoneAliases[] = {{"ET", "America/New_York"},
                                      {"CT", "America/Chicago"},
                                      {"MT", "America/Denver"},
                                      {"PT", "America/Los_Angeles"}};

// Day words, and how many days before the reference they are.
struct RelativeDay {
  std::string_view name;
  int days_back;
};
constexpr RelativeDay kRelativeDays[] = {
    {"today", 0},     {"heute", 0},        {"hoy", 0},        {"oggi", 0},
    {"hoje", 0},      {"vandaag", 0},      {"dzisiaj", 0},    {"dziś", 0},
    {"yesterday", 1}, {"hier", 1},         {"gestern", 1},    {"ayer", 1},
    {"ieri", 1},      {"ontem", 1},        {"gisteren", 1},   {"wczoraj", 1},
    {"vorgestern", 2}, {"anteayer", 2},    {"anteontem", 2},  {"eergisteren", 2},
    {"przedwczoraj", 2}, {"avantier", 2}};

// "an hour ago", "il y a une heure", "vor einer Stunde", "hace un día".
constexpr std::string_view kOneWords[] = {"a",     "an",   "one",  "une",  "un",   "eine",
                                          "einer", "einem", "una", "uno",  "uma",  "een",
                                          "jeden", "jedną", "jedna"};

// Units of relative forms in eight languages, in seconds.
struct RelativeUnit {
  std::string_view name;
  int seconds;
};
constexpr RelativeUnit kRelativeUnits[] = {
    // seconds
    {"second", 1}, {"seconds", 1}, {"sec", 1}, {"secs", 1}, {"seconde", 1}, {"secondes", 1},
    {"sekunde", 1}, {"sekunden", 1}, {"segundo", 1}, {"segundos", 1}, {"secondo", 1},
    {"secondi", 1}, {"seconden", 1}, {"sekund", 1}, {"sekundy", 1}, {"sekundę", 1},
    // minutes
    {"minute", 60}, {"minutes", 60}, {"min", 60}, {"mins", 60}, {"mn", 60}, {"minuten", 60},
    {"minuto", 60}, {"minutos", 60}, {"minuti", 60}, {"minut", 60}, {"minuty", 60},
    {"minutę", 60},
    // hours
    {"hour", 3600}, {"hours", 3600}, {"hr", 3600}, {"hrs", 3600}, {"h", 3600}, {"heure", 3600},
    {"heures", 3600}, {"stunde", 3600}, {"stunden", 3600}, {"std", 3600}, {"hora", 3600},
    {"horas", 3600}, {"ora", 3600}, {"ore", 3600}, {"uur", 3600}, {"godzina", 3600},
    {"godziny", 3600}, {"godzin", 3600}, {"godzinę", 3600}, {"godz", 3600},
    // days and weeks
    {"day", 86400}, {"days", 86400}, {"jour", 86400}, {"jours", 86400}, {"tag", 86400},
    {"tagen", 86400}, {"tage", 86400}, {"día", 86400}, {"días", 86400}, {"dia", 86400},
    {"dias", 86400}, {"giorno", 86400}, {"giorni", 86400}, {"dag", 86400}, {"dagen", 86400},
    {"dzień", 86400}, {"dni", 86400}, {"week", 604800}, {"weeks", 604800},
    {"semaine", 604800}, {"semaines", 604800}, {"woche", 604800}, {"wochen", 604800},
    {"semana", 604800}, {"semanas", 604800}, {"settimana", 604800}, {"settimane", 604800},
    {"weken", 604800}, {"tydzień", 604800}, {"tygodnie", 604800}, {"tygodni", 604800}};

// Words after the amount and unit: "ago", "fa", "atrás", "geleden", "temu".
constexpr std::string_view kAgoWords[] = {"ago", "fa", "atrás", "atras", "geleden", "temu"};

// Labels that make the next date an updated one, and a published one (lowercase, searched in
// the text between the previous date and this one; the later label wins).
constexpr std::string_view kUpdatedLabels[] = {
    "updated", "last update", "modified", "edited", "revised", "mis à jour", "mise à jour",
    "màj", "maj le", "actualisé", "modifié", "aktualisiert", "geändert", "aktualisierung",
    "änderung", "actualizado", "actualizada", "actualización", "modificado", "aggiornato", "aggiornata",
    "aggiornamento", "modificato", "atualizado", "atualizada", "atualização", "bijgewerkt",
    "gewijzigd", "laatst gewijzigd", "zaktualizowano", "aktualizacja", "aktualizacji"};
constexpr std::string_view kPublishedLabels[] = {
    "published", "posted", "first published", "created", "publié", "publiée", "publication",
    "paru le", "veröffentlicht", "erschienen", "erstellt", "publicado", "publicada", "publicación",
    "pubblicato", "pubblicata", "pubblicazione", "gepubliceerd", "geplaatst", "opublikowano",
    "publikacja", "data publikacji"};


// ---------------------------------------------------------------------------------------------

struct Tok {
  enum Kind : uint8_t { kNum, kWord, kPunct } kind;
  std::string_view raw;
  std::string word;  // lowercase, for kWord
  int month = 0;     // for kWord: the month it names (1..12), else 0
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

// text::to_lower, plus the Cyrillic capitals (U+0410..U+042F, U+0400..U+040F, Ukrainian І/Ї/Є)
// that it leaves as they are.
std::string lower_word(std::string_view w) {
  std::string s = text::to_lower(w);
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    if (a == 0xD0 && b >= 0x90 && b <= 0x9F) {          // А..П -> а..п
      s[i + 1] = static_cast<char>(b + 0x20);
    } else if (a == 0xD0 && b >= 0xA0 && b <= 0xAF) {   // Р..Я -> р..я (D1 80..8F)
      s[i] = static_cast<char>(0xD1);
      s[i + 1] = static_cast<char>(b - 0x20);
    } else if (a == 0xD0 && b >= 0x80 && b <= 0x8F) {   // Ѐ..Џ -> ѐ..џ (D1 90..9F)
      s[i] = static_cast<char>(0xD1);
      s[i + 1] = static_cast<char>(b + 0x10);
    }
  }
  return s;
}

// How tokenize() reads a byte below 0x80 without decoding it: as is_space_cp, is_letter_cp and
// the digit test read the code point it is.
enum class AsciiClass : uint8_t { kOther, kSpace, kDigit, kLetter };
constexpr std::array<AsciiClass, 128> kAsciiClasses = [] {
  std::array<AsciiClass, 128> a{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) a[c] = AsciiClass::kSpace;
  for (size_t c = '0'; c <= '9'; ++c) a[c] = AsciiClass::kDigit;
  for (size_t c = 'a'; c <= 'z'; ++c) a[c] = a[c - 32] = AsciiClass::kLetter;
  return a;
}();

std::vector<Tok> tokenize(std::string_view s) {
  std::vector<Tok> toks;
  // A token and the space after it take about five bytes of text: growing the vector (moving
  // every token) would cost more than a guess that is sometimes too large.
  toks.reserve(s.size() / 4 + 4);
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = 1;
    AsciiClass cls = AsciiClass::kOther;
    if (c < 0x80) {
      cls = kAsciiClasses[c];
    } else {
      uint32_t cp = cp_at(s, i, len);
      cls = is_space_cp(cp) ? AsciiClass::kSpace
            : is_letter_cp(cp) ? AsciiClass::kLetter
                               : AsciiClass::kOther;
    }
    if (cls == AsciiClass::kSpace) {
      i += len;
      continue;
    }
    Tok t;
    t.begin = i;
    if (cls == AsciiClass::kDigit) {
      t.kind = Tok::kNum;
      size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
        if (t.value < 100000000) t.value = t.value * 10 + (s[j] - '0');
        ++t.digits;
        ++j;
      }
      t.end = j;
    } else if (cls == AsciiClass::kLetter) {
      t.kind = Tok::kWord;
      size_t j = i;
      bool ascii = true;
      while (j < s.size()) {
        auto b = static_cast<unsigned char>(s[j]);
        if (b < 0x80) {
          if (kAsciiClasses[b] != AsciiClass::kLetter) break;
          ++j;
          continue;
        }
        size_t l;
        if (!is_letter_cp(cp_at(s, j, l))) break;
        ascii = false;
        j += l;
      }
      t.end = j;
      if (ascii) {
        // What lower_word gives an ASCII word, without its copies and its Cyrillic pass.
        t.word.assign(s.data() + i, j - i);
        for (char& ch : t.word)
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
      } else {
        t.word = lower_word(s.substr(i, j - i));
      }
      t.month = month_number(t.word);
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

int month_of(const Tok& t) { return t.kind == Tok::kWord ? t.month : 0; }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool valid_ymd(int y, int m, int d, const DateOptions& o) {
  return y >= o.min_year && y <= o.max_year && m >= 1 && m <= 12 && d >= 1 &&
         d <= days_in_month(y, m);
}

// A time of day as stated, with its zone when one follows it.
struct Clock {
  int hour = 0;
  int minute = 0;
  int second = -1;
  std::string fraction;
  ParsedDate::Zone zone = ParsedDate::Zone::kNone;
  int offset_minutes = 0;
  std::string iana;  // a named zone whose offset depends on the date ("Europe/Paris", "ET")
};

// Resolves an IANA zone name for a local date and time with the system tz database. Returns
// false when the name is unknown (cctz then falls back to UTC, which would invent a zone).
bool iana_offset(const std::string& name, const ParsedDate& d, int& offset_minutes) {
  cctz::time_zone tz;
  if (!cctz::load_time_zone(name, &tz)) return false;
  const cctz::civil_second local(d.year, d.month, d.day, d.hour, d.minute,
                                 d.second < 0 ? 0 : d.second);
  // A local time repeated by a DST change is read with the first (daylight) offset; one that a
  // change skips is read with the offset in force before the change.
  const auto cl = tz.lookup(local);
  const auto instant = cl.kind == cctz::time_zone::civil_lookup::SKIPPED
                           ? cl.trans - std::chrono::seconds(1)
                           : cl.pre;
  offset_minutes = tz.lookup(instant).offset / 60;
  return true;
}

// Applies a clock to a date; false when its named zone cannot be resolved for that date.
bool apply_clock(const Clock& c, ParsedDate& d) {
  d.has_time = true;
  d.hour = c.hour;
  d.minute = c.minute;
  d.second = c.second;
  d.fraction = c.fraction;
  d.zone = c.zone;
  d.offset_minutes = c.offset_minutes;
  if (!c.iana.empty()) {
    int off = 0;
    if (!iana_offset(c.iana, d, off)) {
      d.zone = ParsedDate::Zone::kNone;
      return false;
    }
    d.zone = ParsedDate::Zone::kOffset;
    d.offset_minutes = off;
  }
  return true;
}

template <class T, size_t N>
const T* find_named(const T (&table)[N], std::string_view name) {
  for (const auto& x : table)
    if (x.name == name) return &x;
  return nullptr;
}

class Parser {
 public:
  Parser(std::string_view s, const DateOptions& o) : s_(s), o_(o), t_(tokenize(s)) {}

  // The first date at or after token `from`; `next` receives the token after it.
  std::optional<DateMatch> next_match(size_t from, size_t& next) const {
    for (size_t i = from; i < t_.size(); ++i) {
      DateMatch m;
      ParsedDate& d = m.date;
      size_t end = 0;
      size_t begin = i;
      if (try_numeric_ymd(i, d, end) || try_numeric_dmy(i, d, end) ||
          try_day_month_year(i, d, end) || try_month_day_year(i, d, end) ||
          try_cjk(i, d, end) || try_compact(i, d, end) || try_short_year(i, d, end) ||
          try_relative_days(i, d, end)) {
        if (!d.has_time) {
          size_t after = parse_time(end, d);
          if (after == end) begin = time_before(i, d);
          end = after;
        }
      } else if (!try_relative_span(i, d, end)) {
        continue;
      }
      m.begin = t_[begin].begin;
      m.end = t_[end - 1].end;
      next = end;
      return m;
    }
    return std::nullopt;
  }

  size_t token_count() const { return t_.size(); }

 private:
  bool num(size_t i, int min_digits, int max_digits) const {
    return i < t_.size() && t_[i].kind == Tok::kNum && t_[i].digits >= min_digits &&
           t_[i].digits <= max_digits;
  }
  bool punct(size_t i, std::string_view p) const {
    return i < t_.size() && t_[i].kind == Tok::kPunct && t_[i].raw == p;
  }
  bool word(size_t i) const { return i < t_.size() && t_[i].kind == Tok::kWord; }
  bool word_is(size_t i, std::string_view w) const { return word(i) && t_[i].word == w; }
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

  // Skips an ordinal suffix glued to the day number ("16th", "1er", "1º", "1°").
  size_t skip_ordinal(size_t j) const {
    if (word(j) && adjacent(j) && in(kOrdinals, t_[j].word)) return j + 1;
    if (j < t_.size() && t_[j].kind == Tok::kPunct && adjacent(j) &&
        (t_[j].raw == "º" || t_[j].raw == "ª" || t_[j].raw == "°"))
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

  // --- relative forms -------------------------------------------------------------------------

  // "yesterday", "hier", "gestern", "avant-hier", "aujourd'hui", ...: a date alone.
  bool try_relative_days(size_t i, ParsedDate& d, size_t& end) const {
    if (!o_.reference || !word(i)) return false;
    int days_back = -1;
    size_t j = i + 1;
    const std::string_view w = t_[i].word;
    if (w == "avant" && punct(j, "-") && word_is(j + 1, "hier")) {
      days_back = 2;
      j += 2;
    } else if (w == "aujourd" && (punct(j, "'") || punct(j, "’")) && word_is(j + 1, "hui")) {
      days_back = 0;
      j += 2;
    } else if (w == "l" && (punct(j, "'") || punct(j, "’")) && word_is(j + 1, "altro") &&
               word_is(j + 2, "ieri")) {
      days_back = 2;
      j += 3;
    } else if (const auto* r = find_named(kRelativeDays, w)) {
      days_back = r->days_back;
    }
    if (days_back < 0) return false;
    shift_days(*o_.reference, days_back, d);
    end = j;
    // Inside a sentence ("Le président a déclaré hier que...") the word is a date only with a
    // time after it; at the start of the text or after punctuation ("Publié hier à 16h12",
    // "Gestern, 14:30") it is one alone.
    bool leading = i == 0 || t_[i - 1].kind == Tok::kPunct || in(kRoleLeadWords, t_[i - 1].word);
    size_t after = parse_time(end, d);
    if (!leading && after == end) return false;
    end = after;
    return true;
  }

  void shift_days(const ParsedDate& ref, int days_back, ParsedDate& d) const {
    cctz::civil_day day(ref.year, ref.month, ref.day);
    day -= days_back;
    d = ParsedDate{};
    d.year = static_cast<int>(day.year());
    d.month = day.month();
    d.day = day.day();
  }

  // An amount in words or digits: "3", "an", "une", "eine", "un", "uma", "een".
  bool amount(size_t i, int& n) const {
    if (num(i, 1, 3)) {
      n = t_[i].value;
      return true;
    }
    if (word(i) && in(kOneWords, t_[i].word)) {
      n = 1;
      return true;
    }
    return false;
  }

  // The unit after an amount, in seconds; 0 when the word is not a unit. Days and weeks are
  // marked by a multiple of 86400.
  static int unit_seconds(const Tok& t) {
    if (t.kind != Tok::kWord) return 0;
    if (const auto* u = find_named(kRelativeUnits, t.word)) return u->seconds;
    return 0;
  }

  // "il y a 3 heures", "2 hours ago", "vor 2 Tagen", "hace 3 horas", "3 ore fa", "há 2 dias",
  // "3 uur geleden", "3 godziny temu".
  bool try_relative_span(size_t i, ParsedDate& d, size_t& end) const {
    if (!o_.reference || (!word(i) && !num(i, 1, 3))) return false;
    int n = 0, unit = 0;
    size_t j = i;
    const std::string_view w = t_[i].word;
    if (word(i) && w == "il" && word_is(i + 1, "y") && word_is(i + 2, "a")) {
      j = i + 3;
    } else if (word(i) && (w == "vor" || w == "hace" || w == "há" || w == "ha")) {
      j = i + 1;
    } else {
      j = i;
    }
    bool prefixed = j != i;
    if (!amount(j, n) || j + 1 >= t_.size()) return false;
    unit = unit_seconds(t_[j + 1]);
    if (!unit) return false;
    size_t k = j + 2;
    if (punct(k, ".")) ++k;  // "vor 3 Std.", "3 min. ago"
    if (!prefixed) {
      if (!(word(k) && in(kAgoWords, t_[k].word))) return false;
      ++k;
    }
    const ParsedDate& ref = *o_.reference;
    if (unit % 86400 == 0) {
      shift_days(ref, n * (unit / 86400), d);
    } else {
      if (!ref.has_time) return false;
      cctz::civil_second t(ref.year, ref.month, ref.day, ref.hour, ref.minute,
                           ref.second < 0 ? 0 : ref.second);
      t -= static_cast<int64_t>(n) * unit;
      d = ref;
      d.year = static_cast<int>(t.year());
      d.month = t.month();
      d.day = t.day();
      d.hour = t.hour();
      d.minute = t.minute();
      d.second = ref.second < 0 ? -1 : t.second();
      d.fraction.clear();
    }
    if (!valid_ymd(d.year, d.month, d.day, o_)) return false;
    end = k;
    return true;
  }

  // --- times and zones ------------------------------------------------------------------------

  // Parses a zone at token k: "Z", "UTC", "GMT+2", "+02:00", "(UTC+01:00)", "CEST", "ET",
  // "Europe/Paris". Returns the token after it, or k when there is none.
  size_t parse_zone(size_t k, Clock& c) const {
    size_t start = k;
    bool paren = punct(k, "(") || punct(k, "[");
    if (paren) ++k;
    size_t after = parse_zone_body(k, c);
    if (after == k) return start;
    if (paren) {
      if (punct(after, ")") || punct(after, "]")) return after + 1;
      // "(UTC+01:00" without its closing parenthesis still states the zone.
    }
    return after;
  }

  size_t parse_zone_body(size_t k, Clock& c) const {
    if (word(k) && t_[k].raw == "Z" && adjacent(k)) {
      c.zone = ParsedDate::Zone::kUtc;
      return k + 1;
    }
    bool utc_word = false;
    size_t start = k;
    if (word(k) && (t_[k].word == "utc" || t_[k].word == "gmt" || t_[k].raw == "UT")) {
      utc_word = true;
      c.zone = ParsedDate::Zone::kUtc;
      ++k;
    }
    if ((punct(k, "+") || punct(k, "-") || punct(k, "−") || punct(k, "–")) && num(k + 1, 1, 4) &&
        adjacent(k + 1) &&
        (utc_word || adjacent(k) || t_[k + 1].digits == 4 ||
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
      c.zone = ParsedDate::Zone::kOffset;
      c.offset_minutes = off;
      return after;
    }
    if (utc_word) return k;
    if (!word(k)) return start;
    // Abbreviations are matched in capitals only: "est" is a French word, "EST" a zone.
    std::string_view raw = t_[k].raw;
    if (const auto* z = find_named(kZoneAbbrevs, raw)) {
      c.zone = ParsedDate::Zone::kOffset;
      c.offset_minutes = z->offset_minutes;
      return k + 1;
    }
    if (const auto* a = find_named(kZoneAliases, raw)) {
      c.iana = std::string(a->iana);
      return k + 1;
    }
    // An IANA name: Area/Location[/Location], words joined by '/', '_' or '-' without spaces.
    if (raw.size() >= 2 && raw[0] >= 'A' && raw[0] <= 'Z' && punct(k + 1, "/") &&
        adjacent(k + 1) && word(k + 2) && adjacent(k + 2)) {
      size_t e = k + 1;
      while (e < t_.size() && adjacent(e) &&
             (word(e) || punct(e, "/") || punct(e, "_") || punct(e, "-")))
        ++e;
      std::string name(s_.substr(t_[k].begin, t_[e - 1].end - t_[k].begin));
      cctz::time_zone tz;
      if (cctz::load_time_zone(name, &tz)) {
        c.iana = std::move(name);
        return e;
      }
    }
    return start;
  }

  // Parses a time of day starting exactly at token j: "16:12", "16:12:05.3", "4:12 pm",
  // "4 p.m.", "16h12", "16h", "16.12 Uhr", with a zone after it. `after_connector` tells that a
  // word like "à", "um", "alle" precedes, which makes "16.12" a time without "Uhr".
  bool parse_clock(size_t j, bool after_connector, Clock& c, size_t& end) const {
    if (!num(j, 1, 2)) return false;
    // "10:02" inside "2019:10:02" or "1.16.12" is not a time start.
    if (j > 0 && adjacent(j) && (t_[j - 1].kind == Tok::kNum || punct(j - 1, ":") ||
                                 punct(j - 1, ".") || punct(j - 1, ",")))
      return false;
    int hour = t_[j].value;
    int minute = 0;
    size_t k = j + 1;
    bool dot_sep = false, h_sep = false, hour_only = false;
    if (punct(k, ":") && adjacent(k) && num(k + 1, 2, 2) && adjacent(k + 1)) {
      minute = t_[k + 1].value;
      k += 2;
    } else if (word_is(k, "h") && (adjacent(k) || (after_connector && num(k + 1, 2, 2)))) {
      // "16h12", "16h", and after "à" also "16 h 12".
      h_sep = true;
      if (num(k + 1, 2, 2) && (adjacent(k + 1) || !adjacent(k))) {
        minute = t_[k + 1].value;
        k += 2;
        if (word_is(k, "min") && adjacent(k)) ++k;  // "16h12min"
      } else {
        ++k;
        if (num(k, 1, 9) && adjacent(k)) return false;  // "2h3" is not a time
      }
    } else if (punct(k, ".") && adjacent(k) && num(k + 1, 2, 2) && adjacent(k + 1)) {
      dot_sep = true;
      minute = t_[k + 1].value;
      k += 2;
    } else {
      hour_only = true;
    }
    if (minute > 59) return false;
    int second = -1;
    std::string fraction;
    if (!h_sep && !hour_only && punct(k, ":") && adjacent(k) && num(k + 1, 2, 2) &&
        adjacent(k + 1) && t_[k + 1].value <= 60) {
      if (dot_sep) return false;
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
      if (punct(k, ".") && adjacent(k) && !num(k + 1, 1, 4)) ++k;
    } else if (word(k) && (t_[k].word == "p" || t_[k].word == "a") && punct(k + 1, ".") &&
               adjacent(k + 1) && word_is(k + 2, "m")) {
      // "p.m.", and "p. m." as Spanish writes it.
      (t_[k].word == "p" ? pm : am) = true;
      k += 3;
      if (punct(k, ".") && adjacent(k)) ++k;
    }
    if (am || pm) {
      if (hour < 1 || hour > 12) return false;
      if (pm && hour != 12) hour += 12;
      if (am && hour == 12) hour = 0;
    }
    if (hour > 23) return false;
    bool suffix = false;
    if (!h_sep && word(k) && in(kTimeSuffixes, t_[k].word) &&
        (t_[k].word != "h" || !hour_only || adjacent(k))) {
      suffix = true;
      ++k;
      if (punct(k, ".") && adjacent(k) && !num(k + 1, 1, 4)) ++k;  // "16:12 h."
    }
    size_t after_zone = parse_zone(k, c);
    bool zone = after_zone != k;
    if (hour_only && !(am || pm || suffix)) return false;
    if (dot_sep && !(after_connector || suffix || am || pm || zone)) return false;
    c.hour = hour;
    c.minute = minute;
    c.second = second;
    c.fraction = std::move(fraction);
    end = after_zone;
    return true;
  }

  // Parses a time (and zone) following the date that ends before token `j`; returns the index
  // after the last token used.
  size_t parse_time(size_t j, ParsedDate& d) const {
    const size_t date_end = j;
    size_t skipped = 0;
    bool connector = false;
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
        connector = true;
        continue;
      }
      break;
    }
    Clock c;
    size_t end = 0;
    if (!parse_clock(j, connector, c, end)) {
      // "2019-10-16 UTC" or "31 août 2023 (UTC+01:00)": a zone without a time says nothing.
      return date_end;
    }
    ParsedDate with_time = d;
    if (!apply_clock(c, with_time)) return date_end;
    d = std::move(with_time);
    return end;
  }

  // A time stated before the date: "10:02 AM EDT, Thu August 31, 2023", "14:30, 3. März 2021",
  // "16h12 le 31 août 2023". Returns the token where the match begins (date_begin when none).
  size_t time_before(size_t date_begin, ParsedDate& d) const {
    size_t lo = date_begin > 12 ? date_begin - 12 : 0;
    for (size_t s = date_begin; s-- > lo;) {
      if (!num(s, 1, 2)) continue;
      Clock c;
      size_t end = 0;
      if (!parse_clock(s, false, c, end) || end > date_begin) continue;
      bool only_glue = true;
      for (size_t k = end; k < date_begin && only_glue; ++k) {
        const Tok& t = t_[k];
        only_glue = (t.kind == Tok::kPunct &&
                     (t.raw == "," || t.raw == "-" || t.raw == "|" || t.raw == "·" ||
                      t.raw == "–" || t.raw == "—" || t.raw == "/" || t.raw == "•" ||
                      t.raw == "." || t.raw == ")")) ||
                    (t.kind == Tok::kWord &&
                     (in(kWeekdays, t.word) || in(kDateLeadWords, t.word)));
      }
      if (!only_glue) continue;
      ParsedDate with_time = d;
      if (!apply_clock(c, with_time)) return date_begin;
      d = std::move(with_time);
      return s;
    }
    return date_begin;
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

std::string ParsedDate::rfc3339() const {
  if (!has_time || zone == Zone::kNone || second >= 0) return iso();
  ParsedDate with_seconds = *this;
  with_seconds.second = 0;
  return with_seconds.iso();
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
  size_t next = 0;
  return Parser(text, options).next_match(0, next);
}

// The labels in `between` (the text since the previous date) give the next date its role.
// The end of `before` where a date's label stands, lowercase: labels stand right before their
// date ("Updated: ", "Mis à jour le "); a word further back belongs to other text ("our guide,
// updated for 2025, ... December 4, 2025").
static std::string label_window(std::string_view before) {
  constexpr size_t kLabelWindow = 40;
  if (before.size() > kLabelWindow) {
    size_t cut = before.size() - kLabelWindow;
    while (cut < before.size() && (static_cast<unsigned char>(before[cut]) & 0xC0) == 0x80) ++cut;
    before.remove_prefix(cut);
  }
  return text::to_lower(before);
}

DateRole role_before(std::string_view between) {
  std::string lower = label_window(between);
  size_t updated = std::string::npos, published = std::string::npos;
  auto last = [&](std::string_view label, size_t& at) {
    size_t p = util::rfind_bytes(lower, label);
    if (p != std::string::npos && (at == std::string::npos || p > at)) at = p;
  };
  for (auto l : kUpdatedLabels) last(l, updated);
  for (auto l : kPublishedLabels) last(l, published);
  if (updated == std::string::npos && published == std::string::npos) return DateRole::kUnknown;
  if (updated == std::string::npos) return DateRole::kPublished;
  if (published == std::string::npos) return DateRole::kUpdated;
  return updated > published ? DateRole::kUpdated : DateRole::kPublished;
}

namespace {

// Lowercase words of a few lists, each with a bit for every list that holds it, found by their
// first byte. Most words of a text have a first byte and a length that no listed word has: one
// bit test rejects them.
class WordBits {
 public:
  static constexpr size_t kLongest = 31;

  // `w`: 1 to kLongest bytes.
  void add(std::string_view w, unsigned bit) {
    const auto c = static_cast<unsigned char>(w[0]);
    lengths_[c] |= 1u << w.size();
    auto& bucket = buckets_[c];
    auto it =
        std::find_if(bucket.begin(), bucket.end(), [&](const Entry& e) { return e.word == w; });
    if (it == bucket.end()) it = bucket.insert(bucket.end(), Entry{w, 0});
    it->bits |= bit;
  }
  // The bits of the lists that hold the ASCII word `w` with its capitals lowercased.
  unsigned of_ascii(std::string_view w) const {
    const auto c = static_cast<unsigned char>(ascii_lower(w[0]));
    if (w.size() > kLongest || !(lengths_[c] >> w.size() & 1)) return 0;
    for (const Entry& e : buckets_[c]) {
      if (e.word.size() != w.size()) continue;
      size_t k = 1;
      while (k < w.size() && ascii_lower(w[k]) == e.word[k]) ++k;
      if (k == w.size()) return e.bits;
    }
    return 0;
  }

 private:
  static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
  struct Entry {
    std::string_view word;
    unsigned bits;
  };
  std::array<uint32_t, 256> lengths_{};
  std::array<std::vector<Entry>, 256> buckets_;
};

// A word that WordBits holds, and that begins with an ASCII letter, followed by ASCII letters
// or bytes from 0x80: 1 to WordBits::kLongest bytes.
constexpr bool is_plain_word(std::string_view w) {
  return !w.empty() && w.size() <= WordBits::kLongest && w[0] >= 'a' && w[0] <= 'z' &&
         std::all_of(w.begin(), w.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
         });
}

constexpr std::array<bool, 256> kAsciiAlnum = [] {
  std::array<bool, 256> a{};
  for (size_t c = 0; c < 128; ++c) a[c] = kAsciiClasses[c] == AsciiClass::kDigit ||
                                          kAsciiClasses[c] == AsciiClass::kLetter;
  return a;
}();

bool is_ascii_alnum(char c) { return kAsciiAlnum[static_cast<unsigned char>(c)]; }

bool beyond_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// The number of bytes that text::to_lower reads as one character at `i` (a byte from 0x80) when
// it writes that character's lowercase as bytes from 0x80 only; 0 when it may write an ASCII
// byte instead: an overlong form of an ASCII character ("\xC1\x81" is read as 'A'), or a
// sequence cut short by an ASCII byte, which it reads into the character. This reads with
// to_lower's own decoder, and relies on its lowercase of a character beyond ASCII being
// beyond ASCII.
size_t beyond_ascii_length(std::string_view s, size_t i) {
  size_t n;
  const uint32_t cp = text::decode_cp(s, i, n);  // a stray byte: U+FFFD, n = 1
  for (size_t k = 1; k < n; ++k)
    if (static_cast<unsigned char>(s[i + k]) < 0x80) return 0;
  return cp < 0x80 ? 0 : n;
}

}  // namespace

bool may_hold_relative_date(std::string_view text) {
  // Without digits, a date is a relative day ("gestern", "aujourd'hui", "avant-hier") or a span
  // with an amount in words ("an hour ago", "il y a une heure", "vor einer Stunde"): one of the
  // words of kRelativeDays, or a unit of kRelativeUnits with an amount of kOneWords. Whole
  // words of the lowercase text, as the parser's tokens are; a false "yes" only costs the parse.
  static const util::WordList kDays = [] {
    static std::vector<std::string_view> words;
    for (const auto& r : kRelativeDays) words.push_back(r.name);
    words.push_back("aujourd");
    return util::WordList(words);
  }();
  static const util::WordList kUnits = [] {
    static std::vector<std::string_view> words;
    for (const auto& u : kRelativeUnits) words.push_back(u.name);
    return util::WordList(words);
  }();
  static const util::WordList kAmounts(kOneWords);
  auto search_lowercase = [&] {
    const std::string lower = text::to_lower(text);
    return kDays.token_in(lower) || (kAmounts.token_in(lower) && kUnits.token_in(lower));
  };
  // The same search without the lowercase copy. When to_lower reads each byte from 0x80 into a
  // character written beyond ASCII (beyond_ascii_length), every ASCII byte of the text is
  // lowercased alone, and token_in's word boundaries are the bytes that are no ASCII letter or
  // digit: an ASCII word of the lists is a whole token of the lowercase text exactly when it is
  // one of the text's runs of ASCII letters and digits, lowercased. A word with a byte from
  // 0x80 needs its ASCII stem to be such a run, followed by a byte from 0x80; then, and for a
  // text that to_lower reads otherwise, the lowercase copy is searched.
  static_assert(std::all_of(std::begin(kRelativeDays), std::end(kRelativeDays),
                            [](const RelativeDay& r) { return is_plain_word(r.name); }) &&
                std::all_of(std::begin(kRelativeUnits), std::end(kRelativeUnits),
                            [](const RelativeUnit& u) { return is_plain_word(u.name); }) &&
                std::all_of(std::begin(kOneWords), std::end(kOneWords), is_plain_word));
  constexpr unsigned kDay = 1, kUnit = 2, kAmount = 4, kStem = 8;
  static const WordBits kWords = [] {
    WordBits w;
    auto add = [&](std::string_view word, unsigned bit) {
      const auto stem_end = std::find_if(word.begin(), word.end(), beyond_ascii);
      if (stem_end == word.end()) w.add(word, bit);
      else w.add(word.substr(0, static_cast<size_t>(stem_end - word.begin())), kStem);
    };
    for (const auto& r : kRelativeDays) add(r.name, kDay);
    add("aujourd", kDay);
    for (const auto& u : kRelativeUnits) add(u.name, kUnit);
    for (auto a : kOneWords) add(a, kAmount);
    return w;
  }();
  unsigned found = 0;
  for (size_t i = 0; i < text.size();) {
    if (beyond_ascii(text[i])) {
      const size_t n = beyond_ascii_length(text, i);
      if (n == 0) return search_lowercase();
      i += n;
      continue;
    }
    if (!is_ascii_alnum(text[i])) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && is_ascii_alnum(text[j])) ++j;
    const bool stem_end = j < text.size() && beyond_ascii(text[j]);
    if (stem_end && beyond_ascii_length(text, j) == 0) return search_lowercase();
    const unsigned bits = kWords.of_ascii(text.substr(i, j - i));
    found |= bits & ~kStem;
    if ((found & kDay) || (found & (kUnit | kAmount)) == (kUnit | kAmount)) return true;
    if (stem_end && (bits & kStem)) return search_lowercase();
    i = j;
  }
  return false;
}

bool labels_unrelated_date(std::string_view before) {
  // phpBB's "CURRENT_TIME" and "JOINED" in its en, de, fr, es, it, pt, nl and pl language
  // packs, and the masthead and profile forms of the same.
  constexpr std::string_view kLabels[] = {
      "it is currently", "current time", "today is", "aktuelle zeit", "heute ist",
      "nous sommes le", "nous sommes aujourd'hui", "fecha actual", "hoy es", "oggi è",
      "data/hora atual", "hoje é", "het is momenteel", "het is nu", "teraz jest",
      "aktualny czas", "registriert:", "registriert seit", "mitglied seit", "joined:",
      "member since", "registered:", "inscription :", "inscrit le", "membre depuis",
      "registrado:", "miembro desde", "iscritto:", "iscritto il", "membro dal",
      "registrado em", "membro desde", "lid sinds", "geregistreerd:", "dołączył",
      "rejestracja:"};
  const std::string lower = label_window(before);
  for (auto l : kLabels)
    if (lower.find(l) != std::string::npos) return true;
  return false;
}

std::vector<DateMatch> find_dates(std::string_view text, const DateOptions& options) {
  std::vector<DateMatch> out;
  if (text.empty() || text.size() > 8192) return out;
  Parser parser(text, options);
  size_t from = 0, prev_end = 0;
  while (from < parser.token_count()) {
    size_t next = 0;
    auto m = parser.next_match(from, next);
    if (!m) break;
    m->role = role_before(text.substr(prev_end, m->begin - prev_end));
    prev_end = m->end;
    out.push_back(std::move(*m));
    from = next;
  }
  return out;
}

PublishedUpdated find_published_updated(std::string_view text, const DateOptions& options) {
  PublishedUpdated r;
  std::optional<DateMatch> unlabelled;
  for (auto& m : find_dates(text, options)) {
    if (m.role == DateRole::kPublished && !r.published) r.published = m;
    else if (m.role == DateRole::kUpdated && !r.updated) r.updated = m;
    else if (m.role == DateRole::kUnknown && !unlabelled) unlabelled = m;
  }
  if (!r.published && unlabelled && !(r.updated && unlabelled->begin > r.updated->begin))
    r.published = std::move(unlabelled);
  return r;
}

bool is_weekday_name(std::string_view lowercase_word) { return in(kWeekdays, lowercase_word); }

int month_number(std::string_view lowercase_word) {
  // Every word token of every date candidate is looked up: a hash map, not a scan of the ~200
  // names. The first entry of a name wins, as in the table's order.
  static const std::unordered_map<std::string_view, int> kByName = [] {
    std::unordered_map<std::string_view, int> m;
    for (const auto& x : kMonths) m.emplace(x.name, x.month);
    return m;
  }();
  // Most words are no month name: the lengths of the names by their first byte rule them out
  // without hashing the word.
  static_assert(std::all_of(std::begin(kMonths), std::end(kMonths), [](const MonthName& x) {
    return !x.name.empty() && x.name.size() < 32;
  }));
  static const std::array<uint32_t, 256> kLengths = [] {
    std::array<uint32_t, 256> a{};
    for (const auto& x : kMonths) a[static_cast<unsigned char>(x.name[0])] |= 1u << x.name.size();
    return a;
  }();
  if (lowercase_word.empty() || lowercase_word.size() > 31 ||
      !(kLengths[static_cast<unsigned char>(lowercase_word[0])] >> lowercase_word.size() & 1))
    return 0;
  auto it = kByName.find(lowercase_word);
  return it == kByName.end() ? 0 : it->second;
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
  // Day first, as numeric dates in text are read: /29-10-2021, _29_10_2021; /10-31-2021 when the
  // second number cannot be a month. Slashes are left out: /10/31/2021 is a path, not a date.
  for (size_t i = 1; i + 10 <= path.size(); ++i) {
    if (!is_sep(path[i - 1])) continue;
    int d = digits(i, 2), m = digits(i + 3, 2), y = digits(i + 6, 4);
    char sep = path[i + 2];
    if (d < 0 || m < 0 || y < 0 || !is_sep(sep) || sep == '/' || path[i + 5] != sep) continue;
    size_t e = i + 10;
    if (e < path.size() && path[e] >= '0' && path[e] <= '9') continue;
    if (m > 12 && d <= 12) std::swap(d, m);
    if (valid_ymd(y, m, d, options)) {
      ParsedDate pd;
      pd.year = y, pd.month = m, pd.day = d;
      return pd;
    }
  }
  return std::nullopt;
}

}  // namespace gazette::metadata
