// session.cpp: the door (see session.h). Each method is what one RAS call does with this
// process's connections; the tables and the client it uses are this folder's other files.
#include "session/session.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "base/log.h"
#include "raserror.h"
#include "session/builtin_dial.h"
#include "session/connections.h"
#include "session/dialog_watch.h"
#include "session/notifications.h"
#include "session/service.h"
#include "win32/events.h"

namespace openras::session {

namespace {

uint64_t key(HRASCONN handle) { return reinterpret_cast<uintptr_t>(handle); }
HRASCONN as_handle(uint64_t value) {
  return reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(value));
}

// A custom dialer's connection in this process is reported connected from the moment
// RasCustomDial succeeded until it is hung up (its progress went to the caller's
// notifier); rasmand reports the state the owning process last gave it.
ConnectionView view_of(const Connection& c) {
  if (c.failed_error != 0) {
    return ConnectionView{c.handle, c.identity, static_cast<RASCONNSTATE>(c.failed_state),
                          c.failed_error};
  }
  return ConnectionView{c.handle, c.identity, RASCS_Connected, 0};
}

ConnectionView view_of(const rasman::ConnectionInfo& r, uint64_t here) {
  return ConnectionView{as_handle(here), r, static_cast<RASCONNSTATE>(r.state), r.error};
}

// rasmand's answer for `handle` (a connection of ours asked under its public handle);
// without a rasmand, or for one of ours rasmand does not know, a connection of this process.
template <class T, class Call, class Local>
Result<T> ask(HRASCONN handle, Call&& call, Local&& local) {
  std::optional<uint64_t> on_bus = service_handle(handle);
  auto client = on_bus ? service_client() : Result<rasman::Client*>(nullptr);
  if (client && *client) {
    auto answer = call(**client, *on_bus);
    if (answer || answer.error().code != Errc::kServiceUnavailable) {
      // A connection of ours that rasmand does not hold (publishing failed) is local.
      if (answer || answer.error().code != Errc::kInvalidHandle ||
          !Connections::instance().find(handle)) {
        return answer;
      }
    } else {
      service_call_failed(answer.error());
    }
  }
  if (auto c = Connections::instance().find(handle)) return local(*c);
  return fail(Errc::kInvalidHandle, "no such connection");
}

}  // namespace

Session& Session::instance() {
  static auto* session = new Session;  // never destroyed: see session.h
  return *session;
}

namespace {

// A process that ends with custom connections still up hangs each up first, through its
// dialer's RasCustomHangUp, as a Windows process's end reaches its DLLs: a program that
// forgot RasHangUp never leaves a dialer's modem off-hook. Registered once the first such
// connection is recorded, after its dialer was loaded, so it runs before the loader's own
// DLL_PROCESS_DETACH (exit handlers run last-registered first). A normal exit only: a
// process killed by a signal runs no handler (rasmand then drops its records).
void hang_up_at_exit() {
  for (const Connection& c : Connections::instance().list()) {
    LOG_DEBUG("the process is ending with connection %p of %s up: hanging it up",
              static_cast<void*>(c.handle), c.dialer ? c.dialer->path().c_str() : "?");
    (void)Session::instance().hang_up(c.handle);
  }
}

void hang_up_at_exit_once() {
  static std::once_flag once;
  std::call_once(once, [] { std::atexit(hang_up_at_exit); });
}

}  // namespace

DWORD Session::dial_builtin(const dialer::EntryInfo& entry, const RASDIALPARAMSW& params,
                            DWORD dial_options, DWORD notifier_type, LPVOID notifier,
                            LPHRASCONN handle) {
  return builtin_dial(entry, params, dial_options, notifier_type, notifier, handle);
}

DWORD Session::resume_builtin(HRASCONN handle, DWORD notifier_type, LPVOID notifier) {
  return builtin_resume(handle, notifier_type, notifier);
}

DWORD Session::open_terminal(HRASCONN handle, int* fd) { return builtin_open_terminal(handle, fd); }

std::string Session::error_detail(HRASCONN handle) { return session::error_detail(handle); }

void Session::clear_detail() { set_last_detail({}); }

void Session::note_detail(std::string detail) { set_last_detail(std::move(detail)); }

DWORD Session::dial_custom(const dialer::EntryInfo& entry, dialer::DialContext context,
                           LPRASDIALEXTENSIONS ext, LPCWSTR phonebook, LPRASDIALPARAMSW params,
                           DWORD notifier_type, LPVOID notifier, LPHRASCONN handle) {
  auto dialer = dialer::load_for_entry(entry);
  if (!dialer) {
    set_last_detail(dialer.error().message);
    return win32_code(dialer.error());
  }
  DWORD rc = (*dialer)->dial(context, ext, phonebook, params, notifier_type, notifier, handle);
  if (*handle != nullptr) {
    // Recorded even when the dial failed: the caller must still RasHangUp the handle,
    // and that must reach the dialer.
    Connection c;
    c.handle = *handle;
    c.dialer = *dialer;
    c.identity =
        identity_of(entry, params->szPhoneNumber[0] ? std::wstring_view(params->szPhoneNumber)
                                                    : std::wstring_view(entry.phone_number));
    // Published once the dialer accepted the dial, so other processes see it (a handle
    // from a built-in dial the dialer made is in rasmand already, under that handle). Its
    // progress goes straight to the caller's notifier, so — as RasGetConnectStatus does in
    // this process — it is reported connected from here on (docs/abi.md). Recorded first,
    // so that rasmand's signals about it find it.
    bool passthrough = builtin_known(*handle);
    bool custom_only = rc == ERROR_SUCCESS && !passthrough;
    c.passthrough = passthrough;
    if (passthrough) c.public_handle = key(*handle);
    if (rc != ERROR_SUCCESS) {
      // Failed, yet the caller must RasHangUp it: reported failed until then. A forwarded
      // dial failed in the state the built-in dial reached; the dialer's own, when it ended.
      auto underneath = passthrough ? builtin_failed(*handle) : std::nullopt;
      c.failed_state = underneath ? underneath->state : static_cast<uint32_t>(RASCS_Disconnected);
      c.failed_error = rc;
    }
    auto previous = Connections::instance().find(*handle);
    if (previous && !passthrough) c.public_handle = previous->public_handle;  // a redial
    // Another process's connection this process knew under the same value is hidden here
    // from now on (docs/abi.md); ours must signal its own arrival.
    if (!previous && custom_only) note_reused(key(*handle));
    Connections::instance().add(std::move(c));
    hang_up_at_exit_once();
    if (custom_only) publish(*handle, RASCS_Connected);
    if (custom_only) note_connected(key(*handle));
  } else if (rc == ERROR_SUCCESS) {
    LOG_DEBUG("RasCustomDial of %s succeeded without a handle", (*dialer)->path().c_str());
    return ERROR_INVALID_HANDLE;
  }
  return rc;
}

DWORD Session::hang_up(HRASCONN handle) {
  std::optional<Connection> c = Connections::instance().take(handle);
  if (!c) {
    // A built-in dial of ours (its notifications stop here) or another process's.
    std::optional<ConnectionIdentity> dialled = builtin_forget(handle);
    bool ours = dialled.has_value();
    if (dialled) hung_up_here(*dialled);
    DWORD rc = remote_hang_up(handle);
    // A built-in dial that already failed or dropped is gone from rasmand; releasing
    // its handle still succeeds, as on Windows.
    return ours && rc == ERROR_INVALID_HANDLE ? ERROR_SUCCESS : rc;
  }
  hung_up_here(c->identity);
  DWORD rc = c->dialer->hang_up(c->handle);
  withdraw(*c);
  note_disconnected(key(handle));
  return rc;
}

// rasmand's list (which holds ours too, under their public handles) plus any of ours
// rasmand does not know (it is not running, or publishing failed). Ours are reported once,
// under the dialer's handle that RasDial returned here; another process's connection whose
// public handle equals one of those (live or ended) is not reported here, where that value
// means ours (docs/abi.md).
void Session::visit_connections(const std::function<void(const ConnectionRefView&)>& visit) {
  std::vector<Connection> ours = Connections::instance().list();
  std::vector<bool> listed(ours.size(), false);
  bool remote = visit_remote_connections([&](const rasman::ConnectionRef& r) {
    for (std::size_t i = 0; i < ours.size(); ++i) {
      if (ours[i].public_handle != 0 && ours[i].public_handle == r.handle) listed[i] = true;
    }
    if (auto here = handle_here(r.handle)) {
      visit(ConnectionRefView{as_handle(*here), r.identity, static_cast<RASCONNSTATE>(r.state),
                              r.error});
    }
  });
  for (std::size_t i = 0; i < ours.size(); ++i) {
    const Connection& c = ours[i];
    if (c.failed_error != 0) continue;  // until RasHangUp, for RasGetConnectStatus only
    if (remote && listed[i]) continue;
    ConnectionView v = view_of(c);
    visit(ConnectionRefView{v.handle, ConnectionIdentityRef(v.identity), v.state, v.error});
  }
}

std::optional<ConnectionView> Session::connection(HRASCONN handle) {
  if (auto local = Connections::instance().find(handle)) return view_of(*local);
  if (auto remote = remote_connection(handle)) return view_of(*remote, key(handle));
  if (auto failed = builtin_failed(handle)) {
    ConnectionView v;
    v.handle = handle;
    v.identity = std::move(failed->identity);
    v.state = static_cast<RASCONNSTATE>(failed->state);
    v.error = failed->error;
    return v;
  }
  return std::nullopt;
}

Result<Statistics> Session::statistics(HRASCONN handle) {
  return ask<Statistics>(
      handle, [&](rasman::Client& c, uint64_t h) { return c.get_statistics(h); },
      [](const Connection& c) -> Result<Statistics> {
        Statistics s;
        auto since = std::chrono::steady_clock::now() - c.connected_at;
        s.connect_duration_ms = static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(since).count());
        return s;
      });
}

Status Session::clear_statistics(HRASCONN handle) {
  auto cleared = ask<bool>(
      handle,
      [&](rasman::Client& c, uint64_t h) -> Result<bool> {
        auto ok = c.clear_statistics(h);
        if (!ok) return fail(ok.error());
        return true;
      },
      // Nothing is counted for a connection with no link.
      [](const Connection&) -> Result<bool> { return true; });
  if (!cleared) return fail(cleared.error());
  return {};
}

Result<Projection> Session::projection(HRASCONN handle) {
  return ask<Projection>(
      handle, [&](rasman::Client& c, uint64_t h) { return c.get_projection(h); },
      [](const Connection&) -> Result<Projection> {
        return fail(Errc::kProjectionNotComplete,
                    "a custom dialer's connection has no projection recorded");
      });
}

Status Session::notify(HRASCONN handle, std::shared_ptr<win32::Event> event, uint32_t flags) {
  bool all = handle == kEveryConnection;
  uint64_t wanted = all ? kAllConnections : key(handle);
  // With a rasmand, its signals reach us from here on (subscribed before listing, so no
  // change falls between); what is up now can only end.
  bool known = false;
  if (auto client = service_client(); client) {
    if (all) {
      (void)follow_everything();
    } else if (std::optional<uint64_t> on_bus = service_handle(handle)) {
      (void)(*client)->subscribe(rasman::Subscription::kConnection, *on_bus);
    }
    auto list = (*client)->list_connections();
    if (!list) {
      service_call_failed(list.error());
    } else {
      for (const auto& info : *list) {
        // Ours under the dialer's handle; another's under its public handle.
        auto here = handle_here(info.handle);
        if (!here) continue;
        if (info.state == RASCS_Connected) note_live(*here);
        known = known || *here == wanted;
      }
    }
  }
  for (const auto& c : Connections::instance().list()) {
    note_live(key(c.handle));
    known = known || key(c.handle) == wanted;
  }
  if (!all && !known) return fail(Errc::kInvalidHandle, "no such connection to watch");
  return add_notification(wanted, std::move(event), flags);
}

void Session::set_delivery(Delivery delivery) { session::set_delivery(std::move(delivery)); }

}  // namespace openras::session
