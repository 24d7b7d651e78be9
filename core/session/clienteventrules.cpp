#include "clienteventrules.h"

#include "names.h"

namespace cs {

bool acceptsClientEvents(const Subscription &subscription)
{
    const ChannelType type = subscription.kind.type;
    return subscription.state == SubscriptionState::Subscribed && (type == ChannelType::Private || type == ChannelType::Presence);
}

Status checkClientEventInput(const ClientEventDraft &draft)
{
    if (!draft.eventSuffix.isEmpty())
        if (Status valid = validateClientEventName(draft.eventName()); !valid)
            return valid;
    if (!draft.dataProblem.isEmpty())
        return Error{QStringLiteral("invalid-data"), draft.dataProblem};
    return {};
}

Status canSendClientEvent(const ClientEventDraft &draft)
{
    if (Status input = checkClientEventInput(draft); !input)
        return input;
    if (!draft.hasSession)
        return Error{QStringLiteral("no-session"), QStringLiteral("No connection: open a profile first")};
    if (!draft.connected)
        return Error{QStringLiteral("not-connected"), QStringLiteral("Not connected: client events go over the WebSocket")};
    if (draft.channel.isEmpty())
        return Error{QStringLiteral("no-channel"), QStringLiteral("Subscribe to a private or presence channel first")};
    const ChannelType type = channelKindOf(draft.channel).type;
    if (type == ChannelType::PrivateEncrypted)
        return Error{QStringLiteral("client-event-encrypted"), QStringLiteral("Client events cannot be sent on encrypted channels")};
    if (type != ChannelType::Private && type != ChannelType::Presence)
        return Error{QStringLiteral("client-event-public"), QStringLiteral("Client events need a private or presence channel")};
    if (!draft.subscription)
        return Error{QStringLiteral("not-subscribed"), QStringLiteral("Not subscribed to %1").arg(draft.channel)};
    if (*draft.subscription != SubscriptionState::Subscribed)
        return Error{QStringLiteral("not-subscribed"), QStringLiteral("The subscription to %1 is %2, not confirmed yet")
                                                           .arg(draft.channel, subscriptionStateName(*draft.subscription))};
    if (draft.eventSuffix.isEmpty())
        return Error{QStringLiteral("no-event"), QStringLiteral("Enter the event name after client-")};
    return {};
}

} // namespace cs
