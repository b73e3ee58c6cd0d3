// session_fixture.h: the fixture of the Session unit tests (session_test.cpp, and
// session_pppd_test.cpp with the regressions pppd in UML found): a host that records,
// our line decoded as the peer would see it, and frames built as a peer sends them.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <utility>
#include <vector>

#include "ppp/event_recorder.h"
#include "ppp/fcs.h"
#include "ppp/session.h"
#include "ppp/test_support.h"

namespace openras::ppp::test {

class Host final : public EventRecorder {
 public:
  std::vector<uint8_t> line;
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> ip;
  void send_line(Bytes b) override { line.insert(line.end(), b.begin(), b.end()); }
  void receive_ip(uint16_t p, Bytes b) override {
    ip.emplace_back(p, std::vector<uint8_t>(b.begin(), b.end()));
  }
};

// What the peer would see: our line bytes decoded (its receive ACCM is 0, so it takes
// unescaped control characters as data, and escaped ones as we meant them).
inline std::vector<SentPacket> frames_of(std::vector<uint8_t>& line) {
  FrameDecoder d;
  d.set_receive_accm(0);
  std::vector<SentPacket> out;
  d.feed(line, [&](Bytes f) {
    FrameHeader h;
    if (parse_frame_header(f, h)) out.push_back({h.protocol, {h.info.begin(), h.info.end()}});
  });
  line.clear();
  return out;
}

// A frame from the peer: full header, FCS-16, everything escaped.
inline std::vector<uint8_t> from_peer(uint16_t protocol, const std::vector<uint8_t>& info) {
  std::vector<uint8_t> raw{0xFF, 0x03, static_cast<uint8_t>(protocol >> 8),
                           static_cast<uint8_t>(protocol)};
  raw.insert(raw.end(), info.begin(), info.end());
  uint16_t f = fcs16(kFcs16Init, raw) ^ 0xFFFF;
  raw.push_back(static_cast<uint8_t>(f));
  raw.push_back(static_cast<uint8_t>(f >> 8));
  return wire(raw);
}

class SessionTest : public ::testing::Test {
 protected:
  base::FakeClock clock;
  ScriptedRandom random;
  Host host;
  SessionConfig config;
  std::unique_ptr<Session> session;

  void SetUp() override {
    config.lcp.pfc = config.lcp.acfc = false;  // as the probe
    config.ipcp.request_dns = false;
    config.ipcp.peer_address_hint = 0x0A000202;
  }
  void make(Credentials c = Credentials("testuser", "testpass")) {
    random.queue_u32(0x1A2B3C4D);
    session = std::make_unique<Session>(config, std::move(c), host, clock, random);
  }
  void feed(const std::vector<uint8_t>& b) { session->feed(b); }
  void feed_raw(const char* transcript_raw) { feed(wire(hex(transcript_raw))); }
  std::vector<SentPacket> sent() { return frames_of(host.line); }
  // Runs timers until the session has none left or `limit` passes.
  void run_timers(int limit = 100) {
    for (int i = 0; i < limit; ++i) {
      auto t = session->next_deadline();
      if (!t) return;
      clock.advance(*t - clock.now());
      session->on_timer(clock.now());
    }
  }
  // LCP up with slirp's plain request (no authentication).
  void open_lcp(const char* peer_request_raw =
                    "ff 03 c0 21 01 01 00 12 01 04 05 dc 05 06 0a a1 d6 8f 07 02 08 02 1a 16") {
    make();
    session->start();
    feed_raw(peer_request_raw);
    feed_raw("ff 03 c0 21 02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d 50 67");
    ASSERT_EQ(session->lcp_state(), FsmState::kOpened);
  }
  const LinkTerminated* terminated() const { return host.find<LinkTerminated>(); }
};

}  // namespace openras::ppp::test
