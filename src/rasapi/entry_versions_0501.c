/* entry_versions_0501.c: entry_versions.inc built as a WINVER 0x0501 caller. */
#define WINVER 0x0501
#define OPENRAS_TEST_WINVER 0x0501
#include "entry_versions.inc"
