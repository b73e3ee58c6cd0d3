// credentials.h: the all-users credentials rasmand keeps (RasSetCredentials with
// RASCM_DefaultCreds on Windows): one record per (phone book, entry), in one file
// <root>/var/lib/openras/credentials/all-users, owned by the daemon's user, mode 0600,
// in a 0700 directory. Each line is a record: five tab-separated, percent-encoded fields
// (phone book, entry, user, password, domain). Writes go through FileTransaction, so a
// crash leaves the old file or the new one. Who may store or fetch is the caller's
// decision (server.cpp); this file only keeps the data. Thread: the event loop.
#pragma once

#include <string>

#include "base/paths.h"
#include "base/result.h"

namespace openras::rasman {

struct Credentials {
  std::string user;
  std::string password;
  std::string domain;
};

class CredentialStore {
 public:
  explicit CredentialStore(std::string directory) : directory_(std::move(directory)) {}

  // Replaces the record for (phonebook, entry); an all-empty `credentials` deletes it.
  [[nodiscard]] Status store(const std::string& phonebook, const std::string& entry,
                             const Credentials& credentials);
  // kNotFound when there is no record.
  [[nodiscard]] Result<Credentials> fetch(const std::string& phonebook,
                                          const std::string& entry) const;

  [[nodiscard]] std::string file() const { return directory_ + "/all-users"; }

 private:
  std::string directory_;
};

// The field encoding, exposed for tests: bytes outside printable ASCII, '%' and tab
// become %XX.
[[nodiscard]] std::string percent_encode(std::string_view text);
[[nodiscard]] Result<std::string> percent_decode(std::string_view text);

}  // namespace openras::rasman
