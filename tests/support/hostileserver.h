#pragma once
// An in-process scripted WebSocket server for what a real server will not do (garbage frames,
// broken handshakes, close codes, floods, hostile rosters), and a session wired to a log.

#include "logstore.h"
#include "session.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>
#include <functional>

namespace cs::test {

// Ordinary literals here: moc mis-reads raw strings that contain backslashes.
inline constexpr char kHandshake[] =
    "{\"event\":\"pusher:connection_established\",\"data\":\"{\\\"socket_id\\\":\\\"123.456\\\",\\\"activity_timeout\\\":%1}\"}";

// Credentials for an in-process server on this machine.
inline Credentials localCredentials(quint16 port, bool tls = false)
{
    Credentials c;
    c.appId = QStringLiteral("1");
    c.key = QStringLiteral("key");
    c.secret = QStringLiteral("secret");
    c.host = QStringLiteral("localhost");
    c.port = port;
    c.tls = tls;
    return c;
}

// A channel frame as servers send it: `data` as a JSON string (an object is serialized first).
inline QString frameText(const QString &event, const QString &channel, const QJsonValue &data)
{
    const QJsonValue text = data.isString() ? data : QJsonValue(QString::fromUtf8(QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact)));
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("event"), event},
                                                       {QStringLiteral("channel"), channel},
                                                       {QStringLiteral("data"), text}})
                                 .toJson(QJsonDocument::Compact));
}

// Runs `script` for every client that connects.
class HostileServer : public QObject {
public:
    using Script = std::function<void(QWebSocket *)>;

    explicit HostileServer(Script script, QWebSocketServer::SslMode mode = QWebSocketServer::NonSecureMode)
        : m_server(QStringLiteral("hostile"), mode), m_script(std::move(script))
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                ++m_connections;
                connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &m) { received << m; });
                m_script(socket);
            }
        });
    }
    QWebSocketServer &server() { return m_server; }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    Credentials credentials(bool tls = false) const { return localCredentials(m_server.serverPort(), tls); }
    int connections() const { return m_connections; }
    QStringList received;

private:
    QWebSocketServer m_server;
    Script m_script;
    int m_connections = 0;
};

// A HostileServer on a thread of its own, so that what the server does (building and sending
// large frames) does not count against the thread under test.
class ThreadedHostileServer {
public:
    explicit ThreadedHostileServer(HostileServer::Script script)
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(&m_context, [this, script] {
            m_server = new HostileServer(script);
            m_listening = m_server->listen();
            m_port = m_server->server().serverPort();
        }, Qt::BlockingQueuedConnection);
    }
    ~ThreadedHostileServer()
    {
        QMetaObject::invokeMethod(&m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool listening() const { return m_listening; }
    Credentials credentials() const { return localCredentials(m_port); }

private:
    QThread m_thread;
    QObject m_context;
    HostileServer *m_server = nullptr;  // used on m_thread only
    // Written on m_thread, read here: atomics, because ThreadSanitizer cannot see the ordering
    // of a blocking queued call inside Qt.
    std::atomic<bool> m_listening{false};
    std::atomic<quint16> m_port{0};
};

inline void handshake(QWebSocket *s, qint64 activityTimeout = 120)
{
    s->sendTextMessage(QString::fromLatin1(kHandshake).arg(activityTimeout));
}

struct Fixture {
    LogStore log;
    Session session;
    explicit Fixture(const Credentials &c) : session(c, &log, QStringLiteral("hostile")) {}
    Connection *connection() { return session.connection(); }
    // The log entries of `kind` whose message contains `text`.
    int logCount(EntryKind kind, const QString &text)
    {
        log.flush();
        int count = 0;
        for (qsizetype i = 0; i < log.size(); ++i) {
            const LogEntry e = log.at(i);
            count += e.kind == kind && e.message.contains(text);
        }
        return count;
    }
    bool logHas(EntryKind kind, const QString &text) { return logCount(kind, text) > 0; }
};

} // namespace cs::test
