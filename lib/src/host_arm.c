/*
 * Host CPU probe, aarch64: Linux AT_HWCAP/AT_HWCAP2 decoded as Rust's
 * std_detect does (`is_aarch64_feature_detected!`,
 * std_detect/src/detect/os/linux/aarch64.rs; bit numbers from the kernel's
 * arch/arm64/include/uapi/asm/hwcap.h).
 */
#if defined(__aarch64__) && defined(__linux__)
#define _DEFAULT_SOURCE 1 /* getauxval */
#define HOST_ARM_LIVE 1
#include <sys/auxv.h>
#else
#define HOST_ARM_LIVE 0
#endif

#include "host_impl.h"

#define HWCAP_FP_BIT 0
#define HWCAP_ATOMICS_BIT 8  /* lse */
#define HWCAP_FPHP_BIT 9
#define HWCAP_ASIMDDP_BIT 20 /* dotprod */
#define HWCAP_PACA_BIT 30
#define HWCAP2_I8MM_BIT 13

static bool bit64(uint64_t r, unsigned b) { return ((r >> b) & 1u) != 0; }

void host_from_hwcap_aarch64(uint64_t hwcap, uint64_t hwcap2, cwasm_host_cpu *out) {
  host_reset(out, CWASM_ARCH_AARCH64);
  host_answer(out, CWASM_CPU_LSE, bit64(hwcap, HWCAP_ATOMICS_BIT));
  host_answer(out, CWASM_CPU_PACA, bit64(hwcap, HWCAP_PACA_BIT));
  /* Rust: half-precision float needs float too (fp && fphp); asimdhp is not
   * consulted for "fp16". */
  host_answer(out, CWASM_CPU_FP16, bit64(hwcap, HWCAP_FP_BIT) && bit64(hwcap, HWCAP_FPHP_BIT));
  host_answer(out, CWASM_CPU_DOTPROD, bit64(hwcap, HWCAP_ASIMDDP_BIT));
  host_answer(out, CWASM_CPU_I8MM, bit64(hwcap2, HWCAP2_I8MM_BIT));
}

#if HOST_ARM_LIVE

#ifndef AT_HWCAP2
#define AT_HWCAP2 26
#endif

bool host_detect_aarch64(cwasm_host_cpu *out) {
  host_from_hwcap_aarch64((uint64_t)getauxval(AT_HWCAP), (uint64_t)getauxval(AT_HWCAP2), out);
  return true;
}

#else

bool host_detect_aarch64(cwasm_host_cpu *out) {
  (void)out;
  return false;
}

#endif
