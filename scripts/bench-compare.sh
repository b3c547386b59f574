#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md and docs/benchmarks/linux.md, run for two checkouts of
# jdamon in alternation (before, after, before, after, ...), so a change of layout or code can be shown
# not to have made anything slower.
# Each run's whole output goes to OUT/<step>.<before|after>.<round>.log; nothing is summarised here, the
# logs are what the tables in docs/benchmarks.md are read from.
#   scripts/bench-compare.sh BEFORE_TREE AFTER_TREE [STEP ...]
#   env: OUT (log directory; default /tmp/jdamon-bench-compare), ROUNDS (default 3), DAMO (damo's source
#        tree, for the damo step, which is scripts/bench-damo-records.sh on the 10-minute record; default
#        /tmp/damo), NICE (prefix, default "nice -n -20")
#   steps (default: all, in this order): engine jmh pagemap speed scaling damos workloads heatmap trace
#        record damo startup realtime
# Both trees must be built (`mvn -B -ntp -DskipTests package` and `mvn -B -ntp test-compile` in each).
# Run it on a quiet machine: the wall-time steps measure the machine as much as the code.
set -uo pipefail
before="$(realpath "${1:?usage: $0 BEFORE_TREE AFTER_TREE [STEP ...]}")"
after="$(realpath "${2:?usage: $0 BEFORE_TREE AFTER_TREE [STEP ...]}")"
shift 2
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(engine jmh pagemap speed scaling damos workloads heatmap trace record damo startup realtime)
out="${OUT:-/tmp/jdamon-bench-compare}"
rounds="${ROUNDS:-3}"
damo="${DAMO:-/tmp/damo}"
nice_cmd="${NICE:-nice -n -20}"
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
export PATH="$JAVA_HOME/bin:$PATH"
mkdir -p "$out"

java_cmd="$nice_cmd java --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true"

# run STEP SIDE ROUND: one benchmark for one checkout
run() {
  local step="$1" side="$2" round="$3" tree jar log
  tree=$([ "$side" = before ] && echo "$before" || echo "$after")
  jar="$(ls "$tree"/target/jdamon-*-all.jar | head -n1)"
  log="$out/$step.$side.$round.log"
  echo "== $step $side round $round ($(date +%T), load $(cut -d' ' -f1 /proc/loadavg))"
  case "$step" in
    engine)   $java_cmd -jar "$jar" bench engine ;;
    speed)    $java_cmd -jar "$jar" bench speed ;;
    scaling)  $java_cmd -jar "$jar" bench scaling ;;
    realtime) $java_cmd -jar "$jar" bench realtime ;;
    damos)    $java_cmd -cp "$jar" org.jdamon.bench.DamosBench 60 ;;
    workloads)
      # the sim workloads' benchmark was ops.sim.SimBench before it joined `bench workloads`
      if unzip -l "$jar" org/jdamon/ops/sim/SimBench.class >/dev/null 2>&1; then
        $java_cmd -cp "$jar" org.jdamon.ops.sim.SimBench
      else
        $java_cmd -jar "$jar" bench workloads
      fi ;;
    heatmap)  $java_cmd -Xmx3g -jar "$jar" bench heatmap ;;
    trace)    mkdir -p "$out/trace.$side"; $java_cmd -jar "$jar" bench trace --dir "$out/trace.$side" ;;
    record)
      local cls
      cls=$(cd "$tree/target/test-classes" && ls org/jdamon/*/RecordThroughputBench.class | head -n1)
      cls="${cls%.class}"
      $java_cmd -cp "$tree/target/test-classes:$jar" "${cls//\//.}" 36000 1000
      (cd "$tree" && mvn -B -ntp test -Dtest=RecordSizeTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
        | grep -E 'bytes|Tests run:' ) ;;
    jmh)
      # with the arguments docs/benchmarks.md and docs/benchmarks/profile.md give for each
      (cd "$tree" && $nice_cmd mvn -B -ntp -Pjmh test-compile exec:exec \
          -Djmh.args="MonitorLoopBenchmark -f 1 -wi 3 -i 5" 2>&1 | grep -E '^Benchmark|Benchmark\.'
        $nice_cmd mvn -B -ntp -Pjmh test-compile exec:exec \
          -Djmh.args="ProfileBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s" 2>&1 | grep -E '^Benchmark|Benchmark\.' ) ;;
    pagemap)
      # docs/benchmarks/linux.md's command
      (cd "$tree" && $nice_cmd mvn -B -ntp -Pjmh test-compile exec:exec \
          -Djmh.args="PagemapBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s" 2>&1 | grep -E '^Benchmark|Benchmark\.' ) ;;
    damo)
      # through the checkout's own launcher, so its AOT cache is used as a user's run would
      "$tree/jdamon" --version >/dev/null 2>&1
      JDAMON="$nice_cmd $tree/jdamon" LONG=0 ROUNDS=3 bash "$after/scripts/bench-damo-records.sh" "$damo" "$out/damo" ;;
    startup)  $nice_cmd bash "$after/scripts/bench-startup.sh" --launcher "$tree/jdamon" --runs 20 ;;
    *) echo "unknown step $step" >&2; return 2 ;;
  esac > "$log" 2>&1
  tail -n 12 "$log"
}

for step in "${steps[@]}"; do
  for ((r = 1; r <= rounds; r++)); do
    run "$step" before "$r"
    run "$step" after "$r"
  done
done
