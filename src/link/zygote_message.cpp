// zygote_message.cpp: the zygote's control messages (see zygote_message.h).
#include "link/zygote_message.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace openras::link {

namespace {

constexpr uint32_t kKindSpawn = 1;
constexpr uint16_t kTagDeviceType = 1;
constexpr uint16_t kTagPhoneNumber = 2;
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

}  // namespace

Result<std::vector<uint8_t>> encode_spawn_request(const SpawnRequest& request) {
  if (request.id == 0) return invalid("spawn request id 0");
  if (request.device_type.empty()) return invalid("spawn request without a device type");
  std::vector<uint8_t> out;
  put(out, kKindSpawn);
  put(out, static_cast<uint32_t>(request.descriptors()));
  put(out, request.id);
  if (auto ok = put_field(out, kTagDeviceType, request.device_type, kMaxDeviceType, "device type");
      !ok) {
    return fail(ok.error());
  }
  if (auto ok =
          put_field(out, kTagPhoneNumber, request.phone_number, kMaxPhoneNumber, "phone number");
      !ok) {
    return fail(ok.error());
  }
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
  if (count != request.descriptors() || descriptors != count) {
    return invalid("spawn request announcing " + std::to_string(count) + " descriptors with " +
                   std::to_string(descriptors) + " attached; expected " +
                   std::to_string(request.descriptors()));
  }
  bool seen[3] = {};
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
    std::string value(reinterpret_cast<const char*>(packet.data() + at), length);
    at += length;
    if (value.find('\0') != std::string::npos) {
      return invalid("field " + std::to_string(tag) + " contains NUL");
    }
    if (tag != kTagDeviceType && tag != kTagPhoneNumber) {
      return invalid("unknown field " + std::to_string(tag));
    }
    if (seen[tag]) return invalid("field " + std::to_string(tag) + " repeated");
    seen[tag] = true;
    std::size_t max = tag == kTagDeviceType ? kMaxDeviceType : kMaxPhoneNumber;
    if (value.size() > max) {
      return invalid("field " + std::to_string(tag) + " of " + std::to_string(value.size()) +
                     " bytes; at most " + std::to_string(max));
    }
    (tag == kTagDeviceType ? request.device_type : request.phone_number) = std::move(value);
  }
  if (request.device_type.empty()) return invalid("spawn request without a device type");
  return request;
}

std::vector<uint8_t> encode_zygote_event(const ZygoteEvent& event) {
  std::vector<uint8_t> out;
  put(out, static_cast<uint32_t>(event.kind));
  if (event.kind == ZygoteEvent::Kind::kSpawned) {
    put(out, static_cast<int32_t>(event.error));
    put(out, event.request);
    put(out, static_cast<int32_t>(event.pid));
    put(out, uint32_t{0});
  } else {
    put(out, static_cast<int32_t>(event.pid));
    put(out, static_cast<int32_t>(event.status));
    put(out, uint32_t{0});
  }
  return out;
}

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

Result<Packet> recv_packet(int socket, int flags) {
  Packet packet;
  packet.bytes.resize(kZygoteMaxPacket + 1);
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kZygoteMaxDescriptors)];
  iovec iov{packet.bytes.data(), packet.bytes.size()};
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
      packet.fds.emplace_back(fd);
    }
  }
  if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 ||
      static_cast<std::size_t>(n) > kZygoteMaxPacket) {
    return invalid("a control packet or its descriptors did not fit (" + std::to_string(n) +
                   " bytes)");
  }
  packet.bytes.resize(static_cast<std::size_t>(n));
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
