// interop_test_util.h: what the tests and the benchmark that run a Session against a real
// peer on a pty share (slirp_interop_test, pppd_interop_test, bench/ppp_negotiation_bench):
// the network-namespace check, a SessionHost writing to the pty, the poll loop, and IPv4
// ICMP/TCP packets built by hand. Not part of the library.
#pragma once

#include <net/if.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "ppp/event_recorder.h"
#include "ppp/session.h"

namespace openras::ppp::interop {

// True when the only network interface is loopback: a namespace of our own (unshare -n),
// from which a peer's outgoing sockets cannot leave the machine.
inline bool isolated_network() {
  struct if_nameindex* list = if_nameindex();
  if (list == nullptr) return false;
  bool only_lo = true;
  for (struct if_nameindex* i = list; i->if_index != 0; ++i)
    only_lo = only_lo && std::string(i->if_name) == "lo";
  if_freenameindex(list);
  return only_lo;
}

inline bool in_ci() {
  const char* ci = getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// Writes the session's line bytes to `fd`, and keeps what it is told.
class LineHost final : public EventRecorder {
 public:
  int fd = -1;
  bool write_failed = false;
  bool record_line = false;              // keep a copy of every line byte sent
  std::vector<uint8_t> line_sent;        // while record_line
  std::vector<std::vector<uint8_t>> ip;  // packets received, oldest first

  void send_line(Bytes b) override {
    if (record_line) line_sent.insert(line_sent.end(), b.begin(), b.end());
    size_t done = 0;
    while (done < b.size()) {
      ssize_t n = ::write(fd, b.data() + done, b.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        write_failed = true;
        return;
      }
      done += static_cast<size_t>(n);
    }
  }
  void receive_ip(uint16_t, Bytes b) override { ip.emplace_back(b.begin(), b.end()); }
};

// Runs the session on `host.fd` until done() or `limit` passes; false on the deadline or a
// broken line. Every wait is the peer's or the session's own timer.
template <class Done>
bool run(Session& session, LineHost& host, const base::Clock& clock, Done done,
         std::chrono::milliseconds limit) {
  const auto give_up = clock.now() + limit;
  uint8_t buf[4096];
  while (!done()) {
    auto now = clock.now();
    if (now >= give_up || host.write_failed) return false;
    auto wake = std::min(give_up, session.next_deadline().value_or(give_up));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
    pollfd p{host.fd, POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(std::max<long>(ms, 0) + 1));
    if (r < 0 && errno != EINTR) return false;
    if (r > 0 && (p.revents & POLLIN)) {
      ssize_t n = read(host.fd, buf, sizeof buf);
      if (n <= 0) return done();
      session.feed(Bytes(buf, static_cast<size_t>(n)));
    } else if (r > 0) {
      return done();  // hang-up: the peer is gone
    }
    session.on_timer(clock.now());
  }
  return true;
}

// A far end on a pty: its process and our side of the line.
struct Peer {
  pid_t pid = -1;
  int fd = -1;
};

// Waits up to `limit` for child `pid` to exit (a pidfd becomes readable then); its wait
// status, or -1 if it is still running.
inline int wait_exit(pid_t pid, std::chrono::milliseconds limit) {
  // glibc 2.36's <sys/pidfd.h> lacks extern "C": the system call directly.
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return -1;
  pollfd p{pidfd, POLLIN, 0};
  int ready = poll(&p, 1, static_cast<int>(limit.count()));
  close(pidfd);
  int status = 0;
  if (ready != 1 || waitpid(pid, &status, 0) != pid) return -1;
  return status;
}

// SIGTERM, then SIGKILL if it has not ended within `grace`; closes our side. False if it
// needed the SIGKILL (uml-pppd must end on SIGTERM, having killed its whole UML).
inline bool stop_peer(Peer& peer, std::chrono::milliseconds grace) {
  bool clean = true;
  if (peer.pid > 0) {
    kill(peer.pid, SIGTERM);
    if (wait_exit(peer.pid, grace) == -1) {
      clean = false;
      kill(peer.pid, SIGKILL);
      waitpid(peer.pid, nullptr, 0);
    }
  }
  if (peer.fd >= 0) close(peer.fd);
  peer = Peer{};
  return clean;
}

// slirp-fullbolt on a fresh raw pty, with HOME=home (where its .slirprc is).
inline Peer spawn_slirp(const std::string& home) {
  Peer peer;
  peer.pid = forkpty(&peer.fd, nullptr, nullptr, nullptr);
  if (peer.pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    setenv("HOME", home.c_str(), 1);
    execl("/usr/bin/slirp-fullbolt", "slirp-fullbolt", static_cast<char*>(nullptr));
    _exit(127);
  }
  termios t{};
  if (peer.pid > 0 && tcgetattr(peer.fd, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(peer.fd, TCSANOW, &t);
  }
  return peer;
}

// tests/peers/uml-pppd (path `script`) on a fresh raw pty, its line on descriptor 3,
// pppd's log to `log`, with the extra pppd `options`.
inline Peer spawn_uml_pppd(const char* script, const std::string& log,
                           const std::vector<std::string>& options) {
  Peer peer;
  int slave = -1;
  termios raw{};
  cfmakeraw(&raw);
  if (openpty(&peer.fd, &slave, nullptr, &raw, nullptr) != 0) return peer;
  std::vector<std::string> args = {"uml-pppd", "--fd", "3", "--log", log};
  args.insert(args.end(), options.begin(), options.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  peer.pid = fork();
  if (peer.pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // our death takes the peer (and its UML) with it
    dup2(slave, 3);
    closefrom(4);
    close(STDIN_FILENO);
    execv(script, argv.data());
    _exit(127);
  }
  close(slave);
  return peer;
}

inline void put16(std::vector<uint8_t>& p, size_t at, uint16_t v) {
  p[at] = static_cast<uint8_t>(v >> 8);
  p[at + 1] = static_cast<uint8_t>(v);
}
inline uint16_t get16(const std::vector<uint8_t>& p, size_t at) {
  return static_cast<uint16_t>(p[at] << 8 | p[at + 1]);
}
inline uint32_t get32(const std::vector<uint8_t>& p, size_t at) {
  return static_cast<uint32_t>(get16(p, at)) << 16 | get16(p, at + 2);
}

// The Internet checksum (RFC 1071) of b[from, to), starting from `sum`.
inline uint16_t ip_checksum(const std::vector<uint8_t>& b, size_t from, size_t to,
                            uint32_t sum = 0) {
  for (size_t i = from; i < to; i += 2)
    sum += static_cast<uint32_t>(b[i] << 8 | (i + 1 < to ? b[i + 1] : 0));
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

// An IPv4 header (20 bytes, no options) for `payload` of protocol `proto`.
inline std::vector<uint8_t> ipv4(uint8_t proto, uint32_t src, uint32_t dst,
                                 const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> p = {0x45, 0, 0, 0, 0x12, 0x34, 0x40, 0, 64, proto, 0, 0};
  for (uint32_t a : {src, dst}) {
    for (int s = 24; s >= 0; s -= 8) p.push_back(static_cast<uint8_t>(a >> s));
  }
  p.insert(p.end(), payload.begin(), payload.end());
  put16(p, 2, static_cast<uint16_t>(p.size()));
  put16(p, 10, ip_checksum(p, 0, 20));
  return p;
}

// An ICMP echo request from `src` to `dst` carrying `data`.
inline std::vector<uint8_t> icmp_echo(uint32_t src, uint32_t dst,
                                      std::string_view data = "openras!") {
  std::vector<uint8_t> icmp = {8, 0, 0, 0, 0x42, 0x42, 0, 1};
  icmp.insert(icmp.end(), data.begin(), data.end());
  put16(icmp, 2, ip_checksum(icmp, 0, icmp.size()));
  return ipv4(1, src, dst, icmp);
}

// The ICMP echo reply among `packets` whose data is `data`, or nullptr.
inline const std::vector<uint8_t>* find_echo_reply(const std::vector<std::vector<uint8_t>>& packets,
                                                   std::string_view data) {
  for (const auto& p : packets) {
    if (p.size() < 28 || p[9] != 1 || p[20] != 0) continue;
    if (std::string_view(reinterpret_cast<const char*>(p.data()) + 28, p.size() - 28) == data)
      return &p;
  }
  return nullptr;
}

enum : uint8_t { kTcpFin = 1, kTcpSyn = 2, kTcpRst = 4, kTcpPsh = 8, kTcpAck = 16 };

struct TcpFlow {
  uint32_t src, dst;
  uint16_t sport, dport;
};

// A TCP segment (20-byte header, window 8192) inside an IPv4 packet, checksummed over the
// pseudo-header as RFC 793 says.
inline std::vector<uint8_t> tcp_segment(const TcpFlow& f, uint32_t seq, uint32_t ack, uint8_t flags,
                                        std::string_view data = {}) {
  std::vector<uint8_t> t(20, 0);
  put16(t, 0, f.sport);
  put16(t, 2, f.dport);
  for (int i = 0; i < 4; ++i) {
    t[4 + static_cast<size_t>(i)] = static_cast<uint8_t>(seq >> (24 - 8 * i));
    t[8 + static_cast<size_t>(i)] = static_cast<uint8_t>(ack >> (24 - 8 * i));
  }
  t[12] = 5 << 4;
  t[13] = flags;
  put16(t, 14, 8192);
  t.insert(t.end(), data.begin(), data.end());
  uint32_t pseudo = (f.src >> 16) + (f.src & 0xFFFF) + (f.dst >> 16) + (f.dst & 0xFFFF) + 6 +
                    static_cast<uint32_t>(t.size());
  put16(t, 16, ip_checksum(t, 0, t.size(), pseudo));
  return ipv4(6, f.src, f.dst, t);
}

struct TcpSeen {
  uint32_t seq = 0, ack = 0;
  uint8_t flags = 0;
  std::string data;
};

// The TCP segment in IPv4 packet `p` addressed to flow `f`'s source port, if it is one.
inline bool parse_tcp(const std::vector<uint8_t>& p, const TcpFlow& f, TcpSeen& out) {
  if (p.size() < 40 || (p[0] >> 4) != 4 || p[9] != 6) return false;
  size_t ihl = static_cast<size_t>(p[0] & 15) * 4;
  size_t total = std::min<size_t>(get16(p, 2), p.size());
  if (total < ihl + 20 || get16(p, ihl + 2) != f.sport || get16(p, ihl) != f.dport) return false;
  size_t off = static_cast<size_t>(p[ihl + 12] >> 4) * 4;
  if (total < ihl + off) return false;
  out.seq = get32(p, ihl + 4);
  out.ack = get32(p, ihl + 8);
  out.flags = p[ihl + 13];
  out.data.assign(p.begin() + static_cast<long>(ihl + off), p.begin() + static_cast<long>(total));
  return true;
}

}  // namespace openras::ppp::interop
