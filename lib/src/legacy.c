/*
 * Artifacts from before the engine section (spec preamble): Wasmtime 0.30 ..
 * 2.x append "\0wasmtime-aot", a length byte, a version string and bincode
 * metadata after the ELF image (0.30 .. 0.35 put eight 0xff bytes first);
 * 0.26 .. 0.29 start with the marker and are not ELF. The metadata layout of
 * those releases is not specified, so only the version is reported.
 */
#include "internal.h"
#include "legacy.h"

static const uint8_t marker[13] = {0, 'w', 'a', 's', 'm', 't', 'i', 'm', 'e', '-', 'a', 'o', 't'};
static const uint8_t terminator[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

bool legacy_has_prefix(span s) { return span_starts_with(s, marker, sizeof marker); }

/* s starts at the marker. */
static cwasm_status read_trailer(span s, cwasm_artifact *out, cwasm_diag *diag) {
  uint8_t len = 0;
  span v;
  uint64_t at = s.off;
  (void)span_skip(&s, sizeof marker);
  if (!span_u8(&s, &len))
    return diag_set(diag, CWASM_E_LEGACY_TRAILER, s.off, CWASM_NO_SECTION, "legacy.version_length");
  if (!span_take(&s, len, &v))
    return diag_set_v(diag, CWASM_E_LEGACY_TRAILER, s.off - 1u, CWASM_NO_SECTION, "legacy.version_length", len,
                      CWASM_DIAG_LIMIT, s.n);
  out->kind = CWASM_KIND_LEGACY;
  out->legacy_version = span_str(v);
  out->legacy_offset = at;
  return diag_set(diag, CWASM_E_LEGACY_ARTIFACT, at, CWASM_NO_SECTION, "legacy.marker");
}

cwasm_status legacy_from_prefix(span whole, cwasm_artifact *out, cwasm_diag *diag) {
  return read_trailer(whole, out, diag);
}

cwasm_status legacy_after_elf(span whole, const cwasm_elf *elf, cwasm_artifact *out, cwasm_diag *diag) {
  span tail = span_make(NULL, 0, 0);
  size_t at;
  /* Cannot fail: cwasm_elf_parse accepted `whole` and extends image_end only
   * over ranges it proved to lie inside it. */
  (void)span_tail(whole, elf->image_end, &tail);
  if (span_starts_with(tail, terminator, sizeof terminator)) (void)span_skip(&tail, sizeof terminator);
  /* normally right at the end of the image; tolerate alignment padding */
  at = span_find(tail, marker, sizeof marker);
  if (at == tail.n) return CWASM_E_ENGINE_MISSING;
  (void)span_skip(&tail, at);
  return read_trailer(tail, out, diag);
}
