/*
 * Serde wire primitives for the two codecs Wasmtime used for Metadata:
 * bincode 1.3 legacy config (v3-v20) and postcard 1.x (v21+). The schema
 * walker in metadata.c calls these through one interface, so each layout
 * is described once and read by either codec.
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

/* wire.c: every read fails without consuming and fills the diag. */
cwasm_status wire_u8(wire *w, const char *field, uint8_t *v);
cwasm_status wire_bool(wire *w, const char *field, uint8_t *v);
cwasm_status wire_u32(wire *w, const char *field, uint32_t *v);
cwasm_status wire_u64(wire *w, const char *field, uint64_t *v);
cwasm_status wire_usize(wire *w, const char *field, uint64_t *v);
/* Sequence/map count; fails with E_META_LENGTH when count * min_elem_size
 * cannot fit in the bytes left, so no loop ever trusts a count. */
cwasm_status wire_count(wire *w, const char *field, size_t min_elem_size, uint64_t *count);
/* Enum variant index < nvariants, else E_META_ENUM. */
cwasm_status wire_variant(wire *w, const char *field, uint32_t nvariants, uint32_t *v);
/* Option tag 0/1, else E_META_OPTION. */
cwasm_status wire_option(wire *w, const char *field, uint8_t *is_some);
/* Length-prefixed UTF-8 string. */
cwasm_status wire_str(wire *w, const char *field, cwasm_str *out);
/* n raw bytes. */
cwasm_status wire_raw(wire *w, const char *field, size_t n, span *out);

/* Smallest encoding of one flag entry (name + FlagValue), for wire_count. */
size_t wire_min_flag_entry(cwasm_codec c);

#endif
