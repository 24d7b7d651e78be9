#pragma once
// How a profile authorizes, separately for channel subscriptions (private, presence, encrypted)
// and for user sign-in (pusher:signin): the built-in signer (the secret never leaves this
// machine) or the user's own HTTP endpoint, like pusher-js channelAuthorization and
// userAuthentication. Header values (bearer tokens, cookies, CSRF tokens), parameter values and an
// endpoint URL's user info and query (?token=…) are secrets: JSON holds them only when asked to,
// and the profile store keeps them where the profile keeps its secret.

#include "authfield.h"
#include "endpointauthorizer.h"
#include "result.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace cs {

struct AuthSettings {
    enum class Mode { BuiltIn, Endpoint };

    Mode channelMode = Mode::BuiltIn;
    EndpointConfig channelEndpoint;  // kept while the built-in signer is chosen: switching back loses nothing
    Mode userMode = Mode::BuiltIn;
    EndpointConfig userEndpoint;

    bool usesEndpoint() const { return channelMode == Mode::Endpoint || userMode == Mode::Endpoint; }
    // Both built-in and nothing entered: a profile then writes no auth members at all.
    bool isDefault() const;

    // Adds "channelAuth" and "userAuth" objects to a profile's JSON (unless isDefault()):
    // {"mode","url","method","format","timeoutMs","params":[{"name"[,"value"]}],"headers":[{"name"[,"value"]}]}
    // Header and parameter values, and the URL's user info and query, only when includeSecrets;
    // the names and the rest of the URL always.
    void writeJson(QJsonObject &profileJson, bool includeSecrets) const;
    // Reads them back, lenient as Profile::fromJson (objects or JSON text, numbers as strings).
    static Result<AuthSettings> fromJson(const QJsonObject &profileJson);

    // Problems by field: the Url, Method, Params and Headers parts of ChannelAuth or UserAuth.
    // Only a chosen endpoint is checked.
    void validate(QMap<AuthField, QString> &out) const;
    // ChannelAuth / UserAuth (the mode cannot work: no secret for the built-in signer), the
    // Headers part (a header without value), the Url part (a token over plain http to another host).
    void warn(QMap<AuthField, QString> &out, bool hasAppSecret) const;
};

// The URL holds user info (user:pass@) or a query: then the whole URL is a secret.
bool endpointUrlHoldsSecret(const QUrl &url);
// The URL without user info, query and fragment: what settings and exports may keep.
QString publicEndpointUrl(const QUrl &url);

QString authModeName(AuthSettings::Mode mode);  // "builtin", "endpoint" (stored)
std::optional<AuthSettings::Mode> authModeFromName(const QString &name);

}  // namespace cs
