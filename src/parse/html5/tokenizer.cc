// The HTML Standard's tokenizer: one member function per state of 13.2.5, in the Standard's
// order, each with its section number. See tokenizer.h for the design.
#include "parse/html5/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "parse/html5/char_ref.h"
#include "parse/html5/scan.h"

namespace gazette::html5 {
namespace {

using S = Tokenizer::State;
using E = ParseError;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// ASCII whitespace as the tokenizer sees it: tab, LF, FF, space, plus CR (which preprocessing
// turns into LF before the tokenizer would see it).
constexpr bool is_ws(int c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }
constexpr bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(int c) { return is_upper(c) || is_lower(c); }
constexpr bool is_digit(int c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
constexpr bool is_hex(int c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr int hex_value(int c) {
  if (is_digit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// 256-entry tables of the bytes a state simply appends ("anything else" and not CR, NUL or an
// uppercase letter, which need a transformation): the inner loops of the name states.
using ByteSet = std::array<bool, 256>;
constexpr ByteSet make_plain(std::string_view stops) {
  ByteSet t{};
  for (int i = 0; i < 256; ++i) t[i] = !(i == 0 || i == '\r' || is_ws(i) || is_upper(i));
  for (char c : stops) t[static_cast<unsigned char>(c)] = false;
  return t;
}
constexpr ByteSet kTagNamePlain = make_plain("/>");
constexpr ByteSet kAttributeNamePlain = make_plain("/>=\"'<");
constexpr ByteSet kUnquotedValuePlain = [] {
  ByteSet t = make_plain("&>\"'<=`");
  for (int i = 'A'; i <= 'Z'; ++i) t[i] = true;  // values keep their case
  return t;
}();
constexpr ByteSet kDoctypeNamePlain = make_plain(">");

inline size_t plain_run(const ByteSet& set, const char* in, size_t pos, size_t size) {
  size_t p = pos;
  while (p < size && set[static_cast<unsigned char>(in[p])]) ++p;
  return p - pos;
}

inline bool is_noncharacter(uint32_t c) {
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

constexpr std::string_view kErrorNames[] = {
#define GZ_ERR(id, name) name,
    GAZETTE_HTML5_PARSE_ERRORS(GZ_ERR)
#undef GZ_ERR
};

}  // namespace

std::string_view parse_error_name(ParseError e) { return kErrorNames[static_cast<size_t>(e)]; }

// ----- driver -----

void Tokenizer::reset(std::string_view input) {
  in_ = input.data();
  size_ = input.size();
  pos_ = 0;
  state_ = State::kData;
  return_state_ = State::kData;
  done_ = false;
  text_ = {};
  text_buf_.clear();
  scratch_.clear();
  attrs_.clear();
  attrs_owned_ = 0;
  current_attr_dropped_ = false;
  attrs_need_sort_dedupe_ = false;
  last_start_tag_.clear();
  temp_carry_.clear();
  final_ = true;
  suspended_ = false;
  eof_emitted_ = false;
  base_ = 0;
}

// ----- streaming -----

void Tokenizer::begin_stream() {
  stream_buf_.clear();
  reset(std::string_view());
  final_ = false;
}

void Tokenizer::feed(std::string_view chunk) {
  if (eof_emitted_ || chunk.empty()) return;
  stream_buf_.append(chunk);
  resume(false);
}

void Tokenizer::finish() {
  if (eof_emitted_) return;
  resume(true);
}

void Tokenizer::resume(bool last) {
  in_ = stream_buf_.data();
  size_ = stream_buf_.size();
  final_ = last;
  // A CR at the end stays for the next chunk: it is a line break of its own unless LF follows.
  if (!last && size_ != 0 && in_[size_ - 1] == '\r') --size_;
  done_ = false;
  suspended_ = false;
  run();
  if (!suspended_) {
    eof_emitted_ = true;
    stream_buf_.clear();
    in_ = nullptr;
    size_ = pos_ = 0;
    return;
  }
  stash();
}

bool Tokenizer::rest_is_prefix_of(std::string_view upper, bool ci) const {
  size_t n = size_ - pos_;
  if (n >= upper.size()) return false;
  for (size_t i = 0; i < n; ++i) {
    char c = in_[pos_ + i];
    if (ci && is_lower(static_cast<unsigned char>(c))) c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

// The states in which a tag (its name, its attributes) is being built in scratch_.
bool Tokenizer::tag_is_open() const {
  switch (state_) {
    case S::kTagName:
    case S::kBeforeAttributeName:
    case S::kAttributeName:
    case S::kAfterAttributeName:
    case S::kBeforeAttributeValue:
    case S::kAttributeValueDoubleQuoted:
    case S::kAttributeValueSingleQuoted:
    case S::kAttributeValueUnquoted:
    case S::kAfterAttributeValueQuoted:
    case S::kSelfClosingStartTag:
    case S::kRcdataEndTagName:
    case S::kRawtextEndTagName:
    case S::kScriptDataEndTagName:
    case S::kScriptDataEscapedEndTagName:
      return true;
    case S::kCharacterReference:
    case S::kNamedCharacterReference:
    case S::kAmbiguousAmpersand:
    case S::kNumericCharacterReference:
    case S::kHexadecimalCharacterReferenceStart:
    case S::kDecimalCharacterReferenceStart:
    case S::kHexadecimalCharacterReference:
    case S::kDecimalCharacterReference:
    case S::kNumericCharacterReferenceEnd:
      return is_attribute_return_state();
    default:
      return false;
  }
}

bool Tokenizer::comment_is_open() const {
  switch (state_) {
    case S::kBogusComment:
    case S::kCommentStart:
    case S::kCommentStartDash:
    case S::kComment:
    case S::kCommentLessThanSign:
    case S::kCommentLessThanSignBang:
    case S::kCommentLessThanSignBangDash:
    case S::kCommentLessThanSignBangDashDash:
    case S::kCommentEndDash:
    case S::kCommentEnd:
    case S::kCommentEndBang:
      return true;
    default:
      return false;
  }
}

bool Tokenizer::doctype_is_open() const {
  switch (state_) {
    case S::kDoctypeName:
    case S::kAfterDoctypeName:
    case S::kAfterDoctypePublicKeyword:
    case S::kBeforeDoctypePublicIdentifier:
    case S::kDoctypePublicIdentifierDoubleQuoted:
    case S::kDoctypePublicIdentifierSingleQuoted:
    case S::kAfterDoctypePublicIdentifier:
    case S::kBetweenDoctypePublicAndSystemIdentifiers:
    case S::kAfterDoctypeSystemKeyword:
    case S::kBeforeDoctypeSystemIdentifier:
    case S::kDoctypeSystemIdentifierDoubleQuoted:
    case S::kDoctypeSystemIdentifierSingleQuoted:
    case S::kAfterDoctypeSystemIdentifier:
    case S::kBogusDoctype:
      return true;
    default:
      return false;
  }
}

void Tokenizer::externalize(Span& s, std::string& buf) {
  if (s.buffered || s.len == 0) return;
  size_t off = buf.size();
  buf.append(in_ + s.off, s.len);
  s.off = off;
  s.buffered = true;
}

void Tokenizer::stash() {
  // 1. Bound what the state looks back at. An end tag name that can no longer be the last start
  // tag's name ends as "anything else": "</" and the letters are characters and the text state
  // takes over, as it would at the first non-letter (letters are plain text in every text
  // state). One that still can keeps "</" and its letters, as they were, in temp_carry_ (at
  // most the last start tag's length: a chunk costs O(its size), whatever the tag's length).
  // The double-escape states only ask whether their letters spell "script": past six, seven are
  // as good as any number.
  switch (state_) {
    case S::kRcdataEndTagName:
    case S::kRawtextEndTagName:
    case S::kScriptDataEndTagName:
    case S::kScriptDataEscapedEndTagName: {
      std::string_view name = view(tag_name_, scratch_);
      if (last_start_tag_.empty() || !std::string_view(last_start_tag_).starts_with(name)) {
        emit_end_tag_text();
        state_ = state_ == S::kRcdataEndTagName    ? S::kRcdata
                 : state_ == S::kRawtextEndTagName ? S::kRawtext
                 : state_ == S::kScriptDataEndTagName ? S::kScriptData
                                                      : S::kScriptDataEscaped;
      } else {
        if (temp_carry_.empty())
          temp_carry_.assign(in_ + temp_start_ - 2, pos_ - temp_start_ + 2);
        else
          temp_carry_.append(in_ + temp_start_, pos_ - temp_start_);
        temp_start_ = pos_;
      }
      break;
    }
    case S::kScriptDataDoubleEscapeStart:
    case S::kScriptDataDoubleEscapeEnd:
      if (pos_ - temp_start_ > 6) temp_start_ = pos_ - 7;
      break;
    default:
      break;
  }

  // 2. The carry-over: from pos_, 3 bytes back for the characters the Standard appends late
  // ("--!", "]]", "</", "<!": append_delayed() checks them anyway), and what the state needs.
  size_t keep = pos_ >= 3 ? pos_ - 3 : 0;
  switch (state_) {
    case S::kRcdataEndTagOpen:
    case S::kRawtextEndTagOpen:
    case S::kScriptDataEndTagOpen:
    case S::kScriptDataEscapedEndTagOpen:
      keep = std::min(keep, temp_start_ - 2);  // "</"
      break;
    case S::kScriptDataDoubleEscapeStart:
    case S::kScriptDataDoubleEscapeEnd:
      keep = std::min(keep, temp_start_);
      break;
    case S::kCharacterReference:
    case S::kNamedCharacterReference:
    case S::kNumericCharacterReference:
    case S::kHexadecimalCharacterReferenceStart:
    case S::kDecimalCharacterReferenceStart:
      keep = std::min(keep, ref_start_);  // "&", "&#", "&#x": flushed as they are
      break;
    default:
      break;
  }

  // 3. Open strings that are views into the input go to their buffers. In scratch_, the string
  // still growing (the last one begun) must end up last.
  externalize(text_, text_buf_);
  Span* last = nullptr;
  auto own = [&](Span& s) {
    externalize(s, scratch_);
    if (s.len != 0) last = &s;
  };
  if (tag_is_open()) {
    own(tag_name_);
    // Attributes before the last are complete and were made owned by an earlier stash() (or
    // have been begun since): a tag with many attributes costs O(1) per chunk, not O(n).
    for (size_t i = std::min(attrs_owned_, attrs_.size()); i < attrs_.size(); ++i) {
      own(attrs_[i].name);
      own(attrs_[i].value);
    }
    attrs_owned_ = attrs_.empty() ? 0 : attrs_.size() - 1;
  } else if (comment_is_open()) {
    own(comment_);
  } else if (doctype_is_open()) {
    own(doctype_name_);
    own(public_id_);
    own(system_id_);
  }
  if (last && last->off + last->len != scratch_.size()) {
    size_t off = scratch_.size();
    scratch_.append(scratch_, last->off, last->len);
    last->off = off;
  }

  // 4. Rebase (offsets that are not in use may wrap around; they are set again before use).
  pos_ -= keep;
  temp_start_ -= keep;
  ref_start_ -= keep;
  base_ += keep;
  stream_buf_.erase(0, keep);
  in_ = stream_buf_.data();
  size_ = stream_buf_.size();
}

void Tokenizer::run() {
  while (!done_) {
    switch (state_) {
      case S::kData: data_state(); break;
      case S::kRcdata: rcdata_state(); break;
      case S::kRawtext: rawtext_state(); break;
      case S::kScriptData: script_data_state(); break;
      case S::kPlaintext: plaintext_state(); break;
      case S::kTagOpen: tag_open_state(); break;
      case S::kEndTagOpen: end_tag_open_state(); break;
      case S::kTagName: tag_name_state(); break;
      case S::kRcdataLessThanSign: rcdata_less_than_sign_state(); break;
      case S::kRcdataEndTagOpen: rcdata_end_tag_open_state(); break;
      case S::kRcdataEndTagName: rcdata_end_tag_name_state(); break;
      case S::kRawtextLessThanSign: rawtext_less_than_sign_state(); break;
      case S::kRawtextEndTagOpen: rawtext_end_tag_open_state(); break;
      case S::kRawtextEndTagName: rawtext_end_tag_name_state(); break;
      case S::kScriptDataLessThanSign: script_data_less_than_sign_state(); break;
      case S::kScriptDataEndTagOpen: script_data_end_tag_open_state(); break;
      case S::kScriptDataEndTagName: script_data_end_tag_name_state(); break;
      case S::kScriptDataEscapeStart: script_data_escape_start_state(); break;
      case S::kScriptDataEscapeStartDash: script_data_escape_start_dash_state(); break;
      case S::kScriptDataEscaped: script_data_escaped_state(); break;
      case S::kScriptDataEscapedDash: script_data_escaped_dash_state(); break;
      case S::kScriptDataEscapedDashDash: script_data_escaped_dash_dash_state(); break;
      case S::kScriptDataEscapedLessThanSign: script_data_escaped_less_than_sign_state(); break;
      case S::kScriptDataEscapedEndTagOpen: script_data_escaped_end_tag_open_state(); break;
      case S::kScriptDataEscapedEndTagName: script_data_escaped_end_tag_name_state(); break;
      case S::kScriptDataDoubleEscapeStart: script_data_double_escape_start_state(); break;
      case S::kScriptDataDoubleEscaped: script_data_double_escaped_state(); break;
      case S::kScriptDataDoubleEscapedDash: script_data_double_escaped_dash_state(); break;
      case S::kScriptDataDoubleEscapedDashDash: script_data_double_escaped_dash_dash_state(); break;
      case S::kScriptDataDoubleEscapedLessThanSign:
        script_data_double_escaped_less_than_sign_state();
        break;
      case S::kScriptDataDoubleEscapeEnd: script_data_double_escape_end_state(); break;
      case S::kBeforeAttributeName: before_attribute_name_state(); break;
      case S::kAttributeName: attribute_name_state(); break;
      case S::kAfterAttributeName: after_attribute_name_state(); break;
      case S::kBeforeAttributeValue: before_attribute_value_state(); break;
      case S::kAttributeValueDoubleQuoted: attribute_value_double_quoted_state(); break;
      case S::kAttributeValueSingleQuoted: attribute_value_single_quoted_state(); break;
      case S::kAttributeValueUnquoted: attribute_value_unquoted_state(); break;
      case S::kAfterAttributeValueQuoted: after_attribute_value_quoted_state(); break;
      case S::kSelfClosingStartTag: self_closing_start_tag_state(); break;
      case S::kBogusComment: bogus_comment_state(); break;
      case S::kMarkupDeclarationOpen: markup_declaration_open_state(); break;
      case S::kCommentStart: comment_start_state(); break;
      case S::kCommentStartDash: comment_start_dash_state(); break;
      case S::kComment: comment_state(); break;
      case S::kCommentLessThanSign: comment_less_than_sign_state(); break;
      case S::kCommentLessThanSignBang: comment_less_than_sign_bang_state(); break;
      case S::kCommentLessThanSignBangDash: comment_less_than_sign_bang_dash_state(); break;
      case S::kCommentLessThanSignBangDashDash:
        comment_less_than_sign_bang_dash_dash_state();
        break;
      case S::kCommentEndDash: comment_end_dash_state(); break;
      case S::kCommentEnd: comment_end_state(); break;
      case S::kCommentEndBang: comment_end_bang_state(); break;
      case S::kDoctype: doctype_state(); break;
      case S::kBeforeDoctypeName: before_doctype_name_state(); break;
      case S::kDoctypeName: doctype_name_state(); break;
      case S::kAfterDoctypeName: after_doctype_name_state(); break;
      case S::kAfterDoctypePublicKeyword: after_doctype_public_keyword_state(); break;
      case S::kBeforeDoctypePublicIdentifier: before_doctype_public_identifier_state(); break;
      case S::kDoctypePublicIdentifierDoubleQuoted:
        doctype_public_identifier_double_quoted_state();
        break;
      case S::kDoctypePublicIdentifierSingleQuoted:
        doctype_public_identifier_single_quoted_state();
        break;
      case S::kAfterDoctypePublicIdentifier: after_doctype_public_identifier_state(); break;
      case S::kBetweenDoctypePublicAndSystemIdentifiers:
        between_doctype_public_and_system_identifiers_state();
        break;
      case S::kAfterDoctypeSystemKeyword: after_doctype_system_keyword_state(); break;
      case S::kBeforeDoctypeSystemIdentifier: before_doctype_system_identifier_state(); break;
      case S::kDoctypeSystemIdentifierDoubleQuoted:
        doctype_system_identifier_double_quoted_state();
        break;
      case S::kDoctypeSystemIdentifierSingleQuoted:
        doctype_system_identifier_single_quoted_state();
        break;
      case S::kAfterDoctypeSystemIdentifier: after_doctype_system_identifier_state(); break;
      case S::kBogusDoctype: bogus_doctype_state(); break;
      case S::kCdataSection: cdata_section_state(); break;
      case S::kCdataSectionBracket: cdata_section_bracket_state(); break;
      case S::kCdataSectionEnd: cdata_section_end_state(); break;
      case S::kCharacterReference: character_reference_state(); break;
      case S::kNamedCharacterReference: named_character_reference_state(); break;
      case S::kAmbiguousAmpersand: ambiguous_ampersand_state(); break;
      case S::kNumericCharacterReference: numeric_character_reference_state(); break;
      case S::kHexadecimalCharacterReferenceStart:
        hexadecimal_character_reference_start_state();
        break;
      case S::kDecimalCharacterReferenceStart: decimal_character_reference_start_state(); break;
      case S::kHexadecimalCharacterReference: hexadecimal_character_reference_state(); break;
      case S::kDecimalCharacterReference: decimal_character_reference_state(); break;
      case S::kNumericCharacterReferenceEnd: numeric_character_reference_end_state(); break;
    }
  }
}

// ----- building strings -----

// The input is not contiguous with the span (a character reference or a CR LF came between):
// the span moves to `buf`.
void Tokenizer::append_input_buffered(Span& s, std::string& buf, size_t p, size_t n) {
  if (!s.buffered) {
    size_t off = buf.size();
    buf.append(in_ + s.off, s.len);
    s.off = off;
    s.buffered = true;
  }
  buf.append(in_ + p, n);
  s.len += n;
}

void Tokenizer::append_bytes(Span& s, std::string& buf, std::string_view bytes) {
  if (!s.buffered) {
    size_t off = buf.size();
    buf.append(in_ + s.off, s.len);
    s.off = off;
    s.buffered = true;
  }
  buf.append(bytes);
  s.len += bytes.size();
}

void Tokenizer::append_current_and_advance(Span& s) {
  char c = in_[pos_];
  if (c == '\r') {
    size_t n = cr_len();
    append_bytes(s, scratch_, "\n");
    pos_ += n;
  } else if (c == '\0') {
    error(E::kUnexpectedNullCharacter);
    append_bytes(s, scratch_, kReplacement);
    ++pos_;
  } else {
    append_input(s, scratch_, pos_, 1);
    ++pos_;
  }
}

void Tokenizer::append_lower_and_advance(Span& s) {
  char c = static_cast<char>(in_[pos_] | 0x20);
  append_bytes(s, scratch_, std::string_view(&c, 1));
  ++pos_;
}

void Tokenizer::append_delayed(Span& s, size_t p, std::string_view expected) {
  // The characters the Standard appends late ("--", "--!", "]]") are the ones just consumed;
  // appending them from the input keeps the span a view. The check is belt and braces.
  if (p <= size_ && expected.size() <= size_ - p &&
      std::memcmp(in_ + p, expected.data(), expected.size()) == 0)
    append_input(s, scratch_, p, expected.size());
  else
    append_bytes(s, scratch_, expected);
}

void Tokenizer::emit_delayed(size_t p, std::string_view expected) {
  if (p <= size_ && expected.size() <= size_ - p &&
      std::memcmp(in_ + p, expected.data(), expected.size()) == 0)
    emit_input(p, expected.size());
  else
    emit_bytes(expected);
}

// ----- emitting -----

void Tokenizer::emit_current_and_advance() {
  if (in_[pos_] == '\r') {
    size_t n = cr_len();
    emit_bytes("\n");
    pos_ += n;
  } else {
    emit_input(pos_, 1);
    ++pos_;
  }
}

void Tokenizer::emit_replacement_character() { emit_bytes(kReplacement); }

void Tokenizer::emit_null_token() {
  flush_characters();
  Token& t = next_token();
  t.type = TokenType::kCharacters;
  t.data = std::string_view(in_ + pos_, 1);
  sink_->token(t);
}

void Tokenizer::flush_characters() {
  if (text_.len == 0) return;
  Token& t = next_token();
  t.type = TokenType::kCharacters;
  t.data = view(text_, text_buf_);
  text_ = {};
  sink_->token(t);
  text_buf_.clear();
}

void Tokenizer::emit_eof() {
  flush_characters();
  Token& t = next_token();
  t.type = TokenType::kEndOfFile;
  done_ = true;
  sink_->token(t);
}

void Tokenizer::emit_current_tag() {
  flush_characters();
  if (current_attr_dropped_) {
    attrs_.pop_back();
    current_attr_dropped_ = false;
  }
  if (attrs_need_sort_dedupe_) drop_duplicates_by_sorting();
  Token& t = next_token();
  t.name = view(tag_name_, scratch_);
  t.self_closing = self_closing_;
  if (tag_is_end_) {
    t.type = TokenType::kEndTag;
    if (!attrs_.empty()) error(E::kEndTagWithAttributes);
    if (self_closing_) error(E::kEndTagWithTrailingSolidus);
  } else {
    t.type = TokenType::kStartTag;
    out_attrs_.clear();
    for (const AttributeRecord& a : attrs_)
      out_attrs_.push_back({view(a.name, scratch_), view(a.value, scratch_)});
    t.attributes = out_attrs_;
    last_start_tag_.assign(t.name);
  }
  sink_->token(t);
}

void Tokenizer::emit_comment() {
  flush_characters();
  Token& t = next_token();
  t.type = TokenType::kComment;
  t.data = view(comment_, scratch_);
  sink_->token(t);
}

void Tokenizer::emit_doctype() {
  flush_characters();
  Token& t = next_token();
  t.type = TokenType::kDoctype;
  t.name = view(doctype_name_, scratch_);
  t.public_id = view(public_id_, scratch_);
  t.system_id = view(system_id_, scratch_);
  t.has_name = has_doctype_name_;
  t.has_public_id = has_public_id_;
  t.has_system_id = has_system_id_;
  t.force_quirks = force_quirks_;
  sink_->token(t);
}

// ----- tags -----

void Tokenizer::start_tag(bool end) {
  scratch_.clear();
  tag_is_end_ = end;
  self_closing_ = false;
  tag_name_ = {};
  attrs_.clear();
  attrs_owned_ = 0;
  current_attr_dropped_ = false;
  attrs_need_sort_dedupe_ = false;
}

void Tokenizer::start_attribute() {
  if (current_attr_dropped_) {
    attrs_.pop_back();
    current_attr_dropped_ = false;
  }
  // With room checked first, the compiler drops emplace_back's growth path from this copy,
  // and with it the saving of six registers on every call (GCC 12).
  if (attrs_.size() != attrs_.capacity()) [[likely]] {
    attrs_.emplace_back().pos = base_ + pos_;
    return;
  }
  grow_attributes();
}

void Tokenizer::grow_attributes() { attrs_.emplace_back().pos = base_ + pos_; }

// "When the user agent leaves the attribute name state ... if there is already an attribute on
// the token with the exact same name, then this is a duplicate-attribute parse error and the new
// attribute must be removed from the token." A tag's first attributes are compared one by one;
// past kLinearAttributes the check is deferred to one sort at emission, so a tag with a million
// attributes costs O(n log n), not O(n^2). The same attributes are dropped either way (always the
// later duplicate); only the moment of the parse error differs.
constexpr size_t kLinearAttributes = 16;

void Tokenizer::check_duplicate_attribute() {
  size_t n = attrs_.size() - 1;
  if (n > kLinearAttributes) {
    attrs_need_sort_dedupe_ = true;
    return;
  }
  std::string_view name = view(attrs_.back().name, scratch_);
  for (size_t i = 0; i < n; ++i) {
    if (view(attrs_[i].name, scratch_) == name) {
      error_at(E::kDuplicateAttribute, attrs_.back().pos);
      current_attr_dropped_ = true;
      return;
    }
  }
}

void Tokenizer::drop_duplicates_by_sorting() {
  attrs_need_sort_dedupe_ = false;
  size_t n = attrs_.size();
  sort_index_.resize(n);
  for (size_t i = 0; i < n; ++i) sort_index_[i] = static_cast<uint32_t>(i);
  // By name, then by position (std::stable_sort would allocate a temporary buffer).
  std::sort(sort_index_.begin(), sort_index_.end(), [this](uint32_t a, uint32_t b) {
    int c = view(attrs_[a].name, scratch_).compare(view(attrs_[b].name, scratch_));
    return c < 0 || (c == 0 && a < b);
  });
  drop_.assign(n, 0);
  bool any = false;
  for (size_t i = 1; i < n; ++i) {
    if (view(attrs_[sort_index_[i]].name, scratch_) ==
        view(attrs_[sort_index_[i - 1]].name, scratch_)) {
      drop_[sort_index_[i]] = 1;  // the earlier attribute sorts first and stays
      any = true;
    }
  }
  if (!any) return;
  size_t w = 0;
  for (size_t i = 0; i < n; ++i) {
    if (drop_[i]) {
      error_at(E::kDuplicateAttribute, attrs_[i].pos);
      continue;
    }
    attrs_[w++] = attrs_[i];
  }
  attrs_.resize(w);
}

bool Tokenizer::appropriate_end_tag() const {
  return !last_start_tag_.empty() && view(tag_name_, scratch_) == last_start_tag_;
}

void Tokenizer::start_comment() {
  scratch_.clear();
  comment_ = {};
}

void Tokenizer::start_doctype() {
  scratch_.clear();
  doctype_name_ = public_id_ = system_id_ = {};
  has_doctype_name_ = has_public_id_ = has_system_id_ = false;
  force_quirks_ = false;
}

bool Tokenizer::starts_with_ascii_ci(std::string_view upper) const {
  if (size_ - pos_ < upper.size()) return false;
  for (size_t i = 0; i < upper.size(); ++i) {
    char c = in_[pos_ + i];
    if (is_lower(static_cast<unsigned char>(c))) c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

void Tokenizer::flush_consumed_input(size_t p, size_t n) {
  if (is_attribute_return_state())
    append_input(attrs_.back().value, scratch_, p, n);
  else
    emit_input(p, n);
}

void Tokenizer::flush_consumed_bytes(std::string_view bytes) {
  if (is_attribute_return_state())
    append_bytes(attrs_.back().value, scratch_, bytes);
  else
    emit_bytes(bytes);
}

// ===== 13.2.5 Tokenization: the states =====

// 13.2.5.1 Data state
void Tokenizer::data_state() {
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<'<', '&', '\r', '\0'>(p, in_ + size_);
    if (q != p) {
      emit_input(pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    switch (cur()) {
      case '&':
        return_state_ = S::kData;
        ref_start_ = pos_++;
        state_ = S::kCharacterReference;
        return;
      case '<':
        ++pos_;
        state_ = S::kTagOpen;
        tag_open_state();  // chained: see kChainedStates
        return;
      case '\0':
        error(E::kUnexpectedNullCharacter);
        emit_null_token();
        ++pos_;
        break;
      case '\r':
        emit_current_and_advance();
        break;
      case kEof:
        if (need_more()) return;
        emit_eof();
        return;
      default:  // not reached: the scan stops only at the bytes above
        emit_current_and_advance();
        break;
    }
  }
}

// The shared body of 13.2.5.2 RCDATA, 13.2.5.3 RAWTEXT, 13.2.5.4 script data and 13.2.5.5
// PLAINTEXT: A..D are the bytes to stop at ('&' only in RCDATA, '<' not in PLAINTEXT).
template <char A, char B, char C, char D>
void Tokenizer::text_state(State less_than_state) {
  const State self = state_;
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<A, B, C, D>(p, in_ + size_);
    if (q != p) {
      emit_input(pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    switch (cur()) {
      case '&':
        return_state_ = self;
        ref_start_ = pos_++;
        state_ = S::kCharacterReference;
        return;
      case '<':
        ++pos_;
        state_ = less_than_state;
        return;
      case '\0':
        error(E::kUnexpectedNullCharacter);
        emit_replacement_character();
        ++pos_;
        break;
      case kEof:
        if (need_more()) return;
        emit_eof();
        return;
      default:  // '\r'
        emit_current_and_advance();
        break;
    }
  }
}

// 13.2.5.2 RCDATA state
void Tokenizer::rcdata_state() { text_state<'<', '&', '\r', '\0'>(S::kRcdataLessThanSign); }

// 13.2.5.3 RAWTEXT state
void Tokenizer::rawtext_state() { text_state<'<', '\r', '\0', '\0'>(S::kRawtextLessThanSign); }

// 13.2.5.4 Script data state
void Tokenizer::script_data_state() {
  text_state<'<', '\r', '\0', '\0'>(S::kScriptDataLessThanSign);
}

// 13.2.5.5 PLAINTEXT state
void Tokenizer::plaintext_state() { text_state<'\r', '\0', '\0', '\0'>(S::kPlaintext); }

// 13.2.5.6 Tag open state
void Tokenizer::tag_open_state() {
  int c = cur();
  if (c == '!') {
    ++pos_;
    state_ = S::kMarkupDeclarationOpen;
  } else if (c == '/') {
    ++pos_;
    state_ = S::kEndTagOpen;
    end_tag_open_state();  // chained
  } else if (is_alpha(c)) {
    start_tag(false);
    state_ = S::kTagName;
    tag_name_state();  // chained
  } else if (c == '?') {
    error(E::kUnexpectedQuestionMarkInsteadOfTagName);
    start_comment();
    state_ = S::kBogusComment;
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofBeforeTagName);
    emit_input(pos_ - 1, 1);  // '<'
    emit_eof();
  } else {
    error(E::kInvalidFirstCharacterOfTagName);
    emit_input(pos_ - 1, 1);  // '<'
    state_ = S::kData;
  }
}

// 13.2.5.7 End tag open state
void Tokenizer::end_tag_open_state() {
  int c = cur();
  if (is_alpha(c)) {
    start_tag(true);
    state_ = S::kTagName;
    tag_name_state();  // chained
  } else if (c == '>') {
    error(E::kMissingEndTagName);
    ++pos_;
    state_ = S::kData;
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofBeforeTagName);
    emit_input(pos_ - 2, 2);  // "</"
    emit_eof();
  } else {
    error(E::kInvalidFirstCharacterOfTagName);
    start_comment();
    state_ = S::kBogusComment;
  }
}

// 13.2.5.8 Tag name state
// kChainedStates: the states of a tag call the next one directly where the common case leads
// (data, '<', tag open, '/', end tag open, a letter, tag name; after a tag name or an
// attribute value, a space: before attribute name; then attribute name, '=', before attribute
// value, a quote, the value) instead of returning to run(): the switch's indirect jump, taken
// for every state change, was the tokenizer's most mispredicted branch. Every chain ends at an
// attribute value or at the tag's end ('>' goes back to run()), so it is at most eight calls
// deep, and each state sets state_ before calling the next, so that a state that must wait
// for input or bails out to its full loop leaves the tokenizer where run() would have.
//
// Each of the three states below first tries the common case in one step: a run of plain
// bytes, appended to a span that ends where it starts, and the byte that ends the state. The
// full loop is a function of its own: with its rare paths (buffered spans, errors, the end of
// the input) in the same function, GCC saved and restored six registers on every call.
// A span can take the run directly when it is empty or ends where the run starts.
bool Tokenizer::run_extends(const Span& s) const {
  return !s.buffered && (s.len == 0 || s.off + s.len == pos_);
}
void Tokenizer::extend(Span& s, size_t n) {
  if (s.len == 0) s.off = pos_;
  s.len += n;
}

void Tokenizer::tag_name_state() {
  const size_t n = plain_run(kTagNamePlain, in_, pos_, size_);
  const size_t end = pos_ + n;
  if (end < size_ && run_extends(tag_name_)) {
    const char c = in_[end];
    if (c == '>' || c == '/' || is_ws(c)) {
      extend(tag_name_, n);
      pos_ = end + 1;
      state_ = c == '>' ? S::kData : c == '/' ? S::kSelfClosingStartTag : S::kBeforeAttributeName;
      if (c == '>') emit_current_tag();
      else if (c != '/') before_attribute_name_state();  // chained
      return;
    }
  }
  tag_name_loop();
}

void Tokenizer::tag_name_loop() {
  for (;;) {
    size_t n = plain_run(kTagNamePlain, in_, pos_, size_);
    if (n != 0) {
      append_input(tag_name_, scratch_, pos_, n);
      pos_ += n;
    }
    int c = cur();
    if (is_ws(c)) {
      ++pos_;
      state_ = S::kBeforeAttributeName;
      return;
    }
    if (c == '/') {
      ++pos_;
      state_ = S::kSelfClosingStartTag;
      return;
    }
    if (c == '>') {
      ++pos_;
      state_ = S::kData;
      emit_current_tag();
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInTag);
      emit_eof();
      return;
    }
    if (is_upper(c))
      append_lower_and_advance(tag_name_);
    else  // U+0000
      append_current_and_advance(tag_name_);
  }
}

// The shared bodies of the end tag open and end tag name states of RCDATA, RAWTEXT, script data
// and script data escaped.
void Tokenizer::text_end_tag_open(State name_state, State text_state) {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (is_alpha(c)) {
    start_tag(true);
    state_ = name_state;
  } else {
    emit_delayed(pos_ - 2, "</");
    state_ = text_state;
  }
}

void Tokenizer::text_end_tag_name(State text_state) {
  for (;;) {
    int c = cur();
    if (is_lower(c)) {
      append_input(tag_name_, scratch_, pos_, 1);
      ++pos_;
      continue;
    }
    if (is_upper(c)) {
      append_lower_and_advance(tag_name_);
      continue;
    }
    if ((is_ws(c) || c == '/' || c == '>') && appropriate_end_tag()) {
      ++pos_;
      temp_carry_.clear();
      if (c == '>') {
        state_ = S::kData;
        emit_current_tag();
      } else {
        state_ = c == '/' ? S::kSelfClosingStartTag : S::kBeforeAttributeName;
      }
      return;
    }
    // Anything else: emit "</" and the temporary buffer, reconsume in the text state.
    if (c == kEof && need_more()) return;
    emit_end_tag_text();
    state_ = text_state;
    return;
  }
}

// "</" and the temporary buffer, as characters.
void Tokenizer::emit_end_tag_text() {
  if (temp_carry_.empty()) {
    emit_input(temp_start_ - 2, pos_ - temp_start_ + 2);
    return;
  }
  emit_bytes(temp_carry_);  // streaming: what came in earlier chunks
  temp_carry_.clear();
  if (pos_ != temp_start_) emit_input(temp_start_, pos_ - temp_start_);
}

// 13.2.5.9 RCDATA less-than sign state
void Tokenizer::rcdata_less_than_sign_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '/') {
    temp_start_ = ++pos_;
    state_ = S::kRcdataEndTagOpen;
  } else {
    emit_delayed(pos_ - 1, "<");
    state_ = S::kRcdata;
  }
}

// 13.2.5.10 RCDATA end tag open state
void Tokenizer::rcdata_end_tag_open_state() {
  text_end_tag_open(S::kRcdataEndTagName, S::kRcdata);
}

// 13.2.5.11 RCDATA end tag name state
void Tokenizer::rcdata_end_tag_name_state() { text_end_tag_name(S::kRcdata); }

// 13.2.5.12 RAWTEXT less-than sign state
void Tokenizer::rawtext_less_than_sign_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '/') {
    temp_start_ = ++pos_;
    state_ = S::kRawtextEndTagOpen;
  } else {
    emit_delayed(pos_ - 1, "<");
    state_ = S::kRawtext;
  }
}

// 13.2.5.13 RAWTEXT end tag open state
void Tokenizer::rawtext_end_tag_open_state() {
  text_end_tag_open(S::kRawtextEndTagName, S::kRawtext);
}

// 13.2.5.14 RAWTEXT end tag name state
void Tokenizer::rawtext_end_tag_name_state() { text_end_tag_name(S::kRawtext); }

// 13.2.5.15 Script data less-than sign state
void Tokenizer::script_data_less_than_sign_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '/') {
    temp_start_ = ++pos_;
    state_ = S::kScriptDataEndTagOpen;
  } else if (c == '!') {
    ++pos_;
    emit_delayed(pos_ - 2, "<!");
    state_ = S::kScriptDataEscapeStart;
  } else {
    emit_delayed(pos_ - 1, "<");
    state_ = S::kScriptData;
  }
}

// 13.2.5.16 Script data end tag open state
void Tokenizer::script_data_end_tag_open_state() {
  text_end_tag_open(S::kScriptDataEndTagName, S::kScriptData);
}

// 13.2.5.17 Script data end tag name state
void Tokenizer::script_data_end_tag_name_state() { text_end_tag_name(S::kScriptData); }

// 13.2.5.18 Script data escape start state
void Tokenizer::script_data_escape_start_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '-') {
    emit_input(pos_++, 1);
    state_ = S::kScriptDataEscapeStartDash;
  } else {
    state_ = S::kScriptData;
  }
}

// 13.2.5.19 Script data escape start dash state
void Tokenizer::script_data_escape_start_dash_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '-') {
    emit_input(pos_++, 1);
    state_ = S::kScriptDataEscapedDashDash;
  } else {
    state_ = S::kScriptData;
  }
}

// 13.2.5.20 Script data escaped state
void Tokenizer::script_data_escaped_state() {
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<'-', '<', '\r', '\0'>(p, in_ + size_);
    if (q != p) {
      emit_input(pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    switch (cur()) {
      case '-':
        emit_input(pos_++, 1);
        state_ = S::kScriptDataEscapedDash;
        return;
      case '<':
        ++pos_;
        state_ = S::kScriptDataEscapedLessThanSign;
        return;
      case '\0':
        error(E::kUnexpectedNullCharacter);
        emit_replacement_character();
        ++pos_;
        break;
      case kEof:
        if (need_more()) return;
        error(E::kEofInScriptHtmlCommentLikeText);
        emit_eof();
        return;
      default:  // '\r'
        emit_current_and_advance();
        break;
    }
  }
}

// 13.2.5.21 Script data escaped dash state
void Tokenizer::script_data_escaped_dash_state() {
  int c = cur();
  if (c == '-') {
    emit_input(pos_++, 1);
    state_ = S::kScriptDataEscapedDashDash;
  } else if (c == '<') {
    ++pos_;
    state_ = S::kScriptDataEscapedLessThanSign;
  } else if (c == '\0') {
    error(E::kUnexpectedNullCharacter);
    ++pos_;
    state_ = S::kScriptDataEscaped;
    emit_replacement_character();
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInScriptHtmlCommentLikeText);
    emit_eof();
  } else {
    state_ = S::kScriptDataEscaped;
    emit_current_and_advance();
  }
}

// 13.2.5.22 Script data escaped dash dash state
void Tokenizer::script_data_escaped_dash_dash_state() {
  for (;;) {
    int c = cur();
    if (c == '-') {
      emit_input(pos_++, 1);
      continue;
    }
    if (c == '<') {
      ++pos_;
      state_ = S::kScriptDataEscapedLessThanSign;
    } else if (c == '>') {
      emit_input(pos_++, 1);
      state_ = S::kScriptData;
    } else if (c == '\0') {
      error(E::kUnexpectedNullCharacter);
      ++pos_;
      state_ = S::kScriptDataEscaped;
      emit_replacement_character();
    } else if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInScriptHtmlCommentLikeText);
      emit_eof();
    } else {
      state_ = S::kScriptDataEscaped;
      emit_current_and_advance();
    }
    return;
  }
}

// 13.2.5.23 Script data escaped less-than sign state
void Tokenizer::script_data_escaped_less_than_sign_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '/') {
    temp_start_ = ++pos_;
    state_ = S::kScriptDataEscapedEndTagOpen;
  } else if (is_alpha(c)) {
    temp_start_ = pos_;
    emit_delayed(pos_ - 1, "<");
    state_ = S::kScriptDataDoubleEscapeStart;
  } else {
    emit_delayed(pos_ - 1, "<");
    state_ = S::kScriptDataEscaped;
  }
}

// 13.2.5.24 Script data escaped end tag open state
void Tokenizer::script_data_escaped_end_tag_open_state() {
  text_end_tag_open(S::kScriptDataEscapedEndTagName, S::kScriptDataEscaped);
}

// 13.2.5.25 Script data escaped end tag name state
void Tokenizer::script_data_escaped_end_tag_name_state() {
  text_end_tag_name(S::kScriptDataEscaped);
}

// Is the temporary buffer (the letters in [temp_start_, pos_)) "script", in any case?
bool Tokenizer::temp_buffer_is_script() const {
  if (pos_ - temp_start_ != 6) return false;
  for (size_t i = 0; i < 6; ++i)
    if ((in_[temp_start_ + i] | 0x20) != "script"[i]) return false;
  return true;
}

// 13.2.5.26 Script data double escape start state
void Tokenizer::script_data_double_escape_start_state() {
  for (;;) {
    int c = cur();
    if (is_alpha(c)) {
      emit_input(pos_++, 1);
      continue;
    }
    if (c == kEof && need_more()) return;
    if (is_ws(c) || c == '/' || c == '>') {
      state_ = temp_buffer_is_script() ? S::kScriptDataDoubleEscaped : S::kScriptDataEscaped;
      emit_current_and_advance();
    } else {
      state_ = S::kScriptDataEscaped;
    }
    return;
  }
}

// 13.2.5.27 Script data double escaped state
void Tokenizer::script_data_double_escaped_state() {
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<'-', '<', '\r', '\0'>(p, in_ + size_);
    if (q != p) {
      emit_input(pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    switch (cur()) {
      case '-':
        emit_input(pos_++, 1);
        state_ = S::kScriptDataDoubleEscapedDash;
        return;
      case '<':
        emit_input(pos_++, 1);
        state_ = S::kScriptDataDoubleEscapedLessThanSign;
        return;
      case '\0':
        error(E::kUnexpectedNullCharacter);
        emit_replacement_character();
        ++pos_;
        break;
      case kEof:
        if (need_more()) return;
        error(E::kEofInScriptHtmlCommentLikeText);
        emit_eof();
        return;
      default:  // '\r'
        emit_current_and_advance();
        break;
    }
  }
}

// 13.2.5.28 Script data double escaped dash state
void Tokenizer::script_data_double_escaped_dash_state() {
  int c = cur();
  if (c == '-') {
    emit_input(pos_++, 1);
    state_ = S::kScriptDataDoubleEscapedDashDash;
  } else if (c == '<') {
    emit_input(pos_++, 1);
    state_ = S::kScriptDataDoubleEscapedLessThanSign;
  } else if (c == '\0') {
    error(E::kUnexpectedNullCharacter);
    ++pos_;
    state_ = S::kScriptDataDoubleEscaped;
    emit_replacement_character();
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInScriptHtmlCommentLikeText);
    emit_eof();
  } else {
    state_ = S::kScriptDataDoubleEscaped;
    emit_current_and_advance();
  }
}

// 13.2.5.29 Script data double escaped dash dash state
void Tokenizer::script_data_double_escaped_dash_dash_state() {
  for (;;) {
    int c = cur();
    if (c == '-') {
      emit_input(pos_++, 1);
      continue;
    }
    if (c == '<') {
      emit_input(pos_++, 1);
      state_ = S::kScriptDataDoubleEscapedLessThanSign;
    } else if (c == '>') {
      emit_input(pos_++, 1);
      state_ = S::kScriptData;
    } else if (c == '\0') {
      error(E::kUnexpectedNullCharacter);
      ++pos_;
      state_ = S::kScriptDataDoubleEscaped;
      emit_replacement_character();
    } else if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInScriptHtmlCommentLikeText);
      emit_eof();
    } else {
      state_ = S::kScriptDataDoubleEscaped;
      emit_current_and_advance();
    }
    return;
  }
}

// 13.2.5.30 Script data double escaped less-than sign state
void Tokenizer::script_data_double_escaped_less_than_sign_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '/') {
    emit_input(pos_++, 1);
    temp_start_ = pos_;
    state_ = S::kScriptDataDoubleEscapeEnd;
  } else {
    state_ = S::kScriptDataDoubleEscaped;
  }
}

// 13.2.5.31 Script data double escape end state
void Tokenizer::script_data_double_escape_end_state() {
  for (;;) {
    int c = cur();
    if (is_alpha(c)) {
      emit_input(pos_++, 1);
      continue;
    }
    if (c == kEof && need_more()) return;
    if (is_ws(c) || c == '/' || c == '>') {
      state_ = temp_buffer_is_script() ? S::kScriptDataEscaped : S::kScriptDataDoubleEscaped;
      emit_current_and_advance();
    } else {
      state_ = S::kScriptDataDoubleEscaped;
    }
    return;
  }
}

// 13.2.5.32 Before attribute name state
void Tokenizer::before_attribute_name_state() {
  int c;
  while (is_ws(c = cur())) ++pos_;
  if (c == kEof && need_more()) return;
  if (c == '/' || c == '>' || c == kEof) {
    state_ = S::kAfterAttributeName;
  } else if (c == '=') {
    error(E::kUnexpectedEqualsSignBeforeAttributeName);
    start_attribute();
    append_input(attrs_.back().name, scratch_, pos_++, 1);
    state_ = S::kAttributeName;
  } else {
    start_attribute();
    state_ = S::kAttributeName;
    attribute_name_state();  // chained: see kChainedStates
  }
}

// 13.2.5.33 Attribute name state
void Tokenizer::attribute_name_state() {
  Span& name = attrs_.back().name;
  const size_t n = plain_run(kAttributeNamePlain, in_, pos_, size_);
  const size_t end = pos_ + n;
  if (end < size_ && in_[end] == '=' && run_extends(name)) {
    extend(name, n);
    pos_ = end + 1;
    state_ = S::kBeforeAttributeValue;
    finish_attribute_name();
    before_attribute_value_state();  // chained
    return;
  }
  attribute_name_loop();
}

void Tokenizer::attribute_name_loop() {
  Span& name = attrs_.back().name;
  for (;;) {
    size_t n = plain_run(kAttributeNamePlain, in_, pos_, size_);
    if (n != 0) {
      append_input(name, scratch_, pos_, n);
      pos_ += n;
    }
    int c = cur();
    if (is_ws(c) || c == '/' || c == '>' || c == kEof) {
      if (c == kEof && need_more()) return;
      finish_attribute_name();
      state_ = S::kAfterAttributeName;
      return;
    }
    if (c == '=') {
      finish_attribute_name();
      ++pos_;
      state_ = S::kBeforeAttributeValue;
      return;
    }
    if (is_upper(c)) {
      append_lower_and_advance(name);
    } else if (c == '\0') {
      append_current_and_advance(name);
    } else {  // '"', '\'', '<'
      error(E::kUnexpectedCharacterInAttributeName);
      append_input(name, scratch_, pos_++, 1);
    }
  }
}

// 13.2.5.34 After attribute name state
void Tokenizer::after_attribute_name_state() {
  int c;
  while (is_ws(c = cur())) ++pos_;
  if (c == '/') {
    ++pos_;
    state_ = S::kSelfClosingStartTag;
  } else if (c == '=') {
    ++pos_;
    state_ = S::kBeforeAttributeValue;
  } else if (c == '>') {
    ++pos_;
    state_ = S::kData;
    emit_current_tag();
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInTag);
    emit_eof();
  } else {
    start_attribute();
    state_ = S::kAttributeName;
  }
}

// 13.2.5.35 Before attribute value state
void Tokenizer::before_attribute_value_state() {
  int c;
  while (is_ws(c = cur())) ++pos_;
  if (c == kEof && need_more()) return;
  if (c == '"') {
    ++pos_;
    state_ = S::kAttributeValueDoubleQuoted;
    attribute_value_double_quoted_state();  // chained
  } else if (c == '\'') {
    ++pos_;
    state_ = S::kAttributeValueSingleQuoted;
    attribute_value_single_quoted_state();  // chained
  } else if (c == '>') {
    error(E::kMissingAttributeValue);
    ++pos_;
    state_ = S::kData;
    emit_current_tag();
  } else {
    state_ = S::kAttributeValueUnquoted;
  }
}

void Tokenizer::attribute_value_quoted(char quote, State self) {
  Span& value = attrs_.back().value;
  const char* p = in_ + pos_;
  const char* q = quote == '"' ? find_any_of<'"', '&', '\r', '\0'>(p, in_ + size_)
                               : find_any_of<'\'', '&', '\r', '\0'>(p, in_ + size_);
  if (q != in_ + size_ && *q == quote && run_extends(value)) {
    extend(value, static_cast<size_t>(q - p));
    pos_ = static_cast<size_t>(q - in_) + 1;
    state_ = S::kAfterAttributeValueQuoted;
    return;
  }
  attribute_value_loop(quote, self);
}

void Tokenizer::attribute_value_loop(char quote, State self) {
  Span& value = attrs_.back().value;
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = quote == '"' ? find_any_of<'"', '&', '\r', '\0'>(p, in_ + size_)
                                 : find_any_of<'\'', '&', '\r', '\0'>(p, in_ + size_);
    if (q != p) {
      append_input(value, scratch_, pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    int c = cur();
    if (c == quote) {
      ++pos_;
      state_ = S::kAfterAttributeValueQuoted;
      return;
    }
    if (c == '&') {
      return_state_ = self;
      ref_start_ = pos_++;
      state_ = S::kCharacterReference;
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInTag);
      emit_eof();
      return;
    }
    append_current_and_advance(value);  // U+0000 or CR
  }
}

// 13.2.5.36 Attribute value (double-quoted) state
void Tokenizer::attribute_value_double_quoted_state() {
  attribute_value_quoted('"', S::kAttributeValueDoubleQuoted);
}

// 13.2.5.37 Attribute value (single-quoted) state
void Tokenizer::attribute_value_single_quoted_state() {
  attribute_value_quoted('\'', S::kAttributeValueSingleQuoted);
}

// 13.2.5.38 Attribute value (unquoted) state
void Tokenizer::attribute_value_unquoted_state() {
  Span& value = attrs_.back().value;
  for (;;) {
    size_t n = plain_run(kUnquotedValuePlain, in_, pos_, size_);
    if (n != 0) {
      append_input(value, scratch_, pos_, n);
      pos_ += n;
    }
    int c = cur();
    if (is_ws(c)) {
      ++pos_;
      state_ = S::kBeforeAttributeName;
      return;
    }
    if (c == '&') {
      return_state_ = S::kAttributeValueUnquoted;
      ref_start_ = pos_++;
      state_ = S::kCharacterReference;
      return;
    }
    if (c == '>') {
      ++pos_;
      state_ = S::kData;
      emit_current_tag();
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInTag);
      emit_eof();
      return;
    }
    if (c == '\0') {
      append_current_and_advance(value);
    } else {  // '"', '\'', '<', '=', '`'
      error(E::kUnexpectedCharacterInUnquotedAttributeValue);
      append_input(value, scratch_, pos_++, 1);
    }
  }
}

// 13.2.5.39 After attribute value (quoted) state
void Tokenizer::after_attribute_value_quoted_state() {
  int c = cur();
  if (is_ws(c)) {
    ++pos_;
    state_ = S::kBeforeAttributeName;
    before_attribute_name_state();  // chained
  } else if (c == '/') {
    ++pos_;
    state_ = S::kSelfClosingStartTag;
  } else if (c == '>') {
    ++pos_;
    state_ = S::kData;
    emit_current_tag();
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInTag);
    emit_eof();
  } else {
    error(E::kMissingWhitespaceBetweenAttributes);
    state_ = S::kBeforeAttributeName;
  }
}

// 13.2.5.40 Self-closing start tag state
void Tokenizer::self_closing_start_tag_state() {
  int c = cur();
  if (c == '>') {
    self_closing_ = true;
    ++pos_;
    state_ = S::kData;
    emit_current_tag();
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInTag);
    emit_eof();
  } else {
    error(E::kUnexpectedSolidusInTag);
    state_ = S::kBeforeAttributeName;
  }
}

// 13.2.5.41 Bogus comment state
void Tokenizer::bogus_comment_state() {
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<'>', '\r', '\0', '\0'>(p, in_ + size_);
    if (q != p) {
      append_input(comment_, scratch_, pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    int c = cur();
    if (c == '>') {
      ++pos_;
      state_ = S::kData;
      emit_comment();
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      emit_comment();
      emit_eof();
      return;
    }
    append_current_and_advance(comment_);  // U+0000 or CR
  }
}

// 13.2.5.42 Markup declaration open state
void Tokenizer::markup_declaration_open_state() {
  if (!final_ && (rest_is_prefix_of("--", false) || rest_is_prefix_of("DOCTYPE", true) ||
                  rest_is_prefix_of("[CDATA[", false)) &&
      need_more())
    return;
  if (size_ - pos_ >= 2 && in_[pos_] == '-' && in_[pos_ + 1] == '-') {
    pos_ += 2;
    start_comment();
    state_ = S::kCommentStart;
  } else if (starts_with_ascii_ci("DOCTYPE")) {
    pos_ += 7;
    state_ = S::kDoctype;
  } else if (size_ - pos_ >= 7 && std::memcmp(in_ + pos_, "[CDATA[", 7) == 0) {
    pos_ += 7;
    if (sink_->cdata_allowed()) {
      state_ = S::kCdataSection;
    } else {
      error(E::kCdataInHtmlContent);
      start_comment();
      append_input(comment_, scratch_, pos_ - 7, 7);  // "[CDATA["
      state_ = S::kBogusComment;
    }
  } else {
    error(E::kIncorrectlyOpenedComment);
    start_comment();
    state_ = S::kBogusComment;
  }
}

// 13.2.5.43 Comment start state
void Tokenizer::comment_start_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '-') {
    ++pos_;
    state_ = S::kCommentStartDash;
  } else if (c == '>') {
    error(E::kAbruptClosingOfEmptyComment);
    ++pos_;
    state_ = S::kData;
    emit_comment();
  } else {
    state_ = S::kComment;
  }
}

// 13.2.5.44 Comment start dash state
void Tokenizer::comment_start_dash_state() {
  int c = cur();
  if (c == '-') {
    ++pos_;
    state_ = S::kCommentEnd;
  } else if (c == '>') {
    error(E::kAbruptClosingOfEmptyComment);
    ++pos_;
    state_ = S::kData;
    emit_comment();
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInComment);
    emit_comment();
    emit_eof();
  } else {
    append_delayed(comment_, pos_ - 1, "-");
    state_ = S::kComment;
  }
}

// 13.2.5.45 Comment state
void Tokenizer::comment_state() {
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<'<', '-', '\r', '\0'>(p, in_ + size_);
    if (q != p) {
      append_input(comment_, scratch_, pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    int c = cur();
    if (c == '<') {
      append_input(comment_, scratch_, pos_++, 1);
      state_ = S::kCommentLessThanSign;
      return;
    }
    if (c == '-') {
      ++pos_;
      state_ = S::kCommentEndDash;
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInComment);
      emit_comment();
      emit_eof();
      return;
    }
    append_current_and_advance(comment_);  // U+0000 or CR
  }
}

// 13.2.5.46 Comment less-than sign state
void Tokenizer::comment_less_than_sign_state() {
  for (;;) {
    int c = cur();
    if (c == kEof && need_more()) return;
    if (c == '!') {
      append_input(comment_, scratch_, pos_++, 1);
      state_ = S::kCommentLessThanSignBang;
    } else if (c == '<') {
      append_input(comment_, scratch_, pos_++, 1);
      continue;
    } else {
      state_ = S::kComment;
    }
    return;
  }
}

// 13.2.5.47 Comment less-than sign bang state
void Tokenizer::comment_less_than_sign_bang_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '-') {
    ++pos_;
    state_ = S::kCommentLessThanSignBangDash;
  } else {
    state_ = S::kComment;
  }
}

// 13.2.5.48 Comment less-than sign bang dash state
void Tokenizer::comment_less_than_sign_bang_dash_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == '-') {
    ++pos_;
    state_ = S::kCommentLessThanSignBangDashDash;
  } else {
    state_ = S::kCommentEndDash;
  }
}

// 13.2.5.49 Comment less-than sign bang dash dash state
void Tokenizer::comment_less_than_sign_bang_dash_dash_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c != '>' && c != kEof) error(E::kNestedComment);
  state_ = S::kCommentEnd;
}

// 13.2.5.50 Comment end dash state
void Tokenizer::comment_end_dash_state() {
  int c = cur();
  if (c == '-') {
    ++pos_;
    state_ = S::kCommentEnd;
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInComment);
    emit_comment();
    emit_eof();
  } else {
    append_delayed(comment_, pos_ - 1, "-");
    state_ = S::kComment;
  }
}

// 13.2.5.51 Comment end state
void Tokenizer::comment_end_state() {
  // On entry the two characters before pos_ are the "--" not yet appended.
  for (;;) {
    int c = cur();
    if (c == '>') {
      ++pos_;
      state_ = S::kData;
      emit_comment();
    } else if (c == '!') {
      ++pos_;
      state_ = S::kCommentEndBang;
    } else if (c == '-') {
      append_delayed(comment_, pos_ - 2, "-");
      ++pos_;
      continue;
    } else if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInComment);
      emit_comment();
      emit_eof();
    } else {
      append_delayed(comment_, pos_ - 2, "--");
      state_ = S::kComment;
    }
    return;
  }
}

// 13.2.5.52 Comment end bang state
void Tokenizer::comment_end_bang_state() {
  int c = cur();
  if (c == '-') {
    append_delayed(comment_, pos_ - 3, "--!");
    ++pos_;
    state_ = S::kCommentEndDash;
  } else if (c == '>') {
    error(E::kIncorrectlyClosedComment);
    ++pos_;
    state_ = S::kData;
    emit_comment();
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInComment);
    emit_comment();
    emit_eof();
  } else {
    append_delayed(comment_, pos_ - 3, "--!");
    state_ = S::kComment;
  }
}

// 13.2.5.53 DOCTYPE state
void Tokenizer::doctype_state() {
  int c = cur();
  if (is_ws(c)) {
    ++pos_;
    state_ = S::kBeforeDoctypeName;
  } else if (c == '>') {
    state_ = S::kBeforeDoctypeName;
  } else if (c == kEof) {
    if (need_more()) return;
    error(E::kEofInDoctype);
    start_doctype();
    force_quirks_ = true;
    emit_doctype();
    emit_eof();
  } else {
    error(E::kMissingWhitespaceBeforeDoctypeName);
    state_ = S::kBeforeDoctypeName;
  }
}

void Tokenizer::eof_in_doctype() {
  error(E::kEofInDoctype);
  force_quirks_ = true;
  emit_doctype();
  emit_eof();
}

// 13.2.5.54 Before DOCTYPE name state
void Tokenizer::before_doctype_name_state() {
  int c;
  while (is_ws(c = cur())) ++pos_;
  if (c == '>') {
    error(E::kMissingDoctypeName);
    start_doctype();
    force_quirks_ = true;
    ++pos_;
    state_ = S::kData;
    emit_doctype();
    return;
  }
  start_doctype();
  if (c == kEof) {
    if (need_more()) return;
    eof_in_doctype();
    return;
  }
  has_doctype_name_ = true;
  if (is_upper(c))
    append_lower_and_advance(doctype_name_);
  else
    append_current_and_advance(doctype_name_);  // U+0000 becomes U+FFFD
  state_ = S::kDoctypeName;
}

// 13.2.5.55 DOCTYPE name state
void Tokenizer::doctype_name_state() {
  for (;;) {
    size_t n = plain_run(kDoctypeNamePlain, in_, pos_, size_);
    if (n != 0) {
      append_input(doctype_name_, scratch_, pos_, n);
      pos_ += n;
    }
    int c = cur();
    if (is_ws(c)) {
      ++pos_;
      state_ = S::kAfterDoctypeName;
      return;
    }
    if (c == '>') {
      ++pos_;
      state_ = S::kData;
      emit_doctype();
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      eof_in_doctype();
      return;
    }
    if (is_upper(c))
      append_lower_and_advance(doctype_name_);
    else
      append_current_and_advance(doctype_name_);  // U+0000
  }
}

// 13.2.5.56 After DOCTYPE name state
void Tokenizer::after_doctype_name_state() {
  int c;
  while (is_ws(c = cur())) ++pos_;
  if (c == '>') {
    ++pos_;
    state_ = S::kData;
    emit_doctype();
  } else if (c == kEof) {
    if (need_more()) return;
    eof_in_doctype();
  } else if (!final_ &&
             (rest_is_prefix_of("PUBLIC", true) || rest_is_prefix_of("SYSTEM", true)) &&
             need_more()) {
    return;
  } else if (starts_with_ascii_ci("PUBLIC")) {
    pos_ += 6;
    state_ = S::kAfterDoctypePublicKeyword;
  } else if (starts_with_ascii_ci("SYSTEM")) {
    pos_ += 6;
    state_ = S::kAfterDoctypeSystemKeyword;
  } else {
    error(E::kInvalidCharacterSequenceAfterDoctypeName);
    force_quirks_ = true;
    state_ = S::kBogusDoctype;
  }
}

// The shared body of the "after DOCTYPE public/system keyword" and "before DOCTYPE public/system
// identifier" states (13.2.5.57, 58, 63, 64): `keyword` is true in the "after keyword" states.
void Tokenizer::doctype_identifier_start(bool system, bool keyword) {
  int c = cur();
  if (keyword && is_ws(c)) {
    ++pos_;
    state_ = system ? S::kBeforeDoctypeSystemIdentifier : S::kBeforeDoctypePublicIdentifier;
    return;
  }
  while (is_ws(c)) c = (++pos_, cur());
  if (c == '"' || c == '\'') {
    if (keyword)
      error(system ? E::kMissingWhitespaceAfterDoctypeSystemKeyword
                   : E::kMissingWhitespaceAfterDoctypePublicKeyword);
    start_identifier(system);
    ++pos_;
    if (system)
      state_ = c == '"' ? S::kDoctypeSystemIdentifierDoubleQuoted
                        : S::kDoctypeSystemIdentifierSingleQuoted;
    else
      state_ = c == '"' ? S::kDoctypePublicIdentifierDoubleQuoted
                        : S::kDoctypePublicIdentifierSingleQuoted;
  } else if (c == '>') {
    error(system ? E::kMissingDoctypeSystemIdentifier : E::kMissingDoctypePublicIdentifier);
    force_quirks_ = true;
    ++pos_;
    state_ = S::kData;
    emit_doctype();
  } else if (c == kEof) {
    if (need_more()) return;
    eof_in_doctype();
  } else {
    error(system ? E::kMissingQuoteBeforeDoctypeSystemIdentifier
                 : E::kMissingQuoteBeforeDoctypePublicIdentifier);
    force_quirks_ = true;
    state_ = S::kBogusDoctype;
  }
}

void Tokenizer::start_identifier(bool system) {
  // Only one identifier is built at a time, after the name: the span opens at the buffer's end.
  if (system) {
    system_id_ = {};
    has_system_id_ = true;
  } else {
    public_id_ = {};
    has_public_id_ = true;
  }
}

// 13.2.5.57 After DOCTYPE public keyword state
void Tokenizer::after_doctype_public_keyword_state() { doctype_identifier_start(false, true); }

// 13.2.5.58 Before DOCTYPE public identifier state
void Tokenizer::before_doctype_public_identifier_state() {
  doctype_identifier_start(false, false);
}

void Tokenizer::doctype_identifier_quoted(char quote, bool system) {
  Span& id = system ? system_id_ : public_id_;
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = quote == '"' ? find_any_of<'"', '>', '\r', '\0'>(p, in_ + size_)
                                 : find_any_of<'\'', '>', '\r', '\0'>(p, in_ + size_);
    if (q != p) {
      append_input(id, scratch_, pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    int c = cur();
    if (c == quote) {
      ++pos_;
      state_ = system ? S::kAfterDoctypeSystemIdentifier : S::kAfterDoctypePublicIdentifier;
      return;
    }
    if (c == '>') {
      error(system ? E::kAbruptDoctypeSystemIdentifier : E::kAbruptDoctypePublicIdentifier);
      force_quirks_ = true;
      ++pos_;
      state_ = S::kData;
      emit_doctype();
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      eof_in_doctype();
      return;
    }
    append_current_and_advance(id);  // U+0000 or CR
  }
}

// 13.2.5.59 DOCTYPE public identifier (double-quoted) state
void Tokenizer::doctype_public_identifier_double_quoted_state() {
  doctype_identifier_quoted('"', false);
}

// 13.2.5.60 DOCTYPE public identifier (single-quoted) state
void Tokenizer::doctype_public_identifier_single_quoted_state() {
  doctype_identifier_quoted('\'', false);
}

// 13.2.5.61 After DOCTYPE public identifier state
void Tokenizer::after_doctype_public_identifier_state() {
  int c = cur();
  if (is_ws(c)) {
    ++pos_;
    state_ = S::kBetweenDoctypePublicAndSystemIdentifiers;
  } else if (c == '>') {
    ++pos_;
    state_ = S::kData;
    emit_doctype();
  } else if (c == '"' || c == '\'') {
    error(E::kMissingWhitespaceBetweenDoctypePublicAndSystemIdentifiers);
    start_identifier(true);
    ++pos_;
    state_ = c == '"' ? S::kDoctypeSystemIdentifierDoubleQuoted
                      : S::kDoctypeSystemIdentifierSingleQuoted;
  } else if (c == kEof) {
    if (need_more()) return;
    eof_in_doctype();
  } else {
    error(E::kMissingQuoteBeforeDoctypeSystemIdentifier);
    force_quirks_ = true;
    state_ = S::kBogusDoctype;
  }
}

// 13.2.5.62 Between DOCTYPE public and system identifiers state
void Tokenizer::between_doctype_public_and_system_identifiers_state() {
  int c;
  while (is_ws(c = cur())) ++pos_;
  if (c == '>') {
    ++pos_;
    state_ = S::kData;
    emit_doctype();
  } else if (c == '"' || c == '\'') {
    start_identifier(true);
    ++pos_;
    state_ = c == '"' ? S::kDoctypeSystemIdentifierDoubleQuoted
                      : S::kDoctypeSystemIdentifierSingleQuoted;
  } else if (c == kEof) {
    if (need_more()) return;
    eof_in_doctype();
  } else {
    error(E::kMissingQuoteBeforeDoctypeSystemIdentifier);
    force_quirks_ = true;
    state_ = S::kBogusDoctype;
  }
}

// 13.2.5.63 After DOCTYPE system keyword state
void Tokenizer::after_doctype_system_keyword_state() { doctype_identifier_start(true, true); }

// 13.2.5.64 Before DOCTYPE system identifier state
void Tokenizer::before_doctype_system_identifier_state() {
  doctype_identifier_start(true, false);
}

// 13.2.5.65 DOCTYPE system identifier (double-quoted) state
void Tokenizer::doctype_system_identifier_double_quoted_state() {
  doctype_identifier_quoted('"', true);
}

// 13.2.5.66 DOCTYPE system identifier (single-quoted) state
void Tokenizer::doctype_system_identifier_single_quoted_state() {
  doctype_identifier_quoted('\'', true);
}

// 13.2.5.67 After DOCTYPE system identifier state
void Tokenizer::after_doctype_system_identifier_state() {
  int c;
  while (is_ws(c = cur())) ++pos_;
  if (c == '>') {
    ++pos_;
    state_ = S::kData;
    emit_doctype();
  } else if (c == kEof) {
    if (need_more()) return;
    eof_in_doctype();
  } else {
    error(E::kUnexpectedCharacterAfterDoctypeSystemIdentifier);
    state_ = S::kBogusDoctype;  // force-quirks is not set here
  }
}

// 13.2.5.68 Bogus DOCTYPE state
void Tokenizer::bogus_doctype_state() {
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<'>', '\0', '\0', '\0'>(p, in_ + size_);
    pos_ = static_cast<size_t>(q - in_);
    int c = cur();
    if (c == '>') {
      ++pos_;
      state_ = S::kData;
      emit_doctype();
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      emit_doctype();
      emit_eof();
      return;
    }
    error(E::kUnexpectedNullCharacter);  // U+0000, ignored
    ++pos_;
  }
}

// 13.2.5.69 CDATA section state
void Tokenizer::cdata_section_state() {
  for (;;) {
    const char* p = in_ + pos_;
    const char* q = find_any_of<']', '\r', '\0', '\0'>(p, in_ + size_);
    if (q != p) {
      emit_input(pos_, static_cast<size_t>(q - p));
      pos_ = static_cast<size_t>(q - in_);
    }
    int c = cur();
    if (c == ']') {
      ++pos_;
      state_ = S::kCdataSectionBracket;
      return;
    }
    if (c == kEof) {
      if (need_more()) return;
      error(E::kEofInCdata);
      emit_eof();
      return;
    }
    if (c == '\0') {  // emitted as is: the tree builder deals with it
      emit_null_token();
      ++pos_;
    } else {
      emit_current_and_advance();  // CR
    }
  }
}

// 13.2.5.70 CDATA section bracket state
void Tokenizer::cdata_section_bracket_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (c == ']') {
    ++pos_;
    state_ = S::kCdataSectionEnd;
  } else {
    emit_delayed(pos_ - 1, "]");
    state_ = S::kCdataSection;
  }
}

// 13.2.5.71 CDATA section end state
void Tokenizer::cdata_section_end_state() {
  // On entry the two characters before pos_ are the "]]" not yet emitted.
  for (;;) {
    int c = cur();
    if (c == kEof && need_more()) return;
    if (c == ']') {
      emit_delayed(pos_ - 2, "]");
      ++pos_;
      continue;
    }
    if (c == '>') {
      ++pos_;
      state_ = S::kData;
    } else {
      emit_delayed(pos_ - 2, "]]");
      state_ = S::kCdataSection;
    }
    return;
  }
}

// 13.2.5.72 Character reference state
void Tokenizer::character_reference_state() {
  // ref_start_ is the '&'; the temporary buffer is the input from there to pos_.
  int c = cur();
  if (c == kEof && need_more()) return;
  if (is_alnum(c)) {
    state_ = S::kNamedCharacterReference;
  } else if (c == '#') {
    ++pos_;
    state_ = S::kNumericCharacterReference;
  } else {
    flush_consumed_input(ref_start_, 1);
    state_ = return_state_;
  }
}

// 13.2.5.73 Named character reference state
void Tokenizer::named_character_reference_state() {
  if (!final_ && size_ - pos_ <= kMaxNamedReferenceLength) {
    // The longest match (and, for attribute values, the character after it) is known once the
    // input has a character that cannot be part of a name (names are letters and digits, ';'
    // last), or kMaxNamedReferenceLength + 1 bytes.
    size_t p = pos_;
    while (p < size_ && is_alnum(static_cast<unsigned char>(in_[p]))) ++p;
    if (p == size_ && need_more()) return;
  }
  NamedReferenceMatch m = match_named_reference(std::string_view(in_ + pos_, size_ - pos_));
  if (m.length == 0) {
    flush_consumed_input(ref_start_, 1);  // '&'
    state_ = S::kAmbiguousAmpersand;
    return;
  }
  size_t end = pos_ + m.length;
  bool semicolon = in_[end - 1] == ';';
  if (!semicolon && is_attribute_return_state() && end < size_) {
    int next = static_cast<unsigned char>(in_[end]);
    if (next == '=' || is_alnum(next)) {
      // For historical reasons: "&amp=" and "&ampx" stay as they are in attribute values.
      flush_consumed_input(ref_start_, end - ref_start_);
      pos_ = end;
      state_ = return_state_;
      return;
    }
  }
  pos_ = end;
  if (!semicolon) error(E::kMissingSemicolonAfterCharacterReference);
  flush_consumed_bytes(m.replacement);
  state_ = return_state_;
}

// 13.2.5.74 Ambiguous ampersand state
void Tokenizer::ambiguous_ampersand_state() {
  size_t p = pos_;
  while (p < size_ && is_alnum(static_cast<unsigned char>(in_[p]))) ++p;
  if (p != pos_) {
    flush_consumed_input(pos_, p - pos_);
    pos_ = p;
  }
  if (cur() == kEof && need_more()) return;
  if (cur() == ';') error(E::kUnknownNamedCharacterReference);
  state_ = return_state_;
}

// 13.2.5.75 Numeric character reference state
void Tokenizer::numeric_character_reference_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  ref_code_ = 0;
  if (c == 'x' || c == 'X') {
    ++pos_;
    state_ = S::kHexadecimalCharacterReferenceStart;
  } else {
    state_ = S::kDecimalCharacterReferenceStart;
  }
}

// 13.2.5.76 Hexadecimal character reference start state
void Tokenizer::hexadecimal_character_reference_start_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (is_hex(c)) {
    state_ = S::kHexadecimalCharacterReference;
  } else {
    error(E::kAbsenceOfDigitsInNumericCharacterReference);
    flush_consumed_input(ref_start_, pos_ - ref_start_);  // "&#x"
    state_ = return_state_;
  }
}

// 13.2.5.77 Decimal character reference start state
void Tokenizer::decimal_character_reference_start_state() {
  int c = cur();
  if (c == kEof && need_more()) return;
  if (is_digit(c)) {
    state_ = S::kDecimalCharacterReference;
  } else {
    error(E::kAbsenceOfDigitsInNumericCharacterReference);
    flush_consumed_input(ref_start_, pos_ - ref_start_);  // "&#"
    state_ = return_state_;
  }
}

// Past U+10FFFF the exact value no longer matters; saturating keeps it from overflowing.
constexpr uint32_t kCodeSaturation = 0x110000;

// 13.2.5.78 Hexadecimal character reference state
void Tokenizer::hexadecimal_character_reference_state() {
  int c;
  while (is_hex(c = cur())) {
    ref_code_ = std::min<uint32_t>(ref_code_ * 16 + static_cast<uint32_t>(hex_value(c)),
                                   kCodeSaturation);
    ++pos_;
  }
  if (c == kEof && need_more()) return;
  if (c == ';')
    ++pos_;
  else
    error(E::kMissingSemicolonAfterCharacterReference);
  state_ = S::kNumericCharacterReferenceEnd;
}

// 13.2.5.79 Decimal character reference state
void Tokenizer::decimal_character_reference_state() {
  int c;
  while (is_digit(c = cur())) {
    ref_code_ = std::min<uint32_t>(ref_code_ * 10 + static_cast<uint32_t>(c - '0'),
                                   kCodeSaturation);
    ++pos_;
  }
  if (c == kEof && need_more()) return;
  if (c == ';')
    ++pos_;
  else
    error(E::kMissingSemicolonAfterCharacterReference);
  state_ = S::kNumericCharacterReferenceEnd;
}

// 13.2.5.80 Numeric character reference end state
void Tokenizer::numeric_character_reference_end_state() {
  uint32_t code = ref_code_;
  if (code == 0) {
    error(E::kNullCharacterReference);
  } else if (code > 0x10FFFF) {
    error(E::kCharacterReferenceOutsideUnicodeRange);
  } else if (code >= 0xD800 && code <= 0xDFFF) {
    error(E::kSurrogateCharacterReference);
  } else if (is_noncharacter(code)) {
    error(E::kNoncharacterCharacterReference);
  } else if (code == 0x0D || ((code <= 0x1F || (code >= 0x7F && code <= 0x9F)) &&
                              code != 0x09 && code != 0x0A && code != 0x0C && code != 0x20)) {
    error(E::kControlCharacterReference);
  }
  char utf8[4];
  size_t n = encode_utf8(numeric_reference_replacement(code), utf8);
  flush_consumed_bytes(std::string_view(utf8, n));
  state_ = return_state_;
}

// ----- 13.2.3.5 Preprocessing the input stream: its parse errors -----

void Tokenizer::report_input_stream_errors(std::string_view s, TokenSink& sink) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t n;
    if (b < 0x80) {
      cp = b;
      n = 1;
    } else if (b < 0xE0) {
      cp = b & 0x1F;
      n = 2;
    } else if (b < 0xF0) {
      cp = b & 0x0F;
      n = 3;
    } else {
      cp = b & 0x07;
      n = 4;
    }
    if (i + n > s.size()) break;  // not valid UTF-8; the decoder never produces this
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    bool control = (cp >= 0x01 && cp <= 0x1F && cp != 0x09 && cp != 0x0A && cp != 0x0C &&
                    cp != 0x0D) ||
                   (cp >= 0x7F && cp <= 0x9F);
    if (control)
      sink.parse_error(E::kControlCharacterInInputStream, i);
    else if (is_noncharacter(cp))
      sink.parse_error(E::kNoncharacterInInputStream, i);
    i += n;
  }
}

}  // namespace gazette::html5
