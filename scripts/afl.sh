#!/usr/bin/env bash
# AFL++ campaigns over the cwasm harnesses (the same fuzz/fuzz_*.c, linked with
# AFL++'s libAFLDriver through afl-clang-fast -fsanitize=fuzzer; LLVM 14).
#
#   scripts/afl.sh [HARNESS[,HARNESS...]|all] [SECONDS]
#
# For each harness in turn: one instance per core (at least 3) for SECONDS
# (default 60):
# -M on the plain build, then -S instances cycling through the LAF-intel build
# (AFL_LLVM_LAF_ALL: splits the magic-byte compares), the ASan build
# (AFL_USE_ASAN) and the plain build, with varied power schedules; every
# instance gets the harness's dictionary (-x). Then the queues are minimised
# with afl-cmin into build/afl/<harness>/cmin. Prints execs/s and edges per
# instance; crashes are copied into fuzz/regressions/<harness>/ and make the
# exit status 1. To keep a minimised queue's new coverage as seeds:
#   build/fuzz-asan/fuzz/<harness> -merge=1 fuzz/corpus/<harness> build/afl/<harness>/cmin
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
want=${1:-all}
secs=${2:-60}
cores=${CWASM_AFL_CORES:-$(nproc)}
# at least three instances, so that the plain, LAF and ASan builds all run;
# more instances than cores share them (no CPU binding then)
instances=$((cores < 3 ? 3 : cores))
((instances > cores)) && export AFL_NO_AFFINITY=1
shared=${CWASM_SHARED_DIR:-$root/../shared}

"$root/scripts/deps.sh" afl

all_harnesses() { for f in "$root"/fuzz/fuzz_*.c; do basename "$f" .c; done; }
if [ "$want" = all ]; then harnesses=$(all_harnesses); else harnesses=${want//,/ }; fi
for h in $harnesses; do
  [ -f "$root/fuzz/$h.c" ] || { echo "afl.sh: no harness fuzz/$h.c" >&2; exit 64; }
done

export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_QUIET=1
# Library files the LAF-intel build does not instrument: AFL++ 4.04c's
# split-compares pass needs > 5 minutes for policy.c. fuzz_check and
# fuzz_prepared link it: their LAF instances see no edges there (the plain
# and ASan instances do). Empty this when the build time is worth it.
laf_skip="policy.c"

build() { # variant -> prints the build directory
  local v=$1 dir="$root/build/fuzz-afl-$1"
  local -a env=()
  case $v in
    plain) ;;
    asan) env+=(AFL_USE_ASAN=1 AFL_USE_UBSAN=1) ;;
    laf) env+=(AFL_LLVM_LAF_ALL=1) ;;
    *) echo "afl.sh: unknown variant $v" >&2; exit 64 ;;
  esac
  mkdir -p "$root/build"
  # Instrument the library only: the harness's own checks are not worth edges.
  # The LAF build also leaves out $laf_skip (see there).
  local list="$root/build/afl-allowlist-$v.txt" f
  : >"$list"
  for f in "$root"/lib/src/*.c; do
    f=$(basename "$f")
    if [ "$v" = laf ] && [[ " $laf_skip " == *" $f "* ]]; then continue; fi
    echo "src: */lib/src/$f" >>"$list"
  done
  env+=(AFL_LLVM_ALLOWLIST="$list")
  env "${env[@]}" CC=afl-clang-fast cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Fuzz \
    "-DCMAKE_C_FLAGS=-O2 -g" -DCWASM_BUILD_TESTS=OFF -DCWASM_BUILD_CLI=OFF \
    -DCWASM_BUILD_TOOLS=OFF -DCWASM_FUZZ_ENGINE=afl "-DCWASM_SHARED_DIR=$shared" \
    >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log" >&2; return 1; }
  env "${env[@]}" cmake --build "$dir" -j"$(nproc)" --target cwasm_fuzz >"$dir.build.log" 2>&1 ||
    { tail -40 "$dir.build.log" >&2; return 1; }
  echo "$dir"
}

plain=$(build plain)
asan=$(build asan)
laf=$(build laf)
builds=("$laf" "$asan" "$plain")
names=(laf asan plain)
schedules=(fast coe explore exploit rare lin quad)

afl_stat() { sed -n "s/^$2 *: *//p" "$1/fuzzer_stats" 2>/dev/null | head -1; }
opt() { sed -n "s/^$2 *= *//p" "$root/fuzz/$1.options" | head -1; }

status=0
for h in $harnesses; do
  [ -x "$plain/fuzz/$h" ] || { echo "afl.sh: $h not built (libelf missing?), skipped" >&2; continue; }
  w="$root/build/afl/$h"
  rm -rf "$w"
  mkdir -p "$w/in"
  # AFL wants one flat directory of seeds
  for d in "$root/fuzz/corpus/$h" "$root/corpus/valid" "$root/corpus/malformed"; do
    [ -d "$d" ] || continue
    find "$d" -type f ! -name '.*' -size -1024k -exec cp -t "$w/in" {} + 2>/dev/null || true
  done
  [ -n "$(ls -A "$w/in")" ] || printf '\0' >"$w/in/empty"
  "$root/fuzz/mkdict.sh" "$h" "$w/$h.dict"
  maxlen=$(opt "$h" max_len)

  echo "=== $h: $instances instances on $cores cores, $secs s"
  pids=()
  for ((i = 0; i < instances; i++)); do
    if ((i == 0)); then
      role=(-M main) bin="$plain/fuzz/$h" label="main(plain,explore)" sched=explore
    else
      k=$(((i - 1) % 3)) sched=${schedules[$(((i - 1) % ${#schedules[@]}))]}
      role=(-S "s$i") bin="${builds[$k]}/fuzz/$h" label="s$i(${names[$k]},$sched)"
    fi
    echo "$label" >"$w/label.$i"
    afl-fuzz "${role[@]}" -p "$sched" -i "$w/in" -o "$w/out" -x "$w/$h.dict" -G "$maxlen" \
      -m none -t 2000 -V "$secs" -- "$bin" >"$w/afl.$i.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "afl-fuzz exited $? (see $w/afl.*.log)"; status=1; }; done

  printf '%-26s %10s %12s %14s %8s %8s\n' instance execs/s execs edges queue crashes
  total_eps=0
  for ((i = 0; i < instances; i++)); do
    id=$([ $i -eq 0 ] && echo main || echo "s$i")
    d="$w/out/$id"
    eps=$(afl_stat "$d" execs_per_sec) done_=$(afl_stat "$d" execs_done)
    edges=$(afl_stat "$d" edges_found) total=$(afl_stat "$d" total_edges)
    queue=$(afl_stat "$d" corpus_count) crashes=$(afl_stat "$d" saved_crashes)
    printf '%-26s %10s %12s %14s %8s %8s\n' "$(cat "$w/label.$i")" "${eps:-?}" "${done_:-?}" \
      "${edges:-?}/${total:-?}" "${queue:-?}" "${crashes:-?}"
    total_eps=$(awk -v a="$total_eps" -v b="${eps:-0}" 'BEGIN { print a + b }')
  done
  echo "total execs/s: $total_eps"

  # crashes -> regressions
  mkdir -p "$root/fuzz/regressions/$h"
  for f in "$w"/out/*/crashes/id:*; do
    [ -f "$f" ] || continue
    dst="$root/fuzz/regressions/$h/$h-afl-$(sha1sum "$f" | cut -c1-16)"
    cp "$f" "$dst"
    echo "    crash input saved: $dst"
    status=1
  done

  # minimise the union of the queues
  mkdir -p "$w/all"
  for f in "$w"/out/*/queue/id:*; do
    [ -f "$f" ] && cp "$f" "$w/all/$(sha1sum "$f" | cut -c1-40)"
  done
  if afl-cmin -i "$w/all" -o "$w/cmin" -m none -t 5000 -- "$plain/fuzz/$h" >"$w/cmin.log" 2>&1; then
    echo "afl-cmin: $(find "$w/all" -type f | wc -l) queue entries -> $(find "$w/cmin" -type f | wc -l) in $w/cmin"
  else
    echo "afl-cmin failed: see $w/cmin.log"
  fi
done
exit $status
