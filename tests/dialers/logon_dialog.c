/* logon_dialog.c: a dialer whose RasCustomDialDlg shows its own dialog (logon_dialog.rc:
 * a status line, user name, password, a check box, Dial and Cancel), as a real dialer's
 * logon dialog does, then dials its entry the built-in way through RasDial
 * (RDEOPT_CustomDial | RDEOPT_NoUser) with what was typed. Each call and what the dialog
 * gave are said on stderr (rasmand's log at logon), never the password itself: its length.
 * For an entry whose name ends in "Custom" the dialog dials through RAS instead, as a
 * dialer whose connection RAS must know dials (RasDial without RDEOPT_CustomDial, which
 * calls this RasCustomDial back and registers the connection).
 * Cancel (the person's, or the host's IDCANCEL on the logon time-out) ends the dialog and
 * RasCustomDialDlg returns FALSE with dwError 0. Used by tests/e2e/logon_dialog.sh. */
#define UNICODE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "logon_dialog.h"

#define EXPORT __attribute__((visibility("default")))

typedef struct Typed {
  LPCWSTR entry;
  WCHAR user[UNLEN + 1];
  WCHAR password[PWLEN + 1];
  BOOL save;
} Typed;

static INT_PTR CALLBACK DialProc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp) {
  Typed* t = (Typed*)GetWindowLongPtr(dlg, DWLP_USER);
  WCHAR status[128];
  switch (msg) {
    case WM_INITDIALOG:
      SetWindowLongPtr(dlg, DWLP_USER, lp);
      t = (Typed*)lp;
      swprintf(status, sizeof status / sizeof status[0], L"Dial-up connection %ls", t->entry);
      SetDlgItemText(dlg, IDC_LD_STATUS, status);
      SetDlgItemText(dlg, IDC_LD_USER, L"guest");
      return TRUE;
    case WM_COMMAND:
      if (LOWORD(wp) == IDOK) {
        GetDlgItemText(dlg, IDC_LD_USER, t->user, UNLEN + 1);
        GetDlgItemText(dlg, IDC_LD_PASSWORD, t->password, PWLEN + 1);
        t->save = IsDlgButtonChecked(dlg, IDC_LD_SAVE) == BST_CHECKED;
        if (t->user[0] == L'\0') {
          /* Stays open, as a dialog that checks what was typed does. */
          SetDlgItemText(dlg, IDC_LD_STATUS, L"Type a user name.");
          return TRUE;
        }
        EndDialog(dlg, IDOK);
        return TRUE;
      }
      if (LOWORD(wp) == IDCANCEL) {
        fprintf(stderr, "logon_dialog: IDCANCEL\n");
        EndDialog(dlg, IDCANCEL);
        return TRUE;
      }
      return FALSE;
    default:
      return FALSE;
  }
}

/* The dial of the entry with the credentials given: the built-in one (`builtin`), or
 * through RAS and so through this dialer's RasCustomDial. */
static DWORD dial(LPCWSTR pbk, LPCWSTR entry, LPCWSTR user, LPCWSTR password, BOOL builtin,
                  DWORD type, LPVOID notifier, LPHRASCONN conn) {
  RASDIALEXTENSIONS ext;
  RASDIALPARAMS params;
  ZeroMemory(&ext, sizeof ext);
  ext.dwSize = sizeof ext;
  ext.dwfOptions = (builtin ? RDEOPT_CustomDial : 0) | RDEOPT_NoUser;
  ZeroMemory(&params, sizeof params);
  params.dwSize = sizeof params;
  lstrcpyn(params.szEntryName, entry, RAS_MaxEntryName + 1);
  lstrcpyn(params.szUserName, user, UNLEN + 1);
  lstrcpyn(params.szPassword, password, PWLEN + 1);
  return RasDial(&ext, pbk, &params, type, notifier, conn);
}

EXPORT DWORD WINAPI RasCustomDial(HINSTANCE inst, LPRASDIALEXTENSIONS ext, LPCWSTR pbk,
                                  LPRASDIALPARAMS params, DWORD type, LPVOID notifier,
                                  LPHRASCONN conn, DWORD flags) {
  (void)inst, (void)ext;
  fprintf(stderr, "logon_dialog: RasCustomDial flags=0x%x\n", (unsigned)flags);
  return dial(pbk, params->szEntryName, params->szUserName, params->szPassword, TRUE, type,
              notifier, conn);
}

EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN conn) { return RasHangUp(conn); }

EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR pbk, LPCWSTR entry, DWORD flags) {
  (void)pbk, (void)entry, (void)flags;
  return ERROR_SUCCESS;
}

EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE inst, DWORD flags, LPWSTR pbk, LPWSTR entry,
                                    LPWSTR phone, LPRASDIALDLG info, PVOID pv) {
  Typed typed;
  HRASCONN conn = NULL;
  INT_PTR result;
  DWORD rc;
  size_t len;
  BOOL through_ras;
  (void)phone, (void)pv;
  if (!info || !entry) return FALSE;
  fprintf(stderr, "logon_dialog: RasCustomDialDlg flags=0x%x logon=%s\n", (unsigned)flags,
          (flags & RCD_Logon) ? "yes" : "no");
  ZeroMemory(&typed, sizeof typed);
  typed.entry = entry;
  info->dwError = 0;
  result = DialogBoxParam(inst, MAKEINTRESOURCE(IDD_LOGON_DIALOG), info->hwndOwner, DialProc,
                          (LPARAM)&typed);
  if (result == -1) {
    info->dwError = GetLastError();
    return FALSE;
  }
  if (result != IDOK) {
    fprintf(stderr, "logon_dialog: cancelled\n");
    return FALSE;
  }
  fprintf(stderr, "logon_dialog: user=%ls password=%u characters save=%s\n", typed.user,
          (unsigned)wcslen(typed.password), typed.save ? "yes" : "no");
  len = wcslen(entry);
  through_ras = len >= 6 && wcscmp(entry + len - 6, L"Custom") == 0;
  rc = dial(pbk, entry, typed.user, typed.password, !through_ras, 0, NULL, &conn);
  SecureZeroMemory(typed.password, sizeof typed.password);
  fprintf(stderr, "logon_dialog: RasDial%s returned %u\n", through_ras ? " through RAS" : "",
          (unsigned)rc);
  if (rc != ERROR_SUCCESS) {
    if (conn) RasHangUp(conn);
    info->dwError = rc;
    return FALSE;
  }
  return TRUE;
}

EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE inst, LPWSTR pbk, LPWSTR entry, LPRASENTRYDLG info,
                                     DWORD flags) {
  (void)inst, (void)pbk, (void)entry, (void)flags;
  if (info) info->dwError = ERROR_CANNOT_DO_CUSTOMDIAL;
  return FALSE;
}
