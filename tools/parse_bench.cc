// parse_bench: speed and heap use of the HTML parser backends, on one core (docs/parser.md).
//
//   parse_bench [--reps=N] [--json=FILE] PATH...
//
// Every PATH is a page file or a directory searched recursively (as `gazette extract` does).
// All pages are read and decoded to UTF-8 first (decode::to_utf8, no transport charset), so
// only parse + tree construction is timed: each backend parses every page into one reused
// Document, best of N passes (default 3), in the same run. Times are the thread's CPU time.
//
// Pages are parsed as the Extractor parses them: the tree borrows the input (views instead of
// copies, parse_html's borrow_input).
//
// Heap: this program replaces the global operator new/delete by a counting one. Each page is
// parsed with the Gazette backend into a fresh Document (the worst case: no arena kept from an
// earlier page); the peak of live heap during the parse, divided by the page's UTF-8 size, is
// the page's bytes of heap per input byte. The arena's share of it is reported separately.
// A second figure parses all pages in sequence into one reused Document, as a worker thread
// does, and reports what the arena holds at the end against the largest page.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "decode/decode.h"
#include "io/input.h"
#include "parse/dom.h"
#include "parse/parser.h"

namespace {

size_t g_live = 0, g_peak = 0, g_allocations = 0;
bool g_counting = false;

uint64_t thread_cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

// A size header in front of every block, so that delete knows what it frees.
void* operator new(size_t n) {
  auto* p = static_cast<size_t*>(std::malloc(n + 16));
  if (p == nullptr) throw std::bad_alloc();
  p[0] = n;
  if (g_counting) {
    g_live += n;
    ++g_allocations;
    g_peak = std::max(g_peak, g_live);
  }
  return p + 2;
}
void* operator new[](size_t n) { return operator new(n); }
void operator delete(void* q) noexcept {
  if (q == nullptr) return;
  size_t* p = static_cast<size_t*>(q) - 2;
  if (g_counting) g_live -= std::min(g_live, p[0]);
  std::free(p);
}
void operator delete[](void* q) noexcept { operator delete(q); }
void operator delete(void* q, size_t) noexcept { operator delete(q); }
void operator delete[](void* q, size_t) noexcept { operator delete(q); }

int main(int argc, char** argv) {
  using namespace gazette;
  int reps = 3;
  std::string json_path;
  std::vector<std::string> pages;
  size_t bytes = 0, largest = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--reps=", 0) == 0) {
      reps = std::max(1, std::atoi(a.c_str() + 7));
      continue;
    }
    if (a.rfind("--json=", 0) == 0) {
      json_path = a.substr(7);
      continue;
    }
    std::vector<std::pair<std::string, std::string>> errors;
    for (const std::string& path : io::list_pages(a, errors)) {
      auto raw = io::read_page(path, size_t{1} << 30);
      if (!raw) {
        std::fprintf(stderr, "parse_bench: %s: %s\n", path.c_str(), raw.error().message.c_str());
        continue;
      }
      decode::Decoded d;
      decode::to_utf8(*raw, "", d);
      bytes += d.utf8.size();
      largest = std::max(largest, d.utf8.size());
      pages.push_back(std::move(d.utf8));
    }
    for (auto& [path, reason] : errors)
      std::fprintf(stderr, "parse_bench: %s: %s\n", path.c_str(), reason.c_str());
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: parse_bench [--reps=N] [--json=FILE] PATH...\n");
    return 2;
  }
  std::printf("%zu pages, %.1f MB of UTF-8\n", pages.size(), bytes / 1e6);

  // Heap per page, fresh Document each time.
  std::vector<double> ratios, arena_ratios;
  size_t sum_peak = 0, allocations = 0, over4_big = 0, big_pages = 0;
  for (const std::string& p : pages) {
    g_live = g_peak = g_allocations = 0;
    g_counting = true;
    size_t arena;
    {
      dom::Document doc;
      parse::parse_html(p, doc, parse::Backend::kGazette, /*borrow_input=*/true);
      arena = doc.arena().used();
    }
    g_counting = false;
    allocations += g_allocations;
    sum_peak += g_peak;
    double size = static_cast<double>(std::max<size_t>(p.size(), 1));
    ratios.push_back(g_peak / size);
    arena_ratios.push_back(arena / size);
    // Pages of 16 KiB and more: below that, fixed costs (the tokenizer's and builder's buffers,
    // the first arena block) dominate any ratio.
    if (p.size() >= 16 * 1024) {
      ++big_pages;
      if (g_peak > 4 * p.size()) ++over4_big;
    }
  }
  std::sort(ratios.begin(), ratios.end());
  std::sort(arena_ratios.begin(), arena_ratios.end());
  auto quantile = [](const std::vector<double>& v, double f) {
    return v[static_cast<size_t>(f * static_cast<double>(v.size() - 1))];
  };
  double total_ratio = static_cast<double>(sum_peak) / static_cast<double>(bytes);
  std::printf("heap, fresh Document per page: sum of peaks / input = %.2f B/B\n", total_ratio);
  std::printf("  per page: median %.2f, p90 %.2f, p99 %.2f, max %.2f B/B; arena in use: median %.2f, p90 %.2f;"
              " %zu of %zu pages >= 16 KiB above 4 B/B; %.1f allocations per page\n",
              quantile(ratios, 0.5), quantile(ratios, 0.9), quantile(ratios, 0.99),
              ratios.back(), quantile(arena_ratios, 0.5), quantile(arena_ratios, 0.9), over4_big, big_pages,
              static_cast<double>(allocations) / static_cast<double>(pages.size()));

  // One Document reused for every page, as in a worker thread.
  dom::Document reused;
  for (const std::string& p : pages)
    parse::parse_html(p, reused, parse::Backend::kGazette, /*borrow_input=*/true);
  double reused_ratio = static_cast<double>(reused.arena().capacity()) /
                        static_cast<double>(largest);
  std::printf("heap, one reused Document: arena %.1f MB after all pages = %.2f B/B of the "
              "largest page (%.1f MB)\n",
              reused.arena().capacity() / 1e6, reused_ratio, largest / 1e6);

  auto time_backend = [&](parse::Backend backend) {
    uint64_t best = UINT64_MAX;
    dom::Document doc;
    for (int r = 0; r < reps; ++r) {
      uint64_t t0 = thread_cpu_ns();
      for (const std::string& p : pages) parse::parse_html(p, doc, backend, /*borrow_input=*/true);
      best = std::min(best, thread_cpu_ns() - t0);
    }
    return static_cast<double>(best) / 1e9;
  };
  double t_gazette = time_backend(parse::Backend::kGazette);
  double t_gumbo = time_backend(parse::Backend::kGumbo);
  std::printf("parse + tree, best of %d: gazette %.2f s %.1f MB/s; gumbo %.2f s %.1f MB/s; "
              "%.1fx\n",
              reps, t_gazette, bytes / 1e6 / t_gazette, t_gumbo, bytes / 1e6 / t_gumbo,
              t_gumbo / t_gazette);

  if (!json_path.empty()) {
    FILE* f = std::fopen(json_path.c_str(), "w");
    if (f == nullptr) {
      std::perror(json_path.c_str());
      return 1;
    }
    std::fprintf(f,
                 "{\"pages\": %zu, \"bytes\": %zu, \"reps\": %d, \"gazette_s\": %.4f, "
                 "\"gumbo_s\": %.4f, \"heap_total_ratio\": %.3f, \"heap_median\": %.3f, "
                 "\"heap_p90\": %.3f, \"heap_p99\": %.3f, \"heap_max\": %.3f, "
                 "\"pages_16k\": %zu, \"pages_16k_over_4\": %zu, \"allocations_per_page\": %.1f, "
                 "\"reused_arena_bytes\": %zu, \"largest_page\": %zu}\n",
                 pages.size(), bytes, reps, t_gazette, t_gumbo, total_ratio,
                 quantile(ratios, 0.5), quantile(ratios, 0.9), quantile(ratios, 0.99),
                 ratios.back(), big_pages, over4_big,
                 static_cast<double>(allocations) / static_cast<double>(pages.size()),
                 reused.arena().capacity(), largest);
    std::fclose(f);
  }
  return 0;
}
