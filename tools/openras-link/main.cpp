// openras-link: the link processes' helper (src/link/). An internal helper, installed to
// libexecdir; its command line is rasmand's business:
//   openras-link --zygote [--uid UID --gid GID]   the link zygote (src/link/zygote.h);
//                                          control socket on fd 3
//   openras-link --type TYPE [--number NUMBER] [--uid UID --gid GID]   one link, socket
//                                          on fd 3 (what each zygote child runs, without exec)
// UID and GID are whom to become when started as root (required then), as numbers: this is
// a static executable and looks no user up (rasmand does: src/rasman/links.cpp).
#include <charconv>
#include <cstdio>
#include <optional>
#include <string>

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

namespace {

// A user or group id as written: a whole decimal number below (uid_t)-1, which means "none".
std::optional<uint32_t> parse_id(const std::string& text) {
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == UINT32_MAX) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = openras::cli;
  constexpr const char* kProgram = "openras-link";
  const cli::Syntax syntax{kProgram,
                           {cli::help_option(),
                            cli::version_option(),
                            {"zygote", {"--zygote"}, cli::Value::kNone},
                            {"type", {"--type"}, cli::Value::kRequired, "TYPE"},
                            {"number", {"--number"}, cli::Value::kRequired, "NUMBER"},
                            {"uid", {"--uid"}, cli::Value::kRequired, "UID"},
                            {"gid", {"--gid"}, cli::Value::kRequired, "GID"}},
                           false};
  auto parsed = cli::parse_command_line(
      syntax, argc, argv,
      "usage: openras-link --zygote [--uid UID --gid GID]     (control socket on fd 3)\n"
      "       openras-link --type TYPE [--number NUMBER] [--uid UID --gid GID]   (socket on fd 3)\n"
      "An internal helper that rasmand runs; not for use by hand.\n");
  if (!parsed) return parsed.error();
  if (!parsed->operands.empty()) {
    return cli::usage_error(
        kProgram, "unexpected argument \"" + parsed->operands[0] + "\"; run by rasmand only");
  }
  openras::link::LinkOptions options;
  if (const auto* type = parsed->last("type")) options.device_type = type->value;
  if (const auto* number = parsed->last("number")) options.phone_number = number->value;
  const auto* uid = parsed->last("uid");
  const auto* gid = parsed->last("gid");
  if ((uid == nullptr) != (gid == nullptr)) {
    return cli::usage_error(kProgram, "--uid and --gid go together: give both, or neither");
  }
  if (uid != nullptr) {
    auto u = parse_id(uid->value);
    auto g = parse_id(gid->value);
    if (!u || !g) {
      return cli::usage_error(kProgram,
                              "--uid and --gid take a user's and a group's number, not \"" +
                                  (u ? gid->value : uid->value) + "\"");
    }
    options.become = openras::link::Identity{*u, *g};
  }
  if (parsed->has("zygote")) {
    return openras::link::run_zygote(openras::link::ZygoteOptions{3, options.become});
  }
  return openras::link::run_link(options);
}
