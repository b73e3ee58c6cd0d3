// value_data.cpp: conversions of value data (see value_data.h).
#include "registry/value_data.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/utf.h"

namespace openras::registry {

namespace {

std::span<const uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string bytes_of_wide(std::wstring_view text) {
  return std::string(reinterpret_cast<const char*>(text.data()), text.size() * sizeof(wchar_t));
}

}  // namespace

std::string type_name(uint32_t type) {
  switch (type) {
    case kRegNone:
      return "REG_NONE";
    case kRegSz:
      return "REG_SZ";
    case kRegExpandSz:
      return "REG_EXPAND_SZ";
    case kRegBinary:
      return "REG_BINARY";
    case kRegDword:
      return "REG_DWORD";
    case kRegDwordBigEndian:
      return "REG_DWORD_BIG_ENDIAN";
    case kRegLink:
      return "REG_LINK";
    case kRegMultiSz:
      return "REG_MULTI_SZ";
    case 8:
      return "REG_RESOURCE_LIST";
    case 9:
      return "REG_FULL_RESOURCE_DESCRIPTOR";
    case 10:
      return "REG_RESOURCE_REQUIREMENTS_LIST";
    case kRegQword:
      return "REG_QWORD";
    default:
      break;
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%x", type);
  return buffer;
}

std::string to_api(uint32_t type, std::string_view stored, Charset charset) {
  if (!is_string_type(type)) return std::string(stored);
  // Stored strings are valid UTF-16LE: the parser and from_api() never let anything else
  // in. Should that ever not hold, the caller gets the bytes rather than nothing.
  auto wide = utf16le_to_wide(bytes_of(stored));
  if (!wide) return std::string(stored);
  if (charset == Charset::kWide) return bytes_of_wide(*wide);
  auto utf8 = wide_to_utf8(*wide);
  return utf8 ? *utf8 : std::string(stored);
}

Result<std::string> from_api(uint32_t type, std::span<const uint8_t> data, Charset charset) {
  std::string raw(reinterpret_cast<const char*>(data.data()), data.size());
  if (!is_string_type(type)) return raw;
  std::wstring wide;
  if (charset == Charset::kWide) {
    if (data.size() % sizeof(wchar_t) != 0) {
      return fail(Errc::kInvalidArgument, "string data of " + std::to_string(data.size()) +
                                              " bytes is not a whole number of WCHARs (" +
                                              std::to_string(sizeof(wchar_t)) + " bytes each)");
    }
    wide.resize(data.size() / sizeof(wchar_t));
    if (!data.empty()) std::memcpy(wide.data(), data.data(), data.size());
  } else {
    auto converted = utf8_to_wide(raw);
    if (!converted) return fail(converted.error());
    wide = std::move(*converted);
  }
  return wide_to_utf16le(wide);
}

Result<std::string> utf16_string(std::wstring_view text) {
  auto out = wide_to_utf16le(text);
  if (out) out->append(2, '\0');
  return out;
}

Result<std::string> utf16_multi_string(const std::vector<std::wstring>& items) {
  std::string out;
  for (const auto& item : items) {
    auto one = utf16_string(item);
    if (!one) return one;
    out += *one;
  }
  out.append(2, '\0');
  return out;
}

std::vector<std::wstring> split_multi_string(std::wstring_view text, bool* trailing_ignored) {
  std::vector<std::wstring> items;
  if (trailing_ignored) *trailing_ignored = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(L'\0', pos);
    if (end == std::wstring_view::npos) end = text.size();
    if (end == pos) {
      if (trailing_ignored) {
        *trailing_ignored = text.find_first_not_of(L'\0', pos) != std::wstring_view::npos;
      }
      break;
    }
    items.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return items;
}

std::wstring stored_text(std::string_view stored) {
  auto wide = utf16le_to_wide(bytes_of(stored.substr(0, stored.size() & ~size_t{1})));
  if (!wide) return {};
  while (!wide->empty() && wide->back() == L'\0') wide->pop_back();
  return *wide;
}

std::wstring expand_environment(std::wstring_view text) {
  std::wstring out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find(L'%', pos);
    if (open == std::wstring_view::npos) break;
    size_t close = text.find(L'%', open + 1);
    if (close == std::wstring_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::wstring_view name = text.substr(open + 1, close - open - 1);
    auto utf8_name = wide_to_utf8(name);
    const char* value = (utf8_name && !name.empty()) ? std::getenv(utf8_name->c_str()) : nullptr;
    auto wide_value = value ? utf8_to_wide(value) : Result<std::wstring>();
    if (value && wide_value) {
      out += *wide_value;
      pos = close + 1;
    } else {
      // Not a variable: keep the first % and look for a variable starting at the second.
      out.append(text.substr(open, close - open));
      pos = close;
    }
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace openras::registry
