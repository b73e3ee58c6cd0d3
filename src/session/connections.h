// connections.h: the session's table of the connections custom dialers made here.
//
// When RasCustomDial succeeds, RasDial records the handle the dialer returned with the
// dialer, phone book and entry, so RasHangUp(handle) reaches that dialer's RasCustomHangUp
// and RasEnumConnections / RasGetConnectStatus can report it. rasmand knows the connection
// under its public handle (docs/protocol.md "Handles"): the dialer's own, or an alias when
// another connection had that value; in this process the dialer's handle is what the
// application sees. Thread-safe: callbacks from any thread may hang up or query.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/connection_identity.h"
#include "dialer/loader.h"
#include "ras.h"

namespace openras::session {

struct Connection {
  HRASCONN handle = nullptr;  // the dialer's own: what RasDial returned here
  // rasmand's handle for it (other processes see this one); 0 while rasmand does not
  // know it (not published, publishing failed, rasmand went away).
  uint64_t public_handle = 0;
  // The dialer passed back the handle of a built-in dial it made (RDEOPT_CustomDial):
  // rasmand's own, which it may hand out again after a restart.
  bool passthrough = false;
  std::shared_ptr<dialer::Dialer> dialer;
  ConnectionIdentity identity;
  // When RasCustomDial accepted the dial (RasGetConnectionStatistics' duration without
  // a rasmand).
  std::chrono::steady_clock::time_point connected_at = std::chrono::steady_clock::now();
  // A dial that failed (or a forwarded connection that failed later): the state and error
  // RasGetConnectStatus reports until the caller's RasHangUp, which still reaches the
  // dialer; RasEnumConnections does not list it. failed_error 0: it did not fail.
  uint32_t failed_state = 0;
  uint32_t failed_error = 0;
};

class Connections {
 public:
  static Connections& instance();

  // Records a connection; a handle already present is replaced (a dialer may hand back
  // the handle of a connection it redialled).
  void add(Connection connection);
  [[nodiscard]] std::optional<Connection> find(HRASCONN handle) const;
  [[nodiscard]] std::optional<Connection> find_public(uint64_t public_handle) const;
  // Removes and returns the record, so exactly one caller hangs a connection up. A custom
  // dialer's own handle is remembered as ended until a dialer returns it again (add).
  [[nodiscard]] std::optional<Connection> take(HRASCONN handle);
  [[nodiscard]] std::optional<Connection> take_public(uint64_t public_handle);
  // Whether `handle` was a connection of this process that ended (and no dialer has
  // returned it since): here it means that connection still, not another process's
  // connection rasmand may list under the same value.
  [[nodiscard]] bool ended(HRASCONN handle) const;
  // Records rasmand's handle for a connection; false if the connection is gone.
  bool set_public(HRASCONN handle, uint64_t public_handle);
  // Marks a connection failed (Connection::failed_*); false if there is none.
  bool mark_failed(HRASCONN handle, uint32_t state, uint32_t error);
  // rasmand went away, and every registration with it.
  void forget_public();
  [[nodiscard]] std::vector<Connection> list() const;

 private:
  void remember_ended(HRASCONN handle);  // with mutex_ held

  mutable std::mutex mutex_;
  std::vector<Connection> connections_;
  std::deque<HRASCONN> ended_;  // bounded, oldest first
};

}  // namespace openras::session
