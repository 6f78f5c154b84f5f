#define _POSIX_C_SOURCE 200809L
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gelf.h>
#include <libelf.h>

uint8_t *bench_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  buf = malloc(n > 0 ? (size_t)n : 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    free(buf);
    return NULL;
  }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

const char *bench_basename(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* This thread's CPU time: time when other jobs have the core is not counted,
 * which wall-clock time on a loaded 2-core machine would add to a round. */
double bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

uint64_t bench_calibrate(bench_batch_fn fn, void *ctx) {
  double t0, single;
  uint64_t batch;
  fn(ctx, 16); /* warm-up */
  t0 = bench_now_ns();
  fn(ctx, 16);
  single = (bench_now_ns() - t0) / 16.0;
  if (single < 0.5) single = 0.5;
  batch = (uint64_t)(50000.0 / single + 1.0);
  return batch > (1u << 20) ? 1u << 20 : batch;
}

double bench_round(const bench_method *m, bench_batch_fn fn, void *ctx, uint64_t batch) {
  uint64_t iters = 0;
  double start = bench_now_ns(), t;
  do {
    fn(ctx, batch);
    iters += batch;
    t = bench_now_ns();
  } while (t - start < (double)m->min_ns);
  return (t - start) / (double)iters;
}

double bench_measure(const bench_method *m, bench_batch_fn fn, void *ctx) {
  uint64_t batch = bench_calibrate(fn, ctx);
  double best = 1e300;
  for (unsigned r = 0; r < m->rounds; r++) {
    double t = bench_round(m, fn, ctx, batch);
    if (t < best) best = t;
  }
  return best;
}

/* The volatile store keeps the calls (and so the callgrind triggers) in place. */
static volatile unsigned char marker_sink;
__attribute__((noinline)) void cwasm_bench_zero(void) { marker_sink = 1; }
__attribute__((noinline)) void cwasm_bench_dump(void) { marker_sink = 2; }

/* Bytes that can go into a file name and a shell word unquoted. */
static int name_safe(const char *p, size_t n) {
  if (n == 0) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-'))
      return 0;
  }
  return 1;
}

/* FNV-1a: a short stable tag for a custom version string in a file name. */
static uint32_t fnv1a(const uint8_t *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

int bench_ref_spec(const cwasm_artifact *a, char *name, size_t name_cap, char *version_arg,
                   size_t version_cap) {
  const char *kind;
  char vtag[32];
  cwasm_bytes v;
  if (!a->release || !(a->stages & CWASM_STAGE_METADATA) || !(a->meta.have & CWASM_HAVE_TARGET))
    return -1;
  if (!name_safe(a->meta.target.p, a->meta.target.n)) return -1;
  kind = a->kind == CWASM_KIND_COMPONENT ? "component" : "module";
  v = a->engine.version;
  if (a->version.kind == CWASM_VERSION_NONE) {
    snprintf(vtag, sizeof vtag, "none");
    snprintf(version_arg, version_cap, "none");
  } else if (a->version.kind == CWASM_VERSION_RELEASE && a->version.canonical &&
             a->version.major == a->release->major) {
    snprintf(vtag, sizeof vtag, "default");
    snprintf(version_arg, version_cap, "default");
  } else {
    /* a custom string goes on cwasm-corpus's command line: printable ASCII only */
    for (size_t i = 0; i < v.n; i++)
      if (v.p[i] < 0x21 || v.p[i] > 0x7e || v.p[i] == '\'' || v.p[i] == '"' || v.p[i] == '\\')
        return -1;
    snprintf(vtag, sizeof vtag, "custom-%08x", (unsigned)fnv1a(v.p, v.n));
    snprintf(version_arg, version_cap, "custom:%.*s", (int)v.n, (const char *)v.p);
  }
  snprintf(name, name_cap, "r%u-%s-%.*s-%s.cwasm", (unsigned)a->release->major, kind,
           (int)a->meta.target.n, a->meta.target.p, vtag);
  return 0;
}

/* What Wasmtime's loader would do with libelf instead of object: elf_memory,
 * the section named .wasmtime.engine, its raw data. Returns data size + 1, or 0. */
size_t bench_libelf_locate(uint8_t *img, size_t len) {
  Elf *e = elf_memory((char *)img, len);
  size_t shstrndx, found = 0;
  Elf_Scn *scn = NULL;
  if (!e) return 0;
  if (elf_getshdrstrndx(e, &shstrndx) == 0) {
    while ((scn = elf_nextscn(e, scn)) != NULL) {
      GElf_Shdr sh;
      const char *name;
      if (!gelf_getshdr(scn, &sh)) continue;
      name = elf_strptr(e, shstrndx, sh.sh_name);
      if (name && strcmp(name, CWASM_ENGINE_SECTION_NAME) == 0) {
        Elf_Data *d = elf_rawdata(scn, NULL);
        found = d ? d->d_size + 1 : 0;
        break;
      }
    }
  }
  elf_end(e);
  return found;
}
