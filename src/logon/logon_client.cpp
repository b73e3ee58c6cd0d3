// logon_client.cpp: LogonDial and HangUp with sd-bus (see logon_client.h).
#include "logon/logon_client.h"

#include <systemd/sd-bus.h>

#include <cerrno>
#include <cstring>

#include "rasman/protocol.h"

namespace openras::logon {

namespace {

// A D-Bus address's value: bytes outside [-0-9A-Za-z_/.\\*] are written %XX.
std::string address_value(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 c == '-' || c == '_' || c == '/' || c == '.' || c == '\\' || c == '*';
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A peer-to-peer connection to rasmand's socket (no bus daemon, no Hello).
Result<sd_bus*> open_bus(const std::string& socket_path, uint64_t call_timeout_usec) {
  sd_bus* bus = nullptr;
  int r = sd_bus_new(&bus);
  if (r < 0) {
    return fail(Error{Errc::kOutOfMemory,
                      std::string("creating a D-Bus connection: ") + std::strerror(-r), -r});
  }
  std::string address = "unix:path=" + address_value(socket_path);
  if ((r = sd_bus_set_address(bus, address.c_str())) < 0 ||
      (r = sd_bus_set_method_call_timeout(bus, call_timeout_usec)) < 0 ||
      (r = sd_bus_start(bus)) < 0) {
    sd_bus_unref(bus);
    return fail(Errc::kServiceUnavailable,
                "rasmand does not answer at " + socket_path + " (" + std::strerror(-r) +
                    "); start it (systemctl start rasmand) before the logon stack uses it");
  }
  return bus;
}

Error call_error(const sd_bus_error& error, int r, const char* method) {
  std::string text =
      std::string(method) + ": " + (error.message ? error.message : std::strerror(-r));
  return Error{r == -ETIMEDOUT ? Errc::kTimeout : Errc::kServiceUnavailable, text, -r};
}

// The state of one LogonDialInteractive call while its questions come in.
struct Interactive {
  sd_bus* bus = nullptr;
  const Conversation* converse = nullptr;
  bool done = false;
  int r = 0;
  sd_bus_error error = SD_BUS_ERROR_NULL;
  LogonDialResult result;
};

int on_question(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto& call = *static_cast<Interactive*>(userdata);
  uint64_t dial = 0;
  uint32_t question = 0, style = 0;
  const char* text = nullptr;
  if (sd_bus_message_read(m, "tuus", &dial, &question, &style, &text) < 0) return 0;
  std::optional<std::string> answer = (*call.converse)(style, text);
  if (style > 2) return 0;                    // information: nothing to answer
  if (!answer) answer = std::string("\x1b");  // the conversation failed: cancel (see host)
  (void)sd_bus_call_method_async(call.bus, nullptr, nullptr, rasman::kObjectPath,
                                 rasman::kInterface, "LogonAnswer", nullptr, nullptr, "tus", dial,
                                 question, answer->c_str());
  return 0;
}

int on_reply(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto& call = *static_cast<Interactive*>(userdata);
  call.done = true;
  if (const sd_bus_error* e = sd_bus_message_get_error(m)) {
    sd_bus_error_copy(&call.error, e);
    call.r = -sd_bus_message_get_errno(m);
    return 0;
  }
  call.r = sd_bus_message_read(m, "ut", &call.result.result, &call.result.handle);
  return 0;
}

}  // namespace

Result<LogonDialResult> logon_dial_interactive(const std::string& socket_path,
                                               const std::string& entry, unsigned timeout_seconds,
                                               const Conversation& converse) {
  uint64_t timeout_usec = (uint64_t{timeout_seconds} + 10) * 1'000'000;
  auto bus = open_bus(socket_path, timeout_usec);
  if (!bus) return fail(bus.error());
  Interactive call;
  call.bus = *bus;
  call.converse = &converse;
  sd_bus_slot* match = nullptr;
  int r = sd_bus_match_signal(*bus, &match, nullptr, rasman::kObjectPath, rasman::kInterface,
                              "LogonQuestion", on_question, &call);
  if (r >= 0) {
    r = sd_bus_call_method_async(*bus, nullptr, nullptr, rasman::kObjectPath, rasman::kInterface,
                                 "LogonDialInteractive", on_reply, &call, "su", entry.c_str(),
                                 timeout_seconds);
  }
  // The method call's own time-out (sd-bus's) ends the wait if rasmand never answers.
  while (r >= 0 && !call.done) {
    r = sd_bus_process(*bus, nullptr);
    if (r == 0) r = sd_bus_wait(*bus, UINT64_MAX);
  }
  Result<LogonDialResult> out = call.result;
  if (r < 0) {
    out = tl::unexpected<Error>(call_error(call.error, r, "LogonDialInteractive"));
  } else if (call.r < 0) {
    out = tl::unexpected<Error>(call_error(call.error, call.r, "LogonDialInteractive"));
  }
  sd_bus_error_free(&call.error);
  sd_bus_slot_unref(match);
  sd_bus_flush_close_unref(*bus);
  return out;
}

Result<LogonDialResult> logon_dial(const std::string& socket_path, const std::string& entry,
                                   unsigned timeout_seconds) {
  // rasmand answers within the time-out it was given (it kills a host that takes longer);
  // the margin covers starting the host.
  auto bus = open_bus(socket_path, (uint64_t{timeout_seconds} + 10) * 1'000'000);
  if (!bus) return fail(bus.error());
  sd_bus_error error = SD_BUS_ERROR_NULL;
  sd_bus_message* reply = nullptr;
  int r = sd_bus_call_method(*bus, nullptr, rasman::kObjectPath, rasman::kInterface, "LogonDial",
                             &error, &reply, "su", entry.c_str(), timeout_seconds);
  LogonDialResult result;
  if (r >= 0) r = sd_bus_message_read(reply, "ut", &result.result, &result.handle);
  Result<LogonDialResult> out = result;
  if (r < 0) out = tl::unexpected<Error>(call_error(error, r, "LogonDial"));
  sd_bus_error_free(&error);
  sd_bus_message_unref(reply);
  sd_bus_flush_close_unref(*bus);
  return out;
}

Status logon_hang_up(const std::string& socket_path, uint64_t handle) {
  auto bus = open_bus(socket_path, 10'000'000);
  if (!bus) return fail(bus.error());
  sd_bus_error error = SD_BUS_ERROR_NULL;
  int r = sd_bus_call_method(*bus, nullptr, rasman::kObjectPath, rasman::kInterface, "HangUp",
                             &error, nullptr, "t", handle);
  Status out;
  if (r < 0) out = tl::unexpected<Error>(call_error(error, r, "HangUp"));
  sd_bus_error_free(&error);
  sd_bus_flush_close_unref(*bus);
  return out;
}

}  // namespace openras::logon
