/*
 * Shared pieces of the benchmark programs (tools/bench): reading files, the
 * timing method, the callgrind markers, and how an artifact is paired with
 * the reference artifact its check runs against. Tools may allocate.
 */
#ifndef CWASM_BENCH_COMMON_H
#define CWASM_BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"

/* ------------------------------------------------------------------ files */

/* The whole file, malloc'ed (at least 1 byte, so an empty file is not NULL).
 * NULL when unreadable. */
uint8_t *bench_slurp(const char *path, size_t *len);
/* The libelf baseline's locate step (libelf initialised by the caller with
 * elf_version): the engine section's size + 1, or 0 when not found. */
size_t bench_libelf_locate(uint8_t *img, size_t len);
/* The part after the last '/'. */
const char *bench_basename(const char *path);

/* ----------------------------------------------------------------- timing */

/*
 * The method, identical in object-locate/src/main.rs:
 *  - warm up with 16 calls;
 *  - the clock is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID): while
 *    other jobs hold the core the round's clock stops, instead of charging
 *    their time to the step;
 *  - calibrate a batch so that one batch takes about 50 us (the clock read,
 *    ~100 ns as a system call, is then < 0.2% of it) from the time of 16 calls;
 *  - a round runs batches until at least `min_ns` of CPU time have passed;
 *  - the result is the best (minimum) ns per call over `rounds` rounds: the
 *    least disturbed round on a shared 2-core machine. cwasm-bench runs the
 *    rounds of all steps of one artifact in turn (round 1 of every step, then
 *    round 2, ...), so that load from other jobs hits them alike.
 * The step itself must read its input through a volatile and feed its result
 * to a volatile sink (see bench.c), so no call can be hoisted or dropped.
 */
typedef void (*bench_batch_fn)(void *ctx, uint64_t n);

typedef struct bench_method {
  unsigned rounds;  /* >= 1; 5 by default */
  uint64_t min_ns;  /* per round; 200 ms by default */
} bench_method;

double bench_now_ns(void);
/* Warm up and return the batch size for fn. */
uint64_t bench_calibrate(bench_batch_fn fn, void *ctx);
/* One round: ns per call. */
double bench_round(const bench_method *m, bench_batch_fn fn, void *ctx, uint64_t batch);
/* Calibrate, then the best of m->rounds rounds. */
double bench_measure(const bench_method *m, bench_batch_fn fn, void *ctx);

/* -------------------------------------------------------------- callgrind */

/* Entry to these is where callgrind zeroes and dumps its counters
 * (--zero-before=cwasm_bench_zero --dump-before=cwasm_bench_dump). */
void cwasm_bench_zero(void);
void cwasm_bench_dump(void);

/* -------------------------------------------------------------- reference */

/*
 * The check of an artifact runs against a host built once from a reference
 * artifact of the same release, kind, version strategy and (when the corpus
 * generator knows it) target: what the host's own engine would write. Its
 * file name in the references directory is derived from those, so that
 * scripts/bench.sh can write each one once with cwasm-corpus:
 *   r<release>-<kind>-<triple>-<default|none|custom-XXXXXXXX>.cwasm
 * `version_arg` is cwasm-corpus's --version value (default, none,
 * custom:STRING). Returns 0, or -1 when `a` has no decoded release.
 */
int bench_ref_spec(const cwasm_artifact *a, char *name, size_t name_cap, char *version_arg,
                   size_t version_cap);

#endif
