// dialog_check.cpp: the dialer's dialogs and the one rule of dialer UI — WM_COMMAND with
// LOWORD(wParam) == IDCANCEL ends the dialog (docs/abi.md, docs/dialogs.md §4).
//
// Runs in an exercise child (child.h). The scripted renderer with an empty script
// cancels each dialog as soon as it is shown (IDCANCEL, as a host's time-out or hang-up
// would); the grace period is the rule's 1 s, after which the runtime tears the dialog
// down and tells the observer. A dialog procedure that never returns is the child's
// time-out, killed by the parent.
#include <chrono>
#include <memory>
#include <string>

#include "checker.h"
#include "dialog/dialog.h"
#include "dialog/scripted.h"
#include "ras.h"
#include "rasdlg.h"
#include "raserror.h"

namespace openras::check {

namespace {

constexpr std::chrono::milliseconds kLimit{1000};

struct Observed {
  bool torn_down = false;
  std::string caption;
};
Observed g_observed;

// The caption of the first dialog the transcript shows, or "".
std::string first_dialog(const std::string& record) {
  auto at = record.find("dialog \"");
  if (at == std::string::npos) return {};
  at += 8;
  return record.substr(at, record.find('"', at) - at);
}

void judge(const std::string& id, const std::string& function, BOOL result, DWORD error,
           std::chrono::milliseconds took, const std::string& record, Report& report) {
  std::string shown = first_dialog(record);
  std::string what = function + "'s dialog \"" + shown + "\"";
  if (shown.empty()) {
    // Nothing was shown, so nothing could be cancelled (a dialer may dial without UI).
    report.pass(id, function + " showed no dialog, so there was nothing to cancel (it returned " +
                        (result ? "TRUE" : "FALSE") + ", dwError " + std::to_string(error) + ")");
  } else if (g_observed.torn_down) {
    report.fail(id, what + " ignored IDCANCEL: still open " + std::to_string(kLimit.count()) +
                        " ms later, torn down by the host. Handle WM_COMMAND with "
                        "LOWORD(wParam) == IDCANCEL by ending the dialog (EndDialog)");
  } else if (took > kLimit) {
    report.fail(id, what + " took " + std::to_string(took.count()) +
                        " ms to end after IDCANCEL (at most " + std::to_string(kLimit.count()) +
                        ")");
  } else if (result) {
    report.fail(id, what + " was cancelled, yet " + function +
                        " returned TRUE; a cancelled dialog returns FALSE");
  } else if (error != 0 && error != ERROR_CANCELLED) {
    report.fail(id, what + " was cancelled, yet " + function + " left dwError " +
                        std::to_string(error) + "; a cancelled dialog leaves 0 (or " +
                        "ERROR_CANCELLED, 1223)");
  } else {
    report.pass(id, what + " ended on IDCANCEL in " + std::to_string(took.count()) +
                        " ms; FALSE, dwError " + std::to_string(error));
  }
}

// One dialog: a fresh renderer (its transcript is this dialog's), the call, the verdict.
template <class Call>
void one_dialog(const std::string& id, const std::string& function, Call call, Report& report) {
  auto steps = dialog::parse_script("", "rasdialer-check");
  auto renderer = std::make_shared<dialog::ScriptedRenderer>(std::move(*steps), "");
  dialog::set_renderer(renderer);
  g_observed = Observed{};
  report.begin(id, function + " (cancelled with IDCANCEL)");
  DWORD error = 0;
  auto start = std::chrono::steady_clock::now();
  BOOL result = call(&error);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  judge(id, function, result, error, took, renderer->record(), report);
  dialog::set_renderer(nullptr);
}

}  // namespace

void check_dialogs(const std::wstring& phonebook, const std::wstring& entry, Report& report) {
  dialog::set_grace_period(kLimit);
  dialog::set_teardown_observer([](const dialog::Teardown& t) {
    g_observed.torn_down = true;
    g_observed.caption = t.reason;
  });
  std::wstring book = phonebook, name = entry;
  // Through the RAS API, as an application calls them: the entry names the dialer, so
  // RasDialDlg and RasEntryDlg dispatch to its RasCustomDialDlg and RasCustomEntryDlg.
  one_dialog(
      "dialdlg", "RasCustomDialDlg",
      [&](DWORD* error) {
        RASDIALDLG info{};
        info.dwSize = sizeof info;
        BOOL ok = RasDialDlgW(book.data(), name.data(), nullptr, &info);
        *error = info.dwError;
        return ok;
      },
      report);
  one_dialog(
      "entrydlg", "RasCustomEntryDlg",
      [&](DWORD* error) {
        RASENTRYDLGW info{};
        info.dwSize = sizeof info;
        BOOL ok = RasEntryDlgW(book.data(), name.data(), &info);
        *error = info.dwError;
        return ok;
      },
      report);
  dialog::set_teardown_observer(nullptr);
}

}  // namespace openras::check
