// Access: whether the article is free to read or paywalled. Internal to src/metadata.
//
// The signals, strongest first (metadata.cc offers them in this order; the first one found
// decides unless Options::prefer_sources says otherwise):
//   1. JSON-LD (json-ld): isAccessibleForFree on a hasPart (Google's paywalled-content markup,
//      a WebPageElement with a cssSelector) false -> paywalled; isAccessibleForFree on the
//      article or page itself, false -> paywalled, true -> free; hasPart parts all true ->
//      free. Publishers state it for search engines, so it is the most deliberate signal
//      there is, and it outranks the paywall templates that metered sites put on every page.
//   2. Meta tags: article:content_tier (opengraph) "locked"/"metered"/"premium"/... ->
//      paywalled, "free" -> free; an itemprop=isAccessibleForFree (microdata) as in JSON-LD.
//   3. Class names (class name): an element whose class or id is exactly one of the paywall
//      tokens (kPaywallTokens in access.cc): the containers paywall vendors and CMSs put
//      around gated text or the subscription prompt that replaces it.
//   4. The body (text): a subscription notice among the last short paragraphs ("Subscribe to
//      continue reading", "La suite est réservée aux abonnés", ...) in en, fr, de, es, it, pt,
//      nl, pl: the page holds only the start of the story.
// No signal: "unknown". A signal is never inferred from the mere presence of a paywall vendor
// (Piano, Tinypass scripts run on every page of a site, free or not).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "gazette/gazette.h"

namespace gazette::metadata::access {

inline constexpr std::string_view kFree = "free";
inline constexpr std::string_view kPaywalled = "paywalled";
inline constexpr std::string_view kUnknown = "unknown";

// article:content_tier: kFree, kPaywalled, or nullopt for values that say neither ("archive").
std::optional<std::string_view> content_tier(std::string_view value);

// A cheap first test on a lowercase class-and-id string: may it hold a paywall token? The
// classes of most elements of every page go through here, so it is two find()s, each a
// memchr for a letter that is rare in class names ('y' of "paywall", 'u' of "subscriber")
// followed by a comparison: a fraction of a WordList pass.
inline bool may_mark_paywall(std::string_view lowercase_class_and_id) {
  return lowercase_class_and_id.find("ywall") != std::string_view::npos ||
         lowercase_class_and_id.find("ubscriber") != std::string_view::npos;
}
// The paywall token that `lowercase_class_and_id` holds as a whole class or id, or "".
std::string_view paywall_token(std::string_view lowercase_class_and_id);

// A subscription notice among the last paragraphs of the body: the paragraph, or "".
std::string_view subscription_notice(const std::vector<Block>& blocks);
// The same test on one line of text.
bool is_subscription_notice(std::string_view line);

}  // namespace gazette::metadata::access
