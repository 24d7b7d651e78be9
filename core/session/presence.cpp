#include "presence.h"

#include "channels.h"
#include "connection.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace cs::presence {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cs::ChannelRegistry", text, nullptr, n);
}

}  // namespace

void takeRoster(Subscription &sub, const protocol::Frame &frame, Connection *log)
{
    int leftOut = frame.presenceLeftOut;
    if (frame.presenceMembers)  // built on the reader thread: taken, not copied
        sub.members = std::exchange(*frame.presenceMembers, {});
    else
        sub.members = protocol::presenceMembers(frame, &leftOut).value_or(QMap<QString, QJsonValue>());
    if (leftOut > 0)
        log->logLocal(EntryKind::Error,
                      tr("%n member(s) of %1 sent a user_info over %2 KiB: not kept (the raw frame has it)", leftOut)
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
    log->logLocal(EntryKind::Presence,
                  tr("joined %1 as %2: %n member(s)", int(sub.members.size())).arg(sub.name, sub.myUserId), details,
                  sub.name);
}

std::optional<protocol::MemberChange> addMember(Subscription &sub, const protocol::Frame &frame, Connection *log)
{
    auto change = protocol::parseMemberChange(frame);
    if (!change || sub.members.contains(change->userId))
        return std::nullopt;
    bool leftOut = false;
    change->userInfo = protocol::boundedUserInfo(change->userInfo, &leftOut);
    if (leftOut)
        log->logLocal(EntryKind::Error,
                      tr("member %1 of %2 sent a user_info over %3 KiB: not kept (the raw frame has it)")
                          .arg(change->userId, sub.name)
                          .arg(protocol::kMaxUserInfoBytes / 1024),
                      {}, sub.name);
    sub.members.insert(change->userId, change->userInfo);
    ++sub.rosterRevision;
    return change;
}

std::optional<QString> removeMember(Subscription &sub, const protocol::Frame &frame)
{
    const auto change = protocol::parseMemberChange(frame);
    if (!change || !sub.members.remove(change->userId))
        return std::nullopt;
    ++sub.rosterRevision;
    return change->userId;
}

}  // namespace cs::presence
