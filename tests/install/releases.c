/*
 * Prints the table of Wasmtime releases of docs/releases.md from the installed
 * library (cwasm_release_get); tests/cli_install.sh compares the two.
 */
#include <stdio.h>

#include <cwasm/cwasm.h>

int main(void) {
  static const char *const modes[] = {"?", "A", "B", "C", "D", "E"};
  for (unsigned m = CWASM_FIRST_RELEASE; m <= CWASM_LAST_RELEASE; m++) {
    const cwasm_release *r = cwasm_release_get(m);
    if (!r || !r->layout) return 1;
    printf("| %u%s | `%s` | %s | %s | %s | %s | %s |\n", m,
           m == CWASM_LAST_RELEASE ? " (main)" : m == CWASM_NEWEST_RELEASE ? " (default host)" : "",
           r->layout->name, r->layout->codec == CWASM_CODEC_BINCODE ? "bincode" : "postcard",
           r->layout->flags_map ? "map" : "sequence", r->layout->features_name,
           (unsigned)r->elf_mode < 6 ? modes[r->elf_mode] : "?", r->version_full ? "`X.Y.Z`" : "`X`");
  }
  return 0;
}
