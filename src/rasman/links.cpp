// links.cpp: the link zygote, and starting and watching link processes (see links.h).
#include "rasman/links.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <deque>
#include <vector>

#include "base/log.h"
#include "base/users.h"
#include "link/message.h"
#include "link/zygote_message.h"

#ifndef OPENRAS_LIBEXECDIR
#define OPENRAS_LIBEXECDIR "/usr/libexec"
#endif
#ifndef OPENRAS_LINK_USER
#define OPENRAS_LINK_USER "nobody"
#endif

namespace openras::rasman {

struct Links::Child {
  Links* owner = nullptr;
  uint64_t id = 0;
  uint64_t handle = 0;
  pid_t pid = 0;                     // 0 until the zygote answers
  int pending_signal = 0;            // to send once the pid is known
  bool stopped = false;              // hung up by stop(): no callback
  std::vector<uint8_t> request;      // the spawn request, until sent
  UniqueFd link_end;                 // the link's end of the socketpair, until sent
  std::unique_ptr<SerialPort> port;  // a line device's port, until it has ended
  std::string port_name;             // the device's Port value, while it has one
  UniqueFd tun;                      // a copy of the connection's interface, until sent
  UniqueFd terminal;                 // a paused dial's terminal master, until sent
  UniqueFd socket;
  UniqueFd pidfd;  // from the zygote's answer
  sd_event_source* socket_source = nullptr;
  sd_event_source* pidfd_source = nullptr;  // only once its zygote is gone
  sd_event_source* stop_timer = nullptr;    // after stop(): SIGKILL when it fires
  ~Child() {
    sd_event_source_disable_unref(socket_source);
    sd_event_source_disable_unref(pidfd_source);
    sd_event_source_disable_unref(stop_timer);
  }
};

struct Links::Zygote {
  Links* owner = nullptr;
  uint64_t generation = 0;
  pid_t pid = 0;
  bool lost = false;    // no more requests or answers: it died or broke the protocol
  bool broken = false;  // rasmand ended it, and said why
  UniqueFd control;
  UniqueFd pidfd;
  sd_event_source* control_source = nullptr;
  sd_event_source* pidfd_source = nullptr;
  std::deque<uint64_t> unsent;       // child ids, in the order of start()
  std::deque<uint64_t> awaiting;     // sent, not answered: the zygote answers in order
  std::map<pid_t, uint64_t> forked;  // its running children: pid → child id
  ~Zygote() {
    sd_event_source_disable_unref(control_source);
    sd_event_source_disable_unref(pidfd_source);
  }
};

namespace {

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// A timer's accuracy for what must happen when due: sd-event reads 0 as its default,
// 250 ms, and would let a report, or a HangUp's answer, wait that long.
constexpr uint64_t kWhenDue = 1;

void send_signal(int pidfd, int signal) {
  if (pidfd >= 0) (void)::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0);
}

// waitid's report as waitpid would have given it.
int wait_status(const siginfo_t& info) {
  switch (info.si_code) {
    case CLD_EXITED:
      return (info.si_status & 0xff) << 8;
    case CLD_KILLED:
      return info.si_status & 0x7f;
    case CLD_DUMPED:
      return (info.si_status & 0x7f) | 0x80;
    default:
      return -1;
  }
}

}  // namespace

std::string describe_exit(int status) {
  if (status != -1 && WIFEXITED(status))
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (status != -1 && WIFSIGNALED(status))
    return std::string("was killed by ") + ::strsignal(WTERMSIG(status));
  return "ended";
}

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

Result<std::vector<std::string>> link_user_arguments(const std::string& user, bool as_root) {
  if (!as_root) return std::vector<std::string>{};
  auto found = find_user(user);
  if (!found && found.error().code == Errc::kNotFound) {
    return fail(Errc::kNotFound,
                "the link user \"" + user +
                    "\" does not exist; create it (the package's sysusers.d file does: "
                    "systemd-sysusers), or build rasmand with -DOPENRAS_LINK_USER=USER naming "
                    "another unprivileged user");
  }
  if (!found) return fail(found.error().with_context("the link user"));
  if (found->uid == 0) {
    return fail(Errc::kAccessDenied,
                "the link user \"" + user +
                    "\" is root (uid 0); links never run as root: build "
                    "rasmand with -DOPENRAS_LINK_USER naming an unprivileged user");
  }
  return std::vector<std::string>{"--uid", std::to_string(found->uid), "--gid",
                                  std::to_string(found->gid)};
}

Links::Links(sd_event* event, LinkCallbacks callbacks)
    : event_(sd_event_ref(event)),
      callbacks_(std::move(callbacks)),
      helper_(default_link_helper()) {}

Links::~Links() {
  // No callbacks from here on. Zygotes first: their children then become ours
  // (subreaper), so each link killed below is reaped here, not left a zombie.
  std::vector<Zygote*> zygotes;
  if (zygote_) zygotes.push_back(zygote_.get());
  for (auto& [generation, retired] : retired_) zygotes.push_back(retired.get());
  for (Zygote* z : zygotes) {
    send_signal(z->pidfd.get(), SIGKILL);
    siginfo_t info{};
    ::waitid(P_PIDFD, static_cast<id_t>(z->pidfd.get()), &info, WEXITED);
  }
  held_.clear();  // their locks go; the ports are closed already
  for (auto& [id, child] : children_) send_signal(child->pidfd.get(), SIGKILL);
  for (auto& [id, child] : children_) {
    if (!child->pidfd) continue;
    siginfo_t info{};
    ::waitid(P_PIDFD, static_cast<id_t>(child->pidfd.get()), &info,
             WEXITED);  // ECHILD when its zygote reaped it
  }
  by_handle_.clear();
  ported_ = 0;
  children_.clear();
  zygote_.reset();
  retired_.clear();
  sd_event_source_disable_unref(turn_);  // what waited for it is dropped: no callbacks
  sd_event_unref(event_);
}

pid_t Links::link_pid(uint64_t handle) const {
  const Child* child = child_of(handle);
  return child != nullptr && !child->stopped ? child->pid : 0;
}

Links::Child* Links::child_of(uint64_t handle) const {
  auto it = by_handle_.find(handle);
  return it == by_handle_.end() ? nullptr : it->second;
}

std::pair<std::unique_ptr<SerialPort>, std::string> Links::forget(Child& child) {
  std::pair<std::unique_ptr<SerialPort>, std::string> port{std::move(child.port),
                                                           std::move(child.port_name)};
  if (port.first) --ported_;
  if (auto it = by_handle_.find(child.handle); it != by_handle_.end() && it->second == &child) {
    by_handle_.erase(it);
  }
  children_.erase(child.id);  // `child` is gone from here on
  return port;
}

pid_t Links::zygote_pid() const { return zygote_ ? zygote_->pid : 0; }

Result<Links::Zygote*> Links::zygote() {
  if (zygote_) return zygote_.get();
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
    return fail_errno(errno, "creating the link zygote's control socket");
  }
  UniqueFd ours(sv[0]);
  UniqueFd theirs(sv[1]);
  if (::fcntl(ours.get(), F_SETFL, O_NONBLOCK) < 0) return fail_errno(errno, "O_NONBLOCK");
  // fd 3 must be the socket's end in the zygote: keep the parent's copy clear of 3.
  if (theirs.get() <= 3) {
    UniqueFd moved(::fcntl(theirs.get(), F_DUPFD_CLOEXEC, 10));
    if (!moved) return fail_errno(errno, "moving the zygote's socket");
    theirs = std::move(moved);
  }
  // The user is the build's choice (OPENRAS_LINK_USER: a package's own system user).
  auto identity = link_user_arguments(OPENRAS_LINK_USER, ::geteuid() == 0);
  if (!identity) return fail(identity.error());
  std::vector<std::string> args = {helper_, "--zygote"};
  args.insert(args.end(), identity->begin(), identity->end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};  // nothing of rasmand's environment crosses over
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
  // Only stdio and the control socket cross into the zygote, so its children, which
  // close all but their link socket anyway, never even inherit rasmand's clients.
  posix_spawn_file_actions_addclosefrom_np(&actions, 4);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGCHLD);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  // A zygote that dies leaves its links to us rather than to init, so their exit status
  // is still ours to read (on_pidfd). Best effort: without it only the status is lost.
  (void)::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  pid_t pid = 0;
  if (int err = ::posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp); err != 0) {
    return fail_errno(err, "starting " + helper_ + " --zygote");
  }
  auto z = std::make_unique<Zygote>();
  z->owner = this;
  z->generation = next_zygote_++;
  z->pid = pid;
  z->control = std::move(ours);
  z->pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));  // our child: no race
  int r = z->pidfd ? 0 : -errno;
  if (r == 0) {
    r = sd_event_add_io(event_, &z->control_source, z->control.get(), EPOLLIN, on_control, z.get());
  }
  if (r >= 0) {
    r = sd_event_add_io(event_, &z->pidfd_source, z->pidfd.get(), EPOLLIN, on_zygote_exit, z.get());
  }
  if (r < 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return fail_errno(-r, "watching the link zygote");
  }
  LOG_INFO("link zygote %d started (%s)", pid, helper_.c_str());
  zygote_ = std::move(z);
  return zygote_.get();
}

Status Links::later(std::function<void()> work) {
  if (turn_ == nullptr) {
    int r = sd_event_add_defer(event_, &turn_, on_turn, this);
    if (r < 0) return fail_errno(-r, "scheduling work for the loop's next turn");
    sd_event_source_set_description(turn_, "links-next-turn");
  } else if (waiting_.empty()) {
    int r = sd_event_source_set_enabled(turn_, SD_EVENT_ONESHOT);
    if (r < 0) return fail_errno(-r, "scheduling work for the loop's next turn");
  }
  waiting_.push_back(std::move(work));
  return {};
}

int Links::on_turn(sd_event_source*, void* userdata) {
  auto* self = static_cast<Links*>(userdata);
  // What was waiting when the turn came; work it adds waits for the next turn (the source
  // is off now, and later() turns it on again).
  std::deque<std::function<void()>> now;
  now.swap(self->waiting_);
  for (auto& work : now) work();  // the callbacks never destroy Links (rasmand's Server owns it)
  return 0;
}

Status Links::post(uint64_t handle, link::LinkMessage message) {
  return later([this, handle, message = std::move(message)] {
    if (callbacks_.on_message) callbacks_.on_message(handle, message);
  });
}

Status Links::start(uint64_t handle, LinkSpec spec) {
  auto z = zygote();
  if (!z) return fail(z.error());
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
    return fail_errno(errno, "creating the link's socketpair");
  }
  UniqueFd ours(sv[0]);
  UniqueFd theirs(sv[1]);
  if (::fcntl(ours.get(), F_SETFL, O_NONBLOCK) < 0) return fail_errno(errno, "O_NONBLOCK");
  auto child = std::make_unique<Child>();
  child->owner = this;
  child->id = next_child_++;
  child->handle = handle;
  link::SpawnRequest spawn{child->id, spec.device_type, spec.phone_number};
  spawn.line = spec.port != nullptr;
  spawn.tun = spawn.line && spec.tun;
  spawn.device = spec.device;
  spawn.ppp = spec.ppp;
  auto request = link::encode_spawn_request(spawn);
  if (!request) return fail(request.error().with_context("the link's spawn request"));
  if (spawn.descriptors() == 4 && !spec.terminal) {
    return fail(Errc::kInvalidArgument, "the link's spawn request: a terminal without its master");
  }
  child->port = std::move(spec.port);
  if (child->port) child->port_name = spec.device.port;
  if (spawn.tun) child->tun = std::move(spec.tun);
  if (spawn.descriptors() == 4) child->terminal = std::move(spec.terminal);
  child->request = std::move(*request);
  child->link_end = std::move(theirs);
  child->socket = std::move(ours);
  // Watched from now: the link may report states before the zygote's answer is read.
  // Edge-triggered, because on_socket reads until the socket is empty: sd-event dispatches
  // one source a turn and polls again before each, so with many links reporting at once
  // (a burst of dials) each waiting socket was reported again every turn until its own
  // (31.9 readiness events a dial in dial_bench's bursts, 18.1 with this).
  int r = sd_event_add_io(event_, &child->socket_source, child->socket.get(), EPOLLIN | EPOLLET,
                          on_socket, child.get());
  if (r < 0) return fail_errno(-r, "watching the link's socket");
  (*z)->unsent.push_back(child->id);
  if (child->port) ++ported_;
  by_handle_[handle] = child.get();
  children_.emplace(child->id, std::move(child));
  flush(**z);
  return {};
}

void Links::stop(uint64_t handle) {
  if (Child* child = child_of(handle); child != nullptr && !child->stopped) {
    child->stopped = true;
    sd_event_source_set_enabled(child->socket_source, SD_EVENT_OFF);
    child->socket.reset();  // the link sees the hang-up as its socket closing
    // It ends its PPP and exits (its port stays ours until then); one that does not is
    // killed. Without a timer it is killed now: it must not outlive a hang-up unbounded.
    if (sd_event_add_time_relative(event_, &child->stop_timer, CLOCK_MONOTONIC, kStopGraceUsec, 0,
                                   on_stop_timeout, child) < 0) {
      signal(*child, SIGKILL);
    }
  }
}

bool Links::holds(uint64_t handle) const {
  if (child_of(handle) != nullptr) return true;
  for (const auto& [id, held] : held_) {
    if (held->handle == handle) return true;
  }
  return false;
}

bool Links::holds_ports() const {
  if (ported_ != 0) return true;
  for (const auto& [id, held] : held_) {
    if (held->port) return true;
  }
  return false;
}

bool Links::holds_port(const std::string& port) const {
  for (const auto& [id, child] : children_) {
    if (child->port && child->port_name == port) return true;
  }
  for (const auto& [id, held] : held_) {
    if (held->port && held->port_name == port) return true;
  }
  return false;
}

int Links::on_stop_timeout(sd_event_source*, uint64_t, void* userdata) {
  auto* child = static_cast<Child*>(userdata);
  LOG_WARNING("connection 0x%llx: link process %d still runs %llu ms after its hang-up; killing it",
              static_cast<unsigned long long>(child->handle), child->pid,
              static_cast<unsigned long long>(kStopGraceUsec / 1000));
  child->owner->signal(*child, SIGKILL);  // its exit report or pidfd then finishes it
  return 0;
}

void Links::release(uint64_t handle, std::unique_ptr<SerialPort> port, std::string port_name) {
  // on_released always comes from the loop, never from inside the call that ended the link
  // (flush() runs inside start(), and the callback may dial again): a link without a port
  // is released on the loop's next turn, one with a port after its hold.
  auto held = std::make_unique<Held>();
  held->owner = this;
  held->id = next_held_++;
  held->handle = handle;
  if (port) {
    port->close_line();
    held->port = std::move(port);
    held->port_name = std::move(port_name);
  }
  // A port's hold is a timer that goes with `held` (its destructor), so it never fires for
  // one that is gone; no port: the next turn, by id (gone meanwhile: nothing to do).
  if (!held->port) {
    const uint64_t id = held->id;
    if (later([this, id] {
          if (auto it = held_.find(id); it != held_.end())
            on_hold_over(nullptr, 0, it->second.get());
        })) {
      held_.emplace(id, std::move(held));
      return;
    }
  } else if (sd_event_add_time_relative(event_, &held->timer, CLOCK_MONOTONIC, kDtrHoldUsec,
                                        kWhenDue, on_hold_over, held.get()) >= 0) {
    held_.emplace(held->id, std::move(held));
    return;
  }
  held.reset();  // no timer: free at once
  if (callbacks_.on_released) callbacks_.on_released(handle);
}

int Links::on_hold_over(sd_event_source*, uint64_t, void* userdata) {
  auto* held = static_cast<Held*>(userdata);
  Links* self = held->owner;
  uint64_t handle = held->handle;
  self->held_.erase(held->id);  // the lock goes with it; `held` is gone from here on
  if (self->callbacks_.on_released) self->callbacks_.on_released(handle);
  return 0;
}

void Links::signal(Child& child, int signal) {
  if (child.pidfd) {
    send_signal(child.pidfd.get(), signal);
  } else if (child.pending_signal != SIGKILL) {
    child.pending_signal = signal;  // sent when the zygote answers with its pidfd
  }
}

Status Links::send(uint64_t handle, const std::vector<uint8_t>& message) {
  if (Child* child = child_of(handle); child != nullptr && !child->stopped && child->socket) {
    ssize_t n;
    do {
      n = ::send(child->socket.get(), message.data(), message.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && child->pid == 0 && (errno == EPIPE || errno == ECONNRESET)) {
      // Its spawn request went down with a zygote that died before answering (the link's
      // end was in flight): the link never runs, and lose() ends it with on_exit(-1), the
      // way every such request ends. Not this call's failure.
      return {};
    }
    if (n < 0) return fail_errno(errno, "writing to link process " + std::to_string(child->pid));
    return {};
  }
  return fail(Errc::kInvalidHandle, "no link process runs for the connection");
}

int Links::on_socket(sd_event_source*, int, uint32_t, void* userdata) {
  auto* child = static_cast<Child*>(userdata);
  // A link reports a dial's states in a burst: up to kBatch messages a system call.
  constexpr unsigned kBatch = 8;
  // One byte more than the largest message, so a longer packet shows as too long.
  using Packet = uint8_t[link::kMaxMessageSize + 1];
  Packet packets[kBatch];
  iovec iov[kBatch];
  mmsghdr batch[kBatch] = {};
  for (unsigned i = 0; i < kBatch; ++i) {
    iov[i] = iovec{packets[i], sizeof packets[i]};
    batch[i].msg_hdr.msg_iov = &iov[i];
    batch[i].msg_hdr.msg_iovlen = 1;
  }
  // Closed or broken (its exit follows on the pidfd), or killed for what it sent.
  auto stop_reading = [child] {
    sd_event_source_set_enabled(child->socket_source, SD_EVENT_OFF);
    return 0;
  };
  for (;;) {
    int got = ::recvmmsg(child->socket.get(), batch, kBatch, MSG_DONTWAIT, nullptr);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    if (got <= 0) return stop_reading();
    for (unsigned at = 0; at < static_cast<unsigned>(got); ++at) {
      const std::size_t n = batch[at].msg_len;
      if (n == 0) return stop_reading();  // closed: each slot after the last message says so
      // A longer packet comes cut at kMaxMessageSize + 1 bytes, which the parser refuses.
      auto messages = link::parse_link_packet(std::span<const uint8_t>(packets[at], n));
      if (!messages) {
        LOG_WARNING("connection 0x%llx: link process %d: %s; ending it",
                    static_cast<unsigned long long>(child->handle), child->pid,
                    messages.error().message.c_str());
        child->owner->signal(*child, SIGKILL);
        return stop_reading();
      }
      for (const link::LinkMessage& message : *messages) {
        if (!child->stopped && child->owner->callbacks_.on_message) {
          child->owner->callbacks_.on_message(child->handle, message);
        }
        if (child->stopped) return 0;  // the callback ended this link
      }
    }
    if (got < static_cast<int>(kBatch)) return 0;  // all there was; the loop says when more
  }
}

// Only for a link whose zygote is gone: the link is then our child (subreaper) and waitid
// reaps it; ECHILD means the dead zygote reaped it without a report reaching us.
int Links::on_pidfd(sd_event_source*, int, uint32_t, void* userdata) {
  auto* child = static_cast<Child*>(userdata);
  siginfo_t info{};
  int status = -1;
  if (::waitid(P_PIDFD, static_cast<id_t>(child->pidfd.get()), &info, WEXITED | WNOHANG) == 0) {
    if (info.si_pid == 0) return 0;  // not yet
    status = wait_status(info);
  }
  child->owner->finish(*child, status);
  return 0;
}

void Links::flush(Zygote& z) {
  while (!z.lost && !z.unsent.empty()) {
    auto found = children_.find(z.unsent.front());
    if (found == children_.end()) {
      z.unsent.pop_front();
      continue;
    }
    Child& child = *found->second;
    if (child.stopped) {
      // Hung up before its request went out: never start it.
      z.unsent.pop_front();
      uint64_t handle = child.handle;
      auto [port, port_name] = forget(child);
      release(handle, std::move(port), std::move(port_name));
      continue;
    }
    int fds[4] = {child.link_end.get(), child.port ? child.port->fd() : -1, child.tun.get(),
                  child.terminal.get()};
    std::size_t count = !child.port ? 1 : !child.tun ? 2 : child.terminal ? 4 : 3;
    auto sent = link::send_packet(z.control.get(), child.request, std::span<const int>(fds, count),
                                  MSG_DONTWAIT);
    if (!sent && sent.error().sys_errno == EAGAIN) {
      sd_event_source_set_io_events(z.control_source, EPOLLIN | EPOLLOUT);  // on_control resumes
      return;
    }
    if (!sent) {
      // It is going away (EPIPE) or cannot take requests: end it; its pidfd reports the
      // end on the loop, which fails what it holds. Never a callback from inside start().
      LOG_ERROR("link zygote %d: %s; stopping it", z.pid, sent.error().message.c_str());
      z.broken = true;
      send_signal(z.pidfd.get(), SIGKILL);
      break;
    }
    z.unsent.pop_front();
    z.awaiting.push_back(child.id);
    child.link_end.reset();  // in flight: the zygote holds it now
    child.tun.reset();       // the connection's record keeps the interface
    child.terminal.reset();  // and the terminal's slave
    child.request = {};
  }
  sd_event_source_set_io_events(z.control_source, EPOLLIN);
}

int Links::on_control(sd_event_source*, int, uint32_t events, void* userdata) {
  auto* z = static_cast<Zygote*>(userdata);
  Links* self = z->owner;
  if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0) self->drain(*z);
  if (!z->lost && (events & EPOLLOUT) != 0) self->flush(*z);
  return 0;
}

void Links::drain(Zygote& z) {
  while (!z.lost) {
    auto packet = link::recv_packet(z.control.get(), MSG_DONTWAIT);
    if (!packet && packet.error().sys_errno == EAGAIN) return;
    if (!packet && packet.error().sys_errno != ECONNRESET) {
      LOG_ERROR("link zygote %d: %s; stopping it", z.pid, packet.error().message.c_str());
      z.broken = true;
    }
    if (!packet) {  // ECONNRESET: it died with requests unread
      lose(z);
      return;
    }
    if (packet->bytes.empty()) {  // it closed the socket: it died, or is dying
      lose(z);
      return;
    }
    auto event = link::parse_zygote_event(packet->bytes, packet->fds.size());
    if (!event) {
      LOG_ERROR("link zygote %d broke the protocol: %s; stopping it", z.pid,
                event.error().message.c_str());
      z.broken = true;
      lose(z);
      return;
    }
    UniqueFd pidfd = packet->fds.empty() ? UniqueFd() : std::move(packet->fds.front());
    if (!dispatch(z, *event, std::move(pidfd))) {
      z.broken = true;
      lose(z);
      return;
    }
  }
}

bool Links::dispatch(Zygote& z, const link::ZygoteEvent& event, UniqueFd pidfd) {
  if (event.kind == link::ZygoteEvent::Kind::kExited) {
    auto forked = z.forked.find(event.pid);
    if (forked == z.forked.end()) return true;  // not one we know (its pidfd_open failed)
    uint64_t id = forked->second;
    z.forked.erase(forked);
    if (auto found = children_.find(id); found != children_.end()) {
      finish(*found->second, event.status);
    }
    return true;
  }
  if (z.awaiting.empty() || z.awaiting.front() != event.request) {
    LOG_ERROR("link zygote %d answered request %llu out of turn; stopping it", z.pid,
              static_cast<unsigned long long>(event.request));
    return false;
  }
  z.awaiting.pop_front();
  auto found = children_.find(event.request);
  if (found == children_.end()) return true;
  Child& child = *found->second;
  if (event.error != 0) {
    LOG_ERROR("connection 0x%llx: the link zygote could not start its link: %s",
              static_cast<unsigned long long>(child.handle), std::strerror(event.error));
    finish(child, -1);
    return true;
  }
  child.pid = event.pid;
  child.pidfd = std::move(pidfd);
  z.forked[child.pid] = child.id;
  LOG_DEBUG("connection 0x%llx: link process %d (forked by zygote %d)",
            static_cast<unsigned long long>(child.handle), child.pid, z.pid);
  if (child.pending_signal != 0) send_signal(child.pidfd.get(), child.pending_signal);
  return true;
}

// The zygote takes no more requests: what it was asked and never answered fails; its
// running links stay (on_zygote_exit watches them once it is reaped).
void Links::lose(Zygote& z) {
  if (z.lost) return;
  z.lost = true;
  sd_event_source_set_enabled(z.control_source, SD_EVENT_OFF);
  z.control.reset();
  send_signal(z.pidfd.get(), SIGKILL);  // if it still runs, it is broken
  if (zygote_.get() == &z) retired_.emplace(z.generation, std::move(zygote_));
  std::vector<uint64_t> failed(z.awaiting.begin(), z.awaiting.end());
  failed.insert(failed.end(), z.unsent.begin(), z.unsent.end());
  z.awaiting.clear();
  z.unsent.clear();
  for (uint64_t id : failed) {
    auto found = children_.find(id);
    if (found == children_.end()) continue;
    LOG_ERROR("connection 0x%llx: the link zygote %d ended before starting its link",
              static_cast<unsigned long long>(found->second->handle), z.pid);
    finish(*found->second, -1);
  }
}

int Links::on_zygote_exit(sd_event_source*, int, uint32_t, void* userdata) {
  auto* z = static_cast<Zygote*>(userdata);
  Links* self = z->owner;
  siginfo_t info{};
  if (::waitid(P_PIDFD, static_cast<id_t>(z->pidfd.get()), &info, WEXITED | WNOHANG) == 0 &&
      info.si_pid == 0) {
    return 0;  // not yet
  }
  if (!z->lost) self->drain(*z);  // what it sent before dying comes first
  self->lose(*z);
  if (!z->broken) {
    LOG_WARNING("link zygote %d %s; its links keep running, the next dial starts a new one", z->pid,
                describe_exit(wait_status(info)).c_str());
  }
  // Reaped, so its children are ours now (or init's): watch each one's pidfd.
  std::vector<uint64_t> orphans;
  for (auto& [pid, id] : z->forked) orphans.push_back(id);
  uint64_t generation = z->generation;
  for (uint64_t id : orphans) {
    auto found = self->children_.find(id);
    if (found == self->children_.end()) continue;
    Child& child = *found->second;
    if (sd_event_add_io(self->event_, &child.pidfd_source, child.pidfd.get(), EPOLLIN, on_pidfd,
                        &child) < 0) {
      LOG_ERROR("connection 0x%llx: cannot watch link process %d; ending it",
                static_cast<unsigned long long>(child.handle), child.pid);
      send_signal(child.pidfd.get(), SIGKILL);
      self->finish(child, -1);
    }
  }
  self->retired_.erase(generation);  // `z` is gone from here on
  return 0;
}

void Links::finish(Child& child, int status) {
  uint64_t handle = child.handle;
  bool notify = !child.stopped;
  // Messages still queued in the socket come first, in order, then the exit.
  if (notify && child.socket) on_socket(nullptr, -1, 0, &child);
  notify = notify && !child.stopped;
  auto [port, port_name] = forget(child);  // `child` is gone from here on
  // The hold first, so that during on_exit the link still counts as held (holds): its
  // connection's object stays until on_released, on this path as on every other.
  release(handle, std::move(port), std::move(port_name));
  if (notify && callbacks_.on_exit) callbacks_.on_exit(handle, status);
}

}  // namespace openras::rasman
