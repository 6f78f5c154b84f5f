/*
 * One input, every comparison, and the class of each disagreement.
 *
 * Acceptance is judged against cwasm's STRICT mode (what cwasm calls a
 * well-formed artifact); readings (section tables, names, engine bytes) are
 * compared whenever cwasm's LENIENT parse and the other reader both accept,
 * because lenient mode reads the same bytes the same way and only turns
 * strict-only rules into warnings.
 *
 * Class names are stable strings "<who>.<what>[.<detail>]". One class is one
 * explanation, whichever readers and eras show it (the line --files prints
 * says which):
 *
 *   cwasm-rejects.CODE   cwasm (strict) rejects with CODE, another reader
 *                        accepts: libelf or readelf read the file
 *                        (cwasm_elf_parse's CODE), or Wasmtime's reader in some
 *                        era accepts it (object finds engine bytes with valid
 *                        framing and the era's header test passes; cwasm_parse's CODE).
 *   libelf.refuses.WHAT, readelf.refuses.SLUG, object.refuses.STEP-SLUG
 *                        cwasm (strict) accepts, the reader does not.
 *   object.era-elf32     the same, for an ELF32 input in an ELF64-only era.
 *   object.era-header.RULE  object reads it but the era's header test
 *                        (EI_OSABI, EI_ABIVERSION, e_flags) fails: a policy matter.
 *   object.framing.F     cwasm accepts, the era's engine bytes fail Wasmtime's framing.
 *   libelf.mismatch.WHAT, readelf.mismatch.FIELD, object.engine-differs
 *                        both read it, the readings differ.
 *   object.pick-differs  cwasm's lenient first/last engine index is not the
 *                        section the era reads.
 */
#include <ctype.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "differential_common.h"

const char *const pair_names[2 + OBJ_MODES] = {"libelf", "readelf", "objA", "objC", "objCu", "objE"};
const char *const obj_mode_names[OBJ_MODES] = {"objA", "objC", "objCu", "objE"};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void add_class(verdicts *v, const char *fmt, ...) {
  char name[96];
  va_list ap;
  va_start(ap, fmt);
  (void)vsnprintf(name, sizeof name, fmt, ap);
  va_end(ap);
  for (size_t i = 0; i < v->n; i++)
    if (strcmp(v->cls[i], name) == 0) return;
  if (v->n < MAX_INPUT_CLASSES) memcpy(v->cls[v->n++], name, sizeof name);
}

/* Words of readers' messages that happen to be hex digits, kept as words. */
static bool english(const char *w, size_t n) {
  static const char *const words[] = {"a", "be", "e"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strlen(words[i]) == n && strncmp(words[i], w, n) == 0) return true;
  return false;
}

/* A message as a class-name fragment: [a-z0-9-], every number (decimal or
 * hex, with or without 0x) becomes N, at most 60 characters. */
static void slug(const char *in, char *out, size_t size) {
  size_t o = 0;
  const char *p = in;
  while (*p && o + 2 < size) {
    size_t n = 0;
    bool hex = true;
    if (!isalnum((unsigned char)*p)) {
      if (o && out[o - 1] != '-') out[o++] = '-';
      p++;
      continue;
    }
    while (isalnum((unsigned char)p[n])) {
      if (!isxdigit((unsigned char)p[n]) && !(n == 1 && (p[n] == 'x' || p[n] == 'X') && p[0] == '0'))
        hex = false;
      n++;
    }
    if (hex && !english(p, n)) {
      out[o++] = 'N';
    } else {
      for (size_t k = 0; k < n && o + 2 < size; k++) out[o++] = (char)tolower((unsigned char)p[k]);
    }
    p += n;
  }
  while (o && out[o - 1] == '-') o--;
  out[o] = 0;
  if (o > 60) out[60] = 0;
}

/* ------------------------------------------------------------- libelf */

static void compare_libelf(const uint8_t *p, size_t n, const cw_reading *cw, verdicts *v) {
  uint8_t *img;
  Elf *e;
  diff_result r;
  bool reads;
  if (n < 16) {
    /* X7: nothing shorter than e_ident reaches libelf; cwasm rejects it too */
    v->pair[PAIR_LIBELF] = 1;
    snprintf(v->tok_libelf, sizeof v->tok_libelf, "not-asked");
    return;
  }
  img = malloc(n);
  if (!img) return;
  memcpy(img, p, n);
  e = elf_memory((char *)img, n);
  if (cw->elf_lenient == CWASM_OK) {
    diff_outcome o;
    if (!e) {
      o = DIFF_LIBELF_REFUSES;
      r.what = "elf_memory";
    } else {
      o = diff_libelf_compare(p, n, &cw->elf, e, &cw->eng, cw->eng_lenient, NULL, NULL, &r);
    }
    if (o == DIFF_MISMATCH) {
      char s[64];
      slug(r.what, s, sizeof s);
      add_class(v, "libelf.mismatch.%s", s);
      snprintf(v->tok_libelf, sizeof v->tok_libelf, "mismatch:%s", s);
      v->pair[PAIR_LIBELF] = 4;
    } else if (o == DIFF_LIBELF_REFUSES) {
      char s[64];
      slug(r.what, s, sizeof s);
      snprintf(v->tok_libelf, sizeof v->tok_libelf, "refuses:%s", s);
      if (cw->elf_strict == CWASM_OK) {
        add_class(v, "libelf.refuses.%s", s);
        v->pair[PAIR_LIBELF] = 3;
      } else {
        v->pair[PAIR_LIBELF] = 1; /* both reject (cwasm in strict mode) */
      }
    } else if (cw->elf_strict != CWASM_OK) {
      add_class(v, "cwasm-rejects.%s", cwasm_status_name(cw->elf_strict));
      snprintf(v->tok_libelf, sizeof v->tok_libelf, "agrees-with-lenient");
      v->pair[PAIR_LIBELF] = 3;
    } else {
      snprintf(v->tok_libelf, sizeof v->tok_libelf, "agree");
      v->pair[PAIR_LIBELF] = 2;
    }
  } else {
    reads = diff_libelf_reads(e);
    snprintf(v->tok_libelf, sizeof v->tok_libelf, "%s", reads ? "reads" : "refuses");
    if (reads) {
      add_class(v, "cwasm-rejects.%s", cwasm_status_name(cw->elf_strict));
      v->pair[PAIR_LIBELF] = 3;
    } else {
      v->pair[PAIR_LIBELF] = 1;
    }
  }
  if (e) elf_end(e);
  free(img);
}

/* ------------------------------------------------------------ readelf */

/* binutils' printable_section_name (readelf.c): control bytes as ^X, other
 * non-printable bytes as <XX>, at most 256 output bytes. */
static void printable_name(const char *p, size_t n, char *out) {
  static const char hex[] = "0123456789ABCDEF";
  size_t remaining = 256, o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c < 0x20 || c == 0x7f) {
      if (remaining < 2) break;
      out[o++] = '^';
      out[o++] = (char)(unsigned char)(c + 0x40);
      remaining -= 2;
    } else if (c < 0x7f) {
      out[o++] = (char)c;
      remaining -= 1;
    } else {
      if (remaining < 4) break;
      out[o++] = '<';
      out[o++] = hex[c >> 4];
      out[o++] = hex[c & 15];
      out[o++] = '>';
      remaining -= 4;
    }
    if (remaining == 0) break;
  }
  out[o] = 0;
}

/* readelf's name for a section type, when it does not depend on the machine
 * or OS (NULL: not comparable). */
static bool type_name(uint32_t t, char *out, size_t size) {
  static const char *const generic[] = {
      "NULL", "PROGBITS", "SYMTAB", "STRTAB", "RELA", "HASH", "DYNAMIC", "NOTE", "NOBITS",
      "REL", "SHLIB", "DYNSYM", NULL, NULL, "INIT_ARRAY", "FINI_ARRAY", "PREINIT_ARRAY",
      "GROUP", "SYMTAB SECTION INDICES", "RELR"};
  if (t < sizeof generic / sizeof generic[0] && generic[t]) {
    snprintf(out, size, "%s", generic[t]);
    return true;
  }
  if (t >= 0x60000000u && t <= 0x7fffffffu) return false; /* OS / processor specific names */
  if (t >= 0x80000000u) {
    snprintf(out, size, "LOUSER+%#x", t - 0x80000000u);
    return true;
  }
  snprintf(out, size, "%08x: <unknown>", t);
  return true;
}

static void compare_readelf(const cw_reading *cw, const re_result *re, verdicts *v) {
  bool accepts = re->ran && !re->error && re->table && re->count_seen &&
                 (re->n == re->count || re->truncated);
  char s[80];
  if (!re->ran) {
    snprintf(v->tok_readelf, sizeof v->tok_readelf, "no-output");
    accepts = false;
  }
  if (!accepts) {
    if (re->error)
      slug(re->first_error, s, sizeof s);
    else
      snprintf(s, sizeof s, "%s", !re->ran ? "no-output" : !re->table ? "no-table" : "short-table");
    snprintf(v->tok_readelf, sizeof v->tok_readelf, "refuses:%s", s);
    if (cw->elf_strict == CWASM_OK) {
      add_class(v, "readelf.refuses.%s", s);
      v->pair[PAIR_READELF] = 3;
    } else {
      v->pair[PAIR_READELF] = 1;
    }
    return;
  }
  if (cw->elf_lenient != CWASM_OK) {
    add_class(v, "cwasm-rejects.%s", cwasm_status_name(cw->elf_strict));
    snprintf(v->tok_readelf, sizeof v->tok_readelf, "reads");
    v->pair[PAIR_READELF] = 3;
    return;
  }
  /* both read it: compare the tables */
  {
    const char *bad = NULL;
    char detail[96] = "";
    if (re->count != cw->elf.shnum) bad = "count";
    for (size_t i = 0; !bad && i < re->n && i < cw->elf.shnum; i++) {
      const re_section *rs = &re->s[i];
      cwasm_section cs;
      cwasm_diag d;
      cwasm_status st = cwasm_elf_section(&cw->elf, i, &cs, &d);
      char want[1100];
      snprintf(detail, sizeof detail, "section %zu", i);
      if (st == CWASM_OK || st == CWASM_E_ELF_SECTION_RANGE) {
        printable_name(cs.name.p, cs.name.n, want);
        if (strcmp(want, rs->name) != 0) bad = "name";
      } else if (st == CWASM_E_ELF_NAME_RANGE) {
        if (strcmp(rs->name, "<corrupt>") != 0 && strcmp(rs->name, "<no-strings>") != 0) bad = "name";
      } /* E_ELF_NAME_UNTERMINATED: readelf reads on to its own NUL; not compared */
      if (!bad && type_name(cs.type, want, sizeof want) && strcmp(want, rs->type) != 0) bad = "type";
      if (!bad && cs.addr != rs->addr) bad = "addr";
      if (!bad && cs.offset != rs->offset) bad = "offset";
      if (!bad && cs.size != rs->size) bad = "size";
      if (!bad && cs.entsize != rs->entsize) bad = "entsize";
      if (!bad && cs.flags != rs->flags) bad = "flags";
      if (!bad && cs.link != rs->link) bad = "link";
      if (!bad && cs.info != rs->info) bad = "info";
      if (!bad && cs.addralign != rs->align) bad = "align";
    }
    if (bad) {
      add_class(v, "readelf.mismatch.%s", bad);
      snprintf(v->tok_readelf, sizeof v->tok_readelf, "mismatch:%s:%s", bad, detail);
      v->pair[PAIR_READELF] = 4;
      return;
    }
  }
  if (cw->elf_strict != CWASM_OK) {
    add_class(v, "cwasm-rejects.%s", cwasm_status_name(cw->elf_strict));
    snprintf(v->tok_readelf, sizeof v->tok_readelf, "agrees-with-lenient");
    v->pair[PAIR_READELF] = 3;
    return;
  }
  snprintf(v->tok_readelf, sizeof v->tok_readelf, "agree");
  v->pair[PAIR_READELF] = 2;
}

/* ------------------------------------------------------------- object */

typedef struct hdr {
  bool elf, is64;
  uint8_t osabi, abiversion;
  uint32_t flags;
} hdr;

static void read_hdr(const uint8_t *p, size_t n, hdr *h) {
  memset(h, 0, sizeof *h);
  if (n < 52 || memcmp(p, "\177ELF", 4) != 0) return;
  h->elf = true;
  h->is64 = p[4] == 2;
  h->osabi = p[7];
  h->abiversion = p[8];
  {
    size_t at = h->is64 ? 48 : 36;
    bool big = p[5] == 2;
    if (at + 4 <= n)
      h->flags = big ? ((uint32_t)p[at] << 24 | (uint32_t)p[at + 1] << 16 | (uint32_t)p[at + 2] << 8 | p[at + 3])
                     : ((uint32_t)p[at + 3] << 24 | (uint32_t)p[at + 2] << 16 | (uint32_t)p[at + 1] << 8 | p[at]);
  }
}

/*
 * Wasmtime's header test after object parsed the file (spec §2.4 step 2),
 * for whichever kind the caller expects: NULL if it passes, else the rule.
 *   A (v3-v21)      EI_OSABI 200, EI_ABIVERSION 0, e_flags == kind
 *   C, Cu (v32-v42) EI_OSABI 200, EI_ABIVERSION 0, e_flags contains kind (D's rule;
 *                   v28-v31 still compared exactly, which mode A's result shows)
 *   E (v43+)        e_flags contains kind; EI_OSABI and EI_ABIVERSION not looked at
 */
static const char *header_rule(int mode, const hdr *h) {
  if (mode != OBJ_E) {
    if (h->osabi != 200) return "osabi";
    if (h->abiversion != 0) return "abiversion";
  }
  if (mode == OBJ_A) return (h->flags == 1 || h->flags == 2) ? NULL : "e_flags-exact";
  return (h->flags & 3u) ? NULL : "e_flags-kind";
}

static void compare_object(int mode, const uint8_t *p, size_t n, const cw_reading *cw,
                           const obj_result *o, verdicts *v) {
  unsigned char *pair = &v->pair[PAIR_OBJ + mode];
  hdr h;
  bool found = o->kind == 'o' && strcmp(o->framing, "ok") == 0;
  const char *rule;
  read_hdr(p, n, &h);
  rule = found ? header_rule(mode, &h) : NULL;

  /* which section each side picks, even when cwasm only reads it leniently */
  if ((o->kind == 'o' || o->kind == 'd') && cw->elf_lenient == CWASM_OK && cw->eng.count > 0) {
    uint64_t want = mode == OBJ_E ? cw->eng.last_index : cw->eng.first_index;
    if (o->index != want) add_class(v, "object.pick-differs");
  }

  if (cw->strict_engine) {
    if (found && !rule) {
      if (o->index != cw->eng_index || o->offset != cw->eng_offset || o->len != cw->eng_len ||
          o->hash != cw->eng_hash) {
        add_class(v, "object.engine-differs");
        *pair = 4;
      } else {
        *pair = 2;
      }
      return;
    }
    *pair = 3;
    if (found) {
      add_class(v, "object.era-header.%s", rule);
    } else if (o->kind == 'o') {
      add_class(v, "object.framing.%s", o->framing);
    } else if (o->kind == 'e' && !h.is64 && mode != OBJ_A) {
      add_class(v, "object.era-elf32");
    } else {
      char s[80];
      switch (o->kind) {
        case 'n': snprintf(s, sizeof s, "no-engine-section"); break;
        case 'd': slug(o->msg, s, sizeof s); memmove(s + 5, s, strlen(s) + 1); memcpy(s, "data-", 5); break;
        case 'p': snprintf(s, sizeof s, "panic"); break;
        case 'e': {
          char t[72];
          slug(o->msg, t, sizeof t);
          snprintf(s, sizeof s, "%s-%s", o->step, t);
          break;
        }
        default: snprintf(s, sizeof s, "not-run"); break;
      }
      add_class(v, "object.refuses.%s", s);
    }
    return;
  }
  if (found && !rule) {
    add_class(v, "cwasm-rejects.%s", cwasm_status_name(cw->parse_strict));
    *pair = 3;
    return;
  }
  *pair = 1;
}

/* ------------------------------------------------------------- all */

void classify_local(const uint8_t *p, size_t n, const cw_reading *cw, verdicts *v) {
  memset(v, 0, sizeof *v);
  snprintf(v->tok_cwasm, sizeof v->tok_cwasm, "elf=%s/%s parse=%s/%s",
           cwasm_status_name(cw->elf_strict), cwasm_status_name(cw->elf_lenient),
           cw->strict_engine ? "ENGINE" : cwasm_status_name(cw->parse_strict),
           cw->lenient_engine ? "ENGINE" : cwasm_status_name(cw->parse_lenient));
  compare_libelf(p, n, cw, v);
}

void classify_external(const uint8_t *p, size_t n, const cw_reading *cw, const re_result *re,
                       const obj_line *ob, bool have_readelf, const bool have_obj[OBJ_MODES],
                       verdicts *v) {
  if (have_readelf)
    compare_readelf(cw, re, v);
  else
    snprintf(v->tok_readelf, sizeof v->tok_readelf, "not-run");
  for (int m = 0; m < OBJ_MODES; m++)
    if (have_obj[m]) compare_object(m, p, n, cw, &ob->m[m], v);
}
