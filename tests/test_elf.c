/*
 * ELF stage: cwasm_detect, cwasm_elf_parse, cwasm_elf_section,
 * elf_check_wasmtime. Inputs are built by tests/support/elfbuild, patched
 * into hostile shapes, and placed flush against a PROT_NONE page where the
 * platform allows, so any read past the input crashes the test.
 */
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cwasm/cwasm.h"
#include "section_assert.h"
#include "elfbuild.h"
#include "internal.h"
#include "forged_elf.h"

/* ------------------------------------------------------------ helpers */

static const uint8_t ENGINE[12] = {0, 2, '4', '2', 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4};
static const uint8_t TEXT[20] = {0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90,
                                 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0xc3};

/* [0] null, [1] .wasmtime.engine, [2] .bss (NOBITS), [3] .text, [4] .shstrtab */
#define STD_N 3
static const eb_section STD[STD_N] = {
    {.name = ".wasmtime.engine", .type = EB_SHT_PROGBITS, .flags = EB_SHF_ALLOC, .data = ENGINE,
     .size = sizeof ENGINE, .addralign = 1},
    {.name = ".bss", .type = EB_SHT_NOBITS, .flags = EB_SHF_ALLOC | EB_SHF_WRITE, .size = 4096,
     .addralign = 8},
    {.name = ".text", .type = EB_SHT_PROGBITS, .flags = EB_SHF_ALLOC | EB_SHF_EXECINSTR,
     .data = TEXT, .size = sizeof TEXT, .addralign = 16},
};

typedef struct img {
  uint8_t *p;
  size_t n;
  eb_info info;
  eb_section secs[STD_N];
} img;

static eb_spec std_spec(img *m, uint8_t cls, bool big) {
  eb_spec s;
  memset(&s, 0, sizeof s);
  memcpy(m->secs, STD, sizeof STD);
  s.elf_class = cls;
  s.big_endian = big;
  s.sections = m->secs;
  s.nsections = STD_N;
  return s;
}

static void make(img *m, const eb_spec *s) { assert_int_equal(eb_build(s, &m->p, &m->n, &m->info), 0); }

static void make_std(img *m, uint8_t cls, bool big) {
  eb_spec s = std_spec(m, cls, big);
  make(m, &s);
}

static void drop(img *m) {
  free(m->p);
  m->p = NULL;
}

/* Offset of a section header field, from literal ELF layouts (not elfbuild's table). */
static size_t shf(const img *m, uint32_t index, size_t off64, size_t off32) {
  return (size_t)m->info.shoff + index * (size_t)m->info.shentsize +
         (m->info.elf_class == 32 ? off32 : off64);
}
#define SH_NAME(m, i) shf(m, i, 0, 0)
#define SH_TYPE(m, i) shf(m, i, 4, 4)
#define SH_OFFSET(m, i) shf(m, i, 24, 16)
#define SH_SIZE(m, i) shf(m, i, 32, 20)
#define SH_LINK(m, i) shf(m, i, 40, 24)

static cwasm_status parse_flags(const uint8_t *p, size_t n, uint32_t flags, cwasm_elf *e,
                                cwasm_warnings *w, cwasm_diag *d) {
  cwasm_options o;
  memset(&o, 0, sizeof o);
  o.flags = flags;
  memset(w, 0, sizeof *w);
  return cwasm_elf_parse(p, n, &o, e, w, d);
}

static cwasm_status parse_img(const img *m, uint32_t flags, cwasm_elf *e, cwasm_warnings *w,
                              cwasm_diag *d) {
  return parse_flags(m->p, m->n, flags, e, w, d);
}

static void assert_diag(const cwasm_diag *d, cwasm_status code, uint64_t offset, uint32_t section,
                        const char *field) {
  assert_int_equal(d->code, code);
  assert_int_equal(d->offset, offset);
  assert_int_equal(d->section, section);
  assert_non_null(d->field);
  assert_string_equal(d->field, field);
}

static void assert_vals(const cwasm_diag *d, uint64_t actual, int has_expected, uint64_t expected) {
  assert_int_equal(d->has_actual, 1);
  assert_int_equal(d->actual, actual);
  assert_int_equal(d->has_expected, has_expected);
  if (has_expected) assert_int_equal(d->expected, expected);
}

static unsigned count_warn(const cwasm_warnings *w, cwasm_status code) {
  unsigned k = 0;
  for (uint32_t i = 0; i < w->count && i < CWASM_MAX_WARNINGS; i++)
    if (w->items[i].code == code) k++;
  return k;
}

/*
 * A strict-only rule: strict fails with `code` (diag checked), lenient
 * succeeds with exactly one warning of that code carrying the same diag.
 */
static void expect_strict_only(const img *m, cwasm_status code, uint64_t offset, uint32_t section,
                               const char *field) {
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(parse_img(m, 0, &e, &w, &d), code);
  assert_diag(&d, code, offset, section, field);
  assert_int_equal(w.count, 0);
  assert_int_equal(parse_img(m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(d.code, CWASM_OK);
  assert_int_equal(count_warn(&w, code), 1);
  for (uint32_t i = 0; i < w.count; i++) {
    if (w.items[i].code != code) continue;
    assert_diag(&w.items[i], code, offset, section, field);
  }
}

/* A hard error: the same failure in both modes. */
static void expect_hard(const uint8_t *p, size_t n, cwasm_status code, uint64_t offset,
                        uint32_t section, const char *field) {
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(parse_flags(p, n, 0, &e, &w, &d), code);
  assert_diag(&d, code, offset, section, field);
  assert_int_equal(parse_flags(p, n, CWASM_OPT_LENIENT, &e, &w, &d), code);
  assert_diag(&d, code, offset, section, field);
}

/* Bytes placed so that the byte after the input is unreadable (when mmap is available). */
typedef struct guard {
  uint8_t *base;
  size_t cap;
  size_t maplen;
} guard;

static void guard_init(guard *g, size_t cap) {
#if defined(MAP_ANONYMOUS)
  long pg = sysconf(_SC_PAGESIZE);
  size_t page = pg > 0 ? (size_t)pg : 4096;
  size_t usable = (cap + page - 1) / page * page;
  if (usable == 0) usable = page;
  void *map = mmap(NULL, usable + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  assert_true(map != MAP_FAILED);
  assert_int_equal(mprotect((uint8_t *)map + usable, page, PROT_NONE), 0);
  g->base = map;
  g->cap = usable;
  g->maplen = usable + page;
#else
  g->base = malloc(cap ? cap : 1);
  assert_non_null(g->base);
  g->cap = cap;
  g->maplen = 0;
#endif
}

static uint8_t *guard_place(guard *g, const uint8_t *src, size_t n) {
  assert_true(n <= g->cap);
  uint8_t *p = g->base + (g->cap - n);
  if (n) memcpy(p, src, n);
  return p;
}

static void guard_free(guard *g) {
#if defined(MAP_ANONYMOUS)
  munmap(g->base, g->maplen);
#else
  free(g->base);
#endif
}

/* ----------------------------------------------------- elfbuild itself */

/* Literal bytes, computed by hand: the builder is the oracle of every other test. */
static void test_elfbuild_layout(void **state) {
  (void)state;
  uint8_t *p;
  size_t n;
  /* 64 header + 40 engine = 104, bti at 104, .text aligned 16 at 112..128,
   * .shstrtab "\0.wasmtime.engine\0.wasmtime.bti\0.text\0.shstrtab\0" = 48 at 128,
   * table at 176, 5 * 64 = 320 -> 496. */
  uint8_t eng[40];
  for (size_t i = 0; i < sizeof eng; i++) eng[i] = (uint8_t)(i + 1);
  assert_int_equal(eb_artifact(&p, &n, eng, sizeof eng, CWASM_EF_MODULE, false), 0);
  assert_int_equal(n, 496);
  static const uint8_t ident[16] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 200, 0, 0, 0, 0, 0, 0, 0, 0};
  assert_memory_equal(p, ident, 16);
  assert_int_equal(p[40], 176); /* e_shoff, LE */
  assert_int_equal(p[41], 0);
  assert_int_equal(p[48], 1);   /* e_flags */
  assert_int_equal(p[60], 5);   /* e_shnum */
  assert_int_equal(p[62], 4);   /* e_shstrndx */
  assert_memory_equal(p + 64, eng, sizeof eng);
  assert_memory_equal(p + 128, "\0.wasmtime.engine\0", 18);
  assert_int_equal(p[176 + 64 + 24], 64); /* section 1 sh_offset */
  assert_int_equal(p[176 + 64 + 32], 40); /* section 1 sh_size */
  free(p);

  /* Big-endian: the same fields, most significant byte first. */
  assert_int_equal(eb_artifact(&p, &n, eng, sizeof eng, CWASM_EF_COMPONENT, true), 0);
  assert_int_equal(p[5], 2);
  assert_int_equal(p[47], 176);
  assert_int_equal(p[40], 0);
  assert_int_equal(p[51], 2);
  assert_int_equal(p[18], 0);
  assert_int_equal(p[19], EB_EM_S390);
  free(p);

  /* snprintf-like eb_write: a short buffer is left alone. */
  img m;
  eb_spec s = std_spec(&m, 32, true);
  size_t need = eb_write(&s, NULL, 0, NULL);
  uint8_t small[8] = {0};
  assert_int_equal(eb_write(&s, small, sizeof small, NULL), need);
  assert_int_equal(small[0], 0);
  s.elf_class = 16;
  assert_int_equal(eb_write(&s, NULL, 0, NULL), 0);
}

/* ----------------------------------------------------------- detect */

static void put_flags(uint8_t *p, uint32_t f, bool big) { eb_put(p, 48, 4, f, big); }

static void test_detect_kinds(void **state) {
  (void)state;
  uint8_t *p;
  size_t n;
  assert_int_equal(eb_artifact(&p, &n, ENGINE, sizeof ENGINE, CWASM_EF_MODULE, false), 0);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_MODULE);
  put_flags(p, CWASM_EF_COMPONENT, false);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_COMPONENT);
  put_flags(p, CWASM_EF_COMPONENT | CWASM_EF_PULLEY32, false);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_COMPONENT);
  put_flags(p, CWASM_EF_MODULE | CWASM_EF_PULLEY64, false);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_MODULE);
  /* v32+ rule: bit 0 wins when both are set. */
  put_flags(p, CWASM_EF_MODULE | CWASM_EF_COMPONENT, false);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_MODULE);
  put_flags(p, CWASM_EF_PULLEY32, false);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_NONE);
  put_flags(p, 0, false);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_NONE);
  /* e_flags is read in the file's byte order: 0x01000000 LE has bit 0 clear. */
  put_flags(p, 0x01000000u, false);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_NONE);
  free(p);

  assert_int_equal(eb_artifact(&p, &n, ENGINE, sizeof ENGINE, CWASM_EF_MODULE, true), 0);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_MODULE);
  put_flags(p, CWASM_EF_COMPONENT | CWASM_EF_PULLEY64, true);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_COMPONENT);
  put_flags(p, 0x01000000u, true);
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_NONE);
  free(p);
}

static void test_detect_rejects(void **state) {
  (void)state;
  uint8_t *p;
  size_t n;
  uint8_t hdr[64];
  assert_int_equal(eb_artifact(&p, &n, ENGINE, sizeof ENGINE, CWASM_EF_MODULE, false), 0);
  memcpy(hdr, p, sizeof hdr);
  free(p);
  assert_int_equal(cwasm_detect(hdr, 64), CWASM_KIND_MODULE);
  /* Each identification byte, one at a time. */
  static const struct {
    size_t at;
    uint8_t v;
  } bad[] = {{0, 0x7e}, {1, 'e'}, {3, 'f'}, {4, 1}, {4, 0}, {4, 3}, {5, 0},
             {5, 3},    {6, 0}, {6, 2}, {7, 0}, {7, 3}, {8, 1}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    uint8_t t[64];
    memcpy(t, hdr, sizeof t);
    t[bad[i].at] = bad[i].v;
    assert_int_equal(cwasm_detect(t, sizeof t), CWASM_KIND_NONE);
  }
  /* Short inputs: an ELF64 header needs 64 bytes. */
  assert_int_equal(cwasm_detect(hdr, 63), CWASM_KIND_NONE);
  assert_int_equal(cwasm_detect(hdr, 0), CWASM_KIND_NONE);
  assert_int_equal(cwasm_detect(NULL, 0), CWASM_KIND_NONE);
  assert_int_equal(cwasm_detect(NULL, 100), CWASM_KIND_NONE);
  /* Garbage and a wasm binary. */
  static const uint8_t wasm[8] = {0, 'a', 's', 'm', 1, 0, 0, 0};
  assert_int_equal(cwasm_detect(wasm, sizeof wasm), CWASM_KIND_NONE);
  uint8_t junk[256];
  for (size_t i = 0; i < sizeof junk; i++) junk[i] = (uint8_t)(i * 37u + 11u);
  assert_int_equal(cwasm_detect(junk, sizeof junk), CWASM_KIND_NONE);
}

static void test_detect_legacy(void **state) {
  (void)state;
  static const uint8_t pre[] = "\0wasmtime-aot\x05" "0.26.0 and then anything";
  assert_int_equal(cwasm_detect(pre, sizeof pre - 1), CWASM_KIND_LEGACY);
  assert_int_equal(cwasm_detect(pre, 13), CWASM_KIND_LEGACY);
  assert_int_equal(cwasm_detect(pre, 12), CWASM_KIND_NONE);
  uint8_t t[20];
  memcpy(t, pre, sizeof t);
  t[12] = 'T';
  assert_int_equal(cwasm_detect(t, sizeof t), CWASM_KIND_NONE);
  t[12] = 't';
  t[0] = ' ';
  assert_int_equal(cwasm_detect(t, sizeof t), CWASM_KIND_NONE);
}

/*
 * A 64-byte header whose e_shoff points 1 MiB away, in a buffer that ends
 * at an unreadable page while `len` claims much more: detect must stop at 64.
 */
static void test_detect_reads_only_64(void **state) {
  (void)state;
  uint8_t *p;
  size_t n;
  guard g;
  assert_int_equal(eb_artifact(&p, &n, ENGINE, sizeof ENGINE, CWASM_EF_COMPONENT, false), 0);
  eb_put(p, 40, 8, 1u << 20, false);
  guard_init(&g, 64);
  uint8_t *q = guard_place(&g, p, 64);
  assert_int_equal(cwasm_detect(q, (size_t)1 << 30), CWASM_KIND_COMPONENT);
  assert_int_equal(cwasm_detect(q, 64), CWASM_KIND_COMPONENT);
  /* The legacy prefix is found within the same 64-byte window. */
  static const uint8_t pre[13] = {0, 'w', 'a', 's', 'm', 't', 'i', 'm', 'e', '-', 'a', 'o', 't'};
  q = guard_place(&g, pre, sizeof pre);
  assert_int_equal(cwasm_detect(q, sizeof pre), CWASM_KIND_LEGACY);
  guard_free(&g);
  free(p);
}

/* ------------------------------------------------------ valid parses */

static void check_std_sections(const img *m, const cwasm_elf *e) {
  cwasm_section s;
  cwasm_diag d;
  static const char *names[5] = {"", ".wasmtime.engine", ".bss", ".text", ".shstrtab"};
  static const uint32_t types[5] = {0, 1, 8, 1, 3};
  for (uint32_t i = 0; i < 5; i++) {
    assert_int_equal(cwasm_elf_section(e, i, &s, &d), CWASM_OK);
    assert_int_equal(d.code, CWASM_OK);
    assert_int_equal(s.index, i);
    assert_int_equal(s.name.n, strlen(names[i]));
    assert_memory_equal(s.name.p, names[i], s.name.n);
    assert_int_equal(s.type, types[i]);
    assert_int_equal(s.offset, eb_get(m->p, SH_OFFSET(m, i), m->info.elf_class / 8u,
                                      m->info.big_endian));
  }
  assert_int_equal(cwasm_elf_section(e, 1, &s, &d), CWASM_OK);
  assert_int_equal(s.flags, EB_SHF_ALLOC);
  assert_int_equal(s.size, sizeof ENGINE);
  assert_int_equal(s.addralign, 1);
  assert_int_equal(s.data.n, sizeof ENGINE);
  assert_ptr_equal(s.data.p, m->p + 64 - (m->info.elf_class == 32 ? 12 : 0));
  assert_memory_equal(s.data.p, ENGINE, sizeof ENGINE);
  assert_int_equal(cwasm_elf_section(e, 2, &s, &d), CWASM_OK);
  assert_int_equal(s.size, 4096); /* NOBITS: no file bytes however large */
  assert_int_equal(s.data.n, 0);
  assert_int_equal(s.flags, EB_SHF_ALLOC | EB_SHF_WRITE);
  assert_int_equal(s.addralign, 8);
  assert_int_equal(cwasm_elf_section(e, 3, &s, &d), CWASM_OK);
  assert_int_equal(s.data.n, sizeof TEXT);
  assert_memory_equal(s.data.p, TEXT, sizeof TEXT);
  assert_int_equal(s.offset % 16, 0);
  assert_int_equal(s.addralign, 16);
  assert_int_equal(cwasm_elf_section(e, 4, &s, &d), CWASM_OK);
  assert_int_equal(s.offset, m->info.shstrtab_offset);
  assert_int_equal(s.data.n, m->info.shstrtab_size);
  assert_int_equal(cwasm_elf_section(e, 0, &s, &d), CWASM_OK);
  assert_int_equal(s.data.n, 0);
  assert_int_equal(s.size, 0);
}

/* All four class/byte-order combinations, with distinctive header values
 * so that a field read at the wrong offset or in the wrong order shows. */
static void test_parse_valid_variants(void **state) {
  (void)state;
  static const uint8_t trail[7] = {1, 2, 3, 4, 5, 6, 7};
  for (int v = 0; v < 4; v++) {
    uint8_t cls = (v & 1) ? 32 : 64;
    bool big = (v & 2) != 0;
    img m;
    eb_spec s = std_spec(&m, cls, big);
    s.set = EB_H_MACHINE | EB_H_FLAGS | EB_H_TYPE | EB_H_VERSION | EB_H_OSABI | EB_H_ABIVERSION;
    s.machine = 0x1234;
    s.flags = 0x0000000a; /* component | pulley64 */
    s.type = 0x0201;
    s.version = 0x01020304;
    s.osabi = 0x42;
    s.abiversion = 7;
    s.trailing = trail;
    s.trailing_len = sizeof trail;
    make(&m, &s);
    cwasm_elf e;
    cwasm_warnings w;
    cwasm_diag d;
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(d.code, CWASM_OK);
    assert_int_equal(w.count, 0);
    assert_ptr_equal(e.base, m.p);
    assert_int_equal(e.size, m.n);
    assert_int_equal(e.elf_class, cls);
    assert_int_equal(e.endian, big ? CWASM_BIG : CWASM_LITTLE);
    assert_int_equal(e.osabi, 0x42);
    assert_int_equal(e.abiversion, 7);
    assert_int_equal(e.type, 0x0201);
    assert_int_equal(e.machine, 0x1234);
    assert_int_equal(e.version, 0x01020304);
    assert_int_equal(e.flags, 0xa);
    assert_int_equal(e.kind, CWASM_KIND_COMPONENT);
    assert_int_equal(e.pulley, 64);
    assert_int_equal(e.ehsize, cls == 64 ? 64 : 52);
    assert_int_equal(e.phoff, 0);
    assert_int_equal(e.phentsize, 0);
    assert_int_equal(e.phnum, 0);
    assert_int_equal(e.shoff, m.info.shoff);
    assert_int_equal(e.shentsize, cls == 64 ? 64 : 40);
    assert_int_equal(e.shnum_field, 5);
    assert_int_equal(e.shstrndx_field, 4);
    assert_int_equal(e.shnum, 5);
    assert_int_equal(e.shstrndx, 4);
    assert_int_equal(e.shstrtab_offset, m.info.shstrtab_offset);
    assert_int_equal(e.shstrtab_size, m.info.shstrtab_size);
    /* image_end excludes the trailing bytes */
    assert_int_equal(e.image_end, m.n - sizeof trail);
    assert_int_equal(e.image_end, m.info.image_end);
    check_std_sections(&m, &e);
    drop(&m);
  }
}

static void test_kind_and_pulley(void **state) {
  (void)state;
  static const struct {
    uint32_t flags;
    cwasm_kind kind;
    uint8_t pulley;
  } rows[] = {{0x0, CWASM_KIND_NONE, 0},       {0x1, CWASM_KIND_MODULE, 0},
              {0x2, CWASM_KIND_COMPONENT, 0},  {0x3, CWASM_KIND_MODULE, 0},
              {0x5, CWASM_KIND_MODULE, 32},    {0x6, CWASM_KIND_COMPONENT, 32},
              {0x9, CWASM_KIND_MODULE, 64},    {0xe, CWASM_KIND_COMPONENT, 32},
              {0x8, CWASM_KIND_NONE, 64},      {0x100, CWASM_KIND_NONE, 0}};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    img m;
    eb_spec s = std_spec(&m, 64, (i & 1) != 0);
    s.set = EB_H_FLAGS;
    s.flags = rows[i].flags;
    make(&m, &s);
    cwasm_elf e;
    cwasm_warnings w;
    cwasm_diag d;
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.kind, rows[i].kind);
    assert_int_equal(e.pulley, rows[i].pulley);
    drop(&m);
  }
}

/* ---------------------------------------------------- identification */

static void test_ident_errors(void **state) {
  (void)state;
  img m;
  make_std(&m, 64, false);
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;

  assert_int_equal(parse_flags(NULL, 0, 0, &e, &w, &d), CWASM_E_ELF_TRUNCATED);
  assert_diag(&d, CWASM_E_ELF_TRUNCATED, 0, CWASM_NO_SECTION, "e_ident");
  assert_vals(&d, 0, CWASM_DIAG_EXPECTED, 16);
  expect_hard(m.p, 15, CWASM_E_ELF_TRUNCATED, 15, CWASM_NO_SECTION, "e_ident");

  uint8_t *t = malloc(m.n);
  assert_non_null(t);
  /* magic */
  memcpy(t, m.p, m.n);
  t[2] = 'l';
  expect_hard(t, m.n, CWASM_E_ELF_MAGIC, 0, CWASM_NO_SECTION, "e_ident[EI_MAG]");
  assert_int_equal(parse_flags(t, m.n, 0, &e, &w, &d), CWASM_E_ELF_MAGIC);
  assert_vals(&d, 0x7f456c46, CWASM_DIAG_EXPECTED, 0x7f454c46);
  /* a too-short, non-ELF input is still "truncated" first (as object's reader does) */
  expect_hard(t, 15, CWASM_E_ELF_TRUNCATED, 15, CWASM_NO_SECTION, "e_ident");
  /* class */
  static const uint8_t classes[] = {0, 3, 0xff};
  for (size_t i = 0; i < sizeof classes; i++) {
    memcpy(t, m.p, m.n);
    t[4] = classes[i];
    expect_hard(t, m.n, CWASM_E_ELF_CLASS, 4, CWASM_NO_SECTION, "e_ident[EI_CLASS]");
    assert_int_equal(parse_flags(t, m.n, 0, &e, &w, &d), CWASM_E_ELF_CLASS);
    assert_vals(&d, classes[i], CWASM_DIAG_EXPECTED, 2);
  }
  /* data */
  static const uint8_t datas[] = {0, 3};
  for (size_t i = 0; i < sizeof datas; i++) {
    memcpy(t, m.p, m.n);
    t[5] = datas[i];
    expect_hard(t, m.n, CWASM_E_ELF_DATA, 5, CWASM_NO_SECTION, "e_ident[EI_DATA]");
    assert_int_equal(parse_flags(t, m.n, 0, &e, &w, &d), CWASM_E_ELF_DATA);
    assert_vals(&d, datas[i], 0, 0);
    assert_int_equal(e.elf_class, 64);
  }
  /* identification version */
  static const uint8_t vers[] = {0, 2};
  for (size_t i = 0; i < sizeof vers; i++) {
    memcpy(t, m.p, m.n);
    t[6] = vers[i];
    expect_hard(t, m.n, CWASM_E_ELF_IDENT_VERSION, 6, CWASM_NO_SECTION, "e_ident[EI_VERSION]");
    assert_int_equal(parse_flags(t, m.n, 0, &e, &w, &d), CWASM_E_ELF_IDENT_VERSION);
    assert_vals(&d, vers[i], CWASM_DIAG_EXPECTED, 1);
  }
  /* Whole header: 64 bytes for ELF64, 52 for ELF32. */
  expect_hard(m.p, 63, CWASM_E_ELF_TRUNCATED, 63, CWASM_NO_SECTION, "Elf64_Ehdr");
  assert_int_equal(parse_flags(m.p, 63, 0, &e, &w, &d), CWASM_E_ELF_TRUNCATED);
  assert_vals(&d, 63, CWASM_DIAG_EXPECTED, 64);
  assert_int_equal(e.elf_class, 64); /* what was read before the failure stays */
  free(t);
  drop(&m);

  make_std(&m, 32, true);
  expect_hard(m.p, 51, CWASM_E_ELF_TRUNCATED, 51, CWASM_NO_SECTION, "Elf32_Ehdr");
  assert_int_equal(parse_flags(m.p, 51, 0, &e, &w, &d), CWASM_E_ELF_TRUNCATED);
  assert_vals(&d, 51, CWASM_DIAG_EXPECTED, 52);
  /* 52 bytes of ELF32 are a whole header: the failure moves on to the table. */
  assert_int_equal(parse_flags(m.p, 52, 0, &e, &w, &d), CWASM_E_ELF_SHOFF_RANGE);
  drop(&m);
}

static void test_arguments(void **state) {
  (void)state;
  img m;
  make_std(&m, 64, false);
  cwasm_elf e;
  cwasm_diag d;
  cwasm_section s;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, NULL, NULL, NULL, &d), CWASM_E_ARGUMENT);
  assert_int_equal(d.code, CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_elf_parse(NULL, 10, NULL, &e, NULL, &d), CWASM_E_ARGUMENT);
  /* NULL options, warnings and diag are all allowed. */
  assert_int_equal(cwasm_elf_parse(m.p, m.n, NULL, &e, NULL, NULL), CWASM_OK);
  assert_int_equal(cwasm_elf_section(&e, 5, &s, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "index");
  assert_vals(&d, 5, CWASM_DIAG_LIMIT, 4);
  assert_int_equal(cwasm_elf_section(&e, UINT64_MAX, &s, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_elf_section(&e, 0, NULL, &d), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_elf_section(NULL, 0, &s, &d), CWASM_E_ARGUMENT);
  /* A forged cwasm_elf is re-checked, not trusted. */
  cwasm_elf f = e;
  f.shentsize = 40;
  assert_int_equal(cwasm_elf_section(&f, 1, &s, &d), CWASM_E_ARGUMENT);
  f = e;
  f.elf_class = 7;
  assert_int_equal(cwasm_elf_section(&f, 1, &s, &d), CWASM_E_ARGUMENT);
  f = e;
  f.shoff = UINT64_MAX - 10;
  assert_int_equal(cwasm_elf_section(&f, 1, &s, &d), CWASM_E_ELF_SHOFF_RANGE);
  f = e;
  f.shnum = 1000;
  assert_int_equal(cwasm_elf_section(&f, 999, &s, &d), CWASM_E_ELF_SHOFF_RANGE);
  f = e;
  f.size = m.info.shstrtab_offset + 4; /* header table now beyond the size */
  assert_int_equal(cwasm_elf_section(&f, 1, &s, &d), CWASM_E_ELF_SHOFF_RANGE);
  f = e;
  f.shstrtab_size = UINT64_MAX;
  assert_int_equal(cwasm_elf_section(&f, 1, &s, &d), CWASM_E_ELF_SHSTRTAB_RANGE);
  assert_int_equal(s.type, EB_SHT_PROGBITS); /* fields are still filled */
  assert_int_equal(s.name.n, 0);
  /* A forged name table makes every name unreadable, not read elsewhere. */
  f = e;
  f.shstrtab_offset = m.n;
  f.shstrtab_size = 1;
  assert_false(elf_section_name_is(&f, 1, ".wasmtime.engine"));
  assert_true(elf_section_name_is(&e, 1, ".wasmtime.engine"));
  /* A zeroed cwasm_elf has no sections: the limit is 0, not shnum - 1. */
  memset(&f, 0, sizeof f);
  assert_int_equal(cwasm_elf_section(&f, 0, &s, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "index");
  assert_vals(&d, 0, CWASM_DIAG_LIMIT, 0);
  /* elf_check_wasmtime */
  assert_int_equal(elf_check_wasmtime(NULL, NULL, NULL, &d), CWASM_E_ARGUMENT);
  f = e;
  f.elf_class = 0; /* not 32 or 64: not a parsed header */
  assert_int_equal(elf_check_wasmtime(&f, NULL, NULL, &d), CWASM_E_ARGUMENT);
  assert_string_equal(d.field, "elf");
  drop(&m);
}

/* Every prefix of a valid file fails with the code of the first missing piece. */
static void test_truncated_prefixes(void **state) {
  (void)state;
  for (int v = 0; v < 2; v++) {
    img m;
    make_std(&m, v ? 32 : 64, v != 0);
    size_t ehsize = v ? 52 : 64;
    size_t shoff = (size_t)m.info.shoff;
    guard g;
    guard_init(&g, m.n);
    for (size_t len = 0; len <= m.n; len++) {
      uint8_t *q = guard_place(&g, m.p, len);
      cwasm_elf e;
      cwasm_warnings w;
      cwasm_diag d;
      cwasm_status st = parse_flags(q, len, CWASM_OPT_LENIENT, &e, &w, &d);
      if (len < 16) {
        assert_int_equal(st, CWASM_E_ELF_TRUNCATED);
        assert_string_equal(d.field, "e_ident");
      } else if (len < ehsize) {
        assert_int_equal(st, CWASM_E_ELF_TRUNCATED);
        assert_int_equal(d.offset, len);
      } else if (len < shoff + m.info.shentsize) {
        assert_int_equal(st, CWASM_E_ELF_SHOFF_RANGE);
        assert_string_equal(d.field, "e_shoff");
      } else if (len < m.n) {
        assert_int_equal(st, CWASM_E_ELF_SHOFF_RANGE);
        assert_string_equal(d.field, "e_shnum");
        assert_vals(&d, 5, CWASM_DIAG_LIMIT, (len - shoff) / m.info.shentsize);
      } else {
        assert_int_equal(st, CWASM_OK);
        assert_int_equal(e.image_end, len);
      }
    }
    guard_free(&g);
    drop(&m);
  }
}

/* ---------------------------------------------------- program headers */

static void test_phdrs(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  for (int v = 0; v < 2; v++) {
    uint8_t cls = v ? 32 : 64;
    uint16_t pent = v ? 32 : 56;
    uint64_t at_phoff = v ? 28 : 32, at_pent = v ? 42 : 54, at_phnum = v ? 44 : 56;
    static uint8_t trail[400];
    img m;
    eb_spec s = std_spec(&m, cls, v != 0);
    s.trailing = trail;
    s.trailing_len = sizeof trail;
    size_t image = eb_write(&s, NULL, 0, NULL) - sizeof trail;

    /* A valid table in the trailing bytes moves image_end. */
    s.set = EB_H_PHOFF | EB_H_PHNUM | EB_H_PHENTSIZE;
    s.phoff = image + 16;
    s.phnum = 3;
    s.phentsize = pent;
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.phoff, image + 16);
    assert_int_equal(e.phnum, 3);
    assert_int_equal(e.phentsize, pent);
    assert_int_equal(e.image_end, image + 16 + 3u * pent);
    drop(&m);

    /* PN_XNUM: the count is section 0's sh_info (gABI), not 65535. */
    s.phnum = 0xffff;
    s.section0.info = 2;
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.image_end, image + 16 + 2u * pent);
    drop(&m);
    s.section0.info = 100000; /* a real count that does not fit */
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_PHDR);
    assert_int_equal(d.actual, 100000);
    drop(&m);
    /* no section table to read sh_info from (e_shoff 0, or past the end): taken literally */
    s.section0.info = 2;
    s.set |= EB_H_SHOFF;
    for (int k = 0; k < 2; k++) {
      s.shoff = k ? (uint64_t)1 << 40 : 0;
      make(&m, &s);
      assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_PHDR);
      assert_int_equal(d.actual, 0xffff);
      drop(&m);
    }
    s.set &= ~(uint32_t)EB_H_SHOFF;
    s.section0.info = 0;
    s.phnum = 3;

    /* Entry size of the other class. */
    s.phentsize = (uint16_t)(v ? 56 : 32);
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_PHDR, at_pent, CWASM_NO_SECTION, "e_phentsize");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_PHDR);
    assert_vals(&d, v ? 56 : 32, CWASM_DIAG_EXPECTED, pent);
    drop(&m);

    /* phoff or phnum zero: no table, the entry size is not looked at. */
    s.phnum = 0;
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.image_end, image);
    drop(&m);
    s.phnum = 3;
    s.phoff = 0;
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    drop(&m);

    /* Table runs past the end by one byte. */
    s.phentsize = pent;
    s.phoff = m.n - 3u * pent + 1;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_PHDR, at_phoff, CWASM_NO_SECTION, "e_phoff");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_PHDR);
    assert_vals(&d, m.n - 3u * pent + 1, CWASM_DIAG_LIMIT, m.n - 3u * pent);
    drop(&m);

    /* Offset near the top of the address space: must not wrap. */
    s.phoff = v ? 0xfffffff0u : UINT64_MAX - 8;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_PHDR, at_phoff, CWASM_NO_SECTION, "e_phoff");
    drop(&m);

    /* More entries than the whole input could hold. */
    s.phoff = 64;
    s.phnum = 0xfffe;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_PHDR, at_phnum, CWASM_NO_SECTION, "e_phnum");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_PHDR);
    assert_vals(&d, 0xfffe, CWASM_DIAG_LIMIT, m.n / pent);
    drop(&m);
  }
}

/* --------------------------------------------------- section table */

static void test_no_sections(void **state) {
  (void)state;
  img m;
  eb_spec s = std_spec(&m, 64, false);
  s.set = EB_H_SHOFF;
  s.shoff = 0;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_NO_SECTIONS, 40, CWASM_NO_SECTION, "e_shoff");
  drop(&m);

  s = std_spec(&m, 32, true);
  s.set = EB_H_SHOFF | EB_H_SHENTSIZE; /* checked before the entry size */
  s.shoff = 0;
  s.shentsize = 3;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_NO_SECTIONS, 32, CWASM_NO_SECTION, "e_shoff");
  drop(&m);

  /* Extended numbering with a zero count in section 0. */
  s = std_spec(&m, 64, true);
  s.ext_shnum = true;
  s.section0.set = EB_S_SIZE;
  s.section0.sh_size = 0;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_NO_SECTIONS, SH_SIZE(&m, 0), 0, "sh_size");
  drop(&m);
}

static void test_shentsize(void **state) {
  (void)state;
  static const uint16_t bad[] = {0, 1, 40, 63, 65, 128, 0xffff};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    img m;
    eb_spec s = std_spec(&m, 64, (i & 1) != 0);
    s.set = EB_H_SHENTSIZE;
    s.shentsize = bad[i];
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHENTSIZE, 58, CWASM_NO_SECTION, "e_shentsize");
    cwasm_elf e;
    cwasm_warnings w;
    cwasm_diag d;
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHENTSIZE);
    assert_vals(&d, bad[i], CWASM_DIAG_EXPECTED, 64);
    drop(&m);
  }
  img m;
  eb_spec s = std_spec(&m, 32, false);
  s.set = EB_H_SHENTSIZE;
  s.shentsize = 64;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHENTSIZE, 46, CWASM_NO_SECTION, "e_shentsize");
  drop(&m);
}

static void test_shoff_range(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  img m;
  make_std(&m, 64, false);
  size_t len = m.n;
  drop(&m);

  /* Section 0's header must be present. */
  const uint64_t offs[] = {len - 64, len - 63, len, len + 1, UINT64_MAX, UINT64_MAX - 63};
  for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
    eb_spec s = std_spec(&m, 64, false);
    s.set = EB_H_SHOFF;
    s.shoff = offs[i];
    make(&m, &s);
    if (i == 0) {
      /* section 0 fits, but 5 headers do not */
      expect_hard(m.p, m.n, CWASM_E_ELF_SHOFF_RANGE, 60, CWASM_NO_SECTION, "e_shnum");
      assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHOFF_RANGE);
      assert_vals(&d, 5, CWASM_DIAG_LIMIT, 1);
    } else {
      expect_hard(m.p, m.n, CWASM_E_ELF_SHOFF_RANGE, 40, CWASM_NO_SECTION, "e_shoff");
      assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHOFF_RANGE);
      assert_vals(&d, offs[i], CWASM_DIAG_LIMIT, len - 64);
    }
    drop(&m);
  }

  /* One header more than the input holds. */
  eb_spec s = std_spec(&m, 32, true);
  s.set = EB_H_SHNUM;
  s.shnum = 6;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHOFF_RANGE, 48, CWASM_NO_SECTION, "e_shnum");
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHOFF_RANGE);
  assert_vals(&d, 6, CWASM_DIAG_LIMIT, 5);
  drop(&m);

  /* ELF32 offset at the top of its 32-bit range. */
  s = std_spec(&m, 32, false);
  s.set = EB_H_SHOFF;
  s.shoff = 0xffffffffu;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHOFF_RANGE, 32, CWASM_NO_SECTION, "e_shoff");
  drop(&m);

  /* Extended count too large for the input (but under the limit). */
  s = std_spec(&m, 64, true);
  s.ext_shnum = true;
  s.section0.set = EB_S_SIZE;
  s.section0.sh_size = 6;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHOFF_RANGE, SH_SIZE(&m, 0), 0, "sh_size");
  drop(&m);

  /* A count whose byte size overflows 64 bits: the division-based test holds. */
  s = std_spec(&m, 64, false);
  s.ext_shnum = true;
  s.section0.set = EB_S_SIZE;
  s.section0.sh_size = (UINT64_MAX / 64) + 2;
  make(&m, &s);
  cwasm_options o;
  memset(&o, 0, sizeof o);
  o.max_sections = UINT64_MAX;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, &o, &e, NULL, &d), CWASM_E_ELF_SHOFF_RANGE);
  assert_diag(&d, CWASM_E_ELF_SHOFF_RANGE, SH_SIZE(&m, 0), 0, "sh_size");
  assert_vals(&d, (UINT64_MAX / 64) + 2, CWASM_DIAG_LIMIT, 5);
  drop(&m);
}

static void test_limit_sections(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_diag d;
  cwasm_options o;
  img m;
  memset(&o, 0, sizeof o);
  make_std(&m, 64, false);
  o.max_sections = 4;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, &o, &e, NULL, &d), CWASM_E_LIMIT_SECTIONS);
  assert_diag(&d, CWASM_E_LIMIT_SECTIONS, 60, CWASM_NO_SECTION, "e_shnum");
  assert_vals(&d, 5, CWASM_DIAG_LIMIT, 4);
  o.flags = CWASM_OPT_LENIENT; /* a limit is not an ambiguity */
  assert_int_equal(cwasm_elf_parse(m.p, m.n, &o, &e, NULL, &d), CWASM_E_LIMIT_SECTIONS);
  o.max_sections = 5;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, &o, &e, NULL, &d), CWASM_OK);
  drop(&m);

  /* A huge extended count hits the default limit before the range test. */
  eb_spec s = std_spec(&m, 32, true);
  s.ext_shnum = true;
  s.section0.set = EB_S_SIZE;
  s.section0.sh_size = CWASM_DEFAULT_MAX_SECTIONS + 1u;
  make(&m, &s);
  assert_int_equal(cwasm_elf_parse(m.p, m.n, NULL, &e, NULL, &d), CWASM_E_LIMIT_SECTIONS);
  assert_diag(&d, CWASM_E_LIMIT_SECTIONS, SH_SIZE(&m, 0), 0, "sh_size");
  assert_vals(&d, CWASM_DEFAULT_MAX_SECTIONS + 1u, CWASM_DIAG_LIMIT, CWASM_DEFAULT_MAX_SECTIONS);
  drop(&m);

  /* Without a limit, a count whose table size overflows 64 bits is a table past the end. */
  s = std_spec(&m, 64, false);
  s.ext_shnum = true;
  s.section0.set = EB_S_SIZE;
  s.section0.sh_size = UINT64_MAX / 8;
  make(&m, &s);
  o.flags = 0;
  o.max_sections = UINT64_MAX;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, &o, &e, NULL, &d), CWASM_E_ELF_SHOFF_RANGE);
  assert_diag(&d, CWASM_E_ELF_SHOFF_RANGE, SH_SIZE(&m, 0), 0, "sh_size");
  assert_vals(&d, UINT64_MAX / 8, CWASM_DIAG_LIMIT, (m.n - m.info.shoff) / 64);
  drop(&m);
}

/* ----------------------------------------------- extended numbering */

static void test_ext_numbering_valid(void **state) {
  (void)state;
  for (int v = 0; v < 4; v++) {
    img m;
    eb_spec s = std_spec(&m, (v & 1) ? 32 : 64, (v & 2) != 0);
    s.ext_shnum = true;
    s.ext_shstrndx = true;
    make(&m, &s);
    cwasm_elf e;
    cwasm_warnings w;
    cwasm_diag d;
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(w.count, 0);
    assert_int_equal(e.shnum_field, 0);
    assert_int_equal(e.shstrndx_field, 0xffff);
    assert_int_equal(e.shnum, 5);
    assert_int_equal(e.shstrndx, 4);
    {
      cwasm_section sec;
      assert_int_equal(cwasm_elf_section(&e, 0, &sec, &d), CWASM_OK);
      assert_int_equal(sec.size, 5); /* the count, not a data size */
      assert_int_equal(sec.link, 4);
      assert_int_equal(sec.data.n, 0);
      assert_int_equal(cwasm_elf_section(&e, 4, &sec, &d), CWASM_OK);
      assert_true(str_eq_cstr(sec.name, ".shstrtab"));
    }
    drop(&m);
  }
  /* Only one of the two. */
  img m;
  eb_spec s = std_spec(&m, 64, false);
  s.ext_shstrndx = true;
  make(&m, &s);
  cwasm_elf e;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, NULL, &e, NULL, NULL), CWASM_OK);
  assert_int_equal(e.shstrndx, 4);
  assert_int_equal(e.shnum_field, 5);
  drop(&m);
  s = std_spec(&m, 64, false);
  s.ext_shnum = true;
  make(&m, &s);
  assert_int_equal(cwasm_elf_parse(m.p, m.n, NULL, &e, NULL, NULL), CWASM_OK);
  assert_int_equal(e.shnum, 5);
  assert_int_equal(e.shstrndx_field, 4);
  drop(&m);
}

static void test_ext_numbering_traps(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  img m;

  /* e_shnum set and a count in section 0 too: which one? */
  eb_spec s = std_spec(&m, 64, false);
  s.section0.size = 3;
  make(&m, &s);
  expect_strict_only(&m, CWASM_E_ELF_EXT_NUMBERING, SH_SIZE(&m, 0), 0, "sh_size");
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_EXT_NUMBERING);
  assert_vals(&d, 3, CWASM_DIAG_EXPECTED, 0);
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.shnum, 5); /* e_shnum wins, as in every reader */
  drop(&m);

  /* e_shstrndx set and an index in section 0's sh_link too. */
  s = std_spec(&m, 32, true);
  s.section0.link = 2;
  make(&m, &s);
  expect_strict_only(&m, CWASM_E_ELF_EXT_NUMBERING, SH_LINK(&m, 0), 0, "sh_link");
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.shstrndx, 4);
  drop(&m);

  /* Both at once: lenient records both. */
  s = std_spec(&m, 64, true);
  s.section0.size = 9;
  s.section0.link = 9;
  make(&m, &s);
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(count_warn(&w, CWASM_E_ELF_EXT_NUMBERING), 2);
  drop(&m);

  /* SHN_XINDEX but section 0's sh_link is 0. */
  s = std_spec(&m, 64, false);
  s.ext_shstrndx = true;
  s.section0.set = EB_S_LINK;
  s.section0.sh_link = 0;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRNDX_MISSING, SH_LINK(&m, 0), 0, "sh_link");
  drop(&m);

  /* SHN_XINDEX with an index past the count. */
  s = std_spec(&m, 32, false);
  s.ext_shstrndx = true;
  s.section0.set = EB_S_LINK;
  s.section0.sh_link = 5;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRNDX_RANGE, SH_LINK(&m, 0), 0, "sh_link");
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRNDX_RANGE);
  assert_vals(&d, 5, CWASM_DIAG_LIMIT, 4);
  drop(&m);

  /* Extended count smaller than the name-table index. */
  s = std_spec(&m, 64, true);
  s.ext_shnum = true;
  s.ext_shstrndx = true;
  s.section0.set = EB_S_SIZE;
  s.section0.sh_size = 4;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRNDX_RANGE, SH_LINK(&m, 0), 0, "sh_link");
  drop(&m);

  /* e_shstrndx = SHN_XINDEX with a 32-bit index above 0xffff is fine when in range:
   * covered by test_shstrndx_reserved_many; here a huge one. */
  s = std_spec(&m, 64, false);
  s.ext_shstrndx = true;
  s.section0.set = EB_S_LINK;
  s.section0.sh_link = 0xfffffffeu;
  make(&m, &s);
  expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRNDX_RANGE, SH_LINK(&m, 0), 0, "sh_link");
  drop(&m);
}

static void test_section0(void **state) {
  (void)state;
  img m;
  eb_spec s = std_spec(&m, 64, false);
  s.section0.type = EB_SHT_PROGBITS;
  make(&m, &s);
  expect_strict_only(&m, CWASM_E_ELF_SECTION0, SH_TYPE(&m, 0), 0, "sh_type");
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SECTION0);
  assert_vals(&d, EB_SHT_PROGBITS, CWASM_DIAG_EXPECTED, 0);
  drop(&m);

  /* A live section 0 is a normal section in lenient mode: its data range counts. */
  s = std_spec(&m, 32, true);
  s.section0.type = EB_SHT_PROGBITS;
  s.section0.set = EB_S_OFFSET;
  s.section0.sh_offset = 0;
  s.section0.size = 0x7fffffff;
  make(&m, &s);
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(count_warn(&w, CWASM_E_ELF_SECTION0), 1);
  assert_int_equal(count_warn(&w, CWASM_E_ELF_EXT_NUMBERING), 1);
  assert_int_equal(count_warn(&w, CWASM_E_ELF_SECTION_RANGE), 1);
  drop(&m);
}

/* ------------------------------------------------------ name table */

static void test_shstrndx(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  img m;
  for (int v = 0; v < 2; v++) {
    uint64_t at = v ? 50 : 62;
    eb_spec s = std_spec(&m, v ? 32 : 64, v == 0);
    s.set = EB_H_SHSTRNDX;
    s.shstrndx = 0;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRNDX_MISSING, at, CWASM_NO_SECTION, "e_shstrndx");
    drop(&m);

    s.shstrndx = 5;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRNDX_RANGE, at, CWASM_NO_SECTION, "e_shstrndx");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRNDX_RANGE);
    assert_vals(&d, 5, CWASM_DIAG_LIMIT, 4);
    drop(&m);

    s.shstrndx = 0xfeff; /* highest ordinary value: merely out of range */
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRNDX_RANGE, at, CWASM_NO_SECTION, "e_shstrndx");
    drop(&m);

    static const uint16_t reserved[] = {0xff00, 0xff01, 0xfff1, 0xfffe};
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
      s.shstrndx = reserved[i];
      make(&m, &s);
      assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRNDX_RESERVED);
      assert_diag(&d, CWASM_E_ELF_SHSTRNDX_RESERVED, at, CWASM_NO_SECTION, "e_shstrndx");
      assert_vals(&d, reserved[i], CWASM_DIAG_LIMIT, 0xfeff);
      /* Lenient takes it literally (older readers did), then it is out of range. */
      assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_E_ELF_SHSTRNDX_RANGE);
      assert_int_equal(count_warn(&w, CWASM_E_ELF_SHSTRNDX_RESERVED), 1);
      drop(&m);
    }
  }
}

/*
 * 0xff01 sections (extended count) with .shstrtab at index 0xff00 written
 * directly in e_shstrndx: strict rejects the reserved value, lenient reads it
 * as an index and succeeds. Also exercises the per-section loop at scale.
 */
static void test_shstrndx_reserved_many(void **state) {
  (void)state;
  const size_t n = 0xff00 - 1; /* sections 1..n, then .shstrtab at 0xff00 */
  eb_section *secs = calloc(n, sizeof *secs);
  assert_non_null(secs);
  secs[0].name = ".wasmtime.engine";
  secs[0].type = EB_SHT_PROGBITS;
  secs[0].data = ENGINE;
  secs[0].size = sizeof ENGINE;
  for (size_t i = 1; i < n; i++) secs[i].type = EB_SHT_NOBITS;
  eb_spec s;
  memset(&s, 0, sizeof s);
  s.sections = secs;
  s.nsections = n;
  s.ext_shnum = true;
  s.set = EB_H_SHSTRNDX;
  s.shstrndx = 0xff00;
  img m;
  make(&m, &s);
  assert_int_equal(m.info.shstrndx, 0xff00);
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRNDX_RESERVED);
  assert_diag(&d, CWASM_E_ELF_SHSTRNDX_RESERVED, 62, CWASM_NO_SECTION, "e_shstrndx");
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(w.count, 1);
  assert_int_equal(w.items[0].code, CWASM_E_ELF_SHSTRNDX_RESERVED);
  assert_int_equal(e.shnum, 0xff01);
  assert_int_equal(e.shstrndx, 0xff00);
  assert_int_equal(e.image_end, m.n);
  cwasm_section sec;
  assert_int_equal(cwasm_elf_section(&e, 0xff00, &sec, &d), CWASM_OK);
  assert_true(str_eq_cstr(sec.name, ".shstrtab"));
  assert_int_equal(cwasm_elf_section(&e, 1, &sec, &d), CWASM_OK);
  assert_true(str_eq_cstr(sec.name, ".wasmtime.engine"));
  assert_int_equal(cwasm_elf_section(&e, 0xfeff, &sec, &d), CWASM_OK);
  assert_int_equal(sec.type, EB_SHT_NOBITS);
  assert_int_equal(sec.name.n, 0);

  /* The same file via SHN_XINDEX is plainly valid. */
  drop(&m);
  s.set = 0;
  s.ext_shstrndx = true;
  make(&m, &s);
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.shstrndx, 0xff00);
  drop(&m);
  free(secs);
}

static void test_shstrtab_type(void **state) {
  (void)state;
  static const uint32_t types[] = {EB_SHT_PROGBITS, EB_SHT_NOBITS, EB_SHT_NULL, EB_SHT_SYMTAB};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    img m;
    eb_spec s = std_spec(&m, (i & 1) ? 32 : 64, (i & 2) != 0);
    s.shstrtab.set = EB_S_TYPE;
    s.shstrtab.sh_type = types[i];
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRTAB_TYPE, SH_TYPE(&m, 4), 4, "sh_type");
    cwasm_elf e;
    cwasm_warnings w;
    cwasm_diag d;
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRTAB_TYPE);
    assert_vals(&d, types[i], CWASM_DIAG_EXPECTED, 3);
    drop(&m);
  }
}

static void test_shstrtab_range(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  for (int v = 0; v < 2; v++) {
    img m;
    make_std(&m, v ? 32 : 64, v != 0);
    size_t len = m.n;
    uint64_t off = m.info.shstrtab_offset;
    drop(&m);

    eb_spec s = std_spec(&m, v ? 32 : 64, v != 0);
    s.shstrtab.set = EB_S_OFFSET;
    s.shstrtab.sh_offset = len + 1;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRTAB_RANGE, SH_OFFSET(&m, 4), 4, "sh_offset");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRTAB_RANGE);
    assert_vals(&d, len + 1, CWASM_DIAG_LIMIT, len);
    drop(&m);

    s.shstrtab.set = EB_S_SIZE;
    s.shstrtab.sh_size = len - off + 1;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRTAB_RANGE, SH_SIZE(&m, 4), 4, "sh_size");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRTAB_RANGE);
    assert_vals(&d, len - off + 1, CWASM_DIAG_LIMIT, len - off);
    drop(&m);

    /* Up to the last byte of the input is in range; that byte (the high byte
     * of the last header's sh_entsize) happens to be a NUL terminator. */
    s.shstrtab.sh_size = len - off;
    make(&m, &s);
    assert_int_equal(m.p[len - 1], 0);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.shstrtab_size, len - off);
    drop(&m);

    /* offset + size wraps around */
    s.shstrtab.set = EB_S_OFFSET | EB_S_SIZE;
    s.shstrtab.sh_offset = off;
    s.shstrtab.sh_size = v ? 0xffffffffu : UINT64_MAX - off + 2;
    make(&m, &s);
    expect_hard(m.p, m.n, CWASM_E_ELF_SHSTRTAB_RANGE, SH_SIZE(&m, 4), 4, "sh_size");
    drop(&m);
  }
}

static void test_shstrtab_unterminated(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  img m;
  eb_spec s = std_spec(&m, 64, false);
  s.shstrtab_unterminated = true;
  make(&m, &s);
  uint64_t last = m.info.shstrtab_offset + m.info.shstrtab_size - 1;
  assert_int_equal(m.p[last], 'x');
  expect_strict_only(&m, CWASM_E_ELF_SHSTRTAB_UNTERMINATED, last, 4, "shstrtab[sh_size - 1]");
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRTAB_UNTERMINATED);
  assert_vals(&d, 'x', CWASM_DIAG_EXPECTED, 0);
  /* Lenient: every name still ends before the stray byte, so they all read. */
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(w.count, 1);
  check_std_sections(&m, &e);
  drop(&m);

  /* An empty table counts as unterminated, and then no name is readable. */
  s = std_spec(&m, 32, true);
  s.shstrtab.set = EB_S_SIZE;
  s.shstrtab.sh_size = 0;
  make(&m, &s);
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRTAB_UNTERMINATED);
  assert_diag(&d, CWASM_E_ELF_SHSTRTAB_UNTERMINATED, SH_SIZE(&m, 4), 4, "sh_size");
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(count_warn(&w, CWASM_E_ELF_SHSTRTAB_UNTERMINATED), 1);
  assert_int_equal(count_warn(&w, CWASM_E_ELF_NAME_RANGE), 5);
  assert_int_equal(w.count, 6);
  assert_int_equal(w.items[1].has_expected, 0); /* no limit below an empty table */
  cwasm_section sec;
  assert_int_equal(cwasm_elf_section(&e, 0, &sec, &d), CWASM_E_ELF_NAME_RANGE);
  drop(&m);
}

/* ----------------------------------------------------------- names */

static void test_name_range(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  for (int v = 0; v < 2; v++) {
    img m;
    make_std(&m, v ? 32 : 64, v != 0);
    uint64_t size = m.info.shstrtab_size;
    drop(&m);
    static const uint64_t bad[] = {0, 1, 0x7fffffff, 0xffffffff};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
      eb_spec s = std_spec(&m, v ? 32 : 64, v != 0);
      uint32_t name = (uint32_t)(bad[i] < 2 ? size + bad[i] : bad[i]);
      m.secs[2].set = EB_S_NAME;
      m.secs[2].sh_name = name;
      make(&m, &s);
      expect_strict_only(&m, CWASM_E_ELF_NAME_RANGE, SH_NAME(&m, 3), 3, "sh_name");
      assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_NAME_RANGE);
      assert_vals(&d, name, CWASM_DIAG_LIMIT, size - 1);
      /* Lenient parse: the section is there, nameless, every other field intact. */
      assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
      cwasm_section sec;
      assert_int_equal(cwasm_elf_section(&e, 3, &sec, &d), CWASM_E_ELF_NAME_RANGE);
      assert_diag(&d, CWASM_E_ELF_NAME_RANGE, SH_NAME(&m, 3), 3, "sh_name");
      assert_int_equal(sec.name.n, 0);
      assert_non_null(sec.name.p);
      assert_int_equal(sec.type, EB_SHT_PROGBITS);
      assert_int_equal(sec.data.n, sizeof TEXT);
      assert_memory_equal(sec.data.p, TEXT, sizeof TEXT);
      assert_int_equal(cwasm_elf_section(&e, 1, &sec, &d), CWASM_OK);
      drop(&m);
    }
  }
}

static void test_name_unterminated(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  img m;
  eb_spec s = std_spec(&m, 64, true);
  s.shstrtab_unterminated = true;
  make(&m, &s);
  uint32_t stray = (uint32_t)(m.info.shstrtab_size - 1); /* the 'x' */
  drop(&m);
  s = std_spec(&m, 64, true);
  s.shstrtab_unterminated = true;
  m.secs[0].set = EB_S_NAME;
  m.secs[0].sh_name = stray;
  make(&m, &s);
  /* Strict stops at the table itself. */
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SHSTRTAB_UNTERMINATED);
  /* Lenient: the table and the one name that runs off its end. */
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(w.count, 2);
  assert_int_equal(w.items[0].code, CWASM_E_ELF_SHSTRTAB_UNTERMINATED);
  assert_diag(&w.items[1], CWASM_E_ELF_NAME_UNTERMINATED, SH_NAME(&m, 1), 1, "sh_name");
  assert_int_equal(w.items[1].actual, stray);
  cwasm_section sec;
  assert_int_equal(cwasm_elf_section(&e, 1, &sec, &d), CWASM_E_ELF_NAME_UNTERMINATED);
  assert_diag(&d, CWASM_E_ELF_NAME_UNTERMINATED, SH_NAME(&m, 1), 1, "sh_name");
  assert_int_equal(sec.name.n, 0);
  assert_memory_equal(sec.data.p, ENGINE, sizeof ENGINE); /* data still there */
  assert_int_equal(cwasm_elf_section(&e, 3, &sec, &d), CWASM_OK);
  assert_true(str_eq_cstr(sec.name, ".text"));
  drop(&m);

  /* A table with no NUL at all: every name is unterminated. */
  s = std_spec(&m, 32, false);
  make(&m, &s);
  memset(m.p + m.info.shstrtab_offset, 'a', (size_t)m.info.shstrtab_size);
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(count_warn(&w, CWASM_E_ELF_NAME_UNTERMINATED), 5);
  assert_int_equal(cwasm_elf_section(&e, 4, &sec, &d), CWASM_E_ELF_NAME_UNTERMINATED);
  drop(&m);
}

/* Names share storage: an offset in the middle of another name is legal. */
static void test_name_suffix(void **state) {
  (void)state;
  img m;
  eb_spec s = std_spec(&m, 64, false);
  m.secs[2].set = EB_S_NAME;
  m.secs[2].sh_name = 11; /* "\0.wasmtime.engine": offset 11 is "engine" */
  make(&m, &s);
  cwasm_elf e;
  cwasm_section sec;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, NULL, &e, NULL, NULL), CWASM_OK);
  assert_int_equal(cwasm_elf_section(&e, 3, &sec, NULL), CWASM_OK);
  assert_true(str_eq_cstr(sec.name, "engine"));
  drop(&m);
}

/* The bounded name comparison agrees with cwasm_elf_section's names. */
static void test_name_is(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  img m;
  eb_spec s = std_spec(&m, 32, true);
  m.secs[1].name = ".wasmtime.engine2"; /* longer than the wanted name */
  m.secs[2].name = ".wasmtime.engin";   /* a prefix of it */
  make(&m, &s);
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
  assert_true(elf_section_name_is(&e, 1, ".wasmtime.engine"));
  assert_false(elf_section_name_is(&e, 2, ".wasmtime.engine"));
  assert_false(elf_section_name_is(&e, 3, ".wasmtime.engine"));
  assert_true(elf_section_name_is(&e, 2, ".wasmtime.engine2"));
  assert_true(elf_section_name_is(&e, 3, ".wasmtime.engin"));
  assert_true(elf_section_name_is(&e, 0, ""));
  assert_false(elf_section_name_is(&e, 0, ".wasmtime.engine"));
  assert_true(elf_section_name_is(&e, 4, ".shstrtab"));
  assert_false(elf_section_name_is(&e, 5, ".shstrtab")); /* index out of range */
  assert_false(elf_section_name_is(&e, UINT64_MAX, ""));
  assert_false(elf_section_name_is(NULL, 1, ".wasmtime.engine"));
  assert_false(elf_section_name_is(&e, 1, NULL));
  for (uint64_t i = 0; i < e.shnum; i++) {
    cwasm_section sec;
    char buf[64];
    assert_int_equal(cwasm_elf_section(&e, i, &sec, &d), CWASM_OK);
    assert_true(sec.name.n < sizeof buf);
    memcpy(buf, sec.name.p, sec.name.n);
    buf[sec.name.n] = 0;
    assert_true(elf_section_name_is(&e, i, buf));
  }
  drop(&m);

  /* Unreadable names never match, even when their bytes start like the name. */
  s = std_spec(&m, 64, false);
  s.shstrtab_unterminated = true;
  make(&m, &s);
  uint32_t stray = (uint32_t)(m.info.shstrtab_size - 1);
  eb_patch_shdr(m.p, &m.info, 1, EB_SH_NAME, stray);
  eb_patch_shdr(m.p, &m.info, 3, EB_SH_NAME, 0xffffff00u);
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_false(elf_section_name_is(&e, 1, "x"));
  assert_false(elf_section_name_is(&e, 1, ""));
  assert_false(elf_section_name_is(&e, 3, ""));
  assert_true(elf_section_name_is(&e, 2, ".bss"));
  drop(&m);
}

/* elf_find_named(e, z) against a cwasm_elf_section walk over every index. */
static void check_find_named(const cwasm_elf *e, const char *z, uint32_t want_count) {
  elf_named m;
  cwasm_section got, want;
  cwasm_diag d, wd;
  uint32_t count = 0;
  uint64_t first = 0, second = 0, last = 0;
  memset(&got, 0x5a, sizeof got);
  memset(&d, 0, sizeof d);
  cwasm_status st = elf_find_named(e, z, strlen(z), &m, &got, &d);
  for (uint64_t i = 0; i < e->shnum; i++) {
    cwasm_section s;
    if (cwasm_elf_section(e, i, &s, &wd) == CWASM_E_ELF_NAME_RANGE) continue;
    if (s.name.n != strlen(z) || memcmp(s.name.p, z, s.name.n) != 0) continue;
    if (count == 0) first = i;
    if (count == 1) second = i;
    last = i;
    count++;
  }
  assert_int_equal(m.count, want_count);
  assert_int_equal(m.count, count);
  assert_int_equal(m.first, first);
  assert_int_equal(m.second, second);
  assert_int_equal(m.last, last);
  if (count == 0) {
    assert_int_equal(st, CWASM_OK);
    return;
  }
  assert_int_equal(st, cwasm_elf_section(e, first, &want, &wd));
  assert_same_section(&got, &want);
  if (st != CWASM_OK) {
    assert_int_equal(d.code, wd.code);
    assert_int_equal(d.offset, wd.offset);
    assert_int_equal(d.section, wd.section);
    assert_string_equal(d.field, wd.field);
    assert_int_equal(d.actual, wd.actual);
    assert_int_equal(d.expected, wd.expected);
  }
}

/*
 * The name search: names of every length class (the last 8 bytes with the NUL
 * are compared first, then the head in 8-byte steps), names that share the
 * tail or the head of the wanted one, both classes and byte orders.
 */
static void test_find_named(void **state) {
  (void)state;
  static const char *const names[] = {
      ".wasmtime.engine", "_wasmtime.engine", ".wasmtimE.engine", ".wasmtime.engine",
      "abcdefg", "abcdefh", "xbcdefg",
      "twenty-three characters", "twenty-three_characters", "Twenty-three characters",
      /* 40 bytes with the NUL; the others differ at 0, 6, 10, 18, 25 and 38 */
      "a name of forty bytes, its NUL included", "A name of forty bytes, its NUL included",
      "a name_of forty bytes, its NUL included", "a name of Forty bytes, its NUL included",
      "a name of forty byYes, its NUL included", "a name of forty bytes, it_ NUL included",
      "a name of forty bytes, its NUL includeD", "a name of forty bytes, its NUL included"};
  enum { N = sizeof names / sizeof names[0] };
  for (int k = 0; k < 4; k++) {
    eb_section secs[N];
    eb_spec spec;
    uint8_t *p;
    size_t n;
    eb_info info;
    cwasm_elf e;
    cwasm_warnings w;
    cwasm_diag d;
    memset(secs, 0, sizeof secs);
    memset(&spec, 0, sizeof spec);
    for (size_t i = 0; i < N; i++) {
      secs[i].name = names[i];
      secs[i].type = EB_SHT_PROGBITS;
      secs[i].data = ENGINE;
      secs[i].size = sizeof ENGINE;
    }
    spec.sections = secs;
    spec.nsections = N;
    spec.elf_class = k & 1 ? 32 : 64;
    spec.big_endian = k & 2;
    assert_int_equal(eb_build(&spec, &p, &n, &info), 0);
    assert_int_equal(parse_flags(p, n, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
    check_find_named(&e, ".wasmtime.engine", 2);
    check_find_named(&e, "abcdefg", 1);
    check_find_named(&e, "abcdefh", 1);
    check_find_named(&e, "bcdefgh", 0);
    check_find_named(&e, "twenty-three characters", 1);
    check_find_named(&e, "twenty-three characterz", 0);
    check_find_named(&e, "a name of forty bytes, its NUL included", 2);
    check_find_named(&e, ".shstrtab", 1);
    check_find_named(&e, "not there at all", 0);
    /* the first match's data outside the input: the read's status and diagnostic */
    eb_patch_shdr(p, &info, 1, EB_SH_OFFSET, n);
    eb_patch_shdr(p, &info, 1, EB_SH_SIZE, 1);
    check_find_named(&e, ".wasmtime.engine", 2);
    eb_patch_shdr(p, &info, 1, EB_SH_OFFSET, n + 1);
    check_find_named(&e, ".wasmtime.engine", 2);
    eb_patch_shdr(p, &info, 1, EB_SH_TYPE, EB_SHT_NOBITS); /* no data: no range to check */
    check_find_named(&e, ".wasmtime.engine", 2);
    free(p);
  }
}

/* A forged cwasm_elf that describes no readable table has no names to find or read. */
static void test_find_named_forged(void **state) {
  (void)state;
  img m;
  cwasm_elf e, f;
  cwasm_warnings w;
  cwasm_diag d;
  make_std(&m, 64, false);
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
  assert_true(elf_names_readable(&e));
  check_find_named(&e, ".wasmtime.engine", 1);
  for (int k = 0; k < FORGED_ELF_COUNT; k++) {
    elf_named nm;
    cwasm_section s;
    f = e;
    forge_elf(&f, k);
    memset(&s, 0x5a, sizeof s);
    assert_int_equal(elf_find_named(&f, ".wasmtime.engine", 16, &nm, &s, &d), CWASM_OK);
    assert_int_equal(nm.count, 0);
    assert_int_equal(nm.first, 0);
    assert_int_equal(nm.last, 0);
    assert_int_equal(s.index, 0x5a5a5a5au); /* untouched */
    /* an empty table has every name it has readable */
    assert_int_equal(elf_names_readable(&f), k == FORGED_ELF_EMPTY);
  }
  assert_false(elf_names_readable(NULL));
  /* a name table cut before its final NUL: the name that ended there is unterminated */
  f = e;
  f.shstrtab_size = m.info.shstrtab_size - 1;
  assert_false(elf_names_readable(&f));
  drop(&m);
}

/* ------------------------------------------------------ data ranges */

static void test_section_range(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  for (int v = 0; v < 4; v++) {
    uint8_t cls = (v & 1) ? 32 : 64;
    bool big = (v & 2) != 0;
    img m;
    make_std(&m, cls, big);
    size_t len = m.n;
    uint64_t text_off = eb_get(m.p, SH_OFFSET(&m, 3), cls / 8u, big);
    drop(&m);

    eb_spec s = std_spec(&m, cls, big);
    m.secs[2].set = EB_S_OFFSET;
    m.secs[2].sh_offset = len + 1;
    make(&m, &s);
    expect_strict_only(&m, CWASM_E_ELF_SECTION_RANGE, SH_OFFSET(&m, 3), 3, "sh_offset");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SECTION_RANGE);
    assert_vals(&d, len + 1, CWASM_DIAG_LIMIT, len);
    /* Lenient: the section reads with empty data and the range error. */
    assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.image_end, len);
    cwasm_section sec;
    assert_int_equal(cwasm_elf_section(&e, 3, &sec, &d), CWASM_E_ELF_SECTION_RANGE);
    assert_diag(&d, CWASM_E_ELF_SECTION_RANGE, SH_OFFSET(&m, 3), 3, "sh_offset");
    assert_true(str_eq_cstr(sec.name, ".text"));
    assert_int_equal(sec.offset, len + 1);
    assert_int_equal(sec.size, sizeof TEXT);
    assert_int_equal(sec.data.n, 0);
    drop(&m);

    s = std_spec(&m, cls, big);
    m.secs[2].set = EB_S_SIZE;
    m.secs[2].sh_size = len - text_off + 1;
    make(&m, &s);
    expect_strict_only(&m, CWASM_E_ELF_SECTION_RANGE, SH_SIZE(&m, 3), 3, "sh_size");
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_SECTION_RANGE);
    assert_vals(&d, len - text_off + 1, CWASM_DIAG_LIMIT, len - text_off);
    drop(&m);

    /* Exactly to the end is in range, and image_end is the end of input. */
    m.secs[2].sh_size = len - text_off;
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.image_end, len);
    drop(&m);

    /* offset + size wraps */
    m.secs[2].set = EB_S_SIZE;
    m.secs[2].sh_size = cls == 32 ? 0xffffffffu : UINT64_MAX;
    make(&m, &s);
    expect_strict_only(&m, CWASM_E_ELF_SECTION_RANGE, SH_SIZE(&m, 3), 3, "sh_size");
    drop(&m);

    /* NOBITS never has file data, whatever its size says. */
    s = std_spec(&m, cls, big);
    m.secs[1].set = EB_S_SIZE | EB_S_OFFSET;
    m.secs[1].sh_size = cls == 32 ? 0xffffffffu : UINT64_MAX;
    m.secs[1].sh_offset = cls == 32 ? 0xffffffffu : UINT64_MAX;
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(e.image_end, len);
    drop(&m);

    /* An SHT_NULL section other than 0 is read like any other (Wasmtime does). */
    s = std_spec(&m, cls, big);
    m.secs[2].type = EB_SHT_NULL;
    m.secs[2].set = EB_S_OFFSET;
    m.secs[2].sh_offset = len;
    make(&m, &s);
    expect_strict_only(&m, CWASM_E_ELF_SECTION_RANGE, SH_SIZE(&m, 3), 3, "sh_size");
    drop(&m);
  }
}

/* image_end is the furthest byte of header, tables and data, not the file size. */
static void test_image_end(void **state) {
  (void)state;
  static uint8_t trail[1000];
  img m;
  eb_spec s = std_spec(&m, 64, false);
  s.trailing = trail;
  s.trailing_len = sizeof trail;
  make(&m, &s);
  size_t image = m.info.image_end;
  drop(&m);
  /* A section whose data lies in the trailing bytes. */
  m.secs[2].set = EB_S_OFFSET;
  m.secs[2].sh_offset = image + 100;
  make(&m, &s);
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.image_end, image + 100 + sizeof TEXT);
  /* Out-of-range data (lenient) does not count. */
  eb_patch_shdr(m.p, &m.info, 3, EB_SH_OFFSET, m.n);
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.image_end, image);
  drop(&m);
}

/* ------------------------------------------------- lenient in general */

static void test_lenient_warnings_overflow(void **state) {
  (void)state;
  enum { N = 24 };
  eb_section secs[N];
  memset(secs, 0, sizeof secs);
  for (size_t i = 0; i < N; i++) {
    secs[i].type = EB_SHT_PROGBITS;
    secs[i].set = EB_S_NAME;
    secs[i].sh_name = 0x10000000u + (uint32_t)i;
  }
  eb_spec s;
  memset(&s, 0, sizeof s);
  s.sections = secs;
  s.nsections = N;
  img m;
  make(&m, &s);
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_E_ELF_NAME_RANGE);
  assert_int_equal(d.section, 1); /* strict: the first one */
  assert_int_equal(parse_img(&m, CWASM_OPT_LENIENT, &e, &w, &d), CWASM_OK);
  assert_int_equal(w.count, CWASM_MAX_WARNINGS);
  assert_int_equal(w.dropped, N - CWASM_MAX_WARNINGS);
  for (uint32_t i = 0; i < w.count; i++) {
    assert_int_equal(w.items[i].code, CWASM_E_ELF_NAME_RANGE);
    assert_int_equal(w.items[i].section, i + 1);
  }
  /* Warnings are appended to what the caller already had. */
  cwasm_options o = {.flags = CWASM_OPT_LENIENT};
  w.count = 3;
  w.dropped = 0;
  assert_int_equal(cwasm_elf_parse(m.p, m.n, &o, &e, &w, &d), CWASM_OK);
  assert_int_equal(w.count, CWASM_MAX_WARNINGS);
  assert_int_equal(w.dropped, N + 3 - CWASM_MAX_WARNINGS);
  /* And NULL warnings are fine in lenient mode. */
  assert_int_equal(cwasm_elf_parse(m.p, m.n, &o, &e, NULL, &d), CWASM_OK);
  drop(&m);
}

/* -------------------------------------------------- Wasmtime's writer */

static void test_check_wasmtime(void **state) {
  (void)state;
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  cwasm_options strict, lenient;
  memset(&strict, 0, sizeof strict);
  memset(&lenient, 0, sizeof lenient);
  lenient.flags = CWASM_OPT_LENIENT;
  static const struct {
    uint32_t set;
    uint32_t version;
    uint8_t osabi, abiversion;
    uint16_t type, ehsize;
    uint32_t flags;
    cwasm_status code;
    uint64_t at64, at32;
    const char *field;
  } rows[] = {
      {EB_H_VERSION, 0, 0, 0, 0, 0, 0, CWASM_E_ELF_VERSION, 20, 20, "e_version"},
      {EB_H_VERSION, 2, 0, 0, 0, 0, 0, CWASM_E_ELF_VERSION, 20, 20, "e_version"},
      {EB_H_OSABI, 0, 0, 0, 0, 0, 0, CWASM_E_ELF_OSABI, 7, 7, "e_ident[EI_OSABI]"},
      {EB_H_OSABI, 0, 3, 0, 0, 0, 0, CWASM_E_ELF_OSABI, 7, 7, "e_ident[EI_OSABI]"},
      {EB_H_ABIVERSION, 0, 0, 1, 0, 0, 0, CWASM_E_ELF_ABIVERSION, 8, 8, "e_ident[EI_ABIVERSION]"},
      {EB_H_TYPE, 0, 0, 0, 2, 0, 0, CWASM_E_ELF_TYPE, 16, 16, "e_type"},
      {EB_H_TYPE, 0, 0, 0, 0, 0, 0, CWASM_E_ELF_TYPE, 16, 16, "e_type"},
      {EB_H_EHSIZE, 0, 0, 0, 0, 0, 0, CWASM_E_ELF_EHSIZE, 52, 40, "e_ehsize"},
      {EB_H_FLAGS, 0, 0, 0, 0, 0, 0x0, CWASM_E_ELF_FLAGS, 48, 36, "e_flags"},
      {EB_H_FLAGS, 0, 0, 0, 0, 0, 0x3, CWASM_E_ELF_FLAGS, 48, 36, "e_flags"},
      {EB_H_FLAGS, 0, 0, 0, 0, 0, 0x4, CWASM_E_ELF_FLAGS, 48, 36, "e_flags"},
      {EB_H_FLAGS, 0, 0, 0, 0, 0, 0xd, CWASM_E_ELF_FLAGS, 48, 36, "e_flags"},
      {EB_H_FLAGS, 0, 0, 0, 0, 0, 0x11, CWASM_E_ELF_FLAGS, 48, 36, "e_flags"},
      {EB_H_FLAGS, 0, 0, 0, 0, 0, 0x80000001u, CWASM_E_ELF_FLAGS, 48, 36, "e_flags"},
  };
  for (int v = 0; v < 2; v++) {
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
      img m;
      eb_spec s = std_spec(&m, v ? 32 : 64, v != 0);
      s.set = rows[i].set;
      s.version = rows[i].version;
      s.osabi = rows[i].osabi;
      s.abiversion = rows[i].abiversion;
      s.type = rows[i].type;
      s.ehsize = (uint16_t)(v ? 64 : 52); /* the other class's size */
      s.flags = rows[i].flags;
      make(&m, &s);
      /* Structure is fine: these are not parse errors. */
      assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
      assert_int_equal(elf_check_wasmtime(&e, &strict, &w, &d), rows[i].code);
      assert_diag(&d, rows[i].code, v ? rows[i].at32 : rows[i].at64, CWASM_NO_SECTION,
                  rows[i].field);
      assert_int_equal(w.count, 0);
      assert_int_equal(elf_check_wasmtime(&e, &lenient, &w, &d), CWASM_OK);
      assert_int_equal(w.count, 1);
      assert_int_equal(w.items[0].code, rows[i].code);
      drop(&m);
    }
  }
  /* Valid kinds. */
  static const uint32_t good[] = {0x1, 0x2, 0x5, 0x6, 0x9, 0xa};
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    img m;
    eb_spec s = std_spec(&m, (i & 1) ? 32 : 64, i >= 3);
    s.set = EB_H_FLAGS;
    s.flags = good[i];
    make(&m, &s);
    assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
    assert_int_equal(elf_check_wasmtime(&e, &strict, &w, &d), CWASM_OK);
    assert_int_equal(elf_check_wasmtime(&e, NULL, NULL, NULL), CWASM_OK);
    drop(&m);
  }
  /* Diag values for a few. */
  img m;
  eb_spec s = std_spec(&m, 64, false);
  s.set = EB_H_FLAGS | EB_H_OSABI | EB_H_ABIVERSION | EB_H_TYPE | EB_H_VERSION | EB_H_EHSIZE;
  s.flags = 0x13;
  s.osabi = 0;
  s.abiversion = 9;
  s.type = 3;
  s.version = 7;
  s.ehsize = 0x40 + 1;
  make(&m, &s);
  assert_int_equal(parse_img(&m, 0, &e, &w, &d), CWASM_OK);
  /* Strict: first rule in order. Lenient: all six. */
  assert_int_equal(elf_check_wasmtime(&e, &strict, &w, &d), CWASM_E_ELF_VERSION);
  assert_vals(&d, 7, CWASM_DIAG_EXPECTED, 1);
  assert_int_equal(elf_check_wasmtime(&e, &lenient, &w, &d), CWASM_OK);
  assert_int_equal(w.count, 6);
  static const cwasm_status order[6] = {CWASM_E_ELF_VERSION, CWASM_E_ELF_OSABI,
                                        CWASM_E_ELF_ABIVERSION, CWASM_E_ELF_TYPE,
                                        CWASM_E_ELF_EHSIZE, CWASM_E_ELF_FLAGS};
  for (int i = 0; i < 6; i++) assert_int_equal(w.items[i].code, order[i]);
  assert_vals(&w.items[1], 0, CWASM_DIAG_EXPECTED, 200);
  assert_vals(&w.items[2], 9, CWASM_DIAG_EXPECTED, 0);
  assert_vals(&w.items[3], 3, CWASM_DIAG_EXPECTED, 1);
  assert_vals(&w.items[4], 65, CWASM_DIAG_EXPECTED, 64);
  assert_vals(&w.items[5], 0x13, CWASM_DIAG_LIMIT, 0xf);
  drop(&m);
}

/* ------------------------------------------- mutations, invariants */

/* What must hold after any parse, whatever the bytes. */
static void check_invariants(const uint8_t *p, size_t n, cwasm_status st, const cwasm_elf *e,
                             const cwasm_diag *d, bool strict) {
  if (st != CWASM_OK) {
    assert_int_equal(d->code, st);
    assert_non_null(d->field);
    assert_true(d->field[0] != '\0');
    assert_true((st >= CWASM_E_ELF_TRUNCATED && st <= CWASM_E_ELF_SECTION_RANGE) ||
                st == CWASM_E_LIMIT_SECTIONS);
    return;
  }
  assert_true(e->image_end <= n);
  assert_true(e->shnum >= 1 && e->shstrndx >= 1 && e->shstrndx < e->shnum);
  assert_true(e->shstrtab_offset <= n && e->shstrtab_size <= n - e->shstrtab_offset);
  assert_true(e->shoff + e->shnum * e->shentsize <= e->image_end);
  for (uint64_t i = 0; i < e->shnum; i++) {
    cwasm_section s;
    cwasm_diag sd;
    cwasm_status ss = cwasm_elf_section(e, i, &s, &sd);
    /* Strictly accepted: every section reads cleanly. */
    if (strict) assert_int_equal(ss, CWASM_OK);
    if (s.data.n) {
      assert_true(s.data.p >= p && s.data.n <= n && (size_t)(s.data.p - p) <= n - s.data.n);
      assert_true((size_t)(s.data.p - p) + s.data.n <= e->image_end);
    }
    if (s.name.n) {
      const uint8_t *np = (const uint8_t *)s.name.p;
      assert_true(np >= p + e->shstrtab_offset &&
                  (size_t)(np - p) + s.name.n < e->shstrtab_offset + e->shstrtab_size);
      assert_int_equal(np[s.name.n], 0);
    }
  }
}

static void test_mutations(void **state) {
  (void)state;
  for (int v = 0; v < 3; v++) {
    img m;
    eb_spec s = std_spec(&m, v == 1 ? 32 : 64, v == 2);
    make(&m, &s);
    guard g;
    guard_init(&g, m.n);
    uint8_t *work = malloc(m.n);
    assert_non_null(work);
    unsigned accepted = 0, rejected = 0;
    for (size_t pos = 0; pos < m.n; pos++) {
      /* Only the header and the section header table steer the parser. */
      if (pos >= 64 && pos < m.info.shoff) continue;
      const uint8_t vals[6] = {0x00, 0xff, (uint8_t)(m.p[pos] ^ 0x01), (uint8_t)(m.p[pos] ^ 0x80),
                               (uint8_t)(m.p[pos] + 0x40), 0x7f};
      for (size_t k = 0; k < sizeof vals; k++) {
        memcpy(work, m.p, m.n);
        work[pos] = vals[k];
        uint8_t *q = guard_place(&g, work, m.n);
        cwasm_elf e1, e2;
        cwasm_warnings w;
        cwasm_diag d1, d2;
        cwasm_status s1 = parse_flags(q, m.n, 0, &e1, &w, &d1);
        check_invariants(q, m.n, s1, &e1, &d1, true);
        cwasm_status s2 = parse_flags(q, m.n, CWASM_OPT_LENIENT, &e2, &w, &d2);
        check_invariants(q, m.n, s2, &e2, &d2, false);
        if (s1 == CWASM_OK) {
          /* strict acceptance implies lenient acceptance, with the same reading */
          accepted++;
          assert_int_equal(s2, CWASM_OK);
          assert_int_equal(w.count, 0);
          assert_int_equal(e1.shnum, e2.shnum);
          assert_int_equal(e1.shstrndx, e2.shstrndx);
          assert_int_equal(e1.image_end, e2.image_end);
        } else {
          rejected++;
          /* deterministic */
          cwasm_elf e3;
          cwasm_diag d3;
          assert_int_equal(parse_flags(q, m.n, 0, &e3, &w, &d3), s1);
          assert_int_equal(d3.offset, d1.offset);
        }
      }
    }
    /* Both outcomes must actually occur, or the loop proves nothing. */
    assert_true(accepted > 100);
    assert_true(rejected > 100);
    free(work);
    guard_free(&g);
    drop(&m);
  }
}

/* ---------------------------------------------------- real artifacts */

static uint8_t *load(const char *name, size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/real-artifacts/%s", CWASM_SHARED_DIR, name);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  uint8_t *buf = NULL;
  if (fseek(f, 0, SEEK_END) == 0) {
    long n = ftell(f);
    if (n > 0 && fseek(f, 0, SEEK_SET) == 0) {
      buf = malloc((size_t)n);
      if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
      }
      *len = (size_t)n;
    }
  }
  fclose(f);
  return buf;
}

#define LOAD_OR_SKIP(var, len, name)                                      \
  size_t len = 0;                                                         \
  uint8_t *var = load(name, &len);                                        \
  if (!var) {                                                             \
    print_message("skipping: %s/real-artifacts/%s is absent\n", CWASM_SHARED_DIR, name); \
    skip();                                                               \
  }

static void check_names(const cwasm_elf *e, const char *const *names, size_t n) {
  assert_int_equal(e->shnum, n);
  for (uint32_t i = 0; i < n; i++) {
    cwasm_section s;
    cwasm_diag d;
    assert_int_equal(cwasm_elf_section(e, i, &s, &d), CWASM_OK);
    assert_true(str_eq_cstr(s.name, names[i]));
    assert_true(elf_section_name_is(e, i, names[i]));
    assert_int_equal(elf_section_name_is(e, i, CWASM_ENGINE_SECTION_NAME), i == 1);
  }
}

static void test_real_v22(void **state) {
  (void)state;
  LOAD_OR_SKIP(p, n, "v22-x86_64-unknown-none-module.cwasm");
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_MODULE);
  assert_int_equal(parse_flags(p, n, 0, &e, &w, &d), CWASM_OK);
  assert_int_equal(w.count, 0);
  assert_int_equal(e.elf_class, 64);
  assert_int_equal(e.endian, CWASM_LITTLE);
  assert_int_equal(e.osabi, 200);
  assert_int_equal(e.flags, 1);
  assert_int_equal(e.kind, CWASM_KIND_MODULE);
  assert_int_equal(e.pulley, 0);
  assert_int_equal(e.machine, 62);
  assert_int_equal(e.shoff, 13072);
  assert_int_equal(e.shnum, 13);
  assert_int_equal(e.shstrndx, 12);
  assert_int_equal(e.image_end, 13904);
  assert_int_equal(e.image_end, n);
  static const char *const names[13] = {
      "", ".wasmtime.engine", ".wasmtime.bti", ".text", ".eh_frame", ".wasmtime.addrmap",
      ".wasmtime.traps", ".rodata.wasm", ".name.wasm", ".wasmtime.info", ".symtab", ".strtab",
      ".shstrtab"};
  check_names(&e, names, 13);
  cwasm_section s;
  assert_int_equal(cwasm_elf_section(&e, 1, &s, &d), CWASM_OK);
  assert_int_equal(s.offset, 0x40);
  assert_int_equal(s.size, 0x399);
  assert_int_equal(s.data.n, 0x399);
  assert_int_equal(s.data.p[0], 0); /* engine format byte */
  assert_int_equal(cwasm_elf_section(&e, 3, &s, &d), CWASM_OK);
  assert_int_equal(s.addralign, 4096);
  assert_int_equal(s.flags, 6);
  assert_int_equal(cwasm_elf_section(&e, 10, &s, &d), CWASM_OK);
  assert_int_equal(s.type, 2);
  assert_int_equal(s.link, 11);
  assert_int_equal(s.info, 7);
  assert_int_equal(s.entsize, 0x18);
  assert_int_equal(elf_check_wasmtime(&e, NULL, NULL, &d), CWASM_OK);
  free(p);
}

static void test_real_v39(void **state) {
  (void)state;
  LOAD_OR_SKIP(p, n, "v39-aarch64-apple-darwin-module.cwasm");
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_MODULE);
  assert_int_equal(parse_flags(p, n, 0, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.machine, 183);
  assert_int_equal(e.shnum, 13);
  assert_int_equal(e.flags, 1);
  assert_int_equal(e.image_end, 50680);
  cwasm_section s;
  assert_int_equal(cwasm_elf_section(&e, 7, &s, &d), CWASM_OK);
  assert_true(str_eq_cstr(s.name, ".wasmtime.exceptions"));
  for (uint64_t i = 0; i < e.shnum; i++) assert_int_equal(cwasm_elf_section(&e, i, &s, &d), CWASM_OK);
  assert_int_equal(elf_check_wasmtime(&e, NULL, NULL, &d), CWASM_OK);
  free(p);
}

static void test_real_v42_pulley(void **state) {
  (void)state;
  LOAD_OR_SKIP(p, n, "v42-pulley32-component.cwasm");
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_COMPONENT);
  assert_int_equal(parse_flags(p, n, 0, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.shnum, 11);
  assert_int_equal(e.shstrndx, 10);
  assert_int_equal(e.flags, 6);
  assert_int_equal(e.machine, 243);
  assert_int_equal(e.kind, CWASM_KIND_COMPONENT);
  assert_int_equal(e.pulley, 32);
  assert_int_equal(e.image_end, 13184);
  static const char *const names[11] = {"", ".wasmtime.engine", ".wasmtime.bti", ".text",
                                        ".wasmtime.traps", ".wasmtime.exceptions", ".rodata.wasm",
                                        ".wasmtime.info", ".symtab", ".strtab", ".shstrtab"};
  check_names(&e, names, 11);
  cwasm_section s;
  assert_int_equal(cwasm_elf_section(&e, 3, &s, &d), CWASM_OK);
  assert_int_equal(s.flags, 1); /* SH_WASMTIME_NOT_EXECUTED */
  assert_int_equal(elf_check_wasmtime(&e, NULL, NULL, &d), CWASM_OK);
  free(p);
}

static void test_real_legacy(void **state) {
  (void)state;
  LOAD_OR_SKIP(p, n, "v0.30-legacy-x86_64-linux-module.cwasm");
  cwasm_elf e;
  cwasm_warnings w;
  cwasm_diag d;
  assert_int_equal(cwasm_detect(p, n), CWASM_KIND_NONE); /* its marker is at the end */
  assert_int_equal(parse_flags(p, n, 0, &e, &w, &d), CWASM_OK);
  assert_int_equal(e.shnum, 20);
  assert_int_equal(e.shstrndx, 19);
  assert_int_equal(e.osabi, 0);
  assert_int_equal(e.flags, 0);
  assert_int_equal(e.kind, CWASM_KIND_NONE);
  assert_int_equal(e.image_end, 12608);
  assert_true(e.image_end < n); /* the legacy trailer follows the image */
  cwasm_section s;
  for (uint64_t i = 0; i < e.shnum; i++) assert_int_equal(cwasm_elf_section(&e, i, &s, &d), CWASM_OK);
  assert_int_equal(cwasm_elf_section(&e, 16, &s, &d), CWASM_OK);
  assert_true(str_eq_cstr(s.name, ".wasmtime.info"));
  assert_int_equal(cwasm_elf_section(&e, 6, &s, &d), CWASM_OK);
  assert_int_equal(s.type, 4); /* SHT_RELA */
  cwasm_options o = {.flags = 0};
  assert_int_equal(elf_check_wasmtime(&e, &o, &w, &d), CWASM_E_ELF_OSABI);
  o.flags = CWASM_OPT_LENIENT;
  memset(&w, 0, sizeof w);
  assert_int_equal(elf_check_wasmtime(&e, &o, &w, &d), CWASM_OK);
  assert_int_equal(w.count, 2);
  assert_int_equal(w.items[0].code, CWASM_E_ELF_OSABI);
  assert_int_equal(w.items[1].code, CWASM_E_ELF_FLAGS);
  free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_elfbuild_layout),
      cmocka_unit_test(test_detect_kinds),
      cmocka_unit_test(test_detect_rejects),
      cmocka_unit_test(test_detect_legacy),
      cmocka_unit_test(test_detect_reads_only_64),
      cmocka_unit_test(test_parse_valid_variants),
      cmocka_unit_test(test_kind_and_pulley),
      cmocka_unit_test(test_ident_errors),
      cmocka_unit_test(test_arguments),
      cmocka_unit_test(test_truncated_prefixes),
      cmocka_unit_test(test_phdrs),
      cmocka_unit_test(test_no_sections),
      cmocka_unit_test(test_shentsize),
      cmocka_unit_test(test_shoff_range),
      cmocka_unit_test(test_limit_sections),
      cmocka_unit_test(test_ext_numbering_valid),
      cmocka_unit_test(test_ext_numbering_traps),
      cmocka_unit_test(test_section0),
      cmocka_unit_test(test_shstrndx),
      cmocka_unit_test(test_shstrndx_reserved_many),
      cmocka_unit_test(test_shstrtab_type),
      cmocka_unit_test(test_shstrtab_range),
      cmocka_unit_test(test_shstrtab_unterminated),
      cmocka_unit_test(test_name_range),
      cmocka_unit_test(test_name_unterminated),
      cmocka_unit_test(test_name_suffix),
      cmocka_unit_test(test_name_is),
      cmocka_unit_test(test_find_named),
      cmocka_unit_test(test_find_named_forged),
      cmocka_unit_test(test_section_range),
      cmocka_unit_test(test_image_end),
      cmocka_unit_test(test_lenient_warnings_overflow),
      cmocka_unit_test(test_check_wasmtime),
      cmocka_unit_test(test_mutations),
      cmocka_unit_test(test_real_v22),
      cmocka_unit_test(test_real_v39),
      cmocka_unit_test(test_real_v42_pulley),
      cmocka_unit_test(test_real_legacy),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
