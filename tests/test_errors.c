/* The status table and diagnostics: lookups by code and by name, unknown
 * codes, rendering (truncation included), warnings overflow and the
 * strict/lenient rule helper. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cwasm/cwasm.h"
#include "internal.h"
#include "xorshift.h"

static void unknown_codes(void **state) {
  (void)state;
  const cwasm_status bogus = (cwasm_status)9999;
  assert_string_equal(cwasm_status_name(bogus), "UNKNOWN");
  assert_string_equal(cwasm_status_message(bogus), "unknown status code");
  assert_int_equal(cwasm_status_class_of(bogus), CWASM_CLASS_UNKNOWN);
  assert_string_equal(cwasm_status_name(CWASM_E_ELF_MAGIC), "E_ELF_MAGIC");
  assert_int_equal(cwasm_status_class_of(CWASM_W_TRAILING_BYTES), CWASM_CLASS_WARNING);
  assert_int_equal(cwasm_status_at(cwasm_status_count()), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_status_at(0), CWASM_OK);
}

static void names_round_trip(void **state) {
  (void)state;
  cwasm_status s = CWASM_E_ARGUMENT;
  for (size_t i = 0; i < cwasm_status_count(); i++) {
    cwasm_status code = cwasm_status_at(i);
    s = CWASM_OK;
    assert_int_equal(cwasm_status_from_name(cwasm_status_name(code), &s), 0);
    assert_int_equal(s, code);
  }
  s = CWASM_E_ARGUMENT;
  assert_int_equal(cwasm_status_from_name("E_NO_SUCH_CODE", &s), -1);
  assert_int_equal(cwasm_status_from_name("e_elf_magic", &s), -1); /* names are exact */
  assert_int_equal(cwasm_status_from_name("", &s), -1);
  assert_int_equal(s, CWASM_E_ARGUMENT); /* untouched on failure */
  assert_int_equal(cwasm_status_from_name(NULL, &s), -1);
  assert_int_equal(cwasm_status_from_name("OK", NULL), -1);
}

static void kind_names(void **state) {
  (void)state;
  assert_string_equal(cwasm_kind_name(CWASM_KIND_MODULE), "module");
  assert_string_equal(cwasm_kind_name(CWASM_KIND_COMPONENT), "component");
  assert_string_equal(cwasm_kind_name(CWASM_KIND_LEGACY), "legacy");
  assert_string_equal(cwasm_kind_name(CWASM_KIND_NONE), "none");
  assert_string_equal(cwasm_kind_name((cwasm_kind)77), "none");
  assert_string_equal(cwasm_library_version(), CWASM_VERSION_STRING);
}

static void format_variants(void **state) {
  (void)state;
  cwasm_diag d;
  char buf[256];
  assert_int_equal(cwasm_diag_format(NULL, buf, sizeof buf), 0);
  /* no field, no values, no section */
  diag_clear(&d);
  (void)diag_set(&d, CWASM_E_INPUT_EMPTY, 0, CWASM_NO_SECTION, NULL);
  assert_string_equal(d.field, "");
  size_t n = cwasm_diag_format(&d, buf, sizeof buf);
  assert_string_equal(buf, "E_INPUT_EMPTY: input is empty at offset 0 (0x0)");
  assert_int_equal(n, strlen(buf));
  /* a field that is NULL in a caller-made diag is left out too */
  d.field = NULL;
  assert_int_equal(cwasm_diag_format(&d, buf, sizeof buf), n);
  assert_string_equal(buf, "E_INPUT_EMPTY: input is empty at offset 0 (0x0)");
  /* every part */
  (void)diag_set_v(&d, CWASM_E_ELF_SHENTSIZE, 46, 3, "e_shentsize", 63, CWASM_DIAG_EXPECTED, 64);
  n = cwasm_diag_format(&d, buf, sizeof buf);
  assert_non_null(strstr(buf, "E_ELF_SHENTSIZE: "));
  assert_non_null(strstr(buf, ": e_shentsize = 63 (0x3f), expected 64 (0x40) at offset 46 (0x2e) in section 3"));
  /* size 0 writes nothing and still says how much it wanted */
  buf[0] = 'x';
  assert_int_equal(cwasm_diag_format(&d, buf, 0), n);
  assert_int_equal(buf[0], 'x');
  /* a short buffer is cut and NUL-terminated */
  char small[8];
  assert_int_equal(cwasm_diag_format(&d, small, sizeof small), n);
  assert_string_equal(small, "E_ELF_S");
}

static void long_field_is_cut(void **state) {
  (void)state;
  /* more than the 512-byte work buffer: the text is cut, never overrun */
  static char field[700];
  memset(field, 'f', sizeof field - 1);
  field[sizeof field - 1] = '\0';
  cwasm_diag d;
  char buf[1024];
  (void)diag_set_v(&d, CWASM_E_ARGUMENT, 1, 2, field, 3, CWASM_DIAG_LIMIT, 4);
  size_t n = cwasm_diag_format(&d, buf, sizeof buf);
  assert_int_equal(n, 511);
  assert_int_equal(strlen(buf), 511);
  assert_int_equal(buf[510], 'f');
}

static void diag_helpers(void **state) {
  (void)state;
  cwasm_diag scratch, own;
  assert_ptr_equal(diag_or_scratch(NULL, &scratch), &scratch);
  assert_ptr_equal(diag_or_scratch(&own, &scratch), &own);
  /* with no diag the code is still returned */
  assert_int_equal(diag_set(NULL, CWASM_E_ELF_MAGIC, 0, 0, "x"), CWASM_E_ELF_MAGIC);
  assert_int_equal(diag_set_v(NULL, CWASM_E_ELF_CLASS, 0, 0, "x", 1, 0, 0), CWASM_E_ELF_CLASS);
  diag_clear(NULL);
  (void)diag_set_v(&own, CWASM_E_ELF_CLASS, 4, 5, NULL, 9, CWASM_DIAG_LIMIT, 2);
  assert_string_equal(own.field, "");
  assert_int_equal(own.has_actual, 1);
  assert_int_equal(own.actual, 9);
  assert_int_equal(own.has_expected, CWASM_DIAG_LIMIT);
  (void)diag_set(&own, CWASM_E_ELF_DATA, 5, 6, "f");
  assert_int_equal(own.has_actual, 0);
  assert_int_equal(own.has_expected, 0);
  assert_int_equal(own.section, 6);
}

static void warnings_overflow(void **state) {
  (void)state;
  cwasm_warnings w;
  memset(&w, 0, sizeof w);
  warn_add(NULL, CWASM_W_TRAILING_BYTES, 0, 0, "x", 0, 0, 0); /* no list: ignored */
  for (unsigned i = 0; i < CWASM_MAX_WARNINGS + 3u; i++)
    warn_add(&w, CWASM_W_TRAILING_BYTES, i, CWASM_NO_SECTION, "metadata", i, CWASM_DIAG_EXPECTED, 0);
  assert_int_equal(w.count, CWASM_MAX_WARNINGS);
  assert_int_equal(w.dropped, 3);
  assert_int_equal(w.items[CWASM_MAX_WARNINGS - 1].offset, CWASM_MAX_WARNINGS - 1);
}

static void strict_and_lenient_rules(void **state) {
  (void)state;
  cwasm_warnings w;
  cwasm_diag d;
  cwasm_options lenient;
  memset(&w, 0, sizeof w);
  memset(&lenient, 0, sizeof lenient);
  lenient.flags = CWASM_OPT_LENIENT;
  diag_clear(&d);
  assert_int_equal(strict_rule(NULL, &w, &d, CWASM_E_ELF_OSABI, 7, CWASM_NO_SECTION, "osabi", 0,
                               CWASM_DIAG_EXPECTED, 0xff),
                   CWASM_E_ELF_OSABI);
  assert_int_equal(d.code, CWASM_E_ELF_OSABI);
  assert_int_equal(w.count, 0);
  diag_clear(&d);
  assert_int_equal(strict_rule(&lenient, &w, &d, CWASM_E_ELF_OSABI, 7, CWASM_NO_SECTION, "osabi", 0,
                               CWASM_DIAG_EXPECTED, 0xff),
                   CWASM_OK);
  assert_int_equal(d.code, CWASM_OK);
  assert_int_equal(w.count, 1);
  assert_int_equal(w.items[0].code, CWASM_E_ELF_OSABI);
  assert_int_equal(w.items[0].expected, 0xff);
}

/* Lookups by number agree with the table for every number around the
 * documented ranges (0-699), gaps, both ends and negative values included:
 * a number is a code iff the table lists it, and then name, message and
 * class are its row's. */
static void lookup_by_number(void **state) {
  (void)state;
  static const struct {
    cwasm_status code;
    const char *name, *message;
    cwasm_status_class cls;
  } expect[] = {
#define X(name, num, cls, msg) {CWASM_##name, #name, msg, CWASM_CLASS_##cls},
#include "cwasm/errors.def"
#undef X
  };
  const size_t n = sizeof expect / sizeof expect[0];
  assert_int_equal(cwasm_status_count(), n);
  for (long v = -3; v <= 1100; v++) {
    cwasm_status s = (cwasm_status)v;
    size_t row = n;
    for (size_t i = 0; i < n; i++)
      if ((long)expect[i].code == v) row = i;
    if (row < n) {
      assert_int_equal(cwasm_status_at(row), s);
      assert_string_equal(cwasm_status_name(s), expect[row].name);
      assert_string_equal(cwasm_status_message(s), expect[row].message);
      assert_int_equal(cwasm_status_class_of(s), expect[row].cls);
      assert_true(expect[row].cls != CWASM_CLASS_UNKNOWN);
    } else {
      assert_string_equal(cwasm_status_name(s), "UNKNOWN");
      assert_string_equal(cwasm_status_message(s), "unknown status code");
      assert_int_equal(cwasm_status_class_of(s), CWASM_CLASS_UNKNOWN);
    }
  }
  /* the first and last number of every range that holds codes */
  assert_int_equal(cwasm_status_class_of(CWASM_OK), CWASM_CLASS_OK);
  assert_int_equal(cwasm_status_class_of(CWASM_E_ARGUMENT), CWASM_CLASS_ERROR);
  assert_int_equal(cwasm_status_class_of((cwasm_status)99), CWASM_CLASS_UNKNOWN);
  assert_int_equal(cwasm_status_class_of((cwasm_status)699), CWASM_CLASS_UNKNOWN);
  assert_int_equal(cwasm_status_class_of((cwasm_status)700), CWASM_CLASS_UNKNOWN);
  assert_int_equal(cwasm_status_class_of(CWASM_W_TOLERATED), CWASM_CLASS_WARNING);
  assert_int_equal(cwasm_status_class_of(CWASM_F_VERSION), CWASM_CLASS_FINDING);
  assert_string_equal(cwasm_status_name((cwasm_status)-1), "UNKNOWN");
  assert_string_equal(cwasm_status_name(CWASM__STATUS_END_), "UNKNOWN");
}

/* cwasm_diag_format against the same text written with snprintf, over every
 * code, random values of every width, each shape (actual, expected, limit,
 * section) and a field long enough to cut the text at 511 bytes. */
static size_t reference_format(const cwasm_diag *d, char *buf, size_t size) {
  char tmp[2048];
  int k = snprintf(tmp, sizeof tmp, "%s: %s", cwasm_status_name(d->code), cwasm_status_message(d->code));
  if (d->field && d->field[0]) k += snprintf(tmp + k, sizeof tmp - (size_t)k, ": %s", d->field);
  if (d->has_actual)
    k += snprintf(tmp + k, sizeof tmp - (size_t)k, " = %" PRIu64 " (0x%" PRIx64 ")", d->actual, d->actual);
  if (d->has_expected == CWASM_DIAG_LIMIT)
    k += snprintf(tmp + k, sizeof tmp - (size_t)k, ", limit %" PRIu64 " (0x%" PRIx64 ")", d->expected, d->expected);
  else if (d->has_expected)
    k += snprintf(tmp + k, sizeof tmp - (size_t)k, ", expected %" PRIu64 " (0x%" PRIx64 ")", d->expected,
                  d->expected);
  k += snprintf(tmp + k, sizeof tmp - (size_t)k, " at offset %" PRIu64 " (0x%" PRIx64 ")", d->offset, d->offset);
  if (d->section != CWASM_NO_SECTION) k += snprintf(tmp + k, sizeof tmp - (size_t)k, " in section %" PRIu32, d->section);
  if ((size_t)k > 511) k = 511; /* the library cuts its text there */
  tmp[k] = '\0';
  if (size) {
    size_t c = (size_t)k < size - 1 ? (size_t)k : size - 1;
    memcpy(buf, tmp, c);
    buf[c] = '\0';
  }
  return (size_t)k;
}

static void format_matches_printf(void **state) {
  static char long_field[600];
  uint64_t x = 0x9e3779b97f4a7c15u;
  (void)state;
  memset(long_field, 'f', sizeof long_field - 1);
  for (int code = -3; code < 700; code++) {
    for (unsigned shape = 0; shape < 16; shape++) {
      cwasm_diag d;
      char got[600], want[600];
      size_t sizes[] = {sizeof got, 1, 7, 40};
      memset(&d, 0, sizeof d);
      (void)xorshift64(&x);
      d.code = (cwasm_status)code;
      d.field = shape & 1 ? (shape & 8 ? long_field : "e_shoff") : "";
      d.has_actual = shape & 2 ? 1 : 0;
      d.actual = x >> (x & 63);
      d.has_expected = (uint8_t)((shape >> 2) & 3 ? ((shape >> 2) & 1 ? CWASM_DIAG_EXPECTED : CWASM_DIAG_LIMIT) : 0);
      d.expected = x & 0xffff;
      d.offset = x % 3 ? x : UINT64_MAX;
      d.section = shape & 4 ? (uint32_t)(x >> 40) : CWASM_NO_SECTION;
      for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n_got = cwasm_diag_format(&d, got, sizes[k]);
        size_t n_want = reference_format(&d, want, sizes[k]);
        assert_int_equal(n_got, n_want);
        assert_string_equal(got, want);
      }
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(unknown_codes),     cmocka_unit_test(names_round_trip),
      cmocka_unit_test(kind_names),        cmocka_unit_test(format_variants),
      cmocka_unit_test(format_matches_printf),
      cmocka_unit_test(long_field_is_cut), cmocka_unit_test(diag_helpers),
      cmocka_unit_test(warnings_overflow), cmocka_unit_test(strict_and_lenient_rules),
      cmocka_unit_test(lookup_by_number),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
