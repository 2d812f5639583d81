// Fuzz target: the JSON-LD reader (src/metadata/jsonld.h): repair of broken scripts, the
// schema.org walk (@graph, @id references, nested authors) and the textual salvage.
//
// The input is one or more script texts separated by NUL bytes (at most 8 scripts), made valid
// UTF-8 as script text from the DOM always is.
// Checks: every script is counted, broken ones are at most all of them; every value of every
// entity is valid UTF-8 and ranks are 0-2; best() and best_with() point into the entities;
// repair() keeps valid UTF-8 valid.
#include <string>
#include <vector>

#include "fuzz.h"
#include "metadata/jsonld.h"

GAZETTE_FUZZ_TARGET(jsonld) {
  using namespace gazette_fuzz;
  namespace jsonld = gazette::metadata::jsonld;
  Input input(data, size);
  std::string text = valid_utf8(input.bytes());

  std::vector<std::string_view> scripts;
  std::string_view rest = text;
  while (scripts.size() < 8) {
    size_t nul = rest.find('\0');
    scripts.push_back(rest.substr(0, nul));
    if (nul == std::string_view::npos) break;
    rest.remove_prefix(nul + 1);
  }
  for (std::string_view s : scripts) GAZETTE_FUZZ_CHECK(is_valid_utf8(jsonld::repair(s)));

  jsonld::Info info = jsonld::read(scripts);
  GAZETTE_FUZZ_CHECK(info.scripts == static_cast<int>(scripts.size()));
  GAZETTE_FUZZ_CHECK(info.broken >= 0 && info.broken <= info.scripts);
  GAZETTE_FUZZ_CHECK(is_valid_utf8(info.website_name));
  for (const jsonld::Entity& e : info.entities) {
    GAZETTE_FUZZ_CHECK(e.rank >= 0 && e.rank <= 2);
    for (const std::string* s : {&e.type, &e.headline, &e.date_published, &e.date_modified,
                                 &e.description, &e.image, &e.publisher, &e.url, &e.language})
      GAZETTE_FUZZ_CHECK(is_valid_utf8(*s));
    for (const std::string& a : e.authors) GAZETTE_FUZZ_CHECK(is_valid_utf8(a));
  }
  auto inside = [&](const jsonld::Entity* e) {
    return e == nullptr ||
           (e >= info.entities.data() && e < info.entities.data() + info.entities.size());
  };
  GAZETTE_FUZZ_CHECK(inside(info.best()));
  GAZETTE_FUZZ_CHECK(inside(info.best_with([](const jsonld::Entity& e) { return e.headline; })));
  return 0;
}
