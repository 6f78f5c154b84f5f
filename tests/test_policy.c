/*
 * The policy checker against Wasmtime's own acceptance scenarios
 * (serialization.rs unit tests and the rules of spec §2.4, §3.2, §6): every
 * test builds an artifact that differs from a compatible baseline in one
 * (or a few) places and expects exactly Wasmtime's finding and message for
 * the release used.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwasm/cwasm.h"
#include "elfbuild.h"
#include "metabuild.h"
#include "forged_elf.h"

#define T(x) CWASM_T_##x
#define MAXF 96

/* ------------------------------------------------------------ building */

typedef struct spec {
  uint16_t release;
  char version[300];
  char target[96];
  cwasm_default_flag shared[MAXF];
  uint32_t nshared;
  cwasm_default_flag isa[MAXF];
  uint32_t nisa;
  cwasm_tunables tun;
  uint64_t features;
  uint32_t e_flags;
  bool big_endian;
  const cwasm_layout *layout; /* NULL: the release's */
} spec;

typedef struct built {
  uint8_t *img;
  size_t len;
  cwasm_artifact a;
} built;

static cwasm_report g_report; /* 60 KiB: kept off the test's stack */

static cwasm_host_cpu cpu_all(cwasm_arch arch) {
  cwasm_host_cpu c;
  memset(&c, 0, sizeof c);
  c.arch = arch;
  if (arch == CWASM_ARCH_RISCV64) c.all_present = 1;
  for (int f = 0; f < CWASM_CPU__COUNT; f++)
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) == arch) c.known |= CWASM_CPU_BIT(f);
  c.present = c.known;
  return c;
}

static void spec_for(spec *s, uint16_t release, cwasm_arch arch) {
  cwasm_defaults d;
  cwasm_host_cpu cpu = cpu_all(arch);
  memset(s, 0, sizeof *s);
  assert_int_equal(cwasm_defaults_get(release, arch, &cpu, &d), CWASM_OK);
  s->release = release;
  snprintf(s->version, sizeof s->version, "%s", d.version);
  snprintf(s->target, sizeof s->target, "%s", cwasm_defaults_target(arch));
  memcpy(s->shared, d.shared, d.shared_count * sizeof d.shared[0]);
  s->nshared = d.shared_count;
  memcpy(s->isa, d.isa, d.isa_count * sizeof d.isa[0]);
  s->nisa = d.isa_count;
  s->tun = d.tunables;
  s->features = d.features.bits;
  s->e_flags = CWASM_EF_MODULE;
  s->big_endian = arch == CWASM_ARCH_S390X || arch == CWASM_ARCH_PULLEY32BE || arch == CWASM_ARCH_PULLEY64BE;
}

static void spec_x86(spec *s, uint16_t release) { spec_for(s, release, CWASM_ARCH_X86_64); }

static size_t engine_bytes(const spec *s, uint8_t *out, size_t cap) {
  static uint8_t meta[16384];
  mb m;
  mb_values vals;
  const cwasm_layout *l = s->layout ? s->layout : cwasm_release_get(s->release)->layout;
  mb_init(&m, meta, sizeof meta, l->codec);
  mb_values_from_tunables(&s->tun, &vals);
  mb_metadata_flags(&m, l, s->target, s->shared, s->nshared, s->isa, s->nisa, &vals, s->features, NULL);
  assert_false(m.overflow);
  return mb_engine(out, cap, s->version, meta, m.n);
}

static void build_engine(built *b, const uint8_t *engine, size_t n, uint32_t e_flags, bool big) {
  cwasm_options opt;
  cwasm_diag d;
  memset(&opt, 0, sizeof opt);
  opt.flags = CWASM_OPT_LENIENT;
  assert_int_equal(eb_artifact(&b->img, &b->len, engine, n, e_flags, big), 0);
  cwasm_status st = cwasm_parse(b->img, b->len, &opt, &b->a, &d);
  if (st != CWASM_OK) {
    char msg[256];
    cwasm_diag_format(&d, msg, sizeof msg);
    fail_msg("parse: %s", msg);
  }
}

static void build(const spec *s, built *b) {
  static uint8_t engine[20000];
  size_t n = engine_bytes(s, engine, sizeof engine);
  assert_true(n > 0);
  build_engine(b, engine, n, s->e_flags, s->big_endian);
}

static void done(built *b) { free(b->img); }

/* A host of `release` on x86_64 Linux with every CPU feature, gc compiled
 * in, and the release's default Tunables and features. */
static void host_for(cwasm_host *h, uint16_t release, cwasm_arch arch) {
  cwasm_defaults d;
  assert_int_equal(cwasm_host_init(release, h), CWASM_OK);
  assert_int_equal(cwasm_host_set_target(h, cwasm_defaults_target(arch)), CWASM_OK);
  h->cpu = cpu_all(arch == CWASM_ARCH_X86_64 || arch == CWASM_ARCH_AARCH64 || arch == CWASM_ARCH_S390X ||
                           arch == CWASM_ARCH_RISCV64
                       ? arch
                       : CWASM_ARCH_X86_64);
  h->cpu_mode = CWASM_CPU_MODE_PROBE;
  h->gc_cargo_feature = CWASM_YES;
  assert_int_equal(cwasm_defaults_get(release, arch, NULL, &d), CWASM_OK);
  h->tunables = d.tunables;
  h->features = d.features;
  h->have_features = 1;
  assert_int_equal(cwasm_host_set_version(h, CWASM_STRATEGY_DEFAULT, d.version), CWASM_OK);
}

static void host_x86(cwasm_host *h, uint16_t release) { host_for(h, release, CWASM_ARCH_X86_64); }

static void dump(const cwasm_report *r) {
  char line[512];
  for (uint32_t i = 0; i < r->count; i++) {
    const cwasm_finding *f = &r->items[i];
    cwasm_finding_format(f, line, sizeof line);
    print_message("  [%s %s %s] %s | %s | %s | %s\n", cwasm_item_kind_name(f->kind), cwasm_status_name(f->code),
                  cwasm_check_stage_name(f->stage), f->field, f->artifact, f->host, line);
  }
}

static cwasm_report *check(const built *b, const cwasm_host *h) {
  memset(&g_report, 0xa5, sizeof g_report); /* every field must be written */
  assert_int_equal(cwasm_check(&b->a, h, &g_report), CWASM_OK);
  assert_int_equal(g_report.compatible, g_report.findings == 0);
  return &g_report;
}

static void expect_compatible(const cwasm_report *r) {
  if (!r->compatible || r->notes) {
    dump(r);
    fail_msg("expected compatible without notes: %u findings, %u notes", r->findings, r->notes);
  }
}

static const cwasm_finding *nth(const cwasm_report *r, cwasm_item_kind kind, uint32_t n) {
  for (uint32_t i = 0; i < r->count; i++)
    if (r->items[i].kind == kind && n-- == 0) return &r->items[i];
  return NULL;
}

/* Exactly one finding, with this code and message (and this context). */
static const cwasm_finding *expect_one(const cwasm_report *r, cwasm_status code, const char *message) {
  const cwasm_finding *f = nth(r, CWASM_ITEM_FINDING, 0);
  if (r->findings != 1 || !f || f->code != code || strcmp(f->message, message) != 0) {
    dump(r);
    fail_msg("expected exactly one %s: %s", cwasm_status_name(code), message);
  }
  return f;
}

static uint32_t count_code(const cwasm_report *r, cwasm_status code) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < r->count; i++) n += r->items[i].code == code;
  return n;
}

static cwasm_default_flag *flag_in(cwasm_default_flag *l, uint32_t *n, const char *name) {
  for (uint32_t i = 0; i < *n; i++)
    if (strcmp(l[i].name, name) == 0) return &l[i];
  assert_true(*n < MAXF);
  memset(&l[*n], 0, sizeof l[*n]);
  l[*n].name = name;
  return &l[(*n)++];
}

static void set_bool(cwasm_default_flag *l, uint32_t *n, const char *name, int v) {
  cwasm_default_flag *f = flag_in(l, n, name);
  f->kind = CWASM_FLAG_BOOL;
  f->boolean = (uint8_t)v;
}

static void set_enum(cwasm_default_flag *l, uint32_t *n, const char *name, const char *v) {
  cwasm_default_flag *f = flag_in(l, n, name);
  f->kind = CWASM_FLAG_ENUM;
  f->enum_value = v;
}

static uint64_t fmask(uint16_t release, const char *name) {
  const cwasm_release *r = cwasm_release_get(release);
  const cwasm_layout *l = r->layout;
  if (l->features == CWASM_FEATURES_BOOLS) {
    for (unsigned i = 0; i < l->feature_bools_count; i++)
      if (strcmp(l->feature_bools[i], name) == 0) return (uint64_t)1 << i;
  } else {
    for (unsigned i = 0; i < r->feature_bits_count; i++)
      if (strcmp(r->feature_bits[i].name, name) == 0) return r->feature_bits[i].mask;
  }
  fail_msg("no feature %s in v%u", name, release);
  return 0;
}

/* ----------------------------------------------------- the baseline */

/* Defaults of every release, on every architecture family, against a host
 * of the same release: compatible, with no note. This is what makes every
 * other test's single difference the only reason. */
static void test_defaults_compatible_everywhere(void **state) {
  (void)state;
  static const cwasm_arch arches[] = {CWASM_ARCH_X86_64, CWASM_ARCH_AARCH64, CWASM_ARCH_S390X,
                                      CWASM_ARCH_RISCV64, CWASM_ARCH_PULLEY32, CWASM_ARCH_PULLEY64,
                                      CWASM_ARCH_PULLEY32BE, CWASM_ARCH_PULLEY64BE};
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    for (size_t a = 0; a < sizeof arches / sizeof arches[0]; a++) {
      spec s;
      built b;
      cwasm_host h;
      bool pulley = arches[a] >= CWASM_ARCH_PULLEY32;
      if (pulley && r < 28) continue; /* Pulley targets exist from v28 */
      spec_for(&s, r, arches[a]);
      build(&s, &b);
      host_for(&h, r, arches[a]);
      cwasm_report *rep = check(&b, &h);
      if (!rep->compatible || rep->notes) {
        dump(rep);
        fail_msg("v%u arch %d: default artifact not compatible with default host", r, arches[a]);
      }
      done(&b);
    }
  }
}

/* The built-in default host of v48 on this machine accepts what the v48
 * defaults (with this CPU's ISA answers) produce. */
static void test_builtin_default_host_v48(void **state) {
  (void)state;
#if defined(__x86_64__) && defined(__linux__)
  cwasm_host h;
  cwasm_defaults d;
  spec s;
  built b;
  assert_int_equal(cwasm_host_default(48, &h), CWASM_OK);
  assert_int_equal(h.origin, CWASM_HOST_DEFAULTS);
  assert_int_equal(h.defaults_exact, 1);
  assert_string_equal(h.version, "48");
  assert_int_equal(h.cpu_mode, CWASM_CPU_MODE_PROBE);
  assert_int_equal(cwasm_defaults_get(48, CWASM_ARCH_X86_64, &h.cpu, &d), CWASM_OK);
  memset(&s, 0, sizeof s);
  s.release = 48;
  snprintf(s.version, sizeof s.version, "%s", d.version);
  snprintf(s.target, sizeof s.target, "x86_64-unknown-linux-gnu");
  memcpy(s.shared, d.shared, sizeof d.shared);
  s.nshared = d.shared_count;
  memcpy(s.isa, d.isa, sizeof d.isa);
  s.nisa = d.isa_count;
  s.tun = d.tunables;
  s.features = d.features.bits;
  s.e_flags = CWASM_EF_MODULE;
  build(&s, &b);
  expect_compatible(check(&b, &h));
  /* and the same artifact is not accepted by the default host of v47 */
  assert_int_equal(cwasm_host_default(47, &h), CWASM_OK);
  cwasm_report *r = check(&b, &h);
  assert_false(r->compatible);
  assert_int_equal(nth(r, CWASM_ITEM_FINDING, 0)->code, CWASM_F_VERSION);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->message, "Module was compiled with incompatible version '48'");
  done(&b);
#else
  skip();
#endif
}

/* Wasmtime's own unit tests of check_compatible (serialization.rs), as they
 * read in recent releases and, where the wording differed, in older ones. */
static void test_wasmtime_unit_tests(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  char line[300];
  /* test_architecture_mismatch: "unknown-generic-linux" */
  spec_x86(&s, 48);
  snprintf(s.target, sizeof s.target, "unknown-generic-linux");
  build(&s, &b);
  host_x86(&h, 48);
  expect_one(check(&b, &h), CWASM_F_ARCH, "Module was compiled for architecture 'unknown'");
  done(&b);
  /* test_os_mismatch: "<host arch>-generic-unknown" */
  snprintf(s.target, sizeof s.target, "x86_64-generic-unknown");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_OS, "Module was compiled for operating system 'unknown'");
  done(&b);
  /* test_cranelift_flags_mismatch: a pushed preserve_frame_pointers = false */
  spec_x86(&s, 48);
  s.shared[s.nshared].name = "preserve_frame_pointers";
  s.shared[s.nshared].kind = CWASM_FLAG_BOOL;
  s.shared[s.nshared++].boolean = 0;
  build(&s, &b);
  cwasm_finding_format(expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                                  "setting \"preserve_frame_pointers\" is configured to Bool(false) which is not "
                                  "supported"),
                       line, sizeof line);
  assert_non_null(strstr(line, "compilation settings of module incompatible with native host"));
  done(&b);
  /* test_isa_flags_mismatch: not_a_flag, v21+ and the older wording */
  spec_x86(&s, 48);
  set_bool(s.isa, &s.nisa, "not_a_flag", 1);
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "don't know how to test for target-specific flag \"not_a_flag\" at runtime");
  done(&b);
  /* test_tunables_int_mismatch: memory_guard_size = 0 (v27+), static guard (v3-v26) */
  spec_x86(&s, 48);
  s.tun.f[T(MEMORY_GUARD_SIZE)].value = 0;
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "Module was compiled with a memory guard size of '0' but '33554432' is expected for the host");
  done(&b);
  spec_x86(&s, 20);
  s.tun.f[T(STATIC_MEMORY_OFFSET_GUARD_SIZE)].value = 0;
  build(&s, &b);
  host_x86(&h, 20);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "Module was compiled with a static memory guard size of '0' but '2147483648' is expected for the host");
  done(&b);
  /* test_tunables_bool_mismatch: epoch interruption both ways */
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  assert_int_equal(cwasm_host_set_tunable(&h, "epoch_interruption=true"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "Module was compiled without epoch interruption but it is enabled for the host");
  done(&b);
  s.tun.f[T(EPOCH_INTERRUPTION)].value = 1;
  build(&s, &b);
  host_x86(&h, 48);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "Module was compiled with epoch interruption but it is not enabled for the host");
  done(&b);
  /* test_feature_mismatch: threads off in the module is fine, on is not */
  spec_x86(&s, 48);
  s.features &= ~fmask(48, "threads");
  build(&s, &b);
  expect_compatible(check(&b, &h));
  done(&b);
  spec_x86(&s, 48);
  build(&s, &b);
  h.features.bits &= ~fmask(48, "threads");
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled with support for WebAssembly feature `threads` but it is not enabled for the host");
  done(&b);
}

/* ------------------------------------------------------- target (§6.2) */

static void test_architecture_mismatch(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 48);
  snprintf(s.target, sizeof s.target, "aarch64-unknown-linux-gnu");
  build(&s, &b);
  host_x86(&h, 48);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_ARCH, "Module was compiled for architecture 'aarch64'");
  assert_string_equal(f->field, "target.arch");
  assert_string_equal(f->artifact, "aarch64");
  assert_string_equal(f->host, "x86_64");
  assert_null(f->context);
  /* Wasmtime does not look at e_machine, cwasm warns about it */
  assert_int_equal(count_code(&g_report, CWASM_W_E_MACHINE), 1);
  done(&b);
  /* sub-architectures are distinct values */
  spec_for(&s, 48, CWASM_ARCH_RISCV64);
  snprintf(s.target, sizeof s.target, "riscv64-unknown-linux-gnu");
  build(&s, &b);
  host_for(&h, 48, CWASM_ARCH_RISCV64);
  expect_one(check(&b, &h), CWASM_F_ARCH, "Module was compiled for architecture 'riscv64'");
  done(&b);
}

static void test_os_mismatch(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 36);
  snprintf(s.target, sizeof s.target, "x86_64-pc-windows-msvc");
  build(&s, &b);
  host_x86(&h, 36);
  expect_one(check(&b, &h), CWASM_F_OS, "Module was compiled for operating system 'windows'");
  /* vendor and environment are not compared */
  done(&b);
  snprintf(s.target, sizeof s.target, "x86_64-pc-linux-musl");
  build(&s, &b);
  expect_compatible(check(&b, &h));
  done(&b);
  /* darwin with a deployment version is another OS value */
  spec_for(&s, 39, CWASM_ARCH_AARCH64);
  snprintf(s.target, sizeof s.target, "aarch64-apple-darwin23.1");
  build(&s, &b);
  host_for(&h, 39, CWASM_ARCH_AARCH64);
  assert_int_equal(cwasm_host_set_target(&h, "aarch64-apple-darwin"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_OS, "Module was compiled for operating system 'darwin23.1.0'");
  done(&b);
}

static void test_target_parse_error(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 30);
  snprintf(s.target, sizeof s.target, "x86_64-unknown-linux-gnu-extra");
  set_bool(s.shared, &s.nshared, "not_a_setting", 1); /* not reached: Wasmtime stops at the parse */
  build(&s, &b);
  host_x86(&h, 30);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_TARGET_PARSE, "Unrecognized binary format: extra");
  assert_string_equal(f->artifact, "x86_64-unknown-linux-gnu-extra");
  assert_string_equal(f->host, "x86_64-unknown-linux-gnu");
  done(&b);
  snprintf(s.target, sizeof s.target, "x86_64-unknown-linux-gnu-elf-extra");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_TARGET_PARSE, "Unrecognized field: extra");
  done(&b);
}

/* -------------------------------------------------- shared flags (§6.3) */

static void test_shared_flag_unsupported_value(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  char line[300];
  spec_x86(&s, 48);
  set_bool(s.shared, &s.nshared, "preserve_frame_pointers", 0);
  build(&s, &b);
  host_x86(&h, 48);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                                      "setting \"preserve_frame_pointers\" is configured to Bool(false) which is "
                                      "not supported");
  assert_string_equal(f->context, "compilation settings of module incompatible with native host");
  assert_string_equal(f->field, "shared_flags.preserve_frame_pointers");
  assert_string_equal(f->artifact, "Bool(false)");
  assert_string_equal(f->host, "Bool(true)");
  assert_int_equal(f->stage, CWASM_STAGE_CHECK_SHARED_FLAGS);
  assert_true(f->index < s.nshared);
  size_t len = cwasm_finding_format(f, line, sizeof line);
  assert_int_equal(len, strlen(line));
  assert_string_equal(line, "compilation settings of module incompatible with native host: setting "
                            "\"preserve_frame_pointers\" is configured to Bool(false) which is not supported");
  done(&b);
  /* an Enum value */
  spec_x86(&s, 48);
  set_enum(s.shared, &s.nshared, "libcall_call_conv", "system_v");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"libcall_call_conv\" is configured to Enum(\"system_v\") which is not supported");
  done(&b);
}

static void test_shared_flag_unknown(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 48);
  set_bool(s.shared, &s.nshared, "not_a_setting", 1);
  build(&s, &b);
  host_x86(&h, 48);
  const cwasm_finding *f =
      expect_one(check(&b, &h), CWASM_F_SHARED_FLAG_UNKNOWN, "unknown shared setting \"not_a_setting\" configured to Bool(true)");
  assert_string_equal(f->context, "compilation settings of module incompatible with native host");
  done(&b);
  /* names leave the table: enable_safepoints is known to v37, unknown to v38 */
  spec_x86(&s, 37);
  set_bool(s.shared, &s.nshared, "enable_safepoints", 1);
  build(&s, &b);
  host_x86(&h, 37);
  expect_compatible(check(&b, &h));
  done(&b);
  spec_x86(&s, 38);
  set_bool(s.shared, &s.nshared, "enable_safepoints", 1);
  build(&s, &b);
  host_x86(&h, 38);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG_UNKNOWN,
             "unknown shared setting \"enable_safepoints\" configured to Bool(true)");
  done(&b);
  /* Debug escaping of a hostile name */
  spec_x86(&s, 48);
  set_bool(s.shared, &s.nshared, "a\"b\\c\td\x01", 0);
  build(&s, &b);
  host_x86(&h, 48);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG_UNKNOWN,
             "unknown shared setting \"a\\\"b\\\\c\\td\\u{1}\" configured to Bool(false)");
  done(&b);
}

static void test_safepoints_follow_reference_types(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 36);
  set_bool(s.shared, &s.nshared, "enable_safepoints", 0);
  build(&s, &b);
  host_x86(&h, 36); /* reference types on (both bits) */
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"enable_safepoints\" is configured to Bool(false) which is not supported");
  h.features.bits &= ~fmask(36, "reference_types");
  s.features &= ~fmask(36, "reference_types");
  done(&b);
  build(&s, &b);
  expect_compatible(check(&b, &h));
  h.have_features = 0; /* unknown: a note, not a finding */
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  /* notes: the flag, stack_switch_model (needs the features too) and the feature check */
  assert_int_equal(count_code(r, CWASM_W_UNCHECKED), 3);
  done(&b);
}

static void test_enable_probestack_per_era(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* v3: must be off */
  spec_x86(&s, 3);
  assert_int_equal(flag_in(s.shared, &s.nshared, "enable_probestack")->boolean, 0);
  set_bool(s.shared, &s.nshared, "enable_probestack", 1);
  build(&s, &b);
  host_x86(&h, 3);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"enable_probestack\" is configured to Bool(true) which is not supported");
  done(&b);
  /* v3: strategy outline; v4: inline */
  spec_x86(&s, 3);
  set_enum(s.shared, &s.nshared, "probestack_strategy", "inline");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"probestack_strategy\" is configured to Enum(\"inline\") which is not supported");
  done(&b);
  /* v4-v26: whatever the host target's arch supports */
  spec_x86(&s, 26);
  set_bool(s.shared, &s.nshared, "enable_probestack", 0);
  build(&s, &b);
  host_x86(&h, 26);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                                      "setting \"enable_probestack\" is configured to Bool(false) which is not "
                                      "supported");
  assert_string_equal(f->host, "Bool(true)");
  done(&b);
  spec_for(&s, 26, CWASM_ARCH_S390X);
  set_bool(s.shared, &s.nshared, "enable_probestack", 1);
  build(&s, &b);
  host_for(&h, 26, CWASM_ARCH_S390X);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"enable_probestack\" is configured to Bool(true) which is not supported");
  done(&b);
  /* x86_64h is not x86_64 for probestack_supported */
  spec_x86(&s, 10);
  snprintf(s.target, sizeof s.target, "x86_64h-apple-darwin");
  build(&s, &b);
  host_x86(&h, 10);
  assert_int_equal(cwasm_host_set_target(&h, "x86_64h-apple-darwin"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"enable_probestack\" is configured to Bool(true) which is not supported");
  done(&b);
  /* v27+: always on, whatever the arch */
  spec_for(&s, 27, CWASM_ARCH_S390X);
  set_bool(s.shared, &s.nshared, "enable_probestack", 0);
  build(&s, &b);
  host_for(&h, 27, CWASM_ARCH_S390X);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"enable_probestack\" is configured to Bool(false) which is not supported");
  done(&b);
}

static void test_stack_switch_model(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* v35+: with stack switching on, Linux needs "basic" */
  spec_x86(&s, 35);
  build(&s, &b); /* default "none" */
  host_x86(&h, 35);
  h.features.bits |= fmask(35, "stack_switching");
  s.features = h.features.bits;
  done(&b);
  build(&s, &b);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                                      "setting \"stack_switch_model\" is configured to Enum(\"none\") which is not "
                                      "supported");
  assert_string_equal(f->host, "Enum(\"basic\")");
  done(&b);
  set_enum(s.shared, &s.nshared, "stack_switch_model", "basic");
  build(&s, &b);
  expect_compatible(check(&b, &h));
  done(&b);
  /* Windows: update_windows_tib; another OS: not supported at all */
  snprintf(s.target, sizeof s.target, "x86_64-pc-windows-msvc");
  build(&s, &b);
  assert_int_equal(cwasm_host_set_target(&h, "x86_64-pc-windows-msvc"), CWASM_OK);
  f = expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                 "setting \"stack_switch_model\" is configured to Enum(\"basic\") which is not supported");
  assert_string_equal(f->host, "Enum(\"update_windows_tib\")");
  done(&b);
  snprintf(s.target, sizeof s.target, "x86_64-unknown-freebsd");
  build(&s, &b);
  assert_int_equal(cwasm_host_set_target(&h, "x86_64-unknown-freebsd"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG, "stack-switching feature not supported on this platform");
  done(&b);
  /* v34: ignored whatever the value */
  spec_x86(&s, 34);
  set_enum(s.shared, &s.nshared, "stack_switch_model", "bogus");
  s.features |= fmask(34, "stack_switching");
  build(&s, &b);
  host_x86(&h, 34);
  h.features.bits = s.features;
  expect_compatible(check(&b, &h));
  done(&b);
}

static void test_unwind_info_windows(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 24);
  set_bool(s.shared, &s.nshared, "unwind_info", 0);
  build(&s, &b);
  host_x86(&h, 24);
  expect_compatible(check(&b, &h));
  done(&b);
  snprintf(s.target, sizeof s.target, "x86_64-pc-windows-msvc");
  build(&s, &b);
  assert_int_equal(cwasm_host_set_target(&h, "x86_64-pc-windows-msvc"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
             "setting \"unwind_info\" is configured to Bool(false) which is not supported");
  done(&b);
}

/* Map era (v3-v14): a BTreeMap keeps the last value of a duplicated name,
 * checked once; the sequence era (v15+) checks every entry. */
static void test_duplicate_flags_map_vs_sequence(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  for (int era = 0; era < 2; era++) {
    uint16_t r = era ? 15 : 14;
    for (int order = 0; order < 2; order++) {
      spec_x86(&s, r);
      /* a second preserve_frame_pointers entry, appended after the first */
      set_bool(s.shared, &s.nshared, "preserve_frame_pointers", order ? 0 : 1);
      assert_true(s.nshared < MAXF);
      s.shared[s.nshared].name = "preserve_frame_pointers";
      s.shared[s.nshared].kind = CWASM_FLAG_BOOL;
      s.shared[s.nshared].boolean = (uint8_t)(order ? 1 : 0);
      s.nshared++;
      build(&s, &b);
      host_x86(&h, r);
      cwasm_report *rep = check(&b, &h);
      if (era == 0 && order == 1) expect_compatible(rep); /* last value true wins */
      else expect_one(rep, CWASM_F_SHARED_FLAG,
                      "setting \"preserve_frame_pointers\" is configured to Bool(false) which is not supported");
      done(&b);
    }
  }
  /* many duplicates across dedup chunks: only the last of each name counts */
  spec_x86(&s, 12);
  memset(s.shared, 0, sizeof s.shared);
  s.nshared = 0;
  for (int i = 0; i < 90; i++) {
    s.shared[s.nshared].name = i == 89 ? "unwind_info" : "use_colocated_libcalls";
    s.shared[s.nshared].kind = CWASM_FLAG_BOOL;
    s.shared[s.nshared].boolean = (uint8_t)(i % 2); /* true is rejected, false accepted */
    s.nshared++;
  }
  s.shared[88].boolean = 0; /* the last use_colocated_libcalls is false */
  build(&s, &b);
  host_x86(&h, 12);
  expect_compatible(check(&b, &h));
  done(&b);
  s.shared[88].boolean = 1;
  build(&s, &b);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                                      "setting \"use_colocated_libcalls\" is configured to Bool(true) which is not "
                                      "supported");
  assert_int_equal(f->index, 88);
  done(&b);
}

/* ------------------------------------------------------ ISA flags (§6.4) */

static void test_isa_flag_unknown(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 21);
  set_bool(s.isa, &s.nisa, "not_a_flag", 1);
  build(&s, &b);
  host_x86(&h, 21);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
                                      "don't know how to test for target-specific flag \"not_a_flag\" at runtime");
  assert_string_equal(f->context, "compilation settings of module incompatible with native host");
  done(&b);
  spec_x86(&s, 20);
  set_bool(s.isa, &s.nisa, "not_a_flag", 1);
  build(&s, &b);
  host_x86(&h, 20);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "cannot test if target-specific flag \"not_a_flag\" is available at runtime");
  done(&b);
  /* false values pass whatever the name */
  spec_x86(&s, 48);
  set_bool(s.isa, &s.nisa, "not_a_flag", 0);
  build(&s, &b);
  host_x86(&h, 48);
  expect_compatible(check(&b, &h));
  done(&b);
  /* a riscv64 host takes any name but not_a_flag */
  spec_for(&s, 48, CWASM_ARCH_RISCV64);
  set_bool(s.isa, &s.nisa, "has_zzz", 1);
  build(&s, &b);
  host_for(&h, 48, CWASM_ARCH_RISCV64);
  expect_compatible(check(&b, &h));
  done(&b);
  set_bool(s.isa, &s.nisa, "not_a_flag", 1);
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "don't know how to test for target-specific flag \"not_a_flag\" at runtime");
  done(&b);
  /* a non-bool value */
  spec_x86(&s, 48);
  set_enum(s.isa, &s.nisa, "has_avx", "yes");
  build(&s, &b);
  host_x86(&h, 48);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "isa-specific feature \"has_avx\" configured to unknown value Enum(\"yes\")");
  done(&b);
  /* use_csdb (aarch64, v44+) is in no loader table */
  spec_for(&s, 44, CWASM_ARCH_AARCH64);
  set_bool(s.isa, &s.nisa, "use_csdb", 1);
  build(&s, &b);
  host_for(&h, 44, CWASM_ARCH_AARCH64);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "don't know how to test for target-specific flag \"use_csdb\" at runtime");
  done(&b);
}

static void test_isa_probe_answers(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* present on the artifact, absent on the host */
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  h.cpu.present &= ~CWASM_CPU_BIT(CWASM_CPU_AVX2);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_ISA_FLAG,
                                      "compilation setting \"has_avx2\" is enabled, but not available on the host");
  assert_string_equal(f->field, "isa_flags.has_avx2");
  assert_string_equal(f->artifact, "Bool(true)");
  done(&b);
  /* the probe cannot tell: an aarch64 feature asked on an x86_64 host */
  for (uint16_t r = 36; r <= 37; r++) {
    spec_x86(&s, r);
    set_bool(s.isa, &s.nisa, "has_lse", 1);
    build(&s, &b);
    host_x86(&h, r);
    expect_one(check(&b, &h), CWASM_F_ISA_FLAG,
               r == 36 ? "failed to detect if target-specific flag \"has_lse\" is available at runtime"
                       : "failed to detect if target-specific flag \"lse\" is available at runtime (compile setting "
                         "\"has_lse\")");
    done(&b);
  }
  /* v20: the x86_64 host's table does not know has_lse */
  spec_x86(&s, 20);
  set_bool(s.isa, &s.nisa, "has_lse", 1);
  build(&s, &b);
  host_x86(&h, 20);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "cannot test if target-specific flag \"has_lse\" is available at runtime");
  done(&b);
  /* v26: the probe does not answer cmpxchg16b yet; v27 does */
  spec_x86(&s, 26);
  set_bool(s.isa, &s.nisa, "has_cmpxchg16b", 1);
  build(&s, &b);
  host_x86(&h, 26);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "don't know how to test for target-specific flag \"has_cmpxchg16b\" at runtime");
  done(&b);
  /* no probe configured (no_std) */
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  h.cpu_mode = CWASM_CPU_MODE_NO_PROBE;
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, s.nisa); /* every has_* flag is Bool(true) for an all-features CPU */
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->message,
                      "cannot determine if host feature \"sse3\" is available at runtime, configure a probing "
                      "function with `Config::detect_host_feature`");
  /* CPU unknown: notes, no finding */
  h.cpu_mode = CWASM_CPU_MODE_UNKNOWN;
  r = check(&b, &h);
  assert_true(r->compatible);
  assert_int_equal(r->notes, s.nisa);
  done(&b);
  /* s390x before v36: one HWCAP bit answers has_vxrs_ext2 and has_mie2 */
  spec_for(&s, 30, CWASM_ARCH_S390X);
  build(&s, &b);
  host_for(&h, 30, CWASM_ARCH_S390X);
  h.cpu.present &= ~CWASM_CPU_BIT(CWASM_CPU_MIE2);
  r = check(&b, &h);
  assert_int_equal(r->findings, 2);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 1)->message,
                      "compilation setting \"has_vxrs_ext2\" is enabled, but not available on the host");
  done(&b);
}

static void test_pulley_pointer_width_and_endianness(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_for(&s, 42, CWASM_ARCH_PULLEY32);
  build(&s, &b);
  host_for(&h, 42, CWASM_ARCH_PULLEY32);
  expect_compatible(check(&b, &h));
  h.pointer_width = 64; /* a 64-bit machine */
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_ISA_FLAG, "wrong host pointer width");
  assert_string_equal(f->artifact, "Enum(\"pointer32\")");
  assert_string_equal(f->context, "compilation settings of module incompatible with native host");
  h.pointer_width = 0;
  assert_true(check(&b, &h)->compatible);
  assert_int_equal(g_report.notes, 1);
  done(&b);
  /* before v28 the pointer enums are unknown values */
  spec_for(&s, 27, CWASM_ARCH_X86_64);
  set_enum(s.isa, &s.nisa, "pointer_width", "pointer64");
  build(&s, &b);
  host_x86(&h, 27);
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "isa-specific feature \"pointer_width\" configured to unknown value Enum(\"pointer64\")");
  done(&b);
  /* big_endian: v29+ compares with the host's byte order */
  spec_for(&s, 42, CWASM_ARCH_PULLEY64BE);
  s.big_endian = false; /* an LE file, so only the flag differs */
  build(&s, &b);
  host_for(&h, 42, CWASM_ARCH_PULLEY64BE);
  h.endian = CWASM_LITTLE;
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG, "wrong host endianness");
  h.endian = CWASM_BIG;
  expect_compatible(check(&b, &h));
  done(&b);
  spec_for(&s, 28, CWASM_ARCH_PULLEY64);
  set_bool(s.isa, &s.nisa, "big_endian", 1);
  build(&s, &b);
  host_for(&h, 28, CWASM_ARCH_PULLEY64);
  h.endian = CWASM_BIG;
  expect_one(check(&b, &h), CWASM_F_ISA_FLAG_UNKNOWN,
             "don't know how to test for target-specific flag \"big_endian\" at runtime");
  done(&b);
}

/* ------------------------------------------------------- Tunables (§6.5) */

static void test_tunable_int_mismatch(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 48);
  s.tun.f[T(MEMORY_RESERVATION)].value = UINT64_C(8589934592);
  build(&s, &b);
  host_x86(&h, 48);
  const cwasm_finding *f =
      expect_one(check(&b, &h), CWASM_F_TUNABLE,
                 "Module was compiled with a memory reservation of '8589934592' but '4294967296' is expected for the host");
  assert_string_equal(f->field, "tunables.memory_reservation");
  assert_string_equal(f->artifact, "8589934592");
  assert_string_equal(f->host, "4294967296");
  assert_null(f->context);
  done(&b);
  /* v3 labels and pages */
  spec_x86(&s, 3);
  s.tun.f[T(STATIC_MEMORY_BOUND)].value = 16384;
  build(&s, &b);
  host_x86(&h, 3);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "Module was compiled with a static memory bound of '16384' but '65536' is expected for the host");
  done(&b);
  /* unknown host value: a note */
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  assert_int_equal(cwasm_host_set_tunable(&h, "memory_reservation=?"), CWASM_OK);
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  assert_int_equal(r->notes, 1);
  assert_string_equal(nth(r, CWASM_ITEM_NOTE, 0)->field, "tunables.memory_reservation");
  /* set by text */
  assert_int_equal(cwasm_host_set_tunable(&h, "memory_reservation=1024"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "Module was compiled with a memory reservation of '4294967296' but '1024' is expected for the host");
  done(&b);
}

static void test_tunable_bool_both_directions(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 48);
  s.tun.f[T(CONSUME_FUEL)].value = 1;
  build(&s, &b);
  host_x86(&h, 48);
  expect_one(check(&b, &h), CWASM_F_TUNABLE, "Module was compiled with fuel support but it is not enabled for the host");
  done(&b);
  spec_x86(&s, 48);
  build(&s, &b);
  assert_int_equal(cwasm_host_set_tunable(&h, "consume_fuel=true"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE, "Module was compiled without fuel support but it is enabled for the host");
  done(&b);
  /* labels of other releases */
  spec_x86(&s, 22);
  s.tun.f[T(CACHE_CALL_INDIRECTS)].value = 1;
  s.tun.f[T(MAX_CALL_INDIRECT_CACHE_SLOTS)].value = 7;
  build(&s, &b);
  host_x86(&h, 22);
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, 2);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->message,
                      "Module was compiled with caching of call-indirect targets but it is not enabled for the host");
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 1)->message,
                      "Module was compiled with a maximum slot count for caching of call-indirect targets of '7' but "
                      "'50' is expected for the host");
  done(&b);
}

static void test_collector_rules(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* artifact without GC, host with GC: an error up to v36 only */
  for (uint16_t r = 36; r <= 37; r++) {
    spec_x86(&s, r);
    s.tun.f[T(COLLECTOR)].is_none = 1;
    build(&s, &b);
    host_x86(&h, r);
    cwasm_report *rep = check(&b, &h);
    if (r == 36) expect_one(rep, CWASM_F_TUNABLE, "module was compiled without GC but GC is enabled in the host");
    else expect_compatible(rep);
    done(&b);
  }
  spec_x86(&s, 37);
  build(&s, &b);
  host_x86(&h, 37);
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=none"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE, "module was compiled with GC however GC is disabled in the host");
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=Null"), CWASM_OK);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_TUNABLE,
                                      "module was compiled for the deferred reference-counting collector but the "
                                      "host is configured to use the null collector");
  assert_string_equal(f->artifact, "DeferredReferenceCounting");
  assert_string_equal(f->host, "Null");
  /* Copying does not exist before v45 */
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=Copying"), CWASM_E_ARGUMENT);
  done(&b);
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=deferred reference-counting"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "module was compiled for the copying collector but the host is configured to use the deferred "
             "reference-counting collector");
  done(&b);
}

static void test_inlining_messages(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 36);
  s.tun.f[T(INLINING_INTRA_MODULE)].value = 0; /* Yes */
  build(&s, &b);
  host_x86(&h, 36);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "module was compiled with intra-module inlining however the host is configured with intra-module "
             "inlining only when using GC");
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining_intra_module=No"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "module was compiled with intra-module inlining however the host is configured without intra-module "
             "inlining");
  done(&b);
  spec_x86(&s, 48);
  s.tun.f[T(INLINING_ENUM)].value = 3; /* Intrinsics */
  build(&s, &b);
  host_x86(&h, 48);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "module was compiled with intrinsic inlining however the host is configured without intra-module inlining");
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining=InterModule"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "module was compiled with intrinsic inlining however the host is configured with inter-module inlining");
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining=InterModuleAndIntraGc"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_TUNABLE,
             "module was compiled with intrinsic inlining however the host is configured with intra-module inlining "
             "only when using GC");
  done(&b);
  /* the v36-v44 inlining bool */
  spec_x86(&s, 44);
  s.tun.f[T(INLINING_BOOL)].value = 1;
  build(&s, &b);
  host_x86(&h, 44);
  expect_one(check(&b, &h), CWASM_F_TUNABLE, "Module was compiled with function inlining but it is not enabled for the host");
  done(&b);
}

static void test_operator_cost(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* a cost table is compared only when the artifact consumes fuel */
  spec_x86(&s, 48);
  s.tun.f[T(OPERATOR_COST)].value = 0; /* Table */
  build(&s, &b);
  host_x86(&h, 48);
  expect_compatible(check(&b, &h));
  done(&b);
  s.tun.f[T(CONSUME_FUEL)].value = 1;
  build(&s, &b);
  assert_int_equal(cwasm_host_set_tunable(&h, "consume_fuel=true"), CWASM_OK);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_TUNABLE, "Module costs are incompatible");
  assert_string_equal(f->artifact, "Table");
  assert_string_equal(f->host, "Default");
  /* the same table on both sides is compatible (the host borrows it) */
  h.tunables.f[T(OPERATOR_COST)] = b.a.meta.tunables.f[T(OPERATOR_COST)];
  expect_compatible(check(&b, &h));
  /* one byte differs */
  static uint8_t other[643];
  memcpy(other, b.a.meta.tunables.f[T(OPERATOR_COST)].table.p, sizeof other);
  other[642] ^= 1;
  h.tunables.f[T(OPERATOR_COST)].table.p = other;
  expect_one(check(&b, &h), CWASM_F_TUNABLE, "Module costs are incompatible");
  done(&b);
}

/* ------------------------------------------------------- features (§6.6) */

static void test_features_struct_era(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 24);
  s.features |= fmask(24, "memory64");
  build(&s, &b);
  host_x86(&h, 24);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_FEATURE,
                                      "Module was compiled with WebAssembly 64-bit memory support but it is not "
                                      "enabled for the host");
  assert_string_equal(f->field, "features.memory64");
  done(&b);
  spec_x86(&s, 24);
  s.features &= ~fmask(24, "threads");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled without WebAssembly threads support but it is enabled for the host");
  done(&b);
  /* v19-v24 gate: a host built without the gc Cargo feature */
  spec_x86(&s, 20);
  s.features |= fmask(20, "gc");
  build(&s, &b);
  host_x86(&h, 20);
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled with WebAssembly garbage collection support but it is not enabled for the host");
  h.gc_cargo_feature = CWASM_NO;
  h.features.bits &= ~fmask(20, "reference_types");
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, 2);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->message,
                      "Module was compiled with WebAssembly reference types support but support in the host was "
                      "disabled at compile time because the `gc` Cargo feature was not enabled");
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 1)->message,
                      "Module was compiled with WebAssembly garbage collection support but support in the host was "
                      "disabled at compile time because the `gc` Cargo feature was not enabled");
  done(&b);
  /* label of tail calls in v3-v5 vs v12+; order of checks in v3 (extended_const before relaxed_simd) */
  spec_x86(&s, 3);
  s.features |= fmask(3, "tail_call") | fmask(3, "relaxed_simd") | fmask(3, "extended_const");
  build(&s, &b);
  host_x86(&h, 3);
  r = check(&b, &h);
  assert_int_equal(r->findings, 3);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->message,
                      "Module was compiled with WebAssembly tail-call support but it is not enabled for the host");
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 1)->field, "features.extended_const");
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 2)->field, "features.relaxed_simd");
  done(&b);
  spec_x86(&s, 12);
  s.features |= fmask(12, "tail_call");
  build(&s, &b);
  host_x86(&h, 12);
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled with WebAssembly tail calls support but it is not enabled for the host");
  done(&b);
}

static void test_features_bit_sets(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* v36: exact (XOR); v37: subset */
  spec_x86(&s, 36);
  s.features |= fmask(36, "gc");
  build(&s, &b);
  host_x86(&h, 36);
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled with support for WebAssembly feature `gc` but it is not enabled for the host");
  done(&b);
  spec_x86(&s, 36);
  s.features &= ~fmask(36, "threads");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled without support for WebAssembly feature `threads` but it is enabled for the host");
  done(&b);
  spec_x86(&s, 37);
  s.features &= ~fmask(37, "threads");
  build(&s, &b);
  host_x86(&h, 37);
  expect_compatible(check(&b, &h));
  done(&b);
  /* v33-v36: gc_types through the gc Cargo gate */
  spec_x86(&s, 33);
  build(&s, &b);
  host_x86(&h, 33);
  h.gc_cargo_feature = CWASM_NO;
  h.features.bits &= ~fmask(33, "gc_types");
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled with support for WebAssembly feature `gc_types` but support in the host was "
             "disabled at compile time because the `gc` Cargo feature was not enabled");
  done(&b);
  /* two-bit REFERENCE_TYPES (3+34 from v37): both bits missing on the host */
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  h.features.bits &= ~fmask(48, "reference_types");
  cwasm_report *r = expect_one(check(&b, &h), CWASM_F_FEATURE,
                               "Module was compiled with support for WebAssembly feature `reference_types` but it is "
                               "not enabled for the host") == NULL ? NULL : &g_report;
  assert_non_null(r);
  /* only bit 34 missing: call_indirect_overlong (declared later) reports it */
  h.features.bits |= fmask(48, "reference_types");
  h.features.bits &= ~fmask(48, "call_indirect_overlong");
  expect_one(check(&b, &h), CWASM_F_FEATURE,
             "Module was compiled with support for WebAssembly feature `call_indirect_overlong` but it is not "
             "enabled for the host");
  /* only bit 3 missing: no named flag covers it alone -> Wasmtime accepts */
  h.features.bits |= fmask(48, "reference_types");
  h.features.bits &= ~(uint64_t)8;
  expect_compatible(check(&b, &h));
  /* several missing features are all reported, in declaration order */
  h.features.bits = fmask(48, "simd");
  r = check(&b, &h);
  assert_true(r->findings >= 10);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->field, "features.mutable_global");
  done(&b);
  /* v36 renumbering: bits 33/34 are call_indirect_overlong/bulk_memory_opt there */
  assert_int_equal(fmask(36, "call_indirect_overlong"), (uint64_t)1 << 33);
  assert_int_equal(fmask(37, "call_indirect_overlong"), (uint64_t)1 << 34);
  /* bits no flag of the host's release names are dropped (from_bits_truncate) */
  spec_x86(&s, 48);
  s.features |= (uint64_t)1 << 60;
  build(&s, &b);
  host_x86(&h, 48);
  expect_compatible(check(&b, &h));
  done(&b);
}

/* ------------------------------------------------------- version (§3.2) */

static void test_version_messages(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* v41 and v42 word the default-strategy mismatch differently */
  spec_x86(&s, 41);
  snprintf(s.version, sizeof s.version, "41.0.1");
  build(&s, &b);
  host_x86(&h, 41);
  const cwasm_finding *f =
      expect_one(check(&b, &h), CWASM_F_VERSION, "Module was compiled with incompatible Wasmtime version '41.0.1'");
  assert_string_equal(f->artifact, "41.0.1");
  assert_string_equal(f->host, "41");
  assert_int_equal(f->stage, CWASM_STAGE_CHECK_VERSION);
  done(&b);
  spec_x86(&s, 42);
  snprintf(s.version, sizeof s.version, "42.0.1");
  build(&s, &b);
  host_x86(&h, 42);
  expect_one(check(&b, &h), CWASM_F_VERSION, "Module was compiled with incompatible version '42.0.1'");
  /* the loader's policy may tolerate it */
  h.version_mode = CWASM_VERSION_MODE_MAJOR;
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  assert_int_equal(count_code(r, CWASM_W_TOLERATED), 1);
  h.version_mode = CWASM_VERSION_MODE_EXACT;
  static const char *const allow[] = {"42.0.1"};
  h.version_allow = allow;
  h.version_allow_count = 1;
  assert_true(check(&b, &h)->compatible);
  done(&b);
  /* a custom strategy: the same words in every release */
  spec_x86(&s, 10);
  snprintf(s.version, sizeof s.version, "my-build-1");
  build(&s, &b);
  host_x86(&h, 10);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_CUSTOM, "my-build-2"), CWASM_OK);
  expect_one(check(&b, &h), CWASM_F_VERSION, "Module was compiled with incompatible version 'my-build-1'");
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_CUSTOM, "my-build-1"), CWASM_OK);
  expect_compatible(check(&b, &h));
  /* strategy None: no check at all */
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_NONE, NULL), CWASM_OK);
  expect_compatible(check(&b, &h));
  done(&b);
  /* invalid UTF-8: Rust's Utf8Error */
  spec_x86(&s, 48);
  snprintf(s.version, sizeof s.version, "4\xff");
  build(&s, &b);
  host_x86(&h, 48);
  f = expect_one(check(&b, &h), CWASM_F_VERSION, "invalid utf-8 sequence of 1 bytes from index 1");
  assert_string_equal(f->artifact, "4\\xff");
  done(&b);
  snprintf(s.version, sizeof s.version, "\xe2\x82");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_VERSION, "incomplete utf-8 byte sequence from index 0");
  done(&b);
  snprintf(s.version, sizeof s.version, "\xe2\x28\xa1");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_VERSION, "invalid utf-8 sequence of 1 bytes from index 0");
  done(&b);
  snprintf(s.version, sizeof s.version, "\xf0\x9f\x98x");
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_VERSION, "invalid utf-8 sequence of 3 bytes from index 0");
  done(&b);
  /* a host of v24 whose patch is not known: same major is a note */
  spec_x86(&s, 24);
  snprintf(s.version, sizeof s.version, "24.0.13");
  build(&s, &b);
  host_x86(&h, 24);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_DEFAULT, NULL), CWASM_OK);
  assert_int_equal(h.version_known, 0);
  r = check(&b, &h);
  assert_true(r->compatible);
  assert_int_equal(count_code(r, CWASM_W_UNCHECKED), 1);
  done(&b);
  /* a 255-byte custom string round-trips; 256 is refused */
  char big[300];
  memset(big, 'v', 256);
  big[256] = '\0';
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_CUSTOM, big), CWASM_E_ARGUMENT);
  big[255] = '\0';
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_CUSTOM, big), CWASM_OK);
}

/* --------------------------------------------------------- ELF (§2.4) */

static void test_elf_acceptance_per_era(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* e_flags exact (v31) vs contains (v32): a module with a Pulley bit */
  spec_x86(&s, 31);
  s.e_flags = CWASM_EF_MODULE | CWASM_EF_PULLEY64;
  build(&s, &b);
  host_x86(&h, 31);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_KIND, "incompatible object file format");
  assert_string_equal(f->artifact, "0x9");
  assert_string_equal(f->host, "== 0x1 (module)");
  done(&b);
  spec_x86(&s, 32);
  s.e_flags = CWASM_EF_MODULE | CWASM_EF_PULLEY64;
  build(&s, &b);
  host_x86(&h, 32);
  expect_compatible(check(&b, &h));
  /* a component where a module is expected, and "either" */
  h.expect = CWASM_EXPECT_COMPONENT;
  expect_one(check(&b, &h), CWASM_F_KIND, "incompatible object file format");
  h.expect = CWASM_EXPECT_EITHER;
  expect_compatible(check(&b, &h));
  done(&b);
  /* v22-v27 read only native-endian ELF */
  spec_x86(&s, 27);
  s.big_endian = true;
  build(&s, &b);
  host_x86(&h, 27);
  f = expect_one(check(&b, &h), CWASM_F_ELF_HEADER, "Unsupported ELF endian");
  assert_string_equal(f->context, "failed to parse precompiled artifact as an ELF");
  h.endian = 0;
  assert_true(check(&b, &h)->compatible);
  done(&b);
  spec_x86(&s, 28);
  s.big_endian = true;
  build(&s, &b);
  host_x86(&h, 28);
  expect_compatible(check(&b, &h));
  done(&b);
  /* OS ABI: checked up to v42, not from v43 */
  static uint8_t engine[20000];
  for (uint16_t r = 42; r <= 43; r++) {
    eb_section secs[1];
    eb_spec es;
    cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
    cwasm_diag d;
    spec_x86(&s, r);
    size_t n = engine_bytes(&s, engine, sizeof engine);
    memset(secs, 0, sizeof secs);
    secs[0].name = ".wasmtime.engine";
    secs[0].type = EB_SHT_PROGBITS;
    secs[0].flags = EB_SHF_ALLOC;
    secs[0].data = engine;
    secs[0].size = n;
    memset(&es, 0, sizeof es);
    es.sections = secs;
    es.nsections = 1;
    es.set = EB_H_OSABI | EB_H_ABIVERSION;
    es.osabi = 3;
    es.abiversion = 1;
    assert_int_equal(eb_build(&es, &b.img, &b.len, NULL), 0);
    assert_int_equal(cwasm_parse(b.img, b.len, &opt, &b.a, &d), CWASM_OK);
    host_x86(&h, r);
    cwasm_report *rep = check(&b, &h);
    if (r == 42) {
      assert_int_equal(rep->findings, 2);
      assert_string_equal(nth(rep, CWASM_ITEM_FINDING, 0)->field, "e_ident[EI_OSABI]");
      assert_string_equal(nth(rep, CWASM_ITEM_FINDING, 1)->field, "e_ident[EI_ABIVERSION]");
      assert_string_equal(nth(rep, CWASM_ITEM_FINDING, 1)->message, "incompatible object file format");
    } else {
      assert_true(rep->compatible);
      assert_true(rep->warnings >= 2); /* the parser's own warnings are carried over */
    }
    done(&b);
  }
}

/* v43+ reads every section name and fails on one it cannot read; v42 skips it. */
static void test_unreadable_section_name(void **state) {
  (void)state;
  static uint8_t engine[20000];
  spec s;
  built b;
  cwasm_host h;
  eb_section secs[2];
  eb_spec es;
  cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
  cwasm_diag d;
  for (uint16_t r = 42; r <= 43; r++) {
    spec_x86(&s, r);
    size_t n = engine_bytes(&s, engine, sizeof engine);
    memset(secs, 0, sizeof secs);
    secs[0].name = ".wasmtime.engine";
    secs[0].type = EB_SHT_PROGBITS;
    secs[0].data = engine;
    secs[0].size = n;
    secs[1].name = ".text";
    secs[1].type = EB_SHT_PROGBITS;
    secs[1].size = 4;
    secs[1].set = EB_S_NAME;
    secs[1].sh_name = 0xfffff;
    memset(&es, 0, sizeof es);
    es.sections = secs;
    es.nsections = 2;
    assert_int_equal(eb_build(&es, &b.img, &b.len, NULL), 0);
    assert_int_equal(cwasm_parse(b.img, b.len, &opt, &b.a, &d), CWASM_OK);
    host_x86(&h, r);
    cwasm_report *rep = check(&b, &h);
    if (r == 42) {
      assert_true(rep->compatible);
    } else {
      const cwasm_finding *f = expect_one(rep, CWASM_F_ELF_SECTIONS, "Invalid ELF section name offset");
      assert_int_equal(f->index, 2);
      assert_null(f->context);
    }
    done(&b);
  }
}

/* Two engine sections: v42 reads the first, v43 the last. */
static void test_engine_section_first_vs_last(void **state) {
  (void)state;
  static uint8_t e1[20000], e2[20000];
  spec s;
  built b;
  cwasm_host h;
  eb_section secs[2];
  eb_spec es;
  cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
  cwasm_diag d;
  spec_x86(&s, 43);
  snprintf(s.version, sizeof s.version, "42");
  size_t n1 = engine_bytes(&s, e1, sizeof e1);
  snprintf(s.version, sizeof s.version, "43");
  size_t n2 = engine_bytes(&s, e2, sizeof e2);
  memset(secs, 0, sizeof secs);
  for (int i = 0; i < 2; i++) {
    secs[i].name = ".wasmtime.engine";
    secs[i].type = EB_SHT_PROGBITS;
    secs[i].data = i ? e2 : e1;
    secs[i].size = i ? n2 : n1;
  }
  memset(&es, 0, sizeof es);
  es.sections = secs;
  es.nsections = 2;
  assert_int_equal(eb_build(&es, &b.img, &b.len, NULL), 0);
  assert_int_equal(cwasm_parse(b.img, b.len, &opt, &b.a, &d), CWASM_OK);
  host_x86(&h, 43);
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->checked_section_last, 1);
  assert_true(r->compatible); /* the last one says "43" */
  assert_int_equal(count_code(r, CWASM_W_ENGINE_DUPLICATE), 1);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_DEFAULT, "42"), CWASM_OK);
  h.version_mode = CWASM_VERSION_MODE_EXACT;
  expect_one(check(&b, &h), CWASM_F_VERSION, "Module was compiled with incompatible version '43'");
  done(&b);
}

/* ------------------------------------------- metadata layout (§4.3) */

static void test_foreign_layout_is_f_metadata(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* a v40 layout under a custom string, loaded by a v42 host with the same string */
  spec_x86(&s, 40);
  snprintf(s.version, sizeof s.version, "custom");
  build(&s, &b);
  host_x86(&h, 42);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_CUSTOM, "custom"), CWASM_OK);
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, 1);
  const cwasm_finding *f = nth(r, CWASM_ITEM_FINDING, 0);
  assert_int_equal(f->code, CWASM_F_METADATA);
  /* T14 has one more bool than T13: the v42 reader takes the first features byte for it */
  assert_string_equal(f->message, "Found a bool that wasn't 0 or 1");
  assert_string_equal(f->host, "layout v42");
  done(&b);
  /* the same layout under a custom string is checked field by field */
  spec_x86(&s, 42);
  snprintf(s.version, sizeof s.version, "custom");
  s.tun.f[T(CONSUME_FUEL)].value = 1;
  build(&s, &b);
  expect_one(check(&b, &h), CWASM_F_TUNABLE, "Module was compiled with fuel support but it is not enabled for the host");
  done(&b);
  /* v37 and v38 share a layout: with the version check off, v38 compares
   * field by field and rejects the two settings it no longer knows (§3.2) */
  spec_x86(&s, 37);
  build(&s, &b);
  host_x86(&h, 38);
  h.version_mode = CWASM_VERSION_MODE_IGNORE;
  r = check(&b, &h);
  assert_int_equal(count_code(r, CWASM_W_TOLERATED), 1);
  assert_int_equal(r->findings, 2);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->message,
                      "unknown shared setting \"enable_safepoints\" configured to Bool(true)");
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 1)->message,
                      "unknown shared setting \"enable_jump_tables\" configured to Bool(true)");
  done(&b);
  /* a release string whose layout differs and which the host's layout also
   * decodes: a misreading, reported instead of comparing across layouts */
  spec_x86(&s, 5);
  build(&s, &b); /* T1+F2 has the length of T2+F3 (§4.3) */
  host_x86(&h, 8);
  h.version_mode = CWASM_VERSION_MODE_IGNORE;
  r = check(&b, &h);
  assert_int_equal(r->findings, 1);
  f = nth(r, CWASM_ITEM_FINDING, 0);
  assert_int_equal(f->code, CWASM_F_METADATA);
  assert_string_equal(f->artifact, "layout v5");
  assert_string_equal(f->message,
                      "metadata written with the v5 layout would be misread by Wasmtime 8, which decodes it with its "
                      "own v8-v9 layout");
  done(&b);
}

/* ----------------------------------------------- many findings at once */

static void test_every_reason(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  spec_x86(&s, 48);
  snprintf(s.target, sizeof s.target, "aarch64-pc-windows-msvc");
  set_bool(s.shared, &s.nshared, "preserve_frame_pointers", 0);
  set_bool(s.isa, &s.nisa, "not_a_flag", 1);
  s.tun.f[T(EPOCH_INTERRUPTION)].value = 1;
  s.features |= fmask(48, "memory_control");
  build(&s, &b);
  host_x86(&h, 47);
  cwasm_report *r = check(&b, &h);
  /* a v47 host: the version first; v47 reads the v48 layout the same way
   * (no cost table), so every field is then compared with v47's rules */
  assert_int_equal(nth(r, CWASM_ITEM_FINDING, 0)->code, CWASM_F_VERSION);
  assert_int_equal(count_code(r, CWASM_F_METADATA), 0);
  assert_int_equal(count_code(r, CWASM_F_ARCH), 1);
  assert_int_equal(count_code(r, CWASM_F_ISA_FLAG_UNKNOWN), 3); /* not_a_flag, has_avx_vnni, has_avx512vnni */
  assert_true(count_code(r, CWASM_F_FEATURE) >= 5);          /* v48's WASM3 defaults and memory_control */
  done(&b);
  build(&s, &b);
  host_x86(&h, 48);
  r = check(&b, &h);
  if (r->findings != 6) dump(r);
  assert_int_equal(r->findings, 6);
  static const cwasm_status order[] = {CWASM_F_ARCH,   CWASM_F_OS,      CWASM_F_SHARED_FLAG,
                                       CWASM_F_ISA_FLAG_UNKNOWN, CWASM_F_TUNABLE, CWASM_F_FEATURE};
  for (uint32_t i = 0; i < 6; i++) assert_int_equal(nth(r, CWASM_ITEM_FINDING, i)->code, order[i]);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 4)->message,
                      "Module was compiled with epoch interruption but it is not enabled for the host");
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 5)->message,
                      "Module was compiled with support for WebAssembly feature `memory_control` but it is not "
                      "enabled for the host");
  done(&b);
}

static void test_report_capacity(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  static char names[200][16];
  spec_x86(&s, 48);
  s.nshared = 0;
  for (int i = 0; i < MAXF; i++) {
    snprintf(names[i], sizeof names[i], "bogus_%d", i);
    set_bool(s.shared, &s.nshared, names[i], 1);
  }
  build(&s, &b);
  host_x86(&h, 48);
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, MAXF);
  assert_true(r->count <= CWASM_REPORT_MAX_ITEMS);
  assert_false(r->compatible);
  done(&b);
  /* more items than fit: counted, not stored */
  spec_x86(&s, 48);
  s.nshared = 0;
  for (int i = 0; i < MAXF; i++) set_bool(s.shared, &s.nshared, names[i], 1);
  s.nisa = 0;
  for (int i = 0; i < 60; i++) {
    snprintf(names[100 + i], sizeof names[100 + i], "has_x%d", i);
    set_bool(s.isa, &s.nisa, names[100 + i], 1);
  }
  build(&s, &b);
  r = check(&b, &h);
  assert_int_equal(r->findings, MAXF + 60);
  assert_int_equal(r->count, CWASM_REPORT_MAX_ITEMS);
  assert_int_equal(r->dropped, MAXF + 60 + r->warnings + r->notes - CWASM_REPORT_MAX_ITEMS);
  done(&b);
}

/* ------------------------------------------------------ real artifacts */

static bool load_real(const char *name, built *b) {
  const char *path = tb_real_artifact(name);
  cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
  cwasm_diag d;
  if (!path) {
    print_message("skipping: %s not found under the shared real-artifacts directory\n", name);
    return false;
  }
  b->img = tb_read_file(path, &b->len);
  assert_non_null(b->img);
  assert_int_equal(cwasm_parse(b->img, b->len, &opt, &b->a, &d), CWASM_OK);
  return true;
}

static void test_real_artifacts_against_themselves(void **state) {
  (void)state;
  static const char *const names[] = {"v22-x86_64-unknown-none-module.cwasm", "v39-aarch64-apple-darwin-module.cwasm",
                                      "v42-pulley32-component.cwasm"};
  int found = 0;
  for (size_t i = 0; i < 3; i++) {
    built b;
    cwasm_host h;
    cwasm_diag d;
    if (!load_real(names[i], &b)) continue;
    found++;
    assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
    assert_int_equal(h.origin, CWASM_HOST_REFERENCE);
    cwasm_report *r = check(&b, &h);
    if (!r->compatible || r->notes) {
      dump(r);
      fail_msg("%s is not compatible with itself", names[i]);
    }
    if (i == 2) {
      assert_int_equal(h.expect, CWASM_EXPECT_COMPONENT);
      assert_int_equal(h.pointer_width, 32);
      /* a module loader rejects it; a 64-bit machine too */
      h.expect = CWASM_EXPECT_MODULE;
      expect_one(check(&b, &h), CWASM_F_KIND, "incompatible object file format");
      h.expect = CWASM_EXPECT_COMPONENT;
      h.pointer_width = 64;
      expect_one(check(&b, &h), CWASM_F_ISA_FLAG, "wrong host pointer width");
    }
    if (i == 1) {
      /* the CPU came from the reference's flags: lse known and present */
      assert_int_equal(h.cpu.arch, CWASM_ARCH_AARCH64);
      assert_true(h.cpu.known & CWASM_CPU_BIT(CWASM_CPU_LSE));
      h.cpu.present &= ~CWASM_CPU_BIT(CWASM_CPU_LSE);
      expect_one(check(&b, &h), CWASM_F_ISA_FLAG, "compilation setting \"has_lse\" is enabled, but not available on the host");
    }
    done(&b);
  }
  if (!found) skip();
}

/* A pre-3.0 artifact: ELF, but no engine section. */
static void test_real_legacy_artifact(void **state) {
  (void)state;
  const char *path = tb_real_artifact("v0.30-legacy-x86_64-linux-module.cwasm");
  cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
  cwasm_diag d;
  built b;
  cwasm_host h;
  if (!path) {
    print_message("skipping: legacy artifact not found\n");
    skip();
  }
  b.img = tb_read_file(path, &b.len);
  assert_non_null(b.img);
  assert_int_equal(cwasm_parse(b.img, b.len, &opt, &b.a, &d), CWASM_E_LEGACY_ARTIFACT);
  host_x86(&h, 42);
  cwasm_report *r = check(&b, &h);
  /* OS ABI 0 and e_flags 0, then no .wasmtime.engine */
  assert_int_equal(count_code(r, CWASM_F_ELF_HEADER), 1);
  assert_int_equal(count_code(r, CWASM_F_KIND), 1);
  assert_int_equal(count_code(r, CWASM_F_ELF_SECTIONS), 1);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 2)->message, "failed to find section `.wasmtime.engine`");
  done(&b);
}

/* Wasmtime v3-v42 parse the whole file with the object crate: a symbol table
 * linked to nothing, a relocation section pointing past the table, or (v3-v35)
 * a misaligned table make them refuse a file cwasm itself reads fine. */
static void object_patch(const char *what, uint16_t release, int expect_finding, const char *message) {
  built b;
  cwasm_diag d;
  cwasm_host h;
  cwasm_section s;
  char path[4096];
  uint64_t symtab = 0;
  snprintf(path, sizeof path, "%s/corpus/valid/v21-x86_64-linux-module.cwasm", CWASM_SOURCE_DIR);
  b.img = tb_read_file(path, &b.len);
  assert_non_null(b.img);
  assert_int_equal(cwasm_parse(b.img, b.len, NULL, &b.a, &d), CWASM_OK);
  for (uint64_t i = 0; i < b.a.elf.shnum; i++) {
    assert_int_equal(cwasm_elf_section(&b.a.elf, i, &s, &d), CWASM_OK);
    if (s.type == 2) symtab = i;
  }
  assert_true(symtab > 0);
  size_t hdr = (size_t)(b.a.elf.shoff + symtab * 64u);
  if (strcmp(what, "link") == 0) eb_put(b.img, hdr + 40, 4, b.a.elf.shnum + 5, false);
  if (strcmp(what, "strtab") == 0) eb_put(b.img, hdr + 40, 4, 1, false); /* the engine section */
  if (strcmp(what, "align") == 0) eb_put(b.img, hdr + 24, 8, eb_get(b.img, hdr + 24, 8, false) - 1, false);
  if (strcmp(what, "rela") == 0) {
    /* turn .wasmtime.bti (index 2) into a relocation section of the symbol table with a wild sh_info */
    size_t r = (size_t)(b.a.elf.shoff + 2u * 64u);
    eb_put(b.img, r + 4, 4, 4 /* SHT_RELA */, false);
    eb_put(b.img, r + 40, 4, symtab, false);
    eb_put(b.img, r + 44, 4, 1000, false);
  }
  assert_int_equal(cwasm_parse(b.img, b.len, NULL, &b.a, &d), CWASM_OK);
  assert_int_equal(cwasm_host_default(release, &h), CWASM_OK);
  assert_int_equal(cwasm_host_set_target(&h, "x86_64-unknown-linux-gnu"), CWASM_OK);
  h.expect = CWASM_EXPECT_EITHER;
  cwasm_report *r = check(&b, &h);
  const cwasm_finding *f = NULL;
  for (uint32_t i = 0; i < r->count; i++)
    if (r->items[i].code == CWASM_F_ELF_SECTIONS) f = &r->items[i];
  if (!expect_finding) {
    assert_null(f);
  } else {
    assert_non_null(f);
    assert_string_equal(f->message, message);
    assert_string_equal(f->context, "failed to parse precompiled artifact as an ELF");
  }
  free(b.img);
}

/* A Custom version string may hold NUL bytes: the host compares all of them (found by fuzz_check). */
static void test_custom_version_with_nul(void **state) {
  (void)state;
  cwasm_host h;
  cwasm_diag d;
  built b;
  char path[4096];
  snprintf(path, sizeof path, "%s/fuzz/regressions/fuzz_check/fuzz_check-crash-568e688991b79fb5", CWASM_SOURCE_DIR);
  uint8_t *raw;
  size_t n;
  raw = tb_read_file(path, &n);
  assert_non_null(raw);
  size_t refn = ((size_t)raw[0] | (size_t)raw[1] << 8) % (n - 2);
  b.len = n - 2 - refn;
  b.img = malloc(b.len);
  memcpy(b.img, raw + 2 + refn, b.len);
  free(raw);
  assert_int_equal(cwasm_parse(b.img, b.len, NULL, &b.a, &d), CWASM_OK);
  assert_true(memchr(b.a.engine.version.p, 0, b.a.engine.version.n) != NULL);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
  assert_int_equal(h.version_len, b.a.engine.version.n);
  assert_int_equal(count_code(check(&b, &h), CWASM_F_VERSION), 0);
  /* one byte after the NUL differs: a mismatch, not a prefix match */
  h.version[h.version_len - 1] ^= 1;
  assert_int_equal(count_code(check(&b, &h), CWASM_F_VERSION), 1);
  free(b.img);
}

static void test_object_crate_tables(void **state) {
  (void)state;
  object_patch("none", 21, 0, NULL);
  object_patch("link", 21, 1, "Invalid ELF section index");
  object_patch("link", 42, 1, "Invalid ELF section index");
  object_patch("link", 43, 0, NULL); /* header-only parse from v43 */
  object_patch("strtab", 30, 1, "Invalid ELF string section type");
  object_patch("rela", 21, 1, "Invalid ELF sh_info for relocation section");
  object_patch("align", 35, 1, "Invalid ELF symbol table data");
  object_patch("align", 36, 0, NULL); /* object's `unaligned` feature from v36 */
}

static void test_real_v22_against_v39(void **state) {
  (void)state;
  built ref, b;
  cwasm_host h;
  cwasm_diag d;
  if (!load_real("v39-aarch64-apple-darwin-module.cwasm", &ref)) skip();
  if (!load_real("v22-x86_64-unknown-none-module.cwasm", &b)) {
    done(&ref);
    skip();
  }
  assert_int_equal(cwasm_host_from_reference(&ref.a, NULL, &h, &d), CWASM_OK);
  assert_int_equal(h.release, 39);
  assert_string_equal(h.version, "39");
  cwasm_report *r = check(&b, &h);
  assert_false(r->compatible);
  assert_int_equal(nth(r, CWASM_ITEM_FINDING, 0)->code, CWASM_F_VERSION);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->message,
                      "Module was compiled with incompatible Wasmtime version '22.0.0'");
  assert_int_equal(count_code(r, CWASM_F_METADATA), 1);
  /* with the version check off, the layout is what stops Wasmtime; the target, which
   * reads the same under every layout, adds the reasons that survive a recompile */
  h.version_mode = CWASM_VERSION_MODE_IGNORE;
  r = check(&b, &h);
  assert_int_equal(r->findings, 3);
  assert_int_equal(nth(r, CWASM_ITEM_FINDING, 0)->code, CWASM_F_METADATA);
  assert_int_equal(nth(r, CWASM_ITEM_FINDING, 1)->code, CWASM_F_ARCH);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 1)->message, "Module was compiled for architecture 'x86_64'");
  assert_int_equal(nth(r, CWASM_ITEM_FINDING, 2)->code, CWASM_F_OS);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 2)->message, "Module was compiled for operating system 'none'");
  assert_int_equal(count_code(r, CWASM_W_TOLERATED), 1);
  done(&b);
  done(&ref);
}

/* A host made from an artifact accepts that artifact, for every release and
 * architecture family; the CPU comes from the artifact's own flags when its
 * architecture is not this machine's. */
static void test_reference_round_trip(void **state) {
  (void)state;
  static const cwasm_arch arches[] = {CWASM_ARCH_X86_64, CWASM_ARCH_AARCH64, CWASM_ARCH_S390X,
                                      CWASM_ARCH_RISCV64, CWASM_ARCH_PULLEY32, CWASM_ARCH_PULLEY64BE};
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    for (size_t a = 0; a < sizeof arches / sizeof arches[0]; a++) {
      spec s;
      built b;
      cwasm_host h;
      cwasm_diag d;
      cwasm_host_cpu cpu = cpu_all(arches[a]);
      bool native = arches[a] == cwasm_host_cpu_native_arch();
      if (arches[a] >= CWASM_ARCH_PULLEY32 && r < 28) continue;
      spec_for(&s, r, arches[a]);
      build(&s, &b);
      /* this machine's CPU may lack what the all-features spec claims: inject it */
      assert_int_equal(cwasm_host_from_reference(&b.a, native ? &cpu : NULL, &h, &d), CWASM_OK);
      cwasm_report *rep = check(&b, &h);
      if (!rep->compatible || rep->notes) {
        dump(rep);
        fail_msg("v%u arch %d: not compatible with itself as reference", r, arches[a]);
      }
      if (arches[a] == CWASM_ARCH_AARCH64 && r >= 48) {
        assert_true(h.cpu.known & CWASM_CPU_BIT(CWASM_CPU_I8MM));
        assert_true(h.cpu.present & CWASM_CPU_BIT(CWASM_CPU_DOTPROD));
      }
      if (arches[a] == CWASM_ARCH_S390X && r < 36 && !native) /* one HWCAP bit for both names */
        assert_int_equal(h.cpu.known, CWASM_CPU_BIT(CWASM_CPU_MIE2));
      if (arches[a] == CWASM_ARCH_PULLEY32) assert_int_equal(h.pointer_width, 32);
      if (arches[a] == CWASM_ARCH_PULLEY64BE) assert_int_equal(h.endian, CWASM_BIG);
      assert_string_equal(h.version, s.version);
      assert_int_equal(h.strategy, CWASM_STRATEGY_DEFAULT);
      done(&b);
    }
  }
  /* a custom version string makes a Custom host; an empty one a None host */
  spec s;
  built b;
  cwasm_host h;
  cwasm_host_cpu cpu = cpu_all(CWASM_ARCH_X86_64);
  spec_x86(&s, 30);
  snprintf(s.version, sizeof s.version, "mine");
  build(&s, &b);
  assert_int_equal(cwasm_host_from_reference(&b.a, &cpu, &h, NULL), CWASM_OK);
  assert_int_equal(h.strategy, CWASM_STRATEGY_CUSTOM);
  assert_string_equal(h.version, "mine");
  expect_compatible(check(&b, &h));
  done(&b);
  snprintf(s.version, sizeof s.version, "%s", "");
  build(&s, &b);
  assert_int_equal(cwasm_host_from_reference(&b.a, &cpu, &h, NULL), CWASM_OK);
  assert_int_equal(h.strategy, CWASM_STRATEGY_NONE);
  done(&b);
  /* an artifact not decoded to the metadata stage is no reference */
  spec_x86(&s, 30);
  build(&s, &b);
  b.a.stages &= ~CWASM_STAGE_METADATA;
  assert_int_equal(cwasm_host_from_reference(&b.a, &cpu, &h, NULL), CWASM_E_ARGUMENT);
  done(&b);
}

/* Hostile bytes: whatever the lenient parser lets through, the checker
 * handles (run under ASan/UBSan too), and its invariants hold. */
static void test_mutated_artifacts(void **state) {
  (void)state;
  static const uint16_t releases[] = {3, 14, 15, 22, 36, 43, 48};
  uint32_t seed = 12345;
  unsigned checked = 0;
  for (size_t k = 0; k < sizeof releases / sizeof releases[0]; k++) {
    spec s;
    built b;
    cwasm_host h;
    spec_x86(&s, releases[k]);
    build(&s, &b);
    host_x86(&h, releases[k]);
    for (int iter = 0; iter < 400; iter++) {
      uint8_t *copy = malloc(b.len);
      cwasm_artifact a;
      cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
      cwasm_diag d;
      assert_non_null(copy);
      memcpy(copy, b.img, b.len);
      for (int m = 0; m < 1 + iter % 4; m++) {
        seed = seed * 1103515245u + 12345u;
        size_t at = EB_ARTIFACT_ENGINE_OFFSET + (seed >> 8) % (b.len - EB_ARTIFACT_ENGINE_OFFSET);
        copy[at] = (uint8_t)(seed >> 3);
      }
      cwasm_status st = cwasm_parse(copy, b.len, &opt, &a, &d);
      /* a failed parse still says how far it got: check whatever reached the ELF stage */
      if (st == CWASM_OK || (a.stages & CWASM_STAGE_ELF)) {
        assert_int_equal(cwasm_check(&a, &h, &g_report), CWASM_OK);
        assert_int_equal(g_report.compatible, g_report.findings == 0);
        assert_true(g_report.count <= CWASM_REPORT_MAX_ITEMS);
        for (uint32_t i = 0; i < g_report.count; i++) {
          const cwasm_finding *f = &g_report.items[i];
          assert_true(strlen(f->message) < sizeof f->message);
          assert_true(f->kind == CWASM_ITEM_FINDING ? cwasm_status_class_of(f->code) == CWASM_CLASS_FINDING
                                                    : cwasm_status_class_of(f->code) == CWASM_CLASS_WARNING ||
                                                          cwasm_status_class_of(f->code) == CWASM_CLASS_ERROR);
        }
        checked++;
      }
      free(copy);
    }
    done(&b);
  }
  assert_true(checked > 1000);
}

/* ------------------------------------------------------ host API edges */

static void test_host_api(void **state) {
  (void)state;
  cwasm_host h;
  size_t pos = 99;
  assert_int_equal(cwasm_host_init(2, &h), CWASM_E_RELEASE_UNKNOWN);
  assert_int_equal(cwasm_host_init(50, &h), CWASM_E_RELEASE_UNKNOWN);
  assert_int_equal(cwasm_host_init(48, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_init(37, &h), CWASM_OK);
  assert_int_equal(h.version_known, 0);
  assert_int_equal(cwasm_host_init(38, &h), CWASM_OK);
  assert_string_equal(h.version, "38");
  assert_int_equal(cwasm_host_wasm_feature(&h, "threads"), CWASM_UNKNOWN);
  assert_int_equal(cwasm_host_parse_features(&h, "+threads, -simd,gc", &pos), CWASM_OK);
  assert_int_equal(cwasm_host_wasm_feature(&h, "threads"), CWASM_YES);
  assert_int_equal(cwasm_host_wasm_feature(&h, "simd"), CWASM_NO);
  assert_int_equal(cwasm_host_wasm_feature(&h, "gc"), CWASM_YES);
  assert_int_equal(cwasm_host_wasm_feature(&h, "no_such"), CWASM_UNKNOWN);
  assert_int_equal(cwasm_host_parse_features(&h, "threads,bogus", &pos), CWASM_E_ARGUMENT);
  assert_int_equal(pos, 8);
  assert_int_equal(cwasm_host_parse_features(&h, "reference_types", &pos), CWASM_OK);
  assert_int_equal(h.features.bits & ((uint64_t)1 << 3 | (uint64_t)1 << 34), (uint64_t)1 << 3 | (uint64_t)1 << 34);
  assert_int_equal(cwasm_host_init(24, &h), CWASM_OK); /* struct-of-bools names */
  assert_int_equal(cwasm_host_parse_features(&h, "component_model_multiple_returns", &pos), CWASM_OK);
  assert_int_equal(cwasm_host_parse_features(&h, "cm_async", &pos), CWASM_E_ARGUMENT);
  /* tunables by name */
  assert_int_equal(cwasm_host_set_tunable(&h, "static_memory_reservation=42"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(STATIC_MEMORY_RESERVATION)].value, 42);
  assert_int_equal(cwasm_host_set_tunable(&h, "memory_reservation=42"), CWASM_E_ARGUMENT); /* not in T8 */
  assert_int_equal(cwasm_host_set_tunable(&h, "consume_fuel=maybe"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "consume_fuel"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_init(48, &h), CWASM_OK);
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining_small_callee_size=4294967296"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "gc_zeal_alloc_counter=0"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "gc_zeal_alloc_counter=none"), CWASM_OK);
  assert_int_equal(cwasm_host_set_tunable(&h, "operator_cost=Table"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "memory_reservation=18446744073709551616"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_target(&h, "bogus-triple"), CWASM_F_TARGET_PARSE);
  assert_int_equal(h.have_triple, 0);
  /* a manual host knows nothing: everything is a note */
  spec s;
  built b;
  spec_x86(&s, 48);
  build(&s, &b);
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  assert_true(r->notes > 0);
  assert_int_equal(cwasm_check(NULL, &h, r), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_check(&b.a, NULL, r), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_check(&b.a, &h, NULL), CWASM_E_ARGUMENT);
  h.release = 99;
  assert_int_equal(cwasm_check(&b.a, &h, r), CWASM_E_RELEASE_UNKNOWN);
  done(&b);
  /* names */
  assert_string_equal(cwasm_item_kind_name(CWASM_ITEM_NOTE), "note");
  assert_string_equal(cwasm_check_stage_name(CWASM_STAGE_CHECK_ISA_FLAGS), "isa_flags");
  assert_string_equal(cwasm_check_stage_name(CWASM_STAGE_CHECK_ELF), "elf");
  assert_string_equal(cwasm_expect_kind_name(CWASM_EXPECT_EITHER), "either");
  assert_string_equal(cwasm_status_name(CWASM_F_ELF_SECTIONS), "F_ELF_SECTIONS");
  assert_int_equal(cwasm_status_class_of(CWASM_W_UNCHECKED), CWASM_CLASS_WARNING);
}

/* ------------------------------------------------- edges of the API */

static void test_finding_format_and_names(void **state) {
  (void)state;
  cwasm_finding f;
  char buf[64];
  memset(&f, 0, sizeof f);
  strcpy(buf, "x");
  assert_int_equal(cwasm_finding_format(NULL, buf, sizeof buf), 0);
  assert_string_equal(buf, "");
  assert_int_equal(cwasm_finding_format(NULL, NULL, 0), 0);
  strcpy(buf, "x");
  assert_int_equal(cwasm_finding_format(NULL, buf, 0), 0);
  assert_string_equal(buf, "x"); /* size 0: nothing written */
  assert_int_equal(cwasm_finding_format(&f, buf, sizeof buf), 0); /* nothing to say */
  assert_string_equal(buf, "");
  strcpy(f.message, "wrong host endianness");
  f.context = "ctx";
  assert_int_equal(cwasm_finding_format(&f, NULL, 0), strlen("ctx: wrong host endianness"));
  assert_int_equal(cwasm_finding_format(&f, buf, 8), strlen("ctx: wrong host endianness"));
  assert_string_equal(buf, "ctx: wr");
  f.context = NULL;
  assert_int_equal(cwasm_finding_format(&f, NULL, 0), strlen("wrong host endianness"));
  assert_string_equal(cwasm_item_kind_name(CWASM_ITEM_FINDING), "finding");
  assert_string_equal(cwasm_item_kind_name(CWASM_ITEM_WARNING), "warning");
  assert_string_equal(cwasm_item_kind_name((cwasm_item_kind)42), "unknown");
  assert_string_equal(cwasm_check_stage_name(CWASM_STAGE_CHECK_FEATURES), "features");
  assert_string_equal(cwasm_check_stage_name((cwasm_check_stage)42), "unknown");
  assert_string_equal(cwasm_check_stage_name((cwasm_check_stage)-1), "unknown");
  assert_string_equal(cwasm_expect_kind_name(CWASM_EXPECT_MODULE), "module");
  assert_string_equal(cwasm_expect_kind_name(CWASM_EXPECT_COMPONENT), "component");
  assert_string_equal(cwasm_expect_kind_name((cwasm_expect_kind)42), "unknown");
}

static void test_host_setters_reject(void **state) {
  (void)state;
  cwasm_host h, zero;
  size_t pos = 77;
  memset(&zero, 0, sizeof zero); /* release 0: not a release */
  /* versions */
  assert_int_equal(cwasm_host_set_version(NULL, CWASM_STRATEGY_DEFAULT, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_version(&zero, CWASM_STRATEGY_DEFAULT, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_init(40, &h), CWASM_OK);
  assert_int_equal(cwasm_host_set_version(&h, (cwasm_version_strategy)9, "40"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_CUSTOM, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(h.strategy, CWASM_STRATEGY_DEFAULT);
  /* targets: a triple without width or byte order keeps the host's */
  assert_int_equal(cwasm_host_set_target(NULL, "x86_64"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_target(&h, NULL), CWASM_E_ARGUMENT);
  h.pointer_width = 64;
  h.endian = CWASM_LITTLE;
  assert_int_equal(cwasm_host_set_target(&h, "unknown-unknown-unknown"), CWASM_OK);
  assert_int_equal(h.have_triple, 1);
  assert_int_equal(h.pointer_width, 64);
  assert_int_equal(h.endian, CWASM_LITTLE);
  /* feature lists */
  assert_int_equal(cwasm_host_parse_features(NULL, "threads", &pos), CWASM_E_ARGUMENT);
  assert_int_equal(pos, 0);
  assert_int_equal(cwasm_host_parse_features(&h, NULL, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_parse_features(&zero, "threads", NULL), CWASM_E_ARGUMENT);
  assert_int_equal(h.have_features, 0);
  assert_int_equal(cwasm_host_parse_features(&h, "", &pos), CWASM_OK); /* empty: no feature on */
  assert_int_equal(h.have_features, 1);
  assert_true(h.features.bits == 0);
  assert_int_equal(cwasm_host_parse_features(&h, "\tthreads ,simd\t", &pos), CWASM_OK);
  assert_int_equal(cwasm_host_wasm_feature(&h, "threads"), CWASM_YES);
  assert_int_equal(cwasm_host_wasm_feature(&h, "simd"), CWASM_YES);
  pos = 77;
  assert_int_equal(cwasm_host_parse_features(&h, "-threads simd", &pos), CWASM_E_ARGUMENT);
  assert_int_equal(pos, 0);
  assert_int_equal(cwasm_host_parse_features(&h, "-threads,", &pos), CWASM_E_ARGUMENT); /* empty item */
  assert_int_equal(pos, 9);
  assert_int_equal(cwasm_host_parse_features(&h, "simd,+", NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_wasm_feature(&h, "threads"), CWASM_YES); /* unchanged on failure */
  /* wasm features of a host that cannot say */
  assert_int_equal(cwasm_host_wasm_feature(NULL, "threads"), CWASM_UNKNOWN);
  assert_int_equal(cwasm_host_wasm_feature(&h, NULL), CWASM_UNKNOWN);
  cwasm_host other = h;
  other.release = 0;
  assert_int_equal(cwasm_host_wasm_feature(&other, "threads"), CWASM_UNKNOWN);
}

static void test_host_set_tunable_values(void **state) {
  (void)state;
  cwasm_host h, zero;
  memset(&zero, 0, sizeof zero);
  assert_int_equal(cwasm_host_set_tunable(NULL, "consume_fuel=true"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&zero, "consume_fuel=true"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_init(48, &h), CWASM_OK);
  assert_int_equal(cwasm_host_set_tunable(&h, NULL), CWASM_E_ARGUMENT);
  /* integers: decimal digits only */
  assert_int_equal(cwasm_host_set_tunable(&h, "memory_reservation="), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "memory_reservation=12a"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "memory_reservation=-1"), CWASM_E_ARGUMENT);
  assert_int_equal(h.tunables.f[T(MEMORY_RESERVATION)].present, 0);
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining_small_callee_size=x"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining_small_callee_size=4294967295"), CWASM_OK);
  assert_true(h.tunables.f[T(INLINING_SMALL_CALLEE_SIZE)].value == 4294967295u);
  /* booleans in both spellings */
  static const struct {
    const char *a;
    uint64_t v;
  } bools[] = {{"consume_fuel=true", 1}, {"consume_fuel=0", 0}, {"consume_fuel=1", 1}, {"consume_fuel=false", 0}};
  for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++) {
    assert_int_equal(cwasm_host_set_tunable(&h, bools[i].a), CWASM_OK);
    assert_int_equal(h.tunables.f[T(CONSUME_FUEL)].present, 1);
    assert_int_equal(h.tunables.f[T(CONSUME_FUEL)].value, bools[i].v);
  }
  /* "?": unknown again */
  assert_int_equal(cwasm_host_set_tunable(&h, "consume_fuel=?"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(CONSUME_FUEL)].present, 0);
  /* Option<Collector>: None, a variant name or its Display */
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=None"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(COLLECTOR)].is_none, 1);
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=copying"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(COLLECTOR)].is_none, 0);
  assert_int_equal(h.tunables.f[T(COLLECTOR)].value, 2);
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=Null"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(COLLECTOR)].value, 1);
  assert_int_equal(cwasm_host_set_tunable(&h, "collector=Bogus"), CWASM_E_ARGUMENT);
  /* Inlining (v45+) by variant name */
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining=No"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(INLINING_ENUM)].value, 4);
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining=no"), CWASM_E_ARGUMENT);
  /* OperatorCost: Default only */
  assert_int_equal(cwasm_host_set_tunable(&h, "operator_cost=Default"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(OPERATOR_COST)].present, 1);
  assert_int_equal(h.tunables.f[T(OPERATOR_COST)].value, 1);
  /* Option<NonZeroU32> */
  assert_int_equal(cwasm_host_set_tunable(&h, "gc_zeal_alloc_counter=5"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(GC_ZEAL_ALLOC_COUNTER)].value, 5);
  assert_int_equal(h.tunables.f[T(GC_ZEAL_ALLOC_COUNTER)].is_none, 0);
  assert_int_equal(cwasm_host_set_tunable(&h, "gc_zeal_alloc_counter=x"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "gc_zeal_alloc_counter=4294967296"), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_host_set_tunable(&h, "gc_zeal_alloc_counter=None"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(GC_ZEAL_ALLOC_COUNTER)].is_none, 1);
  /* IntraModuleInlining (v36-v44) */
  assert_int_equal(cwasm_host_init(40, &h), CWASM_OK);
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining_intra_module=WhenUsingGc"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(INLINING_INTRA_MODULE)].value, 2);
  assert_int_equal(cwasm_host_set_tunable(&h, "inlining_intra_module=Sometimes"), CWASM_E_ARGUMENT);
  /* usize (v21-v22) */
  assert_int_equal(cwasm_host_init(21, &h), CWASM_OK);
  assert_int_equal(cwasm_host_set_tunable(&h, "max_call_indirect_cache_slots=50"), CWASM_OK);
  assert_int_equal(h.tunables.f[T(MAX_CALL_INDIRECT_CACHE_SLOTS)].value, 50);
  assert_int_equal(cwasm_host_set_tunable(&h, "max_call_indirect_cache_slots=5x"), CWASM_E_ARGUMENT);
}

/* References the happy path does not see: bad arguments, a target that does
 * not parse, an architecture Wasmtime does not run on, foreign ISA flags, a
 * 255-byte version, a development build. */
static void test_reference_edges(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  cwasm_diag d;
  cwasm_artifact forged;
  cwasm_release rel;
  assert_int_equal(cwasm_host_from_reference(NULL, NULL, NULL, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "host");
  assert_int_equal(cwasm_host_from_reference(NULL, NULL, &h, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "reference");
  spec_x86(&s, 39);
  build(&s, &b);
  forged = b.a;
  forged.release = NULL;
  assert_int_equal(cwasm_host_from_reference(&forged, NULL, &h, &d), CWASM_E_ARGUMENT);
  forged = b.a;
  forged.meta.have &= ~CWASM_HAVE_FEATURES;
  assert_int_equal(cwasm_host_from_reference(&forged, NULL, &h, &d), CWASM_E_ARGUMENT);
  rel = *b.a.release;
  rel.major = 99;
  forged = b.a;
  forged.release = &rel;
  assert_int_equal(cwasm_host_from_reference(&forged, NULL, &h, &d), CWASM_E_RELEASE_UNKNOWN);
  assert_string_equal(d.field, "reference.release");
  done(&b);

  /* a target that does not parse: where it is */
  snprintf(s.target, sizeof s.target, "bogus-target");
  build(&s, &b);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_F_TARGET_PARSE);
  assert_int_equal(d.offset, b.a.meta.target_offset);
  done(&b);

  /* an architecture Wasmtime has no probe for: the CPU is unknown */
  spec_x86(&s, 39);
  snprintf(s.target, sizeof s.target, "powerpc64le-unknown-linux-gnu");
  build(&s, &b);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
  assert_int_equal(h.cpu_mode, CWASM_CPU_MODE_UNKNOWN);
  assert_int_equal(h.cpu.arch, CWASM_ARCH_UNKNOWN);
  assert_true(h.cpu.known == 0);
  assert_int_equal(h.pointer_width, 64);
  assert_int_equal(h.endian, CWASM_LITTLE);
  done(&b);

  /* another machine's reference: only its own architecture's probe flags count */
  spec_for(&s, 39, CWASM_ARCH_AARCH64);
  s.nisa = 0;
  set_bool(s.isa, &s.nisa, "has_lse", 0);
  set_bool(s.isa, &s.nisa, "has_fp16", 1);
  set_bool(s.isa, &s.nisa, "has_avx", 1);    /* an x86 feature in the global table */
  set_enum(s.isa, &s.nisa, "sign_return_address", "none");
  build(&s, &b);
  if (cwasm_host_cpu_native_arch() != CWASM_ARCH_AARCH64) {
    assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
    assert_int_equal(h.cpu_mode, CWASM_CPU_MODE_PROBE);
    assert_int_equal(h.cpu.arch, CWASM_ARCH_AARCH64);
    assert_true(h.cpu.known == (CWASM_CPU_BIT(CWASM_CPU_LSE) | CWASM_CPU_BIT(CWASM_CPU_FP16)));
    assert_true(h.cpu.present == CWASM_CPU_BIT(CWASM_CPU_FP16));
  }
  done(&b);

  /* a Pulley reference: width and byte order from its flags, other flags ignored */
  spec_for(&s, 40, CWASM_ARCH_PULLEY64);
  set_enum(s.isa, &s.nisa, "some_enum", "value");
  set_bool(s.isa, &s.nisa, "some_bool", 1);
  set_bool(s.isa, &s.nisa, "big_endian", 1);
  build(&s, &b);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
  assert_int_equal(h.pointer_width, 64);
  assert_int_equal(h.endian, CWASM_BIG);
  assert_int_equal(h.cpu_mode, CWASM_CPU_MODE_PROBE);
  done(&b);

  /* the longest version string Wasmtime writes (255 bytes) is kept whole */
  spec_x86(&s, 39);
  memset(s.version, 'v', 255);
  s.version[255] = '\0';
  build(&s, &b);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
  assert_int_equal(strlen(h.version), 255);
  assert_int_equal(h.strategy, CWASM_STRATEGY_CUSTOM);
  done(&b);

  /* a release's string in another form, and a development build ("44" over
   * the v48 layout): custom strings, compared as written */
  spec_x86(&s, 48);
  snprintf(s.version, sizeof s.version, "48.0.0");
  build(&s, &b);
  assert_int_equal(b.a.version.kind, CWASM_VERSION_RELEASE);
  assert_int_equal(b.a.version.canonical, 0);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
  assert_int_equal(h.strategy, CWASM_STRATEGY_CUSTOM);
  done(&b);
  snprintf(s.version, sizeof s.version, "44");
  build(&s, &b);
  assert_int_equal(b.a.layout_source, CWASM_LAYOUT_INFERRED);
  assert_true(b.a.release->major > 44); /* a later layout fits */
  assert_int_equal(b.a.version.major, 44);
  assert_int_equal(b.a.version.canonical, 1);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, &d), CWASM_OK);
  assert_int_equal(h.release, b.a.release->major);
  assert_int_equal(h.strategy, CWASM_STRATEGY_CUSTOM);
  assert_string_equal(h.version, "44");
  done(&b);
}

/* The item about `field`, or a failure. */
static const cwasm_finding *item_for(const cwasm_report *r, const char *field) {
  for (uint32_t i = 0; i < r->count; i++)
    if (strcmp(r->items[i].field, field) == 0) return &r->items[i];
  dump(r);
  fail_msg("no item for %s", field);
  return NULL;
}

/* An artifact from explicit sections (ELF class and e_flags as given), parsed
 * leniently. */
static void build_sections(built *b, const eb_section *secs, size_t n, uint8_t cls, uint32_t e_flags) {
  eb_spec es;
  cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
  cwasm_diag d;
  memset(&es, 0, sizeof es);
  es.elf_class = cls;
  es.sections = secs;
  es.nsections = n;
  es.set = EB_H_FLAGS;
  es.flags = e_flags;
  assert_int_equal(eb_build(&es, &b->img, &b->len, NULL), 0);
  assert_int_equal(cwasm_parse(b->img, b->len, &opt, &b->a, &d), CWASM_OK);
}

static void engine_section(eb_section *sec, const uint8_t *engine, size_t n) {
  memset(sec, 0, sizeof *sec);
  sec->name = ".wasmtime.engine";
  sec->type = EB_SHT_PROGBITS;
  sec->data = engine;
  sec->size = n;
}

/* ELF32 (v3-v21 only), and "either kind" in the equality era. */
static void test_elf32_and_either_kind(void **state) {
  (void)state;
  static uint8_t engine[20000];
  spec s;
  built b;
  cwasm_host h;
  eb_section sec;
  spec_x86(&s, 20);
  size_t n = engine_bytes(&s, engine, sizeof engine);
  engine_section(&sec, engine, n);
  build_sections(&b, &sec, 1, 32, CWASM_EF_MODULE);
  assert_int_equal(b.a.elf.elf_class, 32);
  host_x86(&h, 20);
  expect_compatible(check(&b, &h));
  /* the wrong kind is blamed at ELF32's e_flags */
  h.expect = CWASM_EXPECT_COMPONENT;
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_KIND, "incompatible object file format");
  assert_int_equal(f->offset, 36);
  assert_string_equal(f->host, "== 0x2 (component)");
  done(&b);
  /* from v22 Wasmtime reads ELF64 only */
  spec_x86(&s, 22);
  n = engine_bytes(&s, engine, sizeof engine);
  engine_section(&sec, engine, n);
  build_sections(&b, &sec, 1, 32, CWASM_EF_MODULE);
  host_x86(&h, 22);
  f = expect_one(check(&b, &h), CWASM_F_ELF_HEADER, "Unsupported ELF header");
  assert_string_equal(f->context, "failed to parse precompiled artifact as an ELF");
  assert_int_equal(f->offset, 4);
  assert_string_equal(f->artifact, "ELFCLASS32");
  assert_string_equal(f->host, "ELFCLASS64");
  done(&b);
  /* "either" up to v31: exactly a module or exactly a component */
  spec_x86(&s, 20);
  s.e_flags = CWASM_EF_COMPONENT;
  build(&s, &b);
  host_x86(&h, 20);
  h.expect = CWASM_EXPECT_EITHER;
  expect_compatible(check(&b, &h));
  done(&b);
  s.e_flags = CWASM_EF_MODULE | CWASM_EF_COMPONENT;
  build(&s, &b);
  f = expect_one(check(&b, &h), CWASM_F_KIND, "incompatible object file format");
  assert_string_equal(f->artifact, "0x3");
  assert_string_equal(f->host, "== 0x1 or 0x2");
  done(&b);
}

/* ------------------------------------- the object crate's aligned reads */

/*
 * Wasmtime v3-v35 built the object crate without its `unaligned` feature
 * (spec §2.4 mode A "Alignment", §8 v36 row): the program header, section
 * header and symbol tables are read as naturally aligned structs, and
 * Wasmtime's input is page-aligned, so a table at a file offset that is not a
 * multiple of the class's word (8 for ELF64, 4 for ELF32) fails the parse that
 * Wasmtime wraps in "failed to parse precompiled artifact as an ELF". From v36
 * the reads are unaligned and the same file loads. cwasm's own strict parse
 * reads all of these files.
 */
typedef struct odd_elf {
  uint8_t cls;           /* 64 or 32 */
  bool ext_shnum;        /* e_shnum 0, the count in section 0's sh_size */
  size_t table_pad;      /* zero bytes inserted before the section header table */
  uint64_t phoff;        /* e_phoff; 0: no program header table */
  uint16_t phnum;        /* e_phnum (e_phentsize is the class's when phoff is set) */
  const eb_section *more; /* sections after the engine section (indices 2...) */
  size_t nmore;
} odd_elf;

/* An artifact of `release` (x86_64 Linux, the release's defaults) shaped by
 * `o`, parsed strictly. */
static void build_odd(built *b, uint16_t release, const odd_elf *o) {
  static uint8_t engine[20000];
  eb_section secs[8];
  eb_spec es;
  eb_info info;
  cwasm_diag d;
  spec s;
  spec_x86(&s, release);
  size_t n = engine_bytes(&s, engine, sizeof engine);
  assert_true(o->nmore < sizeof secs / sizeof secs[0]);
  engine_section(&secs[0], engine, n);
  for (size_t i = 0; i < o->nmore; i++) secs[1 + i] = o->more[i];
  memset(&es, 0, sizeof es);
  es.elf_class = o->cls;
  es.sections = secs;
  es.nsections = 1 + o->nmore;
  es.ext_shnum = o->ext_shnum;
  if (o->phoff) {
    es.set |= EB_H_PHOFF | EB_H_PHNUM | EB_H_PHENTSIZE;
    es.phoff = o->phoff;
    es.phnum = o->phnum;
    es.phentsize = o->cls == 32 ? 32 : 56;
  }
  assert_int_equal(eb_build(&es, &b->img, &b->len, &info), 0);
  assert_int_equal(info.shoff % 8, 0); /* where elfbuild puts the table */
  if (o->table_pad) {
    /* the table is the image's last part: move it, leaving the data in place */
    size_t at = (size_t)info.shoff;
    uint8_t *img = calloc(1, b->len + o->table_pad);
    assert_non_null(img);
    memcpy(img, b->img, at);
    memcpy(img + at + o->table_pad, b->img + at, b->len - at);
    eb_put(img, o->cls == 32 ? 32u : 40u, o->cls == 32 ? 4u : 8u, at + o->table_pad, false);
    free(b->img);
    b->img = img;
    b->len += o->table_pad;
  }
  if (cwasm_parse(b->img, b->len, NULL, &b->a, &d) != CWASM_OK) {
    char msg[256];
    cwasm_diag_format(&d, msg, sizeof msg);
    fail_msg("strict parse: %s", msg);
  }
}

/* The one finding of the object crate's parse, with its field, offset, section index and texts. */
static void expect_object_finding(const cwasm_report *r, const char *field, uint64_t offset, uint32_t index,
                                  const char *artifact, const char *host, const char *message) {
  const cwasm_finding *f = expect_one(r, CWASM_F_ELF_SECTIONS, message);
  assert_int_equal(f->kind, CWASM_ITEM_FINDING);
  assert_int_equal(f->stage, CWASM_STAGE_CHECK_ELF);
  assert_string_equal(f->context, "failed to parse precompiled artifact as an ELF");
  assert_string_equal(f->field, field);
  assert_int_equal(f->offset, offset);
  assert_int_equal(f->index, index);
  assert_string_equal(f->artifact, artifact);
  assert_string_equal(f->host, host);
  assert_int_equal(r->warnings, 0);
}

/* `o` built for each release of `with` (0-terminated) gets the finding, for each of `without` it does not. */
static void odd_per_release(const odd_elf *o, const uint16_t *with, const uint16_t *without, const char *field,
                            uint64_t offset, uint32_t index, const char *artifact, const char *message) {
  built b;
  cwasm_host h;
  for (; *with; with++) {
    build_odd(&b, *with, o);
    host_x86(&h, *with);
    expect_object_finding(check(&b, &h), field, offset, index, artifact, "a naturally aligned table", message);
    done(&b);
  }
  for (; *without; without++) {
    build_odd(&b, *without, o);
    host_x86(&h, *without);
    expect_compatible(check(&b, &h));
    done(&b);
  }
}

static void test_object_crate_misaligned_header_tables(void **state) {
  (void)state;
  static const uint16_t aligned_eras[] = {3, 21, 22, 28, 35, 0};
  static const uint16_t unaligned_eras[] = {36, 42, 43, 49, 0};
  static const uint16_t elf32_era[] = {3, 21, 0};
  static const uint16_t none[] = {0};
  odd_elf o;

  /* e_shoff 4 past a multiple of 8, e_shnum set: object's section_headers() */
  memset(&o, 0, sizeof o);
  o.cls = 64;
  o.table_pad = 4;
  odd_per_release(&o, aligned_eras, unaligned_eras, "e_shoff", 40, CWASM_NO_INDEX, "misaligned",
                  "Invalid ELF section header offset/size/alignment");
  /* e_shnum 0: the count is read from section 0 first, object's section_0() */
  o.ext_shnum = true;
  odd_per_release(&o, aligned_eras, unaligned_eras, "e_shoff", 40, CWASM_NO_INDEX, "misaligned",
                  "Invalid ELF section header offset or size");
  /* ELF32 (read by v3-v21 only): its word is 4, and e_shoff is at 32 */
  memset(&o, 0, sizeof o);
  o.cls = 32;
  o.table_pad = 2;
  odd_per_release(&o, elf32_era, none, "e_shoff", 32, CWASM_NO_INDEX, "misaligned",
                  "Invalid ELF section header offset/size/alignment");
  o.table_pad = 4; /* a multiple of ELF32's word */
  odd_per_release(&o, none, elf32_era, NULL, 0, 0, NULL, NULL);

  /* a program header table at 4 (inside the file, overlapping the header) */
  memset(&o, 0, sizeof o);
  o.cls = 64;
  o.phoff = 4;
  o.phnum = 1;
  odd_per_release(&o, aligned_eras, unaligned_eras, "e_phoff", 32, CWASM_NO_INDEX, "misaligned",
                  "Invalid ELF program header size or alignment");
  o.phoff = 8; /* aligned: read fine in every era */
  odd_per_release(&o, none, aligned_eras, NULL, 0, 0, NULL, NULL);
  o.phoff = 4; /* e_phnum 0: no table at all, whatever e_phoff says */
  o.phnum = 0;
  odd_per_release(&o, none, aligned_eras, NULL, 0, 0, NULL, NULL);
  memset(&o, 0, sizeof o);
  o.cls = 32;
  o.phoff = 2;
  o.phnum = 1;
  odd_per_release(&o, elf32_era, none, "e_phoff", 28, CWASM_NO_INDEX, "misaligned",
                  "Invalid ELF program header size or alignment");
  o.phoff = 4;
  odd_per_release(&o, none, elf32_era, NULL, 0, 0, NULL, NULL);
}

/* Symbol and relocation tables of an ELF32 (v3-v21) and an ELF64 file. */
static void test_object_crate_symbol_tables(void **state) {
  (void)state;
  static const uint8_t sym[24]; /* the null symbol, Elf64_Sym size (Elf32_Sym: 16) */
  static const uint8_t strtab[1];
  static const uint16_t elf32_era[] = {21, 0};
  static const uint16_t with_symbols[] = {21, 35, 42, 0};
  static const uint16_t none[] = {0};
  eb_section more[4];
  odd_elf o;

  /* ELF32: [1] engine, [2] 1-byte pad, [3] .symtab right after it (not a multiple of 4), [4] .strtab */
  memset(more, 0, sizeof more);
  more[0].name = ".pad";
  more[0].type = EB_SHT_PROGBITS;
  more[0].size = 1;
  more[0].addralign = 8; /* the pad starts aligned whatever the engine's size */
  more[1].name = ".symtab";
  more[1].type = EB_SHT_SYMTAB;
  more[1].data = sym;
  more[1].size = 16;
  more[1].link = 4;
  more[1].entsize = 16;
  more[2].name = ".strtab";
  more[2].type = EB_SHT_STRTAB;
  more[2].data = strtab;
  more[2].size = 1;
  memset(&o, 0, sizeof o);
  o.cls = 32;
  o.more = more;
  o.nmore = 3;
  built b;
  cwasm_host h;
  cwasm_section s;
  cwasm_diag d;
  build_odd(&b, 21, &o);
  assert_int_equal(cwasm_elf_section(&b.a.elf, 3, &s, &d), CWASM_OK);
  assert_int_equal(s.type, EB_SHT_SYMTAB);
  assert_int_equal(s.offset % 4, 1);
  uint64_t hdr = b.a.elf.shoff + 3u * 40u;
  done(&b);
  odd_per_release(&o, elf32_era, none, "sh_offset", hdr + 16, 3, "misaligned", "Invalid ELF symbol table data");
  more[0].size = 4; /* the table at a multiple of 4 */
  odd_per_release(&o, none, elf32_era, NULL, 0, 0, NULL, NULL);

  /* ELF64: [2] .symtab (aligned), [3] .strtab, [4] .rela.text linked to the
   * symbol table. object checks sh_info only when it is not 0 (0: dynamic
   * relocations, applying to no section). */
  memset(more, 0, sizeof more);
  more[0].name = ".symtab";
  more[0].type = EB_SHT_SYMTAB;
  more[0].data = sym;
  more[0].size = 24;
  more[0].addralign = 8;
  more[0].link = 3;
  more[0].entsize = 24;
  more[1].name = ".strtab";
  more[1].type = EB_SHT_STRTAB;
  more[1].data = strtab;
  more[1].size = 1;
  more[2].name = ".rela.text";
  more[2].type = EB_SHT_RELA;
  more[2].addralign = 8;
  more[2].link = 2;
  more[2].info = 0;
  more[2].entsize = 24;
  memset(&o, 0, sizeof o);
  o.cls = 64;
  o.more = more;
  o.nmore = 3;
  odd_per_release(&o, none, with_symbols, NULL, 0, 0, NULL, NULL);
  more[2].info = 9; /* past the 6 sections */
  build_odd(&b, 21, &o);
  host_x86(&h, 21);
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_ELF_SECTIONS,
                                      "Invalid ELF sh_info for relocation section");
  assert_string_equal(f->context, "failed to parse precompiled artifact as an ELF");
  assert_string_equal(f->field, "sh_info");
  assert_int_equal(f->offset, b.a.elf.shoff + 4u * 64u + 44u);
  assert_int_equal(f->index, 4);
  assert_string_equal(f->artifact, "past the section table");
  assert_string_equal(f->host, "a section index");
  done(&b);
}

/* The prepared fast path replays the reference's check items with their
 * offsets moved to the input's engine section; an item that has no offset in
 * the artifact (a note on an unknown host value) keeps CWASM_NO_OFFSET. */
static void test_prepared_replay_keeps_unplaced_notes(void **state) {
  (void)state;
  static uint8_t engine[20000];
  static cwasm_prepared prep;
  static cwasm_report fast;
  static const uint8_t pad[8];
  eb_section secs[2];
  eb_spec es;
  spec s;
  built ref, in;
  cwasm_host h;
  cwasm_diag d;
  spec_x86(&s, 40);
  size_t n = engine_bytes(&s, engine, sizeof engine);
  build_engine(&ref, engine, n, CWASM_EF_MODULE, false);
  host_x86(&h, 40);
  h.have_features = 0; /* v40's stack_switch_model rule needs them too */
  assert_int_equal(cwasm_prepare(&h, &ref.a, NULL, &prep, &d), CWASM_OK);
  assert_int_equal(prep.shortcut, 1);
  assert_int_equal(prep.notes, 2);
  assert_int_equal(prep.count, 2);
  assert_string_equal(prep.items[0].field, "shared_flags.stack_switch_model");
  uint64_t flag_at = prep.items[0].offset;
  assert_true(flag_at > EB_ARTIFACT_ENGINE_OFFSET && flag_at < EB_ARTIFACT_ENGINE_OFFSET + n);
  assert_string_equal(prep.items[1].field, "features");
  assert_int_equal(prep.items[1].offset, CWASM_NO_OFFSET);

  /* the same engine bytes, 8 bytes further and one index later */
  memset(secs, 0, sizeof secs);
  secs[0].name = ".pad";
  secs[0].type = EB_SHT_PROGBITS;
  secs[0].data = pad;
  secs[0].size = sizeof pad;
  engine_section(&secs[1], engine, n);
  memset(&es, 0, sizeof es);
  es.sections = secs;
  es.nsections = 2;
  assert_int_equal(eb_build(&es, &in.img, &in.len, NULL), 0);
  assert_int_equal(cwasm_parse_check(&prep, in.img, in.len, &in.a, &fast, &d), CWASM_OK);
  assert_int_equal(in.a.engine.section.offset, EB_ARTIFACT_ENGINE_OFFSET + sizeof pad);
  assert_int_equal(in.a.engine.section.index, 2);
  assert_int_equal(fast.compatible, 1);
  assert_int_equal(fast.findings, 0);
  assert_int_equal(fast.notes, 2);
  assert_int_equal(fast.count, 2);
  const cwasm_finding *f = &fast.items[0];
  assert_int_equal(f->kind, CWASM_ITEM_NOTE);
  assert_int_equal(f->code, CWASM_W_UNCHECKED);
  assert_int_equal(f->stage, CWASM_STAGE_CHECK_SHARED_FLAGS);
  assert_int_equal(f->offset, flag_at + sizeof pad); /* moved with the engine section */
  assert_string_equal(f->message, "not checked: whether the host enables stack switching is unknown");
  f = &fast.items[1];
  assert_int_equal(f->kind, CWASM_ITEM_NOTE);
  assert_int_equal(f->code, CWASM_W_UNCHECKED);
  assert_int_equal(f->stage, CWASM_STAGE_CHECK_FEATURES);
  assert_string_equal(f->field, "features");
  assert_int_equal(f->offset, CWASM_NO_OFFSET); /* not moved */
  assert_string_equal(f->message, "not checked: the host's WebAssembly features are unknown");
  /* exactly what the full parse and check give */
  cwasm_report *slow = check(&in, &h);
  assert_int_equal(slow->count, 2);
  assert_memory_equal(slow->items, fast.items, 2 * sizeof fast.items[0]);
  done(&in);
  done(&ref);
}

/* v43+ reads the last engine section; when that one is unusable, that is the
 * finding and nothing after it is checked. */
static void test_last_engine_section_unusable(void **state) {
  (void)state;
  static uint8_t good[20000];
  static const uint8_t bad_format[] = {1, 0, 0};
  static const uint8_t too_small[] = {0, 200, 'x'};
  static const uint8_t no_length[] = {0};
  static const struct {
    const uint8_t *bytes;
    size_t n;
    uint32_t type;
    bool out_of_range;
    const char *message;
  } cases[] = {
      {bad_format, sizeof bad_format, EB_SHT_PROGBITS, false, "mismatched version in engine section"},
      {too_small, sizeof too_small, EB_SHT_PROGBITS, false, "engine section too small"},
      {no_length, sizeof no_length, EB_SHT_PROGBITS, false, "invalid engine section"},
      {NULL, 16, EB_SHT_NOBITS, false, "invalid engine section"},
      {too_small, sizeof too_small, EB_SHT_PROGBITS, true, "invalid engine section"},
  };
  spec s;
  built b;
  cwasm_host h;
  eb_section secs[2];
  spec_x86(&s, 43);
  size_t n = engine_bytes(&s, good, sizeof good);
  host_x86(&h, 43);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    engine_section(&secs[0], good, n);
    engine_section(&secs[1], cases[i].bytes, cases[i].n);
    secs[1].type = cases[i].type;
    if (cases[i].out_of_range) {
      secs[1].set = EB_S_OFFSET;
      secs[1].sh_offset = 1u << 30;
    }
    build_sections(&b, secs, 2, 64, CWASM_EF_MODULE);
    cwasm_report *r = check(&b, &h);
    const cwasm_finding *f = expect_one(r, CWASM_F_ELF_SECTIONS, cases[i].message);
    assert_string_equal(f->field, ".wasmtime.engine");
    assert_int_equal(f->index, 2);
    assert_string_equal(f->artifact, "section 2");
    assert_int_equal(r->checked_section_last, 1);
    assert_int_equal(count_code(r, CWASM_F_VERSION) + count_code(r, CWASM_W_UNCHECKED), 0);
    /* v42 reads the first one, which is fine */
    cwasm_host old;
    host_x86(&old, 42);
    assert_int_equal(cwasm_host_set_version(&old, CWASM_STRATEGY_DEFAULT, "43"), CWASM_OK);
    assert_int_equal(check(&b, &old)->checked_section_last, 0);
    assert_int_equal(count_code(&g_report, CWASM_F_ELF_SECTIONS), 0);
    done(&b);
  }
}

/* A host that does not know its target: the target and what depends on it
 * are notes, never findings. */
static void test_host_without_triple(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* a target that does not parse is still the finding; the host side is empty */
  spec_x86(&s, 48);
  snprintf(s.target, sizeof s.target, "bogus-target");
  build(&s, &b);
  host_x86(&h, 48);
  h.have_triple = 0;
  const cwasm_finding *f = expect_one(check(&b, &h), CWASM_F_TARGET_PARSE, "Unrecognized architecture: bogus");
  assert_string_equal(f->host, "");
  done(&b);
  /* enable_probestack (v4-v26) depends on the target architecture */
  spec_x86(&s, 20);
  set_bool(s.shared, &s.nshared, "enable_probestack", 1);
  build(&s, &b);
  host_x86(&h, 20);
  h.have_triple = 0;
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  f = item_for(r, "shared_flags.enable_probestack");
  assert_int_equal(f->kind, CWASM_ITEM_NOTE);
  assert_string_equal(f->message, "not checked: the host's target architecture is unknown");
  assert_string_equal(item_for(r, "target")->message, "not checked: the host's target is unknown");
  done(&b);
  /* unwind_info off is fine except on Windows */
  spec_x86(&s, 24);
  set_bool(s.shared, &s.nshared, "unwind_info", 0);
  build(&s, &b);
  host_x86(&h, 24);
  h.have_triple = 0;
  r = check(&b, &h);
  assert_true(r->compatible);
  f = item_for(r, "shared_flags.unwind_info");
  assert_int_equal(f->kind, CWASM_ITEM_NOTE);
  assert_string_equal(f->message, "not checked: the host's target OS is unknown");
  done(&b);
  /* the stack-switching model depends on the OS */
  spec_x86(&s, 35);
  host_x86(&h, 35);
  h.features.bits |= fmask(35, "stack_switching");
  s.features = h.features.bits;
  build(&s, &b);
  h.have_triple = 0;
  r = check(&b, &h);
  assert_true(r->compatible);
  assert_string_equal(item_for(r, "shared_flags.stack_switch_model")->message,
                      "not checked: the host's target OS is unknown");
  done(&b);
  /* ... which on Darwin is "basic", as on Linux */
  spec_for(&s, 35, CWASM_ARCH_AARCH64);
  snprintf(s.target, sizeof s.target, "aarch64-apple-darwin");
  host_for(&h, 35, CWASM_ARCH_AARCH64);
  assert_int_equal(cwasm_host_set_target(&h, "aarch64-apple-darwin"), CWASM_OK);
  h.features.bits |= fmask(35, "stack_switching");
  s.features = h.features.bits;
  build(&s, &b);
  f = expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                 "setting \"stack_switch_model\" is configured to Enum(\"none\") which is not supported");
  assert_string_equal(f->host, "Enum(\"basic\")");
  done(&b);
}

/* A host machine or CPU the host description does not know. */
static void test_isa_unknown_host_machine(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* per-architecture tables (v3-v20) need the machine */
  spec_x86(&s, 20);
  build(&s, &b);
  host_x86(&h, 20);
  h.cpu.arch = CWASM_ARCH_UNKNOWN;
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  assert_true(r->notes > 0);
  assert_string_equal(nth(r, CWASM_ITEM_NOTE, 0)->message, "not checked: the host machine's architecture is unknown");
  /* a CPU description that is silent on a feature */
  host_x86(&h, 20);
  h.cpu.known &= ~CWASM_CPU_BIT(CWASM_CPU_AVX2);
  r = check(&b, &h);
  assert_true(r->compatible);
  assert_int_equal(r->notes, 1);
  assert_string_equal(nth(r, CWASM_ITEM_NOTE, 0)->field, "isa_flags.has_avx2");
  assert_string_equal(nth(r, CWASM_ITEM_NOTE, 0)->message, "not checked: the host CPU description does not say");
  /* no probe function: only the global table (v21+) says so */
  host_x86(&h, 20);
  h.cpu_mode = CWASM_CPU_MODE_NO_PROBE;
  r = check(&b, &h);
  assert_true(r->compatible);
  assert_string_equal(nth(r, CWASM_ITEM_NOTE, 0)->message, "not checked: the host CPU's features are unknown");
  done(&b);
  /* the global table (v21+): a name it does not have, on an unknown machine */
  spec_x86(&s, 39);
  set_bool(s.isa, &s.nisa, "has_something_new", 1);
  build(&s, &b);
  host_x86(&h, 39);
  h.cpu.arch = CWASM_ARCH_UNKNOWN;
  r = check(&b, &h);
  const cwasm_finding *f = item_for(r, "isa_flags.has_something_new");
  assert_int_equal(f->kind, CWASM_ITEM_NOTE);
  assert_string_equal(f->message, "not checked: the host machine's architecture is unknown");
  done(&b);
  /* Pulley's big_endian flag on a host whose byte order is unknown */
  spec_for(&s, 40, CWASM_ARCH_PULLEY64BE);
  build(&s, &b);
  host_for(&h, 40, CWASM_ARCH_PULLEY64BE);
  h.endian = 0;
  r = check(&b, &h);
  assert_true(r->compatible);
  assert_int_equal(count_code(r, CWASM_W_UNCHECKED), 1);
  assert_string_equal(nth(r, CWASM_ITEM_NOTE, 0)->message, "not checked: the host's byte order is unknown");
  done(&b);
}

/* The version check's other branches: more of Rust's Utf8Error texts, a host
 * whose patch is unknown, the caller's major mode and allow list. */
static void test_version_edges(void **state) {
  (void)state;
  static const struct {
    const char *version;
    const char *message;
  } utf8[] = {
      {"\xe0\x80\x80", "invalid utf-8 sequence of 1 bytes from index 0"},         /* overlong */
      {"\xed\xa0\x80", "invalid utf-8 sequence of 1 bytes from index 0"},         /* surrogate */
      {"\xf4\x90\x80\x80", "invalid utf-8 sequence of 1 bytes from index 0"},     /* > U+10FFFF */
      {"\xc3\xa9\xff", "invalid utf-8 sequence of 1 bytes from index 2"},         /* after a good one */
      {"\xe4\xb8\x41", "invalid utf-8 sequence of 2 bytes from index 0"},         /* bad third byte */
  };
  spec s;
  built b;
  cwasm_host h;
  const cwasm_finding *f;
  host_x86(&h, 48);
  for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++) {
    spec_x86(&s, 48);
    snprintf(s.version, sizeof s.version, "%s", utf8[i].version);
    build(&s, &b);
    expect_one(check(&b, &h), CWASM_F_VERSION, utf8[i].message);
    done(&b);
  }
  /* the caller's major mode needs a valid release-shaped string of the same major */
  h.version_mode = CWASM_VERSION_MODE_MAJOR;
  static const char *const not_same_major[] = {"4\xff", "custom", "99.0.0", "47"};
  for (size_t i = 0; i < sizeof not_same_major / sizeof not_same_major[0]; i++) {
    spec_x86(&s, 48);
    snprintf(s.version, sizeof s.version, "%s", not_same_major[i]);
    build(&s, &b);
    cwasm_report *r = check(&b, &h);
    assert_int_equal(count_code(r, CWASM_F_VERSION), 1);
    assert_int_equal(count_code(r, CWASM_W_TOLERATED), 0);
    assert_int_equal(nth(r, CWASM_ITEM_FINDING, 0)->code, CWASM_F_VERSION);
    done(&b);
  }
  /* an allow list that does not name the string; a NULL entry and a NULL list are skipped */
  h.version_mode = CWASM_VERSION_MODE_EXACT;
  static const char *const allow[] = {NULL, "47.0.0"};
  spec_x86(&s, 48);
  snprintf(s.version, sizeof s.version, "47");
  build(&s, &b);
  h.version_allow = allow;
  h.version_allow_count = 2;
  assert_int_equal(count_code(check(&b, &h), CWASM_F_VERSION), 1);
  h.version_allow = NULL;
  assert_int_equal(count_code(check(&b, &h), CWASM_F_VERSION), 1);
  h.version_allow_count = 0;
  done(&b);
  /* a v24 host whose patch is unknown: only "24.x.y" strings are notes */
  host_x86(&h, 24);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_DEFAULT, NULL), CWASM_OK);
  static const struct {
    const char *version;
    const char *message;
  } v24[] = {
      {"24", "Module was compiled with incompatible Wasmtime version '24'"},
      {"23.0.0", "Module was compiled with incompatible Wasmtime version '23.0.0'"},
      {"custom", "Module was compiled with incompatible Wasmtime version 'custom'"},
      {"\xff", "invalid utf-8 sequence of 1 bytes from index 0"},
  };
  for (size_t i = 0; i < sizeof v24 / sizeof v24[0]; i++) {
    spec_x86(&s, 24);
    snprintf(s.version, sizeof s.version, "%s", v24[i].version);
    build(&s, &b);
    f = nth(check(&b, &h), CWASM_ITEM_FINDING, 0); /* "23.0.0" also selects another layout */
    assert_non_null(f);
    assert_int_equal(f->code, CWASM_F_VERSION);
    assert_string_equal(f->message, v24[i].message);
    assert_string_equal(f->host, "24.?.?");
    done(&b);
  }
  /* same major, unknown patch, tolerated by the caller: a tolerance note */
  spec_x86(&s, 24);
  snprintf(s.version, sizeof s.version, "24.0.5");
  build(&s, &b);
  h.version_mode = CWASM_VERSION_MODE_MAJOR;
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  assert_int_equal(count_code(r, CWASM_W_UNCHECKED), 0);
  assert_int_equal(count_code(r, CWASM_W_TOLERATED), 1);
  f = nth(r, CWASM_ITEM_NOTE, 0);
  assert_string_equal(f->message, "same major version accepted by the caller (version mode major); Wasmtime "
                                  "would say: Module was compiled with incompatible Wasmtime version '24.0.5'");
  assert_string_equal(f->host, "24.?.?");
  done(&b);
}

/* An artifact whose own parse failed in the metadata (so it has no decoded
 * metadata), checked against a host of its release. */
static void build_failing(built *b, const uint8_t *engine, size_t n, cwasm_status want) {
  cwasm_options opt = {CWASM_OPT_LENIENT, 0, 0, 0};
  cwasm_diag d;
  assert_int_equal(eb_artifact(&b->img, &b->len, engine, n, CWASM_EF_MODULE, false), 0);
  assert_int_equal(cwasm_parse(b->img, b->len, &opt, &b->a, &d), want);
  assert_false(b->a.stages & CWASM_STAGE_METADATA);
}

/* The codec messages of decode failures other than truncation and values:
 * NonZero's serde error, and a limit of this library. */
static void test_codec_messages(void **state) {
  (void)state;
  static uint8_t engine[20000];
  spec s;
  built b;
  cwasm_host h;
  const cwasm_finding *f;
  /* Option<NonZeroU32> holding 0 */
  spec_x86(&s, 48);
  s.tun.f[T(GC_ZEAL_ALLOC_COUNTER)].present = 1;
  s.tun.f[T(GC_ZEAL_ALLOC_COUNTER)].is_none = 0;
  s.tun.f[T(GC_ZEAL_ALLOC_COUNTER)].value = 0;
  size_t n = engine_bytes(&s, engine, sizeof engine);
  build_failing(&b, engine, n, CWASM_E_META_NONZERO);
  host_x86(&h, 48);
  f = expect_one(check(&b, &h), CWASM_F_METADATA, "Serde Deserialization Error");
  assert_string_equal(f->artifact, "layout v48-v49");
  assert_string_equal(f->host, "layout v48-v49");
  done(&b);
  /* more shared flags than cwasm decodes (4096): the library's own words */
  static cwasm_default_flag many[CWASM_DEFAULT_MAX_FLAGS + 1];
  static uint8_t meta[65536];
  static uint8_t big[65536 + 300];
  for (size_t i = 0; i < sizeof many / sizeof many[0]; i++) {
    many[i].name = "f";
    many[i].kind = CWASM_FLAG_BOOL;
  }
  mb m;
  mb_values vals;
  const cwasm_layout *l = cwasm_release_get(48)->layout;
  mb_init(&m, meta, sizeof meta, l->codec);
  mb_values_from_tunables(&s.tun, &vals);
  vals.none[T(GC_ZEAL_ALLOC_COUNTER)] = 1;
  mb_metadata_flags(&m, l, s.target, many, sizeof many / sizeof many[0], NULL, 0, &vals, s.features, NULL);
  assert_false(m.overflow);
  n = mb_engine(big, sizeof big, "48", meta, m.n);
  assert_true(n > 0);
  build_failing(&b, big, n, CWASM_E_LIMIT_FLAGS);
  cwasm_report *r = check(&b, &h);
  f = expect_one(r, CWASM_F_METADATA, "flag count exceeds the caller's limit");
  assert_int_equal(count_code(r, CWASM_F_ARCH), 0); /* the target is still compared, and matches */
  done(&b);
}

/* The artifact's layout against the host's: only a layout that gives every
 * byte the same meaning is the host's own reading. A caller-made copy of a
 * layout, differing in one property at a time, shows each is compared. */
static void check_forged_layout(const built *b, const cwasm_host *h, const cwasm_layout *l, bool same) {
  static cwasm_report r;
  cwasm_artifact a = b->a;
  a.meta.layout = l;
  assert_int_equal(cwasm_check(&a, h, &r), CWASM_OK);
  if (same) {
    if (!r.compatible) {
      dump(&r);
      fail_msg("layout copy %s should read the same", l->name);
    }
  } else {
    const cwasm_finding *f = nth(&r, CWASM_ITEM_FINDING, 0);
    if (r.findings != 1 || f->code != CWASM_F_METADATA || strncmp(f->message, "metadata written with", 21) != 0) {
      dump(&r);
      fail_msg("layout copy %s should be a misreading", l->name);
    }
  }
}

static void test_layout_equivalence(void **state) {
  (void)state;
  static uint8_t engine[20000];
  spec s;
  built b;
  cwasm_host h;
  cwasm_layout l;
  cwasm_tunable_id ids[64];
  const char *names[64];
  /* a struct-of-bools era layout */
  spec_x86(&s, 30);
  build(&s, &b);
  host_x86(&h, 30);
  const cwasm_layout *real = b.a.meta.layout;
  assert_ptr_equal(real, cwasm_release_get(30)->layout);
  l = *real;
  check_forged_layout(&b, &h, &l, true);
  l.operator_cost_len = 9; /* no OperatorCost field: the length means nothing */
  check_forged_layout(&b, &h, &l, true);
  l = *real;
  l.codec = CWASM_CODEC_BINCODE;
  check_forged_layout(&b, &h, &l, false);
  l = *real;
  l.flags_map = 1;
  check_forged_layout(&b, &h, &l, false);
  l = *real;
  l.tunables_count--;
  check_forged_layout(&b, &h, &l, false);
  l = *real;
  l.features = CWASM_FEATURES_U32;
  check_forged_layout(&b, &h, &l, false);
  l = *real;
  l.feature_bools_count--;
  check_forged_layout(&b, &h, &l, false);
  l = *real;
  assert_true(real->tunables_count <= 64 && real->feature_bools_count <= 64);
  memcpy(ids, real->tunables, real->tunables_count * sizeof ids[0]);
  ids[real->tunables_count - 1] = T(RECORDING);
  l.tunables = ids;
  check_forged_layout(&b, &h, &l, false);
  l = *real;
  memcpy(names, real->feature_bools, real->feature_bools_count * sizeof names[0]);
  names[real->feature_bools_count - 1] = "something_else";
  l.feature_bools = names;
  check_forged_layout(&b, &h, &l, false);
  done(&b);
  /* bytes after the metadata: a copy no longer reads exactly the same */
  size_t n = engine_bytes(&s, engine, sizeof engine);
  engine[n++] = 0xee;
  build_engine(&b, engine, n, CWASM_EF_MODULE, false);
  assert_true(b.a.meta.trailing_bytes == 1);
  expect_compatible(check(&b, &h)); /* its own layout: Wasmtime ignores the byte */
  check_forged_layout(&b, &h, real, true);
  l = *real;
  check_forged_layout(&b, &h, &l, false);
  done(&b);
  /* an OperatorCost table of another length: the same only when there is no table */
  spec_x86(&s, 48);
  build(&s, &b); /* OperatorCost::Default */
  host_x86(&h, 48);
  real = b.a.meta.layout;
  l = *real;
  l.operator_cost_len++;
  check_forged_layout(&b, &h, &l, true);
  done(&b);
  s.tun.f[T(OPERATOR_COST)].value = 0; /* Table */
  build(&s, &b);
  check_forged_layout(&b, &h, &l, false);
  l = *real;
  check_forged_layout(&b, &h, &l, true);
  done(&b);
}

/* Texts longer than a finding's fields are cut on a UTF-8 boundary and end
 * in "..."; the item says so. */
static void test_long_texts(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  char name[251];
  const cwasm_finding *f;
  /* an unknown shared setting with a 250-byte name */
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  spec_x86(&s, 48);
  set_bool(s.shared, &s.nshared, name, 1);
  build(&s, &b);
  host_x86(&h, 48);
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, 1);
  f = nth(r, CWASM_ITEM_FINDING, 0);
  assert_int_equal(f->code, CWASM_F_SHARED_FLAG_UNKNOWN);
  assert_int_equal(f->truncated, 1);
  assert_int_equal(strlen(f->field), sizeof f->field - 1);
  assert_string_equal(f->field + sizeof f->field - 4, "...");
  assert_true(strncmp(f->field, "shared_flags.nnn", 16) == 0);
  assert_int_equal(strlen(f->message), sizeof f->message - 1);
  assert_true(strncmp(f->message, "unknown shared setting \"nnn", 27) == 0);
  assert_string_equal(f->message + sizeof f->message - 4, "...");
  done(&b);
  /* a long version: cut where a two-byte character would be split */
  spec_x86(&s, 48);
  char *v = s.version;
  *v++ = 'x';
  for (int i = 0; i < 120; i++) {
    *v++ = (char)0xc3;
    *v++ = (char)0xa9; /* é */
  }
  *v = '\0';
  build(&s, &b);
  r = check(&b, &h);
  assert_int_equal(r->findings, 1);
  f = nth(r, CWASM_ITEM_FINDING, 0);
  assert_int_equal(f->code, CWASM_F_VERSION);
  assert_int_equal(f->truncated, 1);
  /* the cut at 92 falls inside an é: back to 91, so 91 bytes and "..." (not 92) */
  assert_int_equal(strlen(f->artifact), sizeof f->artifact - 2);
  assert_string_equal(f->artifact + strlen(f->artifact) - 3, "...");
  assert_int_equal((unsigned char)f->artifact[strlen(f->artifact) - 4], 0xa9); /* a whole é last */
  done(&b);
  /* a host version of bytes that are all continuation bytes: nothing to keep but "..." */
  spec_x86(&s, 48);
  build(&s, &b);
  memset(h.version, 0x80, 120);
  h.version[120] = '\0';
  h.version_len = 120;
  f = expect_one(check(&b, &h), CWASM_F_VERSION, "Module was compiled with incompatible version '48'");
  assert_string_equal(f->host, "...");
  assert_int_equal(f->truncated, 1);
  done(&b);
}

/* The checker reads a caller's artifact struct defensively: warnings beyond
 * the array, a warning without field or value, an engine stage without an
 * engine, values outside their enums. */
static void test_artifact_struct_edges(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  cwasm_artifact a;
  static cwasm_report r;
  const cwasm_finding *f;
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  /* nothing parsed: not an artifact to check */
  memset(&a, 0, sizeof a);
  assert_int_equal(cwasm_check(&a, &h, &r), CWASM_E_ARGUMENT);
  /* a warning count past the array: only the array is read */
  a = b.a;
  memset(&a.warnings, 0, sizeof a.warnings);
  a.warnings.count = 200;
  a.warnings.items[0].code = CWASM_W_TRAILING_BYTES;
  a.warnings.items[0].field = NULL;
  assert_int_equal(cwasm_check(&a, &h, &r), CWASM_OK);
  assert_true(r.compatible);
  assert_int_equal(r.warnings, CWASM_MAX_WARNINGS);
  f = nth(&r, CWASM_ITEM_WARNING, 0);
  assert_string_equal(f->field, "");
  assert_string_equal(f->artifact, ""); /* no value */
  /* an engine stage with no engine section: none is found */
  a = b.a;
  a.engine.count = 0;
  assert_int_equal(cwasm_check(&a, &h, &r), CWASM_OK);
  assert_int_equal(r.findings, 1);
  assert_string_equal(nth(&r, CWASM_ITEM_FINDING, 0)->message, "failed to find section `.wasmtime.engine`");
  /* enum values beyond their variants print as "?" */
  a = b.a;
  a.meta.tunables.f[T(COLLECTOR)].value = 9;
  a.meta.tunables.f[T(INLINING_ENUM)].value = 9;
  assert_int_equal(cwasm_check(&a, &h, &r), CWASM_OK);
  assert_int_equal(r.findings, 2);
  assert_string_equal(nth(&r, CWASM_ITEM_FINDING, 0)->message,
                      "module was compiled for the ? collector but the host is configured to use the copying "
                      "collector");
  assert_string_equal(nth(&r, CWASM_ITEM_FINDING, 0)->artifact, "9");
  assert_string_equal(nth(&r, CWASM_ITEM_FINDING, 1)->message,
                      "module was compiled ? however the host is configured without intra-module inlining");
  /* ... on the host side too */
  h.tunables.f[T(COLLECTOR)].value = 7;
  h.tunables.f[T(INLINING_ENUM)].value = 7;
  r = *check(&b, &h);
  assert_int_equal(r.findings, 2);
  assert_string_equal(nth(&r, CWASM_ITEM_FINDING, 0)->message,
                      "module was compiled for the copying collector but the host is configured to use the ? "
                      "collector");
  assert_string_equal(nth(&r, CWASM_ITEM_FINDING, 1)->message,
                      "module was compiled without intra-module inlining however the host is configured ?");
  done(&b);
  /* a byte order the host names wrongly (v22-v27 compare it) */
  spec_x86(&s, 27);
  build(&s, &b);
  host_x86(&h, 27);
  h.endian = 3;
  f = expect_one(check(&b, &h), CWASM_F_ELF_HEADER, "Unsupported ELF endian");
  assert_string_equal(f->artifact, "little-endian");
  assert_string_equal(f->host, "unknown");
  done(&b);
}

static void test_flag_and_tunable_edges(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  const cwasm_finding *f;
  /* a required Bool written as a Num */
  spec_x86(&s, 48);
  cwasm_default_flag *p = flag_in(s.shared, &s.nshared, "preserve_frame_pointers");
  p->kind = CWASM_FLAG_NUM;
  p->num = 1;
  build(&s, &b);
  host_x86(&h, 48);
  f = expect_one(check(&b, &h), CWASM_F_SHARED_FLAG,
                 "setting \"preserve_frame_pointers\" is configured to Num(1) which is not supported");
  assert_string_equal(f->host, "Bool(true)");
  done(&b);
  /* OperatorCost tables of different lengths */
  spec_x86(&s, 48);
  s.tun.f[T(OPERATOR_COST)].value = 0;
  s.tun.f[T(CONSUME_FUEL)].value = 1;
  build(&s, &b);
  assert_int_equal(cwasm_host_set_tunable(&h, "consume_fuel=true"), CWASM_OK);
  h.tunables.f[T(OPERATOR_COST)] = b.a.meta.tunables.f[T(OPERATOR_COST)];
  expect_compatible(check(&b, &h));
  h.tunables.f[T(OPERATOR_COST)].table.n--;
  expect_one(check(&b, &h), CWASM_F_TUNABLE, "Module costs are incompatible");
  done(&b);
  /* host features in another release's encoding say nothing */
  spec_x86(&s, 48);
  build(&s, &b);
  host_x86(&h, 48);
  h.features.encoding = CWASM_FEATURES_BOOLS;
  cwasm_report *r = check(&b, &h);
  assert_true(r->compatible);
  assert_string_equal(item_for(r, "features")->message, "not checked: the host's WebAssembly features are unknown");
  done(&b);
}

/* Map era (v3-v14): empty names sort first and are deduplicated too; a list
 * of exactly one chunk (64) ends the chunk loop by its count. */
static void test_map_era_dedup_edges(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  static char names[64][8];
  spec_x86(&s, 10);
  cwasm_default_flag extra[2];
  memset(extra, 0, sizeof extra);
  extra[0].name = "";
  extra[0].kind = CWASM_FLAG_BOOL;
  extra[1] = extra[0];
  extra[1].boolean = 1;
  /* map era: the writer stores names sorted, "" first */
  memmove(s.shared + 2, s.shared, s.nshared * sizeof s.shared[0]);
  s.shared[0] = extra[0];
  s.shared[1] = extra[1];
  s.nshared += 2;
  s.nisa = 0;
  for (int i = 0; i < 64; i++) {
    snprintf(names[i], sizeof names[i], "f%02d", i);
    set_bool(s.isa, &s.nisa, names[i], 0); /* Bool(false): never a finding */
  }
  build(&s, &b);
  assert_int_equal(b.a.meta.isa_flags.count, 64);
  host_x86(&h, 10);
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, 1);
  const cwasm_finding *f = nth(r, CWASM_ITEM_FINDING, 0);
  assert_int_equal(f->code, CWASM_F_SHARED_FLAG_UNKNOWN);
  assert_string_equal(f->field, "shared_flags.");
  assert_string_equal(f->artifact, "Bool(true)"); /* the last value of the name */
  assert_int_equal(f->index, 1);
  done(&b);
}

/* Wasm features of the exact-bits era (v33-v36) and flags sharing bits. */
static void test_feature_bits_edges(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  /* gc_types through the gc Cargo gate, off in the artifact: nothing to say */
  spec_x86(&s, 34);
  s.features &= ~fmask(34, "gc_types");
  build(&s, &b);
  host_x86(&h, 34);
  h.gc_cargo_feature = CWASM_NO;
  h.features.bits |= fmask(34, "gc_types");
  expect_compatible(check(&b, &h));
  done(&b);
  /* a two-bit flag with one bit on each side: its bits differ, the flag does not */
  spec_x86(&s, 34);
  uint64_t rt = fmask(34, "reference_types");
  assert_int_equal(__builtin_popcountll(rt), 2);
  s.features = (s.features & ~rt) | (rt & (uint64_t)-(int64_t)rt); /* the lower bit */
  build(&s, &b);
  host_x86(&h, 34);
  h.features.bits = (h.features.bits & ~rt) | (rt & (rt - 1u)); /* the upper bit */
  expect_compatible(check(&b, &h));
  done(&b);
  /* v48: reference_types (bits 3 and 34) missing on the host, and a later flag:
   * call_indirect_overlong (bit 34 alone) was already named */
  spec_x86(&s, 48);
  s.features |= fmask(48, "custom_descriptors");
  build(&s, &b);
  host_x86(&h, 48);
  h.features.bits &= ~(fmask(48, "reference_types") | fmask(48, "custom_descriptors"));
  cwasm_report *r = check(&b, &h);
  assert_int_equal(r->findings, 2);
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 0)->field, "features.reference_types");
  assert_string_equal(nth(r, CWASM_ITEM_FINDING, 1)->field, "features.custom_descriptors");
  done(&b);
}

/* v43+ reads the last engine section: when its metadata is what the host
 * cannot decode, the first section's target is not compared instead. */
static void test_last_engine_metadata_unreadable(void **state) {
  (void)state;
  static uint8_t good[20000];
  static const uint8_t junk[] = {0, 2, '4', '3', 0xff};
  spec s;
  built b;
  cwasm_host h;
  eb_section secs[2];
  spec_x86(&s, 43);
  snprintf(s.target, sizeof s.target, "aarch64-unknown-linux-gnu"); /* would be F_ARCH */
  size_t n = engine_bytes(&s, good, sizeof good);
  engine_section(&secs[0], good, n);
  engine_section(&secs[1], junk, sizeof junk);
  build_sections(&b, secs, 2, 64, CWASM_EF_MODULE);
  assert_true(b.a.meta.have & CWASM_HAVE_TARGET);
  host_x86(&h, 43);
  cwasm_report *r = check(&b, &h);
  const cwasm_finding *f = expect_one(r, CWASM_F_METADATA, "Hit the end of buffer, expected more data");
  assert_string_equal(f->artifact, "layout v43-v44");
  assert_int_equal(r->checked_section_last, 1);
  /* v42 reads the first section: its target is compared */
  host_x86(&h, 42);
  assert_int_equal(cwasm_host_set_version(&h, CWASM_STRATEGY_DEFAULT, "43"), CWASM_OK);
  r = check(&b, &h);
  assert_int_equal(count_code(r, CWASM_F_ARCH), 1);
  done(&b);
}

static void test_host_construction_edges(void **state) {
  (void)state;
  spec s;
  built b;
  cwasm_host h;
  cwasm_artifact a;
  assert_int_equal(cwasm_host_default(99, &h), CWASM_E_RELEASE_UNKNOWN);
  assert_int_equal(cwasm_host_default(48, NULL), CWASM_E_ARGUMENT);
  /* a big-endian 32-bit Pulley reference */
  spec_for(&s, 40, CWASM_ARCH_PULLEY32BE);
  build(&s, &b);
  assert_int_equal(cwasm_host_from_reference(&b.a, NULL, &h, NULL), CWASM_OK);
  assert_int_equal(h.pointer_width, 32);
  assert_int_equal(h.endian, CWASM_BIG);
  assert_int_equal(h.cpu_mode, CWASM_CPU_MODE_PROBE); /* Pulley runs on this machine */
  expect_compatible(check(&b, &h));
  /* a reference whose version string is empty though not "None": an empty custom string */
  a = b.a;
  a.version.kind = CWASM_VERSION_CUSTOM;
  a.engine.version.p = NULL;
  a.engine.version.n = 0;
  assert_int_equal(cwasm_host_from_reference(&a, NULL, &h, NULL), CWASM_OK);
  assert_int_equal(h.strategy, CWASM_STRATEGY_CUSTOM);
  assert_string_equal(h.version, "");
  done(&b);
}

/* Corner cases of Wasmtime v3-v42's object-crate parse (each expectation
 * checked against object 0.30, aligned and unaligned builds). Uses build_odd /
 * odd_elf from the tests above. */
static const uint8_t gap_sym[24];
static const uint8_t gap_strtab[1];

/* An empty SHT_SYMTAB at an odd offset: object still casts the (empty) slice
 * and checks its alignment. */
static void test_object_crate_corner_empty_symtab(void **state) {
  (void)state;
  eb_section more[3];
  odd_elf o;
  built b;
  cwasm_host h;
  memset(more, 0, sizeof more);
  more[0].name = ".pad"; more[0].type = EB_SHT_PROGBITS; more[0].size = 1; more[0].addralign = 8;
  more[1].name = ".symtab"; more[1].type = EB_SHT_SYMTAB; more[1].size = 0; more[1].link = 4;
  more[2].name = ".strtab"; more[2].type = EB_SHT_STRTAB; more[2].data = gap_strtab; more[2].size = 1;
  memset(&o, 0, sizeof o);
  o.cls = 64; o.more = more; o.nmore = 3;
  build_odd(&b, 21, &o);
  host_x86(&h, 21);
  expect_one(check(&b, &h), CWASM_F_ELF_SECTIONS, "Invalid ELF symbol table data");
  done(&b);
}

/* An SHT_SYMTAB_SHNDX (18) linked to the symbol table at an offset that is
 * not a multiple of 4 (its entries are u32). */
static void test_object_crate_corner_symtab_shndx(void **state) {
  (void)state;
  eb_section more[4];
  odd_elf o;
  built b;
  cwasm_host h;
  cwasm_section s;
  cwasm_diag d;
  memset(more, 0, sizeof more);
  more[0].name = ".pad"; more[0].type = EB_SHT_PROGBITS; more[0].size = 1; more[0].addralign = 8;
  more[1].name = ".symtab_shndx"; more[1].type = 18; more[1].size = 4; more[1].link = 4;
  more[2].name = ".symtab"; more[2].type = EB_SHT_SYMTAB; more[2].data = gap_sym; more[2].size = 24;
  more[2].addralign = 8; more[2].link = 5;
  more[3].name = ".strtab"; more[3].type = EB_SHT_STRTAB; more[3].data = gap_strtab; more[3].size = 1;
  memset(&o, 0, sizeof o);
  o.cls = 64; o.more = more; o.nmore = 4;
  build_odd(&b, 21, &o);
  assert_int_equal(cwasm_elf_section(&b.a.elf, 3, &s, &d), CWASM_OK);
  assert_int_equal(s.offset % 4, 1);
  host_x86(&h, 21);
  expect_one(check(&b, &h), CWASM_F_ELF_SECTIONS, "Invalid ELF symtab_shndx data");
  done(&b);
}

/* Tables that make cwasm walk every header again (an SHT_SYMTAB_SHNDX off
 * 4-byte alignment, linked to a section that is not a symbol table), where
 * the walks find nothing: an aligned SHT_SYMTAB_SHNDX linked to the symbol
 * table, relocation sections of the symbol table with sh_info 0 and 1, and
 * two SHT_DYNSYM before the SHT_SYMTAB (their string table is .shstrtab).
 * Wasmtime 21 and 36 accept it. */
static void test_object_crate_walks_find_nothing(void **state) {
  (void)state;
  eb_section more[7];
  odd_elf o;
  built b;
  cwasm_host h;
  cwasm_diag d;
  static const uint16_t releases[] = {21, 36};
  memset(more, 0, sizeof more);
  /* indices 2..8; .shstrtab is 9 */
  more[0].name = ".symtab_shndx"; more[0].type = 18; more[0].size = 2; more[0].addralign = 4; more[0].link = 8;
  more[1].name = ".shndx.x"; more[1].type = 18; more[1].size = 4; more[1].addralign = 1; more[1].link = 1;
  more[2].name = ".rela.y"; more[2].type = EB_SHT_RELA; more[2].addralign = 8; more[2].link = 8; more[2].info = 0;
  more[3].name = ".rela.z"; more[3].type = EB_SHT_RELA; more[3].addralign = 8; more[3].link = 8; more[3].info = 1;
  more[4].name = ".dynsym"; more[4].type = 11; more[4].data = gap_sym; more[4].size = 24;
  more[4].addralign = 8; more[4].link = 9;
  more[5] = more[4];
  more[5].name = ".dynsym.2";
  more[6].name = ".symtab"; more[6].type = EB_SHT_SYMTAB; more[6].data = gap_sym; more[6].size = 24;
  more[6].addralign = 8; more[6].link = 9;
  for (size_t k = 0; k < sizeof releases / sizeof releases[0]; k++) {
    memset(&o, 0, sizeof o);
    o.cls = 64; o.more = more; o.nmore = 7;
    build_odd(&b, releases[k], &o);
    assert_int_equal(b.a.elf.shnum, 10);
    host_x86(&h, releases[k]);
    expect_compatible(check(&b, &h));
    /* the same file with the first SHT_SYMTAB_SHNDX off alignment: v3-v35 refuse it */
    b.img[b.a.elf.shoff + 2u * 64u + 24u] += 1; /* section 2's sh_offset */
    assert_int_equal(cwasm_parse(b.img, b.len, NULL, &b.a, &d), CWASM_OK);
    if (releases[k] < 36) expect_one(check(&b, &h), CWASM_F_ELF_SECTIONS, "Invalid ELF symtab_shndx data");
    else expect_compatible(check(&b, &h));
    done(&b);
  }
}

/* A forged cwasm_elf (the struct is the caller's) that describes no readable
 * section table: the object-crate rules read no section header and report
 * nothing about tables they could not read. */
static void test_object_crate_forged_table(void **state) {
  (void)state;
  eb_section more[3];
  odd_elf o;
  built b;
  cwasm_host h;
  cwasm_artifact good;
  memset(more, 0, sizeof more);
  more[0].name = ".pad"; more[0].type = EB_SHT_PROGBITS; more[0].size = 1; more[0].addralign = 8;
  more[1].name = ".symtab"; more[1].type = EB_SHT_SYMTAB; more[1].data = gap_sym; more[1].size = 24;
  more[1].addralign = 8; more[1].link = 4;
  more[2].name = ".strtab"; more[2].type = EB_SHT_STRTAB; more[2].data = gap_strtab; more[2].size = 1;
  memset(&o, 0, sizeof o);
  o.cls = 64; o.more = more; o.nmore = 3;
  build_odd(&b, 21, &o);
  host_x86(&h, 21);
  expect_compatible(check(&b, &h));
  good = b.a;
  for (int k = 0; k < FORGED_ELF_COUNT; k++) {
    const cwasm_report *r;
    b.a = good;
    forge_elf(&b.a.elf, k);
    r = check(&b, &h);
    /* only the header's own fields (a misaligned e_shoff) may be reported */
    for (uint32_t i = 0; i < r->count; i++)
      if (r->items[i].code == CWASM_F_ELF_SECTIONS) assert_memory_equal(r->items[i].field, "e_", 2);
  }
  b.a = good;
  done(&b);
}

/* No SHT_SYMTAB: object takes symbol section index 0, so a relocation section
 * with sh_link 0 and sh_info past the table is refused (v3-v42). */
static void test_object_crate_corner_rela_without_symtab(void **state) {
  (void)state;
  eb_section more[1];
  odd_elf o;
  built b;
  cwasm_host h;
  memset(more, 0, sizeof more);
  more[0].name = ".rela.x"; more[0].type = EB_SHT_RELA; more[0].addralign = 8; more[0].info = 99;
  memset(&o, 0, sizeof o);
  o.cls = 64; o.more = more; o.nmore = 1;
  build_odd(&b, 42, &o);
  host_x86(&h, 42);
  expect_one(check(&b, &h), CWASM_F_ELF_SECTIONS, "Invalid ELF sh_info for relocation section");
  done(&b);
}

/* e_phnum = PN_XNUM with section 0's sh_info = 0: the count is 0, there is no
 * table, and a misaligned e_phoff does not matter. */
static void test_object_crate_corner_pn_xnum_empty(void **state) {
  (void)state;
  odd_elf o;
  built b;
  cwasm_host h;
  memset(&o, 0, sizeof o);
  o.cls = 64; o.phoff = 4; o.phnum = 0xffff;
  build_odd(&b, 21, &o);
  host_x86(&h, 21);
  expect_compatible(check(&b, &h));
  done(&b);
}

/* Both tables misaligned: object reads the program headers first, so the
 * error Wasmtime returns (the first finding) is the program header one. */
static void test_object_crate_corner_order(void **state) {
  (void)state;
  odd_elf o;
  built b;
  cwasm_host h;
  memset(&o, 0, sizeof o);
  o.cls = 64; o.phoff = 4; o.phnum = 1; o.table_pad = 4;
  build_odd(&b, 21, &o);
  host_x86(&h, 21);
  const cwasm_finding *f = nth(check(&b, &h), CWASM_ITEM_FINDING, 0);
  assert_non_null(f);
  assert_string_equal(f->field, "e_phoff");
  assert_string_equal(f->message, "Invalid ELF program header size or alignment");
  done(&b);
}

/* e_phnum = PN_XNUM and a misaligned section table (e_shnum set): object
 * reads section 0 for the program header count first and fails there. */
static void test_object_crate_corner_pn_xnum_section0(void **state) {
  (void)state;
  odd_elf o;
  built b;
  cwasm_host h;
  memset(&o, 0, sizeof o);
  o.cls = 64; o.phoff = 8; o.phnum = 0xffff; o.table_pad = 4;
  build_odd(&b, 21, &o);
  host_x86(&h, 21);
  expect_one(check(&b, &h), CWASM_F_ELF_SECTIONS, "Invalid ELF section header offset or size");
  done(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults_compatible_everywhere),
      cmocka_unit_test(test_builtin_default_host_v48),
      cmocka_unit_test(test_wasmtime_unit_tests),
      cmocka_unit_test(test_architecture_mismatch),
      cmocka_unit_test(test_os_mismatch),
      cmocka_unit_test(test_target_parse_error),
      cmocka_unit_test(test_shared_flag_unsupported_value),
      cmocka_unit_test(test_shared_flag_unknown),
      cmocka_unit_test(test_safepoints_follow_reference_types),
      cmocka_unit_test(test_enable_probestack_per_era),
      cmocka_unit_test(test_stack_switch_model),
      cmocka_unit_test(test_unwind_info_windows),
      cmocka_unit_test(test_duplicate_flags_map_vs_sequence),
      cmocka_unit_test(test_isa_flag_unknown),
      cmocka_unit_test(test_isa_probe_answers),
      cmocka_unit_test(test_pulley_pointer_width_and_endianness),
      cmocka_unit_test(test_tunable_int_mismatch),
      cmocka_unit_test(test_tunable_bool_both_directions),
      cmocka_unit_test(test_collector_rules),
      cmocka_unit_test(test_inlining_messages),
      cmocka_unit_test(test_operator_cost),
      cmocka_unit_test(test_features_struct_era),
      cmocka_unit_test(test_features_bit_sets),
      cmocka_unit_test(test_version_messages),
      cmocka_unit_test(test_elf_acceptance_per_era),
      cmocka_unit_test(test_unreadable_section_name),
      cmocka_unit_test(test_engine_section_first_vs_last),
      cmocka_unit_test(test_foreign_layout_is_f_metadata),
      cmocka_unit_test(test_every_reason),
      cmocka_unit_test(test_report_capacity),
      cmocka_unit_test(test_real_artifacts_against_themselves),
      cmocka_unit_test(test_real_v22_against_v39),
      cmocka_unit_test(test_object_crate_tables),
      cmocka_unit_test(test_custom_version_with_nul),
      cmocka_unit_test(test_real_legacy_artifact),
      cmocka_unit_test(test_reference_round_trip),
      cmocka_unit_test(test_mutated_artifacts),
      cmocka_unit_test(test_host_api),
      cmocka_unit_test(test_finding_format_and_names),
      cmocka_unit_test(test_host_setters_reject),
      cmocka_unit_test(test_host_set_tunable_values),
      cmocka_unit_test(test_reference_edges),
      cmocka_unit_test(test_elf32_and_either_kind),
      cmocka_unit_test(test_object_crate_misaligned_header_tables),
      cmocka_unit_test(test_object_crate_symbol_tables),
      cmocka_unit_test(test_prepared_replay_keeps_unplaced_notes),
      cmocka_unit_test(test_object_crate_corner_empty_symtab),
      cmocka_unit_test(test_object_crate_corner_symtab_shndx),
      cmocka_unit_test(test_object_crate_walks_find_nothing),
      cmocka_unit_test(test_object_crate_forged_table),
      cmocka_unit_test(test_object_crate_corner_rela_without_symtab),
      cmocka_unit_test(test_object_crate_corner_pn_xnum_empty),
      cmocka_unit_test(test_object_crate_corner_order),
      cmocka_unit_test(test_object_crate_corner_pn_xnum_section0),
      cmocka_unit_test(test_last_engine_section_unusable),
      cmocka_unit_test(test_host_without_triple),
      cmocka_unit_test(test_isa_unknown_host_machine),
      cmocka_unit_test(test_version_edges),
      cmocka_unit_test(test_codec_messages),
      cmocka_unit_test(test_layout_equivalence),
      cmocka_unit_test(test_long_texts),
      cmocka_unit_test(test_artifact_struct_edges),
      cmocka_unit_test(test_flag_and_tunable_edges),
      cmocka_unit_test(test_map_era_dedup_edges),
      cmocka_unit_test(test_feature_bits_edges),
      cmocka_unit_test(test_last_engine_metadata_unreadable),
      cmocka_unit_test(test_host_construction_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
