// report.h: the pass/fail lines of rasdialer-check, as text or JSON.
#pragma once

#include <string>
#include <vector>

namespace openras::check {

struct Check {
  std::string id;      // short, stable: "exports", "abi", "dial", …
  bool passed = false;
  bool skipped = false;  // not run, because an earlier check failed or a part is missing
  std::string detail;  // what was found; on failure, what to do
};

class Report {
 public:
  void pass(std::string id, std::string detail);
  void fail(std::string id, std::string detail);
  void skip(std::string id, std::string detail);
  [[nodiscard]] bool passed(const std::string& id) const;
  [[nodiscard]] bool all_passed() const;
  [[nodiscard]] std::string text() const;
  [[nodiscard]] std::string json(const std::string& dialer) const;

 private:
  std::vector<Check> checks_;
};

}  // namespace openras::check
