// builtin_dial.cpp: see builtin_dial.h.
#include "session/builtin_dial.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "base/countries.h"
#include "base/fs.h"
#include "base/log.h"
#include "base/struct_size.h"
#include "base/unique_fd.h"
#include "base/utf.h"
#include "dialer/promote.h"
#include "raserror.h"
#include "rasman/client.h"
#include "session/connections.h"
#include "session/dialog_watch.h"
#include "session/service.h"

namespace openras::session {

namespace {

// Where a blocking RasDial (no notifier) waits for its outcome.
struct Waiter {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  DWORD error = 0;
  std::string why;  // with an error: why, as rasmand or the link said
};

// Whom a dial's states go to: its notifier, or the waiter of a blocking RasDial. What a
// report takes out of the table (a slice of the Dial, not its identity and entry).
struct Listener {
  DWORD notifier_type = 0;
  LPVOID notifier = nullptr;
  ULONG_PTR callback_id = 0;
  DWORD sub_entry = 1;
  std::string why;  // why it failed, as rasmand or the link said (GetFailure)
  std::shared_ptr<Waiter> waiter;
};

struct Dial : Listener {
  bool active = true;   // notifications still wanted
  bool paused = false;  // in RASCS_Interactive, waiting for the caller's RasDial to resume
  // The last state rasmand reported and its error: what RasGetConnectStatus says of a
  // failed dial, whose record rasmand has dropped, until the caller's RasHangUp.
  uint32_t state = RASCS_OpenPort;
  uint32_t error = 0;
  bool reported = false;        // a state has reached this process
  ConnectionIdentity identity;  // what it dials (for the dial dialogs' watches)
  // The entry as dialled, while an alternate that answers is to be promoted
  // (RASEO_PromoteAlternates): taken at the first RASCS_Connected.
  std::optional<EntryInfo> promote;
};

// Dials of this process, by handle, until RasHangUp (the mutex is never held during a
// D-Bus call or while a notifier runs). rasmand answers Dial before it sends the first
// StateChanged of the new handle, but the event thread may see that signal before the
// dialing thread has recorded the handle: it then waits (bounded) until the handle is
// recorded or no Dial call is in flight. Never destroyed: the client's event thread may
// still deliver a late signal while the process runs its exit handlers.
struct DialTable {
  std::mutex mutex;
  std::map<uint64_t, Dial> dials;
  std::condition_variable recorded;
  int in_flight = 0;
};
DialTable& dial_table() {
  static auto* table = new DialTable;
  return *table;
}
std::mutex& g_mutex = dial_table().mutex;
std::map<uint64_t, Dial>& g_dials = dial_table().dials;
std::condition_variable& g_recorded = dial_table().recorded;
int& g_in_flight = dial_table().in_flight;
constexpr auto kRecordWait = std::chrono::seconds(6);  // above the client's 5 s call timeout

std::string narrow(const std::wstring& text) {
  auto utf8 = wide_to_utf8(text);
  return utf8 ? *utf8 : std::string();
}

// The entry's post-connect script (docs/devices.md "Scripts"), read here, as the caller:
// rasmand runs as root and never opens a file a user names. A relative path is taken from
// the phone book's directory. rasmand parses the text (ScriptSyntax: 752). Failures are
// typed (kScriptSyntax, kNotFound, ...); RasDial gives them their Windows code.
Result<std::string> read_script(const EntryInfo& entry) {
  if (entry.script.empty()) return std::string();
  std::string path = narrow(entry.script);
  if (path.empty() || path.front() == '[') {
    return fail(Errc::kScriptSyntax, "szScript \"" + path +
                                         "\" names a SWITCH.INF section, which OpenRAS does "
                                         "not have; name a script file");
  }
  if (path.front() != '/') {
    std::string book = narrow(entry.phonebook);
    path = book.substr(0, book.rfind('/') + 1) + path;
  }
  auto text = read_file(path, link::kMaxScriptBytes);
  if (!text) return fail(text.error().with_context("its script " + path));
  return std::move(*text);
}

HRASCONN as_handle(uint64_t value) {
  return reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(value));
}

using Delivery = std::function<void(std::function<void()>)>;

// The delivery hook (session.h), swapped whole so a call in progress keeps its own.
struct DeliveryHook {
  std::mutex mutex;
  std::shared_ptr<const Delivery> hook;
};
DeliveryHook& delivery_hook() {
  static auto* hook = new DeliveryHook;  // never destroyed: the event thread uses it
  return *hook;
}
// The hook set, or null for the default (the call runs at once, with no std::function).
std::shared_ptr<const Delivery> delivery() {
  DeliveryHook& d = delivery_hook();
  std::lock_guard lock(d.mutex);
  return d.hook;
}

// Set while a notifier runs on the event thread: a blocking RasDial from there would wait
// for states only that thread can deliver.
thread_local bool t_in_notifier = false;

// Why this thread's last RAS call failed, in words (OpenRasGetErrorDetail).
thread_local std::string t_last_detail;

// Calls the caller's notifier; false when a RASDIALFUNC2 asks for no more.
bool notify(const Listener& d, uint64_t handle, RASCONNSTATE state, DWORD error) {
  switch (d.notifier_type) {
    case RASNOTIFIER_FUNC:
      reinterpret_cast<RASDIALFUNC>(d.notifier)(WM_RASDIALEVENT, state, error);
      return true;
    case RASNOTIFIER_FUNC1:
      reinterpret_cast<RASDIALFUNC1>(d.notifier)(as_handle(handle), WM_RASDIALEVENT, state, error,
                                                 0);
      return true;
    default:
      return reinterpret_cast<RASDIALFUNC2>(d.notifier)(d.callback_id, d.sub_entry,
                                                        as_handle(handle), WM_RASDIALEVENT, state,
                                                        error, 0) != 0;
  }
}

// Why rasmand says the dial of `handle` failed; empty when it does not say.
std::string failure_of(uint64_t handle) {
  auto client = service_client();
  if (!client) return {};
  auto why = (*client)->get_failure(handle);
  return why ? *why : std::string();
}

// RASEO_PromoteAlternates, once the dial of `entry` is connected: rasmand's record holds
// the number that answered (its link said which, docs/protocol.md "Link messages"); an
// alternate becomes the entry's first number (dialer/promote.h). Best effort, like
// Windows' own rewrite: a phone book that cannot be written does not fail a connection
// that is up. On the client's event thread, before the caller hears Connected, so a
// RasDial that returns has its phone book rewritten already.
void promote_answered(uint64_t handle, const EntryInfo& entry) {
  auto client = service_client();
  if (!client) return;
  auto record = (*client)->get_connection(handle);
  if (!record) {
    LOG_DEBUG("connection %#llx: which number answered is unknown (%s); nothing promoted",
              static_cast<unsigned long long>(handle), record.error().message.c_str());
    return;
  }
  auto answered = utf8_to_wide(record->phone_number);
  std::optional<std::size_t> alternate =
      answered ? answered_alternate(entry, *answered) : std::nullopt;
  if (!alternate) return;  // the first number answered (or one the entry never had)
  auto done = dialer::promote_alternate(entry, *alternate);
  if (!done) {
    LOG_DEBUG("RasDial of \"%ls\": alternate %zu answered; the phone book was not rewritten: %s",
              entry.name.c_str(), *alternate + 1, done.error().message.c_str());
  } else if (*done != dialer::Promotion::kPromoted) {
    LOG_DEBUG("RasDial of \"%ls\": alternate %zu answered; not promoted: %s", entry.name.c_str(),
              *alternate + 1,
              *done == dialer::Promotion::kFlagCleared
                  ? "RASEO_PromoteAlternates was cleared meanwhile"
                  : "the entry's numbers changed meanwhile");
  } else {
    LOG_DEBUG("RasDial of \"%ls\": alternate %zu answered and is now the first number",
              entry.name.c_str(), *alternate + 1);
  }
}

void deliver(uint64_t handle, uint32_t state, uint32_t error) {
  Listener copy;
  std::optional<EntryInfo> promote;  // taken once, at the first Connected
  bool ended = error != 0 || state == RASCS_Disconnected;
  // Windows reports each state once as it is entered, and again with the error if it
  // fails there: a failure in a state not yet reported (rasmand refusing the port, a link
  // that could not start) is reported as entered first.
  bool entered_first = false;
  bool first_error = false;  // the dial's first report of a failure
  {
    std::unique_lock lock(g_mutex);
    g_recorded.wait_for(lock, kRecordWait,
                        [&] { return g_in_flight == 0 || g_dials.count(handle) != 0; });
    auto it = g_dials.find(handle);
    if (it == g_dials.end()) return;
    if (ended) {
      // A custom dialer that dialled through us (RDEOPT_CustomDial) returned this handle
      // as its own. Hung up by someone else, it is hung up through that dialer here, in
      // the process that holds it: its RasCustomHangUp, once, as for any RasHangUp (ours
      // forgets the dial first, so it never gets here). Failed, it stays, failed, until
      // the caller's RasHangUp, which reaches the dialer.
      lock.unlock();
      if (error == 0 && state == RASCS_Disconnected) {
        if (std::optional<Connection> c = Connections::instance().take(as_handle(handle))) {
          DWORD rc = c->dialer->hang_up(c->handle);
          LOG_DEBUG(
              "connection %#llx, dialled through %s, was hung up elsewhere: RasCustomHangUp "
              "returned %u",
              static_cast<unsigned long long>(handle), c->dialer->path().c_str(), rc);
        }
      } else {
        (void)Connections::instance().mark_failed(as_handle(handle), state, error);
      }
      lock.lock();
      it = g_dials.find(handle);
      if (it == g_dials.end()) return;
    }
    if (ended && error == 0 && state == RASCS_Disconnected) {
      // Ended without an error and still ours: hung up through rasmand by someone else
      // (our own RasHangUp forgets the dial first).
      ConnectionIdentity who = it->second.identity;
      lock.unlock();
      hung_up_elsewhere(who, "the dial was hung up (RasHangUp through rasmand)");
      lock.lock();
      it = g_dials.find(handle);
      if (it == g_dials.end()) return;
    }
    Dial& d = it->second;
    entered_first = error != 0 && (!d.reported || d.state != state);
    first_error = error != 0 && d.error == 0;
    // A hang-up's own Disconnected does not replace the failure it follows.
    if (d.error == 0 || state != RASCS_Disconnected) {
      d.state = state;
      d.error = error;
    }
    d.reported = true;
    if (state == RASCS_Connected && error == 0 && d.promote) {
      // Whether or not the caller still listens (a RASDIALFUNC2 may have said enough).
      promote = std::move(d.promote);
      d.promote.reset();
    }
    if (!it->second.active) {
      lock.unlock();
      if (promote) promote_answered(handle, *promote);
      return;
    }
    if (state == RASCS_Interactive && error == 0) it->second.paused = true;
    // A blocking RasDial returns at Connected, or paused (its caller resumes with another).
    bool last = error != 0 || state == RASCS_Disconnected ||
                (!it->second.notifier && (state == RASCS_Connected || state == RASCS_Interactive));
    if (last) it->second.active = false;
    copy = static_cast<const Listener&>(it->second);
  }
  if (first_error) {
    // The first report of the failure: ask rasmand why, once (a round trip on failures
    // only), so the caller can tell the user more than the code (OpenRasGetErrorDetail).
    std::string why = failure_of(handle);
    if (!why.empty()) {
      std::lock_guard lock(g_mutex);
      if (auto it = g_dials.find(handle); it != g_dials.end()) it->second.why = why;
    }
    copy.why = std::move(why);
  }
  if (promote) promote_answered(handle, *promote);
  if (copy.waiter) {
    if (state != RASCS_Connected && state != RASCS_Interactive && error == 0 &&
        state != RASCS_Disconnected) {
      return;
    }
    std::lock_guard lock(copy.waiter->mutex);
    copy.waiter->done = true;
    copy.waiter->why = copy.why;
    copy.waiter->error = error != 0 ? error
                         : (state == RASCS_Connected || state == RASCS_Interactive)
                             ? 0
                             : ERROR_DISCONNECTION;
    copy.waiter->cv.notify_all();
    return;
  }
  auto call = [copy = std::move(copy), handle, state, error, entered_first] {
    bool more = true;
    t_in_notifier = true;
    try {
      if (entered_first) more = notify(copy, handle, static_cast<RASCONNSTATE>(state), 0);
      if (more) more = notify(copy, handle, static_cast<RASCONNSTATE>(state), error);
    } catch (...) {
      LOG_DEBUG("RasDial notifier threw for connection %#llx",
                static_cast<unsigned long long>(handle));
    }
    t_in_notifier = false;
    if (!more) {
      std::lock_guard lock(g_mutex);
      if (auto it = g_dials.find(handle); it != g_dials.end()) it->second.active = false;
    }
  };
  if (auto hook = delivery()) {
    (*hook)(std::move(call));
  } else {
    call();
  }
}

// The characters that only format a number for people (TAPI's canonical form uses spaces
// and parentheses; numbers are often written with dashes or dots); dial modifiers such
// as W , T P stay.
std::wstring without_formatting(std::wstring_view text) {
  std::wstring out;
  for (wchar_t c : text) {
    if (c != L' ' && c != L'(' && c != L')' && c != L'-' && c != L'.') out += c;
  }
  return out;
}

// RasDial of an entry this user has connected already (built-in, Connected): success with
// that connection's handle and one more reference to it (rasmand's DialOrJoin or
// JoinConnection; each RasHangUp releases one), as Windows documents. A notifier hears
// RASCS_Connected, from another thread as ever. This records the joined connection.
void adopt_joined(rasman::Client& client, const EntryInfo& entry, uint64_t joined,
                  DWORD notifier_type, LPVOID notifier, const RASDIALPARAMSW& params) {
  LOG_DEBUG("RasDial of \"%ls\": already connected as %#llx; one more reference",
            entry.name.c_str(), static_cast<unsigned long long>(joined));
  Dial dial;
  dial.notifier_type = notifier_type;
  dial.notifier = notifier;
  if (OPENRAS_HAS_FIELD(params.dwSize, RASDIALPARAMSW, dwCallbackId)) {
    dial.callback_id = params.dwCallbackId;
  }
  // Its end reaches this process too (the first dial's process subscribed through Dial).
  (void)client.subscribe(rasman::Subscription::kConnection, joined);
  auto record = client.get_connection(joined);
  dial.identity =
      record ? static_cast<ConnectionIdentity>(*record) : identity_of(entry, entry.phone_number);
  dial.state = RASCS_Connected;
  dial.reported = true;
  {
    std::lock_guard lock(g_mutex);
    g_dials[joined] = std::move(dial);
  }
  if (notifier) std::thread([joined] { deliver(joined, RASCS_Connected, 0); }).detach();
}

// The same when the dial cannot be made (its numbers do not compose, its script is not
// there): an entry already connected is still joined, as Windows does. false: no join.
bool join_connected(rasman::Client& client, const EntryInfo& entry, DWORD notifier_type,
                    LPVOID notifier, const RASDIALPARAMSW& params, LPHRASCONN handle) {
  auto joined = client.join_connection(narrow(entry.phonebook), narrow(entry.name));
  if (!joined || *joined == 0) return false;  // a failure: the dial says what it is
  adopt_joined(client, entry, *joined, notifier_type, notifier, params);
  *handle = as_handle(*joined);
  return true;
}

}  // namespace

ConnectionIdentity identity_of(const EntryInfo& entry, std::wstring_view number) {
  ConnectionIdentity id;
  id.phonebook = narrow(entry.phonebook);
  id.entry = narrow(entry.name);
  id.device_type = narrow(entry.device_type);
  id.device_name = narrow(entry.device_name);
  id.phone_number = narrow(std::wstring(number));
  id.all_users = entry.all_users;
  return id;
}

Result<std::wstring> compose_number(const EntryInfo& entry, std::wstring_view number) {
  if (!(entry.options & RASEO_UseCountryAndAreaCodes)) return std::wstring(number);
  DWORD code = entry.country_code;
  if (code == 0 && entry.country_id != 0) {
    std::optional<uint32_t> known = country_code_of(entry.country_id);
    if (!known) {
      return fail(Errc::kInvalidArgument,
                  "entry \"" + narrow(entry.name) + "\" dials with country and area codes " +
                      "(RASEO_UseCountryAndAreaCodes), its dwCountryCode is 0 and its " +
                      "dwCountryID " + std::to_string(entry.country_id) +
                      " is no country of RasGetCountryInfo's list, so the country's code is " +
                      "unknown: set dwCountryCode (CountryCode=), or a dwCountryID " +
                      "(CountryID=) that RasGetCountryInfo lists");
    }
    code = *known;
  }
  std::wstring out;
  if (code != 0) out = L"+" + std::to_wstring(code);
  return out + without_formatting(entry.area_code) + without_formatting(number);
}

Result<std::vector<std::wstring>> dial_numbers(const EntryInfo& entry,
                                               std::wstring_view override_number) {
  if (!override_number.empty()) return std::vector<std::wstring>{std::wstring(override_number)};
  std::vector<std::wstring> numbers;
  for (std::size_t i = 0; i <= entry.alternates.size(); ++i) {
    const std::wstring& number = i == 0 ? entry.phone_number : entry.alternates[i - 1];
    if (i != 0 && number.empty()) continue;
    auto composed = compose_number(entry, number);
    if (!composed) return fail(composed.error());
    numbers.push_back(std::move(*composed));
  }
  return numbers;
}

std::optional<std::size_t> answered_alternate(const EntryInfo& entry, std::wstring_view answered) {
  auto first = compose_number(entry, entry.phone_number);
  if (!first || *first == answered) return std::nullopt;
  for (std::size_t i = 0; i < entry.alternates.size(); ++i) {
    if (entry.alternates[i].empty()) continue;  // never dialled
    auto composed = compose_number(entry, entry.alternates[i]);
    if (composed && *composed == answered) return i;
  }
  return std::nullopt;
}

rasman::DialOptions ppp_options(const EntryInfo& entry) {
  rasman::DialOptions o;
  const DWORD f = entry.options;
  uint32_t auth = 0;
  if (f & RASEO_RequirePAP) auth |= link::kPppAuthPap;
  if (f & RASEO_RequireCHAP) auth |= link::kPppAuthChapMd5;
  if (f & RASEO_RequireMsCHAP2) auth |= link::kPppAuthMsChapV2;
  if (auth == 0 && (f & RASEO_RequireMsEncryptedPw)) auth = link::kPppAuthMsChapV2;
  if (auth == 0 && (f & (RASEO_RequireEncryptedPw | RASEO_RequireMsCHAP | RASEO_RequireSPAP |
                         RASEO_RequireEAP | RASEO_RequireW95MSCHAP))) {
    // Encrypted passwords only; SPAP, EAP and MS-CHAP v1 are not spoken, so their nearest
    // kin that keeps the password off the line.
    auth = link::kPppAuthChapMd5 | link::kPppAuthMsChapV2;
  }
  o.ppp.auth = auth;
  auto host_order = [](const RASIPADDR& a) {
    return static_cast<uint32_t>(a.a) << 24 | static_cast<uint32_t>(a.b) << 16 |
           static_cast<uint32_t>(a.c) << 8 | a.d;
  };
  if (f & RASEO_SpecificIpAddr) o.ppp.address = host_order(entry.ip_address);
  if (f & RASEO_SpecificNameServers) {
    o.ppp.dns1 = host_order(entry.dns);
    o.ppp.dns2 = host_order(entry.dns_alt);
  }
  o.ppp.networks = link::kPppNetIpv4 | ((entry.net_protocols & RASNP_Ipv6) ? link::kPppNetIpv6 : 0);
  o.default_route = (f & RASEO_RemoteDefaultGateway) != 0;
  return o;
}

DWORD builtin_dial(const EntryInfo& entry, const RASDIALPARAMSW& params, DWORD dial_options,
                   DWORD notifier_type, LPVOID notifier, LPHRASCONN handle) {
  if (notifier && notifier_type == RASNOTIFIER_HWND) return ERROR_NOT_SUPPORTED;
  if (!notifier && t_in_notifier) {
    LOG_DEBUG(
        "RasDial of \"%ls\": a blocking dial from inside a RasDial notifier would never "
        "see its states (they arrive on that thread); pass a notifier",
        entry.name.c_str());
    return ERROR_INVALID_PARAMETER;
  }
  auto client = service_client();
  if (!client) {
    LOG_DEBUG("RasDial of \"%ls\": built-in dialing needs rasmand: %s", entry.name.c_str(),
              client.error().message.c_str());
    set_last_detail(client.error().message);
    return win32_code(client.error());
  }
  auto composed = dial_numbers(entry, params.szPhoneNumber);
  if (!composed) {
    if (join_connected(**client, entry, notifier_type, notifier, params, handle)) {
      return ERROR_SUCCESS;
    }
    LOG_DEBUG("RasDial of \"%ls\": %s", entry.name.c_str(), composed.error().message.c_str());
    set_last_detail(composed.error().message);
    return win32_code(composed.error());  // kInvalidArgument: ERROR_INVALID_PARAMETER
  }
  const std::vector<std::wstring>& numbers = *composed;
  rasman::DialRequest request;
  static_cast<ConnectionIdentity&>(request) = identity_of(entry, numbers.front());
  ConnectionIdentity identity = request;
  rasman::DialOptions options = ppp_options(entry);
  auto script = read_script(entry);
  if (!script) {
    if (join_connected(**client, entry, notifier_type, notifier, params, handle)) {
      return ERROR_SUCCESS;
    }
    LOG_DEBUG("RasDial of \"%ls\": %s", entry.name.c_str(), script.error().message.c_str());
    set_last_detail(script.error().message);
    return win32_code(script.error());  // kScriptSyntax 752, kNotFound 2
  }
  options.script = std::move(*script);
  for (std::size_t i = 1; i < numbers.size(); ++i) options.alternates.push_back(narrow(numbers[i]));
  options.redial_count = entry.redial_count;
  options.redial_pause_s = entry.redial_pause;
  if (entry.options & RASEO_TerminalAfterDial) {
    options.terminal =
        (dial_options & RDEOPT_PausedStates) ? link::kTerminalPause : link::kTerminalRefuse;
  }
  // The credentials go to the link process only; rasmand neither keeps nor logs them.
  request.user = narrow(params.szUserName);
  request.password = narrow(params.szPassword);
  request.domain = narrow(params.szDomain);
  ScopeExit wipe([&] { ::explicit_bzero(request.password.data(), request.password.size()); });
  Dial dial;
  dial.notifier_type = notifier_type;
  dial.notifier = notifier;
  if (OPENRAS_HAS_FIELD(params.dwSize, RASDIALPARAMSW, dwCallbackId)) {
    dial.callback_id = params.dwCallbackId;
  }
  if (!notifier) dial.waiter = std::make_shared<Waiter>();
  dial.identity = std::move(identity);
  if ((entry.options & RASEO_PromoteAlternates) && numbers.size() > 1 &&
      params.szPhoneNumber[0] == L'\0') {
    dial.promote = entry;
  }
  std::shared_ptr<Waiter> waiter = dial.waiter;
  {
    std::lock_guard lock(g_mutex);
    ++g_in_flight;
  }
  // An entry this user has connected already is joined in the same call (adopt_joined).
  auto started = (*client)->dial_or_join(request, options);
  const bool joined = started && started->joined;
  // Recorded while the dial still counts as in flight, so a report about it waits for it.
  if (joined) adopt_joined(**client, entry, started->handle, notifier_type, notifier, params);
  {
    std::lock_guard lock(g_mutex);
    --g_in_flight;
    if (started && !joined) g_dials[started->handle] = std::move(dial);
  }
  g_recorded.notify_all();
  if (!started) {
    LOG_DEBUG("RasDial of \"%ls\": %s", entry.name.c_str(), started.error().message.c_str());
    set_last_detail(started.error().message);
    service_call_failed(started.error());
    return win32_code(started.error());
  }
  *handle = as_handle(started->handle);
  if (joined || !waiter) return ERROR_SUCCESS;
  std::unique_lock lock(waiter->mutex);
  waiter->cv.wait(lock, [&] { return waiter->done; });
  if (waiter->error != 0) set_last_detail(waiter->why);
  return waiter->error;
}

DWORD builtin_resume(HRASCONN handle, DWORD notifier_type, LPVOID notifier) {
  if (notifier && notifier_type == RASNOTIFIER_HWND) return ERROR_NOT_SUPPORTED;
  if (t_in_notifier) {
    LOG_DEBUG("RasDial of paused connection %p: not from inside a RasDial notifier (as on Windows)",
              static_cast<void*>(handle));
    return ERROR_INVALID_PARAMETER;
  }
  auto client = service_client();
  if (!client) return win32_code(client.error());
  const auto key = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(handle));
  std::shared_ptr<Waiter> waiter;
  {
    std::lock_guard lock(g_mutex);
    auto it = g_dials.find(key);
    if (it == g_dials.end()) return ERROR_INVALID_HANDLE;
    if (!it->second.paused) {
      LOG_DEBUG("RasDial of connection %p: it is not paused, so there is nothing to resume",
                static_cast<void*>(handle));
      return ERROR_INVALID_PARAMETER;
    }
    Dial& d = it->second;
    d.paused = false;
    d.active = true;
    d.notifier_type = notifier_type;
    d.notifier = notifier;
    d.waiter = notifier ? nullptr : std::make_shared<Waiter>();
    waiter = d.waiter;
  }
  if (auto resumed = (*client)->resume_dial(key); !resumed) {
    LOG_DEBUG("RasDial of paused connection %p: %s", static_cast<void*>(handle),
              resumed.error().message.c_str());
    service_call_failed(resumed.error());
    std::lock_guard lock(g_mutex);
    if (auto it = g_dials.find(key); it != g_dials.end()) it->second.paused = true;
    return win32_code(resumed.error());
  }
  if (!waiter) return ERROR_SUCCESS;
  std::unique_lock lock(waiter->mutex);
  waiter->cv.wait(lock, [&] { return waiter->done; });
  if (waiter->error != 0) set_last_detail(waiter->why);
  return waiter->error;
}

DWORD builtin_open_terminal(HRASCONN handle, int* fd) {
  if (fd == nullptr) return ERROR_INVALID_PARAMETER;
  auto client = service_client();
  if (!client) return win32_code(client.error());
  auto path = (*client)->get_terminal(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(handle)));
  if (!path) {
    LOG_DEBUG("the terminal of connection %p: %s", static_cast<void*>(handle),
              path.error().message.c_str());
    service_call_failed(path.error());
    return win32_code(path.error());
  }
  // Opened here, as the caller: the terminal belongs to the user who dialled.
  int opened = ::open(path->c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (opened < 0) {
    int err = errno;
    LOG_DEBUG("the terminal of connection %p: %s: %s", static_cast<void*>(handle), path->c_str(),
              std::strerror(err));
    return err == EACCES || err == EPERM ? ERROR_ACCESS_DENIED : ERROR_INVALID_HANDLE;
  }
  *fd = opened;
  return ERROR_SUCCESS;
}

void set_delivery(Delivery hook) {
  DeliveryHook& d = delivery_hook();
  std::lock_guard lock(d.mutex);
  d.hook = hook ? std::make_shared<const Delivery>(std::move(hook)) : nullptr;
}

bool builtin_known(HRASCONN handle) {
  std::lock_guard lock(g_mutex);
  return g_dials.count(reinterpret_cast<uintptr_t>(handle)) != 0;
}

std::optional<ConnectionIdentity> builtin_forget(HRASCONN handle) {
  std::lock_guard lock(g_mutex);
  auto it = g_dials.find(reinterpret_cast<uintptr_t>(handle));
  if (it == g_dials.end()) return std::nullopt;
  ConnectionIdentity identity = std::move(it->second.identity);
  g_dials.erase(it);
  return identity;
}

bool in_notifier() { return t_in_notifier; }

void set_last_detail(std::string detail) { t_last_detail = std::move(detail); }

std::string error_detail(HRASCONN handle) {
  if (handle == nullptr) return t_last_detail;
  std::lock_guard lock(g_mutex);
  auto it = g_dials.find(reinterpret_cast<uintptr_t>(handle));
  return it == g_dials.end() ? std::string() : it->second.why;
}

std::optional<FailedDial> builtin_failed(HRASCONN handle) {
  std::lock_guard lock(g_mutex);
  auto it = g_dials.find(reinterpret_cast<uintptr_t>(handle));
  if (it == g_dials.end() || it->second.error == 0) return std::nullopt;
  return FailedDial{it->second.identity, it->second.state, it->second.error};
}

void on_builtin_event(const rasman::Event& event) {
  if (event.kind == rasman::Event::Kind::kStateChanged) {
    deliver(event.handle, event.state, event.error);
    return;
  }
  // rasmand went away: every dial of ours through it is over.
  std::vector<uint64_t> handles;
  {
    std::lock_guard lock(g_mutex);
    for (const auto& [h, d] : g_dials) {
      if (d.active) handles.push_back(h);
    }
  }
  for (uint64_t h : handles) deliver(h, RASCS_Disconnected, ERROR_DISCONNECTION);
}

}  // namespace openras::session
