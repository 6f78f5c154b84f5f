/*
 * Host CPU probe, s390x and riscv64 (what Wasmtime itself does, spec §6.4):
 *   s390x v3-v35: AT_HWCAP bit 15 (HWCAP_S390_VXRS_EXT2) answers both
 *     "vxrs_ext2" and "mie2" (Linux only);
 *   s390x v36+: STORE FACILITY LIST EXTENDED, facility bits counted from the
 *     most significant bit of the first doubleword (any OS);
 *   riscv64: every feature reported present.
 */
#if defined(__s390x__) && defined(__linux__)
#define _DEFAULT_SOURCE 1 /* getauxval */
#include <sys/auxv.h>
#define HOST_S390X_HWCAP 1
#else
#define HOST_S390X_HWCAP 0
#endif

#if defined(__s390x__) && (defined(__GNUC__) || defined(__clang__))
#define HOST_S390X_STFLE 1
#else
#define HOST_S390X_STFLE 0
#endif

#include "host_impl.h"

#define HWCAP_S390_VXRS_EXT2_BIT 15

#define STFLE_MIE3 61
#define STFLE_MIE4 84
#define STFLE_VXRS_EXT2 148
#define STFLE_VXRS_EXT3 198
#define STFLE_DWORDS 4 /* facilities 0..255: enough for bit 198 */

void host_from_hwcap_s390x(uint64_t hwcap, cwasm_host_cpu *out) {
  host_reset(out, CWASM_ARCH_S390X);
  host_answer(out, CWASM_CPU_MIE2, ((hwcap >> HWCAP_S390_VXRS_EXT2_BIT) & 1u) != 0);
}

static bool facility(const uint64_t *dwords, size_t n, unsigned b) {
  if (!dwords || b / 64 >= n) return false;
  return ((dwords[b / 64] >> (63 - b % 64)) & 1u) != 0;
}

void cwasm_host_cpu_from_s390x_stfle(const uint64_t *dwords, size_t n, cwasm_host_cpu *out) {
  if (!out) return;
  host_reset(out, CWASM_ARCH_S390X);
  host_answer(out, CWASM_CPU_MIE3, facility(dwords, n, STFLE_MIE3));
  host_answer(out, CWASM_CPU_MIE4, facility(dwords, n, STFLE_MIE4));
  host_answer(out, CWASM_CPU_VXRS_EXT2, facility(dwords, n, STFLE_VXRS_EXT2));
  host_answer(out, CWASM_CPU_VXRS_EXT3, facility(dwords, n, STFLE_VXRS_EXT3));
}

#if HOST_S390X_STFLE

/* STFLE stores up to r0+1 doublewords; every z/Architecture level Wasmtime
 * and LLVM support (z10+) has the instruction. */
static void stfle(uint64_t fac[STFLE_DWORDS]) {
  register unsigned long r0 __asm__("0") = STFLE_DWORDS - 1;
  __asm__ __volatile__(".insn s,0xb2b00000,0(%1)" : "+d"(r0) : "a"(fac) : "memory", "cc");
}

bool host_detect_s390x(cwasm_host_cpu *out) {
  uint64_t fac[STFLE_DWORDS] = {0};
  stfle(fac);
  cwasm_host_cpu_from_s390x_stfle(fac, STFLE_DWORDS, out);
#if HOST_S390X_HWCAP
  cwasm_host_cpu hw;
  host_from_hwcap_s390x((uint64_t)getauxval(AT_HWCAP), &hw);
  out->known |= hw.known;
  out->present |= hw.present;
#endif
  return true;
}

#else

bool host_detect_s390x(cwasm_host_cpu *out) {
  (void)out;
  return false;
}

#endif

bool host_detect_riscv64(cwasm_host_cpu *out) {
#if defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 64
  host_reset(out, CWASM_ARCH_RISCV64);
  out->all_present = 1;
  return true;
#else
  (void)out;
  return false;
#endif
}
