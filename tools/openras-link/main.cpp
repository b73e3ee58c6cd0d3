// openras-link: the link processes' helper (src/link/). An internal helper, installed to
// libexecdir; its command line is rasmand's business:
//   openras-link --zygote [--user USER]   the link zygote (src/link/zygote.h); control
//                                          socket on fd 3
//   openras-link --type TYPE [--number NUMBER] [--user USER]   one link, socket on fd 3
//                                          (what each zygote child runs, without exec)
#include <cstdio>

#include "cli.h"

#include "link/link.h"
#include "link/zygote.h"

// In sanitizer builds: LeakSanitizer's check at exit stops the process with ptrace from a
// helper thread, which the seccomp filter forbids (as it should). It then fails, or spins
// in sched_yield for ever — an orphaned zygote did, at full CPU, after rasmand was killed.
// The link and zygote run with an empty environment, so ASAN_OPTIONS cannot say this;
// their leaks are checked by the unit tests, which run the same code in-process.
extern "C" __attribute__((visibility("default"), used)) const char* __asan_default_options() {
  return "detect_leaks=0";
}
extern "C" __attribute__((visibility("default"), used)) const char* __lsan_default_options() {
  return "detect_leaks=0";
}

int main(int argc, char** argv) {
  namespace cli = openras::cli;
  constexpr const char* kProgram = "openras-link";
  const cli::Syntax syntax{kProgram,
                           {cli::help_option(),
                            cli::version_option(),
                            {"zygote", {"--zygote"}, cli::Value::kNone},
                            {"type", {"--type"}, cli::Value::kRequired, "TYPE"},
                            {"number", {"--number"}, cli::Value::kRequired, "NUMBER"},
                            {"user", {"--user"}, cli::Value::kRequired, "USER"}},
                           false};
  auto parsed = cli::parse_command_line(
      syntax, argc, argv,
      "usage: openras-link --zygote [--user USER]     (control socket on fd 3)\n"
      "       openras-link --type TYPE [--number NUMBER] [--user USER]   (socket on fd 3)\n"
      "An internal helper that rasmand runs; not for use by hand.\n");
  if (!parsed) return parsed.error();
  if (!parsed->operands.empty()) {
    return cli::usage_error(
        kProgram, "unexpected argument \"" + parsed->operands[0] + "\"; run by rasmand only");
  }
  openras::link::LinkOptions options;
  if (const auto* type = parsed->last("type")) options.device_type = type->value;
  if (const auto* number = parsed->last("number")) options.phone_number = number->value;
  if (const auto* user = parsed->last("user")) options.user = user->value;
  if (parsed->has("zygote")) {
    return openras::link::run_zygote(openras::link::ZygoteOptions{3, options.user});
  }
  return openras::link::run_link(options);
}
