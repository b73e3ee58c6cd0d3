// dial_dlg.cpp: the built-in RasDialDlgW — credentials, the number, "save password",
// then the dial itself through RasDialW with a RASDIALFUNC2 notifier whose states the
// dialog shows; an error leaves the dialog open with Redial; Cancel hangs up; a hang-up
// of the dial from another thread or process cancels the dialog as the host would.
//
// The notifier runs on libopenras's notification thread: it only posts the state to the
// dialog (PostMessageW is safe from any thread); everything else runs on the dialog's.
#include <cstring>
#include <string>

#include "dialog/dialog.h"
#include "rasdlg/resource.h"
#include "rasdlg/ui.h"
#include "raserror.h"
#include "windowsx.h"

namespace openras::rasdlg {

namespace {

// WM_APP + 1: wParam a RASCONNSTATE, lParam its error (posted by the notifier).
constexpr UINT kDialEvent = WM_APP + 1;
// While dialling, the dial is looked at twice a second: RasHangUpW of it from another
// thread of this process stops its notifications at once, so only its disappearance
// tells the dialog (a hang-up from another process also arrives as a notification).
constexpr UINT_PTR kWatchTimer = 1;
constexpr UINT kWatchMs = 500;

struct DialState {
  LPWSTR phonebook = nullptr;
  std::wstring entry;
  std::wstring number;
  LPRASDIALDLG info = nullptr;
  HRASCONN conn = nullptr;
  bool dialing = false;
  bool prompt = true;  // ask for credentials first, or dial at once
  DWORD last_error = 0;
};

DWORD WINAPI on_dial_event(ULONG_PTR callback_id, DWORD, HRASCONN, UINT, RASCONNSTATE state,
                           DWORD error, DWORD) {
  PostMessageW(reinterpret_cast<HWND>(callback_id), kDialEvent, static_cast<WPARAM>(state),
               static_cast<LPARAM>(error));
  return 1;  // keep the notifications coming
}

void set_inputs_enabled(HWND hwnd, bool enabled) {
  for (int id : {IDC_DD_USER, IDC_DD_PASSWORD, IDC_DD_DOMAIN, IDC_DD_SAVE, IDC_DD_NUMBER, IDOK}) {
    EnableWindow(GetDlgItem(hwnd, id), enabled ? TRUE : FALSE);
  }
}

// The dial the dialog belongs to was hung up elsewhere: the host cancels the dialog, which
// ends through IDCANCEL (FALSE, dwError 0) rather than offering Redial.
void hung_up_elsewhere(HWND hwnd, DialState& s) {
  KillTimer(hwnd, kWatchTimer);
  s.conn = nullptr;
  s.dialing = false;  // late notifications of the dial are ignored
  dialog::cancel_dialog(hwnd, "the dial was hung up (RasHangUp)");
}

void show_failure(HWND hwnd, DialState& s, DWORD error) {
  KillTimer(hwnd, kWatchTimer);
  s.last_error = error;
  s.dialing = false;
  SetDlgItemTextW(hwnd, IDC_DD_STATUS,
                  (error_text(error) + L" Press Redial to try again.").c_str());
  SetDlgItemTextW(hwnd, IDOK, L"&Redial");
  set_inputs_enabled(hwnd, true);
  SetFocus(GetDlgItem(hwnd, IDOK));
}

void start_dial(HWND hwnd, DialState& s) {
  RASDIALPARAMSW params;
  std::memset(&params, 0, sizeof params);
  params.dwSize = sizeof params;
  s.number = item_text(hwnd, IDC_DD_NUMBER);
  if (!copy_to(s.entry, params.szEntryName, RAS_MaxEntryName + 1) ||
      !copy_to(s.number, params.szPhoneNumber, RAS_MaxPhoneNumber + 1) ||
      !copy_to(item_text(hwnd, IDC_DD_USER), params.szUserName, UNLEN + 1) ||
      !copy_to(item_text(hwnd, IDC_DD_PASSWORD), params.szPassword, PWLEN + 1) ||
      !copy_to(item_text(hwnd, IDC_DD_DOMAIN), params.szDomain, DNLEN + 1)) {
    show_failure(hwnd, s, ERROR_INVALID_PARAMETER);
    return;
  }
  // What the user typed is remembered as Windows does: the user name and domain always,
  // the password only with "Save" ticked (unticking forgets a saved one).
  bool save = Button_GetCheck(GetDlgItem(hwnd, IDC_DD_SAVE)) == BST_CHECKED;
  DWORD saved = RasSetEntryDialParamsW(s.phonebook, &params, save ? FALSE : TRUE);
  if (saved != 0) {
    show_failure(hwnd, s, saved);
    return;
  }
  params.dwCallbackId = reinterpret_cast<ULONG_PTR>(hwnd);
  s.dialing = true;
  s.conn = nullptr;
  set_inputs_enabled(hwnd, false);
  SetDlgItemTextW(hwnd, IDC_DD_STATUS, state_text(RASCS_OpenPort, s.number).c_str());
  DWORD rc =
      RasDialW(nullptr, s.phonebook, &params, 2, reinterpret_cast<LPVOID>(&on_dial_event), &s.conn);
  std::memset(params.szPassword, 0, sizeof params.szPassword);
  if (rc != 0) {
    if (s.conn) RasHangUpW(s.conn);
    s.conn = nullptr;
    show_failure(hwnd, s, rc);
    return;
  }
  SetTimer(hwnd, kWatchTimer, kWatchMs, nullptr);
}

// The watch: a dial whose handle no longer answers was hung up.
void on_watch(HWND hwnd, DialState& s) {
  if (!s.dialing || !s.conn) {
    KillTimer(hwnd, kWatchTimer);
    return;
  }
  RASCONNSTATUSW status;
  std::memset(&status, 0, sizeof status);
  status.dwSize = sizeof status;
  if (RasGetConnectStatusW(s.conn, &status) == ERROR_INVALID_HANDLE) hung_up_elsewhere(hwnd, s);
}

void on_event(HWND hwnd, DialState& s, RASCONNSTATE state, DWORD error) {
  if (!s.dialing) return;  // a late event of a dial already hung up
  if (error != 0) {
    if (s.conn) RasHangUpW(s.conn);
    s.conn = nullptr;
    show_failure(hwnd, s, error);
    return;
  }
  SetDlgItemTextW(hwnd, IDC_DD_STATUS, state_text(state, s.number).c_str());
  if (state == RASCS_Connected) {
    KillTimer(hwnd, kWatchTimer);
    s.dialing = false;
    s.info->dwError = 0;
    EndDialog(hwnd, TRUE);
  } else if (state == RASCS_Disconnected) {
    // Ended without an error: RasHangUp of this dial from another process (rasphone -h).
    hung_up_elsewhere(hwnd, s);
  }
}

BOOL on_init(HWND hwnd, HWND, LPARAM param) {
  auto* s = reinterpret_cast<DialState*>(param);
  SetWindowTextW(hwnd, (L"Connect " + s->entry).c_str());
  RASDIALPARAMSW params;
  std::memset(&params, 0, sizeof params);
  params.dwSize = sizeof params;
  copy_to(s->entry, params.szEntryName, RAS_MaxEntryName + 1);
  BOOL has_password = FALSE;
  if (RasGetEntryDialParamsW(s->phonebook, &params, &has_password) == 0) {
    SetDlgItemTextW(hwnd, IDC_DD_USER, params.szUserName);
    SetDlgItemTextW(hwnd, IDC_DD_DOMAIN, params.szDomain);
    if (has_password) {
      SetDlgItemTextW(hwnd, IDC_DD_PASSWORD, params.szPassword);
      Button_SetCheck(GetDlgItem(hwnd, IDC_DD_SAVE), BST_CHECKED);
    }
    std::memset(params.szPassword, 0, sizeof params.szPassword);
  }
  SetDlgItemTextW(hwnd, IDC_DD_NUMBER, s->number.c_str());
  Edit_LimitText(GetDlgItem(hwnd, IDC_DD_USER), UNLEN);
  Edit_LimitText(GetDlgItem(hwnd, IDC_DD_PASSWORD), PWLEN);
  Edit_LimitText(GetDlgItem(hwnd, IDC_DD_DOMAIN), DNLEN);
  Edit_LimitText(GetDlgItem(hwnd, IDC_DD_NUMBER), RAS_MaxPhoneNumber);
  // RASDDFLAG_NoPrompt, or an entry without "Prompt for name and password"
  // (RASEO_PreviewUserPw): dial at once with what is stored, showing only the progress.
  if (!s->prompt) PostMessageW(hwnd, WM_COMMAND, IDOK, 0);
  return TRUE;
}

void on_command(HWND hwnd, int id, HWND, UINT) {
  DialState* s = state_of<DialState>(hwnd);
  if (!s) return;
  if (id == IDOK && !s->dialing) {
    start_dial(hwnd, *s);
  } else if (id == IDCANCEL) {
    // Cancelled: hang up a dial in progress; FALSE with dwError 0, or the error of the
    // last failed attempt when the user gives up after one.
    if (s->dialing && s->conn) RasHangUpW(s->conn);
    s->conn = nullptr;
    s->dialing = false;
    s->info->dwError = s->last_error;
    EndDialog(hwnd, FALSE);
  }
}

bool on_other(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam) {
  if (msg == WM_TIMER && wparam == kWatchTimer) {
    if (DialState* s = state_of<DialState>(hwnd)) on_watch(hwnd, *s);
    return true;
  }
  if (msg != kDialEvent) return false;
  if (DialState* s = state_of<DialState>(hwnd)) {
    on_event(hwnd, *s, static_cast<RASCONNSTATE>(wparam), static_cast<DWORD>(lparam));
  }
  return true;
}

}  // namespace

BOOL builtin_dial_dlg(LPWSTR phonebook, LPWSTR entry, LPWSTR phone_number, LPRASDIALDLG info) {
  RASENTRYW props;
  std::memset(&props, 0, sizeof props);
  props.dwSize = sizeof props;
  DWORD size = sizeof props;
  DWORD rc = RasGetEntryPropertiesW(phonebook, entry, &props, &size, nullptr, nullptr);
  if (rc == ERROR_BUFFER_TOO_SMALL) rc = 0;  // alternates follow; the first number is enough
  if (rc != 0) {
    info->dwError = rc;
    return FALSE;
  }
  DialState s;
  s.phonebook = phonebook;
  s.entry = entry;
  s.number = phone_number && *phone_number ? phone_number : props.szLocalPhoneNumber;
  s.info = info;
  s.prompt = !(info->dwFlags & RASDDFLAG_NoPrompt) && (props.dwfOptions & RASEO_PreviewUserPw);
  BOOL result =
      run_dialog(IDD_DIAL, info->hwndOwner, {on_init, on_command, on_other}, &s, &info->dwError);
  // Torn down after ignoring IDCANCEL cannot happen to our own dialog; a host cancel ends
  // it through IDCANCEL (FALSE, dwError 0).
  if (!result && s.conn) RasHangUpW(s.conn);
  return result;
}

}  // namespace openras::rasdlg
