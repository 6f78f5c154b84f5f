#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

typedef struct status_row {
  cwasm_status code;
  const char *name;
  const char *message;
  cwasm_status_class cls;
} status_row;

static const status_row rows[] = {
#define X(name, num, cls, msg) {CWASM_##name, #name, msg, CWASM_CLASS_##cls},
#include "cwasm/errors.def"
#undef X
};

#define NROWS (sizeof rows / sizeof rows[0])

/*
 * Lookups by code are O(1): `slot` maps every number of the documented
 * ranges (0-699, errors.def) to 1 + its row index, 0 for a number that is
 * no code. Both tables are constant initialisers generated from errors.def:
 * nothing to set up at run time, nothing to lock.
 *
 * Compile-time guarantees: a code of 700 or more does not compile (an
 * initialiser index past the array), two codes with one number do not
 * compile (the enumerators STATUS_NUMBER_<num> would clash), and neither
 * does a table too long for the one-byte slots.
 */
#define STATUS_NUMBER_LIMIT 700u

enum status_row_index {
#define X(name, num, cls, msg) ROW_##name,
#include "cwasm/errors.def"
#undef X
  ROW__COUNT
};

enum status_number_unique {
#define X(name, num, cls, msg) STATUS_NUMBER_##num,
#include "cwasm/errors.def"
#undef X
  STATUS_NUMBER__UNUSED
};

_Static_assert(ROW__COUNT == NROWS, "errors.c: row index and table disagree");
_Static_assert(ROW__COUNT < 255, "errors.c: the slot table holds one byte per code");

static const uint8_t slot[STATUS_NUMBER_LIMIT] = {
#define X(name, num, cls, msg) [num] = (uint8_t)(ROW_##name + 1),
#include "cwasm/errors.def"
#undef X
};

static const status_row *find_row(cwasm_status s) {
  /* through unsigned: a negative enum value is out of range too */
  unsigned n = (unsigned)s;
  unsigned k = n < STATUS_NUMBER_LIMIT ? slot[n] : 0u;
  return k ? &rows[k - 1u] : NULL;
}

const char *cwasm_status_name(cwasm_status s) {
  const status_row *r = find_row(s);
  return r ? r->name : "UNKNOWN";
}

const char *cwasm_status_message(cwasm_status s) {
  const status_row *r = find_row(s);
  return r ? r->message : "unknown status code";
}

cwasm_status_class cwasm_status_class_of(cwasm_status s) {
  const status_row *r = find_row(s);
  return r ? r->cls : CWASM_CLASS_UNKNOWN;
}

int cwasm_status_from_name(const char *name, cwasm_status *out) {
  if (!name || !out) return -1;
  for (size_t i = 0; i < NROWS; i++) {
    if (strcmp(rows[i].name, name) == 0) {
      *out = rows[i].code;
      return 0;
    }
  }
  return -1;
}

size_t cwasm_status_count(void) { return NROWS; }

cwasm_status cwasm_status_at(size_t index) { return index < NROWS ? rows[index].code : CWASM_E_ARGUMENT; }

cwasm_diag *diag_or_scratch(cwasm_diag *d, cwasm_diag *scratch) { return d ? d : scratch; }

void diag_clear(cwasm_diag *d) {
  if (!d) return;
  memset(d, 0, sizeof *d);
  d->code = CWASM_OK;
  d->section = CWASM_NO_SECTION;
  d->field = "";
}

cwasm_status diag_set_v(cwasm_diag *d, cwasm_status code, uint64_t offset, uint32_t section,
                        const char *field, uint64_t actual, int has_expected, uint64_t expected) {
  if (d) {
    d->code = code;
    d->offset = offset;
    d->section = section;
    d->field = field ? field : "";
    d->actual = actual;
    d->has_actual = 1;
    d->expected = expected;
    d->has_expected = (uint8_t)has_expected;
  }
  return code;
}

cwasm_status diag_set(cwasm_diag *d, cwasm_status code, uint64_t offset, uint32_t section,
                      const char *field) {
  if (d) {
    diag_set_v(d, code, offset, section, field, 0, false, 0);
    d->has_actual = 0;
  }
  return code;
}

void warn_add_diag(cwasm_warnings *w, const cwasm_diag *d) {
  if (!w) return;
  if (w->count >= CWASM_MAX_WARNINGS) {
    w->dropped++;
    return;
  }
  w->items[w->count++] = *d;
}

void warn_add(cwasm_warnings *w, cwasm_status code, uint64_t offset, uint32_t section,
              const char *field, uint64_t actual, int has_expected, uint64_t expected) {
  cwasm_diag d;
  diag_clear(&d); /* padding too: stored warnings compare equal byte for byte */
  diag_set_v(&d, code, offset, section, field, actual, has_expected, expected);
  warn_add_diag(w, &d);
}

#define DIAG_TEXT_MAX 512

/* cwasm_diag_format's work buffer: text cut at DIAG_TEXT_MAX - 1 bytes. Written
 * by hand, not with snprintf: the check renders every artifact warning with
 * it, and the format machinery cost more than the rest of a check. */
typedef struct dtext {
  char b[DIAG_TEXT_MAX];
  size_t n;
} dtext;

static void dt_str(dtext *t, const char *s) {
  while (*s && t->n < DIAG_TEXT_MAX - 1) t->b[t->n++] = *s++;
}

/* v in base 10 or 16 (lowercase), as PRIu64 / PRIx64 print it */
static void dt_num(dtext *t, uint64_t v, unsigned base) {
  char d[24];
  size_t k = sizeof d;
  d[--k] = '\0';
  do { /* constant divisors: no div instruction */
    d[--k] = "0123456789abcdef"[base == 16 ? v & 15u : v % 10u];
    v = base == 16 ? v >> 4 : v / 10u;
  } while (v);
  dt_str(t, d + k);
}

/* " = 12 (0xc)" and the like */
static void dt_value(dtext *t, const char *label, uint64_t v) {
  dt_str(t, label);
  dt_num(t, v, 10);
  dt_str(t, " (0x");
  dt_num(t, v, 16);
  dt_str(t, ")");
}

size_t cwasm_diag_format(const cwasm_diag *d, char *buf, size_t size) {
  dtext t;
  if (!d) return 0;
  t.n = 0;
  dt_str(&t, cwasm_status_name(d->code));
  dt_str(&t, ": ");
  dt_str(&t, cwasm_status_message(d->code));
  if (d->field && d->field[0]) {
    dt_str(&t, ": ");
    dt_str(&t, d->field);
  }
  if (d->has_actual) dt_value(&t, " = ", d->actual);
  if (d->has_expected == CWASM_DIAG_LIMIT) dt_value(&t, ", limit ", d->expected);
  else if (d->has_expected) dt_value(&t, ", expected ", d->expected);
  dt_value(&t, " at offset ", d->offset);
  if (d->section != CWASM_NO_SECTION) {
    dt_str(&t, " in section ");
    dt_num(&t, d->section, 10);
  }
  if (size > 0) {
    size_t c = t.n < size - 1 ? t.n : size - 1;
    memcpy(buf, t.b, c);
    buf[c] = '\0';
  }
  return t.n;
}

const char *cwasm_library_version(void) { return CWASM_VERSION_STRING; }

const char *cwasm_kind_name(cwasm_kind k) {
  switch (k) {
    case CWASM_KIND_MODULE: return "module";
    case CWASM_KIND_COMPONENT: return "component";
    case CWASM_KIND_LEGACY: return "legacy";
    case CWASM_KIND_NONE: break;
  }
  return "none";
}

cwasm_status strict_rule(const cwasm_options *opt, cwasm_warnings *w, cwasm_diag *diag,
                         cwasm_status code, uint64_t offset, uint32_t section, const char *field,
                         uint64_t actual, int has_expected, uint64_t expected) {
  if (!opt_lenient(opt))
    return diag_set_v(diag, code, offset, section, field, actual, has_expected, expected);
  warn_add(w, code, offset, section, field, actual, has_expected, expected);
  return CWASM_OK;
}
