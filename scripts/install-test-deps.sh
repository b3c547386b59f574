#!/usr/bin/env bash
# Installs what tests run by `mvn verify` need from Debian: headless Chromium and its driver plus fonts for
# Java2D text (src/test/java/org/jdamon/browser), and promtool from the prometheus package, which checks
# the /metrics exposition (src/test/java/org/jdamon/web/ServeLoadTest), and Intel ISA-L (libisal2), which
# inflates damo's json_compressed records (src/main/java/org/jdamon/io/ZlibInput; Java's zlib without it).
# Tests skip when theirs is missing.
set -euo pipefail
packages=()
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(chromium --version 2>/dev/null | head -n1)"
else
  packages+=(chromium chromium-driver fonts-dejavu-core fontconfig)
fi
if command -v promtool >/dev/null 2>&1; then
  echo "promtool already installed: $(promtool --version 2>&1 | head -n1)"
else
  packages+=(prometheus)
fi
if [ -e /usr/lib/x86_64-linux-gnu/libisal.so.2 ] || ldconfig -p 2>/dev/null | grep -q 'libisal\.so\.2 '; then
  echo "libisal2 already installed"
else
  packages+=(libisal2)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: no apt-get; install ${packages[*]} by hand (their tests skip without them)" >&2
  exit 0
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update
# prometheus: only promtool is used; the package's service is not started in containers without systemd
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${packages[@]}"
command -v chromium >/dev/null 2>&1 && chromium --version 2>/dev/null | head -n1
command -v promtool >/dev/null 2>&1 && promtool --version 2>&1 | head -n1
exit 0
