#!/usr/bin/env python3
"""Benchmark Gazette's quality and speed on the shared bench datasets and
write BENCHMARKS.md.

    bench/run.py --gazette build/gazette --out BENCHMARKS.md
                 [--datasets a,b] [--parsers gumbo,gazette] [--bench-dir ../shared/bench]

Every gazette run is single-threaded (-j 1) and all runs happen before any
scoring, so the timings are taken with nothing else of ours running.
Outputs (gazette JSONL, stats, predictions, scores) stay in --work-dir,
by default <directory of the gazette binary>/bench (build/bench).
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import BenchError, log  # noqa: E402

SLOW_PAGE_LIMIT_NS = 1_000_000_000

PEER_NAMES = {
    "trafilatura": "trafilatura 2.2",
    "readability-js": "Readability.js 0.6",
    "resiliparse": "Resiliparse 0.16",
}

COLUMNS = [  # (figure, header)
    ("body_f1", "body F1"), ("body_precision", "body P"), ("body_recall", "body R"),
    ("snippet_f1", "snippet F1"),
    ("title", "title"), ("author", "author"), ("date", "date"), ("lang", "lang"),
]


# --------------------------------------------------------------------------
# Environment

def git_revision():
    try:
        rev = subprocess.run(["git", "-C", common.ROOT, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rev = "(no commit)"
    return rev


def git_dirty(exclude):
    """True when the work tree differs from HEAD, ignoring `exclude` (the
    output file). Untracked files count: CMake globs the sources."""
    cmd = ["git", "-C", common.ROOT, "status", "--porcelain", "--", "."]
    rel = os.path.relpath(os.path.abspath(exclude), common.ROOT)
    if not rel.startswith(".."):
        cmd.append(":(exclude)" + rel)
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return False
    return bool(out.strip())


def cpu_model():
    model, n = "unknown CPU", 0
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "model name" and model == "unknown CPU":
                    model = value.strip()
                elif key == "processor":
                    n += 1
    except OSError:
        pass
    return f"{model} ({n or os.cpu_count()} logical CPUs)"


# --------------------------------------------------------------------------
# Formatting

def f3(v):
    return "–" if v is None else f"{v:.3f}"


def md_table(header, rows, align=None):
    align = align or ["---"] + ["---:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def fmt_ns(ns):
    if ns is None:
        return "–"
    if ns >= 1e9:
        return f"{ns / 1e9:.2f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.1f} ms"
    return f"{ns / 1e3:.0f} µs"


def fmt_rate(n, ns):
    if n is None or not ns:
        return "–"
    r = n / (ns / 1e9)
    return f"{r:,.0f}" if r >= 100 else f"{r:.1f}"


def parser_label(parser):
    return "Gazette" if parser is None else f"Gazette ({parser})"


# --------------------------------------------------------------------------
# Throughput

def short_source(r, source):
    """A page path relative to the dataset's pages/ (gazette may give it in full)."""
    source = str(source)
    if os.path.isabs(source) and source.startswith(r["pages_dir"] + os.sep):
        return os.path.relpath(source, r["pages_dir"])
    return source


def aggregate_stats(runs):
    """Sum the --stats of several runs (one per dataset)."""
    agg = {"pages": 0, "bytes": 0, "wall_s": 0.0, "max_page_ns": -1, "max_page_source": None,
           "max_rss_kib": 0, "max_rss_dataset": None}
    for s in STAGE_KEYS:
        agg[s] = 0
    for name, r in runs:
        st = r["stats"]
        agg["pages"] += int(st.get("pages") or 0)
        agg["bytes"] += int(st.get("bytes") or 0)
        agg["wall_s"] += r["wall_s"]
        for s in STAGE_KEYS:
            if agg[s] is not None and isinstance(st.get(s), (int, float)):
                agg[s] += st[s]
            else:
                agg[s] = None
        mp = st.get("max_page_ns")
        if isinstance(mp, (int, float)) and mp > agg["max_page_ns"]:
            agg["max_page_ns"] = mp
            agg["max_page_source"] = f"{name}/pages/{short_source(r, st.get('max_page_source'))}"
        if r["max_rss_kib"] > agg["max_rss_kib"]:
            agg["max_rss_kib"] = r["max_rss_kib"]
            agg["max_rss_dataset"] = name
    if agg["max_page_ns"] < 0:
        agg["max_page_ns"] = None
    return agg


STAGE_KEYS = [s + "_ns" for s in common.STAGES]

THROUGHPUT_ROWS = [  # (label, stage keys summed)
    ("read (file + gunzip)", ["read_ns"]),
    ("decode (charset → UTF-8)", ["decode_ns"]),
    ("parse", ["parse_ns"]),
    ("extract", ["extract_ns"]),
    ("metadata", ["metadata_ns"]),
    ("output", ["output_ns"]),
    ("extract + metadata + output", ["extract_ns", "metadata_ns", "output_ns"]),
    ("all stages", STAGE_KEYS),
]


def throughput_section(parsers, aggs, per_dataset):
    out = []
    first = aggs[parsers[0]]
    out.append(f"Single thread (`-j 1`), all datasets together: {first['pages']:,} pages, "
               f"{first['bytes'] / 1e6:,.1f} MB of HTML (uncompressed; MB = 10⁶ bytes). "
               "Stage times are gazette's own timers (`--stats`: the worker thread's CPU time, so other load on the machine does not count) summed over pages; "
               "pages/s and MB/s are pages and HTML bytes divided by that time. "
               "Wall clock is the whole process, start-up included.")
    out.append("")
    header = ["stage"]
    for p in parsers:
        lab = "" if len(parsers) == 1 else f" {p}"
        header += [f"time{lab}", f"pages/s{lab}", f"MB/s{lab}"]
    rows = []
    for label, keys in THROUGHPUT_ROWS:
        row = [label]
        for p in parsers:
            a = aggs[p]
            ns = None if any(a.get(k) is None for k in keys) else sum(a[k] for k in keys)
            row += [fmt_ns(ns), fmt_rate(a["pages"], ns), fmt_rate(a["bytes"] / 1e6, ns)]
        rows.append(row)
    row = ["wall clock (process)"]
    for p in parsers:
        a = aggs[p]
        ns = a["wall_s"] * 1e9
        row += [fmt_ns(ns), fmt_rate(a["pages"], ns), fmt_rate(a["bytes"] / 1e6, ns)]
    rows.append(row)
    out.append(md_table(header, rows))
    out.append("")
    for p in parsers:
        a = aggs[p]
        who = "" if len(parsers) == 1 else f" ({p})"
        mp = a["max_page_ns"]
        verdict = ("limit 1 s: **over the limit**" if mp is not None and mp >= SLOW_PAGE_LIMIT_NS
                   else "limit 1 s: ok")
        out.append(f"- Slowest page{who}: {fmt_ns(mp)}, `{a['max_page_source']}` ({verdict})")
        out.append(f"- Peak RSS{who}: {a['max_rss_kib'] / 1024:,.1f} MiB "
                   f"(on {a['max_rss_dataset']}; the gazette process, from wait4)")
    out.append("")
    header = ["dataset"]
    if len(parsers) > 1:
        header.append("parser")
    header += ["pages", "MB", "wall", "pages/s (all stages)", "slowest page", "peak RSS"]
    rows = []
    for name, by_parser in per_dataset:
        for p in parsers:
            r = by_parser[p]
            st = r["stats"]
            total = None
            if all(isinstance(st.get(k), (int, float)) for k in STAGE_KEYS):
                total = sum(st[k] for k in STAGE_KEYS)
            row = [name] + ([p] if len(parsers) > 1 else [])
            row += [f"{st.get('pages', '–')}", f"{(st.get('bytes') or 0) / 1e6:,.1f}",
                    f"{r['wall_s']:.2f} s", fmt_rate(st.get("pages"), total),
                    fmt_ns(st.get("max_page_ns")), f"{r['max_rss_kib'] / 1024:,.1f} MiB"]
            rows.append(row)
    out.append(md_table(header, rows, ["---"] * (1 + (len(parsers) > 1)) +
                        ["---:"] * (len(header) - 1 - (len(parsers) > 1))))
    return "\n".join(out)


# --------------------------------------------------------------------------
# Parser (tools/parse_bench) and WARC (the corpus of corpus/build_warc.py)

def parser_section(parse_bench, bench_dir, datasets, work_dir):
    """Runs tools/parse_bench over every dataset's pages; returns Markdown."""
    out_json = os.path.join(work_dir, "parse_bench.json")
    cmd = [parse_bench, "--reps=3", f"--json={out_json}"] + \
        [os.path.join(d, "pages") for _, d in datasets]
    log("parse_bench ...")
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed: {r.stderr[-2000:]}")
    with open(out_json, encoding="utf-8") as f:
        pb = json.load(f)
    mb = pb["bytes"] / 1e6
    lines = [
        f"Parse + tree construction alone, one core, both backends in the same run "
        f"(`tools/parse_bench`, best of {pb['reps']} passes over {pb['pages']:,} pages, "
        f"{mb:,.1f} MB of UTF-8 held in memory; thread CPU time). Heap: each page parsed into a "
        "fresh Document, peak live heap during the parse divided by the page's size "
        "(docs/parser.md).",
        "",
        md_table(["backend", "time", "MB/s"], [
            ["Gazette", f"{pb['gazette_s']:.2f} s", f"{mb / pb['gazette_s']:,.0f}"],
            ["gumbo 0.10.1", f"{pb['gumbo_s']:.2f} s", f"{mb / pb['gumbo_s']:,.1f}"],
        ]),
        "",
        f"- Gazette / gumbo: **{pb['gumbo_s'] / pb['gazette_s']:.1f}x**.",
        f"- Heap per input byte: {pb['heap_total_ratio']:.2f} over all pages (sum of peaks / sum "
        f"of sizes); per page median {pb['heap_median']:.2f}, p90 {pb['heap_p90']:.2f}, p99 "
        f"{pb['heap_p99']:.2f}; {pb['pages_16k_over_4']} of {pb['pages_16k']} pages of 16 KiB or "
        f"more above 4; {pb['allocations_per_page']:.1f} heap allocations per page.",
        f"- One Document reused over every page (a worker thread): its arena holds "
        f"{pb['reused_arena_bytes'] / 1e6:.1f} MB at the end, "
        f"{pb['reused_arena_bytes'] / pb['largest_page']:.2f} bytes per byte of the largest page.",
    ]
    return "\n".join(lines)


WARC_STAGES = [  # (label, function of the stats giving ns, or None when absent)
    ("inflate (gzip members)", lambda st: st.get("inflate_ns")),
    ("WARC + HTTP parsing", lambda st: None if st.get("warc_ns") is None else
        st["warc_ns"] - (st.get("inflate_ns") or 0)),
    ("decode", lambda st: st.get("decode_ns")),
    ("parse", lambda st: st.get("parse_ns")),
    ("extract", lambda st: st.get("extract_ns")),
    ("metadata", lambda st: st.get("metadata_ns")),
    ("dedup", lambda st: st.get("dedup_ns")),
    ("output", lambda st: st.get("output_ns")),
]


def dedup_section(dedup_eval, bench_dir):
    """Runs tools/dedup_eval (pairs built from the bench pages); returns its Markdown summary."""
    log("dedup_eval ...")
    r = subprocess.run([dedup_eval, "--bench", bench_dir], capture_output=True, text=True)
    if r.returncode not in (0, 1) or "| copy kind |" not in r.stdout:
        raise BenchError(f"dedup_eval failed: {r.stderr[-2000:]}")
    lines = r.stdout.split("\n")
    # The summary: everything before the per-pair listings; its own heading is replaced.
    out = []
    for line in lines[1:]:
        if line.startswith("Bench pages labelled") or line.startswith("Wrong "):
            break
        out.append(line)
    verdict = "targets met" if r.returncode == 0 else "**targets not met**"
    return ("Pairs built from the bench pages by `tools/dedup_eval` (docs/dedup.md), "
            f"{verdict} (precision >= 0.99, recall >= 0.95, time <= 10%).\n" + "\n".join(out).rstrip())


WARC_RUNS = 5  # runs of each WARC measurement; the best is reported (docs/performance.md)


def warc_section(gazette, bench_dir, work_dir, repeat):
    """Builds the bench WARC (once), runs gazette on it with -j 1 and -j 2, and on the WARC
    concatenated `repeat` times for peak RSS. Returns Markdown."""
    warc = os.path.join(work_dir, "pages.warc.gz")
    if not os.path.isfile(warc):
        log("building the bench WARC ...")
        r = subprocess.run([sys.executable, os.path.join(bench_dir, "corpus", "build_warc.py"),
                            "--out", warc], capture_output=True, text=True)
        if r.returncode != 0 or not os.path.isfile(warc):
            raise BenchError(f"build_warc.py failed: {r.stderr[-2000:]}")
    # Each measurement is the best of WARC_RUNS runs, taken in turns: on a shared host other
    # tenants' load moves a single run by up to a quarter, thread CPU time included (caches and
    # memory bandwidth are shared too). "Best" is the whole run with the least time, never a
    # mix of stages from different runs.
    runs, staged, least_cpu = {}, None, None
    for attempt in range(WARC_RUNS):
        for jobs in (1, 2):
            log(f"gazette on the WARC, -j {jobs} (run {attempt + 1} of {WARC_RUNS}) ...")
            r = common.run_gazette(gazette, warc, os.path.join(work_dir, f"warc.j{jobs}.jsonl"),
                                   os.path.join(work_dir, f"warc.j{jobs}.stats.json"),
                                   jobs=jobs, stderr_path=os.path.join(work_dir, f"warc.j{jobs}.stderr"))
            if jobs not in runs or r["wall_s"] < runs[jobs]["wall_s"]:
                runs[jobs] = r
            if jobs == 1 and (least_cpu is None or r["user_s"] + r["sys_s"] < least_cpu):
                least_cpu = r["user_s"] + r["sys_s"]
        # The stage breakdown, with --dedup so that its cost shows.
        log(f"gazette on the WARC, -j 1 --dedup (run {attempt + 1} of {WARC_RUNS}) ...")
        r = common.run_gazette(gazette, warc, os.path.join(work_dir, "warc.dedup.jsonl"),
                               os.path.join(work_dir, "warc.dedup.stats.json"), jobs=1,
                               stderr_path=os.path.join(work_dir, "warc.dedup.stderr"),
                               extra_args=["--dedup"])
        total = sum(f(r["stats"]) or 0 for _, f in WARC_STAGES)
        if staged is None or total < staged_total:
            staged, staged_total = r, total
    big = None
    if repeat > 1:
        many = os.path.join(work_dir, f"pages.x{repeat}.warc.gz")
        if not os.path.isfile(many) or os.path.getsize(many) != repeat * os.path.getsize(warc):
            with open(many, "wb") as out:  # gzip members concatenated: still a valid .warc.gz
                for _ in range(repeat):
                    with open(warc, "rb") as f:
                        while chunk := f.read(1 << 24):
                            out.write(chunk)
        log(f"gazette on the WARC x{repeat}, -j 2 ...")
        many_out = os.path.join(work_dir, "warc.many.jsonl")
        big = common.run_gazette(gazette, many, many_out, os.path.join(work_dir, "warc.many.stats.json"),
                                 jobs=2, stderr_path=os.path.join(work_dir, "warc.many.stderr"))
        os.remove(many_out)
        os.remove(many)
    st = staged["stats"]
    mb = st["bytes"] / 1e6
    rows, total = [], 0
    for label, f in WARC_STAGES:
        ns = f(st)
        if ns is None:
            rows.append([label, "–", "–", "–"])
            continue
        total += ns
        rows.append([label, fmt_ns(ns), fmt_rate(st["pages"], ns), fmt_rate(mb, ns)])
    rows.append(["**all stages, one core**", fmt_ns(total), fmt_rate(st["pages"], total),
                 f"**{fmt_rate(mb, total)}**"])
    # Everything the process spent, all threads, user and system time: the stages plus what
    # lies between them (hand-offs between threads, allocation, reading the file, start-up).
    whole = (staged["user_s"] + staged["sys_s"]) * 1e9
    rows.append(["**whole process (user + system CPU)**", fmt_ns(whole),
                 fmt_rate(st["pages"], whole), f"**{fmt_rate(mb, whole)}**"])
    lines = [
        f"`gazette extract pages.warc.gz` on the bench WARC (`corpus/build_warc.py`: "
        f"{st['pages']:,} HTML responses, {mb:,.1f} MB of HTML, "
        f"{os.path.getsize(warc) / 1e6:,.1f} MB compressed; every record its own gzip member). "
        "Stage times from `gazette extract pages.warc.gz -j 1 --dedup --stats`: CPU time of "
        "the thread doing the stage (with `-j 1` one thread reads the archive and extracts; the "
        "main thread writes and runs the dedup table; output includes rendering the record). "
        "The last row is the CPU time of the whole process, every thread, user and system. "
        "MB/s are MB of uncompressed HTML. "
        f"Every figure of this section is the best of {WARC_RUNS} runs taken in turns (the run "
        "with the least time, whole), since other load on this shared host moves a single run "
        "by up to a quarter.",
        "",
        md_table(["stage", "time", "pages/s", "MB/s"], rows),
        "",
    ]
    w1, w2 = runs[1]["wall_s"], runs[2]["wall_s"]
    plain = sum(f(runs[1]["stats"]) or 0 for _, f in WARC_STAGES)
    dedup_cost = (st.get("dedup_ns") or 0) / plain if plain else 0
    lines.append(md_table(["run", "wall", "pages/s", "MB/s", "CPU (user + system)", "peak RSS"], [
        [f"-j {j}", f"{runs[j]['wall_s']:.2f} s", fmt_rate(st["pages"], runs[j]["wall_s"] * 1e9),
         fmt_rate(mb, runs[j]["wall_s"] * 1e9), f"{runs[j]['user_s'] + runs[j]['sys_s']:.2f} s",
         f"{runs[j]['max_rss_kib'] / 1024:,.1f} MiB"]
        for j in (1, 2)]))
    lines.append("")
    lines.append(f"- End to end on one core, without `--dedup`: "
                 f"**{fmt_rate(mb, least_cpu * 1e9)} MB/s** (the CPU time of a `-j 1` run, every "
                 f"thread, user and system: {least_cpu:.2f} s, the least of the {WARC_RUNS} runs).")
    lines.append(f"- `-j 1` to `-j 2`: **{w1 / w2:.2f}x** (wall clock, {os.cpu_count()} logical CPUs).")
    lines.append(f"- `--dedup` costs {st.get('dedup_ns', 0) / 1e6:.0f} ms of CPU, "
                 f"**{100 * dedup_cost:.1f}%** of the run without it.")
    if big:
        bs = big["stats"]
        lines.append(f"- The WARC concatenated {repeat} times ({bs['pages']:,} pages, "
                     f"{bs['bytes'] / 1e9:,.2f} GB of HTML), `-j 2`: peak RSS "
                     f"**{big['max_rss_kib'] / 1024:,.1f} MiB**, {big['wall_s']:.1f} s.")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Quality

def quality_section(name, pages, gz_rows, peer_rows, notes):
    """gz_rows/peer_rows: [(label, score_json)]."""
    figs = [(label, common.figures(res), res) for label, res in gz_rows]
    for label, res in peer_rows:
        f = common.figures(res)
        # A peer that never gives a field (Resiliparse: author, date) shows a dash.
        for field, m in (res.get("metadata") or {}).items():
            if not m.get("predicted"):
                f.pop(field, None)
        figs.append((label, f, res))
    # Columns for which the dataset has truth (any row reports them).
    cols = [(k, h) for k, h in COLUMNS if any(k in f for _, f, _ in figs)]
    rows = []
    for label, f, _ in figs:
        rows.append([label] + [f3(f.get(k)) for k, _ in cols])
    out = [f"### {name} ({pages:,} pages)", "", md_table(["extractor"] + [h for _, h in cols], rows)]
    if notes:
        out += [""] + [f"- {n}" for n in notes]
    return "\n".join(out)


def gazette_notes(label, r):
    c, res = r["counts"], r["score"]
    notes = [f"{label}: {c['articles']:,} article{'s' * (c['articles'] != 1)}, "
             f"{c['errors']:,} error{'s' * (c['errors'] != 1)} "
             f"out of {r['pages_found']:,} pages (exit status {r['exit']})."]
    if res.get("missing"):
        notes.append(f"{label}: **{res['missing']} pages have no output record** "
                     "(scored as empty).")
    for k, what in (("bad_lines", "unparsable output lines"), ("duplicates", "duplicate records"),
                    ("unknown_source", "records whose source is not a page file")):
        if c[k]:
            notes.append(f"{label}: **{c[k]} {what}**.")
    if res.get("unknown_ids"):
        notes.append(f"{label}: **{res['unknown_ids']} ids not in the dataset**.")
    st = r["stats"]
    if isinstance(st.get("pages"), int) and st["pages"] != r["pages_found"]:
        notes.append(f"{label}: **stats count {st['pages']} pages, the dataset has "
                     f"{r['pages_found']}**.")
    return notes


# --------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gazette", required=True, help="the gazette binary (e.g. build/gazette)")
    ap.add_argument("--out", required=True, help="Markdown file to write (e.g. BENCHMARKS.md)")
    ap.add_argument("--bench-dir", default=common.DEFAULT_BENCH_DIR,
                    help="shared bench folder (default: ../shared/bench from the project root)")
    ap.add_argument("--datasets", help="comma-separated dataset names (default: all)")
    ap.add_argument("--parsers", help="comma-separated --parser values, reported side by side "
                    "(default: gazette's default parser). The first one is the one the quality "
                    "gate checks.")
    ap.add_argument("--work-dir", help="where outputs go (default: <gazette dir>/bench)")
    ap.add_argument("--no-peers", action="store_true", help="leave the peers out of the tables")
    ap.add_argument("--parse-bench", help="tools/parse_bench binary: adds the parser section")
    ap.add_argument("--dedup-eval", help="tools/dedup_eval binary: adds the dedup section")
    ap.add_argument("--warc", action="store_true",
                    help="adds the WARC section (builds the bench WARC in the work dir)")
    ap.add_argument("--warc-repeat", type=int, default=10,
                    help="peak RSS on the bench WARC concatenated N times (default 10; 1: skip)")
    args = ap.parse_args(argv)

    gazette = os.path.abspath(args.gazette)
    bench_dir = os.path.abspath(args.bench_dir)
    work_dir = os.path.abspath(args.work_dir or os.path.join(os.path.dirname(gazette), "bench"))
    parsers = [p.strip() for p in args.parsers.split(",") if p.strip()] if args.parsers else [None]
    if len(parsers) != len(set(parsers)):
        ap.error("--parsers lists a parser twice")
    command = "python3 bench/run.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    if not os.path.isfile(os.path.join(bench_dir, "score.py")):
        ap.error(f"no score.py in {bench_dir}")
    if not os.access(gazette, os.X_OK):
        ap.error(f"{gazette} is not an executable")

    try:
        datasets = common.list_datasets(
            bench_dir, [d.strip() for d in args.datasets.split(",")] if args.datasets else None)
        if not datasets:
            raise BenchError(f"no datasets under {bench_dir}/datasets")
        revision = git_revision() + ("+dirty" if git_dirty(args.out) else "")
        started = datetime.datetime.now(datetime.timezone.utc)

        # 1. Every gazette run first, one at a time, single-threaded.
        runs = {}  # (dataset, parser) -> run dict
        for p in parsers:
            for name, ddir in datasets:
                log(f"gazette{' --parser ' + p if p else ''}: {name} ...")
                r = common.run_dataset(gazette, name, ddir, work_dir, jobs=1, parser=p)
                runs[(name, p)] = r
                log(f"  {r['counts']['articles']} articles, {r['counts']['errors']} errors, "
                    f"{r['wall_s']:.2f} s, peak RSS {r['max_rss_kib'] / 1024:.1f} MiB")

        # 2. Score Gazette and the peers (in parallel: timing is over).
        peer_dir = os.path.join(work_dir, "peers")
        os.makedirs(peer_dir, exist_ok=True)
        jobs = {}
        peer_problems = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            for (name, p), r in runs.items():
                ddir = dict(datasets)[name]
                jobs[("gz", name, p)] = ex.submit(common.score, bench_dir, ddir, r["predictions"],
                                                  r["prefix"] + ".score.json")
            if not args.no_peers:
                for name, ddir in datasets:
                    peers = common.list_peers(bench_dir, name)
                    order = [t for t in PEER_NAMES if t in peers] + \
                        [t for t in peers if t not in PEER_NAMES]
                    for tool in order:
                        path = peers[tool]
                        plain = os.path.join(peer_dir, f"{name}.{tool}.jsonl")
                        probs = common.load_peer(path, plain)
                        if probs:
                            peer_problems[(name, tool)] = probs
                            log(f"warning: peer {os.path.basename(path)}: {len(probs)} problems, "
                                f"e.g. {probs[0]}")
                        jobs[("peer", name, tool)] = ex.submit(
                            common.score, bench_dir, ddir, plain,
                            os.path.join(peer_dir, f"{name}.{tool}.score.json"))
            results = {k: f.result() for k, f in jobs.items()}
        for (name, p), r in runs.items():
            r["score"] = results[("gz", name, p)]

        # 3. Parser and WARC sections (timed runs again, one at a time).
        extra = []
        if args.parse_bench:
            extra.append("## Parser\n\n" + parser_section(os.path.abspath(args.parse_bench),
                                                          bench_dir, datasets, work_dir))
        if args.dedup_eval:
            extra.append("## Duplicates and story clusters\n\n" +
                         dedup_section(os.path.abspath(args.dedup_eval), bench_dir))
        if args.warc:
            extra.append("## WARC\n\n" + warc_section(gazette, bench_dir, work_dir,
                                                      args.warc_repeat))
    except BenchError as e:
        log(f"bench: error: {e}")
        return 2

    # 3. Tables.
    quality = []
    gate = {}
    for name, ddir in datasets:
        gz_rows, notes = [], []
        for p in parsers:
            r = runs[(name, p)]
            label = parser_label(p) if len(parsers) > 1 else "Gazette"
            gz_rows.append((f"**{label}**", r["score"]))
            notes += gazette_notes(label, r)
        gate[name] = common.gate_figures(runs[(name, parsers[0])]["score"])
        peer_rows = []
        for (kind, dname, tool), res in results.items():
            if kind == "peer" and dname == name:
                peer_rows.append((PEER_NAMES.get(tool, tool), res))
                if res.get("missing"):
                    notes.append(f"{PEER_NAMES.get(tool, tool)}: {res['missing']} pages without "
                                 "a prediction (scored as empty).")
                if (name, tool) in peer_problems:
                    notes.append(f"{PEER_NAMES.get(tool, tool)}: file problems: "
                                 f"{'; '.join(peer_problems[(name, tool)][:3])}")
                if name == "readability" and tool == "readability-js":
                    notes.append("Readability.js is scored here on its own regression suite "
                                 "(the truth is its expected output).")
        pages = runs[(name, parsers[0])]["score"].get("pages", 0)
        quality.append(quality_section(name, pages, gz_rows, peer_rows, notes))

    aggs = {p: aggregate_stats([(name, runs[(name, p)]) for name, _ in datasets]) for p in parsers}
    per_dataset = [(name, {p: runs[(name, p)] for p in parsers}) for name, _ in datasets]
    throughput = throughput_section(parsers, aggs, per_dataset)

    header = [
        "# Gazette benchmarks",
        "",
        f"- Date: {started.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Commit: `{revision}`",
        f"- CPU: {cpu_model()}",
        f"- Command: `{command}`",
        f"- Data: the shared bench (`{os.path.relpath(bench_dir, common.ROOT)}`), scored with its "
        "`score.py`: body = word 4-gram shingle F1/precision/recall; snippet F1 = "
        "trafilatura-style with/without snippets; title/author/date/lang = exact-match accuracy. "
        "Peers are the reference outputs in `peers/`. A dash means the dataset has no truth "
        "for that column or the tool gives no such field.",
    ]
    if len(parsers) > 1:
        header.append(f"- Parsers: {', '.join(parsers)}; the quality gate checks `{parsers[0]}`.")
    doc = "\n".join(header) + "\n\n## Quality\n\n" + "\n\n".join(quality) + \
        "\n\n## Throughput\n\n" + throughput + "\n\n" + \
        "".join(e + "\n\n" for e in extra) + \
        "<!-- Figures checked by bench/quality_gate.py (`ctest -R quality_gate`); " \
        "written by bench/run.py, do not edit by hand. -->\n" + \
        common.format_gate(parsers[0], gate) + "\n"

    out_path = os.path.abspath(args.out)
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(doc)
    os.replace(tmp, out_path)
    with open(os.path.join(work_dir, "summary.json"), "w", encoding="utf-8") as f:
        json.dump({"revision": revision, "parsers": parsers, "gate": gate,
                   "throughput": {str(p): a for p, a in aggs.items()},
                   "runs": {f"{n}.{p}": {k: v for k, v in r.items() if k != "score"}
                            for (n, p), r in runs.items()}}, f, indent=1, default=str)

    print(doc.split("\n<!-- Figures checked")[0])
    log(f"wrote {args.out}; outputs in {work_dir}")

    slow = [(p, a) for p, a in aggs.items()
            if a["max_page_ns"] is not None and a["max_page_ns"] >= SLOW_PAGE_LIMIT_NS]
    for p, a in slow:
        log(f"bench: FAIL: slowest page {a['max_page_source']} took {fmt_ns(a['max_page_ns'])} "
            f"(limit 1 s){' with parser ' + p if p else ''}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
