#!/usr/bin/env bash
# The main job on the bundled example: build winerr-ls (release), then show what an editor
# would show — every code in a VPN client log, and the full explanation of one code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target winerr-ls
echo
echo "\$ winerr-ls check examples/vpn-client.log"
./build/release/winerr-ls check examples/vpn-client.log
echo
echo "\$ winerr-ls explain 0x35E9"
./build/release/winerr-ls explain 0x35E9
