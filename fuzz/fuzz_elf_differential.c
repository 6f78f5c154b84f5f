/*
 * fuzz_elf_differential: cwasm's ELF reader against libelf (elfutils).
 *
 * For every input cwasm accepts (lenient mode, the superset of strict), libelf
 * reads the same bytes and the two readings must agree on: the ELF header
 * fields, the section count (extended numbering applied), the name-table
 * index, every section header, every section name, every section's data
 * range and bytes, and which sections are called `.wasmtime.engine` (count,
 * first, last) and the bytes of the one cwasm picks. Any difference prints
 * both readings and abort()s, and so does libelf refusing a file cwasm
 * accepts.
 *
 * The comparison and its documented exclusions (X1-X7: inputs cwasm rejects,
 * data of a SHT_NULL section 0, SHT_NOBITS data, zero-size ranges, libelf's
 * entry-size rule, SHF_COMPRESSED name tables, inputs shorter than a header)
 * live in differential_common.h, shared with tools/differential, so the
 * fuzzer and the corpus-wide driver apply one copy of the rules. This file
 * adds the fuzz_common.h invariants on every section cwasm reads.
 *
 * libelf is only an oracle: it is linked into this harness and nowhere else.
 * It is not built with the sanitizers, so this harness is left out of MSan
 * builds (MSan would report every byte libelf writes as uninitialised).
 */
#include <stdlib.h>

#include "differential_common.h"
#include "fuzz_common.h"

static void each_section(void *ctx, const cwasm_elf *ce, size_t index, const cwasm_section *cs,
                         cwasm_status st, const cwasm_diag *d) {
  const fuzz_input *in = ctx;
  fuzz_check_status(st, d, in->n, "cwasm_elf_section");
  fuzz_check_section(in, ce, index, cs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int inited;
  fuzz_input in = {data, size};
  cwasm_options lopt;
  cwasm_elf ce;
  cwasm_engine g;
  cwasm_warnings w;
  cwasm_diag d;
  cwasm_status est;
  diff_result r;
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

  memset(&w, 0, sizeof w);
  fuzz_diag_poison(&d);
  est = cwasm_engine_find(&ce, &lopt, &g, &w, &d);
  fuzz_check_status(est, &d, size, "cwasm_engine_find");

  /* libelf gets its own copy: elf_memory takes a writable image. */
  img = malloc(size);
  if (!img) return 0;
  memcpy(img, data, size);
  e = elf_memory(img, size);
  if (!e) {
    fprintf(stderr, "\n==cwasm-fuzz== cwasm accepts, elf_memory fails: %s\n", elf_errmsg(-1));
    abort();
  }
  if (diff_libelf_compare(data, size, &ce, e, &g, est, each_section, &in, &r) != DIFF_AGREE) {
    fprintf(stderr, "\n==cwasm-fuzz== cwasm and libelf DISAGREE (%s, %s): %s\n",
            r.outcome == DIFF_LIBELF_REFUSES ? "libelf refuses what cwasm reads" : "readings differ",
            r.what, r.detail);
    fflush(stderr);
    abort();
  }
  elf_end(e);
  free(img);
  return 0;
}
