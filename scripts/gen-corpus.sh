#!/usr/bin/env bash
# Rebuild the seed corpus: build the generator (tools/corpus, needs libelf),
# write everything into a fresh directory, then replace corpus/valid,
# corpus/malformed and corpus/MANIFEST.tsv with it (corpus/README.md stays).
#   scripts/gen-corpus.sh
# Afterwards `git diff --stat corpus` shows what changed; tests/test_corpus.c
# fails until the committed corpus equals the generator's output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" test
build="$root/build/gen-corpus"
cmake -S "$root" -B "$build" -DCWASM_BUILD_TESTS=OFF -DCWASM_BUILD_CLI=OFF -DCWASM_BUILD_TOOLS=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target cwasm-corpus >/dev/null
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cwasm-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$build/tools/cwasm-corpus" corpus "$tmp"
rm -rf "$root/corpus/valid" "$root/corpus/malformed" "$root/corpus/MANIFEST.tsv"
mkdir -p "$root/corpus"
mv "$tmp/valid" "$tmp/malformed" "$tmp/MANIFEST.tsv" "$root/corpus/"
echo "corpus: $(ls "$root/corpus/valid" | wc -l) valid, $(ls "$root/corpus/malformed" | wc -l) malformed," \
  "$(du -sk "$root/corpus" | cut -f1) KiB"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$root" status --short -- corpus | head -n 20
  git -C "$root" diff --stat -- corpus | tail -n 1
fi
