// zygote_message.h: what rasmand and the link zygote say over their control socket
// (docs/protocol.md, "Link processes"). One message per SOCK_SEQPACKET packet, native
// byte order (both ends run on the same host), descriptors as SCM_RIGHTS.
//
// rasmand → zygote, a spawn request:
//   u32 kind (1) · u32 descriptor count · u64 request id (not 0) · fields
//   each field: u16 tag · u16 length · `length` bytes; each tag at most once
//     1 device type (1–64 bytes, required)  2 phone number (0–1024 bytes)
//     3 line: u32 1, the index of the serial line among the descriptors (modem, serial)
//     4 port name (0–255 bytes, for messages)  5 speed u32 (bps, 0: keep the line's)
//     6 flow control ("rtscts", "xonxoff", "none"; 0–16 bytes)
//     7 init strings, each ended by "\n" (0–1024 bytes)  8 dial time-out u32 (seconds)
//     9 redial count u32  10 redial pause u32 (seconds)  11 pulse dialing u32 (0 or 1)
//     12 alternate numbers, each ended by "\n" (0–4096 bytes)
//     13 interface: u32 2, the index of the connection's TUN descriptor (with a line only)
//     14 PPP authentication protocols allowed, u32 mask of kPppAuth* (0: every one we speak)
//     15 PPP address to ask for, u32 IPv4 in host order (0: the peer assigns one)
//     16, 17 primary and secondary DNS server to ask for, u32 IPv4 (0: the peer's)
//     18 PPP network protocols, u32 mask of kPppNet* (at least IPv4)
//     19 post-connect script, its text (0–4096 bytes; src/modem/chat_script.h; with a line)
//     20 LCP echo interval u32 (seconds)  21 LCP echo failures u32
//     22 terminal after dialing, u32 kTerminal* (with a line): with kTerminalPause the
//        terminal's pseudo-terminal master travels as the last descriptor
//   Strings hold no NUL; a u32 field is exactly 4 bytes. The descriptors: the first is
//   always the link's end of its socketpair; the line (tag 3) comes second, the
//   interface (tag 13) third, the terminal (tag 22) fourth (it needs both). PPP fields
//   (14–18) come only with a line.
// zygote → rasmand:
//   spawned: u32 kind (1) · i32 errno (0: forked) · u64 request id · i32 pid · u32 0;
//            with the child's pidfd as the one descriptor when errno is 0, none otherwise
//   exited:  u32 kind (2) · i32 pid · i32 wait status (as waitpid gives it) · u32 0
// Each side parses what it receives as untrusted: any other size, kind, tag, length,
// duplicate or descriptor count is kInvalidData. Thread: any.
#pragma once

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::link {

// Bigger requests are refused; room for every field at its largest.
inline constexpr std::size_t kZygoteMaxPacket = 16 * 1024;
inline constexpr std::size_t kZygoteMaxDescriptors = 4;  // received per packet, at most
inline constexpr std::size_t kMaxDeviceType = 64;
inline constexpr std::size_t kMaxPhoneNumber = 1024;  // rasmand's limit for names (kMaxNameBytes)

inline constexpr std::size_t kMaxPortName = 255;
inline constexpr std::size_t kMaxFlowControl = 16;
inline constexpr std::size_t kMaxInitBytes = 1024;       // all init strings with their "\n"
inline constexpr std::size_t kMaxAlternateBytes = 4096;  // all alternate numbers with their "\n"
inline constexpr std::size_t kMaxScriptBytes = 4096;     // = modem::kMaxScriptBytes

inline constexpr uint32_t kEchoLineDefault = UINT32_MAX;

// RASEO_TerminalAfterDial (docs/devices.md "Terminal"): after CONNECT (and the script), the
// link pauses in RASCS_Interactive and relays the line to a pseudo-terminal until rasmand
// says Resume (kTerminalPause: the caller allowed paused states), or fails there with
// ERROR_INTERACTIVE_MODE (kTerminalRefuse: it did not).
inline constexpr uint32_t kTerminalNone = 0;
inline constexpr uint32_t kTerminalPause = 1;
inline constexpr uint32_t kTerminalRefuse = 2;
inline constexpr uint32_t kMaxEchoInterval = 3600;  // seconds
inline constexpr uint32_t kMaxEchoFailures = 100;

// What a line driver needs to know of its device (docs/devices.md); rasmand fills it from
// the registry. Zero values are the driver's defaults.
struct DeviceSettings {
  std::string port;  // for messages only: the link never opens anything
  uint32_t speed = 0;
  std::string flow_control;       // empty: rtscts
  std::vector<std::string> init;  // no "\r" or "\n" inside one
  uint32_t dial_timeout_s = 0;    // 0: 60 s
  uint32_t redial_count = 0;
  uint32_t redial_pause_s = 0;
  bool pulse = false;
  // The entry's alternate numbers, dialled in order after the first fails (no "\r" or
  // "\n" inside one).
  std::vector<std::string> alternates;
  // The entry's post-connect script (szScript's text), run after CONNECT; empty: none.
  std::string script;
  // PPP's keep-alive (docs/devices.md "Keep-alive"): an LCP Echo-Request every
  // echo_interval_s (0: none; kEchoLineDefault: the line's default), the peer declared
  // dead after echo_failures unanswered (0: 3). The link checks the ranges (kMaxEcho*).
  uint32_t echo_interval_s = kEchoLineDefault;
  uint32_t echo_failures = 0;
  uint32_t terminal = kTerminalNone;  // kTerminal*
  bool operator==(const DeviceSettings&) const = default;
};

// How the link's PPP is to negotiate (the entry's RASEO_Require*, RASEO_SpecificIpAddr,
// RASEO_SpecificNameServers and dwfNetProtocols, as docs/devices.md "PPP" says).
inline constexpr uint32_t kPppAuthPap = 1;
inline constexpr uint32_t kPppAuthChapMd5 = 2;
inline constexpr uint32_t kPppAuthMsChapV2 = 4;
inline constexpr uint32_t kPppAuthAll = kPppAuthPap | kPppAuthChapMd5 | kPppAuthMsChapV2;
inline constexpr uint32_t kPppNetIpv4 = 1;
inline constexpr uint32_t kPppNetIpv6 = 2;
struct PppSettings {
  uint32_t auth = 0;  // kPppAuth* mask; 0: all of them
  uint32_t address = 0;
  uint32_t dns1 = 0;
  uint32_t dns2 = 0;
  uint32_t networks = kPppNetIpv4;
  bool operator==(const PppSettings&) const = default;
};

struct SpawnRequest {
  SpawnRequest() = default;
  SpawnRequest(uint64_t request_id, std::string type, std::string number)
      : id(request_id), device_type(std::move(type)), phone_number(std::move(number)) {}
  uint64_t id = 0;
  std::string device_type;
  std::string phone_number;
  bool line = false;  // a serial line travels as the second descriptor
  bool tun = false;   // the connection's TUN interface as the third (needs a line)
  DeviceSettings device;
  PppSettings ppp;
  // How many descriptors travel with the request (1: the link's socket; 2: and its line;
  // 3: and its interface; 4: and its terminal).
  [[nodiscard]] std::size_t descriptors() const {
    if (!line) return 1;
    if (!tun) return 2;
    return device.terminal == kTerminalPause ? 4 : 3;
  }
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

// An encoded event, held in place: the zygote answers without the heap (zygote.cpp says why).
class EncodedEvent;
[[nodiscard]] EncodedEvent encode_zygote_event(const ZygoteEvent& event);
class EncodedEvent {
 public:
  static constexpr std::size_t kCapacity = 24;
  [[nodiscard]] const uint8_t* data() const noexcept { return bytes_.data(); }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  operator std::span<const uint8_t>() const noexcept { return {bytes_.data(), size_}; }

 private:
  friend EncodedEvent encode_zygote_event(const ZygoteEvent& event);
  template <class T>
  void put(T value) noexcept {  // encode_zygote_event never writes past kCapacity
    static_assert(std::is_trivially_copyable_v<T>);
    std::memcpy(bytes_.data() + size_, &value, sizeof value);
    size_ += sizeof value;
  }

  std::array<uint8_t, kCapacity> bytes_{};
  std::size_t size_ = 0;
};
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
// The same into memory the caller owns, for the zygote's loop (no heap): `bytes` views the
// start of `buffer`, which has room for kZygoteMaxPacket + 1 bytes. recv_packet is this
// into its stack, copied.
struct PacketInPlace {
  std::span<const uint8_t> bytes;
  std::array<UniqueFd, kZygoteMaxDescriptors> fds;  // O_CLOEXEC
  std::size_t fd_count = 0;
};
[[nodiscard]] Result<PacketInPlace> recv_packet_in_place(int socket, int flags,
                                                         std::span<uint8_t> buffer);
[[nodiscard]] Status send_packet(int socket, std::span<const uint8_t> bytes,
                                 std::span<const int> fds, int flags);

}  // namespace openras::link
