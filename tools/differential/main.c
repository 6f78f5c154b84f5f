/*
 * cwasm-differential: cwasm's ELF reading against libelf, binutils readelf
 * and the Rust `object` crate used as Wasmtime uses it, over files or a
 * deterministic stream of mutated corpus inputs. See scripts/differential.sh
 * and tests/differential/README.md.
 *
 *   cwasm-differential [ORACLES] --files FILE...
 *       one line per file (what every reader says, the classes it falls in),
 *       then the counts
 *   cwasm-differential [ORACLES] --seeds DIR... --stream N [--start K] [--seed S]
 *       inputs K .. K+N-1 of the mutated stream, then the counts
 *   cwasm-differential --seeds DIR... --emit I --out FILE
 *       write input I of the stream (to reproduce a finding)
 *   cwasm-differential --merge COUNTS...
 *       add up the --counts-out files of several shards and print the counts
 *
 * ORACLES: --object-aligned BIN --object-unaligned BIN (tools/object-oracle
 * built without / with object's `unaligned` feature), --readelf BIN (default
 * "readelf"; "none" to skip). Other options: --known CLASSES.tsv (the recorded
 * classes and their verdicts: a class not in it is NEW and makes the exit
 * status 1), --save DIR (one minimised input per class seen), --counts-out
 * FILE, --batch N (inputs per oracle run, default 2048), --tmp DIR.
 */
#include <errno.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diff.h"

/* ------------------------------------------------------------- counts */

typedef struct class_count {
  char name[96];
  uint64_t count;
  /* the exemplar: fewest other classes, most disagreeing reader pairs, fewest
   * mutations, smallest input, lowest index */
  bool have;
  uint64_t index;
  unsigned mutations;
  size_t size;
  unsigned nclasses; /* classes the exemplar falls in: 1 is best (nothing else to explain) */
  unsigned score;    /* reader pairs that disagree on it: then the most telling input wins */
  char file[512]; /* in --files mode */
} class_count;

typedef struct counts {
  uint64_t inputs;
  uint64_t pair[2 + OBJ_MODES][5];
  class_count *cls;
  size_t ncls, cap;
} counts;

static class_count *class_get(counts *c, const char *name) {
  for (size_t i = 0; i < c->ncls; i++)
    if (strcmp(c->cls[i].name, name) == 0) return &c->cls[i];
  if (c->ncls == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 64;
    c->cls = realloc(c->cls, c->cap * sizeof *c->cls);
    if (!c->cls) exit(70);
  }
  memset(&c->cls[c->ncls], 0, sizeof c->cls[0]);
  int cut = snprintf(c->cls[c->ncls].name, sizeof c->cls[0].name, "%s", name) >= (int)sizeof c->cls[0].name;
  (void)cut; /* a longer class name is cut: names are short */
  return &c->cls[c->ncls++];
}

/* ------------------------------------------------------------ known classes */

typedef struct known {
  char name[96];
  char verdict[32];
} known;

static known *knowns;
static size_t nknowns;

static int load_known(const char *path) {
  FILE *f = fopen(path, "r");
  char line[1024];
  if (!f) return -1;
  while (fgets(line, sizeof line, f)) {
    char *tab, *tab2;
    if (line[0] == '#' || line[0] == '\n') continue;
    tab = strchr(line, '\t');
    if (!tab) continue;
    *tab = 0;
    tab2 = strchr(tab + 1, '\t');
    if (tab2) *tab2 = 0;
    knowns = realloc(knowns, (nknowns + 1) * sizeof *knowns);
    if (!knowns) exit(70);
    snprintf(knowns[nknowns].name, sizeof knowns[0].name, "%.95s", line);
    snprintf(knowns[nknowns].verdict, sizeof knowns[0].verdict, "%.31s", tab + 1);
    nknowns++;
  }
  fclose(f);
  return 0;
}

static const char *verdict_of(const char *cls) {
  for (size_t i = 0; i < nknowns; i++)
    if (strcmp(knowns[i].name, cls) == 0) return knowns[i].verdict;
  return NULL;
}

/* --------------------------------------------------------------- state */

typedef struct run {
  oracles o;
  bool have_obj[OBJ_MODES];
  bool have_readelf;
  size_t batch;
  counts c;
  const char *save_dir;
  seedset seeds;
  uint64_t seed_value;
  bool files_mode;
  bool verbose;
  /* per batch */
  buf *in;
  mutation_log *log;
  cw_reading *cw;
  verdicts *v;
  re_result *re;
  obj_line *ob;
  char **names;
  size_t count;
} run;

static void local_work(void *ctx) {
  run *r = ctx;
  for (size_t i = 0; i < r->count; i++) {
    cw_read(r->in[i].p, r->in[i].n, &r->cw[i]);
    classify_local(r->in[i].p, r->in[i].n, &r->cw[i], &r->v[i]);
  }
}

static int run_batch(run *r) {
  if (oracles_run(&r->o, r->in, r->count, r->re, r->ob, local_work, r) != 0) return -1;
  for (size_t i = 0; i < r->count; i++)
    classify_external(r->in[i].p, r->in[i].n, &r->cw[i], &r->re[i], &r->ob[i], r->have_readelf,
                      r->have_obj, &r->v[i]);
  return 0;
}

/* The line --files prints per input (the .expect files of tests/differential hold these). */
static void format_line(const run *r, size_t i, char *out, size_t size) {
  const verdicts *v = &r->v[i];
  size_t o = 0;
  o += (size_t)snprintf(out + o, size - o, "cwasm:%s\tlibelf:%s\treadelf:%s", v->tok_cwasm,
                        v->tok_libelf, v->tok_readelf);
  for (int m = 0; m < OBJ_MODES && o < size; m++)
    o += (size_t)snprintf(out + o, size - o, "\t%s:%s", obj_mode_names[m],
                          r->have_obj[m] ? r->ob[i].m[m].raw : "not-run");
  if (o < size) o += (size_t)snprintf(out + o, size - o, "\tclasses:");
  for (size_t k = 0; k < v->n && o < size; k++)
    o += (size_t)snprintf(out + o, size - o, "%s%s", k ? "," : "", v->cls[k]);
  if (v->n == 0 && o < size) (void)snprintf(out + o, size - o, "-");
}

static bool better(unsigned ncls, unsigned score, unsigned muts, size_t size, const class_count *cc) {
  if (ncls != cc->nclasses) return ncls < cc->nclasses;
  if (score != cc->score) return score > cc->score;
  if (muts != cc->mutations) return muts < cc->mutations;
  return size < cc->size;
}

static void tally(run *r, uint64_t first_index) {
  for (size_t i = 0; i < r->count; i++) {
    const verdicts *v = &r->v[i];
    r->c.inputs++;
    for (int p = 0; p < 2 + OBJ_MODES; p++) r->c.pair[p][v->pair[p] < 5 ? v->pair[p] : 0]++;
    unsigned score = 0;
    for (int p = 0; p < 2 + OBJ_MODES; p++) score += v->pair[p] >= 3;
    for (size_t k = 0; k < v->n; k++) {
      class_count *cc = class_get(&r->c, v->cls[k]);
      unsigned muts = r->files_mode ? 0 : r->log[i].count;
      cc->count++;
      if (!cc->have || better((unsigned)v->n, score, muts, r->in[i].n, cc)) {
        cc->have = true;
        cc->nclasses = (unsigned)v->n;
        cc->score = score;
        cc->mutations = muts;
        cc->size = r->in[i].n;
        cc->index = first_index + i;
        if (r->files_mode) snprintf(cc->file, sizeof cc->file, "%s", r->names[i]);
      }
    }
    if (r->files_mode) {
      char line[4096];
      format_line(r, i, line, sizeof line);
      printf("%s\t%s\n", r->names[i], line);
    } else if (r->verbose && v->n) {
      printf("input %llu (seed %s; %s): ", (unsigned long long)(first_index + i),
             r->seeds.v[r->log[i].seed].name, r->log[i].text);
      for (size_t k = 0; k < v->n; k++) printf("%s%s", k ? "," : "", v->cls[k]);
      printf("\n");
    }
  }
}

static void alloc_batch(run *r) {
  r->in = calloc(r->batch, sizeof *r->in);
  r->log = calloc(r->batch, sizeof *r->log);
  r->cw = calloc(r->batch, sizeof *r->cw);
  r->v = calloc(r->batch, sizeof *r->v);
  r->re = calloc(r->batch, sizeof *r->re);
  r->ob = calloc(r->batch, sizeof *r->ob);
  r->names = calloc(r->batch, sizeof *r->names);
  if (!r->in || !r->log || !r->cw || !r->v || !r->re || !r->ob || !r->names) exit(70);
  for (size_t i = 0; i < r->batch; i++) {
    r->re[i].s = calloc(RE_MAX_SECTIONS, sizeof(re_section));
    if (!r->re[i].s) exit(70);
  }
}

/* ----------------------------------------------------------- minimise */

static bool has_class(const verdicts *v, const char *cls) {
  for (size_t k = 0; k < v->n; k++)
    if (strcmp(v->cls[k], cls) == 0) return true;
  return false;
}

/* Run every oracle on one input; its verdicts land in r->v[0]. */
static bool judge_one(run *r, const buf *input) {
  size_t saved = r->count;
  bool ok;
  buf_set(&r->in[0], input->p, input->n);
  r->count = 1;
  ok = run_batch(r) == 0;
  r->count = saved;
  return ok;
}

/* Does `input` still fall in `cls`, with every reader pair that disagreed on
 * the original (`want`) still disagreeing the same way? */
static bool reproduces(run *r, const buf *input, const char *cls, const unsigned char *want) {
  if (!judge_one(r, input) || !has_class(&r->v[0], cls)) return false;
  for (int p = 0; p < 2 + OBJ_MODES; p++)
    if (want[p] >= 3 && r->v[0].pair[p] != want[p]) return false;
  return true;
}

/*
 * Revert as many mutated bytes to the seed's as possible while the input
 * stays in its class (greedy, halving chunk sizes), so the saved input
 * differs from a corpus file only where it must.
 */
static void minimise(run *r, buf *x, const buf *seed_data, const char *cls) {
  size_t n = x->n < seed_data->n ? x->n : seed_data->n;
  size_t *pos = malloc((n + 1) * sizeof *pos), np = 0;
  unsigned char want[2 + OBJ_MODES];
  buf t = {0};
  if (!pos) return;
  if (!judge_one(r, x)) {
    free(pos);
    return;
  }
  memcpy(want, r->v[0].pair, sizeof want);
  for (size_t i = 0; i < n; i++)
    if (x->p[i] != seed_data->p[i]) pos[np++] = i;
  for (size_t chunk = np / 2 ? np / 2 : 1; chunk >= 1 && np; chunk /= 2) {
    for (size_t at = 0; at < np;) {
      size_t len = chunk < np - at ? chunk : np - at;
      buf_set(&t, x->p, x->n);
      for (size_t k = 0; k < len; k++) t.p[pos[at + k]] = seed_data->p[pos[at + k]];
      if (reproduces(r, &t, cls, want)) {
        buf_set(x, t.p, t.n);
        memmove(pos + at, pos + at + len, (np - at - len) * sizeof *pos);
        np -= len;
      } else {
        at += len;
      }
    }
    if (chunk == 1) break;
  }
  free(pos);
  buf_free(&t);
}

static void save_exemplars(run *r) {
  for (size_t i = 0; i < r->c.ncls; i++) {
    class_count *cc = &r->c.cls[i];
    char path[4800];
    buf x = {0};
    mutation_log log;
    if (!cc->have) continue;
    if (r->files_mode) {
      if (read_file(cc->file, &x) != 0) continue;
      memset(&log, 0, sizeof log);
      snprintf(log.text, sizeof log.text, "file %.500s", cc->file);
    } else {
      mutate(&r->seeds, r->seed_value, cc->index, &x, &log);
      minimise(r, &x, &r->seeds.v[log.seed].data, cc->name);
    }
    snprintf(path, sizeof path, "%s/%s.bin", r->save_dir, cc->name);
    if (write_file(path, x.p, x.n) != 0) {
      fprintf(stderr, "cwasm-differential: cannot write %s: %s\n", path, strerror(errno));
    } else {
      FILE *f;
      snprintf(path, sizeof path, "%s/%s.origin", r->save_dir, cc->name);
      f = fopen(path, "w");
      if (f) {
        fprintf(f, "class %s\n", cc->name);
        if (r->files_mode)
          fprintf(f, "%s\n", log.text);
        else
          fprintf(f, "stream input %llu (seed value %llu): seed %s; %s; then minimised against the seed\n",
                  (unsigned long long)cc->index, (unsigned long long)r->seed_value,
                  r->seeds.v[log.seed].name, log.text);
        fclose(f);
      }
    }
    buf_free(&x);
  }
}

/* ------------------------------------------------------------- report */

static int report(const counts *c, double seconds, FILE *out) {
  int fresh = 0;
  static const char *const state[5] = {"not-compared", "both-reject", "both-accept-agree",
                                       "accept-differs", "readings-differ"};
  fprintf(out, "differential: %llu inputs", (unsigned long long)c->inputs);
  if (seconds > 0) fprintf(out, " in %.1f s", seconds);
  fprintf(out, "\n%-8s %12s %12s %12s %12s %12s\n", "pair", state[2], state[1], state[3], state[4],
          state[0]);
  for (int p = 0; p < 2 + OBJ_MODES; p++)
    fprintf(out, "%-8s %12llu %12llu %12llu %12llu %12llu\n", pair_names[p],
            (unsigned long long)c->pair[p][2], (unsigned long long)c->pair[p][1],
            (unsigned long long)c->pair[p][3], (unsigned long long)c->pair[p][4],
            (unsigned long long)c->pair[p][0]);
  fprintf(out, "disagreement classes (inputs, verdict, class):\n");
  for (size_t i = 0; i < c->ncls; i++) {
    const char *v = verdict_of(c->cls[i].name);
    if (!v && nknowns) fresh++;
    fprintf(out, "  %10llu  %-12s %s\n", (unsigned long long)c->cls[i].count,
            v ? v : (nknowns ? "NEW" : "-"), c->cls[i].name);
  }
  if (c->ncls == 0) fprintf(out, "  (none)\n");
  {
    int bugs = 0;
    for (size_t i = 0; i < c->ncls; i++) {
      const char *v = verdict_of(c->cls[i].name);
      if (v && strcmp(v, "bug") == 0) bugs++;
    }
    if (bugs)
      fprintf(out, "%d class(es) recorded as cwasm bugs (verdict bug): see tests/differential/<class>.md\n",
              bugs);
  }
  if (fresh)
    fprintf(out, "%d NEW class(es): not recorded in tests/differential/CLASSES.tsv; triage them\n", fresh);
  return fresh ? 1 : 0;
}

static int cmp_class(const void *a, const void *b) {
  return strcmp(((const class_count *)a)->name, ((const class_count *)b)->name);
}

static void write_counts(const counts *c, const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) return;
  fprintf(f, "inputs\t%llu\n", (unsigned long long)c->inputs);
  for (int p = 0; p < 2 + OBJ_MODES; p++)
    for (int s = 0; s < 5; s++)
      fprintf(f, "pair\t%s\t%d\t%llu\n", pair_names[p], s, (unsigned long long)c->pair[p][s]);
  for (size_t i = 0; i < c->ncls; i++)
    fprintf(f, "class\t%s\t%llu\t%llu\t%u\t%zu\t%u\t%u\n", c->cls[i].name,
            (unsigned long long)c->cls[i].count, (unsigned long long)c->cls[i].index,
            c->cls[i].mutations, c->cls[i].size, c->cls[i].score, c->cls[i].nclasses);
  fclose(f);
}

static int merge_counts(counts *c, const char *path) {
  FILE *f = fopen(path, "r");
  char line[512];
  if (!f) return -1;
  while (fgets(line, sizeof line, f)) {
    char a[128], b[128];
    unsigned long long x, idx;
    unsigned muts, score, ncls;
    size_t size;
    int s;
    if (sscanf(line, "inputs\t%llu", &x) == 1) {
      c->inputs += x;
    } else if (sscanf(line, "pair\t%127s\t%d\t%llu", a, &s, &x) == 3) {
      for (int p = 0; p < 2 + OBJ_MODES; p++)
        if (strcmp(pair_names[p], a) == 0 && s >= 0 && s < 5) c->pair[p][s] += x;
    } else if (sscanf(line, "class\t%127s\t%llu\t%llu\t%u\t%zu\t%u\t%u", b, &x, &idx, &muts,
                      &size, &score, &ncls) == 7) {
      class_count *cc = class_get(c, b);
      cc->count += x;
      if (!cc->have || better(ncls, score, muts, size, cc)) {
        cc->nclasses = ncls;
        cc->have = true;
        cc->index = idx;
        cc->mutations = muts;
        cc->size = size;
        cc->score = score;
      }
    }
  }
  fclose(f);
  return 0;
}

/* --------------------------------------------------------------- main */

static void usage(void) {
  fputs("usage: cwasm-differential [--object-aligned BIN] [--object-unaligned BIN] [--readelf BIN|none]\n"
        "           [--known CLASSES.tsv] [--save DIR] [--counts-out FILE] [--batch N] [--tmp DIR]\n"
        "           (--files FILE... | --seeds DIR... --stream N [--start K] [--seed S] [--verbose]\n"
        "            | --seeds DIR... --emit I --out FILE | --merge COUNTS...)\n",
        stderr);
}

int main(int argc, char **argv) {
  static run r;
  const char *known_path = NULL, *counts_out = NULL, *out_path = NULL;
  uint64_t stream_n = 0, start = 0, emit = 0;
  bool stream = false, do_emit = false, merge = false;
  int first_file = argc;
  struct timespec t0, t1;
  int status = 0;

  r.o.readelf = "readelf";
  r.o.tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  r.batch = 2048;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VAL()            \
  do {                        \
    if (!val) {               \
      usage();                \
      return 64;              \
    }                         \
    i++;                      \
  } while (0)
    if (strcmp(a, "--object-aligned") == 0) { NEED_VAL(); r.o.object_aligned = val; }
    else if (strcmp(a, "--object-unaligned") == 0) { NEED_VAL(); r.o.object_unaligned = val; }
    else if (strcmp(a, "--readelf") == 0) { NEED_VAL(); r.o.readelf = strcmp(val, "none") ? val : NULL; }
    else if (strcmp(a, "--known") == 0) { NEED_VAL(); known_path = val; }
    else if (strcmp(a, "--save") == 0) { NEED_VAL(); r.save_dir = val; }
    else if (strcmp(a, "--counts-out") == 0) { NEED_VAL(); counts_out = val; }
    else if (strcmp(a, "--batch") == 0) { NEED_VAL(); r.batch = (size_t)strtoull(val, NULL, 10); }
    else if (strcmp(a, "--tmp") == 0) { NEED_VAL(); r.o.tmpdir = val; }
    else if (strcmp(a, "--seeds") == 0) {
      NEED_VAL();
      if (seeds_load(&r.seeds, val) != 0) {
        fprintf(stderr, "cwasm-differential: cannot read seeds from %s\n", val);
        return 66;
      }
    }
    else if (strcmp(a, "--stream") == 0) { NEED_VAL(); stream = true; stream_n = strtoull(val, NULL, 10); }
    else if (strcmp(a, "--start") == 0) { NEED_VAL(); start = strtoull(val, NULL, 10); }
    else if (strcmp(a, "--seed") == 0) { NEED_VAL(); r.seed_value = strtoull(val, NULL, 0); }
    else if (strcmp(a, "--emit") == 0) { NEED_VAL(); do_emit = true; emit = strtoull(val, NULL, 10); }
    else if (strcmp(a, "--out") == 0) { NEED_VAL(); out_path = val; }
    else if (strcmp(a, "--verbose") == 0) r.verbose = true;
    else if (strcmp(a, "--files") == 0) { r.files_mode = true; first_file = i + 1; break; }
    else if (strcmp(a, "--merge") == 0) { merge = true; first_file = i + 1; break; }
    else { usage(); return 64; }
#undef NEED_VAL
  }
  if (r.batch == 0 || r.batch > 16384) r.batch = 2048;
  if (known_path && load_known(known_path) != 0) {
    fprintf(stderr, "cwasm-differential: cannot read %s\n", known_path);
    return 66;
  }

  if (merge) {
    for (int i = first_file; i < argc; i++)
      if (merge_counts(&r.c, argv[i]) != 0) {
        fprintf(stderr, "cwasm-differential: cannot read %s\n", argv[i]);
        return 66;
      }
    qsort(r.c.cls, r.c.ncls, sizeof *r.c.cls, cmp_class);
    if (r.save_dir) {
      /* the shards' exemplars are stream indices: rebuild and minimise them here */
      if (!r.seeds.n) {
        fprintf(stderr, "cwasm-differential: --merge --save needs the --seeds of the run\n");
        return 64;
      }
      if (elf_version(EV_CURRENT) == EV_NONE) return 70;
      r.have_readelf = r.o.readelf != NULL;
      r.have_obj[OBJ_A] = r.have_obj[OBJ_C] = r.o.object_aligned != NULL;
      r.have_obj[OBJ_CU] = r.have_obj[OBJ_E] = r.o.object_unaligned != NULL;
      alloc_batch(&r);
      save_exemplars(&r);
      oracles_cleanup();
    }
    return report(&r.c, 0, stdout);
  }

  if (do_emit) {
    buf x = {0};
    mutation_log log;
    if (!r.seeds.n || !out_path) {
      usage();
      return 64;
    }
    mutate(&r.seeds, r.seed_value, emit, &x, &log);
    if (write_file(out_path, x.p, x.n) != 0) return 73;
    printf("input %llu: seed %s; %s\n", (unsigned long long)emit, r.seeds.v[log.seed].name, log.text);
    return 0;
  }
  if (!r.files_mode && !(stream && r.seeds.n)) {
    usage();
    return 64;
  }

  if (elf_version(EV_CURRENT) == EV_NONE) {
    fprintf(stderr, "libelf: %s\n", elf_errmsg(-1));
    return 70;
  }
  r.have_readelf = r.o.readelf != NULL;
  r.have_obj[OBJ_A] = r.have_obj[OBJ_C] = r.o.object_aligned != NULL;
  r.have_obj[OBJ_CU] = r.have_obj[OBJ_E] = r.o.object_unaligned != NULL;
  alloc_batch(&r);
  clock_gettime(CLOCK_MONOTONIC, &t0);

  if (r.files_mode) {
    int i = first_file;
    while (i < argc && status == 0) {
      r.count = 0;
      for (; i < argc && r.count < r.batch; i++) {
        if (read_file(argv[i], &r.in[r.count]) != 0) {
          fprintf(stderr, "cwasm-differential: %s: %s\n", argv[i], strerror(errno));
          status = 66;
          continue;
        }
        r.names[r.count] = argv[i];
        r.count++;
      }
      if (r.count && run_batch(&r) != 0) {
        status = 70;
        break;
      }
      tally(&r, 0);
    }
  } else {
    for (uint64_t k = 0; k < stream_n && status == 0;) {
      r.count = 0;
      for (; k < stream_n && r.count < r.batch; k++, r.count++)
        mutate(&r.seeds, r.seed_value, start + k, &r.in[r.count], &r.log[r.count]);
      if (run_batch(&r) != 0) {
        status = 70;
        break;
      }
      tally(&r, start + k - r.count);
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  qsort(r.c.cls, r.c.ncls, sizeof *r.c.cls, cmp_class);
  if (r.save_dir) save_exemplars(&r);
  if (counts_out) write_counts(&r.c, counts_out);
  oracles_cleanup();
  {
    int rs = report(&r.c, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
                    r.files_mode ? stderr : stdout);
    if (status == 0) status = rs;
  }
  return status;
}
