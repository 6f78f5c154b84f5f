/*
 * The pipeline split where the loader's fast path (prepared.c) needs it:
 * the parse in three steps, and the check with its items after the engine
 * section was chosen taken from, or given to, a prepared reference.
 */
#ifndef CWASM_PIPELINE_H
#define CWASM_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"

/* artifact.c. cwasm_parse is front, back, finish; each returns at the first
 * failure. `diag` is never NULL.
 *
 * The back half's members, version to meta, are one block of the struct
 * (ARTIFACT_BACK_AT, ARTIFACT_BACK_SIZE) that the front never writes. Front
 * zeroes the whole of `out` once the arguments pass (artifact_front_writes),
 * the block only when `zero_back`; without it the caller fills the block
 * whole or zeroes it (artifact_zero_back). */
#define ARTIFACT_BACK_AT offsetof(cwasm_artifact, version)
#define ARTIFACT_BACK_SIZE (offsetof(cwasm_artifact, warnings) - ARTIFACT_BACK_AT)
static inline bool artifact_front_writes(const uint8_t *buf, size_t len, const cwasm_artifact *out) {
  return out && (buf || !len);
}
void artifact_zero_back(cwasm_artifact *out);
cwasm_status artifact_parse_front(const uint8_t *buf, size_t len, const cwasm_options *opt, cwasm_artifact *out,
                                  bool zero_back, cwasm_diag *diag);
cwasm_status artifact_parse_back(cwasm_artifact *out, const cwasm_options *opt, cwasm_diag *diag);
void artifact_parse_finish(cwasm_artifact *out);

/*
 * policy.c. The check's tail is everything after the ELF checks and the
 * choice of the engine section: version, metadata, target, flags, Tunables,
 * features. It depends on the engine section's bytes, the metadata decoded
 * from them and the host only.
 *
 * check_capture: run the check of `a` without a report; the tail's items go
 * to `items` (capacity `cap`), its counts to `tail`. False when there is no
 * tail (no engine section chosen) or it had more than `cap` items.
 *
 * check_replay: cwasm_check, except that the `count` given items take the
 * tail's place, each offset other than CWASM_NO_OFFSET moved by `delta`
 * (modulo 2^64). `a` must have exactly one engine section and `h` a known
 * release.
 */
typedef struct check_tail_items {
  uint32_t findings, warnings, notes, count;
} check_tail_items;

bool check_capture(const cwasm_artifact *a, const cwasm_host *h, cwasm_finding *items, uint32_t cap,
                   check_tail_items *tail);
void check_replay(const cwasm_artifact *a, const cwasm_host *h, cwasm_report *r, const cwasm_finding *items,
                  uint32_t count, uint64_t delta);

#endif
