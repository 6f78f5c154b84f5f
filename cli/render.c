/*
 * Printers shared by the `cwasm` subcommands (moved out of inspect.c so that
 * check and probe render diagnostics, warnings, wasm feature names and
 * Tunables values exactly as inspect does).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cwasm/cwasm.h"
#include "json.h"

void cli_diag_text(const cwasm_diag *d, char *buf, size_t n) { (void)cwasm_diag_format(d, buf, n); }

void cli_stderr_line(const char *path, const char *msg) {
  cli_progress_suspend(0);
  fputs("cwasm: ", stderr);
  text_write(stderr, path, strlen(path), 0);
  fprintf(stderr, ": %s\n", msg);
}

void cli_diag_colored(const char *msg, cwasm_status code, const char *sgr) {
  const char *name = cwasm_status_name(code);
  size_t n = strlen(name);
  if (strncmp(msg, name, n) != 0) n = 0;
  cli_color(sgr);
  fwrite(msg, 1, n, stdout);
  cli_color_end();
  fputs(msg + n, stdout);
}

int cli_usage_error(const char *cmd, const char *what, const char *arg) {
  fprintf(stderr, "cwasm %s: %s", cmd, what);
  if (arg) {
    fputs(" '", stderr);
    text_write(stderr, arg, strlen(arg), 0);
    fputc('\'', stderr);
  }
  fprintf(stderr, " (try 'cwasm %s --help')\n", cmd);
  return CLI_EXIT_USAGE;
}

void cli_label(const char *l) { printf("  %-20s", l); }

size_t cli_feature_names(const cwasm_features *f, const cwasm_layout *layout,
                         const cwasm_release *rel, const char **names, size_t cap,
                         uint64_t *leftover) {
  uint64_t remaining = f->bits;
  size_t n = 0;
  if (f->encoding == CWASM_FEATURES_BOOLS && layout && layout->feature_bools) {
    for (unsigned i = 0; i < layout->feature_bools_count && i < 64; i++) {
      uint64_t bit = (uint64_t)1 << i;
      if (!(remaining & bit) || n == cap) continue;
      names[n++] = layout->feature_bools[i];
      remaining &= ~bit;
    }
  } else if (f->encoding != CWASM_FEATURES_BOOLS && rel && rel->feature_bits) {
    for (unsigned i = 0; i < rel->feature_bits_count && remaining && n < cap; i++) {
      uint64_t m = rel->feature_bits[i].mask;
      if (m == 0 || (f->bits & m) != m || (remaining & m) == 0) continue;
      names[n++] = rel->feature_bits[i].name;
      remaining &= ~m;
    }
  }
  *leftover = remaining;
  return n;
}

/* ------------------------------------------------------------ Tunables */

static cli_tval tval_enum(cwasm_tunable_type type, uint64_t v) {
  cli_tval out = {CLI_TV_NAME, v, cwasm_tunable_enum_name(type, v), {NULL, 0}};
  if (!out.name) out.kind = CLI_TV_NUM; /* no name known: show the variant index */
  return out;
}

cli_tval cli_tunable_value(cwasm_tunable_type type, const cwasm_tunable *t) {
  cli_tval out = {CLI_TV_NUM, t->value, NULL, {NULL, 0}};
  switch (type) {
    case CWASM_TT_BOOL:
      out.kind = CLI_TV_BOOL;
      break;
    case CWASM_TT_OPT_COLLECTOR:
      if (t->is_none) out.kind = CLI_TV_NONE;
      else out = tval_enum(type, t->value);
      break;
    case CWASM_TT_INTRA_MODULE_INLINING:
    case CWASM_TT_INLINING:
      out = tval_enum(type, t->value);
      break;
    case CWASM_TT_OPERATOR_COST:
      if (t->value == 0) {
        out.kind = CLI_TV_TABLE;
        out.table = t->table;
      } else {
        out = tval_enum(type, t->value);
        if (out.kind == CLI_TV_NUM && t->value == 1)
          out = (cli_tval){CLI_TV_NAME, 1, "Default", {NULL, 0}};
      }
      break;
    case CWASM_TT_OPT_NONZERO_U32:
      if (t->is_none) out.kind = CLI_TV_NONE;
      break;
    case CWASM_TT_U64:
    case CWASM_TT_USIZE:
    case CWASM_TT_U32:
      break;
  }
  return out;
}

void cli_human_tval(const cli_tval *v) {
  switch (v->kind) {
    case CLI_TV_NUM: printf("%" PRIu64, v->num); break;
    case CLI_TV_BOOL: fputs(v->num ? "true" : "false", stdout); break;
    case CLI_TV_NAME: fputs(v->name, stdout); break;
    case CLI_TV_NONE: fputs("None", stdout); break;
    case CLI_TV_TABLE: printf("Table(%zu bytes)", v->table.n); break;
  }
}

void cli_json_tval(json_writer *w, const cli_tval *v) {
  switch (v->kind) {
    case CLI_TV_NUM: json_u64(w, v->num); break;
    case CLI_TV_BOOL: json_bool(w, v->num != 0); break;
    case CLI_TV_NAME: json_cstring(w, v->name); break;
    case CLI_TV_NONE: json_null(w); break;
    case CLI_TV_TABLE:
      json_object_begin(w);
      json_key(w, "table");
      json_hex(w, v->table.p, v->table.n);
      json_object_end(w);
      break;
  }
}

/* ------------------------------------------------------- diagnostics */

void cli_json_diag(json_writer *w, const cwasm_diag *d) {
  char msg[CLI_DIAG_TEXT_MAX];
  cli_diag_text(d, msg, sizeof msg);
  json_object_begin(w);
  json_key(w, "code");
  json_u64(w, (uint64_t)d->code);
  json_key(w, "name");
  json_cstring(w, cwasm_status_name(d->code));
  json_key(w, "message");
  json_cstring(w, msg);
  json_key(w, "offset");
  json_u64(w, d->offset);
  json_key(w, "section");
  if (d->section == CWASM_NO_SECTION) json_null(w);
  else json_u64(w, d->section);
  json_key(w, "field");
  json_cstring(w, d->field);
  json_key(w, "actual");
  if (d->has_actual) json_u64(w, d->actual);
  else json_null(w);
  json_key(w, "expected");
  if (d->has_expected == CWASM_DIAG_EXPECTED) json_u64(w, d->expected);
  else json_null(w);
  json_key(w, "limit");
  if (d->has_expected == CWASM_DIAG_LIMIT) json_u64(w, d->expected);
  else json_null(w);
  json_object_end(w);
}

void cli_json_io_error(json_writer *w, const char *reason) {
  static const char *const nulls[] = {"offset", "section", "field", "actual", "expected", "limit"};
  json_object_begin(w);
  json_key(w, "code");
  json_null(w);
  json_key(w, "name");
  json_cstring(w, "unreadable");
  json_key(w, "message");
  json_cstring(w, reason);
  for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++) {
    json_key(w, nulls[i]);
    json_null(w);
  }
  json_object_end(w);
}

void cli_json_warnings(json_writer *w, const cwasm_warnings *ws, int have) {
  uint32_t n = ws->count < CWASM_MAX_WARNINGS ? ws->count : CWASM_MAX_WARNINGS;
  json_key(w, "warnings");
  json_array_begin(w);
  for (uint32_t i = 0; i < n && have; i++) cli_json_diag(w, &ws->items[i]);
  json_array_end(w);
  json_key(w, "warnings_dropped");
  if (have) json_u64(w, ws->dropped);
  else json_null(w);
}
