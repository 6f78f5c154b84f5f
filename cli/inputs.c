/*
 * The list of files a command works on: the operands in the order given,
 * with -r each directory operand replaced by the regular files under it,
 * sorted by path (see cli.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

static int push(cli_inputs *in, char *path, const char *error) {
  if (!path) return -1;
  if (in->n == in->cap) {
    size_t cap = in->cap ? in->cap * 2 : 16;
    cli_input *v = realloc(in->v, cap * sizeof *v);
    if (!v) {
      free(path);
      return -1;
    }
    in->v = v;
    in->cap = cap;
  }
  char *err = NULL;
  if (error && !(err = dup_str(error))) {
    free(path);
    return -1;
  }
  in->v[in->n].path = path;
  in->v[in->n].error = err;
  in->n++;
  return 0;
}

static char *join(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  int slash = a > 0 && dir[a - 1] != '/';
  char *p = malloc(a + (size_t)slash + b + 1);
  if (!p) return NULL;
  memcpy(p, dir, a);
  if (slash) p[a] = '/';
  memcpy(p + a + (size_t)slash, name, b + 1);
  return p;
}

/* Every regular file under `dir` (already known to be a directory), in
 * readdir order; the caller sorts. Only one directory is open at a time:
 * its names are read and it is closed before descending. */
static int walk(cli_inputs *in, const char *dir) {
  char **names = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  DIR *d = opendir(dir);
  if (!d) return push(in, dup_str(dir), strerror(errno));
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      if (errno) rc = push(in, dup_str(dir), strerror(errno));
      break;
    }
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (n == cap) {
      size_t ncap = cap ? cap * 2 : 32;
      char **v = realloc(names, ncap * sizeof *v);
      if (!v) {
        rc = -1;
        break;
      }
      names = v;
      cap = ncap;
    }
    if (!(names[n] = join(dir, e->d_name))) {
      rc = -1;
      break;
    }
    n++;
  }
  closedir(d);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (rc == 0) {
      if (lstat(names[i], &st) != 0) {
        rc = push(in, names[i], strerror(errno));
        names[i] = NULL;
      } else if (S_ISDIR(st.st_mode)) {
        rc = walk(in, names[i]);
      } else if (S_ISREG(st.st_mode)) {
        rc = push(in, names[i], NULL);
        names[i] = NULL;
      } /* symbolic links, FIFOs, sockets, devices: skipped */
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

static int by_path(const void *a, const void *b) {
  return strcmp(((const cli_input *)a)->path, ((const cli_input *)b)->path);
}

int cli_inputs_add(cli_inputs *in, const char *operand, int recursive) {
  struct stat st;
  if (recursive && stat(operand, &st) == 0 && S_ISDIR(st.st_mode)) {
    size_t first = in->n;
    if (walk(in, operand) != 0) return -1;
    qsort(in->v + first, in->n - first, sizeof *in->v, by_path);
    return 0;
  }
  return push(in, dup_str(operand), NULL);
}

void cli_inputs_free(cli_inputs *in) {
  for (size_t i = 0; i < in->n; i++) {
    free(in->v[i].path);
    free(in->v[i].error);
  }
  free(in->v);
  memset(in, 0, sizeof *in);
}

const char *cli_io_reason(const char *reason, int recursive) {
  if (!recursive && strcmp(reason, "is a directory") == 0)
    return "is a directory (-r reads the files under it)";
  return reason;
}
