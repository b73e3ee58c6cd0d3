// options.cpp: rasdial's command line. Windows' switches (/DISCONNECT, /D, /DOMAIN:,
// /PHONE:, /CALLBACK:, /PHONEBOOK:, /PREFIXSUFFIX, /?) in any case, with / or -, as
// rasdial.exe takes them; OpenRAS's own options in GNU form. Anything else that looks like
// an option is a usage error, never an entry or user name.
#include "options.h"

#include <cstdio>

#include "base/utf.h"
#include "cli.h"
#include "ras.h"

namespace rasdial {

namespace cli = openras::cli;

namespace {

constexpr const char* kProgram = "rasdial";

constexpr const char* kUsage =
    "USAGE:\n"
    "        rasdial entryname [username [password|*]] [/DOMAIN:domain]\n"
    "                [/PHONE:phonenumber] [/CALLBACK:callbacknumber]\n"
    "                [/PHONEBOOK:phonebookfile] [/PREFIXSUFFIX] [--wait[=SECONDS]] [--json]\n"
    "\n"
    "        rasdial [entryname] /DISCONNECT [--json]\n"
    "\n"
    "        rasdial [--json]\n"
    "\n"
    "        rasdial entryname --status [--json]\n"
    "\n"
    "        rasdial --import=FILE [/PHONEBOOK:phonebookfile] [--json]\n"
    "\n"
    "        rasdial --help | --version\n"
    "\n"
    "With no arguments, lists the connections. --wait holds the connection for SECONDS\n"
    "(or until interrupted), then hangs up. --status reports the named connection's\n"
    "state. --import copies the entries of a phone book from Windows (rasphone.pbk)\n"
    "into the default phone book (or /PHONEBOOK:) and says, for each, what to configure\n"
    "on Linux (devices, dialers). --json prints JSON objects, one a line, instead of\n"
    "text. A password of *\n"
    "is asked for on the terminal. \"--\" ends the options.\n"
    "\n"
    "Exit status: 0 success; 1 the operation failed (the message gives the full RAS\n"
    "error code; `raserror CODE` explains it); 2 usage error; 3 the connection service\n"
    "(rasmand) cannot be reached.\n";

// An operand or option value as wide text that fits a RAS field of `capacity`
// characters (terminator included): never truncated, never converted through the locale.
// A secret (the password) is never repeated in a message.
tl::expected<std::wstring, int> field(const char* what, const std::string& text, size_t capacity,
                                      bool secret = false) {
  std::string named = std::string(what) + (secret ? "" : " \"" + text + "\"");
  auto wide = openras::utf8_to_wide(text);
  if (!wide) {
    return tl::unexpected(
        cli::usage_error(kProgram, named + " is not valid UTF-8 (" + wide.error().message + ")"));
  }
  if (capacity != 0 && wide->size() >= capacity) {
    return tl::unexpected(cli::usage_error(
        kProgram, named + " is longer than " + std::to_string(capacity - 1) + " characters"));
  }
  return *wide;
}

}  // namespace

tl::expected<Options, int> parse_options(int argc, char** argv) {
  const cli::Syntax syntax{kProgram,
                           {cli::help_option(),
                            cli::version_option(),
                            {"disconnect", {"/DISCONNECT", "/D"}, cli::Value::kNone},
                            {"domain", {"/DOMAIN:"}, cli::Value::kRequired},
                            {"phone", {"/PHONE:"}, cli::Value::kRequired},
                            {"callback", {"/CALLBACK:"}, cli::Value::kRequired},
                            {"phonebook", {"/PHONEBOOK:"}, cli::Value::kRequired},
                            {"prefixsuffix", {"/PREFIXSUFFIX"}, cli::Value::kNone},
                            {"json", {"--json"}, cli::Value::kNone},
                            {"status", {"--status"}, cli::Value::kNone},
                            {"wait", {"--wait"}, cli::Value::kOptional},
                            {"import", {"--import"}, cli::Value::kRequired, "FILE"}},
                           true};
  auto parsed = cli::parse_command_line(syntax, argc, argv, kUsage);
  if (!parsed) return tl::unexpected(parsed.error());
  Options o;
  o.disconnect = parsed->has("disconnect");
  o.prefix_suffix = parsed->has("prefixsuffix");
  o.json = parsed->has("json");
  o.status = parsed->has("status");
  struct Text {
    const char* id;
    const char* what;
    std::wstring* into;
    size_t capacity;
  };
  for (const Text& t :
       {Text{"domain", "the domain", &o.domain, DNLEN + 1},
        Text{"phone", "the phone number", &o.phone, RAS_MaxPhoneNumber + 1},
        Text{"callback", "the callback number", &o.callback, RAS_MaxCallbackNumber + 1},
        Text{"phonebook", "the phone book", &o.phonebook, 0},
        Text{"import", "the file to import", &o.import_file, 0}}) {
    if (const auto* given = parsed->last(t.id)) {
      auto value = field(t.what, given->value, t.capacity);
      if (!value) return tl::unexpected(value.error());
      *t.into = std::move(*value);
    }
  }
  if (const auto* phonebook = parsed->last("phonebook"); phonebook && o.phonebook.empty()) {
    return tl::unexpected(cli::usage_error(kProgram, "/PHONEBOOK: needs a file name"));
  }
  if (const auto* wait = parsed->last("wait")) {
    o.wait = true;
    if (wait->has_value) {
      auto seconds = cli::parse_seconds("--wait", wait->value, 0, 86400 * 366);
      if (!seconds) return tl::unexpected(cli::usage_error(kProgram, seconds.error()));
      o.wait_seconds = *seconds;
    }
  }
  const auto& operands = parsed->operands;
  if (operands.size() > 3) {
    return tl::unexpected(cli::usage_error(
        kProgram, "too many arguments: \"" + operands[3] + "\" after entry, user and password"));
  }
  if (!operands.empty()) {
    // An empty name must never reach the API: to RasHangUp's caller it would mean every
    // connection, to the listing "no entry".
    if (operands[0].empty()) {
      return tl::unexpected(cli::usage_error(kProgram, "the entry name is empty"));
    }
    auto entry = field("the entry name", operands[0], RAS_MaxEntryName + 1);
    if (!entry) return tl::unexpected(entry.error());
    o.entry = std::move(*entry);
  }
  if (operands.size() > 1) {
    auto user = field("the user name", operands[1], UNLEN + 1);
    if (!user) return tl::unexpected(user.error());
    o.has_user = true;
    o.user = std::move(*user);
  }
  if (operands.size() > 2) {
    if (operands[2] == "*") {
      o.prompt_password = true;
    } else {
      auto password = field("the password", operands[2], PWLEN + 1, true);
      if (!password) return tl::unexpected(password.error());
      o.password = std::move(*password);
    }
  }
  if (parsed->has("import")) {
    if (o.import_file.empty()) {
      return tl::unexpected(cli::usage_error(kProgram, "--import needs a file name"));
    }
    if (!o.entry.empty() || o.disconnect || o.status || o.wait || !o.phone.empty() ||
        !o.callback.empty() || !o.domain.empty() || o.prefix_suffix) {
      return tl::unexpected(cli::usage_error(
          kProgram,
          "--import takes only the file, /PHONEBOOK: and --json (no entry, no other "
          "option)"));
    }
    return o;
  }
  if ((o.status || o.has_user || o.wait || !o.phone.empty() || !o.callback.empty() ||
       !o.domain.empty() || o.prefix_suffix) &&
      o.entry.empty()) {
    return tl::unexpected(cli::usage_error(kProgram, "an entry name is needed"));
  }
  if (o.disconnect && (o.status || o.has_user || o.wait)) {
    return tl::unexpected(
        cli::usage_error(kProgram, "/DISCONNECT takes only an entry name (and /PHONEBOOK:)"));
  }
  if (o.status && (o.has_user || o.wait)) {
    return tl::unexpected(cli::usage_error(kProgram, "--status takes only an entry name"));
  }
  return o;
}

}  // namespace rasdial
