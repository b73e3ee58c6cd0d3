// paths_test.cpp: root resolution and the file locations of DESIGN.md §5.
#include "base/paths.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include "skip.h"
#include "support.h"

namespace openras {
namespace {

TEST(Paths, SystemRootLocations) {
  auto p = Paths::with_root("/");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_FALSE(p->is_private());
  EXPECT_EQ(p->machine_hive(), "/etc/openras/registry/HKLM.reg");
  EXPECT_EQ(p->all_users_phonebook(), "/etc/openras/pbk/rasphone.pbk");
  EXPECT_EQ(p->rasman_socket(), "/run/openras/rasman.sock");
  EXPECT_EQ(p->credentials_dir(), "/var/lib/openras/credentials");
}

TEST(Paths, PrivateRootKeepsEverythingInside) {
  testing::TempDir dir;
  auto p = Paths::with_root(dir.path() + "/.");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_TRUE(p->is_private());
  EXPECT_EQ(p->root(), dir.path());
  EXPECT_EQ(p->machine_hive(), dir.path() + "/etc/openras/registry/HKLM.reg");
  auto user = p->user_phonebook(::getuid());
  ASSERT_TRUE(user) << user.error().message;
  EXPECT_EQ(user->rfind(dir.path() + "/home/", 0), 0u) << *user;
  EXPECT_NE(user->find("/.config/openras/pbk/rasphone.pbk"), std::string::npos);
  // The owner of a private root administers it.
  EXPECT_TRUE(p->caller_is_admin());
  EXPECT_TRUE(p->trusted_owner(::geteuid()));
  EXPECT_TRUE(p->trusted_owner(0));
}

TEST(Paths, RejectsRelativeAndMissingRoots) {
  auto relative = Paths::with_root("srv/ras");
  ASSERT_FALSE(relative);
  EXPECT_EQ(relative.error().code, Errc::kInvalidArgument);
  EXPECT_NE(relative.error().message.find("not an absolute path"), std::string::npos);
  auto missing = Paths::with_root("/nonexistent/openras-root");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::kNotFound);
}

TEST(Paths, EnvironmentRoot) {
  testing::TempDir dir;
  ::setenv("OPENRAS_ROOT", dir.path().c_str(), 1);
  auto p = Paths::from_environment();
  ::unsetenv("OPENRAS_ROOT");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->root(), dir.path());
  auto system = Paths::from_environment();
  ASSERT_TRUE(system);
  EXPECT_EQ(system->root(), "/");
}

TEST(Paths, XdgConfigHomeForTheCallerUnderTheSystemRoot) {
  ::setenv("XDG_CONFIG_HOME", "/xdg/conf", 1);
  auto p = Paths::with_root("/");
  ASSERT_TRUE(p);
  auto dir = p->user_config_dir(::getuid());
  ::unsetenv("XDG_CONFIG_HOME");
  ASSERT_TRUE(dir);
  EXPECT_EQ(*dir, "/xdg/conf/openras");
}

// Root does not adopt locations another user controls because its environment names them
// (sudo -E, a script): secure_getenv guards only set-id programs.
TEST(Paths, RootRefusesAnEnvironmentRootAnotherUserOwns) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to chown a directory to another user");
  testing::TempDir dir;
  ASSERT_EQ(::chown(dir.path().c_str(), 65534, 65534), 0);
  ::setenv("OPENRAS_ROOT", dir.path().c_str(), 1);
  auto p = Paths::from_environment();
  ASSERT_EQ(::chown(dir.path().c_str(), 0, 0), 0);
  auto mine = Paths::from_environment();
  ::unsetenv("OPENRAS_ROOT");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::kAccessDenied);
  EXPECT_NE(p.error().message.find("OPENRAS_ROOT=" + dir.path()), std::string::npos)
      << p.error().message;
  EXPECT_NE(p.error().message.find("owned by uid 65534"), std::string::npos) << p.error().message;
  EXPECT_TRUE(mine) << "the same root, once root's, is used";
  EXPECT_TRUE(Paths::with_root(dir.path()))
      << "an explicit root (rasmand --root) is the admin's choice";
}

// from_environment remembers its answer; a change of the root's owner or of a directory
// above it is seen by the very next call.
TEST(Paths, EnvironmentRootIsResolvedAgainAfterAChange) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to chown a directory to another user");
  testing::TempDir dir;
  std::string root = dir.path() + "/root";
  ASSERT_EQ(::mkdir(root.c_str(), 0755), 0);
  ::setenv("OPENRAS_ROOT", root.c_str(), 1);
  auto first = Paths::from_environment();
  auto warm = Paths::from_environment();
  ASSERT_EQ(::chown(root.c_str(), 65534, 65534), 0);
  auto theirs = Paths::from_environment();
  ASSERT_EQ(::chown(root.c_str(), 0, 0), 0);
  auto mine = Paths::from_environment();
  ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);
  auto open_above = Paths::from_environment();
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  ASSERT_EQ(::rename(root.c_str(), (dir.path() + "/moved").c_str()), 0);
  auto moved = Paths::from_environment();
  ::unsetenv("OPENRAS_ROOT");
  ASSERT_TRUE(first && warm && mine) << "a root of root's is used";
  ASSERT_FALSE(theirs) << "chown of the root";
  EXPECT_NE(theirs.error().message.find("owned by uid 65534"), std::string::npos);
  ASSERT_FALSE(open_above) << "chmod of a directory above it";
  EXPECT_NE(open_above.error().message.find("0777"), std::string::npos)
      << open_above.error().message;
  EXPECT_FALSE(moved) << "the root renamed away";
}

TEST(Paths, RootRefusesXdgConfigHomeAnotherUserControls) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to chown a directory to another user");
  testing::TempDir dir;
  std::string conf = dir.path() + "/conf";
  ASSERT_EQ(::mkdir(conf.c_str(), 0755), 0);
  ASSERT_EQ(::chown(conf.c_str(), 65534, 65534), 0);
  auto p = Paths::with_root("/");
  ASSERT_TRUE(p);
  ::setenv("XDG_CONFIG_HOME", conf.c_str(), 1);
  auto theirs = p->user_config_dir(::getuid());
  ::setenv("XDG_CONFIG_HOME", (conf + "/not/yet").c_str(), 1);
  auto below_theirs = p->user_config_dir(::getuid());
  ASSERT_EQ(::chown(conf.c_str(), 0, 0), 0);
  auto mine = p->user_config_dir(::getuid());
  ::unsetenv("XDG_CONFIG_HOME");
  ASSERT_FALSE(theirs);
  EXPECT_NE(theirs.error().message.find("XDG_CONFIG_HOME"), std::string::npos)
      << theirs.error().message;
  EXPECT_NE(theirs.error().message.find("owned by uid 65534"), std::string::npos)
      << theirs.error().message;
  EXPECT_FALSE(below_theirs) << "a directory still to be made inside theirs";
  ASSERT_TRUE(mine) << mine.error().message;
  EXPECT_EQ(*mine, conf + "/not/yet/openras");
}

}  // namespace
}  // namespace openras
