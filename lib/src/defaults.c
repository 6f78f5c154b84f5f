/*
 * What a default-configured Wasmtime writes into an artifact's metadata
 * (artifact-format.md §7), per release.
 *
 * Two sources:
 *   - transcriptions of §7 for v4.0.0, v24.0.x, v36.0.x and v48.0.0 on
 *     x86_64-unknown-linux-gnu (exact = 1);
 *   - a derivation for every release 3..49 and every architecture family
 *     from master tables with version ranges: a shared flag is written iff
 *     Cranelift of that release has it (which is where §6.3 says the loader
 *     knows the name, except use_pinned_reg_as_heap_base, gone from
 *     Cranelift in v5), in Cranelift descriptor order (v15+) or sorted by
 *     name (the v3-v14 BTreeMap); values are §7.2's with the §8 changes.
 * tests/test_defaults.c proves the derivation reproduces the transcriptions,
 * and that every default passes the same release's loader rules.
 */
#include <string.h>

#include "internal.h"
#include "policy_impl.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define L ALL_LAST
#define GIB4 UINT64_C(4294967296)
#define GIB2 UINT64_C(2147483648)
#define MIB32 UINT64_C(33554432)

/* --------------------------------------------------------- shared flags */

/* A value that changed with the release or depends on the target arch. */
typedef enum value_rule {
  VR_FIXED = 0,
  VR_PROBESTACK,          /* v3 false; v4-v26 true on x86_64/aarch64/riscv64; v27+ true */
  VR_PROBESTACK_STRATEGY  /* v3 "outline", v4+ "inline" */
} value_rule;

typedef struct shared_default {
  const char *name;
  uint16_t first, last; /* releases whose Cranelift writes it */
  flag_value value;
  value_rule rule;
} shared_default;

#define B(v) {CWASM_FLAG_BOOL, 0, v, NULL}
#define N(v) {CWASM_FLAG_NUM, v, 0, NULL}
#define E(s) {CWASM_FLAG_ENUM, 0, 0, s}

/* Cranelift descriptor order: enum/num settings first, then bools, each in
 * definition order (shared/settings.rs). The sequence era writes this order. */
static const shared_default SHARED_DEFAULTS[] = {
    {"regalloc_algorithm", 28, L, E("backtracking"), VR_FIXED},
    {"opt_level", 3, L, E("speed"), VR_FIXED},
    {"tls_model", 3, L, E("none"), VR_FIXED},
    {"stack_switch_model", 25, L, E("none"), VR_FIXED},
    {"libcall_call_conv", 3, L, E("isa_default"), VR_FIXED},
    {"probestack_size_log2", 3, L, N(12), VR_FIXED},
    {"probestack_strategy", 3, L, E("inline"), VR_PROBESTACK_STRATEGY},
    {"bb_padding_log2_minus_one", 10, L, N(0), VR_FIXED},
    {"log2_min_function_alignment", 32, L, N(0), VR_FIXED},
    {"regalloc_checker", 3, L, B(0), VR_FIXED},
    {"regalloc_verbose_logs", 3, L, B(0), VR_FIXED},
    {"enable_alias_analysis", 3, L, B(1), VR_FIXED},
    {"enable_verifier", 3, L, B(0), VR_FIXED},
    {"enable_pcc", 15, 43, B(0), VR_FIXED},
    {"is_pic", 3, L, B(0), VR_FIXED},
    {"use_colocated_libcalls", 3, L, B(0), VR_FIXED},
    {"enable_float", 3, 37, B(1), VR_FIXED},
    {"enable_nan_canonicalization", 3, L, B(0), VR_FIXED},
    {"enable_pinned_reg", 3, L, B(0), VR_FIXED},
    {"enable_atomics", 3, 37, B(1), VR_FIXED},
    {"enable_safepoints", 3, 37, B(1), VR_FIXED}, /* reference types are on by default */
    {"enable_llvm_abi_extensions", 3, L, B(0), VR_FIXED},
    {"enable_multi_ret_implicit_sret", 27, L, B(1), VR_FIXED},
    {"unwind_info", 3, L, B(1), VR_FIXED},
    {"preserve_frame_pointers", 3, L, B(1), VR_FIXED},
    {"machine_code_cfg_info", 3, L, B(0), VR_FIXED},
    {"enable_probestack", 3, L, B(1), VR_PROBESTACK},
    {"probestack_func_adjusts_sp", 3, 20, B(0), VR_FIXED}, /* position in v15-v20 derived */
    {"enable_jump_tables", 3, 37, B(1), VR_FIXED},
    {"enable_heap_access_spectre_mitigation", 3, L, B(1), VR_FIXED},
    {"enable_table_access_spectre_mitigation", 3, L, B(1), VR_FIXED},
    {"enable_incremental_compilation_cache_checks", 3, L, B(0), VR_FIXED},
    {"enable_compact_unwind_abi", 46, L, B(0), VR_FIXED},
    /* settings that left Cranelift before the sequence era */
    {"avoid_div_traps", 3, 7, B(1), VR_FIXED},
    {"enable_simd", 3, 10, B(1), VR_FIXED},
    {"use_egraphs", 3, 8, B(0), VR_FIXED},
    {"use_pinned_reg_as_heap_base", 3, 4, B(0), VR_FIXED},
};

/* ------------------------------------------------------------- ISA flags */

typedef struct isa_default {
  const char *name;
  uint16_t first, last;
  cwasm_arch arch;
  int feature;                  /* cwasm_cpu_feature asked when compiling natively, -1: none */
  uint16_t true_first, true_last; /* Cranelift's default is true in these releases (0: never) */
} isa_default;

#define NOF (-1)
#define X86 CWASM_ARCH_X86_64
#define ARM CWASM_ARCH_AARCH64
#define S390 CWASM_ARCH_S390X
#define RV CWASM_ARCH_RISCV64

/* Cranelift meta isa/{x86,arm64,s390x,riscv64}.rs, descriptor order. */
static const isa_default ISA_DEFAULTS[] = {
    {"has_sse3", 3, L, X86, CWASM_CPU_SSE3, 3, 10},
    {"has_ssse3", 3, L, X86, CWASM_CPU_SSSE3, 3, 10},
    {"has_cmpxchg16b", 27, L, X86, CWASM_CPU_CMPXCHG16B, 0, 0},
    {"has_sse41", 3, L, X86, CWASM_CPU_SSE4_1, 3, 9},
    {"has_sse42", 3, L, X86, CWASM_CPU_SSE4_2, 3, 8},
    {"has_avx", 3, L, X86, CWASM_CPU_AVX, 0, 0},
    {"has_avx2", 3, L, X86, CWASM_CPU_AVX2, 0, 0},
    {"has_fma", 3, L, X86, CWASM_CPU_FMA, 0, 0},
    {"has_avx_vnni", 48, L, X86, CWASM_CPU_AVXVNNI, 0, 0},
    {"has_avx512bitalg", 3, L, X86, CWASM_CPU_AVX512BITALG, 0, 0},
    {"has_avx512dq", 3, L, X86, CWASM_CPU_AVX512DQ, 0, 0},
    {"has_avx512vl", 3, L, X86, CWASM_CPU_AVX512VL, 0, 0},
    {"has_avx512vbmi", 3, L, X86, CWASM_CPU_AVX512VBMI, 0, 0},
    {"has_avx512f", 3, L, X86, CWASM_CPU_AVX512F, 0, 0},
    {"has_avx512vnni", 48, L, X86, CWASM_CPU_AVX512VNNI, 0, 0},
    {"has_popcnt", 3, L, X86, CWASM_CPU_POPCNT, 0, 0},
    {"has_bmi1", 3, L, X86, CWASM_CPU_BMI1, 0, 0},
    {"has_bmi2", 3, L, X86, CWASM_CPU_BMI2, 0, 0},
    {"has_lzcnt", 3, L, X86, CWASM_CPU_LZCNT, 0, 0},
    /* aarch64: positions of dotprod/i8mm derived; use_csdb (v44+) is unknown to every
     * loader, written false */
    {"has_lse", 3, L, ARM, CWASM_CPU_LSE, 0, 0},
    {"has_pauth", 3, L, ARM, CWASM_CPU_PACA, 0, 0},
    {"has_fp16", 25, L, ARM, CWASM_CPU_FP16, 0, 0},
    {"has_dotprod", 47, L, ARM, CWASM_CPU_DOTPROD, 0, 0},
    {"has_i8mm", 48, L, ARM, CWASM_CPU_I8MM, 0, 0},
    {"sign_return_address_all", 3, L, ARM, NOF, 0, 0},
    {"sign_return_address", 3, L, ARM, NOF, 0, 0},
    {"sign_return_address_with_bkey", 3, L, ARM, NOF, 0, 0},
    {"use_bti", 3, L, ARM, NOF, 0, 0},
    {"use_csdb", 44, L, ARM, NOF, 0, 0},
    /* s390x: the v36 set replaced mie2 */
    {"has_mie2", 3, 35, S390, CWASM_CPU_MIE2, 0, 0},
    {"has_mie3", 36, L, S390, CWASM_CPU_MIE3, 0, 0},
    {"has_vxrs_ext2", 3, L, S390, CWASM_CPU_VXRS_EXT2, 0, 0},
    {"has_mie4", 36, L, S390, CWASM_CPU_MIE4, 0, 0},
    {"has_vxrs_ext3", 36, L, S390, CWASM_CPU_VXRS_EXT3, 0, 0},
    /* riscv64: a representative subset (the real list grows per release); every
     * name is available on a riscv64 host */
    {"has_m", 3, L, RV, NOF, 3, L},
    {"has_a", 3, L, RV, NOF, 3, L},
    {"has_f", 3, L, RV, NOF, 3, L},
    {"has_d", 3, L, RV, NOF, 3, L},
    {"has_v", 3, L, RV, NOF, 0, 0},
    {"has_zba", 3, L, RV, NOF, 0, 0},
    {"has_zbb", 3, L, RV, NOF, 0, 0},
};

#undef X86
#undef ARM
#undef S390
#undef RV

/* ---------------------------------------------------------- Tunables */

typedef struct tunable_default {
  cwasm_tunable_id id;
  uint16_t first, last;
  uint64_t value;
  uint8_t is_none;
} tunable_default;

#define T(x) CWASM_T_##x

/* §7.4 values; a field with several rows changed its default (§8). Only rows
 * whose field is in the release's layout are used. */
static const tunable_default TUNABLE_DEFAULTS[] = {
    {T(STATIC_MEMORY_BOUND), 3, L, 65536, 0}, /* 4 GiB in 64 KiB pages (64-bit hosts) */
    {T(STATIC_MEMORY_RESERVATION), 3, L, GIB4, 0},
    {T(MEMORY_RESERVATION), 3, L, GIB4, 0},
    {T(STATIC_MEMORY_OFFSET_GUARD_SIZE), 3, L, GIB2, 0},
    {T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), 3, L, 65536, 0},
    {T(MEMORY_GUARD_SIZE), 3, 27, GIB2, 0},
    {T(MEMORY_GUARD_SIZE), 28, L, MIB32, 0}, /* 34504fede5: 2 GiB -> 32 MiB */
    {T(DYNAMIC_MEMORY_GROWTH_RESERVE), 3, L, GIB2, 0},
    {T(MEMORY_RESERVATION_FOR_GROWTH), 3, L, GIB2, 0},
    {T(GENERATE_NATIVE_DEBUGINFO), 3, L, 0, 0},
    {T(PARSE_WASM_DEBUGINFO), 3, L, 0, 0}, /* true only with WASMTIME_BACKTRACE_DETAILS=1 */
    {T(CONSUME_FUEL), 3, L, 0, 0},
    {T(EPOCH_INTERRUPTION), 3, L, 0, 0},
    {T(STATIC_MEMORY_BOUND_IS_MAXIMUM), 3, L, 0, 0},
    {T(GUARD_BEFORE_LINEAR_MEMORY), 3, L, 1, 0},
    {T(GENERATE_ADDRESS_MAP), 3, L, 1, 0},
    {T(DEBUG_ADAPTER_MODULES), 3, L, 0, 0},
    {T(RELAXED_SIMD_DETERMINISTIC), 3, L, 0, 0},
    {T(TAIL_CALLABLE), 3, 21, 0, 0},
    {T(TAIL_CALLABLE), 22, L, 1, 0}, /* follows the tail-call feature, on by default from v22 (derived) */
    {T(WINCH_CALLABLE), 3, L, 0, 0},
    {T(CACHE_CALL_INDIRECTS), 3, L, 0, 0},
    {T(MAX_CALL_INDIRECT_CACHE_SLOTS), 3, L, 50, 0},
    {T(TABLE_LAZY_INIT), 3, L, 1, 0},
    {T(SIGNALS_BASED_TRAPS), 3, L, 1, 0},
    {T(COLLECTOR), 3, 45, 0, 0},  /* Some(DeferredReferenceCounting) */
    {T(COLLECTOR), 46, L, 2, 0},  /* Some(Copying): Auto -> Copying with gc-copying (v46+) */
    {T(MEMORY_MAY_MOVE), 3, L, 1, 0},
    {T(MEMORY_INIT_COW), 3, L, 1, 0},
    {T(INLINING_BOOL), 3, L, 0, 0},
    {T(INLINING_INTRA_MODULE), 3, L, 2, 0}, /* WhenUsingGc */
    {T(INLINING_SMALL_CALLEE_SIZE), 3, L, 50, 0},
    {T(INLINING_SUM_SIZE_THRESHOLD), 3, L, 2000, 0},
    {T(DEBUG_NATIVE), 3, L, 0, 0},
    {T(DEBUG_GUEST), 3, L, 0, 0},
    {T(CONCURRENCY_SUPPORT), 3, 47, 0, 0},
    {T(CONCURRENCY_SUPPORT), 48, L, 1, 0}, /* component-model-async became a default feature */
    {T(OPERATOR_COST), 3, L, 1, 0},        /* OperatorCostStrategy::Default */
    {T(RECORDING), 3, L, 0, 0},
    {T(GC_ZEAL_ALLOC_COUNTER), 3, L, 0, 1},
    {T(GC_HEAP_RESERVATION), 3, L, GIB4, 0}, /* copied from the memory settings */
    {T(GC_HEAP_GUARD_SIZE), 3, L, MIB32, 0},
    {T(GC_HEAP_RESERVATION_FOR_GROWTH), 3, L, GIB2, 0},
    {T(GC_HEAP_MAY_MOVE), 3, L, 1, 0},
    {T(METADATA_FOR_INTERNAL_ASSERTS), 3, L, 0, 0},
    {T(METADATA_FOR_GC_HEAP_CORRUPTION), 3, L, 1, 0},
    {T(BRANCH_HINTING), 3, L, 0, 0},
    {T(DEBUG_SYMBOLS), 3, L, 1, 0},
    {T(GC_HEAP_INITIAL_SIZE), 3, L, 0, 0},
    {T(INLINING_ENUM), 3, L, 4, 0}, /* Inlining::No */
};

/* ---------------------------------------------------------- features */

typedef struct feature_default {
  const char *name; /* struct field (v3-v32) or wasmparser flag (v33+) */
  uint16_t first, last;
} feature_default;

/* Enabled by a default Config (module artifacts). v4, v24, v36 and v48 are
 * §7.5; the other boundaries are derived and marked so. */
static const feature_default FEATURE_DEFAULTS[] = {
    /* struct-of-bools era */
    {"reference_types", 3, 32},
    {"multi_value", 3, 32},
    {"bulk_memory", 3, 32},
    {"simd", 3, 32},
    {"relaxed_simd", 15, 32},    /* derived */
    {"multi_memory", 15, 32},    /* derived */
    {"component_model", 20, 32}, /* derived */
    {"threads", 20, 32},         /* derived */
    {"tail_call", 22, 32},       /* derived */
    {"gc_types", 27, 32},        /* derived: GC types on, as the v27+ collector default says */
    /* wasmparser bit-set era: WASM2 + ... (§7.5) */
    {"mutable_global", 33, L},
    {"saturating_float_to_int", 33, L},
    {"sign_extension", 33, L},
    {"reference_types", 33, L},
    {"multi_value", 33, L},
    {"bulk_memory", 33, L},
    {"simd", 33, L},
    {"relaxed_simd", 33, L},
    {"threads", 33, L},
    {"tail_call", 33, L},
    {"floats", 33, L},
    {"multi_memory", 33, L},
    {"memory64", 33, L},
    {"extended_const", 33, L},
    {"component_model", 33, L},
    {"gc_types", 33, L},
    {"exceptions", 48, L}, /* WASM3 + CM_ASYNC in v48 */
    {"function_references", 48, L},
    {"gc", 48, L},
    {"cm_async", 48, L},
};

/* ---------------------------------------------------- transcriptions (§7) */

typedef struct exact_release {
  uint16_t release;
  const cwasm_default_flag *shared;
  size_t shared_count;
  const char *const *isa; /* x86_64 names in written order */
  size_t isa_count;
  uint64_t features;
} exact_release;

#define DB(n, v) {n, CWASM_FLAG_BOOL, 0, v, NULL}
#define DN(n, v) {n, CWASM_FLAG_NUM, v, 0, NULL}
#define DE(n, s) {n, CWASM_FLAG_ENUM, 0, 0, s}

static const cwasm_default_flag V4_SHARED[] = {
    DB("avoid_div_traps", 1), DB("enable_alias_analysis", 1), DB("enable_atomics", 1),
    DB("enable_float", 1), DB("enable_heap_access_spectre_mitigation", 1),
    DB("enable_incremental_compilation_cache_checks", 0), DB("enable_jump_tables", 1),
    DB("enable_llvm_abi_extensions", 0), DB("enable_nan_canonicalization", 0),
    DB("enable_pinned_reg", 0), DB("enable_probestack", 1), DB("enable_safepoints", 1),
    DB("enable_simd", 1), DB("enable_table_access_spectre_mitigation", 1), DB("enable_verifier", 0),
    DB("is_pic", 0), DE("libcall_call_conv", "isa_default"), DB("machine_code_cfg_info", 0),
    DE("opt_level", "speed"), DB("preserve_frame_pointers", 1), DB("probestack_func_adjusts_sp", 0),
    DN("probestack_size_log2", 12), DE("probestack_strategy", "inline"), DB("regalloc_checker", 0),
    DB("regalloc_verbose_logs", 0), DE("tls_model", "none"), DB("unwind_info", 1),
    DB("use_colocated_libcalls", 0), DB("use_egraphs", 0), DB("use_pinned_reg_as_heap_base", 0),
};

static const cwasm_default_flag V24_SHARED[] = {
    DE("opt_level", "speed"), DE("tls_model", "none"), DE("libcall_call_conv", "isa_default"),
    DN("probestack_size_log2", 12), DE("probestack_strategy", "inline"),
    DN("bb_padding_log2_minus_one", 0), DB("regalloc_checker", 0), DB("regalloc_verbose_logs", 0),
    DB("enable_alias_analysis", 1), DB("enable_verifier", 0), DB("enable_pcc", 0), DB("is_pic", 0),
    DB("use_colocated_libcalls", 0), DB("enable_float", 1), DB("enable_nan_canonicalization", 0),
    DB("enable_pinned_reg", 0), DB("enable_atomics", 1), DB("enable_safepoints", 1),
    DB("enable_llvm_abi_extensions", 0), DB("unwind_info", 1), DB("preserve_frame_pointers", 1),
    DB("machine_code_cfg_info", 0), DB("enable_probestack", 1), DB("enable_jump_tables", 1),
    DB("enable_heap_access_spectre_mitigation", 1), DB("enable_table_access_spectre_mitigation", 1),
    DB("enable_incremental_compilation_cache_checks", 0),
};

static const cwasm_default_flag V36_SHARED[] = {
    DE("regalloc_algorithm", "backtracking"), DE("opt_level", "speed"), DE("tls_model", "none"),
    DE("stack_switch_model", "none"), DE("libcall_call_conv", "isa_default"),
    DN("probestack_size_log2", 12), DE("probestack_strategy", "inline"),
    DN("bb_padding_log2_minus_one", 0), DN("log2_min_function_alignment", 0),
    DB("regalloc_checker", 0), DB("regalloc_verbose_logs", 0), DB("enable_alias_analysis", 1),
    DB("enable_verifier", 0), DB("enable_pcc", 0), DB("is_pic", 0), DB("use_colocated_libcalls", 0),
    DB("enable_float", 1), DB("enable_nan_canonicalization", 0), DB("enable_pinned_reg", 0),
    DB("enable_atomics", 1), DB("enable_safepoints", 1), DB("enable_llvm_abi_extensions", 0),
    DB("enable_multi_ret_implicit_sret", 1), DB("unwind_info", 1), DB("preserve_frame_pointers", 1),
    DB("machine_code_cfg_info", 0), DB("enable_probestack", 1), DB("enable_jump_tables", 1),
    DB("enable_heap_access_spectre_mitigation", 1), DB("enable_table_access_spectre_mitigation", 1),
    DB("enable_incremental_compilation_cache_checks", 0),
};

static const cwasm_default_flag V48_SHARED[] = {
    DE("regalloc_algorithm", "backtracking"), DE("opt_level", "speed"), DE("tls_model", "none"),
    DE("stack_switch_model", "none"), DE("libcall_call_conv", "isa_default"),
    DN("probestack_size_log2", 12), DE("probestack_strategy", "inline"),
    DN("bb_padding_log2_minus_one", 0), DN("log2_min_function_alignment", 0),
    DB("regalloc_checker", 0), DB("regalloc_verbose_logs", 0), DB("enable_alias_analysis", 1),
    DB("enable_verifier", 0), DB("is_pic", 0), DB("use_colocated_libcalls", 0),
    DB("enable_nan_canonicalization", 0), DB("enable_pinned_reg", 0),
    DB("enable_llvm_abi_extensions", 0), DB("enable_multi_ret_implicit_sret", 1), DB("unwind_info", 1),
    DB("preserve_frame_pointers", 1), DB("machine_code_cfg_info", 0), DB("enable_probestack", 1),
    DB("enable_heap_access_spectre_mitigation", 1), DB("enable_table_access_spectre_mitigation", 1),
    DB("enable_incremental_compilation_cache_checks", 0), DB("enable_compact_unwind_abi", 0),
};

static const char *const V4_ISA[] = {
    "has_avx",      "has_avx2", "has_avx512bitalg", "has_avx512dq", "has_avx512f", "has_avx512vbmi",
    "has_avx512vl", "has_bmi1", "has_bmi2",         "has_fma",      "has_lzcnt",   "has_popcnt",
    "has_sse3",     "has_sse41", "has_sse42",       "has_ssse3",
};
static const char *const V24_ISA[] = {
    "has_sse3",     "has_ssse3",      "has_sse41",   "has_sse42",  "has_avx",  "has_avx2",
    "has_fma",      "has_avx512bitalg", "has_avx512dq", "has_avx512vl", "has_avx512vbmi",
    "has_avx512f",  "has_popcnt",     "has_bmi1",    "has_bmi2",   "has_lzcnt",
};
static const char *const V36_ISA[] = {
    "has_sse3",       "has_ssse3",   "has_cmpxchg16b", "has_sse41", "has_sse42",
    "has_avx",        "has_avx2",    "has_fma",        "has_avx512bitalg", "has_avx512dq",
    "has_avx512vl",   "has_avx512vbmi", "has_avx512f", "has_popcnt", "has_bmi1",
    "has_bmi2",       "has_lzcnt",
};
static const char *const V48_ISA[] = {
    "has_sse3",     "has_ssse3",      "has_cmpxchg16b", "has_sse41",     "has_sse42",
    "has_avx",      "has_avx2",       "has_fma",        "has_avx_vnni",  "has_avx512bitalg",
    "has_avx512dq", "has_avx512vl",   "has_avx512vbmi", "has_avx512f",   "has_avx512vnni",
    "has_popcnt",   "has_bmi1",       "has_bmi2",       "has_lzcnt",
};

/* Each list fits a cwasm_defaults (copied without a bound check below). */
#define FITS(sh, isa)                                                                          \
  _Static_assert(COUNT_OF(sh) <= CWASM_DEFAULTS_MAX_SHARED && COUNT_OF(isa) <= CWASM_DEFAULTS_MAX_ISA, \
                 #sh " / " #isa " fit cwasm_defaults")
FITS(V4_SHARED, V4_ISA);
FITS(V24_SHARED, V24_ISA);
FITS(V36_SHARED, V36_ISA);
FITS(V48_SHARED, V48_ISA);
#undef FITS

#define EXACT(r, sh, isa, feat) {r, sh, COUNT_OF(sh), isa, COUNT_OF(isa), feat}
static const exact_release EXACT_RELEASES[] = {
    /* F1: reference_types, multi_value, bulk_memory, simd */
    EXACT(4, V4_SHARED, V4_ISA, UINT64_C(0x17)),
    /* F8: reference_types .. multi_memory, relaxed_simd */
    EXACT(24, V24_SHARED, V24_ISA, UINT64_C(0x4ff)),
    EXACT(36, V36_SHARED, V36_ISA, UINT64_C(0x60101DDFF)),
    EXACT(48, V48_SHARED, V48_ISA, UINT64_C(0xC090BFDFF)),
};
#undef EXACT

static const exact_release *exact_for(uint16_t release) {
  for (size_t i = 0; i < COUNT_OF(EXACT_RELEASES); i++)
    if (EXACT_RELEASES[i].release == release) return &EXACT_RELEASES[i];
  return NULL;
}

int cwasm_defaults_exact(uint16_t release) { return exact_for(release) != NULL; }

/* ------------------------------------------------------------ derivation */

static bool probestack_arch(cwasm_arch a) {
  return a == CWASM_ARCH_X86_64 || a == CWASM_ARCH_AARCH64 || a == CWASM_ARCH_RISCV64;
}

static cwasm_default_flag to_default(const char *name, flag_value v) {
  cwasm_default_flag f;
  f.name = name;
  f.kind = v.kind;
  f.num = v.num;
  f.boolean = v.boolean;
  f.enum_value = v.enum_value;
  return f;
}

/* Insertion sort by name (byte order, as BTreeMap<String, _> iterates). */
static void sort_by_name(cwasm_default_flag *f, uint32_t n) {
  for (uint32_t i = 1; i < n; i++) {
    cwasm_default_flag x = f[i];
    uint32_t j = i;
    while (j > 0 && strcmp(f[j - 1].name, x.name) > 0) {
      f[j] = f[j - 1];
      j--;
    }
    f[j] = x;
  }
}

/* Even all rows at once fit: no release can overflow the list. */
_Static_assert(COUNT_OF(SHARED_DEFAULTS) <= CWASM_DEFAULTS_MAX_SHARED, "shared defaults fit cwasm_defaults");

static void derive_shared(uint16_t release, cwasm_arch arch, const cwasm_layout *l, cwasm_defaults *out) {
  out->shared_count = 0;
  for (size_t i = 0; i < COUNT_OF(SHARED_DEFAULTS); i++) {
    const shared_default *d = &SHARED_DEFAULTS[i];
    flag_value v = d->value;
    if (!in_range(release, d->first, d->last)) continue;
    if (d->rule == VR_PROBESTACK)
      v.boolean = (uint8_t)(release == 3 ? 0 : release >= 27 ? 1 : probestack_arch(arch));
    else if (d->rule == VR_PROBESTACK_STRATEGY)
      v.enum_value = release == 3 ? "outline" : "inline";
    out->shared[out->shared_count++] = to_default(d->name, v);
  }
  if (l->flags_map) sort_by_name(out->shared, out->shared_count);
}

static bool is_pulley(cwasm_arch a) {
  return a == CWASM_ARCH_PULLEY32 || a == CWASM_ARCH_PULLEY64 || a == CWASM_ARCH_PULLEY32BE ||
         a == CWASM_ARCH_PULLEY64BE;
}

static void derive_isa(uint16_t release, cwasm_arch arch, const cwasm_host_cpu *cpu, const cwasm_layout *l,
                       cwasm_defaults *out) {
  out->isa_count = 0;
  if (is_pulley(arch)) {
    /* Pulley flags: pointer_width (used by loaders from v28) and big_endian (v29) */
    bool p32 = arch == CWASM_ARCH_PULLEY32 || arch == CWASM_ARCH_PULLEY32BE;
    bool be = arch == CWASM_ARCH_PULLEY32BE || arch == CWASM_ARCH_PULLEY64BE;
    flag_value pw = {CWASM_FLAG_ENUM, 0, 0, p32 ? "pointer32" : "pointer64"};
    flag_value bev = {CWASM_FLAG_BOOL, 0, (uint8_t)be, NULL};
    if (release >= 28) out->isa[out->isa_count++] = to_default("pointer_width", pw);
    if (release >= 29) out->isa[out->isa_count++] = to_default("big_endian", bev);
    return;
  }
  for (size_t i = 0; i < COUNT_OF(ISA_DEFAULTS); i++) {
    const isa_default *d = &ISA_DEFAULTS[i];
    flag_value v = {CWASM_FLAG_BOOL, 0, 0, NULL};
    /* unreachable: a full list. An architecture has at most 19 rows in a release */
    if (d->arch != arch || !in_range(release, d->first, d->last) || out->isa_count >= CWASM_DEFAULTS_MAX_ISA)
      continue;
    if (cpu && d->feature >= 0) /* native compilation writes what the CPU has */
      v.boolean = (uint8_t)(cwasm_host_cpu_query(cpu, (cwasm_cpu_feature)d->feature, release) ==
                            CWASM_PROBE_PRESENT);
    else /* cross-compilation, or a flag no probe answers: Cranelift's default */
      v.boolean = (uint8_t)(d->true_first && in_range(release, d->true_first, d->true_last));
    out->isa[out->isa_count++] = to_default(d->name, v);
  }
  if (l->flags_map) sort_by_name(out->isa, out->isa_count);
}

static void derive_tunables(uint16_t release, const cwasm_layout *l, cwasm_tunables *t) {
  memset(t, 0, sizeof *t);
  for (unsigned i = 0; i < l->tunables_count; i++) {
    cwasm_tunable_id id = l->tunables[i];
    /* unreachable: the loop running out. Every field of a release's layout has
     * a default row (test_defaults.c) */
    for (size_t k = 0; k < COUNT_OF(TUNABLE_DEFAULTS); k++) {
      const tunable_default *d = &TUNABLE_DEFAULTS[k];
      if (d->id != id || !in_range(release, d->first, d->last)) continue;
      t->f[id].present = 1;
      t->f[id].value = d->value;
      t->f[id].is_none = d->is_none;
      t->f[id].offset = CWASM_NO_OFFSET;
      break;
    }
  }
}

static void derive_features(const cwasm_release *r, cwasm_features *f) {
  const cwasm_layout *l = r->layout;
  memset(f, 0, sizeof *f);
  f->encoding = l->features;
  f->count = l->features == CWASM_FEATURES_BOOLS ? l->feature_bools_count : 0;
  f->offset = CWASM_NO_OFFSET;
  for (size_t i = 0; i < COUNT_OF(FEATURE_DEFAULTS); i++) {
    const feature_default *d = &FEATURE_DEFAULTS[i];
    if (in_range(r->major, d->first, d->last)) f->bits |= rules_feature_mask(r, d->name, strlen(d->name));
  }
}

cwasm_status defaults_derive(uint16_t release, cwasm_arch arch, const cwasm_host_cpu *cpu,
                             cwasm_defaults *out) {
  const cwasm_release *r = cwasm_release_get(release);
  if (!out) return CWASM_E_ARGUMENT;
  memset(out, 0, sizeof *out);
  if (!r) return CWASM_E_RELEASE_UNKNOWN;
  if (arch == CWASM_ARCH_UNKNOWN) arch = cwasm_host_cpu_native_arch();
  out->release = release;
  out->arch = arch;
  out->exact = 0;
  out->version = NULL;
  derive_shared(release, arch, r->layout, out);
  derive_isa(release, arch, cpu, r->layout, out);
  derive_tunables(release, r->layout, &out->tunables);
  derive_features(r, &out->features);
  return CWASM_OK;
}

/* Default version strings: the bare major from v38, "X.0.0" before (the
 * patch a real build writes is not known). */
static const char *const VERSION_STRINGS[] = {
    "3.0.0",  "4.0.0",  "5.0.0",  "6.0.0",  "7.0.0",  "8.0.0",  "9.0.0",  "10.0.0", "11.0.0", "12.0.0",
    "13.0.0", "14.0.0", "15.0.0", "16.0.0", "17.0.0", "18.0.0", "19.0.0", "20.0.0", "21.0.0", "22.0.0",
    "23.0.0", "24.0.0", "25.0.0", "26.0.0", "27.0.0", "28.0.0", "29.0.0", "30.0.0", "31.0.0", "32.0.0",
    "33.0.0", "34.0.0", "35.0.0", "36.0.0", "37.0.0", "38",     "39",     "40",     "41",     "42",
    "43",     "44",     "45",     "46",     "47",     "48",     "49",
};
_Static_assert(COUNT_OF(VERSION_STRINGS) == CWASM_LAST_RELEASE - CWASM_FIRST_RELEASE + 1,
               "one version string per release");

cwasm_status cwasm_defaults_get(uint16_t release, cwasm_arch arch, const cwasm_host_cpu *cpu,
                                cwasm_defaults *out) {
  const exact_release *x;
  cwasm_status st = defaults_derive(release, arch, cpu, out);
  if (st != CWASM_OK) return st;
  out->version = VERSION_STRINGS[release - CWASM_FIRST_RELEASE];
  x = exact_for(release);
  if (!x || out->arch != CWASM_ARCH_X86_64) return CWASM_OK;
  /* §7 transcription: the lists as written, ISA values as derived */
  {
    cwasm_default_flag isa[CWASM_DEFAULTS_MAX_ISA];
    uint32_t n = 0;
    for (size_t i = 0; i < x->isa_count; i++) { /* fits: asserted above EXACT_RELEASES */
      cwasm_default_flag f = {x->isa[i], CWASM_FLAG_BOOL, 0, 0, NULL};
      for (uint32_t k = 0; k < out->isa_count; k++)
        if (strcmp(out->isa[k].name, f.name) == 0) f.boolean = out->isa[k].boolean;
      isa[n++] = f;
    }
    memcpy(out->isa, isa, n * sizeof isa[0]);
    out->isa_count = n;
  }
  out->shared_count = (uint32_t)x->shared_count;
  memcpy(out->shared, x->shared, x->shared_count * sizeof x->shared[0]);
  out->features.bits = x->features;
  out->exact = 1;
  return CWASM_OK;
}

const char *cwasm_defaults_target(cwasm_arch arch) {
  switch (arch) {
    case CWASM_ARCH_X86_64: return "x86_64-unknown-linux-gnu";
    case CWASM_ARCH_AARCH64: return "aarch64-unknown-linux-gnu";
    case CWASM_ARCH_S390X: return "s390x-unknown-linux-gnu";
    case CWASM_ARCH_RISCV64: return "riscv64gc-unknown-linux-gnu";
    case CWASM_ARCH_PULLEY32: return "pulley32-unknown-unknown-elf";
    case CWASM_ARCH_PULLEY64: return "pulley64-unknown-unknown-elf";
    case CWASM_ARCH_PULLEY32BE: return "pulley32be-unknown-unknown-elf";
    case CWASM_ARCH_PULLEY64BE: return "pulley64be-unknown-unknown-elf";
    case CWASM_ARCH_UNKNOWN: break;
  }
  return NULL;
}
