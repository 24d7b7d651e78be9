#include "profileauth.h"

#include "deliverlater.h"
#include "endpointauthorizer.h"
#include "profile.h"

namespace cs {

namespace {

Error noSecretError(const QString &what)
{
    return Error{ErrorCode::NoSecret,
                 QStringLiteral(
                     "%1 with the built-in signer needs the app secret: add it to the profile, or use your endpoint")
                     .arg(what)};
}

}  // namespace

RoutingAuthorizer::RoutingAuthorizer(std::unique_ptr<Authorizer> channels, std::unique_ptr<Authorizer> users,
                                     QObject *parent)
    : Authorizer(parent),
      m_channels(channels.release()),
      m_users(users.release())
{
    for (Authorizer *a : {m_channels.data(), m_users.data()}) {
        if (!a)
            continue;
        a->setParent(this);
        // The channel registry listens to its one authorizer for signature explanations.
        connect(a, &Authorizer::explained, this, &Authorizer::explained);
    }
}

void RoutingAuthorizer::setConnection(Connection *connection)
{
    Authorizer::setConnection(connection);
    for (Authorizer *a : {m_channels.data(), m_users.data()})
        if (a)
            a->setConnection(connection);
}

void RoutingAuthorizer::authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback)
{
    if (!m_channels) {
        deliverLater(this, [callback, e = noSecretError(tr("authorizing %1").arg(request.channel))] { callback(e); });
        return;
    }
    m_channels->authorizeChannel(request, std::move(callback));
}

void RoutingAuthorizer::authenticateUser(const QString &socketId, const PresenceIdentity &identity,
                                         UserCallback callback)
{
    if (!m_users) {
        deliverLater(this, [callback, e = noSecretError(tr("sign-in"))] { callback(e); });
        return;
    }
    m_users->authenticateUser(socketId, identity, std::move(callback));
}

QString RoutingAuthorizer::describe() const
{
    const QString none = tr("built-in signer (no secret)");
    return tr("channels: %1; sign-in: %2")
        .arg(m_channels ? m_channels->describe() : none, m_users ? m_users->describe() : none);
}

std::unique_ptr<Authorizer> makeAuthorizer(const Profile &profile)
{
    const Credentials &c = profile.credentials;
    const AuthSettings &auth = profile.auth;
    using Mode = AuthSettings::Mode;
    const auto signer = [&]() -> std::unique_ptr<Authorizer> {
        if (c.secret.isEmpty())
            return nullptr;
        return std::make_unique<SignerAuthorizer>(signer::AppKeys{c.key, c.secret}, c.encryptionMasterKeyBase64);
    };
    // The secret, when known, lets the endpoint authorizer explain every signature it receives.
    const auto endpoint = [&](const EndpointConfig &channel, std::optional<EndpointConfig> user) {
        return std::make_unique<EndpointAuthorizer>(channel, std::move(user), c.key, c.secret);
    };

    if (auth.channelMode == Mode::BuiltIn && auth.userMode == Mode::BuiltIn)
        return signer();
    if (auth.channelMode == Mode::Endpoint && auth.userMode == Mode::Endpoint)
        return endpoint(auth.channelEndpoint, auth.userEndpoint);
    if (auth.channelMode == Mode::Endpoint)
        return std::make_unique<RoutingAuthorizer>(endpoint(auth.channelEndpoint, std::nullopt), signer());
    // Its describe() names the user endpoint: it only ever signs users in.
    return std::make_unique<RoutingAuthorizer>(signer(), endpoint(auth.userEndpoint, auth.userEndpoint));
}

}  // namespace cs
