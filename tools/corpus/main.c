/*
 * cwasm-corpus: writes Wasmtime-shaped artifacts and the committed corpus.
 *
 *   cwasm-corpus corpus DIR
 *       (re)generate the whole corpus: DIR/valid/, DIR/malformed/,
 *       DIR/MANIFEST.tsv (scripts/gen-corpus.sh runs this on corpus/)
 *   cwasm-corpus artifact --release N --target T [--kind module|component]
 *                [--version default|none|custom:STRING] [--text-align N] -o FILE
 *       one artifact as release N of Wasmtime writes it for target T
 *   cwasm-corpus mutation NAME -o FILE
 *       one file of the malformed set
 *   cwasm-corpus list
 *       the targets, the valid set and the mutations
 *
 * The same arguments always give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static void usage(FILE *out) {
  fputs(
      "usage: cwasm-corpus corpus DIR\n"
      "       cwasm-corpus artifact --release N --target T [--kind module|component]\n"
      "                    [--version default|none|custom:STRING] [--text-align N] -o FILE\n"
      "       cwasm-corpus mutation NAME -o FILE\n"
      "       cwasm-corpus list\n"
      "targets (T): a key or triple from 'cwasm-corpus list'\n",
      out);
}

static int write_out(const char *path, const gen_art *a) {
  FILE *f = fopen(path, "wb");
  if (!f || (a->file_len && fwrite(a->file, 1, a->file_len, f) != a->file_len) || fclose(f) != 0) {
    fprintf(stderr, "cwasm-corpus: cannot write %s\n", path);
    return 1;
  }
  return 0;
}

static int cmd_list(void) {
  char stem[128];
  puts("targets:");
  for (size_t i = 0; i < gen_target_count(); i++) {
    const gen_target *t = gen_target_at(i);
    printf("  %-16s %-32s from v%u\n", t->key, t->triple, (unsigned)t->first_release);
  }
  puts("valid:");
  for (size_t i = 0; i < gen_valid_count(); i++) {
    gen_valid_stem(gen_valid_at(i), stem, sizeof stem);
    printf("  %s\n", stem);
  }
  puts("mutations:");
  for (size_t i = 0; i < gen_mutation_count(); i++) {
    const gen_mutation *m = gen_mutation_at(i);
    printf("  %-40s %-28s %s\n", m->name, m->status, m->base ? m->base : "-");
  }
  return 0;
}

static int cmd_artifact(int argc, char **argv) {
  static gen_art a;
  gen_params p;
  const char *out = NULL;
  memset(&p, 0, sizeof p);
  p.kind = CWASM_KIND_MODULE;
  for (int i = 2; i < argc; i++) {
    const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!val) {
      fprintf(stderr, "cwasm-corpus: %s needs a value\n", arg);
      return 64;
    }
    i++;
    if (strcmp(arg, "--release") == 0) {
      p.release = (uint16_t)strtoul(val, NULL, 10);
    } else if (strcmp(arg, "--target") == 0) {
      p.target = gen_target_find(val);
      if (!p.target) {
        fprintf(stderr, "cwasm-corpus: unknown target %s (see 'cwasm-corpus list')\n", val);
        return 64;
      }
    } else if (strcmp(arg, "--kind") == 0) {
      if (strcmp(val, "module") == 0)
        p.kind = CWASM_KIND_MODULE;
      else if (strcmp(val, "component") == 0)
        p.kind = CWASM_KIND_COMPONENT;
      else {
        fprintf(stderr, "cwasm-corpus: --kind wants module or component\n");
        return 64;
      }
    } else if (strcmp(arg, "--version") == 0) {
      if (strcmp(val, "default") == 0)
        p.strategy = GEN_VERSION_DEFAULT;
      else if (strcmp(val, "none") == 0)
        p.strategy = GEN_VERSION_NONE;
      else if (strncmp(val, "custom:", 7) == 0)
        p.strategy = GEN_VERSION_CUSTOM, p.custom = val + 7;
      else {
        fprintf(stderr, "cwasm-corpus: --version wants default, none or custom:STRING\n");
        return 64;
      }
    } else if (strcmp(arg, "--text-align") == 0) {
      p.text_align = strtoull(val, NULL, 10);
    } else if (strcmp(arg, "-o") == 0) {
      out = val;
    } else {
      fprintf(stderr, "cwasm-corpus: unknown option %s\n", arg);
      return 64;
    }
  }
  if (!p.release || !p.target || !out) {
    usage(stderr);
    return 64;
  }
  if (gen_art_init(&a, &p) != 0 || gen_art_encode(&a) != 0 || gen_art_sections(&a) != 0 ||
      gen_art_write(&a) != 0) {
    fprintf(stderr, "cwasm-corpus: %s\n", a.error);
    gen_art_free(&a);
    return 1;
  }
  int rc = write_out(out, &a);
  gen_art_free(&a);
  return rc;
}

static int cmd_mutation(int argc, char **argv) {
  static gen_art a;
  if (argc != 5 || strcmp(argv[3], "-o") != 0) {
    usage(stderr);
    return 64;
  }
  for (size_t i = 0; i < gen_mutation_count(); i++) {
    const gen_mutation *m = gen_mutation_at(i);
    if (strcmp(m->name, argv[2]) != 0) continue;
    if (gen_build_mutation(m, &a) != 0) {
      fprintf(stderr, "cwasm-corpus: %s\n", a.error);
      gen_art_free(&a);
      return 1;
    }
    int rc = write_out(argv[4], &a);
    gen_art_free(&a);
    return rc;
  }
  fprintf(stderr, "cwasm-corpus: no mutation named %s\n", argv[2]);
  return 64;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "corpus") == 0 && argc == 3) return gen_corpus(argv[2]) == 0 ? 0 : 1;
  if (argc >= 2 && strcmp(argv[1], "artifact") == 0) return cmd_artifact(argc, argv);
  if (argc >= 2 && strcmp(argv[1], "mutation") == 0) return cmd_mutation(argc, argv);
  if (argc == 2 && strcmp(argv[1], "list") == 0) return cmd_list();
  if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    usage(stdout);
    return 0;
  }
  usage(stderr);
  return 64;
}
