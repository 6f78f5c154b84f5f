#include "metabuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void mb_init(mb *m, uint8_t *buf, size_t cap, cwasm_codec codec) {
  m->buf = buf;
  m->n = 0;
  m->cap = cap;
  m->codec = codec;
  m->overflow = 0;
}

void mb_raw(mb *m, const void *p, size_t n) {
  if (n > m->cap - m->n) {
    m->overflow = 1;
    return;
  }
  if (n) memcpy(m->buf + m->n, p, n);
  m->n += n;
}

void mb_byte(mb *m, uint8_t b) { mb_raw(m, &b, 1); }

void mb_varint(mb *m, uint64_t v) {
  do {
    uint8_t b = (uint8_t)(v & 0x7f);
    v >>= 7;
    mb_byte(m, (uint8_t)(b | (v ? 0x80 : 0)));
  } while (v);
}

static void le(mb *m, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; i++) mb_byte(m, (uint8_t)(v >> (8 * i)));
}

void mb_u32(mb *m, uint32_t v) {
  if (m->codec == CWASM_CODEC_POSTCARD) mb_varint(m, v);
  else le(m, v, 4);
}

void mb_u64(mb *m, uint64_t v) {
  if (m->codec == CWASM_CODEC_POSTCARD) mb_varint(m, v);
  else le(m, v, 8);
}

void mb_variant(mb *m, uint32_t v) { mb_u32(m, v); }

void mb_str(mb *m, const char *s) {
  size_t n = strlen(s);
  mb_u64(m, n);
  mb_raw(m, s, n);
}

void mb_flag_enum(mb *m, const char *name, const char *value) {
  mb_str(m, name);
  mb_variant(m, 0);
  mb_str(m, value);
}

void mb_flag_num(mb *m, const char *name, uint8_t v) {
  mb_str(m, name);
  mb_variant(m, 1);
  mb_byte(m, v);
}

void mb_flag_bool(mb *m, const char *name, int v) {
  mb_str(m, name);
  mb_variant(m, 2);
  mb_byte(m, v ? 1 : 0);
}

void mb_values_for(const cwasm_layout *l, unsigned seed, mb_values *out) {
  memset(out, 0, sizeof *out);
  for (unsigned i = 0; i < l->tunables_count; i++) {
    const cwasm_tunable_info *t = cwasm_tunable_info_of(l->tunables[i]);
    unsigned k = (unsigned)t->id + seed;
    switch (t->type) {
      case CWASM_TT_U64: out->v[t->id] = ((uint64_t)1 << (20 + k % 40)) + k; break;
      case CWASM_TT_USIZE: out->v[t->id] = 50000u + k; break;
      case CWASM_TT_U32: out->v[t->id] = 1000u * k + 7u; break;
      case CWASM_TT_BOOL: out->v[t->id] = k & 1u; break;
      case CWASM_TT_OPT_COLLECTOR:
        out->none[t->id] = (uint8_t)(k % 3 == 0);
        out->v[t->id] = out->none[t->id] ? 0 : k % l->collector_variants;
        break;
      case CWASM_TT_INTRA_MODULE_INLINING: out->v[t->id] = k % 3; break;
      case CWASM_TT_INLINING: out->v[t->id] = k % 5; break;
      case CWASM_TT_OPERATOR_COST: out->v[t->id] = k & 1u; break; /* 0 Table, 1 Default */
      case CWASM_TT_OPT_NONZERO_U32:
        out->none[t->id] = (uint8_t)(k & 1u);
        out->v[t->id] = out->none[t->id] ? 0 : 100u + k;
        break;
    }
  }
}

void mb_tunables(mb *m, const cwasm_layout *l, const mb_values *vals) { mb_tunables_at(m, l, vals, NULL); }

void mb_tunables_at(mb *m, const cwasm_layout *l, const mb_values *vals, size_t at[CWASM_T__COUNT]) {
  for (unsigned i = 0; i < l->tunables_count; i++) {
    const cwasm_tunable_info *t = cwasm_tunable_info_of(l->tunables[i]);
    uint64_t v = vals->v[t->id];
    if (at) at[t->id] = m->n;
    switch (t->type) {
      case CWASM_TT_U64:
      case CWASM_TT_USIZE: mb_u64(m, v); break;
      case CWASM_TT_U32: mb_u32(m, (uint32_t)v); break;
      case CWASM_TT_BOOL: mb_byte(m, (uint8_t)v); break;
      case CWASM_TT_OPT_COLLECTOR:
      case CWASM_TT_OPT_NONZERO_U32:
        mb_byte(m, vals->none[t->id] ? 0 : 1);
        if (!vals->none[t->id]) {
          if (t->type == CWASM_TT_OPT_COLLECTOR) mb_variant(m, (uint32_t)v);
          else mb_u32(m, (uint32_t)v);
        }
        break;
      case CWASM_TT_INTRA_MODULE_INLINING:
      case CWASM_TT_INLINING: mb_variant(m, (uint32_t)v); break;
      case CWASM_TT_OPERATOR_COST:
        mb_variant(m, (uint32_t)v);
        if (v == 0)
          for (unsigned j = 0; j < l->operator_cost_len; j++) mb_byte(m, (uint8_t)(j % 7));
        break;
    }
  }
}

void mb_features(mb *m, const cwasm_layout *l, uint64_t bits) {
  switch (l->features) {
    case CWASM_FEATURES_BOOLS:
      for (unsigned i = 0; i < l->feature_bools_count; i++) mb_byte(m, (uint8_t)((bits >> i) & 1u));
      break;
    case CWASM_FEATURES_U32: mb_u32(m, (uint32_t)bits); break;
    case CWASM_FEATURES_U64: mb_u64(m, bits); break;
  }
}

void mb_metadata(mb *m, const cwasm_layout *l, const char *target, unsigned nshared, unsigned nisa,
                 const mb_values *vals, uint64_t features) {
  char name[32];
  mb_str(m, target);
  mb_u64(m, nshared);
  for (unsigned i = 0; i < nshared; i++) {
    if (i == 0) {
      mb_flag_enum(m, "opt_level", "speed");
      continue;
    }
    snprintf(name, sizeof name, "shared_%u", i);
    if (i % 2) mb_flag_num(m, name, (uint8_t)i);
    else mb_flag_bool(m, name, (int)(i % 4 == 0));
  }
  mb_u64(m, nisa);
  for (unsigned i = 0; i < nisa; i++) {
    snprintf(name, sizeof name, "has_isa_%u", i);
    mb_flag_bool(m, name, (int)(i & 1u));
  }
  mb_tunables(m, l, vals);
  mb_features(m, l, features);
}

size_t mb_engine(uint8_t *out, size_t cap, const char *version, const uint8_t *meta, size_t meta_len) {
  size_t vl = strlen(version);
  if (vl > 255 || cap < 2 + vl + meta_len) return 0;
  out[0] = 0;
  out[1] = (uint8_t)vl;
  memcpy(out + 2, version, vl);
  if (meta_len) memcpy(out + 2 + vl, meta, meta_len);
  return 2 + vl + meta_len;
}

/* The FlagValue alone (variant, then payload), as mb_flag_enum/num/bool write it. */
static void flag_value(mb *m, const cwasm_default_flag *f) {
  switch (f->kind) {
    case CWASM_FLAG_ENUM:
      mb_variant(m, 0);
      mb_str(m, f->enum_value ? f->enum_value : "");
      break;
    case CWASM_FLAG_NUM:
      mb_variant(m, 1);
      mb_byte(m, f->num);
      break;
    case CWASM_FLAG_BOOL:
      mb_variant(m, 2);
      mb_byte(m, f->boolean ? 1 : 0);
      break;
  }
}

void mb_flag(mb *m, const cwasm_default_flag *f) {
  mb_str(m, f->name);
  flag_value(m, f);
}

void mb_values_from_tunables(const cwasm_tunables *t, mb_values *out) {
  memset(out, 0, sizeof *out);
  for (unsigned id = 0; id < CWASM_T__COUNT; id++) {
    out->v[id] = t->f[id].value;
    out->none[id] = t->f[id].is_none;
  }
}

/* One flag container; records where the first MB_MAP_FLAGS entries start. */
static void flag_list(mb *m, const cwasm_default_flag *f, size_t n, size_t *count_at,
                      mb_entry_at *at) {
  *count_at = m->n;
  mb_u64(m, n);
  for (size_t i = 0; i < n; i++) {
    if (i < MB_MAP_FLAGS) at[i].name = m->n;
    mb_str(m, f[i].name);
    if (i < MB_MAP_FLAGS) at[i].value = m->n;
    flag_value(m, &f[i]);
  }
}

void mb_metadata_flags(mb *m, const cwasm_layout *l, const char *target,
                       const cwasm_default_flag *shared, size_t nshared,
                       const cwasm_default_flag *isa, size_t nisa, const mb_values *vals,
                       uint64_t features, mb_map *map) {
  mb_map scratch;
  if (!map) map = &scratch;
  memset(map, 0, sizeof *map);
  map->target = m->n;
  mb_str(m, target);
  map->target_body = m->n - strlen(target);
  flag_list(m, shared, nshared, &map->shared_count, map->shared);
  flag_list(m, isa, nisa, &map->isa_count, map->isa);
  map->tunables = m->n;
  mb_tunables_at(m, l, vals, map->tunable);
  map->features = m->n;
  mb_features(m, l, features);
  map->end = m->n;
}

uint8_t *tb_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  long sz;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  buf = malloc((size_t)sz + 1);
  if (buf && fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) *len = (size_t)sz;
  return buf;
}

const char *tb_real_artifact(const char *name) {
  static char path[4096];
  struct stat st;
  snprintf(path, sizeof path, "%s/real-artifacts/%s", CWASM_SHARED_DIR, name);
  return stat(path, &st) == 0 ? path : NULL;
}
