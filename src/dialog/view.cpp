// view.cpp: what renderers read (snapshots) and the input they post.
#include "dialog/dialog_manager.h"

namespace openras::dialog {

Result<DialogView> snapshot(HWND dialog) {
  WindowPtr dlg = find_window(dialog);
  if (!dlg || dlg->kind != ControlKind::kDialog) {
    return fail(Errc::kInvalidHandle, "not a dialog window");
  }
  DialogView v;
  v.hwnd = dialog;
  v.caption = dlg->text;
  v.module = dlg->module;
  v.units = dlg->units;
  HWND focus = this_queue().focus;
  WindowPtr focused = find_window(focus);
  bool push_focused = focused && focused->parent == dialog &&
                      focused->kind == ControlKind::kButton &&
                      (focused->style & BS_TYPEMASK) <= BS_DEFPUSHBUTTON;
  for (HWND h : dlg->children) {
    WindowPtr c = find_window(h);
    if (!c) continue;
    ControlView cv;
    cv.hwnd = h;
    cv.id = c->control_id;
    cv.kind = c->kind;
    cv.style = c->style;
    cv.units = c->units;
    cv.class_name = c->class_name;
    cv.enabled = c->enabled();
    cv.visible = c->visible();
    cv.focused = h == focus;
    cv.check = c->check;
    cv.items = c->items;
    cv.selection = c->selection;
    cv.caret = c->sel_end;
    cv.password = c->kind == ControlKind::kEdit && c->password_char != 0;
    cv.text = cv.password ? std::wstring(c->text.size(), c->password_char) : c->text;
    if (c->kind == ControlKind::kButton && (c->style & BS_TYPEMASK) <= BS_DEFPUSHBUTTON) {
      cv.is_default = push_focused ? cv.focused : c->control_id == dlg->default_id;
    }
    v.controls.push_back(std::move(cv));
  }
  return v;
}

std::wstring strip_mnemonic(const std::wstring& text) {
  std::wstring out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == L'&' && i + 1 < text.size()) ++i;
    out.push_back(text[i]);
  }
  return out;
}

void post_key(HWND dialog, UINT vk, bool shift) {
  (void)post_message(dialog, WM_KEYDOWN, vk, kToFocusBit | (shift ? kShiftBit | 1 : 1));
}

void post_char(HWND dialog, wchar_t ch) {
  (void)post_message(dialog, WM_CHAR, static_cast<WPARAM>(ch), kToFocusBit | 1);
}

void post_syschar(HWND dialog, wchar_t ch) {
  (void)post_message(dialog, WM_SYSCHAR, static_cast<WPARAM>(ch), kToFocusBit | 1);
}

}  // namespace openras::dialog
