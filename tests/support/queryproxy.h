#pragma once
// A forwarding HTTP proxy for hostile tests that behaves like a misconfigured reverse proxy:
// every request goes to 127.0.0.1:upstream with its query string cut off the request line
// ("GET /apps/1/channels?auth_key=… HTTP/1.1" arrives as "GET /apps/1/channels HTTP/1.1"),
// so signed REST calls lose their signature on the way. Answers flow back unchanged.

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>

namespace cs::test {

class QueryDroppingProxy : public QObject {
public:
    explicit QueryDroppingProxy(quint16 upstream) : m_upstream(upstream)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                pipe(client);
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    int requests = 0;

private:
    void pipe(QTcpSocket *client)
    {
        client->setParent(this);
        auto *server = new QTcpSocket(client);
        server->connectToHost(QHostAddress::LocalHost, m_upstream);
        connect(client, &QTcpSocket::readyRead, server, [this, client, server] {
            static const QRegularExpression requestLine(QStringLiteral(
                                                            "^([A-Z]+ [^ ?\\r\\n]*)\\?[^ \\r\\n]*( HTTP/1\\.1)"),
                                                        QRegularExpression::MultilineOption);
            QString text = QString::fromLatin1(client->readAll());
            requests += int(text.count(QStringLiteral(" HTTP/1.1\r\n")));
            text.replace(requestLine, QStringLiteral("\\1\\2"));
            server->write(text.toLatin1());
        });
        connect(server, &QTcpSocket::readyRead, client, [client, server] { client->write(server->readAll()); });
        connect(server, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, [client] { client->deleteLater(); });
    }

    QTcpServer m_server;
    quint16 m_upstream;
};

}  // namespace cs::test
