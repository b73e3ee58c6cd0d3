// pam_module.cpp: pam_openras.so (docs/logon.md): dials an all-users entry at logon,
// through rasmand, before the modules that need the network.
//
// auth: with `prompt` it lists the all-users phone book's entries through the PAM
// conversation and dials the one chosen (Enter, "0" or "no" skips: PAM_IGNORE, so the
// stack goes on as if the module were absent); with `entry=NAME` it dials that entry
// without asking. A connected dial is PAM_SUCCESS; a failed one PAM_AUTHINFO_UNAVAIL,
// which the control flag turns into what the login does (docs/logon.md "Control flags").
// With `prompt` the entry's dialog is shown through the conversation too (the dialer's own
// RasCustomDialDlg, or the credentials of a built-in entry that asks for them); cancelling
// it is like skipping (PAM_IGNORE).
// The connection is rasmand's and root's: it outlives this PAM transaction.
// session: close_session hangs it up when `hangup_on_close` was given (on either line).
#include <security/pam_ext.h>
#include <security/pam_modules.h>
#include <syslog.h>

#include <string.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "logon/entries.h"
#include "logon/logon_client.h"
#include "logon/pam_args.h"

namespace {

using openras::logon::PamOptions;

constexpr const char* kDataName = "openras_logon_connection";
// ERROR_CANCELLED: the person at the login cancelled the entry's dialog.
constexpr uint32_t kCancelled = 1223;

struct Dialed {
  uint64_t handle = 0;
  std::string socket;
  bool hangup_on_close = false;
};

std::string under_root(const PamOptions& options, const char* relative) {
  std::string root = options.root;
  if (root.empty() || root.back() != '/') root += '/';
  return root + relative;
}

bool parse(pam_handle_t* pamh, int argc, const char** argv, PamOptions& options) {
  std::vector<std::string_view> words(argv, argv + argc);
  auto parsed = openras::logon::parse_pam_arguments(words);
  if (!parsed) {
    pam_syslog(pamh, LOG_ERR, "%s", parsed.error().message.c_str());
    return false;
  }
  options = *parsed;
  return true;
}

// Asks one question through the application's conversation; empty when none was given.
std::string ask(pam_handle_t* pamh, const std::string& question) {
  char* answer = nullptr;
  if (pam_prompt(pamh, PAM_PROMPT_ECHO_ON, &answer, "%s", question.c_str()) != PAM_SUCCESS ||
      !answer) {
    return {};
  }
  std::string text = answer;
  std::free(answer);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

// The entry the user picks from `names`; empty to skip.
std::string choose(pam_handle_t* pamh, const std::vector<std::string>& names) {
  std::string question = "Log on using dial-up networking?\n";
  for (size_t i = 0; i < names.size(); ++i) {
    question += "  " + std::to_string(i + 1) + ") " + names[i] + "\n";
  }
  question += "Number or name of the connection (Enter: no dial-up): ";
  std::string answer = ask(pamh, question);
  if (answer.empty() || answer == "0" || answer == "n" || answer == "no") return {};
  char* end = nullptr;
  unsigned long n = std::strtoul(answer.c_str(), &end, 10);
  if (end && *end == '\0' && n >= 1 && n <= names.size()) return names[n - 1];
  for (const auto& name : names) {
    if (name == answer) return name;
  }
  pam_info(pamh, "No connection \"%s\"; continuing without dial-up.", answer.c_str());
  return {};
}

// The logon host's questions (the entry's dialog) through the application's conversation.
std::optional<std::string> converse(pam_handle_t* pamh, bool silent, uint32_t style,
                                    const std::string& text) {
  if (style == PAM_ERROR_MSG) {
    pam_error(pamh, "%s", text.c_str());
    return std::string();
  }
  if (style == PAM_TEXT_INFO) {
    if (!silent) pam_info(pamh, "%s", text.c_str());
    return std::string();
  }
  char* answer = nullptr;
  int r = pam_prompt(pamh, style == PAM_PROMPT_ECHO_OFF ? PAM_PROMPT_ECHO_OFF : PAM_PROMPT_ECHO_ON,
                     &answer, "%s", text.c_str());
  if (r != PAM_SUCCESS || !answer) return std::nullopt;
  std::string out = answer;
  ::explicit_bzero(answer, out.size());  // it may be a password
  std::free(answer);
  while (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

void forget(pam_handle_t*, void* data, int) { delete static_cast<Dialed*>(data); }

}  // namespace

// The build hides every symbol by default; these are the module's interface.
#define OPENRAS_PAM_EXPORT PAM_EXTERN __attribute__((visibility("default")))

extern "C" {

OPENRAS_PAM_EXPORT int pam_sm_authenticate(pam_handle_t* pamh, int flags, int argc,
                                           const char** argv) {
  const bool silent = (static_cast<unsigned>(flags) & PAM_SILENT) != 0;
  PamOptions options;
  if (!parse(pamh, argc, argv, options)) return PAM_SERVICE_ERR;
  if (!options.prompt && options.entry.empty()) {
    pam_syslog(pamh, LOG_ERR, "neither prompt nor entry=NAME given: nothing to dial");
    return PAM_SERVICE_ERR;
  }
  std::string phonebook = under_root(options, "etc/openras/pbk/rasphone.pbk");
  auto names = openras::logon::all_users_entries(phonebook);
  if (!names) {
    pam_syslog(pamh, LOG_ERR, "%s", names.error().message.c_str());
    return PAM_AUTHINFO_UNAVAIL;
  }
  std::string entry = options.entry;
  if (entry.empty()) {
    if (names->empty()) {
      if (options.debug) pam_syslog(pamh, LOG_DEBUG, "%s has no entries", phonebook.c_str());
      return PAM_IGNORE;
    }
    entry = choose(pamh, *names);
    if (entry.empty()) {
      if (options.debug) pam_syslog(pamh, LOG_DEBUG, "no dial-up chosen");
      return PAM_IGNORE;
    }
  } else if (std::find(names->begin(), names->end(), entry) == names->end()) {
    pam_syslog(pamh, LOG_ERR, "entry=%s: no such entry in the all-users phone book %s",
               entry.c_str(), phonebook.c_str());
    return PAM_AUTHINFO_UNAVAIL;
  }
  std::string socket = under_root(options, "run/openras/rasman.sock");
  if (options.debug)
    pam_syslog(pamh, LOG_DEBUG, "dialing \"%s\" through %s", entry.c_str(), socket.c_str());
  if (!silent) pam_info(pamh, "Dialing %s...", entry.c_str());
  auto dialed = options.prompt ? openras::logon::logon_dial_interactive(
                                     socket, entry, options.timeout_seconds,
                                     [pamh, silent](uint32_t style, const std::string& text) {
                                       return converse(pamh, silent, style, text);
                                     })
                               : openras::logon::logon_dial(socket, entry, options.timeout_seconds);
  if (!dialed) {
    pam_syslog(pamh, LOG_ERR, "dialing \"%s\": %s", entry.c_str(), dialed.error().message.c_str());
    return PAM_AUTHINFO_UNAVAIL;
  }
  if (dialed->result == kCancelled) {
    if (options.debug)
      pam_syslog(pamh, LOG_DEBUG, "the dialog of \"%s\" was cancelled", entry.c_str());
    if (!silent) pam_info(pamh, "Not dialing %s.", entry.c_str());
    return PAM_IGNORE;
  }
  if (dialed->result != 0) {
    pam_syslog(pamh, LOG_ERR,
               "dialing \"%s\" failed with RAS error %u (rasdial's and "
               "raserror's texts say what it means)",
               entry.c_str(), dialed->result);
    if (!silent) pam_error(pamh, "Dialing %s failed (error %u).", entry.c_str(), dialed->result);
    return PAM_AUTHINFO_UNAVAIL;
  }
  if (!silent) pam_info(pamh, "Connected to %s.", entry.c_str());
  auto* data = new Dialed{dialed->handle, socket, options.hangup_on_close};
  if (pam_set_data(pamh, kDataName, data, forget) != PAM_SUCCESS) delete data;
  return PAM_SUCCESS;
}

OPENRAS_PAM_EXPORT int pam_sm_setcred(pam_handle_t*, int, int, const char**) { return PAM_IGNORE; }

OPENRAS_PAM_EXPORT int pam_sm_open_session(pam_handle_t*, int, int, const char**) {
  return PAM_IGNORE;
}

OPENRAS_PAM_EXPORT int pam_sm_close_session(pam_handle_t* pamh, int, int argc, const char** argv) {
  PamOptions options;
  if (!parse(pamh, argc, argv, options)) return PAM_SERVICE_ERR;
  const void* stored = nullptr;
  if (pam_get_data(pamh, kDataName, &stored) != PAM_SUCCESS || !stored) return PAM_IGNORE;
  const auto* dialed = static_cast<const Dialed*>(stored);
  if (!options.hangup_on_close && !dialed->hangup_on_close) return PAM_IGNORE;
  if (auto ok = openras::logon::logon_hang_up(dialed->socket, dialed->handle); !ok) {
    pam_syslog(pamh, LOG_ERR, "hanging up connection 0x%llx: %s",
               static_cast<unsigned long long>(dialed->handle), ok.error().message.c_str());
    return PAM_SESSION_ERR;
  }
  if (options.debug) pam_syslog(pamh, LOG_DEBUG, "hung up at session close");
  return PAM_SUCCESS;
}

}  // extern "C"
