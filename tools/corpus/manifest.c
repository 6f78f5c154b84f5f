/*
 * Writing the corpus: the files and corpus/MANIFEST.tsv.
 *
 * MANIFEST.tsv, one row per file, tab-separated, first line = column names:
 *
 *   path         relative to corpus/
 *   options      "-" or comma-separated: lenient, max_sections=N, max_flags=N,
 *                release=N (cwasm_options)
 *   status       expected cwasm_parse status name ("OK", "E_ELF_MAGIC", ...)
 *   warnings     expected artifact warnings, in order, comma-separated, or "-"
 *   host         the pinned host of the policy check, or "-" when it is n/a:
 *                ';'-separated key=value items, always in this order:
 *                  release=N        Wasmtime release of the host
 *                  version=STR      the version string it compares ("" = None
 *                                   strategy; a release string of release N =
 *                                   default strategy; anything else = Custom)
 *                  target=TRIPLE    the engine's target
 *                  expect=KIND      module | component
 *                  cpu=LIST         the CPU, every feature of the target's arch
 *                                   listed as +name / -name; "unknown" = not
 *                                   known; absent for riscv64 (Wasmtime reports
 *                                   every feature there) and Pulley (whose
 *                                   flags ask the probe nothing)
 *                  wasm=LIST        wasm features changed from the release's
 *                                   defaults (cwasm_host_parse_features syntax)
 *                  tunable=N=V      a Tunables field changed from the defaults
 *                  version-mode=M   exact (default, not written) | major | ignore
 *                Everything else is the built-in default host of the release
 *                (cwasm_host_default: default Tunables and wasm features, gc
 *                Cargo feature on) -- never this machine's CPU probe.
 *   policy       codes of the findings and notes cwasm_check reports, in
 *                order, duplicates removed, comma-separated; "ok" for none;
 *                "n/a" when the parse fails (no check)
 *   description  one line
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen.h"

/* --------------------------------------------------------------- host */

typedef struct host_items {
  unsigned release;
  char version[260];
  char target[128];
  char expect[16];
  char cpu[512]; /* "" = absent */
  char wasm[256];
  char tunable[256];
  char mode[16];
} host_items;

/* "+f" for every CPU feature of `arch`, or "" when the arch has none. */
static void cpu_all(cwasm_arch arch, char *out, size_t cap) {
  size_t n = 0;
  out[0] = '\0';
  for (int f = 0; f < CWASM_CPU__COUNT; f++) {
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) != arch) continue;
    n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s+%s", n ? "," : "",
                          cwasm_cpu_feature_name((cwasm_cpu_feature)f));
  }
}

/* Flip the sign of the named items of a "+a,+b" list ("-b" makes b absent). */
static int cpu_apply(char *list, const char *changes, char *err, size_t errcap) {
  char buf[256], *save = NULL;
  snprintf(buf, sizeof buf, "%s", changes);
  for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    size_t n = strlen(tok + 1);
    char *p = list;
    int found = 0;
    if (tok[0] != '+' && tok[0] != '-') {
      snprintf(err, errcap, "cpu change %s is not +name or -name", tok);
      return -1;
    }
    while ((p = strstr(p, tok + 1)) != NULL) {
      if (p > list && (p[-1] == '+' || p[-1] == '-') && (p[n] == ',' || p[n] == '\0')) {
        p[-1] = tok[0];
        found = 1;
        break;
      }
      p += n;
    }
    if (!found) {
      snprintf(err, errcap, "cpu feature %s is not one of the target's", tok + 1);
      return -1;
    }
  }
  return 0;
}

static cwasm_arch arch_of_triple(const char *triple) {
  const gen_target *t = gen_target_find(triple);
  return t ? t->arch : CWASM_ARCH_UNKNOWN;
}

/* Names of the feature bits `bits` in the release's naming, as "+a,+b". */
static void feature_names(const gen_art *a, uint64_t bits, char *out, size_t cap) {
  size_t n = 0;
  out[0] = '\0';
  if (a->layout->features == CWASM_FEATURES_BOOLS) {
    for (unsigned i = 0; i < a->layout->feature_bools_count; i++)
      if (bits >> i & 1u)
        n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s+%s", n ? "," : "",
                              a->layout->feature_bools[i]);
    return;
  }
  for (unsigned i = 0; i < a->rel->feature_bits_count; i++)
    if ((bits & a->rel->feature_bits[i].mask) == a->rel->feature_bits[i].mask && a->rel->feature_bits[i].mask)
      n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s+%s", n ? "," : "",
                            a->rel->feature_bits[i].name);
}

int gen_host_column(const gen_params *base, const char *overrides, char *out, size_t cap, char *err,
                    size_t errcap) {
  static gen_art scratch; /* large: not on the stack */
  host_items h;
  char buf[512], cpu_changes[256] = "", *save = NULL;
  int version_given = 0;
  memset(&h, 0, sizeof h);
  if (gen_art_init(&scratch, base) != 0) {
    snprintf(err, errcap, "%s", scratch.error);
    return -1;
  }
  h.release = base->release;
  gen_default_version(base->release, base->strategy, base->custom, h.version, sizeof h.version);
  snprintf(h.target, sizeof h.target, "%s", base->target->triple);
  snprintf(h.expect, sizeof h.expect, "%s", base->kind == CWASM_KIND_COMPONENT ? "component" : "module");
  /* the base's own features beyond the defaults (a component's component_model) */
  feature_names(&scratch, scratch.features & ~scratch.default_features, h.wasm, sizeof h.wasm);

  snprintf(buf, sizeof buf, "%s", overrides ? overrides : "");
  for (char *item = strtok_r(buf, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
    char *eq = strchr(item, '=');
    const char *v;
    if (!eq) {
      snprintf(err, errcap, "host item without '=': %s", item);
      return -1;
    }
    *eq = '\0';
    v = eq + 1;
    if (strcmp(item, "release") == 0)
      h.release = (unsigned)strtoul(v, NULL, 10);
    else if (strcmp(item, "version") == 0)
      version_given = 1, snprintf(h.version, sizeof h.version, "%s", v);
    else if (strcmp(item, "target") == 0)
      snprintf(h.target, sizeof h.target, "%s", v);
    else if (strcmp(item, "expect") == 0)
      snprintf(h.expect, sizeof h.expect, "%s", v);
    else if (strcmp(item, "cpu") == 0)
      snprintf(cpu_changes, sizeof cpu_changes, "%s", v);
    else if (strcmp(item, "wasm") == 0)
      snprintf(h.wasm, sizeof h.wasm, "%s", v);
    else if (strcmp(item, "tunable") == 0)
      snprintf(h.tunable, sizeof h.tunable, "%s", v);
    else if (strcmp(item, "version-mode") == 0)
      snprintf(h.mode, sizeof h.mode, "%s", v);
    else {
      snprintf(err, errcap, "unknown host item %s", item);
      return -1;
    }
  }
  if (h.release != base->release && !version_given)
    gen_default_version((uint16_t)h.release, GEN_VERSION_DEFAULT, NULL, h.version, sizeof h.version);

  /* A pinned CPU: every feature of the machine's arch, present unless changed. */
  {
    cwasm_arch arch = arch_of_triple(h.target);
    if (strcmp(cpu_changes, "unknown") == 0) {
      snprintf(h.cpu, sizeof h.cpu, "unknown");
    } else {
      cpu_all(arch, h.cpu, sizeof h.cpu);
      if (cpu_changes[0] && cpu_apply(h.cpu, cpu_changes, err, errcap) != 0) return -1;
    }
  }

  {
    size_t n = (size_t)snprintf(out, cap, "release=%u;version=%s;target=%s;expect=%s", h.release, h.version,
                                h.target, h.expect);
#define ITEM(key, val) \
  if ((val)[0]) n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, ";%s=%s", key, val)
    ITEM("cpu", h.cpu);
    ITEM("wasm", h.wasm);
    ITEM("tunable", h.tunable);
    ITEM("version-mode", h.mode);
#undef ITEM
    if (n >= cap) {
      snprintf(err, errcap, "host column too long");
      return -1;
    }
  }
  return 0;
}

/* ------------------------------------------------------------- writing */

static int make_dir(const char *path) {
  if (mkdir(path, 0777) == 0 || errno == EEXIST) return 0;
  fprintf(stderr, "cwasm-corpus: cannot create %s: %s\n", path, strerror(errno));
  return -1;
}

static int write_file(const char *path, const uint8_t *p, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
    fprintf(stderr, "cwasm-corpus: cannot write %s\n", path);
    if (f) fclose(f);
    return -1;
  }
  return 0;
}

static void describe_valid(const gen_valid *v, char *out, size_t cap) {
  char version[260];
  gen_default_version(v->p.release, v->p.strategy, v->p.custom, version, sizeof version);
  snprintf(out, cap, "Wasmtime %u %s %s, %s version string \"%s\": %s", (unsigned)v->p.release,
           v->p.target->triple, v->p.kind == CWASM_KIND_COMPONENT ? "component" : "module",
           gen_strategy_name(v->p.strategy), version, v->note);
}

int gen_corpus(const char *dir) {
  static gen_art a;
  char path[4096], stem[128], host[1024], err[256], desc[512];
  FILE *m;
  int rc = 0;

  snprintf(path, sizeof path, "%s/valid", dir);
  if (make_dir(dir) || make_dir(path)) return -1;
  snprintf(path, sizeof path, "%s/malformed", dir);
  if (make_dir(path)) return -1;
  snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
  m = fopen(path, "w");
  if (!m) {
    fprintf(stderr, "cwasm-corpus: cannot write %s\n", path);
    return -1;
  }
  fputs("path\toptions\tstatus\twarnings\thost\tpolicy\tdescription\n", m);

  for (size_t i = 0; i < gen_valid_count(); i++) {
    const gen_valid *v = gen_valid_at(i);
    gen_valid_stem(v, stem, sizeof stem);
    if (gen_build_valid(v, &a) != 0) {
      fprintf(stderr, "cwasm-corpus: valid/%s: %s\n", stem, a.error);
      rc = -1;
      gen_art_free(&a);
      continue;
    }
    snprintf(path, sizeof path, "%s/valid/%s.cwasm", dir, stem);
    if (write_file(path, a.file, a.file_len) != 0) rc = -1;
    if (gen_host_column(&v->p, NULL, host, sizeof host, err, sizeof err) != 0) {
      fprintf(stderr, "cwasm-corpus: valid/%s: %s\n", stem, err);
      rc = -1;
    }
    describe_valid(v, desc, sizeof desc);
    fprintf(m, "valid/%s.cwasm\t-\tOK\t%s\t%s\tok\t%s\n", stem, v->warnings, host, desc);
    gen_art_free(&a);
  }

  for (size_t i = 0; i < gen_mutation_count(); i++) {
    const gen_mutation *mu = gen_mutation_at(i);
    const gen_valid *base = mu->base ? gen_valid_find(mu->base) : NULL;
    for (size_t k = 0; k < i; k++)
      if (strcmp(gen_mutation_at(k)->name, mu->name) == 0) {
        fprintf(stderr, "cwasm-corpus: mutation %s defined twice\n", mu->name);
        rc = -1;
      }
    if (gen_build_mutation(mu, &a) != 0) {
      fprintf(stderr, "cwasm-corpus: malformed/%s: %s\n", mu->name, a.error);
      rc = -1;
      gen_art_free(&a);
      continue;
    }
    snprintf(path, sizeof path, "%s/malformed/%s.%s", dir, mu->name, mu->ext ? mu->ext : "cwasm");
    if (write_file(path, a.file, a.file_len) != 0) rc = -1;
    if (!mu->policy) {
      snprintf(host, sizeof host, "-");
    } else if (!base) {
      fprintf(stderr, "cwasm-corpus: malformed/%s: a policy outcome needs a base artifact\n", mu->name);
      rc = -1;
    } else if (gen_host_column(&base->p, mu->host, host, sizeof host, err, sizeof err) != 0) {
      fprintf(stderr, "cwasm-corpus: malformed/%s: %s\n", mu->name, err);
      rc = -1;
    }
    if (base)
      snprintf(desc, sizeof desc, "%s (mutation %s of valid/%s.cwasm)", mu->what, mu->name, mu->base);
    else
      snprintf(desc, sizeof desc, "%s", mu->what);
    fprintf(m, "malformed/%s.%s\t%s\t%s\t%s\t%s\t%s\t%s\n", mu->name, mu->ext ? mu->ext : "cwasm",
            mu->options, mu->status, mu->warnings, host, mu->policy ? mu->policy : "n/a", desc);
    gen_art_free(&a);
  }
  if (fclose(m) != 0) rc = -1;
  return rc;
}
