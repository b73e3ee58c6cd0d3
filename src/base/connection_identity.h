// connection_identity.h: what names a connection wherever it travels — in libopenras's
// tables, in rasmand's, on the bus (rasman/protocol.h's identity codec) and in the RAS
// structures (RASCONN, RASCONNSTATUS), where it becomes wide text at the C ABI only.
#pragma once

#include <string>
#include <string_view>

namespace openras {

// UTF-8 throughout. A built-in dial's device_type is rasmand's to fill in (from the
// device it reserved); every other field is what the caller's entry said.
struct ConnectionIdentity {
  std::string phonebook;  // the phone book file the entry came from
  std::string entry;      // the entry's name
  std::string device_type;
  std::string device_name;
  std::string phone_number;  // the number dialled
  bool all_users = false;    // an entry of the all-users phone book

  bool operator==(const ConnectionIdentity&) const = default;
};

// The same fields, their text living elsewhere (a D-Bus reply being read, a record in a
// table) and valid only while that does: what RasEnumConnectionsW reads off the wire and
// writes into RASCONNW with one conversion and no copy in between.
struct ConnectionIdentityRef {
  std::string_view phonebook;
  std::string_view entry;
  std::string_view device_type;
  std::string_view device_name;
  std::string_view phone_number;
  bool all_users = false;

  ConnectionIdentityRef() = default;
  explicit ConnectionIdentityRef(const ConnectionIdentity& id)
      : phonebook(id.phonebook),
        entry(id.entry),
        device_type(id.device_type),
        device_name(id.device_name),
        phone_number(id.phone_number),
        all_users(id.all_users) {}
  [[nodiscard]] ConnectionIdentity copy() const {
    return ConnectionIdentity{std::string(phonebook),    std::string(entry),
                              std::string(device_type),  std::string(device_name),
                              std::string(phone_number), all_users};
  }
};

}  // namespace openras
