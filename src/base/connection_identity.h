// connection_identity.h: what names a connection wherever it travels — in libopenras's
// tables, in rasmand's, on the bus (rasman/protocol.h's identity codec) and in the RAS
// structures (RASCONN, RASCONNSTATUS), where it becomes wide text at the C ABI only.
#pragma once

#include <string>

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

}  // namespace openras
