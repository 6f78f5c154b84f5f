/*
 * cwasm-differential: cwasm's ELF reading against three independent readers
 * (libelf, binutils readelf, and the Rust `object` crate the way Wasmtime
 * uses it), over files or a deterministic stream of mutated corpus inputs.
 *
 * Internal header of tools/differential; not installed, not part of libcwasm
 * (which never links any of these readers).
 */
#ifndef CWASM_DIFFERENTIAL_H
#define CWASM_DIFFERENTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cwasm/cwasm.h"

/* ------------------------------------------------------------ inputs */

typedef struct buf {
  uint8_t *p;
  size_t n, cap;
} buf;

void buf_set(buf *b, const uint8_t *p, size_t n);
void buf_free(buf *b);
int read_file(const char *path, buf *out); /* 0 ok, -1 error (errno set) */
int write_file(const char *path, const uint8_t *p, size_t n);
uint64_t fnv1a64(const uint8_t *p, size_t n);

/* --------------------------------------------------------- mutations */

typedef struct seed {
  char *name; /* file name, for reports */
  buf data;
} seed;

typedef struct seedset {
  seed *v;
  size_t n;
} seedset;

int seeds_load(seedset *s, const char *dir); /* appends the regular files of dir, sorted */
void seeds_free(seedset *s);

/* How input `index` of the stream was made: which seed, which mutations. */
typedef struct mutation_log {
  size_t seed;
  unsigned count;
  char text[512]; /* "shdr[3].sh_link=9; trunc 1200" */
} mutation_log;

/* Input `index` of the stream for `seed_value`: a pure function of both. */
void mutate(const seedset *s, uint64_t seed_value, uint64_t index, buf *out, mutation_log *log);

/* ----------------------------------------------------------- readings */

/* cwasm, in every mode the comparisons need. */
typedef struct cw_reading {
  cwasm_status elf_strict, elf_lenient; /* cwasm_elf_parse */
  cwasm_elf elf;                        /* the lenient parse (valid iff elf_lenient OK) */
  cwasm_status eng_lenient;             /* cwasm_engine_find, lenient, on `elf` */
  cwasm_engine eng;                     /* its result (count, first, last) */
  cwasm_status parse_strict;            /* cwasm_parse, strict */
  bool strict_engine;                   /* cwasm_parse reached CWASM_STAGE_ENGINE */
  bool lenient_engine;                  /* the same in lenient mode */
  cwasm_status parse_lenient;
  uint32_t eng_index;                   /* strict: the engine section cwasm reads */
  uint64_t eng_offset, eng_len, eng_hash;
} cw_reading;

void cw_read(const uint8_t *p, size_t n, cw_reading *r);

/* What the readelf run said about one input. */
#define RE_MAX_SECTIONS 4096
typedef struct re_section {
  char name[264];    /* as readelf prints it (printable_section_name) */
  char type[48];     /* readelf's type name */
  uint64_t addr, offset, size, entsize, flags, align;
  uint32_t link, info;
} re_section;

typedef struct re_result {
  bool ran;          /* readelf produced output for this input */
  bool error;        /* an "Error:" line */
  bool table;        /* the "Section Headers:" table was printed */
  bool warning;
  uint64_t count;    /* "There are N section headers" (0 when "no sections") */
  bool count_seen;
  size_t n;          /* entries parsed from the table */
  bool truncated;    /* more than RE_MAX_SECTIONS entries */
  char first_error[160];
  re_section *s;     /* RE_MAX_SECTIONS entries, owned by the batch */
} re_result;

/* What the object oracle said: modes A, C (aligned build), Cu, E (unaligned build). */
enum { OBJ_A = 0, OBJ_C = 1, OBJ_CU = 2, OBJ_E = 3, OBJ_MODES = 4 };

typedef struct obj_result {
  char kind;      /* 'o' ok, 'n' none, 'd' data error, 'e' refused, 'p' panic, '?' not run */
  char step[8];   /* for 'e': elf, shdr, strtab, sects, name */
  char msg[96];   /* object's error text */
  char framing[8];
  uint64_t index, offset, len, hash, shnum;
  char raw[200];  /* the field as printed (for records) */
} obj_result;

typedef struct obj_line {
  obj_result m[OBJ_MODES];
} obj_line;

/* ------------------------------------------------------------- oracles */

typedef struct oracles {
  const char *object_aligned;   /* NULL: not run */
  const char *object_unaligned; /* NULL: not run */
  const char *readelf;          /* NULL: not run */
  const char *tmpdir;           /* scratch for batches */
} oracles;

/*
 * Run the external oracles over `count` inputs at once (readelf on files
 * written to a scratch directory, the object oracles on a length-prefixed
 * stream), concurrently with `work(ctx)` (cwasm and libelf, in process).
 * Results land in re[i] / ob[i]. Returns 0, or -1 when an oracle could not be
 * run at all.
 */
int oracles_run(const oracles *o, const buf *inputs, size_t count, re_result *re, obj_line *ob,
                void (*work)(void *), void *ctx);
/* Remove the scratch directory and what batches left in it. */
void oracles_cleanup(void);

/* --------------------------------------------------------------- classes */

/*
 * One input's comparison: per reader pair, whether both accept and agree,
 * and the disagreement classes it falls in (each a stable name).
 */
#define MAX_INPUT_CLASSES 12
typedef struct verdicts {
  size_t n;
  char cls[MAX_INPUT_CLASSES][96];
  /* per pair: 0 not compared, 1 both reject, 2 both accept and agree, 3 one accepts and
   * the other rejects, 4 both accept and their readings differ */
  unsigned char pair[2 + OBJ_MODES];
  /* tokens for records: what each reader said, stable across runs */
  char tok_cwasm[96], tok_libelf[160], tok_readelf[160];
} verdicts;

enum { PAIR_LIBELF = 0, PAIR_READELF = 1, PAIR_OBJ = 2 };

extern const char *const pair_names[2 + OBJ_MODES];
extern const char *const obj_mode_names[OBJ_MODES];

/* cwasm and libelf (in process; run while the external oracles work). */
void classify_local(const uint8_t *p, size_t n, const cw_reading *cw, verdicts *v);
/* readelf and the object oracle, once their batch is done. */
void classify_external(const uint8_t *p, size_t n, const cw_reading *cw, const re_result *re,
                       const obj_line *ob, bool have_readelf, const bool have_obj[OBJ_MODES],
                       verdicts *v);

#endif
