// entry_core.cpp: entry properties and sub-entries behind the W and A functions.
#include <cstring>

#include "base/utf.h"
#include "phonebook/field_codec.h"
#include "rasapi/entry_api.h"

namespace openras::rasapi {

namespace {

using phonebook::EntryFields;
using phonebook::FieldSpec;
using phonebook::LinkFields;

// What RasSetEntryProperties requires of the caller's structure (Windows fails the same
// cases with ERROR_INVALID_PARAMETER): terminated strings, a device type, and a known
// framing protocol and entry type where the version has them.
Status check_entry(const RASENTRYW& entry, size_t size) {
  for (const FieldSpec& row : phonebook::entry_schema()) {
    if (row.offset_w >= size || row.kind != phonebook::FieldKind::kString) continue;
    if (auto text = phonebook::encode_field(row, entry); !text) return fail(text.error());
  }
  if (entry.szDeviceType[0] == L'\0') {
    return fail(Errc::kInvalidArgument,
                "szDeviceType is empty; set a device type such as RASDT_Modem");
  }
  DWORD framing = entry.dwFramingProtocol;
  if (framing != RASFP_Ppp && framing != RASFP_Slip && framing != RASFP_Ras) {
    return fail(Errc::kInvalidArgument, "dwFramingProtocol " + std::to_string(framing) +
                                            " is not RASFP_Ppp, RASFP_Slip or RASFP_Ras");
  }
  if (offsetof(RASENTRYW, dwType) < size &&
      (entry.dwType < RASET_Phone || entry.dwType > RASET_Broadband)) {
    return fail(Errc::kInvalidArgument,
                "dwType " + std::to_string(entry.dwType) + " is not a RASET_* value");
  }
  return {};
}

}  // namespace

Result<PhonebookArg> phonebook_arg(const wchar_t* phonebook) {
  if (!phonebook) return PhonebookArg{};
  auto utf8 = wide_to_utf8(phonebook);
  if (!utf8) return fail(Errc::kPhonebookCannotOpen, "phone-book path: " + utf8.error().message);
  return PhonebookArg{std::move(*utf8)};
}

Result<PhonebookArg> phonebook_arg(const char* phonebook) {
  if (!phonebook) return PhonebookArg{};
  if (!is_valid_utf8(phonebook))
    return fail(Errc::kPhonebookCannotOpen, "phone-book path is not UTF-8");
  return PhonebookArg{std::string(phonebook)};
}

Result<std::shared_ptr<const Caller>> caller() { return calling_caller(); }

Result<EntryFields> entry_properties(const PhonebookArg& phonebook, std::wstring_view name) {
  if (name.empty()) return EntryFields::defaults();
  auto who = caller();
  if (!who) return fail(who.error());
  auto record = phonebook::find_entry(**who, phonebook, name);
  if (!record) return fail(record.error());
  return *record->fields;
}

Status set_entry_properties(const PhonebookArg& phonebook, std::wstring_view name,
                            const RASENTRYW& prefix, size_t prefix_size,
                            const std::vector<std::wstring>& alternates) {
  if (auto ok = check_entry(prefix, prefix_size); !ok) return ok;
  for (const std::wstring& alternate : alternates) {
    if (alternate.size() > RAS_MaxPhoneNumber) {
      return fail(Errc::kInvalidArgument, "an alternate phone number is longer than " +
                                              std::to_string(RAS_MaxPhoneNumber) + " characters");
    }
  }
  auto who = caller();
  if (!who) return fail(who.error());
  // The caller's version replaces the members it has; newer members keep their values.
  auto overlay = [&](EntryFields& fields) -> Status {
    for (const FieldSpec& row : phonebook::entry_schema()) {
      if (row.offset_w < prefix_size) phonebook::copy_field(row, prefix, fields.entry);
    }
    fields.alternates = alternates;
    return {};
  };
  return phonebook::update_entry(**who, phonebook, name, overlay, phonebook::IfMissing::kCreate);
}

Result<LinkFields> sub_entry(const PhonebookArg& phonebook, std::wstring_view name, DWORD index) {
  auto who = caller();
  if (!who) return fail(who.error());
  auto record = phonebook::find_entry(**who, phonebook, name);
  if (!record) return fail(record.error());
  if (index == 0 || index > record->fields->link_count()) {
    return fail(Errc::kInvalidArgument, "sub-entry " + std::to_string(index) +
                                            " of an entry with " +
                                            std::to_string(record->fields->link_count()));
  }
  return record->fields->link(index - 1);
}

Status set_sub_entry(const PhonebookArg& phonebook, std::wstring_view name, DWORD index,
                     const LinkFields& link) {
  auto who = caller();
  if (!who) return fail(who.error());
  auto patch = [&](EntryFields& fields) -> Status {
    if (index == fields.link_count() + 1) {
      return fail(Errc::kNotSupported,
                  "adding a link (sub-entry " + std::to_string(index) +
                      ") to an entry is not supported: OpenRAS dials single-link entries");
    }
    if (index == 0 || index > fields.link_count()) {
      return fail(Errc::kInvalidArgument, "sub-entry " + std::to_string(index) +
                                              " of an entry with " +
                                              std::to_string(fields.link_count()));
    }
    return fields.set_link(index - 1, link);
  };
  return phonebook::update_entry(**who, phonebook, name, patch, phonebook::IfMissing::kFail);
}

}  // namespace openras::rasapi
