// scripted.h: the scripted renderer — answers dialogs from a script, for tests and
// unattended use, and records what each dialog showed (docs/dialogs.md, "Answer scripts").
//
//   # comment                     set <control> <text>      type <text>
//   choose <control> <item>       check <control>           uncheck <control>
//   alt <letter> (Alt+letter)
//   press <control>               key <Tab|Shift+Tab|Enter|Escape|Space|Up|Down|Left|
//   wait <milliseconds>                Right|Home|End|Backspace|Delete>
//   (a wait ends early when the dialog it began on is no longer on top)
//
// <control> is a number, a Win32 id name (IDOK, IDCANCEL, IDYES, …) or a quoted caption
// ("&Dial" matches the button whose text is &Dial or Dial). Each step acts on the top
// dialog once the runtime is idle. When the steps run out while a dialog is open, the
// renderer reports it and the host cancels that dialog (IDCANCEL), so unattended runs
// never hang. Password fields are recorded as their length only.
// Threads: one renderer per process; steps run on the dialog's thread.
#pragma once

#include <cstdio>
#include <deque>
#include <set>
#include <string>

#include "dialog/dialog.h"

namespace openras::dialog {

struct ScriptStep {
  int line = 0;
  std::string command;
  std::string target;
  std::string argument;
};

[[nodiscard]] Result<std::deque<ScriptStep>> parse_script(std::string_view text,
                                                          std::string_view source);

class ScriptedRenderer final : public Renderer {
 public:
  // `transcript`: a file path to record into ("" = keep the record in memory only).
  ScriptedRenderer(std::deque<ScriptStep> steps, std::string transcript);
  ~ScriptedRenderer() override;
  [[nodiscard]] static Result<std::shared_ptr<ScriptedRenderer>> from_file(const std::string& path,
                                                                           std::string transcript);

  [[nodiscard]] std::string_view name() const override { return "scripted"; }
  [[nodiscard]] Status wait_input(const InputContext& ctx) override;
  void dialog_closed(const DialogView& view, INT_PTR result) override;

  // Everything recorded so far.
  [[nodiscard]] std::string record() const;

 private:
  [[nodiscard]] Status run(const ScriptStep& step, HWND dialog);
  void write(const std::string& line);
  void dump(const DialogView& view);

  std::deque<ScriptStep> steps_;
  std::optional<TimePoint> waiting_until_;
  HWND waiting_on_ = nullptr;  // the top dialog when the wait began
  std::set<HWND> seen_;
  std::string record_;
  FILE* file_ = nullptr;
  mutable std::mutex mutex_;
};

}  // namespace openras::dialog
