// daemon.cpp: see daemon.h.
#include "rasman/daemon.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "base/fs.h"
#include "base/log.h"
#include "base/paths.h"
#include "rasman/protocol.h"
#include "rasman/registry_watch.h"
#include "rasman/server.h"

namespace openras::rasman {

namespace {

Result<sockaddr_un> socket_address(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) {
    return fail(Errc::kInvalidArgument, "socket path " + path + " is longer than " +
                                            std::to_string(sizeof address.sun_path - 1) +
                                            " bytes; choose a shorter --root");
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  return address;
}

std::string owner_name(uid_t uid) {
  const passwd* pw = ::getpwuid(uid);
  return "uid " + std::to_string(uid) + (pw ? " (" + std::string(pw->pw_name) + ")" : "");
}

// Creates `dir` (absolute) and its missing parents, refusing a directory that anyone but
// rasmand's own user and root could change: every component from "/" down must be a real
// directory (no symlink) owned by root or by rasmand's user, and not writable by group or
// others, except that an ancestor may be a sticky directory like /tmp (where nobody else
// can rename it away). Otherwise another user could swap the socket for a link between
// rasmand's checks and its use of the path, and root would act on the file it points at.
Status make_runtime_directory(const std::string& dir) {
  UniqueFd at(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!at) return fail_errno(errno, "opening /");
  uid_t self = ::geteuid();
  std::string walked;
  std::size_t start = 1;
  while (start <= dir.size()) {
    std::size_t end = dir.find('/', start);
    if (end == std::string::npos) end = dir.size();
    std::string name = dir.substr(start, end - start);
    start = end + 1;
    if (name.empty() || name == ".") continue;
    walked += "/" + name;
    bool last = end >= dir.size() || dir.find_first_not_of('/', end) == std::string::npos;
    UniqueFd next(::openat(at.get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next && errno == ENOENT) {
      if (::mkdirat(at.get(), name.c_str(), 0755) < 0 && errno != EEXIST) {
        return fail_errno(errno, "creating " + walked);
      }
      // 0755 whatever the umask: clients of every user must reach the socket. The parent
      // was checked, so nobody else can have put something else at `name` meanwhile.
      if (::fchmodat(at.get(), name.c_str(), 0755, 0) < 0) {
        return fail_errno(errno, "chmod 0755 " + walked);
      }
      next.reset(::openat(at.get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    }
    if (!next) {
      return fail_errno(errno, walked +
                                   " (rasmand's runtime directory and its parents must be "
                                   "directories, not symlinks)");
    }
    struct stat st {};
    if (::fstat(next.get(), &st) < 0) return fail_errno(errno, "examining " + walked);
    bool others_write = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    bool sticky_ancestor = !last && (st.st_mode & S_ISVTX) != 0;
    if ((st.st_uid != 0 && st.st_uid != self) || (others_write && !sticky_ancestor)) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      return fail(Errc::kAccessDenied,
                  "refusing to create the socket under " + walked + ": it is owned by " +
                      owner_name(st.st_uid) + ", mode " + mode + ", so another user could " +
                      "replace what rasmand creates there; make it owned by " + owner_name(self) +
                      " and not writable by group or others");
    }
    at = std::move(next);
  }
  return {};
}

// Binds a fresh socket at `path`, mode 0666 (access control is per call, by peer
// credentials). A socket file nobody answers on is stale (a killed rasmand) and replaced;
// one that answers means another rasmand serves this root, and we must not steal it.
// The file appears at `path` only once the socket listens: it is bound and listening under
// a name of this process's own and then linked into place, so whoever sees the file (a
// script or rasdialer-check polling for it) can connect. A bind() straight to `path` would
// leave a window, before listen(), in which a connect is refused.
Result<UniqueFd> bind_socket(const std::string& path) {
  auto address = socket_address(path);
  if (!address) return fail(address.error());
  std::string dir = path.substr(0, path.rfind('/'));
  if (auto made = make_runtime_directory(dir); !made) return fail(made.error());
  UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!probe) return fail_errno(errno, "creating a socket");
  const auto* sa = reinterpret_cast<const sockaddr*>(&*address);
  if (::connect(probe.get(), sa, sizeof *address) == 0) {
    return fail(Errc::kAlreadyExists, "another rasmand already serves " + path);
  }
  if (errno == ECONNREFUSED) {
    LOG_NOTICE("replacing the stale socket %s (nothing answers on it)", path.c_str());
    if (::unlink(path.c_str()) < 0 && errno != ENOENT) return fail_errno(errno, "removing " + path);
  } else if (errno != ENOENT) {
    return fail_errno(errno, "probing " + path);
  }
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return fail_errno(errno, "creating a socket");
  // The mode is set on the socket before bind() creates the file (bind applies the
  // socket's mode minus the umask), never by path afterwards: a chmod() by path would
  // follow whatever link stood there by then.
  if (::fchmod(fd.get(), 0666) < 0) return fail_errno(errno, "fchmod 0666 on the socket");
  const std::string own = path + "." + std::to_string(::getpid());
  const auto own_address = socket_address(own);
  const bool staged = own_address.has_value();  // else no room for the longer name: in place
  const std::string& bound_path = staged ? own : path;
  const auto* bind_to = staged ? reinterpret_cast<const sockaddr*>(&*own_address) : sa;
  if (staged) ::unlink(own.c_str());  // a file of an earlier process with our pid
  mode_t umask_before = ::umask(0);
  int bound = ::bind(fd.get(), bind_to, sizeof(sockaddr_un));
  int bind_errno = errno;
  ::umask(umask_before);
  if (bound < 0) return fail_errno(bind_errno, "binding " + bound_path);
  ScopeExit remove_own([&] {
    if (staged) ::unlink(own.c_str());
  });
  if (::listen(fd.get(), SOMAXCONN) < 0) return fail_errno(errno, "listening on " + bound_path);
  if (staged && ::link(own.c_str(), path.c_str()) < 0) {
    if (errno == EEXIST) {
      return fail(Errc::kAlreadyExists, "another rasmand started serving " + path + " meanwhile");
    }
    return fail_errno(errno, "linking " + own + " to " + path);
  }
  return fd;
}

// The socket systemd passed (rasmand.socket), if any.
Result<UniqueFd> activated_socket() {
  int n = sd_listen_fds(1);
  if (n < 0) return fail_errno(-n, "reading the sockets systemd passed");
  if (n == 0) return UniqueFd();
  if (n > 1 || sd_is_socket_unix(SD_LISTEN_FDS_START, SOCK_STREAM, 1, nullptr, 0) <= 0) {
    return fail(Errc::kInvalidArgument,
                "systemd passed " + std::to_string(n) +
                    " descriptors; rasmand expects one listening AF_UNIX stream socket");
  }
  return UniqueFd(SD_LISTEN_FDS_START);
}

// Shutdown happens inside the loop: sd-bus closes every attached bus once the loop
// exits, so the last signals must be out before that. On SIGTERM/SIGINT rasmand closes
// its listening socket and stops reading calls, asks each registering client to hang up,
// hangs every link up and drops every record (with its signals), then polls until the
// signals are written (at most kDrainUsec, so a client that does not read cannot hold up
// the shutdown) and the links have ended (each says goodbye to its peer, as on a HangUp,
// and is killed kStopGraceUsec after its hang-up if it has not), closes every client and
// leaves the loop. Destroying the server kills whatever link is left.
constexpr uint64_t kDrainUsec = 500 * 1000;
constexpr uint64_t kDrainPollUsec = 20 * 1000;
// The links' own bound, and time for the zygote to report the last one reaped.
constexpr uint64_t kLinksDrainUsec = kStopGraceUsec + 500 * 1000;

struct Shutdown {
  std::unique_ptr<Server>* server = nullptr;
  uint64_t began_us = 0;  // when SIGTERM came (CLOCK_MONOTONIC); 0 while serving
};

int on_drain_tick(sd_event_source* source, uint64_t now, void* userdata) {
  auto* shutdown = static_cast<Shutdown*>(userdata);
  const Server& server = **shutdown->server;
  const uint64_t elapsed = now - shutdown->began_us;
  if ((server.pending_writes() && elapsed < kDrainUsec) ||
      (server.links_ending() && elapsed < kLinksDrainUsec)) {
    // A time source is disabled once it has fired: a new time alone never fires again.
    int r = sd_event_source_set_time(source, now + kDrainPollUsec);
    if (r >= 0) r = sd_event_source_set_enabled(source, SD_EVENT_ONESHOT);
    if (r >= 0) return 0;
  }
  shutdown->server->reset();
  sd_event_source_set_enabled(source, SD_EVENT_OFF);
  return sd_event_exit(sd_event_source_get_event(source), 0);
}

int on_signal(sd_event_source* source, const signalfd_siginfo* info, void* userdata) {
  auto* shutdown = static_cast<Shutdown*>(userdata);
  if (shutdown->began_us != 0) return 0;  // already stopping
  LOG_NOTICE("%s received; shutting down", strsignal(static_cast<int>(info->ssi_signo)));
  sd_notify(0, "STOPPING=1");
  sd_event* event = sd_event_source_get_event(source);
  (*shutdown->server)->hang_up_all();
  uint64_t now = 0;
  sd_event_now(event, CLOCK_MONOTONIC, &now);
  shutdown->began_us = now;
  int r = sd_event_add_time(event, nullptr, CLOCK_MONOTONIC, now, 0, on_drain_tick, shutdown);
  return r < 0 ? sd_event_exit(event, 0) : 0;
}

// --exit-idle: checks once a second; after `limit_us` with no client connected and no
// connection listed, shuts down as SIGTERM would.
struct IdleWatch {
  Shutdown* shutdown;
  uint64_t limit_us;
  uint64_t idle_since_us = 0;
};

int on_idle_tick(sd_event_source* source, uint64_t now, void* userdata) {
  auto* watch = static_cast<IdleWatch*>(userdata);
  Shutdown* shutdown = watch->shutdown;
  if (shutdown->began_us != 0 || !*shutdown->server) return 0;  // already stopping
  const Server& server = **shutdown->server;
  if (server.peer_count() != 0 || server.table().size() != 0) {
    watch->idle_since_us = 0;
  } else if (watch->idle_since_us == 0) {
    watch->idle_since_us = now;
  } else if (now - watch->idle_since_us >= watch->limit_us) {
    LOG_NOTICE("idle for %llu s; exiting",
               static_cast<unsigned long long>(watch->limit_us / 1000000));
    return ::raise(SIGTERM) == 0 ? 0 : sd_event_exit(sd_event_source_get_event(source), 0);
  }
  return sd_event_source_set_time(source, now + 1000 * 1000);
}

// On the system bus, as a convenience for busctl and other D-Bus clients; the socket is
// the interface rasmand promises, so any failure here is only noted.
sd_bus* claim_system_bus(Server& server, sd_event* event) {
  sd_bus* bus = nullptr;
  int r = sd_bus_open_system(&bus);
  if (r < 0) {
    LOG_INFO("no system bus (%s); serving the socket only", std::strerror(-r));
    return nullptr;
  }
  if (auto ok = server.attach_bus(bus); !ok) {
    LOG_NOTICE("system bus: %s; serving the socket only", ok.error().message.c_str());
  } else if ((r = sd_bus_request_name(bus, kBusName, 0)) < 0) {
    LOG_NOTICE("system bus: cannot own %s (%s; is data/dbus/%s.conf installed?)", kBusName,
               std::strerror(-r), kBusName);
  } else if ((r = sd_bus_attach_event(bus, event, SD_EVENT_PRIORITY_NORMAL)) < 0) {
    LOG_NOTICE("system bus: %s", std::strerror(-r));
  } else {
    LOG_INFO("also serving %s on the system bus", kBusName);
  }
  return bus;
}

}  // namespace

int run_daemon(const DaemonOptions& options) {
  log::set_program_name("rasmand");
  log::set_priority_prefix(true);
  if (options.debug) log::set_level(log::Level::kDebug);
  // Each client costs three descriptors (its socket and the gate's socketpair,
  // client_gate.h); systemd's default soft limit of 1,024 would cap rasmand below
  // kMaxPeers + kAdminPeers. rasmand uses epoll only, so the hard limit is safe.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
  auto paths = Paths::with_root(options.root);
  if (!paths) {
    LOG_ERROR("--root %s: %s", options.root.c_str(), paths.error().message.c_str());
    return 1;
  }
  if (!paths->is_private() && ::geteuid() != 0) {
    LOG_ERROR(
        "system mode (root /) needs root; as another user run a private instance "
        "with --root DIR");
    return 1;
  }
  std::string path = paths->rasman_socket();
  auto listener = activated_socket();
  bool activated = listener && *listener;
  if (listener && !activated) listener = bind_socket(path);
  if (!listener) {
    LOG_ERROR("%s", listener.error().message.c_str());
    return 1;
  }
  // The socket file's identity, so shutdown removes only our own file.
  struct stat bound {};
  if (!activated) ::stat(path.c_str(), &bound);

  // A loop of its own, not the thread's default: sd-event checks that a default loop runs
  // on its thread with a gettid() every iteration, a system call per event here.
  sd_event* event = nullptr;
  if (int r = sd_event_new(&event); r < 0) {
    LOG_ERROR("creating the event loop: %s", std::strerror(-r));
    return 1;
  }
  ScopeExit unref_event([&] { sd_event_unref(event); });
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGINT);
  ::sigprocmask(SIG_BLOCK, &mask, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  auto server = std::make_unique<Server>(event, *paths);
  Shutdown shutdown{&server, 0};
  sd_event_add_signal(event, nullptr, SIGTERM, on_signal, &shutdown);
  sd_event_add_signal(event, nullptr, SIGINT, on_signal, &shutdown);
  IdleWatch idle{&shutdown, uint64_t{options.exit_idle_seconds} * 1000 * 1000};
  if (options.exit_idle_seconds > 0) {
    uint64_t now = 0;
    sd_event_now(event, CLOCK_MONOTONIC, &now);
    sd_event_source* tick = nullptr;
    if (sd_event_add_time(event, &tick, CLOCK_MONOTONIC, now + 1000 * 1000, 0, on_idle_tick,
                          &idle) >= 0) {
      sd_event_source_set_enabled(tick, SD_EVENT_ON);
      sd_event_source_set_floating(tick, 1);
      sd_event_source_unref(tick);
    }
  }
  if (auto ok = server->listen(std::move(*listener)); !ok) {
    LOG_ERROR("%s", ok.error().message.c_str());
    return 1;
  }
  sd_bus* system_bus = paths->is_private() ? nullptr : claim_system_bus(*server, event);
  // HKLM as it is now, and again whenever it changes (rasreg, an administrator's editor);
  // watched first, so that a change while it is read is not missed. Armed before READY=1
  // and before the loop answers anyone, so a client that saw rasmand answer may rely on it.
  auto registry_watch = RegistryWatch::start(event, *paths, [&server](RegistrySnapshot snapshot) {
    if (server) server->set_registry(std::move(snapshot));
  });
  if (!registry_watch) {
    LOG_WARNING("not watching the registry (%s); devices are still read at each Dial",
                registry_watch.error().message.c_str());
  }
  server->set_registry(read_registry_snapshot(*paths));
  LOG_NOTICE("serving %s (%s mode%s)", path.c_str(), paths->is_private() ? "private" : "system",
             activated ? ", socket from systemd" : "");
  sd_notifyf(0, "READY=1\nSTATUS=Serving %s", path.c_str());
  int status = sd_event_loop(event);
  server.reset();
  if (registry_watch) registry_watch->reset();
  if (system_bus) sd_bus_flush_close_unref(system_bus);
  // Remove the socket only if it is still ours (not a newer rasmand's) and not systemd's.
  struct stat now {};
  if (!activated && ::stat(path.c_str(), &now) == 0 && now.st_ino == bound.st_ino) {
    ::unlink(path.c_str());
  }
  LOG_NOTICE("stopped");
  return status < 0 ? 1 : 0;
}

}  // namespace openras::rasman
