/*
 * The whole pipeline: input kind → ELF → engine section → version →
 * metadata, with the layout chosen by the version string and, where the
 * string names no release (Custom / None strategies) or its layout does not
 * fit (development builds, forks), inferred by trying every layout.
 */
#include <string.h>

#include "internal.h"
#include "legacy.h"
#include "pipeline.h"

static const uint8_t wasm_magic[4] = {0, 'a', 's', 'm'};

typedef struct fit {
  const cwasm_layout *layout;   /* best layout found (exact fit), or NULL */
  uint64_t candidates;          /* majors of every exactly fitting layout */
  unsigned n_layouts;           /* number of exactly fitting layouts */
  cwasm_metadata meta;          /* decode under `layout` */
  cwasm_diag furthest;          /* when nothing fits: the failure that got furthest */
  cwasm_metadata furthest_meta; /* and what it decoded before failing */
} fit;

/* Layouts are the library's own, within CWASM_FIRST_RELEASE..CWASM_LAST_RELEASE. */
_Static_assert(CWASM_LAST_RELEASE < 64, "candidates is a 64-bit mask of majors");

static uint64_t release_bits(const cwasm_layout *l) {
  uint64_t bits = 0;
  for (unsigned m = l->first_release; m <= l->last_release; m++) bits |= (uint64_t)1 << m;
  return bits;
}

/* Distance of a layout's release range from `major`, preferring older layouts
 * (a development build of vN writes vN's string over an older layout): odd
 * below, even above, so no two layouts are at the same distance. */
static unsigned layout_distance(const cwasm_layout *l, unsigned major) {
  if (major == 0) return 0;
  if (l->last_release < major) return 2u * (major - l->last_release) - 1u;
  /* unreachable: major inside the range (": 0"). infer_layout gets a hint only
   * for an unknown release, which no layout holds, or for a release whose own
   * layout has just failed, and layouts' ranges do not overlap */
  return l->first_release > major ? 2u * (l->first_release - major) : 0;
}

/* The prefix decode of one codec, shared by all its layouts. */
typedef struct prefix {
  int done;
  cwasm_status st;
  cwasm_diag d;
  cwasm_metadata m; /* target and flag lists; Tunables untouched (zero) */
  cwasm_bytes rest;
  uint64_t rest_offset;
} prefix;

/*
 * Try every layout; keep those that decode all bytes with valid values. The
 * target and flag lists (most of the bytes) have one wire shape per codec:
 * they are decoded once per codec, and only Tunables and features once per
 * layout -- 2 + 30 partial decodes instead of 30 full ones plus the winner's
 * second decode (the winner is kept as decoded).
 */
static void infer_layout(cwasm_bytes meta, uint64_t off, const cwasm_options *opt, unsigned near_major, fit *f) {
  static const cwasm_metadata zero_meta;
  cwasm_metadata trial;
  prefix pre[2]; /* [0] bincode, [1] postcard */
  cwasm_diag d;
  unsigned best_dist = ~0u;
  memset(f, 0, sizeof *f);
  pre[0].done = pre[1].done = 0;
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    prefix *p = &pre[l->codec == CWASM_CODEC_POSTCARD];
    cwasm_status st;
    if (!p->done) {
      p->st = metadata_decode_prefix(meta, off, l, opt, &p->m, &p->d, &p->rest, &p->rest_offset);
      p->done = 1;
    }
    trial = p->m;
    if (p->st != CWASM_OK) {
      /* the prefix failed: every layout of this codec fails there, as a full decode would */
      st = p->st;
      d = p->d;
      trial.layout = l;
      trial.shared_flags.is_map = trial.isa_flags.is_map = l->flags_map;
    } else {
      st = metadata_decode_rest(p->rest, p->rest_offset, off, l, &trial, &d);
    }
    if (st == CWASM_OK && trial.trailing_bytes == 0) {
      unsigned dist = layout_distance(l, near_major);
      f->candidates |= release_bits(l);
      f->n_layouts++;
      /* Equals happen only without a hint (every distance 0): then the newest
       * layout, tried last, wins, as later releases are more common. */
      if (dist <= best_dist) {
        f->layout = l;
        f->meta = trial;
        best_dist = dist;
      }
    } else {
      uint64_t reach = st == CWASM_OK ? trial.consumed + off : d.offset;
      if (st == CWASM_OK) {
        d.code = CWASM_W_TRAILING_BYTES;
        d.offset = reach;
        d.field = "metadata";
        d.section = CWASM_NO_SECTION;
        d.has_actual = 1;
        d.actual = trial.trailing_bytes;
        d.has_expected = CWASM_DIAG_EXPECTED;
        d.expected = 0;
      }
      if (f->furthest.code == CWASM_OK || reach > f->furthest.offset) {
        f->furthest = d;
        f->furthest_meta = trial;
      }
    }
  }
  if (!f->layout) f->meta = zero_meta;
}

/* e_machine each architecture is written with (Pulley is written as RISC-V). */
static void check_machine(cwasm_artifact *out) {
  static const struct {
    const char *prefix;
    uint16_t machine;
  } arch[] = {{"x86_64", 62}, {"aarch64", 183}, {"s390x", 22}, {"riscv64", 243}, {"pulley", 243}};
  cwasm_str t = out->meta.target;
  for (size_t i = 0; i < sizeof arch / sizeof arch[0]; i++) {
    size_t n = strlen(arch[i].prefix);
    if (t.n >= n && memcmp(t.p, arch[i].prefix, n) == 0) {
      if (out->elf.machine != arch[i].machine)
        warn_add(&out->warnings, CWASM_W_E_MACHINE, 18, CWASM_NO_SECTION, "e_machine", out->elf.machine,
                 CWASM_DIAG_EXPECTED, arch[i].machine);
      return;
    }
  }
}

/* The release of `l` nearest to `major` (newest when there is no hint). */
static const cwasm_release *nearest_release(const cwasm_layout *l, unsigned major) {
  unsigned m = l->last_release;
  /* unreachable: major inside the range (": major"), as in layout_distance */
  if (major && major < l->last_release) m = major < l->first_release ? l->first_release : major;
  return cwasm_release_get(m);
}

static void use_fit(cwasm_artifact *out, const fit *f, unsigned hint) {
  out->meta = f->meta;
  out->release = nearest_release(f->layout, hint);
  out->layout_source = CWASM_LAYOUT_INFERRED;
  out->candidates = f->candidates;
}

static cwasm_status decode_release(cwasm_artifact *out, const cwasm_options *opt, cwasm_diag *diag) {
  const cwasm_bytes mb = out->engine.metadata;
  const uint64_t mo = out->engine.metadata_offset;
  const cwasm_version *v = &out->version;
  const cwasm_release *r = cwasm_release_get(v->major);
  cwasm_diag release_diag;
  fit f;
  cwasm_status st;

  if (!v->canonical)
    warn_add(&out->warnings, CWASM_W_VERSION_FORM, out->engine.version_offset, out->engine.section.index,
             "version", v->major, 0, 0);
  st = cwasm_metadata_decode(mb, mo, r->layout, opt, &out->meta, diag);
  if (st == CWASM_OK && out->meta.trailing_bytes == 0) {
    out->release = r;
    out->layout_source = CWASM_LAYOUT_RELEASE;
    out->candidates = release_bits(r->layout);
    return CWASM_OK;
  }
  release_diag = *diag;
  infer_layout(mb, mo, opt, v->major, &f);
  if (f.layout) {
    /* the bytes are another release's layout under this version string */
    use_fit(out, &f, v->major);
    if (!opt_lenient(opt))
      return diag_set_v(diag, CWASM_E_META_LAYOUT_MISMATCH, mo, out->engine.section.index, "metadata",
                        out->release->major, CWASM_DIAG_EXPECTED, v->major);
    warn_add(&out->warnings, CWASM_W_LAYOUT_DEV_BUILD, mo, out->engine.section.index, "metadata",
             out->release->major, CWASM_DIAG_EXPECTED, v->major);
    diag_clear(diag); /* the release layout's failure is superseded */
    return CWASM_OK;
  }
  /* nothing fits exactly: report under the release's own layout */
  *diag = release_diag;
  if (st == CWASM_OK) {
    /* decodes with bytes left over, which Wasmtime ignores */
    diag_clear(diag);
    out->release = r;
    out->layout_source = CWASM_LAYOUT_RELEASE;
    out->candidates = release_bits(r->layout);
  }
  return st;
}

static cwasm_status decode_metadata(cwasm_artifact *out, const cwasm_options *opt, cwasm_diag *diag) {
  const cwasm_bytes mb = out->engine.metadata;
  const uint64_t mo = out->engine.metadata_offset;
  const cwasm_version *v = &out->version;
  unsigned hint = 0;
  fit f;

  if (opt && opt->release) {
    const cwasm_release *r = cwasm_release_get(opt->release);
    if (!r)
      return diag_set_v(diag, CWASM_E_RELEASE_UNKNOWN, mo, CWASM_NO_SECTION, "options.release", opt->release,
                        0, 0);
    out->release = r;
    out->layout_source = CWASM_LAYOUT_FORCED;
    out->candidates = release_bits(r->layout);
    return cwasm_metadata_decode(mb, mo, r->layout, opt, &out->meta, diag);
  }
  if (v->kind == CWASM_VERSION_RELEASE) return decode_release(out, opt, diag);

  /* Custom, None, unknown release, or an invalid string in lenient mode */
  if (v->kind == CWASM_VERSION_UNKNOWN_RELEASE) hint = v->major;
  infer_layout(mb, mo, opt, hint, &f);
  if (!f.layout) {
    out->meta = f.furthest_meta;
    if (v->kind == CWASM_VERSION_UNKNOWN_RELEASE && !opt_lenient(opt))
      return diag_set_v(diag, CWASM_E_VERSION_UNKNOWN_RELEASE, out->engine.version_offset,
                        out->engine.section.index, "version", v->major, CWASM_DIAG_LIMIT, CWASM_LAST_RELEASE);
    *diag = f.furthest;
    diag->code = CWASM_E_META_NO_LAYOUT;
    return CWASM_E_META_NO_LAYOUT;
  }
  use_fit(out, &f, hint);
  if (v->kind == CWASM_VERSION_UNKNOWN_RELEASE || !v->utf8_valid) {
    /* an unknown release is its own error, not a guess; lenient mode shows the guess */
    if (!opt_lenient(opt))
      return diag_set_v(diag, CWASM_E_VERSION_UNKNOWN_RELEASE, out->engine.version_offset,
                        out->engine.section.index, "version", v->major, CWASM_DIAG_LIMIT, CWASM_LAST_RELEASE);
    warn_add(&out->warnings, CWASM_W_LAYOUT_INFERRED, mo, out->engine.section.index, "metadata",
             out->release->major, 0, 0);
  }
  if (f.n_layouts > 1)
    warn_add(&out->warnings, CWASM_W_LAYOUT_AMBIGUOUS, mo, out->engine.section.index, "metadata", f.n_layouts,
             0, 0);
  return CWASM_OK;
}

/* Up to the engine stage: kind, ELF, engine section and its framing. `diag` is
 * not NULL; `out` is zeroed first. */
void artifact_zero_back(cwasm_artifact *out) { zero_out((unsigned char *)out + ARTIFACT_BACK_AT, ARTIFACT_BACK_SIZE); }

cwasm_status artifact_parse_front(const uint8_t *buf, size_t len, const cwasm_options *opt, cwasm_artifact *out,
                                  bool zero_back, cwasm_diag *diag) {
  cwasm_status st;
  span whole;
  diag_clear(diag);
  if (!artifact_front_writes(buf, len, out)) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "input");
  if (zero_back) {
    zero_out(out, sizeof *out);
  } else {
    zero_out(out, ARTIFACT_BACK_AT);
    zero_out((unsigned char *)out + ARTIFACT_BACK_AT + ARTIFACT_BACK_SIZE,
             sizeof *out - ARTIFACT_BACK_AT - ARTIFACT_BACK_SIZE);
  }
  whole = span_make(buf, len, 0);
  if (len == 0) return diag_set(diag, CWASM_E_INPUT_EMPTY, 0, CWASM_NO_SECTION, "input");
  if (span_starts_with(whole, wasm_magic, sizeof wasm_magic))
    return diag_set(diag, CWASM_E_INPUT_WASM, 0, CWASM_NO_SECTION, "magic");
  if (legacy_has_prefix(whole)) return legacy_from_prefix(whole, out, diag);

  CWASM_TRY(cwasm_elf_parse(buf, len, opt, &out->elf, &out->warnings, diag));
  out->stages |= CWASM_STAGE_ELF;
  out->kind = out->elf.kind;

  st = cwasm_engine_find(&out->elf, opt, &out->engine, &out->warnings, diag);
  if (st == CWASM_E_ENGINE_MISSING) {
    cwasm_diag ld;
    cwasm_status lst;
    diag_clear(&ld); /* padding too: *diag is a copy of it */
    lst = legacy_after_elf(whole, &out->elf, out, &ld);
    if (lst != CWASM_E_ENGINE_MISSING) {
      *diag = ld;
      return lst;
    }
    /* not a Wasmtime file at all is the more useful answer, when it is one */
    CWASM_TRY(elf_check_wasmtime(&out->elf, opt, &out->warnings, diag));
    return st;
  }
  CWASM_TRY(st);
  CWASM_TRY(elf_check_wasmtime(&out->elf, opt, &out->warnings, diag));
  out->stages |= CWASM_STAGE_ENGINE;
  return CWASM_OK;
}

/* What follows from the engine section's bytes alone: version and metadata,
 * and their warnings (appended). */
cwasm_status artifact_parse_back(cwasm_artifact *out, const cwasm_options *opt, cwasm_diag *diag) {
  cwasm_status st = cwasm_version_parse(out->engine.version, out->engine.version_offset, &out->version, diag);
  if (st != CWASM_OK) {
    if (!opt_lenient(opt)) return st;
    warn_add_diag(&out->warnings, diag);
    diag_clear(diag);
  }
  out->stages |= CWASM_STAGE_VERSION;

  CWASM_TRY(decode_metadata(out, opt, diag));
  out->stages |= CWASM_STAGE_METADATA;
  if (out->meta.trailing_bytes)
    warn_add(&out->warnings, CWASM_W_TRAILING_BYTES, out->engine.metadata_offset + out->meta.consumed,
             out->engine.section.index, "metadata", out->meta.trailing_bytes, CWASM_DIAG_EXPECTED, 0);
  return CWASM_OK;
}

/* The last step, which needs both the ELF header and the metadata. */
void artifact_parse_finish(cwasm_artifact *out) { check_machine(out); }

cwasm_status cwasm_parse(const uint8_t *buf, size_t len, const cwasm_options *opt, cwasm_artifact *out,
                         cwasm_diag *diag) {
  cwasm_diag scratch;
  diag = diag_or_scratch(diag, &scratch);
  CWASM_TRY(artifact_parse_front(buf, len, opt, out, true, diag));
  CWASM_TRY(artifact_parse_back(out, opt, diag));
  artifact_parse_finish(out);
  return CWASM_OK;
}
