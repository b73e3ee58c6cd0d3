/* entry_versions_0401.c: entry_versions.inc built as a WINVER 0x0401 caller. */
#define WINVER 0x0401
#define OPENRAS_TEST_WINVER 0x0401
#include "entry_versions.inc"
