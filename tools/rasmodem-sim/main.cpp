// rasmodem-sim: a Hayes modem on a pseudo-terminal, for tests, demos and dialer authors
// without hardware. A thin main() over src/modemsim (the modem) and server.cpp (the pty
// and its poll loop); see docs/man/rasmodem-sim.1.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "base/log.h"
#include "server.h"

namespace {

using openras::modemsim_tool::Options;

constexpr const char* kUsage =
    "Usage: rasmodem-sim [--link PATH] [--speed BPS] [--answer NUMBER=ACTION]...\n"
    "                    [--default ACTION] [--log FILE]\n"
    "A Hayes modem on a pseudo-terminal. Prints the terminal's path, then serves until\n"
    "SIGTERM or SIGINT.\n"
    "\n"
    "  --link PATH             also make PATH a symlink to the terminal\n"
    "  --speed BPS             the speed CONNECT reports (default 115200)\n"
    "  --answer NUMBER=ACTION  what dialling NUMBER does (T P W , ! @ ; space - ignored)\n"
    "  --default ACTION        what any other number does (default nocarrier)\n"
    "  --log FILE              append every command, result and event to FILE\n"
    "\n"
    "ACTION: connect, exec:COMMAND, busy, noanswer, nocarrier, nodialtone, error,\n"
    "        silent, drop:SECONDS:ACTION. See rasmodem-sim(1).\n";

// Returns 0 to go on, or the exit status.
int parse(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return -1;
    }
    std::string_view name = arg;
    std::string_view value;
    bool has_value = false;
    if (size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (name != "--link" && name != "--speed" && name != "--answer" && name != "--default" &&
        name != "--log") {
      std::fprintf(stderr, "rasmodem-sim: unknown option \"%s\"\n%s", argv[i], kUsage);
      return 2;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rasmodem-sim: %s needs a value\n", argv[i]);
        return 2;
      }
      value = argv[++i];
    }
    openras::Status status;
    if (name == "--link") {
      options.link = value;
    } else if (name == "--log") {
      options.log = value;
    } else if (name == "--speed") {
      uint32_t speed = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), speed);
      if (ec != std::errc() || end != value.data() + value.size() || speed == 0) {
        std::fprintf(stderr, "rasmodem-sim: --speed \"%.*s\" is not a positive number of bps\n",
                     static_cast<int>(value.size()), value.data());
        return 2;
      }
      options.speed = speed;
    } else if (name == "--answer") {
      status = options.answers.add(value);
    } else {
      auto action = openras::modemsim::parse_action(value);
      if (action) {
        options.answers.set_default(std::move(*action));
      } else {
        status = openras::fail(action.error().with_context("--default"));
      }
    }
    if (!status) {
      std::fprintf(stderr, "rasmodem-sim: %s\n", status.error().message.c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  openras::log::set_program_name("rasmodem-sim");
  Options options;
  if (int rc = parse(argc, argv, options); rc != 0) return rc < 0 ? 0 : rc;

  openras::modemsim_tool::Server server(std::move(options));
  if (auto opened = server.open(); !opened) {
    std::fprintf(stderr, "rasmodem-sim: %s\n", opened.error().message.c_str());
    return 1;
  }
  // The first line is the device: scripts read it and open it.
  std::printf("%s\n", server.slave_path().c_str());
  std::fflush(stdout);
  if (auto served = server.run(); !served) {
    std::fprintf(stderr, "rasmodem-sim: %s\n", served.error().message.c_str());
    return 1;
  }
  return 0;
}
