// rasreg: reg.exe for the OpenRAS registry (HKEY_LOCAL_MACHINE and HKEY_CURRENT_USER).
// A thin main() over the registry library; see rasreg.h and docs/man/rasreg.1.
#include <strings.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "base/log.h"
#include "cli.h"
#include "rasreg.h"

namespace {

constexpr const char* kUsage =
    "Reads and changes the OpenRAS registry, as reg.exe does on Windows.\n"
    "\n"
    "RASREG QUERY KEY [/v NAME | /ve] [/s] [/se SEP] [/f DATA [/k] [/d] [/c] [/e]] [/t TYPES]\n"
    "RASREG ADD KEY [/v NAME | /ve] [/t TYPE] [/s SEP] [/d DATA] [/f]\n"
    "RASREG DELETE KEY [/v NAME | /ve | /va] [/f]\n"
    "RASREG IMPORT FILE\n"
    "RASREG EXPORT KEY FILE [/y]\n"
    "RASREG ALLOWLIST [LIST | PATH | ADD PATH | REMOVE PATH]\n"
    "RASREG REGSVR [/u] DIALER\n"
    "\n"
    "  KEY    HKLM\\Subkey or HKCU\\Subkey (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER).\n"
    "  /v     a value name; /ve the default value; /va every value of the key.\n"
    "  /t     REG_SZ (default), REG_MULTI_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD,\n"
    "         REG_BINARY, REG_NONE or REG_DWORD_BIG_ENDIAN.\n"
    "  /d     the data; for REG_MULTI_SZ items are separated by \\0 (or /s SEP).\n"
    "  /s     query: the key and all its subkeys.\n"
    "  /f     query: search key names, value names and data for DATA (/k key names,\n"
    "         /d data only; /c case-sensitive; /e whole text); /t only these types.\n"
    "  /f     no confirmation; /y overwrite the export file without asking.\n"
    "  ALLOWLIST  the items of HKLM\\...\\Rasman\\Parameters\\CustomDLL, each marked\n"
    "         allowed or untrusted (and why); with PATH whether that dialer is allowed;\n"
    "         ADD appends PATH and REMOVE removes it, keeping every other item.\n"
    "  REGSVR runs the allowed dialer's DllRegisterServer (/u: DllUnregisterServer),\n"
    "         as regsvr32 does, after the checks a dial makes.\n"
    "\n"
    "  /reg:32, /reg:64  accepted and ignored (OpenRAS has one registry view).\n"
    "  --json  JSON objects, one a line, on stdout instead of text (errors too:\n"
    "         {\"error\": CODE, \"error_text\", \"detail\"}); asks nothing (give /f, /y).\n"
    "  Switches take / or -, in any case; \"--\" ends them (for a file named like one).\n"
    "\n"
    "RASREG --version\n"
    "\n"
    "Only root may change HKEY_LOCAL_MACHINE. OPENRAS_ROOT names another root directory.\n"
    "Exit status: 0 on success, 1 on failure, 2 on a usage error (nothing was done).\n";

}  // namespace

int main(int argc, char** argv) {
  namespace rasreg = openras::rasreg;
  namespace cli = openras::cli;
  openras::log::set_program_name("rasreg");
  auto syntax_error = [](const std::string& detail) {
    std::fprintf(stderr, "ERROR: Invalid syntax.\nrasreg: %s\nType \"RASREG /?\" for usage.\n",
                 detail.c_str());
    return cli::kExitUsage;
  };
  if (argc < 2)
    return syntax_error(
        "give an operation: query, add, delete, import, export, allowlist or regsvr");
  // Before the operation only help and --version; an operation's own switches follow it.
  const std::vector<std::string> head{argv[1]};
  auto first = cli::parse({"rasreg", {cli::help_option(), cli::version_option()}, true}, head);
  if (!first) return syntax_error(first.error());
  if (first->has("help")) {
    std::fputs(kUsage, stdout);
    return cli::kExitOk;
  }
  if (first->has("version")) {
    cli::print_version("rasreg");
    return cli::kExitOk;
  }
  std::string operation = argv[1];
  for (char& c : operation) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  using Runner = int (*)(openras::registry::Registry&, const rasreg::Options&);
  struct Command {
    const char* name;
    Runner run;
  };
  static constexpr Command kCommands[] = {
      {"query", rasreg::run_query},   {"add", rasreg::run_add},
      {"delete", rasreg::run_delete}, {"import", rasreg::run_import},
      {"export", rasreg::run_export}, {"allowlist", rasreg::run_allowlist},
      {"regsvr", rasreg::run_regsvr},
  };
  const Command* command = nullptr;
  for (const auto& candidate : kCommands) {
    if (operation == candidate.name) command = &candidate;
  }
  if (!command) return syntax_error("unknown operation \"" + std::string(argv[1]) + "\"");
  auto options = rasreg::parse_options(operation, cli::arguments(argc, argv, 2));
  if (!options) return syntax_error(options.error().message);
  if (options->help) {
    std::fputs(kUsage, stdout);
    return cli::kExitOk;
  }
  rasreg::set_json(options->json);
  auto registry = openras::registry::process_registry();
  if (!registry) {
    rasreg::report(registry.error());
    return cli::kExitFailed;
  }
  return command->run(**registry, *options);
}
