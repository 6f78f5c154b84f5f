/*
 * The checker's walk over flag lists (policy.c: for_each_flag and the
 * map-era paths) and the lookups it leans on: every path gives the entries
 * Wasmtime checks, in stored order, with their own indexes.
 *
 *   sequence (v15+)                 every entry
 *   map (v3-v14), names increasing  every entry: up to 64 decoded once, more
 *                                   verified first and walked again
 *   map, a name out of order        each name once, its last value
 *
 * and the iterator those walks use (cwasm_flags_next), against the
 * general wire readers, on lists of every entry shape and on forged ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwasm/cwasm.h"
#include "elfbuild.h"
#include "metabuild.h"
#include "policy_impl.h"
#include "wire.h"
#include "xorshift.h"

#define MAXF 160

typedef struct list {
  cwasm_default_flag f[MAXF];
  uint32_t n;
} list;

static cwasm_report g_report;       /* kept off the test's stack */
static char g_names[MAXF][16];      /* names made up by the tests */
static uint8_t g_meta[32768], g_engine[33000];

static cwasm_host_cpu cpu_x86(void) {
  cwasm_host_cpu c;
  memset(&c, 0, sizeof c);
  c.arch = CWASM_ARCH_X86_64;
  for (int f = 0; f < CWASM_CPU__COUNT; f++)
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) == CWASM_ARCH_X86_64) c.known |= CWASM_CPU_BIT(f);
  c.present = c.known;
  return c;
}

/* The release's default shared flags (x86_64), sorted by name as a map-era
 * writer stores them; no ISA flags. */
static void defaults_of(uint16_t release, list *shared, cwasm_defaults *d) {
  cwasm_host_cpu cpu = cpu_x86();
  assert_int_equal(cwasm_defaults_get(release, CWASM_ARCH_X86_64, &cpu, d), CWASM_OK);
  assert_true(d->shared_count <= MAXF);
  memcpy(shared->f, d->shared, d->shared_count * sizeof d->shared[0]);
  shared->n = d->shared_count;
  for (uint32_t i = 1; i < shared->n; i++) /* insertion sort by name */
    for (uint32_t j = i; j > 0 && strcmp(shared->f[j - 1].name, shared->f[j].name) > 0; j--) {
      cwasm_default_flag t = shared->f[j];
      shared->f[j] = shared->f[j - 1];
      shared->f[j - 1] = t;
    }
}

static void add_bool(list *l, const char *name, int v) {
  assert_true(l->n < MAXF);
  memset(&l->f[l->n], 0, sizeof l->f[l->n]);
  l->f[l->n].name = name;
  l->f[l->n].kind = CWASM_FLAG_BOOL;
  l->f[l->n].boolean = (uint8_t)v;
  l->n++;
}

/* "zz_000", "zz_001", ...: unknown to every release, after every real name. */
static const char *made_up(unsigned i) {
  assert_true(i < MAXF);
  snprintf(g_names[i], sizeof g_names[i], "zz_%03u", i);
  return g_names[i];
}

/* Check an artifact of `release` with these shared flags (and the release's
 * defaults otherwise) against the release's default x86_64 host. */
static const cwasm_report *check_shared(uint16_t release, const list *shared) {
  const cwasm_layout *l = cwasm_release_get(release)->layout;
  cwasm_defaults d;
  cwasm_host_cpu cpu = cpu_x86();
  cwasm_host h;
  cwasm_artifact a;
  cwasm_diag diag;
  cwasm_options opt;
  mb m;
  mb_values vals;
  uint8_t *img = NULL;
  size_t len = 0, n;
  assert_int_equal(cwasm_defaults_get(release, CWASM_ARCH_X86_64, &cpu, &d), CWASM_OK);
  mb_init(&m, g_meta, sizeof g_meta, l->codec);
  mb_values_from_tunables(&d.tunables, &vals);
  mb_metadata_flags(&m, l, cwasm_defaults_target(CWASM_ARCH_X86_64), shared->f, shared->n, NULL, 0, &vals,
                    d.features.bits, NULL);
  assert_false(m.overflow);
  n = mb_engine(g_engine, sizeof g_engine, d.version, g_meta, m.n);
  assert_true(n > 0);
  assert_int_equal(eb_artifact(&img, &len, g_engine, n, CWASM_EF_MODULE, false), 0);
  memset(&opt, 0, sizeof opt);
  assert_int_equal(cwasm_parse(img, len, &opt, &a, &diag), CWASM_OK);
  assert_int_equal(a.meta.shared_flags.count, shared->n);
  assert_int_equal(cwasm_host_default(release, &h), CWASM_OK);
  assert_int_equal(cwasm_host_set_target(&h, cwasm_defaults_target(CWASM_ARCH_X86_64)), CWASM_OK);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_DEFAULT, d.version), CWASM_OK);
  h.cpu = cpu;
  h.tunables = d.tunables;
  h.features = d.features;
  memset(&g_report, 0xa5, sizeof g_report);
  assert_int_equal(cwasm_check(&a, &h, &g_report), CWASM_OK);
  free(img);
  return &g_report;
}

/* The report holds exactly the findings "unknown shared setting" for these
 * entries of `shared`, in this order, with their indexes and values. */
static void expect_unknown(const cwasm_report *r, const list *shared, const uint32_t *index, uint32_t n) {
  char want[64];
  assert_int_equal(r->findings, n);
  assert_int_equal(r->notes, 0);
  for (uint32_t i = 0, k = 0; i < r->count; i++) {
    const cwasm_finding *f = &r->items[i];
    if (f->kind != CWASM_ITEM_FINDING) continue;
    assert_true(k < n);
    assert_int_equal(f->code, CWASM_F_SHARED_FLAG_UNKNOWN);
    assert_int_equal(f->index, index[k]);
    snprintf(want, sizeof want, "shared_flags.%s", shared->f[index[k]].name);
    assert_string_equal(f->field, want);
    assert_string_equal(f->artifact, shared->f[index[k]].boolean ? "Bool(true)" : "Bool(false)");
    k++;
  }
}

/* Increasing names, in every era and on both sides of 64 entries: each
 * entry is checked, in stored order. */
static void increasing_lists(void **state) {
  (void)state;
  static const uint16_t releases[] = {3, 10, 14, 15, 20, 21, 48};
  static const uint32_t extra[] = {1, 10, 30, 64, 90};
  for (size_t r = 0; r < sizeof releases / sizeof releases[0]; r++) {
    for (size_t e = 0; e < sizeof extra / sizeof extra[0]; e++) {
      list shared;
      cwasm_defaults d;
      uint32_t index[MAXF], n = 0;
      defaults_of(releases[r], &shared, &d);
      for (uint32_t i = 0; i < extra[e] && shared.n < MAXF; i++) {
        index[n++] = shared.n;
        add_bool(&shared, made_up(i), (int)(i % 2));
      }
      expect_unknown(check_shared(releases[r], &shared), &shared, index, n);
    }
  }
}

/* A name out of order in a map: each name once, with its last value, at
 * the place of its last entry; a sequence checks every entry. Lists of up
 * to 64 entries and longer ones. */
static void lists_out_of_order(void **state) {
  (void)state;
  static const uint32_t extra[] = {4, 40, 80};
  for (size_t e = 0; e < sizeof extra / sizeof extra[0]; e++) {
    for (int era = 0; era < 2; era++) {
      uint16_t release = era ? 15 : 12;
      list shared;
      cwasm_defaults d;
      uint32_t index[MAXF], n = 0, first;
      defaults_of(release, &shared, &d);
      first = shared.n;
      for (uint32_t i = 0; i < extra[e]; i++) add_bool(&shared, made_up(i), 0);
      add_bool(&shared, made_up(0), 1); /* zz_000 again, last, with another value */
      for (uint32_t i = era ? 0 : 1; i <= extra[e]; i++) index[n++] = first + i;
      expect_unknown(check_shared(release, &shared), &shared, index, n);
    }
  }
}

/* rules_feature_mask finds a name given as the layout's own pointer, and
 * only at its full length. */
static void feature_mask_by_pointer(void **state) {
  (void)state;
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    const cwasm_release *rel = cwasm_release_get(r);
    const cwasm_layout *l = rel->layout;
    unsigned n = l->features == CWASM_FEATURES_BOOLS ? l->feature_bools_count : rel->feature_bits_count;
    for (unsigned i = 0; i < n; i++) {
      const char *z = l->features == CWASM_FEATURES_BOOLS ? l->feature_bools[i] : rel->feature_bits[i].name;
      char copy[64];
      size_t len = strlen(z);
      uint64_t mask = rules_feature_mask(rel, z, len);
      assert_true(len < sizeof copy);
      memcpy(copy, z, len + 1);
      assert_int_not_equal(mask, 0);
      assert_int_equal(rules_feature_mask(rel, copy, len), mask); /* by its bytes */
      if (len > 1) { /* a prefix is a name only if some row has it */
        uint64_t prefix = rules_feature_mask(rel, z, len - 1);
        memcpy(copy, z, len - 1);
        copy[len - 1] = '\0';
        assert_int_equal(prefix, rules_feature_mask(rel, copy, len - 1));
      }
      assert_int_equal(rules_feature_mask(rel, z, len + 1), 0); /* the NUL is not part of a name */
    }
  }
}

/* ------------------------------------------------------------ iterator */

static uint64_t rng_state = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void) { return xorshift64(&rng_state); }

/* Shapes to write: over-long postcard varints, lengths of 128 and more,
 * Num bytes of 0x80 and more (each has a byte of 0x80 or more).
 * The iterator does not check text again (decoding did), so a list whose
 * structure is corrupted has neither: whatever text its entries then
 * cover stays ASCII, and both readers agree on it. */
static bool g_high_bytes;

/* A length or variant in postcard's shortest form, or over-long (the
 * iterator's shortcut takes only the shortest one-byte form). */
static void put_varint(mb *m, uint64_t v, size_t *structural, size_t *ns) {
  if (*ns < 64) structural[(*ns)++] = m->n;
  if (g_high_bytes && rnd() % 4 == 0) { /* over-long: a continuation byte more */
    mb_byte(m, (uint8_t)(0x80 | (v & 0x7f)));
    mb_byte(m, (uint8_t)(v >> 7));
    return;
  }
  mb_varint(m, v);
}

static void put_len(mb *m, uint64_t v, size_t *structural, size_t *ns) {
  if (m->codec == CWASM_CODEC_POSTCARD) {
    put_varint(m, v, structural, ns);
  } else {
    if (*ns < 64) structural[(*ns)++] = m->n;
    mb_u64(m, v);
  }
}

/* ASCII text of up to 150 bytes (long ones need two-byte postcard lengths). */
static void put_text(mb *m, size_t *structural, size_t *ns) {
  char t[160];
  size_t n = (g_high_bytes && rnd() % 8 == 0) ? 120 + rnd() % 30 : rnd() % 12;
  for (size_t i = 0; i < n; i++) t[i] = (char)('a' + rnd() % 26);
  put_len(m, n, structural, ns);
  mb_raw(m, t, n);
}

/* One entry of any shape: text, then a variant (sometimes one past Bool),
 * then the value (an Enum's text, a Num byte, a Bool byte of 0..2). */
static void put_entry(mb *m, size_t *structural, size_t *ns) {
  uint32_t kind = (uint32_t)(rnd() % 7 == 0 ? 3 : rnd() % 3);
  put_text(m, structural, ns);
  if (m->codec == CWASM_CODEC_POSTCARD) {
    put_varint(m, kind, structural, ns);
  } else {
    if (*ns < 64) structural[(*ns)++] = m->n;
    mb_u32(m, kind);
  }
  if (kind == CWASM_FLAG_ENUM) {
    put_text(m, structural, ns);
  } else {
    if (*ns < 64) structural[(*ns)++] = m->n;
    mb_byte(m, (uint8_t)(kind == CWASM_FLAG_BOOL ? rnd() % 3 : rnd() % (g_high_bytes ? 256 : 128)));
  }
}

/* The entry at *pos through the general readers (read_flag's steps): the
 * reference the iterator's shortcut must agree with on valid text. */
static int reference_next(const cwasm_flag_list *l, size_t *pos, uint32_t *index, cwasm_flag *f) {
  cwasm_diag d;
  wire w;
  uint32_t kind = 0;
  uint8_t b = 0;
  if (*index >= l->count) return 0;
  w.s = span_from_bytes(l->raw, l->raw_offset);
  if (!span_skip(&w.s, *pos)) return 0;
  w.codec = (cwasm_codec)l->codec;
  w.diag = &d;
  memset(f, 0, sizeof *f);
  f->offset = w.s.off;
  if (wire_str_slow(&w, "name", &f->name) != CWASM_OK) return 0;
  if (wire_variant_slow(&w, "value", 3, &kind) != CWASM_OK) return 0;
  f->kind = (cwasm_flag_kind)kind;
  if (f->kind == CWASM_FLAG_ENUM) {
    if (wire_str_slow(&w, "payload", &f->enum_value) != CWASM_OK) return 0;
  } else if (f->kind == CWASM_FLAG_NUM) {
    if (wire_u8_slow(&w, "payload", &f->num) != CWASM_OK) return 0;
  } else {
    if (wire_01_slow(&w, "payload", CWASM_E_META_BOOL, &b) != CWASM_OK) return 0;
    f->boolean = b;
  }
  *pos = span_from_bytes(l->raw, l->raw_offset).n - w.s.n;
  (*index)++;
  return 1;
}

static void same_flag(const cwasm_flag *a, const cwasm_flag *b) {
  assert_ptr_equal(a->name.p, b->name.p);
  assert_int_equal(a->name.n, b->name.n);
  assert_int_equal(a->kind, b->kind);
  assert_int_equal(a->num, b->num);
  assert_int_equal(a->boolean, b->boolean);
  assert_ptr_equal(a->enum_value.p, b->enum_value.p);
  assert_int_equal(a->enum_value.n, b->enum_value.n);
  assert_int_equal(a->offset, b->offset);
}

/* Lists of random entries of every shape, of both codecs, whole or with one
 * structural byte (a length, a variant, a value) set to anything, and
 * counts, sizes and start positions that do not fit them: the iterator
 * yields exactly what the general readers read, stops where they stop, and
 * writes the same bytes into the flag (padding included) whichever way it
 * read. */
static void iterator_matches_general_readers(void **state) {
  (void)state;
  static uint8_t buf[4096];
  for (int iter = 0; iter < 20000; iter++) {
    const cwasm_codec codec = (iter & 1) ? CWASM_CODEC_POSTCARD : CWASM_CODEC_BINCODE;
    size_t structural[64], ns = 0;
    uint32_t entries = (uint32_t)(rnd() % 6);
    cwasm_flag_list l;
    cwasm_flag_iter it;
    mb m;
    const bool corrupt = rnd() % 2;
    mb_init(&m, buf, sizeof buf, codec);
    g_high_bytes = !corrupt;
    for (uint32_t i = 0; i < entries; i++) put_entry(&m, structural, &ns);
    assert_false(m.overflow);
    if (ns && corrupt) buf[structural[rnd() % ns]] = (uint8_t)rnd();
    memset(&l, 0, sizeof l);
    l.raw.p = m.n ? buf : NULL;
    l.raw.n = m.n - (rnd() % 4 == 0 && m.n ? rnd() % m.n : 0); /* sometimes cut short */
    l.raw_offset = 1000 + rnd() % 100;
    l.count = entries + (uint32_t)(rnd() % 3 == 0);
    l.codec = (uint8_t)codec;
    cwasm_flags_begin(&l, &it);
    if (corrupt && rnd() % 4 == 0) it.pos = rnd() % (l.raw.n + 3); /* anywhere: structure is lost too */
    size_t pos = it.pos;
    uint32_t index = 0;
    for (;;) {
      cwasm_flag got, want;
      memset(&got, 0xa5, sizeof got);
      int a = cwasm_flags_next(&it, &got), b = reference_next(&l, &pos, &index, &want);
      assert_int_equal(a, b);
      assert_int_equal(it.pos, pos);
      assert_int_equal(it.index, index);
      if (!a) break;
      same_flag(&got, &want);
      assert_memory_equal(&got, &want, sizeof got); /* and the padding, zeroed as memset does */
    }
  }
}

/* Forged lists of random bytes, codecs (also none of the two), counts and
 * positions: the iterator reads only the list's own bytes and ends. */
static void iterator_on_forged_lists(void **state) {
  (void)state;
  static uint8_t buf[64];
  for (int iter = 0; iter < 50000; iter++) {
    size_t n = (size_t)(rnd() % sizeof buf);
    cwasm_flag_list l;
    cwasm_flag_iter it;
    cwasm_flag f;
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)(rnd() % 4 ? rnd() % 8 : rnd());
    memset(&l, 0, sizeof l);
    l.raw.p = n ? buf + (sizeof buf - n) : NULL; /* flush with the end of buf */
    l.raw.n = n;
    l.count = (uint32_t)(rnd() % 40);
    l.codec = (uint8_t)(rnd() % 3);
    cwasm_flags_begin(&l, &it);
    it.pos = rnd() % 4 ? 0 : rnd() % (n + 2);
    while (cwasm_flags_next(&it, &f)) {
      assert_true(f.name.n == 0 || (f.name.p >= (const char *)l.raw.p && f.name.n <= n &&
                                    f.name.p - (const char *)l.raw.p <= (ptrdiff_t)(n - f.name.n)));
      assert_true(f.enum_value.n == 0 ||
                  (f.enum_value.p >= (const char *)l.raw.p && f.enum_value.n <= n &&
                   f.enum_value.p - (const char *)l.raw.p <= (ptrdiff_t)(n - f.enum_value.n)));
      assert_true(it.pos <= n);
      assert_true(++k <= l.count);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(increasing_lists),
      cmocka_unit_test(lists_out_of_order),
      cmocka_unit_test(feature_mask_by_pointer),
      cmocka_unit_test(iterator_matches_general_readers),
      cmocka_unit_test(iterator_on_forged_lists),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
