// message.cpp: see message.h.
#include "link/message.h"

#include <string.h>

#include <cstring>
#include <string>

#include "base/utf.h"

namespace openras::link {

namespace {

// What a message without secrets reserves (a State's reason and number come on top): the
// largest, a Projection, takes 220 bytes.
constexpr std::size_t kSmallMessage = 256;

class Writer {
 public:
  // `reserve`: for a message with secrets (Start), the most it will hold, so none is left
  // behind by a reallocation; for the rest, about what it will hold: a link's reports are
  // queued until its loop's round ends (link.cpp), and a few KiB each would have every new
  // link fault in fresh heap pages for them.
  Writer(MessageType type, std::size_t reserve) {
    bytes_.reserve(reserve);
    bytes_.push_back(kLinkProtocolVersion);
    bytes_.push_back(static_cast<uint8_t>(type));
    bytes_.resize(kHeaderSize);  // the length, filled in by take()
  }
  void field(uint16_t tag, const void* data, std::size_t n) {
    put(&tag, 2);
    auto length = static_cast<uint16_t>(n);
    put(&length, 2);
    put(data, n);
  }
  void u32(uint16_t tag, uint32_t v) { field(tag, &v, sizeof v); }
  void u64(uint16_t tag, uint64_t v) { field(tag, &v, sizeof v); }
  std::vector<uint8_t> take() {
    auto length = static_cast<uint16_t>(bytes_.size() - kHeaderSize);
    std::memcpy(bytes_.data() + 2, &length, 2);
    return std::move(bytes_);
  }

 private:
  void put(const void* data, std::size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + n);
  }
  std::vector<uint8_t> bytes_;
};

// A payload's fields by tag (tags past kMaxTag are skipped: a later version's). Each read
// requires the field and its exact size, so a missing or wrong-sized field is malformed.
class Fields {
 public:
  static constexpr uint16_t kMaxTag = 32;

  // Splits `payload`; false (and why()) for a truncated field or a repeated tag.
  bool split(std::span<const uint8_t> payload) {
    std::size_t at = 0;
    while (at < payload.size()) {
      if (payload.size() - at < kFieldHeaderSize) return bad("a truncated field header");
      uint16_t tag = 0;
      uint16_t length = 0;
      std::memcpy(&tag, payload.data() + at, 2);
      std::memcpy(&length, payload.data() + at + 2, 2);
      at += kFieldHeaderSize;
      if (payload.size() - at < length) {
        return bad("field " + std::to_string(tag) + " of " + std::to_string(length) +
                   " bytes overruns the payload");
      }
      if (tag <= kMaxTag) {
        if (seen_[tag]) return bad("field " + std::to_string(tag) + " twice");
        seen_[tag] = true;
        fields_[tag] = payload.subspan(at, length);
      }
      at += length;
    }
    return true;
  }
  bool raw(uint16_t tag, void* out, std::size_t n) {
    if (!seen_[tag]) return bad("field " + std::to_string(tag) + " missing");
    if (fields_[tag].size() != n) {
      return bad("field " + std::to_string(tag) + " of " + std::to_string(fields_[tag].size()) +
                 " bytes; expected " + std::to_string(n));
    }
    std::memcpy(out, fields_[tag].data(), n);
    return true;
  }
  bool u32(uint16_t tag, uint32_t& v) { return raw(tag, &v, sizeof v); }
  // An optional u32: absent leaves `v` as it is.
  bool optional_u32(uint16_t tag, uint32_t& v) { return !seen_[tag] || u32(tag, v); }
  bool u64(uint16_t tag, uint64_t& v) { return raw(tag, &v, sizeof v); }
  bool boolean(uint16_t tag, bool& v) {
    uint32_t w = 2;
    if (!u32(tag, w)) return false;
    if (w > 1)
      return bad("field " + std::to_string(tag) + " is " + std::to_string(w) +
                 ", not a boolean (0 or 1)");
    v = w == 1;
    return true;
  }
  // A string of at most `max` bytes, without NUL; absent is empty.
  bool string(uint16_t tag, std::string& out, std::size_t max) {
    if (!seen_[tag]) return true;
    auto bytes = fields_[tag];
    if (bytes.size() > max) {
      return bad("string field " + std::to_string(tag) + " of " + std::to_string(bytes.size()) +
                 " bytes; the limit is " + std::to_string(max));
    }
    const auto* start = reinterpret_cast<const char*>(bytes.data());
    if (std::memchr(start, '\0', bytes.size()) != nullptr) {
      return bad("string field " + std::to_string(tag) + " with a NUL byte");
    }
    out.assign(start, bytes.size());
    return true;
  }
  [[nodiscard]] const std::string& why() const { return why_; }

 private:
  bool bad(std::string why) {
    if (why_.empty()) why_ = std::move(why);
    return false;
  }
  std::span<const uint8_t> fields_[kMaxTag + 1];
  bool seen_[kMaxTag + 1] = {};
  std::string why_;
};

// Text a dial string may be: UTF-8 with no control character (rasmand puts it in its
// records, its log and on the bus).
bool dialable_text(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return false;
  }
  return is_valid_utf8(text);
}

tl::unexpected<Error> malformed(const std::string& what) {
  return fail(Errc::kInvalidData, "malformed link message: " + what);
}

const char* type_name(MessageType type) {
  switch (type) {
    case MessageType::kState:
      return "State";
    case MessageType::kStatistics:
      return "Statistics";
    case MessageType::kProjection:
      return "Projection";
    case MessageType::kStart:
      return "Start";
    case MessageType::kStatisticsRequest:
      return "StatisticsRequest";
    case MessageType::kResume:
      return "Resume";
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
  if (type == MessageType::kStart || type == MessageType::kStatisticsRequest ||
      type == MessageType::kResume) {
    return malformed(std::string(type_name(type)) + " is rasmand's to send, not a link's");
  }
  if (type != MessageType::kState && type != MessageType::kStatistics &&
      type != MessageType::kProjection) {
    return malformed("unknown type " + std::to_string(static_cast<unsigned>(type)));
  }
  Fields in;
  // type by value: clang before 16 cannot capture a structured binding.
  auto refuse = [&, t = type] { return malformed(std::string(type_name(t)) + ": " + in.why()); };
  if (!in.split(payload)) return refuse();
  if (type == MessageType::kState) {
    StateMessage m;
    if (!in.u32(1, m.state) || !in.u32(2, m.error) || !in.optional_u32(3, m.speed) ||
        !in.string(4, m.reason, kMaxReasonBytes) || !in.string(5, m.number, kMaxNumberBytes)) {
      return refuse();
    }
    if (!dialable_text(m.number)) {
      return malformed(
          "State: the number that answered is not UTF-8 text without control "
          "characters");
    }
    return m;
  }
  if (type == MessageType::kStatistics) {
    LinkCounters c;
    bool good = in.u64(1, c.bytes_sent) && in.u64(2, c.bytes_received) &&
                in.u64(3, c.frames_sent) && in.u64(4, c.frames_received) &&
                in.u32(5, c.crc_errors) && in.u32(6, c.timeout_errors) &&
                in.u32(7, c.alignment_errors) && in.u32(8, c.hardware_overruns) &&
                in.u32(9, c.framing_errors) && in.u32(10, c.buffer_overruns) &&
                in.u32(11, c.compression_ratio_in) && in.u32(12, c.compression_ratio_out);
    if (!good) return refuse();
    return c;
  }
  Projection p;
  bool good = in.u32(1, p.ipv4_error) && in.raw(2, p.ipv4_address, 4) &&
              in.raw(3, p.ipv4_server_address, 4) && in.u32(4, p.ipv4_options) &&
              in.u32(5, p.ipv4_server_options) && in.u32(6, p.ipv6_error) &&
              in.raw(7, p.interface_id, 8) && in.raw(8, p.server_interface_id, 8) &&
              in.boolean(9, p.bundled) && in.boolean(10, p.multilink);
  uint16_t tag = 11;
  for (uint32_t* v :
       {&p.auth_protocol, &p.auth_data, &p.server_auth_protocol, &p.server_auth_data, &p.eap_type,
        &p.server_eap_type, &p.lcp_options, &p.lcp_server_options, &p.ccp_error, &p.ccp_algorithm,
        &p.ccp_server_algorithm, &p.ccp_options, &p.ccp_server_options}) {
    good = good && in.u32(tag++, *v);
  }
  good = good && in.raw(24, p.dns1, 4) && in.raw(25, p.dns2, 4) && in.u32(26, p.mtu);
  if (!good) return refuse();
  return p;
}

Result<std::vector<LinkMessage>> parse_link_packet(std::span<const uint8_t> packet) {
  if (packet.size() > kMaxMessageSize) {
    return malformed(std::to_string(packet.size()) + " bytes; the limit is " +
                     std::to_string(kMaxMessageSize));
  }
  std::vector<LinkMessage> messages;
  std::size_t at = 0;
  do {
    // Each message runs to where its header's length says (parse_link_message refuses a
    // header cut short, or a message cut short, by its size).
    std::span<const uint8_t> rest = packet.subspan(at);
    uint16_t length = 0;
    if (rest.size() >= kHeaderSize) std::memcpy(&length, rest.data() + 2, 2);
    const std::size_t whole = std::min(rest.size(), kHeaderSize + length);
    auto message = parse_link_message(rest.first(whole));
    if (!message) {
      return fail(Errc::kInvalidData, message.error().message + " (message " +
                                          std::to_string(messages.size() + 1) + " of the packet)");
    }
    messages.push_back(std::move(*message));
    at += whole;
  } while (at < packet.size());
  return messages;
}

Result<ControlMessage> parse_control_message(std::span<const uint8_t> packet) {
  auto parts = split(packet);
  if (!parts) return fail(parts.error());
  auto [type, payload] = *parts;
  if (type == MessageType::kState || type == MessageType::kStatistics ||
      type == MessageType::kProjection) {
    return malformed(std::string(type_name(type)) + " is a link's to send, not rasmand's");
  }
  if (type != MessageType::kStart && type != MessageType::kStatisticsRequest &&
      type != MessageType::kResume) {
    return malformed("unknown type " + std::to_string(static_cast<unsigned>(type)));
  }
  Fields in;
  // type by value: clang before 16 cannot capture a structured binding.
  auto refuse = [&, t = type] { return malformed(std::string(type_name(t)) + ": " + in.why()); };
  if (!in.split(payload)) return refuse();
  if (type == MessageType::kStatisticsRequest) {
    if (!payload.empty()) return malformed("StatisticsRequest with a payload");
    return StatisticsRequest{};
  }
  if (type == MessageType::kResume) {
    if (!payload.empty()) return malformed("Resume with a payload");
    return ResumeMessage{};
  }
  ControlMessage out{std::in_place_type<StartMessage>};
  auto& start = std::get<StartMessage>(out);
  if (!in.string(1, start.user, kMaxCredentialBytes) ||
      !in.string(2, start.password, kMaxCredentialBytes) ||
      !in.string(3, start.domain, kMaxCredentialBytes)) {
    return refuse();
  }
  return out;
}

std::vector<uint8_t> encode_link_message(const LinkMessage& message) {
  if (const auto* s = std::get_if<StateMessage>(&message)) {
    Writer out(MessageType::kState, kSmallMessage + s->reason.size() + s->number.size());
    out.u32(1, s->state);
    out.u32(2, s->error);
    if (s->speed != 0) out.u32(3, s->speed);
    if (!s->reason.empty()) {
      // Cut to the limit on a UTF-8 boundary; a NUL (never in our messages) ends it.
      std::string reason = s->reason.substr(0, s->reason.find('\0'));
      if (reason.size() > kMaxReasonBytes) {
        std::size_t cut = kMaxReasonBytes;
        while (cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) --cut;
        reason.resize(cut);
      }
      out.field(4, reason.data(), reason.size());
    }
    // A number the parser would refuse is not said (never one the link was given).
    if (!s->number.empty() && s->number.size() <= kMaxNumberBytes && dialable_text(s->number)) {
      out.field(5, s->number.data(), s->number.size());
    }
    return out.take();
  }
  if (const auto* c = std::get_if<LinkCounters>(&message)) {
    Writer out(MessageType::kStatistics, kSmallMessage);
    uint16_t tag = 1;
    for (uint64_t v : {c->bytes_sent, c->bytes_received, c->frames_sent, c->frames_received}) {
      out.u64(tag++, v);
    }
    for (uint32_t v : {c->crc_errors, c->timeout_errors, c->alignment_errors, c->hardware_overruns,
                       c->framing_errors, c->buffer_overruns, c->compression_ratio_in,
                       c->compression_ratio_out}) {
      out.u32(tag++, v);
    }
    return out.take();
  }
  const auto& p = std::get<Projection>(message);
  Writer out(MessageType::kProjection, kSmallMessage);
  out.u32(1, p.ipv4_error);
  out.field(2, p.ipv4_address, 4);
  out.field(3, p.ipv4_server_address, 4);
  out.u32(4, p.ipv4_options);
  out.u32(5, p.ipv4_server_options);
  out.u32(6, p.ipv6_error);
  out.field(7, p.interface_id, 8);
  out.field(8, p.server_interface_id, 8);
  out.u32(9, p.bundled ? 1 : 0);
  out.u32(10, p.multilink ? 1 : 0);
  uint16_t tag = 11;
  for (uint32_t v :
       {p.auth_protocol, p.auth_data, p.server_auth_protocol, p.server_auth_data, p.eap_type,
        p.server_eap_type, p.lcp_options, p.lcp_server_options, p.ccp_error, p.ccp_algorithm,
        p.ccp_server_algorithm, p.ccp_options, p.ccp_server_options}) {
    out.u32(tag++, v);
  }
  out.field(24, p.dns1, 4);
  out.field(25, p.dns2, 4);
  out.u32(26, p.mtu);
  return out.take();
}

Result<std::vector<uint8_t>> encode_control_message(const ControlMessage& message) {
  if (std::holds_alternative<StatisticsRequest>(message)) {
    return Writer(MessageType::kStatisticsRequest, kHeaderSize).take();
  }
  if (std::holds_alternative<ResumeMessage>(message)) {
    return Writer(MessageType::kResume, kHeaderSize).take();
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
  Writer out(MessageType::kStart, kMaxMessageSize);
  out.field(1, start.user.data(), start.user.size());
  out.field(2, start.password.data(), start.password.size());
  out.field(3, start.domain.data(), start.domain.size());
  return out.take();
}

}  // namespace openras::link
