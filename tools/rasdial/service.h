// service.h: rasdial's use of the connection service.
#pragma once

#include <string>

// Under a private root (OPENRAS_ROOT) with no rasmand answering, starts one that exits
// when idle, logging to service_log(); returns once it answers (at most 3 s; if it does
// not, says so on stderr, naming the log). Does nothing under the system root.
void ensure_private_rasmand();

// The socket of the rasmand serving this process's root (OPENRAS_ROOT, else the system
// root's), and whether anything answers there.
std::string service_socket();
bool service_answers();

// Under a private root, the log of the rasmand rasdial starts there
// (ROOT/var/log/openras/rasmand.log); "" under the system root (journald has it).
std::string service_log();
// "; the log of ... is PATH" when that log exists, to append to a message saying the
// service cannot be reached; "" otherwise.
std::string service_log_hint();
