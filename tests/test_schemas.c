/*
 * Tests of the per-release schema tables (lib/src/schemas.c).
 *
 * Two kinds of check, both against the spec (artifact-format.md), never
 * against the tables themselves:
 *   1. expectations written here by hand from the spec (always run);
 *   2. a full cross-check that parses the spec's own tables (§1, §5.3.1,
 *      §5.3.2, §5.4, §6.5) and compares every row (skipped when the spec is
 *      not beside the project).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwasm/cwasm.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) ((uint64_t)1 << (n))

/* ------------------------------------------------------------- helpers */

static void assert_str_or_null(const char *got, const char *want) {
  if (want == NULL) {
    if (got != NULL) fail_msg("expected NULL, got \"%s\"", got);
    return;
  }
  if (got == NULL) fail_msg("expected \"%s\", got NULL", want);
  assert_string_equal(got, want);
}

static const cwasm_layout *layout_by_tunables(const char *tname) {
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    if (strcmp(l->tunables_name, tname) == 0) return l;
  }
  return NULL;
}

static const cwasm_layout *layout_by_features(const char *fname) {
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    if (strcmp(l->features_name, fname) == 0) return l;
  }
  return NULL;
}

static const cwasm_feature_bit *bit_named(const cwasm_release *r, const char *name) {
  for (size_t i = 0; i < r->feature_bits_count; i++)
    if (strcmp(r->feature_bits[i].name, name) == 0) return &r->feature_bits[i];
  return NULL;
}

/* Every flag all of whose bits are set (wasmparser `contains`), in
 * declaration order. */
static size_t names_contained(const cwasm_release *r, uint64_t bits, const char **out, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < r->feature_bits_count; i++) {
    uint64_t m = r->feature_bits[i].mask;
    if ((bits & m) == m && n < cap) out[n++] = r->feature_bits[i].name;
  }
  return n;
}

/* bitflags 2.x `iter_names` (spec §5.3.2): a flag is yielded when all its
 * bits are in the source and one of them is not yet covered; stop when
 * nothing remains. This is what Wasmtime's messages name. */
static size_t names_iter(const cwasm_release *r, uint64_t bits, const char **out, size_t cap) {
  size_t n = 0;
  uint64_t remaining = bits;
  for (size_t i = 0; i < r->feature_bits_count && remaining != 0; i++) {
    uint64_t m = r->feature_bits[i].mask;
    if ((bits & m) == m && (remaining & m) != 0) {
      remaining &= ~m;
      if (n < cap) out[n++] = r->feature_bits[i].name;
    }
  }
  return n;
}

/* Union of every named flag: what `from_bits_truncate` keeps. */
static uint64_t all_named_bits(const cwasm_release *r) {
  uint64_t u = 0;
  for (size_t i = 0; i < r->feature_bits_count; i++) u |= r->feature_bits[i].mask;
  return u;
}

static void assert_names(const char *const *got, size_t n, const char *const *want, size_t m) {
  for (size_t i = 0; i < n && i < m; i++)
    if (strcmp(got[i], want[i]) != 0) fail_msg("name %zu: got %s, want %s", i, got[i], want[i]);
  if (n != m) fail_msg("got %zu names, want %zu", n, m);
}

/* -------------------------------------------------- tunables catalogue */

typedef struct want_tunable {
  cwasm_tunable_id id;
  const char *name;
  cwasm_tunable_type type;
  const char *label;
} want_tunable;

/* §5.4 (names, types) and §6.5 (labels), transcribed independently. */
static const want_tunable WANT_TUNABLES[] = {
    {CWASM_T_STATIC_MEMORY_BOUND, "static_memory_bound", CWASM_TT_U64, "static memory bound"},
    {CWASM_T_STATIC_MEMORY_RESERVATION, "static_memory_reservation", CWASM_TT_U64,
     "static memory reservation"},
    {CWASM_T_STATIC_MEMORY_OFFSET_GUARD_SIZE, "static_memory_offset_guard_size", CWASM_TT_U64,
     "static memory guard size"},
    {CWASM_T_DYNAMIC_MEMORY_OFFSET_GUARD_SIZE, "dynamic_memory_offset_guard_size", CWASM_TT_U64,
     "dynamic memory guard size"},
    {CWASM_T_DYNAMIC_MEMORY_GROWTH_RESERVE, "dynamic_memory_growth_reserve", CWASM_TT_U64, NULL},
    {CWASM_T_GENERATE_NATIVE_DEBUGINFO, "generate_native_debuginfo", CWASM_TT_BOOL,
     "debug information support"},
    {CWASM_T_PARSE_WASM_DEBUGINFO, "parse_wasm_debuginfo", CWASM_TT_BOOL,
     "WebAssembly backtrace support"},
    {CWASM_T_CONSUME_FUEL, "consume_fuel", CWASM_TT_BOOL, "fuel support"},
    {CWASM_T_EPOCH_INTERRUPTION, "epoch_interruption", CWASM_TT_BOOL, "epoch interruption"},
    {CWASM_T_STATIC_MEMORY_BOUND_IS_MAXIMUM, "static_memory_bound_is_maximum", CWASM_TT_BOOL,
     "pooling allocation support"},
    {CWASM_T_GUARD_BEFORE_LINEAR_MEMORY, "guard_before_linear_memory", CWASM_TT_BOOL,
     "guard before linear memory"},
    {CWASM_T_GENERATE_ADDRESS_MAP, "generate_address_map", CWASM_TT_BOOL, NULL},
    {CWASM_T_DEBUG_ADAPTER_MODULES, "debug_adapter_modules", CWASM_TT_BOOL, NULL},
    {CWASM_T_RELAXED_SIMD_DETERMINISTIC, "relaxed_simd_deterministic", CWASM_TT_BOOL,
     "relaxed simd deterministic semantics"},
    {CWASM_T_TAIL_CALLABLE, "tail_callable", CWASM_TT_BOOL, "WebAssembly tail calls"},
    {CWASM_T_WINCH_CALLABLE, "winch_callable", CWASM_TT_BOOL, "Winch calling convention"},
    {CWASM_T_CACHE_CALL_INDIRECTS, "cache_call_indirects", CWASM_TT_BOOL,
     "caching of call-indirect targets"},
    {CWASM_T_MAX_CALL_INDIRECT_CACHE_SLOTS, "max_call_indirect_cache_slots", CWASM_TT_USIZE,
     "maximum slot count for caching of call-indirect targets"},
    {CWASM_T_TABLE_LAZY_INIT, "table_lazy_init", CWASM_TT_BOOL, "table lazy init"},
    {CWASM_T_SIGNALS_BASED_TRAPS, "signals_based_traps", CWASM_TT_BOOL, "Signals-based traps"},
    {CWASM_T_COLLECTOR, "collector", CWASM_TT_OPT_COLLECTOR, NULL},
    {CWASM_T_MEMORY_GUARD_SIZE, "memory_guard_size", CWASM_TT_U64, "memory guard size"},
    {CWASM_T_MEMORY_RESERVATION, "memory_reservation", CWASM_TT_U64, "memory reservation"},
    {CWASM_T_MEMORY_RESERVATION_FOR_GROWTH, "memory_reservation_for_growth", CWASM_TT_U64, NULL},
    {CWASM_T_MEMORY_MAY_MOVE, "memory_may_move", CWASM_TT_BOOL, "memory may move"},
    {CWASM_T_MEMORY_INIT_COW, "memory_init_cow", CWASM_TT_BOOL, "memory initialization with CoW"},
    {CWASM_T_INLINING_BOOL, "inlining", CWASM_TT_BOOL, "function inlining"},
    {CWASM_T_INLINING_INTRA_MODULE, "inlining_intra_module", CWASM_TT_INTRA_MODULE_INLINING, NULL},
    {CWASM_T_INLINING_SMALL_CALLEE_SIZE, "inlining_small_callee_size", CWASM_TT_U32,
     "function inlining small-callee size"},
    {CWASM_T_INLINING_SUM_SIZE_THRESHOLD, "inlining_sum_size_threshold", CWASM_TT_U32,
     "function inlining sum-size threshold"},
    {CWASM_T_DEBUG_NATIVE, "debug_native", CWASM_TT_BOOL, "native debug information support"},
    {CWASM_T_DEBUG_GUEST, "debug_guest", CWASM_TT_BOOL, "guest debug"},
    {CWASM_T_CONCURRENCY_SUPPORT, "concurrency_support", CWASM_TT_BOOL, "concurrency support"},
    {CWASM_T_OPERATOR_COST, "operator_cost", CWASM_TT_OPERATOR_COST, NULL},
    {CWASM_T_RECORDING, "recording", CWASM_TT_BOOL, "RR recording support"},
    {CWASM_T_GC_ZEAL_ALLOC_COUNTER, "gc_zeal_alloc_counter", CWASM_TT_OPT_NONZERO_U32, NULL},
    {CWASM_T_GC_HEAP_RESERVATION, "gc_heap_reservation", CWASM_TT_U64, "GC heap reservation"},
    {CWASM_T_GC_HEAP_GUARD_SIZE, "gc_heap_guard_size", CWASM_TT_U64, "GC heap guard size"},
    {CWASM_T_GC_HEAP_RESERVATION_FOR_GROWTH, "gc_heap_reservation_for_growth", CWASM_TT_U64, NULL},
    {CWASM_T_GC_HEAP_MAY_MOVE, "gc_heap_may_move", CWASM_TT_BOOL, "GC heap may move"},
    {CWASM_T_METADATA_FOR_INTERNAL_ASSERTS, "metadata_for_internal_asserts", CWASM_TT_BOOL, NULL},
    {CWASM_T_METADATA_FOR_GC_HEAP_CORRUPTION, "metadata_for_gc_heap_corruption", CWASM_TT_BOOL,
     NULL},
    {CWASM_T_BRANCH_HINTING, "branch_hinting", CWASM_TT_BOOL, NULL},
    {CWASM_T_DEBUG_SYMBOLS, "debug_symbols", CWASM_TT_BOOL, "debug symbols"},
    {CWASM_T_GC_HEAP_INITIAL_SIZE, "gc_heap_initial_size", CWASM_TT_U64, "GC heap initial size"},
    {CWASM_T_INLINING_ENUM, "inlining", CWASM_TT_INLINING, NULL},
};

static void test_tunable_catalogue(void **state) {
  (void)state;
  assert_int_equal(COUNT_OF(WANT_TUNABLES), CWASM_T__COUNT);
  assert_int_equal(CWASM_T__COUNT, 46);
  for (size_t i = 0; i < COUNT_OF(WANT_TUNABLES); i++) {
    const want_tunable *w = &WANT_TUNABLES[i];
    const cwasm_tunable_info *info = cwasm_tunable_info_of(w->id);
    assert_non_null(info);
    assert_int_equal(info->id, w->id);
    assert_string_equal(info->name, w->name);
    assert_int_equal(info->type, w->type);
    assert_str_or_null(info->label, w->label);
  }
  assert_null(cwasm_tunable_info_of(CWASM_T__COUNT));
  assert_null(cwasm_tunable_info_of((cwasm_tunable_id)-1));
  assert_null(cwasm_tunable_info_of((cwasm_tunable_id)1000));
}

/* A dozen labels quoted straight from §6.5, looked up by Rust name. */
static void test_tunable_labels_spot(void **state) {
  (void)state;
  static const struct { cwasm_tunable_id id; const char *label; } want[] = {
      {CWASM_T_MEMORY_RESERVATION, "memory reservation"},
      {CWASM_T_CONSUME_FUEL, "fuel support"},
      {CWASM_T_PARSE_WASM_DEBUGINFO, "WebAssembly backtrace support"},
      {CWASM_T_STATIC_MEMORY_BOUND_IS_MAXIMUM, "pooling allocation support"},
      {CWASM_T_TAIL_CALLABLE, "WebAssembly tail calls"},
      {CWASM_T_WINCH_CALLABLE, "Winch calling convention"},
      {CWASM_T_MAX_CALL_INDIRECT_CACHE_SLOTS,
       "maximum slot count for caching of call-indirect targets"},
      {CWASM_T_SIGNALS_BASED_TRAPS, "Signals-based traps"},
      {CWASM_T_MEMORY_INIT_COW, "memory initialization with CoW"},
      {CWASM_T_INLINING_BOOL, "function inlining"},
      {CWASM_T_INLINING_SMALL_CALLEE_SIZE, "function inlining small-callee size"},
      {CWASM_T_DEBUG_NATIVE, "native debug information support"},
      {CWASM_T_RECORDING, "RR recording support"},
      {CWASM_T_GC_HEAP_INITIAL_SIZE, "GC heap initial size"},
  };
  for (size_t i = 0; i < COUNT_OF(want); i++)
    assert_str_or_null(cwasm_tunable_info_of(want[i].id)->label, want[i].label);
  /* Ignored or specially compared: no label. */
  static const cwasm_tunable_id unlabeled[] = {
      CWASM_T_COLLECTOR, CWASM_T_OPERATOR_COST, CWASM_T_INLINING_INTRA_MODULE,
      CWASM_T_INLINING_ENUM, CWASM_T_DYNAMIC_MEMORY_GROWTH_RESERVE,
      CWASM_T_MEMORY_RESERVATION_FOR_GROWTH, CWASM_T_GENERATE_ADDRESS_MAP,
      CWASM_T_DEBUG_ADAPTER_MODULES, CWASM_T_GC_ZEAL_ALLOC_COUNTER,
      CWASM_T_GC_HEAP_RESERVATION_FOR_GROWTH, CWASM_T_METADATA_FOR_INTERNAL_ASSERTS,
      CWASM_T_METADATA_FOR_GC_HEAP_CORRUPTION, CWASM_T_BRANCH_HINTING,
  };
  for (size_t i = 0; i < COUNT_OF(unlabeled); i++)
    assert_null(cwasm_tunable_info_of(unlabeled[i])->label);
  /* The two `inlining` fields share the Rust name, not the type. */
  assert_string_equal(cwasm_tunable_info_of(CWASM_T_INLINING_BOOL)->name, "inlining");
  assert_string_equal(cwasm_tunable_info_of(CWASM_T_INLINING_ENUM)->name, "inlining");
}

static void test_tunable_enum_names(void **state) {
  (void)state;
  /* §5.5 */
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_OPT_COLLECTOR, 0), "DeferredReferenceCounting");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_OPT_COLLECTOR, 1), "Null");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_OPT_COLLECTOR, 2), "Copying");
  assert_null(cwasm_tunable_enum_name(CWASM_TT_OPT_COLLECTOR, 3));
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INTRA_MODULE_INLINING, 0), "Yes");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INTRA_MODULE_INLINING, 1), "No");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INTRA_MODULE_INLINING, 2), "WhenUsingGc");
  assert_null(cwasm_tunable_enum_name(CWASM_TT_INTRA_MODULE_INLINING, 3));
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, 0), "Yes");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, 1), "InterModuleAndIntraGc");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, 2), "InterModule");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, 3), "Intrinsics");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, 4), "No");
  assert_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, 5));
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_OPERATOR_COST, 0), "Table");
  assert_str_or_null(cwasm_tunable_enum_name(CWASM_TT_OPERATOR_COST, 1), "Default");
  assert_null(cwasm_tunable_enum_name(CWASM_TT_OPERATOR_COST, 2));
  assert_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, UINT64_MAX));
  assert_null(cwasm_tunable_enum_name(CWASM_TT_INLINING, BIT(32)));
  /* Not enums. */
  static const cwasm_tunable_type not_enum[] = {CWASM_TT_U64, CWASM_TT_USIZE, CWASM_TT_U32,
                                                CWASM_TT_BOOL, CWASM_TT_OPT_NONZERO_U32};
  for (size_t i = 0; i < COUNT_OF(not_enum); i++) {
    assert_null(cwasm_tunable_enum_name(not_enum[i], 0));
    assert_null(cwasm_tunable_enum_name(not_enum[i], 1));
  }
  assert_null(cwasm_tunable_enum_name((cwasm_tunable_type)0, 0));
  assert_null(cwasm_tunable_enum_name((cwasm_tunable_type)99, 0));
  /* variant counts: the enums, and 0 for everything else */
  assert_int_equal(cwasm_tunable_enum_count(CWASM_TT_OPT_COLLECTOR), 3);
  assert_int_equal(cwasm_tunable_enum_count(CWASM_TT_INTRA_MODULE_INLINING), 3);
  assert_int_equal(cwasm_tunable_enum_count(CWASM_TT_INLINING), 5);
  assert_int_equal(cwasm_tunable_enum_count(CWASM_TT_OPERATOR_COST), 2);
  for (size_t i = 0; i < COUNT_OF(not_enum); i++) assert_int_equal(cwasm_tunable_enum_count(not_enum[i]), 0);
  assert_int_equal(cwasm_tunable_enum_count((cwasm_tunable_type)99), 0);
}

/* ------------------------------------------------------ tunables layouts */

static void test_tunables_field_counts(void **state) {
  (void)state;
  static const struct { const char *name; unsigned count; } want[] = {
      {"T1", 12},  {"T2", 13},  {"T3", 14},  {"T4", 15},  {"T5", 17},  {"T6", 18},
      {"T7", 16},  {"T8", 15},  {"T9", 16},  {"T10", 16}, {"T11", 17}, {"T12", 21},
      {"T13", 22}, {"T14", 23}, {"T15", 25}, {"T16", 29}, {"T17", 32}, {"T18a", 34},
      {"T18b", 34},
  };
  for (size_t i = 0; i < COUNT_OF(want); i++) {
    const cwasm_layout *l = layout_by_tunables(want[i].name);
    if (!l) fail_msg("no layout uses %s", want[i].name);
    assert_int_equal(l->tunables_count, want[i].count);
  }
}

typedef struct field_at {
  unsigned pos; /* 1-based, as in the spec tables */
  cwasm_tunable_id id;
} field_at;

static void assert_fields(const char *tname, const field_at *f, size_t n) {
  const cwasm_layout *l = layout_by_tunables(tname);
  if (!l) fail_msg("no layout uses %s", tname);
  for (size_t i = 0; i < n; i++) {
    if (f[i].pos < 1 || f[i].pos > l->tunables_count) fail_msg("%s: no field %u", tname, f[i].pos);
    cwasm_tunable_id got = l->tunables[f[i].pos - 1];
    if (got != f[i].id)
      fail_msg("%s field %u: got %s, want %s", tname, f[i].pos, cwasm_tunable_info_of(got)->name,
               cwasm_tunable_info_of(f[i].id)->name);
  }
}

#define FIELDS(tname, ...)                              \
  do {                                                  \
    static const field_at f_[] = {__VA_ARGS__};         \
    assert_fields(tname, f_, COUNT_OF(f_));             \
  } while (0)

/* First, last and several middle fields of every layout, from §5.4. */
static void test_tunables_field_order(void **state) {
  (void)state;
  FIELDS("T1", {1, CWASM_T_STATIC_MEMORY_BOUND}, {4, CWASM_T_DYNAMIC_MEMORY_GROWTH_RESERVE},
         {7, CWASM_T_CONSUME_FUEL}, {9, CWASM_T_STATIC_MEMORY_BOUND_IS_MAXIMUM},
         {12, CWASM_T_DEBUG_ADAPTER_MODULES});
  FIELDS("T2", {1, CWASM_T_STATIC_MEMORY_BOUND}, {11, CWASM_T_GENERATE_ADDRESS_MAP},
         {13, CWASM_T_RELAXED_SIMD_DETERMINISTIC});
  FIELDS("T3", {1, CWASM_T_STATIC_MEMORY_BOUND}, {13, CWASM_T_RELAXED_SIMD_DETERMINISTIC},
         {14, CWASM_T_TAIL_CALLABLE});
  FIELDS("T4", {1, CWASM_T_STATIC_MEMORY_BOUND}, {14, CWASM_T_TAIL_CALLABLE},
         {15, CWASM_T_WINCH_CALLABLE});
  FIELDS("T5", {1, CWASM_T_STATIC_MEMORY_BOUND}, {2, CWASM_T_STATIC_MEMORY_OFFSET_GUARD_SIZE},
         {16, CWASM_T_CACHE_CALL_INDIRECTS}, {17, CWASM_T_MAX_CALL_INDIRECT_CACHE_SLOTS});
  FIELDS("T6", {1, CWASM_T_STATIC_MEMORY_RESERVATION}, {10, CWASM_T_GUARD_BEFORE_LINEAR_MEMORY},
         {11, CWASM_T_TABLE_LAZY_INIT}, {12, CWASM_T_GENERATE_ADDRESS_MAP},
         {15, CWASM_T_TAIL_CALLABLE}, {18, CWASM_T_MAX_CALL_INDIRECT_CACHE_SLOTS});
  FIELDS("T7", {1, CWASM_T_STATIC_MEMORY_RESERVATION}, {11, CWASM_T_TABLE_LAZY_INIT},
         {15, CWASM_T_TAIL_CALLABLE}, {16, CWASM_T_WINCH_CALLABLE});
  FIELDS("T8", {1, CWASM_T_STATIC_MEMORY_RESERVATION}, {14, CWASM_T_RELAXED_SIMD_DETERMINISTIC},
         {15, CWASM_T_WINCH_CALLABLE});
  FIELDS("T9", {1, CWASM_T_STATIC_MEMORY_RESERVATION}, {15, CWASM_T_WINCH_CALLABLE},
         {16, CWASM_T_SIGNALS_BASED_TRAPS});
  FIELDS("T10", {1, CWASM_T_COLLECTOR}, {2, CWASM_T_STATIC_MEMORY_RESERVATION},
         {3, CWASM_T_MEMORY_GUARD_SIZE}, {4, CWASM_T_DYNAMIC_MEMORY_GROWTH_RESERVE},
         {9, CWASM_T_STATIC_MEMORY_BOUND_IS_MAXIMUM}, {16, CWASM_T_SIGNALS_BASED_TRAPS});
  FIELDS("T11", {1, CWASM_T_COLLECTOR}, {2, CWASM_T_MEMORY_RESERVATION},
         {4, CWASM_T_MEMORY_RESERVATION_FOR_GROWTH}, {9, CWASM_T_MEMORY_MAY_MOVE},
         {17, CWASM_T_MEMORY_INIT_COW});
  FIELDS("T12", {1, CWASM_T_COLLECTOR}, {5, CWASM_T_GENERATE_NATIVE_DEBUGINFO},
         {18, CWASM_T_INLINING_BOOL}, {19, CWASM_T_INLINING_INTRA_MODULE},
         {21, CWASM_T_INLINING_SUM_SIZE_THRESHOLD});
  FIELDS("T13", {1, CWASM_T_COLLECTOR}, {5, CWASM_T_DEBUG_NATIVE}, {6, CWASM_T_DEBUG_GUEST},
         {7, CWASM_T_PARSE_WASM_DEBUGINFO}, {19, CWASM_T_INLINING_BOOL},
         {22, CWASM_T_INLINING_SUM_SIZE_THRESHOLD});
  FIELDS("T14", {1, CWASM_T_COLLECTOR}, {20, CWASM_T_INLINING_INTRA_MODULE},
         {23, CWASM_T_CONCURRENCY_SUPPORT});
  FIELDS("T15", {1, CWASM_T_COLLECTOR}, {8, CWASM_T_CONSUME_FUEL}, {9, CWASM_T_OPERATOR_COST},
         {10, CWASM_T_EPOCH_INTERRUPTION}, {20, CWASM_T_INLINING_BOOL},
         {21, CWASM_T_INLINING_INTRA_MODULE}, {25, CWASM_T_RECORDING});
  FIELDS("T16", {1, CWASM_T_COLLECTOR}, {9, CWASM_T_OPERATOR_COST}, {20, CWASM_T_INLINING_ENUM},
         {21, CWASM_T_INLINING_SMALL_CALLEE_SIZE}, {25, CWASM_T_GC_ZEAL_ALLOC_COUNTER},
         {28, CWASM_T_GC_HEAP_RESERVATION_FOR_GROWTH}, {29, CWASM_T_GC_HEAP_MAY_MOVE});
  FIELDS("T17", {1, CWASM_T_COLLECTOR}, {20, CWASM_T_INLINING_ENUM}, {29, CWASM_T_GC_HEAP_MAY_MOVE},
         {30, CWASM_T_METADATA_FOR_INTERNAL_ASSERTS},
         {31, CWASM_T_METADATA_FOR_GC_HEAP_CORRUPTION}, {32, CWASM_T_BRANCH_HINTING});
  FIELDS("T18a", {1, CWASM_T_COLLECTOR}, {6, CWASM_T_DEBUG_GUEST}, {7, CWASM_T_DEBUG_SYMBOLS},
         {10, CWASM_T_OPERATOR_COST}, {21, CWASM_T_INLINING_ENUM},
         {29, CWASM_T_GC_HEAP_RESERVATION_FOR_GROWTH}, {30, CWASM_T_GC_HEAP_INITIAL_SIZE},
         {31, CWASM_T_GC_HEAP_MAY_MOVE}, {34, CWASM_T_BRANCH_HINTING});
  FIELDS("T18b", {1, CWASM_T_COLLECTOR}, {7, CWASM_T_DEBUG_SYMBOLS}, {10, CWASM_T_OPERATOR_COST},
         {30, CWASM_T_GC_HEAP_INITIAL_SIZE}, {34, CWASM_T_BRANCH_HINTING});

  /* T18a and T18b: one field list, two OperatorCost lengths (§5.4, §5.5). */
  const cwasm_layout *a = layout_by_tunables("T18a"), *b = layout_by_tunables("T18b");
  assert_int_equal(a->tunables_count, b->tunables_count);
  assert_memory_equal(a->tunables, b->tunables, a->tunables_count * sizeof a->tunables[0]);
  assert_int_equal(a->operator_cost_len, 627);
  assert_int_equal(b->operator_cost_len, 643);
}

/* Structural rules that hold for every layout. */
static void test_tunables_layout_invariants(void **state) {
  (void)state;
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    int has_collector = 0, has_cost = 0;
    for (size_t k = 0; k < l->tunables_count; k++) {
      cwasm_tunable_id id = l->tunables[k];
      assert_non_null(cwasm_tunable_info_of(id));
      for (size_t j = 0; j < k; j++)
        if (l->tunables[j] == id) fail_msg("%s: %s twice", l->name, cwasm_tunable_info_of(id)->name);
      has_collector |= id == CWASM_T_COLLECTOR;
      has_cost |= id == CWASM_T_OPERATOR_COST;
      /* Both `inlining` fields never in one layout; the bincode era has no usize. */
      if (id == CWASM_T_INLINING_BOOL)
        for (size_t j = 0; j < l->tunables_count; j++)
          assert_int_not_equal(l->tunables[j], CWASM_T_INLINING_ENUM);
      if (l->codec == CWASM_CODEC_BINCODE)
        assert_int_not_equal(cwasm_tunable_info_of(id)->type, CWASM_TT_USIZE);
    }
    assert_int_equal(has_collector, l->collector_variants != 0);
    assert_int_equal(has_cost, l->operator_cost_len != 0);
  }
}

/* --------------------------------------------------------- wire layouts */

typedef struct want_layout {
  const char *name;
  unsigned first, last;
  cwasm_codec codec;
  unsigned flags_map;
  const char *features;
  const char *tunables;
  unsigned operator_cost_len;
  unsigned collector_variants;
} want_layout;

#define B_ CWASM_CODEC_BINCODE
#define P_ CWASM_CODEC_POSTCARD
/* §1 (codec, flags, features, Tunables), §5.5 (OperatorCost, Collector). */
static const want_layout WANT_LAYOUTS[] = {
    {"v3-v4", 3, 4, B_, 1, "F1", "T1", 0, 0},
    {"v5", 5, 5, B_, 1, "F2", "T1", 0, 0},
    {"v6-v7", 6, 7, B_, 1, "F3", "T1", 0, 0},
    {"v8-v9", 8, 9, B_, 1, "F3", "T2", 0, 0},
    {"v10-v11", 10, 11, B_, 1, "F4", "T2", 0, 0},
    {"v12-v14", 12, 14, B_, 1, "F5", "T3", 0, 0},
    {"v15-v18", 15, 18, B_, 0, "F5", "T3", 0, 0},
    {"v19", 19, 19, B_, 0, "F6", "T3", 0, 0},
    {"v20", 20, 20, B_, 0, "F6", "T4", 0, 0},
    {"v21", 21, 21, P_, 0, "F6", "T5", 0, 0},
    {"v22", 22, 22, P_, 0, "F6", "T6", 0, 0},
    {"v23", 23, 23, P_, 0, "F7", "T7", 0, 0},
    {"v24", 24, 24, P_, 0, "F8", "T8", 0, 0},
    {"v25", 25, 25, P_, 0, "F9", "T8", 0, 0},
    {"v26", 26, 26, P_, 0, "F9", "T9", 0, 0},
    {"v27", 27, 27, P_, 0, "F10", "T10", 0, 2},
    {"v28-v29", 28, 29, P_, 0, "F10", "T11", 0, 2},
    {"v30", 30, 30, P_, 0, "F11", "T11", 0, 2},
    {"v31", 31, 31, P_, 0, "F12", "T11", 0, 2},
    {"v32", 32, 32, P_, 0, "F13", "T11", 0, 2},
    {"v33", 33, 33, P_, 0, "U32", "T11", 0, 2},
    {"v34-v35", 34, 35, P_, 0, "U64", "T11", 0, 2},
    {"v36-v38", 36, 38, P_, 0, "U64", "T12", 0, 2},
    {"v39-v41", 39, 41, P_, 0, "U64", "T13", 0, 2},
    {"v42", 42, 42, P_, 0, "U64", "T14", 0, 2},
    {"v43-v44", 43, 44, P_, 0, "U64", "T15", 627, 2},
    {"v45", 45, 45, P_, 0, "U64", "T16", 627, 3},
    {"v46", 46, 46, P_, 0, "U64", "T17", 627, 3},
    {"v47", 47, 47, P_, 0, "U64", "T18a", 627, 3},
    {"v48-v49", 48, 49, P_, 0, "U64", "T18b", 643, 3},
};
#undef B_
#undef P_

static void test_layouts_table(void **state) {
  (void)state;
  assert_int_equal(cwasm_layout_count(), 30);
  assert_int_equal(COUNT_OF(WANT_LAYOUTS), 30);
  for (size_t i = 0; i < COUNT_OF(WANT_LAYOUTS); i++) {
    const want_layout *w = &WANT_LAYOUTS[i];
    const cwasm_layout *l = cwasm_layout_at(i);
    assert_non_null(l);
    assert_int_equal(l->id, i + 1);
    assert_string_equal(l->name, w->name);
    assert_int_equal(l->first_release, w->first);
    assert_int_equal(l->last_release, w->last);
    assert_int_equal(l->codec, w->codec);
    assert_int_equal(l->flags_map, w->flags_map);
    assert_string_equal(l->features_name, w->features);
    assert_string_equal(l->tunables_name, w->tunables);
    assert_int_equal(l->operator_cost_len, w->operator_cost_len);
    assert_int_equal(l->collector_variants, w->collector_variants);
    assert_non_null(l->tunables);
    if (w->features[0] == 'F') {
      assert_int_equal(l->features, CWASM_FEATURES_BOOLS);
      assert_non_null(l->feature_bools);
      assert_true(l->feature_bools_count > 0);
    } else {
      assert_int_equal(l->features,
                       strcmp(w->features, "U32") == 0 ? CWASM_FEATURES_U32 : CWASM_FEATURES_U64);
      assert_null(l->feature_bools);
      assert_int_equal(l->feature_bools_count, 0);
    }
  }
  assert_null(cwasm_layout_at(30));
  assert_null(cwasm_layout_at(SIZE_MAX));
}

static void test_layouts_cover_releases(void **state) {
  (void)state;
  const cwasm_layout *first = cwasm_layout_at(0);
  const cwasm_layout *last = cwasm_layout_at(cwasm_layout_count() - 1);
  assert_int_equal(first->first_release, CWASM_FIRST_RELEASE);
  assert_int_equal(last->last_release, CWASM_LAST_RELEASE);
  assert_int_equal(CWASM_FIRST_RELEASE, 3);
  assert_int_equal(CWASM_LAST_RELEASE, 49);
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    assert_true(l->first_release <= l->last_release);
    if (i > 0) assert_int_equal(l->first_release, cwasm_layout_at(i - 1)->last_release + 1);
  }
  for (unsigned m = CWASM_FIRST_RELEASE; m <= CWASM_LAST_RELEASE; m++) {
    const cwasm_layout *owner = NULL;
    for (size_t i = 0; i < cwasm_layout_count(); i++) {
      const cwasm_layout *l = cwasm_layout_at(i);
      if (l->first_release <= m && m <= l->last_release) {
        if (owner) fail_msg("v%u in two layouts", m);
        owner = l;
      }
    }
    if (!owner) fail_msg("v%u in no layout", m);
    const cwasm_release *r = cwasm_release_get(m);
    assert_non_null(r);
    assert_int_equal(r->major, m);
    assert_ptr_equal(r->layout, owner);
  }
  assert_null(cwasm_release_get(0));
  assert_null(cwasm_release_get(2));
  assert_null(cwasm_release_get(50));
  assert_null(cwasm_release_get(UINT32_MAX));
}

/* -------------------------------------------------------- feature bools */

static void test_feature_bools(void **state) {
  (void)state;
  static const struct { const char *name; unsigned count; } want[] = {
      {"F1", 13}, {"F2", 12}, {"F3", 11}, {"F4", 12},  {"F5", 13},  {"F6", 14},  {"F7", 16},
      {"F8", 17}, {"F9", 18}, {"F10", 19}, {"F11", 20}, {"F12", 19}, {"F13", 21},
  };
  for (size_t i = 0; i < COUNT_OF(want); i++) {
    const cwasm_layout *l = layout_by_features(want[i].name);
    if (!l) fail_msg("no layout uses %s", want[i].name);
    assert_int_equal(l->feature_bools_count, want[i].count);
    for (size_t k = 0; k < l->feature_bools_count; k++) assert_non_null(l->feature_bools[k]);
  }
  /* Names in position (§5.3.1). */
  static const struct { const char *f; unsigned pos; const char *name; } at[] = {
      {"F1", 1, "reference_types"},  {"F1", 7, "tail_call"},
      {"F1", 8, "deterministic_only"}, {"F1", 12, "relaxed_simd"},
      {"F1", 13, "extended_const"},  {"F2", 7, "tail_call"},
      {"F2", 8, "multi_memory"},     {"F3", 6, "threads"},
      {"F3", 7, "multi_memory"},     {"F3", 11, "extended_const"},
      {"F4", 12, "function_references"}, {"F5", 6, "tail_call"},
      {"F5", 7, "threads"},          {"F5", 13, "function_references"},
      {"F6", 14, "gc"},              {"F7", 15, "custom_page_sizes"},
      {"F7", 16, "component_model_more_flags"}, {"F8", 17, "component_model_multiple_returns"},
      {"F9", 18, "gc_types"},        {"F10", 19, "wide_arithmetic"},
      {"F11", 18, "component_model_async"}, {"F11", 19, "gc_types"},
      {"F11", 20, "wide_arithmetic"}, {"F12", 16, "component_model_async"},
      {"F12", 19, "stack_switching"}, {"F13", 17, "component_model_async_builtins"},
      {"F13", 18, "component_model_async_stackful"}, {"F13", 21, "stack_switching"},
  };
  for (size_t i = 0; i < COUNT_OF(at); i++) {
    const cwasm_layout *l = layout_by_features(at[i].f);
    if (at[i].pos > l->feature_bools_count) fail_msg("%s has no bool %u", at[i].f, at[i].pos);
    if (strcmp(l->feature_bools[at[i].pos - 1], at[i].name) != 0)
      fail_msg("%s bool %u: got %s, want %s", at[i].f, at[i].pos, l->feature_bools[at[i].pos - 1],
               at[i].name);
  }
  /* F12 dropped the two component-model flags F11 had (§5.3.1). */
  const cwasm_layout *f12 = layout_by_features("F12");
  for (size_t k = 0; k < f12->feature_bools_count; k++) {
    assert_string_not_equal(f12->feature_bools[k], "component_model_more_flags");
    assert_string_not_equal(f12->feature_bools[k], "component_model_multiple_returns");
  }
}

/* -------------------------------------------------------------- releases */

static void test_releases(void **state) {
  (void)state;
  for (unsigned m = CWASM_FIRST_RELEASE; m <= CWASM_LAST_RELEASE; m++) {
    const cwasm_release *r = cwasm_release_get(m);
    assert_non_null(r);
    /* §2.4 / §1: ELF modes */
    cwasm_elf_mode mode = m <= 21   ? CWASM_ELF_MODE_A
                          : m <= 27 ? CWASM_ELF_MODE_B
                          : m <= 31 ? CWASM_ELF_MODE_C
                          : m <= 42 ? CWASM_ELF_MODE_D
                                    : CWASM_ELF_MODE_E;
    assert_int_equal(r->elf_mode, mode);
    /* §3.2: full "X.Y.Z" up to v37, bare major from v38 */
    assert_int_equal(r->version_full, m <= 37 ? 1 : 0);
    if (m <= 32) {
      assert_int_equal(r->layout->features, CWASM_FEATURES_BOOLS);
      assert_null(r->wasmparser);
      assert_null(r->feature_bits);
      assert_int_equal(r->feature_bits_count, 0);
    } else {
      assert_int_equal(r->layout->features, m == 33 ? CWASM_FEATURES_U32 : CWASM_FEATURES_U64);
      assert_non_null(r->wasmparser);
      assert_non_null(r->feature_bits);
      assert_true(r->feature_bits_count > 0);
    }
  }
  /* §1 wasmparser per release. */
  static const char *const wp[] = {
      "0.229", "0.233", "0.235", "0.236", "0.239", "0.239", "0.240", "0.243", "0.243",
      "0.244", "0.245", "0.246.1", "0.248", "0.251", "0.252", "0.254", "0.254",
  };
  assert_int_equal(COUNT_OF(wp), CWASM_LAST_RELEASE - 33 + 1);
  for (unsigned m = 33; m <= CWASM_LAST_RELEASE; m++)
    assert_string_equal(cwasm_release_get(m)->wasmparser, wp[m - 33]);
}

/* One table per distinct §5.3.2 column, shared by the releases of that column. */
static void test_feature_bit_tables_shared(void **state) {
  (void)state;
  static const struct { unsigned first, last, count; } cols[] = {
      {33, 33, 31}, {34, 36, 35}, {37, 39, 36}, {40, 41, 37}, {42, 42, 39},
      {43, 44, 39}, {45, 45, 40}, {46, 47, 41}, {48, 49, 42},
  };
  for (size_t c = 0; c < COUNT_OF(cols); c++) {
    const cwasm_release *r0 = cwasm_release_get(cols[c].first);
    assert_int_equal(r0->feature_bits_count, cols[c].count);
    for (unsigned m = cols[c].first; m <= cols[c].last; m++) {
      assert_ptr_equal(cwasm_release_get(m)->feature_bits, r0->feature_bits);
      assert_int_equal(cwasm_release_get(m)->feature_bits_count, cols[c].count);
    }
    if (c > 0) assert_ptr_not_equal(r0->feature_bits, cwasm_release_get(cols[c - 1].first)->feature_bits);
  }
}

static void test_feature_bit_invariants(void **state) {
  (void)state;
  for (unsigned m = 33; m <= CWASM_LAST_RELEASE; m++) {
    const cwasm_release *r = cwasm_release_get(m);
    for (size_t i = 0; i < r->feature_bits_count; i++) {
      const cwasm_feature_bit *a = &r->feature_bits[i];
      assert_non_null(a->name);
      assert_true(a->mask != 0);
      if (m == 33) assert_true(a->mask <= UINT32_MAX); /* v33 is a u32 */
      for (const char *p = a->name; *p; p++)
        assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_');
      for (size_t j = 0; j < i; j++) {
        const cwasm_feature_bit *b = &r->feature_bits[j];
        assert_string_not_equal(a->name, b->name);
        /* The only overlaps are the two-bit flags with their one-bit parts. */
        if ((a->mask & b->mask) != 0) {
          int ok = (strcmp(b->name, "reference_types") == 0 &&
                    strcmp(a->name, "call_indirect_overlong") == 0) ||
                   (strcmp(b->name, "bulk_memory") == 0 && strcmp(a->name, "bulk_memory_opt") == 0);
          if (!ok) fail_msg("v%u: %s overlaps %s", m, a->name, b->name);
          assert_int_equal(a->mask & b->mask, a->mask);
        }
      }
    }
  }
}

static void test_feature_bit_renames_and_bits(void **state) {
  (void)state;
  for (unsigned m = 33; m <= CWASM_LAST_RELEASE; m++) {
    const cwasm_release *r = cwasm_release_get(m);
    /* CM_ASYNC_BUILTINS -> CM_MORE_ASYNC_BUILTINS in v45 (bit 29 throughout). */
    const cwasm_feature_bit *old_b = bit_named(r, "cm_async_builtins");
    const cwasm_feature_bit *new_b = bit_named(r, "cm_more_async_builtins");
    if (m <= 44) {
      assert_non_null(old_b);
      assert_null(new_b);
      assert_int_equal(old_b->mask, BIT(29));
    } else {
      assert_null(old_b);
      assert_non_null(new_b);
      assert_int_equal(new_b->mask, BIT(29));
    }
    /* CM_FIXED_SIZE_LIST (v34-v42) -> CM_FIXED_LENGTH_LISTS (v43+); absent in v33. */
    const cwasm_feature_bit *fsl = bit_named(r, "cm_fixed_size_list");
    const cwasm_feature_bit *fll = bit_named(r, "cm_fixed_length_lists");
    if (m == 33) {
      assert_null(fsl);
      assert_null(fll);
    } else if (m <= 42) {
      assert_non_null(fsl);
      assert_null(fll);
      assert_int_equal(fsl->mask, m <= 36 ? BIT(31) : BIT(32));
    } else {
      assert_null(fsl);
      assert_non_null(fll);
      assert_int_equal(fll->mask, BIT(32));
    }
    /* Two-bit flags (§5.3.2 rows 4 and 6). */
    const cwasm_feature_bit *rt = bit_named(r, "reference_types");
    const cwasm_feature_bit *bm = bit_named(r, "bulk_memory");
    if (m == 33) {
      assert_int_equal(rt->mask, BIT(3));
      assert_int_equal(bm->mask, BIT(5));
    } else if (m <= 36) {
      assert_int_equal(rt->mask, BIT(3) | BIT(33));
      assert_int_equal(bm->mask, BIT(5) | BIT(34));
    } else {
      assert_int_equal(rt->mask, BIT(3) | BIT(34));
      assert_int_equal(bm->mask, BIT(5) | BIT(35));
    }
    /* Rows added later. */
    assert_int_equal(bit_named(r, "cm_threading") != NULL, m >= 37);
    assert_int_equal(bit_named(r, "cm_gc") != NULL, m >= 34);
    assert_int_equal(bit_named(r, "custom_descriptors") != NULL, m >= 40);
    assert_int_equal(bit_named(r, "compact_imports") != NULL, m >= 42);
    assert_int_equal(bit_named(r, "cm_map") != NULL, m >= 42);
    assert_int_equal(bit_named(r, "cm64") != NULL, m >= 45);
    assert_int_equal(bit_named(r, "cm_implements") != NULL, m >= 46);
    assert_int_equal(bit_named(r, "cm_canon_names") != NULL, m >= 48);
    /* Declaration order is not bit order: gc_types (24) comes before cm_values (21). */
    assert_true(bit_named(r, "wide_arithmetic") < bit_named(r, "cm_values"));
    assert_int_equal(r->feature_bits[0].mask, BIT(0));
    assert_string_equal(r->feature_bits[0].name, "mutable_global");
  }
}

/* The newest column (v48-main, wasmparser 0.254) in full, rows 1..42 of §5.3.2. */
static void test_feature_bits_v48_full(void **state) {
  (void)state;
  static const struct { const char *name; uint64_t mask; } want[] = {
      {"mutable_global", BIT(0)},       {"saturating_float_to_int", BIT(1)},
      {"sign_extension", BIT(2)},       {"reference_types", BIT(3) | BIT(34)},
      {"multi_value", BIT(4)},          {"bulk_memory", BIT(5) | BIT(35)},
      {"simd", BIT(6)},                 {"relaxed_simd", BIT(7)},
      {"threads", BIT(8)},              {"shared_everything_threads", BIT(9)},
      {"tail_call", BIT(10)},           {"floats", BIT(11)},
      {"multi_memory", BIT(12)},        {"exceptions", BIT(13)},
      {"memory64", BIT(14)},            {"extended_const", BIT(15)},
      {"component_model", BIT(16)},     {"function_references", BIT(17)},
      {"memory_control", BIT(18)},      {"gc", BIT(19)},
      {"custom_page_sizes", BIT(20)},   {"legacy_exceptions", BIT(23)},
      {"gc_types", BIT(24)},            {"stack_switching", BIT(25)},
      {"wide_arithmetic", BIT(26)},     {"cm_values", BIT(21)},
      {"cm_nested_names", BIT(22)},     {"cm_async", BIT(27)},
      {"cm_async_stackful", BIT(28)},   {"cm_more_async_builtins", BIT(29)},
      {"cm_threading", BIT(30)},        {"cm_error_context", BIT(31)},
      {"cm_fixed_length_lists", BIT(32)}, {"cm_gc", BIT(33)},
      {"call_indirect_overlong", BIT(34)}, {"bulk_memory_opt", BIT(35)},
      {"custom_descriptors", BIT(36)},  {"compact_imports", BIT(37)},
      {"cm_map", BIT(38)},              {"cm64", BIT(39)},
      {"cm_implements", BIT(40)},       {"cm_canon_names", BIT(41)},
  };
  const cwasm_release *r = cwasm_release_get(48);
  assert_int_equal(r->feature_bits_count, COUNT_OF(want));
  for (size_t i = 0; i < COUNT_OF(want); i++) {
    if (strcmp(r->feature_bits[i].name, want[i].name) != 0)
      fail_msg("row %zu: %s, want %s", i + 1, r->feature_bits[i].name, want[i].name);
    assert_int_equal(r->feature_bits[i].mask, want[i].mask);
  }
}

/* The bit that moved: CM_THREADING was inserted at 30 in wasmparser 0.239. */
static void test_feature_bit_renumbering(void **state) {
  (void)state;
  const char *got[48];
  size_t n;
  n = names_iter(cwasm_release_get(36), BIT(30), got, COUNT_OF(got));
  assert_int_equal(n, 1);
  assert_string_equal(got[0], "cm_error_context");
  n = names_iter(cwasm_release_get(37), BIT(30), got, COUNT_OF(got));
  assert_int_equal(n, 1);
  assert_string_equal(got[0], "cm_threading");
  n = names_iter(cwasm_release_get(33), BIT(30), got, COUNT_OF(got));
  assert_int_equal(n, 1);
  assert_string_equal(got[0], "cm_error_context");
  /* Bit 31: cm_fixed_size_list (v34-v36) vs cm_error_context (v37+); unnamed in v33. */
  n = names_iter(cwasm_release_get(36), BIT(31), got, COUNT_OF(got));
  assert_int_equal(n, 1);
  assert_string_equal(got[0], "cm_fixed_size_list");
  n = names_iter(cwasm_release_get(38), BIT(31), got, COUNT_OF(got));
  assert_int_equal(n, 1);
  assert_string_equal(got[0], "cm_error_context");
  assert_int_equal(names_iter(cwasm_release_get(33), BIT(31), got, COUNT_OF(got)), 0);
  /* Bit 35 exists from v37 (bulk_memory_opt); v36 truncates it away. */
  assert_int_equal(all_named_bits(cwasm_release_get(36)) & BIT(35), 0);
  assert_int_equal(all_named_bits(cwasm_release_get(37)) & BIT(35), BIT(35));
  /* Named bits per column: 0..30, 0..34, 0..35, 0..36, 0..38, 0..38, 0..39, 0..40, 0..41. */
  static const struct { unsigned m; uint64_t all; } top[] = {
      {33, BIT(31) - 1}, {36, BIT(35) - 1}, {39, BIT(36) - 1}, {41, BIT(37) - 1}, {42, BIT(39) - 1},
      {44, BIT(39) - 1}, {45, BIT(40) - 1}, {47, BIT(41) - 1}, {49, BIT(42) - 1},
  };
  for (size_t i = 0; i < COUNT_OF(top); i++)
    assert_int_equal(all_named_bits(cwasm_release_get(top[i].m)), top[i].all);
}

/*
 * §7.5 default of v36: bits {0,1,2,3,4,5,6,7,8,10,11,12,14,15,16,24,33,34}
 * = 0x6_0101_DDFF, read with the v34-v36 column:
 *   0 mutable_global, 1 saturating_float_to_int, 2 sign_extension,
 *   3+33 reference_types, 4 multi_value, 5+34 bulk_memory, 6 simd,
 *   7 relaxed_simd, 8 threads, (9 shared_everything_threads: no), 10 tail_call,
 *   11 floats, 12 multi_memory, (13 exceptions: no), 14 memory64,
 *   15 extended_const, 16 component_model, (17..23: no), 24 gc_types,
 *   (25..32: no), 33 call_indirect_overlong, 34 bulk_memory_opt.
 * Contained, in declaration order: 18 flags (= the spec's WASM2 set incl.
 * BULK_MEMORY_OPT and CALL_INDIRECT_OVERLONG + MULTI_MEMORY, RELAXED_SIMD,
 * TAIL_CALL, EXTENDED_CONST, MEMORY64, THREADS, COMPONENT_MODEL).
 * bitflags iter_names does not yield call_indirect_overlong / bulk_memory_opt:
 * reference_types / bulk_memory already covered bits 33 / 34.
 */
static const char *const DEFAULT_V36_CONTAINED[] = {
    "mutable_global", "saturating_float_to_int", "sign_extension", "reference_types",
    "multi_value",    "bulk_memory",             "simd",           "relaxed_simd",
    "threads",        "tail_call",               "floats",         "multi_memory",
    "memory64",       "extended_const",          "component_model", "gc_types",
    "call_indirect_overlong", "bulk_memory_opt",
};

static void test_default_features_v36(void **state) {
  (void)state;
  const uint64_t bits = 0x60101DDFFull;
  assert_int_equal(bits, 25786703359ull);
  const cwasm_release *r = cwasm_release_get(36);
  const char *got[48];
  size_t n = names_contained(r, bits, got, COUNT_OF(got));
  assert_names(got, n, DEFAULT_V36_CONTAINED, COUNT_OF(DEFAULT_V36_CONTAINED));
  n = names_iter(r, bits, got, COUNT_OF(got));
  assert_names(got, n, DEFAULT_V36_CONTAINED, COUNT_OF(DEFAULT_V36_CONTAINED) - 2);
  /* Every bit of the default is named (nothing truncated). */
  assert_int_equal(bits & ~all_named_bits(r), 0);
  /* Under the v37 numbering the same value means something else: bit 33 is
   * cm_gc there and bulk_memory (5+35) is no longer complete. */
  n = names_contained(cwasm_release_get(37), bits, got, COUNT_OF(got));
  int has_cm_gc = 0, has_bulk = 0;
  for (size_t i = 0; i < n; i++) {
    has_cm_gc |= strcmp(got[i], "cm_gc") == 0;
    has_bulk |= strcmp(got[i], "bulk_memory") == 0;
  }
  assert_true(has_cm_gc);
  assert_false(has_bulk);
}

/*
 * v39 real artifact (§7.7): 0xC_0101_DDFF = the same set with bits 33/34
 * moved to 34/35, read with the v37-v39 column: 3+34 reference_types,
 * 5+35 bulk_memory, 34 call_indirect_overlong, 35 bulk_memory_opt; the other
 * bits as for v36. Same 18 names.
 */
static void test_default_features_v39(void **state) {
  (void)state;
  const uint64_t bits = 0xC0101DDFFull;
  const cwasm_release *r = cwasm_release_get(39);
  const char *got[48];
  size_t n = names_contained(r, bits, got, COUNT_OF(got));
  assert_names(got, n, DEFAULT_V36_CONTAINED, COUNT_OF(DEFAULT_V36_CONTAINED));
  n = names_iter(r, bits, got, COUNT_OF(got));
  assert_names(got, n, DEFAULT_V36_CONTAINED, COUNT_OF(DEFAULT_V36_CONTAINED) - 2);
  assert_int_equal(bits & ~all_named_bits(r), 0);
  /* v36's table would truncate bit 35 and miss reference_types (3+33). */
  assert_int_not_equal(bits & ~all_named_bits(cwasm_release_get(36)), 0);
  n = names_contained(cwasm_release_get(36), bits, got, COUNT_OF(got));
  for (size_t i = 0; i < n; i++) assert_string_not_equal(got[i], "reference_types");
}

/*
 * §7.5 default of v48: bits {0-8,10-17,19,24,27,34,35} = 0xC_090B_FDFF,
 * read with the v48-main column: the v39 set plus 13 exceptions,
 * 17 function_references, 19 gc, 27 cm_async (WASM3 + COMPONENT_MODEL + CM_ASYNC).
 * Declaration order puts exceptions after multi_memory, function_references
 * after component_model, gc after it, cm_async after gc_types.
 */
static void test_default_features_v48(void **state) {
  (void)state;
  const uint64_t bits = 0xC090BFDFFull;
  assert_int_equal(bits, 51691388415ull);
  static const char *const want[] = {
      "mutable_global", "saturating_float_to_int", "sign_extension", "reference_types",
      "multi_value",    "bulk_memory",             "simd",           "relaxed_simd",
      "threads",        "tail_call",               "floats",         "multi_memory",
      "exceptions",     "memory64",                "extended_const", "component_model",
      "function_references", "gc",                 "gc_types",       "cm_async",
      "call_indirect_overlong", "bulk_memory_opt",
  };
  const cwasm_release *r = cwasm_release_get(48);
  const char *got[48];
  size_t n = names_contained(r, bits, got, COUNT_OF(got));
  assert_names(got, n, want, COUNT_OF(want));
  n = names_iter(r, bits, got, COUNT_OF(got));
  assert_names(got, n, want, COUNT_OF(want) - 2);
  assert_int_equal(bits & ~all_named_bits(r), 0);
  assert_ptr_equal(cwasm_release_get(49)->feature_bits, r->feature_bits);
}

/* ------------------------------------------ cross-check with the spec file */

#define EN_DASH "\xE2\x80\x93"
#define EM_DASH "\xE2\x80\x94"

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  for (;;) {
    if (!buf) break;
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n < cap) break;
    cap *= 2;
    char *nb = realloc(buf, cap + 1);
    if (!nb) free(buf);
    buf = nb;
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  return buf;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
  return s;
}

/* "| a | b |" -> {"a", "b"} (in place). */
static size_t split_row(char *line, char **cells, size_t max) {
  size_t n = 0;
  if (line[0] != '|') return 0;
  char *p = line + 1;
  for (;;) {
    char *bar = strchr(p, '|');
    if (!bar) break;
    *bar = '\0';
    if (n < max) cells[n++] = trim(p);
    p = bar + 1;
  }
  return n;
}

/* The k-th `...` of s into out; 0 if there is none. */
static int backticked(const char *s, int k, char *out, size_t cap) {
  for (int i = 0;; i++) {
    const char *a = strchr(s, '`');
    if (!a) return 0;
    const char *b = strchr(a + 1, '`');
    if (!b) return 0;
    if (i == k) {
      size_t len = (size_t)(b - a - 1);
      if (len >= cap) return 0;
      memcpy(out, a + 1, len);
      out[len] = '\0';
      return 1;
    }
    s = b + 1;
  }
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* First release number in s and, after an en dash, the last ("main" = 49). */
static int parse_range(const char *s, unsigned *first, unsigned *last) {
  const char *p = s;
  while (*p && !is_digit(*p)) p++;
  if (!*p) return 0;
  *first = (unsigned)strtoul(p, NULL, 10);
  *last = *first;
  const char *d = strstr(s, EN_DASH);
  if (d) {
    const char *q = d + strlen(EN_DASH);
    while (*q == ' ' || *q == 'v') q++;
    if (strncmp(q, "main", 4) == 0)
      *last = CWASM_LAST_RELEASE;
    else if (is_digit(*q))
      *last = (unsigned)strtoul(q, NULL, 10);
    else
      return 0;
  } else if (strstr(s, "main")) {
    *last = CWASM_LAST_RELEASE;
  }
  return 1;
}

static int spec_type(const char *s, cwasm_tunable_type *t) {
  static const struct { const char *text; cwasm_tunable_type type; } map[] = {
      {"u64", CWASM_TT_U64},
      {"usize (u64 on wire)", CWASM_TT_USIZE},
      {"u32", CWASM_TT_U32},
      {"bool", CWASM_TT_BOOL},
      {"Option<Collector>", CWASM_TT_OPT_COLLECTOR},
      {"enum IntraModuleInlining", CWASM_TT_INTRA_MODULE_INLINING},
      {"enum Inlining", CWASM_TT_INLINING},
      {"enum OperatorCostStrategy", CWASM_TT_OPERATOR_COST},
      {"Option<NonZeroU32>", CWASM_TT_OPT_NONZERO_U32},
  };
  for (size_t i = 0; i < COUNT_OF(map); i++)
    if (strcmp(s, map[i].text) == 0) {
      *t = map[i].type;
      return 1;
    }
  return 0;
}

/* The id whose Rust name is `name`; `want_bool` picks between the two
 * `inlining` fields (1: the bool, 0: the other, -1: the name must be unique). */
static int tunable_by_name(const char *name, int want_bool, cwasm_tunable_id *out) {
  int found = 0;
  for (int i = 0; i < CWASM_T__COUNT; i++) {
    const cwasm_tunable_info *t = cwasm_tunable_info_of((cwasm_tunable_id)i);
    if (strcmp(t->name, name) != 0) continue;
    if (want_bool >= 0 && (t->type == CWASM_TT_BOOL) != want_bool) continue;
    *out = t->id;
    found++;
  }
  return found == 1;
}

/* Layouts whose Tunables are spec layout `tname` ("T18" covers T18a, T18b). */
static int tunables_base_is(const cwasm_layout *l, const char *tname) {
  size_t n = strlen(tname);
  if (strncmp(l->tunables_name, tname, n) != 0) return 0;
  const char *rest = l->tunables_name + n;
  return rest[0] == '\0' || (rest[0] >= 'a' && rest[0] <= 'z' && rest[1] == '\0');
}

enum { MAX_NAME = 48, MAX_LIST = 48 };

typedef struct name_list {
  char v[MAX_LIST][MAX_NAME];
  size_t n;
} name_list;

static void list_add(name_list *l, const char *s) {
  if (l->n >= MAX_LIST || strlen(s) >= MAX_NAME) fail_msg("list overflow at %s", s);
  strcpy(l->v[l->n++], s);
}

static void list_remove(name_list *l, const char *s) {
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->v[i], s) == 0) {
      memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof l->v[0]);
      l->n--;
      return;
    }
  fail_msg("cannot remove %s", s);
}

/* Comma-separated items into a list. */
static void list_add_csv(name_list *l, char *s) {
  for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) list_add(l, trim(tok));
}

typedef struct spec_bits_col {
  unsigned first, last;
  char wasmparsers[96];
  size_t n;
  struct { char name[MAX_NAME]; uint64_t mask; } rows[MAX_LIST];
} spec_bits_col;

typedef struct spec_state {
  /* counts of what was checked, so a format change cannot pass silently */
  unsigned version_rows, releases_seen[CWASM_LAST_RELEASE + 1];
  unsigned t_layouts, t_fields;
  unsigned f_layouts;
  unsigned bit_rows, bit_cols;
  unsigned label_rows, ignored;
  unsigned covered[CWASM_T__COUNT];
  name_list f[14];
  spec_bits_col cols[12];
} spec_state;

static void check_version_row(spec_state *st, char **c, size_t n) {
  if (n < 7) fail_msg("§1 row has %zu cells", n);
  unsigned first, last;
  if (!parse_range(c[0], &first, &last)) fail_msg("§1: bad range %s", c[0]);
  int full = strstr(c[1], "full") != NULL;
  int major = strstr(c[1], "major") != NULL;
  if (full == major) fail_msg("§1: version string %s", c[1]);
  cwasm_codec codec = strcmp(c[2], "B") == 0 ? CWASM_CODEC_BINCODE : CWASM_CODEC_POSTCARD;
  if (strcmp(c[2], "B") != 0 && strcmp(c[2], "P") != 0) fail_msg("§1: codec %s", c[2]);
  if (strcmp(c[3], "M") != 0 && strcmp(c[3], "V") != 0) fail_msg("§1: flags %s", c[3]);
  char feat[8];
  size_t k = 0;
  while (c[4][k] && c[4][k] != ' ' && c[4][k] != ',' && k < sizeof feat - 1) {
    feat[k] = c[4][k];
    k++;
  }
  feat[k] = '\0';
  /* wasmparser versions named in the features cell */
  char wp[4][16];
  size_t nwp = 0;
  for (const char *p = c[4]; (p = strstr(p, "0.")) != NULL;) {
    size_t len = 0;
    while (is_digit(p[len]) || p[len] == '.') len++;
    if (nwp < 4 && len < sizeof wp[0]) {
      memcpy(wp[nwp], p, len);
      wp[nwp++][len] = '\0';
    }
    p += len;
  }
  if (c[6][0] < 'A' || c[6][0] > 'E' || c[6][1] != '\0') fail_msg("§1: ELF mode %s", c[6]);
  cwasm_elf_mode mode = (cwasm_elf_mode)(CWASM_ELF_MODE_A + (c[6][0] - 'A'));
  unsigned span = last - first + 1;
  if (nwp != 0 && nwp != 1 && nwp != span) fail_msg("§1: %zu wasmparsers for %u releases", nwp, span);
  for (unsigned m = first; m <= last; m++) {
    const cwasm_release *r = cwasm_release_get(m);
    if (!r) fail_msg("§1: no release %u", m);
    st->releases_seen[m]++;
    const cwasm_layout *l = r->layout;
    if (l->codec != codec) fail_msg("v%u codec", m);
    if (l->flags_map != (strcmp(c[3], "M") == 0)) fail_msg("v%u flags container", m);
    if (strcmp(l->features_name, feat) != 0) fail_msg("v%u features %s, spec %s", m, l->features_name, feat);
    if (strcmp(l->tunables_name, c[5]) != 0) fail_msg("v%u tunables %s, spec %s", m, l->tunables_name, c[5]);
    if (r->elf_mode != mode) fail_msg("v%u ELF mode", m);
    if (r->version_full != full) fail_msg("v%u version string form", m);
    if (nwp == 0) {
      if (r->wasmparser) fail_msg("v%u: wasmparser %s not in §1", m, r->wasmparser);
    } else {
      const char *want = wp[nwp == 1 ? 0 : m - first];
      if (!r->wasmparser || strcmp(r->wasmparser, want) != 0)
        fail_msg("v%u wasmparser %s, spec %s", m, r->wasmparser ? r->wasmparser : "NULL", want);
    }
  }
  st->version_rows++;
}

static void check_fbools_row(spec_state *st, char **c, size_t n) {
  if (n < 3 || c[0][0] != 'F') fail_msg("§5.3.1 row");
  unsigned idx = (unsigned)strtoul(c[0] + 1, NULL, 10);
  if (idx < 1 || idx > 13) fail_msg("§5.3.1: %s", c[0]);
  unsigned first, last;
  if (!parse_range(c[1], &first, &last)) fail_msg("§5.3.1: range %s", c[1]);
  /* "list (N)", "Fk without a (N)", "Fk + a, b (N)" */
  char *open = strrchr(c[2], '(');
  if (!open) fail_msg("§5.3.1: no count in %s", c[2]);
  unsigned count = (unsigned)strtoul(open + 1, NULL, 10);
  *open = '\0';
  char *body = trim(c[2]);
  name_list *out = &st->f[idx];
  out->n = 0;
  if (body[0] == 'F' && is_digit(body[1])) {
    char *end;
    unsigned base = (unsigned)strtoul(body + 1, &end, 10);
    if (base < 1 || base >= idx) fail_msg("§5.3.1: base %s", body);
    *out = st->f[base];
    end = trim(end);
    if (strncmp(end, "without ", 8) == 0) {
      name_list rm = {0};
      list_add_csv(&rm, end + 8);
      for (size_t i = 0; i < rm.n; i++) list_remove(out, rm.v[i]);
    } else if (end[0] == '+') {
      list_add_csv(out, end + 1);
    } else {
      fail_msg("§5.3.1: cannot read %s", body);
    }
  } else {
    list_add_csv(out, body);
  }
  if (out->n != count) fail_msg("F%u: spec lists %zu names but says %u", idx, out->n, count);
  char fname[8];
  snprintf(fname, sizeof fname, "F%u", idx);
  unsigned seen = 0;
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    if (strcmp(l->features_name, fname) != 0) continue;
    if (l->first_release < first || l->last_release > last)
      fail_msg("%s used by %s, outside v%u-v%u", fname, l->name, first, last);
    seen += l->last_release - l->first_release + 1u;
    if (l->feature_bools_count != out->n) fail_msg("%s: %u bools, spec %zu", fname, l->feature_bools_count, out->n);
    for (size_t k = 0; k < out->n; k++)
      if (strcmp(l->feature_bools[k], out->v[k]) != 0)
        fail_msg("%s bool %zu: %s, spec %s", fname, k + 1, l->feature_bools[k], out->v[k]);
  }
  if (seen != last - first + 1) fail_msg("%s: layouts cover %u releases, spec %u", fname, seen, last - first + 1);
  st->f_layouts++;
}

static void check_bits_header(spec_state *st, char **c, size_t n) {
  if (n < 4) fail_msg("§5.3.2 header");
  st->bit_cols = 0;
  for (size_t i = 3; i < n; i++) {
    spec_bits_col *col = &st->cols[st->bit_cols++];
    if (!parse_range(c[i], &col->first, &col->last)) fail_msg("§5.3.2 column %s", c[i]);
    const char *open = strchr(c[i], '(');
    snprintf(col->wasmparsers, sizeof col->wasmparsers, "%s", open ? open : "");
    col->n = 0;
  }
}

static void check_bits_row(spec_state *st, char **c, size_t n) {
  if (n != 3 + st->bit_cols) fail_msg("§5.3.2 row has %zu cells", n);
  unsigned order = (unsigned)strtoul(c[0], NULL, 10);
  if (order != st->bit_rows + 1) fail_msg("§5.3.2 row %u out of order", order);
  char name[MAX_NAME];
  if (!backticked(c[2], 0, name, sizeof name)) fail_msg("§5.3.2 name %s", c[2]);
  for (size_t k = 0; k < st->bit_cols; k++) {
    const char *cell = c[3 + k];
    if (strcmp(cell, EM_DASH) == 0) continue;
    spec_bits_col *col = &st->cols[k];
    char *end;
    unsigned long b = strtoul(cell, &end, 10);
    if (end == cell || b > 63) fail_msg("§5.3.2 cell %s", cell);
    uint64_t mask = BIT(b);
    if (*end == '+') {
      unsigned long b2 = strtoul(end + 1, &end, 10);
      if (b2 > 63) fail_msg("§5.3.2 cell %s", cell);
      mask |= BIT(b2);
    }
    char alias[MAX_NAME];
    const char *nm = name;
    if (strstr(end, " as ") && backticked(end, 0, alias, sizeof alias)) {
      for (char *p = alias; *p; p++) *p = (char)tolower((unsigned char)*p);
      nm = alias;
    } else if (*trim(end) != '\0') {
      fail_msg("§5.3.2 cell %s", cell);
    }
    if (col->n >= MAX_LIST) fail_msg("§5.3.2 overflow");
    snprintf(col->rows[col->n].name, MAX_NAME, "%s", nm);
    col->rows[col->n].mask = mask;
    col->n++;
  }
  st->bit_rows++;
}

static void check_bits_columns(const spec_state *st) {
  unsigned covered = 0;
  for (size_t k = 0; k < st->bit_cols; k++) {
    const spec_bits_col *col = &st->cols[k];
    for (unsigned m = col->first; m <= col->last; m++) {
      const cwasm_release *r = cwasm_release_get(m);
      if (!r) fail_msg("§5.3.2: no release %u", m);
      covered++;
      if (r->feature_bits_count != col->n)
        fail_msg("v%u: %u feature bits, spec %zu", m, r->feature_bits_count, col->n);
      for (size_t i = 0; i < col->n; i++) {
        if (strcmp(r->feature_bits[i].name, col->rows[i].name) != 0)
          fail_msg("v%u flag %zu: %s, spec %s", m, i + 1, r->feature_bits[i].name, col->rows[i].name);
        if (r->feature_bits[i].mask != col->rows[i].mask)
          fail_msg("v%u %s: mask %#llx, spec %#llx", m, col->rows[i].name,
                   (unsigned long long)r->feature_bits[i].mask, (unsigned long long)col->rows[i].mask);
      }
      if (!r->wasmparser || !strstr(col->wasmparsers, r->wasmparser))
        fail_msg("v%u wasmparser %s not in column %s", m, r->wasmparser ? r->wasmparser : "NULL",
                 col->wasmparsers);
    }
  }
  if (covered != CWASM_LAST_RELEASE - 33 + 1) fail_msg("§5.3.2 columns cover %u releases", covered);
}

typedef struct spec_tunables {
  char name[8];
  unsigned first, last, declared;
  size_t n;
  cwasm_tunable_id ids[MAX_LIST];
} spec_tunables;

static void check_tunables_layout(spec_state *st, const spec_tunables *t) {
  if (t->n != t->declared) fail_msg("%s: %zu rows, heading says %u", t->name, t->n, t->declared);
  unsigned seen = 0;
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    if (!tunables_base_is(l, t->name)) continue;
    if (l->first_release < t->first || l->last_release > t->last)
      fail_msg("%s used by %s, outside v%u-v%u", t->name, l->name, t->first, t->last);
    seen += l->last_release - l->first_release + 1u;
    if (l->tunables_count != t->n) fail_msg("%s: %u fields, spec %zu", l->tunables_name, l->tunables_count, t->n);
    for (size_t k = 0; k < t->n; k++)
      if (l->tunables[k] != t->ids[k])
        fail_msg("%s field %zu: %s, spec %s", l->tunables_name, k + 1,
                 cwasm_tunable_info_of(l->tunables[k])->name, cwasm_tunable_info_of(t->ids[k])->name);
    st->t_fields += (unsigned)t->n;
  }
  if (seen != t->last - t->first + 1) fail_msg("%s: layouts cover %u releases, spec %u", t->name, seen, t->last - t->first + 1);
  st->t_layouts++;
}

static void check_tunables_row(spec_tunables *t, char **c, size_t n) {
  if (n != 3) fail_msg("%s row has %zu cells", t->name, n);
  unsigned pos = (unsigned)strtoul(c[0], NULL, 10);
  if (pos != t->n + 1) fail_msg("%s row %u out of order", t->name, pos);
  char name[MAX_NAME];
  if (!backticked(c[1], 0, name, sizeof name)) fail_msg("%s row %u name", t->name, pos);
  cwasm_tunable_type type = CWASM_TT_U64;
  if (!spec_type(c[2], &type)) fail_msg("%s %s: unknown type %s", t->name, name, c[2]);
  cwasm_tunable_id id = CWASM_T__COUNT;
  for (int i = 0; i < CWASM_T__COUNT; i++) {
    const cwasm_tunable_info *info = cwasm_tunable_info_of((cwasm_tunable_id)i);
    if (strcmp(info->name, name) == 0 && info->type == type) id = info->id;
  }
  if (id == CWASM_T__COUNT) fail_msg("%s: no tunable %s of type %s", t->name, name, c[2]);
  if (t->n >= MAX_LIST) fail_msg("%s overflow", t->name);
  t->ids[t->n++] = id;
}

static void check_label_row(spec_state *st, char **c, size_t n) {
  if (n != 4) fail_msg("§6.5 row has %zu cells", n);
  char name[MAX_NAME], label[96];
  if (!backticked(c[1], 0, name, sizeof name)) fail_msg("§6.5 row %s", c[1]);
  int has_label = backticked(c[1], 1, label, sizeof label);
  int is_bool = strcmp(c[2], "bool") == 0;
  cwasm_tunable_id id = CWASM_T__COUNT;
  if (!tunable_by_name(name, -1, &id) && !tunable_by_name(name, is_bool, &id))
    fail_msg("§6.5: no tunable %s", name);
  const cwasm_tunable_info *info = cwasm_tunable_info_of(id);
  if (has_label) {
    if (!info->label || strcmp(info->label, label) != 0)
      fail_msg("%s: label \"%s\", spec \"%s\"", name, info->label ? info->label : "NULL", label);
  } else if (info->label) {
    fail_msg("%s: label \"%s\", spec none", name, info->label);
  }
  st->covered[id]++;
  st->label_rows++;
}

static void check_ignored(spec_state *st, const char *para) {
  char name[MAX_NAME];
  for (int k = 0; backticked(para, k, name, sizeof name); k++) {
    int found = 0;
    for (int i = 0; i < CWASM_T__COUNT; i++) {
      const cwasm_tunable_info *info = cwasm_tunable_info_of((cwasm_tunable_id)i);
      if (strcmp(info->name, name) != 0) continue;
      if (info->label) fail_msg("%s is ignored but has label %s", name, info->label);
      st->covered[i]++;
      found = 1;
    }
    if (!found) fail_msg("ignored %s is no tunable", name);
    st->ignored++;
  }
}

enum spec_section { S_OTHER, S_VERSIONS, S_FBOOLS, S_FBITS, S_TUNABLES, S_LABELS };

static void test_against_spec(void **state) {
  (void)state;
#ifdef CWASM_SHARED_DIR
  const char *path = CWASM_SHARED_DIR "/spec/artifact-format.md";
#else
  const char *path = "../shared/spec/artifact-format.md";
#endif
  char *text = slurp(path);
  if (!text) {
    print_message("spec not found at %s: skipped\n", path);
    skip();
  }
  static spec_state st;
  static spec_tunables t;
  memset(&st, 0, sizeof st);
  memset(&t, 0, sizeof t);
  enum spec_section sec = S_OTHER;
  int in_t = 0, bits_header = 0;
  char ignored[1024] = "";
  int in_ignored = 0;

  for (char *line = text; line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    char *next = nl ? nl + 1 : NULL;
    char *cells[16] = {NULL};

    if (line[0] == '#') {
      if (in_t) check_tunables_layout(&st, &t);
      in_t = 0;
      if (strncmp(line, "## 1. ", 6) == 0)
        sec = S_VERSIONS;
      else if (strncmp(line, "#### 5.3.1 ", 11) == 0)
        sec = S_FBOOLS;
      else if (strncmp(line, "#### 5.3.2 ", 11) == 0)
        sec = S_FBITS;
      else if (strncmp(line, "### 5.4 ", 8) == 0)
        sec = S_TUNABLES;
      else if (strncmp(line, "### 6.5 ", 8) == 0)
        sec = S_LABELS;
      else if (sec == S_TUNABLES && strncmp(line, "#### T", 6) == 0) {
        /* "#### T1 — v3.0.0 – v7.0.1 — 12 fields" */
        memset(&t, 0, sizeof t);
        char *sp = strchr(line + 5, ' ');
        if (!sp || (size_t)(sp - (line + 5)) >= sizeof t.name) fail_msg("heading %s", line);
        memcpy(t.name, line + 5, (size_t)(sp - (line + 5)));
        char *d1 = strstr(line, EM_DASH);
        char *d2 = d1 ? strstr(d1 + 1, EM_DASH) : NULL;
        if (!d1 || !d2) fail_msg("heading %s", line);
        t.declared = (unsigned)strtoul(d2 + strlen(EM_DASH), NULL, 10);
        *d2 = '\0';
        if (!parse_range(d1 + strlen(EM_DASH), &t.first, &t.last)) fail_msg("heading range %s", line);
        in_t = 1;
      } else
        sec = S_OTHER;
    } else if (sec == S_VERSIONS && line[0] == '|' && is_digit(line[2])) {
      size_t n = split_row(line, cells, COUNT_OF(cells));
      check_version_row(&st, cells, n);
    } else if (sec == S_FBOOLS && strncmp(line, "| F", 3) == 0) {
      size_t n = split_row(line, cells, COUNT_OF(cells));
      check_fbools_row(&st, cells, n);
    } else if (sec == S_FBITS && strncmp(line, "| decl. order", 13) == 0) {
      size_t n = split_row(line, cells, COUNT_OF(cells));
      check_bits_header(&st, cells, n);
      bits_header = 1;
    } else if (sec == S_FBITS && bits_header && line[0] == '|' && is_digit(line[2])) {
      size_t n = split_row(line, cells, COUNT_OF(cells));
      check_bits_row(&st, cells, n);
    } else if (sec == S_TUNABLES && in_t && line[0] == '|' && is_digit(line[2])) {
      size_t n = split_row(line, cells, COUNT_OF(cells));
      check_tunables_row(&t, cells, n);
    } else if (sec == S_LABELS && line[0] == '|' && is_digit(line[2])) {
      size_t n = split_row(line, cells, COUNT_OF(cells));
      check_label_row(&st, cells, n);
    } else if (sec == S_LABELS && strncmp(line, "Always ignored", 14) == 0) {
      in_ignored = 1;
    }
    if (in_ignored) {
      if (line[0] == '\0') {
        check_ignored(&st, ignored);
        in_ignored = 0;
      } else {
        size_t used = strlen(ignored);
        snprintf(ignored + used, sizeof ignored - used, "%s ", line);
      }
    }
    line = next;
  }
  if (in_t) check_tunables_layout(&st, &t);
  check_bits_columns(&st);
  free(text);

  /* Every table was found and fully read. */
  assert_int_equal(st.version_rows, 35);
  for (unsigned m = CWASM_FIRST_RELEASE; m <= CWASM_LAST_RELEASE; m++)
    if (st.releases_seen[m] != 1) fail_msg("§1 lists v%u %u times", m, st.releases_seen[m]);
  assert_int_equal(st.t_layouts, 18);
  assert_int_equal(st.f_layouts, 13);
  assert_int_equal(st.bit_cols, 9);
  assert_int_equal(st.bit_rows, 42);
  assert_int_equal(st.label_rows, 37);
  assert_int_equal(st.ignored, 9);
  for (int i = 0; i < CWASM_T__COUNT; i++)
    if (st.covered[i] == 0) fail_msg("§6.5 says nothing of %s", cwasm_tunable_info_of((cwasm_tunable_id)i)->name);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tunable_catalogue),
      cmocka_unit_test(test_tunable_labels_spot),
      cmocka_unit_test(test_tunable_enum_names),
      cmocka_unit_test(test_tunables_field_counts),
      cmocka_unit_test(test_tunables_field_order),
      cmocka_unit_test(test_tunables_layout_invariants),
      cmocka_unit_test(test_layouts_table),
      cmocka_unit_test(test_layouts_cover_releases),
      cmocka_unit_test(test_feature_bools),
      cmocka_unit_test(test_releases),
      cmocka_unit_test(test_feature_bit_tables_shared),
      cmocka_unit_test(test_feature_bit_invariants),
      cmocka_unit_test(test_feature_bit_renames_and_bits),
      cmocka_unit_test(test_feature_bits_v48_full),
      cmocka_unit_test(test_feature_bit_renumbering),
      cmocka_unit_test(test_default_features_v36),
      cmocka_unit_test(test_default_features_v39),
      cmocka_unit_test(test_default_features_v48),
      cmocka_unit_test(test_against_spec),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
