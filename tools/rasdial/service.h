// service.h: rasdial's use of the connection service.
#pragma once

#include <string>

// Under a private root (OPENRAS_ROOT) with no rasmand answering, starts one that exits
// when idle; returns once it answers (at most 3 s). Does nothing under the system root.
void ensure_private_rasmand();

// The socket of the rasmand serving this process's root (OPENRAS_ROOT, else the system
// root's), and whether anything answers there.
std::string service_socket();
bool service_answers();
