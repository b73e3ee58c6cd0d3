// dialog_watch_test.cpp: DialogWatch (session.h) and its hooks (dialog_watch.h): which
// hang-ups reach which watch, and each watch once.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "session/dialog_watch.h"
#include "session/session.h"

namespace openras::session {
namespace {

ConnectionIdentity of(std::string phonebook, std::string entry) {
  ConnectionIdentity c;
  c.phonebook = std::move(phonebook);
  c.entry = std::move(entry);
  return c;
}

TEST(DialogWatch, AHangUpElsewhereReachesTheWatchesOfItsEntryOnce) {
  std::vector<std::string> heard;
  std::vector<std::string> other;
  DialogWatch watch("/pbk/rasphone.pbk", "Contoso",
                    [&](const std::string& why) { heard.push_back(why); });
  DialogWatch unrelated("/pbk/rasphone.pbk", "Fabrikam",
                        [&](const std::string& why) { other.push_back(why); });
  hung_up_elsewhere(of("/pbk/other.pbk", "Contoso"), "another phone book");
  EXPECT_TRUE(heard.empty()) << "an entry of the same name in another phone book";
  hung_up_elsewhere(of("/pbk/rasphone.pbk", "CONTOSO"), "hung up");
  ASSERT_EQ(heard.size(), 1U) << "entry names compare as RAS compares them";
  EXPECT_EQ(heard[0], "hung up");
  hung_up_elsewhere(of("", "Contoso"), "again");
  EXPECT_EQ(heard.size(), 1U) << "a watch hears once";
  EXPECT_TRUE(other.empty());
}

TEST(DialogWatch, ARasHangUpOnTheDialogsOwnThreadIsNotAHostCancel) {
  int heard = 0;
  DialogWatch watch("", "Contoso", [&](const std::string&) { ++heard; });
  hung_up_here(of("/pbk/rasphone.pbk", "Contoso"));
  EXPECT_EQ(heard, 0) << "the dialog's own thread hung up its dial";
  std::thread other([] { hung_up_here(of("/pbk/rasphone.pbk", "Contoso")); });
  other.join();
  EXPECT_EQ(heard, 1) << "another thread's RasHangUp";
}

TEST(DialogWatch, AWatchThatHasGoneHearsNothing) {
  int heard = 0;
  {
    DialogWatch watch("", "Contoso", [&](const std::string&) { ++heard; });
  }
  hung_up_elsewhere(of("", "Contoso"), "after the dialog");
  EXPECT_EQ(heard, 0);
}

}  // namespace
}  // namespace openras::session
