// logon.cpp: rasdialer-check --logon: the dialer dialed as at logon (docs/logon.md), with
// RCD_Logon and RDEOPT_NoUser, inside the logon host's sandbox (src/logon/sandbox.h):
// every write, program or escape the sandbox refuses is reported as a failed check, so an
// author sees what their dialer would have tried at a login prompt. Then its
// RasCustomDialDlg with RCD_Logon, rendered through the PAM conversation as at a login
// (src/logon/conversation.h) to a person who never answers: the dialog must end on the
// IDCANCEL of the logon time-out. The exercise user (nobody, or --user) stands in for
// root: the sandbox is the same.
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "checker.h"
#include "child.h"
#include "dialer/dispatch.h"
#include "dialog/dialog.h"
#include "logon/conversation.h"
#include "logon/sandbox.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/client.h"
#include "session/connections.h"
#include "session/service.h"
#include "session/session.h"

namespace openras::check {

namespace {

using logon::install_syscall_filter;
using logon::restrict_filesystem;
using logon::SandboxSpec;

// How long the dialog check's person takes not to answer: the logon time-out it plays.
constexpr std::chrono::seconds kDialogTimeout{2};

// The logon host's sandbox in this child (but not apply_sandbox(): it keeps the pipe its
// Report streams on): rasmand's connection first, then no new UNIX sockets.
bool enter_sandbox(const std::string& runtime, int report_fd, const char* check, Report& report) {
  SandboxSpec spec;
  spec.runtime_dir = runtime;
  if (auto ok = restrict_filesystem(spec); !ok) {
    report.fail(check, ok.error().message);
    return false;
  }
  session::use_one_socket();  // the sandbox allows this one socket, as the logon host's does
  if (auto client = session::service_client(); !client) {
    report.fail(check, "no rasmand for the scratch root: " + client.error().message);
    return false;
  }
  if (auto ok = install_syscall_filter(report_fd,
                                       logon::filter_keeps_signals_home(logon::landlock_abi()));
      !ok) {
    report.fail(check, ok.error().message);
    return false;
  }
  if (::chdir(runtime.c_str()) != 0) {
    report.fail(check, "cannot enter " + runtime);
    return false;
  }
  return true;
}

void dial_at_logon(const std::wstring& phonebook, const std::string& runtime, int report_fd,
                   Report& report) {
  report.begin("logon", "RasCustomDial with RCD_Logon in the logon sandbox");
  if (!enter_sandbox(runtime, report_fd, "logon", report)) return;
  auto entry = dialer::lookup_entry(phonebook.c_str(), L"rasdialer-check");
  if (!entry) return report.fail("logon", "the scratch entry is gone: " + entry.error().message);
  RASDIALEXTENSIONS ext{};
  ext.dwSize = sizeof ext;
  ext.dwfOptions = RDEOPT_NoUser;
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  lstrcpyW(params.szEntryName, L"rasdialer-check");
  HRASCONN handle = nullptr;
  DWORD rc = session::Session::instance().dial_custom(
      *entry, dialer::DialContext::kLogon, &ext, phonebook.c_str(), &params, 0, nullptr, &handle);
  if (rc == ERROR_SUCCESS) {
    report.pass("logon-dial", "RasCustomDial with RCD_Logon connected inside the sandbox");
  } else {
    report.fail("logon-dial", "RasCustomDial with RCD_Logon returned " + std::to_string(rc) +
                                  " inside the logon sandbox");
  }
  if (handle != nullptr) (void)RasHangUpW(handle);
}

// Whether this process holds a connection RAS knows (the dialer's custom one, or a built-in
// one it dialled with RDEOPT_CustomDial), as the logon host looks for one; hangs each up.
bool hang_up_what_it_made() {
  bool made = false;
  for (const auto& c : session::Connections::instance().list()) {
    made = true;
    (void)RasHangUpW(c.handle);
  }
  auto client = session::service_client();
  if (!client) return made;
  auto listed = (*client)->list_connections();
  if (!listed) return made;
  for (const auto& c : *listed) {
    if (c.pid != ::getpid()) continue;
    made = true;
    (void)session::remote_hang_up(reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(c.handle)));
  }
  return made;
}

// RasCustomDialDlg at logon, its questions going to a person who never answers: it must
// end (FALSE) on the IDCANCEL the logon time-out brings, within the grace period.
void dialog_at_logon(const std::wstring& phonebook, const std::string& runtime, int report_fd,
                     Report& report) {
  report.begin("logon-dialog", "RasCustomDialDlg with RCD_Logon through the conversation");
  int conversation[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, conversation) != 0) {
    return report.fail("logon-dialog", "cannot create the conversation socket");
  }
  if (!enter_sandbox(runtime, report_fd, "logon-dialog", report)) return;
  auto entry = dialer::lookup_entry(phonebook.c_str(), L"rasdialer-check");
  if (!entry) return report.fail("logon-dialog", "the scratch entry is gone");
  auto loaded = dialer::load_for_entry(*entry);
  if (!loaded) return report.fail("logon-dialog", loaded.error().message);
  // The dialer's dialog calls must reach this copy of the dialog runtime, whose renderer is
  // set below, not a libopenras.so of their own: only when this executable exports them.
  if (::dlsym(RTLD_DEFAULT, "DialogBoxParamW") != reinterpret_cast<void*>(&DialogBoxParamW)) {
    return report.skip("logon-dialog",
                       "the dialer's dialog calls do not reach rasdialer-check's dialog runtime "
                       "(its exports.list lacks winuser.h's functions)");
  }
  // The person: reads each question, answers none, until the socket closes.
  int questions = 0;
  std::thread person([fd = conversation[1], &questions] {
    char buffer[4096];
    for (;;) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      if (std::string(buffer, static_cast<size_t>(n)).rfind("ask ", 0) == 0) ++questions;
    }
  });
  bool torn_down = false;
  dialog::set_teardown_observer([&](const dialog::Teardown&) { torn_down = true; });
  dialog::set_grace_period(std::chrono::seconds(2));
  dialog::set_renderer(std::make_shared<logon::ConversationRenderer>(
      std::make_shared<logon::Conversation>(conversation[0])));
  RASDIALDLG info{};
  info.dwSize = sizeof info;
  std::wstring name = L"rasdialer-check", book = phonebook;
  BOOL shown;
  {
    dialog::CancelScope scope(
        std::make_shared<dialog::CancelToken>(dialog::clock().now() + kDialogTimeout));
    shown =
        (*loaded)->dial_dlg(dialer::DialContext::kLogon, book.data(), name.data(), nullptr, &info);
  }
  ::shutdown(conversation[0], SHUT_RDWR);
  person.join();
  std::string asked = std::to_string(questions) + " question(s) through the conversation";
  if (torn_down) {
    report.fail("logon-dialog",
                "its dialog did not end on the IDCANCEL of the logon time-out "
                "and was torn down after the grace period (" +
                    asked + "); a dialog must end on IDCANCEL");
  } else if (shown && hang_up_what_it_made()) {
    report.pass("logon-dialog",
                "RasCustomDialDlg dialed without waiting for the person (" + asked + ")");
  } else if (shown) {
    report.fail("logon-dialog",
                "RasCustomDialDlg returned TRUE but made no connection RAS "
                "knows: the logon host finds none to hold and fails the dial "
                "(755); dial through RasDial");
  } else if (info.dwError != 0) {
    report.fail("logon-dialog", "RasCustomDialDlg with RCD_Logon failed with error " +
                                    std::to_string(info.dwError) + " (" + asked + ")");
  } else {
    report.pass("logon-dialog",
                "its dialog ended on the IDCANCEL of the logon time-out (" + asked + ")");
  }
}

}  // namespace

void exercise_logon(const Scratch& scratch, Report& report, int timeout) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
    return report.fail("logon", "cannot create the violation socket");
  }
  char pattern[] = "/tmp/rasdialer-check-logon.XXXXXX";
  std::string runtime = ::mkdtemp(pattern) ? pattern : "";
  if (runtime.empty()) {
    ::close(sv[0]);
    ::close(sv[1]);
    return report.fail("logon", "cannot create a runtime directory in /tmp");
  }
  const std::wstring& book = scratch.phonebook();
  run_in_child(report, timeout, "logon",
               [&](Report& r) { dial_at_logon(book, runtime, sv[1], r); });
  run_in_child(report, timeout, "logon-dialog",
               [&](Report& r) { dialog_at_logon(book, runtime, sv[1], r); });
  ::close(sv[1]);
  std::vector<std::string> violations;
  char buffer[1024];
  ssize_t n;
  while ((n = ::recv(sv[0], buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
    std::string message(buffer, static_cast<size_t>(n));
    if (message.rfind("violation ", 0) == 0) violations.push_back(message.substr(10));
  }
  ::close(sv[0]);
  std::error_code ignored;  // a runtime directory left behind is only a stray in /tmp
  std::filesystem::remove_all(runtime, ignored);
  if (violations.empty()) {
    report.pass("logon", "nothing the logon sandbox refuses was tried");
  }
  for (const auto& v : violations) {
    report.fail("logon", "at logon the dialer tried " + v +
                             "; a dialer must not write files or start programs then "
                             "(docs/logon.md)");
  }
}

}  // namespace openras::check
