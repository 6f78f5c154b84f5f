#!/usr/bin/env bash
# Replays the recorded differential cases (tests/differential/*.bin) through
# cwasm-differential and checks that every reader still says what it said when
# the case was recorded (tests/differential/*.expect): cwasm (strict and
# lenient), libelf, readelf and the object oracle in each Wasmtime era. A
# behaviour change in any reader, or in cwasm, shows up here.
#
#   bash tests/cli_differential.sh <cwasm-binary> <shared-dir>
#
# The tools are found next to the cwasm binary (its CMake build directory):
# tools/cwasm-differential and object-oracle/{aligned,unaligned}/release/object-oracle.
# A reader that is not available (no readelf, no cargo-built oracle) is
# skipped, not failed. Also checks that tests/differential/CLASSES.tsv and the
# cases agree: each row names a case that exists, has a note, and shows the class.
#
# CWASM_DIFF_RECORD=1 rewrites the .expect files from the current behaviour
# (after a deliberate change; review the diff).
#
# Prints one line per failure or skip and "N passed, N failed, N skipped".
set -u
BIN=${1:?usage: cli_differential.sh <cwasm-binary> <shared-dir>}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/tests/differential
BUILD=$(cd "$(dirname "$BIN")" && pwd)
DRIVER=$BUILD/tools/cwasm-differential
passed=0
failed=0
skipped=0

finish() {
  echo "$passed passed, $failed failed, $skipped skipped"
  ((failed == 0))
  exit $?
}

if [ ! -x "$DRIVER" ]; then
  echo "SKIP: no $DRIVER (built with CWASM_BUILD_TOOLS=ON)"
  skipped=$((skipped + 1))
  finish
fi
args=()
partial=0 # a reader is missing: the derived "classes" token cannot be compared
for v in aligned unaligned; do
  o=$BUILD/object-oracle/$v/release/object-oracle
  if [ -x "$o" ]; then
    args+=("--object-$v" "$o")
  else
    echo "SKIP: no $v object oracle ($o): its columns are not compared"
    skipped=$((skipped + 1))
    partial=1
  fi
done
if ! command -v readelf >/dev/null 2>&1; then
  args+=(--readelf none)
  echo "SKIP: no readelf: its column is not compared"
  skipped=$((skipped + 1))
  partial=1
fi
tmp=${TMPDIR:-/tmp}

shopt -s nullglob
cases=("$DIR"/*.bin)
if ((${#cases[@]} == 0)); then
  echo "FAIL: no recorded cases in $DIR"
  failed=$((failed + 1))
  finish
fi
out=$("$DRIVER" "${args[@]}" --tmp "$tmp" --files "${cases[@]}" 2>/dev/null)
rc=$?
if ((rc != 0 && rc != 1)); then
  echo "FAIL: cwasm-differential exited $rc"
  failed=$((failed + 1))
  finish
fi

declare -A line
while IFS=$'\t' read -r file rest; do
  [ -n "$file" ] && line[$file]=$rest
done <<<"$out"

for bin in "${cases[@]}"; do
  name=$(basename "$bin" .bin)
  expect=$DIR/$name.expect
  got=${line[$bin]:-}
  if [ -z "$got" ]; then
    echo "FAIL: $name: no output from cwasm-differential"
    failed=$((failed + 1))
    continue
  fi
  if [ "${CWASM_DIFF_RECORD:-0}" = 1 ] && ((!partial)); then
    printf '%s\n' "$got" | tr '\t' '\n' >"$expect"
  fi
  if [ ! -f "$expect" ]; then
    echo "FAIL: $name: no $name.expect (record it with CWASM_DIFF_RECORD=1)"
    failed=$((failed + 1))
    continue
  fi
  # token by token: "reader:what it said"; a reader that did not run is skipped
  declare -A now=()
  while IFS= read -r tok; do now[${tok%%:*}]=${tok#*:}; done < <(printf '%s\n' "$got" | tr '\t' '\n')
  bad=0
  while IFS= read -r tok; do
    [ -z "$tok" ] && continue
    key=${tok%%:*}
    want=${tok#*:}
    have=${now[$key]-<missing>}
    if [ "$have" = not-run ] || { [ "$key" = classes ] && ((partial)); }; then
      continue
    fi
    if [ "$have" != "$want" ]; then
      echo "FAIL: $name: $key now says \"$have\", recorded \"$want\""
      bad=1
    fi
  done <"$expect"
  unset now
  if ((bad)); then failed=$((failed + 1)); else passed=$((passed + 1)); fi
done

# the class registry and the cases agree
while IFS=$'\t' read -r cls verdict case summary; do
  case $cls in ''|'#'*) continue ;; esac
  if [ ! -f "$DIR/$case.bin" ] || [ ! -f "$DIR/$case.md" ]; then
    echo "FAIL: CLASSES.tsv: $cls: case $case has no .bin or .md"
    failed=$((failed + 1))
  elif ! grep -q "^classes:.*\b${cls//./\\.}\b" "$DIR/$case.expect" 2>/dev/null; then
    echo "FAIL: CLASSES.tsv: $cls: case $case does not show this class"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  case $verdict in
    by-design|oracle|bug|spec) ;;
    *) echo "FAIL: CLASSES.tsv: $cls: unknown verdict \"$verdict\""; failed=$((failed + 1)) ;;
  esac
done <"$DIR/CLASSES.tsv"
finish
