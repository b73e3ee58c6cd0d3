// connection_table.cpp: see connection_table.h.
#include "rasman/connection_table.h"

#include <cstdio>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "base/ascii.h"
#include "ras.h"
#include "rasman/protocol.h"

namespace openras::rasman {

namespace {

// An owner's entry as joinable() compares it: the uid and the phone book exactly, the
// entry's ASCII letters in either case.
std::string entry_key(uid_t owner, std::string_view phonebook, std::string_view entry) {
  return std::to_string(owner) + '\0' + std::string(phonebook) + '\0' + ascii_folded(entry);
}

// Drops the pair (key, handle) from `index`.
void unindex(std::unordered_multimap<std::string, uint64_t>& index, const std::string& key,
             uint64_t handle) {
  auto [first, last] = index.equal_range(key);
  for (auto it = first; it != last; ++it) {
    if (it->second == handle) {
      index.erase(it);
      return;
    }
  }
}

constexpr uint64_t kRasmanHandleBit = uint64_t{1} << 62;

std::string handle_text(uint64_t handle) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(handle));
  return buf;
}

Status check_length(std::string_view field, const std::string& value, std::size_t max) {
  if (value.size() > max) {
    return fail(Errc::kInvalidArgument, std::string(field) + " is " + std::to_string(value.size()) +
                                            " bytes long; the limit is " + std::to_string(max));
  }
  return {};
}

}  // namespace

Status validate_registration(const ConnectionRecord& record) {
  // A built-in connection's handle is rasmand's to allocate; a dialer's must be one.
  if (!record.builtin && record.handle == 0) {
    return fail(Errc::kInvalidArgument, "handle 0 is not a connection handle");
  }
  // A built-in connection has no dialer; a custom one names its library.
  if (!record.builtin && (record.dialer.empty() || record.dialer[0] != '/')) {
    return fail(Errc::kInvalidArgument,
                "dialer \"" + record.dialer.substr(0, 64) + "\" is not an absolute path");
  }
  if (record.entry.empty()) return fail(Errc::kInvalidArgument, "the entry name is empty");
  const std::pair<std::string_view, const std::string*> names[] = {
      {"entry", &record.entry},
      {"device type", &record.device_type},
      {"device name", &record.device_name},
      {"phone number", &record.phone_number}};
  for (const auto& [field, value] : names) {
    if (auto ok = check_length(field, *value, kMaxNameBytes); !ok) return ok;
  }
  if (auto ok = check_length("dialer path", record.dialer, kMaxPathBytes); !ok) return ok;
  return check_length("phone-book path", record.phonebook, kMaxPathBytes);
}

bool ConnectionTable::may_see(const Caller& caller, const ConnectionRecord& record) noexcept {
  return caller.admin || caller.uid == record.owner_uid;
}

bool ConnectionTable::valid_state(uint32_t state) noexcept {
  return state <= RASCS_ApplySettings ||
         (state >= RASCS_Interactive && state <= RASCS_InvokeEapUI) || state == RASCS_Connected ||
         state == RASCS_Disconnected;
}

std::string ConnectionTable::state_name(uint32_t state) {
  // In RASCONNSTATE's order from RASCS_OpenPort (0) to RASCS_ApplySettings.
  static constexpr const char* kNames[] = {
      "RASCS_OpenPort",
      "RASCS_PortOpened",
      "RASCS_ConnectDevice",
      "RASCS_DeviceConnected",
      "RASCS_AllDevicesConnected",
      "RASCS_Authenticate",
      "RASCS_AuthNotify",
      "RASCS_AuthRetry",
      "RASCS_AuthCallback",
      "RASCS_AuthChangePassword",
      "RASCS_AuthProject",
      "RASCS_AuthLinkSpeed",
      "RASCS_AuthAck",
      "RASCS_ReAuthenticate",
      "RASCS_Authenticated",
      "RASCS_PrepareForCallback",
      "RASCS_WaitForModemReset",
      "RASCS_WaitForCallback",
      "RASCS_Projected",
      "RASCS_StartAuthentication",
      "RASCS_CallbackComplete",
      "RASCS_LogonNetwork",
      "RASCS_SubEntryConnected",
      "RASCS_SubEntryDisconnected",
      "RASCS_ApplySettings",
  };
  static_assert(std::size(kNames) == RASCS_ApplySettings + 1);
  static constexpr const char* kPaused[] = {
      "RASCS_Interactive",     "RASCS_RetryAuthentication", "RASCS_CallbackSetByCaller",
      "RASCS_PasswordExpired", "RASCS_InvokeEapUI",
  };
  static_assert(std::size(kPaused) == RASCS_InvokeEapUI - RASCS_Interactive + 1);
  if (state < std::size(kNames)) return kNames[state];
  if (state >= RASCS_Interactive && state <= RASCS_InvokeEapUI) {
    return kPaused[state - RASCS_Interactive];
  }
  if (state == RASCS_Connected) return "RASCS_Connected";
  if (state == RASCS_Disconnected) return "RASCS_Disconnected";
  return "state " + std::to_string(state);
}

uint64_t ConnectionTable::allocate_handle() {
  uint64_t handle = 0;
  do {
    handle = kRasmanHandleBit | (next_handle_++ & (kRasmanHandleBit - 1));
  } while (taken(handle));
  return handle;
}

Result<ConnectionRecord> ConnectionTable::add(const Caller& caller, ConnectionRecord record,
                                              uint64_t now) {
  if (auto ok = validate_registration(record); !ok) return fail(ok.error());
  if (records_.size() >= kMaxConnections) {
    return fail(Errc::kOutOfMemory,
                "rasmand holds " + std::to_string(records_.size()) + " connections, its limit");
  }
  std::size_t& count = per_user_[caller.uid];
  if (!caller.admin && count >= kMaxConnectionsPerUser) {
    return fail(Errc::kOutOfMemory, "uid " + std::to_string(caller.uid) + " already has " +
                                        std::to_string(count) + " connections, the per-user limit");
  }
  // Dialers choose their handles without knowing each other's (and in sanitizer builds
  // every process's heap hands out the same addresses), so a handle in use is no error:
  // the newcomer gets an alias, and nobody can block or shadow another's connection.
  record.dialer_handle = record.builtin ? 0 : record.handle;
  if (record.builtin || taken(record.handle)) record.handle = allocate_handle();
  record.owner_uid = caller.uid;
  record.pid = caller.pid;
  // A built-in connection lives in rasmand and its link process, so it outlives the
  // client that dialled it (as on Windows); a custom one lives in the registering process.
  record.peer = record.builtin ? 0 : caller.peer;
  record.start_time = now;
  record.state = record.builtin ? RASCS_OpenPort : RASCS_Connected;
  record.error = 0;
  ++count;
  uint64_t handle = record.handle;
  if (record.builtin) {
    builtin_devices_.emplace(ascii_folded(record.device_name), handle);
    builtin_entries_.emplace(entry_key(record.owner_uid, record.phonebook, record.entry), handle);
  }
  return records_.emplace(handle, std::move(record)).first->second;
}

Status ConnectionTable::check(const Caller& caller, uint64_t handle,
                              const ConnectionRecord* record) {
  if (record == nullptr) {
    return fail(Errc::kInvalidHandle, "no connection has handle " + handle_text(handle));
  }
  if (!may_see(caller, *record)) {
    return fail(Errc::kAccessDenied, "connection " + handle_text(handle) +
                                         " belongs to another user (uid " +
                                         std::to_string(record->owner_uid) + ")");
  }
  return {};
}

Result<std::map<uint64_t, ConnectionRecord>::iterator> ConnectionTable::find_controlled(
    const Caller& caller, uint64_t handle) {
  auto it = records_.find(handle);
  if (auto ok = check(caller, handle, it == records_.end() ? nullptr : &it->second); !ok) {
    return fail(ok.error());
  }
  return it;
}

ConnectionRecord* ConnectionTable::find(uint64_t handle) {
  auto it = records_.find(handle);
  return it == records_.end() ? nullptr : &it->second;
}

Result<ConnectionRecord> ConnectionTable::get(const Caller& caller, uint64_t handle) const {
  auto it = records_.find(handle);
  if (auto ok = check(caller, handle, it == records_.end() ? nullptr : &it->second); !ok) {
    return fail(ok.error());
  }
  return it->second;
}

std::vector<ConnectionRecord> ConnectionTable::list(const Caller& caller) const {
  std::vector<ConnectionRecord> out;
  for (const auto& [handle, record] : records_) {
    if (may_see(caller, record)) out.push_back(record);
  }
  return out;
}

ConnectionRecord* ConnectionTable::joinable(uid_t owner, const std::string& phonebook,
                                            const std::string& entry) {
  auto [first, last] = builtin_entries_.equal_range(entry_key(owner, phonebook, entry));
  for (auto it = first; it != last; ++it) {
    auto record = records_.find(it->second);
    if (record == records_.end()) continue;
    ConnectionRecord& r = record->second;
    if (r.state == RASCS_Connected && r.error == 0 && r.references != UINT32_MAX) return &r;
  }
  return nullptr;
}

const ConnectionRecord* ConnectionTable::builtin_on_device(const std::string& name) const {
  auto [first, last] = builtin_devices_.equal_range(ascii_folded(name));
  for (auto it = first; it != last; ++it) {
    auto record = records_.find(it->second);
    if (record != records_.end()) return &record->second;
  }
  return nullptr;
}

ConnectionRecord ConnectionTable::forget(std::map<uint64_t, ConnectionRecord>::iterator it) {
  auto count = per_user_.find(it->second.owner_uid);
  if (count != per_user_.end() && --count->second == 0) per_user_.erase(count);
  if (const ConnectionRecord& r = it->second; r.builtin) {
    unindex(builtin_devices_, ascii_folded(r.device_name), it->first);
    unindex(builtin_entries_, entry_key(r.owner_uid, r.phonebook, r.entry), it->first);
  }
  ConnectionRecord record = std::move(it->second);
  records_.erase(it);
  return record;
}

Result<ConnectionRecord> ConnectionTable::remove(const Caller& caller, uint64_t handle) {
  auto it = find_controlled(caller, handle);
  if (!it) return fail(it.error());
  return forget(*it);
}

Result<ConnectionRecord> ConnectionTable::set_state(const Caller& caller, uint64_t handle,
                                                    uint32_t state, uint32_t error) {
  if (!valid_state(state)) {
    return fail(Errc::kInvalidArgument, "state " + std::to_string(state) + " is no RASCS_* value");
  }
  auto it = find_controlled(caller, handle);
  if (!it) return fail(it.error());
  (*it)->second.state = state;
  (*it)->second.error = error;
  return (*it)->second;
}

std::vector<ConnectionRecord> ConnectionTable::remove_peer(uint64_t peer) {
  std::vector<ConnectionRecord> removed;
  for (auto it = records_.begin(); it != records_.end();) {
    auto next = std::next(it);
    if (it->second.peer == peer) removed.push_back(forget(it));
    it = next;
  }
  return removed;
}

std::vector<ConnectionRecord> ConnectionTable::remove_all() {
  std::vector<ConnectionRecord> removed;
  removed.reserve(records_.size());
  for (auto& [handle, record] : records_) removed.push_back(std::move(record));
  records_.clear();
  per_user_.clear();
  builtin_devices_.clear();
  builtin_entries_.clear();
  return removed;
}

}  // namespace openras::rasman
