/*
 * Defaults of a default-configured Wasmtime per release (spec §7): the four
 * transcribed releases against hand-written expectations, the derivation
 * against the transcriptions, and every release's defaults against the same
 * release's loader rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "cwasm/cwasm.h"
#include "policy_impl.h"

#define T(x) CWASM_T_##x
#define GIB4 UINT64_C(4294967296)
#define GIB2 UINT64_C(2147483648)
#define MIB32 UINT64_C(33554432)

static const cwasm_default_flag *find_flag(const cwasm_default_flag *f, uint32_t n, const char *name) {
  for (uint32_t i = 0; i < n; i++)
    if (strcmp(f[i].name, name) == 0) return &f[i];
  return NULL;
}

static int index_of(const cwasm_default_flag *f, uint32_t n, const char *name) {
  for (uint32_t i = 0; i < n; i++)
    if (strcmp(f[i].name, name) == 0) return (int)i;
  return -1;
}

static void get(uint16_t release, cwasm_arch arch, const cwasm_host_cpu *cpu, cwasm_defaults *d) {
  assert_int_equal(cwasm_defaults_get(release, arch, cpu, d), CWASM_OK);
}

/* §7.1 counts and positions spot-checked against §7.2 (1-based positions). */
static void test_shared_flags_exact(void **state) {
  (void)state;
  cwasm_defaults d;
  static const struct {
    uint16_t release;
    uint32_t shared, isa;
  } counts[] = {{4, 30, 16}, {24, 27, 16}, {36, 31, 17}, {48, 27, 19}};
  for (size_t i = 0; i < 4; i++) {
    get(counts[i].release, CWASM_ARCH_X86_64, NULL, &d);
    assert_int_equal(d.exact, 1);
    assert_int_equal(d.shared_count, counts[i].shared);
    assert_int_equal(d.isa_count, counts[i].isa);
  }
  get(4, CWASM_ARCH_X86_64, NULL, &d);
  assert_int_equal(index_of(d.shared, d.shared_count, "avoid_div_traps"), 0);
  assert_int_equal(index_of(d.shared, d.shared_count, "opt_level"), 18);
  assert_int_equal(index_of(d.shared, d.shared_count, "use_pinned_reg_as_heap_base"), 29);
  assert_string_equal(find_flag(d.shared, d.shared_count, "probestack_strategy")->enum_value, "inline");
  get(24, CWASM_ARCH_X86_64, NULL, &d);
  assert_int_equal(index_of(d.shared, d.shared_count, "enable_pcc"), 10);
  assert_int_equal(index_of(d.shared, d.shared_count, "enable_incremental_compilation_cache_checks"), 26);
  get(36, CWASM_ARCH_X86_64, NULL, &d);
  assert_int_equal(index_of(d.shared, d.shared_count, "stack_switch_model"), 3);
  assert_int_equal(index_of(d.shared, d.shared_count, "enable_multi_ret_implicit_sret"), 22);
  assert_int_equal(index_of(d.isa, d.isa_count, "has_cmpxchg16b"), 2);
  get(48, CWASM_ARCH_X86_64, NULL, &d);
  assert_string_equal(d.version, "48");
  assert_int_equal(index_of(d.shared, d.shared_count, "enable_compact_unwind_abi"), 26);
  assert_int_equal(index_of(d.shared, d.shared_count, "enable_safepoints"), -1);
  assert_int_equal(index_of(d.isa, d.isa_count, "has_avx_vnni"), 8);
  assert_int_equal(index_of(d.isa, d.isa_count, "has_avx512vnni"), 14);
  assert_int_equal(find_flag(d.shared, d.shared_count, "probestack_size_log2")->num, 12);
  assert_int_equal(find_flag(d.shared, d.shared_count, "probestack_size_log2")->kind, CWASM_FLAG_NUM);
  /* Appendix A order of ISA names */
  assert_string_equal(d.isa[0].name, "has_sse3");
  assert_string_equal(d.isa[18].name, "has_lzcnt");
}

/* The derivation must reproduce the transcriptions (names, order, values). */
static void test_derivation_matches_transcription(void **state) {
  (void)state;
  static const uint16_t exact[] = {4, 24, 36, 48};
  cwasm_defaults x, d;
  for (size_t i = 0; i < 4; i++) {
    get(exact[i], CWASM_ARCH_X86_64, NULL, &x);
    assert_int_equal(defaults_derive(exact[i], CWASM_ARCH_X86_64, NULL, &d), CWASM_OK);
    assert_int_equal(d.exact, 0);
    assert_int_equal(d.shared_count, x.shared_count);
    for (uint32_t k = 0; k < x.shared_count; k++) {
      if (strcmp(d.shared[k].name, x.shared[k].name) != 0)
        fail_msg("v%u shared[%u]: derived %s, spec %s", exact[i], k, d.shared[k].name, x.shared[k].name);
      assert_int_equal(d.shared[k].kind, x.shared[k].kind);
      assert_int_equal(d.shared[k].boolean, x.shared[k].boolean);
      assert_int_equal(d.shared[k].num, x.shared[k].num);
      if (x.shared[k].kind == CWASM_FLAG_ENUM) assert_string_equal(d.shared[k].enum_value, x.shared[k].enum_value);
    }
    assert_int_equal(d.isa_count, x.isa_count);
    for (uint32_t k = 0; k < x.isa_count; k++) assert_string_equal(d.isa[k].name, x.isa[k].name);
    assert_int_equal(d.features.bits, x.features.bits);
    assert_memory_equal(&d.tunables, &x.tunables, sizeof d.tunables);
  }
}

static void expect_tunable(const cwasm_tunables *t, cwasm_tunable_id id, uint64_t v) {
  if (!t->f[id].present) fail_msg("%s not present", cwasm_tunable_info_of(id)->name);
  if (t->f[id].value != v)
    fail_msg("%s = %llu, expected %llu", cwasm_tunable_info_of(id)->name, (unsigned long long)t->f[id].value,
             (unsigned long long)v);
}

static void test_tunables_exact(void **state) {
  (void)state;
  cwasm_defaults d;
  /* §7.4 v4.0.0 (T1) */
  get(4, CWASM_ARCH_X86_64, NULL, &d);
  expect_tunable(&d.tunables, T(STATIC_MEMORY_BOUND), 65536);
  expect_tunable(&d.tunables, T(STATIC_MEMORY_OFFSET_GUARD_SIZE), GIB2);
  expect_tunable(&d.tunables, T(DYNAMIC_MEMORY_OFFSET_GUARD_SIZE), 65536);
  expect_tunable(&d.tunables, T(DYNAMIC_MEMORY_GROWTH_RESERVE), GIB2);
  expect_tunable(&d.tunables, T(GUARD_BEFORE_LINEAR_MEMORY), 1);
  expect_tunable(&d.tunables, T(GENERATE_ADDRESS_MAP), 1);
  expect_tunable(&d.tunables, T(CONSUME_FUEL), 0);
  assert_false(d.tunables.f[T(MEMORY_RESERVATION)].present);
  assert_int_equal(d.features.bits, 0x17); /* ref types, multi-value, bulk memory, simd */
  /* §7.4 v24 (T8) */
  get(24, CWASM_ARCH_X86_64, NULL, &d);
  expect_tunable(&d.tunables, T(STATIC_MEMORY_RESERVATION), GIB4);
  expect_tunable(&d.tunables, T(STATIC_MEMORY_OFFSET_GUARD_SIZE), GIB2);
  expect_tunable(&d.tunables, T(TABLE_LAZY_INIT), 1);
  expect_tunable(&d.tunables, T(WINCH_CALLABLE), 0);
  assert_false(d.tunables.f[T(TAIL_CALLABLE)].present);
  assert_int_equal(d.features.bits, 0x4ff);
  /* §7.4 v36 (T12) */
  get(36, CWASM_ARCH_X86_64, NULL, &d);
  expect_tunable(&d.tunables, T(COLLECTOR), 0);
  assert_false(d.tunables.f[T(COLLECTOR)].is_none);
  expect_tunable(&d.tunables, T(MEMORY_RESERVATION), GIB4);
  expect_tunable(&d.tunables, T(MEMORY_GUARD_SIZE), MIB32);
  expect_tunable(&d.tunables, T(MEMORY_RESERVATION_FOR_GROWTH), GIB2);
  expect_tunable(&d.tunables, T(MEMORY_MAY_MOVE), 1);
  expect_tunable(&d.tunables, T(SIGNALS_BASED_TRAPS), 1);
  expect_tunable(&d.tunables, T(MEMORY_INIT_COW), 1);
  expect_tunable(&d.tunables, T(INLINING_BOOL), 0);
  expect_tunable(&d.tunables, T(INLINING_INTRA_MODULE), 2);
  expect_tunable(&d.tunables, T(INLINING_SMALL_CALLEE_SIZE), 50);
  expect_tunable(&d.tunables, T(INLINING_SUM_SIZE_THRESHOLD), 2000);
  assert_int_equal(d.features.bits, UINT64_C(25786703359));
  /* §7.4 v48 (T18b) */
  get(48, CWASM_ARCH_X86_64, NULL, &d);
  expect_tunable(&d.tunables, T(COLLECTOR), 2);
  expect_tunable(&d.tunables, T(DEBUG_SYMBOLS), 1);
  expect_tunable(&d.tunables, T(OPERATOR_COST), 1);
  expect_tunable(&d.tunables, T(INLINING_ENUM), 4);
  expect_tunable(&d.tunables, T(CONCURRENCY_SUPPORT), 1);
  expect_tunable(&d.tunables, T(GC_HEAP_RESERVATION), GIB4);
  expect_tunable(&d.tunables, T(GC_HEAP_GUARD_SIZE), MIB32);
  expect_tunable(&d.tunables, T(GC_HEAP_RESERVATION_FOR_GROWTH), GIB2);
  expect_tunable(&d.tunables, T(GC_HEAP_INITIAL_SIZE), 0);
  expect_tunable(&d.tunables, T(GC_HEAP_MAY_MOVE), 1);
  expect_tunable(&d.tunables, T(METADATA_FOR_GC_HEAP_CORRUPTION), 1);
  assert_true(d.tunables.f[T(GC_ZEAL_ALLOC_COUNTER)].is_none);
  assert_int_equal(d.features.bits, UINT64_C(51691388415));
  /* every field of every release's layout has a default */
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    const cwasm_layout *l = cwasm_release_get(r)->layout;
    get(r, CWASM_ARCH_X86_64, NULL, &d);
    for (unsigned i = 0; i < l->tunables_count; i++)
      if (!d.tunables.f[l->tunables[i]].present)
        fail_msg("v%u: no default for %s", r, cwasm_tunable_info_of(l->tunables[i])->name);
  }
}

/* The documented changes (§8) show up at the right release. */
static void test_derived_changes(void **state) {
  (void)state;
  cwasm_defaults d;
  get(3, CWASM_ARCH_X86_64, NULL, &d);
  assert_int_equal(d.exact, 0);
  assert_string_equal(d.version, "3.0.0");
  assert_int_equal(find_flag(d.shared, d.shared_count, "enable_probestack")->boolean, 0);
  assert_string_equal(find_flag(d.shared, d.shared_count, "probestack_strategy")->enum_value, "outline");
  get(5, CWASM_ARCH_AARCH64, NULL, &d); /* the real v5 aarch64 artifact: 29 sorted, 6 ISA names */
  assert_int_equal(d.shared_count, 29);
  assert_null(find_flag(d.shared, d.shared_count, "use_pinned_reg_as_heap_base"));
  for (uint32_t i = 1; i < d.shared_count; i++) assert_true(strcmp(d.shared[i - 1].name, d.shared[i].name) < 0);
  assert_int_equal(d.isa_count, 6);
  assert_string_equal(d.isa[0].name, "has_lse");
  get(26, CWASM_ARCH_S390X, NULL, &d); /* probestack unsupported on s390x before v27 */
  assert_int_equal(find_flag(d.shared, d.shared_count, "enable_probestack")->boolean, 0);
  get(27, CWASM_ARCH_S390X, NULL, &d);
  assert_int_equal(find_flag(d.shared, d.shared_count, "enable_probestack")->boolean, 1);
  expect_tunable(&d.tunables, T(MEMORY_GUARD_SIZE), GIB2);
  expect_tunable(&d.tunables, T(COLLECTOR), 0);
  get(28, CWASM_ARCH_X86_64, NULL, &d);
  expect_tunable(&d.tunables, T(MEMORY_GUARD_SIZE), MIB32);
  get(38, CWASM_ARCH_X86_64, NULL, &d);
  assert_string_equal(d.version, "38");
  assert_null(find_flag(d.shared, d.shared_count, "enable_safepoints"));
  assert_null(find_flag(d.shared, d.shared_count, "enable_jump_tables"));
  assert_non_null(find_flag(d.shared, d.shared_count, "enable_pcc"));
  assert_int_equal(d.features.bits, UINT64_C(0xC0101DDFF)); /* = the real v39 artifact's set */
  get(44, CWASM_ARCH_X86_64, NULL, &d);
  assert_null(find_flag(d.shared, d.shared_count, "enable_pcc"));
  assert_int_equal(d.shared_count, 26); /* the Lind v44 artifact */
  get(45, CWASM_ARCH_X86_64, NULL, &d);
  expect_tunable(&d.tunables, T(COLLECTOR), 0);
  get(46, CWASM_ARCH_X86_64, NULL, &d);
  expect_tunable(&d.tunables, T(COLLECTOR), 2);
  assert_non_null(find_flag(d.shared, d.shared_count, "enable_compact_unwind_abi"));
  get(36, CWASM_ARCH_S390X, NULL, &d);
  assert_int_equal(d.isa_count, 4);
  assert_string_equal(d.isa[0].name, "has_mie3");
  get(42, CWASM_ARCH_PULLEY32, NULL, &d); /* the real v42 pulley32 artifact's two flags */
  assert_int_equal(d.isa_count, 2);
  assert_string_equal(d.isa[0].enum_value, "pointer32");
  assert_string_equal(d.isa[1].name, "big_endian");
  assert_int_equal(d.isa[1].boolean, 0);
  get(42, CWASM_ARCH_PULLEY64BE, NULL, &d);
  assert_string_equal(d.isa[0].enum_value, "pointer64");
  assert_int_equal(d.isa[1].boolean, 1);
  /* cross-compiled x86 ISA values: Cranelift's defaults */
  get(8, CWASM_ARCH_X86_64, NULL, &d);
  assert_int_equal(find_flag(d.isa, d.isa_count, "has_sse42")->boolean, 1);
  get(9, CWASM_ARCH_X86_64, NULL, &d);
  assert_int_equal(find_flag(d.isa, d.isa_count, "has_sse42")->boolean, 0);
  assert_int_equal(find_flag(d.isa, d.isa_count, "has_sse41")->boolean, 1);
  get(11, CWASM_ARCH_X86_64, NULL, &d);
  assert_int_equal(find_flag(d.isa, d.isa_count, "has_sse3")->boolean, 0);
}

/* Native compilation writes the CPU's answers. */
static void test_isa_values_from_cpu(void **state) {
  (void)state;
  cwasm_host_cpu cpu;
  cwasm_defaults d;
  memset(&cpu, 0, sizeof cpu);
  cpu.arch = CWASM_ARCH_X86_64;
  cpu.known = CWASM_CPU_BIT(CWASM_CPU_AVX2) | CWASM_CPU_BIT(CWASM_CPU_AVX512F) | CWASM_CPU_BIT(CWASM_CPU_AVXVNNI);
  cpu.present = CWASM_CPU_BIT(CWASM_CPU_AVX2) | CWASM_CPU_BIT(CWASM_CPU_AVXVNNI);
  get(48, CWASM_ARCH_X86_64, &cpu, &d);
  assert_int_equal(find_flag(d.isa, d.isa_count, "has_avx2")->boolean, 1);
  assert_int_equal(find_flag(d.isa, d.isa_count, "has_avx512f")->boolean, 0);
  assert_int_equal(find_flag(d.isa, d.isa_count, "has_avx_vnni")->boolean, 1);
  /* v47's probe does not know avxvnni, and v47 has no such flag */
  get(47, CWASM_ARCH_X86_64, &cpu, &d);
  assert_null(find_flag(d.isa, d.isa_count, "has_avx_vnni"));
}

static bool flag_passes(const shared_rule *r, const cwasm_default_flag *f, cwasm_arch arch) {
  switch (r->kind) {
    case SR_IGNORE:
    case SR_SAFEPOINTS: /* Bool(true) is always accepted */
    case SR_UNWIND_INFO:
    case SR_STACK_SWITCH: /* the default host does not enable stack switching */
      return r->kind != SR_SAFEPOINTS || f->boolean;
    case SR_PROBESTACK_ARCH:
      return f->kind == CWASM_FLAG_BOOL &&
             f->boolean == (arch == CWASM_ARCH_X86_64 || arch == CWASM_ARCH_AARCH64 || arch == CWASM_ARCH_RISCV64);
    case SR_REQUIRE:
      if (f->kind != r->value.kind) return false;
      if (f->kind == CWASM_FLAG_ENUM) return strcmp(f->enum_value, r->value.enum_value) == 0;
      if (f->kind == CWASM_FLAG_NUM) return f->num == r->value.num;
      return f->boolean == r->value.boolean;
  }
  return false;
}

/* Every default flag of every release and arch is known to that release's
 * loader and has a value it accepts; every ISA name its loader can test. */
static void test_defaults_pass_own_rules(void **state) {
  (void)state;
  static const cwasm_arch arches[] = {CWASM_ARCH_X86_64, CWASM_ARCH_AARCH64, CWASM_ARCH_S390X,
                                      CWASM_ARCH_RISCV64};
  cwasm_defaults d;
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    for (size_t a = 0; a < 4; a++) {
      get(r, arches[a], NULL, &d);
      for (uint32_t i = 0; i < d.shared_count; i++) {
        const cwasm_default_flag *f = &d.shared[i];
        const shared_rule *rule = rules_shared((cwasm_str){f->name, strlen(f->name)}, r);
        if (!rule) fail_msg("v%u: default shared flag %s is unknown to the loader", r, f->name);
        if (!flag_passes(rule, f, arches[a])) fail_msg("v%u arch %d: default %s rejected", r, arches[a], f->name);
      }
      for (uint32_t i = 0; i < d.isa_count; i++) {
        const cwasm_default_flag *f = &d.isa[i];
        cwasm_str name = {f->name, strlen(f->name)};
        /* riscv64 accepts any name; aarch64 use_csdb is written false (accepted unseen) */
        if (arches[a] == CWASM_ARCH_RISCV64 || strcmp(f->name, "use_csdb") == 0) continue;
        if (!rules_isa(name, r, arches[a])) fail_msg("v%u: ISA flag %s unknown to the loader", r, f->name);
      }
    }
  }
}

static void test_api_edges(void **state) {
  (void)state;
  cwasm_defaults d;
  assert_int_equal(cwasm_defaults_get(2, CWASM_ARCH_X86_64, NULL, &d), CWASM_E_RELEASE_UNKNOWN);
  assert_int_equal(cwasm_defaults_get(50, CWASM_ARCH_X86_64, NULL, &d), CWASM_E_RELEASE_UNKNOWN);
  assert_int_equal(cwasm_defaults_get(48, CWASM_ARCH_X86_64, NULL, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_defaults_exact(4), 1);
  assert_int_equal(cwasm_defaults_exact(24), 1);
  assert_int_equal(cwasm_defaults_exact(36), 1);
  assert_int_equal(cwasm_defaults_exact(48), 1);
  assert_int_equal(cwasm_defaults_exact(47), 0);
  assert_int_equal(cwasm_defaults_exact(3), 0);
  /* an exact release on another arch is derived */
  get(48, CWASM_ARCH_AARCH64, NULL, &d);
  assert_int_equal(d.exact, 0);
  get(48, CWASM_ARCH_UNKNOWN, NULL, &d);
  assert_int_equal(d.arch, cwasm_host_cpu_native_arch() == CWASM_ARCH_UNKNOWN ? CWASM_ARCH_UNKNOWN
                                                                                : cwasm_host_cpu_native_arch());
  assert_string_equal(cwasm_defaults_target(CWASM_ARCH_X86_64), "x86_64-unknown-linux-gnu");
  assert_string_equal(cwasm_defaults_target(CWASM_ARCH_PULLEY32), "pulley32-unknown-unknown-elf");
  assert_string_equal(cwasm_defaults_target(CWASM_ARCH_RISCV64), "riscv64gc-unknown-linux-gnu");
  assert_null(cwasm_defaults_target(CWASM_ARCH_UNKNOWN));
  assert_null(cwasm_defaults_target((cwasm_arch)42));
  /* Pulley's flags come with the releases that wrote them: pointer_width from
   * v28, big_endian from v29 */
  get(27, CWASM_ARCH_PULLEY64, NULL, &d);
  assert_int_equal(d.isa_count, 0);
  get(28, CWASM_ARCH_PULLEY64, NULL, &d);
  assert_int_equal(d.isa_count, 1);
  assert_string_equal(d.isa[0].name, "pointer_width");
  get(29, CWASM_ARCH_PULLEY64, NULL, &d);
  assert_int_equal(d.isa_count, 2);
  /* every default target parses to its own arch family */
  for (int a = CWASM_ARCH_X86_64; a <= CWASM_ARCH_PULLEY64BE; a++) {
    cwasm_triple t;
    const char *s = cwasm_defaults_target((cwasm_arch)a);
    assert_int_equal(cwasm_triple_parse(s, strlen(s), &t), CWASM_OK);
    assert_int_equal(t.arch, a);
  }
}

/* Every field of every release's layout has a default value. */
static void test_every_field_has_a_default(void **state) {
  (void)state;
  for (uint16_t r = CWASM_FIRST_RELEASE; r <= CWASM_LAST_RELEASE; r++) {
    cwasm_defaults d;
    const cwasm_layout *l = cwasm_release_get(r)->layout;
    get(r, CWASM_ARCH_X86_64, NULL, &d);
    for (unsigned i = 0; i < l->tunables_count; i++)
      if (!d.tunables.f[l->tunables[i]].present)
        fail_msg("v%u: no default for %s", r, cwasm_tunable_info_of(l->tunables[i])->name);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_shared_flags_exact),     cmocka_unit_test(test_derivation_matches_transcription),
      cmocka_unit_test(test_tunables_exact),         cmocka_unit_test(test_derived_changes),
      cmocka_unit_test(test_isa_values_from_cpu),    cmocka_unit_test(test_defaults_pass_own_rules),
      cmocka_unit_test(test_api_edges),              cmocka_unit_test(test_every_field_has_a_default),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
