/* Shared declarations of the `cwasm` command. */
#ifndef CWASM_CLI_H
#define CWASM_CLI_H

#include <stdio.h>

/* Exit statuses (sysexits.h numbering where one fits). */
#define CLI_EXIT_OK 0          /* every file decoded */
#define CLI_EXIT_MALFORMED 2   /* some file is malformed (any error status, legacy too) */
#define CLI_EXIT_USAGE 64      /* EX_USAGE: bad option, missing operand, unknown command */
#define CLI_EXIT_NOINPUT 66    /* EX_NOINPUT: some file could not be read */
#define CLI_EXIT_OSERR 71      /* EX_OSERR: out of memory */
#define CLI_EXIT_IOERR 74      /* EX_IOERR: writing the report failed */

/*
 * A subcommand. `run` gets argv with argv[0] = the subcommand's name and
 * returns the process exit status. `usage` prints its help text.
 */
typedef struct cli_command {
  const char *name;
  int (*run)(int argc, char **argv);
  void (*usage)(FILE *out);
  const char *summary;
} cli_command;

/* cli/inspect.c */
int cli_inspect_main(int argc, char **argv);
void cli_inspect_usage(FILE *out);

/* cli/check.c, cli/probe.c (to come): plug them into the table in main.c. */
int cli_check_main(int argc, char **argv);
void cli_check_usage(FILE *out);
int cli_probe_main(int argc, char **argv);
void cli_probe_usage(FILE *out);

/* Ends a command: flushes stdout and turns a write error into CLI_EXIT_IOERR. */
int cli_finish(int status);

#endif
