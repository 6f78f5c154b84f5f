/* Read-only mapping of input files (see fileio.h). */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The data pointer of an empty file: valid, never dereferenced. */
static const uint8_t empty_input[1];

static int fail(char *err, size_t errsz, const char *reason) {
  if (errsz > 0) snprintf(err, errsz, "%s", reason);
  return -1;
}

static const char *file_type_reason(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  return "is not a regular file";
}

/* Fallback when the file system cannot map: read it whole into the heap. */
static int read_whole(int fd, size_t size, cli_file *f, char *err, size_t errsz) {
  uint8_t *buf = malloc(size);
  size_t got = 0;
  if (!buf) return fail(err, errsz, "out of memory");
  while (got < size) {
    ssize_t r = read(fd, buf + got, size - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      free(buf);
      return fail(err, errsz, strerror(e));
    }
    if (r == 0) break; /* shrank since fstat: take what is there */
    got += (size_t)r;
  }
  f->data = buf;
  f->size = got;
  f->owned = buf;
  f->owned_len = size;
  f->mapped = 0;
  return 0;
}

static int map_or_read(int fd, size_t size, cli_file *f, char *err, size_t errsz) {
  if (size == 0) {
    f->data = empty_input;
    return 0;
  }
  void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return read_whole(fd, size, f, err, errsz);
  f->data = p;
  f->size = size;
  f->owned = p;
  f->owned_len = size;
  f->mapped = 1;
  return 0;
}

int cli_file_open(const char *path, cli_file *f, char *err, size_t errsz) {
  struct stat st;
  memset(f, 0, sizeof *f);
  if (errsz > 0) err[0] = '\0';
  int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return fail(err, errsz, strerror(errno));
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return fail(err, errsz, strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return fail(err, errsz, file_type_reason(st.st_mode));
  }
  if (st.st_size < 0 || (uintmax_t)st.st_size > (uintmax_t)SIZE_MAX) {
    close(fd);
    return fail(err, errsz, "file too large to map");
  }
  int rc = map_or_read(fd, (size_t)st.st_size, f, err, errsz);
  close(fd); /* a mapping outlives its descriptor */
  if (rc != 0) memset(f, 0, sizeof *f);
  return rc;
}

void cli_file_close(cli_file *f) {
  if (f->owned) {
    if (f->mapped)
      munmap(f->owned, f->owned_len);
    else
      free(f->owned);
  }
  memset(f, 0, sizeof *f);
}
