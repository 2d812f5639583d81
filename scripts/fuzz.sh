#!/usr/bin/env bash
# Builds Gazette's fuzz targets (fuzz/) with clang-14, libFuzzer, ASan and UBSan into build-fuzz/,
# then runs each target for SECONDS seconds, one after the other.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 60 seconds, every target of fuzz/targets.txt
#   scripts/fuzz.sh --smoke                   # each target for its smoke time (fuzz/targets.txt), CI
#   scripts/fuzz.sh --build                   # build only
#   scripts/fuzz.sh --keep-going 1800         # long campaigns: libFuzzer's fork mode, which
#                                             # saves a crash and goes on fuzzing
#
# Per target:
#   build-fuzz/corpus/<target>/     the corpus the fuzzer grows; kept between runs, never committed
#   build-fuzz/seeds/<target>/      seeds from the repository's fixtures (fuzz/seeds.py), rebuilt
#                                   on every run; tests/fixtures/regressions/<target>/ is read too
#   build-fuzz/artifacts/<target>/  crash-*, leak-*, timeout-*, oom-* inputs, if any
#   build-fuzz/logs/<target>.log    libFuzzer's output
#   build-fuzz/stats.tsv            one line per run: date, target, seconds, executions, execs/s,
#                                   coverage (edges), features, corpus files and bytes, peak RSS,
#                                   result, CPU seconds (user + system of the fuzzer and its
#                                   fork-mode jobs: what a campaign's "CPU-hour" counts)
# Exit status: 0 when no target found anything, 1 when one did (its artifact is named in the
# summary), 2 on a usage or build error.
#
# Environment: FUZZ_JOBS (build parallelism, default 2), FUZZ_NICE (default 19),
# FUZZ_CMAKE_ARGS (more configure flags, e.g. -DGAZETTE_FUZZ_SKIP_SOURCES=regex),
# FUZZ_EXTRA_ARGS (more libFuzzer flags), GAZETTE_FUZZ_DIFF_STRICT=1 (parser_diff: abort on an
# unexplained difference, see fuzz/parser_diff_fuzzer.cc).
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=$ROOT/build-fuzz
TABLE=$ROOT/fuzz/targets.txt
JOBS=${FUZZ_JOBS:-2}
NICE=${FUZZ_NICE:-19}

usage() {
sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

seconds=60
smoke=0
build_only=0
keep_going=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    --build) build_only=1 ;;
    --keep-going) keep_going=1 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *)
      if [[ "$arg" =~ ^[0-9]+$ ]] && [ ${#targets[@]} -eq 0 ] && [ "$seconds" = 60 ]; then
        seconds=$arg
      else
        targets+=("$arg")
      fi ;;
  esac
done

all_targets=$(awk '!/^#/ && NF {print $1}' "$TABLE")
if [ ${#targets[@]} -eq 0 ]; then
  read -r -a targets <<< "$(echo $all_targets)"
fi
for t in "${targets[@]}"; do
  if ! grep -qx "$t" <<< "$all_targets"; then
    echo "fuzz.sh: unknown target '$t' (targets: $(echo $all_targets))" >&2
    exit 2
  fi
done

# ----- build -----
if ! command -v clang++-14 >/dev/null || ! compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  echo "fuzz.sh: needs clang-14 and libclang-rt-14-dev (apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  # shellcheck disable=SC2086
  CC=clang-14 CXX=clang++-14 cmake -S "$ROOT/fuzz" -B "$BUILD" ${FUZZ_CMAKE_ARGS:-} >/dev/null || exit 2
elif [ -n "${FUZZ_CMAKE_ARGS:-}" ]; then
  # shellcheck disable=SC2086
  cmake "$BUILD" ${FUZZ_CMAKE_ARGS} >/dev/null || exit 2
fi
nice -n "$NICE" cmake --build "$BUILD" -j "$JOBS" 2>&1 | grep -Ev '^\[ *[0-9]+%\] (Building|Linking|Built)|^Consolidate'
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "fuzz.sh: build failed" >&2
  exit 2
fi
[ "$build_only" = 1 ] && exit 0

# ----- seeds -----
rm -rf "$BUILD/seeds"
python3 "$ROOT/fuzz/seeds.py" "$BUILD/seeds" >/dev/null || exit 2
mkdir -p "$BUILD/logs"
[ -f "$BUILD/stats.tsv" ] ||
  printf 'date\ttarget\tseconds\texecs\texecs_per_s\tcov\tft\tcorpus_files\tcorpus_bytes\tpeak_rss_mb\tresult\tcpu_seconds\n' > "$BUILD/stats.tsv"

# ----- run -----
# Leaks inside third-party libraries are suppressed (fuzz/lsan.supp says which and why); UBSan
# reports come with a stack.
export LSAN_OPTIONS="suppressions=$ROOT/fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
status=0
summary=()
for t in "${targets[@]}"; do
  read -r max_len dict smoke_seconds < <(awk -v t="$t" '$1 == t {print $2, $3, $4}' "$TABLE")
  run_seconds=$seconds
  [ "$smoke" = 1 ] && run_seconds=$smoke_seconds
  corpus=$BUILD/corpus/$t
  artifacts=$BUILD/artifacts/$t
  log=$BUILD/logs/$t.log
  mkdir -p "$corpus" "$artifacts"
  dirs=("$corpus" "$BUILD/seeds/$t")
  [ -d "$ROOT/tests/fixtures/regressions/$t" ] && dirs+=("$ROOT/tests/fixtures/regressions/$t")
  before=$(find "$artifacts" -type f | wc -l)
  mode=()
  [ "$keep_going" = 1 ] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  echo "fuzz.sh: $t for ${run_seconds}s (log: $log)"
  # -max_total_time bounds the fuzzing; loading a large corpus comes on top of it.
  # max_total_time is wall-clock time; the CPU time is measured (bash's `time`: the fuzzer and
  # every job it waited for).
  TIMEFORMAT='%U %S'
  # shellcheck disable=SC2086
  cpu=$( { time nice -n "$NICE" "$BUILD/${t}_fuzzer" \
    -max_total_time="$run_seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -dict="$ROOT/fuzz/dict/$dict" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "${mode[@]}" ${FUZZ_EXTRA_ARGS:-} "${dirs[@]}" > "$log" 2>&1 ; echo "rc $?" >&2 ; } 2>&1 )
  rc=$(sed -n 's/^rc //p' <<< "$cpu")
  cpu_seconds=$(awk '!/^rc / {printf "%.0f", $1 + $2}' <<< "$cpu")
  after=$(find "$artifacts" -type f | wc -l)

  # Figures: the last status line ("#N ... cov: C ft: F corp: K/S ... exec/s: E rss: R") and the
  # final stats; in fork mode ("#N: cov: C ft: F corp: K exec/s E oom/timeout/crash: ...") the
  # last status line alone.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  if [ "$keep_going" = 1 ]; then
    execs=$(sed -n 's/^#\([0-9]*\):.*/\1/p' <<< "$last")
    eps=$(sed -n 's/.* exec\/s \([0-9]*\).*/\1/p' <<< "$last")
  fi
  files=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sb "$corpus" | cut -f1)
  result=ok
  if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
    result="FOUND($(ls -t "$artifacts" | head -1))"
    status=1
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" \
    "$run_seconds" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "$files" "$bytes" "${rss:-?}" \
    "$result" "${cpu_seconds:-?}" >> "$BUILD/stats.tsv"
  summary+=("$(printf '%-16s %6ss (%6s CPU-s) %10s execs %7s/s  cov %6s  ft %7s  corpus %6s files  rss %5s MB  %s' \
    "$t" "$run_seconds" "${cpu_seconds:-?}" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "$files" "${rss:-?}" "$result")")
  if [ "$result" != ok ]; then
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz check failed|deadly signal' "$log" >&2
  fi
done

echo
printf '%s\n' "${summary[@]}"
echo "(figures appended to $BUILD/stats.tsv)"
exit $status
