// Reading schema.org JSON-LD (<script type="application/ld+json">) for article metadata.
// Internal to src/metadata.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::metadata::jsonld {

// One schema.org object of interest, its values already cleaned (entities decoded, whitespace
// normalised). Dates are kept as written; the caller parses them.
struct Entity {
  // 0: an article (NewsArticle, BlogPosting, ...), 1: a web page (WebPage, QAPage, ...),
  // 2: another creative work (Recipe, Product, VideoObject, Question, ...).
  int rank = 2;
  std::string type;
  std::string headline;  // headline, else name
  std::vector<std::string> authors;
  std::string date_published;  // datePublished, else dateCreated, else uploadDate
  std::string date_modified;
  std::string description;
  // articleBody of an article, as written (its line breaks kept); empty when it holds markup.
  std::string body;
  std::string image;
  std::string publisher;  // publisher / sourceOrganization name
  std::string url;
  std::string language;  // inLanguage
  // Where date_published was read from ("datePublished", "dateCreated", ...), for provenance.
  std::string_view date_published_key;
  // isAccessibleForFree of the object itself: 1 true, 0 false, -1 not stated. Read from JSON
  // booleans and from the strings sites write instead ("False", "true", "http://schema.org/True").
  int free = -1;
  // A hasPart (Google's paywalled-content markup: a WebPageElement with a cssSelector) whose
  // isAccessibleForFree is false: part of the article is paywalled.
  bool paywalled_part = false;
  std::string paywalled_selector;  // that part's cssSelector, when stated
  // A hasPart accessible for free, and none that is not: the publisher states the text is free
  // (metered sites whose pages carry the paywall's template say so).
  bool free_part = false;
};

// The truth value of an isAccessibleForFree written as a string: "true", "False",
// "http://schema.org/True", "schema:False" (case-insensitive); nullopt for anything else.
std::optional<bool> truth_value(std::string_view s);

struct Info {
  std::vector<Entity> entities;  // in document order
  std::string website_name;      // name of a WebSite object
  int scripts = 0;               // JSON-LD scripts seen
  int broken = 0;                // scripts that did not parse even after repair
  // The first entity of the best (lowest) rank, or null.
  const Entity* best() const;
  // The first entity of the best rank that has a non-empty value of `field`.
  template <class F>
  const Entity* best_with(F field) const {
    const Entity* out = nullptr;
    for (const auto& e : entities)
      if (!field(e).empty() && (!out || e.rank < out->rank)) out = &e;
    return out;
  }
};

// Repairs common breakage so nlohmann::json can read it: HTML comment / CDATA wrappers, raw
// control characters inside strings, invalid escapes (\'), trailing commas, several top-level
// objects in one script, and a trailing semicolon.
std::string repair(std::string_view raw);

// Parses the given script texts (each possibly broken) and collects their entities. A script
// that does not parse even after repair() is salvaged textually (its first headline, dates,
// author name and publisher name).
Info read(const std::vector<std::string_view>& scripts);

}  // namespace gazette::metadata::jsonld
