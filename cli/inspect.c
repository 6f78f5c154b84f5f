/*
 * `cwasm inspect`: decode artifacts and print everything they record, as a
 * human report or as one JSON object per file per line.
 *
 * Both printers read the same `report`, whose availability flags say which
 * parts were decoded; what was not decoded is omitted (human) or null (JSON).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cwasm/cwasm.h"
#include "fileio.h"
#include "json.h"

typedef struct inspect_opts {
  int json;
  cli_common common;
  cwasm_options lib;
} inspect_opts;

/* What one file yielded, and which parts of it were decoded. */
typedef struct report {
  const char *path;
  const char *io_error; /* non-NULL: the file could not be read (nothing decoded) */
  size_t size;          /* input length */
  cwasm_status status;
  cwasm_diag diag;
  cwasm_artifact art;
  /* availability, computed once by report_classify for both printers */
  bool has_header;       /* ELF identification and header fields */
  bool has_sections;     /* section table validated */
  bool has_engine;       /* engine section found and split: raw version string */
  bool has_version_kind; /* version string classified */
  bool has_metadata;     /* whole Metadata decoded: trailing byte count */
  const cwasm_layout *layout;
} report;

/* ------------------------------------------------------ shared helpers */

/*
 * cwasm_elf_parse fills the header fields as soon as e_ident is sane and the
 * whole header is present, before checking the section table: show them
 * then, even when a later check failed.
 */
static bool header_read(const cwasm_elf *e, size_t size) {
  size_t ehsize = e->elf_class == 64 ? 64 : 52;
  return (e->elf_class == 32 || e->elf_class == 64) &&
         (e->endian == CWASM_LITTLE || e->endian == CWASM_BIG) && size >= ehsize;
}

static void report_classify(report *r) {
  const cwasm_artifact *a = &r->art;
  r->has_sections = (a->stages & CWASM_STAGE_ELF) != 0;
  /* A failed parse may still have read the header (e.g. a bad section table). */
  r->has_header = r->has_sections || header_read(&a->elf, r->size);
  r->has_engine = (a->stages & CWASM_STAGE_ENGINE) != 0;
  /* cwasm_version_parse fills `version` even when it fails (invalid UTF-8). */
  r->has_version_kind =
      (a->stages & CWASM_STAGE_VERSION) != 0 || (r->has_engine && a->version.kind != 0);
  r->has_metadata = (a->stages & CWASM_STAGE_METADATA) != 0;
  r->layout = a->meta.layout ? a->meta.layout : (a->release ? a->release->layout : NULL);
}

static const char *status_text(const report *r) {
  if (r->io_error) return "unreadable";
  return r->status == CWASM_OK ? "ok" : cwasm_status_name(r->status);
}

/* The pipeline's kind, else what e_flags say when only the header was read. */
static const char *kind_text(const report *r) {
  cwasm_kind k = r->art.kind;
  if (k == CWASM_KIND_NONE && r->has_header) k = r->art.elf.kind;
  return k == CWASM_KIND_NONE ? NULL : cwasm_kind_name(k);
}

static const char *endian_text(uint8_t endian) {
  return endian == CWASM_BIG ? "big" : "little";
}

static const char *layout_source_text(cwasm_layout_source s) {
  switch (s) {
    case CWASM_LAYOUT_RELEASE: return "release";
    case CWASM_LAYOUT_FORCED: return "forced";
    case CWASM_LAYOUT_INFERRED: return "inferred";
    case CWASM_LAYOUT_NONE: break;
  }
  return NULL;
}

static const char *machine_name(uint16_t m) {
  switch (m) {
    case 3: return "Intel 80386";
    case 22: return "IBM S/390";
    case 40: return "ARM";
    case 62: return "AMD x86-64";
    case 183: return "AArch64";
    case 243: return "RISC-V";
    default: return NULL;
  }
}

/* The release the version string names, or 0. */
static unsigned version_release(const report *r) {
  const cwasm_version *v = &r->art.version;
  return r->has_version_kind && v->kind == CWASM_VERSION_RELEASE ? v->major : 0;
}

static bool candidates_known(const report *r) {
  return r->art.layout_source != CWASM_LAYOUT_NONE || r->art.candidates != 0;
}

static const char *flag_kind_key(cwasm_flag_kind k) {
  switch (k) {
    case CWASM_FLAG_ENUM: return "enum";
    case CWASM_FLAG_NUM: return "num";
    case CWASM_FLAG_BOOL: return "bool";
  }
  return "unknown";
}

/* ------------------------------------------------------- human report */

static void print_text(const char *s, size_t n) { text_write(stdout, s, n, 0); }

static void print_e_flags(uint32_t flags) {
  static const struct { uint32_t bit; const char *name; } bits[] = {
      {CWASM_EF_MODULE, "module"},
      {CWASM_EF_COMPONENT, "component"},
      {CWASM_EF_PULLEY32, "pulley32"},
      {CWASM_EF_PULLEY64, "pulley64"},
  };
  uint32_t rest = flags;
  const char *sep = " (";
  printf("0x%" PRIx32, flags);
  for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
    if (!(flags & bits[i].bit)) continue;
    printf("%s%s", sep, bits[i].name);
    sep = ", ";
    rest &= ~bits[i].bit;
  }
  if (rest) printf("%sother 0x%" PRIx32, sep, rest), sep = ", ";
  if (sep[0] == ',') putchar(')');
  putchar('\n');
}

static void print_release_ranges(uint64_t bits) {
  const char *sep = "";
  for (unsigned m = 0; m < 64; m++) {
    if (!(bits >> m & 1u)) continue;
    unsigned last = m;
    while (last + 1 < 64 && (bits >> (last + 1) & 1u)) last++;
    if (last == m) printf("%sv%u", sep, m);
    else printf("%sv%u-v%u", sep, m, last);
    sep = ", ";
    m = last;
  }
  if (!*sep) fputs("none", stdout);
}

static void human_header(const report *r) {
  const cwasm_elf *e = &r->art.elf;
  const char *mname = machine_name(e->machine);
  cli_label("Class:");
  printf("ELF%u\n", (unsigned)e->elf_class);
  cli_label("Data:");
  printf("%s-endian\n", endian_text(e->endian));
  cli_label("Machine:");
  printf(mname ? "%u (%s)\n" : "%u\n", (unsigned)e->machine, mname);
  cli_label("OS/ABI:");
  printf(e->osabi == CWASM_ELFOSABI_WASMTIME ? "%u (Wasmtime)\n" : "%u\n", (unsigned)e->osabi);
  cli_label("e_flags:");
  print_e_flags(e->flags);
  cli_label("Pulley:");
  if (e->pulley) printf("%u\n", (unsigned)e->pulley);
  else puts("no");
}

static void human_engine(const report *r) {
  const cwasm_engine *g = &r->art.engine;
  cli_label("Engine section:");
  printf("[%" PRIu32 "] offset 0x%" PRIx64 ", size %" PRIu64, g->section.index,
         g->section.offset, g->section.size);
  if (g->count > 1) printf(" (%" PRIu32 " sections with that name)", g->count);
  putchar('\n');
  cli_label("Version:");
  putchar('"');
  text_write(stdout, (const char *)g->version.p, g->version.n, 1);
  puts("\"");
}

static void human_version(const report *r) {
  const cwasm_version *v = &r->art.version;
  cli_label("Version kind:");
  puts(cwasm_version_kind_name(v->kind));
  if (v->kind == CWASM_VERSION_RELEASE || v->kind == CWASM_VERSION_UNKNOWN_RELEASE) {
    cli_label("Release:");
    printf(v->kind == CWASM_VERSION_RELEASE ? "%u\n" : "%u (unknown)\n", (unsigned)v->major);
  }
}

static void human_layout(const report *r) {
  const cwasm_artifact *a = &r->art;
  const char *src = layout_source_text(a->layout_source);
  if (r->layout) {
    cli_label("Layout:");
    /* no source: no layout fitted; this one decoded furthest (the fields shown) */
    printf(src ? "%s\n" : "%s (no layout fits; furthest partial decode)\n", r->layout->name);
  }
  if (src) {
    cli_label("Layout source:");
    if (a->release) printf("%s (rules of v%u)\n", src, (unsigned)a->release->major);
    else puts(src);
  }
  if (candidates_known(r)) {
    cli_label("Candidate releases:");
    print_release_ranges(a->candidates);
    putchar('\n');
  }
}

static void human_flags(const char *title, const cwasm_flag_list *list) {
  cwasm_flag_iter it;
  cwasm_flag f;
  printf("  %s (%" PRIu32 "):\n", title, list->count);
  cwasm_flags_begin(list, &it);
  while (cwasm_flags_next(&it, &f)) {
    fputs("    ", stdout);
    print_text(f.name.p, f.name.n);
    fputs(" = ", stdout);
    if (f.kind == CWASM_FLAG_ENUM) print_text(f.enum_value.p, f.enum_value.n);
    else if (f.kind == CWASM_FLAG_NUM) printf("%u", (unsigned)f.num);
    else fputs(f.boolean ? "true" : "false", stdout);
    putchar('\n');
  }
}

static void human_tunables(const report *r) {
  const cwasm_layout *l = r->layout;
  printf("  Tunables (%s, %u):\n", l->tunables_name, (unsigned)l->tunables_count);
  for (unsigned i = 0; i < l->tunables_count; i++) {
    const cwasm_tunable_info *info = cwasm_tunable_info_of(l->tunables[i]);
    if (!info) continue;
    cli_tval v = cli_tunable_value(info->type, &r->art.meta.tunables.f[info->id]);
    printf("    %s = ", info->name);
    cli_human_tval(&v);
    putchar('\n');
  }
}

static void human_features(const report *r) {
  const cwasm_features *f = &r->art.meta.features;
  const char *names[CLI_FEATURE_NAMES_MAX];
  uint64_t leftover;
  size_t n =
      cli_feature_names(f, r->layout, r->art.release, names, CLI_FEATURE_NAMES_MAX, &leftover);
  printf("  Features (%s): 0x%" PRIx64 "\n", r->layout->features_name, f->bits);
  for (size_t i = 0; i < n; i++) printf("    %s\n", names[i]);
  if (leftover) printf("    unnamed bits 0x%" PRIx64 "\n", leftover);
}

static void human_metadata(const report *r) {
  const cwasm_metadata *m = &r->art.meta;
  if (m->have & CWASM_HAVE_TARGET) {
    cli_label("Target:");
    print_text(m->target.p, m->target.n);
    putchar('\n');
  }
  if (m->have & CWASM_HAVE_SHARED_FLAGS) human_flags("Shared flags", &m->shared_flags);
  if (m->have & CWASM_HAVE_ISA_FLAGS) human_flags("ISA flags", &m->isa_flags);
  if ((m->have & CWASM_HAVE_TUNABLES) && r->layout) human_tunables(r);
  if ((m->have & CWASM_HAVE_FEATURES) && r->layout) human_features(r);
  if (r->has_metadata) {
    cli_label("Trailing bytes:");
    printf("%" PRIu64 "\n", m->trailing_bytes);
  }
}

static void human_warnings(const cwasm_warnings *w) {
  char msg[CLI_DIAG_TEXT_MAX];
  uint32_t n = w->count < CWASM_MAX_WARNINGS ? w->count : CWASM_MAX_WARNINGS;
  printf("  Warnings (%" PRIu32 "):%s\n", w->count + w->dropped, n ? "" : " none");
  for (uint32_t i = 0; i < n; i++) {
    cli_diag_text(&w->items[i], msg, sizeof msg);
    fputs("    ", stdout);
    cli_diag_colored(msg, w->items[i].code, CLI_SGR_WARN);
    putchar('\n');
  }
  if (w->dropped) printf("    (%" PRIu32 " more not recorded)\n", w->dropped);
}

static void human_report(const report *r) {
  const cwasm_artifact *a = &r->art;
  fputs("File: ", stdout);
  print_text(r->path, strlen(r->path));
  putchar('\n');
  cli_label("Status:");
  cli_color(r->io_error ? CLI_SGR_IOERR : r->status == CWASM_OK ? CLI_SGR_GOOD : CLI_SGR_ERROR);
  fputs(status_text(r), stdout);
  cli_color_end();
  putchar('\n');
  if (r->io_error || r->status != CWASM_OK) {
    char msg[CLI_DIAG_TEXT_MAX];
    if (!r->io_error) cli_diag_text(&r->diag, msg, sizeof msg);
    cli_label("Error:");
    puts(r->io_error ? r->io_error : msg);
  }
  if (kind_text(r)) {
    cli_label("Kind:");
    puts(kind_text(r));
  }
  if (r->has_header) human_header(r);
  if (r->has_sections) {
    cli_label("Sections:");
    printf("%" PRIu64 "\n", a->elf.shnum);
  }
  if (r->has_engine) human_engine(r);
  if (r->has_version_kind) human_version(r);
  human_layout(r);
  human_metadata(r);
  if (a->kind == CWASM_KIND_LEGACY && a->legacy_version.p) {
    cli_label("Legacy version:");
    print_text(a->legacy_version.p, a->legacy_version.n);
    putchar('\n');
  }
  if (!r->io_error) human_warnings(&a->warnings);
  putchar('\n');
}

/* --------------------------------------------------------- JSON report */

static void json_opt_u64(json_writer *w, const char *key, bool have, uint64_t v) {
  json_key(w, key);
  if (have) json_u64(w, v);
  else json_null(w);
}

static void json_opt_str(json_writer *w, const char *key, bool have, const char *s, size_t n) {
  json_key(w, key);
  if (have) json_string(w, s, n);
  else json_null(w);
}

static void json_header(json_writer *w, const report *r) {
  const cwasm_elf *e = &r->art.elf;
  bool h = r->has_header;
  json_key(w, "pulley");
  if (h && e->pulley) json_u64(w, e->pulley);
  else json_null(w);
  json_opt_u64(w, "elf_class", h, e->elf_class);
  json_key(w, "endian");
  json_cstring(w, h ? endian_text(e->endian) : NULL);
  json_opt_u64(w, "machine", h, e->machine);
  json_opt_u64(w, "osabi", h, e->osabi);
  json_opt_u64(w, "e_flags", h, e->flags);
  json_opt_u64(w, "sections", r->has_sections, r->art.elf.shnum);
}

static void json_engine(json_writer *w, const report *r) {
  const cwasm_engine *g = &r->art.engine;
  const cwasm_version *v = &r->art.version;
  json_key(w, "engine_section");
  if (!r->has_engine) {
    json_null(w);
  } else {
    json_object_begin(w);
    json_opt_u64(w, "index", true, g->section.index);
    json_opt_u64(w, "offset", true, g->section.offset);
    json_opt_u64(w, "size", true, g->section.size);
    json_opt_u64(w, "count", true, g->count);
    json_object_end(w);
  }
  json_opt_str(w, "version", r->has_engine, (const char *)g->version.p, g->version.n);
  json_key(w, "version_hex"); /* raw bytes, only when the string is not valid UTF-8 */
  if (r->has_version_kind && !v->utf8_valid) json_hex(w, g->version.p, g->version.n);
  else json_null(w);
  json_key(w, "version_kind");
  json_cstring(w, r->has_version_kind ? cwasm_version_kind_name(v->kind) : NULL);
  unsigned rel = version_release(r);
  json_opt_u64(w, "release", rel != 0, rel);
}

static void json_layout(json_writer *w, const report *r) {
  const cwasm_artifact *a = &r->art;
  json_key(w, "layout");
  json_cstring(w, r->layout ? r->layout->name : NULL);
  json_opt_u64(w, "layout_release", a->release != NULL, a->release ? a->release->major : 0);
  json_key(w, "layout_source");
  json_cstring(w, layout_source_text(a->layout_source));
  json_key(w, "candidate_releases");
  if (!candidates_known(r)) {
    json_null(w);
    return;
  }
  json_array_begin(w);
  for (unsigned m = 0; m < 64; m++)
    if (a->candidates >> m & 1u) json_u64(w, m);
  json_array_end(w);
}

static void json_flags(json_writer *w, const char *key, bool have, const cwasm_flag_list *list) {
  cwasm_flag_iter it;
  cwasm_flag f;
  json_key(w, key);
  if (!have) {
    json_null(w);
    return;
  }
  json_array_begin(w);
  cwasm_flags_begin(list, &it);
  while (cwasm_flags_next(&it, &f)) {
    json_array_begin(w);
    json_string(w, f.name.p, f.name.n);
    json_object_begin(w);
    json_key(w, flag_kind_key(f.kind));
    if (f.kind == CWASM_FLAG_ENUM) json_string(w, f.enum_value.p, f.enum_value.n);
    else if (f.kind == CWASM_FLAG_NUM) json_u64(w, f.num);
    else json_bool(w, f.boolean);
    json_object_end(w);
    json_array_end(w);
  }
  json_array_end(w);
}

static void json_tunables(json_writer *w, const report *r) {
  const cwasm_layout *l = r->layout;
  bool have = (r->art.meta.have & CWASM_HAVE_TUNABLES) && l;
  json_key(w, "tunables_layout");
  json_cstring(w, have ? l->tunables_name : NULL);
  json_key(w, "tunables");
  if (!have) {
    json_null(w);
    return;
  }
  json_object_begin(w);
  for (unsigned i = 0; i < l->tunables_count; i++) {
    const cwasm_tunable_info *info = cwasm_tunable_info_of(l->tunables[i]);
    if (!info) continue;
    cli_tval v = cli_tunable_value(info->type, &r->art.meta.tunables.f[info->id]);
    json_key(w, info->name);
    cli_json_tval(w, &v);
  }
  json_object_end(w);
}

static void json_features(json_writer *w, const report *r) {
  const cwasm_features *f = &r->art.meta.features;
  const char *names[CLI_FEATURE_NAMES_MAX];
  uint64_t leftover;
  char raw[24];
  json_key(w, "features");
  if (!(r->art.meta.have & CWASM_HAVE_FEATURES) || !r->layout) {
    json_null(w);
    return;
  }
  size_t n =
      cli_feature_names(f, r->layout, r->art.release, names, CLI_FEATURE_NAMES_MAX, &leftover);
  json_object_begin(w);
  json_key(w, "layout");
  json_cstring(w, r->layout->features_name);
  snprintf(raw, sizeof raw, "0x%" PRIx64, f->bits);
  json_key(w, "raw");
  json_cstring(w, raw);
  json_key(w, "names");
  json_array_begin(w);
  for (size_t i = 0; i < n; i++) json_cstring(w, names[i]);
  json_array_end(w);
  snprintf(raw, sizeof raw, "0x%" PRIx64, leftover);
  json_key(w, "unnamed");
  json_cstring(w, leftover ? raw : NULL);
  json_object_end(w);
}

static void json_metadata(json_writer *w, const report *r) {
  const cwasm_metadata *m = &r->art.meta;
  json_opt_str(w, "target", (m->have & CWASM_HAVE_TARGET) != 0, m->target.p, m->target.n);
  json_flags(w, "shared_flags", (m->have & CWASM_HAVE_SHARED_FLAGS) != 0, &m->shared_flags);
  json_flags(w, "isa_flags", (m->have & CWASM_HAVE_ISA_FLAGS) != 0, &m->isa_flags);
  json_tunables(w, r);
  json_features(w, r);
  json_opt_u64(w, "trailing_bytes", r->has_metadata, m->trailing_bytes);
}

static void json_warnings(json_writer *w, const report *r) {
  cli_json_warnings(w, &r->art.warnings, !r->io_error);
}

static void json_report(const report *r) {
  const cwasm_artifact *a = &r->art;
  json_writer w;
  json_init(&w, stdout);
  json_object_begin(&w);
  json_opt_str(&w, "file", true, r->path, strlen(r->path));
  json_key(&w, "status");
  json_cstring(&w, status_text(r));
  json_key(&w, "error");
  if (r->io_error) cli_json_io_error(&w, r->io_error);
  else if (r->status != CWASM_OK) cli_json_diag(&w, &r->diag);
  else json_null(&w);
  json_key(&w, "kind");
  json_cstring(&w, kind_text(r));
  json_header(&w, r);
  json_engine(&w, r);
  json_layout(&w, r);
  json_metadata(&w, r);
  json_warnings(&w, r);
  json_opt_str(&w, "legacy_version", a->kind == CWASM_KIND_LEGACY && a->legacy_version.p,
               a->legacy_version.p, a->legacy_version.n);
  json_object_end(&w);
  json_newline(&w);
}

/* ------------------------------------------------------------- driver */

void cli_inspect_usage(FILE *out) {
  fputs("usage: cwasm inspect [options] [--] FILE...\n"
        "\n"
        "Decode each Wasmtime precompiled artifact and print what it records: ELF\n"
        "header, engine section, version string, metadata layout, target, Cranelift\n"
        "flags, tunables, WebAssembly features, warnings, and the error if any. Parts\n"
        "decoded before an error are still shown.\n"
        "\n"
        "options:\n"
        "  --json         one JSON object per file per line, in the order given;\n"
        "                 fields not decoded are null; each byte of malformed UTF-8\n"
        "                 in a string is written as \\ufffd (the raw version bytes\n"
        "                 are then also given in \"version_hex\")\n"
        "                 (schema: docs/schemas/inspect.schema.json)\n"
        "  --lenient      turn ambiguities into warnings (CWASM_OPT_LENIENT)\n"
        "  --release N    decode the metadata with the layout of Wasmtime release N\n"
        "                 instead of the one the version string names or inference\n",
        out);
  cli_common_usage(out, CLI_OPTS_FILES);
  fputs("\n"
        "Files are reported in the order given (with -r, a directory's files in\n"
        "byte order of their paths). With more than one file, the human output\n"
        "ends with 'summary: N files: A ok, B malformed (CODE n, ...), C unreadable'.\n"
        "Diagnostics also go to stderr as 'cwasm: FILE: MESSAGE'.\n"
        "\n"
        "exit status:\n"
        "  0   every file decoded (status ok; warnings do not count)\n"
        "  2   some file is malformed or not a current artifact (any error status,\n"
        "      legacy artifacts included), and every file was readable\n"
        "  64  usage error (unknown option, bad --release, no FILE)\n"
        "  66  some file could not be read (missing, unreadable, a directory, a FIFO\n"
        "      or a device); this takes precedence over 2\n"
        "  71  out of memory\n"
        "  74  writing the report failed\n",
        out);
}

/* "cwasm inspect: <what> '<arg>' (try ...)" */
static int usage_error(const char *what, const char *arg) {
  return cli_usage_error("inspect", what, arg);
}

static int parse_release(const char *s, inspect_opts *o) {
  char *end = NULL;
  errno = 0;
  unsigned long v = (s[0] >= '0' && s[0] <= '9') ? strtoul(s, &end, 10) : 0;
  if (!end || *end || errno || v > UINT16_MAX || !cwasm_release_get((unsigned)v))
    return usage_error("--release wants a known Wasmtime major version, not", s);
  o->lib.release = (uint16_t)v;
  return 0;
}

/*
 * Options may come before, between or after the files; "--" ends them.
 * Returns -1 when --help or --version was handled, else 0 or an exit status.
 */
static int parse_args(int argc, char **argv, inspect_opts *o, const char **files, int *nfiles) {
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
    } else if (strcmp(arg, "--release") == 0) {
      if (i + 1 == argc) return usage_error("missing value after", arg);
      if (parse_release(argv[++i], o)) return CLI_EXIT_USAGE;
    } else if (strncmp(arg, "--release=", 10) == 0) {
      if (parse_release(arg + 10, o)) return CLI_EXIT_USAGE;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      cli_inspect_usage(stdout);
      return -1;
    } else {
      int c = cli_common_opt(&o->common, "inspect", CLI_OPTS_FILES, arg);
      if (c == 2) return -1;
      if (c < 0) return CLI_EXIT_USAGE;
      if (c == 0) return usage_error("unknown option", arg);
    }
  }
  if (*nfiles == 0) return usage_error("no FILE given", NULL);
  return 0;
}

/* Decode one file into *r and print it; returns its exit status. */
static int inspect_one(const cli_input *in, const inspect_opts *o, report *r) {
  char io_err[256];
  char msg[CLI_DIAG_TEXT_MAX];
  const char *path = in->path;
  cli_file f;
  int rc = CLI_EXIT_OK;
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
    r->size = f.size;
    r->status = cwasm_parse(f.data, f.size, &o->lib, &r->art, &r->diag);
    if (r->status != CWASM_OK) {
      cli_diag_text(&r->diag, msg, sizeof msg);
      cli_stderr_line(path, msg);
      rc = CLI_EXIT_MALFORMED;
    }
  }
  report_classify(r);
  if (!o->common.quiet) {
    cli_progress_suspend(1);
    if (o->json) json_report(r);
    else human_report(r);
  }
  /* the report holds views into the file: print before unmapping */
  if (!r->io_error) cli_file_close(&f);
  return rc;
}

int cli_inspect_main(int argc, char **argv) {
  inspect_opts o;
  cli_inputs in;
  cli_tally *tally = NULL;
  int nfiles = 0, status = CLI_EXIT_OK;
  memset(&o, 0, sizeof o);
  memset(&in, 0, sizeof in);
  const char **files = malloc(sizeof *files * (size_t)(argc > 0 ? argc : 1));
  report *r = malloc(sizeof *r);
  if (!files || !r) {
    free(files);
    free(r);
    fputs("cwasm inspect: out of memory\n", stderr);
    return CLI_EXIT_OSERR;
  }
  int prc = parse_args(argc, argv, &o, files, &nfiles);
  for (int i = 0; prc == 0 && i < nfiles; i++)
    if (cli_inputs_add(&in, files[i], o.common.recursive) != 0) prc = CLI_EXIT_OSERR;
  if (prc == 0 && !(tally = calloc(1, sizeof *tally))) prc = CLI_EXIT_OSERR;
  if (prc == CLI_EXIT_OSERR) fputs("cwasm inspect: out of memory\n", stderr);
  if (prc == 0) {
    cli_progress progress;
    cli_color_setup(o.json ? CLI_WHEN_NEVER : o.common.color);
    cli_progress_init(&progress, "inspect", &o.common);
    for (size_t i = 0; i < in.n; i++) {
      int rc = inspect_one(&in.v[i], &o, r);
      if (rc == CLI_EXIT_NOINPUT || (rc == CLI_EXIT_MALFORMED && status == CLI_EXIT_OK))
        status = rc;
      cli_tally_add(tally, rc, r->status);
      cli_progress_update(&progress, i + 1, in.n);
    }
    cli_progress_done(&progress);
    if (!o.common.quiet && !o.json && (in.n > 1 || o.common.recursive))
      cli_tally_print(tally, "ok", 0);
  }
  cli_inputs_free(&in);
  free(tally);
  free(files);
  free(r);
  if (prc < 0) return cli_finish(CLI_EXIT_OK);
  if (prc > 0) return prc;
  return cli_finish(status);
}
