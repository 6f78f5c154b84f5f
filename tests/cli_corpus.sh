#!/usr/bin/env bash
# The committed corpus through the command line: every row of corpus/MANIFEST.tsv
# through `cwasm inspect --json` (status, warnings and exit status) and, for rows
# with a host, `cwasm check --json` (findings and notes, compatibility, exit status).
#   bash tests/cli_corpus.sh <path-to-cwasm> [<shared-dir>]
# Prints one line per failure or skip and "N passed, N failed, N skipped"; exits 0
# when nothing failed. Rows whose options the command line cannot express
# (max_sections, max_flags; release= for check) are skipped, and so are rows
# whose host the command line cannot pin (an unknown CPU of this machine's own
# architecture: `check` then uses the live probe). Needs python3 (skipped
# without it).
set -u
BIN=${1:?usage: cli_corpus.sh <cwasm-binary> [<shared-dir>]}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$ROOT/corpus
case $BIN in /*) ;; *) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;; esac

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: cli_corpus.sh needs python3"
  exit 0
fi
if [ ! -f "$CORPUS/MANIFEST.tsv" ]; then
  echo "FAIL: no $CORPUS/MANIFEST.tsv"
  exit 1
fi

exec python3 - "$BIN" "$CORPUS" <<'PY'
import json, platform, subprocess, sys

BIN, CORPUS = sys.argv[1], sys.argv[2]
passed = failed = skipped = 0


def ok():
    global passed
    passed += 1


def ko(msg):
    global failed
    failed += 1
    print("FAIL: " + msg)


def skip(msg):
    global skipped
    skipped += 1
    print("SKIP: " + msg)


def run(args):
    try:
        p = subprocess.run([BIN] + args, cwd=CORPUS, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return None, 124
    return p.stdout.decode("utf-8", "replace"), p.returncode


def codes(items):
    out = []
    for it in items:
        if it["name"] not in out:
            out.append(it["name"])
    return out


# `check` is a placeholder until it is implemented: then its part is skipped.
help_out, _ = run(["help", "check"])
have_check = help_out is not None and "not implemented" not in help_out

MACHINE = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64",
           "s390x": "s390x", "riscv64": "riscv64"}.get(platform.machine().lower(), "other")


def target_arch(triple):
    a = triple.split("-", 1)[0]
    return "riscv64" if a.startswith("riscv64") else a


def host_args(col, path):
    """The manifest's host column as `cwasm check` options, or None (with a skip)."""
    items = dict(i.split("=", 1) for i in col.split(";"))
    args = ["--host-version", items["release"], "--host-version-string", items["version"],
            "--host-target", items["target"], "--expect", items["expect"]]
    cpu = items.get("cpu")
    if cpu == "unknown":
        # another architecture's CPU starts unknown; this machine's would be probed
        if target_arch(items["target"]) == MACHINE:
            skip("%s: check: an unknown CPU of this machine's architecture cannot be pinned" % path)
            return None
    elif cpu:
        args += ["--host-features", cpu]  # every feature of the arch, so the probe never leaks in
    if "wasm" in items:
        args += ["--host-wasm-features", items["wasm"]]
    if "tunable" in items:
        args += ["--host-tunable", items["tunable"]]
    if "version-mode" in items:
        args += ["--version-mode", items["version-mode"]]
    return args


with open(CORPUS + "/MANIFEST.tsv", encoding="utf-8") as f:
    lines = f.read().splitlines()
if lines[0].split("\t") != ["path", "options", "status", "warnings", "host", "policy", "description"]:
    ko("MANIFEST.tsv: unexpected header")
    lines = [lines[0]]

for line in lines[1:]:
    path, options, status, warnings, host, policy, _ = line.split("\t")
    opts = [] if options == "-" else options.split(",")
    lib = []
    usage_error = False
    inexpressible = [o for o in opts if o.startswith(("max_sections=", "max_flags="))]
    if inexpressible:
        skip("%s: the command line has no option for %s" % (path, ",".join(inexpressible)))
        continue
    for o in opts:
        if o == "lenient":
            lib.append("--lenient")
        elif o.startswith("release="):
            n = int(o.split("=", 1)[1])
            lib += ["--release", str(n)]
            usage_error = usage_error or not 3 <= n <= 49

    out, rc = run(["inspect", "--json"] + lib + ["--", path])
    if usage_error:
        # the command line refuses a release it has no layout for before reading files
        if rc == 64:
            ok()
        else:
            ko("%s: inspect %s: exit %d, want 64 (usage error)" % (path, " ".join(lib), rc))
        continue
    try:
        d = json.loads(out.splitlines()[0])
    except Exception as e:  # noqa: BLE001 - any parse failure is a test failure
        ko("%s: inspect printed no JSON line (exit %s): %s" % (path, rc, e))
        continue
    got_status = "OK" if d["status"] == "ok" else d["status"]
    got_warn = ",".join(w["name"] for w in d["warnings"]) or "-"
    want_rc = 0 if status == "OK" else 2
    if (got_status, got_warn, rc) != (status, warnings, want_rc):
        ko("%s [%s]: inspect status %s, warnings %s, exit %d; want %s, %s, %d"
           % (path, options, got_status, got_warn, rc, status, warnings, want_rc))
    else:
        ok()

    if policy == "n/a":
        continue
    if not have_check:
        skip("%s: cwasm check is not implemented" % path)
        continue
    if any(o.startswith("release=") for o in opts):
        skip("%s: cwasm check has no option forcing the artifact's layout (release=)" % path)
        continue
    args = host_args(host, path)
    if args is None:
        continue
    out, rc = run(["check", "--json"] + (["--lenient"] if "lenient" in opts else []) + args + ["--", path])
    try:
        d = json.loads(out.splitlines()[0])
    except Exception as e:  # noqa: BLE001
        ko("%s: check printed no JSON line (exit %s): %s" % (path, rc, e))
        continue
    got = codes(d["findings"]) + [c for c in codes(d["notes"]) if c not in codes(d["findings"])]
    want = [] if policy == "ok" else policy.split(",")
    incompatible = any(c.startswith("F_") for c in want)
    want_rc = 1 if incompatible else 0
    # findings and notes come in two lists, so their relative order is not compared
    if sorted(got) != sorted(want) or d["compatible"] == incompatible or rc != want_rc:
        ko("%s: check %s: findings+notes %s, compatible %s, exit %d; want %s, exit %d"
           % (path, " ".join(args), ",".join(got) or "ok", d["compatible"], rc, policy, want_rc))
    else:
        ok()

print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
PY
