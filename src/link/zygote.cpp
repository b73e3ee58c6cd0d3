// zygote.cpp: the link zygote's loop (see zygote.h).
#include "link/zygote.h"

#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "link/huge_text.h"
#include "link/link.h"
#include "link/zygote_message.h"

namespace openras::link {

namespace {

void say(const std::string& message) {
  std::fprintf(stderr, "openras-link --zygote: %s\n", message.c_str());
}

// Between two forks the zygote writes as few pages as it can. Every page it writes after a
// fork is still shared with the child just forked (and with every link alive), so the
// kernel copies it first: about 2 us a page here, where the fork itself is about 45. So a
// spawn allocates nothing (the request's strings fit in themselves unless they are long),
// its answer is encoded on the stack, and a request is received into a buffer the children
// do not share (MADV_WIPEONFORK: they see zeros there, and need nothing of it: the request
// is parsed onto the stack before the fork).
class ReceiveBuffer {
 public:
  static constexpr std::size_t kSize = kZygoteMaxPacket + 1;
  ReceiveBuffer() {
    void* at = ::mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (at == MAP_FAILED) return;
    // Without it (a kernel before 4.14) only the pages are shared again: still correct.
    (void)::madvise(at, kSize, MADV_WIPEONFORK);
    at_ = static_cast<uint8_t*>(at);
  }
  ReceiveBuffer(const ReceiveBuffer&) = delete;
  ReceiveBuffer& operator=(const ReceiveBuffer&) = delete;
  ~ReceiveBuffer() {
    if (at_ != nullptr) ::munmap(at_, kSize);
  }
  [[nodiscard]] std::span<uint8_t> span() const { return {at_, at_ != nullptr ? kSize : 0}; }

 private:
  uint8_t* at_ = nullptr;
};

// Blocking: rasmand reads its end on its loop, so a full socket only waits for that.
bool answer(int control, const ZygoteEvent& event, int fd = -1) {
  const EncodedEvent bytes = encode_zygote_event(event);
  int fds[1] = {fd};
  auto sent = send_packet(control, bytes, std::span<const int>(fds, fd >= 0 ? 1 : 0), 0);
  if (!sent) say(sent.error().message);
  return sent.has_value();
}

// In the child: nothing of the zygote but the link's socket, as fd 3, its line (if any)
// as fd 4, its interface (if any) as fd 5, its terminal (if any) as fd 6, and stdio. All
// are received above 4 (recvmsg gives the lowest free numbers after stdio, the control
// socket and the signalfd, in order), and they are moved in order: descriptor i goes to
// 3 + i, below its own number 5 + i or more, so a dup2 only ever overwrites a descriptor
// already moved.
[[noreturn]] void become_link(const PacketInPlace& packet, const SpawnRequest& request) {
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::prctl(PR_SET_NAME, "openras-link", 0, 0, 0);
  const std::size_t count = request.descriptors();
  for (std::size_t i = 0; i < count; ++i) {
    int from = packet.fds[i].get();
    int to = 3 + static_cast<int>(i);
    if (from < 5 + static_cast<int>(i)) ::_exit(1);  // cannot happen: see above
    if (from != to && ::dup2(from, to) < 0) ::_exit(1);
  }
  if (::close_range(3 + static_cast<unsigned>(count), ~0U, 0) < 0) ::_exit(1);
  LinkOptions options;
  options.fd = 3;
  options.line_fd = request.line ? 4 : -1;
  options.tun_fd = request.tun ? 5 : -1;
  options.terminal_fd = request.descriptors() == 4 ? 6 : -1;
  options.ppp = request.ppp;
  options.device_type = request.device_type;
  options.phone_number = request.phone_number;
  options.device = request.device;
  options.forked_by_zygote = true;  // with the zygote's credentials and filter
  ::_exit(run_link(options));
}

// One request: fork, then the pid and a pidfd (opened before the child can be reaped, so
// it names this child and no later process with a reused pid).
bool spawn(int control, const PacketInPlace& packet) {
  auto request = parse_spawn_request(packet.bytes, packet.fd_count);
  if (!request) {
    say("refusing a spawn request: " + request.error().message);
    return answer(control, ZygoteEvent{ZygoteEvent::Kind::kSpawned, peek_request_id(packet.bytes),
                                       EINVAL, 0, 0});
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    say(std::string("fork: ") + std::strerror(err));
    return answer(control, ZygoteEvent{ZygoteEvent::Kind::kSpawned, request->id, err, 0, 0});
  }
  if (pid == 0) become_link(packet, *request);
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!pidfd) {
    // The child runs, unknown to rasmand: the failure answer makes rasmand close its end,
    // which the child takes for a hang-up. Its exit report names a pid rasmand ignores.
    int err = errno;
    say(std::string("pidfd_open: ") + std::strerror(err));
    return answer(control, ZygoteEvent{ZygoteEvent::Kind::kSpawned, request->id, err, 0, 0});
  }
  return answer(control, ZygoteEvent{ZygoteEvent::Kind::kSpawned, request->id, 0, pid, 0},
                pidfd.get());
}

bool reap(int control) {
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return true;
    if (!answer(control, ZygoteEvent{ZygoteEvent::Kind::kExited, 0, 0, pid, status})) return false;
  }
}

}  // namespace

int run_zygote(const ZygoteOptions& options) {
  // Its own name, so ps tells it from the links (which take theirs back).
  ::prctl(PR_SET_NAME, "openras-zygote", 0, 0, 0);
  if (auto ok = drop_privileges(options.become); !ok) {
    say(ok.error().message);
    return 1;
  }
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  if (::sigprocmask(SIG_BLOCK, &chld, nullptr) < 0) {
    say(std::string("blocking SIGCHLD: ") + std::strerror(errno));
    return 1;
  }
  UniqueFd children(::signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!children) {
    say(std::string("signalfd: ") + std::strerror(errno));
    return 1;
  }
  if (TextMove text = move_text_to_huge_page(); !text.moved) {
    say("its code stays on small pages, which each link faults in: " + text.why_not);
  }
  if (auto ok = install_zygote_seccomp(); !ok) {
    say(ok.error().message);
    return 1;
  }
  const ReceiveBuffer buffer;
  if (buffer.span().empty()) {
    say(std::string("mapping its receive buffer: ") + std::strerror(errno));
    return 1;
  }
  const int control = options.control_fd;
  for (;;) {
    pollfd p[2] = {{control, POLLIN, 0}, {children.get(), POLLIN, 0}};
    if (::poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      say(std::string("poll: ") + std::strerror(errno));
      return 1;
    }
    if (p[1].revents != 0) {
      signalfd_siginfo info[8];
      while (::read(children.get(), info, sizeof info) > 0) {
      }
      if (!reap(control)) return 1;
    }
    if (p[0].revents == 0) continue;
    auto packet = recv_packet_in_place(control, MSG_DONTWAIT, buffer.span());
    if (!packet) {
      if (packet.error().sys_errno == EAGAIN) continue;
      say(packet.error().message);
      if (packet.error().code != Errc::kInvalidData) return 1;
      if (!answer(control, ZygoteEvent{ZygoteEvent::Kind::kSpawned, 0, EINVAL, 0, 0})) return 1;
      continue;
    }
    if (packet->bytes.empty()) return 0;  // rasmand closed the control socket
    if (!spawn(control, *packet)) return 1;
  }
}

}  // namespace openras::link
