/*
 * Serde wire primitives for the two codecs Wasmtime used for Metadata:
 * bincode 1.3 legacy config (v3-v20) and postcard 1.x (v21+). The schema
 * walker in metadata.c calls these through one interface, so each layout
 * is described once and read by either codec.
 *
 * Every read is split in two: an inline fast path for the shape nearly all
 * real Metadata has (one-byte postcard lengths and tags, postcard values
 * that end within one word, lengths that fit, ASCII strings, in-range
 * tags), which succeeds or does nothing, and the general reader in wire.c
 * (`*_slow`) for everything else, which produces every error. The fast path
 * only takes input the general reader accepts with the same result, so the
 * split is invisible: same values, same consumption, same diagnostics
 * (test_wire.c compares the two on random input).
 */
#ifndef CWASM_WIRE_H
#define CWASM_WIRE_H

#include "internal.h"

typedef struct wire {
  span s;            /* bytes not yet read */
  cwasm_codec codec;
  cwasm_diag *diag;  /* never NULL */
} wire;

/* postcard.c */
cwasm_status postcard_varint(span *s, unsigned bits, uint64_t *v, cwasm_diag *d, const char *field);

/* bincode.c */
cwasm_status bincode_fixed(span *s, unsigned bytes, uint64_t *v, cwasm_diag *d, const char *field);

/* wire.c: the general readers. Every read fails without consuming and fills
 * the diag. Call them through the inline wrappers below. */
cwasm_status wire_uint_slow(wire *w, const char *field, unsigned bits, uint64_t *v);
cwasm_status wire_u8_slow(wire *w, const char *field, uint8_t *v);
cwasm_status wire_01_slow(wire *w, const char *field, cwasm_status bad, uint8_t *v);
cwasm_status wire_count_slow(wire *w, const char *field, size_t min_elem_size, uint64_t *count);
cwasm_status wire_variant_slow(wire *w, const char *field, uint32_t nvariants, uint32_t *v);
cwasm_status wire_str_slow(wire *w, const char *field, cwasm_str *out);
cwasm_status wire_raw(wire *w, const char *field, size_t n, span *out);

/* Smallest encoding of one flag entry (name + FlagValue), for wire_count. */
size_t wire_min_flag_entry(cwasm_codec c);

/* ------------------------------------------------------------ fast paths */

/* For a fast path that pays only inlined, where its constant arguments fold
 * (compilers may decline a plain `inline` where it has several callers). */
#if defined(__GNUC__)
#define WIRE_INLINE static inline __attribute__((always_inline))
#else
#define WIRE_INLINE static inline
#endif

/*
 * A postcard varint that ends within the first eight bytes of w (read
 * little-endian), at or before byte index `last` - 1 (before the last byte
 * the type permits, the only one with a rule of its own): its value and
 * length, without a loop. False for anything else.
 *
 * stop has the top bit of every byte that ends a varint; first is the
 * lowest, 2^(8j+7) for the ending byte j, and k = j + 1 is the top byte of
 * 256^j * 0x0102..08. The payload bits of bytes 0..j are then packed: 7 of
 * each byte, then 14 of each pair, then 28 of each half.
 */
static inline bool wire_varint_in_word_(uint64_t w, unsigned last, uint64_t *v, size_t *len) {
  const uint64_t high = UINT64_C(0x8080808080808080);
  const uint64_t stop = ~w & high;
  const uint64_t first = stop & (~stop + 1u);
  const size_t k = (size_t)(((first >> 7) * UINT64_C(0x0102030405060708)) >> 56);
  const bool ok = first && k <= last;
  uint64_t x = w & (first | (first - 1u)) & ~high;
  x = (x & UINT64_C(0x007f007f007f007f)) | ((x & UINT64_C(0x7f007f007f007f00)) >> 1);
  x = (x & UINT64_C(0x00003fff00003fff)) | ((x & UINT64_C(0x3fff00003fff0000)) >> 2);
  x = (x & UINT64_C(0x000000000fffffff)) | ((x & UINT64_C(0x0fffffff00000000)) >> 4);
  if (ok) {
    *v = x;
    *len = k;
  }
  return ok;
}

/*
 * The peeks read at offset `at` of s (at <= s.n) without moving anything and
 * succeed only for the fast shapes; on success they write the value and
 * *next, the offset just past what they read, else nothing.
 *
 * An unsigned integer of `bits` (32 or 64) that needs no range check beyond
 * the type: a postcard varint of one byte below 0x80 or, with `words`, one
 * within one word that ends before the type's last byte (64 -> 9, 32 -> 4)
 * (values, where long ones are common; lengths and variants are short); or
 * a whole bincode field.
 */
static inline bool wire_peek_uint_(span s, size_t at, cwasm_codec codec, unsigned bits, bool words,
                                   uint64_t *v, size_t *next) {
  uint64_t t = 0x80;
  size_t k = 1;
  bool ok;
  if (codec == CWASM_CODEC_POSTCARD) {
    uint8_t b = 0x80;
    uint64_t word = 0;
    ok = span_u8_at(s, at, &b) && b < 0x80;
    t = b;
    if (words && !ok && span_u64_at(s, at, false, &word))
      ok = wire_varint_in_word_(word, bits == 32 ? 4 : 9, &t, &k);
  } else if (bits == 32) {
    uint32_t u = 0;
    ok = span_u32_at(s, at, false, &u);
    t = u;
    k = 4;
  } else {
    ok = span_u64_at(s, at, false, &t);
    k = 8;
  }
  if (ok) {
    *v = t;
    *next = at + k;
  }
  return ok;
}

/* A string or byte run whose length prefix has the fast shape and whose
 * body fits: *body is the body. */
static inline bool wire_peek_str_(span s, size_t at, cwasm_codec codec, span *body, size_t *next) {
  uint64_t len = 0;
  size_t k = 0;
  bool ok = wire_peek_uint_(s, at, codec, 64, false, &len, &k) && span_sub(s, k, len, body);
  if (ok) *next = k + (size_t)len;
  return ok;
}

/*
 * True iff every byte of s is below 0x80 (then it is valid UTF-8). Whole
 * words, the last one overlapping the one before, so a Metadata name costs
 * two to six loads and no byte loop.
 */
static inline bool wire_ascii_(span s) {
  const uint64_t high = UINT64_C(0x8080808080808080);
  uint64_t acc = 0, w = 0;
  uint32_t a = 0, b = 0;
  uint8_t c = 0;
  if (s.n >= 8) {
    for (size_t i = 0; s.n - i > 8; i += 8) {
      (void)span_u64_at(s, i, false, &w);
      acc |= w;
    }
    (void)span_u64_at(s, s.n - 8, false, &w);
    return ((acc | w) & high) == 0;
  }
  if (s.n >= 4) {
    (void)span_u32_at(s, 0, false, &a);
    (void)span_u32_at(s, s.n - 4, false, &b);
    return ((a | b) & (uint32_t)high) == 0;
  }
  for (size_t i = 0; i < s.n; i++) {
    (void)span_u8_at(s, i, &c);
    acc |= c;
  }
  return (acc & 0x80u) == 0;
}

static inline cwasm_status wire_u8(wire *w, const char *field, uint8_t *v) {
  if (span_u8(&w->s, v)) return CWASM_OK;
  return wire_u8_slow(w, field, v);
}

/* A 0/1 byte (bool, and the tag of Option in both codecs); else `bad`. */
static inline cwasm_status wire_01_(wire *w, const char *field, cwasm_status bad, uint8_t *v) {
  uint8_t b = 2;
  if (span_u8_at(w->s, 0, &b) && b <= 1) {
    (void)span_skip(&w->s, 1);
    *v = b;
    return CWASM_OK;
  }
  return wire_01_slow(w, field, bad, v);
}

/* Bool: E_META_BOOL unless 0/1. */
static inline cwasm_status wire_bool(wire *w, const char *field, uint8_t *v) {
  return wire_01_(w, field, CWASM_E_META_BOOL, v);
}

/* Option tag 0/1, else E_META_OPTION. */
static inline cwasm_status wire_option(wire *w, const char *field, uint8_t *is_some) {
  return wire_01_(w, field, CWASM_E_META_OPTION, is_some);
}

static inline cwasm_status wire_uint_(wire *w, const char *field, unsigned bits, uint64_t *v) {
  size_t size = 0;
  if (wire_peek_uint_(w->s, 0, w->codec, bits, true, v, &size)) {
    (void)span_skip(&w->s, size);
    return CWASM_OK;
  }
  if (w->codec == CWASM_CODEC_POSTCARD) return postcard_varint(&w->s, bits, v, w->diag, field);
  return wire_uint_slow(w, field, bits, v);
}

static inline cwasm_status wire_u32(wire *w, const char *field, uint32_t *v) {
  uint64_t t = 0;
  cwasm_status st = wire_uint_(w, field, 32, &t);
  if (st == CWASM_OK) *v = (uint32_t)t;
  return st;
}

static inline cwasm_status wire_u64(wire *w, const char *field, uint64_t *v) {
  return wire_uint_(w, field, 64, v);
}

/* usize is serialized as u64 by both codecs on 64-bit producers. */
static inline cwasm_status wire_usize(wire *w, const char *field, uint64_t *v) {
  return wire_uint_(w, field, 64, v);
}

/* Sequence/map count; fails with E_META_LENGTH when count * min_elem_size
 * cannot fit in the bytes left, so no loop ever trusts a count. */
static inline cwasm_status wire_count(wire *w, const char *field, size_t min_elem_size, uint64_t *count) {
  return wire_count_slow(w, field, min_elem_size, count);
}

/* Enum variant index < nvariants, else E_META_ENUM. */
static inline cwasm_status wire_variant(wire *w, const char *field, uint32_t nvariants, uint32_t *v) {
  uint64_t t = 0;
  size_t size = 0;
  if (wire_peek_uint_(w->s, 0, w->codec, 32, false, &t, &size) && t < nvariants) {
    (void)span_skip(&w->s, size);
    *v = (uint32_t)t;
    return CWASM_OK;
  }
  return wire_variant_slow(w, field, nvariants, v);
}

/* Length-prefixed UTF-8 string. Names and values are ASCII: the full UTF-8
 * validator runs only when a byte says otherwise. */
static inline cwasm_status wire_str(wire *w, const char *field, cwasm_str *out) {
  span body = span_make(NULL, 0, 0);
  size_t total = 0;
  if (wire_peek_str_(w->s, 0, w->codec, &body, &total) && wire_ascii_(body)) {
    (void)span_skip(&w->s, total);
    *out = span_str(body);
    return CWASM_OK;
  }
  return wire_str_slow(w, field, out);
}

#endif
