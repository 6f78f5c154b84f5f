/* postcard 1.x varints (spec §4.2): LEB128, at most ceil(bits/7) bytes; the
 * last permitted byte must not continue and must not carry bits beyond the
 * type. Over-long (non-canonical) encodings are accepted, as postcard does. */
#include "wire.h"

cwasm_status postcard_varint(span *s, unsigned bits, uint64_t *v, cwasm_diag *d, const char *field) {
  const unsigned max_bytes = (bits + 6) / 7;
  /* bits the last byte may carry: 64 -> 1 (<= 0x01), 32 -> 4 (<= 0x0f) */
  const unsigned last_bits = bits - 7 * (max_bytes - 1);
  const uint8_t last_max = (uint8_t)((1u << last_bits) - 1u);
  span cur = *s;
  uint64_t out = 0;
  /* Ends within max_bytes: the last permitted byte is either > last_max
   * (an error) or <= last_max < 0x80, which does not continue. */
  for (unsigned i = 0;; i++) {
    uint8_t b;
    if (!span_u8(&cur, &b)) return diag_set(d, CWASM_E_META_TRUNCATED, cur.off, CWASM_NO_SECTION, field);
    if (i == max_bytes - 1 && b > last_max)
      return diag_set_v(d, CWASM_E_META_VARINT, s->off, CWASM_NO_SECTION, field, b, CWASM_DIAG_LIMIT,
                        last_max);
    out |= (uint64_t)(b & 0x7fu) << (7 * i);
    if (!(b & 0x80u)) {
      *v = out;
      *s = cur;
      return CWASM_OK;
    }
  }
}
