// reg_lines.cpp: .reg bytes to validated UTF-8 lines (see reg_lines.h).
#include "registry/reg_lines.h"

#include <cstdint>
#include <span>

#include "base/utf.h"
#include "registry/reg_format.h"

namespace openras::registry {

namespace {

class LineSink {
 public:
  explicit LineSink(std::string_view file_name) : file_name_(file_name) {}

  [[nodiscard]] tl::unexpected<Error> error(std::string_view problem) const {
    return fail(Errc::kInvalidData, std::string(file_name_) + " line " +
                                        std::to_string(lines_.size() + 1) + ": " +
                                        std::string(problem));
  }

  // Checks and keeps one line of UTF-8 text (without its LF).
  [[nodiscard]] Status add(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > kMaxLineLength) {
      return error("line of " + std::to_string(line.size()) + " bytes is longer than the " +
                   std::to_string(kMaxLineLength) + " allowed");
    }
    if (line.find('\0') != std::string_view::npos) {
      return error(lines_.empty() ? "NUL character (a UTF-16 file without its byte-order mark?)"
                                  : "NUL character");
    }
    if (!is_valid_utf8(line)) {
      auto detail = utf8_to_wide(line);
      return error("text is not valid UTF-8 (" +
                   (detail ? std::string("unknown position") : detail.error().message) + ")");
    }
    lines_.emplace_back(line);
    return {};
  }

  std::vector<std::string> take() { return std::move(lines_); }

 private:
  std::string_view file_name_;
  std::vector<std::string> lines_;
};

Result<std::vector<std::string>> split_utf8(std::string_view text, LineSink& sink) {
  size_t pos = 0;
  for (;;) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (auto ok = sink.add(line); !ok) return fail(ok.error());
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return sink.take();
}

Result<std::vector<std::string>> split_utf16le(std::string_view bytes, LineSink& sink) {
  size_t pos = 0;
  for (;;) {
    size_t end = pos;
    while (end + 1 < bytes.size() && !(bytes[end] == '\n' && bytes[end + 1] == '\0')) {
      end += 2;
    }
    bool last = end + 1 >= bytes.size();
    std::string_view line = bytes.substr(pos, (last ? bytes.size() : end) - pos);
    if (line.size() / 2 > kMaxLineLength) {
      return sink.error("line longer than the " + std::to_string(kMaxLineLength) +
                        " characters allowed");
    }
    if (line.size() % 2 != 0) {
      return sink.error("the file ends in the middle of a UTF-16 character (odd byte count)");
    }
    auto wide = utf16le_to_wide(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(line.data()), line.size()));
    if (!wide) return sink.error("invalid UTF-16: " + wide.error().message);
    auto utf8 = wide_to_utf8(*wide);
    if (!utf8) return sink.error("invalid UTF-16: " + utf8.error().message);
    if (auto ok = sink.add(*utf8); !ok) return fail(ok.error());
    if (last) break;
    pos = end + 2;
  }
  return sink.take();
}

}  // namespace

Result<std::vector<std::string>> decode_reg_lines(std::string_view bytes,
                                                  std::string_view file_name) {
  LineSink sink(file_name);
  if (bytes.size() > kMaxRegFileSize) {
    return fail(Errc::kInvalidData,
                std::string(file_name) + ": file of " + std::to_string(bytes.size()) +
                    " bytes is larger than the " + std::to_string(kMaxRegFileSize) + " allowed");
  }
  if (bytes.starts_with("\xFF\xFE")) return split_utf16le(bytes.substr(2), sink);
  if (bytes.starts_with("\xFE\xFF")) {
    return sink.error(
        "UTF-16 big-endian is not supported; save the file as UTF-16LE "
        "(\"Unicode\") or UTF-8");
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  return split_utf8(bytes, sink);
}

}  // namespace openras::registry
