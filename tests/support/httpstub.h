#pragma once
// A tiny in-process HTTP/1.1 server for hostile tests: records every request (request line,
// headers, body) and answers each path with a canned response, then closes the connection.

#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

namespace cs::test {

class HttpStub : public QObject {
public:
    struct Request {
        QByteArray method, path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[n, v] : headers)
                if (n.compare(name, Qt::CaseInsensitive) == 0)
                    return v;
            return {};
        }
        bool hasHeader(const QByteArray &name) const
        {
            for (const auto &h : headers)
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return true;
            return false;
        }
    };

    HttpStub()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray base() const { return "http://127.0.0.1:" + QByteArray::number(port()); }

    // The whole response for a path (the request path without its query), e.g.
    // "HTTP/1.1 307 Temporary Redirect\r\nLocation: …\r\nContent-Length: 0\r\n\r\n".
    void on(const QByteArray &path, const QByteArray &response) { m_responses.insert(path, response); }
    static QByteArray json(const QByteArray &body, int status = 200)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\nContent-Length: "
               + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    }
    static QByteArray redirect(const QByteArray &location, int status = 307)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " Redirect\r\nLocation: " + location
               + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    }

    QList<Request> requests;

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.path = first.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed(), value = lines[i].mid(colon + 1).trimmed();
            r.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        m_buffers.remove(socket);
        requests << r;
        const QByteArray path = r.path.left(r.path.indexOf('?') < 0 ? r.path.size() : r.path.indexOf('?'));
        socket->write(m_responses.value(path, json("{\"error\":\"no such path\"}", 404)));
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QByteArray, QByteArray> m_responses;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

}  // namespace cs::test
