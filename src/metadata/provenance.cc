#include "metadata/provenance.h"

#include <tuple>

namespace gazette::metadata {

std::string_view source_name(Source s) { return kSourceNames[static_cast<size_t>(s)]; }

std::optional<Source> source_from_name(std::string_view name) {
  for (size_t i = 0; i < kSourceCount; ++i)
    if (kSourceNames[i] == name) return static_cast<Source>(i);
  return std::nullopt;
}

Source meta_source(std::string_view key) {
  if (key.substr(0, 3) == "og:" || key.substr(0, 8) == "article:") return Source::kOpenGraph;
  return Source::kMeta;
}

std::string_view field_name(FieldId f) {
  static constexpr std::string_view kNames[] = {
      "url",       "title",     "authors",  "date_published", "date_modified", "dateline",
      "site_name", "language", "description", "image",        "access"};
  static_assert(std::size(kNames) == kFieldCount);
  return kNames[static_cast<size_t>(f)];
}

Result<Policy> Policy::from(const Options& options) {
  Policy p;
  p.explain_ = options.explain;
  p.preferring_ = !options.prefer_sources.empty();
  for (size_t i = 0; i < options.prefer_sources.size(); ++i) {
    auto s = source_from_name(options.prefer_sources[i]);
    if (!s)
      return Error{ErrorCode::kBadInput,
                   "unknown source \"" + options.prefer_sources[i] + "\" in the source order"};
    uint8_t& r = p.rank_[static_cast<size_t>(*s)];
    if (r == kUnlisted) r = static_cast<uint8_t>(i < kUnlisted ? i : kUnlisted - 1);
  }
  return p;
}

Offer* Field::find_same(Source source, std::string_view key, std::string_view value,
                            const std::vector<std::string>* names) {
  for (auto& c : all_)
    if (c.source == source && c.key == key && (names ? c.names == *names : c.value == value))
      return &c;
  return nullptr;
}

void Field::add(Offer c) {
  if (c.tier == 0) has_first_tier_ = true;
  if (!policy_->exhaustive()) {
    // Only the best is kept: the first of the lowest tier.
    if (all_.empty())
      all_.push_back(std::move(c));
    else if (c.tier < all_[0].tier)
      all_[0] = std::move(c);
    return;
  }
  // A rejected candidate that a fallback now accepts (an unconfirmed h1 taken when nothing
  // else is found) stays one entry, at its first place, with the order of its valid offer.
  if (policy_->explain()) {
    if (Offer* same = find_same(c.source, c.key, c.value, c.names.empty() ? nullptr : &c.names);
        same && !same->valid) {
      same->valid = true;
      same->tier = c.tier;
      same->seq = c.seq;
      if (!c.note.empty()) same->note = std::move(c.note);
      return;
    }
  }
  all_.push_back(std::move(c));
}

void Field::offer(Source source, std::string_view key, std::string value, uint8_t tier,
                  std::string_view note) {
  Offer c;
  c.source = source;
  c.tier = tier;
  c.seq = next_seq_++;
  c.value = std::move(value);
  if (explaining()) {
    c.key = std::string(key);
    c.note = std::string(note);
  }
  add(std::move(c));
}

void Field::offer_names(Source source, std::string_view key, std::vector<std::string> names,
                        uint8_t tier, std::string_view note) {
  Offer c;
  c.source = source;
  c.tier = tier;
  c.seq = next_seq_++;
  c.names = std::move(names);
  if (explaining()) {
    c.key = std::string(key);
    c.note = std::string(note);
    for (size_t i = 0; i < c.names.size(); ++i) {
      if (i) c.value += "; ";
      c.value += c.names[i];
    }
  }
  add(std::move(c));
}

void Field::reject(Source source, std::string_view key, std::string_view value,
                   std::string_view reason) {
  if (!explaining()) return;
  if (find_same(source, key, value, nullptr)) return;  // rejected twice (several passes)
  Offer c;
  c.source = source;
  c.valid = false;
  c.key = std::string(key);
  c.value = std::string(value);
  c.note = std::string(reason);
  all_.push_back(std::move(c));
}

void Field::choose(size_t index, std::string_view reason) {
  for (size_t i = 0; i < all_.size(); ++i)
    if (all_[i].valid && all_[i].seq == index) {
      chosen_ = static_cast<int>(i);
      chosen_reason_ = std::string(reason);
      return;
    }
}

const Offer* Field::default_winner() const {
  if (chosen_ >= 0) return &all_[static_cast<size_t>(chosen_)];
  const Offer* best = nullptr;
  for (const auto& c : all_)
    if (c.valid && (!best || std::tie(c.tier, c.seq) < std::tie(best->tier, best->seq)))
      best = &c;
  return best;
}

const Offer* Field::winner() const {
  if (policy_->preferring()) {
    const Offer* best = nullptr;
    auto order = [&](const Offer& c) {
      return std::make_tuple(policy_->rank(c.source), c.tier, c.seq);
    };
    for (const auto& c : all_)
      if (c.valid && policy_->rank(c.source) != Policy::kUnlisted &&
          (!best || order(c) < order(*best)))
        best = &c;
    if (best) return best;
  }
  return default_winner();
}

const std::string& Field::value() const {
  static const std::string kNone;
  const Offer* w = winner();
  return w ? w->value : kNone;
}

std::vector<std::string> Field::take_names() {
  const Offer* w = winner();
  if (!w) return {};
  return std::move(all_[static_cast<size_t>(w - all_.data())].names);
}

FieldProvenance Field::provenance(FieldId id) const {
  FieldProvenance out;
  out.field = std::string(field_name(id));
  const Offer* w = winner();
  if (w) {
    out.winner.source = std::string(source_name(w->source));
    out.winner.key = w->key;
    out.winner.value = w->value;
  } else if (id == FieldId::kAccess) {
    out.winner.value = "unknown";
  }
  bool by_preference = w && policy_->preferring() && policy_->rank(w->source) != Policy::kUnlisted;
  const Offer* passed_over_until = chosen_ >= 0 && !by_preference ? w : nullptr;
  for (const auto& c : all_) {
    if (&c == w) continue;
    SourceCandidate l;
    l.source = std::string(source_name(c.source));
    l.key = c.key;
    l.value = c.value;
    if (!c.valid) {
      l.reason = c.note;
    } else if (c.value == w->value) {  // for authors, the names joined (take_names() moved them)
      l.reason = "same value";
    } else if (by_preference && policy_->rank(c.source) != policy_->rank(w->source)) {
      l.reason = "after " + out.winner.source + " in the preferred order";
    } else if (passed_over_until && c.seq < passed_over_until->seq && !chosen_reason_.empty()) {
      l.reason = chosen_reason_;
    } else if (!c.note.empty()) {
      l.reason = c.note;
    } else {
      l.reason = "lower priority than " + out.winner.source;
      if (c.source == w->source && !w->key.empty()) l.reason += " " + w->key;
    }
    out.losers.push_back(std::move(l));
  }
  return out;
}

Selection::Selection(Policy policy) : policy_(policy) {
  fields_.reserve(kFieldCount);
  for (size_t i = 0; i < kFieldCount; ++i) fields_.emplace_back(policy_);
}

void Selection::write(Article& article) const {
  if (!policy_.explain()) return;
  article.provenance.clear();
  for (size_t i = 0; i < kFieldCount; ++i)
    article.provenance.push_back(fields_[i].provenance(static_cast<FieldId>(i)));
}

}  // namespace gazette::metadata

namespace gazette {

Result<std::vector<std::string>> parse_source_order(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view name = list.substr(start, comma - start);
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (!metadata::source_from_name(name)) {
      std::string known;
      for (auto k : kSourceNames) {
        if (!known.empty()) known += ", ";
        known += k;
      }
      return Error{ErrorCode::kBadInput,
                   (name.empty() ? std::string("empty source name")
                                 : "unknown source \"" + std::string(name) + "\"") +
                       " (known: " + known + ")"};
    }
    bool seen = false;
    for (const auto& s : out) seen = seen || s == name;
    if (!seen) out.emplace_back(name);
    start = comma + 1;
  }
  return out;
}

}  // namespace gazette
