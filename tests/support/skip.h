// skip.h: skipping a test that needs something the machine lacks (root, a package).
// Locally the test is skipped with the reason; under CI=true a skip is a failure, so CI
// can never pass by skipping.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace openras::testing {
// True when running under CI (CI=true in the environment).
bool in_ci();
}  // namespace openras::testing

#define OPENRAS_SKIP_UNLESS(condition, reason)                                        \
  do {                                                                                \
    if (!(condition)) {                                                               \
      if (::openras::testing::in_ci()) FAIL() << "required in CI, but: " << (reason); \
      GTEST_SKIP() << (reason);                                                       \
    }                                                                                 \
  } while (0)
