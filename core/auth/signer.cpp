#include "signer.h"

#include "names.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <optional>

namespace cs::signer {

namespace {

QByteArray evpDigest(const EVP_MD *md, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), out, &len, md, nullptr) != 1)
        return {};  // only on allocation failure inside OpenSSL
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

Error keysError()
{
    return Error{ErrorCode::MissingAppKeys, QStringLiteral("The app key and secret must both be set to sign")};
}

Status checkKeys(const AppKeys &keys)
{
    if (keys.key.isEmpty() || keys.secret.isEmpty())
        return keysError();
    return {};
}

QByteArray authValue(const AppKeys &keys, const QByteArray &stringToSign)
{
    return keys.key.toUtf8() + ':' + hmacSha256Hex(keys.secret.toUtf8(), stringToSign);
}

std::optional<QJsonObject> parseObject(const QByteArray &json, QString *why)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        *why = QStringLiteral("is not valid JSON (%1 at offset %2)").arg(err.errorString()).arg(err.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *why = QStringLiteral("must be a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

// Presence channel_data: a JSON object whose user_id is a non-empty string or a number.
Status checkPresenceChannelData(const QByteArray &channelData)
{
    const auto fail = [](const QString &what) {
        return Error{ErrorCode::InvalidChannelData, QStringLiteral("Presence channel_data %1").arg(what)};
    };
    if (channelData.isEmpty())
        return fail(QStringLiteral("is required (a JSON object with user_id)"));
    QString why;
    const std::optional<QJsonObject> obj = parseObject(channelData, &why);
    if (!obj)
        return fail(why);
    const QJsonValue id = obj->value(QLatin1String("user_id"));
    if (id.isDouble() || (id.isString() && !id.toString().isEmpty()))
        return {};
    return fail(id.isUndefined() ? QStringLiteral("has no user_id")
                                 : QStringLiteral("user_id must be a non-empty string or a number"));
}

Status checkUserData(const QByteArray &userData)
{
    const auto fail = [](const QString &what) {
        return Error{ErrorCode::InvalidUserData, QStringLiteral("user_data %1").arg(what)};
    };
    QString why;
    const std::optional<QJsonObject> obj = parseObject(userData, &why);
    if (!obj)
        return fail(why);
    const QJsonValue id = obj->value(QLatin1String("id"));
    if (id.isString() && !id.toString().isEmpty())
        return {};
    return fail(id.isUndefined() ? QStringLiteral("has no id") : QStringLiteral("id must be a non-empty string"));
}

Result<QByteArray> sharedSecretFor(const QString &channel, const QByteArray &masterKeyBase64)
{
    if (masterKeyBase64.isEmpty())
        return Error{ErrorCode::MissingMasterKey,
                     QStringLiteral("Channel %1 is encrypted: an encryption master key is required").arg(channel)};
    const Result<QByteArray> key = decodeMasterKey(masterKeyBase64);
    if (!key)
        return key.error();
    return perChannelKey(channel, *key).toBase64();
}

const QByteArray kReservedParams[] = {"auth_key", "auth_timestamp", "auth_version", "auth_signature", "body_md5"};

Status checkCallerParams(const QueryParams &params)
{
    for (const auto &[name, value] : params) {
        const QByteArray lower = name.toLower().toUtf8();
        if (std::find(std::begin(kReservedParams), std::end(kReservedParams), lower) != std::end(kReservedParams))
            return Error{ErrorCode::ReservedQueryParam,
                         QStringLiteral("Query parameter '%1' is set by the signer and cannot be given").arg(name)};
    }
    return {};
}

}  // namespace

QByteArray hmacSha256Hex(const QByteArray &secret, const QByteArray &message)
{
    // HMAC pads the key with zero bytes, so "" and "\0" are the same key; OpenSSL 3 refuses a
    // zero-length key, the single zero byte keeps the result correct.
    const QByteArray key = secret.isEmpty() ? QByteArray(1, '\0') : secret;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()),
              reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()), out, &len))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(len)).toHex();
}

QByteArray md5Hex(const QByteArray &data) { return evpDigest(EVP_md5(), data).toHex(); }

QByteArray sha256(const QByteArray &data) { return evpDigest(EVP_sha256(), data); }

QByteArray channelStringToSign(const QString &socketId, const QString &channel, const QByteArray &channelData)
{
    QByteArray s = socketId.toUtf8() + ':' + channel.toUtf8();
    if (!channelData.isEmpty())
        s += ':' + channelData;
    return s;
}

QByteArray userStringToSign(const QString &socketId, const QByteArray &userData)
{
    return socketId.toUtf8() + "::user::" + userData;
}

Result<ChannelAuth> signChannel(const AppKeys &keys, const QString &socketId, const QString &channel,
                                const QByteArray &channelData, const QByteArray &masterKeyBase64)
{
    if (Status s = checkKeys(keys); !s)
        return s.error();
    if (Status s = validateSocketId(socketId); !s)
        return s.error();
    if (Status s = validateChannelName(channel); !s)
        return s.error();
    const ChannelType type = channelKindOf(channel).type;
    // Only presence needs channel_data in a fixed shape; elsewhere any given bytes are signed
    // as they are (the node SDK signs a bare JSON string on a public channel).
    if (type == ChannelType::Presence) {
        if (Status s = checkPresenceChannelData(channelData); !s)
            return s.error();
    }
    ChannelAuth auth;
    if (type == ChannelType::PrivateEncrypted) {
        const Result<QByteArray> secret = sharedSecretFor(channel, masterKeyBase64);
        if (!secret)
            return secret.error();
        auth.sharedSecret = *secret;
    }
    auth.stringToSign = channelStringToSign(socketId, channel, channelData);
    auth.auth = authValue(keys, auth.stringToSign);
    auth.channelData = channelData;
    return auth;
}

Result<UserAuth> signUser(const AppKeys &keys, const QString &socketId, const QByteArray &userData)
{
    if (Status s = checkKeys(keys); !s)
        return s.error();
    if (Status s = validateSocketId(socketId); !s)
        return s.error();
    if (Status s = checkUserData(userData); !s)
        return s.error();
    UserAuth auth;
    auth.stringToSign = userStringToSign(socketId, userData);
    auth.auth = authValue(keys, auth.stringToSign);
    auth.userData = userData;
    return auth;
}

Result<QByteArray> decodeMasterKey(const QByteArray &masterKeyBase64)
{
    const auto fail = [](const QString &what) {
        return Error{ErrorCode::InvalidMasterKey, QStringLiteral("Encryption master key %1").arg(what)};
    };
    // Outer whitespace comes from pasting; anything inside still fails the strict decode.
    const QByteArray text = masterKeyBase64.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("is empty"));
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(QStringLiteral("is not valid base64"));
    if (decoded.decoded.size() != 32)
        return fail(QStringLiteral("must decode to 32 bytes, but decodes to %1").arg(decoded.decoded.size()));
    return decoded.decoded;
}

QByteArray perChannelKey(const QString &channel, const QByteArray &masterKey)
{
    return sha256(channel.toUtf8() + masterKey);
}

QByteArray canonicalQuery(const QueryParams &params)
{
    QList<QPair<QByteArray, QByteArray>> pairs;
    pairs.reserve(params.size());
    for (const auto &[name, value] : params)
        pairs.append({name.toLower().toUtf8(), value.toUtf8()});
    // Byte order on the key; the value breaks ties so repeated keys come out deterministic.
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[name, value] : pairs) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

QByteArray restStringToSign(const QByteArray &method, const QString &path, const QueryParams &params)
{
    return method.toUpper() + '\n' + path.toUtf8() + '\n' + canonicalQuery(params);
}

Result<SignedQuery> signRestRequest(const AppKeys &keys, const QByteArray &method, const QString &path,
                                    const QueryParams &params, const QByteArray &body, qint64 timestampSeconds)
{
    if (Status s = checkKeys(keys); !s)
        return s.error();
    if (Status s = checkCallerParams(params); !s)
        return s.error();
    SignedQuery q;
    q.params = params;
    q.params.append({QStringLiteral("auth_key"), keys.key});
    q.params.append({QStringLiteral("auth_timestamp"), QString::number(timestampSeconds)});
    q.params.append({QStringLiteral("auth_version"), QStringLiteral("1.0")});
    if (!body.isEmpty())
        q.params.append({QStringLiteral("body_md5"), QString::fromLatin1(md5Hex(body))});
    q.stringToSign = restStringToSign(method, path, q.params);
    q.signature = hmacSha256Hex(keys.secret.toUtf8(), q.stringToSign);
    q.params.append({QStringLiteral("auth_signature"), QString::fromLatin1(q.signature)});
    return q;
}

QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body) { return hmacSha256Hex(secret, body); }

bool verifyWebhookSignature(const QByteArray &secret, const QByteArray &body, const QByteArray &signatureHex)
{
    // Hex case carries no meaning; the header may be upper case.
    return constantTimeEquals(webhookSignature(secret, body), signatureHex.trimmed().toLower());
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // The length is not secret (a signature is always 64 hex digits); the content is.
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

}  // namespace cs::signer
