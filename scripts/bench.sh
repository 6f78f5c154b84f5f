#!/usr/bin/env bash
# ns per artifact for each pipeline step (detect, locate the engine section,
# full decode) over the given files (default: ../shared/real-artifacts).
#   scripts/bench.sh [FILE...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" run
build="$root/build/bench"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCWASM_BUILD_TESTS=OFF -DCWASM_BUILD_CLI=OFF \
  -DCWASM_BUILD_TOOLS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target cwasm_static >/dev/null
cc -std=c11 -O2 -I"$root/lib/include" "$root/tools/bench/bench.c" "$build/libcwasm.a" -o "$build/bench"
files=("$@")
if ((${#files[@]} == 0)); then
  shopt -s nullglob
  files=("$root"/../shared/real-artifacts/*.cwasm "$root"/corpus/valid/*.cwasm)
fi
((${#files[@]})) || { echo "bench: no files" >&2; exit 66; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$build/bench" "${files[@]}"
