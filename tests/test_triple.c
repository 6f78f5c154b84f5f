/*
 * Target triples (spec §6.2): the target-lexicon grammar subset, the value
 * identities Wasmtime compares, error texts, and Display round trips.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "cwasm/cwasm.h"

static cwasm_triple parse_ok(const char *s) {
  cwasm_triple t;
  cwasm_status st = cwasm_triple_parse(s, strlen(s), &t);
  if (st != CWASM_OK) fail_msg("'%s' did not parse: %s", s, t.error);
  assert_string_equal(t.error, "");
  return t;
}

static void expect_error(const char *s, const char *message) {
  cwasm_triple t;
  assert_int_equal(cwasm_triple_parse(s, strlen(s), &t), CWASM_F_TARGET_PARSE);
  assert_string_equal(t.error, message);
}

static void test_wasmtime_targets(void **state) {
  (void)state;
  cwasm_triple t = parse_ok("x86_64-unknown-linux-gnu");
  assert_string_equal(t.arch_name, "x86_64");
  assert_int_equal(t.arch, CWASM_ARCH_X86_64);
  assert_string_equal(t.vendor_name, "unknown");
  assert_string_equal(t.os_name, "linux");
  assert_int_equal(t.os_family, CWASM_OS_LINUX);
  assert_string_equal(t.env_name, "gnu");
  assert_string_equal(t.binfmt_name, "elf");
  assert_int_equal(t.pointer_width, 64);
  assert_int_equal(t.endian, CWASM_LITTLE);

  t = parse_ok("aarch64-apple-darwin");
  assert_int_equal(t.arch, CWASM_ARCH_AARCH64);
  assert_string_equal(t.vendor_name, "apple");
  assert_string_equal(t.os_name, "darwin");
  assert_string_equal(t.os_version, "");
  assert_int_equal(t.os_family, CWASM_OS_DARWIN);
  assert_string_equal(t.binfmt_name, "macho");

  t = parse_ok("x86_64-pc-windows-msvc");
  assert_string_equal(t.vendor_name, "pc");
  assert_int_equal(t.os_family, CWASM_OS_WINDOWS);
  assert_string_equal(t.env_name, "msvc");
  assert_string_equal(t.binfmt_name, "coff");

  t = parse_ok("s390x-unknown-linux-gnu");
  assert_int_equal(t.arch, CWASM_ARCH_S390X);
  assert_int_equal(t.endian, CWASM_BIG);

  t = parse_ok("riscv64gc-unknown-linux-gnu");
  assert_string_equal(t.arch_name, "riscv64gc");
  assert_int_equal(t.arch, CWASM_ARCH_RISCV64);

  t = parse_ok("x86_64-unknown-none");
  assert_string_equal(t.os_name, "none");
  assert_int_equal(t.os_family, CWASM_OS_OTHER);
  assert_string_equal(t.binfmt_name, "unknown");

  /* what Wasmtime writes for Pulley: four parts, env unknown, format elf */
  t = parse_ok("pulley32-unknown-unknown-elf");
  assert_string_equal(t.arch_name, "pulley32");
  assert_int_equal(t.arch, CWASM_ARCH_PULLEY32);
  assert_string_equal(t.os_name, "unknown");
  assert_string_equal(t.env_name, "unknown");
  assert_string_equal(t.binfmt_name, "elf");
  assert_int_equal(t.pointer_width, 32);

  /* the engine's own Pulley target is the bare arch */
  t = parse_ok("pulley64be");
  assert_int_equal(t.arch, CWASM_ARCH_PULLEY64BE);
  assert_int_equal(t.pointer_width, 64);
  assert_int_equal(t.endian, CWASM_BIG);
  assert_string_equal(t.os_name, "unknown");
  assert_string_equal(t.binfmt_name, "elf");
}

static void test_value_identities(void **state) {
  (void)state;
  /* "arm64" is another spelling of aarch64; riscv64gc and riscv64 are distinct */
  assert_string_equal(parse_ok("arm64-apple-darwin").arch_name, "aarch64");
  assert_string_equal(parse_ok("riscv64-unknown-linux-gnu").arch_name, "riscv64");
  assert_string_not_equal(parse_ok("riscv64-unknown-linux-gnu").arch_name,
                          parse_ok("riscv64gc-unknown-linux-gnu").arch_name);
  assert_string_equal(parse_ok("x86_64h-apple-darwin").arch_name, "x86_64h");
  assert_int_equal(parse_ok("x86_64h-apple-darwin").arch, CWASM_ARCH_X86_64);
  assert_string_equal(parse_ok("aarch64_be-unknown-linux-gnu").arch_name, "aarch64_be");
  assert_int_equal(parse_ok("aarch64_be-unknown-linux-gnu").endian, CWASM_BIG);
  /* deployment versions are part of the OS value, normalised to M.m.p */
  assert_string_equal(parse_ok("x86_64-apple-darwin23.6.0").os_version, "23.6.0");
  assert_string_equal(parse_ok("x86_64-apple-darwin23").os_version, "23.0.0");
  assert_string_equal(parse_ok("x86_64-apple-macosx10.7").os_name, "macosx");
  assert_string_equal(parse_ok("x86_64-apple-macosx10.7").os_version, "10.7.0");
  assert_int_equal(parse_ok("x86_64-apple-macosx").os_family, CWASM_OS_DARWIN);
  assert_int_equal(parse_ok("aarch64-apple-ios").os_family, CWASM_OS_OTHER);
  /* "macos" is not an OS name in target-lexicon: a custom vendor here */
  assert_int_equal(parse_ok("x86_64-macos").vendor_custom, 1);
  /* a too-large or malformed version makes the part no OS at all */
  expect_error("x86_64-apple-darwin1.2.3.4", "Unrecognized operating system: darwin1.2.3.4");
  expect_error("x86_64-apple-darwin256.256", "Unrecognized operating system: darwin256.256");
  expect_error("x86_64-apple-darwin.1", "Unrecognized operating system: darwin.1");
}

static void test_grammar_and_errors(void **state) {
  (void)state;
  expect_error("", "Unrecognized architecture: ");
  expect_error("foo", "Unrecognized architecture: foo");
  expect_error("X86_64-unknown-linux", "Unrecognized architecture: X86_64");
  expect_error("unknown-unknown-foo", "Unrecognized operating system: foo");
  expect_error("unknown-unknown-unknown-foo", "Unrecognized environment: foo");
  expect_error("unknown-unknown-unknown-unknown-foo", "Unrecognized binary format: foo");
  expect_error("unknown-unknown-unknown-unknown-unknown-foo", "Unrecognized field: foo");
  /* missing parts are unknown */
  cwasm_triple t = parse_ok("unknown-unknown-unknown");
  assert_string_equal(t.arch_name, "unknown");
  assert_int_equal(t.pointer_width, 0);
  /* parts may be skipped: the OS right after the arch */
  t = parse_ok("x86_64-linux-android");
  assert_string_equal(t.vendor_name, "unknown");
  assert_string_equal(t.os_name, "linux");
  assert_string_equal(t.env_name, "android");
  /* target-lexicon 0.13 names the first slot the leftover could have filled */
  expect_error("x86_64-linux-foo", "Unrecognized environment: foo");
  expect_error("x86_64-Foo", "Unrecognized vendor: Foo");
  /* custom vendors: conservative */
  t = parse_ok("x86_64-customvendor-linux");
  assert_int_equal(t.vendor_custom, 1);
  assert_string_equal(t.vendor_name, "custom");
  assert_string_equal(t.custom_vendor, "customvendor");
  {
    char buf[64];
    cwasm_triple copy = t; /* names stay valid in a copy */
    memset(&t, 0, sizeof t);
    (void)cwasm_triple_format(&copy, buf, sizeof buf);
    assert_string_equal(buf, "x86_64-customvendor-linux");
  }
  assert_true(parse_ok("x86_64-unikraft-linux-musl").vendor_custom);
  expect_error("x86_64--linux", "Unrecognized vendor: ");
  expect_error("x86_64-42-linux", "Unrecognized vendor: 42");
  expect_error("x86_64-CustomVendor-linux", "Unrecognized vendor: CustomVendor");
  expect_error("x86_64-__customvendor__-linux", "Unrecognized vendor: __customvendor__");
  expect_error("x86_64-linux-linux", "Unrecognized environment: linux");
  expect_error("x86_64-x86_64-linux", "Unrecognized vendor: x86_64");
  expect_error("x86_64-gnu-linux", "Unrecognized binary format: linux");
  expect_error("x86_64-elf-linux", "Unrecognized field: linux");
  /* the two whole-string special cases */
  t = parse_ok("armv6k-nintendo-3ds");
  assert_string_equal(t.os_name, "horizon");
  assert_string_equal(t.env_name, "newlib");
  t = parse_ok("riscv32imc-esp-espidf");
  assert_string_equal(t.vendor_name, "espressif");
}

static void test_hostile_input(void **state) {
  (void)state;
  cwasm_triple t;
  char long_part[300];
  memset(long_part, 'z', sizeof long_part - 1);
  long_part[sizeof long_part - 1] = '\0';
  /* an overlong part is reported, truncated to the buffer with "..." */
  assert_int_equal(cwasm_triple_parse(long_part, strlen(long_part), &t), CWASM_F_TARGET_PARSE);
  assert_true(strncmp(t.error, "Unrecognized architecture: zzz", 30) == 0);
  assert_true(strlen(t.error) < sizeof t.error);
  assert_string_equal(t.error + strlen(t.error) - 3, "...");
  /* a long custom vendor is kept truncated; parsing does not read past n */
  char buf[300] = "x86_64-";
  memset(buf + 7, 'v', 200);
  assert_int_equal(cwasm_triple_parse(buf, 207, &t), CWASM_OK);
  assert_int_equal(t.vendor_custom, 1);
  assert_true(strlen(t.custom_vendor) < CWASM_TRIPLE_TEXT_MAX);
  assert_string_equal(t.custom_vendor + strlen(t.custom_vendor) - 3, "...");
  /* an embedded NUL is just a byte that matches nothing */
  assert_int_equal(cwasm_triple_parse("x86_64\0-unknown", 15, &t), CWASM_F_TARGET_PARSE);
  assert_int_equal(cwasm_triple_parse("x86_64-unknown-linux-gnu", 6, &t), CWASM_OK);
  assert_string_equal(t.os_name, "unknown");
  assert_int_equal(cwasm_triple_parse(NULL, 1, &t), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_triple_parse("x", 1, NULL), CWASM_E_ARGUMENT);
  assert_int_equal(cwasm_triple_parse(NULL, 0, &t), CWASM_F_TARGET_PARSE);
}

static void test_display_round_trip(void **state) {
  (void)state;
  static const char *const triples[] = {
      "x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "aarch64-apple-darwin",
      "x86_64-pc-windows-msvc", "s390x-unknown-linux-gnu", "riscv64gc-unknown-linux-gnu",
      "x86_64-unknown-none", "pulley32-unknown-unknown-elf", "pulley64-unknown-unknown-elf",
      "x86_64-apple-darwin23.6.0", "x86_64-apple-macosx10.7.0", "aarch64-linux-android",
      "wasm32-wasip1", "thumbv7em-none-eabihf", "x86_64-unknown-linux-musl", "armv6k-nintendo-3ds",
      "riscv32imc-esp-espidf", "x86_64-fortanix-unknown-sgx", "hexagon-unknown-none-elf",
      "msp430-none-elf", "wasm32-unknown-unknown", "x86_64h-apple-darwin", "x86_64-unknown-hermit",
      "x86_64-unikraft-linux-musl"};
  char buf[128];
  for (size_t i = 0; i < sizeof triples / sizeof triples[0]; i++) {
    cwasm_triple t = parse_ok(triples[i]);
    size_t n = cwasm_triple_format(&t, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    if (strcmp(buf, triples[i]) != 0) fail_msg("%s formats as %s", triples[i], buf);
  }
  /* Wasmtime's Pulley engine target "pulley32" prints with the elf suffix */
  cwasm_triple t = parse_ok("pulley32");
  (void)cwasm_triple_format(&t, buf, sizeof buf);
  assert_string_equal(buf, "pulley32-unknown-unknown-elf");
  /* snprintf-like sizing */
  t = parse_ok("x86_64-unknown-linux-gnu");
  assert_int_equal(cwasm_triple_format(&t, NULL, 0), strlen("x86_64-unknown-linux-gnu"));
  assert_int_equal(cwasm_triple_format(&t, buf, 7), strlen("x86_64-unknown-linux-gnu"));
  assert_string_equal(buf, "x86_64");
}

static void test_native(void **state) {
  (void)state;
  cwasm_triple t;
  char buf[64];
  cwasm_triple_native(&t);
  assert_int_equal(t.arch, cwasm_host_cpu_native_arch());
#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
  (void)cwasm_triple_format(&t, buf, sizeof buf);
  assert_string_equal(buf, "x86_64-unknown-linux-gnu");
#else
  (void)buf;
  skip();
#endif
}

/* Display rules of target-lexicon 0.13 beyond the common targets: the
 * implied binary format per OS, when the vendor is omitted, the environment
 * that is not printed, and when a format is shown although implied. */
static void test_display_rules(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      /* implied formats: wasm for wasm32/wasm64 on unknown/emscripten/nebulet/wasi, xcoff on aix,
       * elf for other archs on those OSes (then shown when the OS is unknown) */
      {"wasm64-unknown-unknown", "wasm64-unknown-unknown"},
      {"wasm32-unknown-emscripten", "wasm32-unknown-emscripten"},
      {"wasm32-unknown-nebulet", "wasm32-unknown-nebulet"},
      {"wasm32-wasi", "wasm32-wasi"},
      {"wasm32-wasip2", "wasm32-wasip2"},
      {"armv7-wrs-vxworks-eabihf", "armv7-wrs-vxworks-eabihf"},
      {"powerpc64-ibm-aix", "powerpc64-ibm-aix"},
      {"x86_64-unknown-unknown", "x86_64-unknown-unknown-elf"},
      {"arm-unknown-none-eabi", "arm-unknown-none-eabi"},
      {"avr-unknown-unknown", "avr-unknown-unknown"},
      /* the vendor is omitted for android, androideabi and kernel on Linux, not for the
       * kernel environments of hermit and linux */
      {"armv7-linux-androideabi", "armv7-linux-androideabi"},
      {"x86_64-linux-kernel", "x86_64-linux-kernel"},
      {"x86_64-unknown-hermit-hermitkernel", "x86_64-unknown-hermit-hermitkernel"},
      {"x86_64-unknown-linux-linuxkernel", "x86_64-unknown-linux-linuxkernel"},
      {"thumbv7em-none-newlib", "thumbv7em-none-newlib"},
      /* clever on an unknown OS prints the vendor only */
      {"clever-unknown-unknown", "clever-unknown-elf"},
      {"clever1.0-unknown-unknown", "clever1.0-unknown-elf"},
      {"clever-unknown-linux", "clever-unknown-linux"},
      /* the 3ds and esp forms need vendor, OS and arch; newlib is hidden on those pairs */
      {"armv6k-nintendo-netbsd", "armv6k-nintendo-netbsd"},
      {"aarch64-nintendo-horizon", "aarch64-nintendo-horizon"},
      {"aarch64-nintendo-horizon-newlib", "aarch64-nintendo-horizon"},
      {"riscv32imc-espressif-linux", "riscv32imc-espressif-linux"},
      {"xtensa-espressif-espidf", "xtensa-espressif-espidf"},
      {"xtensa-espressif-espidf-newlib", "xtensa-espressif-espidf"},
      {"armv6k-nintendo-horizon", "armv6k-nintendo-3ds"},
      {"riscv32imc-espressif-espidf", "riscv32imc-esp-espidf"},
      {"aarch64-nintendo-linux-newlib", "aarch64-nintendo-linux-newlib"},
      {"xtensa-espressif-linux-newlib", "xtensa-espressif-linux-newlib"},
  };
  char buf[128];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cwasm_triple t = parse_ok(cases[i][0]);
    size_t n = cwasm_triple_format(&t, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    if (strcmp(buf, cases[i][1]) != 0) fail_msg("%s formats as %s, want %s", cases[i][0], buf, cases[i][1]);
  }
  /* no triple, or a zeroed one: an empty text */
  cwasm_triple z;
  memset(&z, 0, sizeof z);
  strcpy(buf, "x");
  assert_int_equal(cwasm_triple_format(NULL, buf, sizeof buf), 0);
  assert_string_equal(buf, "");
  strcpy(buf, "x");
  assert_int_equal(cwasm_triple_format(&z, buf, sizeof buf), 0);
  assert_string_equal(buf, "");
  assert_int_equal(cwasm_triple_format(&z, NULL, 0), 0);
  strcpy(buf, "x");
  assert_int_equal(cwasm_triple_format(NULL, buf, 0), 0);
  assert_string_equal(buf, "x"); /* size 0: nothing written */
}

/* Deployment versions are Rust integers ('+' allowed, digits only); custom
 * vendors are [a-z][a-z0-9_.]*. */
static void test_versions_and_vendors(void **state) {
  (void)state;
  assert_string_equal(parse_ok("aarch64-apple-darwin+23").os_version, "23.0.0");
  assert_string_equal(parse_ok("aarch64-apple-macosx+10.+7").os_version, "10.7.0");
  expect_error("aarch64-apple-darwin+", "Unrecognized operating system: darwin+");
  expect_error("aarch64-apple-darwin2a", "Unrecognized operating system: darwin2a");
  expect_error("aarch64-apple-darwin2!", "Unrecognized operating system: darwin2!");
  cwasm_triple t = parse_ok("x86_64-ab9_c.d-linux");
  assert_int_equal(t.vendor_custom, 1);
  assert_string_equal(t.custom_vendor, "ab9_c.d");
  expect_error("x86_64-~vendor-linux", "Unrecognized vendor: ~vendor");
  expect_error("x86_64-vendorX-linux", "Unrecognized vendor: vendorX");
  expect_error("x86_64-ven/dor-linux", "Unrecognized vendor: ven/dor");
  expect_error("x86_64-ven~dor-linux", "Unrecognized vendor: ven~dor");
  expect_error("x86_64-ven:dor-linux", "Unrecognized vendor: ven:dor");
  /* the native triple of this build always parses */
  cwasm_triple_native(&t);
  assert_string_equal(t.error, "");
  assert_string_not_equal(t.arch_name, "");
  cwasm_triple_native(NULL); /* no output: nothing to do */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wasmtime_targets), cmocka_unit_test(test_value_identities),
      cmocka_unit_test(test_grammar_and_errors), cmocka_unit_test(test_hostile_input),
      cmocka_unit_test(test_display_round_trip), cmocka_unit_test(test_native),
      cmocka_unit_test(test_display_rules), cmocka_unit_test(test_versions_and_vendors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
