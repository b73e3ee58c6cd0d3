// Fuzz target: LCP packets (src/ppp/lcp.h) into an automaton that is negotiating and into
// one that is Opened (where Echo, Protocol-Reject and Discard are read). Input: packets,
// each preceded by a length byte.
#include "ppp/lcp.h"
#include "ppp_fuzz.h"

using namespace openras;
using namespace openras::ppp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Parts parts;
  auto& clock = parts.clock;
  LcpConfig config;
  config.echo_interval = std::chrono::seconds(1);
  Lcp negotiating(config, parts.listener, parts.sink, clock, parts.random);
  negotiating.fsm().open();
  negotiating.fsm().lower_up();
  Lcp opened(config, parts.listener, parts.sink, clock, parts.random);
  opened.fsm().open();
  opened.fsm().lower_up();
  opened.fsm().input(std::vector<uint8_t>{1, 1, 0, 4});  // an empty request: Acked
  std::vector<uint8_t> ack{2, 1, 0, 4};
  {
    std::vector<uint8_t> ours;
    opened.add_ci(ours);
    ack.insert(ack.end(), ours.begin(), ours.end());
    ack[3] = static_cast<uint8_t>(4 + ours.size());
  }
  opened.fsm().input(ack);
  fuzz::for_each_packet(data, size, [&](Bytes packet) {
    negotiating.fsm().input(packet);
    opened.fsm().input(packet);
    clock.advance(std::chrono::milliseconds(700));
    negotiating.on_timer(clock.now());
    opened.on_timer(clock.now());
  });
  return 0;
}
