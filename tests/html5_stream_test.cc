// Streaming HTML5 parsing (Html5StreamParser): for every way of splitting the input into chunks
// the tree, the DOCTYPE, the quirks mode and the parse error count must be those of one
// parse_html5() over the whole input. Inputs: the html5lib-tests tree-construction documents
// (every split point, 1- and 2-byte chunks, random splits), real bench pages (random splits,
// 1-byte chunks for a few), and constructs whose look-aheads or look-behinds cross a chunk's
// end. Every chunk is overwritten right after feed() returns, so a view kept into it shows.
#include <gtest/gtest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "decode/decode.h"
#include "parse/dom.h"
#include "parse/html5/tokenizer.h"
#include "parse/html5/tree_builder.h"

namespace gazette {
namespace {

using dom::Document;
using dom::Namespace;
using dom::Node;

// ----- a full dump of the result -----

void dump_node(const Node* n, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  switch (n->type) {
    case dom::NodeType::kText:
      out += '"';
      out += n->text;
      out += "\"\n";
      return;
    case dom::NodeType::kComment:
      out += "<!-- ";
      out += n->text;
      out += " -->\n";
      return;
    case dom::NodeType::kDocument:
      break;
    case dom::NodeType::kElement:
      out += '<';
      if (n->ns == Namespace::kSvg) out += "svg ";
      if (n->ns == Namespace::kMathMl) out += "math ";
      out += n->name;
      for (uint32_t i = 0; i < n->attr_count; ++i) {
        out += ' ';
        out += n->attrs[i].name;
        out += "=\"";
        out += n->attrs[i].value;
        out += '"';
      }
      out += ">\n";
      break;
  }
  for (const Node* c = n->first_child; c; c = c->next) dump_node(c, depth + 1, out);
}

std::string dump(const Document& doc, const html5::Html5Result& r) {
  std::string out;
  const html5::DoctypeInfo& d = r.doctype;
  if (d.present) {
    out += "DOCTYPE " + d.name + " at " + std::to_string(d.position);
    if (d.has_public_id) out += " PUBLIC \"" + d.public_id + "\"";
    if (d.has_system_id) out += " SYSTEM \"" + d.system_id + "\"";
    out += '\n';
  }
  out += "quirks " + std::to_string(static_cast<int>(r.quirks_mode)) + ", parse errors " +
         std::to_string(r.parse_errors) + "\n";
  dump_node(doc.root(), 0, out);
  return out;
}

std::string one_shot(std::string_view html) {
  Document doc;
  html5::Html5Result r = html5::parse_html5(html, doc);
  return dump(doc, r);
}

// Parses `html` in the chunks that the ascending positions `cuts` delimit.
std::string streamed(std::string_view html, const std::vector<size_t>& cuts) {
  Document doc;
  html5::Html5StreamParser parser(doc);
  std::string chunk;
  size_t from = 0;
  auto feed_to = [&](size_t to) {
    chunk.assign(html.substr(from, to - from));
    parser.feed(chunk);
    std::fill(chunk.begin(), chunk.end(), '#');  // the parser must not keep views into it
    from = to;
  };
  for (size_t c : cuts) feed_to(std::min(c, html.size()));
  feed_to(html.size());
  html5::Html5Result r = parser.finish();
  return dump(doc, r);
}

std::vector<size_t> every(size_t n, size_t step) {
  std::vector<size_t> cuts;
  for (size_t i = step; i < n; i += step) cuts.push_back(i);
  return cuts;
}

std::vector<size_t> random_cuts(size_t n, size_t count, std::mt19937& rng) {
  std::vector<size_t> cuts;
  if (n < 2) return cuts;
  std::uniform_int_distribution<size_t> pos(1, n - 1);
  for (size_t i = 0; i < count; ++i) cuts.push_back(pos(rng));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

// Random chunk sizes with mean `mean`, like network reads.
std::vector<size_t> random_chunks(size_t n, size_t mean, std::mt19937& rng) {
  std::vector<size_t> cuts;
  std::geometric_distribution<size_t> len(1.0 / static_cast<double>(mean));
  for (size_t p = 1 + len(rng); p < n; p += 1 + len(rng)) cuts.push_back(p);
  return cuts;
}

std::string show_cuts(const std::vector<size_t>& cuts) {
  std::string s;
  for (size_t i = 0; i < cuts.size() && i < 40; ++i) s += (i ? "," : "") + std::to_string(cuts[i]);
  if (cuts.size() > 40) s += ",... (" + std::to_string(cuts.size()) + " cuts)";
  return s;
}

// Every single split point, every pair of split points when `pairs`, and 1-byte chunks.
// Returns the number of failures (reported with the first few).
int check_all_splits(std::string_view html, bool pairs, int* parses = nullptr) {
  const std::string want = one_shot(html);
  int failures = 0;
  auto check = [&](const std::vector<size_t>& cuts) {
    if (parses) ++*parses;
    std::string got = streamed(html, cuts);
    if (got == want) return;
    if (++failures <= 3)
      ADD_FAILURE() << "input: " << testing::PrintToString(std::string(html))
                    << "\ncuts: " << show_cuts(cuts) << "\nwant:\n"
                    << want << "got:\n"
                    << got;
  };
  check({});
  for (size_t i = 1; i < html.size(); ++i) {
    check({i});
    if (pairs)
      for (size_t j = i + 1; j < html.size(); ++j) check({i, j});
  }
  check(every(html.size(), 1));
  return failures;
}

// ----- constructs that cross a chunk's end -----

struct Case {
  const char* name;
  std::string html;
  std::string must_contain;  // in the one-shot dump: the case means what it says
};

constexpr char kNul[] = "<p>a\0b<svg><![CDATA[c\0d]]></svg><p t=\"\0\">&#0;";

std::vector<Case> boundary_cases() {
  return {
      {"doctype", "<!DOCTYPE html><p>x", "DOCTYPE html"},
      {"doctype_lowercase_public",
       "<!doctype HTML public \"-//W3C//DTD HTML 4.01//EN\" "
       "\"http://www.w3.org/TR/html4/strict.dtd\"><p>x",
       "SYSTEM \"http://www.w3.org/TR/html4/strict.dtd\""},
      {"doctype_system", "<!DOCTYPE html SYSTEM 'about:legacy-compat'>x", "about:legacy-compat"},
      {"not_a_doctype", "<!DOCTYP html><p>x", "<!-- DOCTYP html -->"},
      {"cdata_in_svg", "<svg><![CDATA[a<b]]]>c</svg>", "\"a<b]c\""},
      {"cdata_in_html", "<p><![CDATA[x]]></p>", "<!-- [CDATA[x]] -->"},
      {"notin", "<p>&notin; &notit; &not &notin</p>",
       "\"\xE2\x88\x89 \xC2\xACit; \xC2\xAC \xC2\xACin\""},
      {"notin_attribute", "<a title='&notin;&notit;&noti=&not' href=\"?a=1&amp;b=2&ampc\">x</a>",
       "title=\"\xE2\x88\x89&notit;&noti=\xC2\xAC\""},
      {"long_reference", "<p>&CounterClockwiseContourIntegral;&CounterClockwiseContourIntegra</p>",
       "\xE2\x88\xB3&CounterClockwiseContourIntegra"},
      {"numeric_references", "<p>&#x1F600;&#128512;&#x;&#;&#65&#x41x</p>",
       "\xF0\x9F\x98\x80\xF0\x9F\x98\x80&#x;&#;AAx"},
      {"crlf", "<p>a\r\nb\r\rc\n\rd</p><pre>\r\nx</pre><textarea>\r\n\r\ny</textarea>",
       "\"a\nb\n\nc\n\nd\""},
      {"crlf_in_attribute_and_comment", "<a title=\"1\r\n2\">x</a><!--3\r\n4-->", "\"1\n2\""},
      {"utf8_4byte", "<p title=\"\xF0\x9F\x98\x80\">\xF0\x9F\x98\x80\xF0\x9F\x98\x81</p>",
       "\"\xF0\x9F\x98\x80\xF0\x9F\x98\x81\""},
      {"script_end_tag",
       "<script>if (a</b) x = '</scrip' + '</SCRIPT'; </script ><p>after</p>",
       "\"if (a</b) x = '</scrip' + '</SCRIPT'; \""},
      {"script_escaped", "<script><!--<script>x</script>y--></script><p>z", "\"z\""},
      {"title_rcdata", "<title>a &amp; </tit </title>b", "\"a & </tit \""},
      {"style_rawtext", "<style>a</styl></style ><p>b", "\"a</styl>\""},
      {"comment", "<!--a-b--c--!d-->e<!---->f<!-- <!-- x --!>g", "<!-- a-b--c--!d -->"},
      {"bogus_comments", "<?xml version=\"1.0\"?></ x><!x>y", "<!-- ?xml version=\"1.0\"? -->"},
      {"attributes",
       "<div CLASS=\"a\" class=b id='c' data-x = y data-Y=\"&lt;\"/>t</div>",
       "<div class=\"a\" id=\"c\" data-x=\"y\" data-y=\"<\">"},
      {"nul", std::string(kNul, sizeof kNul - 1), "<p>"},
  };
}

TEST(Html5Stream, BoundaryCasesEverySplitAndPair) {
  int parses = 0;
  for (const Case& c : boundary_cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_NE(one_shot(c.html).find(c.must_contain), std::string::npos)
        << c.name << ": the one-shot parse does not contain " << c.must_contain << "\n"
        << one_shot(c.html);
    EXPECT_EQ(check_all_splits(c.html, /*pairs=*/true, &parses), 0);
  }
  std::printf("boundary cases: %d streamed parses\n", parses);
}

TEST(Html5Stream, EmptyInputAndEmptyChunks) {
  Document doc;
  html5::Html5StreamParser p(doc);
  p.feed("");
  p.feed("<p>");
  p.feed("");
  p.feed("x");
  html5::Html5Result r = p.finish();
  EXPECT_EQ(dump(doc, r), one_shot("<p>x"));
  Document doc2;
  html5::Html5StreamParser empty(doc2);
  EXPECT_EQ(dump(doc2, empty.finish()), one_shot(""));
}

TEST(Html5Stream, DocumentIsCleared) {
  Document doc;
  html5::parse_html5("<p>old", doc);
  html5::Html5StreamParser p(doc);
  p.feed("<b>new");
  EXPECT_EQ(dump(doc, p.finish()), one_shot("<b>new"));
}

TEST(Html5Stream, TreeGrowsWhileFeeding) {
  Document doc;
  html5::Html5StreamParser p(doc);
  p.feed("<!DOCTYPE html><title>t</title><p>first</p><p>sec");
  // The first paragraph is in the tree before the input ends.
  std::string partial;
  dom::walk(doc.root(), [&](Node* n) {
    if (n->type == dom::NodeType::kText) partial += std::string(n->text) + "|";
    return true;
  });
  EXPECT_NE(partial.find("first|"), std::string::npos) << partial;
  p.feed("ond</p>");
  html5::Html5Result r = p.finish();
  EXPECT_EQ(dump(doc, r), one_shot("<!DOCTYPE html><title>t</title><p>first</p><p>second</p>"));
}

using State = html5::Tokenizer::State;
std::string tokens_one_shot(std::string_view html, State state = State::kData,
                            const std::string& last_start_tag = {});
std::string tokens_streamed(std::string_view html, const std::vector<size_t>& cuts,
                            State state = State::kData, const std::string& last_start_tag = {});

TEST(Html5Stream, HostileRunsStayLinear) {
  // Long constructs fed one byte at a time: the carry-over must stay small (a quadratic
  // carry-over would take minutes here).
  std::string end_tag_letters = "<textarea>" + std::string("</") + std::string(200000, 'a') + ">";
  std::string comment = "<!--" + std::string(200000, '-') + "x-->";
  std::string attr = "<p title=\"" + std::string(200000, 'v') + "\">x";
  std::string script = "<script><!--<script>" + std::string(200000, 'q') + "</script>";
  std::string escape_letters = "<script><!--<" + std::string(200000, 'a') + " --></script>";
  std::string many_attributes = "<p";
  for (int i = 0; i < 50000; ++i) many_attributes += " a" + std::to_string(i) + "=v";
  many_attributes += ">x";
  std::string refs;
  for (int i = 0; i < 20000; ++i) refs += "&amp;&notin;&#x41;&#65;";
  for (const std::string* s :
       {&end_tag_letters, &comment, &attr, &script, &escape_letters, &many_attributes, &refs}) {
    EXPECT_EQ(streamed(*s, every(s->size(), 1)), one_shot(*s));
  }
  // A long last start tag (only a tokenizer used on its own has one in RCDATA): an end tag name
  // that stays a prefix of it for 100,000 letters.
  std::string tag(100000, 'x');
  std::string rcdata = "a</" + tag + "b</" + tag + "</" + tag + ">c";
  EXPECT_EQ(tokens_streamed(rcdata, every(rcdata.size(), 1), State::kRcdata, tag),
            tokens_one_shot(rcdata, State::kRcdata, tag));
}

// ----- html5lib-tests tree-construction documents -----

std::vector<std::string> html5lib_documents() {
  std::vector<std::string> docs;
  std::filesystem::path dir =
      std::filesystem::path(GAZETTE_SHARED) / "html5lib-tests/tree-construction";
  if (!std::filesystem::is_directory(dir)) return docs;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".dat") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    // The .dat format: "#data", the input lines, "#errors", ...; a test with a
    // "#document-fragment" section is a fragment test (not streamed: no streaming fragments).
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string all = ss.str();
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < all.size()) {
      size_t nl = all.find('\n', pos);
      if (nl == std::string::npos) nl = all.size();
      lines.push_back(all.substr(pos, nl - pos));
      pos = nl + 1;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i] != "#data") continue;
      std::string data;
      size_t j = i + 1;
      for (bool first = true; j < lines.size() && lines[j] != "#errors"; ++j, first = false) {
        if (!first) data += '\n';
        data += lines[j];
      }
      bool fragment = false, script_on = false;
      for (; j < lines.size() && lines[j] != "#data"; ++j) {
        if (lines[j] == "#document-fragment") fragment = true;
        if (lines[j] == "#script-on") script_on = true;
      }
      if (!fragment && !script_on) docs.push_back(std::move(data));
      i = j - 1;
    }
  }
  return docs;
}

TEST(Html5Stream, Html5libDocumentsEverySplit) {
  std::vector<std::string> docs = html5lib_documents();
  if (docs.empty()) GTEST_SKIP() << "no html5lib-tests under " << GAZETTE_SHARED;
  std::mt19937 rng(20261127);
  int parses = 0, failures = 0;
  for (const std::string& d : docs) {
    // Every split point and 1-byte chunks; every pair of split points for short inputs.
    failures += check_all_splits(d, /*pairs=*/d.size() <= 48, &parses);
    const std::string want = one_shot(d);
    for (int k = 0; k < 8; ++k) {
      std::vector<size_t> cuts = random_cuts(d.size(), 1 + k, rng);
      ++parses;
      if (streamed(d, cuts) != want && ++failures <= 3)
        ADD_FAILURE() << "input: " << testing::PrintToString(d) << "\ncuts: " << show_cuts(cuts);
    }
    std::vector<size_t> twos = every(d.size(), 2);
    ++parses;
    if (streamed(d, twos) != want && ++failures <= 3)
      ADD_FAILURE() << "input: " << testing::PrintToString(d) << "\n2-byte chunks";
  }
  std::printf("html5lib documents: %zu inputs, %d streamed parses, %d failures\n", docs.size(),
              parses, failures);
  EXPECT_EQ(failures, 0);
}

// ----- the tokenizer alone: same tokens (character runs not cut) and parse error offsets -----

class Recorder final : public html5::TokenSink {
 public:
  std::string log;
  void token(const html5::Token& t) override {
    log += std::to_string(static_cast<int>(t.type)) + "[" + std::string(t.name) + "|" +
           std::string(t.data) + "|" + std::string(t.public_id) + "|" +
           std::string(t.system_id) + "|" + (t.self_closing ? "/" : "") +
           (t.force_quirks ? "q" : "") + (t.has_name ? "n" : "") + (t.has_public_id ? "p" : "") +
           (t.has_system_id ? "s" : "");
    for (const dom::Attribute& a : t.attributes)
      log += " " + std::string(a.name) + "=" + std::string(a.value);
    log += "]\n";
  }
  void parse_error(html5::ParseError e, size_t offset) override {
    log += "error " + std::string(html5::parse_error_name(e)) + " at " + std::to_string(offset) +
           "\n";
  }
};

std::string tokens_one_shot(std::string_view html, State state,
                            const std::string& last_start_tag) {
  Recorder r;
  html5::Tokenizer t(r);
  t.reset(html);
  t.set_state(state);
  t.set_last_start_tag(last_start_tag);
  t.run();
  return r.log;
}

std::string tokens_streamed(std::string_view html, const std::vector<size_t>& cuts,
                            State state, const std::string& last_start_tag) {
  Recorder r;
  html5::Tokenizer t(r);
  t.begin_stream();
  t.set_state(state);
  t.set_last_start_tag(last_start_tag);
  std::string chunk;
  size_t from = 0;
  for (size_t c : cuts) {
    chunk.assign(html.substr(from, c - from));
    t.feed(chunk);
    std::fill(chunk.begin(), chunk.end(), '#');
    from = c;
  }
  chunk.assign(html.substr(from));
  t.feed(chunk);
  t.finish();
  return r.log;
}

TEST(Html5Stream, TokenizerTokensAndErrorOffsetsEverySplit) {
  std::vector<std::string> inputs;
  for (const Case& c : boundary_cases()) inputs.push_back(c.html);
  for (std::string& d : html5lib_documents()) inputs.push_back(std::move(d));
  int parses = 0, failures = 0;
  for (const std::string& in : inputs) {
    const std::string want = tokens_one_shot(in);
    std::vector<std::vector<size_t>> splits = {every(in.size(), 1)};
    for (size_t i = 1; i < in.size(); ++i) splits.push_back({i});
    for (const auto& cuts : splits) {
      ++parses;
      std::string got = tokens_streamed(in, cuts);
      if (got != want && ++failures <= 3)
        ADD_FAILURE() << "input: " << testing::PrintToString(in) << "\ncuts: " << show_cuts(cuts)
                      << "\nwant:\n" << want << "got:\n" << got;
    }
  }
  std::printf("tokenizer: %zu inputs, %d streamed runs, %d failures\n", inputs.size(), parses,
              failures);
  EXPECT_EQ(failures, 0);
}

// The html5lib-tests tokenizer inputs, in each of their initial states (RCDATA, RAWTEXT, script
// data, PLAINTEXT, CDATA section) with their last start tag. Inputs are taken as they are in the
// JSON (a doubleEscaped "\\uXXXX" stays six characters: still an input).
TEST(Html5Stream, Html5libTokenizerInputsEverySplit) {
  std::filesystem::path dir = std::filesystem::path(GAZETTE_SHARED) / "html5lib-tests/tokenizer";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no html5lib-tests at " << dir;
  static const std::map<std::string, State> kStates = {
      {"Data state", State::kData},           {"PLAINTEXT state", State::kPlaintext},
      {"RCDATA state", State::kRcdata},       {"RAWTEXT state", State::kRawtext},
      {"Script data state", State::kScriptData}, {"CDATA section state", State::kCdataSection},
  };
  int runs = 0, failures = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".test") continue;
    std::ifstream in(e.path());
    nlohmann::json doc = nlohmann::json::parse(in);
    if (!doc.contains("tests")) continue;
    for (const nlohmann::json& test : doc["tests"]) {
      std::string input = test["input"].get<std::string>();
      std::string last = test.value("lastStartTag", std::string());
      std::vector<std::string> states = {"Data state"};
      if (test.contains("initialStates"))
        states = test["initialStates"].get<std::vector<std::string>>();
      for (const std::string& name : states) {
        auto it = kStates.find(name);
        if (it == kStates.end()) continue;
        const std::string want = tokens_one_shot(input, it->second, last);
        std::vector<std::vector<size_t>> splits = {every(input.size(), 1)};
        for (size_t i = 1; i < input.size(); ++i) splits.push_back({i});
        for (const auto& cuts : splits) {
          ++runs;
          std::string got = tokens_streamed(input, cuts, it->second, last);
          if (got != want && ++failures <= 3)
            ADD_FAILURE() << e.path().filename() << " [" << name << "] input "
                          << testing::PrintToString(input) << "\ncuts: " << show_cuts(cuts)
                          << "\nwant:\n" << want << "got:\n" << got;
        }
      }
    }
  }
  std::printf("html5lib tokenizer inputs: %d streamed runs, %d failures\n", runs, failures);
  EXPECT_EQ(failures, 0);
}

// ----- real pages -----

std::string gunzip(const std::filesystem::path& path) {
  std::string out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  char buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

TEST(Html5Stream, BenchPagesRandomChunks) {
  std::filesystem::path root = std::filesystem::path(GAZETTE_SHARED) / "bench/datasets";
  std::vector<std::filesystem::path> pages;
  if (std::filesystem::is_directory(root))
    for (const auto& ds : std::filesystem::directory_iterator(root)) {
      std::filesystem::path dir = ds.path() / "pages";
      if (!std::filesystem::is_directory(dir)) continue;
      for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().string().ends_with(".html.gz")) pages.push_back(e.path());
    }
  if (pages.empty()) GTEST_SKIP() << "no bench pages under " << root;
  std::sort(pages.begin(), pages.end());
  // A spread of pages: every 40th (about 60 of the 2,478), each with three chunkings.
  std::mt19937 rng(42);
  decode::Decoded d;
  int checked = 0, failures = 0;
  size_t bytes = 0;
  for (size_t i = 0; i < pages.size(); i += 40) {
    decode::to_utf8(gunzip(pages[i]), "", d);
    const std::string& html = d.utf8;
    const std::string want = one_shot(html);
    std::vector<std::vector<size_t>> chunkings = {
        random_chunks(html.size(), 1460, rng),   // TCP segments
        random_chunks(html.size(), 16384, rng),  // buffered reads
        random_chunks(html.size(), 7, rng),      // tiny pieces
    };
    if (checked < 3) chunkings.push_back(every(html.size(), 1));  // and a few byte by byte
    for (const auto& cuts : chunkings) {
      if (streamed(html, cuts) != want && ++failures <= 3)
        ADD_FAILURE() << pages[i] << ": streamed tree differs, " << cuts.size() + 1 << " chunks";
    }
    ++checked;
    bytes += html.size();
  }
  std::printf("bench pages: %d pages (%zu bytes), %d failures\n", checked, bytes, failures);
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace gazette
