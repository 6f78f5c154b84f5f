/*
 * Host CPU probe, common part: feature names and their per-release rules,
 * the cached live probe, the three-valued query and the feature-list parser.
 * The per-architecture decoding lives in host_x86.c, host_arm.c and
 * host_other.c.
 */
#include <stdatomic.h>
#include <string.h>

#include "host_impl.h"

/* ------------------------------------------------------------------ tables */

static const char *const k_arch_names[] = {
    [CWASM_ARCH_UNKNOWN] = "unknown",       [CWASM_ARCH_X86_64] = "x86_64",
    [CWASM_ARCH_AARCH64] = "aarch64",       [CWASM_ARCH_S390X] = "s390x",
    [CWASM_ARCH_RISCV64] = "riscv64",       [CWASM_ARCH_PULLEY32] = "pulley32",
    [CWASM_ARCH_PULLEY64] = "pulley64",     [CWASM_ARCH_PULLEY32BE] = "pulley32be",
    [CWASM_ARCH_PULLEY64BE] = "pulley64be",
};

/*
 * One row per feature string. `first`..`last` are the Wasmtime releases whose
 * default probe answers the string at all (0 = no bound); outside them the
 * probe says "unknown" (spec §6.4, config.rs::detect_host_feature).
 * Before release `own_from`, the answer is the bit of `early_source` instead
 * of the feature's own: Wasmtime v3-v35 on s390x answered "vxrs_ext2" from
 * AT_HWCAP bit 15, which we keep in the mie2 bit.
 */
typedef struct feature_row {
  const char *name;
  cwasm_arch arch;
  uint16_t first;
  uint16_t last;
  uint16_t own_from;
  cwasm_cpu_feature early_source;
} feature_row;

#define X86(n) {n, CWASM_ARCH_X86_64, 0, 0, 0, CWASM_CPU_SSE3}
#define X86_FROM(n, r) {n, CWASM_ARCH_X86_64, r, 0, 0, CWASM_CPU_SSE3}
#define ARM_FROM(n, r) {n, CWASM_ARCH_AARCH64, r, 0, 0, CWASM_CPU_SSE3}

static const feature_row k_features[CWASM_CPU__COUNT] = {
    [CWASM_CPU_SSE3] = X86("sse3"),
    [CWASM_CPU_SSSE3] = X86("ssse3"),
    [CWASM_CPU_SSE4_1] = X86("sse4.1"),
    [CWASM_CPU_SSE4_2] = X86("sse4.2"),
    [CWASM_CPU_POPCNT] = X86("popcnt"),
    [CWASM_CPU_AVX] = X86("avx"),
    [CWASM_CPU_AVX2] = X86("avx2"),
    [CWASM_CPU_FMA] = X86("fma"),
    [CWASM_CPU_BMI1] = X86("bmi1"),
    [CWASM_CPU_BMI2] = X86("bmi2"),
    [CWASM_CPU_AVX512BITALG] = X86("avx512bitalg"),
    [CWASM_CPU_AVX512DQ] = X86("avx512dq"),
    [CWASM_CPU_AVX512F] = X86("avx512f"),
    [CWASM_CPU_AVX512VL] = X86("avx512vl"),
    [CWASM_CPU_AVX512VBMI] = X86("avx512vbmi"),
    [CWASM_CPU_LZCNT] = X86("lzcnt"),
    [CWASM_CPU_CMPXCHG16B] = X86_FROM("cmpxchg16b", 27),
    [CWASM_CPU_AVXVNNI] = X86_FROM("avxvnni", 48),
    [CWASM_CPU_AVX512VNNI] = X86_FROM("avx512vnni", 48),
    [CWASM_CPU_LSE] = ARM_FROM("lse", 0),
    [CWASM_CPU_PACA] = ARM_FROM("paca", 0),
    [CWASM_CPU_FP16] = ARM_FROM("fp16", 25),
    [CWASM_CPU_DOTPROD] = ARM_FROM("dotprod", 47),
    [CWASM_CPU_I8MM] = ARM_FROM("i8mm", 48),
    [CWASM_CPU_VXRS_EXT2] = {"vxrs_ext2", CWASM_ARCH_S390X, 0, 0, 36, CWASM_CPU_MIE2},
    [CWASM_CPU_MIE2] = {"mie2", CWASM_ARCH_S390X, 0, 35, 0, CWASM_CPU_MIE2},
    [CWASM_CPU_VXRS_EXT3] = {"vxrs_ext3", CWASM_ARCH_S390X, 36, 0, 0, CWASM_CPU_VXRS_EXT3},
    [CWASM_CPU_MIE3] = {"mie3", CWASM_ARCH_S390X, 36, 0, 0, CWASM_CPU_MIE3},
    [CWASM_CPU_MIE4] = {"mie4", CWASM_ARCH_S390X, 36, 0, 0, CWASM_CPU_MIE4},
};

#undef X86
#undef X86_FROM
#undef ARM_FROM

static bool feature_valid(cwasm_cpu_feature f) {
  return (unsigned)f < (unsigned)CWASM_CPU__COUNT;
}

/* Length-bounded exact lookup (the parser works on unterminated slices). */
static bool feature_lookup(const char *p, size_t n, cwasm_cpu_feature *out) {
  for (unsigned i = 0; i < (unsigned)CWASM_CPU__COUNT; i++) {
    const char *name = k_features[i].name;
    if (strlen(name) == n && memcmp(name, p, n) == 0) {
      *out = (cwasm_cpu_feature)i;
      return true;
    }
  }
  return false;
}

/* -------------------------------------------------------------- names, arch */

const char *cwasm_arch_name(cwasm_arch a) {
  if ((unsigned)a < sizeof k_arch_names / sizeof k_arch_names[0]) return k_arch_names[a];
  return "unknown";
}

const char *cwasm_cpu_feature_name(cwasm_cpu_feature f) {
  return feature_valid(f) ? k_features[f].name : NULL;
}

int cwasm_cpu_feature_from_name(const char *name, cwasm_cpu_feature *out) {
  cwasm_cpu_feature f;
  if (!name || !out || !feature_lookup(name, strlen(name), &f)) return -1;
  *out = f;
  return 0;
}

cwasm_arch cwasm_cpu_feature_arch(cwasm_cpu_feature f) {
  return feature_valid(f) ? k_features[f].arch : CWASM_ARCH_UNKNOWN;
}

cwasm_arch cwasm_host_cpu_native_arch(void) {
#if defined(__x86_64__) || defined(_M_X64) || defined(_M_AMD64)
  return CWASM_ARCH_X86_64;
#elif defined(__aarch64__) || defined(_M_ARM64)
  return CWASM_ARCH_AARCH64;
#elif defined(__s390x__)
  return CWASM_ARCH_S390X;
#elif defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 64
  return CWASM_ARCH_RISCV64;
#else
  return CWASM_ARCH_UNKNOWN;
#endif
}

/* ---------------------------------------------------------------- answers */

void host_reset(cwasm_host_cpu *out, cwasm_arch arch) {
  memset(out, 0, sizeof *out); /* padding too: results compare with memcmp */
  out->arch = arch;
}

void host_answer(cwasm_host_cpu *out, cwasm_cpu_feature f, bool present) {
  out->known |= CWASM_CPU_BIT(f);
  if (present)
    out->present |= CWASM_CPU_BIT(f);
  else
    out->present &= ~CWASM_CPU_BIT(f);
}

cwasm_status cwasm_host_cpu_from_hwcap(cwasm_arch arch, uint64_t hwcap, uint64_t hwcap2,
                                       cwasm_host_cpu *out) {
  if (!out) return CWASM_E_ARGUMENT;
  switch (arch) {
    case CWASM_ARCH_AARCH64:
      host_from_hwcap_aarch64(hwcap, hwcap2, out);
      return CWASM_OK;
    case CWASM_ARCH_S390X:
      host_from_hwcap_s390x(hwcap, out);
      return CWASM_OK;
    case CWASM_ARCH_RISCV64:
      host_reset(out, arch);
      out->all_present = 1;
      return CWASM_OK;
    default:
      host_reset(out, arch);
      return CWASM_E_ARGUMENT;
  }
}

/* ------------------------------------------------------------- live probe */

void cwasm_host_cpu_detect(cwasm_host_cpu *out) {
  bool live;
  if (!out) return;
  /* At most one probe is live in a build; the others return false without
   * touching *out, so calling all of them in turn is the same as a chain. */
  live = host_detect_x86(out);
  live |= host_detect_aarch64(out);
  live |= host_detect_s390x(out);
  live |= host_detect_riscv64(out);
  /* unreachable: on x86_64, aarch64 Linux, s390x and riscv64, which have a probe */
  if (!live) host_reset(out, cwasm_host_cpu_native_arch());
}

/*
 * The one piece of shared state in the library. Detection is idempotent, so
 * no thread ever waits: whoever finds the cache empty detects on its own;
 * the first to claim the slot (0 -> 1) stores its result and publishes it
 * (-> 2, release); readers copy only after seeing 2 (acquire). Only the
 * claimant writes g_host, so there is no data race.
 */
enum { CACHE_EMPTY = 0, CACHE_FILLING = 1, CACHE_READY = 2 };
static atomic_int g_host_state; /* static storage: zero = CACHE_EMPTY, a valid state */
static cwasm_host_cpu g_host;

void cwasm_host_cpu_probe(cwasm_host_cpu *out) {
  if (!out) return;
  if (atomic_load_explicit(&g_host_state, memory_order_acquire) == CACHE_READY) {
    *out = g_host;
    return;
  }
  cwasm_host_cpu fresh;
  cwasm_host_cpu_detect(&fresh);
  int expected = CACHE_EMPTY;
  /* unreachable: false, in a test. Only when another thread claimed the slot
   * since the load above, a race no deterministic test can set up */
  if (atomic_compare_exchange_strong_explicit(&g_host_state, &expected, CACHE_FILLING,
                                              memory_order_acquire, memory_order_relaxed)) {
    g_host = fresh;
    atomic_store_explicit(&g_host_state, CACHE_READY, memory_order_release);
  }
  *out = fresh;
}

/* ------------------------------------------------------------------ query */

const char *cwasm_probe_answer_name(cwasm_probe_answer a) {
  switch (a) {
    case CWASM_PROBE_ABSENT: return "absent";
    case CWASM_PROBE_PRESENT: return "present";
    case CWASM_PROBE_UNKNOWN: break;
  }
  return "unknown";
}

cwasm_probe_answer cwasm_host_cpu_query(const cwasm_host_cpu *h, cwasm_cpu_feature f,
                                        uint16_t release) {
  if (!h || !feature_valid(f)) return CWASM_PROBE_UNKNOWN;
  /* Wasmtime on riscv64 answers Some(true) for every string, in every release. */
  if (h->all_present) return CWASM_PROBE_PRESENT;
  const feature_row *row = &k_features[f];
  unsigned rel = release ? release : UINT16_MAX;
  if (row->arch != h->arch) return CWASM_PROBE_UNKNOWN;
  if (rel < row->first || (row->last != 0 && rel > row->last)) return CWASM_PROBE_UNKNOWN;
  cwasm_cpu_feature src = rel < row->own_from ? row->early_source : f;
  uint64_t bit = CWASM_CPU_BIT(src);
  if (!(h->known & bit)) return CWASM_PROBE_UNKNOWN;
  return (h->present & bit) ? CWASM_PROBE_PRESENT : CWASM_PROBE_ABSENT;
}

/* ------------------------------------------------------------------ parse */

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

cwasm_status cwasm_host_cpu_parse_features(const char *list, cwasm_host_cpu *inout,
                                           size_t *err_pos) {
  size_t scratch;
  size_t *pos = err_pos ? err_pos : &scratch;
  if (!list || !inout) {
    *pos = 0;
    return CWASM_E_ARGUMENT;
  }
  size_t i = 0;
  while (is_blank(list[i])) i++;
  if (list[i] == '\0') return CWASM_OK; /* empty list */

  cwasm_host_cpu work = *inout; /* committed only when every item is good */
  i = 0;
  for (;;) {
    while (is_blank(list[i])) i++;
    size_t item = i;
    bool present = true;
    if (list[i] == '+' || list[i] == '-') {
      present = list[i] == '+';
      i++;
    }
    size_t name = i;
    while (list[i] != '\0' && list[i] != ',' && !is_blank(list[i])) i++;
    size_t name_len = i - name;
    while (is_blank(list[i])) i++;
    cwasm_cpu_feature f;
    if (name_len == 0 || (list[i] != ',' && list[i] != '\0') ||
        !feature_lookup(list + name, name_len, &f) || k_features[f].arch != work.arch) {
      *pos = item;
      return CWASM_E_ARGUMENT;
    }
    host_answer(&work, f, present);
    if (list[i] == '\0') break;
    i++; /* the comma */
  }
  *inout = work;
  return CWASM_OK;
}
