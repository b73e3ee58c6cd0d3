// regsvr.cpp: rasreg regsvr [/u] DIALER, Windows' regsvr32 for custom dialers: runs the
// dialer's DllRegisterServer (DllUnregisterServer with /u), where an installer writes its
// registry keys. Only an administrator may run it, and the dialer is loaded by the
// custom-dialer loader (src/dialer/loader.h) under every rule a dial applies: canonical
// path, listed in CustomDLL, root-owned and not writable by others all the way up, the
// five entry points and the SDK mark. A library the loader refuses never runs a line, so
// regsvr cannot be used to run an arbitrary library as root.
//
// rasreg links the library statically; a dialer linked to the shared libopenras gets that
// copy for its Reg* calls. The two share nothing but the hive files, which are locked and
// replaced atomically, so the registry a dialer writes is the one rasreg reads next.
#include <cinttypes>
#include <cstdio>

#include "dialer/loader.h"
#include "rasreg.h"
#include "registry/allowlist.h"

namespace openras::rasreg {

namespace {

// STDAPI DllRegisterServer(void) on Windows: no arguments, an HRESULT.
using RegisterFn = HRESULT (*)();

}  // namespace

int run_regsvr(registry::Registry& registry, const Options& options) {
  const std::string& path = options.positional[0];
  const char* function = options.unregister ? "DllUnregisterServer" : "DllRegisterServer";
  const Paths& paths = registry.paths();
  if (!paths.caller_is_admin()) {
    report(Error{Errc::kAccessDenied,
                 std::string(function) + " runs a dialer with the administrator's rights; only "
                                         "root (or the private root's owner) may run it",
                 0});
    return 1;
  }
  dialer::Loader loader(
      [&paths](const std::string& canonical) {
        return registry::is_dialer_allowed(paths, canonical);
      },
      [&paths](uid_t uid) { return paths.trusted_owner(uid); });
  auto loaded = loader.load(path);
  if (!loaded) {
    report(Error{
        loaded.error().code,
        path + " was not loaded, so its " + function + " did not run: " + loaded.error().message,
        0});
    return 1;
  }
  // Loaded until the process exits, as regsvr32 leaves it: unloading would take with it
  // the libopenras.so the dialer brought in, and the state that copy still holds.
  static const auto* keep = new std::shared_ptr<dialer::Dialer>(*loaded);
  void* handle = static_cast<void*>((*keep)->instance());
  // The dialer's own export, never one a dependency (libopenras, say) happens to define.
  auto entry = reinterpret_cast<RegisterFn>(
      dialer::own_symbol(handle, dialer::module_base(handle), function));
  if (!entry) {
    report(Error{Errc::kNotFound,
                 path + " does not export " + function +
                     "; the dialer has nothing to register (export it as extern \"C\" "
                     "HRESULT " +
                     function + "(void) if it should)",
                 0});
    return 1;
  }
  HRESULT result = entry();
  char hresult[16];
  std::snprintf(hresult, sizeof hresult, "0x%08" PRIX32, static_cast<uint32_t>(result));
  if (result < 0) {
    if (json_output()) {
      emit({{"dialer", path}, {"function", function}, {"hresult", hresult}, {"succeeded", false}});
    } else {
      std::fprintf(stderr, "ERROR: %s in %s failed: HRESULT %s.\n", function, path.c_str(),
                   hresult);
    }
    return 1;
  }
  say(std::string(function) + " in " + path + " succeeded.");
  emit({{"dialer", path}, {"function", function}, {"hresult", hresult}, {"succeeded", true}});
  return 0;
}

}  // namespace openras::rasreg
