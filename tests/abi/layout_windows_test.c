/* layout_windows_test.c: compiled with -fshort-wchar and #pragma pack(4) only, never
 * linked: our headers under Windows' conventions must give Windows' x64 layout. */
#pragma pack(push, 4)
#include <commctrl.h>
#include <ras.h>
#include <rasdlg.h>
#include <stddef.h>
#include <windows.h>
#include <windowsx.h>
#pragma pack(pop)

_Static_assert(sizeof(WCHAR) == 2, "compile with -fshort-wchar");
#define OPENRAS_SIZE(type, size) _Static_assert(sizeof(type) == (size), "size of " #type);
#define OPENRAS_OFFSET(type, field, offset) \
  _Static_assert(offsetof(type, field) == (offset), "offset of " #type "." #field);
#include "layout_windows.inc"
