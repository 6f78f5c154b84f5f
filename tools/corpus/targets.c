/* The targets the generator can write for, and a small function body each. */
#include <string.h>

#include "gen.h"

#define EM_S390 22u
#define EM_X86_64 62u
#define EM_AARCH64 183u
#define EM_RISCV 243u

/*
 * Triples exactly as Wasmtime writes them (spec §6.2). Pulley is written as
 * riscv64 ELF (§2.1) and exists from v28 (§1); its big-endian variants are
 * supported here although no real artifact of them has been seen.
 */
static const gen_target TARGETS[] = {
    {"x86_64-linux", "x86_64-unknown-linux-gnu", CWASM_ARCH_X86_64, EM_X86_64, false, 3},
    {"aarch64-linux", "aarch64-unknown-linux-gnu", CWASM_ARCH_AARCH64, EM_AARCH64, false, 3},
    {"aarch64-darwin", "aarch64-apple-darwin", CWASM_ARCH_AARCH64, EM_AARCH64, false, 3},
    {"s390x-linux", "s390x-unknown-linux-gnu", CWASM_ARCH_S390X, EM_S390, true, 3},
    {"riscv64-linux", "riscv64gc-unknown-linux-gnu", CWASM_ARCH_RISCV64, EM_RISCV, false, 3},
    {"pulley32", "pulley32-unknown-unknown-elf", CWASM_ARCH_PULLEY32, EM_RISCV, false, 28},
    {"pulley64", "pulley64-unknown-unknown-elf", CWASM_ARCH_PULLEY64, EM_RISCV, false, 28},
    {"pulley32be", "pulley32be-unknown-unknown-elf", CWASM_ARCH_PULLEY32BE, EM_RISCV, true, 29},
    {"pulley64be", "pulley64be-unknown-unknown-elf", CWASM_ARCH_PULLEY64BE, EM_RISCV, true, 29},
};

size_t gen_target_count(void) { return sizeof TARGETS / sizeof TARGETS[0]; }

const gen_target *gen_target_at(size_t i) { return i < gen_target_count() ? &TARGETS[i] : NULL; }

const gen_target *gen_target_find(const char *name) {
  for (size_t i = 0; i < gen_target_count(); i++)
    if (strcmp(TARGETS[i].key, name) == 0 || strcmp(TARGETS[i].triple, name) == 0) return &TARGETS[i];
  return NULL;
}

/*
 * `int f(int a, int b) { return a + b; }` as each backend would emit it with
 * frame pointers kept (Wasmtime's preserve_frame_pointers). The parser never
 * looks at .text; the bytes are there so that the files look like what a
 * disassembler expects, not to be run.
 */
static const uint8_t TEXT_X86_64[] = {
    0x55,             /* push %rbp */
    0x48, 0x89, 0xe5, /* mov %rsp,%rbp */
    0x8d, 0x04, 0x37, /* lea (%rdi,%rsi,1),%eax */
    0x5d,             /* pop %rbp */
    0xc3,             /* ret */
};
static const uint8_t TEXT_AARCH64[] = {
    0xfd, 0x7b, 0xbf, 0xa9, /* stp x29, x30, [sp, #-16]! */
    0xfd, 0x03, 0x00, 0x91, /* mov x29, sp */
    0x40, 0x00, 0x03, 0x0b, /* add w0, w2, w3 (vmctx args first) */
    0xfd, 0x7b, 0xc1, 0xa8, /* ldp x29, x30, [sp], #16 */
    0xc0, 0x03, 0x5f, 0xd6, /* ret */
};
static const uint8_t TEXT_S390X[] = {
    0x1a, 0x23, /* ar %r2,%r3 */
    0x07, 0xfe, /* br %r14 */
};
static const uint8_t TEXT_RISCV64[] = {
    0x3b, 0x05, 0xb5, 0x00, /* addw a0, a0, a1 */
    0x67, 0x80, 0x00, 0x00, /* ret */
};
/* Pulley bytecode is not machine code; these bytes only stand in for it. */
static const uint8_t TEXT_PULLEY[] = {0x3d, 0x00, 0x01, 0x02, 0x01, 0x00};

const uint8_t *gen_text_body(const gen_target *t, size_t *len) {
  switch (t->arch) {
    case CWASM_ARCH_X86_64:
      *len = sizeof TEXT_X86_64;
      return TEXT_X86_64;
    case CWASM_ARCH_AARCH64:
      *len = sizeof TEXT_AARCH64;
      return TEXT_AARCH64;
    case CWASM_ARCH_S390X:
      *len = sizeof TEXT_S390X;
      return TEXT_S390X;
    case CWASM_ARCH_RISCV64:
      *len = sizeof TEXT_RISCV64;
      return TEXT_RISCV64;
    default:
      *len = sizeof TEXT_PULLEY;
      return TEXT_PULLEY;
  }
}
