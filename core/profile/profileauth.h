#pragma once
// The authorizer a profile asks for: the built-in signer, the user's own auth endpoints, or one of
// each — channels through one, sign-in (pusher:signin) through the other.

#include "authorizer.h"

#include <QPointer>

namespace cs {

class Connection;
struct Profile;

// Routes channel authorization to one authorizer and user authentication to another. A missing
// one (null: e.g. the built-in signer without a secret) fails its requests with a reason, through
// the callback once the call has returned, like every Authorizer.
class RoutingAuthorizer : public Authorizer {
    Q_OBJECT
public:
    // Takes ownership of both (they become children of this one).
    RoutingAuthorizer(std::unique_ptr<Authorizer> channels, std::unique_ptr<Authorizer> users,
                      QObject *parent = nullptr);

    void setConnection(Connection *connection) override;  // both log through it

    void authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback) override;
    void authenticateUser(const QString &socketId, const PresenceIdentity &identity, UserCallback callback) override;
    QString describe() const override;  // "channels: auth endpoint POST …; sign-in: built-in signer"

    Authorizer *channelAuthorizer() const { return m_channels; }
    Authorizer *userAuthorizer() const { return m_users; }

private:
    QPointer<Authorizer> m_channels;
    QPointer<Authorizer> m_users;
};

// A SignerAuthorizer when both purposes use the built-in signer (null without the app secret:
// nothing can sign), an EndpointAuthorizer when both use endpoints, a RoutingAuthorizer when
// they differ. The caller hands it to its Session.
std::unique_ptr<Authorizer> makeAuthorizer(const Profile &profile);

}  // namespace cs
