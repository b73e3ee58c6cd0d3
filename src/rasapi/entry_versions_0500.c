/* entry_versions_0500.c: entry_versions.inc built as a WINVER 0x0500 caller. */
#define WINVER 0x0500
#define OPENRAS_TEST_WINVER 0x0500
#include "entry_versions.inc"
