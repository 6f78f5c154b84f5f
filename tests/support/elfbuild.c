/*
 * Test-only ELF writer (see elfbuild.h). Deliberately written without the
 * library's field tables: header fields are laid out by walking the ELF
 * structures in declaration order, so a wrong offset table in lib/src/elf.c
 * cannot hide behind the same mistake here.
 */
#include "elfbuild.h"

#include <stdlib.h>
#include <string.h>

static const char shstrtab_name[] = ".shstrtab";

void eb_put(uint8_t *img, size_t off, unsigned width, uint64_t v, bool big_endian) {
  for (unsigned i = 0; i < width; i++) {
    unsigned shift = 8u * (big_endian ? width - 1u - i : i);
    img[off + i] = (uint8_t)(v >> shift);
  }
}

uint64_t eb_get(const uint8_t *img, size_t off, unsigned width, bool big_endian) {
  uint64_t v = 0;
  for (unsigned i = 0; i < width; i++) {
    unsigned shift = 8u * (big_endian ? width - 1u - i : i);
    v |= (uint64_t)img[off + i] << shift;
  }
  return v;
}

typedef struct eb_ctx {
  uint8_t *buf; /* NULL while measuring */
  bool big;
  unsigned word; /* 4 or 8 */
} eb_ctx;

/* Sequential writer: `*pos` advances by the field's width. */
static void emit(const eb_ctx *c, size_t *pos, unsigned width, uint64_t v) {
  if (c->buf) eb_put(c->buf, *pos, width, v, c->big);
  *pos += width;
}

static size_t align_up(size_t x, uint64_t a) {
  if (a <= 1) return x;
  return (size_t)((x + a - 1) / a * a);
}

static size_t name_len(const char *name) { return name ? strlen(name) : 0; }

/* sh_name of a name about to be appended at `*strpos`; empty names share offset 0. */
static uint32_t add_name(const eb_ctx *c, size_t strtab_off, size_t *strpos, const char *name) {
  size_t n = name_len(name);
  uint32_t at;
  if (n == 0) return 0;
  at = (uint32_t)*strpos;
  if (c->buf) memcpy(c->buf + strtab_off + *strpos, name, n + 1);
  *strpos += n + 1;
  return at;
}

typedef struct eb_hdr {
  uint32_t name, type;
  uint64_t flags, addr, offset, size;
  uint32_t link, info;
  uint64_t addralign, entsize;
} eb_hdr;

/* Apply the EB_S_* overrides of `s` on top of the computed header. */
static void apply_overrides(eb_hdr *h, const eb_section *s) {
  if (s->set & EB_S_OFFSET) h->offset = s->sh_offset;
  if (s->set & EB_S_SIZE) h->size = s->sh_size;
  if (s->set & EB_S_NAME) h->name = s->sh_name;
  if (s->set & EB_S_LINK) h->link = s->sh_link;
  if (s->set & EB_S_TYPE) h->type = s->sh_type;
}

static void emit_shdr(const eb_ctx *c, size_t at, const eb_hdr *h) {
  size_t p = at;
  emit(c, &p, 4, h->name);
  emit(c, &p, 4, h->type);
  emit(c, &p, c->word, h->flags);
  emit(c, &p, c->word, h->addr);
  emit(c, &p, c->word, h->offset);
  emit(c, &p, c->word, h->size);
  emit(c, &p, 4, h->link);
  emit(c, &p, 4, h->info);
  emit(c, &p, c->word, h->addralign);
  emit(c, &p, c->word, h->entsize);
}

static size_t strtab_size(const eb_spec *s) {
  size_t n = 1 + name_len(s->section0.name) + (name_len(s->section0.name) ? 1 : 0);
  for (size_t i = 0; i < s->nsections; i++) {
    size_t k = name_len(s->sections[i].name);
    n += k ? k + 1 : 0;
  }
  n += sizeof shstrtab_name;
  return n + (s->shstrtab_unterminated ? 1 : 0);
}

/* Offset of the first byte after section data (where .shstrtab goes). */
static size_t data_end(const eb_spec *s, size_t ehsize) {
  size_t pos = ehsize;
  for (size_t i = 0; i < s->nsections; i++) {
    const eb_section *sec = &s->sections[i];
    pos = align_up(pos, sec->addralign);
    if (sec->type != EB_SHT_NOBITS) pos += sec->size;
  }
  return pos;
}

size_t eb_write(const eb_spec *s, uint8_t *buf, size_t cap, eb_info *info) {
  unsigned cls = s->elf_class ? s->elf_class : 64;
  eb_ctx c;
  size_t ehsize, shentsize, nsh, strtab_off, strtab_n, shoff, image_end, total, pos, strpos;
  uint32_t shstrndx;
  eb_info local;
  eb_hdr h;

  if (cls != 32 && cls != 64) return 0;
  c.big = s->big_endian;
  c.word = cls == 64 ? 8 : 4;
  c.buf = NULL;
  ehsize = cls == 64 ? 64 : 52;
  shentsize = cls == 64 ? 64 : 40;
  nsh = s->nsections + 2;
  shstrndx = (uint32_t)(s->nsections + 1);
  strtab_off = data_end(s, ehsize);
  strtab_n = strtab_size(s);
  shoff = align_up(strtab_off + strtab_n, 8);
  image_end = shoff + nsh * shentsize;
  total = image_end + s->trailing_len;

  if (!info) info = &local;
  memset(info, 0, sizeof *info);
  info->size = total;
  info->image_end = image_end;
  info->elf_class = (uint8_t)cls;
  info->big_endian = s->big_endian;
  info->shoff = shoff;
  info->shentsize = (uint16_t)shentsize;
  info->shnum = (uint32_t)nsh;
  info->shstrndx = shstrndx;
  info->shstrtab_offset = strtab_off;
  info->shstrtab_size = strtab_n;
  if (!buf || cap < total) return total;

  c.buf = buf;
  memset(buf, 0, total);

  /* File header. */
  buf[0] = 0x7f;
  buf[1] = 'E';
  buf[2] = 'L';
  buf[3] = 'F';
  buf[4] = cls == 64 ? 2 : 1;
  buf[5] = s->big_endian ? 2 : 1;
  buf[6] = 1;
  buf[7] = (s->set & EB_H_OSABI) ? s->osabi : 200;
  buf[8] = (s->set & EB_H_ABIVERSION) ? s->abiversion : 0;
  pos = 16;
  emit(&c, &pos, 2, (s->set & EB_H_TYPE) ? s->type : 1);
  emit(&c, &pos, 2, (s->set & EB_H_MACHINE) ? s->machine : EB_EM_X86_64);
  emit(&c, &pos, 4, (s->set & EB_H_VERSION) ? s->version : 1);
  emit(&c, &pos, c.word, 0); /* e_entry */
  emit(&c, &pos, c.word, (s->set & EB_H_PHOFF) ? s->phoff : 0);
  emit(&c, &pos, c.word, (s->set & EB_H_SHOFF) ? s->shoff : shoff);
  emit(&c, &pos, 4, (s->set & EB_H_FLAGS) ? s->flags : 1);
  emit(&c, &pos, 2, (s->set & EB_H_EHSIZE) ? s->ehsize : ehsize);
  emit(&c, &pos, 2, (s->set & EB_H_PHENTSIZE) ? s->phentsize : 0);
  emit(&c, &pos, 2, (s->set & EB_H_PHNUM) ? s->phnum : 0);
  emit(&c, &pos, 2, (s->set & EB_H_SHENTSIZE) ? s->shentsize : shentsize);
  emit(&c, &pos, 2, (s->set & EB_H_SHNUM) ? s->shnum : (s->ext_shnum ? 0 : nsh));
  emit(&c, &pos, 2, (s->set & EB_H_SHSTRNDX) ? s->shstrndx : (s->ext_shstrndx ? 0xffff : shstrndx));

  /* Section 0: as given, plus extended numbering. Names go first in .shstrtab. */
  strpos = 1;
  memset(&h, 0, sizeof h);
  h.name = add_name(&c, strtab_off, &strpos, s->section0.name);
  h.type = s->section0.type;
  h.flags = s->section0.flags;
  h.addr = s->section0.addr;
  h.size = s->ext_shnum ? nsh : s->section0.size;
  h.link = s->ext_shstrndx ? shstrndx : s->section0.link;
  h.info = s->section0.info;
  h.addralign = s->section0.addralign;
  h.entsize = s->section0.entsize;
  apply_overrides(&h, &s->section0);
  emit_shdr(&c, shoff, &h);

  /* Sections 1..n: data in order, each aligned. */
  pos = ehsize;
  for (size_t i = 0; i < s->nsections; i++) {
    const eb_section *sec = &s->sections[i];
    pos = align_up(pos, sec->addralign);
    memset(&h, 0, sizeof h);
    h.name = add_name(&c, strtab_off, &strpos, sec->name);
    h.type = sec->type;
    h.flags = sec->flags;
    h.addr = sec->addr;
    h.offset = pos;
    h.size = sec->size;
    h.link = sec->link;
    h.info = sec->info;
    h.addralign = sec->addralign ? sec->addralign : 1;
    h.entsize = sec->entsize;
    apply_overrides(&h, sec);
    emit_shdr(&c, shoff + (i + 1) * shentsize, &h);
    if (sec->type != EB_SHT_NOBITS) {
      if (sec->data && sec->size) memcpy(buf + pos, sec->data, sec->size);
      pos += sec->size;
    }
  }

  /* .shstrtab last, like object::write. */
  memset(&h, 0, sizeof h);
  h.name = add_name(&c, strtab_off, &strpos, shstrtab_name);
  if (s->shstrtab_unterminated) buf[strtab_off + strpos++] = 'x';
  h.type = EB_SHT_STRTAB;
  h.flags = s->shstrtab.flags;
  h.offset = strtab_off;
  h.size = strtab_n;
  h.addralign = 1;
  apply_overrides(&h, &s->shstrtab);
  emit_shdr(&c, shoff + (size_t)shstrndx * shentsize, &h);

  if (s->trailing_len) memcpy(buf + image_end, s->trailing, s->trailing_len);
  return total;
}

int eb_build(const eb_spec *spec, uint8_t **out, size_t *len, eb_info *info) {
  size_t n = eb_write(spec, NULL, 0, NULL);
  uint8_t *buf;
  if (n == 0) return -1;
  buf = malloc(n);
  if (!buf) return -1;
  if (eb_write(spec, buf, n, info) != n) {
    free(buf);
    return -1;
  }
  *out = buf;
  *len = n;
  return 0;
}

int eb_artifact(uint8_t **out, size_t *len, const void *engine, size_t n, uint32_t e_flags,
                bool big_endian) {
  static const uint8_t bti[1] = {0};
  static const uint8_t text[16] = {0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
                                   0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xc3};
  eb_section secs[3];
  eb_spec spec;
  memset(secs, 0, sizeof secs);
  memset(&spec, 0, sizeof spec);
  secs[0].name = ".wasmtime.engine";
  secs[0].type = EB_SHT_PROGBITS;
  secs[0].flags = EB_SHF_ALLOC;
  secs[0].data = engine;
  secs[0].size = n;
  secs[0].addralign = 1;
  secs[1].name = ".wasmtime.bti";
  secs[1].type = EB_SHT_PROGBITS;
  secs[1].flags = EB_SHF_ALLOC;
  secs[1].data = bti;
  secs[1].size = sizeof bti;
  secs[1].addralign = 1;
  secs[2].name = ".text";
  secs[2].type = EB_SHT_PROGBITS;
  secs[2].flags = EB_SHF_ALLOC | EB_SHF_EXECINSTR;
  secs[2].data = text;
  secs[2].size = sizeof text;
  secs[2].addralign = 16;
  spec.elf_class = 64;
  spec.big_endian = big_endian;
  spec.sections = secs;
  spec.nsections = 3;
  spec.set = EB_H_FLAGS | EB_H_MACHINE;
  spec.flags = e_flags;
  spec.machine = (uint16_t)(big_endian ? EB_EM_S390 : EB_EM_X86_64);
  return eb_build(&spec, out, len, NULL);
}

size_t eb_shdr_field_offset(const eb_info *info, uint32_t index, eb_shfield f) {
  size_t w = info->elf_class == 32 ? 4 : 8;
  size_t rel = 0;
  switch (f) {
    case EB_SH_NAME: rel = 0; break;
    case EB_SH_TYPE: rel = 4; break;
    case EB_SH_FLAGS: rel = 8; break;
    case EB_SH_ADDR: rel = 8 + w; break;
    case EB_SH_OFFSET: rel = 8 + 2 * w; break;
    case EB_SH_SIZE: rel = 8 + 3 * w; break;
    case EB_SH_LINK: rel = 8 + 4 * w; break;
    case EB_SH_INFO: rel = 12 + 4 * w; break;
    case EB_SH_ADDRALIGN: rel = 16 + 4 * w; break;
    case EB_SH_ENTSIZE: rel = 16 + 5 * w; break;
  }
  return (size_t)info->shoff + (size_t)index * info->shentsize + rel;
}

void eb_patch_shdr(uint8_t *img, const eb_info *info, uint32_t index, eb_shfield f, uint64_t v) {
  unsigned w = info->elf_class == 32 ? 4u : 8u;
  unsigned width = (f == EB_SH_NAME || f == EB_SH_TYPE || f == EB_SH_LINK || f == EB_SH_INFO) ? 4u : w;
  eb_put(img, eb_shdr_field_offset(info, index, f), width, v, info->big_endian);
}
