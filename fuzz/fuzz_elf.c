/*
 * fuzz_elf: the ELF stage — cwasm_detect, cwasm_elf_parse (strict and
 * lenient, and under a tiny section limit) and cwasm_elf_section over every
 * index of the table, with the invariants of fuzz_common.h.
 *
 * Input: any bytes (an ELF file, usually a .cwasm).
 */
#include "fuzz_common.h"

static void check_detect(const fuzz_input *in) {
  cwasm_kind k = cwasm_detect(in->p, in->n);
  FUZZ_CHECK(k <= CWASM_KIND_LEGACY, "detect returned %d", (int)k);
  /* documented: only the first 64 bytes are looked at */
  if (in->n > 64)
    FUZZ_CHECK(cwasm_detect(in->p, 64) == k, "detect reads past the first 64 bytes");
  FUZZ_CHECK(strcmp(cwasm_kind_name(k), "") != 0, "kind without a name");
}

/* Every section of a parsed ELF, and one index past the end. */
static void check_sections(const fuzz_input *in, const cwasm_elf *e, bool strict) {
  cwasm_section s, again;
  cwasm_diag d, d2;
  for (uint64_t i = 0; i < e->shnum; i++) {
    fuzz_diag_poison(&d);
    cwasm_status st = cwasm_elf_section(e, i, &s, &d);
    fuzz_check_status(st, &d, in->n, "cwasm_elf_section");
    /* strict parse validated every name and every data range */
    if (strict)
      FUZZ_CHECK(st == CWASM_OK, "strict-parsed ELF: section %llu fails with %s",
                 (unsigned long long)i, cwasm_status_name(st));
    else
      FUZZ_CHECK(st == CWASM_OK || st == CWASM_E_ELF_NAME_RANGE ||
                     st == CWASM_E_ELF_NAME_UNTERMINATED || st == CWASM_E_ELF_SECTION_RANGE,
                 "lenient-parsed ELF: section %llu fails with %s", (unsigned long long)i,
                 cwasm_status_name(st));
    fuzz_check_section(in, e, i, &s);
    if (st == CWASM_OK && s.type != FUZZ_SHT_NOBITS && !(i == 0 && s.type == FUZZ_SHT_NULL))
      FUZZ_CHECK(s.data.n == s.size, "section %llu: OK but %zu of %llu bytes",
                 (unsigned long long)i, s.data.n, (unsigned long long)s.size);
    if (s.type == FUZZ_SHT_NOBITS) FUZZ_CHECK(s.data.n == 0, "NOBITS section with data");
    /* read one section twice (which one varies with the input: reading all
     * twice would double the cost of the harness for little) */
    if (i == in->n % e->shnum) {
      fuzz_diag_poison(&d2);
      FUZZ_CHECK(cwasm_elf_section(e, i, &again, &d2) == st, "cwasm_elf_section not deterministic");
      fuzz_eq_section("cwasm_elf_section twice", &s, &again);
      fuzz_eq_diag("cwasm_elf_section twice", &d, &d2);
    }
    if (i == e->shstrndx && st == CWASM_OK) {
      FUZZ_CHECK(s.type == 3u, "name table has type %u", s.type);
      FUZZ_CHECK(s.offset == e->shstrtab_offset && s.size == e->shstrtab_size,
                 "name table section disagrees with elf.shstrtab_*");
    }
  }
  FUZZ_CHECK(cwasm_elf_section(e, e->shnum, &s, &d) == CWASM_E_ARGUMENT,
             "section index shnum accepted");
  FUZZ_CHECK(cwasm_elf_section(e, UINT64_MAX, &s, &d) == CWASM_E_ARGUMENT,
             "section index UINT64_MAX accepted");
}

/* One parse with the checks every result gets; `twice` also parses again
 * and compares field by field (done for lenient mode only: strict mode is
 * compared with lenient mode below, which is a second parse too). */
static cwasm_status parse(const fuzz_input *in, const cwasm_options *opt, cwasm_elf *e,
                          cwasm_warnings *w, cwasm_diag *d, bool twice) {
  bool strict = !(opt->flags & CWASM_OPT_LENIENT);
  const char *what = strict ? "cwasm_elf_parse(strict)" : "cwasm_elf_parse(lenient)";
  cwasm_status st;
  memset(w, 0, sizeof *w);
  fuzz_diag_poison(d);
  st = cwasm_elf_parse(in->p, in->n, opt, e, w, d);
  fuzz_check_status(st, d, in->n, what);
  fuzz_check_warnings(w, in->n, strict, what);
  if (st == CWASM_OK) fuzz_check_elf(in, e);
  if (twice) {
    cwasm_elf e2;
    cwasm_warnings w2;
    cwasm_diag d2;
    memset(&w2, 0, sizeof w2);
    fuzz_diag_poison(&d2);
    FUZZ_CHECK(cwasm_elf_parse(in->p, in->n, opt, &e2, &w2, &d2) == st, "%s not deterministic",
               what);
    fuzz_eq_elf(what, e, &e2);
    fuzz_eq_warnings(what, w, &w2);
    fuzz_eq_diag(what, d, &d2);
  }
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size};
  cwasm_options strict_opt, lenient_opt, tiny;
  cwasm_elf se, le, te;
  cwasm_warnings sw, lw, tw;
  cwasm_diag sd, ld, td;
  cwasm_status ss, ls, ts;

  fuzz_check_tables_once();
  check_detect(&in);

  memset(&strict_opt, 0, sizeof strict_opt);
  lenient_opt = strict_opt;
  lenient_opt.flags = CWASM_OPT_LENIENT;
  ss = parse(&in, &strict_opt, &se, &sw, &sd, false);
  ls = parse(&in, &lenient_opt, &le, &lw, &ld, true);
  /* every section of the table; a strict-accepted table has no bad one */
  if (ls == CWASM_OK) check_sections(&in, &le, ss == CWASM_OK);

  if (ss == CWASM_OK) {
    FUZZ_CHECK(ls == CWASM_OK, "strict accepts, lenient rejects with %s", cwasm_status_name(ls));
    fuzz_eq_elf("strict vs lenient", &se, &le);
  }
  /* Lenient mode turns every strict-only rule into a warning, so it never
   * fails with one of their codes. */
  if (ls != CWASM_OK) {
    static const cwasm_status strict_only[] = {
        CWASM_E_ELF_EXT_NUMBERING,        CWASM_E_ELF_SECTION0,     CWASM_E_ELF_SHSTRNDX_RESERVED,
        CWASM_E_ELF_SHSTRTAB_UNTERMINATED, CWASM_E_ELF_NAME_RANGE, CWASM_E_ELF_NAME_UNTERMINATED,
        CWASM_E_ELF_SECTION_RANGE};
    for (size_t i = 0; i < sizeof strict_only / sizeof strict_only[0]; i++)
      FUZZ_CHECK(ls != strict_only[i], "lenient parse fails with the strict-only %s",
                 cwasm_status_name(ls));
    FUZZ_CHECK(ss != CWASM_OK, "lenient rejects what strict accepts");
  }

  /* A detected module/component that parses is the same kind to both. */
  if (ls == CWASM_OK) {
    cwasm_kind k = cwasm_detect(data, size);
    if (k == CWASM_KIND_MODULE || k == CWASM_KIND_COMPONENT)
      FUZZ_CHECK(le.kind == k, "detect says %s, elf.kind %s", cwasm_kind_name(k),
                 cwasm_kind_name(le.kind));
  }

  /* The section limit: respected, with its own code. */
  memset(&tiny, 0, sizeof tiny);
  tiny.flags = CWASM_OPT_LENIENT;
  tiny.max_sections = 2;
  memset(&tw, 0, sizeof tw);
  fuzz_diag_poison(&td);
  ts = cwasm_elf_parse(data, size, &tiny, &te, &tw, &td);
  fuzz_check_status(ts, &td, size, "cwasm_elf_parse(max_sections 2)");
  if (ts == CWASM_OK) {
    FUZZ_CHECK(te.shnum <= 2, "%llu sections under a limit of 2", (unsigned long long)te.shnum);
    FUZZ_CHECK(ls == CWASM_OK, "accepted under a limit, rejected without one");
    fuzz_eq_elf("limit vs no limit", &te, &le);
  }
  if (ls == CWASM_OK && le.shnum <= 2) FUZZ_CHECK(ts == CWASM_OK, "limit 2 rejects 2 sections");
  if (ls == CWASM_OK && le.shnum > 2)
    FUZZ_CHECK(ts == CWASM_E_LIMIT_SECTIONS, "limit 2 with %llu sections gives %s",
               (unsigned long long)le.shnum, cwasm_status_name(ts));
  return 0;
}
