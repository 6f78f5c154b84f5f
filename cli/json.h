/*
 * A tiny streaming JSON writer, plus the two encoders of untrusted text the
 * CLI needs: JSON strings and terminal-safe human text.
 *
 * Output is compact (no whitespace): one document per line is the caller's
 * business (call json_newline after the top-level value).
 *
 * Strings may hold any bytes. Quotes, backslashes, control characters
 * (U+0000..U+001F) and DEL are escaped ("\n", "\t", ... or "\u00XX"); every
 * byte that is not part of a well-formed UTF-8 sequence (overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences) is replaced by
 * one U+FFFD, written as the escape "\ufffd". The output is therefore always
 * valid UTF-8 and valid JSON, whatever the input.
 */
#ifndef CWASM_CLI_JSON_H
#define CWASM_CLI_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

typedef struct json_writer {
  FILE *out;
  unsigned depth;
  unsigned char need_comma[JSON_MAX_DEPTH]; /* per open container */
  unsigned char after_key;                  /* a key was written, its value is next */
} json_writer;

void json_init(json_writer *w, FILE *out);

void json_object_begin(json_writer *w);
void json_object_end(json_writer *w);
void json_array_begin(json_writer *w);
void json_array_end(json_writer *w);

/* Member key inside an object (any bytes, escaped like a string). */
void json_key(json_writer *w, const char *key);

void json_string(json_writer *w, const char *s, size_t n); /* any bytes */
void json_cstring(json_writer *w, const char *s);          /* NULL writes null */
void json_hex(json_writer *w, const uint8_t *p, size_t n); /* "0a1b..." */
void json_u64(json_writer *w, uint64_t v);
void json_bool(json_writer *w, int v);
void json_null(json_writer *w);

/* Ends the line after a complete top-level value. */
void json_newline(json_writer *w);

/*
 * Length (1..4) of the well-formed UTF-8 sequence at p[0..n), storing its
 * code point in *cp; 0 when p[0] does not start one (n == 0 included).
 */
size_t utf8_next(const uint8_t *p, size_t n, uint32_t *cp);

/*
 * Write untrusted text for a terminal: printable ASCII and well-formed
 * non-control UTF-8 pass through; backslash becomes "\\"; C0 controls and
 * DEL become "\n", "\t", "\r" or "\xNN"; C1 controls and bidirectional
 * overrides become "\u{XXXX}"; bytes of malformed UTF-8 become "\xNN".
 * With quoted != 0, '"' is escaped as "\"" too (for "..." output).
 */
void text_write(FILE *out, const char *s, size_t n, int quoted);

#endif
