/* layout_test_c.c: the public headers compile as C99 and give the pinned layout. */
#include <commctrl.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stddef.h>
#include <windows.h>
#include <windowsx.h>

#define OPENRAS_SIZE(type, size) _Static_assert(sizeof(type) == (size), "size of " #type);
#define OPENRAS_OFFSET(type, field, offset) \
  _Static_assert(offsetof(type, field) == (offset), "offset of " #type "." #field);
#include "layout_linux.inc"

/* Referenced from layout_test.cpp so this object is linked and its checks are compiled. */
int openras_layout_c_checked(void) { return (int)sizeof(RASENTRYW); }
