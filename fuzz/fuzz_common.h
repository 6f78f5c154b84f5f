/*
 * Invariants shared by every cwasm fuzz harness.
 *
 * A harness that only waits for a crash learns little from a parser that
 * never crashes; these checks turn every execution into a small proof:
 *
 *   - every view the library returns lies inside the input (and, where the
 *     API gives an absolute offset with it, starts exactly there);
 *   - a failure carries an ERROR-class code, equal to the status returned,
 *     with an offset inside the input and a static field name; a success
 *     never carries an ERROR-class code;
 *   - `stages` / `meta.have` bits form a prefix;
 *   - strict acceptance implies lenient acceptance of the same bytes;
 *   - decoding twice gives the same result (compared field by field, never
 *     memcmp over padding);
 *   - the flag iterator yields exactly `count` entries and consumes exactly
 *     the bytes the decoder validated;
 *   - every diagnostic and warning of the pipeline formats, NUL-terminated, at
 *     any buffer size (fuzz_check_artifact; the stage harnesses skip it: it
 *     would cost more than the stage under test).
 *
 * A violation prints what was expected and what was found, then abort()s, so
 * libFuzzer and AFL++ record the input and the replay driver fails its test.
 *
 * Header-only (static inline), C11, libc only: the same file builds under
 * gcc for the replay driver and under clang for libFuzzer / AFL++ / MSan.
 */
#ifndef CWASM_FUZZ_COMMON_H
#define CWASM_FUZZ_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwasm/cwasm.h"

/* The entry point every harness defines (libFuzzer's contract). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ------------------------------------------------------------ failure */

#if defined(__GNUC__)
#define FUZZ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define FUZZ_NORETURN __attribute__((noreturn))
#else
#define FUZZ_PRINTF(a, b)
#define FUZZ_NORETURN
#endif

static inline FUZZ_NORETURN FUZZ_PRINTF(4, 5) void fuzz_fail(const char *file, int line,
                                                             const char *cond, const char *fmt,
                                                             ...) {
  va_list ap;
  fprintf(stderr, "\n==cwasm-fuzz== INVARIANT VIOLATED at %s:%d: %s\n==cwasm-fuzz== ", file, line,
          cond);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fflush(stderr);
  abort();
}

/* FUZZ_CHECK(condition, "printf format", args...) */
#define FUZZ_CHECK(cond, ...)                                       \
  do {                                                              \
    if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
  } while (0)

/* Field-by-field equality: names the field that differs. */
#define FUZZ_EQ_U(ctx, a, b, field)                                                          \
  FUZZ_CHECK((a).field == (b).field, "%s: field %s differs: %llu vs %llu", ctx, #field,      \
             (unsigned long long)(a).field, (unsigned long long)(b).field)
#define FUZZ_EQ_P(ctx, a, b, field)                                                       \
  FUZZ_CHECK((const void *)(a).field == (const void *)(b).field,                         \
             "%s: field %s differs: %p vs %p", ctx, #field, (const void *)(a).field,     \
             (const void *)(b).field)

/* The input a harness was given; every view must lie inside it. */
typedef struct fuzz_input {
  const uint8_t *p;
  size_t n;
} fuzz_input;

/* ------------------------------------------------------------ views */

/* [p, p+n) lies inside [outer, outer+outer_n). Empty views may point anywhere
 * (the library returns "" for unreadable names): nothing can be read there. */
static inline bool fuzz_within(const void *outer, size_t outer_n, const void *p, size_t n) {
  uintptr_t o = (uintptr_t)outer, q = (uintptr_t)p;
  if (n == 0) return true;
  if (!outer || !p || q < o) return false;
  return q - o <= outer_n && n <= outer_n - (size_t)(q - o);
}

static inline void fuzz_view_in(const fuzz_input *in, const void *p, size_t n, const char *what) {
  FUZZ_CHECK(fuzz_within(in->p, in->n, p, n),
             "%s: view %p+%zu is outside the input %p+%zu", what, p, n, (const void *)in->p,
             in->n);
}

/* A non-empty view inside the input that starts at absolute offset `off`. */
static inline void fuzz_view_at(const fuzz_input *in, const void *p, size_t n, uint64_t off,
                                const char *what) {
  fuzz_view_in(in, p, n, what);
  if (n == 0) return;
  FUZZ_CHECK((uint64_t)((const uint8_t *)p - in->p) == off,
             "%s: view starts at input offset %llu, but the library says offset %llu", what,
             (unsigned long long)((const uint8_t *)p - in->p), (unsigned long long)off);
}

/* A view inside another view (both already known to be inside the input). */
static inline void fuzz_view_within(const void *outer, size_t outer_n, const void *p, size_t n,
                                    const char *what) {
  FUZZ_CHECK(fuzz_within(outer, outer_n, p, n), "%s: view %p+%zu is outside its parent %p+%zu",
             what, p, n, outer, outer_n);
}

/* ------------------------------------------------------------ diagnostics */

static inline bool fuzz_is_prefix_mask(uint32_t bits) { return (bits & (bits + 1u)) == 0; }

/* A diagnostic as a careless caller leaves it between calls: a stale error.
 * Filled before every call so that "success never carries an ERROR code"
 * tests the library, not the harness's own initialisation. */
static inline void fuzz_diag_poison(cwasm_diag *d) {
  memset(d, 0xa5, sizeof *d);
  d->code = CWASM_E_ARGUMENT;
  d->field = "stale diagnostic from an earlier call";
}

/* The text of a diagnostic, for failure messages only (formatting is the
 * expensive part of a check: it runs only once something is wrong). */
static inline const char *fuzz_diag_text(const cwasm_diag *d) {
  static char text[1024];
  (void)cwasm_diag_format(d, text, sizeof text);
  return text;
}

/*
 * cwasm_diag_format: NUL-terminated, never past `size`, the same text
 * truncated, the same wanted length, starting with the code's name. The
 * second size varies with the diagnostic (0..64, 0 meaning a NULL buffer)
 * so that over a campaign every cut point is tried, at two snprintf-chains
 * per call.
 *
 * The text is a pure function of the diagnostic's fields (`field` is a
 * static string), and its shape (every length, every cut point) a function
 * of the code, the field, which values are shown and how many decimal and
 * hex digits each has. fuzz_format_seen remembers the shapes checked last
 * (a direct-mapped cache) and a diagnostic of a shape already checked is
 * not formatted again: the strict, lenient and forced parses of one input
 * mostly report the same diagnostics, most inputs repeat the diagnostics of
 * earlier ones but for the values, and formatting each of them every time
 * was most of fuzz_inspect's time.
 */
typedef struct fuzz_format_key {
  const char *field;
  int32_t code;
  uint8_t has_actual, has_expected, used;
  uint8_t digits[7]; /* offset, actual, expected: decimal and hex; section: decimal (0: none) */
} fuzz_format_key;

static inline uint8_t fuzz_digits(uint64_t v, unsigned base) {
  uint8_t n = 1;
  if (base == 16) {
    while (v >>= 4) n++;
  } else {
    uint64_t p = 10;
    while (n < 20 && v >= p) {
      n++;
      p *= 10;
    }
  }
  return n;
}

static inline bool fuzz_format_seen(const cwasm_diag *d) {
  static fuzz_format_key cache[1024];
  fuzz_format_key key;
  uint64_t h;
  memset(&key, 0, sizeof key);
  key.field = d->field;
  key.code = (int32_t)d->code;
  key.has_actual = d->has_actual;
  key.has_expected = d->has_expected;
  key.used = 1;
  key.digits[0] = fuzz_digits(d->offset, 10);
  key.digits[1] = fuzz_digits(d->offset, 16);
  if (d->has_actual) {
    key.digits[2] = fuzz_digits(d->actual, 10);
    key.digits[3] = fuzz_digits(d->actual, 16);
  }
  if (d->has_expected) {
    key.digits[4] = fuzz_digits(d->expected, 10);
    key.digits[5] = fuzz_digits(d->expected, 16);
  }
  if (d->section != CWASM_NO_SECTION) key.digits[6] = fuzz_digits(d->section, 10);
  h = (uint64_t)(uintptr_t)key.field * 0x9e3779b97f4a7c15ull ^ (uint64_t)(uint32_t)key.code << 20 ^
      (uint64_t)key.has_actual << 8 ^ (uint64_t)key.has_expected << 10;
  for (int i = 0; i < 7; i++) h = h * 31u + key.digits[i];
  h ^= h >> 29;
  fuzz_format_key *k = &cache[h % (sizeof cache / sizeof cache[0])];
  if (memcmp(k, &key, sizeof key) == 0) return true;
  memcpy(k, &key, sizeof key); /* padding included: zeroed above */
  return false;
}

static inline void fuzz_check_format(const cwasm_diag *d) {
  static char full[1024], small[80]; /* static: no ASan stack frame per call */
  size_t want, name_n, sz, got;
  const char *name;
  if (fuzz_format_seen(d)) return;
  want = cwasm_diag_format(d, full, sizeof full);
  name = cwasm_status_name(d->code);
  name_n = strlen(name);
  sz = (size_t)((d->offset ^ d->actual ^ (uint64_t)d->code) % 65u);
  FUZZ_CHECK(want < sizeof full, "diag_format wants %zu bytes", want);
  FUZZ_CHECK(strlen(full) == want, "diag_format returned %zu but wrote %zu chars", want,
             strlen(full));
  FUZZ_CHECK(want > name_n && strncmp(full, name, name_n) == 0,
             "diag_format does not start with the code name: \"%s\"", full);
  if (sz == 0) {
    FUZZ_CHECK(cwasm_diag_format(d, NULL, 0) == want, "diag_format(size 0) wants another length");
    return;
  }
  memset(small, 'Z', sizeof small);
  FUZZ_CHECK(cwasm_diag_format(d, small, sz) == want, "diag_format(size %zu) wants another length",
             sz);
  got = want < sz - 1 ? want : sz - 1;
  FUZZ_CHECK(small[got] == '\0' && memcmp(small, full, got) == 0,
             "diag_format(size %zu) is not the truncated text", sz);
  for (size_t k = sz; k < sizeof small; k++)
    FUZZ_CHECK(small[k] == 'Z', "diag_format(size %zu) wrote byte %zu", sz, k);
}

/* One diagnostic: a code of the table of the expected class (ERROR for a
 * failure; ERROR or WARNING for a warning, as lenient mode records strict-only
 * errors as warnings), offset <= limit, a static field name. */
static inline void fuzz_check_diag_item(const cwasm_diag *d, uint64_t limit, const char *what,
                                        bool warning) {
  cwasm_status_class c = cwasm_status_class_of(d->code);
  if (warning)
    FUZZ_CHECK(c == CWASM_CLASS_WARNING || c == CWASM_CLASS_ERROR,
               "%s: warning has code %d of class %d: %s", what, (int)d->code, (int)c,
               fuzz_diag_text(d));
  else
    FUZZ_CHECK(c == CWASM_CLASS_ERROR, "%s: failure has code %d of class %d: %s", what,
               (int)d->code, (int)c, fuzz_diag_text(d));
  FUZZ_CHECK(d->offset <= limit, "%s: diagnostic offset %llu beyond the input end %llu: %s", what,
             (unsigned long long)d->offset, (unsigned long long)limit, fuzz_diag_text(d));
  FUZZ_CHECK(d->field != NULL, "%s: diagnostic without field (code %s)", what,
             cwasm_status_name(d->code));
  FUZZ_CHECK(d->has_expected <= CWASM_DIAG_LIMIT, "%s: has_expected = %u", what,
             (unsigned)d->has_expected);
  FUZZ_CHECK(d->has_actual <= 1, "%s: has_actual = %u", what, (unsigned)d->has_actual);
}

/*
 * The status contract of every fallible call: a failure is an ERROR-class
 * code, the same one in the diagnostic, at an offset <= `limit` (the input
 * size, or base + size for calls given a base offset); a success leaves no
 * ERROR-class code behind.
 */
static inline void fuzz_check_status(cwasm_status st, const cwasm_diag *d, uint64_t limit,
                                     const char *what) {
  if (st != CWASM_OK) {
    FUZZ_CHECK(d->code == st, "%s: returned %s but the diagnostic says %s", what,
               cwasm_status_name(st), cwasm_status_name(d->code));
    fuzz_check_diag_item(d, limit, what, false);
  } else if (d->code != CWASM_OK) {
    cwasm_status_class c = cwasm_status_class_of(d->code);
    FUZZ_CHECK(c != CWASM_CLASS_ERROR, "%s: success carries the error code %s", what,
               cwasm_status_name(d->code));
    FUZZ_CHECK(c != CWASM_CLASS_UNKNOWN, "%s: success carries an unknown code %d", what,
               (int)d->code);
  }
}

/* Warnings: within capacity; each a table code at an offset <= limit. In
 * strict mode a strict-only rule fails instead of warning, so only
 * WARNING-class codes may appear there. */
static inline void fuzz_check_warnings(const cwasm_warnings *w, uint64_t limit, bool strict,
                                       const char *what) {
  FUZZ_CHECK(w->count <= CWASM_MAX_WARNINGS, "%s: %u warnings", what, w->count);
  FUZZ_CHECK(w->dropped == 0 || w->count == CWASM_MAX_WARNINGS,
             "%s: %u warnings dropped with %u slots used", what, w->dropped, w->count);
  for (uint32_t i = 0; i < w->count; i++) {
    fuzz_check_diag_item(&w->items[i], limit, what, true);
    if (strict)
      FUZZ_CHECK(cwasm_status_class_of(w->items[i].code) == CWASM_CLASS_WARNING,
                 "%s: strict mode recorded %s as a warning", what,
                 cwasm_status_name(w->items[i].code));
  }
}

static inline void fuzz_eq_diag(const char *ctx, const cwasm_diag *a, const cwasm_diag *b) {
  FUZZ_EQ_U(ctx, *a, *b, code);
  FUZZ_EQ_U(ctx, *a, *b, offset);
  FUZZ_EQ_U(ctx, *a, *b, section);
  FUZZ_EQ_U(ctx, *a, *b, actual);
  FUZZ_EQ_U(ctx, *a, *b, expected);
  FUZZ_EQ_U(ctx, *a, *b, has_actual);
  FUZZ_EQ_U(ctx, *a, *b, has_expected);
  FUZZ_CHECK((a->field == NULL) == (b->field == NULL) &&
                 (!a->field || strcmp(a->field, b->field) == 0),
             "%s: diagnostic field differs: %s vs %s", ctx, a->field ? a->field : "(null)",
             b->field ? b->field : "(null)");
}

static inline void fuzz_eq_warnings(const char *ctx, const cwasm_warnings *a,
                                    const cwasm_warnings *b) {
  FUZZ_EQ_U(ctx, *a, *b, count);
  FUZZ_EQ_U(ctx, *a, *b, dropped);
  for (uint32_t i = 0; i < a->count && i < CWASM_MAX_WARNINGS; i++)
    fuzz_eq_diag(ctx, &a->items[i], &b->items[i]);
}

/* ------------------------------------------------------------ ELF */

static inline void fuzz_check_elf(const fuzz_input *in, const cwasm_elf *e) {
  FUZZ_CHECK(e->base == in->p || in->n == 0, "elf.base %p is not the input %p",
             (const void *)e->base, (const void *)in->p);
  FUZZ_CHECK(e->size == in->n, "elf.size %zu != input size %zu", e->size, in->n);
  FUZZ_CHECK(e->elf_class == 32 || e->elf_class == 64, "elf_class %u", (unsigned)e->elf_class);
  FUZZ_CHECK(e->endian == CWASM_LITTLE || e->endian == CWASM_BIG, "endian %u",
             (unsigned)e->endian);
  FUZZ_CHECK(e->shnum >= 1, "accepted ELF with %llu sections", (unsigned long long)e->shnum);
  FUZZ_CHECK(e->shstrndx >= 1 && e->shstrndx < e->shnum, "shstrndx %u out of 1..%llu",
             e->shstrndx, (unsigned long long)e->shnum);
  /* the table: shoff + shnum * shentsize <= size, computed without overflow */
  FUZZ_CHECK(e->shentsize != 0 && e->shoff <= in->n &&
                 e->shnum <= (in->n - e->shoff) / e->shentsize,
             "section table (shoff %llu, %llu x %u) outside the input of %zu bytes",
             (unsigned long long)e->shoff, (unsigned long long)e->shnum, (unsigned)e->shentsize,
             in->n);
  FUZZ_CHECK(e->shstrtab_offset <= in->n && e->shstrtab_size <= in->n - e->shstrtab_offset,
             "shstrtab %llu+%llu outside the input", (unsigned long long)e->shstrtab_offset,
             (unsigned long long)e->shstrtab_size);
  FUZZ_CHECK(e->image_end <= in->n, "image_end %llu > input %zu", (unsigned long long)e->image_end,
             in->n);
  FUZZ_CHECK(e->kind == CWASM_KIND_NONE || e->kind == CWASM_KIND_MODULE ||
                 e->kind == CWASM_KIND_COMPONENT,
             "elf.kind %d", (int)e->kind);
  FUZZ_CHECK(e->pulley == 0 || e->pulley == 32 || e->pulley == 64, "pulley %u",
             (unsigned)e->pulley);
  if (e->shnum_field != 0)
    FUZZ_CHECK(e->shnum == e->shnum_field, "shnum %llu != e_shnum %u",
               (unsigned long long)e->shnum, (unsigned)e->shnum_field);
  if (e->shstrndx_field != 0xffffu)
    FUZZ_CHECK(e->shstrndx == e->shstrndx_field, "shstrndx %u != e_shstrndx %u", e->shstrndx,
               (unsigned)e->shstrndx_field);
}

static inline void fuzz_eq_elf(const char *ctx, const cwasm_elf *a, const cwasm_elf *b) {
  FUZZ_EQ_P(ctx, *a, *b, base);
  FUZZ_EQ_U(ctx, *a, *b, size);
  FUZZ_EQ_U(ctx, *a, *b, elf_class);
  FUZZ_EQ_U(ctx, *a, *b, endian);
  FUZZ_EQ_U(ctx, *a, *b, osabi);
  FUZZ_EQ_U(ctx, *a, *b, abiversion);
  FUZZ_EQ_U(ctx, *a, *b, type);
  FUZZ_EQ_U(ctx, *a, *b, machine);
  FUZZ_EQ_U(ctx, *a, *b, version);
  FUZZ_EQ_U(ctx, *a, *b, flags);
  FUZZ_EQ_U(ctx, *a, *b, ehsize);
  FUZZ_EQ_U(ctx, *a, *b, phentsize);
  FUZZ_EQ_U(ctx, *a, *b, phnum);
  FUZZ_EQ_U(ctx, *a, *b, shentsize);
  FUZZ_EQ_U(ctx, *a, *b, shnum_field);
  FUZZ_EQ_U(ctx, *a, *b, shstrndx_field);
  FUZZ_EQ_U(ctx, *a, *b, phoff);
  FUZZ_EQ_U(ctx, *a, *b, shoff);
  FUZZ_EQ_U(ctx, *a, *b, shnum);
  FUZZ_EQ_U(ctx, *a, *b, shstrndx);
  FUZZ_EQ_U(ctx, *a, *b, shstrtab_offset);
  FUZZ_EQ_U(ctx, *a, *b, shstrtab_size);
  FUZZ_EQ_U(ctx, *a, *b, kind);
  FUZZ_EQ_U(ctx, *a, *b, pulley);
  FUZZ_EQ_U(ctx, *a, *b, image_end);
}

#define FUZZ_SHT_NULL 0u
#define FUZZ_SHT_NOBITS 8u

/*
 * A section read with cwasm_elf_section. Whatever the status, the name lies
 * inside the name table and ends right before a NUL, and the data is the
 * input bytes [offset, offset + size) or empty.
 */
static inline void fuzz_check_section(const fuzz_input *in, const cwasm_elf *e, uint64_t index,
                                      const cwasm_section *s) {
  const uint8_t *names = in->p ? in->p + e->shstrtab_offset : NULL;
  FUZZ_CHECK(s->index == index, "section %llu reports index %u", (unsigned long long)index,
             s->index);
  FUZZ_CHECK(s->name.p != NULL, "section %llu: NULL name pointer", (unsigned long long)index);
  fuzz_view_in(in, s->name.p, s->name.n, "section name");
  if (s->name.n > 0) {
    /* the name and its NUL are inside .shstrtab */
    fuzz_view_within(names, (size_t)e->shstrtab_size, s->name.p, s->name.n + 1u,
                     "section name + NUL");
    FUZZ_CHECK(memchr(s->name.p, 0, s->name.n) == NULL, "section %llu: NUL inside its name",
               (unsigned long long)index);
    FUZZ_CHECK(s->name.p[s->name.n] == '\0', "section %llu: name not followed by NUL",
               (unsigned long long)index);
  }
  if (s->data.n > 0) {
    fuzz_view_at(in, s->data.p, s->data.n, s->offset, "section data");
    FUZZ_CHECK(s->data.n == s->size, "section %llu: data %zu bytes, sh_size %llu",
               (unsigned long long)index, s->data.n, (unsigned long long)s->size);
    FUZZ_CHECK(s->type != FUZZ_SHT_NOBITS, "section %llu: SHT_NOBITS with file data",
               (unsigned long long)index);
  }
}

static inline void fuzz_eq_section(const char *ctx, const cwasm_section *a, const cwasm_section *b) {
  FUZZ_EQ_U(ctx, *a, *b, index);
  FUZZ_EQ_P(ctx, *a, *b, name.p);
  FUZZ_EQ_U(ctx, *a, *b, name.n);
  FUZZ_EQ_U(ctx, *a, *b, type);
  FUZZ_EQ_U(ctx, *a, *b, flags);
  FUZZ_EQ_U(ctx, *a, *b, addr);
  FUZZ_EQ_U(ctx, *a, *b, offset);
  FUZZ_EQ_U(ctx, *a, *b, size);
  FUZZ_EQ_U(ctx, *a, *b, link);
  FUZZ_EQ_U(ctx, *a, *b, info);
  FUZZ_EQ_U(ctx, *a, *b, addralign);
  FUZZ_EQ_U(ctx, *a, *b, entsize);
  FUZZ_EQ_P(ctx, *a, *b, data.p);
  FUZZ_EQ_U(ctx, *a, *b, data.n);
}

/* ------------------------------------------------------------ engine */

/* The framing of a split engine section: byte 0 format, byte 1 length L,
 * L version bytes, then >= 1 metadata byte, all inside `data`. */
static inline void fuzz_check_split(const cwasm_bytes data, uint64_t base, const cwasm_engine *g) {
  FUZZ_CHECK(data.n >= 3, "engine split accepted %zu bytes", data.n);
  FUZZ_CHECK(g->format == 0 && data.p[0] == 0, "engine format %u", (unsigned)g->format);
  FUZZ_CHECK(g->version.n == data.p[1], "version length %zu, length byte %u", g->version.n,
             (unsigned)data.p[1]);
  FUZZ_CHECK(g->version_offset == base + 2u, "version_offset %llu, base %llu",
             (unsigned long long)g->version_offset, (unsigned long long)base);
  FUZZ_CHECK(g->metadata_offset == base + 2u + g->version.n, "metadata_offset %llu",
             (unsigned long long)g->metadata_offset);
  FUZZ_CHECK(g->metadata.n >= 1 && 2u + g->version.n + g->metadata.n == data.n,
             "version %zu + metadata %zu + 2 != section %zu", g->version.n, g->metadata.n, data.n);
  FUZZ_CHECK(g->version.n == 0 || g->version.p == data.p + 2, "version view misplaced");
  FUZZ_CHECK(g->metadata.p == data.p + 2 + g->version.n, "metadata view misplaced");
}

static inline void fuzz_eq_engine(const char *ctx, const cwasm_engine *a, const cwasm_engine *b) {
  fuzz_eq_section(ctx, &a->section, &b->section);
  FUZZ_EQ_U(ctx, *a, *b, count);
  FUZZ_EQ_U(ctx, *a, *b, first_index);
  FUZZ_EQ_U(ctx, *a, *b, last_index);
  FUZZ_EQ_U(ctx, *a, *b, format);
  FUZZ_EQ_P(ctx, *a, *b, version.p);
  FUZZ_EQ_U(ctx, *a, *b, version.n);
  FUZZ_EQ_P(ctx, *a, *b, metadata.p);
  FUZZ_EQ_U(ctx, *a, *b, metadata.n);
  FUZZ_EQ_U(ctx, *a, *b, version_offset);
  FUZZ_EQ_U(ctx, *a, *b, metadata_offset);
}

/* A found engine section, once cwasm_engine_find succeeded. */
static inline void fuzz_check_engine(const fuzz_input *in, const cwasm_elf *e,
                                     const cwasm_engine *g) {
  FUZZ_CHECK(g->count >= 1, "engine found with count 0");
  FUZZ_CHECK(g->first_index <= g->last_index && g->last_index < e->shnum,
             "engine indices %u..%u of %llu sections", g->first_index, g->last_index,
             (unsigned long long)e->shnum);
  FUZZ_CHECK(g->count == 1 || g->first_index < g->last_index, "count %u, one index", g->count);
  FUZZ_CHECK(g->section.index == g->first_index, "section %u chosen, first is %u",
             g->section.index, g->first_index);
  FUZZ_CHECK(g->section.name.n == strlen(CWASM_ENGINE_SECTION_NAME) &&
                 memcmp(g->section.name.p, CWASM_ENGINE_SECTION_NAME, g->section.name.n) == 0,
             "engine section has another name");
  fuzz_check_section(in, e, g->section.index, &g->section);
  fuzz_view_in(in, g->section.data.p, g->section.data.n, "engine section data");
  fuzz_view_at(in, g->version.p, g->version.n, g->version_offset, "engine version");
  fuzz_view_at(in, g->metadata.p, g->metadata.n, g->metadata_offset, "engine metadata");
  fuzz_check_split(g->section.data, g->section.offset, g);
}

/* ------------------------------------------------------------ version */

static inline void fuzz_check_version(const cwasm_bytes s, cwasm_status st, const cwasm_version *v) {
  FUZZ_CHECK(v->text.n == s.n && (s.n == 0 || (const void *)v->text.p == (const void *)s.p),
             "version text is not the string given");
  FUZZ_CHECK(v->kind <= CWASM_VERSION_UNKNOWN_RELEASE, "version kind %d", (int)v->kind);
  FUZZ_CHECK((st == CWASM_OK) == (v->utf8_valid == 1), "status %s with utf8_valid %u",
             cwasm_status_name(st), (unsigned)v->utf8_valid);
  FUZZ_CHECK(st == CWASM_OK || st == CWASM_E_VERSION_UTF8, "version_parse failed with %s",
             cwasm_status_name(st));
  FUZZ_CHECK((s.n == 0) == (v->kind == CWASM_VERSION_NONE), "kind %s for %zu bytes",
             cwasm_version_kind_name(v->kind), s.n);
  if (v->kind == CWASM_VERSION_RELEASE) {
    const cwasm_release *r = cwasm_release_get(v->major);
    FUZZ_CHECK(r != NULL && r->major == v->major, "release %u has no table row", v->major);
    FUZZ_CHECK(v->canonical == (v->full_form == r->version_full), "canonical %u for %s form",
               (unsigned)v->canonical, v->full_form ? "full" : "bare");
  } else if (v->kind == CWASM_VERSION_UNKNOWN_RELEASE) {
    FUZZ_CHECK(cwasm_release_get(v->major) == NULL, "unknown release %u has a row", v->major);
  }
  if (v->kind == CWASM_VERSION_RELEASE || v->kind == CWASM_VERSION_UNKNOWN_RELEASE) {
    /* release-shaped: digits and dots only */
    for (size_t i = 0; i < s.n; i++)
      FUZZ_CHECK((s.p[i] >= '0' && s.p[i] <= '9') || s.p[i] == '.',
                 "release-shaped string with byte 0x%02x", (unsigned)s.p[i]);
  }
}

static inline void fuzz_eq_version(const char *ctx, const cwasm_version *a, const cwasm_version *b) {
  FUZZ_EQ_U(ctx, *a, *b, kind);
  FUZZ_EQ_P(ctx, *a, *b, text.p);
  FUZZ_EQ_U(ctx, *a, *b, text.n);
  FUZZ_EQ_U(ctx, *a, *b, utf8_valid);
  FUZZ_EQ_U(ctx, *a, *b, full_form);
  FUZZ_EQ_U(ctx, *a, *b, canonical);
  FUZZ_EQ_U(ctx, *a, *b, major);
  FUZZ_EQ_U(ctx, *a, *b, minor);
  FUZZ_EQ_U(ctx, *a, *b, patch);
}

/* ------------------------------------------------------------ metadata */

/*
 * Iterate a validated flag list: exactly `count` entries, each inside the
 * list's bytes and the input, and together exactly the bytes validated.
 */
static inline void fuzz_check_flags(const fuzz_input *in, const cwasm_flag_list *l,
                                    const char *what) {
  cwasm_flag_iter it;
  cwasm_flag f;
  uint32_t n = 0;
  uint64_t prev = 0;
  fuzz_view_at(in, l->raw.p, l->raw.n, l->raw_offset, what);
  FUZZ_CHECK(l->count == 0 || l->raw.n > 0, "%s: %u flags in 0 bytes", what, l->count);
  cwasm_flags_begin(l, &it);
  while (cwasm_flags_next(&it, &f)) {
    FUZZ_CHECK(n < l->count, "%s: iterator yields more than count %u", what, l->count);
    FUZZ_CHECK(f.offset >= l->raw_offset && f.offset - l->raw_offset < l->raw.n,
               "%s[%u]: offset %llu outside the list", what, n, (unsigned long long)f.offset);
    FUZZ_CHECK(n == 0 || f.offset > prev, "%s[%u]: offsets do not increase", what, n);
    prev = f.offset;
    fuzz_view_within(l->raw.p, l->raw.n, f.name.p, f.name.n, "flag name");
    FUZZ_CHECK(f.name.n == 0 || (const uint8_t *)f.name.p > in->p + f.offset,
               "%s[%u]: name before its entry", what, n);
    FUZZ_CHECK(f.kind <= CWASM_FLAG_BOOL, "%s[%u]: kind %d", what, n, (int)f.kind);
    if (f.kind == CWASM_FLAG_ENUM)
      fuzz_view_within(l->raw.p, l->raw.n, f.enum_value.p, f.enum_value.n, "flag enum value");
    else
      FUZZ_CHECK(f.enum_value.n == 0, "%s[%u]: enum value on a non-enum flag", what, n);
    if (f.kind == CWASM_FLAG_BOOL) FUZZ_CHECK(f.boolean <= 1, "%s[%u]: bool %u", what, n, f.boolean);
    n++;
  }
  FUZZ_CHECK(n == l->count, "%s: iterator yielded %u of %u flags", what, n, l->count);
  FUZZ_CHECK(it.pos == l->raw.n, "%s: iterator stopped at %zu of %zu bytes", what, it.pos,
             l->raw.n);
  FUZZ_CHECK(cwasm_flags_next(&it, &f) == 0, "%s: iterator yields past its end", what);
}

static inline void fuzz_eq_flags(const char *ctx, const cwasm_flag_list *a,
                                 const cwasm_flag_list *b) {
  FUZZ_EQ_P(ctx, *a, *b, raw.p);
  FUZZ_EQ_U(ctx, *a, *b, raw.n);
  FUZZ_EQ_U(ctx, *a, *b, raw_offset);
  FUZZ_EQ_U(ctx, *a, *b, count);
  FUZZ_EQ_U(ctx, *a, *b, codec);
  FUZZ_EQ_U(ctx, *a, *b, is_map);
}

static inline void fuzz_eq_meta(const char *ctx, const cwasm_metadata *a, const cwasm_metadata *b) {
  FUZZ_EQ_P(ctx, *a, *b, layout);
  FUZZ_EQ_P(ctx, *a, *b, target.p);
  FUZZ_EQ_U(ctx, *a, *b, target.n);
  FUZZ_EQ_U(ctx, *a, *b, target_offset);
  fuzz_eq_flags(ctx, &a->shared_flags, &b->shared_flags);
  fuzz_eq_flags(ctx, &a->isa_flags, &b->isa_flags);
  for (int i = 0; i < CWASM_T__COUNT; i++) {
    const cwasm_tunable *x = &a->tunables.f[i], *y = &b->tunables.f[i];
    FUZZ_CHECK(x->value == y->value && x->present == y->present && x->is_none == y->is_none &&
                   x->table.p == y->table.p && x->table.n == y->table.n && x->offset == y->offset,
               "%s: tunable %d differs", ctx, i);
  }
  FUZZ_EQ_U(ctx, *a, *b, features.encoding);
  FUZZ_EQ_U(ctx, *a, *b, features.bits);
  FUZZ_EQ_U(ctx, *a, *b, features.count);
  FUZZ_EQ_U(ctx, *a, *b, features.offset);
  FUZZ_EQ_U(ctx, *a, *b, consumed);
  FUZZ_EQ_U(ctx, *a, *b, trailing_bytes);
  FUZZ_EQ_U(ctx, *a, *b, have);
}

/*
 * Decoded metadata of `bytes` (at absolute offset `base` in the input) under
 * `layout`. Valid whether the decode succeeded or not: `have` says which
 * leading fields to trust.
 */
static inline void fuzz_check_meta(const fuzz_input *in, cwasm_bytes bytes, uint64_t base,
                                   const cwasm_layout *layout, cwasm_status st,
                                   const cwasm_metadata *m) {
  FUZZ_CHECK(fuzz_is_prefix_mask(m->have) && m->have <= CWASM_HAVE_ALL, "have = 0x%x",
             (unsigned)m->have);
  FUZZ_CHECK((st == CWASM_OK) == (m->have == CWASM_HAVE_ALL), "status %s with have 0x%x",
             cwasm_status_name(st), (unsigned)m->have);
  if (m->have) FUZZ_CHECK(m->layout == layout, "meta.layout is not the layout used");
  if (m->have & CWASM_HAVE_TARGET) {
    fuzz_view_within(bytes.p, bytes.n, m->target.p, m->target.n, "target");
    FUZZ_CHECK(m->target_offset == base, "target_offset %llu, metadata at %llu",
               (unsigned long long)m->target_offset, (unsigned long long)base);
    FUZZ_CHECK(m->target.n == 0 || (const uint8_t *)m->target.p > bytes.p,
               "target string overlaps its length");
  }
  if (m->have & CWASM_HAVE_SHARED_FLAGS) {
    fuzz_view_within(bytes.p, bytes.n, m->shared_flags.raw.p, m->shared_flags.raw.n,
                     "shared flags");
    FUZZ_CHECK(m->shared_flags.codec == (uint8_t)layout->codec &&
                   m->shared_flags.is_map == layout->flags_map,
               "shared flags codec/map differ from the layout");
    fuzz_check_flags(in, &m->shared_flags, "shared_flags");
  }
  if (m->have & CWASM_HAVE_ISA_FLAGS) {
    fuzz_view_within(bytes.p, bytes.n, m->isa_flags.raw.p, m->isa_flags.raw.n, "isa flags");
    fuzz_check_flags(in, &m->isa_flags, "isa_flags");
    FUZZ_CHECK(m->isa_flags.raw_offset >= m->shared_flags.raw_offset + m->shared_flags.raw.n,
               "isa flags overlap the shared flags");
  }
  if (m->have & CWASM_HAVE_TUNABLES) {
    bool in_layout[CWASM_T__COUNT] = {false};
    for (uint8_t i = 0; i < layout->tunables_count; i++) {
      FUZZ_CHECK((int)layout->tunables[i] < CWASM_T__COUNT, "layout %s: tunable id %d",
                 layout->name, (int)layout->tunables[i]);
      in_layout[layout->tunables[i]] = true;
    }
    for (int i = 0; i < CWASM_T__COUNT; i++) {
      const cwasm_tunable *t = &m->tunables.f[i];
      const cwasm_tunable_info *info = cwasm_tunable_info_of((cwasm_tunable_id)i);
      FUZZ_CHECK(info != NULL && (int)info->id == i, "tunable %d has no info row", i);
      FUZZ_CHECK(t->present == in_layout[i], "tunable %s present=%u in layout %s", info->name,
                 (unsigned)t->present, layout->name);
      if (!t->present) continue;
      FUZZ_CHECK(t->offset >= base && t->offset - base < bytes.n, "tunable %s at %llu",
                 info->name, (unsigned long long)t->offset);
      FUZZ_CHECK(t->is_none <= 1, "tunable %s is_none %u", info->name, (unsigned)t->is_none);
      switch (info->type) {
        case CWASM_TT_BOOL:
          FUZZ_CHECK(t->value <= 1, "bool tunable %s = %llu", info->name,
                     (unsigned long long)t->value);
          break;
        case CWASM_TT_U32:
          FUZZ_CHECK(t->value <= UINT32_MAX, "u32 tunable %s = %llu", info->name,
                     (unsigned long long)t->value);
          break;
        case CWASM_TT_OPT_NONZERO_U32:
          FUZZ_CHECK(t->is_none || (t->value >= 1 && t->value <= UINT32_MAX),
                     "NonZero tunable %s = %llu", info->name, (unsigned long long)t->value);
          break;
        case CWASM_TT_OPT_COLLECTOR:
          FUZZ_CHECK(t->is_none || t->value < layout->collector_variants,
                     "collector %llu of %u variants", (unsigned long long)t->value,
                     (unsigned)layout->collector_variants);
          break;
        case CWASM_TT_INTRA_MODULE_INLINING:
        case CWASM_TT_INLINING:
          FUZZ_CHECK(cwasm_tunable_enum_name(info->type, t->value) != NULL,
                     "enum tunable %s = %llu has no name", info->name,
                     (unsigned long long)t->value);
          break;
        case CWASM_TT_OPERATOR_COST:
          FUZZ_CHECK(t->value <= 1, "operator cost variant %llu", (unsigned long long)t->value);
          if (t->value == 0) {
            FUZZ_CHECK(t->table.n == layout->operator_cost_len,
                       "operator cost table %zu bytes, layout says %u", t->table.n,
                       (unsigned)layout->operator_cost_len);
            fuzz_view_within(bytes.p, bytes.n, t->table.p, t->table.n, "operator cost table");
          } else {
            FUZZ_CHECK(t->table.n == 0, "operator cost Default with a table");
          }
          break;
        default: break;
      }
      if (info->type != CWASM_TT_OPERATOR_COST)
        FUZZ_CHECK(t->table.n == 0, "tunable %s has a table", info->name);
    }
  }
  if (m->have & CWASM_HAVE_FEATURES) {
    FUZZ_CHECK(m->features.encoding == layout->features, "features encoding %d, layout %d",
               (int)m->features.encoding, (int)layout->features);
    if (layout->features == CWASM_FEATURES_BOOLS) {
      FUZZ_CHECK(m->features.count == layout->feature_bools_count, "feature bools %u of %u",
                 (unsigned)m->features.count, (unsigned)layout->feature_bools_count);
      FUZZ_CHECK(m->features.count >= 64 || (m->features.bits >> m->features.count) == 0,
                 "feature bits beyond the bools");
    } else if (layout->features == CWASM_FEATURES_U32) {
      FUZZ_CHECK(m->features.bits <= UINT32_MAX, "u32 features 0x%llx",
                 (unsigned long long)m->features.bits);
    }
    FUZZ_CHECK(m->features.offset >= base && m->features.offset - base <= bytes.n,
               "features at %llu", (unsigned long long)m->features.offset);
  }
  if (st == CWASM_OK) {
    FUZZ_CHECK(m->consumed + m->trailing_bytes == bytes.n,
               "consumed %llu + trailing %llu != %zu bytes", (unsigned long long)m->consumed,
               (unsigned long long)m->trailing_bytes, bytes.n);
    FUZZ_CHECK(m->consumed >= 1, "a success that consumed nothing");
  }
}

/* ------------------------------------------------------------ artifact */

static inline void fuzz_eq_artifact(const char *ctx, const cwasm_artifact *a,
                                    const cwasm_artifact *b) {
  FUZZ_EQ_U(ctx, *a, *b, stages);
  FUZZ_EQ_U(ctx, *a, *b, kind);
  fuzz_eq_elf(ctx, &a->elf, &b->elf);
  fuzz_eq_engine(ctx, &a->engine, &b->engine);
  fuzz_eq_version(ctx, &a->version, &b->version);
  FUZZ_EQ_P(ctx, *a, *b, release);
  FUZZ_EQ_U(ctx, *a, *b, layout_source);
  FUZZ_EQ_U(ctx, *a, *b, candidates);
  fuzz_eq_meta(ctx, &a->meta, &b->meta);
  fuzz_eq_warnings(ctx, &a->warnings, &b->warnings);
  FUZZ_EQ_P(ctx, *a, *b, legacy_version.p);
  FUZZ_EQ_U(ctx, *a, *b, legacy_version.n);
  FUZZ_EQ_U(ctx, *a, *b, legacy_offset);
}

/*
 * The result of cwasm_parse, successful or not: stage bits a prefix, every
 * view of every stage reached inside the input, flag lists iterable,
 * warnings and the failure well-formed.
 */
static inline void fuzz_check_artifact(const fuzz_input *in, const cwasm_options *opt,
                                       cwasm_status st, const cwasm_artifact *a,
                                       const cwasm_diag *d) {
  bool strict = !(opt && (opt->flags & CWASM_OPT_LENIENT));
  const char *what = strict ? "cwasm_parse(strict)" : "cwasm_parse(lenient)";
  fuzz_check_status(st, d, in->n, what);
  fuzz_check_warnings(&a->warnings, in->n, strict, what);
  /* `cwasm inspect` prints all of these: format every one */
  if (st != CWASM_OK) fuzz_check_format(d);
  for (uint32_t i = 0; i < a->warnings.count && i < CWASM_MAX_WARNINGS; i++)
    fuzz_check_format(&a->warnings.items[i]);
  FUZZ_CHECK(fuzz_is_prefix_mask(a->stages) && a->stages <= 0xfu, "stages = 0x%x",
             (unsigned)a->stages);
  FUZZ_CHECK(fuzz_is_prefix_mask(a->meta.have) && a->meta.have <= CWASM_HAVE_ALL,
             "meta.have = 0x%x", (unsigned)a->meta.have);
  if (st == CWASM_OK) {
    FUZZ_CHECK(a->stages == 0xfu && a->meta.have == CWASM_HAVE_ALL,
               "success with stages 0x%x, have 0x%x", (unsigned)a->stages,
               (unsigned)a->meta.have);
    FUZZ_CHECK(a->release != NULL && a->layout_source != CWASM_LAYOUT_NONE,
               "success without a release");
    FUZZ_CHECK(a->meta.layout == a->release->layout, "release %u but layout %s",
               a->release->major, a->meta.layout ? a->meta.layout->name : "(null)");
    FUZZ_CHECK(a->release->major < 64 && (a->candidates >> a->release->major) & 1u,
               "release %u is not among the candidates 0x%llx", a->release->major,
               (unsigned long long)a->candidates);
    FUZZ_CHECK(a->kind == a->elf.kind, "kind %d, elf.kind %d", (int)a->kind, (int)a->elf.kind);
  } else {
    FUZZ_CHECK(a->stages != 0xfu, "failure %s with every stage reached", cwasm_status_name(st));
  }
  if (a->meta.have) FUZZ_CHECK((a->stages & 0x7u) == 0x7u, "metadata decoded before the version");
  if (a->legacy_version.n || a->kind == CWASM_KIND_LEGACY) {
    FUZZ_CHECK(st == CWASM_E_LEGACY_ARTIFACT, "legacy result with status %s",
               cwasm_status_name(st));
    fuzz_view_in(in, a->legacy_version.p, a->legacy_version.n, "legacy version");
    FUZZ_CHECK(a->legacy_offset < in->n, "legacy marker at %llu",
               (unsigned long long)a->legacy_offset);
  }
  if (a->stages & CWASM_STAGE_ELF) fuzz_check_elf(in, &a->elf);
  if (a->stages & CWASM_STAGE_ENGINE) fuzz_check_engine(in, &a->elf, &a->engine);
  if (a->stages & CWASM_STAGE_VERSION) {
    fuzz_view_at(in, a->version.text.p, a->version.text.n, a->engine.version_offset,
                 "version text");
    FUZZ_CHECK(a->version.text.n == a->engine.version.n, "version text is not the engine's");
  }
  if (a->meta.have) {
    FUZZ_CHECK(a->meta.layout != NULL, "metadata without a layout");
    fuzz_check_meta(in, a->engine.metadata, a->engine.metadata_offset, a->meta.layout,
                    a->meta.have == CWASM_HAVE_ALL ? CWASM_OK : CWASM_E_META_TRUNCATED, &a->meta);
  }
}

/* ------------------------------------------------------------ tables */

/* The static tables the decoders walk: checked once per process. */
static inline void fuzz_check_tables_once(void) {
  static int done;
  if (done) return;
  done = 1;
  FUZZ_CHECK(cwasm_layout_count() >= 1, "no layouts");
  FUZZ_CHECK(cwasm_layout_at(cwasm_layout_count()) == NULL, "layout past the end");
  for (size_t i = 0; i < cwasm_layout_count(); i++) {
    const cwasm_layout *l = cwasm_layout_at(i);
    FUZZ_CHECK(l && l->id == i + 1u, "layout %zu has id %u", i, l ? l->id : 0u);
    FUZZ_CHECK(l->first_release <= l->last_release, "layout %s releases", l->name);
  }
  for (unsigned m = 0; m < 70; m++) {
    const cwasm_release *r = cwasm_release_get(m);
    bool known = m >= CWASM_FIRST_RELEASE && m <= CWASM_LAST_RELEASE;
    FUZZ_CHECK((r != NULL) == known, "release %u: row %s", m, r ? "present" : "absent");
    if (r)
      FUZZ_CHECK(r->major == m && r->layout && r->layout->first_release <= m &&
                     m <= r->layout->last_release,
                 "release %u row inconsistent", m);
  }
  for (size_t i = 0; i < cwasm_status_count(); i++) {
    cwasm_status s = cwasm_status_at(i);
    FUZZ_CHECK(cwasm_status_class_of(s) != CWASM_CLASS_UNKNOWN, "status %d has no class", (int)s);
  }
}

#endif /* CWASM_FUZZ_COMMON_H */
