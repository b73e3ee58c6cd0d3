// identity_codec.cpp: see identity_codec.h.
#include "rasman/identity_codec.h"

#include <cerrno>

namespace openras::rasman {

int append_identity(sd_bus_message* m, const ConnectionIdentity& id) {
  return sd_bus_message_append(m, kIdentitySignature, id.phonebook.c_str(), id.entry.c_str(),
                               id.device_type.c_str(), id.device_name.c_str(),
                               id.phone_number.c_str(), static_cast<int>(id.all_users));
}

int read_identity(sd_bus_message* m, ConnectionIdentityRef& id) {
  const char* s[5] = {};
  int all_users = 0;
  int r = sd_bus_message_read(m, kIdentitySignature, &s[0], &s[1], &s[2], &s[3], &s[4], &all_users);
  if (r <= 0) return r < 0 ? r : -EBADMSG;
  id.phonebook = s[0];
  id.entry = s[1];
  id.device_type = s[2];
  id.device_name = s[3];
  id.phone_number = s[4];
  id.all_users = all_users != 0;
  return 1;
}

int read_identity(sd_bus_message* m, ConnectionIdentity& id) {
  ConnectionIdentityRef ref;
  int r = read_identity(m, ref);
  if (r > 0) id = ref.copy();
  return r;
}

}  // namespace openras::rasman
