/*
 * loader.c — verify Wasmtime precompiled artifacts with cwasm before the
 * unsafe deserialize step. A complete program; docs/api.md walks through it.
 *
 *   loader [--host-ref FILE] ARTIFACT...
 *
 * For each ARTIFACT: read it into memory, verify it with cwasm (strict
 * parse, then the compatibility check against this host), and only then
 * pass the same bytes to wasmtime_module_deserialize. Prints one line per
 * artifact ("FILE: loaded" or "FILE: rejected: REASON"); exits 0 when every
 * artifact loaded, 1 when some were rejected, 2 when the host could not be
 * set up.
 *
 * Build against an installed cwasm (this repository's tests do exactly this):
 *
 *   cc -std=c11 loader.c $(pkg-config --cflags --libs cwasm) -o loader
 *
 * Without HAVE_WASMTIME, the few Wasmtime C API functions used here are
 * declared below with their real signatures (wasm.h, wasmtime/error.h,
 * wasmtime/module.h) and defined at the end of this file as STUBS that load
 * nothing, so that the cwasm half builds and runs anywhere. In a real
 * loader, define HAVE_WASMTIME and link Wasmtime's C API:
 *
 *   cc -std=c11 -DHAVE_WASMTIME loader.c $(pkg-config --cflags --libs cwasm) -lwasmtime
 *
 * Passing these checks does NOT make an artifact trustworthy: a well-formed
 * artifact can carry any native code. Establish where the bytes come from
 * first (a signature or a content hash you trust; see SECURITY.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cwasm/cwasm.h>

#ifdef HAVE_WASMTIME
#include <wasmtime.h>
#define LOADER_WASMTIME_RELEASE WASMTIME_VERSION_MAJOR
#else
/* ---- STAND-INS for Wasmtime's C API (real signatures; stub bodies at the end) */
typedef struct wasm_engine_t wasm_engine_t;        /* wasm.h */
typedef struct wasm_byte_vec_t {                   /* wasm.h: wasm_byte_vec_t, wasm_name_t */
  size_t size;
  char *data;
} wasm_byte_vec_t;
typedef wasm_byte_vec_t wasm_name_t;
typedef struct wasmtime_error wasmtime_error_t;   /* wasmtime/error.h */
typedef struct wasmtime_module wasmtime_module_t; /* wasmtime/module.h */
wasm_engine_t *wasm_engine_new(void);
void wasm_engine_delete(wasm_engine_t *engine);
void wasm_byte_vec_delete(wasm_byte_vec_t *vec);
void wasmtime_error_message(const wasmtime_error_t *error, wasm_name_t *message);
void wasmtime_error_delete(wasmtime_error_t *error);
wasmtime_error_t *wasmtime_module_deserialize(wasm_engine_t *engine, const uint8_t *bytes,
                                              size_t bytes_len, wasmtime_module_t **ret);
void wasmtime_module_delete(wasmtime_module_t *m);
/* The Wasmtime release this program is linked with: the host's release. */
#define LOADER_WASMTIME_RELEASE CWASM_NEWEST_RELEASE
#endif

/* Artifacts larger than this are refused before they are read. */
#define LOADER_MAX_ARTIFACT ((size_t)512 << 20)

/* ------------------------------------------------------------- reading */

/*
 * Read a whole file into a heap buffer. The loader checks and deserializes
 * this one copy: nothing can change the bytes between the check and the
 * load, as it could with a file that is read twice or a shared mapping.
 */
static int read_file(const char *path, uint8_t **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  size_t n = 0, cap = 0;
  *out = NULL;
  *len = 0;
  if (!f) return -1;
  for (;;) {
    if (n == cap) {
      size_t ncap = cap ? cap * 2 : 65536;
      uint8_t *nbuf;
      if (cap >= LOADER_MAX_ARTIFACT || !(nbuf = realloc(buf, ncap))) {
        errno = cap >= LOADER_MAX_ARTIFACT ? EFBIG : ENOMEM;
        goto fail;
      }
      buf = nbuf;
      cap = ncap;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) goto fail;
  fclose(f);
  *out = buf;
  *len = n;
  return 0;
fail:
  free(buf);
  fclose(f);
  return -1;
}

/* ---------------------------------------------------------------- host */

/*
 * The host: what the Wasmtime engine that will deserialize the artifacts
 * accepts. Built once at start-up, then only read, so any number of threads
 * may check artifacts against it at the same time.
 *
 * The most exact description is a reference artifact made by that very
 * engine (with HAVE_WASMTIME: wasmtime_module_new on an empty module, then
 * wasmtime_module_serialize). Its bytes must stay alive as long as the host
 * is used: the host borrows from them.
 */
typedef struct loader_host {
  cwasm_host host;
  uint8_t *ref_bytes; /* the reference artifact, or NULL */
  size_t ref_len;
} loader_host;

static int host_from_reference(loader_host *lh, uint8_t *bytes, size_t len) {
  cwasm_artifact *ref = malloc(sizeof *ref); /* ~3 KiB: off the stack */
  cwasm_diag diag;
  char msg[512];
  cwasm_status st;
  if (!ref) return -1;
  st = cwasm_parse(bytes, len, NULL, ref, &diag);
  if (st == CWASM_OK) st = cwasm_host_from_reference(ref, NULL, &lh->host, &diag);
  free(ref); /* the host copied what it needs, and borrows only from `bytes` */
  if (st != CWASM_OK) {
    cwasm_diag_format(&diag, msg, sizeof msg);
    fprintf(stderr, "loader: unusable reference artifact: %s\n", msg);
    return -1;
  }
  lh->ref_bytes = bytes;
  lh->ref_len = len;
  return 0;
}

#if !defined(HAVE_WASMTIME) || !defined(WASMTIME_FEATURE_COMPILER)
static int host_builtin(loader_host *lh) {
  /* This machine (native triple, probed CPU) running the given release with
   * its default configuration. An engine configured otherwise (fuel, epoch
   * interruption, other wasm features, a cross target) must say so, e.g.
   * cwasm_host_set_tunable(&host, "consume_fuel=true"), or use a reference. */
  cwasm_status st = cwasm_host_default(LOADER_WASMTIME_RELEASE, &lh->host);
  if (st != CWASM_OK) { /* E_RELEASE_UNKNOWN: this cwasm predates the Wasmtime in use */
    fprintf(stderr, "loader: no built-in host for Wasmtime %d: %s\n", LOADER_WASMTIME_RELEASE,
            cwasm_status_name(st));
    return -1;
  }
  return 0;
}
#endif

#if defined(HAVE_WASMTIME) && defined(WASMTIME_FEATURE_COMPILER)
/* The engine's own reference: an empty module precompiled by `engine`. */
static int host_from_engine(loader_host *lh, wasm_engine_t *engine) {
  static const uint8_t empty_module[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  wasmtime_module_t *m = NULL;
  wasm_byte_vec_t ser;
  uint8_t *copy;
  wasmtime_error_t *err = wasmtime_module_new(engine, empty_module, sizeof empty_module, &m);
  if (!err) err = wasmtime_module_serialize(m, &ser);
  if (m) wasmtime_module_delete(m);
  if (err) {
    wasmtime_error_delete(err);
    fprintf(stderr, "loader: cannot precompile the reference module\n");
    return -1;
  }
  copy = malloc(ser.size ? ser.size : 1);
  if (copy) memcpy(copy, ser.data, ser.size);
  size_t len = ser.size;
  wasm_byte_vec_delete(&ser);
  if (!copy || host_from_reference(lh, copy, len) != 0) {
    free(copy);
    return -1;
  }
  return 0;
}
#endif

/* The host from --host-ref FILE, else from the engine itself when Wasmtime
 * can compile, else the built-in default of the linked release. */
static int host_setup(loader_host *lh, const char *ref_path, wasm_engine_t *engine) {
  memset(lh, 0, sizeof *lh);
  (void)engine;
  if (ref_path) {
    uint8_t *bytes;
    size_t len;
    if (read_file(ref_path, &bytes, &len) != 0) {
      fprintf(stderr, "loader: %s: %s\n", ref_path, strerror(errno));
      return -1;
    }
    if (host_from_reference(lh, bytes, len) != 0) {
      free(bytes);
      return -1;
    }
  } else {
#if defined(HAVE_WASMTIME) && defined(WASMTIME_FEATURE_COMPILER)
    if (host_from_engine(lh, engine) != 0) return -1;
#else
    if (host_builtin(lh) != 0) return -1;
#endif
  }
  /* wasmtime_module_deserialize loads modules: a component is an error */
  lh->host.expect = CWASM_EXPECT_MODULE;
  return 0;
}

/* -------------------------------------------------------------- verify */

/*
 * The gate. Returns 1 when `bytes` may be passed to
 * wasmtime_module_deserialize, 0 when they must not (the reason is printed).
 * Uses about 70 KiB of heap per call for the parse result and the report;
 * keep them per thread to check in parallel.
 */
static int verify_artifact(const cwasm_host *host, const char *name, const uint8_t *bytes,
                           size_t len) {
  cwasm_artifact *art = malloc(sizeof *art);
  cwasm_report *rep = malloc(sizeof *rep);
  cwasm_diag diag;
  char msg[512];
  int ok = 0;
  if (!art || !rep) {
    fprintf(stderr, "%s: rejected: out of memory\n", name);
    goto done;
  }

  /* 1. Well-formed? Strict mode (opt NULL) also rejects every ambiguity that
   *    two ELF readers could resolve differently. */
  cwasm_status st = cwasm_parse(bytes, len, NULL, art, &diag);
  if (st != CWASM_OK) {
    cwasm_diag_format(&diag, msg, sizeof msg);
    printf("%s: rejected: %s\n", name, msg);
    goto done;
  }

  /* 2. Would this host's Wasmtime accept it? Every reason, in the order
   *    Wasmtime checks them: the first one is the error it would return. */
  st = cwasm_check(art, host, rep);
  if (st != CWASM_OK) {
    printf("%s: rejected: check failed: %s\n", name, cwasm_status_name(st));
    goto done;
  }
  if (!rep->compatible) {
    uint32_t stored = rep->count < CWASM_REPORT_MAX_ITEMS ? rep->count : CWASM_REPORT_MAX_ITEMS;
    printf("%s: rejected: %lu finding(s)\n", name, (unsigned long)rep->findings);
    for (uint32_t i = 0; i < stored; i++) {
      const cwasm_finding *f = &rep->items[i];
      if (f->kind != CWASM_ITEM_FINDING) continue;
      cwasm_finding_format(f, msg, sizeof msg);
      printf("  %s %s: %s\n", cwasm_status_name(f->code), f->field, msg);
    }
    goto done;
  }

  /* 3. Compatible. Notes (rules that could not be checked because the host
   *    description lacks a value) and warnings do not block here; a stricter
   *    loader may refuse when rep->notes > 0. */
  for (uint32_t i = 0; i < rep->count && i < CWASM_REPORT_MAX_ITEMS; i++)
    if (rep->items[i].kind != CWASM_ITEM_FINDING)
      fprintf(stderr, "%s: %s %s\n", name, cwasm_item_kind_name(rep->items[i].kind),
              cwasm_status_name(rep->items[i].code));
  ok = 1;
done:
  free(art);
  free(rep);
  return ok;
}

/* ---------------------------------------------------------------- load */

/* Verify, then deserialize the same bytes. Returns the module or NULL. */
static wasmtime_module_t *load_artifact(wasm_engine_t *engine, const cwasm_host *host,
                                        const char *path) {
  uint8_t *bytes;
  size_t len;
  wasmtime_module_t *module = NULL;
  if (read_file(path, &bytes, &len) != 0) {
    printf("%s: rejected: %s\n", path, strerror(errno));
    return NULL;
  }
  /* Authenticity comes first and is not cwasm's job: check a signature or a
   * content hash over `bytes` here, before parsing anything. */
  if (verify_artifact(host, path, bytes, len)) {
    wasmtime_error_t *err = wasmtime_module_deserialize(engine, bytes, len, &module);
    if (err) {
      wasm_name_t m;
      wasmtime_error_message(err, &m);
      printf("%s: rejected by Wasmtime: %.*s\n", path, (int)m.size, m.data);
      wasm_byte_vec_delete(&m);
      wasmtime_error_delete(err);
      module = NULL;
    } else {
      printf("%s: loaded\n", path);
    }
  }
  free(bytes); /* Wasmtime copied what it keeps */
  return module;
}

int main(int argc, char **argv) {
  const char *ref_path = NULL;
  loader_host lh;
  int first = 1, rejected = 0;
  if (argc > 2 && strcmp(argv[1], "--host-ref") == 0) {
    ref_path = argv[2];
    first = 3;
  }
  if (first >= argc) {
    fprintf(stderr, "usage: loader [--host-ref FILE] ARTIFACT...\n");
    return 2;
  }
  printf("cwasm %s\n", cwasm_library_version());
  wasm_engine_t *engine = wasm_engine_new(); /* the engine the host describes */
  if (!engine || host_setup(&lh, ref_path, engine) != 0) {
    if (engine) wasm_engine_delete(engine);
    return 2;
  }
  for (int i = first; i < argc; i++) {
    wasmtime_module_t *m = load_artifact(engine, &lh.host, argv[i]);
    if (m) wasmtime_module_delete(m); /* a real loader instantiates it */
    else rejected++;
  }
  wasm_engine_delete(engine);
  free(lh.ref_bytes);
  return rejected ? 1 : 0;
}

#ifndef HAVE_WASMTIME
/* ---- STUBS: they load nothing. Link Wasmtime's C API instead (HAVE_WASMTIME). */
struct wasm_engine_t {
  int unused;
};
struct wasmtime_module {
  int unused;
};
static wasm_engine_t stub_engine;
static wasmtime_module_t stub_module;

wasm_engine_t *wasm_engine_new(void) { return &stub_engine; }
void wasm_engine_delete(wasm_engine_t *engine) { (void)engine; }
void wasm_byte_vec_delete(wasm_byte_vec_t *vec) { (void)vec; }
void wasmtime_error_message(const wasmtime_error_t *error, wasm_name_t *message) {
  (void)error;
  message->size = 0;
  message->data = NULL;
}
void wasmtime_error_delete(wasmtime_error_t *error) { (void)error; }
wasmtime_error_t *wasmtime_module_deserialize(wasm_engine_t *engine, const uint8_t *bytes,
                                              size_t bytes_len, wasmtime_module_t **ret) {
  (void)engine, (void)bytes, (void)bytes_len;
  *ret = &stub_module;
  return NULL;
}
void wasmtime_module_delete(wasmtime_module_t *m) { (void)m; }
#endif
