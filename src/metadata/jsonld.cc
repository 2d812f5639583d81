#include "metadata/jsonld.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "metadata/text.h"

namespace gazette::metadata::jsonld {
namespace {

using json = nlohmann::json;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

int rank_of_type(std::string_view t) {
  // "schema:NewsArticle" / "http://schema.org/NewsArticle" -> "NewsArticle"
  size_t cut = t.find_last_of(":/");
  if (cut != std::string_view::npos) t = t.substr(cut + 1);
  if (ends_with(t, "Article") || ends_with(t, "Posting") || t == "Report" || t == "Blog" ||
      t == "NewsArticle")
    return 0;
  if (ends_with(t, "Page")) return 1;
  static constexpr std::string_view kWorks[] = {
      "Recipe", "HowTo", "VideoObject", "Product", "Event", "Course", "Review", "Question",
      "Book", "Movie", "CreativeWork", "PodcastEpisode", "Episode", "Guide", "Thesis",
      "Dataset", "SoftwareApplication", "Answer", "Comment", "Service", "JobPosting"};
  for (auto w : kWorks)
    if (t == w) return 2;
  return -1;
}

// The types of an object (string or array of strings).
std::vector<std::string> types_of(const json& o) {
  std::vector<std::string> out;
  auto it = o.find("@type");
  if (it == o.end()) return out;
  if (it->is_string()) out.push_back(it->get<std::string>());
  if (it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

class Reader {
 public:
  explicit Reader(Info& info) : info_(info) {}

  void add(const json& root) { roots_.push_back(&root); }

  void run() {
    for (const json* r : roots_) index(*r, 0);
    for (const json* r : roots_) collect(*r, 0);
  }

 private:
  // Records every object with an @id so references ({"@id": ...}) can be followed.
  void index(const json& v, int depth) {
    if (depth > 12) return;
    if (v.is_object()) {
      auto id = v.find("@id");
      if (id != v.end() && id->is_string() && v.size() > 1) {
        auto& slot = ids_[id->get<std::string>()];
        if (!slot) slot = &v;
      }
      for (const auto& [k, c] : v.items()) index(c, depth + 1);
    } else if (v.is_array()) {
      for (const auto& c : v) index(c, depth + 1);
    }
  }

  const json& deref(const json& v) const {
    if (v.is_object() && v.size() == 1) {
      auto id = v.find("@id");
      if (id != v.end() && id->is_string()) {
        auto it = ids_.find(id->get<std::string>());
        if (it != ids_.end()) return *it->second;
      }
    }
    return v;
  }

  // Objects taken as entities: the roots, members of arrays and @graph, and the mainEntity /
  // mainEntityOfPage of those. Nested objects (an ItemList's articles, an article's review) are
  // not, so a page's own article wins over the teasers it lists.
  void collect(const json& v, int depth) {
    if (depth > 4) return;
    if (v.is_array()) {
      for (const auto& c : v) collect(c, depth + 1);
      return;
    }
    if (!v.is_object()) return;
    int best_rank = -1;
    std::string type;
    for (const auto& t : types_of(v)) {
      if (t == "WebSite" || ends_with(t, ":WebSite") || ends_with(t, "/WebSite")) {
        if (info_.website_name.empty()) info_.website_name = name_of(v);
      }
      int r = rank_of_type(t);
      if (r >= 0 && (best_rank < 0 || r < best_rank)) {
        best_rank = r;
        type = t;
      }
    }
    if (best_rank >= 0) entity(v, best_rank, type);
    for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage"}) {
      auto it = v.find(key);
      if (it != v.end() && (it->is_object() || it->is_array())) collect(deref(*it), depth + 1);
    }
  }

  static std::string str(const json& v) {
    if (v.is_string()) return text::clean_value(v.get_ref<const std::string&>());
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return {};
  }

  // A name: a string, {"name": ...}, {"@value": ...}, or the first of an array of those.
  std::string name_of(const json& raw) const {
    const json& v = deref(raw);
    if (v.is_string()) return str(v);
    if (v.is_array()) {
      for (const auto& c : v) {
        std::string s = name_of(c);
        if (!s.empty()) return s;
      }
      return {};
    }
    if (!v.is_object()) return {};
    for (const char* key : {"name", "@value", "legalName", "alternateName"}) {
      auto it = v.find(key);
      if (it != v.end()) {
        std::string s = it->is_array() || it->is_object() ? name_of(*it) : str(*it);
        if (!s.empty()) return s;
      }
    }
    auto g = v.find("givenName"), f = v.find("familyName");
    if (g != v.end() || f != v.end()) {
      std::string s = (g != v.end() ? str(*g) : "") + " " + (f != v.end() ? str(*f) : "");
      return text::normalize_space(s);
    }
    return {};
  }

  std::string value_of(const json& o, std::initializer_list<const char*> keys) const {
    for (const char* key : keys) {
      auto it = o.find(key);
      if (it == o.end()) continue;
      std::string s = it->is_string() ? str(*it) : name_of(*it);
      if (!s.empty()) return s;
    }
    return {};
  }

  std::string url_of(const json& raw, int depth = 0) const {
    if (depth > 3) return {};
    const json& v = deref(raw);
    if (v.is_string()) return text::normalize_space(v.get_ref<const std::string&>());
    if (v.is_array()) {
      for (const auto& c : v) {
        std::string s = url_of(c, depth + 1);
        if (!s.empty()) return s;
      }
    }
    if (v.is_object())
      for (const char* key : {"url", "contentUrl", "@id"}) {
        auto it = v.find(key);
        if (it != v.end() && it->is_string()) return url_of(*it, depth + 1);
      }
    return {};
  }

  void authors_of(const json& raw, std::vector<std::string>& out, int depth = 0) const {
    if (depth > 3) return;
    const json& v = deref(raw);
    if (v.is_array()) {
      for (const auto& c : v) authors_of(c, out, depth + 1);
      return;
    }
    std::string s = name_of(v);
    if (!s.empty()) out.push_back(std::move(s));
  }

  void entity(const json& o, int rank, const std::string& type) {
    Entity e;
    e.rank = rank;
    e.type = type;
    e.headline = value_of(o, {"headline", "name", "alternativeHeadline"});
    for (const char* key : {"author", "creator"}) {
      auto it = o.find(key);
      if (it != o.end()) authors_of(*it, e.authors);
      if (!e.authors.empty()) break;
    }
    for (const char* key : {"datePublished", "dateCreated", "uploadDate", "startDate"}) {
      e.date_published = value_of(o, {key});
      if (!e.date_published.empty()) {
        e.date_published_key = key;
        break;
      }
    }
    e.date_modified = value_of(o, {"dateModified"});
    e.description = value_of(o, {"description"});
    if (rank == 0) {
      auto b = o.find("articleBody");
      if (b != o.end() && b->is_string()) {
        const std::string& body = b->get_ref<const std::string&>();
        // Markup in it ("<p>...") would come out as text: left to the page's own HTML.
        auto tag_at = [&](size_t i) {  // "<p", "</p": a tag, not "a < b"
          return i + 1 < body.size() &&
                 (std::isalpha(static_cast<unsigned char>(body[i + 1])) || body[i + 1] == '/');
        };
        bool markup = false;
        for (size_t i = body.find('<'); i != std::string::npos && !markup; i = body.find('<', i + 1))
          markup = tag_at(i);
        if (!markup) e.body = body;
      }
    }
    auto img = o.find("image");
    if (img == o.end()) img = o.find("thumbnailUrl");
    if (img != o.end()) e.image = url_of(*img);
    for (const char* key : {"publisher", "sourceOrganization"}) {
      auto it = o.find(key);
      if (it != o.end()) e.publisher = name_of(*it);
      if (!e.publisher.empty()) break;
    }
    if (e.publisher.empty()) {
      auto it = o.find("isPartOf");
      if (it != o.end()) {
        const json& p = deref(*it);
        for (const auto& t : types_of(p))
          if (t == "WebSite") e.publisher = name_of(p);
      }
    }
    auto u = o.find("url");
    if (u != o.end()) e.url = url_of(*u);
    auto l = o.find("inLanguage");
    if (l != o.end()) e.language = name_of(*l);
    if (auto f = o.find("isAccessibleForFree"); f != o.end()) {
      if (auto v = boolean(*f)) e.free = *v ? 1 : 0;
    }
    if (auto parts = o.find("hasPart"); parts != o.end()) paywalled_parts(*parts, e, 0);
    info_.entities.push_back(std::move(e));
  }

  // A JSON boolean, or one of the strings sites write instead.
  static std::optional<bool> boolean(const json& v) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) return truth_value(v.get_ref<const std::string&>());
    return std::nullopt;
  }

  // hasPart: one part or an array of them; a part not accessible for free makes the article
  // paywalled (its cssSelector tells which part).
  void paywalled_parts(const json& raw, Entity& e, int depth) const {
    if (depth > 3) return;
    const json& v = deref(raw);
    if (v.is_array()) {
      for (const auto& c : v) paywalled_parts(c, e, depth + 1);
      return;
    }
    if (!v.is_object()) return;
    auto f = v.find("isAccessibleForFree");
    if (f == v.end()) return;
    std::optional<bool> free = boolean(*f);
    if (free == true && !e.paywalled_part) e.free_part = true;
    if (free != false) return;
    e.free_part = false;
    e.paywalled_part = true;
    if (auto sel = v.find("cssSelector"); sel != v.end() && e.paywalled_selector.empty())
      e.paywalled_selector = str(*sel);
  }

  Info& info_;
  std::vector<const json*> roots_;
  std::unordered_map<std::string, const json*> ids_;
};

}  // namespace

std::optional<bool> truth_value(std::string_view s) {
  // "http://schema.org/True", "schema:False": the last segment.
  size_t cut = s.find_last_of(":/");
  if (cut != std::string_view::npos) s = s.substr(cut + 1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (text::iequals(s, "true")) return true;
  if (text::iequals(s, "false")) return false;
  return std::nullopt;
}

const Entity* Info::best() const {
  const Entity* out = nullptr;
  for (const auto& e : entities)
    if (!out || e.rank < out->rank) out = &e;
  return out;
}

std::string repair(std::string_view raw) {
  std::string_view s = raw;
  auto trim = [](std::string_view& v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  };
  trim(s);
  for (std::string_view p : {"<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["}) {
    if (s.substr(0, p.size()) == p) {
      s.remove_prefix(p.size());
      trim(s);
    }
  }
  for (std::string_view p : {"-->", "//]]>", "/*]]>*/", "]]>", ";"}) {
    if (ends_with(s, p)) {
      s.remove_suffix(p.size());
      trim(s);
    }
  }
  std::string out;
  out.reserve(s.size() + 8);
  bool in_string = false;
  int depth = 0;
  int top_level_values = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        if (i + 1 >= s.size()) break;
        char n = s[i + 1];
        if (n == '"' || n == '\\' || n == '/' || n == 'b' || n == 'f' || n == 'n' || n == 'r' ||
            n == 't' || n == 'u') {
          out += c;
          out += n;
        } else if (static_cast<unsigned char>(n) >= 0x20) {
          out += n;  // \' and other invalid escapes: keep the character
        }
        ++i;
      } else if (c == '"') {
        in_string = false;
        out += c;
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else if (static_cast<unsigned char>(c) < 0x20) {
        // drop \r and other raw control characters
      } else {
        out += c;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (depth == 0) {
        if (top_level_values > 0) out += ',';
        ++top_level_values;
      }
      ++depth;
    } else if (c == '}' || c == ']') {
      // Trailing comma: drop a ',' that is the last non-space character before the closer.
      size_t k = out.size();
      while (k > 0 && std::isspace(static_cast<unsigned char>(out[k - 1]))) --k;
      if (k > 0 && out[k - 1] == ',') out.erase(k - 1, 1);
      if (depth > 0) --depth;
    } else if (depth == 0 && (c == ',' || c == ';')) {
      continue;  // separators between top-level values are re-inserted above
    }
    out += c;
  }
  if (top_level_values > 1) out = "[" + out + "]";
  return out;
}

namespace {

// The string value of the first `"key": "..."` in raw text, or "".
std::string raw_string_after(std::string_view s, size_t from, std::string_view key, size_t window) {
  std::string needle = "\"" + std::string(key) + "\"";
  size_t k = s.find(needle, from);
  if (k == std::string_view::npos || k - from > window) return {};
  size_t i = k + needle.size();
  while (i < s.size() && (s[i] == ' ' || s[i] == ':' || s[i] == '\n' || s[i] == '\t')) ++i;
  if (i >= s.size() || s[i] != '"') return {};
  std::string out;
  for (++i; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out += s[i];
  }
  return text::clean_value(out);
}

// isAccessibleForFree in text that does not parse: a false one after "hasPart" is a paywalled
// part, before it the article's own; a true one counts only when no false one is seen.
void salvage_access(std::string_view s, Entity& e) {
  static constexpr std::string_view kKey = "\"isAccessibleForFree\"";
  size_t has_part = s.find("\"hasPart\"");
  bool any_true = false;
  for (size_t k = s.find(kKey); k != std::string_view::npos; k = s.find(kKey, k + 1)) {
    size_t i = k + kKey.size();
    while (i < s.size() && (s[i] == ' ' || s[i] == ':' || s[i] == '"' || s[i] == '\n')) ++i;
    size_t end = i;
    while (end < s.size() && s[end] != '"' && s[end] != ',' && s[end] != '}' && s[end] != ' ')
      ++end;
    auto v = truth_value(s.substr(i, end - i));
    if (v == false) {
      if (has_part != std::string_view::npos && k > has_part)
        e.paywalled_part = true;
      else
        e.free = 0;
    } else if (v == true) {
      any_true = true;
    }
  }
  if (any_true && e.free < 0 && !e.paywalled_part) e.free = 1;
}

// Last resort for JSON-LD that does not parse even after repair (typically unescaped quotes in
// an HTML snippet inside a string): the flat values of the first object, read textually.
bool salvage(std::string_view s, Info& info) {
  std::string type = raw_string_after(s, 0, "@type", s.size());
  int rank = rank_of_type(type);
  if (rank < 0) {
    // e.g. an Organization first, the article later: look for an article type anywhere.
    for (std::string_view t : {"NewsArticle", "BlogPosting", "Article"})
      if (s.find("\"" + std::string(t) + "\"") != std::string_view::npos) {
        rank = 0;
        type = std::string(t);
        break;
      }
  }
  if (rank < 0) return false;
  Entity e;
  e.rank = rank;
  e.type = type;
  e.headline = raw_string_after(s, 0, "headline", s.size());
  e.date_published = raw_string_after(s, 0, "datePublished", s.size());
  e.date_published_key = "datePublished";
  if (e.date_published.empty()) {
    e.date_published = raw_string_after(s, 0, "dateCreated", s.size());
    e.date_published_key = "dateCreated";
  }
  e.date_modified = raw_string_after(s, 0, "dateModified", s.size());
  e.description = raw_string_after(s, 0, "description", s.size());
  size_t a = s.find("\"author\"");
  if (a != std::string_view::npos) {
    std::string name = raw_string_after(s, a, "author", 16);
    if (name.empty()) name = raw_string_after(s, a, "name", 200);
    if (!name.empty()) e.authors.push_back(name);
  }
  size_t p = s.find("\"publisher\"");
  if (p != std::string_view::npos) e.publisher = raw_string_after(s, p, "name", 200);
  salvage_access(s, e);
  if (e.headline.empty() && e.date_published.empty() && e.authors.empty()) return false;
  info.entities.push_back(std::move(e));
  return true;
}

}  // namespace

Info read(const std::vector<std::string_view>& scripts) {
  Info info;
  std::vector<std::string_view> salvaged;
  std::vector<json> docs;
  docs.reserve(scripts.size());
  for (std::string_view s : scripts) {
    ++info.scripts;
    json j = json::parse(s, nullptr, false);
    if (j.is_discarded()) j = json::parse(repair(s), nullptr, false);
    if (j.is_discarded()) {
      ++info.broken;
      salvaged.push_back(s);
      continue;
    }
    docs.push_back(std::move(j));
  }
  Reader reader(info);
  for (const auto& d : docs) reader.add(d);
  reader.run();
  for (std::string_view s : salvaged) salvage(s, info);
  return info;
}

}  // namespace gazette::metadata::jsonld
