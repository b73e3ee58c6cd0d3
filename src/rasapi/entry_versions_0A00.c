/* entry_versions_0A00.c: entry_versions.inc built as a WINVER 0x0A00 caller. */
#define WINVER 0x0A00
#define OPENRAS_TEST_WINVER 0x0A00
#include "entry_versions.inc"
