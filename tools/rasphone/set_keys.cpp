// set_keys.cpp: rasphone -a NAME --set KEY=VALUE... and -e NAME --set ...: an entry
// created or changed without any dialog, for administrators and scripts. KEY is a
// rasphone.pbk key (docs/phonebook.md); each value is read by the phone book's own codec
// (src/phonebook/field_codec), so it accepts what a .pbk line accepts, and the result goes
// through RasSetEntryPropertiesW, which validates it as for any caller.
#include <cstdio>
#include <cstring>
#include <vector>

#include "cli.h"
#include "phonebook/field_codec.h"
#include "phonebook/schema.h"
#include "ras.h"
#include "raserror.h"
#include "rasphone.h"

namespace rasphone {

namespace {

namespace pb = openras::phonebook;

// The entry's properties, alternates included (they follow the structure).
DWORD load(Book& book, const std::wstring& name, std::vector<unsigned char>* buffer) {
  DWORD size = 0;
  DWORD rc = RasGetEntryPropertiesW(book.get(), name.c_str(), nullptr, &size, nullptr, nullptr);
  if (rc != ERROR_BUFFER_TOO_SMALL) return rc == 0 ? ERROR_INVALID_PARAMETER : rc;
  buffer->assign(std::max<size_t>(size, sizeof(RASENTRYW)), 0);
  reinterpret_cast<RASENTRYW*>(buffer->data())->dwSize = sizeof(RASENTRYW);
  rc =
      RasGetEntryPropertiesW(book.get(), name.c_str(), reinterpret_cast<RASENTRYW*>(buffer->data()),
                             &size, nullptr, nullptr);
  buffer->resize(size);
  return rc;
}

// Applies one KEY=VALUE; a message naming the key and value when it cannot.
bool apply(const std::string& assignment, RASENTRYW& entry, std::string* problem) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    *problem = "--set needs KEY=VALUE, not \"" + assignment + "\"";
    return false;
  }
  std::string key = assignment.substr(0, eq), value = assignment.substr(eq + 1);
  // The two keys with rules of their own: the first number, and the device-type marker.
  const pb::FieldSpec* field = nullptr;
  if (key == pb::kPhoneNumberKey) {
    field = &pb::field_for_member("szLocalPhoneNumber");
  } else if (key == pb::kDeviceMarkerKey) {
    field = &pb::field_for_member("szDeviceType");
  } else {
    for (pb::KeyBlock block :
         {pb::KeyBlock::kHeader, pb::KeyBlock::kMedia, pb::KeyBlock::kDevice}) {
      if ((field = pb::find_field(block, key))) break;
    }
  }
  if (!field) {
    *problem =
        "unknown key \"" + key + "\" (the rasphone.pbk keys are listed in the phone-book spec)";
    return false;
  }
  auto decoded = pb::decode_field(*field, value, entry);
  if (!decoded) {
    *problem = key + "=" + value + ": " + decoded.error().message;
    return false;
  }
  return true;
}

}  // namespace

int set_keys(bool create, Book& book, const std::wstring& entry,
             const std::vector<std::string>& assignments) {
  std::string what = "entry \"" + utf8(entry) + "\"";
  std::vector<unsigned char> buffer;
  if (create) {
    DWORD valid = RasValidateEntryNameW(book.get(), entry.c_str());
    // A phone book that does not exist yet holds no entry: setting creates it.
    if (valid != 0 && valid != ERROR_CANNOT_OPEN_PHONEBOOK) return report(what, valid);
  }
  DWORD rc = load(book, create ? std::wstring() : entry, &buffer);
  if (rc != 0) return report(what, rc);
  auto* props = reinterpret_cast<RASENTRYW*>(buffer.data());
  for (const std::string& assignment : assignments) {
    std::string problem;
    if (!apply(assignment, *props, &problem)) {
      return openras::cli::usage_error("rasphone", problem + "; nothing was changed");
    }
  }
  rc = RasSetEntryPropertiesW(book.get(), entry.c_str(), props, static_cast<DWORD>(buffer.size()),
                              nullptr, 0);
  if (rc != 0) return report(what, rc);
  std::printf("Entry \"%s\" %s.\n", utf8(entry).c_str(), create ? "created" : "saved");
  return openras::cli::kExitOk;
}

}  // namespace rasphone
