#pragma once
// Subscriptions of one connection: public, private, presence, private-encrypted and cache
// channels; presence rosters; decryption; client events; re-subscription with fresh auth after a
// reconnect; user sign-in.

#include "authorizer.h"
#include "names.h"
#include "protocol.h"

#include <QHash>
#include <QJsonValue>
#include <QMap>
#include <QObject>
#include <QPointer>

namespace cs {

class Connection;

enum class SubscriptionState { Pending, Subscribed, Failed, Unsubscribed };
QString subscriptionStateName(SubscriptionState s);  // "pending", "subscribed", "failed", "unsubscribed"

struct Subscription {
    QString name;
    ChannelKind kind;
    SubscriptionState state = SubscriptionState::Pending;
    QString error;                 // why it failed, for the user
    quint64 eventCount = 0;        // events received on this channel
    PresenceIdentity identity;     // for presence channels
    QMap<QString, QJsonValue> members;  // presence roster: id -> user_info
    QString myUserId;              // presence: the id we joined with
    QByteArray sharedSecret;       // private-encrypted
    bool cacheMiss = false;
};

class ChannelRegistry : public QObject {
    Q_OBJECT
public:
    // The authorizer is used for private/presence/encrypted channels and sign-in; it may be null
    // (then those subscriptions fail with a clear message).
    ChannelRegistry(Connection *connection, Authorizer *authorizer, QObject *parent = nullptr);

    void setAuthorizer(Authorizer *authorizer);

    // Validates the name, remembers the channel and subscribes now (or once connected).
    Status subscribe(const QString &channel, const PresenceIdentity &identity = {});
    void unsubscribe(const QString &channel);
    bool contains(const QString &channel) const;
    const Subscription *subscription(const QString &channel) const;
    QStringList channelNames() const;  // in subscription order

    // Client events: `client-` prefix, a subscribed private or presence channel, not encrypted.
    Status sendClientEvent(const QString &channel, const QString &event, const QJsonValue &data);

    // User sign-in (pusher:signin); redone after every reconnect once requested.
    void signin(const PresenceIdentity &identity);
    QString signedInUserId() const;

Q_SIGNALS:
    void subscriptionChanged(const QString &channel);  // state, error, counters, roster
    void subscriptionSucceeded(const QString &channel);
    void subscriptionFailed(const QString &channel, const QString &reason);
    void memberAdded(const QString &channel, const QString &userId, const QJsonValue &info);
    void memberRemoved(const QString &channel, const QString &userId);
    // A channel event (decrypted for encrypted channels: `data` is then the plaintext).
    void eventReceived(const QString &channel, const QString &event, const QJsonValue &data, const QString &userId);
    void signedIn(const QString &userId);
    void signinFailed(const QString &reason);

private:
    void onConnected(const QString &socketId);
    void onConnectionLost();
    void onFrame(const protocol::Frame &frame, const QByteArray &raw);
    void onSubscriptionSucceeded(Subscription &sub, const protocol::Frame &frame);
    void onMemberAdded(Subscription &sub, const protocol::Frame &frame);
    void onMemberRemoved(Subscription &sub, const protocol::Frame &frame);
    void onServerError(const protocol::Frame &frame);
    void onSigninSuccess(const protocol::Frame &frame);
    void sendSubscribe(const QString &channel);
    // Asks the authorizer and calls onAuthorized unless the answer is stale or incomplete; then
    // onFailed gets the reason (by default the subscription is marked failed with it).
    void requestAuthorization(const QString &channel, std::function<void(const ChannelAuthorization &)> onAuthorized,
                              std::function<void(const QString &)> onFailed = {});
    void markFailed(const QString &channel, const QString &reason);
    void decryptAndDeliver(const QString &channel, const protocol::Frame &frame, bool mayReauthorize);
    void doSignin();

    QPointer<Connection> m_connection;
    QPointer<Authorizer> m_authorizer;
    QMap<QString, Subscription> m_subs;
    QStringList m_order;
    std::optional<PresenceIdentity> m_signinIdentity;
    QString m_signedInUserId;
    quint64 m_generation = 0;  // bumps on every (re)connect: stale auth callbacks are ignored
};

} // namespace cs
