/*
 * cwasm/host.h — the host CPU-feature probe.
 *
 * Wasmtime accepts an artifact's ISA flag `has_X = Bool(true)` only if its
 * probe (`Config::detect_host_feature`, default `config.rs::detect_host_feature`)
 * says the host has feature X. The probe answers one of three things:
 * present, absent, or unknown ("cannot detect this here", e.g. an x86 feature
 * asked on an aarch64 host); the last two give different errors. This header
 * reproduces that probe (spec §6.4):
 *
 *   x86_64   Rust std `is_x86_feature_detected!` (CPUID + XGETBV), 19 features
 *   aarch64  Rust std `is_aarch64_feature_detected!` (Linux AT_HWCAP/AT_HWCAP2)
 *   s390x    Wasmtime v3-v35: AT_HWCAP bit 15 answers both vxrs_ext2 and mie2;
 *            Wasmtime v36+: STFLE facility bits (mie3, mie4, vxrs_ext2, vxrs_ext3)
 *   riscv64  every feature asked is reported present
 *   other    nothing is known
 *
 * The decoders (cwasm_host_cpu_from_*) are pure functions of register values,
 * so any host can be described and tested anywhere. cwasm_host_cpu_probe reads
 * the real CPU once per process and caches the answer (thread-safe, lock-free).
 *
 * Which feature strings a given Wasmtime release asks for, and from which
 * ISA flag names, is not decided here: cwasm_host_cpu_query only applies the
 * release rules of the *probe* (which strings it answers at all, and where
 * the s390x answer comes from).
 */
#ifndef CWASM_HOST_H
#define CWASM_HOST_H

#include "cwasm/cwasm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ architecture */

/* Numbers are stable. */
typedef enum cwasm_arch {
  CWASM_ARCH_UNKNOWN = 0,
  CWASM_ARCH_X86_64 = 1,
  CWASM_ARCH_AARCH64 = 2,
  CWASM_ARCH_S390X = 3,
  CWASM_ARCH_RISCV64 = 4,
  CWASM_ARCH_PULLEY32 = 5,
  CWASM_ARCH_PULLEY64 = 6,
  CWASM_ARCH_PULLEY32BE = 7,
  CWASM_ARCH_PULLEY64BE = 8
} cwasm_arch;

/* "x86_64", "aarch64", "s390x", "riscv64", "pulley32", "pulley64",
 * "pulley32be", "pulley64be"; "unknown" for anything else. */
CWASM_API const char *cwasm_arch_name(cwasm_arch a);

/* ---------------------------------------------------------------- features */

/*
 * One value per feature string Wasmtime's probe is ever asked about, named
 * after that string ("sse4.1" -> CWASM_CPU_SSE4_1). Numbers are stable (they
 * are bit positions in cwasm_host_cpu.known/present): new features are
 * appended, never inserted.
 */
typedef enum cwasm_cpu_feature {
  /* x86_64 */
  CWASM_CPU_SSE3 = 0,
  CWASM_CPU_SSSE3 = 1,
  CWASM_CPU_SSE4_1 = 2,
  CWASM_CPU_SSE4_2 = 3,
  CWASM_CPU_POPCNT = 4,
  CWASM_CPU_AVX = 5,
  CWASM_CPU_AVX2 = 6,
  CWASM_CPU_FMA = 7,
  CWASM_CPU_BMI1 = 8,
  CWASM_CPU_BMI2 = 9,
  CWASM_CPU_AVX512BITALG = 10,
  CWASM_CPU_AVX512DQ = 11,
  CWASM_CPU_AVX512F = 12,
  CWASM_CPU_AVX512VL = 13,
  CWASM_CPU_AVX512VBMI = 14,
  CWASM_CPU_LZCNT = 15,
  CWASM_CPU_CMPXCHG16B = 16,
  CWASM_CPU_AVXVNNI = 17,
  CWASM_CPU_AVX512VNNI = 18,
  /* aarch64 */
  CWASM_CPU_LSE = 19,
  CWASM_CPU_PACA = 20,
  CWASM_CPU_FP16 = 21,
  CWASM_CPU_DOTPROD = 22,
  CWASM_CPU_I8MM = 23,
  /* s390x. "vxrs_ext2" is the STFLE answer (Wasmtime v36+); "mie2" holds the
   * AT_HWCAP bit 15 answer, which Wasmtime v3-v35 gives for both "mie2" and
   * "vxrs_ext2" (cwasm_host_cpu_query picks the right one per release). */
  CWASM_CPU_VXRS_EXT2 = 24,
  CWASM_CPU_MIE2 = 25,
  CWASM_CPU_VXRS_EXT3 = 26,
  CWASM_CPU_MIE3 = 27,
  CWASM_CPU_MIE4 = 28,
  CWASM_CPU__COUNT /* not a feature */
} cwasm_cpu_feature;

#define CWASM_CPU_BIT(f) (UINT64_C(1) << (unsigned)(f))

/* The Wasmtime feature string ("sse4.1", "avxvnni", "vxrs_ext2"), or NULL
 * when `f` is out of range. */
CWASM_API const char *cwasm_cpu_feature_name(cwasm_cpu_feature f);

/* Exact, case-sensitive lookup of a feature string as Wasmtime spells it.
 * Returns 0 and sets *out on success, -1 if the string names no feature. */
CWASM_API int cwasm_cpu_feature_from_name(const char *name, cwasm_cpu_feature *out);

/* The architecture whose probe can answer for `f` (CWASM_ARCH_UNKNOWN when
 * `f` is out of range). */
CWASM_API cwasm_arch cwasm_cpu_feature_arch(cwasm_cpu_feature f);

/* ---------------------------------------------------------------- the host */

/*
 * What a probe says about one host. For each feature f:
 *   known bit clear           -> the probe cannot tell ("unknown")
 *   known set, present clear  -> absent
 *   known and present set     -> present
 * `present` is always a subset of `known`. `all_present` (riscv64) means
 * every feature asked is reported present, whatever known/present say,
 * because that is what Wasmtime does there.
 *
 * Two results for the same arch from different sources (e.g. s390x AT_HWCAP
 * and STFLE) combine by OR-ing known and present.
 */
typedef struct cwasm_host_cpu {
  cwasm_arch arch;
  uint8_t all_present;
  uint64_t known;   /* CWASM_CPU_BIT(f) set: the probe answers for f */
  uint64_t present; /* CWASM_CPU_BIT(f) set: f is available */
} cwasm_host_cpu;

/* The architecture this library was compiled for (compile-time macros). */
CWASM_API cwasm_arch cwasm_host_cpu_native_arch(void);

/* --------------------------------------------------------------- decoders */

/*
 * The raw x86 CPUID/XGETBV values Rust's detection reads. Fields that the
 * CPU would not have been asked for (leaf 7 when max_leaf < 7, XCR0 without
 * XSAVE+OSXSAVE, ...) are ignored by the decoder, exactly as Rust never
 * reads them. OSXSAVE itself is leaf1_ecx bit 27.
 */
typedef struct cwasm_x86_cpuid {
  uint32_t max_leaf;      /* CPUID(0).eax */
  char vendor[12];        /* CPUID(0).ebx, edx, ecx as bytes: "GenuineIntel" */
  uint32_t leaf1_ecx;     /* CPUID(1) */
  uint32_t leaf1_edx;
  uint32_t leaf7_ebx;     /* CPUID(7, 0) */
  uint32_t leaf7_ecx;
  uint32_t leaf7_edx;
  uint32_t leaf7_1_eax;   /* CPUID(7, 1) */
  uint32_t max_ext_leaf;  /* CPUID(0x80000000).eax */
  uint32_t ext1_ecx;      /* CPUID(0x80000001).ecx */
  uint64_t xcr0;          /* XGETBV(0) */
} cwasm_x86_cpuid;

/*
 * x86_64, with the semantics of Rust std_detect (os/x86.rs):
 *   nothing at all when max_leaf < 1;
 *   sse3 = 1.ecx[0], ssse3 = 1.ecx[9], cmpxchg16b = 1.ecx[13],
 *   sse4.1 = 1.ecx[19], sse4.2 = 1.ecx[20], popcnt = 1.ecx[23],
 *   bmi1 = 7.ebx[3], bmi2 = 7.ebx[8], lzcnt = 0x80000001.ecx[5];
 *   only if XSAVE (1.ecx[26]) and OSXSAVE (1.ecx[27]) and XCR0 has SSE and
 *   AVX state (bits 1, 2): avx = 1.ecx[28], fma = 1.ecx[12], avx2 = 7.ebx[5],
 *   avxvnni = 7.1.eax[4];
 *   only if additionally XCR0 has opmask/ZMM state (bits 5, 6, 7) and the CPU
 *   has F16C (1.ecx[29]) and FMA: avx512f = 7.ebx[16], avx512dq = 7.ebx[17],
 *   avx512vl = 7.ebx[31], avx512vbmi = 7.ecx[1], avx512vnni = 7.ecx[11],
 *   avx512bitalg = 7.ecx[12];
 *   on "GenuineIntel" without avx, bmi1 and bmi2 are cleared (erratum SKL052).
 * Every x86 feature is known; out->arch = CWASM_ARCH_X86_64. A NULL `regs`
 * describes a CPU with nothing. Does nothing if `out` is NULL.
 */
CWASM_API void cwasm_host_cpu_from_x86(const cwasm_x86_cpuid *regs, cwasm_host_cpu *out);

/*
 * Linux AT_HWCAP / AT_HWCAP2 values.
 *   aarch64 (Rust std_detect os/linux/aarch64.rs): lse = HWCAP[8] (atomics),
 *     fp16 = HWCAP[0] && HWCAP[9] (fp and fphp), dotprod = HWCAP[20] (asimddp),
 *     paca = HWCAP[30], i8mm = HWCAP2[13]. All five known.
 *   s390x (Wasmtime v3-v35): mie2 = HWCAP[15] (VXRS_EXT2); only mie2 known.
 *     hwcap2 is ignored.
 *   riscv64: all_present, nothing else (the values are ignored).
 * Any other arch: *out describes that arch with nothing known and the call
 * returns CWASM_E_ARGUMENT. NULL `out` -> CWASM_E_ARGUMENT.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_cpu_from_hwcap(cwasm_arch arch, uint64_t hwcap,
                                                               uint64_t hwcap2,
                                                               cwasm_host_cpu *out);

/*
 * s390x STFLE facility list (Wasmtime v36+): `n` big-endian-numbered
 * doublewords; facility bit b is bit (63 - b % 64) of dwords[b / 64], i.e.
 * counted from the most significant bit of dwords[0]. Bits beyond `n`
 * doublewords read as 0 (as with STFLE's zero-filled buffer).
 *   mie3 = 61, mie4 = 84, vxrs_ext2 = 148, vxrs_ext3 = 198.
 * These four are known; out->arch = CWASM_ARCH_S390X. Does nothing if `out`
 * is NULL; a NULL `dwords` reads as all zero.
 */
CWASM_API void cwasm_host_cpu_from_s390x_stfle(const uint64_t *dwords, size_t n,
                                               cwasm_host_cpu *out);

/* ------------------------------------------------------------ live probe */

/*
 * Read this machine's CPUID leaves and XCR0 in the order and under the
 * conditions Rust does. Returns 1 on x86_64 (gcc/clang), 0 elsewhere (with
 * *regs zeroed). Does nothing and returns 0 if `regs` is NULL.
 */
CWASM_API int cwasm_x86_cpuid_read(cwasm_x86_cpuid *regs);

/*
 * Probe this machine now, without the cache:
 *   x86_64: cwasm_x86_cpuid_read + cwasm_host_cpu_from_x86;
 *   aarch64 Linux: getauxval(AT_HWCAP, AT_HWCAP2) + cwasm_host_cpu_from_hwcap;
 *   s390x: STFLE (any OS) and, on Linux, AT_HWCAP, combined;
 *   riscv64: all_present;
 *   otherwise (incl. aarch64 off Linux): the native arch, nothing known.
 */
CWASM_API void cwasm_host_cpu_detect(cwasm_host_cpu *out);

/* cwasm_host_cpu_detect computed once per process and cached; safe to call
 * from any number of threads. Does nothing if `out` is NULL. */
CWASM_API void cwasm_host_cpu_probe(cwasm_host_cpu *out);

/* ----------------------------------------------------------------- query */

typedef enum cwasm_probe_answer {
  CWASM_PROBE_UNKNOWN = 0, /* Wasmtime: "failed to detect if target-specific flag ..." */
  CWASM_PROBE_ABSENT = 1,  /* Wasmtime: "... is enabled, but not available on the host" */
  CWASM_PROBE_PRESENT = 2
} cwasm_probe_answer;

/* "unknown", "absent", "present". */
CWASM_API const char *cwasm_probe_answer_name(cwasm_probe_answer a);

/*
 * What the default probe of Wasmtime `release` (major version; 0 = the
 * newest rules) answers for `f` on host `h`:
 *   - all_present (riscv64) -> PRESENT, for any feature;
 *   - UNKNOWN if that release's probe does not answer `f` at all:
 *     cmpxchg16b before v27, avxvnni/avx512vnni before v48, fp16 before v25,
 *     dotprod before v47, i8mm before v48, mie2 from v36, mie3/mie4/vxrs_ext3
 *     before v36; or if `f` is of another arch than h->arch, or not known;
 *   - for s390x before v36, "vxrs_ext2" is answered by the mie2 bit
 *     (AT_HWCAP bit 15), from v36 by its own (STFLE) bit.
 * Releases before v21 had no feature-string probe, but the same detection
 * stood behind their per-arch name tables, so the same rules apply.
 */
CWASM_API cwasm_probe_answer cwasm_host_cpu_query(const cwasm_host_cpu *h, cwasm_cpu_feature f,
                                                  uint16_t release);

/* ----------------------------------------------------------------- parse */

/*
 * Apply a user-given feature list (e.g. for `--host-features`) to *inout:
 * comma-separated items, each "+name" or "name" (present) or "-name"
 * (absent), where name is a feature string of inout->arch
 * ("+avx2,-avx512f,sse4.2"). Spaces and tabs around items are ignored; later
 * items win. An empty list changes nothing.
 * On failure nothing is changed, CWASM_E_ARGUMENT is returned and, if
 * `err_pos` is not NULL, *err_pos receives the byte offset of the offending
 * item (an empty item, an unknown name, a feature of another architecture).
 * NULL `list` or `inout` -> CWASM_E_ARGUMENT with *err_pos = 0.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_cpu_parse_features(const char *list,
                                                                   cwasm_host_cpu *inout,
                                                                   size_t *err_pos);

#ifdef __cplusplus
}
#endif

#endif /* CWASM_HOST_H */
