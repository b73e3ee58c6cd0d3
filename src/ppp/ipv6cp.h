// ipv6cp.h: the IPv6 Control Protocol (RFC 5072): negotiates the two 64-bit interface
// identifiers the link-local addresses fe80::/64 are made from. Compression is rejected.
#pragma once

#include <cstdint>

#include "ppp/ipcp.h"
#include "ppp/random.h"

namespace openras::ppp {

struct Ipv6cpConfig {
  uint64_t interface_id = 0;  // 0: a random one
  FsmConfig fsm;
};

struct Ipv6cpResult {
  uint64_t local_id = 0;
  uint64_t peer_id = 0;
};

class Ipv6cp final : public FsmCallbacks {
 public:
  Ipv6cp(const Ipv6cpConfig& config, LayerListener& listener, PacketSink& sink,
         const base::Clock& clock, Random& random);

  [[nodiscard]] Fsm& fsm() { return fsm_; }
  [[nodiscard]] const Fsm& fsm() const { return fsm_; }
  [[nodiscard]] const Ipv6cpResult& result() const { return result_; }

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
  uint64_t random_id(uint64_t avoid);

  Ipv6cpConfig config_;
  LayerListener& listener_;
  Random& random_;
  Fsm fsm_;
  Ipv6cpResult result_;
  bool want_id_ = true;
  uint64_t id_ = 0;
};

}  // namespace openras::ppp
