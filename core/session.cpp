#include "session.h"

namespace cs {

Session::Session(const Credentials &credentials, LogStore *log, QString name, QObject *parent)
    : QObject(parent), m_credentials(credentials), m_log(log)
{
    m_connection = new Connection(log, name, this);
    m_connection->setCredentials(credentials);
    // Without the secret there is nothing to sign with; an auth endpoint may be set later.
    m_authorizer = credentials.secret.isEmpty()
        ? nullptr
        : new SignerAuthorizer({credentials.key, credentials.secret}, credentials.encryptionMasterKeyBase64, m_connection, this);
    m_channels = new ChannelRegistry(m_connection, m_authorizer, this);
    m_rest = new RestClient(credentials, log, name, this);
}

void Session::setAuthorizer(Authorizer *authorizer)
{
    if (authorizer == m_authorizer)
        return;
    if (authorizer)
        authorizer->setParent(this);
    delete m_authorizer;
    m_authorizer = authorizer;
    m_channels->setAuthorizer(authorizer);
}

} // namespace cs
