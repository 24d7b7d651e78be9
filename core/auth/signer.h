#pragma once
// The built-in auth signer: pure functions over bytes with the exact strings to sign of
// docs/protocol.md, "Signatures". HMAC-SHA256, MD5 and SHA-256 come from OpenSSL's libcrypto.
// Sign the bytes you send, never a re-serialization.

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace cs::signer {

QByteArray hmacSha256Hex(const QByteArray &secret, const QByteArray &message);  // lowercase hex
QByteArray md5Hex(const QByteArray &data);
QByteArray sha256(const QByteArray &data);  // raw 32 bytes

struct AppKeys {
    QString key;
    QString secret;
};

struct ChannelAuth {
    QByteArray auth;          // "<key>:<hex>"
    QByteArray channelData;   // presence: the exact JSON bytes that were signed; else empty
    QByteArray sharedSecret;  // private-encrypted: base64 of the per-channel key; else empty
    QByteArray stringToSign;
};

struct UserAuth {
    QByteArray auth;
    QByteArray userData;
    QByteArray stringToSign;
};

// "<socket_id>:<channel>[:<channel_data>]"
QByteArray channelStringToSign(const QString &socketId, const QString &channel, const QByteArray &channelData = {});
QByteArray userStringToSign(const QString &socketId, const QByteArray &userData);  // "<socket_id>::user::<user_data>"

// Validates the socket id and channel name first. channelData is signed byte for byte (presence
// channels need it; it must then be a JSON object with user_id). For private-encrypted channels
// masterKeyBase64 must decode to 32 bytes and sharedSecret is filled in.
Result<ChannelAuth> signChannel(const AppKeys &keys, const QString &socketId, const QString &channel,
                                const QByteArray &channelData = {}, const QByteArray &masterKeyBase64 = {});
// userData must be a JSON object with a non-empty string "id".
Result<UserAuth> signUser(const AppKeys &keys, const QString &socketId, const QByteArray &userData);

// Base64 text -> exactly 32 raw bytes, or an error saying what is wrong.
Result<QByteArray> decodeMasterKey(const QByteArray &masterKeyBase64);
// SHA256(utf8(channel) || masterKey), raw 32 bytes.
QByteArray perChannelKey(const QString &channel, const QByteArray &masterKey);

// REST signing (auth_version 1.0).
using QueryParams = QList<QPair<QString, QString>>;

struct SignedQuery {
    QueryParams
        params;  // the caller's params plus auth_key, auth_timestamp, auth_version, body_md5 (when a body is given) and auth_signature
    QByteArray stringToSign;
    QByteArray signature;
};

// Keys lowercased, sorted by key, "k=v" joined with '&', nothing escaped.
QByteArray canonicalQuery(const QueryParams &params);
QByteArray restStringToSign(const QByteArray &method, const QString &path, const QueryParams &params);
// body may be empty (then no body_md5). Fails if params try to set an auth_* or body_md5 member.
Result<SignedQuery> signRestRequest(const AppKeys &keys, const QByteArray &method, const QString &path,
                                    const QueryParams &params, const QByteArray &body, qint64 timestampSeconds);

// Webhooks: X-Pusher-Signature = hex(HMAC_SHA256(secret, raw body)); constant-time comparison.
QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body);
bool verifyWebhookSignature(const QByteArray &secret, const QByteArray &body, const QByteArray &signatureHex);

// Constant-time comparison of two byte strings.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

}  // namespace cs::signer
