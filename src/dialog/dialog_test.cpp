// dialog_test.cpp: the message semantics a dialog procedure sees, driven through the
// scripted renderer with a manual clock (no sleeping).
#include <atomic>
#include <thread>

#include "dialog/test_support.h"
#include "windows.h"
#include "windowsx.h"

namespace openras::dialog {
namespace {

using testing::as_template;
using testing::logon_template;
using testing::ScriptedTest;

// What the procedure saw, for the assertions.
struct Seen {
  std::vector<std::string> events;
  std::wstring user;
  bool end_on_cancel = true;
  LPARAM init_param = 0;
  HWND init_focus = nullptr;
  std::function<void(HWND)> on_init;
  std::function<void(HWND, int, UINT)> on_command;
  int timers = 0;
};

Seen* g_seen = nullptr;

INT_PTR CALLBACK recording_proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  Seen& s = *g_seen;
  switch (message) {
    case WM_INITDIALOG:
      s.events.push_back("init");
      s.init_param = lparam;
      s.init_focus = reinterpret_cast<HWND>(wparam);
      if (s.on_init) s.on_init(hwnd);
      return TRUE;
    case WM_COMMAND: {
      int id = LOWORD(wparam);
      UINT code = HIWORD(wparam);
      s.events.push_back("command " + std::to_string(id) + "/" + std::to_string(code));
      if (s.on_command) s.on_command(hwnd, id, code);
      if (id == IDOK) {
        WCHAR buf[64];
        GetDlgItemTextW(hwnd, 101, buf, 64);
        s.user = buf;
        EndDialog(hwnd, IDOK);
      } else if (id == IDCANCEL && s.end_on_cancel) {
        EndDialog(hwnd, IDCANCEL);
      }
      return TRUE;
    }
    case WM_TIMER:
      ++s.timers;
      return TRUE;
    case WM_DESTROY:
      s.events.push_back("destroy");
      return TRUE;
    default:
      return FALSE;
  }
}

class DialogTest : public ScriptedTest {
 protected:
  void SetUp() override {
    ScriptedTest::SetUp();
    g_seen = &seen_;
  }
  INT_PTR run(LPARAM param = 0) {
    return DialogBoxIndirectParamW(nullptr, as_template(bytes_), nullptr, recording_proc, param);
  }
  // The dialog ended by the step under test, not by the host when the script ran out.
  bool ended_by_the_script() const { return record().find("script ended") == std::string::npos; }
  bool saw(const std::string& event) const {
    return std::find(seen_.events.begin(), seen_.events.end(), event) != seen_.events.end();
  }
  Seen seen_;
  std::vector<uint8_t> bytes_ = logon_template();
};

TEST(DialogTemplate, WorkedOffsetsOfAnExtendedTemplate) {
  DialogTemplate t;
  t.extended = true;
  t.style = DS_SETFONT | WS_CAPTION;
  t.title = u"Hi";
  t.point_size = 8;
  t.typeface = u"MS Shell Dlg";
  t.items.push_back(testing::control(kButtonAtom, 1, u"OK", BS_PUSHBUTTON, 0, 0));
  std::vector<uint8_t> b = serialize_template(t);
  ASSERT_EQ(b.size(), 104u);  // win32-facts.md §1.7: a next item would start at 104
  EXPECT_EQ(b[30], 'H');      // title at 30
  EXPECT_EQ(b[36], 8);        // pointsize at 36
  EXPECT_EQ(b[42], 'M');      // typeface at 42
  EXPECT_EQ(b[92], 0xFF);     // class ordinal FFFF 0080 at 92
  EXPECT_EQ(b[94], 0x80);
  EXPECT_EQ(b[96], 'O');  // title at 96
  auto back = parse_template(b);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->title, u"Hi");
  EXPECT_EQ(back->typeface, u"MS Shell Dlg");
  ASSERT_EQ(back->items.size(), 1u);
  EXPECT_EQ(std::get<std::u16string>(back->items[0].title), u"OK");
}

TEST(DialogTemplate, StandardFormatRoundTripsAndTruncationIsAnError) {
  std::vector<uint8_t> b = logon_template(false);
  auto t = parse_template(b);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_FALSE(t->extended);
  EXPECT_EQ(t->items.size(), 8u);
  EXPECT_EQ(serialize_template(*t), b);
  b.resize(b.size() - 5);
  auto cut = parse_template(b);
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("truncated"), std::string::npos) << cut.error().message;
}

TEST_F(DialogTest, TypedFieldsNotifyAndOkEndsWithTheResult) {
  use_script("set 101 alice\npress IDOK\n");
  EXPECT_EQ(run(42), IDOK);
  EXPECT_EQ(seen_.init_param, 42);
  EXPECT_EQ(seen_.user, L"alice");
  EXPECT_TRUE(saw("command 101/" + std::to_string(EN_CHANGE)));
  EXPECT_TRUE(saw("command 1/0"));
  EXPECT_EQ(seen_.events.front(), "init");
  EXPECT_EQ(seen_.events.back(), "destroy");
}

TEST_F(DialogTest, InitDialogProposesTheFirstTabStop) {
  use_script("press IDCANCEL\n");
  seen_.on_init = [](HWND hwnd) {
    EXPECT_EQ(GetFocus(), nullptr) << "focus before INITDIALOG";
    (void)hwnd;
  };
  EXPECT_EQ(run(), IDCANCEL);
  ASSERT_NE(seen_.init_focus, nullptr);
  EXPECT_EQ(GetDlgCtrlID(seen_.init_focus), 0) << "the control is gone after the dialog";
}

TEST_F(DialogTest, EscapeSendsIdCancel) {
  use_script("type bob\nkey Escape\n");
  EXPECT_EQ(run(), IDCANCEL);
  EXPECT_TRUE(saw("command 2/0"));
  EXPECT_TRUE(ended_by_the_script()) << record();
}

TEST_F(DialogTest, CancelButtonSendsIdCancelClicked) {
  use_script("press IDCANCEL\n");
  EXPECT_EQ(run(), IDCANCEL);
  EXPECT_TRUE(saw("command 2/0"));
  EXPECT_TRUE(ended_by_the_script()) << record();
}

TEST_F(DialogTest, WindowCloseBecomesIdCancel) {
  use_script("wait 10\n");
  seen_.on_init = [](HWND hwnd) { SendMessageW(hwnd, WM_SYSCOMMAND, SC_CLOSE, 0); };
  EXPECT_EQ(run(), IDCANCEL);
  EXPECT_TRUE(saw("command 2/" + std::to_string(BN_CLICKED)));
  EXPECT_TRUE(ended_by_the_script()) << record();
}

TEST_F(DialogTest, TabMovesFocusSpaceTogglesEnterPressesTheDefault) {
  // Focus starts on the user field (first tab stop); Tab Tab reaches the check box.
  use_script("type al\nkey Tab\nkey Tab\ntype \" \"\nkey Enter\n");
  HWND dialog = nullptr;
  seen_.on_command = [&](HWND hwnd, int, UINT) { dialog = hwnd; };
  UINT checked = 0;
  seen_.on_command = [&](HWND hwnd, int id, UINT) {
    if (id == IDOK) checked = IsDlgButtonChecked(hwnd, 103);
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(seen_.user, L"al");
  EXPECT_EQ(checked, static_cast<UINT>(BST_CHECKED));
  EXPECT_TRUE(saw("command 103/0"));
}

TEST_F(DialogTest, MnemonicsMoveTheFocusAndClick) {
  // Focus on the check box (which wants no characters): 'u' is "&User name:"'s mnemonic,
  // so the focus goes to the edit after it; Alt+S clicks "&Save password" from the edit.
  use_script("key Tab\nkey Tab\ntype u\ntype x\nalt s\npress IDOK\n");
  UINT checked = 0;
  seen_.on_command = [&](HWND hwnd, int id, UINT) {
    if (id == IDOK) checked = IsDlgButtonChecked(hwnd, 103);
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(seen_.user, L"x");
  EXPECT_EQ(checked, static_cast<UINT>(BST_CHECKED));
}

TEST_F(DialogTest, PasswordIsNeverRecordedAndLimitCuts) {
  use_script("key Tab\ntype secret\npress IDOK\n");
  std::wstring password;
  seen_.on_init = [](HWND hwnd) { Edit_LimitText(GetDlgItem(hwnd, 102), 4); };
  seen_.on_command = [&](HWND hwnd, int id, UINT) {
    if (id != IDOK) return;
    WCHAR buf[16];
    Edit_GetText(GetDlgItem(hwnd, 102), buf, 16);
    password = buf;
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(password, L"secr");
  EXPECT_TRUE(saw("command 102/" + std::to_string(EN_MAXTEXT)));
  EXPECT_EQ(record().find("secr"), std::string::npos) << record();
  EXPECT_NE(record().find("password (4 characters)"), std::string::npos) << record();
}

TEST_F(DialogTest, ComboAndListMessagesFollowWindows) {
  use_script("choose 104 Modem\nchoose 105 1\npress IDOK\n");
  int combo = -2, list = -2;
  seen_.on_init = [](HWND hwnd) {
    HWND cb = GetDlgItem(hwnd, 104), lb = GetDlgItem(hwnd, 105);
    EXPECT_EQ(ComboBox_AddString(cb, L"VPN"), 0);
    EXPECT_EQ(ComboBox_AddString(cb, L"Modem"), 0) << "CBS_SORT inserts in order";
    EXPECT_EQ(ComboBox_AddString(cb, L"ISDN"), 0);
    EXPECT_EQ(ComboBox_GetCount(cb), 3);
    EXPECT_EQ(ComboBox_GetCurSel(cb), CB_ERR);
    EXPECT_EQ(ComboBox_SetCurSel(cb, 7), CB_ERR);
    EXPECT_EQ(ComboBox_FindString(cb, -1, L"mo"), 1);
    EXPECT_EQ(ComboBox_FindStringExact(cb, -1, L"mo"), CB_ERR);
    EXPECT_EQ(ComboBox_SetItemData(cb, 2, 77), TRUE);
    EXPECT_EQ(ComboBox_GetItemData(cb, 2), 77);
    WCHAR text[16];
    EXPECT_EQ(ComboBox_GetLBText(cb, 2, text), 3);
    EXPECT_STREQ(text, L"VPN");
    EXPECT_EQ(ListBox_AddString(lb, L"first"), 0);
    EXPECT_EQ(ListBox_InsertString(lb, 0, L"zero"), 0);
    EXPECT_EQ(ListBox_GetTextLen(lb, 1), 5);
    EXPECT_EQ(ListBox_DeleteString(lb, 9), LB_ERR);
  };
  seen_.on_command = [&](HWND hwnd, int id, UINT) {
    if (id == IDOK) {
      combo = ComboBox_GetCurSel(GetDlgItem(hwnd, 104));
      list = ListBox_GetCurSel(GetDlgItem(hwnd, 105));
    }
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(combo, 1);
  EXPECT_EQ(list, 1);
  EXPECT_TRUE(saw("command 104/" + std::to_string(CBN_SELCHANGE)));
  EXPECT_TRUE(saw("command 105/" + std::to_string(LBN_SELCHANGE)));
}

TEST_F(DialogTest, EditMessagesFollowWindows) {
  use_script("press IDOK\n");
  seen_.on_init = [](HWND hwnd) {
    HWND edit = GetDlgItem(hwnd, 101);
    Edit_SetText(edit, L"hello world");
    Edit_SetSel(edit, 0, 5);
    DWORD start = 0, end = 0;
    SendMessageW(edit, EM_GETSEL, reinterpret_cast<WPARAM>(&start), reinterpret_cast<LPARAM>(&end));
    EXPECT_EQ(start, 0u);
    EXPECT_EQ(end, 5u);
    EXPECT_EQ(Edit_GetSel(edit), static_cast<DWORD>(MAKELONG(0, 5)));
    Edit_ReplaceSel(edit, L"HELLO");
    EXPECT_TRUE(Edit_GetModify(edit));
    WCHAR line[32] = {};
    EXPECT_EQ(Edit_GetLine(edit, 0, line, 32), 11)
        << "EM_GETLINE reads the size Edit_GetLine stored";
    EXPECT_EQ(std::wstring(line, 11), L"HELLO world");
    Edit_SetSel(edit, 0, -1);
    EXPECT_EQ(Edit_GetSel(edit), static_cast<DWORD>(MAKELONG(0, 11)));
    EXPECT_TRUE(Edit_SetReadOnly(edit, TRUE));
    SendMessageW(edit, WM_CHAR, L'x', 0);
    EXPECT_EQ(Edit_GetTextLength(edit), 11) << "read-only ignores typing";
    Edit_SetReadOnly(edit, FALSE);
    EXPECT_EQ(Button_GetCheck(GetDlgItem(hwnd, 103)), BST_UNCHECKED);
    Button_SetCheck(GetDlgItem(hwnd, 103), BST_CHECKED);
    EXPECT_EQ(IsDlgButtonChecked(hwnd, 103), static_cast<UINT>(BST_CHECKED));
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(seen_.user, L"HELLO world");
}

TEST_F(DialogTest, CloseIsIgnoredWhileCancelIsDisabled) {
  // L-PROG: WM_CLOSE posts IDCANCEL only if the Cancel button is enabled.
  use_script("wait 10\npress IDOK\n");
  seen_.on_init = [](HWND hwnd) {
    EnableWindow(GetDlgItem(hwnd, IDCANCEL), FALSE);
    SendMessageW(hwnd, WM_CLOSE, 0, 0);
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_FALSE(saw("command 2/0"));
}

TEST_F(DialogTest, TimersTickWithTheClock) {
  use_script("wait 350\npress IDOK\n");
  seen_.on_init = [](HWND hwnd) { EXPECT_EQ(SetTimer(hwnd, 5, 100, nullptr), 5u); };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(seen_.timers, 3);
}

TEST_F(DialogTest, HostCancelDeliversIdCancel) {
  auto token = std::make_shared<CancelToken>();
  use_script("wait 1000\n");
  seen_.on_init = [&](HWND) { token->cancel("RasHangUp of the dial"); };
  CancelScope scope(token);
  TimePoint start = clock_->now();
  EXPECT_EQ(run(), IDCANCEL);
  EXPECT_TRUE(saw("command 2/" + std::to_string(BN_CLICKED)));
  EXPECT_LT(clock_->now() - start, Milliseconds(1000));
  EXPECT_TRUE(ended_by_the_script()) << record();
}

TEST_F(DialogTest, CallersTimeOutCancels) {
  use_script("wait 60000\n");
  CancelScope scope(std::make_shared<CancelToken>(clock_->now() + Milliseconds(30000)));
  TimePoint start = clock_->now();
  EXPECT_EQ(run(), IDCANCEL);
  EXPECT_EQ(clock_->now() - start, Milliseconds(30000));
}

TEST_F(DialogTest, IgnoredCancelIsTornDownAfterTheGracePeriod) {
  use_script("");  // no input at all: only the host's cancel can end it
  seen_.end_on_cancel = false;
  std::vector<Teardown> teardowns;
  set_teardown_observer([&](const Teardown& t) { teardowns.push_back(t); });
  TimePoint start = clock_->now();
  ::testing::internal::CaptureStderr();
  INT_PTR result = run();
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(result, IDCANCEL);
  EXPECT_TRUE(saw("command 2/" + std::to_string(BN_CLICKED)));
  EXPECT_EQ(clock_->now() - start, kDefaultGracePeriod);
  ASSERT_EQ(teardowns.size(), 1u);
  EXPECT_NE(teardowns[0].module.find("dialog_test"), std::string::npos) << teardowns[0].module;
  EXPECT_NE(log.find("non-conforming"), std::string::npos) << log;
  EXPECT_NE(log.find("dialog_test"), std::string::npos) << log;
}

TEST_F(DialogTest, CancelDialogIsAHostCancelWithItsGracePeriod) {
  // The terminal's Ctrl+C: unlike Escape, an interrupt the dialog cannot ignore for ever.
  use_script("wait 60000\n");
  seen_.end_on_cancel = false;
  std::vector<Teardown> teardowns;
  set_teardown_observer([&](const Teardown& t) { teardowns.push_back(t); });
  seen_.on_init = [](HWND hwnd) {
    cancel_dialog(GetDlgItem(hwnd, IDOK), "not a dialog");  // a control: ignored
    cancel_dialog(hwnd, "Ctrl+C in the terminal");
  };
  TimePoint start = clock_->now();
  ::testing::internal::CaptureStderr();
  INT_PTR result = run();
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(result, IDCANCEL);
  EXPECT_TRUE(saw("command 2/" + std::to_string(BN_CLICKED)));
  EXPECT_EQ(clock_->now() - start, kDefaultGracePeriod);
  ASSERT_EQ(teardowns.size(), 1u);
  EXPECT_EQ(teardowns[0].reason, "Ctrl+C in the terminal");
  EXPECT_NE(log.find("(Ctrl+C in the terminal)"), std::string::npos) << log;
}

TEST_F(DialogTest, CancelAllReachesEveryDialog) {
  use_script("wait 100000\n");
  seen_.on_init = [](HWND) { cancel_all(); };
  EXPECT_EQ(run(), IDCANCEL);
}

TEST_F(DialogTest, MessageBoxNestsOverTheDialog) {
  use_script("press \"&Save password\"\npress IDNO\npress IDOK\n");
  int answer = 0;
  bool owner_disabled = false;
  seen_.on_command = [&](HWND hwnd, int id, UINT) {
    if (id != 103) return;
    owner_disabled = false;
    answer = MessageBoxW(hwnd, L"Save it?", L"Question", MB_YESNO | MB_ICONQUESTION);
    owner_disabled = IsWindowEnabled(hwnd) == FALSE;
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(answer, IDNO);
  EXPECT_FALSE(owner_disabled) << "the owner is enabled again after the box";
  EXPECT_NE(record().find("dialog \"Question\""), std::string::npos) << record();
  EXPECT_NE(record().find("closed \"Question\" result 7"), std::string::npos) << record();
}

TEST_F(DialogTest, EscapeOnALoneOkMessageBoxReturnsIdOk) {
  use_script("key Escape\n");
  EXPECT_EQ(MessageBoxW(nullptr, L"Done", L"Info", MB_OK), IDOK);
  use_script("key Escape\npress IDNO\n");
  EXPECT_EQ(MessageBoxW(nullptr, L"Sure?", L"Q", MB_YESNO), IDNO)
      << "Esc does nothing without Cancel";
}

TEST_F(DialogTest, EndedScriptCancelsTheDialog) {
  use_script("set 101 x\n");
  EXPECT_EQ(run(), IDCANCEL);
  EXPECT_NE(record().find("script ended"), std::string::npos);
}

TEST_F(DialogTest, WindowsBelongToTheThreadThatMadeThem) {
  use_script("wait 50\npress IDOK\n");
  std::wstring set_by_other;
  DWORD other_error = 0;
  seen_.on_init = [&](HWND hwnd) {
    HWND edit = GetDlgItem(hwnd, 101);
    std::thread other([&] {
      SendMessageW(edit, WM_SETTEXT, 0, reinterpret_cast<LPARAM>(L"from another thread"));
      SetLastError(0);
      EXPECT_FALSE(EndDialog(hwnd, 9));
      other_error = GetLastError();
    });
    // The other thread's SendMessage runs here, once this thread pumps messages.
    MSG msg;
    while (!PeekMessageW(&msg, nullptr, 0, 0, PM_NOREMOVE) && GetWindowTextLengthW(edit) == 0) {
    }
    other.join();
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(seen_.user, L"from another thread");
  EXPECT_EQ(other_error, static_cast<DWORD>(ERROR_ACCESS_DENIED));
}

TEST_F(DialogTest, ThreadsSendingToEachOtherDoNotDeadlock) {
  // The main thread's dialog sends to a window of thread B, whose procedure sends back to
  // the main thread's dialog while the first send is still waiting.
  use_script("press IDOK\n");
  static HWND main_dialog = nullptr;
  static std::atomic<HWND> other{nullptr};
  static LRESULT echoed = 0;
  struct Other {
    static INT_PTR CALLBACK proc(HWND hwnd, UINT message, WPARAM wparam, LPARAM) {
      if (message == WM_APP) {
        echoed = SendMessageW(main_dialog, WM_GETTEXTLENGTH, 0, 0);  // back to the main thread
        SetWindowLongPtrW(hwnd, DWLP_MSGRESULT, static_cast<LONG_PTR>(wparam) + 1);
        return TRUE;
      }
      if (message == WM_APP + 1) PostQuitMessage(0);
      return message == WM_INITDIALOG;
    }
  };
  std::vector<uint8_t> bytes = logon_template();
  std::thread b([&] {
    HWND h = CreateDialogIndirectParamW(nullptr, as_template(bytes), nullptr, Other::proc, 0);
    other.store(h);
    MSG msg;
    while (GetMessageW(&msg, nullptr, 0, 0) > 0) DispatchMessageW(&msg);
    DestroyWindow(h);
  });
  LRESULT answer = 0;
  seen_.on_init = [&](HWND hwnd) {
    main_dialog = hwnd;
    while (!other.load()) std::this_thread::yield();
    answer = SendMessageW(other.load(), WM_APP, 41, 0);
    PostMessageW(other.load(), WM_APP + 1, 0, 0);
  };
  EXPECT_EQ(run(), IDOK);
  b.join();
  EXPECT_EQ(answer, 42);
  EXPECT_EQ(echoed, 7) << "the caption \"Connect\", read from thread B during the send";
}

TEST_F(DialogTest, ModelessDialogsRunInTheCallersLoop) {
  use_script("set 101 carol\nkey Escape\n");
  seen_.on_command = [](HWND hwnd, int id, UINT) {
    if (id == IDCANCEL) {
      DestroyWindow(hwnd);
      PostQuitMessage(3);
    }
  };
  seen_.end_on_cancel = false;
  HWND dlg = CreateDialogIndirectParamW(nullptr, as_template(bytes_), nullptr, recording_proc, 0);
  ASSERT_NE(dlg, nullptr);
  EXPECT_FALSE(IsWindowVisible(dlg)) << "modeless: visible only with WS_VISIBLE or ShowWindow";
  ShowWindow(dlg, SW_SHOW);
  MSG msg;
  BOOL got;
  while ((got = GetMessageW(&msg, nullptr, 0, 0)) > 0) {
    if (!IsDialogMessageW(dlg, &msg)) {
      TranslateMessage(&msg);
      DispatchMessageW(&msg);
    }
  }
  EXPECT_EQ(got, FALSE);
  EXPECT_EQ(msg.wParam, 3u);
  EXPECT_FALSE(IsWindow(dlg));
  EXPECT_TRUE(saw("destroy"));
}

TEST_F(DialogTest, DlgItemIntAndWindowLongs) {
  use_script("press IDOK\n");
  seen_.on_init = [](HWND hwnd) {
    EXPECT_TRUE(SetDlgItemInt(hwnd, 101, static_cast<UINT>(-12), TRUE));
    BOOL ok = FALSE;
    EXPECT_EQ(static_cast<int>(GetDlgItemInt(hwnd, 101, &ok, TRUE)), -12);
    EXPECT_TRUE(ok);
    GetDlgItemInt(hwnd, 101, &ok, FALSE);
    EXPECT_FALSE(ok) << "unsigned read of a negative number";
    SetDlgItemTextW(hwnd, 101, L" 4294967295 ");
    EXPECT_EQ(GetDlgItemInt(hwnd, 101, &ok, FALSE), 4294967295u);
    EXPECT_TRUE(ok);
    EXPECT_EQ(GetDlgItem(hwnd, 999), nullptr);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_CONTROL_ID_NOT_FOUND));
    SetWindowLongPtrW(hwnd, DWLP_USER, 1234);
    EXPECT_EQ(GetWindowLongPtrW(hwnd, DWLP_USER), 1234);
    EXPECT_EQ(SendMessageW(hwnd, DM_GETDEFID, 0, 0), MAKELONG(IDOK, DC_HASDEFID));
    RECT r;
    EXPECT_TRUE(GetWindowRect(GetDesktopWindow(), &r));
    EXPECT_TRUE(SetWindowPos(hwnd, nullptr, 10, 20, 0, 0, SWP_NOSIZE | SWP_NOZORDER));
    EXPECT_TRUE(GetWindowRect(hwnd, &r));
    EXPECT_EQ(r.left, 10);
    EXPECT_EQ(r.top, 20);
  };
  EXPECT_EQ(run(), IDOK);
  EXPECT_EQ(seen_.user, L" 4294967295 ") << "GetDlgItemInt reads through the spaces";
}

TEST_F(DialogTest, BadCallsFailAsOnWindows) {
  set_renderer(nullptr);
  EXPECT_EQ(run(), -1);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_SUPPORTED));
  EXPECT_EQ(CreateDialogIndirectParamW(nullptr, as_template(bytes_), nullptr, recording_proc, 0),
            nullptr);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_SUPPORTED));
  use_script("press IDOK\n");
  EXPECT_EQ(DialogBoxIndirectParamW(nullptr, as_template(bytes_), reinterpret_cast<HWND>(0x999),
                                    recording_proc, 0),
            0)
      << "an owner that is not a window returns 0";
  EXPECT_EQ(DialogBoxParamW(nullptr, MAKEINTRESOURCEW(1), nullptr, recording_proc, 0), -1);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_RESOURCE_NAME_NOT_FOUND));
  EXPECT_FALSE(EndDialog(reinterpret_cast<HWND>(0x1234), 1));
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_WINDOW_HANDLE));
}

TEST_F(DialogTest, ResourcesOfTheModuleByIdNameAndHashNumber) {
  use_script("press IDOK\npress IDCANCEL\npress IDOK\n");
  EXPECT_EQ(DialogBoxParamW(nullptr, MAKEINTRESOURCEW(258), nullptr, recording_proc, 0), IDOK);
  EXPECT_EQ(DialogBoxParamW(nullptr, L"namedDIALOG", nullptr, recording_proc, 0), IDCANCEL)
      << "names compare case-insensitively";
  EXPECT_EQ(DialogBoxParamA(nullptr, "#258", nullptr, recording_proc, 0), IDOK);
  EXPECT_NE(record().find("dialog \"Numbered\""), std::string::npos);
  HWND modeless = CreateDialogParamA(nullptr, "NamedDialog", nullptr, recording_proc, 0);
  ASSERT_NE(modeless, nullptr);
  WCHAR caption[16];
  EXPECT_EQ(GetWindowTextW(modeless, caption, 16), 5);
  EXPECT_STREQ(caption, L"Named");
  EXPECT_TRUE(DestroyWindow(modeless));
  EXPECT_EQ(DialogBoxParamW(nullptr, L"Missing", nullptr, recording_proc, 0), -1);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_RESOURCE_NAME_NOT_FOUND));
}

TEST(LoadString, FollowsWindows) {
  WCHAR buf[64];
  EXPECT_EQ(LoadStringW(nullptr, 16, buf, 64), 12);
  EXPECT_STREQ(buf, L"Hello, w\u00f6rld");
  EXPECT_EQ(LoadStringW(nullptr, 31, buf, 5), 4) << "truncated to cch-1 and terminated";
  EXPECT_STREQ(buf, L"0123");
  const WCHAR* direct = nullptr;
  EXPECT_EQ(LoadStringW(nullptr, 31, reinterpret_cast<LPWSTR>(&direct), 0), 10);
  ASSERT_NE(direct, nullptr);
  EXPECT_EQ(std::wstring(direct, 10), L"0123456789");
  EXPECT_EQ(LoadStringW(nullptr, 17, buf, 64), 0) << "an empty slot of an existing block";
  EXPECT_EQ(LoadStringW(nullptr, 999, buf, 64), 0);
  char narrow[64];
  EXPECT_EQ(LoadStringA(nullptr, 16, narrow, 64), 13) << "UTF-8 bytes";
  EXPECT_STREQ(narrow, "Hello, w\xc3\xb6rld");
}

TEST(Scripts, BadStepsNameTheLine) {
  auto s = parse_script("set 101 x\nfly away\n", "answers.txt");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message.rfind("answers.txt:2: unknown step \"fly\"", 0), 0u)
      << s.error().message;
  EXPECT_FALSE(parse_script("key F13\n", "a"));
  EXPECT_FALSE(parse_script("wait soon\n", "a"));
  EXPECT_FALSE(parse_script("press\n", "a"));
}

TEST(Renderers, ChoiceIsExplicit) {
  RendererChoice none;
  auto r = choose_renderer(none);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::kNotSupported);
  EXPECT_NE(r.error().message.find("answer script"), std::string::npos);
  RendererChoice missing;
  missing.script = "/nonexistent/answers";
  EXPECT_FALSE(choose_renderer(missing));
}

}  // namespace
}  // namespace openras::dialog
