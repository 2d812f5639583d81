#include "text/scraped_text.h"

#include <vector>

#include "metadata/access.h"
#include "metadata/dateline.h"
#include "metadata/metadata.h"
#include "metadata/provenance.h"
#include "metadata/text.h"
#include "metadata/thresholds.h"
#include "metadata/titlecase.h"

namespace gazette::text {
namespace {

namespace mt = metadata::text;
namespace th = metadata::thresholds;

// Bounds of the header lines, in bytes: a site line is a name, a date line a date with its
// labels, a headline shorter than a paragraph.
constexpr size_t kMaxSiteLineBytes = 40;
constexpr size_t kMaxSiteLineWords = 4;
constexpr size_t kMaxDateLineBytes = 160;
constexpr size_t kMaxHeadlineBytes = 300;
constexpr size_t kMinHeadlineWords = 3;
// A line this long that ends a sentence is a paragraph of the story, not a header line.
constexpr size_t kMinStoryBytes = 100;
// How many lines after a short first line are searched for the headline it names the site of.
constexpr size_t kHeaderLookahead = 4;
// A date line may carry labels ("Publié le", "mis à jour le", "Par la rédaction"), not prose:
// at most this many bytes outside its dates.
constexpr size_t kMaxDateLineLabelBytes = 48;
// Furniture lines are short; a longer line with "read more" in it is prose.
constexpr size_t kMaxFurnitureBytes = 90;
constexpr size_t kMaxFurnitureLeadBytes = 200;
// A wrapped paragraph: lines at least this long that do not end a sentence are joined with the
// next line when it starts in lowercase.
constexpr size_t kMinWrappedLineBytes = 60;

// Whole furniture lines, or their ending ("L'info de A à Z Voir Plus"); lowercase, compared
// after trailing dots, ellipses, arrows and colons are stripped.
constexpr std::string_view kFurniture[] = {
    // en
    "loading", "read more", "see more", "show more", "load more", "continue reading", "share",
    "share this", "share this article", "share this story", "subscribe", "subscribe now",
    "sign up", "sign up for our newsletter", "advertisement", "follow us", "print", "email",
    "copy link", "comments", "view comments", "tweet",
    // fr
    "chargement", "chargement en cours", "voir plus", "lire plus", "lire la suite",
    "en savoir plus", "partager", "partager cet article", "s'abonner", "abonnez-vous",
    "je m'abonne", "publicité", "suivez-nous", "imprimer", "copier le lien", "commentaires",
    // de
    "wird geladen", "lädt", "weiterlesen", "mehr lesen", "mehr anzeigen", "mehr dazu", "teilen",
    "artikel teilen", "abonnieren", "jetzt abonnieren", "anzeige", "werbung", "folgen sie uns",
    "drucken", "link kopieren", "kommentare",
    // es
    "cargando", "leer más", "ver más", "seguir leyendo", "compartir", "suscríbete",
    "suscribirse", "publicidad", "síguenos", "imprimir", "copiar enlace", "comentarios",
    // it
    "caricamento", "caricamento in corso", "leggi di più", "leggi tutto", "mostra altro",
    "condividi", "iscriviti", "abbonati", "pubblicità", "seguici", "stampa", "commenti",
    // pt
    "carregando", "a carregar", "leia mais", "ver mais", "continue lendo", "compartilhar",
    "partilhar", "assine", "inscreva-se", "publicidade", "siga-nos",
    // nl
    "laden", "lees meer", "meer lezen", "toon meer", "delen", "abonneren", "advertentie",
    "volg ons",
    // pl
    "ładowanie", "czytaj więcej", "zobacz więcej", "pokaż więcej", "udostępnij", "subskrybuj",
    "reklama", "obserwuj nas", "komentarze",
};

// Furniture line openings: "Lire aussi : ...", "Read more: ...", "Share on Facebook".
constexpr std::string_view kFurnitureLeads[] = {
    "lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "à voir aussi", "partager sur",
    "read also", "read more:", "related:", "see also", "also read", "share on", "share via",
    "lesen sie auch", "auch interessant", "mehr zum thema", "teilen auf", "teilen per",
    "lee también", "leer también", "te puede interesar", "compartir en", "leggi anche",
    "potrebbe interessarti", "condividi su", "leia também", "veja também", "leia mais:",
    "compartilhar no", "partilhar no", "lees ook", "delen op", "czytaj też", "czytaj także",
    "zobacz też", "zobacz także", "udostępnij na", "©", "copyright", "tags:", "mots-clés",
    "schlagworte", "etiquetas:", "tag:"};

std::string fold(std::string_view s) { return mt::to_lower(mt::normalize_space(s)); }

// Lowercase letters and digits only: "Lagazette" and "La Gazette" are the same name.
std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : mt::to_lower(s))
    if (c != ' ' && c != '-' && c != '.' && c != '\'' && c != '_') out += c;
  return out;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool ends_sentence(std::string_view s) {
  for (std::string_view end : {".", "!", "?", "»", "”", "\"", "…", ":", ")"})
    if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return true;
  return false;
}

bool starts_lowercase(std::string_view s) {
  return !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') ||
                        (static_cast<unsigned char>(s[0]) == 0xC3 && s.size() > 1 &&
                         static_cast<unsigned char>(s[1]) >= 0xA0));
}

size_t word_count(std::string_view s) { return mt::split_ws(s).size(); }

// Units of text: lines, with wrapped lines of one paragraph joined.
std::vector<std::string> read_units(std::string_view text) {
  std::vector<std::string> units;
  bool open = false;  // the last unit may take the next line (same block, wrapped)
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) {
      open = false;
      if (nl >= text.size()) break;
      continue;
    }
    if (open && starts_lowercase(line)) {
      units.back() += ' ';
      units.back() += line;
    } else {
      units.emplace_back(line);
    }
    open = units.back().size() >= kMinWrappedLineBytes && !ends_sentence(units.back());
    if (nl >= text.size()) break;
  }
  return units;
}

std::string strip_trailing_marks(std::string s) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (std::string_view end : {".", "…", ":", "›", "»", ">", "→", "+", "!"}) {
      if (s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0) {
        s.resize(s.size() - end.size());
        while (!s.empty() && s.back() == ' ') s.pop_back();
        changed = true;
      }
    }
  }
  return s;
}

struct DateLine {
  std::optional<metadata::DateMatch> published, updated;
};

// A unit that is a date line: short, with a date, and little else.
std::optional<DateLine> date_line(std::string_view unit, const metadata::DateOptions& options) {
  if (unit.size() > kMaxDateLineBytes) return std::nullopt;
  auto dates = metadata::find_dates(unit, options);
  if (dates.empty()) return std::nullopt;
  size_t covered = 0;
  for (const auto& d : dates) covered += d.end - d.begin;
  if (unit.size() - covered > kMaxDateLineLabelBytes) return std::nullopt;
  auto pu = metadata::find_published_updated(unit, options);
  return DateLine{pu.published, pu.updated};
}

// "Par Jean Dupont", "By Jane Doe", "Von Max Muster": a byline of its own.
bool byline(std::string_view unit) {
  if (unit.size() > th::kMaxBylineChars) return false;
  std::string lower = fold(unit);
  for (std::string_view lead : {"by ", "par ", "von ", "por ", "di ", "de ", "door ", "przez ",
                                "autor: ", "auteur : ", "author: "})
    if (lower.rfind(lead, 0) == 0) return !metadata::clean_authors(unit).empty();
  return false;
}

}  // namespace

bool is_furniture_line(std::string_view line) {
  if (line.size() > kMaxFurnitureLeadBytes) return false;
  std::string lower = fold(line);
  for (auto lead : kFurnitureLeads)
    if (lower.rfind(lead, 0) == 0) return true;
  if (line.size() > kMaxFurnitureBytes) return false;
  std::string core = strip_trailing_marks(lower);
  for (auto f : kFurniture) {
    if (core == f) return true;
    // "L'info de A à Z Voir Plus": the line ends with the link's words.
    if (core.size() > f.size() && f.size() >= 6 &&
        core.compare(core.size() - f.size(), f.size(), f) == 0 &&
        core[core.size() - f.size() - 1] == ' ' && word_count(core) <= 8)
      return true;
  }
  return false;
}

Result<ScrapedArticle> read_scraped_text(std::string_view text, const Options& options,
                                         const ScrapedTextOptions& text_options) {
  if (text.size() > options.max_input_bytes)
    return Error{ErrorCode::kTooLarge,
                 "text exceeds " + std::to_string(options.max_input_bytes >> 20) + " MiB"};
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string normalized;
  normalized.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      normalized += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      normalized += text[i];
    }
  }
  std::vector<std::string> units = read_units(normalized);

  // Provenance: every field of a scraped text comes from one of its lines ("scraped-text
  // line"), but the URL (given) and the language (detected).
  Result<metadata::Policy> policy = metadata::Policy::from(options);
  if (!policy) return policy.error();
  metadata::Selection selection(*policy);
  using metadata::FieldId;
  using metadata::Source;
  auto field = [&](FieldId id) -> metadata::Field& { return selection[id]; };

  metadata::DateOptions date_options;
  date_options.min_year = th::kMinYear;
  date_options.max_year = th::kMaxYear;
  date_options.reference = text_options.reference_time;

  ScrapedArticle out;
  Article& a = out.article;
  ScrapedExtras& x = out.extras;
  a.source = options.url;
  a.url = options.url;
  if (!a.url.empty()) field(FieldId::kUrl).offer(Source::kUrl, "", a.url);

  // The header: site line, headline, date line, byline and dateline, in any order, before the
  // first paragraph of the story.
  std::string site_line;
  std::string headline_key;
  std::optional<DateLine> dates;
  size_t date_unit = 0;
  std::string_view dateline_key;  // which line the dateline was read from, for provenance

  // Units that are header metadata whatever their place.
  auto meta_unit = [&](std::string_view u) {
    size_t consumed = 0;
    auto dl = metadata::parse_dateline(u, &consumed);
    return (dl && consumed >= u.size()) || byline(u) || is_furniture_line(u) ||
           date_line(u, date_options).has_value();
  };
  auto story_paragraph = [&](std::string_view u) {
    return (u.size() >= kMinStoryBytes && ends_sentence(u)) || u.size() > kMaxHeadlineBytes;
  };
  auto headline_like = [&](std::string_view u) {
    return word_count(u) >= kMinHeadlineWords && u.size() <= kMaxHeadlineBytes &&
           !story_paragraph(u) && !meta_unit(u);
  };
  auto site_like = [&](std::string_view u) {
    return word_count(u) <= kMaxSiteLineWords && u.size() <= kMaxSiteLineBytes && !ends_sentence(u);
  };

  // The header: site line, headline, date line, byline and dateline, in any order, before the
  // first paragraph of the story.
  size_t i = 0;
  for (; i < units.size(); ++i) {
    const std::string& u = units[i];
    if (!headline_key.empty() && fold(u) == headline_key) continue;  // a repeated headline
    if (!dates) {
      if (auto d = date_line(u, date_options); d && (d->published || d->updated)) {
        dates = std::move(d);
        date_unit = i;
        continue;
      }
    }
    size_t consumed = 0;
    if (!x.dateline) {
      if (auto dl = metadata::parse_dateline(u, &consumed); dl && consumed >= u.size()) {
        x.dateline = std::move(dl);
        dateline_key = "dateline line";
        field(FieldId::kDateline)
            .offer(Source::kScrapedText, dateline_key, metadata::written_dateline(u, consumed));
        continue;
      }
    }
    if (a.authors.empty() && byline(u)) {
      a.authors = metadata::clean_authors(u);
      field(FieldId::kAuthors).offer_names(Source::kScrapedText, "byline line", a.authors);
      continue;
    }
    if (is_furniture_line(u)) continue;
    if (!headline_key.empty() || story_paragraph(u)) break;
    // A short first line is the site's name when a headline follows it.
    if (site_line.empty() && site_like(u)) {
      bool headline_follows = false;
      for (size_t j = i + 1; j < units.size() && j <= i + kHeaderLookahead; ++j) {
        if (story_paragraph(units[j])) break;
        if (headline_like(units[j])) headline_follows = true;
      }
      if (headline_follows) {
        site_line = u;
        continue;
      }
    }
    if (headline_like(u)) {
      a.title = u;
      headline_key = fold(u);
      field(FieldId::kTitle).offer(Source::kScrapedText, "headline line", a.title);
      continue;
    }
    break;
  }

  // The body: the rest, without furniture and without copies of the headline.
  std::vector<std::string_view> body;
  // A subscription notice among the furniture after the story's last paragraph: scrapers keep
  // it where a page cuts the story off, and the furniture filter drops it from the body.
  std::string_view trailing_notice;
  for (; i < units.size(); ++i) {
    const std::string& u = units[i];
    if (is_furniture_line(u)) {
      if (!body.empty() && metadata::access::is_subscription_notice(u)) trailing_notice = u;
      continue;
    }
    if (!headline_key.empty() && fold(u) == headline_key) continue;
    body.push_back(u);
    trailing_notice = {};
  }
  if (body.empty()) return Error{ErrorCode::kNoContent, "no article text found"};
  if (!x.dateline) {
    // A dateline that opens the first sentence stays in the body.
    size_t consumed = 0;
    if (auto dl = metadata::parse_dateline(body.front(), &consumed)) {
      x.dateline = std::move(dl);
      dateline_key = "first paragraph";
      field(FieldId::kDateline)
          .offer(Source::kScrapedText, dateline_key,
                 metadata::written_dateline(body.front(), consumed));
    }
  }
  for (auto p : body) {
    Block b;
    b.kind = Block::Kind::kParagraph;
    b.text = std::string(p);
    a.blocks.push_back(std::move(b));
  }
  a.body = render_body(a, Format::kText);

  if (dates) {
    const std::string& line = units[date_unit];
    auto span = [&](const metadata::DateMatch& m) { return std::string(m.in(line)); };
    if (dates->published) {
      a.date_published = dates->published->date.rfc3339();
      x.date_published_raw = span(*dates->published);
      field(FieldId::kDatePublished).offer(Source::kScrapedText, "date line", a.date_published);
    }
    if (dates->updated) {
      a.date_modified = dates->updated->date.rfc3339();
      x.date_modified_raw = span(*dates->updated);
      field(FieldId::kDateModified).offer(Source::kScrapedText, "date line", a.date_modified);
    }
  }

  // The site's name: the site line, spelt as the source line spells it when they are the same
  // name ("Lagazette" / "La Gazette").
  a.site_name = site_line;
  metadata::Field& site = field(FieldId::kSiteName);
  if (x.dateline && !x.dateline->agency.empty() && !site_line.empty() &&
      squeeze(site_line) == squeeze(x.dateline->agency)) {
    a.site_name = x.dateline->agency;
    site.offer(Source::kScrapedText, dateline_key, a.site_name);
  }
  if (!site_line.empty())
    site.offer(Source::kScrapedText, "site line", site_line, 0,
               "the same name, spelt as the dateline spells it");

  if (!trailing_notice.empty())
    field(FieldId::kAccess)
        .offer(Source::kScrapedText,
               selection.policy().explain() ? "notice line \"" + std::string(trailing_notice) + "\""
                                            : std::string(),
               std::string(metadata::access::kPaywalled));
  // Language from the text, access from the closing paragraphs, provenance.
  metadata::finish(a, selection);
  if (metadata::is_all_capitals(a.title)) x.title_display = metadata::sentence_case(a.title, a.language);
  return out;
}

Result<Article> extract_scraped_text(std::string_view utf8_text, const Options& options) {
  auto r = read_scraped_text(utf8_text, options);
  if (!r) return r.error();
  return std::move(r->article);
}

}  // namespace gazette::text
