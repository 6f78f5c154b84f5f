#!/usr/bin/env bash
# Build cwasm and run it on the real artifacts in ../shared/real-artifacts
# (or on the files given): the main job of the set-up contract.
#   scripts/run.sh [FILE...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" run
build="$root/build/release"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCWASM_BUILD_TESTS=OFF -DCWASM_BUILD_TOOLS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target cwasm >/dev/null
files=("$@")
if ((${#files[@]} == 0)); then
  shopt -s nullglob
  files=("$root"/../shared/real-artifacts/*.cwasm)
  if ((${#files[@]} == 0)); then
    echo "run: no files given and ../shared/real-artifacts is absent" >&2
    exit 66
  fi
fi
cmd=check
set +e
"$build/cwasm" "$cmd" "${files[@]}"
rc=$?
set -e
echo "run: cwasm $cmd exited $rc (0 all ok, 1 incompatible, 2 malformed)" >&2
# Incompatible or malformed inputs are answers, not failures of the job.
[ "$rc" -le 2 ] || exit "$rc"
