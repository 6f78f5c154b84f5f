#!/usr/bin/env bash
# Install the Debian packages a job needs, only when something is missing.
#   scripts/deps.sh run     build + run the CLI
#   scripts/deps.sh test    everything scripts/test.sh uses
#   scripts/deps.sh fuzz    libFuzzer / sanitizer toolchain (clang-19)
#   scripts/deps.sh afl     AFL++ (LLVM 14)
#   scripts/deps.sh bench   scripts/bench.sh: libelf, Rust + object 0.30 offline, valgrind, perf
#   scripts/deps.sh cross   scripts/test-cross.sh: cross compilers, qemu-user, the targets' cmocka (multiarch)
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
want=(build-essential cmake pkg-config python3)
case "${1:-run}" in
  run) ;;
  test) want+=(libcmocka-dev libelf-dev elfutils binutils clang-19 libclang-rt-19-dev llvm-19 valgrind
                cargo librust-object-dev zip) ;;
  fuzz) want+=(libelf-dev clang-19 libclang-rt-19-dev llvm-19 zip) ;;
  afl) want+=(libelf-dev afl++ clang-14 lld-14 llvm-14) ;;
  bench) want+=(libelf-dev cargo librust-object-dev valgrind linux-perf) ;;
  cross)
    want+=(gcc-aarch64-linux-gnu gcc-s390x-linux-gnu qemu-user libcmocka-dev:arm64 libcmocka-dev:s390x)
    for a in arm64 s390x; do
      dpkg --print-foreign-architectures | grep -qx "$a" || $SUDO dpkg --add-architecture "$a"
    done ;;
  *) echo "usage: $0 run|test|fuzz|afl|bench|cross" >&2; exit 64 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
