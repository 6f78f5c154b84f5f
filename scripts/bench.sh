#!/usr/bin/env bash
# The benchmark (speed targets live here, never in timed tests).
#
#   scripts/bench.sh [FILE...]              time every step, print the report
#   scripts/bench.sh --callgrind [FILE...]  the same report in instructions per
#                                           artifact (valgrind --tool=callgrind):
#                                           stable when other jobs load the machine
#
# Files default to ../shared/real-artifacts/*.cwasm (when present) and
# corpus/valid/*.cwasm; synthetic scaling artifacts (10..60000 sections, flag
# lists 1x..100x) are always added. One run prints, over the same files:
# ns per artifact for cwasm_detect, locate (cwasm_elf_parse + cwasm_engine_find),
# full decode (cwasm_parse), the general check path (cwasm_parse + cwasm_check
# against a host built once from a reference artifact of the same release),
# the prepared check (cwasm_parse_check against a cwasm_prepared made once from
# that host and reference: the loader's fast path, with results identical to
# the general path's, which the run verifies byte for byte), the two floors,
# libelf's locate and the Rust object crate's locate step as Wasmtime runs it;
# ratios; scaling; heap allocations; PASS/MISS per target. Exit status 0
# whatever the numbers say.
#
# The floors (tools/bench/floor.c), neither with any check:
#   touch  touches only the bytes any verifier must read (the ELF header, each
#          section header, each byte of the engine section) with vector loads:
#          the limit for reading them, which is bound by memory
#   floor  touch plus the serial chain: a postcard/bincode reader cannot know
#          where Metadata field N+1 starts before it has read field N's length
#          or tag, so it walks the real structure (version string, target, both
#          flag lists entry by entry, every Tunables field of the layout, the
#          features) as a chain of dependent loads, without bounds tests or
#          stores, from the library's public layout tables (not its decoder).
#          This is the physical limit on this machine, since the work is bound
#          by memory and by the serial varint chain: the targets divide by it;
#          info lines keep the ratios against touch in view.
#
# Quick mode: BENCH_MIN_MS=20 BENCH_ROUNDS=2 scripts/bench.sh (about a minute,
# noisier numbers); a full run takes about 8 minutes of CPU time (more in wall
# time when other jobs share the cores).
#
# Method (tools/bench/common.h): per step, the best of BENCH_ROUNDS (5) rounds
# of at least BENCH_MIN_MS (200) ms of the thread's CPU time, so time spent
# waiting for the core while other jobs run is not counted; the rounds of all
# steps of one artifact take turns. BENCH_REPS (5): calls per artifact under
# callgrind. Builds go to build/bench (release: -O2, no sanitizers; -g only
# for perf's symbols).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" run
# libelf-dev, cargo + librust-object-dev, valgrind: a `bench` profile when deps.sh has one
if grep -qE '^[[:space:]]*bench\)' "$root/scripts/deps.sh"; then "$root/scripts/deps.sh" bench; fi

mode="time"
if [[ ${1:-} == --callgrind ]]; then
  mode=callgrind
  shift
fi
rounds=${BENCH_ROUNDS:-5}
min_ms=${BENCH_MIN_MS:-200}
reps=${BENCH_REPS:-5}

build="$root/build/bench"
src="$root/tools/bench"

# ------------------------------------------------------------------ build
pkg-config --exists libelf || { echo "bench: libelf missing (apt-get install libelf-dev)" >&2; exit 69; }
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -g -DNDEBUG" \
  -DCWASM_BUILD_TESTS=OFF -DCWASM_BUILD_CLI=OFF -DCWASM_BUILD_TOOLS=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target cwasm_static cwasm-corpus >/dev/null

cc=${CC:-cc}
warn=(-std=c11 -O2 -g -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Wstrict-prototypes
  -Wmissing-prototypes -Wvla -Wformat=2 -Werror)
lib=("$build/libcwasm.a" -lpthread)
read -r -a elf_flags <<<"$(pkg-config --cflags --libs libelf)"
"$cc" "${warn[@]}" -I"$root/lib/include" "$src/bench.c" "$src/common.c" "$src/floor.c" "${lib[@]}" \
  "${elf_flags[@]}" -lm -o "$build/cwasm-bench"
# its own malloc/free take over the process's: keep the compiler from treating them as builtins
"$cc" "${warn[@]}" -fno-builtin-malloc -fno-builtin-calloc -fno-builtin-realloc -fno-builtin-free \
  -I"$root/lib/include" "$src/alloc.c" "$src/common.c" "${lib[@]}" "${elf_flags[@]}" \
  -o "$build/cwasm-bench-alloc"
# the test encoders, compiled in as they were designed to be
"$cc" "${warn[@]}" -D_POSIX_C_SOURCE=200809L -DCWASM_SHARED_DIR='"/nonexistent"' \
  -I"$root/lib/include" -I"$root/tests/support" "$src/gen.c" "$root/tests/support/metabuild.c" \
  "$root/tests/support/elfbuild.c" "${lib[@]}" -o "$build/cwasm-bench-gen"

# The object crate's locate step: offline, from Debian's packaged crates
# (tools/bench/object-locate/.cargo/config.toml), so cargo runs from there.
object_bin="$build/object-locate/release/object-locate"
if command -v cargo >/dev/null && [[ -d /usr/share/cargo/registry ]] &&
  compgen -G "/usr/share/cargo/registry/object-0.30*" >/dev/null; then
  (cd "$src/object-locate" && cargo build --offline --release --quiet --target-dir "$build/object-locate")
else
  echo "bench: no object baseline (needs cargo and librust-object-dev)" >&2
  object_bin=""
fi

# ------------------------------------------------------------------ inputs
files=("$@")
if ((${#files[@]} == 0)); then
  shopt -s nullglob
  files=("$root"/../shared/real-artifacts/*.cwasm "$root"/corpus/valid/*.cwasm)
  shopt -u nullglob
fi
((${#files[@]})) || { echo "bench: no files" >&2; exit 66; }

mkdir -p "$build/scaling" "$build/refs"
"$build/cwasm-bench-gen" "$build/scaling"
scaling_files=("$build"/scaling/sections-{10,100,1000,10000,60000}.cwasm "$build"/scaling/flags-{1,10,100}x.cwasm)

# One reference artifact per (release, kind, target, version strategy): what
# that engine writes for an empty module. cwasm-corpus knows the common
# targets; for any other the reference is this machine's target (the check
# then reports the mismatch, as Wasmtime would).
"$build/cwasm-bench" refspec "${files[@]}" | sort -u |
  while IFS=$'\t' read -r name rel triple kind varg; do
    "$build/tools/cwasm-corpus" artifact --release "$rel" --target "$triple" --kind "$kind" \
      --version "$varg" -o "$build/refs/$name" 2>/dev/null ||
      "$build/tools/cwasm-corpus" artifact --release "$rel" --target x86_64-linux --kind "$kind" \
        --version "$varg" -o "$build/refs/$name" 2>/dev/null || true
  done

# ------------------------------------------------------------------ header
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "build:   $("$cc" --version | head -1), -O2; $(rustc --version 2>/dev/null || echo 'no rustc'), opt-level 2," \
  "object $(sed -n 's/^version = "\(.*\)"/\1/p' /usr/share/cargo/registry/object-0.30*/Cargo.toml 2>/dev/null | head -1)" \
  "(features read_core, elf, std as in Wasmtime); libelf $(pkg-config --modversion libelf)"
echo "files:   ${#files[@]} artifacts + ${#scaling_files[@]} synthetic; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

common=(--refs "$build/refs" --scaling "$build/scaling")
if [[ $mode == time ]]; then
  obj=()
  if [[ -n $object_bin ]]; then
    "$object_bin" --rounds "$rounds" --min-ms "$min_ms" "${files[@]}" "${scaling_files[@]}" >"$build/object.tsv"
    obj=(--object "$build/object.tsv")
  fi
  "$build/cwasm-bench" run "${common[@]}" "${obj[@]}" --rounds "$rounds" --min-ms "$min_ms" "${files[@]}"
  "$build/cwasm-bench-alloc" "${common[@]}" "${files[@]}"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# ---------------------------------------------------------------- callgrind
command -v valgrind >/dev/null || { echo "bench: --callgrind needs valgrind" >&2; exit 69; }
cg="$build/callgrind"
rm -rf "$cg"
mkdir -p "$cg/c" "$cg/object"
# valgrind's CPUID is not the machine's: the check uses the CPU probed natively
"$build/cwasm-bench" cpu-save "$cg/cpu.bin"
markers=(--zero-before=cwasm_bench_zero --dump-before=cwasm_bench_dump)
valgrind --tool=callgrind "${markers[@]}" --callgrind-out-file="$cg/c/cg.out" \
  "$build/cwasm-bench" callgrind "${common[@]}" --cpu "$cg/cpu.bin" --reps "$reps" "${files[@]}" \
  >"$cg/c.labels" 2>"$cg/c.log"
cgo=()
if [[ -n $object_bin ]]; then
  valgrind --tool=callgrind "${markers[@]}" --callgrind-out-file="$cg/object/cg.out" \
    "$object_bin" --callgrind "$reps" "${files[@]}" "${scaling_files[@]}" >"$cg/object.labels" 2>"$cg/object.log"
  cgo=(--cg-object "$cg/object.labels" "$cg/object")
fi
"$build/cwasm-bench" cg-report "${common[@]}" --cpu "$cg/cpu.bin" --reps "$reps" \
  --cg "$cg/c.labels" "$cg/c" "${cgo[@]}" "${files[@]}"
