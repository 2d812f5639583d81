#include "extract/boilerplate.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <unordered_map>
#include <unordered_set>
#include <vector>
#include <string>

#include "extract/constants.h"
#include "util/ascii.h"
#include "util/word_list.h"

namespace gazette::extract {
namespace {

using dom::Node;
using util::WordList;
using dom::Tag;

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// Readability's REGEXPS.positive / negative, as substrings, plus tokens that are too short to
// match as substrings.
const WordList kPositive = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story"};
const WordList kNegative = {
    "hidden", "banner", "combx", "comment", "contact", "footer", "gdpr", "masthead", "media",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "taboola", "byline"};
const WordList kNegativeTokens = {"ad", "ads", "hid", "com", "meta", "tags"};

// Containers that are boilerplate whatever their size (Readability's unlikelyCandidates and
// trafilatura's discard list).
const WordList kBoilerplate = {
    "breadcrumb", "combx", "cover-wrap", "footer", "gdpr",
    "menu", "related", "rss", "shoutbox", "sidebar", "skyscraper",
    "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "newsletter", "cookie", "consent", "subscribe", "signup", "sign-up", "share", "sharing",
    "teaser", "recommend", "most-popular", "mostpopular", "trending", "navbar", "navigation",
    "toolbar", "outbrain", "taboola", "banner", "modal", "jump-link", "skip-link", "paywall",
    "credit", "copyright", "bildnachweis", "photographer"};
// Not "widget" (here nor in kNegative): page builders (Elementor, WPBakery) wrap the article
// text itself in widgets.
const WordList kBoilerplateTokens = {
    "nav", "ad", "ads", "advert", "tags", "tag", "login", "header", "masthead"};
// Words so specific to boilerplate that they win over a content word in the same class
// ("related-articles", "article-share", "post-comments").
const WordList kStrongBoilerplate = {
    "related", "share", "sharing", "social", "newsletter", "cookie", "consent", "subscribe",
    "signup", "recommend", "trending", "most-popular", "mostpopular", "breadcrumb",
    "outbrain", "taboola"};
// Readers' comments and replies: boilerplate under an article, the content of a forum thread.
const WordList kCommentWords = {"comment", "replies", "remark", "disqus", "community"};
// A class that also says this is content keeps the element (Readability's
// okMaybeItsACandidate).
const WordList kMaybeContent = {"and", "article", "body", "column",
                                                          "content", "main", "shadow"};




// What a class or id value says. An element's judgement combines the flags of its class and
// of its id.
struct NameFlags {
  bool negative = false, positive = false;    // Readability's class weight
  bool strong = false, comments = false;      // boilerplate (after dropping layout tokens)
  bool bad = false, maybe_content = false;    // weak boilerplate, unless it says content
  bool content_class = false;                 // a known article-body class token
  bool metadata = false;                      // byline, dateline, date
};

// The flags of one lowercase token of a class or id value.
NameFlags token_flags(const std::string& t) {
  NameFlags f;
  f.negative = kNegative.in(t) || kNegativeTokens.token_in(t);
  f.positive = kPositive.in(t);
  // Class names of the article body in common CMSs and themes (WordPress, Drupal, Ghost,
  // newspaper templates), matched as whole tokens: BEM modifiers ("page-content--product")
  // are other components.
  static const std::unordered_set<std::string_view> kContentClasses = {
      "entry-content", "post-content", "article-content", "article-body", "articlebody",
      "article__body", "article-text", "article__content", "story-body", "story-content",
      "post-body", "post-entry", "postbody", "post-text", "blog-post-content", "td-post-content",
      "single-content", "single-post-content", "news-content", "content-body", "body-text",
      "text-content", "field-name-body", "field--name-body", "node-content", "rich-text",
      "richtext", "page-content", "main-content", "article-main", "articletext", "story-text",
      "entry-body", "c-article-body", "article_body", "story__body", "post__content",
      "entry__content", "article-detail", "content-article"};
  f.content_class = kContentClasses.count(t) > 0;
  static const WordList kMetadataWords = {
      "byline", "dateline", "author", "timestamp", "published", "pubdate", "post-date",
      "article-date", "entry-date", "posted-on", "post-info", "article-info"};
  static const WordList kMetadataTokens = {"meta", "date", "time", "datum", "entry-meta"};
  f.metadata = kMetadataWords.in(t) || kMetadataTokens.token_in(t);
  // Layout classes describe the page, not this element: state classes ("has-sidebar",
  // "with-comments", "no-share") and layout names ("c-fixed-sidebar-layout--300") say
  // nothing about boilerplate.
  bool layout = t.rfind("has-", 0) == 0 || t.rfind("with-", 0) == 0 || t.rfind("no-", 0) == 0 ||
                contains(t, "layout");
  if (layout) return f;
  f.strong = kStrongBoilerplate.in(t);
  // "commentary" is an opinion piece, not readers' comments.
  f.comments = kCommentWords.in(t) && !contains(t, "commentary");
  f.bad = kBoilerplate.in(t) || kBoilerplateTokens.token_in(t);
  f.maybe_content = kMaybeContent.in(t);
  return f;
}

// Pages repeat the same class tokens on hundreds of elements (utility-class frameworks put
// dozens on each), and a site repeats them across pages: the flags of recent tokens are kept
// per thread (bounded: cleared when full).
const NameFlags& cached_token_flags(std::string_view raw) {
  static thread_local std::unordered_map<std::string, NameFlags> cache;
  static thread_local std::string key;
  key.assign(raw);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  if (cache.size() >= k::kNameCacheEntries) cache.clear();
  return cache.emplace(key, token_flags(util::ascii_lowercase(raw))).first->second;
}

// What a whole class or id value says: every test is within one whitespace-separated token,
// so the value's flags are those of its tokens together.
// Class tokens go through the cache; ids are mostly unique and would only crowd it.
NameFlags flags_of(std::string_view raw, bool cache) {
  NameFlags f;
  size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while (i < raw.size()) {
    while (i < raw.size() && space(raw[i])) ++i;
    size_t j = i;
    while (j < raw.size() && !space(raw[j])) ++j;
    if (j > i) {
      std::string_view token = raw.substr(i, j - i);
      NameFlags uncached;
      const NameFlags& t = cache ? cached_token_flags(token)
                                 : (uncached = token_flags(util::ascii_lowercase(token)));
      f.negative |= t.negative;
      f.positive |= t.positive;
      f.strong |= t.strong;
      f.comments |= t.comments;
      f.bad |= t.bad;
      f.maybe_content |= t.maybe_content;
      f.content_class |= t.content_class;
      f.metadata |= t.metadata;
    }
    i = j;
  }
  return f;
}

Classification classify_with(const Node* n, const NameFlags& cls, const NameFlags& id) {
  Classification c;
  for (const NameFlags* f : {&cls, &id}) {
    if (f->negative) c.weight -= k::kClassWeight;
    if (f->positive) c.weight += k::kClassWeight;
  }
  // Boilerplate: by tag, then role, then class and id.
  std::string_view role = n->attr("role");
  switch (n->tag) {
    case Tag::Nav: case Tag::Aside: case Tag::Footer: case Tag::Menu: case Tag::Dialog:
      c.boilerplate = Boilerplate::kStrong;
      break;
    case Tag::Body: case Tag::Html: case Tag::Article: case Tag::Main: case Tag::A:
      break;
    default:
      if (role == "navigation" || role == "banner" || role == "contentinfo" ||
          role == "complementary" || role == "dialog" || role == "alertdialog" ||
          role == "menu" || role == "menubar" || role == "search")
        c.boilerplate = Boilerplate::kStrong;
      else if (cls.strong || id.strong)
        c.boilerplate = Boilerplate::kStrong;
      else if (cls.comments || id.comments)
        c.boilerplate = Boilerplate::kComments;
      else if ((cls.bad || id.bad) && !(cls.maybe_content || id.maybe_content))
        c.boilerplate = Boilerplate::kWeak;
  }
  // Body hints.
  std::string_view itemprop = n->attr("itemprop");
  if (itemprop == "articleBody" || itemprop == "articlebody")
    c.hint_rank = 0;
  else if (n->is(Tag::Article))
    c.hint_rank = 2;
  else if (n->is(Tag::Main) || role == "main")
    c.hint_rank = 3;
  else if (cls.content_class || id.content_class)
    c.hint_rank = 1;
  c.metadata = n->is(Tag::Address) || n->is(Tag::Time) || n->attr("rel") == "author" ||
               cls.metadata || id.metadata;
  return c;
}

}  // namespace

Classification classify(const Node* n) {
  return classify_with(n, flags_of(n->attr("class"), true), flags_of(n->attr("id"), false));
}
float class_weight(const Node* n) { return classify(n).weight; }
Boilerplate boilerplate_kind(const Node* n) { return classify(n).boilerplate; }
int content_hint_rank(const Node* n) { return classify(n).hint_rank; }
bool is_metadata_container(const Node* n) { return classify(n).metadata; }

bool is_never_content(const Node* n, bool check_hidden) {
  if (n->ns != dom::Namespace::kHtml) return true;
  switch (n->tag) {
    case Tag::Script: case Tag::Style: case Tag::Template: case Tag::Head:
    case Tag::Title: case Tag::Meta: case Tag::Link: case Tag::Iframe: case Tag::Object:
    case Tag::Embed: case Tag::Button: case Tag::Select: case Tag::Input: case Tag::Textarea:
    case Tag::Option: case Tag::Canvas: case Tag::Audio: case Tag::Video: case Tag::Map:
    case Tag::Svg: case Tag::Math: case Tag::Datalist: case Tag::Label: case Tag::Base:
    case Tag::Param: case Tag::Source: case Tag::Track: case Tag::Area: case Tag::Frameset:
    case Tag::Frame:
      return true;
    default:
      break;
  }
  if (!check_hidden) return false;
  // <noscript> mostly holds "enable JavaScript" notes and lazy-image copies; but forum software
  // (Discourse) serves the whole thread inside it, which the recall pass picks up.
  if (n->is(Tag::Noscript)) return true;
  if (n->has_attr("hidden")) return true;
  if (n->attr("aria-hidden") == "true" && n->tag != Tag::Body && n->tag != Tag::Html) return true;
  std::string_view style = n->attr("style");
  if (!style.empty()) {
    std::string s = util::ascii_lowercase(style);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    if (contains(s, "display:none") || contains(s, "visibility:hidden")) return true;
  }
  return false;
}

bool is_boilerplate_line(std::string_view text) {
  if (text.size() > k::kMaxReadAlsoLineChars) return false;
  std::string t = util::ascii_lowercase(text);
  // Strip trailing punctuation and arrows: "Read more »", "Loading...".
  while (!t.empty() && (t.back() == '.' || t.back() == ' ' || t.back() == ':' ||
                        t.back() == '>' || static_cast<unsigned char>(t.back()) >= 0x80)) {
    if (static_cast<unsigned char>(t.back()) >= 0x80) {
      // Drop one trailing non-ASCII symbol (», …, →) only when it is a symbol, not a letter:
      // symbols in these ranges start with 0xC2 (»), 0xE2 (…, →).
      size_t start = t.size() - 1;
      while (start > 0 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
      auto lead = static_cast<unsigned char>(t[start]);
      if (lead != 0xC2 && lead != 0xE2) break;
      t.erase(start);
    } else {
      t.pop_back();
    }
  }
  auto starts = [&](std::string_view p) { return t.compare(0, p.size(), p) == 0; };
  // "Read also: <headline of another article>" and its kin: a link to elsewhere, up to the
  // length of a headline.
  static constexpr std::string_view kReadAlso[] = {
      "read also", "also read", "read more:", "see also", "related:", "lire aussi",
      "à lire aussi", "a lire aussi", "voir aussi", "lea también", "lea más", "lea:",
      "lee también", "lee más:", "leia também", "leia mais:", "veja também", "leggi anche",
      "potrebbe interessarti", "ti potrebbe interessare", "lesen sie auch", "lesen sie mehr",
      "mehr zum thema", "das könnte sie auch interessieren", "das könnte dich auch interessieren",
      "auch interessant", "schon gelesen", "weitere artikel", "czytaj też", "czytaj także",
      "czytaj również", "czytaj więcej", "zobacz też", "zobacz także", "lees ook", "zie ook",
      "anzeige -", "anzeige:"};
  for (std::string_view p : kReadAlso)
    if (starts(p)) return true;
  if (t.size() > k::kMaxBoilerplateLineChars) return false;
  static constexpr std::string_view kExact[] = {
      "loading", "chargement", "cargando", "caricamento", "carregando", "wird geladen",
      "read more", "more", "see more", "show more", "load more", "voir plus", "lire plus",
      "lire la suite", "en savoir plus", "weiterlesen", "mehr lesen", "mehr", "leer más",
      "ver más", "seguir leyendo", "leggi di più", "continua a leggere", "leia mais", "ver mais",
      "saiba mais", "dowiedz się więcej", "zobacz więcej", "więcej", "share", "partager",
      "teilen", "teilen mit", "compartir", "condividi", "compartilhar", "udostępnij",
      "advertisement", "publicité", "anzeige", "werbung", "publicidad", "pubblicità", "reklama",
      "sponsored", "gesponsert", "print", "drucken", "imprimer", "imprimir", "stampa",
      "rezept drucken", "bild anzeigen", "zurück", "back", "retour", "volver", "indietro",
      "war der artikel nützlich?", "war dieser artikel hilfreich?", "immer informiert bleiben",
      "hier können sie den artikel bewerten", "teilen sie dies mit", "diese seite teilen",
      "diese seite", "weiterführende informationen", "weitere informationen", "nützliche links",
      "zurück zur listenansicht", "nos siga no", "- anzeige -", "-anzeige-", "- anzeige-",
      "related articles", "related posts", "you may also like", "articles similaires",
      "ähnliche artikel", "artículos relacionados", "articoli correlati", "artigos relacionados"};
  for (std::string_view e : kExact)
    if (t == e) return true;
  static constexpr std::string_view kPrefixes[] = {
      "share on ", "share this", "partager sur ", "teilen auf ", "compartir en ",
      "condividi su ", "compartilhar no ", "subscribe to ", "sign up for ", "abonnez-vous",
      "inscrivez-vous", "abonnieren sie", "jetzt abonnieren", "suscríbete", "iscriviti",
      "assine ", "follow us", "suivez-nous", "folgen sie uns", "síguenos", "seguici",
      "siga-nos", "möchten sie den artikel teilen", "zapraszamy też do subskrypcji",
      // Picture credits and sources standing alone.
      "foto:", "(foto:", "fotos:", "photo:", "photos:", "bild:", "bildquelle:", "image:",
      "credit:", "źródło:", "quelle:", "(quelle:", "(crédito:", "crédito:", "créditos:",
      "sie müssen sich einloggen", "you must be logged in", "dieses skript als pdf"};
  for (std::string_view p : kPrefixes)
    if (starts(p)) return true;
  // A short line naming a picture agency is a credit ("TebNad/Shutterstock.com").
  static constexpr std::string_view kAgencies[] = {
      "shutterstock", "getty images", "istock", "thinkstock", "fotolia", "unsplash",
      "imago images", "picture alliance", "adobe stock"};
  for (std::string_view a : kAgencies)
    if (contains(t, a)) return true;
  return false;
}

}  // namespace gazette::extract
