#pragma once
// The frame source: a local Pusher-protocol server on loopback that completes the WebSocket and
// Pusher handshakes, waits for a pusher:subscribe, then streams N pre-encoded channel events on
// the subscribed channel and a final `bench-end` marker, either as fast as the socket accepts or
// paced at a fixed rate. It runs in its own process (`channelscope-bench source`) so that the
// reader being measured has the event loop and a core to itself.

#include <QJsonObject>
#include <QObject>
#include <QStringList>

class QTcpServer;

namespace cs::bench {

struct SourceOptions {
    quint16 port = 0;  // 0: any free port (printed)
    qint64 events = 100'000;
    double rate = 0;      // events per second; 0: as fast as the socket accepts
    bool repeat = false;  // serve every client that comes, one stream each, until killed
};

class FrameSource : public QObject {
    Q_OBJECT
public:
    explicit FrameSource(const SourceOptions &options, QObject *parent = nullptr);

    bool listen(QString *error);
    quint16 port() const;

Q_SIGNALS:
    // A client left; `summary` says how many events it was sent and how fast.
    void clientFinished(const QJsonObject &summary);

private:
    void onNewConnection();

    SourceOptions m_options;
    QTcpServer *m_server;
};

// `channelscope-bench source …`: prints {"listening":PORT} first and, when the (only) client has
// left, its summary; with --repeat it serves until killed.
int runSource(const QStringList &args);

}  // namespace cs::bench
