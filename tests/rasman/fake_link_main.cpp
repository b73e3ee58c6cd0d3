// fake_link_main.cpp: a test double of openras-link for rasmand's server tests
// (src/rasman/server_link_test.cpp). Started by rasmand as its zygote (`--zygote`, control
// socket on fd 3), it answers spawn requests as the real zygote does (zygote_message.h),
// and each child speaks the link protocol (link/message.h) on the real socket: it takes
// rasmand's Start, then sends the script the dialled number names, then answers each
// StatisticsRequest with its last counters until rasmand hangs up.
//
//   ok             Connected, counters growing, a ratio of 100, a CHAP projection
//   malformed      a packet whose length field lies
//   state          state 4242, no RASCS_* value
//   counters-back  Connected, 200 bytes sent, then 100
//   ratio          Connected, a compression ratio of 101 %
//   auth           Connected, a projection with authentication protocol 0x9999
//   long-burst     17 states at once (more than rasmand reads in one call)
//   oversized      OpenPort, then a packet longer than any link message
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include "link/message.h"
#include "link/zygote_message.h"
#include "ras.h"

namespace {

using openras::link::LinkCounters;
using openras::link::LinkMessage;
using openras::link::Projection;
using openras::link::StateMessage;

// The script's packets; the counters it answers StatisticsRequest with after them.
std::vector<std::vector<uint8_t>> script(const std::string& name, LinkCounters& last) {
  auto packet = [](const LinkMessage& m) { return openras::link::encode_link_message(m); };
  std::vector<std::vector<uint8_t>> out;
  if (name == "malformed") {
    out.push_back({openras::link::kLinkProtocolVersion, 1, 0xff, 0xff});
    return out;
  }
  if (name == "state") {
    out.push_back(packet(StateMessage{4242, 0}));
    return out;
  }
  if (name == "burst") {  // a dial's states, sent as fast as they go
    for (uint32_t state :
         {RASCS_OpenPort, RASCS_PortOpened, RASCS_ConnectDevice, RASCS_DeviceConnected,
          RASCS_AllDevicesConnected, RASCS_Authenticate, RASCS_Authenticated, RASCS_Connected}) {
      out.push_back(packet(StateMessage{state, 0}));
    }
    return out;
  }
  if (name == "long-burst") {
    out.push_back(packet(StateMessage{RASCS_OpenPort, 0}));
    for (int i = 0; i < 7; ++i) {
      out.push_back(packet(StateMessage{RASCS_ConnectDevice, 0}));
      out.push_back(packet(StateMessage{RASCS_DeviceConnected, 0}));
    }
    out.push_back(packet(StateMessage{RASCS_AllDevicesConnected, 0}));
    out.push_back(packet(StateMessage{RASCS_Connected, 0}));
    return out;
  }
  if (name == "oversized") {
    out.push_back(packet(StateMessage{RASCS_OpenPort, 0}));
    std::vector<uint8_t> big = packet(StateMessage{RASCS_PortOpened, 0});
    big.resize(openras::link::kMaxMessageSize + 100, 0);
    out.push_back(big);
    return out;
  }
  out.push_back(packet(StateMessage{RASCS_Connected, 0}));
  if (name == "counters-back") {
    last.bytes_sent = 200;
    out.push_back(packet(last));
    last.bytes_sent = 100;
  } else if (name == "ratio") {
    last.compression_ratio_in = 101;
  } else if (name == "auth") {
    Projection projection;
    projection.auth_protocol = 0x9999;
    out.push_back(packet(projection));
  } else {  // ok: each check's largest good value
    last.bytes_sent = 100;
    out.push_back(packet(last));
    last.bytes_sent = 200;
    last.compression_ratio_in = 100;
    last.compression_ratio_out = 100;
    Projection projection;
    projection.auth_protocol = RASLCPAP_CHAP;
    projection.server_auth_protocol = RASLCPAP_EAP;
    out.push_back(packet(projection));
  }
  out.push_back(packet(last));
  return out;
}

[[noreturn]] void run_link(int fd, const std::string& number) {
  auto start = openras::link::recv_packet(fd, 0);
  if (!start || !openras::link::parse_control_message(start->bytes)) _exit(2);
  LinkCounters last;
  for (const auto& bytes : script(number, last)) {
    if (!openras::link::send_packet(fd, bytes, {}, 0)) _exit(3);
  }
  for (;;) {  // until rasmand hangs up (an empty packet: its end closed)
    auto packet = openras::link::recv_packet(fd, 0);
    if (!packet || packet->bytes.empty()) _exit(0);
    auto message = openras::link::parse_control_message(packet->bytes);
    if (!message) _exit(4);
    if (std::holds_alternative<openras::link::StatisticsRequest>(*message)) {
      (void)openras::link::send_packet(fd, openras::link::encode_link_message(last), {}, 0);
    }
  }
}

bool answer(int control, const openras::link::ZygoteEvent& event, int fd) {
  int fds[1] = {fd};
  auto bytes = openras::link::encode_zygote_event(event);
  return openras::link::send_packet(control, bytes, std::span<const int>(fds, fd >= 0 ? 1 : 0), 0)
      .has_value();
}

// Reports every child that has ended.
bool reap(int control) {
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return true;
    if (!answer(control, {openras::link::ZygoteEvent::Kind::kExited, 0, 0, pid, status}, -1)) {
      return false;
    }
  }
}

}  // namespace

int main() {
  using openras::link::ZygoteEvent;
  const int control = 3;
  for (;;) {
    pollfd p{control, POLLIN, 0};
    int ready = ::poll(&p, 1, 100);  // reaps between requests, at most 100 ms late
    if (ready < 0 && errno != EINTR) return 1;
    if (!reap(control)) return 1;
    if (ready <= 0) continue;
    auto packet = openras::link::recv_packet(control, 0);
    if (!packet) return 1;
    if (packet->bytes.empty()) return 0;  // rasmand closed the control socket
    auto request = openras::link::parse_spawn_request(packet->bytes, packet->fds.size());
    if (!request) {
      std::fprintf(stderr, "fake link: %s\n", request.error().message.c_str());
      return 1;
    }
    pid_t pid = ::fork();
    if (pid < 0) return 1;
    if (pid == 0) run_link(packet->fds[0].get(), request->phone_number);
    openras::UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd) return 1;
    if (!answer(control, {ZygoteEvent::Kind::kSpawned, request->id, 0, pid, 0}, pidfd.get())) {
      return 1;
    }
  }
}
