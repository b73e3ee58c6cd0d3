// resolved.cpp: set_link_dns() and revert_link_dns() (netif.h): systemd-resolved's Manager
// on the system bus. Each call opens its own bus connection: they happen twice per
// connection, and a connection kept open would have to follow the bus's restarts.
#include <sys/socket.h>
#include <systemd/sd-bus.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "netif/netif.h"

namespace openras::netif {
namespace {

constexpr const char* kService = "org.freedesktop.resolve1";
constexpr const char* kPath = "/org/freedesktop/resolve1";
constexpr const char* kManager = "org.freedesktop.resolve1.Manager";
constexpr uint64_t kCallTimeoutUsec = 5'000'000;  // resolved answers at once, or is stuck

struct BusClose {
  void operator()(sd_bus* bus) const { sd_bus_flush_close_unref(bus); }
};
struct MessageUnref {
  void operator()(sd_bus_message* m) const { sd_bus_message_unref(m); }
};
using Bus = std::unique_ptr<sd_bus, BusClose>;
using Message = std::unique_ptr<sd_bus_message, MessageUnref>;

const char* bus_address() {
  const char* address = std::getenv("DBUS_SYSTEM_BUS_ADDRESS");
  return address && *address ? address : "unix:path=/run/dbus/system_bus_socket";
}

Result<Bus> open_system_bus(const std::string& what) {
  sd_bus* raw = nullptr;
  const int r = sd_bus_open_system(&raw);
  if (r < 0) {
    return fail(Errc::kServiceUnavailable,
                what + ": no system bus at " + bus_address() + " (" + std::strerror(-r) +
                    "), so systemd-resolved cannot be told; report the DNS servers instead");
  }
  return Bus(raw);
}

Error bus_error(const sd_bus_error& e, int r, const std::string& what) {
  const std::string name = e.name ? e.name : "";
  const std::string text = e.message ? e.message : std::strerror(-r);
  if (name == "org.freedesktop.DBus.Error.ServiceUnknown" ||
      name == "org.freedesktop.DBus.Error.NameHasNoOwner") {
    return Error{Errc::kServiceUnavailable,
                 what + ": systemd-resolved is not running on the system bus at " + bus_address() +
                     " (" + name + "); report the DNS servers instead",
                 0};
  }
  Errc code = Errc::kIo;
  if (name == "org.freedesktop.DBus.Error.AccessDenied" ||
      name == "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired") {
    code = Errc::kAccessDenied;
  } else if (name == "org.freedesktop.resolve1.NoSuchLink") {
    code = Errc::kNotFound;
  } else if (name == "org.freedesktop.DBus.Error.NoReply" || r == -ETIMEDOUT) {
    code = Errc::kTimeout;
  }
  std::string message = what + ": systemd-resolved refused";
  if (!name.empty()) message += " with " + name;
  message += ": " + text;
  return Error{code, std::move(message), -r};
}

Status call(const std::string& what, const char* method, unsigned ifindex,
            std::span<const std::array<uint8_t, 4>>* servers) {
  auto bus = open_system_bus(what);
  if (!bus) return fail(bus.error());
  sd_bus_message* raw = nullptr;
  int r = sd_bus_message_new_method_call(bus->get(), &raw, kService, kPath, kManager, method);
  Message m(raw);
  if (r >= 0) r = sd_bus_message_append(m.get(), "i", static_cast<int32_t>(ifindex));
  if (r >= 0 && servers) {
    r = sd_bus_message_open_container(m.get(), 'a', "(iay)");
    for (const auto& server : *servers) {
      if (r >= 0) r = sd_bus_message_open_container(m.get(), 'r', "iay");
      if (r >= 0) r = sd_bus_message_append(m.get(), "i", int32_t{AF_INET});
      if (r >= 0) r = sd_bus_message_append_array(m.get(), 'y', server.data(), server.size());
      if (r >= 0) r = sd_bus_message_close_container(m.get());
    }
    if (r >= 0) r = sd_bus_message_close_container(m.get());
  }
  if (r < 0) return fail_errno(-r, what + ": building the D-Bus call");
  sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
  sd_bus_message* reply = nullptr;
  r = sd_bus_call(bus->get(), m.get(), kCallTimeoutUsec, &error, &reply);
  Message owned_reply(reply);
  if (r < 0) {
    Error e = bus_error(error, r, what);
    sd_bus_error_free(&error);
    return fail(std::move(e));
  }
  return {};
}

}  // namespace

Status set_link_dns(unsigned ifindex, std::span<const std::array<uint8_t, 4>> servers) {
  std::string what =
      "giving systemd-resolved the DNS servers of interface " + std::to_string(ifindex);
  return call(what, "SetLinkDNS", ifindex, &servers);
}

Status revert_link_dns(unsigned ifindex) {
  return call("reverting systemd-resolved's settings of interface " + std::to_string(ifindex),
              "RevertLink", ifindex, nullptr);
}

}  // namespace openras::netif
