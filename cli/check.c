/*
 * `cwasm check`: will the Wasmtime on this host accept these artifacts, and
 * if not, every reason why.
 *
 * The host is built once (cli/hostopts.c); each file is read, parsed and
 * checked with cwasm_check, and reported as a verdict with its findings,
 * notes and warnings (human), or as one JSON object per line.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cwasm/cwasm.h"
#include "fileio.h"
#include "json.h"

#define CMD "check"

typedef struct check_opts {
  int json;
  cli_common common;
  cwasm_options lib;
  cli_host_opts host;
} check_opts;

/* What one file yielded. */
typedef struct check_result {
  const char *path;
  const char *io_error;  /* non-NULL: unreadable (nothing decoded) */
  cwasm_status status;   /* parse status, or the check's own failure */
  cwasm_diag diag;
  cwasm_artifact art;
  bool checked;          /* `rep` holds a report */
  cwasm_report rep;      /* ~60 KiB: this struct lives on the heap */
} check_result;

/* ------------------------------------------------------------- output */

static const char *status_text(const check_result *r) {
  if (r->io_error) return "unreadable";
  return r->status == CWASM_OK ? "ok" : cwasm_status_name(r->status);
}

static uint32_t stored_count(const cwasm_report *rep, cwasm_item_kind k) {
  uint32_t n = 0;
  uint32_t stored = rep->count < CWASM_REPORT_MAX_ITEMS ? rep->count : CWASM_REPORT_MAX_ITEMS;
  for (uint32_t i = 0; i < stored; i++) n += rep->items[i].kind == k;
  return n;
}

static void print_quoted(const char *s) {
  putchar('"');
  text_write(stdout, s, strlen(s), 1);
  putchar('"');
}

/* "  F_ISA_FLAG isa_flags.has_avx2: artifact "true", host "absent": context: message" */
static void human_item(const cwasm_finding *f) {
  char text[CWASM_FINDING_MESSAGE_MAX + 256];
  fputs("  ", stdout);
  if (f->kind == CWASM_ITEM_NOTE) fputs("note ", stdout);
  else if (f->kind == CWASM_ITEM_WARNING) fputs("warning ", stdout);
  cli_color(f->kind == CWASM_ITEM_FINDING ? CLI_SGR_BAD
            : f->kind == CWASM_ITEM_NOTE  ? CLI_SGR_NOTE
                                          : CLI_SGR_WARN);
  fputs(cwasm_status_name(f->code), stdout);
  cli_color_end();
  if (f->field[0]) {
    putchar(' ');
    text_write(stdout, f->field, strlen(f->field), 0);
  }
  /* a finding shows both sides (an empty version string is a value); a
   * note or warning only the values it has */
  bool both = f->kind == CWASM_ITEM_FINDING && (f->artifact[0] || f->host[0]);
  const char *sep = ": ";
  if (both || f->artifact[0]) {
    fputs(": artifact ", stdout);
    print_quoted(f->artifact);
    sep = ", ";
  }
  if (both || f->host[0]) {
    printf("%shost ", sep);
    print_quoted(f->host);
  }
  (void)cwasm_finding_format(f, text, sizeof text);
  fputs(": ", stdout);
  text_write(stdout, text, strlen(text), 0);
  putchar('\n');
}

static void human_result(const check_result *r) {
  char msg[CLI_DIAG_TEXT_MAX];
  text_write(stdout, r->path, strlen(r->path), 0);
  fputs(": ", stdout);
  if (r->io_error) {
    cli_color(CLI_SGR_IOERR);
    fputs("unreadable", stdout);
    cli_color_end();
    printf(": %s\n", r->io_error);
    return;
  }
  if (!r->checked) {
    cli_diag_text(&r->diag, msg, sizeof msg);
    cli_color(CLI_SGR_ERROR);
    fputs("malformed", stdout);
    cli_color_end();
    printf(": %s\n", msg);
  } else if (r->rep.compatible) {
    cli_color(CLI_SGR_GOOD);
    fputs("compatible", stdout);
    cli_color_end();
    putchar('\n');
  } else {
    cli_color(CLI_SGR_BAD);
    fputs("INCOMPATIBLE", stdout);
    cli_color_end();
    printf(" (%lu finding%s)\n", (unsigned long)r->rep.findings, r->rep.findings == 1 ? "" : "s");
  }
  if (r->checked) {
    const cwasm_report *rep = &r->rep;
    uint32_t stored = rep->count < CWASM_REPORT_MAX_ITEMS ? rep->count : CWASM_REPORT_MAX_ITEMS;
    /* findings, then notes; the artifact's warnings come from the parse below */
    for (uint32_t i = 0; i < stored; i++)
      if (rep->items[i].kind == CWASM_ITEM_FINDING) human_item(&rep->items[i]);
    for (uint32_t i = 0; i < stored; i++)
      if (rep->items[i].kind == CWASM_ITEM_NOTE) human_item(&rep->items[i]);
    if (rep->dropped) printf("  (%lu more items not recorded)\n", (unsigned long)rep->dropped);
  }
  const cwasm_warnings *w = &r->art.warnings;
  uint32_t n = w->count < CWASM_MAX_WARNINGS ? w->count : CWASM_MAX_WARNINGS;
  for (uint32_t i = 0; i < n; i++) {
    cli_diag_text(&w->items[i], msg, sizeof msg);
    fputs("  warning ", stdout);
    cli_diag_colored(msg, w->items[i].code, CLI_SGR_WARN);
    putchar('\n');
  }
  if (w->dropped) printf("  (%lu more warnings not recorded)\n", (unsigned long)w->dropped);
}

static void json_item(json_writer *w, const cwasm_finding *f) {
  json_object_begin(w);
  json_key(w, "code");
  json_u64(w, (uint64_t)f->code);
  json_key(w, "name");
  json_cstring(w, cwasm_status_name(f->code));
  json_key(w, "stage");
  json_cstring(w, cwasm_check_stage_name(f->stage));
  json_key(w, "field");
  json_cstring(w, f->field);
  json_key(w, "artifact");
  json_cstring(w, f->artifact);
  json_key(w, "host");
  json_cstring(w, f->host);
  json_key(w, "message");
  json_cstring(w, f->message);
  json_key(w, "context");
  json_cstring(w, f->context);
  json_key(w, "offset");
  if (f->offset == CWASM_NO_OFFSET) json_null(w);
  else json_u64(w, f->offset);
  json_key(w, "index");
  if (f->index == CWASM_NO_INDEX) json_null(w);
  else json_u64(w, f->index);
  json_key(w, "truncated");
  json_bool(w, f->truncated != 0);
  json_object_end(w);
}

static void json_items(json_writer *w, const char *key, const check_result *r, cwasm_item_kind k) {
  json_key(w, key);
  json_array_begin(w);
  if (r->checked) {
    uint32_t stored = r->rep.count < CWASM_REPORT_MAX_ITEMS ? r->rep.count : CWASM_REPORT_MAX_ITEMS;
    for (uint32_t i = 0; i < stored; i++)
      if (r->rep.items[i].kind == k) json_item(w, &r->rep.items[i]);
  }
  json_array_end(w);
}

static void json_result(const check_result *r, const cli_host *host) {
  json_writer w;
  cwasm_kind kind = r->art.kind;
  json_init(&w, stdout);
  json_object_begin(&w);
  json_key(&w, "file");
  json_string(&w, r->path, strlen(r->path));
  json_key(&w, "compatible");
  json_bool(&w, r->checked && r->rep.compatible);
  json_key(&w, "status");
  json_cstring(&w, status_text(r));
  json_key(&w, "error");
  if (r->io_error) cli_json_io_error(&w, r->io_error);
  else if (!r->checked) cli_json_diag(&w, &r->diag);
  else json_null(&w);
  json_key(&w, "kind");
  json_cstring(&w, r->io_error || kind == CWASM_KIND_NONE ? NULL : cwasm_kind_name(kind));
  json_key(&w, "host");
  cli_host_json(&w, host, 0);
  json_key(&w, "finding_count");
  if (r->checked) json_u64(&w, r->rep.findings);
  else json_null(&w);
  json_items(&w, "findings", r, CWASM_ITEM_FINDING);
  json_key(&w, "findings_dropped");
  if (r->checked) json_u64(&w, r->rep.findings - stored_count(&r->rep, CWASM_ITEM_FINDING));
  else json_null(&w);
  json_items(&w, "notes", r, CWASM_ITEM_NOTE);
  cli_json_warnings(&w, &r->art.warnings, !r->io_error);
  json_object_end(&w);
  json_newline(&w);
}

/* ------------------------------------------------------------- driver */

void cli_check_usage(FILE *out) {
  fputs("usage: cwasm check [options] [host options] [--] FILE...\n"
        "\n"
        "Will the Wasmtime on the host accept each artifact, and if not, every reason\n"
        "why: Wasmtime's own load-time checks (version, ELF header, metadata layout,\n"
        "target, Cranelift flags, CPU features, Tunables, wasm features) for the\n"
        "host's release, reporting every mismatch instead of the first. Passing does\n"
        "not make an artifact trustworthy.\n"
        "\n"
        "options:\n"
        "  --json         one JSON object per file per line, in the order given:\n"
        "                 file, compatible, status, error, kind, host, finding_count,\n"
        "                 findings, findings_dropped, notes, warnings, warnings_dropped\n"
        "                 (schema: docs/schemas/check.schema.json)\n"
        "  --lenient      parse leniently (CWASM_OPT_LENIENT): ambiguities Wasmtime\n"
        "                 tolerates, such as two engine sections, become warnings and\n"
        "                 the artifact is still checked (also applies to --host-ref)\n",
        out);
  cli_common_usage(out, CLI_OPTS_FILES);
  fputs("\n", out);
  cli_host_opts_usage(out);
  fputs("\n"
        "output: a line naming the host, then per file 'FILE: compatible',\n"
        "'FILE: INCOMPATIBLE (N findings)', 'FILE: malformed: DIAGNOSTIC' or\n"
        "'FILE: unreadable: REASON', followed by one line per finding\n"
        "('CODE FIELD: artifact \"A\", host \"H\": Wasmtime's message', with its\n"
        "context first as anyhow's {:#} prints it), notes (rules not checked or\n"
        "differences tolerated by --version-mode / --allow-version) and warnings.\n"
        "Files are reported in the order given (with -r, a directory's files in\n"
        "byte order of their paths). With more than one file, a last line counts\n"
        "them: 'summary: N files: A compatible, B incompatible, C malformed\n"
        "(CODE n, ...), D unreadable'. Diagnostics also go to stderr as\n"
        "'cwasm: FILE: MESSAGE'.\n"
        "\n"
        "exit status (the highest applicable wins: 66 > 2 > 1 > 0):\n"
        "  0   every file is compatible with the host\n"
        "  1   some file is incompatible, none malformed or unreadable\n"
        "  2   some file is malformed or not a current artifact (legacy artifacts\n"
        "      included); also a --host-ref artifact that is malformed or describes\n"
        "      no usable host (reported on stderr, no file is checked)\n"
        "  64  usage error (unknown option, bad option value, no FILE)\n"
        "  66  some file, or the --host-ref file, could not be read\n"
        "  71  out of memory\n"
        "  74  writing the report failed\n",
        out);
}

/* Options may come before, between or after the files; "--" ends them.
 * Returns -1 when --help or --version was handled, else 0 or an exit status. */
static int parse_args(int argc, char **argv, check_opts *o, const char **files, int *nfiles) {
  bool opts_done = false;
  *nfiles = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (opts_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
      files[(*nfiles)++] = arg;
    } else if (strcmp(arg, "--") == 0) {
      opts_done = true;
    } else if (strcmp(arg, "--json") == 0) {
      o->json = 1;
    } else if (strcmp(arg, "--lenient") == 0) {
      o->lib.flags |= CWASM_OPT_LENIENT;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      cli_check_usage(stdout);
      return -1;
    } else {
      int c = cli_common_opt(&o->common, CMD, CLI_OPTS_FILES, arg);
      if (c == 2) return -1;
      if (c < 0) return CLI_EXIT_USAGE;
      if (c > 0) continue;
      int h = cli_host_opt(&o->host, CMD, argc, argv, &i);
      if (h < 0) return CLI_EXIT_USAGE;
      if (h == 0) return cli_usage_error(CMD, "unknown option", arg);
    }
  }
  if (*nfiles == 0) return cli_usage_error(CMD, "no FILE given", NULL);
  return 0;
}

/* Read, parse and check one file into *r, print it; returns its exit status. */
static int check_one(const cli_input *in, const check_opts *o, const cli_host *host,
                     const cwasm_prepared *prep, check_result *r) {
  char io_err[256], msg[CLI_DIAG_TEXT_MAX];
  const char *path = in->path;
  cli_file f;
  int rc;
  memset(r, 0, sizeof *r);
  r->path = path;
  if (in->error) {
    r->io_error = in->error; /* a directory -r could not list */
    cli_stderr_line(path, r->io_error);
    rc = CLI_EXIT_NOINPUT;
  } else if (cli_file_open(path, &f, io_err, sizeof io_err) != 0) {
    r->io_error = cli_io_reason(io_err, o->common.recursive);
    cli_stderr_line(path, r->io_error);
    rc = CLI_EXIT_NOINPUT;
  } else {
    if (prep) { /* the same results, sooner for files written like the reference */
      r->status = cwasm_parse_check(prep, f.data, f.size, &r->art, &r->rep, &r->diag);
      r->checked = r->status == CWASM_OK;
    } else {
      r->status = cwasm_parse(f.data, f.size, &o->lib, &r->art, &r->diag);
    }
    if (r->status == CWASM_OK && !r->checked) {
      cwasm_status st = cwasm_check(&r->art, &host->host, &r->rep);
      if (st == CWASM_OK) {
        r->checked = true;
      } else { /* the artifact passed parsing: this is not expected to happen */
        r->status = st;
        memset(&r->diag, 0, sizeof r->diag);
        r->diag.code = st;
        r->diag.section = CWASM_NO_SECTION;
        r->diag.field = "check";
      }
    }
    if (!r->checked) {
      cli_diag_text(&r->diag, msg, sizeof msg);
      cli_stderr_line(path, msg);
      rc = CLI_EXIT_MALFORMED;
    } else {
      rc = r->rep.compatible ? CLI_EXIT_OK : CLI_EXIT_INCOMPATIBLE;
    }
  }
  if (!o->common.quiet) {
    cli_progress_suspend(1);
    if (o->json) json_result(r, host);
    else human_result(r);
  }
  /* the artifact's views point into the file: print before unmapping */
  if (!r->io_error) cli_file_close(&f);
  return rc;
}

int cli_check_main(int argc, char **argv) {
  check_opts o;
  cli_host host;
  cli_inputs in;
  cli_tally *tally = NULL;
  cwasm_prepared *prep = NULL;
  int nfiles = 0, status = CLI_EXIT_OK;
  memset(&o, 0, sizeof o);
  memset(&host, 0, sizeof host);
  memset(&in, 0, sizeof in);
  const char **files = malloc(sizeof *files * (size_t)(argc > 0 ? argc : 1));
  check_result *r = malloc(sizeof *r);
  if (!files || !r || cli_host_opts_init(&o.host, argc) != 0) {
    free(files);
    free(r);
    fputs("cwasm check: out of memory\n", stderr);
    return CLI_EXIT_OSERR;
  }
  int prc = parse_args(argc, argv, &o, files, &nfiles);
  for (int i = 0; prc == 0 && i < nfiles; i++)
    if (cli_inputs_add(&in, files[i], o.common.recursive) != 0) prc = CLI_EXIT_OSERR;
  if (prc == 0 && !(tally = calloc(1, sizeof *tally))) prc = CLI_EXIT_OSERR;
  if (prc == CLI_EXIT_OSERR) fputs("cwasm check: out of memory\n", stderr);
  if (prc == 0) prc = cli_host_build(&o.host, &o.lib, CMD, &host);
  if (prc == 0) {
    cli_progress progress;
    bool human = !o.common.quiet && !o.json;
    cli_color_setup(o.json ? CLI_WHEN_NEVER : o.common.color);
    cli_progress_init(&progress, CMD, &o.common);
    if (human) cli_host_oneline(&host);
    /* with a reference, the loader's fast path (cwasm_prepare); without, or
     * if it cannot be prepared, the plain parse and check */
    if (host.ref && (prep = malloc(sizeof *prep)) != NULL &&
        cwasm_prepare(&host.host, host.ref, &o.lib, prep, NULL) != CWASM_OK) {
      free(prep);
      prep = NULL;
    }
    for (size_t i = 0; i < in.n; i++) {
      int rc = check_one(&in.v[i], &o, &host, prep, r);
      if (rc > status) status = rc; /* 66 > 2 > 1 > 0 */
      cli_tally_add(tally, rc, r->status);
      cli_progress_update(&progress, i + 1, in.n);
    }
    cli_progress_done(&progress);
    if (human && (in.n > 1 || o.common.recursive)) cli_tally_print(tally, "compatible", 1);
  }
  cli_host_free(&host);
  cli_host_opts_free(&o.host);
  cli_inputs_free(&in);
  free(tally);
  free(prep);
  free(files);
  free(r);
  if (prc < 0) return cli_finish(CLI_EXIT_OK);
  if (prc > 0) return prc;
  return cli_finish(status);
}
