// chap_crypto.h: the computations of CHAP-MD5 (RFC 1994) and MS-CHAPv2 (RFC 2759), on
// nettle's MD4, MD5, SHA-1 and DES. Only the glue RFC 2759 spells out (key spreading,
// concatenations, hex) is written here; every primitive is nettle's.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "ppp/reader.h"

namespace openras::ppp {

using Md5Digest = std::array<uint8_t, 16>;
using PasswordHash = std::array<uint8_t, 16>;
using NtResponse = std::array<uint8_t, 24>;
using ChallengeHash = std::array<uint8_t, 8>;

// MD5(identifier || secret || challenge), RFC 1994 section 4.1.
[[nodiscard]] Md5Digest chap_md5_response(uint8_t id, std::string_view secret, Bytes challenge);

// NtPasswordHash: MD4 of the password as UTF-16LE. An error for a password that is not UTF-8.
[[nodiscard]] Result<PasswordHash> nt_password_hash(std::string_view password_utf8);
// The user name as it goes into ChallengeHash: without a "DOMAIN\" prefix (RFC 2759 4).
[[nodiscard]] std::string_view mschap_hash_user_name(std::string_view user);
[[nodiscard]] ChallengeHash mschap_challenge_hash(Bytes peer_challenge, Bytes auth_challenge,
                                                  std::string_view user);
[[nodiscard]] NtResponse mschap_challenge_response(const ChallengeHash& challenge,
                                                   const PasswordHash& hash);
// GenerateNTResponse (RFC 2759 8.1).
[[nodiscard]] Result<NtResponse> mschap_nt_response(Bytes auth_challenge, Bytes peer_challenge,
                                                    std::string_view user,
                                                    std::string_view password);
// GenerateAuthenticatorResponse (RFC 2759 8.7): "S=" and 40 upper-case hex digits.
[[nodiscard]] Result<std::string> mschap_authenticator_response(std::string_view password,
                                                                const NtResponse& nt_response,
                                                                Bytes peer_challenge,
                                                                Bytes auth_challenge,
                                                                std::string_view user);

// Overwrites memory the compiler may not optimise the write away from.
void wipe(void* p, size_t n) noexcept;
void wipe(std::string& s) noexcept;

}  // namespace openras::ppp
