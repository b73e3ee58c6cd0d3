// logon.cpp: rasdialer-check --logon: the dialer dialed as at logon (docs/logon.md), with
// RCD_Logon and RDEOPT_NoUser, inside the logon host's sandbox (src/logon/sandbox.h):
// every write, program or escape the sandbox refuses is reported as a failed check, so an
// author sees what their dialer would have tried at a login prompt. The exercise user
// (nobody, or --user) stands in for root: the sandbox is the same.
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "checker.h"
#include "child.h"
#include "dialer/dispatch.h"
#include "dialer/service_link.h"
#include "logon/sandbox.h"
#include "ras.h"
#include "raserror.h"

namespace openras::check {

namespace {

using logon::install_syscall_filter;
using logon::restrict_filesystem;
using logon::SandboxSpec;

void dial_at_logon(const std::wstring& phonebook, const std::string& runtime, int report_fd,
                   Report& report) {
  report.begin("logon", "RasCustomDial with RCD_Logon in the logon sandbox");
  SandboxSpec spec;
  spec.runtime_dir = runtime;
  // Not apply_sandbox(): this child keeps the pipe its Report streams on.
  if (auto ok = restrict_filesystem(spec); !ok) {
    report.fail("logon", ok.error().message);
    return;
  }
  // As the logon host does: rasmand's connection first, then no new UNIX sockets.
  if (auto client = dialer::service_client(); !client) {
    report.fail("logon", "no rasmand for the scratch root: " + client.error().message);
    return;
  }
  if (auto ok = install_syscall_filter(report_fd); !ok) {
    report.fail("logon", ok.error().message);
    return;
  }
  if (::chdir(runtime.c_str()) != 0) return report.fail("logon", "cannot enter " + runtime);
  auto entry = dialer::lookup_entry(phonebook.c_str(), L"rasdialer-check");
  if (!entry)
    return report.fail("logon", "the scratch entry is gone: " + std::to_string(entry.error()));
  RASDIALEXTENSIONS ext{};
  ext.dwSize = sizeof ext;
  ext.dwfOptions = RDEOPT_NoUser;
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  lstrcpyW(params.szEntryName, L"rasdialer-check");
  HRASCONN handle = nullptr;
  DWORD rc = dialer::dial_custom(*entry, dialer::DialContext::kLogon, &ext, phonebook.c_str(),
                                 &params, 0, nullptr, &handle);
  if (rc == ERROR_SUCCESS) {
    report.pass("logon-dial", "RasCustomDial with RCD_Logon connected inside the sandbox");
  } else {
    report.fail("logon-dial", "RasCustomDial with RCD_Logon returned " + std::to_string(rc) +
                                  " inside the logon sandbox");
  }
  if (handle != nullptr) (void)RasHangUpW(handle);
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
  ::close(sv[1]);
  std::vector<std::string> violations;
  char buffer[1024];
  ssize_t n;
  while ((n = ::recv(sv[0], buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
    std::string message(buffer, static_cast<size_t>(n));
    if (message.rfind("violation ", 0) == 0) violations.push_back(message.substr(10));
  }
  ::close(sv[0]);
  std::string remove = "rm -rf '" + runtime + "'";
  (void)std::system(remove.c_str());
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
