/*
 * fuzz_elf_differential: cwasm's ELF reader against libelf (elfutils).
 *
 * For every input cwasm accepts (lenient mode, the superset of strict), libelf
 * reads the same bytes and the two readings must agree on: the ELF header
 * fields, the section count (extended numbering applied), the name-table
 * index, every section header, every section name, every section's data
 * range and bytes, and which sections are called `.wasmtime.engine` (count,
 * first, last) and the bytes of the one cwasm picks. Any disagreement prints
 * both readings and abort()s.
 *
 * libelf is only an oracle: it is linked into this harness and nowhere else.
 * It is not built with the sanitizers, so this harness is left out of MSan
 * builds (MSan would report every byte libelf writes as uninitialised).
 *
 * What is deliberately NOT compared, and why (each a documented difference
 * of libelf, not a cwasm bug):
 *
 *   X1 Inputs cwasm rejects. libelf is permissive by design (a truncated
 *      section table is "no sections", e_shentsize is ignored, a section table
 *      at offset 0 is read over the header, an out-of-range e_shstrndx is
 *      returned as is). cwasm rejecting such files is its job; only inputs
 *      cwasm accepts are compared.
 *   X2 Data of section 0 when it is SHT_NULL. cwasm gives it no data (its
 *      sh_size may hold the extended section count); libelf treats sh_size as
 *      a data size and range-checks it.
 *   X3 Data of SHT_NOBITS sections. Both have no file bytes, but libelf
 *      reports d_size = sh_size with a NULL buffer; cwasm an empty view.
 *   X4 Data ranges of zero-size sections. libelf skips the range check when
 *      sh_size is 0 (d_buf NULL whatever sh_offset says); cwasm still requires
 *      sh_offset <= file size. Both must give no bytes.
 *   X5 libelf refusing data cwasm reads, when the range is inside the file:
 *      libelf also requires sh_size to be a multiple of the entry size the
 *      section type implies (e.g. 24 for SHT_SYMTAB in ELF64) and fails with
 *      ELF_E_INVALID_DATA; cwasm reads bytes, not entries. The reverse (libelf
 *      reads bytes cwasm calls out of range) IS a disagreement.
 *   X6 Names when the name table has SHF_COMPRESSED: elf_strptr decompresses
 *      the table first; cwasm (like Wasmtime's `object` reader) reads the raw
 *      bytes. Names, and so the engine-section search, are not compared then.
 *   X7 Inputs shorter than an ELF header: never reach libelf (cwasm rejects
 *      them, X1), which also keeps old libelf versions that read the header
 *      before checking the size away from them.
 *
 * ELF32, big-endian files and extended numbering (e_shnum 0 / e_shstrndx
 * SHN_XINDEX) ARE compared: gelf widens ELF32 fields to the 64-bit struct,
 * converts byte order, and resolves extended numbering from section 0 just
 * as cwasm does. elf_getshdrstrndx is asked only after section 0's header is
 * loaded, because for a non-native-endian image libelf would otherwise try to
 * pread() section 0 from a file descriptor elf_memory does not have.
 */
#include <gelf.h>
#include <libelf.h>

#include "fuzz_common.h"

#ifndef SHF_COMPRESSED
#define SHF_COMPRESSED (1u << 11)
#endif

/* Print both readings, then stop. */
#define DISAGREE(...)                                                             \
  do {                                                                            \
    fprintf(stderr, "\n==cwasm-fuzz== cwasm and libelf DISAGREE: ");             \
    fprintf(stderr, __VA_ARGS__);                                                 \
    fprintf(stderr, "\n==cwasm-fuzz== libelf: %s\n", elf_errmsg(0) ? elf_errmsg(0) : "-"); \
    fflush(stderr);                                                               \
    abort();                                                                      \
  } while (0)

#define SAME(what, cw, le)                                                               \
  do {                                                                                   \
    unsigned long long c_ = (unsigned long long)(cw), l_ = (unsigned long long)(le);     \
    if (c_ != l_) DISAGREE("%s: cwasm %llu (0x%llx), libelf %llu (0x%llx)", what, c_, c_, l_, l_); \
  } while (0)

/* The same, for a field of section `idx`. */
#define SAME_S(idx, what, cw, le)                                                        \
  do {                                                                                   \
    unsigned long long c_ = (unsigned long long)(cw), l_ = (unsigned long long)(le);     \
    if (c_ != l_)                                                                        \
      DISAGREE("section %zu %s: cwasm %llu (0x%llx), libelf %llu (0x%llx)", (size_t)(idx), \
               what, c_, c_, l_, l_);                                                    \
  } while (0)

typedef struct engine_hits {
  uint32_t count, first, last;
} engine_hits;

static void compare_header(const cwasm_elf *ce, Elf *e) {
  GElf_Ehdr eh;
  if (!gelf_getehdr(e, &eh)) DISAGREE("libelf has no ELF header for an accepted file");
  SAME("EI_CLASS", ce->elf_class == 64 ? ELFCLASS64 : ELFCLASS32, eh.e_ident[EI_CLASS]);
  SAME("EI_DATA", ce->endian == CWASM_BIG ? ELFDATA2MSB : ELFDATA2LSB, eh.e_ident[EI_DATA]);
  SAME("EI_OSABI", ce->osabi, eh.e_ident[EI_OSABI]);
  SAME("EI_ABIVERSION", ce->abiversion, eh.e_ident[EI_ABIVERSION]);
  SAME("e_type", ce->type, eh.e_type);
  SAME("e_machine", ce->machine, eh.e_machine);
  SAME("e_version", ce->version, eh.e_version);
  SAME("e_flags", ce->flags, eh.e_flags);
  SAME("e_phoff", ce->phoff, eh.e_phoff);
  SAME("e_shoff", ce->shoff, eh.e_shoff);
  SAME("e_ehsize", ce->ehsize, eh.e_ehsize);
  SAME("e_phentsize", ce->phentsize, eh.e_phentsize);
  SAME("e_phnum", ce->phnum, eh.e_phnum);
  SAME("e_shentsize", ce->shentsize, eh.e_shentsize);
  SAME("e_shnum", ce->shnum_field, eh.e_shnum);
  SAME("e_shstrndx", ce->shstrndx_field, eh.e_shstrndx);
}

/* cwasm could read the name iff the status is not one of the name errors. */
static bool cwasm_name_ok(cwasm_status st) {
  return st != CWASM_E_ELF_NAME_RANGE && st != CWASM_E_ELF_NAME_UNTERMINATED &&
         st != CWASM_E_ELF_SHSTRTAB_RANGE;
}

static void compare_section(const fuzz_input *in, const cwasm_elf *ce, Elf *e, size_t i,
                            bool names_comparable, engine_hits *hits) {
  cwasm_section cs;
  cwasm_diag cd;
  cwasm_status cst;
  GElf_Shdr sh;
  Elf_Scn *scn = elf_getscn(e, i);

  fuzz_diag_poison(&cd);
  cst = cwasm_elf_section(ce, i, &cs, &cd);
  fuzz_check_status(cst, &cd, in->n, "cwasm_elf_section");
  fuzz_check_section(in, ce, i, &cs);
  if (!scn || !gelf_getshdr(scn, &sh))
    DISAGREE("section %zu: cwasm reads its header, libelf cannot", i);

  SAME_S(i, "index", i, elf_ndxscn(scn));
  SAME_S(i, "sh_type", cs.type, sh.sh_type);
  SAME_S(i, "sh_flags", cs.flags, sh.sh_flags);
  SAME_S(i, "sh_addr", cs.addr, sh.sh_addr);
  SAME_S(i, "sh_offset", cs.offset, sh.sh_offset);
  SAME_S(i, "sh_size", cs.size, sh.sh_size);
  SAME_S(i, "sh_link", cs.link, sh.sh_link);
  SAME_S(i, "sh_info", cs.info, sh.sh_info);
  SAME_S(i, "sh_addralign", cs.addralign, sh.sh_addralign);
  SAME_S(i, "sh_entsize", cs.entsize, sh.sh_entsize);

  /* names (X6) */
  if (names_comparable) {
    const char *ln = elf_strptr(e, ce->shstrndx, sh.sh_name);
    bool cok = cwasm_name_ok(cst);
    if ((ln != NULL) != cok)
      DISAGREE("section %zu name (sh_name %u): cwasm %s (%s), libelf %s", i, (unsigned)sh.sh_name,
               cok ? "reads it" : "cannot read it", cwasm_status_name(cst),
               ln ? ln : "cannot read it");
    if (ln && (strlen(ln) != cs.name.n || memcmp(ln, cs.name.p, cs.name.n) != 0))
      DISAGREE("section %zu name: cwasm \"%.*s\", libelf \"%s\"", i, (int)cs.name.n, cs.name.p,
               ln);
    if (ln && strcmp(ln, CWASM_ENGINE_SECTION_NAME) == 0) {
      if (hits->count == 0) hits->first = (uint32_t)i;
      hits->last = (uint32_t)i;
      hits->count++;
    }
  }

  /* data */
  if (i == 0 && sh.sh_type == SHT_NULL) return;          /* X2 */
  if (sh.sh_type == SHT_NOBITS) {                         /* X3 */
    SAME_S(i, "NOBITS data bytes", cs.data.n, 0);
    return;
  }
  if (sh.sh_size == 0) {                                   /* X4 */
    SAME_S(i, "zero-size data bytes", cs.data.n, 0);
    return;
  }
  {
    Elf_Data *rd = elf_rawdata(scn, NULL);
    bool chas = cs.data.n > 0;
    if (rd && rd->d_size > 0) {
      if (!chas)
        DISAGREE("section %zu data [%llu, +%llu): libelf reads %zu bytes, cwasm says %s", i,
                 (unsigned long long)sh.sh_offset, (unsigned long long)sh.sh_size, rd->d_size,
                 cwasm_status_name(cst));
      SAME_S(i, "data size", cs.data.n, rd->d_size);
      if (memcmp(cs.data.p, rd->d_buf, cs.data.n) != 0)
        DISAGREE("section %zu: same range, different bytes", i);
    } else if (chas) {
      /* X5: libelf failed although the range is inside the file (cwasm's
       * view was checked against the input by fuzz_check_section). */
      FUZZ_CHECK(cs.offset <= in->n && cs.size <= in->n - cs.offset, "cwasm data out of range");
    }
  }
}

static void compare(const fuzz_input *in, const cwasm_elf *ce, Elf *e) {
  size_t n = 0, strndx = 0;
  bool names_comparable = true;
  engine_hits hits = {0, 0, 0};
  GElf_Shdr s0, strsh;

  if (elf_kind(e) != ELF_K_ELF) DISAGREE("cwasm accepts an ELF file that libelf calls kind %d",
                                        (int)elf_kind(e));
  compare_header(ce, e);
  if (elf_getshdrnum(e, &n) != 0) DISAGREE("libelf cannot count the sections");
  SAME("section count", ce->shnum, n);
  if (!gelf_getshdr(elf_getscn(e, 0), &s0)) DISAGREE("libelf cannot read section 0");
  if (elf_getshdrstrndx(e, &strndx) != 0) DISAGREE("libelf has no name-table index");
  SAME("name-table index", ce->shstrndx, strndx);
  if (!gelf_getshdr(elf_getscn(e, strndx), &strsh)) DISAGREE("libelf cannot read the name table");
  if (strsh.sh_flags & SHF_COMPRESSED) names_comparable = false; /* X6 */

  for (size_t i = 0; i < n; i++) compare_section(in, ce, e, i, names_comparable, &hits);

  if (names_comparable) {
    cwasm_options lopt;
    cwasm_engine g;
    cwasm_warnings w;
    cwasm_diag d;
    cwasm_status st;
    memset(&lopt, 0, sizeof lopt);
    lopt.flags = CWASM_OPT_LENIENT;
    memset(&w, 0, sizeof w);
    fuzz_diag_poison(&d);
    st = cwasm_engine_find(ce, &lopt, &g, &w, &d);
    fuzz_check_status(st, &d, in->n, "cwasm_engine_find");
    if ((st == CWASM_E_ENGINE_MISSING) != (hits.count == 0))
      DISAGREE("engine section: cwasm %s, libelf finds %u", cwasm_status_name(st), hits.count);
    if (hits.count) {
      SAME("engine section count", g.count, hits.count);
      SAME("first engine section", g.first_index, hits.first);
      SAME("last engine section", g.last_index, hits.last);
    }
    if (st == CWASM_OK) {
      Elf_Data *rd = elf_rawdata(elf_getscn(e, g.first_index), NULL);
      if (rd && rd->d_size > 0) {
        SAME("engine section size", g.section.data.n, rd->d_size);
        if (memcmp(g.section.data.p, rd->d_buf, rd->d_size) != 0)
          DISAGREE("engine section: different bytes");
      } else {
        /* only X3-X5 can leave libelf without bytes here */
        FUZZ_CHECK(g.section.data.n > 0, "engine split accepted an empty section");
      }
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int inited;
  fuzz_input in = {data, size};
  cwasm_options lopt;
  cwasm_elf ce;
  cwasm_warnings w;
  cwasm_diag d;
  char *img;
  Elf *e;

  if (!inited) {
    if (elf_version(EV_CURRENT) == EV_NONE) {
      fprintf(stderr, "libelf: %s\n", elf_errmsg(-1));
      abort();
    }
    inited = 1;
  }
  memset(&lopt, 0, sizeof lopt);
  lopt.flags = CWASM_OPT_LENIENT;
  memset(&w, 0, sizeof w);
  fuzz_diag_poison(&d);
  if (cwasm_elf_parse(data, size, &lopt, &ce, &w, &d) != CWASM_OK) return 0; /* X1, X7 */
  fuzz_check_elf(&in, &ce);

  /* libelf gets its own copy: elf_memory takes a writable image. */
  img = malloc(size);
  if (!img) return 0;
  memcpy(img, data, size);
  e = elf_memory(img, size);
  if (!e) DISAGREE("cwasm accepts, elf_memory fails");
  compare(&in, &ce, e);
  elf_end(e);
  free(img);
  return 0;
}
