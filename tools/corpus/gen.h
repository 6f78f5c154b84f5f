/*
 * cwasm-corpus: the seed-corpus generator (issue #5).
 *
 * An artifact is built in four steps, each with a hook where a mutation may
 * change it, so that every malformed file is "a valid artifact, changed in
 * one named way":
 *
 *   1. model     release, target, kind, version string, and the Metadata as
 *                data (target string, flag lists, Tunables values, feature
 *                bits) from the library's per-release defaults
 *                                                        -> hook `meta`
 *   2. engine    the .wasmtime.engine bytes, encoded by tests/support/
 *                metabuild (with a map of where every field landed)
 *                                                        -> hook `engine`
 *   3. sections  the section list in the order the release's Wasmtime writes
 *                it, with small but plausible contents   -> hook `sections`
 *   4. file      the ELF image written by libelf with an explicit layout
 *                (ELF_F_LAYOUT), read back into memory   -> hook `bytes`
 *
 * Everything is a pure function of the arguments: no clock, no randomness,
 * no uninitialised bytes, so the committed corpus can be regenerated and
 * compared byte for byte.
 */
#ifndef CWASM_TOOLS_GEN_H
#define CWASM_TOOLS_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"
#include "metabuild.h"

/* ------------------------------------------------------------- targets */

typedef struct gen_target {
  const char *key;    /* short name used in file names: "x86_64-linux" */
  const char *triple; /* what Wasmtime writes as Metadata.target */
  cwasm_arch arch;
  uint16_t machine; /* e_machine */
  bool big_endian;
  uint16_t first_release; /* first Wasmtime that can target it */
} gen_target;

size_t gen_target_count(void);
const gen_target *gen_target_at(size_t i);
/* By key or by triple; NULL if unknown. */
const gen_target *gen_target_find(const char *name);

/* Machine code of one small function for the target (Pulley: bytecode). */
const uint8_t *gen_text_body(const gen_target *t, size_t *len);

/* ------------------------------------------------------------ artifact */

typedef enum gen_strategy {
  GEN_VERSION_DEFAULT = 0, /* ModuleVersionStrategy::WasmtimeVersion */
  GEN_VERSION_CUSTOM = 1,  /* Custom(s) */
  GEN_VERSION_NONE = 2     /* None: empty string */
} gen_strategy;

const char *gen_strategy_name(gen_strategy s);

/* What to build: the arguments of the generator's `artifact` command. */
typedef struct gen_params {
  uint16_t release;
  const gen_target *target;
  cwasm_kind kind; /* MODULE or COMPONENT */
  gen_strategy strategy;
  const char *custom;  /* the Custom string (strategy CUSTOM) */
  uint64_t text_align; /* 0: the generator's compact default (16) */
} gen_params;

#define GEN_MAX_FLAGS 400
#define GEN_MAX_SECTIONS 48
#define GEN_POOL 32768

/* One section to write (index i of gen_art.sec is ELF section i; 0 is the
 * null section libelf creates). */
typedef struct gen_section {
  char name[48];
  uint32_t type;
  uint64_t flags;
  uint64_t align;
  uint64_t entsize;
  uint32_t link, info;
  uint8_t *data; /* owned; NULL with size 0 for empty */
  size_t size;
  bool symtab; /* contents made at write time (needs final indices) */
  /* where it landed in the file */
  uint64_t offset;
  uint32_t name_off;
} gen_section;

typedef struct gen_art {
  gen_params p;
  const cwasm_release *rel;
  const cwasm_layout *layout;

  /* 1. model */
  uint8_t version[256];
  size_t version_len;
  char target[256];
  cwasm_default_flag shared[GEN_MAX_FLAGS];
  size_t nshared;
  cwasm_default_flag isa[GEN_MAX_FLAGS];
  size_t nisa;
  mb_values tun;
  uint64_t features;
  uint64_t default_features; /* what the release's default host has (no component bit) */
  char pool[GEN_POOL];       /* storage for names made by mutations */
  size_t pool_n;

  /* 2. engine section: engine[0] format, [1] length, version, metadata */
  uint8_t *engine;
  size_t engine_len;
  size_t meta_at; /* offset of the metadata in `engine` */
  mb_map map;     /* offsets relative to the metadata start */

  /* 3. ELF model */
  uint8_t osabi, abiversion;
  uint16_t e_type, machine;
  uint32_t e_flags;
  bool big_endian;
  gen_section sec[GEN_MAX_SECTIONS];
  size_t nsec; /* sections 1..nsec-1; sec[0] unused */

  /* 4. the file */
  uint8_t *file;
  size_t file_len;
  uint64_t shoff;
  uint32_t shnum, shstrndx;

  char error[256];
} gen_art;

/* Step 1. Returns 0, or -1 with a->error set (unknown release, target too new, ...). */
int gen_art_init(gen_art *a, const gen_params *p);
/* Step 2. Encodes the model into a->engine (replacing what was there). */
int gen_art_encode(gen_art *a);
/* Step 3. The section list Wasmtime of a->p.release writes. */
int gen_art_sections(gen_art *a);
/* Step 4. Writes a->file with libelf. */
int gen_art_write(gen_art *a);
void gen_art_free(gen_art *a);

/* The version string the strategy writes for a release (NUL-terminated). */
void gen_default_version(uint16_t release, gen_strategy s, const char *custom, char *out, size_t cap);

/* ----------------------------------------------- helpers for mutations */

/* A copy of `s` in the artifact's string pool (names of made-up flags). */
const char *gen_pool_str(gen_art *a, const char *s);
/* Index of the named entry, or -1. */
int gen_find_flag(const cwasm_default_flag *list, size_t n, const char *name);
/* Index of the first section with this name, or -1. */
int gen_find_section(const gen_art *a, const char *name);
/* Append a section (data copied). Returns its index or -1 when full. */
int gen_add_section(gen_art *a, const char *name, uint32_t type, uint64_t flags, uint64_t align,
                    const void *data, size_t size);
void gen_remove_section(gen_art *a, size_t index);
/* Replace engine[at, at+old_len) by `len` bytes of `bytes`. */
int gen_engine_splice(gen_art *a, size_t at, size_t old_len, const void *bytes, size_t len);
/* The same on the file image (grows or shrinks it; offsets are not fixed up). */
int gen_file_splice(gen_art *a, size_t at, size_t old_len, const void *bytes, size_t len);
/* Store / load an integer of `width` bytes in the file's byte order. */
void gen_put(gen_art *a, size_t off, unsigned width, uint64_t v);
uint64_t gen_get(const gen_art *a, size_t off, unsigned width);

/* Offsets of ELF64 header fields and section-header fields. */
#define GEN_E_TYPE 16u
#define GEN_E_MACHINE 18u
#define GEN_E_VERSION 20u
#define GEN_E_PHOFF 32u
#define GEN_E_SHOFF 40u
#define GEN_E_FLAGS 48u
#define GEN_E_EHSIZE 52u
#define GEN_E_PHENTSIZE 54u
#define GEN_E_PHNUM 56u
#define GEN_E_SHENTSIZE 58u
#define GEN_E_SHNUM 60u
#define GEN_E_SHSTRNDX 62u
#define GEN_SH_NAME 0u
#define GEN_SH_TYPE 4u
#define GEN_SH_FLAGS 8u
#define GEN_SH_OFFSET 24u
#define GEN_SH_SIZE 32u
#define GEN_SH_LINK 40u
/* Absolute offset of field `field` of section header `index`. */
size_t gen_shdr(const gen_art *a, uint32_t index, unsigned field);

/* ----------------------------------------------------------- the plan */

/* A valid artifact of the corpus. */
typedef struct gen_valid {
  gen_params p;
  const char *warnings; /* expected warnings, "-" for none */
  const char *note;     /* why it is in the corpus */
} gen_valid;

typedef void (*gen_hook)(gen_art *a);

/* A malformed (or unusual) file: a named mutation of a valid one. */
typedef struct gen_mutation {
  const char *name;     /* file malformed/<name>.<ext> */
  const char *base;     /* a valid file's stem, or NULL: `bytes` makes the file from nothing */
  const char *options;  /* "-" or e.g. "lenient", "max_flags=2" */
  const char *status;   /* expected status name */
  const char *warnings; /* expected warnings, "-" for none */
  const char *host;     /* host items replacing the base's (see manifest.c), or NULL */
  const char *policy;   /* expected policy outcome; NULL: n/a */
  const char *what;     /* one line */
  gen_hook meta, engine, sections, bytes;
  const char *ext; /* NULL: "cwasm" */
} gen_mutation;

size_t gen_valid_count(void);
const gen_valid *gen_valid_at(size_t i);
/* "v36-x86_64-linux-module" etc. (no directory, no extension). */
void gen_valid_stem(const gen_valid *v, char *out, size_t cap);
const gen_valid *gen_valid_find(const char *stem);

size_t gen_mutation_count(void);
const gen_mutation *gen_mutation_at(size_t i);

/* Build a valid artifact, or a mutation of its base, into *a. */
int gen_build_valid(const gen_valid *v, gen_art *a);
int gen_build_mutation(const gen_mutation *m, gen_art *a);

/* ------------------------------------------------------- the manifest */

/* The host column of a row (see corpus/MANIFEST.tsv's header comment). */
int gen_host_column(const gen_params *base, const char *overrides, char *out, size_t cap, char *err,
                    size_t errcap);

/* Write the whole corpus under `dir` (dir/valid, dir/malformed,
 * dir/MANIFEST.tsv). Returns 0 or -1 with a message on stderr. */
int gen_corpus(const char *dir);

#endif
