#!/usr/bin/env bash
# damo and jdamon side by side on damo-format records written by `jdamon bench damo_record`: wall time,
# CPU time and max RSS (GNU time -v) of each report, runs alternating between the two tools.
#   usage: scripts/bench-damo-records.sh DAMO_SRC_DIR [RECORD_DIR]
#   env:   JDAMON (command to run jdamon; default: java -jar target/jdamon-*-all.jar), ROUNDS (default 3),
#          LONG=0 to skip the 1 h x 1,000 regions record, DAMO_LONG=1 to run damo on it too (it needs more
#          than 12 GiB; by default damo runs on it only under a 12 GiB address-space ulimit, which it exceeds)
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
src="${1:?usage: $0 DAMO_SRC_DIR [RECORD_DIR]}"
dir="${2:-${TMPDIR:-/tmp}/jdamon-bench-damo}"
mkdir -p "$dir"
jdamon="${JDAMON:-java --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -jar $(ls "$here"/target/jdamon-*-all.jar | head -n1)}"
rounds="${ROUNDS:-3}"

record() { # name duration regions
  [ -f "$dir/$1" ] || $jdamon bench damo_record -o "$dir/$1" --duration "$2" --regions "$3"
}

measure() { # label command...
  local label="$1"; shift
  local log; log="$(mktemp)"
  /usr/bin/time -v "$@" > /dev/null 2> "$log"
  local rc=$?
  local wall user sys rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  user=$(sed -n 's/.*User time (seconds): //p' "$log")
  sys=$(sed -n 's/.*System time (seconds): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  printf '%-52s rc=%-3s wall %8s  cpu %6.2f s  max RSS %7d MiB\n' "$label" "$rc" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
  rm -f "$log"
}

record bench-10m-100.json_compressed 10m 100
# Untimed first calls: the launcher builds the jar and its AOT cache once per build, python3 compiles
# damo's modules to bytecode once; neither belongs to a report's time.
$jdamon --version > /dev/null
python3 "$src/damo" version > /dev/null
echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
f="$dir/bench-10m-100.json_compressed"
echo "== 10 min x 100 regions ($(du -h "$f" | cut -f1) json_compressed), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$rounds"); do
  measure "damo report wss" python3 "$src/damo" report wss -i "$f"
  measure "jdamon report wss" $jdamon report wss -i "$f"
done
# (damo draws images with gnuplot, which is not installed here: only jdamon's heatmap is timed)
measure "jdamon report heatmap --output x.png" $jdamon report heatmap -i "$f" --output "$dir/jdamon-10m.png"
measure "damo report nr_regions" python3 "$src/damo" report nr_regions -i "$f"
measure "jdamon report nr_regions" $jdamon report nr_regions -i "$f"

if [ "${LONG:-1}" = 1 ]; then
  record bench-1h-1000.json_compressed 1h 1000
  f="$dir/bench-1h-1000.json_compressed"
  echo "== 1 h x 1,000 regions ($(du -h "$f" | cut -f1) json_compressed), load: $(cut -d' ' -f1-3 /proc/loadavg)"
  for i in $(seq "$rounds"); do
    measure "jdamon report wss" $jdamon report wss -i "$f"
    measure "jdamon report heatmap --output x.png" $jdamon report heatmap -i "$f" --output "$dir/jdamon-1h.png"
  done
  if [ "${DAMO_LONG:-0}" = 1 ]; then
    measure "damo report wss" python3 "$src/damo" report wss -i "$f"
  else
    measure "damo report wss (ulimit -v 12 GiB)" bash -c "ulimit -v $((12 << 20)); exec python3 '$src/damo' report wss -i '$f'"
  fi
fi
