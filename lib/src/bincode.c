/* bincode 1.3 legacy configuration (spec §4.1): fixed-width little-endian. */
#include "wire.h"

cwasm_status bincode_fixed(span *s, unsigned bytes, uint64_t *v, cwasm_diag *d, const char *field) {
  bool ok;
  uint64_t t = 0;
  if (bytes == 4) {
    uint32_t u = 0;
    ok = span_u32(s, false, &u);
    t = u;
  } else { /* 8: single bytes are read by wire_u8 */
    ok = span_u64(s, false, &t);
  }
  if (!ok) return diag_set(d, CWASM_E_META_TRUNCATED, s->off, CWASM_NO_SECTION, field);
  *v = t;
  return CWASM_OK;
}
