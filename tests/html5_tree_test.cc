// The HTML5 tree builder: the html5lib-tests tree-construction suite (scripting off; counts per
// file checked against tests/html5lib_counts.txt, overall thresholds for document and fragment
// tests), Gazette's own checks, and hostile inputs that must parse in linear time.
#include <gtest/gtest.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "parse/dom.h"
#include "parse/html5/tree_builder.h"

namespace gazette {
namespace {

using dom::Document;
using dom::Namespace;
using dom::Node;

// ----- html5lib serialisation -----

void serialize_children(const Node* parent, int depth, std::string& out);

void line(int depth, std::string& out) {
  out += "| ";
  out.append(static_cast<size_t>(depth) * 2, ' ');
}

void serialize_node(const Node* n, int depth, std::string& out) {
  line(depth, out);
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
      return;
    case dom::NodeType::kElement:
      break;
  }
  out += '<';
  if (n->ns == Namespace::kSvg) out += "svg ";
  if (n->ns == Namespace::kMathMl) out += "math ";
  out += n->ns == Namespace::kSvg ? html5::svg_tag_name(n->name) : n->name;
  out += ">\n";
  std::vector<std::pair<std::string, std::string_view>> attrs;
  for (uint32_t i = 0; i < n->attr_count; ++i) {
    std::string name(n->attrs[i].name);
    if (n->ns != Namespace::kHtml) {
      html5::QualifiedName q = html5::foreign_attribute_namespace(n->attrs[i].name);
      if (!q.prefix.empty()) name = std::string(q.prefix) + " " + std::string(q.local);
    }
    attrs.emplace_back(std::move(name), n->attrs[i].value);
  }
  std::sort(attrs.begin(), attrs.end());
  for (const auto& [name, value] : attrs) {
    line(depth + 1, out);
    out += name;
    out += "=\"";
    out += value;
    out += "\"\n";
  }
  if (n->ns == Namespace::kHtml && n->tag == dom::Tag::Template) {
    line(depth + 1, out);
    out += "content\n";
    serialize_children(n, depth + 2, out);
  } else {
    serialize_children(n, depth + 1, out);
  }
}

void serialize_children(const Node* parent, int depth, std::string& out) {
  for (const Node* c = parent->first_child; c; c = c->next) serialize_node(c, depth, out);
}

std::string serialize_document(const Document& doc, const html5::Html5Result& r) {
  std::string out;
  size_t i = 0;
  auto doctype = [&] {
    const html5::DoctypeInfo& d = r.doctype;
    out += "| <!DOCTYPE ";
    out += d.name;
    if (!d.public_id.empty() || !d.system_id.empty() || d.has_public_id || d.has_system_id) {
      out += " \"" + d.public_id + "\" \"" + d.system_id + "\"";
    }
    out += ">\n";
  };
  for (const Node* c = doc.root()->first_child; c; c = c->next, ++i) {
    if (r.doctype.present && i == r.doctype.position) doctype();
    serialize_node(c, 0, out);
  }
  if (r.doctype.present && i <= r.doctype.position) doctype();
  return out;
}

// ----- the .dat format -----

struct TreeTest {
  std::string data;
  std::string fragment;  // context: "td", "svg path", "math mi"; empty: a document test
  bool has_fragment = false;
  int script = 0;  // -1 #script-off, 1 #script-on, 0 both
  std::string document;  // expected dump, lines ending in '\n'
};

std::vector<TreeTest> read_dat(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos <= all.size()) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string::npos) {
      if (pos < all.size()) lines.push_back(all.substr(pos));
      break;
    }
    lines.push_back(all.substr(pos, nl - pos));
    pos = nl + 1;
  }
  std::vector<TreeTest> tests;
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i] != "#data") {
      ++i;
      continue;
    }
    TreeTest t;
    ++i;
    std::string data;
    bool first = true;
    while (i < lines.size() && lines[i] != "#errors") {
      if (!first) data += '\n';
      data += lines[i++];
      first = false;
    }
    t.data = data;
    std::string section;
    for (; i < lines.size(); ++i) {
      const std::string& l = lines[i];
      if (l == "#errors" || l == "#new-errors") {
        section = "errors";
        continue;
      }
      if (l == "#document-fragment") {
        section = "fragment";
        continue;
      }
      if (l == "#script-off") {
        t.script = -1;
        continue;
      }
      if (l == "#script-on") {
        t.script = 1;
        continue;
      }
      if (l == "#document") {
        section = "document";
        continue;
      }
      if (l == "#data" && section == "document") break;
      if (section == "fragment") {
        t.fragment = l;
        t.has_fragment = true;
      } else if (section == "document") {
        t.document += l;
        t.document += '\n';
      }
    }
    // The blank line separating tests is not part of the dump.
    while (t.document.size() >= 2 && t.document.compare(t.document.size() - 2, 2, "\n\n") == 0)
      t.document.pop_back();
    tests.push_back(std::move(t));
  }
  return tests;
}

// ----- committed counts (tests/html5lib_counts.txt, the tree-construction/ lines) -----

constexpr std::string_view kPrefix = "tree-construction/";

struct FileCounts {
  int passed = 0;
  int total = 0;  // tests run (scripting off or either)
};

std::filesystem::path counts_path() {
  return std::filesystem::path(GAZETTE_FIXTURES).parent_path() / "html5lib_counts.txt";
}

std::map<std::string, int> read_committed() {
  std::map<std::string, int> counts;
  std::ifstream in(counts_path());
  std::string l;
  while (std::getline(in, l)) {
    if (l.rfind(kPrefix, 0) != 0) continue;
    std::istringstream ls(l);
    std::string file;
    int passed = 0;
    if (ls >> file >> passed) counts[file] = passed;
  }
  return counts;
}

void write_committed(const std::map<std::string, FileCounts>& counts) {
  // Keeps every other line (the tokenizer's); rewrites the tree-construction/ ones.
  const std::string kHeader =
      "# tree-construction/<file> <trees passed> <trees passed> <tests run>: scripting off, "
      "#script-on tests skipped; parse errors are not compared, so the second column repeats "
      "the first.";
  std::vector<std::string> kept;
  {
    std::ifstream in(counts_path());
    std::string l;
    while (std::getline(in, l))
      if (l.rfind(kPrefix, 0) != 0 && l != kHeader) kept.push_back(l);
  }
  std::ofstream out(counts_path());
  for (const std::string& l : kept) out << l << "\n";
  out << kHeader << "\n";
  for (const auto& [file, c] : counts)
    out << file << " " << c.passed << " " << c.passed << " " << c.total << "\n";
}

Namespace parse_context(const std::string& ctx, std::string& name) {
  if (ctx.rfind("svg ", 0) == 0) {
    name = ctx.substr(4);
    return Namespace::kSvg;
  }
  if (ctx.rfind("math ", 0) == 0) {
    name = ctx.substr(5);
    return Namespace::kMathMl;
  }
  name = ctx;
  return Namespace::kHtml;
}

std::string run_test(const TreeTest& t, Document& doc) {
  if (t.has_fragment) {
    std::string name;
    Namespace ns = parse_context(t.fragment, name);
    html5::Html5Result r = html5::parse_html5_fragment(t.data, name, ns, doc);
    std::string out;
    serialize_children(doc.root(), 0, out);
    (void)r;
    return out;
  }
  html5::Html5Result r = html5::parse_html5(t.data, doc);
  return serialize_document(doc, r);
}

TEST(Html5libTree, CountsDoNotRegress) {
  std::filesystem::path dir =
      std::filesystem::path(GAZETTE_SHARED) / "html5lib-tests/tree-construction";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no html5lib-tests at " << dir;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".dat") files.push_back(e.path());
  std::sort(files.begin(), files.end());

  std::map<std::string, FileCounts> counts;
  FileCounts doc_all, frag_all;
  int skipped_script_on = 0;
  std::vector<std::string> failures;
  const char* verbose = std::getenv("GAZETTE_HTML5LIB_FAILURES");
  size_t max_failures = verbose ? static_cast<size_t>(std::atoi(verbose)) : 0;
  Document doc;
  for (const auto& path : files) {
    std::string key = std::string(kPrefix) + path.filename().string();
    FileCounts& fc = counts[key];
    for (const TreeTest& t : read_dat(path)) {
      if (t.script == 1) {
        ++skipped_script_on;
        continue;
      }
      std::string got = run_test(t, doc);
      bool pass = got == t.document;
      ++fc.total;
      FileCounts& kind = t.has_fragment ? frag_all : doc_all;
      ++kind.total;
      if (pass) {
        ++fc.passed;
        ++kind.passed;
      } else if (failures.size() < max_failures) {
        failures.push_back(key + (t.has_fragment ? " [fragment " + t.fragment + "]" : "") +
                           "\n#data\n" + t.data + "\n#expected\n" + t.document + "#actual\n" +
                           got);
      }
    }
  }
  for (const auto& [file, c] : counts)
    std::printf("%s: %d/%d\n", file.c_str(), c.passed, c.total);
  auto pct = [](const FileCounts& c) { return c.total ? 100.0 * c.passed / c.total : 100.0; };
  std::printf("html5lib tree-construction: documents %d/%d (%.2f%%), fragments %d/%d (%.2f%%), "
              "%d #script-on tests skipped\n",
              doc_all.passed, doc_all.total, pct(doc_all), frag_all.passed, frag_all.total,
              pct(frag_all), skipped_script_on);
  for (const std::string& f : failures) std::printf("FAIL %s\n", f.c_str());

  if (std::getenv("GAZETTE_UPDATE_HTML5LIB_COUNTS") != nullptr) {
    write_committed(counts);
    std::printf("wrote %s\n", counts_path().c_str());
    return;
  }
  std::map<std::string, int> committed = read_committed();
  for (const auto& [file, c] : counts) {
    auto it = committed.find(file);
    if (it == committed.end()) {
      ADD_FAILURE() << file << " has no committed count in " << counts_path();
      continue;
    }
    EXPECT_GE(c.passed, it->second) << file << ": fewer tests pass than committed";
  }
  EXPECT_GE(pct(doc_all), 97.0) << "document tests below the 97% threshold";
  EXPECT_GE(pct(frag_all), 90.0) << "fragment tests below the 90% threshold";
}

// ----- Gazette's own checks -----

std::string dump(std::string_view html) {
  Document doc;
  html5::Html5Result r = html5::parse_html5(html, doc);
  return serialize_document(doc, r);
}

TEST(Html5Tree, BasicDocument) {
  EXPECT_EQ(dump("<!DOCTYPE html><title>T</title><p class=a>Hi <b>there</b>"),
            "| <!DOCTYPE html>\n| <html>\n|   <head>\n|     <title>\n|       \"T\"\n"
            "|   <body>\n|     <p>\n|       class=\"a\"\n|       \"Hi \"\n|       <b>\n"
            "|         \"there\"\n");
}

TEST(Html5Tree, DomAccessorsAndTags) {
  Document doc;
  html5::parse_html5("<p id=x>a<my-widget>b</my-widget><svg viewbox='0 0 1 1'><foreignobject/>",
                     doc);
  ASSERT_NE(doc.body(), nullptr);
  ASSERT_NE(doc.head(), nullptr);
  Node* p = doc.body()->first_child;
  ASSERT_TRUE(p->is(dom::Tag::P));
  EXPECT_EQ(p->attr("id"), "x");
  Node* w = p->first_child->next;
  EXPECT_EQ(w->tag, dom::Tag::kUnknown);
  EXPECT_EQ(w->name, "my-widget");
  Node* svg = w->next;
  EXPECT_EQ(svg->ns, Namespace::kSvg);
  EXPECT_EQ(svg->attr("viewBox"), "0 0 1 1");
  EXPECT_EQ(svg->first_child->name, "foreignobject");
  EXPECT_EQ(html5::svg_tag_name(svg->first_child->name), "foreignObject");
}

// 13.2.6.4.7, an "a" start tag while an earlier <a> is in the list of active formatting
// elements: after the adoption agency algorithm, "remove that element" means the <a> found
// before it ran. When the algorithm stops at its 8 outer iterations it leaves a clone of the
// <a> open, and the new <a> nests inside that clone (gumbo closes the clone instead; the
// differential test calls this class gumbo-a-clone-closed, docs/parser.md).
TEST(Html5Tree, AnchorCloneLeftByAdoptionAgencyStaysOpen) {
  std::string html = "<a>";
  for (int i = 0; i < 8; ++i) html += "<div>";
  html += "<a>x";
  std::string tree = dump(html);
  // Each outer iteration moves the next <div> out of the clone that held it and leaves that
  // clone empty before it: body: <a>, <div>; each <div>: an empty <a>, the next <div>; the
  // eighth <div>: the last clone, still open, which takes the new <a>.
  std::string expected = "| <html>\n|   <head>\n|   <body>\n|     <a>\n";
  std::string indent = "|     ";
  for (int i = 0; i < 8; ++i) {
    expected += indent + "<div>\n";
    indent += "  ";
    expected += indent + "<a>\n";
  }
  expected += indent + "  <a>\n" + indent + "    \"x\"\n";
  EXPECT_EQ(tree, expected);
}

// One parser is reused per thread: a page parsed after another gets a fresh, identical tree.
TEST(Html5Tree, ReusedParserGivesTheSameTree) {
  std::string first = dump("<table><tr><td><b><i>x</table><template><p>y</template><svg><a>");
  std::string second = dump("<!DOCTYPE html><p>Hi <b>there</b>");
  EXPECT_EQ(second, dump("<!DOCTYPE html><p>Hi <b>there</b>"));
  EXPECT_EQ(first, dump("<table><tr><td><b><i>x</table><template><p>y</template><svg><a>"));
  EXPECT_EQ(second, "| <!DOCTYPE html>\n| <html>\n|   <head>\n|   <body>\n|     <p>\n"
                    "|       \"Hi \"\n|       <b>\n|         \"there\"\n");
}

// With borrow_input the tree points into the input wherever the parser did not change a
// string (the Extractor's mode); without, every string is the arena's own copy.
TEST(Html5Tree, BorrowedInputIsViewedNotCopied) {
  std::string html = "<p title=plain>unchanged text<p title='a&amp;b'>x&amp;y";
  auto inside = [&](std::string_view s) {
    return s.data() >= html.data() && s.data() + s.size() <= html.data() + html.size();
  };
  for (bool borrow : {true, false}) {
    Document doc;
    html5::parse_html5(html, doc, borrow);
    Node* p1 = doc.body()->first_child;
    Node* p2 = p1->next;
    ASSERT_NE(p2, nullptr);
    EXPECT_EQ(p1->first_child->text, "unchanged text");
    EXPECT_EQ(p1->attr("title"), "plain");
    EXPECT_EQ(inside(p1->first_child->text), borrow);
    EXPECT_EQ(inside(p1->attr("title")), borrow);
    // Decoded character references are never views into the input.
    EXPECT_EQ(p2->attr("title"), "a&b");
    EXPECT_FALSE(inside(p2->attr("title")));
    EXPECT_EQ(p2->first_child->text, "x&y");
    EXPECT_FALSE(inside(p2->first_child->text));
  }
}

TEST(Html5Tree, MarksAreZeroAfterParsing) {
  Document doc;
  html5::parse_html5("<table><tr><td><b><i>x</b>y<div>z", doc);
  dom::walk(doc.root(), [](Node* n) {
    EXPECT_EQ(n->mark, 0u);
    return true;
  });
}

int max_depth(const Node* root) {
  int best = 0;
  std::vector<std::pair<const Node*, int>> todo = {{root, 0}};
  while (!todo.empty()) {
    auto [n, d] = todo.back();
    todo.pop_back();
    best = std::max(best, d);
    for (const Node* c = n->first_child; c; c = c->next) todo.push_back({c, d + 1});
  }
  return best;
}

TEST(Html5Tree, DepthCapFlattensIntoSiblings) {
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<div>";
  html += "x";
  Document doc;
  html5::parse_html5(html, doc);
  // document > html > body > divs: the stack holds html, body and 510 divs.
  EXPECT_EQ(max_depth(doc.root()), static_cast<int>(html5::kMaxStackDepth) + 1);
  // The deepest allowed div holds the remaining divs as siblings (the last holds "x").
  Node* n = doc.body();
  for (size_t i = 0; i < html5::kMaxStackDepth - 3; ++i) n = n->first_child;
  ASSERT_TRUE(n->is(dom::Tag::Div));
  int children = 0;
  for (Node* c = n->first_child; c; c = c->next) ++children;
  EXPECT_EQ(children, 1000 - static_cast<int>(html5::kMaxStackDepth - 3));
}

// ----- hostile input: linear time -----

struct Hostile {
  const char* name;
  std::string (*make)(size_t n);
  size_t n;  // the larger size; the check compares n/4 and n
  double max_ratio = 12;  // linear: about 4 (cache effects, a shared machine add some); quadratic: 16
};

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Seconds per parse: the best of 3 trials, each repeating the parse for at least 20 ms so that
// short runs are not just timer and scheduler noise. The thread's CPU time, not the wall clock:
// other jobs on a shared machine (a parallel ctest, a build) would otherwise stretch one of the
// two runs of a case and fake a non-linear ratio.
double thread_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double parse_seconds(const std::string& html, Document& doc) {
  double best = 1e9;
  for (int trial = 0; trial < 3; ++trial) {
    int reps = 0;
    double t0 = thread_seconds();
    double elapsed = 0;
    do {
      html5::parse_html5(html, doc);
      ++reps;
      elapsed = thread_seconds() - t0;
    } while (elapsed < 0.02);
    best = std::min(best, elapsed / reps);
    if (best > 0.5) break;  // long enough to time once
  }
  return best;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kCheckTimes = false;  // sanitizers distort timings: run for the memory checks only
#else
constexpr bool kCheckTimes = true;
#endif

// Parse limits: the tree stops growing at the node limit or the deadline, what was built is
// kept (open elements closed), and the result says which limit stopped it.
TEST(Html5Tree, LimitsStopTreeConstruction) {
  std::string html = repeat("<p>para</p>", 10000);
  Document doc;
  html5::ParseLimits limits;
  limits.max_nodes = 1000;
  html5::Html5Result r = html5::parse_html5(html, doc, false, limits);
  EXPECT_EQ(r.stopped, html5::ParseStop::kNodeLimit);
  EXPECT_GE(doc.node_count(), 1000u);
  EXPECT_LE(doc.node_count(), 1100u);
  ASSERT_NE(doc.body(), nullptr);
  EXPECT_EQ(doc.body()->first_child->first_child->text, "para");

  limits = {};
  limits.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);  // already past
  r = html5::parse_html5(repeat("<b>x</b>", 100000), doc, false, limits);
  EXPECT_EQ(r.stopped, html5::ParseStop::kDeadline);
  EXPECT_LT(doc.node_count(), 4096u * 3);  // stopped at the first check, after 4096 tokens

  r = html5::parse_html5(html, doc);  // no limits: the next parse on this thread is whole
  EXPECT_EQ(r.stopped, html5::ParseStop::kNone);
  EXPECT_GT(doc.node_count(), 20000u);
}

TEST(Html5Tree, HostileInputIsLinear) {
  const Hostile cases[] = {
      {"nested <div>", [](size_t n) { return repeat("<div>", n); }, 200000},
      {"unclosed <b>", [](size_t n) { return repeat("<b>", n); }, 100000},
      {"unclosed <b> with text", [](size_t n) { return repeat("<b>x", n); }, 100000},
      {"distinct unclosed <b id>",
       [](size_t n) {
         std::string s;
         for (size_t i = 0; i < n; ++i) s += "<b id=" + std::to_string(i) + ">";
         return s + "x";
       },
       100000},
      {"nested tables", [](size_t n) { return repeat("<table><tr><td>", n); }, 100000},
      {"<p> then nested <div>", [](size_t n) { return "<p>" + repeat("<div>", n); }, 200000},
      {"<a> in <a>", [](size_t n) { return repeat("<a>x", n); }, 100000},
      {"misnested <b><p></b>", [](size_t n) { return repeat("<b><p>x</b>", n); }, 100000},
      {"text split by ignored end tags", [](size_t n) { return repeat("a</x>", n); }, 400000},
      {"foster-parented text", [](size_t n) { return "<table>" + repeat("a<td>", n); },
       100000},
      // The tokenizer's duplicate-attribute check sorts the names past 16 attributes: n log n
      // with cache misses, so only the ceiling is meaningful here.
      {"1,000,000 attributes",
       [](size_t n) {
         std::string s = "<p";
         for (size_t i = 0; i < n; ++i) s += " a" + std::to_string(i) + "=v";
         return s + ">";
       },
       1000000, 1e9},
      {"options cloned into <selectedcontent>",
       [](size_t n) {
         return "<select><button><selectedcontent></button>" + repeat("<option selected>x", n);
       },
       100000},
      {"options after <selectedcontent>",
       [](size_t n) {
         return "<select><button><selectedcontent></button>" + repeat("<option>x", n);
       },
       100000},
      {"100 MB text node", [](size_t n) { return std::string(n, 'x'); }, 100u << 20},
  };
  Document doc;
  for (const Hostile& c : cases) {
    std::string small = c.make(c.n / 4), big = c.make(c.n);
    double ts = parse_seconds(small, doc);
    double tb = parse_seconds(big, doc);
    // Memory: the tree of the larger input, in a fresh Document (the arena's blocks).
    Document fresh;
    html5::parse_html5(big, fresh);
    double per_byte = static_cast<double>(fresh.arena().capacity()) / static_cast<double>(big.size());
    std::printf("%-32s n=%-9zu %8.1f ms   n/4: %8.1f ms   ratio %.2f   arena %.1f B/B\n", c.name,
                c.n, tb * 1e3, ts * 1e3, tb / std::max(ts, 1e-6), per_byte);
    // Memory ceiling, linear in the input: a node is 96 bytes and the tightest cases spend
    // 2 to 5 input bytes per node ("<b>x", "<a>" with its reconstructed clones); measured at
    // most 57 B/B (2026-11-27), so 160 B/B leaves room while quadratic growth (a clone per
    // open element per token) would exceed it by orders of magnitude.
    EXPECT_LT(per_byte, 160.0) << c.name;
    // Linear: 4x the input takes about 4x the time. Generous for a shared machine, and the
    // ratio only counts when the small run is long enough to time.
    if (!kCheckTimes) continue;
    EXPECT_LT(tb / ts, c.max_ratio) << c.name;
    EXPECT_LT(tb, 5.0) << c.name;
  }
}

}  // namespace
}  // namespace gazette
