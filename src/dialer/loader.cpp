// loader.cpp: the custom-dialer loader (rules in loader.h).
#include "dialer/loader.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <set>
#include <utility>
#include <vector>

#include "base/fs.h"
#include "base/log.h"
#include "base/utf.h"
#include "dialer/symbols.h"
#include "win32/modules.h"

namespace openras::dialer {

namespace {

tl::unexpected<Error> refuse(const std::string& path, const std::string& rule) {
  return fail(Errc::kCannotDoCustomDial, "custom dialer " + path + " refused: " + rule);
}

// The start address of the object that defines `address`, or nullptr.
const void* object_base(const void* address) {
  Dl_info info{};
  if (address == nullptr || ::dladdr(address, &info) == 0) return nullptr;
  return info.dli_fbase;
}

// dl_iterate_phdr callback: collects the names of the loaded objects.
int collect_name(struct dl_phdr_info* info, size_t, void* names) {
  if (info->dlpi_name != nullptr) {
    static_cast<std::set<std::string>*>(names)->insert(info->dlpi_name);
  }
  return 0;
}

// A /proc/self/fd/N name for the checked descriptor that no loaded object bears. dlopen
// returns an already loaded object whose name equals the one asked for, without opening
// the file; descriptor numbers are reused, so the checked dialer's plain /proc/self/fd/N
// can name a dialer loaded earlier from another file, which would be loaded instead.
Result<std::pair<UniqueFd, std::string>> fd_name_for_dlopen(UniqueFd fd) {
  std::set<std::string> loaded;
  ::dl_iterate_phdr(collect_name, &loaded);
  std::vector<UniqueFd> taken;  // numbers skipped, kept open so that dup skips them too
  for (;;) {
    std::string name = "/proc/self/fd/" + std::to_string(fd.get());
    if (loaded.count(name) == 0) return std::make_pair(std::move(fd), name);
    UniqueFd next(::fcntl(fd.get(), F_DUPFD_CLOEXEC, 0));
    if (!next) return fail(errno_error(errno, "dup"));
    taken.push_back(std::move(fd));
    fd = std::move(next);
  }
}

// Set once exit() has begun: DllMain's DLL_PROCESS_DETACH then gets a non-NULL
// lpvReserved, as Windows gives it at process exit.
std::atomic<bool> g_exiting{false};

BOOL call_dll_main(DllMainFn dll_main, HINSTANCE instance, DWORD reason, const std::string& path) {
  try {
    return dll_main(instance, reason,
                    reason == DLL_PROCESS_DETACH && g_exiting ? &g_exiting : nullptr);
  } catch (...) {
    LOG_DEBUG("custom dialer %s: DllMain(%s) threw an exception", path.c_str(),
              reason == DLL_PROCESS_ATTACH ? "DLL_PROCESS_ATTACH" : "DLL_PROCESS_DETACH");
    return FALSE;
  }
}

// The loaded dialers that have a DllMain. The process loader is never destroyed (dispatch.h),
// so at exit their DLL_PROCESS_DETACH comes from here. atexit runs handlers last-registered
// first and this one is registered at the first such load, so work registered later (a
// RasCustomHangUp at exit, issue 18 item 7) runs before it, as Windows hangs up first.
std::mutex g_live_mutex;
std::vector<std::weak_ptr<Dialer>>& live_dialers() {
  static auto* live = new std::vector<std::weak_ptr<Dialer>>;
  return *live;
}

void detach_all_at_exit() {
  g_exiting = true;
  std::vector<std::shared_ptr<Dialer>> dialers;
  {
    std::lock_guard lock(g_live_mutex);
    for (auto& weak : live_dialers()) {
      if (auto d = weak.lock()) dialers.push_back(std::move(d));
    }
    live_dialers().clear();
  }
  for (auto& d : dialers) d->detach();
}

void track(const std::shared_ptr<Dialer>& dialer) {
  static std::once_flag exit_hook;
  std::call_once(exit_hook, [] { std::atexit(detach_all_at_exit); });
  std::lock_guard lock(g_live_mutex);
  auto& live = live_dialers();
  std::erase_if(live, [](const std::weak_ptr<Dialer>& w) { return w.expired(); });
  live.push_back(dialer);
}

}  // namespace

Dialer::~Dialer() {
  detach();
  win32::forget_module_path(handle_.get());
}

void Dialer::detach() noexcept {
  if (dll_main_ && attached_.exchange(false)) {
    (void)call_dll_main(dll_main_, instance(), DLL_PROCESS_DETACH, path_);
  }
}

bool Dialer::attach() noexcept {
  if (!dll_main_) return true;
  attached_ = true;  // a refusal is followed by DLL_PROCESS_DETACH too
  return call_dll_main(dll_main_, instance(), DLL_PROCESS_ATTACH, path_) != FALSE;
}

void* own_symbol(void* handle, const void* base, const char* name) {
  void* symbol = ::dlsym(handle, name);
  return symbol && base && object_base(symbol) == base ? symbol : nullptr;
}

const void* module_base(void* handle) {
  struct link_map* map = nullptr;
  if (::dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr) return nullptr;
  // dladdr reports a module's base as its load bias, which is link_map::l_addr unless the
  // module was linked at a fixed address; asking about its dynamic section covers both.
  return object_base(reinterpret_cast<void*>(map->l_ld));
}

bool Dialer::matches(const struct stat& st) const noexcept {
  return st.st_dev == dev_ && st.st_ino == ino_ && st.st_size == size_ &&
         st.st_mtim.tv_sec == mtime_.tv_sec && st.st_mtim.tv_nsec == mtime_.tv_nsec;
}

Result<std::shared_ptr<Dialer>> Loader::load(std::wstring_view dll_path) {
  auto utf8 = wide_to_utf8(dll_path);
  if (!utf8) return refuse("(unprintable path)", "the path is not valid Unicode");
  return load(*utf8);
}

Result<std::shared_ptr<Dialer>> Loader::load(const std::string& path) {
  // Rule 1: absolute and canonical.
  if (path.empty()) return refuse("\"\"", "the entry names no library");
  if (path.front() != '/') {
    return refuse(path,
                  "the path is relative; an entry must name the dialer by its absolute "
                  "path");
  }
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) {
    return refuse(path,
                  "the file cannot be resolved (" + errno_error(errno, "realpath").message + ")");
  }
  if (path != resolved) {
    return refuse(path, std::string("the path goes through a symbolic link or is not canonical "
                                    "(it resolves to ") +
                            resolved + "); name the real file, and list that in CustomDLL");
  }
  // Rule 2: allowed by the administrator.
  auto allowed = allowed_(path);
  if (!allowed) return refuse(path, "the allow-list cannot be read: " + allowed.error().message);
  if (!*allowed) {
    return refuse(path,
                  "it is not listed in HKLM\\System\\CurrentControlSet\\Services\\Rasman\\"
                  "Parameters\\CustomDLL (allow it, as root, with: rasreg allowlist add " +
                      path + ")");
  }
  // Rule 3: trusted, on descriptors.
  auto fd = open_trusted_absolute(path, owner_ok_);
  if (!fd) return refuse(path, fd.error().message);
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return refuse(path, errno_error(errno, "fstat").message);

  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(path); it != cache_.end() && it->second->matches(st)) {
    return it->second;
  }
  auto dialer = load_fresh(path, std::move(*fd), st);
  if (!dialer) {
    cache_.erase(path);
    return dialer;
  }
  cache_[path] = *dialer;
  LOG_DEBUG("loaded custom dialer %s (SDK ABI %u)", path.c_str(), (*dialer)->sdk_abi());
  return dialer;
}

Result<std::shared_ptr<Dialer>> Loader::load_fresh(const std::string& path, UniqueFd fd,
                                                   const struct stat& st) {
  // Rule 4: load the descriptor that was checked.
  auto named = fd_name_for_dlopen(std::move(fd));
  if (!named) return refuse(path, named.error().message);
  ::dlerror();
  DlHandle handle(::dlopen(named->second.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!handle) {
    const char* why = ::dlerror();
    return refuse(path, std::string("it failed to load: ") + (why ? why : "unknown dlopen error"));
  }
  const void* own_base = module_base(handle.get());
  if (own_base == nullptr) return refuse(path, "its load address cannot be determined");

  // Rule 5: the five entry points, defined by the library itself, and a matching ABI.
  void* found[std::size(kEntryPointNames)] = {};
  std::string missing;
  for (size_t i = 0; i < std::size(kEntryPointNames); ++i) {
    found[i] = own_symbol(handle.get(), own_base, kEntryPointNames[i]);
    if (!found[i]) missing += std::string(missing.empty() ? "" : ", ") + kEntryPointNames[i];
  }
  if (!missing.empty()) {
    auto cxx = cxx_definitions(handle.get(), kEntryPointNames);
    return refuse(
        path, "it does not export " + missing +
                  " (a dialer exports all five entry points, by these exact names, "
                  "as Unicode functions)" +
                  (cxx.empty() ? std::string()
                               : ": " + describe(cxx) + "; declare the entry points extern \"C\""));
  }
  auto* mark = static_cast<const unsigned*>(own_symbol(handle.get(), own_base, "OpenRasSdkAbi"));
  if (!mark) {
    return refuse(path,
                  "it carries no OpenRasSdkAbi mark: rebuild it against the OpenRAS SDK "
                  "(include <ras.h>)");
  }
  if (*mark != OPENRAS_SDK_ABI) {
    return refuse(path, "it was built against OpenRAS SDK ABI " + std::to_string(*mark) +
                            ", but this OpenRAS speaks ABI " + std::to_string(OPENRAS_SDK_ABI) +
                            "; rebuild it against the installed SDK");
  }
  // Marked by SDKs that record it; a dialer without the mark predates it and was built
  // against ABI 1's headers, which a dialer must include with UNICODE defined.
  auto* unicode =
      static_cast<const unsigned*>(own_symbol(handle.get(), own_base, "OpenRasSdkUnicode"));
  if (unicode && *unicode == 0) {
    return refuse(path,
                  "it was compiled without UNICODE, so its entry points take the ANSI "
                  "structures (RASDIALPARAMSA, RASENTRYDLGA) where RAS passes the Unicode "
                  "ones; define UNICODE before including <windows.h> (or build with "
                  "-DUNICODE) and rebuild");
  }
  // Rule 6: DllMain, if there is one, accepts the load.
  auto dll_main = reinterpret_cast<DllMainFn>(own_symbol(handle.get(), own_base, "DllMain"));
  win32::name_module(handle.get(), path);
  EntryPoints entry_points;
  entry_points.dial = reinterpret_cast<RasCustomDialFn>(found[0]);
  entry_points.dial_dlg = reinterpret_cast<RasCustomDialDlgFn>(found[1]);
  entry_points.hang_up = reinterpret_cast<RasCustomHangUpFn>(found[2]);
  entry_points.entry_dlg = reinterpret_cast<RasCustomEntryDlgFn>(found[3]);
  entry_points.delete_notify = reinterpret_cast<RasCustomDeleteEntryNotifyFn>(found[4]);
  auto dialer = std::make_shared<Dialer>(path, std::move(handle), entry_points, *mark, st.st_dev,
                                         st.st_ino, st.st_size, st.st_mtim, dll_main);
  if (!dialer->attach()) {
    // Unloading it (dialer's last reference) sends DLL_PROCESS_DETACH, as Windows does.
    return refuse(path,
                  "its DllMain returned FALSE for DLL_PROCESS_ATTACH, so the dialer refused to be "
                  "loaded (as LoadLibrary fails on Windows); its own log says why (run with "
                  "OPENRAS_DEBUG=1 to see its OutputDebugString lines)");
  }
  if (dll_main) track(dialer);
  return dialer;
}

}  // namespace openras::dialer
