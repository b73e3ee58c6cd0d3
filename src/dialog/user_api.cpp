// user_api.cpp: the C functions of winuser.h for dialogs and messages. Win32's
// conventions: failure is 0/FALSE/NULL/-1 with the reason in the last error; nothing
// throws through the ABI.
#include <fcntl.h>

#include <exception>
#include <new>

#include "base/log.h"
#include "base/utf.h"
#include "dialog/dialog_manager.h"
#include "dialog/resources.h"

namespace openras::dialog {

void set_last_error(DWORD code) noexcept { SetLastError(code); }

namespace {

template <class T, class F>
T guarded(T failure, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    set_last_error(ERROR_NOT_ENOUGH_MEMORY);
  } catch (...) {
    set_last_error(ERROR_INVALID_FUNCTION);
  }
  return failure;
}

Result<DialogTemplate> template_from(HINSTANCE instance, const wchar_t* name) {
  auto bytes = find_resource(instance, 5, name);
  if (!bytes) return fail(bytes.error());
  return parse_template(*bytes);
}

// A template in caller memory has no size: read it as the format describes it.
Result<DialogTemplate> template_from(const DLGTEMPLATE* t) {
  if (!t) return fail(Errc::kInvalidArgument, "no dialog template");
  return parse_template(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(t), 1u << 20));
}

void report(const Error& e, const char* function) {
  LOG_DEBUG("%s: %s", function, e.message.c_str());
  set_last_error(e.code == Errc::kNotFound ? ERROR_RESOURCE_NAME_NOT_FOUND : win32_code(e));
}

INT_PTR modal(Result<DialogTemplate> t, const char* function, const DialogParams& p) {
  if (p.owner && !find_window(p.owner)) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return 0;  // L-DBP: an owner that is not a window gives 0
  }
  if (!t) {
    report(t.error(), function);
    return -1;
  }
  return run_modal_dialog(*t, p);
}

HWND modeless(Result<DialogTemplate> t, HINSTANCE inst, HWND owner, DLGPROC proc, LPARAM param) {
  if (!t) {
    report(t.error(), "CreateDialogParamW");
    return nullptr;
  }
  if (owner && !find_window(owner)) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return nullptr;
  }
  if (!renderer()) {
    LOG_DEBUG("CreateDialogParamW: no renderer chosen; the host calls OpenRasSetDialogRenderer");
    set_last_error(ERROR_NOT_SUPPORTED);
    return nullptr;
  }
  auto d = create_dialog(*t, DialogParams{inst, owner, proc, param, false});
  if (!d) {
    report(d.error(), "CreateDialogParamW");
    return nullptr;
  }
  return (*d)->handle();
}

}  // namespace

}  // namespace openras::dialog

using namespace openras::dialog;  // NOLINT: the C ABI file of this folder

extern "C" {

INT_PTR WINAPI DialogBoxParamW(HINSTANCE hInstance, LPCWSTR lpTemplateName, HWND hWndParent,
                               DLGPROC lpDialogFunc, LPARAM dwInitParam) {
  return guarded<INT_PTR>(-1, [&] {
    return modal(template_from(hInstance, lpTemplateName), "DialogBoxParamW",
                 DialogParams{hInstance, hWndParent, lpDialogFunc, dwInitParam});
  });
}

INT_PTR WINAPI DialogBoxParamA(HINSTANCE hInstance, LPCSTR lpTemplateName, HWND hWndParent,
                               DLGPROC lpDialogFunc, LPARAM dwInitParam) {
  return guarded<INT_PTR>(-1, [&]() -> INT_PTR {
    if (IS_INTRESOURCE(lpTemplateName)) {
      return DialogBoxParamW(hInstance, reinterpret_cast<LPCWSTR>(lpTemplateName), hWndParent,
                             lpDialogFunc, dwInitParam);
    }
    auto name = openras::utf8_to_wide(lpTemplateName);
    if (!name) {
      set_last_error(ERROR_NO_UNICODE_TRANSLATION);
      return -1;
    }
    return DialogBoxParamW(hInstance, name->c_str(), hWndParent, lpDialogFunc, dwInitParam);
  });
}

INT_PTR WINAPI DialogBoxIndirectParamW(HINSTANCE hInstance, LPCDLGTEMPLATEW hDialogTemplate,
                                       HWND hWndParent, DLGPROC lpDialogFunc, LPARAM dwInitParam) {
  return guarded<INT_PTR>(-1, [&] {
    return modal(template_from(hDialogTemplate), "DialogBoxIndirectParamW",
                 DialogParams{hInstance, hWndParent, lpDialogFunc, dwInitParam});
  });
}

HWND WINAPI CreateDialogParamW(HINSTANCE hInstance, LPCWSTR lpTemplateName, HWND hWndParent,
                               DLGPROC lpDialogFunc, LPARAM dwInitParam) {
  return guarded<HWND>(nullptr, [&] {
    return modeless(template_from(hInstance, lpTemplateName), hInstance, hWndParent, lpDialogFunc,
                    dwInitParam);
  });
}

HWND WINAPI CreateDialogParamA(HINSTANCE hInstance, LPCSTR lpTemplateName, HWND hWndParent,
                               DLGPROC lpDialogFunc, LPARAM dwInitParam) {
  return guarded<HWND>(nullptr, [&]() -> HWND {
    if (IS_INTRESOURCE(lpTemplateName)) {
      return CreateDialogParamW(hInstance, reinterpret_cast<LPCWSTR>(lpTemplateName), hWndParent,
                                lpDialogFunc, dwInitParam);
    }
    auto name = openras::utf8_to_wide(lpTemplateName);
    if (!name) {
      set_last_error(ERROR_NO_UNICODE_TRANSLATION);
      return nullptr;
    }
    return CreateDialogParamW(hInstance, name->c_str(), hWndParent, lpDialogFunc, dwInitParam);
  });
}

HWND WINAPI CreateDialogIndirectParamW(HINSTANCE hInstance, LPCDLGTEMPLATEW lpTemplate,
                                       HWND hWndParent, DLGPROC lpDialogFunc, LPARAM dwInitParam) {
  return guarded<HWND>(nullptr, [&] {
    return modeless(template_from(lpTemplate), hInstance, hWndParent, lpDialogFunc, dwInitParam);
  });
}

BOOL WINAPI EndDialog(HWND hDlg, INT_PTR nResult) {
  return guarded<BOOL>(FALSE, [&] { return end_dialog(hDlg, nResult) ? TRUE : FALSE; });
}

BOOL WINAPI DestroyWindow(HWND hWnd) {
  return guarded<BOOL>(FALSE, [&] {
    WindowPtr w = own_window(hWnd);
    if (!w) return FALSE;
    destroy_window(w);
    return TRUE;
  });
}

BOOL WINAPI IsDialogMessageW(HWND hDlg, LPMSG lpMsg) {
  return guarded<BOOL>(FALSE,
                       [&] { return lpMsg && is_dialog_message(hDlg, *lpMsg) ? TRUE : FALSE; });
}

LRESULT WINAPI DefDlgProcW(HWND hDlg, UINT Msg, WPARAM wParam, LPARAM lParam) {
  return guarded<LRESULT>(0, [&] { return dialog_window_proc(hDlg, Msg, wParam, lParam); });
}

LRESULT WINAPI DefWindowProcW(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam) {
  return guarded<LRESULT>(0, [&] { return default_window_proc(hWnd, Msg, wParam, lParam); });
}

LRESULT WINAPI CallWindowProcW(WNDPROC lpPrevWndFunc, HWND hWnd, UINT Msg, WPARAM wParam,
                               LPARAM lParam) {
  return lpPrevWndFunc ? lpPrevWndFunc(hWnd, Msg, wParam, lParam) : 0;
}

BOOL WINAPI GetMessageW(LPMSG lpMsg, HWND hWnd, UINT wMsgFilterMin, UINT wMsgFilterMax) {
  return guarded<BOOL>(-1, [&]() -> BOOL {
    if (!lpMsg) {
      set_last_error(ERROR_INVALID_PARAMETER);
      return -1;
    }
    (void)fetch_message(*lpMsg, hWnd, wMsgFilterMin, wMsgFilterMax, true, true, nullptr);
    return lpMsg->message == WM_QUIT ? FALSE : TRUE;
  });
}

BOOL WINAPI PeekMessageW(LPMSG lpMsg, HWND hWnd, UINT wMsgFilterMin, UINT wMsgFilterMax,
                         UINT wRemoveMsg) {
  return guarded<BOOL>(FALSE, [&] {
    if (!lpMsg) return FALSE;
    return fetch_message(*lpMsg, hWnd, wMsgFilterMin, wMsgFilterMax, (wRemoveMsg & PM_REMOVE) != 0,
                         false, nullptr)
               ? TRUE
               : FALSE;
  });
}

BOOL WINAPI TranslateMessage(const MSG* lpMsg) {
  // Backspace is the one key whose character the edit control needs (WM_CHAR 0x08); the
  // renderers post printable characters as WM_CHAR themselves.
  if (lpMsg && lpMsg->message == WM_KEYDOWN && lpMsg->wParam == VK_BACK) {
    return PostMessageW(lpMsg->hwnd, WM_CHAR, L'\b', 1);
  }
  return FALSE;
}

LRESULT WINAPI DispatchMessageW(const MSG* lpMsg) {
  return guarded<LRESULT>(0, [&]() -> LRESULT {
    if (!lpMsg) return 0;
    if (lpMsg->message == WM_TIMER && lpMsg->lParam) {
      auto proc = reinterpret_cast<TIMERPROC>(lpMsg->lParam);
      proc(lpMsg->hwnd, WM_TIMER, lpMsg->wParam, lpMsg->time);
      return 0;
    }
    WindowPtr w = lpMsg->hwnd ? own_window(lpMsg->hwnd) : nullptr;
    return w ? call_window(w, lpMsg->message, lpMsg->wParam, lpMsg->lParam) : 0;
  });
}

BOOL WINAPI PostMessageW(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam) {
  return guarded<BOOL>(FALSE,
                       [&] { return post_message(hWnd, Msg, wParam, lParam) ? TRUE : FALSE; });
}

LRESULT WINAPI SendMessageW(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam) {
  return guarded<LRESULT>(0, [&] { return send_message(hWnd, Msg, wParam, lParam); });
}

VOID WINAPI PostQuitMessage(int nExitCode) {
  ThreadQueue& q = this_queue();
  {
    std::lock_guard lock(q.mutex);
    q.quit = true;
    q.quit_code = nExitCode;
  }
  q.wake();
}

UINT_PTR WINAPI SetTimer(HWND hWnd, UINT_PTR nIDEvent, UINT uElapse, TIMERPROC lpTimerFunc) {
  return guarded<UINT_PTR>(0, [&]() -> UINT_PTR {
    if (hWnd && !own_window(hWnd)) return 0;
    ThreadQueue& q = this_queue();
    UINT_PTR id = nIDEvent;
    if (!hWnd) {  // thread timers get a fresh id
      static std::atomic<UINT_PTR> next{0x7000};
      id = ++next;
    }
    Milliseconds period(std::max<UINT>(uElapse, 10));  // USER_TIMER_MINIMUM
    for (Timer& t : q.timers) {
      if (t.hwnd == hWnd && t.id == id) {
        t.period = period;
        t.proc = lpTimerFunc;
        t.due = openras::dialog::clock().now() + period;
        return hWnd ? 1 : id;
      }
    }
    q.timers.push_back(
        Timer{hWnd, id, period, lpTimerFunc, openras::dialog::clock().now() + period});
    return hWnd ? (id ? id : 1) : id;
  });
}

BOOL WINAPI KillTimer(HWND hWnd, UINT_PTR uIDEvent) {
  ThreadQueue& q = this_queue();
  size_t before = q.timers.size();
  std::erase_if(q.timers, [&](const Timer& t) { return t.hwnd == hWnd && t.id == uIDEvent; });
  return q.timers.size() < before ? TRUE : FALSE;
}

DWORD WINAPI OpenRasSetDialogRenderer(DWORD dwKind, LPCSTR lpszScript, LPCSTR lpszTranscript) {
  return guarded<DWORD>(ERROR_NOT_ENOUGH_MEMORY, [&]() -> DWORD {
    // At logon a dialer must not make the runtime read or write files it names.
    if (in_logon_mode()) return ERROR_ACCESS_DENIED;
    RendererChoice choice;
    if (lpszScript) choice.script = lpszScript;
    if (lpszTranscript) choice.transcript = lpszTranscript;
    if (dwKind == OPENRAS_RENDERER_SCRIPTED && !lpszScript) return ERROR_INVALID_PARAMETER;
    if (dwKind == OPENRAS_RENDERER_TERMINAL) choice.script.reset();
    if (dwKind != OPENRAS_RENDERER_SCRIPTED) {
      // The controlling terminal, as curses programs use it, so that output redirected to
      // a file does not hide the dialog; it stays open for the process's lifetime.
      static const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
      choice.terminal_in = tty >= 0 ? tty : 0;
      choice.terminal_out = tty >= 0 ? tty : 1;
      // The unprivileged SDK path: TERM names the terminal, as for any curses program;
      // secure_getenv keeps a set-id program from being steered by it.
      const char* term = secure_getenv("TERM");
      choice.terminal_type = term ? term : "";
    }
    if (dwKind > OPENRAS_RENDERER_SCRIPTED) return ERROR_INVALID_PARAMETER;
    auto r = choose_renderer(choice);
    if (!r) {
      openras::log::write(openras::log::Level::kDebug, r.error().message);
      return openras::win32_code(r.error());
    }
    set_renderer(*r);
    return ERROR_SUCCESS;
  });
}

VOID WINAPI OpenRasCancelDialogs(void) { cancel_all(); }

}  // extern "C"
