#include "ppp/framing.h"

#include <gtest/gtest.h>

#include <random>
#include <tuple>

#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using test::hex;
using test::wire;
using Frames = std::vector<std::vector<uint8_t>>;

Frames decode(FrameDecoder& d, const std::vector<uint8_t>& line) {
  Frames out;
  d.feed(line, [&](Bytes f) { out.emplace_back(f.begin(), f.end()); });
  return out;
}

// The probe's first LCP Configure-Request exactly as it went out on the wire to slirp.
const char* kProbeRequestWire =
    "7e ff 7d 23 c0 21 7d 21 7d 21 7d 20 7d 34 7d 21 7d 24 7d 25 dc 7d 22 7d 26 7d 20 7d 20 7d "
    "20 7d 20 7d 25 7d 26 7d 3a 2b 3c 4d bb 7d 2e 7e";
const char* kProbeRequest = "01 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d";

TEST(Framing, EncodesTheTranscriptRequestByteForByte) {
  FrameEncoder e;
  std::vector<uint8_t> out;
  e.encode(0xC021, hex(kProbeRequest), out);
  EXPECT_EQ(out, hex(kProbeRequestWire));
  EXPECT_EQ(e.counters().frames, 1U);
  EXPECT_EQ(e.counters().bytes, out.size());
}

TEST(Framing, DecodesTheTranscriptRequest) {
  FrameDecoder d;
  Frames f = decode(d, hex(kProbeRequestWire));
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0], test::concat(hex("ff 03 c0 21"), hex(kProbeRequest)));
  FrameHeader h;
  ASSERT_TRUE(parse_frame_header(f[0], h));
  EXPECT_EQ(h.protocol, 0xC021);
  EXPECT_EQ(std::vector<uint8_t>(h.info.begin(), h.info.end()), hex(kProbeRequest));
}

TEST(Framing, DecodesSlirpFramesFedOneByteAtATime) {
  auto a = hex("ff 03 c0 21 01 01 00 12 01 04 05 dc 05 06 3e d8 82 09 07 02 08 02 39 5c");
  auto b = hex("ff 03 80 21 03 01 00 0a 03 06 0a 00 02 0f b4 67");
  auto line = test::concat(wire(a), wire(b));
  FrameDecoder d;
  Frames got;
  for (uint8_t c : line) {
    d.feed(Bytes(&c, 1), [&](Bytes f) { got.emplace_back(f.begin(), f.end()); });
  }
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(got[0], std::vector<uint8_t>(a.begin(), a.end() - 2));
  EXPECT_EQ(got[1], std::vector<uint8_t>(b.begin(), b.end() - 2));
  EXPECT_EQ(d.counters().frames, 2U);
}

TEST(Framing, SkipsSlirpsBannerBeforeTheFirstFlag) {
  auto frame = hex("ff 03 c0 21 06 99 00 04 4b ad");
  auto line = test::concat(test::bytes_of("SLiRP Ready ...\r\n"), wire(frame));
  FrameDecoder d;
  Frames f = decode(d, line);
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(d.counters().garbage_bytes, 17U);
  EXPECT_EQ(d.counters().crc_errors + d.counters().framing_errors, 0U);
}

TEST(Framing, CountsBadFcsAbortsAndRuntsAndRecovers) {
  auto good = hex("ff 03 c0 21 06 99 00 04 4b ad");
  auto bad = good;
  bad[5] = 0x98;
  std::vector<uint8_t> line = wire(bad);             // CRC error
  line = test::concat(line, hex("7e 41 42 7d 7e"));  // aborted by 7D 7E
  line = test::concat(line, hex("7e 41 7e"));        // runt: too short for any frame
  line = test::concat(line, hex("7e 7e 7e"));        // idle flags: not errors
  line = test::concat(line, wire(good));
  FrameDecoder d;
  Frames f = decode(d, line);
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(d.counters().crc_errors, 1U);
  EXPECT_EQ(d.counters().framing_errors, 2U);
  EXPECT_EQ(d.counters().frames, 1U);
}

TEST(Framing, EnforcesTheMruWithoutGrowingAndResynchronises) {
  FrameEncoder e;
  std::vector<uint8_t> line;
  e.encode(0x0021, std::vector<uint8_t>(200, 0x45), line);  // too long for MRU 64
  e.encode(0x0021, std::vector<uint8_t>(64, 0x46), line);   // exactly the MRU: fine
  FrameDecoder d(64);
  Frames f = decode(d, line);
  EXPECT_EQ(d.counters().overruns, 1U);
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].size(), 4U + 64U);
}

TEST(Framing, ReceiveAccmDropsInsertedControlCharacters) {
  auto frame = hex("ff 03 c0 21 06 99 00 04 4b ad");
  auto line = wire(frame);
  line.insert(line.begin() + 5, 0x11);  // XON inserted by a modem
  line.insert(line.begin() + 9, 0x13);  // XOFF
  FrameDecoder d;                       // default receive ACCM: all of 0x00-0x1F
  EXPECT_EQ(decode(d, line).size(), 1U);
  FrameDecoder zero;
  zero.set_receive_accm(0);  // now they are data, and the FCS fails
  EXPECT_EQ(decode(zero, line).size(), 0U);
  EXPECT_EQ(zero.counters().crc_errors, 1U);
}

TEST(Framing, SendAccmEscapesOnlyWhatTheMapSays) {
  std::vector<uint8_t> info{0x00, 0x11, 0x13, 0x1F, 0x7D, 0x7E, 0x20};
  FrameEncoder e;
  e.set_send_accm(0x000A0000);  // XON and XOFF only
  e.set_acfc(true);
  e.set_pfc(true);
  std::vector<uint8_t> out;
  e.encode(0x0021, info, out);
  // ACFC+PFC: header is just 21; 7D/7E are always escaped.
  std::vector<uint8_t> head(out.begin(), out.begin() + 12);
  EXPECT_EQ(head, hex("7e 21 00 7d 31 7d 33 1f 7d 5d 7d 5e"));
  FrameDecoder d;
  d.set_receive_accm(0x000A0000);
  Frames f = decode(d, out);
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0], test::concat(hex("21"), info));
}

TEST(Framing, LcpConfigurePacketsIgnoreNegotiatedOptions) {
  FrameEncoder e;
  e.set_send_accm(0);
  e.set_acfc(true);
  e.set_pfc(true);
  std::vector<uint8_t> out;
  e.encode(0xC021, hex(kProbeRequest), out);
  EXPECT_EQ(out, hex(kProbeRequestWire));
  out.clear();
  e.encode(0xC021, hex("09 01 00 08 00 00 00 01"), out);  // Echo-Request: options apply
  EXPECT_EQ(out[1], 0xC0);                                // no FF 03
  EXPECT_EQ(out[5], 0x00);                                // 0x00 not escaped with ACCM 0
}

TEST(Framing, ParsesCompressedAndRejectsBadHeaders) {
  FrameHeader h;
  ASSERT_TRUE(parse_frame_header(hex("21 45 00"), h));
  EXPECT_EQ(h.protocol, 0x21);
  ASSERT_TRUE(parse_frame_header(hex("80 21 01"), h));
  EXPECT_EQ(h.protocol, 0x8021);
  ASSERT_TRUE(parse_frame_header(hex("ff 03 00 21"), h));
  EXPECT_EQ(h.protocol, 0x21);
  EXPECT_TRUE(h.info.empty());
  EXPECT_FALSE(parse_frame_header(hex("ff 05 c0 21"), h));  // control must be 03
  EXPECT_FALSE(parse_frame_header(hex("c0 20"), h));        // protocol numbers are odd
  EXPECT_FALSE(parse_frame_header(hex("ff 03"), h));
  EXPECT_FALSE(parse_frame_header({}, h));
}

TEST(Framing, RoundTripsRandomPayloadsUnderRandomMapsAndBothFcs) {
  std::mt19937 rng(1662);
  for (int i = 0; i < 300; ++i) {
    std::vector<uint8_t> info(rng() % 300);
    for (auto& b : info) b = static_cast<uint8_t>(rng() % 4 == 0 ? 0x7D + rng() % 2 : rng());
    auto accm = static_cast<uint32_t>(rng());
    FcsKind fcs = i % 2 ? FcsKind::k32 : FcsKind::k16;
    FrameEncoder e;
    e.set_send_accm(accm);
    e.set_fcs(fcs);
    std::vector<uint8_t> line;
    e.encode(0x0021, info, line);
    FrameDecoder d;
    d.set_receive_accm(accm);
    d.set_fcs(fcs);
    Frames f = decode(d, line);
    ASSERT_EQ(f.size(), 1U) << i;
    ASSERT_EQ(f[0], test::concat(hex("ff 03 00 21"), info)) << i;
  }
}

// Noisy lines (random frames, some corrupted, control characters inserted, escapes split
// across reads) decode the same whether fed whole, byte by byte or in random pieces.
TEST(Framing, ChunkingNeverChangesTheResult) {
  std::mt19937 rng(1661);
  for (int round = 0; round < 50; ++round) {
    auto accm = static_cast<uint32_t>(rng());
    std::vector<uint8_t> line;
    FrameEncoder e;
    e.set_send_accm(accm);
    for (int f = 0; f < 6; ++f) {
      std::vector<uint8_t> info(rng() % 200);
      for (auto& b : info) b = static_cast<uint8_t>(rng() % 3 == 0 ? 0x7D + rng() % 2 : rng());
      e.encode(0x0021, info, line);
    }
    for (int k = 0; k < 8; ++k) {  // noise: map characters, stray escapes, flips
      size_t at = rng() % line.size();
      switch (rng() % 3) {
        case 0:
          line.insert(line.begin() + static_cast<long>(at), 0x11);
          break;
        case 1:
          line.insert(line.begin() + static_cast<long>(at), 0x7D);
          break;
        default:
          line[at] ^= 0x04;
          break;
      }
    }
    auto run = [&](auto&& chunker) {
      FrameDecoder d(120);
      d.set_receive_accm(accm & 0x000A0000U);
      Frames got;
      size_t pos = 0;
      while (pos < line.size()) {
        size_t n = std::min(chunker(), line.size() - pos);
        d.feed(Bytes(line.data() + pos, n), [&](Bytes f) { got.emplace_back(f.begin(), f.end()); });
        pos += n;
      }
      const FramingCounters& c = d.counters();
      return std::make_tuple(got, c.frames, c.crc_errors, c.framing_errors, c.overruns);
    };
    auto whole = run([&] { return line.size(); });
    EXPECT_EQ(run([] { return size_t{1}; }), whole) << round;
    EXPECT_EQ(run([&] { return size_t{1} + rng() % 13; }), whole) << round;
  }
}

TEST(Framing, EscapeSplitFromItsPartnerAndMapCharacterBetween) {
  FrameDecoder d;
  Frames got;
  auto sink = [&](Bytes f) { got.emplace_back(f.begin(), f.end()); };
  // ff 03 c0 21 06 99 00 04 4b ad, with "7D 11 23" for the 03 (XON between the two).
  auto a = hex("7e ff 7d");
  auto b = hex("11 23 c0 21 7d 26 99 7d 20 7d 24 4b ad 7e");
  d.feed(a, sink);
  d.feed(b, sink);
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0], hex("ff 03 c0 21 06 99 00 04"));
}

TEST(Framing, WorstCaseDoublesEveryByte) {
  FrameEncoder e;
  std::vector<uint8_t> out;
  e.encode(0x0021, std::vector<uint8_t>(1000, 0x7E), out);
  EXPECT_GE(out.size(), 2000U);
  FrameDecoder d;
  Frames f = decode(d, out);
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].size(), 1004U);
}

}  // namespace
}  // namespace openras::ppp
