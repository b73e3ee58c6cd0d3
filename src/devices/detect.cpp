// detect.cpp: serial ports on this machine, found without opening them (see devices.h).
#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <fstream>

#include "devices/devices.h"

namespace openras::devices {

namespace {

// The tty drivers' character-device majors (Documentation/admin-guide/devices.txt):
// 4 serial (ttyS, minors 64+), 188 USB serial (ttyUSB), 166 ACM modems (ttyACM).
bool serial_major(const std::string& name, unsigned major) {
  if (name.rfind("ttyS", 0) == 0) return major == 4;
  if (name.rfind("ttyUSB", 0) == 0) return major == 188;
  if (name.rfind("ttyACM", 0) == 0) return major == 166;
  return false;
}

// sysfs's UART type; 0 (PORT_UNKNOWN) is a port the kernel made with no UART behind it.
bool uart_present(const DetectDirs& dirs, const std::string& name) {
  std::ifstream in(dirs.sys_class_tty + "/" + name + "/type");
  int type = 0;
  return static_cast<bool>(in >> type) && type != 0;
}

}  // namespace

std::vector<Device> detect_serial_ports(const DetectDirs& dirs) {
  std::vector<Device> out;
  DIR* dir = ::opendir(dirs.dev.c_str());
  if (dir == nullptr) return out;
  while (dirent* e = ::readdir(dir)) {
    std::string name = e->d_name;
    struct stat st {};
    std::string path = dirs.dev + "/" + name;
    if (::lstat(path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) continue;
    if (!serial_major(name, ::major(st.st_rdev))) continue;
    if (name.rfind("ttyS", 0) == 0 && !uart_present(dirs, name)) continue;
    Device d;
    d.name = name;
    d.type = kTypeModem;
    d.port = path;
    d.detected = true;
    out.push_back(std::move(d));
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end(),
            [](const Device& a, const Device& b) { return a.name < b.name; });
  return out;
}

}  // namespace openras::devices
