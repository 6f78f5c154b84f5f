/*
 * Bounded views over untrusted input. This file and span.c are the only
 * code that does pointer arithmetic on input bytes: every other stage asks
 * for a checked read that fails without moving.
 *
 * A span is {p, n, off}: n readable bytes at p, which sit at absolute offset
 * `off` in the original input (for diagnostics). A sub-range (at, len) of a
 * span is valid iff at <= n && len <= n - at; nothing ever computes at + len
 * before that test.
 */
#ifndef CWASM_SPAN_H
#define CWASM_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cwasm/cwasm.h"

typedef struct span {
  const uint8_t *p;
  size_t n;
  uint64_t off;
} span;

static inline span span_make(const uint8_t *p, size_t n, uint64_t off) {
  span s;
  s.p = n ? p : NULL;
  s.n = p ? n : 0;
  s.off = off;
  return s;
}

static inline span span_from_bytes(cwasm_bytes b, uint64_t off) { return span_make(b.p, b.n, off); }

static inline cwasm_bytes span_bytes(span s) {
  cwasm_bytes b;
  b.p = s.p;
  b.n = s.n;
  return b;
}

/* True iff (at, len) lies inside s. Overflow-safe. */
static inline bool span_range_ok(span s, uint64_t at, uint64_t len) {
  return at <= s.n && len <= s.n - at;
}

/* Sub-range of s (relative to s); false and *out untouched if out of range.
 * Always inlined: an out-of-line copy takes s through the stack, and reading
 * a span back right after its stores stalls store forwarding. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool span_sub(span s, uint64_t at, uint64_t len, span *out) {
  bool ok = span_range_ok(s, at, len);
  if (ok) *out = span_make(s.p ? s.p + at : NULL, (size_t)len, s.off + at);
  return ok;
}
/* Everything from `at` to the end. */
bool span_tail(span s, uint64_t at, span *out);

/*
 * Fixed-width reads at a position (no cursor). Inline: they are the inner
 * loop of the section-table walk. memcpy makes unaligned access defined;
 * compilers turn it into one load. k is 2, 4 or 8 (bytes are read directly).
 *
 * Written for honest coverage numbers: llvm-cov rates an inline function by
 * its best copy, and the copy in a file that never calls it counts every
 * line from `{` to `}`, while a copy that runs does not count a line that is
 * a lone `return true;` nor lines #if'd out. So the inline functions here
 * end in `return ok;`, and #if picks a whole function rather than lines
 * inside one.
 */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && defined(__ORDER_BIG_ENDIAN__)
static inline uint64_t span_load_(const uint8_t *p, unsigned k, bool big) {
  const bool native_big = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
  if (k == 2) {
    uint16_t t;
    memcpy(&t, p, 2);
    return big == native_big ? t : __builtin_bswap16(t);
  }
  if (k == 4) {
    uint32_t t;
    memcpy(&t, p, 4);
    return big == native_big ? t : __builtin_bswap32(t);
  }
  uint64_t t;
  memcpy(&t, p, 8);
  return big == native_big ? t : __builtin_bswap64(t);
}
#else
static inline uint64_t span_load_(const uint8_t *p, unsigned k, bool big) {
  uint64_t v = 0;
  for (unsigned i = 0; i < k; i++) v = (v << 8) | p[big ? i : k - 1 - i];
  return v;
}
#endif

static inline bool span_u8_at(span s, uint64_t at, uint8_t *v) {
  bool ok = span_range_ok(s, at, 1);
  if (ok) *v = s.p[at];
  return ok;
}
static inline bool span_u16_at(span s, uint64_t at, bool big, uint16_t *v) {
  bool ok = span_range_ok(s, at, 2);
  if (ok) *v = (uint16_t)span_load_(s.p + at, 2, big);
  return ok;
}
static inline bool span_u32_at(span s, uint64_t at, bool big, uint32_t *v) {
  bool ok = span_range_ok(s, at, 4);
  if (ok) *v = (uint32_t)span_load_(s.p + at, 4, big);
  return ok;
}
static inline bool span_u64_at(span s, uint64_t at, bool big, uint64_t *v) {
  bool ok = span_range_ok(s, at, 8);
  if (ok) *v = span_load_(s.p + at, 8, big);
  return ok;
}

/*
 * Copy the n bytes at `at` out of s, or fail without writing. One check for a
 * whole fixed-size record (a section header): its fields are then read from
 * the local copy, which is not input, so they need no checks of their own.
 * With a constant n the copy folds into the loads.
 */
static inline bool span_copy_at(span s, uint64_t at, void *dst, size_t n) {
  bool ok = span_range_ok(s, at, n);
  if (ok && n) memcpy(dst, s.p + at, n);
  return ok;
}

/* Cursor moves and reads: advance on success only. span_advance_ is their
 * common step; its caller has checked len <= s->n. */
static inline void span_advance_(span *s, size_t len) {
  s->p = (len == s->n) ? NULL : s->p + len;
  s->n -= len;
  s->off += len;
}
static inline bool span_skip(span *s, size_t len) {
  bool ok = len <= s->n;
  if (ok) span_advance_(s, len);
  return ok;
}
bool span_take(span *s, size_t len, span *out);
static inline bool span_u8(span *s, uint8_t *v) {
  bool ok = span_u8_at(*s, 0, v);
  if (ok) span_advance_(s, 1);
  return ok;
}
static inline bool span_u32(span *s, bool big, uint32_t *v) {
  bool ok = span_u32_at(*s, 0, big, v);
  if (ok) span_advance_(s, 4);
  return ok;
}
static inline bool span_u64(span *s, bool big, uint64_t *v) {
  bool ok = span_u64_at(*s, 0, big, v);
  if (ok) span_advance_(s, 8);
  return ok;
}

/* NUL-terminated string at `at` within s (the NUL must be inside s).
 * Returns 0 ok (out excludes the NUL), 1 `at` is out of range, 2 no NUL. */
int span_cstr_at(span s, uint64_t at, cwasm_str *out);

/* Byte-wise equality with a C string (no NUL expected in s). */
bool span_eq_cstr(span s, const char *z);
bool str_eq_cstr(cwasm_str s, const char *z);
bool span_eq_bytes(span a, const uint8_t *b, size_t n);
bool span_starts_with(span s, const uint8_t *prefix, size_t n);

/* Whole span as a string view (for validated UTF-8). */
/* Inline: an out-of-line call passes the 24-byte span through the stack, and
 * reading it back right after the stores stalls store forwarding (~1/3 of
 * wire_str's time in perf). */
static inline cwasm_str span_str(span s) {
  cwasm_str r;
  r.p = (const char *)s.p;
  r.n = s.n;
  return r;
}

/* UTF-8 validation (Rust's rules: no overlongs, no surrogates, <= U+10FFFF).
 * Returns true if valid; otherwise *bad = index of the first invalid byte. */
bool span_utf8_valid(span s, size_t *bad);

/* Index of the first byte equal to c in s, or s.n. */
size_t span_find_byte(span s, uint8_t c);

/* Index of the first occurrence of needle in s, or s.n if absent. */
size_t span_find(span s, const uint8_t *needle, size_t n);
#endif
