/*
 * Host CPU probe, x86_64: decoding CPUID/XGETBV as Rust's std_detect does
 * (`is_x86_feature_detected!`, std_detect/src/detect/os/x86.rs), and reading
 * the registers on an x86_64 build.
 */
#include <string.h>

#include "host_impl.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HOST_X86_LIVE 1
#include <cpuid.h>
#else
#define HOST_X86_LIVE 0
#endif

/* CPUID(1).ecx */
#define L1C_SSE3 0
#define L1C_SSSE3 9
#define L1C_FMA 12
#define L1C_CX16 13
#define L1C_SSE41 19
#define L1C_SSE42 20
#define L1C_POPCNT 23
#define L1C_XSAVE 26
#define L1C_OSXSAVE 27
#define L1C_AVX 28
#define L1C_F16C 29
/* CPUID(7,0).ebx */
#define L7B_BMI1 3
#define L7B_AVX2 5
#define L7B_BMI2 8
#define L7B_AVX512F 16
#define L7B_AVX512DQ 17
#define L7B_AVX512VL 31
/* CPUID(7,0).ecx */
#define L7C_AVX512VBMI 1
#define L7C_AVX512VNNI 11
#define L7C_AVX512BITALG 12
/* CPUID(7,1).eax */
#define L71A_AVXVNNI 4
/* CPUID(0x80000001).ecx: ABM on AMD, LZCNT on Intel */
#define E1C_LZCNT 5
/* XCR0 state components */
#define XCR0_SSE_AVX 0x6u    /* bits 1 (SSE) and 2 (AVX/YMM) */
#define XCR0_AVX512 0xe0u    /* bits 5 (opmask), 6 (ZMM_Hi256), 7 (Hi16_ZMM) */

static bool bit(uint32_t r, unsigned b) { return ((r >> b) & 1u) != 0; }

void cwasm_host_cpu_from_x86(const cwasm_x86_cpuid *regs, cwasm_host_cpu *out) {
  if (!out) return;
  host_reset(out, CWASM_ARCH_X86_64);
  /* Every x86 feature string gets a definite answer, false by default. */
  for (unsigned f = 0; f < (unsigned)CWASM_CPU__COUNT; f++)
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) == CWASM_ARCH_X86_64)
      host_answer(out, (cwasm_cpu_feature)f, false);
  if (!regs || regs->max_leaf < 1) return; /* no CPUID(1): Rust reports nothing */

  const uint32_t c1 = regs->leaf1_ecx;
  /* Rust reads leaf 7 (both sub-leaves) only when max_leaf >= 7. */
  const bool has7 = regs->max_leaf >= 7;
  const uint32_t b7 = has7 ? regs->leaf7_ebx : 0;
  const uint32_t c7 = has7 ? regs->leaf7_ecx : 0;
  const uint32_t a71 = has7 ? regs->leaf7_1_eax : 0;
  /* Rust compares the extended maximum with 1, not 0x80000001: kept as is. */
  const uint32_t e1 = regs->max_ext_leaf >= 1 ? regs->ext1_ecx : 0;

  host_answer(out, CWASM_CPU_SSE3, bit(c1, L1C_SSE3));
  host_answer(out, CWASM_CPU_SSSE3, bit(c1, L1C_SSSE3));
  host_answer(out, CWASM_CPU_CMPXCHG16B, bit(c1, L1C_CX16));
  host_answer(out, CWASM_CPU_SSE4_1, bit(c1, L1C_SSE41));
  host_answer(out, CWASM_CPU_SSE4_2, bit(c1, L1C_SSE42));
  host_answer(out, CWASM_CPU_POPCNT, bit(c1, L1C_POPCNT));
  host_answer(out, CWASM_CPU_BMI1, bit(b7, L7B_BMI1));
  host_answer(out, CWASM_CPU_BMI2, bit(b7, L7B_BMI2));
  host_answer(out, CWASM_CPU_LZCNT, bit(e1, E1C_LZCNT));

  /* XCR0 exists only if the CPU has XSAVE and the OS enabled it (OSXSAVE). */
  if (bit(c1, L1C_XSAVE) && bit(c1, L1C_OSXSAVE)) {
    const uint64_t xcr0 = regs->xcr0;
    const bool os_avx = (xcr0 & XCR0_SSE_AVX) == XCR0_SSE_AVX;
    const bool os_avx512 = (xcr0 & XCR0_AVX512) == XCR0_AVX512;
    if (os_avx) {
      host_answer(out, CWASM_CPU_FMA, bit(c1, L1C_FMA));
      host_answer(out, CWASM_CPU_AVX, bit(c1, L1C_AVX));
      host_answer(out, CWASM_CPU_AVX2, bit(b7, L7B_AVX2));
      host_answer(out, CWASM_CPU_AVXVNNI, bit(a71, L71A_AVXVNNI));
      /* Rust makes avx512f imply fma and f16c, so it demands both. */
      if (os_avx512 && bit(c1, L1C_F16C) && bit(c1, L1C_FMA)) {
        host_answer(out, CWASM_CPU_AVX512F, bit(b7, L7B_AVX512F));
        host_answer(out, CWASM_CPU_AVX512DQ, bit(b7, L7B_AVX512DQ));
        host_answer(out, CWASM_CPU_AVX512VL, bit(b7, L7B_AVX512VL));
        host_answer(out, CWASM_CPU_AVX512VBMI, bit(c7, L7C_AVX512VBMI));
        host_answer(out, CWASM_CPU_AVX512VNNI, bit(c7, L7C_AVX512VNNI));
        host_answer(out, CWASM_CPU_AVX512BITALG, bit(c7, L7C_AVX512BITALG));
      }
    }
  }

  /* Intel erratum SKL052: some chips without AVX claim BMI1/BMI2; Rust
   * distrusts BMI on any GenuineIntel part lacking (usable) AVX. */
  if (memcmp(regs->vendor, "GenuineIntel", 12) == 0 &&
      !(out->present & CWASM_CPU_BIT(CWASM_CPU_AVX))) {
    host_answer(out, CWASM_CPU_BMI1, false);
    host_answer(out, CWASM_CPU_BMI2, false);
  }
}

/*
 * Which leaves Rust reads, in its order, and what they fill. The CPUID and
 * XGETBV instructions are parameters, so that tests can play any CPU.
 */
void host_x86_read(host_cpuid_fn cpuid, host_xgetbv_fn xgetbv, cwasm_x86_cpuid *regs) {
  uint32_t r[4];
  memset(regs, 0, sizeof *regs);
  cpuid(0, 0, r);
  regs->max_leaf = r[0];
  memcpy(regs->vendor + 0, &r[1], 4); /* ebx, edx, ecx: "Genu" "ineI" "ntel" */
  memcpy(regs->vendor + 4, &r[3], 4);
  memcpy(regs->vendor + 8, &r[2], 4);
  if (regs->max_leaf < 1) return;
  cpuid(1, 0, r);
  regs->leaf1_ecx = r[2];
  regs->leaf1_edx = r[3];
  if (regs->max_leaf >= 7) {
    cpuid(7, 0, r);
    regs->leaf7_ebx = r[1];
    regs->leaf7_ecx = r[2];
    regs->leaf7_edx = r[3];
    cpuid(7, 1, r);
    regs->leaf7_1_eax = r[0];
  }
  cpuid(0x80000000u, 0, r);
  regs->max_ext_leaf = r[0];
  if (regs->max_ext_leaf >= 1) {
    cpuid(0x80000001u, 0, r);
    regs->ext1_ecx = r[2];
  }
  /* XGETBV is valid only when CPUID says XSAVE and OSXSAVE (else #UD). */
  if (((regs->leaf1_ecx >> L1C_XSAVE) & 1u) && ((regs->leaf1_ecx >> L1C_OSXSAVE) & 1u))
    regs->xcr0 = xgetbv();
}

#if HOST_X86_LIVE

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4]) {
  unsigned int a, b, c, d;
  __cpuid_count(leaf, sub, a, b, c, d);
  r[0] = a;
  r[1] = b;
  r[2] = c;
  r[3] = d;
}

/* XGETBV(0). */
static uint64_t xgetbv0(void) {
  uint32_t lo, hi;
  __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0u));
  return ((uint64_t)hi << 32) | lo;
}

int cwasm_x86_cpuid_read(cwasm_x86_cpuid *regs) {
  if (!regs) return 0;
  host_x86_read(cpuid, xgetbv0, regs);
  return 1;
}

bool host_detect_x86(cwasm_host_cpu *out) {
  cwasm_x86_cpuid regs;
  cwasm_x86_cpuid_read(&regs);
  cwasm_host_cpu_from_x86(&regs, out);
  return true;
}

#else

int cwasm_x86_cpuid_read(cwasm_x86_cpuid *regs) {
  if (regs) memset(regs, 0, sizeof *regs);
  return 0;
}

bool host_detect_x86(cwasm_host_cpu *out) {
  (void)out;
  return false;
}

#endif
