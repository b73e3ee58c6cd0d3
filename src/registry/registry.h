// registry.h: the registry of one root directory: its two hives, and the operations
// rasreg needs beyond the Reg API (import and export of .reg files).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "registry/hive.h"
#include "registry/reg_format.h"

namespace openras::registry {

class Registry {
 public:
  explicit Registry(const Paths& paths);
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  ~Registry() = default;

  [[nodiscard]] const Paths& paths() const noexcept { return paths_; }
  [[nodiscard]] Hive& hive(RootKey root) noexcept {
    return root == RootKey::kLocalMachine ? machine_ : user_;
  }

 private:
  Paths paths_;
  Hive machine_;
  Hive user_;
};

// The shared registry of `paths`' root (one per root directory for the process's life).
// Thread-safe.
[[nodiscard]] std::shared_ptr<Registry> registry_for(const Paths& paths);

// The registry under the root that OPENRAS_ROOT names (or "/"), shared by every caller
// in the process so that hive caches last between calls. Resolved again on each call, so
// a changed OPENRAS_ROOT takes effect. Thread-safe.
[[nodiscard]] Result<std::shared_ptr<Registry>> process_registry();

// Imports .reg text as `reg import` does. Nothing is written when the file does not
// parse, or when it touches HKEY_LOCAL_MACHINE and the caller is not an administrator.
// Each hive the file touches is changed in one transaction. With `skipped`, sections
// under roots OpenRAS does not keep (a Windows export's HKEY_CLASSES_ROOT, ...) are left
// out and named there instead of failing the file.
[[nodiscard]] Status import_reg(Registry& registry, std::string_view bytes,
                                std::string_view file_name,
                                std::vector<std::string>* skipped = nullptr);

// The .reg text of a key and its subtree; kNotFound when the key does not exist.
[[nodiscard]] Result<std::string> export_reg(Registry& registry, RootKey root, const KeyPath& path,
                                             RegEncoding encoding);

}  // namespace openras::registry
