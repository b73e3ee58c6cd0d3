/* entry_versions_0600.c: entry_versions.inc built as a WINVER 0x0600 caller. */
#define WINVER 0x0600
#define OPENRAS_TEST_WINVER 0x0600
#include "entry_versions.inc"
