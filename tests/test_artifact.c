/* The whole pipeline: real artifacts, layout selection and inference,
 * development builds, legacy files and non-artifacts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfbuild.h"
#include "metabuild.h"

/* ------------------------------------------------------------ helpers */

static int str_is(cwasm_str s, const char *z) { return s.n == strlen(z) && memcmp(s.p, z, s.n) == 0; }

static unsigned count_flags(const cwasm_flag_list *l) {
  cwasm_flag_iter it;
  cwasm_flag f;
  unsigned n = 0;
  cwasm_flags_begin(l, &it);
  while (cwasm_flags_next(&it, &f)) n++;
  return n;
}

static int has_warning(const cwasm_artifact *a, cwasm_status code) {
  for (uint32_t i = 0; i < a->warnings.count; i++)
    if (a->warnings.items[i].code == code) return 1;
  return 0;
}

/* An artifact whose engine section holds `version` and metadata of release `major`'s layout. */
static uint8_t *make_artifact(const char *version, unsigned major, const char *target, unsigned seed,
                              const uint8_t *extra, size_t extra_len, size_t *len) {
  static uint8_t meta[8192], eng[8448];
  const cwasm_layout *l = cwasm_release_get(major)->layout;
  mb_values vals;
  mb m;
  uint8_t *img = NULL;
  mb_init(&m, meta, sizeof meta, l->codec);
  mb_values_for(l, seed, &vals);
  mb_metadata(&m, l, target, 3, 2, &vals, 0x15);
  mb_raw(&m, extra, extra_len);
  assert_false(m.overflow);
  size_t n = mb_engine(eng, sizeof eng, version, meta, m.n);
  assert_true(n > 0);
  assert_int_equal(eb_artifact(&img, len, eng, n, CWASM_EF_MODULE, false), 0);
  return img;
}

static uint8_t *load_real(const char *name, size_t *len) {
  const char *path = tb_real_artifact(name);
  if (!path) return NULL;
  return tb_read_file(path, len);
}

#define REAL_OR_SKIP(var, name, len)                                            \
  uint8_t *var = load_real(name, &len);                                         \
  if (!var) {                                                                   \
    print_message("skipped: %s not found under ../shared/real-artifacts\n", name); \
    skip();                                                                     \
  }

/* ------------------------------------------------------- real artifacts */

static void real_v22_x86_64(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  REAL_OR_SKIP(buf, "v22-x86_64-unknown-none-module.cwasm", len);
  assert_int_equal(cwasm_parse(buf, len, NULL, &a, &d), CWASM_OK);
  assert_int_equal(a.stages, CWASM_STAGE_ELF | CWASM_STAGE_ENGINE | CWASM_STAGE_VERSION | CWASM_STAGE_METADATA);
  assert_int_equal(a.kind, CWASM_KIND_MODULE);
  assert_int_equal(a.version.kind, CWASM_VERSION_RELEASE);
  assert_true(str_is(a.version.text, "22.0.0"));
  assert_int_equal(a.release->major, 22);
  assert_int_equal(a.layout_source, CWASM_LAYOUT_RELEASE);
  assert_true(str_is(a.meta.target, "x86_64-unknown-none"));
  assert_int_equal(a.meta.shared_flags.count, 27);
  assert_int_equal(count_flags(&a.meta.shared_flags), 27);
  assert_int_equal(a.meta.isa_flags.count, 16);
  const cwasm_tunable *t = a.meta.tunables.f;
  assert_true(t[CWASM_T_STATIC_MEMORY_RESERVATION].value == 4294967296ull);
  assert_true(t[CWASM_T_STATIC_MEMORY_OFFSET_GUARD_SIZE].value == 2147483648ull);
  assert_true(t[CWASM_T_DYNAMIC_MEMORY_OFFSET_GUARD_SIZE].value == 65536);
  assert_int_equal(t[CWASM_T_TABLE_LAZY_INIT].value, 1);
  assert_int_equal(t[CWASM_T_GUARD_BEFORE_LINEAR_MEMORY].value, 1);
  assert_int_equal(t[CWASM_T_CACHE_CALL_INDIRECTS].value, 0);
  assert_int_equal(t[CWASM_T_MAX_CALL_INDIRECT_CACHE_SLOTS].value, 50000);
  assert_int_equal(a.meta.features.encoding, CWASM_FEATURES_BOOLS);
  assert_int_equal(a.meta.features.count, 14);
  assert_true(a.meta.features.bits == 0x8f); /* ref types, multi-value, bulk memory, component model, multi-memory */
  assert_int_equal(a.meta.trailing_bytes, 0);
  assert_int_equal(a.warnings.count, 0);
  free(buf);
}

static void real_v39_aarch64(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  cwasm_flag f;
  cwasm_flag_iter it;
  REAL_OR_SKIP(buf, "v39-aarch64-apple-darwin-module.cwasm", len);
  assert_int_equal(cwasm_parse(buf, len, NULL, &a, &d), CWASM_OK);
  assert_true(str_is(a.version.text, "39"));
  assert_int_equal(a.release->major, 39);
  assert_true(str_is(a.meta.target, "aarch64-apple-darwin"));
  assert_int_equal(a.meta.shared_flags.count, 27);
  assert_int_equal(a.meta.isa_flags.count, 7);
  cwasm_flags_begin(&a.meta.isa_flags, &it);
  assert_true(cwasm_flags_next(&it, &f));
  assert_true(str_is(f.name, "has_lse"));
  assert_int_equal(f.boolean, 1);
  const cwasm_tunable *t = a.meta.tunables.f;
  assert_int_equal(t[CWASM_T_COLLECTOR].is_none, 0);
  assert_int_equal(t[CWASM_T_COLLECTOR].value, 0); /* DeferredReferenceCounting */
  assert_true(t[CWASM_T_MEMORY_GUARD_SIZE].value == 33554432);
  assert_int_equal(t[CWASM_T_MEMORY_MAY_MOVE].value, 1);
  assert_int_equal(t[CWASM_T_INLINING_INTRA_MODULE].value, 2);
  assert_int_equal(t[CWASM_T_INLINING_SUM_SIZE_THRESHOLD].value, 2000);
  assert_true(a.meta.features.bits == 0xC0101DDFFull);
  free(buf);
}

static void real_v42_pulley_component(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  REAL_OR_SKIP(buf, "v42-pulley32-component.cwasm", len);
  assert_int_equal(cwasm_parse(buf, len, NULL, &a, &d), CWASM_OK);
  assert_int_equal(a.kind, CWASM_KIND_COMPONENT);
  assert_int_equal(a.elf.pulley, 32);
  assert_int_equal(a.elf.machine, 243);
  assert_true(str_is(a.meta.target, "pulley32-unknown-unknown-elf"));
  assert_int_equal(a.meta.isa_flags.count, 2);
  const cwasm_tunable *t = a.meta.tunables.f;
  assert_int_equal(t[CWASM_T_COLLECTOR].is_none, 1);
  assert_int_equal(t[CWASM_T_MEMORY_RESERVATION].value, 0);
  assert_int_equal(t[CWASM_T_MEMORY_RESERVATION_FOR_GROWTH].value, 1048576);
  assert_int_equal(t[CWASM_T_GUARD_BEFORE_LINEAR_MEMORY].value, 1);
  assert_int_equal(t[CWASM_T_SIGNALS_BASED_TRAPS].value, 0);
  assert_int_equal(t[CWASM_T_CONCURRENCY_SUPPORT].value, 0);
  assert_int_equal(a.warnings.count, 0);
  free(buf);
}

static void real_legacy_v030(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  REAL_OR_SKIP(buf, "v0.30-legacy-x86_64-linux-module.cwasm", len);
  assert_int_equal(cwasm_parse(buf, len, NULL, &a, &d), CWASM_E_LEGACY_ARTIFACT);
  assert_int_equal(a.kind, CWASM_KIND_LEGACY);
  assert_true(str_is(a.legacy_version, "0.30.0"));
  assert_int_equal(a.legacy_offset, 12616);
  assert_int_equal(d.offset, 12616);
  free(buf);
}

/* ---------------------------------------------------- built artifacts */

static void release_layouts_end_to_end(void **state) {
  (void)state;
  char version[16];
  for (unsigned major = CWASM_FIRST_RELEASE; major <= CWASM_LAST_RELEASE; major++) {
    const cwasm_release *r = cwasm_release_get(major);
    size_t len;
    cwasm_artifact a;
    cwasm_diag d;
    if (r->version_full) snprintf(version, sizeof version, "%u.0.2", major);
    else snprintf(version, sizeof version, "%u", major);
    uint8_t *img = make_artifact(version, major, "x86_64-unknown-linux-gnu", major, NULL, 0, &len);
    assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_OK);
    assert_int_equal(a.release->major, major);
    assert_ptr_equal(a.meta.layout, r->layout);
    assert_int_equal(a.layout_source, CWASM_LAYOUT_RELEASE);
    assert_int_equal(a.warnings.count, 0);
    free(img);
  }
}

static void custom_version_inferred(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  uint8_t *img = make_artifact("my-embedder-build-7", 36, "x86_64-unknown-linux-gnu", 1, NULL, 0, &len);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_OK);
  assert_int_equal(a.version.kind, CWASM_VERSION_CUSTOM);
  assert_int_equal(a.layout_source, CWASM_LAYOUT_INFERRED);
  assert_ptr_equal(a.meta.layout, cwasm_release_get(36)->layout);
  /* v36..v38 share one layout */
  assert_true(a.candidates & (1ull << 36));
  assert_true(a.candidates & (1ull << 37));
  assert_true(a.candidates & (1ull << 38));
  assert_false(a.candidates & (1ull << 35));
  free(img);

  img = make_artifact("", 24, "x86_64-unknown-linux-gnu", 0, NULL, 0, &len);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_OK);
  assert_int_equal(a.version.kind, CWASM_VERSION_NONE);
  assert_true(a.candidates & (1ull << 24));
  free(img);
}

static void ambiguous_inference_warns(void **state) {
  (void)state;
  /* §4.3: a v5 section also decodes exactly as v8-v9 */
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  uint8_t *img = make_artifact("custom", 5, "aarch64-unknown-linux-gnu", 3, NULL, 0, &len);
  /* T1+F2 and T2+F3 are both 4 u64 and 20 bools: every 0/1 byte string reads both ways */
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_OK);
  assert_true(a.candidates & (1ull << 5));
  assert_true(a.candidates & (1ull << 8));
  assert_true(a.candidates & (1ull << 9));
  assert_false(a.candidates & (1ull << 6)); /* v6-v7: T1+F3 is one bool shorter */
  assert_true(has_warning(&a, CWASM_W_LAYOUT_AMBIGUOUS));
  free(img);
}

static void dev_build_layout_mismatch(void **state) {
  (void)state;
  /* a git build between v35 and v36 writes "36.0.0" with the v34-v35 layout (T11) */
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  uint8_t *img = make_artifact("36.0.0", 35, "x86_64-unknown-linux-gnu", 2, NULL, 0, &len);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_META_LAYOUT_MISMATCH);
  assert_int_equal(d.expected, 36);
  assert_int_equal(d.actual, 35);
  assert_false(a.stages & CWASM_STAGE_METADATA);
  assert_int_equal(a.meta.have, CWASM_HAVE_ALL); /* still reported */
  assert_int_equal(cwasm_parse(img, len, &lenient, &a, &d), CWASM_OK);
  assert_int_equal(a.release->major, 35);
  assert_int_equal(a.layout_source, CWASM_LAYOUT_INFERRED);
  assert_true(has_warning(&a, CWASM_W_LAYOUT_DEV_BUILD));
  free(img);
}

static void nothing_fits_reports_partial(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  static const uint8_t junk[] = {0x02, 0x07}; /* breaks every reading after the flags */
  static uint8_t meta[64], eng[128];
  mb m;
  mb_init(&m, meta, sizeof meta, CWASM_CODEC_POSTCARD);
  mb_str(&m, "riscv64gc-unknown-linux-gnu");
  mb_raw(&m, junk, sizeof junk);
  size_t n = mb_engine(eng, sizeof eng, "43", meta, m.n);
  uint8_t *img;
  assert_int_equal(eb_artifact(&img, &len, eng, n, CWASM_EF_COMPONENT, false), 0);
  cwasm_status st = cwasm_parse(img, len, NULL, &a, &d);
  assert_true(st != CWASM_OK);
  assert_true(a.stages & CWASM_STAGE_VERSION);
  assert_int_equal(a.kind, CWASM_KIND_COMPONENT);
  assert_int_equal(a.version.major, 43);
  assert_true(a.meta.have & CWASM_HAVE_TARGET);
  assert_true(str_is(a.meta.target, "riscv64gc-unknown-linux-gnu"));
  assert_true(d.offset >= EB_ARTIFACT_ENGINE_OFFSET && d.offset <= EB_ARTIFACT_ENGINE_OFFSET + n);
  free(img);

  /* same bytes under a custom string: no layout at all */
  n = mb_engine(eng, sizeof eng, "custom", meta, m.n);
  assert_int_equal(eb_artifact(&img, &len, eng, n, CWASM_EF_MODULE, false), 0);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_META_NO_LAYOUT);
  assert_true(a.meta.have & CWASM_HAVE_TARGET);
  assert_true(str_is(a.meta.target, "riscv64gc-unknown-linux-gnu"));
  free(img);
}

static void unknown_release(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  uint8_t *img = make_artifact("50", 48, "x86_64-unknown-linux-gnu", 0, NULL, 0, &len);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_VERSION_UNKNOWN_RELEASE);
  assert_int_equal(d.actual, 50);
  assert_int_equal(d.offset, EB_ARTIFACT_ENGINE_OFFSET + 2);
  assert_int_equal(cwasm_parse(img, len, &lenient, &a, &d), CWASM_OK);
  assert_int_equal(a.release->major, 49);
  assert_true(has_warning(&a, CWASM_W_LAYOUT_INFERRED));
  free(img);
}

static void version_utf8_and_form(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  uint8_t *img = make_artifact("bad\xff", 30, "x86_64-unknown-linux-gnu", 0, NULL, 0, &len);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_VERSION_UTF8);
  assert_int_equal(d.offset, EB_ARTIFACT_ENGINE_OFFSET + 2 + 3);
  assert_int_equal(cwasm_parse(img, len, &lenient, &a, &d), CWASM_OK);
  assert_true(has_warning(&a, CWASM_E_VERSION_UTF8));
  free(img);
  img = make_artifact("40.0.0", 40, "x86_64-unknown-linux-gnu", 0, NULL, 0, &len);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_OK);
  assert_true(has_warning(&a, CWASM_W_VERSION_FORM));
  free(img);
}

static void trailing_and_machine_warnings(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  static const uint8_t extra[] = {0xde, 0xad};
  uint8_t *img = make_artifact("44", 44, "aarch64-unknown-linux-gnu", 0, extra, sizeof extra, &len);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_OK);
  assert_int_equal(a.meta.trailing_bytes, 2);
  assert_true(has_warning(&a, CWASM_W_TRAILING_BYTES));
  assert_true(has_warning(&a, CWASM_W_E_MACHINE)); /* built as EM_X86_64 */
  free(img);
}

static void forced_release(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  cwasm_options opt = {0, 0, 0, 27};
  uint8_t *img = make_artifact("whatever", 27, "x86_64-unknown-linux-gnu", 0, NULL, 0, &len);
  assert_int_equal(cwasm_parse(img, len, &opt, &a, &d), CWASM_OK);
  assert_int_equal(a.layout_source, CWASM_LAYOUT_FORCED);
  assert_int_equal(a.release->major, 27);
  opt.release = 2;
  assert_int_equal(cwasm_parse(img, len, &opt, &a, &d), CWASM_E_RELEASE_UNKNOWN);
  free(img);
}

static void big_endian_s390x(void **state) {
  (void)state;
  static uint8_t meta[4096], eng[4200];
  const cwasm_layout *l = cwasm_release_get(36)->layout;
  mb_values vals;
  mb m;
  uint8_t *img;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  mb_init(&m, meta, sizeof meta, l->codec);
  mb_values_for(l, 0, &vals);
  mb_metadata(&m, l, "s390x-unknown-linux-gnu", 2, 4, &vals, 0);
  size_t n = mb_engine(eng, sizeof eng, "36.0.1", meta, m.n);
  assert_int_equal(eb_artifact(&img, &len, eng, n, CWASM_EF_MODULE, true), 0);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_OK);
  assert_int_equal(a.elf.endian, CWASM_BIG);
  assert_int_equal(a.elf.machine, 22);
  assert_false(has_warning(&a, CWASM_W_E_MACHINE));
  free(img);
}

static void wasmtime_header_rules(void **state) {
  (void)state;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  uint8_t *img = make_artifact("30.0.0", 30, "x86_64-unknown-linux-gnu", 0, NULL, 0, &len);
  img[7] = 0; /* EI_OSABI */
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_ELF_OSABI);
  assert_int_equal(d.offset, 7);
  assert_int_equal(cwasm_parse(img, len, &lenient, &a, &d), CWASM_OK);
  assert_true(has_warning(&a, CWASM_E_ELF_OSABI));
  free(img);
}

static void non_artifacts(void **state) {
  (void)state;
  cwasm_artifact a;
  cwasm_diag d;
  static const uint8_t wasm[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
  static const uint8_t pe[] = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8, 0, 0, 0};
  static const uint8_t pre_elf[] = {0, 'w', 'a', 's', 'm', 't', 'i', 'm', 'e', '-', 'a', 'o', 't', 6,
                                    '0', '.', '2', '8', '.', '0', 1, 2, 3};
  static const uint8_t cut[] = {0, 'w', 'a', 's', 'm', 't', 'i', 'm', 'e', '-', 'a', 'o', 't', 6, '0'};
  assert_int_equal(cwasm_parse(wasm, 0, NULL, &a, &d), CWASM_E_INPUT_EMPTY);
  assert_int_equal(cwasm_parse(wasm, sizeof wasm, NULL, &a, &d), CWASM_E_INPUT_WASM);
  assert_int_equal(cwasm_parse(pe, sizeof pe, NULL, &a, &d), CWASM_E_ELF_MAGIC);
  assert_int_equal(cwasm_parse(pre_elf, sizeof pre_elf, NULL, &a, &d), CWASM_E_LEGACY_ARTIFACT);
  assert_int_equal(a.kind, CWASM_KIND_LEGACY);
  assert_true(str_is(a.legacy_version, "0.28.0"));
  assert_int_equal(cwasm_parse(cut, sizeof cut, NULL, &a, &d), CWASM_E_LEGACY_TRAILER);
  assert_int_equal(cwasm_parse(NULL, 4, NULL, &a, &d), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_parse(wasm, 4, NULL, NULL, &d), CWASM_E_ARGUMENT);
  /* no buffer and no bytes is an empty input, not a bad argument */
  assert_int_equal(cwasm_parse(NULL, 0, NULL, &a, &d), CWASM_E_INPUT_EMPTY);
  assert_int_equal(cwasm_parse(NULL, 0, NULL, &a, NULL), CWASM_E_INPUT_EMPTY);
}

static void legacy_after_elf_trailer(void **state) {
  (void)state;
  static const uint8_t trailer[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0,   'w', 'a', 's', 'm',
                                    't',  'i',  'm',  'e',  '-',  'a',  'o',  't',  5, '1', '.', '0', '.', '0', 9};
  static const uint8_t bad[] = {0, 'w', 'a', 's', 'm', 't', 'i', 'm', 'e', '-', 'a', 'o', 't', 9, '1'};
  eb_section s[1];
  eb_spec spec;
  uint8_t *img;
  size_t len;
  cwasm_artifact a;
  cwasm_diag d;
  memset(s, 0, sizeof s);
  memset(&spec, 0, sizeof spec);
  s[0].name = ".text";
  s[0].type = EB_SHT_PROGBITS;
  s[0].size = 16;
  spec.sections = s;
  spec.nsections = 1;
  spec.set = EB_H_OSABI | EB_H_FLAGS;
  spec.osabi = 0;
  spec.flags = 0;
  spec.trailing = trailer;
  spec.trailing_len = sizeof trailer;
  assert_int_equal(eb_build(&spec, &img, &len, NULL), 0);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_LEGACY_ARTIFACT);
  assert_true(str_is(a.legacy_version, "1.0.0"));
  free(img);
  spec.trailing = bad;
  spec.trailing_len = sizeof bad;
  assert_int_equal(eb_build(&spec, &img, &len, NULL), 0);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_LEGACY_TRAILER);
  free(img);
  /* no trailer and OS ABI 0: "not a Wasmtime artifact" says more than "no engine section" */
  spec.trailing = NULL;
  spec.trailing_len = 0;
  assert_int_equal(eb_build(&spec, &img, &len, NULL), 0);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_ELF_OSABI);
  free(img);
  spec.set = 0;
  assert_int_equal(eb_build(&spec, &img, &len, NULL), 0);
  assert_int_equal(cwasm_parse(img, len, NULL, &a, &d), CWASM_E_ENGINE_MISSING);
  free(img);
}

/* Decoding is deterministic and never reads outside the input: parse every
 * truncation of a real artifact and check the diagnostic stays inside. */
static void truncations_stay_inside(void **state) {
  (void)state;
  size_t len;
  uint8_t *img = make_artifact("42", 42, "x86_64-unknown-linux-gnu", 0, NULL, 0, &len);
  for (size_t cut = 0; cut < len; cut += (cut < 1200 ? 1 : 97)) {
    cwasm_artifact a;
    cwasm_diag d;
    uint8_t *copy = malloc(cut ? cut : 1);
    memcpy(copy, img, cut);
    cwasm_status st = cwasm_parse(copy, cut, NULL, &a, &d);
    if (st != CWASM_OK) assert_true(d.offset <= cut);
    free(copy);
  }
  free(img);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(real_v22_x86_64),
      cmocka_unit_test(real_v39_aarch64),
      cmocka_unit_test(real_v42_pulley_component),
      cmocka_unit_test(real_legacy_v030),
      cmocka_unit_test(release_layouts_end_to_end),
      cmocka_unit_test(custom_version_inferred),
      cmocka_unit_test(ambiguous_inference_warns),
      cmocka_unit_test(dev_build_layout_mismatch),
      cmocka_unit_test(nothing_fits_reports_partial),
      cmocka_unit_test(unknown_release),
      cmocka_unit_test(version_utf8_and_form),
      cmocka_unit_test(trailing_and_machine_warnings),
      cmocka_unit_test(forced_release),
      cmocka_unit_test(big_endian_s390x),
      cmocka_unit_test(wasmtime_header_rules),
      cmocka_unit_test(non_artifacts),
      cmocka_unit_test(legacy_after_elf_trailer),
      cmocka_unit_test(truncations_stay_inside),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
