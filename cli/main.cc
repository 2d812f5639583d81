// gazette: the command line, a thin client of libgazette.
//
// Data goes to stdout (or -o FILE); messages go to stderr as "gazette: <file>: <reason>".
// Exit status: 0 every page gave an article, 1 some did not, 2 usage error.
#include <CLI/CLI.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <time.h>
#include <unordered_map>
#include <unistd.h>
#include <vector>
#include <filesystem>

#include "corpus/dedup.h"
#include "gazette/gazette.h"
#include "io/fetch.h"
#include "io/input.h"
#include "io/output_file.h"
#include "io/warc.h"
#include "metadata/date.h"
#include "output/json.h"
#include "util/cpu_time.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Settings {
  std::vector<std::string> inputs;
  std::string output;
  std::string format = "json";
  std::string body_format = "text";
  std::string url;
  std::string charset;
  std::string parser = "gazette";
  std::string input_format = "auto";
  std::string reference_time;
  std::string stats;
  unsigned jobs = 0;
  size_t max_bytes = 64u << 20;
  size_t max_nodes = gazette::Options().max_nodes;
  double max_seconds = gazette::Options().max_page_seconds;
  bool quiet = false;
  bool unordered = false;
  // Live URLs.
  std::vector<std::string> url_files;
  double timeout_s = 30;
  // Duplicates and story clusters.
  bool dedup = false;
  double dedup_threshold = 0.8;
  // Provenance.
  bool explain = false;
  std::string prefer;
  unsigned per_host = 2;
  std::string user_agent;
};

bool is_url(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://"); }

// One page to process: a file path, "-" for standard input, or a response record of a WARC
// archive (its payload in `body`).
struct Job {
  std::string source;
  bool in_memory = false;
  std::string body, url, charset, warc_record_id, warc_date;
  std::string reference_time;  // when the page was fetched (WARC-Date, HTTP Date), if known
  std::optional<gazette::Error> error;  // a page that could not be fetched
  uint64_t input_bytes = 0;  // of the input's size, for progress (a WARC: its share of the file)

  static Job file(std::string path) {
    Job j;
    j.source = std::move(path);
    return j;
  }
};

// What the WARC inputs held besides articles, for the summary line.
struct WarcCounts {
  uint64_t responses = 0, not_ok = 0, not_html = 0, other_types = 0, errors = 0;
};

bool is_warc_name(std::string_view name) {
  for (std::string_view suffix : {".warc", ".warc.gz", ".warc.zst", ".arc.gz"})
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
      return true;
  return false;
}

bool is_html_type(std::string_view media_type) {
  return media_type.empty() || media_type == "text/html" ||
         media_type == "application/xhtml+xml";
}

struct Outcome {
  std::string text;        // what goes to the output (record or rendered article)
  std::string message;     // for stderr, empty when fine
  std::string label;       // the page in messages: its path, or "archive URL" for WARC records
  bool ok = false;
  uint64_t read_ns = 0, page_ns = 0;
  uint64_t input_bytes = 0, html_bytes = 0;
  // --dedup: the body's fingerprint (computed by the worker), the record's identifier for
  // duplicate_of (WARC-Record-ID, else the URL fetched, else the path) and its site.
  std::optional<gazette::corpus::Fingerprint> fingerprint;
  std::string record_id, site;
  uint64_t dedup_ns = 0;
  uint64_t render_ns = 0;  // rendering the record (JSON, text or Markdown): part of "output"
};

std::string render(const gazette::Article& a, const Settings& s, bool several) {
  using gazette::Format;
  if (s.format == "json")
    return gazette::to_json(a, s.body_format == "markdown" ? Format::kMarkdown : Format::kText) +
           "\n";
  std::string out;
  if (s.format == "markdown") {
    if (several) out += "<!-- " + a.source + " -->\n";
    if (!a.title.empty()) out += "# " + a.title + "\n\n";
    std::string meta;
    for (size_t i = 0; i < a.authors.size(); ++i) meta += (i ? ", " : "") + a.authors[i];
    for (const std::string* f : {&a.date_published, &a.site_name})
      if (!f->empty()) meta += (meta.empty() ? "" : " · ") + *f;
    if (!meta.empty()) out += "*" + meta + "*\n\n";
    out += gazette::render_body(a, Format::kMarkdown) + "\n\n";
    return out;
  }
  if (several) out += "==> " + a.source + " <==\n";
  if (!a.title.empty()) out += a.title + "\n\n";
  out += a.body + "\n\n";
  return out;
}

// --input-format auto: .txt (and .txt.gz) files are scraped text, everything else HTML.
gazette::InputFormat input_format_of(const std::string& source, const std::string& flag) {
  if (flag == "text") return gazette::InputFormat::kText;
  if (flag == "html") return gazette::InputFormat::kHtml;
  std::string_view name = source;
  if (name.size() > 3 && name.substr(name.size() - 3) == ".gz") name.remove_suffix(3);
  bool txt = name.size() > 4 && (name.substr(name.size() - 4) == ".txt" ||
                                 name.substr(name.size() - 4) == ".TXT");
  return txt ? gazette::InputFormat::kText : gazette::InputFormat::kHtml;
}

void print_error(const std::string& source, const std::string& reason) {
  std::fprintf(stderr, "gazette: %s: %s\n", source.c_str(), reason.c_str());
}

using gazette::util::thread_cpu_ns;  // the library's stage timers use the same clock

void add_ns(std::atomic<uint64_t>& a, uint64_t v) { a.fetch_add(v, std::memory_order_relaxed); }

// Human-friendly durations and sizes for the progress line.
std::string format_eta(double seconds) {
  char buf[32];
  auto t = static_cast<long long>(seconds + 0.5);
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", t / 3600, t / 60 % 60);
  else
    std::snprintf(buf, sizeof buf, "%lldm%02llds", t / 60, t % 60);
  return buf;
}

uint64_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<uint64_t>(n);
}

int run_extract(const Settings& s) {
  int status = 0;
  // Text and Markdown output put a header before each article when there may be several.
  bool several = s.inputs.size() > 1 || !s.url_files.empty();
  for (const std::string& in : s.inputs) {
    std::error_code ec;
    if (is_warc_name(in) || (in != "-" && std::filesystem::is_directory(in, ec))) several = true;
  }

  auto opened = gazette::io::OutputFile::open(s.output);
  if (!opened) {
    print_error(s.output, opened.error().message);
    return 2;
  }
  gazette::io::OutputFile& out = **opened;

  unsigned threads = s.jobs ? s.jobs : std::max(1u, std::thread::hardware_concurrency());

  gazette::Options base;
  base.charset = s.charset;
  base.max_input_bytes = s.max_bytes;
  base.max_nodes = s.max_nodes;
  base.max_page_seconds = s.max_seconds;
  base.parser = s.parser == "gumbo" ? gazette::Parser::kGumbo : gazette::Parser::kGazette;
  base.explain = s.explain;
  if (!s.prefer.empty()) base.prefer_sources = *gazette::parse_source_order(s.prefer);  // checked in main

  // One producer (expanding directories and reading WARC archives), `threads` workers, and
  // this thread writing results. Pages live in a ring of `window` slots: page i in slot
  // i % window, from the producer's push until the writer has written it, so memory is bounded
  // however many pages or records there are. In input order (the default) the writer takes
  // page 0, 1, 2...; with --unordered it takes whichever is done first.
  // Invariants: written <= produced <= written + window (ordered) ; a slot is kFree, or holds
  // page i with produced > i. Everything shared is touched under `mu`.
  // Hand-offs go in batches: the writer is woken when `batch` pages are ready to write (or
  // the input is over), and a producer waiting for room when `batch` slots are free. A wake-up
  // per page cost about 3% of a -j 1 run in the kernel's wake-up and task switch (perf), and at
  // -j 2 it made three threads take turns on two cores page by page. Deadlock-free because
  // batch <= window / 4: a blocked producer leaves over 3/4 of the window in flight, and every
  // page in flight becomes ready without needing room. The writer also wakes every
  // `kWriterPatience` to write what is ready, so that slow inputs (live URLs) still stream.
  struct Slot {
    enum class State { kFree, kQueued, kTaken, kDone } state = State::kFree;
    Job job;
    Outcome outcome;
  };
  const size_t window = 16 * threads;
  const size_t batch = window / 4;
  constexpr auto kWriterPatience = std::chrono::milliseconds(50);
  std::vector<Slot> slots(window);
  std::deque<size_t> finished;  // --unordered: done pages, in the order they finished
  std::mutex mu;
  std::condition_variable cv_ready, cv_space, cv_work;
  size_t produced = 0, next_job = 0, written = 0;
  bool done_producing = false;
  bool writer_waiting = false, producer_waiting = false;
  // Pages the writer may take now (up to `limit`): in input order, the done pages from
  // `written` on; with --unordered, every done page. Called under `mu`.
  auto ready_count = [&](size_t limit) {
    if (s.unordered) return std::min(limit, finished.size());
    size_t n = 0;
    while (n < limit && written + n < produced &&
           slots[(written + n) % window].state == Slot::State::kDone)
      ++n;
    return n;
  };
  // After page i is done, under `mu`: wakes the writer when a batch is ready.
  auto page_done = [&](size_t i) {
    slots[i % window].state = Slot::State::kDone;
    if (s.unordered) finished.push_back(i);
    if (writer_waiting && (done_producing || ready_count(batch) >= batch)) cv_ready.notify_one();
  };
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> decode_ns{0}, parse_ns{0}, extract_ns{0}, metadata_ns{0}, read_ns{0},
      bytes{0}, pages{0}, warc_ns{0}, inflate_ns{0}, dedup_ns{0};
  // Progress: input bytes (file sizes; for a WARC, its compressed bytes) known and consumed.
  std::atomic<uint64_t> input_total{0};
  std::atomic<bool> total_known{true};
  uint64_t max_page_ns = 0;
  std::string max_page_source;
  std::vector<std::pair<std::string, std::string>> producer_errors;
  WarcCounts warc;
  bool any_warc = false;

  if (!s.url_files.empty()) total_known = false;
  for (const std::string& in : s.inputs) {
    std::error_code ec;
    if (in == "-" || is_url(in)) total_known = false;
    else if (!std::filesystem::is_directory(in, ec)) input_total += file_size_or_zero(in);
  }

  // The producer is one of the -j threads that extract: with -j 1 it extracts each page itself
  // (one thread does all the work, so that -j 1 means one core); otherwise it queues pages for
  // the -j minus 1 workers and, while the window is full, extracts queued pages itself instead
  // of waiting (`help`). So -j N keeps N threads busy, not N + 1: with a reader beside N
  // workers, -j 2 on two cores had three threads taking turns, and each ran slower.
  std::function<Outcome(Job&)> inline_process;
  std::function<Outcome(Job&)> help;
  // Takes queued page i for extraction (under `mu`).
  auto take_job = [&](size_t i) {
    Slot& slot = slots[i % window];
    Job job = std::move(slot.job);
    slot.job = Job();
    slot.state = Slot::State::kTaken;
    return job;
  };
  auto push = [&](Job job) {
    std::optional<Outcome> done;
    if (inline_process) done = inline_process(job);
    std::unique_lock lock(mu);
    size_t i = produced;
    Slot& slot = slots[i % window];
    auto room = [&] {
      return stop || (slot.state == Slot::State::kFree && written + window - produced >= batch);
    };
    while (!room()) {
      if (help && next_job < produced) {
        const size_t k = next_job++;
        Job queued = take_job(k);
        lock.unlock();
        Outcome o = help(queued);
        lock.lock();
        slots[k % window].outcome = std::move(o);
        page_done(k);
        continue;
      }
      producer_waiting = true;
      cv_space.wait(lock);
      producer_waiting = false;
    }
    if (stop) return false;
    ++produced;
    if (done) {
      slot.outcome = std::move(*done);
      page_done(i);
      return true;
    }
    slot.job = std::move(job);
    slot.state = Slot::State::kQueued;
    cv_work.notify_one();
    return true;
  };

  // Live URLs go through one Fetcher per run of URLs: transfers overlap (per-host limit), the
  // results come back in the order given, and at most `fetch_window` pages are in flight.
  gazette::io::FetchOptions fetch_options;
  fetch_options.timeout_ms = static_cast<long>(s.timeout_s * 1000);
  fetch_options.per_host = s.per_host;
  fetch_options.max_bytes = s.max_bytes;
  if (!s.user_agent.empty()) fetch_options.user_agent = s.user_agent;
  const size_t fetch_window = 4 * fetch_options.max_connections;
  auto fetch_all = [&](const std::function<bool(std::string&)>& next_url) {
    gazette::io::Fetcher fetcher(fetch_options);
    bool more = true;
    while (true) {
      std::string url;
      while (more && fetcher.pending() < fetch_window) {
        if (!next_url(url)) {
          more = false;
          break;
        }
        fetcher.add(url);
      }
      gazette::io::FetchResult r;
      if (!fetcher.next(r)) return true;
      Job job;
      job.source = r.url;
      job.in_memory = true;
      job.body = std::move(r.body);
      job.url = r.final_url.empty() ? r.url : r.final_url;
      job.charset = r.charset;
      job.reference_time = r.http_date;
      job.error = std::move(r.error);
      if (!push(std::move(job))) return false;
    }
  };

  auto produce = [&] {
    for (size_t k = 0; k < s.inputs.size(); ++k) {
      const std::string& in = s.inputs[k];
      std::error_code ec;
      if (is_url(in)) {
        // This URL and the ones that follow it on the command line, fetched together.
        if (!fetch_all([&](std::string& url) {
              if (k >= s.inputs.size() || !is_url(s.inputs[k])) return false;
              url = s.inputs[k++];
              return true;
            }))
          return;
        --k;  // the loop's ++k moves to the first input after the URLs
      } else if (in != "-" && std::filesystem::is_directory(in, ec)) {
        std::vector<std::pair<std::string, std::string>> errors;
        std::vector<std::string> listed = gazette::io::list_pages(in, errors);
        for (const std::string& p : listed) input_total += file_size_or_zero(p);
        for (auto& p : listed) {
          Job job = Job::file(std::move(p));
          job.input_bytes = file_size_or_zero(job.source);
          if (!push(std::move(job))) return;
        }
        std::lock_guard lock(mu);
        for (auto& e : errors) producer_errors.push_back(std::move(e));
      } else if (is_warc_name(in)) {
        any_warc = true;
        // A record's block and its decoded payload are held to --max-bytes too: a gzip bomb
        // or a lying Content-Length is skipped, not inflated into memory.
        gazette::io::WarcLimits warc_limits;
        warc_limits.max_record_bytes = s.max_bytes;
        auto reader = gazette::io::WarcReader::open(in, warc_limits);
        if (!reader) {
          std::lock_guard lock(mu);
          producer_errors.emplace_back(in, reader.error().message);
          continue;
        }
        gazette::io::WarcRecord rec;
        std::optional<gazette::Error> error;
        uint64_t consumed = 0;  // of this file, already counted as progress
        while (true) {
          uint64_t t0 = thread_cpu_ns();
          bool more = (*reader)->next(rec, error);
          add_ns(warc_ns, thread_cpu_ns() - t0);
          if (!more) break;
          if (error) {
            std::lock_guard lock(mu);
            ++warc.errors;
            producer_errors.emplace_back(in, error->message);
            continue;
          }
          if (rec.type != "response") {
            ++warc.other_types;
            continue;
          }
          ++warc.responses;
          if (rec.http_status != 200) {
            ++warc.not_ok;
            continue;
          }
          if (!is_html_type(rec.content_type)) {
            ++warc.not_html;
            continue;
          }
          Job job;
          job.source = in;
          job.in_memory = true;
          job.body = std::move(rec.body);
          job.url = rec.target_uri;
          job.charset = rec.charset;
          job.warc_record_id = rec.record_id;
          job.warc_date = rec.date;
          job.reference_time = rec.date;
          uint64_t now_read = (*reader)->bytes_read();
          job.input_bytes = now_read - consumed;
          consumed = now_read;
          if (!push(std::move(job))) return;
        }
        add_ns(inflate_ns, (*reader)->inflate_ns());
      } else {
        Job job = Job::file(in);
        job.input_bytes = in == "-" ? 0 : file_size_or_zero(in);
        if (!push(std::move(job))) return;
      }
    }
    // --urls FILE: one URL per line; blank lines and lines starting with '#' are skipped.
    for (const std::string& file : s.url_files) {
      std::ifstream list;
      std::istream* lines = &std::cin;
      if (file != "-") {
        list.open(file);
        if (!list) {
          std::lock_guard lock(mu);
          producer_errors.emplace_back(file, std::strerror(errno));
          continue;
        }
        lines = &list;
      }
      bool pushed = fetch_all([&](std::string& url) {
        std::string line;
        while (std::getline(*lines, line)) {
          size_t b = line.find_first_not_of(" \t\r");
          size_t e = line.find_last_not_of(" \t\r");
          if (b == std::string::npos || line[b] == '#') continue;
          url = line.substr(b, e - b + 1);
          return true;
        }
        return false;
      });
      if (!pushed) return;
    }
  };

  gazette::corpus::DedupOptions dedup_options;
  dedup_options.threshold = s.dedup_threshold;
  gazette::corpus::Deduplicator dedup(dedup_options);
  // Identifiers of the records that duplicates may point to (the first of each group).
  std::unordered_map<uint64_t, std::string> first_ids;
  uint64_t duplicates = 0;

  // Reads (unless in memory) and extracts one page.
  auto process = [&](Job& job, gazette::Extractor& ex) {
    Outcome o;
    o.input_bytes = job.input_bytes;
    auto t0 = Clock::now();
    gazette::Result<std::string> data = std::string();
    if (job.error) {
      data = std::move(*job.error);
    } else if (job.in_memory) {
      data = std::move(job.body);
    } else if (job.source == "-") {
      std::string buf((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      data = std::move(buf);
    } else {
      data = gazette::io::read_page(job.source, s.max_bytes);
    }
    auto t1 = Clock::now();
    o.read_ns = static_cast<uint64_t>((t1 - t0).count());
    if (!data) {
      o.message = data.error().message;
      o.text = gazette::error_json(job.source, data.error()) + "\n";
    } else {
      o.html_bytes = data->size();
      gazette::Options opt = base;
      opt.url = job.in_memory ? job.url : s.url;
      if (job.in_memory && !job.charset.empty()) opt.charset = job.charset;
      // When the page was fetched (a WARC record's WARC-Date, a live page's HTTP Date):
      // "2 hours ago" is from then.
      opt.reference_time = !job.reference_time.empty() ? job.reference_time : s.reference_time;
      opt.input_format = input_format_of(job.source, s.input_format);
      if (job.in_memory && s.input_format == "auto") opt.input_format = gazette::InputFormat::kHtml;
      auto r = ex.extract(*data, opt);
      if (r) {
        r->source = job.source;
        r->warc_record_id = job.warc_record_id;
        r->warc_date = job.warc_date;
        if (job.in_memory && r->url.empty()) r->url = job.url;
        uint64_t t = thread_cpu_ns();
        o.text = render(*r, s, several);
        uint64_t rendered = thread_cpu_ns();
        o.render_ns = rendered - t;
        o.ok = true;
        if (s.dedup) {
          o.fingerprint = gazette::corpus::fingerprint(r->body, dedup_options);
          o.dedup_ns = thread_cpu_ns() - rendered;
          o.record_id = !r->warc_record_id.empty() ? r->warc_record_id : job.source;
          o.site = !r->site_name.empty() ? r->site_name : r->url;
        }
      } else {
        o.message = r.error().message;
        o.text = gazette::error_json(job.source, r.error()) + "\n";
      }
    }
    o.label = job.in_memory && job.source != job.url && !is_url(job.source)
                  ? job.source + " " + job.url
                  : job.source;
    o.page_ns = static_cast<uint64_t>((Clock::now() - t1).count());
    return o;
  };
  auto add_times = [&](const gazette::Extractor& ex) {
    add_ns(decode_ns, ex.times().decode_ns);
    add_ns(parse_ns, ex.times().parse_ns);
    add_ns(extract_ns, ex.times().extract_ns);
    add_ns(metadata_ns, ex.times().metadata_ns);
    add_ns(bytes, ex.times().bytes);
    add_ns(pages, ex.times().pages);
  };

  // Extracts queued pages until there are none and none to come.
  auto work = [&](gazette::Extractor& ex) {
    while (true) {
      size_t i;
      Job job;
      {
        std::unique_lock lock(mu);
        cv_work.wait(lock, [&] { return stop || next_job < produced || done_producing; });
        if (stop || next_job >= produced) break;  // nothing left and nothing to come
        i = next_job++;
        job = take_job(i);
      }
      Outcome o = process(job, ex);
      std::lock_guard lock(mu);
      slots[i % window].outcome = std::move(o);
      page_done(i);
    }
  };
  auto worker = [&] {
    gazette::Extractor ex;
    work(ex);
    add_times(ex);
  };

  auto started = Clock::now();
  std::thread producer([&] {
    gazette::Extractor own;
    if (threads == 1)
      inline_process = [&](Job& job) { return process(job, own); };
    else
      help = [&](Job& job) { return process(job, own); };
    produce();
    {
      std::lock_guard lock(mu);
      done_producing = true;
      cv_work.notify_all();
      cv_ready.notify_all();
    }
    if (threads > 1) work(own);  // the last queued pages, beside the workers
    add_times(own);
  });
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);

  // The live progress line: on a terminal only, at most 5 times a second.
  const bool progress = !s.quiet && isatty(fileno(stderr)) != 0;
  auto last_progress = started;
  uint64_t done_input = 0, done_html = 0, articles = 0, failed = 0;
  auto show_progress = [&](bool final) {
    auto now = Clock::now();
    if (!final && now - last_progress < std::chrono::milliseconds(200)) return;
    last_progress = now;
    double secs = std::chrono::duration<double>(now - started).count();
    if (final) {
      std::fputs("\r\033[K", stderr);
      return;
    }
    std::string line = "\r\033[Kgazette: " + std::to_string(written) + " pages";
    char buf[96];
    if (secs > 0) {
      std::snprintf(buf, sizeof buf, ", %.0f pages/s, %.1f MB/s", written / secs,
                    done_html / 1e6 / secs);
      line += buf;
    }
    uint64_t total = input_total.load();
    if (total_known && total > 0 && done_input > 0 && done_input <= total) {
      std::snprintf(buf, sizeof buf, ", %.0f%%, ETA %s", 100.0 * done_input / total,
                    format_eta(secs * static_cast<double>(total - done_input) / done_input).c_str());
      line += buf;
    }
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  };

  uint64_t output_ns = 0;
  bool reader_gone = false;
  std::vector<std::pair<size_t, Outcome>> taken;  // this batch: (page, outcome)
  while (!reader_gone) {
    taken.clear();
    {
      std::unique_lock lock(mu);
      size_t n = 0;
      writer_waiting = true;
      while (true) {
        n = ready_count(window);
        if (n >= batch || (n > 0 && done_producing) || stop) break;
        if (done_producing && written >= produced) break;  // all written
        if (cv_ready.wait_for(lock, kWriterPatience) == std::cv_status::timeout) {
          n = ready_count(window);
          if (n > 0) break;
        }
      }
      writer_waiting = false;
      for (size_t k = 0; k < n; ++k) {
        size_t i = s.unordered ? finished[k] : written + k;
        taken.emplace_back(i, std::move(slots[i % window].outcome));
        slots[i % window].outcome = Outcome();
      }
      if (s.unordered) finished.erase(finished.begin(), finished.begin() + static_cast<long>(n));
    }
    if (taken.empty()) break;
    size_t done_here = 0;
    for (auto& page : taken) {
      Outcome& o = page.second;
      add_ns(read_ns, o.read_ns);
      if (o.page_ns > max_page_ns) {
        max_page_ns = o.page_ns;
        max_page_source = o.label;
      }
      if (o.ok) {
        ++articles;
      } else {
        ++failed;
        status = 1;
        if (!s.quiet) {
          if (progress) std::fputs("\r\033[K", stderr);
          print_error(o.label, o.message);
        }
      }
      done_input += o.input_bytes;
      done_html += o.html_bytes;
      add_ns(dedup_ns, o.dedup_ns);
      output_ns += o.render_ns;
      if (o.fingerprint) {
        // In the order written, so "the first record seen" is the first one in the output.
        uint64_t t = thread_cpu_ns();
        uint64_t index = written + done_here;
        gazette::corpus::Verdict v = dedup.add(index, *o.fingerprint, o.site);
        std::string fields;
        if (v.duplicate_of) {
          ++duplicates;
          fields += ", \"duplicate_of\": ";
          auto it = first_ids.find(*v.duplicate_of);
          gazette::output::append_json_string(fields, it != first_ids.end() ? it->second : "");
          fields += v.exact ? ", \"duplicate\": \"exact\"" : ", \"duplicate\": \"near\"";
        } else {
          first_ids.emplace(index, std::move(o.record_id));
        }
        fields += ", \"cluster\": " + std::to_string(v.cluster);
        // The record is one JSON object and a newline: the fields go before its closing brace.
        if (o.text.size() >= 2 && o.text.compare(o.text.size() - 2, 2, "}\n") == 0)
          o.text.insert(o.text.size() - 2, fields);
        add_ns(dedup_ns, thread_cpu_ns() - t);
      }
      uint64_t t = thread_cpu_ns();
      // In text and Markdown output a failed page has no record; JSON keeps one per page.
      bool wrote = (s.format != "json" && !o.ok) ? true : out.write(o.text);
      output_ns += thread_cpu_ns() - t;
      ++done_here;
      if (!wrote) {
        reader_gone = true;  // closed pipe or failed disk: end (quietly for a pipe)
        break;
      }
      if (progress) show_progress(false);
    }
    std::lock_guard lock(mu);
    for (auto& taken_page : taken) slots[taken_page.first % window].state = Slot::State::kFree;
    written += taken.size();
    if (reader_gone) stop = true;
    if (producer_waiting && (stop || written + window - produced >= batch)) cv_space.notify_all();
  }
  {
    std::lock_guard lock(mu);
    stop = true;
    cv_space.notify_all();
    cv_work.notify_all();
  }
  producer.join();
  for (auto& t : pool) t.join();
  if (progress) show_progress(true);
  uint64_t wall_ns = static_cast<uint64_t>((Clock::now() - started).count());
  for (auto& [path, reason] : producer_errors) {
    print_error(path, reason);
    status = 1;
  }
  bool closed_ok = out.close();
  if (reader_gone && (s.output.empty() || s.output == "-")) return status;  // not our error
  if (!closed_ok) {
    print_error(s.output.empty() ? "<stdout>" : s.output, "write failed");
    return 1;
  }
  // One summary line for batches (several pages, a directory, an archive).
  if (!s.quiet && (several || any_warc)) {
    std::string line = "gazette: " + std::to_string(written) + " pages: " +
                       std::to_string(articles) + " articles, " + std::to_string(failed) +
                       " without article";
    if (s.dedup) line += ", " + std::to_string(duplicates) + " duplicates";
    if (any_warc)
      line += "; WARC: " + std::to_string(warc.responses) + " responses; skipped " +
              std::to_string(warc.not_ok) + " not 200, " + std::to_string(warc.not_html) +
              " not HTML; " + std::to_string(warc.other_types) + " other records; " +
              std::to_string(warc.errors) + " errors";
    std::fprintf(stderr, "%s\n", line.c_str());
  }

  if (!s.stats.empty()) {
    FILE* f = std::fopen(s.stats.c_str(), "w");
    if (!f) {
      print_error(s.stats, std::strerror(errno));
      return 1;
    }
    std::string src;
    gazette::output::append_json_string(src, max_page_source);
    std::fprintf(f,
                 "{\"pages\": %llu, \"bytes\": %llu, \"read_ns\": %llu, \"warc_ns\": %llu, "
                 "\"inflate_ns\": %llu, \"decode_ns\": %llu, "
                 "\"parse_ns\": %llu, \"extract_ns\": %llu, \"metadata_ns\": %llu, "
                 "\"dedup_ns\": %llu, \"output_ns\": %llu, \"wall_ns\": %llu, "
                 "\"max_page_ns\": %llu, "
                 "\"max_page_source\": %s, \"threads\": %u}\n",
                 static_cast<unsigned long long>(pages.load()),
                 static_cast<unsigned long long>(bytes.load()),
                 static_cast<unsigned long long>(read_ns.load()),
                 static_cast<unsigned long long>(warc_ns.load()),
                 static_cast<unsigned long long>(inflate_ns.load()),
                 static_cast<unsigned long long>(decode_ns.load()),
                 static_cast<unsigned long long>(parse_ns.load()),
                 static_cast<unsigned long long>(extract_ns.load()),
                 static_cast<unsigned long long>(metadata_ns.load()),
                 static_cast<unsigned long long>(dedup_ns.load()),
                 static_cast<unsigned long long>(output_ns),
                 static_cast<unsigned long long>(wall_ns),
                 static_cast<unsigned long long>(max_page_ns), src.c_str(), threads);
    std::fclose(f);
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed stdout pipe must end the program quietly, not kill it with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"gazette: clean, structured articles from news pages"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "gazette 0.1.0");

  Settings s;
  CLI::App* extract = app.add_subcommand("extract", "Extract one article record per page");
  extract->add_option("inputs", s.inputs,
                      "Pages: files, directories (searched recursively for .html, .htm, "
                      ".xhtml, .txt, and .gz of each), WARC archives (.warc, .warc.gz, .warc.zst), "
                      "http(s) URLs, or - for standard input");
  std::string source_names;
  for (std::string_view n : gazette::kSourceNames)
    source_names += (source_names.empty() ? "" : ", ") + std::string(n);
  extract->add_flag("--explain", s.explain,
                    "Add \"explain\": for each field, the source that supplied it and the "
                    "candidates that lost, with the reason");
  extract->add_option("--prefer", s.prefer,
                      "Comma-separated source order that wins over the default choice, e.g. "
                      "opengraph,json-ld (sources: " + source_names + ")");
  extract->add_flag("--dedup", s.dedup,
                    "Mark duplicates (\"duplicate_of\": the first record with the same or a "
                    "near-identical body, \"duplicate\": exact or near) and give every record "
                    "a story \"cluster\" (the output line of the cluster's first record); JSON "
                    "output only");
  extract->add_option("--dedup-threshold", s.dedup_threshold,
                      "Jaccard similarity of word 5-shingles from which bodies are near "
                      "duplicates (default 0.8)")
      ->check(CLI::Range(0.5, 1.0));
  extract->add_option("--urls", s.url_files,
                      "Fetch and extract the URLs listed in FILE, one per line (- for standard "
                      "input); URLs can also be given as inputs");
  extract->add_option("--timeout", s.timeout_s, "Seconds allowed for fetching one URL (default 30)")
      ->check(CLI::Range(0.001, 86400.0));
  extract->add_option("--per-host", s.per_host,
                      "Transfers at once to one host when fetching URLs (default 2)")
      ->check(CLI::Range(1u, 64u));
  extract->add_option("--user-agent", s.user_agent, "User-Agent header for fetching URLs");
  extract->add_option("-o,--output", s.output,
                      "Write to FILE instead of standard output; FILE.gz and FILE.zst are "
                      "compressed");
  extract->add_option("--format", s.format, "Output: json (one JSON object per line), text, markdown")
      ->check(CLI::IsMember({"json", "text", "markdown"}));
  extract->add_option("--body-format", s.body_format, "The body inside JSON records: text or markdown")
      ->check(CLI::IsMember({"text", "markdown"}));
  extract->add_option("--input-format", s.input_format,
                      "auto (.txt files are scraped text, the rest HTML), html, or text")
      ->check(CLI::IsMember({"auto", "html", "text"}));
  extract->add_option("--url", s.url, "The page's URL (for standard input or a single file)");
  extract->add_option("--reference-time", s.reference_time,
                      "When the pages were fetched (ISO 8601), to resolve relative dates such as "
                      "\"2 hours ago\"; WARC records use their WARC-Date");
  extract->add_option("--charset", s.charset, "The transport charset, as HTTP Content-Type would give it");
  extract->add_option("--parser", s.parser,
                      "HTML parser: gazette (our own, the default) or gumbo (the reference)")
      ->check(CLI::IsMember({"gazette", "gumbo"}));
  extract->add_option("-j,--jobs", s.jobs,
                      "Threads that extract, the one reading the input among them (default: all "
                      "cores)")
      ->check(CLI::Range(1u, 1024u));
  extract->add_option("--max-bytes", s.max_bytes,
                      "Largest page read, in bytes, after decompression (a .gz file, a WARC "
                      "record, a fetched body); larger ones get an error record (default 64 MiB)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 40));
  extract->add_option("--max-nodes", s.max_nodes,
                      "Most DOM nodes one page may build; past it the page gets an error record "
                      "(default 4000000; 0: no limit)");
  extract->add_option("--max-seconds", s.max_seconds,
                      "Most time one page may take from parsing on; past it the page gets an "
                      "error record (default 10; 0: no limit)")
      ->check(CLI::Range(0.0, 86400.0));
  extract->add_option("--stats", s.stats, "Write per-stage timings as JSON to FILE");
  extract->add_flag("--unordered", s.unordered,
                    "Write each record as soon as it is done instead of in input order");
  extract->add_flag("-q,--quiet", s.quiet,
                    "No per-page messages, progress line or summary on standard error");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (!s.reference_time.empty()) {
    auto t = gazette::metadata::parse_date(s.reference_time);
    if (!t || !t->has_time) {
      std::fprintf(stderr, "gazette: --reference-time: not a date and time: %s\n",
                   s.reference_time.c_str());
      return 2;
    }
  }
  if (!s.prefer.empty()) {
    auto order = gazette::parse_source_order(s.prefer);
    if (!order) {
      std::fprintf(stderr, "gazette: --prefer: %s\n", order.error().message.c_str());
      return 2;
    }
  }
  if (s.dedup && s.format != "json") {
    std::fprintf(stderr, "gazette: --dedup needs --format json (its marks are record fields)\n");
    return 2;
  }
  if (s.inputs.empty() && s.url_files.empty()) {
    std::fprintf(stderr, "gazette: extract: no input (give files, directories, URLs or --urls)\n");
    return 2;
  }
  if (s.url.size() && s.inputs.size() > 1) {
    std::fprintf(stderr, "gazette: --url applies to a single input\n");
    return 2;
  }
  return run_extract(s);
}
