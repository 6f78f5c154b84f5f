#include "span.h"

#include <string.h>

bool span_tail(span s, uint64_t at, span *out) {
  if (at > s.n) return false;
  return span_sub(s, at, s.n - at, out);
}

bool span_take(span *s, size_t len, span *out) {
  span t;
  if (!span_sub(*s, 0, len, &t)) return false;
  span_advance_(s, len);
  *out = t;
  return true;
}

size_t span_find_byte(span s, uint8_t c) {
  if (s.n == 0) return 0;
  const void *hit = memchr(s.p, c, s.n);
  return hit ? (size_t)((const uint8_t *)hit - s.p) : s.n;
}

int span_cstr_at(span s, uint64_t at, cwasm_str *out) {
  span t;
  if (!span_tail(s, at, &t) || t.n == 0) return 1;
  size_t k = span_find_byte(t, 0);
  if (k == t.n) return 2;
  out->p = (const char *)t.p;
  out->n = k;
  return 0;
}


bool span_eq_bytes(span a, const uint8_t *b, size_t n) {
  return a.n == n && (n == 0 || memcmp(a.p, b, n) == 0);
}

bool span_starts_with(span s, const uint8_t *prefix, size_t n) {
  return s.n >= n && (n == 0 || memcmp(s.p, prefix, n) == 0);
}

/* Equality with a C string in one pass, without measuring z first: z ends at
 * its NUL, which must come right after s's n bytes (a NUL inside s never
 * matches one of z's bytes, which are not NUL before its end). */
static bool bytes_eq_z(const uint8_t *p, size_t n, const char *z) {
  for (size_t i = 0; i < n; i++)
    if (z[i] == '\0' || (uint8_t)z[i] != p[i]) return false;
  return z[n] == '\0';
}

bool span_eq_cstr(span s, const char *z) { return bytes_eq_z(s.p, s.n, z); }

bool str_eq_cstr(cwasm_str s, const char *z) { return bytes_eq_z((const uint8_t *)s.p, s.n, z); }

bool span_utf8_valid(span s, size_t *bad) {
  size_t i = 0;
  while (i < s.n) {
    uint8_t c = s.p[i];
    size_t need;
    uint32_t cp;
    if (c < 0x80) {
      /* names are ASCII: skip eight at a time while no byte has its high bit set */
      while (s.n - i >= 8) {
        uint64_t w;
        memcpy(&w, s.p + i, 8);
        if (w & UINT64_C(0x8080808080808080)) break;
        i += 8;
      }
      if (i < s.n && s.p[i] < 0x80) i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1fu;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0fu;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07u;
    } else {
      *bad = i;
      return false;
    }
    if (need > s.n - i - 1) {
      *bad = i;
      return false;
    }
    for (size_t k = 1; k <= need; k++) {
      uint8_t cc = s.p[i + k];
      if ((cc & 0xc0) != 0x80) {
        *bad = i;
        return false;
      }
      cp = (cp << 6) | (cc & 0x3fu);
    }
    if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
      *bad = i;
      return false;
    }
    i += need + 1;
  }
  return true;
}

size_t span_find(span s, const uint8_t *needle, size_t n) {
  if (n == 0) return 0;
  if (n > s.n) return s.n;
  for (size_t i = 0; i + n <= s.n; i++) {
    const void *hit = memchr(s.p + i, needle[0], s.n - n - i + 1);
    if (!hit) break;
    i = (size_t)((const uint8_t *)hit - s.p);
    if (memcmp(s.p + i, needle, n) == 0) return i;
  }
  return s.n;
}
