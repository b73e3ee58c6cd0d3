// events_test.cpp: CreateEvent / SetEvent / ResetEvent / WaitFor* / CloseHandle through
// the C functions, with real threads for the cases where waiting matters.
#include <gtest/gtest.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <thread>
#include <vector>

#include "windows.h"

namespace {

struct EventHandle {
  HANDLE h;
  explicit EventHandle(BOOL manual, BOOL initial = FALSE)
      : h(CreateEventW(nullptr, manual, initial, nullptr)) {}
  ~EventHandle() {
    if (h) CloseHandle(h);
  }
};

// Runs `wait` (an INFINITE wait: what is tested) on its own thread. If it has not returned
// within 10 s the test fails and the process ends, rather than the test hanging.
DWORD bounded(std::function<DWORD()> wait) {
  std::packaged_task<DWORD()> task(std::move(wait));
  std::future<DWORD> result = task.get_future();
  std::thread waiter(std::move(task));
  if (result.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    ADD_FAILURE() << "an INFINITE wait did not return within 10 s of its event being set";
    std::_Exit(1);
  }
  waiter.join();
  return result.get();
}

TEST(Events, AutoResetTakesTheSignalOnce) {
  EventHandle e(FALSE);
  ASSERT_NE(e.h, nullptr);
  EXPECT_EQ(WaitForSingleObject(e.h, 0), static_cast<DWORD>(WAIT_TIMEOUT));
  ASSERT_TRUE(SetEvent(e.h));
  ASSERT_TRUE(SetEvent(e.h));  // two sets before a wait are still one signal
  EXPECT_EQ(WaitForSingleObject(e.h, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  EXPECT_EQ(WaitForSingleObject(e.h, 0), static_cast<DWORD>(WAIT_TIMEOUT));
}

TEST(Events, ManualResetStaysSignalledUntilReset) {
  EventHandle e(TRUE, TRUE);
  ASSERT_NE(e.h, nullptr);
  EXPECT_EQ(WaitForSingleObject(e.h, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  EXPECT_EQ(WaitForSingleObject(e.h, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  ASSERT_TRUE(ResetEvent(e.h));
  EXPECT_EQ(WaitForSingleObject(e.h, 0), static_cast<DWORD>(WAIT_TIMEOUT));
}

TEST(Events, WaitReturnsWhenAnotherThreadSets) {
  EventHandle e(FALSE);
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    SetEvent(e.h);
  });
  EXPECT_EQ(bounded([&] { return WaitForSingleObject(e.h, INFINITE); }),
            static_cast<DWORD>(WAIT_OBJECT_0));
  setter.join();
}

TEST(Events, OneSetWakesExactlyOneAutoResetWaiter) {
  EventHandle e(FALSE);
  std::atomic<int> woken{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 4; ++i) {
    waiters.emplace_back([&] {
      if (WaitForSingleObject(e.h, 300) == WAIT_OBJECT_0) ++woken;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  SetEvent(e.h);
  for (auto& t : waiters) t.join();
  EXPECT_EQ(woken.load(), 1);
}

TEST(Events, WaitAnyReportsTheLowestSignalledIndex) {
  EventHandle a(FALSE), b(TRUE), c(FALSE);
  HANDLE list[] = {a.h, b.h, c.h};
  EXPECT_EQ(WaitForMultipleObjects(3, list, FALSE, 0), static_cast<DWORD>(WAIT_TIMEOUT));
  SetEvent(c.h);
  SetEvent(b.h);
  EXPECT_EQ(WaitForMultipleObjects(3, list, FALSE, 0), static_cast<DWORD>(WAIT_OBJECT_0 + 1));
  ResetEvent(b.h);
  EXPECT_EQ(WaitForMultipleObjects(3, list, FALSE, 0), static_cast<DWORD>(WAIT_OBJECT_0 + 2));
  EXPECT_EQ(WaitForSingleObject(c.h, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "taken by the wait";
}

TEST(Events, WaitAllTakesEveryAutoResetEventTogether) {
  EventHandle a(FALSE), b(FALSE), m(TRUE);
  HANDLE list[] = {a.h, b.h, m.h};
  SetEvent(a.h);
  SetEvent(m.h);
  EXPECT_EQ(WaitForMultipleObjects(3, list, TRUE, 20), static_cast<DWORD>(WAIT_TIMEOUT));
  // b's absence must not have cost a its signal.
  EXPECT_EQ(WaitForSingleObject(a.h, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  SetEvent(a.h);
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    SetEvent(b.h);
  });
  EXPECT_EQ(bounded([&] { return WaitForMultipleObjects(3, list, TRUE, INFINITE); }),
            static_cast<DWORD>(WAIT_OBJECT_0));
  setter.join();
  EXPECT_EQ(WaitForSingleObject(a.h, 0), static_cast<DWORD>(WAIT_TIMEOUT));
  EXPECT_EQ(WaitForSingleObject(b.h, 0), static_cast<DWORD>(WAIT_TIMEOUT));
  EXPECT_EQ(WaitForSingleObject(m.h, 0), static_cast<DWORD>(WAIT_OBJECT_0)) << "manual stays set";
}

TEST(Events, BadArgumentsSetTheLastError) {
  EventHandle a(FALSE);
  SetLastError(0);
  EXPECT_EQ(WaitForSingleObject(reinterpret_cast<HANDLE>(0x1234), 0), WAIT_FAILED);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
  EXPECT_FALSE(SetEvent(nullptr));
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
  HANDLE twice[] = {a.h, a.h};
  EXPECT_EQ(WaitForMultipleObjects(2, twice, TRUE, 0), WAIT_FAILED);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(WaitForMultipleObjects(0, twice, FALSE, 0), WAIT_FAILED);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(CreateEventW(nullptr, FALSE, FALSE, L"Global\\named"), nullptr);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_SUPPORTED));
  EXPECT_EQ(CreateEventA(nullptr, FALSE, FALSE, "named"), nullptr);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_SUPPORTED));
}

TEST(Events, ClosedHandlesAreInvalid) {
  HANDLE h = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  ASSERT_NE(h, nullptr);
  ASSERT_TRUE(CloseHandle(h));
  EXPECT_FALSE(CloseHandle(h));
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
  EXPECT_EQ(OpenRasEventFd(h), -1);
}

TEST(Events, TheDescriptorIsReadableWhileSignalled) {
  EventHandle e(TRUE);
  int fd = OpenRasEventFd(e.h);
  ASSERT_GE(fd, 0);
  struct pollfd p {
    fd, POLLIN, 0
  };
  EXPECT_EQ(poll(&p, 1, 0), 0);
  SetEvent(e.h);
  EXPECT_EQ(poll(&p, 1, 0), 1);
  ResetEvent(e.h);
  EXPECT_EQ(poll(&p, 1, 0), 0);
}

TEST(Events, LastErrorIsPerThread) {
  SetLastError(1234);
  std::thread other([] {
    EXPECT_EQ(GetLastError(), 0u);
    SetLastError(5);
  });
  other.join();
  EXPECT_EQ(GetLastError(), 1234u);
}

}  // namespace
