// fs_test.cpp: trust checks on descriptors, and crash-safe concurrent replacement.
#include "base/fs.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "skip.h"
#include "support.h"

namespace openras {
namespace {

class TrustTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(dir_.file("etc/openras/registry/HKLM.reg"), "hive");
    auto p = Paths::with_root(dir_.path());
    ASSERT_TRUE(p);
    paths_ = std::make_unique<Paths>(*p);
  }
  std::string hive() const { return dir_.file("etc/openras/registry/HKLM.reg"); }
  testing::TempDir dir_;
  std::unique_ptr<Paths> paths_;
};

TEST_F(TrustTest, TrustedFileOpensAndReads) {
  ::chmod(hive().c_str(), 0644);
  auto fd = open_trusted(*paths_, hive());
  ASSERT_TRUE(fd) << fd.error().message;
  auto content = read_all(fd->get());
  ASSERT_TRUE(content);
  EXPECT_EQ(*content, "hive");
}

TEST_F(TrustTest, GroupWritableFileIsRefused) {
  ::chmod(hive().c_str(), 0664);
  auto fd = open_trusted(*paths_, hive());
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().code, Errc::kAccessDenied);
  EXPECT_NE(fd.error().message.find("0664"), std::string::npos) << fd.error().message;
  EXPECT_NE(fd.error().message.find("chmod go-w"), std::string::npos);
}

TEST_F(TrustTest, WritableParentDirectoryIsRefused) {
  ::chmod(dir_.file("etc/openras").c_str(), 0777);
  auto fd = open_trusted(*paths_, hive());
  ASSERT_FALSE(fd);
  EXPECT_NE(fd.error().message.find(dir_.file("etc/openras") + " has mode 0777"), std::string::npos)
      << fd.error().message;
}

TEST_F(TrustTest, StickyWorldWritableRootIsRefused) {
  ::chmod(dir_.path().c_str(), 01777);
  auto fd = open_trusted(*paths_, hive());
  ::chmod(dir_.path().c_str(), 0755);
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().code, Errc::kAccessDenied);
}

TEST_F(TrustTest, SymlinkComponentIsRefused) {
  testing::write_file(dir_.file("elsewhere/HKLM.reg"), "evil");
  ASSERT_EQ(::symlink(dir_.file("elsewhere").c_str(), dir_.file("etc/link").c_str()), 0);
  auto fd = open_trusted(*paths_, dir_.file("etc/link/HKLM.reg"));
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().code, Errc::kAccessDenied);
  EXPECT_NE(fd.error().message.find("symbolic link"), std::string::npos);
}

TEST_F(TrustTest, MissingFileIsNotFound) {
  auto fd = open_trusted(*paths_, dir_.file("etc/openras/registry/none.reg"));
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().code, Errc::kNotFound);
}

TEST_F(TrustTest, FileOwnedByAnotherUserIsRefused) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to chown a file to another user");
  ASSERT_EQ(::chown(hive().c_str(), 65534, 65534), 0);
  auto fd = open_trusted(*paths_, hive());
  ASSERT_FALSE(fd);
  EXPECT_NE(fd.error().message.find("owned by uid 65534"), std::string::npos) << fd.error().message;
}

// A FIFO planted where a trusted file belongs fails at once instead of blocking the
// caller (rasmand's registry watch, a dial) until someone writes to it.
TEST_F(TrustTest, FifoInPlaceOfTheFileFailsWithoutBlocking) {
  ASSERT_EQ(::unlink(hive().c_str()), 0);
  ASSERT_EQ(::mkfifo(hive().c_str(), 0644), 0);
  auto fd = open_trusted(*paths_, hive());
  ASSERT_FALSE(fd);
  EXPECT_NE(fd.error().message.find("not a regular file"), std::string::npos) << fd.error().message;
  auto text = read_file(hive());
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().message.find("not a regular file"), std::string::npos);
}

TEST(ReadFile, DevicesAndOversizedInputAreRefusedNotExhausted) {
  auto zero = read_file("/dev/zero");
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().code, Errc::kInvalidArgument);
  testing::TempDir dir;
  testing::write_file(dir.file("big"), std::string(4096, 'x'));
  auto big = read_file(dir.file("big"), 1024);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("larger than"), std::string::npos) << big.error().message;
  UniqueFd pipe_read, pipe_write;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pipe_read.reset(fds[0]);
  pipe_write.reset(fds[1]);
  ASSERT_EQ(::write(pipe_write.get(), "0123456789", 10), 10);
  pipe_write.reset();
  auto streamed = read_all(pipe_read.get(), 5);
  ASSERT_FALSE(streamed) << "a stream past the bound is refused while it is read";
}

// The private root's own ancestors are checked from "/": a root-owned root inside a
// directory another user owns can be swapped by that user.
TEST(TrustAncestors, RootInsideAnotherUsersDirectoryIsRefused) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to chown a directory to another user");
  testing::TempDir dir;
  std::string home = dir.file("home");
  ASSERT_EQ(::mkdir(home.c_str(), 0755), 0);
  testing::write_file(home + "/root/etc/openras/registry/HKLM.reg", "hive");
  ASSERT_EQ(::chown(home.c_str(), 65534, 65534), 0);
  auto paths = Paths::with_root(home + "/root");
  ASSERT_TRUE(paths);
  auto fd = open_trusted(*paths, home + "/root/etc/openras/registry/HKLM.reg");
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().code, Errc::kAccessDenied);
  EXPECT_NE(fd.error().message.find("owned by uid 65534"), std::string::npos) << fd.error().message;
  ASSERT_EQ(::chown(home.c_str(), 0, 0), 0);
  EXPECT_TRUE(open_trusted(*paths, home + "/root/etc/openras/registry/HKLM.reg"))
      << "the same tree is trusted once root owns every ancestor";
  ASSERT_EQ(::chmod(home.c_str(), 0777), 0);
  EXPECT_FALSE(open_trusted(*paths, home + "/root/etc/openras/registry/HKLM.reg"))
      << "a world-writable ancestor that is not sticky";
  ASSERT_EQ(::chmod(home.c_str(), 01777), 0);
  EXPECT_TRUE(open_trusted(*paths, home + "/root/etc/openras/registry/HKLM.reg"))
      << "a sticky ancestor owned by root, as /tmp is";
  ::chmod(home.c_str(), 0755);
}

TEST(WriteLock, OnlyWritersCanOpenItAndAHolderIsNamed) {
  testing::TempDir dir;
  std::string path = dir.file(".f.wlock");
  auto first = take_write_lock(path);
  ASSERT_TRUE(first) << first.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  auto second = take_write_lock(path, std::chrono::milliseconds(100));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Errc::kTimeout);
  EXPECT_NE(second.error().message.find("process " + std::to_string(::getpid())), std::string::npos)
      << second.error().message;
  first->reset();
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto loose = take_write_lock(path, std::chrono::milliseconds(100));
  ASSERT_FALSE(loose) << "a lock file others could open is not used";
  EXPECT_EQ(loose.error().code, Errc::kAccessDenied);
}

TEST(FileTransaction, CreatesThenReplaces) {
  testing::TempDir dir;
  std::string path = dir.file("f.txt");
  {
    auto tx = FileTransaction::begin(path, 0640);
    ASSERT_TRUE(tx) << tx.error().message;
    EXPECT_FALSE(tx->current().has_value());
    ASSERT_TRUE(tx->commit("one"));
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  auto tx = FileTransaction::begin(path, 0600);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(tx->current().has_value());
  EXPECT_EQ(*tx->current(), "one");
  ASSERT_TRUE(tx->commit("two"));
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u) << "an existing file keeps its mode";
  EXPECT_EQ(*read_file(path), "two");
}

// Several processes incrementing one counter through transactions never lose an update.
TEST(FileTransaction, ConcurrentWritersLoseNothing) {
  testing::TempDir dir;
  std::string path = dir.file("counter");
  constexpr int kProcesses = 4;
  constexpr int kIncrements = 50;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      for (int i = 0; i < kIncrements; ++i) {
        auto tx = FileTransaction::begin(path, 0644);
        if (!tx) ::_exit(1);
        int value = tx->current() ? std::stoi(*tx->current()) : 0;
        if (!tx->commit(std::to_string(value + 1))) ::_exit(2);
      }
      ::_exit(0);
    }
  }
  for (int p = 0; p < kProcesses; ++p) {
    int status = 0;
    ::wait(&status);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(*read_file(path), std::to_string(kProcesses * kIncrements));
}

// A writer killed with SIGKILL at arbitrary moments leaves a complete file every time.
TEST(FileTransaction, KillAtAnyMomentLeavesAWholeFile) {
  testing::TempDir dir;
  std::string path = dir.file("data");
  auto version = [](int n) {
    return std::to_string(n) + ":" + std::string(200000, static_cast<char>('a' + n % 26));
  };
  {
    auto tx = FileTransaction::begin(path, 0644);
    ASSERT_TRUE(tx && tx->commit(version(0)));
  }
  for (int round = 0; round < 20; ++round) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      for (int n = 1;; ++n) {
        auto tx = FileTransaction::begin(path, 0644);
        if (!tx || !tx->commit(version(n))) ::_exit(1);
      }
    }
    ::usleep(static_cast<useconds_t>(1000 + round * 1500));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    auto content = read_file(path);
    ASSERT_TRUE(content);
    auto colon = content->find(':');
    ASSERT_NE(colon, std::string::npos);
    int n = std::stoi(content->substr(0, colon));
    EXPECT_EQ(*content, version(n)) << "torn file after kill in round " << round;
  }
}

}  // namespace
}  // namespace openras
