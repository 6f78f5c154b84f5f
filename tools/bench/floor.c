#include "floor.h"

#include <string.h>

#define AI inline __attribute__((always_inline))

/* 64-byte vectors: one zmm with AVX-512, two ymm with AVX2, four xmm on the
 * baseline; GCC/Clang lower the same source to each. */
typedef uint64_t v64 __attribute__((vector_size(64)));

/* OR of every byte of [p, p + n): the loads cannot be skipped because the
 * result is consumed. Two accumulators keep both load ports busy. */
static AI uint64_t touch(const uint8_t *p, size_t n) {
  v64 a = {0}, b = {0}, t;
  size_t i = 0;
  uint64_t r = 0;
  for (; n - i >= 128; i += 128) {
    memcpy(&t, p + i, 64);
    a |= t;
    memcpy(&t, p + i + 64, 64);
    b |= t;
  }
  if (n - i >= 64) {
    memcpy(&t, p + i, 64);
    a |= t;
    i += 64;
  }
  if (i < n && n >= 64) {
    /* the last 64 bytes, overlapping what was read: OR does not mind */
    memcpy(&t, p + n - 64, 64);
    b |= t;
    i = n;
  }
  for (; n - i >= 8; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    r |= w;
  }
  for (; i < n; i++) r |= p[i];
  a |= b;
  for (unsigned k = 0; k < 8; k++) r |= a[k];
  return r;
}

/* ------------------------------------------------------------ the chain */

enum {
  FLOOR_OP_SKIP = 1,     /* n fixed-width bytes (bools, bincode integers and tags) */
  FLOOR_OP_VARINT,       /* n postcard varints */
  FLOOR_OP_OPT_VARINT,   /* Option tag byte, then a varint when Some (postcard) */
  FLOOR_OP_OPT_SKIP,     /* Option tag byte, then n bytes when Some (bincode) */
  FLOOR_OP_TABLE_VARINT, /* varint variant; 0 (Table) is followed by n bytes (postcard) */
  FLOOR_OP_TABLE_U32     /* u32 variant; 0 (Table) is followed by n bytes (bincode) */
};

static int push_op(floor_chain *c, uint8_t kind, unsigned n) {
  if (n == 0 && kind == FLOOR_OP_SKIP) return 0;
  if (c->nops && (kind == FLOOR_OP_SKIP || kind == FLOOR_OP_VARINT) && c->ops[c->nops - 1].kind == kind &&
      c->ops[c->nops - 1].n + n <= UINT16_MAX) {
    c->ops[c->nops - 1].n = (uint16_t)(c->ops[c->nops - 1].n + n); /* one run: one pointer bump / loop */
    return 0;
  }
  if (c->nops == FLOOR_MAX_OPS || n > UINT16_MAX) return -1;
  c->ops[c->nops].kind = kind;
  c->ops[c->nops++].n = (uint16_t)n;
  return 0;
}

int floor_chain_init(floor_chain *c, const cwasm_layout *layout, size_t engine_off) {
  int pc, rc = 0;
  memset(c, 0, sizeof *c);
  if (!layout) return -1;
  c->engine_off = engine_off;
  c->codec = layout->codec;
  pc = layout->codec == CWASM_CODEC_POSTCARD;
  for (unsigned i = 0; i < layout->tunables_count && rc == 0; i++) {
    const cwasm_tunable_info *t = cwasm_tunable_info_of(layout->tunables[i]);
    if (!t) return -1;
    switch (t->type) {
      case CWASM_TT_U64:
      case CWASM_TT_USIZE: rc = pc ? push_op(c, FLOOR_OP_VARINT, 1) : push_op(c, FLOOR_OP_SKIP, 8); break;
      case CWASM_TT_U32: rc = pc ? push_op(c, FLOOR_OP_VARINT, 1) : push_op(c, FLOOR_OP_SKIP, 4); break;
      case CWASM_TT_BOOL: rc = push_op(c, FLOOR_OP_SKIP, 1); break;
      case CWASM_TT_INTRA_MODULE_INLINING: /* enum variant: u32 */
      case CWASM_TT_INLINING: rc = pc ? push_op(c, FLOOR_OP_VARINT, 1) : push_op(c, FLOOR_OP_SKIP, 4); break;
      case CWASM_TT_OPT_COLLECTOR:  /* Option tag, then the variant (u32) */
      case CWASM_TT_OPT_NONZERO_U32: /* Option tag, then the u32 */
        rc = pc ? push_op(c, FLOOR_OP_OPT_VARINT, 0) : push_op(c, FLOOR_OP_OPT_SKIP, 4);
        break;
      case CWASM_TT_OPERATOR_COST:
        rc = push_op(c, pc ? FLOOR_OP_TABLE_VARINT : FLOOR_OP_TABLE_U32, layout->operator_cost_len);
        break;
      default: return -1;
    }
  }
  if (rc) return -1;
  switch (layout->features) {
    case CWASM_FEATURES_BOOLS: rc = push_op(c, FLOOR_OP_SKIP, layout->feature_bools_count); break;
    case CWASM_FEATURES_U32: rc = pc ? push_op(c, FLOOR_OP_VARINT, 1) : push_op(c, FLOOR_OP_SKIP, 4); break;
    case CWASM_FEATURES_U64: rc = pc ? push_op(c, FLOOR_OP_VARINT, 1) : push_op(c, FLOOR_OP_SKIP, 8); break;
    default: return -1;
  }
  return rc;
}

/*
 * The walkers take `B` (a constant after inlining): 0 for the timed floor,
 * where every test on `lim` folds away and nothing is checked; 1 for the
 * one-time self-check, which must not run off the buffer when the ops do not
 * fit the bytes (it then returns NULL).
 */
#define NEED(k)                                                  \
  do {                                                           \
    if (B && (size_t)(lim - p) < (size_t)(k)) return NULL;       \
  } while (0)

/* A postcard varint's value (no length limit, no checks when !B). Nearly
 * every integer here is one byte: that case goes straight to the value, off
 * the masking, so the chain is load -> add. */
static AI const uint8_t *pc_get(const uint8_t *p, const uint8_t *lim, int B, uint64_t *out) {
  uint64_t b, v;
  unsigned sh = 7;
  if (B && p == lim) return NULL;
  b = *p++;
  if (__builtin_expect(b < 0x80, 1)) {
    *out = b;
    return p;
  }
  v = b & 0x7f;
  do {
    if (B && (p == lim || sh > 63)) return NULL;
    b = *p++;
    v |= (b & 0x7f) << sh;
    sh += 7;
  } while (b & 0x80);
  *out = v;
  return p;
}

/* Past a postcard varint without its value. */
static AI const uint8_t *pc_skip(const uint8_t *p, const uint8_t *lim, int B) {
  uint8_t b;
  do {
    if (B && p == lim) return NULL;
    b = *p++;
  } while (b & 0x80);
  return p;
}

static AI uint64_t le64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

static AI uint32_t le32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap32(v);
#endif
  return v;
}

#define PC_GET(v)                                        \
  do {                                                   \
    if ((p = pc_get(p, lim, B, &(v))) == NULL) return NULL; \
  } while (0)
#define PC_SKIP()                                        \
  do {                                                   \
    if ((p = pc_skip(p, lim, B)) == NULL) return NULL;   \
  } while (0)

/* Tunables and features: the layout's ops. */
static AI const uint8_t *walk_ops(const uint8_t *p, const uint8_t *lim, int B, const floor_chain *c) {
  uint64_t v;
  for (unsigned k = 0; k < c->nops; k++) {
    const floor_op o = c->ops[k];
    switch (o.kind) {
      case FLOOR_OP_SKIP:
        NEED(o.n);
        p += o.n;
        break;
      case FLOOR_OP_VARINT:
        for (unsigned j = 0; j < o.n; j++) PC_SKIP();
        break;
      case FLOOR_OP_OPT_VARINT:
        NEED(1);
        if (*p++) PC_SKIP();
        break;
      case FLOOR_OP_OPT_SKIP:
        NEED(1);
        if (*p++) {
          NEED(o.n);
          p += o.n;
        }
        break;
      case FLOOR_OP_TABLE_VARINT:
        PC_GET(v);
        if (v == 0) {
          NEED(o.n);
          p += o.n;
        }
        break;
      case FLOOR_OP_TABLE_U32:
        NEED(4);
        v = le32(p);
        p += 4;
        if (v == 0) {
          NEED(o.n);
          p += o.n;
        }
        break;
      default:
        if (B) return NULL;
        break;
    }
  }
  return p;
}

/* From the engine section's format byte to the end of its Metadata. */
static AI const uint8_t *walk(const uint8_t *p, const uint8_t *lim, int B, const floor_chain *c) {
  uint64_t len, count, tag;
  NEED(2);
  len = p[1];
  p += 2;
  NEED(len);
  p += len; /* format byte, version length byte, version string */
  if (c->codec == CWASM_CODEC_POSTCARD) {
    PC_GET(len); /* target */
    NEED(len);
    p += len;
    for (unsigned list = 0; list < 2; list++) { /* shared flags, ISA flags */
      PC_GET(count);
      for (uint64_t i = 0; i < count; i++) {
        PC_GET(len); /* name */
        NEED(len);
        p += len;
        PC_GET(tag);
        if (tag == 0) { /* FlagValue::Enum(String) */
          PC_GET(len);
          NEED(len);
          p += len;
        } else { /* Num(u8), Bool(bool) */
          NEED(1);
          p += 1;
        }
      }
    }
  } else {
    NEED(8);
    len = le64(p); /* target */
    p += 8;
    NEED(len);
    p += len;
    for (unsigned list = 0; list < 2; list++) {
      NEED(8);
      count = le64(p);
      p += 8;
      for (uint64_t i = 0; i < count; i++) {
        NEED(8);
        len = le64(p); /* name */
        p += 8;
        NEED(len);
        p += len;
        NEED(4);
        tag = le32(p);
        p += 4;
        if (tag == 0) {
          NEED(8);
          len = le64(p);
          p += 8;
          NEED(len);
          p += len;
        } else {
          NEED(1);
          p += 1;
        }
      }
    }
  }
  return walk_ops(p, lim, B, c);
}

size_t floor_chain_end(const uint8_t *buf, size_t len, const floor_chain *c) {
  const uint8_t *end;
  if (c->engine_off >= len) return SIZE_MAX;
  end = walk(buf + c->engine_off, buf + len, 1, c);
  return end ? (size_t)(end - buf) : SIZE_MAX;
}

#define FLOOR_VARIANT(name, chain_name, attr)                                                   \
  static attr void name(const uint8_t *const volatile *pp, const floor_ranges *r, uint64_t n,   \
                        volatile uint64_t *sink) {                                              \
    for (uint64_t k = 0; k < n; k++) {                                                          \
      const uint8_t *p = *pp;                                                                   \
      uint64_t acc = 0;                                                                         \
      for (unsigned j = 0; j < r->n; j++) acc |= touch(p + r->off[j], r->len[j]);               \
      *sink += acc;                                                                             \
    }                                                                                           \
  }                                                                                             \
  static attr void chain_name(const uint8_t *const volatile *pp, const floor_ranges *r,         \
                              const floor_chain *c, uint64_t n, volatile uint64_t *sink) {      \
    for (uint64_t k = 0; k < n; k++) {                                                          \
      const uint8_t *p = *pp;                                                                   \
      uint64_t acc = 0;                                                                         \
      for (unsigned j = 0; j < r->n; j++) acc |= touch(p + r->off[j], r->len[j]);               \
      *sink += acc + (uint64_t)(walk(p + c->engine_off, NULL, 0, c) - p);                       \
    }                                                                                           \
  }

#if defined(__x86_64__) && defined(__GNUC__)
FLOOR_VARIANT(floor_avx512, chain_avx512, __attribute__((target("avx512f"))))
FLOOR_VARIANT(floor_avx2, chain_avx2, __attribute__((target("avx2"))))
#endif
FLOOR_VARIANT(floor_base, chain_base, )

void floor_batch(const uint8_t *const volatile *pp, const floor_ranges *r, uint64_t n,
                 volatile uint64_t *sink) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512f")) {
    floor_avx512(pp, r, n, sink);
    return;
  }
  if (__builtin_cpu_supports("avx2")) {
    floor_avx2(pp, r, n, sink);
    return;
  }
#endif
  floor_base(pp, r, n, sink);
}

void floor_chain_batch(const uint8_t *const volatile *pp, const floor_ranges *r, const floor_chain *c,
                       uint64_t n, volatile uint64_t *sink) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512f")) {
    chain_avx512(pp, r, c, n, sink);
    return;
  }
  if (__builtin_cpu_supports("avx2")) {
    chain_avx2(pp, r, c, n, sink);
    return;
  }
#endif
  chain_base(pp, r, c, n, sink);
}

const char *floor_isa(void) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512f")) return "avx512f";
  if (__builtin_cpu_supports("avx2")) return "avx2";
#endif
  return "baseline";
}
