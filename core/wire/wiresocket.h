#pragma once
// The WebSocket of one Connection, read on a thread of its own. Each incoming text frame is
// decoded and parsed there and written to the log store there, so a flood of events costs the
// GUI thread nothing but one batch hand-over per socket read. The Connection keeps the state
// machine and its timers on its own thread and learns of everything through queued signals,
// in wire order: frames, open, close and errors.
//
// One WireSocket serves one connection attempt; the Connection makes a new one per attempt.

#include "protocol.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace cs {

class LogStore;
class WireReader;

// A frame as parsed on the reader thread, with the exact bytes that arrived. Bytes that are not a
// Pusher message are passed on too (they count as activity); the reader has logged why.
struct WireFrame {
    std::optional<protocol::Frame> frame;  // nullopt: not a Pusher message
    QByteArray raw;
};

// How the socket ended.
struct WireClose {
    int code = 1000;
    QString reason;
    bool opened = false;  // the WebSocket upgrade had completed
    QString errorString;  // the socket's last error, if any ("Connection refused"…)
};

// What a TLS handshake complained about, digested on the reader thread.
struct WireTlsErrors {
    QStringList texts;
    QJsonObject details;  // {"errors":[{"error","certificate"}…]}
    bool allSelfSigned = false;
    bool ignored = false;  // waved through: the certificate is the one the profile pinned
    QString pinMessage;    // the pin's verdict in one line (empty when no pin could apply)
};

// Shared by a WireSocket and its reader: how far the Connection is behind the reader.
struct WireFlow {
    std::atomic<qint64> inFlightBytes{0};  // frames read but not yet handled by the Connection
    std::atomic<bool> released{false};     // the WireSocket let the reader go
};

// The Connection's handle on a reader thread. Lives on the Connection's thread.
//
// Backpressure: while more than 16 MiB of frames wait for the Connection, or more than 16 MiB or
// kMaxStorePendingEntries entries for the log store's thread, the reader stops reading the
// socket; TCP then slows the server down. Nothing is dropped, and memory stays bounded whatever
// the server sends.
class WireSocket : public QObject {
    Q_OBJECT
public:
    // Larger messages are refused: the socket closes with 1009 ("message too big").
    static constexpr qint64 kMaxMessageBytes = 16 * 1024 * 1024;
    // At most this many entries wait to be published in the log store (per reader): a store whose
    // cap is above it sees every entry before any is evicted.
    static constexpr qsizetype kMaxStorePendingEntries = 8192;

    // `thread` runs the reader; it must outlive this object. `log` may be null.
    WireSocket(QThread *thread, LogStore *log, QString connectionName, QObject *parent = nullptr);
    ~WireSocket() override;  // aborts the socket (no close frame); nothing is reported after this

    // pinnedSha256: the profile's accepted certificate (Credentials::pinnedSha256), may be empty.
    void open(const QUrl &url, const QString &pinnedSha256);
    void sendText(const QByteArray &frame);
    // Sends a close frame, then lets the reader go; nothing is reported after this.
    void closeAndRelease(int code, const QString &reason);
    // Aborts the socket (no close frame) and lets the reader go; nothing is reported after this.
    void abortAndRelease();

Q_SIGNALS:
    void opened();
    // Frames of one socket read, in order. Already in the log store (tagged with the socket id
    // from pusher:connection_established) when this arrives.
    void framesReceived(const QList<cs::WireFrame> &frames);
    void tlsErrors(const cs::WireTlsErrors &errors);
    void socketError(const QString &errorString, bool opened);
    void closed(const cs::WireClose &close);

private:
    void release(int code, const QString &reason);

    std::shared_ptr<WireFlow> m_flow = std::make_shared<WireFlow>();
    WireReader *m_reader = nullptr;  // deleted only through release()
};

}  // namespace cs

Q_DECLARE_METATYPE(cs::WireFrame)
Q_DECLARE_METATYPE(cs::WireClose)
Q_DECLARE_METATYPE(cs::WireTlsErrors)
