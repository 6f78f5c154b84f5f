# Shared part of the Debian cross toolchain files (aarch64-linux-gnu.cmake,
# s390x-linux-gnu.cmake). The including file sets CWASM_CROSS_TRIPLE,
# CWASM_CROSS_PROCESSOR and CWASM_CROSS_QEMU, then includes this file.
#
# What it expects on the build machine (Debian 12, see scripts/test-cross.sh):
#   gcc-<triple>                       the cross compiler (<triple>-gcc)
#   libcmocka-dev:<arch>               the target's cmocka, via multiarch
#                                      (dpkg --add-architecture <arch>), which
#                                      also brings libc6:<arch> into / ...
#   qemu-user                          ... where qemu-<cpu> finds the target's
#                                      dynamic loader, libc and libcmocka.
#
# Libraries: Debian multiarch, not a sysroot. The target's libraries live in
# /usr/lib/<triple> and its headers in /usr/include (cmocka.h is arch
# independent), so no CMAKE_SYSROOT / CMAKE_FIND_ROOT_PATH; instead pkg-config
# is pointed at the target's .pc files only, so a library installed for the
# build machine alone (libelf for tools/ and fuzz_elf_differential) is "not
# found" rather than linked into a foreign binary.
#
# Running: CTest runs every test executable through CMAKE_CROSSCOMPILING_EMULATOR,
# `qemu-<cpu> -L <prefix>`. The prefix is / (CWASM_QEMU_LD_PREFIX), not
# /usr/<triple>: with -L /usr/<triple> qemu loads the dynamic loader of the
# cross libc (libc6-<arch>-cross, 2.36-8cross1) but, through /etc/ld.so.cache,
# libc.so.6 of the multiarch libc6:<arch> (2.36-9+deb12u*) that libcmocka pulled
# in; a mismatched ld.so/libc.so pair is unsupported by glibc and on s390x every
# test aborts at exit with "*** stack smashing detected ***". With / both come
# from the same libc6:<arch>. Binaries linked against the older cross libc run
# on the newer one.

if(NOT CWASM_CROSS_TRIPLE OR NOT CWASM_CROSS_PROCESSOR OR NOT CWASM_CROSS_QEMU)
  message(FATAL_ERROR "include debian-cross.cmake from a per-target toolchain file")
endif()

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${CWASM_CROSS_PROCESSOR})
set(CMAKE_C_COMPILER ${CWASM_CROSS_TRIPLE}-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE ${CWASM_CROSS_TRIPLE})

# pkg-config: the target's multiarch directory and arch-independent .pc files
# only (PKG_CONFIG_LIBDIR replaces the default search path). Set in the
# environment of every configure run, re-runs during a build included.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${CWASM_CROSS_TRIPLE}/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# Programs (pkg-config, bash, python3) are the build machine's; libraries and
# headers the target's (multiarch paths, found through CMAKE_LIBRARY_ARCHITECTURE).
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

set(CWASM_QEMU_LD_PREFIX "/" CACHE PATH
    "qemu-user -L prefix: where the target's ld.so, libc and libcmocka are (multiarch: /)")
find_program(CWASM_QEMU_${CWASM_CROSS_PROCESSOR} NAMES ${CWASM_CROSS_QEMU}
             PATHS /usr/bin NO_CMAKE_FIND_ROOT_PATH)
if(NOT CWASM_QEMU_${CWASM_CROSS_PROCESSOR})
  message(FATAL_ERROR "${CWASM_CROSS_QEMU} not found (Debian package qemu-user)")
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR
    "${CWASM_QEMU_${CWASM_CROSS_PROCESSOR}};-L;${CWASM_QEMU_LD_PREFIX}")
