// Field selection with provenance: how each field's candidates are offered, one wins, and (with
// Options::explain) what lost and why. Internal to libgazette.
//
// The selection code in metadata.cc offers candidates to a Field in Gazette's default order of
// preference, rejects the ones that are not valid, and asks the Field for the winner. Without
// explain and without a source order a Field keeps only its best candidate and tells the
// caller to stop looking once it has one (open() turns false), so the default path builds no
// strings it did not build before. With either, every candidate is looked at and kept.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/gazette.h"

namespace gazette::metadata {

// The sources of gazette::kSourceNames, in the same order.
enum class Source : uint8_t {
  kJsonLd, kOpenGraph, kMeta, kMicrodata, kTimeElement, kUrl, kText, kScrapedText,
  kRelAuthor, kRelCanonical, kTitleElement, kH1, kHeading, kHtmlLang, kCld2, kClassName,
};
inline constexpr size_t kSourceCount = std::size(kSourceNames);
static_assert(static_cast<size_t>(Source::kClassName) + 1 == kSourceCount);

std::string_view source_name(Source s);
std::optional<Source> source_from_name(std::string_view name);
// og:* and Open Graph's article:* namespace are "opengraph"; other meta names are "meta".
Source meta_source(std::string_view key);

// The fields that carry provenance, in record order.
enum class FieldId : uint8_t {
  kUrl, kTitle, kAuthors, kDatePublished, kDateModified, kDateline, kSiteName, kLanguage,
  kDescription, kImage, kAccess,
};
inline constexpr size_t kFieldCount = static_cast<size_t>(FieldId::kAccess) + 1;
std::string_view field_name(FieldId f);

// What the caller asked of field selection, for one page.
class Policy {
 public:
  Policy() { rank_.fill(kUnlisted); }
  // Errors (kBadInput) on an unknown source name.
  static Result<Policy> from(const Options& options);

  bool explain() const { return explain_; }
  bool preferring() const { return preferring_; }
  // Every candidate is looked at and kept, instead of stopping at the first good one.
  bool exhaustive() const { return explain_ || preferring_; }
  // The place of `s` in the preferred order; kUnlisted for sources not listed.
  uint8_t rank(Source s) const { return rank_[static_cast<size_t>(s)]; }
  static constexpr uint8_t kUnlisted = 0xFF;

 private:
  bool explain_ = false;
  bool preferring_ = false;
  std::array<uint8_t, kSourceCount> rank_;
};

// One candidate value of a field.
struct Offer {
  Source source = Source::kText;
  bool valid = true;
  uint8_t tier = 0;  // a valid candidate of a higher tier wins only when no lower tier has one
  uint32_t seq = 0;  // order of the valid offers: Gazette's own preference
  std::string key;   // kept only when explaining
  std::string value;
  std::vector<std::string> names;  // authors only
  // Why a rejected candidate is not valid, or why a valid one ranks where it does ("only the
  // site's name"); kept only when explaining.
  std::string note;
};

class Field {
 public:
  explicit Field(const Policy& policy) : policy_(&policy) {}

  const Policy& policy() const { return *policy_; }
  bool explaining() const { return policy_->explain(); }
  // True while another candidate may still matter: no first-tier candidate yet, or the policy
  // is exhaustive.
  bool open() const { return policy_->exhaustive() || !has_first_tier_; }
  bool found() const { return winner() != nullptr; }

  // A valid candidate, offered in Gazette's default order of preference. `key` is kept only
  // when explaining; pass "" when building it would cost (see explaining()).
  void offer(Source source, std::string_view key, std::string value, uint8_t tier = 0,
             std::string_view note = {});
  void offer_names(Source source, std::string_view key, std::vector<std::string> names,
                   uint8_t tier = 0, std::string_view note = {});
  // A candidate that is not valid, and why; recorded only when explaining.
  void reject(Source source, std::string_view key, std::string_view value,
              std::string_view reason);

  // Gazette's own pick among the valid candidates is the `index`-th one offered (counting from
  // 0; a heuristic overruled the default order); `reason` is given to the ones passed over.
  // Only meaningful when the policy is exhaustive (otherwise only the best one is kept).
  void choose(size_t index, std::string_view reason);

  // The winner: the valid candidate of the first preferred source that has one (lowest tier,
  // then first offered); else Gazette's own pick: choose()'s, or the lowest tier, first offered.
  const Offer* winner() const;
  // The winner's value ("" when none).
  const std::string& value() const;
  // The winner's names (authors), moved out: call once, after the last offer.
  std::vector<std::string> take_names();

  // The field's provenance, with a reason for every loser.
  FieldProvenance provenance(FieldId id) const;

 private:
  Offer* find_same(Source source, std::string_view key, std::string_view value,
                       const std::vector<std::string>* names);
  void add(Offer c);
  const Offer* default_winner() const;

  const Policy* policy_;
  std::vector<Offer> all_;  // exhaustive: every candidate; otherwise at most the best one
  uint32_t next_seq_ = 0;
  bool has_first_tier_ = false;
  int chosen_ = -1;            // choose(): index into all_
  std::string chosen_reason_;
};

// The fields of one page. Not copyable: the Fields point at the policy.
class Selection {
 public:
  explicit Selection(Policy policy = {});
  Selection(const Selection&) = delete;
  Selection& operator=(const Selection&) = delete;

  const Policy& policy() const { return policy_; }
  Field& operator[](FieldId id) { return fields_[static_cast<size_t>(id)]; }
  const Field& operator[](FieldId id) const { return fields_[static_cast<size_t>(id)]; }

  // Fills article.provenance when explaining.
  void write(Article& article) const;

 private:
  Policy policy_;
  std::vector<Field> fields_;
};

}  // namespace gazette::metadata
