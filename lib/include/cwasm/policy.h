/*
 * cwasm/policy.h — "will the Wasmtime on this host accept this artifact, and
 * if not, every reason why".
 *
 * Wasmtime's loader (`check_compatible`, spec artifact-format.md §2.4, §3.2,
 * §3.3, §6) compares an artifact with its *own* configuration and stops at
 * the first mismatch. cwasm_check runs the same rules, in the same order, for
 * the release the host runs (3 ... 49), and records every finding, each with
 * a stable code, the field, both values as text and the message exactly as
 * that Wasmtime release words it.
 *
 * The pieces:
 *
 *   cwasm_triple   a target triple parsed with target-lexicon's grammar
 *   cwasm_host     what the loading host is: release, version strategy,
 *                  target, CPU probe, Cargo features, wasm features, Tunables.
 *                  Built from a reference artifact, from the built-in
 *                  defaults of a release, or by hand; then adjusted by plain
 *                  assignment or the helpers below.
 *   cwasm_defaults what a default-configured Wasmtime of a release writes
 *                  (shared flags with values, ISA flag names, Tunables,
 *                  features), exact for 4, 24, 36, 48, derived for the rest
 *   cwasm_check    the check itself, filling a fixed-capacity cwasm_report
 *
 * Nothing here allocates; every struct is self-contained (fixed buffers,
 * static strings) except where a field says it borrows caller memory.
 * Passing the check does NOT make an artifact trustworthy (SECURITY.md).
 */
/*
 * cwasm.h includes this header at its end. When a file includes host.h first,
 * host.h includes cwasm.h before declaring its own types, so this header is
 * reached before cwasm_arch and cwasm_host_cpu exist: it then steps aside
 * (CWASM_CPU_BIT, from host.h's body, is not defined yet) and is read when
 * included again. Such files include "cwasm/policy.h" themselves.
 */
#if !(defined(CWASM_HOST_H) && !defined(CWASM_CPU_BIT))
#ifndef CWASM_POLICY_H
#define CWASM_POLICY_H

#include "cwasm/cwasm.h"
#include "cwasm/host.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ tri-state */

/* A host fact that may be unknown. Unknown facts never produce a finding:
 * the rule that needs them is reported as a note (W_UNCHECKED) instead. */
typedef enum cwasm_tristate {
  CWASM_UNKNOWN = 0,
  CWASM_NO = 1,
  CWASM_YES = 2
} cwasm_tristate;

/* ---------------------------------------------------------- target triple */

#define CWASM_TRIPLE_TEXT_MAX 48 /* custom vendor and error text keep this many bytes */

/* Coarse operating-system families the rules need (spec §6.3). */
typedef enum cwasm_os_family {
  CWASM_OS_OTHER = 0,   /* anything not below, including "unknown" and "none" */
  CWASM_OS_LINUX = 1,
  CWASM_OS_WINDOWS = 2,
  CWASM_OS_DARWIN = 3   /* "darwin" and "macosx", distinct OS values that Wasmtime's
                           stack-switching rule treats alike */
} cwasm_os_family;

/*
 * A triple as target-lexicon parses it (spec §6.2): architecture first, then
 * optionally vendor, operating system, environment and binary format, in that
 * order; missing parts are "unknown". Every name is target-lexicon's Display
 * of the parsed value (e.g. "arm64" parses to arch "aarch64"), a static
 * string, so the struct may be copied freely.
 *
 * Two triples have the same architecture iff `arch_name` strings are equal
 * (exact: "riscv64gc" != "riscv64", "x86_64h" != "x86_64"), and the same OS
 * iff `os_name` and `os_version` are equal ("darwin" != "darwin23.1.0" !=
 * "macosx"), which is what Wasmtime compares.
 */
typedef struct cwasm_triple {
  const char *arch_name;   /* "x86_64", "aarch64", "riscv64gc", "s390x", "pulley32", ... */
  cwasm_arch arch;         /* family used by rules; CWASM_ARCH_UNKNOWN for other archs */
  uint8_t pointer_width;   /* 16, 32 or 64 (target-lexicon's), 0 if not known */
  uint8_t endian;          /* cwasm_endian, 0 if not known */
  const char *vendor_name; /* "unknown", "pc", "apple", ...; "custom" for a custom vendor */
  uint8_t vendor_custom;   /* 1: vendor is a custom name, its text in `custom_vendor` */
  const char *os_name;     /* "linux", "windows", "darwin", "macosx", "none", "unknown", ... */
  char os_version[16];     /* Apple OS deployment version ("" if none), normalised "23.1.0" */
  cwasm_os_family os_family;
  const char *env_name;    /* "gnu", "musl", "msvc", "unknown", ... */
  const char *binfmt_name; /* "elf", "macho", "coff", "unknown", ... */
  char custom_vendor[CWASM_TRIPLE_TEXT_MAX]; /* NUL-terminated, truncated */
  /* On failure: target-lexicon's message, e.g. "Unrecognized architecture: foo"
   * (the offending part truncated to fit), else "". */
  char error[CWASM_TRIPLE_TEXT_MAX + 40];
} cwasm_triple;

/*
 * Parse `n` bytes of `s` (no NUL needed). CWASM_OK, or CWASM_F_TARGET_PARSE
 * with out->error set (out's other fields then describe the parts read so
 * far). CWASM_E_ARGUMENT if `out` is NULL or `s` is NULL with n > 0.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_triple_parse(const char *s, size_t n, cwasm_triple *out);

/* Display of the whole triple ("x86_64-unknown-linux-gnu", or just the arch
 * and vendor/OS parts that are not unknown, as target-lexicon prints it).
 * snprintf-like: returns the length wanted, always NUL-terminates if size>0;
 * a NULL or unparsed triple writes "". */
CWASM_API size_t cwasm_triple_format(const cwasm_triple *t, char *buf, size_t size);

/* The triple of the machine this library was compiled for (compile-time
 * macros: arch, OS, C library), e.g. x86_64-unknown-linux-gnu. Does nothing
 * if `out` is NULL. */
CWASM_API void cwasm_triple_native(cwasm_triple *out);

/* ------------------------------------------------------------------- host */

typedef enum cwasm_expect_kind {
  CWASM_EXPECT_MODULE = 1,    /* Module::deserialize: e_flags bit 0 */
  CWASM_EXPECT_COMPONENT = 2, /* Component::deserialize: e_flags bit 1 */
  CWASM_EXPECT_EITHER = 3     /* whichever the artifact is, as long as the host reads it as one */
} cwasm_expect_kind;

/* ModuleVersionStrategy of the host (spec §3.2). */
typedef enum cwasm_version_strategy {
  CWASM_STRATEGY_DEFAULT = 0, /* WasmtimeVersion: the release's own string */
  CWASM_STRATEGY_CUSTOM = 1,  /* Custom(s) */
  CWASM_STRATEGY_NONE = 2     /* None: no check at all */
} cwasm_version_strategy;

/* How strictly cwasm compares version strings. EXACT is what Wasmtime does;
 * the others are loader policies (the report then notes what was tolerated). */
typedef enum cwasm_version_mode {
  CWASM_VERSION_MODE_EXACT = 0,  /* strings must be equal (or in the allow list) */
  CWASM_VERSION_MODE_MAJOR = 1,  /* a release string of the same major is accepted */
  CWASM_VERSION_MODE_IGNORE = 2  /* no version check */
} cwasm_version_mode;

/* Where the host's CPU answers come from. */
typedef enum cwasm_cpu_mode {
  CWASM_CPU_MODE_UNKNOWN = 0,  /* not known: ISA checks that need the probe become notes */
  CWASM_CPU_MODE_PROBE = 1,    /* `cpu` is the default probe's answer (live, injected or reference) */
  CWASM_CPU_MODE_NO_PROBE = 2  /* no_std Wasmtime without Config::detect_host_feature */
} cwasm_cpu_mode;

/* Where a host description came from (informational). */
typedef enum cwasm_host_origin {
  CWASM_HOST_MANUAL = 0,
  CWASM_HOST_DEFAULTS = 1,
  CWASM_HOST_REFERENCE = 2
} cwasm_host_origin;

#define CWASM_HOST_VERSION_MAX 255

/*
 * The loading host. Every field may be assigned directly; fields whose
 * value is not known say so (have_* = 0, tunables.f[id].present = 0,
 * CWASM_UNKNOWN, cpu_mode UNKNOWN), and the rules that need them produce a
 * W_UNCHECKED note instead of a finding.
 *
 * Build it once (cwasm_host_from_reference or cwasm_host_default, then the
 * setters below), then share it read-only: any number of threads may run
 * cwasm_check against one host, but none may modify it meanwhile. About
 * 2.5 KiB, self-contained except the borrowed `version_allow` array and a
 * reference's OperatorCost table (see `tunables`).
 */
typedef struct cwasm_host {
  /* release and version */
  uint16_t release;                  /* Wasmtime major, CWASM_FIRST_RELEASE..CWASM_LAST_RELEASE */
  cwasm_version_strategy strategy;
  char version[CWASM_HOST_VERSION_MAX + 1]; /* the string the host writes and compares, NUL-terminated */
  uint16_t version_len;              /* its length in bytes: a Custom string may itself hold NUL bytes */
  uint8_t version_known;             /* 0: DEFAULT strategy of a release <= 37 whose patch
                                        is not known: only the major is compared (note) */
  cwasm_version_mode version_mode;
  const char *const *version_allow;  /* borrowed: extra accepted version strings */
  size_t version_allow_count;

  cwasm_expect_kind expect;

  /* the engine's compilation target (native triple, a cross target, or pulley*) */
  uint8_t have_triple;
  cwasm_triple triple;
  /* the machine Wasmtime runs on (cfg!(target_pointer_width / target_endian)) */
  uint8_t pointer_width;             /* 32 or 64, 0 unknown */
  uint8_t endian;                    /* cwasm_endian, 0 unknown */

  /* CPU feature probe (host.h) */
  cwasm_cpu_mode cpu_mode;
  cwasm_host_cpu cpu;                /* cpu.arch is the machine's arch even in mode UNKNOWN */

  /* the `gc` Cargo feature (matters to the v19-v36 gated feature checks).
   * UNKNOWN is checked as if present: the verdict is the same either way
   * (a host without it has those features off), only the message differs */
  cwasm_tristate gc_cargo_feature;

  /* wasm features, in the host release's encoding (cwasm_features: bit i =
   * i-th bool of the release's layout, or wasmparser bits) */
  uint8_t have_features;
  cwasm_features features;

  /* Tunables of the host release's layout; f[id].present = 0 means unknown.
   * An OperatorCost table (value 0) is borrowed: `table` must outlive checks. */
  cwasm_tunables tunables;

  cwasm_host_origin origin;
  uint8_t defaults_exact;            /* origin DEFAULTS: 1 if the release's defaults are exact */
} cwasm_host;

/*
 * A host of `release` about which nothing else is known: DEFAULT strategy
 * (version string set for releases >= 38, whose default is the bare major;
 * unknown patch below), version mode EXACT, expects a module, no triple, no
 * CPU, no features, no tunables, gc feature unknown. CWASM_E_RELEASE_UNKNOWN
 * for a release outside 3..49 (out is still zeroed).
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_init(uint16_t release, cwasm_host *out);

/*
 * The built-in default host of `release` on this machine: the native triple
 * (cwasm_triple_native), the live CPU probe (cwasm_host_cpu_probe), the
 * release's default Tunables and wasm features (cwasm_defaults_get), the gc
 * Cargo feature on (a default Cargo build has it from v19), pointer width and
 * byte order of this machine. defaults_exact tells whether the release's
 * defaults are transcribed (4, 24, 36, 48) or derived.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_default(uint16_t release, cwasm_host *out);

/*
 * A host like the one that produced `ref` (which must have been parsed up to
 * the metadata stage): its release (from ref->release), its version string
 * with the strategy it implies (the release's own default form: DEFAULT;
 * empty: NONE; anything else, e.g. "38.0.2": CUSTOM), its target, Tunables and features (the borrowed
 * OperatorCost table points into ref's buffer), expected kind = ref's kind.
 *
 * CPU: `cpu_or_null` if given; else the live probe when the reference's
 * architecture family is this machine's (or a Pulley target, which runs on
 * this machine); else the reference's own ISA flags: every has_* flag that
 * the release maps to a feature becomes "known", present iff Bool(true).
 * Pointer width and byte order: for Pulley targets from the reference's
 * pointer_width / big_endian ISA flags (and the arch name), else from the
 * triple. gc Cargo feature: YES (a default build; override if needed).
 *
 * CWASM_E_ARGUMENT when ref is not decoded to the metadata stage;
 * CWASM_F_TARGET_PARSE when its target does not parse (diag says where).
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_from_reference(const cwasm_artifact *ref,
                                                               const cwasm_host_cpu *cpu_or_null,
                                                               cwasm_host *out, cwasm_diag *diag);

/* Set the strategy and string ("24.0.13", a custom string; ignored for NONE).
 * DEFAULT with NULL `version` resets to the release's own string (unknown
 * patch for releases <= 37). CWASM_E_ARGUMENT, host unchanged, if the string
 * is longer than 255 bytes, CUSTOM has no string, `s` is not a strategy, or
 * h->release is unknown. */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_set_version(cwasm_host *h, cwasm_version_strategy s,
                                                            const char *version);

/* Parse and set the engine target. Pointer width and byte order follow the
 * triple when it knows them (a machine running a Wasmtime engine for target
 * T has T's width and byte order; Pulley engines require it). Returns
 * cwasm_triple_parse's status; on failure the host is unchanged. */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_set_target(cwasm_host *h, const char *triple);

/*
 * Apply a wasm-feature list to h->features, in the host release's naming:
 * comma-separated "+name", "name" or "-name" items, where name is a field of
 * the release's feature struct ("threads", "gc_types") for v3-v32, or a
 * lowercased wasmparser flag ("threads", "cm_async") for v33+; two-bit flags
 * set/clear both bits. Sets have_features. On failure nothing changes,
 * CWASM_E_ARGUMENT, *err_pos (if not NULL) = offset of the bad item.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_parse_features(cwasm_host *h, const char *list,
                                                               size_t *err_pos);

/*
 * Set one Tunables field of the host from "name=value": name is the Rust
 * field name in the host release's layout ("memory_reservation",
 * "consume_fuel", "collector", "inlining"), value a decimal integer, true /
 * false, an enum variant name as in cwasm_tunable_enum_name
 * ("DeferredReferenceCounting", "Copying", "WhenUsingGc", "No"), or "none"
 * for Option fields; "?" makes the field unknown. operator_cost accepts
 * "Default" only. CWASM_E_ARGUMENT, host unchanged, when the name is not in
 * the layout or the value does not fit its type.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_host_set_tunable(cwasm_host *h, const char *assignment);

/* Whether the host has a wasm feature enabled, by the name used in the host
 * release's messages (as for cwasm_host_parse_features; "reference_types",
 * "stack_switching"). UNKNOWN without features or for a name the release
 * does not have. A two-bit flag is enabled only when both bits are set. */
CWASM_API cwasm_tristate cwasm_host_wasm_feature(const cwasm_host *h, const char *name);

/* -------------------------------------------------------------- defaults */

/* A flag value as written (FlagValue). */
typedef struct cwasm_default_flag {
  const char *name;
  cwasm_flag_kind kind;
  uint8_t num;             /* CWASM_FLAG_NUM */
  uint8_t boolean;         /* CWASM_FLAG_BOOL */
  const char *enum_value;  /* CWASM_FLAG_ENUM */
} cwasm_default_flag;

#define CWASM_DEFAULTS_MAX_SHARED 40
#define CWASM_DEFAULTS_MAX_ISA 40

/*
 * What Wasmtime `release` with a default Config (default Cargo features,
 * Cranelift, compiling for the host) writes, for a host of architecture
 * family `arch` (spec §7). For 4, 24, 36 and 48 (x86_64) the lists and
 * values are transcribed from §7 (exact = 1); every other release, and other
 * architectures, are derived by the documented rules: a flag is written iff
 * that release's Cranelift has it (the §6.3 ranges in which the loader knows
 * the name; use_pinned_reg_as_heap_base only to v4), in Cranelift descriptor
 * order (v15+) or sorted by name (v3-v14), with the §7.2 values and the §8
 * changes (probestack, guard size 2 GiB -> 32 MiB at v28, collector DRC
 * from v27 and Copying from v46, ...) (exact = 0). Feature defaults between
 * the documented releases are estimates (see defaults.c).
 */
typedef struct cwasm_defaults {
  uint16_t release;
  cwasm_arch arch;
  uint8_t exact;
  const char *version;     /* default version string: "48"; for <= 37 "X.0.0" (patch unknown) */
  uint32_t shared_count;
  cwasm_default_flag shared[CWASM_DEFAULTS_MAX_SHARED];
  /* ISA flags in written order; values: the CPU's answers when `cpu` was
   * given (native compilation detects them), else Cranelift's defaults
   * (cross-compilation). Pulley: pointer_width and big_endian. */
  uint32_t isa_count;
  cwasm_default_flag isa[CWASM_DEFAULTS_MAX_ISA];
  cwasm_tunables tunables; /* every field of the release's layout present */
  cwasm_features features; /* module artifacts (component ones also need component_model) */
} cwasm_defaults;

/*
 * Fill *out for `release` and `arch` (CWASM_ARCH_UNKNOWN: this machine's).
 * `cpu` may be NULL (Cranelift defaults for the ISA values). Pulley arches
 * give the Pulley flag set. CWASM_E_RELEASE_UNKNOWN outside 3..49,
 * CWASM_E_ARGUMENT for a NULL out.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_defaults_get(uint16_t release, cwasm_arch arch,
                                                        const cwasm_host_cpu *cpu,
                                                        cwasm_defaults *out);

/* 1 if cwasm_defaults_get is transcribed for `release` (x86_64), else 0
 * (also for an unknown release). */
CWASM_API int cwasm_defaults_exact(uint16_t release);

/* The default target triple Wasmtime writes for an arch family on Linux
 * ("x86_64-unknown-linux-gnu", "riscv64gc-unknown-linux-gnu",
 * "pulley64-unknown-unknown-elf"), or NULL for CWASM_ARCH_UNKNOWN. */
CWASM_API const char *cwasm_defaults_target(cwasm_arch arch);

/* ----------------------------------------------------------------- report */

typedef enum cwasm_item_kind {
  CWASM_ITEM_FINDING = 1, /* the host's Wasmtime rejects the artifact for this reason */
  CWASM_ITEM_WARNING = 2, /* Wasmtime does not check it, a loader may care (from the artifact) */
  CWASM_ITEM_NOTE = 3     /* a rule that was not checked or a tolerated difference */
} cwasm_item_kind;

/* The step of Wasmtime's check an item belongs to, in check order. */
typedef enum cwasm_check_stage {
  CWASM_STAGE_CHECK_ARTIFACT = 0, /* warnings carried over from parsing */
  CWASM_STAGE_CHECK_ELF = 1,      /* ELF header, e_flags, section names, engine section */
  CWASM_STAGE_CHECK_VERSION = 2,
  CWASM_STAGE_CHECK_METADATA = 3, /* decoding with the host release's layout */
  CWASM_STAGE_CHECK_TARGET = 4,
  CWASM_STAGE_CHECK_SHARED_FLAGS = 5,
  CWASM_STAGE_CHECK_ISA_FLAGS = 6,
  CWASM_STAGE_CHECK_TUNABLES = 7,
  CWASM_STAGE_CHECK_FEATURES = 8
} cwasm_check_stage;

#define CWASM_REPORT_MAX_ITEMS 128
#define CWASM_FINDING_FIELD_MAX 64
#define CWASM_FINDING_VALUE_MAX 96
#define CWASM_FINDING_MESSAGE_MAX 224
#define CWASM_NO_INDEX UINT32_MAX
#define CWASM_NO_OFFSET UINT64_MAX

/*
 * One finding, warning or note. Text fields are NUL-terminated copies
 * (truncated ones end in "..." and set `truncated`), so a report can be
 * copied and outlive the artifact's buffer.
 *
 * `message` is Wasmtime's own error text for findings (the inner error);
 * `context` is the wrapping context Wasmtime adds, or NULL: for flag
 * findings "compilation settings of module incompatible with native host",
 * for ELF header findings "failed to parse precompiled artifact as an ELF".
 * cwasm_finding_format renders "context: message" as anyhow's `{:#}` does.
 * For warnings and notes, `message` is cwasm's explanation.
 */
typedef struct cwasm_finding {
  cwasm_status code;          /* F_* for findings, W_* for warnings and notes */
  cwasm_item_kind kind;
  cwasm_check_stage stage;
  const char *context;        /* static or NULL */
  uint64_t offset;            /* absolute offset of the artifact value, or CWASM_NO_OFFSET */
  uint32_t index;             /* entry index in a flag list, or CWASM_NO_INDEX */
  uint8_t truncated;
  char field[CWASM_FINDING_FIELD_MAX];     /* "version", "e_flags", "target.arch",
                                              "shared_flags.enable_probestack",
                                              "isa_flags.has_avx2", "tunables.consume_fuel",
                                              "features.threads" */
  char artifact[CWASM_FINDING_VALUE_MAX];  /* artifact value as text ("" if none) */
  char host[CWASM_FINDING_VALUE_MAX];      /* host value as text ("" if none) */
  char message[CWASM_FINDING_MESSAGE_MAX];
} cwasm_finding;

/* Fixed capacity: items beyond CWASM_REPORT_MAX_ITEMS are counted, not
 * stored (findings are counted separately so `compatible` stays right).
 * About 66 KiB: keep it off small thread stacks. */
typedef struct cwasm_report {
  uint16_t host_release;
  const cwasm_release *host;      /* the host release's table row */
  uint8_t compatible;             /* 1 iff findings == 0 */
  uint8_t checked_section_last;   /* 1: the last of several engine sections was checked (v43+) */
  uint32_t findings;              /* all findings, stored or dropped */
  uint32_t warnings;
  uint32_t notes;
  uint32_t count;                 /* items stored */
  uint32_t dropped;               /* items not stored (any kind) */
  cwasm_finding items[CWASM_REPORT_MAX_ITEMS];
} cwasm_report;

/*
 * Check artifact `a` (parsed at least to the ELF stage) against host `h`,
 * recording every finding in Wasmtime's order (so the first finding is the
 * error Wasmtime itself would return). A loader parses strictly first and
 * checks only what cwasm_parse accepted; to report on everything Wasmtime
 * would tolerate (as `cwasm check --lenient` does), parse leniently. The
 * steps:
 *   ELF acceptance of the host's era (§2.4: class and byte order, OS ABI /
 *   ABI version, e_flags vs expected kind, section names, the engine section
 *   it reads: first up to v42, last from v43) → version (§3.2) →
 *   metadata decoded with the host release's layout (F_METADATA when the
 *   artifact's layout differs: Wasmtime would misread or fail to read it) →
 *   target (arch, then OS) → shared flags in stored order → ISA flags in
 *   stored order → Tunables in the release's check order → wasm features
 *   (exact up to v36, subset from v37).
 * Map-era artifacts (v3-v14) check each duplicated flag name once, with its
 * last value (BTreeMap); sequence-era ones check every entry.
 * The artifact's own warnings are copied first (stage ARTIFACT).
 *
 * An artifact without an engine section (a pre-3.0 ELF) still gets its ELF
 * findings and "failed to find section `.wasmtime.engine`".
 *
 * Returns CWASM_OK when the check ran (compatibility is r->compatible);
 * CWASM_E_ARGUMENT for NULL pointers or an artifact not parsed up to the ELF
 * stage; CWASM_E_RELEASE_UNKNOWN for a host release outside 3..49.
 * Uses about 8 KiB of stack. The work is linear in the artifact's flag
 * lists, except map-era duplicate detection (at most count^2/64 decodes).
 */
/* `a` and `h` are only read (share them between threads); *r is zeroed
 * first and, on a failure of the call itself, holds only host_release. */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_check(const cwasm_artifact *a, const cwasm_host *h,
                                                 cwasm_report *r);

/* "context: message" (anyhow `{:#}`), or just the message without context.
 * snprintf-like; always NUL-terminates when size > 0; a NULL `f` writes "". */
CWASM_API size_t cwasm_finding_format(const cwasm_finding *f, char *buf, size_t size);

/* -------------------------------------------------------------- prepared */

/*
 * The loader's fast path. A loader checks many artifacts against one host,
 * and most of them were written by the host's own engine: their engine
 * section is, byte for byte, the one of a reference artifact. Everything the
 * parse and the check derive from the engine section (version, layout,
 * metadata, their warnings, and every item from the version check on)
 * depends on those bytes alone, so it is computed once, for the reference.
 *
 * cwasm_prepare copies the host and the reference's engine section (at most
 * CWASM_PREPARED_ENGINE_MAX bytes) into `out`, decodes that copy and checks
 * it once. cwasm_parse_check then gives for ANY input exactly what
 * cwasm_parse with the prepared options followed by cwasm_check against the
 * prepared host give: every field of the artifact and of the report, equal
 * member by member. The ELF stages, the engine section's framing, the ELF
 * checks and the e_machine warning always run on the input; when its engine
 * section is the only one and equals the reference's, the rest is copied
 * from the prepared results, with views, offsets and section indexes moved
 * to the input (views then point into `buf`, as cwasm_parse's do).
 * Otherwise it runs the full parse and check.
 *
 * The shortcut is off (every call takes the full path, results unchanged)
 * when the reference has several engine sections, an engine section larger
 * than CWASM_PREPARED_ENGINE_MAX, or more than CWASM_PREPARED_MAX_ITEMS
 * report items after the ELF checks. `shortcut` says whether it is on.
 *
 * About 30 KiB: keep it off small thread stacks. Read-only after
 * cwasm_prepare: any number of threads may share one.
 */
#define CWASM_PREPARED_ENGINE_MAX 16384u
#define CWASM_PREPARED_MAX_ITEMS 16u

typedef struct cwasm_prepared {
  cwasm_host host;      /* the host every check runs against (a copy) */
  cwasm_options opt;    /* the parse options (strict defaults when prepared with NULL) */
  uint8_t shortcut;     /* 1: the engine-section shortcut is on */
  /* the reference's engine section, and where it was */
  uint32_t engine_len;
  uint32_t engine_index;
  uint64_t engine_offset;
  uint8_t engine[CWASM_PREPARED_ENGINE_MAX];
  /* what the parse derives from those bytes (views into engine[]) */
  cwasm_version version;
  const cwasm_release *release;
  cwasm_layout_source layout_source;
  uint64_t candidates;
  cwasm_metadata meta;
  cwasm_warnings warnings; /* only those of the version and metadata stages */
  /* the report items from the version check on, and their counts */
  uint32_t findings, item_warnings, notes, count;
  cwasm_finding items[CWASM_PREPARED_MAX_ITEMS];
} cwasm_prepared;

/*
 * Prepare checks against `host` with `ref`, an artifact made by the host's
 * engine and parsed by cwasm_parse with `opt` (NULL: strict). `host` NULL
 * means cwasm_host_from_reference(ref, NULL): the prepared host is then
 * self-contained (its OperatorCost table points into out->engine);
 * otherwise `out` borrows what `host` borrows. `ref` is not needed after the
 * call. CWASM_E_ARGUMENT when ref was not parsed to the metadata stage, or
 * decoding its engine section again does not give the same results (ref was
 * parsed with other options); errors of cwasm_host_from_reference.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_prepare(const cwasm_host *host, const cwasm_artifact *ref,
                                                   const cwasm_options *opt, cwasm_prepared *out,
                                                   cwasm_diag *diag);

/*
 * cwasm_parse(buf, len, &p->opt, a, diag), then, when it succeeds,
 * cwasm_check(a, &p->host, r): the same results, field for field, faster
 * when the engine section is the reference's (see above). Returns the parse
 * status (CWASM_E_ARGUMENT for NULL p, a or r); when the parse fails, *r
 * holds only host_release, as after a failed cwasm_check.
 */
CWASM_API CWASM_MUST_USE cwasm_status cwasm_parse_check(const cwasm_prepared *p, const uint8_t *buf,
                                                       size_t len, cwasm_artifact *a, cwasm_report *r,
                                                       cwasm_diag *diag);

/* "finding", "warning", "note"; "unknown" otherwise. */
CWASM_API const char *cwasm_item_kind_name(cwasm_item_kind k);
/* "artifact", "elf", "version", "metadata", "target", "shared_flags",
 * "isa_flags", "tunables", "features"; "unknown" otherwise. */
CWASM_API const char *cwasm_check_stage_name(cwasm_check_stage s);
/* "module", "component", "either"; "unknown" otherwise. */
CWASM_API const char *cwasm_expect_kind_name(cwasm_expect_kind k);

#ifdef __cplusplus
}
#endif

#endif /* CWASM_POLICY_H */
#endif /* host.h complete */
