#pragma once
// End-to-end encryption of private-encrypted channels: XSalsa20-Poly1305 (libsodium secretbox,
// "easy" layout MAC||cipher); docs/protocol.md, "End-to-end encryption".

#include "result.h"

#include <QByteArray>

namespace cs::e2e {

// Decrypts the JSON {"nonce":"<b64>","ciphertext":"<b64>"} with the base64 shared secret.
// Errors: not JSON / missing members (code "e2e-format"), bad lengths, authentication failure
// ("e2e-decrypt": wrong key or tampered data).
Result<QByteArray> decrypt(const QByteArray &encryptedData, const QByteArray &sharedSecretBase64);
// Encrypts plaintext with the raw 32-byte key and the given 24-byte nonce (random when empty);
// returns {"nonce":"…","ciphertext":"…"} as compact JSON, nonce first.
Result<QByteArray> encrypt(const QByteArray &plaintext, const QByteArray &key, const QByteArray &nonce = {});

}  // namespace cs::e2e
