/* rasdlg.h: the RAS dialog API of OpenRAS, source-compatible with Windows' rasdlg.h.
 * The dialogs are drawn by OpenRAS's dialog runtime (a terminal UI on Linux); a custom
 * dialer's RasCustomDialDlg / RasCustomEntryDlg replace them for its entries. Their
 * windows must close on WM_COMMAND with LOWORD(wParam) == IDCANCEL. */
#ifndef _RASDLG_H_
#define _RASDLG_H_

#include "ras.h"
#include "winuser.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RASPBDEVENT_AddEntry 1
#define RASPBDEVENT_EditEntry 2
#define RASPBDEVENT_RemoveEntry 3
#define RASPBDEVENT_DialEntry 4
#define RASPBDEVENT_EditGlobals 5
#define RASPBDEVENT_NoUser 6
#define RASPBDEVENT_NoUserEdit 7

#define RASNOUSER_SmartCard 0x00000001

#define RASPBDFLAG_PositionDlg 0x00000001
#define RASPBDFLAG_ForceCloseOnDial 0x00000002
#define RASPBDFLAG_NoUser 0x00000010
#define RASPBDFLAG_UpdateDefaults 0x80000000

#define RASEDFLAG_PositionDlg 0x00000001
#define RASEDFLAG_NewEntry 0x00000002
#define RASEDFLAG_CloneEntry 0x00000004
#define RASEDFLAG_NoRename 0x00000008
#define RASEDFLAG_ShellOwned 0x40000000
#define RASEDFLAG_NewPhoneEntry 0x00000010
#define RASEDFLAG_NewTunnelEntry 0x00000020
#define RASEDFLAG_NewDirectEntry 0x00000040
#define RASEDFLAG_NewBroadbandEntry 0x00000080
#define RASEDFLAG_InternetEntry 0x00000100
#define RASEDFLAG_NAT 0x00000200
#define RASEDFLAG_IncomingConnection 0x00000400

#define RASDDFLAG_PositionDlg 0x00000001
#define RASDDFLAG_NoPrompt 0x00000002
#define RASDDFLAG_AoacRedial 0x00000004
#define RASDDFLAG_LinkFailure 0x80000000

typedef struct tagRASDIALDLG {
  DWORD dwSize;
  HWND hwndOwner;
  DWORD dwFlags;
  LONG xDlg;
  LONG yDlg;
  DWORD dwSubEntry;
  DWORD dwError;
  ULONG_PTR reserved;
  ULONG_PTR reserved2;
} RASDIALDLG;
#define LPRASDIALDLG RASDIALDLG*

#define RAS_AW_CAT2(a, b) a##b
#define RAS_AW_CAT(a, b) RAS_AW_CAT2(a, b)

#define RAS_CH WCHAR
#define RAS_STR LPWSTR
#define RAS_AW(name) RAS_AW_CAT(name, W)
#include "rasdlg_aw.inc"
#undef RAS_CH
#undef RAS_STR
#undef RAS_AW

#define RAS_CH CHAR
#define RAS_STR LPSTR
#define RAS_AW(name) RAS_AW_CAT(name, A)
#include "rasdlg_aw.inc"
#undef RAS_CH
#undef RAS_STR
#undef RAS_AW

#define LPRASNOUSERW RASNOUSERW*
#define LPRASNOUSERA RASNOUSERA*
#define LPRASPBDLGW RASPBDLGW*
#define LPRASPBDLGA RASPBDLGA*
#define LPRASENTRYDLGW RASENTRYDLGW*
#define LPRASENTRYDLGA RASENTRYDLGA*

#ifdef UNICODE
#define RASNOUSER RASNOUSERW
#define RASPBDLG RASPBDLGW
#define RASPBDLGFUNC RASPBDLGFUNCW
#define RASENTRYDLG RASENTRYDLGW
#define RasDialDlg RasDialDlgW
#define RasEntryDlg RasEntryDlgW
#define RasPhonebookDlg RasPhonebookDlgW
#else
#define RASNOUSER RASNOUSERA
#define RASPBDLG RASPBDLGA
#define RASPBDLGFUNC RASPBDLGFUNCA
#define RASENTRYDLG RASENTRYDLGA
#define RasDialDlg RasDialDlgA
#define RasEntryDlg RasEntryDlgA
#define RasPhonebookDlg RasPhonebookDlgA
#endif
#define LPRASNOUSER RASNOUSER*
#define LPRASPBDLG RASPBDLG*
#define LPRASENTRYDLG RASENTRYDLG*

/* The two dialog entry points of a custom dialer (it exports these names). */
#if (WINVER >= 0x500)
typedef BOOL(WINAPI* RasCustomDialDlgFn)(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook,
                                         LPWSTR lpszEntry, LPWSTR lpszPhoneNumber,
                                         LPRASDIALDLG lpInfo, PVOID pvInfo);
typedef BOOL(WINAPI* RasCustomEntryDlgFn)(HINSTANCE hInstDll, LPWSTR lpszPhonebook,
                                          LPWSTR lpszEntry, LPRASENTRYDLG lpInfo, DWORD dwFlags);
#endif

#ifdef __cplusplus
}
#endif

#endif /* _RASDLG_H_ */
