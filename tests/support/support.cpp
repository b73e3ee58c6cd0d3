// support.cpp: test helpers (see support.h and skip.h).
#include "support.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "skip.h"

namespace openras::testing {

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && (std::strcmp(ci, "true") == 0 || std::strcmp(ci, "1") == 0);
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/openras-test.XXXXXX";
  char* made = ::mkdtemp(pattern.data());
  if (!made) std::abort();
  path_ = made;
  ::chmod(path_.c_str(), 0755);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

namespace {

// Whether a directory and everything above it is owned by root or us and not writable by
// group or others.
bool chain_trusted(const std::string& dir, std::string& why) {
  std::filesystem::path p(dir);
  for (;;) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      why = p.string() + " is not a directory";
      return false;
    }
    if ((st.st_uid != 0 && st.st_uid != ::geteuid()) || (st.st_mode & (S_IWGRP | S_IWOTH))) {
      why = p.string() + " is writable by others or owned by another user";
      return false;
    }
    if (p == p.root_path()) return true;
    p = p.parent_path();
  }
}

}  // namespace

TrustedDir::TrustedDir() {
  std::string candidates[] = {::geteuid() == 0 ? "/var/lib" : "", OPENRAS_TEST_BUILD_DIR};
  for (const std::string& base : candidates) {
    std::string why;
    if (base.empty() || !chain_trusted(base, why)) {
      if (!why.empty()) reason_ += why + "; ";
      continue;
    }
    std::string pattern = base + "/openras-test.XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) continue;
    path_ = pattern;
    ::chmod(path_.c_str(), 0755);
    return;
  }
  reason_ = "no trusted location for dialers (" + reason_ + "run as root, or build outside /tmp)";
}

TrustedDir::~TrustedDir() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  ASSERT_TRUE(out) << "cannot write " << path;
  out << content;
}

void bound_receives(int fd, int seconds) {
  timeval tv{seconds, 0};
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) {
    ADD_FAILURE() << "SO_RCVTIMEO on fd " << fd << ": " << std::strerror(errno);
    std::abort();
  }
}

}  // namespace openras::testing
