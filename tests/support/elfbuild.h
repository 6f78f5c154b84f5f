/*
 * elfbuild: a small in-memory ELF writer for tests (test support only; the
 * library never allocates, tests may).
 *
 * Layout, like Wasmtime's writer (object::write):
 *
 *   file header (64 bytes, 52 for ELF32)
 *   section data, in order, each aligned to its sh_addralign
 *   .shstrtab   (added automatically as the last section)
 *   section header table, 8-aligned: [0] null, [1..n] yours, [n+1] .shstrtab
 *   trailing bytes, if any
 *
 * Everything is "computed value unless overridden": defaults give a valid
 * Wasmtime-like ELF64 little-endian module; each `set` bit replaces one
 * computed field with the value given beside it, written as is (truncated to
 * the field's width), so tests can produce any hostile value. Overrides only
 * change the written field, never the layout: the table and the data stay
 * where they would be.
 *
 * Quick use:
 *
 *   uint8_t *img; size_t len;
 *   eb_artifact(&img, &len, engine, n, CWASM_EF_MODULE, false);   // wrap an engine section
 *   ...
 *   free(img);
 *
 *   eb_section secs[] = {{.name = ".text", .type = EB_SHT_PROGBITS, .data = code, .size = 4}};
 *   eb_spec spec = {.sections = secs, .nsections = 1, .elf_class = 32, .big_endian = true};
 *   spec.set = EB_H_SHSTRNDX; spec.shstrndx = 0;                    // hostile header value
 *   eb_info info;
 *   eb_build(&spec, &img, &len, &info);
 *   eb_patch_shdr(img, &info, 1, EB_SH_OFFSET, 999999);            // poke any field afterwards
 */
#ifndef CWASM_TESTS_ELFBUILD_H
#define CWASM_TESTS_ELFBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EB_SHT_NULL 0u
#define EB_SHT_PROGBITS 1u
#define EB_SHT_SYMTAB 2u
#define EB_SHT_STRTAB 3u
#define EB_SHT_RELA 4u
#define EB_SHT_NOBITS 8u

#define EB_SHF_WRITE 0x1u
#define EB_SHF_ALLOC 0x2u
#define EB_SHF_EXECINSTR 0x4u

#define EB_EM_X86_64 62u
#define EB_EM_S390 22u
#define EB_EM_AARCH64 183u
#define EB_EM_RISCV 243u

/* eb_section.set: which sh_* fields are overridden. */
#define EB_S_OFFSET 0x1u /* sh_offset = .sh_offset */
#define EB_S_SIZE 0x2u   /* sh_size   = .sh_size (data written is still .size bytes) */
#define EB_S_NAME 0x4u   /* sh_name   = .sh_name (the name is still added to .shstrtab) */
#define EB_S_LINK 0x8u   /* sh_link   = .sh_link (wins over .link and extended numbering) */
#define EB_S_TYPE 0x10u  /* sh_type   = .sh_type (for section 0 and .shstrtab, whose type is fixed) */

typedef struct eb_section {
  const char *name;     /* NULL or "": sh_name 0 (the empty name) */
  uint32_t type;        /* EB_SHT_* */
  uint64_t flags;       /* sh_flags */
  uint64_t addr;        /* sh_addr */
  const void *data;     /* `size` bytes copied into the file; NULL writes zeros */
  size_t size;          /* sh_size; SHT_NOBITS sections occupy no file bytes */
  uint64_t addralign;   /* 0 means 1 */
  uint32_t link, info;
  uint64_t entsize;
  /* overrides */
  uint32_t set;         /* EB_S_* */
  uint64_t sh_offset, sh_size;
  uint32_t sh_name, sh_link, sh_type;
} eb_section;

/* eb_spec.set: which file-header fields are overridden. */
#define EB_H_OSABI 0x1u
#define EB_H_ABIVERSION 0x2u
#define EB_H_TYPE 0x4u
#define EB_H_MACHINE 0x8u
#define EB_H_VERSION 0x10u
#define EB_H_FLAGS 0x20u
#define EB_H_EHSIZE 0x40u
#define EB_H_SHENTSIZE 0x80u
#define EB_H_SHNUM 0x100u
#define EB_H_SHSTRNDX 0x200u
#define EB_H_SHOFF 0x400u
#define EB_H_PHOFF 0x800u
#define EB_H_PHNUM 0x1000u
#define EB_H_PHENTSIZE 0x2000u

typedef struct eb_spec {
  uint8_t elf_class;           /* 64 (also when 0) or 32 */
  bool big_endian;
  const eb_section *sections;  /* sections 1..nsections (section 0 and .shstrtab are added) */
  size_t nsections;

  /* Section 0. Computed: all zero (SHT_NULL), except with extended numbering.
   * Its name/type/flags/size/link/info... fields are written as given, so
   * a zeroed struct gives the standard null section. */
  eb_section section0;
  /* .shstrtab's header: only its `set` overrides (EB_S_*) and `flags` are used. */
  eb_section shstrtab;
  bool shstrtab_unterminated;  /* append one byte 'x' after the last NUL */

  /* Extended numbering: e_shnum = 0 and section 0's sh_size = count;
   * e_shstrndx = SHN_XINDEX (0xffff) and section 0's sh_link = the index. */
  bool ext_shnum;
  bool ext_shstrndx;

  /* File header. Defaults: OSABI 200, ABI version 0, ET_REL, EM_X86_64,
   * e_version 1, e_flags 1 (module), e_ehsize 64/52, e_shentsize 64/40,
   * e_phoff/e_phnum/e_phentsize 0, e_shnum = count, e_shstrndx = index of
   * .shstrtab, e_shoff = where the table is. */
  uint32_t set;                /* EB_H_* */
  uint8_t osabi, abiversion;
  uint16_t type, machine;
  uint32_t version, flags;
  uint16_t ehsize, shentsize, shnum, shstrndx, phnum, phentsize;
  uint64_t shoff, phoff;

  const void *trailing;        /* appended after the image */
  size_t trailing_len;
} eb_spec;

/* Where things ended up (the real layout, whatever the header fields claim). */
typedef struct eb_info {
  size_t size;              /* total bytes, trailing included */
  size_t image_end;         /* end of the ELF image (= size - trailing_len) */
  uint8_t elf_class;        /* 32 or 64 */
  bool big_endian;
  uint64_t shoff;           /* offset of the section header table */
  uint16_t shentsize;       /* 40 or 64 */
  uint32_t shnum;           /* headers written: nsections + 2 */
  uint32_t shstrndx;        /* index of .shstrtab (nsections + 1) */
  uint64_t shstrtab_offset; /* its data */
  uint64_t shstrtab_size;
} eb_info;

/*
 * Write the image into buf[cap] (snprintf-like): returns the total size, and
 * writes only when cap >= that size. Returns 0 for an invalid spec
 * (elf_class not 0/32/64). `info` may be NULL.
 */
size_t eb_write(const eb_spec *spec, uint8_t *buf, size_t cap, eb_info *info);

/* The same into a malloc'ed buffer (free() it). Returns 0 on success, -1 on failure. */
int eb_build(const eb_spec *spec, uint8_t **out, size_t *len, eb_info *info);

/*
 * A Wasmtime-like artifact around an engine section: [0] null,
 * [1] .wasmtime.engine (engine bytes, PROGBITS, ALLOC, align 1, at offset 64),
 * [2] .wasmtime.bti (one 0 byte), [3] .text (16 bytes, ALLOC|EXECINSTR),
 * [4] .shstrtab. ELF64, OSABI 200, ET_REL, e_flags as given, e_machine
 * EM_X86_64 (EM_S390 when big-endian). malloc'ed; returns 0 or -1.
 */
#define EB_ARTIFACT_ENGINE_INDEX 1u
#define EB_ARTIFACT_ENGINE_OFFSET 64u
#define EB_ARTIFACT_SHNUM 5u
int eb_artifact(uint8_t **out, size_t *len, const void *engine, size_t n, uint32_t e_flags,
                bool big_endian);

/* ----------------------------------------------------- patching after build */

typedef enum eb_shfield {
  EB_SH_NAME,
  EB_SH_TYPE,
  EB_SH_FLAGS,
  EB_SH_ADDR,
  EB_SH_OFFSET,
  EB_SH_SIZE,
  EB_SH_LINK,
  EB_SH_INFO,
  EB_SH_ADDRALIGN,
  EB_SH_ENTSIZE
} eb_shfield;

/* Absolute offset of field `f` of section header `index` in an image described by `info`. */
size_t eb_shdr_field_offset(const eb_info *info, uint32_t index, eb_shfield f);
/* Overwrite that field (in the image's class width and byte order). */
void eb_patch_shdr(uint8_t *img, const eb_info *info, uint32_t index, eb_shfield f, uint64_t v);
/* Store a `width`-byte (1, 2, 4, 8) integer at img + off in the given byte order. */
void eb_put(uint8_t *img, size_t off, unsigned width, uint64_t v, bool big_endian);
/* Load one (for checking what was written). */
uint64_t eb_get(const uint8_t *img, size_t off, unsigned width, bool big_endian);

#endif
