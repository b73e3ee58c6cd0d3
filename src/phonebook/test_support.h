// test_support.h: shared set-up for the phone-book unit tests: a private root (so nothing
// touches the real /etc or home), the Caller for it, and the .pbk corpus files.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "base/caller.h"
#include "base/fs.h"
#include "phonebook/phonebook_file.h"
#include "support.h"

namespace openras::phonebook::testing {

// The source tree: OPENRAS_SOURCE_DIR, else the one this test was built from.
inline std::string source_dir() {
  const char* source = std::getenv("OPENRAS_SOURCE_DIR");
  return source && *source ? source : OPENRAS_TEST_SOURCE_DIR;
}

// A file of fuzz/corpus/pbk/.
inline std::string corpus_file(const std::string& name) {
  auto text = read_file(source_dir() + "/fuzz/corpus/pbk/" + name);
  EXPECT_TRUE(text) << "corpus file " << name << ": " << (text ? "" : text.error().message);
  return text ? *text : std::string();
}

class PrivateRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("OPENRAS_ROOT", dir_.path().c_str(), 1);
    auto paths = Paths::with_root(dir_.path());
    ASSERT_TRUE(paths) << paths.error().message;
    caller_ = std::make_unique<Caller>(Caller::for_user(*paths, ::geteuid()));
    ASSERT_TRUE(caller_->user_phonebook) << caller_->user_problem->message;
    clear_snapshot_cache();
  }
  void TearDown() override {
    ::unsetenv("OPENRAS_ROOT");
    clear_snapshot_cache();
  }
  // The same caller without administrator rights (what a normal user gets).
  [[nodiscard]] Caller user_caller() const {
    Caller user = *caller_;
    user.admin = false;
    return user;
  }
  [[nodiscard]] std::string all_users() const { return caller_->all_users_phonebook; }
  [[nodiscard]] std::string user_book() const { return *caller_->user_phonebook; }

  openras::testing::TempDir dir_;
  std::unique_ptr<Caller> caller_;
};

}  // namespace openras::phonebook::testing
