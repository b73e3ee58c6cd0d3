// registry_watch_test.cpp: rasmand's registry watch on a private root, from before the
// hive's directory exists through writes, bursts, a hive that becomes untrusted, and
// files beside the hive that do not matter.
#include "rasman/registry_watch.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <string>
#include <vector>

#include "base/utf.h"
#include "registry/hive.h"
#include "registry/value_data.h"
#include "skip.h"
#include "support.h"

namespace openras::rasman {
namespace {

using namespace std::string_literals;

std::string utf16(std::wstring_view text) {
  auto bytes = wide_to_utf16le(text);
  return bytes ? *bytes : std::string();
}

class RegistryWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto paths = Paths::with_root(dir_.path());
    ASSERT_TRUE(paths) << paths.error().message;
    paths_ = std::make_unique<Paths>(*paths);
    ASSERT_GE(sd_event_new(&event_), 0);
    // A dialer the allow-list can take: in a directory only root can write (not /tmp).
    OPENRAS_SKIP_UNLESS(!trusted_.path().empty(), trusted_.reason());
    dialer_ = trusted_.path() + "/lib/dialer.so";
    testing::write_file(dialer_, "");
  }
  void TearDown() override {
    watch_.reset();
    sd_event_unref(event_);
  }

  void start() {
    auto watch = RegistryWatch::start(
        event_, *paths_, [this](RegistrySnapshot s) { seen_.push_back(std::move(s)); }, 50'000);
    ASSERT_TRUE(watch) << watch.error().message;
    watch_ = std::move(*watch);
  }

  // Runs the loop until `count` snapshots have arrived, or 3 s.
  bool pump_until(std::size_t count) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (seen_.size() < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      if (sd_event_run(event_, 100'000) < 0) return false;
    }
    return true;
  }
  // Runs the loop for `ms` whatever happens.
  void pump_for(int ms) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) sd_event_run(event_, 20'000);
  }

  void set(const std::wstring& key, const std::wstring& name, uint32_t type, std::string data) {
    registry::Hive hive(*paths_, registry::RootKey::kLocalMachine);
    auto path = registry::split_key_path(key);
    ASSERT_TRUE(path);
    ASSERT_TRUE(hive.modify([&](registry::Key& tree) -> Result<bool> {
      tree.ensure(*path).set_value(registry::Value{name, type, std::move(data)});
      return true;
    }));
  }
  void add_device(const std::wstring& name) {
    set(std::wstring(devices::kDevicesKey) + L"\\" + name, L"Type", registry::kRegSz,
        utf16(L"test\0"s));
  }
  void allow_dialer() {
    std::wstring path(dialer_.begin(), dialer_.end());
    set(std::wstring(registry::kRasmanParametersKey), std::wstring(registry::kCustomDllValue),
        registry::kRegMultiSz, utf16(path + L"\0\0"s));
  }

  testing::TempDir dir_;
  testing::TrustedDir trusted_;
  std::unique_ptr<Paths> paths_;
  sd_event* event_ = nullptr;
  std::unique_ptr<RegistryWatch> watch_;
  std::vector<RegistrySnapshot> seen_;
  std::string dialer_;
};

TEST_F(RegistryWatchTest, FollowsTheHiveFromBeforeItsDirectoryExists) {
  start();
  EXPECT_EQ(watch_->watched_directory(), dir_.path());
  allow_dialer();  // creates etc/openras/registry and the hive
  ASSERT_TRUE(pump_until(1));
  // The directories may appear in one burst or several; the last snapshot is what counts.
  pump_for(200);
  EXPECT_EQ(watch_->watched_directory(), dir_.file("etc/openras/registry"));
  EXPECT_EQ(seen_.back().allow_list.entries, std::vector<std::string>{dialer_});
  EXPECT_TRUE(seen_.back().devices.empty());
  EXPECT_TRUE(seen_.back().ignored.empty()) << seen_.back().ignored;

  std::size_t before = seen_.size();
  add_device(L"Test0");
  ASSERT_TRUE(pump_until(before + 1));
  ASSERT_EQ(seen_.back().devices.size(), 1u);
  EXPECT_EQ(seen_.back().devices[0].name, "Test0");
  EXPECT_EQ(seen_.back().allow_list.entries.size(), 1u);
}

TEST_F(RegistryWatchTest, ABurstOfWritesIsReadOnce) {
  allow_dialer();
  start();
  EXPECT_EQ(watch_->watched_directory(), dir_.file("etc/openras/registry"));
  for (int i = 0; i < 5; ++i) add_device(L"Test" + std::to_wstring(i));
  ASSERT_TRUE(pump_until(1));
  pump_for(200);
  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0].devices.size(), 5u);
}

TEST_F(RegistryWatchTest, AHiveThatBecameWritableByOthersAllowsNothing) {
  allow_dialer();
  add_device(L"Test0");
  RegistrySnapshot now = read_registry_snapshot(*paths_);
  EXPECT_EQ(now.allow_list.entries.size(), 1u);
  EXPECT_EQ(now.devices.size(), 1u);
  start();
  ASSERT_EQ(::chmod(paths_->machine_hive().c_str(), 0666), 0);
  ASSERT_TRUE(pump_until(1));
  EXPECT_TRUE(seen_[0].allow_list.entries.empty());
  EXPECT_TRUE(seen_[0].devices.empty());
  EXPECT_NE(seen_[0].ignored.find("not trusted"), std::string::npos) << seen_[0].ignored;
  // Made safe again, it counts again.
  ASSERT_EQ(::chmod(paths_->machine_hive().c_str(), 0644), 0);
  ASSERT_TRUE(pump_until(2));
  EXPECT_EQ(seen_[1].allow_list.entries.size(), 1u);
  EXPECT_TRUE(seen_[1].ignored.empty());
}

TEST_F(RegistryWatchTest, OtherFilesBesideTheHiveAreIgnoredAndDeletionIsSeen) {
  allow_dialer();
  start();
  testing::write_file(dir_.file("etc/openras/registry/notes.txt"), "x");
  pump_for(200);
  EXPECT_TRUE(seen_.empty());
  ASSERT_EQ(::unlink(paths_->machine_hive().c_str()), 0);
  ASSERT_TRUE(pump_until(1));
  EXPECT_TRUE(seen_[0].allow_list.entries.empty());
  EXPECT_TRUE(seen_[0].ignored.empty());  // no hive is an empty registry, not an ignored one
}

}  // namespace
}  // namespace openras::rasman
