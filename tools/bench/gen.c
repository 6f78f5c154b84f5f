/*
 * cwasm-bench-gen DIR: the synthetic artifacts of the scaling benchmark.
 *
 *   DIR/sections-N.cwasm   N = 10, 100, 1000, 10000, 60000 section headers:
 *                          [0] null, [1] .wasmtime.engine (where Wasmtime's
 *                          writer puts it), N-3 small PROGBITS sections with
 *                          distinct names, [N-1] .shstrtab
 *   DIR/flags-Kx.cwasm     K = 1, 10, 100: the default flag lists of release 48
 *                          on this machine repeated K times (5 sections)
 *
 * All are Wasmtime 48 x86_64-unknown-linux-gnu modules whose metadata is what
 * a default-configured engine on this machine writes (cwasm_defaults_get with
 * the live CPU probe), so a host built from flags-1x.cwasm finds nothing to
 * object to in any of them: the check walks every flag and every section.
 * Written with the test encoders (tests/support/metabuild, elfbuild), which
 * are independent of the parser.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfbuild.h"
#include "metabuild.h"

#define RELEASE 48
#define TARGET "x86_64-unknown-linux-gnu"

static int write_file(const char *dir, const char *name, const uint8_t *p, size_t n) {
  char path[4096];
  FILE *f;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "wb");
  if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
    fprintf(stderr, "cwasm-bench-gen: cannot write %s\n", path);
    return -1;
  }
  return 0;
}

/* The engine section with the default flag lists repeated `mult` times. */
static size_t engine_section(const cwasm_defaults *d, unsigned mult, uint8_t *out, size_t cap) {
  const cwasm_release *r = cwasm_release_get(RELEASE);
  size_t nshared = d->shared_count * mult, nisa = d->isa_count * mult, len;
  cwasm_default_flag *shared = malloc(nshared * sizeof *shared);
  cwasm_default_flag *isa = malloc(nisa * sizeof *isa);
  uint8_t *meta = malloc(cap);
  mb_values vals;
  mb m;
  if (!shared || !isa || !meta) {
    free(shared);
    free(isa);
    free(meta);
    return 0;
  }
  for (unsigned k = 0; k < mult; k++) {
    memcpy(shared + (size_t)k * d->shared_count, d->shared, d->shared_count * sizeof *shared);
    memcpy(isa + (size_t)k * d->isa_count, d->isa, d->isa_count * sizeof *isa);
  }
  mb_values_from_tunables(&d->tunables, &vals);
  mb_init(&m, meta, cap, r->layout->codec);
  mb_metadata_flags(&m, r->layout, TARGET, shared, nshared, isa, nisa, &vals, d->features.bits, NULL);
  len = m.overflow ? 0 : mb_engine(out, cap, "48", meta, m.n);
  free(shared);
  free(isa);
  free(meta);
  return len;
}

static int write_flags(const char *dir, const cwasm_defaults *d, unsigned mult) {
  size_t cap = (size_t)1 << 22, n;
  uint8_t *engine = malloc(cap), *img = NULL;
  size_t len = 0;
  char name[64];
  int rc = -1;
  if (!engine) return -1;
  n = engine_section(d, mult, engine, cap);
  if (n && eb_artifact(&img, &len, engine, n, CWASM_EF_MODULE, false) == 0) {
    snprintf(name, sizeof name, "flags-%ux.cwasm", mult);
    rc = write_file(dir, name, img, len);
  }
  free(img);
  free(engine);
  return rc;
}

static int write_sections(const char *dir, const cwasm_defaults *d, unsigned total) {
  size_t cap = (size_t)1 << 16, n, nsec = total - 2, len = 0;
  uint8_t *engine = malloc(cap), *img = NULL;
  eb_section *secs = calloc(nsec, sizeof *secs);
  char *names = malloc(nsec * 24);
  eb_spec spec;
  char name[64];
  int rc = -1;
  if (!engine || !secs || !names || !(n = engine_section(d, 1, engine, cap))) goto out;
  secs[0].name = ".wasmtime.engine";
  secs[0].type = EB_SHT_PROGBITS;
  secs[0].flags = EB_SHF_ALLOC;
  secs[0].data = engine;
  secs[0].size = n;
  secs[0].addralign = 1;
  for (size_t i = 1; i < nsec; i++) {
    char *nm = names + i * 24;
    snprintf(nm, 24, ".data.%zu", i);
    secs[i].name = nm;
    secs[i].type = EB_SHT_PROGBITS;
    secs[i].flags = EB_SHF_ALLOC;
    secs[i].size = 16; /* zeros */
    secs[i].addralign = 1;
  }
  memset(&spec, 0, sizeof spec);
  spec.sections = secs;
  spec.nsections = nsec;
  if (eb_build(&spec, &img, &len, NULL) != 0) goto out;
  snprintf(name, sizeof name, "sections-%u.cwasm", total);
  rc = write_file(dir, name, img, len);
out:
  free(img);
  free(names);
  free(secs);
  free(engine);
  return rc;
}

int main(int argc, char **argv) {
  static const unsigned sections[] = {10, 100, 1000, 10000, 60000};
  static const unsigned mults[] = {1, 10, 100};
  cwasm_host_cpu cpu;
  cwasm_defaults *d = malloc(sizeof *d);
  if (argc != 2 || !d) {
    fprintf(stderr, "usage: cwasm-bench-gen DIR\n");
    return 64;
  }
  cwasm_host_cpu_probe(&cpu);
  if (cwasm_defaults_get(RELEASE, CWASM_ARCH_X86_64, &cpu, d) != CWASM_OK) {
    fprintf(stderr, "cwasm-bench-gen: no defaults for release %d\n", RELEASE);
    return 1;
  }
  for (size_t i = 0; i < sizeof mults / sizeof mults[0]; i++)
    if (write_flags(argv[1], d, mults[i]) != 0) return 1;
  for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
    if (write_sections(argv[1], d, sections[i]) != 0) return 1;
  free(d);
  return 0;
}
