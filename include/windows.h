/* windows.h: the part of the Win32 surface an OpenRAS dialer or RAS client needs.
 * Include it first, as on Windows; <ras.h>, <rasdlg.h> and <raserror.h> follow. */
#ifndef _WINDOWS_H_
#define _WINDOWS_H_

#include "windef.h"
#include "winerror.h"
#include "winnt.h"
#include "winnls.h"
#include "winbase.h"
#include "winuser.h"
#include "winreg.h"
#include "synchapi.h"

#endif /* _WINDOWS_H_ */
