// Fingerprints (normalisation, exact hash, MinHash) and the sequential Deduplicator.
#include "corpus/dedup.h"

#include <algorithm>

namespace gazette::corpus {

namespace {

// --- Hashing -------------------------------------------------------------------------------

// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
constexpr uint64_t fmix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

constexpr uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The MinHash family: h_i(s) = high 32 bits of (a_i * s + b_i) mod 2^64, a_i odd
// (multiply-shift, Dietzfelbinger et al.), applied to a shingle hash s that is already well
// mixed. One multiply and add per value: the whole signature costs 128 of them per shingle,
// against a permutation modulo a prime that needs a 128-bit product.
struct MinHashFamily {
  std::array<uint64_t, kSignatureSize> a{}, b{};
};
constexpr MinHashFamily make_family() {
  MinHashFamily f;
  uint64_t state = 0x67617a65747465ULL;  // "gazette": fixed, so signatures are reproducible
  for (size_t i = 0; i < kSignatureSize; ++i) {
    f.a[i] = splitmix64(state) | 1;
    f.b[i] = splitmix64(state);
  }
  return f;
}
constexpr MinHashFamily kFamily = make_family();

// Odd multipliers per position in a shingle, so that "a b" and "b a" hash differently.
constexpr std::array<uint64_t, 8> kPositionMultipliers = {
    0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL, 0x165667b19e3779f9ULL, 0xd6e8feb86659fd93ULL,
    0xff51afd7ed558ccdULL, 0xc4ceb9fe1a85ec53ULL, 0x87c37b91114253d5ULL, 0x4cf5ad432745937fULL};

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// --- Normalisation -------------------------------------------------------------------------

enum class CharClass : uint8_t {
  kLetter,     // part of a word (letters, digits, combining marks)
  kBreak,      // punctuation, symbols, whitespace: ends the current word
  kIgnore,     // soft hyphen, zero-width characters, variation selectors: as if absent
  kIdeograph,  // Han and kana: a word of its own
};

// Lowercase for the scripts where it is a fixed offset or pairing; other code points unchanged.
constexpr uint32_t fold_case(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp < 0x100) return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ? cp + 32 : cp;
  if (cp < 0x180) {
    if (cp == 0x130) return 'i';  // İ
    if (cp == 0x178) return 0xFF;  // Ÿ
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1) ? cp + 1 : cp;
    return cp;
  }
  if (cp >= 0x386 && cp <= 0x3A9) {  // Greek capitals, with tonos
    if (cp >= 0x391 && cp != 0x3A2) return cp + 32;
    if (cp == 0x386) return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (cp == 0x38E || cp == 0x38F) return cp + 63;
    return cp;
  }
  if (cp == 0x3C2) return 0x3C3;  // final sigma
  if (cp >= 0x400 && cp <= 0x42F) return cp < 0x410 ? cp + 80 : cp + 32;  // Cyrillic
  return cp;
}

// Punctuation inside the letter-rich blocks U+0370..U+1FFF that separates words.
constexpr bool is_script_punctuation(uint32_t cp) {
  switch (cp) {
    case 0x37E: case 0x387: case 0x589: case 0x5BE: case 0x5C0: case 0x5C3: case 0x5F3:
    case 0x5F4: case 0x60C: case 0x61B: case 0x61F: case 0x6D4: case 0x964: case 0x965:
    case 0xE4F: case 0xE5A: case 0xE5B: case 0x10FB: case 0x166D: case 0x166E: case 0x1680:
      return true;
    default:
      return (cp >= 0x55A && cp <= 0x55F) || (cp >= 0x66A && cp <= 0x66D) ||
             (cp >= 0x1361 && cp <= 0x1368) || (cp >= 0x17D4 && cp <= 0x17D6) ||
             (cp >= 0x1800 && cp <= 0x180A);
  }
}

constexpr CharClass classify(uint32_t cp) {
  if (cp < 0x80) {
    uint32_t l = cp | 0x20;
    return ((l >= 'a' && l <= 'z') || (cp >= '0' && cp <= '9')) ? CharClass::kLetter
                                                                 : CharClass::kBreak;
  }
  if (cp < 0xC0) {
    if (cp == 0xAD) return CharClass::kIgnore;
    return (cp == 0xAA || cp == 0xB5 || cp == 0xBA) ? CharClass::kLetter : CharClass::kBreak;
  }
  if (cp < 0x2000) {
    if (cp == 0xD7 || cp == 0xF7) return CharClass::kBreak;
    return is_script_punctuation(cp) ? CharClass::kBreak : CharClass::kLetter;
  }
  if (cp < 0x2070) {  // general punctuation and spaces
    if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064)) return CharClass::kIgnore;
    return CharClass::kBreak;
  }
  if (cp < 0x2C00) return CharClass::kBreak;  // sub/superscripts, currency, symbols, arrows...
  if (cp < 0x2E00) return CharClass::kLetter;
  if (cp < 0x2E80) return CharClass::kBreak;  // supplemental punctuation
  if (cp < 0x3000) return CharClass::kIdeograph;  // CJK radicals
  if (cp < 0x3040) return cp == 0x3005 ? CharClass::kIdeograph : CharClass::kBreak;
  if (cp < 0x3100) return cp == 0x30FB ? CharClass::kBreak : CharClass::kIdeograph;  // kana
  if (cp < 0x3400) return (cp >= 0x31F0) ? CharClass::kIdeograph : CharClass::kLetter;
  if (cp < 0xA000) return CharClass::kIdeograph;  // Han (extension A and unified)
  if (cp < 0xD800) return CharClass::kLetter;     // Yi, Hangul syllables...
  if (cp < 0xF900) return CharClass::kBreak;      // surrogates, private use
  if (cp < 0xFB00) return CharClass::kIdeograph;  // compatibility ideographs
  if (cp < 0xFE00) return (cp == 0xFD3E || cp == 0xFD3F) ? CharClass::kBreak : CharClass::kLetter;
  if (cp < 0xFE10) return CharClass::kIgnore;  // variation selectors
  if (cp < 0xFE70) return CharClass::kBreak;   // vertical and small forms
  if (cp < 0xFF00) return cp == 0xFEFF ? CharClass::kIgnore : CharClass::kLetter;
  if (cp < 0xFF61) return CharClass::kBreak;  // fullwidth ASCII is mapped before classify()
  if (cp < 0xFF66) return CharClass::kBreak;
  if (cp < 0xFFA0) return CharClass::kIdeograph;  // halfwidth katakana
  if (cp < 0xFFDD) return CharClass::kLetter;     // halfwidth Hangul
  if (cp < 0x10000) return CharClass::kBreak;
  if (cp >= 0x1F000 && cp < 0x1FB00) return CharClass::kBreak;  // emoji, pictographs
  if (cp < 0x20000) return CharClass::kLetter;
  if (cp < 0x40000) return CharClass::kIdeograph;
  if (cp >= 0xE0000 && cp < 0xE0080) return CharClass::kIgnore;  // tags
  if (cp >= 0xE0100 && cp < 0xE01F0) return CharClass::kIgnore;  // variation selectors
  return CharClass::kBreak;
}

// Decodes the code point at s[i], advancing i. A malformed or cut sequence yields its lead byte
// as a code point of its own, so that any bytes give a deterministic result.
inline uint32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
  if (len == 1 || i + len > s.size()) {
    ++i;
    return c;
  }
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (t & 0x3F);
  }
  i += len;
  return cp;
}

// The signature update, where fingerprint() spends most of its time: 128 multiply-adds per
// shingle. Baseline x86-64 (SSE2) has no 64-bit vector multiply; an AVX2 clone, chosen at load
// time, makes the update about 3 times faster (33 against 95 ns per shingle on the bench
// machine's EPYC), and an x86-64-v4 clone (AVX-512, whose vpmullq multiplies 64-bit lanes)
// faster again: the dedup stage of the bench WARC went from 238-312 to 144-196 ms (three
// alternating runs each), so dedup stays a few percent of extraction. Sanitizer builds keep
// the plain loop, as a precaution: the clone's resolver runs during relocation, before any
// runtime is set up.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(__SANITIZE_ADDRESS__)
#define GAZETTE_MINHASH_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define GAZETTE_MINHASH_CLONES
#endif
GAZETTE_MINHASH_CLONES void update_minhash(uint64_t shingle, uint32_t* __restrict signature) {
  for (size_t i = 0; i < kSignatureSize; ++i) {
    auto v = static_cast<uint32_t>((shingle * kFamily.a[i] + kFamily.b[i]) >> 32);
    signature[i] = std::min(signature[i], v);
  }
}

// Receives the words of a body one hash at a time and builds the fingerprint.
class Builder {
 public:
  explicit Builder(int shingle_words)
      : k_(static_cast<size_t>(std::clamp(shingle_words, 1, 8))) {
    fp_.minhash.fill(UINT32_MAX);
  }

  void word(uint64_t h) {
    h = fmix64(h);
    exact_ = fmix64(exact_ ^ h) + 0x9e3779b97f4a7c15ULL;
    // The last k words, oldest first: shifted rather than indexed modulo k, which would cost a
    // division per word and position.
    for (size_t j = 0; j + 1 < k_; ++j) window_[j] = window_[j + 1];
    window_[k_ - 1] = h;
    ++fp_.words;
    if (fp_.words >= k_) shingle(k_);
  }

  Fingerprint finish() {
    // A body shorter than one shingle still gets one, of all its words.
    if (fp_.words > 0 && fp_.words < k_) shingle(fp_.words);
    fp_.exact_hash = fmix64(exact_ ^ fp_.words);
    return fp_;
  }

 private:
  // The shingle of the last `n` words.
  void shingle(size_t n) {
    uint64_t s = n;
    for (size_t j = 0; j < n; ++j) s += window_[k_ - n + j] * kPositionMultipliers[j];
    s = fmix64(s);
    ++fp_.shingles;
    update_minhash(s, fp_.minhash.data());
  }

  size_t k_;
  std::array<uint64_t, 8> window_{};
  uint64_t exact_ = 0;
  Fingerprint fp_;
};

// 32-bit key of band `band`: its index and its rows' values. Key 0 is reserved (empty slot).
uint32_t band_key(const Fingerprint& fp, int band, int rows) {
  uint64_t h = static_cast<uint64_t>(band) * 0x9e3779b97f4a7c15ULL;
  for (int r = 0; r < rows; ++r)
    h = fmix64(h ^ fp.minhash[static_cast<size_t>(band * rows + r)]);
  uint32_t key = static_cast<uint32_t>(h ^ (h >> 32));
  return key == 0 ? 1 : key;
}

uint32_t site_hash(std::string_view site) {
  uint64_t h = kFnvOffset;
  for (char c : site) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return static_cast<uint32_t>(fmix64(h));
}

}  // namespace

Fingerprint fingerprint(std::string_view body, const DedupOptions& options) {
  Builder builder(options.shingle_words);
  uint64_t h = kFnvOffset;  // FNV-1a over the folded code points of the current word
  bool in_word = false;
  size_t i = 0;
  while (i < body.size()) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    uint32_t cp;
    CharClass cls;
    if (c < 0x80) {  // fast path: most text is ASCII
      ++i;
      cp = c;
      cls = classify(cp);
    } else {
      cp = next_code_point(body, i);
      if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // fullwidth ASCII
      cls = classify(cp);
    }
    switch (cls) {
      case CharClass::kLetter:
        h = (h ^ fold_case(cp)) * kFnvPrime;
        in_word = true;
        break;
      case CharClass::kIgnore:
        break;
      case CharClass::kBreak:
        if (in_word) builder.word(h);
        h = kFnvOffset;
        in_word = false;
        break;
      case CharClass::kIdeograph:
        if (in_word) builder.word(h);
        builder.word((kFnvOffset ^ cp) * kFnvPrime);
        h = kFnvOffset;
        in_word = false;
        break;
    }
  }
  if (in_word) builder.word(h);
  return builder.finish();
}

// --- Tables --------------------------------------------------------------------------------

int64_t Deduplicator::FirstTable::find(uint32_t key) const {
  if (slots_.empty()) return -1;
  size_t mask = slots_.size() - 1;
  for (size_t p = fmix64(key) & mask;; p = (p + 1) & mask) {
    if (slots_[p].key == key) return slots_[p].value;
    if (slots_[p].key == 0) return -1;
  }
}

bool Deduplicator::FirstTable::insert(uint32_t key, uint32_t value) {
  if ((size_ + 1) * 4 > slots_.size() * 3) grow();
  size_t mask = slots_.size() - 1;
  for (size_t p = fmix64(key) & mask;; p = (p + 1) & mask) {
    if (slots_[p].key == key) return false;  // first insert wins
    if (slots_[p].key == 0) {
      slots_[p] = {key, value};
      ++size_;
      return true;
    }
  }
}

void Deduplicator::FirstTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  size_ = 0;
  for (const Slot& s : old)
    if (s.key != 0) insert(s.key, s.value);
}

int64_t Deduplicator::ExactTable::find(uint64_t key) const {
  if (slots_.empty()) return -1;
  key = key == 0 ? 1 : key;
  size_t mask = slots_.size() - 1;
  for (size_t p = key & mask;; p = (p + 1) & mask) {  // the key is a hash already
    if (slots_[p].key == key) return slots_[p].value;
    if (slots_[p].key == 0) return -1;
  }
}

void Deduplicator::ExactTable::insert(uint64_t key, uint32_t value) {
  if ((size_ + 1) * 4 > slots_.size() * 3) grow();
  key = key == 0 ? 1 : key;
  size_t mask = slots_.size() - 1;
  for (size_t p = key & mask;; p = (p + 1) & mask) {
    if (slots_[p].key == key) return;
    if (slots_[p].key == 0) {
      slots_[p] = {key, value};
      ++size_;
      return;
    }
  }
}

void Deduplicator::ExactTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  size_ = 0;
  for (const Slot& s : old)
    if (s.key != 0) insert(s.key, s.value);
}

// --- Deduplicator --------------------------------------------------------------------------

Deduplicator::Deduplicator(const DedupOptions& options) : options_(options) {
  options_.rows = std::clamp(options_.rows, 1, static_cast<int>(kSignatureSize));
  options_.bands =
      std::clamp(options_.bands, 1, static_cast<int>(kSignatureSize) / options_.rows);
}

// Estimated Jaccard similarity from the share of equal signature values. Kept records keep only
// the low byte of each value: unequal values then agree by chance with probability 1/256, which
// the estimate corrects (b-bit MinHash, Li and König 2010); the variance barely grows.
double Deduplicator::similarity(const Fingerprint& fp, uint32_t slot) const {
  const uint8_t* sig = &signatures_[static_cast<size_t>(slot) * kSignatureSize];
  int equal = 0;
  for (size_t i = 0; i < kSignatureSize; ++i)
    equal += static_cast<uint8_t>(fp.minhash[i]) == sig[i];
  constexpr double kChance = 1.0 / 256;
  double p = static_cast<double>(equal) / kSignatureSize;
  return std::clamp((p - kChance) / (1 - kChance), 0.0, 1.0);
}

Verdict Deduplicator::add(uint64_t record_index, const Fingerprint& fp, std::string_view site) {
  ++stats_.records;
  Verdict v;
  v.cluster = record_index;
  if (fp.words == 0 || fp.words < options_.min_words) {
    ++stats_.short_bodies;
    return v;
  }
  uint32_t site_id = site_hash(site);

  // An identical body seen before (any record of a group: the exact table holds duplicates too,
  // so that identical bodies always share a group whatever was indexed in between).
  if (int64_t e = exact_.find(fp.exact_hash); e >= 0) {
    auto slot = static_cast<uint32_t>(e);
    v.duplicate_of = group_of_[slot];
    v.exact = true;
    v.similarity = 1;
    v.cluster = cluster_of_[slot];
    ++stats_.exact;
    stats_.cross_site += site_of_[slot] != site_id;
    return v;
  }

  // Candidates: the records that filled one of this record's band buckets first.
  std::array<uint32_t, kSignatureSize> candidates;
  std::array<uint32_t, kSignatureSize> keys;
  size_t n_candidates = 0;
  for (int b = 0; b < options_.bands; ++b) {
    keys[static_cast<size_t>(b)] = band_key(fp, b, options_.rows);
    int64_t found = bands_.find(keys[static_cast<size_t>(b)]);
    if (found < 0) continue;
    auto slot = static_cast<uint32_t>(found);
    if (std::find(candidates.begin(), candidates.begin() + n_candidates, slot) ==
        candidates.begin() + n_candidates)
      candidates[n_candidates++] = slot;
  }
  stats_.candidates += n_candidates;

  // The most similar candidate above the threshold is the evidence (ties: the earlier one); a
  // record near two groups joins that candidate's. Joining the older group instead found 0.975
  // of the light edits against 0.981 (tools/dedup_eval): the closest record is more often the
  // same version of the story. The most similar same-story candidate decides the cluster.
  constexpr uint32_t kNone = UINT32_MAX;
  uint32_t near = kNone, story = kNone;
  double near_similarity = -1, story_similarity = -1;
  for (size_t c = 0; c < n_candidates; ++c) {
    uint32_t slot = candidates[c];
    double j = similarity(fp, slot);
    auto better = [&](uint32_t best, double best_j) {
      return best == kNone || j > best_j || (j == best_j && slot < best);
    };
    if (j >= options_.threshold && better(near, near_similarity)) {
      near = slot;
      near_similarity = j;
    }
    // Containment of the smaller shingle set in the larger: |A n B| = J (|A| + |B|) / (1 + J).
    double a = std::min<double>(fp.shingles, shingles_of_[slot]);
    double b = std::max<double>(fp.shingles, shingles_of_[slot]);
    double containment = a > 0 ? std::min(1.0, j * (a + b) / ((1 + j) * a)) : 0;
    bool same_story = j >= options_.cluster_threshold ||
                      (j >= options_.cluster_min_jaccard &&
                       containment >= options_.cluster_containment);
    if (same_story && better(story, story_similarity)) {
      story = slot;
      story_similarity = j;
    }
  }

  uint64_t group = record_index;
  if (near != kNone) {
    group = group_of_[near];
    v.duplicate_of = group;
    v.similarity = near_similarity;
    v.cluster = cluster_of_[near];
    ++stats_.near;
    stats_.cross_site += site_of_[near] != site_id;
  } else if (story != kNone) {
    v.cluster = cluster_of_[story];
    ++stats_.clustered;
    stats_.cross_site += site_of_[story] != site_id;
  }

  // Index the record. A near duplicate whose bands all lead to records already kept can never be
  // anyone's candidate: it keeps only its exact-table entry, pointing into its group.
  auto slot = static_cast<uint32_t>(group_of_.size());
  if (group_of_.size() >= UINT32_MAX - 1) return v;  // 4 billion records kept: stop indexing
  size_t new_bands = 0;
  for (int b = 0; b < options_.bands; ++b)
    new_bands += bands_.insert(keys[static_cast<size_t>(b)], slot);
  if (near != kNone && new_bands == 0) {
    exact_.insert(fp.exact_hash, near);
    return v;
  }
  group_of_.push_back(group);
  cluster_of_.push_back(v.cluster);
  shingles_of_.push_back(fp.shingles);
  site_of_.push_back(site_id);
  for (uint32_t m : fp.minhash) signatures_.push_back(static_cast<uint8_t>(m));
  exact_.insert(fp.exact_hash, slot);
  ++stats_.indexed;
  return v;
}

size_t Deduplicator::memory_bytes() const {
  return signatures_.capacity() + group_of_.capacity() * sizeof(uint64_t) +
         cluster_of_.capacity() * sizeof(uint64_t) + shingles_of_.capacity() * sizeof(uint32_t) +
         site_of_.capacity() * sizeof(uint32_t) + bands_.memory_bytes() + exact_.memory_bytes();
}

}  // namespace gazette::corpus
