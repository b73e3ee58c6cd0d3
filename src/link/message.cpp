// message.cpp: see message.h.
#include "link/message.h"

#include <string.h>

#include <cstring>
#include <string>

namespace openras::link {

namespace {

class Writer {
 public:
  Writer(MessageType type, std::size_t payload) {
    bytes_.reserve(kHeaderSize + payload);
    bytes_.push_back(kLinkProtocolVersion);
    bytes_.push_back(static_cast<uint8_t>(type));
    u16(static_cast<uint16_t>(payload));
  }
  void raw(const void* data, std::size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + n);
  }
  void u16(uint16_t v) { raw(&v, sizeof v); }
  void u32(uint32_t v) { raw(&v, sizeof v); }
  void u64(uint64_t v) { raw(&v, sizeof v); }
  std::vector<uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

// Reads a payload whose length was checked; every read is bounds-checked anyway.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> payload) : p_(payload) {}
  bool raw(void* out, std::size_t n) {
    if (p_.size() - at_ < n) return false;
    std::memcpy(out, p_.data() + at_, n);
    at_ += n;
    return true;
  }
  bool u16(uint16_t& v) { return raw(&v, sizeof v); }
  bool u32(uint32_t& v) { return raw(&v, sizeof v); }
  bool u64(uint64_t& v) { return raw(&v, sizeof v); }
  bool boolean(bool& v) {
    uint32_t w = 2;
    if (!u32(w) || w > 1) return false;
    v = w == 1;
    return true;
  }
  bool string(std::string& out, std::size_t n) {
    if (p_.size() - at_ < n) return false;
    const auto* start = reinterpret_cast<const char*>(p_.data() + at_);
    if (std::memchr(start, '\0', n) != nullptr) return false;
    out.assign(start, n);
    at_ += n;
    return true;
  }
  [[nodiscard]] bool done() const { return at_ == p_.size(); }

 private:
  std::span<const uint8_t> p_;
  std::size_t at_ = 0;
};

tl::unexpected<Error> malformed(const std::string& what) {
  return fail(Errc::kInvalidData, "malformed link message: " + what);
}

const char* type_name(MessageType type) {
  switch (type) {
    case MessageType::kState: return "State";
    case MessageType::kStatistics: return "Statistics";
    case MessageType::kProjection: return "Projection";
    case MessageType::kStart: return "Start";
    case MessageType::kStatisticsRequest: return "StatisticsRequest";
  }
  return "?";
}

// Checks the header; the type and the payload after it.
Result<std::pair<MessageType, std::span<const uint8_t>>> split(std::span<const uint8_t> packet) {
  if (packet.size() < kHeaderSize) {
    return malformed(std::to_string(packet.size()) + " bytes, shorter than its header");
  }
  if (packet.size() > kMaxMessageSize) {
    return malformed(std::to_string(packet.size()) + " bytes; the limit is " +
                     std::to_string(kMaxMessageSize));
  }
  if (packet[0] != kLinkProtocolVersion) {
    return malformed("version " + std::to_string(packet[0]) + "; expected " +
                     std::to_string(kLinkProtocolVersion));
  }
  uint16_t length = 0;
  std::memcpy(&length, packet.data() + 2, sizeof length);
  if (length != packet.size() - kHeaderSize) {
    return malformed("payload length " + std::to_string(length) + " in a packet of " +
                     std::to_string(packet.size()) + " bytes");
  }
  return std::pair{static_cast<MessageType>(packet[1]), packet.subspan(kHeaderSize)};
}

Status expect_size(MessageType type, std::span<const uint8_t> payload, std::size_t size) {
  if (payload.size() == size) return {};
  return malformed(std::string(type_name(type)) + " payload of " +
                   std::to_string(payload.size()) + " bytes; expected " + std::to_string(size));
}

}  // namespace

StartMessage::~StartMessage() {
  wipe(user);
  wipe(password);
  wipe(domain);
}

void wipe(std::string& secret) noexcept {
  // resize() to the capacity never reallocates, and makes every byte ever used addressable.
  secret.resize(secret.capacity());
  ::explicit_bzero(secret.data(), secret.size());
  secret.clear();
}

void wipe(std::vector<uint8_t>& secret) noexcept {
  secret.resize(secret.capacity());
  ::explicit_bzero(secret.data(), secret.size());
  secret.clear();
}

Result<LinkMessage> parse_link_message(std::span<const uint8_t> packet) {
  auto parts = split(packet);
  if (!parts) return fail(parts.error());
  auto [type, payload] = *parts;
  Reader in(payload);
  switch (type) {
    case MessageType::kState: {
      if (auto ok = expect_size(type, payload, 8); !ok) return fail(ok.error());
      StateMessage m;
      (void)(in.u32(m.state) && in.u32(m.error));
      return m;
    }
    case MessageType::kStatistics: {
      if (auto ok = expect_size(type, payload, kStatisticsPayloadSize); !ok) return fail(ok.error());
      LinkCounters c;
      (void)(in.u64(c.bytes_sent) && in.u64(c.bytes_received) && in.u64(c.frames_sent) &&
             in.u64(c.frames_received) && in.u32(c.crc_errors) && in.u32(c.timeout_errors) &&
             in.u32(c.alignment_errors) && in.u32(c.hardware_overruns) &&
             in.u32(c.framing_errors) && in.u32(c.buffer_overruns) &&
             in.u32(c.compression_ratio_in) && in.u32(c.compression_ratio_out));
      return c;
    }
    case MessageType::kProjection: {
      if (auto ok = expect_size(type, payload, kProjectionPayloadSize); !ok) return fail(ok.error());
      Projection p;
      bool good = in.u32(p.ipv4_error) && in.raw(p.ipv4_address, 4) &&
                  in.raw(p.ipv4_server_address, 4) && in.u32(p.ipv4_options) &&
                  in.u32(p.ipv4_server_options) && in.u32(p.ipv6_error) &&
                  in.raw(p.interface_id, 8) && in.raw(p.server_interface_id, 8) &&
                  in.boolean(p.bundled) && in.boolean(p.multilink) && in.u32(p.auth_protocol) &&
                  in.u32(p.auth_data) && in.u32(p.server_auth_protocol) &&
                  in.u32(p.server_auth_data) && in.u32(p.eap_type) && in.u32(p.server_eap_type) &&
                  in.u32(p.lcp_options) && in.u32(p.lcp_server_options) && in.u32(p.ccp_error) &&
                  in.u32(p.ccp_algorithm) && in.u32(p.ccp_server_algorithm) &&
                  in.u32(p.ccp_options) && in.u32(p.ccp_server_options);
      if (!good) return malformed("Projection: bundled and multilink must be 0 or 1");
      return p;
    }
    case MessageType::kStart:
    case MessageType::kStatisticsRequest:
      return malformed(std::string(type_name(type)) + " is rasmand's to send, not a link's");
  }
  return malformed("unknown type " + std::to_string(static_cast<unsigned>(type)));
}

Result<ControlMessage> parse_control_message(std::span<const uint8_t> packet) {
  auto parts = split(packet);
  if (!parts) return fail(parts.error());
  auto [type, payload] = *parts;
  Reader in(payload);
  switch (type) {
    case MessageType::kStart: {
      uint16_t n[3] = {};
      if (!in.u16(n[0]) || !in.u16(n[1]) || !in.u16(n[2])) {
        return malformed("Start shorter than its three lengths");
      }
      for (uint16_t each : n) {
        if (each > kMaxCredentialBytes) {
          return malformed("Start string of " + std::to_string(each) + " bytes; the limit is " +
                           std::to_string(kMaxCredentialBytes));
        }
      }
      if (payload.size() != 6u + n[0] + n[1] + n[2]) {
        return malformed("Start payload of " + std::to_string(payload.size()) +
                         " bytes does not match its string lengths");
      }
      ControlMessage out{std::in_place_type<StartMessage>};
      auto& start = std::get<StartMessage>(out);
      if (!in.string(start.user, n[0]) || !in.string(start.password, n[1]) ||
          !in.string(start.domain, n[2])) {
        return malformed("Start string with a NUL byte");
      }
      return out;
    }
    case MessageType::kStatisticsRequest:
      if (auto ok = expect_size(type, payload, 0); !ok) return fail(ok.error());
      return StatisticsRequest{};
    case MessageType::kState:
    case MessageType::kStatistics:
    case MessageType::kProjection:
      return malformed(std::string(type_name(type)) + " is a link's to send, not rasmand's");
  }
  return malformed("unknown type " + std::to_string(static_cast<unsigned>(type)));
}

std::vector<uint8_t> encode_link_message(const LinkMessage& message) {
  if (const auto* s = std::get_if<StateMessage>(&message)) {
    Writer out(MessageType::kState, 8);
    out.u32(s->state);
    out.u32(s->error);
    return out.take();
  }
  if (const auto* c = std::get_if<LinkCounters>(&message)) {
    Writer out(MessageType::kStatistics, kStatisticsPayloadSize);
    for (uint64_t v : {c->bytes_sent, c->bytes_received, c->frames_sent, c->frames_received}) {
      out.u64(v);
    }
    for (uint32_t v : {c->crc_errors, c->timeout_errors, c->alignment_errors,
                       c->hardware_overruns, c->framing_errors, c->buffer_overruns,
                       c->compression_ratio_in, c->compression_ratio_out}) {
      out.u32(v);
    }
    return out.take();
  }
  const auto& p = std::get<Projection>(message);
  Writer out(MessageType::kProjection, kProjectionPayloadSize);
  out.u32(p.ipv4_error);
  out.raw(p.ipv4_address, 4);
  out.raw(p.ipv4_server_address, 4);
  out.u32(p.ipv4_options);
  out.u32(p.ipv4_server_options);
  out.u32(p.ipv6_error);
  out.raw(p.interface_id, 8);
  out.raw(p.server_interface_id, 8);
  out.u32(p.bundled ? 1 : 0);
  out.u32(p.multilink ? 1 : 0);
  for (uint32_t v : {p.auth_protocol, p.auth_data, p.server_auth_protocol, p.server_auth_data,
                     p.eap_type, p.server_eap_type, p.lcp_options, p.lcp_server_options,
                     p.ccp_error, p.ccp_algorithm, p.ccp_server_algorithm, p.ccp_options,
                     p.ccp_server_options}) {
    out.u32(v);
  }
  return out.take();
}

Result<std::vector<uint8_t>> encode_control_message(const ControlMessage& message) {
  if (std::holds_alternative<StatisticsRequest>(message)) {
    return Writer(MessageType::kStatisticsRequest, 0).take();
  }
  const auto& start = std::get<StartMessage>(message);
  for (const std::string* s : {&start.user, &start.password, &start.domain}) {
    if (s->size() > kMaxCredentialBytes) {
      return fail(Errc::kInvalidArgument, "a credential of " + std::to_string(s->size()) +
                                              " bytes; the limit is " +
                                              std::to_string(kMaxCredentialBytes));
    }
    if (s->find('\0') != std::string::npos) {
      return fail(Errc::kInvalidArgument, "a credential contains a NUL byte");
    }
  }
  std::size_t payload = 6 + start.user.size() + start.password.size() + start.domain.size();
  Writer out(MessageType::kStart, payload);
  out.u16(static_cast<uint16_t>(start.user.size()));
  out.u16(static_cast<uint16_t>(start.password.size()));
  out.u16(static_cast<uint16_t>(start.domain.size()));
  out.raw(start.user.data(), start.user.size());
  out.raw(start.password.data(), start.password.size());
  out.raw(start.domain.data(), start.domain.size());
  return out.take();
}

}  // namespace openras::link
