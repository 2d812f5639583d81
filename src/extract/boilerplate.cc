#include "extract/boilerplate.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <string>
#include <unordered_set>

#include "extract/class_names.h"
#include "extract/constants.h"
#include "util/ascii.h"
#include "util/find.h"
#include "util/word_list.h"

namespace gazette::extract {
namespace {

using dom::Node;
using util::WordList;
using dom::Tag;

// util::find_bytes: std::string_view::find calls memchr and memcmp at every occurrence of the
// needle's first byte, and the line filters below search each line for some 20 phrases.
bool contains(std::string_view hay, std::string_view needle) {
  return util::find_bytes(hay, needle) != std::string_view::npos;
}

Classification classify_with(const Node* n, const Names& names) {
  Classification c;
  for (uint32_t f : {names.cls, names.id}) {
    if (f & kNameNegative) c.weight -= k::kClassWeight;
    if (f & kNamePositive) c.weight += k::kClassWeight;
  }
  const uint32_t either = names.cls | names.id;
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
      else if (either & kNameStrong)
        c.boilerplate = Boilerplate::kStrong;
      else if (either & kNameComments)
        c.boilerplate = Boilerplate::kComments;
      else if ((either & kNameBad) && !(either & kNameMaybeContent))
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
  else if (either & kNameContentClass)
    c.hint_rank = 1;
  c.metadata = n->is(Tag::Address) || n->is(Tag::Time) || n->attr("rel") == "author" ||
               (either & kNameMetadata);
  c.consent = (either & kNameConsent) && n->tag != Tag::Body && n->tag != Tag::Html;
  return c;
}

}  // namespace

Classification classify(const Node* n) { return classify_with(n, names_of(n)); }
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
    // Ruby annotations (furigana) are reading aids printed over the text, not part of it:
    // "子<rt>こ</rt>ども" reads 子ども.
    case Tag::Rt: case Tag::Rp:
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

// "<picture word> N <of> M" or "N min read", `t` lowercase.
bool is_counter_line(std::string_view t) {
  auto number = [&](size_t& i) {
    size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  auto word = [&](size_t& i, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
      if (t.compare(i, w.size(), w) == 0 && (i + w.size() == t.size() || t[i + w.size()] == ' ')) {
        i += w.size();
        return true;
      }
    return false;
  };
  auto space = [&](size_t& i) {
    if (i < t.size() && t[i] == ' ') {
      ++i;
      return true;
    }
    return false;
  };
  size_t i = 0;
  if (word(i, {"foto", "fotos", "photo", "bild", "image", "imagen", "slide", "galerie"})) {
    return space(i) && number(i) && space(i) && word(i, {"de", "of", "von", "sur", "di", "/"}) &&
           space(i) && number(i) && i == t.size();
  }
  i = 0;
  return number(i) && space(i) && word(i, {"min read", "minute read", "min. lesezeit",
                                           "min lesezeit", "minuten lesezeit", "min de lecture"}) &&
         i == t.size();
}

namespace {

// A picture's caption that ends with its credit: "René Klemmer. Foto: GdP/Hagen Immel",
// "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO", "(mlharing /
// iStock.com)", "(REUTERS/Denis Balibouse)", "Kuva: ALEXANDER BECHER". The credit is the last
// thing on the line and short: a name or an agency, not a sentence. `t` is lowercase.
bool ends_with_credit(std::string_view t) {
  if (t.find('\n') != std::string_view::npos) return false;  // one line of a block at a time
  static constexpr std::string_view kMarkers[] = {
      "foto: ", "fotos: ", "photo: ", "photos: ", "bild: ", "bildquelle: ", "kuva: ",
      "credit: ", "(credit: ", "quelle: ", "(quelle: ", "(foto: ", "© ", "(reuters/",
      "(afp/", "(ap photo/", "(efe/", "crédito: ", "(crédito: ", "zdjęcie: ", "fot. ",
      "źródło: ", "Źródło: "};
  // A credit is at most kMaxCreditChars long, so its marker starts in the line's tail.
  constexpr size_t kLongestMarker = 16;
  const size_t tail = t.size() > k::kMaxCreditChars + kLongestMarker
                          ? t.size() - (k::kMaxCreditChars + kLongestMarker)
                          : 0;
  // The last marker, by where it ends; of two ending together ("(credit: " and "credit: "),
  // the longer. One pass over the tail, a marker tried only where its first byte is.
  static const util::WordList kMarkerIndex(kMarkers);
  size_t best = std::string_view::npos, best_len = 0;
  for (size_t at = tail; at < t.size(); ++at) {
    const size_t len = kMarkerIndex.longest_at(t, at);
    if (len == 0) continue;
    if (best == std::string_view::npos || at + len > best + best_len) {
      best = at;
      best_len = len;
    }
  }
  if (best == std::string_view::npos) {
    // An agency's name in parentheses at the end: "(mlharing / iStock.com)".
    if (t.empty() || t.back() != ')') return false;
    size_t open = t.rfind('(');
    if (open == std::string_view::npos) return false;
    std::string_view inside = t.substr(open);
    static constexpr std::string_view kAgencies[] = {"istock", "shutterstock", "getty images",
                                                     "unsplash", "picture alliance",
                                                     "picture-alliance", "imago", "adobe stock"};
    for (std::string_view a : kAgencies)
      if (inside.find(a) != std::string_view::npos) return inside.size() <= k::kMaxCreditChars;
    return false;
  }
  // The caption's own text before the credit ends a sentence or a phrase (". Foto:", ", ©"); a
  // marker after a word is inside a sentence ("das Foto: ein ..."). Parenthesised credits and
  // "©" stand after anything.
  if (best > 0 && t[best] != '(' && t.substr(best, 2) != "\xc2\xa9") {
    size_t b = best;
    while (b > 0 && t[b - 1] == ' ') --b;
    const char c = b > 0 ? t[b - 1] : '.';
    if (c != '.' && c != ',' && c != ')' && c != '!' && c != '?' && c != '|' && c != '-' &&
        c != '/')
      return false;
  }
  std::string_view credit = t.substr(best + best_len);
  if (credit.empty() || credit.size() > k::kMaxCreditChars) return false;
  // A name or an agency, not a sentence.
  return credit.find(". ") == std::string_view::npos;
}

// A blog post's filing line ("Dieser Eintrag wurde veröffentlicht in Podcast und
// verschlagwortet mit ...", "This entry was posted in News. Bookmark the permalink.") or a
// newsletter's sign-up prompt ("Receive our monthly newsletter to stay on top of ...",
// "Kostenlos zum Newsletter anmelden und ..."). `t` is lowercase.
bool is_filing_or_newsletter_line(std::string_view t) {
  auto has = [&](std::string_view w) { return contains(t, w); };
  if (has("abgelegt unter") || has("verschlagwortet mit") || has("this entry was posted in") ||
      has("bookmark the permalink") || has("lesezeichen für den permalink") ||
      has("cette entrée a été publiée dans"))
    return true;
  // A prompt that ends with its link: "Do you want to be informed of our actions? Sign up here".
  static constexpr std::string_view kEndings[] = {
      "sign up here", "subscribe here", "sign up now", "hier anmelden", "jetzt anmelden",
      "jetzt registrieren", "inscrivez-vous ici", "suscríbete aquí", "iscriviti qui"};
  std::string_view trimmed = t;
  while (!trimmed.empty() && (trimmed.back() == '!' || trimmed.back() == '.' ||
                              trimmed.back() == ' '))
    trimmed.remove_suffix(1);
  for (std::string_view e : kEndings)
    if (trimmed.size() >= e.size() && trimmed.substr(trimmed.size() - e.size()) == e) return true;
  if (!has("newsletter")) return false;
  // A prompt, not a sentence about a newsletter: an imperative or an offer to the reader.
  // ("subscribe" alone is also "the newsletters I subscribe to", "1,193 subscribers".)
  static constexpr std::string_view kPrompt[] = {
      "anmelden", "abonnieren", "sign up", "signing up", "subscribe to our", "subscribe now",
      "receive our", "inscri", "abonnez", "suscríbete", "suscribirse", "iscriviti", "assine",
      "zapisz", "jetzt ", "bleiben sie informiert", "stay informed", "stay up to date",
      "restez informé", "!"};
  for (std::string_view w : kPrompt)
    if (has(w)) return true;
  return false;
}

}  // namespace

bool is_boilerplate_line(std::string_view text) {
  if (text.size() > k::kMaxCaptionLineChars) return false;
  // Lowercased on the stack: this runs for every block of every page.
  char lower[k::kMaxCaptionLineChars];
  for (size_t i = 0; i < text.size(); ++i) lower[i] = util::ascii_lower(text[i]);
  std::string_view t(lower, text.size());
  if (text.size() > k::kMaxReadAlsoLineChars) {
    // Long lines are only dropped as a caption with its credit.
    return ends_with_credit(t);
  }
  // And Latin-1 capitals ("Ähnliche Beiträge"): U+00C0..U+00DE but U+00D7, UTF-8 C3 80..9E.
  for (size_t i = 0; i + 1 < t.size(); ++i)
    if (static_cast<unsigned char>(lower[i]) == 0xC3) {
      auto c = static_cast<unsigned char>(lower[i + 1]);
      if (c >= 0x80 && c <= 0x9E && c != 0x97) lower[i + 1] = static_cast<char>(c + 0x20);
    }
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
      t = t.substr(0, start);
    } else {
      t.remove_suffix(1);
    }
  }
  auto starts = [&](std::string_view p) { return t.substr(0, p.size()) == p; };
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
      "anzeige -", "anzeige:",
      // The neighbouring posts' links and teaser labels ("Previous articleTransforming Mount
      // Trashmore: ...", "PUEDES VER: ¿Qué es la Sunedu?").
      "previous article", "next article", "previous post", "next post", "vorheriger artikel",
      "nächster artikel", "vorheriger beitrag", "nächster beitrag", "nachfolgebeitrag:",
      "article précédent", "article suivant", "artículo anterior", "artículo siguiente",
      "puedes ver:", "mira:", "mire:", "lesen sie hier", "dowiedz się więcej:", "auch lesen",
      "vorschau auf den nächsten artikel", "alle artikel zu", "alle nachrichten zu"};
  static constexpr std::string_view kPrefixes[] = {
      "share on ", "share this", "partager sur ", "teilen auf ", "compartir en ",
      "condividi su ", "compartilhar no ", "abonnez-vous",
      "inscrivez-vous", "abonnieren sie", "jetzt abonnieren", "suscríbete", "iscriviti",
      "assine ", "follow us", "suivez-nous", "folgen sie uns", "síguenos", "seguici",
      "siga-nos", "möchten sie den artikel teilen", "zapraszamy też do subskrypcji",
      // Picture credits and sources standing alone.
      "foto:", "(foto:", "fotos:", "photo:", "photos:", "bild:", "bildquelle:", "image:",
      "crédits photos", "crédit photo", "video verfügbar bis", "kategorie:", "vea también:",
      "le puede interesar:", "te puede interesar:", "lee también:", "weitere beiträge aus",
      "credit:", "źródło:", "Źródło:", "quelle:", "(quelle:", "(crédito:", "crédito:",
      "créditos:",
      "sie müssen sich einloggen", "you must be logged in", "dieses skript als pdf",
      // WordPress.com's like button, recipe and newsletter widgets.
      "gefällt mir wird geladen", "like loading", "rezept drucken", "immer informiert bleiben",
      "never miss the latest", "kostenlos zum newsletter", "entdecke weitere",
      "gib deine e-mail-adresse ein", "enter your email address to follow",
      "entrez votre adresse e-mail pour suivre", "du musst eingeloggt sein",
      "vous devez être connecté", "keine kommentare",
      // Reader prompts, subscription and app offers, support appeals.
      "subscribe now", "to view the full story", "get the latest news straight",
      "for the latest stories and breaking news", "if you enjoyed reading this",
      "we want to hear what you think", "submit your letter", "submit a letter to the editor",
      "hazte miembro", "suggested citation", "ten tekst przeczytasz w", "je fais un don",
      "faire un don", "jetzt spenden", "donate now", "make a donation",
      // Licence notices of the site's texts.
      "sofern nicht anders ausgewiesen", "dieser text wurde veröffentlicht unter der lizenz",
      "this work is licensed under", "except where otherwise noted",
      // Affiliate and advertising disclosures.
      "this post contains references to products", "we recommend the best products",
      "für links auf dieser seite erhält", "*werbung", "werbung:",
      // A post's filing line under it (WordPress): "Verfasst von: X | 31. Dezember 2008".
      "verfasst von:", "posted by ", "publié par ", "publicado por ", "pubblicato da ",
      "permalink ", "permalien ",
      // The notice of a page that only a script fills (its text is not the page's).
      "you need to enable javascript", "please enable javascript", "enable javascript to",
      "javascript is required", "javascript is disabled", "this site requires javascript",
      "bitte aktivieren sie javascript", "veuillez activer javascript", "activa javascript",
      "por favor, activa javascript", "attiva javascript", "ative o javascript"};
  // Every block is tried against both lists: a prefix is only compared with lines that start
  // with its first byte.
  static const util::WordList kLeading(kReadAlso, kPrefixes);
  if (kLeading.starts(t)) return true;
  if (ends_with_credit(t)) return true;
  if (is_filing_or_newsletter_line(t)) return true;
  if (t.size() > k::kMaxBoilerplateLineChars) return false;
  // Calls to action that, at more than a label's length, are as often a tutorial's step ("Sign
  // up for Twilio. When prompted to select a plan, ...").
  for (std::string_view p : {"subscribe to ", "sign up for ", "aktualisiert am ",
                             "zuletzt aktualisiert", "letzte aktualisierung", "last updated",
                             "mis à jour le ", "actualizado el "})
    if (starts(p)) return true;
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
      "ähnliche artikel", "artículos relacionados", "articoli correlati", "artigos relacionados",
      "ähnliche beiträge", "empfohlene beiträge", "weitere beiträge", "you might also like",
      "kommentieren", "gefällt mir", "like this", "j'aime", "me gusta", "mi piace",
      // Skip links and the legal links of a page's footer.
      "skip to main content", "skip to content", "skip to navigation", "skip to main navigation",
      "zum inhalt springen", "direkt zum inhalt", "aller au contenu", "ir al contenido",
      "privacy policy", "terms of use", "terms of service", "terms & conditions",
      "terms and conditions", "cookie policy", "cookie settings", "datenschutzerklärung",
      "datenschutz", "impressum", "mentions légales", "politique de confidentialité",
      "aviso legal", "política de privacidad", "informativa sulla privacy",
      // Account, navigation and call-to-action labels standing alone.
      "sign up", "sign in", "log in", "login", "register", "home", "menu", "about us",
      "contact us", "sitemap", "tags", "back to top", "back to blog", "back to blogs",
      "shop now", "book a demo", "request a demo", "start free trial",
      "start a free trial", "get started", "get started today", "contact sales", "get a quote",
      "get a free quote", "request pricing",
      // A listing's sort and filter controls and a shop's recommendations.
      "filter and sort", "filter & sort", "sort and filter", "sort & filter", "filter results",
      "sort options", "sort by", "customers also bought", "people who viewed this item also viewed",
      "recommended for you", "recommended stories", "related blog posts", "related stories",
      // An empty comment section's prompts.
      "be the first to comment", "what do you think?", "add a comment", "leave a comment",
      "leave a reply", "post a comment", "etiquetas", "schlagwörter", "schlagworte",
      "mots-clés", "mots clés", "tagi", "tag",
      // Headings of related-content boxes and reader prompts, in the bench's other languages.
      // (Those that may lead a headline are kReadAlso prefixes above.)
      "zobacz również", "temas relacionados", "noticias relacionadas", "dans la même rubrique",
      "sur le même sujet", "vos réactions", "weitere artikel zum thema", "kommentierte artikel",
      "mehr themen", "zum weiterlesen", "jetzt teilen!", "artikel teilen", "beitrag teilen",
      "bewerten", "kontakt", "ezek is érdekelhetnek", "(noch keine bewertungen)",
      "noch keine bewertungen", "sie sind aktuell nicht eingeloggt",
      "das thema könnte dich auch interessieren", "te puede interesar", "le puede interesar",
      "también te puede interesar",
      // Labels left alone by their value's removal or styling.
      "by", "von", "par", "por", "veröffentlichung", "release date", "quellenangaben",
      "(alle angaben ohne gewähr)", "alle angaben ohne gewähr", "ansprechpartnerin zum thema",
      "ansprechpartner zum thema", "audios et vidéos sur le sujet",
      "audios und videos zum thema", "audios and videos on the topic"};
  // One hashed lookup instead of comparing the line with each of the 240 labels.
  static const std::unordered_set<std::string_view> kExactSet(std::begin(kExact), std::end(kExact));
  if (kExactSet.count(t) > 0) return true;
  // A gallery's counter ("Foto 1 de 1", "Bild 3 von 12", "Photo 2 of 9") and a reading time
  // ("11 min read").
  if (is_counter_line(t)) return true;
  // A copyright line ("© 2026 Example Inc. All rights reserved.", "Copyright (c) 2019"): a
  // footer's or a picture credit.
  // Not "(c) ...": the third item of an enumeration.
  if (starts("©") || starts("copyright ©") || starts("copyright (c)") ||
      contains(t, "all rights reserved") || contains(t, "alle rechte vorbehalten") ||
      contains(t, "tous droits réservés") || contains(t, "todos los derechos reservados") ||
      contains(t, "tutti i diritti riservati"))
    return true;
  // A short line naming a picture agency is a credit ("TebNad/Shutterstock.com").
  static constexpr std::string_view kAgencies[] = {
      "shutterstock", "getty images", "istock", "thinkstock", "fotolia", "unsplash",
      "imago images", "picture alliance", "adobe stock"};
  for (std::string_view a : kAgencies)
    if (contains(t, a)) return true;
  return false;
}

}  // namespace gazette::extract
