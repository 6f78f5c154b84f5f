# Cross build for IBM Z Linux (64-bit, big-endian) with Debian's
# gcc-s390x-linux-gnu; tests run under qemu-s390x. See debian-cross.cmake.
set(CWASM_CROSS_TRIPLE s390x-linux-gnu)
set(CWASM_CROSS_PROCESSOR s390x)
set(CWASM_CROSS_QEMU qemu-s390x)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
