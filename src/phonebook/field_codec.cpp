// field_codec.cpp: value encodings of the schema's field kinds (see field_codec.h).
#include "phonebook/field_codec.h"

#include <arpa/inet.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "base/utf.h"

namespace openras::phonebook {

namespace {

char* member_ptr(RASENTRYW& entry, const FieldSpec& field) {
  return reinterpret_cast<char*>(&entry) + field.offset_w;
}
const char* member_ptr(const RASENTRYW& entry, const FieldSpec& field) {
  return reinterpret_cast<const char*>(&entry) + field.offset_w;
}

uint32_t get_dword(const RASENTRYW& entry, const FieldSpec& field) {
  uint32_t value;
  std::memcpy(&value, member_ptr(entry, field), sizeof value);
  return value;
}
void put_dword(RASENTRYW& entry, const FieldSpec& field, uint32_t value) {
  std::memcpy(member_ptr(entry, field), &value, sizeof value);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

tl::unexpected<Error> bad_value(const FieldSpec& field, std::string_view value,
                                std::string_view expected) {
  return fail(Errc::kPhonebookCorrupt, "key \"" + std::string(field.key) + "\" value \"" +
                                           std::string(value.substr(0, 64)) + "\" is not " +
                                           std::string(expected));
}

// Decimal, as Windows writes numbers; a leading '-' is taken as the two's complement
// (some tools write RASIDS_Disabled as -1).
Result<uint32_t> parse_number(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 10) return fail(Errc::kInvalidData, "");
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return fail(Errc::kInvalidData, "");
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (negative ? value > 0x80000000u : value > 0xFFFFFFFFu) return fail(Errc::kInvalidData, "");
  return static_cast<uint32_t>(negative ? (0 - value) : value);
}

}  // namespace

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::wstring_view string_member(const RASENTRYW& entry, const FieldSpec& field) {
  const auto* chars = reinterpret_cast<const wchar_t*>(member_ptr(entry, field));
  size_t n = 0;
  while (n < field.capacity() && chars[n] != L'\0') ++n;
  return {chars, n};
}

Status set_string_member(RASENTRYW& entry, const FieldSpec& field, std::wstring_view value) {
  if (value.size() >= field.capacity()) {
    return fail(Errc::kInvalidArgument, std::string(field.member) + " longer than " +
                                            std::to_string(field.capacity() - 1) + " characters");
  }
  char* dst = member_ptr(entry, field);
  std::memset(dst, 0, field.size_w);
  std::memcpy(dst, value.data(), value.size() * sizeof(wchar_t));
  return {};
}

RASENTRYW default_rasentry() {
  RASENTRYW entry;
  std::memset(&entry, 0, sizeof entry);
  entry.dwSize = sizeof entry;
  for (const FieldSpec& f : entry_schema()) {
    if (f.kind == FieldKind::kString) {
      (void)set_string_member(entry, f, f.default_text);
    } else if (f.kind == FieldKind::kDword) {
      put_dword(entry, f, f.default_value);
    } else if (f.kind == FieldKind::kFlag && f.default_value != 0) {
      put_dword(entry, f, get_dword(entry, f) | f.bit);
    }
  }
  entry.dwSubEntries = 1;
  return entry;
}

Result<std::wstring> decode_string(const FieldSpec& field, std::string_view value) {
  // Strings are taken exactly (only the line end is not part of them), so a value set
  // through the API reads back unchanged.
  auto wide = utf8_to_wide(value);
  if (!wide) return bad_value(field, value, "valid UTF-8");
  if (wide->size() >= field.capacity()) {
    return fail(Errc::kPhonebookCorrupt,
                "key \"" + std::string(field.key) + "\" is " + std::to_string(wide->size()) +
                    " characters, longer than the " + std::to_string(field.capacity() - 1) +
                    " of " + std::string(field.member));
  }
  return wide;
}

Status decode_field(const FieldSpec& field, std::string_view value, RASENTRYW& entry) {
  if (field.kind == FieldKind::kString) {
    auto wide = decode_string(field, value);
    if (!wide) return fail(wide.error());
    return set_string_member(entry, field, *wide);
  }
  std::string_view text = trim(value);
  switch (field.kind) {
    case FieldKind::kDword: {
      uint32_t number = field.default_value;
      if (!text.empty()) {
        auto parsed = parse_number(text);
        if (!parsed) return bad_value(field, value, "a 32-bit decimal number");
        number = *parsed;
      }
      put_dword(entry, field, number);
      return {};
    }
    case FieldKind::kFlag: {
      bool on = field.default_value != 0;
      if (!text.empty()) {
        auto number = parse_number(text);
        if (!number) return bad_value(field, value, "0 or 1");
        on = (*number != 0) != field.inverted;
      }
      uint32_t bits = get_dword(entry, field) & ~field.bit;
      put_dword(entry, field, on ? bits | field.bit : bits);
      return {};
    }
    case FieldKind::kOtherBits: {
      if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        text.remove_prefix(2);
      uint64_t bits = 0;
      if (text.size() > 8) return bad_value(field, value, "hexadecimal bits");
      for (char c : text) {
        int digit = hex_digit(c);
        if (digit < 0) return bad_value(field, value, "hexadecimal bits");
        bits = (bits << 4) | static_cast<uint64_t>(digit);
      }
      uint32_t kept = get_dword(entry, field) & ~field.bit;
      put_dword(entry, field, kept | (static_cast<uint32_t>(bits) & field.bit));
      return {};
    }
    case FieldKind::kIpv4: {
      in_addr address{};
      if (!text.empty() && ::inet_pton(AF_INET, std::string(text).c_str(), &address) != 1) {
        return bad_value(field, value, "an IPv4 address (a.b.c.d)");
      }
      std::memcpy(member_ptr(entry, field), &address, sizeof address);
      return {};
    }
    case FieldKind::kIpv6: {
      in6_addr address{};
      if (!text.empty() && ::inet_pton(AF_INET6, std::string(text).c_str(), &address) != 1) {
        return bad_value(field, value, "an IPv6 address");
      }
      std::memcpy(member_ptr(entry, field), &address, sizeof address);
      return {};
    }
    case FieldKind::kGuid: {
      unsigned char bytes[sizeof(GUID)] = {};
      if (!text.empty()) {
        if (text.size() != 2 * sizeof bytes)
          return bad_value(field, value, "32 hexadecimal digits");
        for (size_t i = 0; i < sizeof bytes; ++i) {
          int hi = hex_digit(text[2 * i]);
          int lo = hex_digit(text[2 * i + 1]);
          if (hi < 0 || lo < 0) return bad_value(field, value, "32 hexadecimal digits");
          bytes[i] = static_cast<unsigned char>(hi * 16 + lo);
        }
      }
      std::memcpy(member_ptr(entry, field), bytes, sizeof bytes);
      return {};
    }
    case FieldKind::kString:
      break;
  }
  return {};
}

Result<std::string> encode_text(std::wstring_view text, std::string_view what) {
  if (text.find_first_of(L"\r\n") != std::wstring_view::npos) {
    return fail(Errc::kInvalidArgument,
                std::string(what) + " contains a line break, which a phone-book line cannot hold");
  }
  auto utf8 = wide_to_utf8(text);
  if (!utf8) return fail(utf8.error().with_context(std::string(what)));
  return utf8;
}

Result<std::string> encode_field(const FieldSpec& field, const RASENTRYW& entry) {
  char buffer[64];
  switch (field.kind) {
    case FieldKind::kString: {
      auto view = terminated_view(reinterpret_cast<const wchar_t*>(member_ptr(entry, field)),
                                  field.capacity());
      if (!view) {
        return fail(Errc::kInvalidArgument, std::string(field.member) +
                                                " is not NUL-terminated within its " +
                                                std::to_string(field.capacity()) + " characters");
      }
      return encode_text(*view, field.member);
    }
    case FieldKind::kDword:
      return std::to_string(get_dword(entry, field));
    case FieldKind::kFlag:
      return std::string(((get_dword(entry, field) & field.bit) != 0) != field.inverted ? "1"
                                                                                        : "0");
    case FieldKind::kOtherBits:
      std::snprintf(buffer, sizeof buffer, "%X", get_dword(entry, field) & field.bit);
      return std::string(buffer);
    case FieldKind::kIpv4:
      ::inet_ntop(AF_INET, member_ptr(entry, field), buffer, sizeof buffer);
      return std::string(buffer);
    case FieldKind::kIpv6:
      ::inet_ntop(AF_INET6, member_ptr(entry, field), buffer, sizeof buffer);
      return std::string(buffer);
    case FieldKind::kGuid: {
      std::string out;
      const auto* bytes = reinterpret_cast<const unsigned char*>(member_ptr(entry, field));
      for (size_t i = 0; i < sizeof(GUID); ++i) {
        std::snprintf(buffer, sizeof buffer, "%02X", bytes[i]);
        out += buffer;
      }
      return out;
    }
  }
  return std::string();
}

bool field_equal(const FieldSpec& field, const RASENTRYW& a, const RASENTRYW& b) {
  switch (field.kind) {
    case FieldKind::kString:
      return string_member(a, field) == string_member(b, field);
    case FieldKind::kFlag:
    case FieldKind::kOtherBits:
      return ((get_dword(a, field) ^ get_dword(b, field)) & field.bit) == 0;
    default:
      return std::memcmp(member_ptr(a, field), member_ptr(b, field), field.size_w) == 0;
  }
}

bool field_is_default(const FieldSpec& field, const RASENTRYW& entry) {
  static const RASENTRYW defaults = default_rasentry();
  return field_equal(field, entry, defaults);
}

void copy_field(const FieldSpec& field, const RASENTRYW& from, RASENTRYW& to) {
  std::memcpy(member_ptr(to, field), member_ptr(from, field), field.size_w);
}

const FieldSpec& field_for_member(std::string_view member) {
  static const auto* rows = [] {
    auto* map = new std::unordered_map<std::string_view, const FieldSpec*>;
    for (const FieldSpec& f : entry_schema()) map->emplace(f.member, &f);  // keeps the first
    return map;
  }();
  auto it = rows->find(member);
  if (it == rows->end()) std::abort();
  return *it->second;
}

}  // namespace openras::phonebook
