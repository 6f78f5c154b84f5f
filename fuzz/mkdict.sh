#!/usr/bin/env bash
# Write the dictionary of one harness: the fuzz/dict/<part>.dict files named by
# `dict_parts` in fuzz/<harness>.options, concatenated.
#   fuzz/mkdict.sh HARNESS OUTFILE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
h=$1
out=$2
parts=$(sed -n 's/^dict_parts *= *//p' "$here/$h.options")
[ -n "$parts" ] || { echo "mkdict: no dict_parts in $h.options" >&2; exit 1; }
: >"$out"
for p in $parts; do
  cat "$here/dict/$p.dict" >>"$out"
done
