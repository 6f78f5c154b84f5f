/*
 * Replay driver: runs a harness's LLVMFuzzerTestOneInput once on every file
 * given, so any compiler (gcc included) turns a fuzz harness into an ordinary
 * test over its corpus and regression inputs (the idea of zstd's
 * tests/fuzz/regression_driver.c).
 *
 *   replay_<harness> FILE|DIR...
 *
 * Directories are walked recursively in sorted order; names starting with '.'
 * (.gitkeep) are skipped, and so are arguments starting with '-' (so a
 * libFuzzer command line can be pasted as is). Each input is copied into a
 * buffer of exactly its size, so ASan/valgrind see any read past its end.
 * A harness aborts on a violated invariant; this driver only reports counts
 * and the slowest input. Exit status: 0 when every path was readable.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fuzz_common.h"

typedef struct replay_stats {
  unsigned long inputs;
  unsigned long errors;
  double slowest;
  char slowest_path[4096];
} replay_stats;

static void run_file(const char *path, replay_stats *st) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf;
  long len;
  size_t got;
  clock_t t0;
  double dt;
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    st->errors++;
    return;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "replay: %s: cannot size\n", path);
    fclose(f);
    st->errors++;
    return;
  }
  buf = malloc(len ? (size_t)len : 1u);
  if (!buf) {
    fprintf(stderr, "replay: %s: out of memory\n", path);
    fclose(f);
    st->errors++;
    return;
  }
  got = fread(buf, 1, (size_t)len, f);
  fclose(f);
  if (got != (size_t)len) {
    fprintf(stderr, "replay: %s: short read\n", path);
    free(buf);
    st->errors++;
    return;
  }
  t0 = clock();
  (void)LLVMFuzzerTestOneInput(buf, got);
  dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
  free(buf);
  st->inputs++;
  if (dt > st->slowest) {
    st->slowest = dt;
    snprintf(st->slowest_path, sizeof st->slowest_path, "%s", path);
  }
}

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static void run_path(const char *path, replay_stats *st, int depth) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    st->errors++;
    return;
  }
  if (!S_ISDIR(sb.st_mode)) {
    run_file(path, st);
    return;
  }
  if (depth > 16) return; /* symlink loops */
  {
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0) {
      fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
      st->errors++;
      return;
    }
    for (int i = 0; i < n; i++) {
      if (names[i]->d_name[0] != '.') {
        size_t need = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(need);
        if (child) {
          snprintf(child, need, "%s/%s", path, names[i]->d_name);
          run_path(child, st, depth + 1);
          free(child);
        }
      }
      free(names[i]);
    }
    free(names);
  }
}

int main(int argc, char **argv) {
  replay_stats st;
  memset(&st, 0, sizeof st);
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-') continue;
    run_path(argv[i], &st, 0);
  }
  printf("%s: %lu inputs replayed, %lu unreadable paths", argc > 0 ? argv[0] : "replay",
         st.inputs, st.errors);
  if (st.inputs) printf("; slowest %.3f ms (%s)", st.slowest * 1e3, st.slowest_path);
  printf("\n");
  return st.errors ? 2 : 0;
}
