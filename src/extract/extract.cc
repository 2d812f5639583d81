#include "extract/extract.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_set>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract/boilerplate.h"
#include "extract/constants.h"
#include "util/ascii.h"
#include "util/word_list.h"

namespace gazette::extract {
namespace {

using dom::Node;
using dom::NodeType;
using dom::Tag;

// Per-element statistics over the non-excluded part of its subtree. Node::mark holds
// index + 1 into the stats vector; Node::score holds the content score (valid when
// `scored`).
struct Stats {
  uint32_t chars = 0;        // text characters, whitespace excluded
  uint32_t link_chars = 0;   // of which inside <a>
  uint32_t commas = 0;
  uint32_t inline_chars = 0;   // text in this element's own inline content (not in child blocks)
  uint32_t inline_commas = 0;
  uint32_t inline_link_chars = 0;
  uint32_t good_chars = 0;     // text in paragraph-like blocks that are not mostly links
  uint32_t paragraphs = 0, images = 0, list_items = 0, inputs = 0, embeds = 0, headings = 0;
  uint32_t list_chars = 0;   // text inside li
  uint32_t heading_chars = 0;
  float weight = 0;          // class weight
  bool excluded = false;     // this subtree is not content in the current pass
  bool has_block_child = false;
  bool scored = false;
};

// The passes, from precise to lenient:
//  kPrecise  excludes never-content, hidden nodes and all boilerplate containers, and cleans
//            conditionally;
//  kRelaxed  excludes never-content and strong boilerplate (by tag, role, unambiguous words)
//            only, keeps hidden nodes, and cleans conditionally;
//  kLenient  excludes never-content only.
enum class Mode { kPrecise, kRelaxed, kLenient };

// What an element's tag and attributes say, computed once per page and shared by all passes.
struct ClassInfo {
  float weight = 0;
  Boilerplate boilerplate = Boilerplate::kNo;
  int8_t hint_rank = -1;
  bool metadata = false;
  bool never = false;         // never content, even in the recall pass
  bool never_precise = false;  // never content in the precise pass (hidden, noscript)
  bool in_code = false;        // a <pre> or <code>, or inside one
};

bool is_comma_at(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c == ',') return true;
  // U+FF0C fullwidth comma, U+3001 ideographic comma.
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
      static_cast<unsigned char>(s[i + 2]) == 0x8C)
    return true;
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x81)
    return true;
  return false;
}

bool is_space(unsigned char c) { return util::is_html_space(c); }

// Counts characters (UTF-8 lead bytes) that are not whitespace or U+00A0, and commas
// (',' U+FF0C U+3001). This runs over every text byte of the page, so 16 bytes at a time with
// SSE2 (the x86-64 baseline), then a scalar tail.
void count_text(std::string_view s, uint32_t& chars, uint32_t& commas) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  uint32_t ch = 0, co = 0, nbsp = 0;
  size_t i = 0;
  bool wide = false;  // any byte that may start U+FF0C / U+3001
#ifdef __SSE2__
  const __m128i cont_mask = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i cont = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i nb = _mm_set1_epi8(static_cast<char>(0xA0));
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3 - 0x80));
  // Per-byte-lane counters (a compare's 0xFF subtracted is +1), summed every 255 blocks,
  // before a lane can overflow (no popcount: it is not in the x86-64 baseline).
  const __m128i zero = _mm_setzero_si128();
  auto lane_sum = [&](__m128i acc) {
    const __m128i sums = _mm_sad_epu8(acc, zero);  // two 64-bit halves
    return static_cast<uint32_t>(_mm_cvtsi128_si32(sums) +
                                 _mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  };
  // Lanes that are whitespace or a UTF-8 continuation byte: not counted as characters.
  auto skip_of = [&](__m128i v) {
    return _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(v, cont_mask), cont),
                        util::html_space_lanes(v));
  };
  while (i + 17 <= n) {
    __m128i skips = zero, commas_acc = zero, nbsps = zero;
    __m128i wides = zero;
    const size_t blocks = std::min<size_t>((n - i - 1) / 16, 255);
    for (size_t b = 0; b < blocks; ++b, i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      skips = _mm_sub_epi8(skips, skip_of(v));
      commas_acc = _mm_sub_epi8(commas_acc, _mm_cmpeq_epi8(v, comma));
      // U+00A0 is C2 A0: a C2 byte whose successor (at i+1+k) is A0. Load shifted by one.
      __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
      nbsps = _mm_sub_epi8(nbsps, _mm_and_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(next, nb)));
      // Bytes >= 0xE3 (signed compare after shifting into range) may start a wide comma.
      __m128i shifted = _mm_sub_epi8(v, cont);
      wides = _mm_or_si128(wides, _mm_cmpgt_epi8(shifted, _mm_sub_epi8(e3, _mm_set1_epi8(1))));
    }
    ch += static_cast<uint32_t>(16 * blocks) - lane_sum(skips);
    co += lane_sum(commas_acc);
    nbsp += lane_sum(nbsps);
    wide |= _mm_movemask_epi8(wides) != 0;
  }
  // The last 1 to 16 bytes (most texts are shorter than 17): one more step on a zeroed copy,
  // its lanes past the text masked out of the character count. A zero byte is no comma, no
  // C2 A0 and no wide byte, and a C2 A0 pair that starts before the copy was counted above.
  if (i < n) {
    const size_t m = n - i;
    alignas(16) unsigned char tail[32] = {};
    if (m >= 8) {  // loads that may overlap: a copy without a call
      std::memcpy(tail, p + i, 8);
      std::memcpy(tail + m - 8, p + n - 8, 8);
    } else if (m >= 4) {
      std::memcpy(tail, p + i, 4);
      std::memcpy(tail + m - 4, p + n - 4, 4);
    } else {
      tail[0] = p[i];
      tail[m / 2] = p[i + m / 2];
      tail[m - 1] = p[n - 1];
    }
    static constexpr unsigned char kValid[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    const __m128i valid = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kValid + 16 - m));
    const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(tail + 1));
    ch += lane_sum(_mm_sub_epi8(zero, _mm_andnot_si128(skip_of(v), valid)));
    co += lane_sum(_mm_sub_epi8(zero, _mm_cmpeq_epi8(v, comma)));
    nbsp += lane_sum(
        _mm_sub_epi8(zero, _mm_and_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(next, nb))));
    wide |= _mm_movemask_epi8(_mm_cmpgt_epi8(_mm_sub_epi8(v, cont),
                                             _mm_sub_epi8(e3, _mm_set1_epi8(1)))) != 0;
    i = n;
  }
#endif
  unsigned prev = 0;  // a C2 A0 pair starting in the vector loop was counted there
  for (; i < n; ++i) {
    unsigned c = p[i];
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    bool continuation = (c & 0xC0) == 0x80;
    ch += !(space || continuation);
    co += c == ',';
    nbsp += (c == 0xA0) & (prev == 0xC2);
    wide |= c >= 0xE3;
    prev = c;
  }
  if (wide) {
    for (size_t j = 0; j + 2 < n; ++j)
      if (p[j] >= 0xE3 && p[j] <= 0xEF && is_comma_at(s, j)) ++co;
  }
  chars += ch - nbsp;
  commas += co;
}

bool is_heading(Tag t) {
  return t == Tag::H1 || t == Tag::H2 || t == Tag::H3 || t == Tag::H4 || t == Tag::H5 ||
         t == Tag::H6;
}

class Extraction {
 public:
  Extraction(dom::Document& doc, const Hints& hints) : doc_(doc), hints_(hints) {}

  size_t run(std::vector<Block>& blocks) {
    Node* body = doc_.body();
    if (!body) body = doc_.root();
    body_ = body;
    discussion_ = hints_.discussion;
    prepare();
    // prepare() does not go into <head> (never content), where JSON-LD mostly is.
    if (const Node* head = doc_.head(); head && !discussion_)
      for (const Node* c = head->first_child; c && !discussion_; c = c->next)
        discussion_ = c->is_element() && marks_discussion(c);

    size_t best = 0;
    for (Mode mode : {Mode::kPrecise, Mode::kRelaxed, Mode::kLenient}) {
      if (best >= k::kRecallCheckChars) break;
      compute_stats(mode);
      std::vector<Block> out;
      size_t chars = extract_scored(out, mode);
      // The recall pass replaces a short precise result only when it finds several times
      // more: the precise pass dropped the article with a boilerplate container around it.
      if (best == 0 || (best < k::kMinArticleChars && chars > best) ||
          static_cast<float>(chars) > (mode == Mode::kLenient ? k::kLenientGain : k::kRecallGain) *
                                          static_cast<float>(best)) {
        best = chars;
        blocks = std::move(out);
      }
      if (best >= k::kRecallCheckChars) break;
    }
    if (best < k::kMinArticleChars) {
      std::vector<Block> out;
      size_t chars = all_paragraphs(out);
      if (chars > best * 2 || (best == 0 && chars > 0)) {
        best = chars;
        blocks = std::move(out);
      }
    }
    // JSON-LD articleBody: when nothing else was found, or when it holds several times what a
    // short result does (a page that shows a teaser and leaves the rest to a script).
    if (best < k::kRecallCheckChars && !hints_.json_ld_body.empty()) {
      std::vector<Block> out;
      size_t chars = json_ld_paragraphs(out);
      if ((best < k::kMinArticleChars && chars > best) ||
          static_cast<float>(chars) > k::kRecallGain * static_cast<float>(best)) {
        best = chars;
        blocks = std::move(out);
      }
    }
    return best;
  }

 private:
  Stats& st(const Node* n) { return stats_[n->mark - 1]; }

  // Numbers the elements in pre-order (Node::mark = index + 1), classifies them, and caches
  // each text node's character and comma counts in its own mark/score fields. Once per page.
  void prepare() {
    order_.clear();
    info_.clear();
    posts_.clear();
    dom::walk(doc_.root(), [&](Node* n) {
      if (n->type == NodeType::kDocument) return true;
      if (n->type == NodeType::kText) {
        uint32_t ch = 0, co = 0;
        count_text(n->text, ch, co);
        n->mark = ch;
        n->score = static_cast<float>(co);
        return false;
      }
      if (!n->is_element()) return false;
      order_.push_back(n);
      n->mark = static_cast<uint32_t>(order_.size());
      if (!discussion_) discussion_ = marks_discussion(n);
      if (marks_post(n)) posts_.push_back(n);
      ClassInfo c;
      c.never = is_never_content(n, false);
      // Inside code, classes are a syntax highlighter's ("hljs-comment", "token comment"):
      // they say nothing about boilerplate.
      const Node* p = n->parent;
      bool parent_in_code = p && p->is_element() && p->mark > 0 && info_[p->mark - 1].in_code;
      c.in_code = parent_in_code || n->is(Tag::Pre) || n->is(Tag::Code);
      if (!c.never) {
        c.never_precise = is_never_content(n, true);
        if (!parent_in_code || n->is(Tag::Pre) || n->is(Tag::Code)) classify_attributes(n, c);
      }
      info_.push_back(c);
      // Nothing under a never-content element is ever read: its text (often whole scripts
      // and style sheets) is not counted, its descendants are not numbered.
      return !c.never;
    });
  }

  const ClassInfo& info(const Node* n) const { return info_[n->mark - 1]; }

  // schema.org microdata of one post of a thread: a question, an answer, a comment, a forum
  // posting.
  static bool marks_post(const Node* n) {
    std::string_view itemtype = n->attr("itemtype");
    if (itemtype.empty()) return false;
    for (std::string_view t : {"schema.org/Question", "schema.org/Answer", "schema.org/Comment",
                               "schema.org/DiscussionForumPosting"})
      if (itemtype.find(t) != std::string_view::npos) return true;
    return false;
  }

  // schema.org says this is a discussion: microdata itemtype, or a JSON-LD script's @type.
  static bool marks_discussion(const Node* n) {
    static const util::WordList kTypes = {"discussionforumposting", "qapage"};
    std::string_view itemtype = n->attr("itemtype");
    if (!itemtype.empty()) {
      std::string lower(itemtype);
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (kTypes.in(lower)) return true;
    }
    if (n->is(Tag::Script) && n->attr("type") == "application/ld+json") {
      for (Node* c = n->first_child; c; c = c->next) {
        if (!c->is_text()) continue;
        if (c->text.find("DiscussionForumPosting") != std::string_view::npos ||
            c->text.find("QAPage") != std::string_view::npos)
          return true;
      }
    }
    return false;
  }

  static void classify_attributes(const Node* n, ClassInfo& c) {
    Classification k = classify(n);
    c.weight = k.weight;
    c.boilerplate = k.boilerplate;
    c.hint_rank = static_cast<int8_t>(k.hint_rank);
    c.metadata = k.metadata;
    c.never = k.consent;  // a consent dialog is never content, in any pass
  }

  // Exclusion flags for `mode`, then post-order accumulation.
  void compute_stats(Mode mode) {
    stats_.assign(order_.size(), Stats());
    bool precise = mode == Mode::kPrecise;
    for (Node* n : order_) {
      Node* p = n->parent;
      bool parent_excluded = p && p->is_element() && st(p).excluded;
      const ClassInfo& c = info(n);
      st(n).excluded = parent_excluded || c.never || (precise && c.never_precise);
    }
    if (mode != Mode::kLenient) {
      // A container whose class only weakly says boilerplate ("sidebar" in a layout class) is
      // kept when it holds most of the page's text: it is the page's wrapper. The relaxed pass
      // keeps all of them.
      accumulate_chars();
      uint32_t total = stats_.empty() ? 0 : stats_[0].chars;
      for (Node* n : order_) {
        Stats& s = st(n);
        Node* p = n->parent;
        bool parent_excluded = p && p->is_element() && st(p).excluded;
        Boilerplate b = s.excluded || parent_excluded ? Boilerplate::kNo : info(n).boilerplate;
        bool wrapper = (b == Boilerplate::kWeak &&
                        (mode == Mode::kRelaxed ||
                         static_cast<float>(s.chars) >= k::kWrapperShare * static_cast<float>(total))) ||
                       (b == Boilerplate::kStrong && mode == Mode::kPrecise && strong_by_class(n) &&
                        static_cast<float>(s.chars) >= k::kStrongWrapperShare * static_cast<float>(total));
        bool comments_kept = b == Boilerplate::kComments && discussion_;
        bool excluded = s.excluded || parent_excluded ||
                        (b != Boilerplate::kNo && !wrapper && !comments_kept);
        s = Stats();
        s.excluded = excluded;
      }
    }
    accumulate();
  }

  // Strong boilerplate said by a class or id word only ("cc-newsletter"), not by the tag or
  // the ARIA role: a page builder's name for a whole section can hold the article.
  static bool strong_by_class(const Node* n) {
    switch (n->tag) {
      case Tag::Nav: case Tag::Aside: case Tag::Footer: case Tag::Menu: case Tag::Dialog:
        return false;
      default:
        return !n->has_attr("role");
    }
  }

  // Only Stats::chars, for the wrapper test: a cheaper first pass.
  void accumulate_chars() {
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      Node* n = *it;
      Stats& s = st(n);
      if (s.excluded) continue;
      uint32_t chars = 0;
      for (Node* c = n->first_child; c; c = c->next) {
        if (c->type == NodeType::kText)
          chars += c->mark;
        else if (c->is_element() && !st(c).excluded)
          chars += st(c).chars;
      }
      s.chars = chars;
    }
  }

  void accumulate() {
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      Node* n = *it;
      Stats& s = st(n);
      if (s.excluded) continue;
      s.weight = info(n).weight;
      for (Node* c = n->first_child; c; c = c->next) {
        if (c->type == NodeType::kText) {
          uint32_t ch = c->mark, co = static_cast<uint32_t>(c->score);
          s.chars += ch;
          s.commas += co;
          s.inline_chars += ch;
          s.inline_commas += co;
          if (n->is(Tag::A)) {
            s.link_chars += ch;
            s.inline_link_chars += ch;
          }
          continue;
        }
        if (!c->is_element()) continue;
        const Stats& cs = st(c);
        if (c->is(Tag::Img) || c->is(Tag::Picture)) ++s.images;
        // Hidden inputs are a form's state, not fields a reader fills in.
        if (c->is(Tag::Input) && c->attr("type") != "hidden") ++s.inputs;
        if (c->is(Tag::Embed) || c->is(Tag::Object) || c->is(Tag::Iframe)) ++s.embeds;
        if (cs.excluded) continue;
        s.chars += cs.chars;
        s.commas += cs.commas;
        s.link_chars += c->is(Tag::A) ? cs.chars : cs.link_chars;
        s.paragraphs += cs.paragraphs + (c->is(Tag::P) ? 1 : 0);
        s.images += cs.images;
        s.list_items += cs.list_items + (c->is(Tag::Li) ? 1 : 0);
        s.list_chars += c->is(Tag::Li) ? cs.chars : cs.list_chars;
        s.inputs += cs.inputs;
        s.embeds += cs.embeds;
        s.headings += cs.headings + (is_heading(c->tag) ? 1 : 0);
        s.heading_chars += is_heading(c->tag) ? cs.chars : cs.heading_chars;
        s.good_chars += cs.good_chars;
        if (dom::is_block(c->tag) && !c->is(Tag::Br)) {
          s.has_block_child = true;
        } else {
          s.inline_chars += cs.inline_chars;
          s.inline_commas += cs.inline_commas;
          s.inline_link_chars += c->is(Tag::A) ? cs.inline_chars : cs.inline_link_chars;
        }
      }
      // This element's own text is a paragraph when it stands as a block.
      if ((dom::is_block(n->tag) || s.has_block_child) && s.inline_chars >= k::kMinScoredChars &&
          static_cast<float>(s.inline_link_chars) <
              k::kMaxGoodLinkDensity * static_cast<float>(s.inline_chars))
        s.good_chars += s.inline_chars;
    }
  }

  float link_density(const Node* n) {
    const Stats& s = st(n);
    return s.chars ? static_cast<float>(s.link_chars) / static_cast<float>(s.chars) : 0.f;
  }

  void init_score(Node* n) {
    Stats& s = st(n);
    if (s.scored) return;
    s.scored = true;
    float base = 0;
    switch (n->tag) {
      case Tag::Div: base = 5; break;
      case Tag::Pre: case Tag::Td: case Tag::Blockquote: base = 3; break;
      case Tag::Address: case Tag::Ol: case Tag::Ul: case Tag::Dl: case Tag::Dd: case Tag::Dt:
      case Tag::Li: case Tag::Form:
        base = -3; break;
      case Tag::H1: case Tag::H2: case Tag::H3: case Tag::H4: case Tag::H5: case Tag::H6:
      case Tag::Th:
        base = -5; break;
      default: break;
    }
    n->score = base + s.weight;
    candidates_.push_back(n);
  }

  // Readability's scoring, then top candidate selection and the sibling merge.
  size_t extract_scored(std::vector<Block>& out, Mode mode) {
    candidates_.clear();
    for (Node* n : order_) {
      Stats& s = st(n);
      if (s.excluded || s.inline_chars < k::kMinScoredChars) continue;
      if (n->ns != dom::Namespace::kHtml || n->is(Tag::A)) continue;
      // List items do not vote (as in Readability): reference lists and link lists full of
      // commas would outvote the article.
      if (n->is(Tag::Li) || n->is(Tag::Dt) || n->is(Tag::Dd)) continue;
      // Inline elements pass their text up to the block that holds them.
      if (!dom::is_block(n->tag) && n->tag != Tag::kUnknown && !n->is(Tag::Span) &&
          !n->is(Tag::Font))
        continue;
      if ((n->is(Tag::Span) || n->is(Tag::Font) || n->tag == Tag::kUnknown) &&
          n->parent && n->parent->is_element() && !dom::is_block(n->parent->tag) &&
          !st(n->parent).has_block_child)
        continue;
      // Nor does the short inline text of a list item ("<li><span>350 g Zucker</span></li>"):
      // it would score the list, whose base score is negative, below zero, and the cleaning
      // would drop a recipe's ingredients for it. (Long items, a reference list's, still
      // score the container they are in.)
      if (!dom::is_block(n->tag) && n->parent && s.inline_chars < k::kCharsPerPoint &&
          (n->parent->is(Tag::Li) || n->parent->is(Tag::Dt) || n->parent->is(Tag::Dd)))
        continue;
      float score = 1.f + static_cast<float>(s.inline_commas) +
                    std::min(std::floor(static_cast<float>(s.inline_chars) / k::kCharsPerPoint),
                             k::kMaxLengthPoints);
      // A leaf block scores its ancestors; a block with mixed content scores itself too (as
      // Readability does after wrapping its loose text in a <p>).
      Node* a = s.has_block_child ? n : n->parent;
      for (int level = 0; a && a->is_element() && level < k::kScoreLevels; ++level, a = a->parent) {
        if (a->tag == Tag::Html) break;
        init_score(a);
        float divisor = level == 0 ? 1.f : level == 1 ? 2.f : level * k::kAncestorDivisor;
        a->score += score / divisor;
      }
    }
    Node* top = nullptr;
    for (Node* c : candidates_) {
      c->score *= 1.f - link_density(c);
      if (!top || c->score > top->score) top = c;
    }
    if (!top) return 0;
    thread_ = false;
    anchored_ = false;
    top = refine_top(top);

    // A container the page marks as the article body wins over the scored one when it holds
    // a fair share of the same text: it is the site's own statement of where the article is.
    // (Not over a thread its microdata delimits: there each post is an <article>; nor over the
    // story anchor_to_headline chose among several.)
    std::vector<Node*> hints;
    if (mode == Mode::kPrecise && !thread_ && !anchored_) hints = find_hints();
    bool use_hint = false;
    if (!hints.empty() && !(hints.size() == 1 && hints[0] == top)) {
      float hg = 0;
      for (Node* h : hints) hg += static_cast<float>(st(h).good_chars);
      float tg = static_cast<float>(st(top).good_chars);
      use_hint = hg >= k::kHintShareOfScored * tg;
    }

    // Sibling merge.
    std::vector<Node*> parts;
    Node* parent = top->parent;
    if (use_hint) {
      parts = std::move(hints);
    } else if (!parent || !parent->is_element() || top == body_ || anchored_) {
      parts.push_back(top);
    } else {
      float threshold = std::max(k::kSiblingMinScore, top->score * k::kSiblingShare);
      std::string_view top_class = top->attr("class");
      for (Node* s = parent->first_child; s; s = s->next) {
        if (s == top) {
          parts.push_back(s);
          continue;
        }
        if (!s->is_element() || st(s).excluded) continue;
        float bonus = (!top_class.empty() && s->attr("class") == top_class)
                          ? top->score * k::kSiblingShare : 0.f;
        bool join = st(s).scored && s->score + bonus >= threshold;
        if (!join && (s->is(Tag::P) || (!st(s).has_block_child && s->is(Tag::Div)))) {
          float ld = link_density(s);
          uint32_t len = st(s).chars;
          if (len > k::kSiblingParaChars && ld < k::kSiblingParaLinkDensity) join = true;
          else if (len > 0 && len <= k::kSiblingParaChars && ld == 0 && ends_sentence(s))
            join = true;
        }
        if (join) parts.push_back(s);
      }
    }
    BlockWriter w(*this, out, mode);
    for (Node* p : parts) w.emit(p);
    w.flush();
    return postprocess(out);
  }

  // The best semantic hint of the article body: the elements with itemprop=articleBody
  // (several when a site splits the body into sections), else those with a well-known content
  // class, else the one <article> that holds paragraph text (several such <article>s are the
  // cards of a listing: no hint), else <main>. Nested hints count once, by the outermost. A hint must hold
  // at least k::kMinArticleChars of paragraph text in all.
  std::vector<Node*> find_hints() {
    std::vector<Node*> found[4];
    uint32_t good[4] = {0, 0, 0, 0};
    int articles = 0;
    for (Node* n : order_) {
      const Stats& s = st(n);
      int rank = info(n).hint_rank;
      if (rank < 0 || s.excluded || s.good_chars < k::kMinScoredChars) continue;
      std::vector<Node*>& list = found[rank];
      if (!list.empty() && is_ancestor(list.back(), n)) continue;
      if (rank == 2 && s.good_chars >= k::kMinArticleChars) ++articles;
      list.push_back(n);
      good[rank] += s.good_chars;
    }
    if (articles > 1) found[2].clear();
    for (int rank = 0; rank < 4; ++rank) {
      if (found[rank].empty() || good[rank] < k::kMinArticleChars) continue;
      if (rank == 2) {
        // The <article> with the most paragraph text.
        Node* best = *std::max_element(found[2].begin(), found[2].end(), [&](Node* a, Node* b) {
          return st(a).good_chars < st(b).good_chars;
        });
        return {best};
      }
      return found[rank];
    }
    return {};
  }

  static bool is_ancestor(const Node* a, const Node* n) {
    for (const Node* p = n->parent; p; p = p->parent)
      if (p == a) return true;
    return false;
  }

  bool ends_sentence(Node* n) {
    std::string t;
    dom::append_text(n, t);
    while (!t.empty() && is_space(static_cast<unsigned char>(t.back()))) t.pop_back();
    return !t.empty() && (t.back() == '.' || t.find(". ") != std::string::npos);
  }

  Node* refine_top(Node* top) {
    // Alternative candidates: when several near-best candidates share an ancestor with the
    // top one, the article is that ancestor (Readability's MINIMUM_TOPCANDIDATES = 3).
    std::vector<Node*> sorted = candidates_;
    std::partial_sort(sorted.begin(), sorted.begin() + std::min<size_t>(5, sorted.size()),
                      sorted.end(), [](Node* a, Node* b) { return a->score > b->score; });
    std::vector<Node*> alternatives;
    for (size_t i = 1; i < std::min<size_t>(5, sorted.size()); ++i)
      if (sorted[i]->score >= top->score * 0.75f) alternatives.push_back(sorted[i]);
    if (alternatives.size() >= 3) {
      for (Node* p = top->parent; p && p->is_element() && p != body_; p = p->parent) {
        int containing = 0;
        for (Node* alt : alternatives)
          for (Node* q = alt; q; q = q->parent)
            if (q == p) { ++containing; break; }
        if (containing >= 3) {
          top = p;
          if (!st(top).scored) init_score(top);
          break;
        }
      }
    }
    // Climb while the parent scores higher (the article continues around the candidate).
    Node* parent = top->parent;
    float last = top->score;
    float threshold = last / 3;
    while (parent && parent->is_element() && parent != body_ && parent->tag != Tag::Html) {
      if (!st(parent).scored) {
        parent = parent->parent;
        continue;
      }
      if (parent->score < threshold) break;
      if (parent->score > last) {
        top = parent;
        break;
      }
      last = parent->score;
      parent = parent->parent;
    }
    // Widen to an ancestor while what it adds is mostly paragraph text (more posts of a thread,
    // the rest of an article split by a figure or an ad slot).
    while (top->parent && top->parent->is_element() && top->parent->tag != Tag::Html) {
      Node* p = top->parent;
      const Stats& ps = st(p);
      const Stats& ts = st(top);
      float added_good = static_cast<float>(ps.good_chars - ts.good_chars);
      float added_other = static_cast<float>((ps.chars - ts.chars)) - added_good;
      if (added_good < static_cast<float>(k::kClimbMinGoodChars) ||
          added_good < k::kClimbGoodRatio * added_other)
        break;
      top = p;
      if (!st(top).scored) init_score(top);
    }
    // An only child stands for its parent.
    while (top->parent && top->parent->is_element() && top->parent != body_ &&
           top->parent->tag != Tag::Html && top->parent->first_child == top->parent->last_child)
      top = top->parent;
    top = anchor_to_headline(top);
    if (anchored_) return top;  // one story of several: not widened to the others again
    top = widen_to_thread(top);
    top = widen_to_sections(top);
    return widen_to_region(top);
  }

  static bool has_h1(Node* n) {
    bool found = false;
    dom::walk(n, [&](Node* d) {
      if (found) return false;
      found = d->is(Tag::H1);
      return d->is_element() && !found;
    });
    return found;
  }

  // A page that scrolls on into further stories holds several containers of one kind
  // (article#article-0, article#article-1, ...); the top candidate can be a later, longer
  // story. The page's story is the one under the page's headline: the <h1> whose text is the
  // title. When the top is not that story, and one of its ancestors (a story: it has an <h1>)
  // has a sibling of the same tag and class that holds the headline and an article's worth of
  // text, that sibling wins. When the top holds several stories, each with an <h1>, the one
  // with the headline does.
  Node* anchor_to_headline(Node* top) {
    if (hints_.title.empty() || discussion_) return top;
    std::string title = normalise_for_compare(hints_.title);
    Node* headline = nullptr;
    std::string text;
    for (Node* n : order_) {
      if (!n->is(Tag::H1) || st(n).excluded) continue;
      text.clear();
      dom::append_text(n, text);
      if (normalise_for_compare(text) == title) {
        headline = n;
        break;
      }
    }
    if (!headline) return top;
    if (is_ancestor(top, headline)) {
      // The top holds several stories (their common container won the scoring): the story is
      // the one on the path down to the headline that has siblings of its tag and class with
      // an article's worth of text each.
      std::vector<Node*> path;
      for (Node* x = headline->parent; x && x != top; x = x->parent) path.push_back(x);
      for (auto it = path.rbegin(); it != path.rend(); ++it) {
        Node* x = *it;
        if (st(x).good_chars < k::kMinArticleChars) break;
        for (Node* b = x->parent->first_child; b; b = b->next) {
          if (b == x || !b->is_element() || b->tag != x->tag || st(b).excluded ||
              b->attr("class") != x->attr("class") || st(b).good_chars < k::kMinArticleChars ||
              !has_h1(b))
            continue;
          if (!st(x).scored) init_score(x);
          anchored_ = true;
          return x;
        }
      }
      return top;
    }
    // The headline's ancestors, to test "b holds the headline" in O(1): the sibling that holds
    // it is a child of one of them. (Each subtree walk below then runs at most once.)
    std::unordered_set<const Node*> holds_headline;
    for (const Node* x = headline->parent; x; x = x->parent) holds_headline.insert(x);
    for (Node* a = top; a && a->is_element() && a->parent && a != body_; a = a->parent) {
      if (holds_headline.count(a)) return top;
      Node* b = a->parent->first_child;
      while (b && !(b != a && holds_headline.count(b))) b = b->next;
      if (!b) continue;
      // b is the sibling with the headline: the same kind of container, an article's worth of
      // text, and a story on the top's side too (its own <h1>).
      if (!b->is_element() || b->tag != a->tag || st(b).excluded ||
          b->attr("class") != a->attr("class") || st(b).good_chars < k::kMinArticleChars ||
          !has_h1(a))
        return top;
      if (!st(b).scored) init_score(b);
      anchored_ = true;  // its siblings are the other stories: no sibling merge
      return b;
    }
    return top;
  }

  // A top candidate inside one <section> (or <div>) of an article written as a run of
  // sibling sections of one class ("BlogSection", one per heading; Drupal's "field__item"
  // paragraphs) is one section: the content is their parent. The nearest such ancestor within
  // kSectionClimbLevels whose siblings add paragraph text (kSectionSiblingsMinGoodChars) and
  // hold more of it than it does wins, so that a layout of header, article and footer, or an
  // article beside a page builder's FAQ section, is not merged.
  Node* widen_to_sections(Node* top) {
    if (thread_) return top;
    Node* a = top;
    for (int level = 0; a && level < k::kSectionClimbLevels; ++level, a = a->parent) {
      if (!a->is_element() || a == body_ || !a->parent || a->parent == body_ ||
          !a->parent->is_element())
        return top;
      if (!a->is(Tag::Section) && !a->is(Tag::Div)) continue;
      std::string_view cls = a->attr("class");
      if (cls.empty()) continue;
      uint32_t added = 0;
      for (Node* s = a->parent->first_child; s; s = s->next)
        if (s != a && s->tag == a->tag && !st(s).excluded && s->attr("class") == cls)
          added += st(s).good_chars;
      // One of several, not the article beside a related-posts or FAQ section of a page
      // builder ("brxe-section" is every section of the page): try the next level up.
      if (added < k::kSectionSiblingsMinGoodChars ||
          static_cast<float>(st(a).good_chars) >=
              k::kSectionShareOfRegion * static_cast<float>(added + st(a).good_chars))
        continue;
      Node* p = a->parent;
      if (st(p).excluded) return top;
      if (!st(p).scored) init_score(p);
      return p;
    }
    return top;
  }

  // A top candidate that holds less than kSectionShareOfRegion of the paragraph text of the
  // page's main region is one section of a page made of sections (a service, product or landing
  // page, a listing): the content is the region. The region is the <main> (or role=main) that
  // contains the top; on a page without an article's metadata, else the child of <body> that
  // does, or <body> itself when that child is one of several blocks (it holds less than
  // kSectionShareOfRegion of the body's paragraph text). Not on discussions, whose thread
  // widen_to_thread delimits.
  Node* widen_to_region(Node* top) {
    if (discussion_) return top;
    Node* region = nullptr;
    for (Node* p = top; p && p->is_element(); p = p->parent)
      if (p->tag == Tag::Main || p->attr("role") == "main") region = p;
    if (!region && !hints_.article) {
      for (Node* p = top; p && p->is_element() && p != body_; p = p->parent)
        if (p->parent == body_) region = p;
      // A page of sibling top-level blocks (div.container after div.container): <body>.
      if (region && static_cast<float>(st(region).good_chars) <
                        k::kSectionShareOfRegion * static_cast<float>(st(body_).good_chars))
        region = body_;
    }
    if (!region || region == top || st(region).excluded) return top;
    if (static_cast<float>(st(top).good_chars) >=
        k::kSectionShareOfRegion * static_cast<float>(st(region).good_chars))
      return top;
    if (!st(region).scored) init_score(region);
    return region;
  }

  // On a discussion page whose posts carry schema.org microdata, the thread is the posts'
  // nearest common container with the top candidate (which is often one long post): the
  // question and every answer, not the longest answer alone. Not above <body>'s children.
  Node* widen_to_thread(Node* top) {
    if (!discussion_ || posts_.size() < 2) return top;
    auto depth = [](const Node* x) {
      int d = 0;
      for (; x; x = x->parent) ++d;
      return d;
    };
    Node* common = top;
    int common_depth = depth(common);
    for (Node* post : posts_) {
      Node* a = post;
      int da = depth(a);
      while (da > common_depth) { a = a->parent; --da; }
      while (common_depth > da) { common = common->parent; --common_depth; }
      while (a != common) { a = a->parent; common = common->parent; --common_depth; }
    }
    if (!common || !common->is_element() || common == body_ || common->tag == Tag::Html)
      return top;
    if (!st(common).scored) init_score(common);
    thread_ = common != top;
    return common;
  }

  bool thread_post(const Node* n) const {
    // posts_ is in document order, which marks number.
    auto before = [](const Node* a, const Node* b) { return a->mark < b->mark; };
    return thread_ && std::binary_search(posts_.begin(), posts_.end(), n, before);
  }

  // Readability's _cleanConditionally, as a keep/drop decision for one container.
  bool drop_conditionally(Node* n) {
    switch (n->tag) {
      case Tag::Div: case Tag::Section: case Tag::Ul: case Tag::Ol: case Tag::Table:
      case Tag::Form: case Tag::Fieldset: case Tag::Header: case Tag::Aside: case Tag::Dl:
        break;
      default:
        return false;
    }
    const Stats& s = st(n);
    if (n->is(Tag::Table) && is_data_table(n)) return false;
    float weight = s.weight;
    float score = s.scored ? n->score : 0.f;
    if (weight + score < 0) return true;
    if (s.commas >= static_cast<uint32_t>(k::kCleanMinCommas)) return false;
    bool is_list = n->is(Tag::Ul) || n->is(Tag::Ol) ||
                   (s.chars && static_cast<float>(s.list_chars) / s.chars > 0.9f);
    bool in_figure = false;
    for (Node* a = n->parent; a && a->is_element(); a = a->parent)
      if (a->is(Tag::Figure)) { in_figure = true; break; }
    float p = static_cast<float>(s.paragraphs);
    float img = static_cast<float>(s.images);
    float ld = link_density(n);
    float heading_density = s.chars ? static_cast<float>(s.heading_chars) / s.chars : 0.f;
    bool drop =
        (img > 1 && p / img < 0.5f && !in_figure) ||
        (!is_list && static_cast<float>(s.list_items) - 100 > p) ||
        // A form, not a recipe's ingredients beside a servings field: inputs outnumber the
        // paragraphs and the text is little more than their labels.
        (static_cast<float>(s.inputs) > std::floor(p / 3) &&
         s.chars < s.inputs * k::kCleanCharsPerInput) ||
        (!is_list && heading_density < 0.9f && s.chars < 25 && (img == 0 || img > 2) &&
         !in_figure) ||
        (!is_list && weight < k::kClassWeight && ld > k::kCleanLinkDensity) ||
        (weight >= k::kClassWeight && ld > k::kCleanLinkDensityPositive) ||
        ((s.embeds == 1 && s.chars < 75) || s.embeds > 1) ||
        (is_list && ld > k::kMaxLinkDensityList);
    return drop;
  }

  // Readability's _getReadabilityDataTable, simplified: a table with a caption, header cells
  // or a header group holds data, not layout.
  static bool is_data_table(Node* table) {
    if (table->attr("role") == "presentation") return false;
    if (!table->attr("summary").empty()) return true;
    bool data = false;
    dom::walk(table, [&](Node* n) {
      if (n != table && n->is(Tag::Table)) return false;  // nested: a layout table
      if (n->is(Tag::Caption) || n->is(Tag::Th) || n->is(Tag::Thead) || n->is(Tag::Tfoot))
        data = true;
      return !data;
    });
    return data;
  }

  // Walks chosen subtrees and writes blocks.
  class BlockWriter {
   public:
    BlockWriter(Extraction& ex, std::vector<Block>& out, Mode mode)
        : ex_(ex), out_(out), mode_(mode) {}

    void emit(Node* root) {
      // Iterative traversal with explicit enter/leave so depth cannot overflow the stack.
      std::vector<Frame>& stack = stack_;
      stack.clear();
      if (!enter(root, true)) return;
      stack.push_back({root, root->first_child});
      while (!stack.empty()) {
        Frame& f = stack.back();
        if (!f.next_child) {
          leave(f.node);
          stack.pop_back();
          continue;
        }
        Node* c = f.next_child;
        f.next_child = c->next;
        if (c->type == NodeType::kText) {
          text(c->text);
        } else if (c->is_element() && enter(c, false)) {
          stack.push_back({c, c->first_child});
        }
      }
    }

    void flush() {
      // Trim trailing whitespace and the separator of an unfinished table row.
      while (!buf_.empty() && (buf_.back() == ' ' || buf_.back() == '\n' || buf_.back() == '\t'))
        buf_.pop_back();
      if (!buf_.empty()) {
        Block b;
        b.kind = kind_;
        b.level = level_;
        b.ordered = ordered_;
        // A copy of the exact size: buf_ keeps its capacity for the next block instead of
        // growing again from nothing.
        b.text = buf_;
        out_.push_back(std::move(b));
      }
      buf_.clear();
      pending_space_ = false;
    }

   private:
    struct Context {
      Block::Kind kind;
      uint8_t level;
      bool ordered;
    };

    bool enter(Node* n, bool is_root) {
      const Stats& s = ex_.st(n);
      if (s.excluded) return false;
      // A post of a thread stays whole: its vote buttons and user card are the link- and
      // label-heavy parts that Readability's cleaning would drop it for.
      if (!is_root && mode_ != Mode::kLenient && !ex_.thread_post(n) && ex_.drop_conditionally(n))
        return false;
      if (!is_root && is_heading(n->tag) && s.weight < 0) return false;
      if (!is_root && mode_ == Mode::kPrecise && s.chars < k::kMaxMetadataBlockChars &&
          ex_.info(n).metadata)
        return false;
      if (n->is(Tag::Br)) {
        if (kind_ != Block::Kind::kCode) {
          while (!buf_.empty() && buf_.back() == ' ') buf_.pop_back();
          if (!buf_.empty() && buf_.back() != '\n') buf_.push_back('\n');
          pending_space_ = false;
        }
        return false;
      }
      if (n->is(Tag::Img) || n->is(Tag::Hr)) {
        if (n->is(Tag::Hr)) flush();
        return false;
      }
      if (n->is(Tag::Td) || n->is(Tag::Th)) {
        if (kind_ == Block::Kind::kTableRow && !buf_.empty()) {
          while (!buf_.empty() && buf_.back() == ' ') buf_.pop_back();
          buf_.push_back('\t');
          pending_space_ = false;
        }
        contexts_.push_back({kind_, level_, ordered_});
        return true;
      }
      if (!dom::is_block(n->tag)) {
        contexts_.push_back({kind_, level_, ordered_});
        return true;
      }
      flush();
      contexts_.push_back({kind_, level_, ordered_});
      switch (n->tag) {
        case Tag::H1: case Tag::H2: case Tag::H3: case Tag::H4: case Tag::H5: case Tag::H6:
          kind_ = Block::Kind::kHeading;
          level_ = static_cast<uint8_t>(static_cast<int>(n->tag) - static_cast<int>(Tag::H1) + 1);
          break;
        case Tag::Ul: case Tag::Ol: case Tag::Menu:
          ++list_depth_;
          list_ordered_.push_back(n->is(Tag::Ol));
          break;
        case Tag::Li:
          kind_ = Block::Kind::kListItem;
          level_ = static_cast<uint8_t>(std::max(1, list_depth_));
          ordered_ = !list_ordered_.empty() && list_ordered_.back();
          break;
        case Tag::Blockquote:
          kind_ = Block::Kind::kQuote;
          break;
        case Tag::Pre:
          kind_ = Block::Kind::kCode;
          break;
        case Tag::Tr:
          kind_ = Block::Kind::kTableRow;
          break;
        case Tag::P: case Tag::Div: case Tag::Section: case Tag::Article:
          // A paragraph inside a list item or quote keeps that kind.
          if (kind_ != Block::Kind::kListItem && kind_ != Block::Kind::kQuote &&
              kind_ != Block::Kind::kCode)
            kind_ = Block::Kind::kParagraph;
          break;
        default:
          if (kind_ == Block::Kind::kTableRow || kind_ == Block::Kind::kHeading)
            kind_ = Block::Kind::kParagraph;
          break;
      }
      return true;
    }

    void leave(Node* n) {
      if (n->is(Tag::Td) || n->is(Tag::Th) || !dom::is_block(n->tag)) {
        if (!contexts_.empty()) contexts_.pop_back();
        return;
      }
      flush();
      if (n->is(Tag::Ul) || n->is(Tag::Ol) || n->is(Tag::Menu)) {
        --list_depth_;
        if (!list_ordered_.empty()) list_ordered_.pop_back();
      }
      if (!contexts_.empty()) {
        kind_ = contexts_.back().kind;
        level_ = contexts_.back().level;
        ordered_ = contexts_.back().ordered;
        contexts_.pop_back();
      }
    }

    void text(std::string_view t) {
      if (kind_ == Block::Kind::kCode) {
        buf_.append(t);
        return;
      }
      // Each run of whitespace becomes one space. Words with single spaces between them, most
      // of a text, are appended whole: one append per run, not per word.
      size_t i = 0;
      while (i < t.size()) {
        if (is_space(static_cast<unsigned char>(t[i]))) {
          pending_space_ = true;
          ++i;
          continue;
        }
        size_t j = util::find_html_space(t, i + 1);
        while (j + 1 < t.size() && t[j] == ' ' && !is_space(static_cast<unsigned char>(t[j + 1])))
          j = util::find_html_space(t, j + 2);
        if (pending_space_ && !buf_.empty() && buf_.back() != '\n' && buf_.back() != '\t' &&
            buf_.back() != ' ')
          buf_.push_back(' ');
        pending_space_ = false;
        buf_.append(t.data() + i, j - i);
        i = j;
      }
    }

    struct Frame {
      Node* node;
      Node* next_child;
    };

    Extraction& ex_;
    std::vector<Block>& out_;
    Mode mode_;
    std::vector<Frame> stack_;  // emit's, kept for its next call
    std::string buf_;
    bool pending_space_ = false;
    Block::Kind kind_ = Block::Kind::kParagraph;
    uint8_t level_ = 0;
    bool ordered_ = false;
    int list_depth_ = 0;
    std::vector<bool> list_ordered_;
    std::vector<Context> contexts_;
  };

  // Drops boilerplate lines and the repeated headline; returns the characters kept.
  size_t postprocess(std::vector<Block>& blocks) {
    std::string title = normalise_for_compare(hints_.title);
    size_t i = 0;
    std::vector<Block> kept;
    kept.reserve(blocks.size());
    for (Block& b : blocks) {
      ++i;
      if (is_boilerplate_line(b.text)) continue;
      // A block of several lines (<br>) loses its boilerplate lines ("War der Artikel
      // nützlich?" above a rating widget); code keeps every line.
      if (b.kind != Block::Kind::kCode && b.text.find('\n') != std::string::npos) {
        std::string lines;
        for (size_t at = 0; at <= b.text.size();) {
          size_t end = b.text.find('\n', at);
          if (end == std::string::npos) end = b.text.size();
          std::string_view line = std::string_view(b.text).substr(at, end - at);
          if (!is_boilerplate_line(line)) {
            if (!lines.empty()) lines += '\n';
            lines.append(line);
          }
          at = end + 1;
        }
        if (lines.empty()) continue;
        b.text = std::move(lines);
      }
      if (!title.empty() && i <= 5 && b.kind != Block::Kind::kCode &&
          normalise_for_compare(b.text) == title)
        continue;
      kept.push_back(std::move(b));
    }
    blocks = std::move(kept);
    size_t chars = 0;
    for (const Block& b : blocks) {
      uint32_t ch = 0, co = 0;
      count_text(b.text, ch, co);
      chars += ch;
    }
    return chars;
  }

  static std::string normalise_for_compare(std::string_view s) {
    std::string r;
    bool space = false;
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      if (is_space(c)) {
        space = !r.empty();
        continue;
      }
      if (space) r.push_back(' ');
      space = false;
      r.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    }
    return r;
  }

  // Recall fallback: every paragraph-like block outside never-content elements, in order.
  size_t all_paragraphs(std::vector<Block>& out) {
    compute_stats(Mode::kLenient);
    BlockWriter w(*this, out, Mode::kLenient);
    for (Node* n : order_) {
      if (!(n->is(Tag::P) || n->is(Tag::Pre) || n->is(Tag::Blockquote)) || st(n).excluded)
        continue;
      bool nested = false;
      for (Node* a = n->parent; a && a->is_element(); a = a->parent)
        if (a->is(Tag::P) || a->is(Tag::Pre) || a->is(Tag::Blockquote)) { nested = true; break; }
      if (!nested) w.emit(n);
    }
    w.flush();
    return postprocess(out);
  }

  size_t json_ld_paragraphs(std::vector<Block>& out) {
    std::string_view t = hints_.json_ld_body;
    size_t start = 0;
    while (start < t.size()) {
      size_t nl = t.find('\n', start);
      if (nl == std::string_view::npos) nl = t.size();
      std::string line;
      bool space = false;
      for (char ch : t.substr(start, nl - start)) {
        if (is_space(static_cast<unsigned char>(ch))) { space = !line.empty(); continue; }
        if (space) line.push_back(' ');
        space = false;
        line.push_back(ch);
      }
      if (!line.empty()) out.push_back({Block::Kind::kParagraph, 0, false, std::move(line)});
      start = nl + 1;
    }
    return postprocess(out);
  }

  dom::Document& doc_;
  const Hints& hints_;
  Node* body_ = nullptr;
  std::vector<Node*> order_;
  std::vector<Stats> stats_;
  std::vector<ClassInfo> info_;
  bool discussion_ = false;
  std::vector<Node*> candidates_;
  std::vector<Node*> posts_;  // elements with schema.org post microdata (marks_post)
  bool anchored_ = false;     // anchor_to_headline moved the top to the headline's story
  bool thread_ = false;       // the top candidate was widened to a thread (widen_to_thread)
};

}  // namespace

void count_text_for_test(std::string_view text, uint32_t& chars, uint32_t& commas) {
  count_text(text, chars, commas);
}

size_t extract_body(dom::Document& doc, const Hints& hints, std::vector<Block>& blocks) {
  blocks.clear();
  Extraction ex(doc, hints);
  return ex.run(blocks);
}

}  // namespace gazette::extract
