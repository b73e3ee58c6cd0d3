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

Device read_device(const registry::Key& key) {
  Device d;
  d.name = utf8(key.name());
  d.type = text_value(key, L"Type", d.name);
  d.port = text_value(key, L"Port", d.name);
  if (const registry::Value* v = key.find_value(L"Speed")) {
    if (v->type == registry::kRegDword && v->data.size() == 4) {
      std::memcpy(&d.speed, v->data.data(), 4);  // stored little-endian, as is the host
    } else {
      LOG_DEBUG("device %s: Speed is not a REG_DWORD; ignored", d.name.c_str());
    }
  }
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

std::vector<Device> configured_devices(const Paths& paths) {
  std::vector<Device> out;
  auto snapshot = registry::registry_for(paths)->hive(registry::RootKey::kLocalMachine).read();
  if (!snapshot) {
    LOG_DEBUG("devices: HKLM cannot be read: %s", snapshot.error().message.c_str());
    return out;
  }
  if (!snapshot->untrusted.empty()) {
    LOG_DEBUG("devices: HKLM is not trusted: %s", snapshot->untrusted.c_str());
    return out;
  }
  auto path = registry::split_key_path(kDevicesKey);
  const registry::Key* key = path ? snapshot->tree->find(*path) : nullptr;
  if (key == nullptr) return out;
  for (size_t i = 0; i < key->child_count(); ++i) {
    Device d = read_device(key->child_at(i));
    if (d.type != kTypeModem && d.type != kTypeTest) {
      LOG_DEBUG("device %s: Type \"%s\" is neither \"modem\" nor \"test\"; skipped",
                d.name.c_str(), d.type.c_str());
      continue;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::vector<Device> list_devices(const Paths& paths, const DetectDirs& dirs) {
  std::vector<Device> out = configured_devices(paths);
  for (Device& port : detect_serial_ports(dirs)) {
    bool configured = false;
    for (const Device& d : out) {
      configured = configured || d.port == port.port || ::strcasecmp(d.name.c_str(), port.name.c_str()) == 0;
    }
    if (!configured) out.push_back(std::move(port));
  }
  return out;
}

Result<Device> find_device(const Paths& paths, const std::string& name, const DetectDirs& dirs) {
  for (Device& d : list_devices(paths, dirs)) {
    if (::strcasecmp(d.name.c_str(), name.c_str()) == 0) return std::move(d);
  }
  return fail(Errc::kDeviceDoesNotExist,
              "no device \"" + name + "\": configure it under HKLM\\Software\\OpenRAS\\Devices\\" +
                  name + " (docs/devices.md)");
}

}  // namespace openras::devices
