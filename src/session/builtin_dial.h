// builtin_dial.h: RasDial of an entry without a custom dialer (or a dialer's own call
// with RDEOPT_CustomDial): rasmand's Dial, its link process, and the states it reports
// (docs/protocol.md "Built-in connections").
//
// With a notifier, builtin_dial() returns at once with the handle, and every StateChanged
// rasmand sends for that handle is given to the notifier on the rasmand client's event
// thread, in order, with no lock held (so the notifier may call RasHangUp), until an
// error, RASCS_Disconnected, RasHangUp of the handle, or a RASDIALFUNC2 returning 0.
// With no notifier it blocks until RASCS_Connected or an error. Thread-safe.
//
// Paused states (docs/devices.md "Terminal"): an entry with RASEO_TerminalAfterDial dialled
// with RDEOPT_PausedStates pauses in RASCS_Interactive once the line is through; the
// notifier hears it (a blocking RasDial returns 0 there) and the caller resumes with
// builtin_resume (RasDial with the paused handle), after using the terminal
// (builtin_open_terminal). Without RDEOPT_PausedStates such a dial fails in
// RASCS_Interactive with ERROR_INTERACTIVE_MODE, as on Windows.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/connection_identity.h"
#include "dialer/dispatch.h"
#include "ras.h"
#include "rasman/protocol.h"

namespace openras::rasman {
struct Event;
}

namespace openras::session {

using dialer::EntryInfo;

// The RAS error code; *handle is set whenever rasmand accepted the dial (release it with
// RasHangUp even when the dial failed, as on Windows). No rasmand answering is
// ERROR_RASMAN_CANNOT_INITIALIZE, at once.
// `dial_options`: RASDIALEXTENSIONS' dwfOptions (0 without them).
[[nodiscard]] DWORD builtin_dial(const EntryInfo& entry, const RASDIALPARAMSW& params,
                                 DWORD dial_options, DWORD notifier_type, LPVOID notifier,
                                 LPHRASCONN handle);

// RasDial with the handle of a dial paused in RASCS_Interactive: it goes on, its states now
// reaching `notifier` (none: this call blocks until Connected or an error, as builtin_dial).
// ERROR_INVALID_HANDLE for a handle this process did not dial, ERROR_INVALID_PARAMETER for
// one that is not paused or a call from inside a notifier (Windows forbids it).
[[nodiscard]] DWORD builtin_resume(HRASCONN handle, DWORD notifier_type, LPVOID notifier);

// OpenRasOpenTerminal: a descriptor on the terminal of a dial paused in RASCS_Interactive
// (its pseudo-terminal, opened as the caller: read what the far end says, write keys).
[[nodiscard]] DWORD builtin_open_terminal(HRASCONN handle, int* fd);

// What names a connection to `entry` that dials `number` (UTF-8, as rasmand keeps it).
[[nodiscard]] ConnectionIdentity identity_of(const EntryInfo& entry, std::wstring_view number);

// The numbers a built-in dial of `entry` tries, in order (docs/devices.md "Dialing"): with
// `override_number` non-empty (RASDIALPARAMS.szPhoneNumber) that number alone, as given;
// otherwise the entry's number, then its non-empty alternates, each through
// compose_number() (whose error it returns).
[[nodiscard]] Result<std::vector<std::wstring>> dial_numbers(const EntryInfo& entry,
                                                             std::wstring_view override_number);

// One of the entry's numbers as dialled: unchanged without RASEO_UseCountryAndAreaCodes;
// with it, TAPI's canonical "+<country> (<area>) <number>" with the spaces, parentheses,
// dashes and dots taken out ("+<country><area><number>"). The country's code is
// dwCountryCode, or when that is 0 the code of the country dwCountryID names (RASENTRY's
// rule; base/countries.h); both 0: no "+<country>". A dwCountryID that is no country, with
// dwCountryCode 0, is kInvalidArgument naming both: the dial cannot know the code, and a
// number dialled without it may reach someone else.
[[nodiscard]] Result<std::wstring> compose_number(const EntryInfo& entry, std::wstring_view number);

// RASEO_PromoteAlternates (docs/devices.md "Promoting an alternate"): which of `entry`'s
// alternates (an index of entry.alternates) a built-in dial reached when rasmand says
// `answered` answered (the dial string, as composed). nullopt when it is the first
// number's (whatever else also composes to it: the first number was dialled first) or no
// number of the entry's; of two alternates that compose alike, the earlier, which was
// dialled first. A dial that connects through an alternate has the entry rewritten with it
// first (dialer/promote.h), once, in the dialling process, before the caller hears
// RASCS_Connected.
[[nodiscard]] std::optional<std::size_t> answered_alternate(const EntryInfo& entry,
                                                            std::wstring_view answered);

// The PPP part of a built-in dial of `entry` (docs/devices.md "PPP"): the authentication
// protocols its RASEO_Require* flags allow (none of them: every one OpenRAS speaks;
// RASEO_RequireEncryptedPw: CHAP-MD5 and MS-CHAPv2; RASEO_RequireMsEncryptedPw: MS-CHAPv2),
// its own address with RASEO_SpecificIpAddr, its DNS servers with
// RASEO_SpecificNameServers, IPv6 with RASNP_Ipv6 (IPv4 always), and the default route
// with RASEO_RemoteDefaultGateway.
[[nodiscard]] rasman::DialOptions ppp_options(const EntryInfo& entry);

// Whether this process dialled `handle` the built-in way (a custom dialer that dials
// through RAS hands it back as its own; rasmand knows it already).
[[nodiscard]] bool builtin_known(HRASCONN handle);

// RasHangUp's part: no notification reaches the caller for `handle` after this. What the
// dial was of, if this process dialled it.
std::optional<ConnectionIdentity> builtin_forget(HRASCONN handle);

// A dial of this process that failed, as RasGetConnectStatus reports it until the caller's
// RasHangUp releases its handle (rasmand has dropped its record; RasEnumConnections does
// not list it): the state it failed in and the error.
struct FailedDial {
  ConnectionIdentity identity;
  uint32_t state = 0;
  uint32_t error = 0;
};
[[nodiscard]] std::optional<FailedDial> builtin_failed(HRASCONN handle);

// Why a RAS call failed, in words, beside its code (OpenRasGetErrorDetail; docs/abi.md):
// for `handle` NULL, this thread's last call that said why (set_last_detail); otherwise
// why the dial of `handle` failed, as rasmand or its link said. Empty: nothing more known.
void set_last_detail(std::string detail);
[[nodiscard]] std::string error_detail(HRASCONN handle);

// Whether this thread is running a RasDial notifier.
[[nodiscard]] bool in_notifier();

// Runs each notifier call from now on (session.h's Delivery); empty: the default, at once.
void set_delivery(std::function<void(std::function<void()>)> delivery);

// rasmand's StateChanged and disconnection, from the client's event thread.
void on_builtin_event(const rasman::Event& event);

}  // namespace openras::session
