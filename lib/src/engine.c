/*
 * The engine section (spec §2.4 step 3-4, §3.3): find `.wasmtime.engine`
 * by name and split its framing. Wasmtime reads the first match (v3-v42)
 * or the last (v43+); two matches are an ambiguity, so strict mode rejects
 * them and lenient mode reads the first and records both indices.
 */
#include <string.h>

#include "internal.h"

#define SHT_PROGBITS 1u
#define SHT_NOBITS 8u

static uint64_t header_offset(const cwasm_elf *elf, uint64_t index) {
  return elf->shoff + index * elf->shentsize; /* in range: the table was validated */
}

/* Non-empty [a, a+an) and [b, b+bn) intersect; all four values lie inside the
 * input. (Callers pass the engine section, non-empty by then, and the ELF
 * header or the section table, neither of them empty.) */
static bool overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn) {
  return a < b + bn && b < a + an;
}

/*
 * The framing of a section body s: byte 0 format, byte 1 length, the version
 * string, then at least one byte of metadata. diag has been cleared. Inlined
 * into both callers: a span passed through the stack and read back at once
 * stalls store forwarding.
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline cwasm_status split_framing(span s, uint64_t base_offset, cwasm_engine *engine,
                                         cwasm_diag *diag) {
  span v = span_make(NULL, 0, 0), m = span_make(NULL, 0, 0);
  uint8_t format = 0, len = 0;
  if (!span_u8(&s, &format)) return diag_set(diag, CWASM_E_ENGINE_EMPTY, base_offset, CWASM_NO_SECTION, "engine");
  engine->format = format;
  if (format != 0)
    return diag_set_v(diag, CWASM_E_ENGINE_FORMAT, base_offset, CWASM_NO_SECTION, "engine.format", format,
                      CWASM_DIAG_EXPECTED, 0);
  if (!span_u8(&s, &len))
    return diag_set(diag, CWASM_E_ENGINE_NO_LENGTH, base_offset + 1, CWASM_NO_SECTION, "engine.version_length");
  /* Wasmtime: fewer than L + 1 bytes after the length byte is "too small" */
  if (s.n < (size_t)len + 1u)
    return diag_set_v(diag, CWASM_E_ENGINE_TOO_SMALL, base_offset + 1, CWASM_NO_SECTION, "engine.version_length",
                      len, CWASM_DIAG_LIMIT, s.n ? s.n - 1u : 0);
  /* Cannot fail: s.n > len. */
  (void)span_sub(s, 0, len, &v);
  (void)span_sub(s, len, s.n - len, &m);
  engine->version = span_bytes(v);
  engine->version_offset = v.off;
  engine->metadata = span_bytes(m);
  engine->metadata_offset = m.off;
  return CWASM_OK;
}

cwasm_status cwasm_engine_split(cwasm_bytes data, uint64_t base_offset, cwasm_engine *engine,
                                cwasm_diag *diag) {
  cwasm_diag scratch;
  if (!diag) diag = &scratch;
  diag_clear(diag);
  if (!engine || (!data.p && data.n)) return diag_set(diag, CWASM_E_ARGUMENT, base_offset, CWASM_NO_SECTION, "engine");
  return split_framing(span_from_bytes(data, base_offset), base_offset, engine, diag);
}

cwasm_status cwasm_engine_find(const cwasm_elf *elf, const cwasm_options *opt, cwasm_engine *engine,
                               cwasm_warnings *warnings, cwasm_diag *diag) {
  cwasm_diag scratch;
  cwasm_status st;
  elf_named m;
  if (!diag) diag = &scratch;
  diag_clear(diag);
  if (!elf || !engine) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "engine");
  zero_out(engine, sizeof *engine);
  /* unreadable names do not match, as Wasmtime v3-v42 skips them; strict mode already
   * rejected them. One pass over sh_name only (elf_find_named); its count saturates
   * (2^32 matches need 2^32 section headers, 160 GiB of input). The same call reads
   * the first match as cwasm_elf_section would; its status counts only after the
   * checks on the count, which come first. */
  st = elf_find_named(elf, CWASM_ENGINE_SECTION_NAME, sizeof CWASM_ENGINE_SECTION_NAME - 1, &m,
                      &engine->section, diag);
  engine->count = m.count;
  engine->first_index = (uint32_t)m.first;
  engine->last_index = (uint32_t)m.last;
  if (m.count == 0)
    return diag_set(diag, CWASM_E_ENGINE_MISSING, elf->shoff, CWASM_NO_SECTION, "section names");
  if (m.count > 1) {
    if (!opt_lenient(opt)) {
      /* the section is not read before this failure: leave it zeroed */
      zero_out(&engine->section, sizeof engine->section);
      return diag_set_v(diag, CWASM_E_ENGINE_DUPLICATE, header_offset(elf, m.second), (uint32_t)m.second, "sh_name",
                        m.count, CWASM_DIAG_EXPECTED, 1);
    }
    warn_add(warnings, CWASM_W_ENGINE_DUPLICATE, header_offset(elf, m.second), (uint32_t)m.second, "sh_name",
             m.count, CWASM_DIAG_EXPECTED, 1);
  }
  if (st != CWASM_OK) return st;
  if (engine->section.type == SHT_NOBITS)
    return diag_set_v(diag, CWASM_E_ENGINE_EMPTY, header_offset(elf, engine->first_index) + 4u,
                      engine->first_index, "sh_type", SHT_NOBITS, 0, 0);
  /* An empty section's sh_offset may point anywhere: blame its sh_size, which is inside the input. */
  if (engine->section.data.n == 0)
    return diag_set_v(diag, CWASM_E_ENGINE_EMPTY,
                      header_offset(elf, engine->first_index) + (elf->elf_class == 64 ? 32u : 20u),
                      engine->first_index, "sh_size", 0, 0, 0);
  if (engine->section.type != SHT_PROGBITS)
    warn_add(warnings, CWASM_W_ENGINE_TYPE, header_offset(elf, engine->first_index) + 4u, engine->first_index,
             "sh_type", engine->section.type, CWASM_DIAG_EXPECTED, SHT_PROGBITS);
  {
    uint64_t off = engine->section.offset, n = engine->section.data.n;
    uint64_t table = elf->shnum * elf->shentsize;
    if (overlaps(off, n, 0, elf->elf_class == 64 ? 64u : 52u) ||
        overlaps(off, n, elf->shoff, table))
      CWASM_TRY(strict_rule(opt, warnings, diag, CWASM_E_ENGINE_OVERLAP, header_offset(elf, engine->first_index),
                            engine->first_index, "sh_offset", off, 0, 0));
  }
  /* diag is still clear here (a lenient overlap is a warning), as cwasm_engine_split would leave it */
  st = split_framing(span_from_bytes(engine->section.data, engine->section.offset), engine->section.offset, engine,
                     diag);
  if (st != CWASM_OK) diag->section = engine->first_index; /* the split knows no section */
  return st;
}
