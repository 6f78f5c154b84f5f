/* Internals of the host CPU probe, shared by host.c and its per-arch files. */
#ifndef CWASM_HOST_IMPL_H
#define CWASM_HOST_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "cwasm/host.h"

/* host.c: an empty answer for `arch` (nothing known). */
void host_reset(cwasm_host_cpu *out, cwasm_arch arch);
/* host.c: record a definite answer for f. */
void host_answer(cwasm_host_cpu *out, cwasm_cpu_feature f, bool present);

/* host_arm.c / host_other.c: the pure AT_HWCAP decoders behind
 * cwasm_host_cpu_from_hwcap. */
void host_from_hwcap_aarch64(uint64_t hwcap, uint64_t hwcap2, cwasm_host_cpu *out);
void host_from_hwcap_s390x(uint64_t hwcap, cwasm_host_cpu *out);

/* host_x86.c: the CPUID leaves Rust's detection reads, through the given
 * CPUID and XGETBV(0) (the instructions, or a test's stand-ins). */
typedef void (*host_cpuid_fn)(uint32_t leaf, uint32_t sub, uint32_t r[4]);
typedef uint64_t (*host_xgetbv_fn)(void);
void host_x86_read(host_cpuid_fn cpuid, host_xgetbv_fn xgetbv, cwasm_x86_cpuid *regs);

/*
 * The live probe of one architecture, compiled to a real body only on that
 * architecture: returns true and fills *out when this build runs there,
 * false (out untouched) otherwise.
 */
bool host_detect_x86(cwasm_host_cpu *out);     /* host_x86.c */
bool host_detect_aarch64(cwasm_host_cpu *out); /* host_arm.c */
bool host_detect_s390x(cwasm_host_cpu *out);   /* host_other.c */
bool host_detect_riscv64(cwasm_host_cpu *out); /* host_other.c */

#endif
