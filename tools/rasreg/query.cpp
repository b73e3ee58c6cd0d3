// query.cpp: rasreg query, in reg.exe's layout:
//
//   <blank>
//   HKEY_LOCAL_MACHINE\...\Parameters
//       CustomDLL    REG_MULTI_SZ    /usr/lib/a.so\0/usr/lib/b.so
//   <blank>
//   HKEY_LOCAL_MACHINE\...\Parameters\Subkey      (subkeys, or their contents with /s)
//
// /t TYPES shows only values of those types (comma-separated). /f DATA searches, as
// reg.exe does: key names, value names and data (only key names with /k, only data with
// /d), case-insensitively for ASCII letters (case-sensitively with /c), for DATA anywhere
// in the text (the whole text with /e; "*" matches anything); the key itself, or its
// whole subtree with /s. It ends "End of search: N match(es) found." and exits 1 on none.
//
// --json: one object a line per key shown, {"key": PATH, "values": [value_json(), ...]},
// with "subkeys": [PATH, ...] for a plain query, "key_matched": BOOL in a search (whose last
// line is {"matches": N}).
#include <iostream>
#include <optional>
#include <vector>

#include "base/utf.h"
#include "rasreg.h"
#include "registry/value_data.h"

namespace openras::rasreg {

namespace reg = registry;

namespace {

struct Filter {
  std::vector<uint32_t> types;  // empty: every type
  std::optional<std::string> find;
  bool keys = false, data = false, case_sensitive = false, exact = false;
  std::string separator;

  [[nodiscard]] bool type_ok(uint32_t type) const {
    if (types.empty()) return true;
    for (uint32_t t : types) {
      if (t == type) return true;
    }
    return false;
  }
  [[nodiscard]] bool text_matches(std::string_view text) const {
    if (*find == "*") return true;
    auto fold = [this](std::string_view in) {
      std::string out(in);
      if (!case_sensitive) {
        for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      return out;
    };
    std::string haystack = fold(text), needle = fold(*find);
    return exact ? haystack == needle : haystack.find(needle) != std::string::npos;
  }
  // Neither /k nor /d: every field is searched.
  [[nodiscard]] bool searches_keys() const { return keys || !data; }
  [[nodiscard]] bool searches_value_names() const { return !keys && !data; }
  [[nodiscard]] bool searches_data() const { return data || !keys; }
  [[nodiscard]] bool value_shown(const reg::Value& value) const {
    if (!type_ok(value.type)) return false;
    if (!find) return true;
    return (searches_value_names() &&
            text_matches(value.name.empty() ? "(Default)" : reg::display(value.name))) ||
           (searches_data() && text_matches(format_data(value, separator)));
  }
};

void print_value(const reg::Value& value, std::string_view separator) {
  if (json_output()) return;
  std::cout << "    " << (value.name.empty() ? "(Default)" : reg::display(value.name)) << "    "
            << reg::type_name(value.type) << "    " << format_data(value, separator) << "\n";
}

// Text: the key's path, its values and a blank line. JSON: one object.
void print_key(const std::string& path, const std::vector<const reg::Value*>& values,
               std::string_view separator, cli::Json object = cli::Json::object()) {
  if (json_output()) {
    cli::Json out = {{"key", path}, {"values", cli::Json::array()}};
    for (const reg::Value* value : values) out["values"].push_back(value_json(*value));
    out.update(object);
    emit(out);
    return;
  }
  std::cout << path << "\n";
  for (const reg::Value* value : values) print_value(*value, separator);
  if (!values.empty() || object.empty()) std::cout << "\n";
}

// The search of one key (and with `recursive` its subtree): what matched, under the path
// of the key it is in; returns the number of matches.
size_t search(const std::string& path, const reg::Key& key, const Filter& filter, bool recursive,
              bool is_top) {
  size_t matches = 0;
  bool name_matches = !is_top && filter.searches_keys() && filter.types.empty() &&
                      filter.text_matches(reg::display(key.name()));
  std::vector<const reg::Value*> shown;
  for (size_t i = 0; i < key.value_count(); ++i) {
    if (filter.value_shown(key.value_at(i))) shown.push_back(&key.value_at(i));
  }
  if (name_matches || !shown.empty()) {
    print_key(path, shown, filter.separator, {{"key_matched", name_matches}});
    matches += shown.size() + (name_matches ? 1 : 0);
  }
  for (size_t i = 0; i < key.child_count(); ++i) {
    const reg::Key& child = key.child_at(i);
    std::string child_path = path + "\\" + reg::display(child.name());
    if (recursive) {
      matches += search(child_path, child, filter, true, false);
    } else if (filter.searches_keys() && filter.types.empty() &&
               filter.text_matches(reg::display(child.name()))) {
      print_key(child_path, {}, filter.separator, {{"key_matched", true}});
      ++matches;
    }
  }
  return matches;
}

std::vector<const reg::Value*> typed_values(const reg::Key& key, const Filter& filter) {
  std::vector<const reg::Value*> out;
  for (size_t i = 0; i < key.value_count(); ++i) {
    if (filter.type_ok(key.value_at(i).type)) out.push_back(&key.value_at(i));
  }
  return out;
}

void print_tree(const std::string& path, const reg::Key& key, const Filter& filter) {
  print_key(path, typed_values(key, filter), filter.separator);
  for (size_t i = 0; i < key.child_count(); ++i) {
    const reg::Key& child = key.child_at(i);
    print_tree(path + "\\" + reg::display(child.name()), child, filter);
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
  Filter filter;
  filter.separator = options.separator.value_or("\\0");
  const std::string& separator = filter.separator;
  if (options.type) {
    std::string_view list = *options.type;
    while (!list.empty()) {
      size_t comma = list.find(',');
      auto type = parse_type(list.substr(0, comma));
      if (!type) {
        report(type.error());
        return 1;
      }
      filter.types.push_back(*type);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  filter.find = options.find;
  filter.keys = options.find_keys;
  filter.data = options.find_data;
  filter.case_sensitive = options.find_case;
  filter.exact = options.find_exact;
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
  if (!json_output()) std::cout << "\n";
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
    print_key(path, {value}, separator);
    return 0;
  }
  if (filter.find) {
    size_t matches = search(path, *key, filter, options.recursive, true);
    say("End of search: " + std::to_string(matches) + " match(es) found.");
    emit({{"matches", matches}});
    return matches > 0 ? 0 : 1;
  }
  if (options.recursive) {
    print_tree(path, *key, filter);
    return 0;
  }
  if (json_output()) {
    cli::Json subkeys = cli::Json::array();
    for (size_t i = 0; i < key->child_count(); ++i) {
      subkeys.push_back(path + "\\" + reg::display(key->child_at(i).name()));
    }
    print_key(path, typed_values(*key, filter), separator, {{"subkeys", subkeys}});
    return 0;
  }
  print_key(path, typed_values(*key, filter), separator);
  for (size_t i = 0; i < key->child_count(); ++i) {
    std::cout << path << "\\" << reg::display(key->child_at(i).name()) << "\n";
  }
  return 0;
}

}  // namespace openras::rasreg
