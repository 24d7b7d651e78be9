#pragma once
// An in-process Pusher server on a free loopback port, for what a real server will not do on
// demand: garbage frames, broken or late handshakes, close codes, floods, hostile rosters,
// refused signatures. Unscripted, it sends the handshake; a script takes over each connection.
// It records every frame each client sent, and how each connection ended.

#include "pusherframes.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>
#include <functional>

namespace cs::test {

// Outside the class: GCC cannot take a nested struct with member initializers as a default argument.
struct FakePusherServerOptions {
    bool tls = false;            // wss with testcerts.h's certificate (server() can swap it)
    bool pusherReplies = false;  // pusher:pong to pings, subscription_succeeded to subscribes
};

class FakePusherServer : public QObject {
public:
    using Options = FakePusherServerOptions;
    // One accepted connection, numbered from 0 in the order they came.
    struct Peer {
        QPointer<QWebSocket> socket;
        QStringList texts;          // every text frame the client sent, as sent
        QList<QJsonObject> frames;  // the same, parsed
        int closeCode = -1;         // as the server saw it; -1 while open
        bool answerPings = false;
        bool acceptSubscriptions = false;
    };
    using Script = std::function<void(QWebSocket *)>;
    using PeerScript = std::function<void(FakePusherServer &, int index, QWebSocket *)>;
    // Extra replies: called for every frame a client sends, after the built-in ones.
    using FrameHook = std::function<void(QWebSocket *, const QJsonObject &frame)>;

    explicit FakePusherServer(Options options = {});
    explicit FakePusherServer(Script script, Options options = {});
    explicit FakePusherServer(PeerScript script, Options options = {});
    ~FakePusherServer() override;

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_server.serverPort(); }
    Credentials credentials(bool tls = false) const { return localCredentials(port(), tls); }
    QWebSocketServer &server() { return m_server; }
    void onFrame(FrameHook hook) { m_hook = std::move(hook); }

    int connections() const { return int(m_peers.size()); }
    Peer &peer(int index) { return m_peers[index]; }
    // Every text frame from every client, in the order they arrived.
    const QStringList &received() const { return m_received; }
    // The events of the frames connection `index` sent, in order.
    QStringList events(int index) const;
    int count(int index, const QString &event) const { return int(events(index).count(event)); }
    QStringList subscribedChannels(int index) const;
    // How many frames of `event` all clients sent.
    int sent(const QString &event) const;
    // Waits until the clients have sent `times` frames of `event`.
    bool waitForEvent(const QString &event, int times = 1, int timeoutMs = 10000) const;
    // A positive event to wait for instead of a quiet time: pings connection `index` and waits
    // for the pong. The client answers in order, so all it sent before has arrived.
    bool roundTrip(int index, int timeoutMs = 10000);

private:
    void accept(QWebSocket *socket);
    void reply(int index, QWebSocket *socket, const QJsonObject &frame);

    QWebSocketServer m_server;
    PeerScript m_script;
    Options m_options;
    FrameHook m_hook;
    QList<Peer> m_peers;
    QStringList m_received;
};

// A FakePusherServer on a thread of its own, so that what the server does (building and
// sending large frames) does not count against the thread under test.
class ThreadedFakePusherServer {
public:
    explicit ThreadedFakePusherServer(FakePusherServer::Script script);
    ~ThreadedFakePusherServer();
    bool listening() const { return m_listening; }
    Credentials credentials() const { return localCredentials(m_port); }

private:
    QThread m_thread;
    QObject m_context;
    FakePusherServer *m_server = nullptr;  // used on m_thread only
    // Written on m_thread, read here: atomics, because ThreadSanitizer cannot see the ordering
    // of a blocking queued call inside Qt.
    std::atomic<bool> m_listening{false};
    std::atomic<quint16> m_port{0};
};

}  // namespace cs::test
