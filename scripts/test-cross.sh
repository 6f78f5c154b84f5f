#!/usr/bin/env bash
# Cross-architecture tests: the library, the cmocka suite and the fuzz replay
# drivers built with Debian's cross compilers and run under qemu-user through
# CTest (CMAKE_CROSSCOMPILING_EMULATOR), then the cwasm command of the target
# compared with this machine's over every corpus file and real artifact.
#   scripts/test-cross.sh [aarch64|s390x|all]...     (default: all)
# s390x is big-endian: a failure there that the native build does not show is
# a byte-order bug. Toolchain files: cmake/toolchains/<triple>.cmake.
# Build dirs: build/cross-<arch>, build/cross-native (the reference CLI).
#
# Not run on cross builds, and why:
#   tools/ (the corpus generator)  needs libelf for the target
#                                  (-DCWASM_BUILD_TOOLS=OFF; test_corpus's
#                                  "regenerate" test skips without it);
#   tests/cli_*.sh                 they exec the cwasm binary directly, and
#                                  cli_corpus.sh pins hosts by the build
#                                  machine's architecture (python's
#                                  platform.machine()), which under qemu-user
#                                  is not the binary's; the differential below
#                                  covers the command instead.
# Environment: CWASM_SHARED_DIR (default ../shared, made absolute),
#              CWASM_CROSS_JOBS (default nproc),
#              CWASM_CROSS_UBSAN=1: Debug + UBSan (libubsan linked statically,
#              so qemu needs no target libubsan) in build/cross-<arch>-ubsan
#              instead of the RelWithDebInfo build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${CWASM_CROSS_JOBS:-$(nproc)}
shared=${CWASM_SHARED_DIR:-$root/../shared}
[ -d "$shared" ] && shared=$(cd "$shared" && pwd)

arches=()
for a in "${@:-all}"; do
  case $a in
    all) arches+=(aarch64 s390x) ;;
    aarch64 | s390x) arches+=("$a") ;;
    *) echo "usage: $0 [aarch64|s390x|all]..." >&2; exit 64 ;;
  esac
done

triple_of() { echo "$1-linux-gnu"; }
debarch_of() { case $1 in aarch64) echo arm64 ;; *) echo "$1" ;; esac; }

# ------------------------------------------------------------ prerequisites
# scripts/deps.sh cross installs them (multiarch: dpkg --add-architecture).
missing_for() { # arch -> prints what is missing
  local a=$1 t
  t=$(triple_of "$a")
  command -v "$t-gcc" >/dev/null || echo "gcc-$t"
  command -v "qemu-$a" >/dev/null || echo "qemu-user"
  [ -f "/usr/lib/$t/pkgconfig/cmocka.pc" ] || echo "libcmocka-dev:$(debarch_of "$a")"
}
need=()
for a in "${arches[@]}"; do mapfile -t -O "${#need[@]}" need < <(missing_for "$a"); done
if ((${#need[@]})); then
  "$root/scripts/deps.sh" cross || true
  need=()
  for a in "${arches[@]}"; do mapfile -t -O "${#need[@]}" need < <(missing_for "$a"); done
  if ((${#need[@]})); then
    echo "test-cross: missing ${need[*]}; as root:" >&2
    for a in "${arches[@]}"; do echo "  dpkg --add-architecture $(debarch_of "$a")" >&2; done
    echo "  apt-get update && apt-get install --no-install-recommends ${need[*]}" >&2
    exit 69
  fi
fi
if ! command -v cmake >/dev/null || ! command -v python3 >/dev/null; then
  echo "test-cross: needs cmake and python3 (scripts/deps.sh test)" >&2
  exit 69
fi

if [ ! -d "$shared/real-artifacts" ]; then
  echo "test-cross: no $shared/real-artifacts: the real-artifact tests skip"
fi
echo "test-cross: not built for the target: tools/ (needs the target's libelf);" \
  "not run: tests/cli_*.sh (they exec the binary directly and pin hosts by" \
  "the build machine's architecture): a CLI differential against the native build runs instead"

# ------------------------------------------------- reference CLI (this machine)
native_cli() {
  cmake -S "$root" -B "$root/build/cross-native" -DCWASM_BUILD_TESTS=OFF \
    -DCWASM_BUILD_TOOLS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
    cmake --build "$root/build/cross-native" -j"$jobs" --target cwasm >/dev/null
}

# ---------------------------------------------------------- CLI differential
# The first differences between two files of JSON lines, field by field.
json_diff() { # native-file target-file
  python3 - "$1" "$2" <<'PY'
import json, sys
a = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
b = open(sys.argv[2], encoding="utf-8", errors="replace").read().splitlines()
shown = 0
def walk(path, u, v, where):
    global shown
    if isinstance(u, dict) and isinstance(v, dict):
        for k in list(u) + [k for k in v if k not in u]:
            walk(path + "." + k, u.get(k), v.get(k), where)
    elif isinstance(u, list) and isinstance(v, list) and len(u) == len(v):
        for i, (x, y) in enumerate(zip(u, v)):
            walk("%s[%d]" % (path, i), x, y, where)
    elif u != v and shown < 10:
        shown += 1
        print("  %s: %s: native %s, target %s" % (where, path or ".", json.dumps(u)[:200], json.dumps(v)[:200]))
if len(a) != len(b):
    print("  %d lines native, %d target" % (len(a), len(b)))
for x, y in zip(a, b):
    if x == y:
        continue
    try:
        u, v = json.loads(x), json.loads(y)
    except ValueError:
        if shown < 10:
            shown += 1
            print("  native: %s\n  target: %s" % (x[:300], y[:300]))
        continue
    walk("", u, v, u.get("file", "?") if isinstance(u, dict) else "?")
PY
}

# The target's `cwasm` under qemu against the native one: byte-identical
# stdout, stderr and exit status for `inspect --json` and `check --json`
# against hosts that pin everything (riscv64, a CPU architecture none of the
# three machines runs, so no live probe leaks into the answer), over every
# corpus file and real artifact; and `probe` must name the target's arch.
cli_diff() { # arch
  local a=$1 qemu bin ref out files=() n=0 bad=0
  qemu=$(command -v "qemu-$a")
  bin=$(build_dir "$a")/cwasm
  ref=$root/build/cross-native/cwasm
  out=$(build_dir "$a")/cli-diff
  rm -rf "$out" && mkdir -p "$out"
  shopt -s nullglob
  files=("$root"/corpus/valid/* "$root"/corpus/malformed/* "$shared"/real-artifacts/*.cwasm)
  shopt -u nullglob
  local -a modes=(
    "inspect --json"
    "inspect --json --lenient"
    "check --json --host-version 48 --host-target riscv64gc-unknown-linux-gnu"
    "check --json --lenient --host-version 30 --host-target riscv64gc-unknown-linux-gnu --version-mode ignore"
    "check --json --host-ref corpus/valid/v30-riscv64-linux-module.cwasm"
    "check --json --lenient --host-ref corpus/valid/v22-riscv64-linux-module.cwasm --version-mode major"
  )
  local m mi=0
  for m in "${modes[@]}"; do
    mi=$((mi + 1))
    # one process per mode over all files (the command prints one line per file)
    # shellcheck disable=SC2086
    (cd "$root" && "$ref" $m -- "${files[@]#"$root"/}" >"$out/$mi.native.out" 2>"$out/$mi.native.err"
      echo "exit $?" >>"$out/$mi.native.out")
    # shellcheck disable=SC2086
    (cd "$root" && "$qemu" -L / "$bin" $m -- "${files[@]#"$root"/}" >"$out/$mi.$a.out" 2>"$out/$mi.$a.err"
      echo "exit $?" >>"$out/$mi.$a.out")
    n=$((n + 1))
    if ! cmp -s "$out/$mi.native.out" "$out/$mi.$a.out" || ! cmp -s "$out/$mi.native.err" "$out/$mi.$a.err"; then
      bad=$((bad + 1))
      echo "FAIL: cwasm $m: $a differs from native (${#files[@]} files):"
      json_diff "$out/$mi.native.out" "$out/$mi.$a.out"
      diff "$out/$mi.native.err" "$out/$mi.$a.err" | head -10
    fi
  done
  # the probe must see the target's own architecture (qemu's emulated CPU)
  if "$qemu" -L / "$bin" probe --json >"$out/probe.json" 2>&1 &&
    python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); sys.exit(0 if d.get("arch")==sys.argv[2] else 1)' \
      "$out/probe.json" "$a"; then
    n=$((n + 1))
  else
    n=$((n + 1)) bad=$((bad + 1))
    echo "FAIL: cwasm probe --json under qemu-$a: $(head -c 300 "$out/probe.json")"
  fi
  echo "cli differential ($a vs native, ${#files[@]} files): $((n - bad)) passed, $bad failed"
  ((bad == 0))
}

# ------------------------------------------------------------- one target
summary=()
failed=0
ubsan=${CWASM_CROSS_UBSAN:-0}
variant_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "$ubsan" = 1 ]; then
  variant_args=(-DCMAKE_BUILD_TYPE=Debug
    "-DCMAKE_C_FLAGS=-fsanitize=undefined -fno-sanitize-recover=all"
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=undefined -static-libubsan"
    "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=undefined")
fi
build_dir() { if [ "$ubsan" = 1 ]; then echo "$root/build/cross-$1-ubsan"; else echo "$root/build/cross-$1"; fi; }

run_arch() { # arch
  local a=$1 t dir t0 tb tc td ok=1 ctest_rc=0
  t=$(triple_of "$a")
  dir=$(build_dir "$a")
  echo "=== $a ($t, qemu-$a$([ "$ubsan" = 1 ] && echo ", UBSan"))"
  t0=$SECONDS
  if ! cmake -S "$root" -B "$dir" --toolchain "$root/cmake/toolchains/$t.cmake" \
    "${variant_args[@]}" -DCWASM_BUILD_TOOLS=OFF -DCWASM_BUILD_TESTS=ON \
    -DCWASM_BUILD_CLI=ON "-DCWASM_SHARED_DIR=$shared" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"
    summary+=("$a: configure FAILED")
    return 1
  fi
  if ! cmake --build "$dir" -j"$jobs" >"$dir.build.log" 2>&1; then
    grep -E "error|warning" "$dir.build.log" | head -40
    summary+=("$a: build FAILED")
    return 1
  fi
  tb=$((SECONDS - t0))
  t0=$SECONDS
  (cd "$dir" && ctest --output-on-failure -j"$jobs" -E '^cli_') 2>&1 | tee "$dir.ctest.log" ||
    ctest_rc=$?
  tc=$((SECONDS - t0))
  # what the target skipped, test by test (ctest shows a test's output only on failure)
  grep -hE '^\[  SKIPPED \] [a-z_0-9]+$' "$dir/Testing/Temporary/LastTest.log" |
    sort -u | sed "s/^\[  SKIPPED \] /$a: skipped: /" || true
  ((ctest_rc == 0)) || ok=0
  t0=$SECONDS
  cli_diff "$a" || ok=0
  td=$((SECONDS - t0))
  local res
  res=$(grep -oE '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$dir.ctest.log" || true)
  summary+=("$a: $([ $ok = 1 ] && echo ok || echo FAILED): ctest ${res:-did not finish};" \
    "build ${tb}s, ctest ${tc}s, cli differential ${td}s")
  ((ok == 1))
}

t_all=$SECONDS
mkdir -p "$root/build"
echo "=== native reference CLI"
native_cli || { echo "test-cross: native build failed" >&2; exit 1; }
passed=0
for a in "${arches[@]}"; do
  if run_arch "$a"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo
printf '%s\n' "${summary[@]}"
echo "test-cross: $((SECONDS - t_all)) s"
echo "test-cross: $passed passed, $failed failed"
((failed == 0))
