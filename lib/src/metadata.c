/*
 * Metadata decoding: one walker over the layout tables (schemas.c), reading
 * through the codec-neutral wire interface. No release-specific branches
 * live here; what differs between releases is a row in the tables.
 */
#include <stddef.h>
#include <string.h>

#include "wire.h"

typedef struct flag_fields {
  const char *count;
  const char *name;
  const char *value;
  const char *payload;
} flag_fields;

static const flag_fields shared_fields = {"shared_flags.count", "shared_flags.name", "shared_flags.value",
                                          "shared_flags.payload"};
static const flag_fields isa_fields = {"isa_flags.count", "isa_flags.name", "isa_flags.value",
                                       "isa_flags.payload"};

/* One flag entry through the general readers: every shape, every error. */
static cwasm_status read_flag(wire *w, const flag_fields *ff, cwasm_flag *f) {
  uint32_t kind;
  memset(f, 0, sizeof *f);
  f->offset = w->s.off;
  CWASM_TRY(wire_str(w, ff->name, &f->name));
  CWASM_TRY(wire_variant(w, ff->value, 3, &kind));
  f->kind = (cwasm_flag_kind)kind;
  if (f->kind == CWASM_FLAG_ENUM) return wire_str(w, ff->payload, &f->enum_value);
  if (f->kind == CWASM_FLAG_NUM) return wire_u8(w, ff->payload, &f->num);
  return wire_bool(w, ff->payload, &f->boolean); /* CWASM_FLAG_BOOL: wire_variant bounded kind */
}

/*
 * kind, num, boolean and the padding after them, stored as one word: the
 * checker reads kind and boolean right after cwasm_flags_next, in one load
 * (compilers merge the two), and a load fed by one store goes on at once,
 * while one that spans three stores waits until they reach the cache.
 */
typedef union flag_tag {
  struct {
    cwasm_flag_kind kind;
    uint8_t num, boolean;
  } v;
  uint64_t word;
} flag_tag;
_Static_assert(offsetof(cwasm_flag, num) - offsetof(cwasm_flag, kind) == offsetof(flag_tag, v.num) &&
                   offsetof(cwasm_flag, boolean) - offsetof(cwasm_flag, kind) == offsetof(flag_tag, v.boolean) &&
                   offsetof(cwasm_flag, enum_value) - offsetof(cwasm_flag, kind) >= sizeof(flag_tag),
               "cwasm_flag's kind, num, boolean and padding are one word");

/* *f as read_flag fills it (value is empty unless kind is Enum; b is the
 * Num or Bool byte), every member and the padding between them stored. */
static inline void flag_store(cwasm_flag *f, span name, uint32_t kind, uint8_t b, span value, uint64_t offset) {
  flag_tag tag;
  tag.word = 0;
  tag.v.kind = (cwasm_flag_kind)kind;
  tag.v.num = kind == CWASM_FLAG_NUM ? b : 0;
  tag.v.boolean = kind == CWASM_FLAG_BOOL ? b : 0;
  f->name = span_str(name);
  memcpy((unsigned char *)f + offsetof(cwasm_flag, kind), &tag, sizeof tag);
  f->enum_value = span_str(value);
  f->offset = offset;
}

/*
 * One flag entry in the shape of nearly every real one, read in one go at
 * offset `start` of s: postcard's one-byte lengths and variant (below
 * 0x80), bincode's u64 lengths and u32 variant, lengths that fit, a 0/1
 * bool. True, *next the offset past it and, when f is not NULL, *f filled
 * as read_flag fills it; false, with nothing written, for any other shape:
 * then read_flag reads it, with the same result for what this accepts when
 * the text is valid UTF-8, which this does not check (skim_flags checks
 * all of a list's bytes at once; the iterator reads lists decoding made).
 */
/* A string's length in flag_entry's shape: postcard's one byte below 0x80, bincode's u64. */
WIRE_INLINE bool entry_len(span s, size_t at, bool pc, uint64_t *len) {
  bool ok;
  if (pc) {
    uint8_t l8 = 0x80;
    ok = span_u8_at(s, at, &l8) && l8 < 0x80;
    *len = l8;
  } else {
    ok = span_u64_at(s, at, false, len);
  }
  return ok;
}

WIRE_INLINE bool flag_entry(span s, const size_t start, cwasm_codec codec, cwasm_flag *f, size_t *next) {
  const bool pc = codec == CWASM_CODEC_POSTCARD;
  const size_t lw = pc ? 1 : 8, kw = pc ? 1 : 4; /* widths of a length and of the variant */
  span name = span_make(NULL, 0, 0), value = span_make(NULL, 0, 0);
  uint64_t len = 0x80, vlen = 0;
  uint32_t kind = 3;
  uint8_t b = 2;
  size_t at = start;
  bool ok;
  if (!entry_len(s, at, pc, &len) || !span_sub(s, at + lw, len, &name)) return false;
  at += lw + (size_t)len;
  if (pc) {
    uint8_t k8 = 3;
    ok = span_u8_at(s, at, &k8);
    kind = k8;
  } else {
    ok = span_u32_at(s, at, false, &kind);
  }
  if (!ok || kind > CWASM_FLAG_BOOL) return false;
  at += kw;
  if (kind == CWASM_FLAG_ENUM) {
    if (!entry_len(s, at, pc, &vlen) || !span_sub(s, at + lw, vlen, &value)) return false;
    at += lw + (size_t)vlen;
  } else {
    if (!span_u8_at(s, at, &b) || (kind == CWASM_FLAG_BOOL && b > 1)) return false;
    at++;
  }
  if (f) flag_store(f, name, kind, b, value, s.off + start);
  *next = at;
  return true;
}

/*
 * flag_entry's shape through wire.h's peeks (short lengths that fit, a
 * one-byte or fixed-width variant, a 0/1 bool), at the start of *s: true
 * and *s past the entry, else false and nothing consumed. `check_text`:
 * the name and an enum value must be ASCII (else read_flag validates them
 * as UTF-8).
 */
WIRE_INLINE bool flag_fast(span *s, cwasm_codec codec, bool check_text) {
  span name = span_make(NULL, 0, 0), value = span_make(NULL, 0, 0);
  size_t at = 0;
  uint64_t kind = 3;
  uint8_t b = 2;
  if (!wire_peek_str_(*s, 0, codec, &name, &at) || (check_text && !wire_ascii_(name))) return false;
  if (!wire_peek_uint_(*s, at, codec, 32, false, &kind, &at) || kind > CWASM_FLAG_BOOL) return false;
  if (kind == CWASM_FLAG_ENUM) {
    if (!wire_peek_str_(*s, at, codec, &value, &at) || (check_text && !wire_ascii_(value))) return false;
  } else {
    if (!span_u8_at(*s, at, &b) || (kind == CWASM_FLAG_BOOL && b > 1)) return false;
    at++;
  }
  (void)span_skip(s, at);
  return true;
}

/*
 * count entries, all in flag_fast's shape, whose bytes (lengths, names,
 * variants, values) are all ASCII, which makes every name and enum value
 * ASCII: the common case, checked with one pass over the text of all the
 * entries instead of one per string. True and *s past them; else false and
 * nothing consumed (decode_flags then reads entry by entry).
 */
static bool skim_flags(span *s, cwasm_codec codec, uint64_t count) {
  span cur = *s, all = span_make(NULL, 0, 0);
  /* One loop per codec, so that each folds the codec tests. Postcard's
   * reads with flag_entry, whose reads are all inline: here compilers keep
   * flag_fast's wire_peek_str_ out of line, and each call passes its span
   * through memory (half the decode time of a postcard list, measured). */
  if (codec == CWASM_CODEC_POSTCARD) {
    for (uint64_t i = 0; i < count; i++) {
      size_t next = 0;
      if (!flag_entry(cur, 0, CWASM_CODEC_POSTCARD, NULL, &next)) return false;
      (void)span_skip(&cur, next);
    }
  } else {
    for (uint64_t i = 0; i < count; i++)
      if (!flag_fast(&cur, CWASM_CODEC_BINCODE, false)) return false;
  }
  (void)span_sub(*s, 0, s->n - cur.n, &all); /* cur is a tail of *s */
  if (!wire_ascii_(all)) return false;
  *s = cur;
  return true;
}

static cwasm_status decode_flags(wire *w, const flag_fields *ff, uint32_t max, uint8_t is_map,
                                 cwasm_flag_list *out) {
  uint64_t count;
  span start;
  cwasm_flag f;
  span before = w->s;
  CWASM_TRY(wire_count(w, ff->count, wire_min_flag_entry(w->codec), &count));
  if (count > max)
    return diag_set_v(w->diag, CWASM_E_LIMIT_FLAGS, before.off, CWASM_NO_SECTION, ff->count, count,
                      CWASM_DIAG_LIMIT, max);
  start = w->s;
  if (!skim_flags(&w->s, w->codec, count)) {
    span cur = w->s;
    for (uint64_t i = 0; i < count; i++) {
      if (flag_fast(&cur, w->codec, true)) continue;
      w->s = cur;
      CWASM_TRY(read_flag(w, ff, &f));
      cur = w->s;
    }
    w->s = cur;
  }
  span raw = span_make(NULL, 0, 0);
  (void)span_sub(start, 0, w->s.off - start.off, &raw);
  out->raw = span_bytes(raw);
  out->raw_offset = raw.off;
  out->count = (uint32_t)count;
  out->codec = (uint8_t)w->codec;
  out->is_map = is_map;
  return CWASM_OK;
}

void cwasm_flags_begin(const cwasm_flag_list *list, cwasm_flag_iter *it) {
  it->list = list;
  it->pos = 0;
  it->index = 0;
}

/* cwasm_flags_next for an entry in any other shape, through read_flag;
 * it->pos <= the list's size. Out of line, and called last, so that the
 * common path needs no stack frame. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int flags_next_slow(cwasm_flag_iter *it, cwasm_flag *out) {
  const cwasm_flag_list *list = it->list;
  cwasm_diag scratch;
  wire w;
  w.s = span_from_bytes(list->raw, list->raw_offset);
  (void)span_skip(&w.s, it->pos);
  w.codec = (cwasm_codec)list->codec;
  w.diag = &scratch;
  if (read_flag(&w, &shared_fields, out) != CWASM_OK) return 0;
  it->pos = span_from_bytes(list->raw, list->raw_offset).n - w.s.n;
  it->index++;
  return 1;
}

/*
 * The entries were validated when the list was decoded, so their text is
 * not checked for UTF-8 again (decoding never makes a list of anything
 * else). Everything that keeps the reads inside the list still is: a list
 * or a position not made by decoding ends the iteration, or yields entries
 * of the list's own bytes.
 */
int cwasm_flags_next(cwasm_flag_iter *it, cwasm_flag *out) {
  const cwasm_flag_list *list;
  span all;
  size_t next = 0;
  bool fast;
  if (!it || !(list = it->list) || it->index >= list->count) return 0;
  all = span_from_bytes(list->raw, list->raw_offset);
  if (it->pos > all.n) return 0;
  /* read at it->pos of the whole list, one codec per call, so that each
   * call folds flag_entry's codec tests */
  if (list->codec == CWASM_CODEC_POSTCARD) fast = flag_entry(all, it->pos, CWASM_CODEC_POSTCARD, out, &next);
  else fast = flag_entry(all, it->pos, CWASM_CODEC_BINCODE, out, &next);
  if (!fast) return flags_next_slow(it, out);
  it->pos = next;
  it->index++;
  return 1;
}

static cwasm_status decode_tunable(wire *w, const cwasm_layout *layout, const cwasm_tunable_info *info,
                                   cwasm_tunable *t) {
  const char *field = info->name;
  uint32_t u32 = 0;
  uint8_t b = 0;
  span at;
  t->present = 1;
  t->offset = w->s.off;
  /* unreachable: no case matching. info is a row of the library's own table
   * (cwasm_tunable_info_of), of a type handled here. No default, so that
   * -Wswitch flags a new type; the last type is read after the switch, so
   * that no return stands there for the compiler alone. */
  switch (info->type) {
    case CWASM_TT_U64: return wire_u64(w, field, &t->value);
    case CWASM_TT_USIZE: return wire_usize(w, field, &t->value);
    case CWASM_TT_U32:
      CWASM_TRY(wire_u32(w, field, &u32));
      t->value = u32;
      return CWASM_OK;
    case CWASM_TT_BOOL: { /* decode_plain_tunables reads every 0/1 byte: this read fails */
      cwasm_status st = wire_bool(w, field, &b);
      if (st == CWASM_OK) t->value = b; /* unreachable: see above */
      return st;
    }
    case CWASM_TT_OPT_COLLECTOR:
      CWASM_TRY(wire_option(w, field, &b));
      t->is_none = (uint8_t)!b;
      if (!b) return CWASM_OK;
      CWASM_TRY(wire_variant(w, field, layout->collector_variants, &u32));
      t->value = u32;
      return CWASM_OK;
    case CWASM_TT_INTRA_MODULE_INLINING:
    case CWASM_TT_INLINING:
      CWASM_TRY(wire_variant(w, field, cwasm_tunable_enum_count(info->type), &u32));
      t->value = u32;
      return CWASM_OK;
    case CWASM_TT_OPERATOR_COST: {
      span table;
      CWASM_TRY(wire_variant(w, field, cwasm_tunable_enum_count(info->type), &u32));
      t->value = u32;
      if (u32 != 0) return CWASM_OK; /* Default: no payload */
      CWASM_TRY(wire_raw(w, field, layout->operator_cost_len, &table));
      t->table = span_bytes(table);
      return CWASM_OK;
    }
    case CWASM_TT_OPT_NONZERO_U32: break; /* read below */
  }
  /* CWASM_TT_OPT_NONZERO_U32 */
  CWASM_TRY(wire_option(w, field, &b));
  t->is_none = (uint8_t)!b;
  if (!b) return CWASM_OK;
  at = w->s;
  CWASM_TRY(wire_u32(w, field, &u32));
  if (u32 == 0) return diag_set_v(w->diag, CWASM_E_META_NONZERO, at.off, CWASM_NO_SECTION, field, 0, 0, 0);
  t->value = u32;
  return CWASM_OK;
}

static cwasm_status decode_features(wire *w, const cwasm_layout *layout, cwasm_features *f) {
  f->encoding = layout->features;
  f->offset = w->s.off;
  switch (layout->features) {
    case CWASM_FEATURES_BOOLS:
      /* bit i of a u64 per bool: a layout (the caller's struct) with more is forged */
      if (layout->feature_bools_count > 64)
        return diag_set(w->diag, CWASM_E_ARGUMENT, w->s.off, CWASM_NO_SECTION, "features");
      f->count = layout->feature_bools_count;
      for (uint8_t i = 0; i < layout->feature_bools_count; i++) {
        uint8_t b = 0;
        CWASM_TRY(wire_bool(w, layout->feature_bools[i], &b));
        f->bits |= (uint64_t)b << i;
      }
      return CWASM_OK;
    case CWASM_FEATURES_U32: {
      uint32_t v;
      CWASM_TRY(wire_u32(w, "features", &v));
      f->bits = v;
      return CWASM_OK;
    }
    case CWASM_FEATURES_U64:
      return wire_u64(w, "features", &f->bits);
  }
  return diag_set(w->diag, CWASM_E_ARGUMENT, w->s.off, CWASM_NO_SECTION, "features");
}

/* Target and both flag lists: one wire shape per codec, whatever the layout. */
static cwasm_status decode_prefix(wire *w, uint64_t base_offset, const cwasm_layout *layout,
                                  const cwasm_options *opt, cwasm_metadata *out) {
  CWASM_TRY(wire_str(w, "target", &out->target));
  out->target_offset = base_offset;
  out->have |= CWASM_HAVE_TARGET;
  CWASM_TRY(decode_flags(w, &shared_fields, opt_max_flags(opt), layout->flags_map, &out->shared_flags));
  out->have |= CWASM_HAVE_SHARED_FLAGS;
  CWASM_TRY(decode_flags(w, &isa_fields, opt_max_flags(opt), layout->flags_map, &out->isa_flags));
  out->have |= CWASM_HAVE_ISA_FLAGS;
  return CWASM_OK;
}

/* A plain Tunables field at `at` of s (an integer in the fast shape, a 0/1
 * bool): its value and the offset after it, as decode_tunable reads it;
 * false for another type or shape, or an error. */
static inline bool plain_tunable(span s, size_t at, cwasm_codec codec, cwasm_tunable_type type, uint64_t *v,
                                 size_t *next) {
  uint8_t b = 2;
  bool ok = false;
  if (type == CWASM_TT_BOOL) {
    ok = span_u8_at(s, at, &b) && b <= 1;
    *v = b;
    *next = at + 1;
  } else if (type == CWASM_TT_U64 || type == CWASM_TT_USIZE) {
    ok = wire_peek_uint_(s, at, codec, 64, true, v, next);
  } else if (type == CWASM_TT_U32) {
    ok = wire_peek_uint_(s, at, codec, 32, true, v, next);
  }
  return ok;
}

/* The plain Tunables fields from index i on, read in one run from a local
 * cursor. Returns the index of the first field not read (not plain, an
 * error, or the end), which decode_tunable reads. */
static uint8_t decode_plain_tunables(wire *w, const cwasm_layout *layout, const cwasm_tunable_info *infos,
                                     uint8_t i, cwasm_tunables *out) {
  const span s = w->s;
  size_t at = 0;
  for (; i < layout->tunables_count; i++) {
    const cwasm_tunable_id id = layout->tunables[i];
    uint64_t v = 0;
    size_t next = 0;
    if ((unsigned)id >= (unsigned)CWASM_T__COUNT ||
        !plain_tunable(s, at, w->codec, infos[id].type, &v, &next))
      break;
    out->f[id].present = 1;
    out->f[id].offset = s.off + at;
    out->f[id].value = v;
    at = next;
  }
  (void)span_skip(&w->s, at);
  return i;
}

/* Tunables and features: what tells the layouts of one codec apart. */
static cwasm_status decode_rest(wire *w, uint64_t base_offset, const cwasm_layout *layout,
                                cwasm_metadata *out) {
  /* cwasm_tunable_info_of looks ids up in one array indexed by id (schemas.c;
   * test_metadata.c checks): one call per decode, not one per field */
  const cwasm_tunable_info *infos = cwasm_tunable_info_of((cwasm_tunable_id)0);
  uint8_t i = 0;
  while ((i = decode_plain_tunables(w, layout, infos, i, &out->tunables)) < layout->tunables_count) {
    const cwasm_tunable_id id = layout->tunables[i];
    if ((unsigned)id >= (unsigned)CWASM_T__COUNT)
      return diag_set(w->diag, CWASM_E_ARGUMENT, w->s.off, CWASM_NO_SECTION, "tunables");
    CWASM_TRY(decode_tunable(w, layout, &infos[id], &out->tunables.f[id]));
    i++;
  }
  out->have |= CWASM_HAVE_TUNABLES;
  CWASM_TRY(decode_features(w, layout, &out->features));
  out->have |= CWASM_HAVE_FEATURES;
  out->consumed = w->s.off - base_offset;
  out->trailing_bytes = w->s.n;
  return CWASM_OK;
}

cwasm_status cwasm_metadata_decode(cwasm_bytes bytes, uint64_t base_offset, const cwasm_layout *layout,
                                   const cwasm_options *opt, cwasm_metadata *out, cwasm_diag *diag) {
  cwasm_diag scratch;
  wire w;
  diag = diag_or_scratch(diag, &scratch);
  diag_clear(diag);
  if (!out || !layout || (!bytes.p && bytes.n))
    return diag_set(diag, CWASM_E_ARGUMENT, base_offset, CWASM_NO_SECTION, "metadata");
  memset(out, 0, sizeof *out);
  out->layout = layout;
  w.s = span_from_bytes(bytes, base_offset);
  w.codec = layout->codec;
  w.diag = diag;
  CWASM_TRY(decode_prefix(&w, base_offset, layout, opt, out));
  return decode_rest(&w, base_offset, layout, out);
}

cwasm_status metadata_decode_prefix(cwasm_bytes bytes, uint64_t base_offset, const cwasm_layout *layout,
                                    const cwasm_options *opt, cwasm_metadata *out, cwasm_diag *diag,
                                    cwasm_bytes *rest, uint64_t *rest_offset) {
  wire w;
  cwasm_status st;
  diag_clear(diag);
  memset(out, 0, sizeof *out);
  out->layout = layout;
  w.s = span_from_bytes(bytes, base_offset);
  w.codec = layout->codec;
  w.diag = diag;
  st = decode_prefix(&w, base_offset, layout, opt, out);
  *rest = span_bytes(w.s);
  *rest_offset = w.s.off;
  return st;
}

cwasm_status metadata_decode_rest(cwasm_bytes rest, uint64_t rest_offset, uint64_t base_offset,
                                  const cwasm_layout *layout, cwasm_metadata *out, cwasm_diag *diag) {
  wire w;
  diag_clear(diag);
  out->layout = layout;
  out->shared_flags.is_map = layout->flags_map;
  out->isa_flags.is_map = layout->flags_map;
  w.s = span_from_bytes(rest, rest_offset);
  w.codec = layout->codec;
  w.diag = diag;
  return decode_rest(&w, base_offset, layout, out);
}
