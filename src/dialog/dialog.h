// dialog.h: the door of the dialog runtime for the programs and libraries that host
// dialogs (rasphone, the RAS dialogs, rasdialer-check, tests). Dialers use winuser.h.
//
// A process chooses one Renderer (set_renderer); the runtime never picks one from the
// environment. Time comes from a Clock (set_clock) so that time-outs and the cancel grace
// period can be tested without sleeping. The host cancels dialogs through a CancelToken
// (one dial, one logon), with a deadline for a caller's time-out, or all of them at once
// (cancel_all, async-signal-safe). A cancelled dialog gets WM_COMMAND(IDCANCEL); one that
// has not ended grace_period() later is torn down, its call returns IDCANCEL, and the log
// names its module as non-conforming (docs/dialogs.md).
// Threads: set_* are for start-up; CancelToken::cancel and cancel_all from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "windows.h"

namespace openras::dialog {

using TimePoint = std::chrono::steady_clock::time_point;
using Milliseconds = std::chrono::milliseconds;

// The runtime's clock: base::Clock, plus a wait that also ends when a descriptor (a
// thread's wake fd, the terminal) becomes readable.
class Clock : public base::Clock {
 public:
  // Waits until `deadline` (none: for ever) or until one of `fds` is readable. False when
  // the wait could never end (no deadline, nothing readable, and the clock cannot wait:
  // a ManualClock).
  virtual bool wait(std::optional<TimePoint> deadline, std::span<const int> fds) = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override { return std::chrono::steady_clock::now(); }
  bool wait(std::optional<TimePoint> deadline, std::span<const int> fds) override;
};

// Test time: wait() jumps straight to the deadline.
class ManualClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override { return now_; }
  bool wait(std::optional<TimePoint> deadline, std::span<const int> fds) override;
  void advance(Milliseconds by) { now_ += by; }

 private:
  TimePoint now_{std::chrono::hours(1)};
};

enum class ControlKind { kDialog, kButton, kEdit, kStatic, kListBox, kComboBox, kOther };

// What a control shows, for renderers. Password text is never in a view: `text` holds
// one password character per character typed.
struct ControlView {
  HWND hwnd = nullptr;
  int id = 0;
  ControlKind kind = ControlKind::kOther;
  DWORD style = 0;
  RECT units{};  // x, y, right, bottom in dialog units
  std::wstring text;
  std::wstring class_name;
  bool enabled = true;
  bool visible = true;
  bool focused = false;
  bool is_default = false;  // the default push button
  bool password = false;
  UINT check = 0;
  std::vector<std::wstring> items;
  int selection = -1;
  size_t caret = 0;
};

struct DialogView {
  HWND hwnd = nullptr;
  std::wstring caption;
  std::string module;  // the module whose template it is ("" if none)
  RECT units{};
  std::vector<ControlView> controls;
};

[[nodiscard]] Result<DialogView> snapshot(HWND dialog);
// A control's text as shown: "&Save" → "Save", "&&" → "&".
[[nodiscard]] std::wstring strip_mnemonic(const std::wstring& text);

struct InputContext {
  std::span<const HWND> dialogs;  // this thread's visible top-level dialogs, bottom to top
  std::optional<TimePoint> deadline;
  std::span<const int> wake_fds;
  Clock* clock = nullptr;
};

// Input a renderer produces, as the user's keyboard would: WM_KEYDOWN(vk) / WM_CHAR to
// the focused control of `dialog`, routed through IsDialogMessage like any other message.
void post_key(HWND dialog, UINT vk, bool shift = false);
void post_char(HWND dialog, wchar_t ch);
// Alt+letter: WM_SYSCHAR, which IsDialogMessage matches against the controls' mnemonics.
void post_syschar(HWND dialog, wchar_t ch);

class Renderer {
 public:
  virtual ~Renderer() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // This thread's queue is empty: wait for input (post it with post_key/post_char or by
  // sending messages to controls) until ctx.deadline or a wake fd is readable. An error
  // means no input will ever come (the script ended, the terminal went away): the host
  // then cancels the top dialog.
  [[nodiscard]] virtual Status wait_input(const InputContext& ctx) = 0;
  // A top-level dialog is about to be destroyed; `view` is its last state.
  virtual void dialog_closed(const DialogView& view, INT_PTR result) = 0;
};

// The process's renderer; nullptr until a host sets one (dialogs then fail with
// ERROR_NOT_SUPPORTED and a message saying how to choose one).
void set_renderer(std::shared_ptr<Renderer> renderer);
[[nodiscard]] std::shared_ptr<Renderer> renderer();

struct RendererChoice {
  std::optional<std::string> script;      // an answer script's path
  std::optional<std::string> transcript;  // where the scripted renderer records
  int terminal_in = -1;                   // a tty pair for the terminal renderer
  int terminal_out = -1;
  std::string terminal_type;  // e.g. "xterm-256color"; the caller decides where it comes from
};
// Script given → scripted; else both terminal fds are ttys → terminal; else kNotSupported.
[[nodiscard]] Result<std::shared_ptr<Renderer>> choose_renderer(const RendererChoice& choice);

void set_clock(std::shared_ptr<Clock> clock);
[[nodiscard]] Clock& clock();
void set_grace_period(Milliseconds grace);
[[nodiscard]] Milliseconds grace_period();
inline constexpr Milliseconds kDefaultGracePeriod{5000};

// A reason to cancel: one dial (RasHangUp), one logon, one caller's time-out.
class CancelToken {
 public:
  explicit CancelToken(std::optional<TimePoint> deadline = std::nullopt,
                       std::string deadline_reason = "the caller's time-out expired")
      : deadline_(deadline), deadline_reason_(std::move(deadline_reason)) {}
  void cancel(std::string reason);
  [[nodiscard]] bool cancelled(TimePoint now) const;
  [[nodiscard]] std::optional<TimePoint> deadline() const { return deadline_; }
  [[nodiscard]] std::string reason() const;

 private:
  std::optional<TimePoint> deadline_;
  std::string deadline_reason_;
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mutex_;
  std::string reason_;
};

// While a CancelScope lives, dialogs this thread creates belong to its token.
class CancelScope {
 public:
  explicit CancelScope(std::shared_ptr<CancelToken> token);
  ~CancelScope();
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  std::shared_ptr<CancelToken> previous_;
};

// Cancels every dialog of the process; async-signal-safe (SIGINT/SIGTERM handlers).
void cancel_all() noexcept;
// Cancels one top-level dialog of the calling thread, as the host (IDCANCEL, then the
// grace period): for renderers whose user asks to interrupt (the terminal's Ctrl+C), not
// just to press Cancel. Other threads' windows and controls are ignored.
void cancel_dialog(HWND dialog, std::string reason);

// What the runtime reports about a dialog torn down after the grace period.
struct Teardown {
  std::string module;
  std::wstring caption;
  std::string reason;
};
// Called on the dialog's thread for each teardown (tests; rasdialer-check).
void set_teardown_observer(std::function<void(const Teardown&)> observer);

// Logon mode, for the logon host (a dialer running as root before anyone has logged on,
// which must not hand the user the file system: docs/abi.md, docs/dialogs.md §8). The host
// chooses its renderer, then calls enter_logon_mode() before it loads the dialer; from
// then on, for the rest of the process (there is no way back):
//   - nothing can open files or start programs through the runtime:
//     OpenRasSetDialogRenderer (which would read a script and write a transcript where
//     the caller says) fails with ERROR_ACCESS_DENIED; MessageBox with MB_HELP fails with
//     ERROR_ACCESS_DENIED; a Help button (IDHELP) or SysLink control in a template is
//     created hidden and disabled (the dialog still loads); the runtime has no file, open,
//     help or shell dialogs to offer in the first place;
//   - the runtime shows only what the dialer asks (no window of its own);
//   - `timeout`: when it expires, every dialog gets IDCANCEL (reason "the logon timed
//     out"), and one still open a grace period later is torn down; abort_logon() does the
//     same at once (a logon aborted by the user or the system).
// Thread-safe; enter_logon_mode() a second time fails with kAlreadyExists.
struct LogonOptions {
  std::optional<Milliseconds> timeout;
};
[[nodiscard]] Status enter_logon_mode(const LogonOptions& options = {});
[[nodiscard]] bool in_logon_mode() noexcept;
void abort_logon(std::string reason);

// The name logs use for a module handle (dialers register their path; else dlinfo's).
void register_module_name(HINSTANCE instance, std::string name);
[[nodiscard]] std::string module_name(HINSTANCE instance);

}  // namespace openras::dialog
