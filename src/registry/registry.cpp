// registry.cpp: one root's registry, the process-wide instance, import and export.
#include "registry/registry.h"

#include <map>
#include <mutex>

namespace openras::registry {

Registry::Registry(const Paths& paths)
    : paths_(paths), machine_(paths, RootKey::kLocalMachine), user_(paths, RootKey::kCurrentUser) {}

std::shared_ptr<Registry> registry_for(const Paths& paths) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<Registry>> by_root;
  std::lock_guard lock(mutex);
  auto& entry = by_root[paths.root()];
  if (!entry) entry = std::make_shared<Registry>(paths);
  return entry;
}

Result<std::shared_ptr<Registry>> process_registry() {
  auto paths = Paths::from_environment();
  if (!paths) return fail(paths.error());
  return registry_for(*paths);
}

Status import_reg(Registry& registry, std::string_view bytes, std::string_view file_name,
                  std::vector<std::string>* skipped) {
  auto file = parse_reg(bytes, file_name, skipped ? ForeignRoots::kSkip : ForeignRoots::kRefuse);
  if (!file) return fail(file.error());
  if (skipped) *skipped = file->skipped;
  bool touches[2] = {false, false};
  for (const auto& section : file->sections) touches[static_cast<int>(section.root)] = true;
  if (touches[static_cast<int>(RootKey::kLocalMachine)] && !registry.paths().caller_is_admin()) {
    return fail(Errc::kAccessDenied,
                std::string(file_name) + " changes HKEY_LOCAL_MACHINE, which only root may do");
  }
  for (RootKey root : {RootKey::kLocalMachine, RootKey::kCurrentUser}) {
    if (!touches[static_cast<int>(root)]) continue;
    auto status = registry.hive(root).modify([&](Key& tree) -> Result<bool> {
      apply_reg(*file, root, tree);
      return true;
    });
    if (!status) return status;
  }
  return {};
}

Result<std::string> export_reg(Registry& registry, RootKey root, const KeyPath& path,
                               RegEncoding encoding) {
  auto snapshot = registry.hive(root).read();
  if (!snapshot) return fail(snapshot.error());
  // The path as stored, so the export spells every key the way it was created.
  const Key* key = snapshot->tree.get();
  KeyPath stored;
  for (const auto& name : path) {
    key = key->find_child(name);
    if (!key) {
      return fail(Errc::kNotFound, "the key " + std::string(root_name_utf8(root)) + "\\" +
                                       display(join_key_path(path)) + " does not exist");
    }
    stored.push_back(key->name());
  }
  return write_reg(root, stored, *key, encoding);
}

}  // namespace openras::registry
