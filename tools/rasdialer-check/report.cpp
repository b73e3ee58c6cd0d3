// report.cpp: rendering rasdialer-check's results.
#include "report.h"

#include <cstdio>

namespace openras::check {

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

void Report::pass(std::string id, std::string detail) {
  checks_.push_back({std::move(id), true, false, std::move(detail)});
}
void Report::fail(std::string id, std::string detail) {
  checks_.push_back({std::move(id), false, false, std::move(detail)});
}
void Report::skip(std::string id, std::string detail) {
  checks_.push_back({std::move(id), false, true, std::move(detail)});
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
    out += std::string(verdict) + "  " + c.id + std::string(c.id.size() < 10 ? 10 - c.id.size() : 1, ' ') +
           c.detail + "\n";
    if (!c.passed && !c.skipped) ++failed;
  }
  out += failed == 0 ? "rasdialer-check: all checks passed\n"
                     : "rasdialer-check: " + std::to_string(failed) + " check(s) failed\n";
  return out;
}

std::string Report::json(const std::string& dialer) const {
  std::string out = "{\"dialer\":" + json_string(dialer) +
                    ",\"passed\":" + (all_passed() ? "true" : "false") + ",\"checks\":[";
  for (size_t i = 0; i < checks_.size(); ++i) {
    const Check& c = checks_[i];
    out += std::string(i ? "," : "") + "{\"id\":" + json_string(c.id) + ",\"result\":" +
           json_string(c.skipped ? "skip" : (c.passed ? "pass" : "fail")) +
           ",\"detail\":" + json_string(c.detail) + "}";
  }
  return out + "]}\n";
}

}  // namespace openras::check
