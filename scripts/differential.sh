#!/usr/bin/env bash
# Differential test of cwasm's ELF reading against independent readers: libelf
# (elfutils), binutils readelf, and the Rust `object` crate the way Wasmtime's
# check_compatible uses it (tools/object-oracle; eras A v3-v21, C/D v28-v42 both
# without and with object's `unaligned` feature, E v43-v48).
#
#   scripts/differential.sh --sample        corpus + real artifacts + 20,000 mutated inputs
#                                           (what scripts/test.sh runs; well under 2 min)
#   scripts/differential.sh --stream N      corpus + real artifacts + N mutated inputs
#   scripts/differential.sh --corpus        corpus + real artifacts only
# Options: --seed S (stream seed, default 0), --jobs J (shards, default nproc),
#          --save DIR (one minimised input per disagreement class, for tests/differential/),
#          --build DIR (default build/diff), --verbose (every disagreeing stream input).
#
# Prints, per phase, the inputs, per reader pair how many both accept and agree,
# both reject, differ on acceptance, or read differently, and the disagreement
# classes with the verdict recorded for each in tests/differential/CLASSES.tsv.
# Exits 1 if a class appears that is not recorded there (triage it: save it
# with --save, write its note, add its row), 2 if a tool could not run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${CWASM_SHARED_DIR:-$root/../shared}
build=$root/build/diff
stream=0
seed=0
jobs=$(nproc)
save=""
verbose=()
corpus_only=0

while (($#)); do
  case $1 in
    --sample) stream=20000 ;;
    --stream) stream=${2:?--stream N}; shift ;;
    --corpus) corpus_only=1 ;;
    --seed) seed=${2:?--seed S}; shift ;;
    --jobs) jobs=${2:?--jobs J}; shift ;;
    --save) save=${2:?--save DIR}; shift ;;
    --build) build=$(realpath -m "${2:?--build DIR}"); shift ;;
    --verbose) verbose=(--verbose) ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "differential.sh: unknown argument $1" >&2; exit 64 ;;
  esac
  shift
done
((corpus_only)) && stream=0

# ------------------------------------------------------------------ build
echo "=== build ($build)"
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCWASM_BUILD_TESTS=OFF "-DCWASM_SHARED_DIR=$shared" >/dev/null
cmake --build "$build" -j"$jobs" --target cwasm-differential >/dev/null
# the object oracle exists as a target only where cargo and librust-object-dev are
cmake --build "$build" -j"$jobs" --target object-oracle >/dev/null 2>&1 || true
driver=$build/tools/cwasm-differential
oracles=()
for v in aligned unaligned; do
  bin=$build/object-oracle/$v/release/object-oracle
  if [ -x "$bin" ]; then
    oracles+=("--object-$v" "$bin")
  else
    echo "differential.sh: no $v object oracle (needs cargo and librust-object-dev: scripts/deps.sh test)" >&2
  fi
done
command -v readelf >/dev/null || oracles+=(--readelf none)
tmp=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
known=$root/tests/differential/CLASSES.tsv
common=("${oracles[@]}" --tmp "$tmp" --known "$known")
status=0

# ----------------------------------------------------------------- corpus
files=("$root"/corpus/valid/* "$root"/corpus/malformed/*)
if [ -d "$shared/real-artifacts" ]; then
  for f in "$shared"/real-artifacts/*; do
    case $f in *.tsv|*.md) ;; *) [ -f "$f" ] && files+=("$f") ;; esac
  done
else
  echo "(no $shared/real-artifacts: real artifacts skipped)"
fi
echo "=== corpus: ${#files[@]} files"
t0=$SECONDS
csave=()
[ -n "$save" ] && { mkdir -p "$save/corpus"; csave=(--save "$save/corpus"); }
"$driver" "${common[@]}" "${csave[@]}" --files "${files[@]}" >"$tmp/cwasm-diff-corpus.$$" 2>&1 || status=$?
grep -v $'\t' "$tmp/cwasm-diff-corpus.$$" || true
rm -f "$tmp/cwasm-diff-corpus.$$"
echo "=== corpus: $((SECONDS - t0)) s"

# ----------------------------------------------------------------- stream
if ((stream > 0)); then
  ((jobs >= 1)) || jobs=1
  echo "=== stream: $stream mutated inputs (seed $seed, $jobs shards)"
  t0=$SECONDS
  work=$(mktemp -d "$tmp/cwasm-diff-shards.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  pids=()
  per=$(((stream + jobs - 1) / jobs))
  for ((j = 0; j < jobs; j++)); do
    start=$((j * per))
    n=$((stream - start < per ? stream - start : per))
    ((n > 0)) || continue
    "$driver" "${oracles[@]}" --tmp "$tmp" --seeds "$root/corpus/valid" --seeds "$root/corpus/malformed" \
      --seed "$seed" --start "$start" --stream "$n" --counts-out "$work/$j.counts" "${verbose[@]}" \
      >"$work/$j.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do
    if ! wait "$p"; then
      rc=$?
      # 1 only means "a class without a verdict" inside a shard: judged after the merge
      ((rc == 1)) || { echo "differential.sh: a shard failed ($rc)" >&2; status=2; }
    fi
  done
  if ((${#verbose[@]})); then grep -h '^input ' "$work"/*.out || true; fi
  merge=("$driver" "${common[@]}" --seeds "$root/corpus/valid" --seeds "$root/corpus/malformed" --seed "$seed")
  [ -n "$save" ] && { mkdir -p "$save"; merge+=(--save "$save"); }
  rc=0
  "${merge[@]}" --merge "$work"/*.counts || rc=$?
  ((rc == 0)) || ((status != 0)) || status=$rc
  echo "=== stream: $((SECONDS - t0)) s"
fi
if ((status == 0)); then echo "differential.sh: ok"; else echo "differential.sh: FAILED ($status)"; fi
exit "$status"
