// Finishing the metadata once the body is known: language detection with CLD2 when the page
// declares none, and the access signal of the body's closing paragraphs.
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>

#include <string>

#include "metadata/access.h"
#include "metadata/metadata.h"
#include "metadata/thresholds.h"
#include "util/utf8.h"

namespace gazette::metadata {

std::string language_sample(const Article& article) {
  // Every piece is cut at a character boundary: CLD2 reads a whole character from its lead
  // byte, past the end of the buffer when the character is cut (a crash, on random bytes).
  std::string text(article.title, 0, util::utf8_prefix(article.title, thresholds::kLangDetectBytes));
  text += "\n\n";
  if (!article.body.empty()) {
    text.append(article.body, 0, util::utf8_prefix(article.body, thresholds::kLangDetectBytes));
  } else {
    for (const auto& b : article.blocks) {
      if (text.size() > thresholds::kLangDetectBytes) break;
      text += b.text;
      text += '\n';
    }
  }
  return text;
}

std::string detect_language(const Article& article) {
  std::string text = language_sample(article);
  if (text.size() < 8) return {};
  CLD2::Language language3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, language3, percent3,
      &text_bytes, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return {};
  std::string code = CLD2::LanguageCode(lang);
  // "zh-Hant" -> "zh"; CLD2's private codes ("xx-...") are not ISO 639-1.
  size_t dash = code.find('-');
  if (dash != std::string::npos) code.resize(dash);
  if (code == "un" || code == "xx" || code.size() < 2 || code.size() > 3) return {};
  return code;
}

void finish(Article& article) {
  if (article.language.empty()) article.language = detect_language(article);
}

void finish(Article& article, Selection& selection) {
  const Policy& policy = selection.policy();
  // Language: CLD2 when the page declares none, or when the source order puts it before the
  // declaring source (detection is not free: it does not run only to be listed as a loser).
  Field& language = selection[FieldId::kLanguage];
  const Offer* declared = language.winner();
  if (!declared || policy.rank(Source::kCld2) < policy.rank(declared->source)) {
    std::string code = detect_language(article);
    if (!code.empty())
      language.offer(Source::kCld2, "", std::move(code));
    else
      language.reject(Source::kCld2, "", "", "no reliable detection");
    article.language = language.value();
  }
  // Access: a subscription notice closing the body, when the markup said nothing.
  Field& access_field = selection[FieldId::kAccess];
  if (access_field.open()) {
    std::string_view notice = access::subscription_notice(article.blocks);
    if (!notice.empty())
      access_field.offer(Source::kText,
                         access_field.explaining() ? "closing paragraph \"" + std::string(notice) + "\""
                                                   : std::string(),
                         std::string(access::kPaywalled));
  }
  article.access = access_field.found() ? access_field.value() : std::string(access::kUnknown);
  selection.write(article);
}

}  // namespace gazette::metadata
