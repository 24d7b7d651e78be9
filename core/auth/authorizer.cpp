#include "authorizer.h"

#include "connection.h"
#include "deliverlater.h"
#include "names.h"

#include <QJsonDocument>

namespace cs {

void Authorizer::setConnection(Connection *connection) { m_connection = connection; }
Connection *Authorizer::connection() const { return m_connection; }

SignerAuthorizer::SignerAuthorizer(signer::AppKeys keys, QByteArray masterKeyBase64, QObject *parent)
    : Authorizer(parent),
      m_keys(std::move(keys)),
      m_masterKey(std::move(masterKeyBase64))
{}

QString SignerAuthorizer::describe() const { return tr("built-in signer"); }

QByteArray SignerAuthorizer::presenceChannelData(const PresenceIdentity &identity)
{
    QJsonObject o{{QStringLiteral("user_id"), identity.userId}};
    if (!identity.userInfo.isEmpty())
        o.insert(QStringLiteral("user_info"), identity.userInfo);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray SignerAuthorizer::userData(const PresenceIdentity &identity)
{
    QJsonObject o{{QStringLiteral("id"), identity.userId}};
    if (!identity.userInfo.isEmpty())
        o.insert(QStringLiteral("user_info"), identity.userInfo);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void SignerAuthorizer::authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback)
{
    const ChannelKind kind = channelKindOf(request.channel);
    QByteArray channelData;
    if (kind.type == ChannelType::Presence) {
        if (request.identity.userId.isEmpty()) {
            const Error e{ErrorCode::PresenceNoUser,
                          tr("presence channels need a user id: set one in the presence identity")};
            log(request.channel, e.message, {});
            deliverLater(this, [callback, e] { callback(e); });
            return;
        }
        channelData = presenceChannelData(request.identity);
    }
    const QByteArray masterKey = kind.type == ChannelType::PrivateEncrypted ? m_masterKey : QByteArray();
    if (kind.type == ChannelType::PrivateEncrypted && masterKey.isEmpty()) {
        const Error e{
            ErrorCode::NoMasterKey,
            tr("private-encrypted channels need the encryption master key (base64, 32 bytes) in the profile")};
        log(request.channel, e.message, {});
        deliverLater(this, [callback, e] { callback(e); });
        return;
    }
    auto signedAuth = signer::signChannel(m_keys, request.socketId, request.channel, channelData, masterKey);
    if (!signedAuth) {
        log(request.channel, tr("could not sign %1: %2").arg(request.channel, signedAuth.error().message), {});
        deliverLater(this, [callback, e = signedAuth.error()] { callback(e); });
        return;
    }
    const SignatureExplanation explanation =
        explainChannelAuth(m_keys, request.socketId, request.channel, signedAuth->channelData, signedAuth->auth);
    QJsonObject details{{QStringLiteral("authorizer"), describe()},
                        {QStringLiteral("socket_id"), request.socketId},
                        {QStringLiteral("string_to_sign"), QString::fromUtf8(signedAuth->stringToSign)},
                        {QStringLiteral("auth"), QString::fromUtf8(signedAuth->auth)},
                        {QStringLiteral("explanation"), explanation.toJson()}};
    if (!signedAuth->channelData.isEmpty())
        details.insert(QStringLiteral("channel_data"), QString::fromUtf8(signedAuth->channelData));
    if (!signedAuth->sharedSecret.isEmpty())
        details.insert(QStringLiteral("shared_secret"), QStringLiteral("(derived from the master key; not logged)"));
    log(request.channel, tr("signed %1 with the built-in signer").arg(request.channel), details);
    Q_EMIT explained(request.channel, explanation);
    deliverLater(this, [callback, auth = ChannelAuthorization{signedAuth->auth, signedAuth->channelData,
                                                              signedAuth->sharedSecret}] { callback(auth); });
}

void SignerAuthorizer::authenticateUser(const QString &socketId, const PresenceIdentity &identity,
                                        UserCallback callback)
{
    if (identity.userId.isEmpty()) {
        const Error e{ErrorCode::SigninNoUser, tr("sign-in needs a user id")};
        log({}, e.message, {});
        deliverLater(this, [callback, e] { callback(e); });
        return;
    }
    auto signedUser = signer::signUser(m_keys, socketId, userData(identity));
    if (!signedUser) {
        log({}, tr("could not sign the user: %1").arg(signedUser.error().message), {});
        deliverLater(this, [callback, e = signedUser.error()] { callback(e); });
        return;
    }
    const SignatureExplanation explanation = explainUserAuth(m_keys, socketId, signedUser->userData, signedUser->auth);
    log({}, tr("signed user %1 with the built-in signer").arg(identity.userId),
        {{QStringLiteral("authorizer"), describe()},
         {QStringLiteral("socket_id"), socketId},
         {QStringLiteral("string_to_sign"), QString::fromUtf8(signedUser->stringToSign)},
         {QStringLiteral("auth"), QString::fromUtf8(signedUser->auth)},
         {QStringLiteral("user_data"), QString::fromUtf8(signedUser->userData)},
         {QStringLiteral("explanation"), explanation.toJson()}});
    Q_EMIT explained(QString(), explanation);
    deliverLater(this,
                 [callback, user = UserAuthorization{signedUser->auth, signedUser->userData}] { callback(user); });
}

void SignerAuthorizer::log(const QString &channel, const QString &message, const QJsonObject &details)
{
    if (Connection *c = connection())
        c->logLocal(EntryKind::Auth, message, details, channel);
}

}  // namespace cs
