#!/usr/bin/env bash
# CLI test of `cwasm inspect` (and the top-level dispatch).
#   bash tests/cli_inspect.sh <path-to-cwasm> <shared-dir>
# Prints one line per check and "N passed, N failed"; exits 0 when nothing failed.
# Real-artifact checks are skipped when <shared-dir>/real-artifacts is absent;
# JSON checks are skipped when python3 is absent.

set -u
BIN=${1:?usage: cli_inspect.sh <cwasm-binary> <shared-dir>}
SHARED=${2:-}
REAL=${SHARED:+$SHARED/real-artifacts}

pass=0
fail=0
skip=0
ok() { echo "PASS: $1"; pass=$((pass + 1)); }
ko() { echo "FAIL: $1"; fail=$((fail + 1)); }
skipped() { echo "SKIP: $1"; skip=$((skip + 1)); }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cwasm-cli.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

# Never let a hang (e.g. blocking on a FIFO) stall the test run.
if command -v timeout >/dev/null 2>&1; then TO=(timeout 20); else TO=(); fi
run() { "${TO[@]}" "$BIN" "$@"; }

# expect_rc WANT DESCRIPTION ARGS...
expect_rc() {
  local want=$1 desc=$2 rc
  shift 2
  run "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$desc (exit $rc)"; else ko "$desc: exit $rc, want $want"; fi
}

# expect_grep PATTERN FILE DESCRIPTION: FILE (out/err of the last run) matches
expect_grep() {
  if grep -q -- "$1" "$TMP/$2"; then ok "$3"; else ko "$3: no '$1' in std$2"; fi
}

HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

# json_lines_valid N DESCRIPTION: stdin holds exactly N lines, each one JSON object
json_lines_valid() {
  local want=$1 desc=$2
  if [ "$HAVE_PY" -eq 0 ]; then skipped "$desc (no python3)"; cat >/dev/null; return; fi
  if python3 -c '
import json, sys
want = int(sys.argv[1])
lines = sys.stdin.read().split("\n")
assert lines[-1] == "", "output does not end with a newline"
lines = lines[:-1]
assert len(lines) == want, "%d lines, want %d" % (len(lines), want)
for l in lines:
    assert isinstance(json.loads(l), dict)
' "$want" 2>"$TMP/pyerr"; then ok "$desc"; else ko "$desc: $(tail -n1 "$TMP/pyerr")"; fi
}

# json_eq FILE EXPR EXPECTED [OPTIONS...]: json.dumps(EXPR over d) == EXPECTED
json_eq() {
  local file=$1 expr=$2 want=$3 got name
  shift 3
  name=${file##*/}
  name=${name//$'\n'/?}
  if [ "$HAVE_PY" -eq 0 ]; then skipped "$name: $expr (no python3)"; return; fi
  got=$(run inspect --json "$@" "$file" 2>/dev/null | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
print(json.dumps(eval(sys.argv[1]), separators=(",", ":")))
' "$expr" 2>&1)
  if [ "$got" = "$want" ]; then ok "$name: $expr == $want"
  else ko "$name: $expr is $got, want $want"; fi
}

# ----------------------------------------------------------- dispatch
expect_rc 0 "cwasm --version" --version
expect_grep '^cwasm [0-9]' out "--version prints the library version"
expect_rc 0 "cwasm --help" --help
expect_grep 'inspect' out "--help lists inspect"
expect_rc 0 "cwasm help inspect" help inspect
expect_grep '66' out "inspect help documents exit status 66"
expect_rc 64 "cwasm without arguments" 
expect_rc 64 "unknown command" frobnicate
expect_rc 64 "check is dispatched (no FILE: usage error)" check
expect_grep 'no FILE given' err "check's own usage error"
expect_rc 0 "probe is dispatched" probe --help

# ------------------------------------------------------------- usage
expect_rc 0 "inspect --help" inspect --help
expect_rc 64 "inspect without files" inspect
expect_rc 64 "inspect with only options" inspect --json --lenient
expect_rc 64 "inspect unknown option" inspect --bogus x
expect_rc 64 "inspect --release without value" inspect --release
expect_rc 64 "inspect --release not a number" inspect --release abc x
expect_rc 64 "inspect --release unknown release" inspect --release 2 x
expect_rc 64 "inspect --release=999" inspect --release=999 x

# --------------------------------------------------- malformed inputs
: >"$TMP/empty"
mkdir "$TMP/dir"
printf '\0asm\1\0\0\0' >"$TMP/mod.wasm"
printf '\177ELF\2\1\1' >"$TMP/short-elf"
printf 'hello, world\n' >"$TMP/text"
head -c 64 /dev/zero >"$TMP/zeros"

expect_rc 2 "empty file" inspect "$TMP/empty"
expect_grep 'E_INPUT_EMPTY' out "empty file reports E_INPUT_EMPTY"
expect_rc 2 "wasm binary" inspect "$TMP/mod.wasm"
expect_grep 'E_INPUT_WASM' out "wasm binary reports E_INPUT_WASM"
expect_grep 'mod.wasm' err "errors on stderr name the file"
expect_rc 2 "truncated ELF header" inspect "$TMP/short-elf"
expect_rc 2 "text file" inspect "$TMP/text"
expect_rc 2 "64 zero bytes" inspect "$TMP/zeros"
expect_rc 66 "directory" inspect "$TMP/dir"
expect_grep 'directory' err "directory error says so"
expect_rc 66 "non-existent path" inspect "$TMP/does-not-exist"
expect_rc 66 "/dev/null (not a regular file)" inspect /dev/null
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$TMP/fifo" 2>/dev/null; then
  expect_rc 66 "FIFO (must not block)" inspect "$TMP/fifo"
else
  skipped "FIFO (mkfifo unavailable)"
fi
printf 'x' >"$TMP/noperm"
chmod 000 "$TMP/noperm"
if [ -r "$TMP/noperm" ]; then
  skipped "unreadable file (running with read access to everything, e.g. root)"
else
  expect_rc 66 "unreadable file" inspect "$TMP/noperm"
fi
expect_rc 66 "unreadable wins over malformed" inspect "$TMP/empty" "$TMP/dir" "$TMP/mod.wasm"
expect_rc 2 "malformed files only" inspect --json "$TMP/empty" "$TMP/mod.wasm"
expect_rc 2 "options after files" inspect "$TMP/empty" --lenient --json
expect_rc 66 "-- ends options" inspect -- --json

# JSON: one line per file, in order, even for unreadable files and odd names
weird="$TMP/we\"ird\\na
me"
cp "$TMP/mod.wasm" "$weird"
run inspect --json "$TMP/empty" "$TMP/dir" "$TMP/mod.wasm" "$TMP/does-not-exist" "$weird" \
  2>/dev/null | json_lines_valid 5 "--json: 5 files give 5 valid JSON lines"
json_eq "$TMP/empty" 'd["status"]' '"E_INPUT_EMPTY"'
json_eq "$TMP/empty" 'd["error"]["name"]' '"E_INPUT_EMPTY"'
json_eq "$TMP/empty" '[d["kind"], d["version"], d["target"], d["layout"]]' '[null,null,null,null]'
json_eq "$TMP/dir" 'd["status"]' '"unreadable"'
json_eq "$TMP/mod.wasm" 'd["error"]["code"]' '402'
json_eq "$TMP/mod.wasm" 'd["error"]["section"]' 'null'
json_eq "$weird" 'd["file"]' "$(printf '%s' "$weird" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))' 2>/dev/null)"
if [ "$HAVE_PY" -eq 1 ]; then
  order=$(run inspect --json "$TMP/mod.wasm" "$TMP/empty" 2>/dev/null |
    python3 -c 'import json,sys; print(" ".join(json.loads(l)["status"] for l in sys.stdin))')
  if [ "$order" = "E_INPUT_WASM E_INPUT_EMPTY" ]; then ok "--json keeps the order of the files"
  else ko "--json order: $order"; fi
fi

# ---------------------------------------------------- real artifacts
if [ -z "$REAL" ] || [ ! -d "$REAL" ]; then
  skipped "real artifacts (no ${REAL:-shared dir})"
else
  V22=$REAL/v22-x86_64-unknown-none-module.cwasm
  V39=$REAL/v39-aarch64-apple-darwin-module.cwasm
  V42=$REAL/v42-pulley32-component.cwasm
  LEG=$REAL/v0.30-legacy-x86_64-linux-module.cwasm

  expect_rc 0 "v22 module" inspect "$V22"
  expect_grep 'Target: *x86_64-unknown-none' out "v22 human output shows the target"
  expect_grep '    opt_level = speed' out "v22 human output lists shared flags as name = value"
  expect_rc 0 "v22 v39 v42 --json" inspect --json "$V22" "$V39" "$V42"
  expect_rc 2 "legacy artifact" inspect "$LEG"
  expect_grep 'E_LEGACY_ARTIFACT' out "legacy human output names the error"
  expect_rc 2 "all real artifacts" inspect "$V22" "$V39" "$V42" "$LEG"
  expect_rc 66 "real artifact plus a missing file" inspect "$V22" "$TMP/does-not-exist"
  expect_rc 0 "--lenient v42" inspect --lenient "$V42"
  run inspect --json "$V22" "$V39" "$V42" "$LEG" 2>/dev/null |
    json_lines_valid 4 "--json: 4 real artifacts give 4 valid JSON lines"

  json_eq "$V22" 'd["status"]' '"ok"'
  json_eq "$V22" 'd["error"]' 'null'
  json_eq "$V22" 'd["kind"]' '"module"'
  json_eq "$V22" 'd["pulley"]' 'null'
  json_eq "$V22" '[d["endian"], d["machine"]]' '["little",62]'
  json_eq "$V22" 'd["version"]' '"22.0.0"'
  json_eq "$V22" '[d["version_kind"], d["release"], d["layout_source"]]' '["release",22,"release"]'
  json_eq "$V22" '22 in d["candidate_releases"]' 'true'
  json_eq "$V22" 'd["target"]' '"x86_64-unknown-none"'
  json_eq "$V22" 'len(d["shared_flags"])' '27'
  json_eq "$V22" 'len(d["isa_flags"])' '16'
  json_eq "$V22" 'd["shared_flags"][0]' '["opt_level",{"enum":"speed"}]'
  json_eq "$V22" 'dict(d["shared_flags"])["probestack_size_log2"]' '{"num":12}'
  json_eq "$V22" 'dict(d["isa_flags"])["has_avx"]' '{"bool":false}'
  json_eq "$V22" 'd["tunables_layout"]' '"T6"'
  json_eq "$V22" 'len(d["tunables"])' '18'
  json_eq "$V22" 'd["tunables"]["max_call_indirect_cache_slots"]' '50000'
  json_eq "$V22" 'd["tunables"]["guard_before_linear_memory"]' 'true'
  json_eq "$V22" 'd["features"]["raw"]' '"0x8f"'
  json_eq "$V22" 'd["features"]["names"]' '["reference_types","multi_value","bulk_memory","component_model","multi_memory"]'
  json_eq "$V22" 'd["trailing_bytes"]' '0'
  json_eq "$V22" '[d["warnings"], d["legacy_version"]]' '[[],null]'

  json_eq "$V39" 'd["target"]' '"aarch64-apple-darwin"'
  json_eq "$V39" 'd["release"]' '39'
  json_eq "$V39" 'd["version"]' '"39"'
  json_eq "$V39" 'd["machine"]' '183'
  json_eq "$V39" 'len(d["isa_flags"])' '7'
  json_eq "$V39" 'd["tunables"]["collector"]' '"DeferredReferenceCounting"'
  json_eq "$V39" 'd["tunables"]["inlining_intra_module"]' '"WhenUsingGc"'
  json_eq "$V39" 'd["features"]["raw"]' '"0xc0101ddff"'
  json_eq "$V39" '"reference_types" in d["features"]["names"]' 'true'
  json_eq "$V39" '"call_indirect_overlong" in d["features"]["names"]' 'false'

  json_eq "$V42" 'd["kind"]' '"component"'
  json_eq "$V42" 'd["pulley"]' '32'
  json_eq "$V42" 'd["target"]' '"pulley32-unknown-unknown-elf"'
  json_eq "$V42" 'len(d["isa_flags"])' '2'
  json_eq "$V42" 'd["isa_flags"][0]' '["pointer_width",{"enum":"pointer32"}]'
  json_eq "$V42" 'd["tunables"]["collector"]' 'null'
  json_eq "$V42" 'd["release"]' '42'

  json_eq "$LEG" 'd["status"]' '"E_LEGACY_ARTIFACT"'
  json_eq "$LEG" 'd["error"]["code"]' '400'
  json_eq "$LEG" 'd["kind"]' '"legacy"'
  json_eq "$LEG" 'd["legacy_version"]' '"0.30.0"'
  json_eq "$LEG" 'd["target"]' 'null'

  # --release forces a layout: the v22 bytes under v23's layout do not decode.
  json_eq "$V22" '[d["layout_source"], d["release"], d["layout_release"]]' '["forced",22,23]' --release 23
  expect_rc 2 "--release 23 on a v22 artifact" inspect --release 23 "$V22"
  expect_rc 0 "--release 22 on a v22 artifact" inspect --release=22 "$V22"

  # Truncated copy: the header survives, so it is still reported.
  head -c 100 "$V22" >"$TMP/v22-trunc"
  expect_rc 2 "truncated v22" inspect "$TMP/v22-trunc"
  json_eq "$TMP/v22-trunc" '[d["machine"], d["version"], d["target"]]' '[62,null,null]'

  if [ "$HAVE_PY" -eq 1 ]; then
    # Patch the version string in place: a custom string infers the layout;
    # invalid UTF-8 still gives valid JSON, and the rest of the report.
    python3 - "$V22" "$TMP" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"22.0.0")
c = bytearray(d); c[i:i + 6] = b"my-ver"; open(sys.argv[2] + "/custom", "wb").write(c)
c = bytearray(d); c[i:i + 6] = b"\xff\x1b[31m"; open(sys.argv[2] + "/badutf8", "wb").write(c)
EOF
    json_eq "$TMP/custom" '[d["status"], d["version_kind"], d["layout_source"], d["release"]]' '["ok","custom","inferred",null]'
    json_eq "$TMP/custom" 'd["candidate_releases"]' '[22]'
    json_eq "$TMP/badutf8" '[d["status"], d["kind"], d["version"], d["version_hex"]]' '["E_VERSION_UTF8","module","\ufffd\u001b[31m","ff1b5b33316d"]'
    json_eq "$TMP/badutf8" '[d["status"], d["target"]]' '["ok","x86_64-unknown-none"]' --lenient
    json_eq "$TMP/badutf8" '[w["name"] for w in d["warnings"]][0]' '"E_VERSION_UTF8"' --lenient
    run inspect "$TMP/badutf8" >"$TMP/out" 2>&1
    if grep -q $'\x1b' "$TMP/out"; then ko "human output leaks an escape byte from the version"
    else ok "human output escapes control bytes of the version"; fi
  fi
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
