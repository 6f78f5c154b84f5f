/*
 * A program outside this repository that uses an installed cwasm: built by
 * tests/cli_install.sh with CMake (find_package, add_subdirectory) and with
 * pkg-config, against libcwasm.a and libcwasm.so.
 *
 *   consumer FILE...   one line per file: "FILE: <status> [<kind> v<release> <target>]"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cwasm/cwasm.h>

/* Names the library uses for internal functions. The installed libcwasm.a
 * defines only cwasm_* symbols, so a program may have its own. */
int span_find(int x);
int diag_set(int x);
int wire_u8(int x);
int span_find(int x) { return x + 1; }
int diag_set(int x) { return x + 2; }
int wire_u8(int x) { return x + 3; }

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (buf = malloc((size_t)n + 1)) != NULL) {
    *len = fread(buf, 1, (size_t)n, f);
  }
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  static cwasm_artifact art; /* ~3 KiB */
  cwasm_diag diag;
  int bad = 0;
  /* the header compiled against and the library linked must agree */
  if (strcmp(cwasm_library_version(), CWASM_VERSION_STRING) != 0) {
    fprintf(stderr, "consumer: header %s, library %s\n", CWASM_VERSION_STRING,
            cwasm_library_version());
    return 3;
  }
  printf("cwasm %s %d\n", cwasm_library_version(), span_find(0) + diag_set(0) + wire_u8(0));
  for (int i = 1; i < argc; i++) {
    size_t len = 0;
    unsigned char *buf = slurp(argv[i], &len);
    if (!buf) {
      printf("%s: unreadable\n", argv[i]);
      bad = 1;
      continue;
    }
    cwasm_status st = cwasm_parse(buf, len, NULL, &art, &diag);
    if (st == CWASM_OK && art.release) {
      printf("%s: %s %s v%u %.*s\n", argv[i], cwasm_status_name(st), cwasm_kind_name(art.kind),
             (unsigned)art.release->major, (int)art.meta.target.n, art.meta.target.p);
    } else {
      printf("%s: %s\n", argv[i], cwasm_status_name(st));
      bad = 1;
    }
    free(buf);
  }
  return bad;
}
