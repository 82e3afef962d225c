#!/usr/bin/env bash
# Runs one libFuzzer target (used by ctest, label `fuzz`, and bench/fuzz.sh).
#   run.sh fuzz BINARY SECONDS SEED WORKDIR   fuzz from the seed corpus for SECONDS; new inputs
#                                             go to WORKDIR/<target>/ (never to the source tree);
#                                             a crash input is saved as WORKDIR/<target>-crash-*
#   run.sh replay BINARY                      run every file of regressions/<target>/ once
# Prints "<target>: N executions in S s" (fuzz) or "<target>: N regressions replayed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=$1 bin=$2
name=$(basename "$bin")
opts=(-close_fd_mask=3 -rss_limit_mb=2048 -timeout=25 -max_len=8192 -print_final_stats=1)
[ -f "$here/$name.dict" ] && opts+=(-dict="$here/$name.dict")
# UBSan reports are fatal (the preset builds with -fno-sanitize-recover=all); ASan's leak
# check stays on.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}

case $mode in
  fuzz)
    secs=$3 seed=$4 work=$5
    mkdir -p "$work/$name"
    log="$work/$name.log"
    "$bin" "${opts[@]}" -max_total_time="$secs" -seed="$seed" -artifact_prefix="$work/$name-" \
      "$work/$name" "$here/corpus/$name" >"$log" 2>&1
    rc=$?
    execs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    secs_done=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo 'in [0-9]+' | grep -Eo '[0-9]+' | tail -1)
    echo "$name: ${execs:-?} executions in ${secs_done:-$secs} s (seed $seed, corpus $(ls "$work/$name" | wc -l) + $(ls "$here/corpus/$name" | wc -l) seeds)" | tee "$work/$name.stats"
    if [ $rc -ne 0 ]; then
      tail -60 "$log"
      ls "$work/$name"-crash-* "$work/$name"-leak-* "$work/$name"-timeout-* "$work/$name"-oom-* 2>/dev/null |
        sed 's/^/  saved: /'
      echo "$name: FAILED (exit $rc); copy the saved input to tests/fuzz/regressions/$name/ once fixed"
    fi
    exit $rc
    ;;
  replay)
    dir="$here/regressions/$name"
    files=()
    [ -d "$dir" ] && while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$dir" -type f ! -name '.*' -print0 | sort -z)
    if [ ${#files[@]} -eq 0 ]; then echo "$name: no regressions yet"; exit 0; fi
    "$bin" "${opts[@]}" -runs=1 "${files[@]}"
    rc=$?
    echo "$name: ${#files[@]} regressions replayed (exit $rc)"
    exit $rc
    ;;
  *) echo "usage: run.sh fuzz BINARY SECONDS SEED WORKDIR | run.sh replay BINARY" >&2; exit 2 ;;
esac
