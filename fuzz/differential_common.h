/*
 * cwasm's ELF reading against libelf (elfutils): the comparison itself, shared
 * by the fuzz harness (fuzz/fuzz_elf_differential.c, which abort()s on a
 * difference) and the differential driver (tools/differential, which counts
 * and classifies differences over a corpus and a mutated stream). One copy of
 * the rules, so the two cannot drift apart.
 *
 * Header-only (static inline), C11, libc + libelf. libelf is an oracle: only
 * test programs include this file, never the library.
 *
 * What is compared, for an input cwasm_elf_parse accepted (lenient mode is
 * the superset of strict): the ELF header fields, the section count (extended
 * numbering applied), the name-table index, every section header, every
 * section name, every section's data range and bytes, and which sections are
 * called `.wasmtime.engine` (count, first, last) and the bytes of the one
 * cwasm picks.
 *
 * What is deliberately NOT compared, and why (each a documented behaviour of
 * libelf, not a cwasm bug):
 *
 *   X1 Inputs cwasm rejects. libelf is permissive by design (a truncated
 *      section table is "no sections", e_shentsize is ignored, a section table
 *      at offset 0 is read over the header, an out-of-range e_shstrndx is
 *      returned as is). cwasm rejecting such files is its job; the caller
 *      classifies those (diff_libelf_reads tells whether libelf read it).
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
 *      reads bytes cwasm calls out of range) IS a difference.
 *   X6 Names when the name table has SHF_COMPRESSED: elf_strptr decompresses
 *      the table first; cwasm (like Wasmtime's `object` reader) reads the raw
 *      bytes. Names, and so the engine-section search, are not compared then.
 *   X7 Inputs shorter than an ELF header never reach libelf (cwasm rejects
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
#ifndef CWASM_FUZZ_DIFFERENTIAL_COMMON_H
#define CWASM_FUZZ_DIFFERENTIAL_COMMON_H

#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cwasm/cwasm.h"

#ifndef SHF_COMPRESSED
#define SHF_COMPRESSED (1u << 11)
#endif

typedef enum diff_outcome {
  DIFF_AGREE = 0,
  DIFF_LIBELF_REFUSES = 1, /* cwasm read it, libelf could not (an acceptance difference) */
  DIFF_MISMATCH = 2        /* both read it, and the readings differ */
} diff_outcome;

/* What differs. `what` is a static string naming the field or check (stable:
 * the driver classifies by it); `detail` is the human sentence. */
typedef struct diff_result {
  diff_outcome outcome;
  const char *what;
  char detail[320];
} diff_result;

/* Which sections are called `.wasmtime.engine` according to libelf. */
typedef struct diff_engine_hits {
  uint32_t count, first, last;
} diff_engine_hits;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static inline diff_outcome diff_set(diff_result *r, diff_outcome o, const char *what,
                                    const char *fmt, ...) {
  va_list ap;
  const char *le = elf_errmsg(0);
  int n;
  r->outcome = o;
  r->what = what;
  va_start(ap, fmt);
  n = vsnprintf(r->detail, sizeof r->detail, fmt, ap);
  va_end(ap);
  if (le && n >= 0 && (size_t)n < sizeof r->detail)
    (void)snprintf(r->detail + n, sizeof r->detail - (size_t)n, " [libelf: %s]", le);
  return o;
}

/* Compare one number; on a difference fill `r` and return true. */
static inline bool diff_num(diff_result *r, const char *what, int64_t section,
                            unsigned long long cw, unsigned long long le) {
  if (cw == le) return false;
  if (section >= 0)
    diff_set(r, DIFF_MISMATCH, what, "section %lld %s: cwasm %llu (0x%llx), libelf %llu (0x%llx)",
             (long long)section, what, cw, cw, le, le);
  else
    diff_set(r, DIFF_MISMATCH, what, "%s: cwasm %llu (0x%llx), libelf %llu (0x%llx)", what, cw,
             cw, le, le);
  return true;
}

#define DIFF_NUM(r, what, sec, cw, le)                                                        \
  do {                                                                                        \
    if (diff_num((r), (what), (sec), (unsigned long long)(cw), (unsigned long long)(le)))     \
      return (r)->outcome;                                                                    \
  } while (0)

static inline diff_outcome diff_compare_header(const cwasm_elf *ce, Elf *e, diff_result *r) {
  GElf_Ehdr eh;
  if (!gelf_getehdr(e, &eh))
    return diff_set(r, DIFF_LIBELF_REFUSES, "ehdr", "libelf has no ELF header for an accepted file");
  DIFF_NUM(r, "EI_CLASS", -1, ce->elf_class == 64 ? ELFCLASS64 : ELFCLASS32, eh.e_ident[EI_CLASS]);
  DIFF_NUM(r, "EI_DATA", -1, ce->endian == CWASM_BIG ? ELFDATA2MSB : ELFDATA2LSB, eh.e_ident[EI_DATA]);
  DIFF_NUM(r, "EI_OSABI", -1, ce->osabi, eh.e_ident[EI_OSABI]);
  DIFF_NUM(r, "EI_ABIVERSION", -1, ce->abiversion, eh.e_ident[EI_ABIVERSION]);
  DIFF_NUM(r, "e_type", -1, ce->type, eh.e_type);
  DIFF_NUM(r, "e_machine", -1, ce->machine, eh.e_machine);
  DIFF_NUM(r, "e_version", -1, ce->version, eh.e_version);
  DIFF_NUM(r, "e_flags", -1, ce->flags, eh.e_flags);
  DIFF_NUM(r, "e_phoff", -1, ce->phoff, eh.e_phoff);
  DIFF_NUM(r, "e_shoff", -1, ce->shoff, eh.e_shoff);
  DIFF_NUM(r, "e_ehsize", -1, ce->ehsize, eh.e_ehsize);
  DIFF_NUM(r, "e_phentsize", -1, ce->phentsize, eh.e_phentsize);
  DIFF_NUM(r, "e_phnum", -1, ce->phnum, eh.e_phnum);
  DIFF_NUM(r, "e_shentsize", -1, ce->shentsize, eh.e_shentsize);
  DIFF_NUM(r, "e_shnum", -1, ce->shnum_field, eh.e_shnum);
  DIFF_NUM(r, "e_shstrndx", -1, ce->shstrndx_field, eh.e_shstrndx);
  return DIFF_AGREE;
}

/* cwasm could read the name iff the status is not one of the name errors. */
static inline bool diff_cwasm_name_ok(cwasm_status st) {
  return st != CWASM_E_ELF_NAME_RANGE && st != CWASM_E_ELF_NAME_UNTERMINATED &&
         st != CWASM_E_ELF_SHSTRTAB_RANGE;
}

/*
 * Section `i`. The caller's harness may check its own invariants on `cs`
 * (filled here from cwasm_elf_section, whose status is in *cst and diagnostic
 * in *cd_out).
 */
static inline diff_outcome diff_compare_section(const uint8_t *data, size_t n, const cwasm_elf *ce,
                                                Elf *e, size_t i, bool names_comparable,
                                                diff_engine_hits *hits, cwasm_section *cs,
                                                cwasm_status *cst, cwasm_diag *cd_out,
                                                diff_result *r) {
  cwasm_diag cd;
  GElf_Shdr sh;
  Elf_Scn *scn = elf_getscn(e, i);
  int64_t si = (int64_t)i;

  (void)data;
  *cst = cwasm_elf_section(ce, i, cs, &cd);
  *cd_out = cd;
  if (!scn || !gelf_getshdr(scn, &sh))
    return diff_set(r, DIFF_LIBELF_REFUSES, "shdr", "section %zu: cwasm reads its header, libelf cannot", i);

  DIFF_NUM(r, "index", si, i, elf_ndxscn(scn));
  DIFF_NUM(r, "sh_type", si, cs->type, sh.sh_type);
  DIFF_NUM(r, "sh_flags", si, cs->flags, sh.sh_flags);
  DIFF_NUM(r, "sh_addr", si, cs->addr, sh.sh_addr);
  DIFF_NUM(r, "sh_offset", si, cs->offset, sh.sh_offset);
  DIFF_NUM(r, "sh_size", si, cs->size, sh.sh_size);
  DIFF_NUM(r, "sh_link", si, cs->link, sh.sh_link);
  DIFF_NUM(r, "sh_info", si, cs->info, sh.sh_info);
  DIFF_NUM(r, "sh_addralign", si, cs->addralign, sh.sh_addralign);
  DIFF_NUM(r, "sh_entsize", si, cs->entsize, sh.sh_entsize);

  /* names (X6) */
  if (names_comparable) {
    const char *ln = elf_strptr(e, ce->shstrndx, sh.sh_name);
    bool cok = diff_cwasm_name_ok(*cst);
    if ((ln != NULL) != cok)
      return diff_set(r, DIFF_MISMATCH, "name readable",
                      "section %zu name (sh_name %u): cwasm %s (%s), libelf %s", i,
                      (unsigned)sh.sh_name, cok ? "reads it" : "cannot read it",
                      cwasm_status_name(*cst), ln ? ln : "cannot read it");
    if (ln && (strlen(ln) != cs->name.n || memcmp(ln, cs->name.p, cs->name.n) != 0))
      return diff_set(r, DIFF_MISMATCH, "name", "section %zu name: cwasm \"%.*s\", libelf \"%s\"", i,
                      (int)cs->name.n, cs->name.p, ln);
    if (ln && strcmp(ln, CWASM_ENGINE_SECTION_NAME) == 0) {
      if (hits->count == 0) hits->first = (uint32_t)i;
      hits->last = (uint32_t)i;
      hits->count++;
    }
  }

  /* data */
  if (i == 0 && sh.sh_type == SHT_NULL) return DIFF_AGREE; /* X2 */
  if (sh.sh_type == SHT_NOBITS) {                          /* X3 */
    DIFF_NUM(r, "NOBITS data bytes", si, cs->data.n, 0);
    return DIFF_AGREE;
  }
  if (sh.sh_size == 0) { /* X4 */
    DIFF_NUM(r, "zero-size data bytes", si, cs->data.n, 0);
    return DIFF_AGREE;
  }
  {
    Elf_Data *rd = elf_rawdata(scn, NULL);
    bool chas = cs->data.n > 0;
    if (rd && rd->d_size > 0) {
      if (!chas)
        return diff_set(r, DIFF_MISMATCH, "data range",
                        "section %zu data [%llu, +%llu): libelf reads %zu bytes, cwasm says %s", i,
                        (unsigned long long)sh.sh_offset, (unsigned long long)sh.sh_size,
                        rd->d_size, cwasm_status_name(*cst));
      DIFF_NUM(r, "data size", si, cs->data.n, rd->d_size);
      if (memcmp(cs->data.p, rd->d_buf, cs->data.n) != 0)
        return diff_set(r, DIFF_MISMATCH, "data bytes", "section %zu: same range, different bytes", i);
    } else if (chas) {
      /* X5: libelf failed although the range is inside the file. */
      if (!(cs->offset <= n && cs->size <= n - cs->offset))
        return diff_set(r, DIFF_MISMATCH, "data range", "section %zu: cwasm data out of range", i);
    }
  }
  return DIFF_AGREE;
}

/*
 * The whole comparison, for an input cwasm_elf_parse accepted (`ce`) and the
 * libelf handle of the same bytes. `lenient_engine` is the result of
 * cwasm_engine_find in lenient mode on `ce` (status in *engine_status), used
 * for the engine-section checks. Returns DIFF_AGREE, DIFF_LIBELF_REFUSES or
 * DIFF_MISMATCH, with `r` filled for the latter two. `each_section`, when not
 * NULL, is called for every section cwasm read (harness invariants).
 */
typedef void (*diff_section_hook)(void *ctx, const cwasm_elf *ce, size_t index,
                                  const cwasm_section *cs, cwasm_status st, const cwasm_diag *d);

static inline diff_outcome diff_libelf_compare(const uint8_t *data, size_t n, const cwasm_elf *ce,
                                               Elf *e, const cwasm_engine *lenient_engine,
                                               cwasm_status engine_status,
                                               diff_section_hook each_section, void *ctx,
                                               diff_result *r) {
  size_t count = 0, strndx = 0;
  bool names_comparable = true;
  diff_engine_hits hits = {0, 0, 0};
  GElf_Shdr s0, strsh;
  diff_outcome o;

  r->outcome = DIFF_AGREE;
  r->what = "";
  r->detail[0] = 0;
  if (elf_kind(e) != ELF_K_ELF)
    return diff_set(r, DIFF_LIBELF_REFUSES, "kind", "cwasm accepts an ELF file that libelf calls kind %d",
                    (int)elf_kind(e));
  if ((o = diff_compare_header(ce, e, r)) != DIFF_AGREE) return o;
  if (elf_getshdrnum(e, &count) != 0)
    return diff_set(r, DIFF_LIBELF_REFUSES, "shdrnum", "libelf cannot count the sections");
  DIFF_NUM(r, "section count", -1, ce->shnum, count);
  if (!gelf_getshdr(elf_getscn(e, 0), &s0))
    return diff_set(r, DIFF_LIBELF_REFUSES, "shdr0", "libelf cannot read section 0");
  if (elf_getshdrstrndx(e, &strndx) != 0)
    return diff_set(r, DIFF_LIBELF_REFUSES, "shstrndx", "libelf has no name-table index");
  DIFF_NUM(r, "name-table index", -1, ce->shstrndx, strndx);
  if (!gelf_getshdr(elf_getscn(e, strndx), &strsh))
    return diff_set(r, DIFF_LIBELF_REFUSES, "shstrtab", "libelf cannot read the name table");
  if (strsh.sh_flags & SHF_COMPRESSED) names_comparable = false; /* X6 */

  for (size_t i = 0; i < count; i++) {
    cwasm_section cs;
    cwasm_status cst;
    cwasm_diag cd;
    o = diff_compare_section(data, n, ce, e, i, names_comparable, &hits, &cs, &cst, &cd, r);
    if (each_section) each_section(ctx, ce, i, &cs, cst, &cd);
    if (o != DIFF_AGREE) return o;
  }

  if (names_comparable) {
    const cwasm_engine *g = lenient_engine;
    cwasm_status st = engine_status;
    if ((st == CWASM_E_ENGINE_MISSING) != (hits.count == 0))
      return diff_set(r, DIFF_MISMATCH, "engine found", "engine section: cwasm %s, libelf finds %u",
                      cwasm_status_name(st), hits.count);
    if (hits.count) {
      DIFF_NUM(r, "engine section count", -1, g->count, hits.count);
      DIFF_NUM(r, "first engine section", -1, g->first_index, hits.first);
      DIFF_NUM(r, "last engine section", -1, g->last_index, hits.last);
    }
    if (st == CWASM_OK) {
      Elf_Data *rd = elf_rawdata(elf_getscn(e, g->first_index), NULL);
      if (rd && rd->d_size > 0) {
        DIFF_NUM(r, "engine section size", -1, g->section.data.n, rd->d_size);
        if (memcmp(g->section.data.p, rd->d_buf, rd->d_size) != 0)
          return diff_set(r, DIFF_MISMATCH, "engine bytes", "engine section: different bytes");
      } else if (g->section.data.n == 0) {
        /* only X3-X5 can leave libelf without bytes; an accepted engine has some */
        return diff_set(r, DIFF_MISMATCH, "engine bytes", "engine split accepted an empty section");
      }
    }
  }
  return DIFF_AGREE;
}

/*
 * For an input cwasm rejects: does libelf read it as an ELF file with a
 * header, a section count, and (when there are sections) a name-table index
 * and every section header? Used only to classify acceptance differences
 * (X1); libelf reading it is not a claim that it is well formed.
 */
static inline bool diff_libelf_reads(Elf *e) {
  GElf_Ehdr eh;
  size_t count = 0, strndx = 0;
  if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) return false;
  if (elf_getshdrnum(e, &count) != 0) return false;
  if (count == 0) return true;
  {
    GElf_Shdr sh;
    if (!gelf_getshdr(elf_getscn(e, 0), &sh)) return false;
    if (elf_getshdrstrndx(e, &strndx) != 0) return false;
    for (size_t i = 0; i < count; i++)
      if (!gelf_getshdr(elf_getscn(e, i), &sh)) return false;
  }
  return true;
}

#endif /* CWASM_FUZZ_DIFFERENTIAL_COMMON_H */
