/*
 * Read-only access to a whole input file.
 *
 * Only regular files are accepted: a directory, FIFO, socket or device is a
 * clean error (opening never blocks: O_NONBLOCK), as is any path open(2) or
 * fstat(2) refuses. The file is mapped read-only (MAP_PRIVATE); where mmap is
 * not supported it is read into a heap buffer instead. An empty file gives
 * size 0 and a valid, non-NULL `data` pointer (mmap of length 0 is invalid,
 * so nothing is mapped).
 *
 * Caveat of mapping: if another process truncates the file while it is
 * mapped, touching the lost pages raises SIGBUS. Inputs that may change
 * under us should be copied first.
 */
#ifndef CWASM_CLI_FILEIO_H
#define CWASM_CLI_FILEIO_H

#include <stddef.h>
#include <stdint.h>

typedef struct cli_file {
  const uint8_t *data; /* never NULL after a successful open */
  size_t size;
  void *owned;         /* mapping or heap buffer to release, or NULL */
  size_t owned_len;
  int mapped;          /* 1: `owned` is a mapping, 0: a heap buffer */
} cli_file;

/*
 * Open and map `path`. Returns 0 on success; -1 on failure with a short
 * reason ("No such file or directory", "is a directory", ...) written to
 * err (always NUL-terminated when errsz > 0) and *f zeroed.
 */
int cli_file_open(const char *path, cli_file *f, char *err, size_t errsz);

/* Release what cli_file_open acquired; *f is zeroed. Safe on a zeroed file. */
void cli_file_close(cli_file *f);

#endif
