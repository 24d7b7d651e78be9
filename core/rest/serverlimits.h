#pragma once
// What a server refuses, as far as this console knows it: hosted Pusher's published limits unless
// the profile sets its own (docs/protocol.md, "Names and limits"; soketi's are set per server by
// SOKETI_EVENT_MAX_SIZE_IN_KB, SOKETI_PRESENCE_MAX_MEMBERS, …). The rules below are pure
// functions that name the number in a user-facing warning; a warning never blocks a send, because
// the user may know the server allows more. Names and channel counts every server refuses are
// errors, checked by RestClient::validate() and names.h.

#include <QJsonValue>
#include <QString>

#include <optional>

namespace cs {

// Whether the app lets clients send client- events (an app setting; soketi's default is off).
enum class ClientEventsSetting { Unknown, On, Off };
QString clientEventsSettingName(ClientEventsSetting setting);  // "unknown", "on", "off" (stored)

struct ServerLimits {
    // Hosted Pusher's limits, used for what the profile leaves unset.
    static constexpr int kHostedPayloadKb = 10;
    static constexpr int kHostedPresenceMembers = 100;
    static constexpr int kHostedUserInfoKb = 1;

    std::optional<int> payloadKb;        // event data, in KB of 1024 bytes
    std::optional<int> presenceMembers;  // members per presence channel
    std::optional<int> userInfoKb;       // one member's user_info
    ClientEventsSetting clientEvents = ClientEventsSetting::Unknown;

    int payloadBytes() const { return payloadKb.value_or(kHostedPayloadKb) * 1024; }
    int maxPresenceMembers() const { return presenceMembers.value_or(kHostedPresenceMembers); }
    int userInfoBytes() const { return userInfoKb.value_or(kHostedUserInfoKb) * 1024; }
    bool isDefault() const
    {
        return !payloadKb && !presenceMembers && !userInfoKb && clientEvents == ClientEventsSetting::Unknown;
    }

    // {"payloadKb":100,"presenceMembers":500,"userInfoKb":2,"clientEvents":"on"}, unset members left out.
    QJsonValue toJson() const;
    // The object, or its JSON text (settings files keep objects as text); anything unusable
    // (missing, not positive, unknown words) is left unset, so old profiles need no migration.
    static ServerLimits fromJson(const QJsonValue &value);

    bool operator==(const ServerLimits &) const = default;
};

// Event data over the payload limit: "Data is 12.3 KB; the server refuses events over 10 KB
// (profile limit)". Empty when it fits (exactly the limit fits).
QString payloadWarning(qsizetype dataBytes, const ServerLimits &limits);
// A presence member's user_info (its compact JSON) over the limit; empty when it fits.
QString userInfoWarning(qsizetype userInfoBytes, const ServerLimits &limits);
// A presence channel with `members` members has reached the limit: the next one is refused.
QString presenceMembersWarning(int members, const ServerLimits &limits);
// Client events on a server known to have them off; empty otherwise.
QString clientEventsWarning(const ServerLimits &limits);

}  // namespace cs
