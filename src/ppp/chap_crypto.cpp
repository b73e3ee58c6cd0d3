// chap_crypto.cpp: see chap_crypto.h.
#include "ppp/chap_crypto.h"

#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/md5.h>
#include <nettle/sha1.h>

#include <cstring>

#include "base/utf.h"

namespace openras::ppp {
namespace {

using Sha1Digest = std::array<uint8_t, SHA1_DIGEST_SIZE>;

// RFC 2759 8.6's two constants: "Magic server to client signing constant" and
// "Pad to make it do more than one iteration".
constexpr char kMagic1[] = "Magic server to client signing constant";
constexpr char kMagic2[] = "Pad to make it do more than one iteration";

void sha1_part(sha1_ctx& ctx, Bytes b) {
  if (!b.empty()) sha1_update(&ctx, b.size(), b.data());
}
void sha1_part(sha1_ctx& ctx, std::string_view s) {
  sha1_update(&ctx, s.size(), reinterpret_cast<const uint8_t*>(s.data()));
}

// DesEncrypt (RFC 2759 8.6): the 56 key bits go into the top seven bits of eight bytes.
void des_encrypt_block(const uint8_t key7[7], const uint8_t clear[8], uint8_t out[8]) {
  uint8_t key[8];
  key[0] = key7[0];
  for (int i = 1; i < 7; ++i) {
    key[i] = static_cast<uint8_t>(key7[i - 1] << (8 - i) | key7[i] >> i);
  }
  key[7] = static_cast<uint8_t>(key7[6] << 1);
  des_fix_parity(8, key, key);
  des_ctx ctx;
  des_set_key(&ctx, key);  // a weak key is still a key here: MS-CHAP uses whatever results
  des_encrypt(&ctx, 8, out, clear);
  wipe(key, sizeof key);
  wipe(&ctx, sizeof ctx);
}

}  // namespace

void wipe(void* p, size_t n) noexcept {
  if (p != nullptr) explicit_bzero(p, n);
}
void wipe(std::string& s) noexcept {
  wipe(s.data(), s.size());
  s.clear();
}

Md5Digest chap_md5_response(uint8_t id, std::string_view secret, Bytes challenge) {
  md5_ctx ctx;
  md5_init(&ctx);
  md5_update(&ctx, 1, &id);
  if (!secret.empty())
    md5_update(&ctx, secret.size(), reinterpret_cast<const uint8_t*>(secret.data()));
  if (!challenge.empty()) md5_update(&ctx, challenge.size(), challenge.data());
  Md5Digest out;
  md5_digest(&ctx, out.size(), out.data());
  wipe(&ctx, sizeof ctx);
  return out;
}

Result<PasswordHash> nt_password_hash(std::string_view password_utf8) {
  auto wide = utf8_to_wide(password_utf8);
  if (!wide) return fail(wide.error().code, "password is not valid UTF-8: " + wide.error().message);
  auto unicode = wide_to_utf16le(*wide);
  wipe(wide->data(), wide->size() * sizeof(wchar_t));
  if (!unicode) return fail(unicode.error());
  md4_ctx ctx;
  md4_init(&ctx);
  md4_update(&ctx, unicode->size(), reinterpret_cast<const uint8_t*>(unicode->data()));
  PasswordHash out;
  md4_digest(&ctx, out.size(), out.data());
  wipe(*unicode);
  wipe(&ctx, sizeof ctx);
  return out;
}

std::string_view mschap_hash_user_name(std::string_view user) {
  size_t slash = user.rfind('\\');
  return slash == std::string_view::npos ? user : user.substr(slash + 1);
}

ChallengeHash mschap_challenge_hash(Bytes peer_challenge, Bytes auth_challenge,
                                    std::string_view user) {
  sha1_ctx ctx;
  sha1_init(&ctx);
  sha1_part(ctx, peer_challenge);
  sha1_part(ctx, auth_challenge);
  sha1_part(ctx, mschap_hash_user_name(user));
  Sha1Digest digest;
  sha1_digest(&ctx, digest.size(), digest.data());
  ChallengeHash out;
  std::memcpy(out.data(), digest.data(), out.size());
  return out;
}

NtResponse mschap_challenge_response(const ChallengeHash& challenge, const PasswordHash& hash) {
  uint8_t z[21] = {};
  std::memcpy(z, hash.data(), hash.size());
  NtResponse out;
  for (int i = 0; i < 3; ++i) des_encrypt_block(z + 7 * i, challenge.data(), out.data() + 8 * i);
  wipe(z, sizeof z);
  return out;
}

Result<NtResponse> mschap_nt_response(Bytes auth_challenge, Bytes peer_challenge,
                                      std::string_view user, std::string_view password) {
  ChallengeHash challenge = mschap_challenge_hash(peer_challenge, auth_challenge, user);
  auto hash = nt_password_hash(password);
  if (!hash) return fail(hash.error());
  NtResponse out = mschap_challenge_response(challenge, *hash);
  wipe(hash->data(), hash->size());
  return out;
}

Result<std::string> mschap_authenticator_response(std::string_view password,
                                                  const NtResponse& nt_response,
                                                  Bytes peer_challenge, Bytes auth_challenge,
                                                  std::string_view user) {
  auto hash = nt_password_hash(password);
  if (!hash) return fail(hash.error());
  uint8_t hash_hash[MD4_DIGEST_SIZE];
  md4_ctx md4;
  md4_init(&md4);
  md4_update(&md4, hash->size(), hash->data());
  md4_digest(&md4, sizeof hash_hash, hash_hash);
  wipe(hash->data(), hash->size());

  Sha1Digest digest;
  sha1_ctx ctx;
  sha1_init(&ctx);
  sha1_part(ctx, Bytes(hash_hash, sizeof hash_hash));
  sha1_part(ctx, nt_response);
  sha1_part(ctx, std::string_view(kMagic1, sizeof kMagic1 - 1));
  sha1_digest(&ctx, digest.size(), digest.data());
  wipe(hash_hash, sizeof hash_hash);

  ChallengeHash challenge = mschap_challenge_hash(peer_challenge, auth_challenge, user);
  sha1_init(&ctx);
  sha1_part(ctx, digest);
  sha1_part(ctx, challenge);
  sha1_part(ctx, std::string_view(kMagic2, sizeof kMagic2 - 1));
  sha1_digest(&ctx, digest.size(), digest.data());

  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "S=";
  for (uint8_t b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace openras::ppp
