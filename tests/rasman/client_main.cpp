// rasman-test-client: drives rasmand through the client library (src/rasman/client.h)
// for the end-to-end tests. Errors print "error: <Errc name>: <message>" and exit 1.
//
//   rasman-test-client SOCKET list | get H | hangup H | unregister H | set-state H S E
//   rasman-test-client SOCKET register H ENTRY        (registers, then exits: the record
//                                                        goes with the connection)
//   rasman-test-client SOCKET hold H ENTRY [SECONDS]   registers H, prints "registered",
//       answers HangUpRequested as libopenras will (unregister), exits when H is gone
//   rasman-test-client SOCKET store-cred PBK ENTRY USER PASSWORD DOMAIN | fetch-cred PBK ENTRY
//   rasman-test-client SOCKET poll-list SECONDS        lists every 100 ms on ONE client,
//       printing each change of outcome ("ok N", "kServiceUnavailable")
//   rasman-test-client SOCKET open-many N             opens N idle sockets, prints how many
//       rasmand closed within a second ("closed K of N")
//   rasman-test-client PATH notify-listen SECONDS     a NOTIFY_SOCKET: prints each datagram
//       sd_notify sends to PATH, until STOPPING=1 or SECONDS pass
//   rasman-test-client SOCKET garbage BYTES [handshake] writes random bytes on a raw socket
//       (after a valid AUTH dialogue with "handshake")
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/unique_fd.h"
#include "rasman/client.h"

using namespace openras;
using namespace openras::rasman;

namespace {

int report(const Error& error) {
  std::printf("error: %s: %s\n", std::string(errc_name(error.code)).c_str(), error.message.c_str());
  return 1;
}

void print(const ConnectionInfo& c) {
  std::printf("handle=0x%llx uid=%u pid=%d state=%u error=%u entry=%s dialer=%s\n",
              static_cast<unsigned long long>(c.handle), c.owner_uid, c.pid, c.state, c.error,
              c.entry.c_str(), c.dialer.c_str());
}

uint64_t number(const char* text) { return std::strtoull(text, nullptr, 0); }

CustomRegistration registration(const char* handle, const char* entry) {
  CustomRegistration r;
  r.handle = number(handle);
  r.dialer = "/usr/lib/openras/dialers/example.so";
  r.phonebook = "/etc/openras/pbk/rasphone.pbk";
  r.entry = entry;
  r.device_type = "modem";
  r.device_name = "Test Modem";
  r.phone_number = "555-0100";
  return r;
}

int garbage(const std::string& path, std::size_t bytes, bool handshake) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) {
    std::perror("connect");
    return 1;
  }
  timeval tv{5, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::mt19937 rng(12345);
  std::string data(bytes, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  if (handshake) {
    // A valid AUTH dialogue first, so the garbage reaches the message parser.
    std::string uid = std::to_string(::getuid());
    std::string hex;
    for (char c : uid) {
      char two[3];
      std::snprintf(two, sizeof two, "%02x", static_cast<unsigned char>(c));
      hex += two;
    }
    data.insert(0, std::string(1, '\0') + "AUTH EXTERNAL " + hex + "\r\nBEGIN\r\n");
  }
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd.get(), data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // rasmand closed the connection: what we expect, sooner or later
    sent += static_cast<std::size_t>(n);
  }
  char buf[4096];
  std::size_t answered = 0;
  ssize_t n = 0;
  while ((n = ::recv(fd.get(), buf, sizeof buf, 0)) > 0) answered += static_cast<std::size_t>(n);
  std::printf("sent %zu of %zu bytes; rasmand answered %zu bytes and %s\n", sent, bytes, answered,
              n == 0 || errno == ECONNRESET ? "closed the connection" : "kept it open");
  return 0;
}

int open_many(const std::string& path, int count) {
  std::vector<UniqueFd> fds;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  for (int i = 0; i < count; ++i) {
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) break;
    fds.push_back(std::move(fd));
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  int closed = 0;
  for (const UniqueFd& fd : fds) {
    char byte = 0;
    closed += ::recv(fd.get(), &byte, 1, MSG_DONTWAIT) == 0;
  }
  std::printf("closed %d of %zu\n", closed, fds.size());
  return 0;
}

int notify_listen(const std::string& path, int seconds) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  ::unlink(path.c_str());
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) {
    std::perror("bind");
    return 1;
  }
  std::printf("listening\n");
  std::fflush(stdout);
  timeval tv{seconds, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[4096];
  ssize_t n = 0;
  while ((n = ::recv(fd.get(), buf, sizeof buf - 1, 0)) > 0) {
    std::string message(buf, static_cast<std::size_t>(n));
    std::printf("%s\n", message.c_str());
    std::fflush(stdout);
    if (message.find("STOPPING=1") != std::string::npos) break;
  }
  return 0;
}

int hold(Client& client, const char* handle_text, const char* entry, int seconds) {
  // The public handle rasmand answers (the requested one, or an alias if it is in use).
  static std::atomic<uint64_t> handle{0};
  static std::atomic<bool> gone{false};  // the event thread may run until main() returns
  auto started = client.start_events([&](const Event& e) {
    if (e.kind == Event::Kind::kHangUpRequested && e.handle == handle) {
      // Here libopenras calls the dialer's RasCustomHangUp, then unregisters.
      std::printf("hangup-requested 0x%llx\n", static_cast<unsigned long long>(e.handle));
      auto ok = client.unregister(handle);
      std::printf("unregister: %s\n", ok ? "ok" : std::string(errc_name(ok.error().code)).c_str());
      std::fflush(stdout);
      gone = true;
    } else if (e.kind == Event::Kind::kConnectionRemoved && e.handle == handle) {
      gone = true;
    } else if (e.kind == Event::Kind::kDisconnected) {
      std::printf("disconnected\n");
      std::fflush(stdout);
      gone = true;
    }
  });
  if (!started) return report(started.error());
  auto registered = client.register_custom(registration(handle_text, entry));
  if (!registered) return report(registered.error());
  handle = *registered;
  std::printf("registered 0x%llx\n", static_cast<unsigned long long>(*registered));
  std::fflush(stdout);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!gone && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::printf(gone ? "done\n" : "timeout\n");
  return gone ? 0 : 3;
}

int poll_list(const std::string& path, int seconds) {
  std::unique_ptr<Client> client;
  std::string last;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string outcome;
    if (!client) {
      auto made = Client::connect(path);
      if (made) {
        client = std::move(*made);
      } else {
        outcome = std::string(errc_name(made.error().code));
      }
    }
    if (client) {
      auto list = client->list_connections();
      outcome =
          list ? "ok " + std::to_string(list->size()) : std::string(errc_name(list.error().code));
    }
    if (outcome != last) {
      std::printf("%s\n", outcome.c_str());
      std::fflush(stdout);
      last = outcome;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s SOCKET COMMAND [ARGS]\n", argv[0]);
    return 2;
  }
  std::string path = argv[1];
  std::string command = argv[2];
  auto arg = [&](int i) -> const char* { return i < argc ? argv[i] : ""; };
  if (command == "garbage")
    return garbage(path, number(arg(3)), std::strcmp(arg(4), "handshake") == 0);
  if (command == "open-many") return open_many(path, std::atoi(arg(3)));
  if (command == "notify-listen") return notify_listen(path, std::atoi(arg(3)));
  if (command == "poll-list") return poll_list(path, std::atoi(arg(3)));
  auto client = Client::connect(path);
  if (!client) return report(client.error());
  Client& c = **client;
  if (command == "list") {
    auto list = c.list_connections();
    if (!list) return report(list.error());
    for (const auto& info : *list) print(info);
    std::printf("%zu connections\n", list->size());
    return 0;
  }
  if (command == "get") {
    auto info = c.get_connection(number(arg(3)));
    if (!info) return report(info.error());
    print(*info);
    return 0;
  }
  if (command == "fetch-cred") {
    auto got = c.fetch_credentials(arg(3), arg(4));
    if (!got) return report(got.error());
    std::printf("user=%s password=%s domain=%s\n", got->user.c_str(), got->password.c_str(),
                got->domain.c_str());
    return 0;
  }
  if (command == "hold") return hold(c, arg(3), arg(4), argc > 5 ? std::atoi(arg(5)) : 30);
  Status done = fail(Errc::kInvalidArgument, "unknown command " + command);
  if (command == "register") {
    auto registered = c.register_custom(registration(arg(3), arg(4)));
    if (!registered) return report(registered.error());
    std::printf("registered 0x%llx\n", static_cast<unsigned long long>(*registered));
    done = {};
  }
  if (command == "hangup") done = c.hang_up(number(arg(3)));
  if (command == "unregister") done = c.unregister(number(arg(3)));
  if (command == "set-state") {
    done = c.set_state(number(arg(3)), static_cast<uint32_t>(number(arg(4))),
                       static_cast<uint32_t>(number(arg(5))));
  }
  if (command == "store-cred") done = c.store_credentials(arg(3), arg(4), {arg(5), arg(6), arg(7)});
  if (!done) return report(done.error());
  std::printf("ok\n");
  return 0;
}
