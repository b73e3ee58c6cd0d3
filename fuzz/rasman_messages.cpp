// rasman_messages.cpp: bytes from a client, as rasmand's server reads them.
//
// Each input is one client's whole byte stream. Its first byte picks the mode: 0 puts a
// valid AUTH dialogue in front of the rest (so mutations reach the D-Bus message parser
// and the method handlers; the corpus holds real messages captured from the client
// library); anything else sends the rest as it is (fuzzing the AUTH dialogue too). The
// server runs its real loop on one end of a socketpair, the input goes into the other,
// replies are read and discarded; the run ends when the server has closed the peer or
// after a bounded number of loop iterations. Contract: no crash, no leak, no hang.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/log.h"
#include "base/paths.h"
#include "rasman/server.h"

using namespace openras;

namespace {

// A private root for the run (StoreCredentials writes below it), removed at exit. A
// plain array, so the exit handler never sees a destroyed object.
char g_root[] = "/tmp/openras-fuzz-rasman.XXXXXX";

const Paths& fuzz_paths() {
  static Paths paths = [] {
    if (::mkdtemp(g_root) == nullptr) std::abort();
    std::atexit([] {
      std::string command = std::string("rm -rf '") + g_root + "'";
      (void)!std::system(command.c_str());
    });
    return *Paths::with_root(g_root);
  }();
  return paths;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool quiet = [] {
    if (!log::enabled(log::Level::kDebug))
      log::set_level(log::Level::kError);  // OPENRAS_DEBUG=1 shows all
    return true;
  }();
  (void)quiet;
  if (size == 0) return 0;
  std::string stream;
  static constexpr char kHandshake[] = "\0AUTH EXTERNAL\r\nDATA\r\nBEGIN\r\n";
  if (data[0] == 0) stream.assign(kHandshake, sizeof kHandshake - 1);
  stream.append(reinterpret_cast<const char*>(data) + 1, size - 1);

  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, pair) < 0) return 0;
  UniqueFd client(pair[1]);
  sd_event* event = nullptr;
  if (sd_event_new(&event) < 0) {
    ::close(pair[0]);
    return 0;
  }
  {
    rasman::Server server(event, fuzz_paths());
    if (server.add_peer(UniqueFd(pair[0]))) {
      std::size_t sent = 0;
      bool closed_write = false;
      char sink[65536];
      for (int i = 0; i < 400 && server.peer_count() > 0; ++i) {
        if (sent < stream.size()) {
          ssize_t n =
              ::send(client.get(), stream.data() + sent, stream.size() - sent, MSG_NOSIGNAL);
          if (n > 0) sent += static_cast<std::size_t>(n);
          if (n < 0 && errno != EAGAIN) sent = stream.size();  // the server hung up
        } else if (!closed_write) {
          ::shutdown(client.get(), SHUT_WR);
          closed_write = true;
        }
        while (::recv(client.get(), sink, sizeof sink, 0) > 0) {
        }
        (void)sd_event_run(event, closed_write ? 1000 : 0);
      }
    }
  }
  sd_event_unref(event);
  return 0;
}
