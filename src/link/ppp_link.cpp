// ppp_link.cpp: see ppp_link.h.
#include "link/ppp_link.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "modem/serial.h"
#include "ppp/protocols.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {

namespace {

// Packets read from the TUN interface per wake-up, so the line's input is never starved.
constexpr int kTunBurst = 64;

void put_ipv4(uint8_t out[4], uint32_t address) {
  out[0] = static_cast<uint8_t>(address >> 24);
  out[1] = static_cast<uint8_t>(address >> 16);
  out[2] = static_cast<uint8_t>(address >> 8);
  out[3] = static_cast<uint8_t>(address);
}

void put_id(uint8_t out[8], uint64_t id) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(id >> (56 - 8 * i));
}

uint32_t ras_auth(ppp::AuthProtocol p, uint32_t* data) {
  *data = 0;
  switch (p) {
    case ppp::AuthProtocol::kPap:
      return RASLCPAP_PAP;
    case ppp::AuthProtocol::kChapMd5:
      *data = RASLCPAD_CHAP_MD5;
      return RASLCPAP_CHAP;
    case ppp::AuthProtocol::kMsChapV2:
      *data = RASLCPAD_CHAP_MSV2;
      return RASLCPAP_CHAP;
    case ppp::AuthProtocol::kNone:
      break;
  }
  return 0;
}

bool negotiating(ppp::FsmState s) {
  return s == ppp::FsmState::kReqSent || s == ppp::FsmState::kAckRcvd ||
         s == ppp::FsmState::kAckSent;
}

std::string ipv4_text(uint32_t a) {
  char text[16];
  std::snprintf(text, sizeof text, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
                a & 255);
  return text;
}

// fe80::/64 with the IPV6CP interface identifier `id`, as the interface will carry it.
std::string link_local_text(uint64_t id) {
  uint8_t address[16] = {0xfe, 0x80};
  put_id(address + 8, id);
  char text[INET6_ADDRSTRLEN] = "";
  ::inet_ntop(AF_INET6, address, text, sizeof text);
  return text;
}

}  // namespace

ppp::SessionConfig session_config(const PppSettings& settings) {
  ppp::SessionConfig config;
  const uint32_t auth = settings.auth == 0 ? kPppAuthAll : settings.auth;
  config.lcp.accepted_auth.clear();
  if (auth & kPppAuthMsChapV2) config.lcp.accepted_auth.insert(ppp::AuthProtocol::kMsChapV2);
  if (auth & kPppAuthChapMd5) config.lcp.accepted_auth.insert(ppp::AuthProtocol::kChapMd5);
  if (auth & kPppAuthPap) config.lcp.accepted_auth.insert(ppp::AuthProtocol::kPap);
  config.ipcp.address = settings.address;
  config.ipcp.dns1 = settings.dns1;
  config.ipcp.dns2 = settings.dns2;
  // Servers the entry names are used as they are: nothing to ask the peer for.
  config.ipcp.request_dns = settings.dns1 == 0 && settings.dns2 == 0;
  // slirp asks for 0.0.0.0 as its own address; any private address stands for it.
  config.ipcp.peer_address_hint = 0x0A000202;  // 10.0.2.2, what slirp itself answers with
  config.ipv6 = (settings.networks & kPppNetIpv6) != 0;
  return config;
}

LinkFailure link_failure(ppp::TerminateReason reason) {
  using R = ppp::TerminateReason;
  switch (reason) {
    case R::kLocalClose:
    case R::kLowerLayerDown:
      return LinkFailure::kCarrierLost;
    case R::kPeerTerminated:
      return LinkFailure::kPppPeerTerminated;
    case R::kLcpTimeout:
    case R::kAuthTimeout:
      return LinkFailure::kPppTimeout;
    case R::kLcpRejected:
      return LinkFailure::kPppLcpRejected;
    case R::kDeadPeer:
      return LinkFailure::kPppDeadPeer;
    case R::kLoopback:
      return LinkFailure::kPppLoopback;
    case R::kAuthFailed:
    case R::kAuthUnverified:
      return LinkFailure::kAuthenticationFailed;
    case R::kNoNetworkProtocol:
      return LinkFailure::kPppNoNetworkProtocol;
    case R::kNcpRejected:
      return LinkFailure::kPppCpRejected;
    case R::kRequiredAddressRejected:
      return LinkFailure::kPppAddressRejected;
    case R::kNoAddressAssigned:
      return LinkFailure::kPppNoAddressAssigned;
  }
  return LinkFailure::kPppNoNetworkProtocol;
}

Result<KeepAlive> keep_alive_for(const DeviceSettings& device, bool line_reports_carrier) {
  KeepAlive k = line_reports_carrier ? KeepAlive{} : kDeadLineKeepAlive;
  if (device.echo_interval_s != kEchoLineDefault) {
    if (device.echo_interval_s > kMaxEchoInterval) {
      return fail(Errc::kInvalidArgument,
                  "LcpEchoInterval " + std::to_string(device.echo_interval_s) + " is more than " +
                      std::to_string(kMaxEchoInterval) +
                      " s; fix the device's registry value (0 turns the keep-alive off)");
    }
    k.interval = std::chrono::seconds(device.echo_interval_s);
  }
  if (device.echo_failures > kMaxEchoFailures) {
    return fail(Errc::kInvalidArgument, "LcpEchoFailure " + std::to_string(device.echo_failures) +
                                            " is more than " + std::to_string(kMaxEchoFailures) +
                                            "; fix the device's registry value");
  }
  if (device.echo_failures != 0) k.failures = static_cast<int>(device.echo_failures);
  return k;
}

PppLink::PppLink(LinkHost& host, int line, int tun, const PppSettings& settings,
                 const StartMessage& credentials, std::string port, KeepAlive keep_alive)
    : host_(host),
      line_(line),
      tun_(tun),
      settings_(settings),
      port_(std::move(port)),
      random_(std::make_unique<ppp::SystemRandom>()) {
  // A Windows domain travels as DOMAIN\user, as RAS sends it to CHAP and MS-CHAPv2 peers.
  std::string user =
      credentials.domain.empty() ? credentials.user : credentials.domain + "\\" + credentials.user;
  ppp::SessionConfig config = session_config(settings);
  config.lcp.echo_interval = keep_alive.interval;
  config.lcp.echo_failures = keep_alive.failures;
  session_ = std::make_unique<ppp::Session>(
      config, ppp::Credentials(std::move(user), credentials.password),
      static_cast<ppp::SessionHost&>(*this), host.clock(), *random_);
}

PppLink::~PppLink() = default;

std::string PppLink::at(const std::string& what) const { return "port " + port_ + ": " + what; }

void PppLink::start() {
  std::fprintf(stderr, "openras-link: port %s: PPP starts\n", port_.c_str());
  session_->start();
  arm();
}

void PppLink::on_bytes(std::span<const uint8_t> bytes) {
  if (ended_) return;
  session_->feed(ppp::Bytes(bytes.data(), bytes.size()));
  arm();
}

void PppLink::on_line_writable() {
  flush_line();
  arm();
}

void PppLink::on_tun() {
  if (ended_ || closing_ || tun_ < 0) return;
  packet_.resize(65536);
  for (int i = 0; i < kTunBurst && pending_.size() - pending_from_ < kMaxPendingLine; ++i) {
    ssize_t n = ::read(tun_, packet_.data(), packet_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EAGAIN: drained
    auto sent = session_->send_ip(ppp::Bytes(packet_.data(), static_cast<std::size_t>(n)));
    if (!sent) ++dropped_from_tun_;  // a protocol not open, or larger than the peer's MRU
    if (ended_) return;
  }
  arm();
}

void PppLink::on_timer() {
  if (ended_) return;
  session_->on_timer(host_.clock().now());
  arm();
}

void PppLink::line_lost(const std::string& why) {
  if (ended_) return;
  if (closing_) {  // the hang-up is over without the peer's answer
    ended_ = true;
    host_.cancel_timer();
    std::fprintf(
        stderr, "openras-link: %s\n",
        at("hung up: the line went (" + why + ") before the peer's Terminate-Ack").c_str());
    return host_.finish();
  }
  session_->lower_down();  // LinkTerminated(kLowerLayerDown) ends the link
  if (!ended_) end(LinkFailure::kCarrierLost, at(why));
}

bool PppLink::close() {
  if (ended_ || closing_) return false;
  closing_ = true;  // no more reports: rasmand is gone
  host_.want_tun(false);
  session_->close("User request");  // LinkTerminated may come at once (LCP not yet up)
  flush_line();
  arm();
  return !ended_;
}

void PppLink::add_counters(LinkCounters& counters) const {
  ppp::SessionStats s = session_->stats();
  counters.bytes_sent += s.out.bytes;
  counters.bytes_received += s.in.bytes;
  counters.frames_sent += s.out.frames;
  counters.frames_received += s.in.frames;
  counters.crc_errors += static_cast<uint32_t>(s.in.crc_errors);
  counters.framing_errors += static_cast<uint32_t>(s.in.framing_errors + s.bad_headers);
  counters.buffer_overruns += static_cast<uint32_t>(s.in.overruns);
}

void PppLink::send_line(ppp::Bytes bytes) {
  if (pending_from_ == pending_.size()) {
    pending_.clear();
    pending_from_ = 0;
  }
  pending_.insert(pending_.end(), bytes.begin(), bytes.end());
  flush_line();
}

void PppLink::flush_line() {
  while (pending_from_ < pending_.size()) {
    std::string_view rest(reinterpret_cast<const char*>(pending_.data()) + pending_from_,
                          pending_.size() - pending_from_);
    auto n = modem::write_some(line_, rest);
    if (!n || *n == 0) break;  // full (or gone: the read side reports the hang-up)
    pending_from_ += *n;
    line_bytes_out_ += *n;
  }
  const bool backed_up = pending_from_ < pending_.size();
  host_.want_line_writable(backed_up);
  if (connected_ && !ended_ && tun_ >= 0) {
    host_.want_tun(pending_.size() - pending_from_ < kMaxPendingLine);
  }
}

void PppLink::receive_ip(uint16_t protocol, ppp::Bytes packet) {
  (void)protocol;
  if (tun_ < 0 || !connected_) return;  // rasmand has not configured the interface yet
  ssize_t n;
  do {
    n = ::write(tun_, packet.data(), packet.size());
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(packet.size())) ++dropped_to_tun_;
}

void PppLink::event(const ppp::Event& e) {
  if (ended_) return;
  // Hanging up, only the end matters: the Terminate-Ack (or Max-Terminate, or the line).
  if (closing_ && !std::holds_alternative<ppp::LinkTerminated>(e)) return;
  if (const auto* phase = std::get_if<ppp::PhaseChanged>(&e)) {
    if (phase->phase == ppp::Phase::kAuthenticate) (void)host_.report(RASCS_Authenticate);
    return;
  }
  if (const auto* started = std::get_if<ppp::AuthStarted>(&e)) {
    auth_ = started->protocol;
    std::fprintf(stderr, "openras-link: port %s: authenticating with %s\n", port_.c_str(),
                 ppp::auth_protocol_name(auth_));
    return;
  }
  if (const auto* ok = std::get_if<ppp::AuthSucceeded>(&e)) {
    std::fprintf(stderr, "openras-link: port %s: %s authentication succeeded%s%s\n", port_.c_str(),
                 ppp::auth_protocol_name(ok->protocol), ok->message.empty() ? "" : ": ",
                 ok->message.c_str());
    authenticated_ = true;
    (void)host_.report(RASCS_Authenticated);
    return;
  }
  if (const auto* bad = std::get_if<ppp::AuthFailed>(&e)) {
    // The peer's own words go to the log; LinkTerminated follows and ends the link.
    std::fprintf(stderr, "openras-link: port %s: %s authentication failed: \"%s\"\n", port_.c_str(),
                 ppp::auth_protocol_name(bad->protocol), bad->message.c_str());
    return;
  }
  if (std::holds_alternative<ppp::NetworkUp>(e)) {
    ipv4_up_ = true;
    return check_connected();
  }
  if (const auto* up6 = std::get_if<ppp::Ipv6Up>(&e)) {
    ipv6_up_ = true;
    ipv6_ = up6->ipv6;
    std::fprintf(stderr, "openras-link: port %s: IPv6 up: %s <-> %s%s\n", port_.c_str(),
                 link_local_text(ipv6_.local_id).c_str(), link_local_text(ipv6_.peer_id).c_str(),
                 connected_ ? " (after Connected)" : "");
    return check_connected();
  }
  if (const auto* down = std::get_if<ppp::LinkTerminated>(&e)) {
    std::string why = ppp::terminate_reason_name(down->reason);
    if (!down->message.empty()) why += ": \"" + down->message + "\"";
    return end(link_failure(down->reason), at("PPP ended: " + why));
  }
  if (std::holds_alternative<ppp::NetworkDown>(e)) check_connected();
}

// Connected as soon as IPCP opens (or, when IPv4 could not be had, IPV6CP): a peer that
// ignores IPV6CP — slirp does, without even a Protocol-Reject — must not hold the
// connection for IPV6CP's whole Max-Configure. An IPV6CP that opens later sends the
// projection again, and rasmand adds the IPv6 side to the interface then (and so would an
// IPCP that opened after Connected).
void PppLink::check_connected() {
  const bool ipv6 = (settings_.networks & kPppNetIpv6) != 0;
  if (connected_) {
    if ((ipv6_up_ && !ipv6_reported_) || (ipv4_up_ && !ipv4_reported_)) {
      ipv6_reported_ = ipv6_up_ || !ipv6;
      ipv4_reported_ = ipv4_up_;
      (void)host_.report_projection(projection());
    }
    return;
  }
  // IPv4 is settled when IPCP has given up. One that has opened is not: its NetworkUp may
  // still be queued behind IPV6CP's Ipv6Up, when both opened on the same bytes.
  const ppp::FsmState ipcp = session_->ipcp_state();
  const bool ipv4_settled = !negotiating(ipcp) && ipcp != ppp::FsmState::kOpened;
  if (!ipv4_up_ && !(ipv6_up_ && ipv4_settled)) return;  // LinkTerminated says why, if ever
  connected_ = true;
  ipv6_reported_ = ipv6_up_ || !ipv6;
  ipv4_reported_ = ipv4_up_;
  Projection p = projection();
  std::fprintf(stderr, "openras-link: port %s: network up: %s <-> %s, MTU %u\n", port_.c_str(),
               ipv4_text(session_->ipcp().local).c_str(),
               ipv4_text(session_->ipcp().remote).c_str(), p.mtu);
  if (!host_.report_projection(p) || !host_.report(RASCS_Projected) ||
      !host_.report(RASCS_Connected)) {
    return;
  }
  if (tun_ >= 0) host_.want_tun(true);
}

Projection PppLink::projection() const {
  Projection p;
  const ppp::IpcpResult& ip = session_->ipcp();
  if (ipv4_up_) {
    put_ipv4(p.ipv4_address, ip.local);
    put_ipv4(p.ipv4_server_address, ip.remote);
    put_ipv4(p.dns1, ip.dns1);
    put_ipv4(p.dns2, ip.dns2);
  } else {
    p.ipv4_error = ERROR_PPP_NO_PROTOCOLS_CONFIGURED;
  }
  if ((settings_.networks & kPppNetIpv6) == 0) {
    p.ipv6_error = ERROR_PROTOCOL_NOT_CONFIGURED;
  } else if (!ipv6_up_) {
    // Still negotiating, or given up on: the peer never agreed to IPv6.
    p.ipv6_error = negotiating(session_->ipv6cp_state()) ? ERROR_PROJECTION_NOT_COMPLETE
                                                         : ERROR_PPP_CP_REJECTED;
  } else {
    put_id(p.interface_id, ipv6_.local_id);
    put_id(p.server_interface_id, ipv6_.peer_id);
  }
  p.ccp_error = ERROR_PROTOCOL_NOT_CONFIGURED;  // we Protocol-Reject CCP
  p.auth_protocol = ras_auth(auth_, &p.auth_data);
  const ppp::LcpResult& lcp = session_->lcp();
  // Each side's options are how it sends: ours what the peer asked of us, the server's
  // what we asked of it and it agreed to.
  if (lcp.send_pfc) p.lcp_options |= RASLCPO_PFC;
  if (lcp.send_acfc) p.lcp_options |= RASLCPO_ACFC;
  if (lcp.receive_pfc) p.lcp_server_options |= RASLCPO_PFC;
  if (lcp.receive_acfc) p.lcp_server_options |= RASLCPO_ACFC;
  p.mtu = lcp.send_mru;
  return p;
}

void PppLink::end(LinkFailure failure, const std::string& why) {
  if (ended_) return;
  ended_ = true;
  flush_line();  // a Terminate-Ack or -Request still queued goes out first
  host_.cancel_timer();
  host_.want_tun(false);
  if (closing_) {  // the peer's Terminate-Ack came (Max-Terminate outlasts kHangUpGrace)
    std::fprintf(stderr, "openras-link: %s\n",
                 at("hung up: the peer acknowledged the Terminate-Request").c_str());
    return host_.finish();
  }
  // A connection that was up ends as Disconnected; a dial fails in the state it reached.
  uint32_t state = RASCS_AllDevicesConnected;
  if (connected_) {
    state = RASCS_Disconnected;
  } else if (failure == LinkFailure::kAuthenticationFailed ||
             (auth_ != ppp::AuthProtocol::kNone && !authenticated_)) {
    state = RASCS_Authenticate;
  }
  host_.fail(state, failure, why);
}

void PppLink::arm() {
  if (ended_) return;
  if (auto when = session_->next_deadline()) {
    host_.set_timer(*when);
  } else {
    host_.cancel_timer();
  }
}

}  // namespace openras::link
