// server_objects_test.cpp: the connection objects (server_objects.h) seen through plain
// sd-bus clients on rasmand's socket, as busctl or a GDBus program would see them: the
// server runs on its own thread; a second user is a thread with its own credentials.
#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "ras.h"
#include "raserror.h"
#include "rasman/client.h"
#include "rasman/protocol.h"
#include "rasman/server.h"
#include "rasman/server_objects.h"
#include "rasman/test_support.h"
#include "skip.h"
#include "support.h"

namespace openras::rasman {
namespace {

constexpr uid_t kOtherUid = 65534;

// A signal about a connection object, as a client sees it.
struct ObjectSignal {
  std::string kind;  // "added", "changed", "removed"
  std::string path;
  uint32_t state = 0;
  uint32_t error = 0;
  std::vector<std::string> interfaces;  // added, removed: the interfaces named, sorted
};

// A plain sd-bus client of rasmand's socket, used from one thread only; it sees what
// busctl would. Signals are collected by a filter while calls and wait() pump the bus.
class BusClient {
 public:
  explicit BusClient(const std::string& socket) {
    EXPECT_GE(sd_bus_new(&bus_), 0);
    EXPECT_GE(sd_bus_set_address(bus_, ("unix:path=" + socket).c_str()), 0);
    EXPECT_GE(sd_bus_add_filter(bus_, nullptr, on_message, this), 0);
    EXPECT_GE(sd_bus_start(bus_), 0);
    // As a generic tool that follows the objects does (docs/protocol.md "Subscriptions").
    EXPECT_TRUE(
        root_call("Subscribe", "ut", static_cast<uint32_t>(Subscription::kObjects), uint64_t{0}));
  }
  ~BusClient() { sd_bus_flush_close_unref(bus_); }
  BusClient(const BusClient&) = delete;
  BusClient& operator=(const BusClient&) = delete;

  // A property as text ("s"), or the D-Bus error name on failure.
  std::string get_string(const std::string& path, const char* property) {
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    char* value = nullptr;
    int r = sd_bus_get_property_string(bus_, nullptr, path.c_str(), kConnectionInterface, property,
                                       &error, &value);
    std::string out = r < 0 ? std::string("error:") + (error.name ? error.name : "?") : value;
    std::free(value);
    sd_bus_error_free(&error);
    return out;
  }
  // A property of a basic numeric type, or ~0 on failure.
  uint64_t get_number(const std::string& path, const char* property, char type) {
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    uint64_t value = 0;    // large enough for every basic type
    int r = sd_bus_get_property_trivial(bus_, nullptr, path.c_str(), kConnectionInterface, property,
                                        &error, type, &value);
    sd_bus_error_free(&error);
    if (r < 0) return ~uint64_t{0};
    if (type == 'u') return static_cast<uint32_t>(value);
    if (type == 'b') return static_cast<uint64_t>(*reinterpret_cast<int*>(&value));
    return value;
  }
  // Calls a method without arguments; "" on success, else the D-Bus error name.
  std::string call(const std::string& path, const char* interface, const char* member) {
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    sd_bus_message* reply = nullptr;
    int r = sd_bus_call_method(bus_, nullptr, path.c_str(), interface, member, &error, &reply, "");
    std::string out = r < 0 ? (error.name ? error.name : "?") : "";
    sd_bus_message_unref(reply);
    sd_bus_error_free(&error);
    return out;
  }
  // RegisterCustomConnection / SetState on the root object, as libopenras calls them.
  bool register_custom(uint64_t handle, const char* entry) {
    return root_call("RegisterCustomConnection", "tssssssb", handle, "/usr/lib/dialer.so", "/pbk",
                     entry, "modem", "Test Modem", "555", 0);
  }
  bool set_state(uint64_t handle, uint32_t state, uint32_t error) {
    return root_call("SetState", "tuu", handle, state, error);
  }
  // The paths GetManagedObjects lists, sorted.
  std::vector<std::string> managed_objects() {
    std::vector<std::string> paths;
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    sd_bus_message* reply = nullptr;
    int r = sd_bus_call_method(bus_, nullptr, kObjectPath, "org.freedesktop.DBus.ObjectManager",
                               "GetManagedObjects", &error, &reply, "");
    EXPECT_GE(r, 0) << (error.message ? error.message : "");
    if (r >= 0 && sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}") > 0) {
      while (sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}") > 0) {
        const char* path = nullptr;
        if (sd_bus_message_read(reply, "o", &path) < 0) break;
        paths.emplace_back(path);
        bool ours = false;
        if (sd_bus_message_enter_container(reply, 'a', "{sa{sv}}") > 0) {
          while (sd_bus_message_enter_container(reply, 'e', "sa{sv}") > 0) {
            const char* interface = nullptr;
            if (sd_bus_message_read(reply, "s", &interface) < 0) break;
            ours |= std::strcmp(interface, kConnectionInterface) == 0;
            sd_bus_message_skip(reply, "a{sv}");
            sd_bus_message_exit_container(reply);
          }
          sd_bus_message_exit_container(reply);
        }
        EXPECT_TRUE(ours) << path << " is listed without " << kConnectionInterface;
        sd_bus_message_exit_container(reply);
      }
    }
    sd_bus_message_unref(reply);
    sd_bus_error_free(&error);
    std::sort(paths.begin(), paths.end());
    return paths;
  }
  // Introspection XML of `path`, or the error name.
  std::string introspect(const std::string& path) {
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    sd_bus_message* reply = nullptr;
    std::string out;
    if (sd_bus_call_method(bus_, nullptr, path.c_str(), "org.freedesktop.DBus.Introspectable",
                           "Introspect", &error, &reply, "") < 0) {
      out = std::string("error:") + (error.name ? error.name : "?");
    } else {
      const char* xml = nullptr;
      if (sd_bus_message_read(reply, "s", &xml) >= 0) out = xml;
    }
    sd_bus_message_unref(reply);
    sd_bus_error_free(&error);
    return out;
  }
  // Pumps the bus until `done` holds (true) or 5 s pass (false).
  bool wait(const std::function<bool(const std::vector<ObjectSignal>&)>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done(signals_)) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      int r = sd_bus_process(bus_, nullptr);
      if (r < 0) return false;
      if (r == 0) sd_bus_wait(bus_, 100'000);
    }
    return true;
  }
  bool wait_for(const std::string& kind, const std::string& path) {
    return wait([&](const std::vector<ObjectSignal>& seen) {
      return std::any_of(seen.begin(), seen.end(),
                         [&](const ObjectSignal& s) { return s.kind == kind && s.path == path; });
    });
  }
  const std::vector<ObjectSignal>& signals() const { return signals_; }

 private:
  template <typename... Args>
  bool root_call(const char* member, const char* signature, Args... args) {
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    int r = sd_bus_call_method(bus_, nullptr, kObjectPath, kInterface, member, &error, nullptr,
                               signature, args...);
    EXPECT_GE(r, 0) << member << ": " << (error.message ? error.message : "");
    sd_bus_error_free(&error);
    return r >= 0;
  }

  static int on_message(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* self = static_cast<BusClient*>(userdata);
    ObjectSignal s;
    if (sd_bus_message_is_signal(m, "org.freedesktop.DBus.ObjectManager", "InterfacesAdded")) {
      s.kind = "added";
    } else if (sd_bus_message_is_signal(m, "org.freedesktop.DBus.ObjectManager",
                                        "InterfacesRemoved")) {
      s.kind = "removed";
    } else if (sd_bus_message_is_signal(m, "org.freedesktop.DBus.Properties",
                                        "PropertiesChanged")) {
      s.kind = "changed";
      s.path = sd_bus_message_get_path(m);
      const char* interface = nullptr;
      EXPECT_GE(sd_bus_message_read(m, "s", &interface), 0);
      EXPECT_STREQ(interface, kConnectionInterface);
      EXPECT_GT(sd_bus_message_enter_container(m, 'a', "{sv}"), 0);
      while (sd_bus_message_enter_container(m, 'e', "sv") > 0) {
        const char* name = nullptr;
        uint32_t value = 0;
        EXPECT_GE(sd_bus_message_read(m, "s", &name), 0);
        EXPECT_GE(sd_bus_message_read(m, "v", "u", &value), 0);
        (std::strcmp(name, "State") == 0 ? s.state : s.error) = value;
        sd_bus_message_exit_container(m);
      }
      self->signals_.push_back(s);
      return 0;
    } else {
      return 0;
    }
    const char* path = nullptr;
    EXPECT_GE(sd_bus_message_read(m, "o", &path), 0);
    s.path = path ? path : "";
    if (s.kind == "added") {
      EXPECT_GT(sd_bus_message_enter_container(m, 'a', "{sa{sv}}"), 0);
      while (sd_bus_message_enter_container(m, 'e', "sa{sv}") > 0) {
        const char* interface = nullptr;
        EXPECT_GE(sd_bus_message_read(m, "s", &interface), 0);
        s.interfaces.emplace_back(interface);
        sd_bus_message_skip(m, "a{sv}");
        sd_bus_message_exit_container(m);
      }
    } else {
      char** names = nullptr;
      EXPECT_GE(sd_bus_message_read_strv(m, &names), 0);
      for (char** n = names; n && *n; ++n) s.interfaces.emplace_back(*n);
      for (char** n = names; n && *n; ++n) std::free(*n);
      std::free(names);
    }
    std::sort(s.interfaces.begin(), s.interfaces.end());
    self->signals_.push_back(s);
    return 0;
  }

  sd_bus* bus_ = nullptr;
  std::vector<ObjectSignal> signals_;
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
  r.all_users = true;
  return r;
}

TEST(RasmanObjects, PathsHaveSixteenLowerCaseHexDigits) {
  EXPECT_EQ(connection_object_path(0xa1), "/org/openras/RasMan1/Connection/00000000000000a1");
  EXPECT_EQ(connection_object_path(0x4000000000000001),
            "/org/openras/RasMan1/Connection/4000000000000001");
  EXPECT_EQ(handle_of_object_path("/org/openras/RasMan1/Connection/00000000000000a1"), 0xa1u);
  EXPECT_EQ(handle_of_object_path("/org/openras/RasMan1/Connection/ffffffffffffffff"),
            ~uint64_t{0});
  EXPECT_EQ(handle_of_object_path("/org/openras/RasMan1/Connection/00000000000000A1"), 0u);
  EXPECT_EQ(handle_of_object_path("/org/openras/RasMan1/Connection/a1"), 0u);
  EXPECT_EQ(handle_of_object_path("/org/openras/RasMan1/Connection/000000000000000a1"), 0u);
  EXPECT_EQ(handle_of_object_path("/org/openras/RasMan1/Connection"), 0u);
  EXPECT_EQ(handle_of_object_path("/org/openras/RasMan1/Connections/00000000000000a1"), 0u);
  EXPECT_EQ(handle_of_object_path(nullptr), 0u);
}

TEST(RasmanObjects, PropertiesSignalsAndObjectManager) {
  testing::TempDir dir;
  ServerThread server(dir);
  BusClient watcher(server.socket());
  auto owner = Client::connect(server.socket());
  ASSERT_TRUE(owner) << owner.error().message;
  ASSERT_TRUE((*owner)->register_custom(registration(0xa1)));
  std::string path = connection_object_path(0xa1);
  ASSERT_TRUE(watcher.wait_for("added", path));

  EXPECT_EQ(watcher.get_string(path, "Entry"), "Office");
  EXPECT_EQ(watcher.get_string(path, "Phonebook"), "/etc/openras/pbk/rasphone.pbk");
  EXPECT_EQ(watcher.get_string(path, "Dialer"), "/usr/lib/openras/dialers/example.so");
  EXPECT_EQ(watcher.get_string(path, "DeviceType"), "modem");
  EXPECT_EQ(watcher.get_string(path, "DeviceName"), "Test Modem");
  EXPECT_EQ(watcher.get_string(path, "PhoneNumber"), "555-0100");
  EXPECT_EQ(watcher.get_number(path, "Handle", 't'), 0xa1u);
  EXPECT_EQ(watcher.get_number(path, "OwnerUid", 'u'), ::getuid());
  EXPECT_EQ(watcher.get_number(path, "Pid", 'u'), static_cast<uint64_t>(::getpid()));
  EXPECT_EQ(watcher.get_number(path, "State", 'u'), static_cast<uint64_t>(RASCS_Connected));
  EXPECT_EQ(watcher.get_number(path, "Error", 'u'), 0u);
  EXPECT_EQ(watcher.get_number(path, "AllUsers", 'b'), 1u);
  EXPECT_EQ(watcher.get_number(path, "Builtin", 'b'), 0u);
  EXPECT_GT(watcher.get_number(path, "StartTime", 't'), 1600000000u);
  EXPECT_EQ(watcher.managed_objects(), std::vector<std::string>{path});
  std::string xml = watcher.introspect(path);
  EXPECT_NE(xml.find("<interface name=\"org.openras.RasMan1.Connection\">"), std::string::npos)
      << xml;
  EXPECT_NE(watcher.introspect(kConnectionPathPrefix).find("<node name=\"00000000000000a1\"/>"),
            std::string::npos);
  EXPECT_EQ(watcher.get_string(connection_object_path(0xa2), "Entry"),
            "error:org.freedesktop.DBus.Error.UnknownObject");

  // A state change: PropertiesChanged with State and Error, and Get agrees.
  ASSERT_TRUE((*owner)->set_state(0xa1, RASCS_Disconnected, ERROR_NO_CARRIER));
  ASSERT_TRUE(watcher.wait([&](const std::vector<ObjectSignal>& seen) {
    return std::any_of(seen.begin(), seen.end(), [&](const ObjectSignal& s) {
      return s.kind == "changed" && s.path == path && s.state == RASCS_Disconnected &&
             s.error == ERROR_NO_CARRIER;
    });
  }));
  EXPECT_EQ(watcher.get_number(path, "State", 'u'), static_cast<uint64_t>(RASCS_Disconnected));
  EXPECT_EQ(watcher.get_number(path, "Error", 'u'), static_cast<uint64_t>(ERROR_NO_CARRIER));

  // Unregistering: a last PropertiesChanged, then InterfacesRemoved; the object is gone.
  ASSERT_TRUE((*owner)->unregister(0xa1));
  ASSERT_TRUE(watcher.wait_for("removed", path));
  EXPECT_EQ(watcher.signals().back().kind, "removed");
  // InterfacesRemoved names what InterfacesAdded (and GetManagedObjects) named.
  const std::vector<std::string> interfaces = {
      "org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Peer",
      "org.freedesktop.DBus.Properties", "org.openras.RasMan1.Connection"};
  EXPECT_EQ(watcher.signals().front().kind, "added");
  EXPECT_EQ(watcher.signals().front().interfaces, interfaces);
  EXPECT_EQ(watcher.signals().back().interfaces, interfaces);
  const ObjectSignal& last_change = watcher.signals()[watcher.signals().size() - 2];
  EXPECT_EQ(last_change.kind, "changed");
  EXPECT_EQ(last_change.state, static_cast<uint32_t>(RASCS_Disconnected));
  EXPECT_EQ(last_change.error, 0u);
  EXPECT_EQ(watcher.get_string(path, "Entry"), "error:org.freedesktop.DBus.Error.UnknownObject");
  EXPECT_TRUE(watcher.managed_objects().empty());
}

TEST(RasmanObjects, HangUpOnTheObjectReachesTheRegisteringClient) {
  testing::TempDir dir;
  ServerThread server(dir);
  std::promise<uint64_t> asked;
  auto owner = Client::connect(server.socket());
  ASSERT_TRUE(owner);
  Client* owner_client = owner->get();
  ASSERT_TRUE((*owner)->start_events([&](const Event& e) {
    if (e.kind != Event::Kind::kHangUpRequested) return;
    (void)owner_client->unregister(e.handle);
    asked.set_value(e.handle);
  }));
  ASSERT_TRUE((*owner)->register_custom(registration(0xb2)));
  BusClient admin(server.socket());
  std::string path = connection_object_path(0xb2);
  EXPECT_EQ(admin.call(path, kConnectionInterface, "HangUp"), "");
  auto handle = asked.get_future();
  ASSERT_EQ(handle.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(handle.get(), 0xb2u);
  ASSERT_TRUE(admin.wait_for("removed", path));
  EXPECT_EQ(admin.call(path, kConnectionInterface, "HangUp"),
            "org.freedesktop.DBus.Error.UnknownObject");
}

// What another user's client learned while root's connection lived.
struct OtherUserView {
  std::vector<std::string> managed;
  std::string get_root_entry;
  std::string introspect_root_connection;
  std::string hang_up_root_connection;
  std::string get_own_entry;
  std::vector<ObjectSignal> signals;
  bool own_added = false;
  bool own_changed = false;
};

// A second user is a thread whose credentials alone are changed (the raw system call,
// not glibc's process-wide setresuid): the socket it opens carries its uid.
TEST(RasmanObjects, AnotherUserSeesOnlyItsOwnObjects) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to act as a second user (uid 65534)");
  testing::TempDir dir;
  ServerThread server(dir);
  std::string root_path = connection_object_path(0xa1);
  std::string own_path = connection_object_path(0xc3);
  std::promise<void> other_ready;
  std::promise<void> root_done;
  OtherUserView view;
  std::thread other([&] {
    if (::syscall(SYS_setresgid, kOtherUid, kOtherUid, kOtherUid) != 0 ||
        ::syscall(SYS_setresuid, kOtherUid, kOtherUid, kOtherUid) != 0) {
      ADD_FAILURE() << "setresuid: " << std::strerror(errno);
      other_ready.set_value();
      return;
    }
    BusClient bus(server.socket());
    bus.register_custom(0xc3, "Mine");
    view.own_added = bus.wait_for("added", own_path);
    other_ready.set_value();
    root_done.get_future().wait();
    view.managed = bus.managed_objects();
    view.get_root_entry = bus.get_string(root_path, "Entry");
    view.introspect_root_connection = bus.introspect(root_path);
    view.hang_up_root_connection = bus.call(root_path, kConnectionInterface, "HangUp");
    view.get_own_entry = bus.get_string(own_path, "Entry");
    // Signals arrive in order: once its own change is in, any of root's would be too.
    bus.set_state(0xc3, RASCS_Connected, 0);
    view.own_changed = bus.wait_for("changed", own_path);
    view.signals = bus.signals();
  });
  other_ready.get_future().wait();

  BusClient admin(server.socket());
  // No ASSERT until the other thread is joined.
  auto owner = Client::connect(server.socket());
  EXPECT_TRUE(owner && (*owner)->register_custom(registration(0xa1)) &&
              (*owner)->set_state(0xa1, RASCS_Authenticate, 0));
  EXPECT_TRUE(admin.wait_for("changed", root_path));
  // The administrator sees both, and the other user's properties.
  EXPECT_EQ(admin.managed_objects(), (std::vector<std::string>{root_path, own_path}));
  EXPECT_EQ(admin.get_string(own_path, "Entry"), "Mine");
  EXPECT_EQ(admin.get_number(own_path, "OwnerUid", 'u'), kOtherUid);
  root_done.set_value();
  other.join();

  EXPECT_TRUE(view.own_added);
  EXPECT_TRUE(view.own_changed);
  EXPECT_EQ(view.managed, std::vector<std::string>{own_path});
  EXPECT_EQ(view.get_own_entry, "Mine");
  EXPECT_EQ(view.get_root_entry, "error:org.freedesktop.DBus.Error.UnknownObject");
  EXPECT_EQ(view.hang_up_root_connection, "org.freedesktop.DBus.Error.UnknownObject");
  EXPECT_EQ(view.introspect_root_connection.find(kConnectionInterface), std::string::npos)
      << view.introspect_root_connection;
  for (const ObjectSignal& s : view.signals) {
    EXPECT_NE(s.path, root_path) << "the other user heard " << s.kind << " for root's connection";
  }
  // And root's connection is untouched by the refused HangUp.
  EXPECT_EQ(admin.get_string(root_path, "Entry"), "Office");
}

}  // namespace
}  // namespace openras::rasman
