#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwasm/host.h"
#include "host_impl.h"

#define B(f) CWASM_CPU_BIT(CWASM_CPU_##f)

static uint64_t arch_mask(cwasm_arch a) {
  uint64_t m = 0;
  for (unsigned f = 0; f < (unsigned)CWASM_CPU__COUNT; f++)
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) == a) m |= CWASM_CPU_BIT(f);
  return m;
}

static uint32_t bits32(const unsigned *b, size_t n) {
  uint32_t r = 0;
  for (size_t i = 0; i < n; i++) r |= UINT32_C(1) << b[i];
  return r;
}
#define BITS(...) bits32((const unsigned[]){__VA_ARGS__}, sizeof((const unsigned[]){__VA_ARGS__}) / sizeof(unsigned))

/* Print the sets on mismatch so a failure says which feature differs. */
static void expect_set(const char *what, uint64_t got, uint64_t want) {
  if (got == want) return;
  for (unsigned f = 0; f < (unsigned)CWASM_CPU__COUNT; f++) {
    uint64_t b = CWASM_CPU_BIT(f);
    if ((got & b) != (want & b))
      print_error("%s: %s is %s, expected %s\n", what, cwasm_cpu_feature_name((cwasm_cpu_feature)f),
                  (got & b) ? "set" : "clear", (want & b) ? "set" : "clear");
  }
  fail_msg("%s differs", what);
}

/* ------------------------------------------------------------------- x86 */

/* A Haswell desktop part (i7-4770-like): AVX2, FMA, BMI1/2, no AVX-512. */
static cwasm_x86_cpuid haswell(void) {
  cwasm_x86_cpuid r;
  memset(&r, 0, sizeof r);
  r.max_leaf = 0xd;
  memcpy(r.vendor, "GenuineIntel", 12);
  /* sse3 pclmul ssse3 fma cx16 sse4.1 sse4.2 movbe popcnt aes xsave osxsave avx f16c rdrand */
  r.leaf1_ecx = BITS(0, 1, 9, 12, 13, 19, 20, 22, 23, 25, 26, 27, 28, 29, 30);
  r.leaf1_edx = 0xbfebfbffu;
  /* fsgsbase bmi1 avx2 smep bmi2 erms invpcid */
  r.leaf7_ebx = BITS(0, 3, 5, 7, 8, 9, 10);
  r.max_ext_leaf = 0x80000008u;
  r.ext1_ecx = BITS(0, 5); /* lahf_lm, abm */
  r.xcr0 = 0x7;            /* x87, SSE, AVX */
  return r;
}

static const uint64_t HASWELL = B(SSE3) | B(SSSE3) | B(SSE4_1) | B(SSE4_2) | B(POPCNT) | B(AVX) |
                                B(AVX2) | B(FMA) | B(BMI1) | B(BMI2) | B(LZCNT) | B(CMPXCHG16B);

/* A Sapphire-Rapids-like part: AVX-512 (F DQ CD BW VL VBMI VBMI2 VNNI BITALG ...) and AVX-VNNI. */
static cwasm_x86_cpuid sapphire(void) {
  cwasm_x86_cpuid r = haswell();
  r.max_leaf = 0x20;
  r.leaf7_ebx |= BITS(16, 17, 18, 19, 21, 28, 29, 30, 31);
  r.leaf7_ecx = BITS(1, 6, 8, 9, 10, 11, 12, 14);
  r.leaf7_edx = BITS(8, 22, 23, 24, 25);
  r.leaf7_1_eax = BITS(4, 5);
  r.xcr0 = 0x602e7; /* x87 SSE AVX opmask ZMM_Hi256 Hi16_ZMM + AMX */
  return r;
}

static void check_x86(const cwasm_x86_cpuid *r, uint64_t want, const char *what) {
  cwasm_host_cpu h;
  memset(&h, 0xa5, sizeof h); /* the decoder must overwrite everything */
  cwasm_host_cpu_from_x86(r, &h);
  assert_int_equal(h.arch, CWASM_ARCH_X86_64);
  assert_int_equal(h.all_present, 0);
  expect_set(what, h.known, arch_mask(CWASM_ARCH_X86_64));
  expect_set(what, h.present, want);
}

static void x86_haswell(void **state) {
  (void)state;
  cwasm_x86_cpuid r = haswell();
  check_x86(&r, HASWELL, "haswell");
  assert_int_equal(arch_mask(CWASM_ARCH_X86_64), (UINT64_C(1) << 19) - 1);
}

static void x86_no_osxsave(void **state) {
  (void)state;
  cwasm_x86_cpuid r = haswell();
  r.leaf1_ecx &= ~(UINT32_C(1) << 27); /* the OS did not enable XSAVE */
  r.xcr0 = 0x7;                        /* stale value: must not be consulted */
  /* No AVX family; and on GenuineIntel without AVX, Rust drops BMI1/BMI2 too. */
  uint64_t base = B(SSE3) | B(SSSE3) | B(SSE4_1) | B(SSE4_2) | B(POPCNT) | B(LZCNT) | B(CMPXCHG16B);
  check_x86(&r, base, "no osxsave, intel");
  memcpy(r.vendor, "AuthenticAMD", 12);
  check_x86(&r, base | B(BMI1) | B(BMI2), "no osxsave, amd");

  /* the same for an AVX-512 part: nothing of the AVX family survives */
  cwasm_x86_cpuid s = sapphire();
  s.leaf1_ecx &= ~(UINT32_C(1) << 27);
  check_x86(&s, base, "no osxsave, avx-512 part");

  /* OSXSAVE without XSAVE is inconsistent; Rust needs both */
  r = haswell();
  r.leaf1_ecx &= ~(UINT32_C(1) << 26);
  check_x86(&r, base, "no xsave");
}

static void x86_xcr0(void **state) {
  (void)state;
  /* CPUID says AVX-512, but the OS does not save opmask/ZMM state */
  cwasm_x86_cpuid r = sapphire();
  uint64_t avx_class = HASWELL | B(AVXVNNI);
  r.xcr0 = 0x7;
  check_x86(&r, avx_class, "xcr0 without avx-512 state");
  r.xcr0 = 0x67; /* Hi16_ZMM missing */
  check_x86(&r, avx_class, "xcr0 without Hi16_ZMM");
  r.xcr0 = 0xa7; /* ZMM_Hi256 missing */
  check_x86(&r, avx_class, "xcr0 without ZMM_Hi256");
  /* no YMM state: no AVX family at all (AVX-512 state alone does not count) */
  r.xcr0 = 0xe3;
  uint64_t no_avx = HASWELL & ~(B(AVX) | B(AVX2) | B(FMA) | B(BMI1) | B(BMI2));
  check_x86(&r, no_avx, "xcr0 without AVX state");
  r.xcr0 = 0xe5; /* no SSE state */
  check_x86(&r, no_avx, "xcr0 without SSE state");
}

static void x86_avx512(void **state) {
  (void)state;
  cwasm_x86_cpuid r = sapphire();
  check_x86(&r, arch_mask(CWASM_ARCH_X86_64), "sapphire rapids");

  /* Rust requires F16C and FMA next to AVX-512 */
  cwasm_x86_cpuid s = r;
  s.leaf1_ecx &= ~(UINT32_C(1) << 29);
  check_x86(&s, HASWELL | B(AVXVNNI), "avx-512 without f16c");
  s = r;
  s.leaf1_ecx &= ~(UINT32_C(1) << 12);
  check_x86(&s, (HASWELL | B(AVXVNNI)) & ~B(FMA), "avx-512 without fma");

  /* each AVX-512 feature comes from its own bit */
  struct {
    cwasm_cpu_feature f;
    int reg; /* 0 ebx, 1 ecx */
    unsigned bit;
  } one[] = {{CWASM_CPU_AVX512F, 0, 16},     {CWASM_CPU_AVX512DQ, 0, 17},
             {CWASM_CPU_AVX512VL, 0, 31},    {CWASM_CPU_AVX512VBMI, 1, 1},
             {CWASM_CPU_AVX512VNNI, 1, 11},  {CWASM_CPU_AVX512BITALG, 1, 12}};
  for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
    s = haswell();
    s.xcr0 = 0xe7;
    if (one[i].reg == 0)
      s.leaf7_ebx |= UINT32_C(1) << one[i].bit;
    else
      s.leaf7_ecx = UINT32_C(1) << one[i].bit;
    check_x86(&s, HASWELL | CWASM_CPU_BIT(one[i].f), cwasm_cpu_feature_name(one[i].f));
  }

  /* AVX-VNNI is leaf 7 sub-leaf 1 eax bit 4 and needs AVX state only */
  s = haswell();
  s.leaf7_1_eax = BITS(4);
  check_x86(&s, HASWELL | B(AVXVNNI), "avxvnni");
}

static void x86_leaf_limits(void **state) {
  (void)state;
  /* leaf 7 beyond max_leaf: its registers are never read */
  cwasm_x86_cpuid r = sapphire();
  r.max_leaf = 6;
  uint64_t no7 = HASWELL & ~(B(AVX2) | B(BMI1) | B(BMI2));
  check_x86(&r, no7, "max_leaf 6");
  /* no extended leaves: no lzcnt */
  r = haswell();
  r.max_ext_leaf = 0;
  check_x86(&r, HASWELL & ~B(LZCNT), "no extended leaves");
  /* CPUID(1) absent: Rust reports nothing at all */
  r = haswell();
  r.max_leaf = 0;
  check_x86(&r, 0, "max_leaf 0");
}

static void x86_all_zero(void **state) {
  (void)state;
  cwasm_x86_cpuid r;
  memset(&r, 0, sizeof r);
  check_x86(&r, 0, "all zero");
  check_x86(NULL, 0, "NULL regs");
  cwasm_host_cpu_from_x86(&r, NULL); /* must not crash */
}

/*
 * Independent check of every bit position: the compiler's own <cpuid.h>
 * names them (bit_AVX2 etc.). One feature bit at a time on top of the
 * prerequisites (XSAVE, OSXSAVE, F16C, FMA, full XCR0, non-Intel vendor).
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
static void x86_bits_match_cpuid_h(void **state) {
  (void)state;
  enum { ECX1, EBX7, ECX7, EAX71, ECXE1 };
  struct {
    cwasm_cpu_feature f;
    int reg;
    uint32_t mask;
  } t[] = {
      {CWASM_CPU_SSE3, ECX1, bit_SSE3},          {CWASM_CPU_SSSE3, ECX1, bit_SSSE3},
      {CWASM_CPU_SSE4_1, ECX1, bit_SSE4_1},      {CWASM_CPU_SSE4_2, ECX1, bit_SSE4_2},
      {CWASM_CPU_POPCNT, ECX1, bit_POPCNT},      {CWASM_CPU_AVX, ECX1, bit_AVX},
      {CWASM_CPU_CMPXCHG16B, ECX1, bit_CMPXCHG16B},
      {CWASM_CPU_BMI1, EBX7, bit_BMI},           {CWASM_CPU_AVX2, EBX7, bit_AVX2},
      {CWASM_CPU_BMI2, EBX7, bit_BMI2},          {CWASM_CPU_AVX512F, EBX7, bit_AVX512F},
      {CWASM_CPU_AVX512DQ, EBX7, bit_AVX512DQ},  {CWASM_CPU_AVX512VL, EBX7, bit_AVX512VL},
      {CWASM_CPU_AVX512VBMI, ECX7, bit_AVX512VBMI},
      {CWASM_CPU_AVX512VNNI, ECX7, bit_AVX512VNNI},
      {CWASM_CPU_AVX512BITALG, ECX7, bit_AVX512BITALG},
      {CWASM_CPU_AVXVNNI, EAX71, bit_AVXVNNI},   {CWASM_CPU_LZCNT, ECXE1, bit_LZCNT},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    cwasm_x86_cpuid r;
    memset(&r, 0, sizeof r);
    r.max_leaf = 7;
    r.max_ext_leaf = 0x80000001u;
    memcpy(r.vendor, "AuthenticAMD", 12);
    r.leaf1_ecx = bit_XSAVE | bit_OSXSAVE | bit_F16C | bit_FMA;
    r.xcr0 = 0xe7;
    uint32_t *reg[] = {&r.leaf1_ecx, &r.leaf7_ebx, &r.leaf7_ecx, &r.leaf7_1_eax, &r.ext1_ecx};
    *reg[t[i].reg] |= t[i].mask;
    check_x86(&r, B(FMA) | CWASM_CPU_BIT(t[i].f), cwasm_cpu_feature_name(t[i].f));
  }
}
#else
static void x86_bits_match_cpuid_h(void **state) {
  (void)state;
  print_message("skipped: <cpuid.h> is x86 gcc/clang only\n");
  skip();
}
#endif

/* --------------------------------------------------------------- aarch64 */

static cwasm_host_cpu hwcap(cwasm_arch a, uint64_t h1, uint64_t h2) {
  cwasm_host_cpu h;
  assert_int_equal(cwasm_host_cpu_from_hwcap(a, h1, h2, &h), CWASM_OK);
  assert_int_equal(h.arch, a);
  return h;
}

static void aarch64_hwcap(void **state) {
  (void)state;
  const uint64_t FP = 1u << 0, ASIMD = 1u << 1, ATOMICS = 1u << 8, FPHP = 1u << 9,
                 ASIMDHP = 1u << 10, ASIMDDP = 1u << 20, PACA = 1u << 30, PACG = 1ull << 31;
  const uint64_t all5 = B(LSE) | B(PACA) | B(FP16) | B(DOTPROD) | B(I8MM);

  cwasm_host_cpu h = hwcap(CWASM_ARCH_AARCH64, 0, 0);
  expect_set("aarch64 known", h.known, all5);
  expect_set("aarch64 none", h.present, 0);

  /* a Neoverse-N1-like set */
  h = hwcap(CWASM_ARCH_AARCH64, FP | ASIMD | ATOMICS | FPHP | ASIMDHP | ASIMDDP, 0);
  expect_set("n1", h.present, B(LSE) | B(FP16) | B(DOTPROD));
  /* an Apple-M1/Graviton3-like set with pointer auth and i8mm */
  h = hwcap(CWASM_ARCH_AARCH64, FP | ASIMD | ATOMICS | FPHP | ASIMDHP | ASIMDDP | PACA | PACG,
            1u << 13);
  expect_set("pauth+i8mm", h.present, all5);

  /* fp16 needs both fp and fphp; asimdhp alone or with fp is not enough */
  expect_set("fphp only", hwcap(CWASM_ARCH_AARCH64, FPHP, 0).present, 0);
  expect_set("fp only", hwcap(CWASM_ARCH_AARCH64, FP, 0).present, 0);
  expect_set("fp+asimdhp", hwcap(CWASM_ARCH_AARCH64, FP | ASIMDHP, 0).present, 0);
  expect_set("fp+fphp", hwcap(CWASM_ARCH_AARCH64, FP | FPHP, 0).present, B(FP16));

  /* single bits */
  expect_set("atomics", hwcap(CWASM_ARCH_AARCH64, ATOMICS, 0).present, B(LSE));
  expect_set("paca", hwcap(CWASM_ARCH_AARCH64, PACA, 0).present, B(PACA));
  expect_set("pacg", hwcap(CWASM_ARCH_AARCH64, PACG, 0).present, 0);
  expect_set("asimddp", hwcap(CWASM_ARCH_AARCH64, ASIMDDP, 0).present, B(DOTPROD));
  expect_set("i8mm", hwcap(CWASM_ARCH_AARCH64, 0, 1u << 13).present, B(I8MM));
  expect_set("i8mm is HWCAP2", hwcap(CWASM_ARCH_AARCH64, 1u << 13, 0).present, 0);

  /* an x86 feature asked on aarch64 is unknown, not absent */
  h = hwcap(CWASM_ARCH_AARCH64, ~UINT64_C(0), ~UINT64_C(0));
  expect_set("all bits", h.present, all5);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVX2, 0), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, 0), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_LSE, 0), CWASM_PROBE_PRESENT);
}

/* ----------------------------------------------------------------- s390x */

static void s390x_hwcap(void **state) {
  (void)state;
  cwasm_host_cpu h = hwcap(CWASM_ARCH_S390X, 1u << 15, 0);
  expect_set("s390x known", h.known, B(MIE2));
  expect_set("s390x present", h.present, B(MIE2));
  /* v3-v35: both strings answered by AT_HWCAP bit 15 */
  for (uint16_t rel = 3; rel <= 35; rel++) {
    assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, rel), CWASM_PROBE_PRESENT);
    assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_MIE2, rel), CWASM_PROBE_PRESENT);
    assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_MIE3, rel), CWASM_PROBE_UNKNOWN);
  }
  /* v36+: mie2 is no longer probed; vxrs_ext2 needs the STFLE answer */
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_MIE2, 36), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, 36), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, 0), CWASM_PROBE_UNKNOWN);

  /* neighbouring bits do not count (11 VXRS, 13 VXRS_EXT, 14 GS, 16 VXRS_PDE) */
  h = hwcap(CWASM_ARCH_S390X, (1u << 11) | (1u << 13) | (1u << 14) | (1u << 16), ~UINT64_C(0));
  expect_set("s390x neighbours", h.present, 0);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, 30), CWASM_PROBE_ABSENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_MIE2, 21), CWASM_PROBE_ABSENT);
}

static cwasm_host_cpu stfle_one(unsigned b) {
  uint64_t d[4] = {0, 0, 0, 0};
  d[b / 64] = UINT64_C(1) << (63 - b % 64);
  cwasm_host_cpu h;
  cwasm_host_cpu_from_s390x_stfle(d, 4, &h);
  assert_int_equal(h.arch, CWASM_ARCH_S390X);
  expect_set("stfle known", h.known, B(MIE3) | B(MIE4) | B(VXRS_EXT2) | B(VXRS_EXT3));
  return h;
}

static void s390x_stfle(void **state) {
  (void)state;
  cwasm_host_cpu h = stfle_one(148);
  expect_set("bit 148", h.present, B(VXRS_EXT2));
  assert_int_equal(h.present, UINT64_C(1) << CWASM_CPU_VXRS_EXT2);
  expect_set("bit 61", stfle_one(61).present, B(MIE3));
  expect_set("bit 84", stfle_one(84).present, B(MIE4));
  expect_set("bit 198", stfle_one(198).present, B(VXRS_EXT3));
  /* neighbours and LSB-first numbering must not match */
  expect_set("bit 147", stfle_one(147).present, 0);
  expect_set("bit 149", stfle_one(149).present, 0);
  expect_set("bit 129 (vector)", stfle_one(129).present, 0);
  uint64_t lsb[4] = {0, 0, UINT64_C(1) << (148 % 64), 0};
  cwasm_host_cpu_from_s390x_stfle(lsb, 4, &h);
  expect_set("LSB-numbered 148", h.present, 0);
  uint64_t exact[3] = {0, 0, UINT64_C(0x0000080000000000)}; /* bit 148, spelled out */
  cwasm_host_cpu_from_s390x_stfle(exact, 3, &h);
  expect_set("0x0000080000000000 in dword 2", h.present, B(VXRS_EXT2));

  /* queries: v36+ answers from STFLE, earlier releases do not know these */
  h = stfle_one(148);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, 36), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, 0), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_MIE3, 36), CWASM_PROBE_ABSENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT3, 49), CWASM_PROBE_ABSENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_VXRS_EXT2, 35), CWASM_PROBE_UNKNOWN);

  /* a short list: missing doublewords read as zero */
  uint64_t all[4] = {~UINT64_C(0), ~UINT64_C(0), ~UINT64_C(0), ~UINT64_C(0)};
  cwasm_host_cpu_from_s390x_stfle(all, 2, &h);
  expect_set("2 dwords", h.present, B(MIE3) | B(MIE4));
  cwasm_host_cpu_from_s390x_stfle(all, 4, &h);
  expect_set("4 dwords", h.present, B(MIE3) | B(MIE4) | B(VXRS_EXT2) | B(VXRS_EXT3));
  cwasm_host_cpu_from_s390x_stfle(NULL, 4, &h);
  expect_set("NULL", h.present, 0);

  /* both sources combined answer both eras */
  cwasm_host_cpu hw = hwcap(CWASM_ARCH_S390X, 1u << 15, 0);
  cwasm_host_cpu st = stfle_one(61);
  st.known |= hw.known;
  st.present |= hw.present;
  assert_int_equal(cwasm_host_cpu_query(&st, CWASM_CPU_VXRS_EXT2, 30), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&st, CWASM_CPU_VXRS_EXT2, 40), CWASM_PROBE_ABSENT);
  assert_int_equal(cwasm_host_cpu_query(&st, CWASM_CPU_MIE3, 40), CWASM_PROBE_PRESENT);
}

/* ------------------------------------------------------- riscv64, others */

static void riscv_and_others(void **state) {
  (void)state;
  cwasm_host_cpu h = hwcap(CWASM_ARCH_RISCV64, 0, 0);
  assert_int_equal(h.all_present, 1);
  for (unsigned f = 0; f < (unsigned)CWASM_CPU__COUNT; f++) {
    assert_int_equal(cwasm_host_cpu_query(&h, (cwasm_cpu_feature)f, 0), CWASM_PROBE_PRESENT);
    assert_int_equal(cwasm_host_cpu_query(&h, (cwasm_cpu_feature)f, 21), CWASM_PROBE_PRESENT);
  }

  /* no AT_HWCAP meaning for these: E_ARGUMENT, an empty answer */
  cwasm_arch bad[] = {CWASM_ARCH_X86_64, CWASM_ARCH_UNKNOWN, CWASM_ARCH_PULLEY64, (cwasm_arch)99};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(cwasm_host_cpu_from_hwcap(bad[i], ~UINT64_C(0), 0, &h), CWASM_E_ARGUMENT);
    assert_int_equal(h.known, 0);
    assert_int_equal(h.present, 0);
    assert_int_equal(h.all_present, 0);
  }
  assert_int_equal(cwasm_host_cpu_from_hwcap(CWASM_ARCH_AARCH64, 0, 0, NULL), CWASM_E_ARGUMENT);
}

/* ------------------------------------------------------- names and query */

static void names(void **state) {
  (void)state;
  static const char *const want[CWASM_CPU__COUNT] = {
      "sse3",      "ssse3",    "sse4.1",   "sse4.2",       "popcnt",     "avx",
      "avx2",      "fma",      "bmi1",     "bmi2",         "avx512bitalg", "avx512dq",
      "avx512f",   "avx512vl", "avx512vbmi", "lzcnt",      "cmpxchg16b", "avxvnni",
      "avx512vnni", "lse",     "paca",     "fp16",         "dotprod",    "i8mm",
      "vxrs_ext2", "mie2",     "vxrs_ext3", "mie3",        "mie4"};
  for (unsigned f = 0; f < (unsigned)CWASM_CPU__COUNT; f++) {
    assert_string_equal(cwasm_cpu_feature_name((cwasm_cpu_feature)f), want[f]);
    cwasm_cpu_feature back;
    assert_int_equal(cwasm_cpu_feature_from_name(want[f], &back), 0);
    assert_int_equal(back, f);
  }
  assert_null(cwasm_cpu_feature_name(CWASM_CPU__COUNT));
  assert_null(cwasm_cpu_feature_name((cwasm_cpu_feature)-1));
  cwasm_cpu_feature f = CWASM_CPU_LSE;
  const char *bad[] = {"SSE4.1", "sse41", "sse4_1", "avx512", "avx2 ", "", "has_avx2", "pauth",
                       "vxrs_ext2\n"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    assert_int_equal(cwasm_cpu_feature_from_name(bad[i], &f), -1);
  assert_int_equal(f, CWASM_CPU_LSE); /* untouched on failure */
  assert_int_equal(cwasm_cpu_feature_from_name(NULL, &f), -1);
  assert_int_equal(cwasm_cpu_feature_from_name("avx", NULL), -1);

  assert_int_equal(cwasm_cpu_feature_arch(CWASM_CPU_AVX512VNNI), CWASM_ARCH_X86_64);
  assert_int_equal(cwasm_cpu_feature_arch(CWASM_CPU_LSE), CWASM_ARCH_AARCH64);
  assert_int_equal(cwasm_cpu_feature_arch(CWASM_CPU_I8MM), CWASM_ARCH_AARCH64);
  assert_int_equal(cwasm_cpu_feature_arch(CWASM_CPU_MIE2), CWASM_ARCH_S390X);
  assert_int_equal(cwasm_cpu_feature_arch(CWASM_CPU_MIE4), CWASM_ARCH_S390X);
  assert_int_equal(cwasm_cpu_feature_arch(CWASM_CPU__COUNT), CWASM_ARCH_UNKNOWN);
  assert_int_equal(arch_mask(CWASM_ARCH_AARCH64), UINT64_C(0x1f) << 19);
  assert_int_equal(arch_mask(CWASM_ARCH_S390X), UINT64_C(0x1f) << 24);

  assert_string_equal(cwasm_arch_name(CWASM_ARCH_X86_64), "x86_64");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_AARCH64), "aarch64");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_S390X), "s390x");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_RISCV64), "riscv64");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_PULLEY32), "pulley32");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_PULLEY64), "pulley64");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_PULLEY32BE), "pulley32be");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_PULLEY64BE), "pulley64be");
  assert_string_equal(cwasm_arch_name(CWASM_ARCH_UNKNOWN), "unknown");
  assert_string_equal(cwasm_arch_name((cwasm_arch)42), "unknown");
  assert_string_equal(cwasm_probe_answer_name(CWASM_PROBE_PRESENT), "present");
  assert_string_equal(cwasm_probe_answer_name(CWASM_PROBE_ABSENT), "absent");
  assert_string_equal(cwasm_probe_answer_name(CWASM_PROBE_UNKNOWN), "unknown");
}

static void query_releases(void **state) {
  (void)state;
  cwasm_host_cpu h;
  cwasm_x86_cpuid r = sapphire();
  cwasm_host_cpu_from_x86(&r, &h);
  /* answered since the first release */
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVX2, 3), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_LZCNT, 21), CWASM_PROBE_PRESENT);
  /* cmpxchg16b from v27, the VNNI pair from v48 */
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_CMPXCHG16B, 26), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_CMPXCHG16B, 27), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVXVNNI, 47), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVXVNNI, 48), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVX512VNNI, 47), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVX512VNNI, 0), CWASM_PROBE_PRESENT);
  /* other architectures' features are unknown on x86 */
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_LSE, 0), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_MIE2, 30), CWASM_PROBE_UNKNOWN);
  /* absent is absent */
  r = haswell();
  cwasm_host_cpu_from_x86(&r, &h);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVX512F, 0), CWASM_PROBE_ABSENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVXVNNI, 48), CWASM_PROBE_ABSENT);
  /* invalid input */
  assert_int_equal(cwasm_host_cpu_query(NULL, CWASM_CPU_AVX, 0), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU__COUNT, 0), CWASM_PROBE_UNKNOWN);

  /* aarch64: fp16 from v25, dotprod from v47, i8mm from v48 */
  h = hwcap(CWASM_ARCH_AARCH64, ~UINT64_C(0), ~UINT64_C(0));
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_LSE, 3), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_PACA, 21), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_FP16, 24), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_FP16, 25), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_DOTPROD, 46), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_DOTPROD, 47), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_I8MM, 47), CWASM_PROBE_UNKNOWN);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_I8MM, 48), CWASM_PROBE_PRESENT);

  /* a host with nothing known answers unknown for everything */
  memset(&h, 0, sizeof h);
  h.arch = CWASM_ARCH_AARCH64;
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_LSE, 0), CWASM_PROBE_UNKNOWN);
}

/* ------------------------------------------------------------ live probe */

static void probe_cache(void **state) {
  (void)state;
  cwasm_host_cpu a, b, fresh;
  memset(&a, 0x11, sizeof a);
  memset(&b, 0x22, sizeof b);
  cwasm_host_cpu_probe(&a);
  cwasm_host_cpu_probe(&b);
  assert_memory_equal(&a, &b, sizeof a);
  cwasm_host_cpu_detect(&fresh);
  assert_memory_equal(&a, &fresh, sizeof a);
  assert_int_equal(a.arch, cwasm_host_cpu_native_arch());
  assert_int_equal(a.present & ~a.known, 0);
  cwasm_host_cpu_probe(NULL);
  cwasm_host_cpu_detect(NULL);

  cwasm_x86_cpuid regs;
  int on_x86 = cwasm_x86_cpuid_read(&regs);
  assert_int_equal(on_x86, cwasm_host_cpu_native_arch() == CWASM_ARCH_X86_64);
  assert_int_equal(cwasm_x86_cpuid_read(NULL), 0);
  if (on_x86) {
    cwasm_host_cpu viaregs;
    cwasm_host_cpu_from_x86(&regs, &viaregs);
    assert_memory_equal(&viaregs, &a, sizeof a);
    assert_true(regs.max_leaf >= 1);
    assert_true(a.known == arch_mask(CWASM_ARCH_X86_64));
    /* SSE3 and CMPXCHG16B are in every x86_64 CPU that runs today's kernels */
    assert_int_equal(cwasm_host_cpu_query(&a, CWASM_CPU_SSE3, 0), CWASM_PROBE_PRESENT);
  } else {
    cwasm_x86_cpuid zero;
    memset(&zero, 0, sizeof zero);
    assert_memory_equal(&regs, &zero, sizeof zero);
  }
}

/* The kernel's name for each x86 feature in /proc/cpuinfo "flags". */
static const char *kernel_flag(cwasm_cpu_feature f) {
  switch (f) {
    case CWASM_CPU_SSE3: return "pni";
    case CWASM_CPU_SSSE3: return "ssse3";
    case CWASM_CPU_SSE4_1: return "sse4_1";
    case CWASM_CPU_SSE4_2: return "sse4_2";
    case CWASM_CPU_POPCNT: return "popcnt";
    case CWASM_CPU_AVX: return "avx";
    case CWASM_CPU_AVX2: return "avx2";
    case CWASM_CPU_FMA: return "fma";
    case CWASM_CPU_BMI1: return "bmi1";
    case CWASM_CPU_BMI2: return "bmi2";
    case CWASM_CPU_AVX512BITALG: return "avx512_bitalg";
    case CWASM_CPU_AVX512DQ: return "avx512dq";
    case CWASM_CPU_AVX512F: return "avx512f";
    case CWASM_CPU_AVX512VL: return "avx512vl";
    case CWASM_CPU_AVX512VBMI: return "avx512vbmi";
    case CWASM_CPU_LZCNT: return "abm";
    case CWASM_CPU_CMPXCHG16B: return "cx16";
    case CWASM_CPU_AVXVNNI: return "avx_vnni";
    case CWASM_CPU_AVX512VNNI: return "avx512_vnni";
    default: return NULL;
  }
}

static char cpuinfo_flags[16384];
static char cpuinfo_vendor[64];

/* The first "flags" and "vendor_id" lines, space-padded for word search. */
static int read_cpuinfo(void) {
  FILE *fp = fopen("/proc/cpuinfo", "r");
  if (!fp) return 0;
  static char line[16384];
  int have_flags = 0;
  while (fgets(line, sizeof line, fp)) {
    char *colon = strchr(line, ':');
    if (!colon) continue;
    char *v = colon + 1;
    v[strcspn(v, "\n")] = '\0';
    if (!have_flags && strncmp(line, "flags", 5) == 0 && (line[5] == '\t' || line[5] == ' ')) {
      snprintf(cpuinfo_flags, sizeof cpuinfo_flags, "%s ", v);
      have_flags = 1;
    } else if (!cpuinfo_vendor[0] && strncmp(line, "vendor_id", 9) == 0) {
      snprintf(cpuinfo_vendor, sizeof cpuinfo_vendor, "%s", v + strspn(v, " \t"));
    }
  }
  fclose(fp);
  return have_flags;
}

static int has_flag(const char *name) {
  char word[64];
  snprintf(word, sizeof word, " %s ", name);
  return strstr(cpuinfo_flags, word) != NULL;
}

static void probe_vs_cpuinfo(void **state) {
  (void)state;
  if (cwasm_host_cpu_native_arch() != CWASM_ARCH_X86_64) {
    print_message("skipped: not an x86_64 build (native arch %s)\n",
                  cwasm_arch_name(cwasm_host_cpu_native_arch()));
    skip();
  }
  if (!read_cpuinfo()) {
    print_message("skipped: /proc/cpuinfo has no flags line\n");
    skip();
  }
  if (getenv("CWASM_TEST_CPU_EMULATED")) { /* valgrind's CPUID hides AVX-512: not what /proc/cpuinfo says */
    print_message("skipped: CPU emulated by %s\n", getenv("CWASM_TEST_CPU_EMULATED"));
    skip();
  }
  cwasm_host_cpu h;
  cwasm_host_cpu_probe(&h);
  /* The kernel already hides AVX/AVX-512 when their XSAVE state is off.
   * What Rust adds on top: AVX-512 also needs F16C and FMA, and BMI is
   * distrusted on Intel parts without AVX. */
  const int intel = strcmp(cpuinfo_vendor, "GenuineIntel") == 0;
  const int avx512_ok = has_flag("f16c") && has_flag("fma");
  int mismatches = 0;
  for (unsigned i = 0; i < (unsigned)CWASM_CPU__COUNT; i++) {
    cwasm_cpu_feature f = (cwasm_cpu_feature)i;
    const char *flag = kernel_flag(f);
    if (!flag) continue;
    int want = has_flag(flag);
    switch (f) {
      case CWASM_CPU_AVX512BITALG: case CWASM_CPU_AVX512DQ: case CWASM_CPU_AVX512F:
      case CWASM_CPU_AVX512VL: case CWASM_CPU_AVX512VBMI: case CWASM_CPU_AVX512VNNI:
        want = want && avx512_ok;
        break;
      case CWASM_CPU_BMI1: case CWASM_CPU_BMI2:
        want = want && !(intel && !has_flag("avx"));
        break;
      default: break;
    }
    cwasm_probe_answer got = cwasm_host_cpu_query(&h, f, 0);
    cwasm_probe_answer exp = want ? CWASM_PROBE_PRESENT : CWASM_PROBE_ABSENT;
    if (got != exp) {
      print_error("%s (cpuinfo \"%s\"): probe says %s, /proc/cpuinfo says %s\n",
                  cwasm_cpu_feature_name(f), flag, cwasm_probe_answer_name(got),
                  cwasm_probe_answer_name(exp));
      mismatches++;
    }
  }
  if (mismatches == 0) {
    char seen[512] = "";
    for (unsigned i = 0; i < (unsigned)CWASM_CPU__COUNT; i++)
      if (h.present & CWASM_CPU_BIT(i)) {
        strncat(seen, " ", sizeof seen - strlen(seen) - 1);
        strncat(seen, cwasm_cpu_feature_name((cwasm_cpu_feature)i), sizeof seen - strlen(seen) - 1);
      }
    print_message("probe agrees with /proc/cpuinfo (%s):%s\n", cpuinfo_vendor, seen);
  }
  assert_int_equal(mismatches, 0);
}

/* ------------------------------------------------------------------ parse */

static void parse_features(void **state) {
  (void)state;
  cwasm_x86_cpuid r = haswell();
  cwasm_host_cpu base, h;
  cwasm_host_cpu_from_x86(&r, &base);
  size_t pos = 12345;

  h = base;
  assert_int_equal(cwasm_host_cpu_parse_features("+avx512f,-avx2,sse4.2", &h, &pos), CWASM_OK);
  assert_int_equal(pos, 12345); /* untouched on success */
  expect_set("parsed", h.present, (HASWELL | B(AVX512F)) & ~B(AVX2));
  expect_set("parsed known", h.known, base.known);
  assert_int_equal(cwasm_host_cpu_query(&h, CWASM_CPU_AVX2, 0), CWASM_PROBE_ABSENT);

  /* blanks around items, later items win */
  h = base;
  assert_int_equal(cwasm_host_cpu_parse_features(" -fma ,\t+avxvnni , avx2,-avx2", &h, NULL),
                   CWASM_OK);
  expect_set("blanks", h.present, (HASWELL | B(AVXVNNI)) & ~(B(FMA) | B(AVX2)));

  /* an empty list changes nothing */
  h = base;
  assert_int_equal(cwasm_host_cpu_parse_features("", &h, &pos), CWASM_OK);
  assert_int_equal(cwasm_host_cpu_parse_features(" \t ", &h, &pos), CWASM_OK);
  assert_memory_equal(&h, &base, sizeof h);

  /* failures: position of the offending item, nothing changed */
  struct {
    const char *list;
    size_t pos;
  } bad[] = {{"avx2,,sse3", 5},   {"+nope", 0},       {"avx2,+nope", 5}, {"lse", 0},
             {"avx2,", 5},        {",", 0},           {"+", 0},          {"-", 0},
             {"avx2 sse3", 0},    {"++avx2", 0},      {"AVX2", 0},       {"avx2, -mie3", 6},
             {"sse4.1,sse41", 7}, {"avx2,  ,fma", 7}, {"+ avx2", 0},     {"avx2;fma", 0}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    h = base;
    pos = 999;
    if (cwasm_host_cpu_parse_features(bad[i].list, &h, &pos) != CWASM_E_ARGUMENT)
      fail_msg("accepted \"%s\"", bad[i].list);
    if (pos != bad[i].pos) fail_msg("\"%s\": position %zu, expected %zu", bad[i].list, pos, bad[i].pos);
    assert_memory_equal(&h, &base, sizeof h);
    assert_int_equal(cwasm_host_cpu_parse_features(bad[i].list, &h, NULL), CWASM_E_ARGUMENT);
  }
  pos = 7;
  assert_int_equal(cwasm_host_cpu_parse_features(NULL, &h, &pos), CWASM_E_ARGUMENT);
  assert_int_equal(pos, 0);
  assert_int_equal(cwasm_host_cpu_parse_features("avx2", NULL, &pos), CWASM_E_ARGUMENT);

  /* features must belong to the host's architecture */
  cwasm_host_cpu arm = hwcap(CWASM_ARCH_AARCH64, 0, 0);
  assert_int_equal(cwasm_host_cpu_parse_features("+lse,fp16,-paca", &arm, &pos), CWASM_OK);
  expect_set("aarch64 parsed", arm.present, B(LSE) | B(FP16));
  assert_int_equal(cwasm_host_cpu_parse_features("lse,avx2", &arm, &pos), CWASM_E_ARGUMENT);
  assert_int_equal(pos, 4);
  cwasm_host_cpu none;
  memset(&none, 0, sizeof none);
  assert_int_equal(cwasm_host_cpu_parse_features("avx2", &none, &pos), CWASM_E_ARGUMENT);

  /* s390x: unknown features become known */
  cwasm_host_cpu z = hwcap(CWASM_ARCH_S390X, 0, 0);
  assert_int_equal(cwasm_host_cpu_parse_features("vxrs_ext2,-mie3", &z, &pos), CWASM_OK);
  assert_int_equal(cwasm_host_cpu_query(&z, CWASM_CPU_VXRS_EXT2, 0), CWASM_PROBE_PRESENT);
  assert_int_equal(cwasm_host_cpu_query(&z, CWASM_CPU_MIE3, 0), CWASM_PROBE_ABSENT);
  assert_int_equal(cwasm_host_cpu_query(&z, CWASM_CPU_MIE4, 0), CWASM_PROBE_UNKNOWN);
}

/* ---------------------------------------------- CPUID leaves, played */

/* A CPU for host_x86_read: its leaves, and a log of what was asked. */
static struct {
  uint32_t max_leaf, max_ext;
  uint32_t leaf1_ecx;
  uint32_t calls[8][2];
  unsigned ncalls;
  unsigned xgetbv_calls;
} fake;

static void fake_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4]) {
  if (fake.ncalls < 8) {
    fake.calls[fake.ncalls][0] = leaf;
    fake.calls[fake.ncalls][1] = sub;
  }
  fake.ncalls++;
  r[0] = r[1] = r[2] = r[3] = 0;
  if (leaf == 0) {
    r[0] = fake.max_leaf;
    memcpy(&r[1], "Genu", 4);
    memcpy(&r[3], "ineI", 4);
    memcpy(&r[2], "ntel", 4);
  } else if (leaf == 1) {
    r[2] = fake.leaf1_ecx;
    r[3] = 0x1234;
  } else if (leaf == 7) {
    r[0] = sub == 1 ? 0x10 : 0;
    r[1] = sub == 0 ? 0x20 : 0;
  } else if (leaf == 0x80000000u) {
    r[0] = fake.max_ext;
  } else if (leaf == 0x80000001u) {
    r[2] = 0x21;
  }
}

static uint64_t fake_xgetbv(void) {
  fake.xgetbv_calls++;
  return 0xe7;
}

static void fake_read(uint32_t max_leaf, uint32_t max_ext, uint32_t leaf1_ecx, cwasm_x86_cpuid *regs) {
  memset(&fake, 0, sizeof fake);
  fake.max_leaf = max_leaf;
  fake.max_ext = max_ext;
  fake.leaf1_ecx = leaf1_ecx;
  host_x86_read(fake_cpuid, fake_xgetbv, regs);
}

/* Rust reads leaf 1 only when the maximum leaf allows, leaf 7 (both
 * sub-leaves) from maximum 7, the extended leaf from extended maximum 1, and
 * XCR0 only with XSAVE and OSXSAVE. */
static void x86_read_leaves(void **state) {
  (void)state;
  cwasm_x86_cpuid r;
  const uint32_t xsave = (1u << 26) | (1u << 27);
  fake_read(0, 0, xsave, &r);
  assert_int_equal(fake.ncalls, 1);
  assert_memory_equal(r.vendor, "GenuineIntel", 12);
  assert_int_equal(r.leaf1_ecx, 0);
  fake_read(1, 0, 1u << 26, &r); /* XSAVE without OSXSAVE: no XGETBV */
  assert_int_equal(fake.ncalls, 3);
  assert_int_equal(fake.calls[1][0], 1);
  assert_int_equal(fake.calls[2][0], 0x80000000u);
  assert_int_equal(r.leaf1_edx, 0x1234);
  assert_int_equal(r.leaf7_ebx, 0);
  assert_int_equal(r.ext1_ecx, 0);
  assert_int_equal(fake.xgetbv_calls, 0);
  assert_true(r.xcr0 == 0);
  fake_read(7, 0x80000008u, xsave, &r);
  assert_int_equal(fake.ncalls, 6);
  assert_int_equal(fake.calls[2][0], 7);
  assert_int_equal(fake.calls[2][1], 0);
  assert_int_equal(fake.calls[3][1], 1);
  assert_int_equal(fake.calls[5][0], 0x80000001u);
  assert_int_equal(r.leaf7_ebx, 0x20);
  assert_int_equal(r.leaf7_1_eax, 0x10);
  assert_int_equal(r.ext1_ecx, 0x21);
  assert_int_equal(fake.xgetbv_calls, 1);
  assert_true(r.xcr0 == 0xe7);
  fake_read(6, 0, 1u << 27, &r); /* OSXSAVE alone is not enough either */
  assert_int_equal(fake.xgetbv_calls, 0);
  assert_int_equal(r.leaf7_1_eax, 0);
}

/* Each per-architecture probe is live only on its machine; elsewhere it says
 * false and leaves the answer alone. */
static void live_probes(void **state) {
  (void)state;
  cwasm_host_cpu before, out;
  bool (*const probes[])(cwasm_host_cpu *) = {host_detect_x86, host_detect_aarch64, host_detect_s390x,
                                              host_detect_riscv64};
  const cwasm_arch arches[] = {CWASM_ARCH_X86_64, CWASM_ARCH_AARCH64, CWASM_ARCH_S390X, CWASM_ARCH_RISCV64};
  unsigned live = 0;
  memset(&before, 0x5a, sizeof before);
  for (size_t i = 0; i < 4; i++) {
    out = before;
    if (probes[i](&out)) {
      live++;
      assert_int_equal(out.arch, arches[i]);
      assert_int_equal(cwasm_host_cpu_native_arch(), arches[i]);
    } else {
      assert_memory_equal(&out, &before, sizeof out);
    }
  }
  assert_true(live <= 1);
#if defined(__x86_64__) || (defined(__aarch64__) && defined(__linux__)) || defined(__s390x__)
  assert_int_equal(live, 1);
#endif
  /* the rest of the API's edges */
  assert_string_equal(cwasm_probe_answer_name((cwasm_probe_answer)42), "unknown");
  cwasm_host_cpu_from_s390x_stfle(NULL, 0, NULL); /* no output: nothing to do */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(x86_haswell),     cmocka_unit_test(x86_no_osxsave),
      cmocka_unit_test(x86_xcr0),        cmocka_unit_test(x86_avx512),
      cmocka_unit_test(x86_leaf_limits), cmocka_unit_test(x86_all_zero),
      cmocka_unit_test(x86_bits_match_cpuid_h),
      cmocka_unit_test(aarch64_hwcap),   cmocka_unit_test(s390x_hwcap),
      cmocka_unit_test(s390x_stfle),     cmocka_unit_test(riscv_and_others),
      cmocka_unit_test(names),           cmocka_unit_test(query_releases),
      cmocka_unit_test(probe_cache),     cmocka_unit_test(probe_vs_cpuinfo),
      cmocka_unit_test(parse_features),  cmocka_unit_test(x86_read_leaves),
      cmocka_unit_test(live_probes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
