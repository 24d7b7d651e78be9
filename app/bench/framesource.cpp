#include "framesource.h"

#include "benchutil.h"
#include "orderframes.h"
#include "websocketwire.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cmath>
#include <cstring>
#include <functional>
#include <memory>

namespace cs::bench {

namespace {

constexpr qint64 kWriteHighWater = 1 << 20;  // keep at most ~1 MB queued in the socket
constexpr qint64 kFramesPerWrite = 256;
constexpr int kPaceIntervalMs = 1;

QByteArray pusherFrame(const QByteArray &event, const QByteArray &channel, const QByteArray &dataJson)
{
    QByteArray json = "{\"event\":" + jsonString(event);
    if (!channel.isEmpty())
        json += ",\"channel\":" + jsonString(channel);
    return json + ",\"data\":" + jsonString(dataJson) + "}";
}

// One client: HTTP upgrade, Pusher handshake, subscribe, then the stream.
class SourceClient : public QObject {
public:
    SourceClient(QTcpSocket *socket, const SourceOptions &options, std::function<void(const QJsonObject &)> finished)
        : QObject(socket),
          m_socket(socket),
          m_options(options),
          m_finished(std::move(finished))
    {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_pace.setTimerType(Qt::PreciseTimer);
        connect(&m_pace, &QTimer::timeout, this, &SourceClient::pump);
        connect(m_socket, &QTcpSocket::readyRead, this, &SourceClient::onReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &SourceClient::pump);
        connect(m_socket, &QTcpSocket::disconnected, this, &SourceClient::onDisconnected);
    }

private:
    enum class Phase { Http, WaitSubscribe, Streaming, Done };

    void onReadyRead()
    {
        m_in += m_socket->readAll();
        if (m_phase == Phase::Http) {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const auto answer = ws::upgradeResponse(m_in.left(end));
            m_in.remove(0, end + 4);
            if (!answer) {
                m_socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                m_socket->disconnectFromHost();
                return;
            }
            m_socket->write(*answer);
            sendText(
                pusherFrame("pusher:connection_established", {}, "{\"socket_id\":\"1.1\",\"activity_timeout\":120}"));
            m_phase = Phase::WaitSubscribe;
        }
        while (auto frame = ws::takeClientFrame(m_in))
            onClientFrame(*frame);
    }

    void onClientFrame(const ws::ClientFrame &frame)
    {
        if (frame.opcode == ws::Close) {
            m_socket->write(ws::serverFrame(ws::Close, frame.payload.left(2)));
            m_socket->disconnectFromHost();
            return;
        }
        if (frame.opcode == ws::Ping) {
            m_socket->write(ws::serverFrame(ws::Pong, frame.payload));
            return;
        }
        if (frame.opcode != ws::Text)
            return;
        const QJsonObject message = QJsonDocument::fromJson(frame.payload).object();
        const QString event = message.value(QLatin1String("event")).toString();
        if (event == QLatin1String("pusher:ping")) {
            sendText(pusherFrame("pusher:pong", {}, "{}"));
        } else if (event == QLatin1String("pusher:subscribe") && m_phase == Phase::WaitSubscribe) {
            QJsonValue data = message.value(QLatin1String("data"));
            if (data.isString())
                data = QJsonDocument::fromJson(data.toString().toUtf8()).object();
            startStream(data.toObject().value(QLatin1String("channel")).toString().toUtf8());
        }
    }

    void startStream(const QByteArray &channel)
    {
        m_channel = channel;
        sendText(pusherFrame("pusher_internal:subscription_succeeded", channel, "{}"));
        m_frames = std::make_unique<OrderFrames>(channel, QByteArray(kEventName));
        m_header = ws::frameHeader(ws::Text, m_frames->frameSize());
        m_phase = Phase::Streaming;
        m_startNs = monotonicNs();
        if (m_options.rate > 0)
            m_pace.start(kPaceIntervalMs);
        pump();
    }

    // Writes the events that are due (all of them when not paced) while the socket has room.
    void pump()
    {
        if (m_phase != Phase::Streaming)
            return;
        const qint64 total = m_options.events;
        qint64 due = total;
        if (m_options.rate > 0)
            due = std::min(total, qint64(std::floor(m_options.rate * double(monotonicNs() - m_startNs) / 1e9)) + 1);
        const qsizetype frameBytes = m_header.size() + m_frames->frameSize();
        while (m_sent < due && m_socket->bytesToWrite() < kWriteHighWater) {
            const qint64 count = std::min(due - m_sent, kFramesPerWrite);
            QByteArray chunk(frameBytes * count, Qt::Uninitialized);
            char *out = chunk.data();
            for (qint64 i = 0; i < count; ++i, out += frameBytes) {
                std::memcpy(out, m_header.constData(), size_t(m_header.size()));
                m_frames->write(m_sent + i, out + m_header.size());
            }
            if (m_sent == 0)
                m_firstSentNs = monotonicNs();
            m_socket->write(chunk);
            m_sent += count;
        }
        if (m_sent == total)
            sendMarker();
    }

    void sendMarker()
    {
        m_pace.stop();
        m_markerNs = monotonicNs();
        const QByteArray data = "{\"events\":" + QByteArray::number(m_sent)
                                + ",\"first_sent_ns\":" + QByteArray::number(m_firstSentNs)
                                + ",\"marker_sent_ns\":" + QByteArray::number(m_markerNs) + "}";
        sendText(pusherFrame(kMarkerEvent, m_channel, data));
        m_phase = Phase::Done;
    }

    void sendText(const QByteArray &json) { m_socket->write(ws::serverFrame(ws::Text, json)); }

    void onDisconnected()
    {
        m_pace.stop();
        const double seconds =
            m_markerNs > m_firstSentNs && m_firstSentNs > 0 ? double(m_markerNs - m_firstSentNs) / 1e9 : 0;
        QJsonObject summary{
            {QStringLiteral("part"), QStringLiteral("source")},
            {QStringLiteral("channel"), QString::fromUtf8(m_channel)},
            {QStringLiteral("events_sent"), m_sent},
            {QStringLiteral("marker_sent"), m_phase == Phase::Done},
            {QStringLiteral("rate_target"), m_options.rate},
            {QStringLiteral("send_seconds"), seconds},
            {QStringLiteral("rate_sent"), seconds > 0 ? double(m_sent) / seconds : 0.0},
        };
        if (m_frames) {
            summary.insert(QStringLiteral("frame_bytes"), m_frames->frameSize());
            summary.insert(QStringLiteral("data_bytes"), m_frames->dataSize());
        }
        m_socket->deleteLater();
        m_finished(summary);
    }

    QTcpSocket *m_socket;
    SourceOptions m_options;
    std::function<void(const QJsonObject &)> m_finished;
    Phase m_phase = Phase::Http;
    QByteArray m_in;
    QByteArray m_channel;
    std::unique_ptr<OrderFrames> m_frames;
    QByteArray m_header;
    QTimer m_pace;
    qint64 m_sent = 0;
    qint64 m_startNs = 0;
    qint64 m_firstSentNs = 0;
    qint64 m_markerNs = 0;
};

}  // namespace

FrameSource::FrameSource(const SourceOptions &options, QObject *parent)
    : QObject(parent),
      m_options(options),
      m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FrameSource::onNewConnection);
}

bool FrameSource::listen(QString *error)
{
    if (m_server->listen(QHostAddress::LocalHost, m_options.port))
        return true;
    if (error)
        *error = m_server->errorString();
    return false;
}

quint16 FrameSource::port() const { return m_server->serverPort(); }

void FrameSource::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        new SourceClient(socket, m_options, [this](const QJsonObject &summary) { Q_EMIT clientFinished(summary); });
        if (!m_options.repeat)
            m_server->pauseAccepting();  // one stream per process: a second client would share the core
    }
}

int runSource(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Serve pre-encoded Pusher channel events on loopback."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (default: any free one)."), QStringLiteral("port"),
         QStringLiteral("0")},
        {QStringLiteral("events"), QStringLiteral("Channel events per stream."), QStringLiteral("n"),
         QStringLiteral("100000")},
        {QStringLiteral("rate"), QStringLiteral("Events per second (default 0: as fast as the socket accepts)."),
         QStringLiteral("r"), QStringLiteral("0")},
        {QStringLiteral("repeat"), QStringLiteral("Serve every client that connects until killed.")},
    });
    parser.process(args);
    SourceOptions options;
    options.port = quint16(parser.value(QStringLiteral("port")).toUInt());
    options.events = parser.value(QStringLiteral("events")).toLongLong();
    options.rate = parser.value(QStringLiteral("rate")).toDouble();
    options.repeat = parser.isSet(QStringLiteral("repeat"));
    if (options.events <= 0 || options.rate < 0) {
        qCritical("source: --events must be positive and --rate not negative");
        return 2;
    }

    FrameSource source(options);
    QString error;
    if (!source.listen(&error)) {
        qCritical("source: cannot listen: %s", qPrintable(error));
        return 1;
    }
    printResult({{QStringLiteral("listening"), source.port()}});
    QObject::connect(&source, &FrameSource::clientFinished, &source, [&options](const QJsonObject &summary) {
        if (options.repeat) {
            qInfo("source: %s", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
            return;
        }
        printResult(summary);
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}

}  // namespace cs::bench
