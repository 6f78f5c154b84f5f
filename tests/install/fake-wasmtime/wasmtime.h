/*
 * NOT Wasmtime. The declarations docs/examples/loader.c uses when
 * HAVE_WASMTIME is defined, with the signatures of Wasmtime's C API (wasm.h,
 * wasmtime/error.h, wasmtime/module.h, wasmtime.h), so that
 * tests/cli_install.sh can compile (not link) that half of the example where
 * Wasmtime is not installed.
 */
#ifndef CWASM_TEST_FAKE_WASMTIME_H
#define CWASM_TEST_FAKE_WASMTIME_H

#include <stddef.h>
#include <stdint.h>

/* wasmtime.h */
#define WASMTIME_VERSION "48.0.0"
#define WASMTIME_VERSION_MAJOR 48
#define WASMTIME_VERSION_MINOR 0
#define WASMTIME_VERSION_PATCH 0
/* wasmtime/conf.h of a build with the compiler */
#define WASMTIME_FEATURE_COMPILER

/* wasm.h */
typedef char byte_t;
typedef byte_t wasm_byte_t;
typedef struct wasm_byte_vec_t {
  size_t size;
  wasm_byte_t *data;
} wasm_byte_vec_t;
typedef wasm_byte_vec_t wasm_name_t;
typedef struct wasm_engine_t wasm_engine_t;
wasm_engine_t *wasm_engine_new(void);
void wasm_engine_delete(wasm_engine_t *);
void wasm_byte_vec_delete(wasm_byte_vec_t *);

/* wasmtime/error.h */
typedef struct wasmtime_error wasmtime_error_t;
void wasmtime_error_delete(wasmtime_error_t *error);
void wasmtime_error_message(const wasmtime_error_t *error, wasm_name_t *message);

/* wasmtime/module.h */
typedef struct wasmtime_module wasmtime_module_t;
wasmtime_error_t *wasmtime_module_new(wasm_engine_t *engine, const uint8_t *wasm, size_t wasm_len,
                                      wasmtime_module_t **ret);
void wasmtime_module_delete(wasmtime_module_t *m);
wasmtime_error_t *wasmtime_module_serialize(wasmtime_module_t *module, wasm_byte_vec_t *ret);
wasmtime_error_t *wasmtime_module_deserialize(wasm_engine_t *engine, const uint8_t *bytes,
                                              size_t bytes_len, wasmtime_module_t **ret);

#endif
