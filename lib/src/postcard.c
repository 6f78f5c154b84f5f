/* postcard 1.x varints (spec §4.2): LEB128, at most ceil(bits/7) bytes; the
 * last permitted byte must not continue and must not carry bits beyond the
 * type. Over-long (non-canonical) encodings are accepted, as postcard does. */
#include "wire.h"

cwasm_status postcard_varint(span *s, unsigned bits, uint64_t *v, cwasm_diag *d, const char *field) {
  /* index of the last permitted byte: 64 -> 9, 32 -> 4 */
  const unsigned last = (bits + 6) / 7 - 1;
  uint64_t out = 0;
  uint8_t b = 0;
  unsigned i = 0;
  /* Bytes are read in place; s moves once, at the end. Before the last
   * permitted byte every value fits the type. */
  for (;; i++) {
    if (!span_u8_at(*s, i, &b))
      return diag_set(d, CWASM_E_META_TRUNCATED, s->off + i, CWASM_NO_SECTION, field);
    if (i == last) break;
    out |= (uint64_t)(b & 0x7fu) << (7 * i);
    if (b < 0x80u) {
      *v = out;
      (void)span_skip(s, (size_t)i + 1);
      return CWASM_OK;
    }
  }
  /* The last byte carries the type's remaining bits (64 -> 1: <= 0x01,
   * 32 -> 4: <= 0x0f), so it cannot continue either. */
  const uint8_t last_max = (uint8_t)((1u << (bits - 7 * last)) - 1u);
  if (b > last_max)
    return diag_set_v(d, CWASM_E_META_VARINT, s->off, CWASM_NO_SECTION, field, b, CWASM_DIAG_LIMIT, last_max);
  *v = out | (uint64_t)b << (7 * last);
  (void)span_skip(s, (size_t)last + 1);
  return CWASM_OK;
}
