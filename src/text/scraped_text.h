// Scraped text as input: the plain-text dump a scraper leaves of a news page.
//
//   Lagazette                                   <- site line
//
//   LES ÉTATS-UNIS METTENT EN GARDE ...         <- headline (repeated copies collapsed)
//
//   31 Août 2023 16:12 (UTC+01:00)              <- date line (published, and updated if stated)
//   LES ÉTATS-UNIS METTENT EN GARDE ...
//
//   Paris / La Gazette                          <- dateline / source line
//
//   La Maison Blanche a mis en garde ...        <- body paragraphs
//   ...
//   Loading...                                  <- trailing furniture, dropped
//   L'info de A à Z Voir Plus
//
// Paragraphs are lines (or runs of wrapped lines) separated by blank lines; the body is
// rendered as Gazette renders any body (paragraphs joined by one blank line).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gazette/gazette.h"
#include "metadata/date.h"

namespace gazette::text {

// What a scraped text gives beyond gazette::Article's current members. These move into Article
// when it gains them (title_display, date_published_raw, dateline).
struct ScrapedExtras {
  std::string title_display;       // sentence case of an all-capitals headline, else ""
  std::string date_published_raw;  // the published date as the text writes it
  std::string date_modified_raw;
  std::optional<Dateline> dateline;
};

struct ScrapedArticle {
  Article article;
  ScrapedExtras extras;
};

struct ScrapedTextOptions {
  // Resolves relative dates ("il y a 3 heures", "yesterday"); none when unset.
  std::optional<metadata::ParsedDate> reference_time;
};

// The record of a scraped text. Errors: kTooLarge (over options.max_input_bytes), kNoContent
// (no body paragraph).
Result<ScrapedArticle> read_scraped_text(std::string_view utf8_text, const Options& options,
                                         const ScrapedTextOptions& text_options = {});

// The same, Article only (the public API's shape).
Result<Article> extract_scraped_text(std::string_view utf8_text, const Options& options);

// Exposed for tests: true when a short line is page furniture ("Loading...", "Voir plus",
// "Read more", "Lire aussi : ...", share and subscribe lines) in fr, en, de, es, it, pt, nl, pl.
bool is_furniture_line(std::string_view line);

}  // namespace gazette::text
