// server_logon.cpp: LogonDial (docs/protocol.md, docs/logon.md): an administrator (the PAM
// module, running in login, sshd or a display manager as root) asks rasmand to dial an
// all-users entry at logon. rasmand starts a logon host for it (logon_host.h) and answers
// when the host reports its dial: (result, handle), result 0 when connected. The
// connection is then root's and outlives the caller.
#include <cstring>

#include "base/log.h"
#include "raserror.h"
#include "rasman/protocol.h"
#include "rasman/server.h"

namespace openras::rasman {

int logon_dial_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  const char* entry = nullptr;
  uint32_t timeout_seconds = 0;
  int r = sd_bus_message_read(m, "su", &entry, &timeout_seconds);
  if (r < 0) return bad_message(error, "LogonDial", r);
  Caller caller = peer.server->caller_of(peer, m);
  if (!caller.admin) {
    return refuse_call(
        error, caller, "LogonDial", 0,
        Error{Errc::kAccessDenied, "only root dials at logon (the PAM module runs as root)", 0});
  }
  if (*entry == '\0' || std::strlen(entry) > kMaxNameBytes) {
    return refuse_call(error, caller, "LogonDial", 0,
                       Error{Errc::kInvalidArgument, "the entry name is empty or too long", 0});
  }
  if (timeout_seconds == 0 || timeout_seconds > kMaxLogonTimeoutSeconds) {
    return refuse_call(error, caller, "LogonDial", 0,
                       Error{Errc::kInvalidArgument,
                             "the time-out " + std::to_string(timeout_seconds) +
                                 " s is outside 1.." + std::to_string(kMaxLogonTimeoutSeconds),
                             0});
  }
  sd_bus_message* call = sd_bus_message_ref(m);
  auto started = peer.server->logon_hosts().start(
      entry, uint64_t{timeout_seconds} * 1'000'000, [call](const LogonOutcome& outcome) {
        // The caller may have gone meanwhile; then the reply has nowhere to go.
        (void)sd_bus_reply_method_return(call, "ut", outcome.result, outcome.handle);
        sd_bus_message_unref(call);
      });
  if (!started) {
    sd_bus_message_unref(call);
    LOG_ERROR("LogonDial of entry \"%s\" from uid %u pid %d: %s", entry, caller.uid, caller.pid,
              started.error().message.c_str());
    return sd_bus_error_set(error, error_name_of(started.error().code),
                            started.error().message.c_str());
  }
  LOG_INFO("LogonDial of entry \"%s\" from uid %u pid %d", entry, caller.uid, caller.pid);
  return 1;  // answered later
}

}  // namespace openras::rasman
