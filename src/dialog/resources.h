// resources.h (private): a module's resources, as rasrc compiled them (winuser.h's
// OPENRAS_RESOURCE_DIRECTORY), found from the HINSTANCE the caller names.
//
// A module's directory is its exported OpenRasResourceDirectory, looked up with dlsym on
// the module's own handle (a dialer's HINSTANCE is its dlopen handle; NULL names the
// executable) and accepted only if the symbol lies inside that module, so a dependency's
// resources never stand in for a module that has none. Handles are checked against the
// process's list of loaded modules before use. Thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "base/result.h"
#include "windows.h"

namespace openras::dialog {

[[nodiscard]] bool is_module_handle(HINSTANCE instance);
// RT_DIALOG (5) or RT_STRING (6); `name` is MAKEINTRESOURCEW(id), L"#id" or a name.
[[nodiscard]] Result<std::span<const uint8_t>> find_resource(HINSTANCE instance, uint16_t type,
                                                             const wchar_t* name);
// A STRINGTABLE string (kNotFound when the module has no such id). The text lives as long
// as the process, so LoadStringW can hand out a pointer to it.
[[nodiscard]] Result<const std::wstring*> load_string(HINSTANCE instance, unsigned id);

}  // namespace openras::dialog
