// paths.h: where every OpenRAS file lives, resolved from one root (DESIGN.md §5).
//
// The root is "/" for the system. Unprivileged processes honour OPENRAS_ROOT (read with
// secure_getenv, so a setuid or file-capability program ignores it); privileged
// components take the root as an explicit argument and never read it from the
// environment. Under a private root (anything but "/") everything, per-user files
// included, lives below that directory, so tests and demos never touch the system.
#pragma once

#include <sys/types.h>

#include <string>

#include "base/result.h"

namespace openras {

class Paths {
 public:
  // The root from OPENRAS_ROOT, or "/" when it is unset or empty. Remembered while nothing
  // changes on the directories from "/" to the root (base/path_watch.h). Thread-safe.
  [[nodiscard]] static Result<Paths> from_environment();
  // An explicit root: must be an absolute path to an existing directory; it is
  // canonicalised (realpath), so later checks see the real directories.
  [[nodiscard]] static Result<Paths> with_root(const std::string& root);

  [[nodiscard]] const std::string& root() const noexcept { return root_; }
  [[nodiscard]] bool is_private() const noexcept { return root_ != "/"; }

  // `relative` (no leading slash) below the root.
  [[nodiscard]] std::string under_root(std::string_view relative) const;

  [[nodiscard]] std::string machine_hive() const;         // etc/openras/registry/HKLM.reg
  [[nodiscard]] std::string all_users_phonebook() const;  // etc/openras/pbk/rasphone.pbk
  [[nodiscard]] std::string rasman_socket() const;        // run/openras/rasman.sock
  [[nodiscard]] std::string credentials_dir() const;      // var/lib/openras/credentials

  // A user's OpenRAS configuration directory: $XDG_CONFIG_HOME/openras (for the calling
  // user under "/"), else <home>/.config/openras; under a private root always
  // <root>/home/<user name>/.config/openras.
  [[nodiscard]] Result<std::string> user_config_dir(uid_t uid) const;
  [[nodiscard]] Result<std::string> user_hive(uid_t uid) const;       // …/registry/HKCU.reg
  [[nodiscard]] Result<std::string> user_phonebook(uid_t uid) const;  // …/pbk/rasphone.pbk

  // Who may administer this root (write HKLM, the all-users phone book): root, and under
  // a private root also the owner of the root directory.
  [[nodiscard]] bool caller_is_admin() const;
  // Owners whose files are trusted for privileged use: root, plus the root directory's
  // owner under a private root.
  [[nodiscard]] bool trusted_owner(uid_t uid) const noexcept;

 private:
  [[nodiscard]] static Result<Paths> resolve_environment_root(const std::string& wanted,
                                                              uid_t euid);
  explicit Paths(std::string root, uid_t root_owner)
      : root_(std::move(root)), root_owner_(root_owner) {}
  std::string root_;
  uid_t root_owner_ = 0;
};

}  // namespace openras
