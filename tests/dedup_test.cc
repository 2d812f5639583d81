// Duplicates and story clusters: fingerprint normalisation, MinHash estimates, and the
// Deduplicator's verdicts (first-seen groups, clusters, short bodies).
#include "corpus/dedup.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace gazette::corpus {
namespace {

// A made-up article: `paragraphs` paragraphs of sentences of pseudo-words drawn from a
// vocabulary of 3000, so that two articles from different seeds share hardly any 5-word run.
// The engine's raw output (not a distribution, whose results vary between standard libraries)
// keeps the text identical everywhere.
std::vector<std::string> make_paragraphs(uint64_t seed, int paragraphs, int words_per_paragraph) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "pe", "da",
                                     "go", "hu", "ji", "be", "zo", "fa", "wi", "xe", "qu", "yo"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  for (int p = 0; p < paragraphs; ++p) {
    std::string text;
    for (int w = 0; w < words_per_paragraph; ++w) {
      uint64_t id = rng() % 3000;
      std::string word;
      for (int s = 0; s < 3; ++s, id /= 20) word += kSyllables[id % 20];
      if (w % 12 == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
      text += word;
      text += (w % 12 == 11) ? ". " : (w % 5 == 4) ? ", " : " ";
    }
    text.pop_back();
    out.push_back(text);
  }
  return out;
}

std::string join(const std::vector<std::string>& paragraphs, size_t count = SIZE_MAX) {
  std::string body;
  for (size_t i = 0; i < paragraphs.size() && i < count; ++i) {
    if (!body.empty()) body += "\n\n";
    body += paragraphs[i];
  }
  return body;
}

std::string article(uint64_t seed, int paragraphs = 8, int words = 50) {
  return join(make_paragraphs(seed, paragraphs, words));
}

// Replaces every `every`-th word (counting from `offset`) by another word.
std::string change_words(std::string body, size_t every, size_t offset = 3) {
  std::string out;
  size_t word = 0;
  bool in_word = false;
  for (char c : body) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter && !in_word) {
      ++word;
      if (word % every == offset % every) out += "zzq";
    }
    in_word = letter;
    out += c;
  }
  return out;
}

// The exact Jaccard similarity of the 5-word shingle sets (lowercase ASCII words).
double true_jaccard(std::string_view a, std::string_view b) {
  auto shingles = [](std::string_view s) {
    std::vector<std::string> words;
    std::string w;
    for (char c : s) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        w += static_cast<char>(c | 0x20);
      } else if (!w.empty()) {
        words.push_back(w);
        w.clear();
      }
    }
    if (!w.empty()) words.push_back(w);
    std::set<std::string> set;
    for (size_t i = 0; i + 5 <= words.size(); ++i)
      set.insert(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] + ' ' + words[i + 3] + ' ' +
                 words[i + 4]);
    return set;
  };
  auto x = shingles(a), y = shingles(b);
  size_t both = 0;
  for (const auto& s : x) both += y.count(s);
  return static_cast<double>(both) / static_cast<double>(x.size() + y.size() - both);
}

TEST(DedupFingerprint, CountsWordsAndShingles) {
  Fingerprint fp = fingerprint("One two, three; four five six.");
  EXPECT_EQ(fp.words, 6u);
  EXPECT_EQ(fp.shingles, 2u);  // 5-word shingles
  Fingerprint empty = fingerprint("");
  EXPECT_EQ(empty.words, 0u);
  EXPECT_EQ(empty.shingles, 0u);
  EXPECT_EQ(empty.minhash[0], UINT32_MAX);
  // Fewer words than a shingle: one shingle of all of them.
  EXPECT_EQ(fingerprint("just three words").shingles, 1u);
}

TEST(DedupFingerprint, CaseWhitespaceAndPunctuationDoNotChangeTheExactHash) {
  const std::string base =
      "The mayor's plan - approved on Tuesday - costs 3.5 million euros. \"It is fair,\" "
      "she said. École, ÉTÉ, Ärger, Straße, Łódź, Ωμέγα and Привет.";
  const std::vector<std::string> variants = {
      "the mayor's plan - approved on tuesday - costs 3.5 million euros. \"it is fair,\" "
      "she said. école, été, ärger, straße, łódź, ωμέγα and привет.",
      "THE MAYOR’S PLAN — APPROVED ON TUESDAY — COSTS 3,5 MILLION EUROS. “IT IS FAIR,” "
      "SHE SAID. ÉCOLE, ÉTÉ, ÄRGER, STRAßE, ŁÓDŹ, ΩΜΈΓΑ AND ПРИВЕТ.",
      "The  mayor's\n\nplan\t-- approved on Tuesday --\u00a0costs 3.5 million euros!!! "
      "'It is fair', she said...\n"
      "École / Été / Ärger / Straße / Łódź / Ωμέγα and Привет",
      // Soft hyphen and zero-width space inside words, fullwidth letters.
      "The mayor's pl\u00adan - approved on Tues\u200bday - costs 3.5 million euros. It is "
      "fair, she said. Éco\u00adle, ÉTÉ, Ärger, Straße, Łódź, Ωμέγα and Привет.",
  };
  Fingerprint want = fingerprint(base);
  for (const std::string& v : variants) {
    Fingerprint got = fingerprint(v);
    EXPECT_EQ(got.words, want.words) << v;
    EXPECT_EQ(got.exact_hash, want.exact_hash) << v;
    EXPECT_EQ(got.minhash, want.minhash) << v;
  }
  EXPECT_EQ(fingerprint("Ｔｈｅ ｃａｔ").exact_hash, fingerprint("the cat").exact_hash);
  EXPECT_EQ(fingerprint("co\u00adoperate").exact_hash, fingerprint("cooperate").exact_hash);
  // A changed word, a swapped order or a missing word is another text.
  EXPECT_NE(fingerprint("the cat sat").exact_hash, fingerprint("the cat sit").exact_hash);
  EXPECT_NE(fingerprint("the cat sat").exact_hash, fingerprint("cat the sat").exact_hash);
  EXPECT_NE(fingerprint("the cat sat").exact_hash, fingerprint("the cat").exact_hash);
  EXPECT_NE(fingerprint("a b").exact_hash, fingerprint("ab").exact_hash);
}

TEST(DedupFingerprint, HanAndKanaAreOneWordPerCharacter) {
  // No spaces between Chinese or Japanese words: each character counts, punctuation breaks.
  EXPECT_EQ(fingerprint("北京今天下雨。明天晴。").words, 9u);
  EXPECT_EQ(fingerprint("東京でニュース").words, 7u);
  EXPECT_EQ(fingerprint("北京今天下雨。").exact_hash,
            fingerprint("北京 今天 下雨").exact_hash);
}

TEST(DedupFingerprint, DeterministicAcrossCallsAndThreads) {
  const std::string body = article(7);
  Fingerprint a = fingerprint(body);
  Fingerprint b;
  std::thread t([&] { b = fingerprint(body); });
  t.join();
  EXPECT_EQ(a.exact_hash, b.exact_hash);
  EXPECT_EQ(a.minhash, b.minhash);
  EXPECT_EQ(a.words, b.words);
  // The hash family is fixed: a known body keeps a known fingerprint on every platform and
  // run, so outputs of two runs can be compared.
  Fingerprint known = fingerprint("the quick brown fox jumps over the lazy dog");
  Fingerprint again = fingerprint("The quick brown fox jumps over the lazy dog!");
  EXPECT_EQ(known.minhash, again.minhash);
  EXPECT_NE(known.minhash[0], UINT32_MAX);
}

TEST(DedupFingerprint, MinHashEstimatesJaccard) {
  // Pairs with a known overlap: one article, and the same with every n-th word changed or the
  // tail cut. The estimate (from stored one-byte values, as the Deduplicator keeps them) must
  // be within 4 standard errors (0.035 at 128 hashes) of the true value.
  const std::string base = article(11, 10, 60);
  std::vector<std::string> others = {change_words(base, 40), change_words(base, 15),
                                     change_words(base, 8), change_words(base, 5),
                                     join(make_paragraphs(11, 10, 60), 6),
                                     join(make_paragraphs(11, 10, 60), 3), article(12, 10, 60)};
  for (const std::string& other : others) {
    double truth = true_jaccard(base, other);
    // One row per band: every pair sharing a value is compared, so the estimate is seen even
    // where banding would not make the pair a candidate.
    Deduplicator d(DedupOptions{.threshold = 0.0, .cluster_threshold = 0.0, .bands = 128,
                                .rows = 1});
    d.add(0, fingerprint(base), "a");
    Verdict v = d.add(1, fingerprint(other), "b");
    double estimate = v.duplicate_of ? v.similarity : 0.0;
    EXPECT_NEAR(estimate, truth, 0.14) << "true Jaccard " << truth;
  }
}

TEST(DedupVerdict, ExactCopyPointsToTheFirstRecord) {
  Deduplicator d;
  const std::string body = article(1);
  Verdict first = d.add(0, fingerprint(body), "a.example");
  EXPECT_FALSE(first.duplicate_of);
  EXPECT_EQ(first.cluster, 0u);
  Verdict copy = d.add(1, fingerprint(body), "b.example");
  ASSERT_TRUE(copy.duplicate_of);
  EXPECT_EQ(*copy.duplicate_of, 0u);
  EXPECT_TRUE(copy.exact);
  EXPECT_EQ(copy.similarity, 1.0);
  EXPECT_EQ(copy.cluster, 0u);
  // Reformatted: still exact.
  std::string shouted = body;
  for (char& c : shouted)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  Verdict loud = d.add(2, fingerprint(shouted), "c.example");
  ASSERT_TRUE(loud.duplicate_of);
  EXPECT_EQ(*loud.duplicate_of, 0u);
  EXPECT_TRUE(loud.exact);
  EXPECT_EQ(d.stats().exact, 2u);
  EXPECT_EQ(d.stats().cross_site, 2u);
  EXPECT_EQ(d.stats().indexed, 1u);
}

TEST(DedupVerdict, NearDuplicateAboveThreshold) {
  Deduplicator d;
  const std::string body = article(2, 8, 50);      // 400 words
  const std::string edited = change_words(body, 100);  // 4 words changed: Jaccard ~0.9
  ASSERT_GT(true_jaccard(body, edited), 0.85);
  d.add(0, fingerprint(body), "a");
  Verdict v = d.add(1, fingerprint(edited), "a");
  ASSERT_TRUE(v.duplicate_of);
  EXPECT_EQ(*v.duplicate_of, 0u);
  EXPECT_FALSE(v.exact);
  EXPECT_GE(v.similarity, 0.8);
  EXPECT_LT(v.similarity, 1.0);
  EXPECT_EQ(v.cluster, 0u);
  // A sentence added at the end and one removed in the middle.
  std::string sentence_added = body + " Zeta kalomi ruta, vosi peda gohu jibe zofa wixe.";
  Verdict w = d.add(2, fingerprint(sentence_added), "a");
  ASSERT_TRUE(w.duplicate_of);
  EXPECT_EQ(*w.duplicate_of, 0u);
}

TEST(DedupVerdict, ThresholdIsConfigurable) {
  const std::string body = article(3, 8, 50);
  const std::string edited = change_words(body, 20);  // Jaccard ~0.6
  double truth = true_jaccard(body, edited);
  ASSERT_GT(truth, 0.5);
  ASSERT_LT(truth, 0.7);
  Deduplicator strict;  // 0.8
  strict.add(0, fingerprint(body), "a");
  EXPECT_FALSE(strict.add(1, fingerprint(edited), "a").duplicate_of);
  Deduplicator loose(DedupOptions{.threshold = 0.45});
  loose.add(0, fingerprint(body), "a");
  EXPECT_TRUE(loose.add(1, fingerprint(edited), "a").duplicate_of);
}

TEST(DedupVerdict, UnrelatedArticlesStayApart) {
  Deduplicator d;
  for (uint64_t i = 0; i < 200; ++i) {
    Verdict v = d.add(i, fingerprint(article(100 + i)), "same.example");
    EXPECT_FALSE(v.duplicate_of) << i;
    EXPECT_EQ(v.cluster, i) << i;
  }
  EXPECT_EQ(d.stats().indexed, 200u);
  EXPECT_EQ(d.stats().clustered, 0u);
}

TEST(DedupVerdict, SharedBoilerplateIsNotACopy) {
  // Two different stories of one site that both end with the same long footer paragraph
  // (a quarter of the text): similar, but neither duplicates nor one story.
  const std::string footer = join(make_paragraphs(999, 2, 50));
  Deduplicator d;
  d.add(0, fingerprint(article(20, 6, 50) + "\n\n" + footer), "site");
  Verdict v = d.add(1, fingerprint(article(21, 6, 50) + "\n\n" + footer), "site");
  EXPECT_FALSE(v.duplicate_of);
  EXPECT_EQ(v.cluster, 1u);
}

TEST(DedupVerdict, TruncatedCopyJoinsTheStoryCluster) {
  const auto paragraphs = make_paragraphs(4, 10, 50);
  const std::string full = join(paragraphs);
  const std::string cut = join(paragraphs, 7);  // the first 70%: Jaccard ~0.7, containment 1
  {
    Deduplicator d;
    d.add(5, fingerprint(full), "a");
    d.add(6, fingerprint(article(40)), "a");
    Verdict v = d.add(7, fingerprint(cut), "b");
    EXPECT_FALSE(v.duplicate_of);
    EXPECT_EQ(v.cluster, 5u);
    EXPECT_EQ(d.stats().clustered, 1u);
  }
  {  // Seen the other way round: the full story joins the teaser's cluster.
    Deduplicator d;
    d.add(5, fingerprint(cut), "b");
    Verdict v = d.add(7, fingerprint(full), "a");
    EXPECT_FALSE(v.duplicate_of);
    EXPECT_EQ(v.cluster, 5u);
  }
  {  // A teaser of the first fifth is too small a part to be trusted as the same story.
    Deduplicator d;
    d.add(0, fingerprint(full), "a");
    Verdict v = d.add(1, fingerprint(join(paragraphs, 2)), "b");
    EXPECT_FALSE(v.duplicate_of);
    EXPECT_EQ(v.cluster, 1u);
  }
}

TEST(DedupVerdict, HalfCopyJoinsByContainment) {
  // The first half of a story: Jaccard 0.5, under cluster_threshold, but wholly contained in the
  // story. Two rows per band make the pair a candidate for sure, so only the rule is tested.
  const auto paragraphs = make_paragraphs(9, 10, 50);
  const std::string full = join(paragraphs);
  const std::string half = join(paragraphs, 5);
  ASSERT_NEAR(true_jaccard(full, half), 0.5, 0.02);
  DedupOptions options{.bands = 64, .rows = 2};
  Deduplicator d(options);
  d.add(0, fingerprint(full), "a");
  Verdict v = d.add(1, fingerprint(half), "b");
  EXPECT_FALSE(v.duplicate_of);
  EXPECT_EQ(v.cluster, 0u);
  options.cluster_containment = 1.01;  // containment off: Jaccard alone does not suffice
  Deduplicator strict(options);
  strict.add(0, fingerprint(full), "a");
  EXPECT_EQ(strict.add(1, fingerprint(half), "b").cluster, 1u);
}

TEST(DedupVerdict, FirstSeenRecordHeadsTheGroup) {
  Deduplicator d;
  const std::string body = article(5, 8, 50);
  const std::string edit1 = change_words(body, 200, 7);     // Jaccard ~0.95 with body
  const std::string edit2 = change_words(edit1, 200, 131);  // ~0.95 with edit1, ~0.9 with body
  // Record indices need not be dense: the verdict names the caller's indices.
  EXPECT_FALSE(d.add(100, fingerprint(body), "a").duplicate_of);
  Verdict v1 = d.add(205, fingerprint(edit1), "b");
  ASSERT_TRUE(v1.duplicate_of);
  EXPECT_EQ(*v1.duplicate_of, 100u);
  // Closest to edit1, but duplicate_of names the group's first record.
  Verdict v2 = d.add(310, fingerprint(edit2), "c");
  ASSERT_TRUE(v2.duplicate_of);
  EXPECT_EQ(*v2.duplicate_of, 100u);
  EXPECT_EQ(v2.cluster, 100u);
  // An exact copy of a duplicate: exact, and in the same group.
  Verdict v3 = d.add(400, fingerprint(edit1), "d");
  ASSERT_TRUE(v3.duplicate_of);
  EXPECT_EQ(*v3.duplicate_of, 100u);
  EXPECT_TRUE(v3.exact);
  EXPECT_EQ(v3.similarity, 1.0);
}

TEST(DedupVerdict, EditsOfEditsStayInTheGroup) {
  // Each step changes every 60th word (Jaccard ~0.85 with the previous text); two steps from
  // the first record the text is at ~0.71, below the threshold, yet a copy of the group.
  const std::string body = article(8, 8, 50);
  const std::string edit1 = change_words(body, 60, 7);
  const std::string edit2 = change_words(edit1, 60, 37);
  ASSERT_GT(true_jaccard(body, edit1), 0.82);
  ASSERT_GT(true_jaccard(edit1, edit2), 0.82);
  ASSERT_LT(true_jaccard(body, edit2), 0.78);
  Deduplicator d;
  d.add(0, fingerprint(body), "a");
  Verdict v1 = d.add(1, fingerprint(edit1), "a");
  ASSERT_TRUE(v1.duplicate_of);
  Verdict v2 = d.add(2, fingerprint(edit2), "a");
  ASSERT_TRUE(v2.duplicate_of);
  EXPECT_EQ(*v2.duplicate_of, 0u);
  EXPECT_GE(v2.similarity, 0.8);  // the evidence: edit1, not the first record
  // Without edit1 in between, edit2 is not a duplicate of body, only the same story.
  Deduplicator fresh;
  fresh.add(0, fingerprint(body), "a");
  Verdict alone = fresh.add(2, fingerprint(edit2), "a");
  EXPECT_FALSE(alone.duplicate_of);
  EXPECT_EQ(alone.cluster, 0u);
}

TEST(DedupVerdict, ClusterOfADuplicateIsItsGroupsCluster) {
  const auto paragraphs = make_paragraphs(6, 10, 50);
  Deduplicator d;
  d.add(0, fingerprint(join(paragraphs, 7)), "teaser.example");  // cluster 0
  Verdict full = d.add(1, fingerprint(join(paragraphs)), "a");  // joins cluster 0
  EXPECT_EQ(full.cluster, 0u);
  Verdict copy = d.add(2, fingerprint(join(paragraphs)), "b");  // exact copy of record 1
  ASSERT_TRUE(copy.duplicate_of);
  EXPECT_EQ(*copy.duplicate_of, 1u);
  EXPECT_EQ(copy.cluster, 0u);
}

TEST(DedupVerdict, ShortAndEmptyBodiesAreNeverDuplicates) {
  Deduplicator d;
  Verdict e1 = d.add(0, fingerprint(""), "a");
  Verdict e2 = d.add(1, fingerprint(""), "a");
  EXPECT_FALSE(e2.duplicate_of);
  EXPECT_EQ(e1.cluster, 0u);
  EXPECT_EQ(e2.cluster, 1u);
  const std::string stub = "Subscribe to read the full story. Already a subscriber? Log in to "
                           "continue reading this article and all of our journalism.";
  EXPECT_FALSE(d.add(2, fingerprint(stub), "a").duplicate_of);
  Verdict s = d.add(3, fingerprint(stub), "a");
  EXPECT_FALSE(s.duplicate_of);
  EXPECT_EQ(s.cluster, 3u);
  EXPECT_EQ(d.stats().short_bodies, 4u);
  EXPECT_EQ(d.stats().indexed, 0u);
  // The bound is an option: at 10 words the stub is a duplicate.
  Deduplicator low(DedupOptions{.min_words = 10});
  low.add(0, fingerprint(stub), "a");
  EXPECT_TRUE(low.add(1, fingerprint(stub), "a").duplicate_of);
}

TEST(DedupVerdict, SameInputGivesSameVerdicts) {
  std::vector<std::string> bodies;
  for (uint64_t i = 0; i < 30; ++i) {
    bodies.push_back(article(300 + i % 10, 6, 40));
    if (i % 3 == 0) bodies.back() = change_words(bodies.back(), 100 + i);
  }
  auto run = [&] {
    Deduplicator d;
    std::vector<std::tuple<int64_t, bool, double, uint64_t>> out;
    for (uint64_t i = 0; i < bodies.size(); ++i) {
      Verdict v = d.add(i, fingerprint(bodies[i]), "s");
      out.emplace_back(v.duplicate_of ? static_cast<int64_t>(*v.duplicate_of) : -1, v.exact,
                       v.similarity, v.cluster);
    }
    return out;
  };
  auto first = run();
  EXPECT_EQ(first, run());
  // 10 distinct stories, every other record a copy.
  int originals = 0;
  for (const auto& r : first) originals += std::get<0>(r) < 0;
  EXPECT_EQ(originals, 10);
}

TEST(DedupVerdict, ExactCopiesCostNoMemory) {
  Deduplicator d;
  for (uint64_t i = 0; i < 1000; ++i) d.add(i, fingerprint(article(1000 + i, 2, 40)), "s");
  size_t after_originals = d.memory_bytes();
  EXPECT_EQ(d.stats().indexed, 1000u);
  EXPECT_GT(after_originals, 1000u * (kSignatureSize + 24));
  EXPECT_LT(after_originals, 1000u * 1200);  // a bound, not an estimate: see dedup.h
  for (uint64_t i = 0; i < 1000; ++i) d.add(2000 + i, fingerprint(article(1000 + i, 2, 40)), "t");
  EXPECT_EQ(d.memory_bytes(), after_originals);
  EXPECT_EQ(d.stats().exact, 1000u);
}

}  // namespace
}  // namespace gazette::corpus
