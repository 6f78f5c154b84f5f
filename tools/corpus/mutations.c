/*
 * The malformed set: every file is a NAMED MUTATION of a valid artifact (or,
 * for non-artifact inputs, made from nothing), with the outcome the library
 * must report. The table at the end is the specification; the hooks above
 * it are the mutations. Hooks run at the step they are registered for
 * (gen.h): `meta` changes the model, `engine` the engine-section bytes,
 * `sections` the section list, `bytes` the finished file.
 *
 * Expected outcomes are written from the spec and the library's documented
 * rules (errors.def, cwasm.h, policy.h), not copied from what the library
 * happens to do; tests/test_corpus.c replays every row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* ---------------------------------------------------------------- helpers */

#define SHT_PROGBITS_ 1u
#define SHT_NOTE_ 7u
#define SHT_NOBITS_ 8u
#define SHF_ALLOC_ 0x2u

static size_t tun_at(const gen_art *a, cwasm_tunable_id id) { return a->meta_at + a->map.tunable[id]; }
static size_t feat_at(const gen_art *a) { return a->meta_at + a->map.features; }

static void set_file(gen_art *a, const void *p, size_t n) {
  free(a->file);
  a->file = malloc(n ? n : 1);
  if (!a->file) {
    a->file_len = 0;
    return;
  }
  if (n) memcpy(a->file, p, n);
  a->file_len = n;
}

static void set_version(gen_art *a, const void *v, size_t n) {
  memcpy(a->version, v, n);
  a->version_len = n;
}
#define SET_VERSION(a, lit) set_version(a, lit, sizeof lit - 1)

static uint32_t sec(const gen_art *a, const char *name) {
  int i = gen_find_section(a, name);
  return i > 0 ? (uint32_t)i : 0;
}

/* Widths of the section-header fields written by the hooks. */
static unsigned sh_width(unsigned field) {
  return field == GEN_SH_NAME || field == GEN_SH_TYPE || field == GEN_SH_LINK ? 4u : 8u;
}

static void shdr_set(gen_art *a, const char *name, unsigned field, uint64_t v) {
  gen_put(a, gen_shdr(a, sec(a, name), field), sh_width(field), v);
}

static uint64_t shdr_get(const gen_art *a, const char *name, unsigned field) {
  return gen_get(a, gen_shdr(a, sec(a, name), field), sh_width(field));
}

static void s0_set(gen_art *a, unsigned field, uint64_t v) {
  gen_put(a, gen_shdr(a, 0, field), sh_width(field), v);
}

static void flag_set_bool(cwasm_default_flag *list, size_t n, const char *name, uint8_t v) {
  int i = gen_find_flag(list, n, name);
  if (i >= 0) list[i].boolean = v;
}

static void flag_insert(cwasm_default_flag *list, size_t *n, size_t at, cwasm_default_flag f) {
  if (*n >= GEN_MAX_FLAGS || at > *n) return;
  memmove(&list[at + 1], &list[at], (*n - at) * sizeof list[0]);
  list[at] = f;
  (*n)++;
}

static cwasm_default_flag bool_flag(const char *name, uint8_t v) {
  cwasm_default_flag f = {name, CWASM_FLAG_BOOL, 0, v, NULL};
  return f;
}

/* Index of the first shared flag holding a Bool. */
static size_t first_bool_flag(const gen_art *a) {
  for (size_t i = 0; i < a->nshared && i < MB_MAP_FLAGS; i++)
    if (a->shared[i].kind == CWASM_FLAG_BOOL) return i;
  return 0;
}

/* Bit(s) of a wasmparser feature by its message name, for bit-set releases. */
static uint64_t feature_mask(const gen_art *a, const char *name) {
  for (unsigned i = 0; i < a->rel->feature_bits_count; i++)
    if (strcmp(a->rel->feature_bits[i].name, name) == 0) return a->rel->feature_bits[i].mask;
  return 0;
}

/* Re-load the model with another release's defaults and layout, keeping the
 * version string: what a development build writes (spec §3.2, §4.3). */
static void use_layout_of(gen_art *a, uint16_t release) {
  gen_params p = a->p;
  uint8_t version[256];
  size_t vlen = a->version_len;
  memcpy(version, a->version, sizeof version);
  p.release = release;
  if (gen_art_init(a, &p) != 0) return;
  memcpy(a->version, version, sizeof version);
  a->version_len = vlen;
}

/* ----------------------------------------------------- non-artifact inputs */

static void mk_empty(gen_art *a) { set_file(a, "", 0); }

static void mk_wasm_module(gen_art *a) {
  /* (module (func)) : magic, version 1, type/function/code sections */
  static const uint8_t m[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
                              0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};
  set_file(a, m, sizeof m);
}

static void mk_wasm_component(gen_art *a) {
  /* (component) : magic, version 0x0d, layer 1 */
  static const uint8_t c[] = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
  set_file(a, c, sizeof c);
}

static void mk_pe_stub(gen_art *a) {
  /* DOS header ("MZ", e_lfanew = 0x40) and a PE/COFF header for x86-64 with no sections */
  uint8_t pe[0x40 + 4 + 20];
  memset(pe, 0, sizeof pe);
  pe[0] = 'M', pe[1] = 'Z';
  pe[0x3c] = 0x40;
  memcpy(pe + 0x40, "PE\0\0", 4);
  pe[0x44] = 0x64, pe[0x45] = 0x86; /* IMAGE_FILE_MACHINE_AMD64 */
  set_file(a, pe, sizeof pe);
}

static void mk_shell_script(gen_art *a) {
  static const char s[] = "#!/bin/sh\nexec wasmtime run --allow-precompiled app.cwasm \"$@\"\n";
  set_file(a, s, sizeof s - 1);
}

static const uint8_t AOT_MARKER[13] = {0, 'w', 'a', 's', 'm', 't', 'i', 'm', 'e', '-', 'a', 'o', 't'};

/* Wasmtime 0.26-0.29: the file starts with the marker, a length byte, the
 * version and bincode metadata (spec preamble). */
static void mk_legacy_prefix(gen_art *a) {
  static const uint8_t rest[] = {6,   '0', '.', '2', '6', '.', '0', 24,  0,   0,   0,   0,   0,
                                 0,   0,   'x', '8', '6', '_', '6', '4', '-', 'u', 'n', 'k', 'n',
                                 'o', 'w', 'n', '-', 'l', 'i', 'n', 'u', 'x', '-', 'g', 'n', 'u'};
  uint8_t f[sizeof AOT_MARKER + sizeof rest];
  memcpy(f, AOT_MARKER, sizeof AOT_MARKER);
  memcpy(f + sizeof AOT_MARKER, rest, sizeof rest);
  set_file(a, f, sizeof f);
}

static void mk_legacy_prefix_truncated(gen_art *a) {
  uint8_t f[sizeof AOT_MARKER + 4] = {0};
  memcpy(f, AOT_MARKER, sizeof AOT_MARKER);
  f[13] = 40; /* a 40-byte version string, of which 3 bytes are there */
  f[14] = '0', f[15] = '.', f[16] = '2';
  set_file(a, f, sizeof f);
}

/* ---------------------------------------------- legacy ELF trailer (0.30-2.x) */

static void drop_engine(gen_art *a) { gen_remove_section(a, sec(a, ".wasmtime.engine")); }

/* 0.30-2.x files: OS ABI 0, e_flags 0, no engine section, and after the image
 * (0.30-0.35: eight 0xff first) the marker, length, version, metadata. */
static void legacy_trailer(gen_art *a, int with_ff, const char *version, int truncate) {
  uint8_t t[64];
  size_t n = 0, vl = strlen(version);
  a->file[7] = 0;
  gen_put(a, GEN_E_FLAGS, 4, 0);
  if (with_ff) {
    memset(t, 0xff, 8);
    n = 8;
  }
  memcpy(t + n, AOT_MARKER, sizeof AOT_MARKER);
  n += sizeof AOT_MARKER;
  if (!truncate) {
    t[n++] = (uint8_t)vl;
    memcpy(t + n, version, vl);
    n += vl;
    memset(t + n, 0, 8); /* bincode Metadata begins: an empty target string */
    n += 8;
  }
  gen_file_splice(a, a->file_len, 0, t, n);
}
static void legacy_v030(gen_art *a) { legacy_trailer(a, 1, "0.30.0", 0); }
static void legacy_v1(gen_art *a) { legacy_trailer(a, 0, "1.0.0", 0); }
static void legacy_truncated(gen_art *a) { legacy_trailer(a, 0, "", 1); }

/* A relocatable object from any compiler: no engine section, OS ABI 0 (SYSV), e_flags 0. */
static void plain_object(gen_art *a) {
  a->file[7] = 0;
  gen_put(a, GEN_E_FLAGS, 4, 0);
}

/* ------------------------------------------------------------- truncation */

static void cut_8(gen_art *a) { a->file_len = 8; }
static void cut_40(gen_art *a) { a->file_len = 40; }
static void cut_63(gen_art *a) { a->file_len = 63; }
static void cut_64(gen_art *a) { a->file_len = 64; }
static void cut_at_shdrs(gen_art *a) { a->file_len = (size_t)a->shoff; }
static void cut_mid_shdrs(gen_art *a) { a->file_len = (size_t)a->shoff + 3 * 64 + 10; }
static void cut_last_byte(gen_art *a) { a->file_len -= 1; }

/* ---------------------------------------------------------- ELF header */

static void magic_g(gen_art *a) { a->file[3] = 'G'; }
static void class_0(gen_art *a) { a->file[4] = 0; }
static void data_3(gen_art *a) { a->file[5] = 3; }
static void ident_version_0(gen_art *a) { a->file[6] = 0; }
static void e_version_0(gen_art *a) { gen_put(a, GEN_E_VERSION, 4, 0); }
static void osabi_0(gen_art *a) { a->file[7] = 0; }
static void osabi_linux(gen_art *a) { a->file[7] = 3; }
static void abiversion_1(gen_art *a) { a->file[8] = 1; }
static void type_exec(gen_art *a) { gen_put(a, GEN_E_TYPE, 2, 2); }
static void ehsize_52(gen_art *a) { gen_put(a, GEN_E_EHSIZE, 2, 52); }
static void flags_0(gen_art *a) { gen_put(a, GEN_E_FLAGS, 4, 0); }
static void flags_3(gen_art *a) { gen_put(a, GEN_E_FLAGS, 4, 3); }
static void flags_0x101(gen_art *a) { gen_put(a, GEN_E_FLAGS, 4, 0x101); }
static void flags_both_pulley(gen_art *a) { gen_put(a, GEN_E_FLAGS, 4, gen_get(a, GEN_E_FLAGS, 4) | 0xc); }
static void flags_component(gen_art *a) { gen_put(a, GEN_E_FLAGS, 4, CWASM_EF_COMPONENT); }
static void machine_aarch64(gen_art *a) { gen_put(a, GEN_E_MACHINE, 2, 183); }

static void phdr_entsize(gen_art *a) {
  gen_put(a, GEN_E_PHOFF, 8, 64);
  gen_put(a, GEN_E_PHNUM, 2, 1);
  gen_put(a, GEN_E_PHENTSIZE, 2, 32);
}
static void phdr_past_end(gen_art *a) {
  gen_put(a, GEN_E_PHOFF, 8, a->file_len - 8);
  gen_put(a, GEN_E_PHNUM, 2, 1);
  gen_put(a, GEN_E_PHENTSIZE, 2, 56);
}
static void phdr_in_bounds(gen_art *a) {
  gen_put(a, GEN_E_PHOFF, 8, 64);
  gen_put(a, GEN_E_PHNUM, 2, 1);
  gen_put(a, GEN_E_PHENTSIZE, 2, 56);
}

static void shoff_0(gen_art *a) { gen_put(a, GEN_E_SHOFF, 8, 0); }
static void shentsize_40(gen_art *a) { gen_put(a, GEN_E_SHENTSIZE, 2, 40); }
static void shoff_past_end(gen_art *a) { gen_put(a, GEN_E_SHOFF, 8, a->file_len + 64); }
static void shoff_wraps(gen_art *a) { gen_put(a, GEN_E_SHOFF, 8, UINT64_C(0xffffffffffffffc0)); }
static void shnum_0xfeff(gen_art *a) { gen_put(a, GEN_E_SHNUM, 2, 0xfeff); }

/* ----------------------------------------------- extended numbering (ELF gABI) */

static void extnum_valid(gen_art *a) {
  gen_put(a, GEN_E_SHNUM, 2, 0);
  s0_set(a, GEN_SH_SIZE, a->shnum);
  gen_put(a, GEN_E_SHSTRNDX, 2, 0xffff);
  s0_set(a, GEN_SH_LINK, a->shstrndx);
}
static void extnum_count_zero(gen_art *a) { gen_put(a, GEN_E_SHNUM, 2, 0); }
static void extnum_count_huge(gen_art *a) {
  gen_put(a, GEN_E_SHNUM, 2, 0);
  s0_set(a, GEN_SH_SIZE, UINT64_C(1) << 40);
}
static void extnum_count_past_end(gen_art *a) {
  gen_put(a, GEN_E_SHNUM, 2, 0);
  s0_set(a, GEN_SH_SIZE, 5000);
}
static void extnum_size_without_escape(gen_art *a) { s0_set(a, GEN_SH_SIZE, a->shnum); }
static void extnum_size_12(gen_art *a) { s0_set(a, GEN_SH_SIZE, 12); }
static void extnum_link_without_escape(gen_art *a) { s0_set(a, GEN_SH_LINK, a->shstrndx); }
static void extnum_link_zero(gen_art *a) { gen_put(a, GEN_E_SHSTRNDX, 2, 0xffff); }
static void extnum_link_past_end(gen_art *a) {
  gen_put(a, GEN_E_SHSTRNDX, 2, 0xffff);
  s0_set(a, GEN_SH_LINK, 999);
}
static void section0_progbits(gen_art *a) { s0_set(a, GEN_SH_TYPE, SHT_PROGBITS_); }

/* ---------------------------------------------------- the name table */

static void shstrndx_0(gen_art *a) { gen_put(a, GEN_E_SHSTRNDX, 2, 0); }
static void shstrndx_200(gen_art *a) { gen_put(a, GEN_E_SHSTRNDX, 2, 200); }
static void shstrndx_0xff00(gen_art *a) { gen_put(a, GEN_E_SHSTRNDX, 2, 0xff00); }
static void shstrndx_0xfff0(gen_art *a) { gen_put(a, GEN_E_SHSTRNDX, 2, 0xfff0); }
static void shstrndx_text(gen_art *a) { gen_put(a, GEN_E_SHSTRNDX, 2, sec(a, ".text")); }
static void shstrtab_progbits(gen_art *a) { shdr_set(a, ".shstrtab", GEN_SH_TYPE, SHT_PROGBITS_); }
static void shstrtab_past_end(gen_art *a) { shdr_set(a, ".shstrtab", GEN_SH_OFFSET, a->file_len + 1); }
static void shstrtab_size_wraps(gen_art *a) { shdr_set(a, ".shstrtab", GEN_SH_SIZE, UINT64_MAX); }
static void shstrtab_drop_nul(gen_art *a) {
  shdr_set(a, ".shstrtab", GEN_SH_SIZE, shdr_get(a, ".shstrtab", GEN_SH_SIZE) - 1);
}
static void shstrtab_empty(gen_art *a) { shdr_set(a, ".shstrtab", GEN_SH_SIZE, 0); }
static void info_name_past_table(gen_art *a) { shdr_set(a, ".wasmtime.info", GEN_SH_NAME, 0x7fff); }

/* -------------------------------------------------------- section data */

static void text_past_end(gen_art *a) { shdr_set(a, ".text", GEN_SH_OFFSET, a->file_len + 16); }
static void info_size_wraps(gen_art *a) { shdr_set(a, ".wasmtime.info", GEN_SH_SIZE, UINT64_MAX); }
static void bti_nobits_far(gen_art *a) {
  shdr_set(a, ".wasmtime.bti", GEN_SH_TYPE, SHT_NOBITS_);
  shdr_set(a, ".wasmtime.bti", GEN_SH_OFFSET, UINT64_C(1) << 40);
}
static void engine_past_end(gen_art *a) { shdr_set(a, ".wasmtime.engine", GEN_SH_SIZE, a->file_len); }

/* Sections Wasmtime writes only when a module needs them (spec §2.3). */
static void add_optional_sections(gen_art *a) {
  static const char *const names[] = {
      ".rodata.wasm",     ".name.wasm",    ".wasmtime.dwarf", ".wasmtime.stackmap", ".wasmtime.exceptions",
      ".wasmtime.frames", ".debug_abbrev", ".debug_info",     ".debug_line",        ".debug_str"};
  static const uint8_t two[2] = {0, 0};
  int at = gen_find_section(a, ".symtab");
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    int k = gen_add_section(a, names[i], SHT_PROGBITS_, strncmp(names[i], ".debug", 6) ? SHF_ALLOC_ : 0, 1,
                            two, i == 0 ? 0 : sizeof two);
    /* keep .symtab, .strtab, .shstrtab last, as object::write does */
    if (k > 0 && at > 0) {
      gen_section s = a->sec[k];
      memmove(&a->sec[at + 1], &a->sec[at], (size_t)(k - at) * sizeof a->sec[0]);
      a->sec[at++] = s;
    }
  }
}

/* 300 ISA flags an unknown Cranelift might write; Bool(false) passes any loader. */
static void many_isa_flags(gen_art *a) {
  char name[32];
  for (unsigned i = 0; i < 300 && a->nisa < GEN_MAX_FLAGS; i++) {
    snprintf(name, sizeof name, "has_ext%03u", i);
    a->isa[a->nisa++] = bool_flag(gen_pool_str(a, name), 0);
  }
}

/* ------------------------------------------------------- engine section */

static void engine_rename(gen_art *a) {
  /* ".wasmtime.engine" -> ".wasmtime.enginx" in the name table */
  size_t at =
      (size_t)shdr_get(a, ".shstrtab", GEN_SH_OFFSET) + a->sec[sec(a, ".wasmtime.engine")].name_off + 15;
  if (at < a->file_len) a->file[at] = 'x';
}
static void bti_named_engine(gen_art *a) {
  shdr_set(a, ".wasmtime.bti", GEN_SH_NAME, a->sec[sec(a, ".wasmtime.engine")].name_off);
}
/* A second engine section, as an older build would have written it: the
 * same metadata under "47" (v47 and v48 share the layout when OperatorCost
 * is Default). Placed before .symtab. */
static void second_engine_v47(gen_art *a) {
  int at = gen_find_section(a, ".symtab");
  uint8_t *e = malloc(a->engine_len);
  int k;
  if (!e) return;
  memcpy(e, a->engine, a->engine_len);
  if (a->version_len == 2) e[2] = '4', e[3] = '7';
  k = gen_add_section(a, ".wasmtime.engine", SHT_PROGBITS_, SHF_ALLOC_, 1, e, a->engine_len);
  free(e);
  if (k > 0 && at > 0) {
    gen_section s = a->sec[k];
    memmove(&a->sec[at + 1], &a->sec[at], (size_t)(k - at) * sizeof a->sec[0]);
    a->sec[at] = s;
  }
}
static void engine_size_0(gen_art *a) { shdr_set(a, ".wasmtime.engine", GEN_SH_SIZE, 0); }
static void engine_nobits(gen_art *a) { shdr_set(a, ".wasmtime.engine", GEN_SH_TYPE, SHT_NOBITS_); }
static void engine_note(gen_art *a) { shdr_set(a, ".wasmtime.engine", GEN_SH_TYPE, SHT_NOTE_); }
static void engine_format_1(gen_art *a) { a->engine[0] = 1; }
static void engine_size_1(gen_art *a) { shdr_set(a, ".wasmtime.engine", GEN_SH_SIZE, 1); }
static void engine_version_only(gen_art *a) {
  shdr_set(a, ".wasmtime.engine", GEN_SH_SIZE, 2 + a->version_len);
}
static void engine_at_0(gen_art *a) { shdr_set(a, ".wasmtime.engine", GEN_SH_OFFSET, 0); }
static void engine_over_shdrs(gen_art *a) {
  shdr_set(a, ".wasmtime.engine", GEN_SH_OFFSET, a->file_len - shdr_get(a, ".wasmtime.engine", GEN_SH_SIZE));
}

/* --------------------------------------------------------- version string */

static void version_bad_utf8(gen_art *a) { SET_VERSION(a, "36.0.0\xc0"); }
static void version_cut_utf8(gen_art *a) { SET_VERSION(a, "\xe2\x82"); }
static void version_99(gen_art *a) { SET_VERSION(a, "99.0.0"); }
static void version_2(gen_art *a) { SET_VERSION(a, "2.0.0"); }
static void version_50(gen_art *a) { SET_VERSION(a, "50"); }
static void version_36(gen_art *a) { SET_VERSION(a, "36"); }
static void version_48_full(gen_art *a) { SET_VERSION(a, "48.0.0"); }
static void version_empty(gen_art *a) { a->version_len = 0; }
static void version_36_0_1(gen_art *a) { SET_VERSION(a, "36.0.1"); }
static void version_24_0_13(gen_art *a) { SET_VERSION(a, "24.0.13"); }

/* ----------------------------------------------------------------- metadata */

static void cut_engine_1(gen_art *a) { a->engine_len -= 1; }
static void cut_engine_in_tunables(gen_art *a) { a->engine_len = a->meta_at + a->map.tunables + 4; }
/* Metadata cut exactly where one part ends and the next begins. */
static void cut_engine_at_shared(gen_art *a) { a->engine_len = a->meta_at + a->map.shared_count; }
static void cut_engine_at_isa(gen_art *a) { a->engine_len = a->meta_at + a->map.isa_count; }
static void cut_engine_at_tunables(gen_art *a) { a->engine_len = a->meta_at + a->map.tunables; }
static void cut_engine_at_features(gen_art *a) { a->engine_len = a->meta_at + a->map.features; }
/* ... and inside a flag entry: after a shared flag's variant, before its payload. Early on,
 * the count promises more entries than bytes are left (each needs 3 at least). */
static void cut_engine_in_4th_flag(gen_art *a) { a->engine_len = a->meta_at + a->map.shared[3].value + 1; }
static void cut_engine_in_last_flag(gen_art *a) {
  a->engine_len = a->meta_at + a->map.shared[a->nshared - 1].value + 1;
}
static void cut_engine_after_target_len(gen_art *a) {
  a->engine_len = a->meta_at + a->map.target_body - a->map.target;
}

static void features_bytes(gen_art *a, const uint8_t *b, size_t n) {
  gen_engine_splice(a, feat_at(a), a->engine_len - feat_at(a), b, n);
}
static void varint_overflow(gen_art *a) {
  static const uint8_t b[10] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  features_bytes(a, b, sizeof b);
}
static void varint_overlong(gen_art *a) {
  static const uint8_t b[11] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  features_bytes(a, b, sizeof b);
}
static void u32_overflow(gen_art *a) {
  static const uint8_t b[5] = {0xff, 0xff, 0xff, 0xff, 0x1f};
  gen_engine_splice(a, tun_at(a, CWASM_T_INLINING_SMALL_CALLEE_SIZE), 1, b, sizeof b);
}
static void u32_noncanonical(gen_art *a) {
  /* 50 = 0x32 written in five bytes: postcard accepts over-long varints */
  static const uint8_t b[5] = {0xb2, 0x80, 0x80, 0x80, 0x00};
  gen_engine_splice(a, tun_at(a, CWASM_T_INLINING_SMALL_CALLEE_SIZE), 1, b, sizeof b);
}
static void fuel_2(gen_art *a) { a->engine[tun_at(a, CWASM_T_CONSUME_FUEL)] = 2; }
static void feature_bool_2(gen_art *a) { a->engine[feat_at(a)] = 2; }
static void flag_bool_2(gen_art *a) {
  size_t i = first_bool_flag(a);
  a->engine[a->meta_at + a->map.shared[i].value + (a->layout->codec == CWASM_CODEC_BINCODE ? 4 : 1)] = 2;
}
static void collector_tag_2(gen_art *a) { a->engine[tun_at(a, CWASM_T_COLLECTOR)] = 2; }
static void flag_variant_3(gen_art *a) { a->engine[a->meta_at + a->map.shared[0].value] = 3; }
static void flag_variant_7_bincode(gen_art *a) { a->engine[a->meta_at + a->map.shared[0].value] = 7; }
static void collector_copying(gen_art *a) {
  /* Some(Copying): variant 2, which exists only from v45 */
  a->engine[tun_at(a, CWASM_T_COLLECTOR)] = 1;
  a->engine[tun_at(a, CWASM_T_COLLECTOR) + 1] = 2;
}
static void inlining_5(gen_art *a) { a->engine[tun_at(a, CWASM_T_INLINING_ENUM)] = 5; }
static void operator_cost_2(gen_art *a) { a->engine[tun_at(a, CWASM_T_OPERATOR_COST)] = 2; }
static void target_ff(gen_art *a) { a->engine[a->meta_at + a->map.target_body] = 0xff; }
static void flag_name_c0(gen_art *a) {
  /* first byte of the first shared flag's name (after a one-byte length) */
  a->engine[a->meta_at + a->map.shared[0].name + 1] = 0xc0;
}
static void target_len_huge(gen_art *a) {
  static const uint8_t b[7] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}; /* 2^42 */
  gen_engine_splice(a, a->meta_at + a->map.target, 1, b, sizeof b);
}
static void shared_count_huge(gen_art *a) {
  static const uint8_t b[5] = {0xff, 0xff, 0xff, 0xff, 0x0f}; /* 2^32 - 1 entries */
  gen_engine_splice(a, a->meta_at + a->map.shared_count, 1, b, sizeof b);
}
static void target_len_huge_bincode(gen_art *a) {
  a->engine[a->meta_at + a->map.target + 7] = 0x80; /* u64 LE: 2^63 + 24 */
}
static void gc_zeal_some_0(gen_art *a) {
  static const uint8_t b[2] = {1, 0}; /* Some(0) where the type is NonZeroU32 */
  gen_engine_splice(a, tun_at(a, CWASM_T_GC_ZEAL_ALLOC_COUNTER), 1, b, sizeof b);
}
static void trailing_3(gen_art *a) {
  static const uint8_t b[3] = {0xff, 0xff, 0xff};
  gen_engine_splice(a, a->engine_len, 0, b, sizeof b);
}
static void dev_build_over_35(gen_art *a) { use_layout_of(a, 35); }
static void custom_with_bool_2(gen_art *a) { a->engine[tun_at(a, CWASM_T_CONSUME_FUEL)] = 2; }

/* ------------------------------------------------------------------- flags */

/* The same name twice, false before the real true: a BTreeMap (v3-v14)
 * keeps the last value, a sequence (v15+) checks both (spec §5.1, §6.3). */
static void duplicate_frame_pointers(gen_art *a) {
  int i = gen_find_flag(a->shared, a->nshared, "preserve_frame_pointers");
  if (i >= 0) flag_insert(a->shared, &a->nshared, (size_t)i, bool_flag("preserve_frame_pointers", 0));
}

/* ------------------------------------------------------------------ policy */

static void target_bogus_arch(gen_art *a) {
  snprintf(a->target, sizeof a->target, "notanarch-unknown-linux-gnu");
}
static void target_aarch64(gen_art *a) { snprintf(a->target, sizeof a->target, "aarch64-unknown-linux-gnu"); }
static void target_windows(gen_art *a) { snprintf(a->target, sizeof a->target, "x86_64-pc-windows-msvc"); }
static void target_x86_64(gen_art *a) { snprintf(a->target, sizeof a->target, "x86_64-unknown-linux-gnu"); }
static void frame_pointers_off(gen_art *a) {
  flag_set_bool(a->shared, a->nshared, "preserve_frame_pointers", 0);
}
static void add_enable_safepoints(gen_art *a) {
  if (a->nshared < GEN_MAX_FLAGS) a->shared[a->nshared++] = bool_flag("enable_safepoints", 1);
}
static void avx2_on(gen_art *a) { flag_set_bool(a->isa, a->nisa, "has_avx2", 1); }
static void lse_on(gen_art *a) { flag_set_bool(a->isa, a->nisa, "has_lse", 1); }
static void add_has_bogus(gen_art *a) {
  if (a->nisa < GEN_MAX_FLAGS) a->isa[a->nisa++] = bool_flag("has_bogus", 1);
}
static void pointer64(gen_art *a) {
  int i = gen_find_flag(a->isa, a->nisa, "pointer_width");
  if (i >= 0) a->isa[i].enum_value = "pointer64";
}
static void fuel_on(gen_art *a) { a->tun.v[CWASM_T_CONSUME_FUEL] = 1; }
static void threads_off(gen_art *a) { a->features &= ~feature_mask(a, "threads"); }
static void stack_switching_on(gen_art *a) { a->features |= feature_mask(a, "stack_switching"); }

/* ------------------------------------------------------------------ the table */

#define A36 "v36-x86_64-linux-module"
#define A48 "v48-x86_64-linux-module"
#define A43 "v43-x86_64-linux-module"
#define B4 "v4-x86_64-linux-component"
#define S24 "v24-s390x-linux-module"
#define X24 "v24-x86_64-linux-module"
#define P42 "v42-pulley32-component"
#define P36 "v36-pulley32-component"
#define R45 "v45-aarch64-linux-component"
#define R41C "v41-riscv64-linux-component-custom"
#define X16 "v16-x86_64-linux-component"
#define A38 "v38-aarch64-linux-module"

/* Host items (manifest.c): each replaces the base's value of that key. */
#define HOST_CPU_NO_AVX2 "cpu=-avx2"
#define HOST_CPU_UNKNOWN "cpu=unknown"

static const gen_mutation MUTATIONS[] = {
    /* ------------------------------------------------ not artifacts at all */
    {"empty", NULL, "-", "E_INPUT_EMPTY", "-", NULL, NULL, "an empty file", .bytes = mk_empty, .ext = "bin"},
    {"wasm-module", NULL, "-", "E_INPUT_WASM", "-", NULL, NULL, "a WebAssembly module (not compiled)",
     .bytes = mk_wasm_module, .ext = "wasm"},
    {"wasm-component", NULL, "-", "E_INPUT_WASM", "-", NULL, NULL, "a WebAssembly component (not compiled)",
     .bytes = mk_wasm_component, .ext = "wasm"},
    {"pe-stub", NULL, "-", "E_ELF_MAGIC", "-", NULL, NULL, "a PE/COFF (Windows) header", .bytes = mk_pe_stub,
     .ext = "exe"},
    {"shell-script", NULL, "-", "E_ELF_MAGIC", "-", NULL, NULL, "a text file", .bytes = mk_shell_script,
     .ext = "sh"},
    {"legacy-prefix-v0.26", NULL, "-", "E_LEGACY_ARTIFACT", "-", NULL, NULL,
     "Wasmtime 0.26-0.29 layout: starts with \\0wasmtime-aot", .bytes = mk_legacy_prefix, .ext = "bin"},
    {"legacy-prefix-truncated", NULL, "-", "E_LEGACY_TRAILER", "-", NULL, NULL,
     "\\0wasmtime-aot prefix whose 40-byte version string is cut after 3 bytes",
     .bytes = mk_legacy_prefix_truncated, .ext = "bin"},
    {"legacy-elf-v0.30", A36, "-", "E_LEGACY_ARTIFACT", "-", NULL, NULL,
     "Wasmtime 0.30-0.35 layout: ELF (OS ABI 0) + ff*8 + \\0wasmtime-aot trailer", .sections = drop_engine,
     .bytes = legacy_v030},
    {"legacy-elf-v1.0", A36, "-", "E_LEGACY_ARTIFACT", "-", NULL, NULL,
     "Wasmtime 0.36-2.x layout: ELF (OS ABI 0) + \\0wasmtime-aot trailer", .sections = drop_engine,
     .bytes = legacy_v1},
    {"legacy-elf-trailer-truncated", A36, "-", "E_LEGACY_TRAILER", "-", NULL, NULL,
     "ELF followed by \\0wasmtime-aot and nothing else", .sections = drop_engine, .bytes = legacy_truncated},
    {"plain-elf-object", A36, "-", "E_ELF_OSABI", "-", NULL, NULL,
     "an ordinary relocatable object: no engine section, OS ABI 0, e_flags 0", .sections = drop_engine,
     .bytes = plain_object},

    /* ------------------------------------------------------- truncations */
    {"trunc-ident-8", A36, "-", "E_ELF_TRUNCATED", "-", NULL, NULL, "cut inside e_ident (8 bytes)",
     .bytes = cut_8},
    {"trunc-header-40", A36, "-", "E_ELF_TRUNCATED", "-", NULL, NULL, "cut inside the ELF header",
     .bytes = cut_40},
    {"trunc-header-63", A36, "-", "E_ELF_TRUNCATED", "-", NULL, NULL, "one byte short of the ELF header",
     .bytes = cut_63},
    {"trunc-header-only", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL, "the ELF header and nothing else",
     .bytes = cut_64},
    {"trunc-at-shdrs", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL,
     "cut where the section header table starts", .bytes = cut_at_shdrs},
    {"trunc-mid-shdrs", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL, "cut inside the 4th section header",
     .bytes = cut_mid_shdrs},
    {"trunc-last-byte", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL,
     "the last byte (of the last section header) missing", .bytes = cut_last_byte},
    {"be-trunc-last-byte", S24, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL,
     "big-endian: the last byte missing", .bytes = cut_last_byte},

    /* ------------------------------------------------ ELF identification */
    {"magic-elg", A36, "-", "E_ELF_MAGIC", "-", NULL, NULL, "magic 7f 'E' 'L' 'G'", .bytes = magic_g},
    {"class-0", A36, "-", "E_ELF_CLASS", "-", NULL, NULL, "EI_CLASS = ELFCLASSNONE", .bytes = class_0},
    {"data-3", A36, "-", "E_ELF_DATA", "-", NULL, NULL, "EI_DATA = 3", .bytes = data_3},
    {"ident-version-0", A36, "-", "E_ELF_IDENT_VERSION", "-", NULL, NULL, "EI_VERSION = 0",
     .bytes = ident_version_0},
    {"e-version-0", A36, "-", "E_ELF_VERSION", "-", NULL, NULL, "e_version = 0", .bytes = e_version_0},
    {"osabi-0", A36, "-", "E_ELF_OSABI", "-", NULL, NULL, "EI_OSABI = 0 (SYSV) with an engine section",
     .bytes = osabi_0},
    {"osabi-linux-lenient", A36, "lenient", "OK", "E_ELF_OSABI", NULL, "F_ELF_HEADER",
     "EI_OSABI = 3, lenient: a v36 loader (mode D) rejects the OS ABI", .bytes = osabi_linux},
    {"osabi-linux-v48-lenient", A48, "lenient", "OK", "E_ELF_OSABI", NULL, "ok",
     "EI_OSABI = 3, lenient: v43+ loaders no longer check the OS ABI", .bytes = osabi_linux},
    {"abiversion-1", A36, "-", "E_ELF_ABIVERSION", "-", NULL, NULL, "EI_ABIVERSION = 1",
     .bytes = abiversion_1},
    {"type-exec", A36, "-", "E_ELF_TYPE", "-", NULL, NULL, "e_type = ET_EXEC", .bytes = type_exec},
    {"ehsize-52", A36, "-", "E_ELF_EHSIZE", "-", NULL, NULL, "e_ehsize = 52 in an ELF64 file",
     .bytes = ehsize_52},
    {"flags-0", A36, "-", "E_ELF_FLAGS", "-", NULL, NULL, "e_flags = 0: neither module nor component",
     .bytes = flags_0},
    {"flags-module-and-component", A36, "-", "E_ELF_FLAGS", "-", NULL, NULL, "e_flags = 3", .bytes = flags_3},
    {"flags-unknown-bit", A36, "-", "E_ELF_FLAGS", "-", NULL, NULL,
     "e_flags = 0x101: a bit Wasmtime does not define", .bytes = flags_0x101},
    {"flags-both-pulley-bits", P42, "-", "E_ELF_FLAGS", "-", NULL, NULL,
     "Pulley component with both Pulley32 and Pulley64 bits", .bytes = flags_both_pulley},
    {"machine-aarch64-x86-target", A36, "-", "OK", "W_E_MACHINE", NULL, "ok",
     "e_machine EM_AARCH64 for an x86_64 target (Wasmtime does not check e_machine)",
     .bytes = machine_aarch64},
    {"phdr-entsize-32", A36, "-", "E_ELF_PHDR", "-", NULL, NULL,
     "one program header of e_phentsize 32 in an ELF64 file", .bytes = phdr_entsize},
    {"phdr-past-end", A36, "-", "E_ELF_PHDR", "-", NULL, NULL, "a program header table running past the end",
     .bytes = phdr_past_end},
    {"phdr-in-bounds", A36, "-", "OK", "-", NULL, "ok",
     "one in-bounds program header (Wasmtime writes none, its reader accepts one)", .bytes = phdr_in_bounds},

    /* ------------------------------------------------ section header table */
    {"shoff-0", A36, "-", "E_ELF_NO_SECTIONS", "-", NULL, NULL, "e_shoff = 0", .bytes = shoff_0},
    {"shentsize-40", A36, "-", "E_ELF_SHENTSIZE", "-", NULL, NULL,
     "e_shentsize = 40 (the ELF32 size) in an ELF64 file", .bytes = shentsize_40},
    {"shoff-past-end", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL, "e_shoff beyond the end of the file",
     .bytes = shoff_past_end},
    {"shoff-wraps", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL,
     "e_shoff = 2^64 - 64: offset + size overflows", .bytes = shoff_wraps},
    {"be-shoff-past-end", S24, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL,
     "big-endian: e_shoff beyond the end", .bytes = shoff_past_end},
    {"shnum-0xfeff", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL,
     "e_shnum = 0xfeff: the table would run past the end", .bytes = shnum_0xfeff},
    {"extnum-valid", A36, "-", "OK", "-", NULL, "ok",
     "legal extended numbering: e_shnum 0 and e_shstrndx 0xffff, values in section 0", .bytes = extnum_valid},
    {"extnum-count-zero", A36, "-", "E_ELF_NO_SECTIONS", "-", NULL, NULL,
     "e_shnum = 0 and section 0's sh_size = 0", .bytes = extnum_count_zero},
    {"extnum-count-huge", A36, "-", "E_LIMIT_SECTIONS", "-", NULL, NULL,
     "e_shnum = 0 and section 0's sh_size = 2^40 (over the default limit)", .bytes = extnum_count_huge},
    {"extnum-count-past-end", A36, "-", "E_ELF_SHOFF_RANGE", "-", NULL, NULL,
     "e_shnum = 0 and section 0's sh_size = 5000", .bytes = extnum_count_past_end},
    {"extnum-size-without-escape", A36, "-", "E_ELF_EXT_NUMBERING", "-", NULL, NULL,
     "section 0's sh_size holds the count while e_shnum is set too", .bytes = extnum_size_without_escape},
    {"extnum-size-without-escape-lenient", A36, "lenient", "OK", "E_ELF_EXT_NUMBERING", NULL, "ok",
     "section 0's sh_size = 12 while e_shnum = 11, lenient (Wasmtime reads e_shnum)",
     .bytes = extnum_size_12},
    {"extnum-link-without-escape", A36, "-", "E_ELF_EXT_NUMBERING", "-", NULL, NULL,
     "section 0's sh_link holds the name-table index while e_shstrndx is set too",
     .bytes = extnum_link_without_escape},
    {"extnum-link-zero", A36, "-", "E_ELF_SHSTRNDX_MISSING", "-", NULL, NULL,
     "e_shstrndx = 0xffff and section 0's sh_link = 0", .bytes = extnum_link_zero},
    {"extnum-link-past-end", A36, "-", "E_ELF_SHSTRNDX_RANGE", "-", NULL, NULL,
     "e_shstrndx = 0xffff and section 0's sh_link = 999", .bytes = extnum_link_past_end},
    {"section0-progbits", A36, "-", "E_ELF_SECTION0", "-", NULL, NULL, "section 0 is SHT_PROGBITS",
     .bytes = section0_progbits},
    {"optional-sections", A43, "-", "OK", "-", NULL, "ok",
     "v43 module with the sections Wasmtime writes only when needed (21 sections)",
     .sections = add_optional_sections},
    {"optional-sections-limit", A36, "max_sections=20", "E_LIMIT_SECTIONS", "-", NULL, NULL,
     "21 sections, the caller allows 20", .sections = add_optional_sections},

    /* ------------------------------------------------------ name table */
    {"shstrndx-0", A36, "-", "E_ELF_SHSTRNDX_MISSING", "-", NULL, NULL, "e_shstrndx = 0",
     .bytes = shstrndx_0},
    {"shstrndx-200", A36, "-", "E_ELF_SHSTRNDX_RANGE", "-", NULL, NULL, "e_shstrndx = 200 with 11 sections",
     .bytes = shstrndx_200},
    {"shstrndx-0xff00", A36, "-", "E_ELF_SHSTRNDX_RESERVED", "-", NULL, NULL,
     "e_shstrndx = SHN_LORESERVE (rejected by object 0.40)", .bytes = shstrndx_0xff00},
    {"shstrndx-0xfff0-lenient", A36, "lenient", "E_ELF_SHSTRNDX_RANGE", "E_ELF_SHSTRNDX_RESERVED", NULL, NULL,
     "e_shstrndx = 0xfff0, lenient: reserved, then out of range", .bytes = shstrndx_0xfff0},
    {"shstrndx-text", A36, "-", "E_ELF_SHSTRTAB_TYPE", "-", NULL, NULL, "e_shstrndx names .text",
     .bytes = shstrndx_text},
    {"shstrtab-progbits", A36, "-", "E_ELF_SHSTRTAB_TYPE", "-", NULL, NULL, ".shstrtab is SHT_PROGBITS",
     .bytes = shstrtab_progbits},
    {"shstrtab-past-end", A36, "-", "E_ELF_SHSTRTAB_RANGE", "-", NULL, NULL,
     ".shstrtab's sh_offset beyond the end", .bytes = shstrtab_past_end},
    {"shstrtab-size-wraps", A36, "-", "E_ELF_SHSTRTAB_RANGE", "-", NULL, NULL,
     ".shstrtab's sh_size = 2^64 - 1", .bytes = shstrtab_size_wraps},
    {"shstrtab-no-final-nul", A36, "-", "E_ELF_SHSTRTAB_UNTERMINATED", "-", NULL, NULL,
     ".shstrtab one byte short: its last name has no NUL", .bytes = shstrtab_drop_nul},
    {"shstrtab-empty", A36, "-", "E_ELF_SHSTRTAB_UNTERMINATED", "-", NULL, NULL, ".shstrtab's sh_size = 0",
     .bytes = shstrtab_empty},
    {"shstrtab-no-final-nul-lenient", A36, "lenient", "OK",
     "E_ELF_SHSTRTAB_UNTERMINATED,E_ELF_NAME_UNTERMINATED", NULL, "ok",
     "name without NUL, lenient: v3-v42 loaders skip unreadable names", .bytes = shstrtab_drop_nul},
    {"shstrtab-no-final-nul-v48-lenient", A48, "lenient", "OK",
     "E_ELF_SHSTRTAB_UNTERMINATED,E_ELF_NAME_UNTERMINATED", NULL, "F_ELF_SECTIONS",
     "name without NUL, lenient: v43+ loaders fail on any unreadable name", .bytes = shstrtab_drop_nul},
    {"name-past-table", A36, "-", "E_ELF_NAME_RANGE", "-", NULL, NULL,
     ".wasmtime.info's sh_name beyond the name table", .bytes = info_name_past_table},
    {"name-past-table-v48-lenient", A48, "lenient", "OK", "E_ELF_NAME_RANGE", NULL, "F_ELF_SECTIONS",
     ".wasmtime.info's sh_name beyond the table, lenient: v43+ loaders fail", .bytes = info_name_past_table},

    /* ------------------------------------------------------ section data */
    {"text-past-end", A36, "-", "E_ELF_SECTION_RANGE", "-", NULL, NULL, ".text's sh_offset beyond the end",
     .bytes = text_past_end},
    {"info-size-wraps", A36, "-", "E_ELF_SECTION_RANGE", "-", NULL, NULL,
     ".wasmtime.info's sh_size = 2^64 - 1", .bytes = info_size_wraps},
    {"engine-past-end-lenient", A36, "lenient", "E_ELF_SECTION_RANGE", "E_ELF_SECTION_RANGE", NULL, NULL,
     "engine section runs past the end, lenient: still fatal for it", .bytes = engine_past_end},
    {"bti-nobits-far", A36, "-", "OK", "-", NULL, "ok",
     "SHT_NOBITS .wasmtime.bti at offset 2^40 (no file bytes, nothing to check)", .bytes = bti_nobits_far},

    /* ---------------------------------------------------- engine section */
    {"engine-renamed", A36, "-", "E_ENGINE_MISSING", "-", NULL, NULL,
     "the engine section is named .wasmtime.enginx", .bytes = engine_rename},
    {"engine-duplicate", A36, "-", "E_ENGINE_DUPLICATE", "-", NULL, NULL,
     ".wasmtime.bti's sh_name points at \".wasmtime.engine\"", .bytes = bti_named_engine},
    {"engine-duplicate-v48-lenient", A48, "lenient", "OK", "W_ENGINE_DUPLICATE", NULL, "F_VERSION",
     "a second engine section saying 47, lenient: a v48 loader reads the last one",
     .sections = second_engine_v47},
    {"engine-size-0", A36, "-", "E_ENGINE_EMPTY", "-", NULL, NULL, "engine section sh_size = 0",
     .bytes = engine_size_0},
    {"engine-nobits", A36, "-", "E_ENGINE_EMPTY", "-", NULL, NULL, "engine section is SHT_NOBITS",
     .bytes = engine_nobits},
    {"engine-type-note", A36, "-", "OK", "W_ENGINE_TYPE", NULL, "ok",
     "engine section is SHT_NOTE (Wasmtime does not check the type)", .bytes = engine_note},
    {"engine-format-1", A36, "-", "E_ENGINE_FORMAT", "-", NULL, NULL, "engine section format byte 1",
     .engine = engine_format_1},
    {"engine-size-1", A36, "-", "E_ENGINE_NO_LENGTH", "-", NULL, NULL,
     "engine section of one byte: no version length", .bytes = engine_size_1},
    {"engine-version-only", A36, "-", "E_ENGINE_TOO_SMALL", "-", NULL, NULL,
     "engine section ends right after the version string", .bytes = engine_version_only},
    {"engine-overlaps-header", A36, "-", "E_ENGINE_OVERLAP", "-", NULL, NULL,
     "engine section at offset 0, over the ELF header", .bytes = engine_at_0},
    {"engine-overlaps-shdrs", A36, "-", "E_ENGINE_OVERLAP", "-", NULL, NULL,
     "engine section placed over the section header table", .bytes = engine_over_shdrs},
    {"be-engine-overlaps-header-lenient", S24, "lenient", "E_ENGINE_FORMAT", "E_ENGINE_OVERLAP", NULL, NULL,
     "big-endian, engine at offset 0, lenient: then its first byte is 0x7f", .bytes = engine_at_0},

    /* --------------------------------------------------- version string */
    {"version-invalid-utf8", A36, "-", "E_VERSION_UTF8", "-", NULL, NULL, "version string \"36.0.0\\xc0\"",
     .meta = version_bad_utf8},
    {"version-invalid-utf8-lenient", A36, "lenient", "OK", "E_VERSION_UTF8,W_LAYOUT_INFERRED", NULL,
     "F_VERSION",
     "version string e2 82 (cut UTF-8), lenient: layout inferred; Wasmtime fails the UTF-8 check",
     .meta = version_cut_utf8},
    {"version-99.0.0", A36, "-", "E_VERSION_UNKNOWN_RELEASE", "-", NULL, NULL,
     "version string of an unknown release", .meta = version_99},
    {"version-2.0.0", A36, "-", "E_VERSION_UNKNOWN_RELEASE", "-", NULL, NULL,
     "version string of a release before the engine section", .meta = version_2},
    {"version-50-lenient", A48, "lenient", "OK", "W_LAYOUT_INFERRED,W_LAYOUT_AMBIGUOUS", NULL, "F_VERSION",
     "version \"50\" over v48 metadata, lenient: layout inferred (v47 and v48 fit)", .meta = version_50},
    {"version-50-release-option-50", A48, "release=50", "E_RELEASE_UNKNOWN", "-", NULL, NULL,
     "version \"50\", and the caller forces release 50, which has no layout", .meta = version_50},
    {"version-bare-36", A36, "-", "OK", "W_VERSION_FORM", NULL, "F_VERSION",
     "version \"36\": v36 writes \"36.0.x\"", .meta = version_36},
    {"version-full-48", A48, "-", "OK", "W_VERSION_FORM", NULL, "F_VERSION",
     "version \"48.0.0\": v48 writes \"48\"", .meta = version_48_full},
    {"version-none-v24-forced", X24, "release=24", "OK", "-", "version=", "ok",
     "empty version string, the caller forces release 24's layout", .meta = version_empty},

    /* ----------------------------------------------------------- metadata */
    {"meta-truncated-features", A36, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "engine section cut inside the last varint (features)", .engine = cut_engine_1},
    {"meta-truncated-bincode", B4, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "bincode: cut inside the first Tunables u64", .engine = cut_engine_in_tunables},
    {"meta-cut-at-shared-flags", A36, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "metadata ends after the target, before the shared-flag count", .engine = cut_engine_at_shared},
    {"meta-cut-in-4th-shared-flag", A36, "-", "E_META_LENGTH", "-", NULL, NULL,
     "metadata ends inside the 4th of 31 shared flags: the count exceeds the bytes left",
     .engine = cut_engine_in_4th_flag},
    {"meta-cut-in-last-shared-flag", A36, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "metadata ends inside the last shared flag, before its Bool payload", .engine = cut_engine_in_last_flag},
    {"meta-cut-at-isa-flags", A36, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "metadata ends before the ISA-flag count", .engine = cut_engine_at_isa},
    {"meta-cut-at-tunables", A36, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "metadata ends before the Tunables", .engine = cut_engine_at_tunables},
    {"meta-cut-at-features", A36, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "metadata ends before the features", .engine = cut_engine_at_features},
    {"meta-cut-at-features-bincode", B4, "-", "E_META_TRUNCATED", "-", NULL, NULL,
     "bincode: metadata ends before the feature bools", .engine = cut_engine_at_features},
    {"meta-cut-after-target-length", A36, "-", "E_META_LENGTH", "-", NULL, NULL,
     "metadata is only the target's length byte", .engine = cut_engine_after_target_len},
    {"meta-varint-overflow", A36, "-", "E_META_VARINT", "-", NULL, NULL,
     "features u64 varint: 10th byte 0x02 overflows 64 bits", .engine = varint_overflow},
    {"meta-varint-overlong", A36, "-", "E_META_VARINT", "-", NULL, NULL, "features u64 varint of 11 bytes",
     .engine = varint_overlong},
    {"meta-varint-u32-overflow", A36, "-", "E_META_VARINT", "-", NULL, NULL,
     "inlining_small_callee_size u32 varint: 5th byte 0x1f overflows 32 bits", .engine = u32_overflow},
    {"meta-varint-noncanonical", A36, "-", "OK", "-", NULL, "ok",
     "inlining_small_callee_size 50 in five bytes (postcard accepts over-long varints)",
     .engine = u32_noncanonical},
    {"meta-bool-2-tunable", A36, "-", "E_META_BOOL", "-", NULL, NULL, "consume_fuel byte 2",
     .engine = fuel_2},
    {"meta-bool-2-feature-bincode", B4, "-", "E_META_BOOL", "-", NULL, NULL, "bincode: first feature bool 2",
     .engine = feature_bool_2},
    {"meta-bool-2-flag", A36, "-", "E_META_BOOL", "-", NULL, NULL, "first Bool shared flag with payload 2",
     .engine = flag_bool_2},
    {"be-meta-bool-2-tunable", S24, "-", "E_META_BOOL", "-", NULL, NULL,
     "big-endian file: consume_fuel byte 2", .engine = fuel_2},
    {"meta-option-tag-2", A36, "-", "E_META_OPTION", "-", NULL, NULL, "Option<Collector> tag 2",
     .engine = collector_tag_2},
    {"meta-enum-flag-variant-3", A36, "-", "E_META_ENUM", "-", NULL, NULL, "FlagValue variant 3",
     .engine = flag_variant_3},
    {"meta-enum-flag-variant-bincode", B4, "-", "E_META_ENUM", "-", NULL, NULL,
     "bincode: FlagValue variant u32 7", .engine = flag_variant_7_bincode},
    {"meta-enum-collector-copying-v36", A36, "-", "E_META_ENUM", "-", NULL, NULL,
     "Some(Copying) in v36, whose Collector has 2 variants", .engine = collector_copying},
    {"meta-enum-inlining-5", R45, "-", "E_META_ENUM", "-", NULL, NULL, "v45 Inlining variant 5 (of 5)",
     .engine = inlining_5},
    {"meta-enum-operator-cost-2", A43, "-", "E_META_ENUM", "-", NULL, NULL,
     "v43 OperatorCostStrategy variant 2", .engine = operator_cost_2},
    {"meta-utf8-target", A36, "-", "E_META_UTF8", "-", NULL, NULL, "target string starting with 0xff",
     .engine = target_ff},
    {"meta-utf8-flag-name", A36, "-", "E_META_UTF8", "-", NULL, NULL,
     "first shared flag name starting with 0xc0", .engine = flag_name_c0},
    {"meta-length-target", A36, "-", "E_META_LENGTH", "-", NULL, NULL, "target length 2^42",
     .engine = target_len_huge},
    {"meta-length-shared-count", A36, "-", "E_META_LENGTH", "-", NULL, NULL, "shared flag count 2^32 - 1",
     .engine = shared_count_huge},
    {"meta-length-bincode-target", B4, "-", "E_META_LENGTH", "-", NULL, NULL,
     "bincode: target length 2^63 + 24", .engine = target_len_huge_bincode},
    {"meta-nonzero-gc-zeal", R45, "-", "E_META_NONZERO", "-", NULL, NULL,
     "v45 gc_zeal_alloc_counter = Some(0) (NonZeroU32)", .engine = gc_zeal_some_0},
    {"meta-dev-build-36-over-35", A36, "-", "E_META_LAYOUT_MISMATCH", "-", NULL, NULL,
     "version \"36.0.0\" over v35's layout (a git build before the v36 release)", .meta = dev_build_over_35},
    {"meta-dev-build-36-over-35-lenient", P36, "lenient", "OK", "W_LAYOUT_DEV_BUILD", NULL, "F_METADATA",
     "the same for a Pulley component, lenient: a v36 loader cannot read it", .meta = dev_build_over_35},
    {"meta-no-layout-custom", R41C, "-", "E_META_NO_LAYOUT", "-", NULL, NULL,
     "Custom version string and consume_fuel byte 2: no layout fits", .engine = custom_with_bool_2},
    {"meta-trailing-bytes", A36, "-", "OK", "W_TRAILING_BYTES", NULL, "ok",
     "three bytes after the metadata (Wasmtime ignores them)", .engine = trailing_3},
    {"isa-flags-many-limit", A36, "max_flags=256", "E_LIMIT_FLAGS", "-", NULL, NULL,
     "316 ISA flags, the caller allows 256 per list", .meta = many_isa_flags},

    /* ------------------------------------------------------------ flags */
    {"map-duplicate-flag-v4", B4, "-", "OK", "-", NULL, "ok",
     "v4 map with preserve_frame_pointers false then true: the last value counts",
     .meta = duplicate_frame_pointers},
    {"seq-duplicate-flag-v16", X16, "-", "OK", "-", NULL, "F_SHARED_FLAG",
     "v16 sequence with preserve_frame_pointers false then true: each entry is checked",
     .meta = duplicate_frame_pointers},

    /* ----------------------------------------------------------- policy */
    {"policy-version-36.0.1", A36, "-", "OK", "-", NULL, "F_VERSION",
     "version \"36.0.1\" on a host writing \"36.0.0\"", .meta = version_36_0_1},
    {"policy-version-24.0.13-major", X24, "-", "OK", "-", "version-mode=major", "W_TOLERATED",
     "version \"24.0.13\" on a \"24.0.0\" host that accepts any 24.x", .meta = version_24_0_13},
    {"policy-kind-component", A36, "-", "OK", "-", NULL, "F_KIND",
     "a module's e_flags turned into a component's; the host loads modules", .bytes = flags_component},
    {"policy-target-unparsable", A36, "-", "OK", "-", NULL, "F_TARGET_PARSE",
     "target \"notanarch-unknown-linux-gnu\"", .meta = target_bogus_arch},
    {"policy-target-aarch64", A36, "-", "OK", "W_E_MACHINE", NULL, "F_ARCH",
     "x86_64 ELF whose target says aarch64, on an x86_64 host", .meta = target_aarch64},
    {"policy-target-windows", A36, "-", "OK", "-", NULL, "F_OS",
     "target \"x86_64-pc-windows-msvc\" on a Linux host", .meta = target_windows},
    {"policy-shared-frame-pointers-off", A36, "-", "OK", "-", NULL, "F_SHARED_FLAG",
     "preserve_frame_pointers = false", .meta = frame_pointers_off},
    {"policy-shared-enable-safepoints-v48", A48, "-", "OK", "-", NULL, "F_SHARED_FLAG_UNKNOWN",
     "v48 with enable_safepoints (unknown from v38.0.1)", .meta = add_enable_safepoints},
    {"policy-isa-avx2-missing", A36, "-", "OK", "-", HOST_CPU_NO_AVX2, "F_ISA_FLAG",
     "has_avx2 = true on a host CPU without AVX2", .meta = avx2_on},
    {"policy-isa-unknown-name", A36, "-", "OK", "-", NULL, "F_ISA_FLAG_UNKNOWN",
     "has_bogus = true: no probe knows it", .meta = add_has_bogus},
    {"policy-isa-unchecked", A38, "-", "OK", "-", HOST_CPU_UNKNOWN, "W_UNCHECKED",
     "has_lse = true on an aarch64 host whose CPU is not known", .meta = lse_on},
    {"policy-isa-pointer64-on-pulley32", P42, "-", "OK", "-", NULL, "F_ISA_FLAG",
     "pulley32 component whose pointer_width says pointer64", .meta = pointer64},
    {"policy-tunable-fuel", A36, "-", "OK", "-", NULL, "F_TUNABLE", "consume_fuel = true", .meta = fuel_on},
    {"policy-feature-threads-off", A36, "-", "OK", "-", NULL, "F_FEATURE",
     "v36 (exact feature check) without threads, which the host has", .meta = threads_off},
    {"policy-feature-stack-switching-v48", A48, "-", "OK", "-", NULL, "F_FEATURE",
     "v48 (subset check) needing stack_switching, which the host lacks", .meta = stack_switching_on},
    {"policy-be-x86_64-target-v24", S24, "-", "OK", "W_E_MACHINE", "target=x86_64-unknown-linux-gnu",
     "F_ELF_HEADER,F_SHARED_FLAG",
     "big-endian s390x file claiming x86_64: a v24 x86_64 host reads only little-endian ELF, wants "
     "probestack",
     .meta = target_x86_64},
};

size_t gen_mutation_count(void) { return sizeof MUTATIONS / sizeof MUTATIONS[0]; }

const gen_mutation *gen_mutation_at(size_t i) { return i < gen_mutation_count() ? &MUTATIONS[i] : NULL; }

int gen_build_mutation(const gen_mutation *m, gen_art *a) {
  const gen_valid *v;
  if (!m->base) {
    memset(a, 0, sizeof *a);
    if (m->bytes) m->bytes(a);
    return a->file ? 0 : -1;
  }
  v = gen_valid_find(m->base);
  if (!v) {
    memset(a, 0, sizeof *a);
    snprintf(a->error, sizeof a->error, "unknown base %s", m->base);
    return -1;
  }
  if (gen_art_init(a, &v->p) != 0) return -1;
  if (m->meta) m->meta(a);
  if (gen_art_encode(a) != 0) return -1;
  if (m->engine) m->engine(a);
  if (gen_art_sections(a) != 0) return -1;
  if (m->sections) m->sections(a);
  if (gen_art_write(a) != 0) return -1;
  if (m->bytes) m->bytes(a);
  return 0;
}
