#include "ppp/chap_crypto.h"

#include <gtest/gtest.h>

#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using test::hex;

template <size_t N>
std::vector<uint8_t> vec(const std::array<uint8_t, N>& a) {
  return {a.begin(), a.end()};
}

// RFC 2759 section 9.2, "Sample MS-CHAPv2 Data".
const auto kAuthChallenge = hex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
const auto kPeerChallenge = hex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
const auto kNtResponse =
    hex("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");

TEST(MsChapV2, Rfc2759SampleData) {
  EXPECT_EQ(vec(mschap_challenge_hash(kPeerChallenge, kAuthChallenge, "User")),
            hex("D0 2E 43 86 BC E9 12 26"));
  auto hash = nt_password_hash("clientPass");
  ASSERT_TRUE(hash);
  EXPECT_EQ(vec(*hash), hex("44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE"));
  auto nt = mschap_nt_response(kAuthChallenge, kPeerChallenge, "User", "clientPass");
  ASSERT_TRUE(nt);
  EXPECT_EQ(vec(*nt), kNtResponse);
  auto s = mschap_authenticator_response("clientPass", *nt, kPeerChallenge, kAuthChallenge, "User");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "S=407A5589115FD0D6209F510FE9C04566932CDA56");
}

TEST(MsChapV2, DomainPrefixIsNotHashed) {
  EXPECT_EQ(mschap_hash_user_name("CORP\\User"), "User");
  EXPECT_EQ(mschap_hash_user_name("User"), "User");
  EXPECT_EQ(vec(mschap_challenge_hash(kPeerChallenge, kAuthChallenge, "CORP\\User")),
            hex("D0 2E 43 86 BC E9 12 26"));
}

TEST(MsChapV2, WrongPasswordGivesAnotherResponse) {
  auto nt = mschap_nt_response(kAuthChallenge, kPeerChallenge, "User", "clientPasS");
  ASSERT_TRUE(nt);
  EXPECT_NE(vec(*nt), kNtResponse);
}

TEST(MsChapV2, PasswordThatIsNotUtf8IsAnError) {
  auto hash = nt_password_hash("\xff\xfe");
  ASSERT_FALSE(hash);
  EXPECT_NE(hash.error().message.find("UTF-8"), std::string::npos);
}

TEST(ChapMd5, MatchesTheTranscriptsOfSlirpAndPppd) {
  // slirp: Challenge id=1 from "vm", answer for testpass (ppp-peers.md 1.5.e).
  EXPECT_EQ(vec(chap_md5_response(
                1, "testpass",
                hex("168dc24b5d15d93d46af128fc6f9bb9a243098e70ab756a32aec0d83a50e08bade"))),
            hex("9d285b31d620303615b485825b62cc9f"));
  // pppd in UML: Challenge id=23.
  EXPECT_EQ(vec(chap_md5_response(23, "testpass", hex("7bd8570b1870fbed4156fd6da7913d7c4c"))),
            hex("435ee3980dfc69c3987a99f496b39ba4"));
}

TEST(Wipe, ClearsAString) {
  std::string s = "secret";
  wipe(s);
  EXPECT_TRUE(s.empty());
}

}  // namespace
}  // namespace openras::ppp
