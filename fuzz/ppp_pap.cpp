// Fuzz target: PAP replies (src/ppp/auth.h). Input: packets, each preceded by a length byte,
// fed to a client that has sent its Authenticate-Request.
#include "ppp/auth.h"
#include "ppp_fuzz.h"

using namespace openras;
using namespace openras::ppp;

namespace {

class Quiet final : public AuthListener {
 public:
  void auth_succeeded(AuthProtocol, std::string) override {}
  void auth_failed(AuthProtocol, AuthFailure, std::string) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  base::FakeClock clock;
  fuzz::CountingRandom random;
  fuzz::NullSink sink;
  Quiet listener;
  AuthClient auth(listener, sink, clock, random);
  auth.start(AuthProtocol::kPap, Credentials("user", "password"));
  Reader in(Bytes(data, size));
  uint8_t n = 0;
  Bytes packet;
  while (in.u8(n) && in.bytes(n, packet)) auth.input(kProtoPap, packet);
  return 0;
}
