#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build of the cwasm harnesses (fuzz/fuzz_*.c).
#
# The contract: compile with $CC $CFLAGS, link with $CXX $CXXFLAGS
# $LIB_FUZZING_ENGINE, write $OUT/<harness>, $OUT/<harness>_seed_corpus.zip,
# $OUT/<harness>.dict and $OUT/<harness>.options. Works for every engine
# (libFuzzer, AFL++, honggfuzz, centipede) and sanitizer OSS-Fuzz builds.
# scripts/oss-fuzz-local.sh runs it without Docker.
#
# fuzz_elf_differential needs libelf (an oracle, linked into that harness
# only, statically so $OUT runs on the base-runner image); it is skipped when
# libelf is missing and under MSan (libelf is not instrumented).
#
# shellcheck disable=SC2086  # $CFLAGS, $CXXFLAGS, $LIB_FUZZING_ENGINE are word lists

src=${CWASM_SRC:-$SRC/cwasm}
[ -f "$src/lib/include/cwasm/cwasm.h" ] || src=$(cd "$(dirname "$0")/.." && pwd)
build=$WORK/cwasm-build
rm -rf "$build"
mkdir -p "$build/lib" "$OUT"

# The library: C11, libc only, every source of lib/src.
objs=()
for f in "$src"/lib/src/*.c; do
  o="$build/lib/$(basename "$f" .c).o"
  $CC $CFLAGS -std=c11 -I"$src/lib/include" -I"$src/lib/src" -c "$f" -o "$o"
  objs+=("$o")
done
ar rcs "$build/libcwasm.a" "${objs[@]}"

libelf=()
if [ "${SANITIZER:-address}" != memory ] && pkg-config --exists libelf 2>/dev/null; then
  # static: the runner image has no libelf
  # shellcheck disable=SC2054,SC2207  # linker flags; pkg-config prints a word list
  libelf=(-Wl,-Bstatic $(pkg-config --static --libs-only-l libelf) -Wl,-Bdynamic)
fi

for f in "$src"/fuzz/fuzz_*.c; do
  h=$(basename "$f" .c)
  extra=()
  if [ "$h" = fuzz_elf_differential ]; then
    if [ ${#libelf[@]} -eq 0 ]; then
      echo "build.sh: $h skipped (no libelf, or MSan)"
      continue
    fi
    extra=("${libelf[@]}")
  fi
  $CC $CFLAGS -std=c11 -I"$src/lib/include" -I"$src/fuzz" -c "$f" -o "$build/$h.o"
  $CXX $CXXFLAGS "$build/$h.o" "$build/libcwasm.a" "${extra[@]}" $LIB_FUZZING_ENGINE -lpthread \
    -o "$OUT/$h"

  # seeds: the minimised corpus, the regression inputs, the generated corpus
  rm -f "$OUT/${h}_seed_corpus.zip"
  seeds=()
  for d in "$src/fuzz/corpus/$h" "$src/fuzz/regressions/$h" "$src/corpus/valid" \
           "$src/corpus/malformed"; do
    [ -d "$d" ] && seeds+=("$d")
  done
  if [ ${#seeds[@]} -gt 0 ]; then
    find "${seeds[@]}" -type f ! -name '.*' -print0 |
      xargs -0 -r zip -q -j "$OUT/${h}_seed_corpus.zip"
  fi
  "$src/fuzz/mkdict.sh" "$h" "$OUT/$h.dict"
  cp "$src/fuzz/$h.options" "$OUT/$h.options"
  echo "build.sh: $OUT/$h"
done
