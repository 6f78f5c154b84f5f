/*
 * fuzz_inspect: the whole pipeline, as `cwasm inspect` runs it.
 *
 * cwasm_parse in strict and lenient mode (lenient twice: deterministic), every
 * flag of both lists iterated, every diagnostic and warning formatted
 * (fuzz_check_artifact). Then the pipeline is held to its own stages:
 *
 *   - strict success implies lenient success with the same engine bytes,
 *     the same release and the same metadata;
 *   - a success equals what the stages give when called one by one
 *     (cwasm_elf_parse, cwasm_engine_find, cwasm_version_parse,
 *     cwasm_metadata_decode under the layout chosen);
 *   - forcing the release the lenient parse chose decodes the same metadata;
 *     forcing a release that does not exist fails with E_RELEASE_UNKNOWN;
 *   - a legacy prefix (cwasm_detect says LEGACY) is reported as legacy.
 *
 * The policy checker (`cwasm check`) has its own harness, fuzz_check.c.
 */
#include "fuzz_common.h"

static cwasm_status parse(const fuzz_input *in, const cwasm_options *opt, cwasm_artifact *a,
                          cwasm_diag *d) {
  fuzz_diag_poison(d);
  return cwasm_parse(in->p, in->n, opt, a, d);
}

/* Parse and check the result; with `twice`, parse again and compare field
 * by field. (Only lenient mode is parsed twice: strict mode is compared with
 * lenient mode, and each parse can cost 31 metadata decodes when the layout
 * has to be inferred.) */
static cwasm_status parse_checked(const fuzz_input *in, const cwasm_options *opt,
                                  cwasm_artifact *a, cwasm_artifact *scratch, cwasm_diag *d,
                                  bool twice) {
  cwasm_diag d2;
  cwasm_status st = parse(in, opt, a, d), st2;
  fuzz_check_artifact(in, opt, st, a, d);
  if (!twice) return st;
  st2 = parse(in, opt, scratch, &d2);
  FUZZ_CHECK(st == st2, "cwasm_parse not deterministic: %s vs %s", cwasm_status_name(st),
             cwasm_status_name(st2));
  fuzz_eq_artifact("cwasm_parse twice", a, scratch);
  fuzz_eq_diag("cwasm_parse twice", d, &d2);
  return st;
}

/* A successful parse is the composition of its stages. */
static void check_stages(const fuzz_input *in, const cwasm_options *opt, const cwasm_artifact *a) {
  cwasm_elf e;
  cwasm_engine g;
  cwasm_version v;
  cwasm_metadata m;
  cwasm_warnings w;
  cwasm_diag d;
  memset(&w, 0, sizeof w);
  fuzz_diag_poison(&d);
  FUZZ_CHECK(cwasm_elf_parse(in->p, in->n, opt, &e, &w, &d) == CWASM_OK,
             "pipeline accepts, cwasm_elf_parse rejects with %s", cwasm_status_name(d.code));
  fuzz_eq_elf("pipeline vs cwasm_elf_parse", &a->elf, &e);
  fuzz_diag_poison(&d);
  FUZZ_CHECK(cwasm_engine_find(&e, opt, &g, &w, &d) == CWASM_OK,
             "pipeline accepts, cwasm_engine_find rejects with %s", cwasm_status_name(d.code));
  fuzz_eq_engine("pipeline vs cwasm_engine_find", &a->engine, &g);
  fuzz_diag_poison(&d);
  {
    cwasm_status vs = cwasm_version_parse(g.version, g.version_offset, &v, &d);
    if (!(opt->flags & CWASM_OPT_LENIENT))
      FUZZ_CHECK(vs == CWASM_OK, "strict pipeline accepts an invalid version string");
    fuzz_eq_version("pipeline vs cwasm_version_parse", &a->version, &v);
  }
  fuzz_diag_poison(&d);
  FUZZ_CHECK(cwasm_metadata_decode(g.metadata, g.metadata_offset, a->meta.layout, opt, &m, &d) ==
                 CWASM_OK,
             "pipeline accepts, metadata_decode under %s rejects with %s", a->meta.layout->name,
             cwasm_status_name(d.code));
  fuzz_eq_meta("pipeline vs cwasm_metadata_decode", &a->meta, &m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size};
  static cwasm_artifact sa, la, scratch, fa; /* ~4 KiB each: kept off the stack */
  cwasm_options sopt, lopt, fopt;
  cwasm_diag sd, ld, fd;
  cwasm_status ss, ls, fs;

  fuzz_check_tables_once();
  memset(&sopt, 0, sizeof sopt);
  lopt = sopt;
  lopt.flags = CWASM_OPT_LENIENT;

  ss = parse_checked(&in, &sopt, &sa, &scratch, &sd, false);
  ls = parse_checked(&in, &lopt, &la, &scratch, &ld, true);

  if (ss == CWASM_OK) {
    FUZZ_CHECK(ls == CWASM_OK, "strict accepts, lenient rejects with %s", cwasm_status_name(ls));
    FUZZ_CHECK(sa.engine.section.data.p == la.engine.section.data.p &&
                   sa.engine.section.data.n == la.engine.section.data.n &&
                   sa.engine.metadata.p == la.engine.metadata.p,
               "strict and lenient read different engine bytes");
    FUZZ_CHECK(sa.release == la.release && sa.layout_source == la.layout_source,
               "strict and lenient chose different releases");
    fuzz_eq_meta("strict vs lenient metadata", &sa.meta, &la.meta);
    FUZZ_CHECK(la.warnings.count + la.warnings.dropped >= sa.warnings.count + sa.warnings.dropped,
               "lenient mode reports fewer warnings than strict");
    check_stages(&in, &sopt, &sa);
  }
  if (ls == CWASM_OK) check_stages(&in, &lopt, &la);

  if (cwasm_detect(data, size) == CWASM_KIND_LEGACY)
    FUZZ_CHECK(ls == CWASM_E_LEGACY_ARTIFACT || ls == CWASM_E_LEGACY_TRAILER,
               "legacy prefix parsed with %s", cwasm_status_name(ls));

  /* Forcing the release lenient mode chose decodes the same metadata. */
  if (ls == CWASM_OK) {
    fopt = lopt;
    fopt.release = la.release->major;
    fs = parse(&in, &fopt, &fa, &fd);
    fuzz_check_artifact(&in, &fopt, fs, &fa, &fd);
    FUZZ_CHECK(fs == CWASM_OK, "release %u forced: %s", fopt.release, cwasm_status_name(fs));
    FUZZ_CHECK(fa.layout_source == CWASM_LAYOUT_FORCED && fa.release == la.release,
               "forced release not used");
    fuzz_eq_meta("forced vs chosen release", &la.meta, &fa.meta);
  }
  /* A release that does not exist is refused once the metadata is reached. */
  if (la.stages & CWASM_STAGE_VERSION) {
    fopt = lopt;
    fopt.release = CWASM_LAST_RELEASE + 1;
    fs = parse(&in, &fopt, &fa, &fd);
    fuzz_check_artifact(&in, &fopt, fs, &fa, &fd);
    FUZZ_CHECK(fs == CWASM_E_RELEASE_UNKNOWN, "unknown release forced: %s",
               cwasm_status_name(fs));
  }
  return 0;
}
