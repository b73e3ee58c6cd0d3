// client_module_check.cpp: a stand-in for the PAM module (pam_openras.so), which talks to
// rasmand through openras_rasman_client alone. Built as a shared module with
// --no-undefined, so a client symbol that needs more than that library fails the build;
// client_library_check.sh then reads what the module needs at run time.
#include "rasman/client.h"

extern "C" __attribute__((visibility("default"))) int openras_client_module_connections(
    const char* socket_path) {
  auto client = openras::rasman::Client::connect(socket_path);
  if (!client) return -1;
  auto list = (*client)->list_connections();
  return list ? static_cast<int>(list->size()) : -1;
}
