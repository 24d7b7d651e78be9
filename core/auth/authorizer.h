#pragma once
// How a subscription or a sign-in gets its signature. Two implementations: the built-in signer
// (the secret never leaves the machine) and the user's own HTTP auth endpoint.
// Both say what they did through the log (string to sign, or HTTP request and response), and
// both attach a signature explanation to their auth entries whenever the profile knows the
// secret ("explanation" in the entry's details), so that any auth in the log can be explained.

#include "explainer.h"
#include "result.h"
#include "signer.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace cs {

class Connection;

// Who the user is on presence channels and for sign-in.
struct PresenceIdentity {
    QString userId;
    QJsonObject userInfo;  // may be empty
};

struct ChannelAuthRequest {
    QString socketId;
    QString channel;
    PresenceIdentity identity;  // used for presence channels
};

struct ChannelAuthorization {
    QByteArray auth;
    QByteArray channelData;   // presence only: sent exactly as received/signed
    QByteArray sharedSecret;  // private-encrypted only
};

struct UserAuthorization {
    QByteArray auth;
    QByteArray userData;
};

class Authorizer : public QObject {
    Q_OBJECT
public:
    using ChannelCallback = std::function<void(const Result<ChannelAuthorization> &)>;
    using UserCallback = std::function<void(const Result<UserAuthorization> &)>;

    using QObject::QObject;
    // Both calls answer through their callback: exactly once, on this object's thread, and never
    // before the call returns (a failure found at once or a local signature is delivered queued).
    // The callback does not run if the authorizer is destroyed first.
    virtual void authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback) = 0;
    virtual void authenticateUser(const QString &socketId, const PresenceIdentity &identity, UserCallback callback) = 0;
    virtual QString describe() const = 0;  // "built-in signer", "endpoint https://…"

    // Where the authorizer logs what it did: the session's connection, which Session sets when it
    // takes the authorizer. Null: nothing is logged.
    virtual void setConnection(Connection *connection);
    Connection *connection() const;

Q_SIGNALS:
    // After each signature checked with the profile's secret (channel empty for the user sign-in).
    void explained(const QString &channel, const cs::SignatureExplanation &explanation);

private:
    QPointer<Connection> m_connection;
};

// Signs locally with the app secret. Logs the string to sign (never the secret) and its
// explanation (always a match: it is the profile's own signature, shown for comparison) during
// the call; the signature reaches the callback once the call has returned.
class SignerAuthorizer : public Authorizer {
    Q_OBJECT
public:
    SignerAuthorizer(signer::AppKeys keys, QByteArray masterKeyBase64, QObject *parent = nullptr);
    void authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback) override;
    void authenticateUser(const QString &socketId, const PresenceIdentity &identity, UserCallback callback) override;
    QString describe() const override;

    // {"user_id":"…","user_info":{…}} compact, user_info left out when empty.
    static QByteArray presenceChannelData(const PresenceIdentity &identity);
    // {"id":"…","user_info":{…}} compact.
    static QByteArray userData(const PresenceIdentity &identity);

private:
    void log(const QString &channel, const QString &message, const QJsonObject &details);

    signer::AppKeys m_keys;
    QByteArray m_masterKey;
};

}  // namespace cs
