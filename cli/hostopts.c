/*
 * The host options of `cwasm check` and `cwasm probe`: which Wasmtime, on
 * which machine, the artifacts are checked against.
 *
 * A host starts from a reference artifact made by the host's own engine
 * (--host-ref: the most exact source) or from the library's built-in default
 * host of a release on this machine; the other options then override parts
 * of it, always in the same order whatever the order on the command line:
 * release, version string, target, CPU features, wasm features, Tunables,
 * version policy, expected kind.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cwasm/cwasm.h"
#include "fileio.h"
#include "json.h"

enum host_opt_id {
  O_REF,
  O_VERSION,
  O_VERSION_STRING,
  O_TARGET,
  O_CPU_FEATURES,
  O_WASM_FEATURES,
  O_TUNABLE,
  O_VERSION_MODE,
  O_ALLOW_VERSION,
  O_EXPECT
};

static const struct {
  const char *name;
  enum host_opt_id id;
} host_options[] = {
    {"--host-ref", O_REF},
    {"--host-version", O_VERSION},
    {"--host-version-string", O_VERSION_STRING},
    {"--host-target", O_TARGET},
    {"--host-features", O_CPU_FEATURES},
    {"--host-wasm-features", O_WASM_FEATURES},
    {"--host-tunable", O_TUNABLE},
    {"--version-mode", O_VERSION_MODE},
    {"--allow-version", O_ALLOW_VERSION},
    {"--expect", O_EXPECT},
};

static const char *const version_mode_names[] = {"exact", "major", "ignore"};

int cli_host_opts_init(cli_host_opts *o, int argc) {
  size_t n = argc > 0 ? (size_t)argc : 1;
  memset(o, 0, sizeof *o);
  o->version_mode = -1;
  o->cpu_features = malloc(n * sizeof *o->cpu_features);
  o->wasm_features = malloc(n * sizeof *o->wasm_features);
  o->tunables = malloc(n * sizeof *o->tunables);
  o->allow = malloc(n * sizeof *o->allow);
  if (!o->cpu_features || !o->wasm_features || !o->tunables || !o->allow) {
    cli_host_opts_free(o);
    return -1;
  }
  return 0;
}

void cli_host_opts_free(cli_host_opts *o) {
  free(o->cpu_features);
  free(o->wasm_features);
  free(o->tunables);
  free(o->allow);
  o->cpu_features = o->wasm_features = o->tunables = o->allow = NULL;
}

/* "N" or "N.M.P" naming a release the library knows. */
static bool release_version(const char *s, cwasm_version *v) {
  cwasm_diag d;
  cwasm_bytes b = {(const uint8_t *)s, strlen(s)};
  return cwasm_version_parse(b, 0, v, &d) == CWASM_OK && v->kind == CWASM_VERSION_RELEASE;
}

int cli_host_opt(cli_host_opts *o, const char *cmd, int argc, char **argv, int *i) {
  const char *arg = argv[*i], *val = NULL;
  size_t k, n = sizeof host_options / sizeof host_options[0];
  for (k = 0; k < n; k++) {
    size_t len = strlen(host_options[k].name);
    if (strncmp(arg, host_options[k].name, len) != 0) continue;
    if (arg[len] == '=') {
      val = arg + len + 1;
      break;
    }
    if (arg[len] == '\0') {
      if (*i + 1 >= argc) {
        cli_usage_error(cmd, "missing value after", arg);
        return -1;
      }
      val = argv[++*i];
      break;
    }
  }
  if (k == n) return 0;
  switch (host_options[k].id) {
    case O_REF: o->ref_path = val; break;
    case O_VERSION: {
      cwasm_version v;
      if (!release_version(val, &v)) {
        cli_usage_error(cmd, "--host-version wants a known Wasmtime release N or N.M.P, not",
                        val);
        return -1;
      }
      o->version = val;
      break;
    }
    case O_VERSION_STRING: o->version_string = val; break;
    case O_TARGET: o->target = val; break;
    case O_CPU_FEATURES: o->cpu_features[o->cpu_features_count++] = val; break;
    case O_WASM_FEATURES: o->wasm_features[o->wasm_features_count++] = val; break;
    case O_TUNABLE: o->tunables[o->tunables_count++] = val; break;
    case O_ALLOW_VERSION: o->allow[o->allow_count++] = val; break;
    case O_VERSION_MODE: {
      int m = -1;
      for (int j = 0; j < 3; j++)
        if (strcmp(val, version_mode_names[j]) == 0) m = j;
      if (m < 0) {
        cli_usage_error(cmd, "--version-mode wants exact, major or ignore, not", val);
        return -1;
      }
      o->version_mode = m;
      break;
    }
    case O_EXPECT:
      if (strcmp(val, "module") == 0) o->expect = CWASM_EXPECT_MODULE;
      else if (strcmp(val, "component") == 0) o->expect = CWASM_EXPECT_COMPONENT;
      else if (strcmp(val, "any") == 0 || strcmp(val, "either") == 0)
        o->expect = CWASM_EXPECT_EITHER;
      else {
        cli_usage_error(cmd, "--expect wants module, component or any, not", val);
        return -1;
      }
      break;
  }
  return 1;
}

void cli_host_opts_usage(FILE *out) {
  fputs("host options (the host starts from --host-ref, else from the built-in\n"
        "default host; the other options then override parts of it):\n"
        "  --host-ref FILE        an artifact made by the host's own engine: its\n"
        "                         release, version string, target, Tunables and wasm\n"
        "                         features (the most exact description of a host)\n"
        "  --host-version N[.M.P] the host runs Wasmtime release N (default: the\n"
        "                         newest tagged release, ",
        out);
  fprintf(out, "%d", CWASM_NEWEST_RELEASE);
  fputs(", on this machine:\n"
        "                         native triple, probed CPU, the release's default\n"
        "                         Tunables and wasm features); N.M.P also gives the\n"
        "                         patch (releases up to 37 write it). With --host-ref\n"
        "                         of another release: keeps the reference's target,\n"
        "                         CPU and version strategy, its Tunables if N reads\n"
        "                         the same metadata layout, its wasm features if N\n"
        "                         also names the same feature bits; otherwise N's\n"
        "                         defaults (a note on stderr says so)\n"
        "  --host-version-string STR  the version string the host compares: the\n"
        "                         release's own form, a custom string\n"
        "                         (ModuleVersionStrategy::Custom), or '' (None: no\n"
        "                         version check)\n"
        "  --host-target TRIPLE   the engine's target (a cross target or pulley32,\n"
        "                         pulley64, ...); a CPU architecture other than the\n"
        "                         current CPU's makes the CPU unknown (ISA rules become\n"
        "                         notes) until --host-features describes it\n"
        "  --host-features LIST   CPU features, e.g. \"+avx2,-avx512f\" (Wasmtime's\n"
        "                         names: sse4.1, avxvnni, lse, paca, ...); on an\n"
        "                         unknown CPU, features not listed are absent\n"
        "  --host-wasm-features LIST  wasm features in the host release's naming,\n"
        "                         e.g. \"+threads,-simd\"\n"
        "  --host-tunable NAME=VALUE  one Tunables field of the host release, e.g.\n"
        "                         consume_fuel=true, collector=Copying,\n"
        "                         memory_reservation=4294967296, NAME=? for unknown\n"
        "                         (repeatable)\n"
        "  --version-mode MODE    exact (Wasmtime's rule, default), major (a release\n"
        "                         string of the same major passes) or ignore\n"
        "  --allow-version STR    also accept this version string (repeatable)\n"
        "  --expect KIND          how the host loads the artifacts: module\n"
        "                         (Module::deserialize), component, or any (default:\n"
        "                         whichever each artifact is)\n",
        out);
}

/* ------------------------------------------------------------ building */

static uint64_t arch_feature_mask(cwasm_arch a) {
  uint64_t m = 0;
  for (int f = 0; f < CWASM_CPU__COUNT; f++)
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) == a) m |= CWASM_CPU_BIT(f);
  return m;
}

/* The CPU architecture of a machine running the engine's target: the
 * target's own for native code, none for Pulley (it runs anywhere). */
static cwasm_arch machine_arch_of_target(const cwasm_host *h) {
  if (!h->have_triple) return CWASM_ARCH_UNKNOWN;
  switch (h->triple.arch) {
    case CWASM_ARCH_X86_64:
    case CWASM_ARCH_AARCH64:
    case CWASM_ARCH_S390X:
    case CWASM_ARCH_RISCV64: return h->triple.arch;
    default: return CWASM_ARCH_UNKNOWN;
  }
}

static void host_note(const char *cmd, const char *msg) {
  fprintf(stderr, "cwasm %s: note: %s\n", cmd, msg);
}

/* The item of a comma-separated list starting at byte `pos`. */
static void list_item(const char *list, size_t pos, char *buf, size_t n) {
  size_t len = strlen(list);
  if (pos > len) pos = len;
  size_t end = pos;
  while (end < len && list[end] != ',') end++;
  snprintf(buf, n, "%.*s", (int)(end - pos), list + pos);
}

static int load_reference(const char *path, const cwasm_options *lib, const char *cmd,
                          cli_host *out) {
  char err[256], msg[CLI_DIAG_TEXT_MAX];
  cwasm_diag d;
  if (cli_file_open(path, &out->ref_file, err, sizeof err) != 0) {
    fprintf(stderr, "cwasm %s: --host-ref ", cmd);
    text_write(stderr, path, strlen(path), 0);
    fprintf(stderr, ": %s\n", err);
    return CLI_EXIT_NOINPUT;
  }
  out->ref = calloc(1, sizeof *out->ref);
  if (!out->ref) {
    fprintf(stderr, "cwasm %s: out of memory\n", cmd);
    return CLI_EXIT_OSERR;
  }
  cwasm_status st = cwasm_parse(out->ref_file.data, out->ref_file.size, lib, out->ref, &d);
  const char *what = "malformed reference artifact";
  if (st == CWASM_OK) {
    st = cwasm_host_from_reference(out->ref, NULL, &out->host, &d);
    what = "cannot describe a host from this reference";
  }
  if (st != CWASM_OK) {
    cli_diag_text(&d, msg, sizeof msg);
    fprintf(stderr, "cwasm %s: --host-ref ", cmd);
    text_write(stderr, path, strlen(path), 0);
    fprintf(stderr, ": %s: %s\n", what, msg);
    return CLI_EXIT_MALFORMED;
  }
  out->ref_path = path;
  return CLI_EXIT_OK;
}

/* Whether two releases name the same wasm feature bits the same way (struct
 * era: the layout alone decides, bit sets: the wasmparser tables). */
static bool same_feature_bits(const cwasm_release *a, const cwasm_release *b) {
  if (a->feature_bits == b->feature_bits) return true;
  if (!a->feature_bits || !b->feature_bits || a->feature_bits_count != b->feature_bits_count)
    return false;
  for (unsigned i = 0; i < a->feature_bits_count; i++)
    if (a->feature_bits[i].mask != b->feature_bits[i].mask ||
        strcmp(a->feature_bits[i].name, b->feature_bits[i].name) != 0)
      return false;
  return true;
}

/*
 * A reference host moved to another release: what describes the machine and
 * the embedder's choices stays; Tunables and wasm features, stored in the
 * release's own layout, stay only when the new release reads the same one.
 */
static int change_release(cwasm_host *h, uint16_t release, const char *cmd) {
  cwasm_host d;
  char note[240];
  if (cwasm_host_default(release, &d) != CWASM_OK) {
    fprintf(stderr, "cwasm %s: no built-in host for release %u\n", cmd, (unsigned)release);
    return CLI_EXIT_USAGE;
  }
  const cwasm_release *ro = cwasm_release_get(h->release), *rn = cwasm_release_get(release);
  d.expect = h->expect;
  d.have_triple = h->have_triple;
  d.triple = h->triple;
  d.pointer_width = h->pointer_width;
  d.endian = h->endian;
  d.cpu_mode = h->cpu_mode;
  d.cpu = h->cpu;
  d.gc_cargo_feature = h->gc_cargo_feature;
  if (h->strategy != CWASM_STRATEGY_DEFAULT) {
    d.strategy = h->strategy;
    memcpy(d.version, h->version, sizeof d.version);
    d.version_len = h->version_len;
    d.version_known = h->version_known;
  }
  bool same_layout = ro && rn && ro->layout == rn->layout;
  if (same_layout) d.tunables = h->tunables;
  if (same_layout && same_feature_bits(ro, rn)) {
    d.have_features = h->have_features;
    d.features = h->features;
  }
  if (!same_layout || !same_feature_bits(ro, rn)) {
    snprintf(note, sizeof note, "%s of Wasmtime %u %s release %u's defaults",
             same_layout ? "the wasm feature bits" : "the metadata layout",
             (unsigned)release,
             same_layout ? "differ from the reference's: wasm features are"
                         : "differs from the reference's: Tunables and wasm features are",
             (unsigned)release);
    host_note(cmd, note);
  }
  d.origin = h->origin;
  *h = d;
  return CLI_EXIT_OK;
}

static int set_version_string(cwasm_host *h, const char *s, const char *cmd) {
  cwasm_version v;
  cwasm_version_strategy strat = CWASM_STRATEGY_CUSTOM;
  if (s[0] == '\0') strat = CWASM_STRATEGY_NONE;
  else if (release_version(s, &v) && v.major == h->release) strat = CWASM_STRATEGY_DEFAULT;
  if (cwasm_host_set_version(h, strat, strat == CWASM_STRATEGY_NONE ? NULL : s) != CWASM_OK)
    return cli_usage_error(cmd, "--host-version-string is too long (255 bytes at most):", s);
  return CLI_EXIT_OK;
}

static int set_target(cwasm_host *h, const char *triple, bool cpu_given, const char *cmd) {
  char note[160];
  if (cwasm_host_set_target(h, triple) != CWASM_OK) {
    cwasm_triple t;
    char what[sizeof t.error + 32];
    memset(&t, 0, sizeof t);
    if (cwasm_triple_parse(triple, strlen(triple), &t) == CWASM_OK) t.error[0] = '\0';
    snprintf(what, sizeof what, "--host-target: %s:", t.error[0] ? t.error : "bad triple");
    return cli_usage_error(cmd, what, triple);
  }
  cwasm_arch a = machine_arch_of_target(h);
  if (a == CWASM_ARCH_UNKNOWN || a == h->cpu.arch) return CLI_EXIT_OK;
  /* Another machine: what this one's probe says does not describe it. */
  memset(&h->cpu, 0, sizeof h->cpu);
  h->cpu.arch = a;
  h->cpu.all_present = a == CWASM_ARCH_RISCV64; /* Wasmtime's riscv64 probe */
  h->cpu_mode = h->cpu.all_present ? CWASM_CPU_MODE_PROBE : CWASM_CPU_MODE_UNKNOWN;
  if (!cpu_given && !h->cpu.all_present) {
    snprintf(note, sizeof note,
             "the %s host's CPU features are unknown (give them with --host-features)",
             cwasm_arch_name(a));
    host_note(cmd, note);
  }
  return CLI_EXIT_OK;
}

static int set_cpu_features(cwasm_host *h, const char *list, const char *cmd) {
  cwasm_host_cpu cpu = h->cpu;
  size_t pos = 0;
  char item[64], what[128];
  if (h->cpu_mode == CWASM_CPU_MODE_UNKNOWN) {
    /* Described by the user alone: what the list does not name is absent. */
    cpu.known |= arch_feature_mask(cpu.arch);
    cpu.present &= cpu.known;
  }
  if (cwasm_host_cpu_parse_features(list, &cpu, &pos) != CWASM_OK) {
    list_item(list, pos, item, sizeof item);
    snprintf(what, sizeof what, "--host-features: not a CPU feature of the %s host:",
             cwasm_arch_name(cpu.arch));
    return cli_usage_error(cmd, what, item);
  }
  h->cpu = cpu;
  if (h->cpu_mode == CWASM_CPU_MODE_UNKNOWN) h->cpu_mode = CWASM_CPU_MODE_PROBE;
  return CLI_EXIT_OK;
}

int cli_host_build(const cli_host_opts *o, const cwasm_options *lib, const char *cmd,
                   cli_host *out) {
  cwasm_host *h = &out->host;
  cwasm_version v;
  uint16_t release = CWASM_NEWEST_RELEASE;
  int rc;
  memset(out, 0, sizeof *out);
  memset(&v, 0, sizeof v);
  if (o->version && release_version(o->version, &v)) release = v.major;

  if (o->ref_path) {
    if ((rc = load_reference(o->ref_path, lib, cmd, out)) != CLI_EXIT_OK) return rc;
    if (o->version && release != h->release && (rc = change_release(h, release, cmd)) != 0)
      return rc;
  } else if (cwasm_host_default(release, h) != CWASM_OK) {
    fprintf(stderr, "cwasm %s: no built-in host for release %u\n", cmd, (unsigned)release);
    return CLI_EXIT_USAGE;
  }

  /* N.M.P of a release that writes the full version: the exact string. */
  const cwasm_release *rel = cwasm_release_get(h->release);
  if (o->version && v.full_form && rel && rel->version_full &&
      h->strategy == CWASM_STRATEGY_DEFAULT &&
      cwasm_host_set_version(h, CWASM_STRATEGY_DEFAULT, o->version) != CWASM_OK)
    return cli_usage_error(cmd, "bad --host-version", o->version);
  if (o->version_string && (rc = set_version_string(h, o->version_string, cmd)) != 0) return rc;
  if (o->target && (rc = set_target(h, o->target, o->cpu_features_count > 0, cmd)) != 0)
    return rc;
  for (size_t i = 0; i < o->cpu_features_count; i++)
    if ((rc = set_cpu_features(h, o->cpu_features[i], cmd)) != 0) return rc;
  for (size_t i = 0; i < o->wasm_features_count; i++) {
    size_t pos = 0;
    char item[64], what[128];
    if (cwasm_host_parse_features(h, o->wasm_features[i], &pos) != CWASM_OK) {
      list_item(o->wasm_features[i], pos, item, sizeof item);
      snprintf(what, sizeof what, "--host-wasm-features: not a wasm feature of release %u:",
               (unsigned)h->release);
      return cli_usage_error(cmd, what, item);
    }
  }
  for (size_t i = 0; i < o->tunables_count; i++) {
    char what[128];
    if (cwasm_host_set_tunable(h, o->tunables[i]) != CWASM_OK) {
      snprintf(what, sizeof what,
               "--host-tunable: not a Tunables field of release %u with a value of its type:",
               (unsigned)h->release);
      return cli_usage_error(cmd, what, o->tunables[i]);
    }
  }
  if (o->version_mode >= 0) h->version_mode = (cwasm_version_mode)o->version_mode;
  if (o->allow_count) {
    h->version_allow = o->allow;
    h->version_allow_count = o->allow_count;
  }
  h->expect = o->expect ? (cwasm_expect_kind)o->expect : CWASM_EXPECT_EITHER;
  return CLI_EXIT_OK;
}

void cli_host_free(cli_host *h) {
  free(h->ref);
  h->ref = NULL;
  cli_file_close(&h->ref_file);
}

/* ------------------------------------------------------------- summary */

static const char *strategy_name(cwasm_version_strategy s) {
  switch (s) {
    case CWASM_STRATEGY_DEFAULT: return "default";
    case CWASM_STRATEGY_CUSTOM: return "custom";
    case CWASM_STRATEGY_NONE: return "none";
  }
  return "unknown";
}

static const char *version_mode_name(cwasm_version_mode m) {
  return (unsigned)m < 3 ? version_mode_names[m] : "unknown";
}

static const char *origin_name(cwasm_host_origin o) {
  switch (o) {
    case CWASM_HOST_MANUAL: return "manual";
    case CWASM_HOST_DEFAULTS: return "default";
    case CWASM_HOST_REFERENCE: return "reference";
  }
  return "unknown";
}

static const char *cpu_mode_name(cwasm_cpu_mode m) {
  switch (m) {
    case CWASM_CPU_MODE_UNKNOWN: return "unknown";
    case CWASM_CPU_MODE_PROBE: return "probe";
    case CWASM_CPU_MODE_NO_PROBE: return "no_probe";
  }
  return "unknown";
}

static const char *endian_name(uint8_t e) {
  return e == CWASM_LITTLE ? "little" : e == CWASM_BIG ? "big" : NULL;
}

static const char *tristate_name(cwasm_tristate t) {
  return t == CWASM_YES ? "yes" : t == CWASM_NO ? "no" : "unknown";
}

static bool cpu_has(const cwasm_host_cpu *c, int f) {
  uint64_t bit = CWASM_CPU_BIT(f);
  return (c->known & bit) && (c->present & bit);
}

/* The host's triple as target-lexicon prints it, or "" without one. */
static void host_triple_text(const cwasm_host *h, char *buf, size_t n) {
  buf[0] = '\0';
  if (h->have_triple) (void)cwasm_triple_format(&h->triple, buf, n);
}

static size_t host_wasm_feature_names(const cwasm_host *h, const char **names, uint64_t *left) {
  const cwasm_release *rel = cwasm_release_get(h->release);
  return cli_feature_names(&h->features, rel ? rel->layout : NULL, rel, names,
                           CLI_FEATURE_NAMES_MAX, left);
}

static const cwasm_layout *host_layout(const cwasm_host *h) {
  const cwasm_release *rel = cwasm_release_get(h->release);
  return rel ? rel->layout : NULL;
}

void cli_host_json(json_writer *w, const cli_host *ch, int full) {
  const cwasm_host *h = &ch->host;
  char triple[160];
  const char *names[CLI_FEATURE_NAMES_MAX];
  uint64_t left = 0;
  json_object_begin(w);
  json_key(w, "release");
  json_u64(w, h->release);
  json_key(w, "version"); /* null: no version check, or the patch is not known */
  if (h->strategy == CWASM_STRATEGY_NONE || !h->version_known) json_null(w);
  else json_string(w, h->version, h->version_len);
  json_key(w, "version_known");
  json_bool(w, h->version_known != 0);
  json_key(w, "strategy");
  json_cstring(w, strategy_name(h->strategy));
  json_key(w, "version_mode");
  json_cstring(w, version_mode_name(h->version_mode));
  json_key(w, "allow_versions");
  json_array_begin(w);
  for (size_t i = 0; i < h->version_allow_count; i++) json_cstring(w, h->version_allow[i]);
  json_array_end(w);
  json_key(w, "expect");
  json_cstring(w, cwasm_expect_kind_name(h->expect));
  host_triple_text(h, triple, sizeof triple);
  json_key(w, "target");
  json_cstring(w, h->have_triple ? triple : NULL);
  json_key(w, "pointer_width");
  if (h->pointer_width) json_u64(w, h->pointer_width);
  else json_null(w);
  json_key(w, "endian");
  json_cstring(w, endian_name(h->endian));
  json_key(w, "origin");
  json_cstring(w, origin_name(h->origin));
  json_key(w, "reference");
  json_cstring(w, ch->ref_path);
  json_key(w, "defaults_exact");
  if (h->origin == CWASM_HOST_DEFAULTS) json_bool(w, h->defaults_exact != 0);
  else json_null(w);
  json_key(w, "cpu_arch");
  json_cstring(w, cwasm_arch_name(h->cpu.arch));
  json_key(w, "cpu_mode");
  json_cstring(w, cpu_mode_name(h->cpu_mode));
  json_key(w, "cpu_all_present");
  json_bool(w, h->cpu.all_present != 0);
  json_key(w, "cpu_features");
  json_array_begin(w);
  for (int f = 0; f < CWASM_CPU__COUNT; f++)
    if (cpu_has(&h->cpu, f)) json_cstring(w, cwasm_cpu_feature_name((cwasm_cpu_feature)f));
  json_array_end(w);
  json_key(w, "gc_cargo_feature");
  if (h->gc_cargo_feature == CWASM_UNKNOWN) json_null(w);
  else json_bool(w, h->gc_cargo_feature == CWASM_YES);
  json_key(w, "wasm_features");
  if (!h->have_features) {
    json_null(w);
  } else {
    size_t n = host_wasm_feature_names(h, names, &left);
    json_array_begin(w);
    for (size_t i = 0; i < n; i++) json_cstring(w, names[i]);
    json_array_end(w);
  }
  const cwasm_layout *l = host_layout(h);
  if (full && l) {
    json_key(w, "tunables_layout");
    json_cstring(w, l->tunables_name);
    json_key(w, "tunables"); /* fields the host does not know are left out */
    json_object_begin(w);
    for (unsigned i = 0; i < l->tunables_count; i++) {
      const cwasm_tunable_info *info = cwasm_tunable_info_of(l->tunables[i]);
      if (!info || !h->tunables.f[info->id].present) continue;
      cli_tval tv = cli_tunable_value(info->type, &h->tunables.f[info->id]);
      json_key(w, info->name);
      cli_json_tval(w, &tv);
    }
    json_object_end(w);
  }
  json_object_end(w);
}

static void print_version(const cwasm_host *h) {
  switch (h->strategy) {
    case CWASM_STRATEGY_NONE: fputs("none (no version check)", stdout); return;
    case CWASM_STRATEGY_CUSTOM: fputs("custom ", stdout); break;
    case CWASM_STRATEGY_DEFAULT:
      if (!h->version_known) {
        printf("%u.?.? (patch unknown: only the major is compared)", (unsigned)h->release);
        return;
      }
      break;
  }
  putchar('"');
  text_write(stdout, h->version, h->version_len, 1);
  putchar('"');
}

static void print_origin(const cli_host *ch) {
  const cwasm_host *h = &ch->host;
  if (h->origin == CWASM_HOST_REFERENCE && ch->ref_path) {
    fputs("reference ", stdout);
    text_write(stdout, ch->ref_path, strlen(ch->ref_path), 0);
  } else if (h->origin == CWASM_HOST_DEFAULTS) {
    printf("built-in defaults (%s)", h->defaults_exact ? "exact" : "derived");
  } else {
    fputs(origin_name(h->origin), stdout);
  }
}

void cli_host_oneline(const cli_host *ch) {
  const cwasm_host *h = &ch->host;
  char triple[160];
  printf("host: Wasmtime %u, version ", (unsigned)h->release);
  print_version(h);
  host_triple_text(h, triple, sizeof triple);
  fputs(", target ", stdout);
  const char *target = h->have_triple ? triple : "unknown";
  text_write(stdout, target, strlen(target), 0);
  fputs(", ", stdout);
  print_origin(ch);
  putchar('\n');
}

void cli_host_human(const cli_host *ch, int full) {
  const cwasm_host *h = &ch->host;
  char triple[160];
  const char *names[CLI_FEATURE_NAMES_MAX];
  uint64_t left = 0;
  printf("Host: Wasmtime %u\n", (unsigned)h->release);
  cli_label("Source:");
  print_origin(ch);
  putchar('\n');
  cli_label("Release:");
  printf("%u\n", (unsigned)h->release);
  cli_label("Version:");
  print_version(h);
  putchar('\n');
  cli_label("Version mode:");
  puts(version_mode_name(h->version_mode));
  for (size_t i = 0; i < h->version_allow_count; i++) {
    cli_label("Also accepted:");
    putchar('"');
    text_write(stdout, h->version_allow[i], strlen(h->version_allow[i]), 1);
    puts("\"");
  }
  cli_label("Expects:");
  puts(cwasm_expect_kind_name(h->expect));
  cli_label("Target:");
  host_triple_text(h, triple, sizeof triple);
  if (h->have_triple) text_write(stdout, triple, strlen(triple), 0);
  else fputs("unknown", stdout);
  putchar('\n');
  cli_label("Pointer width:");
  if (h->pointer_width) printf("%u\n", (unsigned)h->pointer_width);
  else puts("unknown");
  cli_label("Byte order:");
  if (endian_name(h->endian)) printf("%s-endian\n", endian_name(h->endian));
  else puts("unknown");
  cli_label("CPU:");
  printf("%s, %s", cwasm_arch_name(h->cpu.arch), cpu_mode_name(h->cpu_mode));
  if (h->cpu.all_present) fputs(", every feature present", stdout);
  putchar('\n');
  cli_label("CPU features:");
  const char *sep = "";
  for (int f = 0; f < CWASM_CPU__COUNT; f++) {
    if (!cpu_has(&h->cpu, f)) continue;
    printf("%s%s", sep, cwasm_cpu_feature_name((cwasm_cpu_feature)f));
    sep = " ";
  }
  puts(*sep ? "" : "none");
  cli_label("gc Cargo feature:");
  puts(tristate_name(h->gc_cargo_feature));
  cli_label("Wasm features:");
  if (!h->have_features) {
    puts("unknown");
  } else {
    size_t n = host_wasm_feature_names(h, names, &left);
    for (size_t i = 0; i < n; i++) printf("%s%s", i ? " " : "", names[i]);
    puts(n ? "" : "none");
  }
  const cwasm_layout *l = host_layout(h);
  if (full && l) {
    printf("  Tunables (%s, %u):\n", l->tunables_name, (unsigned)l->tunables_count);
    for (unsigned i = 0; i < l->tunables_count; i++) {
      const cwasm_tunable_info *info = cwasm_tunable_info_of(l->tunables[i]);
      if (!info) continue;
      printf("    %s = ", info->name);
      if (h->tunables.f[info->id].present) {
        cli_tval tv = cli_tunable_value(info->type, &h->tunables.f[info->id]);
        cli_human_tval(&tv);
      } else {
        fputs("unknown", stdout);
      }
      putchar('\n');
    }
  }
}
