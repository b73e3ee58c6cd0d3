// rasphone: the phone-book program, with Windows' rasphone switches (docs/man/rasphone.1):
// the RAS dialogs (RasPhonebookDlgW, RasEntryDlgW, RasDialDlgW) on the terminal or from an
// answer script, and, for administrators and scripts, the same operations without any
// dialog (--set, -l, --devices, -s, -h). A thin main() over the public API of libopenras
// (linked shared: a custom dialer it loads shares the library with it).
#include <signal.h>

#include <cstdio>
#include <string>
#include <vector>

#include "base/utf.h"
#include "cli.h"
#include "ras.h"
#include "rasphone.h"
#include "windows.h"

namespace {

namespace cli = openras::cli;

constexpr const char* kProgram = "rasphone";
constexpr const char* kUsage =
    "Usage: rasphone [-f FILE] [--script FILE [--transcript FILE]] [SWITCH [ENTRY]]\n"
    "       rasphone [-f FILE] -a ENTRY --set KEY=VALUE...\n"
    "       rasphone [-f FILE] -e ENTRY --set KEY=VALUE...\n"
    "       rasphone [-f FILE] -l [--json] | --devices [--json] | -s [--json] | -h ENTRY\n"
    "\n"
    "With no switch, the phone-book dialog. Dialog switches, as Windows' rasphone:\n"
    "  -a [ENTRY]   create an entry (ENTRY: the proposed name)\n"
    "  -e ENTRY     edit an entry           -c ENTRY   clone an entry\n"
    "  -r ENTRY     remove an entry (after a Yes/No question)\n"
    "  -d ENTRY     dial an entry (its dialer's own dialog for a custom entry)\n"
    "Without a dialog:\n"
    "  -h ENTRY     hang up the entry's connection\n"
    "  -s           the connections and their state\n"
    "  -l           the entries of both phone books (or of -f FILE)\n"
    "  --devices    the devices entries can use\n"
    "  --set KEY=VALUE  with -a or -e: set rasphone.pbk keys (repeatable), validated as\n"
    "               RasSetEntryProperties validates them\n"
    "  --json       -l, --devices and -s as JSON\n"
    "  -f FILE      this phone book instead of both default ones\n"
    "  --script FILE      answer the dialogs from FILE (the scripted renderer)\n"
    "  --transcript FILE  with --script: record what each dialog showed\n"
    "  --help, --version\n"
    "Dialogs use the terminal, or the script when one is given.\n"
    "Exit status: 0 done, 1 failed, 2 usage error, 3 rasmand unreachable, 4 cancelled.\n";

void on_signal(int) { OpenRasCancelDialogs(); }

const char* const kModes[] = {"a", "e", "c", "r", "d", "h", "s", "list", "devices"};

}  // namespace

int main(int argc, char** argv) {
  // -h is Windows' hang-up switch here, so help is --help, -? or /?.
  const cli::Syntax syntax{kProgram,
                           {{"help", {"--help", "-?", "/?"}, cli::Value::kNone},
                            cli::version_option(),
                            {"a", {"-a"}, cli::Value::kNone},
                            {"e", {"-e"}, cli::Value::kNone},
                            {"c", {"-c"}, cli::Value::kNone},
                            {"r", {"-r"}, cli::Value::kNone},
                            {"d", {"-d"}, cli::Value::kNone},
                            {"h", {"-h"}, cli::Value::kNone},
                            {"s", {"-s"}, cli::Value::kNone},
                            {"list", {"-l", "--list"}, cli::Value::kNone},
                            {"devices", {"--devices"}, cli::Value::kNone},
                            {"json", {"--json"}, cli::Value::kNone},
                            {"f", {"-f"}, cli::Value::kRequired, "FILE"},
                            {"script", {"--script"}, cli::Value::kRequired, "FILE"},
                            {"transcript", {"--transcript"}, cli::Value::kRequired, "FILE"},
                            {"set", {"--set"}, cli::Value::kRequired, "KEY=VALUE"}},
                           false};
  auto parsed = cli::parse_command_line(syntax, argc, argv, kUsage);
  if (!parsed) return parsed.error();
  std::string mode;
  for (const char* m : kModes) {
    if (!parsed->has(m)) continue;
    if (!mode.empty()) return cli::usage_error(kProgram, "give one switch, not several");
    mode = m;
  }
  std::vector<std::string> sets;
  for (const auto& given : parsed->options) {
    if (given.id == "set") sets.push_back(given.value);
  }
  if (parsed->operands.size() > 1) {
    return cli::usage_error(kProgram, "one entry name, not \"" + parsed->operands[1] + "\" too");
  }
  std::wstring entry;
  if (!parsed->operands.empty()) {
    auto wide = openras::utf8_to_wide(parsed->operands[0]);
    if (!wide) return cli::usage_error(kProgram, "the entry name is not UTF-8");
    entry = *wide;
  }
  bool needs_entry = mode == "e" || mode == "c" || mode == "r" || mode == "d" || mode == "h" ||
                     (mode == "a" && !sets.empty());
  bool takes_entry = needs_entry || mode == "a" || mode.empty();
  if (needs_entry && entry.empty()) return cli::usage_error(kProgram, "-" + mode + " needs ENTRY");
  if (!takes_entry && !entry.empty()) {
    return cli::usage_error(kProgram, "this switch takes no entry name");
  }
  if (!sets.empty() && mode != "a" && mode != "e") {
    return cli::usage_error(kProgram, "--set goes with -a ENTRY or -e ENTRY");
  }
  bool json = parsed->has("json");
  if (json && mode != "list" && mode != "devices" && mode != "s") {
    return cli::usage_error(kProgram, "--json goes with -l, --devices or -s");
  }
  if (parsed->has("transcript") && !parsed->has("script")) {
    return cli::usage_error(kProgram, "--transcript goes with --script FILE");
  }
  rasphone::Book book;
  if (const auto* f = parsed->last("f")) {
    auto wide = openras::utf8_to_wide(f->value);
    if (!wide || wide->empty()) return cli::usage_error(kProgram, "-f needs a UTF-8 file name");
    book.path = *wide;
  }

  if (!sets.empty()) return rasphone::set_keys(mode == "a", book, entry, sets);
  if (mode == "list") return rasphone::list_entries(book, json);
  if (mode == "devices") return rasphone::list_devices(json);
  if (mode == "s") return rasphone::show_status(json);
  if (mode == "h") return rasphone::hang_up(entry);

  // A dialog: the renderer first (the script, else the terminal), and signals that
  // cancel the dialog (IDCANCEL) rather than kill rasphone mid-dial.
  const auto* script = parsed->last("script");
  const auto* transcript = parsed->last("transcript");
  DWORD rc = OpenRasSetDialogRenderer(script ? OPENRAS_RENDERER_SCRIPTED : OPENRAS_RENDERER_AUTO,
                                      script ? script->value.c_str() : nullptr,
                                      transcript ? transcript->value.c_str() : nullptr);
  if (rc != 0) {
    std::fprintf(stderr,
                 "rasphone: cannot show a dialog (error %u): run it in a terminal, or give "
                 "--script FILE\n",
                 rc);
    return cli::kExitFailed;
  }
  struct sigaction action {};
  action.sa_handler = on_signal;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
  using rasphone::DialogOp;
  DialogOp op = mode == "a"   ? DialogOp::kNew
                : mode == "e" ? DialogOp::kEdit
                : mode == "c" ? DialogOp::kClone
                : mode == "r" ? DialogOp::kRemove
                : mode == "d" ? DialogOp::kDial
                              : DialogOp::kPhonebook;
  int status = rasphone::run_dialog_op(op, book, entry);
  std::fflush(stdout);
  return status;
}
