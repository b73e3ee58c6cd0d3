// key.h: the in-memory registry tree: keys with case-insensitive, case-preserving names,
// and values holding their type and data exactly as Windows stores them (REG_SZ as
// UTF-16LE with its NUL, REG_DWORD as 4 little-endian bytes, unknown types as given).
//
// A Key owns its subtree. Not thread-safe: a parsed tree is either private to one writer
// or published read-only (std::shared_ptr<const Key>).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "registry/names.h"

namespace openras::registry {

struct Value {
  std::wstring name;  // empty: the key's default value ("@" in .reg files)
  uint32_t type = 0;  // REG_SZ, REG_MULTI_SZ, ... or any other number
  std::string data;   // raw bytes
};

class Key {
 public:
  explicit Key(std::wstring name = {});
  Key(Key&&) noexcept = default;
  Key& operator=(Key&&) noexcept = default;
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;
  ~Key() = default;

  [[nodiscard]] const std::wstring& name() const noexcept { return name_; }

  // Subkeys, in Windows' enumeration order (by upper-cased name).
  [[nodiscard]] size_t child_count() const noexcept { return children_.size(); }
  [[nodiscard]] const Key& child_at(size_t index) const { return *children_[index]; }
  [[nodiscard]] const Key* find_child(std::wstring_view name) const;
  [[nodiscard]] Key* find_child(std::wstring_view name);
  // The child called `name`, created if missing (`*created` says which).
  Key& ensure_child(std::wstring_view name, bool* created = nullptr);
  // Removes the child and its whole subtree; false if there was none.
  bool remove_child(std::wstring_view name);

  // Descendants by path; an empty path is this key.
  [[nodiscard]] const Key* find(const KeyPath& path) const;
  [[nodiscard]] Key* find(const KeyPath& path);
  Key& ensure(const KeyPath& path, bool* created = nullptr);
  // Removes the descendant at `path` (not empty) with its subtree; false if missing.
  bool remove(const KeyPath& path);

  // Values, in the order they were first set (Windows' enumeration order).
  [[nodiscard]] size_t value_count() const noexcept { return values_.size(); }
  [[nodiscard]] const Value& value_at(size_t index) const { return values_[index].value; }
  [[nodiscard]] const Value* find_value(std::wstring_view name) const;
  // Replaces the value of the same name in place, or appends a new one.
  void set_value(Value value);
  bool remove_value(std::wstring_view name);

 private:
  struct Slot {
    std::wstring folded;
    Value value;
  };
  [[nodiscard]] size_t lower_bound(const std::wstring& folded) const;
  [[nodiscard]] size_t find_slot(std::wstring_view name) const;

  std::wstring name_;
  std::wstring folded_;
  std::vector<std::unique_ptr<Key>> children_;  // sorted by folded_
  std::vector<Slot> values_;
};

}  // namespace openras::registry
