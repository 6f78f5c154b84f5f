/* Buffers, files and seeds for cwasm-differential. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diff.h"

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fprintf(stderr, "cwasm-differential: out of memory (%zu bytes)\n", n);
    exit(70);
  }
  return q;
}

void buf_set(buf *b, const uint8_t *p, size_t n) {
  if (b->cap < n) {
    b->p = xrealloc(b->p, n);
    b->cap = n;
  }
  if (n) memcpy(b->p, p, n);
  b->n = n;
}

void buf_free(buf *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

int read_file(const char *path, buf *out) {
  FILE *f = fopen(path, "rb");
  uint8_t chunk[65536];
  size_t got;
  if (!f) return -1;
  out->n = 0;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (out->cap < out->n + got) {
      size_t cap = (out->n + got) * 2;
      out->p = xrealloc(out->p, cap);
      out->cap = cap;
    }
    memcpy(out->p + out->n, chunk, got);
    out->n += got;
  }
  if (ferror(f)) {
    fclose(f);
    return -1;
  }
  fclose(f);
  return 0;
}

int write_file(const char *path, const uint8_t *p, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  if (n && fwrite(p, 1, n, f) != n) {
    fclose(f);
    return -1;
  }
  return fclose(f) == 0 ? 0 : -1;
}

uint64_t fnv1a64(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x00000100000001b3u;
  }
  return h;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const seed *)a)->name, ((const seed *)b)->name);
}

int seeds_load(seedset *s, const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t first = s->n;
  if (!d) return -1;
  while ((e = readdir(d)) != NULL) {
    char path[4096];
    struct stat st;
    seed sd;
    if (e->d_name[0] == '.') continue;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path) continue;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (strcmp(e->d_name, "MANIFEST.tsv") == 0) continue;
    memset(&sd, 0, sizeof sd);
    if (read_file(path, &sd.data) != 0) continue;
    sd.name = xrealloc(NULL, strlen(path) + 1);
    memcpy(sd.name, path, strlen(path) + 1);
    s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    s->v[s->n++] = sd;
  }
  closedir(d);
  /* readdir order is the file system's: sort, so the stream is the same everywhere */
  qsort(s->v + first, s->n - first, sizeof *s->v, by_name);
  return 0;
}

void seeds_free(seedset *s) {
  for (size_t i = 0; i < s->n; i++) {
    free(s->v[i].name);
    buf_free(&s->v[i].data);
  }
  free(s->v);
  s->v = NULL;
  s->n = 0;
}
