/*
 * The floor: the cost of only touching the bytes any verifier must read
 * (the ELF header, every section header, every byte of the engine section),
 * with wide vector loads and no checks at all. Where those bytes are is
 * worked out before timing; the timed work is the loads and one OR-reduction
 * per range. Nothing that validates can be faster on this machine, so the
 * library's time divided by this is its overhead over the physical limit.
 */
#ifndef CWASM_BENCH_FLOOR_H
#define CWASM_BENCH_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#define FLOOR_MAX_RANGES 3

typedef struct floor_ranges {
  size_t off[FLOOR_MAX_RANGES];
  size_t len[FLOOR_MAX_RANGES];
  unsigned n;
} floor_ranges;

/* Run the floor `n` times over the buffer *pp points to (re-read through the
 * volatile each time), accumulating into *sink. Uses the widest vectors this
 * CPU has (AVX-512, AVX2, else the baseline: SSE2 on x86_64). */
void floor_batch(const uint8_t *const volatile *pp, const floor_ranges *r, uint64_t n,
                 volatile uint64_t *sink);

/* "avx512f", "avx2" or "baseline": what floor_batch uses here. */
const char *floor_isa(void);

#endif
