// logon_test.cpp: logon mode (dialog.h). The mode cannot be left, so this binary enters it
// once, before any test, with a 30 s logon time-out on the manual clock every test starts
// from (ScriptedTest: a fresh ManualClock at the same instant).
#include <gtest/gtest.h>

#include "dialog/test_support.h"
#include "winuser.h"

namespace {

using namespace openras::dialog;  // NOLINT: test file
using openras::dialog::testing::logon_template;
using openras::dialog::testing::ScriptedTest;

class LogonEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    set_clock(std::make_shared<ManualClock>());
    auto entered = enter_logon_mode({Milliseconds(30000)});
    ASSERT_TRUE(entered) << entered.error().message;
  }
};
const auto* const g_env = ::testing::AddGlobalTestEnvironment(new LogonEnvironment);

struct Seen {
  bool help_visible = true;
  bool help_enabled = true;
  int cancels = 0;
};
Seen g_seen;

INT_PTR CALLBACK obeying_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM) {
  if (message == WM_INITDIALOG) {
    HWND help = GetDlgItem(hwnd, IDHELP);
    g_seen.help_visible = help && IsWindowVisible(help);
    g_seen.help_enabled = help && IsWindowEnabled(help);
    return TRUE;
  }
  if (message == WM_COMMAND && LOWORD(wparam) == IDCANCEL) {
    ++g_seen.cancels;
    EndDialog(hwnd, IDCANCEL);
    return TRUE;
  }
  if (message == WM_COMMAND && LOWORD(wparam) == IDOK) {
    EndDialog(hwnd, IDOK);
    return TRUE;
  }
  return FALSE;
}

// The logon dialog with a Help button (id 9) added.
std::vector<uint8_t> with_help() {
  auto t = parse_template(logon_template());
  t->items.push_back(openras::dialog::testing::control(kButtonAtom, IDHELP, u"&Help",
                                                       BS_PUSHBUTTON | WS_TABSTOP, 7, 100, 40, 14));
  return serialize_template(*t);
}

INT_PTR show(const std::vector<uint8_t>& bytes) {
  g_seen = Seen{};
  return DialogBoxIndirectParamW(nullptr, openras::dialog::testing::as_template(bytes), nullptr,
                                 obeying_proc, 0);
}

class LogonTest : public ScriptedTest {};

TEST_F(LogonTest, TheModeIsOnAndCannotBeEnteredTwice) {
  EXPECT_TRUE(in_logon_mode());
  auto again = enter_logon_mode({});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, openras::Errc::kAlreadyExists);
}

TEST_F(LogonTest, TheRendererCannotBeChangedToOneThatReadsOrWritesFiles) {
  use_script("press IDOK\n");
  auto before = renderer();
  EXPECT_EQ(OpenRasSetDialogRenderer(OPENRAS_RENDERER_SCRIPTED, "/etc/shadow", "/etc/passwd"),
            static_cast<DWORD>(ERROR_ACCESS_DENIED));
  EXPECT_EQ(OpenRasSetDialogRenderer(OPENRAS_RENDERER_AUTO, nullptr, nullptr),
            static_cast<DWORD>(ERROR_ACCESS_DENIED));
  EXPECT_EQ(renderer(), before);
}

TEST_F(LogonTest, AHelpButtonIsHiddenAndDisabledAndTheDialogStillWorks) {
  use_script("press IDOK\n");
  EXPECT_EQ(show(with_help()), IDOK) << record();
  EXPECT_FALSE(g_seen.help_visible);
  EXPECT_FALSE(g_seen.help_enabled);
  EXPECT_NE(record().find("button 9 \"&Help\" disabled hidden"), std::string::npos) << record();
  // Nor can a script (or a user) press it.
  use_script("press IDHELP\n");
  EXPECT_EQ(show(with_help()), IDCANCEL);
  EXPECT_NE(record().find("control IDHELP is disabled"), std::string::npos) << record();
}

TEST_F(LogonTest, MessageBoxWithHelpIsRefusedAndWithoutItShown) {
  use_script("press IDOK\n");
  SetLastError(0);
  EXPECT_EQ(MessageBoxW(nullptr, L"Need help?", L"Logon", MB_OK | MB_HELP), 0);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ACCESS_DENIED));
  EXPECT_EQ(MessageBoxW(nullptr, L"Dialling", L"Logon", MB_OK), IDOK) << record();
}

TEST_F(LogonTest, TheLogonTimeOutSendsIdCancel) {
  // The script waits past the 30 s logon time-out: the dialog gets IDCANCEL and obeys.
  use_script("wait 31000\npress IDOK\n");
  EXPECT_EQ(show(logon_template()), IDCANCEL) << record();
  EXPECT_EQ(g_seen.cancels, 1);
}

TEST_F(LogonTest, ADialogBeforeTheTimeOutIsLeftAlone) {
  use_script("wait 10000\npress IDOK\n");
  EXPECT_EQ(show(logon_template()), IDOK) << record();
  EXPECT_EQ(g_seen.cancels, 0);
}

// Last: an aborted logon stays aborted for the rest of the process.
TEST_F(LogonTest, ZzAbortingTheLogonCancelsEveryDialog) {
  use_script("wait 1000\npress IDOK\n");
  abort_logon("the logon was aborted");
  EXPECT_EQ(show(logon_template()), IDCANCEL) << record();
  EXPECT_EQ(g_seen.cancels, 1);
}

}  // namespace
