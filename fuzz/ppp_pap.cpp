// Fuzz target: PAP replies (src/ppp/auth.h). Input: packets, each preceded by a length byte,
// fed to a client that has sent its Authenticate-Request.
#include "ppp_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras::ppp;
  fuzz::auth_target(AuthProtocol::kPap, kProtoPap, Credentials("user", "password"), data, size);
  return 0;
}
