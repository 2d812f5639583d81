// Checks on an extracted gazette::Article and the records written from it, shared by the
// pipeline fuzz targets (extract, scraped_text).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "fuzz.h"
#include "gazette/gazette.h"
#include "metadata/date.h"

namespace gazette_fuzz {

// A date field holds what parse_date() reads back to the same text (README: ISO 8601).
inline void check_iso_date(const std::string& field) {
  if (field.empty()) return;
  auto d = gazette::metadata::parse_date(field);
  GAZETTE_FUZZ_CHECK_MSG(d.has_value(), "date field is not a date: " + field);
  GAZETTE_FUZZ_CHECK_MSG(d->iso() == field || d->rfc3339() == field,
                         "date field is not ISO 8601 as written: " + field);
}

inline void check_article(const gazette::Article& a) {
  for (const std::string* s :
       {&a.source, &a.url, &a.title, &a.title_display, &a.date_published, &a.date_published_raw,
        &a.date_modified, &a.date_modified_raw, &a.dateline.place, &a.dateline.agency,
        &a.site_name, &a.language, &a.description, &a.image, &a.body})
    GAZETTE_FUZZ_CHECK(is_valid_utf8(*s));
  for (const std::string& s : a.authors) GAZETTE_FUZZ_CHECK(is_valid_utf8(s) && !s.empty());
  for (const gazette::Block& b : a.blocks) GAZETTE_FUZZ_CHECK(is_valid_utf8(b.text));
  check_iso_date(a.date_published);
  check_iso_date(a.date_modified);

  // The records: one line of valid JSON each, holding the article's own values.
  for (gazette::Format f : {gazette::Format::kText, gazette::Format::kMarkdown}) {
    std::string line = gazette::to_json(a, f);
    GAZETTE_FUZZ_CHECK(line.find('\n') == std::string::npos);
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    GAZETTE_FUZZ_CHECK_MSG(j.is_object(), "to_json is not a JSON object: " + line.substr(0, 200));
    GAZETTE_FUZZ_CHECK(j.value("source", std::string("\x01")) == a.source);
    if (f == gazette::Format::kText) GAZETTE_FUZZ_CHECK(j.value("body", std::string()) == a.body);
    std::string body = gazette::render_body(a, f);
    GAZETTE_FUZZ_CHECK(is_valid_utf8(body));
  }
}

inline void check_error(std::string_view source, const gazette::Error& e) {
  GAZETTE_FUZZ_CHECK(!e.message.empty());
  std::string line = gazette::error_json(source, e);
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  GAZETTE_FUZZ_CHECK_MSG(j.is_object() && j.contains("error"), line);
}

}  // namespace gazette_fuzz
