#!/usr/bin/env bash
# Installs what building winerr-ls and running its unit/e2e tests needs, only where missing.
# As root it runs apt-get; otherwise it prints the exact apt-get line and stops (exit 1).
# The editor-client tests install their own extras (tests/clients/install-deps.sh).
set -euo pipefail
PKGS=(cmake g++ make nlohmann-json3-dev catch2 libasio-dev ccache mingw-w64-common ripgrep dpkg-dev man-db unzip clang-14 libclang-rt-14-dev
      python3 python3-jsonschema python3-rfc3987)  # the last three: the SARIF schema test (tests/e2e/validate_sarif.py)
# The cross builds and their tests (tests/cross/): mingw-w64 + wine, aarch64 + qemu-user. As root
# or with CI=true they are installed like the rest; otherwise a missing one is only reported and
# those tests print SKIPPED with the reason.
CROSS_PKGS=(g++-mingw-w64-x86-64-posix wine wine64 g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user python3 file binutils)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=()
for p in "${PKGS[@]}"; do
  installed "$p" || need+=("$p")
done
cross_need=()
for p in "${CROSS_PKGS[@]}"; do
  installed "$p" || cross_need+=("$p")
done
if [ ${#cross_need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] || [ "${CI:-}" = true ]; then
    need+=("${cross_need[@]}")
  else
    echo "install-deps: cross tests will be SKIPPED; missing: ${cross_need[*]}" >&2
  fi
fi
if [ ${#need[@]} -eq 0 ]; then
  echo "install-deps: all build and test packages present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages: ${need[*]}" >&2
  echo "install-deps: run this, then try again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt (e.g. the client tests' installer) may hold the lock: wait for it.
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
