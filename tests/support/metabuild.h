/*
 * Test-side encoder for Metadata and engine sections, written from the spec
 * (§3.1, §4, §5) so tests can build inputs for every layout. Writes into a
 * caller buffer; overflowing sets `overflow` instead of writing past it.
 */
#ifndef CWASM_TEST_METABUILD_H
#define CWASM_TEST_METABUILD_H

#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"

typedef struct mb {
  uint8_t *buf;
  size_t n, cap;
  cwasm_codec codec;
  int overflow;
} mb;

void mb_init(mb *m, uint8_t *buf, size_t cap, cwasm_codec codec);
void mb_raw(mb *m, const void *p, size_t n);
void mb_byte(mb *m, uint8_t b);
void mb_varint(mb *m, uint64_t v);      /* postcard LEB128, shortest form */
void mb_u32(mb *m, uint32_t v);         /* codec-aware */
void mb_u64(mb *m, uint64_t v);         /* codec-aware (also usize and lengths) */
void mb_variant(mb *m, uint32_t v);     /* codec-aware enum index */
void mb_str(mb *m, const char *s);
void mb_flag_enum(mb *m, const char *name, const char *value);
void mb_flag_num(mb *m, const char *name, uint8_t v);
void mb_flag_bool(mb *m, const char *name, int v);

/* Values written for each tunable by mb_tunables (per field id). */
typedef struct mb_values {
  uint64_t v[CWASM_T__COUNT];
  uint8_t none[CWASM_T__COUNT];
} mb_values;

/* Deterministic non-default values derived from the field id and `seed`, valid for the layout. */
void mb_values_for(const cwasm_layout *l, unsigned seed, mb_values *out);
void mb_tunables(mb *m, const cwasm_layout *l, const mb_values *vals);
void mb_features(mb *m, const cwasm_layout *l, uint64_t bits);

/* A complete Metadata: target, `nshared` shared flags (first is
 * opt_level=Enum("speed"), then Num/Bool alternating), `nisa` ISA bools,
 * tunables from vals, features bits. */
void mb_metadata(mb *m, const cwasm_layout *l, const char *target, unsigned nshared, unsigned nisa,
                 const mb_values *vals, uint64_t features);

/* mb_tunables, also recording where each field of the layout starts (offset in
 * m->buf, indexed by field id; `at` may be NULL, other ids are left alone). */
void mb_tunables_at(mb *m, const cwasm_layout *l, const mb_values *vals, size_t at[CWASM_T__COUNT]);

/* One flag entry (name, then FlagValue) from the policy API's description. */
void mb_flag(mb *m, const cwasm_default_flag *f);
/* mb_values holding what a cwasm_tunables holds (value and Option-ness per id). */
void mb_values_from_tunables(const cwasm_tunables *t, mb_values *out);

/* Where mb_metadata_flags put each part: offsets in m->buf, so that a test or
 * the corpus generator can corrupt one field precisely. */
#define MB_MAP_FLAGS 64 /* entries recorded per flag list (later ones are not) */
typedef struct mb_entry_at {
  size_t name;  /* the name's length prefix */
  size_t value; /* the FlagValue variant index */
} mb_entry_at;
typedef struct mb_map {
  size_t target;        /* the target's length prefix */
  size_t target_body;   /* its first byte */
  size_t shared_count;  /* the shared-flag count (or map length) */
  mb_entry_at shared[MB_MAP_FLAGS];
  size_t isa_count;
  mb_entry_at isa[MB_MAP_FLAGS];
  size_t tunables;      /* the first Tunables field */
  size_t tunable[CWASM_T__COUNT]; /* each field of the layout, by id */
  size_t features;
  size_t end;           /* one past the last byte */
} mb_map;

/* A complete Metadata from explicit flag lists (written in the order given,
 * so map-era callers pass them sorted), Tunables values and feature bits.
 * `map` may be NULL. */
void mb_metadata_flags(mb *m, const cwasm_layout *l, const char *target,
                       const cwasm_default_flag *shared, size_t nshared,
                       const cwasm_default_flag *isa, size_t nisa, const mb_values *vals,
                       uint64_t features, mb_map *map);

/* Engine section: 0x00, len, version, metadata bytes. Returns length or 0 on overflow. */
size_t mb_engine(uint8_t *out, size_t cap, const char *version, const uint8_t *meta, size_t meta_len);

/* Read a whole file; returns malloc'ed bytes (caller frees) or NULL. */
uint8_t *tb_read_file(const char *path, size_t *len);
/* Path under CWASM_SHARED_DIR "/real-artifacts/"; NULL if absent. Static buffer. */
const char *tb_real_artifact(const char *name);

#endif
