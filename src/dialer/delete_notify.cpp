// delete_notify.cpp: RasCustomDeleteEntryNotify in a process of its own (see dispatch.h).
//
// The deleting process forks and executes openras-dialer-host, which loads the dialer
// under the same rules and calls the entry point, and reports on a pipe (its fd 3) one
// line: "returned RC PATH", "threw PATH" or "refused RC MESSAGE". Whatever the dialer
// does — crash, exit(), hang — the deleting process learns it from the pipe closing or
// the deadline passing, and deletes the entry either way.
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "base/fs.h"
#include "base/log.h"
#include "base/utf.h"
#include "dialer/dispatch.h"

extern char** environ;

#ifndef OPENRAS_LIBEXECDIR
#define OPENRAS_LIBEXECDIR "/usr/libexec"
#endif

namespace openras::dialer {

namespace {

std::atomic<DeleteObserver> g_delete_observer{nullptr};

// The entries whose notification runs on this thread: a dialer that deletes its own entry
// from RasCustomDeleteEntryNotify (a forwarding dialer does) must not be notified again.
thread_local std::vector<std::pair<std::wstring, std::wstring>> t_notifying;

bool notifying(const EntryInfo& entry) {
  for (const auto& [book, name] : t_notifying) {
    if (book == entry.phonebook && name == entry.name) return true;
  }
  return false;
}

void observe(const DeleteNotifyOutcome& outcome) {
  if (DeleteObserver observer = g_delete_observer.load()) observer(outcome);
}

std::string directory_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

// openras-dialer-host, looked up beside the object this code was linked into (the
// installed libopenras.so or tool, or the build tree), then in the configured libexecdir.
// A process running as root takes only a host that only root can write.
UniqueFd open_host() {
  std::vector<std::string> candidates;
  // dladdr names a shared library by its path, but the main program by its argv[0].
  Dl_info info{};
  const char* object = "/proc/self/exe";
  if (::dladdr(reinterpret_cast<void*>(&open_host), &info) != 0 && info.dli_fname &&
      info.dli_fname[0] == '/') {
    object = info.dli_fname;
  }
  {
    char real[PATH_MAX];
    if (::realpath(object, real)) {
      std::string dir = directory_of(real);
      for (const char* relative : {"/../libexec/openras/", "/../../libexec/openras/",
                                   "/tools/openras-dialer-host/", "/../openras-dialer-host/"}) {
        candidates.push_back(dir + relative + "openras-dialer-host");
      }
    }
  }
  candidates.emplace_back(OPENRAS_LIBEXECDIR "/openras/openras-dialer-host");
  for (const std::string& candidate : candidates) {
    char real[PATH_MAX];
    if (!::realpath(candidate.c_str(), real)) continue;
    if (::geteuid() == 0) {
      auto fd = open_trusted_absolute(real, [](uid_t uid) { return uid == 0; });
      if (fd) return std::move(*fd);
      LOG_DEBUG("not using %s: %s", real, fd.error().message.c_str());
      continue;
    }
    UniqueFd fd(::open(real, O_RDONLY | O_CLOEXEC));
    if (fd) return fd;
  }
  return UniqueFd();
}

int notify_timeout_ms() {
  const char* text = ::secure_getenv("OPENRAS_DELETE_NOTIFY_TIMEOUT");
  if (text && *text) {
    char* end = nullptr;
    long seconds = std::strtol(text, &end, 10);
    if (*end == '\0' && seconds > 0 && seconds <= 600) return static_cast<int>(seconds) * 1000;
  }
  return kDeleteNotifyTimeoutSeconds * 1000;
}

long long now_ms() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// Reads the host's report until it closes the pipe or the deadline passes.
std::pair<std::string, bool> read_report(int fd, int timeout_ms) {
  std::string report;
  long long deadline = now_ms() + timeout_ms;
  for (;;) {
    long long left = deadline - now_ms();
    if (left <= 0) return {report, false};
    struct pollfd p {
      fd, POLLIN, 0
    };
    int n = ::poll(&p, 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {report, n == 0 ? false : true};
    char buffer[512];
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return {report, true};
    if (report.size() < 4096) report.append(buffer, static_cast<size_t>(got));
  }
}

DeleteNotifyOutcome parse_report(const std::string& report) {
  DeleteNotifyOutcome outcome;
  std::string line = report.substr(0, report.find('\n'));
  auto word_end = line.find(' ');
  std::string verb = line.substr(0, word_end);
  std::string rest = word_end == std::string::npos ? "" : line.substr(word_end + 1);
  if (verb == "returned") {
    char* end = nullptr;
    unsigned long rc = std::strtoul(rest.c_str(), &end, 10);
    outcome.returned = true;
    outcome.result = static_cast<DWORD>(rc);
    outcome.dialer_path = *end == ' ' ? std::string(end + 1) : std::string();
  } else if (verb == "threw") {
    outcome.dialer_path = rest;
    outcome.failure = "threw an exception";
  } else if (verb == "refused") {
    outcome.failure = "was not loaded: " + rest;
  }
  return outcome;
}

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) {
    return std::string("died of signal ") + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  }
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "ended";
}

}  // namespace

void set_delete_observer(DeleteObserver observer) { g_delete_observer = observer; }

void notify_delete(LPCWSTR phonebook, std::wstring_view name) {
  auto entry = lookup_entry(phonebook, name);
  if (!entry || entry->custom_dial_dll.empty() || notifying(*entry)) return;
  auto book = wide_to_utf8(entry->phonebook);
  auto entry_name = wide_to_utf8(entry->name);
  if (!book || !entry_name) return;
  UniqueFd host = open_host();
  if (!host) {
    LOG_DEBUG("openras-dialer-host is not installed; %s is deleted without notifying its dialer",
              entry_name->c_str());
    observe({std::string(), false, 0, "was not called: openras-dialer-host is missing"});
    return;
  }
  // The child puts the report pipe at fd 3: the host must not be there already (a caller
  // with fd 3 free gets it from open), or the exec would run the pipe (EACCES).
  if (host.get() <= 3) host = UniqueFd(::fcntl(host.get(), F_DUPFD_CLOEXEC, 4));
  int pipe_fds[2];
  if (!host || ::pipe2(pipe_fds, O_CLOEXEC) != 0) return;
  UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  std::string verb = "delete-notify";
  char* argv[] = {const_cast<char*>("openras-dialer-host"), verb.data(), book->data(),
                  entry_name->data(), nullptr};
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return;
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec: the caller may have threads.
    // The host dies with the thread waiting for it, so no chain of hosts outlives a
    // deleting process that was killed.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) ::_exit(127);
    int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0 || ::dup2(null, 0) < 0) ::_exit(127);
    // dup2 onto itself would keep close-on-exec.
    if (write_end.get() == 3 ? ::fcntl(3, F_SETFD, 0) < 0 : ::dup2(write_end.get(), 3) < 0) {
      ::_exit(127);
    }
    ::syscall(SYS_execveat, host.get(), "", argv, environ, AT_EMPTY_PATH);
    ::_exit(127);
  }
  write_end.reset();
  const int timeout_ms = notify_timeout_ms();
  auto [report, finished] = read_report(read_end.get(), timeout_ms);
  if (!finished) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  DeleteNotifyOutcome outcome = parse_report(report);
  if (!finished) {
    outcome.returned = false;
    outcome.failure =
        "did not return within " + std::to_string(timeout_ms / 1000) + " s and was killed";
  } else if (!outcome.returned && outcome.failure.empty()) {
    outcome.failure = describe_status(status);
  }
  if (outcome.returned && outcome.result != ERROR_SUCCESS) {
    LOG_DEBUG("RasCustomDeleteEntryNotify of %s returned %u; deleting anyway",
              outcome.dialer_path.c_str(), outcome.result);
  } else if (!outcome.returned) {
    LOG_DEBUG("RasCustomDeleteEntryNotify for %s %s; deleting anyway", entry_name->c_str(),
              outcome.failure.c_str());
  }
  observe(outcome);
}

DeleteNotifyOutcome run_delete_notify_here(LPCWSTR phonebook, std::wstring_view name) {
  DeleteNotifyOutcome outcome;
  auto entry = lookup_entry(phonebook, name);
  if (!entry) {
    outcome.failure =
        "the entry cannot be read (error " + std::to_string(win32_code(entry.error())) + ")";
    return outcome;
  }
  if (entry->custom_dial_dll.empty()) {
    outcome.failure = "the entry names no custom dialer";
    return outcome;
  }
  auto dialer = load_for_entry(*entry);
  if (!dialer) {
    outcome.failure = dialer.error().message;
    return outcome;
  }
  outcome.dialer_path = (*dialer)->path();
  t_notifying.emplace_back(entry->phonebook, entry->name);
  ScopeExit done([] { t_notifying.pop_back(); });
  auto result =
      (*dialer)->delete_notify(context_of(*entry), entry->phonebook.c_str(), entry->name.c_str());
  outcome.returned = result.has_value();
  outcome.result = result.value_or(0);
  if (!result) outcome.failure = "threw an exception";
  return outcome;
}

}  // namespace openras::dialer
