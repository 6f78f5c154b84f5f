/*
 * The external oracles, run over a whole batch of inputs per process start:
 * readelf takes many files in one invocation (about 30 us per small file),
 * the object oracle a length-prefixed stream on stdin. Both run as child
 * processes while the caller compares cwasm and libelf in process.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diff.h"

static char dir[4096];

static int ensure_dir(const oracles *o) {
  if (dir[0]) return 0;
  if ((size_t)snprintf(dir, sizeof dir, "%s/cwasm-diff.%ld", o->tmpdir, (long)getpid()) >= sizeof dir)
    return -1;
  if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
    fprintf(stderr, "cwasm-differential: mkdir %s: %s\n", dir, strerror(errno));
    dir[0] = 0;
    return -1;
  }
  return 0;
}

static void path_of(char *out, size_t size, const char *name) {
  (void)snprintf(out, size, "%s/%s", dir, name);
}

/* fork + exec with stdin/stdout redirected to files (stderr joins stdout when asked). */
static pid_t spawn(char *const argv[], const char *in, const char *out, bool join_stderr,
                   bool in_dir) {
  pid_t pid = fork();
  if (pid < 0) fprintf(stderr, "cwasm-differential: fork: %s\n", strerror(errno));
  if (pid != 0) return pid;
  {
    int fi = in ? open(in, O_RDONLY) : open("/dev/null", O_RDONLY);
    int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fi < 0 || fo < 0) _exit(127);
    if (dup2(fi, 0) < 0 || dup2(fo, 1) < 0) _exit(127);
    if (join_stderr && dup2(fo, 2) < 0) _exit(127);
    close(fi);
    close(fo);
    if (in_dir && chdir(dir) != 0) _exit(127);
    execvp(argv[0], argv);
    _exit(127);
  }
}

static int reap(pid_t pid, const char *what) {
  int st = 0;
  if (pid <= 0) return 0;
  while (waitpid(pid, &st, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
    fprintf(stderr, "cwasm-differential: could not run %s\n", what);
    return -1;
  }
  if (WIFEXITED(st) && WEXITSTATUS(st) != 0 && strstr(what, "object")) {
    fprintf(stderr, "cwasm-differential: %s exited %d\n", what, WEXITSTATUS(st));
    return -1;
  }
  if (WIFSIGNALED(st)) {
    fprintf(stderr, "cwasm-differential: %s died of signal %d\n", what, WTERMSIG(st));
    return -1;
  }
  return 0;
}

static char *slurp(const char *path, size_t *n) {
  buf b = {0};
  if (read_file(path, &b) != 0) return NULL;
  b.p = realloc(b.p, b.n + 1);
  if (!b.p) return NULL;
  b.p[b.n] = 0;
  *n = b.n;
  return (char *)b.p;
}

/* ------------------------------------------------------------ readelf */

static void re_reset(re_result *r) {
  re_section *s = r->s;
  memset(r, 0, sizeof *r);
  r->s = s;
}

/* "  [ 12] name" -> 12, *name = "name"; -1 if not an entry line. */
static long entry_line(const char *line, const char **name) {
  const char *p = line;
  char *end;
  long v;
  if (strncmp(p, "  [", 3) != 0) return -1;
  p += 3;
  while (*p == ' ') p++;
  v = strtol(p, &end, 10);
  if (end == p || end[0] != ']') return -1;
  *name = end[1] == ' ' ? end + 2 : end + 1;
  return v;
}

/* "       PROGBITS        0000000000000000 000040 00041f 00   0   0  1" */
static bool type_line(const char *line, re_section *s) {
  char copy[512];
  char *tok[32];
  size_t nt = 0;
  char *save = NULL, *t;
  if (strlen(line) >= sizeof copy) return false;
  strcpy(copy, line);
  for (t = strtok_r(copy, " \t", &save); t && nt < 32; t = strtok_r(NULL, " \t", &save)) tok[nt++] = t;
  if (nt < 8) return false;
  s->align = strtoull(tok[nt - 1], NULL, 10);
  s->info = (uint32_t)strtoul(tok[nt - 2], NULL, 10);
  s->link = (uint32_t)strtoul(tok[nt - 3], NULL, 10);
  s->entsize = strtoull(tok[nt - 4], NULL, 16);
  s->size = strtoull(tok[nt - 5], NULL, 16);
  s->offset = strtoull(tok[nt - 6], NULL, 16);
  s->addr = strtoull(tok[nt - 7], NULL, 16);
  s->type[0] = 0;
  for (size_t i = 0; i + 7 < nt; i++) {
    size_t used = strlen(s->type);
    (void)snprintf(s->type + used, sizeof s->type - used, "%s%s", i ? " " : "", tok[i]);
  }
  return true;
}

typedef struct re_state {
  re_result *re;
  size_t count;
  long cur;   /* the file whose block this is, -1 before the first "File:" */
  long entry; /* the table entry being read */
  int expect; /* 1: type line next, 2: flags line next */
} re_state;

static void re_diag(re_state *st, const char *line) {
  bool err = strncmp(line, "readelf: Error: ", 16) == 0;
  const char *msg = line + (err ? 16 : 18);
  long who = st->cur;
  char *end;
  long v = strtol(msg, &end, 10);
  /* errors about a whole file name it first ("7: Failed to read file header") */
  if (end != msg && end[0] == ':' && v >= 0 && (size_t)v < st->count) {
    who = v;
    msg = end + 2;
    st->re[who].ran = true;
  }
  if (who < 0) return;
  if (err) {
    if (!st->re[who].error)
      (void)snprintf(st->re[who].first_error, sizeof st->re[who].first_error, "%s", msg);
    st->re[who].error = true;
  } else {
    st->re[who].warning = true;
  }
}

static void re_line(re_state *st, const char *line) {
  const char *name;
  long e;
  re_result *r;
  unsigned long long n;
  if (strncmp(line, "File: ", 6) == 0) {
    char *end;
    long v = strtol(line + 6, &end, 10);
    st->cur = (*end == 0 && v >= 0 && (size_t)v < st->count) ? v : -1;
    if (st->cur >= 0) st->re[st->cur].ran = true;
    st->entry = -1;
    st->expect = 0;
    return;
  }
  if (st->cur < 0) return;
  r = &st->re[st->cur];
  if (sscanf(line, "There are %llu section headers", &n) == 1 ||
      sscanf(line, "There is %llu section header", &n) == 1) {
    r->count = n;
    r->count_seen = true;
    return;
  }
  if (strncmp(line, "There are no sections in this file.", 35) == 0) {
    r->count = 0;
    r->count_seen = true;
    r->table = true;
    return;
  }
  if (strcmp(line, "Section Headers:") == 0) {
    r->table = true;
    return;
  }
  if (!r->table) return;
  e = entry_line(line, &name);
  if (e >= 0) {
    st->entry = -1;
    st->expect = 0;
    if ((size_t)e != r->n) return; /* out of order: not a table we understand */
    if (r->n >= RE_MAX_SECTIONS) {
      r->truncated = true;
      return;
    }
    st->entry = e;
    (void)snprintf(r->s[r->n].name, sizeof r->s[r->n].name, "%s", name);
    r->n++;
    st->expect = 1;
    return;
  }
  if (st->entry >= 0 && st->expect == 1) {
    if (strstr(line, "Type") && strstr(line, "Address")) return; /* column header */
    if (type_line(line, &r->s[st->entry])) st->expect = 2;
    return;
  }
  if (st->entry >= 0 && st->expect == 2) {
    const char *b = strchr(line, '[');
    if (b) r->s[st->entry].flags = strtoull(b + 1, NULL, 16);
    st->expect = 0;
  }
}

/* Where a table entry ("  [ 3] name") starts inside `s`, or NULL. */
static char *entry_inside(char *s) {
  for (char *p = strstr(s, "  ["); p; p = strstr(p + 1, "  [")) {
    const char *q = p + 3;
    while (*q == ' ') q++;
    if (*q >= '0' && *q <= '9') {
      while (*q >= '0' && *q <= '9') q++;
      if (*q == ']') return p;
    }
  }
  return NULL;
}

/*
 * readelf's stdout and stderr share one pipe (warn() flushes stdout first, so
 * the order is right), but some of its warnings have no final newline and run
 * into the next output line ("readelf: Warning: [ 1]: Expected link ...  [ 1]
 * .text"). Each physical line is split at every "readelf: " diagnostic, and a
 * table entry glued to the end of the last diagnostic is a line of its own.
 */
static void parse_readelf(char *text, re_result *re, size_t count) {
  re_state st = {re, count, count == 1 ? 0 : -1, -1, 0};
  char *save = NULL;
  if (count == 1) re[0].ran = true;
  for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *diag = strstr(line, "readelf: ");
    if (!diag) {
      re_line(&st, line);
      continue;
    }
    if (diag != line) {
      *diag = 0;
      re_line(&st, line);
      *diag = 'r';
    }
    while (diag) {
      char *next = strstr(diag + 9, "readelf: ");
      char *rest;
      if (next) *next = 0;
      rest = next ? NULL : entry_inside(diag);
      if (rest) *rest = 0;
      re_diag(&st, diag);
      if (rest) {
        *rest = ' ';
        re_line(&st, rest);
      }
      if (next) *next = 'r';
      diag = next;
    }
  }
}

/* ------------------------------------------------------ object oracle */

static void obj_field(const char *f, obj_result *r) {
  memset(r, 0, sizeof *r);
  (void)snprintf(r->raw, sizeof r->raw, "%s", f);
  if (strncmp(f, "ok:", 3) == 0) {
    unsigned long long idx, off, len, hash, shnum;
    char framing[16];
    r->kind = 'o';
    if (sscanf(f + 3, "%llu:%llu:%llu:%llx:%15[a-z]:%llu", &idx, &off, &len, &hash, framing,
               &shnum) == 6) {
      r->index = idx;
      r->offset = off;
      r->len = len;
      r->hash = hash;
      r->shnum = shnum;
      (void)snprintf(r->framing, sizeof r->framing, "%.7s", framing);
    } else {
      r->kind = '?';
    }
  } else if (strncmp(f, "none:", 5) == 0) {
    r->kind = 'n';
    r->shnum = strtoull(f + 5, NULL, 10);
  } else if (strncmp(f, "data:", 5) == 0) {
    char *end;
    r->kind = 'd';
    r->index = strtoull(f + 5, &end, 10);
    (void)snprintf(r->msg, sizeof r->msg, "%s", *end == ':' ? end + 1 : end);
  } else if (strcmp(f, "panic") == 0) {
    r->kind = 'p';
  } else {
    const char *colon = strchr(f, ':');
    r->kind = 'e';
    if (colon && (size_t)(colon - f) < sizeof r->step) {
      memcpy(r->step, f, (size_t)(colon - f));
      r->step[colon - f] = 0;
      (void)snprintf(r->msg, sizeof r->msg, "%s", colon + 1);
    } else {
      (void)snprintf(r->msg, sizeof r->msg, "%s", f);
    }
  }
}

/* One line per input: "A<TAB>C<TAB>E"; `slots` says where each field goes (-1: drop). */
static void parse_object(char *text, obj_line *ob, size_t count, const int slots[3]) {
  char *save = NULL;
  size_t i = 0;
  for (char *line = strtok_r(text, "\n", &save); line && i < count;
       line = strtok_r(NULL, "\n", &save), i++) {
    char *fsave = NULL;
    int k = 0;
    for (char *f = strtok_r(line, "\t", &fsave); f && k < 3; f = strtok_r(NULL, "\t", &fsave), k++)
      if (slots[k] >= 0) obj_field(f, &ob[i].m[slots[k]]);
  }
}

/* ------------------------------------------------------------- batch */

int oracles_run(const oracles *o, const buf *inputs, size_t count, re_result *re, obj_line *ob,
                void (*work)(void *), void *ctx) {
  char stream[4600], out_re[4600], out_a[4600], out_u[4600];
  pid_t p_re = 0, p_a = 0, p_u = 0;
  int rc = 0;

  for (size_t i = 0; i < count; i++) {
    re_reset(&re[i]);
    for (int m = 0; m < OBJ_MODES; m++) {
      memset(&ob[i].m[m], 0, sizeof ob[i].m[m]);
      ob[i].m[m].kind = '?';
    }
  }
  if ((o->readelf || o->object_aligned || o->object_unaligned) && ensure_dir(o) != 0) return -1;
  path_of(stream, sizeof stream, "stream.bin");
  path_of(out_re, sizeof out_re, "readelf.out");
  path_of(out_a, sizeof out_a, "object-aligned.out");
  path_of(out_u, sizeof out_u, "object-unaligned.out");

  if (o->object_aligned || o->object_unaligned) {
    FILE *f = fopen(stream, "wb");
    if (!f) return -1;
    for (size_t i = 0; i < count; i++) {
      uint8_t len[4] = {(uint8_t)inputs[i].n, (uint8_t)(inputs[i].n >> 8),
                        (uint8_t)(inputs[i].n >> 16), (uint8_t)(inputs[i].n >> 24)};
      if (fwrite(len, 1, 4, f) != 4 || (inputs[i].n && fwrite(inputs[i].p, 1, inputs[i].n, f) != inputs[i].n)) {
        fclose(f);
        return -1;
      }
    }
    if (fclose(f) != 0) return -1;
  }
  if (o->readelf) {
    /* readelf reads files: write the batch before anything is started */
    char **argv = calloc(count + 5, sizeof *argv);
    char *names = malloc(count * 24);
    if (!argv || !names) {
      free(argv);
      free(names);
      return -1;
    }
    argv[0] = (char *)o->readelf;
    argv[1] = "-S";
    argv[2] = "-W";
    argv[3] = "-t";
    for (size_t i = 0; i < count; i++) {
      char path[4600];
      snprintf(names + i * 24, 24, "%zu", i);
      path_of(path, sizeof path, names + i * 24);
      if (write_file(path, inputs[i].p, inputs[i].n) != 0) rc = -1;
      argv[4 + i] = names + i * 24;
    }
    if (rc == 0 && (p_re = spawn(argv, NULL, out_re, true, true)) < 0) rc = -1;
    free(argv);
    free(names);
  }
  if (rc == 0 && o->object_aligned) {
    char *argv[] = {(char *)o->object_aligned, "--stream", NULL};
    if ((p_a = spawn(argv, stream, out_a, false, false)) < 0) rc = -1;
  }
  if (rc == 0 && o->object_unaligned) {
    char *argv[] = {(char *)o->object_unaligned, "--stream", NULL};
    if ((p_u = spawn(argv, stream, out_u, false, false)) < 0) rc = -1;
  }

  if (work) work(ctx);

  /* reap whatever was started, even after a failure, so no child outlives the batch */
  if (reap(p_a, "the object oracle (aligned)") != 0) rc = -1;
  if (reap(p_u, "the object oracle (unaligned)") != 0) rc = -1;
  if (reap(p_re, "readelf") != 0) rc = -1;

  if (o->object_aligned) {
    size_t n;
    char *t = slurp(out_a, &n);
    static const int slots[3] = {OBJ_A, OBJ_C, -1};
    if (t) parse_object(t, ob, count, slots);
    free(t);
  }
  if (o->object_unaligned) {
    size_t n;
    char *t = slurp(out_u, &n);
    static const int slots[3] = {-1, OBJ_CU, OBJ_E};
    if (t) parse_object(t, ob, count, slots);
    free(t);
  }
  if (o->readelf) {
    size_t n;
    char *t = slurp(out_re, &n);
    if (t) parse_readelf(t, re, count);
    free(t);
  }
  return rc;
}

void oracles_cleanup(void) {
  char path[4600];
  if (!dir[0]) return;
  /* the per-batch files are numbered 0..N-1; remove what a batch can leave */
  for (size_t i = 0; i < 65536; i++) {
    char name[24];
    snprintf(name, sizeof name, "%zu", i);
    path_of(path, sizeof path, name);
    if (unlink(path) != 0 && errno == ENOENT && i > 0) break;
  }
  path_of(path, sizeof path, "stream.bin");
  (void)unlink(path);
  path_of(path, sizeof path, "readelf.out");
  (void)unlink(path);
  path_of(path, sizeof path, "object-aligned.out");
  (void)unlink(path);
  path_of(path, sizeof path, "object-unaligned.out");
  (void)unlink(path);
  (void)rmdir(dir);
}
