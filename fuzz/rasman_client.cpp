// rasman_client.cpp: bytes from a service, as the rasman client library reads them
// (src/rasman/client.cpp): the replies to each call and the signals in between.
//
// The harness plays rasmand on a real Unix socket: it answers the client's D-Bus AUTH with
// OK, waits for the client's call, then sends the input's bytes after the first and closes
// its side. The first byte picks the call the client makes (its reply is what the corpus
// holds, each seed a real message with reply serial 1, the client's first call). Contract:
// no crash, no leak, no hang; an answer that does not fit is an error, never a value.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "base/unique_fd.h"
#include "rasman/client.h"

using namespace openras;

namespace {

// The listening socket, made once in a private directory removed at exit. Plain arrays,
// so the exit handler never sees a destroyed object.
char g_dir[] = "/tmp/openras-fuzz-client.XXXXXX";
char g_socket[sizeof g_dir + 16];

int listener() {
  static int fd = [] {
    if (::mkdtemp(g_dir) == nullptr) std::abort();
    std::snprintf(g_socket, sizeof g_socket, "%s/sock", g_dir);
    std::atexit([] {
      ::unlink(g_socket);
      ::rmdir(g_dir);
    });
    int s = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, g_socket, sizeof address.sun_path - 1);
    if (s < 0 || ::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(s, 4) != 0) {
      std::abort();
    }
    return s;
  }();
  return fd;
}

// Reads what the client sends until `done` says it has all it waits for, or 1 s passes
// with nothing new.
template <typename Done>
bool read_until(int fd, std::string& seen, Done done) {
  while (!done(seen)) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 1000) <= 0) return false;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    seen.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

// Whether the client closes its end within `ms` of silence (what it sends is dropped).
bool closes_within(int fd, int ms) {
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, ms) <= 0) return false;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return true;
  }
}

// rasmand's side of one connection: the AUTH dialogue, then the input after the call.
void serve(const uint8_t* data, std::size_t size) {
  pollfd incoming{listener(), POLLIN, 0};
  if (::poll(&incoming, 1, 2000) <= 0) return;  // the client never connected
  UniqueFd peer(::accept4(listener(), nullptr, nullptr, SOCK_CLOEXEC));
  if (!peer) return;
  std::string seen;
  if (!read_until(peer.get(), seen,
                  [](const std::string& s) { return s.find("\r\n") != std::string::npos; })) {
    return;
  }
  // sd-bus sends AUTH EXTERNAL without a response, then DATA: each gets its answer.
  static constexpr char kOk[] = "DATA\r\nOK 0123456789abcdef0123456789abcdef\r\n";
  if (::send(peer.get(), kOk, sizeof kOk - 1, MSG_NOSIGNAL) < 0) return;
  // BEGIN, then the call's 16-byte fixed header at least.
  if (!read_until(peer.get(), seen, [](const std::string& s) {
        auto begin = s.find("BEGIN\r\n");
        return begin != std::string::npos && s.size() >= begin + 7 + 16;
      })) {
    return;
  }
  std::size_t sent = 0;
  while (sent < size) {
    ssize_t n = ::send(peer.get(), data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  // A reply that fits ends the call, and the client closes; one that does not leaves it
  // waiting, so after 100 ms of silence the end of the stream tells it no reply will come.
  if (closes_within(peer.get(), 100)) return;
  ::shutdown(peer.get(), SHUT_WR);
  (void)closes_within(peer.get(), 1000);
}

void call(rasman::Client& client, uint8_t which) {
  switch (which % 9) {
    case 0:
      (void)client.list_connections();
      break;
    case 1:
      (void)client.get_connection(1);
      break;
    case 2:
      (void)client.get_statistics(1);
      break;
    case 3:
      (void)client.get_projection(1);
      break;
    case 4:
      (void)client.fetch_credentials("/pbk", "Office");
      break;
    case 5: {
      rasman::DialRequest request;
      request.phonebook = "/pbk";
      request.entry = "Office";
      request.device_name = "Test0";
      request.phone_number = "1";
      (void)client.dial(request);
      break;
    }
    case 6: {
      rasman::CustomRegistration registration;
      registration.handle = 1;
      registration.dialer = "/d.so";
      registration.entry = "Office";
      (void)client.register_custom(registration);
      break;
    }
    case 7:
      (void)client.hang_up(1);
      break;
    default:
      (void)client.clear_statistics(1);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  (void)listener();
  std::thread server([data, size] { serve(data + 1, size - 1); });
  {
    rasman::ClientOptions options;
    options.connect_timeout_ms = 1000;
    options.call_timeout_ms = 1000;
    // Every call on the one connection the harness serves, also with the event thread
    // running: the replies and the signals between them reach the client's readers.
    options.call_lines = 0;
    auto client = rasman::Client::connect(g_socket, options);
    if (client) {
      // Events: signals in the input reach the parser that turns them into events.
      (void)(*client)->start_events([](const rasman::Event&) {});
      call(**client, data[0]);
    }
  }
  server.join();
  return 0;
}
