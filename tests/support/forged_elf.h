/*
 * The ways a caller's cwasm_elf can describe no readable section table
 * (tests/test_elf.c, tests/test_engine.c): each forgery is applied to a copy
 * of a struct that cwasm_elf_parse filled from a real file. The library must
 * re-check the struct against the bytes and find no section in any of them.
 */
#ifndef CWASM_TEST_FORGED_ELF_H
#define CWASM_TEST_FORGED_ELF_H

#include <stdint.h>

#include "cwasm/cwasm.h"

#define FORGED_ELF_COUNT 11
#define FORGED_ELF_EMPTY 9 /* the one that leaves an empty table: every name it has is readable */

static inline void forge_elf(cwasm_elf *f, int k) {
  switch (k) {
    case 0: f->elf_class = 7; break;
    case 1: f->shentsize = 40; break; /* not the class's */
    case 2: f->elf_class = 32; break; /* the other class's header size */
    case 3: f->shoff = f->size + 1; break;
    case 4: f->shnum = f->size; break;
    case 5: f->shstrtab_offset = f->size; f->shstrtab_size = 1; break;
    case 6: f->shstrtab_size = UINT64_MAX; break;
    case 7: f->base = NULL; break;
    case 8: f->size = f->shoff + 4; break;
    case FORGED_ELF_EMPTY: f->shnum = 0; break;
    default: f->shnum = UINT64_MAX / 8; break; /* its table's size overflows */
  }
}

#endif
