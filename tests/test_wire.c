/* Wire primitives: postcard varints exactly as postcard 1.x reads them,
 * bincode fixed-width integers, and the shared checks (bool, option, enum,
 * counts, strings). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "wire.h"

static wire mk(const uint8_t *p, size_t n, cwasm_codec c, cwasm_diag *d) {
  wire w;
  w.s = span_make(p, n, 100);
  w.codec = c;
  w.diag = d;
  return w;
}

static void varint_u64_ok(void **state) {
  (void)state;
  cwasm_diag d;
  uint64_t v;
  const uint8_t a[] = {0x00};
  const uint8_t b[] = {0x80, 0x80, 0x80, 0x80, 0x10}; /* 4 GiB */
  const uint8_t c[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}; /* u64::MAX */
  const uint8_t over[] = {0x80, 0x00};                                         /* non-canonical 0 */
  wire w = mk(a, sizeof a, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "x", &v), CWASM_OK);
  assert_int_equal(v, 0);
  assert_int_equal(w.s.n, 0);
  w = mk(b, sizeof b, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "x", &v), CWASM_OK);
  assert_true(v == 4294967296ull);
  w = mk(c, sizeof c, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "x", &v), CWASM_OK);
  assert_true(v == UINT64_MAX);
  w = mk(over, sizeof over, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "x", &v), CWASM_OK);
  assert_int_equal(v, 0);
  assert_int_equal(w.s.off, 102);
}

static void varint_u64_bad(void **state) {
  (void)state;
  cwasm_diag d;
  uint64_t v = 7;
  /* tenth byte 0x02 overflows u64 */
  const uint8_t a[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  /* still continuing at the tenth byte */
  const uint8_t b[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  const uint8_t trunc[] = {0x80, 0x80};
  wire w = mk(a, sizeof a, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "field_a", &v), CWASM_E_META_VARINT);
  assert_int_equal(d.code, CWASM_E_META_VARINT);
  assert_int_equal(d.offset, 100);
  assert_string_equal(d.field, "field_a");
  assert_int_equal(d.actual, 2);
  assert_int_equal(v, 7);            /* untouched */
  assert_int_equal(w.s.n, sizeof a); /* not consumed */
  w = mk(b, sizeof b, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "x", &v), CWASM_E_META_VARINT);
  w = mk(trunc, sizeof trunc, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "x", &v), CWASM_E_META_TRUNCATED);
  assert_int_equal(d.offset, 102);
  assert_int_equal(w.s.n, 2);
}

static void varint_u32_limits(void **state) {
  (void)state;
  cwasm_diag d;
  uint32_t v;
  const uint8_t max[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  const uint8_t over[] = {0xff, 0xff, 0xff, 0xff, 0x10};
  const uint8_t zero5[] = {0x80, 0x80, 0x80, 0x80, 0x00};
  wire w = mk(max, sizeof max, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u32(&w, "x", &v), CWASM_OK);
  assert_true(v == UINT32_MAX);
  w = mk(over, sizeof over, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u32(&w, "x", &v), CWASM_E_META_VARINT);
  assert_int_equal(d.expected, 0x0f);
  w = mk(zero5, sizeof zero5, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u32(&w, "x", &v), CWASM_OK);
  assert_int_equal(v, 0);
}

static void bincode_fixed_width(void **state) {
  (void)state;
  cwasm_diag d;
  uint64_t v64;
  uint32_t v32;
  const uint8_t a[] = {0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12};
  wire w = mk(a, sizeof a, CWASM_CODEC_BINCODE, &d);
  assert_int_equal(wire_u64(&w, "x", &v64), CWASM_OK);
  assert_true(v64 == 65536);
  assert_int_equal(wire_u32(&w, "x", &v32), CWASM_OK);
  assert_true(v32 == 0x12345678u);
  assert_int_equal(wire_u32(&w, "x", &v32), CWASM_E_META_TRUNCATED);
  w = mk(a, 7, CWASM_CODEC_BINCODE, &d);
  assert_int_equal(wire_u64(&w, "x", &v64), CWASM_E_META_TRUNCATED);
  assert_int_equal(w.s.n, 7);
}

static void bools_options_enums(void **state) {
  (void)state;
  cwasm_diag d;
  uint8_t b;
  uint32_t e;
  const uint8_t ok[] = {0, 1, 1, 0};
  const uint8_t two[] = {2};
  const uint8_t v5[] = {5};
  const uint8_t bv[] = {3, 0, 0, 0};
  wire w = mk(ok, sizeof ok, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_bool(&w, "x", &b), CWASM_OK);
  assert_int_equal(b, 0);
  assert_int_equal(wire_bool(&w, "x", &b), CWASM_OK);
  assert_int_equal(b, 1);
  assert_int_equal(wire_option(&w, "x", &b), CWASM_OK);
  assert_int_equal(b, 1);
  w = mk(two, 1, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_bool(&w, "flag", &b), CWASM_E_META_BOOL);
  assert_int_equal(d.actual, 2);
  assert_int_equal(w.s.n, 1);
  assert_int_equal(wire_option(&w, "opt", &b), CWASM_E_META_OPTION);
  w = mk(v5, 1, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_variant(&w, "kind", 5, &e), CWASM_E_META_ENUM);
  assert_int_equal(d.actual, 5);
  assert_int_equal(d.expected, 4);
  assert_int_equal(wire_variant(&w, "kind", 6, &e), CWASM_OK);
  assert_int_equal(e, 5);
  w = mk(bv, sizeof bv, CWASM_CODEC_BINCODE, &d);
  assert_int_equal(wire_variant(&w, "kind", 3, &e), CWASM_E_META_ENUM);
  assert_int_equal(wire_variant(&w, "kind", 4, &e), CWASM_OK);
  assert_int_equal(e, 3);
  assert_int_equal(w.s.n, 0);
}

static void strings_and_counts(void **state) {
  (void)state;
  cwasm_diag d;
  cwasm_str s;
  uint64_t c;
  const uint8_t ok[] = {3, 'a', 'b', 'c'};
  const uint8_t longer[] = {4, 'a', 'b', 'c'};
  const uint8_t bad_utf8[] = {3, 'a', 0xc3, 0x28};
  const uint8_t surrogate[] = {3, 0xed, 0xa0, 0x80};
  const uint8_t overlong[] = {2, 0xc0, 0xaf};
  const uint8_t count[] = {2, 0, 0, 0, 0, 0};
  wire w = mk(ok, sizeof ok, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_str(&w, "x", &s), CWASM_OK);
  assert_int_equal(s.n, 3);
  assert_memory_equal(s.p, "abc", 3);
  w = mk(longer, sizeof longer, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_str(&w, "target", &s), CWASM_E_META_LENGTH);
  assert_int_equal(d.actual, 4);
  assert_int_equal(d.expected, 3);
  assert_int_equal(w.s.n, sizeof longer);
  w = mk(bad_utf8, sizeof bad_utf8, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_str(&w, "x", &s), CWASM_E_META_UTF8);
  assert_int_equal(d.offset, 102);
  w = mk(surrogate, sizeof surrogate, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_str(&w, "x", &s), CWASM_E_META_UTF8);
  w = mk(overlong, sizeof overlong, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_str(&w, "x", &s), CWASM_E_META_UTF8);
  /* a count of 2 entries of >= 3 bytes cannot fit in 5 bytes */
  w = mk(count, sizeof count, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_count(&w, "n", 3, &c), CWASM_E_META_LENGTH);
  assert_int_equal(d.expected, 1);
  assert_int_equal(wire_count(&w, "n", 2, &c), CWASM_OK);
  assert_int_equal(c, 2);
}

static void utf8_accepts_valid(void **state) {
  (void)state;
  size_t bad;
  const uint8_t s[] = "x\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z"; /* é € 😀 */
  const uint8_t hi[] = {0xf4, 0x90, 0x80, 0x80};              /* > U+10FFFF */
  const uint8_t cut[] = {'a', 0xe2, 0x82};
  assert_true(span_utf8_valid(span_make(s, sizeof s - 1, 0), &bad));
  assert_false(span_utf8_valid(span_make(hi, sizeof hi, 0), &bad));
  assert_int_equal(bad, 0);
  assert_false(span_utf8_valid(span_make(cut, sizeof cut, 0), &bad));
  assert_int_equal(bad, 1);
  /* the 8-byte ASCII fast path must still find a bad byte at every position */
  uint8_t longer[40];
  for (size_t at = 0; at < sizeof longer; at++) {
    memset(longer, 'a', sizeof longer);
    longer[at] = 0xff;
    assert_false(span_utf8_valid(span_make(longer, sizeof longer, 0), &bad));
    assert_int_equal(bad, at);
    longer[at] = 0x7f;
    assert_true(span_utf8_valid(span_make(longer, sizeof longer, 0), &bad));
  }
}

static void span_bounds(void **state) {
  (void)state;
  const uint8_t b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  span s = span_make(b, 8, 10), t;
  uint32_t v;
  cwasm_str z;
  assert_true(span_sub(s, 8, 0, &t));
  assert_false(span_sub(s, 9, 0, &t));
  assert_false(span_sub(s, 4, UINT64_MAX, &t));
  assert_false(span_sub(s, UINT64_MAX, 2, &t));
  assert_true(span_sub(s, 2, 6, &t));
  assert_int_equal(t.off, 12);
  assert_true(span_u32_at(s, 4, true, &v));
  assert_true(v == 0x05060708u);
  assert_false(span_u32_at(s, 5, false, &v));
  assert_int_equal(span_cstr_at(s, 0, &z), 2);
  assert_int_equal(span_cstr_at(s, 8, &z), 1);
  const uint8_t names[] = "\0.text\0.x";
  span n = span_make(names, sizeof names - 1, 0);
  assert_int_equal(span_cstr_at(n, 1, &z), 0);
  assert_int_equal(z.n, 5);
  assert_int_equal(span_cstr_at(n, 7, &z), 2);
  const uint8_t hay[] = "aaab\0wasm";
  assert_int_equal(span_find(span_make(hay, 9, 0), (const uint8_t *)"ab", 2), 2);
  assert_int_equal(span_find(span_make(hay, 9, 0), (const uint8_t *)"wasm", 4), 5);
  assert_int_equal(span_find(span_make(hay, 9, 0), (const uint8_t *)"wasmx", 5), 9);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(varint_u64_ok),     cmocka_unit_test(varint_u64_bad),
      cmocka_unit_test(varint_u32_limits), cmocka_unit_test(bincode_fixed_width),
      cmocka_unit_test(bools_options_enums), cmocka_unit_test(strings_and_counts),
      cmocka_unit_test(utf8_accepts_valid), cmocka_unit_test(span_bounds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
