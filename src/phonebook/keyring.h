// keyring.h: the user's session keyring, the freedesktop.org Secret Service
// (org.freedesktop.secrets: gnome-keyring, KeePassXC, KWallet's bridge), where per-user
// saved passwords and keys go when one is available (credentials.cpp).
//
// Spoken over the session bus with sd-bus, which libopenras already uses for rasmand, in
// the protocol libsecret speaks: items carry the attribute xdg:schema =
// "org.openras.Credentials", so libsecret's tools (secret-tool, seahorse) see and find
// them. Secrets travel with the "plain" algorithm, as libsecret falls back to: the
// session bus is the user's own socket. Nothing here asks the user anything: a locked
// collection, or none at all, is "not available", and the caller keeps the secret in its
// owner-only file instead. Calls wait at most kCallTimeoutUsec. Thread: any, one object
// per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

struct sd_bus;

namespace openras::phonebook {

// An item's lookup attributes, besides xdg:schema (added here).
using KeyringAttributes = std::vector<std::pair<std::string, std::string>>;

class SessionKeyring {
 public:
  static constexpr const char* kSchema = "org.openras.Credentials";
  static constexpr uint64_t kCallTimeoutUsec = 5'000'000;

  // The calling user's keyring on the session bus, with a session opened. Fails
  // (kNotFound) when there is no session bus or no Secret Service on it, or when this
  // process runs set-user-ID or set-group-ID (its environment names the bus).
  [[nodiscard]] static Result<SessionKeyring> open();

  SessionKeyring(SessionKeyring&& other) noexcept;
  SessionKeyring& operator=(SessionKeyring&&) = delete;
  SessionKeyring(const SessionKeyring&) = delete;
  ~SessionKeyring();

  // The secret of the unlocked item with these attributes; nullopt when there is none
  // (a locked one counts as none: unlocking would need a prompt).
  [[nodiscard]] Result<std::optional<std::string>> lookup(const KeyringAttributes& attributes);
  // Creates or replaces the item in the default collection. kAccessDenied when that
  // collection is locked, kNotFound when there is none.
  [[nodiscard]] Status store(const KeyringAttributes& attributes, const std::string& label,
                             std::string_view secret);
  // Deletes the unlocked items with these attributes (none: nothing to do).
  [[nodiscard]] Status remove(const KeyringAttributes& attributes);

 private:
  SessionKeyring(sd_bus* bus, std::string session) : bus_(bus), session_(std::move(session)) {}
  [[nodiscard]] Result<std::vector<std::string>> search(const KeyringAttributes& attributes);

  sd_bus* bus_ = nullptr;
  std::string session_;  // the Secret Service session's object path
};

}  // namespace openras::phonebook
