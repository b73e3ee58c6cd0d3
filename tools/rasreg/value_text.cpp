// value_text.cpp: value types and data as reg.exe writes and reads them.
#include <strings.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "base/utf.h"
#include "rasreg.h"
#include "registry/value_data.h"

namespace openras::rasreg {

namespace reg = registry;

namespace {

std::string hex_bytes(std::string_view data) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : data) {
    auto byte = static_cast<uint8_t>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xF];
  }
  return out;
}

uint64_t little_endian(std::string_view data) {
  uint64_t out = 0;
  for (size_t i = data.size(); i-- > 0;) out = (out << 8) | static_cast<uint8_t>(data[i]);
  return out;
}

// Decimal or 0x-prefixed hexadecimal, as reg.exe takes /d for numbers.
Result<uint64_t> parse_number(std::string_view text, uint64_t max) {
  std::string copy(text);
  char* end = nullptr;
  errno = 0;
  unsigned long long value = std::strtoull(copy.c_str(), &end, 0);
  if (copy.empty() || copy[0] == '-' || errno != 0 || *end != '\0' || value > max) {
    return fail(Errc::kInvalidArgument, "\"" + copy + "\" is not a number from 0 to " +
                                            std::to_string(max) + " (decimal or 0x hex)");
  }
  return value;
}

std::string bytes_le(uint64_t value, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

}  // namespace

std::string format_data(const reg::Value& value, std::string_view separator) {
  switch (value.type) {
    case reg::kRegSz:
    case reg::kRegExpandSz:
      return reg::display(reg::stored_text(value.data));
    case reg::kRegMultiSz: {
      std::string out;
      for (const auto& item : reg::split_multi_string(reg::stored_text(value.data))) {
        if (!out.empty()) out += separator;
        out += reg::display(item);
      }
      return out;
    }
    case reg::kRegDword:
    case reg::kRegQword:
      if (value.data.size() == (value.type == reg::kRegDword ? 4u : 8u)) {
        char buffer[24];
        std::snprintf(buffer, sizeof buffer, "0x%" PRIx64, little_endian(value.data));
        return buffer;
      }
      return hex_bytes(value.data);
    default:
      return hex_bytes(value.data);
  }
}

Result<uint32_t> parse_type(std::string_view name) {
  struct Named {
    const char* name;
    uint32_t type;
  };
  static constexpr Named kTypes[] = {
      {"REG_SZ", reg::kRegSz},
      {"REG_MULTI_SZ", reg::kRegMultiSz},
      {"REG_EXPAND_SZ", reg::kRegExpandSz},
      {"REG_DWORD", reg::kRegDword},
      {"REG_DWORD_LITTLE_ENDIAN", reg::kRegDword},
      {"REG_DWORD_BIG_ENDIAN", reg::kRegDwordBigEndian},
      {"REG_QWORD", reg::kRegQword},
      {"REG_QWORD_LITTLE_ENDIAN", reg::kRegQword},
      {"REG_BINARY", reg::kRegBinary},
      {"REG_NONE", reg::kRegNone},
  };
  std::string copy(name);
  for (const auto& named : kTypes) {
    if (strcasecmp(copy.c_str(), named.name) == 0) return named.type;
  }
  return fail(Errc::kInvalidArgument,
              "unknown type \"" + copy +
                  "\"; use REG_SZ, REG_MULTI_SZ, REG_EXPAND_SZ, "
                  "REG_DWORD, REG_QWORD, REG_BINARY, REG_NONE or REG_DWORD_BIG_ENDIAN");
}

Result<std::string> parse_data(uint32_t type, std::string_view text, std::string_view separator) {
  switch (type) {
    case reg::kRegSz:
    case reg::kRegExpandSz: {
      auto wide = utf8_to_wide(text);
      if (!wide) return fail(wide.error());
      return reg::utf16_string(*wide);
    }
    case reg::kRegMultiSz: {
      auto wide = utf8_to_wide(text);
      if (!wide) return fail(wide.error());
      auto custom = utf8_to_wide(separator);
      std::wstring sep = separator.empty() || !custom ? L"\\0" : *custom;
      std::vector<std::wstring> items;
      size_t pos = 0;
      while (!wide->empty()) {
        size_t end = wide->find(sep, pos);
        std::wstring item = wide->substr(pos, end == std::wstring::npos ? end : end - pos);
        if (item.empty()) {
          return fail(Errc::kInvalidArgument,
                      "REG_MULTI_SZ data \"" + std::string(text) + "\" has an empty item");
        }
        items.push_back(std::move(item));
        if (end == std::wstring::npos) break;
        pos = end + sep.size();
      }
      return reg::utf16_multi_string(items);
    }
    case reg::kRegDword:
    case reg::kRegDwordBigEndian: {
      auto number = parse_number(text, 0xFFFFFFFFull);
      if (!number) return fail(number.error());
      std::string bytes = bytes_le(*number, 4);
      if (type == reg::kRegDwordBigEndian) bytes = std::string(bytes.rbegin(), bytes.rend());
      return bytes;
    }
    case reg::kRegQword: {
      auto number = parse_number(text, UINT64_MAX);
      if (!number) return fail(number.error());
      return bytes_le(*number, 8);
    }
    default: {  // REG_BINARY, REG_NONE: hex digits, two a byte
      std::string out;
      if (text.size() % 2 != 0) {
        return fail(Errc::kInvalidArgument,
                    "binary data \"" + std::string(text) + "\" has an odd number of hex digits");
      }
      for (size_t i = 0; i < text.size(); i += 2) {
        std::string pair(text.substr(i, 2));
        char* end = nullptr;
        unsigned long byte = std::strtoul(pair.c_str(), &end, 16);
        if (*end != '\0' || pair[0] == '-' || pair[0] == '+' || pair[0] == ' ') {
          return fail(Errc::kInvalidArgument,
                      "binary data \"" + std::string(text) + "\" is not hex digits");
        }
        out += static_cast<char>(byte);
      }
      return out;
    }
  }
}

}  // namespace openras::rasreg
