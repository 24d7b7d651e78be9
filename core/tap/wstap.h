#pragma once
// The WebSocket tap: a loopback WebSocket listener that frontends (pusher-js, Echo) use instead
// of the server. Each accepted socket becomes a TappedClient with its own upstream connection
// (tappedclient.h), named t1, t2… in order of arrival.

#include "credentials.h"
#include "result.h"
#include "tappedclient.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

class QWebSocketServer;

namespace cs {
class LogStore;
}

namespace cs::tap {

class WsTap : public QObject {
    Q_OBJECT

public:
    WsTap(const Credentials &credentials, LogStore *log, QObject *parent = nullptr);
    ~WsTap() override;

    // Port 0 picks a free one. Fails (code Socket) saying why, e.g. the port is in use.
    Status listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;

    QList<TappedClientInfo> clients() const;  // the open ones and the closed ones still kept
    // The channels some tapped client is subscribed to now (the server confirmed it).
    QStringList subscribedChannels() const;

signals:
    void clientsChanged();  // a client came, went, or its info changed

private:
    void accept();

    Credentials m_credentials;
    LogStore *m_log;
    QWebSocketServer *m_server;
    QList<QPointer<TappedClient>> m_clients;
    QList<TappedClientInfo> m_closed;  // kept for the panel's list after they went
    int m_next = 1;
};

}  // namespace cs::tap
