// zygote_message.h: what rasmand and the link zygote say over their control socket
// (docs/protocol.md, "Link processes"). One message per SOCK_SEQPACKET packet, native
// byte order (both ends run on the same host), descriptors as SCM_RIGHTS.
//
// rasmand → zygote, a spawn request:
//   u32 kind (1) · u32 descriptor count · u64 request id (not 0) · fields
//   each field: u16 tag · u16 length · `length` bytes; each tag at most once
//     1 device type (1–64 bytes, required)  2 phone number (0–1024 bytes)
//   No byte of a string may be NUL. The descriptors: the first is always the link's end
//   of its socketpair; fields added later (the modem's line) name the others by index.
// zygote → rasmand:
//   spawned: u32 kind (1) · i32 errno (0: forked) · u64 request id · i32 pid · u32 0;
//            with the child's pidfd as the one descriptor when errno is 0, none otherwise
//   exited:  u32 kind (2) · i32 pid · i32 wait status (as waitpid gives it) · u32 0
// Each side parses what it receives as untrusted: any other size, kind, tag, length,
// duplicate or descriptor count is kInvalidData. Thread: any.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::link {

inline constexpr std::size_t kZygoteMaxPacket = 2048;    // bigger requests are refused
inline constexpr std::size_t kZygoteMaxDescriptors = 4;  // received per packet, at most
inline constexpr std::size_t kMaxDeviceType = 64;
inline constexpr std::size_t kMaxPhoneNumber = 1024;  // rasmand's limit for names (kMaxNameBytes)

struct SpawnRequest {
  uint64_t id = 0;
  std::string device_type;
  std::string phone_number;
  // How many descriptors travel with the request (1: the link's socket).
  [[nodiscard]] std::size_t descriptors() const { return 1; }
};

struct ZygoteEvent {
  enum class Kind : uint32_t { kSpawned = 1, kExited = 2 };
  Kind kind = Kind::kSpawned;
  uint64_t request = 0;  // kSpawned
  int error = 0;         // kSpawned: errno of a failed fork, 0 on success
  pid_t pid = 0;
  int status = 0;  // kExited
};

[[nodiscard]] Result<std::vector<uint8_t>> encode_spawn_request(const SpawnRequest& request);
// `descriptors`: how many arrived with the packet.
[[nodiscard]] Result<SpawnRequest> parse_spawn_request(std::span<const uint8_t> packet,
                                                       std::size_t descriptors);
// The request id of a packet that starts like a spawn request, or 0; for answering a
// request that parse_spawn_request() refused.
[[nodiscard]] uint64_t peek_request_id(std::span<const uint8_t> packet);

[[nodiscard]] std::vector<uint8_t> encode_zygote_event(const ZygoteEvent& event);
[[nodiscard]] Result<ZygoteEvent> parse_zygote_event(std::span<const uint8_t> packet,
                                                     std::size_t descriptors);

// One packet and its descriptors. recv_packet: kInvalidData when the packet or its
// descriptors were truncated (what did arrive is closed); an empty packet is the peer's
// end (SEQPACKET peers never send empty packets here). Both pass `flags` to the call.
struct Packet {
  std::vector<uint8_t> bytes;
  std::vector<UniqueFd> fds;  // O_CLOEXEC
};
[[nodiscard]] Result<Packet> recv_packet(int socket, int flags);
[[nodiscard]] Status send_packet(int socket, std::span<const uint8_t> bytes,
                                 std::span<const int> fds, int flags);

}  // namespace openras::link
