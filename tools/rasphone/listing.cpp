// listing.cpp: rasphone -l, --devices, -s and -h: what needs no dialog.
#include <cstdio>
#include <cstring>
#include <vector>

#include "cli.h"
#include "json.h"
#include "ras.h"
#include "raserror.h"
#include "rasphone.h"

namespace rasphone {

namespace {

// Calls an enumerator that takes (array, bytes, count), growing the array as it asks.
template <class T, class Enum>
DWORD enumerate(std::vector<T>* out, Enum call) {
  out->assign(4, T{});
  for (int attempt = 0; attempt < 4; ++attempt) {
    for (T& item : *out) item.dwSize = sizeof(T);
    DWORD bytes = static_cast<DWORD>(out->size() * sizeof(T)), count = 0;
    DWORD rc = call(out->data(), &bytes, &count);
    if (rc == ERROR_BUFFER_TOO_SMALL) {
      out->assign(bytes / sizeof(T) + 1, T{});
      continue;
    }
    out->resize(rc == 0 ? count : 0);
    return rc;
  }
  return ERROR_BUFFER_TOO_SMALL;
}

DWORD connections(std::vector<RASCONNW>* out) {
  return enumerate(out,
                   [](RASCONNW* a, DWORD* b, DWORD* c) { return RasEnumConnectionsW(a, b, c); });
}

}  // namespace

int list_entries(Book& book, bool json) {
  std::vector<RASENTRYNAMEW> names;
  DWORD rc = enumerate(&names, [&](RASENTRYNAMEW* a, DWORD* b, DWORD* c) {
    return RasEnumEntriesW(nullptr, book.get(), a, b, c);
  });
  if (rc != 0) return report("listing the phone books", rc);
  openras::cli::Json list = openras::cli::Json::array();
  for (size_t i = 0; i < names.size(); ++i) {
    const RASENTRYNAMEW& n = names[i];
    RASENTRYW e;
    std::memset(&e, 0, sizeof e);
    e.dwSize = sizeof e;
    DWORD size = sizeof e;
    DWORD got =
        RasGetEntryPropertiesW(n.szPhonebookPath, n.szEntryName, &e, &size, nullptr, nullptr);
    if (got != 0 && got != ERROR_BUFFER_TOO_SMALL) std::memset(&e, 0, sizeof e);
    bool all_users = (n.dwFlags & REN_AllUsers) != 0;
    if (json) {
      list.push_back({{"name", utf8(n.szEntryName)},
                      {"phonebook", utf8(n.szPhonebookPath)},
                      {"all_users", all_users},
                      {"device_type", utf8(e.szDeviceType)},
                      {"device", utf8(e.szDeviceName)},
                      {"number", utf8(e.szLocalPhoneNumber)},
                      {"dialer", utf8(e.szCustomDialDll)}});
    } else {
      std::printf("%s\t%s\t%s\t%s%s%s\n", utf8(n.szEntryName).c_str(),
                  all_users ? "all-users" : "user", utf8(e.szLocalPhoneNumber).c_str(),
                  utf8(e.szDeviceName).c_str(), *e.szCustomDialDll ? "\tdialer " : "",
                  utf8(e.szCustomDialDll).c_str());
    }
  }
  if (json) openras::cli::print_json(list);
  return openras::cli::kExitOk;
}

int list_devices(bool json) {
  std::vector<RASDEVINFOW> devices;
  DWORD rc = enumerate(&devices,
                       [](RASDEVINFOW* a, DWORD* b, DWORD* c) { return RasEnumDevicesW(a, b, c); });
  if (rc != 0) return report("listing the devices", rc);
  openras::cli::Json list = openras::cli::Json::array();
  for (size_t i = 0; i < devices.size(); ++i) {
    const RASDEVINFOW& d = devices[i];
    if (json) {
      list.push_back({{"name", utf8(d.szDeviceName)}, {"type", utf8(d.szDeviceType)}});
    } else {
      std::printf("%s\t%s\n", utf8(d.szDeviceName).c_str(), utf8(d.szDeviceType).c_str());
    }
  }
  if (json) openras::cli::print_json(list);
  return openras::cli::kExitOk;
}

int show_status(bool json) {
  std::vector<RASCONNW> conns;
  DWORD rc = connections(&conns);
  if (rc != 0) return report("listing the connections", rc);
  openras::cli::Json list = openras::cli::Json::array();
  for (size_t i = 0; i < conns.size(); ++i) {
    RASCONNSTATUSW status;
    std::memset(&status, 0, sizeof status);
    status.dwSize = sizeof status;
    DWORD got = RasGetConnectStatusW(conns[i].hrasconn, &status);
    const char* state = got == 0 ? rasdial::state_text(status.rasconnstate) : "gone";
    if (json) {
      list.push_back({{"entry", utf8(conns[i].szEntryName)},
                      {"state", state},
                      {"error", got == 0 ? status.dwError : got},
                      {"device", utf8(status.szDeviceName)}});
    } else {
      std::printf("%s\t%s\t%s\n", utf8(conns[i].szEntryName).c_str(), state,
                  utf8(status.szDeviceName).c_str());
    }
  }
  if (json) openras::cli::print_json(list);
  if (!json && conns.empty()) std::printf("No connections.\n");
  return openras::cli::kExitOk;
}

int hang_up(const std::wstring& entry) {
  std::vector<RASCONNW> conns;
  DWORD rc = connections(&conns);
  if (rc != 0) return report("listing the connections", rc);
  for (const RASCONNW& c : conns) {
    if (!same_entry(c.szEntryName, entry)) continue;
    rc = RasHangUpW(c.hrasconn);
    if (rc != 0) return report("hanging up \"" + utf8(entry) + "\"", rc);
    std::printf("Disconnected \"%s\".\n", utf8(entry).c_str());
    return openras::cli::kExitOk;
  }
  std::fprintf(stderr, "rasphone: \"%s\" is not connected\n", utf8(entry).c_str());
  return openras::cli::kExitFailed;
}

}  // namespace rasphone
