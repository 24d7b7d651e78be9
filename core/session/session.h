#pragma once
// A session is one connection + its channels + its authorizer + its REST client, built from one
// set of credentials and writing to one log. Several sessions may share a log.

#include "authorizer.h"
#include "channels.h"
#include "connection.h"
#include "credentials.h"
#include "restclient.h"
#include "serverlimits.h"

#include <QObject>

#include <memory>

namespace cs {

class LogStore;

class Session : public QObject {
    Q_OBJECT
public:
    // The session owns its authorizer and has its connection log through it. Null: nothing can
    // sign, and a channel that needs a signature fails with why.
    Session(const Credentials &credentials, std::unique_ptr<Authorizer> authorizer, LogStore *log,
            QString name = QStringLiteral("main"), QObject *parent = nullptr);
    // With the built-in signer (builtInSigner(credentials)).
    Session(const Credentials &credentials, LogStore *log, QString name = QStringLiteral("main"),
            QObject *parent = nullptr);

    // The built-in signer for these credentials; null without the app secret.
    static std::unique_ptr<Authorizer> builtInSigner(const Credentials &credentials);

    Connection *connection() const { return m_connection; }
    ChannelRegistry *channels() const { return m_channels; }
    RestClient *rest() const { return m_rest; }
    Authorizer *authorizer() const { return m_authorizer; }
    LogStore *log() const { return m_log; }
    const Credentials &credentials() const { return m_credentials; }

    // Replaces the authorizer (e.g. a test that moves to an auth endpoint mid-session).
    void setAuthorizer(std::unique_ptr<Authorizer> authorizer);

    // What the server refuses (the profile's limits); the publish forms warn before sending.
    // A pusher:error saying client messaging is off turns clientEvents to Off for this session.
    const ServerLimits &limits() const { return m_limits; }
    void setLimits(const ServerLimits &limits);

Q_SIGNALS:
    // After setLimits() changed them, or the server showed that client events are off.
    void limitsChanged();

private:
    Credentials m_credentials;
    LogStore *m_log;
    Connection *m_connection;
    Authorizer *m_authorizer;
    ChannelRegistry *m_channels;
    RestClient *m_rest;
    ServerLimits m_limits;
};

}  // namespace cs
