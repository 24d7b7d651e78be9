#include "connection.h"

#include "logstore.h"
#include "names.h"
#include "wiresocket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QWebSocketProtocol>

namespace cs {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms % 1000 ? 1 : 0) + QStringLiteral(" s");
}

// The activity_timeout a server may ask for. Larger values are clamped (a value of days would
// only delay noticing a dead connection; above ~24 days it overflowed the timer to milliseconds).
constexpr qint64 kMaxServerActivityTimeoutS = 3600;

}  // namespace

QString connectionStateName(ConnectionState s)
{
    switch (s) {
    case ConnectionState::Initialized: return QStringLiteral("initialized");
    case ConnectionState::Connecting: return QStringLiteral("connecting");
    case ConnectionState::Connected: return QStringLiteral("connected");
    case ConnectionState::Unavailable: return QStringLiteral("unavailable");
    case ConnectionState::Disconnected: return QStringLiteral("disconnected");
    case ConnectionState::Failed: return QStringLiteral("failed");
    }
    return {};
}

Connection::Connection(LogStore *log, QString name, QObject *parent)
    : QObject(parent),
      m_log(log),
      m_name(std::move(name))
{
    for (QTimer *t : {&m_activityTimer, &m_pongTimer, &m_handshakeTimer, &m_unavailableTimer, &m_retryTimer})
        t->setSingleShot(true);
    // The protocol asks for "at least 1 s" before a back-off retry; a coarse timer may fire 5 % early.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_activityTimer, &QTimer::timeout, this, &Connection::onActivityTimeout);
    connect(&m_pongTimer, &QTimer::timeout, this, &Connection::onPongTimeout);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &Connection::onHandshakeTimeout);
    connect(&m_unavailableTimer, &QTimer::timeout, this, &Connection::onUnavailableTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &Connection::startAttempt);
}

Connection::~Connection()
{
    dropSocket();
    if (m_readerThread) {
        m_readerThread->quit();
        m_readerThread->wait();  // released readers are deleted as the thread finishes
    }
}

void Connection::setEndpoint(const Endpoint &endpoint) { m_endpoint = endpoint; }
const Endpoint &Connection::endpoint() const { return m_endpoint; }
void Connection::setOptions(const ConnectionOptions &options) { m_options = options; }
const ConnectionOptions &Connection::options() const { return m_options; }
QString Connection::name() const { return m_name; }
ConnectionState Connection::state() const { return m_state; }
QString Connection::socketId() const { return m_state == ConnectionState::Connected ? m_socketId : QString(); }
Error Connection::lastError() const { return m_lastError; }
LogStore *Connection::log() const { return m_log; }

int Connection::effectiveActivityTimeoutMs() const
{
    if (m_serverActivityTimeoutMs > 0)
        return int(std::min<qint64>(m_options.activityTimeoutMs, m_serverActivityTimeoutMs));
    return m_options.activityTimeoutMs;
}

qint64 Connection::msUntilRetry() const
{
    if (!m_retryTimer.isActive())
        return -1;
    return std::max<qint64>(0, m_retryTimer.interval() - m_retryClock.elapsed());
}

void Connection::open()
{
    if (m_state == ConnectionState::Connecting || m_state == ConnectionState::Connected
        || m_state == ConnectionState::Unavailable)
        return;
    m_closing = false;
    m_forceTls = false;
    m_failedAttempts = 0;
    m_unstableCloses = 0;
    m_lastError = {};
    setState(ConnectionState::Connecting, tr("connect requested"));
    m_unavailableTimer.start(m_options.unavailableTimeoutMs);
    startAttempt();
}

void Connection::close()
{
    m_closing = true;
    m_retryTimer.stop();
    m_unavailableTimer.stop();
    if (m_socket && m_socketOpen) {
        m_socket->disconnect(this);  // batches already on their way must not reach a closed connection
        m_socket->closeAndRelease(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("client disconnect"));
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    dropSocket();
    if (m_state != ConnectionState::Disconnected && m_state != ConnectionState::Initialized)
        setState(ConnectionState::Disconnected, tr("disconnect requested"));
}

void Connection::startAttempt()
{
    dropSocket();
    m_socketOpen = false;
    m_handshakeDone = false;
    m_pendingCloseReason.clear();
    m_socketId.clear();
    m_serverActivityTimeoutMs = 0;

    Endpoint endpoint = m_endpoint;
    if (m_forceTls)
        endpoint.tls = true;
    const QUrl url = endpoint.webSocketUrl(m_options.clientName, m_options.clientVersion);

    if (!m_readerThread) {
        m_readerThread = new QThread(this);
        m_readerThread->setObjectName(QStringLiteral("cs-reader-") + m_name);
        m_readerThread->start();
    }
    m_socket = new WireSocket(m_readerThread, m_log, m_name, this);
    connect(m_socket, &WireSocket::opened, this, &Connection::onSocketOpened);
    connect(m_socket, &WireSocket::closed, this, &Connection::onSocketClosed);
    connect(m_socket, &WireSocket::framesReceived, this, &Connection::onFramesReceived);
    connect(m_socket, &WireSocket::tlsErrors, this, &Connection::onTlsErrors);
    connect(m_socket, &WireSocket::socketError, this, &Connection::onSocketError);

    logLocal(EntryKind::State, tr("opening %1 (attempt %2)").arg(url.toString()).arg(m_failedAttempts + 1),
             {{QStringLiteral("url"), url.toString()}, {QStringLiteral("attempt"), m_failedAttempts + 1}});
    m_handshakeTimer.start(m_options.handshakeTimeoutMs);
    m_socket->open(url, endpoint.pinnedSha256);
}

void Connection::onSocketOpened()
{
    m_socketOpen = true;
    logLocal(EntryKind::Timer, tr("WebSocket open; waiting up to %1 for pusher:connection_established")
                                   .arg(seconds(m_handshakeTimer.remainingTime())));
}

void Connection::onSocketClosed(const WireClose &close)
{
    if (!close.opened) {
        // Qt reports a refused or failed connect as a disconnect (before or instead of error()).
        onConnectFailed(close.errorString);
        return;
    }
    handleClose(close.code, close.reason);
}

void Connection::onFramesReceived(const QList<WireFrame> &frames)
{
    const WireSocket *socket = m_socket;
    resetActivityTimer();  // once per batch: restarting a timer per frame costs more than the frame
    for (const WireFrame &item : frames) {
        // A frame may end this attempt (a refused handshake): the rest belongs to a dead socket.
        if (m_socket != socket)
            return;
        if (item.frame)  // the reader logged why the others are not Pusher messages
            handleFrame(*item.frame, item.raw);
    }
}

void Connection::onTlsErrors(const WireTlsErrors &errors)
{
    const QString text = errors.texts.join(QStringLiteral("; "));
    if (errors.ignored) {
        logLocal(EntryKind::State, tr("%1 (%2)").arg(errors.pinMessage, text), errors.details);
        return;
    }
    QString hint;
    if (errors.allSelfSigned)
        hint = tr("; %1 (to trust it: Test in the profile editor, then Trust this certificate; CLI: --pin-sha256)")
                   .arg(errors.pinMessage);
    m_lastError = {ErrorCode::Tls, tr("TLS certificate rejected: %1%2").arg(text, hint)};
    logLocal(EntryKind::Error, m_lastError.message, errors.details);
}

void Connection::onSocketError(const QString &errorString, bool opened)
{
    if (!m_socket)
        return;
    if (opened) {
        logLocal(EntryKind::Error, tr("socket error: %1").arg(errorString));
        return;  // the close that follows decides what to do
    }
    onConnectFailed(errorString);
}

void Connection::onConnectFailed(const QString &errorString)
{
    QString text = errorString;
    if (text.isEmpty() || text == QLatin1String("Unknown error"))
        text = tr("the connection closed before the WebSocket handshake completed");
    const bool tlsRejected = m_lastError.code == ErrorCode::Tls;
    if (!tlsRejected) {
        m_lastError = {ErrorCode::Socket, tr("%1 (%2:%3)").arg(text, m_endpoint.host).arg(m_endpoint.effectivePort())};
        logLocal(EntryKind::Error, m_lastError.message);
    }
    Q_EMIT errorOccurred(m_lastError);
    dropSocket();
    if (tlsRejected) {
        // Retrying cannot help until the user trusts the certificate or changes the profile.
        fail(m_lastError);
        return;
    }
    ++m_failedAttempts;
    scheduleRetry(backoffDelay(), tr("could not connect: %1").arg(text));
}

void Connection::handleFrame(const protocol::Frame &frame, const QByteArray &raw)
{
    if (!m_handshakeDone) {
        handleHandshakeFrame(frame);
        return;
    }
    if (frame.event == QLatin1String("pusher:ping")) {
        sendFrame(protocol::buildPong(), EntryKind::Connection, {}, QStringLiteral("pusher:pong"));
    } else if (frame.event == QLatin1String("pusher:error")) {
        const auto err = protocol::parseServerError(frame);
        // Only an error that announces a close explains the close that follows.
        if (err.code && *err.code >= 4000 && *err.code < 4300)
            m_pendingCloseReason = err.message;
        Q_EMIT errorOccurred(Error{ErrorCode::Pusher, err.message, err.code.value_or(0)});
    }
    Q_EMIT frameReceived(frame, raw);
}

void Connection::handleHandshakeFrame(const protocol::Frame &frame)
{
    if (frame.event == QLatin1String("pusher:error")) {
        // The server refuses before the handshake: act on its code as on a close code.
        const auto err = protocol::parseServerError(frame);
        dropSocket();
        handleClose(err.code.value_or(4000 + 99), err.message);
        return;
    }
    const Result<protocol::Handshake> hs = protocol::parseHandshake(frame);
    if (!hs) {
        rejectHandshake(hs.error().message);
        return;
    }
    m_handshakeDone = true;
    m_handshakeTimer.stop();
    m_unavailableTimer.stop();
    m_retryTimer.stop();
    m_failedAttempts = 0;  // m_forceTls stays: once told "TLS only", later reconnects use it too
    m_lastError = {};
    m_socketId = hs->socketId;
    m_connectedClock.start();
    if (hs->activityTimeoutSeconds > kMaxServerActivityTimeoutS)
        logLocal(EntryKind::Timer,
                 tr("the server asks for an activity_timeout of %1 s, above the accepted %2 s: using %2 s")
                     .arg(hs->activityTimeoutSeconds)
                     .arg(kMaxServerActivityTimeoutS));
    m_serverActivityTimeoutMs = std::min<qint64>(hs->activityTimeoutSeconds, kMaxServerActivityTimeoutS) * 1000;
    logLocal(EntryKind::Timer,
             tr("activity timeout %1 (server asks %2, our limit %3); pong timeout %4")
                 .arg(seconds(effectiveActivityTimeoutMs()), seconds(m_serverActivityTimeoutMs),
                      seconds(m_options.activityTimeoutMs), seconds(m_options.pongTimeoutMs)),
             {{QStringLiteral("activity_timeout_ms"), effectiveActivityTimeoutMs()},
              {QStringLiteral("pong_timeout_ms"), m_options.pongTimeoutMs}});
    resetActivityTimer();
    setState(ConnectionState::Connected, tr("handshake complete, socket id %1").arg(m_socketId));
    Q_EMIT connected(m_socketId);
}

void Connection::rejectHandshake(const QString &reason)
{
    m_lastError = {ErrorCode::Handshake, reason};
    logLocal(EntryKind::Error, reason);
    Q_EMIT errorOccurred(m_lastError);
    dropSocket();
    ++m_failedAttempts;
    scheduleRetry(backoffDelay(), reason);
}

Status Connection::sendFrame(const QByteArray &frame, EntryKind kind, const QString &channel, const QString &event)
{
    if (!m_socket || m_state != ConnectionState::Connected)
        return Error{ErrorCode::NotConnected, tr("not connected (state: %1)").arg(connectionStateName(m_state))};
    // Logged before it leaves: the reader thread may log the answer before this thread goes on.
    if (m_log)
        m_log->append(LogEntry::outbound(kind, m_name, m_socketId, frame, channel, event));
    m_socket->sendText(frame);
    return {};
}

void Connection::logLocal(EntryKind kind, const QString &message, const QJsonObject &details, const QString &channel,
                          const QString &event)
{
    if (m_log)
        m_log->append(LogEntry::local(kind, m_name, m_socketId, message,
                                      QJsonDocument(details).toJson(QJsonDocument::Compact), channel, event));
}

void Connection::resetActivityTimer()
{
    m_pongTimer.stop();
    if (m_handshakeDone)
        m_activityTimer.start(effectiveActivityTimeoutMs());
}

void Connection::onActivityTimeout()
{
    // The event names the ping this line announces: the log folds it with the ping and pong.
    logLocal(EntryKind::Timer,
             tr("nothing received for %1: sending pusher:ping, expecting an answer within %2")
                 .arg(seconds(effectiveActivityTimeoutMs()), seconds(m_options.pongTimeoutMs)),
             {}, {}, QStringLiteral("pusher:ping"));
    sendFrame(protocol::buildPing(), EntryKind::Connection, {}, QStringLiteral("pusher:ping"));
    m_pongTimer.start(m_options.pongTimeoutMs);
}

void Connection::onPongTimeout()
{
    const QString reason = tr("no answer to pusher:ping within %1").arg(seconds(m_options.pongTimeoutMs));
    logLocal(EntryKind::Timer, reason + tr(": closing and reconnecting"));
    m_lastError = {ErrorCode::PongTimeout, reason};
    dropSocket();
    scheduleRetry(0, reason);
}

void Connection::onHandshakeTimeout()
{
    const QString reason = tr("no pusher:connection_established within %1").arg(seconds(m_options.handshakeTimeoutMs));
    m_lastError = {ErrorCode::HandshakeTimeout, reason};
    logLocal(EntryKind::Timer, reason);
    dropSocket();
    ++m_failedAttempts;
    scheduleRetry(backoffDelay(), reason);
}

void Connection::onUnavailableTimeout()
{
    if (m_state == ConnectionState::Connecting)
        setState(ConnectionState::Unavailable,
                 tr("not connected after %1; still trying").arg(seconds(m_options.unavailableTimeoutMs)));
}

void Connection::handleClose(int code, const QString &closeReason)
{
    const QString reason = closeReason.isEmpty() ? m_pendingCloseReason : closeReason;
    m_pendingCloseReason.clear();
    const bool wasHandshaking = !m_handshakeDone;
    dropSocket();

    protocol::CloseAction action = protocol::closeActionFor(code);
    // pusher-js: an ordinary close during the handshake means back off.
    if (wasHandshaking && code < 4000 && action == protocol::CloseAction::None)
        action = protocol::CloseAction::Backoff;

    QString text = tr("connection closed: %1").arg(protocol::describeCloseCode(code));
    if (code == QWebSocketProtocol::CloseCodeTooMuchData)
        text += tr(" (this app refuses messages over %1 MiB)").arg(WireSocket::kMaxMessageBytes >> 20);
    if (!reason.isEmpty())
        text += tr(", server says \"%1\"").arg(reason);
    const bool normal = code == QWebSocketProtocol::CloseCodeNormal || code == QWebSocketProtocol::CloseCodeGoingAway;
    if (!normal)
        m_lastError = Error{ErrorCode::Close, text, code};
    logLocal(normal ? EntryKind::State : EntryKind::Error, text,
             {{QStringLiteral("close_code"), code},
              {QStringLiteral("reason"), reason},
              {QStringLiteral("action"), protocol::closeActionName(action)}});
    if (!normal)
        Q_EMIT errorOccurred(m_lastError);

    if (wasHandshaking) {
        ++m_failedAttempts;
    } else if (m_connectedClock.isValid()) {
        if (m_connectedClock.elapsed() >= m_options.stableConnectionMs)
            m_unstableCloses = 0;
        ++m_unstableCloses;
    }
    switch (action) {
    case protocol::CloseAction::Refused:
        logLocal(EntryKind::Timer, tr("not reconnecting: close code %1 refuses these connection settings").arg(code));
        fail(m_lastError, ConnectionState::Disconnected);
        break;
    case protocol::CloseAction::TlsOnly:
        if (m_forceTls || m_endpoint.tls) {
            // Already on TLS: retrying at once would loop forever.
            logLocal(EntryKind::Timer,
                     tr("not reconnecting: the server asks for TLS, but this connection already uses it"));
            fail(m_lastError, ConnectionState::Disconnected);
            break;
        }
        m_forceTls = true;
        scheduleRetry(budgetedDelay(0, text), tr("the server accepts TLS only: retrying with wss"));
        break;
    case protocol::CloseAction::Retry:
        scheduleRetry(budgetedDelay(m_failedAttempts > 1 ? backoffDelay() : 0, text), text);
        break;
    case protocol::CloseAction::Backoff:
    case protocol::CloseAction::None: scheduleRetry(budgetedDelay(std::max(1000, backoffDelay()), text), text); break;
    }
}

int Connection::budgetedDelay(int askedMs, const QString &why)
{
    // Every reconnect re-authorizes every private channel (possibly at the user's auth endpoint):
    // a server that ends each connection right after its handshake must not turn that into a
    // storm. The first such close gets what its code asks (4200: reconnect now), later ones back
    // off 1 s, 2 s, 4 s … until a connection stays up for stableConnectionMs.
    if (m_unstableCloses < 2)
        return askedMs;
    const int shift = std::min(m_unstableCloses - 2, 16);
    const int budgetMs = int(std::min<qint64>(qint64(1000) << shift, m_options.maxBackoffMs));
    if (askedMs >= budgetMs)
        return askedMs;
    logLocal(
        EntryKind::Timer,
        tr("reconnect budget: the server ended %n connection(s) within %1 of the handshake; waiting %2 instead of %3 (%4)",
           nullptr, m_unstableCloses)
            .arg(seconds(m_options.stableConnectionMs), seconds(budgetMs), seconds(askedMs), why),
        {{QStringLiteral("unstable_closes"), m_unstableCloses},
         {QStringLiteral("asked_ms"), askedMs},
         {QStringLiteral("delay_ms"), budgetMs}});
    return budgetMs;
}

int Connection::backoffDelay() const
{
    // 1 s, 2 s, 4 s … up to the cap, counted over consecutive failed attempts.
    if (m_failedAttempts <= 0)
        return 1000;
    const int shift = std::min(m_failedAttempts - 1, 16);
    return int(std::min<qint64>(qint64(1000) << shift, m_options.maxBackoffMs));
}

void Connection::scheduleRetry(int delayMs, const QString &reason)
{
    if (m_closing)
        return;
    if (m_state == ConnectionState::Connected || m_state == ConnectionState::Initialized
        || m_state == ConnectionState::Disconnected || m_state == ConnectionState::Failed) {
        setState(ConnectionState::Connecting, reason);
        m_unavailableTimer.start(m_options.unavailableTimeoutMs);
    }
    logLocal(EntryKind::Timer, tr("reconnecting in %1: %2").arg(seconds(delayMs), reason),
             {{QStringLiteral("delay_ms"), delayMs}, {QStringLiteral("failed_attempts"), m_failedAttempts}});
    m_retryClock.start();
    m_retryTimer.start(delayMs);
    Q_EMIT retryScheduled(delayMs, reason);
}

void Connection::fail(const Error &error, ConnectionState state)
{
    m_retryTimer.stop();
    m_unavailableTimer.stop();
    m_handshakeTimer.stop();
    m_lastError = error;
    setState(state, error.message);
}

void Connection::setState(ConnectionState s, const QString &reason)
{
    if (s == m_state)
        return;
    const ConnectionState previous = m_state;
    m_state = s;
    if (s != ConnectionState::Connected) {
        m_activityTimer.stop();
        m_pongTimer.stop();
    }
    logLocal(EntryKind::State, tr("%1 → %2: %3").arg(connectionStateName(previous), connectionStateName(s), reason),
             {{QStringLiteral("previous"), connectionStateName(previous)},
              {QStringLiteral("current"), connectionStateName(s)},
              {QStringLiteral("reason"), reason}});
    Q_EMIT stateChanged(s, previous, reason);
}

void Connection::dropSocket()
{
    m_handshakeTimer.stop();
    m_activityTimer.stop();
    m_pongTimer.stop();
    if (!m_socket)
        return;
    WireSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abortAndRelease();  // now: the server must see the socket go even if we are destroyed next
    socket->deleteLater();      // the handle later: this may run inside one of its own signals
}

}  // namespace cs
