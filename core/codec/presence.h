#pragma once
// Presence rosters and member changes (docs/protocol.md, "Presence channels"), read from parsed
// frames. A roster may hold hundreds of thousands of members: everything here is O(n log n).

#include "frame.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs::protocol {

// Presence roster from pusher_internal:subscription_succeeded on a presence channel.
struct PresenceRoster {
    QStringList ids;   // every member: the "ids" list, plus any id only found in "hash"
    QJsonObject hash;  // user id -> user_info; soketi leaves out members without user_info
    int count = 0;
};
std::optional<PresenceRoster> parsePresenceRoster(const Frame &frame);
// A member's user_info larger than this (as compact JSON) is not kept: Pusher allows 1 KB and
// soketi 2 KB, and a roster is held for as long as the subscription lasts.
inline constexpr qsizetype kMaxUserInfoBytes = 16 * 1024;
// `info` itself, or when it is over kMaxUserInfoBytes a small object that says so.
QJsonValue boundedUserInfo(const QJsonValue &info, bool *leftOut = nullptr);
// The roster as a map id -> user_info (Undefined for members only listed in "ids"); O(n log n).
// user_info is bounded as boundedUserInfo() does; `leftOut` counts the members it replaced.
std::optional<QMap<QString, QJsonValue>> presenceMembers(const Frame &frame, int *leftOut = nullptr);
// Fills frame.presenceMembers when the frame is a presence roster.
void attachPresenceMembers(Frame &frame);

struct MemberChange {
    QString userId;  // numbers are turned into their decimal text
    QJsonValue userInfo;
};
std::optional<MemberChange> parseMemberChange(const Frame &frame);

}  // namespace cs::protocol
