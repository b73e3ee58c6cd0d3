// reg_values.cpp: reading, writing, deleting and enumerating values (see reg_abi.h).
#include <algorithm>
#include <cstring>
#include <span>

#include "registry/reg_abi.h"

namespace openras::registry {

namespace {

size_t unit_size(Charset charset) { return charset == Charset::kWide ? sizeof(wchar_t) : 1; }

ApiValue api_value(const Value& value, Charset charset) {
  return ApiValue{value.name, value.type, to_api(value.type, value.data, charset)};
}

// Windows appends a NUL after string data that lacks one when the buffer has room, without
// counting it: callers that forgot the terminator still get a C string.
void terminate_if_room(const ApiValue& value, Charset charset, BYTE* data, DWORD capacity) {
  size_t unit = unit_size(charset);
  size_t size = value.data.size();
  if (!is_string_type(value.type) || size < unit || size + unit > capacity) return;
  bool terminated = std::all_of(value.data.end() - static_cast<std::ptrdiff_t>(unit),
                                value.data.end(), [](char c) { return c == '\0'; });
  if (!terminated) std::memset(data + size, 0, unit);
}

// Runs `edit` on the handle's key inside a write transaction. The handle must hold
// KEY_SET_VALUE; a key deleted since it was opened is ERROR_KEY_DELETED.
template <class Edit>
DWORD edit_values(HKEY handle, Edit&& edit) {
  auto ref = resolve_key(handle);
  if (!ref) return ref.error();
  const KeyRef& base = **ref;
  if (!(base.access & KEY_SET_VALUE) || !may_write(*base.registry, base.root)) {
    return ERROR_ACCESS_DENIED;
  }
  DWORD outcome = ERROR_SUCCESS;
  auto status = base.registry->hive(base.root).modify([&](Key& tree) -> Result<bool> {
    Key* key = tree.find(base.path);
    if (!key) {
      outcome = ERROR_KEY_DELETED;
      return false;
    }
    outcome = edit(*key);
    return outcome == ERROR_SUCCESS;
  });
  if (!status) return abi_code("registry", status.error());
  return outcome;
}

}  // namespace

AbiResult<ApiValue> read_value(HKEY key, const wchar_t* subkey, const wchar_t* name,
                               Charset charset) {
  auto ref = resolve_key(key);
  if (!ref) return abi_fail(ref.error());
  auto below = subkey_path(subkey);
  if (!below) return abi_fail(below.error());
  // Through a subkey (RegGetValue) the subkey is opened for reading, which anyone may.
  if (below->empty() && !((*ref)->access & KEY_QUERY_VALUE)) return abi_fail(ERROR_ACCESS_DENIED);
  auto view = view_key(**ref, *below);
  if (!view) return abi_fail(view.error());
  const Value* value = view->key->find_value(name ? name : L"");
  if (!value) return abi_fail(ERROR_FILE_NOT_FOUND);
  return api_value(*value, charset);
}

AbiResult<ApiValue> enum_value(HKEY key, DWORD index, Charset charset) {
  auto ref = resolve_key(key);
  if (!ref) return abi_fail(ref.error());
  if (!((*ref)->access & KEY_QUERY_VALUE)) return abi_fail(ERROR_ACCESS_DENIED);
  auto view = view_key(**ref);
  if (!view) return abi_fail(view.error());
  if (index >= view->key->value_count()) return abi_fail(ERROR_NO_MORE_ITEMS);
  return api_value(view->key->value_at(index), charset);
}

DWORD copy_value_out(const ApiValue& value, Charset charset, DWORD* type, BYTE* data, DWORD* size) {
  auto needed = static_cast<DWORD>(value.data.size());
  if (type) *type = value.type;
  if (!data) {
    if (size) *size = needed;
    return ERROR_SUCCESS;
  }
  DWORD capacity = *size;
  *size = needed;
  if (needed > capacity) return ERROR_MORE_DATA;
  if (needed) std::memcpy(data, value.data.data(), needed);
  terminate_if_room(value, charset, data, capacity);
  return ERROR_SUCCESS;
}

DWORD set_value(HKEY key, const wchar_t* name, DWORD type, const BYTE* data, DWORD size,
                Charset charset) {
  if (!data && size) return ERROR_NOACCESS;
  std::wstring value_name = name ? name : L"";
  if (auto ok = validate_value_name(value_name); !ok) return abi_code(__func__, ok.error());
  auto stored = from_api(type, std::span<const uint8_t>(data, data ? size : 0), charset);
  if (!stored) return abi_code(__func__, stored.error());
  if (stored->size() > kMaxValueSize) return ERROR_INVALID_PARAMETER;
  return edit_values(key, [&](Key& target) -> DWORD {
    target.set_value(Value{value_name, type, std::move(*stored)});
    return ERROR_SUCCESS;
  });
}

DWORD delete_value(HKEY key, const wchar_t* name) {
  std::wstring_view value_name = name ? name : L"";
  return edit_values(key, [&](Key& target) -> DWORD {
    return target.remove_value(value_name) ? ERROR_SUCCESS : ERROR_FILE_NOT_FOUND;
  });
}

}  // namespace openras::registry
