// message_box.cpp: MessageBoxW as an ordinary modal dialog built from a template, so it
// nests over the caller's dialog, renders and cancels like any other.
#include <vector>

#include "base/utf.h"
#include "dialog/dialog_manager.h"

using namespace openras::dialog;  // NOLINT: the C ABI file of MessageBox

namespace {

struct Button {
  int id;
  const char16_t* text;
};

std::vector<Button> buttons_for(UINT type) {
  switch (type & MB_TYPEMASK) {
    case MB_OKCANCEL:
      return {{IDOK, u"OK"}, {IDCANCEL, u"Cancel"}};
    case MB_ABORTRETRYIGNORE:
      return {{IDABORT, u"&Abort"}, {IDRETRY, u"&Retry"}, {IDIGNORE, u"&Ignore"}};
    case MB_YESNOCANCEL:
      return {{IDYES, u"&Yes"}, {IDNO, u"&No"}, {IDCANCEL, u"Cancel"}};
    case MB_YESNO:
      return {{IDYES, u"&Yes"}, {IDNO, u"&No"}};
    case MB_RETRYCANCEL:
      return {{IDRETRY, u"&Retry"}, {IDCANCEL, u"Cancel"}};
    case MB_CANCELTRYCONTINUE:
      return {{IDCANCEL, u"Cancel"}, {IDTRYAGAIN, u"&Try Again"}, {IDCONTINUE, u"&Continue"}};
    default:
      return {{IDOK, u"OK"}};
  }
}

std::u16string to_u16(const std::wstring& s) {
  std::u16string out;
  for (wchar_t c : s) append_utf16(out, static_cast<char32_t>(c));
  return out;
}

struct BoxState {
  UINT type;
  bool has_cancel;
  int default_id;
};

INT_PTR CALLBACK box_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  if (message == WM_INITDIALOG) {
    SetWindowLongPtrW(hwnd, DWLP_USER, lparam);
    auto* state = reinterpret_cast<BoxState*>(lparam);
    SetFocus(GetDlgItem(hwnd, state->default_id));
    return FALSE;
  }
  if (message != WM_COMMAND) return FALSE;
  auto* state = reinterpret_cast<BoxState*>(GetWindowLongPtrW(hwnd, DWLP_USER));
  int id = LOWORD(wparam);
  if (id == IDCANCEL && !state->has_cancel) {
    WindowPtr w = find_window(hwnd);
    if (w && w->cancel_delivered) {
      EndDialog(hwnd, IDCANCEL);  // the host cancels even a box without Cancel
    } else if ((state->type & MB_TYPEMASK) == MB_OK) {
      EndDialog(hwnd, IDOK);  // L-MB: Esc on a lone OK button returns IDOK
    }
    return TRUE;
  }
  EndDialog(hwnd, id);
  return TRUE;
}

}  // namespace

extern "C" {

int WINAPI MessageBoxW(HWND hWnd, LPCWSTR lpText, LPCWSTR lpCaption, UINT uType) {
  if ((uType & MB_HELP) && in_logon_mode()) {
    // Help is a way to the file system at logon (docs/dialogs.md §8).
    SetLastError(ERROR_ACCESS_DENIED);
    return 0;
  }
  try {
    std::wstring text = lpText ? lpText : L"";
    std::vector<Button> buttons = buttons_for(uType);
    int lines = 1, width = 0, col = 0;
    for (wchar_t c : text) {
      if (c == L'\n') {
        ++lines;
        col = 0;
      } else {
        width = std::max(width, ++col);
      }
    }
    DialogTemplate t;
    t.style = WS_POPUP | WS_CAPTION | WS_SYSMENU | DS_MODALFRAME | DS_CENTER;
    t.title = to_u16(lpCaption ? lpCaption : L"Error");
    auto row = static_cast<int16_t>(lines * 8 + 14);
    int button_span = static_cast<int>(buttons.size()) * 56;
    t.cx = static_cast<int16_t>(std::clamp(std::max(width * 4 + 14, button_span + 8), 80, 400));
    t.cy = static_cast<int16_t>(row + 22);
    ItemTemplate label;
    label.style = WS_VISIBLE | SS_LEFT | SS_NOPREFIX;
    label.x = 7;
    label.y = 7;
    label.cx = static_cast<int16_t>(t.cx - 14);
    label.cy = static_cast<int16_t>(lines * 8);
    label.id = 0xFFFF;
    label.window_class = kStaticAtom;
    label.title = to_u16(text);
    t.items.push_back(label);
    size_t def = std::min<size_t>((uType & MB_DEFMASK) >> 8, buttons.size() - 1);
    BoxState state{uType, false, buttons[def].id};
    auto x = static_cast<int16_t>(t.cx - button_span);
    for (size_t i = 0; i < buttons.size(); ++i) {
      ItemTemplate b;
      b.style = WS_VISIBLE | WS_TABSTOP | (i == def ? BS_DEFPUSHBUTTON : BS_PUSHBUTTON) |
                (i == 0 ? WS_GROUP : 0);
      b.x = static_cast<int16_t>(x + static_cast<int16_t>(i) * 56);
      b.y = row;
      b.cx = 50;
      b.cy = 14;
      b.id = static_cast<uint32_t>(buttons[i].id);
      b.window_class = kButtonAtom;
      b.title = std::u16string(buttons[i].text);
      t.items.push_back(b);
      if (buttons[i].id == IDCANCEL) state.has_cancel = true;
    }
    DialogParams p{nullptr, hWnd, box_proc, reinterpret_cast<LPARAM>(&state)};
    INT_PTR r = run_modal_dialog(t, p);
    return r < 0 ? 0 : static_cast<int>(r);
  } catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

int WINAPI MessageBoxA(HWND hWnd, LPCSTR lpText, LPCSTR lpCaption, UINT uType) {
  auto text = openras::utf8_to_wide(lpText ? lpText : "");
  auto caption = openras::utf8_to_wide(lpCaption ? lpCaption : "Error");
  if (!text || !caption) {
    SetLastError(ERROR_NO_UNICODE_TRANSLATION);
    return 0;
  }
  return MessageBoxW(hWnd, text->c_str(), caption->c_str(), uType);
}

}  // extern "C"
