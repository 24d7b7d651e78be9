#pragma once
// What the server's messages mean (docs/protocol.md, "Messages"): the handshake with its rules,
// errors, and which topic an event name belongs to. Read from a parsed Frame (frame.h).

#include "frame.h"
#include "result.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace cs::protocol {

// pusher:connection_established
struct Handshake {
    QString socketId;                // valid by isValidSocketId()
    int activityTimeoutSeconds = 0;  // > 0
};
// The handshake as pusher-js accepts it, or Error{Handshake, "invalid handshake: …"} saying which
// rule it broke: another event first, no valid socket_id, no positive activity_timeout.
Result<Handshake> parseHandshake(const Frame &frame);

// pusher:error, and the error inside pusher:subscription_error
struct ServerError {
    std::optional<int> code;  // null or missing for non-fatal errors
    QString message;
    QString channel;  // soketi adds it for client-event errors
};
ServerError parseServerError(const Frame &frame);

struct SubscriptionError {
    QString type;    // "AuthError", "LimitReached", …
    QString error;   // text
    int status = 0;  // HTTP-like status (401) or a 4xxx code
};
SubscriptionError parseSubscriptionError(const Frame &frame);

// The topic of an event, by its name. The log files each under its own kind (logentry.h,
// entryKindFor()); the codec knows the names, the log knows its kinds.
enum class EventClass {
    Connection,    // pusher:connection_established, ping, pong
    Subscription,  // (un)subscribe, subscription_succeeded/_error, cache_miss
    Presence,      // member_added, member_removed
    Signin,        // pusher:signin, signin_success
    Error,         // pusher:error
    ClientEvent,   // client-*
    ChannelEvent,  // everything else
};
EventClass classifyEvent(const QString &event);

}  // namespace cs::protocol
