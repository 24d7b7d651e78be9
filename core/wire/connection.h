#pragma once
// One WebSocket connection to a Pusher-protocol server, with the pusher-js state machine
// (docs/protocol.md, "Connection states and timers"): handshake, activity and pong timers, close-code actions and
// reconnection with back-off. Every transition and timer decision is written to the log with
// its reason. No singletons: any number may live in one process.
//
// The socket is read on a thread of the connection's own (see wiresocket.h): frames are parsed
// and logged there, and the state machine here gets them in batches.

#include "endpoint.h"
#include "logentry.h"
#include "protocol.h"
#include "result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QThread;

namespace cs {

class LogStore;
class WireSocket;
struct WireClose;
struct WireFrame;
struct WireTlsErrors;

enum class ConnectionState { Initialized, Connecting, Connected, Unavailable, Disconnected, Failed };
QString connectionStateName(ConnectionState s);  // "initialized", "connecting", …

struct ConnectionOptions {
    int activityTimeoutMs = 120'000;  // upper bound; the server's activity_timeout may lower it
    int pongTimeoutMs = 30'000;
    int unavailableTimeoutMs = 10'000;  // connecting -> unavailable
    int handshakeTimeoutMs = 15'000;    // per attempt: socket open + connection_established
    int maxBackoffMs = 15'000;          // cap of the exponential back-off between failed attempts
    // Reconnect budget: a connection that ends within this long of its handshake counts as
    // unstable; from the second unstable close on, reconnects back off whatever the close code
    // asks (see Connection::handleClose).
    int stableConnectionMs = 30'000;
    QString clientName = QStringLiteral("channelscope");
    QString clientVersion = QStringLiteral(CS_VERSION_STRING);
};

class Connection : public QObject {
    Q_OBJECT
public:
    // `log` may be null. `name` tags the log entries (several connections may share one log).
    Connection(LogStore *log, QString name, QObject *parent = nullptr);
    ~Connection() override;

    void setEndpoint(const Endpoint &endpoint);
    const Endpoint &endpoint() const;
    void setOptions(const ConnectionOptions &options);
    const ConnectionOptions &options() const;
    QString name() const;

    ConnectionState state() const;
    QString socketId() const;                // empty unless connected
    int effectiveActivityTimeoutMs() const;  // min(option, server activity_timeout)
    qint64 msUntilRetry() const;             // -1 when no retry is scheduled
    Error lastError() const;

    void open();   // initialized/disconnected/failed -> connecting
    void close();  // -> disconnected, no retry

    // Sends a text frame and logs it as outbound. Fails unless connected.
    Status sendFrame(const QByteArray &frame, EntryKind kind, const QString &channel = {}, const QString &event = {});

    // Logs through the connection's log with its name and socket id.
    void logLocal(EntryKind kind, const QString &message, const QJsonObject &details = {}, const QString &channel = {},
                  const QString &event = {});
    LogStore *log() const;

Q_SIGNALS:
    void stateChanged(cs::ConnectionState current, cs::ConnectionState previous, const QString &reason);
    void connected(const QString &socketId);
    // Every frame after the connection has handled its own (handshake, ping/pong, errors).
    void frameReceived(const cs::protocol::Frame &frame, const QByteArray &raw);
    void errorOccurred(const cs::Error &error);
    void retryScheduled(int delayMs, const QString &reason);

private:
    void startAttempt();
    void onSocketOpened();
    void onSocketClosed(const WireClose &close);
    void onFramesReceived(const QList<WireFrame> &frames);
    void onTlsErrors(const WireTlsErrors &errors);
    void onSocketError(const QString &errorString, bool opened);
    void onConnectFailed(const QString &errorString);  // the socket never opened: refused, DNS, TLS…
    void handleFrame(const protocol::Frame &frame, const QByteArray &raw);
    void handleHandshakeFrame(const protocol::Frame &frame);
    void rejectHandshake(const QString &reason);
    int backoffDelay() const;
    // The delay an action asks for, raised by the reconnect budget after repeated unstable closes.
    int budgetedDelay(int askedMs, const QString &why);
    void onActivityTimeout();
    void onPongTimeout();
    void onHandshakeTimeout();
    void onUnavailableTimeout();
    void scheduleRetry(int delayMs, const QString &reason);
    void handleClose(int code, const QString &reason);
    void setState(ConnectionState s, const QString &reason);
    void resetActivityTimer();
    void dropSocket();
    void fail(const Error &error, ConnectionState state = ConnectionState::Failed);

    QPointer<LogStore> m_log;
    QString m_name;
    Endpoint m_endpoint;
    ConnectionOptions m_options;
    ConnectionState m_state = ConnectionState::Initialized;
    QString m_socketId;
    qint64 m_serverActivityTimeoutMs = 0;
    QThread *m_readerThread = nullptr;  // started with the first attempt, ends with the connection
    WireSocket *m_socket = nullptr;     // the current attempt's socket
    bool m_socketOpen = false;          // the WebSocket upgrade completed
    bool m_handshakeDone = false;       // pusher:connection_established accepted
    bool m_closing = false;             // close() requested by the user
    bool m_forceTls = false;            // after a 4000 close
    int m_failedAttempts = 0;           // consecutive, reset on connected
    int m_unstableCloses = 0;           // closes soon after a completed handshake, reset by a stable connection
    QElapsedTimer m_connectedClock;     // since the last completed handshake
    Error m_lastError;
    QString m_pendingCloseReason;  // a pusher:error seen before the close frame
    QTimer m_activityTimer;
    QTimer m_pongTimer;
    QTimer m_handshakeTimer;
    QTimer m_unavailableTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_retryClock;
};

}  // namespace cs
