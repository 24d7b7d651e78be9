#include "clienteventrules.h"

#include "names.h"

namespace cs {

bool acceptsClientEvents(const Subscription &subscription)
{
    const ChannelType type = subscription.kind.type;
    return subscription.state == SubscriptionState::Subscribed
           && (type == ChannelType::Private || type == ChannelType::Presence);
}

Status checkClientEventInput(const ClientEventDraft &draft)
{
    if (!draft.eventSuffix.isEmpty())
        if (Status valid = validateClientEventName(draft.eventName()); !valid)
            return valid;
    if (!draft.dataProblem.isEmpty())
        return Error{ErrorCode::InvalidData, draft.dataProblem};
    return {};
}

Status canSendClientEvent(const ClientEventDraft &draft)
{
    if (Status input = checkClientEventInput(draft); !input)
        return input;
    if (!draft.hasSession)
        return Error{ErrorCode::NoSession, QStringLiteral("No connection: open a profile first")};
    if (!draft.connected)
        return Error{ErrorCode::NotConnected, QStringLiteral("Not connected: client events go over the WebSocket")};
    if (draft.channel.isEmpty())
        return Error{ErrorCode::NoChannel, QStringLiteral("Subscribe to a private or presence channel first")};
    const ChannelType type = channelKindOf(draft.channel).type;
    if (type == ChannelType::PrivateEncrypted)
        return Error{ErrorCode::ClientEventEncrypted,
                     QStringLiteral("Client events cannot be sent on encrypted channels")};
    if (type != ChannelType::Private && type != ChannelType::Presence)
        return Error{ErrorCode::ClientEventPublic, QStringLiteral("Client events need a private or presence channel")};
    if (!draft.subscription)
        return Error{ErrorCode::NotSubscribed, QStringLiteral("Not subscribed to %1").arg(draft.channel)};
    if (*draft.subscription != SubscriptionState::Subscribed)
        return Error{ErrorCode::NotSubscribed, QStringLiteral("The subscription to %1 is %2, not confirmed yet")
                                                   .arg(draft.channel, subscriptionStateName(*draft.subscription))};
    if (draft.eventSuffix.isEmpty())
        return Error{ErrorCode::NoEvent, QStringLiteral("Enter the event name after client-")};
    return {};
}

QStringList clientEventWarnings(const ClientEventDraft &draft)
{
    QStringList out;
    for (const QString &w :
         {clientEventsWarning(draft.limits), payloadWarning(draft.data.toUtf8().size(), draft.limits)})
        if (!w.isEmpty())
            out << w;
    return out;
}

}  // namespace cs
