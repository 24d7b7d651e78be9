#include "channels.h"

#include "connection.h"
#include "e2e.h"
#include "logstore.h"
#include "presence.h"
#include "refusals.h"

#include <QJsonDocument>
#include <QMetaMethod>

namespace cs {

namespace {

const QString kServerToUserPrefix = QStringLiteral("#server-to-user-");

bool isInternalEvent(const QString &event)
{
    return event.startsWith(QLatin1String("pusher:")) || event.startsWith(QLatin1String("pusher_internal:"));
}

QString userIdFromJson(const QByteArray &json, const QString &member)
{
    const QJsonValue v = QJsonDocument::fromJson(json).object().value(member);
    return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
}

}  // namespace

QString subscriptionStateName(SubscriptionState s)
{
    switch (s) {
    case SubscriptionState::Pending: return QStringLiteral("pending");
    case SubscriptionState::Subscribed: return QStringLiteral("subscribed");
    case SubscriptionState::Failed: return QStringLiteral("failed");
    case SubscriptionState::Unsubscribed: return QStringLiteral("unsubscribed");
    }
    return {};
}

ChannelRegistry::ChannelRegistry(Connection *connection, Authorizer *authorizer, signer::AppKeys appKeys,
                                 QObject *parent)
    : QObject(parent),
      m_connection(connection),
      m_appKeys(appKeys),
      m_signin(connection, &m_budget, appKeys)
{
    connect(connection, &Connection::connected, this, &ChannelRegistry::onConnected);
    connect(connection, &Connection::frameReceived, this, &ChannelRegistry::onFrame);
    connect(connection, &Connection::stateChanged, this,
            [this](ConnectionState current, ConnectionState previous, const QString &reason) {
                if (previous == ConnectionState::Connected && current != ConnectionState::Connected)
                    onConnectionLost(reason);
            });
    // Listeners hear of a sign-in before the server-to-user channel is subscribed.
    connect(&m_signin, &UserSignin::signedIn, this, &ChannelRegistry::signedIn);
    connect(&m_signin, &UserSignin::signedIn, this, &ChannelRegistry::onSignedIn);
    connect(&m_signin, &UserSignin::failed, this, &ChannelRegistry::signinFailed);
    connect(&m_signin, &UserSignin::signedOut, this, &ChannelRegistry::signedOut);
    connect(&m_signin, &UserSignin::changed, this, &ChannelRegistry::signinChanged);
    setAuthorizer(authorizer);
    connect(&m_budget, &RequestBudget::throttled, this, [this](int queued, int delayMs) {
        m_connection->logLocal(
            EntryKind::Auth,
            tr("throttling authorizations: %n request(s) wait, the next in %1 ms (at most %2 at once, "
               "then %3 a second, whatever the server does)",
               nullptr, queued)
                .arg(delayMs)
                .arg(m_budget.burst())
                .arg(m_budget.perSecond()),
            {{QStringLiteral("queued"), queued}, {QStringLiteral("delay_ms"), delayMs}});
    });
}

void ChannelRegistry::setAuthorizer(Authorizer *authorizer)
{
    if (m_authorizer)
        disconnect(m_authorizer, &Authorizer::explained, this, nullptr);
    m_authorizer = authorizer;
    m_signin.setAuthorizer(authorizer);
    if (authorizer)
        connect(authorizer, &Authorizer::explained, this, &ChannelRegistry::onExplained);
}

void ChannelRegistry::onExplained(const QString &channel, const SignatureExplanation &explanation)
{
    if (channel.isEmpty()) {
        m_signin.setExplanation(explanation);
        return;
    }
    if (const auto it = m_subs.find(channel); it != m_subs.end())
        it->explanation = explanation;
}

Status ChannelRegistry::subscribe(const QString &channel, const PresenceIdentity &identity)
{
    const bool internal = channel.startsWith(kServerToUserPrefix);
    if (Status valid = validateChannelName(channel, internal); !valid)
        return valid;
    if (const auto it = m_subs.constFind(channel); it != m_subs.cend() && it->state != SubscriptionState::Failed)
        return {};  // already subscribed or on its way
    Subscription sub;
    sub.name = channel;
    sub.kind = channelKindOf(channel);
    sub.identity = identity;
    if (!m_subs.contains(channel))
        m_order.append(channel);
    m_subs.insert(channel, sub);
    Q_EMIT subscriptionChanged(channel);
    if (m_connection->state() == ConnectionState::Connected)
        sendSubscribe(channel);
    return {};
}

void ChannelRegistry::unsubscribe(const QString &channel)
{
    const auto it = m_subs.find(channel);
    if (it == m_subs.end())
        return;
    if (m_connection->state() == ConnectionState::Connected && it->state != SubscriptionState::Failed)
        m_connection->sendFrame(protocol::buildUnsubscribe(channel), EntryKind::Subscription, channel,
                                QStringLiteral("pusher:unsubscribe"));
    m_subs.erase(it);
    m_order.removeAll(channel);
    Q_EMIT subscriptionChanged(channel);
}

bool ChannelRegistry::contains(const QString &channel) const { return m_subs.contains(channel); }

const Subscription *ChannelRegistry::subscription(const QString &channel) const
{
    const auto it = m_subs.constFind(channel);
    return it == m_subs.cend() ? nullptr : &*it;
}

QStringList ChannelRegistry::channelNames() const { return m_order; }

Status ChannelRegistry::sendClientEvent(const QString &channel, const QString &event, const QJsonValue &data)
{
    if (Status valid = validateClientEventName(event); !valid)
        return valid;
    const Subscription *sub = subscription(channel);
    if (!sub)
        return Error{ErrorCode::NotSubscribed, tr("not subscribed to %1").arg(channel)};
    if (sub->kind.type == ChannelType::PrivateEncrypted)
        return Error{ErrorCode::ClientEventEncrypted, tr("client events cannot be sent on encrypted channels")};
    if (sub->kind.type != ChannelType::Private && sub->kind.type != ChannelType::Presence)
        return Error{ErrorCode::ClientEventPublic, tr("client events need a private or presence channel")};
    if (sub->state != SubscriptionState::Subscribed)
        return Error{ErrorCode::NotSubscribed, tr("the subscription to %1 is %2, not confirmed yet")
                                                   .arg(channel, subscriptionStateName(sub->state))};
    return m_connection->sendFrame(protocol::buildClientEvent(channel, event, data), EntryKind::ClientEvent, channel,
                                   event);
}

void ChannelRegistry::signin(const PresenceIdentity &identity) { m_signin.signin(identity); }

QString ChannelRegistry::serverToUserChannel() const
{
    const QString id = m_signin.userId();
    return id.isEmpty() ? QString() : kServerToUserPrefix + id;
}

void ChannelRegistry::onConnected(const QString &)
{
    ++m_generation;
    // Every channel comes back with fresh auth for the new socket id, failed ones included.
    const QStringList names = m_order;  // slots may subscribe or unsubscribe meanwhile
    for (const QString &name : names)
        if (m_subs.contains(name))
            sendSubscribe(name);
    m_signin.onConnected();
}

void ChannelRegistry::onConnectionLost(const QString &reason)
{
    ++m_generation;
    m_budget.dropAll();  // they were for the old socket id
    m_signin.onConnectionLost(reason);
    const QStringList names = m_order;  // slots may subscribe or unsubscribe meanwhile
    for (const QString &name : names) {
        if (!m_subs.contains(name))
            continue;
        Subscription &sub = m_subs[name];
        sub.state = SubscriptionState::Pending;
        sub.members.clear();
        ++sub.rosterRevision;
        Q_EMIT subscriptionChanged(name);
    }
}

void ChannelRegistry::sendSubscribe(const QString &channel)
{
    Subscription &sub = m_subs[channel];
    sub.state = SubscriptionState::Pending;
    sub.error.clear();
    sub.members.clear();
    ++sub.rosterRevision;
    sub.cacheMiss = false;
    sub.signedString.clear();
    sub.explanation.reset();
    sub.keyRefreshInFlight = false;  // an answer for the old socket is ignored, so it never clears this
    sub.awaitingKey.clear();
    Q_EMIT subscriptionChanged(channel);

    if (!needsAuthorization(sub.kind.type)) {
        m_connection->sendFrame(protocol::buildSubscribe(channel), EntryKind::Subscription, channel,
                                QStringLiteral("pusher:subscribe"));
        return;
    }
    if (!m_authorizer) {
        markFailed(channel,
                   Error{ErrorCode::NoAuthorizer,
                         tr("%1 channels need authorization: add the app secret or an auth endpoint to the profile")
                             .arg(channelTypeName(sub.kind.type))});
        return;
    }
    requestAuthorization(channel, [this, channel](const ChannelAuthorization &auth) {
        Subscription &s = m_subs[channel];
        if (s.kind.type == ChannelType::Presence)
            s.myUserId = userIdFromJson(auth.channelData, QStringLiteral("user_id"));
        s.sharedSecret = auth.sharedSecret;
        // What the server will recompute: kept to explain a refusal part by part.
        s.signedString = signer::channelStringToSign(m_connection->socketId(), channel, auth.channelData);
        m_connection->sendFrame(protocol::buildSubscribe(channel, auth.auth, auth.channelData), EntryKind::Subscription,
                                channel, QStringLiteral("pusher:subscribe"));
    });
}

void ChannelRegistry::requestAuthorization(const QString &channel,
                                           std::function<void(const ChannelAuthorization &)> onAuthorized,
                                           std::function<void(const Error &)> onFailed)
{
    const quint64 generation = m_generation;
    const QPointer<ChannelRegistry> guard(this);
    if (!onFailed)
        onFailed = [this, channel](const Error &error) { markFailed(channel, error); };
    m_budget.run([guard, generation, channel, onAuthorized, onFailed] {
        // It may have waited for the budget: the connection or the channel may have gone since.
        if (!guard || generation != guard->m_generation || !guard->m_subs.contains(channel) || !guard->m_authorizer)
            return;
        guard->authorizeNow(generation, channel, onAuthorized, onFailed);
    });
}

void ChannelRegistry::authorizeNow(quint64 generation, const QString &channel,
                                   const std::function<void(const ChannelAuthorization &)> &onAuthorized,
                                   const std::function<void(const Error &)> &onFailed)
{
    const QPointer<ChannelRegistry> guard(this);
    m_authorizer->authorizeChannel(
        {m_connection->socketId(), channel, m_subs[channel].identity},
        [guard, generation, channel, onAuthorized, onFailed](const Result<ChannelAuthorization> &result) {
            // Ignore answers that arrive after a reconnect or an unsubscribe.
            if (!guard || generation != guard->m_generation || !guard->m_subs.contains(channel))
                return;
            const Subscription &s = guard->m_subs[channel];
            if (!result) {
                const Error &cause = result.error();
                onFailed(Error{cause.code, tr("authorization failed: %1").arg(cause.message), cause.detail});
                return;
            }
            if (s.kind.type == ChannelType::PrivateEncrypted && result->sharedSecret.isEmpty()) {
                onFailed(Error{ErrorCode::AuthNoSharedSecret,
                               tr("No shared_secret key in auth payload for encrypted channel: %1").arg(channel)});
                return;
            }
            if (s.kind.type == ChannelType::Presence && result->channelData.isEmpty()) {
                onFailed(Error{ErrorCode::AuthNoChannelData,
                               tr("the authorization for presence channel %1 has no channel_data").arg(channel)});
                return;
            }
            onAuthorized(*result);
        });
}

void ChannelRegistry::markFailed(const QString &channel, const Error &error)
{
    const auto it = m_subs.find(channel);
    if (it == m_subs.end())
        return;
    it->state = SubscriptionState::Failed;
    it->error = error.message;
    m_connection->logLocal(EntryKind::Error, tr("subscription to %1 failed: %2").arg(channel, error.message), {},
                           channel);
    Q_EMIT subscriptionChanged(channel);
    Q_EMIT subscriptionFailed(channel, error);
}

void ChannelRegistry::onFrame(const protocol::Frame &frame, const QByteArray &)
{
    const QString &event = frame.event;
    if (event == QLatin1String("pusher:signin_success")) {
        m_signin.onSuccess(frame);
        return;
    }
    if (event == QLatin1String("pusher:error")) {
        onServerError(frame);
        return;
    }
    const auto it = m_subs.find(frame.channel);
    if (frame.channel.isEmpty() || it == m_subs.end())
        return;
    Subscription &sub = *it;
    if (event == QLatin1String("pusher_internal:subscription_succeeded")) {
        onSubscriptionSucceeded(sub, frame);
    } else if (event == QLatin1String("pusher:subscription_error")) {
        const auto err = protocol::parseSubscriptionError(frame);
        QString reason = tr("the server refused the subscription: %1").arg(err.error.isEmpty() ? err.type : err.error);
        if (err.status)
            reason += tr(" (status %1)").arg(err.status);
        if (err.status == 401)
            reason += explainRefusedSubscription(sub.explanation, sub.name, m_appKeys, m_connection);
        markFailed(sub.name, Error{ErrorCode::SubscriptionRefused, reason, err.status});
    } else if (event == QLatin1String("pusher_internal:member_added")) {
        if (const auto added = presence::addMember(sub, frame, m_connection)) {
            Q_EMIT memberAdded(sub.name, added->userId, added->userInfo);
            Q_EMIT subscriptionChanged(sub.name);
        }
    } else if (event == QLatin1String("pusher_internal:member_removed")) {
        if (const auto removed = presence::removeMember(sub, frame)) {
            Q_EMIT memberRemoved(sub.name, *removed);
            Q_EMIT subscriptionChanged(sub.name);
        }
    } else if (event == QLatin1String("pusher:cache_miss")) {
        sub.cacheMiss = true;
        m_connection->logLocal(EntryKind::Subscription, tr("cache miss on %1: nothing cached yet").arg(sub.name), {},
                               sub.name, event);
        Q_EMIT subscriptionChanged(sub.name);
    } else if (!isInternalEvent(event)) {
        ++sub.eventCount;
        if (sub.kind.type == ChannelType::PrivateEncrypted)
            decryptAndDeliver(sub.name, frame, true);
        else
            // The reader left the data as sent: a consumer decodes it only if it wants it.
            Q_EMIT eventReceived(sub.name, event, EventData::fromFrame(frame), frame.userId);
        Q_EMIT subscriptionChanged(sub.name);
    }
}

void ChannelRegistry::onSubscriptionSucceeded(Subscription &sub, const protocol::Frame &frame)
{
    sub.state = SubscriptionState::Subscribed;
    sub.error.clear();
    if (sub.kind.type == ChannelType::Presence)
        presence::takeRoster(sub, frame, m_connection);
    Q_EMIT subscriptionChanged(sub.name);
    Q_EMIT subscriptionSucceeded(sub.name);
}

void ChannelRegistry::onServerError(const protocol::Frame &frame)
{
    const auto err = protocol::parseServerError(frame);
    if (isSignatureErrorMessage(err.message)) {
        onSignatureError(err);
        return;
    }
    if (err.code && *err.code == 4009) {
        m_signin.onServer4009(err.message);
        return;
    }
    const QString channel = err.channel.isEmpty() ? channelFromSignatureError(err.message) : err.channel;
    const auto it = m_subs.find(channel);
    if (it != m_subs.end() && it->state == SubscriptionState::Pending)
        markFailed(channel, Error{ErrorCode::Pusher, tr("the server refused the subscription: %1").arg(err.message),
                                  err.code.value_or(0)});
}

void ChannelRegistry::onSignatureError(const protocol::ServerError &error)
{
    // The server quotes the string it expected; compare it with the one signed here.
    const bool signin = error.message.contains(QLatin1String("::user::"));
    QString channel;
    QByteArray signedHere;
    if (signin) {
        signedHere = m_signin.signedString();
    } else {
        channel = error.channel.isEmpty() ? channelFromSignatureError(error.message) : error.channel;
        if (const auto it = m_subs.constFind(channel); it != m_subs.cend())
            signedHere = it->signedString;
    }
    const SignatureExplanation e = explainServerSignatureError(m_appKeys, error.message, signedHere);
    const QString what = signin ? tr("the sign-in") : channel;
    m_connection->logLocal(EntryKind::Auth, tr("the server rejected the signature for %1: %2").arg(what, e.summary),
                           {{QStringLiteral("server_message"), error.message},
                            {QStringLiteral("explanation"), e.toJson()}},
                           channel);
    const QString reason = tr("the server rejected the signature: %1").arg(e.summary);
    if (signin) {
        m_signin.onSignatureRejected(reason);
        return;
    }
    const auto it = m_subs.find(channel);
    if (it != m_subs.end() && it->state == SubscriptionState::Pending)
        markFailed(channel, Error{ErrorCode::SignatureRejected, reason});
}

void ChannelRegistry::decryptAndDeliver(const QString &channel, const protocol::Frame &frame, bool mayReauthorize)
{
    const Subscription &sub = m_subs[channel];
    const QByteArray encrypted = frame.dataString.isEmpty()
                                     ? QJsonDocument(frame.data.toObject()).toJson(QJsonDocument::Compact)
                                     : frame.dataString.toUtf8();
    const auto plain = e2e::decrypt(encrypted, sub.sharedSecret);
    if (plain) {
        QJsonValue data = protocol::decodeData(QJsonValue(QString::fromUtf8(*plain)));
        m_connection->logLocal(EntryKind::Event, tr("decrypted %1 on %2").arg(frame.event, channel),
                               {{QStringLiteral("data"), data}, {QStringLiteral("decrypted"), true}}, channel,
                               frame.event);
        Q_EMIT eventReceived(channel, frame.event, EventData(data), frame.userId);
        return;
    }
    if (!mayReauthorize || !m_authorizer) {
        m_connection->logLocal(EntryKind::Error,
                               tr("could not decrypt %1 on %2: %3 (is the encryption master key the server's?)")
                                   .arg(frame.event, channel, plain.error().message),
                               {}, channel, frame.event);
        return;
    }
    refreshKey(channel, frame);
}

void ChannelRegistry::refreshKey(const QString &channel, const protocol::Frame &frame)
{
    // pusher-js: the key may have rotated; fetch a fresh shared secret once and try again. A
    // server sending undecryptable events must not make each one a request: one refresh at a
    // time (later events wait for its key), and none again for a while after it.
    Subscription &sub = m_subs[channel];
    if (sub.keyRefreshInFlight) {
        if (sub.awaitingKey.size() < kMaxAwaitingKey)
            sub.awaitingKey.append(frame);
        else
            m_connection->logLocal(EntryKind::Error,
                                   tr("could not decrypt %1 on %2: %3 events already wait for the key being fetched; "
                                      "dropping this one")
                                       .arg(frame.event, channel)
                                       .arg(kMaxAwaitingKey),
                                   {}, channel, frame.event);
        return;
    }
    if (sub.lastKeyRefresh.isValid() && sub.lastKeyRefresh.elapsed() < kKeyRefreshIntervalMs) {
        m_connection->logLocal(EntryKind::Error,
                               tr("could not decrypt %1 on %2: a fresh key was fetched %3 s ago and did not help; not "
                                  "asking again before %4 s (is the encryption master key the server's?)")
                                   .arg(frame.event, channel)
                                   .arg(sub.lastKeyRefresh.elapsed() / 1000)
                                   .arg(kKeyRefreshIntervalMs / 1000),
                               {}, channel, frame.event);
        return;
    }
    sub.keyRefreshInFlight = true;
    sub.lastKeyRefresh.start();
    sub.awaitingKey = {frame};
    m_connection->logLocal(EntryKind::Auth,
                           tr("decryption failed on %1; re-authorizing once for a fresh key").arg(channel), {}, channel,
                           frame.event);
    // The subscription itself stays up: a failed key refresh only costs these events (as in pusher-js).
    auto takeWaiting = [this, channel] {
        Subscription &s = m_subs[channel];
        s.keyRefreshInFlight = false;
        return std::exchange(s.awaitingKey, {});
    };
    requestAuthorization(
        channel,
        [this, channel, takeWaiting](const ChannelAuthorization &auth) {
            m_subs[channel].sharedSecret = auth.sharedSecret;
            for (const protocol::Frame &waiting : takeWaiting())
                decryptAndDeliver(channel, waiting, false);
        },
        [this, channel, takeWaiting](const Error &error) {
            for (const protocol::Frame &waiting : takeWaiting())
                m_connection->logLocal(EntryKind::Error,
                                       tr("could not decrypt %1 on %2: fetching a fresh key failed: %3")
                                           .arg(waiting.event, channel, error.message),
                                       {}, channel, waiting.event);
        });
}

void ChannelRegistry::onSignedIn(const QString &id)
{
    // As pusher-js does: server-to-user events arrive on this internal channel. A channel left
    // from signing in as someone else goes.
    const QStringList names = m_order;
    for (const QString &name : names) {
        if (name.startsWith(kServerToUserPrefix) && name != kServerToUserPrefix + id)
            unsubscribe(name);
    }
    subscribe(kServerToUserPrefix + id);
}

}  // namespace cs
