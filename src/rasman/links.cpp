// links.cpp: spawning and watching link processes (see links.h).
#include "rasman/links.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include "base/log.h"
#include "link/message.h"

#ifndef OPENRAS_LIBEXECDIR
#define OPENRAS_LIBEXECDIR "/usr/libexec"
#endif

namespace openras::rasman {

struct Links::Child {
  Links* owner = nullptr;
  uint64_t id = 0;
  uint64_t handle = 0;
  pid_t pid = 0;
  bool stopped = false;  // hung up by stop(): no callback
  UniqueFd socket;
  UniqueFd pidfd;
  sd_event_source* socket_source = nullptr;
  sd_event_source* pidfd_source = nullptr;
  ~Child() {
    sd_event_source_disable_unref(socket_source);
    sd_event_source_disable_unref(pidfd_source);
  }
};

namespace {

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

}  // namespace

std::string default_link_helper() {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::string dir(self, static_cast<std::size_t>(n));
    dir.resize(dir.rfind('/'));
    for (const std::string& candidate :
         {dir + "/openras-link", dir + "/../openras-link/openras-link",
          dir + "/../libexec/openras/openras-link"}) {
      if (executable(candidate)) return candidate;
    }
  }
  return OPENRAS_LIBEXECDIR "/openras/openras-link";
}

Links::Links(sd_event* event, LinkCallbacks callbacks)
    : event_(sd_event_ref(event)), callbacks_(std::move(callbacks)), helper_(default_link_helper()) {}

Links::~Links() {
  for (auto& [id, child] : children_) {
    ::kill(child->pid, SIGKILL);
    ::waitpid(child->pid, nullptr, 0);
  }
  children_.clear();
  sd_event_unref(event_);
}

Result<pid_t> Links::start(uint64_t handle, const LinkSpec& spec) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
    return fail_errno(errno, "creating the link's socketpair");
  }
  UniqueFd ours(sv[0]);
  UniqueFd theirs(sv[1]);
  if (::fcntl(ours.get(), F_SETFL, O_NONBLOCK) < 0) return fail_errno(errno, "O_NONBLOCK");
  // fd 3 must be the socket's end in the child: keep the parent's copy clear of 3.
  if (theirs.get() <= 3) {
    UniqueFd moved(::fcntl(theirs.get(), F_DUPFD_CLOEXEC, 10));
    if (!moved) return fail_errno(errno, "moving the link's socket");
    theirs = std::move(moved);
  }
  std::vector<std::string> args = {helper_, "--type", spec.device_type, "--number",
                                   spec.phone_number};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};  // nothing of rasmand's environment crosses over
  // posix_spawn (vfork-like: no copy of rasmand's page tables) rather than fork: the
  // spawn is on every dial's path through rasmand's single loop.
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  ScopeExit release([&] {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  });
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, theirs.get(), 3);
  // Only stdio and the socket cross into the link: no client sockets, no listener.
  posix_spawn_file_actions_addclosefrom_np(&actions, 4);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  if (int err = ::posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp); err != 0) {
    return fail_errno(err, "starting " + helper_);
  }
  theirs.reset();
  auto child = std::make_unique<Child>();
  child->owner = this;
  child->id = next_child_++;
  child->handle = handle;
  child->pid = pid;
  child->socket = std::move(ours);
  child->pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  int r = child->pidfd ? 0 : -errno;
  if (r == 0) {
    r = sd_event_add_io(event_, &child->socket_source, child->socket.get(), EPOLLIN, on_socket,
                        child.get());
  }
  if (r >= 0) {
    r = sd_event_add_io(event_, &child->pidfd_source, child->pidfd.get(), EPOLLIN, on_pidfd,
                        child.get());
  }
  if (r < 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return fail_errno(-r, "watching the link process");
  }
  children_.emplace(child->id, std::move(child));
  return pid;
}

void Links::stop(uint64_t handle) {
  for (auto& [id, child] : children_) {
    if (child->handle != handle || child->stopped) continue;
    child->stopped = true;
    sd_event_source_set_enabled(child->socket_source, SD_EVENT_OFF);
    child->socket.reset();  // the link sees the hang-up as its socket closing
    ::kill(child->pid, SIGTERM);
  }
}

Status Links::send(uint64_t handle, const std::vector<uint8_t>& message) {
  for (auto& [id, child] : children_) {
    if (child->handle != handle || child->stopped || !child->socket) continue;
    ssize_t n;
    do {
      n = ::send(child->socket.get(), message.data(), message.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return fail_errno(errno, "writing to link process " + std::to_string(child->pid));
    return {};
  }
  return fail(Errc::kInvalidHandle, "no link process runs for the connection");
}

int Links::on_socket(sd_event_source*, int, uint32_t, void* userdata) {
  auto* child = static_cast<Child*>(userdata);
  for (;;) {
    // One byte more than the largest message, so a longer packet shows as truncated.
    uint8_t packet[link::kMaxMessageSize + 1];
    ssize_t n = ::recv(child->socket.get(), packet, sizeof packet, MSG_DONTWAIT | MSG_TRUNC);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    if (n <= 0) {  // closed: its exit follows on the pidfd
      sd_event_source_set_enabled(child->socket_source, SD_EVENT_OFF);
      return 0;
    }
    auto message = link::parse_link_message(
        std::span<const uint8_t>(packet, std::min(static_cast<std::size_t>(n), sizeof packet)));
    if (!message) {
      LOG_WARNING("connection 0x%llx: link process %d: %s; ending it",
                  static_cast<unsigned long long>(child->handle), child->pid,
                  message.error().message.c_str());
      ::kill(child->pid, SIGKILL);
      sd_event_source_set_enabled(child->socket_source, SD_EVENT_OFF);
      return 0;
    }
    if (!child->stopped && child->owner->callbacks_.on_message) {
      child->owner->callbacks_.on_message(child->handle, *message);
    }
    if (child->stopped) return 0;  // the callback ended this link
  }
}

int Links::on_pidfd(sd_event_source*, int, uint32_t, void* userdata) {
  auto* child = static_cast<Child*>(userdata);
  int status = 0;
  if (::waitpid(child->pid, &status, WNOHANG) <= 0) return 0;
  child->owner->finish(*child, status);
  return 0;
}

void Links::finish(Child& child, int status) {
  uint64_t handle = child.handle;
  bool notify = !child.stopped;
  // Messages still queued in the socket come first, in order, then the exit.
  if (notify && child.socket) on_socket(nullptr, -1, 0, &child);
  notify = notify && !child.stopped;
  children_.erase(child.id);  // `child` is gone from here on
  if (notify && callbacks_.on_exit) callbacks_.on_exit(handle, status);
}

}  // namespace openras::rasman
