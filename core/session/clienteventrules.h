#pragma once
// Whether a client event may be sent and, if not, why: pure functions over what the client-event
// form holds and what the connection knows about the chosen channel. The form enables Send from
// canSendClientEvent() and the send path asks it again; ChannelRegistry::sendClientEvent() keeps
// its own checks for callers without a form.

#include "channels.h"
#include "result.h"
#include "serverlimits.h"

#include <QString>

#include <optional>

namespace cs {

inline const QString kClientEventPrefix = QStringLiteral("client-");

// What the form holds, and what the session says about it.
struct ClientEventDraft {
    bool hasSession = false;
    bool connected = false;                         // client events travel over the connection's WebSocket
    QString channel;                                // empty when none is chosen
    std::optional<SubscriptionState> subscription;  // the channel's, when subscribed at all
    QString eventSuffix;                            // the name after the fixed "client-" prefix
    QString dataProblem;  // the JSON check's message; empty when valid or sent as a plain string
    QString data;         // as it goes out (its size is checked against the limit)
    ServerLimits limits;  // the session's: the profile's, or client events learned to be off

    QString eventName() const { return kClientEventPrefix + eventSuffix; }
};

// A channel takes client events: private or presence (never public, never encrypted) and
// subscribed. What the form offers.
bool acceptsClientEvents(const Subscription &subscription);

// A bad event name (once something is typed) or invalid data.
Status checkClientEventInput(const ClientEventDraft &draft);
// checkClientEventInput(), then: a connection that is connected, a chosen channel that is
// private or presence, not encrypted, subscribed, and an event name.
Status canSendClientEvent(const ClientEventDraft &draft);
// Shown before sending, never blocking: client events known to be off, data over the payload limit.
QStringList clientEventWarnings(const ClientEventDraft &draft);

}  // namespace cs
