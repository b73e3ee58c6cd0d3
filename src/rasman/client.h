// client.h: the C++ client of rasmand (docs/protocol.md), for libopenras and the tools.
//
// A Client is one peer-to-peer sd-bus connection to rasmand's socket (no bus daemon).
// Connecting waits at most ClientOptions::connect_timeout_ms (1 s): when no rasmand
// answers, connect() and every call fail with Errc::kServiceUnavailable and a message
// naming the socket. Errors rasmand answers map to Errc: AccessDenied → kAccessDenied,
// NotFound → kInvalidHandle, InvalidArgument → kInvalidArgument, AlreadyExists →
// kAlreadyExists, LimitExceeded → kOutOfMemory, NoCredentials → kNotFound,
// NotSupported → kNotSupported, DeviceNotFound → kDeviceDoesNotExist, PortNotAvailable →
// kPortNotAvailable, ProjectionNotComplete → kProjectionNotComplete; no answer in time →
// kTimeout.
//
// If rasmand goes away (restart), the next call fails with kServiceUnavailable and the
// call after it connects afresh. Connections registered over the old connection are
// gone: rasmand dropped them when it stopped.
//
// Signals: rasmand sends a client only what it subscribed to (subscribe(); docs/protocol.md
// "Subscriptions"), plus what is addressed to it alone (HangUpRequested). dial() with the
// event thread running has rasmand subscribe that thread's connection to the new dial, so
// none of its states is missed.
//
// Threads: every method may be called from any thread. start_events() runs a background
// thread that receives rasmand's signals on the Client's first connection and calls the
// handler on that thread with no lock held, so the handler may call back into the Client
// (e.g. UnregisterConnection after RasCustomHangUp). From then on, the calls that need not
// be made on that connection (all but registration, SetState and subscriptions) go on
// separate call lines (at most 4 more connections), each used by one thread at a time: a
// caller reads its own reply, which never queues behind a signal, and threads do not hand
// messages to each other. Without the event thread, every call uses the first connection
// (one mutex serialises it), so a tool makes one connection only.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/connection_identity.h"
#include "base/connection_values.h"
#include "base/result.h"
#include "rasman/protocol.h"
#include "rasman/values_codec.h"

namespace openras::rasman {

// The structures below embed the connection's identity (base/connection_identity.h) as
// their base, so it is defined once, travels whole (a slice of any of them is one) and
// keeps its fields' names; on the bus it is identity_codec.h's.
struct ConnectionInfo : ConnectionIdentity {
  uint64_t handle = 0;
  uid_t owner_uid = 0;
  pid_t pid = 0;
  uint64_t start_time = 0;  // CLOCK_REALTIME seconds
  uint32_t state = 0;       // RASCS_*
  uint32_t error = 0;
  std::string dialer;
};

// A connection as ListConnections' reply carries it, read in place: its text points into
// the reply and is valid during visit_connections' callback only.
struct ConnectionRef {
  uint64_t handle = 0;
  uid_t owner_uid = 0;
  pid_t pid = 0;
  uint64_t start_time = 0;
  uint32_t state = 0;
  uint32_t error = 0;
  std::string_view dialer;
  ConnectionIdentityRef identity;
};

// What RegisterCustomConnection sends (strings are UTF-8).
struct CustomRegistration : ConnectionIdentity {
  uint64_t handle = 0;  // the dialer's own HRASCONN
  std::string dialer;
};

// What Dial sends (strings are UTF-8); rasmand chooses the handle and fills in the
// device's type itself (device_type is not sent). The credentials go to the link
// process, which authenticates with them (at most 1,024 bytes each; all empty: none).
// The call is marked sensitive, so sd-bus wipes its buffers; the request itself is the
// caller's to wipe.
struct DialRequest : ConnectionIdentity {
  std::string user;
  std::string password;
  std::string domain;
};

struct StoredCredentials {
  std::string user;
  std::string password;
  std::string domain;
};

struct Event {
  enum class Kind {
    kHangUpRequested,
    kStateChanged,
    kConnectionAdded,
    kConnectionRemoved,
    kDisconnected /* rasmand closed the connection */
  };
  Kind kind = Kind::kStateChanged;
  uint64_t handle = 0;
  uint32_t state = 0;  // kStateChanged only
  uint32_t error = 0;  // kStateChanged only
};

struct ClientOptions {
  int connect_timeout_ms = 1000;
  int call_timeout_ms = 5000;
  // Call lines beside the event connection (at most 4); 0: every call on the first
  // connection, also with the event thread running (a sandbox that allows one socket).
  std::size_t call_lines = 4;
};

class Client {
 public:
  // Connects to the rasmand serving `socket_path` (Paths::rasman_socket()).
  [[nodiscard]] static Result<std::unique_ptr<Client>> connect(std::string socket_path,
                                                               ClientOptions options = {});
  ~Client();  // stops the event thread (never call from the handler) and closes
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  [[nodiscard]] Result<std::vector<ConnectionInfo>> list_connections();
  // ListConnections without copying: `visit` sees each record in the reply, in order (it must
  // not call the Client). On failure it may have seen some.
  [[nodiscard]] Status visit_connections(const std::function<void(const ConnectionRef&)>& visit);
  [[nodiscard]] Result<ConnectionInfo> get_connection(uint64_t handle);
  // The connection's public handle: the dialer's own when no live connection has it,
  // otherwise one rasmand allocated (an alias). Every later call and signal about the
  // connection uses the public handle.
  [[nodiscard]] Result<uint64_t> register_custom(const CustomRegistration& registration);
  [[nodiscard]] Status unregister(uint64_t handle);
  // Starts a built-in dial; the handle rasmand allocated. States follow as StateChanged.
  // kDeviceDoesNotExist for an unknown device, kPortNotAvailable for one in use.
  // With options (redials, alternates) it calls DialWithOptions, without them Dial.
  [[nodiscard]] Result<uint64_t> dial(const DialRequest& request, const DialOptions& options = {});
  // DialOrJoin: the caller's own connected built-in connection of the entry, with one more
  // reference to it (`joined`; no state follows, it is Connected), or a dial as dial() starts
  // it. One round trip where join_connection() and then dial() take two.
  struct Dialled {
    uint64_t handle = 0;
    bool joined = false;
  };
  [[nodiscard]] Result<Dialled> dial_or_join(const DialRequest& request,
                                             const DialOptions& options = {});
  [[nodiscard]] Status hang_up(uint64_t handle);
  // A dial paused in RASCS_Interactive for its terminal (DialOptions::terminal): the path
  // of the terminal's pseudo-terminal, and going on with the dial. kInvalidArgument for a
  // connection that is not paused.
  [[nodiscard]] Result<std::string> get_terminal(uint64_t handle);
  [[nodiscard]] Status resume_dial(uint64_t handle);
  // The caller's own connected built-in connection of `entry` in `phonebook`, with one more
  // reference to it (RasDial of an entry already connected; HangUp releases one); 0: none.
  [[nodiscard]] Result<uint64_t> join_connection(const std::string& phonebook,
                                                 const std::string& entry);
  // Why the built-in dial of `handle` failed, as its link or rasmand said (kInvalidHandle
  // when rasmand knows no failure of it).
  [[nodiscard]] Result<std::string> get_failure(uint64_t handle);
  // Owner or administrator. For a built-in connection rasmand asks its link, so the answer
  // may take a moment; kInvalidHandle if the connection ends meanwhile.
  [[nodiscard]] Result<ConnectionStatistics> get_statistics(uint64_t handle);
  // Resets the counters (not the duration) as GetStatistics reports them.
  [[nodiscard]] Status clear_statistics(uint64_t handle);
  // kProjectionNotComplete until the link has negotiated (always for a custom dialer's).
  [[nodiscard]] Result<PppProjection> get_projection(uint64_t handle);
  [[nodiscard]] Status set_state(uint64_t handle, uint32_t state, uint32_t error);
  [[nodiscard]] Status store_credentials(const std::string& phonebook, const std::string& entry,
                                         const StoredCredentials& credentials);
  [[nodiscard]] Result<StoredCredentials> fetch_credentials(const std::string& phonebook,
                                                            const std::string& entry);

  // Subscribes the event connection (kind, and a handle or uid as protocol.h says); answers
  // the id rasmand knows that connection by (DialOptions::subscriber). Standing
  // subscriptions (everything, an owner, the objects) are made again after a reconnection.
  [[nodiscard]] Result<uint64_t> subscribe(Subscription kind, uint64_t id = 0);
  // kNone: every subscription.
  [[nodiscard]] Status unsubscribe(Subscription kind, uint64_t id = 0);

  // Starts the event thread (once); `handler` runs on it for each signal, in order.
  [[nodiscard]] Status start_events(std::function<void(const Event&)> handler);

  [[nodiscard]] const std::string& socket_path() const;

 private:
  struct State;
  struct Lines;
  explicit Client(std::unique_ptr<State> state);
  // The event connection's id (DialOptions::subscriber), asked once per connection.
  [[nodiscard]] Result<uint64_t> event_client_id();
  // Dial, DialWithOptions (options not all default) or, with `join`, DialOrJoin.
  [[nodiscard]] Result<Dialled> dial_call(const DialRequest& request, const DialOptions& options,
                                          bool join);
  // A call on a call line once the event thread runs, on the first connection before.
  template <class Fill, class Read>
  Status call(const char* method, Fill fill, Read read);
  std::unique_ptr<State> state_;
  std::unique_ptr<Lines> lines_;
};

// Maps a D-Bus error name from rasmand to the library's Errc (exposed for tests).
[[nodiscard]] Errc errc_from_dbus_error(const char* name) noexcept;

}  // namespace openras::rasman
