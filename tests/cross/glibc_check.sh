#!/usr/bin/env bash
# The glibc check: a Linux winerr-ls must run on any glibc Linux of the last ten years, so it
# is either statically linked (no dynamic section, no interpreter) or needs at most GLIBC_2.17.
# Reads the binary's dynamic symbol versions with objdump -T (readelf when objdump is absent).
#   tests/cross/glibc_check.sh BINARY [MAX]      MAX defaults to 2.17
# Exit 0 when it passes, 1 otherwise (naming the symbols that need a newer glibc), 77 SKIPPED.
set -uo pipefail
bin=${1:?binary}; max=${2:-2.17}
[ -f "$bin" ] || { echo "FAILED: $bin does not exist"; exit 1; }
command -v objdump >/dev/null || command -v readelf >/dev/null ||
  { echo "SKIPPED: neither objdump nor readelf is installed (binutils)"; exit 77; }

command -v file >/dev/null && echo "file: $(file -b "$bin")"
if command -v readelf >/dev/null; then
  interp=$(readelf -l "$bin" 2>/dev/null | grep -o 'interpreter: [^]]*' || true)
  dynamic=$(readelf -d "$bin" 2>/dev/null | grep -c '(NEEDED)' || true)
  echo "readelf: ${interp:-no program interpreter}; ${dynamic} NEEDED libraries"
  if [ -z "$interp" ] && [ "$dynamic" = 0 ]; then
    echo "glibc check: PASSED: $bin is statically linked; it needs no GLIBC_ symbol version"
    exit 0
  fi
fi
if command -v objdump >/dev/null; then
  syms=$(objdump -T "$bin" 2>/dev/null | grep -Eo 'GLIBC_[0-9.]+\)? +[^ ]+$' | tr -d ')' || true)
else
  syms=$(readelf --dyn-syms -W "$bin" 2>/dev/null | grep -Eo '[^ ]+@GLIBC_[0-9.]+' | sed -E 's/(.*)@(GLIBC_.*)/\2 \1/' || true)
fi
versions=$(echo "$syms" | grep -Eo '^GLIBC_[0-9.]+' | sed 's/GLIBC_//' | sort -uV)
highest=$(echo "$versions" | tail -1)
echo "GLIBC_ versions needed: $(echo $versions | tr ' ' ',')"
if [ -z "$highest" ]; then
  echo "glibc check: PASSED: no GLIBC_ symbol versions needed"
  exit 0
fi
if [ "$(printf '%s\n%s\n' "$highest" "$max" | sort -V | tail -1)" = "$max" ]; then
  echo "glibc check: PASSED: highest is GLIBC_$highest <= GLIBC_$max"
  exit 0
fi
echo "glibc check: FAILED: $bin needs GLIBC_$highest > GLIBC_$max; these symbols:"
echo "$syms" | awk -v max="$max" '{ v=$1; sub("GLIBC_","",v); print v " " $0 }' | sort -V |
  while read -r v line; do
    [ "$(printf '%s\n%s\n' "$v" "$max" | sort -V | tail -1)" != "$max" ] && echo "  $line"
  done
exit 1
