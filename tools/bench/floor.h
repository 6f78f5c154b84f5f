/*
 * The two floors: what any verifier must at least do, with no checks at all.
 *
 * touch   only touch the bytes any verifier must read (the ELF header, every
 *         section header, every byte of the engine section) with wide vector
 *         loads, one OR-reduction per range. Memory-bound: the limit for
 *         reading the bytes, but it ignores that the Metadata is a chain.
 *
 * floor   touch, plus the serial chain of the Metadata: a postcard/bincode
 *         reader cannot know where field N+1 starts before it has read field
 *         N's length (or tag), so the walk along the real structure (version
 *         string by its length byte, target string, both flag lists entry by
 *         entry, every Tunables field, the features) is a dependent chain of
 *         loads that no vector unit shortens. The walk has no bounds tests,
 *         no stores and no checks of any kind; runs of fixed-width fields
 *         (bools, bincode integers) are one pointer bump. The structure comes
 *         from the library's public layout tables (cwasm_layout,
 *         cwasm_tunable_info_of), compiled into a short op list before
 *         timing; the library's decoder is not called.
 *
 * Where the bytes are is worked out before timing. Nothing that validates
 * can be faster on this machine than `floor`, so the library's time divided
 * by it is its overhead over the physical limit; `touch` is shown beside it
 * so that the cost of the chain itself stays visible.
 */
#ifndef CWASM_BENCH_FLOOR_H
#define CWASM_BENCH_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"

#define FLOOR_MAX_RANGES 3

typedef struct floor_ranges {
  size_t off[FLOOR_MAX_RANGES];
  size_t len[FLOOR_MAX_RANGES];
  unsigned n;
} floor_ranges;

/* One step of the walk after the flag lists (Tunables, features). */
typedef struct floor_op {
  uint8_t kind; /* FLOOR_OP_* (floor.c) */
  uint16_t n;   /* bytes to skip, varints to skip, or the OperatorCost table length */
} floor_op;

#define FLOOR_MAX_OPS 96

/* The chain of one artifact's Metadata: where its engine section starts and
 * the layout's fields as ops. */
typedef struct floor_chain {
  size_t engine_off; /* file offset of the engine section (its format byte) */
  cwasm_codec codec;
  unsigned nops;
  floor_op ops[FLOOR_MAX_OPS];
} floor_chain;

/* Compile `layout` (the one that decoded the artifact) into *c for the engine
 * section at file offset `engine_off`. 0, or -1 for a layout the walker does
 * not know (a table row it has no op for). */
int floor_chain_init(floor_chain *c, const cwasm_layout *layout, size_t engine_off);

/* Where the walk over the `len` bytes of `buf` ends: the file offset just
 * past the last Metadata field, for the one-time self-check against the
 * decoder's metadata_offset + consumed. This walk is the timed one with
 * bounds tests added: SIZE_MAX when it would leave the buffer. */
size_t floor_chain_end(const uint8_t *buf, size_t len, const floor_chain *c);

/* touch: run it `n` times over the buffer *pp points to (re-read through the
 * volatile each time), accumulating into *sink. Uses the widest vectors this
 * CPU has (AVX-512, AVX2, else the baseline: SSE2 on x86_64). */
void floor_batch(const uint8_t *const volatile *pp, const floor_ranges *r, uint64_t n,
                 volatile uint64_t *sink);

/* floor: touch plus the chain walk, `n` times. */
void floor_chain_batch(const uint8_t *const volatile *pp, const floor_ranges *r, const floor_chain *c,
                       uint64_t n, volatile uint64_t *sink);

/* "avx512f", "avx2" or "baseline": what floor_batch uses here. */
const char *floor_isa(void);

#endif
