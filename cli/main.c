/* The `cwasm` command: dispatch to subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cwasm/cwasm.h"

static int cmd_help(int argc, char **argv);
static void usage_help(FILE *out);

/* The subcommands, in the order `cwasm help` lists them. */
static const cli_command commands[] = {
    {"inspect", cli_inspect_main, cli_inspect_usage,
     "decode artifacts and print everything they record"},
    {"check", cli_check_main, cli_check_usage,
     "will this host's Wasmtime accept the artifacts, and if not, why"},
    {"probe", cli_probe_main, cli_probe_usage,
     "print this machine's CPU features and the default host"},
    {"help", cmd_help, usage_help, "show help for cwasm or one of its commands"},
};

static const cli_command *command_find(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  return NULL;
}

static void usage_main(FILE *out) {
  fputs("usage: cwasm <command> [options] [FILE...]\n"
        "       cwasm --version | --help\n"
        "\n"
        "Parse and verify Wasmtime precompiled artifacts (.cwasm) from untrusted sources.\n"
        "\n"
        "commands:\n",
        out);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs("\n"
        "inspect, check and probe take --help, --version, --quiet and --color[=WHEN];\n"
        "inspect and check also -r (directories) and --progress. Run\n"
        "'cwasm help <command>' for a command's options, 'man cwasm' for the manual.\n"
        "Passing these checks does not make an artifact trustworthy: a well-formed\n"
        "artifact can carry any native code.\n",
        out);
}

static void usage_help(FILE *out) {
  fputs("usage: cwasm help [COMMAND]\n"
        "\n"
        "Show the help of cwasm, or of one of its commands.\n",
        out);
}

static int cmd_help(int argc, char **argv) {
  if (argc < 2) {
    usage_main(stdout);
    return cli_finish(CLI_EXIT_OK);
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    usage_help(stdout);
    return cli_finish(CLI_EXIT_OK);
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) return cli_print_version();
  const cli_command *c = command_find(argv[1]);
  if (!c) {
    fprintf(stderr, "cwasm help: unknown command '%s'\n", argv[1]);
    return CLI_EXIT_USAGE;
  }
  c->usage(stdout);
  return cli_finish(CLI_EXIT_OK);
}

int cli_finish(int status) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fputs("cwasm: error writing to standard output\n", stderr);
    return CLI_EXIT_IOERR;
  }
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage_main(stderr);
    return CLI_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) return cli_print_version();
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
    usage_main(stdout);
    return cli_finish(CLI_EXIT_OK);
  }
  const cli_command *c = command_find(name);
  if (!c) {
    fprintf(stderr, "cwasm: unknown command '%s' (try 'cwasm --help')\n", name);
    return CLI_EXIT_USAGE;
  }
  return c->run(argc - 1, argv + 1);
}
