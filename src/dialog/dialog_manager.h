// dialog_manager.h (private): dialogs from templates, the dialog window procedure
// (DefDlgProc's defaults), keyboard navigation (IsDialogMessage), focus and the modal loop.
#pragma once

#include "dialog/dlg_template.h"
#include "dialog/window.h"

namespace openras::dialog {

struct DialogParams {
  HINSTANCE instance = nullptr;
  HWND owner = nullptr;
  DLGPROC proc = nullptr;
  LPARAM init_param = 0;
  bool modal = false;
};

// Creates the dialog and its controls and sends WM_INITDIALOG (win32-facts.md §1.9).
[[nodiscard]] Result<WindowPtr> create_dialog(const DialogTemplate& t, const DialogParams& p);
// DialogBox*'s core: 0 if the owner is not a window, -1 with the last error on failure.
[[nodiscard]] INT_PTR run_modal_dialog(const DialogTemplate& t, const DialogParams& p);
[[nodiscard]] bool is_dialog_message(HWND dialog, MSG& msg);
HWND set_focus(HWND hwnd);
[[nodiscard]] bool end_dialog(HWND dialog, INT_PTR result);
[[nodiscard]] WindowPtr dialog_of(HWND hwnd);  // the dialog itself or a control's dialog
[[nodiscard]] LRESULT default_window_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam);

}  // namespace openras::dialog
