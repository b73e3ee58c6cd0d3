// rasdial: dials, lists and hangs up RAS connections, with Windows' rasdial syntax.
//
//   rasdial                                  lists the connections
//   rasdial ENTRY [USER [PASSWORD|*]] [/DOMAIN:d] [/PHONE:n] [/CALLBACK:n]
//           [/PHONEBOOK:file] [/PREFIXSUFFIX] [--wait[=SECONDS]]
//   rasdial [ENTRY] /DISCONNECT
//   rasdial /?
//
// The exit status is the RAS error code (0 on success), as on Windows. A thin main() over
// the public RAS API of libopenras (linked shared, so a custom dialer it loads shares the
// library with it).
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
#include <climits>
#include <clocale>
#include <cwchar>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service.h"
#include "ras.h"
#include "raserror.h"
#include "windows.h"

namespace {

struct Options {
  std::wstring entry, user, password, domain, phone, callback, phonebook;
  bool has_user = false, has_password = false, prompt_password = false;
  bool disconnect = false, prefix_suffix = false, help = false;
  bool wait = false;
  bool json = false;    // --json: one JSON object on stdout instead of text
  bool status = false;  // --status: report the named connection's state
  long wait_seconds = 0;  // 0: until interrupted
};

std::wstring widen(const char* s) {
  std::wstring out(std::strlen(s) + 1, L'\0');
  size_t n = std::mbstowcs(out.data(), s, out.size());
  if (n == static_cast<size_t>(-1)) return std::wstring();
  out.resize(n);
  return out;
}

void usage(FILE* out) {
  std::fputs(
      "USAGE:\n"
      "        rasdial entryname [username [password|*]] [/DOMAIN:domain]\n"
      "                [/PHONE:phonenumber] [/CALLBACK:callbacknumber]\n"
      "                [/PHONEBOOK:phonebookfile] [/PREFIXSUFFIX] [--wait[=SECONDS]]\n"
      "\n"
      "        rasdial [entryname] /DISCONNECT\n"
      "\n"
      "        rasdial\n"
      "\n"
      "        rasdial entryname --status\n"
      "\n"
      "With no arguments, lists the connections. The exit status is the RAS error code\n"
      "(0 on success); `raserror CODE` explains it. --wait holds the connection for\n"
      "SECONDS (or until interrupted), then hangs up. --status reports the named\n"
      "connection's state. --json prints a listing or status as one JSON object.\n",
      out);
}

// Parses Windows-style arguments (switches are case-insensitive, '/' or '-').
bool parse(int argc, char** argv, Options& o) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto has_prefix = [&](const char* p) { return strncasecmp(arg.c_str(), p, std::strlen(p)) == 0; };
    auto value = [&](const char* p) { return widen(arg.c_str() + std::strlen(p)); };
    if (arg == "/?" || arg == "-?" || arg == "--help") {
      o.help = true;
    } else if (has_prefix("/DISCONNECT") || (has_prefix("/D") && arg.size() == 2)) {
      o.disconnect = true;
    } else if (has_prefix("/DOMAIN:")) {
      o.domain = value("/DOMAIN:");
    } else if (has_prefix("/PHONE:")) {
      o.phone = value("/PHONE:");
    } else if (has_prefix("/CALLBACK:")) {
      o.callback = value("/CALLBACK:");
    } else if (has_prefix("/PHONEBOOK:")) {
      o.phonebook = value("/PHONEBOOK:");
    } else if (has_prefix("/PREFIXSUFFIX")) {
      o.prefix_suffix = true;
    } else if (arg == "--json") {
      o.json = true;
    } else if (arg == "--status") {
      o.status = true;
    } else if (arg == "--wait") {
      o.wait = true;
    } else if (has_prefix("--wait=")) {
      o.wait = true;
      o.wait_seconds = std::atol(arg.c_str() + 7);
    } else if (arg.size() > 1 && arg[0] == '/') {
      std::fprintf(stderr, "rasdial: unknown switch %s (see rasdial /?)\n", arg.c_str());
      return false;
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() > 3) {
    std::fprintf(stderr, "rasdial: too many arguments (see rasdial /?)\n");
    return false;
  }
  if (!positional.empty()) o.entry = widen(positional[0].c_str());
  if (positional.size() > 1) o.has_user = true, o.user = widen(positional[1].c_str());
  if (positional.size() > 2) {
    o.has_password = true;
    if (positional[2] == "*") {
      o.prompt_password = true;
    } else {
      o.password = widen(positional[2].c_str());
    }
  }
  return true;
}

std::wstring read_password(const std::wstring& user) {
  std::fprintf(stderr, "Enter the password for %ls to connect to %ls: ", user.c_str(), L"");
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
  if (!got) return std::wstring();
  line[std::strcspn(line, "\r\n")] = '\0';
  std::wstring password = widen(line);
  SecureZeroMemory(line, sizeof line);
  return password;
}

DWORD report_error(DWORD code) {
  char text[512];
  if (RasGetErrorStringA(code, text, sizeof text) != ERROR_SUCCESS) std::strcpy(text, "");
  std::printf("Remote Access error %u - %s\n", code, text);
  return code;
}

const char* state_text(RASCONNSTATE s) {
  switch (s) {
    case RASCS_OpenPort: return "Opening the port...";
    case RASCS_PortOpened: return "Port opened.";
    case RASCS_ConnectDevice: return "Connecting the device...";
    case RASCS_DeviceConnected: return "Device connected.";
    case RASCS_AllDevicesConnected: return "Physical link established.";
    case RASCS_Authenticate: return "Verifying username and password...";
    case RASCS_AuthNotify: return "Authentication in progress...";
    case RASCS_AuthRetry: return "Retrying authentication...";
    case RASCS_AuthCallback: return "Waiting for the server to call back...";
    case RASCS_AuthChangePassword: return "Changing the password...";
    case RASCS_AuthProject: return "Registering your computer on the network...";
    case RASCS_AuthLinkSpeed: return "Measuring the link speed...";
    case RASCS_AuthAck: return "Authentication acknowledged.";
    case RASCS_ReAuthenticate: return "Authenticating again...";
    case RASCS_Authenticated: return "Authenticated.";
    case RASCS_PrepareForCallback: return "Preparing for callback...";
    case RASCS_WaitForModemReset: return "Waiting for the modem to reset...";
    case RASCS_WaitForCallback: return "Waiting for the callback...";
    case RASCS_Projected: return "Network protocols negotiated.";
    case RASCS_StartAuthentication: return "Starting authentication...";
    case RASCS_CallbackComplete: return "Callback complete.";
    case RASCS_LogonNetwork: return "Logging on to the network...";
    case RASCS_SubEntryConnected: return "Subentry connected.";
    case RASCS_SubEntryDisconnected: return "Subentry disconnected.";
    case RASCS_ApplySettings: return "Applying settings...";
    case RASCS_Connected: return "Connected.";
    case RASCS_Disconnected: return "Disconnected.";
    default: return "Paused.";
  }
}

// What the notifier has seen, for the main thread to wait on.
struct Progress {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  DWORD error = 0;
};
Progress g_progress;

VOID WINAPI on_state(HRASCONN, UINT, RASCONNSTATE state, DWORD error, DWORD) {
  std::lock_guard lock(g_progress.mutex);
  if (error != 0) {
    g_progress.error = error;
    g_progress.done = true;
  } else {
    std::printf("%s\n", state_text(state));
    std::fflush(stdout);
    if (state == RASCS_Connected || state == RASCS_Disconnected) g_progress.done = true;
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

std::string json_string(const wchar_t* text) {
  std::string out = "\"";
  char utf8[MB_LEN_MAX];
  std::mbstate_t mb{};
  for (; *text; ++text) {
    wchar_t c = *text;
    if (c == L'"' || c == L'\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      size_t n = std::wcrtomb(utf8, c, &mb);
      if (n != static_cast<size_t>(-1)) out.append(utf8, n);
    }
  }
  return out + "\"";
}

int list_json() {
  DWORD rc = 0;
  auto conns = list_connections(rc);
  if (rc != ERROR_SUCCESS) {
    std::printf("{\"error\":%u}\n", rc);
    return static_cast<int>(rc);
  }
  std::string out = "{\"connections\":[";
  for (size_t i = 0; i < conns.size(); ++i) {
    const RASCONNW& c = conns[i];
    out += std::string(i ? "," : "") + "{\"entry\":" + json_string(c.szEntryName) +
           ",\"handle\":" + std::to_string(reinterpret_cast<uintptr_t>(c.hrasconn)) +
           ",\"device_type\":" + json_string(c.szDeviceType) +
           ",\"device_name\":" + json_string(c.szDeviceName) +
           ",\"phonebook\":" + json_string(c.szPhonebook) +
           ",\"all_users\":" + ((c.dwFlags & RASCF_AllUsers) ? "true" : "false") + "}";
  }
  std::printf("%s]}\n", out.c_str());
  return 0;
}

// What a connected connection reports beyond its state: statistics and the IPv4 that
// PPP negotiated (either may be missing: a custom connection has no projection).
struct Details {
  bool has_stats = false;
  RAS_STATS stats{};
  bool has_ipv4 = false;
  char ipv4[INET_ADDRSTRLEN] = "";
  char ipv4_server[INET_ADDRSTRLEN] = "";
};

Details details(HRASCONN conn) {
  Details d;
  d.stats.dwSize = sizeof d.stats;
  d.has_stats = RasGetConnectionStatistics(conn, &d.stats) == ERROR_SUCCESS;
  RAS_PROJECTION_INFO info{};
  info.version = RASAPIVERSION_CURRENT;
  DWORD size = sizeof info;
  if (RasGetProjectionInfoEx(conn, &info, &size) == ERROR_SUCCESS &&
      info.type == PROJECTION_INFO_TYPE_PPP && info.ppp.dwIPv4NegotiationError == 0) {
    d.has_ipv4 = ::inet_ntop(AF_INET, &info.ppp.ipv4Address, d.ipv4, sizeof d.ipv4) &&
                 ::inet_ntop(AF_INET, &info.ppp.ipv4ServerAddress, d.ipv4_server,
                             sizeof d.ipv4_server);
  }
  return d;
}

// --status ENTRY: the state of the named connection; ERROR_NO_CONNECTION when none.
int status(const std::wstring& entry, bool json) {
  DWORD rc = 0;
  auto conns = list_connections(rc);
  if (rc != ERROR_SUCCESS) return static_cast<int>(report_error(rc));
  for (const RASCONNW& c : conns) {
    if (lstrcmpiW(c.szEntryName, entry.c_str()) != 0) continue;
    RASCONNSTATUSW st{};
    st.dwSize = sizeof st;
    rc = RasGetConnectStatusW(c.hrasconn, &st);
    if (rc != ERROR_SUCCESS) return static_cast<int>(report_error(rc));
    Details d = details(c.hrasconn);
    if (json) {
      std::printf("{\"entry\":%s,\"state\":%u,\"state_text\":\"%s\",\"error\":%u,"
                  "\"device_type\":%s,\"device_name\":%s,\"phone_number\":%s",
                  json_string(c.szEntryName).c_str(), static_cast<unsigned>(st.rasconnstate),
                  state_text(st.rasconnstate), st.dwError, json_string(st.szDeviceType).c_str(),
                  json_string(st.szDeviceName).c_str(), json_string(st.szPhoneNumber).c_str());
      if (d.has_stats) {
        std::printf(",\"statistics\":{\"bytes_sent\":%u,\"bytes_received\":%u,"
                    "\"frames_sent\":%u,\"frames_received\":%u,\"bps\":%u,"
                    "\"duration_ms\":%u}",
                    d.stats.dwBytesXmited, d.stats.dwBytesRcved, d.stats.dwFramesXmited,
                    d.stats.dwFramesRcved, d.stats.dwBps, d.stats.dwConnectDuration);
      }
      if (d.has_ipv4) {
        std::printf(",\"ipv4\":\"%s\",\"ipv4_server\":\"%s\"", d.ipv4, d.ipv4_server);
      }
      std::printf("}\n");
    } else {
      std::printf("%ls: %s", c.szEntryName, state_text(st.rasconnstate));
      if (st.dwError) std::printf(" (error %u)", st.dwError);
      std::printf("\n  device %ls (%ls), number %ls\n", st.szDeviceName, st.szDeviceType,
                  st.szPhoneNumber);
      if (d.has_stats) {
        unsigned seconds = d.stats.dwConnectDuration / 1000;
        std::printf("  connected %u:%02u:%02u, %u bytes sent, %u received", seconds / 3600,
                    seconds / 60 % 60, seconds % 60, d.stats.dwBytesXmited, d.stats.dwBytesRcved);
        if (d.stats.dwBps) std::printf(", %u bps", d.stats.dwBps);
        std::printf("\n");
      }
      if (d.has_ipv4) std::printf("  IPv4 %s, server %s\n", d.ipv4, d.ipv4_server);
    }
    return 0;
  }
  if (json) {
    std::printf("{\"entry\":%s,\"error\":%u}\n", json_string(entry.c_str()).c_str(),
                static_cast<unsigned>(ERROR_NO_CONNECTION));
  } else {
    std::printf("You are not connected to %ls.\n", entry.c_str());
  }
  return static_cast<int>(ERROR_NO_CONNECTION);
}

int list() {
  DWORD rc = 0;
  auto conns = list_connections(rc);
  if (rc != ERROR_SUCCESS) return static_cast<int>(report_error(rc));
  if (conns.empty()) {
    std::printf("No connections\n");
    if (!service_answers()) {
      std::fprintf(stderr, "rasdial: note: the connection service (rasmand) does not answer on %s; "
                           "only this process's own connections could be listed\n",
                   service_socket().c_str());
    }
  } else {
    std::printf("Connected to\n");
    for (const RASCONNW& c : conns) std::printf("%ls\n", c.szEntryName);
  }
  std::printf("Command completed successfully.\n");
  return 0;
}

int disconnect(const std::wstring& entry) {
  DWORD rc = 0;
  auto conns = list_connections(rc);
  if (rc != ERROR_SUCCESS) return static_cast<int>(report_error(rc));
  bool any = false;
  for (const RASCONNW& c : conns) {
    if (!entry.empty() && lstrcmpiW(c.szEntryName, entry.c_str()) != 0) continue;
    any = true;
    rc = RasHangUpW(c.hrasconn);
    if (rc != ERROR_SUCCESS) return static_cast<int>(report_error(rc));
  }
  if (!any) {
    std::printf(entry.empty() ? "No connections\n" : "You are not connected to %ls.\n",
                entry.c_str());
    return entry.empty() ? 0 : static_cast<int>(report_error(ERROR_NO_CONNECTION));
  }
  std::printf("Command completed successfully.\n");
  return 0;
}

int dial(Options& o) {
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
  if (o.prompt_password) o.password = read_password(o.user);
  lstrcpynW(params.szPassword, o.password.c_str(), PWLEN + 1);
  SecureZeroMemory(o.password.data(), o.password.size() * sizeof(wchar_t));
  RASDIALEXTENSIONS ext{};
  ext.dwSize = sizeof ext;
  if (o.prefix_suffix) ext.dwfOptions |= RDEOPT_UsePrefixSuffix;

  std::printf("Connecting to %ls...\n", o.entry.c_str());
  std::fflush(stdout);
  HRASCONN conn = nullptr;
  DWORD rc = RasDialW(&ext, phonebook, &params, 1, reinterpret_cast<LPVOID>(&on_state), &conn);
  SecureZeroMemory(params.szPassword, sizeof params.szPassword);
  if (rc == ERROR_SUCCESS) {
    std::unique_lock lock(g_progress.mutex);
    g_progress.cv.wait(lock, [] { return g_progress.done || g_interrupted.load(); });
    rc = g_interrupted ? ERROR_USER_DISCONNECTION : g_progress.error;
  }
  if (rc != ERROR_SUCCESS) {
    if (conn) RasHangUpW(conn);
    return static_cast<int>(report_error(rc));
  }
  std::printf("Successfully connected to %ls.\n", o.entry.c_str());
  if (o.wait) {
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
        return static_cast<int>(report_error(failed));
      }
      // Hung up from elsewhere (rasdial /DISCONNECT in another process)? The handle can go
      // a moment before the notifier hears why (rasmand stopping, a link failing): give
      // that a second to arrive, so an error is not reported as a hang-up.
      if (RasGetConnectStatusW(conn, &status) == ERROR_INVALID_HANDLE) {
        {
          std::unique_lock lock(g_progress.mutex);
          g_progress.cv.wait_for(lock, std::chrono::seconds(1),
                                 [] { return g_progress.error != 0; });
          failed = g_progress.error;
        }
        if (failed != 0) {
          RasHangUpW(conn);
          return static_cast<int>(report_error(failed));
        }
        std::printf("Disconnected from %ls (hung up by another process).\n", o.entry.c_str());
        std::printf("Command completed successfully.\n");
        return 0;
      }
    }
    rc = RasHangUpW(conn);
    if (rc != ERROR_SUCCESS) return static_cast<int>(report_error(rc));
    std::printf("Disconnected from %ls.\n", o.entry.c_str());
  } else {
    std::fprintf(stderr, "rasdial: note: a built-in connection stays up in rasmand; one a custom "
                         "dialer made lasts only as long as the process that dialled it (use "
                         "--wait to hold it).\n");
  }
  std::printf("Command completed successfully.\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
  // Progress lines must appear as states arrive, even when stdout is a file or a pipe.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  Options o;
  if (!parse(argc, argv, o)) return static_cast<int>(ERROR_INVALID_PARAMETER);
  if (o.help) {
    usage(stdout);
    return 0;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  ensure_private_rasmand();
  if (o.disconnect) return disconnect(o.entry);
  if (o.status) {
    if (o.entry.empty()) {
      std::fprintf(stderr, "rasdial: --status needs an entry name (see rasdial /?)\n");
      return static_cast<int>(ERROR_INVALID_PARAMETER);
    }
    return status(o.entry, o.json);
  }
  if (o.entry.empty() && o.json) return list_json();
  if (o.entry.empty()) return list();
  int rc = dial(o);
  return rc;
}
