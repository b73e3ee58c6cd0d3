// Fuzz target: IPV6CP packets (src/ppp/ipv6cp.h) into an automaton that is negotiating,
// with a configured interface identifier or a random one (the input's parity). Input:
// packets, each preceded by a length byte.
#include "ppp/ipv6cp.h"
#include "ppp_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras::ppp;
  fuzz::Parts parts;
  Ipv6cpConfig config;
  config.interface_id = size % 2 ? 0x1122334455667788 : 0;
  Ipv6cp ipv6cp(config, parts.listener, parts.sink, parts.clock, parts.random);
  ipv6cp.fsm().open();
  ipv6cp.fsm().lower_up();
  fuzz::for_each_packet(data, size, [&](Bytes packet) { ipv6cp.fsm().input(packet); });
  return 0;
}
