/* Streaming JSON writer and escapers for untrusted text (see json.h). */
#include "json.h"

#include <inttypes.h>
#include <string.h>

void json_init(json_writer *w, FILE *out) {
  w->out = out;
  w->depth = 0;
  w->need_comma[0] = 0;
  w->after_key = 0;
}

/* Separator owed before a value or key at the current position. */
static void json_sep(json_writer *w) {
  if (w->after_key) {
    w->after_key = 0;
    return;
  }
  if (w->depth == 0) return;
  if (w->need_comma[w->depth - 1]) fputc(',', w->out);
  w->need_comma[w->depth - 1] = 1;
}

static void json_open(json_writer *w, int c) {
  json_sep(w);
  fputc(c, w->out);
  /* Deeper nesting than JSON_MAX_DEPTH is a programming error; stay in bounds. */
  if (w->depth < JSON_MAX_DEPTH) w->need_comma[w->depth++] = 0;
}

static void json_close(json_writer *w, int c) {
  if (w->depth > 0) w->depth--;
  fputc(c, w->out);
}

void json_object_begin(json_writer *w) { json_open(w, '{'); }
void json_object_end(json_writer *w) { json_close(w, '}'); }
void json_array_begin(json_writer *w) { json_open(w, '['); }
void json_array_end(json_writer *w) { json_close(w, ']'); }

size_t utf8_next(const uint8_t *p, size_t n, uint32_t *cp) {
  if (n == 0) return 0;
  uint8_t b = p[0];
  size_t len;
  uint32_t c, min;
  if (b < 0x80) {
    *cp = b;
    return 1;
  } else if (b >= 0xc2 && b <= 0xdf) {
    len = 2, c = b & 0x1fu, min = 0x80;
  } else if (b >= 0xe0 && b <= 0xef) {
    len = 3, c = b & 0x0fu, min = 0x800;
  } else if (b >= 0xf0 && b <= 0xf4) {
    len = 4, c = b & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((p[i] & 0xc0u) != 0x80u) return 0;
    c = (c << 6) | (p[i] & 0x3fu);
  }
  if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  *cp = c;
  return len;
}

static void json_escape_byte(FILE *out, uint8_t b) {
  switch (b) {
    case '"': fputs("\\\"", out); return;
    case '\\': fputs("\\\\", out); return;
    case '\b': fputs("\\b", out); return;
    case '\f': fputs("\\f", out); return;
    case '\n': fputs("\\n", out); return;
    case '\r': fputs("\\r", out); return;
    case '\t': fputs("\\t", out); return;
    default: break;
  }
  if (b < 0x20 || b == 0x7f)
    fprintf(out, "\\u%04x", (unsigned)b);
  else
    fputc(b, out);
}

static void json_write_string(FILE *out, const char *s, size_t n) {
  const uint8_t *p = (const uint8_t *)s;
  size_t i = 0;
  fputc('"', out);
  while (i < n) {
    uint32_t cp;
    size_t len = utf8_next(p + i, n - i, &cp);
    if (len == 0) {
      fputs("\\ufffd", out); /* one replacement per malformed byte */
      i++;
    } else if (len == 1) {
      json_escape_byte(out, p[i]);
      i++;
    } else {
      fwrite(p + i, 1, len, out);
      i += len;
    }
  }
  fputc('"', out);
}

void json_key(json_writer *w, const char *key) {
  json_sep(w);
  json_write_string(w->out, key, key ? strlen(key) : 0);
  fputc(':', w->out);
  w->after_key = 1;
}

void json_string(json_writer *w, const char *s, size_t n) {
  json_sep(w);
  json_write_string(w->out, s, s ? n : 0);
}

void json_cstring(json_writer *w, const char *s) {
  if (!s) {
    json_null(w);
    return;
  }
  json_string(w, s, strlen(s));
}

void json_hex(json_writer *w, const uint8_t *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  json_sep(w);
  fputc('"', w->out);
  for (size_t i = 0; p && i < n; i++) {
    fputc(digits[p[i] >> 4], w->out);
    fputc(digits[p[i] & 0xfu], w->out);
  }
  fputc('"', w->out);
}

void json_u64(json_writer *w, uint64_t v) {
  json_sep(w);
  fprintf(w->out, "%" PRIu64, v);
}

void json_bool(json_writer *w, int v) {
  json_sep(w);
  fputs(v ? "true" : "false", w->out);
}

void json_null(json_writer *w) {
  json_sep(w);
  fputs("null", w->out);
}

void json_newline(json_writer *w) { fputc('\n', w->out); }

/* ------------------------------------------------------- terminal text */

static int text_needs_escape(uint32_t cp) {
  if (cp >= 0x80 && cp <= 0x9f) return 1;       /* C1 controls (CSI 0x9b ...) */
  if (cp >= 0x202a && cp <= 0x202e) return 1;   /* bidi embeddings / overrides */
  if (cp >= 0x2066 && cp <= 0x2069) return 1;   /* bidi isolates */
  if (cp == 0x200e || cp == 0x200f) return 1;   /* LRM / RLM */
  return 0;
}

static void text_write_ascii(FILE *out, uint8_t b, int quoted) {
  if (b == '\\' || (quoted && b == '"')) {
    fputc('\\', out);
    fputc(b, out);
  } else if (b == '\n') {
    fputs("\\n", out);
  } else if (b == '\t') {
    fputs("\\t", out);
  } else if (b == '\r') {
    fputs("\\r", out);
  } else if (b < 0x20 || b == 0x7f) {
    fprintf(out, "\\x%02x", (unsigned)b);
  } else {
    fputc(b, out);
  }
}

void text_write(FILE *out, const char *s, size_t n, int quoted) {
  const uint8_t *p = (const uint8_t *)s;
  size_t i = 0;
  while (p && i < n) {
    uint32_t cp;
    size_t len = utf8_next(p + i, n - i, &cp);
    if (len == 0) {
      fprintf(out, "\\x%02x", (unsigned)p[i]);
      i++;
    } else if (len == 1) {
      text_write_ascii(out, p[i], quoted);
      i++;
    } else {
      if (text_needs_escape(cp))
        fprintf(out, "\\u{%04" PRIx32 "}", cp);
      else
        fwrite(p + i, 1, len, out);
      i += len;
    }
  }
}
