/*
 * fuzz_metadata: the Metadata decoder and the version-string classifier.
 *
 * Input: byte 0 picks the layout (index byte0 mod cwasm_layout_count()); the
 * rest is the metadata bytes, decoded at base offset 1 so that every
 * absolute offset the library reports is an offset into this input. The
 * bytes of the rest up to its first NUL (at most 255, as the engine
 * section's length byte allows) are also classified as a version string.
 *
 * Checked beyond fuzz_common.h: a second decode (lenient, at another base)
 * is the same field by field with every offset shifted; a tiny flag limit is
 * respected with its own code; a release-shaped version string prints back
 * to itself.
 */
#include "fuzz_common.h"

#define FAR_BASE 0x7fff00000000ull

static cwasm_status decode(cwasm_bytes b, uint64_t base, const cwasm_layout *l,
                           const cwasm_options *opt, cwasm_metadata *m, cwasm_diag *d) {
  fuzz_diag_poison(d);
  return cwasm_metadata_decode(b, base, l, opt, m, d);
}

/*
 * The same bytes decoded a second time, at another base offset and with the
 * lenient option: field by field the same result with every offset moved by
 * `shift`. This one decode checks three things at once: decoding is
 * deterministic, it does not depend on where the bytes sit, and leniency
 * (which only concerns container ambiguities) does not change a decode.
 */
static void check_second_decode(const cwasm_metadata *a, const cwasm_metadata *b,
                                const cwasm_diag *da, const cwasm_diag *db, cwasm_status st,
                                cwasm_status st2, uint64_t shift) {
  const char *ctx = "second decode (lenient, shifted base)";
  FUZZ_CHECK(st == st2, "%s: status %s, first %s", ctx, cwasm_status_name(st2),
             cwasm_status_name(st));
  FUZZ_EQ_P(ctx, *a, *b, layout);
  FUZZ_EQ_P(ctx, *a, *b, target.p);
  FUZZ_EQ_U(ctx, *a, *b, target.n);
  FUZZ_CHECK(b->target_offset == a->target_offset + (a->have ? shift : 0),
             "%s: target_offset does not shift", ctx);
  for (int k = 0; k < 2; k++) {
    const cwasm_flag_list *x = k ? &a->isa_flags : &a->shared_flags;
    const cwasm_flag_list *y = k ? &b->isa_flags : &b->shared_flags;
    FUZZ_EQ_P(ctx, *x, *y, raw.p);
    FUZZ_EQ_U(ctx, *x, *y, raw.n);
    FUZZ_EQ_U(ctx, *x, *y, count);
    FUZZ_EQ_U(ctx, *x, *y, codec);
    FUZZ_EQ_U(ctx, *x, *y, is_map);
    FUZZ_CHECK(y->raw_offset == x->raw_offset + (x->raw_offset || x->count ? shift : 0),
               "%s: flag list offset does not shift", ctx);
  }
  for (int i = 0; i < CWASM_T__COUNT; i++) {
    const cwasm_tunable *x = &a->tunables.f[i], *y = &b->tunables.f[i];
    FUZZ_CHECK(x->value == y->value && x->present == y->present && x->is_none == y->is_none &&
                   x->table.p == y->table.p && x->table.n == y->table.n &&
                   y->offset == x->offset + (x->present ? shift : 0),
               "%s: tunable %d differs", ctx, i);
  }
  FUZZ_EQ_U(ctx, *a, *b, features.encoding);
  FUZZ_EQ_U(ctx, *a, *b, features.bits);
  FUZZ_EQ_U(ctx, *a, *b, features.count);
  FUZZ_CHECK(b->features.offset == a->features.offset + (a->features.encoding ? shift : 0),
             "%s: features offset does not shift", ctx);
  FUZZ_EQ_U(ctx, *a, *b, consumed);
  FUZZ_EQ_U(ctx, *a, *b, trailing_bytes);
  FUZZ_EQ_U(ctx, *a, *b, have);
  if (st != CWASM_OK) {
    FUZZ_CHECK(db->offset == da->offset + shift, "%s: failure offset %llu, first at %llu", ctx,
               (unsigned long long)db->offset, (unsigned long long)da->offset);
    FUZZ_EQ_U(ctx, *da, *db, code);
    FUZZ_EQ_U(ctx, *da, *db, section);
    FUZZ_EQ_U(ctx, *da, *db, actual);
    FUZZ_EQ_U(ctx, *da, *db, has_actual);
    FUZZ_EQ_U(ctx, *da, *db, has_expected);
    FUZZ_CHECK(strcmp(da->field, db->field) == 0, "%s: field %s vs %s", ctx, da->field, db->field);
  }
}

static void check_version_prefix(const fuzz_input *in) {
  cwasm_bytes v = {in->p + 1, 0};
  cwasm_version a, b;
  cwasm_diag da, db;
  cwasm_status sa, sb;
  while (v.n < in->n - 1 && v.n < 255 && in->p[1 + v.n] != 0) v.n++;
  if (v.n == 0) v.p = NULL;
  fuzz_diag_poison(&da);
  sa = cwasm_version_parse(v, 1, &a, &da);
  fuzz_check_status(sa, &da, in->n, "cwasm_version_parse");
  fuzz_check_version(v, sa, &a);
  fuzz_diag_poison(&db);
  sb = cwasm_version_parse(v, 1, &b, &db);
  FUZZ_CHECK(sa == sb, "version_parse not deterministic");
  fuzz_eq_version("version_parse twice", &a, &b);
  fuzz_eq_diag("version_parse twice", &da, &db);
  if (a.kind == CWASM_VERSION_RELEASE || a.kind == CWASM_VERSION_UNKNOWN_RELEASE) {
    /* the components print back to the same string */
    char txt[32];
    int k = a.full_form ? snprintf(txt, sizeof txt, "%u.%u.%u", a.major, a.minor, a.patch)
                        : snprintf(txt, sizeof txt, "%u", a.major);
    FUZZ_CHECK(k > 0 && (size_t)k == v.n && memcmp(txt, v.p, v.n) == 0,
               "release-shaped \"%.*s\" parsed as %s", (int)v.n, (const char *)v.p, txt);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size};
  const cwasm_layout *layout;
  cwasm_bytes meta;
  cwasm_options sopt, lopt, tiny;
  cwasm_metadata m, again, tm;
  cwasm_diag d, d2, td;
  cwasm_status st, st2, ts;

  fuzz_check_tables_once();
  if (size < 1) return 0;
  layout = cwasm_layout_at(data[0] % cwasm_layout_count());
  FUZZ_CHECK(layout != NULL, "no layout at %u", (unsigned)(data[0] % cwasm_layout_count()));
  meta.p = size > 1 ? data + 1 : NULL;
  meta.n = size - 1;

  memset(&sopt, 0, sizeof sopt);
  lopt = sopt;
  lopt.flags = CWASM_OPT_LENIENT;

  st = decode(meta, 1, layout, &sopt, &m, &d);
  fuzz_check_status(st, &d, size, "cwasm_metadata_decode");
  fuzz_check_meta(&in, meta, 1, layout, st, &m);

  /* Decode again: lenient, at a far base offset. */
  st2 = decode(meta, FAR_BASE, layout, &lopt, &again, &d2);
  fuzz_check_status(st2, &d2, FAR_BASE + meta.n, "cwasm_metadata_decode(lenient, far)");
  check_second_decode(&m, &again, &d, &d2, st, st2, FAR_BASE - 1u);

  /* A limit of one flag per list: respected, with its own code. A list
   * longer than that stops the decode at its count, so this is cheap. */
  memset(&tiny, 0, sizeof tiny);
  tiny.max_flags = 1;
  ts = decode(meta, 1, layout, &tiny, &tm, &td);
  fuzz_check_status(ts, &td, size, "cwasm_metadata_decode(max_flags 1)");
  fuzz_check_meta(&in, meta, 1, layout, ts, &tm);
  if (ts == CWASM_OK) {
    FUZZ_CHECK(st == CWASM_OK, "accepted under a flag limit, rejected without: %s",
               cwasm_status_name(st));
    FUZZ_CHECK(tm.shared_flags.count <= 1 && tm.isa_flags.count <= 1, "flag limit ignored");
    fuzz_eq_meta("flag limit vs none", &m, &tm);
  }
  if (st == CWASM_OK && (m.shared_flags.count > 1 || m.isa_flags.count > 1))
    FUZZ_CHECK(ts == CWASM_E_LIMIT_FLAGS, "%u/%u flags under a limit of 1 gives %s",
               m.shared_flags.count, m.isa_flags.count, cwasm_status_name(ts));

  if (size > 1) check_version_prefix(&in);
  return 0;
}
