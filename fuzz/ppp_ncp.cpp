// Fuzz target: IPCP and IPV6CP packets (src/ppp/ipcp.h, ipv6cp.h). Input: packets, each
// preceded by a length byte; each goes to both protocols.
#include "ppp/ipcp.h"
#include "ppp/ipv6cp.h"
#include "ppp_fuzz.h"

using namespace openras;
using namespace openras::ppp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  base::FakeClock clock;
  fuzz::CountingRandom random;
  fuzz::NullSink sink;
  fuzz::Quiet listener;
  IpcpConfig config;
  config.address = size % 2 ? 0x0A000005 : 0;
  Ipcp ipcp(config, listener, sink, clock);
  Ipv6cp ipv6cp(Ipv6cpConfig{}, listener, sink, clock, random);
  for (Fsm* f : {&ipcp.fsm(), &ipv6cp.fsm()}) {
    f->open();
    f->lower_up();
  }
  fuzz::for_each_packet(data, size, [&](Bytes packet) {
    ipcp.fsm().input(packet);
    ipv6cp.fsm().input(packet);
  });
  return 0;
}
