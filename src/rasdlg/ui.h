// ui.h (private to src/rasdlg): what the built-in RAS dialogs share — their templates
// (rasdlg.rc, compiled by rasrc into libopenras under the symbol OpenRasRasdlgResources,
// so it never collides with a program's own OpenRasResourceDirectory), running one of
// them modally, and the texts they show.
// Threads: the dialogs run on the caller's thread, as on Windows.
#pragma once

#include <string>
#include <vector>

#include "ras.h"
#include "rasdlg.h"
#include "windows.h"

namespace openras::rasdlg {

// A built-in dialog's procedure, as handlers: WM_INITDIALOG gets the dialog's state as
// its LPARAM, WM_COMMAND is cracked, `other` (optional) sees the rest and says whether it
// handled the message.
struct Handlers {
  BOOL (*init)(HWND hwnd, HWND focus, LPARAM state);
  void (*command)(HWND hwnd, int id, HWND control, UINT code);
  bool (*other)(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) = nullptr;
};

// Runs dialog `id` of rasdlg.rc modally over `owner` with `state`. TRUE when it ended
// with EndDialog(TRUE); FALSE otherwise, with *dw_error set when it could not be shown
// (no renderer: ERROR_NOT_SUPPORTED; no such template) and left alone else.
BOOL run_dialog(int id, HWND owner, const Handlers& handlers, void* state, DWORD* dw_error);

// The state run_dialog gave the dialog (nullptr before WM_INITDIALOG).
void* dialog_state(HWND hwnd);
template <class T>
T* state_of(HWND hwnd) {
  return static_cast<T*>(dialog_state(hwnd));
}

// "Dialing 5550100..." and the like for a RASCONNSTATE, as Windows' dial dialog words it.
std::wstring state_text(RASCONNSTATE state, const std::wstring& number);
// "Error 676: The port is already in use or is not configured for Remote Access
// dialout." from RasGetErrorStringW.
std::wstring error_text(DWORD code);

// An edit's or other window's text.
std::wstring window_text(HWND window);
std::wstring item_text(HWND dialog, int id);

// Copies `text` into a fixed WCHAR array of `capacity` elements; false (and nothing
// copied) when it does not fit.
bool copy_to(const std::wstring& text, WCHAR* out, size_t capacity);

// The built-in dialogs, W forms; the exported functions (dialogs.cpp) check sizes and
// dispatch custom entries before calling these.
BOOL builtin_dial_dlg(LPWSTR phonebook, LPWSTR entry, LPWSTR phone_number, LPRASDIALDLG info);
BOOL builtin_entry_dlg(LPWSTR phonebook, LPWSTR entry, LPRASENTRYDLGW info);
BOOL builtin_phonebook_dlg(LPWSTR phonebook, LPWSTR entry, LPRASPBDLGW info);

}  // namespace openras::rasdlg
