#include "upgradecheck.h"

#include "tlspolicy.h"

#include <QRegularExpression>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace cs::diagnose {

namespace {

constexpr int kMaxAnswerBytes = 64 * 1024;

QString htmlTitle(const QByteArray &body)
{
    static const QRegularExpression re(QStringLiteral("<title[^>]*>([^<]*)</title>"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(QString::fromUtf8(body.left(kMaxAnswerBytes)));
    return m.hasMatch() ? m.captured(1).simplified() : QString();
}

bool isHtml(const HttpAnswer &a)
{
    const QByteArray lead = a.body.left(512).trimmed().toLower();
    return a.header("content-type").toLower().contains("text/html") || lead.startsWith("<!doctype html")
           || lead.startsWith("<html");
}

// nginx, Apache, Caddy… from the Server header or the stock error page.
QString serverName(const HttpAnswer &a)
{
    const QByteArray server = a.header("server").toLower();
    const QByteArray body = a.body.toLower();
    if (server.contains("nginx") || body.contains("<center>nginx"))
        return QStringLiteral("nginx");
    if (server.contains("apache") || body.contains("<address>apache"))
        return QStringLiteral("Apache");
    if (server.contains("caddy"))
        return QStringLiteral("Caddy");
    if (server.contains("envoy"))
        return QStringLiteral("Envoy");
    return QString::fromUtf8(a.header("server")).simplified();
}

}  // namespace

QByteArray HttpAnswer::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

std::optional<HttpAnswer> parseHttpAnswer(const QByteArray &bytes)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    HttpAnswer a;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    a.statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = a.statusLine.split(' ');
    a.status = parts.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            a.headers.append({lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    a.body = bytes.mid(end + 4, kMaxAnswerBytes);
    return a;
}

QString classifyUpgradeAnswer(const HttpAnswer &a, const QString &path)
{
    const QByteArray body = a.body.toLower();
    const QString status = QString::fromUtf8(a.statusLine.mid(a.statusLine.indexOf(' ') + 1));
    const bool html = isHtml(a);
    const QString server = serverName(a);
    if (!a.header("cf-ray").isEmpty() || a.header("server").toLower().contains("cloudflare")
        || body.contains("attention required") || body.contains("cloudflare") || body.contains("just a moment..."))
        return QStringLiteral("Cloudflare answered HTTP %1 with its own page: the upgrade never reached the server "
                              "(a challenge, a firewall rule, or WebSockets off for the zone)")
            .arg(a.status);
    if (body.contains("phpdebugbar") || body.contains("whoops") || body.contains("laravel") || body.contains("symfony"))
        return QStringLiteral("a web application's page answered (HTTP %1, PHP/Laravel): the WebSocket path goes to "
                              "the web app, not to the WebSocket server")
            .arg(a.status);
    switch (a.status) {
    case 404:
        return QStringLiteral("HTTP 404 from %1 for %2: wrong path or path prefix, or the proxy does not route it to "
                              "the WebSocket server")
            .arg(server.isEmpty() ? QStringLiteral("the server") : server, path);
    case 400:
    case 426:
        return QStringLiteral("HTTP %1 instead of 101 from %2: the proxy does not pass the upgrade (Upgrade and "
                              "Connection headers, HTTP/1.1)")
            .arg(status, server.isEmpty() ? QStringLiteral("the server") : server);
    case 401:
    case 403: return QStringLiteral("HTTP %1: the server or a proxy refuses the WebSocket path").arg(status);
    case 502:
    case 503:
    case 504:
        return QStringLiteral("HTTP %1 from the proxy%2: the WebSocket server behind it is down or unreachable")
            .arg(status, server.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(server));
    default: break;
    }
    if (html)
        return QStringLiteral("an HTML page answered (HTTP %1%2) instead of the WebSocket server: this host and path "
                              "serve a web site")
            .arg(status, server.isEmpty() ? QString() : QStringLiteral(", ") + server);
    return QStringLiteral("HTTP %1 instead of 101 Switching Protocols").arg(status);
}

QString describeAnswer(const HttpAnswer &a)
{
    QStringList lines{QString::fromUtf8(a.statusLine)};
    for (const QByteArray &name :
         {QByteArray("server"), QByteArray("content-type"), QByteArray("cf-ray"), QByteArray("location")}) {
        const QByteArray value = a.header(name);
        if (!value.isEmpty())
            lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(name), excerpt(value, 120));
    }
    const QString title = htmlTitle(a.body);
    if (!title.isEmpty())
        lines << QStringLiteral("HTML title: %1").arg(excerpt(title.toUtf8(), 120));
    if (!a.body.isEmpty())
        lines << QStringLiteral("body: %1").arg(excerpt(a.body));
    return lines.join(u'\n');
}

void checkUpgrade(DoctorRun &run, const CheckDone &done)
{
    const Credentials &c = run.profile.credentials;
    const QUrl url = c.webSocketUrl(QStringLiteral("channelscope-doctor"), QStringLiteral(CS_VERSION_STRING));
    const QString path = url.path(QUrl::FullyEncoded);
    const QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    // The key is part of the path: show the path with the key, it is not a secret.
    const QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: " + c.wsHost().toUtf8() + ':'
                               + QByteArray::number(c.wsPort())
                               + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                 "Sec-WebSocket-Key: Y2hhbm5lbHNjb3BlZG9jdG9y\r\nSec-WebSocket-Version: 13\r\n"
                                 "User-Agent: channelscope-doctor\r\n\r\n";
    auto *socket = new QSslSocket(run.scope);
    auto buffer = std::make_shared<QByteArray>();
    const auto conclude = [done, buffer, path, facts = run.facts](bool closed) {
        auto answer = parseHttpAnswer(*buffer);
        if (!answer) {
            if (closed)
                done(DoctorCheck::fail(QStringLiteral("upgrade"),
                                       buffer->isEmpty()
                                           ? QStringLiteral("the server closed the connection without an answer")
                                           : QStringLiteral("the answer is not HTTP"),
                                       excerpt(*buffer)));
            return;
        }
        if (answer->status == 101) {
            facts->upgradeOk = true;
            answer->body.clear();  // WebSocket frames, not a page
            done(DoctorCheck::pass(QStringLiteral("upgrade"),
                                   QStringLiteral("WebSocket upgrade accepted on %1").arg(path),
                                   describeAnswer(*answer)));
            return;
        }
        // Wait for the whole body (Content-Length, the last chunk, or the close) so the page can be read.
        const qsizetype length = answer->header("content-length").toLongLong();
        const bool chunked = answer->header("transfer-encoding").toLower().contains("chunked");
        const bool complete = closed || buffer->size() >= kMaxAnswerBytes
                              || (length > 0 && answer->body.size() >= length)
                              || (chunked && answer->body.contains("\r\n0\r\n\r\n"))
                              || (!chunked && length == 0 && answer->header("content-length") == "0");
        if (!complete)
            return;
        done(DoctorCheck::fail(QStringLiteral("upgrade"), classifyUpgradeAnswer(*answer, path),
                               describeAnswer(*answer)));
    };
    // A keep-alive answer without a length never ends: read its body for a moment, then judge.
    auto *bodyWait = new QTimer(run.scope);
    bodyWait->setSingleShot(true);
    QObject::connect(bodyWait, &QTimer::timeout, run.scope, [conclude] { conclude(true); });
    QObject::connect(socket, &QIODevice::readyRead, run.scope, [socket, buffer, conclude, bodyWait] {
        buffer->append(socket->readAll());
        if (!bodyWait->isActive() && buffer->contains("\r\n\r\n"))
            bodyWait->start(1500);
        conclude(false);
    });
    QObject::connect(socket, &QAbstractSocket::disconnected, run.scope, [conclude] { conclude(true); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, run.scope,
                     [socket, buffer, conclude](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError) {
                             buffer->append(socket->readAll());
                             conclude(true);
                         }
                     });
    QObject::connect(socket, &QSslSocket::sslErrors, run.scope,
                     [socket, pinned = c.pinnedSha256](const QList<QSslError> &errors) {
                         if (checkPin(errors, pinned).accept)
                             socket->ignoreSslErrors(errors);
                     });
    if (c.tls) {
        QObject::connect(socket, &QSslSocket::encrypted, run.scope, [socket, request] { socket->write(request); });
        socket->connectToHostEncrypted(c.wsHost(), c.wsPort());
    } else {
        QObject::connect(socket, &QAbstractSocket::connected, run.scope, [socket, request] { socket->write(request); });
        socket->connectToHost(c.wsHost(), c.wsPort());
    }
}

}  // namespace cs::diagnose
