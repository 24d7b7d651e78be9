#include "profileauth.h"

#include "endpointauthorizer.h"
#include "profile.h"

namespace cs {

namespace {

Error noSecretError(const QString &what)
{
    return Error{QStringLiteral("no-secret"),
                 QStringLiteral("%1 with the built-in signer needs the app secret: add it to the profile, or use your endpoint")
                     .arg(what)};
}

} // namespace

RoutingAuthorizer::RoutingAuthorizer(Authorizer *channels, Authorizer *users, QObject *parent)
    : Authorizer(parent), m_channels(channels), m_users(users)
{
    for (Authorizer *a : {channels, users}) {
        if (!a)
            continue;
        a->setParent(this);
        // The channel registry listens to its one authorizer for signature explanations.
        connect(a, &Authorizer::explained, this, &Authorizer::explained);
    }
}

void RoutingAuthorizer::authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback)
{
    if (!m_channels)
        return callback(noSecretError(tr("authorizing %1").arg(request.channel)));
    m_channels->authorizeChannel(request, std::move(callback));
}

void RoutingAuthorizer::authenticateUser(const QString &socketId, const PresenceIdentity &identity, UserCallback callback)
{
    if (!m_users)
        return callback(noSecretError(tr("sign-in")));
    m_users->authenticateUser(socketId, identity, std::move(callback));
}

QString RoutingAuthorizer::describe() const
{
    const QString none = tr("built-in signer (no secret)");
    return tr("channels: %1; sign-in: %2").arg(m_channels ? m_channels->describe() : none, m_users ? m_users->describe() : none);
}

Authorizer *makeAuthorizer(const Profile &profile, Connection *connection, QObject *parent)
{
    const Credentials &c = profile.credentials;
    const AuthSettings &auth = profile.auth;
    using Mode = AuthSettings::Mode;
    const auto signer = [&]() -> Authorizer * {
        if (c.secret.isEmpty())
            return nullptr;
        return new SignerAuthorizer({c.key, c.secret}, c.encryptionMasterKeyBase64, connection);
    };
    // The secret, when known, lets the endpoint authorizer explain every signature it receives.
    const auto endpoint = [&](const EndpointConfig &channel, std::optional<EndpointConfig> user) {
        return new EndpointAuthorizer(channel, std::move(user), c.key, c.secret, connection);
    };

    Authorizer *made = nullptr;
    if (auth.channelMode == Mode::BuiltIn && auth.userMode == Mode::BuiltIn)
        made = signer();
    else if (auth.channelMode == Mode::Endpoint && auth.userMode == Mode::Endpoint)
        made = endpoint(auth.channelEndpoint, auth.userEndpoint);
    else if (auth.channelMode == Mode::Endpoint)
        made = new RoutingAuthorizer(endpoint(auth.channelEndpoint, std::nullopt), signer());
    else  // its describe() names the user endpoint: it only ever signs users in
        made = new RoutingAuthorizer(signer(), endpoint(auth.userEndpoint, auth.userEndpoint));
    if (made)
        made->setParent(parent);
    return made;
}

} // namespace cs
