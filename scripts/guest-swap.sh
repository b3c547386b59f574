#!/usr/bin/env bash
# Inside the guest-run VM only: a 512 MiB zram swap device, so that paging out anonymous memory
# (DAMOS pageout, MADV_PAGEOUT) has somewhere to go. The guest kernel's modules come from the kernel
# package guest-run unpacked under $GUEST_BASE (default /tmp/guest).
set -euo pipefail
[ "${JDAMON_GUEST:-}" = 1 ] || { echo "guest-swap: only inside the VM (JDAMON_GUEST=1)" >&2; exit 1; }
kv=$(uname -r)
mods=${GUEST_BASE:-/tmp/guest}/k/$kv/lib/modules/$kv/kernel
for m in lib/lz4/lz4_compress lib/lz4/lz4hc_compress drivers/block/zram/zram; do
  f=$mods/$m.ko.xz
  [ -f "$f" ] || { echo "guest-swap: $f missing" >&2; exit 1; }
  xz -dc "$f" > "/tmp/$(basename "$m").ko"
  insmod "/tmp/$(basename "$m").ko"
done
echo 512M > /sys/block/zram0/disksize
mkswap /dev/zram0 >/dev/null
swapon /dev/zram0
