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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(isa_eras),
      cmocka_unit_test(feature_modes),
      cmocka_unit_test(version_prefixes),
      cmocka_unit_test(display_tables),
      cmocka_unit_test(rules_match_layouts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
