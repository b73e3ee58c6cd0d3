/* entry_versions_0601.c: entry_versions.inc built as a WINVER 0x0601 caller. */
#define WINVER 0x0601
#define OPENRAS_TEST_WINVER 0x0601
#include "entry_versions.inc"
