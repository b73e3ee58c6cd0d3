// entry_structs.cpp: version sizes, alternate-number lists and A<->W conversion.
#include "rasapi/entry_structs.h"

#include <cstring>

#include "base/utf.h"
#include "phonebook/field_codec.h"

namespace openras::rasapi {

namespace {

using phonebook::FieldKind;
using phonebook::FieldSpec;

template <class Char>
Result<std::vector<std::wstring>> read_list(const void* buffer, size_t buffer_size,
                                            size_t struct_size, DWORD offset) {
  std::vector<std::wstring> out;
  if (offset == 0) return out;
  auto invalid = [](std::string why) {
    return fail(Errc::kInvalidData, "alternate phone numbers: " + why);
  };
  if (offset < struct_size || offset >= buffer_size || offset % sizeof(Char) != 0) {
    return invalid("dwAlternateOffset " + std::to_string(offset) + " is outside the " +
                   std::to_string(buffer_size) + "-byte buffer after the structure");
  }
  const auto* bytes = static_cast<const unsigned char*>(buffer);
  std::basic_string<Char> current;
  for (size_t at = offset;; at += sizeof(Char)) {
    if (at + sizeof(Char) > buffer_size) return invalid("the list does not end inside the buffer");
    Char c;
    std::memcpy(&c, bytes + at, sizeof c);
    if (c != 0) {
      current += c;
      continue;
    }
    if (current.empty()) return out;
    if constexpr (sizeof(Char) == 1) {
      auto wide = utf8_to_wide(current);
      if (!wide) return fail(wide.error().with_context("alternate phone number"));
      out.push_back(std::move(*wide));
    } else {
      out.push_back(std::move(current));
    }
    current.clear();
  }
}

char* at(void* base, size_t offset) { return static_cast<char*>(base) + offset; }
const char* at(const void* base, size_t offset) { return static_cast<const char*>(base) + offset; }

}  // namespace

std::span<const StructVersion> rasentry_sizes(bool wide) {
  return phonebook::rasentry_version_sizes(wide);
}

std::span<const StructVersion> rasentryname_sizes(bool wide) {
  static constexpr StructVersion kWide[] = {{0x400, offsetof(RASENTRYNAMEW, dwFlags)},
                                            {0x500, sizeof(RASENTRYNAMEW)}};
  static constexpr StructVersion kNarrow[] = {{0x400, offsetof(RASENTRYNAMEA, dwFlags)},
                                              {0x500, sizeof(RASENTRYNAMEA)}};
  if (wide) return kWide;
  return kNarrow;
}

std::span<const StructVersion> rasdialparams_sizes(bool wide) {
  static constexpr StructVersion kWide[] = {{0x400, offsetof(RASDIALPARAMSW, dwSubEntry)},
                                            {0x401, offsetof(RASDIALPARAMSW, dwIfIndex)},
                                            {0x601, offsetof(RASDIALPARAMSW, szEncPassword)},
                                            {0x602, sizeof(RASDIALPARAMSW)}};
  static constexpr StructVersion kNarrow[] = {{0x400, offsetof(RASDIALPARAMSA, dwSubEntry)},
                                              {0x401, offsetof(RASDIALPARAMSA, dwIfIndex)},
                                              {0x601, offsetof(RASDIALPARAMSA, szEncPassword)},
                                              {0x602, sizeof(RASDIALPARAMSA)}};
  if (wide) return kWide;
  return kNarrow;
}

int version_index(std::span<const StructVersion> versions, DWORD size) {
  for (size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].size == size) return static_cast<int>(i);
  }
  return -1;
}

size_t alternates_size(const std::vector<std::wstring>& alternates) {
  if (alternates.empty()) return 0;
  size_t chars = 1;
  for (const std::wstring& a : alternates) chars += a.size() + 1;
  return chars * sizeof(WCHAR);
}

Result<size_t> alternates_size_utf8(const std::vector<std::wstring>& alternates) {
  if (alternates.empty()) return size_t{0};
  size_t bytes = 1;
  for (const std::wstring& a : alternates) {
    auto utf8 = wide_to_utf8(a);
    if (!utf8) return fail(utf8.error());
    bytes += utf8->size() + 1;
  }
  return bytes;
}

void write_alternates(void* buffer, size_t offset, const std::vector<std::wstring>& alternates) {
  if (alternates.empty()) return;
  char* out = at(buffer, offset);
  for (const std::wstring& a : alternates) {
    std::memcpy(out, a.c_str(), (a.size() + 1) * sizeof(WCHAR));
    out += (a.size() + 1) * sizeof(WCHAR);
  }
  std::memset(out, 0, sizeof(WCHAR));
}

Status write_alternates_utf8(void* buffer, size_t offset,
                             const std::vector<std::wstring>& alternates) {
  if (alternates.empty()) return {};
  char* out = at(buffer, offset);
  for (const std::wstring& a : alternates) {
    auto utf8 = wide_to_utf8(a);
    if (!utf8) return fail(utf8.error());
    std::memcpy(out, utf8->c_str(), utf8->size() + 1);
    out += utf8->size() + 1;
  }
  *out = '\0';
  return {};
}

Result<std::vector<std::wstring>> read_alternates(const void* buffer, size_t buffer_size,
                                                  size_t struct_size, DWORD offset) {
  return read_list<wchar_t>(buffer, buffer_size, struct_size, offset);
}

Result<std::vector<std::wstring>> read_alternates_utf8(const void* buffer, size_t buffer_size,
                                                       size_t struct_size, DWORD offset) {
  return read_list<char>(buffer, buffer_size, struct_size, offset);
}

Status narrow_into(std::wstring_view text, char* member, size_t capacity) {
  auto utf8 = wide_to_utf8(text);
  if (!utf8) return fail(utf8.error());
  if (utf8->size() >= capacity) {
    return fail(Errc::kNoUnicodeTranslation,
                "\"" + *utf8 + "\" takes " + std::to_string(utf8->size()) +
                    " bytes in UTF-8, more than the " + std::to_string(capacity - 1) +
                    " of the A structure's member; use the W function");
  }
  std::memset(member, 0, capacity);
  std::memcpy(member, utf8->data(), utf8->size());
  return {};
}

Result<std::wstring> widen_from(const char* member, size_t capacity) {
  auto view = terminated_view(member, capacity);
  if (!view) return fail(view.error());
  return utf8_to_wide(*view);
}

Status rasentry_to_narrow(const RASENTRYW& wide, RASENTRYA& narrow, size_t narrow_size) {
  for (const FieldSpec& row : phonebook::entry_schema()) {
    if (row.offset_a >= narrow_size) continue;
    char* member = at(&narrow, row.offset_a);
    if (row.kind == FieldKind::kString) {
      if (auto ok = narrow_into(phonebook::string_member(wide, row), member, row.capacity()); !ok) {
        return fail(ok.error().with_context(std::string(row.member)));
      }
    } else {
      std::memcpy(member, at(&wide, row.offset_w), row.size_w);
    }
  }
  if (offsetof(RASENTRYA, dwSubEntries) < narrow_size) narrow.dwSubEntries = wide.dwSubEntries;
  return {};
}

Status rasentry_to_wide(const RASENTRYA& narrow, size_t narrow_size, RASENTRYW& wide) {
  for (const FieldSpec& row : phonebook::entry_schema()) {
    if (row.offset_a >= narrow_size) continue;
    const char* member = at(&narrow, row.offset_a);
    if (row.kind == FieldKind::kString) {
      auto text = widen_from(member, row.capacity());
      if (!text) return fail(text.error().with_context(std::string(row.member)));
      if (auto ok = phonebook::set_string_member(wide, row, *text); !ok) return ok;
    } else {
      std::memcpy(at(&wide, row.offset_w), member, row.size_w);
    }
  }
  return {};
}

}  // namespace openras::rasapi
