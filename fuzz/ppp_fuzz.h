// ppp_fuzz.h: what the ppp_* fuzz targets share: a deterministic Random and sinks that
// swallow output (the parsers are what is under test, not what they send).
#pragma once

#include <cstdint>
#include <span>

#include <string>

#include "ppp/auth.h"
#include "ppp/ipcp.h"
#include "ppp/lcp.h"
#include "ppp/random.h"

namespace openras::ppp::fuzz {

class CountingRandom final : public Random {
 public:
  void fill(std::span<uint8_t> out) override {
    for (uint8_t& b : out) b = ++next_;
  }

 private:
  uint8_t next_ = 0x30;
};

class NullSink final : public PacketSink {
 public:
  size_t packets = 0;
  void send_packet(uint16_t, Bytes) override { ++packets; }
};

// Listeners that ignore everything.
class Quiet final : public LcpListener, public LayerListener, public AuthListener {
 public:
  void lcp_up() override {}
  void lcp_down() override {}
  void lcp_finished() override {}
  void lcp_protocol_rejected(uint16_t) override {}
  void lcp_dead_peer() override {}
  void lcp_loopback() override {}
  void layer_up(uint16_t) override {}
  void layer_down(uint16_t) override {}
  void layer_finished(uint16_t) override {}
  void auth_succeeded(AuthProtocol, std::string) override {}
  void auth_failed(AuthProtocol, AuthFailure, std::string) override {}
};

// What every packet-level target builds its parser from.
struct Parts {
  base::FakeClock clock;
  CountingRandom random;
  NullSink sink;
  Quiet listener;
};

// The input format of the packet-level targets: packets, each preceded by a length byte.
template <class F>
void for_each_packet(const uint8_t* data, size_t size, F&& fn) {
  Reader in(Bytes(data, size));
  uint8_t n = 0;
  Bytes packet;
  while (in.u8(n) && in.bytes(n, packet)) fn(packet);
}

// The PAP, CHAP-MD5 and MS-CHAPv2 targets: each packet to a client of `protocol` that has
// started (PAP: sent its request; CHAP: waits for a challenge).
inline void auth_target(AuthProtocol protocol, uint16_t ppp_protocol, Credentials credentials,
                        const uint8_t* data, size_t size) {
  Parts parts;
  AuthClient auth(parts.listener, parts.sink, parts.clock, parts.random);
  auth.start(protocol, std::move(credentials));
  for_each_packet(data, size, [&](Bytes packet) { auth.input(ppp_protocol, packet); });
}

}  // namespace openras::ppp::fuzz
