/*
 * Wasmtime's load-time compatibility rules per release, as tables
 * (artifact-format.md §3.2, §6.3-§6.6). A rule that changed between releases
 * is two rows with disjoint version ranges; the checker picks the row whose
 * range holds the host's release. Nothing here branches on a version.
 */
#include <string.h>

#include "policy_impl.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define L ALL_LAST

/* ----------------------------------------------------- shared flags (§6.3) */

/*
 * The name tables (shared and ISA flags) are lists of rows, X(a, KIND,
 * name, ...) each, sorted by name length, then name: the rows of a name's
 * length are found in one step (SHARED_BY_LEN, ISA_BY_LEN: computed from the
 * lists by the compiler), then compared with the name. Rows with the same
 * name are adjacent and differ in their release ranges (and, for ISA rows,
 * arch). Keep new rows in order (test_rules.c checks).
 */

/* A row of a table, and the count of rows whose name is shorter than n
 * (where the rows of length n start). */
#define AS_ROW(a, kind, ...) kind(__VA_ARGS__),
#define IF_SHORTER(n, kind, name, ...) +(sizeof(name) - 1 < (size_t)(n))
/* The start of each length n = 0..MAX_NAME + 1 (0..48), from a START(n) macro. */
#define MAX_NAME 47
#define BY_LEN(START)                                                                                   \
  {START(0),  START(1),  START(2),  START(3),  START(4),  START(5),  START(6),  START(7),  START(8),  \
   START(9),  START(10), START(11), START(12), START(13), START(14), START(15), START(16), START(17), \
   START(18), START(19), START(20), START(21), START(22), START(23), START(24), START(25), START(26), \
   START(27), START(28), START(29), START(30), START(31), START(32), START(33), START(34), START(35), \
   START(36), START(37), START(38), START(39), START(40), START(41), START(42), START(43), START(44), \
   START(45), START(46), START(47), START(48)}

/* Values BOOLV(b) and ENUMV(s): pasted, so that a list macro passes them on
 * as one argument. */
#define VALUE_BOOLV(b) {CWASM_FLAG_BOOL, 0, b, NULL}
#define VALUE_ENUMV(s) {CWASM_FLAG_ENUM, 0, 0, s}
#define NOV {CWASM_FLAG_BOOL, 0, 0, NULL}
#define REQ(name, first, last, v) {name, first, last, SR_REQUIRE, VALUE_##v, sizeof(name) - 1}
#define IGN(name, first, last) {name, first, last, SR_IGNORE, NOV, sizeof(name) - 1}
#define RULE(name, first, last, kind) {name, first, last, kind, NOV, sizeof(name) - 1}

/* REQ: the value must be exactly so; RULE: a condition on the host; IGN: the
 * value does not matter. */
#define SHARED_LIST(X, a)                                        \
  X(a, IGN, "is_pic", 3, L)                                      \
  X(a, IGN, "regalloc", 3, L)                                    \
  X(a, IGN, "opt_level", 3, L)                                   \
  X(a, IGN, "tls_model", 3, L)                                   \
  X(a, IGN, "enable_pcc", 15, 43)                                \
  X(a, IGN, "enable_simd", 3, 10)                                \
  X(a, RULE, "unwind_info", 3, L, SR_UNWIND_INFO)                \
  X(a, IGN, "use_egraphs", 3, 8)                                 \
  X(a, IGN, "enable_float", 3, L)                                \
  X(a, IGN, "enable_atomics", 3, L)                              \
  X(a, REQ, "avoid_div_traps", 3, 7, BOOLV(1))                   \
  X(a, IGN, "enable_verifier", 3, L)                             \
  X(a, IGN, "regalloc_checker", 3, L)                            \
  X(a, REQ, "enable_pinned_reg", 3, L, BOOLV(0))                 \
  X(a, REQ, "enable_probestack", 3, 3, BOOLV(0))                 \
  X(a, RULE, "enable_probestack", 4, 26, SR_PROBESTACK_ARCH)     \
  X(a, REQ, "enable_probestack", 27, L, BOOLV(1))                \
  X(a, RULE, "enable_safepoints", 3, 37, SR_SAFEPOINTS)          \
  X(a, REQ, "libcall_call_conv", 3, L, ENUMV("isa_default"))     \
  X(a, IGN, "enable_jump_tables", 3, 37)                         \
  X(a, IGN, "regalloc_algorithm", 28, L)                         \
  X(a, IGN, "stack_switch_model", 25, 34)                        \
  X(a, RULE, "stack_switch_model", 35, L, SR_STACK_SWITCH)       \
  X(a, REQ, "probestack_strategy", 3, 3, ENUMV("outline"))       \
  X(a, REQ, "probestack_strategy", 4, L, ENUMV("inline"))        \
  X(a, IGN, "probestack_size_log2", 3, L)                        \
  X(a, IGN, "enable_alias_analysis", 3, L)                       \
  X(a, IGN, "machine_code_cfg_info", 3, L)                       \
  X(a, IGN, "regalloc_verbose_logs", 3, L)                       \
  X(a, REQ, "use_colocated_libcalls", 3, L, BOOLV(0))            \
  X(a, REQ, "preserve_frame_pointers", 3, L, BOOLV(1))           \
  X(a, IGN, "bb_padding_log2_minus_one", 10, L)                  \
  X(a, IGN, "enable_compact_unwind_abi", 46, L)                  \
  X(a, REQ, "enable_llvm_abi_extensions", 3, L, BOOLV(0))        \
  X(a, IGN, "probestack_func_adjusts_sp", 3, 20)                 \
  X(a, IGN, "enable_nan_canonicalization", 3, L)                 \
  X(a, IGN, "log2_min_function_alignment", 32, L)                \
  X(a, REQ, "use_pinned_reg_as_heap_base", 3, L, BOOLV(0))       \
  X(a, REQ, "enable_multi_ret_implicit_sret", 27, L, BOOLV(1))   \
  X(a, IGN, "enable_heap_access_spectre_mitigation", 3, L)       \
  X(a, IGN, "enable_table_access_spectre_mitigation", 3, L)      \
  X(a, IGN, "enable_incremental_compilation_cache_checks", 3, L)

static const shared_rule SHARED_RULES[] = {SHARED_LIST(AS_ROW, 0)};
#define SHARED_START(n) (0 SHARED_LIST(IF_SHORTER, n))
static const uint8_t SHARED_BY_LEN[] = BY_LEN(SHARED_START);
_Static_assert(SHARED_START(MAX_NAME + 1) == COUNT_OF(SHARED_RULES),
               "a shared flag name is longer than MAX_NAME");
_Static_assert(SHARED_START(4) == 0, "a shared flag name is shorter than last_word reads");

#undef REQ
#undef IGN
#undef RULE

/*
 * Name comparison, inline (a call would pass the spans through memory):
 * rows of one length rarely end alike, so a row's last word is compared
 * first, alone, and only the row that matches it is compared whole, words
 * xor-ed together without a branch per word. A name of n >= 8 bytes is its
 * words at 0, 8, ... and the (overlapping) last one at n - 8; one of
 * 4 <= n < 8 (no row's name is shorter: asserted at each table) is its
 * first and last four bytes. Both sides are read the same way (span.h's
 * little-endian reads), so words compare equal on any host.
 */
static inline uint64_t last_word(span s) {
  uint64_t w = 0;
  uint32_t head = 0, tail = 0;
  if (s.n >= 8) {
    (void)span_u64_at(s, s.n - 8, false, &w);
    return w;
  }
  (void)span_u32_at(s, 0, false, &head);
  (void)span_u32_at(s, s.n - 4, false, &tail);
  return (uint64_t)head << 32 | tail;
}

/* Row `row` (of name.n bytes) is `name`, whose last word is `last`. The
 * row is the library's constant: its span needs no span_make. */
static inline bool row_is(const char *row, span name, uint64_t last) {
  span r;
  uint64_t diff = 0, x = 0, y = 0;
  r.p = (const uint8_t *)row;
  r.n = name.n;
  r.off = 0;
  if (last_word(r) != last) return false;
  for (size_t at = 0; at + 8 < name.n; at += 8) {
    (void)span_u64_at(name, at, false, &x);
    (void)span_u64_at(r, at, false, &y);
    diff |= x ^ y;
  }
  return diff == 0;
}

const shared_rule *rules_shared(cwasm_str str, uint16_t release) {
  span name = span_make((const uint8_t *)str.p, str.n, 0);
  uint64_t last;
  if (name.n > MAX_NAME) return NULL;
  last = last_word(name);
  for (size_t i = SHARED_BY_LEN[name.n]; i < SHARED_BY_LEN[name.n + 1]; i++) {
    const shared_rule *r = &SHARED_RULES[i];
    if (in_range(release, r->first, r->last) && row_is(r->name, name, last)) return r;
  }
  return NULL;
}

const shared_rule *rules_shared_rows(size_t *count) {
  *count = COUNT_OF(SHARED_RULES);
  return SHARED_RULES;
}

/* -------------------------------------------------------- ISA flags (§6.4) */

#define X86 CWASM_ARCH_X86_64
#define ARM CWASM_ARCH_AARCH64
#define S390 CWASM_ARCH_S390X
#define ANY CWASM_ARCH_UNKNOWN
#define F(x) CWASM_CPU_##x
#define PROBE(name, first, last, arch, feat) {name, first, last, IR_PROBE, arch, F(feat), sizeof(name) - 1}
#define ACCEPT(name, first, last, arch) {name, first, last, IR_ACCEPT, arch, F(SSE3), sizeof(name) - 1}
#define ENDIAN(name, first, last) {name, first, last, IR_ENDIAN, ANY, F(SSE3), sizeof(name) - 1}

/* v3-v20: one table per host architecture (engine.rs, cfg(target_arch)):
 * the rows with an arch. v21+: one global name -> feature table: ANY. */
#define ISA_LIST(X, a)                                                                      \
  X(a, PROBE, "has_avx", 3, 20, X86, AVX)                                                   \
  X(a, PROBE, "has_avx", 21, L, ANY, AVX)                                                   \
  X(a, PROBE, "has_fma", 3, 20, X86, FMA)                                                   \
  X(a, PROBE, "has_fma", 21, L, ANY, FMA)                                                   \
  X(a, PROBE, "has_lse", 3, 20, ARM, LSE)                                                   \
  X(a, PROBE, "has_lse", 21, L, ANY, LSE)                                                   \
  X(a, ACCEPT, "use_bti", 3, 20, ARM)                                                       \
  X(a, ACCEPT, "use_bti", 21, L, ANY)                                                       \
  X(a, PROBE, "has_avx2", 3, 20, X86, AVX2)                                                 \
  X(a, PROBE, "has_avx2", 21, L, ANY, AVX2)                                                 \
  X(a, PROBE, "has_bmi1", 3, 20, X86, BMI1)                                                 \
  X(a, PROBE, "has_bmi1", 21, L, ANY, BMI1)                                                 \
  X(a, PROBE, "has_bmi2", 3, 20, X86, BMI2)                                                 \
  X(a, PROBE, "has_bmi2", 21, L, ANY, BMI2)                                                 \
  X(a, PROBE, "has_fp16", 25, L, ANY, FP16)                                                 \
  X(a, PROBE, "has_i8mm", 48, L, ANY, I8MM)                                                 \
  X(a, PROBE, "has_mie2", 3, 20, S390, MIE2)                                                \
  X(a, PROBE, "has_mie2", 21, 35, ANY, MIE2)                                                \
  X(a, PROBE, "has_mie3", 36, L, ANY, MIE3)                                                 \
  X(a, PROBE, "has_mie4", 36, L, ANY, MIE4)                                                 \
  X(a, PROBE, "has_sse3", 3, 20, X86, SSE3)                                                 \
  X(a, PROBE, "has_sse3", 21, L, ANY, SSE3)                                                 \
  X(a, PROBE, "has_lzcnt", 3, 20, X86, LZCNT)                                               \
  X(a, PROBE, "has_lzcnt", 21, L, ANY, LZCNT)                                               \
  X(a, PROBE, "has_pauth", 3, 20, ARM, PACA)                                                \
  X(a, PROBE, "has_pauth", 21, L, ANY, PACA)                                                \
  X(a, PROBE, "has_sse41", 3, 20, X86, SSE4_1)                                              \
  X(a, PROBE, "has_sse41", 21, L, ANY, SSE4_1)                                              \
  X(a, PROBE, "has_sse42", 3, 20, X86, SSE4_2)                                              \
  X(a, PROBE, "has_sse42", 21, L, ANY, SSE4_2)                                              \
  X(a, PROBE, "has_ssse3", 3, 20, X86, SSSE3)                                               \
  X(a, PROBE, "has_ssse3", 21, L, ANY, SSSE3)                                               \
  X(a, ENDIAN, "big_endian", 29, L)                                                         \
  X(a, PROBE, "has_popcnt", 3, 20, X86, POPCNT)                                             \
  X(a, PROBE, "has_popcnt", 21, L, ANY, POPCNT)                                             \
  X(a, PROBE, "has_avx512f", 3, 20, X86, AVX512F)                                           \
  X(a, PROBE, "has_avx512f", 21, L, ANY, AVX512F)                                           \
  X(a, PROBE, "has_dotprod", 47, L, ANY, DOTPROD)                                           \
  X(a, PROBE, "has_avx512dq", 3, 20, X86, AVX512DQ)                                         \
  X(a, PROBE, "has_avx512dq", 21, L, ANY, AVX512DQ)                                         \
  X(a, PROBE, "has_avx512vl", 3, 20, X86, AVX512VL)                                         \
  X(a, PROBE, "has_avx512vl", 21, L, ANY, AVX512VL)                                         \
  X(a, PROBE, "has_avx_vnni", 48, L, ANY, AVXVNNI)                                          \
  /* one AT_HWCAP bit answers both; cwasm_host_cpu_query maps vxrs_ext2 to it before v36 */ \
  X(a, PROBE, "has_vxrs_ext2", 3, 20, S390, VXRS_EXT2)                                      \
  X(a, PROBE, "has_vxrs_ext2", 21, L, ANY, VXRS_EXT2)                                       \
  X(a, PROBE, "has_vxrs_ext3", 36, L, ANY, VXRS_EXT3)                                       \
  X(a, PROBE, "has_avx512vbmi", 3, 20, X86, AVX512VBMI)                                     \
  X(a, PROBE, "has_avx512vbmi", 21, L, ANY, AVX512VBMI)                                     \
  X(a, PROBE, "has_avx512vnni", 48, L, ANY, AVX512VNNI)                                     \
  X(a, PROBE, "has_cmpxchg16b", 27, L, ANY, CMPXCHG16B)                                     \
  X(a, PROBE, "has_avx512bitalg", 3, 20, X86, AVX512BITALG)                                 \
  X(a, PROBE, "has_avx512bitalg", 21, L, ANY, AVX512BITALG)                                 \
  X(a, ACCEPT, "sign_return_address", 3, 20, ARM)                                           \
  X(a, ACCEPT, "sign_return_address", 21, L, ANY)                                           \
  X(a, ACCEPT, "sign_return_address_all", 3, 20, ARM)                                       \
  X(a, ACCEPT, "sign_return_address_all", 21, L, ANY)                                       \
  X(a, ACCEPT, "sign_return_address_with_bkey", 3, 20, ARM)                                 \
  X(a, ACCEPT, "sign_return_address_with_bkey", 21, L, ANY)

static const isa_rule ISA_RULES[] = {ISA_LIST(AS_ROW, 0)};
#define ISA_START(n) (0 ISA_LIST(IF_SHORTER, n))
static const uint8_t ISA_BY_LEN[] = BY_LEN(ISA_START);
_Static_assert(ISA_START(MAX_NAME + 1) == COUNT_OF(ISA_RULES), "an ISA flag name is longer than MAX_NAME");
_Static_assert(ISA_START(4) == 0, "an ISA flag name is shorter than last_word reads");

#undef PROBE
#undef ACCEPT
#undef ENDIAN
#undef F

const isa_rule *rules_isa(cwasm_str str, uint16_t release, cwasm_arch machine) {
  span name = span_make((const uint8_t *)str.p, str.n, 0);
  uint64_t last;
  if (name.n > MAX_NAME) return NULL;
  last = last_word(name);
  for (size_t i = ISA_BY_LEN[name.n]; i < ISA_BY_LEN[name.n + 1]; i++) {
    const isa_rule *r = &ISA_RULES[i];
    if (in_range(release, r->first, r->last) && (r->arch == ANY || r->arch == machine) &&
        row_is(r->name, name, last))
      return r;
  }
  return NULL;
}

const isa_rule *rules_isa_rows(size_t *count) {
  *count = COUNT_OF(ISA_RULES);
  return ISA_RULES;
}

#undef X86
#undef ARM
#undef S390
#undef ANY

static const isa_era ISA_ERAS[] = {
    {3, 20, 0, 0, 0},
    {21, 27, 1, 0, 0},
    {28, 36, 1, 1, 0},
    {37, L, 1, 1, 1},
};

const isa_era *rules_isa_era(uint16_t release) {
  for (size_t i = 0; i < COUNT_OF(ISA_ERAS); i++)
    if (in_range(release, ISA_ERAS[i].first, ISA_ERAS[i].last)) return &ISA_ERAS[i];
  return &ISA_ERAS[COUNT_OF(ISA_ERAS) - 1];
}

/* --------------------------------------------------------- Tunables (§6.5) */

#define T(x) CWASM_T_##x

/* Check order of Metadata::check_tunables; labels live in cwasm_tunable_info. */
static const tunable_rule TUNABLE_RULES[] = {
    {T(COLLECTOR), TC_COLLECTOR, 27, L},
    {T(STATIC_MEMORY_BOUND), TC_INT, 3, 21},
    {T(STATIC_MEMORY_RESERVATION), TC_INT, 22, 27},
    {T(MEMORY_RESERVATION), TC_INT, 28, L},
    {T(STATIC_MEMORY_OFFSET_GUARD_SIZE), TC_INT, 3, 26},
    {T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), TC_INT, 3, 26},
    {T(MEMORY_GUARD_SIZE), TC_INT, 27, L},
    {T(GENERATE_NATIVE_DEBUGINFO), TC_BOOL, 3, 38},
    {T(DEBUG_NATIVE), TC_BOOL, 39, L},
    {T(DEBUG_GUEST), TC_BOOL, 39, L},
    {T(DEBUG_SYMBOLS), TC_BOOL, 47, L},
    {T(PARSE_WASM_DEBUGINFO), TC_BOOL, 3, L},
    {T(CONSUME_FUEL), TC_BOOL, 3, L},
    {T(OPERATOR_COST), TC_OPERATOR_COST, 43, L},
    {T(EPOCH_INTERRUPTION), TC_BOOL, 3, L},
    {T(STATIC_MEMORY_BOUND_IS_MAXIMUM), TC_BOOL, 3, 27},
    {T(MEMORY_MAY_MOVE), TC_BOOL, 28, L},
    {T(GUARD_BEFORE_LINEAR_MEMORY), TC_BOOL, 3, L},
    {T(TABLE_LAZY_INIT), TC_BOOL, 22, L},
    {T(RELAXED_SIMD_DETERMINISTIC), TC_BOOL, 8, L},
    {T(TAIL_CALLABLE), TC_BOOL, 12, 23},
    {T(WINCH_CALLABLE), TC_BOOL, 20, L},
    {T(CACHE_CALL_INDIRECTS), TC_BOOL, 21, 22},
    {T(MAX_CALL_INDIRECT_CACHE_SLOTS), TC_INT, 21, 22},
    {T(SIGNALS_BASED_TRAPS), TC_BOOL, 26, L},
    {T(MEMORY_INIT_COW), TC_BOOL, 28, L},
    {T(INLINING_BOOL), TC_BOOL, 36, 44},
    {T(INLINING_SMALL_CALLEE_SIZE), TC_INT, 36, L},
    {T(INLINING_SUM_SIZE_THRESHOLD), TC_INT, 36, L},
    {T(CONCURRENCY_SUPPORT), TC_BOOL, 42, L},
    {T(RECORDING), TC_BOOL, 43, L},
    {T(INLINING_INTRA_MODULE), TC_INTRA_MODULE_INLINING, 36, 44},
    {T(INLINING_ENUM), TC_INLINING, 45, L},
    {T(GC_HEAP_RESERVATION), TC_INT, 45, L},
    {T(GC_HEAP_GUARD_SIZE), TC_INT, 45, L},
    {T(GC_HEAP_INITIAL_SIZE), TC_INT, 47, L},
    {T(GC_HEAP_MAY_MOVE), TC_BOOL, 45, L},
};

#undef T

const tunable_rule *rules_tunables(size_t *count) {
  *count = COUNT_OF(TUNABLE_RULES);
  return TUNABLE_RULES;
}

/* v37 (3fab18ff9e) stopped rejecting an artifact without GC on a host with GC. */
static const struct {
  uint16_t first, last;
} COLLECTOR_STRICT[] = {{27, 36}};

bool rules_collector_none_vs_some_is_error(uint16_t release) {
  for (size_t i = 0; i < COUNT_OF(COLLECTOR_STRICT); i++)
    if (in_range(release, COLLECTOR_STRICT[i].first, COLLECTOR_STRICT[i].last)) return true;
  return false;
}

/* Collector's Display, in variant order (§5.5). */
static const char *const COLLECTOR_DISPLAY[] = {"deferred reference-counting", "null", "copying"};
/* IntraModuleInlining {Yes, No, WhenUsingGc} and Inlining {Yes, InterModuleAndIntraGc,
 * InterModule, Intrinsics, No}: how "module was compiled {M} however the host is
 * configured {H}" describes each. */
static const char *const INTRA_PHRASES[] = {"with intra-module inlining", "without intra-module inlining",
                                            "with intra-module inlining only when using GC"};
static const char *const INLINING_PHRASES[] = {"with intra-module inlining",
                                               "with intra-module inlining only when using GC",
                                               "with inter-module inlining", "with intrinsic inlining",
                                               "without intra-module inlining"};

const char *rules_collector_display(uint64_t v) {
  return v < COUNT_OF(COLLECTOR_DISPLAY) ? COLLECTOR_DISPLAY[v] : NULL;
}
const char *rules_intra_module_inlining_phrase(uint64_t v) {
  return v < COUNT_OF(INTRA_PHRASES) ? INTRA_PHRASES[v] : NULL;
}
const char *rules_inlining_phrase(uint64_t v) {
  return v < COUNT_OF(INLINING_PHRASES) ? INLINING_PHRASES[v] : NULL;
}

/* --------------------------------------------------------- features (§6.6) */

#define NOGATE 0, 0

/*
 * One master order: filtering it by release gives each release's check order
 * (the relative order of any two rows never changed). Fields that moved have
 * one row per position (tail_call, function_references).
 */
static const feature_rule FEATURE_RULES[] = {
    {"reference_types", "WebAssembly reference types support", 3, 32, 19, 24},
    {"function_references", "WebAssembly function-references support", 19, 32, 19, 24},
    {"gc", "WebAssembly garbage collection support", 19, 32, 19, 24},
    {"multi_value", "WebAssembly multi-value support", 3, 32, NOGATE},
    {"bulk_memory", "WebAssembly bulk memory support", 3, 32, NOGATE},
    {"component_model", "WebAssembly component model support", 3, 32, NOGATE},
    {"simd", "WebAssembly SIMD support", 3, 32, NOGATE},
    {"tail_call", "WebAssembly tail calls support", 12, 32, NOGATE},
    {"threads", "WebAssembly threads support", 3, 32, NOGATE},
    {"tail_call", "WebAssembly tail-call support", 3, 5, NOGATE},
    {"deterministic_only", "WebAssembly deterministic-only support", 3, 4, NOGATE},
    {"multi_memory", "WebAssembly multi-memory support", 3, 32, NOGATE},
    {"exceptions", "WebAssembly exceptions support", 3, 32, NOGATE},
    {"memory64", "WebAssembly 64-bit memory support", 3, 32, NOGATE},
    {"extended_const", "WebAssembly extended-const support", 3, 32, NOGATE},
    {"relaxed_simd", "WebAssembly relaxed-simd support", 3, 32, NOGATE},
    {"function_references", "WebAssembly function-references support", 10, 18, NOGATE},
    {"custom_page_sizes", "WebAssembly custom-page-sizes support", 23, 32, NOGATE},
    {"component_model_more_flags", "WebAssembly component model support for more than 32 flags", 23, 30,
     NOGATE},
    {"component_model_multiple_returns", "WebAssembly component model support for multiple returns", 24,
     30, NOGATE},
    {"component_model_async",
     "WebAssembly component model support for async lifts/lowers, futures, streams, and errors", 30, 32,
     NOGATE},
    {"component_model_async_builtins", "WebAssembly component model support for async builtins", 32, 32,
     NOGATE},
    {"component_model_async_stackful", "WebAssembly component model support for async stackful", 32, 32,
     NOGATE},
    {"gc_types", "support for WebAssembly gc types", 25, 32, 25, 32},
    {"wide_arithmetic", "WebAssembly wide-arithmetic support", 27, 32, NOGATE},
    {"stack_switching", "WebAssembly stack switching support", 31, 32, NOGATE},
};

#undef NOGATE
_Static_assert(COUNT_OF(FEATURE_RULES) <= FEATURE_RULES_MAX, "raise FEATURE_RULES_MAX");

const feature_rule *rules_feature_bools(size_t *count) {
  *count = COUNT_OF(FEATURE_RULES);
  return FEATURE_RULES;
}

static const struct {
  uint16_t first, last;
  feature_mode mode;
  const char *gated; /* flag checked through the gc Cargo gate */
} FEATURE_MODES[] = {
    {3, 32, FM_BOOLS, NULL},
    {33, 36, FM_EXACT_BITS, "gc_types"},
    {37, L, FM_SUBSET, NULL},
};

feature_mode rules_feature_mode(uint16_t release) {
  for (size_t i = 0; i < COUNT_OF(FEATURE_MODES); i++)
    if (in_range(release, FEATURE_MODES[i].first, FEATURE_MODES[i].last)) return FEATURE_MODES[i].mode;
  return FM_SUBSET;
}

const char *rules_feature_bits_gated(uint16_t release) {
  for (size_t i = 0; i < COUNT_OF(FEATURE_MODES); i++)
    if (in_range(release, FEATURE_MODES[i].first, FEATURE_MODES[i].last)) return FEATURE_MODES[i].gated;
  return NULL;
}

/* strlen(z) == n && memcmp(z, name, n) == 0, measuring z only when its
 * first byte matches. */
static bool cstr_is(const char *z, const char *name, size_t n) {
  if (n == 0) return z[0] == '\0';
  return z[0] == name[0] && strlen(z) == n && memcmp(z, name, n) == 0;
}

/* z is name (the same pointer) and strlen(z) == n. */
static bool same_cstr(const char *z, const char *name, size_t n) { return z == name && strlen(z) == n; }

uint64_t rules_feature_mask(const cwasm_release *r, const char *name, size_t n) {
  const cwasm_layout *l = r->layout;
  if (l->features == CWASM_FEATURES_BOOLS) {
    /* The checker asks for names it holds as constants (FEATURE_RULES, one
     * call per row): the linker merges equal string constants, so those are
     * mostly the layout's own pointers, found without reading a name. */
    /* bit i of a u64: bools past the 64th (only in a forged layout) have no bit */
    const unsigned count = l->feature_bools_count < 64 ? l->feature_bools_count : 64;
    for (unsigned i = 0; i < count; i++)
      if (same_cstr(l->feature_bools[i], name, n)) return (uint64_t)1 << i;
    for (unsigned i = 0; i < count; i++)
      if (cstr_is(l->feature_bools[i], name, n)) return (uint64_t)1 << i;
    return 0;
  }
  for (unsigned i = 0; i < r->feature_bits_count; i++)
    if (same_cstr(r->feature_bits[i].name, name, n)) return r->feature_bits[i].mask;
  for (unsigned i = 0; i < r->feature_bits_count; i++)
    if (cstr_is(r->feature_bits[i].name, name, n)) return r->feature_bits[i].mask;
  return 0;
}

/*
 * The checker wants every row's mask; a rules_feature_mask per row would
 * scan the layout once per row. Instead one pass puts the layout's name
 * pointers in a small open-addressed table, and each row looks its field's
 * pointer up there: the linker merges equal string constants, so a row's
 * field is normally the layout's own pointer. A row whose pointer is not in
 * the table takes rules_feature_mask, whose first loop (pointers) then finds
 * nothing either, so the answer is the same. Linear probing without
 * deletion keeps equal pointers in index order along their chain, so the
 * lowest index is found first, as rules_feature_mask's loop finds it.
 */
#define NAME_SLOTS 256 /* more than a uint8_t count of names: a probe always meets an empty slot */
static unsigned name_slot(const char *p) {
  uint64_t h = (uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15); /* Fibonacci hashing */
  return (unsigned)(h >> 56);
}

void rules_feature_bool_masks(const cwasm_release *r, uint16_t release, uint64_t masks[FEATURE_RULES_MAX]) {
  const cwasm_layout *l = r->layout;
  uint8_t slot[NAME_SLOTS] = {0}; /* 1 + index of a name in l->feature_bools; 0: empty */
  const unsigned count = l->feature_bools_count < 64 ? l->feature_bools_count : 64; /* as rules_feature_mask */
  for (unsigned i = 0; i < count; i++) {
    unsigned s = name_slot(l->feature_bools[i]);
    while (slot[s]) s = (s + 1) % NAME_SLOTS;
    slot[s] = (uint8_t)(i + 1);
  }
  for (size_t k = 0; k < COUNT_OF(FEATURE_RULES); k++) {
    const char *field = FEATURE_RULES[k].field;
    unsigned s = name_slot(field);
    masks[k] = 0;
    if (!in_range(release, FEATURE_RULES[k].first, FEATURE_RULES[k].last)) continue;
    while (slot[s] && l->feature_bools[slot[s] - 1] != field) s = (s + 1) % NAME_SLOTS;
    masks[k] = slot[s] ? (uint64_t)1 << (slot[s] - 1) : rules_feature_mask(r, field, strlen(field));
  }
}

/* ---------------------------------------------------------- version (§3.2) */

static const struct {
  uint16_t first, last;
  const char *prefix;
} VERSION_PREFIXES[] = {
    {3, 41, "Module was compiled with incompatible Wasmtime version '"},
    {42, L, "Module was compiled with incompatible version '"},
};

const char *rules_version_prefix_default(uint16_t release) {
  for (size_t i = 0; i < COUNT_OF(VERSION_PREFIXES); i++)
    if (in_range(release, VERSION_PREFIXES[i].first, VERSION_PREFIXES[i].last))
      return VERSION_PREFIXES[i].prefix;
  return RULES_VERSION_PREFIX_CUSTOM;
}
