// add_delete.cpp: rasreg add and rasreg delete. Each is one hive transaction, so
// concurrent rasreg processes never lose each other's changes.
#include "base/utf.h"
#include "rasreg.h"
#include "registry/value_data.h"

namespace openras::rasreg {

namespace reg = registry;

namespace {

Result<std::wstring> chosen_value_name(const Options& options) {
  if (!options.value_name) return std::wstring();
  auto wide = utf8_to_wide(*options.value_name);
  if (!wide) return fail(wide.error());
  if (auto ok = reg::validate_value_name(*wide); !ok) return fail(ok.error());
  return *wide;
}

std::string shown_name(const Options& options) {
  return options.value_name ? *options.value_name : "(Default)";
}

int finish(const Status& status, bool was_cancelled, cli::Json done = cli::Json::object()) {
  if (!status) {
    report(status.error());
    return 1;
  }
  if (was_cancelled) return cancelled();
  return succeeded(std::move(done));
}

cli::Json done_json(const KeyName& key, const Options& options) {
  cli::Json out = {{"key", key_text(key.root, key.path)}};
  if (options.value_name) out["value"] = *options.value_name;
  if (options.default_value) out["value"] = "";
  return out;
}

}  // namespace

int run_add(reg::Registry& registry, const Options& options) {
  auto key = parse_key_name(options.positional[0]);
  if (!key) return finish(fail(key.error()), false);
  bool sets_value = options.value_name || options.default_value || options.type || options.data;
  auto name = chosen_value_name(options);
  if (!name) return finish(fail(name.error()), false);
  auto type = parse_type(options.type.value_or("REG_SZ"));
  if (!type) return finish(fail(type.error()), false);
  auto data = parse_data(*type, options.data.value_or(""), options.separator.value_or(""));
  if (!data) return finish(fail(data.error()), false);
  if (data->size() > reg::kMaxValueSize) {
    return finish(fail(Errc::kInvalidArgument, "the data is larger than 1 MiB"), false);
  }
  if (key->root == reg::RootKey::kLocalMachine && !registry.paths().caller_is_admin()) {
    // Refused before anything is read or asked; Hive::modify would refuse it as well.
    return finish(fail(Errc::kAccessDenied, "only root may change HKEY_LOCAL_MACHINE (" +
                                                registry.paths().machine_hive() + ")"),
                  false);
  }
  bool cancelled = false;
  auto status = registry.hive(key->root).modify([&](reg::Key& tree) -> Result<bool> {
    bool created = false;
    reg::Key& target = tree.ensure(key->path, &created);
    if (!sets_value) return created;
    if (!options.force && target.find_value(*name)) {
      // reg.exe asks inside the operation too; the lock is held only for the answer.
      if (!confirm("Value " + shown_name(options) + " exists, overwrite(Yes/No)?")) {
        cancelled = true;
        return false;
      }
    }
    target.set_value(reg::Value{*name, *type, *data});
    return true;
  });
  return finish(status, cancelled, done_json(*key, options));
}

int run_delete(reg::Registry& registry, const Options& options) {
  auto key = parse_key_name(options.positional[0]);
  if (!key) return finish(fail(key.error()), false);
  auto name = chosen_value_name(options);
  if (!name) return finish(fail(name.error()), false);
  bool one_value = options.value_name || options.default_value;
  if (!one_value && !options.all_values && key->path.empty()) {
    return finish(fail(Errc::kInvalidArgument, "a root key cannot be deleted"), false);
  }
  std::string path = key_text(key->root, key->path);
  // Every root shows these keys whether its file has them or not (as every Windows has
  // them), so "deleting" one would succeed and leave it there: refused, as RegDeleteKey
  // refuses it, before anything under it is touched.
  if (!one_value && !options.all_values && reg::is_default_key(key->root, key->path)) {
    return finish(fail(Errc::kAccessDenied,
                       path + " is a key every OpenRAS registry has, as Windows does, and "
                              "cannot be deleted; delete its values (rasreg delete KEY /va) "
                              "or its subkeys instead"),
                  false);
  }
  if (!options.force) {
    std::string question =
        one_value            ? "Delete the registry value " + shown_name(options) + " (Yes/No)?"
        : options.all_values ? "Delete all values under the registry key " + path + " (Yes/No)?"
                             : "Permanently delete the registry key " + path + " (Yes/No)?";
    if (!confirm(question)) return finish({}, true);
  }
  auto status = registry.hive(key->root).modify([&](reg::Key& tree) -> Result<bool> {
    reg::Key* target = tree.find(key->path);
    if (!target) return fail(Errc::kNotFound, "the key " + path + " does not exist");
    if (one_value) {
      if (!target->remove_value(*name)) {
        return fail(Errc::kNotFound, "the key " + path + " has no value " + shown_name(options));
      }
      return true;
    }
    if (options.all_values) {
      bool any = target->value_count() > 0;
      while (target->value_count() > 0) target->remove_value(target->value_at(0).name);
      return any;
    }
    return tree.remove(key->path);
  });
  return finish(status, false, done_json(*key, options));
}

}  // namespace openras::rasreg
