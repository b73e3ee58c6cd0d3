// log.h: logging for OpenRAS components.
//
// Library code logs nothing above debug (it returns errors instead); programs log each
// failure once, at their boundary. Lines go to stderr; with systemd priority prefixes
// ("<3>") when the program asks for them or stderr is the journal (JOURNAL_STREAM), so
// journald files each line at its level. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace openras::log {

// syslog priorities, as journald reads them.
enum class Level { kError = 3, kWarning = 4, kNotice = 5, kInfo = 6, kDebug = 7 };

// Lines above `level` are dropped. Default: kNotice, or kDebug when OPENRAS_DEBUG=1.
void set_level(Level level) noexcept;
[[nodiscard]] Level level() noexcept;
[[nodiscard]] bool enabled(Level level) noexcept;

// Forces systemd priority prefixes on (daemons) or off.
void set_priority_prefix(bool on) noexcept;

// The program name put in front of each line ("rasreg: ...").
void set_program_name(std::string_view name);

// Writes one line. Control characters in `message` (C0, DEL, C1) are escaped (escape()),
// so no text a client supplied can end the line early and forge another with a priority
// of its choosing (journald reads "<N>" at a line's start as its priority).
void write(Level level, std::string_view message);

// `text` with "\n", "\r", "\t" for those bytes and "\xNN" for any other control byte (for
// a C1 control, NN is its code point); everything else unchanged. Backslashes stay as
// they are (registry paths are full of them), so an escape is not unambiguous: what it
// guarantees is one line per record.
[[nodiscard]] std::string escape(std::string_view text);

[[gnu::format(printf, 2, 3)]] void printf(Level level, const char* format, ...);

}  // namespace openras::log

#define OPENRAS_LOG(level, ...)                                                     \
  do {                                                                              \
    if (::openras::log::enabled(level)) ::openras::log::printf(level, __VA_ARGS__); \
  } while (0)
#define LOG_DEBUG(...) OPENRAS_LOG(::openras::log::Level::kDebug, __VA_ARGS__)
#define LOG_INFO(...) OPENRAS_LOG(::openras::log::Level::kInfo, __VA_ARGS__)
#define LOG_NOTICE(...) OPENRAS_LOG(::openras::log::Level::kNotice, __VA_ARGS__)
#define LOG_WARNING(...) OPENRAS_LOG(::openras::log::Level::kWarning, __VA_ARGS__)
#define LOG_ERROR(...) OPENRAS_LOG(::openras::log::Level::kError, __VA_ARGS__)
