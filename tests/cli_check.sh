#!/usr/bin/env bash
# CLI test of `cwasm check`.
#   bash tests/cli_check.sh <path-to-cwasm> <shared-dir>
# Prints one line per check and "N passed, N failed"; exits 0 when nothing failed.
# Real-artifact checks are skipped when <shared-dir>/real-artifacts is absent;
# JSON checks are skipped when python3 is absent.

set -u
BIN=${1:?usage: cli_check.sh <cwasm-binary> <shared-dir>}
SHARED=${2:-}
REAL=${SHARED:+$SHARED/real-artifacts}

pass=0
fail=0
skip=0
ok() { echo "PASS: $1"; pass=$((pass + 1)); }
ko() { echo "FAIL: $1"; fail=$((fail + 1)); }
skipped() { echo "SKIP: $1"; skip=$((skip + 1)); }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cwasm-check.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

if command -v timeout >/dev/null 2>&1; then TO=(timeout 20); else TO=(); fi
run() { "${TO[@]}" "$BIN" "$@"; }

# expect_rc WANT DESCRIPTION ARGS...: exit status of `cwasm ARGS...`
expect_rc() {
  local want=$1 desc=$2 rc
  shift 2
  run "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$desc (exit $rc)"; else ko "$desc: exit $rc, want $want"; fi
}

# expect_grep PATTERN out|err DESCRIPTION: the last run's stdout/stderr matches
expect_grep() {
  if grep -q -- "$1" "$TMP/$2"; then ok "$3"; else ko "$3: no '$1' in std$2"; fi
}
expect_no_grep() {
  if grep -q -- "$1" "$TMP/$2"; then ko "$3: '$1' in std$2"; else ok "$3"; fi
}

HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

# py DESCRIPTION CODE: run CODE with d = list of the JSON objects of the last
# run's stdout (one per line); passes when CODE raises nothing.
py() {
  local desc=$1 code=$2
  if [ "$HAVE_PY" -eq 0 ]; then skipped "$desc (no python3)"; return; fi
  if python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert text.endswith("\n"), "output does not end with a newline"
d = [json.loads(l) for l in text.split("\n")[:-1]]
for o in d:
    assert isinstance(o, dict), "not an object"
def names(o): return [f["name"] for f in o["findings"]]
exec(sys.argv[2])
' "$TMP/out" "$code" 2>"$TMP/pyerr"; then ok "$desc"
  else ko "$desc: $(tail -n1 "$TMP/pyerr")"; fi
}

# ------------------------------------------------------- usage, dispatch
expect_rc 0 "cwasm help check" help check
expect_grep '66' out "check help documents exit status 66"
expect_grep '66 > 2 > 1 > 0' out "check help documents the precedence"
expect_grep '--host-ref' out "check help documents --host-ref"
expect_rc 0 "check --help" check --help
expect_rc 64 "check without files" check
expect_rc 64 "check with only options" check --json --lenient
expect_rc 64 "check unknown option" check --bogus x
expect_grep 'unknown option' err "unknown option is named"
expect_rc 64 "--host-version without value" check --host-version
expect_rc 64 "--host-version 2 (unknown release)" check --host-version 2 x
expect_rc 64 "--host-version abc" check --host-version=abc x
expect_rc 64 "--version-mode bogus" check --version-mode bogus x
expect_rc 64 "--expect bogus" check --expect bogus x
expect_rc 64 "--host-target that does not parse" check --host-target nonsense-arch-x x
expect_grep 'nonsense' err "--host-target error names the triple"
expect_rc 64 "--host-features with an unknown feature" check --host-features +frobnicate x
expect_grep 'frobnicate' err "--host-features error names the item"
expect_rc 64 "--host-tunable with an unknown field" check --host-tunable no_such_field=1 x
expect_rc 64 "--host-wasm-features with an unknown feature" check --host-wasm-features +no_such_thing x

# ------------------------------------------------------ unreadable, malformed
: >"$TMP/empty"
mkdir "$TMP/dir"
printf '\0asm\1\0\0\0' >"$TMP/mod.wasm"

expect_rc 66 "directory" check "$TMP/dir"
expect_grep 'directory' err "directory error says so"
expect_grep 'unreadable' out "directory verdict says unreadable"
expect_rc 66 "missing file" check "$TMP/does-not-exist"
expect_rc 2 "empty file is malformed" check "$TMP/empty"
expect_grep 'empty: malformed: E_INPUT_EMPTY' out "malformed verdict line"
expect_rc 2 "wasm binary is malformed" check "$TMP/mod.wasm"
expect_rc 66 "unreadable wins over malformed" check "$TMP/empty" "$TMP/dir"
expect_rc 66 "--host-ref directory" check --host-ref "$TMP/dir" "$TMP/empty"
expect_rc 66 "--host-ref missing" check --host-ref "$TMP/does-not-exist" "$TMP/empty"
expect_rc 2 "--host-ref malformed" check --host-ref "$TMP/mod.wasm" "$TMP/empty"
expect_grep 'malformed reference' err "--host-ref malformed says so"
expect_rc 2 "--quiet" check --quiet "$TMP/empty"
if [ -s "$TMP/out" ]; then ko "--quiet printed on stdout"; else ok "--quiet prints nothing on stdout"; fi

run check --json "$TMP/empty" "$TMP/dir" "$TMP/mod.wasm" >"$TMP/out" 2>/dev/null
py "--json: 3 files give 3 lines in order" '
assert [o["file"].rsplit("/", 1)[1] for o in d] == ["empty", "dir", "mod.wasm"], d
assert [o["status"] for o in d] == ["E_INPUT_EMPTY", "unreadable", "E_INPUT_WASM"]
assert [o["compatible"] for o in d] == [False, False, False]
assert d[0]["error"]["name"] == "E_INPUT_EMPTY" and d[1]["error"]["name"] == "unreadable"
assert all(o["findings"] == [] and o["notes"] == [] for o in d)
h = d[0]["host"]
assert h["origin"] == "default" and h["reference"] is None and isinstance(h["release"], int)
assert h["strategy"] == "default" and h["version_mode"] == "exact" and h["expect"] == "either"'

weird="$TMP/we\"ird\\na
me"
cp "$TMP/empty" "$weird"
run check --json "$weird" >"$TMP/out" 2>/dev/null
py "--json escapes an odd file name" 'assert d[0]["file"].endswith("we\"ird\\na\nme")'

# ------------------------------------------------------------ real artifacts
if [ -z "$REAL" ] || [ ! -d "$REAL" ]; then
  skipped "real artifacts (no ${REAL:-shared dir})"
  echo "$pass passed, $fail failed, $skip skipped"
  [ "$fail" -eq 0 ]
  exit
fi

V22=$REAL/v22-x86_64-unknown-none-module.cwasm
V39=$REAL/v39-aarch64-apple-darwin-module.cwasm
V42=$REAL/v42-pulley32-component.cwasm
LEG=$REAL/v0.30-legacy-x86_64-linux-module.cwasm

# Every artifact is accepted by a host described by itself.
for a in "$REAL"/*.cwasm; do
  n=${a##*/}
  [ "$a" = "$LEG" ] && continue
  expect_rc 0 "$n against --host-ref itself" check --host-ref "$a" "$a"
  expect_grep "$n: compatible" out "$n: verdict 'compatible'"
  run check --json --host-ref "$a" "$a" >"$TMP/out" 2>/dev/null
  py "$n: JSON says compatible, no findings" '
o = d[0]
assert o["compatible"] is True and o["status"] == "ok" and o["error"] is None, o
assert o["findings"] == [] and o["finding_count"] == 0
assert o["host"]["origin"] == "reference" and o["host"]["reference"] == o["file"]'
done
expect_rc 0 "--lenient v42 against itself" check --lenient --host-ref "$V42" "$V42"

# v22 loaded by the v39 host: a version finding (and more).
expect_rc 1 "v22 against --host-ref v39" check --host-ref "$V39" "$V22"
expect_grep 'v22-x86_64-unknown-none-module.cwasm: INCOMPATIBLE (' out "v22 vs v39: verdict INCOMPATIBLE"
expect_grep '^  F_VERSION version: artifact "22.0.0", host "39": ' out "v22 vs v39: F_VERSION line with both values"
expect_grep "incompatible Wasmtime version '22.0.0'" out "v22 vs v39: Wasmtime's message"
expect_grep '^host: Wasmtime 39' out "human output names the host first"
run check --json --host-ref "$V39" "$V22" >"$TMP/out" 2>/dev/null
py "v22 vs v39 --json: F_VERSION among the findings" '
o = d[0]
assert o["compatible"] is False and o["status"] == "ok"
assert len(o["findings"]) >= 1 and o["finding_count"] >= len(o["findings"])
f = o["findings"][0]
assert f["name"] == "F_VERSION" and f["code"] == 600 and f["stage"] == "version", f
assert f["artifact"] == "22.0.0" and f["host"] == "39", f
assert set(f) >= {"code", "name", "stage", "field", "artifact", "host", "message", "context"}
assert o["host"]["release"] == 39 and o["host"]["target"] == "aarch64-apple-darwin"'
py "v22 vs v39 --json: v39 cannot read v22's metadata layout" 'assert "F_METADATA" in names(d[0]), names(d[0])'

expect_rc 1 "--version-mode ignore: still incompatible (metadata layout)" \
  check --version-mode ignore --host-ref "$V39" "$V22"
expect_no_grep 'F_VERSION' out "--version-mode ignore: no F_VERSION line"
run check --json --version-mode ignore --host-ref "$V39" "$V22" >"$TMP/out" 2>/dev/null
py "--version-mode ignore --json: F_VERSION gone" '
assert "F_VERSION" not in names(d[0]) and len(d[0]["findings"]) >= 1, names(d[0])
assert d[0]["host"]["version_mode"] == "ignore"'
run check --json --allow-version 22.0.0 --host-ref "$V39" "$V22" >"$TMP/out" 2>/dev/null
py "--allow-version 22.0.0: F_VERSION gone" '
assert "F_VERSION" not in names(d[0]), names(d[0])
assert d[0]["host"]["allow_versions"] == ["22.0.0"]'

# How the host loads it: a module is not a component.
expect_rc 1 "--expect component on a module" check --expect component --host-ref "$V22" "$V22"
run check --json --expect component --host-ref "$V22" "$V22" >"$TMP/out" 2>/dev/null
py "--expect component: a finding at the ELF stage" '
assert any(f["stage"] == "elf" for f in d[0]["findings"]), d[0]["findings"]'
expect_rc 0 "--expect any on a component" check --expect any --host-ref "$V42" "$V42"

# Legacy artifacts are malformed (not loadable by any release checked).
expect_rc 2 "legacy v0.30 artifact" check "$LEG"
expect_grep 'malformed: E_LEGACY_ARTIFACT' out "legacy verdict names the error"
expect_rc 2 "legacy against --host-ref v22" check --host-ref "$V22" "$LEG"
expect_rc 2 "legacy as --host-ref" check --host-ref "$LEG" "$V22"
expect_grep 'E_LEGACY_ARTIFACT' err "legacy --host-ref: the diagnostic is on stderr"
expect_rc 2 "precedence: malformed over incompatible" check --host-ref "$V39" "$V22" "$LEG"
expect_rc 66 "precedence: unreadable over malformed" check --host-ref "$V39" "$V22" "$LEG" "$TMP/dir"

# The default host (no option): runs, answers 0, 1 or 2, valid JSON.
run check "$V22" "$V39" "$V42" >"$TMP/out" 2>"$TMP/err"
rc=$?
case $rc in 0 | 1 | 2) ok "default host runs (exit $rc)" ;; *) ko "default host: exit $rc" ;; esac
run check --json "$V22" "$V39" "$V42" "$LEG" >"$TMP/out" 2>/dev/null
rc=$?
case $rc in 0 | 1 | 2) ok "default host --json runs (exit $rc)" ;; *) ko "default host --json: exit $rc" ;; esac
py "default host --json: 4 valid lines" '
assert len(d) == 4
for o in d:
    h = o["host"]
    assert h["origin"] == "default" and h["defaults_exact"] in (True, False)
    assert h["target"] and h["cpu_mode"] in ("probe", "unknown") and isinstance(h["cpu_features"], list)
assert d[3]["status"] == "E_LEGACY_ARTIFACT" and d[3]["compatible"] is False
for o in d[:3]:
    assert o["compatible"] == (o["finding_count"] == 0)'
expect_rc 0 "--host-version 39 --host-ref v39 (same release)" check --host-version 39 --host-ref "$V39" "$V39"

# Hand-made incompatible artifacts: patch the target in the engine section.
if [ "$HAVE_PY" -eq 1 ]; then
  python3 - "$V22" "$TMP" <<'EOF'
import sys
d = bytes(open(sys.argv[1], "rb").read())
old = b"x86_64-unknown-none"
assert d.count(old) == 1, "target string not found exactly once"
for name, new in (("nonf", b"x86_64-unknown-nonf"), ("darwin", b"x86_64-apple-darwin")):
    assert len(new) == len(old)
    open(sys.argv[2] + "/v22-" + name, "wb").write(d.replace(old, new))
EOF
  expect_rc 1 "unparsable target, default host" check "$TMP/v22-nonf"
  run check --json "$TMP/v22-nonf" >"$TMP/out" 2>/dev/null
  py "unparsable target, default host: at least one finding" 'assert len(d[0]["findings"]) >= 1'
  expect_rc 1 "unparsable target, default host of v22" check --host-version 22 "$TMP/v22-nonf"
  expect_grep 'F_TARGET_PARSE' out "unparsable target: F_TARGET_PARSE line"
  run check --json --host-version 22 "$TMP/v22-nonf" >"$TMP/out" 2>/dev/null
  py "unparsable target --json: F_TARGET_PARSE, message from target-lexicon" '
f = [f for f in d[0]["findings"] if f["name"] == "F_TARGET_PARSE"]
assert len(f) == 1 and "nonf" in f[0]["message"], d[0]["findings"]
assert "F_VERSION" not in names(d[0])'
  native=$(run probe --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["triple"])' 2>/dev/null)
  case $native in
    x86_64-*linux*)
      run check --json --host-version 22 "$TMP/v22-darwin" >"$TMP/out" 2>/dev/null
      py "x86_64-apple-darwin on this x86_64 Linux host: F_OS, not F_ARCH" '
n = names(d[0])
assert "F_OS" in n and "F_ARCH" not in n, n'
      ;;
    *) skipped "F_OS case (native triple '$native' is not x86_64 Linux)" ;;
  esac
  # Overrides: the v22 host on a darwin target accepts the darwin patch's triple.
  run check --json --host-version 22 --host-target x86_64-apple-darwin "$TMP/v22-darwin" >"$TMP/out" 2>/dev/null
  py "--host-target x86_64-apple-darwin: no target finding" '
n = names(d[0])
assert "F_OS" not in n and "F_ARCH" not in n and "F_TARGET_PARSE" not in n, n
assert d[0]["host"]["target"] == "x86_64-apple-darwin"'
  # "another architecture" than this machine's: s390x on aarch64, else aarch64
  other=aarch64 other_feature=lse
  case "$("$BIN" probe --json 2>/dev/null)" in '{"arch":"aarch64"'*) other=s390x other_feature=vxrs_ext2 ;; esac
  run check --json --host-version 22 --host-target "$other-unknown-linux-gnu" "$V22" >"$TMP/out" 2>/dev/null
  OTHER=$other py "--host-target of another arch: F_ARCH, CPU unknown" '
import os
assert "F_ARCH" in names(d[0]), names(d[0])
assert d[0]["host"]["cpu_arch"] == os.environ["OTHER"] and d[0]["host"]["cpu_mode"] == "unknown"'
  run check --json --host-version 22 --host-target "$other-unknown-linux-gnu" --host-features "+$other_feature" "$V22" >"$TMP/out" 2>/dev/null
  FEAT=$other_feature py "--host-features on that CPU: known" '
import os
h = d[0]["host"]
assert h["cpu_mode"] == "probe" and h["cpu_features"] == [os.environ["FEAT"]], h'
  # has_avx2 = Bool(true) (postcard: name, variant 2 = Bool, the byte): the
  # host's CPU features decide, and the finding carries Wasmtime's context.
  python3 - "$V22" "$TMP/v22-avx2" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"has_avx2")
assert d.count(b"has_avx2") == 1 and d[i + 8:i + 10] == b"\x02\x00"
d[i + 9] = 1
open(sys.argv[2], "wb").write(d)
EOF
  expect_rc 1 "has_avx2 artifact, host CPU -avx2" check --host-ref "$V22" --host-features -avx2 "$TMP/v22-avx2"
  expect_grep '^  F_ISA_FLAG isa_flags.has_avx2: artifact "Bool(true)", host "absent": compilation settings of module incompatible with native host: ' \
    out "F_ISA_FLAG line: values, then context: message"
  run check --json --host-ref "$V22" --host-features=-avx2 "$TMP/v22-avx2" >"$TMP/out" 2>/dev/null
  py "F_ISA_FLAG --json: message and context apart" '
f = d[0]["findings"]
assert len(f) == 1 and f[0]["name"] == "F_ISA_FLAG" and f[0]["stage"] == "isa_flags", f
assert f[0]["context"] == "compilation settings of module incompatible with native host"
assert f[0]["message"] == "compilation setting \"has_avx2\" is enabled, but not available on the host"
assert "avx2" not in d[0]["host"]["cpu_features"]'
  expect_rc 0 "has_avx2 artifact, host CPU +avx2" check --host-ref "$V22" --host-features +avx2 "$TMP/v22-avx2"
  run check --json --host-ref "$V22" --host-tunable consume_fuel=true "$V22" >"$TMP/out" 2>/dev/null
  py "--host-tunable consume_fuel=true: a Tunables finding" '
f = [f for f in d[0]["findings"] if f["stage"] == "tunables"]
assert f and f[0]["field"].endswith("consume_fuel"), d[0]["findings"]'
else
  skipped "hand-made artifacts (no python3)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
