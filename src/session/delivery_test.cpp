// delivery_test.cpp: a built-in dial's notifier runs where the session's delivery hook
// puts it (session.h's Delivery): here, on the test's own thread, which pumps a queue the
// way a dialog's UI thread would. Against a real rasmand server (in this process, on its
// own thread and socket under OPENRAS_ROOT) dialling a test device through openras-link.
// libopenras's connection to rasmand is process-wide, so each test needs a process of its
// own (ctest runs each alone).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/paths.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/test_support.h"
#include "session/session.h"
#include "support.h"

namespace openras {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The calls the hook was given, run only when the test pumps them.
struct Queue {
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<std::function<void()>> calls;

  void post(std::function<void()> call) {
    {
      std::lock_guard lock(mutex);
      calls.push_back(std::move(call));
    }
    cv.notify_all();
  }
  // The next call, or nothing when none came within the deadline.
  std::function<void()> next(std::chrono::seconds deadline) {
    std::unique_lock lock(mutex);
    if (!cv.wait_for(lock, deadline, [&] { return !calls.empty(); })) return {};
    auto call = std::move(calls.front());
    calls.pop_front();
    return call;
  }
};

// What the notifier saw: each state, and on which thread.
struct Seen {
  std::mutex mutex;
  std::vector<RASCONNSTATE> states;
  std::vector<std::thread::id> threads;
  DWORD error = 0;
};
Seen g_seen;

VOID WINAPI on_state(HRASCONN, UINT, RASCONNSTATE state, DWORD error, DWORD) {
  std::lock_guard lock(g_seen.mutex);
  g_seen.states.push_back(state);
  g_seen.threads.push_back(std::this_thread::get_id());
  if (error != 0) g_seen.error = error;
}

std::size_t seen_count() {
  std::lock_guard lock(g_seen.mutex);
  return g_seen.states.size();
}

TEST(SessionDelivery, ABuiltInDialsNotifierRunsWhereTheHookPutsIt) {
  testing::TempDir root;
  testing::write_file(root.path() + "/etc/openras/registry/HKLM.reg",
                      "Windows Registry Editor Version 5.00\r\n\r\n"
                      "[HKEY_LOCAL_MACHINE\\Software\\OpenRAS\\Devices\\Test0]\r\n"
                      "\"Type\"=\"test\"\r\n");
  ::setenv("OPENRAS_ROOT", root.path().c_str(), 1);
  auto paths = Paths::with_root(root.path());
  ASSERT_TRUE(paths) << paths.error().message;
  fs::create_directories(root.path() + "/run/openras");
  rasman::ServerThread server(*paths, paths->rasman_socket());

  Queue queue;
  session::Session& session = session::Session::instance();
  session.set_delivery([&queue](std::function<void()> call) { queue.post(std::move(call)); });

  dialer::EntryInfo entry;
  entry.name = L"Office";
  entry.phonebook = L"/etc/openras/pbk/rasphone.pbk";
  entry.device_type = L"test";
  entry.device_name = L"Test0";
  entry.phone_number = L"5550100";
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  HRASCONN handle = nullptr;
  ASSERT_EQ(session.dial_builtin(entry, params, 0, 1, reinterpret_cast<LPVOID>(&on_state), &handle),
            static_cast<DWORD>(ERROR_SUCCESS));
  ASSERT_NE(handle, nullptr);

  // The first state is handed to the hook, and nothing reaches the notifier until the
  // test runs what the hook was given.
  auto first = queue.next(10s);
  ASSERT_TRUE(first) << "no state reached the delivery hook";
  EXPECT_EQ(seen_count(), 0u) << "the notifier ran on the client's event thread, not the hook's";
  first();
  // Then every state, in order, until Connected, each on this thread.
  while (true) {
    {
      std::lock_guard lock(g_seen.mutex);
      if (!g_seen.states.empty() &&
          (g_seen.states.back() == RASCS_Connected || g_seen.error != 0)) {
        break;
      }
    }
    auto call = queue.next(10s);
    ASSERT_TRUE(call) << "the dial stopped before RASCS_Connected";
    call();
  }
  std::lock_guard lock(g_seen.mutex);
  EXPECT_EQ(g_seen.error, 0u);
  ASSERT_GE(g_seen.states.size(), 2u);
  EXPECT_EQ(g_seen.states.front(), RASCS_OpenPort);
  EXPECT_EQ(g_seen.states.back(), RASCS_Connected);
  EXPECT_TRUE(std::is_sorted(g_seen.states.begin(), g_seen.states.end())) << "states out of order";
  for (std::thread::id id : g_seen.threads) EXPECT_EQ(id, std::this_thread::get_id());

  session.set_delivery({});
  EXPECT_EQ(session.hang_up(handle), static_cast<DWORD>(ERROR_SUCCESS));
  ::unsetenv("OPENRAS_ROOT");
}

}  // namespace
}  // namespace openras
