/* sample.c: a dialog written as for Windows — a resource script, windowsx.h message
 * crackers, DialogBoxParam — built with rasrc. It also hosts itself: it chooses a renderer
 * (--script FILE [--transcript FILE] for the scripted one, else the terminal) and cancels
 * its dialog on SIGINT/SIGTERM. Prints what the dialog returned. */
#ifndef UNICODE
#define UNICODE
#endif
#include <commctrl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <windowsx.h>

#include "resource.h"

static WCHAR g_user[64];
static BOOL g_save;

static BOOL OnInitDialog(HWND hwnd, HWND hwndFocus, LPARAM lParam) {
  HWND device = GetDlgItem(hwnd, IDC_DEVICE);
  WCHAR ready[64];
  UNREFERENCED_PARAMETER(hwndFocus);
  UNREFERENCED_PARAMETER(lParam);
  ComboBox_AddString(device, L"Modem (ttyS0)");
  ComboBox_AddString(device, L"VPN");
  ComboBox_SetCurSel(device, 0);
  Edit_LimitText(GetDlgItem(hwnd, IDC_USER), ARRAYSIZE(g_user) - 1);
  LoadString(GetWindowInstance(hwnd), IDS_READY, ready, ARRAYSIZE(ready));
  SetDlgItemText(hwnd, IDC_STATUS, ready);
  return TRUE;
}

static void OnCommand(HWND hwnd, int id, HWND hwndCtl, UINT codeNotify) {
  WCHAR format[64], text[128], user[64];
  UNREFERENCED_PARAMETER(hwndCtl);
  switch (id) {
    case IDC_USER:
      if (codeNotify == EN_CHANGE && LoadString(GetWindowInstance(hwnd), IDS_TYPING, format, 64)) {
        Edit_GetText(GetDlgItem(hwnd, IDC_USER), user, ARRAYSIZE(user));
        swprintf(text, ARRAYSIZE(text), format, user);
        SetDlgItemText(hwnd, IDC_STATUS, text);
      }
      break;
    case IDOK:
      GetDlgItemText(hwnd, IDC_USER, g_user, ARRAYSIZE(g_user));
      g_save = Button_GetCheck(GetDlgItem(hwnd, IDC_SAVE)) == BST_CHECKED;
      EndDialog(hwnd, IDOK);
      break;
    case IDCANCEL:
      EndDialog(hwnd, IDCANCEL);
      break;
    default:
      break;
  }
}

static INT_PTR CALLBACK LogonDlgProc(HWND hwnd, UINT uMsg, WPARAM wParam, LPARAM lParam) {
  switch (uMsg) {
    HANDLE_MSG(hwnd, WM_INITDIALOG, OnInitDialog);
    HANDLE_MSG(hwnd, WM_COMMAND, OnCommand);
    default:
      return FALSE;
  }
}

static void on_signal(int sig) {
  (void)sig;
  OpenRasCancelDialogs();
}

int main(int argc, char** argv) {
  const char* script = NULL;
  const char* transcript = NULL;
  WCHAR title[64];
  INT_PTR result;
  DWORD rc;
  int i;
  for (i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--script") == 0) script = argv[i + 1];
    if (strcmp(argv[i], "--transcript") == 0) transcript = argv[i + 1];
  }
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  rc = OpenRasSetDialogRenderer(script ? OPENRAS_RENDERER_SCRIPTED : OPENRAS_RENDERER_AUTO, script,
                                transcript);
  if (rc != ERROR_SUCCESS) {
    fprintf(stderr, "sample: no renderer (error %lu): run it in a terminal or pass --script FILE\n",
            (unsigned long)rc);
    return 3;
  }
  if (!LoadString(NULL, IDS_TITLE, title, ARRAYSIZE(title))) wcscpy(title, L"?");
  result = DialogBoxParam(NULL, MAKEINTRESOURCE(IDD_LOGON), NULL, LogonDlgProc, 0);
  printf("result %ld user \"%ls\" save %d title \"%ls\"\n", (long)result, g_user, g_save, title);
  fflush(stdout);
  return result == IDOK ? 0 : result == IDCANCEL ? 2 : 1;
}
