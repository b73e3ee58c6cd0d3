// reg_get_value.cpp: RegGetValue: type restrictions, termination and expansion.
#include <cstring>

#include "base/utf.h"
#include "registry/reg_abi.h"

namespace openras::registry {

namespace {

DWORD type_flag(DWORD type) {
  switch (type) {
    case REG_NONE:
      return RRF_RT_REG_NONE;
    case REG_SZ:
      return RRF_RT_REG_SZ;
    case REG_EXPAND_SZ:
      return RRF_RT_REG_EXPAND_SZ;
    case REG_BINARY:
      return RRF_RT_REG_BINARY;
    case REG_DWORD:
      return RRF_RT_REG_DWORD;
    case REG_MULTI_SZ:
      return RRF_RT_REG_MULTI_SZ;
    case REG_QWORD:
      return RRF_RT_REG_QWORD;
    default:
      return 0;  // other types pass only RRF_RT_ANY
  }
}

// ERROR_SUCCESS when the flags accept the value: its type is among them, and REG_BINARY
// asked for as exactly RRF_RT_DWORD or RRF_RT_QWORD has that size.
DWORD check_restrictions(DWORD flags, const ApiValue& value) {
  DWORD accepted = flags & RRF_RT_ANY;
  if (accepted != RRF_RT_ANY && !(accepted & type_flag(value.type))) return ERROR_UNSUPPORTED_TYPE;
  if (value.type == REG_BINARY) {
    size_t expected = accepted == RRF_RT_DWORD ? 4 : accepted == RRF_RT_QWORD ? 8 : 0;
    if (expected && value.data.size() != expected) return ERROR_DATATYPE_MISMATCH;
  }
  return ERROR_SUCCESS;
}

// Strings come back NUL-terminated, and REG_EXPAND_SZ expanded into REG_SZ unless
// RRF_NOEXPAND.
void finish_string(ApiValue& value, DWORD flags, Charset charset) {
  if (!is_string_type(value.type)) return;
  size_t unit = charset == Charset::kWide ? sizeof(wchar_t) : 1;
  bool terminated =
      value.data.size() >= unit &&
      value.data.find_first_not_of('\0', value.data.size() - unit) == std::string::npos;
  if (!terminated) value.data.append(unit, '\0');
  if (value.type != REG_EXPAND_SZ || (flags & RRF_NOEXPAND)) return;
  std::wstring text;
  if (charset == Charset::kWide) {
    text.resize(value.data.size() / sizeof(wchar_t));
    std::memcpy(text.data(), value.data.data(), text.size() * sizeof(wchar_t));
  } else {
    auto wide = utf8_to_wide(value.data);
    if (!wide) return;
    text = std::move(*wide);
  }
  std::wstring expanded = expand_environment(text);
  if (charset == Charset::kWide) {
    value.data.assign(reinterpret_cast<const char*>(expanded.data()),
                      expanded.size() * sizeof(wchar_t));
  } else if (auto utf8 = wide_to_utf8(expanded)) {
    value.data = std::move(*utf8);
  }
  value.type = REG_SZ;
}

}  // namespace

DWORD get_value(HKEY key, const wchar_t* subkey, const wchar_t* name, DWORD flags, Charset charset,
                DWORD* type, void* data, DWORD* size) {
  if (data && !size) return ERROR_INVALID_PARAMETER;
  if (!(flags & RRF_RT_ANY)) return ERROR_INVALID_PARAMETER;
  // Restrictions apply after expansion, so REG_EXPAND_SZ can only be asked for unexpanded.
  if ((flags & RRF_RT_REG_EXPAND_SZ) && !(flags & RRF_NOEXPAND) &&
      (flags & RRF_RT_ANY) != RRF_RT_ANY) {
    return ERROR_INVALID_PARAMETER;
  }
  if ((flags & RRF_WOW64_MASK) == RRF_WOW64_MASK) return ERROR_INVALID_PARAMETER;
  DWORD capacity = (data && size) ? *size : 0;
  auto zero_on_failure = [&](DWORD code) {
    if (data && code != ERROR_SUCCESS && (flags & RRF_ZEROONFAILURE))
      std::memset(data, 0, capacity);
    return code;
  };
  auto value = read_value(key, subkey && *subkey ? subkey : nullptr, name, charset);
  if (!value) return zero_on_failure(value.error());
  finish_string(*value, flags, charset);
  auto needed = static_cast<DWORD>(value->data.size());
  if (type) *type = value->type;
  if (size) *size = needed;
  if (DWORD code = check_restrictions(flags, *value); code != ERROR_SUCCESS) {
    return zero_on_failure(code);
  }
  if (!data) return ERROR_SUCCESS;
  if (needed > capacity) return zero_on_failure(ERROR_MORE_DATA);
  if (needed) std::memcpy(data, value->data.data(), needed);
  return ERROR_SUCCESS;
}

}  // namespace openras::registry
