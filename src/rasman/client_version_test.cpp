// client_version_test.cpp: a library newer than the rasmand it reaches (an upgrade, before
// rasmand restarts) meets a method rasmand does not know; the error says so and what to do.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "base/unique_fd.h"
#include "rasman/client.h"
#include "rasman/protocol.h"
#include "support.h"

namespace openras::rasman {
namespace {

// An "older rasmand": rasmand's object and interface with one method only, served on a
// listening socket to one client at a time until stopped.
class OlderRasmand {
 public:
  explicit OlderRasmand(const std::string& path) {
    listener_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    bound_ = listener_ &&
             ::bind(listener_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
             ::listen(listener_.get(), 4) == 0;
    if (bound_) thread_ = std::thread([this] { serve(); });
  }
  ~OlderRasmand() {
    stop_ = true;
    ::shutdown(listener_.get(), SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
  }
  OlderRasmand(const OlderRasmand&) = delete;
  OlderRasmand& operator=(const OlderRasmand&) = delete;
  [[nodiscard]] bool bound() const { return bound_; }

 private:
  static int known(sd_bus_message* m, void*, sd_bus_error*) {
    return sd_bus_reply_method_return(m, "");
  }
  void serve() {
    static const sd_bus_vtable kVtable[] = {
        SD_BUS_VTABLE_START(0),
        SD_BUS_METHOD("ListConnections", "", "", &OlderRasmand::known, 0),
        SD_BUS_VTABLE_END,
    };
    while (!stop_) {
      int fd = ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) return;
      sd_bus* bus = nullptr;
      sd_bus_slot* slot = nullptr;
      sd_id128_t id{};
      id.qwords[0] = 1;
      if (sd_bus_new(&bus) >= 0 && sd_bus_set_fd(bus, fd, fd) >= 0 &&
          sd_bus_set_anonymous(bus, 1) >= 0 && sd_bus_set_server(bus, 1, id) >= 0 &&
          sd_bus_add_object_vtable(bus, &slot, kObjectPath, kInterface, kVtable, this) >= 0 &&
          sd_bus_start(bus) >= 0) {
        while (!stop_ && sd_bus_is_open(bus) > 0) {
          if (sd_bus_process(bus, nullptr) > 0) continue;
          (void)sd_bus_wait(bus, 50'000);
        }
      } else {
        ::close(fd);
      }
      sd_bus_slot_unref(slot);
      sd_bus_flush_close_unref(bus);
    }
  }

  UniqueFd listener_;
  bool bound_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(ClientVersion, AMethodAnOlderRasmandLacksSaysToRestartIt) {
  testing::TempDir dir;
  const std::string path = dir.file("rasman.sock");
  OlderRasmand older(path);
  ASSERT_TRUE(older.bound()) << path;
  auto client = Client::connect(path);
  ASSERT_TRUE(client) << client.error().message;
  DialRequest request;
  request.phonebook = "/etc/openras/pbk/rasphone.pbk";
  request.entry = "Office";
  auto dialled = (*client)->dial_or_join(request, DialOptions{});
  ASSERT_FALSE(dialled);
  const std::string& why = dialled.error().message;
  EXPECT_NE(why.find("DialOrJoin: rasmand on " + path + " does not know this call"),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("older than this library"), std::string::npos) << why;
  EXPECT_NE(why.find("systemctl restart rasmand"), std::string::npos) << why;
  // The connection stays: asking again gets the same answer, not "rasmand went away".
  auto again = (*client)->dial_or_join(request, DialOptions{});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, why);
}

}  // namespace
}  // namespace openras::rasman
