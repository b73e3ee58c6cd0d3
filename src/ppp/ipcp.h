// ipcp.h: the IP Control Protocol (RFC 1332) with the DNS options of RFC 1877.
//
// Asks for our address (a configured one, or 0.0.0.0 for the peer to assign) and the DNS
// servers; accepts the peer's address, and when the peer asks for 0.0.0.0 (slirp does: it
// has no address of its own) Naks it with a configured hint or pppd's well-known
// placeholder 10.64.64.64. IP-Compression (Van Jacobson) is always rejected: we neither
// compress nor decompress TCP headers. Addresses are host-order uint32_t.
#pragma once

#include <cstdint>
#include <optional>

#include "ppp/fsm.h"
#include "ppp/options.h"
#include "ppp/protocols.h"

namespace openras::ppp {

// What a network control protocol tells the session.
class LayerListener {
 public:
  virtual ~LayerListener() = default;
  virtual void layer_up(uint16_t protocol) = 0;
  virtual void layer_down(uint16_t protocol) = 0;
  virtual void layer_finished(uint16_t protocol) = 0;
};

// Why a network control protocol gave up on its own, beyond what the automaton knows.
enum class NcpFailure : uint8_t {
  kNone,
  kRequiredAddressRejected,  // the peer refused our configured address
  kNoAddressAssigned,        // the peer gave us no address
};

inline constexpr uint32_t kPlaceholderPeerAddress = 0x0A404040;  // 10.64.64.64

struct IpcpConfig {
  uint32_t address = 0;  // 0: the peer assigns one
  bool request_dns = true;
  uint32_t dns1 = 0;  // values to request (0: ask the peer)
  uint32_t dns2 = 0;
  std::optional<uint32_t> peer_address_hint;  // Nak'd into a peer's request for 0.0.0.0
  FsmConfig fsm;
};

struct IpcpResult {
  uint32_t local = 0;
  uint32_t remote = 0;
  uint32_t dns1 = 0;
  uint32_t dns2 = 0;
};

class Ipcp final : public FsmCallbacks {
 public:
  Ipcp(const IpcpConfig& config, LayerListener& listener, PacketSink& sink,
       const base::Clock& clock);

  [[nodiscard]] Fsm& fsm() { return fsm_; }
  [[nodiscard]] const Fsm& fsm() const { return fsm_; }
  [[nodiscard]] const IpcpResult& result() const { return result_; }
  [[nodiscard]] NcpFailure failure() const { return failure_; }

  void reset_ci() override;
  void add_ci(std::vector<uint8_t>& out) override;
  bool ack_ci(Reader options) override;
  bool nak_ci(Reader options) override;
  bool rej_ci(Reader options) override;
  ReqVerdict req_ci(Reader options, bool reject_if_disagree, std::vector<uint8_t>& reply) override;
  void up() override;
  void down() override;
  void finished() override;

 private:
  void give_up(NcpFailure why, const char* reason);

  IpcpConfig config_;
  LayerListener& listener_;
  Fsm fsm_;
  IpcpResult result_;
  NcpFailure failure_ = NcpFailure::kNone;
  bool want_address_ = true, want_dns1_ = true, want_dns2_ = true;
  uint32_t address_ = 0, dns1_ = 0, dns2_ = 0;
};

}  // namespace openras::ppp
