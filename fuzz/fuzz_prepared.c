/*
 * fuzz_prepared: the loader's fast path against the full path.
 *
 * cwasm_parse_check(&p, input) must give exactly what cwasm_parse(input,
 * &p.opt) followed by cwasm_check(&p.host) give: the same status, and the
 * same bytes in the diagnostic, the artifact, the report header and the
 * report items [0, count) (policy.h, "prepared"). Both paths write into
 * buffers filled with different garbage first, so a byte either path leaves
 * unwritten shows up too.
 *
 * The prepared references are fixed (prepared_refs.h, from corpus/valid),
 * each prepared once, at the first input, four ways:
 *
 *   0  strict, the reference's own host: cwasm_prepare(NULL, &ref, NULL)
 *   1  lenient (reference parsed leniently), its own host
 *   2  strict, explicit host: the default host of the reference's release
 *   3  lenient, explicit host: the default host of the newest release
 *      (version, metadata and flag findings in the prepared tail)
 *
 * Input: byte 0 selects
 *
 *   bits 0-2  the reference (modulo their number)
 *   bits 3-4  the preparation above
 *   bits 5-6  the artifact: 0 the rest of the input as is; 1 the reference
 *             laid out again as the rest of the input says (section order,
 *             data order, padding, alignment, dropped and duplicated
 *             sections, header table first or last); 2 the reference with
 *             the rest of the input as byte patches that leave its engine
 *             section alone; 3 laid out again, then patched
 *   bit 7     (modes 1 and 3) write the other ELF class
 *
 * Modes 1-3 keep the reference's engine section bytes, so the shortcut
 * (engine section equal to the reference's) is taken on most of their
 * inputs, with the section at another offset and index than in the
 * reference. At startup every reference, as it is and laid out again with
 * no parameters, must agree on both paths and be the shortcut's input under
 * each preparation whose shortcut is on (and the shortcut must be on for at
 * least one). CWASM_FUZZ_STATS=1 in the environment prints at exit how many
 * inputs per preparation were eligible for the shortcut.
 */
#include <stddef.h>

#include "fuzz_common.h"
#include "prepared_refs.h"

#define NPREP 4
#define MAX_SECTIONS 64
#define OUT_MAX (1u << 18)
/* report items the fast path's buffer is poisoned over (the tail holds at
 * most CWASM_PREPARED_MAX_ITEMS, the front a few ELF findings and warnings) */
#define POISON_ITEMS 40u

typedef struct ref_section {
  cwasm_str name;
  uint32_t type, link, info;
  uint64_t flags, addr, size, addralign, entsize;
  cwasm_bytes data;
  bool engine, names;
} ref_section;

typedef struct ref_state {
  const fuzz_ref_bytes *src;
  cwasm_elf elf;
  uint32_t nsec; /* sections 1..nsec-1 (0 is SHT_NULL) */
  ref_section sec[MAX_SECTIONS];
  bool layout_ok; /* its sections can be laid out again */
  bool prepared[NPREP];
  cwasm_prepared prep[NPREP];
} ref_state;

static ref_state refs[FUZZ_REF_COUNT];

typedef struct prep_stats {
  unsigned long inputs, parsed, eligible;
} prep_stats;
static prep_stats stats[NPREP];

/* ------------------------------------------------------------ building */

typedef struct reader {
  const uint8_t *p;
  size_t n, i;
} reader;

/* The next parameter byte; 0 once the input is used up (0 means "as the
 * reference has it" for every parameter). */
static uint8_t next(reader *r) { return r->i < r->n ? r->p[r->i++] : 0; }

typedef struct writer {
  uint8_t *p;
  size_t n;
  bool big, elf64;
} writer;

static void put(writer *w, uint64_t off, uint64_t v, unsigned bytes) {
  for (unsigned k = 0; k < bytes; k++) {
    unsigned shift = 8u * (w->big ? bytes - 1u - k : k);
    if (off + k < w->n) w->p[off + k] = (uint8_t)(v >> shift);
  }
}
/* an address-sized field: 8 bytes in ELF64, 4 in ELF32 */
static uint64_t put_word(writer *w, uint64_t off, uint64_t v) {
  unsigned bytes = w->elf64 ? 8u : 4u;
  put(w, off, v, bytes);
  return off + bytes;
}

/* Engine-section byte ranges of the artifact built, which patches avoid. */
typedef struct keep_out {
  uint64_t off[MAX_SECTIONS * 2], len[MAX_SECTIONS * 2];
  unsigned n;
} keep_out;

typedef struct out_section {
  const ref_section *s; /* NULL: the new name table */
  uint32_t name_off;
  uint64_t offset;
} out_section;

/*
 * The reference laid out again: its sections (some dropped or doubled,
 * reordered), their data in another order with padding and alignment, a new
 * name table, the section header table first or last, in the reference's
 * byte order and class or the other class. Returns the size written.
 */
static size_t relayout(const ref_state *rs, reader *rd, bool other_class, uint8_t *out,
                       keep_out *ko) {
  static out_section list[MAX_SECTIONS * 2 + 1];
  static uint32_t order[MAX_SECTIONS * 2 + 1];
  static uint8_t names[MAX_SECTIONS * 80];
  writer w;
  uint32_t n = 1, names_at = 0; /* list[0] is SHT_NULL */
  size_t names_n = 1;
  uint64_t off, shoff, ehsize, shentsize;
  bool table_first;
  w.p = out;
  w.n = OUT_MAX;
  w.big = rs->elf.endian == CWASM_BIG;
  w.elf64 = (rs->elf.elf_class == 64) != other_class;
  ehsize = w.elf64 ? 64u : 52u;
  shentsize = w.elf64 ? 64u : 40u;

  /* which sections, in header order: each kept, dropped (byte % 16 == 14)
   * or doubled (15); the name table is always kept once (rebuilt) */
  memset(&list[0], 0, sizeof list[0]);
  for (uint32_t i = 1; i < rs->nsec; i++) {
    const ref_section *s = &rs->sec[i];
    uint8_t op = next(rd) % 16u;
    if (s->names) {
      names_at = n;
      list[n++].s = NULL;
      continue;
    }
    if (op == 14) continue;
    list[n++].s = s;
    if (op == 15) list[n++].s = s;
  }
  /* a permutation of entries 1..n-1; all-zero parameters keep the order */
  for (uint32_t i = n - 1; i > 1; i--) {
    uint32_t k = i - (uint32_t)(next(rd) % i);
    out_section t = list[i];
    list[i] = list[k];
    list[k] = t;
    if (names_at == i) names_at = k;
    else if (names_at == k) names_at = i;
  }
  /* the name table: every name once, in header order */
  memset(names, 0, sizeof names);
  for (uint32_t i = 1; i < n; i++) {
    const cwasm_str nm = list[i].s ? list[i].s->name : (cwasm_str){".shstrtab", 9};
    uint32_t found = 0;
    for (uint32_t j = 1; j < i && !found; j++) {
      const cwasm_str o = list[j].s ? list[j].s->name : (cwasm_str){".shstrtab", 9};
      if (o.n == nm.n && memcmp(o.p, nm.p, nm.n) == 0) found = list[j].name_off;
    }
    if (found || nm.n == 0) {
      list[i].name_off = found;
      continue;
    }
    if (names_n + nm.n + 1 > sizeof names) return 0;
    list[i].name_off = (uint32_t)names_n;
    memcpy(names + names_n, nm.p, nm.n);
    names_n += nm.n + 1;
  }
  /* data order: another permutation */
  for (uint32_t i = 0; i < n - 1; i++) order[i] = i + 1;
  for (uint32_t i = n - 2; i > 0; i--) {
    uint32_t k = i - (uint32_t)(next(rd) % (i + 1));
    uint32_t t = order[i];
    order[i] = order[k];
    order[k] = t;
  }
  table_first = next(rd) & 1u;
  off = ehsize;
  shoff = 0;
  if (table_first) {
    shoff = (off + 7u) & ~(uint64_t)7u;
    off = shoff + n * shentsize;
  }
  ko->n = 0;
  for (uint32_t j = 0; j < n - 1; j++) {
    out_section *o = &list[order[j]];
    const cwasm_bytes data = o->s ? o->s->data : (cwasm_bytes){names, names_n};
    uint64_t align = o->s ? o->s->addralign : 1u;
    uint8_t pad = next(rd), fill = next(rd);
    uint64_t start = off + pad % 32u;
    if (align > 1 && align <= 4096 && (align & (align - 1)) == 0 && !(pad & 0x80))
      start = (start + align - 1) & ~(align - 1);
    if (start + data.n > OUT_MAX - 4096) return 0;
    memset(out + off, fill, (size_t)(start - off));
    if (data.n) memcpy(out + start, data.p, data.n);
    o->offset = start;
    if (o->s && o->s->engine && ko->n < MAX_SECTIONS * 2) {
      ko->off[ko->n] = start;
      ko->len[ko->n++] = data.n;
    }
    off = start + data.n;
  }
  if (!table_first) {
    shoff = (off + 7u) & ~(uint64_t)7u;
    if (shoff + n * shentsize > OUT_MAX) return 0;
    memset(out + off, 0, (size_t)(shoff - off));
    off = shoff + n * shentsize;
  }
  /* the section header table */
  for (uint32_t i = 0; i < n; i++) {
    const out_section *o = &list[i];
    uint64_t at = shoff + i * shentsize;
    if (i == 0) {
      memset(out + at, 0, (size_t)shentsize);
      continue;
    }
    put(&w, at, o->name_off, 4);
    put(&w, at + 4, o->s ? o->s->type : 3u /* SHT_STRTAB */, 4);
    at = put_word(&w, at + 8, o->s ? o->s->flags : 0u);
    at = put_word(&w, at, o->s ? o->s->addr : 0u);
    at = put_word(&w, at, o->offset);
    at = put_word(&w, at, o->s ? o->s->size : names_n);
    put(&w, at, o->s ? o->s->link : 0u, 4);
    put(&w, at + 4, o->s ? o->s->info : 0u, 4);
    at = put_word(&w, at + 8, o->s ? o->s->addralign : 1u);
    put_word(&w, at, o->s ? o->s->entsize : 0u);
  }
  /* the ELF header: the reference's identification and fields, the new
   * class, table place and counts */
  memcpy(out, rs->src->bytes, 16);
  out[4] = w.elf64 ? 2 : 1;
  put(&w, 16, rs->elf.type, 2);
  put(&w, 18, rs->elf.machine, 2);
  put(&w, 20, rs->elf.version, 4);
  {
    uint64_t at = put_word(&w, 24, 0);   /* e_entry */
    at = put_word(&w, at, 0);            /* e_phoff */
    at = put_word(&w, at, shoff);        /* e_shoff */
    put(&w, at, rs->elf.flags, 4);
    put(&w, at + 4, ehsize, 2);
    put(&w, at + 6, rs->elf.phentsize, 2);
    put(&w, at + 8, 0, 2); /* e_phnum */
    put(&w, at + 10, shentsize, 2);
    put(&w, at + 12, n, 2);
    put(&w, at + 14, names_at, 2);
  }
  return (size_t)off;
}

/*
 * Byte patches from the rest of the input, three bytes each: position (two
 * bytes; with the top bit set, a position in the ELF header or the section
 * header table) and the value written. Engine section bytes are left alone.
 */
static void patch(reader *rd, uint8_t *out, size_t n, const keep_out *ko, uint64_t shoff,
                  uint64_t table_n) {
  while (rd->i + 3 <= rd->n) {
    uint8_t hi = next(rd), lo = next(rd), v = next(rd);
    uint64_t pos = (uint64_t)(hi & 0x7fu) << 8 | lo;
    bool skip = false;
    if (hi & 0x80u) {
      uint64_t head = n < 64 ? n : 64;
      uint64_t span_n = head + table_n;
      if (span_n == 0) continue;
      pos %= span_n;
      if (pos >= head) pos = shoff + (pos - head);
    } else {
      pos %= n;
    }
    if (pos >= n) continue;
    for (unsigned k = 0; k < ko->n && !skip; k++) skip = pos >= ko->off[k] && pos - ko->off[k] < ko->len[k];
    if (!skip) out[pos] = v;
  }
}

/* ------------------------------------------------------------ comparing */

static void first_difference(const void *x, const void *y, size_t n, const char *what,
                             const cwasm_prepared *p, int k) {
  const uint8_t *a = x, *b = y;
  for (size_t i = 0; i < n; i++)
    FUZZ_CHECK(a[i] == b[i],
               "preparation %d (release %u, shortcut %u): %s differs at byte %zu of %zu "
               "(fast path 0x%02x, full path 0x%02x)",
               k, (unsigned)p->host.release, (unsigned)p->shortcut, what, i, n, a[i], b[i]);
}

/* The item, field by field, before the byte that differs. */
static void compare_items(const cwasm_report *f, const cwasm_report *s) {
  for (uint32_t i = 0; i < s->count; i++) {
    const cwasm_finding *x = &f->items[i], *y = &s->items[i];
    if (memcmp(x, y, sizeof *x) == 0) continue;
    FUZZ_CHECK(x->code == y->code && x->kind == y->kind && x->stage == y->stage,
               "item %u: %s/%d/%d (fast) vs %s/%d/%d (full)", i, cwasm_status_name(x->code),
               (int)x->kind, (int)x->stage, cwasm_status_name(y->code), (int)y->kind,
               (int)y->stage);
    FUZZ_CHECK(x->offset == y->offset && x->index == y->index,
               "item %u (%s): offset %llu index %u (fast) vs offset %llu index %u (full)", i,
               cwasm_status_name(y->code), (unsigned long long)x->offset, x->index,
               (unsigned long long)y->offset, y->index);
    FUZZ_CHECK(strcmp(x->field, y->field) == 0 && strcmp(x->artifact, y->artifact) == 0 &&
                   strcmp(x->host, y->host) == 0 && strcmp(x->message, y->message) == 0,
               "item %u (%s): texts differ: %s=%s/%s (fast) vs %s=%s/%s (full)", i,
               cwasm_status_name(y->code), x->field, x->artifact, x->host, y->field, y->artifact,
               y->host);
  }
}

static void compare(int k, const cwasm_prepared *p, const uint8_t *buf, size_t n) {
  static cwasm_artifact af, as;
  static cwasm_report rf, rs;
  cwasm_diag df, ds;
  cwasm_status sf, ss;
  prep_stats *st = &stats[k];

  memset(&af, 0xa5, sizeof af);
  memset(&as, 0x5a, sizeof as);
  memset(&df, 0xa5, sizeof df);
  memset(&ds, 0x5a, sizeof ds);
  memset(&rf, 0xa5, offsetof(cwasm_report, items) + POISON_ITEMS * sizeof rf.items[0]);
  memset(&rs, 0x5a, offsetof(cwasm_report, items)); /* cwasm_check zeroes it all */

  sf = cwasm_parse_check(p, buf, n, &af, &rf, &df);
  ss = cwasm_parse(buf, n, &p->opt, &as, &ds);
  if (ss == CWASM_OK) {
    FUZZ_CHECK(cwasm_check(&as, &p->host, &rs) == CWASM_OK, "cwasm_check fails on a parsed artifact");
  } else {
    memset(&rs, 0, offsetof(cwasm_report, items));
    rs.host_release = p->host.release;
  }

  st->inputs++;
  if (ss == CWASM_OK) st->parsed++;
  if (p->shortcut && (as.stages & CWASM_STAGE_ENGINE) && as.engine.count == 1 &&
      as.engine.section.data.n == p->engine_len &&
      memcmp(as.engine.section.data.p, p->engine, p->engine_len) == 0)
    st->eligible++;

  FUZZ_CHECK(sf == ss, "preparation %d: cwasm_parse_check says %s, cwasm_parse %s", k,
             cwasm_status_name(sf), cwasm_status_name(ss));
  if (memcmp(&df, &ds, sizeof df) != 0) {
    fuzz_eq_diag("diagnostic of cwasm_parse_check vs cwasm_parse", &df, &ds);
    first_difference(&df, &ds, sizeof df, "diagnostic", p, k);
  }
  if (memcmp(&af, &as, sizeof af) != 0) {
    fuzz_eq_artifact("artifact of cwasm_parse_check vs cwasm_parse", &af, &as);
    first_difference(&af, &as, sizeof af, "artifact", p, k);
  }
  first_difference(&rf, &rs, offsetof(cwasm_report, items), "report header", p, k);
  if (memcmp(rf.items, rs.items, rs.count * sizeof rs.items[0]) != 0) {
    compare_items(&rf, &rs);
    first_difference(rf.items, rs.items, rs.count * sizeof rs.items[0], "report items", p, k);
  }
}

/* ------------------------------------------------------------ setup */

static void print_stats(void) {
  static const char *const what[NPREP] = {"strict, own host", "lenient, own host",
                                          "strict, default host of its release",
                                          "lenient, default host of the newest release"};
  fprintf(stderr, "fuzz_prepared: shortcut on for");
  for (size_t r = 0; r < FUZZ_REF_COUNT; r++)
    for (int k = 0; k < NPREP; k++)
      if (refs[r].prepared[k] && refs[r].prep[k].shortcut) fprintf(stderr, " %zu/%d", r, k);
  fprintf(stderr, " (reference/preparation)\n");
  for (int k = 0; k < NPREP; k++)
    fprintf(stderr,
            "fuzz_prepared: preparation %d (%s): %lu inputs, %lu parsed, %lu eligible for the "
            "shortcut (%.1f%%)\n",
            k, what[k], stats[k].inputs, stats[k].parsed, stats[k].eligible,
            stats[k].inputs ? 100.0 * (double)stats[k].eligible / (double)stats[k].inputs : 0.0);
}

/* The sections of a reference, for laying it out again. */
static void read_sections(ref_state *rs, const cwasm_artifact *a) {
  cwasm_diag d;
  rs->elf = a->elf;
  rs->layout_ok = a->elf.shnum >= 2 && a->elf.shnum <= MAX_SECTIONS && a->elf.phnum == 0;
  if (!rs->layout_ok) return;
  rs->nsec = (uint32_t)a->elf.shnum;
  for (uint32_t i = 1; i < rs->nsec; i++) {
    cwasm_section s;
    ref_section *o = &rs->sec[i];
    FUZZ_CHECK(cwasm_elf_section(&a->elf, i, &s, &d) == CWASM_OK, "%s: section %u unreadable",
               rs->src->name, i);
    o->name = s.name;
    o->type = s.type;
    o->link = s.link;
    o->info = s.info;
    o->flags = s.flags;
    o->addr = s.addr;
    o->size = s.size;
    o->addralign = s.addralign;
    o->entsize = s.entsize;
    o->data = s.data;
    o->engine = i == a->engine.section.index;
    o->names = i == a->elf.shstrndx;
  }
}

/* What cwasm_prepare promises about a prepared reference. */
static void check_prepared(const ref_state *rs, int k, const cwasm_artifact *ref,
                           const cwasm_options *opt) {
  const cwasm_prepared *p = &rs->prep[k];
  FUZZ_CHECK(p->opt.flags == opt->flags && p->opt.release == opt->release,
             "%s/%d: prepared options are not the ones given", rs->src->name, k);
  if (!p->shortcut) return;
  FUZZ_CHECK(ref->engine.count == 1 && p->engine_len == ref->engine.section.data.n &&
                 p->engine_index == ref->engine.section.index &&
                 p->engine_offset == ref->engine.section.offset &&
                 memcmp(p->engine, ref->engine.section.data.p, p->engine_len) == 0,
             "%s/%d: the prepared engine section is not the reference's", rs->src->name, k);
  FUZZ_CHECK(p->count <= CWASM_PREPARED_MAX_ITEMS && p->release == ref->release,
             "%s/%d: prepared tail of %u items, release %p vs %p", rs->src->name, k, p->count,
             (const void *)p->release, (const void *)ref->release);
}

static void setup(void) {
  static cwasm_artifact ref;
  static cwasm_host host;
  static cwasm_artifact a;
  static cwasm_report r;
  cwasm_options lenient;
  cwasm_diag d;
  int shortcuts = 0;
  memset(&lenient, 0, sizeof lenient);
  lenient.flags = CWASM_OPT_LENIENT;
  for (size_t i = 0; i < FUZZ_REF_COUNT; i++) {
    ref_state *rs = &refs[i];
    rs->src = &fuzz_refs[i];
    for (int k = 0; k < NPREP; k++) {
      const cwasm_options *opt = (k & 1) ? &lenient : NULL;
      static const cwasm_options strict_opt;
      const cwasm_host *h = NULL;
      cwasm_status st = cwasm_parse(rs->src->bytes, rs->src->size, opt, &ref, &d);
      FUZZ_CHECK(st == CWASM_OK, "reference %s does not parse (%s): %s", rs->src->name,
                 (k & 1) ? "lenient" : "strict", fuzz_diag_text(&d));
      if (k == 0) read_sections(rs, &ref);
      if (k >= 2) {
        uint16_t rel = k == 2 ? ref.release->major : CWASM_NEWEST_RELEASE;
        FUZZ_CHECK(cwasm_host_default(rel, &host) == CWASM_OK, "no default host for %u", rel);
        h = &host;
      }
      st = cwasm_prepare(h, &ref, opt, &rs->prep[k], &d);
      FUZZ_CHECK(st == CWASM_OK, "%s: cwasm_prepare (preparation %d) fails: %s", rs->src->name, k,
                 fuzz_diag_text(&d));
      rs->prepared[k] = true;
      check_prepared(rs, k, &ref, opt ? opt : &strict_opt);
      shortcuts += rs->prep[k].shortcut;
    }
  }
  /* the shortcut must be on somewhere, or this harness tests the full path only */
  FUZZ_CHECK(shortcuts > 0, "the shortcut is off for every prepared reference");
  /* every reference, as it is and laid out again with no parameters, against
   * each of its preparations: both paths agree, and the shortcut's inputs
   * are these (its engine section is the reference's) */
  for (size_t i = 0; i < FUZZ_REF_COUNT; i++) {
    static uint8_t buf[1u << 18];
    ref_state *rs = &refs[i];
    for (int k = 0; k < NPREP; k++) {
      unsigned long before = stats[k].eligible;
      reader none = {NULL, 0, 0};
      keep_out ko;
      size_t n;
      compare(k, &rs->prep[k], rs->src->bytes, rs->src->size);
      FUZZ_CHECK(!rs->prep[k].shortcut || stats[k].eligible == before + 1,
                 "%s/%d: the reference itself is not the shortcut's input", rs->src->name, k);
      if (!rs->layout_ok) continue;
      n = relayout(rs, &none, false, buf, &ko);
      FUZZ_CHECK(n > 0, "%s: cannot be laid out again", rs->src->name);
      compare(k, &rs->prep[k], buf, n);
      FUZZ_CHECK(!rs->prep[k].shortcut || stats[k].eligible == before + 2,
                 "%s/%d: laid out again, the reference is not the shortcut's input",
                 rs->src->name, k);
    }
  }
  memset(stats, 0, sizeof stats);
  /* the API's argument checks */
  FUZZ_CHECK(cwasm_parse_check(NULL, fuzz_refs[0].bytes, fuzz_refs[0].size, &a, &r, &d) ==
                 CWASM_E_ARGUMENT,
             "cwasm_parse_check accepts a NULL prepared");
  FUZZ_CHECK(cwasm_parse_check(&refs[0].prep[0], fuzz_refs[0].bytes, fuzz_refs[0].size, &a, NULL,
                               &d) == CWASM_E_ARGUMENT,
             "cwasm_parse_check accepts a NULL report");
  FUZZ_CHECK(cwasm_prepare(NULL, &ref, NULL, NULL, &d) == CWASM_E_ARGUMENT,
             "cwasm_prepare accepts a NULL output");
  {
    const char *env = getenv("CWASM_FUZZ_STATS");
    if (env && *env && strcmp(env, "0") != 0) atexit(print_stats);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static bool ready;
  static uint8_t out[OUT_MAX];
  const ref_state *rs;
  reader rd;
  keep_out ko;
  unsigned mode;
  int k;
  size_t n;

  if (!ready) {
    setup();
    ready = true;
  }
  if (size < 1) return 0;
  rs = &refs[(data[0] & 7u) % FUZZ_REF_COUNT];
  k = (data[0] >> 3) & 3;
  mode = (data[0] >> 5) & 3u;
  if (mode == 0) {
    compare(k, &rs->prep[k], data + 1, size - 1);
    return 0;
  }

  rd.p = data + 1;
  rd.n = size - 1;
  rd.i = 0;
  ko.n = 0;
  if (mode & 1u) {
    if (!rs->layout_ok) return 0;
    n = relayout(rs, &rd, (data[0] & 0x80u) != 0, out, &ko);
    if (n == 0) return 0;
  } else {
    n = rs->src->size;
    memcpy(out, rs->src->bytes, n);
    for (uint32_t i = 1; i < rs->nsec; i++)
      if (rs->sec[i].engine && rs->sec[i].data.n) {
        ko.off[0] = (uint64_t)(rs->sec[i].data.p - rs->src->bytes);
        ko.len[0] = rs->sec[i].data.n;
        ko.n = 1;
      }
  }
  if (mode & 2u) {
    /* the section header table of what was built, from its ELF header */
    cwasm_elf e;
    cwasm_diag d;
    cwasm_options lenient;
    uint64_t shoff = 0, table_n = 0;
    memset(&lenient, 0, sizeof lenient);
    lenient.flags = CWASM_OPT_LENIENT;
    if (cwasm_elf_parse(out, n, &lenient, &e, NULL, &d) == CWASM_OK) {
      shoff = e.shoff;
      table_n = e.shnum * e.shentsize;
    }
    patch(&rd, out, n, &ko, shoff, table_n);
  }
  compare(k, &rs->prep[k], out, n);
  return 0;
}
