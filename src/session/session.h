// session.h: libopenras's side of connections, behind one door (docs/protocol.md
// "Handles", docs/abi.md "Connection notifications").
//
// The Session owns everything a process knows about connections: its rasmand client
// (service.h), the handle translation between the dialer's handles used here and the
// public handles rasmand knows, the table of this process's built-in dials
// (builtin_dial.h) and of the connections its custom dialers made (connections.h), and
// the fan-out of RasConnectionNotification events (notifications.h). rasapi calls only
// this header; the other headers of this folder are the session's own.
//
// Threads: every method may be called from any thread, including a RasDial notifier.
// rasmand's signals arrive on the client's event thread; a built-in dial's notifier runs
// wherever the delivery hook (set_delivery) puts it, on that thread by default.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/connection_identity.h"
#include "base/result.h"
#include "dialer/dispatch.h"
#include "ras.h"
#include "rasman/client.h"

namespace openras::win32 {
class Event;
}

namespace openras::session {

// A connection as RAS reports it, whichever side knows it, under the handle this
// process reports it by.
struct ConnectionView {
  HRASCONN handle = nullptr;
  ConnectionIdentity identity;
  RASCONNSTATE state = RASCS_Connected;
  DWORD error = 0;
};

// The same, its text living elsewhere for the length of a visit (visit_connections).
struct ConnectionRefView {
  HRASCONN handle = nullptr;
  ConnectionIdentityRef identity;
  RASCONNSTATE state = RASCS_Connected;
  DWORD error = 0;
};

using Statistics = rasman::ConnectionStatistics;
using Projection = PppProjection;

// Runs one notifier call (a built-in dial's RASDIALFUNC*): the hook calls `call` exactly
// once, on the thread it chooses, in the order it was given. A dialog's UI thread posts it
// to its queue; the default runs it at once on the client's event thread.
using Delivery = std::function<void(std::function<void()> call)>;

// RasConnectionNotification's handle for "every connection".
inline const HRASCONN kEveryConnection = reinterpret_cast<HRASCONN>(INVALID_HANDLE_VALUE);

// While it lives, the dial dialog of an entry (its phone book's path and its name, UTF-8, as
// the dialog was given them; an empty phone book matches any) hears when a connection of
// that entry held by this process is hung up from elsewhere: by another program through
// rasmand (a custom connection's HangUpRequested; a built-in dial of ours ending without
// an error and without our RasHangUp), or by RasHangUp on another thread of this process,
// outside a RasDial notifier. `on_hung_up(why)` runs once, on the thread that saw it, with
// no lock held. How the host cancels a custom dialer's RasCustomDialDlg
// (docs/dialogs.md "Cancel semantics").
class DialogWatch {
 public:
  DialogWatch(std::string phonebook, std::string entry,
              std::function<void(const std::string&)> on_hung_up);
  ~DialogWatch();
  DialogWatch(const DialogWatch&) = delete;
  DialogWatch& operator=(const DialogWatch&) = delete;

 private:
  uint64_t id_ = 0;
};

class Session {
 public:
  // The process's session, made on first use and never destroyed (the client's event
  // thread may still use it while the process runs its exit handlers).
  static Session& instance();

  // RasDial of an entry without a custom dialer, or a dialer's own call with
  // RDEOPT_CustomDial: rasmand dials it (builtin_dial.h says how states reach the
  // notifier). The RAS code; *handle is set whenever rasmand accepted the dial.
  // `dial_options`: RASDIALEXTENSIONS' dwfOptions (0 without them).
  [[nodiscard]] DWORD dial_builtin(const dialer::EntryInfo& entry, const RASDIALPARAMSW& params,
                                   DWORD dial_options, DWORD notifier_type, LPVOID notifier,
                                   LPHRASCONN handle);
  // RasDial with a paused dial's handle, and OpenRasOpenTerminal (builtin_dial.h).
  [[nodiscard]] DWORD resume_builtin(HRASCONN handle, DWORD notifier_type, LPVOID notifier);
  [[nodiscard]] DWORD open_terminal(HRASCONN handle, int* fd);
  // OpenRasGetErrorDetail: why a call (handle NULL: this thread's last RasDial) or the dial
  // of `handle` failed, in words (builtin_dial.h); clear_detail() as a RasDial starts.
  [[nodiscard]] std::string error_detail(HRASCONN handle);
  void clear_detail();
  void note_detail(std::string detail);

  // RasDial of an entry whose dialer dials it: loads the dialer, calls its RasCustomDial
  // in `context`, and records what it returned — the handle (even for a failed dial: the
  // caller must still RasHangUp it, and that must reach the dialer), its publication to
  // rasmand once the dialer accepted the dial, and the notifications of its arrival.
  [[nodiscard]] DWORD dial_custom(const dialer::EntryInfo& entry, dialer::DialContext context,
                                  LPRASDIALEXTENSIONS extensions, LPCWSTR phonebook,
                                  LPRASDIALPARAMSW params, DWORD notifier_type, LPVOID notifier,
                                  LPHRASCONN handle);

  // RasHangUp: a custom connection of ours reaches its dialer's RasCustomHangUp here;
  // a built-in dial of ours or another process's connection goes to rasmand. The RAS code.
  [[nodiscard]] DWORD hang_up(HRASCONN handle);

  // Every connection the caller may see (RasEnumConnections), each once, to `visit`:
  // rasmand's straight from its reply (the view's text is valid during the call only; `visit`
  // must not call the session), then ours it does not hold; ours under the dialer's handle.
  void visit_connections(const std::function<void(const ConnectionRefView&)>& visit);
  // One connection by the handle this process knows it by (RasGetConnectStatus).
  [[nodiscard]] std::optional<ConnectionView> connection(HRASCONN handle);

  // GetStatistics / ClearStatistics / GetProjection for a connection (rasmand's answer;
  // for one of ours rasmand does not hold, what this process knows).
  [[nodiscard]] Result<Statistics> statistics(HRASCONN handle);
  [[nodiscard]] Status clear_statistics(HRASCONN handle);
  [[nodiscard]] Result<Projection> projection(HRASCONN handle);

  // RasConnectionNotification: `event` is set for `flags` on `handle` (kEveryConnection:
  // every connection). kInvalidHandle for a handle that is no connection the caller sees.
  [[nodiscard]] Status notify(HRASCONN handle, std::shared_ptr<win32::Event> event, uint32_t flags);

  // Where built-in dials' notifiers run from now on; an empty hook restores the default.
  void set_delivery(Delivery delivery);

 private:
  Session() = default;
};

}  // namespace openras::session
