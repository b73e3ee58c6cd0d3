// path_watch_test.cpp: a PathWatch reports every change that concerns its path (a mode, a
// rename or replacement, a write, a creation, in any directory on the way) and nothing else,
// also across fork.
#include "base/path_watch.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <vector>

#include "support.h"

namespace openras {
namespace {

class PathWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::mkdir(dir_.file("a").c_str(), 0755), 0);
    ASSERT_EQ(::mkdir(dir_.file("a/b").c_str(), 0755), 0);
    testing::write_file(file(), "one");
  }
  std::string file() const { return dir_.file("a/b/f"); }
  std::shared_ptr<PathWatch> watch() {
    auto w = PathWatch::start(file());
    EXPECT_NE(w, nullptr);
    if (w) {
      EXPECT_TRUE(w->unchanged());
    }
    return w;
  }
  testing::TempDir dir_;
};

TEST_F(PathWatchTest, UnrelatedNamesInTheDirectoriesOnThePathAreIgnored) {
  auto w = watch();
  ASSERT_TRUE(w);
  testing::write_file(dir_.file("a/other"), "x");
  testing::write_file(dir_.file("a/b/sibling"), "x");
  ASSERT_EQ(::rename(dir_.file("a/b/sibling").c_str(), dir_.file("a/b/sibling2").c_str()), 0);
  ASSERT_EQ(::chmod(dir_.file("a/other").c_str(), 0600), 0);
  EXPECT_TRUE(w->unchanged());
}

TEST_F(PathWatchTest, ModeOfADirectoryOnThePath) {
  auto w = watch();
  ASSERT_TRUE(w);
  ASSERT_EQ(::chmod(dir_.file("a").c_str(), 0775), 0);
  EXPECT_FALSE(w->unchanged());
  EXPECT_FALSE(w->written());
  EXPECT_FALSE(w->unchanged()) << "a change stays reported";
}

TEST_F(PathWatchTest, ModeOfTheRootDirectoryOfTheWalk) {
  auto w = watch();
  ASSERT_TRUE(w);
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0700), 0);
  EXPECT_FALSE(w->unchanged());
}

TEST_F(PathWatchTest, FileReplacedByRename) {
  auto w = watch();
  ASSERT_TRUE(w);
  testing::write_file(dir_.file("a/b/new"), "two");
  ASSERT_EQ(::rename(dir_.file("a/b/new").c_str(), file().c_str()), 0);
  EXPECT_FALSE(w->unchanged());
}

TEST_F(PathWatchTest, FileWrittenInPlace) {
  auto w = watch();
  ASSERT_TRUE(w);
  int fd = ::open(file().c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::pwrite(fd, "t", 1, 0), 1);
  ::close(fd);
  EXPECT_FALSE(w->unchanged());
  EXPECT_TRUE(w->written());
}

TEST_F(PathWatchTest, DirectorySwappedForASymbolicLink) {
  auto w = watch();
  ASSERT_TRUE(w);
  ASSERT_EQ(::rename(dir_.file("a/b").c_str(), dir_.file("a/real").c_str()), 0);
  ASSERT_EQ(::symlink("real", dir_.file("a/b").c_str()), 0);
  EXPECT_FALSE(w->unchanged());
  // A path through a link cannot be watched as what it names: no watch, no cache.
  EXPECT_EQ(PathWatch::start(file()), nullptr);
}

TEST_F(PathWatchTest, AMissingFileReportsItsCreation) {
  std::string later = dir_.file("a/b/c/later");
  auto w = PathWatch::start(later);
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->unchanged());
  ASSERT_EQ(::mkdir(dir_.file("a/b/c").c_str(), 0755), 0);
  EXPECT_FALSE(w->unchanged());
}

TEST_F(PathWatchTest, OwnerOfTheFile) {
  if (::geteuid() != 0) GTEST_SKIP() << "chown needs root";
  auto w = watch();
  ASSERT_TRUE(w);
  ASSERT_EQ(::chown(file().c_str(), 65534, 65534), 0);
  EXPECT_FALSE(w->unchanged());
}

// A child never reads the parent's queue: its inherited watches report a change (it
// starts its own), and what it changes is still reported to the parent.
TEST_F(PathWatchTest, AForkedChildNeitherUsesNorDrainsTheParentsWatch) {
  auto w = watch();
  ASSERT_TRUE(w);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    bool inherited_reports = !w->unchanged();
    auto own = PathWatch::start(file());
    bool own_works = own && own->unchanged();
    ::chmod(dir_.file("a/b").c_str(), 0750);
    bool own_sees = own && !own->unchanged();
    _exit(inherited_reports && own_works && own_sees ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_FALSE(w->unchanged()) << "the child's chmod must reach the parent";
}

// A check runs on whatever thread asks (a dialer's worker, a notifier's): it must not need
// a deep stack. Measured on a stack of our own, filled with a pattern: the deepest byte a
// thread changed is how much of it the thread used, its start (glibc's descriptor and
// static TLS at the top) included, so the figure is compared with a thread that only
// returns.
std::size_t stack_used(PathWatch* watch) {
  constexpr std::size_t kStack = 256 * 1024;
  std::vector<unsigned char> stack(kStack, 0xA5);
  pthread_attr_t attr;
  if (::pthread_attr_init(&attr) != 0) return kStack;
  if (::pthread_attr_setstack(&attr, stack.data(), stack.size()) != 0) return kStack;
  pthread_t thread;
  int r = ::pthread_create(
      &thread, &attr,
      [](void* arg) -> void* {
        if (arg != nullptr) (void)static_cast<PathWatch*>(arg)->unchanged();
        return nullptr;
      },
      watch);
  ::pthread_attr_destroy(&attr);
  if (r != 0 || ::pthread_join(thread, nullptr) != 0) return kStack;
  std::size_t untouched = 0;  // from the low end, which a deep stack reaches last
  while (untouched < stack.size() && stack[untouched] == 0xA5) ++untouched;
  return stack.size() - untouched;
}

TEST_F(PathWatchTest, ACheckUsesLittleStack) {
  auto w = watch();
  ASSERT_TRUE(w);
  const std::size_t bare = stack_used(nullptr);
  const std::size_t checking = stack_used(w.get());
  EXPECT_TRUE(w->unchanged());
  // A few frames, with room for a sanitizer's redzones; a buffer of events on the stack
  // made it 16 KiB more.
  EXPECT_LT(checking, bare + 8 * 1024) << "a thread that checks used " << checking
                                       << " bytes of stack, one that only returns " << bare;
}

TEST_F(PathWatchTest, RelativeAndDotDotPathsAreNotWatched) {
  EXPECT_EQ(PathWatch::start("a/b/f"), nullptr);
  EXPECT_EQ(PathWatch::start(dir_.file("a/../a/b/f")), nullptr);
}

}  // namespace
}  // namespace openras
