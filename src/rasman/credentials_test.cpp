// credentials_test.cpp: the all-users credential file.
#include "rasman/credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/fs.h"
#include "support.h"

namespace openras::rasman {
namespace {

TEST(Credentials, StoreFetchReplaceDelete) {
  testing::TempDir dir;
  CredentialStore store(dir.file("var/lib/openras/credentials"));
  EXPECT_EQ(store.fetch("/pbk", "Office").error().code, Errc::kNotFound);
  ASSERT_TRUE(store.store("/pbk", "Office", {"alice", "s3cret\tpass%\n", "CORP"}));
  ASSERT_TRUE(store.store("/pbk", "Home", {"bob", "pw", ""}));
  auto office = store.fetch("/pbk", "Office");
  ASSERT_TRUE(office) << office.error().message;
  EXPECT_EQ(office->user, "alice");
  EXPECT_EQ(office->password, "s3cret\tpass%\n");
  EXPECT_EQ(office->domain, "CORP");
  EXPECT_EQ(store.fetch("/other.pbk", "Office").error().code, Errc::kNotFound);
  ASSERT_TRUE(store.store("/pbk", "Office", {"carol", "x", ""}));
  EXPECT_EQ(store.fetch("/pbk", "Office")->user, "carol");
  EXPECT_EQ(store.fetch("/pbk", "Home")->user, "bob");
  ASSERT_TRUE(store.store("/pbk", "Office", {}));
  EXPECT_EQ(store.fetch("/pbk", "Office").error().code, Errc::kNotFound);

  struct stat st {};
  ASSERT_EQ(::stat(store.file().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.file("var/lib/openras/credentials").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(Credentials, PercentEncodingRoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  std::string encoded = percent_encode(all);
  EXPECT_EQ(encoded.find('\t'), std::string::npos);
  EXPECT_EQ(encoded.find('\n'), std::string::npos);
  EXPECT_EQ(*percent_decode(encoded), all);
  EXPECT_FALSE(percent_decode("%4"));
  EXPECT_FALSE(percent_decode("%zz"));
}

TEST(Credentials, ACorruptFileIsAnErrorNotAGuess) {
  testing::TempDir dir;
  CredentialStore store(dir.path());
  testing::write_file(store.file(), "only\ttwo\n");
  auto fetched = store.fetch("only", "two");
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().code, Errc::kInvalidData);
  EXPECT_NE(fetched.error().message.find("line 1"), std::string::npos);
  EXPECT_FALSE(store.store("a", "b", {"u", "p", "d"})) << "never overwrites what it cannot read";
}

}  // namespace
}  // namespace openras::rasman
