/*
 * Per-release compatibility rules of Wasmtime's loader, as data (rules.c),
 * shared by the checker (policy.c) and the defaults (defaults.c).
 *
 * Every row carries the first and last Wasmtime major it applies to; the
 * checker selects rows by the host's release and never branches on a
 * version number itself. Spec references are to artifact-format.md.
 */
#ifndef CWASM_POLICY_IMPL_H
#define CWASM_POLICY_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"
#include "span.h"

#define ALL_FIRST CWASM_FIRST_RELEASE
#define ALL_LAST CWASM_LAST_RELEASE

static inline bool in_range(uint16_t r, uint16_t first, uint16_t last) { return r >= first && r <= last; }

/* A FlagValue given in a table (required or default value). */
typedef struct flag_value {
  cwasm_flag_kind kind;
  uint8_t num;            /* NUM */
  uint8_t boolean;        /* BOOL */
  const char *enum_value; /* ENUM */
} flag_value;

/* ----------------------------------------------------- shared flags (§6.3) */

typedef enum shared_rule_kind {
  SR_IGNORE = 1,      /* any value */
  SR_REQUIRE,         /* exactly `value` */
  SR_PROBESTACK_ARCH, /* Bool(probestack supported on the engine target's arch) */
  SR_SAFEPOINTS,      /* Bool(true) if the host has reference types, else any */
  SR_UNWIND_INFO,     /* Bool(true) if the engine target OS is Windows, else any */
  SR_STACK_SWITCH     /* if the host has stack switching: the OS's model, else any */
} shared_rule_kind;

typedef struct shared_rule {
  const char *name;
  uint16_t first, last;
  shared_rule_kind kind;
  flag_value value; /* SR_REQUIRE */
  uint8_t name_len; /* strlen(name): most rows are rejected on length alone */
} shared_rule;

/* The rule the loader of `release` applies to shared flag `name`, or NULL:
 * "unknown shared setting". The name is a string view (two registers), not
 * a span: a span is passed through the stack, on every flag. */
const shared_rule *rules_shared(cwasm_str name, uint16_t release);
/* All rows, sorted by name length then name (for tests). */
const shared_rule *rules_shared_rows(size_t *count);

/* ------------------------------------------------------- ISA flags (§6.4) */

typedef enum isa_rule_kind {
  IR_PROBE = 1, /* ask the probe for `feature` */
  IR_ACCEPT,    /* always available */
  IR_ENDIAN     /* Pulley big_endian: the host must be big-endian */
} isa_rule_kind;

/*
 * Releases 3-20 compiled one name table per host architecture (`arch`); from
 * 21 one global table maps names to probe strings (`arch` UNKNOWN). A name
 * missing from the table falls through to the riscv64 rule (any name but
 * "not_a_flag" is available on a riscv64 host) or fails.
 */
typedef struct isa_rule {
  const char *name;
  uint16_t first, last;
  isa_rule_kind kind;
  cwasm_arch arch;           /* per-arch tables (3-20); UNKNOWN for the global table */
  cwasm_cpu_feature feature; /* IR_PROBE */
  uint8_t name_len;          /* strlen(name) */
} isa_rule;

/* The row for ISA flag `name` in the loader of `release` running on a
 * machine of architecture `machine`, or NULL. */
const isa_rule *rules_isa(cwasm_str name, uint16_t release, cwasm_arch machine);
/* All rows, sorted by name length then name (for tests). */
const isa_rule *rules_isa_rows(size_t *count);

/* Release eras of the ISA check and its messages. */
typedef struct isa_era {
  uint16_t first, last;
  uint8_t global_table;        /* 1: name -> feature table + probe (v21+) */
  uint8_t pointer_enums;       /* 1: Enum("pointer32"/"pointer64") values are understood (v28+) */
  uint8_t unknown_names_feature; /* 1: probe "unknown" message names the feature (v37+) */
} isa_era;

const isa_era *rules_isa_era(uint16_t release);

/* --------------------------------------------------------- Tunables (§6.5) */

typedef enum tunable_check {
  TC_INT = 1,
  TC_BOOL,
  TC_COLLECTOR,
  TC_OPERATOR_COST,
  TC_INTRA_MODULE_INLINING,
  TC_INLINING
} tunable_check;

typedef struct tunable_rule {
  cwasm_tunable_id id;
  tunable_check check;
  uint16_t first, last;
} tunable_rule;

/* The rows in check order (filter by release). */
const tunable_rule *rules_tunables(size_t *count);

/* Collector: before this release "None vs Some" is an error (v27-v36). */
bool rules_collector_none_vs_some_is_error(uint16_t release);

/* Display of enum values in messages. */
const char *rules_collector_display(uint64_t v);              /* "deferred reference-counting" */
const char *rules_intra_module_inlining_phrase(uint64_t v);   /* "with intra-module inlining" */
const char *rules_inlining_phrase(uint64_t v);

/* --------------------------------------------------------- features (§6.6) */

/* Struct-of-bools era: check order and labels. */
typedef struct feature_rule {
  const char *field;  /* name in cwasm_layout.feature_bools */
  const char *label;
  uint16_t first, last;
  uint16_t gated_first, gated_last; /* checked through the `gc` Cargo feature gate */
} feature_rule;

const feature_rule *rules_feature_bools(size_t *count);

/* At most this many rows (rules.c asserts). */
#define FEATURE_RULES_MAX 32

/* masks[i] = rules_feature_mask(r, rows[i].field, strlen(rows[i].field)) for
 * every row i of rules_feature_bools whose range holds `release`, 0 for the
 * others: one pass over the layout instead of one per row. */
void rules_feature_bool_masks(const cwasm_release *r, uint16_t release, uint64_t masks[FEATURE_RULES_MAX]);

typedef enum feature_mode {
  FM_BOOLS = 1, /* v3-v32 per-field equality */
  FM_EXACT_BITS,/* v33-v36 XOR */
  FM_SUBSET     /* v37+ artifact ⊆ host */
} feature_mode;

feature_mode rules_feature_mode(uint16_t release);
/* wasmparser flag checked through the gc Cargo gate in the XOR era ("gc_types"), or NULL. */
const char *rules_feature_bits_gated(uint16_t release);

/* ------------------------------------------------------- version (§3.2) */

/* Mismatch message of the DEFAULT strategy: prefix + version + "'". */
const char *rules_version_prefix_default(uint16_t release);
#define RULES_VERSION_PREFIX_CUSTOM "Module was compiled with incompatible version '"

/* ---------------------------------------------------- defaults helpers */

/* Name of a bool field / bit flag of the release's features, -> mask. 0 if none. */
uint64_t rules_feature_mask(const cwasm_release *r, const char *name, size_t n);

/* defaults.c: the derivation alone, without the §7 transcriptions (tests
 * compare the two). */
cwasm_status defaults_derive(uint16_t release, cwasm_arch arch, const cwasm_host_cpu *cpu,
                             cwasm_defaults *out);

#endif
