// server_test.cpp: rasmand's server and the client library together, in one process: the
// server runs its own sd-event loop on a thread, the client connects over a real socket.
// (Two users, kill -9 and restarts are in tests/e2e/rasman*.sh.)
#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "devices/devices.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/client.h"
#include "rasman/server.h"
#include "rasman/test_support.h"
#include "registry/hive.h"
#include "registry/value_data.h"
#include "support.h"

namespace openras::rasman {
namespace {

// Collects a client's events for the test thread.
struct Events {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Event> seen;
  void add(const Event& e) {
    std::lock_guard lock(mutex);
    seen.push_back(e);
    changed.notify_all();
  }
  bool wait_for(Event::Kind kind, uint64_t handle) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(5), [&] {
      for (const Event& e : seen) {
        if (e.kind == kind && e.handle == handle) return true;
      }
      return false;
    });
  }
  // Waits for StateChanged(handle, state); its error.
  std::optional<uint32_t> wait_for_state(uint64_t handle, uint32_t state) {
    std::unique_lock lock(mutex);
    std::optional<uint32_t> error;
    changed.wait_for(lock, std::chrono::seconds(5), [&] {
      for (const Event& e : seen) {
        if (e.kind == Event::Kind::kStateChanged && e.handle == handle && e.state == state) {
          error = e.error;
          return true;
        }
      }
      return false;
    });
    return error;
  }
};

CustomRegistration registration(uint64_t handle) {
  CustomRegistration r;
  r.handle = handle;
  r.dialer = "/usr/lib/openras/dialers/example.so";
  r.phonebook = "/etc/openras/pbk/rasphone.pbk";
  r.entry = "Office";
  r.device_type = "modem";
  r.device_name = "Test Modem";
  r.phone_number = "555-0100";
  return r;
}

TEST(RasmanServer, RegisterListGetSetStateUnregister) {
  testing::TempDir dir;
  ServerThread server(dir);
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client) << client.error().message;
  ASSERT_TRUE((*client)->register_custom(registration(0xabc)));
  auto list = (*client)->list_connections();
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  const ConnectionInfo& c = (*list)[0];
  EXPECT_EQ(c.handle, 0xabcu);
  EXPECT_EQ(c.owner_uid, ::getuid());
  EXPECT_EQ(c.pid, ::getpid());
  EXPECT_EQ(c.state, static_cast<uint32_t>(RASCS_Connected));
  EXPECT_EQ(c.entry, "Office");
  EXPECT_EQ(c.dialer, "/usr/lib/openras/dialers/example.so");
  EXPECT_EQ(c.phone_number, "555-0100");
  EXPECT_GT(c.start_time, 1600000000u);
  ASSERT_TRUE((*client)->set_state(0xabc, RASCS_Disconnected, ERROR_NO_CARRIER));
  auto got = (*client)->get_connection(0xabc);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->state, static_cast<uint32_t>(RASCS_Disconnected));
  EXPECT_EQ(got->error, static_cast<uint32_t>(ERROR_NO_CARRIER));
  auto alias = (*client)->register_custom(registration(0xabc));
  ASSERT_TRUE(alias) << alias.error().message;
  EXPECT_NE(*alias, 0xabcu) << "a handle in use is answered with an alias";
  ASSERT_TRUE((*client)->unregister(*alias));
  ASSERT_TRUE((*client)->unregister(0xabc));
  EXPECT_EQ((*client)->get_connection(0xabc).error().code, Errc::kInvalidHandle);
  EXPECT_EQ((*client)->hang_up(0xabc).error().code, Errc::kInvalidHandle);
  EXPECT_EQ((*client)->set_state(1, 0x7777, 0).error().code, Errc::kInvalidArgument);
  auto bad = registration(1);
  bad.dialer = "relative.so";
  auto refused = (*client)->register_custom(bad);
  EXPECT_EQ(refused.error().code, Errc::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("relative.so"), std::string::npos);
}

TEST(RasmanServer, HangUpFromAnotherClientReachesTheRegisteringClient) {
  testing::TempDir dir;
  ServerThread server(dir);
  // Declared before the clients, so they outlive the clients' event threads.
  Events owner_events;
  Events other_events;
  auto owner = Client::connect(server.socket());
  auto other = Client::connect(server.socket());
  ASSERT_TRUE(owner && other);
  Client* owner_client = owner->get();
  // The owner acts as libopenras will: RasCustomHangUp, then unregister, from the handler.
  ASSERT_TRUE((*owner)->start_events([&](const Event& e) {
    owner_events.add(e);
    if (e.kind == Event::Kind::kHangUpRequested) (void)owner_client->unregister(e.handle);
  }));
  ASSERT_TRUE((*owner)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*other)->start_events([&](const Event& e) { other_events.add(e); }));
  ASSERT_TRUE((*other)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*owner)->register_custom(registration(42)));
  EXPECT_TRUE(other_events.wait_for(Event::Kind::kConnectionAdded, 42));
  ASSERT_TRUE((*other)->hang_up(42));
  EXPECT_TRUE(owner_events.wait_for(Event::Kind::kHangUpRequested, 42));
  EXPECT_TRUE(other_events.wait_for(Event::Kind::kConnectionRemoved, 42));
  EXPECT_TRUE((*other)->list_connections()->empty());
  std::lock_guard lock(other_events.mutex);
  for (const Event& e : other_events.seen) {
    EXPECT_NE(e.kind, Event::Kind::kHangUpRequested) << "only the owner is asked to hang up";
  }
}

// Signals go only to clients that subscribed (docs/protocol.md "Subscriptions"). Each check
// ends with a marker the watching client is subscribed to: signals to one client arrive in
// order, so once the marker is seen, anything sent before it has arrived too.
TEST(RasmanServer, SignalsGoOnlyToClientsThatSubscribed) {
  testing::TempDir dir;
  ServerThread server(dir);
  Events quiet_events;
  Events one_events;
  Events owner_events;
  auto owner = Client::connect(server.socket());
  auto quiet = Client::connect(server.socket());
  auto one = Client::connect(server.socket());
  ASSERT_TRUE(owner && quiet && one);
  ASSERT_TRUE((*owner)->start_events([&](const Event& e) { owner_events.add(e); }));
  ASSERT_TRUE((*quiet)->start_events([&](const Event& e) { quiet_events.add(e); }));
  ASSERT_TRUE((*one)->start_events([&](const Event& e) { one_events.add(e); }));
  ASSERT_TRUE((*owner)->register_custom(registration(0xa1)));
  ASSERT_TRUE((*owner)->register_custom(registration(0xb2)));
  auto id = (*one)->subscribe(Subscription::kConnection, 0xa1);
  ASSERT_TRUE(id);
  EXPECT_NE(*id, 0u);
  ASSERT_TRUE((*owner)->set_state(0xa1, RASCS_Connected, 0));
  ASSERT_TRUE((*owner)->set_state(0xb2, RASCS_Connected, 0));
  ASSERT_TRUE((*owner)->set_state(0xa1, RASCS_Connected, 0));
  EXPECT_TRUE(one_events.wait_for_state(0xa1, RASCS_Connected));
  // The owner subscribed to nothing either: registering does not subscribe.
  ASSERT_TRUE((*owner)->register_custom(registration(0xc3)));
  ASSERT_TRUE((*quiet)->subscribe(Subscription::kConnection, 0xc3));
  ASSERT_TRUE((*owner)->set_state(0xc3, RASCS_Connected, 0));
  EXPECT_TRUE(quiet_events.wait_for_state(0xc3, RASCS_Connected));
  {
    std::lock_guard lock(quiet_events.mutex);
    for (const Event& e : quiet_events.seen) EXPECT_EQ(e.handle, 0xc3u) << "unasked: " << e.handle;
  }
  {
    std::lock_guard lock(one_events.mutex);
    for (const Event& e : one_events.seen) EXPECT_EQ(e.handle, 0xa1u) << "unasked: " << e.handle;
  }
  // Unsubscribed, and a connection's end forgets it: a new registration of the same handle
  // is not followed on the old one's account.
  ASSERT_TRUE((*one)->subscribe(Subscription::kConnection, 0xb2));
  ASSERT_TRUE((*one)->unsubscribe(Subscription::kConnection, 0xa1));
  ASSERT_TRUE((*owner)->unregister(0xb2));
  EXPECT_TRUE(one_events.wait_for(Event::Kind::kConnectionRemoved, 0xb2));
  ASSERT_TRUE((*owner)->register_custom(registration(0xb2)));
  ASSERT_TRUE((*owner)->set_state(0xb2, RASCS_Connected, 0));
  ASSERT_TRUE((*owner)->set_state(0xa1, RASCS_Disconnected, 0));
  ASSERT_TRUE((*one)->subscribe(Subscription::kConnection, 0xc3));
  ASSERT_TRUE((*owner)->unregister(0xc3));
  EXPECT_TRUE(one_events.wait_for(Event::Kind::kConnectionRemoved, 0xc3));
  {
    std::lock_guard lock(one_events.mutex);
    int about_b2 = 0;
    for (const Event& e : one_events.seen) {
      EXPECT_FALSE(e.handle == 0xa1 && e.state == static_cast<uint32_t>(RASCS_Disconnected))
          << "heard 0xa1 after unsubscribing";
      about_b2 += e.handle == 0xb2;
    }
    EXPECT_EQ(about_b2, 2) << "the old 0xb2's StateChanged(Disconnected) and removal, no more";
  }
  // An owner's subscription (one's own uid) and everything cover new connections too.
  ASSERT_TRUE((*owner)->subscribe(Subscription::kOwner, ::getuid()));
  ASSERT_TRUE((*quiet)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*owner)->register_custom(registration(0xd4)));
  EXPECT_TRUE(owner_events.wait_for(Event::Kind::kConnectionAdded, 0xd4));
  EXPECT_TRUE(quiet_events.wait_for(Event::Kind::kConnectionAdded, 0xd4));
  // What cannot be subscribed to is refused, naming why.
  EXPECT_EQ((*one)->subscribe(Subscription::kConnection, 0xeeee).error().code,
            Errc::kInvalidHandle);
  EXPECT_EQ((*one)->subscribe(static_cast<Subscription>(9)).error().code, Errc::kInvalidArgument);
  // A dial's subscriber must be a client of the caller's.
  DialRequest request;
  request.phonebook = "/etc/openras/pbk/rasphone.pbk";
  request.entry = "Office";
  request.device_name = "Test0";
  DialOptions options;
  options.subscriber = 0x7fffffff;
  auto refused = (*one)->dial(request, options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("Subscriber"), std::string::npos);
}

// rasmand's going is reported once, even when a call finds the connection dead before
// the event thread could read sd-bus's Disconnected message (the call discards it).
TEST(RasmanServer, ALostServiceIsReportedOnceEvenWhenACallNoticesFirst) {
  testing::TempDir dir;
  auto server = std::make_unique<ServerThread>(dir);
  Events events;
  std::mutex gate_mutex;
  std::condition_variable gate_changed;
  bool gate_open = false;
  auto client = Client::connect(server->socket());
  ASSERT_TRUE(client);
  // The handler holds the event thread at the first event until the gate opens.
  ASSERT_TRUE((*client)->start_events([&](const Event& e) {
    events.add(e);
    std::unique_lock lock(gate_mutex);
    gate_changed.wait(lock, [&] { return gate_open; });
  }));
  ASSERT_TRUE((*client)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*client)->register_custom(registration(7)));
  ASSERT_TRUE(events.wait_for(Event::Kind::kConnectionAdded, 7));
  server.reset();  // rasmand goes while the event thread is busy
  auto list = (*client)->list_connections();
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, Errc::kServiceUnavailable);
  {
    std::lock_guard lock(gate_mutex);
    gate_open = true;
  }
  gate_changed.notify_all();
  EXPECT_TRUE(events.wait_for(Event::Kind::kDisconnected, 0));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a second report would be late
  std::lock_guard lock(events.mutex);
  EXPECT_EQ(std::count_if(events.seen.begin(), events.seen.end(),
                          [](const Event& e) { return e.kind == Event::Kind::kDisconnected; }),
            1);
}

// Two processes whose dialers chose the same handle: the second gets an alias, both are
// listed, and a hang-up of each reaches only the process that registered it.
TEST(RasmanServer, ACollidingHandleGetsAnAliasAndHangUpsReachTheRightClient) {
  testing::TempDir dir;
  ServerThread server(dir);
  Events first_events;
  Events second_events;
  Events other_events;
  auto first = Client::connect(server.socket());
  auto second = Client::connect(server.socket());
  auto other = Client::connect(server.socket());
  ASSERT_TRUE(first && second && other);
  Client* first_client = first->get();
  Client* second_client = second->get();
  ASSERT_TRUE((*first)->start_events([&](const Event& e) {
    first_events.add(e);
    if (e.kind == Event::Kind::kHangUpRequested) (void)first_client->unregister(e.handle);
  }));
  ASSERT_TRUE((*first)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*second)->start_events([&](const Event& e) {
    second_events.add(e);
    if (e.kind == Event::Kind::kHangUpRequested) (void)second_client->unregister(e.handle);
  }));
  ASSERT_TRUE((*second)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*other)->start_events([&](const Event& e) { other_events.add(e); }));
  ASSERT_TRUE((*other)->subscribe(Subscription::kEverything));
  auto public_first = (*first)->register_custom(registration(0x5A00));
  auto public_second = (*second)->register_custom(registration(0x5A00));
  ASSERT_TRUE(public_first && public_second);
  EXPECT_EQ(*public_first, 0x5A00u);
  EXPECT_NE(*public_second, 0x5A00u);
  EXPECT_TRUE(other_events.wait_for(Event::Kind::kConnectionAdded, *public_second));
  auto list = (*other)->list_connections();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  // The alias is the handle for everything: state, statistics, hang-up.
  ASSERT_TRUE((*second)->set_state(*public_second, RASCS_Connected, 0));
  EXPECT_TRUE(other_events.wait_for_state(*public_second, RASCS_Connected));
  EXPECT_TRUE((*other)->get_statistics(*public_second));
  ASSERT_TRUE((*other)->hang_up(*public_second));
  EXPECT_TRUE(second_events.wait_for(Event::Kind::kHangUpRequested, *public_second));
  EXPECT_TRUE(other_events.wait_for(Event::Kind::kConnectionRemoved, *public_second));
  ASSERT_TRUE((*other)->hang_up(0x5A00));
  EXPECT_TRUE(first_events.wait_for(Event::Kind::kHangUpRequested, 0x5A00));
  EXPECT_TRUE(other_events.wait_for(Event::Kind::kConnectionRemoved, 0x5A00));
  EXPECT_TRUE((*other)->list_connections()->empty());
  std::lock_guard lock1(first_events.mutex);
  for (const Event& e : first_events.seen) {
    EXPECT_FALSE(e.kind == Event::Kind::kHangUpRequested && e.handle != 0x5A00)
        << "the first client was asked to hang up " << e.handle;
  }
  std::lock_guard lock2(second_events.mutex);
  for (const Event& e : second_events.seen) {
    EXPECT_FALSE(e.kind == Event::Kind::kHangUpRequested && e.handle != *public_second)
        << "the second client was asked to hang up " << e.handle;
  }
}

// Calls from many threads are in flight at once, also while the event thread is busy in
// a slow handler (the waiting callers then read the bus themselves, one at a time).
TEST(RasmanServer, ManyThreadsCallAtOnceWhileTheHandlerIsSlow) {
  testing::TempDir dir;
  ServerThread server(dir);
  std::atomic<int> events{0};
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->start_events([&](const Event&) {
    ++events;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }));
  ASSERT_TRUE((*client)->subscribe(Subscription::kEverything));
  std::atomic<int> failures{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 8; ++t) {
    callers.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        uint64_t handle = 0x1000 + static_cast<uint64_t>(t * 100 + i);
        if (!(*client)->register_custom(registration(handle))) ++failures;
        if (!(*client)->list_connections()) ++failures;
        if (!(*client)->unregister(handle)) ++failures;
      }
    });
  }
  for (auto& c : callers) c.join();
  EXPECT_EQ(failures.load(), 0);
  auto list = (*client)->list_connections();
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
  EXPECT_GT(events.load(), 0);
}

// An owner that ignores HangUpRequested cannot keep its connection listed forever.
TEST(RasmanServer, AnIgnoredHangUpDropsTheConnectionAfterTheTimeout) {
  testing::TempDir dir;
  ServerThread server(dir, 200'000);  // 200 ms
  Events other_events;                // outlives the clients' event threads
  auto owner = Client::connect(server.socket());
  auto other = Client::connect(server.socket());
  ASSERT_TRUE(owner && other);
  ASSERT_TRUE((*owner)->start_events([](const Event&) {}));  // hears, never hangs up
  ASSERT_TRUE((*owner)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*other)->start_events([&](const Event& e) { other_events.add(e); }));
  ASSERT_TRUE((*other)->subscribe(Subscription::kEverything));
  ASSERT_TRUE((*owner)->register_custom(registration(77)));
  ASSERT_TRUE((*other)->hang_up(77));
  EXPECT_TRUE(other_events.wait_for(Event::Kind::kConnectionRemoved, 77));
  {
    std::lock_guard lock(other_events.mutex);
    bool failed_state = false;
    for (const Event& e : other_events.seen) {
      if (e.kind == Event::Kind::kStateChanged && e.handle == 77 &&
          e.state == static_cast<uint32_t>(RASCS_Disconnected) &&
          e.error == static_cast<uint32_t>(ERROR_HANGUP_FAILED)) {
        failed_state = true;
      }
    }
    EXPECT_TRUE(failed_state) << "the drop is reported as ERROR_HANGUP_FAILED";
  }
  EXPECT_TRUE((*other)->list_connections()->empty());
  // An owner that does hang up in time is not affected by the timer afterwards.
  ASSERT_TRUE((*owner)->register_custom(registration(78)));
  ASSERT_TRUE((*other)->hang_up(78));
  ASSERT_TRUE((*owner)->unregister(78));
  ASSERT_TRUE((*owner)->register_custom(registration(78)));  // the same handle, anew
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  auto still = (*other)->get_connection(78);
  EXPECT_TRUE(still) << "a timer of the old registration dropped the new one";
}

TEST(RasmanServer, AClosedClientsConnectionsAreDropped) {
  testing::TempDir dir;
  ServerThread server(dir);
  Events events;  // outlives the watcher's event thread
  auto watcher = Client::connect(server.socket());
  ASSERT_TRUE(watcher);
  ASSERT_TRUE((*watcher)->start_events([&](const Event& e) { events.add(e); }));
  ASSERT_TRUE((*watcher)->subscribe(Subscription::kEverything));
  {
    auto owner = Client::connect(server.socket());
    ASSERT_TRUE(owner);
    ASSERT_TRUE((*owner)->register_custom(registration(7)));
    ASSERT_TRUE((*owner)->register_custom(registration(8)));
  }
  EXPECT_TRUE(events.wait_for(Event::Kind::kConnectionRemoved, 7));
  EXPECT_TRUE(events.wait_for(Event::Kind::kConnectionRemoved, 8));
  std::lock_guard lock(events.mutex);
  bool disconnected = false;
  for (const Event& e : events.seen) {
    if (e.kind == Event::Kind::kStateChanged && e.handle == 7) {
      disconnected = e.state == RASCS_Disconnected && e.error == ERROR_DISCONNECTION;
    }
  }
  EXPECT_TRUE(disconnected);
}

TEST(RasmanServer, CredentialsRoundTripForAnAdministrator) {
  testing::TempDir dir;
  ServerThread server(dir);
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  EXPECT_EQ((*client)->fetch_credentials("/pbk", "Office").error().code, Errc::kNotFound);
  ASSERT_TRUE((*client)->store_credentials("/pbk", "Office", {"alice", "pw", "CORP"}));
  auto fetched = (*client)->fetch_credentials("/pbk", "Office");
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->password, "pw");
}

TEST(RasmanServer, DialRefusesUnknownDevicesAndOversizedNames) {
  testing::TempDir dir;
  ServerThread server(dir);
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  auto unknown = (*client)->dial(
      DialRequest{{"/pbk", "Office", "", "NoSuchDevice", "5550100", false}, "", "", ""});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Errc::kDeviceDoesNotExist) << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("NoSuchDevice"), std::string::npos);
  auto oversized = (*client)->dial(
      DialRequest{{"/pbk", std::string(2000, 'x'), "", "Test0", "1", false}, "", "", ""});
  ASSERT_FALSE(oversized);
  EXPECT_EQ(oversized.error().code, Errc::kInvalidArgument);
  auto empty = (*client)->dial(DialRequest{{"/pbk", "", "", "Test0", "1", false}, "", "", ""});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, Errc::kInvalidArgument);
  auto list = (*client)->list_connections();
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
}

TEST(RasmanServer, GarbageOnTheSocketClosesThatConnectionOnly) {
  testing::TempDir dir;
  ServerThread server(dir);
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->register_custom(registration(1)));
  UniqueFd raw(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, server.socket().c_str(), sizeof address.sun_path - 1);
  ASSERT_EQ(::connect(raw.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  std::string garbage(1 << 16, '\xff');
  (void)!::send(raw.get(), garbage.data(), garbage.size(), MSG_NOSIGNAL);
  char buf[256];
  timeval tv{5, 0};
  ::setsockopt(raw.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (::recv(raw.get(), buf, sizeof buf, 0) > 0) {
  }
  auto list = (*client)->list_connections();
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_EQ(list->size(), 1u);
}

// Configures a test device in the private root's HKLM, as `rasreg add` would.
void add_test_device(const std::string& root, const std::wstring& name, uint32_t speed) {
  auto paths = Paths::with_root(root);
  ASSERT_TRUE(paths);
  registry::Hive hive(*paths, registry::RootKey::kLocalMachine);
  auto key = registry::split_key_path(std::wstring(devices::kDevicesKey) + L"\\" + name);
  ASSERT_TRUE(key);
  std::wstring type = L"test";
  std::string type_data;
  for (wchar_t c : type) type_data += {static_cast<char>(c), '\0'};
  type_data += std::string(2, '\0');
  std::string speed_data(reinterpret_cast<const char*>(&speed), 4);
  ASSERT_TRUE(hive.modify([&](registry::Key& tree) -> Result<bool> {
    tree.ensure(*key).set_value(registry::Value{L"Type", registry::kRegSz, type_data});
    if (speed != 0) {
      tree.ensure(*key).set_value(registry::Value{L"Speed", registry::kRegDword, speed_data});
    }
    return true;
  }));
}

DialRequest dial_request(const std::string& device, const std::string& number) {
  DialRequest d;
  d.phonebook = "/pbk";
  d.entry = "Office";
  d.device_name = device;
  d.phone_number = number;
  return d;
}

// A clock the test moves by hand (µs).
struct FakeClock {
  std::shared_ptr<std::atomic<uint64_t>> now = std::make_shared<std::atomic<uint64_t>>(1'000'000);
  std::function<uint64_t()> function() const {
    return [n = now] { return n->load(); };
  }
  void advance_ms(uint64_t ms) { *now += ms * 1000; }
};

TEST(RasmanStatistics, ABuiltInConnectionsStatisticsAndProjection) {
  testing::TempDir dir;
  add_test_device(dir.path(), L"Test0", 115200);
  FakeClock clock;
  ServerThread server(dir, 0, clock.function());
  Events events;
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->start_events([&](const Event& e) { events.add(e); }));
  ASSERT_TRUE((*client)->subscribe(Subscription::kEverything));
  DialRequest request = dial_request("Test0", "5550100");
  request.user = "alice";
  request.password = "secret";
  auto handle = (*client)->dial(request);
  ASSERT_TRUE(handle) << handle.error().message;
  ASSERT_EQ(events.wait_for_state(*handle, RASCS_Connected), 0u);
  clock.advance_ms(1500);
  auto stats = (*client)->get_statistics(*handle);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->bytes_sent, 0u) << "the test device moves no bytes";
  EXPECT_EQ(stats->frames_received, 0u);
  EXPECT_EQ(stats->crc_errors, 0u);
  EXPECT_EQ(stats->bps, 115200u) << "the device's configured Speed";
  EXPECT_EQ(stats->connect_duration_ms, 1500u);
  // Clearing resets the counters, not the duration.
  ASSERT_TRUE((*client)->clear_statistics(*handle));
  clock.advance_ms(500);
  stats = (*client)->get_statistics(*handle);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->connect_duration_ms, 2000u);
  auto projection = (*client)->get_projection(*handle);
  ASSERT_TRUE(projection) << projection.error().message;
  const uint8_t local[4] = {192, 0, 2, 2};
  const uint8_t far_end[4] = {192, 0, 2, 1};
  EXPECT_EQ(std::memcmp(projection->ipv4_address, local, 4), 0);
  EXPECT_EQ(std::memcmp(projection->ipv4_server_address, far_end, 4), 0);
  EXPECT_EQ(projection->ipv4_error, 0u);
  EXPECT_EQ(projection->ipv6_error, static_cast<uint32_t>(ERROR_PROTOCOL_NOT_CONFIGURED));
  EXPECT_EQ(projection->auth_protocol, static_cast<uint32_t>(RASLCPAP_PAP));
  EXPECT_FALSE(projection->bundled);
  ASSERT_TRUE((*client)->hang_up(*handle));
  EXPECT_EQ((*client)->get_statistics(*handle).error().code, Errc::kInvalidHandle);
  EXPECT_EQ((*client)->get_projection(*handle).error().code, Errc::kInvalidHandle);
  EXPECT_EQ((*client)->clear_statistics(*handle).error().code, Errc::kInvalidHandle);
}

// DialOrJoin: a dial while the entry is not connected, a join of the same handle once it
// is, with one more reference: the first HangUp leaves it up, the second ends it.
TEST(RasmanServer, DialOrJoinDialsThenJoinsTheConnectedEntry) {
  testing::TempDir dir;
  add_test_device(dir.path(), L"Test0", 0);
  add_test_device(dir.path(), L"Test1", 0);
  ServerThread server(dir);
  Events events;
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->start_events([&](const Event& e) { events.add(e); }));
  auto first = (*client)->dial_or_join(dial_request("Test0", "5550100"));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_FALSE(first->joined);
  ASSERT_EQ(events.wait_for_state(first->handle, RASCS_Connected), 0u)
      << "the dial's states reach its subscriber";
  auto again = (*client)->dial_or_join(dial_request("Test0", "5550100"));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->joined);
  EXPECT_EQ(again->handle, first->handle);
  // Another entry is no join, even on the same phone book.
  DialRequest other = dial_request("Test1", "5550101");
  other.entry = "Home";
  auto home = (*client)->dial_or_join(other);
  ASSERT_TRUE(home) << home.error().message;
  EXPECT_FALSE(home->joined);
  EXPECT_NE(home->handle, first->handle);
  ASSERT_TRUE((*client)->hang_up(first->handle));
  auto still = (*client)->get_connection(first->handle);
  ASSERT_TRUE(still) << "one reference is left: " << still.error().message;
  EXPECT_EQ(still->state, static_cast<uint32_t>(RASCS_Connected));
  ASSERT_TRUE((*client)->hang_up(first->handle));
  EXPECT_EQ((*client)->get_connection(first->handle).error().code, Errc::kInvalidHandle);
  ASSERT_TRUE((*client)->hang_up(home->handle));
  ASSERT_TRUE(events.wait_for(Event::Kind::kConnectionRemoved, home->handle));
  // The dial's subscriber follows its connection and knows it from the reply: no
  // ConnectionAdded for it (signals to one client arrive in order, so it would be here).
  std::lock_guard lock(events.mutex);
  for (const Event& e : events.seen) EXPECT_NE(e.kind, Event::Kind::kConnectionAdded) << e.handle;
}

TEST(RasmanStatistics, BeforeConnectedThereIsNoProjectionAndNoDuration) {
  testing::TempDir dir;
  add_test_device(dir.path(), L"Test0", 0);
  ServerThread server(dir);
  Events events;
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->start_events([&](const Event& e) { events.add(e); }));
  ASSERT_TRUE((*client)->subscribe(Subscription::kEverything));
  // Each state 10 s after the previous: the dial stays at RASCS_OpenPort for the test.
  auto handle = (*client)->dial(dial_request("Test0", "delay:10000"));
  ASSERT_TRUE(handle) << handle.error().message;
  ASSERT_EQ(events.wait_for_state(*handle, RASCS_OpenPort), 0u);
  auto projection = (*client)->get_projection(*handle);
  ASSERT_FALSE(projection);
  EXPECT_EQ(projection.error().code, Errc::kProjectionNotComplete);
  EXPECT_EQ(win32_code(projection.error()), 730u);
  // The link answers while it waits between states.
  auto stats = (*client)->get_statistics(*handle);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->connect_duration_ms, 0u);
  EXPECT_EQ(stats->bps, 0u) << "no Speed configured";
  // Hanging up interrupts the dial in progress.
  ASSERT_TRUE((*client)->hang_up(*handle));
  EXPECT_TRUE(events.wait_for(Event::Kind::kConnectionRemoved, *handle));
  EXPECT_TRUE((*client)->list_connections()->empty());
}

TEST(RasmanStatistics, CredentialsReachTheLink) {
  testing::TempDir dir;
  add_test_device(dir.path(), L"Test0", 0);
  ServerThread server(dir);
  Events events;
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->start_events([&](const Event& e) { events.add(e); }));
  ASSERT_TRUE((*client)->subscribe(Subscription::kEverything));
  DialRequest good = dial_request("Test0", "auth:alice:pa:ss");
  good.user = "alice";
  good.password = "pa:ss";
  good.domain = "CORP";
  auto accepted = (*client)->dial(good);
  ASSERT_TRUE(accepted) << accepted.error().message;
  ASSERT_EQ(events.wait_for_state(*accepted, RASCS_Connected), 0u);
  ASSERT_TRUE((*client)->hang_up(*accepted));
  EXPECT_TRUE(events.wait_for(Event::Kind::kConnectionRemoved, *accepted));
  DialRequest bad = good;
  bad.password = "wrong";
  auto refused = (*client)->dial(bad);
  ASSERT_TRUE(refused);
  EXPECT_EQ(events.wait_for_state(*refused, RASCS_Authenticate),
            static_cast<uint32_t>(ERROR_AUTHENTICATION_FAILURE));
  EXPECT_TRUE(events.wait_for(Event::Kind::kConnectionRemoved, *refused));
  DialRequest oversized = good;
  oversized.password = std::string(2000, 'p');
  EXPECT_EQ((*client)->dial(oversized).error().code, Errc::kInvalidArgument);
}

TEST(RasmanStatistics, ACustomConnectionCountsFromItsRegistration) {
  testing::TempDir dir;
  FakeClock clock;
  ServerThread server(dir, 0, clock.function());
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->register_custom(registration(0x55)));
  clock.advance_ms(250);
  auto stats = (*client)->get_statistics(0x55);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->connect_duration_ms, 250u);
  EXPECT_EQ(stats->bytes_received, 0u);
  EXPECT_EQ(stats->bps, 0u);
  ASSERT_TRUE((*client)->clear_statistics(0x55));
  clock.advance_ms(250);
  EXPECT_EQ((*client)->get_statistics(0x55)->connect_duration_ms, 500u);
  EXPECT_EQ((*client)->get_projection(0x55).error().code, Errc::kProjectionNotComplete);
  EXPECT_EQ((*client)->get_statistics(0x56).error().code, Errc::kInvalidHandle);
  EXPECT_EQ((*client)->get_projection(0x56).error().code, Errc::kInvalidHandle);
}

// Another uid (a forked child as nobody) neither reads, clears nor sees the projection of
// root's connection: AccessDenied, as for GetConnection.
TEST(RasmanStatistics, AnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as another uid (see e2e.rasman_stats)";
  testing::TempDir dir;
  add_test_device(dir.path(), L"Test0", 0);
  ServerThread server(dir);
  ASSERT_EQ(::chmod(server.socket().c_str(), 0666), 0);
  Events events;
  auto client = Client::connect(server.socket());
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->start_events([&](const Event& e) { events.add(e); }));
  ASSERT_TRUE((*client)->subscribe(Subscription::kEverything));
  auto handle = (*client)->dial(dial_request("Test0", "5550100"));
  ASSERT_TRUE(handle) << handle.error().message;
  ASSERT_EQ(events.wait_for_state(*handle, RASCS_Connected), 0u);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::setresgid(65534, 65534, 65534) < 0 || ::setresuid(65534, 65534, 65534) < 0) ::_exit(10);
    auto other = Client::connect(server.socket());
    if (!other) ::_exit(11);
    if ((*other)->get_statistics(*handle).error().code != Errc::kAccessDenied) ::_exit(12);
    if ((*other)->clear_statistics(*handle).error().code != Errc::kAccessDenied) ::_exit(13);
    if ((*other)->get_projection(*handle).error().code != Errc::kAccessDenied) ::_exit(14);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10: setuid, 11: connect, 12-14: not AccessDenied";
  // Root, the owner here, still may.
  EXPECT_TRUE((*client)->get_statistics(*handle));
  EXPECT_TRUE((*client)->get_projection(*handle));
}

TEST(RasmanClient, NoDaemonFailsFastNamingTheSocket) {
  testing::TempDir dir;
  auto start = std::chrono::steady_clock::now();
  auto client = Client::connect(dir.file("rasman.sock"));
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().code, Errc::kServiceUnavailable);
  EXPECT_NE(client.error().message.find(dir.file("rasman.sock")), std::string::npos);
  // A socket file that nobody accepts on (listening, but never served) times out in 1 s.
  UniqueFd silent = listen_at(dir.file("silent.sock"));
  auto hung = Client::connect(dir.file("silent.sock"), ClientOptions{200, 200});
  ASSERT_FALSE(hung);
  EXPECT_EQ(hung.error().code, Errc::kServiceUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(RasmanClient, ErrorNamesMapToOneErrcEach) {
  EXPECT_EQ(errc_from_dbus_error("org.openras.RasMan1.Error.AccessDenied"), Errc::kAccessDenied);
  EXPECT_EQ(errc_from_dbus_error("org.openras.RasMan1.Error.NotFound"), Errc::kInvalidHandle);
  EXPECT_EQ(errc_from_dbus_error("org.openras.RasMan1.Error.InvalidArgument"),
            Errc::kInvalidArgument);
  EXPECT_EQ(errc_from_dbus_error("org.openras.RasMan1.Error.AlreadyExists"), Errc::kAlreadyExists);
  EXPECT_EQ(errc_from_dbus_error("org.openras.RasMan1.Error.ProjectionNotComplete"),
            Errc::kProjectionNotComplete);
  EXPECT_EQ(errc_from_dbus_error("org.freedesktop.DBus.Error.UnknownMethod"), Errc::kUnknown);
  EXPECT_EQ(errc_from_dbus_error(nullptr), Errc::kUnknown);
}

}  // namespace
}  // namespace openras::rasman
