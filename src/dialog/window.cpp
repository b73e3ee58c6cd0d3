// window.cpp: the handle table, each thread's queue, and the clocks.
#include "dialog/window.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace openras::dialog {

namespace {

struct Table {
  std::mutex mutex;
  std::unordered_map<uintptr_t, WindowPtr> windows;
  uintptr_t next = 0x10000;  // above MAKEINTRESOURCE range, never 0
  std::map<std::thread::id, std::weak_ptr<ThreadQueue>> queues;
};

Table& table() {
  static Table* t = new Table;  // lives for the process: windows may outlive main's locals
  return *t;
}

constexpr uintptr_t kDesktop = 0x10;

}  // namespace

HWND desktop_window() noexcept {
  return reinterpret_cast<HWND>(kDesktop);  // NOLINT: opaque number
}

WindowPtr create_window(ControlKind kind) {
  auto w = std::make_shared<Window>();
  w->kind = kind;
  w->thread = std::this_thread::get_id();
  (void)this_queue();  // a window's thread has a queue before anything is posted to it
  Table& t = table();
  std::lock_guard lock(t.mutex);
  t.next += 4;
  w->id = t.next;
  t.windows.emplace(w->id, w);
  return w;
}

WindowPtr find_window(HWND hwnd) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  auto it = t.windows.find(reinterpret_cast<uintptr_t>(hwnd));
  return it == t.windows.end() ? nullptr : it->second;
}

void remove_window(HWND hwnd) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  t.windows.erase(reinterpret_cast<uintptr_t>(hwnd));
}

WindowPtr own_window(HWND hwnd) {
  WindowPtr w = find_window(hwnd);
  if (!w) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return nullptr;
  }
  if (w->thread != std::this_thread::get_id()) {
    // Win32 would marshal; OpenRAS asks callers to use SendMessage/PostMessage instead.
    set_last_error(ERROR_ACCESS_DENIED);
    return nullptr;
  }
  return w;
}

std::vector<WindowPtr> thread_dialogs() {
  std::vector<WindowPtr> out;
  Table& t = table();
  std::lock_guard lock(t.mutex);
  for (auto& [id, w] : t.windows) {
    if (w->kind == ControlKind::kDialog && w->thread == std::this_thread::get_id() &&
        (w->style & WS_CHILD) == 0) {
      out.push_back(w);
    }
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a->id < b->id; });
  return out;
}

ThreadQueue::ThreadQueue() : thread(std::this_thread::get_id()) {
  wake_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
}

void ThreadQueue::wake() noexcept {
  uint64_t one = 1;
  if (wake_.get() >= 0) (void)!::write(wake_.get(), &one, sizeof one);
}

void ThreadQueue::drain_wake() noexcept {
  uint64_t value = 0;
  if (wake_.get() >= 0) (void)!::read(wake_.get(), &value, sizeof value);
}

ThreadQueue& this_queue() {
  thread_local std::shared_ptr<ThreadQueue> queue = [] {
    auto q = std::make_shared<ThreadQueue>();
    Table& t = table();
    std::lock_guard lock(t.mutex);
    t.queues[q->thread] = q;
    return q;
  }();
  return *queue;
}

std::shared_ptr<ThreadQueue> queue_of(std::thread::id thread) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  auto it = t.queues.find(thread);
  return it == t.queues.end() ? nullptr : it->second.lock();
}

void wake_all_queues() noexcept {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  for (auto& [id, weak] : t.queues) {
    if (auto q = weak.lock()) q->wake();
  }
}

LRESULT call_window(const WindowPtr& window, UINT message, WPARAM wparam, LPARAM lparam) {
  WNDPROC proc = window->proc;
  if (!proc) return 0;
  // The proc may destroy the window; `window` keeps the object alive meanwhile.
  return proc(window->handle(), message, wparam, lparam);
}

bool SystemClock::wait(std::optional<TimePoint> deadline, std::span<const int> fds) {
  std::vector<pollfd> pfds;
  for (int fd : fds) pfds.push_back(pollfd{fd, POLLIN, 0});
  int timeout = -1;
  if (deadline) {
    auto left = std::chrono::ceil<Milliseconds>(*deadline - now()).count();
    timeout = static_cast<int>(std::clamp<long long>(left, 0, 60'000));
  }
  (void)::poll(pfds.data(), pfds.size(), timeout);
  return true;
}

bool ManualClock::wait(std::optional<TimePoint> deadline, std::span<const int> fds) {
  std::vector<pollfd> pfds;
  for (int fd : fds) pfds.push_back(pollfd{fd, POLLIN, 0});
  if (::poll(pfds.data(), pfds.size(), 0) > 0) return true;
  if (!deadline) return false;
  if (*deadline > now_) now_ = *deadline;
  return true;
}

}  // namespace openras::dialog
