#!/usr/bin/env bash
# Installs what the browser tests (src/test/java/org/jdamon/browser, run by `mvn verify`) need: Debian's
# headless Chromium and its driver, plus fonts for Java2D text. Without chromium those tests are skipped.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(chromium --version 2>/dev/null | head -n1)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: no apt-get; install chromium by hand (browser tests skip without it)" >&2
  exit 0
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends \
  chromium chromium-driver fonts-dejavu-core fontconfig
chromium --version 2>/dev/null | head -n1
