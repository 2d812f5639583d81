// The HTML Standard's tokenizer (13.2.5 "Tokenization"), over a whole UTF-8 document or over
// one that arrives in chunks (streaming, below).
//
// Input: valid UTF-8 (the decoder's invariant), NUL bytes allowed. The tokenizer works on bytes:
// every byte of a multi-byte sequence is >= 0x80 and no state treats such bytes specially, so
// copying them one by one copies the code point. "Preprocessing the input stream" (CR LF and lone
// CR become LF) happens on the fly; the input-stream parse errors of that section (controls,
// noncharacters) are not reported by the tokenizer — see report_input_stream_errors().
//
// Output: tokens to a TokenSink, in order. Every view in a Token is valid only during the call;
// it points into the input when the text needed no change, otherwise into a buffer the tokenizer
// reuses (no per-token heap allocation once the buffers have grown to the page's largest token).
// Parse error offsets are byte offsets in the whole input (across chunks when streaming).
//
// The tree builder drives the tokenizer as the Standard says: from inside its sink callbacks it
// calls set_state() (RCDATA after <title>, RAWTEXT after <style>, ...) and answers
// TokenSink::cdata_allowed() (true when the adjusted current node is not an HTML element).
//
// The state is an explicit enum with one member function per state (named after the Standard's
// state, with its section number), dispatched from run(). Each state function looks at the
// current character without consuming it first ("reconsume" is then just a state change), which
// is what makes streaming possible.
//
// Streaming (begin_stream() / feed() / finish()): the input may come in chunks split anywhere
// (inside a UTF-8 sequence, a tag, a reference, a CR LF); the tokens are exactly those of one
// run() over the concatenation (character runs included: a run is not cut at a chunk's end).
// It is a mode of the same state functions: `final_` says whether the end of the buffer is the
// end of the input. When it is not, every state that would act on "EOF" (or on "anything else"
// at the end) stops instead (need_more()) and runs again, in the same state at the same
// position, once more input is there. The look-aheads wait the same way: "--", "DOCTYPE",
// "[CDATA[" (markup declaration open), "PUBLIC"/"SYSTEM" (after DOCTYPE name), named references
// (up to 32 bytes, plus the one after for attribute values); a CR at the end of a chunk is held
// back until the next chunk tells whether LF follows. When a chunk is done, stash() copies the
// open strings that are still views into the input (Span) into their buffers and keeps only the
// few bytes the current state may still look back at (at most 3, or the '&' of a reference; the
// look-aheads above wait with at most 33 bytes; the "</name" of a possible end tag is copied to
// temp_carry_): the carry-over
// buffer, which the next chunk is appended to. Offsets are rebased; `base_` makes parse error
// offsets refer to the whole stream. One-shot parsing (reset() / run()) pays only for a few
// `final_` tests on its end-of-input paths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dom.h"

namespace gazette::html5 {

// Parse error codes of the Standard (13.2.2), in the Standard's spelling.
#define GAZETTE_HTML5_PARSE_ERRORS(X)                                          \
  X(kAbruptClosingOfEmptyComment, "abrupt-closing-of-empty-comment")           \
  X(kAbruptDoctypePublicIdentifier, "abrupt-doctype-public-identifier")        \
  X(kAbruptDoctypeSystemIdentifier, "abrupt-doctype-system-identifier")        \
  X(kAbsenceOfDigitsInNumericCharacterReference,                               \
    "absence-of-digits-in-numeric-character-reference")                        \
  X(kCdataInHtmlContent, "cdata-in-html-content")                              \
  X(kCharacterReferenceOutsideUnicodeRange, "character-reference-outside-unicode-range") \
  X(kControlCharacterInInputStream, "control-character-in-input-stream")       \
  X(kControlCharacterReference, "control-character-reference")                 \
  X(kDuplicateAttribute, "duplicate-attribute")                                \
  X(kEndTagWithAttributes, "end-tag-with-attributes")                          \
  X(kEndTagWithTrailingSolidus, "end-tag-with-trailing-solidus")               \
  X(kEofBeforeTagName, "eof-before-tag-name")                                  \
  X(kEofInCdata, "eof-in-cdata")                                               \
  X(kEofInComment, "eof-in-comment")                                           \
  X(kEofInDoctype, "eof-in-doctype")                                           \
  X(kEofInScriptHtmlCommentLikeText, "eof-in-script-html-comment-like-text")   \
  X(kEofInTag, "eof-in-tag")                                                   \
  X(kIncorrectlyClosedComment, "incorrectly-closed-comment")                   \
  X(kIncorrectlyOpenedComment, "incorrectly-opened-comment")                   \
  X(kInvalidCharacterSequenceAfterDoctypeName, "invalid-character-sequence-after-doctype-name") \
  X(kInvalidFirstCharacterOfTagName, "invalid-first-character-of-tag-name")    \
  X(kMissingAttributeValue, "missing-attribute-value")                         \
  X(kMissingDoctypeName, "missing-doctype-name")                               \
  X(kMissingDoctypePublicIdentifier, "missing-doctype-public-identifier")      \
  X(kMissingDoctypeSystemIdentifier, "missing-doctype-system-identifier")      \
  X(kMissingEndTagName, "missing-end-tag-name")                                \
  X(kMissingQuoteBeforeDoctypePublicIdentifier,                                \
    "missing-quote-before-doctype-public-identifier")                          \
  X(kMissingQuoteBeforeDoctypeSystemIdentifier,                                \
    "missing-quote-before-doctype-system-identifier")                          \
  X(kMissingSemicolonAfterCharacterReference, "missing-semicolon-after-character-reference") \
  X(kMissingWhitespaceAfterDoctypePublicKeyword,                               \
    "missing-whitespace-after-doctype-public-keyword")                         \
  X(kMissingWhitespaceAfterDoctypeSystemKeyword,                               \
    "missing-whitespace-after-doctype-system-keyword")                         \
  X(kMissingWhitespaceBeforeDoctypeName, "missing-whitespace-before-doctype-name") \
  X(kMissingWhitespaceBetweenAttributes, "missing-whitespace-between-attributes") \
  X(kMissingWhitespaceBetweenDoctypePublicAndSystemIdentifiers,                \
    "missing-whitespace-between-doctype-public-and-system-identifiers")        \
  X(kNestedComment, "nested-comment")                                          \
  X(kNoncharacterCharacterReference, "noncharacter-character-reference")       \
  X(kNoncharacterInInputStream, "noncharacter-in-input-stream")                \
  X(kNullCharacterReference, "null-character-reference")                       \
  X(kSurrogateCharacterReference, "surrogate-character-reference")             \
  X(kSurrogateInInputStream, "surrogate-in-input-stream")                      \
  X(kUnexpectedCharacterAfterDoctypeSystemIdentifier,                          \
    "unexpected-character-after-doctype-system-identifier")                    \
  X(kUnexpectedCharacterInAttributeName, "unexpected-character-in-attribute-name") \
  X(kUnexpectedCharacterInUnquotedAttributeValue,                              \
    "unexpected-character-in-unquoted-attribute-value")                        \
  X(kUnexpectedEqualsSignBeforeAttributeName, "unexpected-equals-sign-before-attribute-name") \
  X(kUnexpectedNullCharacter, "unexpected-null-character")                     \
  X(kUnexpectedQuestionMarkInsteadOfTagName, "unexpected-question-mark-instead-of-tag-name") \
  X(kUnexpectedSolidusInTag, "unexpected-solidus-in-tag")                      \
  X(kUnknownNamedCharacterReference, "unknown-named-character-reference")

enum class ParseError : uint8_t {
#define GZ_ERR(id, name) id,
  GAZETTE_HTML5_PARSE_ERRORS(GZ_ERR)
#undef GZ_ERR
};

// "abrupt-closing-of-empty-comment", ...
std::string_view parse_error_name(ParseError e);

enum class TokenType : uint8_t {
  kDoctype,
  kStartTag,
  kEndTag,
  kComment,
  kCharacters,
  kEndOfFile,
};

// Tokenizer::next_token() resets every field by name: a new field must be reset there too.
struct Token {
  TokenType type = TokenType::kCharacters;

  // kStartTag, kEndTag: the tag name, ASCII-lowercased. kDoctype: the name (lowercased).
  std::string_view name;
  // kCharacters: a run of characters; kComment: the comment's data.
  // Character runs are maximal, except that in the data and CDATA section states every U+0000
  // is a token of its own ("\0", one byte), so that the tree builder can drop or replace it
  // without scanning runs. Adjacent character tokens are otherwise never emitted.
  std::string_view data;
  // kStartTag: attributes in source order, names lowercased, later duplicates dropped.
  // End tags never carry attributes here (they are a parse error, and tree construction
  // ignores them).
  std::span<const dom::Attribute> attributes;
  bool self_closing = false;  // kStartTag, kEndTag

  // kDoctype. A missing name or identifier differs from an empty one.
  std::string_view public_id;
  std::string_view system_id;
  bool has_name = false;
  bool has_public_id = false;
  bool has_system_id = false;
  bool force_quirks = false;
};

class TokenSink {
 public:
  virtual ~TokenSink() = default;
  // Receives every token; the last one is kEndOfFile. May call Tokenizer::set_state().
  virtual void token(const Token& token) = 0;
  // A parse error, at the byte `offset` of the input where the tokenizer noticed it (near, not
  // always at, the position html5lib-tests give). The default ignores it.
  virtual void parse_error(ParseError /*error*/, size_t /*offset*/) {}
  // Asked at "<![CDATA[": is there an adjusted current node that is not an element in the HTML
  // namespace? (Then the CDATA section is one, else it is a bogus comment.)
  virtual bool cdata_allowed() { return false; }
  // Where the tokenizer builds each token before it calls token() with it; asked once. A sink
  // that works on its own copy of the token (the tree builder) offers that copy, so that no
  // copy is made: reading a token back with wide loads right after its fields were written
  // one by one stalled on store forwarding, at every token (half of TreeBuilder::token's perf
  // samples). Null (the default): the tokenizer's own. The storage must outlive the tokenizer's
  // use of the sink, and the sink may change the token in token().
  virtual Token* token_storage() { return nullptr; }
};

class Tokenizer {
 public:
  enum class State : uint8_t {
    kData,
    kRcdata,
    kRawtext,
    kScriptData,
    kPlaintext,
    kTagOpen,
    kEndTagOpen,
    kTagName,
    kRcdataLessThanSign,
    kRcdataEndTagOpen,
    kRcdataEndTagName,
    kRawtextLessThanSign,
    kRawtextEndTagOpen,
    kRawtextEndTagName,
    kScriptDataLessThanSign,
    kScriptDataEndTagOpen,
    kScriptDataEndTagName,
    kScriptDataEscapeStart,
    kScriptDataEscapeStartDash,
    kScriptDataEscaped,
    kScriptDataEscapedDash,
    kScriptDataEscapedDashDash,
    kScriptDataEscapedLessThanSign,
    kScriptDataEscapedEndTagOpen,
    kScriptDataEscapedEndTagName,
    kScriptDataDoubleEscapeStart,
    kScriptDataDoubleEscaped,
    kScriptDataDoubleEscapedDash,
    kScriptDataDoubleEscapedDashDash,
    kScriptDataDoubleEscapedLessThanSign,
    kScriptDataDoubleEscapeEnd,
    kBeforeAttributeName,
    kAttributeName,
    kAfterAttributeName,
    kBeforeAttributeValue,
    kAttributeValueDoubleQuoted,
    kAttributeValueSingleQuoted,
    kAttributeValueUnquoted,
    kAfterAttributeValueQuoted,
    kSelfClosingStartTag,
    kBogusComment,
    kMarkupDeclarationOpen,
    kCommentStart,
    kCommentStartDash,
    kComment,
    kCommentLessThanSign,
    kCommentLessThanSignBang,
    kCommentLessThanSignBangDash,
    kCommentLessThanSignBangDashDash,
    kCommentEndDash,
    kCommentEnd,
    kCommentEndBang,
    kDoctype,
    kBeforeDoctypeName,
    kDoctypeName,
    kAfterDoctypeName,
    kAfterDoctypePublicKeyword,
    kBeforeDoctypePublicIdentifier,
    kDoctypePublicIdentifierDoubleQuoted,
    kDoctypePublicIdentifierSingleQuoted,
    kAfterDoctypePublicIdentifier,
    kBetweenDoctypePublicAndSystemIdentifiers,
    kAfterDoctypeSystemKeyword,
    kBeforeDoctypeSystemIdentifier,
    kDoctypeSystemIdentifierDoubleQuoted,
    kDoctypeSystemIdentifierSingleQuoted,
    kAfterDoctypeSystemIdentifier,
    kBogusDoctype,
    kCdataSection,
    kCdataSectionBracket,
    kCdataSectionEnd,
    kCharacterReference,
    kNamedCharacterReference,
    kAmbiguousAmpersand,
    kNumericCharacterReference,
    kHexadecimalCharacterReferenceStart,
    kDecimalCharacterReferenceStart,
    kHexadecimalCharacterReference,
    kDecimalCharacterReference,
    kNumericCharacterReferenceEnd,
  };

  explicit Tokenizer(TokenSink& sink) : sink_(&sink) {}
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Starts over on `input` (which must outlive run()) in the data state, with no last start tag.
  // Buffers are kept for reuse.
  void reset(std::string_view input);

  // Switches state; meant for the tree builder (from a sink callback, after a start tag) and for
  // tests. Only the states a tree builder or a test sets make sense here: kData, kRcdata,
  // kRawtext, kScriptData, kPlaintext, kCdataSection.
  void set_state(State state) { state_ = state; }
  // Ends run() after the current token, without an end-of-file token (a parse limit was hit).
  void stop() { done_ = true; }
  State state() const { return state_; }

  // "The tag name of the last start tag to have been emitted from this tokenizer" (for the
  // appropriate end tag check). Set automatically by each start tag; tests and fragment parsing
  // set it by hand. Empty: none.
  void set_last_start_tag(std::string_view lowercase_name) {
    last_start_tag_.assign(lowercase_name);
  }

  // Tokenizes the whole input; the last token emitted is kEndOfFile.
  void run();

  // Streaming: starts over with no input (like reset()), then feed() the input in pieces of any
  // size (copied: they need not outlive the call) and finish(), which emits the end of the
  // input and kEndOfFile. The tokens are those of reset(whole input) + run(). feed() after
  // finish() is ignored.
  void begin_stream();
  void feed(std::string_view chunk);
  void finish();

  // Reports the parse errors of "preprocessing the input stream" (13.2.3.5) in `utf8`:
  // control-character-in-input-stream and noncharacter-in-input-stream, with byte offsets. (The
  // tokenizer itself does not, so as not to slow down its fast paths; valid UTF-8 has no
  // surrogates.) CR LF counts as one line break, as in the Standard.
  static void report_input_stream_errors(std::string_view utf8, TokenSink& sink);

 private:
  // A string being built: a view of the input while the characters appended are the input's own,
  // contiguous; copied to a buffer (and appended there) as soon as they are not.
  struct Span {
    size_t off = 0;
    size_t len = 0;
    bool buffered = false;
  };
  struct AttributeRecord {
    Span name;
    Span value;
    size_t pos = 0;  // stream offset of the name, for the duplicate-attribute error
  };

  // ----- states (13.2.5.x) -----
  void data_state();
  void rcdata_state();
  void rawtext_state();
  void script_data_state();
  void plaintext_state();
  void tag_open_state();
  void end_tag_open_state();
  void tag_name_state();
  void rcdata_less_than_sign_state();
  void rcdata_end_tag_open_state();
  void rcdata_end_tag_name_state();
  void rawtext_less_than_sign_state();
  void rawtext_end_tag_open_state();
  void rawtext_end_tag_name_state();
  void script_data_less_than_sign_state();
  void script_data_end_tag_open_state();
  void script_data_end_tag_name_state();
  void script_data_escape_start_state();
  void script_data_escape_start_dash_state();
  void script_data_escaped_state();
  void script_data_escaped_dash_state();
  void script_data_escaped_dash_dash_state();
  void script_data_escaped_less_than_sign_state();
  void script_data_escaped_end_tag_open_state();
  void script_data_escaped_end_tag_name_state();
  void script_data_double_escape_start_state();
  void script_data_double_escaped_state();
  void script_data_double_escaped_dash_state();
  void script_data_double_escaped_dash_dash_state();
  void script_data_double_escaped_less_than_sign_state();
  void script_data_double_escape_end_state();
  void before_attribute_name_state();
  void attribute_name_state();
  void after_attribute_name_state();
  void before_attribute_value_state();
  void attribute_value_double_quoted_state();
  void attribute_value_single_quoted_state();
  void attribute_value_unquoted_state();
  void after_attribute_value_quoted_state();
  void self_closing_start_tag_state();
  void bogus_comment_state();
  void markup_declaration_open_state();
  void comment_start_state();
  void comment_start_dash_state();
  void comment_state();
  void comment_less_than_sign_state();
  void comment_less_than_sign_bang_state();
  void comment_less_than_sign_bang_dash_state();
  void comment_less_than_sign_bang_dash_dash_state();
  void comment_end_dash_state();
  void comment_end_state();
  void comment_end_bang_state();
  void doctype_state();
  void before_doctype_name_state();
  void doctype_name_state();
  void after_doctype_name_state();
  void after_doctype_public_keyword_state();
  void before_doctype_public_identifier_state();
  void doctype_public_identifier_double_quoted_state();
  void doctype_public_identifier_single_quoted_state();
  void after_doctype_public_identifier_state();
  void between_doctype_public_and_system_identifiers_state();
  void after_doctype_system_keyword_state();
  void before_doctype_system_identifier_state();
  void doctype_system_identifier_double_quoted_state();
  void doctype_system_identifier_single_quoted_state();
  void after_doctype_system_identifier_state();
  void bogus_doctype_state();
  void cdata_section_state();
  void cdata_section_bracket_state();
  void cdata_section_end_state();
  void character_reference_state();
  void named_character_reference_state();
  void ambiguous_ampersand_state();
  void numeric_character_reference_state();
  void hexadecimal_character_reference_start_state();
  void decimal_character_reference_start_state();
  void hexadecimal_character_reference_state();
  void decimal_character_reference_state();
  void numeric_character_reference_end_state();

  // Shared bodies of the RCDATA / RAWTEXT / script data text and end-tag states.
  template <char A, char B, char C, char D>
  void text_state(State less_than_state);
  void text_end_tag_open(State name_state, State text_state);
  void text_end_tag_name(State text_state);
  void emit_end_tag_text();
  bool temp_buffer_is_script() const;
  void attribute_value_quoted(char quote, State self);
  void doctype_identifier_start(bool system, bool keyword);
  void doctype_identifier_quoted(char quote, bool system);
  void start_identifier(bool system);
  void eof_in_doctype();

  // ----- streaming -----
  // At the end of the available input: true (and run() stops) when more input may follow.
  bool need_more() {
    if (final_) return false;
    done_ = true;
    suspended_ = true;
    return true;
  }
  // Is the rest of the available input a proper prefix of `upper` (ASCII case-insensitively
  // when `ci`)? Then a look-ahead for `upper` must wait for more input.
  bool rest_is_prefix_of(std::string_view upper, bool ci) const;
  void resume(bool last);
  void stash();  // after a chunk: copy the open views, keep the carry-over, rebase offsets
  void externalize(Span& s, std::string& buf);
  bool tag_is_open() const;
  bool comment_is_open() const;
  bool doctype_is_open() const;

  // ----- input -----
  static constexpr int kEof = -1;
  int cur() const { return pos_ < size_ ? static_cast<unsigned char>(in_[pos_]) : kEof; }
  // Bytes the current character occupies once CR LF is folded (2 for "\r\n", else 1).
  size_t cr_len() const {
    return (pos_ + 1 < size_ && in_[pos_] == '\r' && in_[pos_ + 1] == '\n') ? 2 : 1;
  }
  bool starts_with_ascii_ci(std::string_view upper_or_symbols) const;

  // ----- output -----
  void error(ParseError e) { sink_->parse_error(e, base_ + pos_); }
  void error_at(ParseError e, size_t stream_pos) { sink_->parse_error(e, stream_pos); }
  // Pending character run.
  void emit_input(size_t p, size_t n) { append_input(text_, text_buf_, p, n); }
  void emit_bytes(std::string_view s) { append_bytes(text_, text_buf_, s); }
  // Emits the current character (CR LF folded to LF) and consumes it.
  void emit_current_and_advance();
  void emit_replacement_character();
  void emit_null_token();  // U+0000 as a token of its own (data and CDATA section states)
  void flush_characters();
  void emit_eof();
  void emit_current_tag();
  void emit_comment();
  void emit_doctype();

  // The common cases, a span's first bytes and bytes right after it, only move the span's
  // end: kept inline, since every name, value and text run passes here (out of line, the
  // slow path's registers were saved and restored on every call, half of its cost).
  [[gnu::always_inline]] void append_input(Span& s, std::string& buf, size_t p, size_t n) {
    if (!s.buffered) {
      if (s.len == 0) {
        s.off = p;
        s.len = n;
        return;
      }
      if (s.off + s.len == p) {
        s.len += n;
        return;
      }
    }
    append_input_buffered(s, buf, p, n);
  }
  void append_input_buffered(Span& s, std::string& buf, size_t p, size_t n);
  bool run_extends(const Span& s) const;
  void extend(Span& s, size_t n);
  [[gnu::noinline]] void tag_name_loop();
  [[gnu::noinline]] void attribute_name_loop();
  [[gnu::noinline]] void attribute_value_loop(char quote, State self);
  void append_bytes(Span& s, std::string& buf, std::string_view bytes);
  std::string_view view(const Span& s, const std::string& buf) const {
    return s.buffered ? std::string_view(buf.data() + s.off, s.len)
                      : std::string_view(in_ + s.off, s.len);
  }
  // Appends the current character to `s` (CR LF folded to LF, NUL to U+FFFD with an error) and
  // consumes it.
  void append_current_and_advance(Span& s);
  // Appends the current ASCII-alpha character lowercased and consumes it.
  void append_lower_and_advance(Span& s);
  // Appends / emits `expected`, which the Standard appends late and which normally is the input
  // at `p` (kept as a view then).
  void append_delayed(Span& s, size_t p, std::string_view expected);
  void emit_delayed(size_t p, std::string_view expected);

  // Tags.
  void start_tag(bool end);
  void start_attribute();
  [[gnu::noinline]] void grow_attributes();  // start_attribute() when attrs_ is full
  // A tag's first attribute has nothing to be a duplicate of: the check's loop (and its
  // register saves) only from the second on.
  void finish_attribute_name() {
    if (attrs_.size() > 1) check_duplicate_attribute();
  }
  void check_duplicate_attribute();
  void drop_duplicates_by_sorting();
  bool appropriate_end_tag() const;
  bool is_attribute_return_state() const {
    return return_state_ == State::kAttributeValueDoubleQuoted ||
           return_state_ == State::kAttributeValueSingleQuoted ||
           return_state_ == State::kAttributeValueUnquoted;
  }
  // Character references: "flush code points consumed as a character reference".
  void flush_consumed_input(size_t p, size_t n);
  void flush_consumed_bytes(std::string_view bytes);

  // Comments and DOCTYPEs.
  void start_comment();
  void start_doctype();

  TokenSink* sink_;
  Token* token_storage_ = nullptr;  // sink_->token_storage(), or own_token_; set at first use
  Token own_token_;
  // The storage of the next token, reset.
  Token& next_token() {
    if (token_storage_ == nullptr) {
      token_storage_ = sink_->token_storage();
      if (token_storage_ == nullptr) token_storage_ = &own_token_;
    }
    // Field by field: `= Token{}` zeroed a temporary with rep stos and copied it over with
    // wide loads that waited for those stores.
    Token& t = *token_storage_;
    t.type = TokenType::kCharacters;
    t.name = {};
    t.data = {};
    t.attributes = {};
    t.self_closing = false;
    t.public_id = {};
    t.system_id = {};
    t.has_name = t.has_public_id = t.has_system_id = t.force_quirks = false;
    return t;
  }
  const char* in_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  State state_ = State::kData;
  State return_state_ = State::kData;
  bool done_ = false;  // kEndOfFile emitted, or (streaming) suspended
  // Streaming: whether the input ends at size_ (always, unless streaming), whether run() stopped
  // for more input, the stream offset of in_[0], and the buffer in_ points into (the carry-over
  // of the previous chunk followed by the new one).
  bool final_ = true;
  bool suspended_ = false;
  bool eof_emitted_ = false;
  size_t base_ = 0;
  std::string stream_buf_;

  // Pending characters.
  Span text_;
  std::string text_buf_;

  // The tag, comment or DOCTYPE being built: all its strings live in scratch_ when buffered.
  std::string scratch_;
  bool tag_is_end_ = false;
  bool self_closing_ = false;
  Span tag_name_;
  std::vector<AttributeRecord> attrs_;
  size_t attrs_owned_ = 0;  // streaming: attrs_[0, attrs_owned_) are complete and in scratch_
  bool current_attr_dropped_ = false;  // the attribute being built duplicates an earlier one
  bool attrs_need_sort_dedupe_ = false;
  std::vector<dom::Attribute> out_attrs_;
  std::vector<uint32_t> sort_index_;
  std::vector<uint8_t> drop_;
  Span comment_;
  Span doctype_name_, public_id_, system_id_;
  bool has_doctype_name_ = false, has_public_id_ = false, has_system_id_ = false;
  bool force_quirks_ = false;

  std::string last_start_tag_;
  // "temporary buffer" of the end-tag-name and double-escape states: it only ever holds ASCII
  // letters taken from the input, so it is the input range [temp_start_, pos_).
  size_t temp_start_ = 0;
  // Streaming, in the end tag name states: "</" and the letters of the temporary buffer that
  // came in earlier chunks (then the rest is [temp_start_, pos_)).
  std::string temp_carry_;
  // Character references.
  size_t ref_start_ = 0;  // offset of the '&'
  uint32_t ref_code_ = 0;
};

}  // namespace gazette::html5
