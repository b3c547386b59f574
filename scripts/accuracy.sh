#!/usr/bin/env bash
# Reproduces docs/accuracy.md: generates the inputs (fixed seeds), traces eight unmodified programs under
# Valgrind Lackey into jdamon binary traces, and scores DAMON on each with `jdamon eval` three ways: the
# update interval jdamon derives from -s/-a (10 x -a), damo's 1 s, and -u equal to -a.
#   usage: scripts/accuracy.sh [DIR]   (default: target/accuracy; about 30 min of Lackey on 2 cores)
#   needs: valgrind, python3, sort, grep, gzip, bzip2, xz, sqlite3 (prefers what is installed; apt otherwise)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${1:-target/accuracy}
mkdir -p "$dir"
cd "$dir"
need=()
for p in valgrind:valgrind sqlite3:sqlite3 xz:xz-utils bzip2:bzip2 python3:python3; do
  command -v "${p%%:*}" >/dev/null || need+=("${p#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "accuracy: installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
py=/usr/bin/python3; [ -x $py ] || py=$(command -v python3)
J="$root/jdamon"

$py - <<'PY'
import random
random.seed(1)
nums = [random.randint(0, 10**9) for _ in range(100000)]
with open('nums3k.txt', 'w') as f:
    f.writelines('%d\n' % n for n in nums[:3000])
words = [''.join(random.choice('abcdefghij') for _ in range(random.randint(2, 9))) for _ in range(5000)]
text = ''.join(' '.join(random.choice(words) for _ in range(8)) + '\n' for _ in range(60000))
with open('text200k.txt', 'w') as f:
    f.write(text[:200000])
PY
cat > prog2.py <<'PY'
d = {}
x = 12345
for i in range(3000):
    x = (x * 1103515245 + 12345) & 0x7fffffff
    d[x] = [i, i]
s = 0
keys = list(d)[:200]
for r in range(10):
    for k in keys:
        s += d[k][0]
print(s)
PY
cat > sql.txt <<'SQL'
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 5000)
INSERT INTO t SELECT x, (x*7919) % 1000, hex(randomblob(16)) FROM c;
CREATE INDEX tk ON t(k);
SELECT k, count(*), max(v) FROM t GROUP BY k ORDER BY 2 DESC LIMIT 3;
SELECT count(*) FROM t WHERE k BETWEEN 100 AND 200;
SQL

# NAME S A COLD -- CMD...: trace (unless already there), then eval three ways
run() {
  local n=$1 s=$2 a=$3 c=$4; shift 5
  if [ ! -s "$n.jtr" ]; then
    valgrind --tool=lackey --trace-mem=yes --log-fd=3 "$@" 3>&1 1>/dev/null 2>/dev/null | "$J" trace convert - "$n.jtr"
  fi
  "$J" eval --trace "$n.jtr" -s "$s" -a "$a" --cold-age "$c" > "$n.eval.txt"
  "$J" eval --trace "$n.jtr" -s "$s" -a "$a" -u 1s --cold-age "$c" --no-baseline > "$n.eval-u1s.txt"
  "$J" eval --trace "$n.jtr" -s "$s" -a "$a" -u "$a" --cold-age "$c" --no-baseline > "$n.eval-ua.txt"
  echo "accuracy: $n done"
}
run true    1us  10us  100us -- /bin/true
run grep    1us  10us  100us -- grep -c abc text200k.txt
run sort    5us  100us 1ms   -- sort -n nums3k.txt
run python3 15us 300us 3ms   -- $py -S -I prog2.py
run gzip    25us 500us 5ms   -- gzip -c -6 text200k.txt
run sqlite3 35us 700us 7ms   -- sqlite3 :memory: ".read sql.txt"
run bzip2   35us 700us 7ms   -- bzip2 -c text200k.txt
run xz      50us 1ms   10ms  -- xz -c -1 text200k.txt
