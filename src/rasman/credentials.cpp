// credentials.cpp: see credentials.h.
#include "rasman/credentials.h"

#include <sys/stat.h>

#include <array>
#include <vector>

#include "base/fs.h"

namespace openras::rasman {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

struct Record {
  std::array<std::string, 5> fields;  // phone book, entry, user, password, domain
};

Result<std::vector<Record>> parse(const std::string& text, const std::string& file) {
  std::vector<Record> records;
  std::size_t line_start = 0;
  int line_number = 0;
  while (line_start < text.size()) {
    std::size_t end = text.find('\n', line_start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + line_start, end - line_start);
    line_start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    Record record;
    std::size_t field = 0;
    std::size_t pos = 0;
    for (; field < record.fields.size(); ++field) {
      std::size_t tab = line.find('\t', pos);
      bool last = field + 1 == record.fields.size();
      if ((tab == std::string_view::npos) != last) break;
      auto decoded = percent_decode(line.substr(pos, last ? std::string_view::npos : tab - pos));
      if (!decoded) break;
      record.fields[field] = std::move(*decoded);
      pos = tab + 1;
    }
    if (field != record.fields.size()) {
      return fail(Errc::kInvalidData, file + " line " + std::to_string(line_number) +
                                          ": not five percent-encoded, tab-separated fields");
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f || c == '%') {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    return fail(Errc::kInvalidData, "bad percent escape");
  }
  return out;
}

Status CredentialStore::store(const std::string& phonebook, const std::string& entry,
                              const Credentials& credentials) {
  if (auto made = make_directories(directory_, 0700); !made) return made;
  auto transaction = FileTransaction::begin(file(), 0600);
  if (!transaction) return fail(transaction.error());
  std::vector<Record> records;
  if (transaction->current()) {
    auto parsed = parse(*transaction->current(), file());
    if (!parsed) return fail(parsed.error());
    records = std::move(*parsed);
  }
  std::erase_if(records,
                [&](const Record& r) { return r.fields[0] == phonebook && r.fields[1] == entry; });
  if (!credentials.user.empty() || !credentials.password.empty() || !credentials.domain.empty()) {
    records.push_back(
        Record{{phonebook, entry, credentials.user, credentials.password, credentials.domain}});
  }
  std::string content;
  for (const Record& r : records) {
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      if (i != 0) content += '\t';
      content += percent_encode(r.fields[i]);
    }
    content += '\n';
  }
  return transaction->commit(content);
}

Result<Credentials> CredentialStore::fetch(const std::string& phonebook,
                                           const std::string& entry) const {
  auto text = read_file(file());
  if (!text) {
    if (text.error().code == Errc::kNotFound) {
      return fail(Errc::kNotFound,
                  "no all-users credentials are stored for entry \"" + entry + "\"");
    }
    return fail(text.error());
  }
  auto records = parse(*text, file());
  if (!records) return fail(records.error());
  for (const Record& r : *records) {
    if (r.fields[0] == phonebook && r.fields[1] == entry) {
      return Credentials{r.fields[2], r.fields[3], r.fields[4]};
    }
  }
  return fail(Errc::kNotFound, "no all-users credentials are stored for entry \"" + entry +
                                   "\" of phone book \"" + phonebook + "\"");
}

}  // namespace openras::rasman
