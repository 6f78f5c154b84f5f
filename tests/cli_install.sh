#!/usr/bin/env bash
# Install test: what a C project that adopts cwasm gets.
#   bash tests/cli_install.sh <cwasm-binary> [<shared-dir>]
#
# Configures, builds and installs this source tree into a temporary prefix
# (a fresh Release build without sanitizers, with the C compiler of the build
# that holds <cwasm-binary>), then:
#   - the install layout, the shared library (SONAME, only cwasm_* exported,
#     exactly the CWASM_API functions of the headers, libc only) and the
#     static library (no internal symbol visible);
#   - out-of-tree consumers built three ways: the CMake package
#     (find_package(cwasm), static, shared, version checks), pkg-config
#     (shared and static) and add_subdirectory (as FetchContent does), each run;
#   - the loader example of the installed docs built with the command line its
#     comment gives and run; its Wasmtime half compiled (not linked) against
#     tests/install/fake-wasmtime;
#   - the man page, and tests/install/docs_check.py: the installed cwasm's JSON
#     output against the installed JSON schemas, the error-code table, header
#     doc comments, the docs' code excerpts, the changelog entry.
# Prints one line per check and "N passed, N failed, N skipped"; exits 0 when
# nothing failed.
set -u
BIN=${1:?usage: cli_install.sh <cwasm-binary> [<shared-dir>]}
SHARED=${2:-}
SRC=$(cd "$(dirname "$0")/.." && pwd)
case $BIN in /*) ;; *) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;; esac

pass=0
fail=0
skip=0
ok() { echo "PASS: $1"; pass=$((pass + 1)); }
ko() { echo "FAIL: $1"; fail=$((fail + 1)); }
skipped() { echo "SKIP: $1"; skip=$((skip + 1)); }
check() { # DESCRIPTION COMMAND...: passes when COMMAND succeeds (its output goes to $LOG)
  local desc=$1
  shift
  if "$@" >"$LOG" 2>&1; then ok "$desc"; else
    ko "$desc"
    sed 's/^/    | /' "$LOG" | tail -n 25
  fi
}
finish() {
  echo "$pass passed, $fail failed, $skip skipped"
  [ "$fail" -eq 0 ]
  exit
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cwasm-install.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
LOG=$TMP/log
PREFIX=$TMP/prefix
JOBS=$(nproc 2>/dev/null || echo 2)

# The compiler of the build under test (its sanitizer flags are not taken:
# the consumers link the installed library like any program would).
CC_USED=${CC:-cc}
cache=$(dirname "$BIN")/CMakeCache.txt
if [ -f "$cache" ]; then
  c=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$cache")
  [ -n "$c" ] && CC_USED=$c
fi
echo "compiler: $CC_USED"
WARN=(-std=c11 -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Wstrict-prototypes
      -Wmissing-prototypes -Wvla -Wformat=2 -Werror)

# Version, SONAME and exported API as the source headers define them.
hdr=$SRC/lib/include/cwasm/cwasm.h
MAJOR=$(sed -n 's/^#define CWASM_VERSION_MAJOR \([0-9]*\).*/\1/p' "$hdr")
MINOR=$(sed -n 's/^#define CWASM_VERSION_MINOR \([0-9]*\).*/\1/p' "$hdr")
VERSION=$(sed -n 's/^#define CWASM_VERSION_STRING "\(.*\)".*/\1/p' "$hdr")
if [ "$MAJOR" = 0 ]; then SOVER=$MAJOR.$MINOR; else SOVER=$MAJOR; fi
echo "version: $VERSION, SONAME libcwasm.so.$SOVER"

# ------------------------------------------------------ build and install
# Configured for one prefix, installed into another (--prefix): the CMake
# package and cwasm.pc must name the one installed into.
if ! cmake -S "$SRC" -B "$TMP/build" -DCMAKE_C_COMPILER="$CC_USED" -DCMAKE_BUILD_TYPE=Release \
  -DCWASM_BUILD_TESTS=OFF -DCWASM_BUILD_TOOLS=OFF -DCWASM_BUILD_FUZZ=OFF \
  -DCMAKE_INSTALL_PREFIX="$TMP/configured-prefix" >"$LOG" 2>&1; then
  ko "configure"; tail -n 30 "$LOG"; finish
fi
ok "configure (library and CLI only)"
if ! cmake --build "$TMP/build" -j"$JOBS" >"$LOG" 2>&1; then
  ko "build"; tail -n 30 "$LOG"; finish
fi
ok "build"
if ! cmake --install "$TMP/build" --prefix "$PREFIX" >"$LOG" 2>&1; then
  ko "cmake --install --prefix"; tail -n 30 "$LOG"; finish
fi
ok "cmake --install --prefix"
check "DESTDIR staging keeps the configured prefix in cwasm.pc" bash -c '
  DESTDIR="$1/stage" cmake --install "$1/build" --component Development >/dev/null &&
  grep -qx "prefix=$1/configured-prefix" "$1/stage$1/configured-prefix/lib/pkgconfig/cwasm.pc"' _ "$TMP"

# ------------------------------------------------------------------ layout
LIBDIR=$PREFIX/lib
[ -d "$LIBDIR" ] || LIBDIR=$(dirname "$(find "$PREFIX" -name libcwasm.a | head -n1)")
for f in include/cwasm/cwasm.h include/cwasm/host.h include/cwasm/policy.h include/cwasm/errors.def \
  bin/cwasm share/man/man1/cwasm.1 \
  share/doc/cwasm/README.md share/doc/cwasm/SECURITY.md share/doc/cwasm/CHANGELOG.md \
  share/doc/cwasm/docs/README.md share/doc/cwasm/docs/api.md share/doc/cwasm/docs/errors.md \
  share/doc/cwasm/docs/json.md share/doc/cwasm/docs/releases.md \
  share/doc/cwasm/docs/examples/loader.c share/doc/cwasm/docs/schemas/inspect.schema.json \
  share/doc/cwasm/docs/schemas/check.schema.json share/doc/cwasm/docs/schemas/probe.schema.json; do
  if [ -f "$PREFIX/$f" ]; then ok "installed $f"; else ko "installed $f"; fi
done
for f in libcwasm.a libcwasm.so "libcwasm.so.$SOVER" "libcwasm.so.$VERSION" pkgconfig/cwasm.pc \
  cmake/cwasm/cwasmConfig.cmake cmake/cwasm/cwasmConfigVersion.cmake cmake/cwasm/cwasmTargets.cmake; do
  if [ -e "$LIBDIR/$f" ]; then ok "installed lib/$f"; else ko "installed lib/$f"; fi
done
if [ "$(readlink "$LIBDIR/libcwasm.so")" = "libcwasm.so.$SOVER" ] &&
  [ "$(readlink "$LIBDIR/libcwasm.so.$SOVER")" = "libcwasm.so.$VERSION" ]; then
  ok "libcwasm.so -> libcwasm.so.$SOVER -> libcwasm.so.$VERSION"
else ko "shared library symlinks"; fi
if cmp -s "$PREFIX/share/doc/cwasm/README.md" "$SRC/README.md" &&
  cmp -s "$PREFIX/share/doc/cwasm/docs/README.md" "$SRC/docs/README.md"; then
  ok "share/doc/cwasm mirrors the repository (README.md, docs/README.md): relative links work"
else ko "share/doc/cwasm/README.md is not the project README"; fi
if "$PREFIX/bin/cwasm" --version | grep -q "^cwasm $VERSION "; then ok "installed cwasm --version says $VERSION"
else ko "installed cwasm --version"; fi

# ----------------------------------------------------- the libraries' symbols
SO=$LIBDIR/libcwasm.so.$VERSION
if command -v readelf >/dev/null 2>&1 && command -v nm >/dev/null 2>&1; then
  soname=$(readelf -d "$SO" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  if [ "$soname" = "libcwasm.so.$SOVER" ]; then ok "SONAME libcwasm.so.$SOVER"; else ko "SONAME is '$soname'"; fi
  needed=$(readelf -d "$SO" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v '^libc\.so\.' | grep -v '^libpthread\.so\.' | tr '\n' ' ')
  if [ -z "$needed" ]; then ok "libcwasm.so needs only libc"; else ko "libcwasm.so also needs: $needed"; fi
  nm -D --defined-only "$SO" | awk '{print $NF}' | sort -u >"$TMP/exported"
  if grep -v '^cwasm_' "$TMP/exported" >"$TMP/stray"; then
    ko "nm -D: symbols other than cwasm_* exported: $(tr '\n' ' ' <"$TMP/stray")"
  else ok "nm -D --defined-only: only cwasm_* symbols ($(wc -l <"$TMP/exported"))"; fi
  # every CWASM_API declaration of the installed headers, and nothing else
  grep -hv '^ *#' "$PREFIX"/include/cwasm/*.h | tr '\n' ' ' | grep -o 'CWASM_API[^;(]*(' |
    sed 's/.*[^A-Za-z0-9_]\(cwasm_[A-Za-z0-9_]*\) *($/\1/' | sort -u >"$TMP/declared"
  if diff "$TMP/declared" "$TMP/exported" >"$LOG"; then ok "exports = the CWASM_API functions of the headers"
  else ko "exports differ from the CWASM_API declarations (< declared, > exported)"; sed 's/^/    | /' "$LOG"; fi
  nm -g --defined-only "$LIBDIR/libcwasm.a" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u >"$TMP/static"
  if grep -v '^cwasm_' "$TMP/static" >"$TMP/stray"; then
    ko "libcwasm.a defines global symbols other than cwasm_*: $(head -n 8 "$TMP/stray" | tr '\n' ' ')"
  else ok "libcwasm.a defines only cwasm_* global symbols"; fi
else
  skipped "symbol checks (no readelf/nm)"
fi

CORPUS=$SRC/corpus
GOOD=$CORPUS/valid/v39-aarch64-darwin-module.cwasm  # compatible with itself on any machine
OTHER=$CORPUS/valid/v38-aarch64-linux-module.cwasm
EMPTY=$CORPUS/malformed/empty.bin

# run_consumer DESCRIPTION BINARY: runs it on two artifacts and checks its lines
run_consumer() {
  local desc=$1 exe=$2
  if "$exe" "$GOOD" "$EMPTY" >"$LOG" 2>&1; then ko "$desc: exit 0 with a malformed file"; return; fi
  if grep -q "^cwasm $VERSION " "$LOG" && grep -q "v39-aarch64-darwin-module.cwasm: OK module v39 aarch64-apple-darwin" "$LOG" &&
    grep -q "empty.bin: E_INPUT_EMPTY" "$LOG"; then ok "$desc runs"
  else ko "$desc output"; sed 's/^/    | /' "$LOG"; fi
}
needs_libcwasm_so() { readelf -d "$1" 2>/dev/null | grep -q "NEEDED.*\[libcwasm\.so\.$SOVER\]"; }

# ------------------------------------------------------------- CMake package
CONSUMER=$SRC/tests/install/consumer
if cmake -S "$CONSUMER" -B "$TMP/c1" -DCMAKE_C_COMPILER="$CC_USED" -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DCWASM_WANT_VERSION="$MAJOR.$MINOR" -DLOADER_EXAMPLE="$PREFIX/share/doc/cwasm/docs/examples/loader.c" \
  "-DCMAKE_C_FLAGS=${WARN[*]}" >"$LOG" 2>&1 && cmake --build "$TMP/c1" -j"$JOBS" >>"$LOG" 2>&1; then
  ok "CMake consumer: find_package(cwasm $MAJOR.$MINOR COMPONENTS static shared) builds with -Werror"
  found=$(cat "$TMP/c1/found.txt")
  if [ "$found" = "$VERSION $PREFIX/include" ]; then ok "cwasm_VERSION and cwasm_INCLUDE_DIR"; else ko "found: $found"; fi
  run_consumer "CMake consumer (cwasm::cwasm)" "$TMP/c1/consumer"
  run_consumer "CMake consumer (cwasm::cwasm_static)" "$TMP/c1/consumer_static"
  run_consumer "CMake consumer (cwasm::cwasm_shared)" "$TMP/c1/consumer_shared"
  if needs_libcwasm_so "$TMP/c1/consumer"; then ko "cwasm::cwasm linked the shared library"
  else ok "cwasm::cwasm is the static library by default"; fi
  if needs_libcwasm_so "$TMP/c1/consumer_shared"; then ok "cwasm::cwasm_shared needs libcwasm.so.$SOVER"
  else ko "cwasm::cwasm_shared does not need libcwasm.so.$SOVER"; fi
  check "loader example (CMake) accepts an artifact against itself" "$TMP/c1/loader" --host-ref "$GOOD" "$GOOD"
else
  ko "CMake consumer configure/build"; sed 's/^/    | /' "$LOG" | tail -n 30
fi
if cmake -S "$CONSUMER" -B "$TMP/c2" -DCMAKE_C_COMPILER="$CC_USED" -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DCWASM_USE_SHARED=ON >"$LOG" 2>&1 && cmake --build "$TMP/c2" -j"$JOBS" >>"$LOG" 2>&1 &&
  needs_libcwasm_so "$TMP/c2/consumer"; then
  ok "CWASM_USE_SHARED=ON: cwasm::cwasm is the shared library"
  run_consumer "CMake consumer (CWASM_USE_SHARED)" "$TMP/c2/consumer"
else ko "CWASM_USE_SHARED=ON"; sed 's/^/    | /' "$LOG" | tail -n 20; fi
if cmake -S "$CONSUMER" -B "$TMP/c3" -DCMAKE_C_COMPILER="$CC_USED" -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DCWASM_WANT_VERSION=$((MAJOR + 1)).0 >"$LOG" 2>&1; then
  ko "find_package(cwasm $((MAJOR + 1)).0) accepted version $VERSION"
else ok "find_package(cwasm $((MAJOR + 1)).0) refuses version $VERSION"; fi
if [ "$MAJOR" = 0 ]; then
  if cmake -S "$CONSUMER" -B "$TMP/c4" -DCMAKE_C_COMPILER="$CC_USED" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCWASM_WANT_VERSION=0.$((MINOR + 1)) >"$LOG" 2>&1; then
    ko "find_package(cwasm 0.$((MINOR + 1))) accepted $VERSION (0.x: same minor only)"
  else ok "find_package(cwasm 0.$((MINOR + 1))) refuses $VERSION (0.x: same minor only)"; fi
fi

# ----------------------------------------------------------------- pkg-config
if command -v pkg-config >/dev/null 2>&1; then
  export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
  if [ "$(pkg-config --modversion cwasm 2>/dev/null)" = "$VERSION" ]; then ok "pkg-config --modversion cwasm"
  else ko "pkg-config --modversion cwasm"; fi
  read -r -a PC_CFLAGS <<<"$(pkg-config --cflags cwasm)"
  read -r -a PC_LIBS <<<"$(pkg-config --libs cwasm)"
  read -r -a PC_STATIC <<<"$(pkg-config --libs --static cwasm)"
  if [ "${PC_CFLAGS[*]}" = "-I$PREFIX/include" ]; then ok "pkg-config --cflags names the install prefix"
  else ko "pkg-config --cflags: ${PC_CFLAGS[*]}"; fi
  check "pkg-config consumer (shared) builds with -Werror" "$CC_USED" "${WARN[@]}" "${PC_CFLAGS[@]}" \
    "$CONSUMER/consumer.c" "${PC_LIBS[@]}" "-Wl,-rpath,$LIBDIR" -o "$TMP/pc-shared"
  if [ -x "$TMP/pc-shared" ]; then
    run_consumer "pkg-config consumer (shared)" "$TMP/pc-shared"
    if needs_libcwasm_so "$TMP/pc-shared"; then ok "pkg-config consumer needs libcwasm.so.$SOVER"
    else ko "pkg-config consumer does not need libcwasm.so.$SOVER"; fi
  fi
  check "pkg-config consumer (static, --static) builds" "$CC_USED" "${WARN[@]}" "${PC_CFLAGS[@]}" \
    "$CONSUMER/consumer.c" -Wl,-Bstatic "${PC_STATIC[@]}" -Wl,-Bdynamic -o "$TMP/pc-static"
  if [ -x "$TMP/pc-static" ]; then
    run_consumer "pkg-config consumer (static)" "$TMP/pc-static"
    if needs_libcwasm_so "$TMP/pc-static"; then ko "static consumer needs libcwasm.so"
    else ok "static consumer does not need libcwasm.so"; fi
  fi

  # The loader example, built exactly as its comment says.
  EX=$PREFIX/share/doc/cwasm/docs/examples/loader.c
  check "loader example builds: cc -std=c11 loader.c \$(pkg-config --cflags --libs cwasm)" \
    "$CC_USED" "${WARN[@]}" "$EX" "${PC_CFLAGS[@]}" "${PC_LIBS[@]}" "-Wl,-rpath,$LIBDIR" -o "$TMP/loader"
  if [ -x "$TMP/loader" ]; then
    "$TMP/loader" --host-ref "$GOOD" "$GOOD" >"$LOG" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q ": loaded$" "$LOG"; then ok "loader: an artifact against its own host loads (exit 0)"
    else ko "loader: self-check exit $rc"; sed 's/^/    | /' "$LOG"; fi
    "$TMP/loader" --host-ref "$GOOD" "$GOOD" "$EMPTY" "$OTHER" >"$LOG" 2>&1
    rc=$?
    if [ $rc -eq 1 ] && grep -q "empty.bin: rejected: E_INPUT_EMPTY" "$LOG" &&
      grep -q "v38-aarch64-linux-module.cwasm: rejected: " "$LOG" && grep -q "^  F_VERSION " "$LOG" &&
      [ "$(grep -c ': loaded$' "$LOG")" = 1 ]; then
      ok "loader: malformed and incompatible artifacts are rejected with their reasons (exit 1)"
    else ko "loader: rejections (exit $rc)"; sed 's/^/    | /' "$LOG"; fi
    "$TMP/loader" "$EMPTY" >"$LOG" 2>&1
    rc=$?
    if [ $rc -eq 1 ] && grep -q "rejected: E_INPUT_EMPTY" "$LOG"; then ok "loader: built-in host of this machine"
    else ko "loader: built-in host (exit $rc)"; sed 's/^/    | /' "$LOG"; fi
  fi
  # docs/releases.md is the library's release table
  if "$CC_USED" "${WARN[@]}" "${PC_CFLAGS[@]}" "$SRC/tests/install/releases.c" "${PC_LIBS[@]}" \
    "-Wl,-rpath,$LIBDIR" -o "$TMP/releases" >"$LOG" 2>&1 && "$TMP/releases" >"$TMP/releases.out"; then
    if grep '^| [0-9]' "$PREFIX/share/doc/cwasm/docs/releases.md" | diff - "$TMP/releases.out" >"$LOG"; then
      ok "releases.md matches the installed library's release table ($(wc -l <"$TMP/releases.out") releases)"
    else ko "releases.md differs from cwasm_release_get (< doc, > library)"; sed 's/^/    | /' "$LOG" | head; fi
  else ko "releases.c"; sed 's/^/    | /' "$LOG" | tail; fi
  check "loader example with -DHAVE_WASMTIME compiles (not linked) against Wasmtime's C API declarations" \
    "$CC_USED" "${WARN[@]}" -DHAVE_WASMTIME -I"$SRC/tests/install/fake-wasmtime" "${PC_CFLAGS[@]}" \
    -c "$EX" -o "$TMP/loader-wasmtime.o"
  if [ -f "$TMP/loader-wasmtime.o" ]; then
    und=$(nm -u "$TMP/loader-wasmtime.o" | awk '{print $NF}' | grep -E '^(wasmtime|wasm)_' | sort | tr '\n' ' ')
    want="wasm_byte_vec_delete wasm_engine_delete wasm_engine_new wasmtime_error_delete wasmtime_error_message wasmtime_module_delete wasmtime_module_deserialize wasmtime_module_new wasmtime_module_serialize "
    if [ "$und" = "$want" ]; then ok "HAVE_WASMTIME half calls Wasmtime (deserialize, and new + serialize for the reference)"
    else ko "HAVE_WASMTIME half calls: $und"; fi
  fi
else
  skipped "pkg-config consumers (no pkg-config)"
fi

# ------------------------------------------- add_subdirectory / FetchContent
if cmake -S "$SRC/tests/install/subproject" -B "$TMP/sub" -DCMAKE_C_COMPILER="$CC_USED" \
  -DCWASM_SOURCE_DIR="$SRC" >"$LOG" 2>&1 && cmake --build "$TMP/sub" -j"$JOBS" >>"$LOG" 2>&1; then
  ok "add_subdirectory consumer builds only the library (no tests, tools, CLI, fuzz)"
  run_consumer "add_subdirectory consumer (cwasm::cwasm)" "$TMP/sub/consumer"
  run_consumer "add_subdirectory consumer (cwasm::cwasm_shared)" "$TMP/sub/consumer_shared"
else ko "add_subdirectory consumer"; sed 's/^/    | /' "$LOG" | tail -n 30; fi

# ------------------------------------------------ the installed command's interface
C=$PREFIX/bin/cwasm
T=$TMP/tree
mkdir -p "$T/b-dir/sub" "$T/a-dir"
cp "$GOOD" "$T/b-dir/z.cwasm"
cp "$OTHER" "$T/b-dir/sub/m.cwasm"
cp "$EMPTY" "$T/a-dir/empty.bin"
cp "$GOOD" "$T/b-dir/a.cwasm"
ln -s "$GOOD" "$T/b-dir/link.cwasm"
ln -s "$T" "$T/b-dir/loop"
for cmd in inspect check probe help; do
  if "$C" "$cmd" --help >"$LOG" 2>&1 && grep -q "usage: cwasm $cmd" "$LOG"; then ok "cwasm $cmd --help"
  else ko "cwasm $cmd --help"; fi
  if "$C" "$cmd" --version >"$LOG" 2>&1 && grep -q "^cwasm $VERSION (Wasmtime releases [0-9]*-[0-9]*" "$LOG"; then
    ok "cwasm $cmd --version"
  else ko "cwasm $cmd --version: $(head -n1 "$LOG")"; fi
done
expect() { # WANT-RC DESCRIPTION ARGS...: exit status of the installed cwasm; stdout in $TMP/o, stderr in $TMP/e
  local want=$1 desc=$2 rc
  shift 2
  "$C" "$@" >"$TMP/o" 2>"$TMP/e"
  rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$desc (exit $rc)"; else ko "$desc: exit $rc, want $want"; fi
}
has() { if grep -q -- "$2" "$TMP/$1"; then ok "$3"; else ko "$3: no '$2' in std${1/o/out}"; sed 's/^/    | /' "$TMP/$1" | head -n 5; fi; }
hasnt() { if grep -q -- "$2" "$TMP/$1"; then ko "$3: '$2' in std${1/o/out}"; else ok "$3"; fi; }
for cmd in inspect check; do
  expect 2 "$cmd --quiet on a malformed file" "$cmd" --quiet "$EMPTY"
  if [ -s "$TMP/o" ]; then ko "$cmd --quiet printed on stdout"; else ok "$cmd --quiet: nothing on stdout"; fi
  has e "empty.bin: E_INPUT_EMPTY" "$cmd --quiet: the diagnostic names the file on stderr"
  expect 66 "$cmd on a directory without -r" "$cmd" "$T"
  has e "is a directory (-r reads the files under it)" "$cmd: a directory operand suggests -r"
done
expect 0 "probe -q" probe -q
if [ -s "$TMP/o" ]; then ko "probe -q printed on stdout"; else ok "probe -q: nothing on stdout"; fi
expect 64 "probe -r is not an option" probe -r

expect 2 "inspect two files" inspect "$GOOD" "$EMPTY"
has o "^summary: 2 files: 1 ok, 1 malformed (E_INPUT_EMPTY 1), 0 unreadable$" "inspect: summary line counts by status"
expect 1 "check one file" check --host-ref "$GOOD" "$OTHER"
hasnt o "^summary:" "check: no summary for a single file"
expect 66 "check -r, files and a missing file" check --host-ref "$GOOD" -r "$T" "$EMPTY" "$TMP/missing"
has o "^summary: 6 files: 2 compatible, 1 incompatible, 2 malformed (E_INPUT_EMPTY 2), 1 unreadable$" \
  "check -r: summary line (compatible, incompatible, malformed by code, unreadable)"
"$C" check --json --host-ref "$GOOD" -r "$T/b-dir" "$T/a-dir" >"$TMP/o" 2>/dev/null
order=$(sed -n 's/^{"file":"\([^"]*\)".*/\1/p' "$TMP/o" | sed "s|^$T/||" | tr '\n' ' ')
if [ "$order" = "b-dir/a.cwasm b-dir/sub/m.cwasm b-dir/z.cwasm a-dir/empty.bin " ]; then
  ok "-r: each directory's regular files in byte order of their paths, operands in the order given, links not followed"
else ko "-r order: $order"; fi
"$C" check --host-ref "$GOOD" -r "$T" >"$TMP/o1" 2>&1
"$C" check --host-ref "$GOOD" -r "$T" >"$TMP/o2" 2>&1
if cmp -s "$TMP/o1" "$TMP/o2"; then ok "-r: output is the same on every run"; else ko "-r: output differs between runs"; fi
if [ "$(id -u)" != 0 ]; then
  mkdir "$T/locked" && chmod 000 "$T/locked"
  expect 66 "check -r with an unreadable directory" check --host-ref "$GOOD" -r "$T"
  has e "locked: Permission denied" "-r: an unreadable directory is reported"
  chmod 700 "$T/locked"
else
  skipped "unreadable directory under -r (running as root)"
fi

expect 1 "check --color=always" check --color=always --host-ref "$GOOD" "$OTHER"
if grep -q $'\033\[' "$TMP/o"; then ok "--color=always colours"; else ko "--color=always: no escape sequence"; fi
expect 1 "check, stdout not a terminal" check --host-ref "$GOOD" "$OTHER"
if grep -q $'\033' "$TMP/o"; then ko "colour on a pipe"; else ok "no colour when stdout is not a terminal"; fi
expect 1 "check --json --color=always" check --json --color=always --host-ref "$GOOD" "$OTHER"
if grep -q $'\033' "$TMP/o"; then ko "colour in JSON"; else ok "JSON is never coloured"; fi
expect 64 "--color=sometimes" check --color=sometimes "$GOOD"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
  TERM=xterm script -qec "'$C' check --host-ref '$GOOD' '$OTHER'" /dev/null >"$TMP/o" 2>&1
  if grep -q $'\033\[' "$TMP/o"; then ok "colour on a terminal (script(1) pty)"; else ko "no colour on a terminal"; fi
  NO_COLOR=1 TERM=xterm script -qec "'$C' check --host-ref '$GOOD' '$OTHER'" /dev/null >"$TMP/o" 2>&1
  if grep -q $'\033\[' "$TMP/o"; then ko "colour despite NO_COLOR"; else ok "NO_COLOR turns colour off on a terminal"; fi
else
  skipped "colour on a terminal (no script(1))"
fi

expect 2 "check --progress" check --progress --host-ref "$GOOD" -r "$T/a-dir" "$T/b-dir"
has e "cwasm check: 4/4 files (100%)" "--progress: a progress line on stderr"
expect 2 "inspect -r with stderr not a terminal" inspect -r "$T"
hasnt e "files (" "no progress line when stderr is not a terminal"
expect 2 "check --no-progress --progress" check --progress --no-progress -r "$T"
hasnt e "files (" "--no-progress wins when last"

# ------------------------------------------------------------------ man page
MAN=$PREFIX/share/man/man1/cwasm.1
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww -z "$MAN" >"$LOG" 2>&1
  if [ ! -s "$LOG" ]; then ok "man page renders without warnings (groff -ww)"
  else ko "man page warnings"; sed 's/^/    | /' "$LOG" | head; fi
  for cmd in inspect check probe; do
    if groff -man -Tascii "$MAN" 2>/dev/null | sed "s/.\x08//g" | grep -q "cwasm $cmd"; then ok "man page documents $cmd"
    else ko "man page does not document $cmd"; fi
  done
else
  skipped "man page rendering (no groff)"
fi

# ------------------------------------------------------------------- docs
if command -v python3 >/dev/null 2>&1; then
  python3 "$SRC/tests/install/docs_check.py" "$PREFIX" "$SRC" >"$LOG" 2>&1
  rc=$?
  grep -E '^(PASS|FAIL|SKIP)' "$LOG"
  p=$(grep -c '^PASS' "$LOG")
  f=$(grep -c '^FAIL' "$LOG")
  s=$(grep -c '^SKIP' "$LOG")
  pass=$((pass + p))
  fail=$((fail + f))
  skip=$((skip + s))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then ko "docs_check.py exit $rc"; tail -n 20 "$LOG"; fi
else
  skipped "docs checks (no python3)"
fi

finish
