#!/usr/bin/env bash
# Valgrind memcheck over the native build: every CTest test that runs one of
# our executables (cmocka suites, fuzz replay drivers over the corpus and the
# real artifacts, examples) through `ctest -T memcheck`, then the CLI tests
# (tests/cli_*.sh) with every cwasm invocation under memcheck.
#   scripts/valgrind.sh           everything (about 4 min on 2 idle cores)
#   scripts/valgrind.sh quick     without tests/cli_*.sh (under 1 min): the
#                                 suites, the replays and the whole-corpus runs
# Prints "valgrind: clean" or "valgrind: NOT clean" with each error's trace,
# and exits 0 only when clean and every test passed.
# Build dir: build/valgrind (gcc, RelWithDebInfo: the code as shipped).
# Environment: CWASM_SHARED_DIR (default ../shared), CWASM_VALGRIND_JOBS
# (default nproc), CWASM_VALGRIND_ORIGINS=0 to drop --track-origins (faster),
# CWASM_VALGRIND_SKIP_CLI (tests/cli_*.sh names not to run; see below).
set -euo pipefail
case ${1:-full} in
  full | quick) vg_mode=${1:-full} ;;
  *) echo "usage: $0 [quick]" >&2; exit 64 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" test
jobs=${CWASM_VALGRIND_JOBS:-$(nproc)}
shared=${CWASM_SHARED_DIR:-$root/../shared}
[ -d "$shared" ] && shared=$(cd "$shared" && pwd)
dir=$root/build/valgrind
logs=$dir/valgrind-logs
vg=$(command -v valgrind)

# One set of options for everything. Leaks of kind definite or indirect are
# errors; "still reachable" is not (cmocka and libc keep some at exit).
# shellcheck disable=SC2054 # the commas are inside option values
vg_opts=(--tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect
  --show-leak-kinds=definite,indirect --num-callers=30)
[ "${CWASM_VALGRIND_ORIGINS:-1}" = 0 ] || vg_opts+=(--track-origins=yes)

# Valgrind runs the program on a synthetic CPU (CPUID says no AVX-512, no
# AVX-VNNI): the live probe is right about what the program sees, and
# /proc/cpuinfo describes another CPU. Tests that compare the two skip when
# this is set (tests/test_host.c probe_vs_cpuinfo, tests/cli_probe.sh).
export CWASM_TEST_CPU_EMULATED=valgrind

t_all=$SECONDS
echo "=== build ($dir)"
cmake -S "$root" -B "$dir" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCWASM_BUILD_TESTS=ON -DCWASM_BUILD_CLI=ON "-DCWASM_SHARED_DIR=$shared" >/dev/null
cmake --build "$dir" -j"$jobs" >/dev/null
rm -rf "$logs" "$dir/Testing/Temporary"/MemoryChecker.*
mkdir -p "$logs"

# ------------------------------------------------------------ CTest memcheck
# --error-exitcode=1: a memcheck error fails the test. The cli_* tests run
# bash, so they are left to the second part.
echo "=== ctest -T memcheck (every test but cli_*)"
t0=$SECONDS
ctest_rc=0
(cd "$dir" && ctest -T memcheck -j"$jobs" -E '^cli_' --output-on-failure \
  --overwrite "MemoryCheckCommand=$vg" \
  --overwrite "MemoryCheckCommandOptions=${vg_opts[*]} --error-exitcode=1") \
  >"$logs/ctest-memcheck.txt" 2>&1 || ctest_rc=$?
t_ctest=$((SECONDS - t0))
grep -E '^ *[0-9]+/[0-9]+ MemCheck|tests passed|Memory checking results|^[A-Z][A-Za-z ]+ - [0-9]+$' \
  "$logs/ctest-memcheck.txt" || true

# ------------------------------------------------------------ CLI under memcheck
# The scripts take the binary as their first argument: give them a wrapper
# that runs the real one under memcheck. Its error exit code is 97, not 1,
# because `cwasm check` exits 1 for "incompatible"; a script then sees an
# unexpected status and fails, and the per-process log names the error.
# The scripts start cwasm some 500 times: no --track-origins there (valgrind's
# start-up dominates); the whole-corpus runs below keep it.
echo "=== tests/cli_*.sh, each cwasm under memcheck; cwasm over the whole corpus"
t0=$SECONDS
make_wrapper() { # path, with --track-origins (0/1)
  local w=$1 origins=$2 o
  {
    echo '#!/bin/sh'
    printf 'exec %q' "$vg"
    for o in "${vg_opts[@]}" -q --error-exitcode=97 "--log-file=$logs/cwasm.%p.log" "$dir/cwasm"; do
      [ "$o" = --track-origins=yes ] && [ "$origins" = 0 ] && continue
      printf ' %q' "$o"
    done
    echo ' "$@"'
  } >"$w"
  chmod +x "$w"
}
wrapper=$dir/cwasm-memcheck
make_wrapper "$wrapper" 0
wrapper_origins=$dir/cwasm-memcheck-origins
make_wrapper "$wrapper_origins" 1
cli_failed=()
cli_n=0
# Not these, which do not run the given binary over inputs: cli_install
# (builds and installs a fresh tree, then runs the installed cwasm) and
# cli_differential (drives tools/cwasm-differential found next to the binary).
skip_cli=${CWASM_VALGRIND_SKIP_CLI:-"cli_install cli_differential"}
scripts=()
shopt -s nullglob
[ "$vg_mode" = full ] || echo "tests/cli_*.sh: not run (quick)"
for sh in "$root"/tests/cli_*.sh; do
  [ "$vg_mode" = full ] || break
  case " $skip_cli " in
    *" $(basename "$sh" .sh) "*) echo "$(basename "$sh" .sh): not run under memcheck (CWASM_VALGRIND_SKIP_CLI)" ;;
    *) scripts+=("$sh") ;;
  esac
done
files=("$root"/corpus/valid/* "$root"/corpus/malformed/* "$shared"/real-artifacts/*.cwasm)
shopt -u nullglob
# the scripts in parallel, $jobs at a time; each writes its own result file
# shellcheck disable=SC2016 # the sh -c script expands its own arguments
((${#scripts[@]} == 0)) || printf '%s\n' "${scripts[@]}" | xargs -P "$jobs" -I{} sh -c \
  'n=$(basename "$1" .sh); if bash "$1" "$2" "$3" >"$4/$n.txt" 2>&1; then echo ok; else echo FAILED; fi >"$4/$n.result"' \
  _ {} "$wrapper" "$shared" "$logs"
for sh in "${scripts[@]}"; do
  name=$(basename "$sh" .sh)
  cli_n=$((cli_n + 1))
  if [ "$(cat "$logs/$name.result" 2>/dev/null)" = ok ]; then
    echo "$name: passed ($(tail -1 "$logs/$name.txt"))"
  else
    cli_failed+=("$name")
    echo "$name: FAILED ($(tail -1 "$logs/$name.txt")); failures:"
    grep -E '^FAIL' "$logs/$name.txt" | head -10 || true
  fi
done
# Every corpus file and real artifact in one process per mode: what a
# long-running process accumulates, with --track-origins.
for mode in "inspect" "inspect --json --lenient" "check" "check --json --lenient" \
  "check --json --host-ref $root/corpus/valid/v30-riscv64-linux-module.cwasm" "probe" "probe --json"; do
  cli_n=$((cli_n + 1))
  rc=0
  case $mode in probe*) set -- ;; *) set -- "${files[@]}" ;; esac
  # shellcheck disable=SC2086
  "$wrapper_origins" $mode "$@" >/dev/null 2>&1 || rc=$?
  if [ "$rc" = 97 ]; then
    cli_failed+=("cwasm $mode")
    echo "cwasm $mode ($# files): memcheck errors"
  else
    echo "cwasm $mode ($# files): exit $rc, no memcheck error"
  fi
done
t_cli=$((SECONDS - t0))

# ------------------------------------------------------------ verdict
# Memcheck errors, from CTest's per-test logs and the CLI's per-process logs.
errors=0
report=$logs/errors.txt
: >"$report"
for f in "$dir"/Testing/Temporary/MemoryChecker.*.log "$logs"/cwasm.*.log; do
  [ -e "$f" ] || continue
  if grep -qE '== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and destination|Argument .* of function|[0-9,]+ bytes in [0-9,]+ blocks are (definitely|indirectly) lost)|ERROR SUMMARY: [1-9]' "$f"; then
    errors=$((errors + 1))
    { echo "---- $f"; cat "$f"; } >>"$report"
  fi
done

echo
echo "ctest memcheck: exit $ctest_rc, ${t_ctest}s"
echo "cli: $((cli_n - ${#cli_failed[@]})) of $cli_n passed, ${t_cli}s${cli_failed[*]:+; failed: ${cli_failed[*]}}"
if ((errors)); then
  echo "valgrind: NOT clean: $errors logs with errors ($report):"
  head -200 "$report"
elif ((ctest_rc != 0 || ${#cli_failed[@]})); then
  echo "valgrind: clean (no memcheck error), but some test failed: see $logs"
else
  echo "valgrind: clean"
fi
echo "valgrind.sh: $((SECONDS - t_all)) s"
passed=$(( (ctest_rc == 0 ? 1 : 0) + cli_n - ${#cli_failed[@]} ))
failed=$(( (ctest_rc == 0 ? 0 : 1) + ${#cli_failed[@]} + (errors ? 1 : 0) ))
echo "valgrind: $passed passed, $failed failed"
((errors == 0 && failed == 0))
