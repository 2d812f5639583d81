#include "metadata/access.h"

#include <string>

#include "metadata/text.h"
#include "util/word_list.h"

namespace gazette::metadata::access {
namespace {

// Class or id tokens, whole and lowercase, that mark paywalled content. Checked on the bench:
// "paywall" is the body class of News Corp's gated stories, the section of Badische Zeitung's
// registration wall, Wirecutter's gated article and Substack's "This post is for paid
// subscribers" box; "paywalled" McClatchy's gated story body. Partial tokens do not count:
// "steady-paywall-container" wraps every post of blogs using Steady, free or not, and
// "piano-*" ids are the vendor's script slots on every page.
constexpr std::string_view kPaywallTokens[] = {"paywall", "paywalled", "paywall-content",
                                               "subscriber-only", "subscribers-only"};

// A subscription stem: "subscribe", "subscriber", "subscription", "abonnés", "Abonnenten",
// "suscriptores", "abbonati", "assinantes", "subskrybentów", "prenumeratorów"... Portuguese is
// spelt out because "assin" is also in "passing".
const util::WordList kSubscribeWords = {"subscri", "abonn", "abo ", "suscr", "abbon", "assine",
                                        "assinant", "assinatur", "subskryp", "subskryb",
                                        "prenumerat"};

// Subscription notices, lowercase, found anywhere in a short closing paragraph: each says that
// the rest of the story is for subscribers. Each holds a subscription stem, so that the common
// case (no stem) costs a pass of the short list above and one of kOtherNotices.
const util::WordList kSubscriberNotices = {
    // en
    "subscribe to continue reading", "subscribe to keep reading", "subscribe to read the full",
    "subscribe to unlock", "this article is for subscribers", "this post is for paid subscribers",
    "for subscribers only", "available to subscribers only", "only available to subscribers",
    "only available to paid subscribers", "exclusive to subscribers", "already a subscriber?",
    // fr
    "réservé aux abonnés", "réservée aux abonnés", "réservés aux abonnés", "déjà abonné ?",
    "déjà abonné?",
    // de
    "nur für abonnenten", "exklusiv für abonnenten", "bereits abonnent", "schon abonnent",
    // es
    "exclusivo para suscriptores", "exclusiva para suscriptores", "ya eres suscriptor",
    // it
    "riservato agli abbonati", "riservata agli abbonati", "sei già abbonato",
    // pt
    "exclusivo para assinantes", "exclusiva para assinantes", "já é assinante",
    // nl
    "alleen voor abonnees", "exclusief voor abonnees", "al abonnee?",
    // pl
    "tylko dla subskrybentów", "tylko dla prenumeratorów", "masz już subskrypcję",
    "masz już prenumeratę",
};
// The notices without a subscription stem.
const util::WordList kOtherNotices = {
    "to continue reading this article", "for members only", "log in for immediate access",
    "your free article limit", "limit of free articles", "unlock this article",
    "unlock this story", "de cet article à lire", "jetzt weiterlesen mit", "mit f+ weiterlesen"};

// A subscription stem and a "read on" phrase in the same short closing paragraph ("Subscribe
// now to our eNATION edition for the full story", "Abonnez-vous pour lire la suite"). Either
// alone is common in free articles ("Subscribe to our newsletter", "Continue reading the main
// story").
const util::WordList kReadOnWords = {
    "continue reading", "keep reading", "full story", "full article", "rest of this article",
    "rest of the article", "read the rest", "lire la suite", "la suite de cet article",
    "weiterlesen", "weiter zu lesen", "weiterzulesen", "seguir leyendo", "continuar leyendo",
    "artículo completo", "continuare a leggere", "continua a leggere", "articolo completo",
    "continuar lendo", "continue lendo", "continuar a ler", "matéria completa", "verder lezen",
    "lees verder", "verder te lezen", "czytać dalej", "pełnej treści", "całego artykułu",
    "dalszej części"};

// Notices are short; a long paragraph that mentions subscribing is part of the story.
constexpr size_t kMaxNoticeBytes = 300;
// How many closing paragraphs are looked at: a notice is often followed by a login line.
constexpr size_t kClosingParagraphs = 3;

}  // namespace

std::optional<std::string_view> content_tier(std::string_view value) {
  // The tiers of the Open Graph article extension as publishers use them: "free", "metered"
  // (a quota of free articles, then the paywall), "locked"; plus the synonyms seen in the wild.
  for (std::string_view v : {"free", "open"})
    if (text::iequals(value, v)) return kFree;
  for (std::string_view v : {"locked", "metered", "premium", "paid", "subscriber", "subscribers",
                             "subscription", "registered"})
    if (text::iequals(value, v)) return kPaywalled;
  return std::nullopt;
}

std::string_view paywall_token(std::string_view ci) {
  for (auto token : text::split_ws(ci))
    for (auto p : kPaywallTokens)
      if (token == p) return p;
  return {};
}

bool is_subscription_notice(std::string_view line) {
  if (line.size() > kMaxNoticeBytes) return false;
  // One pass per word list (they are bucketed by first byte); this runs on every page.
  std::string low = text::to_lower(line);
  if (kSubscribeWords.in(low) && (kSubscriberNotices.in(low) || kReadOnWords.in(low)))
    return true;
  return kOtherNotices.in(low);
}

std::string_view subscription_notice(const std::vector<Block>& blocks) {
  size_t first = blocks.size() > kClosingParagraphs ? blocks.size() - kClosingParagraphs : 0;
  for (size_t i = first; i < blocks.size(); ++i)
    if (is_subscription_notice(blocks[i].text)) return blocks[i].text;
  return {};
}

}  // namespace gazette::metadata::access
