// Fuzz target: IPCP and IPV6CP packets (src/ppp/ipcp.h, ipv6cp.h). Input: packets, each
// preceded by a length byte; each goes to both protocols.
#include "ppp/ipcp.h"
#include "ppp/ipv6cp.h"
#include "ppp_fuzz.h"

using namespace openras;
using namespace openras::ppp;

namespace {

class Quiet final : public LayerListener {
 public:
  void layer_up(uint16_t) override {}
  void layer_down(uint16_t) override {}
  void layer_finished(uint16_t) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  base::FakeClock clock;
  fuzz::CountingRandom random;
  fuzz::NullSink sink;
  Quiet listener;
  IpcpConfig config;
  config.address = size % 2 ? 0x0A000005 : 0;
  Ipcp ipcp(config, listener, sink, clock);
  Ipv6cp ipv6cp(Ipv6cpConfig{}, listener, sink, clock, random);
  for (Fsm* f : {&ipcp.fsm(), &ipv6cp.fsm()}) {
    f->open();
    f->lower_up();
  }
  Reader in(Bytes(data, size));
  uint8_t n = 0;
  Bytes packet;
  while (in.u8(n) && in.bytes(n, packet)) {
    ipcp.fsm().input(packet);
    ipv6cp.fsm().input(packet);
  }
  return 0;
}
