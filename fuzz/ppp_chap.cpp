// Fuzz target: CHAP-MD5 challenges and verdicts (RFC 1994; src/ppp/auth.h) into a client
// waiting for its challenge. Input: packets, each preceded by a length byte.
#include "ppp_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras::ppp;
  fuzz::auth_target(AuthProtocol::kChapMd5, kProtoChap, Credentials("user", "password"), data,
                    size);
  return 0;
}
