/* Metadata decoding under every layout, every error code of the stage, and
 * the spec's own byte examples (Appendix A, §7.6) as independent ground truth. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "metabuild.h"

static const uint8_t appendix_a[] = {
#include "data/v48_appendix_a.inc"
};

static const cwasm_layout *layout_of(unsigned major) { return cwasm_release_get(major)->layout; }

static cwasm_bytes B(const uint8_t *p, size_t n) {
  cwasm_bytes b = {p, n};
  return b;
}

static size_t build(uint8_t *buf, size_t cap, const cwasm_layout *l, unsigned seed, mb_values *vals,
                    uint64_t features) {
  mb m;
  mb_init(&m, buf, cap, l->codec);
  mb_values_for(l, seed, vals);
  mb_metadata(&m, l, "x86_64-unknown-linux-gnu", 5, 4, vals, features);
  assert_false(m.overflow);
  return m.n;
}

static uint64_t feature_bits_for(const cwasm_layout *l) {
  if (l->features == CWASM_FEATURES_BOOLS) return 0x5555555555555555ull & ((1ull << l->feature_bools_count) - 1);
  if (l->features == CWASM_FEATURES_U32) return 0x8765431u;
  return 0xC090BFDFFull;
}

/* Every layout decodes what the encoder wrote, field by field. */
static void every_layout_round_trips(void **state) {
  (void)state;
  static uint8_t buf[8192];
  assert_int_equal(cwasm_layout_count(), 30);
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    for (unsigned seed = 0; seed < 4; seed++) {
      mb_values vals;
      cwasm_metadata md;
      cwasm_diag d;
      uint64_t fb = feature_bits_for(l);
      size_t n = build(buf, sizeof buf, l, seed, &vals, fb);
      assert_int_equal(cwasm_metadata_decode(B(buf, n), 40, l, NULL, &md, &d), CWASM_OK);
      assert_int_equal(md.have, CWASM_HAVE_ALL);
      assert_int_equal(md.consumed, n);
      assert_int_equal(md.trailing_bytes, 0);
      assert_int_equal(md.target.n, 24);
      assert_memory_equal(md.target.p, "x86_64-unknown-linux-gnu", 24);
      assert_int_equal(md.shared_flags.count, 5);
      assert_int_equal(md.isa_flags.count, 4);
      assert_int_equal(md.shared_flags.is_map, l->flags_map);
      assert_true(md.features.bits == fb);
      for (unsigned k = 0; k < l->tunables_count; k++) {
        cwasm_tunable_id id = l->tunables[k];
        assert_true(md.tunables.f[id].present);
        assert_int_equal(md.tunables.f[id].is_none, vals.none[id]);
        assert_true(md.tunables.f[id].value == vals.v[id]);
        if (cwasm_tunable_info_of(id)->type == CWASM_TT_OPERATOR_COST && vals.v[id] == 0)
          assert_int_equal(md.tunables.f[id].table.n, l->operator_cost_len);
      }
      /* fields not in the layout are absent */
      unsigned present = 0;
      for (unsigned id = 0; id < CWASM_T__COUNT; id++) present += md.tunables.f[id].present;
      assert_int_equal(present, l->tunables_count);
    }
  }
}

static void flags_iterate_in_order(void **state) {
  (void)state;
  static uint8_t buf[4096];
  const cwasm_layout *l = layout_of(4); /* bincode map */
  for (int pass = 0; pass < 2; pass++) {
    mb_values vals;
    cwasm_metadata md;
    cwasm_flag f;
    cwasm_flag_iter it;
    if (pass) l = layout_of(40);
    size_t n = build(buf, sizeof buf, l, 1, &vals, 0);
    assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, l, NULL, &md, NULL), CWASM_OK);
    cwasm_flags_begin(&md.shared_flags, &it);
    assert_true(cwasm_flags_next(&it, &f));
    assert_int_equal(f.kind, CWASM_FLAG_ENUM);
    assert_int_equal(f.name.n, 9);
    assert_memory_equal(f.name.p, "opt_level", 9);
    assert_memory_equal(f.enum_value.p, "speed", 5);
    assert_true(cwasm_flags_next(&it, &f));
    assert_int_equal(f.kind, CWASM_FLAG_NUM);
    assert_int_equal(f.num, 1);
    assert_memory_equal(f.name.p, "shared_1", 8);
    assert_true(cwasm_flags_next(&it, &f));
    assert_int_equal(f.kind, CWASM_FLAG_BOOL);
    assert_true(cwasm_flags_next(&it, &f));
    assert_true(cwasm_flags_next(&it, &f));
    assert_int_equal(f.kind, CWASM_FLAG_BOOL);
    assert_int_equal(f.boolean, 1); /* shared_4: 4 % 4 == 0 */
    assert_false(cwasm_flags_next(&it, &f));
    cwasm_flags_begin(&md.isa_flags, &it);
    unsigned k = 0;
    while (cwasm_flags_next(&it, &f)) {
      assert_int_equal(f.boolean, k & 1u);
      k++;
    }
    assert_int_equal(k, 4);
  }
}

/* Every strict prefix fails with a truncation-class code inside the input, and
 * the partial result claims only fields that were complete. */
static void every_prefix_fails_cleanly(void **state) {
  (void)state;
  static uint8_t buf[8192];
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    mb_values vals;
    size_t n = build(buf, sizeof buf, l, 2, &vals, feature_bits_for(l));
    for (size_t cut = 0; cut < n; cut++) {
      cwasm_metadata md;
      cwasm_diag d;
      cwasm_status st = cwasm_metadata_decode(B(buf, cut), 500, l, NULL, &md, &d);
      assert_true(st == CWASM_E_META_TRUNCATED || st == CWASM_E_META_LENGTH);
      assert_int_equal(d.code, st);
      assert_true(d.offset >= 500 && d.offset <= 500 + cut);
      assert_true(md.have != CWASM_HAVE_ALL);
      if (md.have & CWASM_HAVE_TARGET) assert_int_equal(md.target.n, 24);
    }
  }
}

static void trailing_bytes_reported(void **state) {
  (void)state;
  static uint8_t buf[4096];
  const cwasm_layout *l = layout_of(42);
  mb_values vals;
  cwasm_metadata md;
  size_t n = build(buf, sizeof buf, l, 0, &vals, 5);
  buf[n] = 0xaa;
  buf[n + 1] = 0xbb;
  assert_int_equal(cwasm_metadata_decode(B(buf, n + 2), 0, l, NULL, &md, NULL), CWASM_OK);
  assert_int_equal(md.trailing_bytes, 2);
  assert_int_equal(md.consumed, n);
}

/* Patch one byte at the offset where a field of `id` sits and expect `code`. */
static void expect_field_error(const cwasm_layout *l, cwasm_tunable_id id, uint8_t byte, cwasm_status code) {
  static uint8_t buf[4096];
  mb_values vals;
  cwasm_metadata md;
  cwasm_diag d;
  size_t n = build(buf, sizeof buf, l, 0, &vals, 0);
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, l, NULL, &md, NULL), CWASM_OK);
  uint64_t at = md.tunables.f[id].offset;
  buf[at] = byte;
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, l, NULL, &md, &d), code);
  assert_int_equal(d.offset, at);
  assert_string_equal(d.field, cwasm_tunable_info_of(id)->name);
  assert_int_equal(md.have, CWASM_HAVE_TARGET | CWASM_HAVE_SHARED_FLAGS | CWASM_HAVE_ISA_FLAGS);
}

static void value_errors(void **state) {
  (void)state;
  expect_field_error(layout_of(24), CWASM_T_CONSUME_FUEL, 2, CWASM_E_META_BOOL);
  expect_field_error(layout_of(10), CWASM_T_CONSUME_FUEL, 0xff, CWASM_E_META_BOOL); /* bincode */
  expect_field_error(layout_of(36), CWASM_T_COLLECTOR, 2, CWASM_E_META_OPTION);
  expect_field_error(layout_of(40), CWASM_T_INLINING_INTRA_MODULE, 3, CWASM_E_META_ENUM);
  expect_field_error(layout_of(45), CWASM_T_INLINING_ENUM, 5, CWASM_E_META_ENUM);
  expect_field_error(layout_of(43), CWASM_T_OPERATOR_COST, 2, CWASM_E_META_ENUM);
}

static void collector_variants_by_release(void **state) {
  (void)state;
  static uint8_t buf[4096];
  for (int pass = 0; pass < 2; pass++) {
    const cwasm_layout *l = layout_of(pass ? 45 : 44);
    mb_values vals;
    cwasm_metadata md;
    cwasm_diag d;
    mb m;
    mb_values_for(l, 0, &vals);
    vals.none[CWASM_T_COLLECTOR] = 0;
    vals.v[CWASM_T_COLLECTOR] = 2; /* Copying exists from v45 */
    mb_init(&m, buf, sizeof buf, l->codec);
    mb_metadata(&m, l, "t", 0, 0, &vals, 0);
    cwasm_status st = cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d);
    assert_int_equal(st, pass ? CWASM_OK : CWASM_E_META_ENUM);
  }
}

static void nonzero_and_varint(void **state) {
  (void)state;
  static uint8_t buf[4096];
  const cwasm_layout *l = layout_of(46);
  mb_values vals;
  cwasm_metadata md;
  cwasm_diag d;
  mb m;
  mb_values_for(l, 0, &vals);
  vals.none[CWASM_T_GC_ZEAL_ALLOC_COUNTER] = 0;
  vals.v[CWASM_T_GC_ZEAL_ALLOC_COUNTER] = 0;
  mb_init(&m, buf, sizeof buf, l->codec);
  mb_metadata(&m, l, "t", 0, 0, &vals, 0);
  assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_E_META_NONZERO);
  assert_string_equal(d.field, "gc_zeal_alloc_counter");

  /* an over-long varint for a u32 tunable */
  const uint8_t over[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
  l = layout_of(40);
  mb_values_for(l, 0, &vals);
  mb_init(&m, buf, sizeof buf, l->codec);
  mb_str(&m, "t");
  mb_u64(&m, 0);
  mb_u64(&m, 0);
  for (unsigned k = 0; l->tunables[k] != CWASM_T_INLINING_SMALL_CALLEE_SIZE; k++) {
    cwasm_layout one = *l;
    one.tunables = &l->tunables[k];
    one.tunables_count = 1;
    mb_tunables(&m, &one, &vals);
  }
  size_t at = m.n;
  mb_raw(&m, over, sizeof over);
  assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_E_META_VARINT);
  assert_int_equal(d.offset, at);
}

static void flag_errors_and_limits(void **state) {
  (void)state;
  static uint8_t buf[512];
  const cwasm_layout *l = layout_of(30);
  cwasm_metadata md;
  cwasm_diag d;
  cwasm_options opt;
  mb m;
  /* a count far larger than the bytes left */
  mb_init(&m, buf, sizeof buf, l->codec);
  mb_str(&m, "t");
  mb_u64(&m, 1000000);
  mb_flag_bool(&m, "a", 1);
  assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_E_META_LENGTH);
  assert_string_equal(d.field, "shared_flags.count");
  assert_int_equal(d.offset, 2);
  assert_int_equal(md.have, CWASM_HAVE_TARGET);
  /* FlagValue variant 3 */
  mb_init(&m, buf, sizeof buf, l->codec);
  mb_str(&m, "t");
  mb_u64(&m, 1);
  mb_str(&m, "x");
  mb_variant(&m, 3);
  mb_byte(&m, 0);
  assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_E_META_ENUM);
  assert_string_equal(d.field, "shared_flags.value");
  /* invalid UTF-8 in an Enum payload of an ISA flag */
  mb_init(&m, buf, sizeof buf, l->codec);
  mb_str(&m, "t");
  mb_u64(&m, 0);
  mb_u64(&m, 1);
  mb_str(&m, "pointer_width");
  mb_variant(&m, 0);
  mb_u64(&m, 2);
  mb_byte(&m, 0xc3);
  mb_byte(&m, 0x00);
  assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_E_META_UTF8);
  assert_string_equal(d.field, "isa_flags.payload");
  assert_int_equal(md.have, CWASM_HAVE_TARGET | CWASM_HAVE_SHARED_FLAGS);
  /* the caller's flag limit */
  mb_init(&m, buf, sizeof buf, l->codec);
  mb_str(&m, "t");
  mb_u64(&m, 3);
  for (int i = 0; i < 3; i++) mb_flag_bool(&m, "f", 0);
  memset(&opt, 0, sizeof opt);
  opt.max_flags = 2;
  assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, &opt, &md, &d), CWASM_E_LIMIT_FLAGS);
  assert_int_equal(d.actual, 3);
  assert_int_equal(d.expected, 2);
}

/* Independent ground truth: the spec's complete v48 section (Appendix A). */
static void spec_appendix_a_v48(void **state) {
  (void)state;
  cwasm_engine e;
  cwasm_metadata md;
  cwasm_diag d;
  cwasm_flag f;
  cwasm_flag_iter it;
  assert_int_equal(cwasm_engine_split(B(appendix_a, sizeof appendix_a), 0x40, &e, &d), CWASM_OK);
  assert_int_equal(e.version.n, 2);
  assert_memory_equal(e.version.p, "48", 2);
  const cwasm_layout *l = layout_of(48);
  assert_int_equal(cwasm_metadata_decode(e.metadata, e.metadata_offset, l, NULL, &md, &d), CWASM_OK);
  assert_int_equal(md.trailing_bytes, 0);
  assert_int_equal(md.shared_flags.count, 27);
  assert_int_equal(md.isa_flags.count, 19);
  cwasm_flags_begin(&md.shared_flags, &it);
  assert_true(cwasm_flags_next(&it, &f));
  assert_memory_equal(f.name.p, "regalloc_algorithm", 18);
  assert_memory_equal(f.enum_value.p, "backtracking", 12);
  const cwasm_tunables *t = &md.tunables;
  assert_int_equal(t->f[CWASM_T_COLLECTOR].is_none, 0);
  assert_int_equal(t->f[CWASM_T_COLLECTOR].value, 2); /* Copying */
  assert_true(t->f[CWASM_T_MEMORY_RESERVATION].value == 4294967296ull);
  assert_true(t->f[CWASM_T_MEMORY_GUARD_SIZE].value == 33554432ull);
  assert_true(t->f[CWASM_T_MEMORY_RESERVATION_FOR_GROWTH].value == 2147483648ull);
  assert_int_equal(t->f[CWASM_T_DEBUG_SYMBOLS].value, 1);
  assert_int_equal(t->f[CWASM_T_OPERATOR_COST].value, 1); /* Default */
  assert_int_equal(t->f[CWASM_T_INLINING_ENUM].value, 4); /* No */
  assert_int_equal(t->f[CWASM_T_INLINING_SMALL_CALLEE_SIZE].value, 50);
  assert_int_equal(t->f[CWASM_T_INLINING_SUM_SIZE_THRESHOLD].value, 2000);
  assert_int_equal(t->f[CWASM_T_CONCURRENCY_SUPPORT].value, 1);
  assert_int_equal(t->f[CWASM_T_GC_ZEAL_ALLOC_COUNTER].is_none, 1);
  assert_true(t->f[CWASM_T_GC_HEAP_RESERVATION].value == 4294967296ull);
  assert_int_equal(t->f[CWASM_T_GC_HEAP_INITIAL_SIZE].value, 0);
  assert_int_equal(t->f[CWASM_T_METADATA_FOR_GC_HEAP_CORRUPTION].value, 1);
  assert_int_equal(t->f[CWASM_T_BRANCH_HINTING].value, 0);
  assert_true(md.features.bits == 51691388415ull);
  /* offsets from the appendix's own annotations: Tunables at 0x3da, features at 0x414 */
  assert_int_equal(t->f[CWASM_T_COLLECTOR].offset, 0x40 + 0x3da);
  assert_int_equal(md.features.offset, 0x40 + 0x414);
}

/* §7.6 Tunables bytes for v4.0.0 (bincode, T1) and v36.0.0 (postcard, T12). */
static void spec_tunables_bytes(void **state) {
  (void)state;
  static const uint8_t v4[] = {
      3, 0, 0, 0, 0, 0, 0, 0, '4', '.', '0', /* a short stand-in target */
      0, 0, 0, 0, 0, 0, 0, 0,                /* no shared flags */
      0, 0, 0, 0, 0, 0, 0, 0,                /* no isa flags */
      0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, /* tunables */
      0x01, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 /* F1 */};
  cwasm_metadata md;
  cwasm_diag d;
  assert_int_equal(cwasm_metadata_decode(B(v4, sizeof v4), 0, layout_of(4), NULL, &md, &d), CWASM_OK);
  assert_int_equal(md.trailing_bytes, 0);
  assert_true(md.tunables.f[CWASM_T_STATIC_MEMORY_BOUND].value == 65536);
  assert_true(md.tunables.f[CWASM_T_STATIC_MEMORY_OFFSET_GUARD_SIZE].value == 2147483648ull);
  assert_true(md.tunables.f[CWASM_T_DYNAMIC_MEMORY_OFFSET_GUARD_SIZE].value == 65536);
  assert_int_equal(md.tunables.f[CWASM_T_GUARD_BEFORE_LINEAR_MEMORY].value, 1);
  assert_int_equal(md.tunables.f[CWASM_T_GENERATE_ADDRESS_MAP].value, 1);
  assert_int_equal(md.tunables.f[CWASM_T_DEBUG_ADAPTER_MODULES].value, 0);
  assert_true(md.features.bits == 0x17); /* reference_types, multi_value, bulk_memory, simd */

  static const uint8_t v36[] = {
      1, 't', 0, 0, 0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10, 0x80, 0x80, 0x80, 0x10, 0x80, 0x80, 0x80,
      0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00,
      0x02, 0x32, 0xd0, 0x0f, 0xff, 0xbb, 0x87, 0x88, 0x60};
  assert_int_equal(cwasm_metadata_decode(B(v36, sizeof v36), 0, layout_of(36), NULL, &md, &d), CWASM_OK);
  assert_int_equal(md.trailing_bytes, 0);
  assert_int_equal(md.tunables.f[CWASM_T_COLLECTOR].value, 0);
  assert_true(md.tunables.f[CWASM_T_MEMORY_GUARD_SIZE].value == 33554432);
  assert_int_equal(md.tunables.f[CWASM_T_MEMORY_MAY_MOVE].value, 1);
  assert_int_equal(md.tunables.f[CWASM_T_INLINING_INTRA_MODULE].value, 2);
  assert_true(md.features.bits == 25786703359ull);
}

static void bad_arguments(void **state) {
  (void)state;
  cwasm_metadata md;
  cwasm_diag d;
  assert_int_equal(cwasm_metadata_decode(B(NULL, 5), 0, layout_of(30), NULL, &md, &d), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_metadata_decode(B((const uint8_t *)"x", 1), 0, NULL, NULL, &md, &d), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_metadata_decode(B((const uint8_t *)"x", 1), 0, layout_of(30), NULL, NULL, &d),
                   CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "metadata");
}

/* A caller-made layout is checked where the walker depends on it: an
 * unknown tunable id or feature encoding is an argument error, not a guess. */
static void forged_layouts(void **state) {
  (void)state;
  static uint8_t buf[4096];
  mb_values vals;
  cwasm_metadata md;
  cwasm_diag d;
  const cwasm_layout *real = layout_of(48);
  size_t n = build(buf, sizeof buf, real, 3, &vals, feature_bits_for(real));
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, real, NULL, &md, &d), CWASM_OK);
  uint64_t features_at = md.features.offset;
  uint64_t second_tunable_at = md.tunables.f[real->tunables[1]].offset;

  cwasm_layout l = *real;
  l.features = (cwasm_feature_encoding)9;
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, &l, NULL, &md, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "features");
  assert_int_equal(d.offset, features_at);
  assert_true(md.have & CWASM_HAVE_TUNABLES);
  assert_false(md.have & CWASM_HAVE_FEATURES);

  cwasm_tunable_id ids[64];
  assert_true(real->tunables_count <= 64);
  memcpy(ids, real->tunables, real->tunables_count * sizeof ids[0]);
  ids[1] = (cwasm_tunable_id)CWASM_T__COUNT; /* no such tunable */
  l = *real;
  l.tunables = ids;
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, &l, NULL, &md, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "tunables");
  assert_int_equal(d.offset, second_tunable_at);
  assert_false(md.have & CWASM_HAVE_TUNABLES);

  /* a struct-of-bools layout with more bools than a u64 has bits */
  const cwasm_layout *bools = layout_of(20);
  static const char *many[65];
  assert_int_equal(bools->features, CWASM_FEATURES_BOOLS);
  n = build(buf, sizeof buf, bools, 3, &vals, feature_bits_for(bools));
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, bools, NULL, &md, &d), CWASM_OK);
  features_at = md.features.offset;
  for (size_t i = 0; i < 65; i++) many[i] = bools->feature_bools[i % bools->feature_bools_count];
  l = *bools;
  l.feature_bools = many;
  l.feature_bools_count = 65;
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, &l, NULL, &md, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "features");
  assert_int_equal(d.offset, features_at);
  assert_false(md.have & CWASM_HAVE_FEATURES);
}

/* The iterator reads only what decoding validated, and ends (never reads
 * elsewhere) when given a list or a position it did not produce. */
static void flag_iterator_edges(void **state) {
  (void)state;
  static uint8_t buf[4096];
  mb_values vals;
  cwasm_metadata md;
  cwasm_flag f;
  cwasm_flag_iter it;
  const cwasm_layout *l = layout_of(40);
  size_t n = build(buf, sizeof buf, l, 1, &vals, 0);
  assert_int_equal(cwasm_metadata_decode(B(buf, n), 0, l, NULL, &md, NULL), CWASM_OK);
  assert_int_equal(cwasm_flags_next(NULL, &f), 0);
  cwasm_flags_begin(NULL, &it);
  assert_int_equal(cwasm_flags_next(&it, &f), 0);
  /* a position past the entries */
  cwasm_flags_begin(&md.shared_flags, &it);
  it.pos = md.shared_flags.raw.n + 1;
  assert_int_equal(cwasm_flags_next(&it, &f), 0);
  assert_int_equal(it.index, 0);
  /* a list claiming more entries than its bytes hold */
  cwasm_flag_list more = md.shared_flags;
  more.count++;
  unsigned k = 0;
  cwasm_flags_begin(&more, &it);
  while (cwasm_flags_next(&it, &f)) k++;
  assert_int_equal(k, md.shared_flags.count);
  assert_int_equal(it.pos, md.shared_flags.raw.n);
  /* bytes that are not an entry */
  cwasm_flag_list junk = md.shared_flags;
  const uint8_t bad[] = {1, 'x', 7}; /* name "x", variant 7 */
  junk.raw.p = bad;
  junk.raw.n = sizeof bad;
  cwasm_flags_begin(&junk, &it);
  assert_int_equal(cwasm_flags_next(&it, &f), 0);
  assert_int_equal(it.index, 0);
}

/* The decoder reads Tunables through one array indexed by id. */
static void tunable_info_is_one_array(void **state) {
  (void)state;
  const cwasm_tunable_info *first = cwasm_tunable_info_of((cwasm_tunable_id)0);
  for (unsigned id = 0; id < CWASM_T__COUNT; id++) {
    assert_ptr_equal(cwasm_tunable_info_of((cwasm_tunable_id)id), first + id);
    assert_int_equal(first[id].id, id);
  }
}

typedef struct want_flag {
  const char *name;
  cwasm_flag_kind kind;
  uint8_t v;
  const char *enum_value;
} want_flag;

/* Iterate a list and compare it with the expected entries and offsets. */
static void expect_flags(const cwasm_flag_list *l, const want_flag *want, const size_t *at, size_t n) {
  cwasm_flag_iter it;
  cwasm_flag f;
  size_t k = 0;
  cwasm_flags_begin(l, &it);
  while (cwasm_flags_next(&it, &f)) {
    assert_true(k < n);
    assert_int_equal(f.name.n, strlen(want[k].name));
    assert_memory_equal(f.name.p, want[k].name, f.name.n);
    assert_int_equal(f.kind, want[k].kind);
    assert_int_equal(f.offset, at[k]);
    if (f.kind == CWASM_FLAG_ENUM) {
      assert_int_equal(f.enum_value.n, strlen(want[k].enum_value));
      assert_memory_equal(f.enum_value.p, want[k].enum_value, f.enum_value.n);
    } else {
      assert_int_equal(f.enum_value.n, 0);
    }
    assert_int_equal(f.num, f.kind == CWASM_FLAG_NUM ? want[k].v : 0);
    assert_int_equal(f.boolean, f.kind == CWASM_FLAG_BOOL ? want[k].v : 0);
    k++;
  }
  assert_int_equal(k, n);
  assert_int_equal(it.pos, l->raw.n);
}

/* Entries in shapes the decoder's shortcuts leave to its general readers
 * (over-long varints, long and non-ASCII text, bytes >= 0x80 outside text)
 * decode and iterate like any other, and an error among them is found where
 * it is. Both codecs. */
static void unusual_flag_shapes(void **state) {
  (void)state;
  static uint8_t buf[4096];
  char long_name[131];
  memset(long_name, 'n', 130);
  long_name[130] = '\0';
  const want_flag want[] = {
      {"abc", CWASM_FLAG_BOOL, 1, NULL},
      {long_name, CWASM_FLAG_NUM, 7, NULL},
      {"caf\xc3\xa9", CWASM_FLAG_ENUM, 0, "\xc3\xa9t\xc3\xa9"},
      {"big", CWASM_FLAG_NUM, 200, NULL},
      {"e", CWASM_FLAG_ENUM, 0, "ok"},
      {"plain", CWASM_FLAG_BOOL, 1, NULL},
  };
  for (int pass = 0; pass < 2; pass++) {
    const cwasm_layout *l = layout_of(pass ? 10 : 40);
    const bool postcard = l->codec == CWASM_CODEC_POSTCARD;
    mb_values vals;
    cwasm_metadata md;
    cwasm_diag d;
    size_t at[6];
    mb m;
    mb_values_for(l, 0, &vals);
    mb_init(&m, buf, sizeof buf, l->codec);
    mb_str(&m, "t");
    mb_u64(&m, 6);
    /* over-long name length and variant (postcard), else plain */
    const uint8_t e1[] = {0x83, 0x00, 'a', 'b', 'c', 0x82, 0x00, 0x01};
    at[0] = m.n;
    if (postcard) mb_raw(&m, e1, sizeof e1);
    else mb_flag_bool(&m, "abc", 1);
    at[1] = m.n;
    mb_flag_num(&m, long_name, 7);
    at[2] = m.n;
    mb_flag_enum(&m, want[2].name, want[2].enum_value);
    at[3] = m.n;
    mb_flag_num(&m, "big", 200);
    /* over-long Enum value length (postcard) */
    const uint8_t e5[] = {1, 'e', 0, 0x82, 0x00, 'o', 'k'};
    at[4] = m.n;
    if (postcard) mb_raw(&m, e5, sizeof e5);
    else mb_flag_enum(&m, "e", "ok");
    at[5] = m.n;
    mb_flag_bool(&m, "plain", 1);
    size_t isa_at = m.n;
    /* the same entries again as ISA flags, in place of the count */
    mb_u64(&m, 6);
    size_t isa_entries = m.n;
    mb_raw(&m, buf + at[0], isa_at - at[0]);
    mb_tunables(&m, l, &vals);
    mb_features(&m, l, 0);
    assert_false(m.overflow);
    assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_OK);
    assert_int_equal(md.trailing_bytes, 0);
    assert_int_equal(md.shared_flags.count, 6);
    assert_int_equal(md.shared_flags.raw_offset, at[0]);
    expect_flags(&md.shared_flags, want, at, 6);
    size_t isa[6];
    for (int k = 0; k < 6; k++) isa[k] = at[k] - at[0] + isa_entries;
    expect_flags(&md.isa_flags, want, isa, 6);

    /* an invalid name after the Num 200: found where it is */
    buf[at[5] + (postcard ? 1 : 8)] = 0xff; /* 'p' of "plain" */
    assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_E_META_UTF8);
    assert_string_equal(d.field, "shared_flags.name");
    assert_int_equal(d.offset, at[5] + (postcard ? 1 : 8));
    assert_int_equal(md.have, CWASM_HAVE_TARGET);
    buf[at[5] + (postcard ? 1 : 8)] = 'p';
    /* a bad variant after the long name */
    size_t v_at = at[2] - (postcard ? 2 : 5); /* Num's variant: 1 byte (postcard) or u32, then the u8 */
    buf[v_at] = 3;
    assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_E_META_ENUM);
    assert_string_equal(d.field, "shared_flags.value");
    assert_int_equal(d.offset, v_at);
  }
}

/* Tunables too long for the one-word reader go through the general one. */
static void long_tunable_values(void **state) {
  (void)state;
  static uint8_t buf[4096];
  const cwasm_layout *l = layout_of(40);
  mb_values vals;
  cwasm_metadata md;
  cwasm_diag d;
  mb m;
  mb_values_for(l, 0, &vals);
  vals.v[CWASM_T_MEMORY_RESERVATION] = UINT64_MAX;               /* 10 bytes */
  vals.v[CWASM_T_MEMORY_GUARD_SIZE] = UINT64_C(1) << 62;        /* 9 bytes */
  vals.v[CWASM_T_INLINING_SUM_SIZE_THRESHOLD] = UINT32_MAX;      /* 5 bytes: the u32's last */
  vals.v[CWASM_T_INLINING_SMALL_CALLEE_SIZE] = UINT32_C(1) << 27; /* 4 bytes */
  mb_init(&m, buf, sizeof buf, l->codec);
  mb_metadata(&m, l, "t", 2, 2, &vals, 0x123456789ull);
  assert_int_equal(cwasm_metadata_decode(B(buf, m.n), 0, l, NULL, &md, &d), CWASM_OK);
  assert_int_equal(md.trailing_bytes, 0);
  for (unsigned k = 0; k < l->tunables_count; k++)
    assert_true(md.tunables.f[l->tunables[k]].value == vals.v[l->tunables[k]]);
  assert_true(md.features.bits == 0x123456789ull);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_layout_round_trips), cmocka_unit_test(flags_iterate_in_order),
      cmocka_unit_test(every_prefix_fails_cleanly), cmocka_unit_test(trailing_bytes_reported),
      cmocka_unit_test(value_errors), cmocka_unit_test(collector_variants_by_release),
      cmocka_unit_test(nonzero_and_varint), cmocka_unit_test(flag_errors_and_limits),
      cmocka_unit_test(spec_appendix_a_v48), cmocka_unit_test(spec_tunables_bytes),
      cmocka_unit_test(bad_arguments), cmocka_unit_test(forged_layouts), cmocka_unit_test(flag_iterator_edges),
      cmocka_unit_test(tunable_info_is_one_array), cmocka_unit_test(unusual_flag_shapes),
      cmocka_unit_test(long_tunable_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
