// statistics_test.cpp: what rasmand accepts of a link's counters and projection, and the
// baseline arithmetic of ClearStatistics.
#include "rasman/statistics.h"

#include <gtest/gtest.h>

#include "ras.h"

namespace openras::rasman {
namespace {

link::LinkCounters counters(uint64_t bytes, uint32_t errors) {
  link::LinkCounters c;
  c.bytes_sent = bytes;
  c.bytes_received = 2 * bytes;
  c.frames_sent = bytes / 10;
  c.frames_received = bytes / 5;
  c.crc_errors = errors;
  c.timeout_errors = errors + 1;
  c.alignment_errors = errors;
  c.hardware_overruns = errors;
  c.framing_errors = errors;
  c.buffer_overruns = errors;
  return c;
}

TEST(LinkStatistics, SinceBaselineSubtractsEveryCounter) {
  link::LinkCounters now = counters(5000, 7);
  now.compression_ratio_in = 40;
  now.compression_ratio_out = 25;
  link::LinkCounters base = counters(1000, 2);
  base.compression_ratio_in = 10;
  auto d = since_baseline(now, base);
  EXPECT_EQ(d.bytes_sent, 4000u);
  EXPECT_EQ(d.bytes_received, 8000u);
  EXPECT_EQ(d.frames_sent, 400u);
  EXPECT_EQ(d.frames_received, 800u);
  EXPECT_EQ(d.crc_errors, 5u);
  EXPECT_EQ(d.timeout_errors, 5u);
  EXPECT_EQ(d.buffer_overruns, 5u);
  // Ratios describe the present, not a count since the baseline.
  EXPECT_EQ(d.compression_ratio_in, 40u);
  EXPECT_EQ(d.compression_ratio_out, 25u);
  EXPECT_EQ(since_baseline(now, now), (link::LinkCounters{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 25}));
  EXPECT_EQ(since_baseline(now, link::LinkCounters{}), now);
  // A baseline above the counters (never from a link that passed check_counters) floors at 0.
  EXPECT_EQ(since_baseline(base, now).bytes_sent, 0u);
  link::LinkCounters huge;
  huge.bytes_sent = UINT64_MAX;
  EXPECT_EQ(since_baseline(huge, link::LinkCounters{}).bytes_sent, UINT64_MAX);
}

TEST(LinkStatistics, CountersOnlyGrowAndRatiosAreBounded) {
  EXPECT_TRUE(check_counters(link::LinkCounters{}, link::LinkCounters{}));
  EXPECT_TRUE(check_counters(counters(10, 1), counters(20, 1)));
  auto back = check_counters(counters(20, 1), counters(10, 1));
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().code, Errc::kInvalidData);
  EXPECT_NE(back.error().message.find("bytes sent went back from 20 to 10"), std::string::npos)
      << back.error().message;
  link::LinkCounters fewer_errors = counters(20, 0);
  EXPECT_FALSE(check_counters(counters(20, 3), fewer_errors));
  link::LinkCounters ratio;
  ratio.compression_ratio_out = kMaxCompressionRatio;
  EXPECT_TRUE(check_counters({}, ratio));
  ratio.compression_ratio_out = kMaxCompressionRatio + 1;
  EXPECT_FALSE(check_counters({}, ratio));
}

TEST(LinkStatistics, ProjectionsNameKnownAuthenticationProtocols) {
  link::Projection p;
  EXPECT_TRUE(check_projection(p));
  for (uint32_t protocol : {uint32_t{RASLCPAP_PAP}, uint32_t{RASLCPAP_SPAP},
                            uint32_t{RASLCPAP_CHAP}, uint32_t{RASLCPAP_EAP}}) {
    p.auth_protocol = protocol;
    p.server_auth_protocol = protocol;
    EXPECT_TRUE(check_projection(p)) << protocol;
  }
  p.server_auth_protocol = 0xC021;  // LCP, not an authentication protocol
  EXPECT_FALSE(check_projection(p));
}

}  // namespace
}  // namespace openras::rasman
