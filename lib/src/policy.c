/*
 * The policy checker: would the Wasmtime release on this host accept this
 * artifact, and if not, every reason why (artifact-format.md §2.4, §3, §6).
 *
 * Wasmtime's `check_compatible` stops at the first mismatch; this runs every
 * rule in the same order and records each finding with the message the
 * host's release would print. What differs between releases lives in
 * rules.c as rows; this file only walks them.
 *
 * Order (Wasmtime's): ELF acceptance of the host's era → engine section →
 * version string → metadata decoded with the host's own layout → target →
 * shared flags → ISA flags → Tunables → features. A step whose input is
 * missing (no metadata the host could read, a target that does not parse)
 * ends that branch the way Wasmtime would end there.
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "internal.h"
#include "pipeline.h"
#include "policy_impl.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char CTX_FLAGS[] = "compilation settings of module incompatible with native host";
static const char CTX_ELF[] = "failed to parse precompiled artifact as an ELF";

/* ------------------------------------------------------------ text builder */

/* Appends into a fixed buffer; overflow sets `trunc` and the text ends in "...". */
typedef struct tb {
  char *p;
  size_t cap;
  size_t len;
  uint8_t trunc;
} tb;

static void tb_init(tb *t, char *p, size_t cap) {
  t->p = p;
  t->cap = cap;
  t->len = 0;
  t->trunc = 0;
  p[0] = '\0';
}

static void tb_ch(tb *t, char c) {
  if (t->len + 1 >= t->cap) {
    t->trunc = 1;
    return;
  }
  t->p[t->len++] = c;
  t->p[t->len] = '\0';
}

static void tb_str(tb *t, const char *z) {
  for (size_t i = 0; z[i] && !t->trunc; i++) tb_ch(t, z[i]);
}

/* v in base 10 or 16 (lowercase digits), without printf's machinery */
static void tb_num(tb *t, uint64_t v, unsigned base) {
  char tmp[24];
  size_t k = sizeof tmp;
  tmp[--k] = '\0';
  do { /* constant divisors: no div instruction */
    tmp[--k] = "0123456789abcdef"[base == 16 ? v & 15u : v % 10u];
    v = base == 16 ? v >> 4 : v / 10u;
  } while (v);
  tb_str(t, tmp + k);
}

static void tb_u64(tb *t, uint64_t v) { tb_num(t, v, 10); }

static void tb_hex(tb *t, uint64_t v) {
  tb_str(t, "0x");
  tb_num(t, v, 16);
}

/* Bytes of the input, copied as they are (the decoder proved them UTF-8). */
static void tb_span(tb *t, span s) {
  uint8_t b;
  for (size_t i = 0; i < s.n && !t->trunc; i++) {
    (void)span_u8_at(s, i, &b);
    tb_ch(t, (char)b);
  }
}

static span str_span(cwasm_str s) { return span_make((const uint8_t *)s.p, s.n, 0); }

/*
 * Rust's `{:?}` of a str: double quotes; \" \\ \t \r \n \0 escaped; other
 * control characters as \u{hex}. Non-ASCII characters are copied (Rust also
 * escapes non-printable and grapheme-extending code points; Wasmtime's own
 * names never contain them).
 */
static void tb_debug(tb *t, span s) {
  uint8_t b;
  char esc[16];
  tb_ch(t, '"');
  for (size_t i = 0; i < s.n && !t->trunc; i++) {
    (void)span_u8_at(s, i, &b);
    switch (b) {
      case '"': tb_str(t, "\\\""); break;
      case '\\': tb_str(t, "\\\\"); break;
      case '\t': tb_str(t, "\\t"); break;
      case '\r': tb_str(t, "\\r"); break;
      case '\n': tb_str(t, "\\n"); break;
      case '\0': tb_str(t, "\\0"); break;
      default:
        if (b < 0x20 || b == 0x7f) {
          snprintf(esc, sizeof esc, "\\u{%x}", (unsigned)b);
          tb_str(t, esc);
        } else {
          tb_ch(t, (char)b);
        }
    }
  }
  tb_ch(t, '"');
}

static void tb_debug_z(tb *t, const char *z) { tb_debug(t, span_make((const uint8_t *)z, strlen(z), 0)); }

/* Rust Debug of FlagValue: Enum("speed"), Num(12), Bool(true). */
static void tb_flag(tb *t, const cwasm_flag *f) {
  if (f->kind == CWASM_FLAG_ENUM) {
    tb_str(t, "Enum(");
    tb_debug(t, str_span(f->enum_value));
    tb_ch(t, ')');
  } else if (f->kind == CWASM_FLAG_NUM) {
    tb_str(t, "Num(");
    tb_u64(t, f->num);
    tb_ch(t, ')');
  } else { /* CWASM_FLAG_BOOL: decoded kinds are bounded to these three */
    tb_str(t, f->boolean ? "Bool(true)" : "Bool(false)");
  }
}

static void tb_flag_value(tb *t, const flag_value *v) {
  cwasm_flag f;
  memset(&f, 0, sizeof f);
  f.kind = v->kind;
  f.num = v->num;
  f.boolean = v->boolean;
  if (v->enum_value) {
    f.enum_value.p = v->enum_value;
    f.enum_value.n = strlen(v->enum_value);
  }
  tb_flag(t, &f);
}

/* Close a builder: a truncated text ends in "..." on a UTF-8 boundary. Every
 * builder is one of a finding's text fields (texts_open), all wider than "...". */
_Static_assert(CWASM_FINDING_FIELD_MAX >= 4 && CWASM_FINDING_VALUE_MAX >= 4 && CWASM_FINDING_MESSAGE_MAX >= 4,
               "room for \"...\" and its NUL");
static uint8_t tb_done(tb *t) {
  size_t at;
  if (!t->trunc) return 0;
  at = t->cap - 4;
  while (at > 0 && ((unsigned char)t->p[at] & 0xC0u) == 0x80u) at--;
  memcpy(t->p + at, "...", 4);
  return 1;
}

/* ------------------------------------------------------------ the report */

typedef struct checker {
  const cwasm_artifact *a;
  const cwasm_host *h;
  const cwasm_release *rel;
  uint16_t R;
  cwasm_report *r;         /* NULL while the tail is captured for a prepared host */
  cwasm_finding *items;    /* where items go: r->items, or a prepared host's */
  uint32_t cap;            /* capacity of items */
  uint32_t findings, warnings, notes, count, dropped; /* copied into r at the end */
  cwasm_finding scratch;   /* where items go once items[] is full */
  const cwasm_metadata *m; /* the metadata as the host reads it */
  cwasm_metadata own;      /* re-decoded with the host's layout, when needed */
  cwasm_engine engine;     /* the engine section the host reads */
  const isa_era *era;      /* the ISA check's era (check_isa_flags sets it) */
} checker;

static cwasm_finding *add(checker *c, cwasm_item_kind kind, cwasm_status code, cwasm_check_stage stage) {
  cwasm_finding *f;
  if (kind == CWASM_ITEM_FINDING) c->findings++;
  else if (kind == CWASM_ITEM_WARNING) c->warnings++;
  else c->notes++;
  if (c->count < c->cap) {
    f = &c->items[c->count++];
  } else {
    c->dropped++;
    f = &c->scratch;
  }
  memset(f, 0, sizeof *f);
  f->code = code;
  f->kind = kind;
  f->stage = stage;
  f->offset = CWASM_NO_OFFSET;
  f->index = CWASM_NO_INDEX;
  return f;
}

/* Builders over the three text fields of an item. */
typedef struct texts {
  cwasm_finding *f;
  tb field, art, host, msg;
} texts;

static void texts_open(texts *x, cwasm_finding *f) {
  x->f = f;
  tb_init(&x->field, f->field, sizeof f->field);
  tb_init(&x->art, f->artifact, sizeof f->artifact);
  tb_init(&x->host, f->host, sizeof f->host);
  tb_init(&x->msg, f->message, sizeof f->message);
}

static void texts_close(texts *x) {
  uint8_t t = 0;
  t |= tb_done(&x->field);
  t |= tb_done(&x->art);
  t |= tb_done(&x->host);
  t |= tb_done(&x->msg);
  x->f->truncated = t;
}

/* A finding/note whose field is "<prefix><name>". */
static cwasm_finding *add_named(checker *c, texts *x, cwasm_item_kind kind, cwasm_status code,
                                cwasm_check_stage stage, const char *prefix, span name) {
  cwasm_finding *f = add(c, kind, code, stage);
  texts_open(x, f);
  tb_str(&x->field, prefix);
  tb_span(&x->field, name);
  return f;
}

static cwasm_finding *add_field(checker *c, texts *x, cwasm_item_kind kind, cwasm_status code,
                                cwasm_check_stage stage, const char *field) {
  cwasm_finding *f = add(c, kind, code, stage);
  texts_open(x, f);
  tb_str(&x->field, field);
  return f;
}

/* A rule that needs an unknown host value: a note, never a finding. */
static void unchecked(checker *c, cwasm_check_stage stage, const char *prefix, span name, const char *why) {
  texts x;
  add_named(c, &x, CWASM_ITEM_NOTE, CWASM_W_UNCHECKED, stage, prefix, name);
  tb_str(&x.msg, "not checked: ");
  tb_str(&x.msg, why);
  texts_close(&x);
}

static span zspan(const char *z) { return span_make((const uint8_t *)z, strlen(z), 0); }

/* --------------------------------------------------- artifact warnings */

static void copy_warnings(checker *c) {
  const cwasm_warnings *w = &c->a->warnings;
  uint32_t n = w->count < CWASM_MAX_WARNINGS ? w->count : CWASM_MAX_WARNINGS;
  for (uint32_t i = 0; i < n; i++) {
    const cwasm_diag *d = &w->items[i];
    texts x;
    cwasm_finding *f = add_field(c, &x, CWASM_ITEM_WARNING, d->code, CWASM_STAGE_CHECK_ARTIFACT,
                                 d->field ? d->field : "");
    f->offset = d->offset;
    if (d->has_actual) tb_u64(&x.art, d->actual);
    if (d->has_expected) tb_u64(&x.host, d->expected);
    texts_close(&x);
    (void)cwasm_diag_format(d, f->message, sizeof f->message);
  }
  c->warnings += w->dropped;
  c->dropped += w->dropped;
}

/* --------------------------------------------------------- ELF (§2.4) */

static const char *endian_name(unsigned e) {
  return e == CWASM_BIG ? "big-endian" : e == CWASM_LITTLE ? "little-endian" : "unknown";
}

static void check_kind(checker *c) {
  const cwasm_elf *e = &c->a->elf;
  cwasm_elf_mode mode = c->rel->elf_mode;
  bool contains = mode >= CWASM_ELF_MODE_D; /* D and E, the last two modes: v32+ */
  uint32_t want = c->h->expect == CWASM_EXPECT_COMPONENT ? CWASM_EF_COMPONENT : CWASM_EF_MODULE;
  bool ok;
  texts x;
  if (c->h->expect == CWASM_EXPECT_EITHER)
    ok = contains ? (e->flags & (CWASM_EF_MODULE | CWASM_EF_COMPONENT)) != 0
                  : (e->flags == CWASM_EF_MODULE || e->flags == CWASM_EF_COMPONENT);
  else
    ok = contains ? (e->flags & want) == want : e->flags == want;
  if (ok) return;
  add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_KIND, CWASM_STAGE_CHECK_ELF, "e_flags")->offset =
      e->elf_class == 64 ? 48u : 36u;
  tb_hex(&x.art, e->flags);
  /* what the host's era requires: equality (v3-v31) or containment (v32+) */
  tb_str(&x.host, contains ? "contains " : "== ");
  if (c->h->expect == CWASM_EXPECT_EITHER) {
    tb_str(&x.host, "0x1 or 0x2");
  } else {
    tb_hex(&x.host, want);
    tb_str(&x.host, want == CWASM_EF_COMPONENT ? " (component)" : " (module)");
  }
  tb_str(&x.msg, "incompatible object file format");
  texts_close(&x);
}

/* One finding of the object crate's full-file parse (Wasmtime v3-v42). */
static void object_finding(checker *c, const char *field, uint64_t offset, uint64_t index, const char *art,
                           const char *host, const char *msg) {
  texts x;
  cwasm_finding *f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_SECTIONS, CWASM_STAGE_CHECK_ELF, field);
  f->context = CTX_ELF;
  f->offset = offset;
  if (index != CWASM_NO_INDEX) f->index = (uint32_t)index;
  tb_str(&x.art, art);
  tb_str(&x.host, host);
  tb_str(&x.msg, msg);
  texts_close(&x);
}

/*
 * Before v43 Wasmtime parses the whole file with the object crate (spec §2.4
 * mode A step 1), in this order: the program header table (its count from
 * section 0's sh_info when e_phnum is PN_XNUM), the section header table
 * (section 0 first when e_shnum is 0), the first SHT_SYMTAB with its string
 * table and every SHT_SYMTAB_SHNDX linked to it, the same for the first
 * SHT_DYNSYM, then the relocation sections linked to the symbol table
 * (section 0 when there is none). v3-v35, built without object's `unaligned`
 * feature, also need each table naturally aligned: header tables and symbol
 * tables to the word, SHT_SYMTAB_SHNDX to 4 bytes, even when empty. cwasm's
 * own parse needs none of that, so a file can be well-formed for cwasm and
 * still be refused by those releases. Object stops at the first failure
 * (Wasmtime's error, our first finding); the later ones are further reasons.
 */
typedef struct object_view {
  const cwasm_elf *e;
  bool aligned;       /* v3-v35 */
  uint64_t word;      /* 8 (ELF64) or 4 */
  uint64_t sh_link_at, sh_info_at, sh_offset_at; /* field offsets in a section header */
} object_view;

static uint64_t shdr_at(const object_view *v, uint64_t i) { return v->e->shoff + i * v->e->shentsize; }

/* Every section header in order, read in batches (one bounds check each). */
#define BRIEF_BATCH 32
typedef struct brief_walk {
  const cwasm_elf *e;
  uint64_t next; /* index of b[n] */
  size_t n, i;
  elf_shdr_brief b[BRIEF_BATCH];
} brief_walk;

static void walk_begin(brief_walk *w, const cwasm_elf *e) {
  w->e = e;
  w->next = 0;
  w->n = w->i = 0;
}

/* The next header and its index, or NULL at the end. */
static const elf_shdr_brief *walk_next(brief_walk *w, uint64_t *index) {
  if (w->i == w->n) {
    uint64_t left = w->e->shnum - w->next;
    w->n = elf_section_briefs(w->e, w->next, w->b, left < BRIEF_BATCH ? (size_t)left : BRIEF_BATCH);
    w->i = 0;
    if (w->n == 0) return NULL; /* the end (or a forged struct whose table is not in the input) */
    w->next += w->n;
  }
  *index = w->next - w->n + w->i;
  return &w->b[w->i++];
}

/* A symbol table (the first of its type, index i) and the SHT_SYMTAB_SHNDX sections linked to it
 * (walked for when `shndx`: the one-pass scan may have shown there is nothing to find). */
static void object_symbols(checker *c, const object_view *v, uint64_t i, const elf_shdr_brief *s, bool shndx) {
  const cwasm_elf *e = v->e;
  elf_shdr_brief t;
  const elf_shdr_brief *x;
  brief_walk w;
  uint64_t j;
  if (v->aligned && s->offset % v->word)
    object_finding(c, "sh_offset", shdr_at(v, i) + v->sh_offset_at, i, "misaligned", "a naturally aligned table",
                   "Invalid ELF symbol table data");
  if (s->link >= e->shnum)
    object_finding(c, "sh_link", shdr_at(v, i) + v->sh_link_at, i, "past the section table", "a string table",
                   "Invalid ELF section index");
  else if (elf_section_briefs(e, s->link, &t, 1) && t.type != 3u /* SHT_STRTAB */)
    object_finding(c, "sh_link", shdr_at(v, i) + v->sh_link_at, i, "not SHT_STRTAB", "SHT_STRTAB",
                   "Invalid ELF string section type");
  if (!v->aligned || !shndx) return;
  walk_begin(&w, e);
  while ((x = walk_next(&w, &j)) != NULL)
    if (x->type == 18u /* SHT_SYMTAB_SHNDX */ && x->link == i && x->offset % 4u)
      object_finding(c, "sh_offset", shdr_at(v, j) + v->sh_offset_at, j, "misaligned", "a 4-byte aligned table",
                     "Invalid ELF symtab_shndx data");
}

static void check_object_tables(checker *c) {
  const cwasm_elf *e = &c->a->elf;
  object_view v;
  uint64_t symtab = CWASM_NO_INDEX, dynsym = CWASM_NO_INDEX, symidx, i;
  bool table_failed = false;
  elf_shdr_brief sym, dyn, s0;
  const elf_shdr_brief *x;
  brief_walk w;
  elf_object_scan scan;
  v.e = e;
  v.aligned = c->R < 36;
  v.word = e->elf_class == 64 ? 8u : 4u;
  v.sh_link_at = e->elf_class == 64 ? 40u : 24u;
  v.sh_info_at = v.sh_link_at + 4u;
  v.sh_offset_at = e->elf_class == 64 ? 24u : 16u;

  /* program headers; PN_XNUM reads section 0 first */
  if (e->phoff) {
    uint64_t phnum = e->phnum;
    if (phnum == 0xffffu) {
      if (v.aligned && e->shoff % v.word) {
        object_finding(c, "e_shoff", e->elf_class == 64 ? 40u : 32u, CWASM_NO_INDEX, "misaligned",
                       "a naturally aligned table", "Invalid ELF section header offset or size");
        table_failed = true;
        phnum = 0;
      } else {
        phnum = elf_section_briefs(e, 0, &s0, 1) ? s0.info : 0;
      }
    }
    if (v.aligned && phnum && e->phoff % v.word)
      object_finding(c, "e_phoff", e->elf_class == 64 ? 32u : 28u, CWASM_NO_INDEX, "misaligned",
                     "a naturally aligned table", "Invalid ELF program header size or alignment");
  }
  /* the section header table (section 0 first when it holds the count) */
  if (v.aligned && !table_failed && e->shoff % v.word)
    object_finding(c, "e_shoff", e->elf_class == 64 ? 40u : 32u, CWASM_NO_INDEX, "misaligned",
                   "a naturally aligned table",
                   e->shnum_field == 0 ? "Invalid ELF section header offset or size"
                                       : "Invalid ELF section header offset/size/alignment");

  /* the first symbol table of each kind: from one pass that also says whether the
   * SHT_SYMTAB_SHNDX and relocation walks below can find anything */
  if (elf_scan_object_tables(e, &scan) && scan.quiet) {
    if (scan.symtab != CWASM_NO_INDEX) object_symbols(c, &v, scan.symtab, &scan.sym, false);
    if (scan.dynsym != CWASM_NO_INDEX) object_symbols(c, &v, scan.dynsym, &scan.dyn, false);
    return;
  }
  walk_begin(&w, e);
  while ((symtab == CWASM_NO_INDEX || dynsym == CWASM_NO_INDEX) && (x = walk_next(&w, &i)) != NULL) {
    if (x->type == 2u /* SHT_SYMTAB */ && symtab == CWASM_NO_INDEX) {
      symtab = i;
      sym = *x;
    } else if (x->type == 11u /* SHT_DYNSYM */ && dynsym == CWASM_NO_INDEX) {
      dynsym = i;
      dyn = *x;
    }
  }
  if (symtab != CWASM_NO_INDEX) object_symbols(c, &v, symtab, &sym, true);
  if (dynsym != CWASM_NO_INDEX) object_symbols(c, &v, dynsym, &dyn, true);

  /* relocation sections linked to the symbol table (index 0 when there is none) */
  symidx = symtab == CWASM_NO_INDEX ? 0 : symtab;
  walk_begin(&w, e);
  while ((x = walk_next(&w, &i)) != NULL) {
    if ((x->type != 4u && x->type != 9u) || x->link != symidx || x->info == 0) continue; /* SHT_RELA, SHT_REL */
    if (x->info >= e->shnum)
      object_finding(c, "sh_info", shdr_at(&v, i) + v.sh_info_at, i, "past the section table", "a section index",
                     "Invalid ELF sh_info for relocation section");
  }
}

static void check_elf(checker *c) {
  const cwasm_elf *e = &c->a->elf;
  cwasm_elf_mode mode = c->rel->elf_mode;
  texts x;
  cwasm_finding *f;

  /* object's FileHeader64 / ElfFile64: ELF64 only from v22 */
  if (mode != CWASM_ELF_MODE_A && e->elf_class != 64) {
    f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_HEADER, CWASM_STAGE_CHECK_ELF, "e_ident[EI_CLASS]");
    f->context = CTX_ELF;
    f->offset = 4;
    tb_str(&x.art, "ELFCLASS32");
    tb_str(&x.host, "ELFCLASS64");
    tb_str(&x.msg, "Unsupported ELF header");
    texts_close(&x);
  }
  /* ElfFile64<NativeEndian> (v22-v27): the host's own byte order */
  if (mode == CWASM_ELF_MODE_B) {
    if (c->h->endian == 0) {
      unchecked(c, CWASM_STAGE_CHECK_ELF, "", zspan("e_ident[EI_DATA]"),
                "the host's byte order is unknown (Wasmtime 22-27 read only native-endian ELF)");
    } else if (e->endian != c->h->endian) {
      f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_HEADER, CWASM_STAGE_CHECK_ELF, "e_ident[EI_DATA]");
      f->context = CTX_ELF;
      f->offset = 5;
      tb_str(&x.art, endian_name(e->endian));
      tb_str(&x.host, endian_name(c->h->endian));
      tb_str(&x.msg, "Unsupported ELF endian");
      texts_close(&x);
    }
  }
  /* OS ABI and ABI version are checked up to v42 */
  if (mode != CWASM_ELF_MODE_E) {
    if (e->osabi != CWASM_ELFOSABI_WASMTIME) {
      f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_HEADER, CWASM_STAGE_CHECK_ELF,
                    "e_ident[EI_OSABI]");
      f->offset = 7;
      tb_u64(&x.art, e->osabi);
      tb_u64(&x.host, CWASM_ELFOSABI_WASMTIME);
      tb_str(&x.msg, "incompatible object file format");
      texts_close(&x);
    }
    if (e->abiversion != 0) {
      f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_HEADER, CWASM_STAGE_CHECK_ELF,
                    "e_ident[EI_ABIVERSION]");
      f->offset = 8;
      tb_u64(&x.art, e->abiversion);
      tb_u64(&x.host, 0);
      tb_str(&x.msg, "incompatible object file format");
      texts_close(&x);
    }
  }
  check_kind(c);
  if (mode != CWASM_ELF_MODE_E) check_object_tables(c);
  /* v43+ reads every section name and fails on any it cannot read */
  /* the per-section walk below only when the one-pass test says some name needs a closer look */
  if (mode == CWASM_ELF_MODE_E && !elf_names_readable(e)) {
    for (uint64_t i = 0; i < e->shnum; i++) {
      cwasm_section s;
      cwasm_diag d;
      cwasm_status st = cwasm_elf_section(e, i, &s, &d);
      if (st != CWASM_E_ELF_NAME_RANGE && st != CWASM_E_ELF_NAME_UNTERMINATED) continue;
      f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_SECTIONS, CWASM_STAGE_CHECK_ELF, "sh_name");
      f->offset = d.offset;
      /* unreachable: an index past 32 bits, in any test (2^32 section headers, 160 GiB) */
      f->index = i < CWASM_NO_INDEX ? (uint32_t)i : CWASM_NO_INDEX;
      tb_str(&x.art, "section ");
      tb_u64(&x.art, i);
      tb_str(&x.host, "a readable name");
      tb_str(&x.msg, "Invalid ELF section name offset");
      texts_close(&x);
    }
  }
}

/* ---------------------------------------------- engine section (§3.3) */

static const char *framing_message(cwasm_status st) {
  switch (st) {
    case CWASM_E_ENGINE_FORMAT: return "mismatched version in engine section";
    case CWASM_E_ENGINE_TOO_SMALL: return "engine section too small";
    default: return "invalid engine section";
  }
}

/* The section the host reads: the first match up to v42, the last from v43.
 * Returns false when the host cannot get a version and metadata out of it. */
static bool select_engine(checker *c) {
  const cwasm_artifact *a = c->a;
  texts x;
  cwasm_finding *f;
  if (!(a->stages & CWASM_STAGE_ENGINE) || a->engine.count == 0) {
    f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_SECTIONS, CWASM_STAGE_CHECK_ELF, "section names");
    tb_str(&x.art, "no .wasmtime.engine");
    tb_str(&x.host, ".wasmtime.engine");
    tb_str(&x.msg, "failed to find section `.wasmtime.engine`");
    texts_close(&x);
    return false;
  }
  c->engine = a->engine;
  if (c->rel->elf_mode == CWASM_ELF_MODE_E && a->engine.last_index != a->engine.first_index) {
    cwasm_section s;
    cwasm_diag d;
    cwasm_status st = cwasm_elf_section(&a->elf, a->engine.last_index, &s, &d);
    if (c->r) c->r->checked_section_last = 1;
    if (st == CWASM_OK && s.type != 8u /* SHT_NOBITS: no data */)
      st = cwasm_engine_split(s.data, s.offset, &c->engine, &d);
    else if (st == CWASM_OK)
      st = CWASM_E_ENGINE_EMPTY;
    c->engine.section = s;
    if (st != CWASM_OK) {
      f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ELF_SECTIONS, CWASM_STAGE_CHECK_ELF,
                    ".wasmtime.engine");
      f->index = a->engine.last_index;
      f->offset = d.offset;
      tb_str(&x.art, "section ");
      tb_u64(&x.art, a->engine.last_index);
      tb_str(&x.host, "the last .wasmtime.engine (v43+)");
      tb_str(&x.msg, framing_message(st));
      texts_close(&x);
      return false;
    }
  }
  return true;
}

/* ------------------------------------------------------ version (§3.2) */

/* Rust's Utf8Error Display for the first invalid sequence of `s`, which is not
 * valid UTF-8. unreachable: the loop's condition failing; it always ends in a
 * return. */
static void utf8_error(tb *t, span s) {
  size_t i = 0;
  uint8_t b0, b1;
  while (i < s.n) {
    size_t need, len = 1;
    uint8_t lo = 0x80, hi = 0xBF;
    (void)span_u8_at(s, i, &b0);
    if (b0 < 0x80) {
      i++;
      continue;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) need = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF) need = 3;
    else if (b0 >= 0xF0 && b0 <= 0xF4) need = 4;
    else goto bad; /* error_len 1 */
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
    for (size_t k = 1; k < need; k++) {
      if (i + k >= s.n) {
        tb_str(t, "incomplete utf-8 byte sequence from index ");
        tb_u64(t, i);
        return;
      }
      (void)span_u8_at(s, i + k, &b1);
      if (b1 < (k == 1 ? lo : 0x80) || b1 > (k == 1 ? hi : 0xBF)) goto bad;
      len = k + 1;
    }
    i += need;
    continue;
  bad:
    tb_str(t, "invalid utf-8 sequence of ");
    tb_u64(t, len);
    tb_str(t, " bytes from index ");
    tb_u64(t, i);
    return;
  }
}

/* The version string as text; invalid UTF-8 bytes as \xNN. */
static void tb_version(tb *t, span s, bool valid) {
  uint8_t b;
  char esc[8];
  for (size_t i = 0; i < s.n && !t->trunc; i++) {
    (void)span_u8_at(s, i, &b);
    if (!valid && b >= 0x80) {
      snprintf(esc, sizeof esc, "\\x%02x", (unsigned)b);
      tb_str(t, esc);
    } else {
      tb_ch(t, (char)b);
    }
  }
}

static bool version_allowed(const cwasm_host *h, span v) {
  for (size_t i = 0; h->version_allow && i < h->version_allow_count; i++)
    if (h->version_allow[i] && span_eq_cstr(v, h->version_allow[i])) return true;
  return false;
}

static void check_version(checker *c) {
  const cwasm_host *h = c->h;
  span v = span_from_bytes(c->engine.version, c->engine.version_offset);
  cwasm_version pv;
  cwasm_diag d;
  bool valid, equal, tolerated, unknown_patch = false;
  const char *why = NULL;
  texts x;
  cwasm_finding *f;

  if (h->strategy == CWASM_STRATEGY_NONE) return; /* no check at all, not even UTF-8 */
  valid = cwasm_version_parse(c->engine.version, c->engine.version_offset, &pv, &d) == CWASM_OK;
  if (h->strategy == CWASM_STRATEGY_DEFAULT && !h->version_known) {
    /* only the major is known: "R.x.y" may or may not be this host's patch */
    equal = false;
    unknown_patch = valid && pv.kind == CWASM_VERSION_RELEASE && pv.full_form && pv.major == c->R;
  } else {
    equal = valid && span_eq_bytes(v, (const uint8_t *)h->version, h->version_len);
  }
  if (equal) return;

  tolerated = false;
  if (version_allowed(h, v)) {
    tolerated = true;
    why = "accepted by the caller's allow list";
  } else if (h->version_mode == CWASM_VERSION_MODE_IGNORE) {
    tolerated = true;
    why = "version check disabled by the caller (version mode ignore)";
  } else if (h->version_mode == CWASM_VERSION_MODE_MAJOR && valid &&
             (pv.kind == CWASM_VERSION_RELEASE || pv.kind == CWASM_VERSION_UNKNOWN_RELEASE) &&
             pv.major == c->R) {
    tolerated = true;
    why = "same major version accepted by the caller (version mode major)";
  }
  if (unknown_patch && !tolerated) {
    f = add_field(c, &x, CWASM_ITEM_NOTE, CWASM_W_UNCHECKED, CWASM_STAGE_CHECK_VERSION, "version");
    f->offset = c->engine.version_offset;
    tb_version(&x.art, v, true);
    tb_u64(&x.host, c->R);
    tb_str(&x.host, ".?.?");
    tb_str(&x.msg, "not checked: the host's patch version is unknown (same major)");
    texts_close(&x);
    return;
  }
  f = add_field(c, &x, tolerated ? CWASM_ITEM_NOTE : CWASM_ITEM_FINDING,
                tolerated ? CWASM_W_TOLERATED : CWASM_F_VERSION, CWASM_STAGE_CHECK_VERSION, "version");
  f->offset = c->engine.version_offset;
  tb_version(&x.art, v, valid);
  if (h->version_known) tb_span(&x.host, span_make((const uint8_t *)h->version, h->version_len, 0));
  else {
    tb_u64(&x.host, c->R);
    tb_str(&x.host, ".?.?");
  }
  if (tolerated) {
    tb_str(&x.msg, why);
    tb_str(&x.msg, "; Wasmtime would say: ");
  }
  if (!valid) {
    utf8_error(&x.msg, v);
  } else {
    tb_str(&x.msg, h->strategy == CWASM_STRATEGY_CUSTOM ? RULES_VERSION_PREFIX_CUSTOM
                                                        : rules_version_prefix_default(c->R));
    tb_span(&x.msg, v);
    tb_ch(&x.msg, '\'');
  }
  texts_close(&x);
}

/* ------------------------------------------------- metadata (§4, §5) */

/* The codec's own error text for a decode failure (§4.4). */
static void codec_message(tb *t, const cwasm_layout *l, const cwasm_diag *d) {
  bool postcard = l->codec == CWASM_CODEC_POSTCARD;
  switch (d->code) {
    case CWASM_E_META_TRUNCATED:
    case CWASM_E_META_LENGTH:
      tb_str(t, postcard ? "Hit the end of buffer, expected more data" : "io error: unexpected end of file");
      return;
    case CWASM_E_META_VARINT:
      tb_str(t, "Found a varint that didn't terminate. Is the usize too big for this platform?");
      return;
    case CWASM_E_META_BOOL:
      if (postcard) {
        tb_str(t, "Found a bool that wasn't 0 or 1");
      } else {
        tb_str(t, "invalid u8 while decoding bool, expected 0 or 1, found ");
        tb_u64(t, d->actual);
      }
      return;
    case CWASM_E_META_OPTION: tb_str(t, "Found an Option discriminant that wasn't 0 or 1"); return;
    case CWASM_E_META_UTF8:
      tb_str(t, postcard ? "Tried to parse invalid utf-8" : "string is not valid utf8");
      return;
    case CWASM_E_META_ENUM:
      if (postcard) {
        tb_str(t, "Serde Deserialization Error");
      } else {
        tb_str(t, "invalid value: integer `");
        tb_u64(t, d->actual);
        tb_str(t, "`, expected variant index 0 <= i < ");
        tb_u64(t, d->expected);
      }
      return;
    case CWASM_E_META_NONZERO: tb_str(t, "Serde Deserialization Error"); return;
    default:
      tb_str(t, cwasm_status_message(d->code));
      return;
  }
}

/*
 * Two layouts that give every byte the same meaning: same codec, container,
 * Tunables fields and feature encoding. They may still differ in enum
 * variant counts (a value only one knows fails to decode) and in the length
 * of an OperatorCost table (checked by the caller on the decoded value).
 */
static bool layouts_equivalent(const cwasm_layout *a, const cwasm_layout *b) {
  if (a->codec != b->codec || a->flags_map != b->flags_map || a->tunables_count != b->tunables_count ||
      a->features != b->features || a->feature_bools_count != b->feature_bools_count)
    return false;
  for (unsigned i = 0; i < a->tunables_count; i++)
    if (a->tunables[i] != b->tunables[i]) return false;
  for (unsigned i = 0; i < a->feature_bools_count; i++)
    if (strcmp(a->feature_bools[i], b->feature_bools[i]) != 0) return false;
  return true;
}

static void layout_text(tb *t, const cwasm_layout *l) {
  tb_str(t, "layout ");
  tb_str(t, l->name);
}

/*
 * Wasmtime decodes the metadata with its own layout. Same layout: use the
 * artifact's decode. Otherwise decode again with the host's layout: a
 * failure is what Wasmtime reports; a success over a different layout would
 * be a misreading, which Wasmtime cannot notice — both are F_METADATA, and no
 * field is compared across layouts.
 */
_Static_assert(CWASM_LAST_RELEASE < 64, "cwasm_artifact.candidates is a 64-bit mask of majors");

static bool select_metadata(checker *c) {
  const cwasm_artifact *a = c->a;
  const cwasm_layout *host_l = c->rel->layout, *art_l = NULL;
  bool same_section = c->engine.section.index == a->engine.section.index;
  cwasm_diag d;
  cwasm_status st;
  texts x;
  cwasm_finding *f;

  if (same_section && (a->stages & CWASM_STAGE_METADATA)) {
    art_l = a->meta.layout;
    if (art_l == host_l) {
      c->m = &a->meta;
      return true;
    }
    /* an inferred layout is a guess: if the host's layout also fits exactly, that reading is as good
     * (c->R is a release of the table, so below 64) */
    if (a->layout_source == CWASM_LAYOUT_INFERRED && (a->candidates >> c->R) & 1u) art_l = NULL;
  } else {
    cwasm_version v;
    /* a RELEASE version names a release in the table */
    if (cwasm_version_parse(c->engine.version, 0, &v, &d) == CWASM_OK && v.kind == CWASM_VERSION_RELEASE)
      art_l = cwasm_release_get(v.major)->layout;
  }
  st = cwasm_metadata_decode(c->engine.metadata, c->engine.metadata_offset, host_l, NULL, &c->own, &d);
  if (st != CWASM_OK) {
    f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_METADATA, CWASM_STAGE_CHECK_METADATA, "metadata");
    f->offset = d.offset;
    if (art_l) layout_text(&x.art, art_l);
    else tb_str(&x.art, d.field); /* a failed decode always names its field */
    layout_text(&x.host, host_l);
    codec_message(&x.msg, host_l, &d);
    texts_close(&x);
    return false;
  }
  if (art_l && art_l != host_l && layouts_equivalent(art_l, host_l) && c->own.trailing_bytes == 0 &&
      (art_l->operator_cost_len == host_l->operator_cost_len ||
       !c->own.tunables.f[CWASM_T_OPERATOR_COST].present ||
       c->own.tunables.f[CWASM_T_OPERATOR_COST].value != 0))
    art_l = host_l; /* e.g. v47/v48 without a cost table: the same bytes mean the same */
  if (art_l && art_l != host_l) {
    f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_METADATA, CWASM_STAGE_CHECK_METADATA, "metadata");
    f->offset = c->engine.metadata_offset;
    layout_text(&x.art, art_l);
    layout_text(&x.host, host_l);
    tb_str(&x.msg, "metadata written with the ");
    tb_str(&x.msg, art_l->name);
    tb_str(&x.msg, " layout would be misread by Wasmtime ");
    tb_u64(&x.msg, c->R);
    tb_str(&x.msg, ", which decodes it with its own ");
    tb_str(&x.msg, host_l->name);
    tb_str(&x.msg, " layout");
    texts_close(&x);
    return false;
  }
  c->m = &c->own;
  return true;
}

/* -------------------------------------------------------- target (§6.2) */

static void check_target(checker *c, bool *target_ok) {
  const cwasm_host *h = c->h;
  cwasm_triple t;
  texts x;
  cwasm_finding *f;
  *target_ok = false;
  if (cwasm_triple_parse(c->m->target.p, c->m->target.n, &t) != CWASM_OK) {
    f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_TARGET_PARSE, CWASM_STAGE_CHECK_TARGET, "target");
    f->offset = c->m->target_offset;
    tb_span(&x.art, str_span(c->m->target));
    if (h->have_triple) (void)cwasm_triple_format(&h->triple, x.host.p, x.host.cap);
    tb_str(&x.msg, t.error);
    texts_close(&x);
    return;
  }
  *target_ok = true;
  if (!h->have_triple) {
    unchecked(c, CWASM_STAGE_CHECK_TARGET, "", zspan("target"), "the host's target is unknown");
    return;
  }
  if (strcmp(t.arch_name, h->triple.arch_name) != 0) {
    f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_ARCH, CWASM_STAGE_CHECK_TARGET, "target.arch");
    f->offset = c->m->target_offset;
    tb_str(&x.art, t.arch_name);
    tb_str(&x.host, h->triple.arch_name);
    tb_str(&x.msg, "Module was compiled for architecture '");
    tb_str(&x.msg, t.arch_name);
    tb_ch(&x.msg, '\'');
    texts_close(&x);
  }
  if (strcmp(t.os_name, h->triple.os_name) != 0 || strcmp(t.os_version, h->triple.os_version) != 0) {
    f = add_field(c, &x, CWASM_ITEM_FINDING, CWASM_F_OS, CWASM_STAGE_CHECK_TARGET, "target.os");
    f->offset = c->m->target_offset;
    tb_str(&x.art, t.os_name);
    tb_str(&x.art, t.os_version);
    tb_str(&x.host, h->triple.os_name);
    tb_str(&x.host, h->triple.os_version);
    tb_str(&x.msg, "Module was compiled for operating system '");
    tb_str(&x.msg, t.os_name);
    tb_str(&x.msg, t.os_version);
    tb_ch(&x.msg, '\'');
    texts_close(&x);
  }
}

/* ------------------------------------------------- flag list walking */

typedef void (*flag_fn)(checker *c, const cwasm_flag *f, uint32_t index);

static int str_cmp(cwasm_str a, cwasm_str b) {
  size_t n = a.n < b.n ? a.n : b.n;
  int k = n ? memcmp(a.p, b.p, n) : 0;
  if (k) return k;
  return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
}

#define DEDUP_CHUNK 64

/* A map-era list as serde writes a BTreeMap: names strictly increasing. Then
 * no entry is superseded, and the chunked search of for_each_flag would visit
 * every entry in stored order anyway. */
static bool names_increasing(const cwasm_flag_list *list) {
  cwasm_flag_iter it;
  cwasm_flag f;
  cwasm_str prev = {NULL, 0};
  cwasm_flags_begin(list, &it);
  while (cwasm_flags_next(&it, &f)) {
    if (it.index > 1u && str_cmp(prev, f.name) >= 0) return false;
    prev = f.name;
  }
  return true;
}

typedef struct chunk_entry {
  cwasm_flag f;
  uint32_t index;
  uint8_t superseded;
} chunk_entry;

/* Mark every entry of the chunk named like `name` (sorted[] orders the chunk by name). */
static void supersede(chunk_entry *e, const uint8_t *sorted, unsigned n, cwasm_str name, bool keep_last) {
  unsigned lo = 0, hi = n;
  while (lo < hi) { /* first entry >= name */
    unsigned mid = lo + (hi - lo) / 2;
    if (str_cmp(e[sorted[mid]].f.name, name) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (unsigned k = lo; k < n && str_cmp(e[sorted[k]].f.name, name) == 0; k++) {
    /* within the chunk the run is ordered by index: the last one survives */
    if (keep_last && (k + 1 >= n || str_cmp(e[sorted[k + 1]].f.name, name) != 0)) break;
    e[sorted[k]].superseded = 1;
  }
}

/*
 * Call fn for every entry of a map-era list (v3-v14) that Wasmtime checks:
 * each name once, with its last value. Done in chunks (sorted, then every
 * later entry binary-searched against the chunk) so that hostile lists cost
 * O(n^2 / chunk) decodes, not O(n^2), and no memory is allocated. Entries
 * are visited in stored order (a BTreeMap visits them sorted by name, which
 * is the order every writer stores them in).
 */
static void for_each_unique_flag(checker *c, const cwasm_flag_list *list, flag_fn fn) {
  cwasm_flag_iter it;
  cwasm_flag f;
  chunk_entry e[DEDUP_CHUNK];
  uint8_t sorted[DEDUP_CHUNK];
  for (uint32_t start = 0; start < list->count; start += DEDUP_CHUNK) {
    unsigned n = 0;
    cwasm_flags_begin(list, &it);
    for (uint32_t k = 0; k < start; k++) (void)cwasm_flags_next(&it, &f); /* entries decoded before */
    while (n < DEDUP_CHUNK && cwasm_flags_next(&it, &e[n].f)) {
      e[n].index = it.index - 1u;
      e[n].superseded = 0;
      n++;
    }
    /* stable insertion sort of the chunk by name */
    for (unsigned i = 0; i < n; i++) {
      unsigned j = i;
      while (j > 0 && str_cmp(e[sorted[j - 1]].f.name, e[i].f.name) > 0) {
        sorted[j] = sorted[j - 1];
        j--;
      }
      sorted[j] = (uint8_t)i;
    }
    for (unsigned i = 0; i < n; i++) supersede(e, sorted, n, e[i].f.name, true);
    while (cwasm_flags_next(&it, &f)) supersede(e, sorted, n, f.name, false);
    for (unsigned i = 0; i < n; i++)
      if (!e[i].superseded) fn(c, &e[i].f, e[i].index);
    if (n < DEDUP_CHUNK) break;
  }
}

/*
 * A map-era list whose names increase (every writer's; then no entry is
 * superseded): fn for each entry, in stored order, and true; false, before
 * any call, for another list. A list of up to DEDUP_CHUNK entries is
 * decoded once, into f[], while its order is verified, and checked from
 * there; a longer one is verified first (names_increasing), then walked.
 * Not inline, so that f[] is off the stack when for_each_unique_flag runs.
 */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool for_each_map_flag(checker *c, const cwasm_flag_list *list, flag_fn fn) {
  cwasm_flag_iter it;
  cwasm_flag f[DEDUP_CHUNK];
  uint32_t n = 0;
  bool increasing = true;
  cwasm_flags_begin(list, &it);
  if (list->count > DEDUP_CHUNK) {
    if (!names_increasing(list)) return false;
    while (cwasm_flags_next(&it, &f[0])) fn(c, &f[0], it.index - 1u);
    return true;
  }
  while (increasing && cwasm_flags_next(&it, &f[n])) { /* count <= DEDUP_CHUNK entries at most */
    increasing = n == 0 || str_cmp(f[n - 1].name, f[n].name) < 0;
    n++;
  }
  if (!increasing) return false;
  for (uint32_t i = 0; i < n; i++) fn(c, &f[i], i);
  return true;
}

/*
 * Call fn for every entry Wasmtime checks: each entry of a sequence (v15+),
 * in stored order; for a map (v3-v14), which Wasmtime decoded as a
 * BTreeMap, each name once, with its last value. Inline, so that fn is a
 * direct call in each caller.
 *
 * The iterator runs one entry ahead: entry i + 1 is decoded into the other
 * half of two[] before fn checks entry i, so fn's reads of an entry come
 * long after the iterator's stores of it (a load that spans two recent
 * stores waits until they reach the cache).
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void for_each_flag(checker *c, const cwasm_flag_list *list, flag_fn fn) {
  cwasm_flag_iter it;
  cwasm_flag two[2];
  unsigned k = 0;
  bool more;
  if (list->is_map) {
    if (!for_each_map_flag(c, list, fn)) for_each_unique_flag(c, list, fn);
    return;
  }
  cwasm_flags_begin(list, &it);
  more = cwasm_flags_next(&it, &two[0]);
  while (more) {
    uint32_t index = it.index - 1u;
    more = cwasm_flags_next(&it, &two[k ^ 1u]);
    fn(c, &two[k], index);
    k ^= 1u;
  }
}

/* -------------------------------------------------- shared flags (§6.3) */

static inline bool flag_equals(const cwasm_flag *f, const flag_value *v) {
  if (f->kind != v->kind) return false;
  if (f->kind == CWASM_FLAG_ENUM) return str_eq_cstr(f->enum_value, v->enum_value);
  /* unreachable: Num. rules.c requires only Bool and Enum values; a Num row
   * would still compare right */
  return f->kind == CWASM_FLAG_NUM ? f->num == v->num : f->boolean == v->boolean;
}

static cwasm_tristate host_feature(const checker *c, const char *name) {
  return cwasm_host_wasm_feature(c->h, name);
}

static void shared_finding(checker *c, const cwasm_flag *f, uint32_t index, cwasm_status code,
                           const flag_value *required, const char *message) {
  texts x;
  cwasm_finding *it = add_named(c, &x, CWASM_ITEM_FINDING, code, CWASM_STAGE_CHECK_SHARED_FLAGS,
                                "shared_flags.", str_span(f->name));
  it->context = CTX_FLAGS;
  it->offset = f->offset;
  it->index = index;
  tb_flag(&x.art, f);
  if (required) tb_flag_value(&x.host, required);
  if (message) {
    tb_str(&x.msg, message);
  } else if (code == CWASM_F_SHARED_FLAG_UNKNOWN) {
    tb_str(&x.msg, "unknown shared setting ");
    tb_debug(&x.msg, str_span(f->name));
    tb_str(&x.msg, " configured to ");
    tb_flag(&x.msg, f);
  } else {
    tb_str(&x.msg, "setting ");
    tb_debug(&x.msg, str_span(f->name));
    tb_str(&x.msg, " is configured to ");
    tb_flag(&x.msg, f);
    tb_str(&x.msg, " which is not supported");
  }
  texts_close(&x);
}

/* A flag rule that needs a host fact nobody gave: a note, not a finding. */
static void flag_unchecked(checker *c, cwasm_check_stage stage, const char *prefix, const cwasm_flag *f,
                           uint32_t index, const char *why) {
  texts x;
  cwasm_finding *it = add_named(c, &x, CWASM_ITEM_NOTE, CWASM_W_UNCHECKED, stage, prefix, str_span(f->name));
  it->offset = f->offset;
  it->index = index;
  tb_flag(&x.art, f);
  tb_str(&x.msg, "not checked: ");
  tb_str(&x.msg, why);
  texts_close(&x);
}

static void shared_unchecked(checker *c, const cwasm_flag *f, uint32_t index, const char *why) {
  flag_unchecked(c, CWASM_STAGE_CHECK_SHARED_FLAGS, "shared_flags.", f, index, why);
}

static bool probestack_supported(const cwasm_triple *t) {
  /* config.rs probestack_supported: X86_64 (not x86_64h), any Aarch64, any Riscv64 */
  return strcmp(t->arch_name, "x86_64") == 0 || t->arch == CWASM_ARCH_AARCH64 ||
         t->arch == CWASM_ARCH_RISCV64;
}

/* Inline into the walk: most rows end at their first test. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void check_shared_flag(checker *c, const cwasm_flag *f, uint32_t index) {
  const cwasm_host *h = c->h;
  const shared_rule *rule = rules_shared(f->name, c->R);
  flag_value req = {CWASM_FLAG_BOOL, 0, 1, NULL};
  cwasm_tristate on;
  if (!rule) {
    shared_finding(c, f, index, CWASM_F_SHARED_FLAG_UNKNOWN, NULL, NULL);
    return;
  }
  /* unreachable: no case matching. The rule is a row of rules.c, of a kind handled here */
  switch (rule->kind) {
    case SR_IGNORE: return;
    case SR_REQUIRE: req = rule->value; break;
    case SR_PROBESTACK_ARCH:
      if (!h->have_triple) {
        shared_unchecked(c, f, index, "the host's target architecture is unknown");
        return;
      }
      req.boolean = (uint8_t)probestack_supported(&h->triple);
      break;
    case SR_SAFEPOINTS:
      on = host_feature(c, "reference_types");
      if (on == CWASM_NO || flag_equals(f, &req)) return;
      if (on == CWASM_UNKNOWN) {
        shared_unchecked(c, f, index, "whether the host enables reference types is unknown");
        return;
      }
      break;
    case SR_UNWIND_INFO:
      if (flag_equals(f, &req)) return;
      if (!h->have_triple) {
        shared_unchecked(c, f, index, "the host's target OS is unknown");
        return;
      }
      if (h->triple.os_family != CWASM_OS_WINDOWS) return;
      break;
    case SR_STACK_SWITCH:
      on = host_feature(c, "stack_switching");
      if (on == CWASM_NO) return;
      if (on == CWASM_UNKNOWN) {
        shared_unchecked(c, f, index, "whether the host enables stack switching is unknown");
        return;
      }
      if (!h->have_triple) {
        shared_unchecked(c, f, index, "the host's target OS is unknown");
        return;
      }
      req.kind = CWASM_FLAG_ENUM;
      if (h->triple.os_family == CWASM_OS_WINDOWS) req.enum_value = "update_windows_tib";
      else if (h->triple.os_family == CWASM_OS_LINUX || h->triple.os_family == CWASM_OS_DARWIN)
        req.enum_value = "basic";
      else {
        shared_finding(c, f, index, CWASM_F_SHARED_FLAG, NULL,
                       "stack-switching feature not supported on this platform");
        return;
      }
      break;
  }
  if (!flag_equals(f, &req)) shared_finding(c, f, index, CWASM_F_SHARED_FLAG, &req, NULL);
}

static void check_shared_flags(checker *c) { for_each_flag(c, &c->m->shared_flags, check_shared_flag); }

/* ----------------------------------------------------- ISA flags (§6.4) */

typedef enum isa_msg {
  IM_UNKNOWN_VALUE,   /* isa-specific feature {name:?} configured to unknown value {value:?} */
  IM_NOT_AVAILABLE,   /* compilation setting {name:?} is enabled, but not available on the host */
  IM_CANNOT_TEST,     /* cannot test if target-specific flag {name:?} is available at runtime */
  IM_DONT_KNOW,       /* don't know how to test for target-specific flag {name:?} at runtime */
  IM_NO_PROBE,        /* cannot determine if host feature {feature:?} is available ... */
  IM_FAILED_DETECT,   /* failed to detect if target-specific flag {name:?} is available at runtime */
  IM_FAILED_DETECT_FEATURE, /* ... {feature:?} ... (compile setting {name:?}) */
  IM_POINTER_WIDTH,   /* wrong host pointer width */
  IM_ENDIANNESS       /* wrong host endianness */
} isa_msg;

static void isa_finding(checker *c, const cwasm_flag *f, uint32_t index, cwasm_status code, isa_msg msg,
                        const char *feature, const char *host_text) {
  texts x;
  cwasm_finding *it = add_named(c, &x, CWASM_ITEM_FINDING, code, CWASM_STAGE_CHECK_ISA_FLAGS, "isa_flags.",
                                str_span(f->name));
  span name = str_span(f->name);
  it->context = CTX_FLAGS;
  it->offset = f->offset;
  it->index = index;
  tb_flag(&x.art, f);
  if (host_text) tb_str(&x.host, host_text);
  switch (msg) { /* unreachable: no case matching; msg is one of the values below */
    case IM_UNKNOWN_VALUE:
      tb_str(&x.msg, "isa-specific feature ");
      tb_debug(&x.msg, name);
      tb_str(&x.msg, " configured to unknown value ");
      tb_flag(&x.msg, f);
      break;
    case IM_NOT_AVAILABLE:
      tb_str(&x.msg, "compilation setting ");
      tb_debug(&x.msg, name);
      tb_str(&x.msg, " is enabled, but not available on the host");
      break;
    case IM_CANNOT_TEST:
      tb_str(&x.msg, "cannot test if target-specific flag ");
      tb_debug(&x.msg, name);
      tb_str(&x.msg, " is available at runtime");
      break;
    case IM_DONT_KNOW:
      tb_str(&x.msg, "don't know how to test for target-specific flag ");
      tb_debug(&x.msg, name);
      tb_str(&x.msg, " at runtime");
      break;
    case IM_NO_PROBE:
      tb_str(&x.msg, "cannot determine if host feature ");
      tb_debug_z(&x.msg, feature);
      tb_str(&x.msg, " is available at runtime, configure a probing function with "
                     "`Config::detect_host_feature`");
      break;
    case IM_FAILED_DETECT:
      tb_str(&x.msg, "failed to detect if target-specific flag ");
      tb_debug(&x.msg, name);
      tb_str(&x.msg, " is available at runtime");
      break;
    case IM_FAILED_DETECT_FEATURE:
      tb_str(&x.msg, "failed to detect if target-specific flag ");
      tb_debug_z(&x.msg, feature);
      tb_str(&x.msg, " is available at runtime (compile setting ");
      tb_debug(&x.msg, name);
      tb_ch(&x.msg, ')');
      break;
    case IM_POINTER_WIDTH: tb_str(&x.msg, "wrong host pointer width"); break;
    case IM_ENDIANNESS: tb_str(&x.msg, "wrong host endianness"); break;
  }
  texts_close(&x);
}

static void isa_unchecked(checker *c, const cwasm_flag *f, uint32_t index, const char *why) {
  flag_unchecked(c, CWASM_STAGE_CHECK_ISA_FLAGS, "isa_flags.", f, index, why);
}

/* An ISA flag other than Bool(false), which asks for nothing. */
static void check_isa_value(checker *c, const cwasm_flag *f, uint32_t index) {
  const cwasm_host *h = c->h;
  const isa_era *era = c->era;
  cwasm_arch machine = h->cpu.arch;
  cwasm_str name = f->name;
  const isa_rule *rule;
  const char *feature;
  cwasm_probe_answer ans;

  /* step 1: the value */
  if (f->kind == CWASM_FLAG_ENUM && era->pointer_enums &&
      (span_eq_cstr(str_span(f->enum_value), "pointer32") ||
       span_eq_cstr(str_span(f->enum_value), "pointer64"))) {
    unsigned want = span_eq_cstr(str_span(f->enum_value), "pointer32") ? 32u : 64u;
    if (h->pointer_width == 0) isa_unchecked(c, f, index, "the host's pointer width is unknown");
    else if (h->pointer_width != want)
      isa_finding(c, f, index, CWASM_F_ISA_FLAG, IM_POINTER_WIDTH, NULL,
                  h->pointer_width == 32 ? "32-bit host" : "64-bit host");
    return;
  }
  if (f->kind != CWASM_FLAG_BOOL) { /* Bool(false) returned in check_isa_flag */
    isa_finding(c, f, index, CWASM_F_ISA_FLAG_UNKNOWN, IM_UNKNOWN_VALUE, NULL, NULL);
    return;
  }

  /* step 2: which probe answers for the name */
  if (machine == CWASM_ARCH_UNKNOWN && !era->global_table) {
    isa_unchecked(c, f, index, "the host machine's architecture is unknown");
    return;
  }
  rule = rules_isa(name, c->R, machine);
  if (!rule) {
    if (machine == CWASM_ARCH_RISCV64 && !str_eq_cstr(name, "not_a_flag")) return;
    if (machine == CWASM_ARCH_UNKNOWN) {
      isa_unchecked(c, f, index, "the host machine's architecture is unknown");
      return;
    }
    isa_finding(c, f, index, CWASM_F_ISA_FLAG_UNKNOWN, era->global_table ? IM_DONT_KNOW : IM_CANNOT_TEST,
                NULL, NULL);
    return;
  }
  if (rule->kind == IR_ACCEPT) return;
  if (rule->kind == IR_ENDIAN) {
    if (h->endian == 0) isa_unchecked(c, f, index, "the host's byte order is unknown");
    else if (h->endian != CWASM_BIG)
      isa_finding(c, f, index, CWASM_F_ISA_FLAG, IM_ENDIANNESS, NULL, "little-endian");
    return;
  }
  feature = cwasm_cpu_feature_name(rule->feature);
  if (h->cpu_mode == CWASM_CPU_MODE_NO_PROBE && era->global_table) {
    isa_finding(c, f, index, CWASM_F_ISA_FLAG, IM_NO_PROBE, feature, "no probe");
    return;
  }
  if (h->cpu_mode != CWASM_CPU_MODE_PROBE) {
    isa_unchecked(c, f, index, "the host CPU's features are unknown");
    return;
  }
  ans = cwasm_host_cpu_query(&h->cpu, rule->feature, c->R);
  if (ans == CWASM_PROBE_PRESENT) return;
  if (ans == CWASM_PROBE_ABSENT) {
    isa_finding(c, f, index, CWASM_F_ISA_FLAG, IM_NOT_AVAILABLE, feature, "absent");
    return;
  }
  /* the probe cannot tell: a real answer from v21 on; before, the per-arch
   * tables always detected, so "unknown" means our CPU description is silent */
  if (!era->global_table) {
    isa_unchecked(c, f, index, "the host CPU description does not say");
    return;
  }
  isa_finding(c, f, index, CWASM_F_ISA_FLAG,
              era->unknown_names_feature ? IM_FAILED_DETECT_FEATURE : IM_FAILED_DETECT, feature, "unknown");
}

/* Inline into the walk: most flags of an artifact made for another CPU are
 * Bool(false). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void check_isa_flag(checker *c, const cwasm_flag *f, uint32_t index) {
  if (f->kind == CWASM_FLAG_BOOL && !f->boolean) return; /* step 1: the value */
  check_isa_value(c, f, index);
}

static void check_isa_flags(checker *c) {
  c->era = rules_isa_era(c->R); /* once, not per flag */
  for_each_flag(c, &c->m->isa_flags, check_isa_flag);
}

/* ------------------------------------------------------ Tunables (§6.5) */

static void tunable_text(tb *t, const cwasm_tunable_info *info, const cwasm_tunable *v) {
  const char *name;
  if (info->type == CWASM_TT_BOOL) {
    tb_str(t, v->value ? "true" : "false");
    return;
  }
  if (v->is_none) { /* set for Option fields only */
    tb_str(t, "None");
    return;
  }
  name = cwasm_tunable_enum_name(info->type, v->value);
  if (name) tb_str(t, name);
  else tb_u64(t, v->value);
}

static cwasm_finding *tunable_item(checker *c, texts *x, cwasm_item_kind kind, cwasm_status code,
                                   const cwasm_tunable_info *info, const cwasm_tunable *a,
                                   const cwasm_tunable *h) {
  cwasm_finding *f = add_named(c, x, kind, code, CWASM_STAGE_CHECK_TUNABLES, "tunables.", zspan(info->name));
  f->offset = a->offset;
  tunable_text(&x->art, info, a);
  if (h) tunable_text(&x->host, info, h); /* NULL when the host's value is unknown */
  return f;
}

static void tb_bool_mismatch(tb *t, const char *label, bool found, bool expected) {
  tb_str(t, "Module was compiled ");
  tb_str(t, found ? "with " : "without ");
  tb_str(t, label);
  tb_str(t, expected ? " but it is enabled for the host" : " but it is not enabled for the host");
}

static bool operator_costs_equal(const cwasm_tunable *a, const cwasm_tunable *h) {
  if (a->value != h->value) return false;
  if (a->value != 0) return true; /* both Default */
  if (a->table.n != h->table.n) return false;
  return span_eq_bytes(span_from_bytes(a->table, 0), h->table.p, h->table.n);
}

static void check_tunable(checker *c, const tunable_rule *rule) {
  const cwasm_tunable_info *info = cwasm_tunable_info_of(rule->id);
  const cwasm_tunable *a = &c->m->tunables.f[rule->id];
  const cwasm_tunable *h = &c->h->tunables.f[rule->id];
  texts x;
  const char *pa, *ph;
  /* every rule of the release names a field of its layout (test_rules.c) */
  if (rule->check == TC_OPERATOR_COST) {
    /* only compared when the artifact consumes fuel (a field not in the layout reads as 0) */
    if (!c->m->tunables.f[CWASM_T_CONSUME_FUEL].value) return;
  }
  if (!h->present) {
    tunable_item(c, &x, CWASM_ITEM_NOTE, CWASM_W_UNCHECKED, info, a, NULL);
    tb_str(&x.msg, "not checked: the host's value is unknown");
    texts_close(&x);
    return;
  }
  /* unreachable: no case matching. The rule is a row of rules.c, of a check handled here */
  switch (rule->check) {
    case TC_INT:
      if (a->value == h->value) return;
      tunable_item(c, &x, CWASM_ITEM_FINDING, CWASM_F_TUNABLE, info, a, h);
      tb_str(&x.msg, "Module was compiled with a ");
      tb_str(&x.msg, info->label);
      tb_str(&x.msg, " of '");
      tb_u64(&x.msg, a->value);
      tb_str(&x.msg, "' but '");
      tb_u64(&x.msg, h->value);
      tb_str(&x.msg, "' is expected for the host");
      break;
    case TC_BOOL:
      if ((a->value != 0) == (h->value != 0)) return;
      tunable_item(c, &x, CWASM_ITEM_FINDING, CWASM_F_TUNABLE, info, a, h);
      tb_bool_mismatch(&x.msg, info->label, a->value != 0, h->value != 0);
      break;
    case TC_COLLECTOR:
      if (a->is_none && h->is_none) return;
      if (!a->is_none && !h->is_none && a->value == h->value) return;
      if (a->is_none && !rules_collector_none_vs_some_is_error(c->R)) return;
      tunable_item(c, &x, CWASM_ITEM_FINDING, CWASM_F_TUNABLE, info, a, h);
      if (a->is_none) {
        tb_str(&x.msg, "module was compiled without GC but GC is enabled in the host");
      } else if (h->is_none) {
        tb_str(&x.msg, "module was compiled with GC however GC is disabled in the host");
      } else {
        pa = rules_collector_display(a->value);
        ph = rules_collector_display(h->value);
        tb_str(&x.msg, "module was compiled for the ");
        tb_str(&x.msg, pa ? pa : "?");
        tb_str(&x.msg, " collector but the host is configured to use the ");
        tb_str(&x.msg, ph ? ph : "?");
        tb_str(&x.msg, " collector");
      }
      break;
    case TC_OPERATOR_COST:
      if (operator_costs_equal(a, h)) return;
      tunable_item(c, &x, CWASM_ITEM_FINDING, CWASM_F_TUNABLE, info, a, h);
      tb_str(&x.msg, "Module costs are incompatible");
      break;
    case TC_INTRA_MODULE_INLINING:
    case TC_INLINING:
      if (a->value == h->value) return;
      tunable_item(c, &x, CWASM_ITEM_FINDING, CWASM_F_TUNABLE, info, a, h);
      pa = rule->check == TC_INLINING ? rules_inlining_phrase(a->value)
                                      : rules_intra_module_inlining_phrase(a->value);
      ph = rule->check == TC_INLINING ? rules_inlining_phrase(h->value)
                                      : rules_intra_module_inlining_phrase(h->value);
      tb_str(&x.msg, "module was compiled ");
      tb_str(&x.msg, pa ? pa : "?");
      tb_str(&x.msg, " however the host is configured ");
      tb_str(&x.msg, ph ? ph : "?");
      break;
  }
  texts_close(&x);
}

static void check_tunables(checker *c) {
  size_t n;
  const tunable_rule *rows = rules_tunables(&n);
  for (size_t i = 0; i < n; i++)
    if (in_range(c->R, rows[i].first, rows[i].last)) check_tunable(c, &rows[i]);
}

/* ------------------------------------------------------ features (§6.6) */

static void feature_item(checker *c, texts *x, const char *name, bool found, bool expected) {
  cwasm_finding *f = add_named(c, x, CWASM_ITEM_FINDING, CWASM_F_FEATURE, CWASM_STAGE_CHECK_FEATURES,
                               "features.", zspan(name));
  f->offset = c->m->features.offset;
  tb_str(&x->art, found ? "enabled" : "disabled");
  tb_str(&x->host, expected ? "enabled" : "disabled");
}

static void tb_gated(tb *t, const char *label) {
  tb_str(t, "Module was compiled with ");
  tb_str(t, label);
  tb_str(t, " but support in the host was disabled at compile time because the `gc` Cargo feature was "
            "not enabled");
}

static void check_feature_bools(checker *c) {
  size_t n;
  const feature_rule *rows = rules_feature_bools(&n);
  uint64_t a = c->m->features.bits, h = c->h->features.bits;
  uint64_t masks[FEATURE_RULES_MAX]; /* never 0 in range (test_rules.c) */
  texts x;
  rules_feature_bool_masks(c->rel, c->R, masks);
  for (size_t i = 0; i < n; i++) {
    const feature_rule *row = &rows[i];
    uint64_t mask = masks[i];
    bool found, expected;
    if (!in_range(c->R, row->first, row->last)) continue;
    found = (a & mask) != 0;
    expected = (h & mask) != 0;
    if (row->gated_first && in_range(c->R, row->gated_first, row->gated_last) &&
        c->h->gc_cargo_feature == CWASM_NO) {
      if (!found) continue;
      feature_item(c, &x, row->field, found, false);
      tb_gated(&x.msg, row->label);
      texts_close(&x);
      continue;
    }
    if (found == expected) continue;
    feature_item(c, &x, row->field, found, expected);
    tb_bool_mismatch(&x.msg, row->label, found, expected);
    texts_close(&x);
  }
}

/* bitflags 2.x iter_names: declaration order; a flag is yielded when all its
 * bits are in `source` and some are still unyielded. Returns the next index
 * yielded from *pos, or -1. */
static int iter_names(const cwasm_release *r, uint64_t source, uint64_t *remaining, unsigned *pos) {
  while (*pos < r->feature_bits_count) {
    uint64_t m = r->feature_bits[*pos].mask;
    unsigned i = (*pos)++;
    if (*remaining == 0) return -1;
    if ((source & m) == m && (*remaining & m) != 0) {
      *remaining &= ~m;
      return (int)i;
    }
  }
  return -1;
}

static void check_feature_bits(checker *c, feature_mode mode) {
  const cwasm_release *r = c->rel;
  uint64_t all = 0, a, h, src, rem;
  unsigned pos = 0;
  int k;
  const char *gated = rules_feature_bits_gated(c->R);
  texts x;
  for (unsigned i = 0; i < r->feature_bits_count; i++) all |= r->feature_bits[i].mask;
  a = c->m->features.bits & all; /* from_bits_truncate */
  h = c->h->features.bits & all;
  src = mode == FM_EXACT_BITS ? (a ^ h) : (a & ~h);
  rem = src;
  while ((k = iter_names(r, src, &rem, &pos)) >= 0) {
    const cwasm_feature_bit *fb = &r->feature_bits[k];
    bool found = (a & fb->mask) == fb->mask, expected = (h & fb->mask) == fb->mask;
    char label[96];
    snprintf(label, sizeof label, "support for WebAssembly feature `%s`", fb->name);
    if (mode == FM_SUBSET) {
      feature_item(c, &x, fb->name, true, false);
      tb_bool_mismatch(&x.msg, label, true, false);
      texts_close(&x);
      continue;
    }
    /* the exact-bits era always names its gated flag (test_rules.c) */
    if (strcmp(fb->name, gated) == 0 && c->h->gc_cargo_feature == CWASM_NO) {
      if (!found) continue;
      feature_item(c, &x, fb->name, found, false);
      tb_gated(&x.msg, label);
      texts_close(&x);
      continue;
    }
    if (found == expected) continue; /* e.g. only one bit of a two-bit flag differs */
    feature_item(c, &x, fb->name, found, expected);
    tb_bool_mismatch(&x.msg, label, found, expected);
    texts_close(&x);
  }
}

static void check_features(checker *c) {
  const cwasm_layout *l = c->rel->layout;
  feature_mode mode = rules_feature_mode(c->R);
  if (!c->h->have_features || c->h->features.encoding != l->features) {
    unchecked(c, CWASM_STAGE_CHECK_FEATURES, "", zspan("features"),
              "the host's WebAssembly features are unknown");
    return;
  }
  if (mode == FM_BOOLS) check_feature_bools(c);
  else check_feature_bits(c, mode);
}

/* ------------------------------------------------------------- the check */

/* Up to the choice of the engine section: the artifact's warnings, the ELF
 * checks. Returns whether there is an engine section to check further. Items
 * go to r->items, or nowhere (counted) when r is NULL. */
static bool check_front(checker *c, const cwasm_artifact *a, const cwasm_host *h, cwasm_report *r) {
  if (r) {
    /* only the header: add() clears each item it hands out, so the 64 KiB of
     * items[] (~1 us of stores) are not touched for a clean report */
    memset(r, 0, offsetof(cwasm_report, items));
    r->host_release = h->release;
  }
  c->rel = cwasm_release_get(h->release); /* c->scratch: add() clears it when it hands it out */
  c->a = a;
  c->h = h;
  c->R = h->release;
  c->r = r;
  c->items = r ? r->items : NULL;
  c->cap = r ? CWASM_REPORT_MAX_ITEMS : 0;
  c->findings = c->warnings = c->notes = c->count = c->dropped = 0;
  c->m = NULL;
  if (r) r->host = c->rel;

  copy_warnings(c);
  check_elf(c);
  return select_engine(c);
}

/* Everything that depends on the engine section's bytes and the host only. */
static void check_tail(checker *c) {
  const cwasm_artifact *a = c->a;
  bool target_ok;
  check_version(c);
  if (select_metadata(c)) {
    check_target(c, &target_ok);
    if (target_ok) { /* Wasmtime returns the parse error: nothing after it runs */
      check_shared_flags(c);
      check_isa_flags(c);
      check_tunables(c);
      check_features(c);
    }
  } else if ((a->meta.have & CWASM_HAVE_TARGET) && c->engine.section.index == a->engine.section.index) {
    /* The host's release cannot read these metadata, but the target string means the same
     * under every layout: a wrong architecture or OS is a further reason, and the one that
     * survives recompiling with the host's release. */
    c->m = &a->meta;
    check_target(c, &target_ok);
  }
}

static void check_finish(const checker *c, cwasm_report *r) {
  r->findings = c->findings;
  r->warnings = c->warnings;
  r->notes = c->notes;
  r->count = c->count;
  r->dropped = c->dropped;
  r->compatible = (uint8_t)(r->findings == 0);
}

cwasm_status cwasm_check(const cwasm_artifact *a, const cwasm_host *h, cwasm_report *r) {
  checker c;
  if (!a || !h || !r) return CWASM_E_ARGUMENT;
  if (!cwasm_release_get(h->release) || !(a->stages & CWASM_STAGE_ELF)) {
    memset(r, 0, offsetof(cwasm_report, items));
    r->host_release = h->release;
    return cwasm_release_get(h->release) ? CWASM_E_ARGUMENT : CWASM_E_RELEASE_UNKNOWN;
  }
  if (check_front(&c, a, h, r)) check_tail(&c);
  check_finish(&c, r);
  return CWASM_OK;
}

bool check_capture(const cwasm_artifact *a, const cwasm_host *h, cwasm_finding *items, uint32_t cap,
                   check_tail_items *tail) {
  checker c;
  if (!check_front(&c, a, h, NULL)) return false;
  c.items = items;
  c.cap = cap;
  c.findings = c.warnings = c.notes = c.count = c.dropped = 0;
  check_tail(&c);
  tail->findings = c.findings;
  tail->warnings = c.warnings;
  tail->notes = c.notes;
  tail->count = c.count;
  return c.dropped == 0;
}

void check_replay(const cwasm_artifact *a, const cwasm_host *h, cwasm_report *r, const cwasm_finding *items,
                  uint32_t count, uint64_t delta) {
  checker c;
  (void)check_front(&c, a, h, r); /* one engine section: always chosen */
  for (uint32_t i = 0; i < count; i++) {
    cwasm_finding *f = add(&c, items[i].kind, items[i].code, items[i].stage);
    *f = items[i];
    if (f->offset != CWASM_NO_OFFSET) f->offset += delta;
  }
  check_finish(&c, r);
}

size_t cwasm_finding_format(const cwasm_finding *f, char *buf, size_t size) {
  int n;
  if (!f) {
    if (buf && size) buf[0] = '\0';
    return 0;
  }
  if (f->context) n = snprintf(buf, buf ? size : 0, "%s: %s", f->context, f->message);
  else n = snprintf(buf, buf ? size : 0, "%s", f->message);
  return n > 0 ? (size_t)n : 0;
}

const char *cwasm_item_kind_name(cwasm_item_kind k) {
  switch (k) {
    case CWASM_ITEM_FINDING: return "finding";
    case CWASM_ITEM_WARNING: return "warning";
    case CWASM_ITEM_NOTE: return "note";
  }
  return "unknown";
}

const char *cwasm_check_stage_name(cwasm_check_stage s) {
  static const char *const names[] = {"artifact", "elf",       "version",  "metadata", "target",
                                      "shared_flags", "isa_flags", "tunables", "features"};
  return (unsigned)s < COUNT_OF(names) ? names[s] : "unknown";
}

const char *cwasm_expect_kind_name(cwasm_expect_kind k) {
  switch (k) {
    case CWASM_EXPECT_MODULE: return "module";
    case CWASM_EXPECT_COMPONENT: return "component";
    case CWASM_EXPECT_EITHER: return "either";
  }
  return "unknown";
}

/* ------------------------------------------------------------------ hosts */

static void host_default_version(cwasm_host *h, const cwasm_release *rel) {
  memset(h->version, 0, sizeof h->version);
  h->version_len = 0;
  h->version_known = 0;
  if (!rel->version_full) { /* v38.0.1+ write the bare major */
    snprintf(h->version, sizeof h->version, "%u", (unsigned)rel->major);
    h->version_len = (uint16_t)strlen(h->version);
    h->version_known = 1;
  }
}

cwasm_status cwasm_host_init(uint16_t release, cwasm_host *out) {
  const cwasm_release *rel = cwasm_release_get(release);
  if (!out) return CWASM_E_ARGUMENT;
  memset(out, 0, sizeof *out);
  if (!rel) return CWASM_E_RELEASE_UNKNOWN;
  out->release = release;
  out->strategy = CWASM_STRATEGY_DEFAULT;
  host_default_version(out, rel);
  out->version_mode = CWASM_VERSION_MODE_EXACT;
  out->expect = CWASM_EXPECT_MODULE;
  out->cpu_mode = CWASM_CPU_MODE_UNKNOWN;
  out->cpu.arch = cwasm_host_cpu_native_arch();
  out->gc_cargo_feature = CWASM_UNKNOWN;
  out->features.encoding = rel->layout->features;
  out->features.count = rel->layout->features == CWASM_FEATURES_BOOLS ? rel->layout->feature_bools_count : 0;
  out->features.offset = CWASM_NO_OFFSET;
  out->origin = CWASM_HOST_MANUAL;
  return CWASM_OK;
}

static uint8_t native_endian(void) {
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return CWASM_BIG;
#else
  return CWASM_LITTLE;
#endif
}

cwasm_status cwasm_host_default(uint16_t release, cwasm_host *out) {
  cwasm_defaults d;
  cwasm_status st = cwasm_host_init(release, out);
  if (st != CWASM_OK) return st;
  cwasm_triple_native(&out->triple);
  out->have_triple = 1;
  out->pointer_width = (uint8_t)(sizeof(void *) * 8u);
  out->endian = native_endian();
  cwasm_host_cpu_probe(&out->cpu);
  out->cpu_mode = CWASM_CPU_MODE_PROBE;
  out->gc_cargo_feature = CWASM_YES;
  st = cwasm_defaults_get(release, out->cpu.arch, &out->cpu, &d);
  (void)st; /* cannot fail: cwasm_host_init accepted the release */
  out->tunables = d.tunables;
  out->features = d.features;
  out->have_features = 1;
  out->origin = CWASM_HOST_DEFAULTS;
  out->defaults_exact = d.exact;
  return CWASM_OK;
}

static bool is_pulley_arch(cwasm_arch a) {
  return a == CWASM_ARCH_PULLEY32 || a == CWASM_ARCH_PULLEY64 || a == CWASM_ARCH_PULLEY32BE ||
         a == CWASM_ARCH_PULLEY64BE;
}

/* The CPU a reference artifact's ISA flags describe: every flag its release
 * maps to a probe string is "known", present iff Bool(true). */
static void cpu_from_flags(const cwasm_flag_list *isa, uint16_t release, cwasm_arch arch,
                           cwasm_host_cpu *cpu) {
  cwasm_flag_iter it;
  cwasm_flag f;
  memset(cpu, 0, sizeof *cpu);
  cpu->arch = arch;
  if (arch == CWASM_ARCH_RISCV64) {
    cpu->all_present = 1; /* what Wasmtime's riscv64 probe says for everything */
    return;
  }
  cwasm_flags_begin(isa, &it);
  while (cwasm_flags_next(&it, &f)) {
    const isa_rule *rule;
    cwasm_cpu_feature feat;
    if (f.kind != CWASM_FLAG_BOOL) continue;
    rule = rules_isa(f.name, release, arch);
    if (!rule || rule->kind != IR_PROBE || cwasm_cpu_feature_arch(rule->feature) != arch) continue;
    feat = rule->feature;
    /* s390x before v36: one AT_HWCAP bit (kept as mie2) answers both names (host.h) */
    if (arch == CWASM_ARCH_S390X && release < 36 && feat == CWASM_CPU_VXRS_EXT2) feat = CWASM_CPU_MIE2;
    cpu->known |= CWASM_CPU_BIT(feat);
    if (f.boolean) cpu->present |= CWASM_CPU_BIT(feat);
  }
}

/* Pulley engines: pointer width and byte order as the flags say. */
static void pulley_from_flags(const cwasm_flag_list *isa, cwasm_host *h) {
  cwasm_flag_iter it;
  cwasm_flag f;
  cwasm_flags_begin(isa, &it);
  while (cwasm_flags_next(&it, &f)) {
    span v = str_span(f.enum_value);
    if (f.kind == CWASM_FLAG_ENUM && span_eq_cstr(v, "pointer32")) h->pointer_width = 32;
    else if (f.kind == CWASM_FLAG_ENUM && span_eq_cstr(v, "pointer64")) h->pointer_width = 64;
    else if (f.kind == CWASM_FLAG_BOOL && span_eq_cstr(str_span(f.name), "big_endian"))
      h->endian = f.boolean ? CWASM_BIG : CWASM_LITTLE;
  }
}

cwasm_status cwasm_host_from_reference(const cwasm_artifact *ref, const cwasm_host_cpu *cpu_or_null,
                                       cwasm_host *out, cwasm_diag *diag) {
  cwasm_diag scratch;
  const cwasm_metadata *m;
  cwasm_status st;
  cwasm_arch fam;
  diag = diag_or_scratch(diag, &scratch);
  diag_clear(diag);
  if (!out) return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "host");
  memset(out, 0, sizeof *out);
  if (!ref || !(ref->stages & CWASM_STAGE_METADATA) || !ref->release || ref->meta.have != CWASM_HAVE_ALL)
    return diag_set(diag, CWASM_E_ARGUMENT, 0, CWASM_NO_SECTION, "reference");
  m = &ref->meta;
  st = cwasm_host_init(ref->release->major, out);
  if (st != CWASM_OK) return diag_set(diag, st, 0, CWASM_NO_SECTION, "reference.release");

  /* the version string and the strategy it implies */
  if (ref->version.kind == CWASM_VERSION_NONE) {
    out->strategy = CWASM_STRATEGY_NONE;
    out->version_known = 1;
    out->version[0] = '\0';
    out->version_len = 0;
  } else {
    size_t n =
        ref->engine.version.n < CWASM_HOST_VERSION_MAX ? ref->engine.version.n : CWASM_HOST_VERSION_MAX;
    if (n) memcpy(out->version, ref->engine.version.p, n);
    out->version[n] = '\0';
    out->version_len = (uint16_t)n;
    out->version_known = 1;
    out->strategy = (ref->version.kind == CWASM_VERSION_RELEASE && ref->version.canonical &&
                     ref->version.major == ref->release->major)
                        ? CWASM_STRATEGY_DEFAULT
                        : CWASM_STRATEGY_CUSTOM;
  }
  out->expect = ref->kind == CWASM_KIND_COMPONENT ? CWASM_EXPECT_COMPONENT : CWASM_EXPECT_MODULE;

  /* target, and the machine's width and byte order */
  if (cwasm_triple_parse(m->target.p, m->target.n, &out->triple) != CWASM_OK)
    return diag_set(diag, CWASM_F_TARGET_PARSE, m->target_offset, CWASM_NO_SECTION, "target");
  out->have_triple = 1;
  out->pointer_width = out->triple.pointer_width;
  out->endian = out->triple.endian;
  fam = out->triple.arch;
  if (is_pulley_arch(fam)) pulley_from_flags(&m->isa_flags, out);

  /* CPU: given; else this machine's when the reference is for it (Pulley runs
   * here too); else what the reference's flags say its producer had */
  if (cpu_or_null) {
    out->cpu = *cpu_or_null;
    out->cpu_mode = CWASM_CPU_MODE_PROBE;
  } else if (is_pulley_arch(fam) || (fam != CWASM_ARCH_UNKNOWN && fam == cwasm_host_cpu_native_arch())) {
    cwasm_host_cpu_probe(&out->cpu);
    out->cpu_mode = CWASM_CPU_MODE_PROBE;
  } else if (fam != CWASM_ARCH_UNKNOWN) {
    cpu_from_flags(&m->isa_flags, out->release, fam, &out->cpu);
    out->cpu_mode = CWASM_CPU_MODE_PROBE;
  } else {
    memset(&out->cpu, 0, sizeof out->cpu);
    out->cpu_mode = CWASM_CPU_MODE_UNKNOWN;
  }

  out->gc_cargo_feature = CWASM_YES;
  out->features = m->features;
  out->have_features = 1;
  out->tunables = m->tunables;
  out->origin = CWASM_HOST_REFERENCE;
  return CWASM_OK;
}

cwasm_status cwasm_host_set_version(cwasm_host *h, cwasm_version_strategy s, const char *version) {
  const cwasm_release *rel;
  size_t n;
  if (!h || !(rel = cwasm_release_get(h->release))) return CWASM_E_ARGUMENT;
  if (s == CWASM_STRATEGY_NONE) {
    h->strategy = s;
    memset(h->version, 0, sizeof h->version);
    h->version_len = 0;
    h->version_known = 1;
    return CWASM_OK;
  }
  if (s != CWASM_STRATEGY_DEFAULT && s != CWASM_STRATEGY_CUSTOM) return CWASM_E_ARGUMENT;
  if (!version) {
    if (s == CWASM_STRATEGY_CUSTOM) return CWASM_E_ARGUMENT;
    h->strategy = s;
    host_default_version(h, rel);
    return CWASM_OK;
  }
  n = strlen(version);
  if (n > CWASM_HOST_VERSION_MAX) return CWASM_E_ARGUMENT; /* Config rejects > 255 bytes */
  h->strategy = s;
  memset(h->version, 0, sizeof h->version);
  memcpy(h->version, version, n);
  h->version_len = (uint16_t)n;
  h->version_known = 1;
  return CWASM_OK;
}

cwasm_status cwasm_host_set_target(cwasm_host *h, const char *triple) {
  cwasm_triple t;
  cwasm_status st;
  if (!h || !triple) return CWASM_E_ARGUMENT;
  st = cwasm_triple_parse(triple, strlen(triple), &t);
  if (st != CWASM_OK) return st;
  h->triple = t;
  h->have_triple = 1;
  /* the transcribed defaults are x86_64's: another target's are derived */
  if (h->origin == CWASM_HOST_DEFAULTS)
    h->defaults_exact = (uint8_t)(cwasm_defaults_exact(h->release) && t.arch == CWASM_ARCH_X86_64);
  if (t.pointer_width) h->pointer_width = t.pointer_width;
  if (t.endian) h->endian = t.endian;
  return CWASM_OK;
}

static bool is_blank(char ch) { return ch == ' ' || ch == '\t'; }

cwasm_status cwasm_host_parse_features(cwasm_host *h, const char *list, size_t *err_pos) {
  const cwasm_release *rel;
  size_t scratch, i = 0;
  size_t *pos = err_pos ? err_pos : &scratch;
  cwasm_features work;
  *pos = 0;
  if (!h || !list || !(rel = cwasm_release_get(h->release))) return CWASM_E_ARGUMENT;
  work = h->features;
  if (!h->have_features) {
    memset(&work, 0, sizeof work);
    work.offset = CWASM_NO_OFFSET;
  }
  work.encoding = rel->layout->features;
  work.count = rel->layout->features == CWASM_FEATURES_BOOLS ? rel->layout->feature_bools_count : 0;
  for (;;) {
    size_t item, name, name_len;
    bool on = true;
    uint64_t mask;
    while (is_blank(list[i])) i++;
    if (list[i] == '\0' && i == 0) break; /* empty list */
    item = i;
    if (list[i] == '+' || list[i] == '-') on = list[i++] == '+';
    name = i;
    while (list[i] && list[i] != ',' && !is_blank(list[i])) i++;
    name_len = i - name;
    while (is_blank(list[i])) i++;
    mask = name_len ? rules_feature_mask(rel, list + name, name_len) : 0;
    if (!mask || (list[i] != ',' && list[i] != '\0')) {
      *pos = item;
      return CWASM_E_ARGUMENT;
    }
    if (on) work.bits |= mask;
    else work.bits &= ~mask;
    if (list[i] == '\0') break;
    i++;
  }
  h->features = work;
  h->have_features = 1;
  return CWASM_OK;
}

static bool parse_u64(const char *s, uint64_t *out) {
  uint64_t v = 0;
  if (!*s) return false;
  for (; *s; s++) {
    unsigned d;
    if (*s < '0' || *s > '9') return false;
    d = (unsigned)(*s - '0');
    if (v > (UINT64_MAX - d) / 10u) return false;
    v = v * 10u + d;
  }
  *out = v;
  return true;
}

/* An enum variant by its name, or for Collector also by its Display. `variants`
 * is at most the enum's count, so every name and display exists. */
static bool parse_variant(cwasm_tunable_type type, unsigned variants, const char *s, uint64_t *out) {
  for (uint64_t v = 0; v < variants; v++) {
    const char *name = cwasm_tunable_enum_name(type, v);
    if (strcmp(name, s) == 0 || (type == CWASM_TT_OPT_COLLECTOR && strcmp(rules_collector_display(v), s) == 0)) {
      *out = v;
      return true;
    }
  }
  return false;
}

cwasm_status cwasm_host_set_tunable(cwasm_host *h, const char *assignment) {
  const cwasm_release *rel;
  const cwasm_tunable_info *info = NULL;
  const char *eq, *value;
  cwasm_tunable t;
  size_t name_len;
  if (!h || !assignment || !(rel = cwasm_release_get(h->release))) return CWASM_E_ARGUMENT;
  eq = strchr(assignment, '=');
  if (!eq) return CWASM_E_ARGUMENT;
  name_len = (size_t)(eq - assignment);
  value = eq + 1;
  for (unsigned i = 0; i < rel->layout->tunables_count; i++) {
    const cwasm_tunable_info *ti = cwasm_tunable_info_of(rel->layout->tunables[i]);
    if (strlen(ti->name) == name_len && strncmp(ti->name, assignment, name_len) == 0) info = ti;
  }
  if (!info) return CWASM_E_ARGUMENT;
  memset(&t, 0, sizeof t);
  t.offset = CWASM_NO_OFFSET;
  if (strcmp(value, "?") == 0) {
    h->tunables.f[info->id] = t; /* unknown */
    return CWASM_OK;
  }
  t.present = 1;
  /* unreachable: no case matching. info is a row of the library's table, of a type handled here */
  switch (info->type) {
    case CWASM_TT_U64:
    case CWASM_TT_USIZE:
      if (!parse_u64(value, &t.value)) return CWASM_E_ARGUMENT;
      break;
    case CWASM_TT_U32:
      if (!parse_u64(value, &t.value) || t.value > UINT32_MAX) return CWASM_E_ARGUMENT;
      break;
    case CWASM_TT_BOOL:
      if (strcmp(value, "true") == 0 || strcmp(value, "1") == 0) t.value = 1;
      else if (strcmp(value, "false") == 0 || strcmp(value, "0") == 0) t.value = 0;
      else return CWASM_E_ARGUMENT;
      break;
    case CWASM_TT_OPT_COLLECTOR:
      if (strcmp(value, "none") == 0 || strcmp(value, "None") == 0) t.is_none = 1;
      else if (!parse_variant(info->type, rel->layout->collector_variants, value, &t.value))
        return CWASM_E_ARGUMENT;
      break;
    case CWASM_TT_INTRA_MODULE_INLINING:
    case CWASM_TT_INLINING:
      if (!parse_variant(info->type, cwasm_tunable_enum_count(info->type), value, &t.value))
        return CWASM_E_ARGUMENT;
      break;
    case CWASM_TT_OPERATOR_COST:
      if (strcmp(value, "Default") != 0) return CWASM_E_ARGUMENT; /* a Table needs its bytes */
      t.value = 1;
      break;
    case CWASM_TT_OPT_NONZERO_U32:
      if (strcmp(value, "none") == 0 || strcmp(value, "None") == 0) t.is_none = 1;
      else if (!parse_u64(value, &t.value) || t.value == 0 || t.value > UINT32_MAX) return CWASM_E_ARGUMENT;
      break;
  }
  h->tunables.f[info->id] = t;
  return CWASM_OK;
}

cwasm_tristate cwasm_host_wasm_feature(const cwasm_host *h, const char *name) {
  const cwasm_release *rel;
  uint64_t mask;
  if (!h || !name || !h->have_features || !(rel = cwasm_release_get(h->release))) return CWASM_UNKNOWN;
  mask = rules_feature_mask(rel, name, strlen(name));
  if (!mask) return CWASM_UNKNOWN;
  return (h->features.bits & mask) == mask ? CWASM_YES : CWASM_NO;
}
