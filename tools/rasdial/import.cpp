// import.cpp: rasdial --import=FILE, a phone book copied from Windows into OpenRAS's.
//
// Each entry is read from FILE through the RAS API (so exactly what a dial would read)
// and written to the destination phone book with RasSetEntryPropertiesW. What Windows
// names that Linux cannot use is reported with what to configure instead:
//   - a device OpenRAS does not have (a TAPI modem name such as "Standard 56000 bps
//     Modem", or a port name such as COM3): the rasreg commands that configure it, the
//     COMn port translated to /dev/ttyS(n-1);
//   - a custom dialer named by a Windows path (C:\...\dialer.dll): install its Linux
//     build, allow it, and name that in the entry;
//   - a VPN or broadband (PPPoE) entry: OpenRAS has no such protocols; not imported.
// An entry the destination already has is left alone (not imported). Only an entry's
// first link is carried (RasSetEntryProperties has no more).
#include "import.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "base/utf.h"
#include "cli.h"
#include "json.h"
#include "ras.h"
#include "raserror.h"
#include "text.h"

namespace rasdial {

namespace cli = openras::cli;
using cli::Json;

namespace {

struct Advice {
  std::string about;  // "device", "dialer", "links", "type"
  std::string message;
  std::vector<std::string> commands;  // to run as they are (as root)
};

struct Outcome {
  std::string entry;
  bool imported = false;
  DWORD error = 0;
  std::vector<Advice> advice;
};

// The value of KEY= in each section of a phone book's text, by section name (the first
// one in the section: a multilink entry's later links are not imported).
std::vector<std::pair<std::string, std::string>> first_values(const std::string& text,
                                                              const std::string& key) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(text);
  std::string line, section;
  bool found = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (line.starts_with("[") && line.find(']') != std::string::npos) {
      section = line.substr(1, line.rfind(']') - 1);
      found = false;
    } else if (!found && line.starts_with(key + "=")) {
      out.emplace_back(section, line.substr(key.size() + 1));
      found = true;
    }
  }
  return out;
}

bool ascii_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

// 3 for "COM3" (any case), 0 for anything else.
unsigned com_number(std::string_view name) {
  if (name.size() < 4 || !ascii_equal(name.substr(0, 3), "com")) return 0;
  unsigned n = 0;
  for (char c : name.substr(3)) {
    if (c < '0' || c > '9' || n > 255) return 0;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  return n;
}

// A path only Windows can load: a drive letter, or a backslash anywhere.
bool windows_path(std::string_view path) {
  bool drive = path.size() >= 2 && path[1] == ':' &&
               ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
  return drive || path.find('\\') != std::string_view::npos;
}

std::vector<std::string> configured_devices() {
  DWORD size = 0, count = 0;
  std::vector<RASDEVINFOW> devices(1);
  devices[0].dwSize = sizeof(RASDEVINFOW);
  DWORD rc = RasEnumDevicesW(devices.data(), &size, &count);
  if (rc == ERROR_BUFFER_TOO_SMALL) {
    devices.resize(size / sizeof(RASDEVINFOW) + 1);
    for (auto& d : devices) d.dwSize = sizeof(RASDEVINFOW);
    size = static_cast<DWORD>(devices.size() * sizeof(RASDEVINFOW));
    rc = RasEnumDevicesW(devices.data(), &size, &count);
  }
  std::vector<std::string> out;
  if (rc != ERROR_SUCCESS) return out;
  for (DWORD i = 0; i < count; ++i) out.push_back(utf8(devices[i].szDeviceName));
  return out;
}

std::vector<std::wstring> entry_names(const std::wstring& file, DWORD* error) {
  DWORD size = sizeof(RASENTRYNAMEW), count = 0;
  std::vector<RASENTRYNAMEW> names(1);
  names[0].dwSize = sizeof(RASENTRYNAMEW);
  DWORD rc = RasEnumEntriesW(nullptr, file.c_str(), names.data(), &size, &count);
  if (rc == ERROR_BUFFER_TOO_SMALL) {
    names.resize(size / sizeof(RASENTRYNAMEW) + 1);
    for (auto& n : names) n.dwSize = sizeof(RASENTRYNAMEW);
    size = static_cast<DWORD>(names.size() * sizeof(RASENTRYNAMEW));
    rc = RasEnumEntriesW(nullptr, file.c_str(), names.data(), &size, &count);
  }
  *error = rc;
  std::vector<std::wstring> out;
  if (rc != ERROR_SUCCESS) return out;
  for (DWORD i = 0; i < count; ++i) out.emplace_back(names[i].szEntryName);
  return out;
}

// The entry's properties (the structure and the alternate numbers after it).
std::vector<unsigned char> read_entry(const std::wstring& file, const std::wstring& name,
                                      DWORD* error) {
  DWORD size = 0;
  DWORD rc = RasGetEntryPropertiesW(file.c_str(), name.c_str(), nullptr, &size, nullptr, nullptr);
  std::vector<unsigned char> buffer;
  if (rc != ERROR_BUFFER_TOO_SMALL || size < sizeof(RASENTRYW)) {
    *error = rc == ERROR_SUCCESS ? ERROR_INVALID_SIZE : rc;
    return buffer;
  }
  buffer.resize(size);
  auto* entry = reinterpret_cast<RASENTRYW*>(buffer.data());
  entry->dwSize = sizeof(RASENTRYW);
  *error = RasGetEntryPropertiesW(file.c_str(), name.c_str(), entry, &size, nullptr, nullptr);
  return buffer;
}

bool entry_exists(const wchar_t* phonebook, const std::wstring& name) {
  DWORD size = 0;
  DWORD rc = RasGetEntryPropertiesW(phonebook, name.c_str(), nullptr, &size, nullptr, nullptr);
  return rc == ERROR_BUFFER_TOO_SMALL || rc == ERROR_SUCCESS;
}

// What the device needs, if OpenRAS does not have it.
void check_device(const RASENTRYW& entry, const std::string& port,
                  const std::vector<std::string>& devices, std::vector<Advice>* advice) {
  std::string name = utf8(entry.szDeviceName);
  if (name.empty()) return;  // RasSetEntryProperties says what is missing
  for (const auto& known : devices) {
    if (ascii_equal(known, name)) return;
  }
  unsigned com = com_number(name) ? com_number(name) : com_number(port);
  std::string tty = com ? "/dev/ttyS" + std::to_string(com - 1) : "/dev/ttyS0";
  bool modem = ascii_equal(utf8(entry.szDeviceType), "modem");
  std::string what = com_number(name) ? "a Windows port name"
                     : modem          ? "a Windows (TAPI) modem name"
                                      : "a Windows device name";
  std::string on = !port.empty() && !com_number(name) ? ", on " + port : "";
  std::string key = "\"HKLM\\Software\\OpenRAS\\Devices\\" + name + "\"";
  Advice a{"device",
           "device \"" + name + "\" (" + what + on +
               ") is not configured in OpenRAS: configure a device of that name (as root) " +
               "with the commands below; " + tty +
               (com ? " is " + std::string(com_number(name) ? name : port) +
                          " when it is a built-in serial port; "
                    : " is the first built-in serial port; ") +
               "a USB modem is /dev/ttyACM0 or /dev/ttyUSB0 (docs/devices.md)",
           {"rasreg add " + key + " /v Type /d " + (modem ? "modem" : "serial") + " /f",
            "rasreg add " + key + " /v Port /d " + tty + " /f"}};
  advice->push_back(std::move(a));
}

void check_dialer(const RASENTRYW& entry, const std::string& destination,
                  std::vector<Advice>* advice) {
  std::string dialer = utf8(entry.szCustomDialDll);
  if (dialer.empty() || !windows_path(dialer)) return;
  advice->push_back(
      {"dialer",
       "its custom dialer " + dialer +
           " is a Windows DLL, which Linux cannot load; dialling the entry fails until you " +
           "install the dialer's Linux build (made with the OpenRAS SDK), allow it (as root: " +
           "rasreg allowlist add PATH) and put PATH in the entry's CustomRasDialDll= line in " +
           destination,
       {}});
}

Outcome import_one(const std::wstring& file, const std::wstring& name, const std::string& port,
                   const wchar_t* destination, const std::string& destination_name,
                   const std::vector<std::string>& devices) {
  Outcome out;
  out.entry = utf8(name);
  auto buffer = read_entry(file, name, &out.error);
  if (out.error != ERROR_SUCCESS) return out;
  auto* entry = reinterpret_cast<RASENTRYW*>(buffer.data());
  std::string device_type = utf8(entry->szDeviceType);
  if (entry->dwType == RASET_Vpn || ascii_equal(device_type, "vpn")) {
    out.advice.push_back(
        {"type",
         "a VPN entry (" + utf8(entry->szDeviceName) +
             "): OpenRAS dials through modems and serial lines and has no VPN protocols "
             "(PPTP, L2TP, SSTP, IKEv2); set this VPN up with NetworkManager (nmcli) or "
             "strongSwan instead; not imported",
         {}});
    return out;
  }
  if (entry->dwType == RASET_Broadband || ascii_equal(device_type, "pppoe")) {
    out.advice.push_back({"type",
                          "a broadband (PPPoE) entry: OpenRAS has no PPPoE; set it up with "
                          "NetworkManager (nmcli) or pppd's pppoe plugin instead; not imported",
                          {}});
    return out;
  }
  if (entry_exists(destination, name)) {
    out.advice.push_back({"exists",
                          "the entry is already in " + destination_name +
                              "; rename or delete it there first to import this one; not imported",
                          {}});
    return out;
  }
  check_device(*entry, port, devices, &out.advice);
  check_dialer(*entry, destination_name, &out.advice);
  if (entry->dwSubEntries > 1) {
    out.advice.push_back({"links",
                          "it has " + std::to_string(entry->dwSubEntries) +
                              " links (multilink); only the first was imported",
                          {}});
  }
  out.error = RasSetEntryPropertiesW(destination, name.c_str(), entry,
                                     static_cast<DWORD>(buffer.size()), nullptr, 0);
  out.imported = out.error == ERROR_SUCCESS;
  return out;
}

std::string error_text(DWORD code) {
  char text[512];
  if (RasGetErrorStringA(code, text, sizeof text) != ERROR_SUCCESS) return std::string();
  return text;
}

}  // namespace

int import_phonebook(const std::wstring& file, const std::wstring& destination, bool json) {
  std::string file_name = utf8(file);
  std::ifstream in(file_name, std::ios::binary);
  std::stringstream raw;
  raw << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "rasdial: cannot read %s\n", file_name.c_str());
    if (json) cli::print_json({{"file", file_name}, {"error", ERROR_CANNOT_OPEN_PHONEBOOK}});
    return cli::kExitFailed;
  }
  auto ports = first_values(raw.str(), "Port");
  DWORD error = 0;
  auto names = entry_names(file, &error);
  if (error != ERROR_SUCCESS) {
    if (json) {
      cli::print_json({{"file", file_name}, {"error", error}, {"error_text", error_text(error)}});
    } else {
      std::printf("Remote Access error %u - %s (reading %s)\n", error, error_text(error).c_str(),
                  file_name.c_str());
    }
    return cli::exit_status(error);
  }
  const wchar_t* target = destination.empty() ? nullptr : destination.c_str();
  std::string target_name =
      destination.empty() ? "the default phone book" : "the phone book " + utf8(destination);
  auto devices = configured_devices();
  size_t imported = 0;
  for (const auto& name : names) {
    std::string port;
    for (const auto& [section, value] : ports) {
      if (section == utf8(name)) port = value;
    }
    Outcome o = import_one(file, name, port, target, target_name, devices);
    if (o.imported) ++imported;
    if (json) {
      Json advice = Json::array();
      for (const auto& a : o.advice) {
        advice.push_back({{"about", a.about}, {"message", a.message}, {"commands", a.commands}});
      }
      Json line = {{"entry", o.entry}, {"imported", o.imported}, {"advice", advice}};
      if (o.error != ERROR_SUCCESS) {
        line["error"] = o.error;
        line["error_text"] = error_text(o.error);
      }
      cli::print_json(line);
      continue;
    }
    if (o.error != ERROR_SUCCESS) {
      std::printf("\"%s\": Remote Access error %u - %s\n", o.entry.c_str(), o.error,
                  error_text(o.error).c_str());
    } else {
      std::printf("%s \"%s\"%s\n", o.imported ? "Imported" : "Skipped", o.entry.c_str(),
                  o.advice.empty() ? "." : ":");
    }
    for (const auto& a : o.advice) {
      std::printf("  - %s\n", a.message.c_str());
      for (const auto& command : a.commands) std::printf("      %s\n", command.c_str());
    }
  }
  if (json) {
    cli::print_json({{"file", file_name},
                     {"phonebook", destination.empty() ? Json(nullptr) : Json(utf8(destination))},
                     {"entries", names.size()},
                     {"imported", imported}});
  } else {
    std::printf("%zu of %zu entries imported into %s.\n", imported, names.size(),
                target_name.c_str());
  }
  return imported == names.size() ? cli::kExitOk : cli::kExitFailed;
}

}  // namespace rasdial
