"""Shared code of bench/run.py and bench/quality_gate.py: run gazette over a
dataset, convert its output to score.py predictions, score them.

Python 3 standard library only.
"""

import glob
import gzip
import json
import os
import re
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BENCH_DIR = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))

# Figures recorded per dataset in BENCHMARKS.md and checked by the gate
# (only those the dataset has truth for).
GATE_FIGURES = ("body_f1", "snippet_f1", "title", "author", "date", "lang")

STAGES = ("read", "decode", "parse", "extract", "metadata", "output")

_GATE_RE = re.compile(r"<!--\s*gate\s+(\{.*?\})\s*-->", re.S)


class BenchError(Exception):
    """A failure of the harness or of gazette itself (not a quality drop)."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Datasets and peers

def list_datasets(bench_dir, names=None):
    """[(name, dataset_dir)] for <bench_dir>/datasets/*, optionally filtered
    (and ordered) by `names`."""
    root = os.path.join(bench_dir, "datasets")
    found = {os.path.basename(d): d for d in sorted(glob.glob(os.path.join(root, "*")))
             if os.path.isfile(os.path.join(d, "truth.jsonl"))
             and os.path.isdir(os.path.join(d, "pages"))}
    if not names:
        return sorted(found.items())
    missing = [n for n in names if n not in found]
    if missing:
        raise BenchError(f"dataset(s) {', '.join(missing)} not found under {root} "
                         f"(have: {', '.join(sorted(found)) or 'none'})")
    return [(n, found[n]) for n in names]


def count_pages(pages_dir):
    n = 0
    for _, _, files in os.walk(pages_dir):
        n += sum(1 for f in files if page_id(f) is not None)
    return n


def list_peers(bench_dir, dataset):
    """{tool: path} of <bench_dir>/peers/<dataset>.<tool>.jsonl.gz."""
    out = {}
    prefix = dataset + "."
    for p in sorted(glob.glob(os.path.join(bench_dir, "peers", prefix + "*.jsonl.gz"))):
        tool = os.path.basename(p)[len(prefix):-len(".jsonl.gz")]
        if tool and "." not in tool:
            out[tool] = p
    return out


def load_peer(path, out_path):
    """Check that a peer file is in prediction format and write it,
    decompressed, to out_path (score.py wants a plain file). Returns a list of
    problems found (empty when the file is fine)."""
    problems = []
    ids = set()
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f, \
            open(out_path, "w", encoding="utf-8") as out:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {lineno}: bad JSON ({e})")
                continue
            if not isinstance(obj, dict) or "id" not in obj:
                problems.append(f"line {lineno}: no id")
                continue
            if obj["id"] in ids:
                problems.append(f"line {lineno}: duplicate id {obj['id']}")
            ids.add(obj["id"])
            for k in ("body", "title", "date", "lang"):
                if obj.get(k) is not None and not isinstance(obj[k], str):
                    problems.append(f"line {lineno}: {k} is not a string")
            if obj.get("author") is not None and not isinstance(obj["author"], (str, list)):
                problems.append(f"line {lineno}: author is neither a string nor a list")
            out.write(line if line.endswith("\n") else line + "\n")
            n += 1
    if n == 0:
        problems.append("no predictions")
    return problems


# --------------------------------------------------------------------------
# Running gazette

def run_gazette(gazette, pages_dir, out_jsonl, stats_json, jobs=1, parser=None,
                stderr_path=None, timeout=None, extra_args=()):
    """Run `gazette extract` over pages_dir. Returns a dict with the exit
    status, wall time, the child's peak RSS (KiB, from wait4) and the parsed
    --stats object. Raises BenchError unless the exit status is 0 or 1 and
    both output files were written."""
    cmd = [gazette, "extract", pages_dir, "-o", out_jsonl, "--stats", stats_json,
           "-j", str(jobs)]
    if parser:
        cmd += ["--parser", parser]
    cmd += list(extra_args)
    for p in (out_jsonl, stats_json):
        if os.path.exists(p):
            os.remove(p)
    err = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
    try:
        t0 = time.monotonic()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        except OSError as e:
            raise BenchError(f"cannot run {gazette}: {e}")
        timer = None
        if timeout:
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the
        # maximum over every child so far (score.py included).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - t0
        if timer:
            timer.cancel()
        rc = os.waitstatus_to_exitcode(status)
        proc.returncode = rc
    finally:
        if stderr_path:
            err.close()
    if rc not in (0, 1):
        tail = ""
        if stderr_path and os.path.exists(stderr_path):
            with open(stderr_path, "rb") as f:
                tail = f.read()[-2000:].decode("utf-8", "replace").strip()
        what = f"was killed by signal {-rc}" if rc < 0 else f"exited with status {rc}"
        raise BenchError(f"{' '.join(cmd)} {what}" + (f"\n{tail}" if tail else ""))
    for p in (out_jsonl, stats_json):
        if not os.path.isfile(p):
            raise BenchError(f"{' '.join(cmd)} did not write {p}")
    try:
        with open(stats_json, encoding="utf-8") as f:
            stats = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise BenchError(f"cannot read the stats {stats_json}: {e}")
    if not isinstance(stats, dict):
        raise BenchError(f"{stats_json}: not a JSON object")
    return {"cmd": cmd, "exit": rc, "wall_s": wall, "max_rss_kib": usage.ru_maxrss,
            "user_s": usage.ru_utime, "sys_s": usage.ru_stime, "stats": stats}


# --------------------------------------------------------------------------
# gazette output -> score.py predictions

def page_id(source):
    """File name without .html.gz (or .htm[.gz], .xhtml[.gz], .html); None for a
    file that is not a page."""
    name = os.path.basename(str(source).replace("\\", "/"))
    for ext in (".html.gz", ".htm.gz", ".xhtml.gz", ".html", ".htm", ".xhtml"):
        if name.lower().endswith(ext):
            return name[:-len(ext)]
    return None


def _str_or_none(v):
    return v if isinstance(v, str) else None


def _authors(v):
    if isinstance(v, list):
        parts = [str(a) for a in v if a is not None and str(a).strip()]
        return "; ".join(parts) if parts else None
    return _str_or_none(v)


def to_predictions(gazette_jsonl, pred_jsonl):
    """Convert gazette's records to score.py's prediction format. A record
    with "error" becomes an id-only (empty) prediction. Returns counts."""
    counts = {"records": 0, "articles": 0, "errors": 0, "bad_lines": 0,
              "duplicates": 0, "unknown_source": 0, "error_samples": []}
    seen = set()
    with open(gazette_jsonl, encoding="utf-8", errors="replace") as f, \
            open(pred_jsonl, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                counts["bad_lines"] += 1
                continue
            if not isinstance(rec, dict):
                counts["bad_lines"] += 1
                continue
            counts["records"] += 1
            pid = page_id(rec.get("source", ""))
            if pid is None:
                counts["unknown_source"] += 1
                continue
            if pid in seen:
                counts["duplicates"] += 1
            seen.add(pid)
            if "error" in rec and rec.get("body") is None:
                counts["errors"] += 1
                if len(counts["error_samples"]) < 5:
                    counts["error_samples"].append(f"{pid}: {rec.get('error')}")
                pred = {"id": pid}
            else:
                counts["articles"] += 1
                pred = {
                    "id": pid,
                    "body": _str_or_none(rec.get("body")),
                    "title": _str_or_none(rec.get("title")),
                    "author": _authors(rec.get("authors")),
                    "date": _str_or_none(rec.get("date_published")),
                    "lang": _str_or_none(rec.get("language")),
                }
            out.write(json.dumps(pred, ensure_ascii=False) + "\n")
    return counts


# --------------------------------------------------------------------------
# Scoring

def score(bench_dir, dataset_dir, pred_jsonl, out_json=None):
    """Run score.py --json; return its object (also saved to out_json)."""
    cmd = [sys.executable, os.path.join(bench_dir, "score.py"), dataset_dir, pred_jsonl, "--json"]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.strip()}")
    try:
        res = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise BenchError(f"{' '.join(cmd)}: output is not JSON ({e})")
    if out_json:
        with open(out_json, "w", encoding="utf-8") as f:
            json.dump(res, f, ensure_ascii=False, indent=1)
    return res


def figures(res):
    """Flatten score.py's JSON into {figure: value} (absent when the dataset
    has no truth for it)."""
    out = {}
    body = res.get("body")
    if body:
        out["body_f1"] = body["f1"]
        out["body_precision"] = body["precision"]
        out["body_recall"] = body["recall"]
    snip = res.get("snippets")
    if snip:
        out["snippet_f1"] = snip["f1"]
    for field, m in (res.get("metadata") or {}).items():
        out[field] = m["accuracy"]
    return out


def gate_figures(res):
    f = figures(res)
    return {k: round(f[k], 6) for k in GATE_FIGURES if k in f}


# --------------------------------------------------------------------------
# One dataset end to end

def evaluate_gazette(gazette, bench_dir, name, dataset_dir, work_dir, jobs=1, parser=None,
                     timeout=None):
    """Run gazette on one dataset, convert and score. Files land in work_dir
    as <dataset>[.<parser>].{gazette.jsonl,stats.json,stderr,predictions.jsonl,score.json}."""
    r = run_dataset(gazette, name, dataset_dir, work_dir, jobs, parser, timeout)
    r["score"] = score(bench_dir, dataset_dir, r["predictions"], r["prefix"] + ".score.json")
    return r


def run_dataset(gazette, name, dataset_dir, work_dir, jobs=1, parser=None, timeout=None):
    """Run and convert, without scoring (so that run.py can time every run on
    a quiet machine first and score afterwards)."""
    os.makedirs(work_dir, exist_ok=True)
    prefix = os.path.join(work_dir, name + (f".{parser}" if parser else ""))
    r = run_gazette(gazette, os.path.join(dataset_dir, "pages"), prefix + ".gazette.jsonl",
                    prefix + ".stats.json", jobs=jobs, parser=parser,
                    stderr_path=prefix + ".stderr", timeout=timeout)
    r["prefix"] = prefix
    r["pages_dir"] = os.path.join(dataset_dir, "pages")
    r["predictions"] = prefix + ".predictions.jsonl"
    r["counts"] = to_predictions(prefix + ".gazette.jsonl", r["predictions"])
    r["pages_found"] = count_pages(os.path.join(dataset_dir, "pages"))
    return r


# --------------------------------------------------------------------------
# BENCHMARKS.md gate block

def format_gate(parser, per_dataset):
    obj = {"parser": parser, "datasets": per_dataset}
    return "<!-- gate " + json.dumps(obj, sort_keys=True) + " -->"


def parse_gate(text):
    """(parser, {dataset: {figure: value}}) from the gate comment."""
    m = _GATE_RE.search(text)
    if not m:
        raise BenchError("no <!-- gate {...} --> block found")
    try:
        obj = json.loads(m.group(1))
    except json.JSONDecodeError as e:
        raise BenchError(f"the gate block is not valid JSON: {e}")
    if "datasets" in obj:
        return obj.get("parser"), obj["datasets"]
    return None, obj
