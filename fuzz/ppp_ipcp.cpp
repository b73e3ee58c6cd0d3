// Fuzz target: IPCP packets (src/ppp/ipcp.h) into an automaton that is negotiating, with
// an address of its own configured or not (the input's parity). Input: packets, each
// preceded by a length byte.
#include "ppp/ipcp.h"
#include "ppp_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras::ppp;
  fuzz::Parts parts;
  IpcpConfig config;
  config.address = size % 2 ? 0x0A000005 : 0;
  Ipcp ipcp(config, parts.listener, parts.sink, parts.clock);
  ipcp.fsm().open();
  ipcp.fsm().lower_up();
  fuzz::for_each_packet(data, size, [&](Bytes packet) { ipcp.fsm().input(packet); });
  return 0;
}
