#pragma once
// A session is one connection + its channels + its authorizer + its REST client, built from one
// set of credentials and writing to one log. Several sessions may share a log.

#include "authorizer.h"
#include "channels.h"
#include "connection.h"
#include "credentials.h"
#include "restclient.h"

#include <QObject>

namespace cs {

class LogStore;

class Session : public QObject {
    Q_OBJECT
public:
    Session(const Credentials &credentials, LogStore *log, QString name = QStringLiteral("main"), QObject *parent = nullptr);

    Connection *connection() const { return m_connection; }
    ChannelRegistry *channels() const { return m_channels; }
    RestClient *rest() const { return m_rest; }
    Authorizer *authorizer() const { return m_authorizer; }
    LogStore *log() const { return m_log; }
    const Credentials &credentials() const { return m_credentials; }

    // Replaces the authorizer (the session takes ownership); the built-in signer is the default.
    void setAuthorizer(Authorizer *authorizer);

private:
    Credentials m_credentials;
    LogStore *m_log;
    Connection *m_connection;
    Authorizer *m_authorizer;
    ChannelRegistry *m_channels;
    RestClient *m_rest;
};

} // namespace cs
