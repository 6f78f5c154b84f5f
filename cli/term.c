/*
 * What every `cwasm` command shares on a terminal: the common options
 * (--quiet, --color, --recursive, --progress, --version), colour, the
 * progress line and the summary line (see cli.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cwasm/cwasm.h"

int cli_print_version(void) {
  printf("cwasm %s (Wasmtime releases %d-%d, default host release %d)\n", cwasm_library_version(),
         CWASM_FIRST_RELEASE, CWASM_LAST_RELEASE, CWASM_NEWEST_RELEASE);
  return cli_finish(CLI_EXIT_OK);
}

/* ------------------------------------------------------------- options */

static int parse_when(const char *cmd, const char *opt, const char *val, cli_when *out) {
  if (strcmp(val, "auto") == 0) *out = CLI_WHEN_AUTO;
  else if (strcmp(val, "always") == 0 || strcmp(val, "yes") == 0) *out = CLI_WHEN_ALWAYS;
  else if (strcmp(val, "never") == 0 || strcmp(val, "no") == 0) *out = CLI_WHEN_NEVER;
  else {
    char what[64];
    snprintf(what, sizeof what, "%s wants auto, always or never, not", opt);
    cli_usage_error(cmd, what, val);
    return -1;
  }
  return 1;
}

int cli_common_opt(cli_common *c, const char *cmd, unsigned allowed, const char *arg) {
  if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
    (void)cli_print_version();
    return 2;
  }
  if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
    c->quiet = 1;
    return 1;
  }
  if (strcmp(arg, "--color") == 0 || strcmp(arg, "--colour") == 0) {
    c->color = CLI_WHEN_ALWAYS;
    return 1;
  }
  if (strncmp(arg, "--color=", 8) == 0) return parse_when(cmd, "--color", arg + 8, &c->color);
  if (strncmp(arg, "--colour=", 9) == 0) return parse_when(cmd, "--colour", arg + 9, &c->color);
  if (!(allowed & CLI_OPTS_FILES)) return 0;
  if (strcmp(arg, "--recursive") == 0 || strcmp(arg, "-r") == 0 || strcmp(arg, "-R") == 0) {
    c->recursive = 1;
    return 1;
  }
  if (strcmp(arg, "--progress") == 0) {
    c->progress = CLI_WHEN_ALWAYS;
    return 1;
  }
  if (strcmp(arg, "--no-progress") == 0) {
    c->progress = CLI_WHEN_NEVER;
    return 1;
  }
  return 0;
}

void cli_common_usage(FILE *out, unsigned allowed) {
  if (allowed & CLI_OPTS_FILES)
    fputs("  -r, --recursive  a directory operand stands for every regular file under\n"
          "                 it, in byte order of their paths (symbolic links inside it\n"
          "                 are not followed); without -r a directory is unreadable\n"
          "  --progress, --no-progress  show (or never show) a progress line on\n"
          "                 stderr; by default it appears when stderr is a terminal,\n"
          "                 stdout is not (or --quiet) and the run lasts over 250 ms\n",
          out);
  fputs("  -q, --quiet    print nothing on standard output: the exit status answers\n"
        "                 (errors still go to standard error)\n"
        "  --color[=WHEN] colour the human output: auto (default: only when stdout\n"
        "                 is a terminal and NO_COLOR is not set), always or never\n"
        "  -V, --version  print the version and exit\n"
        "  -h, --help     show this help\n",
        out);
}

/* --------------------------------------------------------------- colour */

static bool g_color;

void cli_color_setup(cli_when when) {
  if (when == CLI_WHEN_ALWAYS) {
    g_color = true;
  } else if (when == CLI_WHEN_NEVER) {
    g_color = false;
  } else {
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    g_color = isatty(STDOUT_FILENO) && !(no && no[0]) && !(term && strcmp(term, "dumb") == 0);
  }
}

void cli_color(const char *sgr) {
  if (g_color) printf("\033[%sm", sgr);
}

void cli_color_end(void) {
  if (g_color) fputs("\033[0m", stdout);
}

/* ------------------------------------------------------------- progress */

#define PROGRESS_DELAY 0.25    /* auto mode: nothing for runs shorter than this */
#define PROGRESS_INTERVAL 0.10 /* at most ten redraws a second */

static double now_seconds(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress line on screen, which stderr messages and terminal output
 * must erase first (cli_progress_suspend). */
static cli_progress *g_progress;

void cli_progress_init(cli_progress *p, const char *cmd, const cli_common *c) {
  memset(p, 0, sizeof *p);
  g_progress = p;
  p->stdout_tty = isatty(STDOUT_FILENO);
  p->cmd = cmd;
  if (c->progress == CLI_WHEN_ALWAYS) {
    p->enabled = 1;
    p->immediate = 1;
  } else if (c->progress == CLI_WHEN_AUTO) {
    p->enabled = isatty(STDERR_FILENO) && (c->quiet || !isatty(STDOUT_FILENO));
  }
  p->start = p->last = now_seconds();
}

static void progress_draw(cli_progress *p, size_t done, size_t total) {
  char line[128];
  unsigned long pct = total ? (unsigned long)((double)done * 100.0 / (double)total) : 100;
  int k = snprintf(line, sizeof line, "cwasm %s: %zu/%zu files (%lu%%)", p->cmd, done, total, pct);
  size_t len = k > 0 ? (size_t)k : 0;
  if (len >= sizeof line) len = sizeof line - 1;
  fprintf(stderr, "\r%s", line);
  for (size_t i = len; i < p->width; i++) fputc(' ', stderr); /* what the last draw left */
  fflush(stderr);
  p->width = len;
  p->drawn = 1;
}

void cli_progress_update(cli_progress *p, size_t done, size_t total) {
  if (!p->enabled) return;
  double t = now_seconds();
  bool last = done == total;
  if (!p->immediate && t - p->start < PROGRESS_DELAY) return;
  if (p->drawn && !last && t - p->last < PROGRESS_INTERVAL) return;
  if (!p->drawn && last && !p->immediate) return; /* finished before it was worth showing */
  p->last = t;
  progress_draw(p, done, total);
}

static void progress_erase(cli_progress *p) {
  if (!p->enabled || !p->drawn) return;
  fputc('\r', stderr);
  for (size_t i = 0; i < p->width; i++) fputc(' ', stderr);
  fputc('\r', stderr);
  fflush(stderr);
  p->drawn = 0;
  p->width = 0;
}

void cli_progress_done(cli_progress *p) {
  progress_erase(p);
  if (g_progress == p) g_progress = NULL;
}

void cli_progress_suspend(int for_stdout) {
  if (!g_progress || (for_stdout && !g_progress->stdout_tty)) return;
  if (for_stdout && g_progress->drawn) fflush(stdout);
  progress_erase(g_progress);
}

/* -------------------------------------------------------------- summary */

void cli_tally_add(cli_tally *t, int rc, cwasm_status st) {
  t->files++;
  switch (rc) {
    case CLI_EXIT_OK: t->good++; break;
    case CLI_EXIT_INCOMPATIBLE: t->incompatible++; break;
    case CLI_EXIT_NOINPUT: t->unreadable++; break;
    default:
      t->malformed++;
      if ((unsigned)st < CLI_TALLY_CODES) t->by_code[st]++;
      break;
  }
}

static int by_name(const void *a, const void *b) {
  return strcmp(cwasm_status_name(*(const cwasm_status *)a),
                cwasm_status_name(*(const cwasm_status *)b));
}

static void count(unsigned long n, const char *what, const char *sgr) {
  if (n) cli_color(sgr);
  printf("%lu %s", n, what);
  if (n) cli_color_end();
}

void cli_tally_print(const cli_tally *t, const char *good, int incompatible) {
  cwasm_status codes[CLI_TALLY_CODES];
  size_t n = 0;
  for (size_t i = 0; i < cwasm_status_count(); i++) {
    cwasm_status s = cwasm_status_at(i);
    if ((unsigned)s < CLI_TALLY_CODES && t->by_code[s] && n < CLI_TALLY_CODES) codes[n++] = s;
  }
  qsort(codes, n, sizeof codes[0], by_name);
  printf("summary: %lu file%s: ", t->files, t->files == 1 ? "" : "s");
  count(t->good, good, CLI_SGR_GOOD);
  fputs(", ", stdout);
  if (incompatible) {
    count(t->incompatible, "incompatible", CLI_SGR_BAD);
    fputs(", ", stdout);
  }
  count(t->malformed, "malformed", CLI_SGR_ERROR);
  for (size_t i = 0; i < n; i++)
    printf("%s%s %lu", i ? ", " : " (", cwasm_status_name(codes[i]), t->by_code[codes[i]]);
  if (n) putchar(')');
  fputs(", ", stdout);
  count(t->unreadable, "unreadable", CLI_SGR_IOERR);
  putchar('\n');
}
