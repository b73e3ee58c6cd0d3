// logon_host.cpp: starting and supervising logon hosts (see logon_host.h).
#include "rasman/logon_host.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <vector>

#include "base/log.h"
#include "raserror.h"
#include "rasman/child_spawn.h"
#include "rasman/logon_control.h"

extern char** environ;

namespace openras::rasman {

struct LogonHosts::Host {
  LogonHosts* owner = nullptr;
  uint64_t id = 0;
  pid_t pid = 0;
  std::string entry;
  std::string runtime_dir;
  uint64_t requester = 0;
  Ask ask;                   // empty: the host does not ask
  std::set<uint32_t> asked;  // questions waiting for the requester's answer
  UniqueFd control;
  UniqueFd pidfd;
  sd_event_source* control_source = nullptr;
  sd_event_source* exit_source = nullptr;
  sd_event_source* timer = nullptr;
  Done done;  // empty once called
  ~Host() {
    sd_event_source_disable_unref(control_source);
    sd_event_source_disable_unref(exit_source);
    sd_event_source_disable_unref(timer);
  }
};

namespace {

// Removes what a host left in its runtime directory (it may create files and
// directories there, nothing else), never following a link out of it.
void remove_tree(int parent, const char* name) {
  int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    if (DIR* dir = ::fdopendir(fd)) {
      while (dirent* e = ::readdir(dir)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
        if (::unlinkat(::dirfd(dir), e->d_name, 0) != 0 && errno == EISDIR) {
          remove_tree(::dirfd(dir), e->d_name);
        }
      }
      ::closedir(dir);
    } else {
      ::close(fd);
    }
  }
  (void)::unlinkat(parent, name, AT_REMOVEDIR);
}

// A program rasmand runs as root must be root's and writable by no one else, and so
// must its directory (as for openras-dialer-host).
Status trusted_program(const std::string& path) {
  std::string dir = path.substr(0, path.rfind('/'));
  for (const std::string& p : {path, dir.empty() ? std::string("/") : dir}) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return fail_errno(errno, "the logon host " + p);
    if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
      return fail(Errc::kAccessDenied,
                  "refusing to run " + path + " as root: " + p + " is owned by uid " +
                      std::to_string(st.st_uid) + " with mode " +
                      std::to_string(st.st_mode & 07777) +
                      " (octal digits in decimal); make it root's and not writable by group "
                      "or others");
    }
  }
  return {};
}

}  // namespace

std::string default_logon_host() { return find_helper("openras-logon-host"); }

LogonHosts::LogonHosts(sd_event* event, Paths paths)
    : event_(sd_event_ref(event)), paths_(std::move(paths)), helper_(default_logon_host()) {}

LogonHosts::~LogonHosts() {
  for (auto& [id, host] : hosts_) {
    // A caller still waiting gets its answer: rasmand is stopping.
    finish(*host, LogonOutcome{ERROR_RASMAN_CANNOT_INITIALIZE, 0, host->pid});
    (void)::syscall(SYS_pidfd_send_signal, host->pidfd.get(), SIGKILL, nullptr, 0);
    siginfo_t info{};
    (void)::waitid(P_PIDFD, static_cast<id_t>(host->pidfd.get()), &info, WEXITED);
    remove_tree(AT_FDCWD, host->runtime_dir.c_str());
  }
  hosts_.clear();
  sd_event_unref(event_);
}

Result<std::string> LogonHosts::make_runtime_dir() {
  // run/openras is rasmand's and checked when it starts (docs/security.md); logon/ below
  // it is created here, root's and private.
  std::string base = paths_.under_root("run/openras/logon");
  if (::mkdir(base.c_str(), 0700) != 0 && errno != EEXIST) {
    return fail_errno(errno, "creating " + base);
  }
  struct stat st {};
  if (::lstat(base.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() ||
      (st.st_mode & 077) != 0) {
    return fail(Errc::kAccessDenied, base + " is not a private directory of rasmand's; remove it");
  }
  std::string dir = base + "/host-XXXXXX";
  if (!::mkdtemp(dir.data())) return fail_errno(errno, "creating a runtime directory in " + base);
  return dir;
}

Status LogonHosts::start(const std::string& entry, uint64_t timeout_usec, Done done, bool dialog,
                         uint64_t requester, Ask ask) {
  if (::geteuid() != 0) {
    return fail(Errc::kNotSupported,
                "dials at logon need the system rasmand (root): a dialer at logon runs with "
                "system privileges");
  }
  if (auto ok = trusted_program(helper_); !ok) return ok;
  auto runtime = make_runtime_dir();
  if (!runtime) return fail(runtime.error());
  ScopeExit unmake([&] {
    if (!runtime->empty()) remove_tree(AT_FDCWD, runtime->c_str());
  });
  auto control = make_control_pair("the logon host's control socket");
  if (!control) return fail(control.error());
  ChildSpec child;
  child.args = {helper_, "--root", paths_.root(), "--runtime", *runtime, "--entry", entry};
  if (dialog) {
    child.args.insert(child.args.end(),
                      {"--dialog", "yes", "--timeout", std::to_string(timeout_usec / 1'000'000)});
  }
  // The host keeps only what it needs of this environment (src/logon/host.cpp).
  child.envp = environ;
  child.control_fd = control->theirs.get();
  // stdout leads nowhere; stderr is rasmand's log (a dialer's own messages and, in a test
  // build, the sanitizers' reports); no controlling terminal to inject input into.
  child.null_stdout = true;
  child.new_session = true;
  auto pid = spawn_child(child);
  if (!pid) return fail(pid.error());
  auto host = std::make_unique<Host>();
  host->owner = this;
  host->id = next_id_++;
  host->pid = *pid;
  host->entry = entry;
  host->runtime_dir = *runtime;
  host->control = std::move(control->ours);
  host->done = std::move(done);
  host->requester = requester;
  if (dialog) host->ask = std::move(ask);
  host->pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, *pid, 0)));  // our child: no race
  runtime->clear();  // the host's now: removed when it exits
  int r = host->pidfd ? 0 : -errno;
  if (r == 0) {
    r = sd_event_add_io(event_, &host->control_source, host->control.get(), EPOLLIN, on_control,
                        host.get());
  }
  if (r >= 0) {
    r = sd_event_add_io(event_, &host->exit_source, host->pidfd.get(), EPOLLIN, on_exit,
                        host.get());
  }
  if (r >= 0) {
    r = sd_event_add_time_relative(event_, &host->timer, CLOCK_MONOTONIC, timeout_usec, 0,
                                   on_timeout, host.get());
  }
  if (r < 0) {
    if (host->pidfd) (void)::syscall(SYS_pidfd_send_signal, host->pidfd.get(), SIGKILL, nullptr, 0);
    (void)::waitpid(*pid, nullptr, 0);
    remove_tree(AT_FDCWD, host->runtime_dir.c_str());
    return fail_errno(-r, "watching the logon host");
  }
  LOG_NOTICE("logon host pid %d: dialing entry \"%s\" (logon dial %llu%s)", *pid, entry.c_str(),
             static_cast<unsigned long long>(host->id), dialog ? ", with its dialog" : "");
  hosts_.emplace(host->id, std::move(host));
  return {};
}

void LogonHosts::finish(Host& host, const LogonOutcome& outcome) {
  if (!host.done) return;
  Done done = std::move(host.done);
  host.done = nullptr;
  sd_event_source_set_enabled(host.timer, SD_EVENT_OFF);
  done(outcome);
}

int LogonHosts::on_control(sd_event_source*, int fd, uint32_t, void* userdata) {
  auto& host = *static_cast<Host*>(userdata);
  char buffer[4096];
  for (;;) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // Gone (or nothing more now); its exit comes through the pidfd.
      if (n == 0) sd_event_source_set_enabled(host.control_source, SD_EVENT_OFF);
      return 0;
    }
    HostMessage message = parse_host_message(std::string_view(buffer, static_cast<size_t>(n)));
    switch (message.kind) {
      case HostMessage::Kind::kViolation:
        LOG_WARNING("logon host pid %d (entry \"%s\"): the dialer tried %s", host.pid,
                    host.entry.c_str(), message.text.c_str());
        break;
      case HostMessage::Kind::kLog:
        LOG_NOTICE("logon host pid %d (entry \"%s\"): %s", host.pid, host.entry.c_str(),
                   message.text.c_str());
        break;
      case HostMessage::Kind::kAsk:
        if (!host.ask || !host.done) {
          LOG_NOTICE("logon host pid %d: a question outside a dialog ignored", host.pid);
          break;
        }
        // A host asks one question at a time (and may give one up at its deadline); more
        // waiting at once is a dialer writing to the control socket itself.
        if (message.style <= 2 && host.asked.size() >= kMaxPendingQuestions) {
          LOG_WARNING("logon host pid %d (entry \"%s\"): more than %zu questions at once; ignored",
                      host.pid, host.entry.c_str(), kMaxPendingQuestions);
          break;
        }
        if (message.style <= 2) host.asked.insert(message.question);
        host.ask(host.id, message.question, message.style, message.text);
        break;
      case HostMessage::Kind::kDialed:
        if (!host.done) break;  // reported once
        LOG_INFO("logon host pid %d (entry \"%s\"): dial result %u, connection 0x%llx", host.pid,
                 host.entry.c_str(), message.result,
                 static_cast<unsigned long long>(message.handle));
        host.asked.clear();  // no more answers: the dial is done
        host.owner->finish(host, LogonOutcome{message.result, message.handle, host.pid});
        break;
      case HostMessage::Kind::kMalformed:
        LOG_NOTICE("logon host pid %d: malformed message ignored", host.pid);
        break;
    }
  }
}

Status LogonHosts::answer(uint64_t dial, uint64_t requester, uint32_t question,
                          const std::string& text) {
  auto it = hosts_.find(dial);
  if (it == hosts_.end()) {
    // kInvalidHandle: NotFound on the wire (protocol.h's kErrorNames).
    return fail(Errc::kInvalidHandle, "no logon dial " + std::to_string(dial) + " is running");
  }
  if (it->second->requester != requester) {
    return fail(Errc::kAccessDenied, "logon dial " + std::to_string(dial) +
                                         " was started by another client; only that one "
                                         "answers its questions");
  }
  if (it->second->asked.erase(question) == 0) {
    return fail(Errc::kInvalidHandle, "logon dial " + std::to_string(dial) +
                                          " is not waiting for answer " + std::to_string(question));
  }
  std::string message = "answer " + std::to_string(question) + " " + text;
  if (::send(it->second->control.get(), message.data(), message.size(),
             MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
    return fail_errno(errno,
                      "passing the answer to logon host pid " + std::to_string(it->second->pid));
  }
  return {};
}

int LogonHosts::on_exit(sd_event_source*, int fd, uint32_t, void* userdata) {
  auto& host = *static_cast<Host*>(userdata);
  siginfo_t info{};
  if (::waitid(P_PIDFD, static_cast<id_t>(fd), &info, WEXITED | WNOHANG) != 0 || info.si_pid == 0) {
    return 0;
  }
  // Read what it said last, its result included, before reporting its exit.
  on_control(nullptr, host.control.get(), EPOLLIN, &host);
  if (info.si_code == CLD_EXITED) {
    LOG_INFO("logon host pid %d (entry \"%s\") exited with status %d", host.pid, host.entry.c_str(),
             info.si_status);
  } else {
    LOG_WARNING("logon host pid %d (entry \"%s\") was killed by signal %d", host.pid,
                host.entry.c_str(), info.si_status);
  }
  LogonHosts* self = host.owner;
  host.asked.clear();
  self->finish(host, LogonOutcome{ERROR_CANNOT_DO_CUSTOMDIAL, 0, host.pid});
  remove_tree(AT_FDCWD, host.runtime_dir.c_str());
  self->hosts_.erase(host.id);
  return 0;
}

int LogonHosts::on_timeout(sd_event_source*, uint64_t, void* userdata) {
  auto& host = *static_cast<Host*>(userdata);
  if (!host.done) return 0;
  LOG_WARNING("logon host pid %d (entry \"%s\"): no result within the time-out; killed", host.pid,
              host.entry.c_str());
  (void)::syscall(SYS_pidfd_send_signal, host.pidfd.get(), SIGKILL, nullptr, 0);
  host.owner->finish(host, LogonOutcome{ERROR_REQUEST_TIMEOUT, 0, host.pid});
  return 0;
}

}  // namespace openras::rasman
