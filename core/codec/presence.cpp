#include "presence.h"

#include "jsonvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace cs::protocol {

std::optional<PresenceRoster> parsePresenceRoster(const Frame &frame)
{
    const QJsonValue presence = dataObject(frame).value(QLatin1String("presence"));
    if (!presence.isObject())
        return std::nullopt;
    const QJsonObject object = presence.toObject();
    PresenceRoster roster;
    roster.hash = object.value(QLatin1String("hash")).toObject();
    // A roster may hold hundreds of thousands of ids: a set, not a list search per id.
    QSet<QString> seen;
    const QJsonArray ids = object.value(QLatin1String("ids")).toArray();
    seen.reserve(ids.size() + roster.hash.size());
    for (const QJsonValue &id : ids) {
        if (const std::optional<QString> text = idText(id); text && !seen.contains(*text)) {
            seen.insert(*text);
            roster.ids << *text;
        }
    }
    for (auto it = roster.hash.constBegin(); it != roster.hash.constEnd(); ++it) {
        if (!seen.contains(it.key())) {
            seen.insert(it.key());
            roster.ids << it.key();
        }
    }
    const std::optional<qint64> count = integerOf(object.value(QLatin1String("count")));
    roster.count = count && *count >= 0 ? clampToInt(*count) : int(roster.ids.size());
    return roster;
}

QJsonValue boundedUserInfo(const QJsonValue &info, bool *leftOut)
{
    if (leftOut)
        *leftOut = false;
    qsizetype size = 0;
    if (info.isObject())
        size = QJsonDocument(info.toObject()).toJson(QJsonDocument::Compact).size();
    else if (info.isArray())
        size = QJsonDocument(info.toArray()).toJson(QJsonDocument::Compact).size();
    else if (info.isString())
        size = info.toString().size();
    if (size <= kMaxUserInfoBytes)
        return info;
    if (leftOut)
        *leftOut = true;
    return QJsonObject{
        {QStringLiteral("channelscope_left_out"),
         QStringLiteral("user_info of %1 bytes, over the %2 KiB kept").arg(size).arg(kMaxUserInfoBytes / 1024)}};
}

std::optional<QMap<QString, QJsonValue>> presenceMembers(const Frame &frame, int *leftOut)
{
    const auto roster = parsePresenceRoster(frame);
    if (!roster)
        return std::nullopt;
    // Hash first, in its key order (each insert lands at the end), then the members without
    // user_info, which only appear in "ids" (pusher-js would not list them).
    QMap<QString, QJsonValue> members;
    // Only a frame larger than the limit can hold a member over it: measure only then.
    const bool measure =
        frame.dataJson.size() > kMaxUserInfoBytes || frame.dataString.size() > kMaxUserInfoBytes || !frame.dataDecoded;
    int over = 0;
    for (auto it = roster->hash.constBegin(); it != roster->hash.constEnd(); ++it) {
        bool left = false;
        members.insert(members.cend(), it.key(), measure ? boundedUserInfo(it.value(), &left) : it.value());
        over += left;
    }
    if (leftOut)
        *leftOut = over;
    for (const QString &id : roster->ids) {
        if (!members.contains(id))
            members.insert(id, QJsonValue(QJsonValue::Undefined));
    }
    return members;
}

void attachPresenceMembers(Frame &frame)
{
    if (frame.event != QLatin1String("pusher_internal:subscription_succeeded")
        || !frame.channel.startsWith(QLatin1String("presence-")))
        return;
    if (auto members = presenceMembers(frame, &frame.presenceLeftOut))
        frame.presenceMembers = std::make_shared<QMap<QString, QJsonValue>>(std::move(*members));
}

std::optional<MemberChange> parseMemberChange(const Frame &frame)
{
    const QJsonObject data = dataObject(frame);
    const std::optional<QString> userId = idText(data.value(QLatin1String("user_id")));
    if (!userId)
        return std::nullopt;
    return MemberChange{*userId, data.value(QLatin1String("user_info"))};
}

}  // namespace cs::protocol
