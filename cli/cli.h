/* Shared declarations of the `cwasm` command. */
#ifndef CWASM_CLI_H
#define CWASM_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cwasm/cwasm.h"
#include "fileio.h"
#include "json.h"

/* Exit statuses (sysexits.h numbering where one fits). */
#define CLI_EXIT_OK 0          /* every file decoded (check: every file compatible) */
#define CLI_EXIT_INCOMPATIBLE 1 /* check: some file is incompatible with the host */
#define CLI_EXIT_MALFORMED 2   /* some file is malformed (any error status, legacy too) */
#define CLI_EXIT_USAGE 64      /* EX_USAGE: bad option, missing operand, unknown command */
#define CLI_EXIT_NOINPUT 66    /* EX_NOINPUT: some file could not be read */
#define CLI_EXIT_OSERR 71      /* EX_OSERR: out of memory */
#define CLI_EXIT_IOERR 74      /* EX_IOERR: writing the report failed */

/*
 * A subcommand. `run` gets argv with argv[0] = the subcommand's name and
 * returns the process exit status. `usage` prints its help text.
 */
typedef struct cli_command {
  const char *name;
  int (*run)(int argc, char **argv);
  void (*usage)(FILE *out);
  const char *summary;
} cli_command;

/* cli/inspect.c */
int cli_inspect_main(int argc, char **argv);
void cli_inspect_usage(FILE *out);

/* cli/check.c, cli/probe.c */
int cli_check_main(int argc, char **argv);
void cli_check_usage(FILE *out);
int cli_probe_main(int argc, char **argv);
void cli_probe_usage(FILE *out);

/* Ends a command: flushes stdout and turns a write error into CLI_EXIT_IOERR. */
int cli_finish(int status);

/* "cwasm 0.1.0 (Wasmtime releases 3-49, default host release 48)" on stdout;
 * returns cli_finish(CLI_EXIT_OK). Every command answers --version with it. */
int cli_print_version(void);

/* ------------------------------ cli/term.c: options every command shares */

/* Which shared options a command accepts (besides --help and --version). */
#define CLI_OPTS_BASIC 0x0u /* -q/--quiet, --color[=WHEN] */
#define CLI_OPTS_FILES 0x1u /* also -r/--recursive, --progress, --no-progress */

typedef enum cli_when { CLI_WHEN_AUTO = 0, CLI_WHEN_ALWAYS = 1, CLI_WHEN_NEVER = 2 } cli_when;

typedef struct cli_common {
  int quiet;         /* -q, --quiet: nothing on stdout, the exit status answers */
  int recursive;     /* -r, --recursive: directories name the regular files under them */
  cli_when progress; /* --progress / --no-progress (auto: see cli_progress_init) */
  cli_when color;    /* --color[=auto|always|never] (auto: stdout is a terminal) */
} cli_common;

/*
 * If `arg` is a shared option allowed by `allowed` (CLI_OPTS_*), record it in
 * *c and return 1; --version and -V print the version and return 2 (the
 * command then ends with status 0); 0 for anything else; -1 after a usage
 * error on stderr (a bad --color value).
 */
int cli_common_opt(cli_common *c, const char *cmd, unsigned allowed, const char *arg);

/* The help lines of the shared options (`allowed` as above). */
void cli_common_usage(FILE *out, unsigned allowed);

/*
 * Colour of the human reports, decided once from --color: "auto" colours
 * only when stdout is a terminal, NO_COLOR is unset or empty and TERM is not
 * "dumb". JSON output is never coloured.
 */
void cli_color_setup(cli_when when);
/* Start an SGR attribute (CLI_SGR_*) on stdout when colour is on. */
void cli_color(const char *sgr);
/* End it (no-op when colour is off). */
void cli_color_end(void);
#define CLI_SGR_GOOD "32"     /* green: ok, compatible */
#define CLI_SGR_BAD "1;31"    /* bold red: INCOMPATIBLE, findings */
#define CLI_SGR_ERROR "31"    /* red: malformed, error codes */
#define CLI_SGR_WARN "33"     /* yellow: warnings */
#define CLI_SGR_NOTE "36"     /* cyan: notes */
#define CLI_SGR_IOERR "35"    /* magenta: unreadable */
#define CLI_SGR_DIM "2"       /* faint: secondary text */

/*
 * Progress on stderr while many files are processed: "cwasm check: 120/5000
 * files (2%)" rewritten in place with \r, then erased. "auto" shows it only
 * when stderr is a terminal and stdout is not (or --quiet), and only once a
 * run has lasted 250 ms; "always" shows it whenever there are files; "never"
 * never. Redrawn at most every 100 ms.
 */
typedef struct cli_progress {
  const char *cmd;
  int enabled;
  int immediate;       /* --progress: draw from the start */
  int drawn;           /* something is on the line */
  int stdout_tty;      /* stdout is a terminal too: erase before writing to it */
  size_t width;        /* characters last drawn */
  double start, last;  /* seconds (CLOCK_MONOTONIC) */
} cli_progress;

void cli_progress_init(cli_progress *p, const char *cmd, const cli_common *c);
void cli_progress_update(cli_progress *p, size_t done, size_t total);
/* Erase the line for good (before the summary). */
void cli_progress_done(cli_progress *p);
/* Erase the line, if one is drawn, before writing to stderr (for_stdout 0) or
 * to stdout (for_stdout 1: only needed when stdout is a terminal too); the
 * next update draws it again. */
void cli_progress_suspend(int for_stdout);

/*
 * Counts by status, for the summary line printed after the reports of
 * several files (human output only):
 *   summary: 4 files: 1 compatible, 2 incompatible, 1 malformed (E_INPUT_EMPTY 1), 0 unreadable
 *   summary: 3 files: 2 ok, 1 malformed (E_ELF_MAGIC 1), 0 unreadable
 * Malformed files are broken down by status name, in byte order of the names.
 */
#define CLI_TALLY_CODES 1000 /* status numbers are < 1000 (errors.def ranges) */
typedef struct cli_tally {
  unsigned long files, good, incompatible, malformed, unreadable;
  unsigned long by_code[CLI_TALLY_CODES];
} cli_tally;

/* One file's outcome: its exit status (CLI_EXIT_OK, _INCOMPATIBLE,
 * _MALFORMED, _NOINPUT) and, when malformed, its status. */
void cli_tally_add(cli_tally *t, int rc, cwasm_status st);
/* `good` names the good outcome ("ok", "compatible"); `incompatible` says
 * whether the command has that outcome (check) or not (inspect). */
void cli_tally_print(const cli_tally *t, const char *good, int incompatible);

/* --------------------------- cli/inputs.c: the files a command works on */

/*
 * The inputs in the order given; with -r, a directory operand is replaced by
 * the regular files under it, sorted by path (byte order, locale-independent),
 * recursively. Symbolic links and other non-regular files met inside a
 * directory are skipped (not followed); an operand that is a symbolic link is
 * followed. A directory that cannot be read becomes an input with `error` set
 * (reported as unreadable, in its sorted place).
 */
typedef struct cli_input {
  char *path;        /* owned */
  char *error;       /* NULL, or why the directory could not be listed (owned) */
} cli_input;

typedef struct cli_inputs {
  cli_input *v;
  size_t n, cap;
} cli_inputs;

/* Add one operand; 0, or -1 when out of memory. */
int cli_inputs_add(cli_inputs *in, const char *operand, int recursive);
void cli_inputs_free(cli_inputs *in);

/* The reason fileio gives for a directory, with a hint when -r is not on. */
const char *cli_io_reason(const char *reason, int recursive);

/* ------------------------------------------- cli/render.c: shared printers */

#define CLI_DIAG_TEXT_MAX 1024
#define CLI_FEATURE_NAMES_MAX 64

/* cwasm_diag_format into buf (always NUL-terminated). */
void cli_diag_text(const cwasm_diag *d, char *buf, size_t n);

/* "cwasm: <path>: <msg>" on stderr, the path made terminal-safe. */
void cli_stderr_line(const char *path, const char *msg);

/* A diagnostic text `msg` (which starts with the name of `code`) on stdout,
 * the name in colour `sgr`. */
void cli_diag_colored(const char *msg, cwasm_status code, const char *sgr);

/* Human report label: two spaces, then `l` padded to 20 columns (stdout). */
void cli_label(const char *l);

/*
 * Names of the wasm features set in `f`, into names[0..cap): the layout's
 * bools for struct-of-bools layouts; for bit sets, the release's wasmparser
 * flags with bitflags' iter_names rule (declaration order; a flag is named
 * when all its bits are set and one of them is not yet covered). *leftover
 * gets the bits no name covers.
 */
size_t cli_feature_names(const cwasm_features *f, const cwasm_layout *layout,
                         const cwasm_release *rel, const char **names, size_t cap,
                         uint64_t *leftover);

/* A tunable's value, classified once for both printers. */
typedef enum cli_tval_kind {
  CLI_TV_NUM,
  CLI_TV_BOOL,
  CLI_TV_NAME,
  CLI_TV_NONE,
  CLI_TV_TABLE
} cli_tval_kind;
typedef struct cli_tval {
  cli_tval_kind kind;
  uint64_t num;
  const char *name;
  cwasm_bytes table;
} cli_tval;

cli_tval cli_tunable_value(cwasm_tunable_type type, const cwasm_tunable *t);
/* stdout: 12, true, Copying, None, Table(N bytes) */
void cli_human_tval(const cli_tval *v);
/* 12, true, "Copying", null, {"table":"hex"} */
void cli_json_tval(json_writer *w, const cli_tval *v);

/* The JSON object of a diagnostic: code, name, message, offset, section,
 * field, actual, expected, limit. */
void cli_json_diag(json_writer *w, const cwasm_diag *d);
/* The same keys for a file that could not be read: name "unreadable",
 * message `reason`, everything else null. */
void cli_json_io_error(json_writer *w, const char *reason);
/* Members "warnings" (array of diagnostic objects) and "warnings_dropped";
 * with have == 0 (nothing decoded): [] and null. */
void cli_json_warnings(json_writer *w, const cwasm_warnings *ws, int have);


/* "cwasm <cmd>: <what> '<arg>' (try 'cwasm <cmd> --help')" on stderr (arg
 * made terminal-safe, omitted when NULL); returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *what, const char *arg);

/* ------------------------------------ cli/hostopts.c: describing the host */

/* The host options as given (values borrowed from argv). */
typedef struct cli_host_opts {
  const char *ref_path;       /* --host-ref FILE */
  const char *version;        /* --host-version N[.M.P] */
  const char *version_string; /* --host-version-string STR */
  const char *target;         /* --host-target TRIPLE */
  const char **cpu_features;  /* --host-features LIST, in the order given */
  size_t cpu_features_count;
  const char **wasm_features; /* --host-wasm-features LIST */
  size_t wasm_features_count;
  const char **tunables;      /* --host-tunable NAME=VALUE */
  size_t tunables_count;
  const char **allow;         /* --allow-version STR */
  size_t allow_count;
  int version_mode;           /* -1: not given, else cwasm_version_mode */
  int expect;                 /* 0: not given (either), else cwasm_expect_kind */
} cli_host_opts;

/* Room for up to `argc` repeated options; -1 when out of memory. */
int cli_host_opts_init(cli_host_opts *o, int argc);
void cli_host_opts_free(cli_host_opts *o);

/*
 * If argv[*i] is a host option ("--opt VALUE" or "--opt=VALUE"), record it,
 * advance *i past its value and return 1; return 0 for anything else; on a
 * bad value print a usage error for command `cmd` and return -1.
 */
int cli_host_opt(cli_host_opts *o, const char *cmd, int argc, char **argv, int *i);

/* The help text of the host options (shared by check and probe). */
void cli_host_opts_usage(FILE *out);

/* The host, built from the options. */
typedef struct cli_host {
  cwasm_host host;
  const char *ref_path;  /* --host-ref as given, or NULL */
  cli_file ref_file;     /* stays mapped: the host borrows the reference's bytes */
  cwasm_artifact *ref;   /* heap, or NULL */
} cli_host;

/*
 * Build the host: the reference artifact (--host-ref) or the built-in
 * default host of --host-version (default: the newest release the library
 * knows), then the overrides. `lib` gives the parse options of the
 * reference. Returns CLI_EXIT_OK, or after a message on stderr:
 * CLI_EXIT_USAGE (bad option value), CLI_EXIT_NOINPUT (reference
 * unreadable), CLI_EXIT_MALFORMED (reference malformed or unusable),
 * CLI_EXIT_OSERR. Release with cli_host_free in every case.
 */
int cli_host_build(const cli_host_opts *o, const cwasm_options *lib, const char *cmd,
                   cli_host *out);
void cli_host_free(cli_host *h);

/* The host summary as a JSON object; `full` adds the Tunables. */
void cli_host_json(json_writer *w, const cli_host *h, int full);
/* The same, as labelled lines on stdout under a title line. */
void cli_host_human(const cli_host *h, int full);
/* One line on stdout: "host: Wasmtime 49 (version "49"), target ..., ..." */
void cli_host_oneline(const cli_host *h);

#endif
