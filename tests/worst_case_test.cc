// The worst-case table (issue 6, "Hostile input"): hostile inputs end to end through the
// gazette binary, each with a CPU-time and a memory ceiling that grow linearly with its size.
//
// Every row generates its input in a temporary directory (nothing large is committed), runs
// `gazette extract` in a child process (fork/exec; wait4 gives its CPU time and peak RSS) and
// checks that:
//  * the process ends by itself, with exit status 0 or 1: no signal, no hang (a wall-clock
//    limit kills it), no usage error;
//  * its CPU time is at most kCpuBase + size * ns-per-byte, its peak RSS at most kRssBase +
//    size * bytes-per-byte: ceilings linear in the input size, so quadratic behaviour fails at
//    these sizes by orders of magnitude;
//  * every record is valid JSON (nlohmann rejects invalid UTF-8), and the good pages placed
//    around the bad one all come out with their text: a bad page costs its own record only (an
//    `error` record, or a message on stderr for what has no record of its own).
//
// Ceilings were calibrated on the development machine (2 cores, RelWithDebInfo): CPU ceilings
// at least 5x the measured time, RSS ceilings at least 2x (memory varies much less between
// machines than time); docs/robustness.md has the table. Under AddressSanitizer (make
// test-asan) both are multiplied by kSanitizerFactor. CPU time, not wall time, is what is
// bounded: CTest runs tests in parallel on a shared machine.
//
// The parser's own hostile-input tests (tests/html5_*_test.cc) time the tokenizer and the tree
// builder alone; this table is about the whole pipeline, the readers and the command line.
//
// At the end, WorstCaseFuzzRegressions replays every input the fuzzers found a problem with
// (tests/fixtures/regressions/<target>/<what-it-was>) through the fuzz target it came from,
// compiled into this binary (fuzz/fuzz.h explains how), and the HTML ones through the CLI too.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

// The fuzz targets, for the regression replay (see fuzz/fuzz.h).
#define GAZETTE_FUZZ_REPLAY 1
#include "../fuzz/date_fuzzer.cc"
#include "../fuzz/decode_fuzzer.cc"
#include "../fuzz/extract_fuzzer.cc"
#include "../fuzz/html5_tokenizer_fuzzer.cc"
#include "../fuzz/html5_tree_fuzzer.cc"
#include "../fuzz/http_fuzzer.cc"
#include "../fuzz/jsonld_fuzzer.cc"
#include "../fuzz/parser_diff_fuzzer.cc"
#include "../fuzz/scraped_text_fuzzer.cc"
#include "../fuzz/warc_fuzzer.cc"

namespace worst_case {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr size_t kMiB = size_t{1} << 20;

#if defined(__SANITIZE_ADDRESS__)
constexpr double kSanitizerFactor = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kSanitizerFactor = 4;
#else
constexpr double kSanitizerFactor = 1;
#endif
#else
constexpr double kSanitizerFactor = 1;
#endif

// What any run may cost besides its input: process start, CLD2 and the word lists, the good
// pages around the bad one (measured: 0.02 s, 8 MB; ceilings 5x and more).
constexpr double kCpuBaseSeconds = 0.5;
constexpr double kRssBaseMb = 64;
// No row may run longer than this on the wall clock: the child is killed, the row fails.
constexpr double kWallLimitSeconds = 120;

// ----- running the binary -----

struct CliRun {
  int exit_code = -1;  // -1 when it did not exit
  int signal = 0;      // the signal that ended it, if any
  bool timed_out = false;
  double wall_s = 0;
  double cpu_s = 0;     // user + system, all threads
  double max_rss_mb = 0;
  std::string out;      // stdout
  std::string err;      // stderr
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs GAZETTE_BINARY with `args` (stdout and stderr to files in `dir`, read back), killing it
// after kWallLimitSeconds.
CliRun run_gazette(const std::vector<std::string>& args, const fs::path& dir) {
  fs::path out_path = dir / "stdout.jsonl", err_path = dir / "stderr.txt";
  std::vector<std::string> full{GAZETTE_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);

  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    // Under `make test-asan`: leaks inside third-party libraries we cannot fix (gumbo's) are
    // suppressed, as for the fuzzers; fuzz/lsan.supp says which and why.
    std::string lsan = "suppressions=" + (fs::path(GAZETTE_FIXTURES) / ".." / ".." / "fuzz" / "lsan.supp").string();
    if (const char* old = std::getenv("LSAN_OPTIONS")) lsan += std::string(":") + old;
    setenv("LSAN_OPTIONS", lsan.c_str(), 1);
    FILE* o = std::freopen(out_path.c_str(), "wb", stdout);
    FILE* e = std::freopen(err_path.c_str(), "wb", stderr);
    if (o && e) execv(GAZETTE_BINARY, argv.data());
    _exit(127);
  }
  CliRun r;
  if (pid < 0) return r;
  int status = 0;
  rusage ru{};
  while (true) {
    pid_t w = wait4(pid, &status, WNOHANG, &ru);
    if (w == pid) break;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > kWallLimitSeconds && !r.timed_out) {
      r.timed_out = true;
      kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  r.max_rss_mb = ru.ru_maxrss / 1024.0;  // kilobytes on Linux
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return r;
}

// The linear ceilings of a row: CPU nanoseconds and RSS bytes per input byte.
struct Budget {
  double cpu_ns_per_byte;
  double rss_bytes_per_byte;
};

// Checks the process ended well and within its ceilings for `input_bytes`; prints the figures
// (the table of docs/robustness.md is made from these lines).
void expect_within(const CliRun& r, const std::string& row, uint64_t input_bytes, Budget b) {
  double cpu_ceiling = (kCpuBaseSeconds + input_bytes * b.cpu_ns_per_byte * 1e-9) * kSanitizerFactor;
  double rss_ceiling = (kRssBaseMb + input_bytes * b.rss_bytes_per_byte / kMiB) * kSanitizerFactor;
  std::printf("[ WORST    ] %-34s input %9.1f MB  cpu %6.2f s (ceiling %6.2f)  wall %6.2f s  "
              "rss %7.1f MB (ceiling %7.1f)  exit %d\n",
              row.c_str(), input_bytes / double(kMiB), r.cpu_s, cpu_ceiling, r.wall_s, r.max_rss_mb,
              rss_ceiling, r.exit_code);
  std::fflush(stdout);
  EXPECT_FALSE(r.timed_out) << row << ": killed after " << kWallLimitSeconds << " s";
  EXPECT_EQ(r.signal, 0) << row << ": ended by signal " << r.signal << "\n" << r.err.substr(0, 4000);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1)
      << row << ": exit status " << r.exit_code << "\n" << r.err.substr(0, 4000);
  EXPECT_LE(r.cpu_s, cpu_ceiling) << row << ": CPU time over the linear ceiling";
  EXPECT_LE(r.max_rss_mb, rss_ceiling) << row << ": peak RSS over the linear ceiling";
}

// The records of a run, one per line; each must be a JSON object.
std::vector<json> records(const CliRun& r, const std::string& row) {
  std::vector<json> out;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(j.is_object()) << row << ": not a JSON record (invalid JSON or UTF-8): "
                               << line.substr(0, 300);
    if (j.is_object()) out.push_back(std::move(j));
  }
  return out;
}

// ----- inputs -----

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("gazette_worst_case_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    // Give back permissions a row took away, so that everything can be removed.
    for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Writes a file through `fill`, which appends pieces with the writer it is given; returns the
// file's size. Large inputs are streamed out, never held whole.
uint64_t write_file(const fs::path& p, const std::function<void(const std::function<void(std::string_view)>&)>& fill) {
  std::ofstream f(p, std::ios::binary);
  uint64_t n = 0;
  std::string buf;
  auto put = [&](std::string_view s) {
    buf += s;
    n += s.size();
    if (buf.size() >= kMiB) {
      f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  };
  fill(put);
  f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  return n;
}

uint64_t write_file(const fs::path& p, std::string_view content) {
  return write_file(p, [&](const auto& put) { put(content); });
}

// A page that must come out: an article with a sentence only it has.
std::string good_page(const std::string& marker) {
  std::string p = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + marker +
                  " - The Daily Example</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" +
                  marker + "</h1>";
  for (int i = 0; i < 4; ++i)
    p += "<p>This is paragraph " + std::to_string(i) + " of the good page " + marker +
         ", a story long enough to count as an article, with commas, clauses, and a conclusion.</p>";
  return p + "</article><footer>Copyright</footer></body></html>";
}

// The text a good page's record must hold.
std::string good_text(const std::string& marker) { return "paragraph 0 of the good page " + marker; }

// Checks that `recs` holds, in order, a record for each of `markers` whose body has its text.
void expect_good_pages(const std::vector<json>& recs, const std::vector<std::string>& markers,
                       const std::string& row) {
  size_t next = 0;
  for (const json& r : recs) {
    if (next == markers.size()) break;
    std::string body = r.contains("body") && r["body"].is_string() ? r["body"].get<std::string>() : "";
    if (body.find(good_text(markers[next])) != std::string::npos) ++next;
  }
  EXPECT_EQ(next, markers.size()) << row << ": good page " << (next < markers.size() ? markers[next] : "")
                                  << " is missing from the output";
}

// A directory holding a good page, the bad file `bad_name` (written by `fill`), and another good
// page, in that order of names. Returns the bad file's size.
uint64_t sandwich(const fs::path& dir, const std::string& bad_name,
                  const std::function<void(const std::function<void(std::string_view)>&)>& fill) {
  write_file(dir / "a-good.html", good_page("Alpha"));
  uint64_t n = write_file(dir / bad_name, fill);
  write_file(dir / "z-good.html", good_page("Omega"));
  return n;
}

// Runs the CLI on a sandwich directory and checks the good pages and the bad page's record
// (an article or an `error`, under its own source). Returns the bad page's record.
json run_sandwich(const TempDir& t, const fs::path& dir, const std::string& bad_name, const std::string& row,
                  uint64_t bytes, Budget budget, std::vector<std::string> extra_args = {}) {
  std::vector<std::string> args{"extract", dir.string(), "-j", "2"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  CliRun r = run_gazette(args, t.path());
  expect_within(r, row, bytes, budget);
  std::vector<json> recs = records(r, row);
  expect_good_pages(recs, {"Alpha", "Omega"}, row);
  EXPECT_EQ(recs.size(), 3u) << row << ": one record per page expected";
  for (const json& rec : recs)
    if (rec.value("source", "") == (dir / bad_name).string()) {
      EXPECT_TRUE(rec.contains("error") || rec.contains("body")) << row << ": " << rec.dump().substr(0, 300);
      return rec;
    }
  ADD_FAILURE() << row << ": no record for the bad page";
  return {};
}

// A paragraph of running text, to fill articles.
constexpr std::string_view kProse =
    "The council met on Tuesday to discuss the harbour, and the mayor said the works would last "
    "until spring, while residents asked for quieter nights. ";

// ----- rows: files -----

TEST(WorstCase, EmptyAndOneByteFiles) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  write_file(dir / "a-good.html", good_page("Alpha"));
  write_file(dir / "b-empty.html", "");
  const std::string one_bytes[] = {"<", std::string(1, '\0'), "\xff", "a", "&", "\xef"};
  for (size_t i = 0; i < std::size(one_bytes); ++i)
    write_file(dir / ("c-one-byte-" + std::to_string(i) + ".html"), one_bytes[i]);
  write_file(dir / "d-empty.txt", "");
  write_file(dir / "e-one-byte.txt", "x");
  write_file(dir / "f-empty.html.gz", "");
  write_file(dir / "g-one-byte.html.gz", "\x1f");
  write_file(dir / "z-good.html", good_page("Omega"));
  CliRun r = run_gazette({"extract", dir.string()}, t.path());
  expect_within(r, "empty and 1-byte files", 16, {1e5, 1});
  std::vector<json> recs = records(r, "empty and 1-byte files");
  EXPECT_EQ(recs.size(), 13u);
  expect_good_pages(recs, {"Alpha", "Omega"}, "empty and 1-byte files");
  size_t errors = 0;
  for (const json& rec : recs) errors += rec.contains("error");
  // Each empty or 1-byte page gives an error record, except the scraped text "x": one line of
  // text is a body paragraph, and its record says so.
  EXPECT_EQ(errors, 10u);
  std::string x_text = (dir / "e-one-byte.txt").string();
  EXPECT_TRUE(std::any_of(recs.begin(), recs.end(), [&](const json& j) {
    return j.value("source", "") == x_text && j.value("body", "") == "x";
  }));
  EXPECT_EQ(r.exit_code, 1);
}

TEST(WorstCase, RandomBytes) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  uint64_t n = sandwich(dir, "m-random.html", [](const auto& put) {
    std::mt19937_64 rng(20240601);
    std::string block(kMiB, '\0');
    for (int mb = 0; mb < 4; ++mb) {
      for (size_t i = 0; i < block.size(); i += 8) {
        uint64_t v = rng();
        std::memcpy(&block[i], &v, 8);
      }
      put(block);
    }
  });
  // Random bytes are not UTF-8 and declare nothing: the decoder asks uchardet, which reads all
  // of them at about 2.5 MB/s, by far the slowest stage (docs/robustness.md).
  run_sandwich(t, dir, "m-random.html", "random bytes", n, {2500, 12});
}

TEST(WorstCase, NulsThroughout) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  // An article whose every byte is followed by a NUL: markup, text and all.
  uint64_t n = sandwich(dir, "m-nuls.html", [](const auto& put) {
    auto put_with_nuls = [&](std::string_view s) {
      std::string out;
      for (char c : s) {
        out += c;
        out += '\0';
      }
      put(out);
    };
    put_with_nuls("<html><head><title>NULs</title></head><body><article><h1>NULs</h1>");
    for (int i = 0; i < 40000; ++i) put_with_nuls("<p>" + std::string(kProse) + "</p>");
    put_with_nuls("</article></body></html>");
  });
  run_sandwich(t, dir, "m-nuls.html", "NULs throughout", n, {200, 16});
}

TEST(WorstCase, InvalidUtf8Everywhere) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  // Declared UTF-8, with broken sequences in every word, attribute and tag name: lone
  // continuation bytes, truncated sequences, overlongs, surrogates, bytes never valid.
  const std::string_view kBad[] = {"\x80", "\xC3", "\xE2\x82", "\xC0\xAF", "\xED\xA0\x80", "\xFF", "\xF4\x90\x80\x80", "\xFE"};
  uint64_t n = sandwich(dir, "m-invalid-utf8.html", [&](const auto& put) {
    put("<html><head><meta charset=\"utf-8\"><title>Bad\xC3 bytes\xFF</title></head><body><article>");
    size_t k = 0;
    for (int i = 0; i < 50000; ++i) {
      std::string p = "<p class=\"x";
      p += kBad[k++ % std::size(kBad)];
      p += "\" data-\xFF=\"1\">";
      for (std::string_view w : {"The", "council", "met", "on", "Tuesday", "to", "discuss", "the", "harbour,", "and", "then", "left."}) {
        p += w;
        p += kBad[k++ % std::size(kBad)];
        p += ' ';
      }
      put(p + "</p\xC3><b\xFF>x</b\xFF>");
    }
    put("</article></body></html>");
  });
  json bad = run_sandwich(t, dir, "m-invalid-utf8.html", "invalid UTF-8 everywhere", n, {400, 16});
  EXPECT_TRUE(bad.contains("body")) << "the page has an article, its bytes U+FFFD";
}

TEST(WorstCase, HundredMegabyteTextNode) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  // One <p> whose text is 100 MB: a single text node, a single paragraph.
  uint64_t n = sandwich(dir, "m-huge-text.html", [](const auto& put) {
    put("<html><head><title>Huge</title></head><body><article><p>");
    std::string block;
    while (block.size() < kMiB) block += kProse;
    for (int i = 0; i < 100; ++i) put(block);
    put("</p></article></body></html>");
  });
  // --max-seconds 0: this table checks time against its own linear ceiling; the per-page limit
  // (10 s by default) would cut these large pages in sanitizer builds, which run 7x slower.
  json bad = run_sandwich(t, dir, "m-huge-text.html", "100 MB text node (--max-bytes 256M)", n, {100, 16},
                          {"--max-bytes", std::to_string(256 * kMiB), "--max-seconds", "0"});
  ASSERT_TRUE(bad.contains("body")) << "the page must be read and extracted whole: " << bad.dump().substr(0, 300);
  EXPECT_GT(bad["body"].get<std::string>().size(), 100 * kMiB - kMiB);
}

TEST(WorstCase, HundredMegabytePageOverTheLimit) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  uint64_t n = sandwich(dir, "m-over-limit.html", [](const auto& put) {
    put("<html><body><p>");
    std::string block;
    while (block.size() < kMiB) block += kProse;
    for (int i = 0; i < 100; ++i) put(block);
    put("</p></body></html>");
  });
  // Default --max-bytes (64 MiB): the page is refused with kTooLarge, without being held whole.
  // Memory: what was read up to the limit, in a string that grew by doubling.
  json bad = run_sandwich(t, dir, "m-over-limit.html", "100 MB page over the 64 MiB limit", n, {5, 3});
  ASSERT_TRUE(bad.contains("error"));
  EXPECT_NE(bad["error"].get<std::string>().find("exceeds"), std::string::npos) << bad.dump();
}

TEST(WorstCase, TwoHundredThousandNestedElements) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  // Nested <div>s with a little text at each level, and nested inline formatting (<b><i>...,
  // the adoption agency's ground) below them; nothing is closed.
  uint64_t n = sandwich(dir, "m-nested.html", [](const auto& put) {
    put("<html><body><article>");
    for (int i = 0; i < 200000; ++i) put(i % 100 == 0 ? "<div><p>Some nested text, level after level.</p>" : "<div>");
    for (int i = 0; i < 50000; ++i) put(i % 2 ? "<i>" : "<b>");
    put(kProse);
  });
  run_sandwich(t, dir, "m-nested.html", "200,000 nested elements", n, {1000, 40});
}

TEST(WorstCase, MillionAttributes) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  // One start tag with 1,000,000 attributes: 900,000 distinct names, then 100,000 repeats
  // (the tokenizer drops duplicates).
  uint64_t n = sandwich(dir, "m-attributes.html", [](const auto& put) {
    put("<html><body><article><div");
    std::string chunk;
    for (int i = 0; i < 1000000; ++i) {
      chunk += " a" + std::to_string(i < 900000 ? i : i - 900000) + "=v";
      if (chunk.size() > 65536) {
        put(chunk);
        chunk.clear();
      }
    }
    put(chunk);
    put("><p>" + std::string(kProse) + std::string(kProse) + "</p></div></article></body></html>");
  });
  run_sandwich(t, dir, "m-attributes.html", "1,000,000 attributes", n, {200, 40});
}

TEST(WorstCase, TenMillionEntities) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  // 10,000,000 character references in one paragraph: named with and without ';', the longest
  // named ones, numeric decimal and hex, out of range, and prefixes of names that never match.
  const std::string_view kRefs[] = {"&amp;", "&lt", "&eacute;", "&#233;", "&#x20AC;", "&notin;",
                                    "&nota", "&#1114112;", "&CounterClockwiseContourIntegral;", "&zzzz;"};
  uint64_t n = sandwich(dir, "m-entities.html", [&](const auto& put) {
    put("<html><body><article><p>");
    std::string chunk;
    for (int i = 0; i < 10000000; ++i) {
      chunk += kRefs[i % std::size(kRefs)];
      if (i % 16 == 15) chunk += ' ';
      if (chunk.size() > 65536) {
        put(chunk);
        chunk.clear();
      }
    }
    put(chunk);
    put("</p></article></body></html>");
  });
  json bad = run_sandwich(t, dir, "m-entities.html", "10,000,000 entities (--max-bytes 256M)", n, {80, 8},
                          {"--max-bytes", std::to_string(256 * kMiB), "--max-seconds", "0"});
  EXPECT_TRUE(bad.contains("body")) << bad.dump().substr(0, 300);
}

// Unterminated comment, script, style (and textarea, title): the rest of a 20 MB page is
// swallowed, and the page must still end in time.
void unterminated(const std::string& open, const std::string& name) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  uint64_t n = sandwich(dir, "m-unterminated.html", [&](const auto& put) {
    put("<html><head><title>Unterminated</title></head><body><article><p>" + std::string(kProse) +
        std::string(kProse) + "</p>" + open);
    std::string block;
    while (block.size() < kMiB) block += "<p>" + std::string(kProse) + "</p> -- - <!-- </scrip </styl ";
    for (int i = 0; i < 20; ++i) put(block);
  });
  run_sandwich(t, dir, "m-unterminated.html", "unterminated " + name, n, {25, 4});
}

TEST(WorstCase, UnterminatedComment) { unterminated("<!--", "comment"); }
TEST(WorstCase, UnterminatedScript) { unterminated("<script>", "script"); }
TEST(WorstCase, UnterminatedStyle) { unterminated("<style>", "style"); }
TEST(WorstCase, UnterminatedTextareaAndTitle) { unterminated("<textarea><title>", "textarea"); }

// ----- gzip bombs -----

// Raw DEFLATE data of `bytes` (a fresh stream ended by a full flush, byte-aligned and with no
// final block), so that such pieces concatenate into one valid stream.
std::string deflate_piece(std::string_view bytes, bool last, int level = 9) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, bytes.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, last ? Z_FINISH : Z_FULL_FLUSH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// One gzip member holding `prefix`, `zero_mib` MiB of zeros and `suffix`, written to `put`
// without ever holding the zeros: 1 MiB of zeros deflates to about 1 KB, repeated; the CRC of
// the whole comes from crc32_combine. 10 GiB of zeros make a member of about 10 MB.
void gzip_bomb(const std::function<void(std::string_view)>& put, std::string_view prefix, uint64_t zero_mib,
               std::string_view suffix) {
  static const std::string zeros(kMiB, '\0');
  static const std::string zero_piece = deflate_piece(zeros, false);
  static const uLong zero_crc = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), kMiB);
  put(std::string_view("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10));
  put(deflate_piece(prefix, false));
  for (uint64_t i = 0; i < zero_mib; ++i) put(zero_piece);
  put(deflate_piece(suffix, true));
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(prefix.data()), static_cast<uInt>(prefix.size()));
  for (uint64_t i = 0; i < zero_mib; ++i) crc = crc32_combine(crc, zero_crc, static_cast<z_off_t>(kMiB));
  crc = crc32_combine(crc, crc32(0, reinterpret_cast<const Bytef*>(suffix.data()), static_cast<uInt>(suffix.size())),
                      static_cast<z_off_t>(suffix.size()));
  uint64_t total = prefix.size() + zero_mib * kMiB + suffix.size();
  char trailer[8];
  for (int i = 0; i < 4; ++i) {
    trailer[i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
    trailer[4 + i] = static_cast<char>((total >> (8 * i)) & 0xFF);
  }
  put(std::string_view(trailer, 8));
}

// One gzip member (fuzz/compress.h, which the replayed fuzz targets bring in).
std::string gzip_member(std::string_view data) {
  return gazette_fuzz::zcompress(data, gazette_fuzz::ZWrapper::kGzip, 6);
}

TEST(WorstCase, GzipBombPage) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  // page.html.gz: 10 MB that inflate to 10 GiB. The reader must stop at --max-bytes (64 MiB).
  uint64_t n = sandwich(dir, "m-bomb.html.gz", [](const auto& put) {
    gzip_bomb(put, "<html><body><p>", 10240, "</p></body></html>");
  });
  // Costs are those of the 64 MiB inflated before the limit stops it: ceilings per compressed byte.
  json bad = run_sandwich(t, dir, "m-bomb.html.gz", "gzip bomb page (10 MB -> 10 GiB)", n, {150, 25});
  ASSERT_TRUE(bad.contains("error"));
  EXPECT_NE(bad["error"].get<std::string>().find("exceeds"), std::string::npos) << bad.dump();
}

// ----- WARC -----

std::string warc_record(const std::string& type, std::string_view block, const std::string& length = "",
                        const std::vector<std::string>& extra = {}) {
  static int n = 0;
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:worst-case-" +
                  std::to_string(++n) + ">\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n";
  for (const auto& h : extra) r += h + "\r\n";
  r += "Content-Length: " + (length.empty() ? std::to_string(block.size()) : length) + "\r\n\r\n";
  r += block;
  return r + "\r\n\r\n";
}

std::string http_block(std::string_view payload, const std::string& extra_headers = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n" + extra_headers +
         "Content-Length: " + std::to_string(payload.size()) + "\r\n\r\n" + std::string(payload);
}

// A response record of the good page `marker`.
std::string good_response(const std::string& marker, const std::string& length = "") {
  return warc_record("response", http_block(good_page(marker)), length,
                     {"WARC-Target-URI: https://example.com/" + marker,
                      "Content-Type: application/http; msgtype=response"});
}

enum class Layout { kPlain, kGzipPerRecord };

// Writes the records as a .warc or a .warc.gz with one member per record.
uint64_t write_warc(const fs::path& p, const std::vector<std::string>& recs, Layout layout) {
  return write_file(p, [&](const auto& put) {
    for (const auto& r : recs) put(layout == Layout::kPlain ? r : gzip_member(r));
  });
}

// Runs the CLI on a WARC; checks the ceilings, that the good pages `markers` come out in order,
// and that the bad records were reported on stderr (`expect_errors` of them, at least).
void check_warc(const TempDir& t, const fs::path& warc, const std::string& row, uint64_t bytes, Budget budget,
                const std::vector<std::string>& markers, size_t expect_errors) {
  CliRun r = run_gazette({"extract", warc.string(), "-j", "2"}, t.path());
  expect_within(r, row, bytes, budget);
  std::vector<json> recs = records(r, row);
  expect_good_pages(recs, markers, row);
  EXPECT_EQ(recs.size(), markers.size()) << row << ": " << r.out.substr(0, 2000);
  size_t errors = 0;
  for (size_t p = r.err.find("gazette: " + warc.string() + ": "); p != std::string::npos;
       p = r.err.find("gazette: " + warc.string() + ": ", p + 1))
    ++errors;
  EXPECT_GE(errors, expect_errors) << row << ": the bad records are not reported\n" << r.err.substr(0, 3000);
  // The summary line counts them too ("...; WARC: N responses; ...; E errors").
  size_t summary = r.err.find("WARC: ");
  ASSERT_NE(summary, std::string::npos) << row << ": no summary line\n" << r.err.substr(0, 3000);
  size_t e = r.err.find(" errors", summary);
  size_t digits = r.err.find_last_not_of("0123456789", e - 1) + 1;
  ASSERT_NE(e, std::string::npos);
  EXPECT_GE(std::stoul(r.err.substr(digits, e - digits)), expect_errors) << row << ": " << r.err.substr(summary, 200);
}

const char* layout_name(Layout l) { return l == Layout::kPlain ? ".warc" : ".warc.gz"; }

TEST(WorstCase, WarcGzipBomb) {
  TempDir t;
  // Two bombs between good records, in a .warc.gz with one member per record:
  //  (a) a record whose block is 10 GiB of zeros, Content-Length saying so (10 MB compressed);
  //  (b) a response whose HTTP payload is itself a gzip bomb (Content-Encoding: gzip): the
  //      block is 10 MB and fine, the payload inflates to 10 GiB.
  // The reader must skip (a) without inflating it and stop inflating (b) at its limit (64 MiB).
  const uint64_t kZeroMib = 10240;
  auto write_bombs = [&](const fs::path& p, bool bomb_first) {
    return write_file(p, [&](const auto& put) {
      if (!bomb_first) put(gzip_member(good_response("First")));
      std::string header = "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:bomb-a>\r\n"
                           "Content-Type: text/html\r\nContent-Length: " +
                           std::to_string(kZeroMib * kMiB) + "\r\n\r\n";
      gzip_bomb(put, header, kZeroMib, "\r\n\r\n");
      put(gzip_member(good_response("Second")));
      std::string payload;
      gzip_bomb([&](std::string_view s) { payload += s; }, "<html><body><p>", kZeroMib, "</p></body></html>");
      put(gzip_member(warc_record("response", http_block(payload, "Content-Encoding: gzip\r\n"), "",
                                  {"WARC-Target-URI: https://example.com/bomb-b",
                                   "Content-Type: application/http; msgtype=response"})));
      put(gzip_member(good_response("Third")));
    });
  };
  {
    uint64_t n = write_bombs(t.path() / "bombs.warc.gz", false);
    check_warc(t, t.path() / "bombs.warc.gz", "WARC gzip bombs (2 x 10 GiB)", n, {100, 20},
               {"First", "Second", "Third"}, 2);
  }
  {
    // The same with a bomb as the very first record: the layout (one record per member) is not
    // known yet when the reader meets it.
    uint64_t n = write_bombs(t.path() / "bomb-first.warc.gz", true);
    check_warc(t, t.path() / "bomb-first.warc.gz", "WARC gzip bomb as first record", n, {100, 20},
               {"Second", "Third"}, 2);
  }
}

// A WARC whose middle record's Content-Length lies, between good records, in both layouts.
void lying_length(const std::string& row, const std::function<std::string(const std::string&)>& length_of) {
  for (Layout layout : {Layout::kPlain, Layout::kGzipPerRecord}) {
    TempDir t;
    std::string block = http_block(good_page("Liar"));
    std::string len = length_of(block);
    fs::path p = t.path() / (std::string("lie") + layout_name(layout));
    uint64_t n = write_warc(p, {good_response("Before"), good_response("Liar", len), good_response("After"),
                                good_response("Last")},
                            layout);
    check_warc(t, p, row + " (" + layout_name(layout) + ")", n, {2000, 200}, {"Before", "After", "Last"}, 1);
  }
}

TEST(WorstCase, WarcContentLengthTooShort) {
  lying_length("WARC Content-Length too short", [](const std::string& b) { return std::to_string(b.size() / 3); });
}

TEST(WorstCase, WarcContentLengthTooLong) {
  // Longer than the record, shorter than the file: the block swallows the next record's start.
  lying_length("WARC Content-Length too long", [](const std::string& b) { return std::to_string(b.size() + 900); });
}

TEST(WorstCase, WarcContentLengthTwoToThe63) {
  lying_length("WARC Content-Length 2^63", [](const std::string&) { return std::string("9223372036854775808"); });
  lying_length("WARC Content-Length 2^64-1", [](const std::string&) { return std::string("18446744073709551615"); });
  lying_length("WARC Content-Length 2^64", [](const std::string&) { return std::string("18446744073709551616"); });
  lying_length("WARC Content-Length -1", [](const std::string&) { return std::string("-1"); });
}

TEST(WorstCase, WarcRecordCutMidway) {
  for (Layout layout : {Layout::kPlain, Layout::kGzipPerRecord}) {
    TempDir t;
    // The file ends inside the last record's block.
    std::string cut = good_response("Cut");
    fs::path p = t.path() / (std::string("cut-end") + layout_name(layout));
    uint64_t n = write_file(p, [&](const auto& put) {
      for (const char* m : {"One", "Two"}) put(layout == Layout::kPlain ? good_response(m) : gzip_member(good_response(m)));
      std::string last = layout == Layout::kPlain ? cut : gzip_member(cut);
      put(std::string_view(last).substr(0, last.size() / 2));
    });
    check_warc(t, p, std::string("WARC record cut at the end (") + layout_name(layout) + ")", n, {2000, 200},
               {"One", "Two"}, 1);

    // A record cut in the middle of the file: the next record follows the cut directly.
    fs::path q = t.path() / (std::string("cut-middle") + layout_name(layout));
    n = write_file(q, [&](const auto& put) {
      put(layout == Layout::kPlain ? good_response("One") : gzip_member(good_response("One")));
      std::string mid = layout == Layout::kPlain ? cut : gzip_member(cut);
      put(std::string_view(mid).substr(0, mid.size() / 2));
      put(layout == Layout::kPlain ? good_response("Two") : gzip_member(good_response("Two")));
      put(layout == Layout::kPlain ? good_response("Three") : gzip_member(good_response("Three")));
    });
    check_warc(t, q, std::string("WARC record cut mid-file (") + layout_name(layout) + ")", n, {2000, 200},
               {"One", "Two", "Three"}, 1);
  }
}

TEST(WorstCase, TruncatedGzipPage) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir);
  std::string gz = gzip_member(good_page("Truncated"));
  uint64_t n = sandwich(dir, "m-truncated.html.gz", [&](const auto& put) { put(gz.substr(0, gz.size() / 2)); });
  json bad = run_sandwich(t, dir, "m-truncated.html.gz", "truncated .html.gz", n, {1e5, 1000});
  EXPECT_TRUE(bad.contains("error")) << bad.dump();
}

// ----- directories -----

TEST(WorstCase, DirectoryWithSymlinkLoops) {
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir / "sub" / "deeper");
  write_file(dir / "a-good.html", good_page("Alpha"));
  write_file(dir / "sub" / "deeper" / "m-good.html", good_page("Middle"));
  fs::create_directory_symlink("..", dir / "sub" / "deeper" / "loop-up");  // a cycle through ..
  fs::create_directory_symlink(".", dir / "sub" / "loop-self");            // a cycle through .
  fs::create_directory_symlink(dir, dir / "sub" / "loop-abs");             // an absolute cycle
  fs::create_symlink("b-self.html", dir / "b-self.html");                  // ELOOP on open
  fs::create_symlink("c-ping.html", dir / "c-pong.html");                  // a two-link cycle
  fs::create_symlink("c-pong.html", dir / "c-ping.html");
  fs::create_symlink("does-not-exist.html", dir / "d-dangling.html");      // dangling
  // An unreadable file even for root: stat() says a regular file, read() fails with EIO.
  fs::create_symlink("/proc/self/mem", dir / "e-read-error.html");
  write_file(dir / "z-good.html", good_page("Omega"));

  CliRun r = run_gazette({"extract", dir.string(), "-j", "2"}, t.path());
  expect_within(r, "directory with symlink loops", 0, {0, 0});
  std::vector<json> recs = records(r, "directory with symlink loops");
  expect_good_pages(recs, {"Alpha", "Middle", "Omega"}, "directory with symlink loops");
  // Each good page once: the cycles are not followed.
  EXPECT_EQ(std::count_if(recs.begin(), recs.end(), [](const json& j) { return !j.contains("error"); }), 3);
  // Every bad entry is accounted for: an error record, or a message on stderr.
  for (const char* name : {"b-self.html", "c-ping.html", "c-pong.html", "d-dangling.html", "e-read-error.html"}) {
    std::string path = (dir / name).string();
    bool has_record = std::any_of(recs.begin(), recs.end(), [&](const json& j) {
      return j.value("source", "") == path && j.contains("error");
    });
    bool has_message = r.err.find("gazette: " + path + ":") != std::string::npos;
    EXPECT_TRUE(has_record || has_message) << name << " is skipped silently\nstderr: " << r.err;
  }
}

TEST(WorstCase, DirectoryWithUnreadableFiles) {
  if (geteuid() == 0)
    GTEST_SKIP() << "running as root: chmod 000 does not stop root from reading (the read-error "
                    "case of DirectoryWithSymlinkLoops covers an unreadable file for root)";
  TempDir t;
  fs::path dir = t.path() / "pages";
  fs::create_directories(dir / "locked-dir");
  write_file(dir / "a-good.html", good_page("Alpha"));
  write_file(dir / "b-unreadable.html", good_page("Hidden"));
  fs::permissions(dir / "b-unreadable.html", fs::perms::none);
  write_file(dir / "locked-dir" / "page.html", good_page("Locked"));
  fs::permissions(dir / "locked-dir", fs::perms::none);
  write_file(dir / "z-good.html", good_page("Omega"));

  CliRun r = run_gazette({"extract", dir.string(), "-j", "2"}, t.path());
  expect_within(r, "directory with unreadable files", 0, {0, 0});
  std::vector<json> recs = records(r, "directory with unreadable files");
  expect_good_pages(recs, {"Alpha", "Omega"}, "directory with unreadable files");
  std::string unreadable = (dir / "b-unreadable.html").string();
  EXPECT_TRUE(std::any_of(recs.begin(), recs.end(), [&](const json& j) {
    return j.value("source", "") == unreadable && j.contains("error");
  })) << "an unreadable file gives an error record";
  std::string locked = (dir / "locked-dir").string();
  EXPECT_NE(r.err.find(locked), std::string::npos) << "an unreadable directory is skipped silently\n" << r.err;
  EXPECT_EQ(r.exit_code, 1);
}

// Found by the extract fuzzer's campaign (docs/robustness.md, findings): the first all-capitals
// Polish headline of a scraped text loads wpolish, a 60 MB list of 4.3 million inflected forms,
// for `title_display`. Node-based sets took 7.0 s and 420 MB; the compact index of
// src/metadata/titlecase.cc takes 1.3 s and 137 MB (2-core machine, one core busy). The cost is
// the list's, not the input's: this row has its own ceilings, 3x and 1.5x the measured figures,
// which the old index fails on both.
TEST(WorstCase, LargestWordListFirstPolishCapitalsHeadline) {
  // Where titlecase.cc reads it: GAZETTE_DICT_ROOT in front of /usr/share.
  const char* root = std::getenv("GAZETTE_DICT_ROOT");
  fs::path list = std::string(root ? root : "") + "/usr/share/dict/polish";
  if (!fs::exists(list)) GTEST_SKIP() << list << " is not installed (Debian wpolish)";
  TempDir t;
  fs::path page = t.path() / "pl.txt";
  write_file(page, [](const auto& put) {
    put("Gazeta\n\nPREZYDENT POLSKI SPOTKAŁ SIĘ Z PREMIEREM W WARSZAWIE\n\n"
        "31 sierpnia 2023 16:12 (UTC+02:00)\n\n"
        "Prezydent Polski spotkał się w poniedziałek z premierem w Warszawie, aby omówić sytuację "
        "gospodarczą kraju oraz plany rządu na najbliższe miesiące. Rozmowa trwała dwie godziny, "
        "a po niej obaj politycy wydali wspólne oświadczenie dla mediów.\n");
  });
  CliRun r = run_gazette({"extract", page.string()}, t.path());
  // Under `make test-asan` (a Debug build: -O0 and ASan) the index's tight loop runs about 20
  // times slower (31 s measured): its ceiling there only bounds a hang, the release one is the
  // regression guard.
  const double cpu_ceiling = kSanitizerFactor > 1 ? 90.0 : 4.0;
  const double rss_ceiling = 200 * kSanitizerFactor;
  std::printf("[ WORST    ] %-34s cpu %6.2f s (ceiling %6.2f)  rss %7.1f MB (ceiling %7.1f)  exit %d\n",
              "first Polish capitals headline", r.cpu_s, cpu_ceiling, r.max_rss_mb, rss_ceiling,
              r.exit_code);
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 4000);
  EXPECT_LE(r.cpu_s, cpu_ceiling) << "loading the Polish word list";
  EXPECT_LE(r.max_rss_mb, rss_ceiling) << "loading the Polish word list";
  std::vector<json> recs = records(r, "first Polish capitals headline");
  ASSERT_EQ(recs.size(), 1u);
  // The list was read: "Warszawie" is only listed capitalised, "spotkał" only in lowercase.
  EXPECT_EQ(recs[0].value("title_display", ""), "Prezydent polski spotkał się z premierem w Warszawie");
}

}  // namespace worst_case

// ----- fuzz regressions -----

// Every file of tests/fixtures/regressions/<target>/ through the fuzz target <target>; the
// harness aborts on what it found then (a crash, a sanitizer report in `make test-asan`, a
// failed check); each input runs in a child process, so a regression fails this test with the
// input's name. Files are named after what they were.
TEST(WorstCaseFuzzRegressions, ReplayThroughTheirTargets) {
  namespace fs = std::filesystem;
  fs::path root = fs::path(GAZETTE_FIXTURES) / "regressions";
  if (!fs::exists(root)) GTEST_SKIP() << "no regression fixtures";
  size_t replayed = 0;
  for (const auto& target : gazette_fuzz::registered_targets()) {
    fs::path dir = root / target.name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() == ".md") continue;
      std::string data = worst_case::slurp(e.path());
      SCOPED_TRACE(e.path().string());
      std::printf("[ REPLAY   ] %s/%s\n", target.name, e.path().filename().c_str());
      std::fflush(stdout);
      // In a child process, so that what the harness aborts on fails this input only.
      pid_t pid = fork();
      if (pid == 0) {
        target.fn(reinterpret_cast<const uint8_t*>(data.data()), data.size());
        std::fflush(nullptr);
        _exit(0);
      }
      int status = 0;
      ASSERT_EQ(waitpid(pid, &status, 0), pid);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
          << target.name << "/" << e.path().filename().string() << ": "
          << (WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                  : "exit status " + std::to_string(WEXITSTATUS(status)))
          << " (the harness's message is on stderr above)";
      ++replayed;
    }
  }
  for (const auto& e : fs::directory_iterator(root))
    EXPECT_TRUE(std::any_of(gazette_fuzz::registered_targets().begin(), gazette_fuzz::registered_targets().end(),
                            [&](const auto& t) { return e.path().filename() == t.name || e.path().extension() == ".md"; }))
        << e.path() << ": no fuzz target of that name";
  std::printf("[ REPLAY   ] %zu inputs\n", replayed);
}

// The HTML regressions also end to end: both parsers, valid JSON out, no crash.
TEST(WorstCaseFuzzRegressions, HtmlThroughTheCli) {
  namespace fs = std::filesystem;
  fs::path root = fs::path(GAZETTE_FIXTURES) / "regressions";
  worst_case::TempDir t;
  size_t n = 0;
  for (const char* target : {"extract", "parser_diff", "html5_tree", "html5_tokenizer"}) {
    if (!fs::is_directory(root / target)) continue;
    for (const auto& e : fs::directory_iterator(root / target)) {
      if (!e.is_regular_file() || e.path().extension() == ".md") continue;
      for (const char* parser : {"gazette", "gumbo"}) {
        worst_case::CliRun r = worst_case::run_gazette(
            {"extract", "--parser", parser, "--input-format", "html", e.path().string()}, t.path());
        std::string row = e.path().filename().string() + " --parser " + parser;
        EXPECT_EQ(r.signal, 0) << row;
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << row << ": exit " << r.exit_code;
        EXPECT_EQ(worst_case::records(r, row).size(), 1u) << row;
        ++n;
      }
    }
  }
  std::printf("[ REPLAY   ] %zu CLI runs\n", n);
}
