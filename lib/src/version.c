/*
 * Version strings (spec §3.2). Wasmtime's default strategy writes the full
 * crate version "X.Y.Z" up to v37 and the bare major "X" from v38.0.1;
 * Custom strings are arbitrary; None is empty. A string is "release-shaped"
 * when it is X.Y.Z or X with decimal components without leading zeros.
 */
#include <string.h>

#include "internal.h"

/* Parse a decimal component of s starting at *i; no leading zeros, <= 65535. */
static bool parse_component(cwasm_str s, size_t *i, uint16_t *out) {
  uint32_t v = 0;
  size_t start = *i;
  while (*i < s.n && s.p[*i] >= '0' && s.p[*i] <= '9') {
    v = v * 10u + (uint32_t)(s.p[*i] - '0');
    if (v > 65535u) return false;
    (*i)++;
  }
  if (*i == start) return false;
  if (*i - start > 1 && s.p[start] == '0') return false;
  *out = (uint16_t)v;
  return true;
}

const char *cwasm_version_kind_name(cwasm_version_kind k) {
  switch (k) {
    case CWASM_VERSION_NONE: return "none";
    case CWASM_VERSION_RELEASE: return "release";
    case CWASM_VERSION_CUSTOM: return "custom";
    case CWASM_VERSION_UNKNOWN_RELEASE: return "unknown-release";
  }
  return "unknown";
}

cwasm_status cwasm_version_parse(cwasm_bytes bytes, uint64_t base_offset, cwasm_version *out,
                                 cwasm_diag *diag) {
  cwasm_diag scratch;
  span s = span_from_bytes(bytes, base_offset);
  size_t bad = 0, i = 0;
  diag = diag_or_scratch(diag, &scratch);
  diag_clear(diag);
  if (!out || (!bytes.p && bytes.n)) return diag_set(diag, CWASM_E_ARGUMENT, base_offset, CWASM_NO_SECTION, "version");
  memset(out, 0, sizeof *out);
  out->text = span_str(s);
  if (s.n == 0) {
    out->kind = CWASM_VERSION_NONE;
    out->utf8_valid = 1;
    return CWASM_OK;
  }
  if (!span_utf8_valid(s, &bad)) {
    out->kind = CWASM_VERSION_CUSTOM;
    return diag_set_v(diag, CWASM_E_VERSION_UTF8, base_offset + bad, CWASM_NO_SECTION, "version", bad, 0, 0);
  }
  out->utf8_valid = 1;
  out->kind = CWASM_VERSION_CUSTOM;

  cwasm_str t = out->text;
  uint16_t major = 0, minor = 0, patch = 0;
  if (!parse_component(t, &i, &major)) return CWASM_OK;
  if (i == t.n) {
    out->full_form = 0;
  } else {
    if (t.p[i] != '.') return CWASM_OK;
    i++;
    if (!parse_component(t, &i, &minor) || i >= t.n || t.p[i] != '.') return CWASM_OK;
    i++;
    if (!parse_component(t, &i, &patch) || i != t.n) return CWASM_OK;
    out->full_form = 1;
  }
  out->major = major;
  out->minor = minor;
  out->patch = patch;
  const cwasm_release *r = cwasm_release_get(major);
  if (!r) {
    out->kind = CWASM_VERSION_UNKNOWN_RELEASE;
    return CWASM_OK;
  }
  out->kind = CWASM_VERSION_RELEASE;
  out->canonical = (uint8_t)(out->full_form == r->version_full);
  return CWASM_OK;
}
