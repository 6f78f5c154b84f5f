/*
 * cwasm-bench: what each step of the library costs per artifact, against
 * two baselines (libelf, and the Rust `object` crate's locate step that
 * Wasmtime itself runs, measured by object-locate/) and against two floors
 * (floor.c: `touch` only touches the bytes a verifier must read; `floor` also
 * walks the Metadata's serial varint chain, without checks). scripts/bench.sh
 * drives it; see there for the whole run.
 *
 *   cwasm-bench refspec FILE...
 *       for each file that parses: the reference artifact its check needs
 *       (name, release, target, kind, cwasm-corpus --version value), TSV
 *   cwasm-bench cpu-save FILE
 *       write this machine's CPU probe (so a callgrind run, whose CPUID is
 *       valgrind's, checks against the same CPU as the timed run)
 *   cwasm-bench run [OPTIONS] FILE...
 *       time every step and print the report
 *   cwasm-bench callgrind [OPTIONS] [--reps K] FILE...
 *       under valgrind --tool=callgrind --zero-before=cwasm_bench_zero
 *       --dump-before=cwasm_bench_dump: one dump per (file, step), K calls
 *       each after one warm-up call; prints one label line per dump
 *   cwasm-bench cg-report [OPTIONS] --cg LABELS DUMPDIR --cg-object LABELS DUMPDIR FILE...
 *       the report again, in instructions per artifact from those dumps
 *
 * OPTIONS: --refs DIR (reference artifacts by bench_ref_spec name; missing
 * ones fall back to a copy of the artifact itself), --scaling DIR (the files
 * of cwasm-bench-gen), --cpu FILE (from cpu-save), --object TSV (object-locate
 * output), --rounds N, --min-ms M, --only STEP[,STEP...] (time only those:
 * for perf record).
 *
 * Steps, all on the caller's bytes as a loader would call them:
 *   detect    cwasm_detect
 *   locate    cwasm_elf_parse + cwasm_engine_find (strict)
 *   decode    cwasm_parse (strict)
 *   check     the general path: cwasm_parse + cwasm_check against a host built
 *             once, before timing, from the reference artifact
 *             (cwasm_host_from_reference)
 *   prepared  the loader's fast path: cwasm_parse_check against a
 *             cwasm_prepared made once, before timing, from the same host and
 *             reference artifact (cwasm_prepare). The library guarantees the
 *             same artifact and report as `check`; setup asserts it once per
 *             artifact (memcmp) and the report says so. It is the full check
 *             the target is about
 *   touch     floor.c: vector loads over header + section headers + engine
 *             section, no checks
 *   floor     floor.c: touch plus the serial walk along the Metadata's
 *             structure (the varint chain), no checks; needs the layout the
 *             library decoded the artifact with
 *   libelf    elf_memory, elf_getshdrstrndx, elf_nextscn/gelf_getshdr/elf_strptr
 *             until ".wasmtime.engine", elf_rawdata, elf_end
 *   object    object::File::parse + section_by_name + data (separate process)
 */
#define _POSIX_C_SOURCE 200809L
#include <gelf.h>
#include <libelf.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "floor.h"

enum { S_DETECT, S_LOCATE, S_DECODE, S_CHECK, S_PREP, S_TOUCH, S_FLOOR, S_LIBELF, S_OBJECT, S_COUNT };
static const char *const step_name[S_COUNT] = {"detect", "locate", "decode", "check", "prepared",
                                               "touch",  "floor",  "libelf", "object"};
#define S_TIMED_HERE S_OBJECT /* steps before this one run in this process */

typedef enum item_kind { ITEM_FILE, ITEM_SECTIONS, ITEM_FLAGS } item_kind;

typedef struct item {
  const char *path;
  const char *name;
  item_kind kind;
  unsigned units;          /* sections (ITEM_SECTIONS) or flag entries (ITEM_FLAGS) */
  uint8_t *buf;
  size_t len;
  uint8_t *elf_copy;       /* libelf's own copy: its API takes a mutable image */
  cwasm_options opt;
  int raised_max_flags;    /* the default limit refused the flag lists */
  cwasm_status parse_st;
  uint64_t shnum;
  uint64_t engine_len;     /* 0: no engine section located */
  floor_ranges fr;         /* touch */
  floor_chain fc;          /* floor: the Metadata's chain */
  int chain_ok;            /* fc is set and its self-check held (else no floor) */
  cwasm_host *host;        /* NULL: no check (the artifact does not parse) */
  cwasm_prepared *prep;    /* NULL: no prepared step */
  const uint8_t *ref_engine; /* the reference's engine section (its buffer stays alive) */
  size_t ref_engine_n;
  int engine_is_ref;       /* one engine section, byte for byte the reference's */
  int prep_same;           /* 1: cwasm_parse_check == cwasm_parse + cwasm_check; 0: differs; -1: not compared */
  const char *ref_how;     /* "ref", "self" or "-" */
  uint32_t findings;
  double v[S_COUNT];       /* ns (run) or instructions (cg-report) per artifact; <0: none */
} item;

typedef struct options {
  const char *refs, *scaling, *cpu_file, *object_tsv;
  const char *cg_labels, *cg_dir, *cgo_labels, *cgo_dir;
  bench_method method;
  unsigned reps;
  const char *only;        /* comma-separated steps to run (for profiling), or NULL */
  int have_cpu;
  cwasm_host_cpu cpu;
} options;

/* Big results live here, off the stack. */
static cwasm_artifact g_art;
static cwasm_report g_rep;
static volatile uint64_t g_sink;

/* ---------------------------------------------------------------- steps */

typedef struct ctx {
  const uint8_t *volatile buf; /* re-read before every call: no hoisting */
  uint8_t *volatile elf_buf;
  size_t len;
  const item *it;
} ctx;

static void batch_detect(void *vc, uint64_t n) {
  ctx *c = vc;
  for (uint64_t i = 0; i < n; i++) g_sink += (unsigned)cwasm_detect(c->buf, c->len);
}

static void batch_locate(void *vc, uint64_t n) {
  ctx *c = vc;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  for (uint64_t i = 0; i < n; i++) {
    uint64_t r = 0;
    if (cwasm_elf_parse(c->buf, c->len, &c->it->opt, &elf, NULL, &d) == CWASM_OK &&
        cwasm_engine_find(&elf, &c->it->opt, &e, NULL, &d) == CWASM_OK)
      r = e.metadata.n + 1;
    g_sink += r;
  }
}

static void batch_decode(void *vc, uint64_t n) {
  ctx *c = vc;
  cwasm_diag d;
  for (uint64_t i = 0; i < n; i++) {
    cwasm_status st = cwasm_parse(c->buf, c->len, &c->it->opt, &g_art, &d);
    g_sink += (unsigned)st + g_art.meta.consumed;
  }
}

static void batch_check(void *vc, uint64_t n) {
  ctx *c = vc;
  cwasm_diag d;
  for (uint64_t i = 0; i < n; i++) {
    cwasm_status st = cwasm_parse(c->buf, c->len, &c->it->opt, &g_art, &d);
    if (st == CWASM_OK) st = cwasm_check(&g_art, c->it->host, &g_rep);
    g_sink += (unsigned)st + g_rep.findings;
  }
}

static void batch_prepared(void *vc, uint64_t n) {
  ctx *c = vc;
  cwasm_diag d;
  for (uint64_t i = 0; i < n; i++) {
    cwasm_status st = cwasm_parse_check(c->it->prep, c->buf, c->len, &g_art, &g_rep, &d);
    g_sink += (unsigned)st + g_rep.findings;
  }
}

static void batch_touch(void *vc, uint64_t n) {
  ctx *c = vc;
  floor_batch(&c->buf, &c->it->fr, n, &g_sink);
}

static void batch_floor(void *vc, uint64_t n) {
  ctx *c = vc;
  floor_chain_batch(&c->buf, &c->it->fr, &c->it->fc, n, &g_sink);
}

static void batch_libelf(void *vc, uint64_t n) {
  ctx *c = vc;
  for (uint64_t i = 0; i < n; i++) g_sink += bench_libelf_locate(c->elf_buf, c->len);
}

static const bench_batch_fn step_fn[S_TIMED_HERE] = {batch_detect,   batch_locate, batch_decode, batch_check,
                                                     batch_prepared, batch_touch,  batch_floor,  batch_libelf};

/* A step that cannot run on this item (no check for what does not parse). */
static int step_applies(const item *it, int s) {
  if (s == S_CHECK) return it->host != NULL;
  if (s == S_PREP) return it->prep != NULL;
  if (s == S_FLOOR) return it->chain_ok;
  return 1;
}

/* ---------------------------------------------------------------- setup */

static int is_pulley(cwasm_arch a) {
  return a == CWASM_ARCH_PULLEY32 || a == CWASM_ARCH_PULLEY64 || a == CWASM_ARCH_PULLEY32BE ||
         a == CWASM_ARCH_PULLEY64BE;
}

/* A host from a reference artifact (its buffer stays alive: the host may
 * borrow an OperatorCost table from it). The saved CPU stands in for the
 * live probe exactly where cwasm_host_from_reference would probe. */
static cwasm_host *host_from(item *it, uint8_t *ref, size_t len, const cwasm_options *opt,
                             const options *o) {
  static cwasm_artifact ra;
  cwasm_triple t;
  cwasm_diag d;
  const cwasm_host_cpu *cpu = NULL;
  cwasm_host *h;
  if (cwasm_parse(ref, len, opt, &ra, &d) != CWASM_OK) return NULL;
  if (o->have_cpu && cwasm_triple_parse(ra.meta.target.p, ra.meta.target.n, &t) == CWASM_OK &&
      (is_pulley(t.arch) || (t.arch != CWASM_ARCH_UNKNOWN && t.arch == cwasm_host_cpu_native_arch())))
    cpu = &o->cpu;
  h = malloc(sizeof *h);
  if (!h) return NULL;
  if (cwasm_host_from_reference(&ra, cpu, h, &d) != CWASM_OK) {
    free(h);
    return NULL;
  }
  it->ref_engine = ra.engine.section.data.p;
  it->ref_engine_n = ra.engine.section.data.n;
  /* the prepared step: the same host and reference, the same parse options
   * (the host rather than NULL, so that a callgrind run's saved CPU applies
   * to both paths alike) */
  it->prep = malloc(sizeof *it->prep);
  if (it->prep && cwasm_prepare(h, &ra, opt, it->prep, &d) != CWASM_OK) {
    fprintf(stderr, "cwasm-bench: ERROR: cwasm_prepare failed for %s: %s: no prepared step\n", it->path,
            cwasm_status_name(d.code));
    free(it->prep);
    it->prep = NULL;
  }
  return h;
}

/* Once per artifact, outside timing: cwasm_parse_check must give exactly what
 * cwasm_parse + cwasm_check give (the status, the artifact struct, the
 * report's header and its stored items, byte for byte). 1 if so; else 0,
 * after a loud message. */
static cwasm_artifact g_art2;
static cwasm_report g_rep2;

static size_t first_diff(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  size_t i = 0;
  while (i < n && x[i] == y[i]) i++;
  return i;
}

static int prepared_matches(const item *it) {
  cwasm_diag d;
  cwasm_status s1, s2;
  char what[128];
  size_t at = 0;
  memset(&g_art, 0, sizeof g_art);
  memset(&g_rep, 0, sizeof g_rep);
  memset(&g_art2, 0, sizeof g_art2);
  memset(&g_rep2, 0, sizeof g_rep2);
  s1 = cwasm_parse(it->buf, it->len, &it->opt, &g_art, &d);
  if (s1 == CWASM_OK && cwasm_check(&g_art, it->host, &g_rep) != CWASM_OK) {
    fprintf(stderr, "cwasm-bench: cwasm_check failed on %s\n", it->path);
    return 0;
  }
  s2 = cwasm_parse_check(it->prep, it->buf, it->len, &g_art2, &g_rep2, &d);
  what[0] = '\0';
  if (s1 != s2) {
    snprintf(what, sizeof what, "status %s vs %s", cwasm_status_name(s1), cwasm_status_name(s2));
  } else if ((at = first_diff(&g_art, &g_art2, sizeof g_art)) < sizeof g_art) {
    snprintf(what, sizeof what, "the artifact (first differing byte at offset %zu of %zu)", at, sizeof g_art);
  } else if ((at = first_diff(&g_rep, &g_rep2, offsetof(cwasm_report, items))) < offsetof(cwasm_report, items)) {
    snprintf(what, sizeof what, "the report header (first differing byte at offset %zu)", at);
  } else {
    for (uint32_t i = 0; i < g_rep.count && i < CWASM_REPORT_MAX_ITEMS; i++)
      if ((at = first_diff(&g_rep.items[i], &g_rep2.items[i], sizeof g_rep.items[i])) < sizeof g_rep.items[i]) {
        snprintf(what, sizeof what, "report item %u of %u (first differing byte at offset %zu)", (unsigned)i,
                 (unsigned)g_rep.count, at);
        break;
      }
  }
  if (!what[0]) return 1;
  fprintf(stderr,
          "cwasm-bench: ERROR: ********************************************************************\n"
          "cwasm-bench: ERROR: cwasm_parse_check differs from cwasm_parse + cwasm_check on %s:\n"
          "cwasm-bench: ERROR: %s\n"
          "cwasm-bench: ERROR: ********************************************************************\n",
          it->path, what);
  return 0;
}

static void setup_floor(item *it, const cwasm_elf *elf, int elf_ok, const cwasm_engine *e, int eng_ok) {
  floor_ranges *r = &it->fr;
  size_t eh = elf_ok && elf->elf_class == 32 ? 52 : 64;
  r->n = 0;
  r->off[r->n] = 0;
  r->len[r->n++] = it->len < eh ? it->len : eh;
  if (elf_ok) {
    r->off[r->n] = (size_t)elf->shoff;
    r->len[r->n++] = (size_t)(elf->shnum * elf->shentsize);
  }
  if (eng_ok) {
    r->off[r->n] = (size_t)e->section.offset;
    r->len[r->n++] = e->section.data.n;
  }
}

/* The floor's chain for an artifact the library decoded (`a`), and its
 * one-time self-check: the walk must end exactly where the Metadata does. */
static void setup_chain(item *it, const cwasm_artifact *a) {
  size_t want, got;
  it->chain_ok = 0;
  if (!(a->stages & CWASM_STAGE_METADATA) || !a->meta.layout) return;
  if (floor_chain_init(&it->fc, a->meta.layout, (size_t)a->engine.section.offset) != 0) {
    fprintf(stderr, "cwasm-bench: WARNING: the floor's walker does not know layout %s (%s): no floor for it\n",
            a->meta.layout->name, it->path);
    return;
  }
  want = (size_t)(a->engine.metadata_offset + a->meta.consumed);
  got = floor_chain_end(it->buf, it->len, &it->fc);
  if (got != want) {
    fprintf(stderr,
            "cwasm-bench: WARNING: the floor's walker ends at offset %zu, the Metadata at %zu (layout %s, %s): "
            "no floor for it\n",
            got, want, a->meta.layout->name, it->path);
    return;
  }
  it->chain_ok = 1;
}

static int setup_item(item *it, const options *o) {
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  int elf_ok, eng_ok;
  char ref_name[256], varg[300], path[4096];
  it->buf = bench_slurp(it->path, &it->len);
  if (!it->buf) {
    fprintf(stderr, "cwasm-bench: cannot read %s\n", it->path);
    return -1;
  }
  it->name = bench_basename(it->path);
  it->elf_copy = malloc(it->len ? it->len : 1);
  if (!it->elf_copy) return -1;
  memcpy(it->elf_copy, it->buf, it->len);
  memset(&it->opt, 0, sizeof it->opt);
  it->parse_st = cwasm_parse(it->buf, it->len, &it->opt, &g_art, &d);
  if (it->parse_st == CWASM_E_LIMIT_FLAGS) {
    /* a synthetic list longer than the default limit: raise it, as a caller would */
    it->opt.max_flags = 1u << 20;
    it->raised_max_flags = 1;
    it->parse_st = cwasm_parse(it->buf, it->len, &it->opt, &g_art, &d);
  }
  elf_ok = cwasm_elf_parse(it->buf, it->len, &it->opt, &elf, NULL, &d) == CWASM_OK;
  eng_ok = elf_ok && cwasm_engine_find(&elf, &it->opt, &e, NULL, &d) == CWASM_OK;
  it->shnum = elf_ok ? elf.shnum : 0;
  it->engine_len = eng_ok ? e.section.data.n : 0;
  if (it->kind == ITEM_FLAGS && it->parse_st == CWASM_OK)
    it->units = g_art.meta.shared_flags.count + g_art.meta.isa_flags.count;
  if (it->kind == ITEM_SECTIONS) it->units = (unsigned)it->shnum;
  setup_floor(it, &elf, elf_ok, &e, eng_ok);
  it->prep_same = -1;
  it->ref_how = "-";
  if (it->parse_st != CWASM_OK) return 0;
  setup_chain(it, &g_art);
  if (it->kind != ITEM_FILE) {
    snprintf(path, sizeof path, "%s/flags-1x.cwasm", o->scaling);
  } else if (o->refs && bench_ref_spec(&g_art, ref_name, sizeof ref_name, varg, sizeof varg) == 0) {
    snprintf(path, sizeof path, "%s/%s", o->refs, ref_name);
  } else {
    path[0] = '\0';
  }
  if (path[0]) {
    size_t rlen = 0;
    uint8_t *ref = bench_slurp(path, &rlen);
    if (ref && (it->host = host_from(it, ref, rlen, &it->opt, o)) != NULL) it->ref_how = "ref";
  }
  if (!it->host) {
    /* no reference of that release here: an independent copy of the artifact itself */
    uint8_t *self = malloc(it->len);
    if (!self) return -1;
    memcpy(self, it->buf, it->len);
    it->host = host_from(it, self, it->len, &it->opt, o);
    it->ref_how = it->host ? "self" : "-";
  }
  if (it->host && cwasm_parse(it->buf, it->len, &it->opt, &g_art, &d) == CWASM_OK &&
      cwasm_check(&g_art, it->host, &g_rep) == CWASM_OK)
    it->findings = g_rep.findings;
  /* whether the prepared shortcut can apply: one engine section, the reference's bytes */
  it->engine_is_ref = it->host && eng_ok && e.count == 1 && it->ref_engine && e.section.data.n == it->ref_engine_n &&
                      memcmp(e.section.data.p, it->ref_engine, it->ref_engine_n) == 0;
  if (it->prep) it->prep_same = prepared_matches(it);
  return 0;
}

/* ------------------------------------------------------------- reporting */

static double geomean(const double *x, size_t n) {
  double s = 0;
  if (!n) return NAN;
  for (size_t i = 0; i < n; i++) s += log(x[i]);
  return exp(s / (double)n);
}

static void cell(double v, int width) {
  if (v < 0 || isnan(v)) printf(" %*s", width, "-");
  else if (v >= 1e7) printf(" %*.3g", width, v);
  else printf(" %*.1f", width, v);
}

static double ratio(const item *it, int a, int b) {
  if (it->v[a] < 0 || it->v[b] <= 0) return -1;
  return it->v[a] / it->v[b];
}

typedef struct target_stat {
  double worst;
  const char *worst_name;
  double geo;
  size_t n;
} target_stat;

/* Worst (largest) and geometric mean of v[a]/v[b] over the artifacts that parse. */
/* Which artifacts a statistic is over: all that parse, or only those whose
 * prepared call takes the shortcut, or only those that take the full path. */
typedef enum which_path { PATH_ALL, PATH_SHORTCUT, PATH_FULL } which_path;

static int takes_shortcut(const item *it) { return it->prep && it->prep->shortcut && it->engine_is_ref; }

static target_stat stat_ratio_over(item *items, size_t n, int a, int b, which_path w) {
  target_stat t = {-1, "-", NAN, 0};
  double *xs = malloc((n ? n : 1) * sizeof *xs);
  for (size_t i = 0; xs && i < n; i++) {
    double r;
    if (items[i].kind != ITEM_FILE || items[i].parse_st != CWASM_OK) continue;
    if (w != PATH_ALL && takes_shortcut(&items[i]) != (w == PATH_SHORTCUT)) continue;
    r = ratio(&items[i], a, b);
    if (r <= 0) continue;
    xs[t.n++] = r;
    if (r > t.worst) {
      t.worst = r;
      t.worst_name = items[i].name;
    }
  }
  t.geo = geomean(xs, t.n);
  free(xs);
  return t;
}

static target_stat stat_ratio(item *items, size_t n, int a, int b) { return stat_ratio_over(items, n, a, b, PATH_ALL); }

/* The ratio columns of the per-artifact table. */
#define N_RATIOS 7
static const int ratio_pair[N_RATIOS][2] = {{S_LOCATE, S_OBJECT}, {S_LOCATE, S_LIBELF}, {S_DECODE, S_FLOOR},
                                            {S_CHECK, S_FLOOR},   {S_PREP, S_FLOOR},    {S_PREP, S_TOUCH},
                                            {S_FLOOR, S_TOUCH}};
static const char *const ratio_name[N_RATIOS] = {"loc/obj", "loc/elf", "dec/flr", "chk/flr",
                                                 "prp/flr", "prp/tch", "flr/tch"};

/* How the prepared step ran on an item: whether its shortcut applies. */
static const char *prep_how(const item *it) {
  if (!it->prep) return "no prepared step";
  if (it->prep_same == 0) return "prepared RESULTS DIFFER";
  if (!it->prep->shortcut) return "shortcut off: full path";
  return it->engine_is_ref ? "engine = ref's: shortcut" : "engine differs: full path";
}

static void print_files(item *items, size_t n, const char *unit) {
  int any = 0;
  printf("\n== per artifact: %s per artifact (lower is better) ==\n", unit);
  printf("%-40s %8s %6s %6s |", "artifact", "bytes", "shnum", "engB");
  for (int s = 0; s < S_COUNT; s++) printf("%s%9s", s == S_TOUCH ? " |" : "", step_name[s]);
  printf(" |");
  for (int r = 0; r < N_RATIOS; r++) printf("%8s", ratio_name[r]);
  printf(" | check against\n");
  for (size_t i = 0; i < n; i++) {
    item *it = &items[i];
    if (it->kind != ITEM_FILE) continue;
    any = 1;
    printf("%-40.40s %8zu %6llu %6llu |", it->name, it->len, (unsigned long long)it->shnum,
           (unsigned long long)it->engine_len);
    for (int s = 0; s < S_COUNT; s++) {
      if (s == S_TOUCH) printf(" |");
      cell(it->v[s], 8);
    }
    printf(" |");
    for (int r = 0; r < N_RATIOS; r++) cell(ratio(it, ratio_pair[r][0], ratio_pair[r][1]), 7);
    if (it->parse_st != CWASM_OK)
      printf(" | not checked: %s", cwasm_status_name(it->parse_st));
    else
      printf(" | %s, %u finding%s, %s", it->ref_how, (unsigned)it->findings, it->findings == 1 ? "" : "s",
             prep_how(it));
    printf("\n");
  }
  if (!any) return;
  {
    double col[S_COUNT];
    size_t k;
    for (int row = 0; row < 2; row++) {
      printf("%-40s %8s %6s %6s |", row ? "worst (largest ratio)" : "geometric mean (artifacts that parse)",
             "", "", "");
      for (int s = 0; s < S_COUNT; s++) {
        double *xs = malloc(n * sizeof *xs);
        k = 0;
        for (size_t i = 0; xs && i < n; i++)
          if (items[i].kind == ITEM_FILE && items[i].parse_st == CWASM_OK && items[i].v[s] > 0)
            xs[k++] = items[i].v[s];
        col[s] = row ? -1 : geomean(xs, k);
        free(xs);
        if (s == S_TOUCH) printf(" |");
        cell(col[s], 8);
      }
      printf(" |");
      for (int r = 0; r < N_RATIOS; r++) {
        target_stat t = stat_ratio(items, n, ratio_pair[r][0], ratio_pair[r][1]);
        cell(row ? t.worst : t.geo, 7);
      }
      printf(" |\n");
    }
  }
}

/* One scaling table: rows are the items of `kind`, cells "total (per unit)".
 * Returns -1 without rows, else 1 when every library step grew linearly (or
 * not at all) and 0 when one grew faster. */
static int print_scaling(item *items, size_t n, item_kind kind, const char *unit) {
  static const int cols[] = {S_LOCATE, S_DECODE, S_CHECK, S_PREP, S_TOUCH, S_FLOOR, S_LIBELF, S_OBJECT};
  const size_t ncols = sizeof cols / sizeof cols[0];
  item *rows[16];
  size_t nr = 0;
  int linear = 1;
  for (size_t i = 0; i < n && nr < 16; i++)
    if (items[i].kind == kind && items[i].units) rows[nr++] = &items[i];
  if (!nr) return -1;
  printf("\n== scaling: %s (Wasmtime 48 x86_64 module, default metadata; %s per artifact (per %s)) ==\n",
         kind == ITEM_SECTIONS ? "section count" : "flag-list length (default lists repeated)", unit,
         kind == ITEM_SECTIONS ? "section" : "flag");
  printf("%-22s %8s %8s", "artifact", kind == ITEM_SECTIONS ? "sections" : "flags", "bytes");
  for (size_t c = 0; c < ncols; c++) printf(" | %20s", step_name[cols[c]]);
  printf("\n");
  for (size_t r = 0; r < nr; r++) {
    printf("%-22s %8u %8zu", rows[r]->name, rows[r]->units, rows[r]->len);
    for (size_t c = 0; c < ncols; c++) {
      double v = rows[r]->v[cols[c]];
      if (v < 0) printf(" | %20s", "-");
      else printf(" | %10.4g (%7.3f)", v, v / rows[r]->units);
    }
    printf("%s\n", rows[r]->raised_max_flags ? "  (max_flags raised)" : "");
  }
  /* Linear growth: the cost of each added unit (slope between consecutive
   * sizes) stays the same. Flat = last slope within 2x of the first, times
   * the growth of touch's own slope when that is above 1: touch does no work
   * but load the bytes, so its growth is the memory hierarchy's (a 60 000
   * section table no longer fits in L2), not an algorithm's. */
  double mem = 1.0;
  if (nr >= 4 && rows[1]->v[S_TOUCH] >= 0 && rows[nr - 1]->v[S_TOUCH] >= 0) {
    double ta = (rows[2]->v[S_TOUCH] - rows[1]->v[S_TOUCH]) / (double)(rows[2]->units - rows[1]->units);
    double tb = (rows[nr - 1]->v[S_TOUCH] - rows[nr - 2]->v[S_TOUCH]) /
                (double)(rows[nr - 1]->units - rows[nr - 2]->units);
    if (ta > 0 && tb / ta > 1.0) mem = tb / ta;
  }
  if (nr >= 3) {
    printf("%-22s %8s %8s", "added cost per unit", "", "");
    for (size_t c = 0; c < ncols; c++) printf(" | %20s", "slope first..last");
    printf("\n%-40s", "");
    for (size_t c = 0; c < ncols; c++) {
      int s = cols[c];
      size_t first = nr >= 4 ? 1 : 0; /* skip the smallest: fixed costs dominate it */
      double a, b, q;
      if (rows[first]->v[s] < 0 || rows[nr - 1]->v[s] < 0) {
        printf(" | %20s", "-");
        continue;
      }
      a = (rows[first + 1]->v[s] - rows[first]->v[s]) / (double)(rows[first + 1]->units - rows[first]->units);
      b = (rows[nr - 1]->v[s] - rows[nr - 2]->v[s]) / (double)(rows[nr - 1]->units - rows[nr - 2]->units);
      q = a > 0 ? b / a : INFINITY;
      /* a cost that barely moves with the size is fixed, not per unit */
      if (fabs(rows[nr - 1]->v[s] - rows[0]->v[s]) < 0.1 * rows[0]->v[s]) {
        printf(" | %20s", "fixed (no growth)");
      } else if (a <= 0 && b <= 0) {
        printf(" | %20s", "falls (no growth)");
      } else {
        printf(" | %6.3g..%-6.3g %-5s", a, b,
               (q <= 2.0 && q >= 0.5) ? "flat" : q > 2.0 * mem ? "GROWS" : q > 2.0 ? "mem" : "falls");
        if (q > 2.0 * mem && s <= S_PREP) linear = 0; /* the library's own steps */
      }
    }
    printf("\n");
  }
  return linear;
}

static void print_stat(const char *tag, const char *what, target_stat t, size_t of) {
  printf("[%s] %-58s: worst %.2fx (%s), geomean %.2fx", tag, what, t.worst, t.worst_name, t.geo);
  if (t.n != of) printf(", over %zu of the %zu", t.n, of);
  printf("\n");
}

static void print_report(item *items, size_t n, const char *unit, int timed) {
  target_stat prp = stat_ratio(items, n, S_PREP, S_FLOOR);
  target_stat prp_t = stat_ratio(items, n, S_PREP, S_TOUCH);
  target_stat prp_fast = stat_ratio_over(items, n, S_PREP, S_FLOOR, PATH_SHORTCUT);
  target_stat prp_full = stat_ratio_over(items, n, S_PREP, S_FLOOR, PATH_FULL);
  target_stat chk = stat_ratio(items, n, S_CHECK, S_FLOOR);
  target_stat chk_t = stat_ratio(items, n, S_CHECK, S_TOUCH);
  target_stat dec = stat_ratio(items, n, S_DECODE, S_FLOOR);
  target_stat dec_t = stat_ratio(items, n, S_DECODE, S_TOUCH);
  target_stat chain = stat_ratio(items, n, S_FLOOR, S_TOUCH);
  target_stat obj = stat_ratio(items, n, S_LOCATE, S_OBJECT);
  target_stat elf = stat_ratio(items, n, S_LOCATE, S_LIBELF);
  target_stat touch_elf = stat_ratio(items, n, S_TOUCH, S_LIBELF);
  size_t parsed = 0, compared = 0, differ = 0, fast_files = 0;
  int lin_sections, lin_flags, full_ok;
  for (size_t i = 0; i < n; i++) {
    if (items[i].kind == ITEM_FILE && items[i].parse_st == CWASM_OK) parsed++;
    if (items[i].prep_same >= 0) compared++;
    if (items[i].prep_same == 0) differ++;
    if (items[i].kind == ITEM_FILE && items[i].parse_st == CWASM_OK && takes_shortcut(&items[i])) fast_files++;
  }
  print_files(items, n, unit);
  lin_sections = print_scaling(items, n, ITEM_SECTIONS, unit);
  lin_flags = print_scaling(items, n, ITEM_FLAGS, unit);
  printf("\n== targets (%s; over the %zu artifacts that parse; PASS needs every one) ==\n", unit, parsed);
  printf("floor = touch + the serial varint chain of the Metadata; touch = vector loads over the bytes only "
         "(both without checks)\n");
  full_ok = parsed && prp.n == parsed && prp.worst <= 1.5 && differ == 0;
  print_stat(full_ok ? "PASS" : "MISS", "full check (cwasm_parse_check, prepared) <= 1.5x floor", prp, parsed);
  print_stat("info", "  of which: the shortcut (engine section = the reference's)", prp_fast, parsed);
  print_stat("info", "  of which: the full path (decode, check, findings' texts)", prp_full, parsed);
  print_stat("info", "full check (cwasm_parse_check, prepared) vs touch", prp_t, parsed);
  print_stat("info", "general path (cwasm_parse + cwasm_check) vs floor", chk, parsed);
  print_stat("info", "general path (cwasm_parse + cwasm_check) vs touch", chk_t, parsed);
  print_stat("info", "full decode (cwasm_parse) vs floor", dec, parsed);
  print_stat("info", "full decode (cwasm_parse) vs touch", dec_t, parsed);
  print_stat("info", "floor vs touch (what the serial chain adds)", chain, parsed);
  printf("[%s] prepared == general: cwasm_parse_check's artifact and report equal cwasm_parse + cwasm_check's "
         "(memcmp) on %zu of %zu compared (artifacts and scaling files)%s; shortcut taken on %zu of the %zu "
         "artifacts that parse (engine section = the reference's)\n",
         compared && differ == 0 ? "PASS" : "MISS", compared - differ, compared,
         differ ? ": RESULTS DIFFER, the full-check target is void" : "", fast_files, parsed);
  print_stat(obj.n && obj.worst <= 1.0 ? "PASS" : "MISS", "locate <= 1.0x object locate", obj, parsed);
  /* "beaten by far": at least twice as fast on every artifact. Touch, which reads the
   * header and section table with no checks at all, shows how far any reader could go. */
  print_stat(elf.n && elf.worst <= 0.5 ? "PASS" : "MISS", "libelf beaten by far (locate <= 0.5x libelf's)", elf,
             parsed);
  print_stat("info", "  the touch floor vs libelf's locate (no reader goes below)", touch_elf, parsed);
  if (lin_sections >= 0 || lin_flags >= 0)
    printf("[%s] linear growth of locate/decode/check/prepared: per section %s, per flag %s (added cost per unit, "
           "last slope within 2x of the first, times touch's growth)\n",
           lin_sections != 0 && lin_flags != 0 ? "PASS" : "MISS",
           lin_sections < 0 ? "not measured" : lin_sections ? "flat" : "GROWS",
           lin_flags < 0 ? "not measured" : lin_flags ? "flat" : "GROWS");
  (void)timed;
}

/* ---------------------------------------------------------------- modes */

static void collect_items(item **out, size_t *n, const options *o, int argc, char **argv, int first) {
  static const unsigned sections[] = {10, 100, 1000, 10000, 60000};
  static const unsigned mults[] = {1, 10, 100};
  size_t cap = (size_t)(argc - first) + 16, k = 0;
  item *items = calloc(cap, sizeof *items);
  if (!items) exit(1);
  for (int i = first; i < argc; i++) {
    items[k].path = argv[i];
    items[k++].kind = ITEM_FILE;
  }
  if (o->scaling) {
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
      char *p = malloc(4096);
      if (!p) exit(1);
      snprintf(p, 4096, "%s/sections-%u.cwasm", o->scaling, sections[i]);
      items[k].path = p;
      items[k++].kind = ITEM_SECTIONS;
    }
    for (size_t i = 0; i < sizeof mults / sizeof mults[0]; i++) {
      char *p = malloc(4096);
      if (!p) exit(1);
      snprintf(p, 4096, "%s/flags-%ux.cwasm", o->scaling, mults[i]);
      items[k].path = p;
      items[k++].kind = ITEM_FLAGS;
    }
  }
  for (size_t i = 0; i < k; i++) {
    for (int s = 0; s < S_COUNT; s++) items[i].v[s] = -1;
    if (setup_item(&items[i], o) != 0) exit(66);
  }
  *out = items;
  *n = k;
}

/* object-locate's TSV: path, ns (or K under callgrind), section length. */
static void read_object_tsv(const char *path, item *items, size_t n) {
  FILE *f = fopen(path, "r");
  char line[8192];
  if (!f) {
    fprintf(stderr, "cwasm-bench: no object results (%s): column left empty\n", path);
    return;
  }
  while (fgets(line, sizeof line, f)) {
    char *tab = strchr(line, '\t');
    if (!tab) continue;
    *tab = '\0';
    for (size_t i = 0; i < n; i++)
      if (strcmp(items[i].path, line) == 0) items[i].v[S_OBJECT] = strtod(tab + 1, NULL);
  }
  fclose(f);
}

/* --only: whether step s was asked for. */
static int step_wanted(const options *o, int s) {
  const char *p = o->only;
  size_t k = strlen(step_name[s]);
  if (!p) return 1;
  while (*p) {
    if (strncmp(p, step_name[s], k) == 0 && (p[k] == ',' || p[k] == '\0')) return 1;
    p = strchr(p, ',');
    if (!p) break;
    p++;
  }
  return 0;
}

static int mode_run(const options *o, int argc, char **argv, int first) {
  item *items;
  size_t n;
  collect_items(&items, &n, o, argc, argv, first);
  for (size_t i = 0; i < n; i++) {
    ctx c;
    c.buf = items[i].buf;
    c.elf_buf = items[i].elf_copy;
    c.len = items[i].len;
    c.it = &items[i];
    uint64_t batch[S_TIMED_HERE];
    /* Rounds go round the steps, so a burst of load from other jobs hits
     * all steps of an artifact alike and their ratios stay meaningful. */
    for (int s = 0; s < S_TIMED_HERE; s++)
      if (step_applies(&items[i], s) && step_wanted(o, s)) batch[s] = bench_calibrate(step_fn[s], &c);
    for (unsigned r = 0; r < o->method.rounds; r++)
      for (int s = 0; s < S_TIMED_HERE; s++) {
        double t;
        if (!step_applies(&items[i], s) || !step_wanted(o, s)) continue;
        t = bench_round(&o->method, step_fn[s], &c, batch[s]);
        if (items[i].v[s] < 0 || t < items[i].v[s]) items[i].v[s] = t;
      }
    if (memcmp(items[i].elf_copy, items[i].buf, items[i].len) != 0)
      fprintf(stderr, "cwasm-bench: libelf wrote into its image of %s\n", items[i].path);
  }
  if (o->object_tsv) read_object_tsv(o->object_tsv, items, n);
  printf("method: ns of thread CPU time per artifact = best of %u rounds of >= %.0f ms each (batches of ~50 us; "
         "inputs read through a volatile, results into a volatile sink); touch and floor use %s vectors\n",
         o->method.rounds, (double)o->method.min_ns / 1e6, floor_isa());
  print_report(items, n, "ns", 1);
  return 0;
}

static int mode_callgrind(const options *o, int argc, char **argv, int first) {
  item *items;
  size_t n;
  collect_items(&items, &n, o, argc, argv, first);
  for (size_t i = 0; i < n; i++) {
    ctx c;
    unsigned k = items[i].kind == ITEM_FILE ? o->reps : 1;
    c.buf = items[i].buf;
    c.elf_buf = items[i].elf_copy;
    c.len = items[i].len;
    c.it = &items[i];
    for (int s = 0; s < S_TIMED_HERE; s++) {
      if (!step_applies(&items[i], s)) continue;
      step_fn[s](&c, 1); /* warm-up: lazy binding, first touches */
      cwasm_bench_zero();
      step_fn[s](&c, k);
      cwasm_bench_dump();
      printf("%s\t%s\t%u\n", items[i].path, step_name[s], k);
    }
  }
  return 0;
}

/* Instructions in a callgrind dump: its "summary:" line (what callgrind_annotate
 * calls PROGRAM TOTALS; the trailing "totals:" of a --dump-before part also
 * counts calls still on the stack, so it is not the interval's cost). */
static double dump_ir(const char *path) {
  FILE *f = fopen(path, "r");
  char line[4096];
  double v = -1;
  if (!f) return -1;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "summary:", 8) == 0) {
      v = strtod(line + 8, NULL);
      break;
    }
  }
  fclose(f);
  return v;
}

/* Label i pairs with dump DIR/cg.out.(i+1): callgrind numbers dumps from 1. */
static void read_dumps(const char *labels, const char *dir, int object, item *items, size_t n) {
  FILE *f = fopen(labels, "r");
  char line[8192], dump[4600];
  unsigned idx = 0;
  if (!f) {
    fprintf(stderr, "cwasm-bench: cannot read %s\n", labels);
    return;
  }
  while (fgets(line, sizeof line, f)) {
    char *path = line, *step, *reps, *end;
    int s = S_OBJECT;
    double ir;
    line[strcspn(line, "\n")] = '\0';
    step = strchr(line, '\t');
    if (!step) continue;
    *step++ = '\0';
    idx++;
    if (object) {
      reps = step;
    } else {
      reps = strchr(step, '\t');
      if (!reps) continue;
      *reps++ = '\0';
      for (s = 0; s < S_TIMED_HERE && strcmp(step_name[s], step) != 0; s++) {
      }
      if (s == S_TIMED_HERE) continue;
    }
    snprintf(dump, sizeof dump, "%s/cg.out.%u", dir, idx);
    ir = dump_ir(dump);
    if (ir < 0) continue;
    for (size_t i = 0; i < n; i++)
      if (strcmp(items[i].path, path) == 0) items[i].v[s] = ir / strtod(reps, &end);
  }
  fclose(f);
}

static int mode_cg_report(const options *o, int argc, char **argv, int first) {
  item *items;
  size_t n;
  if (!o->cg_labels || !o->cg_dir) {
    fprintf(stderr, "cwasm-bench: cg-report needs --cg LABELS DIR\n");
    return 64;
  }
  collect_items(&items, &n, o, argc, argv, first);
  read_dumps(o->cg_labels, o->cg_dir, 0, items, n);
  if (o->cgo_labels && o->cgo_dir) read_dumps(o->cgo_labels, o->cgo_dir, 1, items, n);
  printf("method: instructions (Ir) per artifact counted by valgrind --tool=callgrind, after one warm-up "
         "call; %u calls per artifact, 1 per scaling file; touch and floor run the vectors valgrind offers\n",
         o->reps);
  print_report(items, n, "instructions", 0);
  return 0;
}

static int mode_refspec(int argc, char **argv, int first) {
  for (int i = first; i < argc; i++) {
    size_t len = 0;
    uint8_t *buf = bench_slurp(argv[i], &len);
    cwasm_diag d;
    char name[256], varg[300];
    if (!buf) continue;
    if (cwasm_parse(buf, len, NULL, &g_art, &d) == CWASM_OK &&
        bench_ref_spec(&g_art, name, sizeof name, varg, sizeof varg) == 0)
      printf("%s\t%u\t%.*s\t%s\t%s\n", name, (unsigned)g_art.release->major, (int)g_art.meta.target.n,
             g_art.meta.target.p, g_art.kind == CWASM_KIND_COMPONENT ? "component" : "module", varg);
    free(buf);
  }
  return 0;
}

static int mode_cpu_save(const char *path) {
  cwasm_host_cpu cpu;
  FILE *f = fopen(path, "wb");
  memset(&cpu, 0, sizeof cpu);
  cwasm_host_cpu_probe(&cpu);
  if (!f || fwrite(&cpu, sizeof cpu, 1, f) != 1 || fclose(f) != 0) {
    fprintf(stderr, "cwasm-bench: cannot write %s\n", path);
    return 1;
  }
  return 0;
}

static int usage(void) {
  fprintf(stderr,
          "usage: cwasm-bench refspec FILE...\n"
          "       cwasm-bench cpu-save FILE\n"
          "       cwasm-bench run [OPTIONS] FILE...\n"
          "       cwasm-bench callgrind [OPTIONS] [--reps K] FILE...\n"
          "       cwasm-bench cg-report [OPTIONS] --cg LABELS DIR [--cg-object LABELS DIR] FILE...\n"
          "OPTIONS: --refs DIR --scaling DIR --cpu FILE --object TSV --rounds N --min-ms M\n"
          "         --only STEP[,STEP...]\n");
  return 64;
}

int main(int argc, char **argv) {
  options o;
  int i;
  const char *mode;
  memset(&o, 0, sizeof o);
  o.method.rounds = 5;
  o.method.min_ns = 200000000u;
  o.reps = 5;
  if (argc < 2) return usage();
  mode = argv[1];
  if (strcmp(mode, "refspec") == 0) return mode_refspec(argc, argv, 2);
  if (strcmp(mode, "cpu-save") == 0) return argc == 3 ? mode_cpu_save(argv[2]) : usage();
  for (i = 2; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
    const char *a = argv[i];
    int two = strcmp(a, "--cg") == 0 || strcmp(a, "--cg-object") == 0;
    if (i + 1 + two >= argc) return usage();
    if (strcmp(a, "--refs") == 0) o.refs = argv[++i];
    else if (strcmp(a, "--scaling") == 0) o.scaling = argv[++i];
    else if (strcmp(a, "--cpu") == 0) o.cpu_file = argv[++i];
    else if (strcmp(a, "--object") == 0) o.object_tsv = argv[++i];
    else if (strcmp(a, "--rounds") == 0) o.method.rounds = (unsigned)strtoul(argv[++i], NULL, 10);
    else if (strcmp(a, "--min-ms") == 0) o.method.min_ns = strtoull(argv[++i], NULL, 10) * 1000000u;
    else if (strcmp(a, "--reps") == 0) o.reps = (unsigned)strtoul(argv[++i], NULL, 10);
    else if (strcmp(a, "--only") == 0) o.only = argv[++i];
    else if (strcmp(a, "--cg") == 0) {
      o.cg_labels = argv[++i];
      o.cg_dir = argv[++i];
    } else if (strcmp(a, "--cg-object") == 0) {
      o.cgo_labels = argv[++i];
      o.cgo_dir = argv[++i];
    } else
      return usage();
  }
  if (o.method.rounds == 0 || o.reps == 0) return usage();
  if (o.cpu_file) {
    FILE *f = fopen(o.cpu_file, "rb");
    o.have_cpu = f && fread(&o.cpu, sizeof o.cpu, 1, f) == 1;
    if (f) fclose(f);
  }
  if (elf_version(EV_CURRENT) == EV_NONE) {
    fprintf(stderr, "cwasm-bench: libelf: %s\n", elf_errmsg(-1));
    return 1;
  }
  if (strcmp(mode, "run") == 0) return mode_run(&o, argc, argv, i);
  if (strcmp(mode, "callgrind") == 0) return mode_callgrind(&o, argc, argv, i);
  if (strcmp(mode, "cg-report") == 0) return mode_cg_report(&o, argc, argv, i);
  return usage();
}
