#!/usr/bin/env bash
# Run oss-fuzz/build.sh the way OSS-Fuzz / ClusterFuzzLite would, without
# Docker: the contract variables set (clang-19, ASan+UBSan CFLAGS,
# LIB_FUZZING_ENGINE=-fsanitize=fuzzer) and temporary $SRC, $WORK and $OUT.
# Then check what it produced: every harness has its binary, seed zip, .dict
# and .options, and runs (-runs=0) over its unzipped seeds with its options.
#
#   scripts/oss-fuzz-local.sh [--keep]     (--keep: leave $OUT for inspection)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
keep=0
[ "${1:-}" = --keep ] && keep=1

"$root/scripts/deps.sh" fuzz

tmp=$(mktemp -d)
((keep)) || trap 'rm -rf "$tmp"' EXIT
export SRC=$tmp/src WORK=$tmp/work OUT=$tmp/out
mkdir -p "$SRC" "$WORK" "$OUT"
ln -s "$root" "$SRC/cwasm"

export CC=clang-19 CXX=clang++-19
export SANITIZER=address FUZZING_ENGINE=libfuzzer ARCHITECTURE=x86_64 FUZZING_LANGUAGE=c
# OSS-Fuzz's flags for an ASan+UBSan libFuzzer build
san="-fsanitize=address,array-bounds,bool,builtin,enum,float-divide-by-zero,function"
san="$san,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift"
san="$san,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr"
san="$san -fno-sanitize-recover=array-bounds,bool,builtin,enum,float-divide-by-zero,function"
san="$san,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift"
san="$san,signed-integer-overflow,unreachable,vla-bound,vptr -fsanitize-address-use-after-scope"
common="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
export CFLAGS="$common $san -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
# and its runtime options (unsigned wrap-around is reported by OSS-Fuzz's flags
# but silenced at run time)
export ASAN_OPTIONS="alloc_dealloc_mismatch=0:allocator_may_return_null=1:detect_leaks=1:detect_stack_use_after_return=1:symbolize=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:print_summary=1:silence_unsigned_overflow=1:symbolize=1"

echo "=== oss-fuzz/build.sh (SRC=$SRC OUT=$OUT)"
(cd "$SRC/cwasm" && bash "$root/oss-fuzz/build.sh")

status=0
n=0
for f in "$root"/fuzz/fuzz_*.c; do
  h=$(basename "$f" .c)
  if [ ! -x "$OUT/$h" ]; then
    if [ "$h" = fuzz_elf_differential ] && ! pkg-config --exists libelf; then continue; fi
    echo "MISSING: $OUT/$h"
    status=1
    continue
  fi
  n=$((n + 1))
  for x in "${h}_seed_corpus.zip" "$h.dict" "$h.options"; do
    [ -s "$OUT/$x" ] || { echo "MISSING: $OUT/$x"; status=1; }
  done
  seeds="$tmp/seeds/$h"
  mkdir -p "$seeds"
  unzip -q -o "$OUT/${h}_seed_corpus.zip" -d "$seeds"
  # the [libfuzzer] options, as OSS-Fuzz passes them
  args=()
  while IFS='=' read -r k v; do
    k=$(echo "$k" | tr -d ' ') v=$(echo "$v" | tr -d ' ')
    [ -n "$k" ] || continue
    [ "$k" = dict ] && v="$OUT/$v"
    args+=("-$k=$v")
  done < <(sed -n '/^\[libfuzzer\]/,/^\[/{/^[a-z_]* *=/p}' "$OUT/$h.options")
  count=$(find "$seeds" -type f | wc -l)
  if (cd "$tmp" && "$OUT/$h" "${args[@]}" -runs=0 "$seeds" >"$tmp/$h.log" 2>&1); then
    echo "ok: $h ($count seeds, ${args[*]})"
  else
    echo "FAILED: $h on its seeds:"
    grep -E '==cwasm-fuzz==|ERROR: |SUMMARY|DISAGREE|Test unit' "$tmp/$h.log" | head -8 | sed 's/^/    /'
    status=1
  fi
done
((n > 0)) || { echo "no harness built"; status=1; }
((keep)) && echo "OUT kept in $OUT"
exit $status
