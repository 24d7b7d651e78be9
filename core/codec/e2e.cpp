#include "e2e.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <sodium.h>

namespace cs::e2e {

namespace {

constexpr qsizetype kKeyBytes = crypto_secretbox_KEYBYTES;
constexpr qsizetype kNonceBytes = crypto_secretbox_NONCEBYTES;
constexpr qsizetype kMacBytes = crypto_secretbox_MACBYTES;
static_assert(kKeyBytes == 32 && kNonceBytes == 24 && kMacBytes == 16);

Error error(ErrorCode code, const QString &message) { return Error{code, message}; }

// sodium_init() is thread-safe and idempotent; the static runs it once per process.
bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Error initError() { return error(ErrorCode::E2eInit, QStringLiteral("libsodium could not be initialised")); }

const unsigned char *bytes(const QByteArray &a) { return reinterpret_cast<const unsigned char *>(a.constData()); }

// A strict base64 decode of one named member; invalid characters are an error, not skipped.
Result<QByteArray> decodeMember(const QJsonObject &obj, const char *name)
{
    const QJsonValue v = obj.value(QLatin1String(name));
    if (!v.isString())
        return error(ErrorCode::E2eFormat,
                     QStringLiteral("Encrypted data has no string member \"%1\"").arg(QLatin1String(name)));
    const auto decoded =
        QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || v.toString().isEmpty())
        return error(ErrorCode::E2eFormat,
                     QStringLiteral("Encrypted data member \"%1\" is not valid base64").arg(QLatin1String(name)));
    return decoded.decoded;
}

Result<QJsonObject> parseEnvelope(const QByteArray &encryptedData)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(encryptedData, &err);
    if (err.error != QJsonParseError::NoError)
        return error(ErrorCode::E2eFormat, QStringLiteral("Encrypted data is not valid JSON (%1 at offset %2)")
                                               .arg(err.errorString())
                                               .arg(err.offset));
    if (!doc.isObject())
        return error(ErrorCode::E2eFormat,
                     QStringLiteral("Encrypted data must be a JSON object with nonce and ciphertext"));
    return doc.object();
}

Result<QByteArray> decodeSharedSecret(const QByteArray &sharedSecretBase64)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(sharedSecretBase64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || sharedSecretBase64.trimmed().isEmpty())
        return error(ErrorCode::E2eKey, QStringLiteral("Shared secret is not valid base64"));
    if (decoded.decoded.size() != kKeyBytes)
        return error(ErrorCode::E2eKey, QStringLiteral("Shared secret must decode to %1 bytes, but decodes to %2")
                                            .arg(kKeyBytes)
                                            .arg(decoded.decoded.size()));
    return decoded.decoded;
}

Status checkLengths(const QByteArray &nonce, const QByteArray &ciphertext)
{
    if (nonce.size() != kNonceBytes)
        return error(ErrorCode::E2eLength,
                     QStringLiteral("Nonce must be %1 bytes, but is %2").arg(kNonceBytes).arg(nonce.size()));
    if (ciphertext.size() < kMacBytes)
        return error(ErrorCode::E2eLength, QStringLiteral("Ciphertext must be at least %1 bytes (the MAC), but is %2")
                                               .arg(kMacBytes)
                                               .arg(ciphertext.size()));
    return {};
}

}  // namespace

Result<QByteArray> decrypt(const QByteArray &encryptedData, const QByteArray &sharedSecretBase64)
{
    if (!sodiumReady())
        return initError();
    const Result<QJsonObject> envelope = parseEnvelope(encryptedData);
    if (!envelope)
        return envelope.error();
    const Result<QByteArray> nonce = decodeMember(*envelope, "nonce");
    if (!nonce)
        return nonce.error();
    const Result<QByteArray> ciphertext = decodeMember(*envelope, "ciphertext");
    if (!ciphertext)
        return ciphertext.error();
    if (Status s = checkLengths(*nonce, *ciphertext); !s)
        return s.error();
    const Result<QByteArray> key = decodeSharedSecret(sharedSecretBase64);
    if (!key)
        return key.error();

    QByteArray plain(ciphertext->size() - kMacBytes, Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()), bytes(*ciphertext),
                                   static_cast<unsigned long long>(ciphertext->size()), bytes(*nonce), bytes(*key))
        != 0)
        return error(ErrorCode::E2eDecrypt, QStringLiteral("Decryption failed: wrong key or tampered data"));
    return plain;
}

Result<QByteArray> encrypt(const QByteArray &plaintext, const QByteArray &key, const QByteArray &nonce)
{
    if (!sodiumReady())
        return initError();
    if (key.size() != kKeyBytes)
        return error(ErrorCode::E2eKey,
                     QStringLiteral("Key must be %1 bytes, but is %2").arg(kKeyBytes).arg(key.size()));
    QByteArray n = nonce;
    if (n.isEmpty()) {
        n.resize(kNonceBytes);
        randombytes_buf(n.data(), size_t(n.size()));
    }
    if (n.size() != kNonceBytes)
        return error(ErrorCode::E2eLength,
                     QStringLiteral("Nonce must be %1 bytes, but is %2").arg(kNonceBytes).arg(n.size()));

    QByteArray box(plaintext.size() + kMacBytes, Qt::Uninitialized);
    if (crypto_secretbox_easy(reinterpret_cast<unsigned char *>(box.data()), bytes(plaintext),
                              static_cast<unsigned long long>(plaintext.size()), bytes(n), bytes(key))
        != 0)
        return error(ErrorCode::E2eEncrypt, QStringLiteral("Encryption failed"));
    // Built by hand so the member order (nonce first) matches the SDKs; base64 needs no escaping.
    return QByteArray("{\"nonce\":\"") + n.toBase64() + "\",\"ciphertext\":\"" + box.toBase64() + "\"}";
}

}  // namespace cs::e2e
