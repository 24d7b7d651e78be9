#include "session.h"

namespace cs {

Session::Session(const Credentials &credentials, std::unique_ptr<Authorizer> authorizer, LogStore *log, QString name,
                 QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_log(log)
{
    // The transport gets the endpoint only: the secret stays with the authorizer and REST client.
    m_connection = new Connection(log, name, this);
    m_connection->setEndpoint(credentials.endpoint());
    m_authorizer = authorizer.release();
    if (m_authorizer) {
        m_authorizer->setParent(this);
        m_authorizer->setConnection(m_connection);
    }
    m_channels = new ChannelRegistry(m_connection, m_authorizer, {credentials.key, credentials.secret}, this);
    m_rest = new RestClient(credentials, log, name, this);
    // soketi: 4301 "The app does not have client messaging enabled." (docs/protocol.md, soketi
    // "Client events"); 4301 also means a rate limit, so the text decides.
    connect(m_connection, &Connection::errorOccurred, this, [this](const Error &error) {
        if (error.code == ErrorCode::Pusher && error.detail == 4301
            && error.message.contains(QLatin1String("client messaging"), Qt::CaseInsensitive)
            && m_limits.clientEvents != ClientEventsSetting::Off) {
            m_limits.clientEvents = ClientEventsSetting::Off;
            Q_EMIT limitsChanged();
        }
    });
}

Session::Session(const Credentials &credentials, LogStore *log, QString name, QObject *parent)
    : Session(credentials, builtInSigner(credentials), log, std::move(name), parent)
{}

std::unique_ptr<Authorizer> Session::builtInSigner(const Credentials &credentials)
{
    if (credentials.secret.isEmpty())
        return nullptr;
    return std::make_unique<SignerAuthorizer>(signer::AppKeys{credentials.key, credentials.secret},
                                              credentials.encryptionMasterKeyBase64);
}

void Session::setLimits(const ServerLimits &limits)
{
    if (limits == m_limits)
        return;
    m_limits = limits;
    Q_EMIT limitsChanged();
}

void Session::setAuthorizer(std::unique_ptr<Authorizer> authorizer)
{
    if (authorizer.get() == m_authorizer)
        return;
    Authorizer *next = authorizer.release();
    if (next) {
        next->setParent(this);
        next->setConnection(m_connection);
    }
    m_channels->setAuthorizer(next);
    delete m_authorizer;
    m_authorizer = next;
}

}  // namespace cs
