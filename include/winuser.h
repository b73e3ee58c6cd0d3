/* winuser.h: the window-message and dialog-result constants dialer UIs use.
 * The dialog runtime (rasdlg issue) adds the functions; these values are Windows'. */
#ifndef _WINUSER_H_
#define _WINUSER_H_

#include "windef.h"

#define WM_NULL 0x0000
#define WM_CREATE 0x0001
#define WM_DESTROY 0x0002
#define WM_CLOSE 0x0010
#define WM_QUIT 0x0012
#define WM_SETTEXT 0x000C
#define WM_GETTEXT 0x000D
#define WM_KEYDOWN 0x0100
#define WM_CHAR 0x0102
#define WM_INITDIALOG 0x0110
#define WM_COMMAND 0x0111
#define WM_SYSCOMMAND 0x0112
#define WM_TIMER 0x0113
#define WM_USER 0x0400
#define WM_APP 0x8000

#define IDOK 1
#define IDCANCEL 2
#define IDABORT 3
#define IDRETRY 4
#define IDIGNORE 5
#define IDYES 6
#define IDNO 7
#define IDCLOSE 8
#define IDHELP 9

#define BN_CLICKED 0
#define SC_CLOSE 0xF060

#endif /* _WINUSER_H_ */
