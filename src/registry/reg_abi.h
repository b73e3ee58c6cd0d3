// reg_abi.h: the machinery behind the exported Reg functions: what an HKEY stands for,
// the handle table, access rights, and the operations the W and A entry points share.
//
// This is the C ABI layer: it speaks Windows' DWORD codes. Store errors become codes
// through the one mapping (win32_code); conditions only the API knows (a deleted key, a
// bad path, a type RegGetValue does not accept) are answered here with Windows' codes.
// Every function is thread-safe.
#pragma once

#include <memory>
#include <string>

#include <tl/expected.hpp>

#include "registry/hive.h"
#include "registry/names.h"
#include "registry/registry.h"
#include "registry/value_data.h"
#include "windows.h"

namespace openras::registry {

template <class T>
using AbiResult = tl::expected<T, DWORD>;
[[nodiscard]] inline tl::unexpected<DWORD> abi_fail(DWORD code) { return tl::unexpected(code); }
// The code for a store error, logged at debug level with its message.
[[nodiscard]] DWORD abi_code(const char* function, const Error& error);

// What an HKEY stands for: a key, by path, in one root of one registry, and the rights
// the handle was opened with.
struct KeyRef {
  std::shared_ptr<Registry> registry;
  RootKey root = RootKey::kLocalMachine;
  KeyPath path;
  REGSAM access = 0;
};

[[nodiscard]] bool is_predefined(HKEY key) noexcept;
// An open handle or HKEY_LOCAL_MACHINE / HKEY_CURRENT_USER; ERROR_INVALID_HANDLE otherwise.
[[nodiscard]] AbiResult<std::shared_ptr<const KeyRef>> resolve_key(HKEY key);
[[nodiscard]] HKEY add_handle(KeyRef ref);
[[nodiscard]] bool close_handle(HKEY key);

// The rights a handle gets for `desired` (generic rights mapped, MAXIMUM_ALLOWED
// honoured); ERROR_ACCESS_DENIED when write rights are asked for on a root the caller
// may not write (HKEY_LOCAL_MACHINE, unless root).
[[nodiscard]] AbiResult<REGSAM> grant_access(const Registry& registry, RootKey root,
                                             REGSAM desired);
[[nodiscard]] bool may_write(const Registry& registry, RootKey root);

// The key a handle names in a fresh snapshot; ERROR_KEY_DELETED when it is gone.
struct KeyView {
  Hive::Snapshot snapshot;
  const Key* key = nullptr;
};
[[nodiscard]] AbiResult<KeyView> view_key(const KeyRef& ref, const KeyPath& below = {});

// A subkey argument: NULL and "" are the key itself; a leading backslash is
// ERROR_BAD_PATHNAME; a name too long ERROR_INVALID_PARAMETER.
[[nodiscard]] AbiResult<KeyPath> subkey_path(const wchar_t* subkey);

// Operations shared by the W and A functions, on wide names (NULL allowed where Windows
// allows it).
DWORD open_key(HKEY parent, const wchar_t* subkey, DWORD options, REGSAM desired, HKEY* result);
DWORD create_key(HKEY parent, const wchar_t* subkey, DWORD reserved, DWORD options, REGSAM desired,
                 HKEY* result, DWORD* disposition);
DWORD delete_key(HKEY parent, const wchar_t* subkey);

struct EnumeratedKey {
  std::wstring name;
  FILETIME last_write{};
};
[[nodiscard]] AbiResult<EnumeratedKey> enum_key(HKEY key, DWORD index);

// A value in the caller's form (string types converted to `charset`).
struct ApiValue {
  std::wstring name;
  DWORD type = 0;
  std::string data;
};
[[nodiscard]] AbiResult<ApiValue> read_value(HKEY key, const wchar_t* subkey, const wchar_t* name,
                                             Charset charset);
[[nodiscard]] AbiResult<ApiValue> enum_value(HKEY key, DWORD index, Charset charset);
DWORD set_value(HKEY key, const wchar_t* name, DWORD type, const BYTE* data, DWORD size,
                Charset charset);
DWORD delete_value(HKEY key, const wchar_t* name);

// RegQueryValueEx's output rules for a value already read: size query with NULL data,
// ERROR_MORE_DATA with the needed size, and the NUL Windows adds after an unterminated
// string when the buffer has room for it.
DWORD copy_value_out(const ApiValue& value, Charset charset, DWORD* type, BYTE* data, DWORD* size);

DWORD get_value(HKEY key, const wchar_t* subkey, const wchar_t* name, DWORD flags, Charset charset,
                DWORD* type, void* data, DWORD* size);

}  // namespace openras::registry
