// Duplicates and story clusters over a stream of extracted article bodies (`--dedup`).
//
// Two halves, so that the costly part runs in parallel and the stateful part in input order:
//
//   // In each worker thread, after extraction (pure, thread-safe, no shared state):
//   corpus::Fingerprint fp = corpus::fingerprint(article.body, options);
//   // In the one writer thread, in input order:
//   corpus::Verdict v = dedup.add(record_index, fp, site);
//   // v.duplicate_of: the first record seen of the duplicate group (exact or near), if any;
//   // v.cluster: the first record of the story cluster (its own index for a new story).
//
// Fingerprint. The body is normalised into words: lowercased (ASCII, Latin-1, Latin
// Extended-A, Greek, Cyrillic; fullwidth ASCII folded to ASCII), every run of punctuation,
// symbols and whitespace is one word break, soft hyphens and zero-width characters vanish, and
// each Han or kana character is a word of its own (those scripts put no spaces between words).
// From the words: a 64-bit hash of the whole normalised body (exact duplicates: the same text
// modulo case, whitespace, punctuation), and a MinHash signature of the set of word shingles
// (near duplicates: estimated Jaccard similarity of the shingle sets). Nothing is allocated per
// word or shingle.
//
// Deduplicator. A record is a near duplicate when its estimated Jaccard similarity to an earlier
// record is at least DedupOptions::threshold; candidates come from LSH banding of the signature
// (bands x rows, see DedupOptions). Duplicate groups are the connected components of that
// relation as the stream reveals them (single link, as in MinHash-LSH deduplication of web
// corpora): a light edit of a duplicate joins the group even when it is a little further than
// the threshold from the group's first record, which a cut copy seen first may be. Groups are
// never merged afterwards, so every verdict already written stays right; a record near two
// groups joins the one of its most similar record. `duplicate_of` is always the group's first
// record. A record joins the story cluster of an earlier record when they are similar enough
// (cluster_threshold) or when one is mostly contained in the other (a truncated or teaser copy,
// cluster_containment); clusters are likewise assigned once and never merged.
//
// Short bodies (fewer than min_words words; the empty body always) are never duplicates and
// never join a cluster: error pages, paywall stubs and "subscribe to read" bodies are alike
// without being copies of one story. Each is its own cluster.
//
// Memory. A short record keeps nothing. Every other record keeps an exact-table entry (16 B slots
// at load 0.375..0.75: 21..43 B). A record that is not an exact copy also keeps, if one of its
// bands leads to no record kept yet (always for a new story; for a near duplicate when some of
// its bands differ from those kept): its signature at one byte per hash (128 B), 24 B of
// bookkeeping, and an 8 B band-table slot per new band, at load 0.375..0.75 (32 new bands:
// 340..680 B). So about 0.5 kB per distinct body (484 B measured on the bench set) and 21..43 B
// per exact copy: some 0.5 GB per million distinct bodies. docs/dedup.md has the figures and the
// calibration (tools/dedup_eval).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace gazette::corpus {

// MinHash values per signature. 128 gives a standard error of sqrt(J(1-J)/128) on the estimated
// Jaccard similarity, 0.035 at J = 0.8: a pair at 0.85 is judged below 0.8 about 6% of the
// time, one at 0.9 practically never (0.01%). Fixed at compile time so that a Fingerprint needs
// no allocation.
inline constexpr size_t kSignatureSize = 128;

// Every constant below was calibrated with tools/dedup_eval on 14,551 records built from the
// 2,478 bench pages (seed 1; the figures quoted are its duplicate recall and cluster pair
// precision, docs/dedup.md has the whole sweep).
struct DedupOptions {
  // Near duplicate: estimated Jaccard similarity of the word-shingle sets >= threshold. 0.8 is
  // the figure; 0.75 would find 0.5% more of the labelled copies (0.9929 against 0.9880)
  // at precision 0.9998 instead of 1.
  double threshold = 0.8;
  // Story cluster: estimated Jaccard >= cluster_threshold, or the smaller shingle set estimated
  // to be contained in the larger by >= cluster_containment while Jaccard >= cluster_min_jaccard
  // (a copy cut to 70% of its paragraphs has Jaccard 0.7 and containment 1). The floor keeps the
  // noisy containment estimate of a small overlap from making a cluster. Containment 0.7 joins
  // more pages whose extracted body is one shop's menu (precision 0.9967 against 0.9980); 0.9
  // loses 0.4% of the truncated copies. cluster_threshold measured alike from 0.5 to 0.7
  // (containment decides for cut copies); 0.6 sits under the 0.7 of a 70% cut. The floor
  // measured alike from 0.2 to 0.4.
  double cluster_threshold = 0.6;
  double cluster_containment = 0.8;
  double cluster_min_jaccard = 0.3;
  // Words per shingle. 5: one changed word changes 5 shingles, so a 500-word story with 5 words
  // changed keeps Jaccard ~0.9. 3 and 4 find 0.5% and 0.3% more light edits, 6 and 8 0.4% and 3%
  // fewer; cluster pair precision is 0.9966, 0.9828, 0.9980 (5) and 0.9954 from 3 to 6, the
  // differences being a few wrong joins weighted by cluster size (at 4, one page joins the
  // bench's large Lorem ipsum cluster). Shorter shingles also make texts in one language
  // share more common phrases, so 5 is kept.
  int shingle_words = 5;
  // LSH banding: the first bands*rows signature values, `bands` groups of `rows`. Two records
  // become candidates when all rows of one band agree, with probability 1 - (1 - J^rows)^bands:
  // for 32 x 4 that is 0.23 at J = 0.3, 0.87 at 0.5, 0.988 at 0.6, 0.9998 at 0.7 and 1 - 5e-8 at
  // 0.8, so duplicates at the threshold are practically never missed and truncated copies
  // (J ~0.7) are found for clustering; unrelated pages (J < 0.1) almost never collide (0.3%).
  // 20 x 4 keeps 28% less memory (347 against 484 B per record kept) and clusters 0.7% fewer
  // truncated copies; 16 x 8 (S-curve midpoint ~0.7) misses 15% of them.
  int bands = 32;
  int rows = 4;
  // Bodies with fewer words are never duplicates nor clustered (see above). 50 words is a short
  // news brief. At 0, 10 or 25, very short stories wrapped in one site's page cluster, that
  // site's chrome being most of what extraction returns (precision 0.9948 against 0.9980); at
  // 100, copies of 50-100 word stories are lost (duplicate recall 0.959).
  uint32_t min_words = 50;
};

// What fingerprint() keeps of a body: enough to decide exact and near duplicates.
struct Fingerprint {
  uint64_t exact_hash = 0;  // hash of the normalised body (word sequence)
  uint32_t words = 0;       // words in the normalised body
  uint32_t shingles = 0;    // shingles hashed (repeats included): the shingle set's size, about
  std::array<uint32_t, kSignatureSize> minhash{};  // all 0xFFFFFFFF when there is no shingle
};

// Normalises `body` and computes its fingerprint. Pure and thread-safe; only
// options.shingle_words is used (clamped to 1..8).
Fingerprint fingerprint(std::string_view body, const DedupOptions& options = {});

// The decision for one record.
struct Verdict {
  // The first record seen of the duplicate group this record joins; empty for a new body.
  std::optional<uint64_t> duplicate_of;
  // The normalised body equals an earlier record's (in the group; not necessarily the first).
  bool exact = false;
  // Estimated Jaccard similarity with the most similar earlier record of the group (1 when
  // exact); the evidence for duplicate_of, which may be a little further away (see above).
  double similarity = 0;
  // The first record of this record's story cluster: the cluster of the group for a duplicate,
  // of an earlier record of the story for a copy of it, else record_index itself.
  uint64_t cluster = 0;
};

// Sequential: add() records in input order from one thread.
class Deduplicator {
 public:
  explicit Deduplicator(const DedupOptions& options = {});

  // `record_index` must increase from call to call (the input order). `site` (the publication:
  // URL host or site name) is counted for statistics only; copies on one site and across sites
  // are judged alike.
  Verdict add(uint64_t record_index, const Fingerprint& fingerprint, std::string_view site);

  struct Stats {
    uint64_t records = 0, short_bodies = 0, exact = 0, near = 0;
    uint64_t clustered = 0;           // new bodies that joined an earlier story's cluster
    uint64_t cross_site = 0;          // duplicates and clustered records of another site
    uint64_t candidates = 0;          // LSH candidates verified
    uint64_t indexed = 0;             // records kept with their signature (slots)
  };
  const Stats& stats() const { return stats_; }
  // Bytes held (signatures, band and exact tables, bookkeeping), allocated capacity included.
  size_t memory_bytes() const;

 private:
  // Open addressing, uint32 key -> uint32 value, first insert wins: a band bucket remembers the
  // first record that filled it. Keeping one record per bucket bounds both memory and the
  // candidates per record (at most `bands`); copies of a story reach it through its other
  // bands. Key 0 marks empty slots (band_key() never returns it).
  class FirstTable {
   public:
    // The value stored under `key`, or -1.
    int64_t find(uint32_t key) const;
    bool insert(uint32_t key, uint32_t value);  // false when the key was there already
    size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

   private:
    struct Slot {
      uint32_t key = 0, value = 0;
    };
    void grow();
    std::vector<Slot> slots_;
    size_t size_ = 0;
  };
  // The exact table needs a 64-bit key: a 32-bit one would make false exact matches common in
  // a crawl of millions of bodies.
  class ExactTable {
   public:
    int64_t find(uint64_t key) const;
    void insert(uint64_t key, uint32_t value);
    size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

   private:
    struct Slot {
      uint64_t key = 0;
      uint32_t value = 0;
    };
    void grow();
    std::vector<Slot> slots_;
    size_t size_ = 0;
  };

  double similarity(const Fingerprint& fp, uint32_t slot) const;

  DedupOptions options_;
  // Per record kept (a slot), by slot number:
  std::vector<uint8_t> signatures_;   // kSignatureSize low bytes of each MinHash value
  std::vector<uint64_t> group_of_;    // the first record of its duplicate group
  std::vector<uint64_t> cluster_of_;  // its cluster id
  std::vector<uint32_t> shingles_of_;
  std::vector<uint32_t> site_of_;     // hash of the site
  FirstTable bands_;
  ExactTable exact_;
  Stats stats_;
};

}  // namespace gazette::corpus
