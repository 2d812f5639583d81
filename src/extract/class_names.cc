#include "extract/class_names.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/constants.h"
#include "util/ascii.h"
#include "util/token_cache.h"
#include "util/word_list.h"

namespace gazette::extract {
namespace {

using dom::Node;

// The vocabularies below are matched in one pass over a token (class_vocab()): each word
// carries the bits of the lists it belongs to, as a substring ("in") or as a whole token
// bounded by non-alphanumerics ("token": "ad" matches "top-ad" and "ad_slot", not "header").
enum VocabBit : uint32_t {
  kPositiveIn = 1u << 0,
  kNegativeIn = 1u << 1,
  kNegativeToken = 1u << 2,
  kBoilerplateIn = 1u << 3,
  kBoilerplateToken = 1u << 4,
  kStrongIn = 1u << 5,
  kCommentIn = 1u << 6,
  kMaybeContentIn = 1u << 7,
  kMetadataIn = 1u << 8,
  kMetadataToken = 1u << 9,
  kConsentIn = 1u << 10,
  // The exceptions judge_token makes, found in the same pass.
  kLabelHiddenIn = 1u << 11,
  kLayoutIn = 1u << 12,
  kCommentaryIn = 1u << 13,
  // Metadata's context words, in any case here; judge_raw_token checks them as written.
  kContextCommentIn = 1u << 14,   // "comment", in a class or an id
  kContextRelatedIn = 1u << 15,   // "related" or "sidebar", in a class
  // Metadata's words (MetaWord), matched anywhere in a token: bits 16 and up, so that
  // `bits >> kMetaShift` is the MetaWord set.
  kMetaShift = 16,
};
static_assert(kContextRelatedIn < (1u << kMetaShift));

// Readability's REGEXPS.positive / negative, as substrings, plus tokens that are too short to
// match as substrings.
constexpr std::string_view kPositive[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story"};
constexpr std::string_view kNegative[] = {
    "hidden", "banner", "combx", "comment", "contact", "footer", "gdpr", "masthead", "media",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "taboola", "byline"};
constexpr std::string_view kNegativeTokens[] = {"ad", "ads", "hid", "com", "meta", "tags"};

// Containers that are boilerplate whatever their size (Readability's unlikelyCandidates and
// trafilatura's discard list).
constexpr std::string_view kBoilerplate[] = {
    "breadcrumb", "combx", "cover-wrap", "footer", "gdpr",
    "menu", "related", "rss", "shoutbox", "sidebar", "skyscraper",
    "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "newsletter", "cookie", "consent", "subscribe", "signup", "sign-up", "share", "sharing",
    "teaser", "recommend", "most-popular", "mostpopular", "trending", "navbar", "navigation",
    "toolbar", "outbrain", "taboola", "banner", "modal", "jump-link", "skip-link", "paywall",
    "credit", "copyright", "bildnachweis", "photographer", "dsgvo"};
// Not "widget" (here nor in kNegative): page builders (Elementor, WPBakery) wrap the article
// text itself in widgets.
constexpr std::string_view kBoilerplateTokens[] = {
    "nav", "ad", "ads", "advert", "tags", "tag", "login", "header", "masthead"};
// Words so specific to boilerplate that they win over a content word in the same class
// ("related-articles", "article-share", "post-comments").
constexpr std::string_view kStrongBoilerplate[] = {
    "related", "share", "sharing", "social", "newsletter", "cookie", "consent", "subscribe",
    "signup", "recommend", "trending", "most-popular", "mostpopular", "breadcrumb",
    "outbrain", "taboola", "dsgvo"};  // DSGVO: the GDPR's German name, on consent dialogs
// Readers' comments and replies: boilerplate under an article, the content of a forum thread.
constexpr std::string_view kCommentWords[] = {"comment", "replies", "remark", "disqus",
                                              "community"};
// A class that also says this is content keeps the element (Readability's
// okMaybeItsACandidate).
constexpr std::string_view kMaybeContent[] = {"and", "article", "body", "column",
                                              "content", "main", "shadow"};
// Cookie and privacy-consent dialogs: not content in any pass, even the lenient one, which
// otherwise reads everything (their lists of services can outweigh a short article). Not
// "cookie" alone: recipe sites name their cards after cookies.
constexpr std::string_view kConsent[] = {
    "consent", "dsgvo", "gdpr", "cookie-banner", "cookiebanner", "cookie-notice", "cookienotice",
    "cookie-bar", "cookiebar", "cookie-law", "cookielaw", "onetrust", "cookiebot", "didomi"};
// Bylines, datelines and dates.
constexpr std::string_view kMetadataWords[] = {
    "byline", "dateline", "author", "timestamp", "published", "pubdate", "post-date",
    "article-date", "entry-date", "posted-on", "post-info", "article-info"};
constexpr std::string_view kMetadataTokens[] = {"meta", "date", "time", "datum", "entry-meta"};

// Metadata's words (MetaWord): where the byline, dateline and paywall searches look.
constexpr std::string_view kBylineWords[] = {"byline", "author", "autor", "auteur", "writer",
                                             "verfasser"};
constexpr std::string_view kNotBylineWords[] = {
    "avatar", "image", "img", "photo", "picture", "bio", "desc", "about", "social", "share",
    "follow", "comment", "more", "other", "related", "title", "label", "box"};
constexpr std::string_view kDatelineWords[] = {"date", "time", "publish", "posted", "datum",
                                               "fecha", "data", "meta", "dateline", "info",
                                               "header"};
constexpr std::string_view kNotDatelineWords[] = {"update", "modif", "comment", "related"};
constexpr std::string_view kPaywallWords[] = {"ywall", "ubscriber"};  // access::may_mark_paywall

// All of the lists above in one table, found by their first two bytes; a search is one pass
// over the token comparing only the words that start with the two bytes at each position, and
// returns the union of the bits of the words found.
class ClassVocabulary {
 public:
  ClassVocabulary() {
    add(kPositive, kPositiveIn, 0);
    add(kNegative, kNegativeIn, 0);
    add(kNegativeTokens, 0, kNegativeToken);
    add(kBoilerplate, kBoilerplateIn, 0);
    add(kBoilerplateTokens, 0, kBoilerplateToken);
    add(kStrongBoilerplate, kStrongIn, 0);
    add(kCommentWords, kCommentIn, 0);
    add(kMaybeContent, kMaybeContentIn, 0);
    add(kMetadataWords, kMetadataIn, 0);
    add(kMetadataTokens, 0, kMetadataToken);
    add(kConsent, kConsentIn, 0);
    add(kBylineWords, uint32_t{kBylineWord} << kMetaShift, 0);
    add(kNotBylineWords, uint32_t{kNotBylineWord} << kMetaShift, 0);
    add(kDatelineWords, uint32_t{kDatelineWord} << kMetaShift, 0);
    add(kNotDatelineWords, uint32_t{kNotDatelineWord} << kMetaShift, 0);
    add(kPaywallWords, uint32_t{kPaywallHint} << kMetaShift, 0);
    add(kExceptions);
    index();
  }

  // `t` is lowercase.
  uint32_t match(std::string_view t) const {
    uint32_t bits = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      const unsigned c0 = static_cast<unsigned char>(t[i]);
      const unsigned c1 = i + 1 < t.size() ? static_cast<unsigned char>(t[i + 1]) : 0;
      // Most positions start no word's first two bytes: one bit test skips them.
      if (!starts_.may_start(c0, c1)) continue;
      const unsigned slot = slot_of(c0, c1);
      for (uint32_t k = begin_[slot]; k < begin_[slot + 1]; ++k) {
        const Entry& e = entries_[k];
        if (t.size() - i < e.word.size() || !same(t.data() + i, e.word)) continue;
        bits |= e.in_bits;
        if (e.token_bits != 0) {
          size_t end = i + e.word.size();
          if ((i == 0 || !is_alnum(t[i - 1])) && (end == t.size() || !is_alnum(t[end])))
            bits |= e.token_bits;
        }
      }
    }
    return bits;
  }

 private:
  struct Entry {
    std::string_view word;
    uint32_t in_bits = 0, token_bits = 0;
  };
  // Words are found by their first two bytes: a position whose pair passes the filter compares
  // only the words of its slot (a few), not every word with its first byte (up to 40).
  static constexpr unsigned kSlots = 1024;
  static unsigned slot_of(unsigned c0, unsigned c1) {
    return ((c0 << 8 | c1) * 0x9E3779B1u) >> 22;  // the top 10 bits: kSlots
  }
  // Words whose bits differ from word to word (judge_token's exceptions).
  struct Exception {
    std::string_view word;
    uint32_t in_bits;
  };
  static constexpr Exception kExceptions[] = {
      {"label-hidden", kLabelHiddenIn}, {"layout", kLayoutIn}, {"commentary", kCommentaryIn},
      {"comment", kContextCommentIn}, {"related", kContextRelatedIn},
      {"sidebar", kContextRelatedIn}};
  template <size_t N>
  void add(const Exception (&words)[N]) {
    for (const Exception& x : words) {
      const std::string_view list[] = {x.word};
      add(list, x.in_bits, 0);
    }
  }
  template <size_t N>
  void add(const std::string_view (&words)[N], uint32_t in_bits, uint32_t token_bits) {
    for (std::string_view w : words) {
      auto it = std::find_if(words_.begin(), words_.end(),
                             [&](const Entry& e) { return e.word == w; });
      if (it == words_.end()) it = words_.insert(words_.end(), Entry{w});
      it->in_bits |= in_bits;
      it->token_bits |= token_bits;
      starts_.add(w);
    }
  }
  // Lays the words out by slot; a one-byte word goes into the slot of every second byte.
  void index() {
    std::vector<std::vector<Entry>> slots(kSlots);
    for (const Entry& e : words_) {
      const unsigned c0 = static_cast<unsigned char>(e.word[0]);
      if (e.word.size() > 1) {
        slots[slot_of(c0, static_cast<unsigned char>(e.word[1]))].push_back(e);
        continue;
      }
      for (unsigned c1 = 0; c1 < 256; ++c1) {
        auto& slot = slots[slot_of(c0, c1)];
        if (slot.empty() || slot.back().word != e.word) slot.push_back(e);
      }
    }
    for (unsigned i = 0; i < kSlots; ++i) {
      begin_[i] = static_cast<uint32_t>(entries_.size());
      entries_.insert(entries_.end(), slots[i].begin(), slots[i].end());
    }
    begin_[kSlots] = static_cast<uint32_t>(entries_.size());
    words_.clear();
  }
  static bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
  // Byte 0 too: a slot holds the words of several pairs.
  static bool same(const char* p, std::string_view w) {
    for (size_t k = 0; k < w.size(); ++k)
      if (p[k] != w[k]) return false;
    return true;
  }
  std::vector<Entry> words_;    // while adding
  std::vector<Entry> entries_;  // by slot
  std::array<uint32_t, kSlots + 1> begin_{};
  util::PairFilter starts_;
};

const ClassVocabulary& class_vocab() {
  static const ClassVocabulary v;
  return v;
}

// A token's judgement: NameFlag bits (low 16), MetaWord bits (16 to 23) and the context bits.
constexpr uint32_t kTokenComment = 1u << 24;  // holds "comment" as written
constexpr uint32_t kTokenRelated = 1u << 25;  // holds "related" or "sidebar" as written

// The judgement of one lowercase token (the context bits for any case).
uint32_t judge_token(std::string_view t) {
  const uint32_t bits = class_vocab().match(t);
  // Metadata's words count in every token, the ones extraction sets aside below included.
  uint32_t out = (bits >> kMetaShift) << 16;
  if (bits & kContextCommentIn) out |= kTokenComment;
  if (bits & kContextRelatedIn) out |= kTokenRelated;
  // Drupal's "field--label-hidden" hides a field's label, not the field: on every body field
  // of a Drupal site.
  if (bits & kLabelHiddenIn) return out;
  if (bits & (kNegativeIn | kNegativeToken)) out |= kNameNegative;
  if (bits & kPositiveIn) out |= kNamePositive;
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
  // Every one of them contains "content", "body", "text", "article", "entry" or "rich",
  // and so has the positive bit ("rich-text" through "text").
  if ((bits & kPositiveIn) && kContentClasses.count(t) > 0) out |= kNameContentClass;
  if (bits & (kMetadataIn | kMetadataToken)) out |= kNameMetadata;
  if (bits & kConsentIn) out |= kNameConsent;
  // Layout classes describe the page, not this element: state classes ("has-sidebar",
  // "with-comments", "no-share") and layout names ("c-fixed-sidebar-layout--300") say
  // nothing about boilerplate.
  const bool layout = t.rfind("has-", 0) == 0 || t.rfind("with-", 0) == 0 ||
                      t.rfind("no-", 0) == 0 || (bits & kLayoutIn);
  if (layout) return out;
  if (bits & kStrongIn) out |= kNameStrong;
  // "commentary" is an opinion piece, not readers' comments.
  if ((bits & kCommentIn) && !(bits & kCommentaryIn)) out |= kNameComments;
  if (bits & (kBoilerplateIn | kBoilerplateToken)) out |= kNameBad;
  if (bits & kMaybeContentIn) out |= kNameMaybeContent;
  return out;
}

uint32_t judge_raw_token(std::string_view raw) {
  // Class tokens are short: lowercase them on the stack.
  char buf[64];
  uint32_t out;
  if (raw.size() <= sizeof buf) {
    for (size_t i = 0; i < raw.size(); ++i) buf[i] = util::ascii_lower(raw[i]);
    out = judge_token(std::string_view(buf, raw.size()));
  } else {
    out = judge_token(util::ascii_lowercase(raw));
  }
  // Metadata's context test has always compared these words as written ("Comments" is not
  // one): checked only for the tokens that hold them in some case.
  auto has = [&](std::string_view w) { return raw.find(w) != std::string_view::npos; };
  if ((out & kTokenComment) && !has("comment")) out &= ~kTokenComment;
  if ((out & kTokenRelated) && !has("related") && !has("sidebar")) out &= ~kTokenRelated;
  return out;
}

// Pages repeat the same class tokens on hundreds of elements, and a site repeats them across
// pages: the judgements of recent tokens are kept per thread (util::TokenCache).
uint32_t cached_token(std::string_view raw) {
  static thread_local util::TokenCache<uint32_t, k::kNameCacheEntries> cache;
  return cache.get(raw, judge_raw_token);
}

// A whole value's bits are those of its tokens together. Class tokens go through the cache;
// ids are mostly unique and would only crowd it.
uint32_t judge(std::string_view value, bool cache) {
  uint32_t bits = 0;
  util::for_each_token(value, [&](std::string_view token) {
    bits |= cache ? cached_token(token) : judge_raw_token(token);
  });
  return bits;
}

// Node::names: NameFlag bits of the class, then of the id, then the MetaWord bits, then
// Names::marks_comments, and a bit that says the element was judged (an element without class
// or id is judged too).
constexpr uint32_t kFlagMask = (1u << kNameFlagBits) - 1;
constexpr uint32_t kWordMask = (1u << kMetaWordBits) - 1;
constexpr uint32_t kMarksComments = 1u << (2 * kNameFlagBits + kMetaWordBits);
constexpr uint32_t kJudged = 1u << 31;
static_assert(2 * kNameFlagBits + kMetaWordBits + 1 < 31);

}  // namespace

Names names_of(const Node* n) {
  if (!(n->names & kJudged)) {
    // Most class values are short and a page repeats them whole on many elements (a list's
    // items): one lookup of the value saves splitting it into tokens.
    static thread_local util::TokenCache<uint32_t, k::kNameCacheEntries / 2> values;
    const uint32_t cls =
        values.get(n->attr("class"), [](std::string_view v) { return judge(v, true); });
    const uint32_t id = judge(n->attr("id"), false);
    const bool marks_comments = (cls & (kTokenComment | kTokenRelated)) || (id & kTokenComment);
    n->names = kJudged | (cls & kFlagMask) | (id & kFlagMask) << kNameFlagBits |
               ((cls | id) >> 16 & kWordMask) << (2 * kNameFlagBits) |
               (marks_comments ? kMarksComments : 0);
  }
  const uint32_t v = n->names;
  return Names{v & kFlagMask, v >> kNameFlagBits & kFlagMask,
               v >> (2 * kNameFlagBits) & kWordMask, (v & kMarksComments) != 0};
}

uint32_t judge_value(std::string_view value) { return judge(value, false); }

}  // namespace gazette::extract
