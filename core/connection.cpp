#include "connection.h"

#include "logstore.h"
#include "names.h"
#include "tlspolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QWebSocket>

namespace cs {

namespace {

// Incoming messages larger than this are refused by the socket instead of exhausting memory.
constexpr qint64 kMaxIncomingMessageBytes = 64 * 1024 * 1024;

// Which log kind an event name belongs to.
EntryKind kindForEvent(const QString &event)
{
    static const QHash<QString, EntryKind> known = {
        {QStringLiteral("pusher:connection_established"), EntryKind::Connection},
        {QStringLiteral("pusher:ping"), EntryKind::Connection},
        {QStringLiteral("pusher:pong"), EntryKind::Connection},
        {QStringLiteral("pusher:error"), EntryKind::Error},
        {QStringLiteral("pusher:subscribe"), EntryKind::Subscription},
        {QStringLiteral("pusher:unsubscribe"), EntryKind::Subscription},
        {QStringLiteral("pusher_internal:subscription_succeeded"), EntryKind::Subscription},
        {QStringLiteral("pusher:subscription_succeeded"), EntryKind::Subscription},
        {QStringLiteral("pusher:subscription_error"), EntryKind::Subscription},
        {QStringLiteral("pusher:cache_miss"), EntryKind::Subscription},
        {QStringLiteral("pusher_internal:member_added"), EntryKind::Presence},
        {QStringLiteral("pusher_internal:member_removed"), EntryKind::Presence},
        {QStringLiteral("pusher:signin"), EntryKind::Signin},
        {QStringLiteral("pusher:signin_success"), EntryKind::Signin},
    };
    if (const auto it = known.constFind(event); it != known.cend())
        return *it;
    if (event.startsWith(QLatin1String("client-")))
        return EntryKind::ClientEvent;
    return EntryKind::Event;
}

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'f', ms % 1000 ? 1 : 0) + QStringLiteral(" s");
}

QJsonObject describeCertificate(const QSslCertificate &cert)
{
    return {
        {QStringLiteral("subject"), cert.subjectDisplayName()},
        {QStringLiteral("issuer"), cert.issuerDisplayName()},
        {QStringLiteral("not_before"), cert.effectiveDate().toUTC().toString(Qt::ISODate)},
        {QStringLiteral("not_after"), cert.expiryDate().toUTC().toString(Qt::ISODate)},
        {QStringLiteral("sha256"), QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':'))},
    };
}

} // namespace

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
    : QObject(parent), m_log(log), m_name(std::move(name))
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
}

void Connection::setCredentials(const Credentials &credentials) { m_credentials = credentials; }
const Credentials &Connection::credentials() const { return m_credentials; }
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
        return std::min(m_options.activityTimeoutMs, m_serverActivityTimeoutMs);
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
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("client disconnect"));
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

    Credentials creds = m_credentials;
    if (m_forceTls)
        creds.tls = true;
    const QUrl url = creds.webSocketUrl(m_options.clientName, m_options.clientVersion);

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
    m_socket->setMaxAllowedIncomingFrameSize(kMaxIncomingMessageBytes);
    connect(m_socket, &QWebSocket::connected, this, &Connection::onSocketConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &Connection::onSocketDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Connection::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &Connection::onBinaryMessage);
    connect(m_socket, &QWebSocket::sslErrors, this, &Connection::onSslErrors);
    // Qt 6.4 names the signal error(); errorOccurred() arrived in 6.5.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &Connection::onSocketError);

    logLocal(EntryKind::State, tr("opening %1 (attempt %2)").arg(url.toString()).arg(m_failedAttempts + 1),
             {{QStringLiteral("url"), url.toString()}, {QStringLiteral("attempt"), m_failedAttempts + 1}});
    m_handshakeTimer.start(m_options.handshakeTimeoutMs);
    m_socket->open(url);
}

void Connection::onSocketConnected()
{
    m_socketOpen = true;
    logLocal(EntryKind::Timer, tr("WebSocket open; waiting up to %1 for pusher:connection_established")
                                   .arg(seconds(m_handshakeTimer.remainingTime())));
}

void Connection::onSocketDisconnected()
{
    if (!m_socket)
        return;
    if (!m_socketOpen) {
        // Qt reports a refused or failed connect as a disconnect (before or instead of error()).
        onConnectFailed();
        return;
    }
    int code = m_socket->closeCode();
    const QString reason = m_socket->closeReason();
    // Qt leaves closeCode() at 1000 when the TCP connection dropped without a close frame; the
    // socket error tells the two apart, so that a crash is not logged as a normal closure.
    if (code == QWebSocketProtocol::CloseCodeNormal && reason.isEmpty()
        && m_socket->error() == QAbstractSocket::RemoteHostClosedError)
        code = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
    handleClose(code, reason);
}

void Connection::onTextMessage(const QString &message)
{
    handleFrame(message.toUtf8());
}

void Connection::onBinaryMessage(const QByteArray &message)
{
    logLocal(EntryKind::Error, tr("received a binary frame of %1 bytes; the Pusher protocol uses text frames, decoding it as text")
                                   .arg(message.size()));
    handleFrame(message);
}

void Connection::onSslErrors(const QList<QSslError> &errors)
{
    QJsonArray list;
    QStringList texts;
    for (const QSslError &e : errors) {
        list.append(QJsonObject{{QStringLiteral("error"), e.errorString()},
                                {QStringLiteral("certificate"), describeCertificate(e.certificate())}});
        texts << e.errorString();
    }
    const bool allSelfSigned = allUntrustedIssuerErrors(errors);
    const QJsonObject details{{QStringLiteral("errors"), list}};
    if (allSelfSigned && m_credentials.acceptSelfSigned) {
        logLocal(EntryKind::State, tr("accepting an untrusted certificate because this profile allows self-signed certificates: %1")
                                       .arg(texts.join(QStringLiteral("; "))), details);
        m_socket->ignoreSslErrors(errors);
        return;
    }
    QString hint;
    if (allSelfSigned)
        hint = tr(" (for a local server with a self-signed certificate, allow it in the profile)");
    m_lastError = {QStringLiteral("tls"), tr("TLS certificate rejected: %1%2").arg(texts.join(QStringLiteral("; ")), hint)};
    logLocal(EntryKind::Error, m_lastError.message, details);
}

void Connection::onSocketError()
{
    if (!m_socket)
        return;
    if (m_socketOpen) {
        logLocal(EntryKind::Error, tr("socket error: %1").arg(m_socket->errorString()));
        return;  // the close that follows decides what to do
    }
    onConnectFailed();
}

void Connection::onConnectFailed()
{
    QString text = m_socket->errorString();
    if (text.isEmpty() || text == QLatin1String("Unknown error"))
        text = tr("the connection closed before the WebSocket handshake completed");
    const bool tlsRejected = m_lastError.code == QLatin1String("tls");
    if (!tlsRejected) {
        m_lastError = {QStringLiteral("socket"), tr("%1 (%2:%3)").arg(text, m_credentials.wsHost()).arg(m_credentials.wsPort())};
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

void Connection::handleFrame(const QByteArray &raw)
{
    resetActivityTimer();
    const protocol::Frame frame = protocol::parseFrame(raw);

    LogEntry entry;
    entry.direction = Direction::In;
    entry.connection = m_name;
    entry.socketId = m_socketId;
    entry.raw = raw;
    if (frame.ok) {
        entry.kind = kindForEvent(frame.event);
        entry.channel = frame.channel;
        entry.event = frame.event;
        entry.userId = frame.userId;
    } else {
        entry.kind = EntryKind::Error;
        entry.message = tr("not a Pusher message: %1").arg(frame.error);
    }
    if (m_log)
        m_log->append(entry);
    if (!frame.ok)
        return;

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
        Q_EMIT errorOccurred({err.code ? QStringLiteral("pusher-%1").arg(*err.code) : QStringLiteral("pusher-error"), err.message});
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
    if (frame.event != QLatin1String("pusher:connection_established")) {
        rejectHandshake(tr("invalid handshake: the first message was \"%1\", not pusher:connection_established").arg(frame.event));
        return;
    }
    const auto hs = protocol::parseHandshake(frame);
    if (!hs || !isValidSocketId(hs->socketId)) {
        rejectHandshake(tr("invalid handshake: no valid socket_id in pusher:connection_established"));
        return;
    }
    if (hs->activityTimeoutSeconds <= 0) {
        rejectHandshake(tr("invalid handshake: no activity_timeout in pusher:connection_established (pusher-js refuses such a server too)"));
        return;
    }
    m_handshakeDone = true;
    m_handshakeTimer.stop();
    m_unavailableTimer.stop();
    m_retryTimer.stop();
    m_failedAttempts = 0;  // m_forceTls stays: once told "TLS only", later reconnects use it too
    m_lastError = {};
    m_socketId = hs->socketId;
    m_serverActivityTimeoutMs = hs->activityTimeoutSeconds * 1000;
    logLocal(EntryKind::Timer, tr("activity timeout %1 (server asks %2, our limit %3); pong timeout %4")
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
    m_lastError = {QStringLiteral("handshake"), reason};
    logLocal(EntryKind::Error, reason);
    Q_EMIT errorOccurred(m_lastError);
    dropSocket();
    ++m_failedAttempts;
    scheduleRetry(backoffDelay(), reason);
}

Status Connection::sendFrame(const QByteArray &frame, EntryKind kind, const QString &channel, const QString &event)
{
    if (!m_socket || m_state != ConnectionState::Connected)
        return Error{QStringLiteral("not-connected"), tr("not connected (state: %1)").arg(connectionStateName(m_state))};
    m_socket->sendTextMessage(QString::fromUtf8(frame));
    if (m_log) {
        LogEntry entry;
        entry.direction = Direction::Out;
        entry.kind = kind;
        entry.connection = m_name;
        entry.socketId = m_socketId;
        entry.channel = channel;
        entry.event = event;
        entry.raw = frame;
        m_log->append(entry);
    }
    return {};
}

void Connection::logLocal(EntryKind kind, const QString &message, const QJsonObject &details, const QString &channel,
                          const QString &event)
{
    if (!m_log)
        return;
    LogEntry entry;
    entry.direction = Direction::Local;
    entry.kind = kind;
    entry.connection = m_name;
    entry.socketId = m_socketId;
    entry.channel = channel;
    entry.event = event;
    entry.message = message;
    entry.raw = QJsonDocument(details).toJson(QJsonDocument::Compact);
    m_log->append(entry);
}

void Connection::resetActivityTimer()
{
    m_pongTimer.stop();
    if (m_handshakeDone)
        m_activityTimer.start(effectiveActivityTimeoutMs());
}

void Connection::onActivityTimeout()
{
    logLocal(EntryKind::Timer, tr("nothing received for %1: sending pusher:ping, expecting an answer within %2")
                                   .arg(seconds(effectiveActivityTimeoutMs()), seconds(m_options.pongTimeoutMs)));
    sendFrame(protocol::buildPing(), EntryKind::Connection, {}, QStringLiteral("pusher:ping"));
    m_pongTimer.start(m_options.pongTimeoutMs);
}

void Connection::onPongTimeout()
{
    const QString reason = tr("no answer to pusher:ping within %1").arg(seconds(m_options.pongTimeoutMs));
    logLocal(EntryKind::Timer, reason + tr(": closing and reconnecting"));
    m_lastError = {QStringLiteral("pong-timeout"), reason};
    dropSocket();
    scheduleRetry(0, reason);
}

void Connection::onHandshakeTimeout()
{
    const QString reason = tr("no pusher:connection_established within %1").arg(seconds(m_options.handshakeTimeoutMs));
    m_lastError = {QStringLiteral("handshake-timeout"), reason};
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
    if (!reason.isEmpty())
        text += tr(", server says \"%1\"").arg(reason);
    const bool normal = code == QWebSocketProtocol::CloseCodeNormal || code == QWebSocketProtocol::CloseCodeGoingAway;
    if (!normal)
        m_lastError = {QStringLiteral("close-%1").arg(code), text};
    logLocal(normal ? EntryKind::State : EntryKind::Error, text,
             {{QStringLiteral("close_code"), code}, {QStringLiteral("reason"), reason},
              {QStringLiteral("action"), protocol::closeActionName(action)}});
    if (!normal)
        Q_EMIT errorOccurred(m_lastError);

    if (wasHandshaking)
        ++m_failedAttempts;
    switch (action) {
    case protocol::CloseAction::Refused:
        logLocal(EntryKind::Timer, tr("not reconnecting: close code %1 refuses these connection settings").arg(code));
        fail(m_lastError, ConnectionState::Disconnected);
        break;
    case protocol::CloseAction::TlsOnly:
        if (m_forceTls || m_credentials.tls) {
            // Already on TLS: retrying at once would loop forever.
            logLocal(EntryKind::Timer, tr("not reconnecting: the server asks for TLS, but this connection already uses it"));
            fail(m_lastError, ConnectionState::Disconnected);
            break;
        }
        m_forceTls = true;
        scheduleRetry(0, tr("the server accepts TLS only: retrying with wss"));
        break;
    case protocol::CloseAction::Retry:
        scheduleRetry(m_failedAttempts > 1 ? backoffDelay() : 0, text);
        break;
    case protocol::CloseAction::Backoff:
        scheduleRetry(std::max(1000, backoffDelay()), text);
        break;
    case protocol::CloseAction::None:
        scheduleRetry(std::max(1000, backoffDelay()), text);
        break;
    }
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
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace cs
