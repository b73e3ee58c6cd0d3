#include "ppp/fcs.h"

#include <gtest/gtest.h>

#include <random>

#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using test::hex;

TEST(Fcs, CheckValuesOfTheStandardCrcs) {
  auto digits = test::bytes_of("123456789");
  // CRC-16/X.25 and CRC-32 (ISO-HDLC) check values.
  EXPECT_EQ(fcs16(kFcs16Init, digits) ^ 0xFFFF, 0x906E);
  EXPECT_EQ(~fcs32(kFcs32Init, digits), 0xCBF43926U);
}

TEST(Fcs, TranscriptFramesCheckAsGood) {
  // Frames received from slirp and pppd (ppp-peers.md), FCS included.
  for (const char* raw : {
           "ff 03 c0 21 01 01 00 12 01 04 05 dc 05 06 3e d8 82 09 07 02 08 02 39 5c",
           "ff 03 c0 21 02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d 50 67",
           "ff 03 80 21 01 01 00 10 03 06 00 00 00 00 02 06 00 2d 0f 01 da a2",
           "ff 03 80 fd 01 01 00 04 07 3f",
           "ff 03 c0 21 01 01 00 14 02 06 00 00 00 00 05 06 70 cc 6e 88 07 02 08 02 b1 07",
           "ff 03 80 21 03 01 00 10 03 06 0a 00 03 02 81 06 0a 00 03 01 72 ba",
       }) {
    auto frame = hex(raw);
    EXPECT_EQ(fcs16(kFcs16Init, frame), kFcs16Good) << raw;
    EXPECT_EQ(fcs16_bytewise(kFcs16Init, frame), kFcs16Good) << raw;
    frame[4] ^= 1;
    EXPECT_NE(fcs16(kFcs16Init, frame), kFcs16Good) << raw;
  }
}

TEST(Fcs, SlicedEqualsBytewiseAtEveryLengthAndAlignment) {
  std::mt19937 rng(7);
  std::vector<uint8_t> data(300);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  for (size_t start = 0; start < 8; ++start) {
    for (size_t n = 0; n + start <= 140; ++n) {
      Bytes b(data.data() + start, n);
      uint16_t init = static_cast<uint16_t>(rng());
      ASSERT_EQ(fcs16(init, b), fcs16_bytewise(init, b)) << start << "+" << n;
    }
  }
}

TEST(Fcs, Fcs32OfAFrameWithItsFcsIsTheGoodValue) {
  auto data = test::bytes_of("\xff\x03\xc0\x21 any frame at all");
  uint32_t f = ~fcs32(kFcs32Init, data);
  for (int i = 0; i < 4; ++i) data.push_back(static_cast<uint8_t>(f >> (8 * i)));
  EXPECT_EQ(fcs32(kFcs32Init, data), kFcs32Good);
}

}  // namespace
}  // namespace openras::ppp
