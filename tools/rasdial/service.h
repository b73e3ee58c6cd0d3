// service.h: rasdial's use of the connection service.
#pragma once

// Under a private root (OPENRAS_ROOT) with no rasmand answering, starts one that exits
// when idle; returns once it answers (at most 3 s). Does nothing under the system root.
void ensure_private_rasmand();
