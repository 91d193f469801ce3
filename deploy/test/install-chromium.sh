#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests (ReportBrowserITCase) when
# /usr/bin/chromium or /usr/bin/chromedriver is missing. Idempotent: with both present it only
# says so. The Maven build of jobs/ runs it before the integration tests, so `mvn -B -ntp verify`
# works on a fresh machine; run it by hand to install ahead of time.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

die() { echo "install-chromium.sh: $*" >&2; exit 1; }

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
  echo "install-chromium.sh: $CHROMIUM and $CHROMEDRIVER are present"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 \
  || die "$CHROMIUM or $CHROMEDRIVER is missing and there is no apt-get here; install Chromium and its ChromeDriver at those paths"

# apt-get needs root; sudo only when it is there and we are not root already.
SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 \
    || die "$CHROMIUM or $CHROMEDRIVER is missing; installing Debian's chromium and chromium-driver needs root (or sudo)"
  SUDO=(sudo -n)
fi

echo "install-chromium.sh: installing Debian packages chromium and chromium-driver"
"${SUDO[@]}" apt-get update \
  || die "apt-get update failed; cannot install chromium and chromium-driver"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver \
  || die "apt-get install chromium chromium-driver failed"

[[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]] \
  || die "installed chromium and chromium-driver, but $CHROMIUM or $CHROMEDRIVER is still missing"
echo "install-chromium.sh: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium), $("$CHROMEDRIVER" --version 2>/dev/null || echo chromedriver)"
