// nouser_guard.h: the RDEOPT_NoUser rule at logon (docs/logon.md). At logon no user is
// logged on, so a dialer's own RasDialW must carry RDEOPT_NoUser (Windows' rule: no UI).
// One that does not still gets its dial — Windows does not refuse it either — but the
// logon host reports it, and rasmand's log says the dialer broke the rule.
// openras-logon-host installs the hooks before loading a dialer; they may run on any of
// the dialer's threads.
#pragma once

#include "ras.h"
#include "raserror.h"

extern "C" {

struct openras_logon_guard_hooks {
  DWORD(APIENTRY* dial_w)
  (LPRASDIALEXTENSIONS, LPCWSTR, LPRASDIALPARAMSW, DWORD, LPVOID, LPHRASCONN);
  DWORD(APIENTRY* dial_a)
  (LPRASDIALEXTENSIONS, LPCSTR, LPRASDIALPARAMSA, DWORD, LPVOID, LPHRASCONN);
  void (*broke_rule)(const char* function);
};

// Routes RasDialW/RasDialA through `hooks` (which must live for the process).
void openras_logon_guard_install(openras_logon_guard_hooks* hooks);
}
