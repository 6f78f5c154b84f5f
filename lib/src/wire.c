/* The general wire readers: every shape the codecs allow and every error.
 * wire.h takes the common shapes inline and comes here for the rest. */
#include "wire.h"

cwasm_status wire_uint_slow(wire *w, const char *field, unsigned bits, uint64_t *v) {
  if (w->codec == CWASM_CODEC_POSTCARD) return postcard_varint(&w->s, bits, v, w->diag, field);
  return bincode_fixed(&w->s, bits / 8, v, w->diag, field);
}

cwasm_status wire_u8_slow(wire *w, const char *field, uint8_t *v) {
  if (!span_u8(&w->s, v)) return diag_set(w->diag, CWASM_E_META_TRUNCATED, w->s.off, CWASM_NO_SECTION, field);
  return CWASM_OK;
}

cwasm_status wire_01_slow(wire *w, const char *field, cwasm_status bad, uint8_t *v) {
  uint8_t b = 0;
  span before = w->s;
  CWASM_TRY(wire_u8_slow(w, field, &b));
  if (b > 1) {
    w->s = before;
    return diag_set_v(w->diag, bad, before.off, CWASM_NO_SECTION, field, b, CWASM_DIAG_LIMIT, 1);
  }
  *v = b;
  return CWASM_OK;
}

cwasm_status wire_count_slow(wire *w, const char *field, size_t min_elem_size, uint64_t *count) {
  span before = w->s;
  uint64_t c;
  CWASM_TRY(wire_uint_(w, field, 64, &c));
  uint64_t room = min_elem_size ? w->s.n / min_elem_size : UINT64_MAX;
  if (c > room) {
    w->s = before;
    return diag_set_v(w->diag, CWASM_E_META_LENGTH, before.off, CWASM_NO_SECTION, field, c, CWASM_DIAG_LIMIT,
                      room);
  }
  *count = c;
  return CWASM_OK;
}

cwasm_status wire_variant_slow(wire *w, const char *field, uint32_t nvariants, uint32_t *v) {
  span before = w->s;
  uint64_t t;
  CWASM_TRY(wire_uint_(w, field, 32, &t));
  if (t >= nvariants) {
    w->s = before;
    return diag_set_v(w->diag, CWASM_E_META_ENUM, before.off, CWASM_NO_SECTION, field, t, CWASM_DIAG_LIMIT,
                      nvariants - 1u);
  }
  *v = (uint32_t)t;
  return CWASM_OK;
}

cwasm_status wire_raw(wire *w, const char *field, size_t n, span *out) {
  if (!span_take(&w->s, n, out))
    return diag_set_v(w->diag, CWASM_E_META_TRUNCATED, w->s.off, CWASM_NO_SECTION, field, n, CWASM_DIAG_LIMIT,
                      w->s.n);
  return CWASM_OK;
}

cwasm_status wire_str_slow(wire *w, const char *field, cwasm_str *out) {
  span before = w->s;
  uint64_t len;
  span body = span_make(NULL, 0, 0);
  size_t bad = 0;
  CWASM_TRY(wire_uint_(w, field, 64, &len));
  if (len > w->s.n) {
    uint64_t left = w->s.n;
    w->s = before;
    return diag_set_v(w->diag, CWASM_E_META_LENGTH, before.off, CWASM_NO_SECTION, field, len, CWASM_DIAG_LIMIT,
                      left);
  }
  (void)span_sub(w->s, 0, len, &body); /* len <= w->s.n: cannot fail */
  (void)span_skip(&w->s, (size_t)len);
  if (!wire_ascii_(body) && !span_utf8_valid(body, &bad)) {
    w->s = before;
    return diag_set_v(w->diag, CWASM_E_META_UTF8, body.off + bad, CWASM_NO_SECTION, field, bad, 0, 0);
  }
  *out = span_str(body);
  return CWASM_OK;
}

size_t wire_min_flag_entry(cwasm_codec c) {
  /* name length + variant + smallest payload (Num/Bool: 1 byte) */
  return c == CWASM_CODEC_POSTCARD ? 3u : 8u + 4u + 1u;
}
