#include "messages.h"

#include "jsonvalues.h"
#include "names.h"

#include <QCoreApplication>
#include <QHash>

namespace cs::protocol {

namespace {

Error invalidHandshake(const QString &why) { return Error{ErrorCode::Handshake, why}; }

QString tr(const char *text) { return QCoreApplication::translate("cs::Connection", text); }

}  // namespace

Result<Handshake> parseHandshake(const Frame &frame)
{
    if (frame.event != QLatin1String("pusher:connection_established"))
        return invalidHandshake(
            tr("invalid handshake: the first message was \"%1\", not pusher:connection_established").arg(frame.event));
    const QJsonObject data = dataObject(frame);
    Handshake handshake;
    handshake.socketId = idText(data.value(QLatin1String("socket_id"))).value_or(QString());
    if (!isValidSocketId(handshake.socketId))
        return invalidHandshake(tr("invalid handshake: no valid socket_id in pusher:connection_established"));
    const std::optional<qint64> timeout = integerOf(data.value(QLatin1String("activity_timeout")));
    if (!timeout || *timeout <= 0)
        return invalidHandshake(tr("invalid handshake: no activity_timeout in pusher:connection_established "
                                   "(pusher-js refuses such a server too)"));
    handshake.activityTimeoutSeconds = clampToInt(*timeout);
    return handshake;
}

ServerError parseServerError(const Frame &frame)
{
    ServerError error;
    if (frame.data.isString()) {  // a plain-text error, as some servers send
        error.message = frame.data.toString();
        error.channel = frame.channel;
        return error;
    }
    const QJsonObject data = dataObject(frame);
    // pusher:error uses code/message; a subscription_error carries status/error instead.
    QJsonValue code = data.value(QLatin1String("code"));
    if (code.isUndefined())
        code = data.value(QLatin1String("status"));
    if (const std::optional<qint64> value = integerOf(code))
        error.code = clampToInt(*value);
    QJsonValue message = data.value(QLatin1String("message"));
    if (message.isUndefined())
        message = data.value(QLatin1String("error"));
    error.message = message.isString() ? message.toString() : QString();
    const QJsonValue channel = data.value(QLatin1String("channel"));
    error.channel = channel.isString() ? channel.toString() : frame.channel;
    return error;
}

SubscriptionError parseSubscriptionError(const Frame &frame)
{
    SubscriptionError error;
    if (frame.data.isString()) {
        error.error = frame.data.toString();
        return error;
    }
    const QJsonObject data = dataObject(frame);
    error.type = data.value(QLatin1String("type")).toString();
    error.error = data.value(QLatin1String("error")).toString();
    if (const std::optional<qint64> status = integerOf(data.value(QLatin1String("status"))))
        error.status = clampToInt(*status);
    return error;
}

EventClass classifyEvent(const QString &event)
{
    static const QHash<QString, EventClass> known = {
        {QStringLiteral("pusher:connection_established"), EventClass::Connection},
        {QStringLiteral("pusher:ping"), EventClass::Connection},
        {QStringLiteral("pusher:pong"), EventClass::Connection},
        {QStringLiteral("pusher:error"), EventClass::Error},
        {QStringLiteral("pusher:subscribe"), EventClass::Subscription},
        {QStringLiteral("pusher:unsubscribe"), EventClass::Subscription},
        {QStringLiteral("pusher_internal:subscription_succeeded"), EventClass::Subscription},
        {QStringLiteral("pusher:subscription_succeeded"), EventClass::Subscription},
        {QStringLiteral("pusher:subscription_error"), EventClass::Subscription},
        {QStringLiteral("pusher:cache_miss"), EventClass::Subscription},
        {QStringLiteral("pusher_internal:member_added"), EventClass::Presence},
        {QStringLiteral("pusher_internal:member_removed"), EventClass::Presence},
        {QStringLiteral("pusher:signin"), EventClass::Signin},
        {QStringLiteral("pusher:signin_success"), EventClass::Signin},
    };
    if (const auto it = known.constFind(event); it != known.cend())
        return *it;
    if (event.startsWith(QLatin1String("client-")))
        return EventClass::ClientEvent;
    return EventClass::ChannelEvent;
}

}  // namespace cs::protocol
