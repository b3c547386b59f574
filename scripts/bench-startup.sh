#!/usr/bin/env bash
# Start-up benchmark: wall time to the end of a short command through the launcher, min and median of
# N runs each, with the AOT cache and without it (JDAMON_AOT=0).
#   scripts/bench-startup.sh [--launcher PATH] [--runs N] [--record FILE] [--damo-record FILE]
# The records default to a 10 s sim record, in jdamon's format and in damo's json_compressed, made once
# in a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$here/jdamon"; runs=20; record=""; damo_record=""
while [ $# -gt 0 ]; do
  case "$1" in
    --launcher) launcher="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --record) record="$2"; shift 2 ;;
    --damo-record) damo_record="$2"; shift 2 ;;
    *) echo "usage: $0 [--launcher PATH] [--runs N] [--record FILE] [--damo-record FILE]" >&2; exit 2 ;;
  esac
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$launcher" --version >/dev/null 2>&1   # builds the jar and the cache if needed
if [ -z "$record" ]; then
  record="$tmp/short.data"
  "$launcher" record --sim zigzag --duration 10s -o "$record" >/dev/null 2>&1
fi
if [ -z "$damo_record" ]; then
  damo_record="$tmp/short.json_compressed"
  "$launcher" record --sim zigzag --duration 10s --output_type json_compressed -o "$damo_record" >/dev/null 2>&1
fi
measure() {  # label, then the command
  local label="$1"; shift
  local i s e
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | sort -n | awk -v l="$label" '{a[NR]=$1} END {printf "%-40s min %5d ms  median %5d ms\n", l, a[1], a[int((NR+1)/2)]}'
}
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each, launcher $launcher"
measure "--version" "$launcher" --version
measure "report wss, jdamon record" "$launcher" report wss -i "$record"
measure "report wss, damo json_compressed" "$launcher" report wss -i "$damo_record"
JDAMON_AOT=0 measure "--version (no AOT cache)" "$launcher" --version
JDAMON_AOT=0 measure "report wss, jdamon record (no AOT)" "$launcher" report wss -i "$record"
JDAMON_AOT=0 measure "report wss, damo record (no AOT)" "$launcher" report wss -i "$damo_record"
measure "bare JVM: java -version" "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -version
