/* Per-release rule tables (rules.c): the era lookups at and beyond their
 * edges, and the display tables' bounds. The checker's use of them is tested
 * end to end in test_policy.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cwasm/cwasm.h"
#include "policy_impl.h"

static cwasm_str cstr(const char *z) {
  cwasm_str s = {z, strlen(z)};
  return s;
}

static void isa_eras(void **state) {
  (void)state;
  const isa_era *e3 = rules_isa_era(3), *e21 = rules_isa_era(21), *e37 = rules_isa_era(37);
  assert_int_equal(e3->global_table, 0);
  assert_int_equal(rules_isa_era(20), e3);
  assert_int_equal(e21->global_table, 1);
  assert_int_equal(e21->pointer_enums, 0);
  assert_int_equal(rules_isa_era(28)->pointer_enums, 1);
  assert_int_equal(e37->unknown_names_feature, 1);
  assert_ptr_equal(rules_isa_era(CWASM_LAST_RELEASE), e37);
  /* outside the table: the newest era */
  assert_ptr_equal(rules_isa_era(0), e37);
  assert_ptr_equal(rules_isa_era(2), e37);
  assert_ptr_equal(rules_isa_era(UINT16_MAX), e37);
}

static void feature_modes(void **state) {
  (void)state;
  assert_int_equal(rules_feature_mode(3), FM_BOOLS);
  assert_int_equal(rules_feature_mode(32), FM_BOOLS);
  assert_int_equal(rules_feature_mode(33), FM_EXACT_BITS);
  assert_int_equal(rules_feature_mode(36), FM_EXACT_BITS);
  assert_int_equal(rules_feature_mode(37), FM_SUBSET);
  assert_int_equal(rules_feature_mode(0), FM_SUBSET);
  assert_int_equal(rules_feature_mode(UINT16_MAX), FM_SUBSET);
  assert_null(rules_feature_bits_gated(32));
  assert_string_equal(rules_feature_bits_gated(33), "gc_types");
  assert_null(rules_feature_bits_gated(37));
  assert_null(rules_feature_bits_gated(0));
  assert_null(rules_feature_bits_gated(UINT16_MAX));
}

static void version_prefixes(void **state) {
  (void)state;
  assert_string_equal(rules_version_prefix_default(3), "Module was compiled with incompatible Wasmtime version '");
  assert_string_equal(rules_version_prefix_default(41), "Module was compiled with incompatible Wasmtime version '");
  assert_string_equal(rules_version_prefix_default(42), "Module was compiled with incompatible version '");
  assert_string_equal(rules_version_prefix_default(0), RULES_VERSION_PREFIX_CUSTOM);
  assert_string_equal(rules_version_prefix_default(UINT16_MAX), RULES_VERSION_PREFIX_CUSTOM);
}

static void display_tables(void **state) {
  (void)state;
  assert_string_equal(rules_collector_display(0), "deferred reference-counting");
  assert_non_null(rules_collector_display(2));
  assert_null(rules_collector_display(3));
  assert_null(rules_collector_display(UINT64_MAX));
  assert_string_equal(rules_intra_module_inlining_phrase(0), "with intra-module inlining");
  assert_string_equal(rules_intra_module_inlining_phrase(2), "with intra-module inlining only when using GC");
  assert_null(rules_intra_module_inlining_phrase(3));
  assert_string_equal(rules_inlining_phrase(4), "without intra-module inlining");
  assert_null(rules_inlining_phrase(5));
  assert_null(rules_inlining_phrase(UINT64_MAX));
}

/* The checker relies on these: every Tunables rule of a release names a field
 * of that release's layout, and every struct-of-bools feature rule a field
 * of its feature struct. */
static void rules_match_layouts(void **state) {
  (void)state;
  size_t nt, nf;
  const tunable_rule *tr = rules_tunables(&nt);
  const feature_rule *fr = rules_feature_bools(&nf);
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    const cwasm_release *rel = cwasm_release_get(r);
    const cwasm_layout *l = rel->layout;
    for (size_t i = 0; i < nt; i++) {
      if (!in_range(r, tr[i].first, tr[i].last)) continue;
      bool found = false;
      for (unsigned k = 0; k < l->tunables_count; k++) found = found || l->tunables[k] == tr[i].id;
      if (!found) fail_msg("v%u: tunable rule %u not in layout %s", r, (unsigned)tr[i].id, l->name);
    }
    /* the exact-bits era names the flag behind the gc Cargo gate */
    if (rules_feature_mode(r) == FM_EXACT_BITS) assert_non_null(rules_feature_bits_gated(r));
    for (size_t i = 0; i < nf; i++) {
      if (!in_range(r, fr[i].first, fr[i].last)) continue;
      assert_int_equal(rules_feature_mode(r), FM_BOOLS);
      if (!rules_feature_mask(rel, fr[i].field, strlen(fr[i].field)))
        fail_msg("v%u: feature rule %s not in layout %s", r, fr[i].field, l->name);
    }
  }
}

/* Name tables: sorted by name length, then name (the lookups rely on it),
 * and every lookup agrees with a plain search of the rows in table order,
 * for names of the tables, near misses, and names no row has. */
static const shared_rule *shared_plain(const shared_rule *rows, size_t n, const char *name, size_t len,
                                       uint16_t release) {
  for (size_t i = 0; i < n; i++)
    if (rows[i].name_len == len && memcmp(rows[i].name, name, len) == 0 &&
        in_range(release, rows[i].first, rows[i].last))
      return &rows[i];
  return NULL;
}

static const isa_rule *isa_plain(const isa_rule *rows, size_t n, const char *name, size_t len, uint16_t release,
                                 cwasm_arch arch) {
  for (size_t i = 0; i < n; i++)
    if (rows[i].name_len == len && memcmp(rows[i].name, name, len) == 0 &&
        in_range(release, rows[i].first, rows[i].last) &&
        (rows[i].arch == CWASM_ARCH_UNKNOWN || rows[i].arch == arch))
      return &rows[i];
  return NULL;
}

static int row_order(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn) return an < bn ? -1 : 1;
  return memcmp(a, b, an);
}

static void lookups_agree(const shared_rule *sr, size_t ns, const isa_rule *ir, size_t ni, const char *name,
                          size_t len) {
  cwasm_str s = {name, len};
  for (unsigned r = 0; r <= CWASM_LAST_RELEASE + 2; r++) {
    assert_ptr_equal(rules_shared(s, (uint16_t)r), shared_plain(sr, ns, name, len, (uint16_t)r));
    for (int a = CWASM_ARCH_UNKNOWN; a <= CWASM_ARCH_RISCV64; a++)
      assert_ptr_equal(rules_isa(s, (uint16_t)r, (cwasm_arch)a),
                       isa_plain(ir, ni, name, len, (uint16_t)r, (cwasm_arch)a));
  }
}

static void name_tables(void **state) {
  (void)state;
  size_t ns, ni;
  const shared_rule *sr = rules_shared_rows(&ns);
  const isa_rule *ir = rules_isa_rows(&ni);
  char b[96];
  for (size_t i = 0; i < ns; i++) {
    assert_int_equal(sr[i].name_len, strlen(sr[i].name));
    if (i) assert_true(row_order(sr[i - 1].name, sr[i - 1].name_len, sr[i].name, sr[i].name_len) <= 0);
  }
  for (size_t i = 0; i < ni; i++) {
    assert_int_equal(ir[i].name_len, strlen(ir[i].name));
    if (i) assert_true(row_order(ir[i - 1].name, ir[i - 1].name_len, ir[i].name, ir[i].name_len) <= 0);
  }
  for (size_t i = 0; i < ns + ni; i++) {
    const char *z = i < ns ? sr[i].name : ir[i - ns].name;
    size_t n = strlen(z);
    assert_true(n + 1 < sizeof b);
    lookups_agree(sr, ns, ir, ni, z, n);
    lookups_agree(sr, ns, ir, ni, z, n - 1); /* a prefix */
    lookups_agree(sr, ns, ir, ni, z + 1, n - 1);
    memcpy(b, z, n);
    b[n] = 'x';
    lookups_agree(sr, ns, ir, ni, b, n + 1);
    for (size_t k = 0; k < n; k++) { /* one byte off, at every position */
      b[k] ^= 0x20;
      lookups_agree(sr, ns, ir, ni, b, n);
      b[k] = z[k];
    }
  }
  lookups_agree(sr, ns, ir, ni, "", 0);
  lookups_agree(sr, ns, ir, ni, "x", 1);
  lookups_agree(sr, ns, ir, ni, "abcd", 4);
  memset(b, 'e', sizeof b);
  for (size_t n = 40; n <= sizeof b; n++) lookups_agree(sr, ns, ir, ni, b, n); /* longer than any row */
  /* a row found through its own table */
  const shared_rule *ps = rules_shared(cstr("enable_probestack"), 27);
  assert_non_null(ps);
  assert_int_equal(ps->kind, SR_REQUIRE);
  assert_int_equal(ps->value.boolean, 1);
  const isa_rule *pi = rules_isa(cstr("has_mie2"), 20, CWASM_ARCH_S390X);
  assert_non_null(pi);
  assert_int_equal(pi->arch, CWASM_ARCH_S390X);
  assert_null(rules_isa(cstr("has_mie2"), 20, CWASM_ARCH_X86_64));
}

/* Feature names by length: an empty name, prefixes and extensions of real
 * ones match nothing. */
static void feature_mask_names(void **state) {
  (void)state;
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    const cwasm_release *rel = cwasm_release_get(r);
    assert_int_equal(rules_feature_mask(rel, "", 0), 0);
    assert_int_equal(rules_feature_mask(rel, "gc_types_", 9), 0);
    assert_int_equal(rules_feature_mask(rel, "simd", 3), 0);
  }
  const cwasm_release *v48 = cwasm_release_get(48), *v10 = cwasm_release_get(10);
  assert_int_not_equal(rules_feature_mask(v48, "simd", 4), 0);
  assert_int_not_equal(rules_feature_mask(v10, "simd", 4), 0);
  assert_int_equal(rules_feature_mask(v10, "simdx", 4), rules_feature_mask(v10, "simd", 4));
}

/* The one-pass masks are rules_feature_mask's, row by row (0 out of range). */
static void masks_agree(const cwasm_release *rel, uint16_t r) {
  size_t nf;
  const feature_rule *fr = rules_feature_bools(&nf);
  uint64_t masks[FEATURE_RULES_MAX];
  assert_true(nf <= FEATURE_RULES_MAX);
  rules_feature_bool_masks(rel, r, masks);
  for (size_t i = 0; i < nf; i++) {
    uint64_t want = 0;
    if (in_range(r, fr[i].first, fr[i].last)) want = rules_feature_mask(rel, fr[i].field, strlen(fr[i].field));
    if (masks[i] != want) fail_msg("v%u row %zu (%s): %#llx, not %#llx", r, i, fr[i].field,
                                   (unsigned long long)masks[i], (unsigned long long)want);
  }
}

/* For every release; for a layout whose names are copies (no pointer is the
 * rows': the bytes decide); and for one of 255 names, each name many times
 * (the table is crowded, and the first of equal names wins). */
static void feature_bool_masks(void **state) {
  (void)state;
  static char copies[64][48];
  static const char *names[255];
  for (uint16_t r = 0; r <= CWASM_LAST_RELEASE + 1; r++) {
    const cwasm_release *rel = cwasm_release_get(r);
    if (rel) masks_agree(rel, r);
  }
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    cwasm_release rel = *cwasm_release_get(r);
    cwasm_layout l = *rel.layout;
    unsigned count = l.feature_bools_count;
    if (l.features != CWASM_FEATURES_BOOLS) continue;
    assert_true(count > 0 && count <= 64);
    rel.layout = &l;
    for (unsigned i = 0; i < count; i++) {
      assert_true(strlen(rel.layout->feature_bools[i]) < sizeof copies[i]);
      strcpy(copies[i], cwasm_release_get(r)->layout->feature_bools[i]);
      names[i] = copies[i];
    }
    l.feature_bools = names;
    masks_agree(&rel, r);
    for (unsigned i = 0; i < 255; i++) names[i] = cwasm_release_get(r)->layout->feature_bools[count - 1u - i % count];
    l.feature_bools_count = 255;
    masks_agree(&rel, r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(isa_eras),
      cmocka_unit_test(feature_modes),
      cmocka_unit_test(version_prefixes),
      cmocka_unit_test(display_tables),
      cmocka_unit_test(rules_match_layouts),
      cmocka_unit_test(name_tables),
      cmocka_unit_test(feature_mask_names),
      cmocka_unit_test(feature_bool_masks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
