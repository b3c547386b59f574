#!/usr/bin/env bash
# Kernel tests in a VM: builds jdamon, boots ONE guest-run VM (Debian 6.12 kernel with DAMON, this
# machine's root filesystem read-only + tmpfs) and runs every *IT integration test inside it with
# JDAMON_GUEST=1, then prints what ran and what it measured. The host's own DAMON is never touched.
#   env: GUEST_RUN (path of guest-run), IT (regex of test class names; default: every *IT under
#        org.jdamon.ops, the ones that need the VM), TIMEOUT (VM timeout, s; default 1500), MEM/SMP (VM size; default 2G/1)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
export PATH="$JAVA_HOME/bin:$PATH"

need=(qemu-system-x86 busybox-static cpio kmod xz-utils zstd gzip)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "kernel-tests: installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

GUEST_RUN=${GUEST_RUN:-}
if [ -z "$GUEST_RUN" ]; then
  for c in ../shared/tools/guest-run ../../shared/tools/guest-run /work/shared/tools/guest-run; do
    [ -x "$c" ] && { GUEST_RUN=$(realpath "$c"); break; }
  done
fi
[ -x "${GUEST_RUN:-}" ] || { echo "kernel-tests: guest-run not found (set GUEST_RUN)" >&2; exit 1; }

echo "kernel-tests: building (tests compiled, not run)"
mvn -B -ntp -o -q package -DskipTests 2>/dev/null || mvn -B -ntp -q package -DskipTests
CP_FILE=target/kernel-it/classpath
mkdir -p target/kernel-it
dep=org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
mvn -B -ntp -o -q $dep -Dmdep.outputFile=$CP_FILE -Dmdep.includeScope=test 2>/dev/null \
  || mvn -B -ntp -q $dep -Dmdep.outputFile=$CP_FILE -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat $CP_FILE)"

IT=${IT:-org\.jdamon\.ops\..*IT}
export TIMEOUT=${TIMEOUT:-1500}
# one vCPU (TCG runs all vCPUs on one host thread anyway) and no PCID: every switch between processes
# flushes the emulated TLB, as the tests' 1 kHz ticker needs (see Guest.startTicker)
export SMP=${SMP:-1} APPEND="${APPEND:-} nopcid"
echo "kernel-tests: booting one VM for test classes matching '$IT'"
start=$(date +%s)
set +e
# Maven takes minutes to start under emulation: the tests run in one plain JVM (C1 only: less JIT work)
"$GUEST_RUN" "export JDAMON_GUEST=1 JAVA_HOME=$JAVA_HOME PATH=$JAVA_HOME/bin:\$PATH
echo \"guest: Linux \$(uname -r), \$(nproc) cpus, \$(free -m | awk '/Mem:/{print \$2}') MiB, THP \$(cat /sys/kernel/mm/transparent_hugepage/enabled)\"
mkdir -p target/kernel-it; rm -f target/kernel-it/results.txt
# THP off (madvise): with THP=always every 4 KiB the JVM itself touches counts as a 2 MiB huge page
echo madvise > /sys/kernel/mm/transparent_hugepage/enabled
GUEST_BASE=${BASE:-/tmp/guest} scripts/guest-swap.sh && echo \"guest: zram swap \$(awk 'NR>1{print \$3/1024}' /proc/swaps) MiB\"
java -XX:TieredStopAtLevel=1 -Xmx512m --enable-native-access=ALL-UNNAMED -Djdamon.it.results=target/kernel-it/results.txt \
  -cp '$CP' org.jdamon.GuestTestLauncher '$IT' > target/kernel-it/log.txt 2>&1
rc=\$?
grep -vE '^\\[[a-z-]+\\] ' target/kernel-it/log.txt | tail -60
echo '=== what the VM tests found ==='
cat target/kernel-it/results.txt 2>/dev/null || echo '(no results)'
exit \$rc"
rc=$?
set -e
echo "kernel-tests: VM run took $(( $(date +%s) - start )) s, exit code $rc"
exit $rc
