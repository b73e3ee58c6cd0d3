// connection_table.h: rasmand's table of connections and its permission rules, with no
// D-Bus in it (the adaptor is server.cpp), so the rules are unit-tested directly.
//
// Rules (docs/protocol.md): a caller sees and controls the connections its uid owns; an
// administrator (root, or the owner of a private root) sees and controls all. A
// connection that exists but is not the caller's is kAccessDenied; one that does not
// exist is kInvalidHandle. Every record has a public handle, unique in the table: a
// built-in connection's comes from rasmand's allocator; a custom one keeps the handle its
// dialer chose when no live record has it, and gets one from the allocator otherwise (an
// alias), so no registration can block, hide or take over another.
// Thread: the daemon's event loop only (not thread-safe).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/connection_identity.h"
#include "base/result.h"
#include "link/message.h"

namespace openras::rasman {

// Who is asking, from the peer's credentials (never from anything the peer says).
struct Caller {
  uid_t uid = 0;
  pid_t pid = 0;
  bool admin = false;  // root, or the private root's owner
  uint64_t peer = 0;   // the bus connection the request came on (0: none)

  // rasmand acting for itself (ending a connection its link reported, cleaning up).
  [[nodiscard]] static Caller daemon() { return Caller{0, 0, true, 0}; }
};

// Its identity is the base (base/connection_identity.h), as in client.h's structures.
struct ConnectionRecord : ConnectionIdentity {
  uint64_t handle = 0;         // the public handle: the table's key, on D-Bus everywhere
  uint64_t dialer_handle = 0;  // a custom connection's handle as its dialer chose it
  uid_t owner_uid = 0;
  pid_t pid = 0;
  uint64_t start_time = 0;  // CLOCK_REALTIME seconds
  uint32_t state = 0;       // RASCS_*
  uint32_t error = 0;       // a RAS/Win32 error code, 0 for none
  std::string dialer;       // the custom dialer's path
  uint64_t peer = 0;        // the registering bus connection: HangUpRequested goes there
  bool builtin = false;     // dialled by rasmand (Dial) through a link process; no dialer
  // A built-in connection's references: its Dial, and each join (JoinConnection or DialOrJoin: its
  // owner dialling the entry again once connected, as RasDial of a connected entry does on
  // Windows); a HangUp releases one, and the last one hangs up.
  uint32_t references = 1;
  // Statistics and projection (server_stats.cpp); not part of the D-Bus record.
  uint32_t bps = 0;                            // the device's configured Speed; 0: unknown
  std::optional<uint64_t> connected_usec;      // CLOCK_MONOTONIC µs at RASCS_Connected
                                               // (a custom connection: at registration)
  link::LinkCounters counters;                 // the link's last report
  link::LinkCounters baseline;                 // the counters at the last ClearStatistics
  std::optional<link::Projection> projection;  // as the link reported it
  // A built-in connection's interface, terminal and link are not here: a record is copied
  // freely, and they are owned once, by the connection's object (connection.h).
};

class ConnectionTable {
 public:
  // Registers `record` (builtin, handle, dialer, phone book, entry, device, number, all_users are
  // taken from it; owner, pid and peer from `caller`; state starts at RASCS_Connected,
  // because a custom dialer registers once RasCustomDial has succeeded; a built-in one
  // starts at RASCS_OpenPort and belongs to no bus connection). A built-in record's handle
  // is allocated here; a custom record's `handle` is its dialer's, kept as dialer_handle
  // and used as the public handle unless a live record has it (then one is allocated).
  // The record returned carries the public handle.
  [[nodiscard]] Result<ConnectionRecord> add(const Caller& caller, ConnectionRecord record,
                                             uint64_t now);
  [[nodiscard]] Result<ConnectionRecord> get(const Caller& caller, uint64_t handle) const;
  // The caller's connections (all of them for an administrator), by handle.
  [[nodiscard]] std::vector<ConnectionRecord> list(const Caller& caller) const;
  // The same records in place, no copy: `visit(record)` for each, until it returns false.
  // It must not change the table.
  template <class Visit>
  void visit(const Caller& caller, Visit visit) const {
    for (const auto& [handle, record] : records_) {
      if (may_see(caller, record) && !visit(record)) return;
    }
  }
  [[nodiscard]] Result<ConnectionRecord> remove(const Caller& caller, uint64_t handle);
  [[nodiscard]] Result<ConnectionRecord> set_state(const Caller& caller, uint64_t handle,
                                                   uint32_t state, uint32_t error);
  // Drops everything registered over one bus connection (it closed), or everything.
  std::vector<ConnectionRecord> remove_peer(uint64_t peer);
  std::vector<ConnectionRecord> remove_all();

  // The record of `handle` for rasmand's own bookkeeping (a link's reports), with no
  // permission check; nullptr if there is none. Valid until the table next changes.
  [[nodiscard]] ConnectionRecord* find(uint64_t handle);
  // `owner`'s built-in connection of `entry` (ASCII letters in either case) in `phonebook`
  // that is connected, without an error, and may take one more reference; or nullptr (what
  // JoinConnection and DialOrJoin join). Valid until the table next changes.
  [[nodiscard]] ConnectionRecord* joinable(uid_t owner, const std::string& phonebook,
                                           const std::string& entry);
  // The built-in connection holding device `name` (compared as Windows does, ignoring
  // case), or nullptr.
  [[nodiscard]] const ConnectionRecord* builtin_on_device(const std::string& name) const;

  [[nodiscard]] static bool may_see(const Caller& caller, const ConnectionRecord& record) noexcept;
  [[nodiscard]] static bool valid_state(uint32_t state) noexcept;
  // The RASCS_* name of `state` for logs ("RASCS_Authenticate"), "state N" for another value.
  [[nodiscard]] static std::string state_name(uint32_t state);
  [[nodiscard]] std::size_t size() const noexcept { return records_.size(); }

  // A handle no live record has, from rasmand's own space: bit 62 set, then a counter, so
  // it stays clear of the small numbers and pointer-like values dialers choose.
  [[nodiscard]] uint64_t allocate_handle();
  // Handles still in use outside the table: a built-in connection whose record is gone
  // while its link ends and its port is held (connection.h). Neither allocated nor kept
  // for a dialer's registration (it gets an alias), so nothing keyed by handle mistakes a
  // newcomer for the ending connection. Called on the table's thread.
  void set_reserved(std::function<bool(uint64_t handle)> reserved) {
    reserved_ = std::move(reserved);
  }

 private:
  // kInvalidHandle if `handle` is not registered, kAccessDenied if `caller` may not see it.
  [[nodiscard]] static Status check(const Caller& caller, uint64_t handle,
                                    const ConnectionRecord* record);
  [[nodiscard]] Result<std::map<uint64_t, ConnectionRecord>::iterator> find_controlled(
      const Caller& caller, uint64_t handle);
  // Takes the record out of the table and its indexes.
  ConnectionRecord forget(std::map<uint64_t, ConnectionRecord>::iterator it);

  std::map<uint64_t, ConnectionRecord> records_;
  std::unordered_map<uid_t, std::size_t> per_user_;
  // Built-in records by device name, folded (builtin_on_device), for a dial's lookup.
  std::unordered_multimap<std::string, uint64_t> builtin_devices_;
  // Built-in records by owner, phone book and entry (folded), for joinable().
  std::unordered_multimap<std::string, uint64_t> builtin_entries_;
  uint64_t next_handle_ = 1;
  std::function<bool(uint64_t)> reserved_;
  [[nodiscard]] bool taken(uint64_t handle) const {
    return records_.count(handle) != 0 || (reserved_ && reserved_(handle));
  }
};

// The checks every string argument of a registration passes (lengths, absolute dialer
// path, non-empty entry); kInvalidArgument naming the field otherwise.
[[nodiscard]] Status validate_registration(const ConnectionRecord& record);

}  // namespace openras::rasman
