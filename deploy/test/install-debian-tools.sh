#!/usr/bin/env bash
# Installs Debian packages that integration tests run as real programs, when their binaries are
# missing. Arguments are BINARY=PACKAGE pairs, e.g.
#   install-debian-tools.sh /usr/bin/chromium=chromium /usr/bin/chromedriver=chromium-driver
#   install-debian-tools.sh /usr/bin/prometheus-alertmanager=prometheus-alertmanager
# Idempotent: with every binary present it only says so. The Maven builds of operators/ and jobs/
# run it before their integration tests, so `mvn -B -ntp verify` works on a fresh machine; run it
# by hand to install ahead of time.
set -euo pipefail

die() { echo "install-debian-tools.sh: $*" >&2; exit 1; }

[[ $# -gt 0 ]] || die "usage: install-debian-tools.sh BINARY=PACKAGE [BINARY=PACKAGE ...]"

missing_binaries=()
missing_packages=()
for pair in "$@"; do
  [[ "$pair" == *=* ]] || die "'$pair' is not BINARY=PACKAGE"
  binary="${pair%%=*}"
  package="${pair#*=}"
  if [[ ! -x "$binary" ]]; then
    missing_binaries+=("$binary")
    missing_packages+=("$package")
  fi
done

if [[ ${#missing_packages[@]} -eq 0 ]]; then
  echo "install-debian-tools.sh: present: ${*%%=*}"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 \
  || die "${missing_binaries[*]} missing and there is no apt-get here; install Debian packages ${missing_packages[*]} (or equivalents at those paths)"

# apt-get needs root; sudo only when it is there and we are not root already.
SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 \
    || die "${missing_binaries[*]} missing; installing Debian packages ${missing_packages[*]} needs root (or sudo)"
  SUDO=(sudo -n)
fi

echo "install-debian-tools.sh: installing Debian packages ${missing_packages[*]}"
"${SUDO[@]}" apt-get update \
  || die "apt-get update failed; cannot install ${missing_packages[*]}"
# On a machine with systemd, prometheus-alertmanager also starts its service on :9093; the tests use their own port.
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing_packages[@]}" \
  || die "apt-get install ${missing_packages[*]} failed"

for binary in "${missing_binaries[@]}"; do
  [[ -x "$binary" ]] || die "installed ${missing_packages[*]}, but $binary is still missing"
done
echo "install-debian-tools.sh: installed ${missing_packages[*]}"
