/*
 * The valid set: at least one artifact per Metadata layout (all 30), spread
 * over every target, both kinds and the three version strategies, each shaped
 * as that release's Wasmtime writes it (gen.h). Respecting what existed:
 * Pulley from v28 (its e_flags bits from v32); big-endian s390x files also
 * for v22-v27, whose loaders read only host-endian ELF (an s390x host is
 * big-endian, so they are what such a host loads).
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

#define MOD CWASM_KIND_MODULE
#define COMP CWASM_KIND_COMPONENT
#define DEF GEN_VERSION_DEFAULT
#define CUS GEN_VERSION_CUSTOM
#define NONE GEN_VERSION_NONE

/* Release, target key, kind, strategy, custom string, expected warnings, note. */
typedef struct valid_row {
  uint16_t release;
  const char *target;
  cwasm_kind kind;
  gen_strategy strategy;
  const char *custom;
  const char *warnings;
  const char *note;
} valid_row;

/*
 * Custom and None version strings name no release, so the layout is inferred
 * from the bytes; W_LAYOUT_AMBIGUOUS is expected where layouts of several
 * releases read the same bytes exactly (spec §4.3 names such pairs): v47/v48
 * share everything but the OperatorCost table, which the Default strategy
 * does not write; bincode v3-v4 and v10-v11 are both 4 u64 and 21 bools.
 */
static const valid_row ROWS[] = {
    {3, "x86_64-linux", MOD, DEF, NULL, "-", "layout v3-v4, probestack off / outline as v3 requires"},
    {4, "x86_64-linux", COMP, DEF, NULL, "-", "layout v3-v4, spec §7 exact defaults, component"},
    {5, "aarch64-linux", MOD, DEF, NULL, "-", "layout v5 (features F2), like the real v5 aarch64 files"},
    {7, "s390x-linux", MOD, DEF, NULL, "-", "layout v6-v7, big-endian ELF"},
    {9, "riscv64-linux", COMP, DEF, NULL, "-", "layout v8-v9"},
    {10, "x86_64-linux", MOD, CUS, "acme-cache-7", "W_LAYOUT_AMBIGUOUS",
     "layout v10-v11, Custom version string: v3-v4's layout reads the same bytes (T1+F1 and T2+F4 are both "
     "4 u64 and 21 bools)"},
    {14, "aarch64-darwin", MOD, DEF, NULL, "-", "layout v12-v14, last BTreeMap flags"},
    {16, "x86_64-linux", COMP, DEF, NULL, "-", "layout v15-v18, first flag sequences"},
    {19, "s390x-linux", COMP, DEF, NULL, "-", "layout v19, big-endian ELF"},
    {20, "aarch64-linux", MOD, NONE, NULL, "-", "layout v20 (last bincode), None version string"},
    {21, "x86_64-linux", MOD, DEF, NULL, "-", "layout v21, first postcard"},
    {22, "riscv64-linux", MOD, DEF, NULL, "-", "layout v22"},
    {23, "aarch64-linux", COMP, DEF, NULL, "-", "layout v23"},
    {24, "x86_64-linux", MOD, DEF, NULL, "-", "layout v24, spec §7 exact defaults"},
    {24, "s390x-linux", MOD, DEF, NULL, "-", "layout v24, big-endian ELF for a v22-v27 (host-endian) loader"},
    {25, "aarch64-darwin", COMP, CUS, "wasmtime-25-embedded", "-", "layout v25, Custom version string"},
    {26, "s390x-linux", MOD, DEF, NULL, "-", "layout v26, big-endian ELF"},
    {27, "x86_64-linux", COMP, DEF, NULL, "-", "layout v27, first Option<Collector>"},
    {28, "pulley32", MOD, DEF, NULL, "-", "layout v28-v29, first Pulley release (no Pulley e_flags bit yet)"},
    {29, "pulley64", COMP, DEF, NULL, "-", "layout v28-v29, Pulley 64 with big_endian flag"},
    {30, "riscv64-linux", MOD, DEF, NULL, "-", "layout v30"},
    {31, "aarch64-linux", MOD, DEF, NULL, "-", "layout v31"},
    {32, "pulley64", MOD, DEF, NULL, "-", "layout v32, first Pulley e_flags bits"},
    {32, "x86_64-linux", COMP, NONE, NULL, "-", "layout v32, None version string"},
    {33, "x86_64-linux", MOD, DEF, NULL, "-", "layout v33, features as u32 bits"},
    {35, "s390x-linux", COMP, DEF, NULL, "-", "layout v34-v35, big-endian ELF"},
    {36, "x86_64-linux", MOD, DEF, NULL, "-", "layout v36-v38, spec §7 exact defaults"},
    {36, "pulley32", COMP, DEF, NULL, "-", "layout v36-v38, Pulley 32 component"},
    {38, "aarch64-linux", MOD, DEF, NULL, "-", "layout v36-v38, first bare-major version string"},
    {39, "aarch64-darwin", MOD, DEF, NULL, "-", "layout v39-v41, like the real v39 darwin file"},
    {41, "riscv64-linux", COMP, CUS, "riscv-build.41", "-", "layout v39-v41, Custom version string"},
    {42, "pulley32", COMP, DEF, NULL, "-", "layout v42, like the real v42 pulley32 component"},
    {43, "x86_64-linux", MOD, DEF, NULL, "-", "layout v43-v44, first OperatorCost"},
    {44, "s390x-linux", MOD, NONE, NULL, "-", "layout v43-v44, big-endian ELF, None version string"},
    {45, "aarch64-linux", COMP, DEF, NULL, "-", "layout v45, Inlining enum and GC heap fields"},
    {46, "riscv64-linux", MOD, DEF, NULL, "-", "layout v46"},
    {47, "x86_64-linux", COMP, DEF, NULL, "-", "layout v47 (T18a)"},
    {48, "x86_64-linux", MOD, DEF, NULL, "-", "layout v48-v49 (T18b), spec §7 exact defaults"},
    {48, "pulley64", MOD, NONE, NULL, "W_LAYOUT_AMBIGUOUS",
     "layout v48-v49, None version string: v47's layout reads the same bytes"},
    {49, "aarch64-darwin", COMP, DEF, NULL, "-", "layout v48-v49, Wasmtime main (49)"},
};

#define NROWS (sizeof ROWS / sizeof ROWS[0])

static gen_valid VALID[NROWS];
static int valid_ready;

static void init_valid(void) {
  if (valid_ready) return;
  for (size_t i = 0; i < NROWS; i++) {
    const valid_row *r = &ROWS[i];
    gen_valid *v = &VALID[i];
    memset(v, 0, sizeof *v);
    v->p.release = r->release;
    v->p.target = gen_target_find(r->target);
    v->p.kind = r->kind;
    v->p.strategy = r->strategy;
    v->p.custom = r->custom;
    v->warnings = r->warnings;
    v->note = r->note;
  }
  valid_ready = 1;
}

size_t gen_valid_count(void) { return NROWS; }

const gen_valid *gen_valid_at(size_t i) {
  init_valid();
  return i < NROWS ? &VALID[i] : NULL;
}

void gen_valid_stem(const gen_valid *v, char *out, size_t cap) {
  const char *suffix = v->p.strategy == GEN_VERSION_CUSTOM ? "-custom"
                       : v->p.strategy == GEN_VERSION_NONE ? "-none"
                                                           : "";
  snprintf(out, cap, "v%u-%s-%s%s", (unsigned)v->p.release, v->p.target ? v->p.target->key : "?",
           v->p.kind == CWASM_KIND_COMPONENT ? "component" : "module", suffix);
}

const gen_valid *gen_valid_find(const char *stem) {
  char s[96];
  init_valid();
  for (size_t i = 0; i < NROWS; i++) {
    gen_valid_stem(&VALID[i], s, sizeof s);
    if (strcmp(s, stem) == 0) return &VALID[i];
  }
  return NULL;
}

int gen_build_valid(const gen_valid *v, gen_art *a) {
  if (gen_art_init(a, &v->p) != 0) return -1;
  if (gen_art_encode(a) != 0 || gen_art_sections(a) != 0 || gen_art_write(a) != 0) return -1;
  return 0;
}
