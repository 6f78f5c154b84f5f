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
#include "xorshift.h"

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

static void count_without_element_size(void **state) {
  (void)state;
  cwasm_diag d;
  uint64_t c = 0;
  const uint8_t big[] = {0xff, 0xff, 0xff, 0xff, 0x0f}; /* 2^32 - 1 */
  /* min_elem_size 0: the count is not bounded by the bytes left */
  wire w = mk(big, sizeof big, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_count(&w, "n", 0, &c), CWASM_OK);
  assert_true(c == 0xffffffffu);
  assert_int_equal(w.s.n, 0);
  /* the same count with 1-byte elements does not fit in 0 bytes */
  w = mk(big, sizeof big, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_count(&w, "n", 1, &c), CWASM_E_META_LENGTH);
  assert_int_equal(w.s.n, sizeof big);
}

/* Construction: a NULL pointer has no bytes, no bytes have no pointer. */
static void span_make_normalizes(void **state) {
  (void)state;
  const uint8_t b[4] = {1, 2, 3, 4};
  span s = span_make(NULL, 5, 7);
  assert_null(s.p);
  assert_int_equal(s.n, 0);
  assert_int_equal(s.off, 7);
  s = span_make(b, 0, 0);
  assert_null(s.p);
  assert_int_equal(s.n, 0);
  s = span_make(b, 4, 0);
  assert_ptr_equal(s.p, b);
  assert_int_equal(s.n, 4);
  cwasm_bytes cb = span_bytes(s);
  assert_ptr_equal(cb.p, b);
  assert_int_equal(cb.n, 4);
  s = span_from_bytes(cb, 9);
  assert_int_equal(s.off, 9);
  assert_int_equal(s.n, 4);
}

/* Positional reads: every width, both byte orders, and a failed read leaves
 * the output untouched. */
static void span_positional_reads(void **state) {
  (void)state;
  const uint8_t b[9] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
  span s = span_make(b, sizeof b, 0);
  uint8_t v8 = 0xaa;
  uint16_t v16 = 0xaaaa;
  uint32_t v32 = 0xaaaaaaaau;
  uint64_t v64 = 0xaaaaaaaaaaaaaaaau;
  assert_true(span_u8_at(s, 8, &v8));
  assert_int_equal(v8, 9);
  assert_true(span_u16_at(s, 7, true, &v16));
  assert_int_equal(v16, 0x0809);
  assert_true(span_u16_at(s, 7, false, &v16));
  assert_int_equal(v16, 0x0908);
  assert_true(span_u32_at(s, 1, false, &v32));
  assert_true(v32 == 0x05040302u);
  assert_true(span_u64_at(s, 1, true, &v64));
  assert_true(v64 == 0x0203040506070809u);
  assert_true(span_u64_at(s, 0, false, &v64));
  assert_true(v64 == 0x0807060504030201u);
  v8 = 0xaa;
  v16 = 0xaaaa;
  v32 = 0xaaaaaaaau;
  v64 = 0xaaaaaaaaaaaaaaaau;
  assert_false(span_u8_at(s, 9, &v8));
  assert_false(span_u16_at(s, 8, true, &v16));
  assert_false(span_u32_at(s, 6, true, &v32));
  assert_false(span_u64_at(s, 2, true, &v64));
  assert_false(span_u64_at(s, UINT64_MAX, true, &v64));
  assert_int_equal(v8, 0xaa);
  assert_int_equal(v16, 0xaaaa);
  assert_true(v32 == 0xaaaaaaaau);
  assert_true(v64 == 0xaaaaaaaaaaaaaaaau);
}

/* Cursor reads advance on success only; reaching the end leaves no pointer. */
static void span_cursor_reads(void **state) {
  (void)state;
  const uint8_t b[14] = {1, 0x10, 0x20, 0x30, 0x40, 1, 2, 3, 4, 5, 6, 7, 8, 0xee};
  span s = span_make(b, sizeof b, 100), t;
  uint8_t v8 = 0;
  uint32_t v32 = 0;
  uint64_t v64 = 0;
  assert_true(span_u8(&s, &v8));
  assert_int_equal(v8, 1);
  assert_int_equal(s.off, 101);
  assert_true(span_u32(&s, true, &v32));
  assert_true(v32 == 0x10203040u);
  assert_true(span_u64(&s, false, &v64));
  assert_true(v64 == 0x0807060504030201u);
  assert_int_equal(s.off, 113);
  assert_false(span_u32(&s, true, &v32)); /* 1 byte left */
  assert_false(span_u64(&s, true, &v64));
  assert_false(span_skip(&s, 2));
  assert_false(span_take(&s, 2, &t));
  assert_int_equal(s.n, 1);
  assert_int_equal(s.off, 113);
  assert_true(span_take(&s, 1, &t));
  assert_int_equal(t.n, 1);
  assert_int_equal(t.off, 113);
  assert_int_equal(t.p[0], 0xee);
  assert_null(s.p);
  assert_int_equal(s.n, 0);
  assert_int_equal(s.off, 114);
  assert_false(span_u8(&s, &v8));
  assert_true(span_skip(&s, 0));
  s = span_make(b, sizeof b, 0);
  assert_true(span_skip(&s, 3));
  assert_ptr_equal(s.p, b + 3);
  assert_false(span_tail(s, 12, &t));
  assert_true(span_tail(s, 11, &t));
  assert_int_equal(t.n, 0);
  assert_int_equal(t.off, 14);
}

/* Comparisons and searches, empty operands included (no memcmp on NULL). */
static void span_compare_and_find(void **state) {
  (void)state;
  const uint8_t b[] = "wasmtime";
  span s = span_make(b, 8, 0), empty = span_make(NULL, 0, 0);
  cwasm_str z = {(const char *)b, 4}, none = {NULL, 0};
  assert_true(span_eq_bytes(empty, (const uint8_t *)"", 0));
  assert_false(span_eq_bytes(empty, b, 1));
  assert_true(span_eq_bytes(s, b, 8));
  assert_false(span_eq_bytes(s, (const uint8_t *)"wasmtimE", 8));
  assert_true(span_starts_with(empty, b, 0));
  assert_true(span_starts_with(s, b, 0));
  assert_true(span_starts_with(s, (const uint8_t *)"wasm", 4));
  assert_false(span_starts_with(s, (const uint8_t *)"wast", 4));
  assert_false(span_starts_with(empty, b, 1));
  assert_true(span_eq_cstr(s, "wasmtime"));
  assert_false(span_eq_cstr(s, "wasm"));
  assert_true(span_eq_cstr(empty, ""));
  assert_true(str_eq_cstr(z, "wasm"));
  assert_false(str_eq_cstr(z, "wast"));
  assert_false(str_eq_cstr(z, "wasmtime"));
  assert_true(str_eq_cstr(none, ""));
  assert_false(str_eq_cstr(none, "x"));
  assert_int_equal(span_find(s, b, 0), 0);
  assert_int_equal(span_find(empty, b, 0), 0);
  assert_int_equal(span_find(empty, b, 1), 0);
  assert_int_equal(span_find(s, (const uint8_t *)"time", 4), 4);
  assert_int_equal(span_find(s, (const uint8_t *)"mx", 2), 8);
  assert_int_equal(span_find_byte(empty, 'w'), 0);
  assert_int_equal(span_find_byte(s, 'e'), 7);
  assert_int_equal(span_find_byte(s, 'z'), 8);
  cwasm_str all = span_str(s);
  assert_ptr_equal(all.p, b);
  assert_int_equal(all.n, 8);
}

/* ------------------------------------------------- fast paths (wire.h) */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) { return xorshift64(&rng_state); }

/* A byte as the wire shapes meet them: small values, varint edges, text. */
static uint8_t rnd_byte(void) {
  static const uint8_t edge[] = {0, 1, 2, 3, 4, 0x0f, 0x10, 0x7f, 0x80, 0x81, 0xc3, 0xa9, 0xff, 'a', 'z'};
  uint64_t r = rnd();
  return (r & 3) ? edge[(r >> 2) % sizeof edge] : (uint8_t)(r >> 8);
}

static void same_diag(const cwasm_diag *a, const cwasm_diag *b) {
  assert_int_equal(a->code, b->code);
  assert_int_equal(a->offset, b->offset);
  assert_string_equal(a->field, b->field);
  assert_int_equal(a->has_actual, b->has_actual);
  assert_int_equal(a->has_expected, b->has_expected);
  if (a->has_actual) assert_true(a->actual == b->actual);
  if (a->has_expected) assert_true(a->expected == b->expected);
}

/* After one read through each path: same status, value, position, diag. */
static void same_read(cwasm_status st1, cwasm_status st2, const wire *w1, const wire *w2, const cwasm_diag *d1,
                      const cwasm_diag *d2) {
  assert_int_equal(st1, st2);
  assert_int_equal(w1->s.n, w2->s.n);
  assert_int_equal(w1->s.off, w2->s.off);
  assert_ptr_equal(w1->s.p, w2->s.p);
  if (st1 != CWASM_OK) same_diag(d1, d2);
}

/* The inline readers take a shortcut for common shapes; on any input they
 * must do exactly what the general readers do (which are the reference:
 * they read every shape). Random short inputs of both codecs. */
static void fast_paths_match_general_readers(void **state) {
  (void)state;
  uint8_t b[24];
  for (int iter = 0; iter < 200000; iter++) {
    const size_t n = (size_t)(rnd() % sizeof b);
    const cwasm_codec c = (rnd() & 1) ? CWASM_CODEC_POSTCARD : CWASM_CODEC_BINCODE;
    cwasm_diag d1, d2;
    wire w1, w2;
    uint64_t x1 = 7, x2 = 7;
    uint32_t y1 = 7, y2 = 7;
    uint8_t z1 = 7, z2 = 7;
    cwasm_str s1 = {NULL, 0}, s2 = {NULL, 0};
    cwasm_status st1, st2;
    for (size_t i = 0; i < n; i++) b[i] = rnd_byte();
    if (n && (rnd() & 1)) b[0] = (uint8_t)(rnd() % (n + 1)); /* a length that may fit */
    memset(&d1, 0, sizeof d1);
    memset(&d2, 0, sizeof d2);
    switch (iter % 8) {
      case 0:
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_u64(&w1, "u64", &x1), st2 = wire_uint_slow(&w2, "u64", 64, &x2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_true(x1 == x2);
        break;
      case 1:
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_u32(&w1, "u32", &y1), st2 = wire_uint_slow(&w2, "u32", 32, &x2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_true(st1 != CWASM_OK ? y1 == 7 : y1 == x2);
        break;
      case 2:
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_usize(&w1, "usize", &x1), st2 = wire_uint_slow(&w2, "usize", 64, &x2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_true(x1 == x2);
        break;
      case 3:
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_bool(&w1, "bool", &z1), st2 = wire_01_slow(&w2, "bool", CWASM_E_META_BOOL, &z2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_int_equal(z1, z2);
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_option(&w1, "opt", &z1), st2 = wire_01_slow(&w2, "opt", CWASM_E_META_OPTION, &z2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_int_equal(z1, z2);
        break;
      case 4: {
        const uint32_t nv = (uint32_t)(rnd() % 6) + 1;
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_variant(&w1, "variant", nv, &y1), st2 = wire_variant_slow(&w2, "variant", nv, &y2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_int_equal(y1, y2);
        break;
      }
      case 5:
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_u8(&w1, "u8", &z1), st2 = wire_u8_slow(&w2, "u8", &z2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_int_equal(z1, z2);
        break;
      default:
        if (c == CWASM_CODEC_BINCODE && n >= 8 && (rnd() & 1)) { /* a bincode length that may fit */
          memset(b, 0, 8);
          b[0] = (uint8_t)(rnd() % (n - 7));
        }
        w1 = mk(b, n, c, &d1), w2 = mk(b, n, c, &d2);
        st1 = wire_str(&w1, "str", &s1), st2 = wire_str_slow(&w2, "str", &s2);
        same_read(st1, st2, &w1, &w2, &d1, &d2);
        assert_ptr_equal(s1.p, s2.p);
        assert_int_equal(s1.n, s2.n);
        break;
    }
  }
}

/* Multi-byte postcard values read in one word: every length a word holds,
 * and the cases left to the general reader (the type's last byte, fewer
 * than eight bytes left, no end within the word). */
static void varint_words(void **state) {
  (void)state;
  cwasm_diag d;
  for (unsigned len = 1; len <= 10; len++) {
    for (int pad = 0; pad < 2; pad++) {
      uint8_t b[16];
      uint64_t want = 0, v = 0;
      uint32_t v32 = 0;
      memset(b, 0x55, sizeof b);
      for (unsigned i = 0; i < len; i++) {
        uint8_t payload = (uint8_t)((i * 37 + 11) & 0x7f);
        if (i == len - 1 && payload == 0) payload = 1; /* a canonical last byte */
        if (i == 9) payload = 1;                       /* u64's tenth byte carries one bit */
        b[i] = (uint8_t)(payload | (i + 1 < len ? 0x80 : 0));
        want |= (uint64_t)payload << (7 * i);
      }
      const size_t n = pad ? sizeof b : len;
      wire w = mk(b, n, CWASM_CODEC_POSTCARD, &d);
      assert_int_equal(wire_u64(&w, "x", &v), CWASM_OK);
      assert_true(v == want);
      assert_int_equal(w.s.n, n - len);
      w = mk(b, n, CWASM_CODEC_POSTCARD, &d);
      if (len <= 4 || (len == 5 && want <= UINT32_MAX)) {
        assert_int_equal(wire_u32(&w, "x", &v32), CWASM_OK);
        assert_true(v32 == want);
        assert_int_equal(w.s.n, n - len);
      } else {
        assert_int_not_equal(wire_u32(&w, "x", &v32), CWASM_OK);
        assert_int_equal(w.s.n, n);
      }
    }
  }
  /* continuation bits through a whole word and beyond the bytes */
  const uint8_t cont[9] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};
  uint64_t v = 0;
  wire w = mk(cont, sizeof cont, CWASM_CODEC_POSTCARD, &d);
  assert_int_equal(wire_u64(&w, "x", &v), CWASM_E_META_TRUNCATED);
  assert_int_equal(d.offset, 109);
}

/* The word-wise ASCII test at every length and every position of a high byte. */
static void ascii_every_length(void **state) {
  (void)state;
  uint8_t b[40];
  for (size_t n = 0; n <= sizeof b; n++) {
    memset(b, 'a', sizeof b);
    assert_true(wire_ascii_(span_make(b, n, 0)));
    for (size_t at = 0; at < n; at++) {
      b[at] = (uint8_t)(0x80 | at);
      assert_false(wire_ascii_(span_make(b, n, 0)));
      b[at] = 0x7f;
      assert_true(wire_ascii_(span_make(b, n, 0)));
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(varint_u64_ok),     cmocka_unit_test(varint_u64_bad),
      cmocka_unit_test(varint_u32_limits), cmocka_unit_test(bincode_fixed_width),
      cmocka_unit_test(bools_options_enums), cmocka_unit_test(strings_and_counts),
      cmocka_unit_test(utf8_accepts_valid), cmocka_unit_test(span_bounds),
      cmocka_unit_test(count_without_element_size), cmocka_unit_test(span_make_normalizes),
      cmocka_unit_test(span_positional_reads), cmocka_unit_test(span_cursor_reads),
      cmocka_unit_test(span_compare_and_find), cmocka_unit_test(fast_paths_match_general_readers),
      cmocka_unit_test(varint_words), cmocka_unit_test(ascii_every_length),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
