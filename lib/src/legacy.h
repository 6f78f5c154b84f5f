#ifndef CWASM_LEGACY_H
#define CWASM_LEGACY_H

#include "internal.h"

/* Input starts with the pre-ELF legacy marker (Wasmtime 0.26 .. 0.29). */
bool legacy_has_prefix(span s);
/* Returns CWASM_E_LEGACY_ARTIFACT (filling out->kind/legacy_version) or CWASM_E_LEGACY_TRAILER. */
cwasm_status legacy_from_prefix(span whole, cwasm_artifact *out, cwasm_diag *diag);
/* After an ELF without engine section: CWASM_E_ENGINE_MISSING when no trailer
 * is found (diag untouched), else as legacy_from_prefix. */
cwasm_status legacy_after_elf(span whole, const cwasm_elf *elf, cwasm_artifact *out, cwasm_diag *diag);

#endif
