/*
 * Per-release schemas of Wasmtime's `Metadata` (spec: artifact-format.md §1,
 * §5.3-§5.5, §6.5). Everything a release changes is a row here, never a
 * branch in the decoder. All tables are static const: no allocation, no
 * mutable state.
 *
 * The tables are transcribed from the spec; tests/test_schemas.c checks them
 * against hand-written expectations and, when the spec file is present,
 * against the spec's own tables.
 */
#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) ((uint64_t)1 << (n))

/* ------------------------------------------------- Tunables field catalogue */

/* Labels are the `{label}` of Wasmtime's mismatch messages (§6.5); NULL for a
 * field that is ignored or compared by a special rule. */
#define TI(id, name, type, label) [CWASM_T_##id] = {CWASM_T_##id, name, CWASM_TT_##type, label}

static const cwasm_tunable_info TUNABLE_INFO[CWASM_T__COUNT] = {
    TI(STATIC_MEMORY_BOUND, "static_memory_bound", U64, "static memory bound"),
    TI(STATIC_MEMORY_RESERVATION, "static_memory_reservation", U64, "static memory reservation"),
    TI(STATIC_MEMORY_OFFSET_GUARD_SIZE, "static_memory_offset_guard_size", U64,
       "static memory guard size"),
    TI(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE, "dynamic_memory_offset_guard_size", U64,
       "dynamic memory guard size"),
    TI(DYNAMIC_MEMORY_GROWTH_RESERVE, "dynamic_memory_growth_reserve", U64, NULL),
    TI(GENERATE_NATIVE_DEBUGINFO, "generate_native_debuginfo", BOOL, "debug information support"),
    TI(PARSE_WASM_DEBUGINFO, "parse_wasm_debuginfo", BOOL, "WebAssembly backtrace support"),
    TI(CONSUME_FUEL, "consume_fuel", BOOL, "fuel support"),
    TI(EPOCH_INTERRUPTION, "epoch_interruption", BOOL, "epoch interruption"),
    TI(STATIC_MEMORY_BOUND_IS_MAXIMUM, "static_memory_bound_is_maximum", BOOL,
       "pooling allocation support"),
    TI(GUARD_BEFORE_LINEAR_MEMORY, "guard_before_linear_memory", BOOL, "guard before linear memory"),
    TI(GENERATE_ADDRESS_MAP, "generate_address_map", BOOL, NULL),
    TI(DEBUG_ADAPTER_MODULES, "debug_adapter_modules", BOOL, NULL),
    TI(RELAXED_SIMD_DETERMINISTIC, "relaxed_simd_deterministic", BOOL,
       "relaxed simd deterministic semantics"),
    TI(TAIL_CALLABLE, "tail_callable", BOOL, "WebAssembly tail calls"),
    TI(WINCH_CALLABLE, "winch_callable", BOOL, "Winch calling convention"),
    TI(CACHE_CALL_INDIRECTS, "cache_call_indirects", BOOL, "caching of call-indirect targets"),
    TI(MAX_CALL_INDIRECT_CACHE_SLOTS, "max_call_indirect_cache_slots", USIZE,
       "maximum slot count for caching of call-indirect targets"),
    TI(TABLE_LAZY_INIT, "table_lazy_init", BOOL, "table lazy init"),
    TI(SIGNALS_BASED_TRAPS, "signals_based_traps", BOOL, "Signals-based traps"),
    TI(COLLECTOR, "collector", OPT_COLLECTOR, NULL),
    TI(MEMORY_GUARD_SIZE, "memory_guard_size", U64, "memory guard size"),
    TI(MEMORY_RESERVATION, "memory_reservation", U64, "memory reservation"),
    TI(MEMORY_RESERVATION_FOR_GROWTH, "memory_reservation_for_growth", U64, NULL),
    TI(MEMORY_MAY_MOVE, "memory_may_move", BOOL, "memory may move"),
    TI(MEMORY_INIT_COW, "memory_init_cow", BOOL, "memory initialization with CoW"),
    TI(INLINING_BOOL, "inlining", BOOL, "function inlining"),
    TI(INLINING_INTRA_MODULE, "inlining_intra_module", INTRA_MODULE_INLINING, NULL),
    TI(INLINING_SMALL_CALLEE_SIZE, "inlining_small_callee_size", U32,
       "function inlining small-callee size"),
    TI(INLINING_SUM_SIZE_THRESHOLD, "inlining_sum_size_threshold", U32,
       "function inlining sum-size threshold"),
    TI(DEBUG_NATIVE, "debug_native", BOOL, "native debug information support"),
    TI(DEBUG_GUEST, "debug_guest", BOOL, "guest debug"),
    TI(CONCURRENCY_SUPPORT, "concurrency_support", BOOL, "concurrency support"),
    TI(OPERATOR_COST, "operator_cost", OPERATOR_COST, NULL),
    TI(RECORDING, "recording", BOOL, "RR recording support"),
    TI(GC_ZEAL_ALLOC_COUNTER, "gc_zeal_alloc_counter", OPT_NONZERO_U32, NULL),
    TI(GC_HEAP_RESERVATION, "gc_heap_reservation", U64, "GC heap reservation"),
    TI(GC_HEAP_GUARD_SIZE, "gc_heap_guard_size", U64, "GC heap guard size"),
    TI(GC_HEAP_RESERVATION_FOR_GROWTH, "gc_heap_reservation_for_growth", U64, NULL),
    TI(GC_HEAP_MAY_MOVE, "gc_heap_may_move", BOOL, "GC heap may move"),
    TI(METADATA_FOR_INTERNAL_ASSERTS, "metadata_for_internal_asserts", BOOL, NULL),
    TI(METADATA_FOR_GC_HEAP_CORRUPTION, "metadata_for_gc_heap_corruption", BOOL, NULL),
    TI(BRANCH_HINTING, "branch_hinting", BOOL, NULL),
    TI(DEBUG_SYMBOLS, "debug_symbols", BOOL, "debug symbols"),
    TI(GC_HEAP_INITIAL_SIZE, "gc_heap_initial_size", U64, "GC heap initial size"),
    TI(INLINING_ENUM, "inlining", INLINING, NULL),
};
#undef TI

const cwasm_tunable_info *cwasm_tunable_info_of(cwasm_tunable_id id) {
  if ((unsigned)id >= (unsigned)CWASM_T__COUNT) return NULL;
  return &TUNABLE_INFO[id];
}

/* ------------------------------------------- enum variants (§5.5) */

static const char *const COLLECTOR_VARIANTS[] = {"DeferredReferenceCounting", "Null", "Copying"};
static const char *const INTRA_MODULE_INLINING_VARIANTS[] = {"Yes", "No", "WhenUsingGc"};
static const char *const INLINING_VARIANTS[] = {"Yes", "InterModuleAndIntraGc", "InterModule",
                                                "Intrinsics", "No"};
static const char *const OPERATOR_COST_VARIANTS[] = {"Table", "Default"};

typedef struct enum_names {
  cwasm_tunable_type type;
  const char *const *names;
  size_t count;
} enum_names;

#define EN(type, arr) {CWASM_TT_##type, arr, COUNT_OF(arr)}
static const enum_names ENUM_NAMES[] = {
    EN(OPT_COLLECTOR, COLLECTOR_VARIANTS),
    EN(INTRA_MODULE_INLINING, INTRA_MODULE_INLINING_VARIANTS),
    EN(INLINING, INLINING_VARIANTS),
    EN(OPERATOR_COST, OPERATOR_COST_VARIANTS),
};
#undef EN

const char *cwasm_tunable_enum_name(cwasm_tunable_type t, uint64_t v) {
  for (size_t i = 0; i < COUNT_OF(ENUM_NAMES); i++) {
    const enum_names *e = &ENUM_NAMES[i];
    if (e->type == t) return v < e->count ? e->names[(size_t)v] : NULL;
  }
  return NULL;
}

uint32_t cwasm_tunable_enum_count(cwasm_tunable_type t) {
  for (size_t i = 0; i < COUNT_OF(ENUM_NAMES); i++)
    if (ENUM_NAMES[i].type == t) return (uint32_t)ENUM_NAMES[i].count;
  return 0;
}

/* ------------------------------------------------ Tunables layouts (§5.4) */

#define T(x) CWASM_T_##x

static const cwasm_tunable_id TUNABLES_T1[] = {
    T(STATIC_MEMORY_BOUND),            T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
};

static const cwasm_tunable_id TUNABLES_T2[] = {
    T(STATIC_MEMORY_BOUND),            T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
    T(RELAXED_SIMD_DETERMINISTIC),
};

static const cwasm_tunable_id TUNABLES_T3[] = {
    T(STATIC_MEMORY_BOUND),            T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
    T(RELAXED_SIMD_DETERMINISTIC),     T(TAIL_CALLABLE),
};

static const cwasm_tunable_id TUNABLES_T4[] = {
    T(STATIC_MEMORY_BOUND),            T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
    T(RELAXED_SIMD_DETERMINISTIC),     T(TAIL_CALLABLE),
    T(WINCH_CALLABLE),
};

static const cwasm_tunable_id TUNABLES_T5[] = {
    T(STATIC_MEMORY_BOUND),            T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
    T(RELAXED_SIMD_DETERMINISTIC),     T(TAIL_CALLABLE),
    T(WINCH_CALLABLE),                 T(CACHE_CALL_INDIRECTS),
    T(MAX_CALL_INDIRECT_CACHE_SLOTS),
};

static const cwasm_tunable_id TUNABLES_T6[] = {
    T(STATIC_MEMORY_RESERVATION),      T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(TAIL_CALLABLE),                  T(WINCH_CALLABLE),
    T(CACHE_CALL_INDIRECTS),           T(MAX_CALL_INDIRECT_CACHE_SLOTS),
};

static const cwasm_tunable_id TUNABLES_T7[] = {
    T(STATIC_MEMORY_RESERVATION),      T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(TAIL_CALLABLE),                  T(WINCH_CALLABLE),
};

static const cwasm_tunable_id TUNABLES_T8[] = {
    T(STATIC_MEMORY_RESERVATION),      T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),
};

static const cwasm_tunable_id TUNABLES_T9[] = {
    T(STATIC_MEMORY_RESERVATION),      T(STATIC_MEMORY_OFFSET_GUARD_SIZE),
    T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),                 T(SIGNALS_BASED_TRAPS),
};

static const cwasm_tunable_id TUNABLES_T10[] = {
    T(COLLECTOR),                      T(STATIC_MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(DYNAMIC_MEMORY_GROWTH_RESERVE),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(STATIC_MEMORY_BOUND_IS_MAXIMUM), T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),                 T(SIGNALS_BASED_TRAPS),
};

static const cwasm_tunable_id TUNABLES_T11[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(MEMORY_MAY_MOVE),                T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),                 T(SIGNALS_BASED_TRAPS),
    T(MEMORY_INIT_COW),
};

static const cwasm_tunable_id TUNABLES_T12[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(GENERATE_NATIVE_DEBUGINFO),      T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(EPOCH_INTERRUPTION),
    T(MEMORY_MAY_MOVE),                T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),                 T(SIGNALS_BASED_TRAPS),
    T(MEMORY_INIT_COW),                T(INLINING_BOOL),
    T(INLINING_INTRA_MODULE),          T(INLINING_SMALL_CALLEE_SIZE),
    T(INLINING_SUM_SIZE_THRESHOLD),
};

static const cwasm_tunable_id TUNABLES_T13[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(DEBUG_NATIVE),                   T(DEBUG_GUEST),
    T(PARSE_WASM_DEBUGINFO),           T(CONSUME_FUEL),
    T(EPOCH_INTERRUPTION),             T(MEMORY_MAY_MOVE),
    T(GUARD_BEFORE_LINEAR_MEMORY),     T(TABLE_LAZY_INIT),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
    T(RELAXED_SIMD_DETERMINISTIC),     T(WINCH_CALLABLE),
    T(SIGNALS_BASED_TRAPS),            T(MEMORY_INIT_COW),
    T(INLINING_BOOL),                  T(INLINING_INTRA_MODULE),
    T(INLINING_SMALL_CALLEE_SIZE),     T(INLINING_SUM_SIZE_THRESHOLD),
};

static const cwasm_tunable_id TUNABLES_T14[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(DEBUG_NATIVE),                   T(DEBUG_GUEST),
    T(PARSE_WASM_DEBUGINFO),           T(CONSUME_FUEL),
    T(EPOCH_INTERRUPTION),             T(MEMORY_MAY_MOVE),
    T(GUARD_BEFORE_LINEAR_MEMORY),     T(TABLE_LAZY_INIT),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
    T(RELAXED_SIMD_DETERMINISTIC),     T(WINCH_CALLABLE),
    T(SIGNALS_BASED_TRAPS),            T(MEMORY_INIT_COW),
    T(INLINING_BOOL),                  T(INLINING_INTRA_MODULE),
    T(INLINING_SMALL_CALLEE_SIZE),     T(INLINING_SUM_SIZE_THRESHOLD),
    T(CONCURRENCY_SUPPORT),
};

static const cwasm_tunable_id TUNABLES_T15[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(DEBUG_NATIVE),                   T(DEBUG_GUEST),
    T(PARSE_WASM_DEBUGINFO),           T(CONSUME_FUEL),
    T(OPERATOR_COST),                  T(EPOCH_INTERRUPTION),
    T(MEMORY_MAY_MOVE),                T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),                 T(SIGNALS_BASED_TRAPS),
    T(MEMORY_INIT_COW),                T(INLINING_BOOL),
    T(INLINING_INTRA_MODULE),          T(INLINING_SMALL_CALLEE_SIZE),
    T(INLINING_SUM_SIZE_THRESHOLD),    T(CONCURRENCY_SUPPORT),
    T(RECORDING),
};

static const cwasm_tunable_id TUNABLES_T16[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(DEBUG_NATIVE),                   T(DEBUG_GUEST),
    T(PARSE_WASM_DEBUGINFO),           T(CONSUME_FUEL),
    T(OPERATOR_COST),                  T(EPOCH_INTERRUPTION),
    T(MEMORY_MAY_MOVE),                T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),                 T(SIGNALS_BASED_TRAPS),
    T(MEMORY_INIT_COW),                T(INLINING_ENUM),
    T(INLINING_SMALL_CALLEE_SIZE),     T(INLINING_SUM_SIZE_THRESHOLD),
    T(CONCURRENCY_SUPPORT),            T(RECORDING),
    T(GC_ZEAL_ALLOC_COUNTER),          T(GC_HEAP_RESERVATION),
    T(GC_HEAP_GUARD_SIZE),             T(GC_HEAP_RESERVATION_FOR_GROWTH),
    T(GC_HEAP_MAY_MOVE),
};

static const cwasm_tunable_id TUNABLES_T17[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(DEBUG_NATIVE),                   T(DEBUG_GUEST),
    T(PARSE_WASM_DEBUGINFO),           T(CONSUME_FUEL),
    T(OPERATOR_COST),                  T(EPOCH_INTERRUPTION),
    T(MEMORY_MAY_MOVE),                T(GUARD_BEFORE_LINEAR_MEMORY),
    T(TABLE_LAZY_INIT),                T(GENERATE_ADDRESS_MAP),
    T(DEBUG_ADAPTER_MODULES),          T(RELAXED_SIMD_DETERMINISTIC),
    T(WINCH_CALLABLE),                 T(SIGNALS_BASED_TRAPS),
    T(MEMORY_INIT_COW),                T(INLINING_ENUM),
    T(INLINING_SMALL_CALLEE_SIZE),     T(INLINING_SUM_SIZE_THRESHOLD),
    T(CONCURRENCY_SUPPORT),            T(RECORDING),
    T(GC_ZEAL_ALLOC_COUNTER),          T(GC_HEAP_RESERVATION),
    T(GC_HEAP_GUARD_SIZE),             T(GC_HEAP_RESERVATION_FOR_GROWTH),
    T(GC_HEAP_MAY_MOVE),               T(METADATA_FOR_INTERNAL_ASSERTS),
    T(METADATA_FOR_GC_HEAP_CORRUPTION), T(BRANCH_HINTING),
};

/* T18a (v47) and T18b (v48+) share this field list; only the length of the
 * OperatorCost table differs (layout row). */
static const cwasm_tunable_id TUNABLES_T18[] = {
    T(COLLECTOR),                      T(MEMORY_RESERVATION),
    T(MEMORY_GUARD_SIZE),              T(MEMORY_RESERVATION_FOR_GROWTH),
    T(DEBUG_NATIVE),                   T(DEBUG_GUEST),
    T(DEBUG_SYMBOLS),                  T(PARSE_WASM_DEBUGINFO),
    T(CONSUME_FUEL),                   T(OPERATOR_COST),
    T(EPOCH_INTERRUPTION),             T(MEMORY_MAY_MOVE),
    T(GUARD_BEFORE_LINEAR_MEMORY),     T(TABLE_LAZY_INIT),
    T(GENERATE_ADDRESS_MAP),           T(DEBUG_ADAPTER_MODULES),
    T(RELAXED_SIMD_DETERMINISTIC),     T(WINCH_CALLABLE),
    T(SIGNALS_BASED_TRAPS),            T(MEMORY_INIT_COW),
    T(INLINING_ENUM),                  T(INLINING_SMALL_CALLEE_SIZE),
    T(INLINING_SUM_SIZE_THRESHOLD),    T(CONCURRENCY_SUPPORT),
    T(RECORDING),                      T(GC_ZEAL_ALLOC_COUNTER),
    T(GC_HEAP_RESERVATION),            T(GC_HEAP_GUARD_SIZE),
    T(GC_HEAP_RESERVATION_FOR_GROWTH), T(GC_HEAP_INITIAL_SIZE),
    T(GC_HEAP_MAY_MOVE),               T(METADATA_FOR_INTERNAL_ASSERTS),
    T(METADATA_FOR_GC_HEAP_CORRUPTION), T(BRANCH_HINTING),
};

#undef T

/* ------------------------------------- features as bools, v3-v32 (§5.3.1) */

static const char *const F1_NAMES[] = {
    "reference_types", "multi_value",  "bulk_memory", "component_model",    "simd",
    "threads",         "tail_call",    "deterministic_only", "multi_memory", "exceptions",
    "memory64",        "relaxed_simd", "extended_const",
};
static const char *const F2_NAMES[] = {
    "reference_types", "multi_value",  "bulk_memory",  "component_model", "simd",     "threads",
    "tail_call",       "multi_memory", "exceptions",   "memory64",        "relaxed_simd",
    "extended_const",
};
static const char *const F3_NAMES[] = {
    "reference_types", "multi_value", "bulk_memory", "component_model", "simd",          "threads",
    "multi_memory",    "exceptions",  "memory64",    "relaxed_simd",    "extended_const",
};
static const char *const F4_NAMES[] = {
    "reference_types", "multi_value",  "bulk_memory",    "component_model",     "simd",
    "threads",         "multi_memory", "exceptions",     "memory64",            "relaxed_simd",
    "extended_const",  "function_references",
};
static const char *const F5_NAMES[] = {
    "reference_types", "multi_value",  "bulk_memory",    "component_model",     "simd",
    "tail_call",       "threads",      "multi_memory",   "exceptions",          "memory64",
    "relaxed_simd",    "extended_const", "function_references",
};
static const char *const F6_NAMES[] = {
    "reference_types", "multi_value",  "bulk_memory",    "component_model",     "simd",
    "tail_call",       "threads",      "multi_memory",   "exceptions",          "memory64",
    "relaxed_simd",    "extended_const", "function_references", "gc",
};
static const char *const F7_NAMES[] = {
    "reference_types",     "multi_value",  "bulk_memory",       "component_model",
    "simd",                "tail_call",    "threads",           "multi_memory",
    "exceptions",          "memory64",     "relaxed_simd",      "extended_const",
    "function_references", "gc",           "custom_page_sizes", "component_model_more_flags",
};
static const char *const F8_NAMES[] = {
    "reference_types",     "multi_value",  "bulk_memory",       "component_model",
    "simd",                "tail_call",    "threads",           "multi_memory",
    "exceptions",          "memory64",     "relaxed_simd",      "extended_const",
    "function_references", "gc",           "custom_page_sizes", "component_model_more_flags",
    "component_model_multiple_returns",
};
static const char *const F9_NAMES[] = {
    "reference_types",     "multi_value",  "bulk_memory",       "component_model",
    "simd",                "tail_call",    "threads",           "multi_memory",
    "exceptions",          "memory64",     "relaxed_simd",      "extended_const",
    "function_references", "gc",           "custom_page_sizes", "component_model_more_flags",
    "component_model_multiple_returns",    "gc_types",
};
static const char *const F10_NAMES[] = {
    "reference_types",     "multi_value",  "bulk_memory",       "component_model",
    "simd",                "tail_call",    "threads",           "multi_memory",
    "exceptions",          "memory64",     "relaxed_simd",      "extended_const",
    "function_references", "gc",           "custom_page_sizes", "component_model_more_flags",
    "component_model_multiple_returns",    "gc_types",          "wide_arithmetic",
};
static const char *const F11_NAMES[] = {
    "reference_types",     "multi_value",  "bulk_memory",       "component_model",
    "simd",                "tail_call",    "threads",           "multi_memory",
    "exceptions",          "memory64",     "relaxed_simd",      "extended_const",
    "function_references", "gc",           "custom_page_sizes", "component_model_more_flags",
    "component_model_multiple_returns",    "component_model_async", "gc_types",
    "wide_arithmetic",
};
static const char *const F12_NAMES[] = {
    "reference_types",     "multi_value",  "bulk_memory",       "component_model",
    "simd",                "tail_call",    "threads",           "multi_memory",
    "exceptions",          "memory64",     "relaxed_simd",      "extended_const",
    "function_references", "gc",           "custom_page_sizes", "component_model_async",
    "gc_types",            "wide_arithmetic", "stack_switching",
};
static const char *const F13_NAMES[] = {
    "reference_types",     "multi_value",  "bulk_memory",       "component_model",
    "simd",                "tail_call",    "threads",           "multi_memory",
    "exceptions",          "memory64",     "relaxed_simd",      "extended_const",
    "function_references", "gc",           "custom_page_sizes", "component_model_async",
    "component_model_async_builtins",      "component_model_async_stackful",
    "gc_types",            "wide_arithmetic", "stack_switching",
};

/* ------------------------------ wasmparser feature bits, v33+ (§5.3.2) */

/* Rows 1-29 of §5.3.2 (MUTABLE_GLOBAL .. CM_ASYNC_STACKFUL): the same single
 * bits in every column; only REFERENCE_TYPES and BULK_MEMORY gained a second
 * bit (0.233) which then moved (0.239). Declaration order, not bit order. */
#define WP_ROWS_1_TO_29(reference_types, bulk_memory)                                   \
  {"mutable_global", BIT(0)}, {"saturating_float_to_int", BIT(1)},                     \
      {"sign_extension", BIT(2)}, {"reference_types", (reference_types)},              \
      {"multi_value", BIT(4)}, {"bulk_memory", (bulk_memory)}, {"simd", BIT(6)},       \
      {"relaxed_simd", BIT(7)}, {"threads", BIT(8)},                                   \
      {"shared_everything_threads", BIT(9)}, {"tail_call", BIT(10)},                   \
      {"floats", BIT(11)}, {"multi_memory", BIT(12)}, {"exceptions", BIT(13)},         \
      {"memory64", BIT(14)}, {"extended_const", BIT(15)},                              \
      {"component_model", BIT(16)}, {"function_references", BIT(17)},                 \
      {"memory_control", BIT(18)}, {"gc", BIT(19)}, {"custom_page_sizes", BIT(20)},    \
      {"legacy_exceptions", BIT(23)}, {"gc_types", BIT(24)},                           \
      {"stack_switching", BIT(25)}, {"wide_arithmetic", BIT(26)},                      \
      {"cm_values", BIT(21)}, {"cm_nested_names", BIT(22)}, {"cm_async", BIT(27)},     \
      {"cm_async_stackful", BIT(28)}

/* v33: wasmparser 0.229 (u32). */
static const cwasm_feature_bit WP_0229[] = {
    WP_ROWS_1_TO_29(BIT(3), BIT(5)),
    {"cm_async_builtins", BIT(29)},
    {"cm_error_context", BIT(30)},
};

/* v34-v36: wasmparser 0.233 / 0.235 / 0.236. */
static const cwasm_feature_bit WP_0233[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(33), BIT(5) | BIT(34)),
    {"cm_async_builtins", BIT(29)},
    {"cm_error_context", BIT(30)},
    {"cm_fixed_size_list", BIT(31)},
    {"cm_gc", BIT(32)},
    {"call_indirect_overlong", BIT(33)},
    {"bulk_memory_opt", BIT(34)},
};

/* v37-v39: wasmparser 0.239 / 0.240. CM_THREADING took bit 30 and pushed
 * bits 30-34 up by one. */
static const cwasm_feature_bit WP_0239[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(34), BIT(5) | BIT(35)),
    {"cm_async_builtins", BIT(29)},
    {"cm_threading", BIT(30)},
    {"cm_error_context", BIT(31)},
    {"cm_fixed_size_list", BIT(32)},
    {"cm_gc", BIT(33)},
    {"call_indirect_overlong", BIT(34)},
    {"bulk_memory_opt", BIT(35)},
};

/* v40-v41: wasmparser 0.243. */
static const cwasm_feature_bit WP_0243[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(34), BIT(5) | BIT(35)),
    {"cm_async_builtins", BIT(29)},
    {"cm_threading", BIT(30)},
    {"cm_error_context", BIT(31)},
    {"cm_fixed_size_list", BIT(32)},
    {"cm_gc", BIT(33)},
    {"call_indirect_overlong", BIT(34)},
    {"bulk_memory_opt", BIT(35)},
    {"custom_descriptors", BIT(36)},
};

/* v42: wasmparser 0.244. */
static const cwasm_feature_bit WP_0244[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(34), BIT(5) | BIT(35)),
    {"cm_async_builtins", BIT(29)},
    {"cm_threading", BIT(30)},
    {"cm_error_context", BIT(31)},
    {"cm_fixed_size_list", BIT(32)},
    {"cm_gc", BIT(33)},
    {"call_indirect_overlong", BIT(34)},
    {"bulk_memory_opt", BIT(35)},
    {"custom_descriptors", BIT(36)},
    {"compact_imports", BIT(37)},
    {"cm_map", BIT(38)},
};

/* v43-v44: wasmparser 0.245 / 0.246.1 (CM_FIXED_SIZE_LIST renamed). */
static const cwasm_feature_bit WP_0245[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(34), BIT(5) | BIT(35)),
    {"cm_async_builtins", BIT(29)},
    {"cm_threading", BIT(30)},
    {"cm_error_context", BIT(31)},
    {"cm_fixed_length_lists", BIT(32)},
    {"cm_gc", BIT(33)},
    {"call_indirect_overlong", BIT(34)},
    {"bulk_memory_opt", BIT(35)},
    {"custom_descriptors", BIT(36)},
    {"compact_imports", BIT(37)},
    {"cm_map", BIT(38)},
};

/* v45: wasmparser 0.248 (CM_ASYNC_BUILTINS renamed). */
static const cwasm_feature_bit WP_0248[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(34), BIT(5) | BIT(35)),
    {"cm_more_async_builtins", BIT(29)},
    {"cm_threading", BIT(30)},
    {"cm_error_context", BIT(31)},
    {"cm_fixed_length_lists", BIT(32)},
    {"cm_gc", BIT(33)},
    {"call_indirect_overlong", BIT(34)},
    {"bulk_memory_opt", BIT(35)},
    {"custom_descriptors", BIT(36)},
    {"compact_imports", BIT(37)},
    {"cm_map", BIT(38)},
    {"cm64", BIT(39)},
};

/* v46-v47: wasmparser 0.251 / 0.252. */
static const cwasm_feature_bit WP_0251[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(34), BIT(5) | BIT(35)),
    {"cm_more_async_builtins", BIT(29)},
    {"cm_threading", BIT(30)},
    {"cm_error_context", BIT(31)},
    {"cm_fixed_length_lists", BIT(32)},
    {"cm_gc", BIT(33)},
    {"call_indirect_overlong", BIT(34)},
    {"bulk_memory_opt", BIT(35)},
    {"custom_descriptors", BIT(36)},
    {"compact_imports", BIT(37)},
    {"cm_map", BIT(38)},
    {"cm64", BIT(39)},
    {"cm_implements", BIT(40)},
};

/* v48-v49: wasmparser 0.254. */
static const cwasm_feature_bit WP_0254[] = {
    WP_ROWS_1_TO_29(BIT(3) | BIT(34), BIT(5) | BIT(35)),
    {"cm_more_async_builtins", BIT(29)},
    {"cm_threading", BIT(30)},
    {"cm_error_context", BIT(31)},
    {"cm_fixed_length_lists", BIT(32)},
    {"cm_gc", BIT(33)},
    {"call_indirect_overlong", BIT(34)},
    {"bulk_memory_opt", BIT(35)},
    {"custom_descriptors", BIT(36)},
    {"compact_imports", BIT(37)},
    {"cm_map", BIT(38)},
    {"cm64", BIT(39)},
    {"cm_implements", BIT(40)},
    {"cm_canon_names", BIT(41)},
};

#undef WP_ROWS_1_TO_29

/* ------------------------------------------------------ wire layouts (§1) */

/* Index of each layout in LAYOUTS; its id is index + 1. */
enum {
  L_V3_V4, L_V5, L_V6_V7, L_V8_V9, L_V10_V11, L_V12_V14, L_V15_V18, L_V19, L_V20, L_V21,
  L_V22, L_V23, L_V24, L_V25, L_V26, L_V27, L_V28_V29, L_V30, L_V31, L_V32,
  L_V33, L_V34_V35, L_V36_V38, L_V39_V41, L_V42, L_V43_V44, L_V45, L_V46, L_V47, L_V48_V49,
  L__COUNT
};

/* Column groups of cwasm_layout, in field order. */
#define TUN(t) #t, TUNABLES_##t, (uint8_t)COUNT_OF(TUNABLES_##t)
#define TUN_AS(name, t) name, TUNABLES_##t, (uint8_t)COUNT_OF(TUNABLES_##t)
#define BOOLS(f) CWASM_FEATURES_BOOLS, #f, f##_NAMES, (uint8_t)COUNT_OF(f##_NAMES)
#define BITS_U32 CWASM_FEATURES_U32, "U32", NULL, 0
#define BITS_U64 CWASM_FEATURES_U64, "U64", NULL, 0
#define BINCODE CWASM_CODEC_BINCODE
#define POSTCARD CWASM_CODEC_POSTCARD
#define MAP 1
#define SEQ 0

/* OperatorCost::Table: 627 operator bytes (v43-v47), + 16 variable-cost bytes (v48+). */
#define OPCOST_V43 627
#define OPCOST_V48 643

static const cwasm_layout LAYOUTS[] = {
    /* id name       first last codec  flags  tunables  opcost  collector  features */
    {1, "v3-v4", 3, 4, BINCODE, MAP, TUN(T1), 0, 0, BOOLS(F1)},
    {2, "v5", 5, 5, BINCODE, MAP, TUN(T1), 0, 0, BOOLS(F2)},
    {3, "v6-v7", 6, 7, BINCODE, MAP, TUN(T1), 0, 0, BOOLS(F3)},
    {4, "v8-v9", 8, 9, BINCODE, MAP, TUN(T2), 0, 0, BOOLS(F3)},
    {5, "v10-v11", 10, 11, BINCODE, MAP, TUN(T2), 0, 0, BOOLS(F4)},
    {6, "v12-v14", 12, 14, BINCODE, MAP, TUN(T3), 0, 0, BOOLS(F5)},
    {7, "v15-v18", 15, 18, BINCODE, SEQ, TUN(T3), 0, 0, BOOLS(F5)},
    {8, "v19", 19, 19, BINCODE, SEQ, TUN(T3), 0, 0, BOOLS(F6)},
    {9, "v20", 20, 20, BINCODE, SEQ, TUN(T4), 0, 0, BOOLS(F6)},
    {10, "v21", 21, 21, POSTCARD, SEQ, TUN(T5), 0, 0, BOOLS(F6)},
    {11, "v22", 22, 22, POSTCARD, SEQ, TUN(T6), 0, 0, BOOLS(F6)},
    {12, "v23", 23, 23, POSTCARD, SEQ, TUN(T7), 0, 0, BOOLS(F7)},
    {13, "v24", 24, 24, POSTCARD, SEQ, TUN(T8), 0, 0, BOOLS(F8)},
    {14, "v25", 25, 25, POSTCARD, SEQ, TUN(T8), 0, 0, BOOLS(F9)},
    {15, "v26", 26, 26, POSTCARD, SEQ, TUN(T9), 0, 0, BOOLS(F9)},
    {16, "v27", 27, 27, POSTCARD, SEQ, TUN(T10), 0, 2, BOOLS(F10)},
    {17, "v28-v29", 28, 29, POSTCARD, SEQ, TUN(T11), 0, 2, BOOLS(F10)},
    {18, "v30", 30, 30, POSTCARD, SEQ, TUN(T11), 0, 2, BOOLS(F11)},
    {19, "v31", 31, 31, POSTCARD, SEQ, TUN(T11), 0, 2, BOOLS(F12)},
    {20, "v32", 32, 32, POSTCARD, SEQ, TUN(T11), 0, 2, BOOLS(F13)},
    {21, "v33", 33, 33, POSTCARD, SEQ, TUN(T11), 0, 2, BITS_U32},
    {22, "v34-v35", 34, 35, POSTCARD, SEQ, TUN(T11), 0, 2, BITS_U64},
    {23, "v36-v38", 36, 38, POSTCARD, SEQ, TUN(T12), 0, 2, BITS_U64},
    {24, "v39-v41", 39, 41, POSTCARD, SEQ, TUN(T13), 0, 2, BITS_U64},
    {25, "v42", 42, 42, POSTCARD, SEQ, TUN(T14), 0, 2, BITS_U64},
    {26, "v43-v44", 43, 44, POSTCARD, SEQ, TUN(T15), OPCOST_V43, 2, BITS_U64},
    {27, "v45", 45, 45, POSTCARD, SEQ, TUN(T16), OPCOST_V43, 3, BITS_U64},
    {28, "v46", 46, 46, POSTCARD, SEQ, TUN(T17), OPCOST_V43, 3, BITS_U64},
    {29, "v47", 47, 47, POSTCARD, SEQ, TUN_AS("T18a", T18), OPCOST_V43, 3, BITS_U64},
    {30, "v48-v49", 48, 49, POSTCARD, SEQ, TUN_AS("T18b", T18), OPCOST_V48, 3, BITS_U64},
};

_Static_assert(COUNT_OF(LAYOUTS) == L__COUNT, "one row per layout enumerator");

#undef TUN
#undef TUN_AS
#undef BOOLS
#undef BITS_U32
#undef BITS_U64
#undef BINCODE
#undef POSTCARD
#undef MAP
#undef SEQ

size_t cwasm_layout_count(void) { return COUNT_OF(LAYOUTS); }

const cwasm_layout *cwasm_layout_at(size_t index) {
  return index < COUNT_OF(LAYOUTS) ? &LAYOUTS[index] : NULL;
}

/* --------------------------------------------------------- releases (§1) */

/* Default version string: "X.Y.Z" up to v37, bare "X" from v38 (38.0.1). */
#define FULL 1
#define MAJOR 0

#define REL(major, layout, mode, full) \
  {major, &LAYOUTS[layout], CWASM_ELF_MODE_##mode, full, NULL, NULL, 0}
#define REL_BITS(major, layout, mode, full, wasmparser, bits) \
  {major, &LAYOUTS[layout], CWASM_ELF_MODE_##mode, full, wasmparser, bits, (uint8_t)COUNT_OF(bits)}

static const cwasm_release RELEASES[] = {
    REL(3, L_V3_V4, A, FULL),
    REL(4, L_V3_V4, A, FULL),
    REL(5, L_V5, A, FULL),
    REL(6, L_V6_V7, A, FULL),
    REL(7, L_V6_V7, A, FULL),
    REL(8, L_V8_V9, A, FULL),
    REL(9, L_V8_V9, A, FULL),
    REL(10, L_V10_V11, A, FULL),
    REL(11, L_V10_V11, A, FULL),
    REL(12, L_V12_V14, A, FULL),
    REL(13, L_V12_V14, A, FULL),
    REL(14, L_V12_V14, A, FULL),
    REL(15, L_V15_V18, A, FULL),
    REL(16, L_V15_V18, A, FULL),
    REL(17, L_V15_V18, A, FULL),
    REL(18, L_V15_V18, A, FULL),
    REL(19, L_V19, A, FULL),
    REL(20, L_V20, A, FULL),
    REL(21, L_V21, A, FULL),
    REL(22, L_V22, B, FULL),
    REL(23, L_V23, B, FULL),
    REL(24, L_V24, B, FULL),
    REL(25, L_V25, B, FULL),
    REL(26, L_V26, B, FULL),
    REL(27, L_V27, B, FULL),
    REL(28, L_V28_V29, C, FULL),
    REL(29, L_V28_V29, C, FULL),
    REL(30, L_V30, C, FULL),
    REL(31, L_V31, C, FULL),
    REL(32, L_V32, D, FULL),
    REL_BITS(33, L_V33, D, FULL, "0.229", WP_0229),
    REL_BITS(34, L_V34_V35, D, FULL, "0.233", WP_0233),
    REL_BITS(35, L_V34_V35, D, FULL, "0.235", WP_0233),
    REL_BITS(36, L_V36_V38, D, FULL, "0.236", WP_0233),
    REL_BITS(37, L_V36_V38, D, FULL, "0.239", WP_0239),
    REL_BITS(38, L_V36_V38, D, MAJOR, "0.239", WP_0239),
    REL_BITS(39, L_V39_V41, D, MAJOR, "0.240", WP_0239),
    REL_BITS(40, L_V39_V41, D, MAJOR, "0.243", WP_0243),
    REL_BITS(41, L_V39_V41, D, MAJOR, "0.243", WP_0243),
    REL_BITS(42, L_V42, D, MAJOR, "0.244", WP_0244),
    REL_BITS(43, L_V43_V44, E, MAJOR, "0.245", WP_0245),
    REL_BITS(44, L_V43_V44, E, MAJOR, "0.246.1", WP_0245),
    REL_BITS(45, L_V45, E, MAJOR, "0.248", WP_0248),
    REL_BITS(46, L_V46, E, MAJOR, "0.251", WP_0251),
    REL_BITS(47, L_V47, E, MAJOR, "0.252", WP_0251),
    REL_BITS(48, L_V48_V49, E, MAJOR, "0.254", WP_0254),
    REL_BITS(49, L_V48_V49, E, MAJOR, "0.254", WP_0254),
};

_Static_assert(COUNT_OF(RELEASES) == CWASM_LAST_RELEASE - CWASM_FIRST_RELEASE + 1,
               "one row per release");

#undef REL
#undef REL_BITS
#undef FULL
#undef MAJOR

const cwasm_release *cwasm_release_get(unsigned major) {
  if (major < CWASM_FIRST_RELEASE || major > CWASM_LAST_RELEASE) return NULL;
  return &RELEASES[major - CWASM_FIRST_RELEASE];
}
