// serial_port_test.cpp: rasmand's port opening on real ptys and files: the UUCP lock (taken,
// honoured, stale ones removed, released), TIOCEXCL, and each failure's type and message.
#include "rasman/serial_port.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support.h"

namespace openras::rasman {
namespace {

using link::LinkFailure;

struct Pty {
  UniqueFd master;
  std::string slave;
  Pty() {
    master.reset(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    EXPECT_TRUE(master);
    EXPECT_EQ(::grantpt(master.get()), 0);
    EXPECT_EQ(::unlockpt(master.get()), 0);
    slave = ::ptsname(master.get());
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

TEST(SerialPortLock, NamesFollowTheUucpConvention) {
  EXPECT_EQ(lock_name("/dev/ttyS0"), "LCK..ttyS0");
  EXPECT_EQ(lock_name("/dev/pts/3"), "LCK..pts_3");
  EXPECT_EQ(lock_name("/dev/ttyUSB0"), "LCK..ttyUSB0");
}

TEST(SerialPortOpen, LocksHoldsExclusivelyAndReleases) {
  testing::TempDir dir;
  auto paths = *Paths::with_root(dir.path());
  Pty pty;
  std::string lock;
  {
    auto port = SerialPort::open(paths, pty.slave);
    ASSERT_TRUE(port) << port.error().message;
    lock = (*port)->lock_path();
    EXPECT_EQ(lock, dir.path() + "/var/lock/" + lock_name(pty.slave));
    EXPECT_EQ(std::stoi(read_file(lock)), ::getpid()) << "the pid, in ASCII";
    int exclusive = 0;
    ASSERT_EQ(::ioctl((*port)->fd(), TIOCGEXCL, &exclusive), 0);
    EXPECT_EQ(exclusive, 1);
    EXPECT_EQ(::fcntl((*port)->fd(), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    // A second open while it is held: busy, naming the holder and the lock.
    auto again = SerialPort::open(paths, pty.slave);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().failure, LinkFailure::kPortBusy);
    EXPECT_NE(again.error().message.find(std::to_string(::getpid())), std::string::npos)
        << again.error().message;
    EXPECT_TRUE(exists(lock)) << "a refused open leaves the holder's lock alone";
  }
  EXPECT_FALSE(exists(lock)) << "released with the port";
  auto reopened = SerialPort::open(paths, pty.slave);
  ASSERT_TRUE(reopened) << reopened.error().message;
}

TEST(SerialPortOpen, AStaleLockOfADeadProcessIsRemoved) {
  testing::TempDir dir;
  auto paths = *Paths::with_root(dir.path());
  Pty pty;
  pid_t dead = ::fork();
  ASSERT_GE(dead, 0);
  if (dead == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(dead, nullptr, 0), dead);
  ASSERT_EQ(::mkdir((dir.path() + "/var").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((dir.path() + "/var/lock").c_str(), 0755), 0);
  std::string lock = dir.path() + "/var/lock/" + lock_name(pty.slave);
  std::ofstream(lock) << "      " << dead << "\n";
  auto port = SerialPort::open(paths, pty.slave);
  ASSERT_TRUE(port) << port.error().message;
  EXPECT_EQ(std::stoi(read_file(lock)), ::getpid());
}

// A holder killed and not yet reaped (a zombie, as a rasmand killed with -9 is until its
// parent waits for it) holds nothing.
TEST(SerialPortOpen, ALockOfAZombieIsStale) {
  testing::TempDir dir;
  auto paths = *Paths::with_root(dir.path());
  Pty pty;
  pid_t zombie = ::fork();
  ASSERT_GE(zombie, 0);
  if (zombie == 0) ::_exit(0);
  siginfo_t info{};  // wait until it is a zombie, without reaping it
  ASSERT_EQ(::waitid(P_PID, static_cast<id_t>(zombie), &info, WEXITED | WNOWAIT), 0);
  ASSERT_EQ(::mkdir((dir.path() + "/var").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((dir.path() + "/var/lock").c_str(), 0755), 0);
  std::string lock = dir.path() + "/var/lock/" + lock_name(pty.slave);
  std::ofstream(lock) << "      " << zombie << "\n";
  auto port = SerialPort::open(paths, pty.slave);
  EXPECT_TRUE(port) << port.error().message;
  EXPECT_EQ(::waitpid(zombie, nullptr, 0), zombie);
}

// A pty keeps TIOCEXCL after its holder is gone, while the master lives: with the holder's
// stale lock beside it, the flag is the dead holder's and the port opens.
TEST(SerialPortOpen, TheExclusiveFlagOfAHolderThatLeftAStaleLockIsCleared) {
  testing::TempDir dir;
  auto paths = *Paths::with_root(dir.path());
  Pty pty;
  {
    UniqueFd gone(::open(pty.slave.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
    ASSERT_TRUE(gone);
    ASSERT_EQ(::ioctl(gone.get(), TIOCEXCL), 0);
  }  // closed without TIOCNXCL, as a killed holder leaves it
  pid_t dead = ::fork();
  ASSERT_GE(dead, 0);
  if (dead == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(dead, nullptr, 0), dead);
  ASSERT_EQ(::mkdir((dir.path() + "/var").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((dir.path() + "/var/lock").c_str(), 0755), 0);
  std::ofstream(dir.path() + "/var/lock/" + lock_name(pty.slave)) << dead << "\n";
  auto port = SerialPort::open(paths, pty.slave);
  EXPECT_TRUE(port) << port.error().message;
}

TEST(SerialPortOpen, EachFailureIsTypedAndNamesThePort) {
  testing::TempDir dir;
  auto paths = *Paths::with_root(dir.path());
  auto missing = SerialPort::open(paths, "/dev/ttyNoSuchPort9");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().failure, LinkFailure::kPortNotFound);
  EXPECT_NE(missing.error().message.find("/dev/ttyNoSuchPort9"), std::string::npos);
  auto none = SerialPort::open(paths, "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().failure, LinkFailure::kPortNotFound);
  auto not_tty = SerialPort::open(paths, "/dev/null");
  ASSERT_FALSE(not_tty);
  EXPECT_EQ(not_tty.error().failure, LinkFailure::kPortUnusable);
  EXPECT_NE(not_tty.error().message.find("not a serial line"), std::string::npos);
  EXPECT_FALSE(exists(dir.path() + "/var/lock/LCK..null")) << "no lock left behind";
  // Another program holding the port with TIOCEXCL.
  Pty pty;
  UniqueFd other(::open(pty.slave.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
  ASSERT_TRUE(other);
  ASSERT_EQ(::ioctl(other.get(), TIOCEXCL), 0);
  // Root opens past TIOCEXCL and then sees the flag; anyone else gets EBUSY from open.
  auto held = SerialPort::open(paths, pty.slave);
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().failure, LinkFailure::kPortBusy);
  EXPECT_NE(held.error().message.find(pty.slave), std::string::npos);
  EXPECT_FALSE(exists(dir.path() + "/var/lock/" + lock_name(pty.slave)));
}

}  // namespace
}  // namespace openras::rasman
