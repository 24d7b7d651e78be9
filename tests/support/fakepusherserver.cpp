#include "fakepusherserver.h"

#include "testcerts.h"

#include <QJsonDocument>
#include <QTest>

namespace cs::test {

FakePusherServer::FakePusherServer(Options options)
    : FakePusherServer(PeerScript([](FakePusherServer &, int, QWebSocket *s) { handshake(s); }), options)
{}

FakePusherServer::FakePusherServer(Script script, Options options)
    : FakePusherServer(PeerScript([script = std::move(script)](FakePusherServer &, int, QWebSocket *s) { script(s); }),
                       options)
{}

FakePusherServer::FakePusherServer(PeerScript script, Options options)
    : m_server(QStringLiteral("fake-pusher"),
               options.tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode),
      m_script(std::move(script)),
      m_options(options)
{
    if (options.tls)
        m_server.setSslConfiguration(localhostServerTls());
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection())
            accept(socket);
    });
}

FakePusherServer::~FakePusherServer()
{
    // The sockets are children: ~QObject would delete them after m_peers is gone, and their last
    // signals would reach the lambdas below.
    for (QWebSocket *socket : findChildren<QWebSocket *>()) {
        socket->disconnect(this);
        delete socket;
    }
}

void FakePusherServer::accept(QWebSocket *socket)
{
    socket->setParent(this);
    const int index = int(m_peers.size());
    Peer peer;
    peer.socket = socket;
    peer.answerPings = peer.acceptSubscriptions = m_options.pusherReplies;
    m_peers.append(peer);
    connect(socket, &QWebSocket::textMessageReceived, this, [this, index, socket](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        m_received << text;
        m_peers[index].texts << text;
        m_peers[index].frames << frame;
        reply(index, socket, frame);
    });
    connect(socket, &QWebSocket::disconnected, this,
            [this, index, socket] { m_peers[index].closeCode = socket->closeCode(); });
    m_script(*this, index, socket);
}

void FakePusherServer::reply(int index, QWebSocket *socket, const QJsonObject &frame)
{
    const QString event = eventOf(frame);
    if (event == QLatin1String("pusher:ping") && m_peers[index].answerPings)
        socket->sendTextMessage(QStringLiteral("{\"event\":\"pusher:pong\",\"data\":{}}"));
    else if (event == QLatin1String("pusher:subscribe") && m_peers[index].acceptSubscriptions)
        socket->sendTextMessage(frameText(QStringLiteral("pusher_internal:subscription_succeeded"), channelOf(frame),
                                          QStringLiteral("{}")));
    if (m_hook)
        m_hook(socket, frame);
}

QStringList FakePusherServer::events(int index) const
{
    QStringList out;
    if (index < m_peers.size())
        for (const QJsonObject &f : m_peers[index].frames)
            out << eventOf(f);
    return out;
}

QStringList FakePusherServer::subscribedChannels(int index) const
{
    QStringList out;
    if (index < m_peers.size())
        for (const QJsonObject &f : m_peers[index].frames)
            if (eventOf(f) == QLatin1String("pusher:subscribe"))
                out << channelOf(f);
    return out;
}

int FakePusherServer::sent(const QString &event) const
{
    int n = 0;
    for (const Peer &p : m_peers)
        for (const QJsonObject &f : p.frames)
            n += eventOf(f) == event;
    return n;
}

bool FakePusherServer::waitForEvent(const QString &event, int times, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return sent(event) >= times; }, timeoutMs);
}

bool FakePusherServer::roundTrip(int index, int timeoutMs)
{
    const int before = count(index, QStringLiteral("pusher:pong"));
    if (index >= m_peers.size() || !m_peers[index].socket)
        return false;
    m_peers[index].socket->sendTextMessage(QStringLiteral("{\"event\":\"pusher:ping\",\"data\":{}}"));
    return QTest::qWaitFor([&] { return count(index, QStringLiteral("pusher:pong")) > before; }, timeoutMs);
}

ThreadedFakePusherServer::ThreadedFakePusherServer(FakePusherServer::Script script)
{
    m_thread.start();
    m_context.moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        &m_context,
        [this, script] {
            m_server = new FakePusherServer(script);
            m_listening = m_server->listen();
            m_port = m_server->port();
        },
        Qt::BlockingQueuedConnection);
}

ThreadedFakePusherServer::~ThreadedFakePusherServer()
{
    QMetaObject::invokeMethod(
        &m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

}  // namespace cs::test
