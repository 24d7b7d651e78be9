#include "wstap.h"

#include <QWebSocket>
#include <QWebSocketServer>

namespace cs::tap {

WsTap::WsTap(const Credentials &credentials, LogStore *log, QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_log(log),
      m_server(new QWebSocketServer(QStringLiteral("channelscope-tap"), QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &WsTap::accept);
}

WsTap::~WsTap() = default;

Status WsTap::listen(const QHostAddress &address, quint16 port)
{
    m_server->close();
    if (!m_server->listen(address, port)) {
        return Error{ErrorCode::Socket, QStringLiteral("cannot listen on %1:%2: %3")
                                            .arg(address.toString())
                                            .arg(port)
                                            .arg(m_server->errorString())};
    }
    return {};
}

void WsTap::close() { m_server->close(); }
bool WsTap::isListening() const { return m_server->isListening(); }
quint16 WsTap::port() const { return m_server->serverPort(); }

void WsTap::accept()
{
    QUrl origin;
    origin.setScheme(m_credentials.tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    origin.setHost(m_credentials.wsHost());
    origin.setPort(m_credentials.wsPort());
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        auto *client =
            new TappedClient(QStringLiteral("t%1").arg(m_next++), socket, origin, m_credentials, m_log, this);
        m_clients.append(client);
        connect(client, &TappedClient::changed, this, &WsTap::clientsChanged);
        connect(client, &TappedClient::finished, this, [this, client] {
            if (!m_clients.removeOne(client))
                return;
            m_closed.append(client->info());
            client->deleteLater();
            emit clientsChanged();
        });
        emit clientsChanged();
    }
}

QList<TappedClientInfo> WsTap::clients() const
{
    QList<TappedClientInfo> all = m_closed;
    for (const auto &client : m_clients) {
        if (client)
            all.append(client->info());
    }
    return all;
}

QStringList WsTap::subscribedChannels() const
{
    QStringList channels;
    for (const auto &client : m_clients) {
        if (!client)
            continue;
        for (const QString &channel : client->info().channels) {
            if (!channels.contains(channel))
                channels.append(channel);
        }
    }
    return channels;
}

}  // namespace cs::tap
