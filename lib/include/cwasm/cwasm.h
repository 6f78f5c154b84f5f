/*
 * cwasm — parse and verify Wasmtime precompiled artifacts (.cwasm) from
 * untrusted sources.
 *
 * Include this header only: it includes host.h and policy.h. docs/api.md is
 * the guide (building, a complete loader, every function); errors.def and
 * docs/errors.md list the status codes.
 *
 * Conventions of the whole API (cwasm.h, host.h, policy.h). Each function's
 * comment adds what differs.
 *
 *   Memory     Nothing allocates, nothing does I/O. Inputs are only read;
 *              results go into caller-owned structs. Views in results
 *              (cwasm_str, cwasm_bytes, cwasm_section.data, flag lists,
 *              the strings of cwasm_metadata) point into the caller's input
 *              buffer, which must outlive every use of them. Text in a
 *              cwasm_report, cwasm_host or cwasm_triple is copied or static.
 *              Results are plain structs and may be copied (a copy points
 *              into the same input).
 *   Arguments  The input is `buf`/`len` (NULL only with len 0) or a
 *              cwasm_bytes. `opt` may be NULL: strict mode, default limits.
 *              `diag` and `warnings` may be NULL. A NULL result pointer, or
 *              a NULL buffer with a nonzero length, returns CWASM_E_ARGUMENT
 *              from functions that return cwasm_status. Functions returning
 *              a name return a static string ("unknown" or similar for an
 *              out-of-range value), never NULL unless their comment says so.
 *   Failure    A cwasm_status function returns CWASM_OK or an ERROR-class
 *              code (never a warning), and fills `diag`: the code, the
 *              absolute byte offset (inside the input), the field, the value
 *              found and the value expected or allowed. A result struct then
 *              holds only what was validated before the failing check
 *              (cwasm_artifact.stages and cwasm_metadata.have say which
 *              parts). Codes and their numbers are stable (errors.def);
 *              new codes may be added: handle unknown ones (class
 *              CWASM_CLASS_UNKNOWN from older headers, or any other number).
 *   Cost       Time linear in the input (layout inference: at most one
 *              decode per layout, 30); no recursion, no VLAs; the deepest
 *              call (cwasm_check) uses about 8 KiB of stack, cwasm_parse
 *              about 5 KiB. cwasm_artifact is about 3 KiB and cwasm_report
 *              about 66 KiB: keep them off small thread stacks.
 *   Threads    Every function is reentrant. Calls may run concurrently on
 *              different result objects; an input buffer, a cwasm_host, a
 *              parsed cwasm_artifact and the static tables (layouts,
 *              releases) may be shared read-only by any number of threads.
 *              The only process-wide state is the CPU probe's cached answer
 *              (cwasm_host_cpu_probe), filled once, lock-free.
 *   Trust      The bytes of an artifact are untrusted: any content is handled
 *              as above. Hosts, options, names and feature lists come from
 *              the caller and are trusted to be what the caller means.
 *
 * Pipeline (each stage also callable on its own):
 *   cwasm_detect       first 64 bytes only: is this a Wasmtime artifact, which kind
 *   cwasm_elf_parse    ELF header and section table
 *   cwasm_engine_find  the .wasmtime.engine section and its framing
 *   cwasm_version_parse the version string
 *   cwasm_metadata_decode the Metadata under one layout
 *   cwasm_parse        all of the above, with layout selection and inference
 *
 * Passing these checks does NOT make an artifact trustworthy: a well-formed
 * artifact can carry any native code. See SECURITY.md.
 */
#ifndef CWASM_CWASM_H
#define CWASM_CWASM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(CWASM_SHARED_BUILD)
#define CWASM_API __declspec(dllexport)
#elif defined(__GNUC__)
#define CWASM_API __attribute__((visibility("default")))
#else
#define CWASM_API
#endif

#if defined(__GNUC__)
#define CWASM_MUST_USE __attribute__((warn_unused_result))
#else
#define CWASM_MUST_USE
#endif

/*
 * The version of this header (semantic versioning; CMake, cwasm.pc and the
 * shared library's VERSION are generated from these lines). Compare with
 * cwasm_library_version(), the version of the library actually linked.
 * ABI: from 1.0 the SONAME is libcwasm.so.MAJOR and changes only with it;
 * before 1.0 it is libcwasm.so.0.MINOR and any minor release may change
 * struct layouts. Status numbers never change meaning (errors.def).
 */
#define CWASM_VERSION_MAJOR 0
#define CWASM_VERSION_MINOR 1
#define CWASM_VERSION_PATCH 0
#define CWASM_VERSION_STRING "0.1.0"

/* ---------------------------------------------------------------- status */

typedef enum cwasm_status {
#define X(name, num, cls, msg) CWASM_##name = num,
#include "cwasm/errors.def"
#undef X
  CWASM__STATUS_END_ /* not a code */
} cwasm_status;

typedef enum cwasm_status_class {
  CWASM_CLASS_OK = 0,
  CWASM_CLASS_ERROR = 1,
  CWASM_CLASS_WARNING = 2,
  CWASM_CLASS_FINDING = 3,
  CWASM_CLASS_UNKNOWN = 4
} cwasm_status_class;

/* Stable name ("E_ELF_MAGIC"), message, class of a code. Unknown codes give
 * "UNKNOWN", "unknown status code" and CWASM_CLASS_UNKNOWN. Static strings. */
CWASM_API const char *cwasm_status_name(cwasm_status s);
CWASM_API const char *cwasm_status_message(cwasm_status s);
CWASM_API cwasm_status_class cwasm_status_class_of(cwasm_status s);
/* Look a code up by its stable name; returns 0 and sets *out on success, -1 if unknown. */
CWASM_API int cwasm_status_from_name(const char *name, cwasm_status *out);
/* Iterate the table: index 0..cwasm_status_count()-1, in errors.def order.
 * An index out of range gives CWASM_E_ARGUMENT. */
CWASM_API size_t cwasm_status_count(void);
CWASM_API cwasm_status cwasm_status_at(size_t index);

/* ------------------------------------------------------------ diagnostic */

#define CWASM_NO_SECTION UINT32_MAX

/*
 * Where and why something failed (or warned). Filled by every fallible call
 * that is given one. `field` is a static string naming the field
 * ("e_shoff", "tunables.memory_reservation", "shared_flags[3].value"), never
 * a pointer into the input.
 */
typedef struct cwasm_diag {
  cwasm_status code;
  uint64_t offset;     /* absolute byte offset in the input */
  uint32_t section;    /* section index or CWASM_NO_SECTION */
  const char *field;   /* static, never NULL after a failure */
  uint64_t actual;     /* the value found (meaning per code), if has_actual */
  uint64_t expected;   /* the value required or the bound, if has_expected */
  uint8_t has_actual;
  uint8_t has_expected; /* 0 none; 1 `expected` is the required value; 2 `expected` is the
                           largest value allowed there (a limit) */
} cwasm_diag;

#define CWASM_DIAG_EXPECTED 1
#define CWASM_DIAG_LIMIT 2

/*
 * Render a diagnostic: "E_ELF_SHOFF_RANGE: section header table lies outside
 * the input: e_shoff = 4096 (0x1000), limit 812 (0x32c) at offset 40 (0x28)".
 * Always NUL-terminates when size > 0; returns the length it wanted
 * (snprintf-like; texts longer than 511 bytes are cut). `buf` may be NULL
 * with size 0. A NULL `d` returns 0 and writes nothing.
 */
CWASM_API size_t cwasm_diag_format(const cwasm_diag *d, char *buf, size_t size);

/* ----------------------------------------------------------------- views */

/* A view into the caller's input: not NUL-terminated. */
typedef struct cwasm_str {
  const char *p;
  size_t n;
} cwasm_str;

typedef struct cwasm_bytes {
  const uint8_t *p;
  size_t n;
} cwasm_bytes;

/* ---------------------------------------------------------------- detect */

typedef enum cwasm_kind {
  CWASM_KIND_NONE = 0,      /* not a Wasmtime artifact */
  CWASM_KIND_MODULE = 1,    /* e_flags bit 0 */
  CWASM_KIND_COMPONENT = 2, /* e_flags bit 1 */
  CWASM_KIND_LEGACY = 3     /* Wasmtime 0.26 .. 2.x (no engine section) */
} cwasm_kind;

/* "module", "component", "legacy"; "none" for anything else. */
CWASM_API const char *cwasm_kind_name(cwasm_kind k);

/*
 * Classify from the first 64 bytes only (Wasmtime's detect_precompiled rules
 * of v32+: ELF64 magic, EI_OSABI 200, EI_ABIVERSION 0, bit 0 module, else
 * bit 1 component). Also recognises a pre-ELF legacy prefix "\0wasmtime-aot".
 * Never reads past min(len, 64). Returns CWASM_KIND_NONE for anything else,
 * including an ELF legacy artifact (whose marker is at its end: use
 * cwasm_parse).
 */
CWASM_API cwasm_kind cwasm_detect(const uint8_t *buf, size_t len);

/* ------------------------------------------------------------------- ELF */

#define CWASM_ELFOSABI_WASMTIME 200
#define CWASM_EF_MODULE 0x1u
#define CWASM_EF_COMPONENT 0x2u
#define CWASM_EF_PULLEY32 0x4u
#define CWASM_EF_PULLEY64 0x8u

typedef enum cwasm_endian { CWASM_LITTLE = 1, CWASM_BIG = 2 } cwasm_endian;

typedef struct cwasm_elf {
  /* input the offsets refer to */
  const uint8_t *base;
  size_t size;
  /* identification */
  uint8_t elf_class;  /* 32 or 64 */
  uint8_t endian;     /* cwasm_endian */
  uint8_t osabi;
  uint8_t abiversion;
  /* header */
  uint16_t type;
  uint16_t machine;
  uint32_t version;
  uint32_t flags;     /* e_flags */
  uint16_t ehsize;
  uint16_t phentsize;
  uint16_t phnum;
  uint16_t shentsize;
  uint16_t shnum_field;    /* e_shnum as written */
  uint16_t shstrndx_field; /* e_shstrndx as written */
  uint64_t phoff;
  uint64_t shoff;
  /* resolved (extended numbering applied) */
  uint64_t shnum;
  uint32_t shstrndx;
  uint64_t shstrtab_offset;
  uint64_t shstrtab_size;
  /* classification from e_flags */
  cwasm_kind kind;
  uint8_t pulley; /* 0, 32 or 64 */
  /* end of the ELF image: max over header, tables and section data */
  uint64_t image_end;
} cwasm_elf;

typedef struct cwasm_section {
  uint32_t index;
  cwasm_str name;  /* empty view when the name is unreadable (lenient) */
  uint32_t type;
  uint64_t flags;
  uint64_t addr;
  uint64_t offset;
  uint64_t size;   /* sh_size as written */
  uint32_t link;
  uint32_t info;
  uint64_t addralign;
  uint64_t entsize;
  cwasm_bytes data; /* file bytes; empty for SHT_NOBITS */
} cwasm_section;

/* Options shared by all stages. Zero-initialised means: strict, defaults. */
typedef struct cwasm_options {
  uint32_t flags;         /* CWASM_OPT_* */
  uint64_t max_sections;  /* 0: CWASM_DEFAULT_MAX_SECTIONS */
  uint32_t max_flags;     /* per flag list; 0: CWASM_DEFAULT_MAX_FLAGS */
  uint16_t release;       /* nonzero: decode with this release's layout, no inference */
} cwasm_options;

#define CWASM_OPT_LENIENT 0x1u /* ambiguities become warnings (for inspection) */
#define CWASM_DEFAULT_MAX_SECTIONS 1000000u
#define CWASM_DEFAULT_MAX_FLAGS 4096u

/* Warnings gathered while decoding (fixed capacity; extra ones are counted). */
#define CWASM_MAX_WARNINGS 16
typedef struct cwasm_warnings {
  uint32_t count;
  uint32_t dropped;
  cwasm_diag items[CWASM_MAX_WARNINGS];
} cwasm_warnings;

/*
 * Parse the ELF header and validate the section table (every header in
 * bounds, name table, every name, every section's data range).
 * O(shnum + name table size); E_LIMIT_SECTIONS beyond opt->max_sections.
 * Fails with an E_ELF_* code. `warnings` may be NULL; warnings are appended
 * to what it already holds, never reset. On failure `elf` keeps every field
 * read before the failing check. A NULL `elf` is E_ARGUMENT.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_elf_parse(const uint8_t *buf, size_t len,
                                                     const cwasm_options *opt, cwasm_elf *elf,
                                                     cwasm_warnings *warnings, cwasm_diag *diag);

/*
 * Read section `index` of a parsed ELF; every bound is re-checked (the struct
 * comes from the caller). All fields are filled even on failure. A name that
 * cannot be read returns its E_ELF_NAME_* code with `name` an empty string
 * (not a view into the input) and `data` still filled; data outside the input
 * returns E_ELF_SECTION_RANGE with `data` empty. index >= shnum: E_ARGUMENT.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_elf_section(const cwasm_elf *elf, uint64_t index,
                                                       cwasm_section *out, cwasm_diag *diag);

/* ---------------------------------------------------------------- engine */

#define CWASM_ENGINE_SECTION_NAME ".wasmtime.engine"

typedef struct cwasm_engine {
  cwasm_section section; /* the section chosen (first one) */
  uint32_t count;        /* number of sections with the engine name */
  uint32_t first_index;  /* Wasmtime v3..v42 read this one */
  uint32_t last_index;   /* Wasmtime v43+ read this one */
  uint8_t format;        /* byte 0: always 0 when accepted */
  cwasm_bytes version;   /* raw version string bytes */
  cwasm_bytes metadata;  /* everything after the version string (>= 1 byte) */
  uint64_t version_offset;  /* absolute offsets */
  uint64_t metadata_offset;
} cwasm_engine;

/*
 * Find .wasmtime.engine in a parsed ELF (from cwasm_elf_parse; every bound
 * is re-checked) and split its framing (spec §3.3) with cwasm_engine_split.
 * E_ENGINE_MISSING when no section has the name; several sections with the
 * name are E_ENGINE_DUPLICATE in strict mode, a W_ENGINE_DUPLICATE warning
 * in lenient mode (the first is used; first_index/last_index say which ones
 * Wasmtime's eras read). *engine is zeroed first; on failure it holds the
 * section found and the framing read so far.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_engine_find(const cwasm_elf *elf,
                                                       const cwasm_options *opt,
                                                       cwasm_engine *engine,
                                                       cwasm_warnings *warnings,
                                                       cwasm_diag *diag);

/* Split engine section bytes (byte 0 format, byte 1 length, string, metadata).
 * `base_offset` is the absolute offset of data[0], for diagnostics. Fails
 * with E_ENGINE_EMPTY, E_ENGINE_FORMAT, E_ENGINE_NO_LENGTH or
 * E_ENGINE_TOO_SMALL (the metadata must be at least one byte). Fills
 * format, version, metadata and their offsets; leaves `section`, `count`
 * and the indexes as they were. */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_engine_split(cwasm_bytes data, uint64_t base_offset,
                                                        cwasm_engine *engine, cwasm_diag *diag);

/* --------------------------------------------------------------- version */

typedef enum cwasm_version_kind {
  CWASM_VERSION_NONE = 0,    /* empty string: ModuleVersionStrategy::None */
  CWASM_VERSION_RELEASE = 1, /* "X.Y.Z" or "X" naming a known release */
  CWASM_VERSION_CUSTOM = 2,  /* anything else: ModuleVersionStrategy::Custom */
  CWASM_VERSION_UNKNOWN_RELEASE = 3 /* release-shaped but not a release we know */
} cwasm_version_kind;

typedef struct cwasm_version {
  cwasm_version_kind kind;
  cwasm_str text;      /* the string (valid UTF-8 unless utf8_valid == 0) */
  uint8_t utf8_valid;
  uint8_t full_form;   /* "X.Y.Z" (1) or bare "X" (0), for release-shaped strings */
  uint8_t canonical;   /* the form the release writes by default (full <=37, major >=38) */
  uint16_t major, minor, patch; /* release-shaped strings only */
} cwasm_version;

/* "none", "release", "custom", "unknown-release"; "unknown" otherwise. */
CWASM_API const char *cwasm_version_kind_name(cwasm_version_kind k);

/* Classify a version string (any bytes; `base_offset` as above). Fails only
 * on invalid UTF-8 (E_VERSION_UTF8), still filling `out` (kind CUSTOM,
 * utf8_valid 0); a string naming a release outside CWASM_FIRST_RELEASE ..
 * CWASM_LAST_RELEASE is kind UNKNOWN_RELEASE, not an error here. */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_version_parse(cwasm_bytes s, uint64_t base_offset,
                                                         cwasm_version *out, cwasm_diag *diag);

/* --------------------------------------------------------------- schemas */

#define CWASM_FIRST_RELEASE 3
#define CWASM_LAST_RELEASE 49   /* `main` after v48 (writes "49") */
#define CWASM_NEWEST_RELEASE 48 /* newest tagged release: the default host */

typedef enum cwasm_codec { CWASM_CODEC_BINCODE = 1, CWASM_CODEC_POSTCARD = 2 } cwasm_codec;

typedef enum cwasm_feature_encoding {
  CWASM_FEATURES_BOOLS = 1, /* struct of bools (v3..v32) */
  CWASM_FEATURES_U32 = 2,   /* wasmparser bits, u32 (v33) */
  CWASM_FEATURES_U64 = 3    /* wasmparser bits, u64 (v34+) */
} cwasm_feature_encoding;

/* Wasmtime's ELF acceptance per era (spec §2.4). */
typedef enum cwasm_elf_mode {
  CWASM_ELF_MODE_A = 1, /* v3-v21: ELF32/64, any endian, e_flags exact, OSABI checked, first engine */
  CWASM_ELF_MODE_B = 2, /* v22-v27: ELF64 native endian only */
  CWASM_ELF_MODE_C = 3, /* v28-v31: ELF64 any endian */
  CWASM_ELF_MODE_D = 4, /* v32-v42: e_flags "contains" */
  CWASM_ELF_MODE_E = 5  /* v43+: OSABI unchecked, last engine, unreadable names fatal */
} cwasm_elf_mode;

/* Tunables fields, across all releases. Numbers are stable. */
typedef enum cwasm_tunable_id {
  CWASM_T_STATIC_MEMORY_BOUND = 0,
  CWASM_T_STATIC_MEMORY_RESERVATION,
  CWASM_T_STATIC_MEMORY_OFFSET_GUARD_SIZE,
  CWASM_T_DYNAMIC_MEMORY_OFFSET_GUARD_SIZE,
  CWASM_T_DYNAMIC_MEMORY_GROWTH_RESERVE,
  CWASM_T_GENERATE_NATIVE_DEBUGINFO,
  CWASM_T_PARSE_WASM_DEBUGINFO,
  CWASM_T_CONSUME_FUEL,
  CWASM_T_EPOCH_INTERRUPTION,
  CWASM_T_STATIC_MEMORY_BOUND_IS_MAXIMUM,
  CWASM_T_GUARD_BEFORE_LINEAR_MEMORY,
  CWASM_T_GENERATE_ADDRESS_MAP,
  CWASM_T_DEBUG_ADAPTER_MODULES,
  CWASM_T_RELAXED_SIMD_DETERMINISTIC,
  CWASM_T_TAIL_CALLABLE,
  CWASM_T_WINCH_CALLABLE,
  CWASM_T_CACHE_CALL_INDIRECTS,
  CWASM_T_MAX_CALL_INDIRECT_CACHE_SLOTS,
  CWASM_T_TABLE_LAZY_INIT,
  CWASM_T_SIGNALS_BASED_TRAPS,
  CWASM_T_COLLECTOR,
  CWASM_T_MEMORY_GUARD_SIZE,
  CWASM_T_MEMORY_RESERVATION,
  CWASM_T_MEMORY_RESERVATION_FOR_GROWTH,
  CWASM_T_MEMORY_MAY_MOVE,
  CWASM_T_MEMORY_INIT_COW,
  CWASM_T_INLINING_BOOL,          /* `inlining` as bool, v36-v44 */
  CWASM_T_INLINING_INTRA_MODULE,
  CWASM_T_INLINING_SMALL_CALLEE_SIZE,
  CWASM_T_INLINING_SUM_SIZE_THRESHOLD,
  CWASM_T_DEBUG_NATIVE,
  CWASM_T_DEBUG_GUEST,
  CWASM_T_CONCURRENCY_SUPPORT,
  CWASM_T_OPERATOR_COST,
  CWASM_T_RECORDING,
  CWASM_T_GC_ZEAL_ALLOC_COUNTER,
  CWASM_T_GC_HEAP_RESERVATION,
  CWASM_T_GC_HEAP_GUARD_SIZE,
  CWASM_T_GC_HEAP_RESERVATION_FOR_GROWTH,
  CWASM_T_GC_HEAP_MAY_MOVE,
  CWASM_T_METADATA_FOR_INTERNAL_ASSERTS,
  CWASM_T_METADATA_FOR_GC_HEAP_CORRUPTION,
  CWASM_T_BRANCH_HINTING,
  CWASM_T_DEBUG_SYMBOLS,
  CWASM_T_GC_HEAP_INITIAL_SIZE,
  CWASM_T_INLINING_ENUM,          /* `inlining` as enum Inlining, v45+ */
  CWASM_T__COUNT
} cwasm_tunable_id;

typedef enum cwasm_tunable_type {
  CWASM_TT_U64 = 1,
  CWASM_TT_USIZE,
  CWASM_TT_U32,
  CWASM_TT_BOOL,
  CWASM_TT_OPT_COLLECTOR,      /* Option<Collector> */
  CWASM_TT_INTRA_MODULE_INLINING,
  CWASM_TT_INLINING,
  CWASM_TT_OPERATOR_COST,      /* OperatorCostStrategy; table length per layout */
  CWASM_TT_OPT_NONZERO_U32
} cwasm_tunable_type;

typedef struct cwasm_tunable_info {
  cwasm_tunable_id id;
  const char *name;   /* Rust field name, e.g. "memory_reservation" */
  cwasm_tunable_type type;
  const char *label;  /* Wasmtime's {label} in mismatch messages (spec §6.5), NULL if none */
} cwasm_tunable_info;

/* Name, type and message label of a Tunables field (static), or NULL when
 * `id` is not below CWASM_T__COUNT. */
CWASM_API const cwasm_tunable_info *cwasm_tunable_info_of(cwasm_tunable_id id);
/* Display name of an enum value of a tunable ("DeferredReferenceCounting", "WhenUsingGc"),
 * or NULL when out of range or not an enum. */
CWASM_API const char *cwasm_tunable_enum_name(cwasm_tunable_type t, uint64_t v);
/* Number of variants of an enum tunable type in the newest release (0 if not an enum).
 * Option<Collector> has fewer variants before v45: see cwasm_layout.collector_variants. */
CWASM_API uint32_t cwasm_tunable_enum_count(cwasm_tunable_type t);

/* One wire layout of Metadata (30 of them). */
typedef struct cwasm_layout {
  uint16_t id;                 /* 1..cwasm_layout_count() */
  const char *name;            /* e.g. "v3-v4", "v39-v41" */
  uint16_t first_release;      /* major versions this layout was written by */
  uint16_t last_release;
  cwasm_codec codec;
  uint8_t flags_map;           /* 1: BTreeMap (v3..v14), 0: sequence */
  const char *tunables_name;   /* "T1".."T18b" */
  const cwasm_tunable_id *tunables;
  uint8_t tunables_count;
  uint16_t operator_cost_len;  /* bytes of OperatorCost::Table, 0 if absent */
  uint8_t collector_variants;  /* variants of enum Collector (2 before v45, 3 after), 0 if absent */
  cwasm_feature_encoding features;
  const char *features_name;   /* "F1".."F13", "U32", "U64" */
  const char *const *feature_bools; /* names, for CWASM_FEATURES_BOOLS */
  uint8_t feature_bools_count;
} cwasm_layout;

/* The Metadata layouts, oldest first: cwasm_layout_at(0 .. count-1) (static
 * rows; NULL when `index` is out of range). Layout ids are index + 1. */
CWASM_API size_t cwasm_layout_count(void);
CWASM_API const cwasm_layout *cwasm_layout_at(size_t index);

/* wasmparser feature-bit naming for one group of releases (spec §5.3.2). */
typedef struct cwasm_feature_bit {
  const char *name;  /* lowercased const name used in Wasmtime's messages */
  uint64_t mask;     /* one or two bits */
} cwasm_feature_bit;

/* One Wasmtime release (major version) and what it reads and checks. */
typedef struct cwasm_release {
  uint16_t major;
  const cwasm_layout *layout;
  cwasm_elf_mode elf_mode;
  uint8_t version_full;  /* default version string is "X.Y.Z" (1) or "X" (0) */
  const char *wasmparser; /* "0.236" etc. for bit-set feature releases, else NULL */
  const cwasm_feature_bit *feature_bits; /* declaration order, NULL for struct era */
  uint8_t feature_bits_count;
} cwasm_release;

/* NULL when `major` is not in CWASM_FIRST_RELEASE..CWASM_LAST_RELEASE. */
CWASM_API const cwasm_release *cwasm_release_get(unsigned major);

/* -------------------------------------------------------------- metadata */

typedef enum cwasm_flag_kind {
  CWASM_FLAG_ENUM = 0,
  CWASM_FLAG_NUM = 1,
  CWASM_FLAG_BOOL = 2
} cwasm_flag_kind;

typedef struct cwasm_flag {
  cwasm_str name;
  cwasm_flag_kind kind;
  uint8_t num;       /* CWASM_FLAG_NUM */
  uint8_t boolean;   /* CWASM_FLAG_BOOL: 0 or 1 */
  cwasm_str enum_value; /* CWASM_FLAG_ENUM */
  uint64_t offset;   /* absolute offset of the entry */
} cwasm_flag;

/* A validated flag container; read it with cwasm_flags_next. */
typedef struct cwasm_flag_list {
  cwasm_bytes raw;     /* the encoded entries (after the count) */
  uint64_t raw_offset; /* absolute offset of raw.p */
  uint32_t count;
  uint8_t codec;       /* cwasm_codec */
  uint8_t is_map;
} cwasm_flag_list;

typedef struct cwasm_flag_iter {
  const cwasm_flag_list *list;
  size_t pos;
  uint32_t index;
} cwasm_flag_iter;

/* Start iterating a decoded flag list (both must stay valid while
 * iterating; the list's entries are views into the input). */
CWASM_API void cwasm_flags_begin(const cwasm_flag_list *list, cwasm_flag_iter *it);
/* 1 and fills *out while entries remain, 0 at the end (also for a NULL
 * iterator or list). Entries were validated by cwasm_metadata_decode, so
 * the iterator yields exactly `count` of them. */
CWASM_API int cwasm_flags_next(cwasm_flag_iter *it, cwasm_flag *out);

typedef struct cwasm_tunable {
  uint64_t value;      /* ints and bools; enum variant index; Option: payload */
  uint8_t present;     /* field exists in this layout */
  uint8_t is_none;     /* Option fields: 1 for None */
  cwasm_bytes table;   /* OperatorCost::Table bytes (value 0 = Table) */
  uint64_t offset;     /* absolute offset of the field */
} cwasm_tunable;

typedef struct cwasm_tunables {
  cwasm_tunable f[CWASM_T__COUNT];
} cwasm_tunables;

typedef struct cwasm_features {
  cwasm_feature_encoding encoding;
  uint64_t bits;       /* BOOLS: bit i = i-th bool of the layout; else wasmparser bits */
  uint8_t count;       /* BOOLS: number of bools */
  uint64_t offset;
} cwasm_features;

typedef struct cwasm_metadata {
  const cwasm_layout *layout;
  cwasm_str target;
  uint64_t target_offset;
  cwasm_flag_list shared_flags;
  cwasm_flag_list isa_flags;
  cwasm_tunables tunables;
  cwasm_features features;
  uint64_t consumed;       /* bytes of metadata decoded */
  uint64_t trailing_bytes; /* bytes left after the last field */
  /* what is valid: bits CWASM_HAVE_* (partial decodes set a prefix) */
  uint32_t have;
} cwasm_metadata;

#define CWASM_HAVE_TARGET 0x1u
#define CWASM_HAVE_SHARED_FLAGS 0x2u
#define CWASM_HAVE_ISA_FLAGS 0x4u
#define CWASM_HAVE_TUNABLES 0x8u
#define CWASM_HAVE_FEATURES 0x10u
#define CWASM_HAVE_ALL 0x1fu

/*
 * Decode `Metadata` from `bytes` with one layout. `base_offset` is the
 * absolute offset of bytes.p (for diagnostics and field offsets). On failure
 * (E_META_*, E_LIMIT_FLAGS) `out->have` tells which leading fields are still
 * valid. Trailing bytes are not an error (out->trailing_bytes). A NULL
 * `layout` or `out` is E_ARGUMENT.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_metadata_decode(cwasm_bytes bytes, uint64_t base_offset,
                                                           const cwasm_layout *layout,
                                                           const cwasm_options *opt,
                                                           cwasm_metadata *out, cwasm_diag *diag);

/* -------------------------------------------------------------- pipeline */

typedef enum cwasm_layout_source {
  CWASM_LAYOUT_NONE = 0,       /* nothing decoded */
  CWASM_LAYOUT_RELEASE = 1,    /* chosen by the release in the version string */
  CWASM_LAYOUT_FORCED = 2,     /* chosen by cwasm_options.release */
  CWASM_LAYOUT_INFERRED = 3    /* the version string names no release: inferred */
} cwasm_layout_source;

typedef struct cwasm_artifact {
  uint32_t stages;        /* CWASM_STAGE_* reached successfully */
  cwasm_kind kind;
  cwasm_elf elf;
  cwasm_engine engine;
  cwasm_version version;
  const cwasm_release *release; /* release whose layout decoded the metadata, or NULL */
  cwasm_layout_source layout_source;
  uint64_t candidates;    /* bit m set: major m's layout decodes the metadata exactly */
  cwasm_metadata meta;
  cwasm_warnings warnings;
  /* legacy artifacts (kind LEGACY): version from the trailer */
  cwasm_str legacy_version;
  uint64_t legacy_offset;
} cwasm_artifact;

#define CWASM_STAGE_ELF 0x1u
#define CWASM_STAGE_ENGINE 0x2u
#define CWASM_STAGE_VERSION 0x4u
#define CWASM_STAGE_METADATA 0x8u

/*
 * The whole pipeline: the one call a loader needs before cwasm_check.
 * Reads `len` bytes of `buf` (any content); `opt` NULL is strict mode, the
 * mode to use before loading (lenient mode is for inspection). `out` (about
 * 3 KiB) is zeroed first.
 *
 * On success every stage bit is set, `release` is the release whose layout
 * decoded the metadata and `warnings` holds what was tolerated. On failure
 * `diag` says where, and `out->stages` / `out->meta.have` say what was
 * decoded before it (at least kind, version and target when they were
 * reached). Besides the stage codes: E_INPUT_EMPTY, E_INPUT_WASM (a .wasm
 * file, not an artifact), E_LEGACY_ARTIFACT for a pre-3.0 artifact (kind
 * LEGACY, legacy_version set), E_VERSION_UNKNOWN_RELEASE for a release newer
 * than CWASM_LAST_RELEASE, E_META_LAYOUT_MISMATCH / E_META_NO_LAYOUT when the
 * metadata fits no layout as it should.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_parse(const uint8_t *buf, size_t len,
                                                 const cwasm_options *opt, cwasm_artifact *out,
                                                 cwasm_diag *diag);

/* The version of the library linked ("0.1.0"), a static string; compare
 * with CWASM_VERSION_STRING to detect a header/library mismatch. */
CWASM_API const char *cwasm_library_version(void);

#include "cwasm/policy.h"

#ifdef __cplusplus
}
#endif

#endif /* CWASM_CWASM_H */
