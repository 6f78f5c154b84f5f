#include "floor.h"

#include <string.h>

/* 64-byte vectors: one zmm with AVX-512, two ymm with AVX2, four xmm on the
 * baseline; GCC/Clang lower the same source to each. */
typedef uint64_t v64 __attribute__((vector_size(64)));

/* OR of every byte of [p, p + n): the loads cannot be skipped because the
 * result is consumed. Two accumulators keep both load ports busy. */
static inline __attribute__((always_inline)) uint64_t touch(const uint8_t *p, size_t n) {
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

#define FLOOR_VARIANT(name, attr)                                                               \
  static attr void name(const uint8_t *const volatile *pp, const floor_ranges *r, uint64_t n,   \
                        volatile uint64_t *sink) {                                              \
    for (uint64_t k = 0; k < n; k++) {                                                          \
      const uint8_t *p = *pp;                                                                   \
      uint64_t acc = 0;                                                                         \
      for (unsigned j = 0; j < r->n; j++) acc |= touch(p + r->off[j], r->len[j]);               \
      *sink += acc;                                                                             \
    }                                                                                           \
  }

#if defined(__x86_64__) && defined(__GNUC__)
FLOOR_VARIANT(floor_avx512, __attribute__((target("avx512f"))))
FLOOR_VARIANT(floor_avx2, __attribute__((target("avx2"))))
#endif
FLOOR_VARIANT(floor_base, )

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

const char *floor_isa(void) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512f")) return "avx512f";
  if (__builtin_cpu_supports("avx2")) return "avx2";
#endif
  return "baseline";
}
