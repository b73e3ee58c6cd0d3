// serial_test.cpp: the line layer on a real pseudo-terminal pair (the slave stands for the
// serial port, the master for the modem), and on a pipe (not a tty).
#include "modem/serial.h"

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "base/unique_fd.h"

namespace openras::modem {
namespace {

struct Pty {
  UniqueFd master;
  UniqueFd slave;
  Pty() {
    master.reset(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
    EXPECT_TRUE(master);
    EXPECT_EQ(::grantpt(master.get()), 0);
    EXPECT_EQ(::unlockpt(master.get()), 0);
    slave.reset(::open(::ptsname(master.get()), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
    EXPECT_TRUE(slave);
  }
};

TEST(Serial, FlowControlValues) {
  EXPECT_EQ(*parse_flow_control(""), FlowControl::kRtsCts);
  EXPECT_EQ(*parse_flow_control("RTSCTS"), FlowControl::kRtsCts);
  EXPECT_EQ(*parse_flow_control("xonxoff"), FlowControl::kXonXoff);
  EXPECT_EQ(*parse_flow_control("none"), FlowControl::kNone);
  auto bad = parse_flow_control("hardware");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("\"hardware\""), std::string::npos);
}

TEST(Serial, ConfiguresRawModeSpeedAndFlowControlOnAPty) {
  Pty pty;
  ASSERT_TRUE(configure_line(pty.slave.get(), {115200, FlowControl::kXonXoff}));
  termios t{};
  ASSERT_EQ(::tcgetattr(pty.slave.get(), &t), 0);
  EXPECT_EQ(::cfgetospeed(&t), static_cast<speed_t>(B115200));
  EXPECT_EQ(t.c_lflag & (ICANON | ECHO), 0u) << "raw";
  EXPECT_NE(t.c_iflag & IXON, 0u);
  EXPECT_NE(t.c_cflag & HUPCL, 0u);
  EXPECT_NE(t.c_cflag & CLOCAL, 0u) << "the carrier is ignored while dialing";
  ASSERT_TRUE(watch_carrier(pty.slave.get()));
  ASSERT_EQ(::tcgetattr(pty.slave.get(), &t), 0);
  EXPECT_EQ(t.c_cflag & CLOCAL, 0u);
  // Bytes pass unchanged both ways: no CR/LF translation, no echo.
  ASSERT_EQ(*write_some(pty.slave.get(), "ATZ\r"), 4u);
  char buf[16] = {};
  ASSERT_EQ(::read(pty.master.get(), buf, sizeof buf), 4);
  EXPECT_EQ(std::string(buf, 4), "ATZ\r");
  ASSERT_EQ(::write(pty.master.get(), "\r\nOK\r\n", 6), 6);
  auto got = read_some(pty.slave.get());
  ASSERT_TRUE(got && *got);
  EXPECT_EQ(**got, "\r\nOK\r\n");
}

TEST(Serial, RefusesAnUnknownSpeedAndANonTty) {
  Pty pty;
  auto odd = configure_line(pty.slave.get(), {12345, FlowControl::kNone});
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code, Errc::kNotSupported);
  EXPECT_NE(odd.error().message.find("12345"), std::string::npos);
  int p[2];
  ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
  UniqueFd r(p[0]), w(p[1]);
  auto pipe = configure_line(r.get(), {});
  ASSERT_FALSE(pipe);
  EXPECT_EQ(pipe.error().code, Errc::kInvalidArgument);
}

TEST(Serial, APtyHasNoModemLinesAndItsHangUpIsEof) {
  Pty pty;
  ASSERT_TRUE(configure_line(pty.slave.get(), {}));
  auto dtr = drop_dtr(pty.slave.get());
  ASSERT_TRUE(dtr) << dtr.error().message;
  EXPECT_EQ(*dtr, ModemLines::kUnsupported);
  EXPECT_FALSE(carrier(pty.slave.get()));
  auto nothing = read_some(pty.slave.get());
  ASSERT_TRUE(nothing && *nothing);
  EXPECT_TRUE((*nothing)->empty());
  pty.master.reset();  // the "modem" goes away
  auto gone = read_some(pty.slave.get());
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone) << "EOF/EIO reads as the line hung up";
}

}  // namespace
}  // namespace openras::modem
