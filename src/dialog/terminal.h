// terminal.h: the terminal renderer (ncursesw) — consoles, SSH sessions, text-mode logon.
// Keyboard only: Tab/Shift+Tab move in the template's tab order, Enter presses the default
// button, Escape (and Ctrl+C, which raw mode turns into a key) cancels, arrows move within
// a group, a list or a combo box, Space toggles. The screen is restored when the last
// dialog closes. Threads: one per process (curses is process state), used by the thread
// that runs the dialogs.
#pragma once

#include <cstdio>
#include <string>

#include "dialog/dialog.h"

namespace openras::dialog {

class TerminalRenderer final : public Renderer {
 public:
  // The fds stay the caller's; `terminal_type` names the terminfo entry.
  TerminalRenderer(int in_fd, int out_fd, std::string terminal_type);
  ~TerminalRenderer() override;
  TerminalRenderer(const TerminalRenderer&) = delete;
  TerminalRenderer& operator=(const TerminalRenderer&) = delete;

  [[nodiscard]] std::string_view name() const override { return "terminal"; }
  [[nodiscard]] Status wait_input(const InputContext& ctx) override;
  void dialog_closed(const DialogView& view, INT_PTR result) override;

 private:
  [[nodiscard]] Status start();
  void stop();
  void draw(std::span<const HWND> dialogs);

  int in_fd_;
  int out_fd_;
  std::string terminal_type_;
  FILE* in_ = nullptr;
  FILE* out_ = nullptr;
  void* screen_ = nullptr;  // SCREEN*
};

}  // namespace openras::dialog
