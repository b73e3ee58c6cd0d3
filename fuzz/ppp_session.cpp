// Fuzz target: a whole PPP session (src/ppp/session.h) fed line bytes, so every parser is
// reached the way a peer reaches it, through framing and the phase rules.
#include <algorithm>

#include "ppp/session.h"
#include "ppp_fuzz.h"

using namespace openras;
using namespace openras::ppp;

namespace {

class Host final : public SessionHost {
 public:
  void send_line(Bytes) override {}
  void receive_ip(uint16_t, Bytes) override {}
  void event(const Event&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  base::FakeClock clock;
  fuzz::CountingRandom random;
  Host host;
  SessionConfig config;
  config.ipv6 = size % 2 == 1;
  Session session(config, Credentials("user", "password"), host, clock, random);
  session.start();
  size_t pos = 0;
  while (pos < size) {
    size_t n = std::min<size_t>(size - pos, 64);
    session.feed(Bytes(data + pos, n));
    pos += n;
    clock.advance(std::chrono::milliseconds(500));
    session.on_timer(clock.now());
  }
  return 0;
}
