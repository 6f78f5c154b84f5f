#!/usr/bin/env bash
# CLI test of `cwasm probe`.
#   bash tests/cli_probe.sh <path-to-cwasm> <shared-dir>
# Prints one line per check and "N passed, N failed"; exits 0 when nothing failed.
# The comparison with /proc/cpuinfo runs on x86_64 Linux only; JSON checks
# need python3.

set -u
BIN=${1:?usage: cli_probe.sh <cwasm-binary> <shared-dir>}
SHARED=${2:-}
REAL=${SHARED:+$SHARED/real-artifacts}

pass=0
fail=0
skip=0
ok() { echo "PASS: $1"; pass=$((pass + 1)); }
ko() { echo "FAIL: $1"; fail=$((fail + 1)); }
skipped() { echo "SKIP: $1"; skip=$((skip + 1)); }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cwasm-probe.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

if command -v timeout >/dev/null 2>&1; then TO=(timeout 20); else TO=(); fi
run() { "${TO[@]}" "$BIN" "$@"; }

expect_rc() {
  local want=$1 desc=$2 rc
  shift 2
  run "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$desc (exit $rc)"; else ko "$desc: exit $rc, want $want"; fi
}
expect_grep() {
  if grep -q -- "$1" "$TMP/$2"; then ok "$3"; else ko "$3: no '$1' in std$2"; fi
}

HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

# py DESCRIPTION CODE [ARGS...]: CODE runs with d = the JSON object on the
# last run's stdout (exactly one line) and argv = ARGS; passes unless it raises.
py() {
  local desc=$1 code=$2
  shift 2
  if [ "$HAVE_PY" -eq 0 ]; then skipped "$desc (no python3)"; return; fi
  if python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = text.split("\n")
assert lines[-1] == "" and len(lines) == 2, "want exactly one line"
d = json.loads(lines[0])
argv = sys.argv[3:]
exec(sys.argv[2])
' "$TMP/out" "$code" "$@" 2>"$TMP/pyerr"; then ok "$desc"
  else ko "$desc: $(tail -n1 "$TMP/pyerr")"; fi
}

# ------------------------------------------------------------------ usage
expect_rc 0 "cwasm help probe" help probe
expect_grep '--json' out "probe help documents --json"
expect_rc 0 "probe --help" probe --help
expect_rc 64 "probe unknown option" probe --bogus
expect_rc 64 "probe stray argument" probe somefile
expect_rc 64 "probe --host-version 999" probe --host-version 999
expect_rc 66 "probe --host-ref missing" probe --host-ref "$TMP/missing"

# ------------------------------------------------------------ human, JSON
expect_rc 0 "probe" probe
expect_grep '^Architecture: ' out "human output names the architecture"
expect_grep '^Triple: ' out "human output names the triple"
expect_grep '^Host: Wasmtime ' out "human output shows the default host"
expect_rc 0 "probe --json" probe --json
py "probe --json: arch, triple, features, host" '
assert isinstance(d["arch"], str) and isinstance(d["triple"], str) and d["triple"]
assert isinstance(d["features"], dict)
assert all(v in (True, False, None) for v in d["features"].values())
h = d["host"]
assert h["origin"] == "default" and h["strategy"] == "default" and h["reference"] is None
assert h["target"] == d["triple"], (h["target"], d["triple"])
assert isinstance(h["tunables"], dict) and len(h["tunables"]) > 0
assert h["cpu_arch"] == d["arch"]
assert sorted(h["cpu_features"]) == sorted(k for k, v in d["features"].items() if v)'
json_arch=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["arch"])' "$TMP/out" 2>/dev/null)
json_release=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["host"]["release"])' "$TMP/out" 2>/dev/null)

# every feature of the JSON has its "name: yes|no|unknown" line
run probe >"$TMP/human" 2>/dev/null
if [ "$HAVE_PY" -eq 1 ]; then
  if python3 - "$TMP/out" "$TMP/human" <<'EOF' 2>"$TMP/pyerr"; then ok "human output lists every feature as name: yes/no"; else ko "human features: $(tail -n1 "$TMP/pyerr")"; fi
import json, sys
d = json.load(open(sys.argv[1]))
lines = set(l.strip() for l in open(sys.argv[2]))
for k, v in d["features"].items():
    want = "%s: %s" % (k, {True: "yes", False: "no", None: "unknown"}[v])
    assert want in lines, want
EOF
fi

run probe --json --host-version 24 >"$TMP/out" 2>/dev/null
py "--host-version 24: the v24 default host" '
h = d["host"]
assert h["release"] == 24 and h["defaults_exact"] is (h["cpu_arch"] == "x86_64"), h
assert h["tunables_layout"] == "T8", h["tunables_layout"]'
if [ -n "$json_release" ]; then
  case $json_release in
    '' | *[!0-9]*) ko "default host release is not a number: $json_release" ;;
    *) if [ "$json_release" -ge 48 ]; then ok "default host is the newest release ($json_release)"
       else ko "default host release $json_release"; fi ;;
  esac
fi
if [ -n "$REAL" ] && [ -f "$REAL/v39-aarch64-apple-darwin-module.cwasm" ]; then
  run probe --json --host-ref "$REAL/v39-aarch64-apple-darwin-module.cwasm" >"$TMP/out" 2>/dev/null
  py "--host-ref v39: the reference host" '
h = d["host"]
assert h["origin"] == "reference" and h["release"] == 39 and h["target"] == "aarch64-apple-darwin", h'
else
  skipped "--host-ref (no real artifacts)"
fi

# ----------------------------------------------- against /proc/cpuinfo
if [ "$(uname -s 2>/dev/null)" != Linux ] || [ "$(uname -m 2>/dev/null)" != x86_64 ] ||
  [ ! -r /proc/cpuinfo ]; then
  skipped "/proc/cpuinfo comparison (not x86_64 Linux)"
elif [ -n "${CWASM_TEST_CPU_EMULATED:-}" ]; then
  skipped "/proc/cpuinfo comparison (CPU emulated by $CWASM_TEST_CPU_EMULATED)"
elif [ "$HAVE_PY" -eq 0 ]; then
  skipped "/proc/cpuinfo comparison (no python3)"
elif [ "$json_arch" != x86_64 ]; then
  ko "probe says arch '$json_arch' on x86_64 Linux"
else
  run probe --json >"$TMP/out" 2>/dev/null
  py "every x86_64 feature agrees with /proc/cpuinfo" '
flags, vendor = None, ""
for line in open("/proc/cpuinfo"):
    k, _, v = line.partition(":")
    if k.strip() == "flags" and flags is None:
        flags = set(v.split())
    if k.strip() == "vendor_id" and not vendor:
        vendor = v.strip()
assert flags, "no flags line in /proc/cpuinfo"
# Wasmtime feature string -> Linux flag name
linux = {"sse3": "pni", "ssse3": "ssse3", "sse4.1": "sse4_1", "sse4.2": "sse4_2",
         "popcnt": "popcnt", "avx": "avx", "avx2": "avx2", "fma": "fma", "bmi1": "bmi1",
         "bmi2": "bmi2", "avx512bitalg": "avx512_bitalg", "avx512dq": "avx512dq",
         "avx512f": "avx512f", "avx512vl": "avx512vl", "avx512vbmi": "avx512vbmi",
         "lzcnt": "abm", "cmpxchg16b": "cx16", "avxvnni": "avx_vnni",
         "avx512vnni": "avx512_vnni"}
want = {k: v in flags for k, v in linux.items()}
# Rust std_detect rules the kernel does not apply: AVX-512 also needs F16C and
# FMA; Intel CPUs without AVX lose BMI1/BMI2 (erratum SKL052).
if not ("f16c" in flags and "fma" in flags):
    for k in ("avx512f", "avx512dq", "avx512vl", "avx512vbmi", "avx512vnni", "avx512bitalg"):
        want[k] = False
if vendor == "GenuineIntel" and "avx" not in flags:
    want["bmi1"] = want["bmi2"] = False
got = d["features"]
assert set(got) == set(linux), "features %s" % sorted(set(got) ^ set(linux))
bad = ["%s: probe %s, cpuinfo %s" % (k, got[k], want[k]) for k in sorted(linux) if got[k] != want[k]]
assert not bad, "; ".join(bad)'
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
