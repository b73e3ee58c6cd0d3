// devices.cpp: configured devices from the registry (see devices.h).
#include "devices/devices.h"

#include <strings.h>

#include <cstring>

#include "base/log.h"
#include "base/utf.h"
#include "registry/registry.h"
#include "registry/value_data.h"

namespace openras::devices {

namespace {

std::string utf8(const std::wstring& text) {
  auto out = wide_to_utf8(text);
  return out ? *out : std::string();
}

// A REG_SZ (or REG_EXPAND_SZ, unexpanded) value's text; empty when missing or not text.
std::string text_value(const registry::Key& key, const wchar_t* name, const std::string& device) {
  const registry::Value* v = key.find_value(name);
  if (v == nullptr) return {};
  if (v->type != registry::kRegSz && v->type != registry::kRegExpandSz) {
    LOG_DEBUG("device %s: value %ls is %s, not REG_SZ; ignored", device.c_str(), name,
              registry::type_name(v->type).c_str());
    return {};
  }
  std::wstring text = registry::stored_text(v->data);
  while (!text.empty() && text.back() == L'\0') text.pop_back();
  return utf8(text);
}

// A REG_DWORD value; none when missing or of another type.
std::optional<uint32_t> dword_value(const registry::Key& key, const wchar_t* name,
                                    const std::string& device) {
  const registry::Value* v = key.find_value(name);
  if (v == nullptr) return std::nullopt;
  if (v->type != registry::kRegDword || v->data.size() != 4) {
    LOG_DEBUG("device %s: %ls is not a REG_DWORD; ignored", device.c_str(), name);
    return std::nullopt;
  }
  uint32_t out = 0;
  std::memcpy(&out, v->data.data(), 4);  // stored little-endian, as is the host
  return out;
}

Device read_device(const registry::Key& key) {
  Device d;
  d.name = utf8(key.name());
  d.type = text_value(key, L"Type", d.name);
  for (const char* known : {kTypeModem, kTypeSerial, kTypeTest}) {
    if (::strcasecmp(d.type.c_str(), known) == 0) d.type = known;
  }
  d.port = text_value(key, L"Port", d.name);
  d.speed = dword_value(key, L"Speed", d.name).value_or(0);
  d.flow_control = text_value(key, L"FlowControl", d.name);
  d.dial_timeout = dword_value(key, L"DialTimeout", d.name).value_or(0);
  d.lcp_echo_interval = dword_value(key, L"LcpEchoInterval", d.name);
  d.lcp_echo_failure = dword_value(key, L"LcpEchoFailure", d.name).value_or(0);
  if (const registry::Value* v = key.find_value(L"Init")) {
    if (v->type == registry::kRegMultiSz) {
      for (const auto& item : registry::split_multi_string(registry::stored_text(v->data))) {
        d.init.push_back(utf8(item));
      }
    } else {
      LOG_DEBUG("device %s: Init is not a REG_MULTI_SZ; ignored", d.name.c_str());
    }
  }
  return d;
}

bool usable(const Device& d) {
  if (d.type == kTypeModem || d.type == kTypeSerial || d.type == kTypeTest) return true;
  LOG_DEBUG("device %s: Type \"%s\" is none of \"modem\", \"serial\", \"test\"; skipped",
            d.name.c_str(), d.type.c_str());
  return false;
}

// The Devices key of a trusted, readable HKLM (kept alive by `snapshot`), or nullptr.
const registry::Key* devices_key(const Paths& paths, registry::Hive::Snapshot& snapshot) {
  auto read = registry::registry_for(paths)->hive(registry::RootKey::kLocalMachine).read();
  if (!read) {
    LOG_DEBUG("devices: HKLM cannot be read: %s", read.error().message.c_str());
    return nullptr;
  }
  if (!read->untrusted.empty()) {
    LOG_DEBUG("devices: HKLM is not trusted: %s", read->untrusted.c_str());
    return nullptr;
  }
  snapshot = std::move(*read);
  auto path = registry::split_key_path(kDevicesKey);
  return path ? snapshot.tree->find(*path) : nullptr;
}

std::vector<Device> configured_devices(const Paths& paths) {
  std::vector<Device> out;
  registry::Hive::Snapshot snapshot;
  const registry::Key* key = devices_key(paths, snapshot);
  if (key == nullptr) return out;
  for (size_t i = 0; i < key->child_count(); ++i) {
    Device d = read_device(key->child_at(i));
    if (usable(d)) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

const char* ras_device_type(const std::string& type) {
  if (type == kTypeModem || type == kTypeTest) return "modem";  // RASDT_Modem
  if (type == kTypeSerial) return "SERIAL";                     // RASDT_Serial
  return "GENERIC";                                             // RASDT_Generic
}

std::vector<Device> list_devices(const Paths& paths, const DetectDirs& dirs) {
  std::vector<Device> out = configured_devices(paths);
  for (Device& port : detect_serial_ports(dirs)) {
    bool configured = false;
    for (const Device& d : out) {
      configured =
          configured || d.port == port.port || ::strcasecmp(d.name.c_str(), port.name.c_str()) == 0;
    }
    if (!configured) out.push_back(std::move(port));
  }
  return out;
}

Result<Device> find_device(const Paths& paths, const std::string& name, const DetectDirs& dirs) {
  // A configured device is one key lookup (rasmand does this on every Dial); only a
  // name that is not configured costs a scan of the ports.
  registry::Hive::Snapshot snapshot;
  auto wide = utf8_to_wide(name);
  const registry::Key* key = devices_key(paths, snapshot);
  const registry::Key* child = key && wide ? key->find_child(*wide) : nullptr;
  if (child != nullptr) {
    Device d = read_device(*child);
    if (usable(d)) return d;
  }
  for (Device& d : detect_serial_ports(dirs)) {
    if (::strcasecmp(d.name.c_str(), name.c_str()) == 0) return std::move(d);
  }
  return fail(Errc::kDeviceDoesNotExist,
              "no device \"" + name + "\": configure it under HKLM\\Software\\OpenRAS\\Devices\\" +
                  name + " (docs/devices.md)");
}

}  // namespace openras::devices
