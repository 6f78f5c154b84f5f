/*
 * `cwasm probe`: what this machine's Wasmtime would see — the architecture,
 * the native triple, every CPU feature Wasmtime's probe can be asked about
 * on this architecture, and the host `cwasm check` uses by default.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cwasm/cwasm.h"
#include "json.h"

#define CMD "probe"

void cli_probe_usage(FILE *out) {
  fputs("usage: cwasm probe [options] [host options]\n"
        "\n"
        "Print this machine's architecture, its native target triple, every CPU\n"
        "feature Wasmtime's probe knows for the architecture (present or not, as\n"
        "Rust's std detection answers: CPUID/XGETBV on x86_64, AT_HWCAP on\n"
        "aarch64 Linux, ...), and the host 'cwasm check' compares artifacts with:\n"
        "by default the built-in default host of the newest release the library\n"
        "knows; the host options below change it as they do for 'cwasm check'.\n"
        "\n"
        "options:\n"
        "  --json         one JSON object: arch, triple, all_present (riscv64: every\n"
        "                 feature asked is reported present), features (name: true,\n"
        "                 false, or null when the probe cannot tell), host\n"
        "                 (schema: docs/schemas/probe.schema.json)\n"
        "  --lenient      parse the --host-ref artifact leniently\n",
        out);
  cli_common_usage(out, CLI_OPTS_BASIC);
  fputs("\n", out);
  cli_host_opts_usage(out);
  fputs("\n"
        "exit status:\n"
        "  0   done (with --quiet: the host options describe a usable host)\n"
        "  2   the --host-ref artifact is malformed\n"
        "  64  usage error\n"
        "  66  the --host-ref file could not be read\n"
        "  74  writing the report failed\n",
        out);
}

/* The probe's answer for `f`: 1 present, 0 absent, -1 not known. */
static int feature_state(const cwasm_host_cpu *cpu, int f) {
  uint64_t bit = CWASM_CPU_BIT(f);
  if (cpu->all_present) return 1;
  if (!(cpu->known & bit)) return -1;
  return (cpu->present & bit) != 0;
}

static void probe_json(const cwasm_host_cpu *cpu, const char *triple, const cli_host *host) {
  json_writer w;
  json_init(&w, stdout);
  json_object_begin(&w);
  json_key(&w, "arch");
  json_cstring(&w, cwasm_arch_name(cpu->arch));
  json_key(&w, "triple");
  json_cstring(&w, triple);
  json_key(&w, "all_present");
  json_bool(&w, cpu->all_present != 0);
  json_key(&w, "features");
  json_object_begin(&w);
  for (int f = 0; f < CWASM_CPU__COUNT; f++) {
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) != cpu->arch) continue;
    int s = feature_state(cpu, f);
    json_key(&w, cwasm_cpu_feature_name((cwasm_cpu_feature)f));
    if (s < 0) json_null(&w);
    else json_bool(&w, s);
  }
  json_object_end(&w);
  json_key(&w, "host");
  cli_host_json(&w, host, 1);
  json_object_end(&w);
  json_newline(&w);
}

static void probe_human(const cwasm_host_cpu *cpu, const char *triple, const cli_host *host) {
  int n = 0;
  printf("Architecture: %s\n", cwasm_arch_name(cpu->arch));
  printf("Triple:       %s\n", triple);
  printf("CPU features (Wasmtime's probe on %s):\n", cwasm_arch_name(cpu->arch));
  for (int f = 0; f < CWASM_CPU__COUNT; f++) {
    if (cwasm_cpu_feature_arch((cwasm_cpu_feature)f) != cpu->arch) continue;
    int s = feature_state(cpu, f);
    printf("  %s: ", cwasm_cpu_feature_name((cwasm_cpu_feature)f));
    cli_color(s < 0 ? CLI_SGR_NOTE : s ? CLI_SGR_GOOD : CLI_SGR_DIM);
    fputs(s < 0 ? "unknown" : s ? "yes" : "no", stdout);
    cli_color_end();
    putchar('\n');
    n++;
  }
  if (cpu->all_present) puts("  (every feature asked is reported present)");
  else if (n == 0) puts("  (none known for this architecture)");
  putchar('\n');
  cli_host_human(host, 1);
}

int cli_probe_main(int argc, char **argv) {
  cli_host_opts ho;
  cli_host host;
  cwasm_options lib;
  cli_common common;
  int json = 0, rc = CLI_EXIT_OK;
  memset(&common, 0, sizeof common);
  memset(&lib, 0, sizeof lib);
  memset(&host, 0, sizeof host);
  if (cli_host_opts_init(&ho, argc) != 0) {
    fputs("cwasm probe: out of memory\n", stderr);
    return CLI_EXIT_OSERR;
  }
  for (int i = 1; i < argc && rc == CLI_EXIT_OK; i++) {
    const char *arg = argv[i];
    int h;
    if (strcmp(arg, "--json") == 0) {
      json = 1;
    } else if (strcmp(arg, "--lenient") == 0) {
      lib.flags |= CWASM_OPT_LENIENT;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      cli_probe_usage(stdout);
      cli_host_opts_free(&ho);
      return cli_finish(CLI_EXIT_OK);
    } else if ((h = cli_common_opt(&common, CMD, CLI_OPTS_BASIC, arg)) != 0) {
      if (h < 0) rc = CLI_EXIT_USAGE;
      if (h == 2) {
        cli_host_opts_free(&ho);
        return CLI_EXIT_OK; /* --version, already flushed */
      }
    } else {
      h = cli_host_opt(&ho, CMD, argc, argv, &i);
      if (h < 0) rc = CLI_EXIT_USAGE;
      else if (h == 0)
        rc = cli_usage_error(CMD, arg[0] == '-' ? "unknown option" : "unexpected argument", arg);
    }
  }
  if (rc == CLI_EXIT_OK) rc = cli_host_build(&ho, &lib, CMD, &host);
  if (rc == CLI_EXIT_OK) {
    cwasm_host_cpu cpu;
    cwasm_triple t;
    char triple[160];
    cwasm_host_cpu_probe(&cpu);
    cwasm_triple_native(&t);
    (void)cwasm_triple_format(&t, triple, sizeof triple);
    cli_color_setup(json ? CLI_WHEN_NEVER : common.color);
    if (!common.quiet) { /* --quiet: the exit status says whether the host options work */
      if (json) probe_json(&cpu, triple, &host);
      else probe_human(&cpu, triple, &host);
    }
  }
  cli_host_free(&host);
  cli_host_opts_free(&ho);
  return rc == CLI_EXIT_OK ? cli_finish(rc) : rc;
}
