// Fuzz target: MS-CHAPv2 challenges and verdicts (RFC 2759; src/ppp/auth.h), the Success
// message's authenticator response (S=...) checked against ours, into a client waiting
// for its challenge. Input: packets, each preceded by a length byte.
#include "ppp_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras::ppp;
  fuzz::auth_target(AuthProtocol::kMsChapV2, kProtoChap, Credentials("DOMAIN\\user", "pässword"),
                    data, size);
  return 0;
}
