#!/usr/bin/env bash
# Runs damo's own report test suite (tests/report/test.sh of a damo checkout, with its expects/) against
# jdamon in place of damo: the same 45 cases, subcommands, options and default input file, each output
# compared byte for byte with damo's expected file. The case directory is copied to a temp dir first
# (the cases write damon.adjusted.data). When expects/report-heats is missing (as in some mirrors),
# that case is compared against damo's own output, made with python3 from DAMO_SRC_DIR.
#   usage: scripts/damo-report-suite.sh DAMO_SRC_DIR
#   env:   JDAMON (command to run as damo; default: this checkout's ./jdamon launcher),
#          KEEP=1 (keep the temp dir and print its path)
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
src="${1:?usage: $0 DAMO_SRC_DIR}"
src="$(cd "$src" && pwd)" || exit 2
[ -f "$src/tests/report/test.sh" ] || { echo "damo report suite: $src/tests/report/test.sh not found" >&2; exit 2; }
jdamon="${JDAMON:-$here/jdamon}"
work="$(mktemp -d "${TMPDIR:-/tmp}/damo-report-suite.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cp -r "$src/tests/report/." "$work/"
cd "$work" || exit 1
mkdir -p results

if [ ! -f expects/report-heats ]; then
  if command -v python3 >/dev/null && python3 "$src/damo" report heatmap --output raw > expects/report-heats 2>/dev/null; then
    echo "damo report suite: expects/report-heats made by damo itself (python3 $src/damo)"
  else
    rm -f expects/report-heats
  fi
fi
"$jdamon" --version >/dev/null 2>&1 || { echo "damo report suite: cannot run $jdamon" >&2; exit 1; }

pass=0; fail=0; skip=0
t() {
  local cmd="$1" name="$2"
  if [ ! -f "expects/report-$name" ]; then
    skip=$((skip + 1)); echo "SKIP $name (no expected output)"; return
  fi
  eval "$cmd" > "results/report-$name" 2>/dev/null
  if cmp -s "expects/report-$name" "results/report-$name"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $name"
  fi
}
d="\"$jdamon\""
for filter in nofilter active inactive anon file unmapped hugepage; do
  for style in recency-percentiles temperature-percentiles recency-sz-hist temperature-sz-hist detailed; do
    t "$d report access --input damon.data.snapshot.$filter --style $style" "$style-$filter"
  done
done
raw="$d report access --raw_form --input"
t "$raw damon.data" raw
t "$raw damon.data.json_compressed" raw
t "$raw perf.data.script" raw_perf_script
t "$d report wss -r 1 101 1 --raw_number" wss
t "$d report wss -r 1 101 1 --work_time 1000000 --raw_number" wss_worktime_1s
t "$d adjust --aggregate_interval 1000000 && $raw damon.adjusted.data" aggr_1s_raw
t "$d adjust --skip 30 --aggregate_interval 1000000 && $raw damon.adjusted.data" aggr_1s_raw_skip_30
t "$d report nr_regions -r 1 101 1" nr_regions
t "$d report heatmap --guide" heats_guide
t "$d report heatmap --output raw" heats
[ "${KEEP:-0}" = 1 ] && echo "damo report suite: results kept in $work/results"
echo "damo report suite: $pass passed, $fail failed, $skip skipped (of damo's tests/report cases)"
[ "$fail" -eq 0 ]
