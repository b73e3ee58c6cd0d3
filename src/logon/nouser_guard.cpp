// nouser_guard.cpp: libopenras-logon-guard.so, the RasDialW a dialer in the logon host
// calls (see nouser_guard.h). A library of its own because the host's executable exports
// every other RAS function for the dialer to bind to (one copy of the library state), and
// a dialer's lookup finds the executable's exports first: RasDialW/RasDialA are left out
// of those, so the dialer's reference lands here, then goes on to the executable's.
#include "logon/nouser_guard.h"

#include <atomic>

namespace {

std::atomic<openras_logon_guard_hooks*> g_hooks{nullptr};

// Reports a call without RDEOPT_NoUser, then makes it through the host's own function.
template <class Dial, class... Args>
DWORD guarded(const char* function, Dial openras_logon_guard_hooks::*dial, LPRASDIALEXTENSIONS ext,
              Args... args) {
  openras_logon_guard_hooks* hooks = g_hooks.load();
  if (!hooks) return ERROR_RASMAN_CANNOT_INITIALIZE;
  if (!(ext && (ext->dwfOptions & RDEOPT_NoUser))) hooks->broke_rule(function);
  return (hooks->*dial)(ext, args...);
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) void openras_logon_guard_install(
    openras_logon_guard_hooks* hooks) {
  g_hooks.store(hooks);
}

__attribute__((visibility("default"))) DWORD APIENTRY RasDialW(LPRASDIALEXTENSIONS ext,
                                                               LPCWSTR phonebook,
                                                               LPRASDIALPARAMSW params,
                                                               DWORD notifier_type, LPVOID notifier,
                                                               LPHRASCONN handle) {
  return guarded("RasDialW", &openras_logon_guard_hooks::dial_w, ext, phonebook, params,
                 notifier_type, notifier, handle);
}

__attribute__((visibility("default"))) DWORD APIENTRY RasDialA(LPRASDIALEXTENSIONS ext,
                                                               LPCSTR phonebook,
                                                               LPRASDIALPARAMSA params,
                                                               DWORD notifier_type, LPVOID notifier,
                                                               LPHRASCONN handle) {
  return guarded("RasDialA", &openras_logon_guard_hooks::dial_a, ext, phonebook, params,
                 notifier_type, notifier, handle);
}

}  // extern "C"
