/*
 * Every field of two section views equal (cmocka assertions; include after
 * <cmocka.h>). Shared by the ELF and engine tests.
 */
#ifndef CWASM_TESTS_SECTION_ASSERT_H
#define CWASM_TESTS_SECTION_ASSERT_H

#include "cwasm/cwasm.h"

static inline void assert_same_section(const cwasm_section *a, const cwasm_section *b) {
  assert_int_equal(a->index, b->index);
  assert_ptr_equal(a->name.p, b->name.p);
  assert_int_equal(a->name.n, b->name.n);
  assert_int_equal(a->type, b->type);
  assert_int_equal(a->flags, b->flags);
  assert_int_equal(a->addr, b->addr);
  assert_int_equal(a->offset, b->offset);
  assert_int_equal(a->size, b->size);
  assert_int_equal(a->link, b->link);
  assert_int_equal(a->info, b->info);
  assert_int_equal(a->addralign, b->addralign);
  assert_int_equal(a->entsize, b->entsize);
  assert_ptr_equal(a->data.p, b->data.p);
  assert_int_equal(a->data.n, b->data.n);
}

#endif
