// window_api.cpp: the C functions of winuser.h on windows and controls, and LoadString.
#include <cstdio>
#include <cstring>
#include <cwchar>

#include "base/utf.h"
#include "dialog/dialog_manager.h"
#include "dialog/resources.h"

using namespace openras::dialog;  // NOLINT: the C ABI file of this folder

namespace {

HWND dlg_item(HWND dlg, int id) {
  WindowPtr d = find_window(dlg);
  if (!d) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return nullptr;
  }
  for (HWND h : d->children) {
    WindowPtr c = find_window(h);
    if (c && c->control_id == id) return h;
  }
  set_last_error(ERROR_CONTROL_ID_NOT_FOUND);
  return nullptr;
}

std::wstring window_text(HWND hwnd) {
  auto len = static_cast<size_t>(SendMessageW(hwnd, WM_GETTEXTLENGTH, 0, 0));
  std::wstring s(len + 1, L'\0');
  auto got = static_cast<size_t>(
      SendMessageW(hwnd, WM_GETTEXT, s.size(), reinterpret_cast<LPARAM>(s.data())));
  s.resize(std::min(got, len));
  return s;
}

int narrow_copy(const std::wstring& text, LPSTR out, int cch) {
  if (!out || cch <= 0) return 0;
  std::string utf8 = openras::wide_to_utf8(text).value_or("");
  auto n = std::min<size_t>(utf8.size(), static_cast<size_t>(cch) - 1);
  std::memcpy(out, utf8.data(), n);
  out[n] = 0;
  return static_cast<int>(n);
}

}  // namespace

extern "C" {

HWND WINAPI GetDlgItem(HWND hDlg, int nIDDlgItem) { return dlg_item(hDlg, nIDDlgItem); }

int WINAPI GetDlgCtrlID(HWND hWnd) {
  WindowPtr w = find_window(hWnd);
  return w ? w->control_id : 0;
}

UINT WINAPI GetDlgItemTextW(HWND hDlg, int nIDDlgItem, LPWSTR lpString, int cchMax) {
  HWND h = dlg_item(hDlg, nIDDlgItem);
  if (!h) {
    if (lpString && cchMax > 0) lpString[0] = 0;
    return 0;
  }
  return static_cast<UINT>(SendMessageW(h, WM_GETTEXT, static_cast<WPARAM>(std::max(cchMax, 0)),
                                        reinterpret_cast<LPARAM>(lpString)));
}

UINT WINAPI GetDlgItemTextA(HWND hDlg, int nIDDlgItem, LPSTR lpString, int cchMax) {
  HWND h = dlg_item(hDlg, nIDDlgItem);
  if (!h) return 0;
  return static_cast<UINT>(narrow_copy(window_text(h), lpString, cchMax));
}

BOOL WINAPI SetDlgItemTextW(HWND hDlg, int nIDDlgItem, LPCWSTR lpString) {
  HWND h = dlg_item(hDlg, nIDDlgItem);
  return h ? static_cast<BOOL>(SendMessageW(h, WM_SETTEXT, 0, reinterpret_cast<LPARAM>(lpString)))
           : FALSE;
}

BOOL WINAPI SetDlgItemTextA(HWND hDlg, int nIDDlgItem, LPCSTR lpString) {
  auto w = openras::utf8_to_wide(lpString ? lpString : "");
  return w ? SetDlgItemTextW(hDlg, nIDDlgItem, w->c_str()) : FALSE;
}

UINT WINAPI GetDlgItemInt(HWND hDlg, int nIDDlgItem, BOOL* lpTranslated, BOOL bSigned) {
  if (lpTranslated) *lpTranslated = FALSE;
  HWND h = dlg_item(hDlg, nIDDlgItem);
  if (!h) return 0;
  std::wstring s = window_text(h);
  size_t i = 0;
  while (i < s.size() && std::iswspace(static_cast<wint_t>(s[i]))) ++i;
  bool negative = false;
  if (bSigned && i < s.size() && s[i] == L'-') {
    negative = true;
    ++i;
  }
  if (i >= s.size() || !std::iswdigit(static_cast<wint_t>(s[i]))) return 0;
  unsigned long long v = 0;
  for (; i < s.size() && std::iswdigit(static_cast<wint_t>(s[i])); ++i) {
    v = v * 10 + static_cast<unsigned>(s[i] - L'0');
    if (v > (bSigned ? 0x80000000ULL : 0xFFFFFFFFULL)) return 0;
  }
  while (i < s.size() && std::iswspace(static_cast<wint_t>(s[i]))) ++i;
  if (i != s.size()) return 0;
  if (bSigned && !negative && v > 0x7FFFFFFF) return 0;
  if (lpTranslated) *lpTranslated = TRUE;
  return negative ? static_cast<UINT>(-static_cast<long long>(v)) : static_cast<UINT>(v);
}

BOOL WINAPI SetDlgItemInt(HWND hDlg, int nIDDlgItem, UINT uValue, BOOL bSigned) {
  std::wstring s = bSigned ? std::to_wstring(static_cast<int>(uValue)) : std::to_wstring(uValue);
  return SetDlgItemTextW(hDlg, nIDDlgItem, s.c_str());
}

BOOL WINAPI CheckDlgButton(HWND hDlg, int nIDButton, UINT uCheck) {
  HWND h = dlg_item(hDlg, nIDButton);
  if (!h) return FALSE;
  SendMessageW(h, BM_SETCHECK, uCheck, 0);
  return TRUE;
}

UINT WINAPI IsDlgButtonChecked(HWND hDlg, int nIDButton) {
  HWND h = dlg_item(hDlg, nIDButton);
  return h ? static_cast<UINT>(SendMessageW(h, BM_GETCHECK, 0, 0)) : 0;
}

BOOL WINAPI CheckRadioButton(HWND hDlg, int nIDFirstButton, int nIDLastButton, int nIDCheckButton) {
  for (int id = nIDFirstButton; id <= nIDLastButton; ++id) {
    if (HWND h = dlg_item(hDlg, id)) SendMessageW(h, BM_SETCHECK, id == nIDCheckButton, 0);
  }
  return TRUE;
}

LRESULT WINAPI SendDlgItemMessageW(HWND hDlg, int nIDDlgItem, UINT Msg, WPARAM wParam,
                                   LPARAM lParam) {
  HWND h = dlg_item(hDlg, nIDDlgItem);
  return h ? SendMessageW(h, Msg, wParam, lParam) : 0;
}

BOOL WINAPI EnableWindow(HWND hWnd, BOOL bEnable) {
  WindowPtr w = own_window(hWnd);
  if (!w) return FALSE;
  BOOL was_disabled = w->enabled() ? FALSE : TRUE;
  if (bEnable) {
    w->style &= ~static_cast<DWORD>(WS_DISABLED);
  } else {
    w->style |= WS_DISABLED;
    if (this_queue().focus == hWnd) set_focus(nullptr);
  }
  if ((bEnable != 0) == (was_disabled != 0)) (void)call_window(w, WM_ENABLE, bEnable != 0, 0);
  return was_disabled;
}

BOOL WINAPI IsWindowEnabled(HWND hWnd) {
  WindowPtr w = find_window(hWnd);
  return w && w->enabled() ? TRUE : FALSE;
}

BOOL WINAPI ShowWindow(HWND hWnd, int nCmdShow) {
  WindowPtr w = own_window(hWnd);
  if (!w) return FALSE;
  BOOL was_visible = w->visible() ? TRUE : FALSE;
  if (nCmdShow == SW_HIDE) {
    w->style &= ~static_cast<DWORD>(WS_VISIBLE);
  } else {
    w->style |= WS_VISIBLE;
  }
  return was_visible;
}

BOOL WINAPI IsWindowVisible(HWND hWnd) {
  WindowPtr w = find_window(hWnd);
  return w && w->visible() ? TRUE : FALSE;
}

BOOL WINAPI IsWindow(HWND hWnd) {
  return hWnd == desktop_window() || find_window(hWnd) ? TRUE : FALSE;
}

HWND WINAPI SetFocus(HWND hWnd) { return set_focus(hWnd); }
HWND WINAPI GetFocus(void) { return this_queue().focus; }

HWND WINAPI GetParent(HWND hWnd) {
  WindowPtr w = find_window(hWnd);
  return w ? w->parent : nullptr;
}

BOOL WINAPI SetWindowTextW(HWND hWnd, LPCWSTR lpString) {
  if (!find_window(hWnd)) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return FALSE;
  }
  return static_cast<BOOL>(SendMessageW(hWnd, WM_SETTEXT, 0, reinterpret_cast<LPARAM>(lpString)));
}

BOOL WINAPI SetWindowTextA(HWND hWnd, LPCSTR lpString) {
  auto w = openras::utf8_to_wide(lpString ? lpString : "");
  return w ? SetWindowTextW(hWnd, w->c_str()) : FALSE;
}

int WINAPI GetWindowTextW(HWND hWnd, LPWSTR lpString, int nMaxCount) {
  if (!find_window(hWnd) || nMaxCount <= 0) return 0;
  return static_cast<int>(SendMessageW(hWnd, WM_GETTEXT, static_cast<WPARAM>(nMaxCount),
                                       reinterpret_cast<LPARAM>(lpString)));
}

int WINAPI GetWindowTextA(HWND hWnd, LPSTR lpString, int nMaxCount) {
  if (!find_window(hWnd)) return 0;
  return narrow_copy(window_text(hWnd), lpString, nMaxCount);
}

int WINAPI GetWindowTextLengthW(HWND hWnd) {
  return find_window(hWnd) ? static_cast<int>(SendMessageW(hWnd, WM_GETTEXTLENGTH, 0, 0)) : 0;
}

LONG_PTR WINAPI GetWindowLongPtrW(HWND hWnd, int nIndex) {
  WindowPtr w = find_window(hWnd);
  if (!w) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return 0;
  }
  bool dialog = w->kind == ControlKind::kDialog;
  if (dialog && nIndex == static_cast<int>(DWLP_MSGRESULT)) return w->msg_result;
  if (dialog && nIndex == static_cast<int>(DWLP_DLGPROC))
    return reinterpret_cast<LONG_PTR>(w->dlg_proc);
  if (dialog && nIndex == static_cast<int>(DWLP_USER)) return w->dlg_user;
  switch (nIndex) {
    case GWL_STYLE:
      return static_cast<LONG_PTR>(w->style);
    case GWL_EXSTYLE:
      return static_cast<LONG_PTR>(w->ex_style);
    case GWLP_ID:
      return w->control_id;
    case GWLP_WNDPROC:
      return reinterpret_cast<LONG_PTR>(w->proc);
    case GWLP_HINSTANCE:
      return reinterpret_cast<LONG_PTR>(w->instance);
    case GWLP_HWNDPARENT:
      return reinterpret_cast<LONG_PTR>(w->parent);
    case GWLP_USERDATA:
      return w->user_data;
    default:
      set_last_error(ERROR_INVALID_INDEX);
      return 0;
  }
}

LONG_PTR WINAPI SetWindowLongPtrW(HWND hWnd, int nIndex, LONG_PTR dwNewLong) {
  WindowPtr w = own_window(hWnd);
  if (!w) return 0;
  LONG_PTR old = GetWindowLongPtrW(hWnd, nIndex);
  bool dialog = w->kind == ControlKind::kDialog;
  if (dialog && nIndex == static_cast<int>(DWLP_MSGRESULT)) {
    w->msg_result = dwNewLong;
  } else if (dialog && nIndex == static_cast<int>(DWLP_DLGPROC)) {
    w->dlg_proc = reinterpret_cast<DLGPROC>(dwNewLong);
  } else if (dialog && nIndex == static_cast<int>(DWLP_USER)) {
    w->dlg_user = dwNewLong;
  } else {
    switch (nIndex) {
      case GWL_STYLE:
        w->style = static_cast<DWORD>(dwNewLong);
        break;
      case GWL_EXSTYLE:
        w->ex_style = static_cast<DWORD>(dwNewLong);
        break;
      case GWLP_ID:
        w->control_id = static_cast<int>(dwNewLong);
        break;
      case GWLP_WNDPROC:
        w->proc = reinterpret_cast<WNDPROC>(dwNewLong);
        break;
      case GWLP_USERDATA:
        w->user_data = dwNewLong;
        break;
      default:
        set_last_error(ERROR_INVALID_INDEX);
        return 0;
    }
  }
  return old;
}

BOOL WINAPI SetWindowPos(HWND hWnd, HWND, int X, int Y, int cx, int cy, UINT uFlags) {
  WindowPtr w = own_window(hWnd);
  if (!w) return FALSE;
  if (!(uFlags & SWP_NOMOVE)) {
    LONG width = w->rect.right - w->rect.left, height = w->rect.bottom - w->rect.top;
    w->rect = RECT{X, Y, X + width, Y + height};
  }
  if (!(uFlags & SWP_NOSIZE)) {
    w->rect.right = w->rect.left + cx;
    w->rect.bottom = w->rect.top + cy;
  }
  if (uFlags & SWP_SHOWWINDOW) w->style |= WS_VISIBLE;
  if (uFlags & SWP_HIDEWINDOW) w->style &= ~static_cast<DWORD>(WS_VISIBLE);
  return TRUE;
}

BOOL WINAPI GetWindowRect(HWND hWnd, LPRECT lpRect) {
  if (!lpRect) return FALSE;
  if (hWnd == desktop_window()) {
    *lpRect = RECT{0, 0, 80 * kBaseX, 25 * kBaseY};  // nominal: an 80×25 terminal
    return TRUE;
  }
  WindowPtr w = find_window(hWnd);
  if (!w) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return FALSE;
  }
  *lpRect = w->rect;
  return TRUE;
}

BOOL WINAPI GetClientRect(HWND hWnd, LPRECT lpRect) {
  if (!GetWindowRect(hWnd, lpRect)) return FALSE;
  *lpRect = RECT{0, 0, lpRect->right - lpRect->left, lpRect->bottom - lpRect->top};
  return TRUE;
}

BOOL WINAPI MapDialogRect(HWND hDlg, LPRECT lpRect) {
  WindowPtr w = find_window(hDlg);
  if (!w || w->kind != ControlKind::kDialog || !lpRect) return FALSE;
  lpRect->left = lpRect->left * kBaseX / 4;
  lpRect->right = lpRect->right * kBaseX / 4;
  lpRect->top = lpRect->top * kBaseY / 8;
  lpRect->bottom = lpRect->bottom * kBaseY / 8;
  return TRUE;
}

HWND WINAPI GetDesktopWindow(void) { return desktop_window(); }

short WINAPI GetKeyState(int nVirtKey) {
  if (nVirtKey == VK_SHIFT && this_queue().shift_down) return static_cast<short>(0x8000);
  return 0;
}

BOOL WINAPI MessageBeep(UINT) { return TRUE; }

int WINAPI LoadStringW(HINSTANCE hInstance, UINT uID, LPWSTR lpBuffer, int cchBufferMax) {
  if (!lpBuffer) return 0;
  auto s = load_string(hInstance, uID);
  if (!s) {
    set_last_error(ERROR_RESOURCE_NAME_NOT_FOUND);
    if (cchBufferMax > 0) lpBuffer[0] = 0;
    return 0;
  }
  if (cchBufferMax == 0) {  // a read-only pointer to the string, which is not terminated
    const wchar_t* p = (*s)->c_str();
    std::memcpy(static_cast<void*>(lpBuffer), &p, sizeof p);
    return static_cast<int>((*s)->size());
  }
  auto n = std::min<size_t>((*s)->size(), static_cast<size_t>(cchBufferMax) - 1);
  std::wmemcpy(lpBuffer, (*s)->data(), n);
  lpBuffer[n] = 0;
  return static_cast<int>(n);
}

int WINAPI LoadStringA(HINSTANCE hInstance, UINT uID, LPSTR lpBuffer, int cchBufferMax) {
  if (!lpBuffer || cchBufferMax <= 0) return 0;
  auto s = load_string(hInstance, uID);
  if (!s) {
    lpBuffer[0] = 0;
    return 0;
  }
  return narrow_copy(**s, lpBuffer, cchBufferMax);
}

}  // extern "C"
