#include "serverlimits.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cs {

namespace {

const QLatin1String kPayloadKey("payloadKb");
const QLatin1String kMembersKey("presenceMembers");
const QLatin1String kUserInfoKey("userInfoKb");
const QLatin1String kClientEventsKey("clientEvents");

// Where the number comes from, so that the user knows what to change when it is wrong.
QString sourceOf(const std::optional<int> &own)
{
    return own ? QStringLiteral("profile limit") : QStringLiteral("hosted Pusher's limit");
}

// "12.3 KB", or the exact bytes when one decimal would not show that it is over the limit.
QString sizeText(qsizetype bytes, int limitBytes)
{
    const QString kb = QString::number(double(bytes) / 1024.0, 'f', 1);
    if (kb.toDouble() * 1024.0 <= limitBytes)
        return QStringLiteral("%1 bytes").arg(bytes);
    return QStringLiteral("%1 KB").arg(kb);
}

std::optional<int> positiveOf(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    // Settings files give numbers back as strings.
    const int n = v.isString() ? v.toString().toInt() : v.toInt();
    if (n > 0)
        return n;
    return std::nullopt;
}

}  // namespace

QString clientEventsSettingName(ClientEventsSetting setting)
{
    switch (setting) {
    case ClientEventsSetting::On: return QStringLiteral("on");
    case ClientEventsSetting::Off: return QStringLiteral("off");
    case ClientEventsSetting::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QJsonValue ServerLimits::toJson() const
{
    QJsonObject o;
    if (payloadKb)
        o[kPayloadKey] = *payloadKb;
    if (presenceMembers)
        o[kMembersKey] = *presenceMembers;
    if (userInfoKb)
        o[kUserInfoKey] = *userInfoKb;
    if (clientEvents != ClientEventsSetting::Unknown)
        o[kClientEventsKey] = clientEventsSettingName(clientEvents);
    return o;
}

ServerLimits ServerLimits::fromJson(const QJsonValue &value)
{
    QJsonObject o = value.toObject();
    if (value.isString())
        o = QJsonDocument::fromJson(value.toString().toUtf8()).object();
    ServerLimits limits;
    limits.payloadKb = positiveOf(o, kPayloadKey);
    limits.presenceMembers = positiveOf(o, kMembersKey);
    limits.userInfoKb = positiveOf(o, kUserInfoKey);
    const QString events = o.value(kClientEventsKey).toString();
    if (events == clientEventsSettingName(ClientEventsSetting::On))
        limits.clientEvents = ClientEventsSetting::On;
    else if (events == clientEventsSettingName(ClientEventsSetting::Off))
        limits.clientEvents = ClientEventsSetting::Off;
    return limits;
}

QString payloadWarning(qsizetype dataBytes, const ServerLimits &limits)
{
    const int limit = limits.payloadBytes();
    if (dataBytes <= limit)
        return {};
    return QStringLiteral("Data is %1; the server refuses events over %2 KB (%3)")
        .arg(sizeText(dataBytes, limit))
        .arg(limit / 1024)
        .arg(sourceOf(limits.payloadKb));
}

QString userInfoWarning(qsizetype userInfoBytes, const ServerLimits &limits)
{
    const int limit = limits.userInfoBytes();
    if (userInfoBytes <= limit)
        return {};
    return QStringLiteral("User info is %1; the server refuses presence members over %2 KB (%3)")
        .arg(sizeText(userInfoBytes, limit))
        .arg(limit / 1024)
        .arg(sourceOf(limits.userInfoKb));
}

QString presenceMembersWarning(int members, const ServerLimits &limits)
{
    const int limit = limits.maxPresenceMembers();
    if (members < limit)
        return {};
    return QStringLiteral("The roster is at the server's limit of %1 members per presence channel (%2): "
                          "the next one to join is refused")
        .arg(limit)
        .arg(sourceOf(limits.presenceMembers));
}

QString clientEventsWarning(const ServerLimits &limits)
{
    if (limits.clientEvents != ClientEventsSetting::Off)
        return {};
    return QStringLiteral("Client events are off for this app (profile setting or an earlier refusal): "
                          "the server answers with pusher:error 4301");
}

}  // namespace cs
