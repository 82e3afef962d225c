#!/usr/bin/env bash
# Writes a synthetic IKE/VPN log of about SIZE_MB megabytes to OUT: the example log's lines
# (codes in every form) diluted with ordinary log noise, 1 code line in 10.
set -euo pipefail
out=${1:?usage: make_log.sh OUT SIZE_MB}
size_mb=${2:-100}
here="$(cd "$(dirname "$0")" && pwd)"
awk -v target=$((size_mb * 1000000)) '
  FNR == NR { if ($0 !~ /^#/) codes[n++] = $0; next }
  END {
    bytes = 0; i = 0
    while (bytes < target) {
      if (i % 10 == 0) line = codes[(i / 10) % n]
      else line = sprintf("2026-11-20 08:%02d:%02d.%03d IKEEXT: keying module %d processed packet seq %d from 192.0.2.%d port 500 size %d bytes", i % 60, i % 60, i % 1000, i % 3, i, i % 250, 100 + i % 1400)
      print line; bytes += length(line) + 1; i++
    }
  }' "$here/../examples/vpn-client.log" /dev/null > "$out"
