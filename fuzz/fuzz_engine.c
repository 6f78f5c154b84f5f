/*
 * fuzz_engine: the engine-section stage.
 *
 *   1. cwasm_engine_split on the raw input (the input is a section body:
 *      format byte, length byte, version string, metadata), at two base
 *      offsets, which must give the same split shifted;
 *   2. when the input parses as ELF: cwasm_engine_find in strict and lenient
 *      mode, checked against cwasm_elf_section and a second split of the
 *      section found, then cwasm_version_parse of its version string.
 *
 * The corpus mixes both shapes: whole artifacts and bare engine sections.
 */
#include "fuzz_common.h"

/* A base offset far from 0 so that offset arithmetic is exercised. */
#define FAR_BASE 0x100000000ull

static void check_raw_split(const fuzz_input *in) {
  cwasm_bytes b = {in->p, in->n};
  cwasm_engine g, far;
  cwasm_diag d, fd;
  cwasm_status st, fst;
  memset(&g, 0, sizeof g);
  memset(&far, 0, sizeof far);
  fuzz_diag_poison(&d);
  st = cwasm_engine_split(b, 0, &g, &d);
  fuzz_check_status(st, &d, in->n, "cwasm_engine_split");
  fuzz_diag_poison(&fd);
  fst = cwasm_engine_split(b, FAR_BASE, &far, &fd);
  fuzz_check_status(fst, &fd, FAR_BASE + in->n, "cwasm_engine_split(far)");
  FUZZ_CHECK(st == fst, "split status depends on the base offset: %s vs %s",
             cwasm_status_name(st), cwasm_status_name(fst));
  if (st != CWASM_OK) {
    FUZZ_CHECK(fd.offset == d.offset + FAR_BASE && fd.code == d.code,
               "diagnostic does not shift with the base: %llu vs %llu",
               (unsigned long long)d.offset, (unsigned long long)fd.offset);
    FUZZ_CHECK(st == CWASM_E_ENGINE_EMPTY || st == CWASM_E_ENGINE_FORMAT ||
                   st == CWASM_E_ENGINE_NO_LENGTH || st == CWASM_E_ENGINE_TOO_SMALL,
               "split failed with %s", cwasm_status_name(st));
    if (in->n == 0) FUZZ_CHECK(st == CWASM_E_ENGINE_EMPTY, "empty section gives %s",
                               cwasm_status_name(st));
    return;
  }
  fuzz_check_split(b, 0, &g);
  fuzz_check_split(b, FAR_BASE, &far);
  fuzz_view_at(in, g.version.p, g.version.n, g.version_offset, "split version");
  fuzz_view_at(in, g.metadata.p, g.metadata.n, g.metadata_offset, "split metadata");
  FUZZ_CHECK(g.version.p == far.version.p && g.metadata.p == far.metadata.p &&
                 g.version.n == far.version.n && g.metadata.n == far.metadata.n,
             "split views depend on the base offset");
}

static void check_find(const fuzz_input *in) {
  cwasm_options sopt, lopt;
  cwasm_elf e;
  cwasm_warnings ew, sw, lw, lw2;
  cwasm_engine sg, lg, lg2, split;
  cwasm_section sec;
  cwasm_diag d, sd, ld, ld2, xd;
  cwasm_status ss, ls;

  memset(&sopt, 0, sizeof sopt);
  lopt = sopt;
  lopt.flags = CWASM_OPT_LENIENT;
  memset(&ew, 0, sizeof ew);
  fuzz_diag_poison(&d);
  if (cwasm_elf_parse(in->p, in->n, &lopt, &e, &ew, &d) != CWASM_OK) return;

  memset(&sw, 0, sizeof sw);
  memset(&lw, 0, sizeof lw);
  memset(&lw2, 0, sizeof lw2);
  fuzz_diag_poison(&sd);
  ss = cwasm_engine_find(&e, &sopt, &sg, &sw, &sd);
  fuzz_check_status(ss, &sd, in->n, "cwasm_engine_find(strict)");
  fuzz_check_warnings(&sw, in->n, true, "cwasm_engine_find(strict)");
  fuzz_diag_poison(&ld);
  ls = cwasm_engine_find(&e, &lopt, &lg, &lw, &ld);
  fuzz_check_status(ls, &ld, in->n, "cwasm_engine_find(lenient)");
  fuzz_check_warnings(&lw, in->n, false, "cwasm_engine_find(lenient)");

  fuzz_diag_poison(&ld2);
  FUZZ_CHECK(cwasm_engine_find(&e, &lopt, &lg2, &lw2, &ld2) == ls,
             "cwasm_engine_find not deterministic");
  fuzz_eq_engine("cwasm_engine_find twice", &lg, &lg2);
  fuzz_eq_warnings("cwasm_engine_find twice", &lw, &lw2);
  fuzz_eq_diag("cwasm_engine_find twice", &ld, &ld2);

  /* The name search does not depend on the mode. */
  if (ss != CWASM_E_ENGINE_MISSING && ls != CWASM_E_ENGINE_MISSING) {
    FUZZ_CHECK(sg.count == lg.count && sg.first_index == lg.first_index &&
                   sg.last_index == lg.last_index,
               "strict and lenient find different engine sections");
  }
  FUZZ_CHECK((ss == CWASM_E_ENGINE_MISSING) == (ls == CWASM_E_ENGINE_MISSING),
             "one mode finds an engine section, the other does not");

  if (ss == CWASM_OK) {
    FUZZ_CHECK(ls == CWASM_OK, "strict find succeeds, lenient fails with %s",
               cwasm_status_name(ls));
    FUZZ_CHECK(sg.count == 1, "strict accepted %u engine sections", sg.count);
    fuzz_eq_engine("strict vs lenient engine", &sg, &lg);
  }
  if (ls != CWASM_OK) return;
  fuzz_check_engine(in, &e, &lg);
  if (lg.count > 1) {
    bool warned = false;
    for (uint32_t i = 0; i < lw.count; i++)
      if (lw.items[i].code == CWASM_W_ENGINE_DUPLICATE) warned = true;
    FUZZ_CHECK(warned || lw.dropped, "duplicate engine sections without a warning");
  }

  /* The section found is the section at that index. */
  FUZZ_CHECK(cwasm_elf_section(&e, lg.first_index, &sec, &xd) == CWASM_OK,
             "engine section %u unreadable", lg.first_index);
  fuzz_eq_section("engine section vs cwasm_elf_section", &lg.section, &sec);

  /* Splitting it again gives the same framing. */
  memset(&split, 0, sizeof split);
  FUZZ_CHECK(cwasm_engine_split(sec.data, sec.offset, &split, &xd) == CWASM_OK,
             "engine section found but its split fails with %s", cwasm_status_name(xd.code));
  FUZZ_CHECK(split.version.p == lg.version.p && split.version.n == lg.version.n &&
                 split.metadata.p == lg.metadata.p && split.metadata.n == lg.metadata.n &&
                 split.version_offset == lg.version_offset &&
                 split.metadata_offset == lg.metadata_offset,
             "engine_find and engine_split disagree");

  /* And its version string classifies. */
  {
    cwasm_version v, v2;
    cwasm_diag vd, vd2;
    fuzz_diag_poison(&vd);
    cwasm_status vs = cwasm_version_parse(lg.version, lg.version_offset, &v, &vd);
    fuzz_check_status(vs, &vd, in->n, "cwasm_version_parse(engine)");
    fuzz_check_version(lg.version, vs, &v);
    fuzz_diag_poison(&vd2);
    FUZZ_CHECK(cwasm_version_parse(lg.version, lg.version_offset, &v2, &vd2) == vs,
               "version_parse not deterministic");
    fuzz_eq_version("version_parse twice", &v, &v2);
    fuzz_eq_diag("version_parse twice", &vd, &vd2);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size};
  fuzz_check_tables_once();
  check_raw_split(&in);
  check_find(&in);
  return 0;
}
