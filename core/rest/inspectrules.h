#pragma once
// Whether an Inspect query (GET /channels, /channels/NAME, /channels/NAME/users, POST
// /users/ID/terminate_connections) may be asked and, if not, why; and which info attributes to
// ask for. Pure functions: the panel enables its buttons from them and re-checks before asking.

#include "result.h"

#include <QString>
#include <QStringList>

namespace cs {

Status canListChannels(bool hasSession);
// Channel info and a presence channel's users: a connection and a channel name (trimmed).
Status canQueryChannel(bool hasSession, const QString &channel);
Status canTerminateUser(bool hasSession, const QString &userId);

// info= for GET /channels: user_count only when the prefix limits the listing to presence channels.
QStringList channelListInfo(const QString &prefix);
// subscription_count may not be asked of a presence channel (it has user_count).
bool mayAskSubscriptionCount(const QString &channel);
// info= for GET /channels/NAME: user_count for presence, subscription_count when asked and
// allowed, cache for cache channels.
QStringList channelInfoFields(const QString &channel, bool subscriptionCount);

}  // namespace cs
