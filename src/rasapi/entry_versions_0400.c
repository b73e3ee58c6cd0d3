/* entry_versions_0400.c: entry_versions.inc built as a WINVER 0x0400 caller. */
#define WINVER 0x0400
#define OPENRAS_TEST_WINVER 0x0400
#include "entry_versions.inc"
