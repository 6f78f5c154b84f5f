/*
 * cwasm-bench-alloc: counts heap allocations made during the library calls.
 *
 * This program defines malloc, calloc, realloc and free itself, which takes
 * them over for the whole process (the executable's definitions win symbol
 * lookup, also for calls from inside libc), and forwards to glibc's
 * __libc_* entry points. Counting is switched on only around the measured
 * call, so stdio's and the loader's own allocations do not count. libelf's
 * locate step is counted too, to show the counter works.
 *
 *   cwasm-bench-alloc [--refs DIR] [--scaling DIR] FILE...
 */
#define _POSIX_C_SOURCE 200809L
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* glibc's allocator under its internal names. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t k);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

static int counting;
static unsigned long long n_malloc, n_calloc, n_realloc, n_free;

void *malloc(size_t n) {
  if (counting) n_malloc++;
  return __libc_malloc(n);
}
void *calloc(size_t n, size_t k) {
  if (counting) n_calloc++;
  return __libc_calloc(n, k);
}
void *realloc(void *p, size_t n) {
  if (counting) n_realloc++;
  return __libc_realloc(p, n);
}
void free(void *p) {
  if (counting && p) n_free++;
  __libc_free(p);
}

static unsigned long long total(void) { return n_malloc + n_calloc + n_realloc + n_free; }

static void begin(void) {
  n_malloc = n_calloc = n_realloc = n_free = 0;
  counting = 1;
}
static unsigned long long end(void) {
  counting = 0;
  return total();
}

enum { A_DETECT, A_LOCATE, A_PARSE, A_HOST, A_CHECK, A_PREPARE, A_PARSE_CHECK, A_LIBELF, A_COUNT };
static const char *const a_name[A_COUNT] = {
    "cwasm_detect", "cwasm_elf_parse + cwasm_engine_find", "cwasm_parse",
    "cwasm_host_from_reference", "cwasm_check", "cwasm_prepare (host from the reference)",
    "cwasm_parse_check", "libelf locate (for contrast)"};

static cwasm_artifact art, ref_art;
static cwasm_report rep;
static cwasm_prepared prep;

int main(int argc, char **argv) {
  const char *refs = NULL, *scaling = NULL;
  unsigned long long sum[A_COUNT] = {0}, calls[A_COUNT] = {0};
  unsigned long long sink = 0;
  char **files = calloc((size_t)argc + 16, sizeof *files);
  int nfiles = 0, i, lib_total_zero;
  static const char *const scaling_names[] = {"sections-10.cwasm", "sections-100.cwasm",
                                              "sections-1000.cwasm", "sections-10000.cwasm",
                                              "sections-60000.cwasm", "flags-1x.cwasm",
                                              "flags-10x.cwasm", "flags-100x.cwasm"};
  if (!files) return 1;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--refs") == 0 && i + 1 < argc) refs = argv[++i];
    else if (strcmp(argv[i], "--scaling") == 0 && i + 1 < argc) scaling = argv[++i];
    else files[nfiles++] = argv[i];
  }
  if (scaling)
    for (size_t k = 0; k < sizeof scaling_names / sizeof scaling_names[0]; k++) {
      char *p = malloc(4096);
      if (!p) return 1;
      snprintf(p, 4096, "%s/%s", scaling, scaling_names[k]);
      files[nfiles++] = p;
    }
  if (nfiles == 0) {
    fprintf(stderr, "usage: cwasm-bench-alloc [--refs DIR] [--scaling DIR] FILE...\n");
    return 64;
  }
  elf_version(EV_CURRENT);

  for (i = 0; i < nfiles; i++) {
    size_t len = 0, rlen = 0;
    uint8_t *buf = bench_slurp(files[i], &len), *ref = NULL;
    cwasm_options opt;
    cwasm_elf elf;
    cwasm_engine eng;
    cwasm_diag d;
    cwasm_host host;
    cwasm_status st;
    char name[256], varg[300], path[4096];
    int have_host = 0, have_prep = 0;
    if (!buf) {
      fprintf(stderr, "cwasm-bench-alloc: cannot read %s\n", files[i]);
      return 66;
    }
    memset(&opt, 0, sizeof opt);
    if (cwasm_parse(buf, len, &opt, &art, &d) == CWASM_E_LIMIT_FLAGS) opt.max_flags = 1u << 20;

    begin();
    sink += (unsigned)cwasm_detect(buf, len);
    sum[A_DETECT] += end();
    calls[A_DETECT]++;

    begin();
    if (cwasm_elf_parse(buf, len, &opt, &elf, NULL, &d) == CWASM_OK)
      sink += (unsigned)cwasm_engine_find(&elf, &opt, &eng, NULL, &d);
    sum[A_LOCATE] += end();
    calls[A_LOCATE]++;

    begin();
    st = cwasm_parse(buf, len, &opt, &art, &d);
    sum[A_PARSE] += end();
    calls[A_PARSE]++;

    /* the reference: as cwasm-bench picks it (by name in --refs, else the file itself) */
    if (st == CWASM_OK) {
      path[0] = '\0';
      if (strncmp(bench_basename(files[i]), "sections-", 9) == 0 ||
          strncmp(bench_basename(files[i]), "flags-", 6) == 0) {
        if (scaling) snprintf(path, sizeof path, "%s/flags-1x.cwasm", scaling);
      } else if (refs && bench_ref_spec(&art, name, sizeof name, varg, sizeof varg) == 0) {
        snprintf(path, sizeof path, "%s/%s", refs, name);
      }
      if (path[0]) ref = bench_slurp(path, &rlen);
      if (!ref) {
        ref = malloc(len);
        if (!ref) return 1;
        memcpy(ref, buf, len);
        rlen = len;
      }
      if (cwasm_parse(ref, rlen, &opt, &ref_art, &d) == CWASM_OK) {
        begin();
        have_host = cwasm_host_from_reference(&ref_art, NULL, &host, &d) == CWASM_OK;
        sum[A_HOST] += end();
        calls[A_HOST]++;
      }
    }
    if (have_host) {
      begin();
      sink += (unsigned)cwasm_check(&art, &host, &rep);
      sum[A_CHECK] += end();
      calls[A_CHECK]++;
      /* the loader's fast path: prepared once from the reference, then one call per artifact */
      begin();
      have_prep = cwasm_prepare(NULL, &ref_art, &opt, &prep, &d) == CWASM_OK;
      sum[A_PREPARE] += end();
      calls[A_PREPARE]++;
    }
    if (have_prep) {
      begin();
      sink += (unsigned)cwasm_parse_check(&prep, buf, len, &art, &rep, &d);
      sum[A_PARSE_CHECK] += end();
      calls[A_PARSE_CHECK]++;
    }

    begin();
    sink += bench_libelf_locate(buf, len);
    sum[A_LIBELF] += end();
    calls[A_LIBELF]++;

    free(ref);
    free(buf);
  }

  printf("\n== heap allocations (malloc + calloc + realloc + free, counted by an interposed allocator) ==\n");
  lib_total_zero = 1;
  for (int s = 0; s < A_COUNT; s++) {
    printf("%-40s %8llu calls %10llu allocator calls\n", a_name[s], calls[s], sum[s]);
    if (s != A_LIBELF && sum[s] != 0) lib_total_zero = 0;
  }
  printf("[%s] the library allocates nothing (every library call above: 0)%s\n",
         lib_total_zero ? "PASS" : "MISS",
         sum[A_LIBELF] ? "; the counter sees libelf's, so it is live" : "");
  return sink == 1 ? 2 : 0;
}
