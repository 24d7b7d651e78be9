#include "channels.h"

#include "connection.h"
#include "e2e.h"
#include "logstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaMethod>
#include <QRegularExpression>

namespace cs {

namespace {

const QString kServerToUserPrefix = QStringLiteral("#server-to-user-");

bool isInternalEvent(const QString &event)
{
    return event.startsWith(QLatin1String("pusher:")) || event.startsWith(QLatin1String("pusher_internal:"));
}

// Hosted Pusher reports a bad signature as a pusher:error without a channel member, quoting the
// expected string to sign: "… hex digest of 1234.5678:private-x[:channel_data], but got …".
QString channelFromSignatureError(const QString &message)
{
    // Channel names hold no ':' but may hold ',': the name ends at ':' (channel_data follows) or
    // at ", but got".
    static const QRegularExpression re(QStringLiteral("digest of \\d+\\.\\d+:([^:\\s]+?)(?::|, but got)"));
    const auto m = re.match(message);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString userIdFromJson(const QByteArray &json, const QString &member)
{
    const QJsonValue v = QJsonDocument::fromJson(json).object().value(member);
    return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
}

// The authorizer's check of an auth the server then refused. A signature that matches this
// profile's key and secret can only be refused because the server has another secret for the key.
SignatureExplanation refusedByServer(const SignatureExplanation &own, const QString &appKey)
{
    if (!own.matches())
        return own;
    SignatureExplanation e = own;
    e.verdict = SignatureExplanation::Verdict::SecretDiffers;
    e.summary = ChannelRegistry::tr("the server refused a signature that matches this profile's key and secret: "
                                    "the server has another secret for app key \"%1\"")
                    .arg(appKey);
    e.details << ChannelRegistry::tr("key, socket id, channel and data were signed as the server expects them, "
                                     "so only the secret can differ");
    return e;
}

} // namespace

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

ChannelRegistry::ChannelRegistry(Connection *connection, Authorizer *authorizer, signer::AppKeys appKeys, QObject *parent)
    : QObject(parent), m_connection(connection), m_appKeys(std::move(appKeys))
{
    connect(connection, &Connection::connected, this, &ChannelRegistry::onConnected);
    connect(connection, &Connection::frameReceived, this, &ChannelRegistry::onFrame);
    connect(connection, &Connection::stateChanged, this,
            [this](ConnectionState current, ConnectionState previous, const QString &reason) {
                if (previous == ConnectionState::Connected && current != ConnectionState::Connected)
                    onConnectionLost(reason);
            });
    m_signinAnswerTimer.setSingleShot(true);
    connect(&m_signinAnswerTimer, &QTimer::timeout, this, [this] {
        if (m_signinState != SigninState::Pending)
            return;
        const QString reason = tr("no answer to pusher:signin within %1 s: user authentication may not be enabled for "
                                  "this app (soketi ignores pusher:signin unless it is)")
                                   .arg(m_signinAnswerTimeoutMs / 1000.0);
        m_connection->logLocal(EntryKind::Error, reason);
        setSigninState(SigninState::Failed, reason);
        Q_EMIT signinFailed(reason);
    });
    setAuthorizer(authorizer);
    connect(&m_budget, &RequestBudget::throttled, this, [this](int queued, int delayMs) {
        m_connection->logLocal(EntryKind::Auth,
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
    if (authorizer)
        connect(authorizer, &Authorizer::explained, this, &ChannelRegistry::onExplained);
}

void ChannelRegistry::onExplained(const QString &channel, const SignatureExplanation &explanation)
{
    if (channel.isEmpty()) {
        m_signinExplanation = explanation;
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

bool ChannelRegistry::contains(const QString &channel) const
{
    return m_subs.contains(channel);
}

const Subscription *ChannelRegistry::subscription(const QString &channel) const
{
    const auto it = m_subs.constFind(channel);
    return it == m_subs.cend() ? nullptr : &*it;
}

QStringList ChannelRegistry::channelNames() const
{
    return m_order;
}

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
        return Error{ErrorCode::NotSubscribed,
                     tr("the subscription to %1 is %2, not confirmed yet").arg(channel, subscriptionStateName(sub->state))};
    return m_connection->sendFrame(protocol::buildClientEvent(channel, event, data), EntryKind::ClientEvent, channel, event);
}

void ChannelRegistry::signin(const PresenceIdentity &identity)
{
    m_signinIdentity = identity;
    if (m_connection->state() == ConnectionState::Connected)
        doSignin();
    else
        setSigninState(SigninState::Pending);  // signs in once connected
}

QString ChannelRegistry::signedInUserId() const
{
    return m_signedInUserId;
}

QString ChannelRegistry::serverToUserChannel() const
{
    return m_signedInUserId.isEmpty() ? QString() : kServerToUserPrefix + m_signedInUserId;
}

void ChannelRegistry::setSigninState(SigninState state, const QString &error)
{
    m_signinState = state;
    m_signinError = error;
    Q_EMIT signinChanged();
}

void ChannelRegistry::onConnected(const QString &)
{
    ++m_generation;
    // Every channel comes back with fresh auth for the new socket id, failed ones included.
    const QStringList names = m_order;  // slots may subscribe or unsubscribe meanwhile
    for (const QString &name : names)
        if (m_subs.contains(name))
            sendSubscribe(name);
    if (m_signinIdentity)
        doSignin();
}

void ChannelRegistry::onConnectionLost(const QString &reason)
{
    ++m_generation;
    m_budget.dropAll();  // they were for the old socket id
    m_signinAnswerTimer.stop();
    if (m_signinState == SigninState::SignedIn) {
        const QString why = m_terminatedReason.isEmpty()
            ? tr("the connection closed (%1); signing in again when it reconnects").arg(reason)
            : tr("the app terminated the connections of user %1 (\"%2\", close 4009); not reconnecting, as pusher-js does")
                  .arg(m_signedInUserId, m_terminatedReason);
        m_connection->logLocal(m_terminatedReason.isEmpty() ? EntryKind::Signin : EntryKind::Error, tr("signed out: %1").arg(why),
                               {{QStringLiteral("user_id"), m_signedInUserId}, {QStringLiteral("reason"), why}});
        m_signedInUserId.clear();  // before the signals: serverToUserChannel() is empty from now on
        setSigninState(SigninState::SignedOut, why);
        Q_EMIT signedOut(why);
    }
    m_terminatedReason.clear();
    m_signedInUserId.clear();
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
        markFailed(channel, tr("%1 channels need authorization: add the app secret or an auth endpoint to the profile")
                                .arg(channelTypeName(sub.kind.type)));
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

void ChannelRegistry::requestAuthorization(const QString &channel, std::function<void(const ChannelAuthorization &)> onAuthorized,
                                           std::function<void(const QString &)> onFailed)
{
    const quint64 generation = m_generation;
    const QPointer<ChannelRegistry> guard(this);
    if (!onFailed)
        onFailed = [this, channel](const QString &reason) { markFailed(channel, reason); };
    m_budget.run([guard, generation, channel, onAuthorized, onFailed] {
        // It may have waited for the budget: the connection or the channel may have gone since.
        if (!guard || generation != guard->m_generation || !guard->m_subs.contains(channel) || !guard->m_authorizer)
            return;
        guard->authorizeNow(generation, channel, onAuthorized, onFailed);
    });
}

void ChannelRegistry::authorizeNow(quint64 generation, const QString &channel,
                                   const std::function<void(const ChannelAuthorization &)> &onAuthorized,
                                   const std::function<void(const QString &)> &onFailed)
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
                onFailed(tr("authorization failed: %1").arg(result.error().message));
                return;
            }
            if (s.kind.type == ChannelType::PrivateEncrypted && result->sharedSecret.isEmpty()) {
                onFailed(tr("No shared_secret key in auth payload for encrypted channel: %1").arg(channel));
                return;
            }
            if (s.kind.type == ChannelType::Presence && result->channelData.isEmpty()) {
                onFailed(tr("the authorization for presence channel %1 has no channel_data").arg(channel));
                return;
            }
            onAuthorized(*result);
        });
}

void ChannelRegistry::markFailed(const QString &channel, const QString &reason)
{
    const auto it = m_subs.find(channel);
    if (it == m_subs.end())
        return;
    it->state = SubscriptionState::Failed;
    it->error = reason;
    m_connection->logLocal(EntryKind::Error, tr("subscription to %1 failed: %2").arg(channel, reason), {}, channel);
    Q_EMIT subscriptionChanged(channel);
    Q_EMIT subscriptionFailed(channel, reason);
}

void ChannelRegistry::onFrame(const protocol::Frame &frame, const QByteArray &)
{
    const QString &event = frame.event;
    if (event == QLatin1String("pusher:signin_success")) {
        onSigninSuccess(frame);
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
            reason += explainRefusedSubscription(sub);
        markFailed(sub.name, reason);
    } else if (event == QLatin1String("pusher_internal:member_added")) {
        onMemberAdded(sub, frame);
    } else if (event == QLatin1String("pusher_internal:member_removed")) {
        onMemberRemoved(sub, frame);
    } else if (event == QLatin1String("pusher:cache_miss")) {
        sub.cacheMiss = true;
        m_connection->logLocal(EntryKind::Subscription, tr("cache miss on %1: nothing cached yet").arg(sub.name), {}, sub.name,
                               event);
        Q_EMIT subscriptionChanged(sub.name);
    } else if (!isInternalEvent(event)) {
        ++sub.eventCount;
        if (sub.kind.type == ChannelType::PrivateEncrypted)
            decryptAndDeliver(sub.name, frame, true);
        else if (isSignalConnected(QMetaMethod::fromSignal(&ChannelRegistry::eventReceived)))
            // The reader left the data as sent: decoding it costs as much as the whole frame.
            Q_EMIT eventReceived(sub.name, event, protocol::decodedData(frame), frame.userId);
        Q_EMIT subscriptionChanged(sub.name);
    }
}

void ChannelRegistry::onSubscriptionSucceeded(Subscription &sub, const protocol::Frame &frame)
{
    sub.state = SubscriptionState::Subscribed;
    sub.error.clear();
    if (sub.kind.type == ChannelType::Presence) {
        int leftOut = frame.presenceLeftOut;
        if (frame.presenceMembers)  // built on the reader thread: taken, not copied
            sub.members = std::exchange(*frame.presenceMembers, {});
        else
            sub.members = protocol::presenceMembers(frame, &leftOut).value_or(QMap<QString, QJsonValue>());
        if (leftOut > 0)
            m_connection->logLocal(EntryKind::Error,
                                   tr("%n member(s) of %1 sent a user_info over %2 KiB: not kept (the raw frame has it)", nullptr, leftOut)
                                       .arg(sub.name)
                                       .arg(protocol::kMaxUserInfoBytes / 1024),
                                   {}, sub.name);
        ++sub.rosterRevision;
        // The whole roster is in the frame's raw bytes; the entry names the first ones.
        constexpr int kLoggedMembers = 1000;
        QJsonArray ids;
        for (auto it = sub.members.cbegin(); it != sub.members.cend() && ids.size() < kLoggedMembers; ++it)
            ids.append(it.key());
        QJsonObject details{{QStringLiteral("members"), ids}, {QStringLiteral("member_count"), int(sub.members.size())}};
        if (sub.members.size() > kLoggedMembers)
            details.insert(QStringLiteral("members_truncated"), true);
        m_connection->logLocal(EntryKind::Presence,
                               tr("joined %1 as %2: %n member(s)", nullptr, int(sub.members.size())).arg(sub.name, sub.myUserId),
                               details, sub.name);
    }
    Q_EMIT subscriptionChanged(sub.name);
    Q_EMIT subscriptionSucceeded(sub.name);
}

void ChannelRegistry::onMemberAdded(Subscription &sub, const protocol::Frame &frame)
{
    auto change = protocol::parseMemberChange(frame);
    if (!change || sub.members.contains(change->userId))
        return;
    bool leftOut = false;
    change->userInfo = protocol::boundedUserInfo(change->userInfo, &leftOut);
    if (leftOut)
        m_connection->logLocal(EntryKind::Error,
                               tr("member %1 of %2 sent a user_info over %3 KiB: not kept (the raw frame has it)")
                                   .arg(change->userId, sub.name)
                                   .arg(protocol::kMaxUserInfoBytes / 1024),
                               {}, sub.name);
    sub.members.insert(change->userId, change->userInfo);
    ++sub.rosterRevision;
    Q_EMIT memberAdded(sub.name, change->userId, change->userInfo);
    Q_EMIT subscriptionChanged(sub.name);
}

void ChannelRegistry::onMemberRemoved(Subscription &sub, const protocol::Frame &frame)
{
    const auto change = protocol::parseMemberChange(frame);
    if (!change || !sub.members.remove(change->userId))
        return;
    ++sub.rosterRevision;
    Q_EMIT memberRemoved(sub.name, change->userId);
    Q_EMIT subscriptionChanged(sub.name);
}

void ChannelRegistry::onServerError(const protocol::Frame &frame)
{
    const auto err = protocol::parseServerError(frame);
    if (isSignatureErrorMessage(err.message)) {
        onSignatureError(err);
        return;
    }
    if (err.code && *err.code == 4009) {
        // soketi: a refused sign-in, the user-authentication timeout, or terminate_connections.
        if (m_signinState == SigninState::Pending) {
            onSigninRefused(err.message);
        } else if (m_signinState == SigninState::SignedIn) {
            m_terminatedReason = err.message;
            m_connection->logLocal(EntryKind::Signin,
                                   tr("the server is disconnecting signed-in user %1: \"%2\" (close code 4009: the app "
                                      "terminated the user's connections; no reconnect follows)")
                                       .arg(m_signedInUserId, err.message),
                                   {{QStringLiteral("user_id"), m_signedInUserId}, {QStringLiteral("server_message"), err.message}});
        } else {
            m_connection->logLocal(EntryKind::Error,
                                   tr("the server refuses this connection (4009 \"%1\"): with user authentication enabled, "
                                      "a connection must sign in, or subscribe to a private or presence channel, in time")
                                       .arg(err.message));
        }
        return;
    }
    const QString channel = err.channel.isEmpty() ? channelFromSignatureError(err.message) : err.channel;
    const auto it = m_subs.find(channel);
    if (it != m_subs.end() && it->state == SubscriptionState::Pending)
        markFailed(channel, tr("the server refused the subscription: %1").arg(err.message));
}

void ChannelRegistry::onSignatureError(const protocol::ServerError &error)
{
    // The server quotes the string it expected; compare it with the one signed here.
    const bool signin = error.message.contains(QLatin1String("::user::"));
    QString channel;
    QByteArray signedHere;
    if (signin) {
        signedHere = m_signinString;
    } else {
        channel = error.channel.isEmpty() ? channelFromSignatureError(error.message) : error.channel;
        if (const auto it = m_subs.constFind(channel); it != m_subs.cend())
            signedHere = it->signedString;
    }
    const SignatureExplanation e = explainServerSignatureError(m_appKeys, error.message, signedHere);
    const QString what = signin ? tr("the sign-in") : channel;
    m_connection->logLocal(EntryKind::Auth, tr("the server rejected the signature for %1: %2").arg(what, e.summary),
                           {{QStringLiteral("server_message"), error.message}, {QStringLiteral("explanation"), e.toJson()}},
                           channel);
    const QString reason = tr("the server rejected the signature: %1").arg(e.summary);
    if (signin) {
        if (m_signinState == SigninState::Pending) {
            m_signinAnswerTimer.stop();
            setSigninState(SigninState::Failed, reason);
            Q_EMIT signinFailed(reason);
        }
        return;
    }
    const auto it = m_subs.find(channel);
    if (it != m_subs.end() && it->state == SubscriptionState::Pending)
        markFailed(channel, reason);
}

QString ChannelRegistry::explainRefusedSubscription(Subscription &sub)
{
    const QString fallback = tr("; the signature did not match: check the app key and secret");
    if (!sub.explanation || sub.explanation->verdict == SignatureExplanation::Verdict::Unknown)
        return fallback;
    const SignatureExplanation e = refusedByServer(*sub.explanation, m_appKeys.key);
    m_connection->logLocal(EntryKind::Auth, tr("the server refused the signature for %1: %2").arg(sub.name, e.summary),
                           {{QStringLiteral("explanation"), e.toJson()}}, sub.name);
    return QStringLiteral("; ") + e.summary;
}

void ChannelRegistry::onSigninRefused(const QString &serverMessage)
{
    m_signinAnswerTimer.stop();
    QString reason = tr("the server refused the sign-in (\"%1\")").arg(serverMessage);
    if (m_signinExplanation && m_signinExplanation->verdict != SignatureExplanation::Verdict::Unknown) {
        const SignatureExplanation e = refusedByServer(*m_signinExplanation, m_appKeys.key);
        reason += QStringLiteral(": ") + e.summary;
        m_connection->logLocal(EntryKind::Auth, tr("the server refused the sign-in signature: %1").arg(e.summary),
                               {{QStringLiteral("server_message"), serverMessage}, {QStringLiteral("explanation"), e.toJson()}});
    }
    m_connection->logLocal(EntryKind::Error, tr("sign-in failed: %1").arg(reason));
    setSigninState(SigninState::Failed, reason);
    Q_EMIT signinFailed(reason);
}

void ChannelRegistry::decryptAndDeliver(const QString &channel, const protocol::Frame &frame, bool mayReauthorize)
{
    const Subscription &sub = m_subs[channel];
    const QByteArray encrypted = frame.dataString.isEmpty() ? QJsonDocument(frame.data.toObject()).toJson(QJsonDocument::Compact)
                                                            : frame.dataString.toUtf8();
    const auto plain = e2e::decrypt(encrypted, sub.sharedSecret);
    if (plain) {
        QJsonValue data = protocol::decodeData(QJsonValue(QString::fromUtf8(*plain)));
        m_connection->logLocal(EntryKind::Event, tr("decrypted %1 on %2").arg(frame.event, channel),
                               {{QStringLiteral("data"), data}, {QStringLiteral("decrypted"), true}}, channel, frame.event);
        Q_EMIT eventReceived(channel, frame.event, data, frame.userId);
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
                                      "dropping this one").arg(frame.event, channel).arg(kMaxAwaitingKey),
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
    m_connection->logLocal(EntryKind::Auth, tr("decryption failed on %1; re-authorizing once for a fresh key").arg(channel), {},
                           channel, frame.event);
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
        [this, channel, takeWaiting](const QString &reason) {
            for (const protocol::Frame &waiting : takeWaiting())
                m_connection->logLocal(EntryKind::Error,
                                       tr("could not decrypt %1 on %2: fetching a fresh key failed: %3").arg(waiting.event, channel, reason),
                                       {}, channel, waiting.event);
        });
}

void ChannelRegistry::doSignin()
{
    if (!m_authorizer) {
        const QString reason = tr("sign-in needs the app secret or a user-authentication endpoint");
        m_connection->logLocal(EntryKind::Error, reason);
        setSigninState(SigninState::Failed, reason);
        Q_EMIT signinFailed(reason);
        return;
    }
    setSigninState(SigninState::Pending);
    m_signinString.clear();
    m_signinExplanation.reset();
    const quint64 generation = m_generation;
    const QPointer<ChannelRegistry> guard(this);
    m_budget.run([guard, generation] {
        if (guard && generation == guard->m_generation && guard->m_authorizer && guard->m_signinIdentity)
            guard->authenticateNow(generation);
    });
}

void ChannelRegistry::authenticateNow(quint64 generation)
{
    const QString socketId = m_connection->socketId();
    const QPointer<ChannelRegistry> guard(this);
    m_authorizer->authenticateUser(socketId, *m_signinIdentity, [guard, generation, socketId](const Result<UserAuthorization> &result) {
        if (!guard || generation != guard->m_generation)
            return;
        if (!result) {
            const QString reason = tr("sign-in failed: %1").arg(result.error().message);
            guard->m_connection->logLocal(EntryKind::Error, reason);
            guard->setSigninState(SigninState::Failed, reason);
            Q_EMIT guard->signinFailed(reason);
            return;
        }
        guard->m_signinString = signer::userStringToSign(socketId, result->userData);
        guard->m_connection->sendFrame(protocol::buildSignin(result->auth, result->userData), EntryKind::Signin, {},
                                       QStringLiteral("pusher:signin"));
        guard->m_signinAnswerTimer.start(guard->m_signinAnswerTimeoutMs);
    });
}

void ChannelRegistry::onSigninSuccess(const protocol::Frame &frame)
{
    const QJsonValue userData = frame.data.toObject().value(QStringLiteral("user_data"));
    const QString id = userIdFromJson(userData.toString().toUtf8(), QStringLiteral("id"));
    m_signinAnswerTimer.stop();
    if (id.isEmpty()) {
        const QString reason = tr("pusher:signin_success without a user id in user_data");
        m_connection->logLocal(EntryKind::Error, reason);
        setSigninState(SigninState::Failed, reason);
        Q_EMIT signinFailed(reason);
        return;
    }
    m_signedInUserId = id;
    m_terminatedReason.clear();
    m_connection->logLocal(EntryKind::Signin, tr("signed in as %1; events for this user arrive on %2").arg(id, kServerToUserPrefix + id),
                           {{QStringLiteral("user_id"), id}});
    setSigninState(SigninState::SignedIn);
    Q_EMIT signedIn(id);
    // As pusher-js does: server-to-user events arrive on this internal channel. A channel left
    // from signing in as someone else goes.
    const QStringList names = m_order;
    for (const QString &name : names) {
        if (name.startsWith(kServerToUserPrefix) && name != kServerToUserPrefix + id)
            unsubscribe(name);
    }
    subscribe(kServerToUserPrefix + id);
}

} // namespace cs
