// report.h: the pass/fail lines of rasdialer-check, as text or JSON (one object, from the
// tools' one JSON writer, tools/common/json.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace openras::check {

struct Check {
  std::string id;  // short, stable: "exports", "abi", "dial", …
  bool passed = false;
  bool skipped = false;  // not run, because an earlier check failed or a part is missing
  std::string detail;    // what was found; on failure, what to do
};

// Collects checks. In an exercise child (child.h) it also streams each check, and each
// call about to be made into the dialer, as one line on a pipe, written at once, so the
// parent keeps every check made before the dialer crashed, exited or hung.
class Report {
 public:
  void pass(std::string id, std::string detail);
  void fail(std::string id, std::string detail);
  void skip(std::string id, std::string detail);
  // Streams what follows to `fd` (-1: stop streaming).
  void stream_to(int fd) noexcept { stream_fd_ = fd; }
  // Announces the call into the dialer the check `id` is about to make (streamed only).
  void begin(const std::string& id, const std::string& call) const;
  // Takes one streamed line; "begin" lines set `*current` to {id, call}. False if malformed.
  bool take_line(const std::string& line, std::pair<std::string, std::string>* current);
  [[nodiscard]] bool passed(const std::string& id) const;
  [[nodiscard]] bool all_passed() const;
  [[nodiscard]] std::string text() const;
  [[nodiscard]] std::string json(const std::string& dialer) const;

 private:
  void add(Check check);
  void stream(const char* verb, const std::string& id, const std::string& detail) const;
  std::vector<Check> checks_;
  int stream_fd_ = -1;
};

}  // namespace openras::check
