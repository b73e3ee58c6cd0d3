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
  [[nodiscard]] std::string file(const std::string& relative) const {
    return path_ + "/" + relative;
  }

 private:
  std::string path_;
};

// A fresh directory where files can be trusted for privileged use: every directory from
// "/" down to it owned by root or the caller and not writable by group or others (never
// under /tmp, which is world-writable). As root that is under /var/lib; otherwise under
// the build tree, if that qualifies. path() is empty when no such place exists (callers
// skip with reason()). Removed with its contents on destruction.
class TrustedDir {
 public:
  TrustedDir();
  ~TrustedDir();
  TrustedDir(const TrustedDir&) = delete;
  TrustedDir& operator=(const TrustedDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

// Writes `content` to `path`, creating parent directories. Aborts the test on failure.
void write_file(const std::string& path, const std::string& content);

// Bounds every blocking receive on the test's own end of a socket (SO_RCVTIMEO): a peer
// that never answers makes recv fail with EAGAIN after `seconds`, and the test fail,
// instead of the test hanging. Aborts the test if the option cannot be set.
void bound_receives(int fd, int seconds = 10);

}  // namespace openras::testing
