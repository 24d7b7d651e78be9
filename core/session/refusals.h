#pragma once
// Why the server refused a signature this side made, in words: the channel a refusal names, and
// what the authorizer's own check of that signature says about it.

#include "explainer.h"
#include "signer.h"

#include <QString>

#include <optional>

namespace cs {

class Connection;

// Hosted Pusher reports a bad signature as a pusher:error without a channel member, quoting the
// expected string to sign: "… hex digest of 1234.5678:private-x[:channel_data], but got …".
// Returns the channel, or empty.
QString channelFromSignatureError(const QString &message);

// The authorizer's check of an auth the server then refused. A signature that matches this
// profile's key and secret can only be refused because the server has another secret for the key.
SignatureExplanation refusedByServer(const SignatureExplanation &own, const QString &appKey);

// soketi's 401 subscription_error for `channel`: the end of the failure reason ("; …"), from the
// authorizer's check when there is one (then also logged through `connection`).
QString explainRefusedSubscription(const std::optional<SignatureExplanation> &own, const QString &channel,
                                   const signer::AppKeys &appKeys, Connection *connection);

}  // namespace cs
