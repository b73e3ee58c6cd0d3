/* commctrl.h: the part of Windows' common-controls header dialer dialogs touch: the class
 * names a .rc CONTROL statement may use, and InitCommonControls(Ex), which a dialer calls
 * before its first dialog. OpenRAS's controls need no registration, so both succeed and do
 * nothing. The common controls themselves (progress bar, list view, …) are not provided:
 * in a template they appear as inert placeholders (docs/dialogs.md). */
#ifndef _INC_COMMCTRL
#define _INC_COMMCTRL

#include "winuser.h"

#define WC_BUTTONW L"Button"
#define WC_EDITW L"Edit"
#define WC_STATICW L"Static"
#define WC_LISTBOXW L"ListBox"
#define WC_COMBOBOXW L"ComboBox"
#define WC_SCROLLBARW L"ScrollBar"
#define PROGRESS_CLASSW L"msctls_progress32"
#ifdef UNICODE
#define WC_BUTTON WC_BUTTONW
#define WC_EDIT WC_EDITW
#define WC_STATIC WC_STATICW
#define WC_LISTBOX WC_LISTBOXW
#define WC_COMBOBOX WC_COMBOBOXW
#define WC_SCROLLBAR WC_SCROLLBARW
#define PROGRESS_CLASS PROGRESS_CLASSW
#else
#define WC_BUTTON "Button"
#define WC_EDIT "Edit"
#define WC_STATIC "Static"
#define WC_LISTBOX "ListBox"
#define WC_COMBOBOX "ComboBox"
#define WC_SCROLLBAR "ScrollBar"
#define PROGRESS_CLASS "msctls_progress32"
#endif

#define ICC_LISTVIEW_CLASSES 0x00000001
#define ICC_TREEVIEW_CLASSES 0x00000002
#define ICC_BAR_CLASSES 0x00000004
#define ICC_TAB_CLASSES 0x00000008
#define ICC_UPDOWN_CLASS 0x00000010
#define ICC_PROGRESS_CLASS 0x00000020
#define ICC_WIN95_CLASSES 0x000000FF
#define ICC_STANDARD_CLASSES 0x00004000

typedef struct tagINITCOMMONCONTROLSEX {
  DWORD dwSize;
  DWORD dwICC;
} INITCOMMONCONTROLSEX, *LPINITCOMMONCONTROLSEX;

static inline void InitCommonControls(void) {}
static inline BOOL InitCommonControlsEx(const INITCOMMONCONTROLSEX* picce) {
  return picce != NULL && picce->dwSize == sizeof(INITCOMMONCONTROLSEX);
}

#define EM_SETCUEBANNER 0x1501
#define CB_SETCUEBANNER 0x1703

#endif /* _INC_COMMCTRL */
