/*
 * fuzz_check: the policy checker, `cwasm check --host-ref`, with the host
 * itself derived from fuzz input.
 *
 * Input: byte 0 and 1 (little-endian) give the length L of the host part,
 * taken modulo the input size; bytes [2, 2+L) are the reference artifact
 * that describes the host, the rest is the artifact checked. When the
 * reference does not parse, the built-in default host of a release picked by
 * byte 0 is used instead, so the checker always runs. The CPU is injected
 * (never this machine's probe): a run is a pure function of the input.
 *
 * Invariants: cwasm_check succeeds on any parsed artifact; `compatible`
 * iff no finding; counts add up (stored + dropped = findings + warnings +
 * notes); every stored item has a code of its kind's class, a stage name,
 * NUL-terminated texts, and an offset inside the artifact when it has one;
 * checking twice gives the same report; a host made from an artifact that
 * parses strictly accepts... nothing is claimed about that in general (the
 * ISA flags need the CPU), but the report of the artifact against its own
 * reference host must have no F_VERSION, F_ARCH, F_OS or F_METADATA finding.
 *
 * Cost: the default hosts are built once per release, the strict parse of
 * the artifact serves the self check too, and the check is repeated (for
 * determinism) on the lenient artifact only.
 */
#include "fuzz_common.h"

static cwasm_report report_a, report_b;
static cwasm_artifact ref, art, strict_art;

/* cwasm_host_default is a pure function of the release: each is built once
 * (it was a fifth of this harness's time when rebuilt for every input whose
 * reference part does not parse, i.e. most inputs). */
static const cwasm_host *default_host(uint16_t release) {
  static cwasm_host hosts[CWASM_LAST_RELEASE + 1];
  static uint8_t built[CWASM_LAST_RELEASE + 1];
  if (!built[release]) {
    FUZZ_CHECK(cwasm_host_default(release, &hosts[release]) == CWASM_OK,
               "no default host for release %u", release);
    built[release] = 1;
  }
  return &hosts[release];
}

static bool terminated(const char *s, size_t cap) { return memchr(s, 0, cap) != NULL; }

static void check_report(const cwasm_report *r, size_t artifact_size) {
  uint32_t findings = 0, warnings = 0, notes = 0;
  FUZZ_CHECK(r->compatible == (r->findings == 0), "compatible %u with %u findings", r->compatible,
             r->findings);
  FUZZ_CHECK(r->count <= CWASM_REPORT_MAX_ITEMS, "count %u over capacity", r->count);
  for (uint32_t i = 0; i < r->count; i++) {
    const cwasm_finding *f = &r->items[i];
    cwasm_status_class cls = cwasm_status_class_of(f->code);
    static char buf[1024];
    FUZZ_CHECK(terminated(f->field, sizeof f->field) && terminated(f->artifact, sizeof f->artifact) &&
                   terminated(f->host, sizeof f->host) && terminated(f->message, sizeof f->message),
               "item %u: unterminated text", i);
    FUZZ_CHECK(strcmp(cwasm_check_stage_name(f->stage), "unknown") != 0, "item %u: stage %d", i,
               (int)f->stage);
    if (f->offset != CWASM_NO_OFFSET)
      FUZZ_CHECK(f->offset <= artifact_size, "item %u (%s): offset %llu beyond %zu", i,
                 cwasm_status_name(f->code), (unsigned long long)f->offset, artifact_size);
    (void)cwasm_finding_format(f, buf, sizeof buf);
    FUZZ_CHECK(terminated(buf, sizeof buf), "formatted finding unterminated");
    switch (f->kind) {
      case CWASM_ITEM_FINDING:
        findings++;
        FUZZ_CHECK(cls == CWASM_CLASS_FINDING, "finding with %s", cwasm_status_name(f->code));
        break;
      case CWASM_ITEM_WARNING:
        warnings++;
        FUZZ_CHECK(cls == CWASM_CLASS_WARNING || cls == CWASM_CLASS_ERROR,
                   "warning with %s", cwasm_status_name(f->code));
        break;
      case CWASM_ITEM_NOTE:
        notes++;
        FUZZ_CHECK(cls == CWASM_CLASS_WARNING, "note with %s", cwasm_status_name(f->code));
        break;
    }
  }
  FUZZ_CHECK(r->count + r->dropped == r->findings + r->warnings + r->notes,
             "stored %u + dropped %u != %u + %u + %u", r->count, r->dropped, r->findings, r->warnings,
             r->notes);
  FUZZ_CHECK(findings <= r->findings && warnings <= r->warnings && notes <= r->notes,
             "stored items exceed their counts");
}

static void same_report(const cwasm_report *a, const cwasm_report *b) {
  FUZZ_CHECK(a->compatible == b->compatible && a->findings == b->findings && a->warnings == b->warnings &&
                 a->notes == b->notes && a->count == b->count,
             "cwasm_check not deterministic");
  for (uint32_t i = 0; i < a->count; i++)
    FUZZ_CHECK(a->items[i].code == b->items[i].code && strcmp(a->items[i].message, b->items[i].message) == 0,
               "cwasm_check item %u differs between two runs", i);
}

static void own_host_agrees(const cwasm_report *r) {
  for (uint32_t i = 0; i < r->count; i++) {
    cwasm_status c = r->items[i].code;
    if (r->items[i].kind != CWASM_ITEM_FINDING) continue;
    FUZZ_CHECK(c != CWASM_F_VERSION && c != CWASM_F_ARCH && c != CWASM_F_OS && c != CWASM_F_METADATA,
               "an artifact checked against a host made from itself: %s (%s)", cwasm_status_name(c),
               r->items[i].message);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cwasm_options lenient = {CWASM_OPT_LENIENT, 0, 0, 0};
  cwasm_host host;
  cwasm_host_cpu cpu;
  cwasm_diag d;
  size_t split, ref_n;
  if (size < 2) return 0;
  split = ((size_t)data[0] | (size_t)data[1] << 8);
  ref_n = size - 2 ? split % (size - 2) : 0;
  const uint8_t *rp = data + 2, *ap = data + 2 + ref_n;
  size_t an = size - 2 - ref_n;

  memset(&cpu, 0, sizeof cpu);
  cpu.arch = CWASM_ARCH_X86_64;
  cpu.known = ~(uint64_t)0;
  cpu.present = (uint64_t)data[0] * 0x0101010101010101ull;

  if (cwasm_parse(rp, ref_n, &lenient, &ref, &d) != CWASM_OK ||
      cwasm_host_from_reference(&ref, &cpu, &host, &d) != CWASM_OK) {
    uint16_t release = (uint16_t)(CWASM_FIRST_RELEASE + data[0] % (CWASM_LAST_RELEASE - CWASM_FIRST_RELEASE + 1));
    host = *default_host(release);
    host.cpu = cpu;
  }

  /* the artifact: strict, then lenient (what `cwasm check --lenient` reports on) */
  cwasm_status strict_st = CWASM_E_ARGUMENT;
  for (int mode = 0; mode < 2; mode++) {
    cwasm_artifact *a = mode ? &art : &strict_art;
    cwasm_status st = cwasm_parse(ap, an, mode ? &lenient : NULL, a, &d);
    if (!mode) strict_st = st;
    if (!(a->stages & CWASM_STAGE_ELF)) continue;
    FUZZ_CHECK(cwasm_check(a, &host, &report_a) == CWASM_OK, "cwasm_check failed");
    check_report(&report_a, an);
    /* determinism: checked on the lenient artifact, which reaches every
     * stage the strict one reaches (fuzz_prepared compares whole reports of
     * repeated checks against fixed hosts, strict artifacts included) */
    if (!mode) continue;
    FUZZ_CHECK(cwasm_check(a, &host, &report_b) == CWASM_OK, "cwasm_check failed twice");
    same_report(&report_a, &report_b);
  }

  /* an artifact that parses strictly, against a host made from itself (the
   * strict parse above: parsing it again would give the same artifact) */
  if (strict_st == CWASM_OK && cwasm_host_from_reference(&strict_art, &cpu, &host, &d) == CWASM_OK) {
    FUZZ_CHECK(cwasm_check(&strict_art, &host, &report_a) == CWASM_OK, "self check failed");
    check_report(&report_a, an);
    own_host_agrees(&report_a);
  }
  return 0;
}
