#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cwasm/cwasm.h"

static cwasm_status parse(const char *s, size_t n, cwasm_version *v, cwasm_diag *d) {
  cwasm_bytes b = {(const uint8_t *)s, n};
  return cwasm_version_parse(b, 1000, v, d);
}
#define P(s, v, d) parse(s, sizeof(s) - 1, v, d)

static void releases(void **state) {
  (void)state;
  cwasm_version v;
  cwasm_diag d;
  assert_int_equal(P("22.0.0", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_RELEASE);
  assert_int_equal(v.major, 22);
  assert_true(v.full_form && v.canonical);
  assert_int_equal(P("24.0.13", &v, &d), CWASM_OK);
  assert_int_equal(v.patch, 13);
  assert_int_equal(P("3.0.0", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_RELEASE);
  assert_int_equal(P("39", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_RELEASE);
  assert_int_equal(v.major, 39);
  assert_true(!v.full_form && v.canonical);
  assert_int_equal(P("49", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_RELEASE);
  /* release-shaped but not the default form of that release */
  assert_int_equal(P("39.0.0", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_RELEASE);
  assert_false(v.canonical);
  assert_int_equal(P("24", &v, &d), CWASM_OK);
  assert_false(v.canonical);
}

static void unknown_and_custom(void **state) {
  (void)state;
  cwasm_version v;
  cwasm_diag d;
  assert_int_equal(P("50", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_UNKNOWN_RELEASE);
  assert_int_equal(P("2.0.0", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_UNKNOWN_RELEASE);
  assert_int_equal(P("0.30.0", &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_UNKNOWN_RELEASE);
  const char *custom[] = {"my-app-1.2", "22.0", "22.0.0-dev", "022.0.0", "22..0", "22.0.0.1", ".22", "v22",
                          " 22", "99999999.0.0", "22.0.0 "};
  for (size_t i = 0; i < sizeof custom / sizeof custom[0]; i++) {
    assert_int_equal(parse(custom[i], strlen(custom[i]), &v, &d), CWASM_OK);
    assert_int_equal(v.kind, CWASM_VERSION_CUSTOM);
  }
  assert_int_equal(parse("", 0, &v, &d), CWASM_OK);
  assert_int_equal(v.kind, CWASM_VERSION_NONE);
}

static void invalid_utf8(void **state) {
  (void)state;
  cwasm_version v;
  cwasm_diag d;
  assert_int_equal(P("ab\xff", &v, &d), CWASM_E_VERSION_UTF8);
  assert_int_equal(d.offset, 1002);
  assert_string_equal(d.field, "version");
  assert_int_equal(v.utf8_valid, 0);
  assert_int_equal(v.kind, CWASM_VERSION_CUSTOM);
}

static void kind_names_and_arguments(void **state) {
  (void)state;
  cwasm_version v;
  cwasm_diag d;
  cwasm_bytes none = {NULL, 3};
  assert_string_equal(cwasm_version_kind_name(CWASM_VERSION_NONE), "none");
  assert_string_equal(cwasm_version_kind_name(CWASM_VERSION_RELEASE), "release");
  assert_string_equal(cwasm_version_kind_name(CWASM_VERSION_CUSTOM), "custom");
  assert_string_equal(cwasm_version_kind_name(CWASM_VERSION_UNKNOWN_RELEASE), "unknown-release");
  assert_string_equal(cwasm_version_kind_name((cwasm_version_kind)42), "unknown");
  assert_int_equal(P("48", NULL, &d), CWASM_E_ARGUMENT);
  assert_int_equal(d.offset, 1000);
  assert_string_equal(d.field, "version");
  assert_int_equal(cwasm_version_parse(none, 5, &v, &d), CWASM_E_ARGUMENT);
  assert_int_equal(d.offset, 5);
  assert_int_equal(cwasm_version_parse(none, 5, &v, NULL), CWASM_E_ARGUMENT);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(releases), cmocka_unit_test(unknown_and_custom),
                                     cmocka_unit_test(invalid_utf8), cmocka_unit_test(kind_names_and_arguments)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
