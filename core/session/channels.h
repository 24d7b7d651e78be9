#pragma once
// Subscriptions of one connection: public, private, presence, private-encrypted and cache
// channels; presence rosters; decryption; client events; re-subscription with fresh auth after a
// reconnect; user sign-in (and the #server-to-user-<id> channel that comes with it). Every
// signature the server refuses is explained against what this side signed, in the log and in
// the failure reason.

#include "authorizer.h"
#include "eventdata.h"
#include "explainer.h"
#include "names.h"
#include "protocol.h"
#include "requestbudget.h"
#include "result.h"
#include "signin.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonValue>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <optional>

namespace cs {

class Connection;

enum class SubscriptionState { Pending, Subscribed, Failed, Unsubscribed };
QString subscriptionStateName(SubscriptionState s);  // "pending", "subscribed", "failed", "unsubscribed"

struct Subscription {
    QString name;
    ChannelKind kind;
    SubscriptionState state = SubscriptionState::Pending;
    QString error;                      // why it failed, for the user
    quint64 eventCount = 0;             // events received on this channel
    PresenceIdentity identity;          // for presence channels
    QMap<QString, QJsonValue> members;  // presence roster: id -> user_info
    quint64 rosterRevision = 0;         // bumps on every change of `members`: views sync only then
    QString myUserId;                   // presence: the id we joined with
    QByteArray sharedSecret;            // private-encrypted
    bool cacheMiss = false;
    QByteArray signedString;  // the string to sign of the last subscribe sent: socket id, channel, channel_data
    std::optional<SignatureExplanation> explanation;  // the authorizer's check of that auth, when the secret is known
    // private-encrypted: one key refresh at a time, and not again within kKeyRefreshIntervalMs.
    bool keyRefreshInFlight = false;
    QElapsedTimer lastKeyRefresh;
    QList<protocol::Frame> awaitingKey;  // events that failed to decrypt while a refresh runs (bounded)
};

class ChannelRegistry : public QObject {
    Q_OBJECT
public:
    // The authorizer is used for private/presence/encrypted channels and sign-in; it may be null
    // (then those subscriptions fail with a clear message).
    // appKeys: what the signature explainer compares a server's refusal against (the secret may be
    // empty: then a refusal is reported without a comparison).
    ChannelRegistry(Connection *connection, Authorizer *authorizer, signer::AppKeys appKeys, QObject *parent = nullptr);

    void setAuthorizer(Authorizer *authorizer);

    // Validates the name, remembers the channel and subscribes now (or once connected). Emits
    // subscriptionChanged() before it returns, and subscriptionFailed() too when no authorizer
    // can sign the channel; every other outcome (the authorizer's, the server's) comes later.
    Status subscribe(const QString &channel, const PresenceIdentity &identity = {});
    void unsubscribe(const QString &channel);
    bool contains(const QString &channel) const;
    const Subscription *subscription(const QString &channel) const;
    QStringList channelNames() const;  // in subscription order

    // Client events: `client-` prefix, a subscribed private or presence channel, not encrypted.
    Status sendClientEvent(const QString &channel, const QString &event, const QJsonValue &data);

    // User sign-in (pusher:signin); redone after every reconnect once requested. Each attempt ends
    // in signedIn() or signinFailed(), once (see UserSignin); only a missing authorizer fails
    // before this returns.
    void signin(const PresenceIdentity &identity);
    QString signedInUserId() const { return m_signin.userId(); }
    SigninState signinState() const { return m_signin.state(); }
    // Why the sign-in failed or ended, for the user (empty otherwise).
    QString signinError() const { return m_signin.error(); }
    // The identity sign-in was asked with, if it was.
    std::optional<PresenceIdentity> signinIdentity() const { return m_signin.identity(); }
    // "#server-to-user-<id>" while signed in, else empty.
    QString serverToUserChannel() const;
    // How long the server may stay silent after pusher:signin before the user is told why
    // (soketi ignores pusher:signin when user authentication is not enabled for the app).
    void setSigninAnswerTimeoutMs(int ms) { m_signin.setAnswerTimeoutMs(ms); }
    // Authorizations and sign-ins (each one a request to the auth endpoint and to the server)
    // go through this budget; see requestbudget.h.
    RequestBudget *requestBudget() { return &m_budget; }
    // A failed decryption asks for a fresh key at most once in this long per channel.
    static constexpr int kKeyRefreshIntervalMs = 10'000;
    static constexpr int kMaxAwaitingKey = 64;

Q_SIGNALS:
    void subscriptionChanged(const QString &channel);  // state, error, counters, roster
    void subscriptionSucceeded(const QString &channel);
    // The subscription is Failed: no authorizer, the authorizer failed (its code, its message after
    // "authorization failed: "), the server's pusher:subscription_error (SubscriptionRefused, with
    // its status), pusher:error (Pusher) or a rejected signature (SignatureRejected), or an
    // authorization without the shared secret or channel_data the channel needs.
    // error.message is the reason the user reads.
    void subscriptionFailed(const QString &channel, const cs::Error &error);
    void memberAdded(const QString &channel, const QString &userId, const QJsonValue &info);
    void memberRemoved(const QString &channel, const QString &userId);
    // A channel event (decrypted for encrypted channels: `data` is then the plaintext).
    void eventReceived(const QString &channel, const QString &event, const cs::EventData &data, const QString &userId);
    void signedIn(const QString &userId);
    // The sign-in failed: no authorizer (NoAuthorizer), the authorizer failed (its code, its
    // message after "sign-in failed: "), the server refused it (SigninRefused, SignatureRejected)
    // or stayed silent (SigninTimeout), or answered without a user id (SigninNoUserId).
    void signinFailed(const cs::Error &error);
    // A signed-in connection went: terminated by the app (close 4009) or lost.
    void signedOut(const QString &reason);
    // Any change of signinState(), signedInUserId() or signinError().
    void signinChanged();

private:
    void onConnected(const QString &socketId);
    void onConnectionLost(const QString &reason);
    void onFrame(const protocol::Frame &frame, const QByteArray &raw);
    void onSubscriptionSucceeded(Subscription &sub, const protocol::Frame &frame);
    void onServerError(const protocol::Frame &frame);
    // A server error quoting the string it expected ("Invalid signature: … hex digest of …").
    void onSignatureError(const protocol::ServerError &error);
    void onSignedIn(const QString &userId);
    void onExplained(const QString &channel, const SignatureExplanation &explanation);
    void sendSubscribe(const QString &channel);
    // Asks the authorizer and calls onAuthorized unless the answer is stale or incomplete; then
    // onFailed gets the reason (by default the subscription is marked failed with it).
    void requestAuthorization(const QString &channel, std::function<void(const ChannelAuthorization &)> onAuthorized,
                              std::function<void(const Error &)> onFailed = {});
    // The authorizer's part of requestAuthorization, once the request budget lets it go.
    void authorizeNow(quint64 generation, const QString &channel,
                      const std::function<void(const ChannelAuthorization &)> &onAuthorized,
                      const std::function<void(const Error &)> &onFailed);
    void markFailed(const QString &channel, const Error &error);
    void decryptAndDeliver(const QString &channel, const protocol::Frame &frame, bool mayReauthorize);
    void refreshKey(const QString &channel, const protocol::Frame &frame);

    QPointer<Connection> m_connection;
    signer::AppKeys m_appKeys;
    QPointer<Authorizer> m_authorizer;
    QMap<QString, Subscription> m_subs;
    QStringList m_order;
    quint64 m_generation = 0;  // bumps on every (re)connect: stale auth callbacks are ignored
    RequestBudget m_budget;
    UserSignin m_signin;  // after m_budget, which it uses
};

}  // namespace cs
