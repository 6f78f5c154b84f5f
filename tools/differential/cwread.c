/* cwasm's readings of one input, in the modes the comparisons need. */
#include <string.h>

#include "diff.h"

/* cwasm_artifact is about 8 KiB: one per process, not per call on the stack. */
static cwasm_artifact art;

void cw_read(const uint8_t *p, size_t n, cw_reading *r) {
  cwasm_options strict, lenient;
  cwasm_warnings w;
  cwasm_diag d;
  cwasm_elf se;

  memset(r, 0, sizeof *r);
  memset(&strict, 0, sizeof strict);
  memset(&lenient, 0, sizeof lenient);
  lenient.flags = CWASM_OPT_LENIENT;

  /* the ELF level alone, both modes (libelf and readelf are compared here) */
  memset(&w, 0, sizeof w);
  r->elf_strict = cwasm_elf_parse(p, n, &strict, &se, &w, &d);
  memset(&w, 0, sizeof w);
  r->elf_lenient = cwasm_elf_parse(p, n, &lenient, &r->elf, &w, &d);
  r->eng_lenient = CWASM_E_ENGINE_MISSING;
  if (r->elf_lenient == CWASM_OK) {
    memset(&w, 0, sizeof w);
    r->eng_lenient = cwasm_engine_find(&r->elf, &lenient, &r->eng, &w, &d);
  }

  /* the whole pipeline up to the engine section (the object oracle is compared here):
   * cwasm_parse also applies the Wasmtime-writer rules (EI_OSABI, e_flags, e_type ...) */
  r->parse_strict = cwasm_parse(p, n, &strict, &art, &d);
  r->strict_engine = (art.stages & CWASM_STAGE_ENGINE) != 0;
  if (r->strict_engine) {
    r->eng_index = art.engine.section.index;
    r->eng_offset = art.engine.section.offset;
    r->eng_len = art.engine.section.data.n;
    r->eng_hash = fnv1a64(art.engine.section.data.p, art.engine.section.data.n);
  }
  r->parse_lenient = cwasm_parse(p, n, &lenient, &art, &d);
  r->lenient_engine = (art.stages & CWASM_STAGE_ENGINE) != 0;
}
