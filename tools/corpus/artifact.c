/*
 * Building one artifact: model, engine section, section list, ELF image.
 * See gen.h for the four steps and where mutations hook in.
 */
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfbuild.h" /* eb_put / eb_get: byte-order-aware stores */
#include "gen.h"

#define SHT_PROGBITS_ 1u
#define SHT_SYMTAB_ 2u
#define SHT_STRTAB_ 3u
#define SHT_NOBITS_ 8u
#define SHF_ALLOC_ 0x2u
#define SHF_EXECINSTR_ 0x4u
/* Wasmtime's sh_flags bit on Pulley .text (obj.rs SH_WASMTIME_NOT_EXECUTED, v28+). */
#define SH_WASMTIME_NOT_EXECUTED 0x1u

/* Wasmtime aligns .text to the page size so that it can map it; that would put
 * several KiB of zeros into every seed. The parser does not care, so the
 * corpus uses a function alignment instead (gen_params.text_align overrides). */
#define GEN_TEXT_ALIGN 16u

static int fail(gen_art *a, const char *msg) {
  snprintf(a->error, sizeof a->error, "%s", msg);
  return -1;
}

const char *gen_strategy_name(gen_strategy s) {
  switch (s) {
    case GEN_VERSION_DEFAULT:
      return "default";
    case GEN_VERSION_CUSTOM:
      return "custom";
    case GEN_VERSION_NONE:
      return "none";
  }
  return "?";
}

void gen_default_version(uint16_t release, gen_strategy s, const char *custom, char *out, size_t cap) {
  const cwasm_release *r = cwasm_release_get(release);
  switch (s) {
    case GEN_VERSION_DEFAULT:
      /* spec §3.2: the full crate version up to v37, the bare major from v38.0.1.
       * The patch of a real build is not known; .0 is what the first tag writes. */
      if (r && r->version_full)
        snprintf(out, cap, "%u.0.0", (unsigned)release);
      else
        snprintf(out, cap, "%u", (unsigned)release);
      return;
    case GEN_VERSION_CUSTOM:
      snprintf(out, cap, "%s", custom ? custom : "");
      return;
    case GEN_VERSION_NONE:
      break;
  }
  if (cap) out[0] = '\0';
}

/* The feature bit(s) a component artifact needs on top of the defaults. */
static uint64_t component_bits(const cwasm_release *r) {
  const cwasm_layout *l = r->layout;
  if (l->features == CWASM_FEATURES_BOOLS) {
    for (unsigned i = 0; i < l->feature_bools_count; i++)
      if (strcmp(l->feature_bools[i], "component_model") == 0) return (uint64_t)1 << i;
    return 0;
  }
  for (unsigned i = 0; i < r->feature_bits_count; i++)
    if (strcmp(r->feature_bits[i].name, "component_model") == 0) return r->feature_bits[i].mask;
  return 0;
}

int gen_art_init(gen_art *a, const gen_params *p) {
  cwasm_defaults d;
  char v[256];
  memset(a, 0, sizeof *a);
  a->p = *p;
  if (!p->target) return fail(a, "no target");
  a->rel = cwasm_release_get(p->release);
  if (!a->rel) return fail(a, "unknown release");
  if (p->release < p->target->first_release) return fail(a, "this release cannot write for that target");
  if (p->kind != CWASM_KIND_MODULE && p->kind != CWASM_KIND_COMPONENT)
    return fail(a, "kind must be module or component");
  if (p->strategy == GEN_VERSION_CUSTOM && (!p->custom || strlen(p->custom) > 255))
    return fail(a, "a custom version string of 0..255 bytes is needed");
  a->layout = a->rel->layout;
  /* Cross-compilation: no CPU is asked, ISA flags get Cranelift's defaults. */
  if (cwasm_defaults_get(p->release, p->target->arch, NULL, &d) != CWASM_OK)
    return fail(a, "cwasm_defaults_get failed");
  if (d.shared_count > GEN_MAX_FLAGS || d.isa_count > GEN_MAX_FLAGS) return fail(a, "too many flags");
  memcpy(a->shared, d.shared, d.shared_count * sizeof d.shared[0]);
  a->nshared = d.shared_count;
  memcpy(a->isa, d.isa, d.isa_count * sizeof d.isa[0]);
  a->nisa = d.isa_count;
  mb_values_from_tunables(&d.tunables, &a->tun);
  a->default_features = d.features.bits;
  a->features = d.features.bits;
  /* spec §7.5: a component needs the component model enabled */
  if (p->kind == CWASM_KIND_COMPONENT) a->features |= component_bits(a->rel);
  snprintf(a->target, sizeof a->target, "%s", p->target->triple);
  gen_default_version(p->release, p->strategy, p->custom, v, sizeof v);
  a->version_len = strlen(v);
  memcpy(a->version, v, a->version_len);

  /* spec §2.1, §2.2 */
  a->osabi = CWASM_ELFOSABI_WASMTIME;
  a->abiversion = 0;
  a->e_type = 1; /* ET_REL */
  a->machine = p->target->machine;
  a->big_endian = p->target->big_endian;
  a->e_flags = p->kind == CWASM_KIND_MODULE ? CWASM_EF_MODULE : CWASM_EF_COMPONENT;
  if (p->release >= 32) {
    if (p->target->arch == CWASM_ARCH_PULLEY32 || p->target->arch == CWASM_ARCH_PULLEY32BE)
      a->e_flags |= CWASM_EF_PULLEY32;
    if (p->target->arch == CWASM_ARCH_PULLEY64 || p->target->arch == CWASM_ARCH_PULLEY64BE)
      a->e_flags |= CWASM_EF_PULLEY64;
  }
  return 0;
}

int gen_art_encode(gen_art *a) {
  static uint8_t meta[1 << 16]; /* 400 flags of 48-byte names fit with room to spare */
  mb m;
  size_t n;
  mb_init(&m, meta, sizeof meta, a->layout->codec);
  mb_metadata_flags(&m, a->layout, a->target, a->shared, a->nshared, a->isa, a->nisa, &a->tun, a->features,
                    &a->map);
  if (m.overflow) return fail(a, "metadata too large");
  free(a->engine);
  a->engine = malloc(2 + a->version_len + m.n);
  if (!a->engine) return fail(a, "out of memory");
  a->version[a->version_len] = 0; /* version_len <= 255 < sizeof version */
  n = mb_engine(a->engine, 2 + a->version_len + m.n, (const char *)a->version, meta, m.n);
  if (n == 0) return fail(a, "engine section encoding failed");
  a->engine_len = n;
  a->meta_at = 2 + a->version_len;
  return 0;
}

/* ------------------------------------------------------------ sections */

int gen_add_section(gen_art *a, const char *name, uint32_t type, uint64_t flags, uint64_t align,
                    const void *data, size_t size) {
  gen_section *s;
  if (a->nsec == 0) a->nsec = 1; /* index 0 is the null section */
  if (a->nsec >= GEN_MAX_SECTIONS) return -1;
  s = &a->sec[a->nsec];
  memset(s, 0, sizeof *s);
  snprintf(s->name, sizeof s->name, "%s", name);
  s->type = type;
  s->flags = flags;
  s->align = align ? align : 1;
  s->size = size;
  if (size) {
    s->data = malloc(size);
    if (!s->data) return -1;
    if (data)
      memcpy(s->data, data, size);
    else
      memset(s->data, 0, size);
  }
  return (int)a->nsec++;
}

void gen_remove_section(gen_art *a, size_t index) {
  if (index == 0 || index >= a->nsec) return;
  free(a->sec[index].data);
  memmove(&a->sec[index], &a->sec[index + 1], (a->nsec - index - 1) * sizeof a->sec[0]);
  a->nsec--;
}

int gen_find_section(const gen_art *a, const char *name) {
  for (size_t i = 1; i < a->nsec; i++)
    if (strcmp(a->sec[i].name, name) == 0) return (int)i;
  return -1;
}

/*
 * A minimal .eh_frame: one CIE ("zR", pc-relative FDE pointers, the CFA at
 * the stack pointer on entry) and the zero terminator. Real artifacts add one
 * FDE per function; a CIE alone is still well-formed DWARF CFI.
 */
static size_t eh_frame(const gen_target *t, uint8_t *out) {
  uint8_t ra, sp, cfa_off;
  size_t n = 0;
  switch (t->arch) {
    case CWASM_ARCH_X86_64:
      ra = 16, sp = 7, cfa_off = 8;
      break;
    case CWASM_ARCH_AARCH64:
      ra = 30, sp = 31, cfa_off = 0;
      break;
    case CWASM_ARCH_S390X:
      ra = 14, sp = 15, cfa_off = 160;
      break;
    default:
      ra = 1, sp = 2, cfa_off = 0;
      break; /* riscv64 */
  }
  eb_put(out, 0, 4, 20, t->big_endian); /* length after this field */
  eb_put(out, 4, 4, 0, t->big_endian);  /* CIE id */
  n = 8;
  out[n++] = 1; /* version */
  out[n++] = 'z', out[n++] = 'R', out[n++] = 0;
  out[n++] = 1;                   /* code alignment factor */
  out[n++] = 0x78;                /* data alignment factor -8 (SLEB128) */
  out[n++] = ra;                  /* return address register */
  out[n++] = 1;                   /* augmentation data length */
  out[n++] = 0x1b;                /* FDE pointers: pcrel | sdata4 */
  out[n++] = 0x0c, out[n++] = sp; /* DW_CFA_def_cfa sp, */
  if (cfa_off < 0x80)
    out[n++] = cfa_off;
  else
    out[n++] = (uint8_t)(cfa_off | 0x80), out[n++] = (uint8_t)(cfa_off >> 7);
  while (n < 24) out[n++] = 0;         /* DW_CFA_nop up to the length */
  eb_put(out, n, 4, 0, t->big_endian); /* terminator */
  return n + 4;
}

static bool is_pulley(cwasm_arch a) {
  return a == CWASM_ARCH_PULLEY32 || a == CWASM_ARCH_PULLEY64 || a == CWASM_ARCH_PULLEY32BE ||
         a == CWASM_ARCH_PULLEY64BE;
}

int gen_art_sections(gen_art *a) {
  static const uint8_t bti[1] = {0}; /* branch protection off (the default) */
  /* CompiledModuleInfo is opaque to the check; these bytes only stand in for it. */
  static const uint8_t info[12] = {0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0};
  static const char strtab[] = "\0wasm[0]::function[0]";
  const gen_target *t = a->p.target;
  bool pulley = is_pulley(t->arch), late_engine = a->p.release <= 20;
  size_t text_len;
  const uint8_t *text = gen_text_body(t, &text_len);
  uint8_t eh[32], addrmap[20], traps[9];
  size_t eh_len = eh_frame(t, eh);
  uint64_t text_align = a->p.text_align ? a->p.text_align : pulley ? 1u : GEN_TEXT_ALIGN;
  uint64_t text_flags = pulley ? SH_WASMTIME_NOT_EXECUTED : SHF_ALLOC_ | SHF_EXECINSTR_;
  int ok = 1;

  /* address map: count, native offsets, wasm offsets (u32 each) */
  eb_put(addrmap, 0, 4, 2, a->big_endian);
  eb_put(addrmap, 4, 4, 0, a->big_endian);
  eb_put(addrmap, 8, 4, text_len - 1, a->big_endian);
  eb_put(addrmap, 12, 4, 0x26, a->big_endian);
  eb_put(addrmap, 16, 4, 0x2a, a->big_endian);
  /* trap table: count, offsets, one code byte per trap (unreachable) */
  eb_put(traps, 0, 4, 1, a->big_endian);
  eb_put(traps, 4, 4, text_len - 1, a->big_endian);
  traps[8] = 0;

  for (size_t i = 1; i < a->nsec; i++) free(a->sec[i].data);
  a->nsec = 1;
  /* spec §2.1: v21+ write the engine section first (index 1); the v5 artifact
   * has it after .text, .eh_frame, .wasmtime.addrmap and .wasmtime.traps. */
  if (!late_engine) {
    ok &= gen_add_section(a, ".wasmtime.engine", SHT_PROGBITS_, SHF_ALLOC_, 1, a->engine, a->engine_len) > 0;
    ok &= gen_add_section(a, ".wasmtime.bti", SHT_PROGBITS_, SHF_ALLOC_, 1, bti, sizeof bti) > 0;
  }
  ok &= gen_add_section(a, ".text", SHT_PROGBITS_, text_flags, text_align, text, text_len) > 0;
  if (!pulley) ok &= gen_add_section(a, ".eh_frame", SHT_PROGBITS_, SHF_ALLOC_, 1, eh, eh_len) > 0;
  ok &= gen_add_section(a, ".wasmtime.addrmap", SHT_PROGBITS_, SHF_ALLOC_, 1, addrmap, sizeof addrmap) > 0;
  ok &= gen_add_section(a, ".wasmtime.traps", SHT_PROGBITS_, SHF_ALLOC_, 1, traps, sizeof traps) > 0;
  if (late_engine) {
    ok &= gen_add_section(a, ".wasmtime.engine", SHT_PROGBITS_, SHF_ALLOC_, 1, a->engine, a->engine_len) > 0;
    ok &= gen_add_section(a, ".wasmtime.bti", SHT_PROGBITS_, SHF_ALLOC_, 1, bti, sizeof bti) > 0;
  }
  ok &= gen_add_section(a, ".wasmtime.info", SHT_PROGBITS_, SHF_ALLOC_, 1, info, sizeof info) > 0;
  {
    int s = gen_add_section(a, ".symtab", SHT_SYMTAB_, 0, 8, NULL, 0);
    ok &= s > 0;
    if (s > 0) {
      a->sec[s].symtab = true;
      a->sec[s].entsize = sizeof(Elf64_Sym);
    }
  }
  ok &= gen_add_section(a, ".strtab", SHT_STRTAB_, 0, 1, strtab, sizeof strtab) > 0;
  ok &= gen_add_section(a, ".shstrtab", SHT_STRTAB_, 0, 1, NULL, 0) > 0;
  return ok ? 0 : fail(a, "section list");
}

/* ----------------------------------------------------------- the image */

/* .shstrtab: each distinct name once (as object's StringTable does), in order. */
static int build_shstrtab(gen_art *a, size_t shstrndx) {
  size_t cap = 1, n = 1;
  uint8_t *buf;
  for (size_t i = 1; i < a->nsec; i++) cap += strlen(a->sec[i].name) + 1;
  buf = calloc(1, cap);
  if (!buf) return -1;
  for (size_t i = 1; i < a->nsec; i++) {
    size_t len = strlen(a->sec[i].name);
    a->sec[i].name_off = 0;
    if (len == 0) continue;
    for (size_t k = 1; k < i; k++)
      if (strcmp(a->sec[k].name, a->sec[i].name) == 0) a->sec[i].name_off = a->sec[k].name_off;
    if (a->sec[i].name_off) continue;
    a->sec[i].name_off = (uint32_t)n;
    memcpy(buf + n, a->sec[i].name, len + 1);
    n += len + 1;
  }
  free(a->sec[shstrndx].data);
  a->sec[shstrndx].data = buf;
  a->sec[shstrndx].size = n;
  return 0;
}

/* .symtab: the null symbol and one local function symbol for .text. */
static int build_symtab(gen_art *a, size_t index) {
  int text = gen_find_section(a, ".text"), strtab = gen_find_section(a, ".strtab");
  Elf64_Sym *sym = calloc(2, sizeof *sym);
  if (!sym) return -1;
  sym[1].st_name = 1;
  sym[1].st_info = ELF64_ST_INFO(STB_LOCAL, STT_FUNC);
  sym[1].st_shndx = (Elf64_Section)(text > 0 ? text : 0);
  sym[1].st_size = text > 0 ? a->sec[text].size : 0;
  free(a->sec[index].data);
  a->sec[index].data = (uint8_t *)sym;
  a->sec[index].size = 2 * sizeof *sym;
  a->sec[index].link = (uint32_t)(strtab > 0 ? strtab : 0);
  a->sec[index].info = 2; /* one past the last local symbol */
  return 0;
}

static uint64_t align_up(uint64_t v, uint64_t a) { return a > 1 ? (v + a - 1) / a * a : v; }

static int write_elf(gen_art *a, FILE *f) {
  Elf *e = elf_begin(fileno(f), ELF_C_WRITE, NULL);
  Elf64_Ehdr *eh;
  if (!e) return fail(a, elf_errmsg(-1));
  eh = elf64_newehdr(e);
  if (!eh) return fail(a, elf_errmsg(-1));
  eh->e_ident[EI_MAG0] = ELFMAG0;
  eh->e_ident[EI_MAG1] = ELFMAG1;
  eh->e_ident[EI_MAG2] = ELFMAG2;
  eh->e_ident[EI_MAG3] = ELFMAG3;
  eh->e_ident[EI_CLASS] = ELFCLASS64;
  eh->e_ident[EI_DATA] = a->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
  eh->e_ident[EI_VERSION] = EV_CURRENT;
  eh->e_ident[EI_OSABI] = a->osabi;
  eh->e_ident[EI_ABIVERSION] = a->abiversion;
  eh->e_type = a->e_type;
  eh->e_machine = a->machine;
  eh->e_version = EV_CURRENT;
  eh->e_flags = a->e_flags;
  eh->e_ehsize = sizeof(Elf64_Ehdr);
  eh->e_shentsize = sizeof(Elf64_Shdr);
  eh->e_shoff = a->shoff;
  eh->e_shstrndx = (Elf64_Half)a->shstrndx;
  for (size_t i = 1; i < a->nsec; i++) {
    gen_section *s = &a->sec[i];
    Elf_Scn *scn = elf_newscn(e);
    Elf64_Shdr *sh = scn ? elf64_getshdr(scn) : NULL;
    Elf_Data *d = scn ? elf_newdata(scn) : NULL;
    if (!sh || !d) return fail(a, elf_errmsg(-1));
    sh->sh_name = s->name_off;
    sh->sh_type = s->type;
    sh->sh_flags = s->flags;
    sh->sh_offset = s->offset;
    sh->sh_size = s->size;
    sh->sh_link = s->link;
    sh->sh_info = s->info;
    sh->sh_addralign = s->align;
    sh->sh_entsize = s->entsize;
    d->d_buf = s->type == SHT_NOBITS_ ? NULL : s->data;
    d->d_size = s->size;
    d->d_type = s->symtab ? ELF_T_SYM : ELF_T_BYTE; /* libelf swaps symbols for big-endian files */
    d->d_align = s->symtab ? 8 : 1;
    d->d_off = 0;
    d->d_version = EV_CURRENT;
  }
  /* We placed everything; libelf must not move it, and fills gaps with zeros. */
  elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
  if (elf_update(e, ELF_C_WRITE) < 0) {
    fail(a, elf_errmsg(-1));
    elf_end(e);
    return -1;
  }
  elf_end(e);
  return 0;
}

int gen_art_write(gen_art *a) {
  FILE *f;
  long size;
  uint64_t off = sizeof(Elf64_Ehdr);
  int shstr = -1;
  if (elf_version(EV_CURRENT) == EV_NONE) return fail(a, "libelf is too old");
  for (size_t i = a->nsec; i-- > 1;)
    if (strcmp(a->sec[i].name, ".shstrtab") == 0 && a->sec[i].type == SHT_STRTAB_) {
      shstr = (int)i;
      break;
    }
  if (shstr < 0) return fail(a, "no .shstrtab");
  if (build_shstrtab(a, (size_t)shstr) != 0) return fail(a, "out of memory");
  for (size_t i = 1; i < a->nsec; i++)
    if (a->sec[i].symtab && build_symtab(a, i) != 0) return fail(a, "out of memory");
  /* Wasmtime's layout (object::write): data in section order, each aligned,
   * then the section header table, 8-aligned. */
  for (size_t i = 1; i < a->nsec; i++) {
    gen_section *s = &a->sec[i];
    off = align_up(off, s->align);
    s->offset = off;
    if (s->type != SHT_NOBITS_) off += s->size;
  }
  a->shoff = align_up(off, 8);
  a->shnum = (uint32_t)a->nsec;
  a->shstrndx = (uint32_t)shstr;

  f = tmpfile();
  if (!f) return fail(a, "tmpfile failed");
  if (write_elf(a, f) != 0) {
    fclose(f);
    return -1;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return fail(a, "cannot read the image back");
  }
  free(a->file);
  a->file = malloc((size_t)size ? (size_t)size : 1);
  if (!a->file || fread(a->file, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    return fail(a, "cannot read the image back");
  }
  fclose(f);
  a->file_len = (size_t)size;
  if (a->file_len != a->shoff + (uint64_t)a->shnum * sizeof(Elf64_Shdr))
    return fail(a, "libelf did not keep the layout");
  return 0;
}

void gen_art_free(gen_art *a) {
  for (size_t i = 1; i < a->nsec; i++) free(a->sec[i].data);
  a->nsec = 0;
  free(a->engine);
  free(a->file);
  a->engine = a->file = NULL;
}

/* ------------------------------------------------------------- helpers */

const char *gen_pool_str(gen_art *a, const char *s) {
  size_t n = strlen(s) + 1;
  char *p;
  if (n > sizeof a->pool - a->pool_n) return "";
  p = a->pool + a->pool_n;
  memcpy(p, s, n);
  a->pool_n += n;
  return p;
}

int gen_find_flag(const cwasm_default_flag *list, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i].name, name) == 0) return (int)i;
  return -1;
}

static int splice(uint8_t **buf, size_t *len, size_t at, size_t old_len, const void *bytes, size_t n) {
  uint8_t *b;
  size_t new_len;
  if (at > *len || old_len > *len - at) return -1;
  new_len = *len - old_len + n;
  b = malloc(new_len ? new_len : 1);
  if (!b) return -1;
  memcpy(b, *buf, at);
  if (n) memcpy(b + at, bytes, n);
  memcpy(b + at + n, *buf + at + old_len, *len - at - old_len);
  free(*buf);
  *buf = b;
  *len = new_len;
  return 0;
}

int gen_engine_splice(gen_art *a, size_t at, size_t old_len, const void *bytes, size_t len) {
  return splice(&a->engine, &a->engine_len, at, old_len, bytes, len);
}

int gen_file_splice(gen_art *a, size_t at, size_t old_len, const void *bytes, size_t len) {
  return splice(&a->file, &a->file_len, at, old_len, bytes, len);
}

void gen_put(gen_art *a, size_t off, unsigned width, uint64_t v) {
  if (off > a->file_len || width > a->file_len - off) return;
  eb_put(a->file, off, width, v, a->big_endian);
}

uint64_t gen_get(const gen_art *a, size_t off, unsigned width) {
  if (off > a->file_len || width > a->file_len - off) return 0;
  return eb_get(a->file, off, width, a->big_endian);
}

size_t gen_shdr(const gen_art *a, uint32_t index, unsigned field) {
  return (size_t)a->shoff + (size_t)index * sizeof(Elf64_Shdr) + field;
}
