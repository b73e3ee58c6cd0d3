// Fuzz target: CHAP challenges and verdicts for CHAP-MD5 and MS-CHAPv2 (src/ppp/auth.h).
// Input: packets, each preceded by a length byte, fed to a client of each kind.
#include "ppp/auth.h"
#include "ppp_fuzz.h"

using namespace openras;
using namespace openras::ppp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  base::FakeClock clock;
  fuzz::CountingRandom random;
  fuzz::NullSink sink;
  fuzz::Quiet listener;
  AuthClient md5(listener, sink, clock, random);
  AuthClient mschap(listener, sink, clock, random);
  md5.start(AuthProtocol::kChapMd5, Credentials("user", "password"));
  mschap.start(AuthProtocol::kMsChapV2, Credentials("DOMAIN\\user", "pässword"));
  fuzz::for_each_packet(data, size, [&](Bytes packet) {
    md5.input(kProtoChap, packet);
    mschap.input(kProtoChap, packet);
  });
  return 0;
}
