// window.h (private): windows, the handle table and each thread's message queue.
//
// An HWND is a number from a counter (never reused), looked up in one table, so a stale
// or invented handle is ERROR_INVALID_WINDOW_HANDLE, never a dangling pointer. A window's
// state is touched only by its owner thread (Win32's rule); other threads may post to its
// queue or send through it (queue.cpp).
#pragma once

#include <deque>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "dialog/dialog.h"

namespace openras::dialog {

class CancelToken;

struct Window {
  uintptr_t id = 0;
  std::thread::id thread;
  ControlKind kind = ControlKind::kOther;
  HWND parent = nullptr;  // controls: their dialog; dialogs: their owner (or nullptr)
  HINSTANCE instance = nullptr;
  DWORD style = 0;
  DWORD ex_style = 0;
  int control_id = 0;
  RECT units{};  // dialog units (template coordinates)
  RECT rect{};   // nominal pixels
  std::wstring text;
  std::wstring class_name;
  WNDPROC proc = nullptr;
  LONG_PTR user_data = 0;
  bool destroying = false;

  // Buttons.
  UINT check = 0;
  bool pushed = false;
  // Edits (selection in characters; caret at sel_end).
  size_t limit = 30000;
  size_t sel_start = 0;
  size_t sel_end = 0;
  bool modified = false;
  wchar_t password_char = 0;
  // List and combo boxes.
  std::vector<std::wstring> items;
  std::vector<LPARAM> item_data;
  int selection = -1;
  int top_index = 0;

  // Dialogs.
  DLGPROC dlg_proc = nullptr;
  LONG_PTR msg_result = 0;
  LONG_PTR dlg_user = 0;
  std::vector<HWND> children;
  HWND saved_focus = nullptr;
  int default_id = IDOK;
  bool modal = false;
  bool show_on_idle = false;  // a modal dialog appears when its queue first goes empty
  bool ended = false;
  INT_PTR end_result = 0;
  bool owner_disabled = false;
  std::string module;
  uint64_t cancel_generation = 0;  // cancel_all() count when created
  std::shared_ptr<CancelToken> cancel_token;
  bool input_exhausted = false;  // the renderer said no input will come
  std::string host_cancel;       // cancel_dialog()'s reason ("" if none)
  bool cancel_delivered = false;
  TimePoint cancel_delivered_at{};
  std::string cancel_reason;

  [[nodiscard]] HWND handle() const noexcept {
    return reinterpret_cast<HWND>(id);  // NOLINT: an HWND is an opaque number
  }
  [[nodiscard]] bool enabled() const noexcept { return (style & WS_DISABLED) == 0; }
  [[nodiscard]] bool visible() const noexcept { return (style & WS_VISIBLE) != 0; }
};

using WindowPtr = std::shared_ptr<Window>;

// Handle table. find() is thread-safe; the Window it returns is the owner thread's.
[[nodiscard]] WindowPtr create_window(ControlKind kind);
[[nodiscard]] WindowPtr find_window(HWND hwnd);
void remove_window(HWND hwnd);
// find_window() for a window owned by the calling thread; sets the last error otherwise.
[[nodiscard]] WindowPtr own_window(HWND hwnd);
// The calling thread's top-level dialogs, oldest first.
[[nodiscard]] std::vector<WindowPtr> thread_dialogs();
[[nodiscard]] HWND desktop_window() noexcept;

// post_key marks a shifted key in an lParam bit Win32 never uses on 64-bit (GetKeyState
// reports it while that message is being handled).
inline constexpr LPARAM kShiftBit = LPARAM{1} << 40;
// Marks renderer input posted to a dialog: it goes to the control that has the focus when
// the message is retrieved (as Win32 routes keyboard input), not when it was posted.
inline constexpr LPARAM kToFocusBit = LPARAM{1} << 41;

class ThreadQueue;
// A message some other thread sent; the owner runs it and fulfils `result`.
struct SentMessage {
  HWND hwnd;
  UINT message;
  WPARAM wparam;
  LPARAM lparam;
  std::promise<LRESULT> result;
  std::shared_ptr<ThreadQueue> sender;  // woken when the result is ready
};

struct Timer {
  HWND hwnd;
  UINT_PTR id;
  Milliseconds period;
  TIMERPROC proc;
  TimePoint due;
};

class ThreadQueue {
 public:
  ThreadQueue();
  [[nodiscard]] int wake_fd() const noexcept { return wake_.get(); }
  void wake() noexcept;
  void drain_wake() noexcept;

  std::mutex mutex;  // guards posted, sent, quit*
  std::deque<MSG> posted;
  std::deque<std::shared_ptr<SentMessage>> sent;
  bool quit = false;
  int quit_code = 0;
  std::thread::id thread;

  // Owner thread only.
  std::vector<Timer> timers;
  HWND focus = nullptr;
  bool shift_down = false;  // the modifier state of the key message last retrieved

 private:
  UniqueFd wake_;
};

// The calling thread's queue (created on first use), and another thread's (or nullptr).
[[nodiscard]] ThreadQueue& this_queue();
[[nodiscard]] std::shared_ptr<ThreadQueue> queue_of(std::thread::id thread);
void wake_all_queues() noexcept;

// The message pump the modal loop and GetMessage share: runs sent messages, cancels and
// timers, and waits for input; returns false on WM_QUIT. `modal` (optional) ends the
// wait as soon as that dialog has ended.
// Posts to the queue of `hwnd`'s thread (NULL: the calling thread).
[[nodiscard]] bool post_message(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam);
// Calls the window procedure on its own thread, waiting if that is another one.
LRESULT send_message(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam);
[[nodiscard]] bool fetch_message(MSG& msg, HWND filter, UINT min, UINT max, bool remove, bool wait,
                                 const Window* modal);

// Calls a window's procedure on this thread (SendMessage's core).
LRESULT call_window(const WindowPtr& window, UINT message, WPARAM wparam, LPARAM lparam);

// dialog_manager.cpp
LRESULT CALLBACK dialog_window_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam);
void destroy_window(const WindowPtr& window);
// cancel.cpp: delivers IDCANCEL to cancelled dialogs, tears down the ones past their grace
// period; returns the earliest time it needs to run again.
[[nodiscard]] std::optional<TimePoint> service_cancels();
[[nodiscard]] uint64_t cancel_generation() noexcept;
[[nodiscard]] int global_cancel_fd() noexcept;
[[nodiscard]] std::shared_ptr<CancelToken> current_cancel_token();
// The logon's token (logon.cpp), or nullptr outside logon mode.
[[nodiscard]] std::shared_ptr<CancelToken> logon_cancel_token();

// controls.cpp: the built-in classes' window procedures.
LRESULT CALLBACK button_proc(HWND, UINT, WPARAM, LPARAM);
LRESULT CALLBACK edit_proc(HWND, UINT, WPARAM, LPARAM);
LRESULT CALLBACK static_proc(HWND, UINT, WPARAM, LPARAM);
LRESULT CALLBACK list_proc(HWND, UINT, WPARAM, LPARAM);  // list and combo boxes
// WM_GETTEXT: up to capacity-1 characters and a NUL into buffer; the count copied.
LRESULT copy_text(const std::wstring& text, WPARAM capacity, LPARAM buffer);
// Sends WM_COMMAND(id, code) from a control to its dialog.
void notify_parent(const Window& control, UINT code);
// Nominal font: 6×13 pixel base units (MS Shell Dlg 8 pt), for dialog-unit conversions.
inline constexpr int kBaseX = 6;
inline constexpr int kBaseY = 13;

void set_last_error(DWORD code) noexcept;

}  // namespace openras::dialog
