// dialog_manager.cpp: dialogs from templates, DefDlgProc's defaults, IsDialogMessage's
// keyboard handling, focus, EndDialog and the modal loop (win32-facts.md §1.9, §3).
#include "dialog/dialog_manager.h"

#include <algorithm>
#include <cwctype>

#include "base/log.h"

namespace openras::dialog {

namespace {

std::wstring wide(const std::u16string& s) {
  std::wstring out;
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
      c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<char32_t>(s[i + 1]) - 0xDC00);
      ++i;
    }
    out.push_back(static_cast<wchar_t>(c));
  }
  return out;
}

std::wstring lower(std::wstring s) {
  for (wchar_t& c : s) c = static_cast<wchar_t>(std::towlower(static_cast<wint_t>(c)));
  return s;
}

ControlKind kind_of(const NameOrOrdinal& cls, std::wstring& name) {
  if (const uint16_t* ord = std::get_if<uint16_t>(&cls)) {
    uint16_t atom = *ord < 6 ? static_cast<uint16_t>(*ord + 0x80) : *ord;
    switch (atom) {
      case kButtonAtom:
        name = L"Button";
        return ControlKind::kButton;
      case kEditAtom:
        name = L"Edit";
        return ControlKind::kEdit;
      case kStaticAtom:
        name = L"Static";
        return ControlKind::kStatic;
      case kListBoxAtom:
        name = L"ListBox";
        return ControlKind::kListBox;
      case kComboBoxAtom:
        name = L"ComboBox";
        return ControlKind::kComboBox;
      case kScrollBarAtom:
        name = L"ScrollBar";
        return ControlKind::kOther;
      default:
        name = L"#" + std::to_wstring(atom);
        return ControlKind::kOther;
    }
  }
  name = wide(std::get<std::u16string>(cls));
  std::wstring l = lower(name);
  if (l == L"button") return ControlKind::kButton;
  if (l == L"edit") return ControlKind::kEdit;
  if (l == L"static") return ControlKind::kStatic;
  if (l == L"listbox") return ControlKind::kListBox;
  if (l == L"combobox") return ControlKind::kComboBox;
  return ControlKind::kOther;  // common controls: inert placeholders (docs/dialogs.md)
}

WNDPROC proc_of(ControlKind kind) {
  switch (kind) {
    case ControlKind::kButton:
      return button_proc;
    case ControlKind::kEdit:
      return edit_proc;
    case ControlKind::kListBox:
    case ControlKind::kComboBox:
      return list_proc;
    default:
      return static_proc;
  }
}

RECT to_pixels(int x, int y, int cx, int cy, int origin_x, int origin_y) {
  RECT r;
  r.left = origin_x + x * kBaseX / 4;
  r.top = origin_y + y * kBaseY / 8;
  r.right = r.left + cx * kBaseX / 4;
  r.bottom = r.top + cy * kBaseY / 8;
  return r;
}

bool tab_stop(const Window& c) { return c.visible() && c.enabled() && (c.style & WS_TABSTOP); }

// The next (or previous) control of `dlg` after `from` that `want` accepts, wrapping.
HWND next_control(const Window& dlg, HWND from, bool previous, bool (*want)(const Window&)) {
  const auto& kids = dlg.children;
  if (kids.empty()) return nullptr;
  auto n = static_cast<ptrdiff_t>(kids.size());
  ptrdiff_t at = std::find(kids.begin(), kids.end(), from) - kids.begin();
  if (at == n) at = previous ? 0 : n - 1;
  for (ptrdiff_t k = 1; k <= n; ++k) {
    ptrdiff_t i = ((previous ? at - k : at + k) % n + n) % n;
    WindowPtr c = find_window(kids[static_cast<size_t>(i)]);
    if (c && want(*c)) return c->handle();
  }
  return nullptr;
}

HWND first_tab_stop(const Window& dlg) {
  for (HWND h : dlg.children) {
    WindowPtr c = find_window(h);
    if (c && tab_stop(*c)) return h;
  }
  return dlg.children.empty() ? nullptr : dlg.children.front();
}

// Arrow keys move within the WS_GROUP group that holds `from`.
HWND next_in_group(const Window& dlg, HWND from, bool previous) {
  const auto& kids = dlg.children;
  auto at = std::find(kids.begin(), kids.end(), from);
  if (at == kids.end()) return nullptr;
  auto first = at;
  while (first != kids.begin()) {
    WindowPtr c = find_window(*first);
    if (c && (c->style & WS_GROUP)) break;
    --first;
  }
  auto last = at + 1;
  while (last != kids.end()) {
    WindowPtr c = find_window(*last);
    if (c && (c->style & WS_GROUP)) break;
    ++last;
  }
  std::vector<HWND> group(first, last);
  auto n = static_cast<ptrdiff_t>(group.size());
  ptrdiff_t pos = std::find(group.begin(), group.end(), from) - group.begin();
  for (ptrdiff_t k = 1; k < n; ++k) {
    ptrdiff_t i = ((previous ? pos - k : pos + k) % n + n) % n;
    WindowPtr c = find_window(group[static_cast<size_t>(i)]);
    if (c && c->visible() && c->enabled() && c->kind != ControlKind::kStatic) return c->handle();
  }
  return nullptr;
}

HWND item(const Window& dlg, int id) {
  for (HWND h : dlg.children) {
    WindowPtr c = find_window(h);
    if (c && c->control_id == id) return h;
  }
  return nullptr;
}

// The character after the single '&' of a control's text, lower-cased (0 if none).
wchar_t mnemonic_of(const Window& c) {
  const std::wstring& t = c.text;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] != L'&') continue;
    if (t[i + 1] == L'&') {
      ++i;
      continue;
    }
    return static_cast<wchar_t>(std::towlower(static_cast<wint_t>(t[i + 1])));
  }
  return 0;
}

bool is_push_button(const Window& c) {
  if (c.kind != ControlKind::kButton) return false;
  UINT t = c.style & BS_TYPEMASK;
  return t == BS_PUSHBUTTON || t == BS_DEFPUSHBUTTON;
}

void set_default(Window& dlg, int id) {
  dlg.default_id = id;
  for (HWND h : dlg.children) {
    WindowPtr c = find_window(h);
    if (!c || !is_push_button(*c)) continue;
    c->style = (c->style & ~static_cast<DWORD>(BS_TYPEMASK)) |
               (c->control_id == id ? BS_DEFPUSHBUTTON : BS_PUSHBUTTON);
  }
}

void focus_and_select(HWND target) {
  WindowPtr c = find_window(target);
  if (!c) return;
  set_focus(target);
  if (c->kind == ControlKind::kEdit) (void)send_message(target, EM_SETSEL, 0, -1);
}

// Enter: the focused push button, else the default button (unless disabled), else IDOK.
void press_enter(Window& dlg, HWND focus) {
  WindowPtr f = find_window(focus);
  if (f && f->parent == dlg.handle() && is_push_button(*f)) {
    (void)send_message(dlg.handle(), WM_COMMAND, MAKEWPARAM(f->control_id, BN_CLICKED),
                       reinterpret_cast<LPARAM>(focus));
    return;
  }
  auto def = static_cast<DWORD>(send_message(dlg.handle(), DM_GETDEFID, 0, 0));
  if (HIWORD(def) == DC_HASDEFID) {
    HWND button = item(dlg, LOWORD(def));
    WindowPtr b = find_window(button);
    if (b && !b->enabled()) return;
    (void)send_message(dlg.handle(), WM_COMMAND, MAKEWPARAM(LOWORD(def), BN_CLICKED),
                       reinterpret_cast<LPARAM>(button));
    return;
  }
  (void)send_message(dlg.handle(), WM_COMMAND, IDOK, reinterpret_cast<LPARAM>(item(dlg, IDOK)));
}

// Messages whose dialog-procedure result is the message's result (L-DLGPROC).
bool returns_directly(UINT message) {
  return message == WM_INITDIALOG ||
         (message >= WM_CTLCOLORMSGBOX && message <= WM_CTLCOLORSTATIC) || message == 0x002E ||
         message == 0x002F || message == 0x0039 || message == 0x0037;
}

LRESULT dialog_default(Window& dlg, UINT message, WPARAM wparam, LPARAM lparam) {
  switch (message) {
    case WM_CLOSE: {
      HWND cancel = item(dlg, IDCANCEL);
      WindowPtr c = find_window(cancel);
      if (c && !c->enabled()) return 0;  // L-PROG: a disabled Cancel button blocks close
      (void)post_message(dlg.handle(), WM_COMMAND, MAKEWPARAM(IDCANCEL, BN_CLICKED),
                         reinterpret_cast<LPARAM>(cancel));
      return 0;
    }
    case DM_GETDEFID:
      return dlg.default_id ? MAKELONG(dlg.default_id, DC_HASDEFID) : 0;
    case DM_SETDEFID:
      set_default(dlg, static_cast<int>(wparam));
      return TRUE;
    case WM_NEXTDLGCTL: {
      HWND target = lparam ? reinterpret_cast<HWND>(wparam)
                           : next_control(dlg, this_queue().focus, wparam != 0, tab_stop);
      if (target) focus_and_select(target);
      return 0;
    }
    case WM_SETFOCUS:
      if (dlg.saved_focus && find_window(dlg.saved_focus)) {
        set_focus(dlg.saved_focus);
      } else if (HWND first = first_tab_stop(dlg)) {
        set_focus(first);
      }
      return 0;
    case WM_INITDIALOG:
      return 0;
    default:
      return default_window_proc(dlg.handle(), message, wparam, lparam);
  }
}

}  // namespace

LRESULT default_window_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  WindowPtr w = find_window(hwnd);
  if (!w) return 0;
  switch (message) {
    case WM_SETTEXT:
      w->text = lparam ? reinterpret_cast<const wchar_t*>(lparam) : L"";
      return TRUE;
    case WM_GETTEXT:
      return copy_text(w->text, wparam, lparam);
    case WM_GETTEXTLENGTH:
      return static_cast<LRESULT>(w->text.size());
    case WM_SYSCOMMAND:
      if ((wparam & 0xFFF0) == SC_CLOSE) (void)send_message(hwnd, WM_CLOSE, 0, 0);
      return 0;
    case WM_CLOSE:
      destroy_window(w);
      return 0;
    default:
      return 0;
  }
}

LRESULT CALLBACK dialog_window_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  WindowPtr dlg = find_window(hwnd);
  if (!dlg) return 0;
  dlg->msg_result = 0;
  INT_PTR handled = dlg->dlg_proc ? dlg->dlg_proc(hwnd, message, wparam, lparam) : 0;
  if (returns_directly(message)) return handled;
  if (handled) return dlg->msg_result;
  if (!find_window(hwnd)) return 0;  // the procedure destroyed its dialog
  return dialog_default(*dlg, message, wparam, lparam);
}

WindowPtr dialog_of(HWND hwnd) {
  WindowPtr w = find_window(hwnd);
  if (w && w->kind != ControlKind::kDialog) w = find_window(w->parent);
  return w && w->kind == ControlKind::kDialog ? w : nullptr;
}

HWND set_focus(HWND hwnd) {
  ThreadQueue& q = this_queue();
  HWND old = q.focus;
  if (old == hwnd) return old;
  WindowPtr target = hwnd ? find_window(hwnd) : nullptr;
  if (hwnd && (!target || target->thread != std::this_thread::get_id())) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return nullptr;
  }
  q.focus = hwnd;
  if (WindowPtr o = find_window(old)) {
    (void)call_window(o, WM_KILLFOCUS, reinterpret_cast<WPARAM>(hwnd), 0);
    if (o->kind == ControlKind::kEdit) notify_parent(*o, EN_KILLFOCUS);
  }
  if (target) {
    if (WindowPtr dlg = dialog_of(hwnd); dlg && dlg->handle() != hwnd) dlg->saved_focus = hwnd;
    (void)call_window(target, WM_SETFOCUS, reinterpret_cast<WPARAM>(old), 0);
    if (target->kind == ControlKind::kEdit) notify_parent(*target, EN_SETFOCUS);
  }
  return old;
}

Result<WindowPtr> create_dialog(const DialogTemplate& t, const DialogParams& p) {
  WindowPtr dlg = create_window(ControlKind::kDialog);
  dlg->instance = p.instance;
  dlg->parent = p.owner;
  dlg->style = (t.style | DS_3DLOOK) & ~static_cast<DWORD>(WS_VISIBLE);
  dlg->ex_style = t.ex_style;
  dlg->units = RECT{t.x, t.y, t.x + t.cx, t.y + t.cy};
  dlg->rect = to_pixels(t.x, t.y, t.cx, t.cy, 0, 0);
  dlg->text = wide(t.title);
  dlg->class_name = L"#32770";
  dlg->proc = dialog_window_proc;
  dlg->modal = p.modal;
  dlg->module = module_name(p.instance);
  dlg->cancel_generation = cancel_generation();
  dlg->cancel_token = current_cancel_token();
  dlg->default_id = IDOK;
  for (const ItemTemplate& it : t.items) {
    std::wstring cls;
    ControlKind kind = kind_of(it.window_class, cls);
    WindowPtr c = create_window(kind);
    c->parent = dlg->handle();
    c->instance = p.instance;
    c->class_name = cls;
    c->style = (it.style | WS_CHILD) & ~static_cast<DWORD>(WS_POPUP);
    c->ex_style = it.ex_style | WS_EX_NOPARENTNOTIFY;
    c->control_id = static_cast<int>(static_cast<int16_t>(it.id & 0xFFFF));
    if (t.extended) c->control_id = static_cast<int>(it.id);
    c->units = RECT{it.x, it.y, it.x + it.cx, it.y + it.cy};
    c->rect = to_pixels(it.x, it.y, it.cx, it.cy, dlg->rect.left, dlg->rect.top);
    if (const std::u16string* title = std::get_if<std::u16string>(&it.title))
      c->text = wide(*title);
    c->proc = proc_of(kind);
    // Logon mode: help and links could reach files or programs, so they cannot be used.
    if (in_logon_mode() && (c->control_id == IDHELP || cls == L"SysLink")) {
      c->style = (c->style & ~static_cast<DWORD>(WS_VISIBLE)) | WS_DISABLED;
    }
    if (kind == ControlKind::kEdit && (c->style & ES_PASSWORD)) c->password_char = L'*';
    if (kind == ControlKind::kButton && (c->style & BS_TYPEMASK) == BS_DEFPUSHBUTTON) {
      set_default(*dlg, c->control_id);
    }
    dlg->children.push_back(c->handle());
  }
  dlg->dlg_proc = p.proc;
  HWND proposed = first_tab_stop(*dlg);
  INT_PTR focus_default =
      send_message(dlg->handle(), WM_INITDIALOG, reinterpret_cast<WPARAM>(proposed), p.init_param);
  if (!find_window(dlg->handle())) {
    return fail(Errc::kInvalidHandle, "the dialog procedure destroyed its dialog in WM_INITDIALOG");
  }
  if (focus_default && !dlg->ended) {
    if (HWND first = first_tab_stop(*dlg)) focus_and_select(first);
  }
  if (!p.modal && (t.style & WS_VISIBLE)) dlg->style |= WS_VISIBLE;
  return dlg;
}

namespace {

// A mnemonic key (§3.5): a static or group box moves the focus to the next tab stop after
// it; a button gets the focus and a click. The search starts after the focused control,
// so repeated presses cycle through controls sharing a letter.
bool press_mnemonic(Window& dlg, wchar_t ch) {
  auto key = static_cast<wchar_t>(std::towlower(static_cast<wint_t>(ch)));
  const auto& kids = dlg.children;
  auto n = static_cast<ptrdiff_t>(kids.size());
  ptrdiff_t at = std::find(kids.begin(), kids.end(), this_queue().focus) - kids.begin();
  for (ptrdiff_t k = 1; k <= n; ++k) {
    WindowPtr c = find_window(kids[static_cast<size_t>((at + k) % n)]);
    if (!c || !c->visible() || !c->enabled() || mnemonic_of(*c) != key) continue;
    bool label = c->kind == ControlKind::kStatic ||
                 (c->kind == ControlKind::kButton && (c->style & BS_TYPEMASK) == BS_GROUPBOX);
    if (c->kind == ControlKind::kStatic && (c->style & SS_NOPREFIX)) continue;
    if (label) {
      if (HWND next = next_control(dlg, c->handle(), false, tab_stop)) focus_and_select(next);
    } else if (c->kind == ControlKind::kButton) {
      set_focus(c->handle());
      (void)send_message(c->handle(), BM_CLICK, 0, 0);
    } else {
      focus_and_select(c->handle());
    }
    return true;
  }
  return false;
}

}  // namespace

bool is_dialog_message(HWND dialog, MSG& msg) {
  WindowPtr dlg = find_window(dialog);
  WindowPtr target = find_window(msg.hwnd);
  if (!dlg || !target || (target != dlg && target->parent != dialog)) return false;
  if (msg.message == WM_KEYDOWN) {
    auto code = static_cast<UINT>(
        send_message(msg.hwnd, WM_GETDLGCODE, msg.wParam, reinterpret_cast<LPARAM>(&msg)));
    if (!(code & DLGC_WANTMESSAGE)) {
      switch (msg.wParam) {
        case VK_TAB:
          if (code & DLGC_WANTTAB) break;
          (void)send_message(dialog, WM_NEXTDLGCTL, this_queue().shift_down ? 1 : 0, 0);
          return true;
        case VK_LEFT:
        case VK_UP:
        case VK_RIGHT:
        case VK_DOWN: {
          if (code & DLGC_WANTARROWS) break;
          bool back = msg.wParam == VK_LEFT || msg.wParam == VK_UP;
          if (HWND next = next_in_group(*dlg, msg.hwnd, back)) {
            set_focus(next);
            WindowPtr n = find_window(next);
            if (n && (n->style & BS_TYPEMASK) == BS_AUTORADIOBUTTON && n->check == 0) {
              (void)send_message(next, BM_CLICK, 0, 0);
            }
          }
          return true;
        }
        case VK_RETURN:
        case VK_EXECUTE:
          press_enter(*dlg, this_queue().focus);
          return true;
        case VK_ESCAPE:
        case VK_CANCEL:
          (void)send_message(dialog, WM_COMMAND, IDCANCEL,
                             reinterpret_cast<LPARAM>(item(*dlg, IDCANCEL)));
          return true;
        default:
          break;
      }
    }
  }
  if (msg.message == WM_SYSCHAR || msg.message == WM_CHAR) {
    auto code = static_cast<UINT>(
        send_message(msg.hwnd, WM_GETDLGCODE, msg.wParam, reinterpret_cast<LPARAM>(&msg)));
    bool control_wants = (code & (DLGC_WANTCHARS | DLGC_WANTMESSAGE)) != 0;
    if ((msg.message == WM_SYSCHAR || !control_wants) && msg.wParam > L' ' &&
        press_mnemonic(*dlg, static_cast<wchar_t>(msg.wParam))) {
      return true;
    }
  }
  TranslateMessage(&msg);
  DispatchMessageW(&msg);
  return true;
}

bool end_dialog(HWND dialog, INT_PTR result) {
  WindowPtr dlg = own_window(dialog);
  if (!dlg || dlg->kind != ControlKind::kDialog) {
    if (dlg) set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return false;
  }
  dlg->ended = true;
  dlg->end_result = result;
  if (dlg->owner_disabled) {
    if (WindowPtr owner = find_window(dlg->parent))
      owner->style &= ~static_cast<DWORD>(WS_DISABLED);
    dlg->owner_disabled = false;
  }
  dlg->style &= ~static_cast<DWORD>(WS_VISIBLE);
  if (!dlg->modal) LOG_DEBUG("EndDialog on a modeless dialog only hides it; use DestroyWindow");
  return true;
}

void destroy_window(const WindowPtr& w) {
  if (w->destroying) return;
  w->destroying = true;
  ThreadQueue& q = this_queue();
  if (w->kind == ControlKind::kDialog && (w->style & WS_CHILD) == 0) {
    if (std::shared_ptr<Renderer> r = renderer()) {
      if (Result<DialogView> v = snapshot(w->handle())) r->dialog_closed(*v, w->end_result);
    }
  }
  (void)call_window(w, WM_DESTROY, 0, 0);
  for (HWND child : w->children) {
    if (WindowPtr c = find_window(child)) destroy_window(c);
  }
  (void)call_window(w, WM_NCDESTROY, 0, 0);
  std::erase_if(q.timers, [&](const Timer& t) { return t.hwnd == w->handle(); });
  if (q.focus == w->handle()) q.focus = nullptr;
  if (w->owner_disabled) {
    if (WindowPtr owner = find_window(w->parent)) owner->style &= ~static_cast<DWORD>(WS_DISABLED);
  }
  remove_window(w->handle());
}

INT_PTR run_modal_dialog(const DialogTemplate& t, const DialogParams& params) {
  DialogParams p = params;
  p.modal = true;
  WindowPtr owner;
  if (p.owner) {
    owner = find_window(p.owner);
    if (!owner) {
      set_last_error(ERROR_INVALID_WINDOW_HANDLE);
      return 0;  // L-DBP: an invalid owner returns 0, not -1
    }
    while (owner->kind != ControlKind::kDialog || (owner->style & WS_CHILD)) {
      WindowPtr up = find_window(owner->parent);
      if (!up) break;
      owner = up;
    }
    p.owner = owner->handle();
  }
  if (!renderer()) {
    LOG_DEBUG("dialog: no renderer chosen; the host calls OpenRasSetDialogRenderer first");
    set_last_error(ERROR_NOT_SUPPORTED);
    return -1;
  }
  bool disabled_owner = false;
  if (owner && owner->enabled() && owner->thread == std::this_thread::get_id()) {
    owner->style |= WS_DISABLED;  // before the dialog exists (§1.9 step 3)
    disabled_owner = true;
  }
  Result<WindowPtr> created = create_dialog(t, p);
  if (!created) {
    if (disabled_owner) owner->style &= ~static_cast<DWORD>(WS_DISABLED);
    LOG_DEBUG("dialog: %s", created.error().message.c_str());
    set_last_error(win32_code(created.error()));
    return -1;
  }
  WindowPtr dlg = *created;
  dlg->owner_disabled = disabled_owner && !dlg->ended;
  if (disabled_owner && dlg->ended) owner->style &= ~static_cast<DWORD>(WS_DISABLED);
  if (!dlg->ended) dlg->show_on_idle = true;
  while (!dlg->ended) {
    MSG msg{};
    (void)fetch_message(msg, nullptr, 0, 0, true, true, dlg.get());
    if (msg.message == WM_QUIT) {
      PostQuitMessage(static_cast<int>(msg.wParam));  // re-posted for the outer loop (§3.2)
      break;
    }
    if (msg.message == WM_NULL && !msg.hwnd) continue;
    if (!is_dialog_message(dlg->handle(), msg)) {
      TranslateMessage(&msg);
      DispatchMessageW(&msg);
    }
  }
  INT_PTR result = dlg->ended ? dlg->end_result : IDCANCEL;
  dlg->end_result = result;
  destroy_window(dlg);
  return result;
}

}  // namespace openras::dialog
