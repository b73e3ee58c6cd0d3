// paths_test.cpp: root resolution and the file locations of DESIGN.md §5.
#include "base/paths.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

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

}  // namespace
}  // namespace openras
