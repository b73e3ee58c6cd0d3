// unique_fd.h: move-only owners for OS resources (file descriptors, dlopen handles) and
// ScopeExit. Everything OpenRAS opens is O_CLOEXEC; these make sure it is also closed.
#pragma once

#include <dlfcn.h>
#include <unistd.h>

#include <utility>

namespace openras {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  [[nodiscard]] int get() const noexcept { return fd_; }
  [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
  [[nodiscard]] int release() noexcept { return std::exchange(fd_, -1); }
  void reset(int fd = -1) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// Owns a handle from dlopen(); dlclose() on destruction.
class DlHandle {
 public:
  DlHandle() = default;
  explicit DlHandle(void* handle) noexcept : handle_(handle) {}
  DlHandle(DlHandle&& other) noexcept : handle_(other.release()) {}
  DlHandle& operator=(DlHandle&& other) noexcept {
    reset(other.release());
    return *this;
  }
  DlHandle(const DlHandle&) = delete;
  DlHandle& operator=(const DlHandle&) = delete;
  ~DlHandle() { reset(); }

  [[nodiscard]] void* get() const noexcept { return handle_; }
  [[nodiscard]] explicit operator bool() const noexcept { return handle_ != nullptr; }
  [[nodiscard]] void* release() noexcept { return std::exchange(handle_, nullptr); }
  void reset(void* handle = nullptr) noexcept {
    if (handle_) ::dlclose(handle_);
    handle_ = handle;
  }

 private:
  void* handle_ = nullptr;
};

// Runs a function when the scope ends, unless dismissed.
template <class F>
class ScopeExit {
 public:
  explicit ScopeExit(F f) noexcept : f_(std::move(f)) {}
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;
  ~ScopeExit() {
    if (armed_) f_();
  }
  void dismiss() noexcept { armed_ = false; }

 private:
  F f_;
  bool armed_ = true;
};

}  // namespace openras
