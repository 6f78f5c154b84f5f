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

/* Engine section: 0x00, len, version, metadata bytes. Returns length or 0 on overflow. */
size_t mb_engine(uint8_t *out, size_t cap, const char *version, const uint8_t *meta, size_t meta_len);

/* Read a whole file; returns malloc'ed bytes (caller frees) or NULL. */
uint8_t *tb_read_file(const char *path, size_t *len);
/* Path under CWASM_SHARED_DIR "/real-artifacts/"; NULL if absent. Static buffer. */
const char *tb_real_artifact(const char *name);

#endif
