/*
 * The committed seed corpus (corpus/, issue #5) against the library.
 *
 *   replay      every row of corpus/MANIFEST.tsv through cwasm_parse (status and
 *               warnings) and, where the row has a host, cwasm_check (findings
 *               and notes); every difference is listed, then the test fails.
 *               Also: every file in corpus/valid and corpus/malformed has a row.
 *   coverage    every code of the status table is produced by some row, except
 *               the codes in UNREACHABLE (each with the reason bytes cannot
 *               reach it, and a call that does reach it).
 *   valid set   the valid files span every Metadata layout, every target the
 *               issue names, both kinds, the three version strategies and
 *               big-endian ELF.
 *   regenerate  the generator (tools/corpus, path from the CWASM_CORPUS_GEN
 *               compile definition) writes the corpus again into a temporary
 *               directory; it must equal the committed files byte for byte.
 *
 * The column meanings are documented in tools/corpus/manifest.c and
 * corpus/README.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cwasm/cwasm.h"
#include "metabuild.h"

#define CORPUS CWASM_SOURCE_DIR "/corpus"
#define NCOLS 7

typedef struct row {
  char *col[NCOLS]; /* path, options, status, warnings, host, policy, description */
  size_t line;
} row;
enum { C_PATH, C_OPTIONS, C_STATUS, C_WARNINGS, C_HOST, C_POLICY, C_DESC };

static char *g_text;
static row *g_rows;
static size_t g_nrows;

/* Large results, kept off the stack. */
static cwasm_artifact g_art;
static cwasm_report g_report;

/* -------------------------------------------------------------- manifest */

static int load_manifest(void) {
  size_t len = 0, cap = 0;
  char *line, *save = NULL;
  size_t lineno = 0;
  g_text = (char *)tb_read_file(CORPUS "/MANIFEST.tsv", &len);
  if (!g_text) return -1;
  g_text[len] = '\0'; /* tb_read_file leaves one spare byte */
  for (line = strtok_r(g_text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    row r;
    char *p = line;
    lineno++;
    if (lineno == 1) {
      if (strcmp(line, "path\toptions\tstatus\twarnings\thost\tpolicy\tdescription") != 0) return -1;
      continue;
    }
    memset(&r, 0, sizeof r);
    r.line = lineno;
    for (int c = 0; c < NCOLS; c++) {
      char *tab = c < NCOLS - 1 ? strchr(p, '\t') : NULL;
      r.col[c] = p;
      if (c < NCOLS - 1) {
        if (!tab) return -1;
        *tab = '\0';
        p = tab + 1;
      }
    }
    if (g_nrows == cap) {
      cap = cap ? 2 * cap : 256;
      g_rows = realloc(g_rows, cap * sizeof *g_rows);
      if (!g_rows) return -1;
    }
    g_rows[g_nrows++] = r;
  }
  return 0;
}

static int setup(void **state) {
  (void)state;
  if (load_manifest() != 0) {
    print_error("cannot read or parse %s/MANIFEST.tsv\n", CORPUS);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  free(g_rows);
  free(g_text);
  return 0;
}

/* ------------------------------------------------------------- options */

static int parse_options(const char *s, cwasm_options *o) {
  char buf[256], *save = NULL;
  memset(o, 0, sizeof *o);
  if (strcmp(s, "-") == 0) return 0;
  snprintf(buf, sizeof buf, "%s", s);
  for (char *it = strtok_r(buf, ",", &save); it; it = strtok_r(NULL, ",", &save)) {
    if (strcmp(it, "lenient") == 0)
      o->flags |= CWASM_OPT_LENIENT;
    else if (strncmp(it, "max_sections=", 13) == 0)
      o->max_sections = strtoull(it + 13, NULL, 10);
    else if (strncmp(it, "max_flags=", 10) == 0)
      o->max_flags = (uint32_t)strtoul(it + 10, NULL, 10);
    else if (strncmp(it, "release=", 8) == 0)
      o->release = (uint16_t)strtoul(it + 8, NULL, 10);
    else
      return -1;
  }
  return 0;
}

/* ---------------------------------------------------------------- host */

static uint64_t arch_mask(cwasm_arch a) {
  uint64_t m = 0;
  for (int f = 0; f < CWASM_CPU__COUNT; f++)
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) == a) m |= CWASM_CPU_BIT(f);
  return m;
}

/*
 * The host of a row: the built-in default host of `release` (default
 * Tunables and wasm features), then, always in this order, its version
 * string, target, CPU, wasm features, Tunables, version mode and kind. The
 * CPU is pinned by the row (never this machine's probe): a listed CPU has
 * exactly the features marked '+'; without a list, a riscv64 engine reports
 * every feature (Wasmtime's riscv64 probe) and a Pulley engine's CPU is not
 * known (Pulley flags ask the probe nothing).
 */
static int build_host(const char *col, cwasm_host *h, char *err, size_t errcap) {
  char buf[1024], *save = NULL;
  const char *version = NULL, *target = NULL, *expect = NULL, *cpu = NULL, *wasm = NULL, *tunable = NULL,
             *mode = NULL;
  unsigned release = 0;
  snprintf(buf, sizeof buf, "%s", col);
  for (char *it = strtok_r(buf, ";", &save); it; it = strtok_r(NULL, ";", &save)) {
    char *eq = strchr(it, '=');
    if (!eq) return snprintf(err, errcap, "host item without '=': %s", it), -1;
    *eq = '\0';
    if (strcmp(it, "release") == 0)
      release = (unsigned)strtoul(eq + 1, NULL, 10);
    else if (strcmp(it, "version") == 0)
      version = eq + 1;
    else if (strcmp(it, "target") == 0)
      target = eq + 1;
    else if (strcmp(it, "expect") == 0)
      expect = eq + 1;
    else if (strcmp(it, "cpu") == 0)
      cpu = eq + 1;
    else if (strcmp(it, "wasm") == 0)
      wasm = eq + 1;
    else if (strcmp(it, "tunable") == 0)
      tunable = eq + 1;
    else if (strcmp(it, "version-mode") == 0)
      mode = eq + 1;
    else
      return snprintf(err, errcap, "unknown host item %s", it), -1;
  }
  if (cwasm_host_default((uint16_t)release, h) != CWASM_OK)
    return snprintf(err, errcap, "no default host for release %u", release), -1;
  if (version) {
    cwasm_version v;
    cwasm_diag d;
    cwasm_bytes b = {(const uint8_t *)version, strlen(version)};
    cwasm_version_strategy s = CWASM_STRATEGY_CUSTOM;
    if (b.n == 0)
      s = CWASM_STRATEGY_NONE;
    else if (cwasm_version_parse(b, 0, &v, &d) == CWASM_OK && v.kind == CWASM_VERSION_RELEASE &&
             v.major == release)
      s = CWASM_STRATEGY_DEFAULT;
    if (cwasm_host_set_version(h, s, s == CWASM_STRATEGY_NONE ? NULL : version) != CWASM_OK)
      return snprintf(err, errcap, "bad version %s", version), -1;
  }
  if (!target || cwasm_host_set_target(h, target) != CWASM_OK)
    return snprintf(err, errcap, "bad target %s", target ? target : "(none)"), -1;
  memset(&h->cpu, 0, sizeof h->cpu);
  h->cpu.arch = h->triple.arch;
  if (cpu && strcmp(cpu, "unknown") == 0) {
    h->cpu_mode = CWASM_CPU_MODE_UNKNOWN;
  } else if (cpu) {
    size_t pos = 0;
    h->cpu.known = arch_mask(h->cpu.arch);
    if (cwasm_host_cpu_parse_features(cpu, &h->cpu, &pos) != CWASM_OK)
      return snprintf(err, errcap, "bad cpu list at %zu: %s", pos, cpu), -1;
    h->cpu_mode = CWASM_CPU_MODE_PROBE;
  } else if (h->triple.arch == CWASM_ARCH_RISCV64) {
    h->cpu.all_present = 1;
    h->cpu_mode = CWASM_CPU_MODE_PROBE;
  } else {
    h->cpu.arch = CWASM_ARCH_UNKNOWN;
    h->cpu_mode = CWASM_CPU_MODE_UNKNOWN;
  }
  if (wasm) {
    size_t pos = 0;
    if (cwasm_host_parse_features(h, wasm, &pos) != CWASM_OK)
      return snprintf(err, errcap, "bad wasm feature list at %zu: %s", pos, wasm), -1;
  }
  if (tunable && cwasm_host_set_tunable(h, tunable) != CWASM_OK)
    return snprintf(err, errcap, "bad tunable %s", tunable), -1;
  if (mode) {
    if (strcmp(mode, "exact") == 0)
      h->version_mode = CWASM_VERSION_MODE_EXACT;
    else if (strcmp(mode, "major") == 0)
      h->version_mode = CWASM_VERSION_MODE_MAJOR;
    else if (strcmp(mode, "ignore") == 0)
      h->version_mode = CWASM_VERSION_MODE_IGNORE;
    else
      return snprintf(err, errcap, "bad version-mode %s", mode), -1;
  }
  if (!expect) return snprintf(err, errcap, "no expect item"), -1;
  if (strcmp(expect, "module") == 0)
    h->expect = CWASM_EXPECT_MODULE;
  else if (strcmp(expect, "component") == 0)
    h->expect = CWASM_EXPECT_COMPONENT;
  else if (strcmp(expect, "either") == 0)
    h->expect = CWASM_EXPECT_EITHER;
  else
    return snprintf(err, errcap, "bad expect %s", expect), -1;
  return 0;
}

/* --------------------------------------------------------------- replay */

typedef struct outcome {
  char status[64];
  char warnings[1024];
  char policy[1024];
  int read_error;
} outcome;

static void append(char *buf, size_t cap, const char *s) {
  size_t n = strlen(buf);
  snprintf(buf + n, cap - n, "%s%s", n ? "," : "", s);
}

static int contains_code(const char *list, const char *code) {
  size_t n = strlen(code);
  for (const char *p = list; (p = strstr(p, code)) != NULL; p += n)
    if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) return 1;
  return 0;
}

/* Parse (and check) one row; `err` gets a reason when the row cannot run. */
static void run_row(const row *r, outcome *o, char *err, size_t errcap) {
  char path[4096];
  cwasm_options opt;
  cwasm_diag d;
  cwasm_status st;
  uint8_t *buf;
  size_t len = 0;
  memset(o, 0, sizeof *o);
  err[0] = '\0';
  snprintf(path, sizeof path, "%s/%s", CORPUS, r->col[C_PATH]);
  buf = tb_read_file(path, &len);
  if (!buf) {
    o->read_error = 1;
    snprintf(err, errcap, "cannot read %.300s", path);
    return;
  }
  if (parse_options(r->col[C_OPTIONS], &opt) != 0) {
    snprintf(err, errcap, "bad options %s", r->col[C_OPTIONS]);
    free(buf);
    return;
  }
  st = cwasm_parse(buf, len, &opt, &g_art, &d);
  snprintf(o->status, sizeof o->status, "%s", cwasm_status_name(st));
  for (uint32_t i = 0; i < g_art.warnings.count && i < CWASM_MAX_WARNINGS; i++)
    append(o->warnings, sizeof o->warnings, cwasm_status_name(g_art.warnings.items[i].code));
  if (g_art.warnings.dropped) append(o->warnings, sizeof o->warnings, "(dropped)");
  if (!o->warnings[0]) snprintf(o->warnings, sizeof o->warnings, "-");

  if (strcmp(r->col[C_POLICY], "n/a") == 0) {
    snprintf(o->policy, sizeof o->policy, "n/a");
  } else {
    cwasm_host h;
    char herr[256];
    if (build_host(r->col[C_HOST], &h, herr, sizeof herr) != 0) {
      snprintf(err, errcap, "host: %s", herr);
    } else {
      cwasm_status cs = cwasm_check(&g_art, &h, &g_report);
      if (cs != CWASM_OK) {
        snprintf(o->policy, sizeof o->policy, "check:%s", cwasm_status_name(cs));
      } else {
        for (uint32_t i = 0; i < g_report.count; i++) {
          const cwasm_finding *f = &g_report.items[i];
          const char *name = cwasm_status_name(f->code);
          if (f->kind == CWASM_ITEM_WARNING) continue; /* the artifact's own, in `warnings` */
          if (!contains_code(o->policy, name)) append(o->policy, sizeof o->policy, name);
        }
        if (g_report.dropped) append(o->policy, sizeof o->policy, "(dropped)");
        if (!o->policy[0]) snprintf(o->policy, sizeof o->policy, "ok");
        if ((g_report.findings == 0) != (g_report.compatible == 1))
          snprintf(err, errcap, "report.compatible disagrees with its findings");
      }
    }
  }
  free(buf);
}

/* Every file under corpus/<sub> must have a row. */
static size_t unlisted_files(const char *sub, char *msg, size_t cap) {
  char dir[4096], rel[512];
  size_t missing = 0;
  DIR *dp;
  struct dirent *e;
  snprintf(dir, sizeof dir, "%s/%s", CORPUS, sub);
  dp = opendir(dir);
  if (!dp) return 0;
  while ((e = readdir(dp)) != NULL) {
    int found = 0;
    if (e->d_name[0] == '.') continue;
    snprintf(rel, sizeof rel, "%s/%s", sub, e->d_name);
    for (size_t i = 0; i < g_nrows && !found; i++) found = strcmp(g_rows[i].col[C_PATH], rel) == 0;
    if (!found) {
      size_t n = strlen(msg);
      snprintf(msg + n, cap - n, "  %s has no row in MANIFEST.tsv\n", rel);
      missing++;
    }
  }
  closedir(dp);
  return missing;
}

static void test_replay(void **state) {
  static char report[1 << 16];
  size_t bad = 0;
  (void)state;
  report[0] = '\0';
  assert_true(g_nrows > 0);
  for (size_t i = 0; i < g_nrows; i++) {
    const row *r = &g_rows[i];
    outcome o;
    char err[512];
    size_t n = strlen(report);
    run_row(r, &o, err, sizeof err);
    if (err[0]) {
      snprintf(report + n, sizeof report - n, "  %s (line %zu): %s\n", r->col[C_PATH], r->line, err);
      bad++;
      continue;
    }
    if (strcmp(o.status, r->col[C_STATUS]) != 0 || strcmp(o.warnings, r->col[C_WARNINGS]) != 0 ||
        strcmp(o.policy, r->col[C_POLICY]) != 0) {
      snprintf(report + n, sizeof report - n,
               "  %s [%s]:\n      status %s, want %s\n      warnings %s, want %s\n      policy %s, want %s\n",
               r->col[C_PATH], r->col[C_OPTIONS], o.status, r->col[C_STATUS], o.warnings, r->col[C_WARNINGS],
               o.policy, r->col[C_POLICY]);
      bad++;
    }
  }
  bad += unlisted_files("valid", report, sizeof report);
  bad += unlisted_files("malformed", report, sizeof report);
  if (bad) print_error("%zu of %zu corpus rows differ:\n%s", bad, g_nrows, report);
  assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------- coverage */

/*
 * Codes no input bytes can produce through cwasm_parse + cwasm_check, and why.
 * Each is still shown to be reachable by the call that does produce it.
 */
static const struct {
  const char *name;
  const char *why;
} UNREACHABLE[] = {
    /* Every stage reports a bad call (NULL buffer with a length, NULL result,
     * an index past shnum for cwasm_elf_section); cwasm_parse only ever calls
     * the stages with arguments it has validated, so bytes never lead here. */
    {"E_ARGUMENT", "needs a bad call, e.g. cwasm_parse(NULL, 1, ...)"},
};

static int unreachable(const char *name) {
  for (size_t i = 0; i < sizeof UNREACHABLE / sizeof UNREACHABLE[0]; i++)
    if (strcmp(UNREACHABLE[i].name, name) == 0) return 1;
  return 0;
}

static void test_coverage(void **state) {
  static char produced[1 << 16];
  char missing[4096] = "";
  size_t nmissing = 0;
  cwasm_diag d;
  (void)state;
  produced[0] = '\0';
  for (size_t i = 0; i < g_nrows; i++) {
    outcome o;
    char err[512], *save = NULL;
    run_row(&g_rows[i], &o, err, sizeof err);
    if (err[0] || o.read_error) continue;
    /* what the library actually produced for this file, not what the row says */
    append(produced, sizeof produced, o.status);
    for (char *t = strtok_r(o.warnings, ",", &save); t; t = strtok_r(NULL, ",", &save))
      append(produced, sizeof produced, t);
    for (char *t = strtok_r(o.policy, ",", &save); t; t = strtok_r(NULL, ",", &save))
      append(produced, sizeof produced, t);
  }
  for (size_t i = 0; i < cwasm_status_count(); i++) {
    const char *name = cwasm_status_name(cwasm_status_at(i));
    int have = contains_code(produced, name);
    if (unreachable(name)) {
      if (have) {
        size_t n = strlen(missing);
        snprintf(missing + n, sizeof missing - n, "  %s is in UNREACHABLE but a row produces it\n", name);
        nmissing++;
      }
      continue;
    }
    if (!have) {
      size_t n = strlen(missing);
      snprintf(missing + n, sizeof missing - n, "  %s\n", name);
      nmissing++;
    }
  }
  if (nmissing) print_error("codes no corpus row produces:\n%s", missing);
  assert_int_equal(nmissing, 0);
  /* the excluded code is reachable by the call documented for it */
  assert_int_equal(cwasm_parse(NULL, 1, NULL, &g_art, &d), CWASM_E_ARGUMENT);
}

/* ------------------------------------------------------------ valid set */

/* What the valid set must span (issue #5): every layout, these targets, both
 * kinds, the three version strategies, and big-endian ELF. */
static void test_valid_set(void **state) {
  static const char *const targets[] = {"x86_64-unknown-linux-gnu",    "aarch64-unknown-linux-gnu",
                                        "aarch64-apple-darwin",        "s390x-unknown-linux-gnu",
                                        "riscv64gc-unknown-linux-gnu", "pulley32-unknown-unknown-elf",
                                        "pulley64-unknown-unknown-elf"};
  uint8_t layout_seen[64] = {0}, target_seen[sizeof targets / sizeof targets[0]] = {0};
  unsigned kinds = 0, versions = 0, big = 0, nvalid = 0;
  (void)state;
  for (size_t i = 0; i < g_nrows; i++) {
    char path[4096];
    uint8_t *buf;
    size_t len = 0;
    cwasm_diag d;
    if (strncmp(g_rows[i].col[C_PATH], "valid/", 6) != 0) continue;
    nvalid++;
    snprintf(path, sizeof path, "%s/%.300s", CORPUS, g_rows[i].col[C_PATH]);
    buf = tb_read_file(path, &len);
    assert_non_null(buf);
    assert_int_equal(cwasm_parse(buf, len, NULL, &g_art, &d), CWASM_OK);
    if (g_art.meta.layout && g_art.meta.layout->id < 64) layout_seen[g_art.meta.layout->id] = 1;
    for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++)
      if (g_art.meta.target.n == strlen(targets[t]) &&
          memcmp(g_art.meta.target.p, targets[t], g_art.meta.target.n) == 0)
        target_seen[t] = 1;
    kinds |= 1u << g_art.kind;
    versions |= 1u << g_art.version.kind;
    big |= g_art.elf.endian == CWASM_BIG;
    free(buf);
  }
  assert_true(nvalid > 0);
  for (size_t l = 0; l < cwasm_layout_count(); l++) {
    const cwasm_layout *lay = cwasm_layout_at(l);
    if (!layout_seen[lay->id]) print_error("no valid artifact of layout %s\n", lay->name);
    assert_true(layout_seen[lay->id]);
  }
  for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
    if (!target_seen[t]) print_error("no valid artifact for %s\n", targets[t]);
    assert_true(target_seen[t]);
  }
  assert_int_equal(kinds, (1u << CWASM_KIND_MODULE) | (1u << CWASM_KIND_COMPONENT));
  assert_int_equal(versions,
                   (1u << CWASM_VERSION_RELEASE) | (1u << CWASM_VERSION_CUSTOM) | (1u << CWASM_VERSION_NONE));
  assert_true(big);
}

/* ----------------------------------------------------------- regenerate */

#ifdef CWASM_CORPUS_GEN
static int same_file(const char *a, const char *b) {
  size_t na = 0, nb = 0;
  uint8_t *pa = tb_read_file(a, &na), *pb = tb_read_file(b, &nb);
  int same = pa && pb && na == nb && memcmp(pa, pb, na) == 0;
  free(pa);
  free(pb);
  return same;
}

/* Compare directory `sub` both ways; returns the number of differences. */
static size_t compare_dir(const char *tmp, const char *sub, char *msg, size_t cap) {
  const char *roots[2] = {CORPUS, tmp};
  size_t diffs = 0;
  for (int side = 0; side < 2; side++) {
    char dir[4096];
    DIR *dp;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/%s", roots[side], sub);
    dp = opendir(dir);
    if (!dp) continue;
    while ((e = readdir(dp)) != NULL) {
      char a[4096], b[4096];
      struct stat st;
      size_t n = strlen(msg);
      if (e->d_name[0] == '.') continue;
      snprintf(a, sizeof a, "%s/%s/%s", CORPUS, sub, e->d_name);
      snprintf(b, sizeof b, "%s/%s/%s", tmp, sub, e->d_name);
      if (side == 1 && stat(a, &st) != 0) {
        snprintf(msg + n, cap - n, "  %s/%s is generated but not committed\n", sub, e->d_name);
        diffs++;
      } else if (side == 0 && !same_file(a, b)) {
        snprintf(msg + n, cap - n, "  %s/%s differs from the generator's output (or is not generated)\n", sub,
                 e->d_name);
        diffs++;
      }
    }
    closedir(dp);
  }
  return diffs;
}

static void remove_tree(const char *tmp) {
  const char *subs[] = {"valid", "malformed"};
  char p[4096];
  for (size_t s = 0; s < 2; s++) {
    DIR *dp;
    struct dirent *e;
    snprintf(p, sizeof p, "%s/%s", tmp, subs[s]);
    dp = opendir(p);
    if (!dp) continue;
    while ((e = readdir(dp)) != NULL) {
      char f[4096];
      if (e->d_name[0] == '.') continue;
      snprintf(f, sizeof f, "%s/%s/%s", tmp, subs[s], e->d_name);
      unlink(f);
    }
    closedir(dp);
    rmdir(p);
  }
  snprintf(p, sizeof p, "%s/MANIFEST.tsv", tmp);
  unlink(p);
  rmdir(tmp);
}

static void test_regenerate(void **state) {
  static char msg[1 << 15];
  char tmp[] = "/tmp/cwasm-corpus-XXXXXX", a[4096], b[4096];
  const char *tmpdir = getenv("TMPDIR");
  char tmpl[4096];
  size_t diffs = 0;
  pid_t pid;
  int status = 0;
  (void)state;
  msg[0] = '\0';
  if (tmpdir && *tmpdir)
    snprintf(tmpl, sizeof tmpl, "%s/cwasm-corpus-XXXXXX", tmpdir);
  else
    snprintf(tmpl, sizeof tmpl, "%s", tmp);
  assert_non_null(mkdtemp(tmpl));
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    execl(CWASM_CORPUS_GEN, CWASM_CORPUS_GEN, "corpus", tmpl, (char *)NULL);
    _exit(127);
  }
  assert_int_equal(waitpid(pid, &status, 0), pid);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    remove_tree(tmpl);
    fail_msg("%s corpus %s failed (status %d)", CWASM_CORPUS_GEN, tmpl, status);
  }
  diffs += compare_dir(tmpl, "valid", msg, sizeof msg);
  diffs += compare_dir(tmpl, "malformed", msg, sizeof msg);
  snprintf(a, sizeof a, "%s/MANIFEST.tsv", CORPUS);
  snprintf(b, sizeof b, "%.3000s/MANIFEST.tsv", tmpl);
  if (!same_file(a, b)) {
    size_t n = strlen(msg);
    snprintf(msg + n, sizeof msg - n, "  MANIFEST.tsv differs from the generator's output\n");
    diffs++;
  }
  remove_tree(tmpl);
  if (diffs)
    print_error("the committed corpus is not what the generator writes (run scripts/gen-corpus.sh):\n%s",
                msg);
  assert_int_equal(diffs, 0);
}
#else
static void test_regenerate(void **state) {
  (void)state;
  print_message("generator not built (CWASM_BUILD_TOOLS=OFF or no libelf): regeneration not compared\n");
  skip();
}
#endif

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_replay),
      cmocka_unit_test(test_coverage),
      cmocka_unit_test(test_valid_set),
      cmocka_unit_test(test_regenerate),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
