#include "httplistener.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace cs::tap {

// One accepted connection: what has been read and whether a request waits for its answer.
struct HttpListener::Client : QObject {
    explicit Client(QTcpSocket *s) : QObject(s), socket(s) {}
    QTcpSocket *socket;
    QByteArray buffer;
    bool busy = false;  // a request is with the handler; later ones wait in the buffer
    bool keepAlive = true;
};

namespace {

bool equalsNoCase(const QByteArray &a, const QByteArray &b) { return a.compare(b, Qt::CaseInsensitive) == 0; }

enum class Parse { Incomplete, Done, Bad, TooLarge };

// One request off the front of `buffer`; on Done it is removed from the buffer.
Parse parseRequest(QByteArray &buffer, HttpRequest &request, QString &why)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > HttpListener::kMaxHeaderBytes) {
            why = QStringLiteral("request head over %1 bytes").arg(HttpListener::kMaxHeaderBytes);
            return Parse::TooLarge;
        }
        return Parse::Incomplete;
    }
    if (headerEnd > HttpListener::kMaxHeaderBytes) {
        why = QStringLiteral("request head over %1 bytes").arg(HttpListener::kMaxHeaderBytes);
        return Parse::TooLarge;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() || !requestLine[2].startsWith("HTTP/1.")) {
        why = QStringLiteral("not an HTTP/1.x request line");
        return Parse::Bad;
    }
    request.method = requestLine[0];
    request.target = requestLine[1];
    request.version = requestLine[2];
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            why = QStringLiteral("malformed header line");
            return Parse::Bad;
        }
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (equalsNoCase(name, "content-length")) {
            bool ok = false;
            length = value.toLongLong(&ok);
            if (!ok || length < 0) {
                why = QStringLiteral("bad Content-Length");
                return Parse::Bad;
            }
        }
        if (equalsNoCase(name, "transfer-encoding") && !equalsNoCase(value, "identity")) {
            why = QStringLiteral("Transfer-Encoding %1 is not supported; send a Content-Length")
                      .arg(QString::fromLatin1(value));
            return Parse::Bad;
        }
    }
    if (length > HttpListener::kMaxBodyBytes) {
        why = QStringLiteral("body over %1 bytes").arg(HttpListener::kMaxBodyBytes);
        return Parse::TooLarge;
    }
    if (buffer.size() < headerEnd + 4 + length)
        return Parse::Incomplete;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return Parse::Done;
}

}  // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[n, v] : headers) {
        if (equalsNoCase(n, name))
            return v;
    }
    return {};
}

QByteArray HttpRequest::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QByteArray HttpRequest::query() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArray() : target.mid(q + 1);
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

HttpListener::HttpListener(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &HttpListener::accept);
}

HttpListener::~HttpListener() = default;

Status HttpListener::listen(const QHostAddress &address, quint16 port)
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

void HttpListener::close() { m_server->close(); }
bool HttpListener::isListening() const { return m_server->isListening(); }
quint16 HttpListener::port() const { return m_server->serverPort(); }
QHostAddress HttpListener::address() const { return m_server->serverAddress(); }

void HttpListener::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *client = new Client(socket);
        connect(socket, &QTcpSocket::readyRead, client, [this, client] { readFrom(client); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void HttpListener::readFrom(Client *client)
{
    client->buffer += client->socket->readAll();
    while (!client->busy && client->socket->state() == QAbstractSocket::ConnectedState) {
        HttpRequest request;
        QString why;
        const Parse parse = parseRequest(client->buffer, request, why);
        if (parse == Parse::Incomplete)
            return;
        const QString peer =
            QStringLiteral("%1:%2").arg(client->socket->peerAddress().toString()).arg(client->socket->peerPort());
        if (parse != Parse::Done) {
            emit badRequest(peer, why);
            HttpResponse response;
            response.status = parse == Parse::TooLarge ? 413 : 400;
            response.body = why.toUtf8() + '\n';
            answer(client, response, true);
            return;
        }
        request.peer = peer;
        client->busy = true;
        client->keepAlive = !equalsNoCase(request.header("connection"), "close") && request.version != "HTTP/1.0";
        if (!m_handler) {
            answer(client, HttpResponse{503, {}, {}, "no handler\n"}, false);
            continue;
        }
        QPointer<Client> alive(client);
        m_handler(request, [this, alive](const HttpResponse &response) {
            if (alive)
                answer(alive, response, false);
        });
    }
}

void HttpListener::answer(Client *client, const HttpResponse &response, bool close)
{
    close = close || !client->keepAlive;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                      + (response.reason.isEmpty() ? reasonPhrase(response.status) : response.reason) + "\r\n";
    bool hasType = false;
    for (const auto &[name, value] : response.headers) {
        // Framing is this side's: the body is sent whole, with its own length.
        if (equalsNoCase(name, "content-length") || equalsNoCase(name, "transfer-encoding")
            || equalsNoCase(name, "connection") || equalsNoCase(name, "keep-alive"))
            continue;
        hasType = hasType || equalsNoCase(name, "content-type");
        head += name + ": " + value + "\r\n";
    }
    if (!hasType && !response.body.isEmpty())
        head += "Content-Type: text/plain; charset=utf-8\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    client->socket->write(head + response.body);
    client->busy = false;
    if (close) {
        client->socket->disconnectFromHost();
        return;
    }
    if (!client->buffer.isEmpty())
        QMetaObject::invokeMethod(
            client, [this, client] { readFrom(client); }, Qt::QueuedConnection);
}

}  // namespace cs::tap
