// rasdial: dials, lists and hangs up RAS connections, with Windows' rasdial syntax
// (docs/man/rasdial.1; the command line is options.cpp).
//
// Exit status as every OpenRAS tool (tools/common/cli.h): 0 success, 1 failed (the full
// RAS code is printed, and in --json output), 2 usage error, 3 rasmand unreachable. Not
// the RAS code itself, as on Windows: an exit status keeps only 8 bits, so 768 would be 0.
// Text in and out is UTF-8 whatever the locale. A thin main() over the public RAS API of
// libopenras (linked shared, so a custom dialer it loads shares the library with it).
#define UNICODE
#include <arpa/inet.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/utf.h"
#include "cli.h"
#include "holder.h"
#include "import.h"
#include "json.h"
#include "options.h"
#include "ras.h"
#include "raserror.h"
#include "service.h"
#include "terminal.h"
#include "text.h"
#include "windows.h"

namespace {

namespace cli = openras::cli;
using cli::Json;
using rasdial::Options;
using rasdial::utf8;

bool g_json = false;
std::string g_entry;  // the entry being dialled, UTF-8 (for the notifier's JSON lines)

// Text mode only: JSON output is nothing but JSON objects, one a line.
void say(const std::string& line) {
  if (!g_json) std::printf("%s\n", line.c_str());
}
void json_line(const Json& object) {
  if (g_json) cli::print_json(object);
}

std::string error_text(DWORD code) {
  char text[512];
  if (RasGetErrorStringA(code, text, sizeof text) != ERROR_SUCCESS) return std::string();
  return text;
}

// Reports a RAS error with its full code ("Remote Access error 768 - ...", as Windows'
// rasdial prints it) and returns the exit status for it.
// `detail`: why, in words, when libopenras knows more than the code (OpenRasGetErrorDetail).
int report_error(DWORD code, const std::wstring& entry = std::wstring(),
                 const std::string& detail = std::string()) {
  std::string text = error_text(code);
  if (g_json) {
    Json object;
    if (!entry.empty()) object["entry"] = utf8(entry);
    object["error"] = code;
    object["error_text"] = text;
    if (!detail.empty()) object["error_detail"] = detail;
    if (cli::exit_status(code) == cli::kExitUnreachable && !service_log_hint().empty()) {
      object["service_log"] = service_log();
    }
    json_line(object);
  } else {
    std::printf("Remote Access error %u - %s\n", code, text.c_str());
    if (!detail.empty()) std::printf("Details: %s\n", detail.c_str());
    if (cli::exit_status(code) == cli::kExitUnreachable) {
      std::string hint = service_log_hint();
      if (!hint.empty()) std::fprintf(stderr, "rasdial: %s\n", hint.substr(2).c_str());
    }
  }
  return cli::exit_status(code);
}

Json handle_json(HRASCONN conn) { return cli::json_handle(reinterpret_cast<uintptr_t>(conn)); }

// The password, asked for on the terminal without echo; nullopt at end of input, so a
// closed stdin never dials with an empty password.
std::optional<std::wstring> read_password(const std::wstring& entry, const std::wstring& user) {
  std::string who = user.empty() ? std::string() : " for " + utf8(user);
  std::fprintf(stderr, "Enter the password%s to connect to %s: ", who.c_str(), utf8(entry).c_str());
  termios saved{};
  bool tty = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  char line[PWLEN + 2] = {};
  bool got = std::fgets(line, sizeof line, stdin) != nullptr;
  if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fputc('\n', stderr);
  if (!got) return std::nullopt;
  line[std::strcspn(line, "\r\n")] = '\0';
  auto password = openras::utf8_to_wide(line);
  SecureZeroMemory(line, sizeof line);
  if (!password) return std::nullopt;
  return *password;
}

// What the notifier has seen, for the main thread to wait on.
struct Progress {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  bool paused = false;  // in RASCS_Interactive: the terminal is ours (terminal.h)
  DWORD error = 0;
};
Progress g_progress;
// Whether this dial allows paused states (rasdial is the terminal): only then is
// RASCS_Interactive a pause; otherwise it is reported entered and then failed (703).
std::atomic<bool> g_paused_states{false};

VOID WINAPI on_state(HRASCONN, UINT, RASCONNSTATE state, DWORD error, DWORD) {
  std::lock_guard lock(g_progress.mutex);
  if (error != 0) {
    g_progress.error = error;
    g_progress.done = true;
  } else {
    say(rasdial::state_text(state));
    json_line({{"entry", g_entry},
               {"state", static_cast<unsigned>(state)},
               {"state_text", rasdial::state_text(state)}});
    std::fflush(stdout);
    if (state == RASCS_Connected || state == RASCS_Disconnected) g_progress.done = true;
    if (state == RASCS_Interactive && g_paused_states) g_progress.paused = true;
  }
  g_progress.cv.notify_all();
}

std::atomic<bool> g_interrupted{false};
void on_signal(int) { g_interrupted = true; }

std::vector<RASCONNW> list_connections(DWORD& rc) {
  std::vector<RASCONNW> conns(1);
  conns[0].dwSize = sizeof(RASCONNW);
  DWORD cb = sizeof(RASCONNW);
  DWORD count = 0;
  rc = RasEnumConnectionsW(conns.data(), &cb, &count);
  if (rc == ERROR_BUFFER_TOO_SMALL) {
    conns.assign(cb / sizeof(RASCONNW), RASCONNW{});
    conns[0].dwSize = sizeof(RASCONNW);
    rc = RasEnumConnectionsW(conns.data(), &cb, &count);
  }
  conns.resize(rc == ERROR_SUCCESS ? count : 0);
  return conns;
}

// What a connected connection reports beyond its state: statistics, and what PPP
// negotiated — IPv4, IPv6 (the fe80:: addresses of both interface identifiers) and the
// authentication protocol (any may be missing: a custom connection has no projection).
struct Details {
  bool has_stats = false;
  RAS_STATS stats{};
  bool has_ipv4 = false;
  char ipv4[INET_ADDRSTRLEN] = "";
  char ipv4_server[INET_ADDRSTRLEN] = "";
  bool has_ipv6 = false;
  char ipv6[INET6_ADDRSTRLEN] = "";
  char ipv6_server[INET6_ADDRSTRLEN] = "";
  const char* authentication = nullptr;  // none negotiated
};

// The link-local address an IPV6CP interface identifier makes, in inet_ntop's form.
bool link_local(const BYTE (&id)[8], char (&out)[INET6_ADDRSTRLEN]) {
  in6_addr a{};
  a.s6_addr[0] = 0xfe;
  a.s6_addr[1] = 0x80;
  std::memcpy(&a.s6_addr[8], id, 8);
  return ::inet_ntop(AF_INET6, &a, out, sizeof out) != nullptr;
}

// The authentication protocol by its usual name (RASLCPAP_*, with CHAP's algorithm).
const char* authentication_name(DWORD protocol, DWORD data) {
  switch (protocol) {
    case RASLCPAP_PAP:
      return "PAP";
    case RASLCPAP_SPAP:
      return "SPAP";
    case RASLCPAP_EAP:
      return "EAP";
    case RASLCPAP_CHAP:
      if (data == RASLCPAD_CHAP_MSV2) return "MS-CHAPv2";
      if (data == RASLCPAD_CHAP_MS) return "MS-CHAP";
      return "CHAP-MD5";
    default:
      return nullptr;
  }
}

Details details(HRASCONN conn) {
  Details d;
  d.stats.dwSize = sizeof d.stats;
  d.has_stats = RasGetConnectionStatistics(conn, &d.stats) == ERROR_SUCCESS;
  RAS_PROJECTION_INFO info{};
  info.version = RASAPIVERSION_CURRENT;
  DWORD size = sizeof info;
  if (RasGetProjectionInfoEx(conn, &info, &size) != ERROR_SUCCESS ||
      info.type != PROJECTION_INFO_TYPE_PPP) {
    return d;
  }
  if (info.ppp.dwIPv4NegotiationError == 0) {
    d.has_ipv4 =
        ::inet_ntop(AF_INET, &info.ppp.ipv4Address, d.ipv4, sizeof d.ipv4) &&
        ::inet_ntop(AF_INET, &info.ppp.ipv4ServerAddress, d.ipv4_server, sizeof d.ipv4_server);
  }
  if (info.ppp.dwIPv6NegotiationError == 0) {
    d.has_ipv6 = link_local(info.ppp.bInterfaceIdentifier, d.ipv6) &&
                 link_local(info.ppp.bServerInterfaceIdentifier, d.ipv6_server);
  }
  d.authentication =
      authentication_name(info.ppp.dwAuthenticationProtocol, info.ppp.dwAuthenticationData);
  return d;
}

void print_status_json(const RASCONNW& c, const RASCONNSTATUSW& st, const Details& d) {
  Json out = {{"entry", utf8(c.szEntryName)},
              {"handle", handle_json(c.hrasconn)},
              {"state", static_cast<unsigned>(st.rasconnstate)},
              {"state_text", rasdial::state_text(st.rasconnstate)},
              {"error", st.dwError},
              {"device_type", utf8(st.szDeviceType)},
              {"device_name", utf8(st.szDeviceName)},
              {"phone_number", utf8(st.szPhoneNumber)}};
  if (d.has_stats) {
    out["statistics"] = {{"bytes_sent", d.stats.dwBytesXmited},
                         {"bytes_received", d.stats.dwBytesRcved},
                         {"frames_sent", d.stats.dwFramesXmited},
                         {"frames_received", d.stats.dwFramesRcved},
                         {"bps", d.stats.dwBps},
                         {"duration_ms", d.stats.dwConnectDuration}};
  }
  if (d.has_ipv4) {
    out["ipv4"] = d.ipv4;
    out["ipv4_server"] = d.ipv4_server;
  }
  if (d.has_ipv6) {
    out["ipv6"] = d.ipv6;
    out["ipv6_server"] = d.ipv6_server;
  }
  if (d.authentication) out["authentication"] = d.authentication;
  json_line(out);
}

void print_status_text(const RASCONNW& c, const RASCONNSTATUSW& st, const Details& d) {
  std::printf("%s: %s", utf8(c.szEntryName).c_str(), rasdial::state_text(st.rasconnstate));
  if (st.dwError) std::printf(" (error %u)", st.dwError);
  std::printf("\n  device %s (%s), number %s\n", utf8(st.szDeviceName).c_str(),
              utf8(st.szDeviceType).c_str(), utf8(st.szPhoneNumber).c_str());
  if (d.has_stats) {
    unsigned seconds = d.stats.dwConnectDuration / 1000;
    std::printf("  connected %u:%02u:%02u, %u bytes sent, %u received", seconds / 3600,
                seconds / 60 % 60, seconds % 60, d.stats.dwBytesXmited, d.stats.dwBytesRcved);
    if (d.stats.dwBps) std::printf(", %u bps", d.stats.dwBps);
    std::printf("\n");
  }
  if (d.has_ipv4) std::printf("  IPv4 %s, server %s\n", d.ipv4, d.ipv4_server);
  if (d.has_ipv6) std::printf("  IPv6 %s, server %s\n", d.ipv6, d.ipv6_server);
  if (d.authentication) std::printf("  authenticated with %s\n", d.authentication);
}

// --status ENTRY: the state of the named connection; ERROR_NO_CONNECTION when none.
int status(const std::wstring& entry) {
  DWORD rc = 0;
  auto conns = list_connections(rc);
  if (rc != ERROR_SUCCESS) return report_error(rc, entry);
  for (const RASCONNW& c : conns) {
    if (!rasdial::same_entry(c.szEntryName, entry)) continue;
    RASCONNSTATUSW st{};
    st.dwSize = sizeof st;
    rc = RasGetConnectStatusW(c.hrasconn, &st);
    if (rc != ERROR_SUCCESS) return report_error(rc, entry);
    Details d = details(c.hrasconn);
    if (g_json) {
      print_status_json(c, st, d);
    } else {
      print_status_text(c, st, d);
    }
    return cli::kExitOk;
  }
  say("You are not connected to " + utf8(entry) + ".");
  return report_error(ERROR_NO_CONNECTION, entry);
}

int list() {
  DWORD rc = 0;
  auto conns = list_connections(rc);
  if (rc != ERROR_SUCCESS) return report_error(rc);
  // rasdial holds no connection of its own, so any listed one came from rasmand; only an
  // empty list needs asking whether rasmand is there at all.
  const bool reachable = !conns.empty() || service_answers();
  const int status = reachable ? cli::kExitOk : cli::kExitUnreachable;
  if (g_json) {
    Json out = {{"service_reachable", reachable}, {"connections", Json::array()}};
    for (const RASCONNW& c : conns) {
      out["connections"].push_back({{"entry", utf8(c.szEntryName)},
                                    {"handle", handle_json(c.hrasconn)},
                                    {"device_type", utf8(c.szDeviceType)},
                                    {"device_name", utf8(c.szDeviceName)},
                                    {"phonebook", utf8(c.szPhonebook)},
                                    {"all_users", (c.dwFlags & RASCF_AllUsers) != 0}});
    }
    json_line(out);
    return status;
  }
  if (!reachable) {
    std::fprintf(stderr,
                 "rasdial: the connection service (rasmand) does not answer on %s, so no "
                 "connection can be listed; start it (systemctl start rasmand.socket, or "
                 "rasmand --root DIR)%s\n",
                 service_socket().c_str(), service_log_hint().c_str());
    return status;
  }
  if (conns.empty()) {
    say("No connections");
  } else {
    say("Connected to");
    for (const RASCONNW& c : conns) say(utf8(c.szEntryName));
  }
  say("Command completed successfully.");
  return status;
}

// ENTRY /DISCONNECT hangs up that entry's connections; /DISCONNECT alone every one of the
// caller's (as Windows' rasdial). The entry, when given, is never empty (options.cpp).
int disconnect(const std::optional<std::wstring>& entry) {
  DWORD rc = 0;
  auto conns = list_connections(rc);
  if (rc != ERROR_SUCCESS) return report_error(rc, entry.value_or(L""));
  bool any = false;
  for (const RASCONNW& c : conns) {
    if (entry && !rasdial::same_entry(c.szEntryName, *entry)) continue;
    any = true;
    rc = RasHangUpW(c.hrasconn);
    if (rc != ERROR_SUCCESS) return report_error(rc, c.szEntryName);
    json_line({{"entry", utf8(c.szEntryName)},
               {"handle", handle_json(c.hrasconn)},
               {"disconnected", true}});
  }
  if (!any && !entry) {
    say("No connections");
    return cli::kExitOk;
  }
  if (!any) {
    say("You are not connected to " + utf8(*entry) + ".");
    return report_error(ERROR_NO_CONNECTION, *entry);
  }
  say("Command completed successfully.");
  return cli::kExitOk;
}

// After a successful dial with --wait: holds the connection until the time is up, the
// process is interrupted, or the connection ends by itself.
int hold(HRASCONN conn, const Options& o) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.wait_seconds);
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  while (!g_interrupted && (o.wait_seconds == 0 || std::chrono::steady_clock::now() < deadline)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // The connection failed (its link process died): the notifier saw the error.
    DWORD failed = 0;
    {
      std::lock_guard lock(g_progress.mutex);
      failed = g_progress.error;
    }
    if (failed != 0) {
      RasHangUpW(conn);
      return report_error(failed, o.entry);
    }
    // Hung up from elsewhere (rasdial /DISCONNECT in another process)? The handle can go
    // a moment before the notifier hears why (rasmand stopping, a link failing): give
    // that a second to arrive, so an error is not reported as a hang-up.
    if (RasGetConnectStatusW(conn, &status) == ERROR_INVALID_HANDLE) {
      {
        std::unique_lock lock(g_progress.mutex);
        g_progress.cv.wait_for(lock, std::chrono::seconds(1), [] { return g_progress.error != 0; });
        failed = g_progress.error;
      }
      if (failed != 0) {
        RasHangUpW(conn);
        return report_error(failed, o.entry);
      }
      say("Disconnected from " + utf8(o.entry) + " (hung up by another process).");
      json_line({{"entry", utf8(o.entry)}, {"disconnected", true}, {"by", "other"}});
      say("Command completed successfully.");
      return cli::kExitOk;
    }
  }
  DWORD rc = RasHangUpW(conn);
  if (rc != ERROR_SUCCESS) return report_error(rc, o.entry);
  say("Disconnected from " + utf8(o.entry) + ".");
  json_line({{"entry", utf8(o.entry)}, {"disconnected", true}});
  say("Command completed successfully.");
  return cli::kExitOk;
}

// Whether the entry names a custom dialer (szCustomDialDll).
bool custom_entry(const wchar_t* phonebook, const std::wstring& entry) {
  DWORD size = 0;
  RasGetEntryPropertiesW(phonebook, entry.c_str(), nullptr, &size, nullptr, nullptr);
  if (size < sizeof(RASENTRYW)) size = sizeof(RASENTRYW);
  std::vector<unsigned char> buffer(size);
  auto* properties = reinterpret_cast<RASENTRYW*>(buffer.data());
  properties->dwSize = sizeof(RASENTRYW);
  return RasGetEntryPropertiesW(phonebook, entry.c_str(), properties, &size, nullptr, nullptr) ==
             ERROR_SUCCESS &&
         properties->szCustomDialDll[0] != L'\0';
}

// Whether this process runs one thread (/proc/self/task), so a fork copies all of it.
bool single_threaded() {
  std::error_code ec;
  std::size_t tasks = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/task", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++tasks;
  }
  return !ec && tasks == 1;
}

// `custom`: the entry names a custom dialer (custom_entry, read once by run()).
int dial(Options& o, bool custom) {
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  lstrcpynW(params.szEntryName, o.entry.c_str(), RAS_MaxEntryName + 1);
  lstrcpynW(params.szPhoneNumber, o.phone.c_str(), RAS_MaxPhoneNumber + 1);
  lstrcpynW(params.szCallbackNumber, o.callback.c_str(), RAS_MaxCallbackNumber + 1);
  const wchar_t* phonebook = o.phonebook.empty() ? nullptr : o.phonebook.c_str();
  if (!o.has_user) {
    // As Windows' rasdial: with no user name, the entry's saved user name and domain are
    // used, and its saved password through the handle RasGetEntryDialParams returns
    // (RasDial reads the password itself; it never passes through this program).
    RASDIALPARAMSW saved{};
    saved.dwSize = sizeof saved;
    lstrcpynW(saved.szEntryName, o.entry.c_str(), RAS_MaxEntryName + 1);
    BOOL has_saved_password = FALSE;
    if (RasGetEntryDialParamsW(phonebook, &saved, &has_saved_password) == ERROR_SUCCESS) {
      o.user = saved.szUserName;
      if (o.domain.empty()) o.domain = saved.szDomain;
      if (has_saved_password) o.password = saved.szPassword;
    }
  }
  lstrcpynW(params.szUserName, o.user.c_str(), UNLEN + 1);
  lstrcpynW(params.szDomain, o.domain.c_str(), DNLEN + 1);
  if (o.prompt_password) {
    auto password = read_password(o.entry, o.user);
    if (!password) {
      std::fprintf(stderr,
                   "rasdial: no password read (end of input or not UTF-8); %s was not "
                   "dialled\n",
                   utf8(o.entry).c_str());
      return cli::kExitFailed;
    }
    o.password = std::move(*password);
  }
  lstrcpynW(params.szPassword, o.password.c_str(), PWLEN + 1);
  SecureZeroMemory(o.password.data(), o.password.size() * sizeof(wchar_t));
  RASDIALEXTENSIONS ext{};
  ext.dwSize = sizeof ext;
  if (o.prefix_suffix) ext.dwfOptions |= RDEOPT_UsePrefixSuffix;
  // On a terminal rasdial can be the terminal an entry asks for after dialing; elsewhere
  // such an entry fails with 703, as with Windows' rasdial.
  const bool terminal = rasdial::can_be_terminal() && !o.json;
  if (terminal) ext.dwfOptions |= RDEOPT_PausedStates;
  g_paused_states = terminal;

  // As Windows' rasdial: an entry connected already is not dialled again (RasDial would
  // succeed with a reference to it, which this command would never release). A custom
  // dialer's entry is its dialer's to decide: each process may hold a connection of it.
  if (o.phone.empty() && !custom) {
    DWORD listed = 0;
    for (const RASCONNW& c : list_connections(listed)) {
      if (!rasdial::same_entry(c.szEntryName, o.entry)) continue;
      RASCONNSTATUSW status{};
      status.dwSize = sizeof status;
      if (RasGetConnectStatusW(c.hrasconn, &status) != ERROR_SUCCESS ||
          status.rasconnstate != RASCS_Connected) {
        continue;
      }
      say("You are already connected to " + utf8(o.entry) + ".");
      json_line(
          {{"entry", utf8(o.entry)}, {"handle", handle_json(c.hrasconn)}, {"connected", true}});
      say("Command completed successfully.");
      return cli::kExitOk;
    }
  }
  say("Connecting to " + utf8(o.entry) + "...");
  std::fflush(stdout);
  HRASCONN conn = nullptr;
  DWORD rc = RasDialW(&ext, phonebook, &params, 1, reinterpret_cast<LPVOID>(&on_state), &conn);
  SecureZeroMemory(params.szPassword, sizeof params.szPassword);
  while (rc == ERROR_SUCCESS) {
    std::unique_lock lock(g_progress.mutex);
    // A signal handler cannot notify a condition variable: look at the flag every 100 ms,
    // so SIGINT/SIGTERM (Ctrl-C, `timeout`) end a dial that is still in progress.
    while (!g_progress.cv.wait_for(lock, std::chrono::milliseconds(100), [] {
      return g_progress.done || g_progress.paused || g_interrupted.load();
    })) {
    }
    rc = g_interrupted ? ERROR_USER_DISCONNECTION : g_progress.error;
    if (rc != ERROR_SUCCESS || g_progress.done || !g_progress.paused) break;
    g_progress.paused = false;
    lock.unlock();
    auto ended = [] {
      std::lock_guard l(g_progress.mutex);
      return g_progress.done;
    };
    switch (rasdial::run_terminal(conn, ended, g_interrupted, rc)) {
      case rasdial::TerminalEnd::kContinue:
        // RasDial again with the paused handle goes on with the dial.
        rc = RasDialW(&ext, phonebook, &params, 1, reinterpret_cast<LPVOID>(&on_state), &conn);
        break;
      case rasdial::TerminalEnd::kHangUp:
        rc = ERROR_USER_DISCONNECTION;
        break;
      case rasdial::TerminalEnd::kEnded:
        if (rc == ERROR_SUCCESS) {
          std::lock_guard l(g_progress.mutex);
          rc = g_progress.error != 0 ? g_progress.error : ERROR_DISCONNECTION;
        }
        break;
    }
  }
  if (rc != ERROR_SUCCESS) {
    // Why, before RasHangUp releases the handle (and what it knows of the dial).
    char detail[1024] = "";
    (void)OpenRasGetErrorDetailA(conn, detail, sizeof detail);
    if (conn) RasHangUpW(conn);
    return report_error(rc, o.entry, detail);
  }
  say("Successfully connected to " + utf8(o.entry) + ".");
  json_line({{"entry", utf8(o.entry)}, {"handle", handle_json(conn)}, {"connected", true}});
  if (o.wait) return hold(conn, o);
  // A custom dialer's connection lives in the process that dialled it: the holder child
  // (holder.h) stays behind with it. Without one (fork failed, or this process already had
  // threads) it ends with us, and a note says so.
  if (rasdial::in_holder()) {
    say("Command completed successfully.");
    if (rasdial::detach_holder(cli::kExitOk)) {
      o.wait_seconds = 0;  // until it is hung up, or SIGTERM
      return hold(conn, o);
    }
  }
  if (custom) {
    std::fprintf(stderr,
                 "rasdial: note: %s is dialled by a custom dialer, and its connection "
                 "lasts only as long as the process that dialled it, which ends now (use "
                 "--wait to hold it).\n",
                 utf8(o.entry).c_str());
  }
  say("Command completed successfully.");
  return cli::kExitOk;
}

}  // namespace

namespace {

int run(int argc, char** argv) {
  // Progress lines must appear as states arrive, even when stdout is a file or a pipe.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  auto options = rasdial::parse_options(argc, argv);
  if (!options) return options.error();
  Options& o = *options;
  g_json = o.json;
  g_entry = utf8(o.entry);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  // Phone books and devices are files: no service needed.
  if (!o.import_file.empty()) return rasdial::import_phonebook(o.import_file, o.phonebook, o.json);
  ensure_private_rasmand();
  if (o.disconnect) {
    return disconnect(o.entry.empty() ? std::nullopt : std::optional<std::wstring>(o.entry));
  }
  if (o.status) return status(o.entry);
  if (o.entry.empty()) return list();
  // A custom entry is dialled from a child that stays behind holding the connection
  // (holder.h), so it outlives this command as a built-in one does; --wait holds it here.
  // Only while this process has one thread: forking libopenras's client thread half-way
  // would leave the child a client that cannot work.
  const bool custom = custom_entry(o.phonebook.empty() ? nullptr : o.phonebook.c_str(), o.entry);
  if (!o.wait && custom && single_threaded()) {
    return rasdial::run_in_holder([&] { return dial(o, custom); });
  }
  return dial(o, custom);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // out of memory, mostly: say so rather than abort
    std::fprintf(stderr, "rasdial: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "rasdial: an unexpected error\n");
  }
  return cli::kExitFailed;
}
