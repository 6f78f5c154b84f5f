/*
 * The loader's fast path: cwasm_prepare + cwasm_parse_check must give, for
 * any input, exactly what cwasm_parse + cwasm_check give (status, diag,
 * every byte of the artifact and of the report's header and items).
 *
 *   same file        every valid corpus file (and the real artifacts, when
 *                    ../shared is there) prepared as its own reference and
 *                    checked: the shortcut's path
 *   moved            the reference's engine section at another offset and
 *                    index (a section inserted before it): views, offsets
 *                    and section indexes must follow
 *   other inputs     every corpus file (valid and malformed) against one
 *                    prepared reference: mostly the full path
 *   findings         a host that disagrees with the reference: the tail's
 *                    findings replayed, offsets moved
 *   lenient          a reference parsed leniently, with metadata warnings
 *   shortcut off     a large engine section, many tail items, two engine
 *                    sections: results unchanged
 *   errors           the API's argument checks
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwasm/cwasm.h"
#include "elfbuild.h"
#include "metabuild.h"

#define CORPUS CWASM_SOURCE_DIR "/corpus"

/* big: static, and filled with different garbage before each path runs */
static cwasm_artifact a_fast, a_slow, ref_art;
static cwasm_report r_fast, r_slow;
static cwasm_prepared prep;

static void first_difference(const void *x, const void *y, size_t n, const char *what, const char *name) {
  const uint8_t *a = x, *b = y;
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) {
      print_error("%s: %s differs at byte %zu of %zu\n", name, what, i, n);
      fail();
    }
}

/* Both paths on one input; every result compared. Returns the parse status. */
static cwasm_status expect_same(const cwasm_prepared *p, const uint8_t *buf, size_t len, const char *name) {
  cwasm_diag d_fast, d_slow;
  cwasm_status s_fast, s_slow;
  memset(&a_fast, 0xa5, sizeof a_fast);
  memset(&a_slow, 0x5a, sizeof a_slow);
  memset(&r_fast, 0xa5, sizeof r_fast);
  memset(&r_slow, 0x5a, sizeof r_slow);
  memset(&d_fast, 0xa5, sizeof d_fast);
  memset(&d_slow, 0x5a, sizeof d_slow);
  s_fast = cwasm_parse_check(p, buf, len, &a_fast, &r_fast, &d_fast);
  s_slow = cwasm_parse(buf, len, &p->opt, &a_slow, &d_slow);
  if (s_slow == CWASM_OK) {
    assert_int_equal(cwasm_check(&a_slow, &p->host, &r_slow), CWASM_OK);
  } else {
    memset(&r_slow, 0, offsetof(cwasm_report, items));
    r_slow.host_release = p->host.release;
  }
  if (s_fast != s_slow) {
    print_error("%s: status %s vs %s\n", name, cwasm_status_name(s_fast), cwasm_status_name(s_slow));
    fail();
  }
  first_difference(&d_fast, &d_slow, sizeof d_fast, "diag", name);
  first_difference(&a_fast, &a_slow, sizeof a_fast, "artifact", name);
  first_difference(&r_fast, &r_slow, offsetof(cwasm_report, items), "report header", name);
  first_difference(r_fast.items, r_slow.items, r_slow.count * sizeof r_slow.items[0], "report items", name);
  return s_slow;
}

/* Parse `buf` as the reference (with opt) and prepare against `host` (NULL: from the reference). */
static void prepare_from(const uint8_t *buf, size_t len, const cwasm_options *opt, const cwasm_host *host) {
  cwasm_diag d;
  assert_int_equal(cwasm_parse(buf, len, opt, &ref_art, &d), CWASM_OK);
  assert_int_equal(cwasm_prepare(host, &ref_art, opt, &prep, &d), CWASM_OK);
}

typedef void (*file_fn)(const char *path, const uint8_t *buf, size_t len, void *ctx);

static unsigned each_file(const char *dir, file_fn fn, void *ctx) {
  DIR *d = opendir(dir);
  struct dirent *e;
  unsigned n = 0;
  char path[1024];
  assert_non_null(d);
  while ((e = readdir(d)) != NULL) {
    size_t len;
    uint8_t *buf;
    if (!strstr(e->d_name, ".cwasm") && !strstr(e->d_name, ".bin") && !strstr(e->d_name, ".elf")) continue;
    assert_true((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < sizeof path);
    buf = tb_read_file(path, &len);
    assert_non_null(buf);
    fn(path, buf, len, ctx);
    free(buf);
    n++;
  }
  closedir(d);
  return n;
}

/* --------------------------------------------------------- same file */

static void self_check(const char *path, const uint8_t *buf, size_t len, void *ctx) {
  cwasm_diag d;
  unsigned *counts = ctx; /* [0] shortcuts, [1] compatible */
  if (cwasm_parse(buf, len, NULL, &ref_art, &d) != CWASM_OK) return; /* e.g. a dev build: not a reference */
  assert_int_equal(cwasm_prepare(NULL, &ref_art, NULL, &prep, &d), CWASM_OK);
  counts[0] += prep.shortcut;
  assert_int_equal(expect_same(&prep, buf, len, path), CWASM_OK);
  /* the host is the reference's: nothing to find, except where the layout is a guess */
  counts[1] += r_fast.compatible;
  /* views point into the input, as cwasm_parse's do */
  assert_true(a_fast.meta.target.p >= (const char *)buf && a_fast.meta.target.p < (const char *)buf + len);
}

static void same_file_valid_corpus(void **state) {
  unsigned counts[2] = {0, 0};
  (void)state;
  unsigned n = each_file(CORPUS "/valid", self_check, counts);
  assert_true(n >= 40);
  /* every valid file has one engine section of a few KiB and a short check tail */
  assert_int_equal(counts[0], n);
  assert_true(counts[1] >= n - 2);
}

static void same_file_real_artifacts(void **state) {
  unsigned counts[2] = {0, 0};
  const char *probe = tb_real_artifact("v42-pulley32-component.cwasm");
  char dir[1024];
  (void)state;
  if (!probe) {
    print_message("skipped: ../shared/real-artifacts not found\n");
    skip();
  }
  snprintf(dir, sizeof dir, "%s", probe);
  *strrchr(dir, '/') = '\0';
  assert_true(each_file(dir, self_check, counts) >= 4);
  assert_true(counts[0] >= 3); /* the legacy file does not parse */
}

/* ------------------------------------------------------------- moved */

static const char *const moved_files[] = {
    "v48-x86_64-linux-module.cwasm", "v9-riscv64-linux-component.cwasm", "v32-x86_64-linux-component-none.cwasm",
    "v41-riscv64-linux-component-custom.cwasm", "v4-x86_64-linux-component.cwasm",
};

static void moved_engine_section(void **state) {
  (void)state;
  for (size_t k = 0; k < sizeof moved_files / sizeof moved_files[0]; k++) {
    char path[1024];
    size_t len, n_ref, n_in;
    uint8_t *orig, *ref_img, *in_img, *engine;
    cwasm_diag d;
    cwasm_artifact *o = &a_slow;
    snprintf(path, sizeof path, CORPUS "/valid/%s", moved_files[k]);
    orig = tb_read_file(path, &len);
    assert_non_null(orig);
    assert_int_equal(cwasm_parse(orig, len, NULL, o, &d), CWASM_OK);
    engine = malloc(o->engine.section.data.n);
    assert_non_null(engine);
    memcpy(engine, o->engine.section.data.p, o->engine.section.data.n);
    {
      uint8_t pad[40] = {1, 2, 3};
      eb_section one[] = {{.name = ".wasmtime.engine", .type = EB_SHT_PROGBITS, .data = engine,
                           .size = o->engine.section.data.n, .addralign = 1}};
      eb_section two[] = {{.name = ".text", .type = EB_SHT_PROGBITS, .flags = EB_SHF_ALLOC | EB_SHF_EXECINSTR,
                           .data = pad, .size = sizeof pad, .addralign = 16},
                          {.name = ".wasmtime.engine", .type = EB_SHT_PROGBITS, .data = engine,
                           .size = o->engine.section.data.n, .addralign = 1}};
      eb_spec s1 = {.sections = one, .nsections = 1}, s2 = {.sections = two, .nsections = 2};
      s1.set = s2.set = EB_H_FLAGS | EB_H_MACHINE;
      s1.flags = s2.flags = o->elf.flags;
      s1.machine = s2.machine = o->elf.machine;
      assert_int_equal(eb_build(&s1, &ref_img, &n_ref, NULL), 0);
      assert_int_equal(eb_build(&s2, &in_img, &n_in, NULL), 0);
    }
    prepare_from(ref_img, n_ref, NULL, NULL);
    assert_int_equal(prep.shortcut, 1);
    assert_int_equal(expect_same(&prep, in_img, n_in, moved_files[k]), CWASM_OK);
    /* the section moved: offsets and index differ from the reference's, and still match */
    assert_int_not_equal(a_fast.engine.section.offset, ref_art.engine.section.offset);
    assert_int_not_equal(a_fast.engine.section.index, ref_art.engine.section.index);
    assert_int_equal(a_fast.meta.target_offset - a_fast.engine.section.offset,
                     ref_art.meta.target_offset - ref_art.engine.section.offset);
    /* and the reference itself, through its own prepared copy */
    assert_int_equal(expect_same(&prep, ref_img, n_ref, moved_files[k]), CWASM_OK);
    free(ref_img);
    free(in_img);
    free(engine);
    free(orig);
  }
}

/* ------------------------------------------------------ other inputs */

static void against_prepared(const char *path, const uint8_t *buf, size_t len, void *ctx) {
  (void)ctx;
  (void)expect_same(&prep, buf, len, path);
}

static void every_corpus_file_against_one_reference(void **state) {
  size_t len;
  uint8_t *ref = tb_read_file(CORPUS "/valid/v48-x86_64-linux-module.cwasm", &len);
  (void)state;
  assert_non_null(ref);
  prepare_from(ref, len, NULL, NULL);
  assert_true(each_file(CORPUS "/valid", against_prepared, NULL) >= 40);
  assert_true(each_file(CORPUS "/malformed", against_prepared, NULL) >= 100);
  /* an explicit default host of another release: findings in every tail */
  {
    cwasm_host h;
    cwasm_diag d;
    assert_int_equal(cwasm_host_default(36, &h), CWASM_OK);
    assert_int_equal(cwasm_prepare(&h, &ref_art, NULL, &prep, &d), CWASM_OK);
    assert_int_equal(prep.host.release, 36);
    assert_true(each_file(CORPUS "/valid", against_prepared, NULL) >= 40);
  }
  free(ref);
}

/* ----------------------------------------------------------- findings */

static void tail_findings_are_replayed_and_moved(void **state) {
  size_t len;
  cwasm_host h;
  cwasm_diag d;
  uint8_t *ref = tb_read_file(CORPUS "/valid/v48-x86_64-linux-module.cwasm", &len);
  (void)state;
  assert_non_null(ref);
  assert_int_equal(cwasm_parse(ref, len, NULL, &ref_art, &d), CWASM_OK);
  /* the reference's host, with one Tunable and the OS changed: two findings after the ELF checks */
  assert_int_equal(cwasm_host_from_reference(&ref_art, NULL, &h, &d), CWASM_OK);
  h.tunables.f[CWASM_T_CONSUME_FUEL].value = !h.tunables.f[CWASM_T_CONSUME_FUEL].value;
  h.triple.os_name = "windows";
  assert_int_equal(cwasm_prepare(&h, &ref_art, NULL, &prep, &d), CWASM_OK);
  assert_int_equal(prep.shortcut, 1);
  assert_int_equal(prep.findings, 2);
  assert_int_equal(expect_same(&prep, ref, len, "v48 vs changed host"), CWASM_OK);
  assert_int_equal(r_fast.findings, 2);
  assert_int_equal(r_fast.items[0].code, CWASM_F_OS);
  assert_int_equal(r_fast.items[0].offset, a_fast.meta.target_offset);
  assert_int_equal(r_fast.items[1].code, CWASM_F_TUNABLE);
  assert_int_equal(r_fast.items[1].offset, a_fast.meta.tunables.f[CWASM_T_CONSUME_FUEL].offset);
  free(ref);
}

/* ------------------------------------------------------------ lenient */

static void lenient_reference_with_warnings(void **state) {
  cwasm_options lenient = {.flags = CWASM_OPT_LENIENT};
  unsigned with_warnings = 0;
  (void)state;
  /* every corpus file that parses leniently, prepared leniently as its own reference */
  DIR *dir = opendir(CORPUS "/malformed");
  struct dirent *e;
  assert_non_null(dir);
  while ((e = readdir(dir)) != NULL) {
    char path[1024];
    size_t len;
    uint8_t *buf;
    cwasm_diag d;
    if (e->d_name[0] == '.') continue;
    assert_true((size_t)snprintf(path, sizeof path, CORPUS "/malformed/%s", e->d_name) < sizeof path);
    buf = tb_read_file(path, &len);
    assert_non_null(buf);
    if (cwasm_parse(buf, len, &lenient, &ref_art, &d) == CWASM_OK && ref_art.meta.have == CWASM_HAVE_ALL) {
      cwasm_status st = cwasm_prepare(NULL, &ref_art, &lenient, &prep, &d);
      if (st == CWASM_F_TARGET_PARSE) { /* no host from a target that does not parse: the default one */
        cwasm_host h;
        assert_int_equal(cwasm_host_default(48, &h), CWASM_OK);
        st = cwasm_prepare(&h, &ref_art, &lenient, &prep, &d);
      }
      assert_int_equal(st, CWASM_OK);
      assert_int_equal(expect_same(&prep, buf, len, path), CWASM_OK);
      if (prep.shortcut && prep.warnings.count) with_warnings++;
    }
    free(buf);
  }
  closedir(dir);
  /* dev builds, trailing bytes, non-canonical versions: metadata-stage warnings moved */
  assert_true(with_warnings >= 3);
}

/* ------------------------------------------------------- shortcut off */

static void shortcut_off_keeps_results(void **state) {
  uint8_t meta[40000], engine[40100];
  mb m;
  size_t n_engine, len;
  uint8_t *img;
  const cwasm_release *rel = cwasm_release_get(48);
  mb_values vals;
  (void)state;
  /* an engine section larger than CWASM_PREPARED_ENGINE_MAX: 1500 shared flags */
  mb_init(&m, meta, sizeof meta, rel->layout->codec);
  mb_str(&m, "x86_64-unknown-linux-gnu");
  mb_u64(&m, 1500);
  for (unsigned i = 0; i < 1500; i++) mb_flag_bool(&m, "enable_verifier", 1);
  mb_u64(&m, 0);
  mb_values_for(rel->layout, 0, &vals);
  mb_tunables(&m, rel->layout, &vals);
  mb_features(&m, rel->layout, 0);
  n_engine = mb_engine(engine, sizeof engine, "48", meta, m.n);
  assert_true(n_engine > CWASM_PREPARED_ENGINE_MAX);
  assert_int_equal(eb_artifact(&img, &len, engine, n_engine, CWASM_EF_MODULE, false), 0);
  prepare_from(img, len, NULL, NULL);
  assert_int_equal(prep.shortcut, 0);
  assert_int_equal(expect_same(&prep, img, len, "large engine section"), CWASM_OK);

  /* more tail items than CWASM_PREPARED_MAX_ITEMS: 20 shared settings no release knows */
  free(img);
  mb_init(&m, meta, sizeof meta, rel->layout->codec);
  mb_str(&m, "x86_64-unknown-linux-gnu");
  mb_u64(&m, 20);
  for (unsigned i = 0; i < 20; i++) mb_flag_bool(&m, "no_such_setting", 1);
  mb_u64(&m, 0);
  mb_tunables(&m, rel->layout, &vals);
  mb_features(&m, rel->layout, 0);
  n_engine = mb_engine(engine, sizeof engine, "48", meta, m.n);
  assert_int_equal(eb_artifact(&img, &len, engine, n_engine, CWASM_EF_MODULE, false), 0);
  prepare_from(img, len, NULL, NULL);
  assert_int_equal(prep.shortcut, 0);
  assert_int_equal(expect_same(&prep, img, len, "20 unknown settings"), CWASM_OK);
  assert_int_equal(r_fast.findings, 20);
  assert_int_equal(r_fast.items[0].code, CWASM_F_SHARED_FLAG_UNKNOWN);

  /* two engine sections (lenient): the shortcut needs exactly one */
  mb_init(&m, meta, sizeof meta, rel->layout->codec);
  mb_str(&m, "x86_64-unknown-linux-gnu");
  mb_u64(&m, 2);
  for (unsigned i = 0; i < 2; i++) mb_flag_bool(&m, "no_such_setting", 1);
  mb_u64(&m, 0);
  mb_tunables(&m, rel->layout, &vals);
  mb_features(&m, rel->layout, 0);
  n_engine = mb_engine(engine, sizeof engine, "48", meta, m.n);
  {
    cwasm_options lenient = {.flags = CWASM_OPT_LENIENT};
    eb_section two[] = {{.name = ".wasmtime.engine", .type = EB_SHT_PROGBITS, .data = engine, .size = n_engine},
                        {.name = ".wasmtime.engine", .type = EB_SHT_PROGBITS, .data = engine, .size = n_engine}};
    eb_spec spec = {.sections = two, .nsections = 2};
    free(img);
    assert_int_equal(eb_build(&spec, &img, &len, NULL), 0);
    prepare_from(img, len, &lenient, NULL);
    assert_int_equal(prep.shortcut, 0);
    assert_int_equal(expect_same(&prep, img, len, "two engine sections"), CWASM_OK);
    /* a reference with one of them, prepared with the shortcut on: the input with two still
     * takes the full path (Wasmtime's eras read different ones) */
    {
      uint8_t *one;
      size_t n_one;
      eb_spec spec1 = {.sections = two, .nsections = 1};
      assert_int_equal(eb_build(&spec1, &one, &n_one, NULL), 0);
      prepare_from(one, n_one, &lenient, NULL);
      assert_int_equal(prep.shortcut, 1);
      assert_int_equal(expect_same(&prep, img, len, "two engine sections, shortcut on"), CWASM_OK);
      assert_int_equal(a_fast.engine.count, 2);
      free(one);
    }
  }
  free(img);
}

/* ------------------------------------------------------------- errors */

static void argument_errors(void **state) {
  size_t len;
  cwasm_diag d;
  cwasm_artifact partial;
  uint8_t *ref = tb_read_file(CORPUS "/valid/v48-x86_64-linux-module.cwasm", &len);
  cwasm_options forced = {.release = 47};
  (void)state;
  assert_non_null(ref);
  assert_int_equal(cwasm_parse(ref, len, NULL, &ref_art, &d), CWASM_OK);
  assert_int_equal(cwasm_prepare(NULL, &ref_art, NULL, NULL, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "prepared");
  assert_int_equal(cwasm_prepare(NULL, NULL, NULL, &prep, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "reference");
  /* a reference not parsed to the metadata stage */
  memset(&partial, 0, sizeof partial);
  assert_int_equal(cwasm_parse(ref, 100, NULL, &partial, &d), CWASM_E_ELF_SHOFF_RANGE);
  assert_int_equal(cwasm_prepare(NULL, &partial, NULL, &prep, &d), CWASM_E_ARGUMENT);
  /* options other than those the reference was parsed with: its bytes decode otherwise */
  assert_int_equal(cwasm_prepare(NULL, &ref_art, &forced, &prep, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "reference");
  /* a reference parsed leniently (a development build), prepared strictly: the strict parse
   * of its engine section fails */
  {
    size_t dlen;
    cwasm_options lenient = {.flags = CWASM_OPT_LENIENT};
    uint8_t *dev = tb_read_file(CORPUS "/malformed/meta-dev-build-36-over-35.cwasm", &dlen);
    assert_non_null(dev);
    assert_int_equal(cwasm_parse(dev, dlen, &lenient, &partial, &d), CWASM_OK);
    assert_int_equal(cwasm_prepare(NULL, &partial, NULL, &prep, &d), CWASM_E_ARGUMENT);
    assert_string_equal(d.field, "reference");
    assert_int_equal(cwasm_prepare(NULL, &partial, &lenient, &prep, &d), CWASM_OK);
    assert_int_equal(prep.shortcut, 1);
    free(dev);
  }
  /* a host of no known release */
  {
    cwasm_host h;
    assert_int_equal(cwasm_host_from_reference(&ref_art, NULL, &h, &d), CWASM_OK);
    h.release = 2;
    assert_int_equal(cwasm_prepare(&h, &ref_art, NULL, &prep, &d), CWASM_E_RELEASE_UNKNOWN);
  }
  /* parse_check's own arguments */
  assert_int_equal(cwasm_prepare(NULL, &ref_art, NULL, &prep, &d), CWASM_OK);
  assert_int_equal(cwasm_parse_check(NULL, ref, len, &a_fast, &r_fast, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "prepared");
  assert_int_equal(cwasm_parse_check(&prep, ref, len, &a_fast, NULL, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "report");
  assert_int_equal(cwasm_parse_check(&prep, ref, len, NULL, &r_fast, &d), CWASM_E_ARGUMENT);
  assert_int_equal(r_fast.host_release, 48);
  assert_int_equal(cwasm_parse_check(&prep, ref, len, &a_fast, &r_fast, NULL), CWASM_OK);
  /* empty and truncated inputs: the parse's errors, the report reset */
  assert_int_equal(expect_same(&prep, ref, 0, "empty"), CWASM_E_INPUT_EMPTY);
  assert_int_equal(expect_same(&prep, ref, 64, "header only"), CWASM_E_ELF_SHOFF_RANGE);
  free(ref);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(same_file_valid_corpus),
      cmocka_unit_test(same_file_real_artifacts),
      cmocka_unit_test(moved_engine_section),
      cmocka_unit_test(every_corpus_file_against_one_reference),
      cmocka_unit_test(tail_findings_are_replayed_and_moved),
      cmocka_unit_test(lenient_reference_with_warnings),
      cmocka_unit_test(shortcut_off_keeps_results),
      cmocka_unit_test(argument_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
