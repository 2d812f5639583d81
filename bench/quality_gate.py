#!/usr/bin/env python3
"""Quality gate: fail when Gazette scores lower than the figures committed in
BENCHMARKS.md (written by bench/run.py).

    bench/quality_gate.py --gazette build/gazette --benchmarks BENCHMARKS.md
                          [--bench-dir ../shared/bench] [--tolerance 0.005] [-j N]

Exit status: 0 when no figure dropped by more than the tolerance, 1 when one
did (each is listed) or when the run itself failed, 77 (skip) when the bench
data or BENCHMARKS.md is absent. Python 3 standard library only.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import BenchError  # noqa: E402

SKIP = 77


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gazette", required=True, help="the gazette binary")
    ap.add_argument("--benchmarks", required=True, help="the committed BENCHMARKS.md")
    ap.add_argument("--bench-dir", default=common.DEFAULT_BENCH_DIR,
                    help="shared bench folder (default: ../shared/bench from the project root)")
    ap.add_argument("--tolerance", type=float, default=0.005,
                    help="allowed drop of each figure (default 0.005)")
    ap.add_argument("-j", "--jobs", type=int, default=max(2, os.cpu_count() or 2),
                    help="gazette -j (default: number of CPUs, at least 2)")
    ap.add_argument("--work-dir", help="where outputs go (default: <gazette dir>/bench-gate)")
    ap.add_argument("--timeout", type=float, default=None,
                    help="kill gazette after this many seconds per dataset")
    args = ap.parse_args(argv)

    bench_dir = os.path.abspath(args.bench_dir)
    if not os.path.isfile(os.path.join(bench_dir, "score.py")) or \
            not os.path.isdir(os.path.join(bench_dir, "datasets")):
        print(f"quality gate skipped: no bench data at {bench_dir}")
        return SKIP
    if not os.path.isfile(args.benchmarks):
        print(f"quality gate skipped: {args.benchmarks} does not exist "
              "(create it with `make bench`)")
        return SKIP
    gazette = os.path.abspath(args.gazette)
    if not os.access(gazette, os.X_OK):
        print(f"quality gate: FAIL: {gazette} is not an executable")
        return 1
    work_dir = os.path.abspath(args.work_dir or os.path.join(os.path.dirname(gazette), "bench-gate"))

    try:
        with open(args.benchmarks, encoding="utf-8") as f:
            parser, committed = common.parse_gate(f.read())
    except (OSError, BenchError) as e:
        print(f"quality gate: FAIL: {args.benchmarks}: {e}")
        return 1
    if not committed:
        print(f"quality gate: FAIL: {args.benchmarks} records no figures")
        return 1

    failures, improvements, rows = [], [], []
    try:
        available = dict(common.list_datasets(bench_dir))
        for name, figs in committed.items():
            if name not in available:
                failures.append(f"{name}: dataset not found under {bench_dir}/datasets")
                continue
            r = common.evaluate_gazette(gazette, bench_dir, name, available[name], work_dir,
                                        jobs=args.jobs, parser=parser, timeout=args.timeout)
            now = common.gate_figures(r["score"])
            order = [f for f in common.GATE_FIGURES if f in figs] + \
                [f for f in figs if f not in common.GATE_FIGURES]
            for fig in order:
                was = figs[fig]
                cur = now.get(fig)
                if cur is None:
                    failures.append(f"{name} {fig}: committed {was:.3f}, no longer reported")
                    rows.append((name, fig, was, None, "FAIL"))
                    continue
                delta = cur - was
                if delta < -args.tolerance - 1e-9:
                    status = "FAIL"
                    failures.append(f"{name} {fig}: {cur:.4f} < committed {was:.4f} "
                                    f"({delta:+.4f}, tolerance {args.tolerance})")
                elif delta > args.tolerance + 1e-9:
                    status = "better"
                    improvements.append(f"{name} {fig}")
                else:
                    status = "ok"
                rows.append((name, fig, was, cur, status))
    except BenchError as e:
        print(f"quality gate: FAIL: {e}")
        return 1

    print(f"quality gate: gazette{' --parser ' + parser if parser else ''} -j {args.jobs}, "
          f"tolerance {args.tolerance}, outputs in {work_dir}")
    print(f"  {'dataset':<18} {'figure':<11} {'committed':>9} {'now':>9} {'delta':>8}")
    for name, fig, was, cur, status in rows:
        now_s = "-" if cur is None else f"{cur:.4f}"
        d_s = "" if cur is None else f"{cur - was:+.4f}"
        print(f"  {name:<18} {fig:<11} {was:>9.4f} {now_s:>9} {d_s:>8}  {status}")
    if improvements:
        print(f"quality gate: {len(improvements)} figure(s) improved beyond the tolerance "
              f"({', '.join(improvements)}); consider `make bench` to raise the bar")
    if failures:
        print(f"quality gate: FAIL: {len(failures)} figure(s) below BENCHMARKS.md:")
        for f in failures:
            print(f"  - {f}")
        return 1
    print("quality gate: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
