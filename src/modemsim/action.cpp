// action.cpp: parsing --answer/--default actions and normalising dialled numbers.
#include "modemsim/action.h"

#include <charconv>
#include <cmath>

namespace openras::modemsim {
namespace {

constexpr std::string_view kActionHelp =
    "use connect, exec:COMMAND, busy, noanswer, nocarrier, nodialtone, error, silent or "
    "drop:SECONDS:ACTION";

struct Simple {
  std::string_view word;
  ActionKind kind;
};
constexpr Simple kSimple[] = {
    {"connect", ActionKind::kConnect},       {"busy", ActionKind::kBusy},
    {"noanswer", ActionKind::kNoAnswer},     {"nocarrier", ActionKind::kNoCarrier},
    {"nodialtone", ActionKind::kNoDialtone}, {"error", ActionKind::kError},
    {"silent", ActionKind::kSilent},
};

// SECONDS of drop:SECONDS:ACTION: a non-negative decimal number, at most a day.
Result<std::chrono::milliseconds> parse_seconds(std::string_view text) {
  double seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(seconds) || seconds < 0 || seconds > 86400) {
    return fail(Errc::kInvalidArgument, "action drop: \"" + std::string(text) +
                                            "\" is not a number of seconds from 0 to 86400 "
                                            "(e.g. drop:1.5:connect)");
  }
  return std::chrono::milliseconds(std::llround(seconds * 1000));
}

}  // namespace

Result<Action> parse_action(std::string_view text) {
  for (const Simple& s : kSimple) {
    if (text == s.word) return Action{s.kind, {}, {}};
  }
  if (text.starts_with("exec:")) {
    Action action{ActionKind::kExec, std::string(text.substr(5)), {}};
    if (action.command.empty()) {
      return fail(Errc::kInvalidArgument, "action \"exec:\" has no command (e.g. exec:cat)");
    }
    return action;
  }
  if (text.starts_with("drop:")) {
    std::string_view rest = text.substr(5);
    size_t colon = rest.find(':');
    if (colon == std::string_view::npos) {
      return fail(Errc::kInvalidArgument,
                  "action \"" + std::string(text) + "\" lacks its ACTION (e.g. drop:1:connect)");
    }
    auto after = parse_seconds(rest.substr(0, colon));
    if (!after) return fail(after.error());
    auto inner = parse_action(rest.substr(colon + 1));
    if (!inner) return fail(inner.error().with_context("action drop"));
    if (!inner->connects() || inner->drop_after) {
      return fail(Errc::kInvalidArgument,
                  "action \"" + std::string(text) +
                      "\": only connect or exec:COMMAND can lose their carrier");
    }
    inner->drop_after = *after;
    return inner;
  }
  return fail(Errc::kInvalidArgument,
              "unknown action \"" + std::string(text) + "\": " + std::string(kActionHelp));
}

std::string describe(const Action& action) {
  std::string word;
  if (action.kind == ActionKind::kExec) {
    word = "exec:" + action.command;
  } else {
    for (const Simple& s : kSimple) {
      if (s.kind == action.kind) word = s.word;
    }
  }
  if (!action.drop_after) return word;
  auto ms = action.drop_after->count();
  std::string seconds = std::to_string(ms / 1000);
  if (ms % 1000 != 0) {
    std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
    while (fraction.back() == '0') fraction.pop_back();
    seconds += "." + fraction;
  }
  return "drop:" + seconds + ":" + word;
}

std::string normalize_number(std::string_view dialled) {
  std::string out;
  for (char c : dialled) {
    switch (c) {
      case 'T':
      case 't':
      case 'P':
      case 'p':
      case 'W':
      case 'w':
      case ',':
      case '!':
      case '@':
      case ';':
      case ' ':
      case '-':
        break;
      default:
        out += c;
    }
  }
  return out;
}

Status AnswerTable::add(std::string_view number_equals_action) {
  size_t eq = number_equals_action.find('=');
  if (eq == std::string_view::npos) {
    return fail(Errc::kInvalidArgument, "--answer \"" + std::string(number_equals_action) +
                                            "\" is not NUMBER=ACTION (e.g. 5551234=busy)");
  }
  std::string number = normalize_number(number_equals_action.substr(0, eq));
  if (number.empty()) {
    return fail(Errc::kInvalidArgument,
                "--answer \"" + std::string(number_equals_action) + "\" has no number before '='");
  }
  auto action = parse_action(number_equals_action.substr(eq + 1));
  if (!action) return fail(action.error().with_context("--answer " + number));
  answers_[number] = std::move(*action);
  return {};
}

const Action& AnswerTable::lookup(std::string_view dialled) const {
  auto it = answers_.find(normalize_number(dialled));
  return it == answers_.end() ? default_ : it->second;
}

}  // namespace openras::modemsim
