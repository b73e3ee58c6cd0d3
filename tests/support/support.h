// support.h: helpers for OpenRAS unit tests: scratch directories and private roots.
#pragma once

#include <string>

namespace openras::testing {

// A fresh directory under $TMPDIR (mode 0755), removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string file(const std::string& relative) const { return path_ + "/" + relative; }

 private:
  std::string path_;
};

// Writes `content` to `path`, creating parent directories. Aborts the test on failure.
void write_file(const std::string& path, const std::string& content);

}  // namespace openras::testing
