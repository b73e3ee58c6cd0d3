// rasreg: reg.exe for the OpenRAS registry (HKEY_LOCAL_MACHINE and HKEY_CURRENT_USER).
// A thin main() over the registry library; see rasreg.h and docs/man/rasreg.1.
#include <strings.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "base/log.h"
#include "rasreg.h"

namespace {

constexpr const char* kUsage =
    "Reads and changes the OpenRAS registry, as reg.exe does on Windows.\n"
    "\n"
    "RASREG QUERY KEY [/v NAME | /ve] [/s] [/se SEP]\n"
    "RASREG ADD KEY [/v NAME | /ve] [/t TYPE] [/s SEP] [/d DATA] [/f]\n"
    "RASREG DELETE KEY [/v NAME | /ve | /va] [/f]\n"
    "RASREG IMPORT FILE\n"
    "RASREG EXPORT KEY FILE [/y]\n"
    "RASREG ALLOWLIST [PATH]\n"
    "\n"
    "  KEY    HKLM\\Subkey or HKCU\\Subkey (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER).\n"
    "  /v     a value name; /ve the default value; /va every value of the key.\n"
    "  /t     REG_SZ (default), REG_MULTI_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD,\n"
    "         REG_BINARY, REG_NONE or REG_DWORD_BIG_ENDIAN.\n"
    "  /d     the data; for REG_MULTI_SZ items are separated by \\0 (or /s SEP).\n"
    "  /s     query: the key and all its subkeys.\n"
    "  /f     no confirmation; /y overwrite the export file without asking.\n"
    "  ALLOWLIST  the custom dialers HKLM\\...\\Rasman\\Parameters\\CustomDLL allows,\n"
    "         or whether PATH is one of them.\n"
    "\n"
    "Only root may change HKEY_LOCAL_MACHINE. OPENRAS_ROOT names another root directory.\n"
    "Exit status: 0 on success, 1 on failure.\n";

}  // namespace

int main(int argc, char** argv) {
  namespace rasreg = openras::rasreg;
  openras::log::set_program_name("rasreg");
  if (argc < 2) {
    std::fputs("ERROR: Invalid syntax.\nType \"RASREG /?\" for usage.\n", stderr);
    return 1;
  }
  std::string operation = argv[1];
  for (char& c : operation) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (operation == "/?" || operation == "-?" || operation == "--help" || operation == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  using Runner = int (*)(openras::registry::Registry&, const rasreg::Options&);
  struct Command {
    const char* name;
    Runner run;
  };
  static constexpr Command kCommands[] = {
      {"query", rasreg::run_query},   {"add", rasreg::run_add},
      {"delete", rasreg::run_delete}, {"import", rasreg::run_import},
      {"export", rasreg::run_export}, {"allowlist", rasreg::run_allowlist},
  };
  const Command* command = nullptr;
  for (const auto& candidate : kCommands) {
    if (operation == candidate.name) command = &candidate;
  }
  if (!command) {
    std::fprintf(stderr,
                 "ERROR: Invalid syntax.\nrasreg: unknown operation \"%s\"; "
                 "type \"RASREG /?\" for usage.\n",
                 argv[1]);
    return 1;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  auto options = rasreg::parse_options(operation, args);
  if (!options) {
    rasreg::report(options.error());
    return 1;
  }
  if (options->help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  auto registry = openras::registry::process_registry();
  if (!registry) {
    rasreg::report(registry.error());
    return 1;
  }
  return command->run(**registry, *options);
}
