// dedup_eval: precision and recall of duplicate and story-cluster detection (src/corpus/dedup.h)
// on a labelled pair set built from the bench pages, and its cost next to extraction.
//
//   dedup_eval [--bench DIR] [--seed N] [--threshold X] [--shingle N] [--bands B] [--rows R]
//              [--min-words N] [--cluster-threshold X] [--cluster-containment X]
//              [--cluster-min-jaccard X] [--sweep] [--errors N] [--dump DIR] [--limit N]
//
// DIR is ../shared/bench (default: the one next to the source tree). Every page of
// DIR/datasets/*/pages/*.html.gz is extracted with gazette::Extractor; each extracted body is an
// "original" story. From each original of at least --min-words words come five copies of the
// same story (the labelled positives):
//   exact      the same body (a page fetched twice)
//   reformat   case, whitespace, paragraph breaks, quotes and dashes changed (must stay exact)
//   edit       about 1% of the words replaced, a sentence added or removed (at most 5% of the
//              words changed in all)
//   truncate   the first 70-90% of the paragraphs (a teaser or a cut syndicated copy)
//   rewrap     the story's blocks put in place of another site's article in that site's own
//              page HTML, extracted again: the same story published by another site, with that
//              site's template and its extraction noise. A host page counts when the new
//              extraction holds the story's first and last blocks and none of the host
//              article's own blocks; otherwise another host is tried (up to 8).
// Everything else is a negative: the bench pages are different articles, many from one site
// (similar boilerplate), and each rewrapped page shares its template with its host page.
//
// The bench holds copies of its own (Readability's synthetic test pages share one Lorem ipsum
// text; some pages are in two datasets or on two sites). Their truth can only be textual: two
// bench pages are labelled one story when the exact (not estimated) shingle sets of their
// bodies have Jaccard >= 0.5, or one is >= 80% contained in the other with Jaccard >= 0.3.
// --errors N lists the first N such pairs, wrong pairs and missed copies; --dump DIR writes both
// bodies of every wrong and missed pair, with the verdicts, one file per pair.
//
// All records are fed to one Deduplicator in a shuffled order (fixed seed), so that a copy is
// sometimes seen before its original. Reported, as pairs:
//  * duplicate_of precision: records marked duplicate_of a record of another story / all marked;
//    recall per kind: (original, copy) pairs whose two records end in one duplicate group.
//  * cluster precision and recall over all pairs of records: same cluster id vs same story;
//    per kind, the share of (original, copy) pairs in one cluster.
//  * time: fingerprint() + add() per page against Extractor::extract() per page, both the
//    thread's CPU time, on the bench pages alone (add() timed over the whole run of them).
//  * memory: Deduplicator::memory_bytes() after the run.
// --sweep adds the calibration grid of docs/dedup.md. Exit status 0 when duplicate_of and
// cluster precision are >= 0.99 and recall >= 0.95, 1 otherwise, 2 on usage errors.
#include <time.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "corpus/dedup.h"
#include "gazette/gazette.h"
#include "io/input.h"
#include "util/splitmix.h"

namespace {

using gazette::corpus::DedupOptions;
using gazette::corpus::Deduplicator;
using gazette::corpus::Fingerprint;
using gazette::corpus::Verdict;

uint64_t cpu_now_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

using Rng = gazette::util::SplitMix64;  // util/splitmix.h

enum Kind { kOriginal, kExact, kReformat, kEdit, kTruncate, kRewrap, kKinds };
constexpr const char* kKindNames[kKinds] = {"original", "exact", "reformat", "edit", "truncate",
                                           "rewrap"};
constexpr const char* kKindLabels[kKinds] = {
    "original", "exact copy", "reformatted (case, spaces, quotes)",
    "light edit (~1% words, ± a sentence)", "truncated to 70-90%",
    "re-wrapped in another site's page"};

struct Page {
  std::string dataset, id, path, site;
  bool ok = false;
  std::vector<gazette::Block> blocks;
  std::string body;
  uint64_t extract_ns = 0;
};

struct Record {
  std::string body;
  std::string site;
  int story = 0;   // the original's page number: the truth
  Kind kind = kOriginal;
  int page = 0;    // the page it came from (for rewrap: the story's page; host in `host`)
  int host = -1;
  Fingerprint fp;
};

// --- Text helpers ---------------------------------------------------------------------------

std::string host_of(std::string_view url) {
  size_t p = url.find("://");
  if (p == std::string_view::npos) return "";
  url.remove_prefix(p + 3);
  url = url.substr(0, url.find_first_of("/?#:"));
  std::string host(url);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

// Words for the tool's own bookkeeping (budgets, exact Jaccard): ASCII letters and digits
// lowercased, other bytes >= 0x80 kept as part of words except the common non-ASCII spaces and
// punctuation (U+00A0, U+00AB, U+00BB, U+2000..U+206F), the rest separates. An approximation of
// dedup.cc's normalisation, written independently of it, with no Unicode tables.
std::vector<std::string_view> words_of(std::string_view s, std::string& storage) {
  storage.clear();
  storage.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    auto next = [&](size_t k) {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    if (u == 0xC2 && (next(1) == 0xA0 || next(1) == 0xAB || next(1) == 0xBB)) {
      storage += "  ";
      ++i;
      continue;
    }
    if (u == 0xE2 && (next(1) == 0x80 || (next(1) == 0x81 && next(2) < 0xB0))) {
      storage += "   ";
      i += 2;
      continue;
    }
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || u >= 0x80)
      storage += static_cast<char>(u);
    else if (u >= 'A' && u <= 'Z')
      storage += static_cast<char>(u + 32);
    else
      storage += ' ';
  }
  std::vector<std::string_view> words;
  std::string_view rest(storage);
  while (!rest.empty()) {
    size_t b = rest.find_first_not_of(' ');
    if (b == std::string_view::npos) break;
    rest.remove_prefix(b);
    size_t e = std::min(rest.find(' '), rest.size());
    words.push_back(rest.substr(0, e));
    rest.remove_prefix(e);
  }
  return words;
}

size_t count_words(std::string_view s) {
  std::string storage;
  return words_of(s, storage).size();
}

// The exact Jaccard similarity of the 5-word shingle sets (the tool's approximate words).
std::unordered_set<uint64_t> shingle_set(std::string_view s, int k) {
  std::string storage;
  auto words = words_of(s, storage);
  std::vector<uint64_t> h;
  for (auto w : words) h.push_back(std::hash<std::string_view>()(w));
  std::unordered_set<uint64_t> set;
  for (size_t i = 0; i + static_cast<size_t>(k) <= h.size(); ++i) {
    uint64_t x = 0;
    for (int j = 0; j < k; ++j) x = x * 0x9e3779b97f4a7c15ULL + h[i + static_cast<size_t>(j)];
    set.insert(x);
  }
  return set;
}
double exact_jaccard(std::string_view a, std::string_view b, int k) {
  auto x = shingle_set(a, k), y = shingle_set(b, k);
  if (x.empty() && y.empty()) return 1;
  size_t both = 0;
  for (uint64_t v : x) both += y.count(v);
  return static_cast<double>(both) / static_cast<double>(x.size() + y.size() - both);
}

// Lowercased letters and digits with single spaces: for "does the page hold this paragraph".
std::string squash(std::string_view s) {
  std::string storage;
  auto words = words_of(s, storage);
  std::string out;
  for (auto w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string render(const std::vector<gazette::Block>& blocks) {
  gazette::Article a;
  a.blocks = blocks;
  return gazette::render_body(a, gazette::Format::kText);
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

std::string blocks_html(const std::vector<gazette::Block>& blocks) {
  std::string out;
  for (const auto& b : blocks) {
    switch (b.kind) {
      case gazette::Block::Kind::kHeading: out += "<h2>" + html_escape(b.text) + "</h2>\n"; break;
      case gazette::Block::Kind::kListItem:
        out += "<ul><li>" + html_escape(b.text) + "</li></ul>\n";
        break;
      case gazette::Block::Kind::kQuote:
        out += "<blockquote><p>" + html_escape(b.text) + "</p></blockquote>\n";
        break;
      default: out += "<p>" + html_escape(b.text) + "</p>\n";
    }
  }
  return out;
}

// --- Variants -------------------------------------------------------------------------------

// Case, whitespace, paragraph breaks, quotes and dashes: the words stay the same.
std::string reformat(std::string_view body, Rng& rng) {
  std::string out;
  bool upper_word = false;
  bool at_word_start = true;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    auto u = static_cast<unsigned char>(c);
    bool letter = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    if (letter && at_word_start) upper_word = rng.below(12) == 0;
    at_word_start = !letter && u < 0x80;
    if (c == '\n') {
      if (i + 1 < body.size() && body[i + 1] == '\n') {
        ++i;
        out += rng.below(2) ? "\n" : " \r\n  ";
      } else {
        out += ' ';
      }
    } else if (c == ' ') {
      out += rng.below(10) == 0 ? "  " : rng.below(20) == 0 ? "\u00a0" : " ";
    } else if (c == '"') {
      out += rng.below(2) ? "\u201c" : "\u00bb";
    } else if (c == '\'') {
      out += "\u2019";
    } else if (c == '-' && i > 0 && body[i - 1] == ' ') {
      out += "\u2013";
    } else if (letter && upper_word && u >= 'a') {
      out += static_cast<char>(u - 32);
    } else {
      out += c;
    }
  }
  return out + "\n";
}

// Sentences of a paragraph (split after ". ", "! ", "? ").
std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ') {
      out.push_back(text.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

// About 1% of the words replaced by words of another story; then, budget permitting (at most 5%
// of the words changed in all), one sentence removed or one added from another story.
std::string light_edit(const std::vector<gazette::Block>& original, const Page& donor, Rng& rng) {
  std::vector<gazette::Block> blocks = original;
  size_t words = 0;
  for (const auto& b : blocks) words += count_words(b.text);
  std::string donor_storage;
  auto donor_words = words_of(donor.body, donor_storage);
  size_t substitutions = std::max<size_t>(1, words / 100);
  for (size_t n = 0; n < substitutions && !donor_words.empty(); ++n) {
    auto& text = blocks[rng.below(blocks.size())].text;
    // The n-th space-separated token of a random block.
    std::vector<size_t> starts;
    for (size_t i = 0; i < text.size(); ++i)
      if ((i == 0 || text[i - 1] == ' ') && text[i] != ' ') starts.push_back(i);
    if (starts.empty()) continue;
    size_t s = starts[rng.below(starts.size())];
    size_t e = std::min(text.find(' ', s), text.size());
    text.replace(s, e - s, std::string(donor_words[rng.below(donor_words.size())]));
  }
  double budget = 0.05 * static_cast<double>(words) - static_cast<double>(substitutions);
  if (rng.below(2)) {  // remove a sentence that fits the budget
    for (int attempt = 0; attempt < 8; ++attempt) {
      auto& b = blocks[rng.below(blocks.size())];
      auto sentences = sentences_of(b.text);
      if (sentences.size() < 2) continue;
      size_t k = rng.below(sentences.size());
      if (static_cast<double>(count_words(sentences[k])) > budget) continue;
      std::string joined;
      for (size_t i = 0; i < sentences.size(); ++i) {
        if (i == k) continue;
        if (!joined.empty()) joined += ' ';
        joined += sentences[i];
      }
      b.text = joined;
      break;
    }
  } else {  // add one of the donor's sentences that fits the budget
    for (int attempt = 0; attempt < 8 && !donor.blocks.empty(); ++attempt) {
      auto sentences = sentences_of(donor.blocks[rng.below(donor.blocks.size())].text);
      if (sentences.empty()) continue;
      const std::string& add = sentences[rng.below(sentences.size())];
      if (static_cast<double>(count_words(add)) > budget || count_words(add) < 3) continue;
      auto& b = blocks[rng.below(blocks.size())];
      b.text += ' ';
      b.text += add;
      break;
    }
  }
  return render(blocks);
}

// The first 70-90% of the paragraphs; with fewer than 4 blocks, of the sentences.
std::string truncate_story(const std::vector<gazette::Block>& original, Rng& rng) {
  double f = 0.7 + 0.2 * rng.unit();
  if (original.size() >= 4) {
    size_t keep = static_cast<size_t>(std::lround(f * static_cast<double>(original.size())));
    keep = std::clamp<size_t>(keep, 1, original.size() - 1);
    return render(std::vector<gazette::Block>(original.begin(), original.begin() + keep));
  }
  std::vector<std::string> sentences;
  for (const auto& b : original)
    for (auto& s : sentences_of(b.text)) sentences.push_back(std::move(s));
  if (sentences.size() < 2) return "";
  size_t keep = static_cast<size_t>(std::lround(f * static_cast<double>(sentences.size())));
  keep = std::clamp<size_t>(keep, 1, sentences.size() - 1);
  std::string out;
  for (size_t i = 0; i < keep; ++i) {
    if (!out.empty()) out += ' ';
    out += sentences[i];
  }
  return out;
}

// Where a block's text starts in the page's HTML: a 40-byte piece of it found verbatim (text
// with inline markup or entities is tried from later word starts).
size_t find_text(std::string_view html, std::string_view text, size_t from) {
  for (size_t start = 0, tries = 0; start < text.size() && tries < 6; ++tries) {
    std::string_view piece = text.substr(start, 40);
    while (!piece.empty() && (static_cast<unsigned char>(piece.back()) & 0xC0) == 0x80)
      piece.remove_suffix(1);  // whole characters only
    if (piece.size() >= 20) {
      size_t p = html.find(piece, from);
      if (p != std::string_view::npos) return p;
    }
    size_t next = text.find(' ', start + 20);
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  return std::string_view::npos;
}

bool is_block_tag(std::string_view html, size_t name_at) {
  static constexpr std::string_view kBlocks[] = {
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
      "pre", "table", "tbody", "tr", "td", "th", "div", "section", "figure", "article", "main"};
  size_t end = name_at;
  while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
  if (end == name_at || end >= html.size()) return false;
  if (html[end] != '>' && html[end] != ' ' && html[end] != '\n' && html[end] != '\t') return false;
  std::string name(html.substr(name_at, end - name_at));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

// `story`'s blocks in place of `host`'s article in the host's HTML: from the start of the block
// element holding the first of the host's body blocks found in its HTML to the end of the one
// holding the last. Empty when the host's blocks cannot be found.
std::string rewrap(const std::string& host_html, const Page& host,
                   const std::vector<gazette::Block>& story) {
  size_t a = std::string::npos, z = std::string::npos;
  for (const auto& b : host.blocks) {
    if (b.text.size() < 20) continue;
    size_t p = find_text(host_html, b.text, a == std::string::npos ? 0 : a);
    if (p == std::string::npos) continue;
    if (a == std::string::npos) a = p;
    z = p;
  }
  if (a == std::string::npos || z == a) return "";
  // Start: the nearest block element's start tag before the first block's text (within 4 KB).
  size_t start = a;
  size_t window = a > 4096 ? a - 4096 : 0;
  for (size_t p = a; p > window; --p) {
    if (host_html[p - 1] == '<' && is_block_tag(host_html, p)) {
      start = p - 1;
      break;
    }
  }
  // End: after the first block element's end tag that follows the last block's text.
  size_t end = std::string::npos;
  for (size_t p = host_html.find("</", z); p != std::string::npos && p - z < 20000;
       p = host_html.find("</", p + 2)) {
    if (is_block_tag(host_html, p + 2)) {
      end = host_html.find('>', p);
      if (end != std::string::npos) ++end;
      break;
    }
  }
  if (end == std::string::npos) return "";
  return host_html.substr(0, start) + blocks_html(story) + host_html.substr(end);
}

// --- Evaluation -----------------------------------------------------------------------------

struct KindScore {
  size_t pairs = 0, dup_found = 0, cluster_found = 0, exact_marked = 0;
  std::vector<double> jaccard;  // exact Jaccard of each (original, copy)
};

struct Scores {
  KindScore kinds[kKinds];
  size_t dup_marked = 0, dup_wrong = 0;
  size_t dup_wrong_same_site = 0;
  double cluster_pairs = 0, cluster_right = 0, story_pairs = 0;
  std::vector<std::pair<size_t, size_t>> wrong_dups;           // (record, duplicate_of)
  std::vector<std::pair<size_t, size_t>> wrong_cluster_edges;  // (record, cluster head)
  std::vector<std::pair<size_t, size_t>> missed_dups;          // (original, copy)
  std::vector<Verdict> verdicts;                               // by record number
  uint64_t add_ns = 0;
  Deduplicator::Stats stats;
  size_t memory = 0;

  double dup_precision() const {
    return dup_marked ? 1.0 - static_cast<double>(dup_wrong) / static_cast<double>(dup_marked) : 1;
  }
  double cluster_precision() const { return cluster_pairs ? cluster_right / cluster_pairs : 1; }
  double cluster_recall() const { return story_pairs ? cluster_right / story_pairs : 1; }
  double dup_recall(std::initializer_list<Kind> which) const {
    size_t p = 0, f = 0;
    for (Kind k : which) p += kinds[k].pairs, f += kinds[k].dup_found;
    return p ? static_cast<double>(f) / static_cast<double>(p) : 1;
  }
  double cluster_recall_of(std::initializer_list<Kind> which) const {
    size_t p = 0, f = 0;
    for (Kind k : which) p += kinds[k].pairs, f += kinds[k].cluster_found;
    return p ? static_cast<double>(f) / static_cast<double>(p) : 1;
  }
};

// Runs one Deduplicator over the records in `order` and scores its verdicts.
Scores evaluate(const std::vector<Record>& records, const std::vector<size_t>& order,
                const DedupOptions& options, bool with_jaccard, int shingle_words) {
  Scores s;
  Deduplicator dedup(options);
  std::vector<Verdict> verdicts(records.size());
  uint64_t t = cpu_now_ns();
  for (size_t i = 0; i < order.size(); ++i) {
    const Record& r = records[order[i]];
    verdicts[order[i]] = dedup.add(i, r.fp, r.site);
  }
  s.add_ns = cpu_now_ns() - t;
  s.verdicts = verdicts;
  s.stats = dedup.stats();
  s.memory = dedup.memory_bytes();

  // record_index (position in `order`) -> record number.
  const std::vector<size_t>& record_at = order;
  auto group_of = [&](size_t rec) {
    const Verdict& v = verdicts[rec];
    return v.duplicate_of ? record_at[*v.duplicate_of] : rec;
  };
  auto cluster_of = [&](size_t rec) { return record_at[verdicts[rec].cluster]; };

  for (size_t rec = 0; rec < records.size(); ++rec) {
    const Verdict& v = verdicts[rec];
    if (!v.duplicate_of) continue;
    ++s.dup_marked;
    size_t other = record_at[*v.duplicate_of];
    if (records[other].story != records[rec].story) {
      ++s.dup_wrong;
      s.dup_wrong_same_site += records[other].site == records[rec].site;
      s.wrong_dups.emplace_back(rec, other);
    }
  }
  // Positives: (original, copy) of every story.
  std::unordered_map<int, size_t> original_of;  // page -> its original record
  for (size_t rec = 0; rec < records.size(); ++rec)
    if (records[rec].kind == kOriginal) original_of[records[rec].page] = rec;
  for (size_t rec = 0; rec < records.size(); ++rec) {
    const Record& r = records[rec];
    if (r.kind == kOriginal) continue;
    size_t orig = original_of.at(r.page);
    KindScore& k = s.kinds[r.kind];
    ++k.pairs;
    bool dup = group_of(rec) == group_of(orig);
    k.dup_found += dup;
    k.cluster_found += cluster_of(rec) == cluster_of(orig);
    k.exact_marked += records[orig].fp.exact_hash == r.fp.exact_hash;
    if (!dup) s.missed_dups.emplace_back(orig, rec);
    if (with_jaccard) k.jaccard.push_back(exact_jaccard(records[orig].body, r.body, shingle_words));
  }
  // Cluster pairs: predicted (same cluster), true (same story), both.
  std::map<std::pair<size_t, int>, size_t> cell;  // (cluster, story) -> records
  std::map<size_t, size_t> cluster_size;
  std::map<int, size_t> story_size;
  for (size_t rec = 0; rec < records.size(); ++rec) {
    ++cell[{cluster_of(rec), records[rec].story}];
    ++cluster_size[cluster_of(rec)];
    ++story_size[records[rec].story];
  }
  auto pairs = [](size_t n) { return static_cast<double>(n) * static_cast<double>(n - 1) / 2; };
  for (auto& [key, n] : cell) s.cluster_right += pairs(n);
  for (auto& [key, n] : cluster_size) s.cluster_pairs += pairs(n);
  for (auto& [key, n] : story_size) s.story_pairs += pairs(n);
  for (size_t rec = 0; rec < records.size(); ++rec) {
    size_t head = cluster_of(rec);
    if (head != rec && records[head].story != records[rec].story)
      s.wrong_cluster_edges.emplace_back(rec, head);
  }
  return s;
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))];
}

std::string snippet(std::string_view body, size_t n = 90) {
  std::string s(body.substr(0, n));
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  return s;
}

void usage() {
  std::fprintf(stderr,
               "usage: dedup_eval [--bench DIR] [--seed N] [--threshold X] [--shingle N]\n"
               "                  [--bands B] [--rows R] [--min-words N] [--cluster-threshold X]\n"
               "                  [--cluster-containment X] [--cluster-min-jaccard X] [--sweep]\n"
               "                  [--errors N] [--limit N]\n");
}

}  // namespace

int main(int argc, char** argv) {
#ifdef GAZETTE_SHARED
  std::string bench = std::string(GAZETTE_SHARED) + "/bench";
#else
  std::string bench = "../shared/bench";
#endif
  uint64_t seed = 1;
  DedupOptions options;
  bool sweep = false;
  size_t show_errors = 10, limit = SIZE_MAX;
  std::string dump_dir;  // --dump DIR: the bodies of every missed and wrong pair, for reading
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--bench") bench = value();
    else if (arg == "--seed") seed = std::stoull(value());
    else if (arg == "--threshold") options.threshold = std::stod(value());
    else if (arg == "--shingle") options.shingle_words = std::stoi(value());
    else if (arg == "--bands") options.bands = std::stoi(value());
    else if (arg == "--rows") options.rows = std::stoi(value());
    else if (arg == "--min-words") options.min_words = static_cast<uint32_t>(std::stoul(value()));
    else if (arg == "--cluster-threshold") options.cluster_threshold = std::stod(value());
    else if (arg == "--cluster-containment") options.cluster_containment = std::stod(value());
    else if (arg == "--cluster-min-jaccard") options.cluster_min_jaccard = std::stod(value());
    else if (arg == "--sweep") sweep = true;
    else if (arg == "--errors") show_errors = std::stoul(value());
    else if (arg == "--limit") limit = std::stoul(value());
    else if (arg == "--dump") dump_dir = value();
    else {
      usage();
      return 2;
    }
  }

  // 1. Extract every bench page.
  std::vector<Page> pages;
  namespace fs = std::filesystem;
  std::vector<fs::path> datasets;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(bench + "/datasets", ec))
    if (e.is_directory()) datasets.push_back(e.path());
  if (ec || datasets.empty()) {
    std::fprintf(stderr, "dedup_eval: no datasets under %s/datasets\n", bench.c_str());
    return 2;
  }
  std::sort(datasets.begin(), datasets.end());
  gazette::Extractor extractor;
  uint64_t extract_ns = 0;
  for (const fs::path& dir : datasets) {
    std::map<std::string, std::string> url_of;  // truth: id -> url
    std::ifstream truth(dir / "truth.jsonl");
    for (std::string line; std::getline(truth, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j["url"].is_string()) url_of[j["id"].get<std::string>()] = j["url"];
    }
    std::vector<std::pair<std::string, std::string>> errors;
    auto files = gazette::io::list_pages((dir / "pages").string(), errors);
    for (const std::string& path : files) {
      if (pages.size() >= limit) break;
      auto bytes = gazette::io::read_page(path, size_t{1} << 30);
      if (!bytes) continue;
      Page page;
      page.dataset = dir.filename().string();
      page.path = path;
      page.id = fs::path(path).filename().string();
      for (std::string_view ext : {".gz", ".html", ".htm"})
        if (page.id.ends_with(ext)) page.id.resize(page.id.size() - ext.size());
      uint64_t t = cpu_now_ns();
      auto article = extractor.extract(*bytes);
      page.extract_ns = cpu_now_ns() - t;
      extract_ns += page.extract_ns;
      if (article) {
        page.ok = true;
        page.blocks = std::move(article->blocks);
        page.body = std::move(article->body);
      }
      auto u = url_of.find(page.id);
      std::string site = u != url_of.end() ? host_of(u->second) : "";
      if (site.empty() && article) site = host_of(article->url);
      if (site.empty() && article) site = article->site_name;
      if (site.empty()) site = page.dataset + ":" + page.id;
      page.site = site;
      pages.push_back(std::move(page));
    }
  }

  // 2. Records: originals, then copies. Copies are made of stories the Deduplicator may match:
  // bodies of min_words words or more, counted as it counts them.
  auto library_words = [&](std::string_view body) {
    return gazette::corpus::fingerprint(body, options).words;
  };
  Rng rng(seed);
  std::vector<Record> records;
  std::vector<int> eligible;  // pages with a body long enough to be matched
  std::vector<int> story_of_page(pages.size(), -1);
  for (size_t p = 0; p < pages.size(); ++p) {
    if (!pages[p].ok) continue;
    Record r;
    r.body = pages[p].body;
    r.site = pages[p].site;
    r.story = static_cast<int>(p);
    r.page = static_cast<int>(p);
    records.push_back(std::move(r));
    if (library_words(pages[p].body) >= options.min_words) eligible.push_back(static_cast<int>(p));
  }
  size_t originals = records.size();

  // The bench holds copies of its own (Readability's synthetic test pages share one Lorem ipsum
  // text; some sites appear twice). Their truth is textual: two bench pages are one story when
  // their bodies' exact shingle sets (computed exactly, not estimated) have Jaccard >= 0.5, or
  // one is >= 80% contained in the other with Jaccard >= 0.3: the definitions dedup estimates.
  std::vector<std::pair<size_t, size_t>> bench_copies;
  {
    std::vector<std::unordered_set<uint64_t>> sets(originals);
    std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
    for (size_t i = 0; i < originals; ++i) {
      if (library_words(records[i].body) < options.min_words) continue;
      sets[i] = shingle_set(records[i].body, options.shingle_words);
      for (uint64_t h : sets[i]) postings[h].push_back(static_cast<uint32_t>(i));
    }
    std::vector<size_t> parent(originals);  // union-find over originals
    for (size_t i = 0; i < originals; ++i) parent[i] = i;
    auto find = [&](size_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    for (size_t i = 0; i < originals; ++i) {
      std::unordered_map<uint32_t, size_t> shared;
      for (uint64_t h : sets[i])
        for (uint32_t j : postings[h])
          if (j > i) ++shared[j];
      for (auto [j, n] : shared) {
        double a = static_cast<double>(sets[i].size()), b = static_cast<double>(sets[j].size());
        double jac = static_cast<double>(n) / (a + b - static_cast<double>(n));
        double containment = static_cast<double>(n) / std::min(a, b);
        if (jac >= 0.5 || (jac >= 0.3 && containment >= 0.8)) {
          bench_copies.emplace_back(i, j);
          parent[find(j)] = find(i);
        }
      }
    }
    for (size_t i = 0; i < originals; ++i) {
      records[i].story = records[find(i)].page;
      story_of_page[static_cast<size_t>(records[i].page)] = records[i].story;
    }
  }
  size_t rewrap_tries = 0, rewrap_misplaced = 0;
  auto add_copy = [&](int p, Kind kind, std::string body, std::string site, int host = -1) {
    if (library_words(body) < options.min_words) return;  // short bodies are never matched
    Record r;
    r.body = std::move(body);
    r.site = std::move(site);
    r.story = story_of_page[static_cast<size_t>(p)];
    r.page = p;
    r.kind = kind;
    r.host = host;
    records.push_back(std::move(r));
  };
  for (int p : eligible) {
    const Page& page = pages[static_cast<size_t>(p)];
    add_copy(p, kExact, page.body, page.site);
    add_copy(p, kReformat, reformat(page.body, rng), "mirror.example");
    const Page& donor = pages[static_cast<size_t>(eligible[rng.below(eligible.size())])];
    add_copy(p, kEdit, light_edit(page.blocks, donor, rng), page.site);
    add_copy(p, kTruncate, truncate_story(page.blocks, rng), "teaser.example");
    // Re-wrapped: up to 8 hosts of other sites are tried. A host counts when the extraction of
    // the new page holds the story's first and last blocks and none of the host's own body
    // blocks (of 30+ characters): the story replaced the site's article, the site's template
    // stayed. A miss is the construction's or extraction's affair, not dedup's.
    const std::string first = squash(page.blocks.front().text);
    const std::string last = squash(page.blocks.back().text);
    for (int attempt = 0; attempt < 8; ++attempt) {
      int h = eligible[rng.below(eligible.size())];
      const Page& host = pages[static_cast<size_t>(h)];
      if (host.site == page.site) continue;
      auto html = gazette::io::read_page(host.path, size_t{1} << 30);
      if (!html) continue;
      std::string wrapped = rewrap(*html, host, page.blocks);
      if (wrapped.empty()) continue;
      ++rewrap_tries;
      auto article = extractor.extract(wrapped);
      if (!article) continue;
      std::string got = squash(article->body);
      bool host_left = false;
      std::string story_text = squash(page.body);
      for (const auto& b : host.blocks) {
        if (b.text.size() < 30) continue;
        std::string hb = squash(b.text);
        if (got.find(hb) != std::string::npos && story_text.find(hb) == std::string::npos) {
          host_left = true;
          break;
        }
      }
      if (got.find(first) == std::string::npos || got.find(last) == std::string::npos ||
          host_left) {
        ++rewrap_misplaced;
        continue;
      }
      add_copy(p, kRewrap, std::move(article->body), host.site, h);
      break;
    }
  }

  // 3. Fingerprints (timed), in record order.
  uint64_t fp_ns = 0, fp_originals_ns = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    uint64_t t = cpu_now_ns();
    records[i].fp = gazette::corpus::fingerprint(records[i].body, options);
    uint64_t dt = cpu_now_ns() - t;
    fp_ns += dt;
    if (i < originals) fp_originals_ns += dt;
  }

  // 4. A fixed shuffled order: copies are sometimes seen before their originals.
  std::vector<size_t> order(records.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  Rng shuffle_rng(seed ^ 0x5eed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[shuffle_rng.below(i)]);

  Scores s = evaluate(records, order, options, true, options.shingle_words);

  // Originals alone, in bench order: the add() time for the overhead figure, and the pairs the
  // bench itself holds.
  std::vector<Record> original_records(records.begin(),
                                       records.begin() + static_cast<long>(originals));
  std::vector<size_t> original_order(originals);
  for (size_t i = 0; i < originals; ++i) original_order[i] = i;
  Scores o = evaluate(original_records, original_order, options, false, options.shingle_words);

  // 5. Report.
  size_t counts[kKinds] = {};
  for (const auto& r : records) ++counts[r.kind];
  std::printf("## Dedup (tools/dedup_eval, seed %llu)\n\n", static_cast<unsigned long long>(seed));
  std::printf("- Pages: %zu bench pages, %zu extracted (originals), %zu with >= %u words; "
              "records: %zu\n",
              pages.size(), originals, eligible.size(), options.min_words, records.size());
  std::printf("- Options: threshold %.2f, shingles of %d words, %d bands x %d rows, cluster: "
              "Jaccard >= %.2f or containment >= %.2f with Jaccard >= %.2f, min %u words\n",
              options.threshold, options.shingle_words, options.bands, options.rows,
              options.cluster_threshold, options.cluster_containment, options.cluster_min_jaccard,
              options.min_words);
  std::printf("- Re-wrapped: %zu of %zu stories (%zu host pages tried, %zu extractions missed "
              "the story)\n\n",
              counts[kRewrap], eligible.size(), rewrap_tries, rewrap_misplaced);
  std::printf("| copy kind | pairs | exact Jaccard p10 / median | duplicate_of recall | "
              "same exact hash | cluster recall |\n|---|---:|---:|---:|---:|---:|\n");
  for (int k = kExact; k < kKinds; ++k) {
    const KindScore& ks = s.kinds[k];
    std::printf("| %s | %zu | %.2f / %.2f | %.3f | %.3f | %.3f |\n", kKindLabels[k], ks.pairs,
                quantile(ks.jaccard, 0.1), quantile(ks.jaccard, 0.5),
                ks.pairs ? static_cast<double>(ks.dup_found) / static_cast<double>(ks.pairs) : 0,
                ks.pairs ? static_cast<double>(ks.exact_marked) / static_cast<double>(ks.pairs) : 0,
                ks.pairs ? static_cast<double>(ks.cluster_found) / static_cast<double>(ks.pairs)
                         : 0);
  }
  std::printf("| **duplicates** (exact, reformat, edit, rewrap) | %zu | | **%.3f** | | |\n",
              s.kinds[kExact].pairs + s.kinds[kReformat].pairs + s.kinds[kEdit].pairs +
                  s.kinds[kRewrap].pairs,
              s.dup_recall({kExact, kReformat, kEdit, kRewrap}));
  std::printf("| **stories** (all kinds) | %zu | | | | **%.3f** |\n\n",
              records.size() - originals,
              s.cluster_recall_of({kExact, kReformat, kEdit, kTruncate, kRewrap}));
  std::printf("- duplicate_of precision: **%.4f** (%zu records marked, %zu of another story, "
              "%zu of them same-site)\n",
              s.dup_precision(), s.dup_marked, s.dup_wrong, s.dup_wrong_same_site);
  std::printf("- cluster pairs: precision **%.4f**, recall %.4f (%.0f pairs predicted, %.0f "
              "true)\n",
              s.cluster_precision(), s.cluster_recall(), s.cluster_pairs, s.story_pairs);
  std::printf("- bench pages alone: %zu marked duplicates (%zu of another story), %zu joined "
              "another page's cluster; %zu pairs of bench pages are labelled one story "
              "(--errors N lists them)\n",
              o.dup_marked, o.dup_wrong, static_cast<size_t>(o.stats.clustered),
              bench_copies.size());
  double per_page_extract = static_cast<double>(extract_ns) / static_cast<double>(pages.size());
  double per_fp_orig = static_cast<double>(fp_originals_ns) / static_cast<double>(originals);
  double per_add_orig = static_cast<double>(o.add_ns) / static_cast<double>(originals);
  double per_fp_all = static_cast<double>(fp_ns) / static_cast<double>(records.size());
  double per_add_all = static_cast<double>(s.add_ns) / static_cast<double>(records.size());
  std::printf("- time (thread CPU): extraction %.0f us/page (%zu pages, %.2f s); fingerprint "
              "%.1f us + add %.1f us per page = **%.1f%%** of extraction; over all %zu records "
              "%.1f + %.1f us\n",
              per_page_extract / 1e3, pages.size(), static_cast<double>(extract_ns) / 1e9,
              per_fp_orig / 1e3, per_add_orig / 1e3,
              100 * (per_fp_orig + per_add_orig) / per_page_extract, records.size(),
              per_fp_all / 1e3, per_add_all / 1e3);
  std::printf("- memory: %zu of %zu records kept with their signature, %zu bytes held (%.0f B "
              "per record kept, %.0f B per record); %llu candidates verified (%.2f per record)\n\n",
              static_cast<size_t>(s.stats.indexed), records.size(), s.memory,
              static_cast<double>(s.memory) /
                  static_cast<double>(std::max<uint64_t>(1, s.stats.indexed)),
              static_cast<double>(s.memory) / static_cast<double>(records.size()),
              static_cast<unsigned long long>(s.stats.candidates),
              static_cast<double>(s.stats.candidates) / static_cast<double>(records.size()));

  auto describe = [&](const char* what, size_t a, size_t b) {
    const Record& x = records[a];
    const Record& y = records[b];
    std::printf("  %s: %s %s/%s [%s] <-> %s %s/%s [%s], exact Jaccard %.2f\n"
                "    \"%s\"\n    \"%s\"\n",
                what, kKindNames[x.kind], pages[static_cast<size_t>(x.page)].dataset.c_str(),
                pages[static_cast<size_t>(x.page)].id.c_str(), x.site.c_str(), kKindNames[y.kind],
                pages[static_cast<size_t>(y.page)].dataset.c_str(),
                pages[static_cast<size_t>(y.page)].id.c_str(), y.site.c_str(),
                exact_jaccard(x.body, y.body, options.shingle_words), snippet(x.body).c_str(),
                snippet(y.body).c_str());
  };
  if (show_errors > 0) {
    std::printf("Bench pages labelled one story (exact Jaccard, first %zu of %zu pairs):\n",
                show_errors, bench_copies.size());
    for (size_t i = 0; i < bench_copies.size() && i < show_errors; ++i)
      describe("copy", bench_copies[i].first, bench_copies[i].second);
    std::printf("Wrong duplicate_of (first %zu of %zu):\n", show_errors, s.wrong_dups.size());
    for (size_t i = 0; i < s.wrong_dups.size() && i < show_errors; ++i)
      describe("wrong", s.wrong_dups[i].first, s.wrong_dups[i].second);
    std::printf("Wrong cluster heads (first %zu of %zu):\n", show_errors,
                s.wrong_cluster_edges.size());
    for (size_t i = 0; i < s.wrong_cluster_edges.size() && i < show_errors; ++i)
      describe("wrong", s.wrong_cluster_edges[i].first, s.wrong_cluster_edges[i].second);
    std::printf("Missed duplicates (first %zu of %zu):\n", show_errors, s.missed_dups.size());
    size_t shown = 0;
    for (size_t i = 0; i < s.missed_dups.size() && shown < show_errors; ++i) {
      if (records[s.missed_dups[i].second].kind == kTruncate) continue;
      describe("missed", s.missed_dups[i].first, s.missed_dups[i].second);
      ++shown;
    }
  }

  if (!dump_dir.empty()) {
    std::filesystem::create_directories(dump_dir);
    auto dump = [&](const char* what, size_t n, size_t a, size_t b) {
      std::ofstream out(dump_dir + "/" + what + "-" + std::to_string(n) + "-" +
                        kKindNames[records[b].kind] + ".txt");
      for (size_t r : {a, b}) {
        const Record& x = records[r];
        out << "=== " << kKindNames[x.kind] << " " << pages[static_cast<size_t>(x.page)].dataset
            << "/" << pages[static_cast<size_t>(x.page)].id << " [" << x.site << "]";
        if (x.host >= 0) out << " host " << pages[static_cast<size_t>(x.host)].id;
        const Verdict& v = s.verdicts[r];
        out << " seen #" << std::find(order.begin(), order.end(), r) - order.begin();
        if (v.duplicate_of) {
          const Record& head = records[order[*v.duplicate_of]];
          out << " duplicate_of #" << *v.duplicate_of << " (" << kKindNames[head.kind] << " "
              << pages[static_cast<size_t>(head.page)].id << ", estimated " << v.similarity
              << ", exact Jaccard "
              << exact_jaccard(head.body, x.body, options.shingle_words) << ")";
        }
        out << " cluster #" << v.cluster;
        out << "; the pair's exact Jaccard "
            << exact_jaccard(records[a].body, records[b].body, options.shingle_words)
            << "\n" << x.body << "\n\n";
      }
    };
    for (size_t i = 0; i < s.missed_dups.size(); ++i)
      dump("missed", i, s.missed_dups[i].first, s.missed_dups[i].second);
    for (size_t i = 0; i < s.wrong_dups.size(); ++i)
      dump("wrong-dup", i, s.wrong_dups[i].second, s.wrong_dups[i].first);
    for (size_t i = 0; i < s.wrong_cluster_edges.size(); ++i)
      dump("wrong-cluster", i, s.wrong_cluster_edges[i].second, s.wrong_cluster_edges[i].first);
  }

  if (sweep) {
    // Calibration grid: the fingerprints depend on the shingle size only, verdicts on the rest.
    std::printf("\nSweep (dup P / dup R (exact, reformat, edit, rewrap) / cluster P / cluster R / "
                "truncate cluster R / B per record kept / add us per record):\n");
    auto line = [&](const DedupOptions& opt, const std::vector<Record>& recs) {
      Scores x = evaluate(recs, order, opt, false, opt.shingle_words);
      std::printf("  k=%d %dx%d t=%.2f ct=%.2f cc=%.2f cmj=%.2f min=%u: %.4f / %.4f / %.4f / %.4f "
                  "/ %.4f / %.0f / %.2f\n",
                  opt.shingle_words, opt.bands, opt.rows, opt.threshold, opt.cluster_threshold,
                  opt.cluster_containment, opt.cluster_min_jaccard, opt.min_words,
                  x.dup_precision(), x.dup_recall({kExact, kReformat, kEdit, kRewrap}),
                  x.cluster_precision(), x.cluster_recall(), x.cluster_recall_of({kTruncate}),
                  static_cast<double>(x.memory) /
                      static_cast<double>(std::max<uint64_t>(1, x.stats.indexed)),
                  static_cast<double>(x.add_ns) / 1e3 / static_cast<double>(recs.size()));
    };
    for (int k : {3, 4, 5, 6, 8}) {
      DedupOptions opt = options;
      opt.shingle_words = k;
      std::vector<Record> recs = records;
      for (auto& r : recs) r.fp = gazette::corpus::fingerprint(r.body, opt);
      line(opt, recs);
    }
    for (auto [b, r] : std::vector<std::pair<int, int>>{{32, 4}, {24, 4}, {20, 4}, {16, 4},
                                                       {16, 8}, {20, 5}, {42, 3}}) {
      DedupOptions opt = options;
      opt.bands = b;
      opt.rows = r;
      line(opt, records);
    }
    for (double t : {0.7, 0.75, 0.8, 0.85, 0.9}) {
      DedupOptions opt = options;
      opt.threshold = t;
      line(opt, records);
    }
    for (double ct : {0.5, 0.6, 0.7})
      for (double cc : {0.7, 0.8, 0.9})
        for (double cmj : {0.2, 0.3, 0.4}) {
          DedupOptions opt = options;
          opt.cluster_threshold = ct;
          opt.cluster_containment = cc;
          opt.cluster_min_jaccard = cmj;
          line(opt, records);
        }
    for (uint32_t m : {0u, 10u, 25u, 50u, 100u}) {
      DedupOptions opt = options;
      opt.min_words = m;
      line(opt, records);
    }
  }
  bool pass = s.dup_precision() >= 0.99 &&
              s.dup_recall({kExact, kReformat, kEdit, kRewrap}) >= 0.95 &&
              s.cluster_precision() >= 0.99 &&
              s.cluster_recall_of({kExact, kReformat, kEdit, kTruncate, kRewrap}) >= 0.95;
  return pass ? 0 : 1;
}
