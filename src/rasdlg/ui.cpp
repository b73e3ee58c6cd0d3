// ui.cpp: see ui.h.
#include "rasdlg/ui.h"

#include <cstdint>
#include <cwchar>

#include "raserror.h"
#include "winuser.h"

extern "C" const OPENRAS_RESOURCE_DIRECTORY OpenRasRasdlgResources;

namespace openras::rasdlg {

namespace {

constexpr uint16_t kRtDialog = 5;

const DLGTEMPLATE* find_template(int id) {
  const OPENRAS_RESOURCE_DIRECTORY& dir = OpenRasRasdlgResources;
  for (DWORD i = 0; i < dir.cResources; ++i) {
    const OPENRAS_RESOURCE& r = dir.pResources[i];
    if (r.wType == kRtDialog && r.pszName == nullptr && r.wId == id) {
      return reinterpret_cast<const DLGTEMPLATE*>(r.pbData);
    }
  }
  return nullptr;
}

struct Binding {
  Handlers handlers;
  void* state;
};

INT_PTR CALLBACK bound_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  if (message == WM_INITDIALOG) {
    auto* binding = reinterpret_cast<Binding*>(lparam);
    SetWindowLongPtrW(hwnd, DWLP_USER, lparam);
    return binding->handlers.init(hwnd, reinterpret_cast<HWND>(wparam),
                                  reinterpret_cast<LPARAM>(binding->state));
  }
  auto* binding = reinterpret_cast<Binding*>(GetWindowLongPtrW(hwnd, DWLP_USER));
  if (!binding) return FALSE;
  if (message == WM_COMMAND) {
    binding->handlers.command(hwnd, LOWORD(wparam), reinterpret_cast<HWND>(lparam), HIWORD(wparam));
    return TRUE;
  }
  if (binding->handlers.other) {
    return binding->handlers.other(hwnd, message, wparam, lparam) ? TRUE : FALSE;
  }
  return FALSE;
}

}  // namespace

void* dialog_state(HWND hwnd) {
  auto* binding = reinterpret_cast<Binding*>(GetWindowLongPtrW(hwnd, DWLP_USER));
  return binding ? binding->state : nullptr;
}

BOOL run_dialog(int id, HWND owner, const Handlers& handlers, void* state, DWORD* dw_error) {
  const DLGTEMPLATE* tmpl = find_template(id);
  if (!tmpl) {
    *dw_error = ERROR_RESOURCE_NAME_NOT_FOUND;
    return FALSE;
  }
  Binding binding{handlers, state};
  SetLastError(0);
  INT_PTR result =
      DialogBoxIndirectParamW(nullptr, tmpl, owner, bound_proc, reinterpret_cast<LPARAM>(&binding));
  if (result == -1) *dw_error = GetLastError() ? GetLastError() : ERROR_NOT_SUPPORTED;
  return result == TRUE ? TRUE : FALSE;
}

std::wstring state_text(RASCONNSTATE state, const std::wstring& number) {
  switch (state) {
    case RASCS_OpenPort:
    case RASCS_PortOpened:
      return L"Opening port...";
    case RASCS_ConnectDevice:
      return L"Dialing " + number + L"...";
    case RASCS_DeviceConnected:
    case RASCS_AllDevicesConnected:
      return L"Connected to the remote computer.";
    case RASCS_Authenticate:
    case RASCS_AuthNotify:
    case RASCS_AuthRetry:
    case RASCS_AuthAck:
      return L"Verifying user name and password...";
    case RASCS_Authenticated:
    case RASCS_AuthProject:
    case RASCS_Projected:
      return L"Registering your computer on the network...";
    case RASCS_Connected:
      return L"Connected.";
    case RASCS_Disconnected:
      return L"Disconnected.";
    default:
      return L"Connecting...";
  }
}

std::wstring error_text(DWORD code) {
  WCHAR text[512] = L"";
  if (RasGetErrorStringW(static_cast<UINT>(code), text, 512) != 0) text[0] = L'\0';
  return L"Error " + std::to_wstring(code) + L": " + text;
}

std::wstring window_text(HWND window) {
  int length = GetWindowTextLengthW(window);
  if (length <= 0) return {};
  std::wstring text(static_cast<size_t>(length) + 1, L'\0');
  int got = GetWindowTextW(window, text.data(), length + 1);
  text.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return text;
}

std::wstring item_text(HWND dialog, int id) { return window_text(GetDlgItem(dialog, id)); }

bool copy_to(const std::wstring& text, WCHAR* out, size_t capacity) {
  if (text.size() + 1 > capacity) return false;
  std::wmemcpy(out, text.c_str(), text.size() + 1);
  return true;
}

}  // namespace openras::rasdlg
