#!/usr/bin/env bash
# libFuzzer campaigns over the cwasm harnesses (fuzz/fuzz_*.c), clang-19.
#
#   scripts/fuzz.sh [HARNESS[,HARNESS...]|all] [SECONDS]   fuzz each harness SECONDS (default 60)
#                                             on the ASan+UBSan build, merge new
#                                             coverage into fuzz/corpus/<harness>/
#   scripts/fuzz.sh --smoke                   CI: ~15 s per harness (ASan+UBSan, no
#                                             merge) + seeds and regressions replayed
#                                             under MSan; < 3 min on 2 cores
#   scripts/fuzz.sh --reseed [HARNESS|all]    rebuild the seed directories: real
#                                             artifacts + fuzz/gen_seeds.py + corpus/
#                                             valid|malformed, minimised with -merge=1
#
# Options (before the harness): --variant asan|nosan (nosan: -fsanitize=fuzzer
# only, for speed numbers), --jobs N (harnesses run at once; default: cores),
# --no-merge. Prints per harness exec/s, cov/ft, corpus size and crash paths;
# every crash/leak/timeout/OOM input is copied into fuzz/regressions/<harness>/
# (replayed by CTest) and makes the exit status 1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

variant=asan
smoke=0
reseed=0
merge=1
jobs=$(nproc)
shared=${CWASM_SHARED_DIR:-$root/../shared}
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1; merge=0; shift ;;
    --reseed) reseed=1; shift ;;
    --variant) variant=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --no-merge) merge=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 64 ;;
    *) break ;;
  esac
done
want=${1:-all}
secs=${2:-60}
((smoke)) && secs=${CWASM_FUZZ_SMOKE_SECONDS:-15}

"$root/scripts/deps.sh" fuzz

all_harnesses() { for f in "$root"/fuzz/fuzz_*.c; do basename "$f" .c; done; }
if [ "$want" = all ]; then harnesses=$(all_harnesses); else harnesses=${want//,/ }; fi
for h in $harnesses; do
  [ -f "$root/fuzz/$h.c" ] || { echo "fuzz.sh: no harness fuzz/$h.c" >&2; exit 64; }
done

# ---------------------------------------------------------------- builds
build() { # variant -> prints the build directory
  local v=$1 dir="$root/build/fuzz-$1" cflags libelf=ON
  case $v in
    asan) cflags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" ;;
    nosan) cflags="-O2 -g" ;;
    msan) cflags="-O1 -g -fno-omit-frame-pointer -fsanitize=memory -fsanitize-memory-track-origins=2"
          libelf=OFF ;; # libelf is not MSan-instrumented: see fuzz_elf_differential.c
    *) echo "fuzz.sh: unknown variant $v" >&2; exit 64 ;;
  esac
  mkdir -p "$root/build"
  local san=${cflags#*-fsanitize=}
  [ "$san" = "$cflags" ] && san="" || san="-fsanitize=${san%% *}"
  cmake -S "$root" -B "$dir" -DCMAKE_C_COMPILER=clang-19 -DCMAKE_BUILD_TYPE=Fuzz \
    "-DCMAKE_C_FLAGS=$cflags" "-DCMAKE_EXE_LINKER_FLAGS=$san" \
    -DCWASM_BUILD_TESTS=OFF -DCWASM_BUILD_CLI=OFF -DCWASM_BUILD_TOOLS=OFF \
    -DCWASM_FUZZ_ENGINE=libfuzzer -DCWASM_FUZZ_LIBELF=$libelf \
    "-DCWASM_SHARED_DIR=$shared" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log" >&2; return 1; }
  cmake --build "$dir" -j"$(nproc)" --target cwasm_fuzz >"$dir.build.log" 2>&1 ||
    { tail -40 "$dir.build.log" >&2; return 1; }
  echo "$dir"
}

opt() { sed -n "s/^$2 *= *//p" "$root/fuzz/$1.options" | head -1; }

# Seed inputs beyond fuzz/corpus/<h>: the generated corpus, when committed.
extra_seeds() {
  local d
  for d in "$root/corpus/valid" "$root/corpus/malformed"; do [ -d "$d" ] && echo "$d"; done
  return 0
}

# Copy crash inputs of a run into fuzz/regressions/<h>/ (names that .gitignore's
# crash-* pattern does not hide). Prints the new paths.
save_crashes() { # harness artifact-dir
  local h=$1 f kind sum dst
  mkdir -p "$root/fuzz/regressions/$h"
  for f in "$2"/*; do
    [ -f "$f" ] || continue
    kind=$(basename "$f"); kind=${kind%%-*}
    sum=$(sha1sum "$f" | cut -c1-16)
    dst="$root/fuzz/regressions/$h/$h-$kind-$sum"
    cp "$f" "$dst"
    echo "$dst"
  done
}

# ---------------------------------------------------------------- reseed
if ((reseed)); then
  dir=$(build asan)
  gen=$(mktemp -d)
  trap 'rm -rf "$gen"' EXIT
  real=()
  [ -d "$shared/real-artifacts" ] && real=("$shared"/real-artifacts/*.cwasm)
  python3 "$root/fuzz/gen_seeds.py" "$gen/seeds" "${real[@]}"
  for h in $harnesses; do
    bin="$dir/fuzz/$h"
    [ -x "$bin" ] || { echo "fuzz.sh: $h not built (libelf missing?)" >&2; continue; }
    keep="$gen/keep-$h"
    mkdir -p "$keep" "$root/fuzz/corpus/$h"
    # the real artifacts stay whole in every ELF-shaped seed directory, whatever
    # -merge thinks (fuzz_metadata takes metadata bytes: gen_seeds.py extracts
    # them; fuzz_prepared a selector byte first: embed_refs.py makes its seeds)
    if [ "$h" != fuzz_metadata ] && [ "$h" != fuzz_prepared ]; then
      for f in "${real[@]}"; do cp "$f" "$keep/real-$(basename "$f")"; done
      cp "$root/fuzz/corpus/$h"/real-* "$keep/" 2>/dev/null || true
    fi
    mkdir -p "$gen/seeds/$h" # gen_seeds.py makes none for some harnesses (fuzz_check)
    # shellcheck disable=SC2046
    "$bin" -merge=1 -max_len="$(opt "$h" max_len)" "$keep" "$gen/seeds/$h" "$root/fuzz/corpus/$h" \
      $(extra_seeds) >"$gen/$h.merge.log" 2>&1 || { tail -20 "$gen/$h.merge.log"; exit 1; }
    rm -rf "$root/fuzz/corpus/$h"
    mv "$keep" "$root/fuzz/corpus/$h"
    echo "$h: $(find "$root/fuzz/corpus/$h" -type f | wc -l) seeds, $(du -sk --apparent-size "$root/fuzz/corpus/$h" | cut -f1) KiB"
  done
  exit 0
fi

# ---------------------------------------------------------------- campaigns
dir=$(build "$variant")
# one run directory per invocation: two campaigns may share a build
run="$dir/run.$$"
rm -rf "$run"
mkdir -p "$run"
t0=$SECONDS

fuzz_one() { # harness
  local h=$1 bin="$dir/fuzz/$1" w="$run/$1"
  mkdir -p "$w/new" "$w/crashes"
  "$root/fuzz/mkdict.sh" "$h" "$w/$h.dict"
  # shellcheck disable=SC2046
  "$bin" "$w/new" "$root/fuzz/corpus/$h" $(extra_seeds) \
    -max_total_time="$secs" -max_len="$(opt "$h" max_len)" -dict="$w/$h.dict" \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$w/crashes/" \
    >"$w/log" 2>&1 || echo $? >"$w/rc"
  if ((merge)); then
    # shellcheck disable=SC2046
    "$bin" -merge=1 -max_len="$(opt "$h" max_len)" "$root/fuzz/corpus/$h" "$w/new" $(extra_seeds) \
      >"$w/merge.log" 2>&1 || echo "merge failed: see $w/merge.log" >>"$w/notes"
  fi
}

running=0
for h in $harnesses; do
  if [ ! -x "$dir/fuzz/$h" ]; then
    echo "fuzz.sh: $h not built in $dir (libelf missing?), skipped" >&2
    continue
  fi
  fuzz_one "$h" &
  running=$((running + 1))
  if ((running >= jobs)); then wait -n || true; running=$((running - 1)); fi
done
wait || true

# ---------------------------------------------------------------- report
status=0
printf '\n%-24s %9s %6s %7s %14s %6s  %s\n' harness exec/s cov ft corpus new result
for h in $harnesses; do
  w="$run/$h"
  [ -f "$w/log" ] || continue
  execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$w/log")
  newu=$(sed -n 's/^stat::new_units_added: *//p' "$w/log")
  last=$(grep -E '^#[0-9]+.*cov: ' "$w/log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  files=$(find "$root/fuzz/corpus/$h" -type f | wc -l)
  kib=$(du -sk --apparent-size "$root/fuzz/corpus/$h" | cut -f1)
  result=ok
  saved=$(save_crashes "$h" "$w/crashes")
  if [ -n "$saved" ] || [ -f "$w/rc" ]; then
    result="FAILED (rc $(cat "$w/rc" 2>/dev/null || echo 0), log $w/log)"
    status=1
  fi
  printf '%-24s %9s %6s %7s %8s/%4sK %6s  %s\n' "$h" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
    "$files" "$kib" "${newu:-?}" "$result"
  [ -n "$saved" ] && while read -r f; do echo "    crash input saved: $f"; done <<<"$saved"
  [ -f "$w/notes" ] && sed 's/^/    /' "$w/notes"
  if [ "$result" != ok ]; then grep -E '==cwasm-fuzz==|ERROR: |SUMMARY|DISAGREE' "$w/log" | head -5 | sed 's/^/    /'; fi
done
echo "fuzzing: $((SECONDS - t0)) s ($variant build, $secs s per harness, $jobs at a time)"
if ((status == 0)); then rm -rf "$run"; else echo "logs kept in $run"; fi

# ---------------------------------------------------------------- MSan replay
if ((smoke)); then
  mdir=$(build msan)
  echo "=== seeds and regressions under MSan"
  if ! (cd "$mdir/fuzz" && ctest --output-on-failure -L fuzz); then status=1; fi
fi
exit $status
