/*
 * ELF level: identification, file header, program-header bounds, section
 * header table (with extended numbering), section-name table, every name and
 * every data range. Spec: artifact-format.md §2 and §10 step 1.
 *
 * The input is hostile. Every read goes through span.h; every range test is
 * of the form `at <= n && len <= n - at`. Counts are bounded by the input
 * before any loop runs over them, so the work is O(shnum + |.shstrtab|).
 */
#include <string.h>

#include "internal.h"

#define ELF_IDENT_SIZE 16u
#define ELFCLASS32 1u
#define ELFCLASS64 2u
#define ELFDATA2LSB 1u
#define ELFDATA2MSB 2u
#define EV_CURRENT 1u
#define ET_REL 1u

#define EI_CLASS 4u
#define EI_DATA 5u
#define EI_VERSION 6u
#define EI_OSABI 7u
#define EI_ABIVERSION 8u

#define SHT_NULL 0u
#define SHT_STRTAB 3u
#define SHT_NOBITS 8u
#define PN_XNUM 0xffffu

#define SHN_LORESERVE 0xff00u
#define SHN_XINDEX 0xffffu

#define ELF_MAGIC_BE 0x7f454c46u

/* e_flags bits Wasmtime defines (§2.2); anything above is not a Wasmtime kind. */
#define EF_WASMTIME_KNOWN 0xfu

/*
 * The parse and the name search are written once and instantiated for ELF64
 * in each byte order (and once for ELF32), so that every field offset, width
 * and byte swap is a constant: a header field is then one load. Error paths
 * stay out of line.
 */
#if defined(__GNUC__)
#define ELF_INLINE static inline __attribute__((always_inline))
#define ELF_OUTLINE static __attribute__((noinline))
#define ELF_COLD static __attribute__((noinline, cold))
#else
#define ELF_INLINE static inline
#define ELF_OUTLINE static
#define ELF_COLD static
#endif

/*
 * Where the class-dependent fields sit. Fields at the same offset in both
 * classes (e_type, e_machine, e_version, sh_name, sh_type) are not listed.
 */
typedef struct elf_layout {
  uint8_t cls;       /* 32 or 64 */
  uint8_t word;      /* width of Elf_Addr / Elf_Off / sh_flags / sh_size: 4 or 8 */
  uint8_t ehsize;
  uint8_t phentsize;
  uint8_t shentsize;
  /* file header */
  uint8_t e_phoff, e_shoff, e_flags, e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum,
      e_shstrndx;
  /* section header */
  uint8_t sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, sh_addralign, sh_entsize;
} elf_layout;

static const elf_layout layout32 = {
    .cls = 32, .word = 4, .ehsize = 52, .phentsize = 32, .shentsize = 40,
    .e_phoff = 28, .e_shoff = 32, .e_flags = 36, .e_ehsize = 40, .e_phentsize = 42,
    .e_phnum = 44, .e_shentsize = 46, .e_shnum = 48, .e_shstrndx = 50,
    .sh_flags = 8, .sh_addr = 12, .sh_offset = 16, .sh_size = 20, .sh_link = 24,
    .sh_info = 28, .sh_addralign = 32, .sh_entsize = 36};
static const elf_layout layout64 = {
    .cls = 64, .word = 8, .ehsize = 64, .phentsize = 56, .shentsize = 64,
    .e_phoff = 32, .e_shoff = 40, .e_flags = 48, .e_ehsize = 52, .e_phentsize = 54,
    .e_phnum = 56, .e_shentsize = 58, .e_shnum = 60, .e_shstrndx = 62,
    .sh_flags = 8, .sh_addr = 16, .sh_offset = 24, .sh_size = 32, .sh_link = 40,
    .sh_info = 44, .sh_addralign = 48, .sh_entsize = 56};

#define E_TYPE_AT 16u
#define E_MACHINE_AT 18u
#define E_VERSION_AT 20u
#define SH_NAME_AT 0u
#define SH_TYPE_AT 4u

typedef struct shdr {
  uint32_t name;
  uint32_t type;
  uint64_t flags;
  uint64_t addr;
  uint64_t offset;
  uint64_t size;
  uint32_t link;
  uint32_t info;
  uint64_t addralign;
  uint64_t entsize;
} shdr;

static const elf_layout *layout_of(uint8_t cls) {
  if (cls == 32) return &layout32;
  if (cls == 64) return &layout64;
  return NULL;
}

/* Every field of a section header, from a local copy of its l->shentsize bytes. */
ELF_INLINE void decode_shdr(const uint8_t *r, const elf_layout *l, bool big, shdr *h) {
  h->name = (uint32_t)span_load_(r + SH_NAME_AT, 4, big);
  h->type = (uint32_t)span_load_(r + SH_TYPE_AT, 4, big);
  h->flags = span_load_(r + l->sh_flags, l->word, big);
  h->addr = span_load_(r + l->sh_addr, l->word, big);
  h->offset = span_load_(r + l->sh_offset, l->word, big);
  h->size = span_load_(r + l->sh_size, l->word, big);
  h->link = (uint32_t)span_load_(r + l->sh_link, 4, big);
  h->info = (uint32_t)span_load_(r + l->sh_info, 4, big);
  h->addralign = span_load_(r + l->sh_addralign, l->word, big);
  h->entsize = span_load_(r + l->sh_entsize, l->word, big);
}

/*
 * Header `at` of the table, or false when it does not lie wholly inside `in`.
 * One bounds check for the whole entry (span_copy_at), then plain loads from
 * the local copy.
 */
ELF_INLINE bool read_shdr(span in, const elf_layout *l, bool big, uint64_t at, shdr *h) {
  uint8_t r[64];
  bool ok = l->word == 8 ? span_copy_at(in, at, r, 64) : span_copy_at(in, at, r, 40);
  if (!ok) {
    memset(h, 0, sizeof *h); /* defined on every path: callers may ignore a failure they ruled out */
    return false;
  }
  decode_shdr(r, l, big, h);
  return true;
}

/*
 * SHT_NOBITS occupies no file bytes. A null section 0 has no data either: its
 * sh_size may be the extended section count. Any other SHT_NULL header is
 * read like a normal one, because Wasmtime's reader (object) reads its bytes.
 */
ELF_INLINE bool has_file_data(uint64_t index, uint32_t type) {
  return type != SHT_NOBITS && !(index == 0 && type == SHT_NULL);
}

/* Section indices beyond 32 bits cannot be named in a cwasm_diag. */
static uint32_t sec_id(uint64_t i) { return i < CWASM_NO_SECTION ? (uint32_t)i : CWASM_NO_SECTION; }

static uint64_t max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }

/*
 * The header of section `index` starts here. Callers have proven
 * index < (n - shoff) / shentsize, so this neither overflows nor leaves the input.
 */
static uint64_t shdr_at(const cwasm_elf *elf, uint64_t index) {
  return elf->shoff + index * elf->shentsize;
}

/*
 * A [offset, offset + size) range must lie inside the input. Names the field
 * that is wrong: sh_offset when it alone is past the end, else sh_size.
 */
static cwasm_status range_failure(const cwasm_options *opt, cwasm_warnings *w, cwasm_diag *diag,
                                  cwasm_status code, bool strict_only, uint64_t len,
                                  const elf_layout *l, uint64_t hdr_at, uint64_t index,
                                  uint64_t offset, uint64_t size) {
  uint64_t at;
  const char *field;
  uint64_t actual, limit;
  if (offset > len) {
    at = hdr_at + l->sh_offset;
    field = "sh_offset";
    actual = offset;
    limit = len;
  } else {
    at = hdr_at + l->sh_size;
    field = "sh_size";
    actual = size;
    limit = len - offset;
  }
  if (strict_only)
    return strict_rule(opt, w, diag, code, at, sec_id(index), field, actual, CWASM_DIAG_LIMIT,
                       limit);
  return diag_set_v(diag, code, at, sec_id(index), field, actual, CWASM_DIAG_LIMIT, limit);
}

/* ------------------------------------------------------------- header */

static cwasm_status parse_ident(span in, cwasm_elf *elf, cwasm_diag *diag) {
  uint32_t magic = 0;
  uint8_t cls = 0, data = 0, ver = 0;
  if (in.n < ELF_IDENT_SIZE)
    return diag_set_v(diag, CWASM_E_ELF_TRUNCATED, in.n, CWASM_NO_SECTION, "e_ident", in.n,
                      CWASM_DIAG_EXPECTED, ELF_IDENT_SIZE);
  /* Cannot fail: 16 bytes are present. */
  (void)span_u32_at(in, 0, true, &magic);
  (void)span_u8_at(in, EI_CLASS, &cls);
  (void)span_u8_at(in, EI_DATA, &data);
  (void)span_u8_at(in, EI_VERSION, &ver);
  (void)span_u8_at(in, EI_OSABI, &elf->osabi);
  (void)span_u8_at(in, EI_ABIVERSION, &elf->abiversion);
  if (magic != ELF_MAGIC_BE)
    return diag_set_v(diag, CWASM_E_ELF_MAGIC, 0, CWASM_NO_SECTION, "e_ident[EI_MAG]", magic,
                      CWASM_DIAG_EXPECTED, ELF_MAGIC_BE);
  if (cls != ELFCLASS32 && cls != ELFCLASS64)
    return diag_set_v(diag, CWASM_E_ELF_CLASS, EI_CLASS, CWASM_NO_SECTION, "e_ident[EI_CLASS]",
                      cls, CWASM_DIAG_EXPECTED, ELFCLASS64);
  elf->elf_class = cls == ELFCLASS32 ? 32 : 64;
  /* Both byte orders are valid, so there is no single expected value. */
  if (data != ELFDATA2LSB && data != ELFDATA2MSB)
    return diag_set_v(diag, CWASM_E_ELF_DATA, EI_DATA, CWASM_NO_SECTION, "e_ident[EI_DATA]", data,
                      0, 0);
  elf->endian = data == ELFDATA2LSB ? CWASM_LITTLE : CWASM_BIG;
  if (ver != EV_CURRENT)
    return diag_set_v(diag, CWASM_E_ELF_IDENT_VERSION, EI_VERSION, CWASM_NO_SECTION,
                      "e_ident[EI_VERSION]", ver, CWASM_DIAG_EXPECTED, EV_CURRENT);
  return CWASM_OK;
}

/* An Elf_Addr/Elf_Off-sized field at a constant offset of the header. */
ELF_INLINE uint64_t header_word(span in, unsigned at, unsigned word, bool big) {
  uint64_t v = 0;
  uint32_t t = 0;
  if (word == 8) {
    (void)span_u64_at(in, at, big, &v);
    return v;
  }
  (void)span_u32_at(in, at, big, &t);
  return t;
}

/*
 * The file header, read in place: once in.n >= ehsize is known, every read
 * below is at a constant offset inside it, so its bounds check folds away.
 */
ELF_INLINE cwasm_status parse_header(span in, const elf_layout *l, bool big, cwasm_elf *elf,
                                     cwasm_diag *diag) {
  uint32_t flags = 0;
  if (in.n < l->ehsize)
    return diag_set_v(diag, CWASM_E_ELF_TRUNCATED, in.n, CWASM_NO_SECTION,
                      l->cls == 64 ? "Elf64_Ehdr" : "Elf32_Ehdr", in.n, CWASM_DIAG_EXPECTED,
                      l->ehsize);
  /* Cannot fail: the whole header is present. */
  (void)span_u16_at(in, E_TYPE_AT, big, &elf->type);
  (void)span_u16_at(in, E_MACHINE_AT, big, &elf->machine);
  (void)span_u32_at(in, E_VERSION_AT, big, &elf->version);
  elf->phoff = header_word(in, l->e_phoff, l->word, big);
  elf->shoff = header_word(in, l->e_shoff, l->word, big);
  (void)span_u32_at(in, l->e_flags, big, &flags);
  (void)span_u16_at(in, l->e_ehsize, big, &elf->ehsize);
  (void)span_u16_at(in, l->e_phentsize, big, &elf->phentsize);
  (void)span_u16_at(in, l->e_phnum, big, &elf->phnum);
  (void)span_u16_at(in, l->e_shentsize, big, &elf->shentsize);
  (void)span_u16_at(in, l->e_shnum, big, &elf->shnum_field);
  (void)span_u16_at(in, l->e_shstrndx, big, &elf->shstrndx_field);
  elf->flags = flags;
  if (flags & CWASM_EF_MODULE)
    elf->kind = CWASM_KIND_MODULE;
  else if (flags & CWASM_EF_COMPONENT)
    elf->kind = CWASM_KIND_COMPONENT;
  else
    elf->kind = CWASM_KIND_NONE;
  /* Both Pulley bits at once is rejected by elf_check_wasmtime; say 32 here. */
  elf->pulley = (flags & CWASM_EF_PULLEY32) ? 32 : (flags & CWASM_EF_PULLEY64) ? 64 : 0;
  elf->image_end = l->ehsize;
  return CWASM_OK;
}

/*
 * Wasmtime writes no program headers, but its pre-v43 reader (object::File)
 * parses them when present, and fails on a wrong entry size or a table past
 * the end (§2.4 mode A). e_phnum = PN_XNUM (0xffff) puts the real count in
 * section 0's sh_info (gABI; object reads it there too). Called when e_phoff
 * and e_phnum are both nonzero.
 */
static cwasm_status check_phdrs(span in, const elf_layout *l, cwasm_elf *elf, cwasm_diag *diag) {
  uint64_t table, count = elf->phnum;
  uint32_t info = 0;
  if (count == PN_XNUM && elf->shoff && span_u32_at(in, elf->shoff + l->sh_info, elf->endian == CWASM_BIG, &info))
    count = info;
  if (elf->phentsize != l->phentsize)
    return diag_set_v(diag, CWASM_E_ELF_PHDR, l->e_phentsize, CWASM_NO_SECTION, "e_phentsize",
                      elf->phentsize, CWASM_DIAG_EXPECTED, l->phentsize);
  table = count * l->phentsize; /* <= 0xffffffff * 56: no overflow */
  if (table > in.n)
    return diag_set_v(diag, CWASM_E_ELF_PHDR, l->e_phnum, CWASM_NO_SECTION, "e_phnum", count,
                      CWASM_DIAG_LIMIT, in.n / l->phentsize);
  if (!span_range_ok(in, elf->phoff, table))
    return diag_set_v(diag, CWASM_E_ELF_PHDR, l->e_phoff, CWASM_NO_SECTION, "e_phoff", elf->phoff,
                      CWASM_DIAG_LIMIT, in.n - table);
  elf->image_end = max_u64(elf->image_end, elf->phoff + table);
  return CWASM_OK;
}

/* ----------------------------------------------------------- sections */

/* parse_table's failures, out of the straight path. */
ELF_COLD cwasm_status table_failure(span in, const elf_layout *l, const cwasm_options *opt,
                                    const cwasm_elf *elf, uint64_t count, uint64_t count_at,
                                    const char *count_field, uint32_t count_sec,
                                    cwasm_diag *diag) {
  uint64_t fit;
  if (elf->shoff == 0)
    return diag_set_v(diag, CWASM_E_ELF_NO_SECTIONS, l->e_shoff, CWASM_NO_SECTION, "e_shoff", 0,
                      0, 0);
  if (elf->shentsize != l->shentsize)
    return diag_set_v(diag, CWASM_E_ELF_SHENTSIZE, l->e_shentsize, CWASM_NO_SECTION, "e_shentsize",
                      elf->shentsize, CWASM_DIAG_EXPECTED, l->shentsize);
  if (!span_range_ok(in, elf->shoff, l->shentsize))
    return diag_set_v(diag, CWASM_E_ELF_SHOFF_RANGE, l->e_shoff, CWASM_NO_SECTION, "e_shoff",
                      elf->shoff, CWASM_DIAG_LIMIT, in.n - l->shentsize);
  /* e_shoff != 0 promises a table; an empty one is no table at all. */
  if (count == 0)
    return diag_set_v(diag, CWASM_E_ELF_NO_SECTIONS, count_at, count_sec, count_field, 0, 0, 0);
  if (count > opt_max_sections(opt))
    return diag_set_v(diag, CWASM_E_LIMIT_SECTIONS, count_at, count_sec, count_field, count,
                      CWASM_DIAG_LIMIT, opt_max_sections(opt));
  /* shoff + shentsize <= n was proven above; dividing avoids count * shentsize overflow. */
  fit = (in.n - elf->shoff) / l->shentsize;
  return diag_set_v(diag, CWASM_E_ELF_SHOFF_RANGE, count_at, count_sec, count_field, count,
                    CWASM_DIAG_LIMIT, fit);
}

/*
 * Section count (e_shnum, or section 0's sh_size when e_shnum is 0) and the
 * bounds of the whole table. Section 0 must be readable first because
 * extended numbering keeps the count there. The checks, in the order
 * table_failure reports them: e_shoff set, e_shentsize, section 0 inside the
 * input, a count, within the limit, a table inside the input. *table is
 * then the whole table.
 */
ELF_INLINE cwasm_status parse_table(span in, const elf_layout *l, bool big,
                                    const cwasm_options *opt, cwasm_elf *elf, shdr *s0,
                                    span *table, cwasm_diag *diag) {
  uint64_t count = elf->shnum_field, count_at = l->e_shnum;
  const char *count_field = "e_shnum";
  uint32_t count_sec = CWASM_NO_SECTION;
  bool ok = elf->shoff != 0 && elf->shentsize == l->shentsize &&
            read_shdr(in, l, big, elf->shoff, s0);
  if (ok && count == 0) {
    count = s0->size;
    count_at = elf->shoff + l->sh_size;
    count_field = "sh_size";
    count_sec = 0;
  }
  /* count * shentsize is the table's size once it cannot overflow */
  if (!ok || count == 0 || count > opt_max_sections(opt) || count > UINT64_MAX / l->shentsize ||
      !span_sub(in, elf->shoff, count * l->shentsize, table))
    return table_failure(in, l, opt, elf, count, count_at, count_field, count_sec, diag);
  elf->shnum = count;
  elf->image_end = max_u64(elf->image_end, elf->shoff + count * l->shentsize);
  return CWASM_OK;
}

/*
 * Section 0 holds the extended count and name-table index only when the
 * header fields say so; a value there otherwise means two readers could
 * disagree on the table (§2.4: object reads e_shnum / e_shstrndx first).
 */
ELF_INLINE cwasm_status check_section0(const elf_layout *l, const cwasm_options *opt,
                                       const cwasm_elf *elf, const shdr *s0, cwasm_warnings *w,
                                       cwasm_diag *diag) {
  if (elf->shnum_field != 0 && s0->size != 0)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_EXT_NUMBERING, elf->shoff + l->sh_size, 0,
                          "sh_size", s0->size, CWASM_DIAG_EXPECTED, 0));
  if (elf->shstrndx_field != SHN_XINDEX && s0->link != 0)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_EXT_NUMBERING, elf->shoff + l->sh_link, 0,
                          "sh_link", s0->link, CWASM_DIAG_EXPECTED, 0));
  /* Wasmtime looks names up from index 0, so a live section 0 could be "found". */
  if (s0->type != SHT_NULL)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_SECTION0, elf->shoff + SH_TYPE_AT, 0,
                          "sh_type", s0->type, CWASM_DIAG_EXPECTED, SHT_NULL));
  return CWASM_OK;
}

ELF_INLINE cwasm_status resolve_shstrndx(const elf_layout *l, const cwasm_options *opt,
                                         cwasm_elf *elf, const shdr *s0, cwasm_warnings *w,
                                         cwasm_diag *diag) {
  uint64_t at;
  const char *field;
  uint32_t sec;
  uint32_t idx;
  if (elf->shstrndx_field == SHN_XINDEX) {
    idx = s0->link;
    at = elf->shoff + l->sh_link;
    field = "sh_link";
    sec = 0;
  } else {
    idx = elf->shstrndx_field;
    at = l->e_shstrndx;
    field = "e_shstrndx";
    sec = CWASM_NO_SECTION;
    /* object 0.40 (Wasmtime main) rejects these; older readers took them literally. */
    if (idx >= SHN_LORESERVE)
      CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_SHSTRNDX_RESERVED, at, sec, field, idx,
                            CWASM_DIAG_LIMIT, SHN_LORESERVE - 1));
  }
  if (idx == 0)
    return diag_set_v(diag, CWASM_E_ELF_SHSTRNDX_MISSING, at, sec, field, 0, 0, 0);
  if (idx >= elf->shnum)
    return diag_set_v(diag, CWASM_E_ELF_SHSTRNDX_RANGE, at, sec, field, idx, CWASM_DIAG_LIMIT,
                      elf->shnum - 1);
  elf->shstrndx = idx;
  return CWASM_OK;
}

/*
 * One past the position of the last NUL in the name table (0 if none). A name
 * at offset x is terminated iff x < this, so each name is checked in O(1)
 * instead of scanning to its NUL, which a hostile table could make quadratic.
 */
static uint64_t names_terminated_below(span names) {
  uint64_t i = names.n;
  while (i > 0) {
    uint8_t c = 1;
    (void)span_u8_at(names, i - 1, &c);
    if (c == 0) return i;
    i--;
  }
  return 0;
}

/* The name table, and in *nul_below the bound names_terminated_below gives
 * (names->n itself when the table ends in a NUL). */
ELF_INLINE cwasm_status parse_shstrtab(span in, const elf_layout *l, bool big,
                                       const cwasm_options *opt, cwasm_elf *elf,
                                       cwasm_warnings *w, cwasm_diag *diag, span *names,
                                       uint64_t *nul_below) {
  uint64_t at = shdr_at(elf, elf->shstrndx);
  uint32_t sec = elf->shstrndx;
  uint8_t last = 0;
  shdr h;
  /* Cannot fail: shstrndx < shnum, and parse_table proved all shnum headers lie in the input. */
  (void)read_shdr(in, l, big, at, &h);
  if (h.type != SHT_STRTAB)
    return diag_set_v(diag, CWASM_E_ELF_SHSTRTAB_TYPE, at + SH_TYPE_AT, sec, "sh_type", h.type,
                      CWASM_DIAG_EXPECTED, SHT_STRTAB);
  if (!span_sub(in, h.offset, h.size, names))
    return range_failure(opt, w, diag, CWASM_E_ELF_SHSTRTAB_RANGE, false, in.n, l, at, sec,
                         h.offset, h.size);
  elf->shstrtab_offset = h.offset;
  elf->shstrtab_size = h.size;
  /* Without a final NUL the last name's end depends on what follows the table. */
  if (names->n == 0) {
    *nul_below = 0;
    return strict_rule(opt, w, diag, CWASM_E_ELF_SHSTRTAB_UNTERMINATED, at + l->sh_size, sec,
                       "sh_size", 0, 0, 0);
  }
  (void)span_u8_at(*names, names->n - 1, &last);
  if (last != 0) {
    *nul_below = names_terminated_below(*names);
    return strict_rule(opt, w, diag, CWASM_E_ELF_SHSTRTAB_UNTERMINATED,
                       h.offset + h.size - 1, sec, "shstrtab[sh_size - 1]", last,
                       CWASM_DIAG_EXPECTED, 0);
  }
  *nul_below = names->n;
  return CWASM_OK;
}

/* What the table walk's slow path needs, kept out of the loop's registers. */
typedef struct walk_ctx {
  const cwasm_options *opt;
  cwasm_warnings *w;
  cwasm_diag *diag;
  cwasm_elf *elf;
  const elf_layout *l;
  span names;
  uint64_t nul_below;
  uint64_t len;      /* of the input */
  uint64_t table_at; /* e_shoff */
  uint64_t end;      /* image_end so far */
} walk_ctx;

/*
 * The checks of one header that failed at least one of them, in the order
 * they are reported: the name (out of the name table, or, in lenient mode
 * only, since strict mode rejected a table without a final NUL, not
 * terminated in it), then the data range. Lenient mode turns each failure
 * into a warning and goes on, so a header can fail both.
 */
ELF_COLD cwasm_status walk_failure(walk_ctx *c, uint64_t at, uint32_t name, uint32_t type,
                                   uint64_t offset, uint64_t size) {
  uint64_t index = at / c->l->shentsize, hdr_at = c->table_at + at;
  c->elf->image_end = c->end; /* as it was after the previous header */
  if (name >= c->names.n)
    CWASM_TRY(strict_rule(c->opt, c->w, c->diag, CWASM_E_ELF_NAME_RANGE, hdr_at + SH_NAME_AT,
                          sec_id(index), "sh_name", name, c->names.n ? CWASM_DIAG_LIMIT : 0,
                          c->names.n ? c->names.n - 1 : 0));
  else if (name >= c->nul_below)
    CWASM_TRY(strict_rule(c->opt, c->w, c->diag, CWASM_E_ELF_NAME_UNTERMINATED,
                          hdr_at + SH_NAME_AT, sec_id(index), "sh_name", name, CWASM_DIAG_LIMIT,
                          c->nul_below ? c->nul_below - 1 : 0));
  if (!has_file_data(index, type)) return CWASM_OK;
  if (offset <= c->len && size <= c->len - offset) {
    c->end = max_u64(c->end, offset + size);
    return CWASM_OK;
  }
  return range_failure(c->opt, c->w, c->diag, CWASM_E_ELF_SECTION_RANGE, true, c->len, c->l,
                       hdr_at, index, offset, size);
}

/*
 * Every header of the table: its name inside the name table and terminated,
 * its data inside the input. Four fields of each header are read, from one
 * checked copy; the copy failing is the end of the table (parse_table made
 * `table` exactly shnum headers long). A good header costs three tests (two
 * without data); any failure goes to walk_failure, which also writes
 * image_end back before it can fail, so that a failing section leaves it as
 * it was after the previous one.
 */
ELF_INLINE cwasm_status walk_sections(span in, span table, const elf_layout *l, bool big,
                                      const cwasm_options *opt, cwasm_elf *elf, span names,
                                      uint64_t nul_below, cwasm_warnings *w, cwasm_diag *diag) {
  uint8_t r[64];
  uint64_t end = elf->image_end;
  walk_ctx c;
  c.opt = opt;
  c.w = w;
  c.diag = diag;
  c.elf = elf;
  c.l = l;
  c.names = names;
  c.nul_below = nul_below;
  c.len = in.n;
  c.table_at = table.off;
  for (uint64_t at = 0; span_copy_at(table, at, r, l->shentsize); at += l->shentsize) {
    uint32_t name = (uint32_t)span_load_(r + SH_NAME_AT, 4, big);
    uint32_t type = (uint32_t)span_load_(r + SH_TYPE_AT, 4, big);
    uint64_t offset = span_load_(r + l->sh_offset, l->word, big);
    uint64_t size = span_load_(r + l->sh_size, l->word, big);
    /* nul_below <= names.n: one test passes every good name */
    if (name < nul_below) {
      if (!has_file_data(at, type)) continue; /* at == 0: section 0 */
      if (span_range_ok(in, offset, size)) {
        end = max_u64(end, offset + size);
        continue;
      }
    }
    c.end = end;
    CWASM_TRY(walk_failure(&c, at, name, type, offset, size));
    end = c.end;
  }
  elf->image_end = end;
  return CWASM_OK;
}

/* Everything after e_ident, for one class and byte order. */
ELF_INLINE cwasm_status parse_body(span in, const elf_layout *l, bool big,
                                   const cwasm_options *opt, cwasm_elf *elf, cwasm_warnings *w,
                                   cwasm_diag *diag) {
  shdr s0;
  span table = span_make(NULL, 0, 0), names = span_make(NULL, 0, 0);
  uint64_t nul_below = 0;
  CWASM_TRY(parse_header(in, l, big, elf, diag));
  if (elf->phoff != 0 && elf->phnum != 0) CWASM_TRY(check_phdrs(in, l, elf, diag));
  CWASM_TRY(parse_table(in, l, big, opt, elf, &s0, &table, diag));
  CWASM_TRY(check_section0(l, opt, elf, &s0, w, diag));
  CWASM_TRY(resolve_shstrndx(l, opt, elf, &s0, w, diag));
  CWASM_TRY(parse_shstrtab(in, l, big, opt, elf, w, diag, &names, &nul_below));
  return walk_sections(in, table, l, big, opt, elf, names, nul_below, w, diag);
}

cwasm_status cwasm_elf_parse(const uint8_t *buf, size_t len, const cwasm_options *opt,
                             cwasm_elf *elf, cwasm_warnings *warnings, cwasm_diag *diag) {
  span in;
  diag_clear(diag);
  if (!elf)
    return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "elf");
  zero_out(elf, sizeof *elf);
  if (!buf && len)
    return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "buf");
  in = span_make(buf, len, 0);
  elf->base = in.p;
  elf->size = in.n;
  CWASM_TRY(parse_ident(in, elf, diag));
  /* Wasmtime writes ELF64 in both byte orders; ELF32 (no Wasmtime target) is
   * read by one copy that tests the byte order at each load. */
  if (elf->elf_class == 64)
    return elf->endian == CWASM_BIG ? parse_body(in, &layout64, true, opt, elf, warnings, diag)
                                    : parse_body(in, &layout64, false, opt, elf, warnings, diag);
  return parse_body(in, &layout32, elf->endian == CWASM_BIG, opt, elf, warnings, diag);
}

/*
 * Header `index` of a parsed ELF, re-read from the bytes. The struct is the
 * caller's, so nothing in it is trusted beyond what the bytes confirm.
 */
/* A section's numeric header fields into *out (name and data are the caller's). */
static void section_from_shdr(cwasm_section *out, uint64_t index, const shdr *h) {
  out->index = sec_id(index);
  out->type = h->type;
  out->flags = h->flags;
  out->addr = h->addr;
  out->offset = h->offset;
  out->size = h->size;
  out->link = h->link;
  out->info = h->info;
  out->addralign = h->addralign;
  out->entsize = h->entsize;
}

static cwasm_status locate_shdr(const cwasm_elf *elf, uint64_t index, const elf_layout **lp,
                                span *in, uint64_t *at, shdr *h, cwasm_diag *diag) {
  const elf_layout *l;
  /* outputs defined on every path (gcc -O3 cannot see that callers stop on failure) */
  *in = span_make(NULL, 0, 0);
  *at = 0;
  memset(h, 0, sizeof *h);
  if (index >= elf->shnum)
    return diag_set_v(diag, CWASM_E_ARGUMENT, 0, sec_id(index), "index", index, CWASM_DIAG_LIMIT,
                      elf->shnum ? elf->shnum - 1 : 0);
  l = layout_of(elf->elf_class);
  if (!l || elf->shentsize != l->shentsize)
    return diag_set_v(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "elf", elf->shentsize, 0, 0);
  *in = span_make(elf->base, elf->size, 0);
  if (elf->shoff > in->n || index >= (in->n - elf->shoff) / l->shentsize)
    return diag_set_v(diag, CWASM_E_ELF_SHOFF_RANGE, l->e_shoff, sec_id(index), "e_shoff",
                      elf->shoff, CWASM_DIAG_LIMIT, in->n);
  *at = shdr_at(elf, index);
  /* Cannot fail: index < (n - shoff) / shentsize puts the whole header inside. */
  (void)read_shdr(*in, l, elf->endian == CWASM_BIG, *at, h);
  *lp = l;
  return CWASM_OK;
}

size_t elf_section_briefs(const cwasm_elf *elf, uint64_t first, elf_shdr_brief *out, size_t n) {
  const elf_layout *l = layout_of(elf->elf_class);
  const bool big = elf->endian == CWASM_BIG;
  span table, r;
  if (!l || elf->shentsize != l->shentsize || first >= elf->shnum || n > elf->shnum - first ||
      !span_tail(span_make(elf->base, elf->size, 0), elf->shoff, &table) ||
      first + n > (l->cls == 64 ? table.n / 64u : table.n / 40u))
    return 0;
  /* inside: every header first .. first + n - 1 lies wholly in the table */
  (void)span_sub(table, first * l->shentsize, n * l->shentsize, &r);
  for (size_t i = 0; i < n; i++) {
    const uint8_t *h = r.p + i * l->shentsize;
    out[i].type = (uint32_t)span_load_(h + SH_TYPE_AT, 4, big);
    out[i].offset = span_load_(h + l->sh_offset, l->word, big);
    out[i].link = (uint32_t)span_load_(h + l->sh_link, 4, big);
    out[i].info = (uint32_t)span_load_(h + l->sh_info, 4, big);
  }
  return n;
}

/* elf_scan_object_tables for one class and byte order: per header one 4-byte
 * read of sh_type, the other fields only for the types the rules name. */
ELF_INLINE void scan_tables(span table, const elf_layout *l, bool big, uint64_t shnum, elf_object_scan *o) {
  uint32_t type = 0;
  uint64_t i = 0;
  for (uint64_t at = 0; span_u32_at(table, at + SH_TYPE_AT, big, &type); at += l->shentsize, i++) {
    const uint8_t *h;
    elf_shdr_brief *b;
    /* SHT_SYMTAB 2, SHT_RELA 4, SHT_REL 9, SHT_DYNSYM 11, SHT_SYMTAB_SHNDX 18 */
    if (type != 2u && type != 4u && type != 9u && type != 11u && type != 18u) continue;
    h = table.p + at; /* the whole header lies in the table: its size is shnum * shentsize */
    if (type == 18u) {
      if (span_load_(h + l->sh_offset, l->word, big) % 4u) o->quiet = false;
    } else if (type == 4u || type == 9u) {
      if (span_load_(h + l->sh_info, 4, big) >= shnum) o->quiet = false;
    } else {
      uint64_t *first = type == 2u ? &o->symtab : &o->dynsym;
      if (*first != CWASM_NO_INDEX) continue;
      *first = i;
      b = type == 2u ? &o->sym : &o->dyn;
      b->type = type;
      b->offset = span_load_(h + l->sh_offset, l->word, big);
      b->link = (uint32_t)span_load_(h + l->sh_link, 4, big);
      b->info = (uint32_t)span_load_(h + l->sh_info, 4, big);
    }
  }
}

bool elf_scan_object_tables(const cwasm_elf *elf, elf_object_scan *out) {
  const elf_layout *l = layout_of(elf->elf_class);
  span in = span_make(elf->base, elf->size, 0), table;
  bool big = elf->endian == CWASM_BIG;
  memset(out, 0, sizeof *out);
  out->symtab = out->dynsym = CWASM_NO_INDEX;
  out->quiet = true;
  /* shnum * shentsize is the table's size once it cannot overflow */
  if (!l || elf->shentsize != l->shentsize || elf->shnum > UINT64_MAX / l->shentsize ||
      !span_sub(in, elf->shoff, elf->shnum * l->shentsize, &table))
    return false;
  if (l->cls == 64) {
    if (big) scan_tables(table, &layout64, true, elf->shnum, out);
    else scan_tables(table, &layout64, false, elf->shnum, out);
  } else {
    scan_tables(table, &layout32, big, elf->shnum, out);
  }
  return true;
}

cwasm_status cwasm_elf_section(const cwasm_elf *elf, uint64_t index, cwasm_section *out,
                               cwasm_diag *diag) {
  const elf_layout *l = NULL;
  span in, names, data;
  uint64_t at = 0;
  shdr h;
  cwasm_status st;
  diag_clear(diag);
  if (!elf || !out) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, elf ? "out" : "elf");
  memset(out, 0, sizeof *out);
  out->name.p = "";
  CWASM_TRY(locate_shdr(elf, index, &l, &in, &at, &h, diag));
  section_from_shdr(out, index, &h);

  /* The name is reported first; the data view is still filled after it fails. */
  st = CWASM_OK;
  if (!span_sub(in, elf->shstrtab_offset, elf->shstrtab_size, &names)) {
    st = diag_set_v(diag, CWASM_E_ELF_SHSTRTAB_RANGE, elf->shstrtab_offset, elf->shstrndx,
                    "sh_offset", elf->shstrtab_offset, CWASM_DIAG_LIMIT, in.n);
  } else {
    switch (span_cstr_at(names, h.name, &out->name)) {
      case 0: break;
      case 1:
        st = diag_set_v(diag, CWASM_E_ELF_NAME_RANGE, at + SH_NAME_AT, sec_id(index), "sh_name",
                        h.name, names.n ? CWASM_DIAG_LIMIT : 0, names.n ? names.n - 1 : 0);
        break;
      default:
        st = diag_set_v(diag, CWASM_E_ELF_NAME_UNTERMINATED, at + SH_NAME_AT, sec_id(index),
                        "sh_name", h.name, 0, 0);
        break;
    }
  }

  if (!has_file_data(index, h.type)) return st;
  if (span_sub(in, h.offset, h.size, &data)) {
    out->data = span_bytes(data);
  } else if (st == CWASM_OK) {
    st = range_failure(NULL, NULL, diag, CWASM_E_ELF_SECTION_RANGE, false, in.n, l, at, index,
                       h.offset, h.size);
  }
  return st;
}

bool elf_section_name_is(const cwasm_elf *elf, uint64_t index, const char *z) {
  const elf_layout *l = NULL;
  span in, names, name;
  uint64_t at = 0;
  shdr h;
  size_t n;
  if (!elf || !z || locate_shdr(elf, index, &l, &in, &at, &h, NULL) != CWASM_OK) return false;
  if (!span_sub(in, elf->shstrtab_offset, elf->shstrtab_size, &names)) return false;
  n = strlen(z);
  /* z's own NUL is compared too: a longer name does not match its prefix. */
  if (!span_sub(names, h.name, (uint64_t)n + 1, &name)) return false;
  return span_eq_bytes(name, (const uint8_t *)z, n + 1);
}

/* The name search's matches so far, and what a candidate is compared with. */
typedef struct find_ctx {
  span names;
  span z; /* the name and its NUL */
  uint64_t first, second, last; /* header offsets in the table */
  uint32_t count;
} find_ctx;

/*
 * A header whose name ends like z (the last 8 bytes with the NUL, which also
 * proved off + z.n <= names.n): compare the rest, 8 bytes at a time at 0, 8,
 * ... and last at z.n - 16 (the steps may overlap each other and the tail),
 * and count a match. Out of line, so that the walk keeps its registers.
 */
ELF_OUTLINE void find_candidate(find_ctx *c, uint64_t at, uint64_t off) {
  uint64_t n = c->z.n, w = 0, x = 1, last = n >= 16 ? n - 16 : 0;
  /* every read below lies in [off, off + n) of names and [0, n) of z (n >= 8): inside both */
  (void)span_u64_at(c->names, off, false, &w);
  (void)span_u64_at(c->z, 0, false, &x);
  for (uint64_t k = 8; w == x && k < last; k += 8) {
    (void)span_u64_at(c->names, off + k, false, &w);
    (void)span_u64_at(c->z, k, false, &x);
  }
  if (w != x) return;
  (void)span_u64_at(c->names, off + last, false, &w);
  (void)span_u64_at(c->z, last, false, &x);
  if (w != x) return;
  if (c->count == 0) c->first = at;
  if (c->count == 1) c->second = at;
  c->last = at;
  if (c->count < UINT32_MAX) c->count++; /* unreachable: false, 2^32 matches (256 GiB of headers) */
}

/*
 * One pass over sh_name for the sections named z (n >= 8 bytes with its
 * NUL): per header one 4-byte read and, for a name that fits, one 8-byte
 * comparison with the last 8 bytes of z and its NUL (".wasmtime.*" names
 * share their first 9 bytes, not their last 8); only a name that passes goes
 * to find_candidate. The read failing is the end of the table. Returns the
 * first match's header offset in the table.
 */
ELF_INLINE uint64_t find_walk(span table, span names, unsigned stride, bool big, const char *z,
                              size_t n, elf_named *m) {
  uint64_t tail = 0;
  uint32_t off = 0;
  find_ctx c;
  c.names = names;
  c.z = span_make((const uint8_t *)z, n, 0);
  c.first = c.second = c.last = 0;
  c.count = 0;
  /* both sides loaded little-endian through span: the same bytes give the same word on any host */
  (void)span_u64_at(c.z, n - 8, false, &tail);
  /* headers by their offset in the table: indices are computed for the matches only */
  for (uint64_t at = 0; span_u32_at(table, at, big, &off); at += stride) {
    uint64_t w = 0;
    if (span_u64_at(names, (uint64_t)off + n - 8, false, &w) && w == tail)
      find_candidate(&c, at, off);
  }
  m->first = c.first / stride;
  m->second = c.second / stride;
  m->last = c.last / stride;
  m->count = c.count;
  return c.first;
}

/*
 * cwasm_engine_find's search, for one class (l) and byte order: the table and
 * the name table re-derived from the caller's struct and checked against the
 * bytes, the walk, then section m->first read into *out as cwasm_elf_section
 * reads it. Only its data range is left to check: the walk proved the rest.
 */
ELF_INLINE cwasm_status find_named(const cwasm_elf *elf, const elf_layout *l, bool big,
                                   const char *z, size_t zlen, elf_named *m, cwasm_section *out,
                                   cwasm_diag *diag) {
  span in = span_make(elf->base, elf->size, 0), table, names, name, data;
  uint64_t first_at, at;
  shdr h;
  /* shnum * shentsize is the table's size once it cannot overflow */
  if (elf->shnum > UINT64_MAX / l->shentsize ||
      !span_sub(in, elf->shoff, elf->shnum * l->shentsize, &table) ||
      !span_sub(in, elf->shstrtab_offset, elf->shstrtab_size, &names))
    return CWASM_OK;
  first_at = find_walk(table, names, l->shentsize, big, z, zlen + 1, m);
  if (m->count == 0) return CWASM_OK;
  /* Cannot fail: the walk read this header's sh_name inside the table. */
  (void)read_shdr(table, l, big, first_at, &h);
  /* Cannot fail: the name matched z and its NUL inside the name table. */
  name = span_make(NULL, 0, 0);
  (void)span_sub(names, h.name, zlen, &name);
  section_from_shdr(out, m->first, &h);
  out->name = span_str(name);
  out->data.p = NULL;
  out->data.n = 0;
  if (!has_file_data(m->first, h.type)) return CWASM_OK;
  if (span_sub(in, h.offset, h.size, &data)) {
    out->data = span_bytes(data);
    return CWASM_OK;
  }
  at = elf->shoff + first_at;
  return range_failure(NULL, NULL, diag, CWASM_E_ELF_SECTION_RANGE, false, in.n, l, at, m->first,
                       h.offset, h.size);
}

cwasm_status elf_find_named(const cwasm_elf *elf, const char *z, size_t zlen, elf_named *m,
                            cwasm_section *out, cwasm_diag *diag) {
  bool big = elf->endian == CWASM_BIG;
  m->first = m->second = m->last = 0;
  m->count = 0;
  /* The struct is the caller's: only a layout it names and matches is read. */
  if (elf->elf_class == 64 && elf->shentsize == layout64.shentsize)
    return big ? find_named(elf, &layout64, true, z, zlen, m, out, diag)
               : find_named(elf, &layout64, false, z, zlen, m, out, diag);
  if (elf->elf_class == 32 && elf->shentsize == layout32.shentsize)
    return find_named(elf, &layout32, big, z, zlen, m, out, diag);
  return CWASM_OK;
}

/*
 * True when the struct describes a readable table and every sh_name in it
 * starts a NUL-terminated name inside the name table: what a section-by-section
 * cwasm_elf_section walk would find, at one 4-byte read per header. False
 * means "look closer", not "some name is bad".
 */
bool elf_names_readable(const cwasm_elf *elf) {
  const elf_layout *l;
  span in, table, names;
  bool big;
  uint64_t nul_below;
  uint32_t off = 0;
  if (!elf) return false;
  l = layout_of(elf->elf_class);
  if (!l || elf->shentsize != l->shentsize) return false;
  in = span_make(elf->base, elf->size, 0);
  /* shnum * shentsize is the table's size once it cannot overflow */
  if (elf->shnum > UINT64_MAX / l->shentsize ||
      !span_sub(in, elf->shoff, elf->shnum * l->shentsize, &table) ||
      !span_sub(in, elf->shstrtab_offset, elf->shstrtab_size, &names))
    return false;
  big = elf->endian == CWASM_BIG;
  nul_below = names_terminated_below(names);
  /* the read failing is the end of the table */
  for (uint64_t at = 0; span_u32_at(table, at, big, &off); at += l->shentsize)
    if (off >= nul_below) return false; /* nul_below <= names.n: covers "out of range" too */
  return true;
}

/* --------------------------------------------------- Wasmtime's writer */

cwasm_status elf_check_wasmtime(const cwasm_elf *elf, const cwasm_options *opt,
                                cwasm_warnings *w, cwasm_diag *diag) {
  const elf_layout *l;
  uint32_t kinds, pulleys;
  if (!elf) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "elf");
  l = layout_of(elf->elf_class);
  if (!l) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "elf");
  if (elf->version != EV_CURRENT)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_VERSION, E_VERSION_AT, CWASM_NO_SECTION,
                          "e_version", elf->version, CWASM_DIAG_EXPECTED, EV_CURRENT));
  if (elf->osabi != CWASM_ELFOSABI_WASMTIME)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_OSABI, EI_OSABI, CWASM_NO_SECTION,
                          "e_ident[EI_OSABI]", elf->osabi, CWASM_DIAG_EXPECTED,
                          CWASM_ELFOSABI_WASMTIME));
  if (elf->abiversion != 0)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_ABIVERSION, EI_ABIVERSION, CWASM_NO_SECTION,
                          "e_ident[EI_ABIVERSION]", elf->abiversion, CWASM_DIAG_EXPECTED, 0));
  if (elf->type != ET_REL)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_TYPE, E_TYPE_AT, CWASM_NO_SECTION, "e_type",
                          elf->type, CWASM_DIAG_EXPECTED, ET_REL));
  if (elf->ehsize != l->ehsize)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_EHSIZE, l->e_ehsize, CWASM_NO_SECTION,
                          "e_ehsize", elf->ehsize, CWASM_DIAG_EXPECTED, l->ehsize));
  kinds = elf->flags & (CWASM_EF_MODULE | CWASM_EF_COMPONENT);
  pulleys = elf->flags & (CWASM_EF_PULLEY32 | CWASM_EF_PULLEY64);
  if (elf->flags & ~EF_WASMTIME_KNOWN)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_FLAGS, l->e_flags, CWASM_NO_SECTION,
                          "e_flags", elf->flags, CWASM_DIAG_LIMIT, EF_WASMTIME_KNOWN));
  else if (kinds != CWASM_EF_MODULE && kinds != CWASM_EF_COMPONENT)
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_FLAGS, l->e_flags, CWASM_NO_SECTION,
                          "e_flags", elf->flags, 0, 0));
  else if (pulleys == (CWASM_EF_PULLEY32 | CWASM_EF_PULLEY64))
    CWASM_TRY(strict_rule(opt, w, diag, CWASM_E_ELF_FLAGS, l->e_flags, CWASM_NO_SECTION,
                          "e_flags", elf->flags, 0, 0));
  return CWASM_OK;
}

/* ------------------------------------------------------------- detect */

cwasm_kind cwasm_detect(const uint8_t *buf, size_t len) {
  static const uint8_t legacy[13] = {0, 'w', 'a', 's', 'm', 't', 'i', 'm', 'e', '-', 'a', 'o', 't'};
  /* Only the header is looked at, so a caller may pass a prefix of a file. */
  span s = span_make(buf, len < layout64.ehsize ? len : layout64.ehsize, 0);
  uint32_t magic = 0, flags = 0;
  uint8_t cls = 0, data = 0, ver = 0, osabi = 0, abiv = 0;
  if (span_starts_with(s, legacy, sizeof legacy)) return CWASM_KIND_LEGACY;
  if (s.n < layout64.ehsize) return CWASM_KIND_NONE;
  /* Cannot fail: the 64 bytes of an Elf64_Ehdr are present. */
  (void)span_u32_at(s, 0, true, &magic);
  (void)span_u8_at(s, EI_CLASS, &cls);
  (void)span_u8_at(s, EI_DATA, &data);
  (void)span_u8_at(s, EI_VERSION, &ver);
  (void)span_u8_at(s, EI_OSABI, &osabi);
  (void)span_u8_at(s, EI_ABIVERSION, &abiv);
  if (magic != ELF_MAGIC_BE || cls != ELFCLASS64 || ver != EV_CURRENT ||
      (data != ELFDATA2LSB && data != ELFDATA2MSB) || osabi != CWASM_ELFOSABI_WASMTIME ||
      abiv != 0)
    return CWASM_KIND_NONE;
  (void)span_u32_at(s, layout64.e_flags, data == ELFDATA2MSB, &flags);
  if (flags & CWASM_EF_MODULE) return CWASM_KIND_MODULE;
  if (flags & CWASM_EF_COMPONENT) return CWASM_KIND_COMPONENT;
  return CWASM_KIND_NONE;
}
