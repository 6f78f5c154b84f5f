#!/usr/bin/env bash
# Install the Debian packages a job needs, only when something is missing.
#   scripts/deps.sh run     build + run the CLI
#   scripts/deps.sh test    everything scripts/test.sh uses
#   scripts/deps.sh fuzz    libFuzzer / sanitizer toolchain (clang-19)
#   scripts/deps.sh afl     AFL++ (LLVM 14)
#   scripts/deps.sh bench   scripts/bench.sh: libelf, Rust + object 0.30 offline, valgrind, perf
set -euo pipefail

want=(build-essential cmake pkg-config python3)
case "${1:-run}" in
  run) ;;
  test) want+=(libcmocka-dev libelf-dev elfutils binutils clang-19 libclang-rt-19-dev llvm-19 valgrind
                cargo librust-object-dev zip) ;;
  fuzz) want+=(libelf-dev clang-19 libclang-rt-19-dev llvm-19 zip) ;;
  afl) want+=(libelf-dev afl++ clang-14 lld-14 llvm-14) ;;
  bench) want+=(libelf-dev cargo librust-object-dev valgrind linux-perf) ;;
  *) echo "usage: $0 run|test|fuzz|afl|bench" >&2; exit 64 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
