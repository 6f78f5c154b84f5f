/*
 * The loader's fast path (policy.h, "prepared"): what the parse and the check
 * derive from the engine section's bytes is computed once, for a reference
 * artifact, and copied into the results of every input whose engine section
 * is the same bytes. Everything that depends on the rest of the file (the
 * ELF stages, the engine section's place, the ELF checks, e_machine) always
 * runs on the input.
 *
 * Moving a result from the reference to an input: views into the prepared
 * copy of the engine section become the same-length views at the same
 * position of the input's engine section; absolute offsets move by the
 * difference of the two sections' offsets; the engine section's index in
 * warnings becomes the input's. Equality with the full path, member by
 * member, is what tests/test_prepared.c and the fuzz_prepared harness assert.
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"
#include "pipeline.h"

/* ------------------------------------------------------------ moving */

typedef struct mover {
  const uint8_t *from; /* the prepared copy the results were decoded from */
  span to;             /* the input's engine section (same length) */
  uint64_t delta;      /* to.off - from's offset, modulo 2^64 */
  uint32_t from_index, to_index;
} mover;

/* A view into the prepared copy as the view at the same position of the
 * input's engine section. Every view of the moved results is NULL (empty)
 * or points into the copy, which has the input section's length; a pointer
 * anywhere else would fail span_sub and be left alone. */
static const void *move_ptr(const mover *m, const void *p, size_t n) {
  span out;
  out.p = p;
  if (p) (void)span_sub(m->to, (uint64_t)((uintptr_t)p - (uintptr_t)m->from), n, &out);
  return out.p;
}

static void move_str(const mover *m, cwasm_str *s) { s->p = (const char *)move_ptr(m, s->p, s->n); }
static void move_bytes(const mover *m, cwasm_bytes *b) { b->p = (const uint8_t *)move_ptr(m, b->p, b->n); }
/* Offsets of decoded fields and of warnings are always absolute positions. */
static void move_off(const mover *m, uint64_t *off) { *off += m->delta; }

/* md is a fresh copy of from: offsets are computed from from's (not read
 * back from the stores that just wrote md). */
static void move_meta(const mover *m, cwasm_metadata *md, const cwasm_metadata *from) {
  move_str(m, &md->target);
  move_off(m, &md->target_offset);
  move_bytes(m, &md->shared_flags.raw);
  move_off(m, &md->shared_flags.raw_offset);
  move_bytes(m, &md->isa_flags.raw);
  move_off(m, &md->isa_flags.raw_offset);
  /* Tunables: absent fields have neither offset nor view (branch-free: present is 0 or 1);
   * the OperatorCost table is the only view */
  for (size_t i = 0; i < CWASM_T__COUNT; i++)
    md->tunables.f[i].offset = from->tunables.f[i].offset + (m->delta & (0 - (uint64_t)from->tunables.f[i].present));
  move_bytes(m, &md->tunables.f[CWASM_T_OPERATOR_COST].table);
  move_off(m, &md->features.offset);
}

/* ------------------------------------------------------------ prepare */

/* What the back half of the parse decided: decoded from the copy with the
 * prepared options, it must be what it was for the reference, or the
 * reference was parsed with other options. */
typedef struct back_key {
  const cwasm_release *release;
  const cwasm_layout *layout;
  uint64_t candidates, consumed, trailing;
  uint32_t stages, layout_source, have, version_kind;
} back_key;

static back_key key_of(const cwasm_artifact *a) {
  back_key k;
  memset(&k, 0, sizeof k);
  k.release = a->release;
  k.layout = a->meta.layout;
  k.candidates = a->candidates;
  k.consumed = a->meta.consumed;
  k.trailing = a->meta.trailing_bytes;
  k.stages = a->stages;
  k.layout_source = (uint32_t)a->layout_source;
  k.have = a->meta.have;
  k.version_kind = (uint32_t)a->version.kind;
  return k;
}

static cwasm_status prepare_fail(cwasm_prepared *out, cwasm_diag *diag, cwasm_status st, const char *field) {
  memset(out, 0, sizeof *out);
  return diag_set(diag, st, 0, CWASM_NO_SECTION, field);
}

cwasm_status cwasm_prepare(const cwasm_host *host, const cwasm_artifact *ref, const cwasm_options *opt,
                           cwasm_prepared *out, cwasm_diag *diag) {
  cwasm_diag scratch;
  cwasm_artifact t; /* the reference, with what its engine section gives decoded from the copy */
  cwasm_status st;
  check_tail_items tail;
  bool copied = false;
  diag = diag_or_scratch(diag, &scratch);
  diag_clear(diag);
  if (!out) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "prepared");
  memset(out, 0, sizeof *out);
  if (!ref || (ref->stages & CWASM_STAGE_METADATA) == 0)
    return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "reference");
  if (opt) out->opt = *opt;

  t = *ref;
  if (ref->engine.count == 1 && ref->engine.section.data.n <= CWASM_PREPARED_ENGINE_MAX) {
    /* copy the engine section; split it and run the back half of the parse again on the copy */
    cwasm_bytes copy;
    back_key want = key_of(ref), got;
    out->engine_len = (uint32_t)ref->engine.section.data.n;
    out->engine_index = ref->engine.section.index;
    out->engine_offset = ref->engine.section.offset;
    memcpy(out->engine, ref->engine.section.data.p, out->engine_len); /* >= 2 bytes: it was split */
    copy.p = out->engine;
    copy.n = out->engine_len;
    /* cannot fail: the same bytes were split when ref was parsed (and a failure would
     * leave a framing the back half rejects) */
    st = cwasm_engine_split(copy, out->engine_offset, &t.engine, diag);
    t.engine.section.data = copy;
    memset(&t.version, 0, sizeof t.version);
    memset(&t.meta, 0, sizeof t.meta);
    memset(&t.warnings, 0, sizeof t.warnings);
    t.stages &= CWASM_STAGE_ELF | CWASM_STAGE_ENGINE;
    t.release = NULL;
    t.layout_source = CWASM_LAYOUT_NONE;
    t.candidates = 0;
    st = artifact_parse_back(&t, &out->opt, diag);
    got = key_of(&t);
    if (st != CWASM_OK || memcmp(&got, &want, sizeof got) != 0)
      return prepare_fail(out, diag, CWASM_E_ARGUMENT, "reference");
    out->version = t.version;
    out->release = t.release;
    out->layout_source = t.layout_source;
    out->candidates = t.candidates;
    out->meta = t.meta;
    out->warnings = t.warnings;
    t.warnings = ref->warnings; /* the check below copies the reference's own */
    copied = out->warnings.dropped == 0;
  }

  if (host) {
    out->host = *host;
  } else {
    /* from the copy: its OperatorCost table points into out->engine */
    st = cwasm_host_from_reference(&t, NULL, &out->host, diag);
    if (st != CWASM_OK) {
      memset(out, 0, sizeof *out);
      return st;
    }
  }
  if (!cwasm_release_get(out->host.release))
    return prepare_fail(out, diag, CWASM_E_RELEASE_UNKNOWN, "host.release");

  /* the check's tail, once: what every input with these engine bytes gets */
  if (copied && check_capture(&t, &out->host, out->items, CWASM_PREPARED_MAX_ITEMS, &tail)) {
    out->findings = tail.findings;
    out->item_warnings = tail.warnings;
    out->notes = tail.notes;
    out->count = tail.count;
    out->shortcut = 1;
  } else {
    memset(out->items, 0, sizeof out->items);
  }
  return CWASM_OK;
}

/* ------------------------------------------------------------ check */

/* The input's engine section is the only one, and the reference's bytes. */
static bool same_engine(const cwasm_prepared *p, const cwasm_artifact *a) {
  const cwasm_bytes d = a->engine.section.data;
  /* with the shortcut on, engine_len >= 2: d.p is not NULL when the lengths agree */
  return p->shortcut && a->engine.count == 1 && d.n == p->engine_len && memcmp(d.p, p->engine, d.n) == 0;
}

/* The prepared members version .. meta are the artifact's back block, member for member. */
#define SAME_PLACE(member)                                                                            \
  _Static_assert(offsetof(cwasm_prepared, member) - offsetof(cwasm_prepared, version) ==             \
                     offsetof(cwasm_artifact, member) - ARTIFACT_BACK_AT,                           \
                 "cwasm_prepared." #member " is not where the artifact's back block has it")
SAME_PLACE(release);
SAME_PLACE(layout_source);
SAME_PLACE(candidates);
SAME_PLACE(meta);
_Static_assert(offsetof(cwasm_prepared, meta) + sizeof(cwasm_metadata) - offsetof(cwasm_prepared, version) ==
                   ARTIFACT_BACK_SIZE,
               "the artifact's back block ends with meta");

/* artifact_parse_back's results for the input, from the prepared ones. */
static void take_back(const cwasm_prepared *p, cwasm_artifact *a) {
  mover m;
  m.from = p->engine;
  m.to = span_from_bytes(a->engine.section.data, a->engine.section.offset);
  m.delta = a->engine.section.offset - p->engine_offset;
  m.from_index = p->engine_index;
  m.to_index = a->engine.section.index;

  /* version .. meta in one copy, padding included (the prepared struct was zeroed first) */
  copy_out((unsigned char *)a + ARTIFACT_BACK_AT, &p->version, ARTIFACT_BACK_SIZE);
  move_str(&m, &a->version.text);
  move_meta(&m, &a->meta, &p->meta);
  for (uint32_t i = 0; i < p->warnings.count; i++) {
    cwasm_diag d = p->warnings.items[i];
    move_off(&m, &d.offset);
    if (d.section == m.from_index) d.section = m.to_index;
    warn_add_diag(&a->warnings, &d);
  }
  a->stages |= CWASM_STAGE_VERSION | CWASM_STAGE_METADATA;
}

cwasm_status cwasm_parse_check(const cwasm_prepared *p, const uint8_t *buf, size_t len, cwasm_artifact *a,
                               cwasm_report *r, cwasm_diag *diag) {
  cwasm_diag scratch;
  cwasm_status st;
  diag = diag_or_scratch(diag, &scratch);
  diag_clear(diag);
  if (!p || !r) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, p ? "report" : "prepared");
  /* the back block is either taken from the prepared results whole, or zeroed here */
  st = artifact_parse_front(buf, len, &p->opt, a, false, diag);
  if (st == CWASM_OK && same_engine(p, a)) {
    take_back(p, a);
    artifact_parse_finish(a);
    check_replay(a, &p->host, r, p->items, p->count, a->engine.section.offset - p->engine_offset);
    return CWASM_OK;
  }
  if (artifact_front_writes(buf, len, a)) artifact_zero_back(a);
  if (st == CWASM_OK) st = artifact_parse_back(a, &p->opt, diag);
  if (st != CWASM_OK) {
    memset(r, 0, offsetof(cwasm_report, items));
    r->host_release = p->host.release;
    return st;
  }
  artifact_parse_finish(a);
  return cwasm_check(a, &p->host, r);
}
