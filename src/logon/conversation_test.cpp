// conversation_test.cpp: a dialog from a .rc (testdata/conversation.rc) rendered through
// the conversation (conversation.h), with a thread playing rasmand and the person at the
// login on the other end of a SOCK_SEQPACKET pair: what is asked, in which style, what
// the dialog procedure gets back, and how a conversation that ends, a wrong answer and
// the logon time-out end the dialog.
#include "logon/conversation.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <string>
#include <thread>
#include <vector>

namespace openras::logon {
namespace {

constexpr int kForm = 100, kStatus = 101, kUser = 102, kPassword = 103, kSave = 104, kDevice = 105;

// The far end: records each question ("STYLE TEXT") and answers the echoed and secret
// ones from `answers` in order; "<none>" leaves one unanswered; when they run out it
// closes its end (the conversation ended).
class Person {
 public:
  explicit Person(std::deque<std::string> answers) : answers_(std::move(answers)) {
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
    host_fd_ = sv[0];
    mine_ = sv[1];
    thread_ = std::thread([this] { run(); });
  }
  ~Person() {
    ::shutdown(host_fd_, SHUT_RDWR);  // ends the thread's wait for another question
    if (thread_.joinable()) thread_.join();
    if (mine_ >= 0) ::close(mine_);
    ::close(host_fd_);
  }
  [[nodiscard]] int host_fd() const { return host_fd_; }
  std::vector<std::string> questions() {
    ::shutdown(host_fd_, SHUT_RDWR);
    thread_.join();
    return questions_;
  }

 private:
  void run() {
    char buffer[4096];
    for (;;) {
      ssize_t n = ::recv(mine_, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      std::string message(buffer, static_cast<size_t>(n));
      unsigned id = 0, style = 0;
      int used = 0;
      if (std::sscanf(message.c_str(), "ask %u %u%n", &id, &style, &used) != 2) continue;
      questions_.push_back(std::to_string(style) + message.substr(static_cast<size_t>(used)));
      if (style > 2) continue;
      if (answers_.empty()) {
        ::close(mine_);
        mine_ = -1;
        return;
      }
      std::string answer = answers_.front();
      answers_.pop_front();
      if (answer == "<none>") continue;
      std::string reply = "answer " + std::to_string(id) + " " + answer;
      ::send(mine_, reply.data(), reply.size(), MSG_NOSIGNAL);
    }
  }
  std::deque<std::string> answers_;
  std::vector<std::string> questions_;
  int host_fd_ = -1, mine_ = -1;
  std::thread thread_;
};

// What the form's procedure saw when Dial was pressed.
struct Typed {
  std::wstring user, password;
  bool save = false;
  int device = -1;
  int device_changes = 0;  // CBN_SELCHANGE seen
  int dial_presses = 0;
};

INT_PTR CALLBACK form_proc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp) {
  auto* typed = reinterpret_cast<Typed*>(GetWindowLongPtrW(dlg, DWLP_USER));
  if (msg == WM_INITDIALOG) {
    SetWindowLongPtrW(dlg, DWLP_USER, lp);
    SetDlgItemTextW(dlg, kUser, L"guest");
    HWND device = GetDlgItem(dlg, kDevice);
    SendMessageW(device, CB_ADDSTRING, 0, reinterpret_cast<LPARAM>(L"modem0"));
    SendMessageW(device, CB_ADDSTRING, 0, reinterpret_cast<LPARAM>(L"modem1"));
    SendMessageW(device, CB_SETCURSEL, 0, 0);
    return TRUE;
  }
  if (msg != WM_COMMAND) return FALSE;
  if (LOWORD(wp) == kDevice && HIWORD(wp) == CBN_SELCHANGE) {
    ++typed->device_changes;
    return TRUE;
  }
  if (LOWORD(wp) == IDOK) {
    wchar_t text[64];
    GetDlgItemTextW(dlg, kUser, text, 64);
    typed->user = text;
    GetDlgItemTextW(dlg, kPassword, text, 64);
    typed->password = text;
    typed->save = IsDlgButtonChecked(dlg, kSave) == BST_CHECKED;
    typed->device = static_cast<int>(SendDlgItemMessageW(dlg, kDevice, CB_GETCURSEL, 0, 0));
    if (++typed->dial_presses == 1 && typed->password.empty()) {
      SetDlgItemTextW(dlg, kStatus, L"Type a password.");  // stays open: asked again
      return TRUE;
    }
    EndDialog(dlg, IDOK);
    return TRUE;
  }
  if (LOWORD(wp) == IDCANCEL) {
    EndDialog(dlg, IDCANCEL);
    return TRUE;
  }
  return FALSE;
}

INT_PTR show_form(Person& person, Typed& typed) {
  dialog::set_renderer(
      std::make_shared<ConversationRenderer>(std::make_shared<Conversation>(person.host_fd())));
  INT_PTR result = DialogBoxParamW(nullptr, MAKEINTRESOURCEW(kForm), nullptr, form_proc,
                                   reinterpret_cast<LPARAM>(&typed));
  dialog::set_renderer(nullptr);
  return result;
}

TEST(Conversation, AsksEachFieldThenTheButtonsAndPressesTheChosenOne) {
  // Enter keeps "guest" and the device; an empty password makes the procedure say so and
  // stay, and the changed status line is told again; then the second device by number,
  // and "2nd" is not a button while "dial" is.
  Person person({"", "", "y", "", "", "alice", "pw", "", "2", "2nd", "dial"});
  Typed typed;
  EXPECT_EQ(show_form(person, typed), IDOK);
  EXPECT_EQ(typed.user, L"alice");
  EXPECT_EQ(typed.password, L"pw");
  EXPECT_TRUE(typed.save);
  EXPECT_EQ(typed.device, 1);
  EXPECT_EQ(typed.device_changes, 1);
  EXPECT_EQ(typed.dial_presses, 2);
  std::vector<std::string> expected = {
      "4 Connect at logon\nReady",
      "2 User name: [guest] ",
      "1 Password: ",
      "2 Save password [y/N] ",
      "2 Device: 1) modem0 2) modem1 [modem0] ",
      "2 Choose: 1) Dial 2) Cancel (Enter: Dial) ",
      "4 Connect at logon\nType a password.",
      "2 User name: [guest] ",
      "1 Password: ",
      "2 Save password [Y/n] ",
      "2 Device: 1) modem0 2) modem1 [modem0] ",
      "2 Choose: 1) Dial 2) Cancel (Enter: Dial) ",
      "3 Answer with a number from 1 to 2.",
      "2 Choose: 1) Dial 2) Cancel (Enter: Dial) ",
  };
  EXPECT_EQ(person.questions(), expected);
}

TEST(Conversation, CancelIsAButtonLikeAnyOther) {
  Person person({"", "", "", "", "2"});
  Typed typed;
  EXPECT_EQ(show_form(person, typed), IDCANCEL);
  EXPECT_EQ(typed.dial_presses, 0);
}

TEST(Conversation, AConversationThatEndsCancelsTheDialog) {
  Person person({"bob"});  // then no more answers: the far end closes
  Typed typed;
  EXPECT_EQ(show_form(person, typed), IDCANCEL);
  EXPECT_EQ(typed.dial_presses, 0);
}

TEST(Conversation, ALoneEscapeCancelsTheDialog) {
  Person person({"\x1b", "", "", "", "1"});
  Typed typed;
  EXPECT_EQ(show_form(person, typed), IDCANCEL);
  EXPECT_EQ(typed.dial_presses, 0);
}

TEST(Conversation, TheLogonTimeOutCancelsWhileAQuestionWaits) {
  Person person({"<none>", "1"});
  Typed typed;
  auto token =
      std::make_shared<dialog::CancelToken>(dialog::clock().now() + std::chrono::milliseconds(300));
  INT_PTR result;
  {
    dialog::CancelScope scope(token);
    result = show_form(person, typed);
  }
  EXPECT_EQ(result, IDCANCEL);
  EXPECT_EQ(typed.dial_presses, 0);
}

}  // namespace
}  // namespace openras::logon
