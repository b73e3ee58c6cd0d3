// entry_fields.cpp: EntryFields defaults and link access (see entry_codec.h).
#include "phonebook/entry_codec.h"
#include "phonebook/field_codec.h"

namespace openras::phonebook {

namespace {

Status check_fits(const LinkFields& link) {
  auto fits = [](const std::wstring& text, std::string_view member) -> Status {
    const FieldSpec& row = field_for_member(member);
    if (text.size() < row.capacity()) return {};
    return fail(Errc::kInvalidArgument, std::string(member) + " longer than " +
                                            std::to_string(row.capacity() - 1) + " characters");
  };
  if (auto ok = fits(link.device_type, "szDeviceType"); !ok) return ok;
  if (auto ok = fits(link.device_name, "szDeviceName"); !ok) return ok;
  if (auto ok = fits(link.phone_number, "szLocalPhoneNumber"); !ok) return ok;
  for (const std::wstring& alternate : link.alternates) {
    if (auto ok = fits(alternate, "szLocalPhoneNumber"); !ok) return ok;
  }
  return {};
}

}  // namespace

const RASENTRYW& EntryFields::default_entry() {
  static const RASENTRYW kDefaults = default_rasentry();
  return kDefaults;
}

EntryFields EntryFields::defaults() {
  EntryFields fields;
  fields.entry = default_entry();
  return fields;
}

LinkFields EntryFields::link(size_t index) const {
  if (index > 0) return extra_links.at(index - 1);
  LinkFields link;
  link.device_type = string_member(entry, field_for_member("szDeviceType"));
  link.device_name = string_member(entry, field_for_member("szDeviceName"));
  link.phone_number = string_member(entry, field_for_member("szLocalPhoneNumber"));
  link.alternates = alternates;
  return link;
}

Status EntryFields::set_link(size_t index, const LinkFields& link) {
  if (auto ok = check_fits(link); !ok) return ok;
  if (index > link_count()) {
    return fail(Errc::kInvalidArgument, "link " + std::to_string(index + 1) + " of an entry with " +
                                            std::to_string(link_count()) + " links");
  }
  if (index == 0) {
    (void)set_string_member(entry, field_for_member("szDeviceType"), link.device_type);
    (void)set_string_member(entry, field_for_member("szDeviceName"), link.device_name);
    (void)set_string_member(entry, field_for_member("szLocalPhoneNumber"), link.phone_number);
    alternates = link.alternates;
  } else if (index == link_count()) {
    extra_links.push_back(link);
  } else {
    extra_links[index - 1] = link;
  }
  entry.dwSubEntries = static_cast<DWORD>(link_count());
  return {};
}

bool same_fields(const EntryFields& a, const EntryFields& b) {
  for (const FieldSpec& row : entry_schema()) {
    if (!field_equal(row, a.entry, b.entry)) return false;
  }
  return a.entry.dwSubEntries == b.entry.dwSubEntries && a.alternates == b.alternates &&
         a.extra_links == b.extra_links && a.custom_auth_data == b.custom_auth_data;
}

}  // namespace openras::phonebook
