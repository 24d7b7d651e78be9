#pragma once
// A small HTTP/1.1 server for the tap's loopback listeners (the REST tap, the webhook inbox):
// requests are read with limits (header and body size, Content-Length bodies only), handed to
// the handler one at a time per connection, and answered in order. Keep-alive is kept, because
// the SDKs reuse their connections. Untrusted input: a malformed request gets a 400 and the
// connection is closed; nothing is interpreted beyond the request line, headers and body.

#include "result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace cs::tap {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest {
    QByteArray method;
    QByteArray target;  // as sent: path and query, undecoded
    QByteArray version;
    HttpHeaders headers;
    QByteArray body;
    QString peer;  // "127.0.0.1:54321"

    QByteArray header(const QByteArray &name) const;  // first one, case-insensitive; empty if absent
    QByteArray path() const;                          // target before '?'
    QByteArray query() const;                         // target after '?', without it
};

struct HttpResponse {
    int status = 200;
    QByteArray reason;  // empty: the standard phrase
    HttpHeaders headers;
    QByteArray body;
};

QByteArray reasonPhrase(int status);

class HttpListener : public QObject {
    Q_OBJECT

public:
    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 16 * 1024 * 1024;

    // Called once per answer; a handler that never calls it leaves the client waiting (the
    // webhook inbox's "time out" mode). Safe to call after the connection went away.
    using Respond = std::function<void(const HttpResponse &)>;
    using Handler = std::function<void(const HttpRequest &, Respond)>;

    explicit HttpListener(QObject *parent = nullptr);
    ~HttpListener() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Port 0 picks any free one. Fails (code Socket) with the reason, e.g. the port is in use.
    Status listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;

signals:
    // A request that could not be read (too large, malformed): answered 400/413 and closed.
    void badRequest(const QString &peer, const QString &why);

private:
    struct Client;
    void accept();
    void readFrom(Client *client);
    void answer(Client *client, const HttpResponse &response, bool close);

    QTcpServer *m_server = nullptr;
    Handler m_handler;
};

}  // namespace cs::tap
