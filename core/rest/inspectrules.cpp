#include "inspectrules.h"

#include "names.h"

namespace cs {

namespace {

Error noSession() { return Error{ErrorCode::NoSession, QStringLiteral("No connection: open a profile first")}; }

}  // namespace

Status canListChannels(bool hasSession)
{
    if (!hasSession)
        return noSession();
    return {};
}

Status canQueryChannel(bool hasSession, const QString &channel)
{
    if (!hasSession)
        return noSession();
    if (channel.trimmed().isEmpty())
        return Error{ErrorCode::NoChannel, QStringLiteral("Enter a channel name first")};
    return {};
}

Status canTerminateUser(bool hasSession, const QString &userId)
{
    if (!hasSession)
        return noSession();
    if (userId.trimmed().isEmpty())
        return Error{ErrorCode::NoUserId, QStringLiteral("Enter the user id first")};
    return {};
}

QStringList channelListInfo(const QString &prefix)
{
    if (prefix.trimmed().startsWith(QLatin1String("presence-")))
        return {QStringLiteral("user_count")};
    return {};
}

bool mayAskSubscriptionCount(const QString &channel)
{
    return channelKindOf(channel.trimmed()).type != ChannelType::Presence;
}

QStringList channelInfoFields(const QString &channel, bool subscriptionCount)
{
    const ChannelKind kind = channelKindOf(channel.trimmed());
    QStringList info;
    if (kind.type == ChannelType::Presence)
        info << QStringLiteral("user_count");
    else if (subscriptionCount)
        info << QStringLiteral("subscription_count");
    if (kind.cache)
        info << QStringLiteral("cache");
    return info;
}

}  // namespace cs
