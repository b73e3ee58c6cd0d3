// report.cpp: rendering rasdialer-check's results.
#include "report.h"

#include <unistd.h>

#include <cerrno>

#include "json.h"

namespace openras::check {

void Report::add(Check check) {
  stream(check.skipped ? "skip" : (check.passed ? "pass" : "fail"), check.id, check.detail);
  checks_.push_back(std::move(check));
}
void Report::pass(std::string id, std::string detail) {
  add({std::move(id), true, false, std::move(detail)});
}
void Report::fail(std::string id, std::string detail) {
  add({std::move(id), false, false, std::move(detail)});
}
void Report::skip(std::string id, std::string detail) {
  add({std::move(id), false, true, std::move(detail)});
}

void Report::begin(const std::string& id, const std::string& call) const {
  stream("begin", id, call);
}

// One line per record, "VERB\tID\tDETAIL\n", in a single write(2): a line is either
// whole in the pipe or absent when the dialer kills the process right after.
void Report::stream(const char* verb, const std::string& id, const std::string& detail) const {
  if (stream_fd_ < 0) return;
  auto flat = [](std::string text) {
    for (char& c : text) {
      if (c == '\n' || c == '\t') c = ' ';
    }
    return text;
  };
  std::string line = std::string(verb) + '\t' + flat(id) + '\t' + flat(detail) + '\n';
  while (::write(stream_fd_, line.data(), line.size()) < 0 && errno == EINTR) {
  }
}

bool Report::take_line(const std::string& line, std::pair<std::string, std::string>* current) {
  auto first = line.find('\t');
  auto second = first == std::string::npos ? first : line.find('\t', first + 1);
  if (second == std::string::npos) return false;
  std::string verb = line.substr(0, first);
  std::string id = line.substr(first + 1, second - first - 1);
  std::string detail = line.substr(second + 1);
  if (verb == "begin") {
    *current = {std::move(id), std::move(detail)};
  } else if (verb == "pass" || verb == "fail" || verb == "skip") {
    checks_.push_back({std::move(id), verb == "pass", verb == "skip", std::move(detail)});
  } else {
    return false;
  }
  return true;
}

bool Report::passed(const std::string& id) const {
  for (const Check& c : checks_) {
    if (c.id == id) return c.passed;
  }
  return false;
}

bool Report::all_passed() const {
  for (const Check& c : checks_) {
    if (!c.passed && !c.skipped) return false;
  }
  return true;
}

std::string Report::text() const {
  std::string out;
  size_t failed = 0;
  for (const Check& c : checks_) {
    const char* verdict = c.skipped ? "SKIP" : (c.passed ? "PASS" : "FAIL");
    out += std::string(verdict) + "  " + c.id +
           std::string(c.id.size() < 10 ? 10 - c.id.size() : 1, ' ') + c.detail + "\n";
    if (!c.passed && !c.skipped) ++failed;
  }
  out += failed == 0 ? "rasdialer-check: all checks passed\n"
                     : "rasdialer-check: " + std::to_string(failed) + " check(s) failed\n";
  return out;
}

std::string Report::json(const std::string& dialer) const {
  cli::Json checks = cli::Json::array();
  for (const Check& c : checks_) {
    checks.push_back({{"id", c.id},
                      {"result", c.skipped ? "skip" : (c.passed ? "pass" : "fail")},
                      {"detail", c.detail}});
  }
  return cli::json_text({{"dialer", dialer}, {"passed", all_passed()}, {"checks", checks}}) + "\n";
}

}  // namespace openras::check
