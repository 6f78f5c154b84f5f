/* Engine section: framing (spec §3.3) and finding it in the section table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "section_assert.h"
#include "elfbuild.h"
#include "metabuild.h"
#include "forged_elf.h"

static cwasm_bytes B(const void *p, size_t n) {
  cwasm_bytes b = {(const uint8_t *)p, n};
  return b;
}

static void split_framing(void **state) {
  (void)state;
  cwasm_engine e;
  cwasm_diag d;
  const uint8_t ok[] = {0, 2, '4', '8', 0xaa};
  const uint8_t none[] = {0, 0, 0xaa};
  assert_int_equal(cwasm_engine_split(B(ok, sizeof ok), 64, &e, &d), CWASM_OK);
  assert_int_equal(e.version.n, 2);
  assert_int_equal(e.version_offset, 66);
  assert_int_equal(e.metadata.n, 1);
  assert_int_equal(e.metadata_offset, 68);
  assert_int_equal(cwasm_engine_split(B(none, sizeof none), 0, &e, &d), CWASM_OK);
  assert_int_equal(e.version.n, 0);
  assert_int_equal(e.metadata.n, 1);
}

static void split_errors(void **state) {
  (void)state;
  cwasm_engine e;
  cwasm_diag d;
  const uint8_t fmt[] = {1, 0, 0};
  const uint8_t one[] = {0};
  const uint8_t small[] = {0, 2, '4', '8'}; /* no metadata byte */
  const uint8_t shorter[] = {0, 200, 'x'};
  assert_int_equal(cwasm_engine_split(B(NULL, 0), 64, &e, &d), CWASM_E_ENGINE_EMPTY);
  assert_int_equal(d.offset, 64);
  assert_int_equal(cwasm_engine_split(B(fmt, sizeof fmt), 64, &e, &d), CWASM_E_ENGINE_FORMAT);
  assert_int_equal(d.actual, 1);
  assert_int_equal(d.offset, 64);
  assert_int_equal(cwasm_engine_split(B(one, sizeof one), 64, &e, &d), CWASM_E_ENGINE_NO_LENGTH);
  assert_int_equal(d.offset, 65);
  assert_int_equal(cwasm_engine_split(B(small, sizeof small), 64, &e, &d), CWASM_E_ENGINE_TOO_SMALL);
  assert_int_equal(d.actual, 2);
  assert_string_equal(d.field, "engine.version_length");
  assert_int_equal(cwasm_engine_split(B(shorter, sizeof shorter), 64, &e, &d), CWASM_E_ENGINE_TOO_SMALL);
  assert_int_equal(d.actual, 200);
}

static const uint8_t engine_bytes[] = {0, 2, '4', '8', 0x01, 't', 0, 0};

static void parse_img(const uint8_t *img, size_t len, const cwasm_options *opt, cwasm_elf *elf) {
  cwasm_diag d;
  cwasm_warnings w;
  memset(&w, 0, sizeof w);
  assert_int_equal(cwasm_elf_parse(img, len, opt, elf, &w, &d), CWASM_OK);
}

static void find_in_artifact(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  cwasm_warnings w;
  memset(&w, 0, sizeof w);
  assert_int_equal(eb_artifact(&img, &len, engine_bytes, sizeof engine_bytes, CWASM_EF_MODULE, false), 0);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.count, 1);
  assert_int_equal(e.first_index, EB_ARTIFACT_ENGINE_INDEX);
  assert_int_equal(e.section.offset, EB_ARTIFACT_ENGINE_OFFSET);
  assert_int_equal(e.metadata_offset, EB_ARTIFACT_ENGINE_OFFSET + 4);
  assert_int_equal(w.count, 0);
  free(img);
}

static void build_two_engines(uint8_t **img, size_t *len, eb_info *info, uint32_t second_type) {
  eb_section s[3];
  eb_spec spec;
  memset(s, 0, sizeof s);
  memset(&spec, 0, sizeof spec);
  s[0].name = ".wasmtime.engine";
  s[0].type = EB_SHT_PROGBITS;
  s[0].data = engine_bytes;
  s[0].size = sizeof engine_bytes;
  s[1].name = ".text";
  s[1].type = EB_SHT_PROGBITS;
  s[1].size = 8;
  s[2] = s[0];
  s[2].type = second_type;
  spec.sections = s;
  spec.nsections = second_type ? 3 : 2;
  assert_int_equal(eb_build(&spec, img, len, info), 0);
}

static void duplicates_strict_and_lenient(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  eb_info info;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  cwasm_warnings w;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  build_two_engines(&img, &len, &info, EB_SHT_PROGBITS);
  parse_img(img, len, NULL, &elf);
  memset(&w, 0, sizeof w);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, &w, &d), CWASM_E_ENGINE_DUPLICATE);
  assert_int_equal(d.section, 3);
  assert_int_equal(d.offset, info.shoff + 3u * info.shentsize);
  assert_int_equal(d.actual, 2);
  assert_int_equal(cwasm_engine_find(&elf, &lenient, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.count, 2);
  assert_int_equal(e.first_index, 1);
  assert_int_equal(e.last_index, 3);
  assert_int_equal(e.section.index, 1);
  assert_int_equal(w.count, 1);
  assert_int_equal(w.items[0].code, CWASM_W_ENGINE_DUPLICATE);
  free(img);
}

static void missing_nobits_and_type(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  eb_info info;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  cwasm_warnings w;
  eb_section s[1];
  eb_spec spec;
  memset(&w, 0, sizeof w);
  memset(s, 0, sizeof s);
  memset(&spec, 0, sizeof spec);
  s[0].name = ".wasmtime.engin";
  s[0].type = EB_SHT_PROGBITS;
  s[0].data = engine_bytes;
  s[0].size = sizeof engine_bytes;
  spec.sections = s;
  spec.nsections = 1;
  assert_int_equal(eb_build(&spec, &img, &len, &info), 0);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, &w, &d), CWASM_E_ENGINE_MISSING);
  free(img);

  s[0].name = ".wasmtime.engine";
  s[0].type = EB_SHT_NOBITS;
  assert_int_equal(eb_build(&spec, &img, &len, &info), 0);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, &w, &d), CWASM_E_ENGINE_EMPTY);
  assert_int_equal(d.section, 1);
  free(img);

  s[0].type = EB_SHT_STRTAB; /* unusual but readable: a warning */
  assert_int_equal(eb_build(&spec, &img, &len, &info), 0);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, &w, &d), CWASM_OK);
  assert_int_equal(w.count, 1);
  assert_int_equal(w.items[0].code, CWASM_W_ENGINE_TYPE);
  assert_int_equal(w.items[0].actual, EB_SHT_STRTAB);
  free(img);
}

static void overlap_with_header(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  cwasm_warnings w;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  memset(&w, 0, sizeof w);
  assert_int_equal(eb_artifact(&img, &len, engine_bytes, sizeof engine_bytes, CWASM_EF_MODULE, false), 0);
  parse_img(img, len, NULL, &elf);
  /* point the engine section at the ELF header itself */
  size_t at = (size_t)elf.shoff + EB_ARTIFACT_ENGINE_INDEX * 64u + 24u; /* sh_offset of ELF64 */
  eb_put(img, at, 8, 0, false);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, &w, &d), CWASM_E_ENGINE_OVERLAP);
  assert_int_equal(d.section, EB_ARTIFACT_ENGINE_INDEX);
  assert_int_equal(cwasm_engine_find(&elf, &lenient, &e, &w, &d), CWASM_E_ENGINE_FORMAT);
  assert_int_equal(w.items[0].code, CWASM_E_ENGINE_OVERLAP);
  free(img);
}

static void bad_arguments(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  const uint8_t ok[] = {0, 0, 0xaa};
  assert_int_equal(cwasm_engine_split(B(ok, sizeof ok), 7, NULL, &d), CWASM_E_ARGUMENT);
  assert_int_equal(d.offset, 7);
  assert_int_equal(cwasm_engine_split(B(NULL, 3), 7, &e, &d), CWASM_E_ARGUMENT);
  /* no diag: the status alone */
  assert_int_equal(cwasm_engine_split(B(NULL, 3), 7, &e, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(eb_artifact(&img, &len, engine_bytes, sizeof engine_bytes, CWASM_EF_MODULE, false), 0);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(NULL, NULL, &e, NULL, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "engine");
  assert_int_equal(cwasm_engine_find(&elf, NULL, NULL, NULL, &d), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, NULL, NULL), CWASM_OK);
  free(img);
}

/* Three engine sections: the diagnostic names the second, the count is 3. */
static void three_engines(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  eb_info info;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  cwasm_warnings w;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  eb_section s[4];
  eb_spec spec;
  memset(s, 0, sizeof s);
  memset(&spec, 0, sizeof spec);
  for (unsigned i = 0; i < 4; i++) {
    s[i].name = i == 1 ? ".text" : ".wasmtime.engine";
    s[i].type = EB_SHT_PROGBITS;
    s[i].data = engine_bytes;
    s[i].size = sizeof engine_bytes;
  }
  spec.sections = s;
  spec.nsections = 4;
  assert_int_equal(eb_build(&spec, &img, &len, &info), 0);
  parse_img(img, len, NULL, &elf);
  memset(&w, 0, sizeof w);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, &w, &d), CWASM_E_ENGINE_DUPLICATE);
  assert_int_equal(d.section, 3);
  assert_int_equal(d.offset, info.shoff + 3u * info.shentsize);
  assert_int_equal(d.actual, 3);
  assert_int_equal(cwasm_engine_find(&elf, &lenient, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.count, 3);
  assert_int_equal(e.first_index, 1);
  assert_int_equal(e.last_index, 4);
  assert_int_equal(w.count, 1);
  assert_int_equal(w.items[0].section, 3);
  free(img);
}

/* A framing error inside the section is blamed on that section. */
static void split_error_names_section(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  const uint8_t bad[] = {1, 0, 0};
  assert_int_equal(eb_artifact(&img, &len, bad, sizeof bad, CWASM_EF_MODULE, false), 0);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, NULL, &d), CWASM_E_ENGINE_FORMAT);
  assert_int_equal(d.section, EB_ARTIFACT_ENGINE_INDEX);
  assert_int_equal(d.offset, EB_ARTIFACT_ENGINE_OFFSET);
  free(img);
}

static void assert_zero(const void *p, size_t n) {
  const uint8_t *b = p;
  for (size_t i = 0; i < n; i++) assert_int_equal(b[i], 0);
}

/* The section found is the one cwasm_elf_section reads, in every class and byte order. */
static void found_section_is_elf_section(void **state) {
  (void)state;
  for (int k = 0; k < 4; k++) {
    uint8_t *img;
    size_t len;
    eb_info info;
    eb_section s[3];
    eb_spec spec;
    cwasm_elf elf;
    cwasm_engine e;
    cwasm_section want;
    cwasm_diag d;
    memset(s, 0, sizeof s);
    memset(&spec, 0, sizeof spec);
    s[0].name = ".text";
    s[0].type = EB_SHT_PROGBITS;
    s[0].size = 8;
    s[1].name = ".wasmtime.engine";
    s[1].type = EB_SHT_PROGBITS;
    s[1].flags = 2;
    s[1].addr = 0x1000;
    s[1].data = engine_bytes;
    s[1].size = sizeof engine_bytes;
    s[1].addralign = 4;
    s[1].link = 3;
    s[1].info = 7;
    s[1].entsize = 9;
    s[2].name = "_wasmtime.engine"; /* the same last 8 bytes */
    s[2].type = EB_SHT_PROGBITS;
    s[2].data = engine_bytes;
    s[2].size = sizeof engine_bytes;
    spec.sections = s;
    spec.nsections = 3;
    spec.elf_class = k & 1 ? 32 : 64;
    spec.big_endian = k & 2;
    assert_int_equal(eb_build(&spec, &img, &len, &info), 0);
    parse_img(img, len, NULL, &elf);
    memset(&e, 0x5a, sizeof e);
    assert_int_equal(cwasm_engine_find(&elf, NULL, &e, NULL, &d), CWASM_OK);
    assert_int_equal(cwasm_elf_section(&elf, 2, &want, &d), CWASM_OK);
    assert_same_section(&e.section, &want);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.first_index, 2);
    assert_int_equal(e.last_index, 2);
    assert_int_equal(e.version.n, 2);
    assert_int_equal(e.metadata_offset, want.offset + 4);
    free(img);
  }
}

/* A caller's cwasm_elf that describes no readable table has no engine section. */
static void forged_elf(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  cwasm_elf elf, f;
  cwasm_engine e;
  cwasm_diag d;
  assert_int_equal(eb_artifact(&img, &len, engine_bytes, sizeof engine_bytes, CWASM_EF_MODULE, true), 0);
  parse_img(img, len, NULL, &elf);
  for (int k = 0; k < FORGED_ELF_COUNT; k++) {
    f = elf;
    forge_elf(&f, k);
    memset(&e, 0x5a, sizeof e);
    assert_int_equal(cwasm_engine_find(&f, NULL, &e, NULL, &d), CWASM_E_ENGINE_MISSING);
    assert_int_equal(d.offset, f.shoff);
    assert_zero(&e, sizeof e);
  }
  /* the bytes changed under the struct: the data range is checked again */
  eb_put(img, (size_t)elf.shoff + EB_ARTIFACT_ENGINE_INDEX * 64u + 24u, 8, len, true);
  memset(&e, 0x5a, sizeof e);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, NULL, &d), CWASM_E_ELF_SECTION_RANGE);
  assert_int_equal(d.section, EB_ARTIFACT_ENGINE_INDEX);
  assert_string_equal(d.field, "sh_size");
  assert_int_equal(e.section.offset, len);
  assert_null(e.section.data.p);
  assert_int_equal(e.format, 0);
  assert_null(e.version.p);
  free(img);
}

/*
 * Two engine sections, the first with its data outside the input (lenient
 * parse): strict finding stops at the duplicate with the section unread,
 * lenient finding warns and then fails on the range.
 */
static void duplicate_with_bad_range(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  eb_info info;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  cwasm_warnings w;
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  build_two_engines(&img, &len, &info, EB_SHT_PROGBITS);
  eb_patch_shdr(img, &info, 1, EB_SH_OFFSET, len + 5);
  parse_img(img, len, &lenient, &elf);
  memset(&e, 0x5a, sizeof e);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, NULL, &d), CWASM_E_ENGINE_DUPLICATE);
  assert_int_equal(d.section, 3);
  assert_int_equal(d.actual, 2);
  assert_int_equal(d.has_expected, CWASM_DIAG_EXPECTED);
  assert_int_equal(e.count, 2);
  assert_int_equal(e.first_index, 1);
  assert_int_equal(e.last_index, 3);
  assert_zero(&e.section, sizeof e.section);
  memset(&w, 0, sizeof w);
  assert_int_equal(cwasm_engine_find(&elf, &lenient, &e, &w, &d), CWASM_E_ELF_SECTION_RANGE);
  assert_int_equal(d.section, 1);
  assert_string_equal(d.field, "sh_offset");
  assert_int_equal(d.actual, len + 5);
  assert_int_equal(w.count, 1);
  assert_int_equal(w.items[0].code, CWASM_W_ENGINE_DUPLICATE);
  assert_int_equal(e.section.index, 1);
  assert_int_equal(e.section.offset, len + 5);
  free(img);
}

/* Section 0 may carry the name: it has no data (its sh_size is the extended count). */
static void engine_name_on_section0(void **state) {
  (void)state;
  uint8_t *img;
  size_t len;
  eb_info info;
  eb_section s[1];
  eb_spec spec;
  cwasm_elf elf;
  cwasm_engine e;
  cwasm_diag d;
  memset(s, 0, sizeof s);
  memset(&spec, 0, sizeof spec);
  s[0].name = ".text";
  s[0].type = EB_SHT_PROGBITS;
  s[0].size = 4;
  spec.sections = s;
  spec.nsections = 1;
  spec.section0.name = ".wasmtime.engine";
  assert_int_equal(eb_build(&spec, &img, &len, &info), 0);
  parse_img(img, len, NULL, &elf);
  assert_int_equal(cwasm_engine_find(&elf, NULL, &e, NULL, &d), CWASM_E_ENGINE_EMPTY);
  assert_int_equal(d.section, 0);
  assert_string_equal(d.field, "sh_size");
  assert_int_equal(e.first_index, 0);
  assert_int_equal(e.section.name.n, 16);
  assert_null(e.section.data.p);
  free(img);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(split_framing), cmocka_unit_test(split_errors), cmocka_unit_test(find_in_artifact),
      cmocka_unit_test(duplicates_strict_and_lenient), cmocka_unit_test(missing_nobits_and_type),
      cmocka_unit_test(overlap_with_header), cmocka_unit_test(bad_arguments), cmocka_unit_test(three_engines),
      cmocka_unit_test(split_error_names_section), cmocka_unit_test(found_section_is_elf_section),
      cmocka_unit_test(forged_elf), cmocka_unit_test(duplicate_with_bad_range),
      cmocka_unit_test(engine_name_on_section0),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
