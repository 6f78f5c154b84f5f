/*
 * The mutated stream: input `index` is a pure function of (seed value,
 * index), so any input can be rebuilt from its number alone (--emit), the
 * stream can be split across processes (--start/--count), and a run is the
 * same on every machine.
 *
 * Mutations aim where ELF readers make decisions: header fields, section
 * header fields (written in the file's byte order and width), truncations at
 * table boundaries, splices from other seeds, duplicated section headers,
 * inserted bytes with every later offset moved (misaligned tables). The
 * values are the ones readers treat specially (0, 1, all-ones, the file size
 * and its neighbours, other sections' offsets and name offsets, reserved
 * section indices, section types) plus bit flips for everything else.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

typedef struct rng {
  uint64_t s;
} rng;

/* splitmix64: tiny, fast, and good enough to spread mutations. */
static uint64_t next(rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static uint64_t below(rng *r, uint64_t n) { return n ? next(r) % n : 0; }

/* ---------------------------------------------------- ELF geometry */

typedef struct geom {
  bool elf;
  bool is64, big;
  uint64_t shoff;
  uint32_t shentsize, shnum, shstrndx;
  uint64_t strtab_off, strtab_size; /* the section-name table, if in range */
} geom;

static uint64_t get(const buf *b, size_t off, unsigned w, bool big) {
  uint64_t v = 0;
  if (off > b->n || w > b->n - off) return 0;
  for (unsigned i = 0; i < w; i++) {
    unsigned sh = big ? 8u * (w - 1u - i) : 8u * i;
    v |= (uint64_t)b->p[off + i] << sh;
  }
  return v;
}

static void put(buf *b, size_t off, unsigned w, uint64_t v, bool big) {
  if (off > b->n || w > b->n - off) return;
  for (unsigned i = 0; i < w; i++) {
    unsigned sh = big ? 8u * (w - 1u - i) : 8u * i;
    b->p[off + i] = (uint8_t)(v >> sh);
  }
}

/* Section header field: offset inside the entry and width, per class. */
typedef struct field {
  const char *name;
  uint8_t off32, w32, off64, w64;
} field;

static const field SH_FIELDS[] = {
    {"sh_name", 0, 4, 0, 4},       {"sh_type", 4, 4, 4, 4},       {"sh_flags", 8, 4, 8, 8},
    {"sh_addr", 12, 4, 16, 8},     {"sh_offset", 16, 4, 24, 8},   {"sh_size", 20, 4, 32, 8},
    {"sh_link", 24, 4, 40, 4},     {"sh_info", 28, 4, 44, 4},     {"sh_addralign", 32, 4, 48, 8},
    {"sh_entsize", 36, 4, 56, 8},
};

static const field EH_FIELDS[] = {
    {"EI_CLASS", 4, 1, 4, 1},      {"EI_DATA", 5, 1, 5, 1},        {"EI_VERSION", 6, 1, 6, 1},
    {"EI_OSABI", 7, 1, 7, 1},      {"EI_ABIVERSION", 8, 1, 8, 1},  {"e_type", 16, 2, 16, 2},
    {"e_machine", 18, 2, 18, 2},   {"e_version", 20, 4, 20, 4},    {"e_entry", 24, 4, 24, 8},
    {"e_phoff", 28, 4, 32, 8},     {"e_shoff", 32, 4, 40, 8},      {"e_flags", 36, 4, 48, 4},
    {"e_ehsize", 40, 2, 52, 2},    {"e_phentsize", 42, 2, 54, 2},  {"e_phnum", 44, 2, 56, 2},
    {"e_shentsize", 46, 2, 58, 2}, {"e_shnum", 48, 2, 60, 2},      {"e_shstrndx", 50, 2, 62, 2},
};
#define N_SH_FIELDS (sizeof SH_FIELDS / sizeof SH_FIELDS[0])
#define N_EH_FIELDS (sizeof EH_FIELDS / sizeof EH_FIELDS[0])

static void geometry(const buf *b, geom *g) {
  memset(g, 0, sizeof *g);
  if (b->n < 52 || memcmp(b->p, "\177ELF", 4) != 0) return;
  g->is64 = b->p[4] != 1;
  g->big = b->p[5] == 2;
  if (g->is64 && b->n < 64) return;
  g->elf = true;
  g->shoff = get(b, g->is64 ? 40 : 32, g->is64 ? 8 : 4, g->big);
  g->shentsize = (uint32_t)get(b, g->is64 ? 58 : 46, 2, g->big);
  g->shnum = (uint32_t)get(b, g->is64 ? 60 : 48, 2, g->big);
  g->shstrndx = (uint32_t)get(b, g->is64 ? 62 : 50, 2, g->big);
  if (g->shentsize < (g->is64 ? 64u : 40u)) g->shentsize = g->is64 ? 64u : 40u;
  /* only the entries that lie in the input can be mutated */
  if (g->shoff >= b->n) {
    g->shnum = 0;
  } else {
    uint64_t fit = (b->n - g->shoff) / g->shentsize;
    if (g->shnum == 0 || g->shnum > fit) g->shnum = (uint32_t)(fit < 4096 ? fit : 4096);
  }
  if (g->shstrndx < g->shnum) {
    size_t at = (size_t)(g->shoff + (uint64_t)g->shstrndx * g->shentsize);
    g->strtab_off = get(b, at + (g->is64 ? 24u : 16u), g->is64 ? 8 : 4, g->big);
    g->strtab_size = get(b, at + (g->is64 ? 32u : 20u), g->is64 ? 8 : 4, g->big);
    if (g->strtab_off > b->n || g->strtab_size > b->n - g->strtab_off) g->strtab_size = 0;
  }
}

static size_t shdr_at(const geom *g, uint32_t i) {
  return (size_t)(g->shoff + (uint64_t)i * g->shentsize);
}

/* Offset of `name` (with its NUL) in the section-name table, or a random one. */
static uint64_t name_offset(const buf *b, const geom *g, const char *name, rng *r) {
  size_t len = strlen(name) + 1;
  if (g->strtab_size >= len) {
    for (uint64_t i = 0; i + len <= g->strtab_size; i++)
      if (memcmp(b->p + g->strtab_off + i, name, len) == 0) return i;
  }
  return below(r, g->strtab_size + 2);
}

static uint64_t interesting(const buf *b, const geom *g, rng *r, uint64_t cur, unsigned width,
                            const char *fname) {
  uint64_t all = width >= 8 ? UINT64_MAX : ((uint64_t)1 << (8u * width)) - 1u;
  uint64_t v;
  switch (below(r, 20)) {
    case 0: v = 0; break;
    case 1: v = 1; break;
    case 2: v = cur + 1; break;
    case 3: v = cur - 1; break;
    case 4: v = cur + (below(r, 2) ? 8u : 4u); break;
    case 5: v = cur - (below(r, 2) ? 8u : 4u); break;
    case 6: v = all; break;
    case 7: v = all >> 1; break;
    case 8: v = (uint64_t)1 << below(r, 8u * width); break;
    case 9: v = b->n; break;
    case 10: v = b->n - below(r, 4); break;
    case 11: v = b->n + below(r, 4); break;
    case 12: v = g->shoff + below(r, 3) * 8; break;
    case 13: { /* a value another section header holds in the same field */
      uint32_t j = (uint32_t)below(r, g->shnum ? g->shnum : 1);
      size_t f = below(r, N_SH_FIELDS);
      size_t at = shdr_at(g, j) + (g->is64 ? SH_FIELDS[f].off64 : SH_FIELDS[f].off32);
      v = get(b, at, g->is64 ? SH_FIELDS[f].w64 : SH_FIELDS[f].w32, g->big);
      break;
    }
    case 14: v = name_offset(b, g, below(r, 2) ? ".wasmtime.engine" : ".shstrtab", r); break;
    case 15: { /* section types and reserved indices readers treat specially */
      static const uint64_t k[] = {1, 2, 3, 4, 8, 9, 11, 17, 18, 0x6ffffff6u, 0x70000000u,
                                   0xff00, 0xfff0, 0xffff, 0x800, 64, 56, 40, 52, 32, 200};
      v = k[below(r, sizeof k / sizeof k[0])];
      break;
    }
    case 16: v = cur ^ ((uint64_t)1 << below(r, 8u * width)); break;
    case 17: v = g->strtab_off + below(r, g->strtab_size + 1); break;
    case 18: v = (cur & ~(uint64_t)7) + below(r, 8); break; /* misalign / realign */
    default: v = below(r, 256); break;
  }
  (void)fname;
  return v & all;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void logf_(mutation_log *log, const char *fmt, ...) {
  size_t used = strlen(log->text);
  va_list ap;
  if (used + 4 >= sizeof log->text) return;
  if (used) {
    memcpy(log->text + used, "; ", 3);
    used += 2;
  }
  va_start(ap, fmt);
  (void)vsnprintf(log->text + used, sizeof log->text - used, fmt, ap);
  va_end(ap);
}

/* ------------------------------------------------------- mutations */

static void m_bitflip(buf *b, rng *r, mutation_log *log) {
  size_t at;
  unsigned bit;
  if (!b->n) return;
  /* half of the flips land in the header or section table, where decisions are made */
  if (below(r, 2)) {
    geom g;
    geometry(b, &g);
    if (g.elf && g.shnum && below(r, 2))
      at = shdr_at(&g, (uint32_t)below(r, g.shnum)) + below(r, g.shentsize);
    else
      at = below(r, b->n < 64 ? b->n : 64);
  } else {
    at = below(r, b->n);
  }
  if (at >= b->n) at = b->n - 1;
  bit = (unsigned)below(r, 8);
  b->p[at] ^= (uint8_t)(1u << bit);
  logf_(log, "flip %zu.%u", at, bit);
}

static void m_header(buf *b, rng *r, mutation_log *log) {
  geom g;
  const field *f;
  unsigned w;
  size_t at;
  uint64_t cur, v;
  geometry(b, &g);
  if (!g.elf) return;
  f = &EH_FIELDS[below(r, N_EH_FIELDS)];
  w = g.is64 ? f->w64 : f->w32;
  at = g.is64 ? f->off64 : f->off32;
  cur = get(b, at, w, g.big);
  v = interesting(b, &g, r, cur, w, f->name);
  put(b, at, w, v, g.big);
  logf_(log, "%s=0x%llx", f->name, (unsigned long long)v);
}

static void m_shdr(buf *b, rng *r, mutation_log *log) {
  geom g;
  const field *f;
  uint32_t i;
  unsigned w;
  size_t at;
  uint64_t cur, v;
  geometry(b, &g);
  if (!g.elf || !g.shnum) return;
  i = (uint32_t)below(r, g.shnum);
  f = &SH_FIELDS[below(r, N_SH_FIELDS)];
  w = g.is64 ? f->w64 : f->w32;
  at = shdr_at(&g, i) + (g.is64 ? f->off64 : f->off32);
  cur = get(b, at, w, g.big);
  v = interesting(b, &g, r, cur, w, f->name);
  put(b, at, w, v, g.big);
  logf_(log, "shdr[%u].%s=0x%llx", (unsigned)i, f->name, (unsigned long long)v);
}

static void m_truncate(buf *b, rng *r, mutation_log *log) {
  geom g;
  size_t to;
  if (!b->n) return;
  geometry(b, &g);
  switch (below(r, 4)) {
    case 0: to = below(r, b->n); break;
    case 1: to = b->n - 1 - below(r, b->n < 16 ? b->n : 16); break;
    case 2: to = g.elf && g.shnum ? shdr_at(&g, (uint32_t)below(r, g.shnum + 1u)) : below(r, b->n); break;
    default: to = below(r, b->n < 80 ? b->n : 80); break;
  }
  if (to >= b->n) to = b->n - 1;
  b->n = to;
  logf_(log, "trunc %zu", to);
}

static void m_splice(buf *b, const seedset *s, rng *r, mutation_log *log) {
  const seed *o = &s->v[below(r, s->n)];
  size_t len, from, to;
  if (!o->data.n || !b->n) return;
  len = 1 + below(r, o->data.n < 256 ? o->data.n : 256);
  from = below(r, o->data.n - len + 1);
  to = below(r, b->n);
  if (len > b->n - to) len = b->n - to;
  memcpy(b->p + to, o->data.p + from, len);
  logf_(log, "splice %zu bytes of seed@%zu at %zu", len, from, to);
}

static void m_dup_shdr(buf *b, rng *r, mutation_log *log) {
  geom g;
  uint32_t from, to;
  geometry(b, &g);
  if (!g.elf || g.shnum < 2) return;
  from = (uint32_t)below(r, g.shnum);
  to = (uint32_t)below(r, g.shnum);
  if (from == to) to = (to + 1) % g.shnum;
  memmove(b->p + shdr_at(&g, to), b->p + shdr_at(&g, from), g.is64 ? 64 : 40);
  logf_(log, "shdr[%u]=shdr[%u]", (unsigned)to, (unsigned)from);
}

static void m_byte(buf *b, rng *r, mutation_log *log) {
  static const uint8_t k[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0xc8, 0x2e};
  size_t at;
  if (!b->n) return;
  at = below(r, b->n);
  b->p[at] = k[below(r, sizeof k)];
  logf_(log, "byte %zu=0x%02x", at, b->p[at]);
}

static void m_extend(buf *b, rng *r, mutation_log *log) {
  size_t add = 1 + below(r, 64), old = b->n;
  uint8_t *p = realloc(b->p, b->n + add);
  if (!p) return;
  b->p = p;
  b->cap = b->n + add;
  for (size_t i = 0; i < add; i++) b->p[old + i] = below(r, 2) ? 0 : (uint8_t)next(r);
  b->n = old + add;
  logf_(log, "extend %zu", add);
}

/*
 * Insert 1..8 bytes at the start of a section's data or of the section
 * header table and move every offset at or past that point, so the file stays
 * consistent but a table may become misaligned (readers built without
 * unaligned access refuse it; others do not).
 */
static void m_insert(buf *b, rng *r, mutation_log *log) {
  geom g;
  uint64_t at;
  size_t k = 1 + below(r, 8);
  uint8_t *p;
  const field *fo = &SH_FIELDS[4];
  geometry(b, &g);
  if (!g.elf || !g.shnum) return;
  if (below(r, 3) == 0) {
    at = g.shoff;
  } else {
    uint32_t i = (uint32_t)below(r, g.shnum);
    at = get(b, shdr_at(&g, i) + (g.is64 ? fo->off64 : fo->off32), g.is64 ? 8 : 4, g.big);
  }
  if (at == 0 || at > b->n) return;
  p = realloc(b->p, b->n + k);
  if (!p) return;
  b->p = p;
  b->cap = b->n + k;
  memmove(b->p + at + k, b->p + at, b->n - (size_t)at);
  memset(b->p + at, 0, k);
  b->n += k;
  /* the header's offsets, then every section's (the table itself may have moved) */
  {
    size_t eo = g.is64 ? 40 : 32, po = g.is64 ? 32 : 28;
    unsigned w = g.is64 ? 8 : 4;
    uint64_t shoff = get(b, eo, w, g.big), phoff = get(b, po, w, g.big);
    if (shoff >= at) put(b, eo, w, shoff + k, g.big);
    if (phoff >= at && phoff) put(b, po, w, phoff + k, g.big);
    geometry(b, &g);
    for (uint32_t i = 0; i < g.shnum; i++) {
      size_t fa = shdr_at(&g, i) + (g.is64 ? fo->off64 : fo->off32);
      uint64_t off = get(b, fa, w, g.big);
      if (off >= at && off) put(b, fa, w, off + k, g.big);
    }
  }
  logf_(log, "insert %zu bytes at %llu", k, (unsigned long long)at);
}

void mutate(const seedset *s, uint64_t seed_value, uint64_t index, buf *out, mutation_log *log) {
  rng r = {seed_value ^ (index * 0xd1342543de82ef95u) ^ 0x5eed};
  uint64_t pick;
  unsigned count;
  (void)next(&r);
  memset(log, 0, sizeof *log);
  log->seed = (size_t)below(&r, s->n);
  buf_set(out, s->v[log->seed].data.p, s->v[log->seed].data.n);
  pick = below(&r, 20);
  count = pick < 12 ? 1u : pick < 17 ? 2u : pick < 19 ? 3u : 4u;
  log->count = count;
  for (unsigned k = 0; k < count; k++) {
    switch (below(&r, 16)) {
      case 0: case 1: case 2: m_bitflip(out, &r, log); break;
      case 3: case 4: case 5: m_header(out, &r, log); break;
      case 6: case 7: case 8: case 9: case 10: case 11: m_shdr(out, &r, log); break;
      case 12: m_truncate(out, &r, log); break;
      case 13: m_splice(out, s, &r, log); break;
      case 14: if (below(&r, 2)) m_dup_shdr(out, &r, log); else m_insert(out, &r, log); break;
      default: if (below(&r, 4)) m_byte(out, &r, log); else m_extend(out, &r, log); break;
    }
  }
}
