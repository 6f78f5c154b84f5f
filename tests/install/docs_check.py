#!/usr/bin/env python3
"""The documentation says what the installed product does.

    python3 tests/install/docs_check.py PREFIX SOURCE_DIR

Run by tests/cli_install.sh against an install prefix. Prints PASS/FAIL/SKIP
lines and exits 1 when something failed:

  * the installed `cwasm` JSON output (inspect, check, probe, over the whole
    corpus and odd inputs) validates against the installed JSON schemas, with
    the small validator below (always) and python-jsonschema (when present);
  * every schema property is described in docs/json.md;
  * docs/errors.md lists exactly the codes of errors.def, with their numbers
    and classes;
  * every CWASM_API declaration of the installed headers has a doc comment,
    and every public function is named in docs/api.md;
  * the code excerpts of docs/api.md marked <!-- excerpt: examples/loader.c -->
    appear verbatim in the example;
  * CHANGELOG.md has an entry for the library's version.
"""
import json
import os
import re
import subprocess
import sys

PREFIX, SRC = sys.argv[1], sys.argv[2]
DOCROOT = os.path.join(PREFIX, "share", "doc", "cwasm")
DOC = os.path.join(DOCROOT, "docs")
CWASM = os.path.join(PREFIX, "bin", "cwasm")
INCLUDE = os.path.join(PREFIX, "include", "cwasm")
passed = failed = 0


def ok(msg):
    global passed
    passed += 1
    print("PASS: " + msg)


def ko(msg):
    global failed
    failed += 1
    print("FAIL: " + msg)


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        ko("cannot read %s: %s" % (path, e.strerror))
        return ""


# ------------------------------------------------- a small JSON Schema subset
# type, enum, const, properties, required, additionalProperties (bool or
# schema), items, prefixItems, minItems, maxItems, minimum, pattern, anyOf,
# $ref to "#/$defs/NAME". Enough for docs/schemas/*.json, which use nothing else.
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
KNOWN = {"$schema", "$defs", "title", "description", "type", "enum", "const", "properties", "required",
         "additionalProperties", "items", "prefixItems", "minItems", "maxItems", "minimum", "pattern",
         "anyOf", "$ref"}


def validate(v, s, root, path="$"):
    """Returns a list of error strings."""
    unknown = set(s) - KNOWN
    if unknown:
        return ["%s: schema uses unsupported keywords %s" % (path, sorted(unknown))]
    if "$ref" in s:
        name = s["$ref"].split("/")[-1]
        return validate(v, root["$defs"][name], root, path)
    errs = []
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(TYPES[t](v) for t in ts):
            return ["%s: %r is not of type %s" % (path, v, "/".join(ts))]
    if "enum" in s and v not in s["enum"]:
        errs.append("%s: %r not in %r" % (path, v, s["enum"]))
    if "const" in s and v != s["const"]:
        errs.append("%s: %r != %r" % (path, v, s["const"]))
    if "minimum" in s and TYPES["number"](v) and v < s["minimum"]:
        errs.append("%s: %r < %r" % (path, v, s["minimum"]))
    if "pattern" in s and isinstance(v, str) and not re.search(s["pattern"], v):
        errs.append("%s: %r does not match %s" % (path, v, s["pattern"]))
    if "anyOf" in s:
        alts = [validate(v, a, root, path) for a in s["anyOf"]]
        if all(alts):
            errs.append("%s: no alternative fits: %s" % (path, "; ".join(a[0] for a in alts)))
    if isinstance(v, dict):
        props = s.get("properties", {})
        for k in s.get("required", []):
            if k not in v:
                errs.append("%s: missing %s" % (path, k))
        for k, x in v.items():
            if k in props:
                errs += validate(x, props[k], root, path + "." + k)
            elif s.get("additionalProperties") is False:
                errs.append("%s: unexpected key %s" % (path, k))
            elif isinstance(s.get("additionalProperties"), dict):
                errs += validate(x, s["additionalProperties"], root, path + "." + k)
        if "properties" in s and s.get("additionalProperties") is False:
            order = [k for k in props if k in v]
            if list(v) != order:
                errs.append("%s: keys not in the documented order" % path)
    if isinstance(v, list):
        if "minItems" in s and len(v) < s["minItems"]:
            errs.append("%s: fewer than %d items" % (path, s["minItems"]))
        if "maxItems" in s and len(v) > s["maxItems"]:
            errs.append("%s: more than %d items" % (path, s["maxItems"]))
        pre = s.get("prefixItems", [])
        for i, x in enumerate(v):
            sub = pre[i] if i < len(pre) else s.get("items")
            if sub is not None:
                errs += validate(x, sub, root, "%s[%d]" % (path, i))
    return errs


try:
    import jsonschema  # optional cross-check
except ImportError:
    jsonschema = None

schemas = {}
for name in ("inspect", "check", "probe"):
    path = os.path.join(DOC, "schemas", name + ".schema.json")
    try:
        schemas[name] = json.loads(read(path))
        ok("schemas/%s.schema.json is JSON" % name)
    except (OSError, ValueError) as e:
        ko("schemas/%s.schema.json: %s" % (name, e))
if jsonschema is not None:
    for name, s in schemas.items():
        try:
            jsonschema.Draft202012Validator.check_schema(s)
            ok("schemas/%s.schema.json is a valid draft 2020-12 schema (python-jsonschema)" % name)
        except jsonschema.SchemaError as e:
            ko("schemas/%s.schema.json: %s" % (name, e.message))
else:
    print("SKIP: python-jsonschema not installed (the built-in validator still runs)")


def run_json(args):
    p = subprocess.run([CWASM] + args, capture_output=True, timeout=120, cwd=SRC)
    return [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]


def validate_all(what, name, docs):
    s = schemas.get(name)
    if s is None:
        return
    errs = []
    for d in docs:
        errs += validate(d, s, s)
        if jsonschema is not None:
            errs += ["jsonschema: " + e.message for e in jsonschema.Draft202012Validator(s).iter_errors(d)]
    if not docs:
        ko("%s: no output" % what)
    elif errs:
        ko("%s: %d object(s), %d error(s): %s" % (what, len(docs), len(errs), "; ".join(errs[:5])))
    else:
        ok("%s: %d object(s) match schemas/%s.schema.json" % (what, len(docs), name))


corpus = ["-r", "corpus/valid", "corpus/malformed"]
odd = ["corpus", "does-not-exist", "/dev/null"]
real = os.path.join(SRC, "..", "shared", "real-artifacts")
validate_all("inspect --json -r corpus", "inspect", run_json(["inspect", "--json"] + corpus))
validate_all("inspect --json --lenient -r corpus", "inspect", run_json(["inspect", "--json", "--lenient"] + corpus))
validate_all("inspect --json on a directory, a missing file, a device", "inspect", run_json(["inspect", "--json"] + odd))
validate_all("check --json -r corpus (built-in host)", "check", run_json(["check", "--json"] + corpus + odd))
validate_all("check --json --lenient --host-ref v39 -r corpus", "check",
             run_json(["check", "--json", "--lenient", "--host-ref", "corpus/valid/v39-aarch64-darwin-module.cwasm",
                       "--allow-version", "38", "--version-mode", "major", "--host-tunable", "consume_fuel=?"] + corpus))
validate_all("check --json --host-version 24 (release <= 37: patch unknown)", "check",
             run_json(["check", "--json", "--host-version", "24", "--host-target", "riscv64gc-unknown-linux-gnu",
                       "corpus/valid/v24-x86_64-linux-module.cwasm", "corpus/valid/v22-riscv64-linux-module.cwasm"]))
if os.path.isdir(real):
    validate_all("inspect/check --json on ../shared/real-artifacts", "check", run_json(["check", "--json", "-r", real]))
    validate_all("inspect --json on ../shared/real-artifacts", "inspect", run_json(["inspect", "--json", "-r", real]))
probes = run_json(["probe", "--json"]) + run_json(["probe", "--json", "--host-version", "24"]) + \
    run_json(["probe", "--json", "--host-ref", "corpus/valid/v42-pulley32-component.cwasm"]) + \
    run_json(["probe", "--json", "--host-version-string", "", "--host-target", "s390x-unknown-linux-gnu"])
validate_all("probe --json (default, v24, pulley reference, no version check)", "probe", probes)

# every property of every schema is described in docs/json.md
jdoc = read(os.path.join(DOC, "json.md"))
for name, s in schemas.items():
    keys = set(s["properties"])
    for d in s.get("$defs", {}).values():
        keys |= set(d.get("properties", {}))
    missing = sorted(k for k in keys if "`" + k + "`" not in jdoc)
    if missing:
        ko("json.md does not describe %s keys: %s" % (name, ", ".join(missing)))
    else:
        ok("json.md describes every %s key (%d)" % (name, len(keys)))

# ---------------------------------------------------------------- error codes
codes = re.findall(r"^X\((\w+),\s*(\d+),\s*(\w+),", read(os.path.join(INCLUDE, "errors.def")), re.M)
errdoc = read(os.path.join(DOC, "errors.md"))
rows = re.findall(r"^\|\s*(\d+)\s*\|\s*`(\w+)`\s*\|\s*(\w+)\s*\|", errdoc, re.M)
want = {(int(n), name, cls.lower()) for name, n, cls in codes}
have = {(int(n), name, cls.lower()) for n, name, cls in rows}
if want == have:
    ok("errors.md lists exactly the %d codes of errors.def with numbers and classes" % len(want))
else:
    ko("errors.md vs errors.def: missing %s; extra %s" % (sorted(want - have)[:6], sorted(have - want)[:6]))

# --------------------------------------------------------------- header docs
api = read(os.path.join(DOC, "api.md"))
undocumented, unnamed, functions = [], [], []
for h in ("cwasm.h", "host.h", "policy.h"):
    text = read(os.path.join(INCLUDE, h))
    decls = [(m.start(), text.find(";", m.start())) for m in re.finditer(r"CWASM_API\b", text)
             if not text[:m.start()].rstrip().endswith("#define")]
    prev_end, prev_doc = 0, False
    for start, end in decls:
        before = text[prev_end:start]
        line_start = text.rfind("\n", 0, start) + 1
        before = text[prev_end:line_start].strip()
        m = re.search(r"(cwasm_\w+)\s*\(", text[start:end + 1])
        fn = m.group(1) if m else text[start:end + 1]
        functions.append(fn)
        documented = before.endswith("*/") or (before == "" and prev_doc)
        if not documented:
            undocumented.append(fn)
        if "`" + fn + "`" not in api and fn + "(" not in api:
            unnamed.append(fn)
        prev_end, prev_doc = end + 1, documented
if undocumented:
    ko("CWASM_API declarations without a doc comment: " + ", ".join(undocumented))
else:
    ok("every CWASM_API declaration (%d) has a doc comment" % len(functions))
if unnamed:
    ko("public functions not named in api.md: " + ", ".join(unnamed))
else:
    ok("api.md names every public function")

# ------------------------------------------------------------ code excerpts
example = read(os.path.join(DOC, "examples", "loader.c"))
blocks = re.findall(r"<!-- excerpt: examples/loader.c -->\s*```c\n(.*?)```", api, re.S)
bad = [b.splitlines()[0] for b in blocks if b not in example]
if not blocks:
    ko("api.md has no excerpt of examples/loader.c")
elif bad:
    ko("api.md excerpts not in examples/loader.c: " + " | ".join(bad))
else:
    ok("api.md's %d excerpts appear verbatim in examples/loader.c" % len(blocks))

# ------------------------------------------------------------------ changelog
m = re.search(r'#define CWASM_VERSION_STRING "([^"]+)"', read(os.path.join(INCLUDE, "cwasm.h")))
version = m.group(1) if m else "?"
if re.search(r"^## \[" + re.escape(version) + r"\]", read(os.path.join(DOCROOT, "CHANGELOG.md")), re.M):
    ok("CHANGELOG.md has an entry for %s" % version)
else:
    ko("CHANGELOG.md has no '## [%s]' entry" % version)

print("docs_check: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
