#include "wiresocket.h"

#include "logstore.h"
#include "tlspolicy.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSslCertificate>
#include <QThread>
#include <QWebSocket>

#include <utility>

namespace cs {

namespace {

// Incoming messages larger than this are refused by the socket (close 1009) instead of
// exhausting memory.
constexpr qint64 kMaxIncomingMessageBytes = WireSocket::kMaxMessageBytes;
// Backpressure: while this many bytes of frames wait for the Connection, or this many bytes or
// entries for the log store's thread, the reader stops reading the socket. The server's writes
// then back up in TCP. Two batches' worth keeps both threads busy; more only costs memory (a
// frame in flight costs about three times its bytes: the frame, its parse, the entry), and the
// 32/64 MiB of before let `listen` peak at 430 MB in a flood of a million events. The byte limits
// stay at the largest message, so that one big frame (a presence roster) alone does not pause the
// reader: the GUI then got the roster's joins in many small batches and stalled for 2 s.
constexpr qint64 kMaxInFlightBytes = WireSocket::kMaxMessageBytes;
constexpr qint64 kMaxStorePendingBytes = WireSocket::kMaxMessageBytes;
// The socket's own read buffer, so that a stop in reading leaves the rest in the kernel.
constexpr qint64 kSocketReadBufferBytes = 1024 * 1024;
// A batch is handed over after each socket read, or sooner when it gets this long, so that the
// Connection never waits behind a read of many megabytes.
constexpr qsizetype kMaxBatchFrames = 4096;
// A store publishes its pending entries in one batch; one larger than its cap would lose the
// oldest unseen (LogStore::flush). Stores that readers write to keep a cap above this.
constexpr qsizetype kMaxStorePendingEntries = WireSocket::kMaxStorePendingEntries;

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

void registerWireTypes()
{
    static const bool once = [] {
        qRegisterMetaType<cs::WireFrame>();
        qRegisterMetaType<QList<cs::WireFrame>>();
        qRegisterMetaType<cs::WireClose>();
        qRegisterMetaType<cs::WireTlsErrors>();
        return true;
    }();
    Q_UNUSED(once);
}

}  // namespace

// Lives on the reader thread and owns the QWebSocket there.
class WireReader : public QObject {
    Q_OBJECT
public:
    WireReader(LogStore *log, QString connectionName, std::shared_ptr<WireFlow> flow)
        : m_log(log),
          m_name(std::move(connectionName)),
          m_flow(std::move(flow))
    {}

    void open(const QUrl &url, const QString &pinnedSha256)
    {
        m_pinnedSha256 = pinnedSha256;
        m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        m_socket->setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
        m_socket->setMaxAllowedIncomingFrameSize(kMaxIncomingMessageBytes);
        m_socket->setReadBufferSize(kSocketReadBufferBytes);
        connect(m_socket, &QWebSocket::connected, this, &WireReader::onConnected);
        connect(m_socket, &QWebSocket::disconnected, this, &WireReader::onDisconnected);
        connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) { take(text.toUtf8()); });
        connect(m_socket, &QWebSocket::binaryMessageReceived, this, &WireReader::onBinary);
        connect(m_socket, &QWebSocket::sslErrors, this, &WireReader::onSslErrors);
        // Qt 6.4 names the signal error(); errorOccurred() arrived in 6.5.
        connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &WireReader::onError);
        m_socket->open(url);
    }

    void send(const QByteArray &frame)
    {
        if (m_socket)
            m_socket->sendTextMessage(QString::fromUtf8(frame));
    }

    void abort()
    {
        if (m_socket)
            m_socket->abort();
    }

    void closeGracefully(int code, const QString &reason)
    {
        if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
            m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
            m_socket->flush();  // the close frame leaves before the socket is torn down
        }
    }

Q_SIGNALS:
    void opened();
    void framesReceived(const QList<cs::WireFrame> &frames);
    void tlsErrors(const cs::WireTlsErrors &errors);
    void socketError(const QString &errorString, bool opened);
    void closed(const cs::WireClose &close);

private:
    void onConnected()
    {
        m_opened = true;
        Q_EMIT opened();
    }

    void onDisconnected()
    {
        deliver();  // frames first: the close comes after them on the wire too
        WireClose close;
        close.opened = m_opened;
        close.code = m_socket->closeCode();
        close.reason = m_socket->closeReason();
        close.errorString = m_socket->errorString();
        // Qt leaves closeCode() at 1000 when the TCP connection dropped without a close frame; the
        // socket error tells the two apart, so that a crash is not logged as a normal closure.
        if (close.code == QWebSocketProtocol::CloseCodeNormal && close.reason.isEmpty()
            && m_socket->error() == QAbstractSocket::RemoteHostClosedError)
            close.code = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
        Q_EMIT closed(close);
    }

    void onError()
    {
        deliver();
        Q_EMIT socketError(m_socket->errorString(), m_opened);
    }

    void onBinary(const QByteArray &message)
    {
        logLocal(EntryKind::Error,
                 tr("received a binary frame of %1 bytes; the Pusher protocol uses text frames, decoding it as text")
                     .arg(message.size()));
        take(message);
    }

    void onSslErrors(const QList<QSslError> &errors)
    {
        WireTlsErrors report;
        QJsonArray list;
        for (const QSslError &e : errors) {
            list.append(QJsonObject{{QStringLiteral("error"), e.errorString()},
                                    {QStringLiteral("certificate"), describeCertificate(e.certificate())}});
            report.texts << e.errorString();
        }
        report.details = {{QStringLiteral("errors"), list}};
        const PinVerdict pin = checkPin(errors, m_pinnedSha256);
        report.allSelfSigned = pin.untrusted;
        report.pinMessage = pin.message;
        // Must be decided here and now: the handshake goes on as soon as this slot returns.
        if (pin.accept) {
            m_socket->ignoreSslErrors(errors);
            report.ignored = true;
        }
        deliver();
        Q_EMIT tlsErrors(report);
    }

    bool behind() const
    {
        return m_flow->inFlightBytes.load() > kMaxInFlightBytes
               || (m_log
                   && (m_log->pendingBytes() > kMaxStorePendingBytes
                       || m_log->pendingCount() >= kMaxStorePendingEntries));
    }

    // Stops reading the socket (by not returning to the event loop) while the Connection or the
    // log store is behind, so that memory stays bounded whatever the server sends.
    void waitWhileBehind()
    {
        if (!behind())
            return;
        deliver();  // what is batched must reach the Connection for it to catch up
        QElapsedTimer paused;
        paused.start();
        while (behind() && !m_flow->released.load())
            QThread::msleep(1);
        ++m_pauses;
        m_pausedMs += paused.elapsed();
        // One line a second at most: the log is what is behind.
        if (!m_pauseReport.isValid() || m_pauseReport.elapsed() >= 1000) {
            logLocal(EntryKind::State,
                     tr("the app fell behind the server: stopped reading the socket %n time(s), %1 ms in all, until "
                        "the events already read were handled (nothing was dropped)",
                        nullptr, m_pauses)
                         .arg(m_pausedMs));
            m_pauses = 0;
            m_pausedMs = 0;
            m_pauseReport.start();
        }
    }

    // Parses and logs one frame here, on the reader thread, and queues it for the Connection.
    void take(const QByteArray &raw)
    {
        waitWhileBehind();
        m_flow->inFlightBytes += raw.size();
        // Channel events keep their data as sent: only a listener that wants it pays for decoding it.
        Result<protocol::Frame> parsed = protocol::parseFrame(raw, protocol::DataDecoding::ProtocolOnly);
        WireFrame item{parsed ? std::make_optional(std::move(parsed.value())) : std::nullopt, raw};
        if (item.frame)
            protocol::attachPresenceMembers(*item.frame);  // a big roster is built here, not on the Connection's thread
        if (m_log) {
            if (item.frame) {
                const protocol::Frame &frame = *item.frame;
                m_log->append(LogEntry::inbound(entryKindFor(protocol::classifyEvent(frame.event)), m_name, m_socketId,
                                                raw, frame.channel, frame.event, frame.userId));
            } else {
                m_log->append(LogEntry::undecodable(m_name, m_socketId, raw,
                                                    tr("not a Pusher message: %1").arg(parsed.error().message)));
            }
        }
        // Later entries carry the socket id, as the Connection's own entries do: the same rules
        // (protocol::parseHandshake) decide here and in the Connection.
        if (item.frame && m_socketId.isEmpty() && item.frame->event == QLatin1String("pusher:connection_established")) {
            if (const auto hs = protocol::parseHandshake(*item.frame))
                m_socketId = hs->socketId;
        }
        m_batch.append(std::move(item));
        if (m_batch.size() >= kMaxBatchFrames) {
            deliver();
        } else if (!m_deliveryQueued) {
            // Runs once the socket has handed over everything it read in this turn.
            m_deliveryQueued = true;
            QMetaObject::invokeMethod(this, &WireReader::deliver, Qt::QueuedConnection);
        }
    }

    void deliver()
    {
        m_deliveryQueued = false;
        if (m_batch.isEmpty())
            return;
        Q_EMIT framesReceived(std::exchange(m_batch, {}));
    }

    void logLocal(EntryKind kind, const QString &message)
    {
        if (m_log)
            m_log->append(LogEntry::local(kind, m_name, m_socketId, message));
    }

    LogStore *m_log;
    QString m_name;
    QString m_socketId;
    QWebSocket *m_socket = nullptr;
    std::shared_ptr<WireFlow> m_flow;
    QList<WireFrame> m_batch;
    QElapsedTimer m_pauseReport;
    int m_pauses = 0;
    qint64 m_pausedMs = 0;
    bool m_deliveryQueued = false;
    bool m_opened = false;
    QString m_pinnedSha256;
};

WireSocket::WireSocket(QThread *thread, LogStore *log, QString connectionName, QObject *parent) : QObject(parent)
{
    registerWireTypes();
    auto *reader = new WireReader(log, std::move(connectionName), m_flow);
    reader->moveToThread(thread);
    m_reader = reader;
    // Queued across the threads; dropped with this object, so a released reader is never heard.
    connect(reader, &WireReader::opened, this, &WireSocket::opened);
    connect(reader, &WireReader::framesReceived, this, [this](const QList<WireFrame> &frames) {
        qint64 bytes = 0;
        for (const WireFrame &frame : frames)
            bytes += frame.raw.size();
        Q_EMIT framesReceived(frames);  // handled by now (direct connection on this thread)
        m_flow->inFlightBytes -= bytes;
    });
    connect(reader, &WireReader::tlsErrors, this, &WireSocket::tlsErrors);
    connect(reader, &WireReader::socketError, this, &WireSocket::socketError);
    connect(reader, &WireReader::closed, this, &WireSocket::closed);
}

WireSocket::~WireSocket() { release(0, {}); }

void WireSocket::open(const QUrl &url, const QString &pinnedSha256)
{
    if (WireReader *reader = m_reader)
        QMetaObject::invokeMethod(
            reader, [reader, url, pinnedSha256] { reader->open(url, pinnedSha256); }, Qt::QueuedConnection);
}

void WireSocket::sendText(const QByteArray &frame)
{
    if (WireReader *reader = m_reader)
        QMetaObject::invokeMethod(
            reader, [reader, frame] { reader->send(frame); }, Qt::QueuedConnection);
}

void WireSocket::closeAndRelease(int code, const QString &reason) { release(code, reason); }

void WireSocket::abortAndRelease() { release(0, {}); }

void WireSocket::release(int code, const QString &reason)
{
    WireReader *reader = std::exchange(m_reader, nullptr);
    if (!reader)
        return;
    m_flow->released = true;  // a reader waiting for us to catch up stops waiting
    // What the reader posted before this is still queued to us: it must not come out.
    blockSignals(true);
    disconnect(reader, nullptr, this, nullptr);
    if (code != 0)
        QMetaObject::invokeMethod(
            reader, [reader, code, reason] { reader->closeGracefully(code, reason); }, Qt::QueuedConnection);
    else
        QMetaObject::invokeMethod(
            reader, [reader] { reader->abort(); }, Qt::QueuedConnection);
    // Deleted on its own thread, after anything already queued to it; the socket goes with it.
    reader->deleteLater();
}

}  // namespace cs

#include "wiresocket.moc"
