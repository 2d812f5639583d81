#include "extract/class_names.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/class_vocab.h"
#include "extract/constants.h"
#include "util/ascii.h"
#include "util/token_cache.h"

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

// All of the lists above in one Aho-Corasick automaton: a search is one pass over the token, a
// table step per byte, and returns the union of the bits of the words found. It replaced a
// search that compared, at each position, the words starting with its two bytes: ~600
// instructions for a token that misses the caches, where a step here compares nothing (~10
// instructions a byte). Its table is ~41 KB, more than L1, but a token only reads the rows of
// the states it passes through, mostly the root's and the shallow ones', which stay cached.
//
// Invariants:
//  - Words are made of 'a' to 'z' and '-' (checked when built). Every other byte (digits, '_',
//    uppercase, bytes >= 0x80) is class kOther, which leads every state back to the root: no
//    word holds it.
//  - After each byte, the state is the longest suffix of the bytes read that is a prefix of a
//    word. Its row's in_bits are those of every word that ends there (the state's own word and
//    the words that are suffixes of it, found through suffix links), so or-ing them at every
//    byte finds every occurrence of every word.
//  - Its row's bounded range lists, of those words, the ones with token bits ("ad", "meta",
//    "header"...: few), with their lengths: where their occurrence begins, to check its bounds.
//  - At most 1024 states (rows are found by 16-bit byte offsets); the vocabulary has 647.
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
    build();
  }

  // `t` is lowercase.
  uint32_t match(std::string_view t) const {
    uint32_t bits = 0;
    const Row* row = rows_.data();  // the root
    for (size_t i = 0; i < t.size(); ++i) {
      row = at(row->next[kClass[static_cast<unsigned char>(t[i])]]);
      bits |= row->in_bits;
      if (row->bounded_count != 0) [[unlikely]]
        bits |= bounded_bits(*row, t, i + 1);
    }
    return bits;
  }

  // Every word once, with its bits (class_vocab.h).
  const std::vector<vocab::Word>& words() const { return words_; }

 private:
  // Byte classes: 1 to 26 for 'a' to 'z', 27 for '-', kOther for every other byte.
  static constexpr unsigned kOther = 0, kClasses = 28;
  static constexpr std::array<uint8_t, 256> kClass = [] {
    std::array<uint8_t, 256> c{};
    for (unsigned b = 'a'; b <= 'z'; ++b) c[b] = static_cast<uint8_t>(b - 'a' + 1);
    c['-'] = 27;
    return c;
  }();
  // A state: its transitions and what ends there, in one cache line, so that a step reads the
  // next state's outputs and transitions from the same line. `next` holds the byte offsets of
  // the rows in rows_ (the state times 64), not the states: a step is an add, not a shift and
  // an add, on the chain of dependent loads that the search is.
  struct alignas(64) Row {
    uint16_t next[kClasses] = {};
    uint32_t in_bits = 0;
    uint16_t bounded_first = 0;  // into bounded_
    uint16_t bounded_count = 0;
  };
  static_assert(sizeof(Row) == 64);
  const Row* at(uint16_t offset) const {
    return reinterpret_cast<const Row*>(reinterpret_cast<const char*>(rows_.data()) + offset);
  }
  struct Bounded {
    uint32_t size;  // of the word
    uint32_t token_bits;
  };

  // The token bits of `row`'s bounded words, which end at `end` in `t`, for the occurrences
  // bounded on both sides.
  uint32_t bounded_bits(const Row& row, std::string_view t, size_t end) const {
    if (end < t.size() && is_alnum(t[end])) return 0;
    uint32_t bits = 0;
    for (unsigned k = row.bounded_first; k < row.bounded_first + row.bounded_count; ++k) {
      const size_t begin = end - bounded_[k].size;
      if (begin == 0 || !is_alnum(t[begin - 1])) bits |= bounded_[k].token_bits;
    }
    return bits;
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
                             [&](const vocab::Word& e) { return e.word == w; });
      if (it == words_.end()) it = words_.insert(words_.end(), vocab::Word{w});
      it->in_bits |= in_bits;
      it->token_bits |= token_bits;
    }
  }

  // The trie of the words, then the automaton: a state's missing transitions are those of its
  // suffix link (the longest proper suffix of it that is a state), and its outputs include the
  // link's; states are completed breadth first, so that the (shallower) link is complete.
  void build() {
    rows_.assign(1, Row{});
    std::vector<std::vector<Bounded>> ends(1);  // by state
    for (const vocab::Word& w : words_) {
      if (w.word.empty()) std::abort();
      uint16_t s = 0;
      for (char ch : w.word) {
        const unsigned c = kClass[static_cast<unsigned char>(ch)];
        if (c == kOther) std::abort();  // outside the alphabet
        if (rows_[s].next[c] == 0) {  // the root is no state's child: 0 is "none" until linked
          if (rows_.size() == 0x10000 / sizeof(Row)) std::abort();  // offsets are 16 bits
          rows_[s].next[c] = static_cast<uint16_t>(rows_.size());
          rows_.emplace_back();
          ends.emplace_back();
        }
        s = rows_[s].next[c];
      }
      rows_[s].in_bits |= w.in_bits;
      if (w.token_bits != 0)
        ends[s].push_back({static_cast<uint32_t>(w.word.size()), w.token_bits});
    }
    std::vector<uint16_t> link(rows_.size(), 0);  // by state: its suffix link
    std::vector<uint16_t> queue = {0};
    for (size_t q = 0; q < queue.size(); ++q) {
      const uint16_t s = queue[q];
      if (s != 0) {
        rows_[s].in_bits |= rows_[link[s]].in_bits;
        ends[s].insert(ends[s].end(), ends[link[s]].begin(), ends[link[s]].end());
      }
      for (unsigned c = 0; c < kClasses; ++c) {
        const uint16_t child = rows_[s].next[c];
        const uint16_t via_link = s == 0 ? 0 : rows_[link[s]].next[c];
        if (child == 0) {
          rows_[s].next[c] = via_link;
        } else {
          link[child] = via_link;
          queue.push_back(child);
        }
      }
    }
    for (size_t s = 0; s < rows_.size(); ++s) {
      for (uint16_t& n : rows_[s].next) n = static_cast<uint16_t>(n * sizeof(Row));
      rows_[s].bounded_first = static_cast<uint16_t>(bounded_.size());
      rows_[s].bounded_count = static_cast<uint16_t>(ends[s].size());
      bounded_.insert(bounded_.end(), ends[s].begin(), ends[s].end());
    }
  }
  static bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

  std::vector<vocab::Word> words_;
  std::vector<Row> rows_;         // by state, the root first
  std::vector<Bounded> bounded_;  // by state: bounded_first, bounded_count
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
    // An element without class or id (most of them) is judged without the caches.
    const std::string_view class_value = n->attr("class"), id_value = n->attr("id");
    uint32_t cls = 0, id = 0;
    if (!class_value.empty()) {
      static thread_local util::TokenCache<uint32_t, k::kNameCacheEntries / 2> values;
      cls = values.get(class_value, [](std::string_view v) { return judge(v, true); });
    }
    if (!id_value.empty()) id = judge(id_value, false);
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

const std::vector<vocab::Word>& vocab::words() { return class_vocab().words(); }

uint32_t vocab::match(std::string_view t) { return class_vocab().match(t); }

}  // namespace gazette::extract
