// Fuzz target: the HTML5 tokenizer (src/parse/html5/tokenizer.h) on its own, one-shot and
// streamed, in every state a tree builder can put it in.
//
// Control byte (the input's last byte, see fuzz.h):
//   bits 0-2  the initial state: data, RCDATA, RAWTEXT, script data, PLAINTEXT, CDATA section
//             (with a matching "last start tag", so that appropriate end tags exist)
//   bit  3    the sink answers cdata_allowed() with true (as in foreign content)
//   bits 4-7  chunk sizes of the streamed run (fuzz.h chunks_of)
// Checks:
//  * exactly one kEndOfFile, last; every string of every token is valid UTF-8; tag names are
//    ASCII-lowercase and attributes have no duplicate names; character runs are maximal;
//  * the streamed run (begin_stream / feed / finish over chunks split anywhere) gives the very
//    tokens and parse errors of the one-shot run, as tokenizer.h promises;
//  * report_input_stream_errors() runs over the input.
#include <string>
#include <vector>

#include "dom_check.h"
#include "fuzz.h"
#include "parse/html5/tokenizer.h"

namespace gazette_fuzz::html5_tokenizer {

using gazette::html5::ParseError;
using gazette::html5::Token;
using gazette::html5::Tokenizer;
using gazette::html5::TokenType;

// A token copied out of the tokenizer's reusable buffers.
struct OwnedToken {
  TokenType type;
  std::string name, data, public_id, system_id;
  std::vector<std::pair<std::string, std::string>> attributes;
  bool self_closing, has_name, has_public_id, has_system_id, force_quirks;
  bool operator==(const OwnedToken&) const = default;
};

class Recorder : public gazette::html5::TokenSink {
 public:
  explicit Recorder(bool cdata_allowed) : cdata_allowed_(cdata_allowed) {}
  void token(const Token& t) override {
    GAZETTE_FUZZ_CHECK_MSG(!saw_eof_, "token after end of file");
    OwnedToken o{t.type, std::string(t.name), std::string(t.data), std::string(t.public_id),
                 std::string(t.system_id), {}, t.self_closing, t.has_name, t.has_public_id,
                 t.has_system_id, t.force_quirks};
    for (const auto& a : t.attributes) o.attributes.emplace_back(a.name, a.value);
    for (const std::string* s : {&o.name, &o.data, &o.public_id, &o.system_id})
      GAZETTE_FUZZ_CHECK(is_valid_utf8(*s));
    std::vector<std::string_view> names;
    for (const auto& [n, v] : o.attributes) {
      GAZETTE_FUZZ_CHECK(!n.empty() && is_valid_utf8(n) && is_valid_utf8(v));
      GAZETTE_FUZZ_CHECK(!has_ascii_upper(n));
      names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    GAZETTE_FUZZ_CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
    if (t.type == TokenType::kStartTag || t.type == TokenType::kEndTag) {
      GAZETTE_FUZZ_CHECK(!o.name.empty() && !has_ascii_upper(o.name));
      GAZETTE_FUZZ_CHECK(t.type == TokenType::kStartTag || o.attributes.empty());
    }
    if (t.type == TokenType::kCharacters) {
      GAZETTE_FUZZ_CHECK(!o.data.empty());
      // Runs are maximal: two character tokens in a row only around a NUL of its own.
      if (!tokens.empty() && tokens.back().type == TokenType::kCharacters)
        GAZETTE_FUZZ_CHECK_MSG(o.data == std::string_view("\0", 1) ||
                                   tokens.back().data == std::string_view("\0", 1),
                               "adjacent character tokens");
    }
    if (t.type == TokenType::kEndOfFile) saw_eof_ = true;
    tokens.push_back(std::move(o));
  }
  void parse_error(ParseError e, size_t offset) override { errors.emplace_back(e, offset); }
  bool cdata_allowed() override { return cdata_allowed_; }

  std::vector<OwnedToken> tokens;
  std::vector<std::pair<ParseError, size_t>> errors;

 private:
  bool cdata_allowed_;
  bool saw_eof_ = false;
};

struct Start {
  Tokenizer::State state;
  const char* last_start_tag;
};
constexpr Start kStarts[] = {
    {Tokenizer::State::kData, ""},           {Tokenizer::State::kRcdata, "title"},
    {Tokenizer::State::kRcdata, "textarea"}, {Tokenizer::State::kRawtext, "style"},
    {Tokenizer::State::kScriptData, "script"}, {Tokenizer::State::kPlaintext, "plaintext"},
    {Tokenizer::State::kCdataSection, "svg"}, {Tokenizer::State::kRawtext, "xmp"},
};

void start(Tokenizer& t, const Start& s) {
  t.set_state(s.state);
  t.set_last_start_tag(s.last_start_tag);
}

}  // namespace gazette_fuzz::html5_tokenizer

GAZETTE_FUZZ_TARGET(html5_tokenizer) {
  using namespace gazette_fuzz;
  using namespace gazette_fuzz::html5_tokenizer;
  Input input(data, size);
  uint8_t control = input.take_control();
  std::string html = valid_utf8(input.bytes());
  const Start& s = kStarts[control & 7];
  bool cdata = control & 8;

  Recorder whole(cdata);
  Tokenizer one_shot(whole);
  one_shot.reset(html);
  start(one_shot, s);
  one_shot.run();
  GAZETTE_FUZZ_CHECK(!whole.tokens.empty() && whole.tokens.back().type == TokenType::kEndOfFile);

  Recorder streamed(cdata);
  Tokenizer stream(streamed);
  stream.begin_stream();
  start(stream, s);
  for (std::string_view chunk : chunks_of(html, control >> 4)) stream.feed(chunk);
  stream.finish();
  GAZETTE_FUZZ_CHECK_MSG(whole.tokens.size() == streamed.tokens.size(), "streamed token count");
  for (size_t i = 0; i < whole.tokens.size(); ++i)
    GAZETTE_FUZZ_CHECK_MSG(whole.tokens[i] == streamed.tokens[i],
                           "streamed token " + std::to_string(i) + " differs");
  GAZETTE_FUZZ_CHECK_MSG(whole.errors == streamed.errors, "streamed parse errors differ");

  Recorder input_errors(false);
  Tokenizer::report_input_stream_errors(html, input_errors);
  return 0;
}
