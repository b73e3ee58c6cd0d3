// key.cpp: the registry tree (see key.h).
#include "registry/key.h"

#include <algorithm>

namespace openras::registry {

Key::Key(std::wstring name) : name_(std::move(name)), folded_(fold_name(name_)) {}

size_t Key::lower_bound(const std::wstring& folded) const {
  auto it = std::lower_bound(children_.begin(), children_.end(), folded,
                             [](const std::unique_ptr<Key>& child, const std::wstring& key) {
                               return child->folded_ < key;
                             });
  return static_cast<size_t>(it - children_.begin());
}

const Key* Key::find_child(std::wstring_view name) const {
  std::wstring folded = fold_name(name);
  size_t i = lower_bound(folded);
  return i < children_.size() && children_[i]->folded_ == folded ? children_[i].get() : nullptr;
}

Key* Key::find_child(std::wstring_view name) {
  return const_cast<Key*>(static_cast<const Key*>(this)->find_child(name));
}

Key& Key::ensure_child(std::wstring_view name, bool* created) {
  std::wstring folded = fold_name(name);
  size_t i = lower_bound(folded);
  if (i < children_.size() && children_[i]->folded_ == folded) {
    if (created) *created = false;
    return *children_[i];
  }
  auto child = std::make_unique<Key>(std::wstring(name));
  Key& ref = *child;
  children_.insert(children_.begin() + static_cast<std::ptrdiff_t>(i), std::move(child));
  if (created) *created = true;
  return ref;
}

bool Key::remove_child(std::wstring_view name) {
  std::wstring folded = fold_name(name);
  size_t i = lower_bound(folded);
  if (i == children_.size() || children_[i]->folded_ != folded) return false;
  children_.erase(children_.begin() + static_cast<std::ptrdiff_t>(i));
  return true;
}

const Key* Key::find(const KeyPath& path) const {
  const Key* key = this;
  for (const auto& name : path) {
    key = key->find_child(name);
    if (!key) return nullptr;
  }
  return key;
}

Key* Key::find(const KeyPath& path) {
  return const_cast<Key*>(static_cast<const Key*>(this)->find(path));
}

Key& Key::ensure(const KeyPath& path, bool* created) {
  Key* key = this;
  bool any_created = false;
  for (const auto& name : path) {
    bool made = false;
    key = &key->ensure_child(name, &made);
    any_created = any_created || made;
  }
  if (created) *created = any_created;
  return *key;
}

bool Key::remove(const KeyPath& path) {
  if (path.empty()) return false;
  KeyPath parent_path(path.begin(), path.end() - 1);
  Key* parent = find(parent_path);
  return parent && parent->remove_child(path.back());
}

size_t Key::find_slot(std::wstring_view name) const {
  std::wstring folded = fold_name(name);
  for (size_t i = 0; i < values_.size(); ++i) {
    if (values_[i].folded == folded) return i;
  }
  return values_.size();
}

const Value* Key::find_value(std::wstring_view name) const {
  size_t i = find_slot(name);
  return i < values_.size() ? &values_[i].value : nullptr;
}

void Key::set_value(Value value) {
  size_t i = find_slot(value.name);
  if (i < values_.size()) {
    // Windows keeps the stored name's case when a value is overwritten.
    value.name = std::move(values_[i].value.name);
    values_[i].value = std::move(value);
    return;
  }
  std::wstring folded = fold_name(value.name);
  values_.push_back(Slot{std::move(folded), std::move(value)});
}

bool Key::remove_value(std::wstring_view name) {
  size_t i = find_slot(name);
  if (i == values_.size()) return false;
  values_.erase(values_.begin() + static_cast<std::ptrdiff_t>(i));
  return true;
}

}  // namespace openras::registry
