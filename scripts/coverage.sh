#!/usr/bin/env bash
# Source-based coverage of lib/src (clang-19), gated by committed floors.
#
#   scripts/coverage.sh                  build, run ctest, report, compare with the floors
#   scripts/coverage.sh --update-floor   ... and rewrite scripts/coverage-floor.txt from
#                                        the measured totals (rounded down to 0.1)
#   scripts/coverage.sh --html           ... and write a line-by-line HTML view
#
# Every CTest test runs: the cmocka tests, the corpus replay (test_corpus),
# the fuzz seed/regression replays and the CLI tests. Each process writes its
# own profile (%p-%m), so concurrent tests and the CLI's many short runs all
# count. Only lib/src/ is reported: tests, support code, the CLI, fuzz drivers
# and tools are not the product. Branches left uncovered on purpose carry a
# comment "unreachable: <why>" next to them (grep -n unreachable: lib/src).
#
# Output, in the build directory (CWASM_COV_DIR, default build/cov):
#   report.txt     llvm-cov's table: functions, lines, branches per file and in total
#   summary.json   llvm-cov export -summary-only (per file and total, every metric)
#   summary.txt    one line per total the gate reads: "<lines|branches|functions>
#                  <percent> <covered> <count>"
#   html/          with --html
# scripts/coverage-floor.txt holds "<name> <percent>" per total; a total below
# its floor fails (exit 1), as does a failing test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CWASM_COV_DIR:-$root/build/cov}
floor_file=$root/scripts/coverage-floor.txt
update=0
html=0
for a in "$@"; do
  case $a in
    --update-floor) update=1 ;;
    --html) html=1 ;;
    -h | --help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--update-floor] [--html]" >&2; exit 64 ;;
  esac
done

"$root/scripts/deps.sh" test
jobs=$(nproc)
llvm_profdata=llvm-profdata-19
llvm_cov=llvm-cov-19

flags="-fprofile-instr-generate -fcoverage-mapping"
cmake -S "$root" -B "$dir" -DCMAKE_C_COMPILER=clang-19 -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_C_FLAGS=$flags" "-DCMAKE_EXE_LINKER_FLAGS=$flags" \
  "-DCMAKE_SHARED_LINKER_FLAGS=$flags" >/dev/null
cmake --build "$dir" -j"$jobs" >/dev/null

prof=$dir/profiles
rm -rf "$prof"
mkdir -p "$prof"
rc=0
(cd "$dir" && LLVM_PROFILE_FILE="$prof/%p-%m.profraw" ctest --output-on-failure -j"$jobs") || rc=$?
if ((rc != 0)); then
  echo "coverage: ctest failed; coverage is not measured on a failing suite" >&2
  exit 1
fi

# llvm-profdata reads the list from a file: the CLI tests alone leave
# hundreds of profiles, more than a command line should carry.
find "$prof" -name '*.profraw' >"$dir/profiles.list"
"$llvm_profdata" merge -sparse -f "$dir/profiles.list" -o "$dir/merged.profdata"

# The instrumented binaries whose code ran: every executable of the build
# that a CTest command names (tests, replay drivers, the CLI, examples), and
# the shared library, which maps all of lib/src so that code no test links
# still counts (as not covered). Counts are keyed by function, so library code
# run by helper programs the tests start (tools/) is counted too.
objects=()
while IFS= read -r f; do
  if [ ${#objects[@]} -eq 0 ]; then objects=("$f"); else objects+=(-object "$f"); fi
done < <( (cd "$dir" && ctest --show-only=json-v1) | python3 -c '
import json, os, sys
root = os.path.realpath(sys.argv[1])
found = set()
for t in json.load(sys.stdin)["tests"]:
    found.update(os.path.realpath(a) for a in t.get("command", []))
found.update(os.path.join(root, f) for f in os.listdir(root) if f.startswith("libcwasm.so"))
for f in sorted(found):
    if f.startswith(root + os.sep) and os.path.isfile(f) and not os.path.islink(f):
        with open(f, "rb") as h:
            if h.read(4) == b"\x7fELF":
                print(f)
' "$dir")
if [ ${#objects[@]} -eq 0 ]; then
  echo "coverage: no instrumented binaries in $dir" >&2
  exit 1
fi

# Everything outside lib/src/ is left out (tests, support, cli, fuzz, tools,
# system headers); naming the sources keeps the public headers, which hold
# no code, out of the table.
root_re=$(printf '%s' "$root" | sed 's/[][\\.^$*+?(){}|]/\\&/g')
ignore="^$root_re/(tests|cli|fuzz|tools|build[^/]*)/|^/usr/"
cov_args=(-instr-profile="$dir/merged.profdata" -ignore-filename-regex="$ignore")
sources=("$root"/lib/src/*.[ch])
"$llvm_cov" report "${cov_args[@]}" -show-branch-summary -show-region-summary=false \
  "${objects[@]}" "${sources[@]}" | tee "$dir/report.txt"
"$llvm_cov" export "${cov_args[@]}" -summary-only -format=text "${objects[@]}" "${sources[@]}" >"$dir/summary.json"
if ((html)); then
  "$llvm_cov" show "${cov_args[@]}" -show-branches=count -format=html \
    -output-dir="$dir/html" "${objects[@]}" "${sources[@]}"
  echo "coverage: $dir/html/index.html"
fi

# The totals, from the JSON export (percentages with two decimals).
python3 - "$dir/summary.json" >"$dir/summary.txt" <<'EOF'
import json, sys
totals = json.load(open(sys.argv[1]))["data"][0]["totals"]
for key, name in (("lines", "lines"), ("branches", "branches"), ("functions", "functions")):
    t = totals[key]
    pct = 100.0 * t["covered"] / t["count"] if t["count"] else 100.0
    print(f"{name} {pct:.2f} {t['covered']} {t['count']}")
EOF
echo
echo "coverage of lib/src (summary: $dir/summary.txt):"
awk '{ printf "  %-10s %6.2f%%  (%d of %d)\n", $1, $2, $3, $4 }' "$dir/summary.txt"

if ((update)); then
  # floors are the measured values rounded down to one decimal
  {
    echo "# Coverage floors of lib/src (percent), checked by scripts/coverage.sh."
    echo "# Written by scripts/coverage.sh --update-floor: measured values rounded down."
    awk '{ printf "%s %.1f\n", $1, int($2 * 10 + 1e-9) / 10 }' "$dir/summary.txt"
  } >"$floor_file"
  echo "coverage: floors written to $floor_file"
  sed 's/^/  /' "$floor_file"
  exit 0
fi

if [ ! -f "$floor_file" ]; then
  echo "coverage: no $floor_file (run with --update-floor)" >&2
  exit 1
fi
# A key missing from the summary, or a total below its floor, fails.
awk 'NR == FNR { have[$1] = $2; next }
     /^#/ || NF < 2 { next }
     {
       if (!($1 in have)) { printf "coverage: %s: no measurement\n", $1; bad = 1; next }
       if (have[$1] + 1e-9 < $2 + 0) {
         printf "coverage: %s %.2f%% is below its floor %s%%\n", $1, have[$1], $2; bad = 1
       } else {
         printf "coverage: %s %.2f%% >= floor %s%%\n", $1, have[$1], $2
       }
     }
     END { exit bad }' "$dir/summary.txt" "$floor_file"
