// server_logon.cpp: LogonDial (docs/protocol.md, docs/logon.md): an administrator (the PAM
// module, running in login, sshd or a display manager as root) asks rasmand to dial an
// all-users entry at logon. rasmand starts a logon host for it (logon_host.h) and answers
// when the host reports its dial: (result, handle), result 0 when connected. The
// connection is then root's and outlives the caller. LogonDialInteractive does the same
// with the entry's dialog shown through the caller's PAM conversation: the host's
// questions reach the caller as LogonQuestion signals, answered with LogonAnswer.
#include <cstring>

#include "base/log.h"
#include "raserror.h"
#include "rasman/protocol.h"
#include "rasman/server.h"

namespace openras::rasman {

namespace {

// A question of a logon host for the caller that started it: a signal to that client
// alone (on the system bus, addressed to its unique name).
void send_question(Server* server, uint64_t peer_id, const std::string& sender, uint64_t dial,
                   uint32_t question, uint32_t style, const std::string& text) {
  Peer* peer = server->find_peer(peer_id);
  if (!peer) return;  // gone: the host's question waits until the time-out
  sd_bus_message* signal = nullptr;
  int r = sd_bus_message_new_signal(peer->bus, &signal, kObjectPath, kInterface, "LogonQuestion");
  if (r >= 0 && !sender.empty()) r = sd_bus_message_set_destination(signal, sender.c_str());
  if (r >= 0) r = sd_bus_message_append(signal, "tuus", dial, question, style, text.c_str());
  if (r >= 0) r = sd_bus_send(peer->bus, signal, nullptr);
  if (r < 0) LOG_DEBUG("LogonQuestion to client %llu: %s", llx(peer_id), std::strerror(-r));
  sd_bus_message_unref(signal);
}

int logon_dial(sd_bus_message* m, void* userdata, sd_bus_error* error, bool dialog) {
  const char* method = dialog ? "LogonDialInteractive" : "LogonDial";
  Peer& peer = peer_of(userdata);
  const char* entry = nullptr;
  uint32_t timeout_seconds = 0;
  int r = sd_bus_message_read(m, "su", &entry, &timeout_seconds);
  if (r < 0) return bad_message(error, method, r);
  Caller caller = peer.server->caller_of(peer, m);
  if (!caller.admin) {
    return refuse_call(
        error, caller, method, 0,
        Error{Errc::kAccessDenied, "only root dials at logon (the PAM module runs as root)", 0});
  }
  if (*entry == '\0' || std::strlen(entry) > kMaxNameBytes) {
    return refuse_call(error, caller, method, 0,
                       Error{Errc::kInvalidArgument, "the entry name is empty or too long", 0});
  }
  if (timeout_seconds == 0 || timeout_seconds > kMaxLogonTimeoutSeconds) {
    return refuse_call(error, caller, method, 0,
                       Error{Errc::kInvalidArgument,
                             "the time-out " + std::to_string(timeout_seconds) +
                                 " s is outside 1.." + std::to_string(kMaxLogonTimeoutSeconds),
                             0});
  }
  sd_bus_message* call = sd_bus_message_ref(m);
  const char* sender = sd_bus_message_get_sender(m);
  LogonHosts::Ask ask = [server = peer.server, peer_id = peer.id,
                         to = std::string(peer.system_bus && sender ? sender : "")](
                            uint64_t dial, uint32_t question, uint32_t style,
                            const std::string& text) {
    send_question(server, peer_id, to, dial, question, style, text);
  };
  auto started = peer.server->logon_hosts().start(
      entry, uint64_t{timeout_seconds} * 1'000'000,
      [call](const LogonOutcome& outcome) {
        // The caller may have gone meanwhile; then the reply has nowhere to go.
        (void)sd_bus_reply_method_return(call, "ut", outcome.result, outcome.handle);
        sd_bus_message_unref(call);
      },
      dialog, peer.id, std::move(ask));
  if (!started) {
    sd_bus_message_unref(call);
    LOG_ERROR("%s of entry \"%s\" from uid %u pid %d: %s", method, entry, caller.uid, caller.pid,
              started.error().message.c_str());
    return sd_bus_error_set(error, error_name_of(started.error().code),
                            started.error().message.c_str());
  }
  LOG_INFO("%s of entry \"%s\" from uid %u pid %d", method, entry, caller.uid, caller.pid);
  return 1;  // answered later
}

}  // namespace

int logon_dial_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  return logon_dial(m, userdata, error, false);
}

int logon_dial_interactive_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  return logon_dial(m, userdata, error, true);
}

int logon_answer_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t dial = 0;
  uint32_t question = 0;
  const char* text = nullptr;
  int r = sd_bus_message_read(m, "tus", &dial, &question, &text);
  if (r < 0) return bad_message(error, "LogonAnswer", r);
  Caller caller = peer.server->caller_of(peer, m);
  if (!caller.admin) {
    return refuse_call(error, caller, "LogonAnswer", 0,
                       Error{Errc::kAccessDenied, "only root answers a logon dial's questions", 0});
  }
  if (std::strlen(text) > kMaxNameBytes) {
    return refuse_call(
        error, caller, "LogonAnswer", 0,
        Error{Errc::kInvalidArgument,
              "the answer is longer than " + std::to_string(kMaxNameBytes) + " bytes", 0});
  }
  if (auto ok = peer.server->logon_hosts().answer(dial, peer.id, question, text); !ok) {
    return refuse_call(error, caller, "LogonAnswer", 0, ok.error());
  }
  return sd_bus_reply_method_return(m, "");
}

Peer* Server::find_peer(uint64_t id) {
  auto it = peers_.find(id);
  return it == peers_.end() || it->second->closed ? nullptr : it->second.get();
}

}  // namespace openras::rasman
