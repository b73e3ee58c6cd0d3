// test_support.h: helpers shared by the registry's unit tests.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <memory>
#include <string>

#include "base/paths.h"
#include "base/utf.h"
#include "support.h"

namespace openras::registry::testing {

// UTF-16LE bytes of `text` exactly as given (NULs included: L"a\0b\0"s).
inline std::string utf16(std::wstring_view text) {
  auto bytes = wide_to_utf16le(text);
  return bytes ? *bytes : std::string();
}

// A private root (a fresh, trusted directory) that OPENRAS_ROOT points at for the
// test's duration, so the Reg API and process_registry() use it.
class PrivateRoot : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("OPENRAS_ROOT", dir_.path().c_str(), 1);
    auto paths = Paths::with_root(dir_.path());
    ASSERT_TRUE(paths) << paths.error().message;
    paths_ = std::make_unique<Paths>(*paths);
  }
  void TearDown() override { ::unsetenv("OPENRAS_ROOT"); }

  [[nodiscard]] const Paths& paths() const { return *paths_; }
  [[nodiscard]] std::string hive() const { return paths_->machine_hive(); }
  [[nodiscard]] std::string file(const std::string& relative) const { return dir_.file(relative); }

  openras::testing::TempDir dir_;
  std::unique_ptr<Paths> paths_;
};

}  // namespace openras::registry::testing
