// query.cpp: rasreg query, in reg.exe's layout:
//
//   <blank>
//   HKEY_LOCAL_MACHINE\...\Parameters
//       CustomDLL    REG_MULTI_SZ    /usr/lib/a.so\0/usr/lib/b.so
//   <blank>
//   HKEY_LOCAL_MACHINE\...\Parameters\Subkey      (subkeys, or their contents with /s)
#include <iostream>

#include "base/utf.h"
#include "rasreg.h"
#include "registry/value_data.h"

namespace openras::rasreg {

namespace reg = registry;

namespace {

void print_value(const reg::Value& value, std::string_view separator) {
  std::cout << "    " << (value.name.empty() ? "(Default)" : reg::display(value.name)) << "    "
            << reg::type_name(value.type) << "    " << format_data(value, separator) << "\n";
}

void print_tree(const std::string& path, const reg::Key& key, std::string_view separator) {
  std::cout << path << "\n";
  for (size_t i = 0; i < key.value_count(); ++i) print_value(key.value_at(i), separator);
  std::cout << "\n";
  for (size_t i = 0; i < key.child_count(); ++i) {
    const reg::Key& child = key.child_at(i);
    print_tree(path + "\\" + reg::display(child.name()), child, separator);
  }
}

}  // namespace

int run_query(reg::Registry& registry, const Options& options) {
  auto name = parse_key_name(options.positional[0]);
  if (!name) {
    report(name.error());
    return 1;
  }
  warn_if_untrusted(registry, name->root);
  auto snapshot = registry.hive(name->root).read();
  if (!snapshot) {
    report(snapshot.error());
    return 1;
  }
  const reg::Key* key = snapshot->tree->find(name->path);
  std::string separator = options.separator.value_or("\\0");
  if (!key) {
    report(Error{Errc::kNotFound, "the key " + key_text(name->root, name->path) + " does not exist",
                 0});
    return 1;
  }
  // The key as stored, so the output shows each name's own case.
  reg::KeyPath stored;
  const reg::Key* walk = snapshot->tree.get();
  for (const auto& part : name->path) {
    walk = walk->find_child(part);
    stored.push_back(walk->name());
  }
  std::string path = key_text(name->root, stored);
  std::cout << "\n";
  if (options.value_name || options.default_value) {
    std::wstring value_name;
    if (options.value_name) {
      auto wide = utf8_to_wide(*options.value_name);
      value_name = wide ? *wide : L"";
    }
    const reg::Value* value = key->find_value(value_name);
    if (!value) {
      report(Error{Errc::kNotFound,
                   "the key " + path + " has no value " +
                       (options.default_value ? "(Default)" : "\"" + *options.value_name + "\""),
                   0});
      return 1;
    }
    std::cout << path << "\n";
    print_value(*value, separator);
    std::cout << "\n";
    return 0;
  }
  if (options.recursive) {
    print_tree(path, *key, separator);
    return 0;
  }
  std::cout << path << "\n";
  for (size_t i = 0; i < key->value_count(); ++i) print_value(key->value_at(i), separator);
  std::cout << "\n";
  for (size_t i = 0; i < key->child_count(); ++i) {
    std::cout << path << "\\" << reg::display(key->child_at(i).name()) << "\n";
  }
  return 0;
}

}  // namespace openras::rasreg
