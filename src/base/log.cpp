// log.cpp: the stderr log sink (see log.h).
#include "base/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

namespace openras::log {

namespace {

Level initial_level() {
  const char* debug = ::secure_getenv("OPENRAS_DEBUG");
  return (debug && std::strcmp(debug, "1") == 0) ? Level::kDebug : Level::kNotice;
}

// JOURNAL_STREAM names the device:inode of the journal's stream; prefixes are right only
// when our stderr is that very stream.
bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (!stream) return false;
  struct stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  unsigned long long dev = 0;
  unsigned long long ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
  return dev == st.st_dev && ino == st.st_ino;
}

struct State {
  std::atomic<int> level{static_cast<int>(initial_level())};
  std::atomic<bool> prefix{stderr_is_journal()};
  std::mutex mutex;
  std::string program;
};

State& state() {
  static State s;
  return s;
}

}  // namespace

void set_level(Level level) noexcept { state().level = static_cast<int>(level); }
Level level() noexcept { return static_cast<Level>(state().level.load()); }
bool enabled(Level level) noexcept { return static_cast<int>(level) <= state().level.load(); }
void set_priority_prefix(bool on) noexcept { state().prefix = on; }

void set_program_name(std::string_view name) {
  std::lock_guard lock(state().mutex);
  state().program = name;
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool c1 = c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f || c1) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c1 ? static_cast<unsigned char>(text[++i]) : c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void write(Level level, std::string_view message) {
  if (!enabled(level)) return;
  // The caller's own line end is not escaped; everything before it is.
  if (!message.empty() && message.back() == '\n') message.remove_suffix(1);
  State& s = state();
  std::string line;
  if (s.prefix) line += "<" + std::to_string(static_cast<int>(level)) + ">";
  {
    std::lock_guard lock(s.mutex);
    if (!s.program.empty()) line += s.program + ": ";
  }
  line += escape(message);
  line += '\n';
  // One write() per line, so lines from several threads never interleave.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

void printf(Level level, const char* format, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  int n = std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof buffer) {
    write(level, std::string_view(buffer, static_cast<size_t>(n)));
    return;
  }
  std::string big(static_cast<size_t>(n) + 1, '\0');
  va_start(args, format);
  std::vsnprintf(big.data(), big.size(), format, args);
  va_end(args);
  big.pop_back();
  write(level, big);
}

}  // namespace openras::log
