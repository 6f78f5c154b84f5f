#!/usr/bin/env bash
# Everything that must pass before a change lands. Installs what is missing.
#   scripts/test.sh            all stages
#   CWASM_TEST_STAGES="gcc asan" scripts/test.sh   a subset
# Stages: gcc (-Werror build, every CTest test: cmocka, corpus replay, CLI,
# install/consumer, fuzz seed replays), asan (the same under clang-19
# ASan+UBSan), coverage (lib/src line/branch/function floors), differential
# (libelf, readelf and the object crate against cwasm), fuzz (libFuzzer smoke),
# cross (aarch64 and big-endian s390x under qemu-user), valgrind (memcheck).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" test
jobs=$(nproc)
stages=${CWASM_TEST_STAGES:-"gcc asan coverage differential fuzz oss-fuzz cross valgrind"}
passed=0
failed=0
failures=()

stage() { # name, then the command
  local name=$1
  shift
  echo "=== $name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

build_and_ctest() { # build dir, then cmake args
  local dir=$1
  shift
  cmake -S "$root" -B "$dir" "$@" >/dev/null &&
    cmake --build "$dir" -j"$jobs" >/dev/null &&
    (cd "$dir" && ctest --output-on-failure -j"$jobs")
}

for s in $stages; do
  case $s in
    gcc)
      stage "gcc -Werror build + ctest" build_and_ctest "$root/build/test-gcc" \
        -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo ;;
    asan)
      stage "clang-19 ASan+UBSan build + ctest" build_and_ctest "$root/build/test-asan" \
        -DCMAKE_C_COMPILER=clang-19 -DCMAKE_BUILD_TYPE=Debug \
        "-DCMAKE_C_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
        "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" \
        "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined" ;;
    coverage)
      stage "clang-19 coverage of lib/src (floors: scripts/coverage-floor.txt)" "$root/scripts/coverage.sh" ;;
    differential)
      stage "differential: cwasm vs libelf, readelf, object (corpus + 20,000 mutated)" \
        bash "$root/scripts/differential.sh" --sample ;;
    fuzz)
      stage "libFuzzer smoke (ASan+UBSan) + MSan replay of every harness" bash "$root/scripts/fuzz.sh" --smoke ;;
    oss-fuzz)
      stage "OSS-Fuzz build contract: oss-fuzz/build.sh + every harness over its seed zip" \
        bash "$root/scripts/oss-fuzz-local.sh" ;;
    cross)
      stage "cross aarch64 + s390x (big-endian) under qemu-user" bash "$root/scripts/test-cross.sh" all ;;
    valgrind)
      stage "valgrind memcheck (quick: every test binary + the CLI over the corpus)" \
        bash "$root/scripts/valgrind.sh" quick ;;
    *) echo "unknown stage $s" >&2; exit 64 ;;
  esac
done

echo
((failed == 0)) || echo "failed stages: ${failures[*]}"
echo "test.sh: $passed passed, $failed failed"
((failed == 0))
