// Fuzz target: PAP replies (src/ppp/auth.h). Input: packets, each preceded by a length byte,
// fed to a client that has sent its Authenticate-Request.
#include "ppp/auth.h"
#include "ppp_fuzz.h"

using namespace openras;
using namespace openras::ppp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  base::FakeClock clock;
  fuzz::CountingRandom random;
  fuzz::NullSink sink;
  fuzz::Quiet listener;
  AuthClient auth(listener, sink, clock, random);
  auth.start(AuthProtocol::kPap, Credentials("user", "password"));
  fuzz::for_each_packet(data, size, [&](Bytes packet) { auth.input(kProtoPap, packet); });
  return 0;
}
