#pragma once
// Channel, event, socket-id and user-id naming rules (docs/protocol.md, "Channel types", "Names and limits").

#include "result.h"

#include <QString>

namespace cs {

enum class ChannelType { Public, Private, Presence, PrivateEncrypted, ServerToUser };

struct ChannelKind {
    ChannelType type = ChannelType::Public;
    bool cache = false;  // cache-, private-cache-, presence-cache-, private-encrypted-cache-
};

// Routing by prefix as pusher-js does it; "#server-to-user-" is ServerToUser.
ChannelKind channelKindOf(const QString &name);
QString channelTypeName(ChannelType type);  // "public", "private", "presence", "private-encrypted", "server-to-user"
bool needsAuthorization(ChannelType type);  // private, presence, private-encrypted

inline constexpr int kChannelNameWarnLength = 164;  // documented limit
inline constexpr int kChannelNameMaxLength = 200;   // what SDKs and soketi enforce
inline constexpr int kEventNameMaxLength = 200;

// Empty name, characters outside [A-Za-z0-9_\-=@,.;], length over 200, or a leading '#'
// (reserved) unless allowInternal is set. A name over 164 characters is valid but gets a warning.
Status validateChannelName(const QString &name, bool allowInternal = false);
// A warning for a valid name the docs discourage (over 164 characters), else empty.
QString channelNameWarning(const QString &name);
Status validateEventName(const QString &name);
Status validateClientEventName(const QString &name);  // must start with "client-"
bool isValidSocketId(const QString &socketId);        // ^\d+\.\d+$
Status validateSocketId(const QString &socketId);

// Levenshtein distance, for "did you mean" suggestions (filter fields, occupied channel names).
int editDistance(QStringView a, QStringView b, Qt::CaseSensitivity cs = Qt::CaseSensitive);

}  // namespace cs
