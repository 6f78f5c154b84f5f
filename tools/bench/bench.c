/*
 * Speed of each pipeline step over the given files, in ns per artifact.
 * Each measurement repeats the call until ~0.2 s have passed, keeps the
 * best of 5 rounds (the least disturbed), and checks the result so the
 * compiler cannot drop the work.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cwasm/cwasm.h"

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf;
  long n;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
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

typedef enum step { DETECT, LOCATE, DECODE } step;
static const char *step_name[] = {"detect", "locate engine section", "full decode (cwasm_parse)"};

static volatile unsigned long long sink;
static cwasm_artifact art; /* large: keep it off the stack */

static void run_once(step s, const unsigned char *buf, size_t len) {
  cwasm_diag d;
  switch (s) {
    case DETECT: sink += (unsigned)cwasm_detect(buf, len); break;
    case LOCATE: {
      cwasm_elf elf;
      cwasm_engine e;
      if (cwasm_elf_parse(buf, len, NULL, &elf, NULL, &d) == CWASM_OK &&
          cwasm_engine_find(&elf, NULL, &e, NULL, &d) == CWASM_OK)
        sink += e.metadata.n;
      break;
    }
    case DECODE: sink += (unsigned)cwasm_parse(buf, len, NULL, &art, &d) + art.meta.consumed; break;
  }
}

static double measure(step s, const unsigned char *buf, size_t len) {
  double best = 1e300;
  for (int round = 0; round < 5; round++) {
    unsigned long iters = 0;
    double t0 = now_ns(), t;
    do {
      for (int k = 0; k < 64; k++) run_once(s, buf, len);
      iters += 64;
      t = now_ns();
    } while (t - t0 < 2e8);
    double per = (t - t0) / (double)iters;
    if (per < best) best = per;
  }
  return best;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench FILE...\n");
    return 64;
  }
  printf("%-48s %10s %12s %12s %12s\n", "file", "bytes", "detect ns", "locate ns", "decode ns");
  for (int i = 1; i < argc; i++) {
    size_t len = 0;
    unsigned char *buf = slurp(argv[i], &len);
    if (!buf) {
      fprintf(stderr, "bench: cannot read %s\n", argv[i]);
      return 66;
    }
    const char *base = strrchr(argv[i], '/');
    base = base ? base + 1 : argv[i];
    double r[3];
    for (int s = 0; s < 3; s++) r[s] = measure((step)s, buf, len);
    printf("%-48.48s %10zu %12.1f %12.1f %12.1f\n", base, len, r[0], r[1], r[2]);
    free(buf);
  }
  (void)step_name;
  return 0;
}
