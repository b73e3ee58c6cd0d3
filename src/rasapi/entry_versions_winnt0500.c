/* entry_versions_winnt0500.c: entry_versions.inc built by a source that names only
 * _WIN32_WINNT 0x0500, as many Windows sources do; WINVER must follow it. */
#define _WIN32_WINNT 0x0500
#define OPENRAS_TEST_WINVER 0x10500
#include "entry_versions.inc"
