// zygote_message.cpp: the zygote's control messages (see zygote_message.h).
#include "link/zygote_message.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <tuple>

namespace openras::link {

namespace {

constexpr uint32_t kKindSpawn = 1;
enum Tag : uint16_t {
  kTagDeviceType = 1,
  kTagPhoneNumber = 2,
  kTagLine = 3,
  kTagPort = 4,
  kTagSpeed = 5,
  kTagFlowControl = 6,
  kTagInit = 7,
  kTagDialTimeout = 8,
  kTagRedialCount = 9,
  kTagRedialPause = 10,
  kTagPulse = 11,
  kTagAlternates = 12,
  kTagTun = 13,
  kTagPppAuth = 14,
  kTagPppAddress = 15,
  kTagPppDns1 = 16,
  kTagPppDns2 = 17,
  kTagPppNetworks = 18,
  kTagScript = 19,
  kTagEchoInterval = 20,
  kTagEchoFailures = 21,
  kTagTerminal = 22,
  kTagCount
};
constexpr std::size_t kRequestHeader = 16;
constexpr std::size_t kEventSize = 24;
constexpr std::size_t kExitedSize = 16;

template <class T>
void put(std::vector<uint8_t>& out, T value) {
  uint8_t bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  out.insert(out.end(), bytes, bytes + sizeof value);
}

template <class T>
T get(std::span<const uint8_t> in, std::size_t at) {
  T value;
  std::memcpy(&value, in.data() + at, sizeof value);
  return value;
}

tl::unexpected<Error> invalid(std::string what) {
  return fail(Errc::kInvalidData, std::move(what));
}

Status put_field(std::vector<uint8_t>& out, uint16_t tag, const std::string& value, std::size_t max,
                 const char* name) {
  if (value.size() > max || value.find('\0') != std::string::npos) {
    return invalid(std::string(name) + " of " + std::to_string(value.size()) + " bytes: at most " +
                   std::to_string(max) + ", without NUL");
  }
  put(out, tag);
  put(out, static_cast<uint16_t>(value.size()));
  out.insert(out.end(), value.begin(), value.end());
  return {};
}

std::string joined_lines(const std::vector<std::string>& init) {
  std::string out;
  for (const std::string& each : init) out += each + "\n";
  return out;
}

void put_u32(std::vector<uint8_t>& out, uint16_t tag, uint32_t value) {
  put(out, tag);
  put(out, uint16_t{4});
  put(out, value);
}

Status read_string(std::string& out, std::span<const uint8_t> bytes, std::size_t max,
                   uint16_t tag) {
  if (bytes.size() > max) {
    return invalid("field " + std::to_string(tag) + " of " + std::to_string(bytes.size()) +
                   " bytes; at most " + std::to_string(max));
  }
  out.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (out.find('\0') != std::string::npos) {
    return invalid("field " + std::to_string(tag) + " contains NUL");
  }
  return {};
}

Status read_u32(uint32_t& out, std::span<const uint8_t> bytes, uint16_t tag, uint32_t max) {
  if (bytes.size() != 4) {
    return invalid("field " + std::to_string(tag) + " of " + std::to_string(bytes.size()) +
                   " bytes; expected 4");
  }
  out = get<uint32_t>(bytes, 0);
  if (out > max) {
    return invalid("field " + std::to_string(tag) + " is " + std::to_string(out) + "; at most " +
                   std::to_string(max));
  }
  return {};
}

// A list sent as its items, each ended by "\n" (init strings, alternate numbers).
Status read_lines(std::vector<std::string>& out, std::span<const uint8_t> bytes, std::size_t max,
                  Tag tag, const char* what) {
  std::string all;
  if (auto ok = read_string(all, bytes, max, tag); !ok) return ok;
  if (!all.empty() && all.back() != '\n')
    return invalid(std::string(what) + " not ended by a line break");
  std::size_t from = 0;
  while (from < all.size()) {
    std::size_t end = all.find('\n', from);
    std::string each = all.substr(from, end - from);
    if (each.find('\r') != std::string::npos) return invalid(std::string(what) + " with a \\r");
    out.push_back(std::move(each));
    from = end + 1;
  }
  return {};
}

Status read_field(SpawnRequest& request, Tag tag, std::span<const uint8_t> bytes) {
  DeviceSettings& d = request.device;
  uint32_t flag = 0;
  switch (tag) {
    case kTagDeviceType:
      return read_string(request.device_type, bytes, kMaxDeviceType, tag);
    case kTagPhoneNumber:
      return read_string(request.phone_number, bytes, kMaxPhoneNumber, tag);
    case kTagPort:
      return read_string(d.port, bytes, kMaxPortName, tag);
    case kTagFlowControl:
      return read_string(d.flow_control, bytes, kMaxFlowControl, tag);
    case kTagSpeed:
      return read_u32(d.speed, bytes, tag, UINT32_MAX);
    case kTagDialTimeout:
      return read_u32(d.dial_timeout_s, bytes, tag, UINT32_MAX);
    case kTagRedialCount:
      return read_u32(d.redial_count, bytes, tag, UINT32_MAX);
    case kTagRedialPause:
      return read_u32(d.redial_pause_s, bytes, tag, UINT32_MAX);
    case kTagEchoInterval:
      return read_u32(d.echo_interval_s, bytes, tag, UINT32_MAX);
    case kTagEchoFailures:
      return read_u32(d.echo_failures, bytes, tag, UINT32_MAX);
    case kTagLine:
      if (auto ok = read_u32(flag, bytes, tag, 1); !ok) return ok;
      if (flag != 1) return invalid("the line must be descriptor 1");
      request.line = true;
      return {};
    case kTagPulse:
      if (auto ok = read_u32(flag, bytes, tag, 1); !ok) return ok;
      d.pulse = flag == 1;
      return {};
    case kTagInit:
      return read_lines(d.init, bytes, kMaxInitBytes, tag, "init strings");
    case kTagAlternates:
      return read_lines(d.alternates, bytes, kMaxAlternateBytes, tag, "alternate numbers");
    case kTagTun:
      if (auto ok = read_u32(flag, bytes, tag, 2); !ok) return ok;
      if (flag != 2) return invalid("the interface must be descriptor 2");
      request.tun = true;
      return {};
    case kTagPppAuth:
      return read_u32(request.ppp.auth, bytes, tag, kPppAuthAll);
    case kTagPppAddress:
      return read_u32(request.ppp.address, bytes, tag, UINT32_MAX);
    case kTagPppDns1:
      return read_u32(request.ppp.dns1, bytes, tag, UINT32_MAX);
    case kTagPppDns2:
      return read_u32(request.ppp.dns2, bytes, tag, UINT32_MAX);
    case kTagPppNetworks:
      if (auto ok = read_u32(request.ppp.networks, bytes, tag, kPppNetIpv4 | kPppNetIpv6); !ok) {
        return ok;
      }
      if ((request.ppp.networks & kPppNetIpv4) == 0) return invalid("PPP without IPv4");
      return {};
    case kTagScript:
      return read_string(d.script, bytes, kMaxScriptBytes, tag);
    case kTagTerminal:
      return read_u32(d.terminal, bytes, tag, kTerminalRefuse);
    case kTagCount:
      break;
  }
  return invalid("unknown field " + std::to_string(tag));
}

}  // namespace

Result<std::vector<uint8_t>> encode_spawn_request(const SpawnRequest& request) {
  if (request.id == 0) return invalid("spawn request id 0");
  if (request.device_type.empty()) return invalid("spawn request without a device type");
  for (const auto* list : {&request.device.init, &request.device.alternates}) {
    for (const std::string& each : *list) {
      if (each.find_first_of("\r\n") != std::string::npos) {
        return invalid("\"" + each +
                       "\" (an init string or alternate number) contains a line break");
      }
    }
  }
  std::vector<uint8_t> out;
  put(out, kKindSpawn);
  put(out, static_cast<uint32_t>(request.descriptors()));
  put(out, request.id);
  const DeviceSettings& d = request.device;
  for (auto [tag, value, max, name] :
       {std::tuple{kTagDeviceType, &request.device_type, kMaxDeviceType, "device type"},
        std::tuple{kTagPhoneNumber, &request.phone_number, kMaxPhoneNumber, "phone number"}}) {
    if (auto ok = put_field(out, tag, *value, max, name); !ok) return fail(ok.error());
  }
  if (!request.line) return out;  // no line: nothing else applies
  put_u32(out, kTagLine, 1);
  std::string init = joined_lines(d.init);
  std::string alternates = joined_lines(d.alternates);
  for (auto [tag, value, max, name] :
       {std::tuple{kTagPort, &d.port, kMaxPortName, "port name"},
        std::tuple{kTagFlowControl, &d.flow_control, kMaxFlowControl, "flow control"},
        std::tuple{kTagInit, static_cast<const std::string*>(&init), kMaxInitBytes, "init strings"},
        std::tuple{kTagAlternates, static_cast<const std::string*>(&alternates), kMaxAlternateBytes,
                   "alternate numbers"},
        std::tuple{kTagScript, &d.script, kMaxScriptBytes, "script"}}) {
    if (auto ok = put_field(out, tag, *value, max, name); !ok) return fail(ok.error());
  }
  put_u32(out, kTagSpeed, d.speed);
  put_u32(out, kTagDialTimeout, d.dial_timeout_s);
  put_u32(out, kTagRedialCount, d.redial_count);
  put_u32(out, kTagRedialPause, d.redial_pause_s);
  put_u32(out, kTagPulse, d.pulse ? 1 : 0);
  put_u32(out, kTagEchoInterval, d.echo_interval_s);
  put_u32(out, kTagEchoFailures, d.echo_failures);
  if (d.terminal > kTerminalRefuse) return invalid("terminal mode out of range");
  if (d.terminal == kTerminalPause && !request.tun) {
    return invalid("a terminal without the connection's interface");
  }
  put_u32(out, kTagTerminal, d.terminal);
  if (request.tun) put_u32(out, kTagTun, 2);
  const PppSettings& p = request.ppp;
  if ((p.networks & kPppNetIpv4) == 0 || p.auth > kPppAuthAll ||
      p.networks > (kPppNetIpv4 | kPppNetIpv6)) {
    return invalid("PPP settings out of range");
  }
  put_u32(out, kTagPppAuth, p.auth);
  put_u32(out, kTagPppAddress, p.address);
  put_u32(out, kTagPppDns1, p.dns1);
  put_u32(out, kTagPppDns2, p.dns2);
  put_u32(out, kTagPppNetworks, p.networks);
  return out;
}

uint64_t peek_request_id(std::span<const uint8_t> packet) {
  if (packet.size() < kRequestHeader || get<uint32_t>(packet, 0) != kKindSpawn) return 0;
  return get<uint64_t>(packet, 8);
}

Result<SpawnRequest> parse_spawn_request(std::span<const uint8_t> packet, std::size_t descriptors) {
  if (packet.size() < kRequestHeader || packet.size() > kZygoteMaxPacket) {
    return invalid("spawn request of " + std::to_string(packet.size()) + " bytes");
  }
  if (uint32_t kind = get<uint32_t>(packet, 0); kind != kKindSpawn) {
    return invalid("request of kind " + std::to_string(kind) + ", not a spawn request");
  }
  SpawnRequest request;
  uint32_t count = get<uint32_t>(packet, 4);
  request.id = get<uint64_t>(packet, 8);
  if (request.id == 0) return invalid("spawn request id 0");
  if (count > kZygoteMaxDescriptors) {
    return invalid("spawn request announcing " + std::to_string(count) + " descriptors");
  }
  bool seen[kTagCount] = {};
  std::size_t at = kRequestHeader;
  while (at < packet.size()) {
    if (packet.size() - at < 4)
      return invalid("truncated field header at byte " + std::to_string(at));
    auto tag = get<uint16_t>(packet, at);
    auto length = get<uint16_t>(packet, at + 2);
    at += 4;
    if (packet.size() - at < length) {
      return invalid("field " + std::to_string(tag) + " of " + std::to_string(length) +
                     " bytes overruns the packet");
    }
    std::span<const uint8_t> bytes = packet.subspan(at, length);
    at += length;
    if (tag == 0 || tag >= kTagCount) return invalid("unknown field " + std::to_string(tag));
    if (seen[tag]) return invalid("field " + std::to_string(tag) + " repeated");
    seen[tag] = true;
    if (auto ok = read_field(request, static_cast<Tag>(tag), bytes); !ok) return fail(ok.error());
  }
  if (!request.line &&
      (seen[kTagPort] || seen[kTagSpeed] || seen[kTagFlowControl] || seen[kTagInit] ||
       seen[kTagDialTimeout] || seen[kTagRedialCount] || seen[kTagRedialPause] || seen[kTagPulse] ||
       seen[kTagAlternates] || seen[kTagTun] || seen[kTagPppAuth] || seen[kTagPppAddress] ||
       seen[kTagPppDns1] || seen[kTagPppDns2] || seen[kTagPppNetworks] || seen[kTagScript] ||
       seen[kTagEchoInterval] || seen[kTagEchoFailures] || seen[kTagTerminal])) {
    return invalid("line settings in a spawn request without a line");
  }
  if (request.device.terminal == kTerminalPause && !request.tun) {
    return invalid("a terminal in a spawn request without an interface");
  }
  if (count != request.descriptors() || descriptors != count) {
    return invalid("spawn request announcing " + std::to_string(count) + " descriptors with " +
                   std::to_string(descriptors) + " attached; expected " +
                   std::to_string(request.descriptors()));
  }
  if (request.device_type.empty()) return invalid("spawn request without a device type");
  return request;
}

EncodedEvent encode_zygote_event(const ZygoteEvent& event) {
  EncodedEvent out;
  out.put(static_cast<uint32_t>(event.kind));
  if (event.kind == ZygoteEvent::Kind::kSpawned) {
    out.put(static_cast<int32_t>(event.error));
    out.put(event.request);
    out.put(static_cast<int32_t>(event.pid));
    out.put(uint32_t{0});
  } else {
    out.put(static_cast<int32_t>(event.pid));
    out.put(static_cast<int32_t>(event.status));
    out.put(uint32_t{0});
  }
  return out;
}
static_assert(EncodedEvent::kCapacity == kEventSize && kExitedSize <= kEventSize);

Result<ZygoteEvent> parse_zygote_event(std::span<const uint8_t> packet, std::size_t descriptors) {
  if (packet.size() < 4)
    return invalid("zygote message of " + std::to_string(packet.size()) + " bytes");
  ZygoteEvent event;
  uint32_t kind = get<uint32_t>(packet, 0);
  if (kind == static_cast<uint32_t>(ZygoteEvent::Kind::kSpawned)) {
    if (packet.size() != kEventSize) {
      return invalid("spawn answer of " + std::to_string(packet.size()) + " bytes");
    }
    event.kind = ZygoteEvent::Kind::kSpawned;
    event.error = get<int32_t>(packet, 4);
    event.request = get<uint64_t>(packet, 8);
    event.pid = get<int32_t>(packet, 16);
    if (get<uint32_t>(packet, 20) != 0) return invalid("spawn answer with reserved bits set");
    if (event.error < 0 || (event.error == 0) != (event.pid > 0)) {
      return invalid("spawn answer with errno " + std::to_string(event.error) + " and pid " +
                     std::to_string(event.pid));
    }
    if (descriptors != (event.error == 0 ? 1u : 0u)) {
      return invalid("spawn answer with " + std::to_string(descriptors) + " descriptors");
    }
    return event;
  }
  if (kind == static_cast<uint32_t>(ZygoteEvent::Kind::kExited)) {
    if (packet.size() != kExitedSize) {
      return invalid("exit report of " + std::to_string(packet.size()) + " bytes");
    }
    event.kind = ZygoteEvent::Kind::kExited;
    event.pid = get<int32_t>(packet, 4);
    event.status = get<int32_t>(packet, 8);
    if (get<uint32_t>(packet, 12) != 0) return invalid("exit report with reserved bits set");
    if (event.pid <= 0) return invalid("exit report for pid " + std::to_string(event.pid));
    if (descriptors != 0) return invalid("exit report with descriptors");
    return event;
  }
  return invalid("zygote message of kind " + std::to_string(kind));
}

Result<PacketInPlace> recv_packet_in_place(int socket, int flags, std::span<uint8_t> buffer) {
  if (buffer.size() < kZygoteMaxPacket + 1) return invalid("a receive buffer too small");
  PacketInPlace packet;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kZygoteMaxDescriptors)];
  iovec iov{buffer.data(), buffer.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do {
    n = ::recvmsg(socket, &msg, flags | MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return fail_errno(errno, "receiving from the control socket");
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < count; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
      // The control buffer has room for kZygoteMaxDescriptors, and no more arrive.
      if (packet.fd_count < packet.fds.size()) {
        packet.fds[packet.fd_count++].reset(fd);
      } else {
        ::close(fd);
      }
    }
  }
  if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 ||
      static_cast<std::size_t>(n) > kZygoteMaxPacket) {
    return invalid("a control packet or its descriptors did not fit (" + std::to_string(n) +
                   " bytes)");
  }
  packet.bytes = buffer.first(static_cast<std::size_t>(n));
  return packet;
}

Result<Packet> recv_packet(int socket, int flags) {
  // Received on the stack, uninitialised, and copied at its size: a packet is a few hundred
  // bytes.
  uint8_t buffer[kZygoteMaxPacket + 1];
  auto received = recv_packet_in_place(socket, flags, buffer);
  if (!received) return fail(received.error());
  Packet packet;
  packet.bytes.assign(received->bytes.begin(), received->bytes.end());
  for (std::size_t i = 0; i < received->fd_count; ++i) {
    packet.fds.push_back(std::move(received->fds[i]));
  }
  return packet;
}

Status send_packet(int socket, std::span<const uint8_t> bytes, std::span<const int> fds,
                   int flags) {
  if (fds.size() > kZygoteMaxDescriptors) return invalid("too many descriptors for one packet");
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kZygoteMaxDescriptors)] = {};
  iovec iov{const_cast<uint8_t*>(bytes.data()), bytes.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  if (!fds.empty()) {
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
  }
  ssize_t n;
  do {
    n = ::sendmsg(socket, &msg, flags | MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return fail_errno(errno, "sending on the control socket");
  return {};
}

}  // namespace openras::link
