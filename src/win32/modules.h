// modules.h: the file names of loaded modules, for GetModuleFileName and GetModuleHandle
// (winbase.h).
//
// A module's name is normally what the dynamic loader recorded. A custom dialer is loaded
// through the descriptor its checks opened (/proc/self/fd/N, src/dialer/loader.h), so the
// loader names it here by its real path for as long as it is loaded. Handles are dlopen
// handles (link_map pointers), as everywhere in OpenRAS. Thread-safe.
#pragma once

#include <string>

namespace openras::win32 {

// Names the module behind dlopen handle `handle` by `path` until forget_module_path.
void name_module(void* handle, std::string path);
void forget_module_path(void* handle) noexcept;

// The module's file name: the executable's real path for NULL or its own handle, the
// name given above, else the dynamic loader's. Empty when `handle` is no loaded module.
[[nodiscard]] std::string module_file_name(void* handle);

// Whether `handle` is a loaded module's dlopen handle (the executable's included).
[[nodiscard]] bool is_loaded_module(const void* handle);

}  // namespace openras::win32
