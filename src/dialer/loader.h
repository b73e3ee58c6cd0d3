// loader.h: loads custom dialers, with every rule the system enforces before a line of a
// dialer runs (docs/abi.md, DESIGN.md §2):
//
//   1. the path is absolute and already canonical: no symlink, no "..", no relative part;
//   2. the administrator allowed it: the allow-list check (CustomDLL) accepts the path;
//   3. the file and every directory above it are owned by root (or, under a private root
//      administered by an unprivileged caller, by that caller) and not writable by group
//      or others — checked on descriptors, from "/" down, without following symlinks;
//   4. the checked descriptor is what gets loaded (dlopen of /proc/self/fd/N, RTLD_NOW |
//      RTLD_LOCAL), so the file cannot be swapped between check and load;
//   5. the library itself (not a dependency) exports all five entry points by their exact
//      names, and its OpenRasSdkAbi mark equals this library's OPENRAS_SDK_ABI;
//   6. when the library defines DllMain (winbase.h), DllMain(DLL_PROCESS_ATTACH) returns
//      TRUE. It runs last, with the module already named by its real path (so
//      GetModuleFileName(hinstDLL) answers it); FALSE refuses the load after a
//      DLL_PROCESS_DETACH, as LoadLibrary does. DLL_PROCESS_DETACH also comes once right
//      before the library is unloaded, or when the process exits with it loaded
//      (lpvReserved non-NULL). Never the thread reasons. The HINSTANCE a dialer receives,
//      there and in its RasCustom* calls, is its dlopen handle.
//
// Rules 1–3 run before dlopen, so a refused library's constructors never run. Any failure
// is Errc::kCannotDoCustomDial (ERROR_CANNOT_DO_CUSTOMDIAL, 755) with a message naming the
// rule and the path. Loaded dialers are cached per canonical path and reloaded when the
// file is replaced (new inode, size or mtime). Thread-safe.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/result.h"
#include "base/unique_fd.h"
#include "ras.h"
#include "rasdlg.h"

namespace openras::dialer {

struct EntryPoints {
  RasCustomDialFn dial = nullptr;
  RasCustomDialDlgFn dial_dlg = nullptr;
  RasCustomHangUpFn hang_up = nullptr;
  RasCustomEntryDlgFn entry_dlg = nullptr;
  RasCustomDeleteEntryNotifyFn delete_notify = nullptr;
};

// The five export names, exactly as a dialer must spell them.
inline constexpr const char* kEntryPointNames[] = {"RasCustomDial", "RasCustomDialDlg",
                                                   "RasCustomHangUp", "RasCustomEntryDlg",
                                                   "RasCustomDeleteEntryNotify"};

// Who a dialer is called for: the phone book's scope, or a dial at logon. It becomes the
// RCD_* flags of RasCustomDial, RasCustomDialDlg and RasCustomDeleteEntryNotify.
enum class DialContext {
  kSingleUser,  // an entry of the caller's own phone book: RCD_SingleUser
  kAllUsers,    // an entry of the all-users phone book: RCD_AllUsers
  kLogon,       // before logon, with system privileges: RCD_Logon | RCD_AllUsers
};
[[nodiscard]] DWORD rcd_flags(DialContext context) noexcept;

// A dialer's optional DllMain (winbase.h).
using DllMainFn = BOOL(WINAPI*)(HINSTANCE, DWORD, LPVOID);

// A loaded dialer. Stays loaded while any shared_ptr to it lives (connections hold one);
// the last one gone sends DllMain its DLL_PROCESS_DETACH, then unloads it.
//
// Its entry points are called only through the methods below, which are the one place a
// dialer's escaping exception is caught: it is logged once (debug, naming the dialer) and
// becomes the documented result, never an unwind through our frames.
class Dialer {
 public:
  Dialer(std::string path, DlHandle handle, EntryPoints entry_points, unsigned sdk_abi, dev_t dev,
         ino_t ino, off_t size, struct timespec mtime, DllMainFn dll_main = nullptr)
      : path_(std::move(path)),
        handle_(std::move(handle)),
        entry_points_(entry_points),
        sdk_abi_(sdk_abi),
        dev_(dev),
        ino_(ino),
        size_(size),
        mtime_(mtime),
        dll_main_(dll_main) {}
  ~Dialer();
  Dialer(const Dialer&) = delete;
  Dialer& operator=(const Dialer&) = delete;

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  // The module handle RAS passes as hInstDll.
  [[nodiscard]] HINSTANCE instance() const noexcept {
    return static_cast<HINSTANCE>(handle_.get());
  }
  [[nodiscard]] const EntryPoints& entry_points() const noexcept { return entry_points_; }

  // RasCustomDial. Threw: *handle is NULL and the result ERROR_CANNOT_DO_CUSTOMDIAL.
  [[nodiscard]] DWORD dial(DialContext context, LPRASDIALEXTENSIONS extensions, LPCWSTR phonebook,
                           LPRASDIALPARAMSW params, DWORD notifier_type, LPVOID notifier,
                           LPHRASCONN handle) const noexcept;
  // RasCustomDialDlg. Threw: FALSE with info->dwError ERROR_CANNOT_DO_CUSTOMDIAL.
  [[nodiscard]] BOOL dial_dlg(DialContext context, LPWSTR phonebook, LPWSTR entry,
                              LPWSTR phone_number, LPRASDIALDLG info) const noexcept;
  // RasCustomHangUp. Threw: ERROR_HANGUP_FAILED.
  [[nodiscard]] DWORD hang_up(HRASCONN handle) const noexcept;
  // RasCustomEntryDlg. Threw: FALSE with info->dwError ERROR_CANNOT_DO_CUSTOMDIAL.
  [[nodiscard]] BOOL entry_dlg(LPWSTR phonebook, LPWSTR entry, LPRASENTRYDLGW info) const noexcept;
  // RasCustomDeleteEntryNotify: what it returned, or nullopt when it threw.
  [[nodiscard]] std::optional<DWORD> delete_notify(DialContext context, LPCWSTR phonebook,
                                                   LPCWSTR entry) const noexcept;
  [[nodiscard]] unsigned sdk_abi() const noexcept { return sdk_abi_; }
  // Whether the file at path() is still the one that was loaded.
  [[nodiscard]] bool matches(const struct stat& st) const noexcept;
  // DllMain(DLL_PROCESS_ATTACH): true when the dialer has none or it returned TRUE.
  [[nodiscard]] bool attach() noexcept;
  // DllMain(DLL_PROCESS_DETACH), once, if DLL_PROCESS_ATTACH was sent: at unload, or at exit
  // for the dialers still loaded then (lpvReserved non-NULL).
  void detach() noexcept;

 private:
  std::string path_;
  DlHandle handle_;
  EntryPoints entry_points_;
  unsigned sdk_abi_;
  dev_t dev_;
  ino_t ino_;
  off_t size_;
  struct timespec mtime_;
  DllMainFn dll_main_;
  std::atomic<bool> attached_{false};
};

// The load address of the module behind a dlopen handle (what dladdr reports as its base),
// or nullptr.
[[nodiscard]] const void* module_base(void* handle);
// `name` as defined by the module itself — a definition found in one of its dependencies
// (or in the host) does not count. nullptr when the module does not define it.
[[nodiscard]] void* own_symbol(void* handle, const void* module_base, const char* name);

// Answers whether a canonical path is listed in CustomDLL (the registry's allow-list).
using AllowCheck = std::function<Result<bool>(const std::string& canonical_path)>;
// Answers whether files owned by this uid may be trusted.
using OwnerCheck = std::function<bool(uid_t)>;

class Loader {
 public:
  Loader(AllowCheck allowed, OwnerCheck owner_ok)
      : allowed_(std::move(allowed)), owner_ok_(std::move(owner_ok)) {}

  // Loads (or returns the cached) dialer named by an entry's szCustomDialDll.
  [[nodiscard]] Result<std::shared_ptr<Dialer>> load(std::wstring_view dll_path);
  [[nodiscard]] Result<std::shared_ptr<Dialer>> load(const std::string& dll_path);

 private:
  [[nodiscard]] Result<std::shared_ptr<Dialer>> load_fresh(const std::string& path, UniqueFd fd,
                                                           const struct stat& st);
  AllowCheck allowed_;
  OwnerCheck owner_ok_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Dialer>> cache_;
};

}  // namespace openras::dialer
