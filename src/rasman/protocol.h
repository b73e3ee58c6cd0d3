// protocol.h: the names and limits of the rasmand D-Bus interface (docs/protocol.md),
// shared by the daemon and the client library so both ends spell them once.
#pragma once

#include "base/result.h"
#include "link/zygote_message.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace openras::rasman {

inline constexpr const char* kBusName = "org.openras.RasMan1";
inline constexpr const char* kObjectPath = "/org/openras/RasMan1";
inline constexpr const char* kInterface = "org.openras.RasMan1";

// One connection as ListConnections/GetConnection return it: handle, owner uid, pid,
// start time (CLOCK_REALTIME seconds), state (RASCS_*), error, dialer, phone book, entry,
// device type, device name, phone number, all users.
inline constexpr const char* kConnectionSignature = "tuutuussssssb";

// Dial's arguments: phone book, entry, device name, phone number, all users, then the
// credentials the link authenticates with: user, password, domain.
inline constexpr const char* kDialSignature = "ssssbsss";

// DialWithOptions (docs/protocol.md "Changing the interface"): Dial's arguments, then a
// dictionary of the entry's dial options, each optional (kDialOption* below). A method
// beside Dial, not a new Dial signature, so callers of Dial keep working.
// A key rasmand does not know, or a value of another type, is InvalidArgument: a caller
// never believes an option applied that was not.
inline constexpr const char* kDialWithOptionsSignature = "ssssbsssa{sv}";
inline constexpr const char* kDialOptionRedialCount = "RedialCount";  // u
inline constexpr const char* kDialOptionRedialPause = "RedialPause";  // u, seconds
inline constexpr const char* kDialOptionAlternates = "Alternates";    // as, dialled in order
// PPP (docs/protocol.md "DialWithOptions"): the authentication protocols the entry allows
// (u, mask of link::kPppAuth*; absent: all), the IPv4 address to ask for (u, host order),
// DNS servers to ask for (au, at most two, host order), the network protocols (u, mask of
// link::kPppNet*, IPv4 always), and whether the interface takes the default route (b).
inline constexpr const char* kDialOptionAuthentication = "Authentication";
inline constexpr const char* kDialOptionIpAddress = "IpAddress";
inline constexpr const char* kDialOptionNameServers = "NameServers";
inline constexpr const char* kDialOptionNetworkProtocols = "NetworkProtocols";
inline constexpr const char* kDialOptionDefaultRoute = "DefaultRoute";
// The entry's post-connect script (s, its text, at most link::kMaxScriptBytes; the caller
// reads the file as itself): run after CONNECT (src/modem/chat_script.h). Text that does
// not parse is refused with ScriptSyntax (752), naming the line and column.
inline constexpr const char* kDialOptionScript = "Script";
// A terminal after dialing (u, link::kTerminal*; the entry's RASEO_TerminalAfterDial): 1
// pauses the dial in RASCS_Interactive with a terminal on the line (the caller allowed
// paused states: RDEOPT_PausedStates), 2 fails it there with ERROR_INTERACTIVE_MODE (703).
// A line device only. ResumeDial goes on; GetTerminal names the terminal.
inline constexpr const char* kDialOptionTerminal = "Terminal";

// The client connection to subscribe to the new connection's signals (t: the id Subscribe
// answers on that connection), before rasmand sends any: a library that dials on one
// connection and hears signals on another (client.h) misses none of its dial's states.
// The same uid's client only; rasmand refuses the dial otherwise.
inline constexpr const char* kDialOptionSubscriber = "Subscriber";

// What a client asks to hear (Subscribe, Unsubscribe; docs/protocol.md "Subscriptions").
// rasmand sends ConnectionAdded, StateChanged and ConnectionRemoved about a connection only
// to clients that subscribed to it (and may see it), and the connection objects' signals
// only to those that subscribed to kObjects; a client that subscribed to nothing hears
// nothing but what is addressed to it alone (HangUpRequested, LogonQuestion).
enum class Subscription : uint32_t {
  kNone = 0,        // adds nothing (Subscribe still answers the client's id); Unsubscribe: all
  kEverything = 1,  // every connection the client may see
  kConnection = 2,  // the connection whose handle is the argument
  kOwner = 3,       // the connections of the uid in the argument (one's own; any: admins)
  kObjects = 4,     // the connection objects' signals, for every connection it may see
};
inline constexpr uint32_t kMaxSubscription = 4;
// Or'ed into Subscribe's kind: this client takes StatesChanged (t handle, a(uu) states),
// several states of one connection in one signal, where it would get a burst of
// StateChanged. Every state is still there, in order.
inline constexpr uint32_t kSubscribeBatched = 0x100;
// States of one connection held for one StatesChanged at most (more are sent at once).
inline constexpr std::size_t kMaxBatchedStates = 64;
// Connections and owners one client may follow one by one (kConnection, kOwner).
inline constexpr std::size_t kMaxSubscriptionsPerClient = 4096;

// The entry's dial options (RASENTRY's dwRedialCount, dwRedialPause, and the alternate
// numbers composed as docs/devices.md "Dialing" says). Defaults: none of them.
struct DialOptions {
  uint32_t redial_count = 0;
  uint32_t redial_pause_s = 0;
  std::vector<std::string> alternates;
  link::PppSettings ppp;  // its defaults are rasmand's when the keys are absent
  bool default_route = false;
  std::string script;  // the post-connect script's text; empty: none
  uint32_t terminal = link::kTerminalNone;
  uint64_t subscriber = 0;  // kDialOptionSubscriber; 0: none
  [[nodiscard]] bool empty() const {
    return redial_count == 0 && redial_pause_s == 0 && alternates.empty() &&
           ppp == link::PppSettings() && !default_route && script.empty() &&
           terminal == link::kTerminalNone && subscriber == 0;
  }
};
// At most this many alternates (each a phone number, kMaxNameBytes); their bytes, each
// with a line break, at most 4,096 (what the link's spawn request carries).
inline constexpr std::size_t kMaxAlternates = 32;
inline constexpr std::size_t kMaxAlternateBytes = 4096;

// GetStatistics' out-arguments (RAS_STATS): bytes sent, bytes received, frames sent,
// frames received (t); CRC, timeout, alignment, hardware-overrun, framing, buffer-overrun
// errors, compression ratio in, out (percent), bps (u); connect duration in ms (t).
inline constexpr const char* kStatisticsSignature = "ttttuuuuuuuuut";

// GetProjection's out-arguments (RASPPP_PROJECTION_INFO): IPv4 error (u), local and server
// IPv4 address (ay, 4 bytes each), IPv4 options, server options, IPv6 error (u), local and
// server interface identifier (ay, 8 bytes each), bundled, multilink (b), auth protocol,
// auth data, server auth protocol, server auth data, EAP type, server EAP type, LCP
// options, server LCP options, CCP error, CCP algorithm, server CCP algorithm, CCP
// options, server CCP options (u).
inline constexpr const char* kProjectionSignature = "uayayuuuayaybbuuuuuuuuuuuuu";

// D-Bus error names (see kErrorNames).
inline constexpr const char* kErrorAccessDenied = "org.openras.RasMan1.Error.AccessDenied";
inline constexpr const char* kErrorNotFound = "org.openras.RasMan1.Error.NotFound";
inline constexpr const char* kErrorInvalidArgument = "org.openras.RasMan1.Error.InvalidArgument";
inline constexpr const char* kErrorAlreadyExists = "org.openras.RasMan1.Error.AlreadyExists";
inline constexpr const char* kErrorLimitExceeded = "org.openras.RasMan1.Error.LimitExceeded";
inline constexpr const char* kErrorNoCredentials = "org.openras.RasMan1.Error.NoCredentials";
inline constexpr const char* kErrorNotSupported = "org.openras.RasMan1.Error.NotSupported";
inline constexpr const char* kErrorDeviceNotFound = "org.openras.RasMan1.Error.DeviceNotFound";
inline constexpr const char* kErrorPortNotAvailable = "org.openras.RasMan1.Error.PortNotAvailable";
inline constexpr const char* kErrorProjectionNotComplete =
    "org.openras.RasMan1.Error.ProjectionNotComplete";
inline constexpr const char* kErrorScriptSyntax = "org.openras.RasMan1.Error.ScriptSyntax";
inline constexpr const char* kErrorFailed = "org.openras.RasMan1.Error.Failed";

// The one table between Errc and the error names on the wire: rasmand replies with the
// name of a failure's code (kErrorFailed for a code not listed), and the client maps each
// name back to that code. Both directions are derived from it (error_name_of,
// errc_of_error_name), so they cannot drift apart.
struct ErrorName {
  Errc code;
  const char* name;
};
inline constexpr ErrorName kErrorNames[] = {
    {Errc::kAccessDenied, kErrorAccessDenied},
    {Errc::kInvalidHandle, kErrorNotFound},
    {Errc::kInvalidArgument, kErrorInvalidArgument},
    {Errc::kAlreadyExists, kErrorAlreadyExists},
    {Errc::kOutOfMemory, kErrorLimitExceeded},
    {Errc::kNotFound, kErrorNoCredentials},
    {Errc::kNotSupported, kErrorNotSupported},
    {Errc::kDeviceDoesNotExist, kErrorDeviceNotFound},
    {Errc::kPortNotAvailable, kErrorPortNotAvailable},
    {Errc::kProjectionNotComplete, kErrorProjectionNotComplete},
    {Errc::kScriptSyntax, kErrorScriptSyntax},
};

// The name rasmand replies with for `code`.
[[nodiscard]] constexpr const char* error_name_of(Errc code) noexcept {
  for (const ErrorName& e : kErrorNames) {
    if (e.code == code) return e.name;
  }
  return kErrorFailed;
}

// Limits, so that one peer cannot make the daemon grow without bound. Lengths are in
// bytes of UTF-8; they are above what Windows allows (RAS_MaxEntryName 256, MAX_PATH 260),
// so a valid Windows value always fits.
inline constexpr std::size_t kMaxNameBytes = 1024;  // entry, device, phone number, user…
inline constexpr std::size_t kMaxPathBytes = 4096;  // dialer and phone-book paths
inline constexpr std::size_t kMaxConnectionsPerUser = 4096;
inline constexpr std::size_t kMaxConnections = 65536;
inline constexpr std::size_t kMaxPeers = 1024;        // open sockets at once
inline constexpr std::size_t kMaxPeersPerUser = 128;  // … of one non-administrator uid
// Sockets kept for administrators beyond kMaxPeers: non-administrators together get at
// most kMaxPeers, so that users holding every socket they may cannot lock root out of the
// service that lets it see and end their connections.
inline constexpr std::size_t kAdminPeers = 64;

// What rasmand reads and queues per client (client_gate.h; docs/security.md). The largest
// message a method needs is RegisterCustomConnection with every string at its limit
// (2 paths of 4,096 bytes + 4 names of 1,024 = 12,288 bytes of text, about 12.6 KB with
// its header); kMaxMessageBytes leaves room for that and refuses anything larger before
// it is buffered.
inline constexpr std::size_t kMaxMessageBytes = 16 * 1024;
inline constexpr std::size_t kMaxAuthBytes = 4096;            // the AUTH dialogue, in all
inline constexpr uint64_t kMessageDeadlineUsec = 10'000'000;  // for AUTH and each message
// Replies and signals waiting for a client to read them. Above the low water mark rasmand
// reads no more calls from that client; above a maximum it closes the client.
inline constexpr std::size_t kOutgoingLowWater = 64 * 1024;
inline constexpr std::size_t kMaxOutgoingPerClient = 1024 * 1024;
inline constexpr std::size_t kMaxOutgoingPerUser = 4 * 1024 * 1024;  // all of a uid's clients
inline constexpr std::size_t kMaxOutgoingPerAdminClient = 64 * 1024 * 1024;

}  // namespace openras::rasman
