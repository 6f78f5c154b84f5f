/*
 * The tests' pseudo-random numbers: xorshift64 (Marsaglia), deterministic
 * from the seed, so a failing run repeats exactly. Not for anything else.
 */
#ifndef CWASM_TEST_XORSHIFT_H
#define CWASM_TEST_XORSHIFT_H

#include <stdint.h>

/* The next number of the sequence held in *state (never 0). */
static inline uint64_t xorshift64(uint64_t *state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *state = x;
  return x;
}

#endif
