# Cross build for 64-bit Arm Linux (little-endian) with Debian's
# gcc-aarch64-linux-gnu; tests run under qemu-aarch64. See debian-cross.cmake.
set(CWASM_CROSS_TRIPLE aarch64-linux-gnu)
set(CWASM_CROSS_PROCESSOR aarch64)
set(CWASM_CROSS_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
