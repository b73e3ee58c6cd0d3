// controls.cpp: the built-in control classes — Button (push, check, radio, group box),
// Edit (single line), Static, ListBox and ComboBox (drop-down list) — as window procedures
// answering Windows' messages (win32-facts.md §2.6–2.10).
#include <algorithm>
#include <cstring>
#include <cwctype>

#include "dialog/window.h"

namespace openras::dialog {

namespace {

WindowPtr self(HWND hwnd) { return find_window(hwnd); }

bool iequal_prefix(const std::wstring& item, const std::wstring& prefix, bool exact) {
  if (exact ? item.size() != prefix.size() : item.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::towlower(static_cast<wint_t>(item[i])) !=
        std::towlower(static_cast<wint_t>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

UINT button_type(const Window& w) { return w.style & BS_TYPEMASK; }

void set_check(Window& w, UINT check) {
  UINT t = button_type(w);
  if (t == BS_CHECKBOX || t == BS_AUTOCHECKBOX || t == BS_RADIOBUTTON || t == BS_AUTORADIOBUTTON) {
    w.check = check ? BST_CHECKED : BST_UNCHECKED;
  } else if (t == BS_3STATE || t == BS_AUTO3STATE) {
    w.check = std::min<UINT>(check, BST_INDETERMINATE);
  }
}

// Unchecks the other automatic radio buttons of w's group (WS_GROUP starts a group).
void uncheck_group(const Window& w) {
  WindowPtr dlg = find_window(w.parent);
  if (!dlg) return;
  auto& kids = dlg->children;
  auto at = std::find(kids.begin(), kids.end(), w.handle());
  if (at == kids.end()) return;
  auto first = at;
  while (first != kids.begin()) {
    WindowPtr c = find_window(*first);
    if (c && (c->style & WS_GROUP)) break;
    --first;
  }
  for (auto it = first; it != kids.end(); ++it) {
    WindowPtr c = find_window(*it);
    if (!c) continue;
    if (it != first && (c->style & WS_GROUP)) break;
    if (c.get() != &w && c->kind == ControlKind::kButton && button_type(*c) == BS_AUTORADIOBUTTON) {
      c->check = BST_UNCHECKED;
    }
  }
}

void click(const WindowPtr& w) {
  if (!w->enabled()) return;
  switch (button_type(*w)) {
    case BS_AUTOCHECKBOX:
      w->check = w->check ? BST_UNCHECKED : BST_CHECKED;
      break;
    case BS_AUTO3STATE:
      w->check = (w->check + 1) % 3;
      break;
    case BS_AUTORADIOBUTTON:
      uncheck_group(*w);
      w->check = BST_CHECKED;
      break;
    case BS_GROUPBOX:
      return;
    default:
      break;
  }
  notify_parent(*w, BN_CLICKED);
}

LRESULT text_messages(Window& w, UINT message, WPARAM wparam, LPARAM lparam, bool& handled) {
  handled = true;
  switch (message) {
    case WM_SETTEXT:
      w.text = lparam ? reinterpret_cast<const wchar_t*>(lparam) : L"";
      return TRUE;
    case WM_GETTEXT:
      return copy_text(w.text, wparam, lparam);
    case WM_GETTEXTLENGTH:
      return static_cast<LRESULT>(w.text.size());
    default:
      handled = false;
      return 0;
  }
}

// ---- Edit helpers -------------------------------------------------------------------

void edit_changed(Window& w) {
  w.modified = true;
  notify_parent(w, EN_UPDATE);
  notify_parent(w, EN_CHANGE);
}

size_t sel_lo(const Window& w) { return std::min(w.sel_start, w.sel_end); }
size_t sel_hi(const Window& w) { return std::max(w.sel_start, w.sel_end); }

// Replaces the selection with `s`, cut to the limit; false if nothing changed.
bool edit_replace(Window& w, std::wstring s) {
  size_t lo = sel_lo(w), hi = sel_hi(w);
  size_t room = w.limit > w.text.size() - (hi - lo) ? w.limit - (w.text.size() - (hi - lo)) : 0;
  bool cut = s.size() > room;
  if (cut) s.resize(room);
  if (s.empty() && lo == hi) {
    if (cut) notify_parent(w, EN_MAXTEXT);
    return false;
  }
  w.text.replace(lo, hi - lo, s);
  w.sel_start = w.sel_end = lo + s.size();
  if (cut) notify_parent(w, EN_MAXTEXT);
  return true;
}

LRESULT edit_char(Window& w, wchar_t ch) {
  if (w.style & ES_READONLY) return 0;
  if (ch == L'\b') {
    if (sel_lo(w) == sel_hi(w)) {
      if (w.sel_end == 0) return 0;
      w.sel_start = w.sel_end - 1;
    }
    if (edit_replace(w, L"")) edit_changed(w);
    return 0;
  }
  if (ch < 0x20) return 0;
  if ((w.style & ES_NUMBER) && !std::iswdigit(static_cast<wint_t>(ch))) return 0;
  if (w.style & ES_UPPERCASE) ch = static_cast<wchar_t>(std::towupper(static_cast<wint_t>(ch)));
  if (w.style & ES_LOWERCASE) ch = static_cast<wchar_t>(std::towlower(static_cast<wint_t>(ch)));
  if (edit_replace(w, std::wstring(1, ch))) edit_changed(w);
  return 0;
}

LRESULT edit_key(Window& w, UINT vk) {
  size_t len = w.text.size();
  switch (vk) {
    case VK_LEFT:
      w.sel_start = w.sel_end = sel_lo(w) == sel_hi(w) && w.sel_end > 0 ? w.sel_end - 1 : sel_lo(w);
      break;
    case VK_RIGHT:
      w.sel_start = w.sel_end =
          sel_lo(w) == sel_hi(w) && w.sel_end < len ? w.sel_end + 1 : sel_hi(w);
      break;
    case VK_HOME:
      w.sel_start = w.sel_end = 0;
      break;
    case VK_END:
      w.sel_start = w.sel_end = len;
      break;
    case VK_DELETE:
      if (w.style & ES_READONLY) break;
      if (sel_lo(w) == sel_hi(w)) {
        if (w.sel_end >= len) break;
        w.sel_end = w.sel_start + 1;
      }
      if (edit_replace(w, L"")) edit_changed(w);
      break;
    default:
      break;
  }
  return 0;
}

// ---- List and combo helpers ---------------------------------------------------------

int compare_nocase(const std::wstring& a, const std::wstring& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    wint_t x = std::towlower(static_cast<wint_t>(a[i])),
           y = std::towlower(static_cast<wint_t>(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool is_combo(const Window& w) { return w.kind == ControlKind::kComboBox; }
bool has_strings(const Window& w) {
  if (is_combo(w)) {
    return (w.style & (CBS_OWNERDRAWFIXED | CBS_OWNERDRAWVARIABLE)) == 0 ||
           (w.style & CBS_HASSTRINGS);
  }
  return (w.style & (LBS_OWNERDRAWFIXED | LBS_OWNERDRAWVARIABLE)) == 0 ||
         (w.style & LBS_HASSTRINGS);
}
bool sorted(const Window& w) { return (w.style & (is_combo(w) ? CBS_SORT : LBS_SORT)) != 0; }
LRESULT err(const Window&) { return -1; }  // CB_ERR == LB_ERR

void select(Window& w, int index) {
  w.selection = index;
  if (is_combo(w)) {
    w.text = index >= 0 ? w.items[static_cast<size_t>(index)] : L"";
  } else if (index >= 0 && index < w.top_index) {
    w.top_index = index;
  }
}

void user_selected(Window& w, int index) {
  if (w.items.empty()) return;
  index = std::clamp(index, 0, static_cast<int>(w.items.size()) - 1);
  if (index == w.selection) return;
  select(w, index);
  if (is_combo(w)) {
    notify_parent(w, CBN_SELCHANGE);
  } else if (w.style & LBS_NOTIFY) {
    notify_parent(w, LBN_SELCHANGE);
  }
}

LRESULT insert_item(Window& w, LRESULT at, LPARAM lparam) {
  std::wstring s;
  LPARAM data = 0;
  if (has_strings(w)) {
    if (!lparam) return err(w);
    s = reinterpret_cast<const wchar_t*>(lparam);
  } else {
    data = lparam;
  }
  auto count = static_cast<LRESULT>(w.items.size());
  if (at == -2) {  // ADDSTRING
    at = count;
    if (sorted(w) && has_strings(w)) {
      at = 0;
      while (at < count && compare_nocase(w.items[static_cast<size_t>(at)], s) <= 0) ++at;
    }
  } else if (at == -1) {
    at = count;
  } else if (at > count) {
    return err(w);
  }
  w.items.insert(w.items.begin() + at, s);
  w.item_data.insert(w.item_data.begin() + at, data);
  if (w.selection >= at) ++w.selection;
  return at;
}

}  // namespace

LRESULT copy_text(const std::wstring& text, WPARAM capacity, LPARAM buffer) {
  auto* out = reinterpret_cast<wchar_t*>(buffer);
  if (!out || capacity == 0) return 0;
  size_t n = std::min<size_t>(text.size(), capacity - 1);
  std::copy_n(text.data(), n, out);
  out[n] = 0;
  return static_cast<LRESULT>(n);
}

void notify_parent(const Window& control, UINT code) {
  if (!control.parent) return;
  (void)send_message(control.parent, WM_COMMAND,
                     MAKEWPARAM(static_cast<UINT>(control.control_id), code),
                     reinterpret_cast<LPARAM>(control.handle()));
}

LRESULT CALLBACK button_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  WindowPtr w = self(hwnd);
  if (!w) return 0;
  bool handled = false;
  LRESULT r = text_messages(*w, message, wparam, lparam, handled);
  if (handled) return r;
  switch (message) {
    case WM_GETDLGCODE:
      switch (button_type(*w)) {
        case BS_PUSHBUTTON:
          return DLGC_BUTTON | DLGC_UNDEFPUSHBUTTON;
        case BS_DEFPUSHBUTTON:
          return DLGC_BUTTON | DLGC_DEFPUSHBUTTON;
        case BS_RADIOBUTTON:
        case BS_AUTORADIOBUTTON:
          return DLGC_BUTTON | DLGC_RADIOBUTTON;
        case BS_GROUPBOX:
          return DLGC_STATIC;
        default:
          return DLGC_BUTTON;
      }
    case BM_GETCHECK:
      return w->check;
    case BM_SETCHECK:
      set_check(*w, static_cast<UINT>(wparam));
      return 0;
    case BM_GETSTATE:
      return w->check | (w->pushed ? BST_PUSHED : 0) | (this_queue().focus == hwnd ? BST_FOCUS : 0);
    case BM_SETSTATE:
      w->pushed = wparam != 0;
      return 0;
    case BM_SETSTYLE:
      w->style = (w->style & ~0xFFFFu) | static_cast<DWORD>(wparam & 0xFFFF);
      return 0;
    case BM_CLICK:
      click(w);
      return 0;
    case WM_CHAR:
      if (wparam == L' ') click(w);
      return 0;
    default:
      return 0;
  }
}

LRESULT CALLBACK edit_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  WindowPtr w = self(hwnd);
  if (!w) return 0;
  switch (message) {
    case WM_SETTEXT:
      w->text = lparam ? reinterpret_cast<const wchar_t*>(lparam) : L"";
      w->sel_start = w->sel_end = 0;
      w->modified = false;
      notify_parent(*w, EN_UPDATE);
      notify_parent(*w, EN_CHANGE);
      return TRUE;
    case WM_GETTEXT:
      return copy_text(w->text, wparam, lparam);
    case WM_GETTEXTLENGTH:
      return static_cast<LRESULT>(w->text.size());
    case WM_GETDLGCODE:
      return DLGC_WANTCHARS | DLGC_HASSETSEL | DLGC_WANTARROWS;
    case WM_CHAR:
      return edit_char(*w, static_cast<wchar_t>(wparam));
    case WM_KEYDOWN:
      return edit_key(*w, static_cast<UINT>(wparam));
    case EM_GETSEL: {
      auto lo = static_cast<DWORD>(sel_lo(*w)), hi = static_cast<DWORD>(sel_hi(*w));
      if (wparam) *reinterpret_cast<DWORD*>(wparam) = lo;
      if (lparam) *reinterpret_cast<DWORD*>(lparam) = hi;
      return MAKELONG(std::min<DWORD>(lo, 0xFFFF), std::min<DWORD>(hi, 0xFFFF));
    }
    case EM_SETSEL: {
      auto s = static_cast<long long>(static_cast<int>(wparam));
      auto e = static_cast<long long>(static_cast<int>(lparam));
      auto len = static_cast<long long>(w->text.size());
      if (s == -1) {
        w->sel_start = w->sel_end;  // no selection, caret stays
        return 0;
      }
      if (e < 0 || e > len) e = len;
      s = std::clamp(s, 0LL, len);
      w->sel_start = static_cast<size_t>(std::min(s, e));
      w->sel_end = static_cast<size_t>(std::max(s, e));
      return 0;
    }
    case EM_REPLACESEL:
      if (lparam && edit_replace(*w, reinterpret_cast<const wchar_t*>(lparam))) edit_changed(*w);
      return 0;
    case EM_LIMITTEXT:
      w->limit = wparam ? static_cast<size_t>(wparam) : 0x7FFFFFFE;
      if (w->text.size() > w->limit) w->text.resize(w->limit);
      return 0;
    case EM_GETLIMITTEXT:
      return static_cast<LRESULT>(w->limit);
    case EM_GETMODIFY:
      return w->modified;
    case EM_SETMODIFY:
      w->modified = wparam != 0;
      return 0;
    case EM_SETPASSWORDCHAR:
      w->password_char = static_cast<wchar_t>(wparam);
      if (wparam) {
        w->style |= ES_PASSWORD;
      } else {
        w->style &= ~static_cast<DWORD>(ES_PASSWORD);
      }
      return 0;
    case EM_GETPASSWORDCHAR:
      return w->password_char;
    case EM_SETREADONLY:
      if (wparam) {
        w->style |= ES_READONLY;
      } else {
        w->style &= ~static_cast<DWORD>(ES_READONLY);
      }
      return TRUE;
    case EM_GETLINECOUNT:
      return 1;
    case EM_LINELENGTH:
      return static_cast<LRESULT>(w->text.size());
    case EM_GETLINE: {
      // The buffer's first WORD holds its size (Edit_GetLine stores an int: same low bits).
      auto* buf = reinterpret_cast<wchar_t*>(lparam);
      if (!buf || wparam != 0) return 0;
      uint16_t size = 0;
      std::memcpy(&size, buf, sizeof size);
      size_t n = std::min<size_t>(size, w->text.size());
      std::copy_n(w->text.data(), n, buf);
      return static_cast<LRESULT>(n);
    }
    case EM_CANUNDO:
    case EM_UNDO:
    case EM_EMPTYUNDOBUFFER:
      return 0;
    default:
      return 0;
  }
}

LRESULT CALLBACK static_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  WindowPtr w = self(hwnd);
  if (!w) return 0;
  bool handled = false;
  LRESULT r = text_messages(*w, message, wparam, lparam, handled);
  if (handled) return r;
  return message == WM_GETDLGCODE ? DLGC_STATIC : 0;
}

LRESULT CALLBACK list_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  WindowPtr wp = self(hwnd);
  if (!wp) return 0;
  Window& w = *wp;
  const bool cb = is_combo(w);
  auto index = static_cast<LRESULT>(static_cast<int>(wparam));
  auto valid = [&](LRESULT i) { return i >= 0 && i < static_cast<LRESULT>(w.items.size()); };
  auto find = [&](LRESULT start, bool exact) -> LRESULT {
    if (!lparam || !has_strings(w)) return -1;
    std::wstring what = reinterpret_cast<const wchar_t*>(lparam);
    auto n = static_cast<LRESULT>(w.items.size());
    for (LRESULT k = 1; k <= n; ++k) {
      LRESULT i = ((start < 0 || start >= n ? -1 : start) + k + n) % n;
      if (iequal_prefix(w.items[static_cast<size_t>(i)], what, exact)) return i;
    }
    return -1;
  };
  if (cb) {
    bool handled = false;
    if (message == WM_GETTEXT || message == WM_GETTEXTLENGTH || message == WM_SETTEXT) {
      return text_messages(w, message, wparam, lparam, handled);
    }
  }
  switch (message) {
    case WM_GETDLGCODE:
      return DLGC_WANTARROWS | DLGC_WANTCHARS;
    case CB_ADDSTRING:
    case LB_ADDSTRING:
      if (message != (cb ? CB_ADDSTRING : LB_ADDSTRING)) return 0;
      return insert_item(w, -2, lparam);
    case CB_INSERTSTRING:
    case LB_INSERTSTRING:
      return insert_item(w, index, lparam);
    case CB_DELETESTRING:
    case LB_DELETESTRING:
      if (!valid(index)) return err(w);
      w.items.erase(w.items.begin() + index);
      w.item_data.erase(w.item_data.begin() + index);
      if (w.selection == index) {
        select(w, -1);
      } else if (w.selection > index) {
        --w.selection;
      }
      return static_cast<LRESULT>(w.items.size());
    case CB_RESETCONTENT:
    case LB_RESETCONTENT:
      w.items.clear();
      w.item_data.clear();
      select(w, -1);
      w.top_index = 0;
      return cb ? CB_OKAY : 0;
    case CB_GETCOUNT:
    case LB_GETCOUNT:
      return static_cast<LRESULT>(w.items.size());
    case CB_GETCURSEL:
    case LB_GETCURSEL:
      return w.selection;
    case CB_SETCURSEL:
    case LB_SETCURSEL:
      if (!valid(index)) {
        select(w, -1);
        return err(w);
      }
      select(w, static_cast<int>(index));
      return index;
    case CB_GETLBTEXT:
    case LB_GETTEXT:
      if (!valid(index) || !lparam) return err(w);
      {
        const std::wstring& s = w.items[static_cast<size_t>(index)];
        auto* out = reinterpret_cast<wchar_t*>(lparam);
        std::copy(s.begin(), s.end(), out);
        out[s.size()] = 0;
        return static_cast<LRESULT>(s.size());
      }
    case CB_GETLBTEXTLEN:
    case LB_GETTEXTLEN:
      return valid(index) ? static_cast<LRESULT>(w.items[static_cast<size_t>(index)].size())
                          : err(w);
    case CB_GETITEMDATA:
    case LB_GETITEMDATA:
      return valid(index) ? w.item_data[static_cast<size_t>(index)] : err(w);
    case CB_SETITEMDATA:
    case LB_SETITEMDATA:
      if (!valid(index)) return err(w);
      w.item_data[static_cast<size_t>(index)] = lparam;
      return TRUE;
    case CB_FINDSTRING:
    case LB_FINDSTRING:
      return find(index, false);
    case CB_FINDSTRINGEXACT:
    case LB_FINDSTRINGEXACT:
      return find(index, true);
    case CB_SELECTSTRING:
    case LB_SELECTSTRING: {
      LRESULT i = find(index, false);
      if (i >= 0) select(w, static_cast<int>(i));
      return i;
    }
    case CB_SHOWDROPDOWN:
      return TRUE;
    case CB_GETDROPPEDSTATE:
      return FALSE;
    case CB_LIMITTEXT:
      return TRUE;
    case LB_GETSEL:
      return valid(index) ? (w.selection == index ? 1 : 0) : err(w);
    case LB_SETSEL:  // single-selection model: select, or clear when it is this item
      if (static_cast<int>(lparam) == -1 || valid(lparam)) {
        if (wparam) {
          select(w, static_cast<int>(lparam));
        } else if (w.selection == lparam || lparam == -1) {
          select(w, -1);
        }
        return 0;
      }
      return err(w);
    case LB_GETSELCOUNT:
      return w.selection >= 0 ? 1 : 0;
    case LB_GETTOPINDEX:
      return w.top_index;
    case LB_SETTOPINDEX:
      if (!valid(index)) return err(w);
      w.top_index = static_cast<int>(index);
      return 0;
    case WM_KEYDOWN: {
      int n = static_cast<int>(w.items.size());
      int cur = w.selection;
      switch (wparam) {
        case VK_UP:
        case VK_LEFT:
          user_selected(w, cur < 0 ? 0 : cur - 1);
          break;
        case VK_DOWN:
        case VK_RIGHT:
          user_selected(w, cur + 1);
          break;
        case VK_HOME:
          user_selected(w, 0);
          break;
        case VK_END:
          user_selected(w, n - 1);
          break;
        case VK_PRIOR:
          user_selected(w, cur - 8);
          break;
        case VK_NEXT:
          user_selected(w, cur + 8);
          break;
        default:
          break;
      }
      return 0;
    }
    case WM_CHAR: {
      wchar_t key[2] = {static_cast<wchar_t>(wparam), 0};
      LRESULT i = -1;
      if (key[0] >= 0x20) {
        lparam = reinterpret_cast<LPARAM>(key);
        i = find(w.selection, false);
      }
      if (i >= 0) user_selected(w, static_cast<int>(i));
      return 0;
    }
    default:
      return 0;
  }
}

}  // namespace openras::dialog
