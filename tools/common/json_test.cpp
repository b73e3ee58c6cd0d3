// json_test.cpp: the tools' one JSON writer (json.h).
#include "json.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdint>

namespace openras::cli {
namespace {

TEST(CliJson, KeysKeepTheirOrderOnOneLine) {
  Json line;
  line["entry"] = "Office";
  line["state"] = 14;
  line["connected"] = true;
  EXPECT_EQ(json_text(line), R"({"entry":"Office","state":14,"connected":true})");
}

TEST(CliJson, HandlesAreStringsThatKeepEveryDigit) {
  // Past 2^53 a JSON number loses digits in jq; the string keeps them all.
  const uintptr_t handle = (uintptr_t{1} << 53) + 1;
  Json line;
  line["handle"] = json_handle(handle);
  EXPECT_EQ(json_text(line), R"({"handle":"9007199254740993"})");
  EXPECT_EQ(std::stoull(Json::parse(json_text(line))["handle"].get<std::string>()), handle);
}

TEST(CliJson, TextIsUtf8AndEscapedWhateverTheLocale) {
  std::setlocale(LC_ALL, "C");
  Json line;
  line["entry"] = "B\xC3\xBCro \"(2)\"\n\t";
  EXPECT_EQ(json_text(line), "{\"entry\":\"B\xC3\xBCro \\\"(2)\\\"\\n\\t\"}");
}

TEST(CliJson, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  Json line;
  line["entry"] = "B\xFCro";
  EXPECT_EQ(json_text(line), "{\"entry\":\"B\xEF\xBF\xBDro\"}");
}

TEST(CliJson, NumbersIgnoreTheLocalesDecimalComma) {
  // A locale that writes 1,5 must not reach the output (it would not be JSON); where no
  // such locale is installed the writer still has to print 1.5.
  std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  Json line;
  line["ratio"] = 1.5;
  EXPECT_EQ(json_text(line), R"({"ratio":1.5})");
  std::setlocale(LC_NUMERIC, "C");
}

}  // namespace
}  // namespace openras::cli
