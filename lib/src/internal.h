/* Shared internals: diagnostics, warnings, guard macros. */
#ifndef CWASM_INTERNAL_H
#define CWASM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cwasm/cwasm.h"
#include "span.h"

/* Propagate a non-OK status. */
#define CWASM_TRY(expr)                  \
  do {                                   \
    cwasm_status try_s_ = (expr);        \
    if (try_s_ != CWASM_OK) return try_s_; \
  } while (0)

/* A diag sink that is never NULL. */
cwasm_diag *diag_or_scratch(cwasm_diag *d, cwasm_diag *scratch);

/* Fill a diagnostic and return its code. */
cwasm_status diag_set(cwasm_diag *d, cwasm_status code, uint64_t offset, uint32_t section,
                      const char *field);
cwasm_status diag_set_v(cwasm_diag *d, cwasm_status code, uint64_t offset, uint32_t section,
                        const char *field, uint64_t actual, int has_expected, uint64_t expected);
void diag_clear(cwasm_diag *d);

/* Append a warning (w may be NULL). */
void warn_add(cwasm_warnings *w, cwasm_status code, uint64_t offset, uint32_t section,
              const char *field, uint64_t actual, int has_expected, uint64_t expected);
void warn_add_diag(cwasm_warnings *w, const cwasm_diag *d);

static inline bool opt_lenient(const cwasm_options *o) { return o && (o->flags & CWASM_OPT_LENIENT); }


static inline uint64_t opt_max_sections(const cwasm_options *o) {
  return (o && o->max_sections) ? o->max_sections : CWASM_DEFAULT_MAX_SECTIONS;
}
static inline uint32_t opt_max_flags(const cwasm_options *o) {
  return (o && o->max_flags) ? o->max_flags : CWASM_DEFAULT_MAX_FLAGS;
}

/*
 * Strict-only rule: in strict mode return the failure; in lenient mode record
 * it as a warning (same code) and go on. Use as CWASM_TRY(strict_rule(...)).
 */
cwasm_status strict_rule(const cwasm_options *opt, cwasm_warnings *w, cwasm_diag *diag,
                         cwasm_status code, uint64_t offset, uint32_t section, const char *field,
                         uint64_t actual, int has_expected, uint64_t expected);

/*
 * elf.c: the header rules Wasmtime's writer always satisfies but the
 * structural parse does not need: EI_OSABI 200, EI_ABIVERSION 0, ET_REL,
 * e_version 1, e_ehsize, e_flags a valid kind (exactly one of the module /
 * component bits, at most one Pulley bit, no other bit). Checked by the
 * pipeline after legacy detection (legacy files have OS ABI 0 and e_flags 0).
 * Strict: first failure returned. Lenient: each becomes a warning.
 */
/*
 * elf.c: whether section `index` has a readable name equal to `z`. Looks at
 * strlen(z) + 1 bytes at most: searching all sections through
 * cwasm_elf_section would measure every name up to its NUL, which a hostile
 * table (many headers sharing one huge name) makes quadratic.
 */
bool elf_section_name_is(const cwasm_elf *elf, uint64_t index, const char *z);
/*
 * elf.c: cwasm_engine_find's search. The sections named z (a NUL-terminated
 * string of zlen >= 7 bytes), in one pass over sh_name: the first, second and
 * last index and their count (saturating; 0 when elf describes no readable
 * table). When there is one, section `first` is read into *out as
 * cwasm_elf_section reads it, except that diag is not cleared first, and its
 * status returned; without one, *out is untouched and the status is OK. elf
 * is not NULL.
 */
typedef struct elf_named {
  uint64_t first, second, last;
  uint32_t count;
} elf_named;
cwasm_status elf_find_named(const cwasm_elf *elf, const char *z, size_t zlen, elf_named *m,
                            cwasm_section *out, cwasm_diag *diag);

/*
 * elf.c: the fields the object crate's table rules read (Wasmtime v3-v42),
 * of sections first .. first + n - 1, with one bounds check for them all;
 * n, or 0 when they are not all inside the table (a forged struct). For
 * rules that walk every header.
 */
typedef struct elf_shdr_brief {
  uint64_t offset;
  uint32_t type, link, info;
} elf_shdr_brief;
size_t elf_section_briefs(const cwasm_elf *elf, uint64_t first, elf_shdr_brief *out, size_t n);

/*
 * elf.c: one pass over the section table for the same rules: the first
 * SHT_SYMTAB and the first SHT_DYNSYM (index, CWASM_NO_INDEX when none, and
 * fields), and `quiet`: no SHT_SYMTAB_SHNDX off 4-byte alignment and no
 * SHT_REL/SHT_RELA whose sh_info lies past the table, so that the walks of
 * those two rules can find nothing. False when the table is not wholly
 * inside the input (a forged struct): the walks decide then.
 */
typedef struct elf_object_scan {
  uint64_t symtab, dynsym;
  elf_shdr_brief sym, dyn;
  bool quiet;
} elf_object_scan;
bool elf_scan_object_tables(const cwasm_elf *elf, elf_object_scan *out);

/*
 * Zero or copy a large output struct. A memset / struct copy of more than 64
 * bytes is `rep stos` / `rep movs` at -O2 on x86-64, whose start-up costs
 * more than the stores (measured: ~10% of locate); 64-byte steps of a
 * constant size unroll into plain vector stores. Every byte is written,
 * padding included. zero_out: elf.c, engine.c, artifact.c; copy_out:
 * prepared.c.
 */
static inline void zero_out(void *p, size_t n) {
  unsigned char *q = p;
  while (n > 64) {
    memset(q, 0, 64);
    q += 64;
    n -= 64;
  }
  memset(q, 0, n);
}

static inline void copy_out(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *q = src;
  while (n > 64) {
    memcpy(d, q, 64);
    d += 64;
    q += 64;
    n -= 64;
  }
  memcpy(d, q, n);
}

/*
 * metadata.c: cwasm_metadata_decode in two steps, for layout inference. The
 * prefix (target, shared and ISA flags) has one wire shape per codec, so it
 * is decoded once per codec; the rest (Tunables, features) once per layout,
 * on a copy of the prefix result. Both take a non-NULL diag.
 */
cwasm_status metadata_decode_prefix(cwasm_bytes bytes, uint64_t base_offset, const cwasm_layout *layout,
                                    const cwasm_options *opt, cwasm_metadata *out, cwasm_diag *diag,
                                    cwasm_bytes *rest, uint64_t *rest_offset);
cwasm_status metadata_decode_rest(cwasm_bytes rest, uint64_t rest_offset, uint64_t base_offset,
                                  const cwasm_layout *layout, cwasm_metadata *out, cwasm_diag *diag);

/* elf.c: every section name of the table is readable (one pass); false when
 * some is not, or the struct describes no readable table. */
bool elf_names_readable(const cwasm_elf *elf);

cwasm_status elf_check_wasmtime(const cwasm_elf *elf, const cwasm_options *opt,
                                cwasm_warnings *w, cwasm_diag *diag);

#endif
